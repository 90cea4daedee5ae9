//! Stage 1, load: `content/` and `seeds/` → [`Corpus`].
//!
//! Every article file is read and checked; all errors are collected so an editor sees every
//! broken file at once, not one per build.

pub mod article;
pub mod front_matter;
pub mod inputs;
pub mod registry;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};
use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::date::PartialDate;
use crate::error::{Error, Location};
pub use article::{Article, Named, SEEDS_DIR, draft_review};
pub use inputs::Inputs;
pub use registry::{Entity, EntityKind, EntityRegistry, REGISTRY_FILE};

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
#[derive(Debug, Default)]
pub struct Corpus {
    /// The articles that loaded, in path order.
    pub articles: Vec<Article>,
    /// The raw source texts, in path order.
    pub seeds: Vec<Seed>,
    /// The entities of `content/entities.toml` (empty when there is none or it is broken).
    pub registry: EntityRegistry,
    /// Things the editor should know that do not stop the build.
    pub warnings: Vec<String>,
    /// Article files that did not load (their errors are in `errors`); links to them are not
    /// reported a second time.
    pub failed: Vec<PathBuf>,
    /// Whether `content/entities.toml` exists but did not load; names in front matter are then
    /// not checked against it, so one mistake is not reported once per article.
    pub registry_failed: bool,
    /// Broken input found while loading. The build fails on them only after the enrich stage
    /// has added its own, so an editor sees every broken file in one run.
    pub errors: Vec<Error>,
}

/// Reads a UTF-8 text file, dropping a byte-order mark and turning CRLF into LF.
///
/// `shown` is the path used in messages (relative to the dossier root).
pub fn read_text(full: &Path, shown: &Path) -> Result<String, Error> {
    let bytes = fs::read(full).map_err(|e| Error::io(shown, "cannot read", e))?;
    decode_text(shown, bytes)
}

/// Decodes file bytes as text: UTF-8 required, byte-order mark dropped, CRLF and lone CR turned
/// into LF, and Unicode NFC applied, so `Brüssel` typed with a combining umlaut is the same name as
/// `Brüssel` typed precomposed. Control characters other than tab are an error at their line.
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
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    if let Some(offset) = text.find(is_forbidden_control) {
        let c = text[offset..].chars().next().unwrap_or_default();
        return Err(Error::input(
            Location::line(shown, crate::error::line_of_offset(&text, offset)),
            format!(
                "the file contains the control character U+{:04X}",
                u32::from(c)
            ),
        )
        .with_hint("delete it; it cannot be shown on a web page"));
    }
    Ok(nfc(&text))
}

/// Control characters that have no place in text meant for a web page (tab and newline do).
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Unicode NFC, the composed form web pages and most editors use.
pub fn nfc(text: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    }
}

/// Files an editor or operating system leaves behind, never content.
pub fn is_leftover(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".bak")
}

