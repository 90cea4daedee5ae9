//! German date expressions in running text, resolved against the article's own date.
//!
//! `am 11. und 12. Juli` in an article of June 2023 is 11–12 July 2023; `vor knapp 14 Monaten`
//! in an article of 20 April 2023 is about February 2022. The text is cut into words and
//! numbers, and a small hand-written grammar reads each expression the way an editor would:
//! absolute dates, dates missing their year, parts of months, years and decades, and dates
//! counted from the article's date. What only looks like a date (`2,3 Milliarden`,
//! `300 Soldaten`, `Leopard 2A4`, `Artikel 5`) is not one.
//!
//! When the article's date is coarser than an expression needs (a weekday in an article dated
//! only to a month), the span is widened to what that date supports and says so
//! ([`Basis::CoarseArticleDate`]) rather than inventing a day.

use std::ops::Range;

use jiff::civil::{Date, Weekday};

use super::span::{Part, Relation, TimeSpan, Unit, add_days, ymd};
use super::{PartialDate, Precision};

/// A date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpression {
    /// Where it stands in the text, in bytes.
    pub range: Range<usize>,
    /// What it resolves to.
    pub span: TimeSpan,
    /// What the resolution rests on besides the words.
    pub basis: Basis,
}

/// What a resolution rests on besides the expression's own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// The text gives the date in full.
    Stated,
    /// The year was taken from the article's date: the nearest year that fits.
    YearFromArticle,
    /// Counted from the article's date (`am Donnerstag`, `vor 14 Monaten`).
    RelativeToArticle,
    /// Counted from an article date too coarse for the expression: the span is what that date
    /// supports, no finer.
    CoarseArticleDate,
}

/// Finds the date expressions in `text` and resolves them against `article_date`.
pub fn find_date_expressions(text: &str, article_date: PartialDate) -> Vec<DateExpression> {
    let tokens = tokenize(text);
    let reader = Reader {
        tokens: &tokens,
        clauses: Clauses::new(&tokens),
        anchor: Anchor::new(article_date),
        last_year: std::cell::Cell::new(None),
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match reader.expression_at(i) {
            Some((end, expression)) => {
                // An expression that reads as a date but names none (`30. Februar`) is skipped
                // whole, so its month is not read on its own.
                found.extend(expression);
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letters, or letters and digits (`Juli`, `1990er-Jahre`, `2A4`).
    Word,
    /// Digits only, maybe with a trailing `.` (`2022`, `13.`).
    Number,
    /// Digits with `.` or `,` inside (`2,3`, `204.000`): amounts, never dates.
    Amount,
    /// `13.11.2024` or `13.11.`.
    NumericDate,
    /// Any other visible character.
    Punct,
}

#[derive(Debug, Clone)]
struct Token<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    kind: Kind,
    /// Lowercase text of words.
    lower: String,
    /// The value of numbers.
    value: u32,
    /// Whether a number is followed directly by `.` (an ordinal, or a sentence end).
    ordinal: bool,
}

impl Token<'_> {
    fn capitalised(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(text.len(), |&(o, _)| o);
    let mut tokens = Vec::new();
    let mut k = 0;
    while let Some(c) = at(k) {
        let begin = k;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        let mut kind = if c.is_ascii_digit() {
            Kind::Number
        } else if c.is_alphanumeric() {
            Kind::Word
        } else {
            k += 1;
            tokens.push(token(text, offset(begin), offset(k), Kind::Punct));
            continue;
        };
        if kind == Kind::Number {
            while at(k).is_some_and(|c| c.is_ascii_digit()) {
                k += 1;
            }
            // `13.11.2024`, `13.11.`: one token, so the parts are not read as ordinals.
            if let Some(end) = numeric_date_end(&chars, begin) {
                tokens.push(token(text, offset(begin), offset(end), Kind::NumericDate));
                k = end;
                continue;
            }
            // `2,3`, `204.000`
            while matches!(at(k), Some('.' | ',')) && at(k + 1).is_some_and(|c| c.is_ascii_digit())
            {
                kind = Kind::Amount;
                k += 1;
                while at(k).is_some_and(|c| c.is_ascii_digit()) {
                    k += 1;
                }
            }
        }
        // Letters after digits make a word (`1990er`, `2A4`); hyphens join parts (`F-16`).
        loop {
            match at(k) {
                Some(c) if c.is_alphanumeric() && (kind != Kind::Amount) => {
                    if !c.is_ascii_digit() {
                        kind = Kind::Word;
                    }
                    k += 1;
                }
                Some('-' | '\u{2011}')
                    if at(k + 1).is_some_and(char::is_alphanumeric) && kind != Kind::Amount =>
                {
                    kind = Kind::Word;
                    k += 1;
                }
                _ => break,
            }
        }
        let mut t = token(text, offset(begin), offset(k), kind);
        if kind == Kind::Number {
            t.value = t.text.parse().unwrap_or(u32::MAX);
            if at(k) == Some('.') {
                t.ordinal = true;
                k += 1;
                t.end = offset(k);
            }
        }
        tokens.push(t);
    }
    tokens
}

fn token(text: &str, start: usize, end: usize, kind: Kind) -> Token<'_> {
    let slice = &text[start..end];
    Token {
        text: slice,
        start,
        end,
        kind,
        lower: if kind == Kind::Word {
            slice.to_lowercase()
        } else {
            String::new()
        },
        value: 0,
        ordinal: false,
    }
}

/// The end (char index) of `D.M.` or `D.M.YY(YY)` starting at `begin`, if one stands there.
fn numeric_date_end(chars: &[(usize, char)], begin: usize) -> Option<usize> {
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_digit())
            .count()
    };
    let dot = |k: usize| chars.get(k).is_some_and(|&(_, c)| c == '.');
    let d = digits(begin);
    if !(1..=2).contains(&d) || !dot(begin + d) {
        return None;
    }
    let m_at = begin + d + 1;
    let m = digits(m_at);
    if !(1..=2).contains(&m) || !dot(m_at + m) {
        return None;
    }
    let y_at = m_at + m + 1;
    let y = digits(y_at);
    let end = match y {
        0 => y_at,
        2 | 4 => y_at + y,
        _ => return None,
    };
    // `1.2.3.4` is a version or an outline number, not a date.
    let after = chars.get(end).map(|&(_, c)| c);
    if after.is_some_and(|c| c.is_alphanumeric())
        || (after == Some('.') && chars.get(end + 1).is_some_and(|(_, c)| c.is_ascii_digit()))
    {
        return None;
    }
    Some(end)
}

// ---------------------------------------------------------------------------------------------
// Word lists

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

fn month_number(word: &str, abbreviated: bool) -> Option<u8> {
    if let Some(i) = MONTHS.iter().position(|m| *m == word) {
        return Some(i as u8 + 1);
    }
    let other = match word {
        "jänner" => 1,
        "maerz" => 3,
        _ if !abbreviated => return None,
        "jan" => 1,
        "feb" => 2,
        "mär" | "mrz" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "okt" => 10,
        "nov" => 11,
        "dez" => 12,
        _ => return None,
    };
    Some(other)
}

const WEEKDAYS: [(&str, Weekday); 8] = [
    ("montag", Weekday::Monday),
    ("dienstag", Weekday::Tuesday),
    ("mittwoch", Weekday::Wednesday),
    ("donnerstag", Weekday::Thursday),
    ("freitag", Weekday::Friday),
    ("samstag", Weekday::Saturday),
    ("sonnabend", Weekday::Saturday),
    ("sonntag", Weekday::Sunday),
];

/// Parts of a day that may follow a weekday or `heute` (`Dienstagabend`, `gestern Abend`).
const DAY_PARTS: [&str; 7] = [
    "abend",
    "morgen",
    "nachmittag",
    "vormittag",
    "mittag",
    "nacht",
    "früh",
];

/// `(weekday, whether a part of the day follows it in the same word)`.
fn weekday(word: &str) -> Option<(Weekday, bool)> {
    WEEKDAYS.iter().find_map(|&(name, day)| {
        let rest = word.strip_prefix(name)?;
        (rest.is_empty() || DAY_PARTS.contains(&rest)).then_some((day, !rest.is_empty()))
    })
}

fn number_word(word: &str) -> Option<i32> {
    Some(match word {
        "ein" | "eine" | "einem" | "einen" | "einer" | "eines" => 1,
        "zwei" => 2,
        "drei" => 3,
        "vier" => 4,
        "fünf" => 5,
        "sechs" => 6,
        "sieben" => 7,
        "acht" => 8,
        "neun" => 9,
        "zehn" => 10,
        "elf" => 11,
        "zwölf" => 12,
        "dreizehn" => 13,
        "vierzehn" => 14,
        "fünfzehn" => 15,
        "sechzehn" => 16,
        "achtzehn" => 18,
        "zwanzig" => 20,
        "dreißig" => 30,
        "vierzig" => 40,
        "fünfzig" => 50,
        "hundert" => 100,
        _ => return None,
    })
}

/// Units a count of time is given in, as months or days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Count {
    Days(i64),
    Months(i64),
}

/// `(unit word) → (size of one, the precision a count of them has)`.
fn time_unit(word: &str) -> Option<(Count, Unit)> {
    Some(match word {
        "tag" | "tage" | "tagen" => (Count::Days(1), Unit::Day),
        "woche" | "wochen" => (Count::Days(7), Unit::Week),
        "monat" | "monate" | "monaten" => (Count::Months(1), Unit::Month),
        "jahr" | "jahre" | "jahren" => (Count::Months(12), Unit::Year),
        "jahrzehnt" | "jahrzehnte" | "jahrzehnten" => (Count::Months(120), Unit::Year),
        _ => return None,
    })
}

/// Words before a count that make it approximate.
const APPROXIMATELY: [&str; 9] = [
    "knapp",
    "rund",
    "etwa",
    "gut",
    "fast",
    "beinahe",
    "ungefähr",
    "circa",
    "nahezu",
];

