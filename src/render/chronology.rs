//! The chronology as pages and data show it: the timeline page with its filters, events on
//! entity pages, the density picture (an SVG drawn at build time) and the TimelineJS export.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::date::expressions::Basis;
use crate::date::{Relation, TimeSpan, month_name};
use crate::enrich::chronology::Entry;
use crate::enrich::{ArticleEntity, Dossier, Event};
use crate::markdown::escape_html;
use crate::render::context::{ArticleItem, LinkView, Views};
use crate::render::strings::Strings;
use crate::render::urls;

/// The page of the chronology: all of it, or, when it is split by year, the list of years.
pub const PAGE: &str = "chronology.html";

/// A chronology of more entries (articles and events) than this gets a page per year (or
/// decade) under an overview at [`PAGE`]. One page of a 10,000-article dossier's 98,000
/// entries is 96 MB, more than a browser opens well, and making it held two gigabytes.
pub const ONE_PAGE_ENTRIES: usize = 5_000;

/// The page of a year (`chronology-2023.html`) or a decade (`chronology-1990s.html`) of a
/// chronology split by year.
pub fn year_page(year: i32, decade: bool) -> String {
    if decade {
        format!("chronology-{year}s.html")
    } else {
        format!("chronology-{year}.html")
    }
}

/// An event as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Its anchor on the chronology page.
    pub id: String,
    /// When, for readers: "11.–12. Juli 2023", "seit etwa 2014".
    pub label: String,
    /// For `<time datetime>`, where HTML can say the precision (not for decades).
    pub datetime: Option<String>,
    /// `day`, `week`, `part-of-month`, `month`, `season`, `year` or `decade`.
    pub precision: &'static str,
    /// Whether the date is approximate.
    pub approximate: bool,
    /// Whether it spans more than one day, month... (`11. und 12. Juli`).
    pub range: bool,
    /// Entities its sentences name.
    pub entities: Vec<LinkView>,
    /// Where it was read (on an entity's page, the first few).
    pub sources: Vec<EventSourceView>,
    /// How many places it was read in all.
    pub source_count: usize,
}

/// One place an event was read.
#[derive(Debug, Clone, Serialize)]
pub struct EventSourceView {
    /// The sentence up to the date expression.
    pub before: String,
    /// The date expression as written.
    pub expression: String,
    /// The sentence after it.
    pub after: String,
    /// Root-relative URL of the paragraph.
    pub url: String,
    /// The article.
    pub article: ArticleItem,
    /// The date as this source gives it.
    pub label: String,
    /// `stated`, `year-from-article`, `relative-to-article` or `coarse-article-date`.
    pub basis: &'static str,
}

/// Most sources an event on an entity's page quotes; the chronology quotes all.
pub const ENTITY_EVENT_SOURCES: usize = 5;

/// One line of the chronology page: an article or an event, with what the filters match.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// `article` or `event`.
    pub kind: &'static str,
    /// The article, for articles.
    pub article: Option<ArticleItem>,
    /// The event, for events.
    pub event: Option<EventView>,
    /// Slugs of the entities it names, space-separated, for the filter.
    pub entities: String,
    /// Slugs of its topics, space-separated, for the filter.
    pub topics: String,
}

/// A year (or decade) of the chronology page.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// "2023", or "1990er-Jahre" for a decade.
    pub label: String,
    /// Anchor of the section: `y2023`, `d1990`.
    pub anchor: String,
    /// Whether it is a decade.
    pub decade: bool,
    /// Entries known only to the year (or decade).
    pub year_only: Vec<EntryView>,
    /// Months with entries.
    pub months: Vec<MonthView>,
}

/// A month of the chronology page.
#[derive(Debug, Clone, Serialize)]
pub struct MonthView {
    /// "April 2023".
    pub name: String,
    /// Anchor of the month's section, `m2023-04`.
    pub anchor: String,
    /// Entries known only to the month.
    pub month_only: Vec<EntryView>,
    /// Entries with a day, a week or part of the month.
    pub days: Vec<EntryView>,
}

