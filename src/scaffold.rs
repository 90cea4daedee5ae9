//! `dossier init` and `dossier new`: a new dossier from the templates built into the binary, and
//! a new article with its front matter filled.
//!
//! The templates are compiled in, so `init` works from an installed binary with no checkout
//! around it; a test holds the list to the `templates/` folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::config::CONFIG_FILE;
use crate::error::{Error, Location};
use crate::load::{CONTENT_DIR, REGISTRY_FILE, SEEDS_DIR, sha256_hex};
use crate::render::TEMPLATES_DIR;
use crate::slug::slugify;

/// Every file of `templates/`, as built into the binary.
pub const TEMPLATE_FILES: &[(&str, &[u8])] = &[
    ("404.html", include_bytes!("../templates/404.html")),
    ("alias.html", include_bytes!("../templates/alias.html")),
    ("article.html", include_bytes!("../templates/article.html")),
    (
        "articles.html",
        include_bytes!("../templates/articles.html"),
    ),
    ("base.html", include_bytes!("../templates/base.html")),
    (
        "chronology.html",
        include_bytes!("../templates/chronology.html"),
    ),
    (
        "entities.html",
        include_bytes!("../templates/entities.html"),
    ),
    ("entity.html", include_bytes!("../templates/entity.html")),
    ("index.html", include_bytes!("../templates/index.html")),
    ("macros.html", include_bytes!("../templates/macros.html")),
    ("print.html", include_bytes!("../templates/print.html")),
    ("search.html", include_bytes!("../templates/search.html")),
    ("seed.html", include_bytes!("../templates/seed.html")),
    ("topic.html", include_bytes!("../templates/topic.html")),
    ("topics.html", include_bytes!("../templates/topics.html")),
    (
        "assets/chronology.js",
        include_bytes!("../templates/assets/chronology.js"),
    ),
    (
        "assets/favicon.svg",
        include_bytes!("../templates/assets/favicon.svg"),
    ),
    (
        "assets/search.js",
        include_bytes!("../templates/assets/search.js"),
    ),
    (
        "assets/style.css",
        include_bytes!("../templates/assets/style.css"),
    ),
];

/// The example's raw source, as a copy from a news page would be.
const EXAMPLE_SEED: &str = "Stadtrat beschließt neuen Radweg am Hafen

Der Stadtrat hat am Dienstag den Bau eines Radwegs entlang der Hafenstraße beschlossen. Die Arbeiten sollen im Frühjahr beginnen und bis zum Herbst dauern.

Die Verwaltung rechnet mit Kosten von rund 1,2 Millionen Euro. Ein Teil davon soll aus einem Förderprogramm des Landes kommen.
";

/// The site settings of a new dossier.
fn site_toml(title: &str) -> String {
    format!(
        "# Settings of this dossier. Every key is explained in dossier's README (\"site.toml\").
title = {}
description = \"\"
language = \"de\"  # or \"en\": the words of the pages and how dates are written
# base_url = \"https://you.github.io/{}/\"  # where the site is published; for feeds and canonical links
output_dir = \"public\"
minify = true
trust_html = false  # true passes raw HTML in articles through unsanitised: only for text you wrote
",
        toml::Value::String(title.to_string()),
        slugify(title)
    )
}

const REGISTRY: &str = "# The dossier's entity registry: every person, organisation, place and event the articles name.
# Each entry: id, name, kind (person, organisation, place, event, other), aliases, description,
# wikidata (optional Q-number) and roles. For example:
#
# [[entity]]
# id = \"stadtrat\"
# name = \"Stadtrat\"
# kind = \"organisation\"
# aliases = [\"Rat der Stadt\"]
# description = \"Das gewählte Parlament der Stadt\"
";

