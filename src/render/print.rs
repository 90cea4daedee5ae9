//! The print edition, `print.html`: the whole dossier as one document (a table of contents,
//! every article, the entity register and the chronology), for printing or saving as PDF; for
//! a dossier of more than [`ONE_DOCUMENT_ARTICLES`], a cover and one volume per year.
//!
//! Each article's body was rendered for its own page, one folder down; here its ids take the
//! article's slug as a prefix, so that `#p1` of one article is not `#p1` of the next, and its
//! links lead from the site root, links to other articles to their place in this document (or
//! in the volume that prints them).

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::chronology::{ChronologyViews, YearView};
use super::context::{ArticleView, EntityItem, Views};
use crate::enrich::Dossier;

/// The print edition's file.
pub const PAGE: &str = "print.html";

/// Most articles the print edition holds as one document. A larger dossier is printed in
/// volumes, one per year of publication, each with that year of the chronology: one document
/// of ten thousand articles is hundreds of megabytes, more than a browser prints, and more
/// than a build should hold in memory at once.
pub const ONE_DOCUMENT_ARTICLES: usize = 500;

/// One file of the print edition.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Its path in the site.
    pub path: String,
    /// The year of publication it holds, for a volume.
    pub year: Option<i32>,
    /// The articles it prints, in time order.
    pub articles: Range<usize>,
    /// The chronology's years (indices into [`crate::enrich::Chronology::years`]) it prints.
    pub chronology_years: Vec<usize>,
    /// Whether it prints the entity register (the whole edition's first file does).
    pub register: bool,
}

impl Part {
    /// Roughly how much work it is to make, in article pages.
    pub fn weight(&self, dossier: &Dossier) -> usize {
        let events: usize = self
            .chronology_years
            .iter()
            .map(|&y| dossier.chronology.years[y].entry_count())
            .sum();
        self.articles.len() * 4
            + events
            + if self.register {
                dossier.entities.len() / 10
            } else {
                0
            }
    }
}

/// The files of the print edition: `print.html` alone, or, for a dossier of more than
/// [`ONE_DOCUMENT_ARTICLES`], `print.html` as the cover (the list of volumes, the register and
/// the chronology of years without articles) and `print-{year}.html` for each year of
/// publication.
pub fn parts(dossier: &Dossier) -> Vec<Part> {
    let chronology = &dossier.chronology.years;
    if dossier.articles.len() <= ONE_DOCUMENT_ARTICLES {
        return vec![Part {
            path: PAGE.to_string(),
            year: None,
            articles: 0..dossier.articles.len(),
            chronology_years: (0..chronology.len()).collect(),
            register: true,
        }];
    }
    // Articles are in time order, so each year's are one run.
    let mut volumes: Vec<Part> = Vec::new();
    for (i, entry) in dossier.articles.iter().enumerate() {
        let year = entry.article.date.year_number();
        match volumes.last_mut() {
            Some(last) if last.year == Some(year) => last.articles.end = i + 1,
            _ => volumes.push(Part {
                path: volume_path(year),
                year: Some(year),
                articles: i..i + 1,
                chronology_years: Vec::new(),
                register: false,
            }),
        }
    }
    let mut cover = Part {
        path: PAGE.to_string(),
        year: None,
        articles: 0..0,
        chronology_years: Vec::new(),
        register: true,
    };
    for (i, year) in chronology.iter().enumerate() {
        let volume = volumes
            .iter_mut()
            .find(|v| !year.decade && v.year == Some(year.year));
        match volume {
            Some(volume) => volume.chronology_years.push(i),
            None => cover.chronology_years.push(i),
        }
    }
    std::iter::once(cover).chain(volumes).collect()
}

/// The file of the volume of `year`.
fn volume_path(year: i32) -> String {
    format!("print-{year}.html")
}

/// The print edition: its files, and which holds each article.
pub struct Edition<'a> {
    /// Its files, the first being `print.html`.
    pub parts: Vec<Part>,
    /// The index in `parts` of the file printing each article, by the article's slug.
    placed: FxHashMap<&'a str, usize>,
}

impl<'a> Edition<'a> {
    /// The print edition of `dossier`.
    pub fn new(dossier: &'a Dossier) -> Self {
        let parts = parts(dossier);
        let mut placed = FxHashMap::default();
        for (p, part) in parts.iter().enumerate() {
            for i in part.articles.clone() {
                placed.insert(dossier.articles[i].article.slug.as_str(), p);
            }
        }
        Edition { parts, placed }
    }

    /// Where article `target` is printed, seen from file `at`: `""` for that file itself (or
    /// for no article), else another volume's file.
    fn file_of(&self, target: &str, at: usize) -> &str {
        match self.placed.get(target) {
            Some(&p) if p != at => self.parts[p].path.as_str(),
            _ => "",
        }
    }
}

/// The page data of a file of the print edition.
#[derive(Serialize)]
pub struct PrintPage {
    articles: Vec<PrintArticle>,
    /// The year of publication the file holds, for a volume.
    volume: Option<i32>,
    /// The volumes, listed in the edition's first file.
    volumes: Vec<VolumeLink>,
    /// The entity register (the first file's).
    entities: Vec<EntityItem>,
    chronology: PrintChronology,
}