/// The page data of the chronology, or of one year of it.
#[derive(Serialize)]
pub struct ChronologyPage {
    /// The year a year page shows; none on the chronology page itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    year_label: Option<String>,
    years: Vec<YearView>,
    year_pages: Vec<YearLink>,
    entity_filter: Vec<FilterOption>,
    topic_filter: Vec<FilterOption>,
    timeline: Timeline,
    article_count: usize,
    event_count: usize,
    source_count: usize,
}

impl super::site::TypedPage for ChronologyPage {}

/// A year (or decade) in the lists of a chronology split by year.
#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    /// "2023", or "1990er-Jahre" for a decade.
    pub label: String,
    /// Root-relative URL of its page.
    pub url: String,
    /// Its entries.
    pub entry_count: usize,
    /// On the overview, the slugs of the entities its entries name, space-separated, so that
    /// the filter shows the years it has entries in; elsewhere empty.
    pub entities: String,
    /// On the overview, the slugs of its entries' topics, space-separated; elsewhere empty.
    pub topics: String,
}

/// A choice in a filter list.
#[derive(Debug, Clone, Serialize)]
pub struct FilterOption {
    /// The value: a slug.
    pub value: String,
    /// What the list shows.
    pub name: String,
    /// Entries it matches.
    pub count: usize,
}

/// The chronology page showing only the entries that name the entity `slug`.
pub fn filtered_by_entity(slug: &str) -> String {
    format!("{PAGE}?entity={slug}")
}

/// Whether `dossier`'s chronology is too long for one page and gets a page per year.
fn is_split(dossier: &Dossier) -> bool {
    dossier.articles.len() + dossier.events.len() > ONE_PAGE_ENTRIES
}

/// A year's heading, "2023", or a decade's, "1990er-Jahre".
fn year_label(year: i32, decade: bool, language: &str) -> String {
    if decade {
        TimeSpan::containing(
            crate::date::span::ymd(year, 1, 1),
            crate::date::Unit::Decade,
        )
        .label(language)
    } else {
        year.to_string()
    }
}

/// The anchor of a year's section (`y2023`), or a decade's (`d1990`).
fn year_anchor(year: i32, decade: bool) -> String {
    if decade {
        format!("d{year}")
    } else {
        format!("y{year}")
    }
}

/// The anchor of a month's section, `m2023-04`.
fn month_anchor(year: i32, month: u8) -> String {
    format!("m{year}-{month:02}")
}

/// The anchors of the events on the chronology page, `e2023-07-11`, `e2023-07-11-2`..., in
/// the order of `events`. Stable as long as the events of a day are.
pub fn event_ids(events: &[Event]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    events
        .iter()
        .map(|e| {
            let day = format!(
                "e{:04}-{:02}-{:02}",
                e.span.start.year(),
                e.span.start.month(),
                e.span.start.day()
            );
            let n = seen.entry(day.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { day } else { format!("{day}-{n}") }
        })
        .collect()
}

fn basis_key(basis: Basis) -> &'static str {
    match basis {
        Basis::Stated => "stated",
        Basis::YearFromArticle => "year-from-article",
        Basis::RelativeToArticle => "relative-to-article",
        Basis::CoarseArticleDate => "coarse-article-date",
    }
}

/// Builds the chronology's views.
pub struct ChronologyViews<'a> {
    dossier: &'a Dossier,
    views: &'a Views<'a>,
    strings: &'a Strings,
    ids: Vec<String>,
    split: bool,
}

impl<'a> ChronologyViews<'a> {
    /// Views of `dossier`'s chronology; `strings` label the picture.
    pub fn new(dossier: &'a Dossier, views: &'a Views<'a>, strings: &'a Strings) -> Self {
        ChronologyViews {
            dossier,
            views,
            strings,
            ids: event_ids(&dossier.events),
            split: is_split(dossier),
        }
    }

