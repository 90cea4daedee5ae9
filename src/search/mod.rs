//! Stage 3, index: [`Dossier`] → [`SearchIndex`], shipped as script files under `search/`.
//!
//! Pages opened from disk (file://) may not fetch() data, but they may load scripts, so every
//! part of the index is a script calling `DOSSIER_SEARCH.add(kind, key, data)`. The browser
//! (`templates/assets/search.js`) loads only the parts a query needs:
//! - `search/meta.js`: the first term of every term and vocabulary shard, and the filter values;
//! - `search/t/N.js`, term shards: sorted terms with their postings, cut at about
//!   [`TERM_SHARD_BYTES`]; a one-word query loads one of them;
//! - `search/p/N.js`, position shards beside the term shards: where each term of `t/N.js`
//!   stands in each document, so a phrase is checked without loading texts; `search/pairs.js`
//!   and `search/q/N.js`: where the pairs of adjacent words stand that hold a word too common
//!   to ship its positions (see [`positions`]);
//! - `search/v/N.js`, vocabulary shards: terms only, for finding a misspelt word's neighbours;
//! - `search/h/N.js` and `search/f/N.js`: what a result shows, loaded for the results on screen
//!   only: the heads (title, date, outlet) of [`HEADS_PER_FILE`] documents at a time, for
//!   suggestions under the box, and per document its text by paragraph, for snippets on the
//!   results page (made from the dossier when written: [`text_script`]);
//! - `search/entities.js`: every entity for the entity filter, loaded when that filter is used.
//!
//! Ranking is BM25F with field weights, computed here: each posting carries the document's
//! finished score for the term, so the browser only adds numbers.

mod normalize;
mod positions;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use serde::Serialize;

pub use normalize::Normalizer;

use crate::enrich::{Dossier, EnrichedArticle};
use crate::load::Entity;
use crate::render::urls;
use crate::slug::slugify;
use positions::{PositionCodes, Positions};

/// The global every index script calls.
pub const GLOBAL: &str = "DOSSIER_SEARCH";
/// Result heads per file: `search/h/N.js` holds documents `4N` to `4N + 3`. A head is about
/// 200 bytes, so four cost a result little more to load than one (ten results about 6 KB
/// more), and the site has a quarter of the files (each file costs more to write, copy and
/// upload than its bytes). Texts stay one per document: ten snippets would load forty texts.
pub const HEADS_PER_FILE: usize = 4;
/// The folder of the index in the output.
pub const DIR: &str = "search";
/// Term shards are cut once they reach this size. Smaller shards load fewer bytes per query,
/// at the price of more files and a longer shard list in `meta.js`.
pub const TERM_SHARD_BYTES: usize = 12_000;
/// Vocabulary shards are cut once they reach this size.
pub const VOCAB_SHARD_BYTES: usize = 8_000;
/// Pair shards are cut once they reach this size.
pub const PAIR_SHARD_BYTES: usize = 16_000;
/// Shortest word a typo is corrected in: shorter words have too many neighbours.
pub const TYPO_MIN_CHARS: usize = 5;

/// BM25 saturation: how fast repeated words stop adding to a score.
const K1: f64 = 1.2;
/// BM25 length normalisation: how much a long document's words count less.
const B: f64 = 0.75;
/// Scores are sent as integers: the score times this.
const SCORE_SCALE: f64 = 16.0;
/// Largest integer score (two digits of the posting code).
const SCORE_MAX: u32 = 1023;

/// How much a word counts in each field, relative to the body.
const TITLE_WEIGHT: u32 = 5;
const SUMMARY_WEIGHT: u32 = 2;
/// The names of the entities and topics an article is linked to.
const LINKED_NAME_WEIGHT: u32 = 2;
const NAME_WEIGHT: u32 = 5;
/// An entity's or topic's page is the best answer to its name, above the articles naming it.
const PAGE_BOOST: f64 = 1.5;

/// Prefixes of the filter terms, which no typed word can produce (`@` splits words).
const ENTITY_FILTER: &str = "@e:";
const TOPIC_FILTER: &str = "@t:";
const OUTLET_FILTER: &str = "@o:";
const YEAR_FILTER: &str = "@y:";

