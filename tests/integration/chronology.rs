//! The chronology: events read from the text with their sources, the timeline page with its
//! filters and density picture, entity chronologies, and the TimelineJS export.

use crate::support::{Fixture, text_of};

fn built() -> Fixture {
    let fixture = Fixture::new("mini");
    fixture.build().unwrap();
    fixture
}

/// The text of the element matching `css`, with runs of whitespace made one space.
fn words_of(html: &str, css: &str) -> String {
    text_of(html, css)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn an_event_two_articles_report_is_shown_once_with_both_sources() {
    let fixture = built();
    let page = fixture.read("public/chronology.html");
    // `am 11. und 12. Juli` (an article of July 2023) and `am Dienstag, dem 11. Juli` (one of
    // 11 July 2023) both name Vilnius: one event, the range, with two sources.
    let event = words_of(&page, "#e2023-07-11");
    assert!(
        event.starts_with("Ereignis 11.–12. Juli 2023 · 2 Quellen"),
        "{event}"
    );
    assert!(
        event.contains(
            "Die Staats- und Regierungschefs treffen sich am 11. und 12. Juli in Vilnius."
        )
    );
    assert!(event.contains("Der Gipfel beginnt am Dienstag, dem 11. Juli, in Vilnius."));
    assert!(
        event.contains("im Text: 11. Juli 2023"),
        "the narrower source says what it gave"
    );
    assert!(page.contains("<mark>am 11. und 12. Juli</mark>"));
    // Each source links to its paragraph.
    assert!(page.contains("href=\"articles/gipfel.html#p1\""));
    assert!(page.contains("href=\"articles/gipfel-beginnt.html#p1\""));
    assert!(!page.contains("id=\"e2023-07-11-2\""), "not listed twice");
}

#[test]
fn relative_dates_say_what_they_rest_on() {
    let fixture = built();
    let page = fixture.read("public/chronology.html");
    let visit = words_of(&page, "#e2023-04-20");
    assert!(page.contains("<time datetime=\"2023-04-20\">20. April 2023</time>"));
    assert!(
        visit.contains("vom Artikeldatum (20. April 2023) aus gerechnet"),
        "{visit}"
    );
    assert!(words_of(&page, "#e2023-07-11").contains("Jahr aus dem Artikeldatum erschlossen"));
}

#[test]
fn entries_carry_what_the_filters_match_and_the_page_has_the_filters() {
    let fixture = built();
    let page = fixture.read("public/chronology.html");
    assert!(
        page.contains("<form class=\"chrono-filter\" id=\"chrono-filter\" hidden>"),
        "shown by the script only"
    );
    assert!(page.contains("<option value=\"vilnius\">Vilnius (3)</option>"));
    assert!(page.contains("<script src=\"assets/chronology.js\" defer></script>"));
    let event_entry = page.find("id=\"e2023-07-11\"").unwrap();
    let entry_start = page[..event_entry]
        .rfind("<li class=\"entry entry-event\"")
        .unwrap();
    let tag = &page[entry_start..event_entry];
    assert!(tag.contains("data-entities=\"vilnius\""), "{tag}");
    assert!(tag.contains("data-topics=\""), "{tag}");
    assert!(fixture.public().join("assets/chronology.js").is_file());
}

#[test]
fn the_density_picture_is_drawn_at_build_time_and_links_to_months() {
    let fixture = built();
    let page = fixture.read("public/chronology.html");
    let svg = &page[page.find("<svg class=\"timeline\"").unwrap()..page.find("</svg>").unwrap()];
    assert!(
        svg.contains("<title id=\"timeline-title\">Artikel und Ereignisse im Zeitverlauf</title>")
    );
    assert!(
        svg.contains("<a href=\"#m2023-07\">"),
        "a bar links to its month"
    );
    assert!(svg.contains("Juli 2023: 2 Artikel, 1 Ereignis<"), "{svg}");
    assert!(!svg.contains("<script"));
}

#[test]
fn entity_pages_have_their_own_chronology() {
    let fixture = built();
    let page = fixture.read("public/entities/vilnius.html");
    assert!(page.contains("<h2 id=\"chronology\">Chronologie</h2>"));
    assert!(page.contains("11.–12. Juli 2023"));
    assert!(page.contains("href=\"../chronology.html?entity=vilnius\""));
    assert!(page.contains("href=\"../articles/gipfel.html#p1\""));
    let nobody = fixture.read("public/entities/wolodymyr-selenskyj.html");
    assert!(
        !nobody.contains("id=\"chronology\""),
        "no events, no section"
    );
}

#[test]
fn chronology_json_is_in_the_timelinejs_format() {
    let fixture = built();
    let json: serde_json::Value =
        serde_json::from_str(&fixture.read("public/data/chronology.json")).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(json["title"]["text"]["headline"], "Mini-Dossier");
    let summit = events
        .iter()
        .find(|e| e["unique_id"] == "e2023-07-11")
        .unwrap();
    assert_eq!(summit["start_date"]["year"], 2023);
    assert_eq!(summit["start_date"]["month"], 7);
    assert_eq!(summit["start_date"]["day"], 11);
    assert_eq!(summit["end_date"]["day"], 12);
    assert_eq!(summit["start_date"]["display_date"], "11.–12. Juli 2023");
    assert_eq!(summit["group"], "Ereignis");
    let text = summit["text"]["text"].as_str().unwrap();
    assert!(text.contains("<mark>am 11. und 12. Juli</mark>"));
    assert!(text.contains("href=\"articles/gipfel.html#p1\""));
    assert!(
        summit["text"]["headline"]
            .as_str()
            .unwrap()
            .starts_with("Die Staats- und Regierungschefs")
    );
    // Articles are there too, a month-only date without a day.
    let article = events
        .iter()
        .find(|e| e["unique_id"] == "a-gipfel")
        .unwrap();
    assert_eq!(article["group"], "Artikel");
    assert_eq!(article["start_date"]["month"], 7);
    assert!(article["start_date"].get("day").is_none());
    for e in events {
        assert!(e["start_date"]["year"].is_i64());
        assert!(e["text"]["headline"].is_string());
    }
}

#[test]
fn source_text_in_events_is_escaped() {
    let fixture = Fixture::new("mini");
    fixture.write(
        "content/hostile.md",
        "+++\ntitle = \"H\"\ndate = \"2023-05-02\"\nsource = \"S\"\nseed = \"seeds/kiew.txt\"\n+++\n\nAm 3. Mai 2023 \\<img src=x onerror=alert(1)> geschah \\</script> etwas.\n",
    );
    fixture.build().unwrap();
    let page = fixture.read("public/chronology.html");
    assert!(!page.contains("<img src=x"));
    let json = fixture.read("public/data/chronology.json");
    assert!(
        !json.contains("<img src=x"),
        "TimelineJS renders text as HTML"
    );
    assert!(json.contains("&lt;img src=x"));
}

#[test]
fn bundled_dossier_events_resolve_against_each_article_date() {
    let fixture = Fixture::bundled();
    fixture.build().unwrap();
    let page = fixture.read("public/chronology.html");
    let text = text_of(&page, "main")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "11.–12. Juli 2023",
        "Mitte Juli 2023",
        "Mitte Dezember 2023",
        "Ende 2022",
        "seit 2002",
        "seit Ende der 1990er-Jahre",
        "ab Januar 2025",
        "Januar 2022",
        "Februar 2022",
        "etwa Februar 2022",
        "20. April 2023",
        "21. April 2023",
        "13. November 2024",
        "2008",
        "seit etwa 2014",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
    // `am Donnerstag` in an article dated only to June 2023 is June 2023, and says why.
    assert!(text.contains("der Artikel ist nur auf Juni 2023 datiert, genauer lässt sich „am Donnerstag“ nicht bestimmen"));
    for not_a_date in [
        "300 Soldaten</mark>",
        "2,3 Milliarden</mark>",
        "Artikel 5</mark>",
        "32 Bündnisstaaten</mark>",
    ] {
        assert!(!page.contains(not_a_date), "{not_a_date}");
    }
    // The July 2023 summit: `im Juli` (20 April 2023) joins `am 11. und 12. Juli` (June 2023).
    let summit = text_of(&page, "#e2023-07-11-2");
    assert!(summit.contains("11.–12. Juli 2023"), "{summit}");
    assert!(summit.contains("der NATO-Gipfel im Juli"), "{summit}");
}

/// The `href`s of the elements matching `css` in a page.
fn hrefs(html: &str, css: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse(css).unwrap();
    doc.select(&selector)
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

/// The mini dossier with 1,000 articles more, of 2021 and 2022, each dating eight events to
/// days from 1995 to 2024 (one also to the 1990s): a chronology long enough to be split by year.
pub fn long_chronology_fixture() -> Fixture {
    let fixture = Fixture::new("mini");
    let mut state: u64 = 7;
    let mut next = |n: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    for n in 0..1_000 {
        let (year, month, day) = (2021 + n % 2, 1 + (n / 28) % 12, 1 + n % 28);
        let mut text = String::new();
        for _ in 0..8 {
            let (y, m, d) = (1995 + next(30), next(12) as usize, 1 + next(28));
            text.push_str(&format!(
                "Am {d}. {} {y} berieten Vertreter in Brüssel. ",
                dossier::date::GERMAN_MONTHS[m]
            ));
        }
        if n == 0 {
            text.push_str("Schon in den 1990er-Jahren gab es Gespräche. ");
        }
        fixture.write_article(
            &format!("gen-{n}"),
            &format!("Meldung {n}"),
            &format!("{year}-{month:02}-{day:02}"),
            "",
            &format!("{text}\n"),
            &text,
        );
    }
    fixture
}

#[test]
fn a_long_chronology_gets_a_page_per_year_with_every_entry_once() {
    use dossier::render::chronology::ONE_PAGE_ENTRIES;
    let fixture = long_chronology_fixture();
    let report = fixture.build().unwrap();
    let entries = report.articles + report.events;
    assert!(entries > ONE_PAGE_ENTRIES, "{entries} entries");

    // The first page lists the years and holds no entry; its picture leads to the years' pages.
    let overview = fixture.read("public/chronology.html");
    assert!(
        !overview.contains("class=\"entry "),
        "no entries on the overview"
    );
    let pages = hrefs(&overview, ".chrono-years a");
    assert!(
        pages.contains(&"chronology-1990s.html".to_string()),
        "{pages:?}"
    );
    assert!(
        pages.contains(&"chronology-1995.html".to_string()),
        "{pages:?}"
    );
    assert!(
        pages.contains(&"chronology-2024.html".to_string()),
        "{pages:?}"
    );
    let bars = hrefs(&overview, ".timeline-figure a");
    assert!(!bars.is_empty());
    for bar in &bars {
        let page = bar.split('#').next().unwrap();
        assert!(
            pages.iter().any(|p| p == page),
            "{bar} leads to no year's page"
        );
    }

    // Every article and every event is on exactly one year's page.
    let mut seen = 0;
    let mut articles_seen = std::collections::BTreeMap::<String, usize>::new();
    for page in &pages {
        let html = fixture.read(&format!("public/{page}"));
        let doc = scraper::Html::parse_document(&html);
        let entry = scraper::Selector::parse("li.entry").unwrap();
        seen += doc.select(&entry).count();
        for href in hrefs(&html, "li.entry-article .item-title a") {
            *articles_seen.entry(href).or_default() += 1;
        }
        // Each year's filter offers what that year's entries name.
        assert!(html.contains("<select name=\"entity\">"), "{page}");
    }
    assert_eq!(seen, entries);
    assert_eq!(articles_seen.len(), report.articles);
    assert!(articles_seen.values().all(|&n| n == 1));

    // The year navigation marks the page shown, and every link of the site leads somewhere.
    let year = fixture.read("public/chronology-2021.html");
    assert!(
        year.contains(
            "<a href=\"chronology-2021.html\" data-keep-filter aria-current=\"page\">2021</a>"
        ),
        "{}",
        text_of(&year, ".year-nav")
    );
    assert_eq!(words_of(&year, "h1"), "Chronologie 2021");
    let broken = crate::support::broken_links(&fixture.public());
    assert!(broken.is_empty(), "{broken:?}");
}
