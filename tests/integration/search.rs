//! The search index as files: every page has a fragment, term shards are sorted and listed in
//! meta.js, and no indexed text can end up as markup. Matching itself is tested in the browser
//! (`browser.rs`), where the query side runs.

use crate::support::Fixture;

/// The data of one index script: `DOSSIER_SEARCH.add("kind",key,DATA);`.
fn data(fixture: &Fixture, path: &str) -> serde_json::Value {
    let script = fixture.read(&format!("public/search/{path}"));
    let start = script.find(',').unwrap() + 1;
    let start = start + script[start..].find(',').unwrap() + 1;
    let json = script[start..]
        .strip_suffix(");\n")
        .expect("one call per script");
    serde_json::from_str(json).unwrap()
}

#[test]
fn every_page_has_a_result_head_and_every_term_its_shard() {
    let fixture = Fixture::new("mini");
    fixture.build().unwrap();
    let meta = data(&fixture, "meta.js");
    let documents = meta["documents"].as_u64().unwrap();
    assert_eq!(documents, 5 + 9 + 2, "articles, entities, topics");
    for doc in 0..documents {
        let head = data(&fixture, &format!("h/{doc}.js"));
        let url = head["url"].as_str().unwrap();
        assert!(fixture.public().join(url).is_file(), "{url}");
    }
    let firsts: Vec<&str> = meta["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let mut terms = Vec::new();
    for (i, first) in firsts.iter().enumerate() {
        let shard = data(&fixture, &format!("t/{i}.js"));
        let entries: Vec<String> = shard
            .as_str()
            .unwrap()
            .split(',')
            .map(|e| e.split(' ').next().unwrap().to_string())
            .collect();
        assert_eq!(entries[0], *first, "meta.js lists each shard's first term");
        terms.extend(entries);
    }
    assert!(terms.windows(2).all(|w| w[0] < w[1]), "terms sorted");
    for term in [
        "stoltenberg",
        "brussel",
        "nato",
        "gipfel",
        "natogipfel",
        "@y:2023",
    ] {
        assert!(terms.iter().any(|t| t == term), "{term} not indexed");
    }
    let outlets = meta["filters"]["outlet"].as_array().unwrap();
    assert!(!outlets.is_empty());
    let entities = data(&fixture, "entities.js");
    assert_eq!(entities.as_array().unwrap().len(), 9);
}

#[test]
fn indexed_text_is_complete_and_inert() {
    let fixture = Fixture::new("mini");
    fixture.write(
        "content/markup.md",
        "+++\ntitle = \"</script><b>Titel</b>\"\ndate = \"2024-02-01\"\nsource = \"Test\"\nseed = \"seeds/kiew.txt\"\n+++\n\nText mit <img src=x onerror=alert(1)> darin.\n\n- ein Listenpunkt\n- noch einer\n",
    );
    fixture.build().unwrap();
    let meta = data(&fixture, "meta.js");
    let doc = (0..meta["documents"].as_u64().unwrap())
        .find(|doc| {
            fixture
                .read(&format!("public/search/h/{doc}.js"))
                .contains("Titel")
        })
        .unwrap();
    for part in ["h", "f"] {
        let script = fixture.read(&format!("public/search/{part}/{doc}.js"));
        assert!(!script.contains('<'), "{script}");
    }
    let fragment = data(&fixture, &format!("f/{doc}.js"));
    let text = fragment["blocks"].to_string();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("ein Listenpunkt\\nnoch einer"), "{text}");
}
