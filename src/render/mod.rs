//! Stage 4, render: [`Dossier`] + [`SearchIndex`] + templates → the site's files ([`OutputFile`]).
//!
//! Nothing is written here; the write stage gets the complete list, so a template that fails on
//! the last page leaves `public/` untouched.

pub mod chronology;
pub mod connections;
pub mod context;
pub mod export;
pub mod feeds;
pub mod print;
pub mod site;
pub mod strings;
pub mod urls;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use tera::Tera;

use crate::enrich::Dossier;
use crate::error::{Error, Location};
use crate::highlight;
use crate::load::Inputs;
use crate::search::{self, SearchIndex};
use context::Views;
pub use site::{Planned, Site, Source};
use strings::Strings;

/// The folder, relative to the dossier root, that holds templates and static assets.
pub const TEMPLATES_DIR: &str = "templates";
/// The folder under `templates/` whose files are copied to `assets/` unchanged.
pub const ASSETS_DIR: &str = "assets";

/// The templates a dossier needs, each rendering one kind of page.
pub const REQUIRED_TEMPLATES: [&str; 13] = [
    "index.html",
    "articles.html",
    "article.html",
    "entities.html",
    "entity.html",
    "alias.html",
    "topics.html",
    "topic.html",
    "chronology.html",
    "search.html",
    "seed.html",
    "404.html",
    "print.html",
];

/// A file of the finished site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// The dossier's templates and assets, loaded from `templates/`, with the interface strings
/// of the site's language.
pub struct Templates {
    tera: Tera,
    assets: Vec<OutputFile>,
    strings: Arc<Strings>,
    /// Of the templates' sources and the strings: what every page depends on.
    digest: blake3::Hash,
}

impl Templates {
    /// Loads every `.html` template under `templates/`, the files under `templates/assets/` and
    /// the interface strings of `language` (with the overrides of `templates/strings.toml`).
    pub fn load(inputs: &Inputs, language: &str) -> Result<Self, Error> {
        if !inputs.has_folder(TEMPLATES_DIR) {
            return Err(
                Error::input(Location::file(TEMPLATES_DIR), "folder not found").with_hint(
                    "a dossier needs its templates: copy templates/ from the dossier repository",
                ),
            );
        }
        let mut sources = Vec::new();
        let mut assets = Vec::new();
        // The same walk as content/: sorted, symlinks followed, editor leftovers skipped.
        for shown in inputs.list(TEMPLATES_DIR)? {
            let rel = shown.strip_prefix(TEMPLATES_DIR).unwrap_or(&shown);
            let name = rel.to_string_lossy().replace('\\', "/");
            if let Some(asset) = name.strip_prefix(&format!("{ASSETS_DIR}/")) {
                let bytes = inputs
                    .read_file(&shown)
                    .map_err(|e| Error::io(&shown, "cannot read", e))?;
                assets.push(OutputFile::new(format!("{ASSETS_DIR}/{asset}"), bytes));
            } else if name.ends_with(".html") {
                sources.push((name, inputs.read_text(&shown)?));
            }
        }
        let strings = Arc::new(Strings::load(inputs, language)?);
        let mut digest = blake3::Hasher::new();
        for (name, text) in &sources {
            for part in [name, text] {
                digest.update(&part.len().to_le_bytes());
                digest.update(part.as_bytes());
            }
        }
        digest.update(format!("{strings:?}").as_bytes());
        let mut tera = Tera::default();
        // Tera's own escaping also turns `/` into `&#x2F;`, which bloats every URL for no safety gain.
        tera.set_escape_fn(escape_for_templates);
        strings::register(&mut tera, Arc::clone(&strings));
        tera.add_raw_templates(sources).map_err(template_error)?;
        let missing: Vec<&str> = REQUIRED_TEMPLATES
            .iter()
            .copied()
            .filter(|name| !tera.get_template_names().any(|n| n == *name))
            .collect();
        if let Some(first) = missing.first() {
            return Err(Error::Template {
                loc: Location::file(Path::new(TEMPLATES_DIR).join(first)),
                msg: format!(
                    "missing template{}: {}",
                    if missing.len() > 1 { "s" } else { "" },
                    missing.join(", ")
                ),
                hint: Some(
                    "copy the missing templates from templates/ in the dossier repository".into(),
                ),
            });
        }
        Ok(Templates {
            tera,
            assets,
            strings,
            digest: digest.finalize(),
        })
    }

