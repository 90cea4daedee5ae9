//! `dossier import`: raw source texts ([`raw`]) and saved web pages ([`web`]) → article drafts
//! in `content/`, with provenance.
//!
//! Each source is kept under `seeds/` byte for byte (copied there if it came from elsewhere) and
//! its draft records the seed's path and SHA-256. A draft the importer could not settle (no
//! date, no headline, no outlet) is marked `draft = true` with a `review` list: the build skips
//! it and says so, `dossier check` lists it, and no value is guessed. Re-importing a source is a
//! no-op; an existing article is only replaced with `--force`.

pub mod raw;
mod sift;
pub mod web;

pub(crate) use web::visible_text;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::check::is_web_page;
use crate::error::{Error, Location};
use crate::load::{CONTENT_DIR, SEEDS_DIR, sha256_hex};
use crate::slug::slugify;

/// What the importer made of one source, before it is written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The headline, if one was recognised.
    pub title: Option<String>,
    /// The outlet, if the text names it (`… – POLITICO`).
    pub outlet: Option<String>,
    /// The date as the text gives it (`2024-07`), never guessed.
    pub date: Option<String>,
    /// The page's canonical address, for a saved web page.
    pub url: Option<String>,
    /// The page's language, for a saved web page.
    pub language: Option<String>,
    /// Body blocks in Markdown: paragraphs, `## subheadings`, `figure` blocks.
    pub body: Vec<String>,
    /// Agencies from a footer such as `(dpa, rtr)`.
    pub agencies: Vec<String>,
    /// Author initials from that footer.
    pub authors: Vec<String>,
    /// Those the text credits with contributing.
    pub contributors: Vec<String>,
    /// Lines taken out of the body, verbatim, so an editor can restore them.
    pub removed: Vec<String>,
    /// What the importer could not establish, with the reason.
    pub review: Vec<String>,
}

/// What happened to each source.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Drafts written: (source, draft path relative to the root).
    pub written: Vec<(PathBuf, PathBuf)>,
    /// Sources already imported, with the article that cites them.
    pub unchanged: Vec<(PathBuf, PathBuf)>,
    /// Sources that could not be imported, and why; the others were.
    pub errors: Vec<Error>,
    /// Files in the folders named that are neither texts nor saved pages, left alone.
    pub skipped: Vec<PathBuf>,
}

/// Endings of the files taken from a folder: copied texts and saved web pages.
const SOURCE_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm"];

/// Imports every file of `sources` (files or folders) into the dossier at `root`. A source
/// that cannot be imported is reported in [`ImportReport::errors`]; the others still are.
pub fn import(root: &Path, sources: &[PathBuf], force: bool) -> ImportReport {
    let mut report = ImportReport::default();
    let mut recorded = recorded_hashes(root);
    for source in sources {
        if !source.exists() {
            report.errors.push(
                Error::input(Location::file(source), "there is no such file or folder")
                    .with_hint("name raw text files or saved web pages, or folders holding them"),
            );
            continue;
        }
        let mut files: Vec<PathBuf> = Vec::new();
        for entry in WalkDir::new(source).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(source).to_path_buf();
                    report.errors.push(
                        Error::input(Location::file(&path), format!("cannot be read: {e}"))
                            .with_hint("check the file's permissions, or leave it out"),
                    );
                    continue;
                }
            };
            let path = entry.into_path();
            if !path.is_file() {
                continue;
            }
            // A file named outright is read whatever its ending; from a folder, only texts and
            // pages are taken, and the rest is named (hidden files such as `.DS_Store` aside).
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let source_kind = path.extension().is_some_and(|e| {
                SOURCE_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())
            });
            if path == *source || source_kind {
                files.push(path);
            } else if !hidden {
                report.skipped.push(path);
            }
        }
        files.sort();
        for file in files {
            if let Err(error) = import_file(root, &file, force, &mut recorded, &mut report) {
                report.errors.push(error);
            }
        }
    }
    report
}