    /// The pages of the years of a chronology split by year, with the index of each year;
    /// none when the chronology is one page.
    pub fn year_pages(&self) -> Vec<(String, usize)> {
        if !self.split {
            return Vec::new();
        }
        let years = &self.dossier.chronology.years;
        years
            .iter()
            .enumerate()
            .map(|(i, y)| (year_page(y.year, y.decade), i))
            .collect()
    }

    fn language(&self) -> &str {
        &self.dossier.config.language
    }

    /// The view of event `index`.
    pub fn event(&self, index: usize) -> EventView {
        self.event_quoting(index, usize::MAX)
    }

    /// Event `index` with at most `most` of its sources quoted.
    fn event_quoting(&self, index: usize, most: usize) -> EventView {
        let event = &self.dossier.events[index];
        let language = self.language();
        EventView {
            id: self.ids[index].clone(),
            label: event.span.label(language),
            datetime: event.span.datetime(),
            precision: event.span.precision().name(),
            approximate: event.span.approximate,
            range: event.span.is_range(),
            entities: event
                .entities
                .iter()
                .map(|&e| {
                    let entity = &self.dossier.entities[e].entity;
                    LinkView {
                        name: entity.name.clone(),
                        url: urls::entity(&entity.slug),
                    }
                })
                .collect(),
            source_count: event.sources.len(),
            sources: event
                .sources
                .iter()
                .take(most)
                .map(|s| {
                    let article = self.views.item(s.article);
                    let (before, expression, after) = s.parts();
                    EventSourceView {
                        before: before.to_string(),
                        expression: expression.to_string(),
                        after: after.to_string(),
                        url: format!("{}#{}", article.url, s.anchor),
                        article,
                        label: s.span.label(language),
                        basis: basis_key(s.basis),
                    }
                })
                .collect(),
        }
    }

    /// At most `most` events of entity `index`, oldest first: where it has more, those with the
    /// most sources (the earlier of equals); each quoting at most [`ENTITY_EVENT_SOURCES`] of
    /// its sources (an event the same day in a thousand articles would quote a thousand).
    pub fn entity_events(&self, index: usize, most: usize) -> Vec<EventView> {
        let mut shown = self.dossier.entities[index].events.clone();
        if shown.len() > most {
            // Stable: equal counts stay in time order.
            shown.sort_by_key(|&e| std::cmp::Reverse(self.dossier.events[e].sources.len()));
            shown.truncate(most);
            shown.sort_unstable();
        }
        shown
            .iter()
            .map(|&e| self.event_quoting(e, ENTITY_EVENT_SOURCES))
            .collect()
    }

