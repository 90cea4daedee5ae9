//! Dates as sources give them: a year, a month or a day (`2023`, `2024-07`, `2023-04-20`).
//!
//! A date never claims more precision than it has: a month-only date is shown as "Juli 2024" and
//! sorts as the start of that month, before the days of that month.

use std::fmt;

use serde::Serialize;

pub mod expressions;
pub mod span;

pub use expressions::{DateExpression, find_date_expressions};
pub use span::{Part, Relation, TimeSpan, Unit};

/// How much of a date is known, coarsest first.
///
/// Article dates use `Year`, `Month` and `Day`; dates read from article text can be anything
/// from a decade to a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    /// A decade or part of one (`Ende der 1990er-Jahre`).
    Decade,
    /// Only the year.
    Year,
    /// A season or another part of a year (`Sommer 2023`, `Ende 2022`).
    Season,
    /// Year and month.
    Month,
    /// Part of a month (`Mitte Dezember 2023`).
    PartOfMonth,
    /// A calendar week, Monday to Sunday.
    Week,
    /// Year, month and day.
    Day,
}

/// A calendar date known to a year, a month or a day.
///
/// Ordering is chronological with the coarser date first when they share a start
/// (`2024` < `2024-01` < `2024-01-01`), so every sort of dates is total and stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

impl Precision {
    /// The name used in data exports: `day`, `part-of-month`, `season`, `decade`...
    pub fn name(self) -> &'static str {
        match self {
            Precision::Decade => "decade",
            Precision::Year => "year",
            Precision::Season => "season",
            Precision::Month => "month",
            Precision::PartOfMonth => "part-of-month",
            Precision::Week => "week",
            Precision::Day => "day",
        }
    }
}

impl PartialDate {
    /// A year-only date.
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the month and day exist.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let shape_ok = match parts.as_slice() {
            [y] => y.len() == 4,
            [y, m] => y.len() == 4 && m.len() == 2,
            [y, m, d] => y.len() == 4 && m.len() == 2 && d.len() == 2,
            _ => false,
        } && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !shape_ok {
            return Err(format!(
                "`{text}` is not a date: write `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (e.g. \"2023\", \"2024-07\", \"2023-04-20\")"
            ));
        }
        let year: i32 = parts[0]
            .parse()
            .map_err(|_| format!("`{text}`: bad year"))?;
        let month = match parts.get(1) {
            Some(m) => {
                let m: u8 = m.parse().map_err(|_| format!("`{text}`: bad month"))?;
                if !(1..=12).contains(&m) {
                    return Err(format!(
                        "`{text}`: there is no month {m}; months run from 01 to 12"
                    ));
                }
                Some(m)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d: u8 = d.parse().map_err(|_| format!("`{text}`: bad day"))?;
                let last = days_in_month(year, m);
                if d == 0 || d > last {
                    return Err(format!(
                        "`{text}`: there is no day {d} in {} {year}; it has {last} days",
                        month_name(m, "en")
                    ));
                }
                Some(d)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// Today in UTC, or the day of `SOURCE_DATE_EPOCH` when that is set, so that a build
    /// reproduced later judges dates as the original build did.
    pub fn today() -> Self {
        let now = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
            .unwrap_or_else(jiff::Timestamp::now);
        let date = now.to_zoned(jiff::tz::TimeZone::UTC).date();
        PartialDate {
            year: i32::from(date.year()),
            month: u8::try_from(date.month()).ok(),
            day: u8::try_from(date.day()).ok(),
        }
    }

    /// The year.
    pub fn year_number(&self) -> i32 {
        self.year
    }

    /// The month (1-12), if known.
    pub fn month(&self) -> Option<u8> {
        self.month
    }

    /// The day of the month, if known.
    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The date as written in front matter and in `<time datetime>`: `2023`, `2024-07`, `2023-04-20`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The date for readers, at its precision, in `language` (`de` or `en`): "20. April 2023", "Juli 2024", "2023".
    pub fn display(&self, language: &str) -> String {
        let german = language_is_german(language);
        match (self.month, self.day) {
            (Some(m), Some(d)) if german => {
                format!("{d}. {} {}", month_name(m, language), self.year)
            }
            (Some(m), Some(d)) => format!("{} {d}, {}", month_name(m, language), self.year),
            (Some(m), None) => format!("{} {}", month_name(m, language), self.year),
            _ => self.year.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

fn language_is_german(language: &str) -> bool {
    language == "de" || language.starts_with("de-")
}

/// The months' names in German, January first.
pub const GERMAN_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// The month's name in `language` (German for `de`, English otherwise).
pub fn month_name(month: u8, language: &str) -> &'static str {
    const DE: [&str; 12] = GERMAN_MONTHS;
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let table = if language_is_german(language) { DE } else { EN };
    table[usize::from(month.clamp(1, 12)) - 1]
}

/// The number of days in `month` of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_three_precisions() {
        assert_eq!(
            PartialDate::parse("2023").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            PartialDate::parse("2024-07").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            PartialDate::parse("2023-04-20").unwrap().precision(),
            Precision::Day
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(
            PartialDate::parse("2024-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(
            PartialDate::parse("2023-02-30")
                .unwrap_err()
                .contains("no day 30 in February 2023")
        );
        assert!(PartialDate::parse("2023-02-29").is_err());
        assert!(PartialDate::parse("2024-02-29").is_ok());
        for bad in [
            "",
            "23",
            "2023-4",
            "2023/04/20",
            "April 2023",
            "2023-04-20T10:00",
        ] {
            assert!(PartialDate::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn displays_at_precision_in_german_and_english() {
        let day = PartialDate::parse("2023-04-20").unwrap();
        let month = PartialDate::parse("2024-07").unwrap();
        assert_eq!(day.display("de"), "20. April 2023");
        assert_eq!(month.display("de"), "Juli 2024");
        assert_eq!(
            PartialDate::parse("2024-03").unwrap().display("de"),
            "März 2024"
        );
        assert_eq!(day.display("en"), "April 20, 2023");
        assert_eq!(PartialDate::year(2023).display("de"), "2023");
        assert_eq!(month.iso(), "2024-07");
    }

    #[test]
    fn coarser_date_sorts_first_within_its_period() {
        let mut dates: Vec<PartialDate> = ["2024-07-02", "2024-07", "2024", "2023-12-31"]
            .iter()
            .map(|s| PartialDate::parse(s).unwrap())
            .collect();
        dates.sort();
        let iso: Vec<String> = dates.iter().map(PartialDate::iso).collect();
        assert_eq!(iso, ["2023-12-31", "2024", "2024-07", "2024-07-02"]);
    }
}
