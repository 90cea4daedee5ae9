//! Raw HTML from an article body made harmless with ammonia: what a source wrote may format
//! text (`<sup>`, `<abbr title>`, tables, `<details>`), never run or load anything.
//!
//! The renderer hands over one top-level block at a time: its whole HTML (dossier's own markup
//! with the raw HTML in it) and the HTML dossier would have written without the raw pieces. The
//! block is parsed as a fragment, so an unclosed or stray tag is closed or dropped inside the
//! block and cannot reach the page around it. Raw HTML may not set what dossier's own markup
//! relies on: an `id`, `class`, `role`, `aria-label` or `style` survives only as dossier itself
//! wrote it in that block (so a source can neither take a paragraph's anchor nor a template's id, nor
//! borrow the page's styles), and each own id only once. Links from raw HTML pass through the
//! renderer's rules for Markdown links (see [`Links`]).
//!
//! What is removed goes without its markup but keeps its text: the words inside a `<script>`,
//! `<style>` or `<iframe>` are shown as text, as all raw HTML was before, so the page, the search
//! index and `dossier check` read the same words. Only `<svg>` and `<math>` go whole, text
//! included (ammonia drops what stands in a foreign namespace); the renderer still counts words
//! written between such tags in a paragraph as its text. Images and other embedded media are removed
//! like any element not allowed: a dossier keeps no photos of its sources, and a page loads
//! nothing from other servers.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::{Arc, Mutex};

use ammonia::{Builder, UrlRelative};

/// Elements raw HTML may use, and those dossier's own markup in a block needs (`aside`,
/// `figure`, `input` of a task list, the spans of highlighted code).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Attributes on any allowed element. The last five are kept only as dossier wrote them.
const GENERIC_ATTRIBUTES: &[&str] = &[
    "title",
    "lang",
    "dir",
    "id",
    "class",
    "role",
    "aria-label",
    "style",
];

/// Attributes kept only where dossier's own markup of the block has them with the same value
/// (`style` for a table column's alignment).
const OWN_ONLY: &[&str] = &["id", "class", "role", "aria-label", "style"];

/// Attributes allowed on one element each, besides [`GENERIC_ATTRIBUTES`].
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("del", &["datetime"]),
    ("details", &["open"]),
    ("input", &["checked"]),
    ("ins", &["datetime"]),
    ("ol", &["start", "reversed"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("time", &["datetime"]),
];

/// Where the links of raw HTML lead: each `href` the renderer has ruled on → the link it becomes,
/// or `None` to drop it (its text stays).
pub type Links = BTreeMap<String, Option<String>>;

/// Which attributes of a block dossier wrote itself, and how raw links are ruled.
struct Policy {
    /// (attribute, value) pairs of dossier's own markup in the block.
    own: BTreeSet<(String, String)>,
    /// Own ids not yet given out: each is kept once, on the first element that carries it.
    ids: Mutex<BTreeSet<String>>,
    links: Links,
    /// The `href`s of raw HTML met while cleaning, in order.
    hrefs: Mutex<Vec<String>>,
}

impl Policy {
    fn new(own_html: &str, links: Links) -> Self {
        let own = own_attributes(own_html);
        let ids = own
            .iter()
            .filter(|(name, _)| name == "id")
            .map(|(_, value)| value.clone())
            .collect();
        Policy {
            own,
            ids: Mutex::new(ids),
            links,
            hrefs: Mutex::new(Vec::new()),
        }
    }

    fn is_own(&self, attribute: &str, value: &str) -> bool {
        // Looking up a pair of borrowed strings in a set of owned ones needs owned keys; blocks
        // with raw HTML are few, so the copies cost nothing that shows.
        self.own
            .contains(&(attribute.to_string(), value.to_string()))
    }

    fn filter<'v>(&self, attribute: &str, value: &'v str) -> Option<Cow<'v, str>> {
        match attribute {
            "id" => lock(&self.ids).remove(value).then_some(value.into()),
            "href" if self.is_own(attribute, value) => Some(value.into()),
            "href" => {
                lock(&self.hrefs).push(value.to_string());
                match self.links.get(value) {
                    Some(ruled) => ruled.clone().map(Cow::Owned),
                    None => Some(value.into()),
                }
            }
            _ if OWN_ONLY.contains(&attribute) => {
                self.is_own(attribute, value).then_some(value.into())
            }
            _ => Some(value.into()),
        }
    }
}

