//! Sentences, quotations and who said them, in German news text.
//!
//! A quotation's speaker is read only from the quotation's own sentence: a verb of saying
//! (`sagte`, `erklärte`, `betonte`, `so`, `zufolge`...) and an entity mention on the side of the
//! verb German puts the speaker on (`„…“, sagte Stoltenberg`, `Stoltenberg betonte: „…“`).
//! A pronoun (`sagte er`), an unnamed official (`sagte ein NATO-Diplomat`) or a sentence without
//! such a verb leaves the quotation unattributed: a wrong speaker is worse than none. The one
//! reach beyond the sentence is a paragraph that is nothing but a quotation after a paragraph
//! ending in a colon (`TASS zitierte Rutte wie folgt:`), the layout of a block quotation.

use std::ops::Range;

use super::mentions::Found;

/// A quotation in a paragraph, with its speaker when the sentence names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// Byte range of the quotation in the paragraph text, quotation marks included.
    pub range: Range<usize>,
    /// Byte range of the sentence it stands in.
    pub sentence: Range<usize>,
    /// The speaker's entity index, when the sentence makes it clear.
    pub speaker: Option<usize>,
}

impl Quotation {
    /// The quoted words, without their quotation marks.
    pub fn words<'t>(&self, text: &'t str) -> &'t str {
        let quoted = &text[self.range.clone()];
        let inner = quoted
            .char_indices()
            .nth(1)
            .map_or(quoted, |(i, _)| &quoted[i..]);
        let end = inner.char_indices().last().map_or(0, |(i, _)| i);
        inner[..end].trim()
    }
}

/// Verbs and words of saying, and on which side of them the speaker stands first.
const SPEECH_WORDS: &[(&str, Side)] = &[
    ("sagte", Side::Subject),
    ("sagten", Side::Subject),
    ("sagt", Side::Subject),
    ("erklärte", Side::Subject),
    ("erklärten", Side::Subject),
    ("erklärt", Side::Subject),
    ("betonte", Side::Subject),
    ("betont", Side::Subject),
    ("meinte", Side::Subject),
    ("meint", Side::Subject),
    ("fügte", Side::Subject),
    ("schrieb", Side::Subject),
    ("warnte", Side::Subject),
    ("warnt", Side::Subject),
    ("kündigte", Side::Subject),
    ("versicherte", Side::Subject),
    ("bekräftigte", Side::Subject),
    ("forderte", Side::Subject),
    ("fordert", Side::Subject),
    ("unterstrich", Side::Subject),
    ("nannte", Side::Subject),
    ("appellierte", Side::Subject),
    ("mahnte", Side::Subject),
    ("räumte", Side::Subject),
    ("teilte", Side::Subject),
    ("sprach", Side::Subject),
    ("äußerte", Side::Subject),
    ("erläuterte", Side::Subject),
    ("ergänzte", Side::Subject),
    ("kritisierte", Side::Subject),
    ("bestätigte", Side::Subject),
    ("versprach", Side::Subject),
    ("antwortete", Side::Subject),
    ("berichtete", Side::Subject),
    // `„…“, hatte Trump gesagt`: the participle closes the clause, the subject precedes it.
    ("gesagt", Side::Before),
    ("gewarnt", Side::Before),
    ("gefordert", Side::Before),
    ("zufolge", Side::Before),
    // `TASS zitierte Rutte`: the one quoted follows the verb.
    ("zitierte", Side::After),
    ("zitiert", Side::After),
    ("laut", Side::After),
    // `„…“, so Peskow`: only right after a quotation, see `speech_words`.
    ("so", Side::After),
];

/// Where the speaker is looked for first, relative to the word of saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The subject: before the verb, or after it when the sentence inverts (`, sagte X`).
    Subject,
    /// Only before (`X zufolge`).
    Before,
    /// After (`laut X`, `zitierte X`).
    After,
}

