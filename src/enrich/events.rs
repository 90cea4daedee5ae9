//! Dated events read from the articles' text.
//!
//! Every date expression becomes an event with the sentence it stands in, the paragraph it was
//! read in and the entities that sentence names. Articles that report the same event (the same
//! date, an entity in common) give one event with several sources; a source that dates it only
//! to the month (`im Juli`) joins the one event of that month it shares an entity with
//! (`am 11. und 12. Juli`).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::date::expressions::Basis;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::date::span::add_days;
use crate::date::{Precision, Relation, TimeSpan, find_date_expressions};
use crate::enrich::EnrichedArticle;
use crate::enrich::statements::{quotations, sentence_at, sentences};
use crate::markdown::Mention;

/// Something that happened at a time the articles name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When, as precisely as the most precise source says.
    pub span: TimeSpan,
    /// Where it was read, in article order.
    pub sources: Vec<EventSource>,
    /// Entities the sources' sentences name (indices into the registry), ascending.
    pub entities: Vec<usize>,
    /// Topics of the source articles (indices into the dossier's topics), ascending.
    pub topics: Vec<usize>,
}

/// One place an event was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSource {
    /// Index into the dossier's articles.
    pub article: usize,
    /// The anchor of the paragraph, heading or figure.
    pub anchor: String,
    /// The sentence the date stands in.
    pub sentence: String,
    /// Where the date expression stands in `sentence`, in bytes.
    pub expression: Range<usize>,
    /// The date as this source gives it.
    pub span: TimeSpan,
    /// What that date rests on.
    pub basis: Basis,
    /// Entities this sentence names, ascending.
    pub entities: Vec<usize>,
}

impl EventSource {
    /// The date expression as written (`am 11. und 12. Juli`).
    pub fn expression_text(&self) -> &str {
        self.parts().1
    }

    /// The sentence cut at the expression: (before, expression, after).
    pub fn parts(&self) -> (&str, &str, &str) {
        let (start, end) = (self.expression.start, self.expression.end);
        let sentence = self.sentence.as_str();
        match (
            sentence.get(..start),
            sentence.get(start..end),
            sentence.get(end..),
        ) {
            (Some(before), Some(expression), Some(after)) => (before, expression, after),
            _ => (sentence, "", ""),
        }
    }
}

/// Reads the events of every article and merges those several sources report.
///
/// `articles` must be in the dossier's order; events come out in time order.
pub fn extract(articles: &[EnrichedArticle]) -> Vec<Event> {
    let sources: Vec<EventSource> = articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(index, entry)| read_article(index, entry))
        .collect();
    let common = common_entities(articles);
    let mut events = merge_same_dates(sources, &common);
    merge_coarse_into_precise(&mut events, &common);
    for event in &mut events {
        let topics: BTreeSet<usize> = event
            .sources
            .iter()
            .flat_map(|s| articles[s.article].topics.iter().copied())
            .collect();
        event.topics = topics.into_iter().collect();
    }
    events.sort_by(|a, b| {
        (
            a.span.sort_key(),
            a.sources[0].article,
            &a.sources[0].anchor,
        )
            .cmp(&(
                b.span.sort_key(),
                b.sources[0].article,
                &b.sources[0].anchor,
            ))
    });
    events
}

/// The date expressions of one article, each with its sentence and the entities it names.
fn read_article(index: usize, entry: &EnrichedArticle) -> Vec<EventSource> {
    let date = entry.article.date;
    let mentions: BTreeMap<&str, &[Mention]> = entry
        .body
        .mention_blocks()
        .map(|block| (block[0].anchor.as_str(), block))
        .collect();
    let mut out = Vec::new();
    for (anchor, block) in entry.body.blocks() {
        let text = block.text();
        let found = find_date_expressions(&text, date);
        if found.is_empty() {
            continue;
        }
        let spans = sentences(&text, &quotations(&text));
        for expression in found {
            let sentence = sentence_at(&spans, expression.range.start)
                .map(|s| spans[s].clone())
                .filter(|s| s.start <= expression.range.start && expression.range.end <= s.end)
                .unwrap_or(0..text.len());
            let entities: BTreeSet<usize> = mentions
                .get(anchor)
                .copied()
                .unwrap_or_default()
                .iter()
                .filter(|m| sentence.start <= m.found.start && m.found.start < sentence.end)
                .map(|m| m.entity)
                .collect();
            out.push(EventSource {
                article: index,
                anchor: anchor.to_string(),
                sentence: text[sentence.clone()].to_string(),
                expression: expression.range.start - sentence.start
                    ..expression.range.end - sentence.start,
                span: expression.span,
                basis: expression.basis,
                entities: entities.into_iter().collect(),
            });
        }
    }
    out
}

