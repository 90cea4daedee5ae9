//! What templates see: plain serialisable views of the dossier, with every URL already made
//! relative to the site root. Templates prefix them with `root`.

use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::date::{PartialDate, Precision};
use crate::enrich::{Dossier, EnrichedArticle, EntityProfile, Statement, Term};
use crate::load::EntityKind;
use crate::load::Seed;
use crate::render::urls;

/// A date as templates show it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2023-04-20`, `2024-07` or `2023`, for `<time datetime>`.
    pub iso: String,
    /// "20. April 2023", "Juli 2024" or "2023".
    pub display: String,
    /// `day`, `month` or `year`.
    pub precision: Precision,
    /// Whether the editor established the date from the text's evidence (`date_basis`),
    /// rather than the source stating it.
    pub inferred: bool,
}

impl DateView {
    /// The view of `date` in `language`.
    pub fn new(date: PartialDate, language: &str, inferred: bool) -> Self {
        DateView {
            iso: date.iso(),
            display: date.display(language),
            precision: date.precision(),
            inferred,
        }
    }
}

/// A link to a page: its label and its root-relative URL.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// What the link says.
    pub name: String,
    /// Root-relative URL.
    pub url: String,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleItem {
    /// Headline.
    pub title: String,
    /// Root-relative URL.
    pub url: String,
    /// Publication date.
    pub date: DateView,
    /// The outlet.
    pub source: String,
    /// The editor's summary, or empty.
    pub summary: String,
}

/// An entity or topic in an index list.
#[derive(Debug, Clone, Serialize)]
pub struct TermItem {
    /// The name.
    pub name: String,
    /// Root-relative URL.
    pub url: String,
    /// How many articles name it.
    pub count: usize,
}

/// Everything an article page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// The list view (title, url, date, source, summary).
    #[serde(flatten)]
    pub item: ArticleItem,
    /// Why the headline is the editor's, if it is.
    pub title_basis: String,
    /// How the date was established.
    pub date_basis: String,
    /// What the text shows about its outlet.
    pub source_basis: String,
    /// Language of the text.
    pub language: String,
    /// Agencies credited.
    pub agencies: Vec<String>,
    /// Authors named.
    pub authors: Vec<String>,
    /// Contributors named.
    pub contributors: Vec<String>,
    /// The body's HTML, built by dossier from escaped text.
    pub body_html: String,
    /// The body's headings, for a table of contents.
    pub headings: Vec<LinkView>,
    /// Number of paragraphs.
    pub paragraph_count: usize,
    /// Entities the article names, most mentioned first.
    pub entities: Vec<EntityItem>,
    /// Its quotations, with their speakers where the text makes them clear.
    pub statements: Vec<StatementView>,
    /// Topics named in the front matter.
    pub topics: Vec<LinkView>,
    /// The raw source: `name` is its file name, `url` the raw file.
    pub seed: LinkView,
    /// The page showing the raw source with line numbers.
    pub seed_page: String,
    /// The article before this one in time.
    pub previous: Option<LinkView>,
    /// The article after this one in time.
    pub next: Option<LinkView>,
}

/// An entity in a list: on an article page, in the register, among co-mentions.
#[derive(Debug, Clone, Serialize)]
pub struct EntityItem {
    /// The canonical name.
    pub name: String,
    /// Root-relative URL of its page.
    pub url: String,
    /// `person`, `organisation`, `place`, `event` or `other`.
    pub kind: EntityKind,
    /// Its one-line description.
    pub description: String,
    /// Mentions (in the article, or in all articles, or shared paragraphs, by list).
    pub mentions: usize,
    /// Articles naming it.
    pub articles: usize,
}

/// A quotation as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct StatementView {
    /// The quoted words.
    pub quote: String,
    /// The sentence it stands in.
    pub sentence: String,
    /// Root-relative URL of its paragraph.
    pub url: String,
    /// Its speaker, or none when the text does not make it clear.
    pub speaker: Option<LinkView>,
    /// The article it is from.
    pub article: ArticleItem,
}

/// An article on an entity's page.
#[derive(Debug, Clone, Serialize)]
pub struct EntityArticleView {
    /// The article.
    #[serde(flatten)]
    pub item: ArticleItem,
    /// How often it names the entity.
    pub mentions: usize,
    /// The sentence of the first mention, or empty when only the front matter lists it.
    pub first_sentence: String,
    /// Root-relative URL of the paragraph of the first mention.
    pub first_url: String,
}

/// A name with a count.
#[derive(Debug, Clone, Serialize)]
pub struct NameCount {
    /// The name as written.
    pub name: String,
    /// How often.
    pub count: usize,
}

