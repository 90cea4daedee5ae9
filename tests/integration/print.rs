//! The print edition of a large dossier: volumes by year of publication, every article and
//! every chronology entry printed exactly once, links between volumes leading to real ids.

use std::collections::BTreeMap;

use dossier::render::print::ONE_DOCUMENT_ARTICLES;

use crate::support::{Fixture, broken_links};

/// Ids of the form `{slug}:article` in `html`.
fn printed_articles(html: &str) -> Vec<String> {
    html.split(" id=")
        .skip(1)
        .filter_map(|rest| {
            let value = rest.trim_start_matches('"');
            let end = value.find(['"', ' ', '>'])?;
            value[..end].strip_suffix(":article").map(str::to_string)
        })
        .collect()
}

#[test]
fn a_large_dossier_is_printed_in_volumes_by_year_each_article_once() {
    let fixture = Fixture::new("mini");
    // The mini dossier's articles are from 2023 and 2024; these fill 2021 and 2022.
    let extra = ONE_DOCUMENT_ARTICLES + 1;
    for n in 0..extra {
        let (year, day) = (2021 + n % 2, 1 + n % 28);
        let month = 1 + (n / 28) % 12;
        // The first links to an article of a later volume, the second back to the first.
        let link = match n {
            0 => "\n\nSiehe [den Besuch](kiew-besuch.md).\n",
            1 => "\n\nSiehe [die erste Meldung](gen-0.md).\n",
            _ => "\n",
        };
        let text = format!("Meldung {n}: Die NATO berät am Montag in Brüssel.");
        fixture.write_article(
            &format!("gen-{n}"),
            &format!("Meldung {n}"),
            &format!("{year}-{month:02}-{day:02}"),
            "",
            &format!("{text}{link}"),
            &format!("{text}\n"),
        );
    }
    fixture.build().unwrap();

    let public = fixture.public();
    let mut printed: BTreeMap<String, usize> = BTreeMap::new();
    let mut volumes = Vec::new();
    // The chronology's years, over all files: each printed once.
    let mut years: BTreeMap<String, usize> = BTreeMap::new();
    for entry in std::fs::read_dir(&public).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("print-") {
            volumes.push(name.clone());
            for slug in printed_articles(&fixture.read(&format!("public/{name}"))) {
                *printed.entry(slug).or_default() += 1;
            }
        }
    }
    for name in volumes.iter().chain([&"print.html".to_string()]) {
        let html = fixture.read(&format!("public/{name}"));
        for part in html.split("<h3>").skip(1) {
            *years
                .entry(part[..part.find('<').unwrap()].to_string())
                .or_default() += 1;
        }
    }
    assert!(
        years.contains_key("2021") && years.contains_key("2024"),
        "{years:?}"
    );
    assert!(years.values().all(|&n| n == 1), "{years:?}");
    volumes.sort();
    assert_eq!(
        volumes,
        [
            "print-2021.html",
            "print-2022.html",
            "print-2023.html",
            "print-2024.html"
        ]
    );
    assert_eq!(printed.len(), extra + 5, "every article is printed");
    assert!(printed.values().all(|&n| n == 1), "no article twice");

    let cover = fixture.read("public/print.html");
    assert!(printed_articles(&cover).is_empty());
    for volume in &volumes {
        assert!(
            cover.contains(&format!("href=\"{volume}\"")),
            "{volume} listed"
        );
    }
    assert!(cover.contains("id=\"print:register\""));

    // A link to an article in another volume leads to that volume, and back.
    let first = fixture.read("public/print-2021.html");
    assert!(first.contains("href=\"print-2023.html#kiew-besuch:article\""));
    assert!(
        fixture
            .read("public/print-2022.html")
            .contains("href=\"print-2021.html#gen-0:article\"")
    );
    assert!(first.contains("Band 2021"));
    assert_eq!(broken_links(&public), Vec::<String>::new());
}