/// `diese`, `kommende`, `vergangenen`...: which unit, counted from the article's.
fn shift_word(word: &str) -> Option<i32> {
    let stem = word
        .trim_end_matches(['n', 'r', 's', 'm'])
        .trim_end_matches('e');
    Some(match stem {
        "dies" | "laufend" => 0,
        "kommend" | "nächst" => 1,
        "übernächst" => 2,
        "vergangen" | "letzt" | "vorig" | "zurückliegend" => -1,
        "vorletzt" => -2,
        _ => return None,
    })
}

/// `Woche`, `Monat(s)`, `Jahr(es)`: the unit `diese`, `kommende` or `Ende des` count.
fn calendar_unit(word: &str) -> Option<Unit> {
    Some(match word {
        "woche" => Unit::Week,
        "monat" | "monats" => Unit::Month,
        "jahr" | "jahres" | "jahrs" => Unit::Year,
        _ => return None,
    })
}

fn part_word(word: &str) -> Option<Part> {
    Some(match word {
        "anfang" | "beginn" => Part::Early,
        "mitte" => Part::Mid,
        "ende" => Part::Late,
        _ => return None,
    })
}

fn season_word(word: &str) -> Option<Part> {
    Some(match word {
        "frühjahr" | "frühling" => Part::Spring,
        "sommer" => Part::Summer,
        "herbst" => Part::Autumn,
        "winter" => Part::Winter,
        _ => return None,
    })
}

fn ordinal_word(word: &str) -> Option<u8> {
    let stem = word
        .trim_end_matches(['n', 'r', 's', 'm'])
        .trim_end_matches('e');
    Some(match stem {
        "erst" => 1,
        "zweit" => 2,
        "dritt" => 3,
        "viert" => 4,
        _ => return None,
    })
}

/// Words after a number that make it a count, not a year (`bis 2030 Euro`).
const AMOUNT_UNITS: [&str; 6] = ["prozent", "mal", "%", "euro", "dollar", "stück"];

/// Words before a number that make it a count (`rund 2000`, `bis zu 2000`, `mehr als 1900`).
const AMOUNT_WORDS: [&str; 16] = [
    "rund",
    "etwa",
    "über",
    "mehr",
    "als",
    "knapp",
    "fast",
    "mindestens",
    "höchstens",
    "insgesamt",
    "nur",
    "gut",
    "zu",
    "auf",
    "weitere",
    "circa",
];

/// Verbs that put a clause in the past, for choosing between the last and the next Friday.
const PAST_VERBS: [&str; 44] = [
    "war",
    "waren",
    "wurde",
    "wurden",
    "hatte",
    "hatten",
    "sagte",
    "sagten",
    "erklärte",
    "erklärten",
    "betonte",
    "betonten",
    "teilte",
    "teilten",
    "kündigte",
    "kündigten",
    "bestätigte",
    "bestätigten",
    "berichtete",
    "berichteten",
    "gab",
    "gaben",
    "kam",
    "kamen",
    "fand",
    "fanden",
    "tagte",
    "tagten",
    "traf",
    "trafen",
    "reiste",
    "besuchte",
    "äußerte",
    "warnte",
    "forderte",
    "appellierte",
    "stand",
    "standen",
    "begann",
    "endete",
    "beschloss",
    "sprach",
    "nannte",
    "stimmte",
];

/// How much further (in days) than the nearest a date stated without its year may be, when
/// the clause's tense points to it.
const LEAN_DAYS: i64 = 120;

/// Words that put a clause in the future.
const FUTURE_WORDS: [&str; 16] = [
    "wird",
    "werden",
    "werde",
    "soll",
    "sollen",
    "solle",
    "will",
    "wollen",
    "plant",
    "planen",
    "geplant",
    "bevorstehenden",
    "erwarten",
    "erwartet",
    "hoffen",
    "hofft",
];

// ---------------------------------------------------------------------------------------------
// Reading

/// An expression as written, before it is placed in time.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Core {
    /// `13. November 2024`, `11. und 12. Juli`.
    Day {
        first: u8,
        last: u8,
        month: u8,
        year: Option<i32>,
    },
    /// `Februar 2022`, `Mitte Dezember`, `Juli bis September`, `im vergangenen Juli`,
    /// `April dieses Jahres` (`years_on`: the year counted from the article's).
    Month {
        first: u8,
        last: u8,
        year: Option<i32>,
        part: Option<Part>,
        shift: Option<i32>,
        years_on: Option<i32>,
    },
    /// `2022`, `Ende 2022`, `2014 bis 2016`.
    Year {
        first: i32,
        last: i32,
        part: Option<Part>,
    },
    /// `Sommer 2023`, `im Herbst`, `im ersten Quartal`.
    Season {
        part: Part,
        year: Option<i32>,
        shift: Option<i32>,
    },
    /// `1990er-Jahre`, `Ende der 90er`; `short` when written with two digits.
    Decade {
        first: i32,
        short: bool,
        part: Option<Part>,
    },
    /// `am Donnerstag`, `kommenden Montag`.
    Weekday { day: Weekday, shift: Option<i32> },
    /// `am Wochenende`.
    Weekend { shift: Option<i32> },
    /// `heute`, `gestern`, `morgen`.
    Today { offset: i64 },
    /// `diese Woche`, `im vergangenen Jahr`, `Ende des Jahres`.
    Current {
        unit: Unit,
        shift: i32,
        part: Option<Part>,
    },
    /// `zum Jahreswechsel`.
    YearTurn,
    /// `im Vorjahr`: the year before the one just named, or before the article's.
    YearBefore,
    /// `Ostern`, `Weihnachten 2024`: days counted from Easter Sunday, or days of December.
    Holiday { holiday: Holiday, year: Option<i32> },
    /// `vor knapp 14 Monaten`, `in vier Wochen`, `seit einem Jahrzehnt`.
    Offset {
        count: Count,
        times: i64,
        unit: Unit,
        approximate: bool,
    },
    /// `der vergangenen vier Jahre`.
    Period {
        count: Count,
        times: i64,
        unit: Unit,
    },
}

impl Core {
    /// Fills in a year a later part of a range states (`30. Juni bis 2. Juli 2023`).
    fn with_year_from(self, later: &Core) -> Core {
        let later_year = match *later {
            Core::Day { year: Some(y), .. } | Core::Month { year: Some(y), .. } => y,
            Core::Season { year: Some(y), .. } => y,
            _ => return self,
        };
        let later_month = match *later {
            Core::Day { month, .. } => month,
            Core::Month { first, .. } => first,
            _ => 12,
        };
        match self {
            Core::Day {
                first,
                last,
                month,
                year: None,
            } => Core::Day {
                first,
                last,
                month,
                year: Some(if month > later_month {
                    later_year - 1
                } else {
                    later_year
                }),
            },
            Core::Month {
                first,
                last,
                year: None,
                part,
                shift: None,
                years_on: None,
            } => Core::Month {
                first,
                last,
                year: Some(if first > later_month {
                    later_year - 1
                } else {
                    later_year
                }),
                part,
                shift: None,
                years_on: None,
            },
            other => other,
        }
    }
}

/// The words that lead into an expression: `seit`, `bis zum`, `vom`, `im`, `der`...
#[derive(Debug, Clone, Copy, Default)]
struct Lead {
    relation: Relation,
    /// `von`/`vom`/`zwischen`: a range may follow.
    opens_range: bool,
    /// `zwischen`: the range continues with `und`.
    between: bool,
    /// The preposition, lowercase.
    preposition: Option<&'static str>,
    /// Any leading word at all: a month name or weekday after one is a date, not a name.
    any: bool,
    /// Where the expression's text starts: after a bare leading article (`dem Jahr 2008`).
    text_start: usize,
    /// The token before the expression.
    before: Option<usize>,
}

const PREPOSITIONS: [&str; 10] = [
    "am", "im", "in", "zum", "zur", "um", "auf", "für", "vor", "an",
];
const ARTICLES: [&str; 6] = ["der", "den", "dem", "des", "die", "das"];

struct Reader<'r, 't> {
    tokens: &'r [Token<'t>],
    clauses: Clauses,
    anchor: Anchor,
    /// The year of the last year-precise expression and where it ends, which `im Vorjahr`
    /// counts back from.
    last_year: std::cell::Cell<Option<(i32, usize)>>,
}

impl Reader<'_, '_> {
    fn word(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        words.contains(&self.word(i))
    }

