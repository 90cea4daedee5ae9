//! Entities: mention links, entity and register pages, alias pages, data exports, `dossier
//! check`, and the bundled dossier's people and speakers.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{Fixture, repo, text_of};

/// The text of the first element matching `css`, with runs of whitespace made one space.
fn words_of(html: &str, css: &str) -> String {
    text_of(html, css)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn built() -> Fixture {
    let fixture = Fixture::new("mini");
    fixture.build().unwrap();
    fixture
}

#[test]
fn first_mention_in_the_body_links_to_the_entity_and_the_list_is_by_mentions() {
    let fixture = built();
    let page = fixture.read("public/articles/kiew-besuch.html");
    // Exactly one link per entity in the body, on its first mention.
    let body = &page[page.find("class=\"body\"").unwrap()..page.find("article-footer").unwrap()];
    assert_eq!(
        body.matches("href=\"../entities/jens-stoltenberg.html\"")
            .count(),
        1
    );
    assert!(body.contains("<a class=\"mention\" href=\"../entities/jens-stoltenberg.html\">Jens Stoltenberg</a> ist am Donnerstag"));
    assert!(
        body.contains(
            "in <a class=\"mention\" href=\"../entities/kiew.html\">Kiew</a> eingetroffen"
        )
    );
    let list = text_of(&page, "footer ul.tags");
    assert_eq!(
        list,
        "Jens Stoltenberg 4Kiew 3NATO 2Wolodymyr Selenskyj 2Brüssel 1"
    );
}

#[test]
fn article_page_lists_its_quotations_with_speakers_or_as_unattributed() {
    let fixture = Fixture::new("mini");
    fixture.edit(
        "content/gipfel.md",
        "in Vilnius.",
        "in Vilnius. „Das wird ein historischer Gipfel werden“, sagte ein Diplomat.",
    );
    fixture.build().unwrap();
    let page = fixture.read("public/articles/gipfel.html");
    let quotes = text_of(&page, "ol.statements");
    assert!(
        quotes.contains("„Das wird ein historischer Gipfel werden“"),
        "{quotes}"
    );
    assert!(
        quotes.contains("Sprecher im Satz nicht eindeutig genannt"),
        "{quotes}"
    );
    let page = fixture.read("public/articles/kiew-besuch.html");
    let quotes = words_of(&page, "ol.statements");
    assert!(
        quotes.contains("„Wir stehen fest an der Seite der Ukraine“ Jens Stoltenberg"),
        "{quotes}"
    );
}

#[test]
fn entity_page_shows_everything_known_about_it() {
    let fixture = built();
    let page = fixture.read("public/entities/jens-stoltenberg.html");
    let meta = text_of(&page, "dl.meta");
    for expected in [
        "ArtPerson",
        "NATO-Generalsekretär 2014–2024",
        "Auch geschriebenStoltenberg",
        "„Stoltenberg“ 3×, „Jens Stoltenberg“ 1×",
        "4 in 2 Artikeln",
        "Q57448",
    ] {
        assert!(meta.contains(expected), "{expected} in {meta}");
    }
    assert!(meta.contains("Zeitraum"), "{meta}");
    // Statements, each linked to its paragraph.
    assert!(page.contains("„Wir stehen fest an der Seite der Ukraine“"));
    assert!(page.contains("href=\"../articles/kiew-besuch.html#p2\""));
    // Articles with counts and the sentence of the first mention, linked to its paragraph.
    let articles = &page[page.find("id=\"articles\"").unwrap()..];
    assert!(articles.contains("4 Erwähnungen"));
    assert!(articles.contains("href=\"../articles/kiew-besuch.html#p1\">Erste Erwähnung:</a> NATO-Generalsekretär Jens Stoltenberg ist am Donnerstag in Kiew eingetroffen."));
    // Listed in front matter only: shown, without a first mention.
    assert!(articles.contains("im Vorspann zugeordnet"), "{articles}");
    let co = text_of(&page, "#co-mentioned + ul");
    assert!(co.starts_with("Kiew 3"), "{co}");
}

/// A first mention is kept as a place in the body and read back when the entity's page is
/// made; a photo's text is joined from its caption and description, so it is read from the
/// joined text, not from a paragraph.
#[test]
fn a_first_mention_in_a_photo_is_quoted_from_the_photos_text() {
    let fixture = Fixture::new("mini");
    let body = "```figure\nalt: Ein Mann am Rednerpult\ncaption: Jens Stoltenberg in Vilnius. Dahinter Fahnen.\ncredit: Bild: Test\n```\n\nDanach sprach Stoltenberg lange.\n";
    fixture.write_article("foto", "Foto", "2024-03-01", "", body, body);
    fixture.build().unwrap();
    let page = fixture.read("public/entities/jens-stoltenberg.html");
    let articles = &page[page.find("id=\"articles\"").unwrap()..];
    let foto = &articles[articles.find("foto.html").expect("the article is listed")..];
    let first = &foto[..foto.find("</li>").unwrap()];
    assert!(
        first.contains(
            "href=\"../articles/foto.html#fig1\">Erste Erwähnung:</a> Jens Stoltenberg in Vilnius."
        ),
        "{first}"
    );
    assert!(!first.contains("Dahinter"), "only the sentence: {first}");
}

#[test]
fn register_is_grouped_by_kind_sortable_and_draws_connections_without_script() {
    let fixture = built();
    let by_name = fixture.read("public/entities.html");
    let kinds: Vec<usize> = [
        "id=\"person\"",
        "id=\"organisation\"",
        "id=\"place\"",
        "id=\"event\"",
    ]
    .iter()
    .map(|id| by_name.find(id).unwrap_or_else(|| panic!("{id}")))
    .collect();
    assert!(kinds.windows(2).all(|w| w[0] < w[1]), "kinds in order");
    let persons = text_of(&by_name, "#person + table tbody");
    let order: Vec<&str> = [
        "Antony Blinken",
        "Jens Stoltenberg",
        "Mark Rutte",
        "Wolodymyr Selenskyj",
    ]
    .to_vec();
    let positions: Vec<usize> = order.iter().map(|n| persons.find(n).unwrap()).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "by name: {persons}"
    );
    let by_mentions = fixture.read("public/entities-by-mentions.html");
    let persons = words_of(&by_mentions, "#person + table tbody");
    assert!(
        persons.starts_with("Jens Stoltenberg"),
        "by mentions: {persons}"
    );
    // The picture is inline SVG, its names link to entity pages, and nothing needs a script.
    let svg = &by_name[by_name.find("<svg class=\"connections\"").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap()];
    assert!(
        svg.contains("<a href=\"entities/jens-stoltenberg.html\">"),
        "{svg}"
    );
    assert!(svg.contains("<line "));
    assert!(!svg.contains("<script"));
    assert!(text_of(&by_name, "ol.pairs").contains("Jens Stoltenberg und Kiew: 3 Absätze"));
}