    /// The entities an entry names.
    fn entry_entities(&self, entry: Entry) -> impl Iterator<Item = usize> + 'a {
        // An article lists its entities with counts, an event by index: one of the two is empty.
        let (listed, indices): (&'a [ArticleEntity], &'a [usize]) = match entry {
            Entry::Article(i) => (&self.dossier.articles[i].entities, &[]),
            Entry::Event(i) => (&[], &self.dossier.events[i].entities),
        };
        listed
            .iter()
            .map(|e| e.entity)
            .chain(indices.iter().copied())
    }

    /// An entry's topics.
    fn entry_topics(&self, entry: Entry) -> &'a [usize] {
        match entry {
            Entry::Article(i) => &self.dossier.articles[i].topics,
            Entry::Event(i) => &self.dossier.events[i].topics,
        }
    }

    /// The slugs of entities `ids` and of topics `topics`, each sorted, without repeats and
    /// space-separated, as the filter reads them.
    fn slugs(
        &self,
        ids: impl Iterator<Item = usize>,
        topics: impl Iterator<Item = usize>,
    ) -> (String, String) {
        let mut entities: Vec<&str> = ids
            .map(|e| self.dossier.entities[e].entity.slug.as_str())
            .collect();
        entities.sort_unstable();
        entities.dedup();
        let mut topics: Vec<&str> = topics
            .map(|t| self.dossier.topics[t].slug.as_str())
            .collect();
        topics.sort_unstable();
        topics.dedup();
        (entities.join(" "), topics.join(" "))
    }

    fn entry(&self, entry: Entry) -> EntryView {
        let (entities, topics) = self.slugs(
            self.entry_entities(entry),
            self.entry_topics(entry).iter().copied(),
        );
        let (kind, article, event) = match entry {
            Entry::Article(i) => ("article", Some(self.views.item(i)), None),
            Entry::Event(i) => ("event", None, Some(self.event(i))),
        };
        EntryView {
            kind,
            article,
            event,
            entities,
            topics,
        }
    }

    fn entries(&self, entries: &[Entry]) -> Vec<EntryView> {
        entries.iter().map(|&e| self.entry(e)).collect()
    }

    /// Everything the chronology page shows: the whole chronology, or when it is split by
    /// year, the list of years with what the filter needs to show those it has entries in.
    pub fn page(&self) -> ChronologyPage {
        let language = self.language();
        let all: Vec<usize> = (0..self.dossier.chronology.years.len()).collect();
        let sources: usize = self.dossier.events.iter().map(|e| e.sources.len()).sum();
        ChronologyPage {
            year_label: None,
            years: if self.split {
                Vec::new()
            } else {
                self.years(&all)
            },
            year_pages: if self.split {
                self.year_links(true)
            } else {
                Vec::new()
            },
            entity_filter: self.entity_filter(&all),
            topic_filter: self.topic_filter(&all),
            timeline: timeline(self.dossier, language, self.strings, self.split),
            article_count: self.dossier.articles.len(),
            event_count: self.dossier.events.len(),
            source_count: sources,
        }
    }

    /// Everything the page of year `index` of a chronology split by year shows.
    pub fn year_page(&self, index: usize) -> ChronologyPage {
        let year = &self.dossier.chronology.years[index];
        let (mut articles, mut events, mut sources) = (0, 0, 0);
        for entry in year.entries() {
            match entry {
                Entry::Article(_) => articles += 1,
                Entry::Event(i) => {
                    events += 1;
                    sources += self.dossier.events[i].sources.len();
                }
            }
        }
        let years = self.years(&[index]);
        ChronologyPage {
            year_label: Some(years[0].label.clone()),
            years,
            year_pages: self.year_links(false),
            entity_filter: self.entity_filter(&[index]),
            topic_filter: self.topic_filter(&[index]),
            timeline: Timeline::default(),
            article_count: articles,
            event_count: events,
            source_count: sources,
        }
    }

    /// The years of a chronology split by year, for its lists; with the entities and topics of
    /// each year's entries if `for_filter`.
    fn year_links(&self, for_filter: bool) -> Vec<YearLink> {
        let language = self.language();
        self.dossier
            .chronology
            .years
            .iter()
            .map(|y| {
                let (entities, topics) = if for_filter {
                    self.slugs(
                        y.entries().flat_map(|entry| self.entry_entities(entry)),
                        y.entries()
                            .flat_map(|entry| self.entry_topics(entry).iter().copied()),
                    )
                } else {
                    Default::default()
                };
                YearLink {
                    label: year_label(y.year, y.decade, language),
                    url: year_page(y.year, y.decade),
                    entry_count: y.entry_count(),
                    entities,
                    topics,
                }
            })
            .collect()
    }

    /// The views of the chronology's years at `indices`.
    pub fn years(&self, indices: &[usize]) -> Vec<YearView> {
        let language = self.language();
        indices
            .iter()
            .map(|&i| &self.dossier.chronology.years[i])
            .map(|y| YearView {
                label: year_label(y.year, y.decade, language),
                anchor: year_anchor(y.year, y.decade),
                decade: y.decade,
                year_only: self.entries(&y.year_only),
                months: y
                    .months
                    .iter()
                    .map(|m| MonthView {
                        name: format!("{} {}", month_name(m.month, language), y.year),
                        anchor: month_anchor(y.year, m.month),
                        month_only: self.entries(&m.month_only),
                        days: self.entries(&m.days),
                    })
                    .collect(),
            })
            .collect()
    }

    /// The entries of the years at `indices`.
    fn entries_of<'y>(&'y self, indices: &'y [usize]) -> impl Iterator<Item = Entry> + 'y {
        indices
            .iter()
            .flat_map(|&i| self.dossier.chronology.years[i].entries())
    }

    /// The entities named by any entry of the years at `indices`, with the number of entries
    /// naming each; by name.
    fn entity_filter(&self, indices: &[usize]) -> Vec<FilterOption> {
        let mut counts = vec![0usize; self.dossier.entities.len()];
        for entry in self.entries_of(indices) {
            for e in self.entry_entities(entry) {
                counts[e] += 1;
            }
        }
        let mut options: Vec<FilterOption> = counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(i, &count)| FilterOption {
                value: self.dossier.entities[i].entity.slug.clone(),
                name: self.dossier.entities[i].entity.name.clone(),
                count,
            })
            .collect();
        options.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.value.cmp(&b.value)));
        options
    }

    /// Every topic, with the number of entries of the years at `indices` it has; by name.
    fn topic_filter(&self, indices: &[usize]) -> Vec<FilterOption> {
        let mut counts = vec![0usize; self.dossier.topics.len()];
        for entry in self.entries_of(indices) {
            for &t in self.entry_topics(entry) {
                counts[t] += 1;
            }
        }
        let mut options: Vec<FilterOption> = self
            .dossier
            .topics
            .iter()
            .zip(counts)
            .map(|(t, count)| FilterOption {
                value: t.slug.clone(),
                name: t.name.clone(),
                count,
            })
            .collect();
        options.sort_by(|a, b| a.name.cmp(&b.name));
        options
    }
}