    fn punct(&self, i: usize, chars: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && chars.contains(t.text))
    }

    /// A day of the month written `13.`.
    fn day_number(&self, i: usize) -> Option<u8> {
        let t = self.tokens.get(i)?;
        (t.kind == Kind::Number && t.ordinal && (1..=31).contains(&t.value) && t.text.len() <= 3)
            .then_some(t.value as u8)
    }

    /// A year written with four digits, 1000 to 2999 (after a month, `Jahr`, `seit`...).
    fn year_number(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        (t.kind == Kind::Number && t.text.len() == 4 && (1000..=2999).contains(&t.value))
            .then_some(t.value as i32)
    }

    /// A year standing on its own, where only 1900 to 2100 is likely a year and not an amount.
    fn bare_year_number(&self, i: usize) -> Option<i32> {
        self.year_number(i).filter(|y| (1900..=2100).contains(y))
    }

    /// A month name at `i` (abbreviations only where `abbreviated`): (month, next token).
    fn month_at(&self, i: usize, abbreviated: bool) -> Option<(u8, usize)> {
        let t = self.tokens.get(i)?;
        if !t.capitalised() {
            return None;
        }
        let month = month_number(&t.lower, false);
        match month {
            Some(m) => Some((m, i + 1)),
            None if abbreviated && self.punct(i + 1, ".") => {
                month_number(&t.lower, true).map(|m| (m, i + 2))
            }
            None => None,
        }
    }

    /// A count: `14`, `vier`, `einem`.
    fn count_at(&self, i: usize) -> Option<i32> {
        let t = self.tokens.get(i)?;
        match t.kind {
            Kind::Number if !t.ordinal && (1..=200).contains(&t.value) => Some(t.value as i32),
            Kind::Word => number_word(&t.lower),
            _ => None,
        }
    }

    /// Whether token `i` starts a sentence (or a quotation, or a line).
    fn sentence_start(&self, i: usize) -> bool {
        i == 0 || self.punct(i - 1, ".!?:;\"„“”»«'‚‘’")
    }

    fn expression_at(&self, i: usize) -> Option<(usize, Option<DateExpression>)> {
        let (lead, j) = self.lead(i)?;
        // `bis heute` means "to this day", not a date.
        if lead.relation == Relation::Until && self.is(j, &["heute", "jetzt"]) {
            return Some((j + 1, None));
        }
        let (mut end, mut core) = self.core(j, &lead)?;
        let mut relation = lead.relation;
        // `von heute an`
        if lead.opens_range && self.is(end, &["an"]) {
            end += 1;
            relation = Relation::From;
        }
        let mut last_core = None;
        let joins = self.is(end, &["bis"])
            || self.punct(end, "-–")
            || (lead.between && self.is(end, &["und"]));
        if joins
            && matches!(relation, Relation::At | Relation::From | Relation::Since)
            && !self.is(end + 1, &["zu"])
        {
            let next_lead = match self.lead(end + 1) {
                Some((l, k)) if l.relation == Relation::At && !l.opens_range => Some((l, k)),
                _ => None,
            };
            if let Some((next_lead, k)) = next_lead
                && let Some((after, later)) = self.core(
                    k,
                    &Lead {
                        any: true,
                        ..next_lead
                    },
                )
            {
                core = core.with_year_from(&later);
                last_core = Some(later);
                end = after;
                relation = Relation::At;
            }
        }
        let tense = self.tense(i, end);
        let lean = match (relation, tense) {
            (Relation::Since, _) => Lean::SinceBefore,
            (Relation::From | Relation::Until, _) | (_, Tense::Future) => Lean::Future,
            (_, Tense::Past) => Lean::Past,
            _ => Lean::Nearest,
        };
        // `im Vorjahr` counts from a year named in the same or the sentence before.
        let previous_year = self.last_year.get().and_then(|(year, at)| {
            let stops = self.clauses.between(at, i).sentence_ends;
            (stops <= 1).then_some(year)
        });
        let Some((mut span, mut basis)) = self.anchor.resolve(core, tense, lean, previous_year)
        else {
            return Some((end, None));
        };
        if let Some(later) = last_core {
            match self.anchor.resolve(later, tense, lean, previous_year) {
                Some((last, last_basis)) if last.end >= span.start => {
                    span = span.through(last);
                    basis = basis.max(last_basis);
                }
                _ => return Some((end, None)),
            }
        }
        span.relation = relation;
        if span.precision() == Precision::Year && !span.is_range() && relation == Relation::At {
            self.last_year
                .set(Some((i32::from(span.start.year()), end)));
        }
        let first = self.tokens[lead.text_start].start;
        let last = self.tokens[end - 1].end;
        // A trailing `.` ends the sentence, not the expression (`im Jahr 2008.`), unless it is a
        // day's (`am 13.`, which a month name would have followed) or an abbreviation's.
        let last_token = &self.tokens[end - 1];
        let last = if last_token.kind == Kind::Number
            && last_token.ordinal
            && last_token.text.len() == 4
        {
            last - 1
        } else {
            last
        };
        Some((
            end,
            Some(DateExpression {
                range: first..last,
                span,
                basis,
            }),
        ))
    }

    /// Reads the leading words of an expression at `i`; returns them and where the core starts.
    fn lead(&self, i: usize) -> Option<(Lead, usize)> {
        let mut lead = Lead {
            text_start: i,
            before: i.checked_sub(1),
            ..Lead::default()
        };
        let mut j = i + 1;
        match self.word(i) {
            "seit" => lead.relation = Relation::Since,
            "ab" => lead.relation = Relation::From,
            "bis" | "spätestens" => lead.relation = Relation::Until,
            "von" | "vom" => lead.opens_range = true,
            "zwischen" => {
                lead.opens_range = true;
                lead.between = true;
            }
            _ => j = i,
        }
        // `bis zu 2000 Soldaten` is an amount.
        if lead.relation == Relation::Until && self.is(j, &["zu"]) {
            return None;
        }
        if let Some(p) = PREPOSITIONS.iter().find(|p| **p == self.word(j)) {
            lead.preposition = Some(p);
            j += 1;
        }
        // `am`, `im`, `seit` belong to the expression; `auf den` (Mittwoch) and a bare article do not.
        let loose =
            j == i || (j == i + 1 && matches!(lead.preposition, Some("auf" | "für" | "um" | "an")));
        if loose {
            lead.text_start = j;
        }
        if self.is(j, &ARTICLES) {
            if loose {
                lead.text_start = j + 1;
            }
            j += 1;
        }
        lead.any = j > i;
        // An empty lead is read from the next word, so this never re-reads the same start.
        Some((lead, j))
    }

    /// Reads the expression proper at `j`: its end and what it says.
    fn core(&self, j: usize, lead: &Lead) -> Option<(usize, Core)> {
        let token = self.tokens.get(j)?;
        let word = token.lower.as_str();

        if let Some(part) = part_word(word) {
            return self.part_of(j + 1, part);
        }
        if let Some(found) = self.compound_part(j) {
            return Some(found);
        }
        if let Some(found) = self.season(j, lead.any, None) {
            return Some(found);
        }
        if let Some(found) = self.quarter(j) {
            return Some(found);
        }
        if let Some(shift) = shift_word(word) {
            return self.shifted(j + 1, shift, lead);
        }
        if let Some(found) = self.weekday_at(j, lead.any, None) {
            return Some(found);
        }
        if let Some(holiday) = holiday(word)
            && token.capitalised()
        {
            let year = self.year_number(j + 1);
            return Some((
                j + 1 + usize::from(year.is_some()),
                Core::Holiday { holiday, year },
            ));
        }
        if let Some(found) = self.today(j, lead) {
            return Some(found);
        }
        if let Some(found) = self.offset(j, lead) {
            return Some(found);
        }
        if let Some(found) = self.day(j) {
            return Some(found);
        }
        if let Some(found) = self.month(j, lead.any, None, None) {
            return Some(found);
        }
        if let Some(found) = self.decade(j, lead.any, None) {
            return Some(found);
        }
        // `2014-2016`, one word to the tokenizer.
        if let Some((first, last)) = word.split_once('-')
            && first.len() == 4
            && last.len() == 4
            && let (Ok(first), Ok(last)) = (first.parse::<i32>(), last.parse::<i32>())
            && (1900..=2100).contains(&first)
            && first < last
            && last <= first + 100
        {
            return Some((
                j + 1,
                Core::Year {
                    first,
                    last,
                    part: None,
                },
            ));
        }
        if matches!(word, "jahr" | "jahre" | "jahres")
            && let Some(y) = self.year_number(j + 1)
        {
            return Some(self.year_range(j + 1, y, lead));
        }
        let strong = matches!(
            lead.relation,
            Relation::Since | Relation::Until | Relation::From
        );
        // `seit 1881`, `Aufzeichnungen 1881`: a long noun before a number dates it.
        let dated_noun = lead.before.is_some_and(|b| {
            let t = &self.tokens[b];
            !lead.any && t.capitalised() && t.text.chars().count() > 7
        });
        let year = if lead.relation == Relation::Since || dated_noun {
            self.year_number(j)
        } else {
            self.bare_year_number(j)
        };
        if let Some(y) = year
            && self.bare_year_is_date(j, strong, lead)
        {
            return Some(self.year_range(j, y, lead));
        }
        None
    }

    /// A year, maybe continued to a range (`2014 bis 2016`, `zwischen 2014 und 2016`).
    fn year_range(&self, j: usize, year: i32, lead: &Lead) -> (usize, Core) {
        let joiner = self.is(j + 1, &["bis"])
            || self.punct(j + 1, "-–")
            || (lead.between && self.is(j + 1, &["und"]));
        if joiner
            && let Some(last) = self.year_number(j + 2)
            && last > year
        {
            return (
                j + 3,
                Core::Year {
                    first: year,
                    last,
                    part: None,
                },
            );
        }
        (
            j + 1,
            Core::Year {
                first: year,
                last: year,
                part: None,
            },
        )
    }

    /// A bare four-digit number is a year unless its neighbours make it an amount.
    fn bare_year_is_date(&self, j: usize, strong: bool, lead: &Lead) -> bool {
        let next = self.tokens.get(j + 1);
        let next_word = self.word(j + 1);
        if AMOUNT_UNITS.contains(&next_word) || self.punct(j + 1, "%") {
            return false;
        }
        // `1990er` is read as a decade; `2000-mal` is one word.
        if strong {
            return true;
        }
        // `stieg auf 1950` is an amount; `auf 2025 verschoben` a date.
        if lead.preposition == Some("auf")
            && !matches!(
                next_word,
                "verschoben" | "vertagt" | "verlegt" | "vorgezogen"
            )
        {
            return false;
        }
        if let Some(before) = lead.before {
            let prev = &self.tokens[before];
            if AMOUNT_WORDS.contains(&prev.lower.as_str()) {
                return false;
            }
            // `Agenda 2030`, `Euro 2024`: a short word before a year makes a name with it;
            // `Aufzeichnungen 1881`, `Bundestagswahl 2025` date what they name.
            if prev.capitalised()
                && !self.sentence_start(before)
                && !lead.any
                && prev.text.chars().count() <= 7
            {
                return false;
            }
        }
        // `2000 Soldaten`: a count of something; after `2012.` a new sentence starts.
        let ends_sentence = self.tokens[j].ordinal;
        if !ends_sentence
            && next.is_some_and(|t| t.capitalised() && month_number(&t.lower, false).is_none())
        {
            return false;
        }
        // `2024/25`, `2000-2005` are read elsewhere or are not dates.
        !self.punct(j + 1, "/")
    }

    /// After `Anfang`/`Mitte`/`Ende`: a month, a year, a decade, or the current year/month/week.
    fn part_of(&self, j: usize, part: Part) -> Option<(usize, Core)> {
        if let Some(found) = self.month(j, true, Some(part), None) {
            return Some(found);
        }
        if let Some(y) = self.year_number(j) {
            return Some((
                j + 1,
                Core::Year {
                    first: y,
                    last: y,
                    part: Some(part),
                },
            ));
        }
        if self.is(j, &["der", "den"])
            && let Some(found) = self.decade(j + 1, true, Some(part))
        {
            return Some(found);
        }
        // `Ende des Jahres`, `Anfang nächsten Jahres`, `Ende der kommenden Woche`.
        let mut k = j;
        if self.is(k, &["des", "der", "dieses", "dieser", "diesen"]) {
            k += usize::from(!self.word(k).starts_with("dies"));
        }
        let shift = shift_word(self.word(k));
        if shift.is_some() || self.word(k).starts_with("dies") {
            k += 1;
        }
        let shift = shift.unwrap_or(0);
        let unit = calendar_unit(self.word(k))?;
        Some((
            k + 1,
            Core::Current {
                unit,
                shift,
                part: Some(part),
            },
        ))
    }

    /// `Jahresende`, `Monatsanfang`, `Jahreswechsel`, `Vorjahr`, `Vorwoche`.
    fn compound_part(&self, j: usize) -> Option<(usize, Core)> {
        let word = self.word(j);
        let (unit, rest) = if let Some(rest) = word.strip_prefix("jahres") {
            (Unit::Year, rest)
        } else if let Some(rest) = word.strip_prefix("monats") {
            (Unit::Month, rest)
        } else {
            let (unit, shift) = match word {
                "vorjahr" | "vorjahres" => return Some((j + 1, Core::YearBefore)),
                "vormonat" | "vormonats" => (Unit::Month, -1),
                "vorwoche" => (Unit::Week, -1),
                _ => return None,
            };
            return Some((
                j + 1,
                Core::Current {
                    unit,
                    shift,
                    part: None,
                },
            ));
        };
        let part = match rest {
            "anfang" | "beginn" => Part::Early,
            "mitte" => Part::Mid,
            "ende" => Part::Late,
            "wechsel" if unit == Unit::Year => return Some((j + 1, Core::YearTurn)),
            _ => return None,
        };
        Some((
            j + 1,
            Core::Current {
                unit,
                shift: 0,
                part: Some(part),
            },
        ))
    }

    /// `Sommer 2023`, `im Frühjahr`, `Winter 2022/23`.
    fn season(&self, j: usize, context: bool, shift: Option<i32>) -> Option<(usize, Core)> {
        let part = season_word(self.word(j))?;
        if !self.tokens[j].capitalised() {
            return None;
        }
        if let Some(y) = self.year_number(j + 1) {
            // `Winter 2022/23`
            let end = if self.punct(j + 2, "/")
                && self
                    .tokens
                    .get(j + 3)
                    .is_some_and(|t| t.kind == Kind::Number)
            {
                j + 4
            } else {
                j + 2
            };
            return Some((
                end,
                Core::Season {
                    part,
                    year: Some(y),
                    shift: None,
                },
            ));
        }
        (context || shift.is_some()).then_some((
            j + 1,
            Core::Season {
                part,
                year: None,
                shift,
            },
        ))
    }

    /// `im ersten Quartal 2023`, `in der zweiten Jahreshälfte`, `im 1. Halbjahr`.
    fn quarter(&self, j: usize) -> Option<(usize, Core)> {
        let n = ordinal_word(self.word(j)).or_else(|| self.day_number(j).filter(|n| *n <= 4))?;
        let part = match self.word(j + 1) {
            "quartal" | "quartals" if n <= 4 => Part::Quarter(n),
            "halbjahr" | "halbjahres" | "jahreshälfte" if n <= 2 => Part::Half(n),
            _ => return None,
        };
        if let Some(y) = self.year_number(j + 2) {
            return Some((
                j + 3,
                Core::Season {
                    part,
                    year: Some(y),
                    shift: None,
                },
            ));
        }
        Some((
            j + 2,
            Core::Season {
                part,
                year: None,
                shift: None,
            },
        ))
    }

    /// After `diese`, `kommende`, `vergangenen`...: a unit, a weekday, a season, a month, or a
    /// counted period (`der vergangenen vier Jahre`).
    fn shifted(&self, j: usize, shift: i32, lead: &Lead) -> Option<(usize, Core)> {
        if let Some(unit) = calendar_unit(self.word(j)) {
            return Some((
                j + 1,
                Core::Current {
                    unit,
                    shift,
                    part: None,
                },
            ));
        }
        if self.is(j, &["wochenende", "wochenendes"]) {
            return Some((j + 1, Core::Weekend { shift: Some(shift) }));
        }
        if let Some(found) = self.weekday_at(j, true, Some(shift)) {
            return Some(found);
        }
        if let Some(found) = self.season(j, true, Some(shift)) {
            return Some(found);
        }
        if let Some(found) = self.month(j, true, None, Some(shift)) {
            return Some(found);
        }
        // `in den vergangenen vier Jahren`: a period reaching to the article's date.
        if shift != 0
            && (lead.any || j >= 2)
            && let Some(times) = self.count_at(j)
            && let Some((count, unit)) = time_unit(self.word(j + 1))
            && times > 1
        {
            return Some((
                j + 2,
                Core::Period {
                    count,
                    times: i64::from(times * shift.signum()),
                    unit,
                },
            ));
        }
        None
    }

    /// `am Donnerstag`, `Dienstagabend`, `Donnerstag, 13. Juli`.
    fn weekday_at(&self, j: usize, context: bool, shift: Option<i32>) -> Option<(usize, Core)> {
        let t = self.tokens.get(j)?;
        let (day, with_part) = weekday(&t.lower)?;
        if !t.capitalised() {
            return None;
        }
        // A stated date after the weekday says more than the weekday.
        let mut k = j + 1;
        if self.punct(k, ",") {
            k += 1;
        }
        if self.is(k, &["den", "dem"]) {
            k += 1;
        }
        if k > j + 1
            && let Some(found) = self.day(k)
        {
            return Some(found);
        }
        let mut end = j + 1;
        if !with_part
            && self
                .tokens
                .get(end)
                .is_some_and(|t| t.capitalised() && DAY_PARTS.contains(&t.lower.as_str()))
        {
            end += 1;
        }
        (context || with_part || shift.is_some()).then_some((end, Core::Weekday { day, shift }))
    }

    /// `heute`, `gestern Abend`, `morgen`, `übermorgen`, `am heutigen Donnerstag`.
    fn today(&self, j: usize, lead: &Lead) -> Option<(usize, Core)> {
        let t = self.tokens.get(j)?;
        let offset = match t.lower.as_str() {
            "heute" | "heutigen" => 0,
            "gestern" | "gestrigen" => -1,
            "vorgestern" => -2,
            "morgen" | "morgigen" => 1,
            "übermorgen" => 2,
            _ => return None,
        };
        // `damals wie heute`, the programme `heute journal`: not the article's day.
        if t.lower == "heute"
            && (j > 0 && self.is(j - 1, &["wie"]) || self.is(j + 1, &["journal", "show"]))
        {
            return None;
        }
        // `Morgen` is the morning (`am Morgen`) except where a sentence starts with it.
        if t.lower == "morgen" && t.capitalised() && (lead.any || !self.sentence_start(j)) {
            return None;
        }
        let mut end = j + 1;
        if t.lower.ends_with("igen") {
            // `am heutigen Donnerstag`, `am gestrigen Tag`
            if weekday(self.word(end)).is_some() || self.is(end, &["tag"]) {
                end += 1;
            } else {
                return None;
            }
        } else if DAY_PARTS.contains(&self.word(end)) {
            end += 1;
        }
        Some((end, Core::Today { offset }))
    }

    /// `vor knapp 14 Monaten`, `in vier Wochen`, `seit einem Jahrzehnt`.
    fn offset(&self, j: usize, lead: &Lead) -> Option<(usize, Core)> {
        // `so viel wie sonst in zwei Monaten` is a length of time, not a date.
        if lead
            .before
            .is_some_and(|b| self.is(b, &["sonst", "wie", "als", "binnen", "innerhalb"]))
        {
            return None;
        }
        let sign = match (lead.preposition, lead.relation) {
            (Some("vor"), Relation::At) => -1,
            (Some("in"), Relation::At) => 1,
            (None, Relation::Since) => -1,
            _ => return None,
        };
        let mut k = j;
        let mut approximate = false;
        if self.is(k, &APPROXIMATELY) {
            approximate = true;
            k += 1;
        } else if self.is(k, &["mehr", "weniger"]) && self.is(k + 1, &["als"]) {
            approximate = true;
            k += 2;
        }
        let times = self.count_at(k)?;
        let (count, unit) = time_unit(self.word(k + 1))?;
        // `vor einem halben Jahr`
        Some((
            k + 2,
            Core::Offset {
                count,
                times: i64::from(times * sign),
                unit,
                approximate: approximate || self.word(k + 1).starts_with("jahrzehnt"),
            },
        ))
    }

    /// `13. November 2024`, `11. und 12. Juli`, `11./12. Juli`, `13.11.2024`, `2024-11-13`.
    fn day(&self, j: usize) -> Option<(usize, Core)> {
        let t = self.tokens.get(j)?;
        if t.kind == Kind::NumericDate {
            let parts: Vec<&str> = t.text.split('.').collect();
            let day: u8 = parts.first()?.parse().ok()?;
            let month: u8 = parts.get(1)?.parse().ok()?;
            let year = match parts.get(2).copied().unwrap_or("") {
                "" => None,
                y if y.len() == 2 => Some(2000 + y.parse::<i32>().ok()?),
                y => Some(y.parse::<i32>().ok()?),
            };
            if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                return None;
            }
            return Some((
                j + 1,
                Core::Day {
                    first: day,
                    last: day,
                    month,
                    year,
                },
            ));
        }
        if t.kind == Kind::Word && t.text.len() == 10 && t.text.as_bytes()[4] == b'-' {
            let date = PartialDate::parse(t.text).ok()?;
            return Some((
                j + 1,
                Core::Day {
                    first: date.day()?,
                    last: date.day()?,
                    month: date.month()?,
                    year: Some(date.year_number()),
                },
            ));
        }
        let first = self.day_number(j)?;
        let mut k = j + 1;
        let mut last = first;
        // `11. und 12. Juli`, `11./12. Juli`, `3. bis 5. März`
        let skip = usize::from(self.is(k, &["auf"]) && self.is(k + 1, &["den"]));
        if (self.is(k, &["und", "bis", "auf"]) || self.punct(k, "/-–"))
            && let Some(second) = self.day_number(k + 1 + skip)
            && second > first
        {
            last = second;
            k += 2 + skip;
        }
        let (month, after) = self.month_at(k, true)?;
        let year = self.year_number(after);
        let end = after + usize::from(year.is_some());
        Some((
            end,
            Core::Day {
                first,
                last,
                month,
                year,
            },
        ))
    }

    /// `Februar 2022`, `im Juli`, `Juli bis September`, `Mitte Dezember 2023`.
    fn month(
        &self,
        j: usize,
        context: bool,
        part: Option<Part>,
        shift: Option<i32>,
    ) -> Option<(usize, Core)> {
        let (first, mut k) = self.month_at(j, false)?;
        let mut last = first;
        if part.is_none()
            && shift.is_none()
            && (self.is(k, &["bis", "und"]) || self.punct(k, "-–"))
            && let Some((second, after)) = self.month_at(k + 1, false)
        {
            last = second;
            k = after;
        }
        let year = if shift.is_none() {
            self.year_number(k)
        } else {
            None
        };
        if year.is_some() {
            return Some((
                k + 1,
                Core::Month {
                    first,
                    last,
                    year,
                    part,
                    shift,
                    years_on: None,
                },
            ));
        }
        // `April dieses Jahres`, `im März des vergangenen Jahres`
        let mut year_shift = None;
        let mut after = k;
        if self.is(after, &["des"]) {
            after += 1;
        }
        let which = if self.word(after).starts_with("dies") {
            Some(0)
        } else {
            shift_word(self.word(after))
        };
        if let Some(which) = which
            && self.is(after + 1, &["jahres", "jahrs"])
        {
            year_shift = Some(which);
            k = after + 2;
        } else if self.is(k, &["des"]) && self.is(k + 1, &["jahres"]) {
            year_shift = Some(0);
            k += 2;
        }
        if let Some(which) = year_shift {
            return Some((
                k,
                Core::Month {
                    first,
                    last,
                    year: None,
                    part,
                    shift: None,
                    years_on: Some(which),
                },
            ));
        }
        if !context && shift.is_none() && last == first {
            return None;
        }
        Some((
            k,
            Core::Month {
                first,
                last,
                year,
                part,
                shift,
                years_on: None,
            },
        ))
    }

    /// `1990er-Jahre`, `in den 90er Jahren`, `Neunzigerjahre`, `Ende der 1990er`.
    fn decade(&self, j: usize, context: bool, part: Option<Part>) -> Option<(usize, Core)> {
        let word = self.word(j);
        let (digits, rest) = match word.find("er") {
            Some(at) if at > 0 && word[..at].bytes().all(|b| b.is_ascii_digit()) => {
                (&word[..at], &word[at + 2..])
            }
            _ => {
                const TENS: [(&str, &str); 8] = [
                    ("zwanziger", "20"),
                    ("dreißiger", "30"),
                    ("vierziger", "40"),
                    ("fünfziger", "50"),
                    ("sechziger", "60"),
                    ("siebziger", "70"),
                    ("achtziger", "80"),
                    ("neunziger", "90"),
                ];
                TENS.iter()
                    .find_map(|(name, d)| word.strip_prefix(name).map(|rest| (*d, rest)))?
            }
        };
        let year: i32 = digits.parse().ok()?;
        let short = match digits.len() {
            2 if year % 10 == 0 => true,
            4 if year % 10 == 0 && (1000..=2100).contains(&year) => false,
            _ => return None,
        };
        let mut end = j + 1;
        let spelled_out = matches!(rest, "-jahre" | "-jahren" | "jahre" | "jahren");
        if !spelled_out {
            if !rest.is_empty() {
                return None;
            }
            if self.is(end, &["jahre", "jahren"]) {
                end += 1;
            } else if !context || self.tokens.get(end).is_some_and(Token::capitalised) {
                return None;
            }
        }
        Some((
            end,
            Core::Decade {
                first: year,
                short,
                part,
            },
        ))
    }

    /// Whether the clause around tokens `from..to` speaks of the past or the future.
    fn tense(&self, from: usize, to: usize) -> Tense {
        let words = self
            .clauses
            .between(self.clauses.start_before[from], self.clauses.end_after[to]);
        let past = words.past_verbs > 0 || (words.auxiliaries > 0 && words.participles > 0);
        let future = words.future_words > 0;
        match (past, future) {
            (true, false) => Tense::Past,
            (false, true) => Tense::Future,
            _ => Tense::Unknown,
        }
    }
}

