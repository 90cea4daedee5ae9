//! A saved web page (`.html`, as a browser saves it) → [`Draft`].
//!
//! The page's own metadata comes first: schema.org `NewsArticle` JSON-LD, then Open Graph and
//! `<meta>` tags, then `<time datetime>`. The body is the page's `<article>` (else `<main>`,
//! else `<body>`): its elements become lines marked with what the markup says they are
//! (headline, subheading, quote, and furniture: navigation, asides, forms, bylines, sharing,
//! advertising), and [`sift`] sorts them as it sorts a copied text's. Scripts and styles are
//! left out; text is only ever taken as text.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::Draft;
use super::raw::inline_credit;
use super::sift::{Kind, Unit, figure_block, sift, split_outlet};

/// Elements whose content is code, not text: left out without a word.
const CODE: &[&str] = &["script", "style", "noscript", "template", "svg", "iframe"];
/// Elements whose content is page furniture: left out of the body, their text listed under
/// `removed`.
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "form", "footer", "button", "dialog"];

/// Words in class names and ids that mark the page's furniture: advertising, bylines and
/// dates, sharing, links to other articles, newsletters, comments, players, consent boxes.
const FURNITURE_CLASSES: &[&str] = &[
    "ad",
    "ads",
    "adition",
    "advert",
    "advertisement",
    "anzeige",
    "banner",
    "sponsored",
    "outbrain",
    "taboola",
    "byline",
    "author",
    "authors",
    "meta",
    "date",
    "time",
    "timestamp",
    "dateline",
    "share",
    "sharing",
    "social",
    "related",
    "recommendations",
    "newsletter",
    "comment",
    "comments",
    "breadcrumb",
    "breadcrumbs",
    "tags",
    "topics",
    "kicker",
    "overline",
    "dachzeile",
    "topline",
    "promo",
    "paywall",
    "audio",
    "player",
    "podcast",
    "consent",
    "cookie",
    "toolbar",
    "metainfo",
    "readtime",
    "disclaimer",
];

/// Beginnings of class names that mark the page's furniture (`authorbox`, `sharebar`,
/// `commentlist`).
const FURNITURE_CLASS_STARTS: &[&str] = &[
    "author",
    "byline",
    "comment",
    "share",
    "social",
    "related",
    "newsletter",
    "breadcrumb",
    "paywall",
    "consent",
    "cookie",
    "outbrain",
    "taboola",
    "podcast",
];

/// ARIA roles of the page's furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "search",
    "dialog",
    "alertdialog",
];

/// The words of an element's class names and id: `c-metadata__author` → `c`, `metadata`,
/// `author`.
fn class_words(element: &ElementRef) -> Vec<String> {
    let value = element.value();
    value
        .classes()
        .chain(value.id())
        .flat_map(|name| name.split(['-', '_']))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Whether an element holds a byline, by its class or id (`author`, `byline`).
fn byline_element(element: &ElementRef) -> bool {
    class_words(element)
        .iter()
        .any(|w| w.starts_with("author") || w.starts_with("byline"))
}

/// Whether an element is the page's furniture by its tag, class, id or role.
fn furniture(element: &ElementRef) -> bool {
    let value = element.value();
    let words = class_words(element);
    FURNITURE_TAGS.contains(&value.name())
        || value
            .attr("role")
            .is_some_and(|role| FURNITURE_ROLES.contains(&role))
        || value.attr("aria-hidden") == Some("true")
        || words.into_iter().any(|w| {
            FURNITURE_CLASSES.contains(&w.as_str())
                || FURNITURE_CLASS_STARTS
                    .iter()
                    .any(|start| w.starts_with(start))
        })
}

/// Tags that stay inside a line of text.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "br", "cite", "code", "em", "i", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "time", "u", "wbr",
];

/// Deepest nesting of elements a saved page may have. News pages nest a few dozen levels; the
/// HTML parser's work grows with the square of the depth (200,000 nested `div`s: minutes).
pub const MAX_NESTING: usize = 1_000;

/// How deep the page's elements nest, estimated from its tags.
pub fn nesting_depth(html: &str) -> usize {
    crate::markdown::raw_nesting(html, 0).1
}

