//! `dossier check`: paragraphs that do not stand in their seed (errors), and names in the texts
//! that look like people or organisations no registry entry covers (warnings), so an editor can
//! complete `content/entities.toml`.
//!
//! An article's paragraphs are the source's words: each must stand in the article's seed word
//! for word, with whitespace, typographic quotes and dashes folded (a copy from a web page turns
//! `„` into `"` and line breaks into spaces); a saved web page's text is read from its HTML.
//! The editor's own words go in a `note` block.
//!
//! German capitalises every noun, so "a run of capitalised words" alone would flag half of every
//! text. A name is suspected only where German puts one: right after a title or office
//! (`Präsident Petr Pavel`, `Kreml-Sprecher Dmitri Peskow`, `des US-Präsidenten, Jake Sullivan`)
//! or right after a verb of saying (`sagte Stoltenberg`). These are warnings, never errors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::enrich::Dossier;
use crate::enrich::statements::is_title;
use crate::error::{Error, Location};
use crate::load::{REGISTRY_FILE, Seed};
use crate::markdown::NOTE_BLOCK;

/// Verbs of saying after which the speaker's name follows.
const SPEECH_VERBS: &[&str] = &[
    "sagte",
    "erklärte",
    "betonte",
    "meinte",
    "warnte",
    "schrieb",
    "forderte",
    "ergänzte",
    "erläuterte",
    "versicherte",
];

/// Capitalised words that start a phrase but are no name.
const NOT_NAMES: &[&str] = &[
    "Der", "Die", "Das", "Des", "Dem", "Den", "Ein", "Eine", "Einer", "Eines", "Er", "Sie", "Es",
    "Wir", "Ich", "Man", "Dies", "Diese", "Dieser", "Auch", "Und", "Aber", "Am", "Im", "In", "Zu",
    "Zum", "Zur", "Bei", "Von", "Vom", "Mit", "Nach", "Vor", "Für", "Seit",
];

/// Endings of German common nouns; a single capitalised word with one is no name.
const NOUN_ENDINGS: &[&str] = &[
    "ern", "ung", "ungen", "heit", "keit", "schaft", "tion", "ismus", "tät", "nis", "nen", "ten",
];

/// A name in the text that no entity covers.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// Where it first stands.
    pub loc: Location,
    /// The name as written.
    pub name: String,
    /// Why it looks like a name (`after "Präsident"`).
    pub reason: String,
}

impl std::fmt::Display for Candidate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: `{}` ({}) looks like a name no entity covers; add it to {REGISTRY_FILE}, or as an alias of its entity",
            self.loc, self.name, self.reason
        )
    }
}

/// Paragraphs that do not stand in their article's seed, as errors at their line.
pub fn unfaithful_paragraphs(dossier: &Dossier) -> Vec<Error> {
    let mut errors = Vec::new();
    // One table: looking each article's seed up in the list was quadratic in the dossier.
    let seeds: rustc_hash::FxHashMap<&Path, &Seed> = dossier
        .seeds
        .iter()
        .map(|seed| (seed.path.as_path(), seed))
        .collect();
    for entry in &dossier.articles {
        let article = &entry.article;
        let Some(seed) = seeds.get(article.seed.as_path()) else {
            continue;
        };
        let raw = String::from_utf8_lossy(&seed.bytes);
        let seed_text = if is_web_page(&seed.path) {
            // A saved page's words stand between tags: compare with its text.
            // A saved page's words stand between tags, a photo's description in its `alt`: the
            // page is read as the importer reads it.
            let page = scraper::Html::parse_document(&raw);
            fold_for_comparison(&crate::import::visible_text(page.root_element(), true))
        } else {
            fold_for_comparison(&raw)
        };
        for (line, what, text) in source_words(entry) {
            let folded = fold_for_comparison(text);
            if !folded.is_empty() && !seed_text.contains(&folded) {
                let start: String = text.chars().take(60).collect();
                errors.push(
                    Error::input(
                        Location::line(&article.path, line),
                        format!(
                            "this {what} does not stand in the seed `{}` word for word: „{start}…“",
                            article.seed.display()
                        ),
                    )
                    .with_hint(format!(
                        "copy the source's words unchanged; put the editor's own words in a \
                         ```{NOTE_BLOCK} block"
                    )),
                );
            }
        }
    }
    errors
}