/// Where each token's clause starts and ends, and what the tokens before each token hold:
/// counted once per text, so that [`Reader::tense`] and `im Vorjahr` read a stretch of it in
/// constant time. Counting the clause anew for every expression made a long text without
/// punctuation quadratic.
struct Clauses {
    /// For token `k`, the first token of its clause: the one after the last `,;:.!?` before `k`.
    start_before: Vec<usize>,
    /// For token `k`, the first `,;:.!?` at or after `k` (or the end of the text).
    end_after: Vec<usize>,
    /// For token `k`, what tokens `0..k` hold.
    before: Vec<Counts>,
}

/// Words and stops in a stretch of tokens.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    /// `.`, `!`, `?`.
    sentence_ends: usize,
    /// Verbs of [`PAST_VERBS`].
    past_verbs: usize,
    /// `ist`, `sind`, `hat`, `haben`, the auxiliaries of the perfect.
    auxiliaries: usize,
    /// Words shaped like a past participle (`gesagt`, `getroffen`).
    participles: usize,
    /// Words of [`FUTURE_WORDS`].
    future_words: usize,
}

impl Clauses {
    fn new(tokens: &[Token]) -> Self {
        let ends_clause = |t: &Token| t.kind == Kind::Punct && ",;:.!?".contains(t.text);
        let mut start_before = Vec::with_capacity(tokens.len() + 1);
        let mut before = Vec::with_capacity(tokens.len() + 1);
        let (mut start, mut sum) = (0, Counts::default());
        for (k, t) in tokens.iter().enumerate() {
            start_before.push(start);
            before.push(sum);
            if ends_clause(t) {
                start = k + 1;
            }
            let w = t.lower.as_str();
            sum.sentence_ends += usize::from(t.kind == Kind::Punct && ".!?".contains(t.text));
            sum.past_verbs += usize::from(PAST_VERBS.contains(&w));
            sum.auxiliaries += usize::from(matches!(w, "ist" | "sind" | "hat" | "haben"));
            sum.participles += usize::from(
                w.len() > 5 && w.starts_with("ge") && (w.ends_with('t') || w.ends_with("en")),
            );
            sum.future_words += usize::from(FUTURE_WORDS.contains(&w));
        }
        start_before.push(start);
        before.push(sum);
        let mut end_after = vec![tokens.len(); tokens.len() + 1];
        for k in (0..tokens.len()).rev() {
            end_after[k] = if ends_clause(&tokens[k]) {
                k
            } else {
                end_after[k + 1]
            };
        }
        Clauses {
            start_before,
            end_after,
            before,
        }
    }