#[test]
fn alias_pages_lead_to_the_canonical_page() {
    let fixture = built();
    let page = fixture.read("public/entities/selenskij.html");
    assert!(page.contains(
        "<meta http-equiv=\"refresh\" content=\"0; url=../entities/wolodymyr-selenskyj.html\">"
    ));
    assert!(page.contains("href=\"../entities/wolodymyr-selenskyj.html\""));
    assert!(page.contains("noindex"));
    // No page under the canonical name's own slug twice, none for an alias that is the name.
    assert!(fixture.public().join("entities/stoltenberg.html").is_file());
}

#[test]
fn entity_data_is_exported_as_json_and_csv() {
    let fixture = built();
    let json: serde_json::Value =
        serde_json::from_str(&fixture.read("public/data/entities.json")).unwrap();
    let entities = json["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 9);
    let stoltenberg = entities.iter().find(|e| e["id"] == "stoltenberg").unwrap();
    assert_eq!(stoltenberg["wikidata"], "Q57448");
    assert_eq!(stoltenberg["aliases"][0], "Stoltenberg");
    assert_eq!(stoltenberg["mention_count"], 4);
    assert_eq!(
        stoltenberg["mentions"][0]["url"],
        "articles/kiew-besuch.html#p1"
    );
    let csv = fixture.read("public/data/entities.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,name,kind,description,wikidata,roles,aliases,page,mention_count,mentions"
    );
    assert!(csv.contains("stoltenberg,Jens Stoltenberg,person,NATO-Generalsekretär 2014–2024,Q57448,NATO-Generalsekretär 2014–2024,Stoltenberg,entities/jens-stoltenberg.html,4,"));
    let mentions = fixture.read("public/data/mentions.csv");
    assert!(
        mentions.contains("selenskyj,Wolodymyr Selenskyj,kiew-besuch,2023-04-20,"),
        "{mentions}"
    );
}

#[test]
fn exclude_entities_drops_a_false_match() {
    let fixture = Fixture::new("mini");
    fixture.edit(
        "content/kiew-besuch.md",
        "topics = [\"Besuche\"]",
        "topics = [\"Besuche\"]\nexclude_entities = [\"bruessel\"]",
    );
    fixture.build().unwrap();
    let page = fixture.read("public/articles/kiew-besuch.html");
    assert!(!text_of(&page, "footer ul.tags").contains("Brüssel"));
    assert!(!page.contains("entities/bruessel.html\">Brüssel</a> nicht"));
}

fn check(fixture: &Fixture) -> (Option<i32>, String, String) {
    crate::support::run_dossier(&[
        "check".as_ref(),
        "--root".as_ref(),
        fixture.root().as_os_str(),
    ])
}

#[test]
fn check_warns_about_names_the_registry_lacks_and_fails_on_errors() {
    let fixture = Fixture::new("mini");
    // In the article and in its seed: paragraphs must stand in the seed.
    for file in ["content/gipfel.md", "seeds/gipfel.txt"] {
        fixture.edit(
            file,
            "in Vilnius.",
            "in Vilnius. Dort wird auch Estlands Regierungschefin Kaja Kallas erwartet.",
        );
    }
    let (code, stdout, _) = check(&fixture);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("warning: content/gipfel.md:11: `Kaja Kallas` (after `Regierungschefin`) looks like a name no entity covers"),
        "{stdout}"
    );
    assert!(!fixture.public().exists(), "check writes nothing");

    fixture.edit(
        "content/entities.toml",
        "kind = \"place\"\naliases = [\"Kyjiw\"]",
        "kind = \"city\"\naliases = [\"Kyjiw\"]",
    );
    let (code, _, stderr) = check(&fixture);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with("error: content/entities.toml:"),
        "{stderr}"
    );
    assert!(stderr.contains("unknown variant `city`"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn check_holds_paragraphs_to_their_seed_but_not_editors_notes() {
    let fixture = Fixture::new("mini");
    let added = "in Vilnius. Ein Satz, den die Quelle nie schrieb.";
    fixture.edit("content/gipfel.md", "in Vilnius.", added);
    let (code, _, stderr) = check(&fixture);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "error: content/gipfel.md:11: this paragraph does not stand in the seed `seeds/gipfel.txt` word for word"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("```note"), "{stderr}");

    // Typographic quotes, dashes and line breaks are folded; the editor's words sit in a note.
    fixture.edit(
        "content/gipfel.md",
        added,
        "in\nVilnius.\n\n```note\nDie Quelle nennt <b>kein</b> Jahr.\n```",
    );
    let (code, stdout, stderr) = check(&fixture);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    fixture.build().unwrap();
    let page = fixture.read("public/articles/gipfel.html");
    assert!(
        page.contains("<p>Die Quelle nennt &lt;b&gt;kein&lt;/b&gt; Jahr.</p></aside>"),
        "{page}"
    );
}

#[test]
fn check_holds_headings_captions_credits_and_list_items_to_their_seed() {
    let fixture = Fixture::new("mini");
    fixture.edit(
        "seeds/gipfel.txt",
        "in Vilnius.",
        "in Vilnius.\n\nDer Ort\n\nStoltenberg in Vilnius\nFoto: Testagentur\n\nErstens\nZweitens",
    );
    let faithful = "in Vilnius.\n\n## Der Ort\n\n```figure\ncaption: Stoltenberg in Vilnius\n\
                    credit: Foto: Testagentur\n```\n\n- Erstens\n- Zweitens";
    fixture.edit("content/gipfel.md", "in Vilnius.", faithful);
    let (code, stdout, stderr) = check(&fixture);
    assert_eq!(code, Some(0), "{stdout}{stderr}");

    let unfaithful = faithful
        .replace("Der Ort", "Der schöne Ort")
        .replace("caption: Stoltenberg", "caption: Der Generalsekretär")
        .replace("Testagentur", "Andere Agentur")
        .replace("Zweitens", "Drittens");
    fixture.write(
        "content/gipfel.md",
        &fixture
            .read("content/gipfel.md")
            .replace(faithful, &unfaithful),
    );
    let (code, _, stderr) = check(&fixture);
    assert_eq!(code, Some(1), "{stderr}");
    for expected in [
        "content/gipfel.md:10: this line of a list, table, code or HTML block does not stand in the seed `seeds/gipfel.txt` word for word: „Drittens…“",
        "content/gipfel.md:13: this heading does not stand",
        "content/gipfel.md:16: this caption does not stand",
        "content/gipfel.md:16: this photo credit does not stand",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
}

#[test]
fn check_reports_the_same_text_imported_twice() {
    let fixture = Fixture::new("mini");
    let seed = fixture.read("seeds/gipfel.txt");
    fixture.write("seeds/gipfel-zweitquelle.txt", &seed);
    let article = fixture.read("content/gipfel.md").replace(
        "seed = \"seeds/gipfel.txt\"",
        "seed = \"seeds/gipfel-zweitquelle.txt\"",
    );
    fixture.write("content/gipfel-zweitquelle.md", &article);
    let (code, stdout, stderr) = check(&fixture);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains(
            "warning: content/gipfel.md and content/gipfel-zweitquelle.md share 100% of their text"
        ),
        "{stdout}"
    );
}

#[test]
fn bundled_dossier_passes_check_without_errors() {
    let (code, stdout, stderr) = check(&Fixture::bundled());
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("no errors"), "{stdout}");
}

