//! A stretch of time read from a text: a day, a week, part of a month, a month, a season, a year,
//! a decade, or a range of these, and how the text ties something to it (since, from, until).
//!
//! A span never claims more than the text supports: `Mitte Dezember 2023` is the 11th to the
//! 20th of December at part-of-month precision, not the 15th.

use jiff::civil::Date;

use super::{PartialDate, Precision, language_is_german, month_name};

/// The calendar unit a span is counted in, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// One day.
    Day,
    /// A week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
    /// A decade, `1990` to `1999`.
    Decade,
}

/// A named part of a month, a year or a decade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// `Anfang`: the first third.
    Early,
    /// `Mitte`: the middle third.
    Mid,
    /// `Ende`: the last third.
    Late,
    /// `Frühjahr`: March to May.
    Spring,
    /// `Sommer`: June to August.
    Summer,
    /// `Herbst`: September to November.
    Autumn,
    /// `Winter`: December to February of the next year.
    Winter,
    /// A quarter of a year, 1 to 4.
    Quarter(u8),
    /// A half of a year, 1 or 2.
    Half(u8),
}

/// How a text ties what happened to its span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Relation {
    /// Within the span (`am 13. November`).
    #[default]
    At,
    /// From the span on, and still (`seit 2002`).
    Since,
    /// From the span on (`ab Januar 2025`).
    From,
    /// Up to the span (`bis zum 20. Januar`).
    Until,
}

/// A stretch of time from `start` to `end` (both days included), counted in `unit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeSpan {
    /// The first day the span can mean.
    pub start: Date,
    /// The last day it can mean.
    pub end: Date,
    /// What it is counted in.
    pub unit: Unit,
    /// The part of the unit it names, if any (`Mitte`, `Sommer`).
    pub part: Option<Part>,
    /// Since, from, until or at.
    pub relation: Relation,
    /// Whether the text or the article's date only allows an approximate span (`vor knapp 14 Monaten`).
    pub approximate: bool,
}

impl TimeSpan {
    /// The whole `unit` that contains `date` (its week, its month...).
    pub fn containing(date: Date, unit: Unit) -> Self {
        let (start, end) = match unit {
            Unit::Day => (date, date),
            Unit::Week => {
                let monday = add_days(date, -i64::from(date.weekday().to_monday_zero_offset()));
                (monday, add_days(monday, 6))
            }
            Unit::Month => (date.first_of_month(), date.last_of_month()),
            Unit::Year => (date.first_of_year(), date.last_of_year()),
            Unit::Decade => {
                let first = date.year() - date.year().rem_euclid(10);
                (ymd(first, 1, 1), ymd(first + 9, 12, 31))
            }
        };
        TimeSpan {
            start,
            end,
            unit,
            part: None,
            relation: Relation::At,
            approximate: false,
        }
    }

    /// The days an article date covers: one day, a month or a year.
    pub fn of_partial(date: PartialDate) -> Self {
        let day = ymd(
            date.year_number(),
            date.month().unwrap_or(1) as i8,
            date.day().unwrap_or(1) as i8,
        );
        let unit = match date.precision() {
            Precision::Day => Unit::Day,
            Precision::Month => Unit::Month,
            _ => Unit::Year,
        };
        TimeSpan::containing(day, unit)
    }

    /// The named part of this span's unit: `Mitte` of a month is its 11th to 20th day.
    pub fn with_part(self, part: Part) -> Self {
        let year = self.start.year();
        let months =
            |first: i8, last: i8| (ymd(year, first, 1), ymd(year, last, 1).last_of_month());
        let (start, end) = match (self.unit, part) {
            (Unit::Month, Part::Early) => (
                self.start,
                self.start.with().day(10).build().unwrap_or(self.end),
            ),
            (Unit::Month, Part::Mid) => (
                self.start.with().day(11).build().unwrap_or(self.start),
                self.start.with().day(20).build().unwrap_or(self.end),
            ),
            (Unit::Month, Part::Late) => (
                self.start.with().day(21).build().unwrap_or(self.start),
                self.end,
            ),
            (Unit::Year, Part::Early) => months(1, 4),
            (Unit::Year, Part::Mid) => months(5, 8),
            (Unit::Year, Part::Late) => months(9, 12),
            (Unit::Year, Part::Spring) => months(3, 5),
            (Unit::Year, Part::Summer) => months(6, 8),
            (Unit::Year, Part::Autumn) => months(9, 11),
            (Unit::Year, Part::Winter) => (ymd(year, 12, 1), ymd(year + 1, 2, 1).last_of_month()),
            (Unit::Year, Part::Quarter(q)) => {
                let q = q.clamp(1, 4) as i8;
                months(q * 3 - 2, q * 3)
            }
            (Unit::Year, Part::Half(h)) => {
                let h = h.clamp(1, 2) as i8;
                months(h * 6 - 5, h * 6)
            }
            (Unit::Decade, Part::Early) => (ymd(year, 1, 1), ymd(year + 3, 12, 31)),
            (Unit::Decade, Part::Mid) => (ymd(year + 4, 1, 1), ymd(year + 6, 12, 31)),
            (Unit::Decade, Part::Late) => (ymd(year + 7, 1, 1), ymd(year + 9, 12, 31)),
            // Weeks and days have no named parts; seasons of a month do not exist.
            _ => return self,
        };
        TimeSpan {
            start,
            end,
            part: Some(part),
            ..self
        }
    }

