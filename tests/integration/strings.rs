//! Interface strings: an English site carries no German interface word, and
//! `templates/strings.toml` replaces strings or fails with the line of its mistake.

use std::collections::BTreeSet;

use crate::support::{Fixture, repo, text_of, tree};

/// German words of the interface that the mini fixture's own texts (articles, registry, seeds)
/// never use, so any of them on an English page is the interface's.
const GERMAN_INTERFACE_WORDS: &[&str] = &[
    "Artikel",
    "Artikeln",
    "Chronologie",
    "Themen",
    "Thema",
    "Suche",
    "Suchen",
    "Zusammenfassung",
    "Redaktion",
    "Originaltext",
    "Originaltexte",
    "Erwähnung",
    "Erwähnungen",
    "Eintrag",
    "Einträge",
    "Register",
    "Ereignis",
    "Ereignisse",
    "neueste",
    "zuerst",
    "unbekannt",
    "erschlossen",
    "Startseite",
    "Inhalt",
    "springen",
    "Vorschläge",
    "Hauptnavigation",
    "durchsuchen",
    "Anmerkung",
    "Datum",
    "Agenturen",
    "Autoren",
    "Abschnitte",
    "Zitate",
    "Personen",
    "Organisationen",
    "Orte",
    "Verbindungen",
    "Aussagen",
    "Zeitraum",
    "bis",
    "ungefähr",
    "Treffer",
    "Rohtext",
    "Zeilennummern",
    "Absatz",
    "Absätze",
    "Monat",
    "Jahre",
    "Sortiert",
    "Beschreibung",
    "früher",
    "später",
    "Früher",
    "Später",
    "alle",
    "Anker",
];

/// The words of `text`: runs of letters.
fn words(text: &str) -> BTreeSet<&str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The mini fixture as an English site, with an editor's note in one article.
fn english_mini() -> Fixture {
    let fixture = Fixture::new("mini");
    fixture.edit("site.toml", "language = \"de\"", "language = \"en\"");
    fixture.edit(
        "content/kiew-besuch.md",
        "Die Konfiguration sieht so aus:",
        "```note\nThe source gives no time of day.\n```\n\nDie Konfiguration sieht so aus:",
    );
    fixture.build().unwrap();
    fixture
}