/// The example article: every paragraph stands in its seed, so `dossier check` passes.
fn example_article(hash: &str) -> String {
    format!(
        "+++
title = \"Stadtrat beschließt neuen Radweg am Hafen\"
date = \"2024-03\"
date_basis = \"Beispiel: die Quelle nennt nur den Wochentag.\"
source = \"Beispielzeitung\"
seed = \"{SEEDS_DIR}/beispiel.txt\"
seed_sha256 = \"{hash}\"
topics = [\"Verkehr\"]
summary = \"Ein Beispielartikel: ersetzen Sie ihn durch Ihren ersten.\"
+++

Der Stadtrat hat am Dienstag den Bau eines Radwegs entlang der Hafenstraße beschlossen. Die Arbeiten sollen im Frühjahr beginnen und bis zum Herbst dauern.

Die Verwaltung rechnet mit Kosten von rund 1,2 Millionen Euro. Ein Teil davon soll aus einem Förderprogramm des Landes kommen.

```note
Dies ist ein Beispiel. Legen Sie die Originaltexte in seeds/ ab (oder nutzen Sie dossier import) und schreiben Sie je Artikel eine Datei in content/.
```
"
    )
}

/// Creates a new dossier in `dir`, which must be empty or not exist yet; returns the files
/// written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| Error::io(dir, "read", e))?;
        if entries.next().is_some() {
            return Err(Error::input(
                Location::file(dir),
                "the folder is not empty: a new dossier is made only in an empty or new folder",
            )
            .with_hint("name a new folder, e.g. `dossier init mein-dossier`"));
        }
    }
    let title = dir
        .file_name()
        .map(|n| n.to_string_lossy().replace(['-', '_'], " "))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "Mein Dossier".to_string());
    let seed = EXAMPLE_SEED.as_bytes();
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (PathBuf::from(CONFIG_FILE), site_toml(&title).into_bytes()),
        (PathBuf::from(REGISTRY_FILE), REGISTRY.as_bytes().to_vec()),
        (
            Path::new(CONTENT_DIR).join("beispiel.md"),
            example_article(&sha256_hex(seed)).into_bytes(),
        ),
        (Path::new(SEEDS_DIR).join("beispiel.txt"), seed.to_vec()),
        (
            PathBuf::from(".gitignore"),
            b"# Build output: never committed.\n/public\n/.public.*\n/.dossier.lock\n/.dossier-cache\n".to_vec(),
        ),
    ];
    files.extend(
        TEMPLATE_FILES
            .iter()
            .map(|(name, bytes)| (Path::new(TEMPLATES_DIR).join(name), bytes.to_vec())),
    );
    for (path, bytes) in &files {
        let full = dir.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, "create", e))?;
        }
        fs::write(&full, bytes).map_err(|e| Error::io(&full, "write", e))?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let days = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Days since 1970-01-01 → (year, month, day), in the proleptic Gregorian calendar (the
/// algorithm of Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Adds an article to the dossier at `root`: `content/<slug>.md` with its title and `date`,
/// marked as a draft until its outlet and seed are filled in. Returns the file, relative to
/// `root`.
pub fn new_article(root: &Path, title: &str, date: &str) -> Result<PathBuf, Error> {
    crate::config::SiteConfig::require(root)?;
    if let Err(why) = crate::date::PartialDate::parse(date) {
        return Err(Error::input(Location::file("--date"), why)
            .with_hint("write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. --date 2024-05-02"));
    }
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Error::input(
            Location::file(CONTENT_DIR),
            format!("`{title}` gives no name for a page: it has no letters or digits"),
        )
        .with_hint(
            "give the article a title with words, e.g. dossier new \"Stadtrat beschließt Radweg\"",
        ));
    }
    let rel = Path::new(CONTENT_DIR).join(format!("{slug}.md"));
    let path = root.join(&rel);
    if path.exists() {
        return Err(Error::input(
            Location::file(&rel),
            "an article with this name exists; it is left as it is",
        )
        .with_hint("choose another title, or edit the existing article"));
    }
    let text = format!(
        "+++
title = {}
date = \"{date}\"
source = \"\"
seed = \"\"
review = [\"source: name the outlet\", \"seed: put the raw source text into {SEEDS_DIR}/ and name it here\"]
draft = true
+++

",
        toml::Value::String(title.to_string())
    );
    fs::create_dir_all(root.join(CONTENT_DIR))
        .map_err(|e| Error::io(&root.join(CONTENT_DIR), "create", e))?;
    fs::write(&path, text).map_err(|e| Error::io(&path, "write", e))?;
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_templates_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(TEMPLATES_DIR);
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = TEMPLATE_FILES.iter().map(|(n, _)| n.to_string()).collect();
        built_in.sort();
        assert_eq!(built_in, on_disk);
    }

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
