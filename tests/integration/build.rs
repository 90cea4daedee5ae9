//! Building the `mini` fixture: pages, links, anchors, escaping, determinism, snapshots.

use std::fs;
use std::path::Path;

use crate::support::{Fixture, broken_links, build_ok, text_of, tree};

fn built() -> Fixture {
    let fixture = Fixture::new("mini");
    fixture.build().unwrap();
    fixture
}

#[test]
fn can_build_every_page_kind() {
    let fixture = Fixture::new("mini");
    let report = fixture.build().unwrap();
    assert_eq!(
        (
            report.articles,
            report.entities,
            report.topics,
            report.seeds
        ),
        (5, 9, 2, 5)
    );
    let files = tree(&fixture.public());
    for path in [
        "index.html",
        "articles.html",
        "articles/kiew-besuch.html",
        "articles/bruessel-treffen.html",
        "entities.html",
        "entities/jens-stoltenberg.html",
        "entities/bruessel.html",
        "topics.html",
        "topics/nato-gipfel.html",
        "chronology.html",
        "search.html",
        "404.html",
        ".nojekyll",
        "assets/style.css",
        "assets/search.js",
        "search/meta.js",
        "search/t/0.js",
        "search/f/0.js",
        "assets/highlight.css",
        "seeds/kiew.txt",
        "seeds/kiew.txt.html",
        "seeds/Rückblick 2023.txt",
    ] {
        assert!(
            files.contains_key(path),
            "missing {path}; have {:?}",
            files.keys().collect::<Vec<_>>()
        );
    }
}

#[test]
fn output_paths_snapshot() {
    let fixture = built();
    let paths: Vec<String> = tree(&fixture.public()).into_keys().collect();
    insta::assert_snapshot!(paths.join("\n"));
}

#[test]
fn article_page_snapshot() {
    let fixture = built();
    insta::assert_snapshot!(fixture.read("public/articles/kiew-besuch.html"));
}

