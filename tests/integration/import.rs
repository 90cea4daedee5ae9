//! `dossier import` on the five bundled seeds: what each draft recovers, how its body agrees
//! with the curated article paragraph by paragraph, and that importing again changes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Fixture, repo};

/// Runs `dossier import` in the fixture; (exit code, stdout, stderr).
fn import(fixture: &Fixture, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all: Vec<&std::ffi::OsStr> = vec!["import".as_ref()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    all.push("--root".as_ref());
    all.push(fixture.root().as_os_str());
    crate::support::run_dossier(&all)
}

/// The value of a front-matter key, as written.
fn key<'a>(article: &'a str, name: &str) -> Option<&'a str> {
    let prefix = format!("{name} = ");
    article
        .lines()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
}

/// The `figure` blocks of a body, whitespace folded.
fn figures(article: &str) -> Vec<String> {
    article
        .split("```figure\n")
        .skip(1)
        .filter_map(|rest| rest.split_once("```"))
        .map(|(figure, _)| fold(figure))
        .collect()
}

/// Body paragraphs, whitespace folded, figures left out.
fn paragraphs(article: &str) -> Vec<String> {
    let body = article.splitn(3, "+++").nth(2).unwrap_or("");
    body.split("\n\n")
        .map(fold)
        .filter(|p| !p.is_empty() && !p.starts_with("```") && !p.starts_with("credit:"))
        .collect()
}

