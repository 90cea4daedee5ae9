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
    // Whatever joins overlaps: a coarse part holds its whole, a day lies in a run of at most
    // EVENT_DAYS days. So only events starting from EVENT_DAYS before a part's start to its end
    // are candidates, found by start date instead of by a scan of all events.
    let mut by_start: Vec<(jiff::civil::Date, usize)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.span.start, i))
        .collect();
    by_start.sort_unstable();
    // Events are taken in order and a part leaves for its one target; the merged-away are marked
    // rather than removed, which keeps the order of the rest and the indices in by_start.
    let mut merged = vec![false; events.len()];
    for i in 0..events.len() {
        let part = &events[i];
        let from = add_days(part.span.start, -i64::from(EVENT_DAYS));
        let first = by_start.partition_point(|&(start, _)| start < from);
        let last = by_start.partition_point(|&(start, _)| start <= part.span.end);
        let mut targets = by_start[first..last].iter().map(|&(_, j)| j).filter(|&j| {
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
