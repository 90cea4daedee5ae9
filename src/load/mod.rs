//! Stage 1, load: `content/` and `seeds/` → [`Corpus`].
//!
//! Every article file is read and checked; all errors are collected so an editor sees every
//! broken file at once, not one per build.

pub mod article;
pub mod front_matter;

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::error::{Error, Location};
pub use article::{Article, Named, SEEDS_DIR};

/// The folder, relative to the dossier root, that holds the articles.
pub const CONTENT_DIR: &str = "content";

/// A raw source text, kept byte for byte: the evidence an article cites.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Path relative to the dossier root, e.g. `seeds/000_5e96e0efb5c2b0bc.txt`.
    pub path: PathBuf,
    /// The file's bytes, unchanged.
    pub bytes: Vec<u8>,
}

impl Seed {
    /// The file name, e.g. `000_5e96e0efb5c2b0bc.txt`.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// Everything read from disk: articles sorted by path, seeds sorted by path, and warnings.
#[derive(Debug)]
pub struct Corpus {
    /// The articles, in path order.
    pub articles: Vec<Article>,
    /// The raw source texts, in path order.
    pub seeds: Vec<Seed>,
    /// Things the editor should know that do not stop the build.
    pub warnings: Vec<String>,
}

/// Reads a UTF-8 text file, dropping a byte-order mark and turning CRLF into LF.
///
/// `shown` is the path used in messages (relative to the dossier root).
pub fn read_text(full: &Path, shown: &Path) -> Result<String, Error> {
    let bytes = fs::read(full).map_err(|e| Error::io(shown, "cannot read", e))?;
    decode_text(shown, bytes)
}

/// Decodes file bytes as UTF-8 text (BOM dropped, CRLF → LF); invalid UTF-8 is an error at its line.
pub fn decode_text(shown: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::input(
            Location::line(shown, line),
            "the file is not valid UTF-8 text",
        )
        .with_hint("save it as UTF-8 (most editors offer this under \"Save with encoding\")")
    })?;
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    })
}

/// Files an editor or operating system leaves behind, never content.
fn is_leftover(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".bak")
}

/// Loads every article under `content/` and every seed under `seeds/`.
pub fn load_corpus(root: &Path, config: &SiteConfig) -> Result<Corpus, Error> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();

    let seeds = load_seeds(root)?;

    let mut articles = Vec::new();
    for rel in list_files(root, CONTENT_DIR)? {
        let is_markdown = rel.extension().is_some_and(|e| e == "md");
        if !is_markdown {
            warnings.push(format!(
                "{}: ignored: only `.md` files under {CONTENT_DIR}/ are articles",
                Location::file(&rel)
            ));
            continue;
        }
        let parsed = read_text(&root.join(&rel), &rel)
            .and_then(|text| Article::parse(&rel, &text, &config.language));
        match parsed {
            Ok(article) => articles.push(article),
            Err(e) => errors.push(e),
        }
    }

    for article in &articles {
        if !seeds.iter().any(|s| s.path == article.seed) {
            errors.push(
                Error::input(
                    Location::line(&article.path, article.seed_line),
                    format!("seed `{}` does not exist", article.seed.display()),
                )
                .with_hint("put the raw source text there, unchanged, or correct the path"),
            );
        }
    }
    for seed in &seeds {
        if !articles.iter().any(|a| a.seed == seed.path) {
            warnings.push(format!(
                "{}: no article cites this seed",
                Location::file(&seed.path)
            ));
        }
    }

    Error::collect(errors)?;
    if articles.is_empty() {
        return Err(Error::input(
            Location::file(CONTENT_DIR),
            "there are no articles (`.md` files)",
        )
        .with_hint(
            "add one, e.g. content/first-article.md with front matter between `+++` lines",
        ));
    }
    Ok(Corpus {
        articles,
        seeds,
        warnings,
    })
}

fn load_seeds(root: &Path) -> Result<Vec<Seed>, Error> {
    if !root.join(SEEDS_DIR).is_dir() {
        return Ok(Vec::new());
    }
    list_files(root, SEEDS_DIR)?
        .into_iter()
        .map(|rel| {
            let bytes = fs::read(root.join(&rel)).map_err(|e| Error::io(&rel, "cannot read", e))?;
            Ok(Seed { path: rel, bytes })
        })
        .collect()
}

/// Files under `root/dir`, relative to `root`, sorted by path, without editor leftovers.
fn list_files(root: &Path, dir: &str) -> Result<Vec<PathBuf>, Error> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Err(Error::input(Location::file(dir), "folder not found")
            .with_hint(format!("create `{dir}/` in the dossier root")));
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_leftover(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .unwrap_or(&base)
                .strip_prefix(root)
                .unwrap_or(&base)
                .to_path_buf();
            let reason = e.to_string();
            Error::io(
                &path,
                "cannot list",
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other(reason)),
            )
        })?;
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            files.push(rel);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = decode_text(
            Path::new("a.md"),
            b"\xEF\xBB\xBF+++\r\na = 1\r\n+++\r\n".to_vec(),
        )
        .unwrap();
        assert_eq!(text, "+++\na = 1\n+++\n");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = decode_text(Path::new("a.md"), b"ok\nok\nbad \xFF\n".to_vec()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("a.md:3: the file is not valid UTF-8 text")
        );
    }

    #[test]
    fn editor_leftovers_are_recognised() {
        for name in [".#x.md", "x.md~", ".DS_Store", "x.md.swp", ".hidden"] {
            assert!(is_leftover(name), "{name}");
        }
        assert!(!is_leftover("x.md"));
    }
}