#[test]
fn the_bundled_seeds_import_as_drafts_that_agree_with_the_curated_articles() {
    let fixture = Fixture::new("mini");
    let seeds = repo().join("seeds");
    let (code, stdout, stderr) = import(&fixture, &[seeds.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");

    // Drafts by seed; the curated articles by seed.
    let by_seed = |dir: &std::path::Path| -> BTreeMap<String, String> {
        crate::support::tree(dir)
            .into_iter()
            .filter(|(path, _)| path.ends_with(".md"))
            .filter_map(|(_, bytes)| {
                let text = String::from_utf8(bytes).unwrap();
                let seed = key(&text, "seed")?.trim_matches('"').to_string();
                seed.contains("_").then_some((seed, text))
            })
            .collect()
    };
    let drafts = by_seed(&fixture.root().join("content"));
    let curated = by_seed(&repo().join("content"));
    assert_eq!(drafts.len(), 5, "{stdout}");

    let d = |n: &str| {
        drafts
            .iter()
            .find(|(s, _)| s.contains(n))
            .unwrap()
            .1
            .as_str()
    };
    // What the texts give, recovered; what they do not, left to review rather than guessed.
    assert_eq!(key(d("000_"), "date"), Some("\"2024-07\""));
    assert_eq!(key(d("003_"), "date"), Some("\"2023-06\""));
    for n in ["001_", "002_", "004_"] {
        assert_eq!(key(d(n), "date"), Some("\"\""), "{n}: no date is guessed");
        assert!(key(d(n), "review").unwrap().contains("date:"), "{n}");
        assert_eq!(key(d(n), "draft"), Some("true"));
    }
    assert_eq!(
        key(d("001_"), "title"),
        Some("\"Stoltenberg besucht überraschend Kiew\"")
    );
    assert_eq!(key(d("004_"), "source"), Some("\"POLITICO\""));
    assert_eq!(
        key(d("004_"), "contributors"),
        Some("[\"Jacopo Barigazzi\"]")
    );
    assert_eq!(key(d("000_"), "agencies"), Some("[\"dpa\", \"Reuters\"]"));
    assert!(d("001_").contains("credit: Reuters/Gleb Garanich"));
    for boilerplate in [
        "Drücken Sie Play",
        "Schreibe einen Kommentar",
        "trug zur Berichterstattung",
    ] {
        let body = d("004_").splitn(3, "+++").nth(2).unwrap();
        assert!(
            !body.contains(boilerplate),
            "{boilerplate} left in the body"
        );
        assert!(
            key(d("004_"), "removed").unwrap().contains(boilerplate),
            "{boilerplate} not listed"
        );
    }

    // Paragraph agreement with the curated articles, reported per seed.
    let mut figures_same = 0;
    for (seed, draft) in &drafts {
        let theirs = paragraphs(&curated[seed]);
        let ours = paragraphs(draft);
        let agree = theirs.iter().filter(|p| ours.contains(p)).count();
        let (their_figures, our_figures) = (figures(&curated[seed]), figures(draft));
        let same = their_figures
            .iter()
            .filter(|f| our_figures.contains(f))
            .count();
        println!(
            "{seed}: {agree} of {} curated paragraphs found in the draft ({} in the draft); \
             {same} of {} figures identical",
            theirs.len(),
            ours.len(),
            their_figures.len()
        );
        figures_same += same;
        // The drafts hold every curated paragraph word for word; what the drafts hold beyond
        // them is what the editors took out (a photo caption without credit, a teaser).
        assert_eq!(
            agree,
            theirs.len(),
            "{seed}: only {agree} of {}",
            theirs.len()
        );
        // And no line of the seed is lost: each is in the draft's body, title or `removed`.
        let source = std::fs::read_to_string(repo().join(seed)).unwrap();
        let (front_matter, blocks) = draft_parts(draft);
        let lost = unaccounted_lines(&source, &front_matter, &blocks);
        assert!(lost.is_empty(), "{seed}: lines held nowhere: {lost:#?}");
    }

    // All captions but one: seed 003 prints a caption without a credit, which the editors
    // recognised as one; the importer keeps it as a paragraph.
    assert_eq!(figures_same, 6);

    // Importing again changes nothing; an existing article is not replaced without --force.
    let before = crate::support::tree(&fixture.root().join("content"));
    let (code, stdout, _) = import(&fixture, &[seeds.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("5 already imported"), "{stdout}");
    assert_eq!(
        crate::support::tree(&fixture.root().join("content")),
        before
    );
}

#[test]
fn an_existing_article_is_replaced_only_with_force() {
    let fixture = Fixture::new("mini");
    let source = fixture.root().join("neu.txt");
    std::fs::write(&source, "Gipfel in Vilnius\n\nEin neuer Text.\n").unwrap();
    // content/gipfel-in-vilnius.md does not exist in the fixture; the mini article is gipfel.md.
    fixture.write("content/gipfel-in-vilnius.md", "vorhanden");
    let other = fixture.root().join("anderer.txt");
    std::fs::write(&other, "Ein anderer Bericht\n\nAnderer Text.\n").unwrap();
    let (code, stdout, stderr) = import(
        &fixture,
        &[source.to_str().unwrap(), other.to_str().unwrap()],
    );
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("Imported 1 source; 0 already imported; 1 not imported"),
        "{stdout}"
    );
    assert!(
        fixture
            .read("content/ein-anderer-bericht.md")
            .contains("Anderer Text.")
    );
    assert!(
        stderr.starts_with("error: content/gipfel-in-vilnius.md: an article with this name exists"),
        "{stderr}"
    );
    assert_eq!(fixture.read("content/gipfel-in-vilnius.md"), "vorhanden");
    assert!(
        !fixture.root().join("seeds/neu.txt").exists(),
        "no seed without its draft"
    );
    let (code, _, stderr) = import(&fixture, &[source.to_str().unwrap(), "--force"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        fixture
            .read("content/gipfel-in-vilnius.md")
            .contains("Ein neuer Text.")
    );
    assert_eq!(
        fixture.read("seeds/neu.txt"),
        "Gipfel in Vilnius\n\nEin neuer Text.\n"
    );
}

/// A headline without letters or digits names the draft after its source file, never `.md`
/// (a hidden file a build would skip).
#[test]
fn a_headline_that_gives_no_name_falls_back_to_the_file_name() {
    let fixture = Fixture::new("mini");
    let source = fixture.root().join("zitat.txt");
    std::fs::write(
        &source,
        "„…“\n\nDer Text des Artikels steht hier in einem langen Absatz.\n",
    )
    .unwrap();
    let (code, _, stderr) = import(&fixture, &[source.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        fixture
            .read("content/zitat.md")
            .contains("Der Text des Artikels")
    );
    assert!(!fixture.root().join("content/.md").exists());
}

#[test]
fn a_saved_web_page_imports_with_its_metadata_and_builds() {
    let fixture = Fixture::new("mini");
    let page = fixture.root().join("stoltenberg.html");
    std::fs::write(
        &page,
        r#"<!doctype html><html lang="de"><head><title>Stoltenberg | Beispielzeitung</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Stoltenberg reist nach Kiew",
"datePublished":"2023-04-20T11:02:00+02:00","author":{"name":"Anna Beispiel"},"publisher":{"name":"Beispielzeitung"}}</script>
</head><body><nav>Start Politik Sport</nav><article><h1>Stoltenberg reist nach Kiew</h1>
<p>Jens Stoltenberg ist in Kiew eingetroffen.</p><div class="ad">Anzeige: Kaufen Sie jetzt</div>
<p>Er traf <b>Selenskyj</b>.</p><script>alert(1)</script></article><footer>Impressum</footer></body></html>"#,
    )
    .unwrap();
    let (code, stdout, stderr) = import(&fixture, &[page.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let draft = fixture.read("content/stoltenberg-reist-nach-kiew.md");
    assert_eq!(key(&draft, "date"), Some("\"2023-04-20\""));
    assert_eq!(key(&draft, "source"), Some("\"Beispielzeitung\""));
    assert_eq!(key(&draft, "authors"), Some("[\"Anna Beispiel\"]"));
    assert_eq!(key(&draft, "language"), Some("\"de\""));
    assert_eq!(key(&draft, "draft"), None, "nothing left to review");
    let body = draft.splitn(3, "+++").nth(2).unwrap();
    for gone in ["Start Politik", "Anzeige", "alert", "Impressum"] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
    // The advertisement stood inside the article: listed, so that nothing goes unseen.
    assert_eq!(
        key(&draft, "removed"),
        Some("[\"Anzeige: Kaufen Sie jetzt\"]")
    );
    assert!(draft.contains("Jens Stoltenberg ist in Kiew eingetroffen.\n\nEr traf Selenskyj."));
    assert_eq!(
        std::fs::read(fixture.root().join("seeds/stoltenberg.html")).unwrap(),
        std::fs::read(&page).unwrap()
    );
    fixture.build().unwrap();
    assert!(
        fixture
            .public()
            .join("articles/stoltenberg-reist-nach-kiew.html")
            .is_file()
    );
}

/// A draft's front matter as TOML, and its body blocks.
fn draft_parts(article: &str) -> (toml::Table, Vec<String>) {
    let mut parts = article.splitn(3, "+++\n");
    let front_matter = parts.nth(1).unwrap_or("");
    let body = parts.next().unwrap_or("");
    let blocks = body
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_string)
        .collect();
    (toml::from_str(front_matter).unwrap(), blocks)
}

fn strings(table: &toml::Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown's backslash escapes taken out (`Bürger\*innen` is `Bürger*innen`).
fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// The lines of a copied text that the draft holds nowhere: not as its title and outlet, not in
/// its body (paragraphs, subheadings, quotes, photos), not under `removed`. None may be.
fn unaccounted_lines(source: &str, front_matter: &toml::Table, blocks: &[String]) -> Vec<String> {
    let title = front_matter["title"].as_str().unwrap_or("").to_string();
    let outlet = front_matter["source"].as_str().unwrap_or("").to_string();
    let mut pieces: Vec<String> = strings(front_matter, "removed");
    pieces.push(title.clone());
    for dash in [" – ", " | ", " - "] {
        pieces.push(format!("{title}{dash}{outlet}"));
    }
    for block in blocks {
        if let Some(figure) = block.strip_prefix("```figure\n") {
            let field = |name: &str| {
                figure
                    .lines()
                    .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                    .unwrap_or("")
                    .to_string()
            };
            let (caption, credit) = (field("caption"), field("credit"));
            pieces.push(format!("{caption} {credit}"));
            pieces.extend([caption, credit, field("alt")]);
        } else {
            let text = block.trim_start_matches("## ").trim_start_matches("> ");
            pieces.push(unescaped(text));
        }
    }
    let pieces: Vec<String> = pieces.iter().map(|p| fold(p)).collect();
    let held = |line: &str| {
        pieces.iter().any(|p| p == line)
            // A credit run into its caption is held as the two.
            || pieces
                .iter()
                .any(|p| !p.is_empty() && line.strip_prefix(p.as_str()).is_some_and(|rest| pieces.iter().any(|q| q == rest)))
    };
    source
        .lines()
        .map(fold)
        .map(|line| match line.strip_prefix("date ") {
            // The seeds' leading ` date 2024-07` stands before the first paragraph.
            Some(rest) => rest
                .split_once(' ')
                .map_or(String::new(), |(_, r)| r.to_string()),
            None => line,
        })
        .filter(|line| !line.is_empty() && !held(line))
        .collect()
}

/// Copied texts and saved pages of other outlets, with what an editor makes of each
/// (`key.json` beside them, written by someone who had not seen the importer; the importer's
/// rules were then completed against them, so these are regression tests): the importer
/// recovers the headline, the date where the page states one, the outlet, every paragraph,
/// subheading and photo caption, and keeps the page's furniture out of the body. The teaser
/// stays in the body: it is the outlet's text, as in `content/`.
fn imports_as_an_editor_would(corpus: &str, sources: usize) {
    let fixture = Fixture::new("mini");
    let dir = repo().join("tests/fixtures/import").join(corpus);
    let answers: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("key.json")).unwrap()).unwrap();
    let answers = answers.as_array().unwrap();
    // The folder: its texts and pages are imported, the answer key beside them is named and
    // left alone.
    let (code, stdout, stderr) = import(&fixture, &[dir.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("Imported {sources} sources;")),
        "{stdout}"
    );
    assert!(
        stdout.contains("key.json: skipped, neither a text (.txt) nor a saved web page (.html)"),
        "{stdout}"
    );
    let drafts: BTreeMap<String, String> = crate::support::tree(&fixture.root().join("content"))
        .into_values()
        .filter_map(|bytes| {
            let text = String::from_utf8(bytes).ok()?;
            let from = key(&text, "imported_from")?.trim_matches('"').to_string();
            let file = Path::new(&from).file_name()?.to_string_lossy().into_owned();
            Some((file, text))
        })
        .collect();

    for expected in answers {
        let file = expected["file"].as_str().unwrap();
        let (front_matter, blocks) = draft_parts(&drafts[file]);
        let text = |k: &str| front_matter.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let review = strings(&front_matter, "review");
        let list = |k: &str| -> Vec<String> {
            expected[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| fold(v.as_str().unwrap_or_else(|| v["caption"].as_str().unwrap())))
                .collect()
        };
        let folded: Vec<String> = blocks.iter().map(|b| fold(&unescaped(b))).collect();
        let paragraphs = list("paragraphs");
        let found = paragraphs
            .iter()
            .filter(|p| {
                folded
                    .iter()
                    .any(|b| b == *p || b.strip_prefix("> ") == Some(p.as_str()))
            })
            .count();
        let headings = list("subheadings");
        let headings_found = headings
            .iter()
            .filter(|h| folded.contains(&format!("## {h}")))
            .count();
        let captions = list("captions");
        let captions_found = captions
            .iter()
            .filter(|c| {
                folded
                    .iter()
                    .any(|b| b.starts_with("```figure") && b.contains(c.as_str()))
            })
            .count();
        let lede = expected["lede"].as_str().map(fold);
        let furniture_in_body: Vec<String> = list("furniture")
            .into_iter()
            .filter(|f| Some(f) != lede.as_ref())
            .filter(|f| {
                folded.iter().any(|b| {
                    b == f
                        || [b.strip_prefix("## "), b.strip_prefix("> ")].contains(&Some(f.as_str()))
                })
            })
            .collect();
        println!(
            "{file}: title {:?}, date {:?}, outlet {:?}; {found} of {} paragraphs, {headings_found} of {} subheadings, {captions_found} of {} captions; furniture in the body: {furniture_in_body:?}",
            text("title"),
            text("date"),
            text("source"),
            paragraphs.len(),
            headings.len(),
            captions.len()
        );
        assert_eq!(found, paragraphs.len(), "{file}: paragraphs");
        assert_eq!(headings_found, headings.len(), "{file}: subheadings");
        assert_eq!(captions_found, captions.len(), "{file}: captions");
        assert!(
            furniture_in_body.is_empty(),
            "{file}: furniture in the body"
        );

        let title = fold(expected["title"].as_str().unwrap());
        assert!(
            text("title") == title
                || list("title_alternatives")
                    .iter()
                    .any(|a| a == text("title")),
            "{file}: title {:?}",
            text("title")
        );
        // A date is the one the page states, or none at all (with the reason under `review`).
        match expected["date"].as_str() {
            Some(date) => assert_eq!(text("date"), date, "{file}: date"),
            None => {
                assert_eq!(text("date"), "", "{file}: no date is guessed");
                assert!(review.iter().any(|r| r.starts_with("date:")));
            }
        }
        // The outlet, or none with the reason; never another's name.
        let ours = text("source").to_lowercase();
        match expected["outlet"].as_str().map(str::to_lowercase) {
            Some(outlet) if !ours.is_empty() => assert!(
                outlet.contains(ours.trim_end_matches(".de")) || ours.contains(&outlet),
                "{file}: outlet {ours:?}"
            ),
            _ => assert!(
                ours.is_empty() && review.iter().any(|r| r.starts_with("source:")),
                "{file}: outlet {ours:?}"
            ),
        }
        if file.ends_with(".txt") {
            let source = std::fs::read_to_string(dir.join(file)).unwrap();
            let lost = unaccounted_lines(&source, &front_matter, &blocks);
            assert!(lost.is_empty(), "{file}: lines held nowhere: {lost:#?}");
        }
    }
}

#[test]
fn copied_texts_and_saved_pages_import_as_an_editor_would() {
    imports_as_an_editor_would("first", 12);
}

#[test]
fn a_second_corpus_imports_as_an_editor_would() {
    imports_as_an_editor_would("second", 10);
}