    /// What tokens `from..to` hold.
    fn between(&self, from: usize, to: usize) -> Counts {
        let (a, b) = (self.before[from], self.before[to]);
        Counts {
            sentence_ends: b.sentence_ends - a.sentence_ends,
            past_verbs: b.past_verbs - a.past_verbs,
            auxiliaries: b.auxiliaries - a.auxiliaries,
            participles: b.participles - a.participles,
            future_words: b.future_words - a.future_words,
        }
    }
}

/// Which way a date stated without its year leans from the article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    /// `seit Juli`: it must lie before the article.
    SinceBefore,
    /// A clause in the past tense.
    Past,
    /// A clause in the future, or `ab`/`bis`: a start or deadline ahead.
    Future,
    /// Nothing says: the nearest.
    Nearest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

// ---------------------------------------------------------------------------------------------
// Placing in time

/// The article's date as the days it may be.
struct Anchor {
    span: TimeSpan,
}

impl Anchor {
    fn new(date: PartialDate) -> Self {
        Anchor {
            span: TimeSpan::of_partial(date),
        }
    }

    fn middle(&self) -> Date {
        let days = self
            .span
            .end
            .since(self.span.start)
            .map_or(0, |s| s.get_days());
        add_days(self.span.start, i64::from(days / 2))
    }

