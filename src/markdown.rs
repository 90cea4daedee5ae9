//! An article body in Markdown → [`RenderedBody`]: HTML with citable anchors, plus its plain text.
//!
//! What this adds to CommonMark, and why:
//! - every paragraph gets a stable anchor (`#p1`, `#p2`...) so a reader can cite it;
//! - headings get anchors from their text;
//! - a fenced block with the info string `figure` is a photo caption as the source printed it
//!   (`caption:`, `credit:`, `alt:` lines), since the sources' photos themselves are not kept;
//! - a fenced block with the info string `note` is the editor's own words (an editor's note),
//!   set apart from the source's text, which `dossier check` holds to the seed word for word;
//! - fenced code is highlighted with CSS classes (syntect);
//! - raw HTML is sanitised block by block ([`crate::sanitise`]) unless `site.toml` trusts it,
//!   and `javascript:`-style link targets are dropped: text from sources must never run in a
//!   reader's browser. Tags are markup, not text: the text of a paragraph with raw HTML is the
//!   words between its tags, and an HTML block's text is what a reader sees of it.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::enrich::mentions::Found;
use crate::error::{Error, LineIndex, Location};
use crate::highlight;
use crate::sanitise;

/// The info string of a fenced block that holds a photo caption.
pub const FIGURE_BLOCK: &str = "figure";
/// The info string of a fenced block that holds an editor's note.
pub const NOTE_BLOCK: &str = "note";

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
    /// Line of the article file where it stands.
    pub line: usize,
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
    /// Line of the article file where its block's first line stands.
    pub line: usize,
}

/// Finds entity mentions in the text of a block and names the page each entity has.
pub trait MentionFinder {
    /// The mentions in `text`, in order, not overlapping.
    fn find(&self, text: &str) -> Vec<Found>;
    /// The link from an article page to the entity's page.
    fn href(&self, entity: usize) -> String;
}

/// An entity named in a paragraph, heading or caption of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The entity, as the [`MentionFinder`] numbers them.
    pub entity: usize,
    /// The anchor of the block it stands in (`p3`, a heading's id, `fig1`).
    pub anchor: String,
    /// Where it is in that block's text (see [`RenderedBody::mentions_by_block`]).
    pub found: Found,
}

impl Figure {
    /// The words of the source around a photo: the caption, then the description if any.
    /// Mentions are found in this text.
    pub fn text(&self) -> String {
        match (self.caption.is_empty(), self.alt.is_empty()) {
            (_, true) => self.caption.clone(),
            (true, false) => self.alt.clone(),
            (false, false) => format!("{}\n{}", self.caption, self.alt),
        }
    }
}

/// A block of the body, from [`RenderedBody::blocks`].
#[derive(Debug, Clone, Copy)]
pub enum Block<'a> {
    /// A paragraph's or heading's text.
    Text(&'a str),
    /// A figure.
    Figure(&'a Figure),
}

impl<'a> Block<'a> {
    /// The block's text; a figure's is [`Figure::text`].
    pub fn text(self) -> Cow<'a, str> {
        match self {
            Block::Text(text) => text.into(),
            Block::Figure(figure) => figure.text().into(),
        }
    }
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
    /// All text of the body without markup, by line: see [`RenderedBody::text`].
    lines: Vec<TextLine>,
    /// Links to other articles, to check that they exist with the anchors they name.
    pub links: Vec<ArticleLink>,
    /// Every id the body defines.
    pub ids: BTreeSet<String>,
    /// Entity mentions in paragraphs, headings and captions, in reading order.
    pub mentions: Vec<Mention>,
    /// The lines of the editor's notes and footnotes: the editor's words, not the source's.
    pub editor_lines: BTreeSet<String>,
}

/// A line of a body's text: most are the text of an anchored block, held there already.
#[derive(Debug, Clone)]
enum TextLine {
    /// The text of the block numbered so in [`RenderedBody::anchored_texts`].
    Block(u32),
    /// Any other line: of a list, a table, code, a footnote, an HTML block.
    Other(Box<str>),
}

impl TextLine {
    /// The lines of `text` (split at `\n` only, so they join back to it exactly).
    fn of(text: &str, body: &RenderedBody) -> Vec<TextLine> {
        if text.is_empty() {
            return Vec::new();
        }
        let mut numbers: rustc_hash::FxHashMap<&str, u32> = Default::default();
        for (n, block) in body.anchored_texts().enumerate() {
            numbers.entry(block).or_insert(n as u32);
        }
        text.split('\n')
            .map(|line| match numbers.get(line) {
                // A line `str::lines` would cut a `\r` from is not the block's text as read.
                Some(&n) if !line.ends_with('\r') => TextLine::Block(n),
                _ => TextLine::Other(line.into()),
            })
            .collect()
    }
}

