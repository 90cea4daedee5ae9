//! One Markdown file under `content/` → [`Article`]: checked front matter plus the raw body.

use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::date::PartialDate;
use crate::error::{Error, Location, line_of_offset};
use crate::load::front_matter;
use crate::slug::slugify;

/// The folder, relative to the dossier root, that holds the raw source texts.
pub const SEEDS_DIR: &str = "seeds";

/// A name given in front matter (an entity or a topic), with the line it was written on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The name as written.
    pub name: String,
    /// The line of the article file where it stands.
    pub line: usize,
}

/// An article as its file describes it: metadata checked, body still Markdown.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file, relative to the dossier root (`content/....md`).
    pub path: PathBuf,
    /// The page name: ASCII, from `slug` or the file name.
    pub slug: String,
    /// The headline.
    pub title: String,
    /// Why the headline is what it is, when the source printed none.
    pub title_basis: Option<String>,
    /// Publication date at the precision the evidence allows.
    pub date: PartialDate,
    /// Line of the `date` key.
    pub date_line: usize,
    /// How the date was established, when the source does not state it.
    pub date_basis: Option<String>,
    /// The outlet, as far as the text shows it.
    pub source: String,
    /// What the text shows about its outlet, when it does not name it.
    pub source_basis: Option<String>,
    /// The raw source text, relative to the dossier root (`seeds/....txt`).
    pub seed: PathBuf,
    /// Line of the `seed` key, for errors about the seed.
    pub seed_line: usize,
    /// The seed's SHA-256 as recorded when it was imported (lowercase hex), and the line of
    /// the `seed_sha256` key: a seed whose bytes no longer match is evidence changed.
    pub seed_sha256: Option<(String, usize)>,
    /// Language of the text (BCP 47, e.g. `de`).
    pub language: String,
    /// The editor's one-paragraph summary.
    pub summary: Option<String>,
    /// Topics the article belongs to.
    pub topics: Vec<Named>,
    /// Entities the article is about although its text does not name them (by id, name or
    /// alias in the registry); the text's own mentions are found without being listed.
    pub entities: Vec<Named>,
    /// Entities whose names the text uses for something else, so they are not mentions here.
    pub exclude_entities: Vec<Named>,
    /// News agencies the text credits.
    pub agencies: Vec<String>,
    /// Authors the text names (also initials, as printed).
    pub authors: Vec<String>,
    /// Others the text credits with contributing.
    pub contributors: Vec<String>,
    /// The Markdown body.
    pub body: String,
    /// Line of the file on which the body starts.
    pub body_line: usize,
}

/// The front-matter keys, as TOML gives them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Spanned<String>,
    title_basis: Option<String>,
    date: Spanned<toml::Value>,
    date_basis: Option<String>,
    source: Spanned<String>,
    source_basis: Option<String>,
    seed: Spanned<String>,
    seed_sha256: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    summary: Option<String>,
    #[serde(default)]
    topics: Vec<Spanned<String>>,
    #[serde(default)]
    entities: Vec<Spanned<String>>,
    #[serde(default)]
    exclude_entities: Vec<Spanned<String>>,
    #[serde(default)]
    agencies: Vec<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    contributors: Vec<String>,
    slug: Option<Spanned<String>>,
    /// Where `dossier import` found the source; provenance only.
    #[allow(dead_code)]
    imported_from: Option<String>,
    /// A saved web page's canonical address, as the importer found it.
    #[allow(dead_code)]
    url: Option<String>,
    /// Lines the importer took out of the body; kept for the editor.
    #[serde(default)]
    #[allow(dead_code)]
    removed: Vec<String>,
    /// What the importer could not establish; see [`draft_review`].
    #[serde(default)]
    #[allow(dead_code)]
    review: Vec<String>,
    /// A draft is not built (see [`draft_review`]).
    #[allow(dead_code)]
    draft: Option<bool>,
}