#[test]
fn an_english_site_has_an_english_interface_on_every_page() {
    // The check only means something while the fixture's own texts avoid these words.
    let own_texts: String = tree(&repo().join("tests/fixtures/mini"))
        .into_values()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    let own_words = words(&own_texts);
    let shared: Vec<&&str> = GERMAN_INTERFACE_WORDS
        .iter()
        .filter(|w| own_words.contains(**w))
        .collect();
    assert!(
        shared.is_empty(),
        "the fixture's texts use {shared:?}: take them out of the list"
    );

    let fixture = english_mini();
    let files = tree(&fixture.public());
    let mut pages = 0;
    for (path, bytes) in &files {
        if !(path.ends_with(".html") || path == "data/chronology.json") {
            continue;
        }
        pages += 1;
        let text = String::from_utf8_lossy(bytes);
        let german: Vec<&&str> = GERMAN_INTERFACE_WORDS
            .iter()
            .filter(|w| words(&text).contains(**w))
            .collect();
        assert!(german.is_empty(), "{path} has German words {german:?}");
    }
    assert!(pages > 30, "only {pages} pages checked");

    let index = fixture.read("public/index.html");
    assert!(index.contains("<html lang=\"en\">"));
    let nav = text_of(&index, "nav.site-nav");
    for word in ["Articles", "Chronology", "Index", "Topics"] {
        assert!(nav.contains(word), "nav: {nav}");
    }
    assert!(index.contains("placeholder=\"Search needs JavaScript\""));
    assert!(index.contains("<button type=\"submit\">Search</button>"));
    assert!(index.contains("5 articles"), "front page counts");

    let article = fixture.read("public/articles/kiew-besuch.html");
    assert!(article.contains("<time datetime=\"2023-04-20\">April 20, 2023</time>"));
    assert!(article.contains("<span class=\"label\">Editor’s summary:</span>"));
    assert!(article.contains("<p class=\"editor-note-label\">Editor’s note</p>"));
    assert!(text_of(&article, ".article-header dl").contains("Source text"));

    let gipfel = fixture.read("public/articles/gipfel.html");
    assert!(gipfel.contains("(day unknown, inferred)"), "date notes");

    let chronology = fixture.read("public/chronology.html");
    assert!(chronology.contains("Articles and events over time"));
    assert!(
        chronology.contains("April 2023: 1 article, 1 event"),
        "bar tooltips"
    );
    assert!(chronology.contains("<option value=\"\">all</option>"));
    let timelinejs = fixture.read("public/data/chronology.json");
    assert!(timelinejs.contains("\"group\": \"Article\""));
    assert!(timelinejs.contains("\"group\": \"Event\""));

    // The scripts read their strings from assets/strings.js: search.js and chronology.js hold
    // none.
    let strings = fixture.read("public/assets/strings.js");
    let strings = strings
        .strip_prefix("window.DOSSIER_STRINGS = ")
        .and_then(|s| s.split_once(";\n"))
        .map(|(json, _)| json)
        .unwrap();
    let strings: serde_json::Value = serde_json::from_str(strings).unwrap();
    assert_eq!(strings["js_search_placeholder"], "Search … ( / )");
    assert_eq!(strings["js_results_other"], "{n} results");
    for script in ["search.js", "chronology.js"] {
        let source = fixture.read(&format!("public/assets/{script}"));
        for german in ["Treffer", "Einträge", "Suchindex", "Ereignis"] {
            assert!(!source.contains(german), "{script} still says {german}");
        }
    }
}

#[test]
fn templates_strings_toml_replaces_strings_of_the_sites_language() {
    let fixture = Fixture::new("mini");
    fixture.write(
        "templates/strings.toml",
        "# Our own words.\n[de]\npage_topics = \"Schlagworte\"\njs_searching = \"Einen Moment <bitte> …\"\n\n[en]\npage_topics = \"Tags\"\n",
    );
    fixture.build().unwrap();
    let index = fixture.read("public/index.html");
    let nav = text_of(&index, "nav.site-nav");
    assert!(nav.contains("Schlagworte"), "{nav}");
    assert!(!nav.contains("Themen") && !nav.contains("Tags"), "{nav}");
    let topics = fixture.read("public/topics.html");
    assert!(
        topics.contains("<h1>Schlagworte</h1>"),
        "every use of the key"
    );
    // The scripts get the replaced string too.
    let strings = fixture.read("public/assets/strings.js");
    assert!(
        strings.contains(r#""js_searching":"Einen Moment <bitte> …""#),
        "{strings}"
    );
}

#[test]
fn an_unknown_key_in_templates_strings_toml_is_an_error_with_line_and_closest_key() {
    let fixture = Fixture::new("mini");
    fixture.write(
        "templates/strings.toml",
        "[de]\npage_topics = \"Schlagworte\"\nserch_button = \"Los\"\n",
    );
    let err = fixture.build().unwrap_err().to_string();
    assert!(
        err.starts_with(
            "templates/strings.toml:3: unknown key `serch_button` in [de] (did you mean `search_button`?)"
        ),
        "{err}"
    );
}

#[test]
fn a_template_asking_for_an_unknown_string_is_an_error_naming_it() {
    let fixture = Fixture::new("mini");
    fixture.edit(
        "templates/topics.html",
        "tr(key=\"page_topics\")",
        "tr(key=\"page_topix\")",
    );
    let err = fixture.build().unwrap_err().to_string();
    assert!(err.starts_with("templates/topics.html: "), "{err}");
    assert!(
        err.contains("no interface string `page_topix` (did you mean `page_topics`?)"),
        "{err}"
    );
}