/// Everything an entity's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    /// The list view (name, url, kind, description, mentions, articles).
    #[serde(flatten)]
    pub item: EntityItem,
    /// The registry id.
    pub id: String,
    /// Offices and roles.
    pub roles: Vec<String>,
    /// The registry's aliases.
    pub aliases: Vec<String>,
    /// The names the texts use for it, with counts.
    pub names_seen: Vec<NameCount>,
    /// The Wikidata item id, or empty.
    pub wikidata: String,
    /// First and last date of the articles naming it.
    pub first_date: Option<DateView>,
    /// See `first_date`.
    pub last_date: Option<DateView>,
    /// Articles naming it, newest first.
    pub article_list: Vec<EntityArticleView>,
    /// Entities most often named in the same paragraphs (`mentions` counts the paragraphs).
    pub co_mentioned: Vec<EntityItem>,
    /// What it said, oldest first: the newest few (see [`Views::entity`]).
    pub statements: Vec<StatementView>,
    /// How many statements it has in all.
    pub statement_count: usize,
}

/// A seed's page: the raw text with numbered lines.
#[derive(Debug, Clone, Serialize)]
pub struct SeedView {
    /// The file name.
    pub name: String,
    /// Path relative to the dossier root (`seeds/...`).
    pub path: String,
    /// Root-relative URL of the raw file.
    pub raw_url: String,
    /// The text's lines.
    pub lines: Vec<String>,
    /// Size in bytes.
    pub bytes: usize,
    /// Whether the file was not valid UTF-8 and is shown with replacement characters.
    pub lossy: bool,
    /// Articles that cite it.
    pub articles: Vec<ArticleItem>,
}

/// A seed line with control characters shown as their Unicode pictures (U+0007 → ␇), since
/// they cannot appear in HTML but are part of the evidence.
fn visible_controls(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => c,
            '\u{7f}' => '\u{2421}',
            c if u32::from(c) < 0x20 => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'),
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Builds views from the dossier.
pub struct Views<'a> {
    dossier: &'a Dossier,
    /// The articles citing each seed, by the seed's path, in article order: looked up once
    /// here, since each of ten thousand seed pages scanning ten thousand articles is quadratic.
    citing: FxHashMap<&'a Path, Vec<usize>>,
}

impl<'a> Views<'a> {
    /// Views of `dossier`.
    pub fn new(dossier: &'a Dossier) -> Self {
        let mut citing: FxHashMap<&Path, Vec<usize>> = FxHashMap::default();
        for (i, entry) in dossier.articles.iter().enumerate() {
            citing.entry(&entry.article.seed).or_default().push(i);
        }
        Views { dossier, citing }
    }

    fn language(&self) -> &str {
        &self.dossier.config.language
    }

    /// The list view of article `index`.
    pub fn item(&self, index: usize) -> ArticleItem {
        let a = &self.dossier.articles[index].article;
        ArticleItem {
            title: a.title.clone(),
            url: urls::article(&a.slug),
            date: DateView::new(a.date, self.language(), a.date_basis.is_some()),
            source: a.source.clone(),
            summary: a.summary.clone().unwrap_or_default(),
        }
    }

    /// List views of `indices`.
    pub fn items(&self, indices: &[usize]) -> Vec<ArticleItem> {
        indices.iter().map(|&i| self.item(i)).collect()
    }

    /// All articles, newest first.
    pub fn newest_first(&self) -> Vec<ArticleItem> {
        (0..self.dossier.articles.len())
            .rev()
            .map(|i| self.item(i))
            .collect()
    }

    /// The page view of article `index`.
    pub fn article(&self, index: usize) -> ArticleView {
        let EnrichedArticle {
            article: a,
            body,
            entities,
            topics,
            statements,
        } = &self.dossier.articles[index];
        let link = |i: usize| {
            let other = &self.dossier.articles[i].article;
            LinkView {
                name: other.title.clone(),
                url: urls::article(&other.slug),
            }
        };
        ArticleView {
            item: self.item(index),
            title_basis: a.title_basis.clone().unwrap_or_default(),
            date_basis: a.date_basis.clone().unwrap_or_default(),
            source_basis: a.source_basis.clone().unwrap_or_default(),
            language: a.language.clone(),
            agencies: a.agencies.clone(),
            authors: a.authors.clone(),
            contributors: a.contributors.clone(),
            body_html: body.html.clone(),
            headings: body
                .headings
                .iter()
                .map(|h| LinkView {
                    name: h.text.clone(),
                    url: format!("#{}", h.anchor),
                })
                .collect(),
            paragraph_count: body.paragraphs.len(),
            entities: entities
                .iter()
                .map(|e| self.entity_item(e.entity, e.mentions))
                .collect(),
            statements: statements
                .iter()
                .map(|s| self.statement(index, s))
                .collect(),
            topics: topics
                .iter()
                .map(|&i| {
                    let topic = &self.dossier.topics[i];
                    LinkView {
                        name: topic.name.clone(),
                        url: urls::topic(&topic.slug),
                    }
                })
                .collect(),
            seed: LinkView {
                name: a
                    .seed
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                url: urls::seed_raw(&a.seed),
            },
            seed_page: urls::seed_page(&a.seed),
            previous: index.checked_sub(1).map(link),
            next: (index + 1 < self.dossier.articles.len()).then(|| link(index + 1)),
        }
    }