impl RenderedBody {
    /// All text of the body without markup, one block per line.
    pub fn text(&self) -> String {
        let blocks: Vec<&str> = self.anchored_texts().collect();
        let mut text = String::new();
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(match line {
                TextLine::Block(n) => blocks.get(*n as usize).copied().unwrap_or_default(),
                TextLine::Other(line) => line,
            });
        }
        text
    }

    /// The texts of the anchored blocks: paragraphs, headings, then each figure's caption and
    /// description.
    fn anchored_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .chain(self.headings.iter().map(|h| h.text.as_str()))
            .chain(
                self.figures
                    .iter()
                    .flat_map(|f| [f.caption.as_str(), f.alt.as_str()]),
            )
    }

    /// Lines of the text that stand in no anchored block: tight list items, table cells,
    /// footnotes, code blocks, editor's notes.
    pub fn unanchored_lines(&self) -> impl Iterator<Item = &str> {
        let anchored: BTreeSet<&str> = self.anchored_texts().collect();
        self.lines
            .iter()
            .filter_map(|line| match line {
                TextLine::Block(_) => None,
                // As `str::lines` reads them.
                TextLine::Other(line) => Some(line.strip_suffix('\r').unwrap_or(line)),
            })
            .filter(move |line| !line.trim().is_empty() && !anchored.contains(line))
    }

    /// Every anchored block: paragraphs, headings, then figures. [`Block::text`] builds the
    /// text only when asked for, since a figure's is joined from its parts.
    pub fn blocks(&self) -> impl Iterator<Item = (&str, Block<'_>)> {
        let paragraphs = self
            .paragraphs
            .iter()
            .map(|p| (p.anchor.as_str(), Block::Text(&p.text)));
        let headings = self
            .headings
            .iter()
            .map(|h| (h.anchor.as_str(), Block::Text(&h.text)));
        let figures = self
            .figures
            .iter()
            .map(|f| (f.anchor.as_str(), Block::Figure(f)));
        paragraphs.chain(headings).chain(figures)
    }

    /// The mentions of each block that names an entity, in reading order. A block's mentions
    /// are recorded together, so they stand next to each other.
    pub fn mention_blocks(&self) -> impl Iterator<Item = &[Mention]> {
        self.mentions.chunk_by(|a, b| a.anchor == b.anchor)
    }

    /// Like [`RenderedBody::mention_blocks`], each with its block's text. Blocks are looked up
    /// in a table: a 20 MB article has 150,000 paragraphs, too many to search one by one.
    pub fn mentions_by_block(&self) -> impl Iterator<Item = (Cow<'_, str>, &[Mention])> {
        let blocks: rustc_hash::FxHashMap<&str, Block<'_>> = self.blocks().collect();
        self.mention_blocks().map(move |block| {
            let text = blocks
                .get(block[0].anchor.as_str())
                .map(|b| b.text())
                .unwrap_or_default();
            (text, block)
        })
    }
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

/// What becomes of raw HTML in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RawHtml {
    /// Cleaned by [`crate::sanitise`]: formatting stays, nothing runs or loads.
    #[default]
    Sanitised,
    /// Passed through as written (`trust_html = true` in `site.toml`).
    Trusted,
}

/// Deepest nesting of Markdown blocks and inlines a body may have. Far beyond any real article,
/// it keeps pathological input (thousands of nested quotes or emphases) from exhausting the
/// stack in later stages.
const MAX_NESTING: usize = 64;

/// Articles a body may link to: content path (`content/x.md`, NFC, `/`-separated) → slug.
pub type ArticlePaths = BTreeMap<String, String>;

/// A link from a body to another article, checked once every body is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLink {
    /// The target article's slug.
    pub slug: String,
    /// The anchor in it, or empty.
    pub fragment: String,
    /// Line of the link in the article file.
    pub line: usize,
}

/// Renders `markdown`, the body of `path` starting on line `first_line`. Relative links must
/// name another article's `.md` file (one of `articles`) and become links to its page. With a
/// `finder`, entity mentions are recorded and the first mention of each entity in a paragraph
/// links to its page. `note_label` heads an editor's note, in the site's language.
pub fn render(
    path: &Path,
    markdown: &str,
    first_line: usize,
    articles: &ArticlePaths,
    finder: Option<&dyn MentionFinder>,
    note_label: &str,
    raw_html: RawHtml,
) -> Result<RenderedBody, Vec<Error>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut renderer = Renderer {
        path,
        markdown,
        lines: LineIndex::new(markdown),
        first_line,
        articles,
        body: RenderedBody::default(),
        text: String::new(),
        events: Vec::new(),
        errors: Vec::new(),
        used_ids: BTreeSet::new(),
        paragraph: None,
        heading: None,
        code: None,
        links: Vec::new(),
        footnotes: BTreeMap::new(),
        in_footnote: None,
        depth: 0,
        page_fragments: Vec::new(),
        finder,
        linked: BTreeSet::new(),
        segments: Vec::new(),
        note_label,
        raw_html,
        block: TopBlock::default(),
        html_block: None,
    };
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        if !renderer.event(event, range.start) {
            break;
        }
    }
    renderer.finish()
}

struct Renderer<'a> {
    path: &'a Path,
    markdown: &'a str,
    lines: LineIndex,
    first_line: usize,
    articles: &'a ArticlePaths,
    body: RenderedBody,
    /// The body's text as it is read, one block per line: kept in the body by line
    /// ([`TextLine`]) once all blocks are known.
    text: String,
    events: Vec<Event<'a>>,
    errors: Vec<Error>,
    used_ids: BTreeSet<String>,
    paragraph: Option<Paragraph>,
    /// Level, line, inner events and text of the heading being read.
    heading: Option<(u8, usize, Vec<Event<'a>>, String)>,
    /// Language, text and offset of the code block being read.
    code: Option<(String, String, usize)>,
    /// For each open link: whether it was dropped (so is its end tag).
    links: Vec<bool>,
    /// Footnote label → (number, anchor, whether a reference already took the back-link id).
    footnotes: BTreeMap<String, (usize, String, bool)>,
    /// Where the footnote being read starts in the body text, while one is.
    in_footnote: Option<usize>,
    depth: usize,
    /// Links to anchors of this page, checked when all anchors are known.
    page_fragments: Vec<(String, usize)>,
    finder: Option<&'a dyn MentionFinder>,
    /// Entities whose first mention already links to their page.
    linked: BTreeSet<usize>,
    /// Text events of the paragraph being read: (index in `events`, offset in the paragraph
    /// text, whether a link may be put around part of it).
    segments: Vec<(usize, usize, bool)>,
    /// What heads an editor's note.
    note_label: &'a str,
    raw_html: RawHtml,
    /// The top-level block being read.
    block: TopBlock,
    /// The raw HTML of the HTML block being read, while one is.
    html_block: Option<String>,
}