// ---------------------------------------------------------------------------------------------
// The density picture

/// Months before the first and after the last article that the picture shows month by month;
/// events further away are counted in an "earlier" or "later" bar.
const MARGIN_MONTHS: i32 = 12;
/// Above this many months the picture counts by year.
const MAX_MONTH_BARS: i32 = 72;
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
const PLOT_TOP: f64 = 24.0;
const PLOT_BOTTOM: f64 = 140.0;

/// A bar of the picture: what it counts and where it leads.
struct Bar {
    label: String,
    axis: Option<String>,
    articles: usize,
    events: usize,
    href: Option<String>,
}

/// The number of a month counted from year 0, for binning.
fn month_index(date: jiff::civil::Date) -> i32 {
    i32::from(date.year()) * 12 + i32::from(date.month()) - 1
}

/// The density picture and how it counts.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Timeline {
    /// The SVG, empty when there is nothing to draw.
    pub svg: String,
    /// Whether a bar is a year (otherwise a month).
    pub by_year: bool,
    /// Whether "earlier" and "later" bars gather what lies far outside the articles' period.
    pub edges: bool,
}

/// Articles and events over time as stacked bars, month by month around the articles' period
/// (year by year when that is long); each bar links to its month on the page, or if the
/// chronology is `split` by year, on its year's page. Months are named in `language`, the rest
/// in `strings`.
pub fn timeline(dossier: &Dossier, language: &str, strings: &Strings, split: bool) -> Timeline {
    let article_months: Vec<i32> = dossier
        .articles
        .iter()
        .map(|a| month_index(TimeSpan::of_partial(a.article.date).start))
        .collect();
    let event_months: Vec<i32> = dossier
        .events
        .iter()
        .map(|e| month_index(e.span.start))
        .collect();
    let (Some(&first_article), Some(&last_article)) =
        (article_months.iter().min(), article_months.iter().max())
    else {
        return Timeline::default();
    };
    let all = article_months.iter().chain(&event_months);
    let first = (*all.clone().min().unwrap_or(&first_article)).max(first_article - MARGIN_MONTHS);
    let last = (*all.max().unwrap_or(&last_article)).min(last_article + MARGIN_MONTHS);
    let by_year = last - first + 1 > MAX_MONTH_BARS;
    let (first, last) = if by_year {
        (first.div_euclid(12), last.div_euclid(12))
    } else {
        (first, last)
    };
    let bin = |m: i32| if by_year { m.div_euclid(12) } else { m };

    let mut bars: Vec<Bar> = (first..=last)
        .map(|b| {
            let (year, month) = if by_year {
                (b, 0)
            } else {
                (b.div_euclid(12), b.rem_euclid(12) + 1)
            };
            let label = if by_year {
                year.to_string()
            } else {
                format!("{} {year}", month_name(month as u8, language))
            };
            Bar {
                label,
                axis: (by_year || month == 1 || b == first).then(|| year.to_string()),
                articles: 0,
                events: 0,
                href: None,
            }
        })
        .collect();
    let (mut earlier, mut later) = (
        Bar::edge(strings.fill("timeline_earlier", &[])),
        Bar::edge(strings.fill("timeline_later", &[])),
    );
    for (&m, is_article) in article_months
        .iter()
        .map(|m| (m, true))
        .chain(event_months.iter().map(|m| (m, false)))
    {
        let b = bin(m);
        let bar = if b < first {
            &mut earlier
        } else if b > last {
            &mut later
        } else {
            &mut bars[(b - first) as usize]
        };
        if is_article {
            bar.articles += 1;
        } else {
            bar.events += 1;
        }
    }
    // Bars link to the sections that exist: a month's, or for years the year's.
    let sections = section_links(dossier, split);
    for (offset, bar) in bars.iter_mut().enumerate() {
        let b = first + offset as i32;
        let anchor = if by_year {
            year_anchor(b, false)
        } else {
            month_anchor(b.div_euclid(12), (b.rem_euclid(12) + 1) as u8)
        };
        if bar.articles + bar.events > 0 {
            bar.href = sections
                .iter()
                .find(|(a, _)| *a == anchor)
                .map(|(_, href)| href.clone());
        }
    }
    earlier.href = sections.first().map(|(_, href)| href.clone());
    later.href = sections.last().map(|(_, href)| href.clone());
    let mut all_bars = Vec::new();
    let edges = earlier.articles + earlier.events + later.articles + later.events > 0;
    if earlier.articles + earlier.events > 0 {
        all_bars.push(earlier);
    }
    all_bars.extend(bars);
    if later.articles + later.events > 0 {
        all_bars.push(later);
    }
    Timeline {
        svg: draw(&all_bars, strings),
        by_year,
        edges,
    }
}