/// Words after a verb of saying within which an inverted subject stands
/// (`sagte der US-Botschafter bei der NATO, Julian Smith`).
const SPEAKER_WINDOW_WORDS: usize = 10;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Abs", "Art", "Bd", "bzw", "ca", "Dr", "etc", "evtl", "Fr", "gem", "ggf", "Hr", "inkl", "Jh",
    "Mio", "Mrd", "Nr", "Prof", "sog", "St", "usw", "vgl", "z", "zB",
];

/// The quotations in a paragraph's text: byte ranges, quotation marks included.
///
/// `„…“`, `“…”`, `"…"`, `»…«` and `«…»` pair up; a stray opening mark inside a quotation stays
/// part of it (sources nest quotations inconsistently), an unclosed quotation is not one.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &[char])> = None;
    for (i, c) in text.char_indices() {
        match open {
            Some((start, closers)) => {
                if closers.contains(&c) {
                    out.push(start..i + c.len_utf8());
                    open = None;
                }
            }
            None => {
                let closers: &[char] = match c {
                    '„' => &['“', '”'],
                    '"' => &['"'],
                    '»' => &['«'],
                    '«' => &['»'],
                    '“' if text[i..].contains('”') => &['”'],
                    _ => continue,
                };
                open = Some((i, closers));
            }
        }
    }
    out
}

/// The sentences of a text, as byte ranges without surrounding space. Quotations are read as a
/// whole, so a quoted full stop does not end the sentence around it.
pub fn sentences(text: &str, quotes: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        // A stop inside a quotation ends no sentence, unless the quotation closes right after it.
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let quoted = quotes
            .iter()
            .any(|q| q.start < i && i < q.end && text[i + 1..q.end].chars().count() > 1);
        if quoted {
            continue;
        }
        // Closing marks after the stop belong to the sentence.
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if matches!(d, '“' | '”' | '"' | '«' | '»' | ')' | '’' | '\'') {
                end = j + d.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let next = rest.trim_start();
        let next_starts_sentence = next
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "„\"»«“".contains(n));
        let spaced = rest.len() > next.len();
        if !spaced || !next_starts_sentence || (c == '.' && !ends_sentence(&text[start..i], next)) {
            continue;
        }
        out.push(trimmed(text, start..end));
        start = end;
    }
    if !text[start..].trim().is_empty() {
        out.push(trimmed(text, start..text.len()));
    }
    out
}

/// Words besides month names after which `12.` is an ordinal number (`zum 12. Mal`), not the
/// end of a sentence.
const ORDINAL_NOUNS: &[&str] = &[
    "Jänner",
    "Jahrhundert",
    "Jahrestag",
    "Mal",
    "Platz",
    "Stelle",
    "Runde",
    "Tag",
    "Woche",
    "Kapitel",
    "Artikel",
    "Gipfel",
];

/// Whether a full stop after `before`, with `next` following, ends a sentence: not after an
/// abbreviation, an initial, or an ordinal number (`am 11. Juli`; but `Leopard 1. Die`).
fn ends_sentence(before: &str, next: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '.')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    let is_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    let next_word = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let is_ordinal = word.chars().all(|c| c.is_ascii_digit())
        && (crate::date::GERMAN_MONTHS.contains(&next_word) || ORDINAL_NOUNS.contains(&next_word));
    !(is_initial || is_ordinal || ABBREVIATIONS.contains(&word))
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    range.start + lead..range.end - trail
}

/// The index of the sentence that holds byte `offset`.
pub fn sentence_at(sentences: &[Range<usize>], offset: usize) -> Option<usize> {
    sentences
        .iter()
        .position(|s| s.start <= offset && offset < s.end.max(s.start + 1))
        .or_else(|| sentences.iter().rposition(|s| s.start <= offset))
}