fn import_file(
    root: &Path,
    file: &Path,
    force: bool,
    recorded: &mut BTreeMap<String, PathBuf>,
    report: &mut ImportReport,
) -> Result<(), Error> {
    let bytes = fs::read(file).map_err(|e| Error::io(file, "read", e))?;
    let text = String::from_utf8(bytes.clone()).map_err(|_| {
        Error::input(Location::file(file), "the file is not UTF-8 text")
            .with_hint("save the source as UTF-8 (text, or a web page saved as HTML)")
    })?;
    let hash = sha256_hex(&bytes);

    if let Some(existing) = recorded.get(&hash) {
        report
            .unchanged
            .push((file.to_path_buf(), existing.clone()));
        return Ok(());
    }

    // A source already under seeds/ stays where it is; another is copied there.
    let seeds = fs::canonicalize(root.join(SEEDS_DIR)).ok();
    let under_seeds = fs::canonicalize(file).ok().and_then(|real| {
        let seeds = seeds.as_ref()?;
        real.strip_prefix(seeds)
            .ok()
            .map(|rel| Path::new(SEEDS_DIR).join(rel))
    });
    let inside = under_seeds.is_some();
    let seed = under_seeds.unwrap_or_else(|| {
        let name = file.file_name().unwrap_or_default();
        Path::new(SEEDS_DIR).join(name)
    });
    let draft = if is_web_page(file) {
        let depth = web::nesting_depth(&text);
        if depth > web::MAX_NESTING {
            return Err(Error::input(
                Location::file(file),
                format!(
                    "the page's elements nest {depth} levels deep, more than the {} a page of news has",
                    web::MAX_NESTING
                ),
            )
            .with_hint("open the page in a browser, copy the article's text and import that as a .txt file"));
        }
        web::parse(&text)
    } else {
        raw::parse(&text)
    };
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A headline of quotation marks or dots gives no name; `.md` would be a hidden file, which
    // a build skips as an editor's leftover.
    let slug = [draft.title.as_deref().unwrap_or_default(), &stem, "artikel"]
        .into_iter()
        .map(slugify)
        .find(|slug| !slug.is_empty())
        .unwrap_or_default();
    let article = Path::new(CONTENT_DIR).join(format!("{slug}.md"));
    let article_path = root.join(&article);
    if article_path.exists() && !force {
        return Err(Error::input(
            Location::file(&article),
            format!(
                "an article with this name exists; `{}` was not imported",
                file.display()
            ),
        )
        .with_hint("run `dossier import --force` to replace it, or rename the existing article"));
    }
    // The seed is written only once the draft has somewhere to go.
    let seed_path = root.join(&seed);
    if !inside {
        if seed_path.exists() && fs::read(&seed_path).ok().as_deref() != Some(&bytes[..]) {
            return Err(Error::input(
                Location::file(&seed),
                format!(
                    "a different seed already has this name; `{}` was not imported",
                    file.display()
                ),
            )
            .with_hint("rename the source file; a seed is evidence and is never replaced"));
        }
        fs::create_dir_all(root.join(SEEDS_DIR)).map_err(|e| Error::io(&seed_path, "create", e))?;
        fs::write(&seed_path, &bytes).map_err(|e| Error::io(&seed_path, "write", e))?;
    }

    let markdown = draft.to_markdown(&seed, &hash, file);
    fs::create_dir_all(root.join(CONTENT_DIR))
        .map_err(|e| Error::io(&article_path, "create", e))?;
    fs::write(&article_path, markdown).map_err(|e| Error::io(&article_path, "write", e))?;
    recorded.insert(hash, article.clone());
    report.written.push((file.to_path_buf(), article));
    Ok(())
}

/// The seeds' SHA-256 that articles record, each with the first article (relative path, in
/// file order) to record it: read once per import, so that a source is looked up, not the
/// whole of `content/` read again for every source.
fn recorded_hashes(root: &Path) -> BTreeMap<String, PathBuf> {
    const KEY: &str = "seed_sha256 = \"";
    let mut recorded = BTreeMap::new();
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return recorded;
    }
    for entry in WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        let rel = path.strip_prefix(root).unwrap_or(path);
        for (at, _) in text.match_indices(KEY) {
            let rest = &text[at + KEY.len()..];
            if let Some((hash, _)) = rest.split_once('"') {
                recorded
                    .entry(hash.to_string())
                    .or_insert_with(|| rel.to_path_buf());
            }
        }
    }
    recorded
}

/// A TOML string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quoted(i)).collect();
    format!("[{}]", quoted.join(", "))
}

impl Draft {
    /// The draft as an article file: front matter, then the body.
    pub fn to_markdown(&self, seed: &Path, hash: &str, source: &Path) -> String {
        let mut fm = String::from("+++\n");
        let line = |fm: &mut String, key: &str, value: String| {
            fm.push_str(&format!("{key} = {value}\n"));
        };
        line(
            &mut fm,
            "title",
            quoted(self.title.as_deref().unwrap_or("")),
        );
        line(&mut fm, "date", quoted(self.date.as_deref().unwrap_or("")));
        line(
            &mut fm,
            "source",
            quoted(self.outlet.as_deref().unwrap_or("")),
        );
        line(
            &mut fm,
            "seed",
            quoted(&seed.to_string_lossy().replace('\\', "/")),
        );
        line(&mut fm, "seed_sha256", quoted(hash));
        line(&mut fm, "imported_from", quoted(&source.to_string_lossy()));
        if let Some(url) = &self.url {
            line(&mut fm, "url", quoted(url));
        }
        if let Some(language) = &self.language {
            line(&mut fm, "language", quoted(language));
        }
        for (key, items) in [
            ("agencies", &self.agencies),
            ("authors", &self.authors),
            ("contributors", &self.contributors),
            ("removed", &self.removed),
            ("review", &self.review),
        ] {
            if !items.is_empty() {
                line(&mut fm, key, list(items));
            }
        }
        if !self.review.is_empty() {
            line(&mut fm, "draft", "true".to_string());
        }
        fm.push_str("+++\n\n");
        fm.push_str(&self.body.join("\n\n"));
        fm.push('\n');
        fm
    }
}