impl super::site::TypedPage for PrintPage {}

/// An article as the print edition shows it: its page's view, with the body's ids and links
/// made to fit the edition.
#[derive(Serialize)]
struct PrintArticle {
    #[serde(flatten)]
    view: ArticleView,
    anchor: String,
    title_id: String,
}

#[derive(Serialize)]
struct VolumeLink {
    year: i32,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct PrintChronology {
    years: Vec<YearView>,
}

/// The page data of file `at` of the print `edition`.
pub fn data(
    dossier: &Dossier,
    views: &Views,
    chronology: &ChronologyViews,
    edition: &Edition,
    at: usize,
) -> PrintPage {
    let (parts, part) = (&edition.parts, &edition.parts[at]);
    let file_of = |target: &str| edition.file_of(target, at);
    let articles = part
        .articles
        .clone()
        .map(|i| {
            let slug = &dossier.articles[i].article.slug;
            let mut view = views.article(i);
            view.body_html = body_for_print(&view.body_html, slug, &file_of);
            PrintArticle {
                view,
                anchor: article_id(slug),
                title_id: format!("{slug}:title"),
            }
        })
        .collect();
    let volumes = if part.year.is_none() {
        parts
            .iter()
            .filter_map(|p| {
                Some(VolumeLink {
                    year: p.year?,
                    url: p.path.clone(),
                    count: p.articles.len(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    PrintPage {
        articles,
        volume: part.year,
        volumes,
        entities: if part.register {
            views.entity_items()
        } else {
            Vec::new()
        },
        chronology: PrintChronology {
            years: chronology.years(&part.chronology_years),
        },
    }
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
///
/// `file_of` tells where another article is printed: `""` for this file, or another volume's.
pub fn body_for_print<'f>(html: &str, slug: &str, file_of: &dyn Fn(&str) -> &'f str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        out.push_str(&print_tag(&rest[open..close], slug, file_of));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// One tag with its `id` and `href` attributes made to fit the print edition.
fn print_tag<'f>(tag: &str, slug: &str, file_of: &dyn Fn(&str) -> &'f str) -> String {
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
            out.push_str(&print_href(value, slug, file_of));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where a link of article `slug`'s body leads in the print edition.
fn print_href<'f>(href: &str, slug: &str, file_of: &dyn Fn(&str) -> &'f str) -> String {
    if let Some(fragment) = href.strip_prefix('#') {
        return format!("#{slug}.{fragment}");
    }
    // Another article's page is beside this one (`gipfel.html#p1`), or reached from the root.
    let beside = (!href.contains(['/', ':'])).then_some(href);
    if let Some(other) = href.strip_prefix("../articles/").or(beside) {
        let (page, fragment) = other.split_once('#').unwrap_or((other, ""));
        if let Some(target) = page.strip_suffix(".html") {
            let file = file_of(target);
            return if fragment.is_empty() {
                format!("{file}#{}", article_id(target))
            } else {
                format!("{file}#{target}.{fragment}")
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
            print_href("../javascript:alert(1)", "kiew", &|_| ""),
            "../javascript:alert(1)"
        );
        assert_eq!(
            print_href("../data:text/html,x", "kiew", &|_| ""),
            "../data:text/html,x"
        );
    }

    #[test]
    fn ids_and_links_fit_one_document() {
        let body = r##"<p id="p1"><a class="pnum" href="#p1">1</a>Siehe <a href="../articles/gipfel.html#p2">dort</a>, <a href="gipfel.html">hier</a>, <a href="../entities/nato.html">NATO</a> und <a href="https://www.nato.int/">nato.int</a>.</p><h2 id="title">Title</h2>"##;
        assert_eq!(
            body_for_print(body, "kiew", &|_| ""),
            r##"<p id="kiew.p1"><a class="pnum" href="#kiew.p1">1</a>Siehe <a href="#gipfel.p2">dort</a>, <a href="#gipfel:article">hier</a>, <a href="entities/nato.html">NATO</a> und <a href="https://www.nato.int/">nato.int</a>.</p><h2 id="kiew.title">Title</h2>"##
        );
    }

    #[test]
    fn a_link_to_an_article_of_another_volume_leads_there() {
        let file_of = |target: &str| {
            if target == "gipfel" {
                "print-2023.html"
            } else {
                ""
            }
        };
        assert_eq!(
            print_href("../articles/gipfel.html#p2", "kiew", &file_of),
            "print-2023.html#gipfel.p2"
        );
        assert_eq!(
            print_href("gipfel.html", "kiew", &file_of),
            "print-2023.html#gipfel:article"
        );
        assert_eq!(print_href("nato.html", "kiew", &file_of), "#nato:article");
    }

    #[test]
    fn the_sources_text_is_left_alone_even_where_it_looks_like_markup() {
        // Text that reads like attributes, outside any tag, as a source may print it.
        let body = r#"<p id="p1">Code: &lt;a id="z" href="../y"&gt; und id="p1".</p>"#;
        assert_eq!(
            body_for_print(body, "a", &|_| ""),
            r#"<p id="a.p1">Code: &lt;a id="z" href="../y"&gt; und id="p1".</p>"#
        );
    }
}