/// Loads every article under `content/` and every seed under `seeds/`, from `inputs`.
///
/// Only a missing folder stops loading; broken articles and seeds are collected in
/// [`Corpus::errors`].
pub fn load_corpus(inputs: &Inputs, config: &SiteConfig) -> Result<Corpus, Error> {
    let root = inputs.root();
    let mut corpus = Corpus::default();
    load_seeds(inputs, &mut corpus)?;
    match EntityRegistry::load(inputs) {
        Ok(registry) => corpus.registry = registry,
        Err(errors) => {
            corpus.errors.extend(errors);
            corpus.registry_failed = true;
        }
    }

    let mut drafts = Vec::new();
    let mut draft_seeds = Vec::new();
    let today = PartialDate::today();
    for rel in inputs.list(CONTENT_DIR)? {
        if rel == Path::new(REGISTRY_FILE) {
            continue;
        }
        let is_markdown = rel.extension().is_some_and(|e| e == "md");
        if !is_markdown {
            corpus.warnings.push(format!(
                "{}: ignored: only `.md` files under {CONTENT_DIR}/ are articles",
                Location::file(&rel)
            ));
            continue;
        }
        let text = inputs.read_text(&rel);
        if let Some(draft) = text.as_ref().ok().and_then(|t| draft_review(&rel, t)) {
            let open = if draft.review.is_empty() {
                "nothing listed under `review`".to_string()
            } else {
                draft.review.join("; ")
            };
            draft_seeds.extend(draft.seed.map(|s| nfc(&s)));
            corpus.warnings.push(format!(
                "{}: a draft (`draft = true`), not built; to settle: {open}",
                Location::file(&rel)
            ));
            drafts.push(rel);
            continue;
        }
        let parsed = text.and_then(|text| Article::parse(&rel, &text, &config.language));
        match parsed {
            Ok(article) => {
                if article.date > today {
                    corpus.warnings.push(format!(
                        "{}: the date {} is in the future (today is {}); check it for a typo",
                        Location::line(&rel, article.date_line),
                        article.date.iso(),
                        today.iso()
                    ));
                }
                corpus.articles.push(article);
            }
            Err(e) => {
                corpus.errors.push(e);
                corpus.failed.push(rel);
            }
        }
    }

    // Seeds are matched by their NFC name (macOS writes names decomposed), then each article
    // refers to the seed's real path, under which it is published.
    // Looked up in tables: 10,000 articles each searching 10,000 seeds is 10^8 comparisons.
    let by_name: FxHashMap<String, &Seed> = corpus
        .seeds
        .iter()
        .map(|seed| (nfc(&seed.path.to_string_lossy()), seed))
        .collect();
    let mut missing = Vec::new();
    for article in &mut corpus.articles {
        match by_name.get(&nfc(&article.seed.to_string_lossy())) {
            Some(seed) => {
                article.seed = seed.path.clone();
                if let Some(changed) = changed_seed(article, seed) {
                    missing.push(changed);
                }
            }
            None => missing.push(missing_seed(root, article)),
        }
    }
    corpus.errors.extend(missing);
    let cited: FxHashSet<&Path> = corpus.articles.iter().map(|a| a.seed.as_path()).collect();
    for seed in &corpus.seeds {
        let cited_by_draft = draft_seeds.contains(&nfc(&seed.path.to_string_lossy()));
        if !cited_by_draft && !cited.contains(seed.path.as_path()) {
            corpus.warnings.push(format!(
                "{}: no article cites this seed",
                Location::file(&seed.path)
            ));
        }
    }
    if corpus.articles.is_empty() && corpus.errors.is_empty() && !drafts.is_empty() {
        let names: Vec<String> = drafts.iter().map(|d| d.display().to_string()).collect();
        return Err(Error::input(
            Location::file(CONTENT_DIR),
            format!("every article is a draft: {}", names.join(", ")),
        )
        .with_hint("settle the points under `review` in a draft, then remove its `draft = true`"));
    }
    if corpus.articles.is_empty() && corpus.errors.is_empty() {
        return Err(Error::input(
            Location::file(CONTENT_DIR),
            "there are no articles (`.md` files)",
        )
        .with_hint(
            "add one, e.g. content/first-article.md with front matter between `+++` lines",
        ));
    }
    Ok(corpus)
}

/// The SHA-256 of a seed's bytes in lowercase hex, as `seed_sha256` records it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The error for a seed whose bytes no longer have the SHA-256 its article recorded.
fn changed_seed(article: &Article, seed: &Seed) -> Option<Error> {
    let (recorded, line) = article.seed_sha256.as_ref()?;
    let actual = sha256_hex(&seed.bytes);
    (&actual != recorded).then(|| {
        Error::input(
            Location::line(&article.path, *line),
            format!(
                "seed `{}` changed after it was recorded: its SHA-256 is now `{actual}`",
                seed.path.display()
            ),
        )
        .with_hint(
            "a seed is evidence and is never edited: restore the original (e.g. `git checkout -- \
             seeds/...`); if the source itself was replaced on purpose, record the new hash",
        )
    })
}

fn missing_seed(root: &Path, article: &Article) -> Error {
    let loc = Location::line(&article.path, article.seed_line);
    let name = article.seed.display();
    if root.join(&article.seed).is_file() {
        Error::input(
            loc,
            format!("seed `{name}` is ignored: its name marks an editor's backup or a hidden file"),
        )
        .with_hint("rename the seed so it does not start with `.` or end in `~`, `.bak` or `.swp`")
    } else {
        Error::input(loc, format!("seed `{name}` does not exist")).with_hint(format!(
            "put the raw source text under {SEEDS_DIR}/, unchanged, or correct the path"
        ))
    }
}