/// Reads a saved page.
pub fn parse(html: &str) -> Draft {
    let page = Html::parse_document(html);
    let mut draft = Draft::default();
    let article = json_ld_article(&page);
    let field = |name: &str| article.as_ref().and_then(|a| text_of(a.get(name)?));

    // A page's `<title>` and `og:title` often end with the site's name.
    let (title, suffix) = match field("headline") {
        Some(headline) => (Some(headline), None),
        None => match meta(&page, "property", "og:title").or_else(|| first_text(&page, "title")) {
            Some(title) => {
                let (title, outlet) = split_outlet(&title);
                (Some(title.to_string()), outlet.map(str::to_string))
            }
            None => (None, None),
        },
    };
    draft.title = title;
    draft.outlet = article
        .as_ref()
        .and_then(|a| text_of(a.get("publisher")?))
        .or_else(|| meta(&page, "property", "og:site_name"))
        .or(suffix);
    let published = field("datePublished")
        .or_else(|| meta(&page, "property", "article:published_time"))
        .or_else(|| attribute(&page, "time[datetime]", "datetime"));
    draft.date = published.and_then(|d| date_part(&d));
    if let Some(authors) = article.as_ref().and_then(|a| a.get("author")) {
        // An organisation named as author is an agency or the outlet itself.
        for (name, organisation) in names(authors) {
            if !organisation {
                draft.authors.push(name);
            } else if Some(&name) != draft.outlet.as_ref() {
                draft.agencies.push(name);
            }
        }
    } else if let Some(author) = meta(&page, "name", "author")
        // `RND`, `dpa`: a single word names the outlet or an agency, not a person.
        && author.contains(' ')
    {
        draft.authors = vec![author];
    }
    draft.url = attribute(&page, "link[rel=canonical]", "href")
        .or_else(|| field("url"))
        .or_else(|| meta(&page, "property", "og:url"));
    draft.language = field("inLanguage").or_else(|| attribute(&page, "html[lang]", "lang"));

    let root = ["article", "main", "body"]
        .iter()
        .find_map(|tag| page.select(&selector(tag)).next());
    let mut walk = Walk {
        prose: root.map_or(0, prose_words),
        pieces: Vec::new(),
    };
    if let Some(root) = root {
        walk.walk(root);
    }
    let pieces = walk.pieces;
    let units: Vec<Unit> = pieces
        .iter()
        .map(|piece| match piece {
            // A line with its photo credit at its end is a photo's caption.
            Piece::Text(text, Kind::Line) => match inline_credit(text) {
                Some((caption, credit)) => Unit::Figure(figure_block("", caption, credit)),
                None => Unit::Text(text, Kind::Line),
            },
            Piece::Text(text, kind) => Unit::Text(text, *kind),
            Piece::Figure(figure) => Unit::Figure(figure.clone()),
        })
        .collect();
    // Each element is a block of its own.
    let blocks: Vec<usize> = (0..units.len()).collect();
    sift(&units, &blocks, &mut draft);
    for (missing, what) in [
        (draft.title.is_none(), "title: the page gives no headline"),
        (
            draft.date.is_none(),
            "date: the page gives no publication date; no date is guessed",
        ),
        (
            draft.outlet.is_none(),
            "source: the page names no publisher",
        ),
    ] {
        if missing {
            draft.review.push(what.to_string());
        }
    }
    draft
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the importer's selectors are valid")
}

