//! Articles in time: grouped by year and month, with partial dates placed honestly.
//!
//! A month-only date belongs to its month but to no day of it, so it is listed apart from the
//! dated days ("day not known") instead of being pinned to the 1st.

use crate::date::Precision;
use crate::enrich::EnrichedArticle;

/// All articles by year and month, oldest first.
#[derive(Debug, Clone, Default)]
pub struct Chronology {
    /// Years in ascending order.
    pub years: Vec<ChronologyYear>,
}

/// One year of the chronology.
#[derive(Debug, Clone)]
pub struct ChronologyYear {
    /// The year.
    pub year: i32,
    /// Articles known only to the year (indices into the dossier's articles).
    pub year_only: Vec<usize>,
    /// Months with articles, ascending.
    pub months: Vec<ChronologyMonth>,
}

/// One month of the chronology.
#[derive(Debug, Clone)]
pub struct ChronologyMonth {
    /// The month, 1-12.
    pub month: u8,
    /// Articles known only to the month.
    pub month_only: Vec<usize>,
    /// Articles with a day, in date order.
    pub days: Vec<usize>,
}

impl Chronology {
    /// Groups `articles`, which must already be in chronological order.
    pub fn build(articles: &[EnrichedArticle]) -> Self {
        let mut years: Vec<ChronologyYear> = Vec::new();
        for (index, entry) in articles.iter().enumerate() {
            let date = entry.article.date;
            if years.last().is_none_or(|y| y.year != date.year_number()) {
                years.push(ChronologyYear {
                    year: date.year_number(),
                    year_only: Vec::new(),
                    months: Vec::new(),
                });
            }
            let year = years.last_mut().expect("pushed above");
            let Some(month) = date.month() else {
                year.year_only.push(index);
                continue;
            };
            if year.months.last().is_none_or(|m| m.month != month) {
                year.months.push(ChronologyMonth {
                    month,
                    month_only: Vec::new(),
                    days: Vec::new(),
                });
            }
            let group = year.months.last_mut().expect("pushed above");
            match date.precision() {
                Precision::Day => group.days.push(index),
                _ => group.month_only.push(index),
            }
        }
        Chronology { years }
    }
}