/// Longest seed file name, in bytes: its published page adds `.html` (and `.txt` for other
/// types), and file systems stop at 255.
const MAX_SEED_NAME: usize = 200;

fn load_seeds(inputs: &Inputs, corpus: &mut Corpus) -> Result<(), Error> {
    if !inputs.has_folder(SEEDS_DIR) {
        return Ok(());
    }
    let root = inputs.root();
    // A seed is published byte for byte, so a link from seeds/ to a file elsewhere (a home
    // folder's secrets, /proc/self/environ in CI) would publish that file.
    let real_root = inputs
        .real_root()
        .map_err(|e| Error::io(root, "cannot read", e))?;
    let mut names: BTreeMap<String, PathBuf> = BTreeMap::new();
    for rel in inputs.list(SEEDS_DIR)? {
        if let Ok(real) = inputs.real_path(&rel)
            && !real.starts_with(&real_root)
        {
            corpus.errors.push(
                Error::input(
                    Location::file(&rel),
                    format!(
                        "the seed is a link to a file outside the dossier ({})",
                        real.display()
                    ),
                )
                .with_hint("copy the file into seeds/: a seed is published as it is, so it must be part of the dossier"),
            );
            continue;
        }
        // Names are matched in NFC (macOS writes them decomposed), so two names that differ
        // only in their composition would be one seed, and an article could cite the wrong one.
        if let Some(first) = names.insert(nfc(&rel.to_string_lossy()), rel.clone()) {
            corpus.errors.push(
                Error::input(
                    Location::file(&rel),
                    format!(
                        "the seed `{}` has this name too, in other Unicode characters (a letter with an accent written as one character or as two)",
                        first.display()
                    ),
                )
                .with_hint("rename one of the two files (and the `seed` that names it)"),
            );
            continue;
        }
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let problem = if rel.to_string_lossy().contains('\\') {
            Some("its name contains `\\`, which web addresses cannot carry")
        } else if name.len() > MAX_SEED_NAME {
            Some("its name is too long to publish (over 200 bytes)")
        } else {
            None
        };
        if let Some(problem) = problem {
            corpus.errors.push(
                Error::input(
                    Location::file(&rel),
                    format!("cannot publish this seed: {problem}"),
                )
                .with_hint("rename the file (and the `seed` that names it)"),
            );
            continue;
        }
        let bytes = inputs
            .read_file(&rel)
            .map_err(|e| Error::io(&rel, "cannot read", e))?;
        corpus.seeds.push(Seed { path: rel, bytes });
    }
    Ok(())
}

/// Files under `root/dir`, relative to `root`, sorted by path, without editor leftovers.
/// Symbolic links are followed (a linked article is an article); a link loop is an error.
pub fn list_files(root: &Path, dir: &str) -> Result<Vec<PathBuf>, Error> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Err(Error::input(Location::file(dir), "folder not found")
            .with_hint(format!("create `{dir}/` in the dossier root, or run dossier in the dossier's folder (or pass --root)")));
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_leftover(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&base);
            let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            if e.loop_ancestor().is_some() {
                Error::input(Location::file(&rel), "symbolic link loop")
                    .with_hint("remove the link that points back to a folder above it")
            } else {
                let reason = e.to_string();
                Error::io(
                    &rel,
                    "cannot read",
                    e.into_io_error()
                        .unwrap_or_else(|| std::io::Error::other(reason)),
                )
            }
        })?;
        if !entry.file_type().is_file() && !entry.file_type().is_dir() {
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
            return Err(Error::input(
                Location::file(rel),
                "not a regular file (a pipe, socket or device)",
            )
            .with_hint(format!("remove it from {dir}/")));
        }
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
    fn lone_cr_is_a_line_break_and_text_is_nfc() {
        let text = decode_text(Path::new("a.md"), b"a\rb\r\nBru\xCC\x88ssel".to_vec()).unwrap();
        assert_eq!(text, "a\nb\nBr\u{fc}ssel");
    }

    #[test]
    fn control_characters_are_an_error_at_their_line() {
        let err = decode_text(Path::new("a.md"), b"ok\nbad \x07 bell\n".to_vec()).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("a.md:2: the file contains the control character U+0007"),
            "{err}"
        );
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
