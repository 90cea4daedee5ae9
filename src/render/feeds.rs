//! Feeds and discovery: `atom.xml` and `feed.json` of the articles, newest first; with a
//! `base_url`, `sitemap.xml` and `robots.txt`; and the schema.org JSON-LD of article and entity
//! pages.
//!
//! A feed is read from wherever it was fetched, so without a `base_url` its links are relative
//! to it, as RFC 4287 allows; its ids are stable URNs made from the dossier's title and the
//! article's page, so a reader knows an entry again after the site has moved.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::OutputFile;
use super::context::Views;
use super::urls;
use crate::date::PartialDate;
use crate::enrich::Dossier;
use crate::load::EntityKind;

/// The Atom feed's file.
pub const ATOM: &str = "atom.xml";
/// The JSON Feed's file.
pub const JSON_FEED: &str = "feed.json";

/// The feeds, and with a `base_url` the sitemap and `robots.txt`, for a site of `pages`.
pub fn files(dossier: &Dossier, views: &Views, pages: &[&str]) -> Vec<OutputFile> {
    let mut files = vec![
        OutputFile::new(ATOM, atom(dossier, views)),
        OutputFile::new(JSON_FEED, json_feed(dossier, views)),
    ];
    // Search engines want absolute addresses: without a base_url there are none to give.
    let Some(base) = &dossier.config.base_url else {
        return files;
    };
    // Alias pages only lead on to their entity's page, which is listed itself.
    let aliases: BTreeSet<String> = dossier
        .alias_pages
        .iter()
        .map(|(slug, _)| urls::entity(slug))
        .collect();
    let mut listed: Vec<&str> = pages
        .iter()
        .copied()
        .filter(|p| p.ends_with(".html") && *p != "404.html" && !aliases.contains(*p))
        .collect();
    listed.sort_unstable();
    files.extend(sitemaps(base, &listed));
    // Crawlers read robots.txt at a host's root only: under a project path it would be read by
    // none.
    if at_host_root(base) {
        files.push(OutputFile::new("robots.txt", robots(base)));
    }
    files
}

/// A date as RFC 3339, at the start of what the date covers (`2023-07` → `2023-07-01T00:00:00Z`).
fn rfc3339(date: PartialDate) -> String {
    let iso = date.iso();
    let mut parts = iso.split('-');
    let year = parts.next().unwrap_or("1970");
    let month = parts.next().unwrap_or("01");
    let day = parts.next().unwrap_or("01");
    format!("{year}-{month}-{day}T00:00:00Z")
}