    fn resolve(
        &self,
        core: Core,
        tense: Tense,
        lean: Lean,
        previous_year: Option<i32>,
    ) -> Option<(TimeSpan, Basis)> {
        let year_span = |y: i32| TimeSpan::containing(ymd(y, 1, 1), Unit::Year);
        match core {
            Core::Day {
                first,
                last,
                month,
                year,
            } => {
                let build = |y: i32| {
                    let start = Date::new(y as i16, month as i8, first as i8).ok()?;
                    let end = Date::new(y as i16, month as i8, last as i8).ok()?;
                    Some(
                        TimeSpan::containing(start, Unit::Day)
                            .through(TimeSpan::containing(end, Unit::Day)),
                    )
                };
                self.with_year(year, lean, build)
            }
            Core::Month {
                first,
                last,
                year,
                part,
                shift,
                years_on,
            } => {
                let build = |y: i32| {
                    let start = TimeSpan::containing(ymd(y, first as i8, 1), Unit::Month);
                    let span = match part {
                        Some(p) => start.with_part(p),
                        None if last != first => {
                            let end_year = if last < first { y + 1 } else { y };
                            start.through(TimeSpan::containing(
                                ymd(end_year, last as i8, 1),
                                Unit::Month,
                            ))
                        }
                        None => start,
                    };
                    Some(span)
                };
                match (shift, years_on) {
                    (_, Some(years)) => {
                        let y = i32::from(self.span.start.year()) + years;
                        build(y).map(|s| (s, Basis::RelativeToArticle))
                    }
                    (Some(shift), None) => self.shifted_period(shift, build),
                    (None, None) => self.with_year(year, lean, build),
                }
            }
            Core::Season { part, year, shift } => {
                let build = |y: i32| Some(year_span(y).with_part(part));
                match (shift, year, lean) {
                    (Some(shift), _, _) => self.shifted_period(shift, build),
                    // `im Herbst`, `in der zweiten Jahreshälfte`: this year's, unless the
                    // clause looks back or ahead.
                    (None, None, Lean::Nearest) => {
                        build(i32::from(self.middle().year())).map(|s| (s, Basis::YearFromArticle))
                    }
                    (None, _, _) => self.with_year(year, lean, build),
                }
            }
            Core::Year { first, last, part } => {
                let span = year_span(first);
                let span = match part {
                    Some(p) => span.with_part(p),
                    None => span.through(year_span(last)),
                };
                Some((span, Basis::Stated))
            }
            Core::Decade { first, short, part } => {
                let year = if short {
                    // `90er` is the last 1990s before the article; `20er` in 2024 the 2020s.
                    let now = i32::from(self.span.start.year());
                    let century = now - now.rem_euclid(100);
                    if century + first <= now {
                        century + first
                    } else {
                        century - 100 + first
                    }
                } else {
                    first
                };
                let decade = TimeSpan::containing(ymd(year, 1, 1), Unit::Decade);
                let span = part.map_or(decade, |p| decade.with_part(p));
                Some((
                    span,
                    if short {
                        Basis::YearFromArticle
                    } else {
                        Basis::Stated
                    },
                ))
            }
            Core::Weekday { day, shift } => self.relative(Unit::Day, |d| {
                let back = i64::from(d.weekday().since(day)); // 0..=6 days back to `day`
                let ahead = (7 - back) % 7;
                let offset = match (shift, tense) {
                    (Some(0), _) => {
                        i64::from(day.to_monday_zero_offset() - d.weekday().to_monday_zero_offset())
                    }
                    (Some(s), _) if s > 0 => {
                        if ahead == 0 {
                            7
                        } else {
                            ahead
                        }
                    }
                    (Some(_), _) => {
                        if back == 0 {
                            -7
                        } else {
                            -back
                        }
                    }
                    (None, Tense::Past) => -back,
                    (None, Tense::Future) => ahead,
                    (None, Tense::Unknown) => {
                        if back <= 3 {
                            -back
                        } else {
                            ahead
                        }
                    }
                };
                TimeSpan::containing(add_days(d, offset), Unit::Day)
            }),
            Core::Weekend { shift } => self.relative(Unit::Day, |d| {
                let to_saturday = i64::from(5 - d.weekday().to_monday_zero_offset());
                let saturday = match shift {
                    Some(s) if s < 0 => add_days(d, to_saturday - 7),
                    Some(s) if s > 0 && to_saturday <= 0 => add_days(d, to_saturday + 7),
                    _ => add_days(d, to_saturday),
                };
                TimeSpan::containing(saturday, Unit::Day)
                    .through(TimeSpan::containing(add_days(saturday, 1), Unit::Day))
            }),
            Core::Today { offset } => self.relative(Unit::Day, |d| {
                TimeSpan::containing(add_days(d, offset), Unit::Day)
            }),
            Core::Current { unit, shift, part } => self.relative(unit, |d| {
                let moved = match unit {
                    Unit::Week => add_days(d, i64::from(shift) * 7),
                    Unit::Month => d.saturating_add(jiff::Span::new().months(shift)),
                    _ => d.saturating_add(jiff::Span::new().years(shift)),
                };
                let span = TimeSpan::containing(moved, unit);
                match (unit, part) {
                    // Parts of a week are days: `Ende der Woche` is Friday to Sunday.
                    (Unit::Week, Some(p)) => {
                        let (from, to) = match p {
                            Part::Early => (0, 1),
                            Part::Mid => (2, 3),
                            _ => (4, 6),
                        };
                        TimeSpan::containing(add_days(span.start, from), Unit::Day)
                            .through(TimeSpan::containing(add_days(span.start, to), Unit::Day))
                    }
                    (_, Some(p)) => span.with_part(p),
                    _ => span,
                }
            }),
            Core::YearBefore => match previous_year {
                Some(y) => Some((year_span(y - 1), Basis::RelativeToArticle)),
                None => self.relative(Unit::Year, |d| {
                    TimeSpan::containing(d.saturating_sub(jiff::Span::new().years(1)), Unit::Year)
                }),
            },
            Core::Holiday { holiday, year } => {
                let build = |y: i32| {
                    let (first, last) = match holiday {
                        Holiday::Easter(from, to) => {
                            let easter = easter_sunday(y)?;
                            (add_days(easter, from), add_days(easter, to))
                        }
                        Holiday::December(from, to) => (ymd(y, 12, from), ymd(y, 12, to)),
                        Holiday::NewYear => (ymd(y, 1, 1), ymd(y, 1, 1)),
                    };
                    Some(
                        TimeSpan::containing(first, Unit::Day)
                            .through(TimeSpan::containing(last, Unit::Day)),
                    )
                };
                self.with_year(year, lean, build)
            }
            Core::YearTurn => {
                let build = |y: i32| {
                    Some(
                        TimeSpan::containing(ymd(y, 12, 1), Unit::Month)
                            .through(TimeSpan::containing(ymd(y + 1, 1, 1), Unit::Month)),
                    )
                };
                self.with_year(None, lean, build)
                    .map(|(span, _)| (span, Basis::RelativeToArticle))
            }
            Core::Offset {
                count,
                times,
                unit,
                approximate,
            } => {
                let (mut span, basis) = self.relative(unit, |d| {
                    TimeSpan::containing(shift_by(d, count, times), unit)
                })?;
                span.approximate |= approximate;
                Some((span, basis))
            }
            // `der vergangenen vier Jahre` in November 2024: November 2020 to November 2024.
            Core::Period { count, times, unit } => {
                let unit = unit.min(Unit::Month);
                self.relative(unit, |d| {
                    let other = TimeSpan::containing(shift_by(d, count, times), unit);
                    let here = TimeSpan::containing(d, unit);
                    if times < 0 {
                        other.through(here)
                    } else {
                        here.through(other)
                    }
                })
            }
        }
    }

    /// Resolves a date stated without a year (`am 13. November`) to the nearest year that fits,
    /// or with its stated year.
    fn with_year(
        &self,
        year: Option<i32>,
        lean: Lean,
        build: impl Fn(i32) -> Option<TimeSpan>,
    ) -> Option<(TimeSpan, Basis)> {
        if let Some(y) = year {
            return build(y).map(|s| (s, Basis::Stated));
        }
        let here = self.middle();
        let distance = |s: &TimeSpan| {
            let middle = add_days(
                s.start,
                s.end.since(s.start).map_or(0, |d| i64::from(d.get_days())) / 2,
            );
            middle.since(here).map_or(0, |d| i64::from(d.get_days()))
        };
        let now = i32::from(here.year());
        let mut candidates: Vec<(i64, TimeSpan)> = (now - 1..=now + 1)
            .filter_map(&build)
            .map(|s| (distance(&s), s))
            .collect();
        candidates.sort_by_key(|(d, _)| d.abs());
        let (nearest_distance, nearest) = *candidates.first()?;
        // `seit Juli` lies before the article. Otherwise the tense (or `ab`, `bis`) may pick
        // the other side when it is not much further: tense is read from a clause's verbs,
        // which can speak of something else than the date.
        let leaning = |(_, s): &&(i64, TimeSpan)| match lean {
            Lean::SinceBefore => s.start <= self.span.end,
            Lean::Past => s.start <= here,
            Lean::Future => s.end >= here,
            Lean::Nearest => true,
        };
        let chosen = match candidates.iter().find(leaning) {
            Some(&(_, s)) if lean == Lean::SinceBefore => s,
            Some(&(d, s)) if d.abs() - nearest_distance.abs() <= LEAN_DAYS => s,
            _ => nearest,
        };
        Some((chosen, Basis::YearFromArticle))
    }

    /// `im vergangenen Juli`, `diesen Sommer`: the period before, at or after the article's date.
    fn shifted_period(
        &self,
        shift: i32,
        build: impl Fn(i32) -> Option<TimeSpan>,
    ) -> Option<(TimeSpan, Basis)> {
        let now = i32::from(self.span.start.year());
        let candidates: Vec<TimeSpan> = (now - 2..=now + 2).filter_map(build).collect();
        let chosen = match shift {
            0 => candidates
                .into_iter()
                .find(|s| i32::from(s.start.year()) == now),
            s if s < 0 => candidates
                .into_iter()
                .rev()
                .find(|c| c.end < self.span.start),
            _ => candidates.into_iter().find(|c| c.start > self.span.end),
        }?;
        Some((chosen, Basis::RelativeToArticle))
    }