/// Where the top-level block being read starts, and what raw HTML it holds so far.
#[derive(Default)]
struct TopBlock {
    /// Index of its first event in `Renderer::events`.
    first_event: usize,
    /// Its offset in the Markdown.
    offset: usize,
    /// Whether it holds raw HTML.
    raw: bool,
    /// Raw `<a>` tags opened and not closed: no mention link may go inside a link.
    open_links: usize,
    /// How deep the raw HTML's elements nest so far.
    raw_depth: usize,
}

impl<'a> Renderer<'a> {
    fn line_at(&self, offset: usize) -> usize {
        self.first_line + self.lines.line(offset) - 1
    }

    fn error(&mut self, offset: usize, msg: String, hint: &str) {
        let loc = Location::line(self.path, self.line_at(offset));
        self.errors.push(Error::input(loc, msg).with_hint(hint));
    }

    /// Handles one event; false stops reading (the body is too deeply nested to go on).
    fn event(&mut self, event: Event<'a>, offset: usize) -> bool {
        // Code blocks are collected whole, then highlighted or read as a figure.
        if self.code.is_some() {
            match event {
                Event::Text(t) => {
                    let (_, text, start) = self.code.as_mut().expect("in a code block");
                    if text.is_empty() {
                        *start = offset;
                    }
                    text.push_str(&t);
                }
                Event::End(TagEnd::CodeBlock) => {
                    self.depth = self.depth.saturating_sub(1);
                    self.end_code_block();
                }
                _ => {}
            }
            return true;
        }
        match &event {
            Event::Start(_) => {
                if self.depth == 0 {
                    self.block = TopBlock {
                        first_event: self.events.len(),
                        offset,
                        ..TopBlock::default()
                    };
                }
                self.depth += 1;
                if self.depth > MAX_NESTING {
                    self.error(
                        offset,
                        format!("the text is nested more than {MAX_NESTING} levels deep here"),
                        "flatten the nested quotes, lists or emphasis",
                    );
                    return false;
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        let ends_block = matches!(event, Event::End(_)) && self.depth == 0;
        // Raw HTML is InlineHtml from here on, dossier's own markup Html, so that a block's own
        // markup can be told from the source's when the block is cleaned.
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                if !self.raw_html(&html, offset) {
                    return false;
                }
                Event::InlineHtml(html)
            }
            event => event,
        };
        self.collect_text(&event);

        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((language, String::new(), offset));
            }
            Event::Start(Tag::Paragraph) if self.in_footnote.is_some() => {
                self.push(Event::Html("<p>".into()))
            }
            Event::End(TagEnd::Paragraph) if self.in_footnote.is_some() => {
                self.push(Event::Html("</p>\n".into()))
            }
            Event::Start(Tag::Paragraph) => {
                let number = self.body.paragraphs.len() + 1;
                let anchor = format!("p{number}");
                self.events.push(Event::Html(
                    format!("<p id=\"{anchor}\"><a class=\"pnum\" href=\"#{anchor}\" aria-label=\"¶ {number}\">{number}</a>")
                        .into(),
                ));
                self.used_ids.insert(anchor.clone());
                self.segments.clear();
                self.paragraph = Some(Paragraph {
                    anchor,
                    text: String::new(),
                    line: self.line_at(offset),
                });
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(mut p) = self.paragraph.take() {
                    let lead = p.text.len() - p.text.trim_start().len();
                    p.text = p.text.trim().to_string();
                    self.find_mentions(&p.anchor, &p.text, Some(lead));
                    self.body.paragraphs.push(p);
                }
                self.events.push(Event::Html("</p>\n".into()));
            }
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level as u8, self.line_at(offset), Vec::new(), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::Link {
                dest_url,
                title,
                id,
                link_type,
            }) => match self.link_target(&dest_url, offset) {
                Some(url) => {
                    self.links.push(false);
                    self.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: url.into(),
                        title,
                        id,
                    }));
                }
                None => self.links.push(true),
            },
            Event::End(TagEnd::Link) => {
                if !self.links.pop().unwrap_or(false) {
                    self.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.error(
                    offset,
                    format!("images are not part of a dossier (`{dest_url}`)"),
                    "photos of the sources are not kept: copy the caption and credit into a ```figure block",
                );
                // The alt text that follows is kept as text.
                self.links.push(true);
            }
            Event::End(TagEnd::Image) => {
                self.links.pop();
            }
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let (number, anchor, referenced) = self.footnote(&label);
                self.in_footnote = Some(self.text.len());
                let back = if referenced {
                    format!(
                        " <a class=\"footnote-back\" href=\"#ref-{anchor}\" aria-label=\"↩ {number}\">↩</a>"
                    )
                } else {
                    String::new()
                };
                self.push(Event::Html(
                    format!("<div class=\"footnote\" id=\"{anchor}\"><span class=\"footnote-number\">{number}</span>{back}").into(),
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(start) = self.in_footnote.take() {
                    let lines = self.text[start..].lines().map(|l| l.trim().to_string());
                    self.body.editor_lines.extend(lines);
                }
                self.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::HtmlBlock) => {
                self.html_block = Some(String::new());
                self.push(event);
            }
            Event::End(TagEnd::HtmlBlock) => {
                let html = self.html_block.take().unwrap_or_default();
                let text = sanitise::text(&html, self.raw_html == RawHtml::Trusted);
                if !self.text.is_empty() && !self.text.ends_with('\n') {
                    self.text.push('\n');
                }
                push_block(&mut self.text, &text);
                self.push(event);
            }
            other => self.push(other),
        }
        if ends_block && self.block.raw && self.raw_html == RawHtml::Sanitised {
            self.clean_block();
        }
        true
    }

    /// Notes a piece of raw HTML: the block holds some, and an inline `<a>` opens a link.
    /// False if the raw HTML nests too deeply to go on (parsing it would take minutes).
    fn raw_html(&mut self, html: &str, offset: usize) -> bool {
        self.block.raw = true;
        let (depth, deepest) = raw_nesting(html, self.block.raw_depth);
        self.block.raw_depth = depth;
        if self.depth + deepest > MAX_NESTING {
            self.error(
                offset,
                format!("the HTML is nested more than {MAX_NESTING} levels deep here"),
                "flatten the nested elements, or close the tags left open",
            );
            return false;
        }
        if let Some(block) = self.html_block.as_mut() {
            block.push_str(html);
            return true;
        }
        match raw_tag(html) {
            Some((false, "a")) => self.block.open_links += 1,
            Some((true, "a")) => {
                self.block.open_links = self.block.open_links.saturating_sub(1);
            }
            _ => {}
        }
        true
    }

    /// Replaces the events of the top-level block just read, which holds raw HTML, with its
    /// cleaned HTML. Links in the raw HTML are ruled on as Markdown links are.
    fn clean_block(&mut self) {
        let events = self.events.split_off(self.block.first_event);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
        let mut own = String::new();
        let own_events = events
            .into_iter()
            .filter(|e| !matches!(e, Event::InlineHtml(_)));
        pulldown_cmark::html::push_html(&mut own, own_events);
        let mut links = sanitise::Links::new();
        for href in sanitise::raw_links(&html, &own) {
            // The link's line, where its text can be found as written.
            let start = self.block.offset;
            let offset = self.markdown[start..]
                .find(href.as_str())
                .map_or(start, |at| start + at);
            let target = self.link_target(&href, offset);
            links.insert(href, target);
        }
        let cleaned = sanitise::clean_block(&html, &own, links);
        self.events.push(Event::Html(cleaned.into()));
    }

    /// Adds an event to the output, or to the heading being read.
    fn push(&mut self, event: Event<'a>) {
        match self.heading.as_mut() {
            Some((_, _, inner, _)) => inner.push(event),
            None => self.events.push(event),
        }
    }

    /// Keeps the plain text of the body, its paragraphs and headings, for search and citation.
    fn collect_text(&mut self, event: &Event<'a>) {
        let text: &str = match event {
            Event::Text(t) | Event::Code(t) => t,
            Event::SoftBreak | Event::HardBreak => " ",
            Event::InlineHtml(html)
                if self.html_block.is_none() && raw_tag(html) == Some((false, "br")) =>
            {
                " "
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::Heading(_),
            ) => {
                self.text.push('\n');
                return;
            }
            _ => return,
        };
        self.text.push_str(text);
        if let Some(p) = self.paragraph.as_mut() {
            if matches!(event, Event::Text(_)) {
                let linkable = self.links.is_empty() && self.block.open_links == 0;
                self.segments
                    .push((self.events.len(), p.text.len(), linkable));
            }
            p.text.push_str(text);
        }
        if let Some((_, _, _, heading)) = self.heading.as_mut() {
            heading.push_str(text);
        }
    }

    fn end_code_block(&mut self) {
        let (language, text, start) = self.code.take().expect("in a code block");
        if language == FIGURE_BLOCK {
            let number = self.body.figures.len() + 1;
            match parse_figure(self.path, &text, self.line_at(start), number) {
                Ok(figure) => {
                    self.events.push(Event::Html(figure_html(&figure).into()));
                    push_block(&mut self.text, &figure.alt);
                    push_block(&mut self.text, &figure.caption);
                    self.used_ids.insert(figure.anchor.clone());
                    self.find_mentions(&figure.anchor, &figure.text(), None);
                    self.body.figures.push(figure);
                }
                Err(e) => self.errors.push(e),
            }
        } else if language == NOTE_BLOCK {
            push_block(&mut self.text, &text);
            self.body
                .editor_lines
                .extend(text.lines().map(|l| l.trim().to_string()));
            self.events
                .push(Event::Html(note_html(self.note_label, &text).into()));
        } else {
            push_block(&mut self.text, &text);
            let html = if language.is_empty() {
                highlight::plain_block(&text, "")
            } else {
                highlight::highlight_block(&text, &language)
            };
            self.events.push(Event::Html(html.into()));
        }
    }

    fn end_heading(&mut self) {
        let (level, line, inner, text) = self.heading.take().expect("in a heading");
        let text = text.trim().to_string();
        let anchor = heading_anchor(&text, &mut self.used_ids);
        self.events
            .push(Event::Html(format!("<h{level} id=\"{anchor}\">").into()));
        self.events.extend(inner);
        self.events
            .push(Event::Html(format!("</h{level}>\n").into()));
        self.find_mentions(&anchor, &text, None);
        self.body.headings.push(Heading {
            anchor,
            text,
            level,
            line,
        });
    }

    /// Records the mentions in a block's text. For a paragraph (`lead` is the whitespace trimmed
    /// from the front of its text), the first mention of each entity in the body that lies whole
    /// in one text event outside a link becomes a link to the entity's page.
    fn find_mentions(&mut self, anchor: &str, text: &str, lead: Option<usize>) {
        let Some(finder) = self.finder else {
            return;
        };
        let mut links: Vec<(usize, usize, usize, String)> = Vec::new();
        for found in finder.find(text) {
            self.body.mentions.push(Mention {
                entity: found.entity,
                anchor: anchor.to_string(),
                found,
            });
            let Some(lead) = lead else { continue };
            if self.linked.contains(&found.entity) {
                continue;
            }
            let (start, end) = (found.start + lead, found.end + lead);
            let segment = self.segments.iter().find(|&&(index, offset, linkable)| {
                let len = match &self.events[index] {
                    Event::Text(t) => t.len(),
                    _ => 0,
                };
                linkable && offset <= start && end <= offset + len
            });
            if let Some(&(index, offset, _)) = segment {
                self.linked.insert(found.entity);
                links.push((
                    index,
                    start - offset,
                    end - offset,
                    finder.href(found.entity),
                ));
            }
        }
        // Later events first, so the indices of earlier ones stay valid.
        links.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
        for (index, start, end, href) in links {
            let Event::Text(t) = &self.events[index] else {
                continue;
            };
            let t = t.to_string();
            let replacement = [
                Event::Text(t[..start].to_string().into()),
                Event::Html(
                    format!("<a class=\"mention\" href=\"{}\">", escape_html(&href)).into(),
                ),
                Event::Text(t[start..end].to_string().into()),
                Event::Html("</a>".into()),
                Event::Text(t[end..].to_string().into()),
            ];
            self.events.splice(index..=index, replacement);
        }
    }

    /// The number and anchor of a footnote, numbered in order of first appearance.
    fn footnote(&mut self, label: &str) -> (usize, String, bool) {
        let next = self.footnotes.len() + 1;
        let (number, anchor, referenced) = self
            .footnotes
            .entry(label.to_string())
            .or_insert_with(|| (next, format!("fn{next}"), false))
            .clone();
        self.used_ids.insert(anchor.clone());
        (number, anchor, referenced)
    }

    fn footnote_reference(&mut self, label: &str) {
        let (number, anchor, referenced) = self.footnote(label);
        // Only the first reference carries the id the footnote links back to.
        let id = if referenced {
            String::new()
        } else {
            self.footnotes.get_mut(label).expect("just added").2 = true;
            self.used_ids.insert(format!("ref-{anchor}"));
            format!(" id=\"ref-{anchor}\"")
        };
        self.push(Event::Html(
            format!("<sup class=\"footnote-ref\"><a href=\"#{anchor}\"{id}>{number}</a></sup>")
                .into(),
        ));
    }

    /// Where a link in the body leads, or `None` to drop the link and keep its text.
    ///
    /// Web links stay as they are; script-running schemes are dropped; a relative link must
    /// name another article's `.md` file and becomes a link to its page, so links inside the
    /// dossier are relative and checked like every other.
    fn link_target(&mut self, url: &str, offset: usize) -> Option<String> {
        if !is_safe_url(url) {
            return None;
        }
        if has_scheme(url) || url.starts_with("//") {
            return Some(url.to_string());
        }
        if let Some(fragment) = url.strip_prefix('#') {
            self.page_fragments
                .push((fragment.to_string(), self.line_at(offset)));
            return Some(url.to_string());
        }
        let (target, fragment) = url.split_once('#').unwrap_or((url, ""));
        let decoded = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
        let hint = "link to another article by its file, e.g. [text](other-article.md#p3), or to a web page with https://";
        if decoded.starts_with('/') {
            self.error(
                offset,
                format!("the link `{url}` starts with `/`; links in a dossier are relative"),
                hint,
            );
            return None;
        }
        let base = self.path.parent().unwrap_or(Path::new(""));
        let resolved = normalize(&base.join(decoded.as_ref()));
        match resolved.as_deref().and_then(|p| self.articles.get(p)) {
            Some(slug) => {
                self.body.links.push(ArticleLink {
                    slug: slug.clone(),
                    fragment: fragment.to_string(),
                    line: self.line_at(offset),
                });
                let anchor = if fragment.is_empty() {
                    String::new()
                } else {
                    format!("#{fragment}")
                };
                // Article pages share one folder, so the link is the page's file name.
                Some(format!("{slug}.html{anchor}"))
            }
            None => {
                self.error(
                    offset,
                    format!("the link `{url}` does not lead to an article of this dossier"),
                    hint,
                );
                None
            }
        }
    }

    fn finish(mut self) -> Result<RenderedBody, Vec<Error>> {
        for (fragment, line) in std::mem::take(&mut self.page_fragments) {
            if !self.used_ids.contains(&fragment) {
                self.errors.push(
                    Error::input(Location::line(self.path, line), format!("there is no anchor `#{fragment}` in this article"))
                        .with_hint("paragraphs are #p1, #p2 …, headings take their text's slug, figures are #fig1 …"),
                );
            }
        }
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        pulldown_cmark::html::push_html(&mut self.body.html, self.events.into_iter());
        // The longest text a body holds, grown by doubling: up to half of it unused.
        self.body.html.shrink_to_fit();
        self.body.lines = TextLine::of(self.text.trim(), &self.body);
        self.body.ids = self.used_ids;
        Ok(self.body)
    }
}

