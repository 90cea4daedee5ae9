//! Stage 3, index: [`Dossier`] → [`SearchIndex`], shipped as a script file.
//!
//! The index is a JavaScript file that assigns one global, loaded by a `<script>` tag: pages opened
//! from disk (file://) may not fetch() data files, but they may load scripts.
//!
//! Words are normalised the same way here and in `templates/assets/search.js`: lowercase,
//! accents dropped (`Brüssel` → `brussel`), `ß` → `ss`, split at anything that is not a letter or
//! digit (so `NATO-Gipfel` is found by `nato` and `gipfel`).

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::enrich::Dossier;
use crate::render::urls;

/// The global the index script assigns.
pub const GLOBAL: &str = "DOSSIER_SEARCH_INDEX";

/// Weight of a word in a title or name, relative to a word in the body.
const TITLE_WEIGHT: u32 = 10;
/// Weight of a word in a summary or in a linked entity or topic name.
const SUMMARY_WEIGHT: u32 = 3;
/// Weight of a word in an entity's or topic's own name: its page is the best answer to its name,
/// above every article that mentions it.
const NAME_WEIGHT: u32 = 100;

/// One search result: an article, an entity or a topic page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// `article`, `entity` or `topic`.
    pub kind: &'static str,
    /// Title or name.
    pub title: String,
    /// Page URL relative to the site root.
    pub url: String,
    /// A line under the title: date and outlet for articles, the number of articles otherwise.
    pub meta: String,
    /// A short text: the article's summary.
    pub summary: String,
}

/// The search index: documents and, per normalised word, which documents hold it and how much.
#[derive(Debug, Clone, Serialize)]
pub struct SearchIndex {
    /// The documents; postings refer to them by position.
    pub docs: Vec<SearchDoc>,
    /// Sorted words, each with flat `[doc, weight, doc, weight, ...]` postings sorted by doc.
    pub terms: Vec<(String, Vec<u32>)>,
}

/// Normalises text into search words, as the browser side does with a query.
pub fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .replace('ß', "ss");
    folded
        .split(|c: char| !(c.is_alphabetic() || c.is_numeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl SearchIndex {
    /// Indexes every article, entity and topic of the dossier.
    pub fn build(dossier: &Dossier) -> Self {
        let language = &dossier.config.language;
        let mut docs = Vec::new();
        let mut postings: BTreeMap<String, BTreeMap<u32, u32>> = BTreeMap::new();
        let mut add = |doc: u32, text: &str, weight: u32| {
            for word in words(text) {
                *postings.entry(word).or_default().entry(doc).or_default() += weight;
            }
        };

        for entry in &dossier.articles {
            let a = &entry.article;
            let doc = docs.len() as u32;
            add(doc, &a.title, TITLE_WEIGHT);
            add(doc, a.summary.as_deref().unwrap_or(""), SUMMARY_WEIGHT);
            for named in &entry.entities {
                add(
                    doc,
                    &dossier.entities[named.entity].entity.name,
                    SUMMARY_WEIGHT,
                );
            }
            for &t in &entry.topics {
                add(doc, &dossier.topics[t].name, SUMMARY_WEIGHT);
            }
            add(doc, &entry.body.text, 1);
            docs.push(SearchDoc {
                kind: "article",
                title: a.title.clone(),
                url: urls::article(&a.slug),
                meta: format!("{} · {}", a.date.display(language), a.source),
                summary: a.summary.clone().unwrap_or_default(),
            });
        }
        for profile in &dossier.entities {
            let entity = &profile.entity;
            let doc = docs.len() as u32;
            // Aliases too: a reader who types a source's spelling (`Selenskij`) finds the page.
            for name in entity.names() {
                add(doc, name, NAME_WEIGHT);
            }
            add(doc, &entity.description, SUMMARY_WEIGHT);
            docs.push(SearchDoc {
                kind: "entity",
                title: entity.name.clone(),
                url: urls::entity(&entity.slug),
                meta: count_label(profile.articles.len(), language),
                summary: entity.description.clone(),
            });
        }
        for term in &dossier.topics {
            let doc = docs.len() as u32;
            add(doc, &term.name, NAME_WEIGHT);
            docs.push(SearchDoc {
                kind: "topic",
                title: term.name.clone(),
                url: urls::topic(&term.slug),
                meta: count_label(term.articles.len(), language),
                summary: String::new(),
            });
        }

        let mut terms: Vec<(String, Vec<u32>)> = postings
            .into_iter()
            .map(|(word, docs)| (word, docs.into_iter().flat_map(|(d, w)| [d, w]).collect()))
            .collect();
        // The browser binary-searches with JavaScript's string order, which compares UTF-16 code
        // units; it differs from Rust's for characters beyond U+FFFF (e.g. 𝐁 against ２).
        terms.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
        SearchIndex { docs, terms }
    }

    /// The index as a script assigning `window.DOSSIER_SEARCH_INDEX`.
    pub fn to_script(&self) -> String {
        let json = serde_json::to_string(self).expect("the index is plain data");
        format!("window.{GLOBAL} = {json};\n")
    }
}

fn count_label(count: usize, language: &str) -> String {
    match (language, count) {
        ("de", 1) => "1 Artikel".to_string(),
        ("de", n) => format!("{n} Artikel"),
        (_, 1) => "1 article".to_string(),
        (_, n) => format!("{n} articles"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_accents_and_compounds() {
        assert_eq!(
            words("NATO-Gipfel in Brüssel"),
            ["nato", "gipfel", "in", "brussel"]
        );
        assert_eq!(
            words("Straße, „Selenskyj“ 2024!"),
            ["strasse", "selenskyj", "2024"]
        );
        assert_eq!(
            words("Recep Tayyip Erdoğan"),
            ["recep", "tayyip", "erdogan"]
        );
        assert_eq!(words("  "), Vec::<String>::new());
    }

    #[test]
    fn terms_are_in_javascript_string_order() {
        let mut terms = vec!["\u{FF12}".to_string(), "\u{1D401}".to_string()];
        terms.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        // In UTF-16 the astral letter is a surrogate pair (0xD835...), below U+FF12.
        assert_eq!(terms, ["\u{1D401}", "\u{FF12}"]);
    }
}