    /// Counts `rule` from the article's date. From a coarse date, the result is widened to the
    /// article date's own unit, and marked approximate where the date's first and last day
    /// would give different results.
    fn relative(&self, unit: Unit, rule: impl Fn(Date) -> TimeSpan) -> Option<(TimeSpan, Basis)> {
        if self.span.unit == Unit::Day {
            return Some((rule(self.span.start), Basis::RelativeToArticle));
        }
        let coarse = unit.max(self.span.unit);
        let widen = |d: Date| rule(d).coarsened(coarse);
        let (early, late, middle) = (
            widen(self.span.start),
            widen(self.span.end),
            widen(self.middle()),
        );
        let basis = if coarse > unit {
            Basis::CoarseArticleDate
        } else {
            Basis::RelativeToArticle
        };
        if early == late {
            Some((early, basis))
        } else {
            Some((
                TimeSpan {
                    approximate: true,
                    ..middle
                },
                Basis::CoarseArticleDate,
            ))
        }
    }
}

/// Holidays news date things by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holiday {
    /// Days from Easter Sunday to days from Easter Sunday.
    Easter(i64, i64),
    /// Days of December.
    December(i8, i8),
    /// The 1st of January.
    NewYear,
}

fn holiday(word: &str) -> Option<Holiday> {
    Some(match word {
        "ostern" | "ostersonntag" => Holiday::Easter(0, 0),
        "karfreitag" => Holiday::Easter(-2, -2),
        "ostermontag" => Holiday::Easter(1, 1),
        "pfingsten" | "pfingstsonntag" => Holiday::Easter(49, 49),
        "pfingstmontag" => Holiday::Easter(50, 50),
        "himmelfahrt" => Holiday::Easter(39, 39),
        "weihnachten" => Holiday::December(24, 26),
        "heiligabend" => Holiday::December(24, 24),
        "silvester" => Holiday::December(31, 31),
        "neujahr" => Holiday::NewYear,
        _ => return None,
    })
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm).
fn easter_sunday(year: i32) -> Option<Date> {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(i16::try_from(year).ok()?, month as i8, day as i8).ok()
}