#[test]
fn chronology_page_snapshot() {
    let fixture = built();
    insta::assert_snapshot!(fixture.read("public/chronology.html"));
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let fixture = built();
    let problems = broken_links(&fixture.public());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn links_resolve_when_minified_too() {
    let fixture = Fixture::new("mini");
    fixture.edit("site.toml", "minify = false", "minify = true");
    fixture.build().unwrap();
    let problems = broken_links(&fixture.public());
    assert!(problems.is_empty(), "{problems:#?}");
    let page = fixture.read("public/articles/kiew-besuch.html");
    assert!(!page.contains("\n\n"), "minified");
    assert!(page.contains("id=p1"), "{page}");
}

#[test]
fn article_page_shows_its_metadata_and_evidence() {
    let fixture = built();
    let page = fixture.read("public/articles/kiew-besuch.html");
    assert_eq!(text_of(&page, "h1"), "Stoltenberg besucht Kiew");
    assert!(page.contains("<time datetime=\"2023-04-20\">20. April 2023</time>"));
    assert!(page.contains("<dt>Agenturen</dt><dd>dpa</dd>"));
    assert!(page.contains("<dt>Autoren</dt><dd>AB</dd>"));
    assert!(page.contains("Der Generalsekretär ist in Kiew."));
    assert!(page.contains("<p id=\"p1\">"));
    assert!(
        page.contains("<blockquote>\n<p id=\"p3\">"),
        "blockquote paragraphs are citable too"
    );
    assert!(page.contains("href=\"../seeds/kiew.txt.html\""));
    assert!(page.contains("href=\"../seeds/kiew.txt\""));
    assert!(page.contains("href=\"../entities/jens-stoltenberg.html\""));
    assert!(page.contains("href=\"../topics/besuche.html\""));
    assert!(page.contains("<h2 id=\"treffen-mit-selenskyj\">"));
    assert!(page.contains("<figcaption>Stoltenberg in Kiew <small class=\"credit\">Bild: Testagentur</small></figcaption>"));
    // previous in time is the year-only review (2023 sorts before 2023-04-20), next the summit.
    assert!(
        page.contains("rel=\"prev\" href=\"../articles/jahresrueckblick.html\""),
        "{page}"
    );
    assert!(
        page.contains("rel=\"next\" href=\"../articles/gipfel.html\""),
        "{page}"
    );
}

#[test]
fn partial_dates_are_shown_at_their_precision() {
    let fixture = built();
    let page = fixture.read("public/articles/gipfel.html");
    assert!(page.contains("<time datetime=\"2023-07\">Juli 2023</time> <span class=\"precision\">(Tag unbekannt, erschlossen)</span>"));
    assert!(
        page.contains("Die Quelle nennt nur den Juli."),
        "date_basis is shown"
    );
    let page = fixture.read("public/articles/jahresrueckblick.html");
    assert!(page.contains(
        "<time datetime=\"2023\">2023</time> <span class=\"precision\">(nur Jahr bekannt)</span>"
    ));
}

#[test]
fn chronology_groups_by_year_and_month_and_keeps_partial_dates_apart() {
    let fixture = built();
    let page = fixture.read("public/chronology.html");
    // The sections, after the density picture and the filters.
    let page = &page[page.find("class=\"year-nav\"").expect("year navigation")..];
    let order: Vec<usize> = [
        "2023, Monat unbekannt",
        "Rückblick auf 2023",
        "April 2023",
        "Stoltenberg besucht Kiew",
        "Juli 2023",
        "Gipfel in Vilnius",
        "November 2024",
        "Treffen in Brüssel",
    ]
    .iter()
    .map(|needle| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "chronology out of order: {order:?}"
    );
    assert!(
        page.contains("Im Juli 2023, Tag unbekannt:"),
        "a month with both kinds labels them"
    );
    assert!(page.find("Gipfel in Vilnius").unwrap() < page.find("Mit Tagesdatum:").unwrap());
    assert!(page.find("Mit Tagesdatum:").unwrap() < page.find("Der Gipfel beginnt").unwrap());
    assert!(page.contains("id=\"m2023-04\""));
}

#[test]
fn term_pages_list_articles_newest_first() {
    let fixture = built();
    let page = fixture.read("public/entities/jens-stoltenberg.html");
    let list = &page[page.find("id=\"articles\"").unwrap()..];
    let summit = list.find("Gipfel in Vilnius").unwrap();
    let visit = list.find("Stoltenberg besucht Kiew").unwrap();
    assert!(summit < visit, "newest first");
    let index = fixture.read("public/topics.html");
    assert!(
        index.contains("href=\"topics/besuche.html\">Besuche</a> <span class=\"count\">2</span>"),
        "{index}"
    );
}

#[test]
fn text_from_sources_never_becomes_markup() {
    let fixture = built();
    let page = fixture.read("public/articles/kiew-besuch.html");
    assert!(!page.contains("<script>alert"), "raw HTML passed through");
    assert!(page.contains("Ein Zitat &lt;script&gt;alert(\"x\")&lt;/script&gt; als Text"));
    assert!(!page.contains("javascript:"));
    assert!(page.contains("<a href=\"https://www.nato.int/\">der NATO</a>"));
}

#[test]
fn links_between_articles_and_footnotes_resolve() {
    let fixture = built();
    let page = fixture.read("public/articles/gipfel-beginnt.html");
    assert!(
        page.contains("<a href=\"gipfel.html#p1\">Vorbericht</a>"),
        "{page}"
    );
    assert!(page.contains("<a href=\"#p1\">weiter oben</a>"), "{page}");
    assert!(
        page.contains("<div class=\"footnote\" id=\"fn1\">"),
        "{page}"
    );
    assert!(fixture.build().is_ok());
    fixture.edit("content/gipfel-beginnt.md", "gipfel.md#p1", "gipfel.md#p7");
    let err = fixture.build().unwrap_err().to_string();
    assert!(
        err.starts_with(
            "content/gipfel-beginnt.md:12: there is no anchor `#p7` in the article `gipfel`"
        ),
        "{err}"
    );
}

#[test]
fn code_blocks_are_highlighted_with_classes() {
    let fixture = built();
    let page = fixture.read("public/articles/kiew-besuch.html");
    let pre = page
        .find("<pre class=\"hl-code\"><code class=\"language-toml\">")
        .expect("highlighted block");
    let block = &page[pre..pre + page[pre..].find("</pre>").unwrap()];
    assert!(block.contains("class=\"hl-"), "{block}");
    assert!(!block.contains("style="), "{block}");
    assert!(
        fixture
            .read("public/assets/highlight.css")
            .contains(".hl-code")
    );
}

#[test]
fn seeds_are_published_byte_for_byte() {
    let fixture = built();
    for name in ["kiew.txt", "Rückblick 2023.txt"] {
        let original = fs::read(fixture.root().join("seeds").join(name)).unwrap();
        let published = fs::read(fixture.public().join("seeds").join(name)).unwrap();
        assert_eq!(original, published, "{name}");
    }
    let page = fixture.read("public/seeds/kiew.txt.html");
    assert!(page.contains("<span class=\"line\" id=\"L3\">NATO-Generalsekretär Jens Stoltenberg ist am Donnerstag in Kiew eingetroffen.</span>"));
    // A seed a browser would run (a saved web page) is published as text, bytes unchanged.
    let original = fs::read(fixture.root().join("seeds/gipfel-seite.html")).unwrap();
    assert_eq!(
        fs::read(fixture.public().join("seeds/gipfel-seite.html.txt")).unwrap(),
        original
    );
    assert!(!fixture.public().join("seeds/gipfel-seite.html").exists());
    let page = fixture.read("public/articles/gipfel-beginnt.html");
    assert!(
        page.contains("href=\"../seeds/gipfel-seite.html.txt\""),
        "{page}"
    );
}

#[test]
fn builds_are_byte_identical() {
    let first = built();
    let second = built();
    let a = tree(&first.public());
    assert_same_output(&a, &tree(&second.public()));
    // And rebuilding in place gives the same again.
    first.build().unwrap();
    assert_eq!(tree(&first.public()), a);
}

#[test]
fn not_found_page_uses_base_url_only_when_set() {
    let fixture = built();
    assert!(
        fixture
            .read("public/404.html")
            .contains("href=\"index.html\"")
    );
    fixture.edit(
        "site.toml",
        "minify = false",
        "minify = false\nbase_url = \"https://example.github.io/repo\"",
    );
    fixture.build().unwrap();
    let page = fixture.read("public/404.html");
    assert!(
        page.contains("href=\"https://example.github.io/repo/assets/style.css\""),
        "{page}"
    );
    assert!(
        fixture
            .read("public/index.html")
            .contains("href=\"assets/style.css\""),
        "other pages stay relative"
    );
}

/// Records what a build tells a progress display.
#[derive(Default)]
struct Recorder(std::sync::Mutex<Vec<String>>);

impl dossier::Progress for Recorder {
    fn stage(&self, name: &'static str, steps: Option<usize>) {
        self.0.lock().unwrap().push(format!("{name} {steps:?}"));
    }
    fn step(&self) {
        self.0.lock().unwrap().push("step".to_string());
    }
}

#[test]
fn a_progress_display_hears_every_stage_and_every_file() {
    let fixture = Fixture::new("mini");
    let recorder = std::sync::Arc::new(Recorder::default());
    let report = dossier::build(&dossier::BuildOptions {
        root: fixture.root().to_path_buf(),
        out: None,
        base_url: None,
        progress: Some(dossier::ProgressSink(recorder.clone())),
        rebuild: Default::default(),
    })
    .unwrap();
    let heard = recorder.0.lock().unwrap().clone();
    let stages: Vec<&str> = heard
        .iter()
        .filter(|h| *h != "step")
        .map(String::as_str)
        .collect();
    let files = report.files;
    assert_eq!(
        stages,
        [
            "inputs None",
            "load None",
            "entities None",
            "dates None",
            "index None",
            format!("render and write Some({files})").as_str()
        ]
    );
    assert_eq!(heard.iter().filter(|h| *h == "step").count(), files);
    assert!(report.pages > 0 && report.pages < files);
    assert!(report.events > 0);
}

/// Copies the dossier at `from` into `to`, creating its files in reverse order, so that the
/// file system lists them in another order than the first copy's.
fn copy_in_reverse(from: &Path, to: &Path) {
    let entries: Vec<_> = walkdir::WalkDir::new(from)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .collect();
    for entry in entries.iter().filter(|e| e.file_type().is_dir()) {
        std::fs::create_dir_all(to.join(entry.path().strip_prefix(from).unwrap())).unwrap();
    }
    for entry in entries.iter().rev().filter(|e| e.file_type().is_file()) {
        std::fs::copy(
            entry.path(),
            to.join(entry.path().strip_prefix(from).unwrap()),
        )
        .unwrap();
    }
}

/// The output does not depend on where the dossier lies, the order its files were created in,
/// the locale, the time zone or `SOURCE_DATE_EPOCH` (no build time appears anywhere).
#[test]
fn output_is_the_same_from_another_folder_order_locale_and_time_zone() {
    let first = Fixture::bundled();
    build_ok(first.root(), &[]);

    let other = tempfile::tempdir().unwrap();
    let root = other.path().join("anderer Ordner mit Umlauten äöü");
    copy_in_reverse(first.root(), &root);
    std::fs::remove_dir_all(root.join("public")).unwrap();
    build_ok(
        &root,
        &[
            ("LC_ALL", "tr_TR.UTF-8"),
            ("LANG", "tr_TR.UTF-8"),
            ("TZ", "Pacific/Kiritimati"),
            ("SOURCE_DATE_EPOCH", "0"),
        ],
    );
    assert_same_output(&tree(&first.public()), &tree(&root.join("public")));
}

/// Two outputs hold the same files, byte for byte; the first that differs is named (comparing
/// the whole maps would print megabytes).
fn assert_same_output(
    a: &std::collections::BTreeMap<String, Vec<u8>>,
    b: &std::collections::BTreeMap<String, Vec<u8>>,
) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in a {
        assert!(bytes == &b[path], "{path} differs between the two builds");
    }
}