/// The texts of a result a phrase may stand in, in the order positions count them: title,
/// summary, blocks. The browser checks a phrase on the same texts when it has no positions.
fn texts<'t>(title: &'t str, text: &'t ResultText<'_>) -> impl Iterator<Item = &'t str> {
    [title, &*text.summary]
        .into_iter()
        .chain(text.blocks.iter().map(|(_, text)| &**text))
}

/// A result's title and where it leads, for a suggestion under the search box: in
/// `search/h/N.js`, with the heads of the documents numbered next to it.
#[derive(Debug, Clone, Serialize)]
pub struct ResultHead {
    /// `article`, or the entity's kind (`person`, `place`...), or `topic`.
    pub kind: String,
    /// Title or name.
    pub title: String,
    /// Page URL relative to the site root.
    pub url: String,
    /// The article's date as displayed; empty for other pages.
    pub date: String,
    /// The article's outlet; empty for other pages.
    pub outlet: String,
    /// Articles naming the entity or under the topic; 0 for articles.
    pub articles: usize,
}

/// A result's text, for snippets on the results page and for checking a phrase:
/// `search/f/N.js`. Made from the dossier twice, when indexing and when written, rather than
/// held in between: it is most of a large dossier's text.
#[derive(Debug, Clone, Serialize)]
pub struct ResultText<'a> {
    /// The summary or description.
    pub summary: Cow<'a, str>,
    /// The text by block: (anchor, text), paragraphs first. Anchors are empty where the page has
    /// none (an entity's names; text outside paragraphs, such as list items).
    pub blocks: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> ResultText<'a> {
    /// An article's text: its summary and its body by block.
    fn article(entry: &'a EnrichedArticle) -> Self {
        let mut blocks: Vec<(Cow<'a, str>, Cow<'a, str>)> = entry
            .body
            .blocks()
            .map(|(anchor, block)| (Cow::Borrowed(anchor), block.text()))
            .collect();
        let unanchored: Vec<&str> = entry.body.unanchored_lines().collect();
        if !unanchored.is_empty() {
            blocks.push((Cow::Borrowed(""), Cow::Owned(unanchored.join("\n"))));
        }
        ResultText {
            summary: Cow::Borrowed(entry.article.summary.as_deref().unwrap_or("")),
            blocks,
        }
    }

    /// An entity's text: its description, and its names.
    fn entity(entity: &'a Entity) -> Self {
        let names: Vec<&str> = entity.names().collect();
        ResultText {
            summary: Cow::Borrowed(&entity.description),
            blocks: vec![(Cow::Borrowed(""), Cow::Owned(names.join(" · ")))],
        }
    }

    /// A topic's text: none but its name, which the head has.
    fn topic() -> Self {
        ResultText {
            summary: Cow::Borrowed(""),
            blocks: Vec::new(),
        }
    }
}

/// The text of document `doc` (articles oldest first, then entities, then topics, as
/// [`SearchIndex::build`] numbers them) as the script `search/f/N.js`.
pub fn text_script(dossier: &Dossier, doc: usize) -> String {
    let entities = dossier.articles.len();
    let text = if let Some(entry) = dossier.articles.get(doc) {
        ResultText::article(entry)
    } else if let Some(profile) = dossier.entities.get(doc - entities) {
        ResultText::entity(&profile.entity)
    } else {
        ResultText::topic()
    };
    script("f", &doc.to_string(), &text)
}

/// Where the text of document `doc` is: `search/f/N.js`.
pub fn text_path(doc: usize) -> String {
    format!("{DIR}/f/{doc}.js")
}

/// A filter value offered on the results page.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct FilterValue {
    /// The value as it stands in the URL (`?outlet=tagesschau`).
    pub key: String,
    /// As shown.
    pub label: String,
}

/// The filter values of the results page, by filter.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filters {
    /// Topics.
    pub topic: Vec<FilterValue>,
    /// Outlets.
    pub outlet: Vec<FilterValue>,
    /// Years of publication.
    pub year: Vec<FilterValue>,
    /// Entities (shipped separately: a registry can hold thousands).
    #[serde(skip)]
    pub entity: Vec<FilterValue>,
}

/// The search index as the scripts the browser loads.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Documents: articles oldest first, then entities, then topics.
    pub documents: usize,
    /// Distinct terms, filter terms included.
    pub terms: usize,
    /// The scripts: (path under the site root, text). The documents' texts are not among them:
    /// each is made when written, by [`text_script`].
    pub files: Vec<(String, String)>,
}