    /// The interface strings the templates show, for what Rust code writes into pages.
    pub fn strings(&self) -> &Strings {
        &self.strings
    }
}

/// Site-wide values every template sees as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// The language as Open Graph names it (`de_DE`).
    locale: &'static str,

    base_url: Option<&'a str>,
    article_count: usize,
    entity_count: usize,
    topic_count: usize,
    seed_count: usize,
    first_date: String,
    last_date: String,
}

/// The data of an article's page. The pages made by the thousand have types of their own:
/// their data is fingerprinted in every rebuild, straight from these (see `site::PageData`).
#[derive(Serialize)]
struct ArticlePage {
    article: context::ArticleView,
    json_ld: String,
}

/// The data of an entity's page.
#[derive(Serialize)]
struct EntityPage {
    entity: context::EntityView,
    json_ld: String,
    events: Vec<chronology::EventView>,
    event_count: usize,
    chronology_url: String,
}

/// The data of a seed's page.
#[derive(Serialize)]
struct SeedPage {
    seed: context::SeedView,
}

impl site::TypedPage for ArticlePage {}
impl site::TypedPage for EntityPage {}
impl site::TypedPage for SeedPage {}

/// Most statements an entity's page quotes (the newest); its articles' pages quote them all.
/// A page of every statement of an entity named in ten thousand articles would be megabytes.
pub const ENTITY_STATEMENTS_SHOWN: usize = 100;
/// Most events an entity's page lists (those with the most sources); the chronology, filtered
/// by the entity, lists them all.
pub const ENTITY_EVENTS_SHOWN: usize = 100;