/// A stable id for a page of the dossier: a UUID made from the SHA-256 of the dossier's title and
/// the page's path (version 8, the version RFC 9562 leaves for such names). Renaming the dossier
/// renames the ids.
fn urn(dossier: &Dossier, path: &str) -> String {
    let digest = Sha256::digest(format!("{}\n{path}", dossier.config.title).as_bytes());
    let mut b: [u8; 16] = digest[..16].try_into().expect("a SHA-256 is 32 bytes");
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Where a page of the site is, for a feed or JSON-LD: absolute with a `base_url`, else
/// relative to `from` (the folder depth of the file that links).
fn href(dossier: &Dossier, path: &str, from: &str) -> String {
    match &dossier.config.base_url {
        Some(base) => format!("{base}{path}"),
        None => format!("{}{path}", urls::root_from(from)),
    }
}

/// Text escaped for XML: HTML's escaping, and the characters XML 1.0 admits nowhere (control
/// characters other than tab and line breaks, U+FFFE, U+FFFF) as U+FFFD.
fn xml(text: &str) -> String {
    let admissible: String = text
        .chars()
        .map(|c| {
            let barred = (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || matches!(c, '\u{FFFE}' | '\u{FFFF}');
            if barred { '\u{FFFD}' } else { c }
        })
        .collect();
    crate::markdown::escape_html(&admissible).replace('\'', "&apos;")
}

/// What a feed says of an article: the editor's summary, else its outlet and date.
fn summary_of(article: &crate::load::Article, date: &str) -> String {
    match &article.summary {
        Some(summary) => summary.clone(),
        None => format!("{}, {date}", article.source),
    }
}

/// The articles, newest first, as an Atom feed (RFC 4287).
pub fn atom(dossier: &Dossier, views: &Views) -> String {
    let config = &dossier.config;
    let updated = dossier
        .articles
        .iter()
        .map(|a| a.article.date)
        .max()
        .map(rfc3339)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml(&config.language)
    ));
    out.push_str(&format!("<title>{}</title>\n", xml(&config.title)));
    if !config.description.is_empty() {
        out.push_str(&format!(
            "<subtitle>{}</subtitle>\n",
            xml(&config.description)
        ));
    }
    out.push_str(&format!("<id>{}</id>\n", urn(dossier, "")));
    out.push_str(&format!("<updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "<link rel=\"self\" href=\"{}\"/>\n",
        xml(&href(dossier, ATOM, ATOM))
    ));
    out.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&href(dossier, "index.html", ATOM))
    ));
    out.push_str(&format!(
        "<author><name>{}</name></author>\n<generator>dossier</generator>\n",
        xml(&config.title)
    ));
    for i in (0..dossier.articles.len()).rev() {
        let article = &dossier.articles[i].article;
        let item = views.item(i);
        out.push_str("<entry>\n");
        out.push_str(&format!("  <title>{}</title>\n", xml(&article.title)));
        out.push_str(&format!("  <id>{}</id>\n", urn(dossier, &item.url)));
        let date = rfc3339(article.date);
        out.push_str(&format!(
            "  <updated>{date}</updated>\n  <published>{date}</published>\n"
        ));
        out.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&href(dossier, &item.url, ATOM))
        ));
        for name in article.authors.iter().chain(&article.agencies) {
            out.push_str(&format!("  <author><name>{}</name></author>\n", xml(name)));
        }
        for topic in &dossier.articles[i].topics {
            out.push_str(&format!(
                "  <category term=\"{}\"/>\n",
                xml(&dossier.topics[*topic].name)
            ));
        }
        let summary = summary_of(article, &item.date.display);
        out.push_str(&format!("  <summary>{}</summary>\n", xml(&summary)));
        out.push_str(&format!(
            "  <source><title>{}</title></source>\n",
            xml(&article.source)
        ));
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The articles, newest first, as a JSON Feed 1.1.
pub fn json_feed(dossier: &Dossier, views: &Views) -> String {
    let config = &dossier.config;
    let items: Vec<Value> = (0..dossier.articles.len())
        .rev()
        .map(|i| {
            let entry = &dossier.articles[i];
            let article = &entry.article;
            let item = views.item(i);
            let authors: Vec<Value> = article
                .authors
                .iter()
                .chain(&article.agencies)
                .map(|name| json!({ "name": name }))
                .collect();
            let mut value = json!({
                "id": urn(dossier, &item.url),

                "title": article.title,
                // The summary, not the text: the feed stays small as the dossier grows, and the
                // text is one link away.
                "content_text": summary_of(article, &item.date.display),
                "date_published": rfc3339(article.date),
                "language": article.language,
                "tags": entry.topics.iter().map(|t| dossier.topics[*t].name.clone()).collect::<Vec<_>>(),
            });
            if !authors.is_empty() {
                value["authors"] = json!(authors);
            }
            // JSON Feed has no rule for relative addresses: without a base_url, none is given.
            if let Some(base) = &config.base_url {
                value["url"] = json!(format!("{base}{}", item.url));
            }
            value
        })
        .collect();
    let mut feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.title,
        "language": config.language,
        "items": items,
    });
    if !config.description.is_empty() {
        feed["description"] = json!(config.description);
    }
    if let Some(base) = &config.base_url {
        feed["home_page_url"] = json!(format!("{base}index.html"));
        feed["feed_url"] = json!(format!("{base}{JSON_FEED}"));
    }
    let mut text = serde_json::to_string_pretty(&feed).expect("a feed serialises");
    text.push('\n');
    text
}

/// Every page of the site (by its output file) at its absolute address, for search engines.
/// Most URLs one sitemap may hold (sitemaps.org).
const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml`; for a site of more than [`SITEMAP_URLS`] pages, a sitemap index of that name
/// and the sitemaps `sitemap-1.xml`, `sitemap-2.xml` … it lists.
fn sitemaps(base: &str, pages: &[&str]) -> Vec<OutputFile> {
    if pages.len() <= SITEMAP_URLS {
        return vec![OutputFile::new("sitemap.xml", sitemap(base, pages))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (n, chunk) in pages.chunks(SITEMAP_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            xml(&format!("{base}{name}"))
        ));
        files.push(OutputFile::new(name, sitemap(base, chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile::new("sitemap.xml", index));
    files
}

fn sitemap(base: &str, pages: &[&str]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let url = format!("{base}{}", urls::file_url(page));
        out.push_str(&format!("<url><loc>{}</loc></url>\n", xml(&url)));
    }
    out.push_str("</urlset>\n");
    out
}

/// Whether a `base_url` is a host's root (`https://example.org/`), where `robots.txt` is read.
fn at_host_root(base: &str) -> bool {
    base.split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'))
        .is_some_and(|host| !host.contains('/'))
}