/// Per-document term counts by field, before scoring.
#[derive(Default)]
struct FieldCounts {
    /// Weighted term frequencies, by term number.
    weighted: FxHashMap<u32, u32>,
    /// Terms of a page's own name, whose score gets [`PAGE_BOOST`].
    own_name: Vec<u32>,
    /// Words (compound wholes not counted), for length normalisation.
    length: u32,
    /// Articles and other pages are normalised against their own kind's average length.
    is_article: bool,
}

impl FieldCounts {
    fn add(&mut self, normalizer: &mut Normalizer, text: &str, weight: u32) {
        normalizer.each_term(text, |term, is_word| {
            self.length += u32::from(is_word);
            *self.weighted.entry(term).or_default() += weight;
        });
    }

    /// Adds a text of the document's result, placing its parts in the same walk: an
    /// article's text is most of the index's work.
    fn add_placed(
        &mut self,
        normalizer: &mut Normalizer,
        text: &str,
        weight: u32,
        positions: &mut Positions,
    ) {
        normalizer.each_term(text, |term, is_word| {
            *self.weighted.entry(term).or_default() += weight;
            if is_word {
                self.length += 1;
                positions.place(term);
            }
        });
        positions.end_text();
    }

    /// Adds an entity's or topic's own name.
    fn add_own_name(&mut self, normalizer: &mut Normalizer, name: &str) {
        self.add(normalizer, name, NAME_WEIGHT);
        normalizer.each_term(name, |term, _| self.own_name.push(term));
    }

    /// The finished counts as a flat list: a third of the memory of the table they were
    /// counted in, which would be held for every document (a gigabyte at 100,000 articles).
    fn finish(self) -> DocumentCounts {
        DocumentCounts {
            weighted: self.weighted.into_iter().collect(),
            own_name: self.own_name.into_boxed_slice(),
            length: self.length,
            is_article: self.is_article,
        }
    }
}

/// A document's term counts as [`FieldCounts`] left them, to be scored.
struct DocumentCounts {
    /// (term number, weighted frequency).
    weighted: Box<[(u32, u32)]>,
    own_name: Box<[u32]>,
    length: u32,
    is_article: bool,
}

impl DocumentCounts {
    /// Renumbers the terms: `numbers[old]` is the new number.
    fn renumber(&mut self, numbers: &[u32]) {
        for (term, _) in &mut self.weighted {
            *term = numbers[*term as usize];
        }
        for term in &mut self.own_name {
            *term = numbers[*term as usize];
        }
    }
}

/// Fewest articles worth a run of their own (see [`SearchIndex::build`]).
const ARTICLE_RUN_MIN: usize = 256;

/// Documents indexed with a normaliser of their own, so that runs of articles can be indexed
/// side by side and joined with [`Batch::append`].
#[derive(Default)]
struct Batch {
    normalizer: Normalizer,
    counts: Vec<DocumentCounts>,
    positions: Positions,
    heads: Vec<ResultHead>,
    /// Filter term (`@o:tagesschau`) → its documents, numbered in the whole index.
    filters: BTreeMap<String, Vec<u32>>,
}

impl Batch {
    /// Indexes a run of articles, the first of which is document number `first`.
    fn articles(dossier: &Dossier, articles: &[EnrichedArticle], first: u32) -> Self {
        let mut batch = Batch::default();
        for (i, entry) in articles.iter().enumerate() {
            batch.article(dossier, entry, first + i as u32);
        }
        batch
    }