/// Mentions in the bundled dossier: article slug → entity id → names as written.
fn bundled_mentions() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let root = repo();
    let config = dossier::SiteConfig::load(&root).unwrap();
    let corpus =
        dossier::load::load_corpus(&dossier::load::Inputs::read(&root, None), &config).unwrap();
    let strings = dossier::render::strings::Strings::builtin(&config.language);
    let dossier = dossier::enrich::enrich(config, corpus, &strings).unwrap();
    let mut out: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for entry in &dossier.articles {
        for (text, block) in entry.body.mentions_by_block() {
            for m in block {
                out.entry(entry.article.slug.clone())
                    .or_default()
                    .entry(dossier.entities[m.entity].entity.id.clone())
                    .or_default()
                    .insert(text[m.found.start..m.found.name_end].to_string());
            }
        }
    }
    out
}

#[test]
fn every_person_in_the_bundled_texts_is_found_under_the_right_entity() {
    let mentions = bundled_mentions();
    let expect = [
        (
            "stoltenberg-besucht-ueberraschend-kiew",
            "selenskyj",
            &["Selenskyj", "Selensykj", "Selenskij", "Wolodymyr Selenskyj"][..],
        ),
        (
            "stoltenberg-besucht-ueberraschend-kiew",
            "resnikow",
            &["Olexij Resnikow"],
        ),
        (
            "stoltenberg-besucht-ueberraschend-kiew",
            "peskow",
            &["Dmitri Peskow"],
        ),
        (
            "stoltenberg-besucht-ueberraschend-kiew",
            "pavel",
            &["Petr Pavel", "Pavel"],
        ),
        (
            "stoltenberg-besucht-ueberraschend-kiew",
            "kreml",
            &["Kreml"],
        ),
        (
            "stoltenberg-ruft-zu-waffenhilfe-fuer-offensive-auf",
            "resnikow",
            &["Oleksij Resnikow"],
        ),
        (
            "stoltenberg-ruft-zu-waffenhilfe-fuer-offensive-auf",
            "erdogan",
            &["Recep Tayyip Erdogan"],
        ),
        (
            "stoltenberg-ruft-zu-waffenhilfe-fuer-offensive-auf",
            "austin",
            &["Lloyd Austin"],
        ),
        (
            "westmaechte-wetteifern-um-sicherheitsversprechen",
            "scholz",
            &["Olaf Scholes", "Schales", "Scholz", "Olaf Scholz"],
        ),
        (
            "westmaechte-wetteifern-um-sicherheitsversprechen",
            "kahl",
            &["Colin Kall"],
        ),
        (
            "westmaechte-wetteifern-um-sicherheitsversprechen",
            "smith",
            &["Julian Smith"],
        ),
        (
            "westmaechte-wetteifern-um-sicherheitsversprechen",
            "sunak",
            &["Rishi Sunak"],
        ),
        (
            "westmaechte-wetteifern-um-sicherheitsversprechen",
            "biden",
            &["Joe Biden"],
        ),
        (
            "blinken-nato-will-ukraine-2025-unterstuetzen",
            "biden",
            &["Biden", "Joe Biden"],
        ),
        (
            "blinken-nato-will-ukraine-2025-unterstuetzen",
            "sullivan",
            &["Jake Sullivan"],
        ),
        (
            "blinken-nato-will-ukraine-2025-unterstuetzen",
            "rutte",
            &["Mark Rutte", "Rutte"],
        ),
        (
            "nato-baut-zivile-praesenz-in-der-ukraine-aus",
            "umjerow",
            &["Rustem Umjerow"],
        ),
        (
            "nato-baut-zivile-praesenz-in-der-ukraine-aus",
            "sag-u",
            &["SAG-U", "Security Assistance Group-Ukraine"],
        ),
    ];
    for (article, entity, names) in expect {
        let found = &mentions[article][entity];
        for name in names {
            assert!(
                found.contains(*name),
                "{article}: `{name}` under {entity}; found {found:?}"
            );
        }
    }
    // Genitives and compounds count for their entity: `Stoltenbergs`, `Kreml-Sprecher`,
    // `Biden-Regierung`, `Putin-Besuch`.
    assert!(
        mentions["stoltenberg-besucht-ueberraschend-kiew"]["stoltenberg"].contains("Stoltenberg")
    );
    // Every mention is written as one of the registry's names or its spelling variant: no
    // common noun slips in.
    for (article, entities) in &mentions {
        for (entity, names) in entities {
            for name in names {
                assert!(
                    name.chars().next().unwrap().is_uppercase(),
                    "{article}: {entity} as `{name}`"
                );
            }
        }
    }
}

