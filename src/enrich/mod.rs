//! Stage 2, enrich: [`Corpus`] → [`Dossier`].
//!
//! Renders every body while finding the registry's entities in it, puts the articles in time
//! order, attributes quotations, gathers entities and topics into indexes, and builds the
//! chronology. Names that would give two pages the same file are errors here, before anything
//! is written.

pub mod chronology;
pub mod entities;
pub mod events;
pub mod mentions;
pub mod statements;

use std::collections::BTreeMap;

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::error::{Error, Location};
use crate::load::{Article, Corpus, Named, Seed, nfc};
use crate::markdown::{self, ArticlePaths, RenderedBody};
use crate::render::strings::Strings;
use crate::slug::slugify;
pub use chronology::Chronology;
pub use entities::{ArticleEntity, Connection, EntityArticle, EntityProfile, Statement};
pub use events::{Event, EventSource};
use mentions::MentionDetector;

/// An article with its rendered body and its place in the indexes.
#[derive(Debug, Clone)]
pub struct EnrichedArticle {
    /// The article as loaded, all but its Markdown body (`article.body` is empty): once
    /// rendered, the body is [`EnrichedArticle::body`], and the source would only take memory.
    pub article: Article,
    /// The rendered body.
    pub body: RenderedBody,
    /// The entities it names or lists, most mentioned first.
    pub entities: Vec<ArticleEntity>,
    /// Indices into [`Dossier::topics`], in front-matter order.
    pub topics: Vec<usize>,
    /// Its quotations, attributed where the text makes the speaker clear.
    pub statements: Vec<Statement>,
}

/// A topic: a name with its own page listing its articles.
#[derive(Debug, Clone)]
pub struct Term {
    /// The name as written in front matter.
    pub name: String,
    /// The page name.
    pub slug: String,
    /// Indices into [`Dossier::articles`], newest first.
    pub articles: Vec<usize>,
}

/// The whole dossier, ready to index and render.
#[derive(Debug)]
pub struct Dossier {
    /// The site's settings.
    pub config: SiteConfig,
    /// Articles oldest first (date, then slug).
    pub articles: Vec<EnrichedArticle>,
    /// Every registry entity, sorted by slug, with what the articles say of it.
    pub entities: Vec<EntityProfile>,
    /// Pairs of entities named together, most frequent first.
    pub connections: Vec<Connection>,
    /// Pages under an alias that lead to an entity's page: (alias slug, entity index).
    pub alias_pages: Vec<(String, usize)>,
    /// Topics sorted by slug.
    pub topics: Vec<Term>,
    /// Dated events read from the articles, in time order.
    pub events: Vec<Event>,
    /// Articles and events in time.
    pub chronology: Chronology,
    /// The raw source texts, by path.
    pub seeds: Vec<Seed>,
    /// Warnings carried over from loading.
    pub warnings: Vec<String>,
}

/// An article whose body rendered, with the entities its front matter lists.
type Rendered = (EnrichedArticle, Vec<usize>);