    fn article(&mut self, dossier: &Dossier, entry: &EnrichedArticle, doc: u32) {
        let normalizer = &mut self.normalizer;
        let positions = &mut self.positions;
        let mut filter = |term: String| self.filters.entry(term).or_default().push(doc);
        let a = &entry.article;
        let mut c = FieldCounts {
            is_article: true,
            ..FieldCounts::default()
        };
        // Placed in `Fragment::texts` order: title, summary, blocks.
        c.add_placed(normalizer, &a.title, TITLE_WEIGHT, positions);
        let summary = a.summary.as_deref().unwrap_or("");
        c.add_placed(normalizer, summary, SUMMARY_WEIGHT, positions);
        for named in &entry.entities {
            let entity = &dossier.entities[named.entity].entity;
            // Every spelling: `Selenskij` finds the articles that write `Selenskyj`.
            for name in entity.names() {
                c.add(normalizer, name, LINKED_NAME_WEIGHT);
            }
            filter(format!("{ENTITY_FILTER}{}", entity.slug));
        }
        for &t in &entry.topics {
            let topic = &dossier.topics[t];
            c.add(normalizer, &topic.name, LINKED_NAME_WEIGHT);
            filter(format!("{TOPIC_FILTER}{}", topic.slug));
        }
        for (_, text) in &ResultText::article(entry).blocks {
            c.add_placed(normalizer, text, 1, positions);
        }
        positions.end_document();
        filter(format!("{OUTLET_FILTER}{}", slugify(&a.source)));
        filter(format!("{YEAR_FILTER}{}", a.date.year_number()));
        self.counts.push(c.finish());
        self.heads.push(ResultHead {
            kind: "article".into(),
            title: a.title.clone(),
            url: urls::article(&a.slug),
            date: a.date.display(&dossier.config.language),
            outlet: a.source.clone(),
            articles: 0,
        });
    }

    /// Appends the documents of `next`, which follow this batch's, renumbering its terms.
    fn append(&mut self, next: Batch) {
        let numbers: Vec<u32> = next
            .normalizer
            .into_terms()
            .iter()
            .map(|term| self.normalizer.intern(term))
            .collect();
        let mut counts = next.counts;
        counts.par_iter_mut().for_each(|c| c.renumber(&numbers));
        self.counts.append(&mut counts);
        self.positions.append(&next.positions, &numbers);
        self.heads.extend(next.heads);
        for (term, docs) in next.filters {
            self.filters.entry(term).or_default().extend(docs);
        }
    }
}

impl SearchIndex {
    /// Indexes every article, entity and topic of the dossier.
    pub fn build(dossier: &Dossier) -> Self {
        // Articles are most of the work: runs of them are indexed side by side, each with its
        // own normaliser, then joined in order. Terms are renumbered on joining; the output
        // is the same whatever the runs, as everything is written by term, not by number.
        let run = dossier
            .articles
            .len()
            .div_ceil(rayon::current_num_threads())
            .max(ARTICLE_RUN_MIN);
        let mut runs = dossier
            .articles
            .par_chunks(run)
            .enumerate()
            .map(|(i, articles)| Batch::articles(dossier, articles, (i * run) as u32))
            .collect::<Vec<_>>()
            .into_iter();
        let mut batch = runs.next().unwrap_or_default();
        for next in runs {
            batch.append(next);
        }
        let Batch {
            mut normalizer,
            mut counts,
            mut positions,
            mut heads,
            filters: filter_postings,
        } = batch;

        let mut filters = Filters::default();
        let mut outlets = BTreeSet::new();
        let mut years = BTreeSet::new();
        for entry in &dossier.articles {
            let a = &entry.article;
            outlets.insert(FilterValue {
                key: slugify(&a.source),
                label: a.source.clone(),
            });
            years.insert(a.date.year_number().to_string());
        }
        for profile in &dossier.entities {
            let entity = &profile.entity;
            let mut c = FieldCounts::default();
            // Aliases too: a reader who types a source's spelling (`Selenskij`) finds the page.
            for name in entity.names() {
                c.add_own_name(&mut normalizer, name);
            }
            c.add(&mut normalizer, &entity.description, 1);
            counts.push(c.finish());
            filters.entity.push(FilterValue {
                key: entity.slug.clone(),
                label: entity.name.clone(),
            });
            heads.push(ResultHead {
                kind: entity.kind.key().into(),
                title: entity.name.clone(),
                url: urls::entity(&entity.slug),
                date: String::new(),
                outlet: String::new(),
                articles: profile.articles.len(),
            });
            // Names were counted before the description; placed in `texts` order.
            let text = ResultText::entity(entity);
            positions.document(&mut normalizer, texts(&entity.name, &text));
        }
        for topic in &dossier.topics {
            let mut c = FieldCounts::default();
            c.add_own_name(&mut normalizer, &topic.name);
            counts.push(c.finish());
            filters.topic.push(FilterValue {
                key: topic.slug.clone(),
                label: topic.name.clone(),
            });
            heads.push(ResultHead {
                kind: "topic".into(),
                title: topic.name.clone(),
                url: urls::topic(&topic.slug),
                date: String::new(),
                outlet: String::new(),
                articles: topic.articles.len(),
            });
            positions.document(&mut normalizer, texts(&topic.name, &ResultText::topic()));
        }
        filters.entity.sort_by(|a, b| a.label.cmp(&b.label));
        filters.topic.sort_by(|a, b| a.label.cmp(&b.label));
        filters.outlet = outlets.into_iter().collect();
        filters.year = years
            .into_iter()
            .map(|y| FilterValue {
                key: y.clone(),
                label: y,
            })
            .collect();

        let filter_terms: Vec<(u32, Vec<u32>)> = filter_postings
            .into_iter()
            .map(|(term, docs)| (normalizer.intern(&term), docs))
            .collect();
        let terms = normalizer.into_terms();
        let order = js_order(&terms);
        // One after the other, the counts gone before the positions are grouped: side by side
        // (rayon::join) the two held their peaks at once, and were no faster on two cores.
        let mut postings = score(&counts, terms.len());
        drop(counts);
        let positions = positions.encode(&terms, &order);
        for (term, docs) in filter_terms {
            postings[term as usize] = docs.into_iter().map(|d| (d, 0)).collect();
        }
        let mut files = term_files(heads.len(), &terms, &order, &postings, &positions, &filters);
        files.extend(head_files(&heads));
        SearchIndex {
            documents: heads.len(),
            terms: terms.len(),
            files,
        }
    }
}