/// Entities every article names: sharing one says nothing about two reports being one event
/// (in a dossier on NATO, every sentence may name NATO).
fn common_entities(articles: &[EnrichedArticle]) -> BTreeSet<usize> {
    if articles.len() < 3 {
        return BTreeSet::new();
    }
    let mut sets = articles.iter().map(|a| {
        a.entities
            .iter()
            .filter(|e| e.mentions > 0)
            .map(|e| e.entity)
            .collect::<BTreeSet<usize>>()
    });
    let first = sets.next().unwrap_or_default();
    sets.fold(first, |all, set| all.intersection(&set).copied().collect())
}

fn share_an_entity(a: &[usize], b: &[usize], common: &BTreeSet<usize>) -> bool {
    a.iter()
        .any(|e| !common.contains(e) && b.binary_search(e).is_ok())
}

/// One event per source, then sources with the same date and an entity in common joined.
///
/// A source joins the first event (in the order events were made) of its span that shares an
/// entity with it; events are looked up by span, not scanned (tens of thousands at 10,000
/// articles).
fn merge_same_dates(sources: Vec<EventSource>, common: &BTreeSet<usize>) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let mut by_span: FxHashMap<TimeSpan, Vec<usize>> = FxHashMap::default();
    for source in sources {
        let same_span = by_span.entry(source.span).or_default();
        let target = same_span
            .iter()
            .copied()
            .find(|&i| share_an_entity(&events[i].entities, &source.entities, common));
        match target {
            Some(i) => add_source(&mut events[i], source),
            None => {
                same_span.push(events.len());
                events.push(Event {
                    span: source.span,
                    entities: source.entities.clone(),
                    topics: Vec::new(),
                    sources: vec![source],
                });
            }
        }
    }
    events
}

/// Longest a run of days can be and still be one event that its single days belong to (a
/// summit, a visit), rather than a period.
const EVENT_DAYS: i32 = 14;

/// A month-level event (`im Juli`) joins the one more precise event within that month that
/// shares an entity with it (`am 11. und 12. Juli`), and a single day joins the one short run
/// of days around it (`am 11. Juli` the summit of 11–12 July); with two candidates it stays
/// apart.
fn merge_coarse_into_precise(events: &mut Vec<Event>, common: &BTreeSet<usize>) {
    let plain = |e: &Event| !e.span.approximate && e.span.relation == Relation::At;
    let days = |e: &Event| e.span.end.since(e.span.start).map_or(0, |s| s.get_days()) + 1;
    let joins = |part: &Event, whole: &Event| {
        let within = |inner: &Event, outer: &Event| {
            outer.span.start <= inner.span.start && inner.span.end <= outer.span.end
        };
        // `im Juli` holds `am 11. und 12. Juli`: the reports meet at the precise date.
        let coarse_into_precise = matches!(
            part.span.precision(),
            Precision::Month | Precision::PartOfMonth | Precision::Week
        ) && whole.span.precision() > part.span.precision()
            && within(whole, part);
        // `am 11. Juli` lies in `am 11. und 12. Juli`: a day of the event.
        let day_into_run = part.span.precision() == Precision::Day
            && !part.span.is_range()
            && whole.span.precision() == Precision::Day
            && whole.span.is_range()
            && days(whole) <= EVENT_DAYS
            && within(part, whole);
        plain(part) && plain(whole) && (coarse_into_precise || day_into_run)
    };
    // Only two kinds of part join anything, each a kind of whole found by start date instead
    // of by a scan of all events (hundreds of thousands at 100,000 articles):
    // - a coarse part holds its whole, which starts within it: any event, by start;
    // - a single day lies in a run of at most EVENT_DAYS days, which starts at most that many
    //   days before it: the short runs alone, by start, a few among the many single days.
    let by_start = |events: &[Event], keep: &dyn Fn(&Event) -> bool| {
        let mut starts: Vec<(jiff::civil::Date, usize)> = events
            .iter()
            .enumerate()
            .filter(|(_, e)| keep(e))
            .map(|(i, e)| (e.span.start, i))
            .collect();
        starts.sort_unstable();
        starts
    };
    let all = by_start(events, &|_| true);
    let runs = by_start(events, &|e| {
        plain(e)
            && e.span.precision() == Precision::Day
            && e.span.is_range()
            && days(e) <= EVENT_DAYS
    });
    // Events are taken in order and a part leaves for its one target; the merged-away are marked
    // rather than removed, which keeps the order of the rest and the indices in the lists.
    let mut merged = vec![false; events.len()];
    for i in 0..events.len() {
        let part = &events[i];
        if !plain(part) {
            continue;
        }
        let candidates = match part.span.precision() {
            Precision::Month | Precision::PartOfMonth | Precision::Week => {
                window(&all, part.span.start, part.span.end)
            }
            Precision::Day if !part.span.is_range() => window(
                &runs,
                add_days(part.span.start, -i64::from(EVENT_DAYS)),
                part.span.start,
            ),
            _ => continue,
        };
        let mut targets = candidates.iter().map(|&(_, j)| j).filter(|&j| {
            j != i
                && !merged[j]
                && joins(part, &events[j])
                && share_an_entity(&events[j].entities, &part.entities, common)
        });
        if let (Some(j), None) = (targets.next(), targets.next()) {
            merged[i] = true;
            for source in std::mem::take(&mut events[i].sources) {
                add_source(&mut events[j], source);
            }
        }
    }
    let mut merged = merged.into_iter();
    events.retain(|_| !merged.next().unwrap_or(false));
}