/// Plans every page of the site, plus assets, the search index and the published seeds, and
/// hands the plan to `write`, which makes the files as it writes them.
///
/// The plan borrows the views it renders from, which live only as long as this call.
pub fn render_site<R>(
    dossier: &Dossier,
    index: &SearchIndex,
    templates: &Templates,
    write: impl FnOnce(&Site) -> Result<R, Error>,
) -> Result<R, Error> {
    let config = &dossier.config;
    let views = Views::new(dossier);
    let chronology = chronology::ChronologyViews::new(dossier, &views, templates.strings());
    let edition = print::Edition::new(dossier);
    let (views, chronology, edition) = (&views, &chronology, &edition);
    let language = config.language.as_str();
    let date_of = |i: usize| {
        dossier
            .articles
            .get(i)
            .map(|a| a.article.date.display(language))
            .unwrap_or_default()
    };
    let site = SiteView {
        title: &config.title,
        description: &config.description,
        language,
        // The English strings spell as British English does.
        locale: if language == "en" { "en_GB" } else { "de_DE" },

        base_url: config.base_url.as_deref(),
        article_count: dossier.articles.len(),
        entity_count: dossier.entities.len(),
        topic_count: dossier.topics.len(),
        seed_count: dossier.seeds.len(),
        first_date: date_of(0),
        last_date: date_of(dossier.articles.len().wrapping_sub(1)),
    };

    let mut files = vec![
        Planned::page("index.html", "index.html", move || {
            let newest = views.newest_first();
            serde_json::json!({ "newest": newest.iter().take(10).collect::<Vec<_>>() })
        }),
        Planned::page(
            "articles.html",
            "articles.html",
            move || serde_json::json!({ "articles": views.newest_first() }),
        )
        .weighing(dossier.articles.len() / 10),
    ];
    for (i, entry) in dossier.articles.iter().enumerate() {
        files.push(Planned::page(
            urls::article(&entry.article.slug),
            "article.html",
            move || ArticlePage {
                article: views.article(i),
                json_ld: feeds::article_json_ld(dossier, i),
            },
        ));
    }
    for (path, sort) in [
        ("entities.html", "name"),
        ("entities-by-mentions.html", "mentions"),
    ] {
        files.push(
            Planned::page(path, "entities.html", move || {
                entity_index(dossier, views, sort)
            })
            .weighing(dossier.entities.len() / 10),
        );
    }
    for (i, profile) in dossier.entities.iter().enumerate() {
        files.push(
            Planned::page(
                urls::entity(&profile.entity.slug),
                "entity.html",
                move || EntityPage {
                    entity: views.entity(i, ENTITY_STATEMENTS_SHOWN),
                    json_ld: feeds::entity_json_ld(dossier, i),
                    events: chronology.entity_events(i, ENTITY_EVENTS_SHOWN),
                    event_count: profile.events.len(),
                    chronology_url: chronology::filtered_by_entity(&profile.entity.slug),
                },
            )
            .weighing(
                profile.articles.len()
                    + profile.events.len().min(ENTITY_EVENTS_SHOWN)
                    + profile.statements.len().min(ENTITY_STATEMENTS_SHOWN),
            ),
        );
    }
    for (slug, i) in &dossier.alias_pages {
        let entity = &dossier.entities[*i].entity;
        files.push(Planned::page(urls::entity(slug), "alias.html", move || {
            serde_json::json!({ "entity": { "name": entity.name, "url": urls::entity(&entity.slug) } })
        }));
    }
    files.extend(export::files(dossier));
    files.push(Planned::page(
        "topics.html",
        "topics.html",
        move || serde_json::json!({ "topics": views.terms(&dossier.topics, urls::topic) }),
    ));
    for term in &dossier.topics {
        files.push(
            Planned::page(urls::topic(&term.slug), "topic.html", move || {
                serde_json::json!({ "term": { "name": term.name, "articles": views.items(&term.articles) } })
            })
            .weighing(term.articles.len() / 10),
        );
    }
    let year_pages = chronology.year_pages();
    files.push(
        Planned::page(chronology::PAGE, chronology::PAGE, move || {
            chronology.page()
        })
        .weighing(if year_pages.is_empty() {
            dossier.articles.len() + dossier.events.len()
        } else {
            dossier.entities.len()
        }),
    );
    for (path, at) in year_pages {
        files.push(
            Planned::page(path, chronology::PAGE, move || chronology.year_page(at))
                .weighing(dossier.chronology.years[at].entry_count()),
        );
    }
    files.push(
        Planned::generated(format!("{}/chronology.json", export::DATA_DIR), move || {
            chronology.timelinejs()
        })
        .weighing(dossier.articles.len() + dossier.events.len()),
    );
    files.push(Planned::page("search.html", "search.html", || {
        serde_json::json!({})
    }));
    for (at, part) in edition.parts.iter().enumerate() {
        files.push(
            Planned::page(part.path.clone(), print::PAGE, move || {
                print::data(dossier, views, chronology, edition, at)
            })
            .weighing(part.weight(dossier)),
        );
    }
    // GitHub Pages serves 404.html at whatever path was missed, where relative links would not
    // resolve; with a known base_url its links are absolute, the one place they must be.
    let root_404 = config.base_url.clone().unwrap_or_default();
    files.push(Planned::page_at_root(
        "404.html",
        "404.html",
        root_404,
        || serde_json::json!({}),
    ));
    for seed in &dossier.seeds {
        files.push(Planned::page(
            urls::seed_page_file(&seed.path),
            "seed.html",
            move || SeedPage {
                seed: views.seed(seed),
            },
        ));
        files.push(Planned::file(
            urls::seed_raw_file(&seed.path),
            seed.bytes.as_slice(),
        ));
    }

    files.extend(
        templates
            .assets
            .iter()
            .map(|asset| Planned::file(asset.path.clone(), asset.bytes.as_slice())),
    );
    // The print edition's running header: the title, in a stylesheet of its own, where no
    // title can end an HTML element.
    files.push(Planned::file(
        format!("{ASSETS_DIR}/print.css"),
        format!(
            "@page {{ @top-center {{ content: \"{}\"; font-size: 9pt; color: #444; }} }}\n",
            css_string(&config.title)
        )
        .into_bytes(),
    ));
    files.push(Planned::file(
        format!("{ASSETS_DIR}/strings.js"),
        templates.strings().script().into_bytes(),
    ));
    files.push(Planned::file(
        format!("{ASSETS_DIR}/highlight.css"),
        highlight::stylesheet(&config.highlight_theme, &config.highlight_theme_dark).into_bytes(),
    ));
    files.extend(
        index
            .files
            .iter()
            .map(|(path, script)| Planned::file(path.clone(), script.as_bytes())),
    );
    files.extend((0..index.documents).map(|doc| {
        Planned::generated(search::text_path(doc), move || {
            search::text_script(dossier, doc).into_bytes()
        })
    }));
    // GitHub Pages would otherwise run Jekyll, which hides files and folders starting with `_`.
    files.push(Planned::file(".nojekyll", Vec::new()));
    let pages: Vec<&str> = files
        .iter()
        .filter(|f| f.is_page())
        .map(|f| f.path.as_str())
        .collect();
    let discovery = feeds::files(dossier, views, &pages);
    files.extend(
        discovery
            .into_iter()
            .map(|file| Planned::file(file.path, file.bytes)),
    );

    check_unique_paths(&files)?;
    let site = serde_json::to_value(&site)
        .map_err(|e| Error::input(Location::file(crate::config::CONFIG_FILE), e.to_string()))?;
    write(&Site::new(files, templates, site, config))
}