    /// The list view of entity `index`, with `mentions` as the count to show.
    pub fn entity_item(&self, index: usize, mentions: usize) -> EntityItem {
        let profile = &self.dossier.entities[index];
        EntityItem {
            name: profile.entity.name.clone(),
            url: urls::entity(&profile.entity.slug),
            kind: profile.entity.kind,
            description: profile.entity.description.clone(),
            mentions,
            articles: profile.articles.len(),
        }
    }

    /// Every entity with its total mentions, in registry (name) order.
    pub fn entity_items(&self) -> Vec<EntityItem> {
        (0..self.dossier.entities.len())
            .map(|i| self.entity_item(i, self.dossier.entities[i].mentions))
            .collect()
    }

    fn statement(&self, article: usize, statement: &Statement) -> StatementView {
        let item = self.item(article);
        StatementView {
            quote: statement.quote.clone(),
            sentence: statement.sentence.clone(),
            url: format!("{}#{}", item.url, statement.anchor),
            speaker: statement.speaker.map(|s| {
                let entity = &self.dossier.entities[s].entity;
                LinkView {
                    name: entity.name.clone(),
                    url: urls::entity(&entity.slug),
                }
            }),
            article: item,
        }
    }

    /// The page view of entity `index`, quoting at most its `most` newest statements.
    pub fn entity(&self, index: usize, most: usize) -> EntityView {
        let profile: &EntityProfile = &self.dossier.entities[index];
        let entity = &profile.entity;
        let date = |d| DateView::new(d, self.language(), false);
        EntityView {
            item: self.entity_item(index, profile.mentions),
            id: entity.id.clone(),
            roles: entity.roles.clone(),
            aliases: entity.aliases.clone(),
            names_seen: profile
                .names_seen
                .iter()
                .map(|(name, count)| NameCount {
                    name: name.clone(),
                    count: *count,
                })
                .collect(),
            wikidata: entity.wikidata.clone().unwrap_or_default(),
            first_date: profile.span.map(|(from, _)| date(from)),
            last_date: profile.span.map(|(_, to)| date(to)),
            article_list: profile
                .articles
                .iter()
                .map(|a| {
                    let item = self.item(a.article);
                    let (first_sentence, first_url) = match &a.first {
                        Some(first) => {
                            let (anchor, sentence) =
                                first.read(&self.dossier.articles[a.article].body);
                            (sentence.into_owned(), format!("{}#{}", item.url, anchor))
                        }
                        None => (String::new(), item.url.clone()),
                    };
                    EntityArticleView {
                        item,
                        mentions: a.mentions,
                        first_sentence,
                        first_url,
                    }
                })
                .collect(),
            co_mentioned: profile
                .co_mentioned
                .iter()
                .map(|&(other, count)| self.entity_item(other, count))
                .collect(),
            statement_count: profile.statements.len(),
            statements: profile.statements[profile.statements.len().saturating_sub(most)..]
                .iter()
                .map(|&(article, s)| {
                    self.statement(article, &self.dossier.articles[article].statements[s])
                })
                .collect(),
        }
    }

    /// Index list of topics.
    pub fn terms(&self, terms: &[Term], url: fn(&str) -> String) -> Vec<TermItem> {
        terms
            .iter()
            .map(|t| TermItem {
                name: t.name.clone(),
                url: url(&t.slug),
                count: t.articles.len(),
            })
            .collect()
    }

    /// The page view of a seed.
    pub fn seed(&self, seed: &Seed) -> SeedView {
        let (text, lossy) = match std::str::from_utf8(&seed.bytes) {
            Ok(text) => (text.to_string(), false),
            Err(_) => (String::from_utf8_lossy(&seed.bytes).into_owned(), true),
        };
        SeedView {
            name: seed.file_name(),
            path: urls::seed_raw_file(&seed.path),
            raw_url: urls::seed_raw(&seed.path),
            lines: text.lines().map(visible_controls).collect(),
            bytes: seed.bytes.len(),
            lossy,
            articles: self.items(
                self.citing
                    .get(seed.path.as_path())
                    .map_or(&[][..], Vec::as_slice),
            ),
        }
    }
}