    /// From the start of `self` to the end of `last`, counted in the coarser of their units.
    pub fn through(self, last: TimeSpan) -> Self {
        let unit = self.unit.max(last.unit);
        let (start, end) = if unit == self.unit && unit == last.unit {
            (self.start, last.end)
        } else {
            (
                TimeSpan::containing(self.start, unit).start,
                TimeSpan::containing(last.end, unit).end,
            )
        };
        TimeSpan {
            start,
            end: end.max(start),
            unit,
            part: if self.part == last.part && start == self.start {
                self.part
            } else {
                None
            },
            relation: Relation::At,
            approximate: self.approximate || last.approximate,
        }
    }

    /// The same span counted in a coarser unit: the whole months, years... it falls in.
    pub fn coarsened(self, unit: Unit) -> Self {
        if unit <= self.unit {
            return self;
        }
        TimeSpan {
            start: TimeSpan::containing(self.start, unit).start,
            end: TimeSpan::containing(self.end, unit).end,
            unit,
            part: None,
            ..self
        }
    }

    /// How precisely the span is known.
    pub fn precision(&self) -> Precision {
        match (self.unit, self.part.is_some()) {
            (Unit::Day, _) => Precision::Day,
            (Unit::Week, _) => Precision::Week,
            (Unit::Month, true) => Precision::PartOfMonth,
            (Unit::Month, false) => Precision::Month,
            (Unit::Year, true) => Precision::Season,
            (Unit::Year, false) => Precision::Year,
            (Unit::Decade, _) => Precision::Decade,
        }
    }

    /// Whether it covers more than one of its units (`11. und 12. Juli`, `2014 bis 2016`).
    pub fn is_range(&self) -> bool {
        self.part.is_none() && TimeSpan::containing(self.start, self.unit).end < self.end
    }

    /// Chronological order, the coarser span first when two start together.
    pub fn sort_key(&self) -> impl Ord + use<> {
        (
            self.start,
            self.precision(),
            self.end,
            self.part,
            self.relation,
            self.approximate,
        )
    }

    /// The span for readers in `language` (`de` or `en`): "11.–12. Juli 2023", "seit etwa 2014".
    pub fn label(&self, language: &str) -> String {
        let german = language_is_german(language);
        let relation = match (self.relation, german) {
            (Relation::At, _) => "",
            (Relation::Since, true) => "seit ",
            (Relation::Since, false) => "since ",
            (Relation::From, true) => "ab ",
            (Relation::From, false) => "from ",
            (Relation::Until, true) => "bis ",
            (Relation::Until, false) => "until ",
        };
        let about = match (self.approximate, german) {
            (false, _) => "",
            (true, true) => "etwa ",
            (true, false) => "about ",
        };
        format!("{relation}{about}{}", self.body_label(language))
    }

