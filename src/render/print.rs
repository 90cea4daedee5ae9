//! The print edition, `print.html`: the whole dossier as one document (a table of contents,
//! every article, the entity register and the chronology), for printing or saving as PDF.
//!
//! Each article's body was rendered for its own page, one folder down; here its ids take the
//! article's slug as a prefix, so that `#p1` of one article is not `#p1` of the next, and its
//! links lead from the site root, links to other articles to their place in this document.

use serde_json::json;

use super::chronology::ChronologyViews;
use super::context::Views;
use crate::enrich::Dossier;

/// The print edition's file.
pub const PAGE: &str = "print.html";

/// The page data of the print edition.
pub fn data(dossier: &Dossier, views: &Views, chronology: &ChronologyViews) -> serde_json::Value {
    let articles: Vec<serde_json::Value> = (0..dossier.articles.len())
        .map(|i| {
            let slug = &dossier.articles[i].article.slug;
            let mut view = serde_json::to_value(views.article(i)).expect("a view serialises");
            let body = view["body_html"].as_str().unwrap_or("").to_string();
            view["body_html"] = json!(body_for_print(&body, slug));
            view["anchor"] = json!(slug);
            view
        })
        .collect();
    json!({
        "articles": articles,
        "entities": views.entity_items(),
        "chronology": chronology.page(),
    })
}

/// An article's body as the print edition holds it: ids prefixed with the article's slug,
/// in-page links with them, links to other articles turned into links within the document, and
/// links to other pages made relative to the site root.
pub fn body_for_print(html: &str, slug: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find(['i', 'h']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // An attribute follows a space inside a tag.
        let attribute = out.ends_with(' ');
        if let Some(after) = rest.strip_prefix("id=\"").filter(|_| attribute) {
            out.push_str(&format!("id=\"{slug}-"));
            rest = after;
        } else if let Some(after) = rest.strip_prefix("href=\"").filter(|_| attribute) {
            let end = after.find('"').unwrap_or(after.len());
            out.push_str("href=\"");
            out.push_str(&print_href(&after[..end], slug));
            rest = &after[end..];
        } else {
            out.push_str(&rest[..1]);
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Where a link of article `slug`'s body leads in the print edition.
fn print_href(href: &str, slug: &str) -> String {
    if let Some(fragment) = href.strip_prefix('#') {
        return format!("#{slug}-{fragment}");
    }
    // Another article's page is beside this one (`gipfel.html#p1`), or reached from the root.
    let beside = (!href.contains(['/', ':'])).then_some(href);
    if let Some(other) = href.strip_prefix("../articles/").or(beside) {
        let (page, fragment) = other.split_once('#').unwrap_or((other, ""));
        if let Some(target) = page.strip_suffix(".html") {
            return if fragment.is_empty() {
                format!("#{target}")
            } else {
                format!("#{target}-{fragment}")
            };
        }
    }
    match href.strip_prefix("../") {
        Some(from_root) => from_root.to_string(),
        None => href.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links_fit_one_document() {
        let body = r##"<p id="p1"><a class="pnum" href="#p1">1</a>Siehe <a href="../articles/gipfel.html#p2">dort</a>, <a href="gipfel.html">hier</a>, <a href="../entities/nato.html">NATO</a> und <a href="https://www.nato.int/">nato.int</a>.</p><h2 id="hintergrund">Hintergrund</h2>"##;
        assert_eq!(
            body_for_print(body, "kiew"),
            r##"<p id="kiew-p1"><a class="pnum" href="#kiew-p1">1</a>Siehe <a href="#gipfel-p2">dort</a>, <a href="#gipfel">hier</a>, <a href="entities/nato.html">NATO</a> und <a href="https://www.nato.int/">nato.int</a>.</p><h2 id="kiew-hintergrund">Hintergrund</h2>"##
        );
    }

    #[test]
    fn text_that_looks_like_markup_is_left_alone() {
        // The body escapes the source's own text, so `id="` only stands in the renderer's markup.
        let body = r#"<p id="p1">Ein Text mit &lt;a href=&quot;x&quot;&gt; und hid="nichts".</p>"#;
        // (Quotes in text are escaped too; `hid="` here stands for any word ending in `id`.)
        assert_eq!(
            body_for_print(body, "a"),
            r#"<p id="a-p1">Ein Text mit &lt;a href=&quot;x&quot;&gt; und hid="nichts".</p>"#
        );
    }
}