/// Term numbers in the order the browser binary-searches: JavaScript's string order, which
/// compares UTF-16 code units and differs from Rust's beyond U+FFFF (𝐁 against ２).
fn js_order(terms: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.sort_by(|&a, &b| terms[a].encode_utf16().cmp(terms[b].encode_utf16()));
    order
}

/// The heads of the results, [`HEADS_PER_FILE`] to a file: `h/N.js`. (Their texts, `f/N.js`,
/// are made when written: [`text_script`].)
fn head_files(heads: &[ResultHead]) -> Vec<(String, String)> {
    heads
        .chunks(HEADS_PER_FILE)
        .enumerate()
        .map(|(n, chunk)| {
            (
                format!("{DIR}/h/{n}.js"),
                script("h", &n.to_string(), &chunk),
            )
        })
        .collect()
}

/// The scripts that find documents: meta, term, position, pair and vocabulary shards, and
/// the entity filter's values.
fn term_files(
    documents: usize,
    terms: &[String],
    order: &[usize],
    postings: &[Vec<(u32, u32)>],
    positions: &PositionCodes,
    filters: &Filters,
) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let sorted = || order.iter().map(|&id| (id, &terms[id]));
    let entries = sorted().map(|(id, term)| {
        let filter = term.starts_with('@');
        let mut line = format!("{term} ");
        let mut previous = 0;
        for &(doc, score) in &postings[id] {
            push_number(&mut line, doc - previous);
            previous = doc;
            if !filter {
                push_number(&mut line, score);
            }
        }
        (term.as_str(), line)
    });
    let term_shards = shards(entries, TERM_SHARD_BYTES);
    // Position shards follow the term shards' cuts, so the browser finds both by one lookup.
    let mut position_shards = vec![(String::new(), String::new()); term_shards.len()];
    let mut shard = 0;
    for (id, term) in sorted() {
        if term_shards
            .get(shard + 1)
            .is_some_and(|(first, _)| first == term)
        {
            shard += 1;
        }
        let Some(code) = &positions.terms[id] else {
            continue;
        };
        let (_, body) = &mut position_shards[shard];
        if !body.is_empty() {
            body.push(',');
        }
        body.push_str(term);
        body.push(' ');
        body.push_str(code);
    }
    let pair_entries = positions.pairs.iter().map(|entry| {
        let name = entry
            .split_once(' ')
            .map_or(entry.as_str(), |(name, _)| name);
        (name, entry)
    });
    let pair_shards = shards(pair_entries, PAIR_SHARD_BYTES);
    let vocabulary = sorted()
        .filter(|(_, t)| !t.starts_with('@') && t.chars().count() + 1 >= TYPO_MIN_CHARS)
        .map(|(_, t)| (t.as_str(), t.as_str()));
    let vocab_shards = shards(vocabulary, VOCAB_SHARD_BYTES);

    let meta = serde_json::json!({
        "documents": documents,
        "terms": term_shards.iter().map(|(first, _)| first).collect::<Vec<_>>(),
        "vocabulary": vocab_shards.iter().map(|(first, _)| first).collect::<Vec<_>>(),
        "filters": filters,
        "typo": TYPO_MIN_CHARS,
        "heads": HEADS_PER_FILE,
    });
    files.push((format!("{DIR}/meta.js"), script("meta", "0", &meta)));
    let pair_firsts: Vec<&String> = pair_shards.iter().map(|(first, _)| first).collect();
    files.push((
        format!("{DIR}/pairs.js"),
        script("pairs", "0", &pair_firsts),
    ));
    // Tens of megabytes in a large dossier: turned into scripts side by side.
    fn bodies<'s>(
        kind: &'static str,
        shards: &'s [(String, String)],
    ) -> impl Iterator<Item = (&'static str, usize, &'s String)> {
        shards
            .iter()
            .enumerate()
            .map(move |(i, (_, body))| (kind, i, body))
    }
    let mut shard_bodies: Vec<(&str, usize, &String)> = bodies("t", &term_shards)
        .chain(bodies("p", &position_shards))
        .chain(bodies("v", &vocab_shards))
        .chain(bodies("q", &pair_shards))
        .collect();
    files.par_extend(shard_bodies.par_drain(..).map(|(kind, i, body)| {
        let key = i.to_string();
        (format!("{DIR}/{kind}/{i}.js"), script(kind, &key, body))
    }));
    files.push((
        format!("{DIR}/entities.js"),
        script("entities", "0", &filters.entity),
    ));
    files
}