/// Finds the quotations of a paragraph and their speakers.
///
/// `mentions` are the paragraph's entity mentions; `can_speak(entity)` says whether that entity
/// may be a speaker (people and organisations, not places). `lead_in` is the text of the
/// preceding paragraph when it ends in a colon, with its mentions.
pub fn attribute(
    text: &str,
    mentions: &[Found],
    can_speak: &dyn Fn(usize) -> Option<bool>,
    lead_in: Option<(&str, &[Found])>,
) -> Vec<Quotation> {
    let quotes = quotations(text);
    let all = sentences(text, &quotes);
    let mut out = Vec::new();
    for quote in &quotes {
        let Some(index) = sentence_at(&all, quote.start) else {
            continue;
        };
        let sentence = all[index].clone();
        let mut speaker = speaker_in(text, sentence.clone(), quote, &quotes, mentions, can_speak);
        let whole_paragraph = text[..quote.start].trim().is_empty()
            && text[quote.end..]
                .trim_matches(|c: char| c.is_whitespace() || ".!?".contains(c))
                .is_empty();
        if speaker.is_none()
            && whole_paragraph
            && let Some((before, before_mentions)) = lead_in
        {
            let before_quotes = quotations(before);
            let last = sentences(before, &before_quotes).pop();
            // The lead-in sentence is read as if the quotation followed it.
            let end = before.len()..before.len();
            speaker = last.and_then(|s| {
                speaker_in(before, s, &end, &before_quotes, before_mentions, can_speak)
            });
        }
        out.push(Quotation {
            range: quote.clone(),
            sentence,
            speaker,
        });
    }
    out
}

/// The speaker the sentence `sentence` names for the quotation `quote`, if it is clear.
fn speaker_in(
    text: &str,
    sentence: Range<usize>,
    quote: &Range<usize>,
    quotes: &[Range<usize>],
    mentions: &[Found],
    can_speak: &dyn Fn(usize) -> Option<bool>,
) -> Option<usize> {
    let outside = |offset: usize| !quotes.iter().any(|q| q.start <= offset && offset < q.end);
    // The word of saying nearest the quotation, outside any quotation.
    let verb = speech_words(text, sentence.clone(), quotes)
        .into_iter()
        .filter(|(range, _)| outside(range.start))
        .min_by_key(|(range, _)| {
            if range.start >= quote.end {
                range.start - quote.end
            } else {
                quote.start.saturating_sub(range.end)
            }
        })?;
    let (verb_range, side) = verb;
    // Mentions that can be a speaker: not inside a quotation, not the first part of a compound
    // (`NATO-Diplomat` is a diplomat, not NATO), not a place.
    // A genitive is a possessor (`Putins Sprecher`), and a name inside a relative or other
    // subordinate clause (`Der Niederländer, der auf Stoltenberg gefolgt war, sagte`) is not
    // the subject of the main clause.
    let subordinate = subordinate_clauses(text, sentence.clone());
    let candidates: Vec<(&Found, bool)> = mentions
        .iter()
        .filter(|m| sentence.start <= m.start && m.end <= sentence.end && outside(m.start))
        .filter(|m| !text[m.end..].starts_with('-') && m.end == m.name_end)
        .filter(|m| {
            !subordinate
                .iter()
                .any(|c| c.start <= m.start && m.end <= c.end)
        })
        .filter_map(|m| can_speak(m.entity).map(|is_person| (m, is_person)))
        .collect();
    let before = || {
        let (m, _) = candidates
            .iter()
            .rev()
            .find(|(m, _)| m.end <= verb_range.start)?;
        // `X gratulierte Trump und betonte: „…“`: across an `und`, a name right after a verb
        // or preposition is an object, and the subject of both verbs is someone else.
        let between = &text[m.end..verb_range.start];
        let joined = between
            .split_whitespace()
            .any(|w| w == "und" || w == "sowie");
        if joined && follows_verb_or_preposition(text, sentence.start, m.start) {
            return None;
        }
        Some(m.entity)
    };
    let after = || {
        let window_end = if verb_range.start < quote.start {
            quote.start
        } else {
            nth_word_end(text, verb_range.end, SPEAKER_WINDOW_WORDS).min(sentence.end)
        };
        let within: Vec<&(&Found, bool)> = candidates
            .iter()
            .filter(|(m, _)| m.start >= verb_range.end && m.end <= window_end)
            .collect();
        within
            .iter()
            .find(|(_, is_person)| *is_person)
            .or_else(|| within.first())
            .map(|(m, _)| m.entity)
    };
    match side {
        Side::Before => before(),
        Side::After => after(),
        // German puts the subject before the verb, unless the sentence opens with the
        // quotation (`„…“, sagte X`) or an adverbial (`Letzte Woche appellierte X`).
        Side::Subject if verb_range.start > quote.end => after().or_else(before),
        Side::Subject => before().or_else(after),
    }
}

