//! Text → search terms, the one normalisation the index and the browser share.
//!
//! `templates/assets/search.js` repeats every step below in the same order; the browser test
//! runs one word list through both and compares. A change here is a change there.
//!
//! Per word part, in order:
//! 1. lowercase, NFC;
//! 2. `ß` → `ss`;
//! 3. for words spelt only with `a`–`z` and umlauts: `ae`/`oe`/`ue` → `ä`/`ö`/`ü` (the German
//!    spelling without umlauts, `Bruessel`), except a `u` after `q` or a vowel (`Quelle`, `neue`),
//!    as Snowball's german2 variant does; then Snowball German stemming (`Waffenlieferungen` →
//!    `waffenlieferung`), which also drops the umlauts;
//! 4. accents dropped (`Erdoğan` → `erdogan`) and a few letters without a decomposition spelt
//!    out (`ø` → `o`, `æ` → `ae`).
//!
//! Words are runs of letters, digits and marks. A hyphen between two of them joins parts into a
//! compound: `NATO-Gipfel` gives `nato`, `gipfel` and the whole `natogipfel`, so the compound is
//! found by each part, by itself, and as the closed spelling `Natogipfel`.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises words into terms, numbered in order of first appearance, remembering each
/// word's term: a corpus repeats most of its words.
pub struct Normalizer {
    stemmer: Stemmer,
    /// Word as written → its term.
    cache: FxHashMap<String, u32>,
    /// Term → its number.
    ids: FxHashMap<String, u32>,
    /// Terms by number.
    terms: Vec<String>,
}

/// Calls `each` with the words of a text, each as its parts (several for a hyphen compound).
fn each_word<'t>(text: &'t str, mut each: impl FnMut(&[&'t str])) {
    let mut rest = text;
    let mut parts = Vec::new();
    while let Some(start) = rest.find(is_word_char) {
        rest = &rest[start..];
        parts.clear();
        loop {
            let end = rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
            parts.push(&rest[..end]);
            rest = &rest[end..];
            let mut after = rest.chars();
            match (after.next(), after.next()) {
                (Some(h), Some(next)) if is_hyphen(h) && is_word_char(next) => {
                    rest = &rest[h.len_utf8()..];
                }
                _ => break,
            }
        }
        each(&parts);
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            stemmer: Stemmer::create(Algorithm::German),
            cache: FxHashMap::default(),
            ids: FxHashMap::default(),
            terms: Vec::new(),
        }
    }
}

impl Normalizer {
    /// The terms of `text` as the index stores them: every part, and every compound whole.
    pub fn terms(&mut self, text: &str) -> Vec<String> {
        let mut ids = Vec::new();
        self.each_term(text, |id, _| ids.push(id));
        ids.into_iter()
            .map(|id| self.terms[id as usize].clone())
            .collect()
    }

    /// Calls `each` with the number of every term of `text` (as [`Normalizer::terms`]) and
    /// whether it is a word, rather than a compound's whole.
    pub fn each_term(&mut self, text: &str, mut each: impl FnMut(u32, bool)) {
        each_word(text, |parts| {
            for part in parts {
                each(self.word(part), true);
            }
            if parts.len() > 1 {
                each(self.word(&parts.concat()), false);
            }
        });
    }

    /// The number of one word part's term.
    pub fn word(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.cache.get(word) {
            return id;
        }
        let id = self.intern(&normalize(&self.stemmer, word));
        self.cache.insert(word.to_string(), id);
        id
    }

    /// The number of a term given as it is (a filter term, say).
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.terms.push(term.to_string());
        id
    }

    /// The terms, by number.
    pub fn into_terms(self) -> Vec<String> {
        self.terms
    }
}

fn normalize(stemmer: &Stemmer, word: &str) -> String {
    let lower: String = word.to_lowercase().nfc().collect();
    let lower = lower.replace('ß', "ss");
    let stemmed = if lower
        .chars()
        .all(|c| c.is_ascii_lowercase() || "äöü".contains(c))
    {
        stemmer.stem(&umlauts_from_digraphs(&lower)).into_owned()
    } else {
        lower
    };
    let mut folded = String::with_capacity(stemmed.len());
    for c in stemmed.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ø' => folded.push('o'),
            'ł' => folded.push('l'),
            'đ' | 'ð' => folded.push('d'),
            'ħ' => folded.push('h'),
            'ı' => folded.push('i'),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'þ' => folded.push_str("th"),
            c => folded.push(c),
        }
    }
    folded
}

/// `ae`, `oe`, `ue` as `ä`, `ö`, `ü`, but not a `u` after `q` or after a vowel.
fn umlauts_from_digraphs(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = i.checked_sub(1).map(|j| chars[j]);
        let kept_u = c == 'u' && before.is_some_and(|b| b == 'q' || "aeiouyäöü".contains(b));
        let umlaut = match c {
            'a' => Some('ä'),
            'o' => Some('ö'),
            'u' if !kept_u => Some('ü'),
            _ => None,
        };
        match umlaut {
            Some(u) if chars.get(i + 1) == Some(&'e') => {
                out.push(u);
                i += 2;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Normalizer::default().terms(text)
    }

    #[test]
    fn umlauts_and_their_spellings_meet() {
        assert_eq!(terms("Brüssel Bruessel brussel BRÜSSEL"), ["brussel"; 4]);
        assert_eq!(terms("Straße STRASSE"), ["strass", "strass"]);
        assert_eq!(terms("Türkei Tuerkei"), ["turkei", "turkei"]);
        // A `u` after `q` or a vowel is no umlaut: `neue` is not `neü`.
        assert_eq!(terms("Quelle neue Bauer"), ["quell", "neu", "bau"]);
    }

    #[test]
    fn inflections_meet_their_stem() {
        assert_eq!(
            terms("Waffenlieferungen Waffenlieferung"),
            ["waffenliefer", "waffenliefer"]
        );
        assert_eq!(terms("Stoltenbergs Stoltenberg"), ["stoltenberg"; 2]);
    }

    #[test]
    fn hyphen_compounds_give_parts_and_whole() {
        assert_eq!(
            terms("NATO-Gipfel, Natogipfel"),
            ["nato", "gipfel", "natogipfel", "natogipfel"]
        );
        // A dash between words or a hyphen at a word's end joins nothing.
        assert_eq!(
            terms("Nord- und Süd – West"),
            ["nord", "und", "sud", "west"]
        );
    }

    #[test]
    fn other_scripts_and_accents_fold_without_stemming() {
        assert_eq!(
            terms("Recep Tayyip Erdoğan"),
            ["recep", "tayyip", "erdogan"]
        );
        assert_eq!(
            terms("Støre Київ 2024 2A4"),
            ["store", "киів", "2024", "2a4"]
        );
        // Decomposed input is the same word.
        assert_eq!(terms("Bru\u{308}ssel"), ["brussel"]);
        assert_eq!(terms(" „“ "), Vec::<String>::new());
    }
}
