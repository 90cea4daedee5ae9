//! Articles and the events read from them in one timeline, grouped by year and month, with
//! partial dates placed by their precision.
//!
//! A date known only to the month belongs to its month but to no day of it, so it is listed
//! apart from the dated days ("day not known") instead of being pinned to the 1st; a decade
//! (`Ende der 1990er-Jahre`) gets a group of its own before the years it covers.

use crate::date::{Precision, TimeSpan};
use crate::enrich::{EnrichedArticle, Event};

/// One line of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entry {
    /// An article, by its publication date (index into the dossier's articles).
    Article(usize),
    /// An event read from the articles (index into the dossier's events).
    Event(usize),
}

/// Articles and events by year and month, oldest first.
#[derive(Debug, Clone, Default)]
pub struct Chronology {
    /// Years (and decades) in ascending order.
    pub years: Vec<ChronologyYear>,
}

/// One year of the chronology, or one decade for what is dated only to a decade.
#[derive(Debug, Clone)]
pub struct ChronologyYear {
    /// The year, or the decade's first year.
    pub year: i32,
    /// Whether this group is a decade.
    pub decade: bool,
    /// Entries known only to the year, a season or part of it (or to the decade).
    pub year_only: Vec<Entry>,
    /// Months with entries, ascending.
    pub months: Vec<ChronologyMonth>,
}

/// One month of the chronology.
#[derive(Debug, Clone)]
pub struct ChronologyMonth {
    /// The month, 1-12.
    pub month: u8,
    /// Entries known only to the month.
    pub month_only: Vec<Entry>,
    /// Entries with a day, a week or part of the month, in date order.
    pub days: Vec<Entry>,
}

impl ChronologyYear {
    /// How many entries (articles and events) it holds.
    pub fn entry_count(&self) -> usize {
        self.year_only.len()
            + self
                .months
                .iter()
                .map(|m| m.month_only.len() + m.days.len())
                .sum::<usize>()
    }

    /// Its entries, in page order.
    pub fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        self.year_only.iter().copied().chain(
            self.months
                .iter()
                .flat_map(|m| m.month_only.iter().chain(&m.days).copied()),
        )
    }
}

impl Chronology {
    /// Places `articles` and `events` in one timeline.
    pub fn build(articles: &[EnrichedArticle], events: &[Event]) -> Self {
        let mut placed: Vec<(Place, Entry)> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| {
                (
                    Place::of(&TimeSpan::of_partial(a.article.date)),
                    Entry::Article(i),
                )
            })
            .chain(
                events
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (Place::of(&e.span), Entry::Event(i))),
            )
            .collect();
        placed.sort();

        let mut years: Vec<ChronologyYear> = Vec::new();
        for (place, entry) in placed {
            let decade = !place.not_decade;
            if years
                .last()
                .is_none_or(|y| (y.year, y.decade) != (place.year, decade))
            {
                years.push(ChronologyYear {
                    year: place.year,
                    decade,
                    year_only: Vec::new(),
                    months: Vec::new(),
                });
            }
            let year = years.last_mut().expect("pushed above");
            if place.month == 0 {
                year.year_only.push(entry);
                continue;
            }
            if year.months.last().is_none_or(|m| m.month != place.month) {
                year.months.push(ChronologyMonth {
                    month: place.month,
                    month_only: Vec::new(),
                    days: Vec::new(),
                });
            }
            let month = year.months.last_mut().expect("pushed above");
            if place.in_days {
                month.days.push(entry);
            } else {
                month.month_only.push(entry);
            }
        }
        Chronology { years }
    }
}

/// Where an entry goes: its group, its month (0 for none), and its order within them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    year: i32,
    /// `false` sorts first: a decade's group comes before its years.
    not_decade: bool,
    month: u8,
    in_days: bool,
    start: jiff::civil::Date,
    precision: Precision,
    end: jiff::civil::Date,
}

impl Place {
    fn of(span: &TimeSpan) -> Self {
        let precision = span.precision();
        let year = i32::from(span.start.year());
        let (year, decade) = match precision {
            Precision::Decade => (year - year.rem_euclid(10), true),
            _ => (year, false),
        };
        let month = match precision {
            Precision::Decade | Precision::Year | Precision::Season => 0,
            _ => span.start.month() as u8,
        };
        Place {
            year,
            not_decade: !decade,
            month,
            in_days: precision > Precision::Month,
            start: span.start,
            precision,
            end: span.end,
        }
    }
}
