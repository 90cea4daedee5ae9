//! A hostile article: script in every front-matter field and every trick of raw HTML in its
//! body. It builds, and no page holds anything that could run; with `trust_html = true` the raw
//! HTML is the editor's and passes through. `browser.rs` opens the same pages in Chromium.

use std::collections::BTreeSet;

use scraper::{Html, Selector};

use crate::support::{Fixture, tree};

/// A word of the hostile article that search finds.
pub const HOSTILE_WORD: &str = "Feindseligkeit";

/// The hostile article's seed, named with markup too (its name is shown on pages).
const SEED: &str = "seeds/<svg onload=alert(40)>'&quelle.txt";

/// Every payload sets `window.__pwned` or opens a dialog, so that one that ran shows.
const ARTICLE: &str = r##"+++
title = "Feindseligkeit </script><script>window.__pwned=1;alert(1)</script> <!-- im Titel"
title_basis = "\" onfocus=\"window.__pwned=2\" autofocus=\""
date = "2024-03-01"
date_basis = "<script>window.__pwned=3;alert(3)</script>"
source = "Quelle \"><svg onload=window.__pwned=4;alert(4)>"
source_basis = "<iframe srcdoc=\"<script>parent.__pwned=5</script>\"></iframe>"
seed = "seeds/<svg onload=alert(40)>'&quelle.txt"
language = "en"
summary = "Zusammenfassung \"><img src=x onerror=\"window.__pwned=6;alert(6)\"> ' onmouseover='window.__pwned=7' </script><!--"
topics = ["Thema \"><img src=x onerror=window.__pwned=8;alert(8)>"]
agencies = ["\"><script>window.__pwned=9</script>"]
authors = ["<img src=x onerror=window.__pwned=10;alert(10)>"]
contributors = ["javascript:window.__pwned=11"]
+++

Stoltenberg sagte am 2. März 2024 zur Feindseligkeit: <script>window.__pwned=20;alert(20)</script> und <img src=x onerror="window.__pwned=21;alert(21)"> und das Skriptende </script> im Absatz.

Ein [Markdown-Link](javascript:window.__pwned=22) und ein <a href="javascript:window.__pwned=23;alert(23)">roher Link</a>, ein <a href=" JaVa&#09;ScRiPt:alert(24)" onclick="window.__pwned=24">zweiter</a>, [Daten](data:text/html;base64,PHNjcmlwdD5hbGVydCgyNSk8L3NjcmlwdD4=) und <a href="data:text/html,<script>alert(26)</script>">rohe Daten</a>.

<svg><script>window.__pwned=27;alert(27)</script></svg>

<svg onload="window.__pwned=28;alert(28)"><circle r="5"/></svg>

<iframe srcdoc="<script>parent.__pwned=29;parent.alert(29)</script>"></iframe>

