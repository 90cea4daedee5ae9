//! The bundled NATO/Ukraine dossier: it builds, its links hold, and its content is faithful to
//! the seeds it cites.

use std::fs;

use crate::support::{Fixture, broken_links, repo, text_of, tree};

/// SHA-256 of each seed as collected. Seeds are evidence: if one changes, this test says so.
const SEED_HASHES: [(&str, &str); 5] = [
    (
        "000_5e96e0efb5c2b0bc.txt",
        "663a1658bce550bf307d967d6712bf8eda2a1c5de948eeb11e82ef24a6b88105",
    ),
    (
        "001_35ab76b49c56c235.txt",
        "c259d8d74f65cc31144b54ec038dcb74978cab8ae82974103f15d23be6cc1335",
    ),
    (
        "002_e092c7c3be034eb3.txt",
        "e4f520149c8ad9edfa25772c474f55544f3c2004e35c8873ea90d354ea152ffe",
    ),
    (
        "003_f8d3ef48d24ec83a.txt",
        "dd4636e838ab5305ac50f15f7b8d05eece64900fbe16c20df261ff318f429097",
    ),
    (
        "004_b7c2c7400b05af13.txt",
        "ce5f195afe80b4e6b6c7c58b5aed2cc10ae8969d172a39a2b35978154e6ac481",
    ),
];

#[test]
fn seeds_are_unchanged_and_published_unchanged() {
    let fixture = Fixture::bundled();
    fixture.build().unwrap();
    let names: Vec<String> = tree(&repo().join("seeds")).into_keys().collect();
    assert_eq!(names, SEED_HASHES.map(|(n, _)| n.to_string()));
    for (name, hash) in SEED_HASHES {
        let original = fs::read(repo().join("seeds").join(name)).unwrap();
        assert_eq!(
            dossier::load::sha256_hex(&original),
            hash,
            "seeds/{name} was edited"
        );
        assert_eq!(
            fs::read(fixture.public().join("seeds").join(name)).unwrap(),
            original
        );
    }
    // Each article records its seed's hash, so the build itself guards the evidence.
    for (path, bytes) in tree(&repo().join("content")) {
        let text = String::from_utf8(bytes).unwrap();
        let Some(seed) = text.lines().find_map(|l| l.strip_prefix("seed = \"seeds/")) else {
            continue;
        };
        let name = seed.trim_end_matches('"');
        let (_, hash) = SEED_HASHES.iter().find(|(n, _)| *n == name).unwrap();
        assert!(
            text.contains(&format!("\nseed_sha256 = \"{hash}\"\n")),
            "content/{path} does not record the SHA-256 of seeds/{name}"
        );
    }
}

#[test]
fn bundled_dossier_builds_with_working_links() {
    let fixture = Fixture::bundled();
    let report = fixture.build().unwrap();
    assert_eq!(report.articles, 5);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let problems = broken_links(&fixture.public());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn bundled_dates_are_shown_at_their_precision() {
    let fixture = Fixture::bundled();
    fixture.build().unwrap();
    let kiew = fixture.read("public/articles/stoltenberg-besucht-ueberraschend-kiew.html");
    assert!(kiew.contains("20. April 2023"));
    let envoy = fixture.read("public/articles/nato-baut-zivile-praesenz-in-der-ukraine-aus.html");
    assert!(envoy.contains("Juli 2024"));
    assert_eq!(
        text_of(&envoy, "h1"),
        "NATO baut ihre zivile Präsenz in der Ukraine aus"
    );
}

/// Folds whitespace, so a paragraph matches its seed however lines were broken.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn bundled() -> dossier::Dossier {
    let root = repo();
    let config = dossier::SiteConfig::load(&root).unwrap();
    let corpus =
        dossier::load::load_corpus(&dossier::load::Inputs::read(&root, None), &config).unwrap();
    let strings = dossier::render::strings::Strings::builtin(&config.language);
    dossier::enrich::enrich(config, corpus, &strings).unwrap()
}

#[test]
fn every_bundled_text_block_stands_word_for_word_in_its_seed() {
    let dossier = bundled();
    assert_eq!(dossier.articles.len(), 5);
    for entry in &dossier.articles {
        let (article, body) = (&entry.article, &entry.body);
        let seed = fold(&fs::read_to_string(repo().join(&article.seed)).unwrap());
        let mut blocks: Vec<String> = body.paragraphs.iter().map(|p| p.text.clone()).collect();
        blocks.extend(body.headings.iter().map(|h| h.text.clone()));
        for figure in &body.figures {
            blocks.extend([
                figure.caption.clone(),
                figure.credit.clone(),
                figure.alt.clone(),
            ]);
        }
        assert!(
            body.paragraphs.len() >= 5,
            "{}: too few paragraphs",
            article.path.display()
        );
        for block in blocks.iter().filter(|b| !b.is_empty()) {
            assert!(
                seed.contains(&fold(block)),
                "{}: not in {}: {block}",
                article.path.display(),
                article.seed.display()
            );
        }
        let title_from_source = seed.contains(&fold(&article.title));
        assert!(
            title_from_source || article.title_basis.is_some(),
            "{}: a headline not in the seed needs a title_basis",
            article.path.display()
        );
    }
}

#[test]
fn bundled_front_matter_is_complete() {
    for entry in &bundled().articles {
        let a = &entry.article;
        let name = a.path.display();
        assert!(a.summary.is_some(), "{name}: summary");
        assert!(
            !a.topics.is_empty() && entry.entities.len() >= 10,
            "{name}: topics and entities"
        );
        assert_eq!(a.language, "de", "{name}");
        // A seed that carries no date line of its own needs the editor's reasoning for the date.
        let seed = fs::read_to_string(repo().join(&a.seed)).unwrap();
        let dated = seed.starts_with(" date ");
        assert_eq!(
            a.date_basis.is_some(),
            !dated,
            "{name}: date_basis exactly where the seed has no date"
        );
        for boilerplate in [
            "Drücken Sie Play",
            "Gesprochen von künstlicher Intelligenz",
            "Schreibe einen Kommentar",
            "E-Mail-Adresse",
        ] {
            assert!(!a.body.contains(boilerplate), "{name}: {boilerplate}");
        }
    }
}