/// Words that open a subordinate clause after a comma.
const SUBORDINATORS: &[&str] = &[
    "der", "die", "das", "dem", "den", "denen", "deren", "dessen", "welcher", "welche", "welches",
    "wo", "als", "nachdem", "weil", "obwohl", "während", "wenn", "bevor", "seit", "seitdem",
];

/// Byte ranges of the subordinate clauses of `sentence`: from a comma followed by a
/// subordinating word to the next comma (or the sentence's end).
fn subordinate_clauses(text: &str, sentence: Range<usize>) -> Vec<Range<usize>> {
    let slice = &text[sentence.clone()];
    let mut out = Vec::new();
    for (i, _) in slice.match_indices(',') {
        let rest = &slice[i + 1..];
        let first = rest.split_whitespace().next().unwrap_or("");
        if SUBORDINATORS.contains(&first) {
            let end = rest.find(',').map_or(slice.len(), |j| i + 1 + j);
            out.push(sentence.start + i..sentence.start + end);
        }
    }
    out
}

/// Whether the word before `at` (in the sentence) is lowercase and no article: a verb or a
/// preposition (`gratulierte Trump`, `mit Stoltenberg`) rather than a title (`Präsident X`).
fn follows_verb_or_preposition(text: &str, sentence_start: usize, at: usize) -> bool {
    words(text, sentence_start..at)
        .last()
        .is_some_and(|(_, w)| {
            let article = ["der", "die", "das", "des", "dem", "den"].contains(w);
            w.chars().next().is_some_and(char::is_lowercase) && !article
        })
}

/// Endings of German words for an office or title, which stand before a person's name.
pub const TITLE_ENDINGS: &[&str] = &[
    "präsident",
    "präsidenten",
    "präsidentin",
    "minister",
    "ministerin",
    "kanzler",
    "kanzlerin",
    "sprecher",
    "sprecherin",
    "sekretär",
    "sekretärin",
    "berater",
    "beraterin",
    "botschafter",
    "botschafterin",
    "chef",
    "chefin",
    "general",
    "senator",
    "senatorin",
    "kommissar",
    "kommissarin",
    "vorsitzende",
    "vorsitzender",
    "bürgermeister",
    "bürgermeisterin",
    "premier",
    "beauftragte",
    "beauftragter",
    "diplomat",
    "diplomatin",
];

/// Whether `word` names an office or title (`Präsident`, `NATO-Generalsekretär`).
pub fn is_title(word: &str) -> bool {
    let lower = word.to_lowercase();
    let last_part = lower.rsplit('-').next().unwrap_or(&lower);
    TITLE_ENDINGS.iter().any(|e| last_part.ends_with(e))
}

/// Words of saying in `sentence`: byte range and side.
fn speech_words(
    text: &str,
    sentence: Range<usize>,
    quotes: &[Range<usize>],
) -> Vec<(Range<usize>, Side)> {
    let mut out = Vec::new();
    for (start, word) in words(text, sentence) {
        let Some(&(_, side)) = SPEECH_WORDS.iter().find(|(w, _)| *w == word) else {
            continue;
        };
        // `so` is a word of saying only straight after a quotation: `„…“, so Peskow`.
        if word == "so" {
            let just_quoted = quotes.iter().any(|q| {
                q.end <= start
                    && text[q.end..start]
                        .chars()
                        .all(|c| c.is_whitespace() || c == ',')
            });
            if !just_quoted {
                continue;
            }
        }
        out.push((start..start + word.len(), side));
    }
    out
}

/// The words (runs of letters and digits) of `text` within `range`, with their byte offsets.
fn words(text: &str, range: Range<usize>) -> Vec<(usize, &str)> {
    runs(text, range, char::is_alphanumeric)
}

