//! Entities in the articles: front-matter overrides resolved against the registry, mentions
//! counted, quotations attributed, and one [`EntityProfile`] per registry entry.

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::EnrichedArticle;
use super::mentions::{Found, MentionDetector};
use super::statements::{self, quotations, sentence_at, sentences};
use crate::date::PartialDate;
use crate::error::{Error, Location};
use crate::load::{Article, Entity, EntityRegistry, Named, REGISTRY_FILE};
use crate::markdown::{MentionFinder, RenderedBody};

/// Unattributed quotations shorter than this many words are terms set in quotation marks
/// (`„Dachschirm“`), not statements, and are not listed.
const MIN_UNATTRIBUTED_WORDS: usize = 3;

/// How many co-mentioned entities an entity's page names.
const CO_MENTIONS_SHOWN: usize = 8;

/// An entity an article names, with how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleEntity {
    /// Index into [`super::Dossier::entities`].
    pub entity: usize,
    /// Mentions in the body (0 when only the front matter lists it).
    pub mentions: usize,
}

/// A quotation in an article, with its speaker when the text makes it clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The paragraph it stands in.
    pub anchor: String,
    /// The quoted words.
    pub quote: String,
    /// The whole sentence around it.
    pub sentence: String,
    /// The speaker (index into [`super::Dossier::entities`]), or `None` when unclear.
    pub speaker: Option<usize>,
}

/// Where an entity is first named in an article: read from the article's body by
/// [`FirstMention::read`]. A large dossier has hundreds of thousands of them (one per entity
/// and article naming it); a copy of each sentence cost more than a tenth of its memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstMention {
    /// Index into the body's [`RenderedBody::mentions`].
    mention: u32,
    /// The sentence that names it: bytes of its block's text.
    sentence: std::ops::Range<u32>,
}

impl FirstMention {
    /// The block's anchor (`p3`, `fig1`, a heading's id) and the sentence that names the
    /// entity, in `body`, the body of the article it was found in.
    pub fn read<'b>(&self, body: &'b RenderedBody) -> (&'b str, Cow<'b, str>) {
        let Some(mention) = body.mentions.get(self.mention as usize) else {
            return ("", Cow::Borrowed(""));
        };
        let anchor = mention.anchor.as_str();
        let range = self.sentence.start as usize..self.sentence.end as usize;
        let sentence = match body
            .blocks()
            .find(|(a, _)| *a == anchor)
            .map(|(_, b)| b.text())
        {
            Some(Cow::Borrowed(text)) => Cow::Borrowed(text.get(range).unwrap_or_default()),
            Some(Cow::Owned(text)) => Cow::Owned(text.get(range).unwrap_or_default().to_string()),
            None => Cow::Borrowed(""),
        };
        (anchor, sentence)
    }
}

/// An article that names an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityArticle {
    /// Index into [`super::Dossier::articles`].
    pub article: usize,
    /// Mentions in its body.
    pub mentions: usize,
    /// The first of them; `None` when only the front matter lists the entity.
    pub first: Option<FirstMention>,
}

/// Everything the dossier knows about one registry entity.
#[derive(Debug, Clone)]
pub struct EntityProfile {
    /// The registry entry.
    pub entity: Entity,
    /// Mentions across all articles.
    pub mentions: usize,
    /// Articles naming it, newest first.
    pub articles: Vec<EntityArticle>,
    /// The names the texts use for it, as written, with counts; most used first.
    pub names_seen: Vec<(String, usize)>,
    /// Entities named in the same paragraphs, with the number of paragraphs; most first.
    pub co_mentioned: Vec<(usize, usize)>,
    /// Its statements: (article index, index into that article's statements), oldest first.
    pub statements: Vec<(usize, usize)>,
    /// Events whose sources name it (indices into the dossier's events), in time order.
    pub events: Vec<usize>,
    /// Dates of the first and last article naming it.
    pub span: Option<(PartialDate, PartialDate)>,
}

