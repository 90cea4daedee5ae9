//! Test helpers: fixture dossiers in temp folders, file trees, and a link checker.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use dossier::{BuildOptions, BuildReport, Error};
use scraper::{Html, Selector};
use tempfile::TempDir;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A dossier in a temp folder.
pub struct Fixture {
    dir: TempDir,
}

impl Fixture {
    /// `tests/fixtures/<name>` with the repository's templates.
    pub fn new(name: &str) -> Self {
        let fixture = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_dir(&repo().join("tests/fixtures").join(name), fixture.root());
        copy_dir(&repo().join("templates"), &fixture.root().join("templates"));
        fixture
    }

    /// The bundled dossier (site.toml, content, seeds, templates of the repository).
    pub fn bundled() -> Self {
        let fixture = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::copy(repo().join("site.toml"), fixture.root().join("site.toml")).unwrap();
        for dir in ["content", "seeds", "templates"] {
            copy_dir(&repo().join(dir), &fixture.root().join(dir));
        }
        fixture
    }

    /// The dossier root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The default output folder.
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Builds into `public/`.
    pub fn build(&self) -> Result<BuildReport, Error> {
        dossier::build(&BuildOptions {
            root: self.root().to_path_buf(),
            out: None,
            base_url: None,
            progress: None,
            rebuild: Default::default(),
        })
    }

    /// Writes a file under the root.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Writes the article `content/{name}.md` (its title, its date, the outlet "Testmedium", the
    /// front-matter lines `more`, then `body`) citing a seed of its own, `seeds/{name}.txt`,
    /// which holds `seed`; returns the article's path under the root.
    pub fn write_article(
        &self,
        name: &str,
        title: &str,
        date: &str,
        more: &str,
        body: &str,
        seed: &str,
    ) -> String {
        self.write(&format!("seeds/{name}.txt"), seed);
        let path = format!("content/{name}.md");
        self.write(
            &path,
            &format!(
                "+++\ntitle = \"{title}\"\ndate = \"{date}\"\nsource = \"Testmedium\"\nseed = \"seeds/{name}.txt\"\n{more}+++\n\n{body}"
            ),
        );
        path
    }

    /// Reads a file under the root.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces `from` by `to` in a file under the root; the text must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }
}

/// Every file under `dir` with its bytes, by relative path.
/// Runs the `dossier` binary: (exit code, stdout, stderr).
pub fn run_dossier(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Runs `dossier build --quiet` on the dossier at `root` with `env` set, expecting success;
/// returns what it printed on stderr (warnings).
pub fn build_ok(root: &Path, env: &[(&str, &str)]) -> String {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    stderr
}

pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Resolves `target` (already percent-decoded, relative) against the folder of `page`.
fn resolve(page: &str, target: &str) -> Option<String> {
    let mut parts: Vec<String> = Path::new(page)
        .parent()
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    for component in Path::new(target).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// All ids in an HTML document.
fn ids(html: &Html) -> BTreeSet<String> {
    let selector = Selector::parse("[id]").unwrap();
    html.select(&selector)
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect()
}

/// Checks every internal link of every page under `public`: relative, never ending in `/`,
/// pointing at an existing file and, with a fragment, at an existing id. Returns the problems.
pub fn broken_links(public: &Path) -> Vec<String> {
    let files = tree(public);
    let mut pages: BTreeMap<String, (Html, BTreeSet<String>)> = BTreeMap::new();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            let html = Html::parse_document(&String::from_utf8_lossy(bytes));
            let page_ids = ids(&html);
            pages.insert(path.clone(), (html, page_ids));
        }
    }
    let selector =
        Selector::parse("a[href], link[href], script[src], img[src], form[action], iframe[src]")
            .unwrap();
    let mut problems = Vec::new();
    for (page, (html, page_ids)) in &pages {
        for element in html.select(&selector) {
            let value = element.value();
            let Some(link) = value
                .attr("href")
                .or(value.attr("src"))
                .or(value.attr("action"))
            else {
                continue;
            };
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            if link.starts_with('/') || link.contains("://") {
                problems.push(format!("{page}: `{link}` is not relative"));
                continue;
            }
            let (path_and_query, fragment) = link.split_once('#').unwrap_or((link, ""));
            let path = path_and_query.split('?').next().unwrap();
            if path.ends_with('/') {
                problems.push(format!("{page}: `{link}` ends in `/`"));
                continue;
            }
            let target = if path.is_empty() {
                page.clone()
            } else {
                let decoded = percent_decode(path);
                match resolve(page, &decoded) {
                    Some(t) => t,
                    None => {
                        problems.push(format!("{page}: `{link}` leaves the site"));
                        continue;
                    }
                }
            };
            if !files.contains_key(&target) {
                problems.push(format!("{page}: `{link}` → {target} does not exist"));
                continue;
            }
            if !fragment.is_empty() {
                let target_ids = if target == *page {
                    page_ids
                } else {
                    &pages[&target].1
                };
                if !target_ids.contains(fragment) {
                    problems.push(format!("{page}: `{link}` → no id `{fragment}` in {target}"));
                }
            }
        }
    }
    problems
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .expect("percent-encoded UTF-8")
        .into_owned()
}

/// The text of the first element matching `css` in a page.
pub fn text_of(html: &str, css: &str) -> String {
    let doc = Html::parse_document(html);
    let selector = Selector::parse(css).unwrap();
    doc.select(&selector)
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_else(|| panic!("no element `{css}`"))
}