/// Whether a URL starts with a scheme (`https:`, `mailto:` ...).
fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// The name of a raw HTML tag, lowercased, and whether it closes: `<A href=x>` → `(false, "a")`.
/// `None` for a comment, declaration or anything else.
fn raw_tag(html: &str) -> Option<(bool, &'static str)> {
    let rest = html.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(rest.len());
    let name = &rest[..end];
    // Only the tags the renderer acts on are named.
    ["a", "br"]
        .into_iter()
        .find(|known| name.eq_ignore_ascii_case(known))
        .map(|known| (closing, known))
}

/// Elements that hold nothing, and those whose end tag may be left out (`<p>a<p>b`), which
/// therefore do not count towards how deep raw HTML nests.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "colgroup", "dd", "dt", "embed", "hr", "img", "input", "li",
    "link", "meta", "optgroup", "option", "p", "param", "rp", "rt", "source", "tbody", "td",
    "tfoot", "th", "thead", "tr", "track", "wbr",
];

/// How deep raw HTML's elements nest, starting at `depth`: the depth after `html` and the
/// deepest on the way. An estimate of the HTML parser's stack, to refuse before parsing what
/// would take it minutes (its work grows with the square of the depth). What a `<script>` or
/// `<style>` holds is skipped: `i<n` there is no tag.
pub(crate) fn raw_nesting(html: &str, mut depth: usize) -> (usize, usize) {
    let mut deepest = depth;
    let mut from = 0;
    while let Some(found) = html[from..].find('<') {
        let at = from + found;
        from = at + 1;
        let rest = &html[at + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        if NOT_NESTING.iter().any(|n| name.eq_ignore_ascii_case(n)) {
            continue;
        }
        let tag = rest[end..].split('>').next().unwrap_or_default();
        if closing {
            depth = depth.saturating_sub(1);
        } else if ["script", "style"]
            .iter()
            .any(|raw| name.eq_ignore_ascii_case(raw))
        {
            // Its text runs to its end tag, which closes it again.
            let close = format!("</{}", name.to_ascii_lowercase());
            from = find_ascii_ci(&html[from..], &close)
                .map_or(html.len(), |end| from + end + close.len());
        } else if !tag.trim_end().ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    (depth, deepest)
}

/// Where `needle` (ASCII, lowercase) first stands in `haystack`, in any case.
fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `a/b/../c.md` → `a/c.md` (NFC, `/`-separated); `None` if it climbs above its start.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::Normal(part) => {
                parts.push(crate::load::nfc(&part.to_string_lossy()))
            }
            std::path::Component::ParentDir => {
                parts.pop()?;
            }
            std::path::Component::CurDir => {}
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

/// Appends a block's text to the body text, one block per line.
fn push_block(out: &mut String, text: &str) {
    if !text.trim().is_empty() {
        out.push_str(text.trim());
        out.push('\n');
    }
}

/// Ids the page templates use; a heading must not take one.
const TEMPLATE_IDS: [&str; 6] = [
    "main",
    "search-input",
    "search-suggestions",
    "search-page",
    "search-status",
    "search-page-results",
];

/// Whether an anchor is taken by the templates or has the shape of a generated one
/// (`p3`, `fig2`, `fn1`, `ref-fn1`, `search-option-4`).
fn is_reserved(anchor: &str) -> bool {
    let numbered = |prefix: &str| {
        anchor
            .strip_prefix(prefix)
            .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()))
    };
    TEMPLATE_IDS.contains(&anchor)
        || numbered("p")
        || numbered("fig")
        || numbered("fn")
        || anchor.starts_with("ref-")
        || anchor.starts_with("search-option-")
}