/// The runs of characters `in_word` accepts in `text` within `range`, with their byte offsets.
pub fn runs(text: &str, range: Range<usize>, in_word: impl Fn(char) -> bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        match (in_word(c), start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                out.push((s, &text[s..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..range.end]));
    }
    out
}

/// The byte offset after the `n`th word following `from`.
fn nth_word_end(text: &str, from: usize, n: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text[from..].char_indices() {
        let is_word = !c.is_whitespace();
        if in_word && !is_word {
            seen += 1;
            if seen == n {
                return from + i;
            }
        }
        in_word = is_word;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Speakers by name: every capitalised word in the list is a mention whose entity index is
    /// its position; names ending in `*` are organisations, `@` places.
    fn speakers(text: &str, names: &[&str]) -> Vec<(String, Option<String>)> {
        let mentions = mentions_of(text, names);
        let kinds = |e: usize| {
            let name = names[e];
            if name.ends_with('@') {
                None
            } else {
                Some(!name.ends_with('*'))
            }
        };
        attribute(text, &mentions, &kinds, None)
            .into_iter()
            .map(|q| {
                (
                    q.words(text).to_string(),
                    q.speaker
                        .map(|s| names[s].trim_end_matches(['*', '@']).to_string()),
                )
            })
            .collect()
    }

    fn mentions_of(text: &str, names: &[&str]) -> Vec<Found> {
        let mut out = Vec::new();
        for (entity, name) in names.iter().enumerate() {
            let name = name.trim_end_matches(['*', '@']);
            for (start, _) in text.match_indices(name) {
                let name_end = start + name.len();
                // A genitive `s` belongs to the mention, as the detector finds it.
                let genitive = text[name_end..].starts_with("s ");
                out.push(Found {
                    start,
                    end: name_end + usize::from(genitive),
                    name_end,
                    entity,
                });
            }
        }
        out.sort_by_key(|f| f.start);
        out
    }

    fn one(text: &str, names: &[&str]) -> Option<String> {
        let all = speakers(text, names);
        assert_eq!(all.len(), 1, "{all:?}");
        all[0].1.clone()
    }

    #[test]
    fn speaker_after_the_quotation() {
        assert_eq!(
            one(
                "„Das wird uns stärken“, sagte Stoltenberg.",
                &["Stoltenberg"]
            ),
            Some("Stoltenberg".into())
        );
        assert_eq!(
            one(
                "\"Das wird uns stärken\", erklärte Blinken am Mittwoch.",
                &["Blinken"]
            ),
            Some("Blinken".into())
        );
        assert_eq!(
            one("„Eine ernsthafte Gefahr“, so Peskow.", &["Peskow"]),
            Some("Peskow".into())
        );
        assert_eq!(
            one(
                "„Wir werden uns befassen“, sagte der US-Botschafter bei der NATO, Julian Smith, am Freitag.",
                &["NATO*", "Julian Smith"]
            ),
            Some("Julian Smith".into())
        );
    }

    #[test]
    fn speaker_before_the_quotation() {
        assert_eq!(
            one(
                "Stoltenberg betonte: „Die Ukraine gehört zur Familie.“",
                &["Stoltenberg"]
            ),
            Some("Stoltenberg".into())
        );
        assert_eq!(
            one(
                "Der türkische Präsident Recep Tayyip Erdogan dämpfte die Hoffnungen und forderte, Schweden müsse \"seinen Teil leisten\".",
                &["Recep Tayyip Erdogan", "Schweden@"]
            ),
            Some("Recep Tayyip Erdogan".into())
        );
        assert_eq!(
            one(
                "Letzte Woche appellierte Bundeskanzler Olaf Scholes „an alle Länder“ mit Nachdruck.",
                &["Olaf Scholes"]
            ),
            Some("Olaf Scholes".into())
        );
        assert_eq!(
            one(
                "Der Kreml erklärte nach dem Treffen mit Stoltenberg: „Das ist eine Gefahr.“",
                &["Kreml*", "Stoltenberg"]
            ),
            Some("Kreml".into())
        );
    }

    #[test]
    fn unclear_speakers_are_not_guessed() {
        // A pronoun, an unnamed official, a compound, no verb of saying.
        assert_eq!(
            one(
                "„Ich hoffe, wir haben eine klare Botschaft“, sagte er.",
                &[]
            ),
            None
        );
        assert_eq!(
            one(
                "„Es ist weit fortgeschritten“, sagte ein französischer Beamter gegenüber Reportern.",
                &[]
            ),
            None
        );
        assert_eq!(
            one(
                "„Für die Ukraine ist es eine Garantie“, sagte der hochrangige NATO-Diplomat.",
                &["NATO*", "Ukraine@"]
            ),
            None
        );
        assert_eq!(
            one(
                "Stoltenberg reiste ab. Das Paket enthalte „weitere Flugabwehrraketen und Munition“.",
                &["Stoltenberg"]
            ),
            None
        );
        // A place is not a speaker.
        assert_eq!(
            one("„Wir sind bereit“, sagte man in Kiew.", &["Kiew@"]),
            None
        );
    }

    #[test]
    fn possessors_relative_clauses_and_objects_are_not_speakers() {
        assert_eq!(
            one(
                "Selenskyjs Außenminister Dmytro Kuleba sprach von einem „guten Ergebnis“.",
                &["Selenskyj"]
            ),
            None
        );
        assert_eq!(
            one(
                "Putins Sprecher fügte hinzu: „Das ändert nichts.“",
                &["Putin"]
            ),
            None
        );
        assert_eq!(
            one(
                "Der Niederländer, der am 1. Oktober auf Jens Stoltenberg gefolgt war, sagte in Budapest: „Wir müssen mehr tun.“",
                &["Jens Stoltenberg"]
            ),
            None
        );
        assert_eq!(
            one(
                "Kommissionspräsidentin Ursula von der Leyen gratulierte Trump und betonte: „Wir werden gemeinsam arbeiten.“",
                &["Trump"]
            ),
            None
        );
        // A number and a full stop end a sentence unless an ordinal's noun follows.
        let text = "Scholz kündigte Panzer vom Typ Leopard 1. „Wir wollten keine Versprechen machen“, sagte ein Diplomat.";
        let all = speakers(text, &["Scholz"]);
        assert_eq!(all[0].1, None, "{all:?}");
        assert_eq!(
            one(
                "„Was auch immer sie wollen“, hatte Trump im Februar gesagt.",
                &["Trump"]
            ),
            Some("Trump".into())
        );
    }

    #[test]
    fn a_block_quotation_takes_its_speaker_from_the_lead_in() {
        let lead = "TASS zitierte Rutte wie folgt:";
        let names = ["TASS*", "Rutte"];
        let lead_mentions = mentions_of(lead, &names);
        let quote = "\"Dank der amerikanischen Führungsrolle hat die Ukraine gewonnen.\"";
        let kinds = |e: usize| Some(names[e] != "TASS*");
        let found = attribute(quote, &[], &kinds, Some((lead, &lead_mentions)));
        assert_eq!(found[0].speaker, Some(1));
    }

    #[test]
    fn sentences_end_at_stops_but_not_in_quotes_dates_or_abbreviations() {
        let text = "Der Gipfel ist am 11. Juli in Vilnius. Er sagte: „Wir sind da. Alle.“ Stoltenberg (l.) und Dr. Pavel reisten an! Ende";
        let quotes = quotations(text);
        let found: Vec<&str> = sentences(text, &quotes)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            found,
            [
                "Der Gipfel ist am 11. Juli in Vilnius.",
                "Er sagte: „Wir sind da. Alle.“",
                "Stoltenberg (l.) und Dr. Pavel reisten an!",
                "Ende"
            ]
        );
    }

    #[test]
    fn quotation_marks_pair_up_and_stray_openers_stay_inside() {
        let text = "„Eine Diskussion; „Es ist weit“, sagte er, \"gut\" und »so« und “fine”.";
        let found: Vec<&str> = quotations(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "„Eine Diskussion; „Es ist weit“",
                "\"gut\"",
                "»so«",
                "“fine”"
            ]
        );
        assert!(quotations("„nie geschlossen").is_empty());
    }
}