/// A mutex no thread can poison: the filter never panics while holding it.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Every (attribute, value) pair in `html`.
pub(crate) fn own_attributes(html: &str) -> BTreeSet<(String, String)> {
    let fragment = scraper::Html::parse_fragment(html);
    fragment
        .tree
        .values()
        .filter_map(|node| node.as_element())
        .flat_map(|element| element.attrs())
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// Cleans `html` with `policy`; the policy is handed back for what it met.
fn clean_with(html: &str, policy: Policy) -> (String, Arc<Policy>) {
    let policy = Arc::new(policy);
    let in_filter = Arc::clone(&policy);
    let tag_attributes: HashMap<&str, HashSet<&str>> = TAG_ATTRIBUTES
        .iter()
        .map(|(tag, attributes)| (*tag, attributes.iter().copied().collect()))
        .collect();
    // A raw `<input>` can only be what a task list's is: a checkbox that cannot be changed (or,
    // without a type, a text field that cannot be). One forced attribute, so that the order of
    // attributes never depends on a hash.
    let input_type: HashMap<&str, HashMap<&str, HashSet<&str>>> =
        [("input", [("type", ["checkbox"].into())].into())].into();
    let input_disabled: HashMap<&str, HashMap<&str, &str>> =
        [("input", [("disabled", "")].into())].into();
    let cleaned = Builder::empty()
        .tags(TAGS.iter().copied().collect())
        .clean_content_tags(HashSet::new())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(tag_attributes)
        .tag_attribute_values(input_type)
        .set_tag_attribute_values(input_disabled)
        .link_rel(None)
        .url_relative(UrlRelative::PassThrough)
        .strip_comments(true)
        .attribute_filter(move |_element, attribute, value| in_filter.filter(attribute, value))
        .clean(html)
        .to_string();
    (cleaned, policy)
}

/// The `href`s of raw HTML in the block `html` (whose own markup is `own_html`) that survive
/// cleaning, for the renderer to rule on as it rules on Markdown links.
pub fn raw_links(html: &str, own_html: &str) -> Vec<String> {
    let (_, policy) = clean_with(html, Policy::new(own_html, Links::new()));
    let mut hrefs = std::mem::take(&mut *lock(&policy.hrefs));
    hrefs.dedup();
    hrefs
}

/// The block `html` cleaned: dossier's own markup (as in `own_html`) kept, raw HTML limited to
/// harmless formatting, its links replaced as `links` says.
pub fn clean_block(html: &str, own_html: &str, links: Links) -> String {
    clean_with(html, Policy::new(own_html, links)).0
}

/// The text of a fragment of raw HTML as a reader sees it, on one line; `trusted` HTML is
/// taken as it stands, other HTML as [`clean_block`] would show it.
pub fn text(html: &str, trusted: bool) -> String {
    let shown = if trusted {
        Cow::Borrowed(html)
    } else {
        Cow::Owned(clean_block(html, "", Links::new()))
    };
    let fragment = scraper::Html::parse_fragment(&shown);
    crate::import::visible_text(fragment.root_element(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        clean_block(html, "", Links::new())
    }

    #[test]
    fn harmless_formatting_survives() {
        let html = r#"H<sub>2</sub>O, E=mc<sup>2</sup>, <abbr title="Nordatlantikpakt">NATO</abbr>, <mark>x</mark> <kbd>Strg</kbd><br><em>y</em>"#;
        assert_eq!(clean(html), html);
        let details = "<details><summary>Mehr</summary><table><tbody><tr><td>1</td></tr></tbody></table></details>";
        assert_eq!(clean(details), details);
    }

    #[test]
    fn scripts_styles_events_and_embedding_go_but_text_stays() {
        let html = r#"<script>alert(1)</script><style>p{display:none}</style><b onclick="x()" style="color:red">fett</b><iframe srcdoc="<script>x</script>">i</iframe><svg onload="x()"><script>alert(2)</script></svg><img src="x" onerror="alert(3)"><form action="https://x"><input name="a"></form><base href="https://evil/"><meta http-equiv="refresh" content="0;url=https://evil/"><math><mi>m</mi></math>"#;
        let out = clean(html);
        for bad in [
            "<script", "<style", "onclick", "style=", "<iframe", "<svg", "onload", "<img",
            "onerror", "<form", "<base", "<meta", "<math", "https://",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(
            out.contains("alert(1)") && out.contains("<b>fett</b>"),
            "{out}"
        );
        // Inside SVG and MathML nothing is kept, text included.
        assert!(!out.contains("alert(2)"), "{out}");
        assert!(out.contains(r#"<input disabled="">"#), "{out}");
        assert_eq!(
            clean(r#"<input type="checkbox" checked="" name="x">"#),
            r#"<input type="checkbox" checked="" disabled="">"#
        );
    }

    #[test]
    fn script_urls_go_and_links_get_no_rel() {
        let out = clean(
            r#"<a href="javascript:alert(1)">a</a><a href=" java	script:x">b</a><a href="data:text/html,x">c</a><a href="https://example.org/" rel="opener" target="_blank">d</a>"#,
        );
        assert_eq!(
            out,
            r#"<a>a</a><a>b</a><a>c</a><a href="https://example.org/">d</a>"#
        );
    }

    #[test]
    fn unbalanced_tags_stay_inside_the_block() {
        assert_eq!(clean("<div><b>offen"), "<div><b>offen</b></div>");
        assert_eq!(clean("zu</div></p></td>"), "zu<p></p>");
    }

    #[test]
    fn only_dossiers_own_ids_classes_and_links_pass() {
        let own = r##"<p id="p1"><a class="pnum" href="#p1" aria-label="¶ 1">1</a>Text</p>"##;
        let html = r##"<p id="p1"><a class="pnum" href="#p1" aria-label="¶ 1">1</a>Text <span id="p1" class="pnum">a</span><span id="search-input" class="site-header" role="alert" aria-label="x">b</span></p>"##;
        assert_eq!(
            clean_block(html, own, Links::new()),
            r##"<p id="p1"><a class="pnum" href="#p1" aria-label="¶ 1">1</a>Text <span class="pnum">a</span><span>b</span></p>"##
        );
    }

    #[test]
    fn raw_links_are_found_and_replaced_as_ruled() {
        let own = r##"<p id="p1"><a href="b.html">B</a></p>"##;
        let html = r##"<p id="p1"><a href="b.html">B</a> <a href="b.md#p2">C</a> <a href="nirgends.html">D</a></p>"##;
        assert_eq!(raw_links(html, own), ["b.md#p2", "nirgends.html"]);
        let links: Links = [
            ("b.md#p2".to_string(), Some("b.html#p2".to_string())),
            ("nirgends.html".to_string(), None),
        ]
        .into();
        assert_eq!(
            clean_block(html, own, links),
            r##"<p id="p1"><a href="b.html">B</a> <a href="b.html#p2">C</a> <a>D</a></p>"##
        );
    }

    #[test]
    fn text_is_what_a_reader_sees() {
        assert_eq!(
            text(
                "<table><tr><td>A</td><td>B</td></tr></table><!-- nein --><p>C<sup>2</sup></p>",
                false
            ),
            "A B C2"
        );
        assert_eq!(text("<script>alert(1)</script>Text", false), "alert(1)Text");
        assert_eq!(text("<script>alert(1)</script>Text", true), "Text");
    }
}