/// Two entities named together, and in how many paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Connection {
    /// The entity earlier in slug order.
    pub a: usize,
    /// The other.
    pub b: usize,
    /// Paragraphs (and headings, captions) naming both.
    pub count: usize,
}

/// One article's view of the detector: its excluded entities are not looked for, and the
/// entities link to their pages from an article page.
pub(super) struct ArticleFinder<'a> {
    pub detector: &'a MentionDetector,
    pub excluded: BTreeSet<usize>,
    pub slugs: &'a [String],
}

impl MentionFinder for ArticleFinder<'_> {
    fn find(&self, text: &str) -> Vec<Found> {
        let mut found = self.detector.find(text);
        found.retain(|f| !self.excluded.contains(&f.entity));
        found
    }

    fn href(&self, entity: usize) -> String {
        // Article pages sit one folder below the root, beside entities/.
        format!("../entities/{}.html", self.slugs[entity])
    }
}

/// The registry entries front-matter names mean, or an error for each name it lacks.
pub(super) fn resolve_names(
    registry: &EntityRegistry,
    article: &Article,
    names: &[Named],
    key: &str,
) -> Result<Vec<usize>, Vec<Error>> {
    let mut ids = Vec::new();
    let mut errors = Vec::new();
    for named in names {
        match registry.lookup(&named.name) {
            Some(index) => ids.push(index),
            None => {
                let mut hint = format!(
                    "add an entry for `{}` to {REGISTRY_FILE}, or write the id, name or an alias of one there",
                    named.name
                );
                if let Some(close) = registry.closest_name(&named.name) {
                    hint = format!("did you mean `{close}`? Otherwise {hint}");
                }
                errors.push(
                    Error::input(
                        Location::line(&article.path, named.line),
                        format!("`{}` in `{key}` is not in the entity registry", named.name),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(ids)
    } else {
        Err(errors)
    }
}

/// Counts each article's entities and finds its statements. `listed` holds each article's
/// front-matter entities.
pub(super) fn annotate(
    articles: &mut [EnrichedArticle],
    listed: &[Vec<usize>],
    registry: &EntityRegistry,
) {
    let can_speak = |e: usize| {
        let kind = registry.entities[e].kind;
        kind.can_speak()
            .then_some(kind == crate::load::EntityKind::Person)
    };
    for (entry, listed) in articles.iter_mut().zip(listed) {
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
        for &e in listed {
            counts.entry(e).or_default();
        }
        for mention in &entry.body.mentions {
            *counts.entry(mention.entity).or_default() += 1;
        }
        let mut entities: Vec<ArticleEntity> = counts
            .into_iter()
            .map(|(entity, mentions)| ArticleEntity { entity, mentions })
            .collect();
        // Most named first; registry order (by slug) breaks ties.
        entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.entity.cmp(&b.entity)));
        entry.entities = entities;

        let mut found: Vec<Statement> = Vec::new();
        let by_anchor: BTreeMap<&str, Vec<Found>> = entry
            .body
            .mention_blocks()
            .map(|block| {
                (
                    block[0].anchor.as_str(),
                    block.iter().map(|m| m.found).collect(),
                )
            })
            .collect();
        let mentions_in = |anchor: &str| by_anchor.get(anchor).map_or(&[][..], Vec::as_slice);
        let paragraphs = &entry.body.paragraphs;
        for (i, paragraph) in paragraphs.iter().enumerate() {
            let mentions = mentions_in(&paragraph.anchor);
            let lead_in = match i.checked_sub(1).map(|j| &paragraphs[j]) {
                Some(before) if before.text.ends_with(':') => {
                    Some((before.text.as_str(), mentions_in(&before.anchor)))
                }
                _ => None,
            };
            for quotation in statements::attribute(&paragraph.text, mentions, &can_speak, lead_in) {
                let quote = quotation.words(&paragraph.text);
                // A name in quotation marks („Aktionsplan für die Rüstungsproduktion“) is a name.
                let is_name = mentions
                    .iter()
                    .any(|m| paragraph.text[m.start..m.end] == *quote);
                let is_term = quotation.speaker.is_none()
                    && quote.split_whitespace().count() < MIN_UNATTRIBUTED_WORDS;
                if is_name || is_term {
                    continue;
                }
                found.push(Statement {
                    anchor: paragraph.anchor.clone(),
                    quote: quote.to_string(),
                    sentence: paragraph.text[quotation.sentence.clone()].to_string(),
                    speaker: quotation.speaker,
                });
            }
        }
        entry.statements = found;
    }
}

/// One profile per registry entry, and the most frequent pairs of entities named together.
pub(super) fn profiles(
    articles: &[EnrichedArticle],
    registry: &EntityRegistry,
) -> (Vec<EntityProfile>, Vec<Connection>) {
    let mut profiles: Vec<EntityProfile> = registry
        .entities
        .iter()
        .map(|entity| EntityProfile {
            entity: entity.clone(),
            mentions: 0,
            articles: Vec::new(),
            names_seen: Vec::new(),
            co_mentioned: Vec::new(),
            statements: Vec::new(),
            events: Vec::new(),
            span: None,
        })
        .collect();
    let mut names_seen: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); profiles.len()];
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();

    for (index, entry) in articles.iter().enumerate() {
        let date = entry.article.date;
        // One pass over the blocks: names as written, pairs named together, and each entity's
        // first mention with the sentence around it.
        let mut first_mentions: FxHashMap<usize, FirstMention> = FxHashMap::default();
        let mut numbered = 0;
        for (text, block) in entry.body.mentions_by_block() {
            let mut sentences_of_block = None;
            let first_number = numbered;
            numbered += block.len();
            for (n, mention) in block.iter().enumerate() {
                let name = &text[mention.found.start..mention.found.name_end];
                *names_seen[mention.entity]
                    .entry(name.to_string())
                    .or_default() += 1;
                if first_mentions.contains_key(&mention.entity) {
                    continue;
                }
                let all = sentences_of_block.get_or_insert_with(|| {
                    let quotes = quotations(&text);
                    sentences(&text, &quotes)
                });
                let sentence =
                    sentence_at(all, mention.found.start).map_or(0..text.len(), |s| all[s].clone());
                first_mentions.insert(
                    mention.entity,
                    FirstMention {
                        mention: (first_number + n) as u32,
                        sentence: sentence.start as u32..sentence.end as u32,
                    },
                );
            }
            let entities: BTreeSet<usize> = block.iter().map(|m| m.entity).collect();
            let list: Vec<usize> = entities.into_iter().collect();
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    *pairs.entry((a, b)).or_default() += 1;
                }
            }
        }
        for named in &entry.entities {
            let profile = &mut profiles[named.entity];
            profile.mentions += named.mentions;
            profile.articles.push(EntityArticle {
                article: index,
                mentions: named.mentions,
                first: first_mentions.remove(&named.entity),
            });
            profile.span = Some(match profile.span {
                None => (date, date),
                Some((from, to)) => (from.min(date), to.max(date)),
            });
        }
        for (s, statement) in entry.statements.iter().enumerate() {
            if let Some(speaker) = statement.speaker {
                profiles[speaker].statements.push((index, s));
            }
        }
    }

    let mut co: Vec<Vec<(usize, usize)>> = vec![Vec::new(); profiles.len()];
    for (&(a, b), &count) in &pairs {
        co[a].push((b, count));
        co[b].push((a, count));
    }
    for (profile, (mut with, seen)) in profiles.iter_mut().zip(co.into_iter().zip(names_seen)) {
        with.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        with.truncate(CO_MENTIONS_SHOWN);
        profile.co_mentioned = with;
        let mut seen: Vec<(String, usize)> = seen.into_iter().collect();
        seen.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        profile.names_seen = seen;
        profile.articles.reverse();
    }
    let mut connections: Vec<Connection> = pairs
        .into_iter()
        .map(|((a, b), count)| Connection { a, b, count })
        .collect();
    connections.sort_by(|x, y| y.count.cmp(&x.count).then((x.a, x.b).cmp(&(y.a, y.b))));
    (profiles, connections)
}
