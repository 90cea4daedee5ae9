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
            view["anchor"] = json!(article_id(slug));
            view["title_id"] = json!(format!("{slug}:title"));
            view
        })
        .collect();
    json!({
        "articles": articles,
        "entities": views.entity_items(),
        "chronology": chronology.page(),
    })
}

/// The id of article `slug` in the print edition; `{slug}:title` is its headline's. A `:`
/// stands in no slug or body id, so no article's ids can meet another's or the page's own.
pub fn article_id(slug: &str) -> String {
    format!("{slug}:article")
}

/// An article's body as the print edition holds it: ids as `{slug}.{id}`, in-page links with
/// them, links to other articles turned into links within the document, and links to other
/// pages made relative to the site root. Only attributes inside tags are touched: the source's
/// text, escaped by the renderer, keeps every character.
pub fn body_for_print(html: &str, slug: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        out.push_str(&print_tag(&rest[open..close], slug));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// One tag with its `id` and `href` attributes made to fit the print edition.
fn print_tag(tag: &str, slug: &str) -> String {
    let mut out = String::with_capacity(tag.len() + 16);
    let mut rest = tag;
    while let Some(at) = rest.find(" id=\"").or_else(|| rest.find(" href=\"")) {
        // The nearer of the two attributes comes first.
        let at = [rest.find(" id=\""), rest.find(" href=\"")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(at);
        let (name_len, is_id) = if rest[at..].starts_with(" id=\"") {
            (5, true)
        } else {
            (7, false)
        };
        out.push_str(&rest[..at + name_len]);
        let value_start = at + name_len;
        let end = rest[value_start..]
            .find('"')
            .map_or(rest.len(), |e| value_start + e);
        let value = &rest[value_start..end];
        if is_id {
            out.push_str(&format!("{slug}.{value}"));
        } else {
            out.push_str(&print_href(value, slug));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where a link of article `slug`'s body leads in the print edition.
fn print_href(href: &str, slug: &str) -> String {
    if let Some(fragment) = href.strip_prefix('#') {
        return format!("#{slug}.{fragment}");
    }
    // Another article's page is beside this one (`gipfel.html#p1`), or reached from the root.
    let beside = (!href.contains(['/', ':'])).then_some(href);
    if let Some(other) = href.strip_prefix("../articles/").or(beside) {
        let (page, fragment) = other.split_once('#').unwrap_or((other, ""));
        if let Some(target) = page.strip_suffix(".html") {
            return if fragment.is_empty() {
                format!("#{}", article_id(target))
            } else {
                format!("#{target}.{fragment}")
            };
        }
    }
    // `../javascript:x` is a harmless relative link on an article page, but without its `../`
    // it would run: such a target keeps its prefix.
    match href.strip_prefix("../") {
        Some(from_root) if crate::markdown::is_safe_url(from_root) => from_root.to_string(),
        _ => href.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_link_never_becomes_a_script_link() {
        assert_eq!(
            print_href("../javascript:alert(1)", "kiew"),
            "../javascript:alert(1)"
        );
        assert_eq!(
            print_href("../data:text/html,x", "kiew"),
            "../data:text/html,x"
        );
    }

    #[test]
    fn ids_and_links_fit_one_document() {
        let body = r##"<p id="p1"><a class="pnum" href="#p1">1</a>Siehe <a href="../articles/gipfel.html#p2">dort</a>, <a href="gipfel.html">hier</a>, <a href="../entities/nato.html">NATO</a> und <a href="https://www.nato.int/">nato.int</a>.</p><h2 id="title">Title</h2>"##;
        assert_eq!(
            body_for_print(body, "kiew"),
            r##"<p id="kiew.p1"><a class="pnum" href="#kiew.p1">1</a>Siehe <a href="#gipfel.p2">dort</a>, <a href="#gipfel:article">hier</a>, <a href="entities/nato.html">NATO</a> und <a href="https://www.nato.int/">nato.int</a>.</p><h2 id="kiew.title">Title</h2>"##
        );
    }

    #[test]
    fn the_sources_text_is_left_alone_even_where_it_looks_like_markup() {
        // Text that reads like attributes, outside any tag, as a source may print it.
        let body = r#"<p id="p1">Code: &lt;a id="z" href="../y"&gt; und id="p1".</p>"#;
        assert_eq!(
            body_for_print(body, "a"),
            r#"<p id="a.p1">Code: &lt;a id="z" href="../y"&gt; und id="p1".</p>"#
        );
    }
}