/// BM25F: per term number, the documents holding it with their finished scores, by document.
fn score(counts: &[DocumentCounts], terms: usize) -> Vec<Vec<(u32, u32)>> {
    let documents = counts.len() as f64;
    let average_length = |articles: bool| {
        let (sum, n) = counts
            .iter()
            .filter(|c| c.is_article == articles)
            .fold((0.0, 0.0), |(sum, n), c| (sum + c.length as f64, n + 1.0));
        if n > 0.0 { (sum / n).max(1.0) } else { 1.0 }
    };
    let average_length = [average_length(false), average_length(true)];
    let mut frequency = vec![0u32; terms];
    for c in counts {
        for &(term, _) in &c.weighted {
            frequency[term as usize] += 1;
        }
    }
    let idf: Vec<f64> = frequency
        .iter()
        .map(|&df| (1.0 + (documents - df as f64 + 0.5) / (df as f64 + 0.5)).ln())
        .collect();
    let mut postings: Vec<Vec<(u32, u32)>> = frequency
        .iter()
        .map(|&df| Vec::with_capacity(df as usize))
        .collect();
    for (doc, c) in counts.iter().enumerate() {
        let average = average_length[usize::from(c.is_article)];
        let norm = K1 * (1.0 - B + B * c.length as f64 / average);
        for &(term, weighted) in &c.weighted {
            let boost = if c.own_name.contains(&term) {
                PAGE_BOOST
            } else {
                1.0
            };
            let tf = weighted as f64;
            let score = idf[term as usize] * tf * (K1 + 1.0) / (tf + norm) * boost;
            let quantised = ((score * SCORE_SCALE).round() as u32).clamp(1, SCORE_MAX);
            postings[term as usize].push((doc as u32, quantised));
        }
    }
    postings
}

/// Cuts sorted (term, entry) pairs into shards of about `target` bytes: (first term, entries
/// joined by commas).
fn shards<'a>(
    entries: impl Iterator<Item = (&'a str, impl Into<String> + AsRef<str>)>,
    target: usize,
) -> Vec<(String, String)> {
    let mut shards: Vec<(String, String)> = Vec::new();
    for (term, entry) in entries {
        match shards.last_mut() {
            Some((_, body)) if body.len() < target => {
                body.push(',');
                body.push_str(entry.as_ref());
            }
            _ => shards.push((term.to_string(), entry.into())),
        }
    }
    shards
}

/// The digits of the posting code: 32 that end a number, 32 that continue it.
const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ_~!*()";