<style>body { display: none } .site-header { background: url(https://example.org/x.png) }</style>

<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=30;alert(30)"></style></mglyph></table></mtext></math>

<form action="https://example.org/"><input name="q" autofocus onfocus="window.__pwned=31"><button formaction="javascript:alert(32)">Los</button></form>

<base href="https://example.org/">

<meta http-equiv="refresh" content="0;url=https://example.org/">

<details open ontoggle="window.__pwned=33;alert(33)"><summary>Mehr</summary>Text im Detail.</details>

<object data="javascript:alert(34)"></object><embed src="javascript:alert(35)"><link rel="stylesheet" href="https://example.org/x.css">

Ein <b onmouseover="window.__pwned=36">fetter</b> Absatz, H<sub>2</sub>O, <abbr title="Nordatlantikpakt">NATO</abbr> und ein <a href="https://example.org/" onclick="window.__pwned=37">Weblink</a>.

<div style="position:fixed;inset:0" id="main" class="site-header">offen
"##;

/// The mini dossier with the hostile article, its site title hostile too; `minify` says whether
/// pages are minified.
pub fn hostile_fixture(minify: bool) -> Fixture {
    let fixture = Fixture::new("mini");
    fixture.edit(
        "site.toml",
        "title = \"Mini-Dossier\"",
        "title = \"Mini-Dossier </style></title><script>window.__pwned=50</script>\"",
    );
    fixture.edit("site.toml", "minify = false", &format!("minify = {minify}"));
    fixture.write("content/feindselig.md", ARTICLE);
    let body = ARTICLE.rsplit("+++\n").next().unwrap();
    fixture.write(SEED, body);
    fixture
}

/// Script elements other than dossier's own (its scripts and JSON-LD).
fn foreign_scripts(html: &Html) -> usize {
    html.select(&Selector::parse("script").unwrap())
        .filter(|s| {
            let own_src = s.value().attr("src").is_some_and(|src| {
                src.ends_with("assets/strings.js")
                    || src.ends_with("assets/search.js")
                    || src.ends_with("assets/chronology.js")
            });
            let json_ld = s.value().attr("type") == Some("application/ld+json");
            !(own_src || json_ld)
        })
        .count()
}

#[test]
fn a_hostile_article_builds_into_pages_where_nothing_can_run() {
    for minify in [false, true] {
        hostile_pages_hold_nothing_that_runs(minify);
    }
}

fn hostile_pages_hold_nothing_that_runs(minify: bool) {
    let fixture = hostile_fixture(minify);
    fixture.build().unwrap();
    let files = tree(&fixture.public());
    let mut pages = 0;
    let mut seen_title = BTreeSet::new();
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".js") && path.starts_with("search/") {
            assert!(!text.contains('<'), "{path}: a `<` in a search script");
            continue;
        }
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = Html::parse_document(&text);
        assert_eq!(
            foreign_scripts(&html),
            0,
            "{path}: a script of the source's"
        );
        for bad in [
            "iframe",
            "object",
            "embed",
            "base",
            ".body form, .body input:not([disabled]), .body button",
            "style",
            "img",
            "math",
            "link[href^=\"https:\"]",
        ] {
            let found = html.select(&Selector::parse(bad).unwrap()).count();
            assert_eq!(found, 0, "{path}: {bad}");
        }
        // Only an alias page's own refresh, to its entity's page.
        for meta in html.select(&Selector::parse("meta[http-equiv]").unwrap()) {
            let content = meta.value().attr("content").unwrap_or("");
            let target = content.strip_prefix("0; url=").unwrap_or(":");
            assert!(
                !target.contains(':') && target.ends_with(".html"),
                "{path}: refresh to {content}"
            );
        }
        for svg in html.select(&Selector::parse("svg").unwrap()) {
            let class = svg.value().attr("class").unwrap_or("");
            assert!(
                ["timeline", "connections"].contains(&class),
                "{path}: an <svg> of the source's"
            );
        }
        for element in html
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            for (name, value) in element.value().attrs() {
                assert!(!name.starts_with("on"), "{path}: {name}=\"{value}\"");
                assert!(
                    name != "style" && name != "srcdoc" && name != "formaction",
                    "{path}: {name}"
                );
                let squeezed: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_lowercase();
                assert!(
                    !(["href", "src", "action", "data"].contains(&name)
                        && (squeezed.starts_with("javascript:") || squeezed.starts_with("data:"))),
                    "{path}: {name}=\"{value}\""
                );
            }
        }
        for script in html.select(&Selector::parse("script[type=\"application/ld+json\"]").unwrap())
        {
            let json: String = script.text().collect();
            assert!(!json.contains('<'), "{path}: `<` in JSON-LD");
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            if let Some(headline) = value["headline"].as_str() {
                seen_title.insert(headline.to_string());
            }
        }
        for id in ["main", "search-input"] {
            let found = html
                .select(&Selector::parse(&format!("[id=\"{id}\"]")).unwrap())
                .count();
            assert!(found <= 1, "{path}: {found} elements with the id {id}");
        }
    }
    assert!(pages > 20, "{pages} pages");
    assert!(
        seen_title
            .iter()
            .any(|t| t.contains("</script><script>window.__pwned=1")),
        "the title reaches JSON-LD as it is: {seen_title:?}"
    );

    let page = fixture.read("public/articles/feindselig.html");
    if !minify {
        // Minified, a `<title>` may hold `<` as it is: it is text there.
        assert!(
            !page.contains("<script>window"),
            "a payload script tag on the article page"
        );
    }
    let body = crate::support::text_of(&page, ".body");
    for kept in [
        "alert(20)",
        "H2O",
        "Text im Detail",
        "offen",
        "fetter",
        "Weblink",
        "roher Link",
    ] {
        assert!(
            body.contains(kept),
            "the text `{kept}` is gone from the body: {body}"
        );
    }
    // Minified markup is written differently; the words above are checked either way.
    let kept_markup: &[&str] = if minify {
        &[]
    } else {
        &[
            "<sub>2</sub>",
            "<abbr title=\"Nordatlantikpakt\">",
            "<b>fetter</b>",
            "<a href=\"https://example.org/\">Weblink</a>",
            "<details open=\"\"><summary>Mehr</summary>",
        ]
    };
    for kept in kept_markup {
        assert!(page.contains(kept), "{kept} is gone from the article page");
    }
    // The feeds carry the title as text.
    let atom = fixture.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&atom).unwrap();
    assert!(doc.descendants().any(|n| {
        n.has_tag_name("title")
            && n.text()
                .is_some_and(|t| t.contains("</script><script>window.__pwned=1"))
    }));
    let feed: serde_json::Value = serde_json::from_str(&fixture.read("public/feed.json")).unwrap();
    assert!(
        feed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["title"].as_str().is_some_and(|t| t.contains("</script>")))
    );
    assert!(
        !fixture.read("public/assets/print.css").contains("</style>"),
        "the site title closes print.css's string"
    );
}

#[test]
fn trusted_raw_html_passes_through_as_written() {
    let fixture = Fixture::new("mini");
    fixture.edit(
        "site.toml",
        "minify = false",
        "minify = false\ntrust_html = true",
    );
    fixture.write(
        "content/vertraut.md",
        "+++\ntitle = \"Vertraut\"\ndate = \"2024-03-01\"\nsource = \"Redaktion\"\nseed = \"seeds/vertraut.txt\"\n+++\n\nEin <span class=\"hinweis\" data-x=\"1\">eigener</span> Satz.\n\n<div id=\"karte\" style=\"height:2em\"><script>window.karte = 1;</script></div>\n",
    );
    fixture.write("seeds/vertraut.txt", "Ein eigener Satz.\n");
    fixture.build().unwrap();
    let page = fixture.read("public/articles/vertraut.html");
    assert!(
        page.contains("Ein <span class=\"hinweis\" data-x=\"1\">eigener</span> Satz."),
        "{page}"
    );
    assert!(
        page.contains(
            "<div id=\"karte\" style=\"height:2em\"><script>window.karte = 1;</script></div>"
        ),
        "{page}"
    );
}