fn shift_by(date: Date, count: Count, times: i64) -> Date {
    match count {
        Count::Days(days) => add_days(date, days * times),
        Count::Months(months) => date.saturating_add(jiff::Span::new().months(months * times)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(expression as written, label, precision, basis)` for every expression found.
    fn read(text: &str, article_date: &str) -> Vec<(String, String, &'static str, Basis)> {
        let date = PartialDate::parse(article_date).unwrap();
        find_date_expressions(text, date)
            .into_iter()
            .map(|e| {
                (
                    text[e.range.clone()].to_string(),
                    e.span.label("de"),
                    e.span.precision().name(),
                    e.basis,
                )
            })
            .collect()
    }

    use Basis::*;

    /// Every expression form the chronology must read, each in a sentence from (or like) the
    /// bundled articles and resolved against that article's date.
    const TABLE: &[(&str, &str, &str, &str, &str, Basis)] = &[
        // (article date, sentence, expression, label, precision, basis)
        // Absolute.
        (
            "2024-11",
            "Die Pressekonferenz fand am 13. November 2024 statt.",
            "am 13. November 2024",
            "13. November 2024",
            "day",
            Stated,
        ),
        (
            "2024-11",
            "Antony Blinken und Mark Rutte am 13. November während einer Pressekonferenz",
            "am 13. November",
            "13. November 2024",
            "day",
            YearFromArticle,
        ),
        (
            "2023-06",
            "Selenskyj ist zum NATO-Gipfel in Vilnius am 11. und 12. Juli eingeladen.",
            "am 11. und 12. Juli",
            "11.–12. Juli 2023",
            "day",
            YearFromArticle,
        ),
        (
            "2023-06",
            "Seit Beginn von Russlands Angriffskrieg im Februar 2022 haben die USA geholfen.",
            "im Februar 2022",
            "Februar 2022",
            "month",
            Stated,
        ),
        (
            "2024-07",
            "Selenskyj besucht Mitte Dezember 2023 das Europa-Hauptquartier.",
            "Mitte Dezember 2023",
            "Mitte Dezember 2023",
            "part-of-month",
            Stated,
        ),
        (
            "2024-07",
            "Diese hatten dafür Ende 2022 eine Einheit aufgebaut.",
            "Ende 2022",
            "Ende 2022",
            "season",
            Stated,
        ),
        (
            "2023-06",
            "Mit Russland unterhielt die NATO seit 2002 ebenfalls einen gemeinsamen Rat.",
            "seit 2002",
            "seit 2002",
            "year",
            Stated,
        ),
        (
            "2024-07",
            "ein seit Ende der 1990er-Jahre existierendes Verbindungsbüro",
            "seit Ende der 1990er-Jahre",
            "seit Ende der 1990er-Jahre",
            "decade",
            Stated,
        ),
        (
            "2024-07",
            "eine Rückkehr von Donald Trump ins US-Präsidentenamt ab Januar 2025",
            "ab Januar 2025",
            "ab Januar 2025",
            "month",
            Stated,
        ),
        (
            "2023-06",
            "Im Januar 2022 tagte das Gremium letztmals.",
            "Im Januar 2022",
            "Januar 2022",
            "month",
            Stated,
        ),
        (
            "2023-06",
            "auf ihrem Gipfel Mitte Juli in Litauen formell beschließen",
            "Mitte Juli",
            "Mitte Juli 2023",
            "part-of-month",
            YearFromArticle,
        ),
        (
            "2024-11",
            "von heute an bis zum 20. Januar, wenn Bidens Amtszeit ausläuft",
            "von heute an bis zum 20. Januar",
            "November 2024 – Januar 2025",
            "month",
            CoarseArticleDate,
        ),
        (
            "2024-11",
            "Die Amtszeit läuft bis zum 20. Januar.",
            "bis zum 20. Januar",
            "bis 20. Januar 2025",
            "day",
            YearFromArticle,
        ),
        (
            "2023-07",
            "das vage Versprechen des Bündnisses aus dem Jahr 2008",
            "Jahr 2008",
            "2008",
            "year",
            Stated,
        ),
        (
            "2024-11",
            "Damit die Ukraine den Konflikt auch im Jahr 2025 fortsetzen kann",
            "im Jahr 2025",
            "2025",
            "year",
            Stated,
        ),
        (
            "2023-04-20",
            "Der Termin wurde auf den 24.02.2022 gelegt.",
            "24.02.2022",
            "24. Februar 2022",
            "day",
            Stated,
        ),
        (
            "2023-04-20",
            "Die Minister trafen sich vom 3. bis 5. März.",
            "vom 3. bis 5. März",
            "3.–5. März 2023",
            "day",
            YearFromArticle,
        ),
        (
            "2023-04-20",
            "Der Gipfel am 11./12. Juli wird vorbereitet.",
            "am 11./12. Juli",
            "11.–12. Juli 2023",
            "day",
            YearFromArticle,
        ),
        (
            "2023-04-20",
            "Die Sitzung vom 30. Juni bis 2. Juli 2023 ist geplant.",
            "vom 30. Juni bis 2. Juli 2023",
            "30. Juni – 2. Juli 2023",
            "day",
            Stated,
        ),
        (
            "2023-04-20",
            "Zwischen 2014 und 2016 wuchs die Vertretung.",
            "Zwischen 2014 und 2016",
            "2014–2016",
            "year",
            Stated,
        ),
        (
            "2023-04-20",
            "Die Übung läuft von Juli bis September.",
            "von Juli bis September",
            "Juli – September 2023",
            "month",
            YearFromArticle,
        ),
        (
            "2023-04-20",
            "Im Frühjahr 2022 begann die Invasion.",
            "Im Frühjahr 2022",
            "Frühjahr 2022",
            "season",
            Stated,
        ),
        (
            "2023-04-20",
            "Im ersten Quartal 2023 stieg die Produktion.",
            "Im ersten Quartal 2023",
            "1. Quartal 2023",
            "season",
            Stated,
        ),
        (
            "2023-04-20",
            "In den 90er Jahren begann die Partnerschaft.",
            "In den 90er Jahren",
            "1990er-Jahre",
            "decade",
            YearFromArticle,
        ),
        (
            "2023-04-20",
            "Der Vertrag gilt bis 2030.",
            "bis 2030",
            "bis 2030",
            "year",
            Stated,
        ),
        (
            "2023-04-20",
            "Am Donnerstag, 13. Juli, beginnt der Gipfel.",
            "Am Donnerstag, 13. Juli",
            "13. Juli 2023",
            "day",
            YearFromArticle,
        ),
        // Relative to a day: 20 April 2023 was a Thursday.
        (
            "2023-04-20",
            "NATO-Generalsekretär Jens Stoltenberg ist am Donnerstag in die Ukraine gereist.",
            "am Donnerstag",
            "20. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "seit dem russischen Einmarsch vor knapp 14 Monaten",
            "vor knapp 14 Monaten",
            "etwa Februar 2022",
            "month",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Die Ukraine kündigte im vergangenen Jahr einen Antrag an.",
            "im vergangenen Jahr",
            "2022",
            "year",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Bis Dienstagabend stand noch ein Treffen auf dem Kalender.",
            "Bis Dienstagabend",
            "bis 18. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "der Termin wurde kurzfristig auf Mittwoch vorverlegt",
            "Mittwoch",
            "19. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Dort findet am Freitag ein Treffen der Kontaktgruppe statt.",
            "am Freitag",
            "21. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "teilte Stoltenberg im Februar mit",
            "im Februar",
            "Februar 2023",
            "month",
            YearFromArticle,
        ),
        (
            "2023-04-20",
            "der NATO-Gipfel im Juli",
            "im Juli",
            "Juli 2023",
            "month",
            YearFromArticle,
        ),
        (
            "2023-04-20",
            "Morgen beraten die Minister.",
            "Morgen",
            "21. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Die Minister beraten morgen in Brüssel.",
            "morgen",
            "21. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Gestern Abend landete er in Kiew.",
            "Gestern Abend",
            "19. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Letzte Woche appellierte Scholz an alle Länder.",
            "Letzte Woche",
            "Woche vom 10. bis 16. April 2023",
            "week",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Die NATO will in der kommenden Woche entscheiden.",
            "in der kommenden Woche",
            "Woche vom 24. bis 30. April 2023",
            "week",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Die Entscheidung fällt in vier Wochen.",
            "in vier Wochen",
            "Woche vom 15. bis 21. Mai 2023",
            "week",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Am kommenden Montag reist er nach Berlin.",
            "Am kommenden Montag",
            "24. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Am vergangenen Freitag sprach er in Berlin.",
            "Am vergangenen Freitag",
            "14. April 2023",
            "day",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Die Zahl wird bis Ende des Jahres steigen.",
            "bis Ende des Jahres",
            "bis Ende 2023",
            "season",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Im Vorjahr waren es weniger.",
            "Im Vorjahr",
            "2022",
            "year",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Vor drei Jahren begann die Reform.",
            "Vor drei Jahren",
            "2020",
            "year",
            RelativeToArticle,
        ),
        (
            "2023-04-20",
            "Das Paket soll im kommenden Jahr folgen.",
            "im kommenden Jahr",
            "2024",
            "year",
            RelativeToArticle,
        ),
        // Relative to a month: the honest answer is the month, or about it.
        (
            "2023-06",
            "Die NATO-Verteidigungsminister beraten morgen in Brüssel.",
            "morgen",
            "etwa Juni 2023",
            "month",
            CoarseArticleDate,
        ),
        (
            "2023-06",
            "Über Militärhilfen beraten am Donnerstag rund 50 Länder.",
            "am Donnerstag",
            "Juni 2023",
            "month",
            CoarseArticleDate,
        ),
        (
            "2023-06",
            "der eigentlich auf dem NATO-Gipfel in vier Wochen gefeiert werden sollte",
            "in vier Wochen",
            "etwa Juli 2023",
            "month",
            CoarseArticleDate,
        ),
        (
            "2023-07",
            "Letzte Woche appellierte Bundeskanzler Olaf Scholes an alle Länder.",
            "Letzte Woche",
            "etwa Juli 2023",
            "month",
            CoarseArticleDate,
        ),
        (
            "2024-07",
            "Die NATO will beim Gipfeltreffen in der kommenden Woche in Washington den Startschuss geben.",
            "in der kommenden Woche",
            "etwa Juli 2024",
            "month",
            CoarseArticleDate,
        ),
        (
            "2024-11",
            "die Kampfhandlungen auch im kommenden Jahr fortzusetzen",
            "im kommenden Jahr",
            "2025",
            "year",
            RelativeToArticle,
        ),
        (
            "2024-07",
            "Die NATO hat bereits seit knapp einem Jahrzehnt eine Vertretung in Kiew.",
            "seit knapp einem Jahrzehnt",
            "seit etwa 2014",
            "year",
            RelativeToArticle,
        ),
        (
            "2023-07",
            "vor dem NATO-Gipfel diese Woche in Litauen",
            "diese Woche",
            "etwa Juli 2023",
            "month",
            CoarseArticleDate,
        ),
        (
            "2023-06",
            "in diesem Jahr bereits Artilleriemunition bestellt",
            "in diesem Jahr",
            "2023",
            "year",
            RelativeToArticle,
        ),
        (
            "2024-11",
            "die Tätigkeit der vergangenen vier Jahre fortsetzen",
            "vergangenen vier Jahre",
            "November 2020 – November 2024",
            "month",
            RelativeToArticle,
        ),
        (
            "2025-01-03",
            "Im vergangenen Jahr wuchs sie um zwei, im Vorjahr um drei Prozent.",
            "im Vorjahr",
            "2023",
            "year",
            RelativeToArticle,
        ),
        (
            "2024-07-11",
            "Die Staats- und Regierungschefs wollen seit April dieses Jahres verhandeln.",
            "seit April dieses Jahres",
            "seit April 2024",
            "month",
            RelativeToArticle,
        ),
        (
            "2023-03",
            "Die Inflationsrate lag im Januar und Februar 2023 bei 8,7 Prozent.",
            "im Januar und Februar 2023",
            "Januar – Februar 2023",
            "month",
            Stated,
        ),
        (
            "2021-07-16",
            "In der Nacht vom 14. auf den 15. Juli fiel Regen.",
            "vom 14. auf den 15. Juli",
            "14.–15. Juli 2021",
            "day",
            YearFromArticle,
        ),
        (
            "2021-07-16",
            "Das Hochwasser am 21. Juli 1804 war schlimmer.",
            "am 21. Juli 1804",
            "21. Juli 1804",
            "day",
            Stated,
        ),
        (
            "2021-07-16",
            "Es ist das stärkste seit Beginn der Aufzeichnungen 1881.",
            "1881",
            "1881",
            "year",
            Stated,
        ),
        (
            "2023-03",
            "drei Prozent ab Oktober, zwei Prozent ab Juni 2024",
            "ab Oktober",
            "ab Oktober 2023",
            "month",
            YearFromArticle,
        ),
        (
            "2023-04",
            "Beobachter erwarten im Herbst eine neue Mobilisierungswelle.",
            "im Herbst",
            "Herbst 2023",
            "season",
            YearFromArticle,
        ),
        (
            "2019",
            "Geschlossen wurde sie endgültig erst 2012. Danach nicht.",
            "2012",
            "2012",
            "year",
            Stated,
        ),
        (
            "2023-03",
            "Die Bahn streikt nicht über Ostern.",
            "Ostern",
            "9. April 2023",
            "day",
            YearFromArticle,
        ),
        (
            "2024-12-30",
            "Die Kommission legt Ostern 2025 vor.",
            "Ostern 2025",
            "20. April 2025",
            "day",
            Stated,
        ),
    ];

    #[test]
    fn every_expression_form_resolves_against_the_article_date() {
        let mut failures = Vec::new();
        for &(date, text, expression, label, precision, basis) in TABLE {
            let found = read(text, date);
            let expected = (expression.to_string(), label.to_string(), precision, basis);
            if !found.contains(&expected) {
                failures.push(format!(
                    "{date} {text:?}\n   expected {expected:?}\n   found    {found:?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} rows failed:\n{}",
            failures.len(),
            TABLE.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn numbers_that_are_not_dates_are_not_read_as_dates() {
        for text in [
            "rund 2,3 Milliarden US-Dollar",
            "eine rund 300 Soldaten starke Einheit",
            "rund 2000 Soldaten",
            "angeblich erbeutete Leopard 2A4",
            "Zugriff auf den Artikel 5",
            "die 32 Bündnisstaaten",
            "ein Anfangssold von 204.000 Rubel (rund 2.280 Euro)",
            "die rund 1000 Kilometer lange Front",
            "Am frühen Nachmittag gab Stoltenberg eine Pressekonferenz.",
            "dass es am Ende des Gipfels abgeschlossen wird",
            "in letzter Minute Details aushandeln",
            "Seit Wochen diskutieren die Staaten. Seit Jahren streiten sie.",
            "in den nächsten Monaten ihre Anstrengungen erhöhen",
            "August Hanning sagte, Mai Thi Nguyen-Kim stimmte zu.",
            "Die Agenda 2030 und die Euro 2024 sind Namen.",
            "Die Kampfjets F-16 und der Airbus A380, Covid-19, 5G und die G7.",
            "Am Morgen sprach er. Die Boeing 737 landete um 14 Uhr.",
            "Die Zahl stieg auf 1950 und dann bis zu 2000 Menschen.",
            "Paragraf 218 und Tempo 130 mit 3:1 Toren.",
            "bis heute ungeklärt",
            "Damals wie heute geht es um Preise. Er sagte es im «heute journal».",
            "so viel Regen wie sonst in zwei Monaten",
        ] {
            assert_eq!(read(text, "2023-06"), [], "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(read("am 30. Februar 2023", "2023-06"), []);
        assert_eq!(read("am 13.13.2023", "2023-06"), []);
        assert_eq!(read("Version 1.2.3.4", "2023-06"), []);
    }

    #[test]
    fn a_year_only_article_date_widens_a_weekday_to_the_year() {
        let found = read("Am Donnerstag sprach Scholz.", "2023");
        assert_eq!(
            found,
            [(
                "Am Donnerstag".into(),
                "etwa 2023".into(),
                "year",
                CoarseArticleDate
            )]
        );
        // A month stated without a year takes the article's year.
        assert_eq!(read("im Dezember", "2023")[0].1, "Dezember 2023");
    }

    #[test]
    fn a_missing_year_is_the_nearest_that_fits() {
        // In January 2024, "im Dezember" in the past tense is the December just gone.
        assert_eq!(
            read("Im Oktober wurde er gewählt.", "2024-04-15")[0].1,
            "Oktober 2023"
        );
        assert_eq!(
            read("Im Oktober wird gewählt.", "2024-04-15")[0].1,
            "Oktober 2024"
        );
        // A past verb about something else does not move a date far from the article.
        assert_eq!(
            read(
                "Überschattet wurde das Treffen von der Wahl am 5. November.",
                "2024-07-11"
            )[0]
            .1,
            "5. November 2024"
        );
        assert_eq!(
            read("zum Jahreswechsel", "2024-01-03")[0].1,
            "Dezember 2023 – Januar 2024"
        );
    }

    #[test]
    fn a_long_clause_is_counted_once_not_once_per_date() {
        // Each expression's tense once came from reading its whole clause anew: a few thousand
        // dates in a text without punctuation took minutes.
        let dates = 3000;
        let text = format!("{}wird gewählt", "im Oktober und ".repeat(dates));
        let found = read(&text, "2024-04-15");
        assert_eq!(found.len(), dates);
        // The verb at the clause's far end still puts its first date in the future.
        assert_eq!(found[0].1, "Oktober 2024");
        assert_eq!(
            read("im Oktober und im Mai", "2024-04-15")[0].1,
            "Oktober 2023"
        );
    }
}
