//! Feeds, sitemap and structured data: the Atom feed against the rules of RFC 4287, the JSON
//! Feed and the pages' JSON-LD parsed and checked for the properties their readers require,
//! every link in them leading to a file of the site.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::Fixture;

/// Whether `href`, relative to the file `from` in the output folder, names a file there.
fn resolves(public: &Path, from: &str, href: &str) -> bool {
    let dir = Path::new(from).parent().unwrap_or(Path::new(""));
    let path = href.split('#').next().unwrap_or("");
    let decoded = percent_decode(path);
    public.join(dir).join(decoded).is_file()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// RFC 3339 date-time as Atom requires it (`2023-07-01T00:00:00Z`).
fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20
        && text.ends_with('Z')
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
}

/// The JSON-LD objects of a page.
fn json_ld(page: &str) -> Vec<serde_json::Value> {
    let html = scraper::Html::parse_document(page);
    let selector = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    html.select(&selector)
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).expect("JSON-LD parses"))
        .collect()
}

#[test]
fn the_atom_feed_keeps_the_rules_of_rfc_4287_and_its_links_lead_to_pages() {
    let fixture = Fixture::new("mini");
    fixture.build().unwrap();
    let public = fixture.public();
    let text = fixture.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&text).expect("atom.xml is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(feed.tag_name().name(), "feed");
    let children = |node: roxmltree::Node<'_, '_>, name: &str| -> Vec<String> {
        node.children()
            .filter(|c| c.tag_name().name() == name)
            .map(|c| c.text().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    // atom:feed: exactly one id, title and updated; an author, since entries may lack one.
    for name in ["id", "title", "updated"] {
        assert_eq!(children(feed, name).len(), 1, "feed {name}");
    }
    assert!(is_rfc3339(&children(feed, "updated")[0]));
    assert!(feed.children().any(|c| c.tag_name().name() == "author"));
    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), 5, "every article of the fixture");
    let mut ids = BTreeSet::new();
    for entry in &entries {
        for name in ["id", "title", "updated"] {
            assert_eq!(children(*entry, name).len(), 1, "entry {name}");
        }
        let id = &children(*entry, "id")[0];
        assert!(id.starts_with("urn:uuid:") && id.len() == 45, "{id}");
        assert!(ids.insert(id.clone()), "ids are unique");
        assert!(is_rfc3339(&children(*entry, "updated")[0]));
        // Without content, an entry needs an alternate link (RFC 4287 4.1.2).
        let alternate: Vec<_> = entry
            .children()
            .filter(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("alternate"))
            .collect();
        assert_eq!(alternate.len(), 1);
        let href = alternate[0].attribute("href").unwrap();
        assert!(resolves(&public, "atom.xml", href), "{href}");
    }
    // Newest first, as the articles list.
    let updated: Vec<String> = entries
        .iter()
        .map(|e| children(*e, "updated")[0].clone())
        .collect();
    assert!(updated.windows(2).all(|w| w[0] >= w[1]), "{updated:?}");

    // The same for the JSON Feed.
    let json: serde_json::Value = serde_json::from_str(&fixture.read("public/feed.json")).unwrap();
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    for item in items {
        assert!(item["id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert!(item["content_text"].is_string());
        // JSON Feed has no rule for relative addresses: without a base_url there are none.
        assert!(item.get("url").is_none());
    }
    // Pages name their feeds; without a base_url there is no sitemap, canonical link or robots.txt.
    let index = fixture.read("public/index.html");
    assert!(index.contains(r#"<link rel="alternate" type="application/atom+xml""#));
    assert!(!index.contains("rel=\"canonical\""));
    assert!(!public.join("sitemap.xml").exists() && !public.join("robots.txt").exists());
}

#[test]
fn pages_carry_schema_org_json_ld_and_a_base_url_gives_sitemap_and_canonical_links() {
    let fixture = Fixture::new("mini");
    let base = "https://example.github.io/mini/";
    fixture.edit(
        "site.toml",
        "output_dir",
        &format!("base_url = \"{base}\"\noutput_dir"),
    );
    fixture.build().unwrap();
    let public = fixture.public();

    let page = fixture.read("public/articles/kiew-besuch.html");
    let ld = json_ld(&page);
    assert_eq!(ld.len(), 1);
    let article = &ld[0];
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "Stoltenberg besucht Kiew");
    assert_eq!(article["datePublished"], "2023-04-20");
    assert_eq!(article["publisher"]["name"], "Testmedium");
    assert_eq!(article["author"][0]["name"], "AB");
    assert_eq!(article["author"][1]["@type"], "Organization");
    assert_eq!(article["isBasedOn"], format!("{base}seeds/kiew.txt.html"));
    assert!(public.join("seeds/kiew.txt.html").is_file());
    assert!(page.contains(&format!(
        r#"<link rel="canonical" href="{base}articles/kiew-besuch.html">"#
    )));
    // A month-precise date stays a month.
    let gipfel = json_ld(&fixture.read("public/articles/gipfel.html"));
    assert_eq!(gipfel[0]["datePublished"], "2023-07");

    let person = &json_ld(&fixture.read("public/entities/jens-stoltenberg.html"))[0];
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Jens Stoltenberg");
    assert_eq!(person["sameAs"], "https://www.wikidata.org/wiki/Q57448");
    let place = &json_ld(&fixture.read("public/entities/kiew.html"))[0];
    assert_eq!(place["@type"], "Place");

    // The sitemap lists every page at its address.
    let sitemap = fixture.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.contains(&format!("{base}articles/kiew-besuch.html").as_str()));
    for loc in &locs {
        let path = loc.strip_prefix(base).unwrap();
        assert!(resolves(&public, "index.html", path), "{loc}");
    }
    // Under a project path no crawler reads robots.txt: there is none.
    assert!(!public.join("robots.txt").exists());
    // Alias pages name their entity's page as canonical and are not in the sitemap.
    assert!(
        !locs
            .iter()
            .any(|l| l.ends_with("entities/stoltenberg.html"))
    );
    let alias = fixture.read("public/entities/stoltenberg.html");
    assert!(alias.contains(&format!(
        r#"<link rel="canonical" href="{base}entities/jens-stoltenberg.html">"#
    )));
    let json: serde_json::Value = serde_json::from_str(&fixture.read("public/feed.json")).unwrap();
    for item in json["items"].as_array().unwrap() {
        let url = item["url"].as_str().unwrap().strip_prefix(base).unwrap();
        assert!(public.join(url).is_file(), "{url}");
    }
    let atom = fixture.read("public/atom.xml");
    assert!(atom.contains(&format!(r#"<link rel="self" href="{base}atom.xml"/>"#)));
}