impl Bar {
    /// The bar that gathers what lies far before or after the period shown.
    fn edge(label: String) -> Bar {
        Bar {
            axis: Some(label.clone()),
            label,
            articles: 0,
            events: 0,
            href: None,
        }
    }
}

/// The anchors of the chronology's year and month sections in page order, each with its link
/// from the chronology's first page: to that page, or if the chronology is `split`, to the
/// page of the section's year.
fn section_links(dossier: &Dossier, split: bool) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for y in &dossier.chronology.years {
        let page = if split {
            year_page(y.year, y.decade)
        } else {
            String::new()
        };
        // A decade's group has no months.
        let months = y.months.iter().map(|m| month_anchor(y.year, m.month));
        for anchor in std::iter::once(year_anchor(y.year, y.decade)).chain(months) {
            let href = format!("{page}#{anchor}");
            links.push((anchor, href));
        }
    }
    links
}

fn draw(bars: &[Bar], strings: &Strings) -> String {
    let max = bars
        .iter()
        .map(|b| b.articles + b.events)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = WIDTH / bars.len().max(1) as f64;
    let width = (slot * 0.8).max(1.0);
    let scale = (PLOT_BOTTOM - PLOT_TOP) / max;
    let title = escape_html(&strings.fill("timeline_title", &[]));
    let articles_word = escape_html(&strings.fill("timeline_articles", &[]));
    let events_word = escape_html(&strings.fill("timeline_events", &[]));
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="timeline-title"><title id="timeline-title">{title}</title>"#
    );
    let _ = write!(
        svg,
        r#"<g class="tl-legend"><rect class="tl-articles" x="0" y="4" width="10" height="10"/><text x="14" y="13">{articles_word}</text><rect class="tl-events" x="90" y="4" width="10" height="10"/><text x="104" y="13">{events_word}</text></g>"#
    );
    let _ = write!(
        svg,
        r#"<line class="tl-axis" x1="0" y1="{PLOT_BOTTOM}" x2="{WIDTH}" y2="{PLOT_BOTTOM}"/>"#
    );
    for (i, bar) in bars.iter().enumerate() {
        let x = i as f64 * slot + (slot - width) / 2.0;
        let events_h = bar.events as f64 * scale;
        let articles_h = bar.articles as f64 * scale;
        let tooltip = strings.fill(
            "timeline_bar",
            &[
                ("label", &bar.label),
                (
                    "articles",
                    &strings.fill_count("js_count_articles", bar.articles),
                ),
                ("events", &strings.fill_count("count_events", bar.events)),
            ],
        );
        let mut group = format!("<g><title>{}</title>", escape_html(&tooltip));
        if bar.articles > 0 {
            let _ = write!(
                group,
                r#"<rect class="tl-articles" x="{x:.1}" y="{:.1}" width="{width:.1}" height="{articles_h:.1}"/>"#,
                PLOT_BOTTOM - articles_h
            );
        }
        if bar.events > 0 {
            let _ = write!(
                group,
                r#"<rect class="tl-events" x="{x:.1}" y="{:.1}" width="{width:.1}" height="{events_h:.1}"/>"#,
                PLOT_BOTTOM - articles_h - events_h
            );
        }
        // An invisible full-height target, so a thin or empty bar is still easy to point at.
        let _ = write!(
            group,
            r#"<rect class="tl-hit" x="{:.1}" y="{PLOT_TOP}" width="{slot:.1}" height="{:.1}"/></g>"#,
            i as f64 * slot,
            PLOT_BOTTOM - PLOT_TOP
        );
        match &bar.href {
            Some(href) => {
                let _ = write!(svg, r#"<a href="{}">{group}</a>"#, escape_html(href));
            }
            None => svg.push_str(&group),
        }
        if let Some(axis) = &bar.axis {
            let _ = write!(
                svg,
                r#"<text class="tl-label" x="{:.1}" y="{:.1}">{}</text>"#,
                i as f64 * slot + 1.0,
                PLOT_BOTTOM + 16.0,
                escape_html(axis)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

// ---------------------------------------------------------------------------------------------
// TimelineJS

impl ChronologyViews<'_> {
    /// `data/chronology.json` in the TimelineJS format: articles and events, each event's text
    /// citing its sources with links (absolute when `base_url` is set, else relative to the site
    /// root). Text is HTML-escaped, since TimelineJS renders it as HTML. The groups are named in
    /// the interface strings; events keep the ids the chronology page gives them.
    ///
    /// Each entry is made as it is written: the file is tens of megabytes in a large dossier, and
    /// a tree of every entry held it several times over.
    pub fn timelinejs(&self) -> Vec<u8> {
        let (dossier, views, strings, ids) = (self.dossier, self.views, self.strings, &self.ids);
        let language = dossier.config.language.as_str();
        let base = dossier.config.base_url.clone().unwrap_or_default();
        let link = |url: &str| format!("{base}{url}");
        let article_group = strings.fill("js_kind_article", &[]);
        let event_group = strings.fill("js_kind_event", &[]);
        let articles = dossier.articles.iter().enumerate().map(|(i, entry)| {
            let item = views.item(i);
            let span = TimeSpan::of_partial(entry.article.date);
            let mut text = format!("<p>{}</p>", escape_html(&item.summary));
            let _ = write!(
                text,
                r#"<p>{} · <a href="{}">{}</a></p>"#,
                escape_html(&item.source),
                escape_html(&link(&item.url)),
                escape_html(&item.title)
            );
            TimelineEntry {
                end_date: None,
                group: &article_group,
                start_date: TimelineDate::of(span.start_parts(), Some(item.date.display.clone())),
                text: TimelineText {
                    headline: escape_html(&item.title),
                    text,
                },
                unique_id: format!("a-{}", entry.article.slug),
            }
        });
        let events = dossier.events.iter().enumerate().map(|(i, event)| {
        let label = event.span.label(language);
        let first = &event.sources[0];
        let mut text = String::new();
        for source in &event.sources {
            let article = views.item(source.article);
            let _ = write!(
                text,
                r#"<blockquote>{}<mark>{}</mark>{}</blockquote><p><a href="{}#{}">{}</a> ({})</p>"#,
                escape_html(source.parts().0),
                escape_html(source.parts().1),
                escape_html(source.parts().2),
                escape_html(&link(&article.url)),
                escape_html(&source.anchor),
                escape_html(&article.title),
                escape_html(&article.date.display)
            );
        }
        TimelineEntry {
            end_date: (event.span.is_range() && event.span.relation == Relation::At)
                .then(|| TimelineDate::of(event.span.end_parts(), None)),
            group: &event_group,
            start_date: TimelineDate::of(event.span.start_parts(), Some(label)),
            text: TimelineText {
                headline: escape_html(&headline(&first.sentence)),
                text,
            },
            unique_id: ids[i].clone(),
        }
    });
        let file = TimelineFile {
            events: Streamed(std::cell::Cell::new(Some(articles.chain(events)))),
            title: TimelineTitle {
                text: TimelineText {
                    headline: escape_html(&dossier.config.title),
                    text: escape_html(&dossier.config.description),
                },
            },
        };
        let mut json = Vec::new();
        serde_json::to_writer_pretty(&mut json, &file).expect("plain data");
        json.push(b'\n');
        json
    }
}

// The TimelineJS file. Fields are declared in alphabetical order, the order in which the file
// has always had them.

#[derive(Serialize)]
struct TimelineFile<E: Serialize> {
    events: E,
    title: TimelineTitle,
}

#[derive(Serialize)]
struct TimelineTitle {
    text: TimelineText,
}

#[derive(Serialize)]
struct TimelineText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TimelineEntry<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    group: &'a str,
    start_date: TimelineDate,
    text: TimelineText,
    unique_id: String,
}

#[derive(Serialize)]
struct TimelineDate {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    year: i32,
}

impl TimelineDate {
    fn of((year, month, day): (i32, Option<u8>, Option<u8>), display: Option<String>) -> Self {
        TimelineDate {
            day,
            display_date: display,
            month,
            year,
        }
    }
}

/// A sequence serialised from an iterator as it is read, once.
struct Streamed<I>(std::cell::Cell<Option<I>>);

impl<I> Serialize for Streamed<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.take() {
            Some(items) => serializer.collect_seq(items),
            None => Err(serde::ser::Error::custom(
                "a streamed sequence is written once",
            )),
        }
    }
}

/// A sentence cut to a headline's length at a word boundary.
fn headline(sentence: &str) -> String {
    const MAX_CHARS: usize = 90;
    if sentence.chars().count() <= MAX_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(MAX_CHARS).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{} …", cut[..at].trim_end_matches([',', ';', ':']))
}