/// Appends `n` in five-bit groups, most significant first; every group but the last is marked
/// as continuing. Small numbers (document gaps, scores) take one or two characters.
fn push_number(out: &mut String, n: u32) {
    let mut groups = [0u8; 7];
    let mut count = 0;
    let mut rest = n;
    loop {
        groups[count] = (rest & 31) as u8;
        count += 1;
        rest >>= 5;
        if rest == 0 {
            break;
        }
    }
    for i in (0..count).rev() {
        let continuing = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[(groups[i] + continuing) as usize] as char);
    }
}

/// A script handing `data` to the search script.
fn script(kind: &str, key: &str, data: &impl Serialize) -> String {
    let json = serde_json::to_string(data).expect("the index is plain data");
    // `</script>` ends nothing in a script file, but `<` is escaped anyway so that the text stays
    // inert if a template ever inlines it (`<` only occurs inside JSON strings).
    let json = json.replace('<', "\\u003c");
    format!("{GLOBAL}.add(\"{kind}\",{key},{json});\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn decode(code: &str) -> Vec<u32> {
        let mut numbers = Vec::new();
        let mut n = 0;
        for c in code.bytes() {
            let digit = DIGITS.iter().position(|&d| d == c).unwrap() as u32;
            n = n * 32 + (digit & 31);
            if digit < 32 {
                numbers.push(n);
                n = 0;
            }
        }
        numbers
    }

    #[test]
    fn posting_numbers_round_trip() {
        let numbers = [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX];
        let mut code = String::new();
        for n in numbers {
            push_number(&mut code, n);
        }
        assert_eq!(decode(&code), numbers);
        assert_eq!(code[..3].len(), 3, "0, 1 and 31 take one character each");
        // Nothing that would split an entry or need escaping in JSON.
        assert!(!DIGITS.iter().any(|d| b" ,\"\\".contains(d)));
    }

    #[test]
    fn shards_are_cut_at_the_target_size() {
        let entries = ["a 1", "b 2", "c 3", "d 4"]
            .into_iter()
            .map(|e| (&e[..1], e.to_string()));
        let cut = shards(entries, 6);
        assert_eq!(
            cut,
            [
                ("a".to_string(), "a 1,b 2".to_string()),
                ("c".to_string(), "c 3,d 4".to_string())
            ]
        );
    }

    #[test]
    fn scores_favour_rare_words_and_short_fields() {
        let mut normalizer = Normalizer::default();
        let mut counts = Vec::new();
        for (text, own_name) in [
            ("Stoltenberg in Kiew", false),
            ("Stoltenberg", true),
            ("Gipfel in Vilnius", false),
        ] {
            let mut c = FieldCounts::default();
            if own_name {
                c.add_own_name(&mut normalizer, text);
            } else {
                c.add(&mut normalizer, text, 1);
            }
            counts.push(c.finish());
        }
        let terms = normalizer.into_terms();
        let postings = score(&counts, terms.len());
        let of = |term: &str| &postings[terms.iter().position(|t| t == term).unwrap()];
        let stoltenberg = of("stoltenberg");
        assert!(stoltenberg[1].1 > stoltenberg[0].1, "{stoltenberg:?}");
        assert!(of("kiew")[0].1 > of("in")[0].1);
    }

    #[test]
    fn texts_placed_while_counted_stand_where_a_second_walk_puts_them() {
        let texts = ["NATO-Gipfel", "Gipfel in Vilnius", "Vilnius"];
        let mut normalizer = Normalizer::default();
        let mut walked = Positions::default();
        walked.document(&mut normalizer, texts.into_iter());
        let mut counted = Positions::default();
        let mut counts = FieldCounts::default();
        for text in texts {
            counts.add_placed(&mut normalizer, text, 1, &mut counted);
        }
        counted.end_document();
        let terms = normalizer.into_terms();
        let order = js_order(&terms);
        assert_eq!(
            counted.encode(&terms, &order).terms,
            walked.encode(&terms, &order).terms
        );
    }

    #[test]
    fn scripts_cannot_close_a_script_element() {
        let s = script("f", "1", &"</script><!--");
        assert_eq!(
            s,
            "DOSSIER_SEARCH.add(\"f\",1,\"\\u003c/script>\\u003c!--\");\n"
        );
    }
}