/// The first schema.org article object in the page's JSON-LD, also inside `@graph`.
fn json_ld_article(page: &Html) -> Option<Value> {
    fn find(value: &Value) -> Option<&Value> {
        match value {
            Value::Array(items) => items.iter().find_map(find),
            Value::Object(map) => {
                let kind = map.get("@type").map(|t| t.to_string()).unwrap_or_default();
                if kind.contains("Article") {
                    Some(value)
                } else {
                    map.get("@graph").and_then(find)
                }
            }
            _ => None,
        }
    }
    page.select(&selector(r#"script[type="application/ld+json"]"#))
        .filter_map(|script| serde_json::from_str::<Value>(&script.text().collect::<String>()).ok())
        .find_map(|value| find(&value).cloned())
}

/// A JSON-LD value as text on one line: a string, or an object's `name`.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(squeeze(s)).filter(|s| !s.is_empty()),
        Value::Object(map) => map.get("name").and_then(text_of),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

/// Authors: one, or a list, as (name, whether an organisation).
fn names(value: &Value) -> Vec<(String, bool)> {
    let one = |v: &Value| {
        let organisation = v
            .get("@type")
            .is_some_and(|t| t.to_string().contains("Organization"));
        text_of(v).map(|name| (name, organisation))
    };
    match value {
        Value::Array(items) => items.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

fn meta(page: &Html, key: &str, name: &str) -> Option<String> {
    attribute(page, &format!(r#"meta[{key}="{name}"]"#), "content")
}

/// An attribute's value on one line: the draft's front matter holds a value per line, and a
/// value's line that reads `+++` would end it.
fn attribute(page: &Html, css: &str, name: &str) -> Option<String> {
    page.select(&selector(css))
        .find_map(|e| e.value().attr(name))
        .map(squeeze)
        .filter(|v| !v.is_empty())
}

fn first_text(page: &Html, css: &str) -> Option<String> {
    page.select(&selector(css))
        .map(|e| squeeze(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// `2023-04-20T10:00:00+02:00` → `2023-04-20`.
fn date_part(text: &str) -> Option<String> {
    let date: String = text.chars().take(10).collect();
    let shape = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    shape.then_some(date)
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An element of the article: its text and what the markup says it is, or a photo.
enum Piece {
    Text(String, Kind),
    Figure(String),
}

/// Walks the article in document order into pieces: headings, paragraphs, quotes, photos, and
/// the furniture among them. Text is taken as a reader sees it: text and inline elements
/// between blocks make a line, which a `<br>` ends. Inside the page's furniture every piece is
/// furniture, taken element by element, so that a byline's name and its date stand apart.
struct Walk {
    /// Words in the page's paragraphs: what holds most of them is the article.
    prose: usize,
    pieces: Vec<Piece>,
}

/// Text and inline elements gathered for a line, and how much of it is link text.
#[derive(Default)]
struct Run {
    text: String,
    words: usize,
    linked: usize,
}

/// How the walk reads the children of an element it has entered.
enum Mode<'a> {
    /// Text and inline elements gather into lines between the blocks.
    Lines { in_furniture: bool, run: Run },
    /// A `<figure>`, whose photo is read already: each other child is an element of its own.
    Figure {
        caption: Option<ElementRef<'a>>,
        credit: Option<ElementRef<'a>>,
    },
}

impl Walk {
    /// Walks the children of `root`. The elements entered wait on a stack of the walk's own:
    /// the call stack would overflow on a page nested some thousand levels deep.
    fn walk(&mut self, root: ElementRef) {
        let mut stack = vec![(
            root.children(),
            Mode::Lines {
                in_furniture: false,
                run: Run::default(),
            },
        )];
        while let Some((rest, mode)) = stack.last_mut() {
            let Some(node) = rest.next() else {
                if let Mode::Lines { in_furniture, run } = mode {
                    self.flush(run, *in_furniture);
                }
                stack.pop();
                continue;
            };
            let entered = match mode {
                Mode::Lines { in_furniture, run } => {
                    let text = node.value().as_text().map(|t| &**t);
                    self.line_part(text, ElementRef::wrap(node), *in_furniture, run)
                        .map(|child| (child, *in_furniture))
                }
                Mode::Figure { caption, credit } => ElementRef::wrap(node)
                    .filter(|&child| figure_rest(child, *caption, *credit))
                    .map(|child| (child, false)),
            };
            if let Some((child, in_furniture)) = entered
                && let Some(mode) = self.element(child, in_furniture)
            {
                stack.push((child.children(), mode));
            }
        }
    }

    /// Takes a child node (its `text`, or the `element` it is) into the line being gathered;
    /// returns the element when it is a block of its own, to be entered next.
    fn line_part<'a>(
        &mut self,
        text: Option<&str>,
        element: Option<ElementRef<'a>>,
        in_furniture: bool,
        run: &mut Run,
    ) -> Option<ElementRef<'a>> {
        if let Some(text) = text {
            run.words += text.split_whitespace().count();
            run.text.push_str(text);
            return None;
        }
        let child = element?;
        let tag = child.value().name();
        if CODE.contains(&tag) {
            return None;
        }
        let joins_run = INLINE.contains(&tag)
            && !in_furniture
            && !self.is_furniture(child)
            && !byline_element(&child);
        if tag == "br" {
            self.flush(run, in_furniture);
            None
        } else if joins_run {
            let text = visible_text(child, false);
            let words = text.split_whitespace().count();
            run.words += words;
            if tag == "a" {
                run.linked += words;
            }
            run.text.push(' ');
            run.text.push_str(&text);
            run.text.push(' ');
            None
        } else {
            self.flush(run, in_furniture);
            Some(child)
        }
    }

    /// A line of text and inline elements: link text alone is a teaser of other articles.
    fn flush(&mut self, run: &mut Run, in_furniture: bool) {
        let text = squeeze(&run.text);
        if !text.is_empty() {
            let teaser = run.linked > 0 && run.linked == run.words;
            let kind = if in_furniture || teaser {
                Kind::Furniture
            } else {
                Kind::Line
            };
            self.pieces.push(Piece::Text(text, kind));
        }
        *run = Run::default();
    }

    /// Whether an element is the page's furniture; a class name may mislead
    /// (`paywalled-content`), and what holds most of the page's prose is the article.
    fn is_furniture(&self, element: ElementRef) -> bool {
        furniture(&element) && prose_words(element) * 2 < self.prose.max(1)
    }

    /// Reads an element that stands as a block: a piece of its own, or, for one that holds
    /// blocks, how to read the children it is to be entered for.
    fn element<'a>(&mut self, element: ElementRef<'a>, in_furniture: bool) -> Option<Mode<'a>> {
        let in_furniture = in_furniture || self.is_furniture(element);
        let kind = match element.value().name() {
            "h1" => Kind::Headline,
            "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
            "blockquote" => Kind::Quote,
            "p" | "li" | "dt" | "dd" | "figcaption" => Kind::Line,
            "figure" if !in_furniture => return Some(self.figure(element)),
            // In furniture, an inline element is a piece of its own.
            tag if in_furniture && INLINE.contains(&tag) => Kind::Furniture,
            _ => {
                return Some(Mode::Lines {
                    in_furniture,
                    run: Run::default(),
                });
            }
        };
        let text = visible_text(element, false);
        if text.is_empty() {
            return None;
        }
        let kind = if byline_element(&element) {
            Kind::Byline
        } else if in_furniture || kind == Kind::Line && all_link(element) {
            Kind::Furniture
        } else {
            kind
        };
        self.pieces.push(Piece::Text(text, kind));
        None
    }

    /// A `<figure>`: its photo as a `figure` block, and whatever else it holds (a quote, a
    /// table, a credit line of its own) as pieces, so that nothing in it is lost.
    fn figure<'a>(&mut self, element: ElementRef<'a>) -> Mode<'a> {
        let credit = element
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| {
                class_words(e)
                    .iter()
                    .any(|w| CREDIT_CLASSES.iter().any(|c| w.starts_with(c)))
            });
        let caption = element.select(&selector("figcaption")).next();
        if let Some(photo) = photo_block(element, caption, credit) {
            self.pieces.push(Piece::Figure(photo));
        }
        Mode::Figure { caption, credit }
    }
}

/// Whether a child of a `<figure>` is more than the photo block took from it (the caption,
/// the credit, the image).
fn figure_rest(child: ElementRef, caption: Option<ElementRef>, credit: Option<ElementRef>) -> bool {
    let taken = Some(child) == caption
        || Some(child) == credit
        || ["img", "picture", "source"].contains(&child.value().name());
    !taken && credit.is_none_or(|c| !child.descendants().any(|d| d.id() == c.id()))
}

/// Words in class names that mark a photo's credit.
const CREDIT_CLASSES: &[&str] = &[
    "credit",
    "copyright",
    "source",
    "bildnachweis",
    "photographer",
];

/// An element's text as a reader sees it: a line break or a block boundary is a space, scripts
/// and styles are left out, and an image counts by its description where `alt` is asked for.
pub(crate) fn visible_text(element: ElementRef, alt: bool) -> String {
    let mut out = String::new();
    // The children still to read of each element entered, and whether it is a block, whose end
    // is a space too: a stack of its own, as deep nesting would overflow the call stack.
    let mut stack = vec![(element.children(), false)];
    while let Some((rest, block)) = stack.last_mut() {
        let Some(node) = rest.next() else {
            if *block {
                out.push(' ');
            }
            stack.pop();
            continue;
        };
        if let Some(text) = node.value().as_text() {
            out.push_str(text);
        } else if let Some(child) = ElementRef::wrap(node) {
            let tag = child.value().name();
            if CODE.contains(&tag) {
                continue;
            }
            if alt && tag == "img" {
                out.push(' ');
                out.push_str(child.value().attr("alt").unwrap_or(""));
            }
            let block = !INLINE.contains(&tag);
            if block || tag == "br" {
                out.push(' ');
            }
            stack.push((child.children(), block));
        }
    }
    squeeze(&out)
}

/// Whether all of an element's text is the text of links: a teaser of other articles, not
/// text of this one.
fn all_link(element: ElementRef) -> bool {
    let words = |e: ElementRef| e.text().flat_map(str::split_whitespace).count();
    let linked: usize = element.select(&selector("a")).map(words).sum();
    linked > 0 && linked == words(element)
}

/// The words of an element's paragraphs.
fn prose_words(element: ElementRef) -> usize {
    element
        .select(&selector("p"))
        .map(|p| p.text().flat_map(str::split_whitespace).count())
        .sum()
}

/// A `<figure>`'s photo as a `figure` block: the image's `alt`, the caption, and the credit,
/// from an element marked as one (`class="credit"`) or written after `©`, `Foto:` or `Bild:`.
fn photo_block(
    element: ElementRef,
    caption_element: Option<ElementRef>,
    credit_element: Option<ElementRef>,
) -> Option<String> {
    let mut credit = credit_element
        .map(|e| visible_text(e, false))
        .unwrap_or_default();
    let mut caption = caption_element
        .map(|c| visible_text(c, false))
        .unwrap_or_default();
    if !credit.is_empty() {
        // The credit closes the caption: the last time it stands there is it.
        if let Some(at) = caption.rfind(&credit) {
            caption = squeeze(&format!(
                "{}{}",
                &caption[..at],
                &caption[at + credit.len()..]
            ));
        }
    } else {
        for marker in [" © ", " Foto: ", " Bild: "] {
            if let Some(at) = caption.find(marker) {
                credit = caption[at..].trim().to_string();
                caption = caption[..at].trim().to_string();
                break;
            }
        }
    }
    let alt = element
        .select(&selector("img[alt]"))
        .next()
        .and_then(|i| i.value().attr("alt"))
        .map(squeeze)
        .unwrap_or_default();
    if caption.is_empty() && alt.is_empty() && credit.is_empty() {
        return None;
    }
    Some(figure_block(&alt, &caption, &credit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_in_the_markup_not_in_scripts() {
        let page = format!(
            "<html><body><script>for (i=0;i<n;i++) {{ a<b }}</script>{}x{}<style>a<b{{}}</style></body></html>",
            "<div>".repeat(3),
            "</div>".repeat(3)
        );
        assert_eq!(nesting_depth(&page), 5);
        let deep = format!("<body>{}", "<table><tr><td>".repeat(2000));
        assert!(nesting_depth(&deep) > MAX_NESTING);
    }

    const WITH_JSON_LD: &str = r#"<!doctype html><html lang="de"><head>
<title>Stoltenberg in Kiew | Beispielzeitung</title>
<link rel="canonical" href="https://example.org/stoltenberg-kiew">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
{"@type":"NewsArticle","headline":"Stoltenberg besucht überraschend Kiew","datePublished":"2023-04-20T11:02:00+02:00",
"author":[{"@type":"Person","name":"Anna Beispiel"}],"publisher":{"@type":"Organization","name":"Beispielzeitung"}}]}</script>
</head><body><nav><a href="/">Start</a> Politik</nav>
<article><h1>Stoltenberg besucht überraschend Kiew</h1>
<p>NATO-Generalsekretär Jens Stoltenberg ist am Donnerstag in Kiew eingetroffen.</p>
<div class="ad">Anzeige</div><aside>Lesen Sie auch: Anderes</aside>
<figure><img src="x.jpg" alt="Stoltenberg in Kiew"><figcaption>Erster Besuch seit der Invasion <span class="credit">© Reuters</span></figcaption></figure>
<p>Lesen Sie auch: Ein anderer Artikel</p>
<h2>Selenskyj macht Druck</h2><p>Er forderte einen <b>klaren</b> Zeitplan &lt;img src=x&gt;.</p>
<script>alert(1)</script><form>Kommentar schreiben</form></article>
<footer>Impressum</footer></body></html>"#;

    #[test]
    fn json_ld_gives_the_metadata_and_the_article_the_body() {
        let d = parse(WITH_JSON_LD);
        assert_eq!(
            d.title.as_deref(),
            Some("Stoltenberg besucht überraschend Kiew")
        );
        assert_eq!(d.outlet.as_deref(), Some("Beispielzeitung"));
        assert_eq!(d.date.as_deref(), Some("2023-04-20"));
        assert_eq!(d.authors, ["Anna Beispiel"]);
        assert_eq!(
            d.url.as_deref(),
            Some("https://example.org/stoltenberg-kiew")
        );
        assert_eq!(d.language.as_deref(), Some("de"));
        assert_eq!(
            d.body,
            [
                "NATO-Generalsekretär Jens Stoltenberg ist am Donnerstag in Kiew eingetroffen.",
                "```figure\nalt: Stoltenberg in Kiew\ncaption: Erster Besuch seit der Invasion\ncredit: © Reuters\n```",
                "## Selenskyj macht Druck",
                "Er forderte einen klaren Zeitplan \\<img src=x>.",
            ]
        );
        assert!(d.review.is_empty(), "{:?}", d.review);
        assert_eq!(
            d.removed,
            // What stood inside the article; the page around it stays in the seed only.
            [
                "Anzeige",
                "Lesen Sie auch: Anderes",
                "Lesen Sie auch: Ein anderer Artikel",
                "Kommentar schreiben"
            ]
        );
    }

    #[test]
    fn without_json_ld_open_graph_and_time_elements_serve() {
        let d = parse(
            r#"<html><head><meta property="og:title" content="Gipfel in Vilnius">
<meta property="og:site_name" content="Testmedium"><meta name="author" content="B. Muster"></head>
<body><main><time datetime="2023-07-11">11. Juli</time><p>Der Gipfel beginnt.</p></main></body></html>"#,
        );
        assert_eq!(d.title.as_deref(), Some("Gipfel in Vilnius"));
        assert_eq!(d.outlet.as_deref(), Some("Testmedium"));
        assert_eq!(d.date.as_deref(), Some("2023-07-11"));
        assert_eq!(d.authors, ["B. Muster"]);
        // The page's time element is its furniture, kept in `removed`.
        assert_eq!(d.body, ["Der Gipfel beginnt."]);
        assert_eq!(d.removed, ["11. Juli"]);
    }

    #[test]
    fn a_page_without_a_date_is_left_to_review() {
        let d = parse("<html><body><article><p>Text.</p></article></body></html>");
        assert_eq!(d.date, None);
        assert!(d.review.iter().any(|r| r.starts_with("date:")));
    }

    #[test]
    fn markup_marks_furniture_and_the_title_loses_the_site_name() {
        let d = parse(
            r#"<html><head><title>Streik: GDL legt Bahn lahm - n-tv.de</title></head><body>
<div class="consent-layer">Wir und unsere Partner speichern Informationen.</div>
<div class="article"><span class="article__date">22.01.2024, 19:04 Uhr</span>
<h2><span class="kicker">Streik</span> <span>GDL legt Bahn lahm</span></h2>
<div class="article__media-caption"><p>Ein Notfahrplan gilt. <span>(Foto: picture alliance/dpa)</span></p></div>
<div class="article__share"><a>Facebook</a> <a>X</a></div>
<div class="metainfo"><span>Anna Muster, Berlin</span> <span>4 min</span></div>
<p>Die Gewerkschaft ruft erneut zum Streik bei der Bahn auf, diesmal für fast sechs Tage.</p>
<div role="complementary"><p>Mehr zum Thema</p></div>
<h2>Notfahrplan</h2><p>Die Bahn bietet einen Notfahrplan an, im Fernverkehr fährt ein Fünftel.</p>
<p>Quelle: ntv.de, mli/dpa/rts</p></div></body></html>"#,
        );
        assert_eq!(d.title.as_deref(), Some("Streik: GDL legt Bahn lahm"));
        assert_eq!(d.outlet.as_deref(), Some("n-tv.de"));
        assert_eq!(d.date.as_deref(), Some("2024-01-22"));
        assert_eq!(d.agencies, ["dpa", "Reuters"]);
        assert_eq!(
            d.body,
            [
                "```figure\ncaption: Ein Notfahrplan gilt.\ncredit: (Foto: picture alliance/dpa)\n```",
                "Die Gewerkschaft ruft erneut zum Streik bei der Bahn auf, diesmal für fast sechs Tage.",
                "## Notfahrplan",
                "Die Bahn bietet einen Notfahrplan an, im Fernverkehr fährt ein Fünftel.",
            ]
        );
        for furniture in [
            "Wir und unsere Partner speichern Informationen.",
            "Facebook",
            "X",
            "Anna Muster, Berlin",
            "4 min",
            "Mehr zum Thema",
            "Quelle: ntv.de, mli/dpa/rts",
        ] {
            assert!(
                d.removed.iter().any(|r| r == furniture),
                "{furniture}: {:?}",
                d.removed
            );
        }
    }

    #[test]
    fn metadata_is_read_as_one_line_so_that_the_draft_reads_back() {
        // A line `+++` in a headline or an attribute went into the draft's front matter as a
        // line of a multi-line TOML string, where it ended the front matter.
        let d = parse(
            "<html><head><meta property=\"og:site_name\" content=\"Eins\n+++\nZwei\">\
             <script type=\"application/ld+json\">\
             {\"@type\":\"NewsArticle\",\"headline\":\"Drei\\n+++\\nVier\"}</script>\
             </head><body><p>Text</p></body></html>",
        );
        assert_eq!(d.title.as_deref(), Some("Drei +++ Vier"));
        assert_eq!(d.outlet.as_deref(), Some("Eins +++ Zwei"));
        let markdown = d.to_markdown(
            std::path::Path::new("seeds/a.html"),
            "0",
            std::path::Path::new("a.html"),
        );
        let parts = crate::load::front_matter::split(std::path::Path::new("a.md"), &markdown);
        let table: Result<toml::Table, _> = toml::from_str(parts.unwrap().front_matter);
        assert!(table.is_ok(), "{markdown}");
    }

    #[test]
    fn a_page_nested_thousands_of_levels_deep_is_read_without_overflowing_the_stack() {
        // The walk and `visible_text` once recursed per level of nesting: a test thread's stack
        // gave out below 10 000 levels.
        let depth = 20_000;
        let page = format!(
            "<html><body><article><h1>Tief</h1>{}<p>{}Ganz unten.",
            "<div>".repeat(depth),
            "<span>".repeat(depth)
        );
        let d = parse(&page);
        assert_eq!(d.title.as_deref(), Some("Tief"));
        assert!(d.body.iter().any(|b| b == "Ganz unten."), "{:?}", d.body);
    }

    #[test]
    fn text_between_elements_and_all_a_figure_holds_is_kept() {
        let d = parse(
            r#"<html><body><article><h1>Haushalt</h1>
<div class="text">Der Finanzminister hat am Dienstag seinen Entwurf für den Haushalt vorgelegt.<br><br>Grüne und SPD kritisierten die geplanten Kürzungen bei den Förderprogrammen.<div class="ad">Anzeige</div></div>
<p>Hauptstraße 1<br>10115 Berlin</p>
<figure><blockquote>„Wir halten die Schuldenbremse ein.“</blockquote><figcaption>Der Minister</figcaption></figure>
<figure><img alt="Lindner im Bundestag" src="x"><p class="bildnachweis">Foto: dpa</p></figure>
<figure><table><tr><td>2023</td><td>60 Mrd.</td></tr></table></figure>
<figure><figcaption>Reuters-Reporter in Kiew <span class="credit">Reuters</span></figcaption></figure>
</article></body></html>"#,
        );
        let body = d.body.join("\n");
        for text in [
            "Der Finanzminister hat am Dienstag seinen Entwurf für den Haushalt vorgelegt.",
            "Grüne und SPD kritisierten die geplanten Kürzungen bei den Förderprogrammen.",
            "> „Wir halten die Schuldenbremse ein.“",
            "caption: Der Minister",
            "alt: Lindner im Bundestag",
            "credit: Foto: dpa",
            "caption: Reuters-Reporter in Kiew\ncredit: Reuters",
        ] {
            assert!(body.contains(text), "{text} not in {body}");
        }
        // Short lines that head no text are the page's: listed, not lost; a line break is a
        // space between words.
        for text in ["Hauptstraße 1 10115 Berlin", "2023", "60 Mrd.", "Anzeige"] {
            assert!(
                body.contains(text) || d.removed.iter().any(|r| r == text),
                "{text} lost: {body} {:?}",
                d.removed
            );
        }
    }
}