/// The (start, event) of `starts`, sorted by start, that start from `from` to `to`.
fn window(
    starts: &[(jiff::civil::Date, usize)],
    from: jiff::civil::Date,
    to: jiff::civil::Date,
) -> &[(jiff::civil::Date, usize)] {
    let first = starts.partition_point(|&(start, _)| start < from);
    let last = starts.partition_point(|&(start, _)| start <= to);
    &starts[first..last]
}

fn add_source(event: &mut Event, source: EventSource) {
    let entities: BTreeSet<usize> = event
        .entities
        .iter()
        .chain(&source.entities)
        .copied()
        .collect();
    event.entities = entities.into_iter().collect();
    let at = event
        .sources
        .partition_point(|s| s.article <= source.article);
    event.sources.insert(at, source);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::span::Unit;
    use jiff::civil::{Date, date};

    /// An event of one source in article `article`, over `start..=end` counted in `unit`, naming
    /// `entities`.
    fn event(article: usize, start: Date, end: Date, unit: Unit, entities: &[usize]) -> Event {
        let span = TimeSpan {
            end,
            ..TimeSpan::containing(start, unit)
        };
        Event {
            span,
            sources: vec![EventSource {
                article,
                anchor: "p1".into(),
                sentence: String::new(),
                expression: 0..0,
                span,
                basis: Basis::Stated,
                entities: entities.to_vec(),
            }],
            entities: entities.to_vec(),
            topics: Vec::new(),
        }
    }

    /// Which articles' sources each event holds after merging, in event order.
    fn merged(mut events: Vec<Event>) -> Vec<Vec<usize>> {
        merge_coarse_into_precise(&mut events, &BTreeSet::new());
        events
            .iter()
            .map(|e| e.sources.iter().map(|s| s.article).collect())
            .collect()
    }

    #[test]
    fn coarse_and_single_days_join_the_one_precise_event_that_shares_an_entity() {
        let july = (date(2023, 7, 1), date(2023, 7, 31));
        let summit = (date(2023, 7, 11), date(2023, 7, 12));
        let events = vec![
            event(0, july.0, july.1, Unit::Month, &[5]),
            event(1, summit.0, summit.1, Unit::Day, &[1, 5]),
            event(2, date(2023, 7, 12), date(2023, 7, 12), Unit::Day, &[1]),
            // Shares no entity with the summit: stays apart.
            event(3, date(2023, 7, 11), date(2023, 7, 11), Unit::Day, &[3]),
            // A day outside the run: stays apart.
            event(4, date(2023, 7, 13), date(2023, 7, 13), Unit::Day, &[1]),
        ];
        // July joins the one event of July naming entity 5; the 12th joins the run it lies in;
        // the 13th lies in no run.
        assert_eq!(merged(events), [vec![0, 1, 2], vec![3], vec![4]]);
    }

    #[test]
    fn a_month_with_two_precise_events_stays_apart() {
        let events = vec![
            event(0, date(2023, 7, 1), date(2023, 7, 31), Unit::Month, &[1]),
            event(1, date(2023, 7, 11), date(2023, 7, 12), Unit::Day, &[1]),
            event(2, date(2023, 7, 20), date(2023, 7, 20), Unit::Day, &[1]),
        ];
        assert_eq!(merged(events), [vec![0], vec![1], vec![2]]);
    }
}