/// Builds the dossier from the loaded corpus, all but its dated events (see [`date_events`]);
/// `strings` label what the bodies add to the sources' text (an editor's note).
///
/// Errors from loading and from every stage here are reported together, sorted by file.
pub fn enrich(config: SiteConfig, corpus: Corpus, strings: &Strings) -> Result<Dossier, Error> {
    let Corpus {
        articles: loaded,
        seeds,
        registry,
        registry_failed,
        warnings,
        failed,
        mut errors,
    } = corpus;
    let key = |path: &Path| nfc(&path.to_string_lossy().replace('\\', "/"));
    // Files that failed to load stay link targets, so a link to them is not a second error.
    let mut paths: ArticlePaths = failed
        .iter()
        .map(|p| {
            (
                key(p),
                slugify(&p.file_stem().unwrap_or_default().to_string_lossy()),
            )
        })
        .collect();
    paths.extend(loaded.iter().map(|a| (key(&a.path), a.slug.clone())));
    let detector = MentionDetector::new(&registry);
    let slugs: Vec<String> = registry.entities.iter().map(|e| e.slug.clone()).collect();
    let note = strings.get("editor_note").unwrap_or_default();
    let raw_html = if config.trust_html {
        markdown::RawHtml::Trusted
    } else {
        markdown::RawHtml::Sanitised
    };
    // Each body is rendered on its own, on every core; the results keep the loading order, so
    // errors come out the same whatever the thread count.
    let bodies: Vec<Result<Rendered, Vec<Error>>> = loaded
        .into_par_iter()
        .map(|mut article| {
            let markdown = std::mem::take(&mut article.body);
            let resolve = |names: &[Named], key: &str| {
                if registry_failed {
                    return Ok(Vec::new());
                }
                entities::resolve_names(&registry, &article, names, key)
            };
            let (listed, excluded) = match (
                resolve(&article.entities, "entities"),
                resolve(&article.exclude_entities, "exclude_entities"),
            ) {
                (Ok(listed), Ok(excluded)) => (listed, excluded),
                (listed, excluded) => {
                    let mut errors = listed.err().unwrap_or_default();
                    errors.extend(excluded.err().into_iter().flatten());
                    return Err(errors);
                }
            };
            let finder = entities::ArticleFinder {
                detector: &detector,
                excluded: excluded.into_iter().collect(),
                slugs: &slugs,
            };
            let body = markdown::render(
                &article.path,
                &markdown,
                article.body_line,
                &paths,
                Some(&finder),
                note,
                raw_html,
            )?;
            let entry = EnrichedArticle {
                article,
                body,
                entities: Vec::new(),
                topics: Vec::new(),
                statements: Vec::new(),
            };
            Ok((entry, listed))
        })
        .collect();
    let mut rendered: Vec<Rendered> = Vec::with_capacity(bodies.len());
    for body in bodies {
        match body {
            Ok(entry) => rendered.push(entry),
            Err(e) => errors.extend(e),
        }
    }

    // Time order; the slug breaks ties so the order never depends on how files were listed.
    rendered.sort_by(|(a, _), (b, _)| {
        (a.article.date, &a.article.slug).cmp(&(b.article.date, &b.article.slug))
    });
    let (mut articles, listed): (Vec<EnrichedArticle>, Vec<Vec<usize>>) =
        rendered.into_iter().unzip();
    errors.extend(duplicate_article_slugs(&articles));
    errors.extend(broken_article_links(&articles));

    let (topics, topic_errors) = index_terms(
        &mut articles,
        "topics",
        |a| &a.topics,
        |e, ids| e.topics = ids,
    );
    errors.extend(topic_errors);
    Error::collect(errors)?;

    entities::annotate(&mut articles, &listed, &registry);
    let (entities, connections) = entities::profiles(&articles, &registry);
    Ok(Dossier {
        config,
        articles,
        alias_pages: registry.alias_slugs(),
        entities,
        connections,
        topics,
        events: Vec::new(),
        chronology: Chronology::default(),
        seeds,
        warnings,
    })
}

/// Reads the dated events of `dossier`'s articles, gives each entity its events and builds
/// the chronology: the second half of the enrich stage, timed on its own.
pub fn date_events(dossier: &mut Dossier) {
    dossier.events = events::extract(&dossier.articles);
    for (index, event) in dossier.events.iter().enumerate() {
        for &entity in &event.entities {
            dossier.entities[entity].events.push(index);
        }
    }
    dossier.chronology = Chronology::build(&dossier.articles, &dossier.events);
}

fn duplicate_article_slugs(articles: &[EnrichedArticle]) -> Vec<Error> {
    let mut by_slug: BTreeMap<&str, Vec<&PathBuf>> = BTreeMap::new();
    for entry in articles {
        by_slug
            .entry(&entry.article.slug)
            .or_default()
            .push(&entry.article.path);
    }
    by_slug
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(slug, mut paths)| {
            paths.sort();
            let others: Vec<String> = paths[1..]
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect();
            Error::input(
                Location::file(paths[0]),
                format!(
                    "this article and {} would both be written to articles/{slug}.html",
                    others.join(", ")
                ),
            )
            .with_hint("rename one of the files, or give it its own `slug` in the front matter")
        })
        .collect()
}

/// Links between articles must name an anchor the target article has.
fn broken_article_links(articles: &[EnrichedArticle]) -> Vec<Error> {
    let ids: BTreeMap<&str, &std::collections::BTreeSet<String>> = articles
        .iter()
        .map(|a| (a.article.slug.as_str(), &a.body.ids))
        .collect();
    let mut errors = Vec::new();
    for entry in articles {
        for link in &entry.body.links {
            // A target that did not load has its own error already.
            let Some(target_ids) = ids.get(link.slug.as_str()) else {
                continue;
            };
            if !link.fragment.is_empty() && !target_ids.contains(&link.fragment) {
                errors.push(
                    Error::input(
                        Location::line(&entry.article.path, link.line),
                        format!("there is no anchor `#{}` in the article `{}`", link.fragment, link.slug),
                    )
                    .with_hint("paragraphs are #p1, #p2 …, headings take their text's slug, figures are #fig1 …"),
                );
            }
        }
    }
    errors
}