#[test]
fn bundled_statements_land_on_the_right_speaker() {
    let root = repo();
    let config = dossier::SiteConfig::load(&root).unwrap();
    let corpus =
        dossier::load::load_corpus(&dossier::load::Inputs::read(&root, None), &config).unwrap();
    let strings = dossier::render::strings::Strings::builtin(&config.language);
    let dossier = dossier::enrich::enrich(config, corpus, &strings).unwrap();
    let mut by_quote: BTreeMap<String, Option<String>> = BTreeMap::new();
    for entry in &dossier.articles {
        for s in &entry.statements {
            let speaker = s.speaker.map(|e| dossier.entities[e].entity.id.clone());
            by_quote.insert(s.quote.chars().take(30).collect(), speaker);
        }
    }
    let expect = [
        ("Dank der amerikanischen Führun", Some("rutte")),
        ("Neuordnung einiger ausländisch", Some("austin")),
        ("Familie", Some("stoltenberg")),
        ("Waffen, Nachschub und Wartung,", Some("stoltenberg")),
        ("seinen Teil leisten", Some("erdogan")),
        ("an alle Länder, die die Ukrain", Some("scholz")),
        ("Natürlich werden wir auch die ", Some("scholz")),
        ("Wir werden uns mit den Beitrit", Some("smith")),
        // Said by "ein französischer Beamter", "der hochrangige NATO-Diplomat", "er": unclear.
        ("Eine Diskussion ist im Gange; ", None),
        ("Für die Ukraine ist es im Grun", None),
        ("Ich hoffe, wir haben eine klar", None),
        // The sentence names no speaker (the one before does): not guessed.
        ("eine ernsthafte, erhebliche Ge", None),
    ];
    for (quote, speaker) in expect {
        assert_eq!(
            by_quote
                .get(quote)
                .unwrap_or_else(|| panic!("no quotation `{quote}`: {by_quote:?}"))
                .as_deref(),
            speaker,
            "{quote}"
        );
    }
    // A name in quotation marks is not a statement.
    assert!(!by_quote.keys().any(|q| q.starts_with("Aktionsplan")));
}
