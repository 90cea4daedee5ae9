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
    let per_file = meta["heads"].as_u64().unwrap();
    for doc in 0..documents {
        let head = &data(&fixture, &format!("h/{}.js", doc / per_file))[(doc % per_file) as usize];
        let url = head["url"].as_str().unwrap();
        assert!(fixture.public().join(url).is_file(), "{url}");
    }
    assert!(
        !fixture
            .public()
            .join(format!("search/h/{}.js", documents.div_ceil(per_file)))
            .exists(),
        "no head file past the last document"
    );
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
        "+++\ntitle = \"</script><b>Titel</b>\"\ndate = \"2024-02-01\"\nsource = \"Test\"\nseed = \"seeds/kiew.txt\"\n+++\n\nText mit \\<img src=x onerror=alert(1)> darin.\n\n- ein Listenpunkt\n- noch einer\n",
    );
    fixture.build().unwrap();
    let meta = data(&fixture, "meta.js");
    let per_file = meta["heads"].as_u64().unwrap();
    let doc = (0..meta["documents"].as_u64().unwrap())
        .find(|doc| {
            let heads = data(&fixture, &format!("h/{}.js", doc / per_file));
            heads[(doc % per_file) as usize]["title"]
                .as_str()
                .unwrap()
                .contains("Titel")
        })
        .unwrap();
    for script in [
        fixture.read(&format!("public/search/h/{}.js", doc / per_file)),
        fixture.read(&format!("public/search/f/{doc}.js")),
    ] {
        assert!(!script.contains('<'), "{script}");
    }
    let fragment = data(&fixture, &format!("f/{doc}.js"));
    let text = fragment["blocks"].to_string();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("ein Listenpunkt\\nnoch einer"), "{text}");
}

/// Articles are indexed in runs side by side, one run per thread once there are enough of
/// them; the index must not depend on how many runs there were. Every other word is `und`,
/// often enough to be left out of positions and placed by pairs.
#[test]
fn the_index_is_the_same_on_one_thread_and_on_several() {
    let fixture = Fixture::new("mini");
    let words = [
        "die",
        "Gipfel",
        "Vilnius",
        "Kiew",
        "Bündnis",
        "Waffen",
        "Lieferung",
    ];
    for n in 0..700usize {
        let text: Vec<&str> = (0..120)
            .map(|i| match i % 2 {
                0 => "und",
                _ => words[(n * 7 + i * i) % words.len()],
            })
            .collect();
        let text = format!("{} {n}.", text.join(" "));
        fixture.write(&format!("seeds/run-{n}.txt"), &text);
        fixture.write(
            &format!("content/run-{n}.md"),
            &format!(
                "+++\ntitle = \"Lauf {n}\"\ndate = \"2024-01-02\"\nsource = \"Quelle {}\"\n\
                 seed = \"seeds/run-{n}.txt\"\n+++\n\n{text}\n",
                n % 3
            ),
        );
    }
    let build = |threads: &str, out: &str| {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "--quiet", "--root"])
            .arg(fixture.root())
            .arg("--out")
            .arg(fixture.root().join(out))
            .status()
            .unwrap();
        assert!(status.success());
        crate::support::tree(&fixture.root().join(out).join("search"))
    };
    let one = build("1", "one");
    let four = build("4", "four");
    assert!(one.contains_key("q/0.js"), "pairs were made");
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        four.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(bytes == &four[path], "search/{path} differs");
    }
}