/// Text as the inside of a CSS string: quotes and backslashes escaped, `<` as `\3c ` all the
/// same, line breaks and other control characters as spaces.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("\\3c "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Most pairs of entities listed under the connections picture.
const PAIRS_LISTED: usize = 15;

/// The register: entities grouped by kind, sorted by `sort` (`name` or `mentions`), with the
/// connections picture and the most frequent pairs.
fn entity_index(dossier: &Dossier, views: &Views, sort: &str) -> serde_json::Value {
    let mut items = views.entity_items();
    if sort == "mentions" {
        // Stable, so equal counts keep name order.
        items.sort_by_key(|e| std::cmp::Reverse(e.mentions));
    }
    let groups: Vec<serde_json::Value> = crate::load::EntityKind::ALL
        .iter()
        .filter_map(|&kind| {
            let members: Vec<&context::EntityItem> =
                items.iter().filter(|e| e.kind == kind).collect();
            (!members.is_empty()).then(|| serde_json::json!({ "kind": kind, "entities": members }))
        })
        .collect();
    let pairs: Vec<serde_json::Value> = dossier
        .connections
        .iter()
        .take(PAIRS_LISTED)
        .map(|c| {
            serde_json::json!({
                "a": views.entity_item(c.a, dossier.entities[c.a].mentions),
                "b": views.entity_item(c.b, dossier.entities[c.b].mentions),
                "count": c.count,
            })
        })
        .collect();
    serde_json::json!({
        "sort": sort,
        "total": items.len(),
        "groups": groups,
        "connections_svg": connections::svg(dossier, "", "connections-title"),
        "pairs": pairs,
    })
}

/// Two outputs at one path would silently overwrite each other (e.g. an asset named like a page).
fn check_unique_paths(files: &[Planned]) -> Result<(), Error> {
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    match paths.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(Error::input(
            Location::file(PathBuf::from(w[0])),
            "two outputs would be written to this path",
        )
        .with_hint("rename the asset under templates/assets/ or the seed that clashes with a generated file")),
        None => Ok(()),
    }
}

/// Escapes a value for HTML text and double- or single-quoted attributes.
fn escape_for_templates(text: &str) -> String {
    crate::markdown::escape_html(text).replace('\'', "&#39;")
}

/// Flattens a Tera error chain into `templates/<name>[:<line>]: <reason>`.
fn template_error(err: tera::Error) -> Error {
    let mut messages = Vec::new();
    let mut current: Option<&dyn std::error::Error> = Some(&err);
    while let Some(e) = current {
        messages.push(e.to_string());
        current = e.source();
    }
    let all = messages.join("\n");
    let name = all.split('\'').nth(1).map(str::to_string);
    let loc = |line| match &name {
        Some(name) => Location {
            path: Path::new(TEMPLATES_DIR).join(name),
            line,
        },
        None => Location::file(TEMPLATES_DIR),
    };
    let hint = Some(
        "fix the template; the syntax is described at https://keats.github.io/tera/docs/"
            .to_string(),
    );
    // Syntax errors come from pest as " --> line:column", a source excerpt and "= expected ...".
    if let Some((line, column)) = all
        .split(" --> ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|pos| pos.split_once(':'))
        .and_then(|(l, c)| Some((l.parse::<usize>().ok()?, c.parse::<usize>().ok()?)))
    {
        let expected = all
            .lines()
            .find_map(|l| l.trim().strip_prefix("= "))
            .unwrap_or("invalid syntax");
        return Error::Template {
            loc: loc(Some(line)),
            msg: format!("syntax error: {expected} (column {column})"),
            hint,
        };
    }
    let reason: Vec<&str> = messages.iter().map(|m| m.trim()).collect();
    Error::Template {
        loc: loc(None),
        msg: reason.join(": "),
        hint,
    }
}