/// Every text of an article's body that speaks with its source's words, with its line and
/// what it is: paragraphs and quotations, headings, photo captions, descriptions and credits,
/// and the lines of lists and tables. Editor's notes and footnotes are not among them.
fn source_words(entry: &crate::enrich::EnrichedArticle) -> Vec<(usize, &'static str, &str)> {
    let body = &entry.body;
    let mut texts: Vec<(usize, &'static str, &str)> = Vec::new();
    texts.extend(
        body.paragraphs
            .iter()
            .map(|p| (p.line, "paragraph", p.text.as_str())),
    );
    texts.extend(
        body.headings
            .iter()
            .map(|h| (h.line, "heading", h.text.as_str())),
    );
    for figure in &body.figures {
        for (what, text) in [
            ("caption", &figure.caption),
            ("photo description", &figure.alt),
            ("photo credit", &figure.credit),
        ] {
            texts.push((figure.line, what, text.as_str()));
        }
    }
    // A list item, table cell or code line has no line of its own: the error points at the
    // body's start and quotes the words.
    let body_line = entry.article.body_line;
    texts.extend(
        body.unanchored_lines()
            .filter(|l| !body.editor_lines.contains(l.trim()))
            .map(|l| (body_line, "line of a list, table, code or HTML block", l)),
    );
    texts.sort_by_key(|(line, _, _)| *line);
    texts
}

/// Words in a row that make a shingle for [`near_duplicates`].
const SHINGLE_WORDS: usize = 5;
/// Share of the shorter text's shingles two articles must share to be reported.
const NEAR_DUPLICATE_SHARE: f64 = 0.5;
/// A shingle in more articles than this is a stock phrase, not shared text.
const COMMON_SHINGLE: usize = 20;

/// Pairs of articles that share most of their text (the same agency copy from two outlets), as
/// warnings. Texts are compared by runs of five words, through an index of those runs, so a
/// large dossier is not compared pair by pair.
pub fn near_duplicates(dossier: &Dossier) -> Vec<String> {
    use std::hash::{Hash, Hasher};
    let shingles: Vec<BTreeSet<u64>> = dossier
        .articles
        .iter()
        .map(|entry| {
            let words: Vec<String> = entry
                .body
                .text()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            words
                .windows(SHINGLE_WORDS)
                .map(|run| {
                    let mut hasher = rustc_hash::FxHasher::default();
                    run.hash(&mut hasher);
                    hasher.finish()
                })
                .collect()
        })
        .collect();
    // Only sums come out of this map, so its order does not matter.
    let mut holders: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
    for (article, set) in shingles.iter().enumerate() {
        for &shingle in set {
            holders.entry(shingle).or_default().push(article);
        }
    }
    let mut shared: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for articles in holders
        .values()
        .filter(|a| a.len() > 1 && a.len() <= COMMON_SHINGLE)
    {
        for (k, &a) in articles.iter().enumerate() {
            for &b in &articles[k + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    shared
        .into_iter()
        .filter_map(|((a, b), count)| {
            let smaller = shingles[a].len().min(shingles[b].len());
            let share = count as f64 / smaller.max(1) as f64;
            (share >= NEAR_DUPLICATE_SHARE).then(|| {
                format!(
                    "{} and {} share {:.0}% of their text: the same agency copy imported twice?",
                    Location::file(&dossier.articles[a].article.path),
                    dossier.articles[b].article.path.display(),
                    share * 100.0
                )
            })
        })
        .collect()
}

/// Whether a seed is a saved web page.
pub(crate) fn is_web_page(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Text as compared with a seed: whitespace runs as one space, typographic quotes and dashes
/// as their plain forms, trimmed.
fn fold_for_comparison(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| match c {
            '„' | '“' | '”' | '«' | '»' | '″' => '"',
            '‚' | '‘' | '’' | '‹' | '›' | '′' => '\'',
            '–' | '—' | '‒' | '\u{2212}' => '-',
            c => c,
        }));
    }
    out
}

/// Names that look like people or organisations and that no mention covers, once per article
/// and name, in file order.
pub fn candidates(dossier: &Dossier) -> Vec<Candidate> {
    let mut out = Vec::new();
    for entry in &dossier.articles {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let covered: BTreeMap<&str, Vec<(usize, usize)>> = entry
            .body
            .mention_blocks()
            .map(|block| {
                let ranges = block.iter().map(|m| (m.found.start, m.found.end)).collect();
                (block[0].anchor.as_str(), ranges)
            })
            .collect();
        for paragraph in &entry.body.paragraphs {
            let covered = covered
                .get(paragraph.anchor.as_str())
                .map_or(&[][..], Vec::as_slice);
            for (name, reason) in suspected_names(&paragraph.text, covered) {
                if seen.insert(name.clone()) {
                    out.push(Candidate {
                        loc: Location::line(&entry.article.path, paragraph.line),
                        name,
                        reason,
                    });
                }
            }
        }
    }
    out.sort();
    out
}

/// Word tokens of `text`: (byte start, word); a hyphen stays inside a word.
fn tokens(text: &str) -> Vec<(usize, &str)> {
    crate::enrich::statements::runs(text, 0..text.len(), |c| c.is_alphanumeric() || c == '-')
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&word)
}

/// (name, reason) for each suspected name in `text` outside the `covered` byte ranges.
fn suspected_names(text: &str, covered: &[(usize, usize)]) -> Vec<(String, String)> {
    let words = tokens(text);
    let is_covered = |at: usize| covered.iter().any(|&(s, e)| s <= at && at < e);
    let mut out = Vec::new();
    for (i, &(_, word)) in words.iter().enumerate() {
        let after_office = is_title(word);
        let is_speech = SPEECH_VERBS.contains(&word);
        if !after_office && !is_speech {
            continue;
        }
        // The name: up to four capitalised words right after (with `von`, `van`, `de`, `der`
        // inside, as in `Ursula von der Leyen`), none of them a known mention.
        let mut run: Vec<(usize, &str)> = Vec::new();
        for &(at, w) in words[i + 1..].iter().take(6) {
            let particle = !run.is_empty() && ["von", "van", "de", "der", "zu"].contains(&w);
            if !(particle || is_capitalised(w)) || is_covered(at) || w.contains('-') || is_title(w)
            {
                break;
            }
            run.push((at, w));
        }
        while run
            .last()
            .is_some_and(|(_, w)| w.chars().next().is_some_and(char::is_lowercase))
        {
            run.pop();
        }
        // What follows a colon or a quotation mark is what was said, not who said it.
        let (word_at, _) = words[i];
        if let Some(&(first_at, _)) = run.first()
            && text[word_at + word.len()..first_at].contains([':', '„', '"', '“', '»', '«'])
        {
            continue;
        }
        // A title followed by one capitalised word is often a noun (`Präsident Russlands`); a
        // name needs two words there. After a verb of saying one word is the usual surname.
        let enough = if is_speech { 1 } else { 2 };
        let looks_like_noun = |w: &str| NOUN_ENDINGS.iter().any(|e| w.to_lowercase().ends_with(e));
        if run.len() < enough || (run.len() == 1 && looks_like_noun(run[0].1)) {
            continue;
        }
        let (start, _) = run[0];
        let (last_at, last) = run[run.len() - 1];
        // Only what is between the words in the text: no sentence or clause break inside.
        let name = &text[start..last_at + last.len()];
        if name.contains(['.', ',', ';', ':']) {
            continue;
        }
        let reason = format!("after `{word}`");
        out.push((name.to_string(), reason));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_folds_whitespace_quotes_and_dashes() {
        assert_eq!(
            fold_for_comparison("  „Es gibt\n kein – einziges“ ‚Argument‘ "),
            "\"Es gibt kein - einziges\" 'Argument'"
        );
    }

    fn names(text: &str, covered: &[(usize, usize)]) -> Vec<String> {
        suspected_names(text, covered)
            .into_iter()
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn names_after_offices_and_verbs_of_saying_are_suspected() {
        assert_eq!(
            names(
                "Dort traf er den tschechischen Präsidenten Petr Pavel.",
                &[]
            ),
            ["Petr Pavel"]
        );
        assert_eq!(
            names("Das sei klar, sagte Kallas am Montag.", &[]),
            ["Kallas"]
        );
        assert_eq!(
            names(
                "Dieses Argument wiederholte Kreml-Sprecher Dmitri Peskow.",
                &[]
            ),
            ["Dmitri Peskow"]
        );
    }

    #[test]
    fn covered_names_nouns_and_pronouns_are_not() {
        let text = "Präsident Petr Pavel sprach.";
        let start = text.find("Petr").unwrap();
        assert!(names(text, &[(start, start + "Petr Pavel".len())]).is_empty());
        assert!(names("Der Präsident Russlands sagte er.", &[]).is_empty());
        assert!(names("„Ja“, sagte der Botschafter.", &[]).is_empty());
        assert!(names("sagte Reportern am Freitag", &[]).is_empty());
        assert!(names("sagte Bündnischef Jens Stoltenberg", &[]) == ["Jens Stoltenberg"]);
        assert!(names("Ein Sprecher sagte: „Heute ist ein guter Tag.“", &[]).is_empty());
        assert_eq!(
            names(
                "Kommissionspräsidentin Ursula von der Leyen gratulierte.",
                &[]
            ),
            ["Ursula von der Leyen"]
        );
        assert_eq!(
            names(
                "Die designierte EU-Außenbeauftragte Kaja Kallas sagte:",
                &[]
            ),
            ["Kaja Kallas"]
        );
    }
}