/// A file marked `draft = true`: not built, and listed so that an editor settles it.
pub struct DraftMark {
    /// The points its `review` list leaves open.
    pub review: Vec<String>,
    /// Its `seed`, as written.
    pub seed: Option<String>,
}

/// The file as a [`DraftMark`], if it is one. `None` for an article, or for a front matter too
/// broken to tell (its errors come from [`Article::parse`]).
pub fn draft_review(path: &Path, text: &str) -> Option<DraftMark> {
    let parts = front_matter::split(path, text).ok()?;
    // Every article passes here before it is parsed: only a front matter that names `draft`
    // is parsed twice.
    if !parts.front_matter.contains("draft") {
        return None;
    }
    let table: toml::Table = toml::from_str(parts.front_matter).ok()?;
    if table.get("draft").and_then(toml::Value::as_bool) != Some(true) {
        return None;
    }
    let review = table
        .get("review")
        .and_then(toml::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let seed = table
        .get("seed")
        .and_then(toml::Value::as_str)
        .map(str::to_string);
    Some(DraftMark { review, seed })
}

impl Article {
    /// Parses an article file's text. `path` is relative to the dossier root and used for the
    /// slug and in errors; `default_language` applies when the front matter names none.
    pub fn parse(path: &Path, text: &str, default_language: &str) -> Result<Article, Error> {
        let parts = front_matter::split(path, text)?;
        let fm_text = parts.front_matter;
        let fm: FrontMatter = toml::from_str(fm_text)
            .map_err(|e| Error::from_toml(path, fm_text, parts.front_matter_line, &e))?;
        let line_at = |offset: usize| parts.front_matter_line + line_of_offset(fm_text, offset) - 1;
        let at = |offset: usize| Location::line(path, line_at(offset));

        let required =
            |value: &Spanned<String>, key: &str, example: &str| -> Result<String, Error> {
                let text = value.get_ref().trim();
                if text.is_empty() {
                    Err(
                        Error::input(at(value.span().start), format!("`{key}` is empty"))
                            .with_hint(format!("write it, e.g. {key} = {example}")),
                    )
                } else {
                    Ok(text.to_string())
                }
            };
        let title = required(
            &fm.title,
            "title",
            "\"Stoltenberg besucht überraschend Kiew\"",
        )?;
        let source = required(&fm.source, "source", "\"POLITICO\"")?;

        let date = parse_date(fm.date.get_ref()).map_err(|msg| {
            let error = Error::input(at(fm.date.span().start), msg);
            if fm.date.get_ref().is_str() {
                error
            } else {
                error.with_hint(
                    "write the date in quotes: date = \"2023\", \"2024-07\" or \"2023-04-20\"",
                )
            }
        })?;

        let seed = check_seed_path(fm.seed.get_ref()).map_err(|msg| {
            Error::input(at(fm.seed.span().start), msg).with_hint(
                "name the raw text's file under seeds/, e.g. seed = \"seeds/source.txt\"",
            )
        })?;

        let seed_sha256 = match &fm.seed_sha256 {
            Some(hash) if is_sha256(hash.get_ref()) => {
                Some((hash.get_ref().clone(), line_at(hash.span().start)))
            }
            Some(hash) => {
                return Err(Error::input(
                    at(hash.span().start),
                    format!(
                        "`seed_sha256` must be 64 lowercase hexadecimal digits, not `{}`",
                        hash.get_ref()
                    ),
                )
                .with_hint(
                    "write the SHA-256 of the seed file (`sha256sum seeds/...`), or remove the key",
                ));
            }
            None => None,
        };

        let language = match &fm.language {
            Some(lang) if is_language_tag(lang.get_ref()) => lang.get_ref().clone(),
            Some(lang) => {
                return Err(Error::input(
                    at(lang.span().start),
                    format!("`{}` is not a language tag", lang.get_ref()),
                )
                .with_hint("use a BCP 47 tag such as \"de\", \"en\" or \"de-AT\""));
            }
            None => default_language.to_string(),
        };

        let slug_source = match &fm.slug {
            Some(s) => s.get_ref().clone(),
            None => path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        // A page name is no path: `../index` would be quietly made `index` otherwise.
        if let Some(given) = &fm.slug
            && (given.get_ref().contains(['/', '\\']) || given.get_ref().contains(".."))
        {
            return Err(Error::input(
                Location::line(path, line_at(given.span().start)),
                format!("`slug` is a page name, not a path: `{}`", given.get_ref()),
            )
            .with_hint("write letters, digits and dashes, e.g. slug = \"stoltenberg-in-kiew\""));
        }
        let slug = slugify(&slug_source);
        if slug.is_empty() {
            let line = fm
                .slug
                .as_ref()
                .map_or(parts.front_matter_line - 1, |s| line_at(s.span().start));
            return Err(Error::input(
                Location::line(path, line),
                format!("`{slug_source}` gives an empty page name"),
            )
            .with_hint(
                "set `slug` to a name with letters or digits, e.g. slug = \"stoltenberg-in-kiew\"",
            ));
        }

        let names = |list: &[Spanned<String>], key: &str| -> Result<Vec<Named>, Error> {
            let mut out: Vec<Named> = Vec::with_capacity(list.len());
            for item in list {
                let name = item.get_ref().trim().to_string();
                let line = line_at(item.span().start);
                if slugify(&name).is_empty() {
                    return Err(Error::input(
                        Location::line(path, line),
                        format!("`{name}` in `{key}` has no letters or digits"),
                    )
                    .with_hint("remove it or write the name out"));
                }
                if let Some(first) = out.iter().find(|n| n.name == name) {
                    return Err(Error::input(
                        Location::line(path, line),
                        format!(
                            "`{name}` is listed twice in `{key}` (first on line {})",
                            first.line
                        ),
                    )
                    .with_hint("remove the second one"));
                }
                out.push(Named { name, line });
            }
            Ok(out)
        };

        // TOML escapes (\u0000) can put control characters into values that the file itself
        // does not show; they have no place on a web page.
        let mut values: Vec<(&str, usize)> = vec![
            (fm.title.get_ref(), line_at(fm.title.span().start)),
            (fm.source.get_ref(), line_at(fm.source.span().start)),
            (fm.seed.get_ref(), line_at(fm.seed.span().start)),
        ];
        values.extend(
            fm.topics
                .iter()
                .chain(&fm.entities)
                .chain(&fm.exclude_entities)
                .map(|v| (v.get_ref().as_str(), line_at(v.span().start))),
        );
        let unspanned = [
            &fm.title_basis,
            &fm.date_basis,
            &fm.source_basis,
            &fm.summary,
        ];
        values.extend(
            unspanned
                .into_iter()
                .flatten()
                .map(|v| (v.as_str(), parts.front_matter_line)),
        );
        values.extend(
            fm.agencies
                .iter()
                .chain(&fm.authors)
                .chain(&fm.contributors)
                .map(|v| (v.as_str(), parts.front_matter_line)),
        );
        if let Some((value, line)) = values
            .iter()
            .find(|(v, _)| v.contains(crate::load::is_forbidden_control))
        {
            return Err(Error::input(
                Location::line(path, *line),
                format!("`{}` contains a control character", value.escape_default()),
            )
            .with_hint("remove the escape sequence (such as \\u0000) from the value"));
        }

        let clean = |list: Vec<String>| -> Vec<String> {
            list.into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let optional = |value: Option<String>| {
            value
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };

        // An article is its text; front matter alone is an import or paste gone wrong, and a
        // page without the words its seed holds would cite nothing.
        if parts.body.trim().is_empty() {
            return Err(Error::input(
                Location::line(path, parts.body_line - 1),
                "the article has no text after its front matter",
            )
            .with_hint("paste the article's text from its seed below this `+++` line"));
        }

        Ok(Article {
            path: path.to_path_buf(),
            slug,
            title,
            title_basis: optional(fm.title_basis),
            date,
            date_line: line_at(fm.date.span().start),
            date_basis: optional(fm.date_basis),
            source,
            source_basis: optional(fm.source_basis),
            seed,
            seed_line: line_at(fm.seed.span().start),
            seed_sha256,
            language,
            summary: optional(fm.summary),
            topics: names(&fm.topics, "topics")?,
            entities: names(&fm.entities, "entities")?,
            exclude_entities: names(&fm.exclude_entities, "exclude_entities")?,
            agencies: clean(fm.agencies),
            authors: clean(fm.authors),
            contributors: clean(fm.contributors),
            body: parts.body.to_string(),
            body_line: parts.body_line,
        })
    }
}

fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A front-matter date: a quoted `YYYY[-MM[-DD]]`, a bare year, or a bare TOML date.
fn parse_date(value: &toml::Value) -> Result<PartialDate, String> {
    match value {
        toml::Value::String(text) => PartialDate::parse(text),
        toml::Value::Integer(year) => PartialDate::parse(&year.to_string()),
        toml::Value::Datetime(dt)
            if dt.time.is_none() && dt.offset.is_none() && dt.date.is_some() =>
        {
            PartialDate::parse(&dt.to_string())
        }
        other => Err(format!(
            "`date` must be a date like \"2023\", \"2024-07\" or \"2023-04-20\", not {} `{other}`",
            other.type_str()
        )),
    }
}

/// Checks that a seed path stays inside `seeds/`: relative, no `..`, no absolute or drive paths.
fn check_seed_path(text: &str) -> Result<PathBuf, String> {
    let path = Path::new(text.trim());
    let mut components = path.components();
    let inside = components.next() == Some(Component::Normal(SEEDS_DIR.as_ref()))
        && components.clone().next().is_some()
        && components.all(|c| matches!(c, Component::Normal(_)));
    if inside && !text.contains('\\') {
        Ok(path.to_path_buf())
    } else {
        Err(format!(
            "`seed` must be a file inside `{SEEDS_DIR}/`, without `..`, not `{text}`"
        ))
    }
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\ntitle = \"Titel\"\ndate = \"2024-07\"\nsource = \"DW\"\nseed = \"seeds/a.txt\"\ntopics = [\"NATO-Gipfel\"]\nentities = [\"Jens Stoltenberg\", \"NATO\"]\n+++\nText.\n";

    fn parse(text: &str) -> Result<Article, String> {
        Article::parse(Path::new("content/Über Brüssel.md"), text, "de").map_err(|e| e.to_string())
    }

    #[test]
    fn parses_a_good_article() {
        let a = parse(GOOD).unwrap();
        assert_eq!(a.slug, "ueber-bruessel");
        assert_eq!(a.date.iso(), "2024-07");
        assert_eq!(a.language, "de");
        assert_eq!(
            a.entities[1],
            Named {
                name: "NATO".into(),
                line: 7
            }
        );
        assert_eq!(a.seed, PathBuf::from("seeds/a.txt"));
        assert_eq!(a.body, "Text.\n");
        assert_eq!(a.body_line, 9);
    }

    #[test]
    fn accepts_bare_toml_dates_and_years() {
        assert_eq!(
            parse(&GOOD.replace("\"2024-07\"", "2023-04-20"))
                .unwrap()
                .date
                .iso(),
            "2023-04-20"
        );
        assert_eq!(
            parse(&GOOD.replace("\"2024-07\"", "2023"))
                .unwrap()
                .date
                .iso(),
            "2023"
        );
    }

    #[test]
    fn errors_point_at_the_line() {
        let err = parse(&GOOD.replace("\"2024-07\"", "\"2024-13-01\"")).unwrap_err();
        assert!(
            err.starts_with("content/Über Brüssel.md:3: `2024-13-01`: there is no month 13"),
            "{err}"
        );
        let err = parse(&GOOD.replace("title = \"Titel\"\n", "")).unwrap_err();
        assert!(err.starts_with("content/Über Brüssel.md:"), "{err}");
        assert!(err.contains("missing field `title`"), "{err}");
        let err = parse(&GOOD.replace("source =", "sourc =")).unwrap_err();
        assert!(
            err.starts_with(
                "content/Über Brüssel.md:4: unknown key `sourc` (did you mean `source`?)"
            ),
            "{err}"
        );
        let err = parse(&GOOD.replace("title = \"Titel\"", "title = 3")).unwrap_err();
        assert!(err.starts_with("content/Über Brüssel.md:2: "), "{err}");
        let err = parse(&GOOD.replace("\"NATO\"]", "\"NATO\", \"NATO\"]")).unwrap_err();
        assert!(
            err.starts_with("content/Über Brüssel.md:7: `NATO` is listed twice"),
            "{err}"
        );
    }

    #[test]
    fn common_mistakes_get_hints() {
        let err = parse(&GOOD.replace("\"2024-07\"", "2024-07")).unwrap_err();
        assert!(err.starts_with("content/Über Brüssel.md:3: "), "{err}");
        assert!(
            err.contains("hint: a date known only to the month or the year must be quoted"),
            "{err}"
        );
        let err = parse(&GOOD.replace("[\"NATO-Gipfel\"]", "\"NATO-Gipfel\"")).unwrap_err();
        assert!(
            err.contains("hint: write a list in square brackets"),
            "{err}"
        );
        let err = parse(&GOOD.replace("title = \"Titel\"\n", "")).unwrap_err();
        assert!(err.contains("hint: add `title = ...`"), "{err}");
        let err = parse(&GOOD.replace("\"2024-07\"", "\"2024-02-30\"")).unwrap_err();
        assert!(
            !err.contains("hint"),
            "a quoted date needs no quoting hint: {err}"
        );
    }

    #[test]
    fn control_characters_in_values_are_errors() {
        let err =
            parse(&GOOD.replace("\"Jens Stoltenberg\"", "\"Jens\\u0000Stoltenberg\"")).unwrap_err();
        assert!(
            err.starts_with(
                "content/Über Brüssel.md:7: `Jens\\u{0}Stoltenberg` contains a control character"
            ),
            "{err}"
        );
        let err = parse(&GOOD.replace("seeds/a.txt", "seeds/a\\nb\\u001b.txt")).unwrap_err();
        assert!(
            err.starts_with(
                "content/Über Brüssel.md:5: `seeds/a\\nb\\u{1b}.txt` contains a control character"
            ),
            "{err}"
        );
    }

    #[test]
    fn a_recorded_seed_hash_is_64_hex_digits() {
        let hash = "663a1658bce550bf307d967d6712bf8eda2a1c5de948eeb11e82ef24a6b88105";
        let with = |value: &str| {
            GOOD.replace(
                "seed = \"seeds/a.txt\"\n",
                &format!("seed = \"seeds/a.txt\"\nseed_sha256 = \"{value}\"\n"),
            )
        };
        let a = parse(&with(hash)).unwrap();
        assert_eq!(a.seed_sha256, Some((hash.to_string(), 6)));
        for bad in ["663A", "xyz", &hash.to_uppercase(), &hash[1..]] {
            let err = parse(&with(bad)).unwrap_err();
            assert!(
                err.starts_with("content/Über Brüssel.md:6: `seed_sha256` must be 64 lowercase"),
                "{err}"
            );
        }
    }

    #[test]
    fn seed_paths_must_stay_inside_seeds() {
        for bad in [
            "../etc/passwd",
            "/etc/passwd",
            "seeds/../x.txt",
            "other/a.txt",
            "seeds",
            "seeds\\\\a.txt",
        ] {
            let err = parse(&GOOD.replace("seeds/a.txt", bad)).unwrap_err();
            assert!(
                err.starts_with("content/Über Brüssel.md:5: `seed` must be a file inside `seeds/`"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn language_tags_are_checked() {
        assert!(is_language_tag("de") && is_language_tag("de-AT") && is_language_tag("gsw"));
        assert!(!is_language_tag("german") && !is_language_tag("d") && !is_language_tag("de_AT"));
    }
}