/// An anchor for a heading: its slug, made unique, never one the page uses otherwise.
fn heading_anchor(text: &str, used: &mut BTreeSet<String>) -> String {
    let mut base = crate::slug::slugify(text);
    if base.is_empty() {
        base = "section".to_string();
    }
    if is_reserved(&base) {
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
        line: first_line,
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

/// An editor's note: its paragraphs as text, set apart and labelled (`label`) as the editor's.
fn note_html(label: &str, text: &str) -> String {
    let mut html = format!(
        "<aside class=\"editor-note\" role=\"note\"><p class=\"editor-note-label\">{}</p>",
        escape_html(label)
    );
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str(&format!("<p>{}</p>", escape_html(paragraph)));
    }
    html.push_str("</aside>\n");
    html
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

    const NOTE_LABEL: &str = "Anmerkung der Redaktion";

    fn articles() -> ArticlePaths {
        [
            ("content/b.md".to_string(), "b".to_string()),
            ("content/sub/c.md".to_string(), "c".to_string()),
        ]
        .into()
    }

    /// `md` as the body of `content/a.md` from line `first_line`, with the articles above.
    fn render_as(
        md: &str,
        first_line: usize,
        finder: Option<&dyn MentionFinder>,
        note_label: &str,
        raw_html: RawHtml,
    ) -> Result<RenderedBody, Vec<Error>> {
        let path = Path::new("content/a.md");
        render(
            path,
            md,
            first_line,
            &articles(),
            finder,
            note_label,
            raw_html,
        )
    }

    fn render_ok(md: &str) -> RenderedBody {
        render_as(md, 10, None, NOTE_LABEL, RawHtml::Sanitised).unwrap()
    }

    fn render_err(md: &str) -> String {
        let errors = render_as(md, 1, None, NOTE_LABEL, RawHtml::Sanitised).unwrap_err();
        errors
            .iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn paragraphs_get_numbered_anchors_and_lines() {
        let body = render_ok("Erster Absatz.\n\n## Zwischentitel\n\nZweiter\nAbsatz.\n");
        assert_eq!(body.paragraphs.len(), 2);
        assert!(body.ids.contains("p2") && body.ids.contains("zwischentitel"));
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
    fn raw_html_is_sanitised_and_its_tags_are_not_text() {
        let body = render_ok(
            "Hallo <script>alert(1)</script> <b onclick=x>fett</b>, H<sub>2</sub>O,<br>\n<abbr title=\"Nordatlantikpakt\">NATO</abbr>.\n\n<div style=\"color:red\">block <em>x</em></div>\n",
        );
        assert_eq!(
            body.html,
            "<p id=\"p1\"><a class=\"pnum\" href=\"#p1\" aria-label=\"¶ 1\">1</a>Hallo alert(1) <b>fett</b>, H<sub>2</sub>O,<br>\n<abbr title=\"Nordatlantikpakt\">NATO</abbr>.</p>\n<div>block <em>x</em></div>\n"
        );
        assert_eq!(body.paragraphs[0].text, "Hallo alert(1) fett, H2O,  NATO.");
        assert_eq!(body.text().lines().last(), Some("block x"));
        assert!(body.unanchored_lines().any(|l| l == "block x"));
    }

    #[test]
    fn deeply_nested_raw_html_is_an_error_not_minutes_of_parsing() {
        for body in [
            format!("{}x{}\n", "<div>".repeat(5000), "</div>".repeat(5000)),
            format!("Text {}x\n", "<span><b>".repeat(40)),
            format!("{}x\n", "<table><tr><td>".repeat(3000)),
        ] {
            let errors = render_as(&body, 1, None, NOTE_LABEL, RawHtml::Sanitised).unwrap_err();
            assert_eq!(
                errors[0].to_string().lines().next(),
                Some("content/a.md:1: the HTML is nested more than 64 levels deep here"),
                "{body:.40}"
            );
        }
        // Unclosed paragraphs and list items, void and self-closed elements do not nest.
        let body = format!(
            "<div>{}</div>\n",
            "<p>a<li>b<br><img src=x><span/>".repeat(100)
        );
        render_as(&body, 1, None, NOTE_LABEL, RawHtml::Sanitised).unwrap();
        // Nor does what a script holds.
        let body = format!("<script>{}</script>\n", "if (a<b) {}".repeat(100));
        render_as(&body, 1, None, NOTE_LABEL, RawHtml::Sanitised).unwrap();
    }

    #[test]
    fn an_unclosed_tag_stays_in_its_block() {
        let body = render_ok("<div>offen <b>fett\n\nZweiter Absatz <i>schräg\n\nDritter.\n");
        assert_eq!(
            body.html,
            "<div>offen <b>fett\n</b></div><p id=\"p1\"><a class=\"pnum\" href=\"#p1\" aria-label=\"¶ 1\">1</a>Zweiter Absatz <i>schräg</i></p><i>\n</i><p id=\"p2\"><a class=\"pnum\" href=\"#p2\" aria-label=\"¶ 2\">2</a>Dritter.</p>\n"
        );
    }

    #[test]
    fn raw_html_cannot_take_dossiers_ids_or_classes() {
        let body = render_ok(
            "Text <span id=\"p2\" class=\"pnum\">a</span> <span id=\"main\" class=\"site-header\">b</span>.\n\nZwei.\n",
        );
        assert!(
            body.html
                .contains("Text <span class=\"pnum\">a</span> <span>b</span>."),
            "{}",
            body.html
        );
        assert_eq!(body.html.matches("id=\"p2\"").count(), 1, "{}", body.html);
    }

    #[test]
    fn raw_links_follow_the_rules_of_markdown_links() {
        let body = render_ok(
            "[B](b.md) <a href=\"b.md#p2\" title=\"t\">zu B</a> <a href=\"javascript:alert(1)\">x</a> <a href=\"https://example.org/\" target=\"_blank\" rel=\"opener\">web</a> <a href=\"#p1\">oben</a>\n",
        );
        assert!(
            body.html.contains("<a href=\"b.html\">B</a> <a href=\"b.html#p2\" title=\"t\">zu B</a> <a>x</a> <a href=\"https://example.org/\">web</a> <a href=\"#p1\">oben</a>"),
            "{}",
            body.html
        );
        let slugs: Vec<(&str, &str)> = body
            .links
            .iter()
            .map(|l| (l.slug.as_str(), l.fragment.as_str()))
            .collect();
        assert_eq!(slugs, [("b", ""), ("b", "p2")]);
        let err = render_err(
            "Text.\n\n<div>\n<a href=\"nirgends.html\">x</a> <a href=\"#p9\">y</a>\n</div>\n",
        );
        assert!(
            err.contains("content/a.md:4: the link `nirgends.html` does not lead to an article"),
            "{err}"
        );
        assert!(
            err.contains("content/a.md:4: there is no anchor `#p9` in this article"),
            "{err}"
        );
    }

    struct Nato;

    impl MentionFinder for Nato {
        fn find(&self, text: &str) -> Vec<Found> {
            text.match_indices("NATO")
                .map(|(start, name)| Found {
                    start,
                    end: start + name.len(),
                    name_end: start + name.len(),
                    entity: 0,
                })
                .collect()
        }
        fn href(&self, _: usize) -> String {
            "../entities/nato.html".into()
        }
    }

    #[test]
    fn a_mention_inside_a_raw_link_is_not_linked_again() {
        let md = "Die <a href=\"https://www.nato.int/\">NATO</a> und <sup>NATO</sup>.\n";
        let body = render_as(md, 1, Some(&Nato), NOTE_LABEL, RawHtml::Sanitised).unwrap();
        assert!(
            body.html.contains("Die <a href=\"https://www.nato.int/\">NATO</a> und <sup><a class=\"mention\" href=\"../entities/nato.html\">NATO</a></sup>."),
            "{}",
            body.html
        );
        assert_eq!(body.mentions.len(), 2);
    }

    #[test]
    fn trusted_raw_html_passes_as_written() {
        let md = "Ein <span onclick=\"x()\" id=\"p2\">Satz</span>.\n\n<div class=\"karte\"><script>karte()</script>\n";
        let body = render_as(md, 1, None, NOTE_LABEL, RawHtml::Trusted).unwrap();
        assert!(
            body.html.contains("Ein <span onclick=\"x()\" id=\"p2\">Satz</span>.</p>\n<div class=\"karte\"><script>karte()</script>\n"),
            "{}",
            body.html
        );
        assert_eq!(body.text(), "Ein Satz.");
    }

    #[test]
    fn raw_html_in_a_block_loses_none_of_dossiers_own_markup() {
        let block = "> - [x] Die NATO[^a] und ~~nicht~~ [B](b.md#p2) RAW\n>\n>   ```toml\n>   a = 1\n>   ```\n>\n>   ```figure\n>   caption: Bild\n>   ```\n>\n>   ```note\n>   Notiz\n>   ```\n>\n>   | a | b |\n>   |:-:|--:|\n>   | 1 | 2 |\n\n[^a]: Fuß RAW\n";
        let plain = render_as(
            &block.replace("RAW", ""),
            1,
            Some(&Nato),
            NOTE_LABEL,
            RawHtml::Sanitised,
        )
        .unwrap();
        let raw = render_as(
            &block.replace("RAW", "<sup>x</sup>"),
            1,
            Some(&Nato),
            NOTE_LABEL,
            RawHtml::Sanitised,
        )
        .unwrap();
        assert!(raw.html.contains("<sup>x</sup>"), "{}", raw.html);
        let lost: Vec<_> = sanitise::own_attributes(&plain.html)
            .difference(&sanitise::own_attributes(&raw.html))
            .cloned()
            .collect();
        assert!(lost.is_empty(), "{lost:?} lost from {}", raw.html);
    }

    #[test]
    fn many_fenced_blocks_are_no_deep_nesting() {
        let md = "```figure\ncaption: Bild\n```\n\n".repeat(MAX_NESTING + 10);
        assert_eq!(render_ok(&md).figures.len(), MAX_NESTING + 10);
    }

    #[test]
    fn links_to_articles_become_page_links() {
        let body = render_ok("Siehe [B](b.md#p2), [C](sub/c.md) und [oben](#p1).\n");
        assert!(
            body.html.contains("<a href=\"b.html#p2\">B</a>"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<a href=\"c.html\">C</a>"),
            "{}",
            body.html
        );
        assert_eq!(
            body.links[0],
            ArticleLink {
                slug: "b".into(),
                fragment: "p2".into(),
                line: 10
            }
        );
    }

    #[test]
    fn links_that_lead_nowhere_are_errors_with_line() {
        let err = render_err("Text.\n\n[x](/articles/b.html) [y](nirgends.html) [z](#p9)\n");
        assert!(
            err.contains("content/a.md:3: the link `/articles/b.html` starts with `/`"),
            "{err}"
        );
        assert!(
            err.contains("content/a.md:3: the link `nirgends.html` does not lead to an article"),
            "{err}"
        );
        assert!(
            err.contains("content/a.md:3: there is no anchor `#p9` in this article"),
            "{err}"
        );
    }

    #[test]
    fn images_are_errors() {
        let err = render_err("![Foto](https://example.org/x.jpg)\n");
        assert!(
            err.starts_with("content/a.md:1: images are not part of a dossier"),
            "{err}"
        );
    }

    #[test]
    fn editor_notes_are_set_apart_under_the_label_given() {
        let md = "Text.\n\n```note\nDer Text nennt <kein> Datum.\n```\n";
        let body = render_as(md, 1, None, "Editor’s <note>", RawHtml::Sanitised).unwrap();
        assert!(
            body.html.contains("<aside class=\"editor-note\" role=\"note\"><p class=\"editor-note-label\">Editor’s &lt;note&gt;</p><p>Der Text nennt &lt;kein&gt; Datum.</p></aside>"),
            "{}",
            body.html
        );
        assert!(body.editor_lines.contains("Der Text nennt <kein> Datum."));
    }

    #[test]
    fn footnotes_get_their_own_anchors_and_no_paragraph_number() {
        let body = render_ok("Text[^q] und noch einmal[^q].\n\n[^q]: Quelle: Agentur.\n");
        assert_eq!(body.paragraphs.len(), 1);
        assert!(
            body.html.contains(
                "<sup class=\"footnote-ref\"><a href=\"#fn1\" id=\"ref-fn1\">1</a></sup>"
            ),
            "{}",
            body.html
        );
        assert!(
            body.html
                .contains("<sup class=\"footnote-ref\"><a href=\"#fn1\">1</a></sup>"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<div class=\"footnote\" id=\"fn1\">"),
            "{}",
            body.html
        );
        assert!(body.html.contains("href=\"#ref-fn1\""), "{}", body.html);
    }

    #[test]
    fn headings_never_take_template_or_generated_ids() {
        let body = render_ok("## Main\n\n## Search input\n\n## Fn1\n");
        let anchors: Vec<&str> = body.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(
            anchors,
            ["main-section", "search-input-section", "fn1-section"]
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let md = format!("{}tief\n", "> ".repeat(200));
        assert!(render_err(&md).contains("nested more than 64 levels"));
        let md = format!("{}tief{}\n", "*a ".repeat(5000), " b*".repeat(5000));
        assert!(render_err(&md).contains("nested more than 64 levels"));
    }

    #[test]
    fn a_dropped_link_inside_a_kept_link_leaves_no_stray_tag() {
        let body = render_ok("A [n [i](javascript:x) m](https://example.org) B\n");
        assert_eq!(
            body.html.matches("</a>").count(),
            body.html.matches("<a ").count(),
            "{}",
            body.html
        );
    }

    #[test]
    fn script_links_are_dropped_but_their_text_kept() {
        let body = render_ok(
            "[klick](javascript:alert(1)) [ok](https://example.org) [d](data:text/html,x)\n",
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
        let err = render_err("Text.\n\n```figure\ncaption: x\nfoto: y\n```\n");
        assert!(
            err.starts_with("content/a.md:5: unknown figure key `foto`"),
            "{err}"
        );
        let err = render_err("```figure\ncredit: x\n```\n");
        assert!(err.starts_with("content/a.md:2: a figure needs"), "{err}");
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
    fn the_text_held_by_line_reads_back_whole_with_the_lines_outside_blocks() {
        let body = render_ok(
            "# Lage\n\nErster Absatz.\n\n- eins\n- Erster Absatz.\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode\nzeile\n```\n\nZweiter Absatz.\n",
        );
        assert_eq!(
            body.text(),
            "Lage\nErster Absatz.\neins\nErster Absatz.\na\nb\nc\nd\ncode\nzeile\nZweiter Absatz."
        );
        // A line that repeats a block's text counts as that block's, as it always has.
        let unanchored: Vec<&str> = body.unanchored_lines().collect();
        assert_eq!(unanchored, ["eins", "a", "b", "c", "d", "code", "zeile"]);
    }

    #[test]
    fn plain_text_joins_words() {
        let body = render_ok("Ein *kurzer* Satz.\n\n- eins\n- zwei\n");
        assert_eq!(body.text(), "Ein kurzer Satz.\neins\nzwei");
        let body = render_ok("Der **NATO**-Gipfel.\n\n```figure\ncaption: Bild\n```\n");
        assert_eq!(body.text(), "Der NATO-Gipfel.\nBild");
    }
}