/// Collects the names one front-matter list gives (entities or topics) into terms with pages.
///
/// Two different spellings that make the same slug are an error rather than one silently
/// overwriting the other's page.
fn index_terms(
    articles: &mut [EnrichedArticle],
    key: &str,
    names_of: impl Fn(&Article) -> &Vec<Named>,
    assign: impl Fn(&mut EnrichedArticle, Vec<usize>),
) -> (Vec<Term>, Vec<Error>) {
    // slug → (name, where first written, articles in chronological order)
    let mut by_slug: BTreeMap<String, (String, Location, Vec<usize>)> = BTreeMap::new();
    let mut errors = Vec::new();
    for (index, entry) in articles.iter().enumerate() {
        for named in names_of(&entry.article) {
            let slug = slugify(&named.name);
            let here = Location::line(&entry.article.path, named.line);
            let slot = by_slug
                .entry(slug.clone())
                .or_insert_with(|| (named.name.clone(), here.clone(), Vec::new()));
            if slot.0 != named.name {
                errors.push((
                    here.clone(),
                    Error::input(
                        here,
                        format!(
                            "`{}` and `{}` ({}) in `{key}` would share the page {key}/{slug}.html",
                            named.name, slot.0, slot.1
                        ),
                    )
                    .with_hint(format!(
                        "write the name `{}` the same way everywhere",
                        slot.0
                    )),
                ));
                continue;
            }
            slot.2.push(index);
        }
    }
    errors.sort_by(|a, b| a.0.cmp(&b.0));

    let terms: Vec<Term> = by_slug
        .into_iter()
        .map(|(slug, (name, _, mut ids))| {
            ids.reverse();
            Term {
                name,
                slug,
                articles: ids,
            }
        })
        .collect();
    let position: BTreeMap<&str, usize> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    for entry in articles.iter_mut() {
        let ids = names_of(&entry.article)
            .iter()
            .map(|n| position[slugify(&n.name).as_str()])
            .collect();
        assign(entry, ids);
    }
    (terms, errors.into_iter().map(|(_, e)| e).collect())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn article(file: &str, date: &str, topics: &[&str]) -> Article {
        let list: Vec<String> = topics.iter().map(|e| format!("\"{e}\"")).collect();
        let text = format!(
            "+++\ntitle = \"T {file}\"\ndate = \"{date}\"\nsource = \"S\"\nseed = \"seeds/s.txt\"\ntopics = [{}]\n+++\nText.\n",
            list.join(", ")
        );
        Article::parse(Path::new(&format!("content/{file}")), &text, "de").unwrap()
    }

    fn config() -> SiteConfig {
        SiteConfig::parse(Path::new("site.toml"), "title = \"T\"\n").unwrap()
    }

    fn corpus(articles: Vec<Article>) -> Corpus {
        Corpus {
            articles,
            ..Corpus::default()
        }
    }

    #[test]
    fn articles_are_in_time_order_and_terms_newest_first() {
        let dossier = enrich(
            config(),
            corpus(vec![
                article("b.md", "2024-07", &["NATO"]),
                article("a.md", "2023-04-20", &["NATO", "Kiew"]),
            ]),
            &Strings::builtin("de"),
        )
        .unwrap();
        let slugs: Vec<&str> = dossier
            .articles
            .iter()
            .map(|a| a.article.slug.as_str())
            .collect();
        assert_eq!(slugs, ["a", "b"]);
        let nato = dossier.topics.iter().find(|t| t.name == "NATO").unwrap();
        assert_eq!(nato.articles, [1, 0]);
        assert_eq!(dossier.articles[0].topics.len(), 2);
    }

    #[test]
    fn names_sharing_a_slug_are_an_error() {
        let err = enrich(
            config(),
            corpus(vec![
                article("a.md", "2023", &["NATO"]),
                article("b.md", "2024", &["Nato"]),
            ]),
            &Strings::builtin("de"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("content/b.md:6: `Nato` and `NATO` (content/a.md:6) in `topics` would share the page topics/nato.html"),
            "{err}"
        );
    }

    #[test]
    fn articles_sharing_a_slug_are_an_error() {
        let err = enrich(
            config(),
            corpus(vec![
                article("x/a.md", "2023", &[]),
                article("y/a.md", "2024", &[]),
            ]),
            &Strings::builtin("de"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("content/x/a.md: this article and `content/y/a.md` would both be written to articles/a.html"),
            "{err}"
        );
    }
}
