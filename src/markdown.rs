//! An article body in Markdown → [`RenderedBody`]: HTML with citable anchors, plus its plain text.
//!
//! What this adds to CommonMark, and why:
//! - every paragraph gets a stable anchor (`#p1`, `#p2`...) so a reader can cite it;
//! - headings get anchors from their text;
//! - a fenced block with the info string `figure` is a photo caption as the source printed it
//!   (`caption:`, `credit:`, `alt:` lines), since the sources' photos themselves are not kept;
//! - fenced code is highlighted with CSS classes (syntect);
//! - raw HTML in the source is shown as text, never passed through, and `javascript:`-style link
//!   targets are dropped: text from sources must never run in a reader's browser.

use std::collections::BTreeSet;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::error::{Error, Location, line_of_offset};
use crate::highlight;

/// The info string of a fenced block that holds a photo caption.
pub const FIGURE_BLOCK: &str = "figure";

/// A paragraph of the body, as readers cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Its anchor, `p1`, `p2`... in reading order.
    pub anchor: String,
    /// Its text without markup.
    pub text: String,
    /// Line of the article file where it starts.
    pub line: usize,
}

/// A heading of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Its anchor, from its text.
    pub anchor: String,
    /// Its text without markup.
    pub text: String,
    /// 1 to 6.
    pub level: u8,
}

/// A photo caption kept from the source.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figure {
    /// Its anchor, `fig1`, `fig2`...
    pub anchor: String,
    /// The caption text.
    pub caption: String,
    /// The photo credit, as printed (e.g. "Bild: Jacquelyn Martin/AP Photo").
    pub credit: String,
    /// A separate description of the photo, where the source printed one.
    pub alt: String,
}

/// The body rendered for a page and taken apart for indexes.
#[derive(Debug, Clone, Default)]
pub struct RenderedBody {
    /// The HTML of the body.
    pub html: String,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Photo captions in order.
    pub figures: Vec<Figure>,
    /// All text of the body without markup, for search.
    pub text: String,
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Whether a link target is safe to put in an `href`/`src`: anything but script-running schemes.
pub fn is_safe_url(url: &str) -> bool {
    // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    !["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

/// Renders `markdown`, the body of `path` starting on line `first_line`.
pub fn render(path: &Path, markdown: &str, first_line: usize) -> Result<RenderedBody, Error> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let line_at = |offset: usize| first_line + line_of_offset(markdown, offset) - 1;

    let mut body = RenderedBody::default();
    let mut events: Vec<Event> = Vec::new();
    let mut used_ids = BTreeSet::new();

    let mut paragraph: Option<Paragraph> = None;
    let mut heading: Option<(u8, Vec<Event>, String)> = None;
    let mut code: Option<(String, String, usize)> = None; // language, text, offset of first line
    let mut skipped_link = false;

    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        // Code blocks are collected whole, then highlighted or read as a figure.
        if let Some((_, text, start)) = code.as_mut() {
            match event {
                Event::Text(t) => {
                    if text.is_empty() {
                        *start = range.start;
                    }
                    text.push_str(&t);
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (language, text, start) = code.take().expect("in a code block");
                    if language == FIGURE_BLOCK {
                        let number = body.figures.len() + 1;
                        let figure = parse_figure(path, &text, line_at(start), number)?;
                        events.push(Event::Html(figure_html(&figure).into()));
                        push_block(&mut body.text, &figure.alt);
                        push_block(&mut body.text, &figure.caption);
                        body.figures.push(figure);
                    } else {
                        push_block(&mut body.text, &text);
                        let html = if language.is_empty() {
                            highlight::plain_block(&text, "")
                        } else {
                            highlight::highlight_block(&text, &language)
                        };
                        events.push(Event::Html(html.into()));
                    }
                }
                _ => {}
            }
            continue;
        }

        let event = match event {
            // Raw HTML from a source is shown as the text it is.
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::Link { ref dest_url, .. })
            | Event::Start(Tag::Image { ref dest_url, .. })
                if !is_safe_url(dest_url) =>
            {
                skipped_link = true;
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) if skipped_link => {
                skipped_link = false;
                continue;
            }
            other => other,
        };