/// `robots.txt`: everything may be read; where the sitemap is.
fn robots(base: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
}

/// JSON for a `<script type="application/ld+json">`: `<` escaped, so no text can close the
/// script element.
fn script_json(value: &Value) -> String {
    serde_json::to_string(value)
        .expect("JSON-LD serialises")
        .replace('<', "\\u003c")
}

/// The schema.org `NewsArticle` of article `i`: headline, date at its precision, the original
/// outlet as publisher, authors, and the raw source it is based on.
pub fn article_json_ld(dossier: &Dossier, i: usize) -> String {
    let entry = &dossier.articles[i];
    let article = &entry.article;
    let page = urls::article(&article.slug);
    let mut authors: Vec<Value> = article
        .authors
        .iter()
        .map(|name| json!({ "@type": "Person", "name": name }))
        .collect();
    authors.extend(
        article
            .agencies
            .iter()
            .map(|name| json!({ "@type": "Organization", "name": name })),
    );
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.iso(),
        "inLanguage": article.language,
        "publisher": { "@type": "Organization", "name": article.source },
        "isBasedOn": href(dossier, &urls::seed_page(&article.seed), &page),
        "url": href(dossier, &page, &page),
        "isPartOf": { "@type": "WebSite", "name": dossier.config.title },
        "keywords": entry.topics.iter().map(|t| dossier.topics[*t].name.clone()).collect::<Vec<_>>(),
        "mentions": entry.entities.iter().map(|e| {
            let entity = &dossier.entities[e.entity].entity;
            json!({ "@type": schema_type(entity.kind), "name": entity.name })
        }).collect::<Vec<_>>(),
    });
    if !authors.is_empty() {
        value["author"] = json!(authors);
    }
    if let Some(summary) = &article.summary {
        value["description"] = json!(summary);
    }
    script_json(&value)
}

/// The schema.org type of an entity kind.
fn schema_type(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Organisation => "Organization",
        EntityKind::Place => "Place",
        EntityKind::Event => "Event",
        EntityKind::Other => "Thing",
    }
}

/// The schema.org `Person`, `Organization`, `Place` (or `Event`, `Thing`) of entity `i`, with
/// its Wikidata item as `sameAs` where the registry knows it.
pub fn entity_json_ld(dossier: &Dossier, i: usize) -> String {
    let entity = &dossier.entities[i].entity;
    let page = urls::entity(&entity.slug);
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": schema_type(entity.kind),
        "name": entity.name,
        "url": href(dossier, &page, &page),
    });
    if !entity.aliases.is_empty() {
        value["alternateName"] = json!(entity.aliases);
    }
    if !entity.description.is_empty() {
        value["description"] = json!(entity.description);
    }
    if let Some(id) = &entity.wikidata {
        value["sameAs"] = json!(format!("https://www.wikidata.org/wiki/{id}"));
    }
    script_json(&value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_start_where_their_precision_does() {
        assert_eq!(rfc3339(PartialDate::year(2023)), "2023-01-01T00:00:00Z");
    }

    #[test]
    fn more_pages_than_one_sitemap_holds_get_a_sitemap_index() {
        let names: Vec<String> = (0..SITEMAP_URLS + 1)
            .map(|i| format!("articles/a{i}.html"))
            .collect();
        let pages: Vec<&str> = names.iter().map(String::as_str).collect();
        let files = sitemaps("https://example.org/d/", &pages);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["sitemap-1.xml", "sitemap-2.xml", "sitemap.xml"]);
        let index = String::from_utf8(files[2].bytes.clone()).unwrap();
        assert!(index.contains("<sitemapindex "), "{index}");
        assert!(index.contains("<loc>https://example.org/d/sitemap-2.xml</loc>"));
        let second = String::from_utf8(files[1].bytes.clone()).unwrap();
        assert_eq!(second.matches("<url>").count(), 1);
        assert_eq!(sitemaps("https://example.org/", &pages[..2]).len(), 1);
    }

    #[test]
    fn xml_text_is_escaped_and_script_json_cannot_close_its_element() {
        assert_eq!(xml("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(
            script_json(&json!({ "headline": "</script><script>alert(1)</script>" })),
            r#"{"headline":"\u003c/script>\u003cscript>alert(1)\u003c/script>"}"#
        );
    }
}