    fn body_label(&self, language: &str) -> String {
        let german = language_is_german(language);
        let (y, m) = (self.start.year(), self.start.month() as u8);
        let month = |d: Date| month_name(d.month() as u8, language);
        match self.unit {
            Unit::Day => day_range(self.start, self.end, language),
            Unit::Week if self.is_range() => day_range(self.start, self.end, language),
            Unit::Week if german => {
                let (start, end) = (self.start, self.end);
                let first = match (start.year() == end.year(), start.month() == end.month()) {
                    (true, true) => format!("{}.", start.day()),
                    (true, false) => format!("{}. {}", start.day(), month(start)),
                    _ => partial(start).display(language),
                };
                format!("Woche vom {first} bis {}", partial(end).display(language))
            }
            Unit::Week => format!("week of {}", partial(self.start).display(language)),
            Unit::Month => match self.part {
                Some(part) => {
                    let word = part_word(part, german);
                    format!("{word} {} {y}", month(self.start))
                }
                None if self.is_range() => {
                    if self.end.year() == y {
                        format!("{} – {} {y}", month(self.start), month(self.end))
                    } else {
                        format!(
                            "{} {y} – {} {}",
                            month(self.start),
                            month(self.end),
                            self.end.year()
                        )
                    }
                }
                None => format!("{} {y}", month_name(m, language)),
            },
            Unit::Year => match self.part {
                Some(Part::Winter) => format!(
                    "{} {y}/{:02}",
                    if german { "Winter" } else { "winter" },
                    (y + 1).rem_euclid(100)
                ),
                Some(Part::Quarter(q)) if german => format!("{q}. Quartal {y}"),
                Some(Part::Quarter(q)) => format!("Q{q} {y}"),
                Some(Part::Half(h)) if german => format!("{h}. Halbjahr {y}"),
                Some(Part::Half(h)) => {
                    format!("{} half of {y}", if h == 1 { "first" } else { "second" })
                }
                Some(part) => format!("{} {y}", part_word(part, german)),
                None if self.is_range() => format!("{y}–{}", self.end.year()),
                None => y.to_string(),
            },
            Unit::Decade => {
                let decade = y - y.rem_euclid(10);
                let name = if german {
                    format!("{decade}er-Jahre")
                } else {
                    format!("the {decade}s")
                };
                match self.part {
                    Some(part) if german => format!("{} der {name}", part_word(part, true)),
                    Some(part) => format!("the {} {decade}s", part_word(part, false)),
                    None if self.is_range() => {
                        let last = self.end.year() - self.end.year().rem_euclid(10);
                        if german {
                            format!("{decade}er- bis {last}er-Jahre")
                        } else {
                            format!("the {decade}s to {last}s")
                        }
                    }
                    None => name,
                }
            }
        }
    }

    /// The value for `<time datetime>`, where HTML has a form for the precision (it has none for decades).
    pub fn datetime(&self) -> Option<String> {
        let (y, m, d) = (self.start.year(), self.start.month(), self.start.day());
        match self.precision() {
            Precision::Day => Some(format!("{y:04}-{m:02}-{d:02}")),
            Precision::Week => {
                let week = self.start.iso_week_date();
                Some(format!("{:04}-W{:02}", week.year(), week.week()))
            }
            Precision::PartOfMonth | Precision::Month => Some(format!("{y:04}-{m:02}")),
            Precision::Season | Precision::Year => Some(format!("{y:04}")),
            Precision::Decade => None,
        }
    }

    /// The start as year, month and day, each only where the precision knows it.
    pub fn start_parts(&self) -> (i32, Option<u8>, Option<u8>) {
        date_parts(self.start, self.precision())
    }

    /// The end as year, month and day, each only where the precision knows it.
    pub fn end_parts(&self) -> (i32, Option<u8>, Option<u8>) {
        date_parts(self.end, self.precision())
    }
}

fn date_parts(date: Date, precision: Precision) -> (i32, Option<u8>, Option<u8>) {
    let (y, m, d) = (i32::from(date.year()), date.month() as u8, date.day() as u8);
    match precision {
        Precision::Day | Precision::Week | Precision::PartOfMonth => (y, Some(m), Some(d)),
        Precision::Month | Precision::Season => (y, Some(m), None),
        Precision::Year | Precision::Decade => (y, None, None),
    }
}

fn part_word(part: Part, german: bool) -> &'static str {
    match (part, german) {
        (Part::Early, true) => "Anfang",
        (Part::Mid, true) => "Mitte",
        (Part::Late, true) => "Ende",
        (Part::Spring, true) => "Frühjahr",
        (Part::Summer, true) => "Sommer",
        (Part::Autumn, true) => "Herbst",
        (Part::Winter, true) => "Winter",
        (Part::Early, false) => "early",
        (Part::Mid, false) => "mid",
        (Part::Late, false) => "late",
        (Part::Spring, false) => "spring",
        (Part::Summer, false) => "summer",
        (Part::Autumn, false) => "autumn",
        (Part::Winter, false) => "winter",
        (Part::Quarter(_), _) | (Part::Half(_), _) => "",
    }
}

/// "11.–12. Juli 2023", "30. Juni – 2. Juli 2023", "July 11–12, 2023".
fn day_range(start: Date, end: Date, language: &str) -> String {
    let german = language_is_german(language);
    let full = |d: Date| partial(d).display(language);
    if start == end {
        return full(start);
    }
    let (sy, sm, sd) = (start.year(), start.month(), start.day());
    let (ey, em, ed) = (end.year(), end.month(), end.day());
    match (sy == ey, sm == em, german) {
        (true, true, true) => format!("{sd}.–{ed}. {} {sy}", month_name(sm as u8, language)),
        (true, true, false) => format!("{} {sd}–{ed}, {sy}", month_name(sm as u8, language)),
        (true, false, true) => format!(
            "{sd}. {} – {ed}. {} {sy}",
            month_name(sm as u8, language),
            month_name(em as u8, language)
        ),
        (true, false, false) => format!(
            "{} {sd} – {} {ed}, {sy}",
            month_name(sm as u8, language),
            month_name(em as u8, language)
        ),
        _ => format!("{} – {}", full(start), full(end)),
    }
}