        match &event {
            Event::Text(t) | Event::Code(t) => {
                body.text.push_str(t);
                if let Some(p) = paragraph.as_mut() {
                    p.text.push_str(t);
                }
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                body.text.push(' ');
                if let Some(p) = paragraph.as_mut() {
                    p.text.push(' ');
                }
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push(' ');
                }
            }
            _ => {}
        }

        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new(), range.start));
            }
            Event::Start(Tag::Paragraph) => {
                let number = body.paragraphs.len() + 1;
                let anchor = format!("p{number}");
                events.push(Event::Html(
                    format!("<p id=\"{anchor}\"><a class=\"pnum\" href=\"#{anchor}\" aria-label=\"¶ {number}\">{number}</a>")
                        .into(),
                ));
                used_ids.insert(anchor.clone());
                paragraph = Some(Paragraph {
                    anchor,
                    text: String::new(),
                    line: line_at(range.start),
                });
            }
            Event::End(TagEnd::Paragraph) => {
                events.push(Event::Html("</p>\n".into()));
                if let Some(mut p) = paragraph.take() {
                    p.text = p.text.trim().to_string();
                    body.paragraphs.push(p);
                }
                body.text.push('\n');
            }
            Event::End(end @ (TagEnd::Item | TagEnd::TableCell)) => {
                body.text.push('\n');
                events.push(Event::End(end));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, Vec::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let (level, inner, text) = heading.take().expect("in a heading");
                let text = text.trim().to_string();
                let anchor = heading_anchor(&text, &mut used_ids);
                events.push(Event::Html(format!("<h{level} id=\"{anchor}\">").into()));
                events.extend(inner);
                events.push(Event::Html(format!("</h{level}>\n").into()));
                body.text.push('\n');
                body.headings.push(Heading {
                    anchor,
                    text,
                    level,
                });
            }
            other => match heading.as_mut() {
                Some((_, inner, _)) => inner.push(other),
                None => events.push(other),
            },
        }
    }

    pulldown_cmark::html::push_html(&mut body.html, events.into_iter());
    body.text = body.text.trim().to_string();
    Ok(body)
}

/// Appends a block's text to the body text, one block per line.
fn push_block(out: &mut String, text: &str) {
    if !text.trim().is_empty() {
        out.push_str(text.trim());
        out.push('\n');
    }
}

/// An anchor for a heading: its slug, made unique, never one of the paragraph or figure anchors.
fn heading_anchor(text: &str, used: &mut BTreeSet<String>) -> String {
    let mut base = crate::slug::slugify(text);
    if base.is_empty() {
        base = "section".to_string();
    }
    let numbered = |prefix: &str| {
        base.strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
    };
    if numbered("p") || numbered("fig") {
        base.push_str("-section");
    }
    let mut anchor = base.clone();
    let mut n = 2;
    while used.contains(&anchor) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    used.insert(anchor.clone());
    anchor
}

/// Reads a `figure` block: `caption:`, `credit:` and `alt:` lines, each at most once.
fn parse_figure(
    path: &Path,
    text: &str,
    first_line: usize,
    number: usize,
) -> Result<Figure, Error> {
    let mut figure = Figure {
        anchor: format!("fig{number}"),
        ..Figure::default()
    };
    for (i, line) in text.lines().enumerate() {
        let line_no = first_line + i;
        if line.trim().is_empty() {
            continue;
        }
        let err = |msg: String| {
            Error::input(Location::line(path, line_no), msg).with_hint(
                "a figure block holds lines `caption: ...`, `credit: ...` and `alt: ...`",
            )
        };
        let Some((key, value)) = line.split_once(':') else {
            return Err(err(format!(
                "expected `key: value` in a figure block, found `{}`",
                line.trim()
            )));
        };
        let slot = match key.trim() {
            "caption" => &mut figure.caption,
            "credit" => &mut figure.credit,
            "alt" => &mut figure.alt,
            other => return Err(err(format!("unknown figure key `{other}`"))),
        };
        if !slot.is_empty() {
            return Err(err(format!(
                "`{}` is given twice in this figure",
                key.trim()
            )));
        }
        *slot = value.trim().to_string();
    }
    if figure.caption.is_empty() && figure.alt.is_empty() {
        return Err(Error::input(
            Location::line(path, first_line),
            "a figure needs a `caption:` or an `alt:` line",
        )
        .with_hint("copy the caption as the source printed it"));
    }
    Ok(figure)
}

fn figure_html(figure: &Figure) -> String {
    let mut html = format!("<figure class=\"photo\" id=\"{}\">", figure.anchor);
    if !figure.alt.is_empty() {
        html.push_str(&format!(
            "<p class=\"photo-alt\">{}</p>",
            escape_html(&figure.alt)
        ));
    }
    html.push_str("<figcaption>");
    html.push_str(&escape_html(&figure.caption));
    if !figure.credit.is_empty() {
        if !figure.caption.is_empty() {
            html.push(' ');
        }
        html.push_str(&format!(
            "<small class=\"credit\">{}</small>",
            escape_html(&figure.credit)
        ));
    }
    html.push_str("</figcaption></figure>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_ok(md: &str) -> RenderedBody {
        render(Path::new("a.md"), md, 10).unwrap()
    }

    #[test]
    fn paragraphs_get_numbered_anchors_and_lines() {
        let body = render_ok("Erster Absatz.\n\n## Zwischentitel\n\nZweiter\nAbsatz.\n");
        assert_eq!(body.paragraphs.len(), 2);
        assert_eq!(body.paragraphs[0].anchor, "p1");
        assert_eq!(body.paragraphs[1].text, "Zweiter Absatz.");
        assert_eq!(body.paragraphs[1].line, 14);
        assert!(
            body.html
                .contains("<p id=\"p2\"><a class=\"pnum\" href=\"#p2\""),
            "{}",
            body.html
        );
        assert!(
            body.html
                .contains("<h2 id=\"zwischentitel\">Zwischentitel</h2>"),
            "{}",
            body.html
        );
    }

    #[test]
    fn heading_anchors_are_unique_and_never_paragraph_anchors() {
        let body = render_ok("## Kiew\n\n## Kiew\n\n## P1\n");
        let anchors: Vec<&str> = body.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["kiew", "kiew-2", "p1-section"]);
    }

    #[test]
    fn raw_html_is_text() {
        let body = render_ok(
            "Hallo <script>alert(1)</script> <b onclick=x>fett</b>\n\n<div>block</div>\n",
        );
        assert!(!body.html.contains("<script"), "{}", body.html);
        assert!(!body.html.contains("<b "), "{}", body.html);
        assert!(
            body.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("&lt;div&gt;block&lt;/div&gt;"),
            "{}",
            body.html
        );
    }

    #[test]
    fn script_links_are_dropped_but_their_text_kept() {
        let body = render_ok(
            "[klick](javascript:alert(1)) [ok](https://example.org) ![bild](data:image/svg+xml,x)\n",
        );
        assert!(!body.html.contains("javascript:"), "{}", body.html);
        assert!(!body.html.contains("data:"), "{}", body.html);
        assert!(body.html.contains("klick"));
        assert!(body.html.contains("<a href=\"https://example.org\">ok</a>"));
        assert!(!is_safe_url(" JaVa\tScript:x"));
        assert!(is_safe_url("../articles/x.html#p2"));
    }

    #[test]
    fn figure_blocks_become_captions() {
        let md = "Text.\n\n```figure\ncaption: Austin begrüßt Umjerow <i>\ncredit: Bild: Jacquelyn Martin/AP Photo\n```\n";
        let body = render_ok(md);
        assert_eq!(body.figures.len(), 1);
        assert_eq!(body.figures[0].credit, "Bild: Jacquelyn Martin/AP Photo");
        assert!(body.html.contains("<figure class=\"photo\" id=\"fig1\"><figcaption>Austin begrüßt Umjerow &lt;i&gt; <small class=\"credit\">Bild: Jacquelyn Martin/AP Photo</small></figcaption></figure>"), "{}", body.html);
        assert_eq!(
            body.paragraphs.len(),
            1,
            "a caption is not a paragraph of the text"
        );
    }

    #[test]
    fn bad_figure_lines_are_errors_with_line() {
        let err = render(
            Path::new("a.md"),
            "Text.\n\n```figure\ncaption: x\nfoto: y\n```\n",
            10,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("a.md:14: unknown figure key `foto`"),
            "{err}"
        );
        let err = render(Path::new("a.md"), "```figure\ncredit: x\n```\n", 1).unwrap_err();
        assert!(
            err.to_string().starts_with("a.md:2: a figure needs"),
            "{err}"
        );
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let body = render_ok("```toml\ntitle = \"x\"\n```\n");
        assert!(
            body.html
                .contains("<pre class=\"hl-code\"><code class=\"language-toml\">"),
            "{}",
            body.html
        );
        assert!(!body.html.contains("style="));
    }

    #[test]
    fn plain_text_joins_words() {
        let body = render_ok("Ein *kurzer* Satz.\n\n- eins\n- zwei\n");
        assert_eq!(body.text, "Ein kurzer Satz.\neins\nzwei");
        let body = render_ok("Der **NATO**-Gipfel.\n\n```figure\ncaption: Bild\n```\n");
        assert_eq!(body.text, "Der NATO-Gipfel.\nBild");
    }
}