/// The day as a [`PartialDate`], to display it as article dates are.
fn partial(date: Date) -> PartialDate {
    PartialDate {
        year: i32::from(date.year()),
        month: Some(date.month() as u8),
        day: Some(date.day() as u8),
    }
}

/// `days` after `date` (before it if negative), held at the calendar's ends.
pub(crate) fn add_days(date: Date, days: i64) -> Date {
    date.saturating_add(jiff::Span::new().days(days))
}

/// A calendar date; out-of-range values are clamped, since callers build them from checked parts.
pub(crate) fn ymd(year: impl Into<i32>, month: i8, day: i8) -> Date {
    let year = year.into().clamp(-9999, 9999) as i16;
    let month = month.clamp(1, 12);
    let first = Date::new(year, month, 1).unwrap_or_default();
    Date::new(year, month, day.clamp(1, first.days_in_month())).unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: Date, unit: Unit) -> TimeSpan {
        TimeSpan::containing(start, unit)
    }

    #[test]
    fn containing_units() {
        let d = ymd(2023, 4, 20); // a Thursday
        let week = span(d, Unit::Week);
        assert_eq!((week.start, week.end), (ymd(2023, 4, 17), ymd(2023, 4, 23)));
        let decade = span(d, Unit::Decade);
        assert_eq!(
            (decade.start, decade.end),
            (ymd(2020, 1, 1), ymd(2029, 12, 31))
        );
        assert_eq!(span(ymd(2024, 2, 10), Unit::Month).end, ymd(2024, 2, 29));
    }

    #[test]
    fn labels_in_german_and_english() {
        let mid_dec = span(ymd(2023, 12, 1), Unit::Month).with_part(Part::Mid);
        assert_eq!(mid_dec.label("de"), "Mitte Dezember 2023");
        assert_eq!(mid_dec.label("en"), "mid December 2023");
        assert_eq!(mid_dec.precision(), Precision::PartOfMonth);
        let vilnius = span(ymd(2023, 7, 11), Unit::Day).through(span(ymd(2023, 7, 12), Unit::Day));
        assert_eq!(vilnius.label("de"), "11.–12. Juli 2023");
        assert_eq!(vilnius.label("en"), "July 11–12, 2023");
        assert!(vilnius.is_range());
        let late_90s = span(ymd(1990, 1, 1), Unit::Decade).with_part(Part::Late);
        assert_eq!(late_90s.label("de"), "Ende der 1990er-Jahre");
        assert_eq!(
            (late_90s.start, late_90s.end),
            (ymd(1997, 1, 1), ymd(1999, 12, 31))
        );
        assert_eq!(late_90s.datetime(), None);
        let since = TimeSpan {
            relation: Relation::Since,
            approximate: true,
            ..span(ymd(2014, 1, 1), Unit::Year)
        };
        assert_eq!(since.label("de"), "seit etwa 2014");
        assert_eq!(since.label("en"), "since about 2014");
        let week = span(ymd(2023, 4, 20), Unit::Week);
        assert_eq!(week.label("de"), "Woche vom 17. bis 23. April 2023");
        assert_eq!(week.datetime().as_deref(), Some("2023-W16"));
        let winter = span(ymd(2022, 1, 1), Unit::Year).with_part(Part::Winter);
        assert_eq!(winter.label("de"), "Winter 2022/23");
        assert_eq!(winter.end, ymd(2023, 2, 28));
        let years = span(ymd(2014, 1, 1), Unit::Year).through(span(ymd(2016, 1, 1), Unit::Year));
        assert_eq!(years.label("de"), "2014–2016");
        let months = span(ymd(2023, 7, 1), Unit::Month).through(span(ymd(2023, 9, 1), Unit::Month));
        assert_eq!(months.label("de"), "Juli – September 2023");
    }

    #[test]
    fn coarser_span_sorts_first() {
        let year = span(ymd(2023, 1, 1), Unit::Year);
        let month = span(ymd(2023, 1, 1), Unit::Month);
        let day = span(ymd(2023, 1, 1), Unit::Day);
        let mut all = [day, month, year];
        all.sort_by_key(TimeSpan::sort_key);
        assert_eq!(all.map(|s| s.unit), [Unit::Year, Unit::Month, Unit::Day]);
    }
}
