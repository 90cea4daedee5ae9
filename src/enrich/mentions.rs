//! Finding the registry's entities in text: [`MentionDetector`].
//!
//! One Aho-Corasick automaton holds every name and alias of every entity, so a text is read once
//! whatever the size of the registry. German needs three things plain substring search lacks:
//! - inflection: a name followed by a genitive `s` or `es` (`Stoltenbergs`, `Russlands`) is still
//!   the name, and the ending belongs to the mention;
//! - compounds: a name before a hyphen (`NATO-Generalsekretär`, `Biden-Regierung`) is a mention;
//!   anything else glued to a name (`Austin` inside `Faustino`) is not;
//! - spelling: each name is also looked for without diacritics (`Erdoğan` → `Erdogan`) and with
//!   umlauts spelt out (`Brüssel` → `Bruessel`), as sources write them.
//!
//! Where names overlap, the leftmost wins and then the longest, so `Recep Tayyip Erdogan` is one
//! mention and not also a mention of an entity called `Erdogan`.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_normalization::UnicodeNormalization;

use crate::load::EntityRegistry;

/// A name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Byte offset where the name starts.
    pub start: usize,
    /// Byte offset where the mention ends, an inflection ending included.
    pub end: usize,
    /// Byte offset where the name itself ends (before an ending such as the genitive `s`).
    pub name_end: usize,
    /// Index of the entity in the registry.
    pub entity: usize,
}

/// Endings a name may carry and still be the name (German genitive).
const ENDINGS: [&str; 2] = ["es", "s"];

/// Finds the mentions of a registry's entities in text.
#[derive(Debug, Clone)]
pub struct MentionDetector {
    /// `None` when the registry has no names to look for.
    automaton: Option<AhoCorasick>,
    /// Pattern index → entity index.
    owners: Vec<usize>,
}

impl MentionDetector {
    /// Builds the automaton for every name, alias and spelling variant in `registry`.
    pub fn new(registry: &EntityRegistry) -> MentionDetector {
        // The registry guarantees each written name has one owner. A spelling variant made
        // here that two entities share would be a guess, so it is left out.
        let mut patterns: BTreeMap<String, Option<usize>> = BTreeMap::new();
        for (index, entity) in registry.entities.iter().enumerate() {
            for name in entity.names() {
                patterns.insert(name.to_string(), Some(index));
            }
        }
        let mut variants: BTreeMap<String, Option<usize>> = BTreeMap::new();
        for (index, entity) in registry.entities.iter().enumerate() {
            for name in entity.names() {
                for variant in spelling_variants(name) {
                    if patterns.contains_key(&variant) {
                        continue;
                    }
                    variants
                        .entry(variant)
                        .and_modify(|owner| {
                            if *owner != Some(index) {
                                *owner = None;
                            }
                        })
                        .or_insert(Some(index));
                }
            }
        }
        patterns.extend(variants);
        let (names, owners): (Vec<String>, Vec<usize>) = patterns
            .into_iter()
            .filter_map(|(name, owner)| owner.map(|o| (name, o)))
            .unzip();
        let automaton = if names.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&names)
                    .expect("names from a checked registry make a valid automaton"),
            )
        };
        MentionDetector { automaton, owners }
    }

    /// The mentions in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<Found> = Vec::new();
        for m in automaton.find_overlapping_iter(text) {
            let (start, name_end) = (m.start(), m.end());
            if !starts_word(text, start) {
                continue;
            }
            let Some(end) = ends_word(text, name_end) else {
                continue;
            };
            candidates.push(Found {
                start,
                end,
                name_end,
                entity: self.owners[m.pattern().as_usize()],
            });
        }
        // Leftmost first, then longest.
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut found: Vec<Found> = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            if found.last().is_none_or(|last| candidate.start >= last.end) {
                found.push(candidate);
            }
        }
        found
    }
}

/// Whether a name may start at `start`: not glued to a letter or digit before it.
fn starts_word(text: &str, start: usize) -> bool {
    !text[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Where a mention whose name ends at `name_end` ends, or `None` when the name runs on into a
/// longer word. A hyphen ends it (compounds name the entity); so does a genitive ending.
fn ends_word(text: &str, name_end: usize) -> Option<usize> {
    let rest = &text[name_end..];
    match rest.chars().next() {
        None => Some(name_end),
        Some(c) if !c.is_alphanumeric() => Some(name_end),
        Some(_) => ENDINGS.iter().find_map(|ending| {
            let after = rest.strip_prefix(ending)?;
            (!after.chars().next().is_some_and(char::is_alphanumeric))
                .then_some(name_end + ending.len())
        }),
    }
}

/// Other spellings of a name that sources use: without diacritics, and with umlauts spelt out.
fn spelling_variants(name: &str) -> Vec<String> {
    let spelt_out: String = name
        .chars()
        .map(|c| match c {
            'ä' => "ae".to_string(),
            'ö' => "oe".to_string(),
            'ü' => "ue".to_string(),
            'Ä' => "Ae".to_string(),
            'Ö' => "Oe".to_string(),
            'Ü' => "Ue".to_string(),
            'ß' => "ss".to_string(),
            c => c.to_string(),
        })
        .collect();
    let plain = without_marks(name);
    let mut out = vec![without_marks(&spelt_out), plain];
    out.retain(|v| v != name);
    out.dedup();
    out
}

/// `name` with combining marks removed (`Erdoğan` → `Erdogan`), recomposed.
fn without_marks(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn registry() -> EntityRegistry {
        let entries = [
            (
                "stoltenberg",
                "Jens Stoltenberg",
                "person",
                "\"Stoltenberg\"",
            ),
            (
                "selenskyj",
                "Wolodymyr Selenskyj",
                "person",
                "\"Selenskyj\", \"Selenskij\", \"Selensykj\"",
            ),
            ("erdogan", "Recep Tayyip Erdoğan", "person", "\"Erdoğan\""),
            ("austin", "Lloyd Austin", "person", "\"Austin\""),
            ("nato", "NATO", "organisation", "\"Nato\""),
            ("kreml", "Kreml", "organisation", ""),
            ("biden", "Joe Biden", "person", "\"Biden\""),
            ("russland", "Russland", "place", ""),
            ("bruessel", "Brüssel", "place", ""),
            ("nato-ukraine-rat", "NATO-Ukraine-Rat", "organisation", ""),
            (
                "resnikow",
                "Oleksij Resnikow",
                "person",
                "\"Olexij Resnikow\", \"Resnikow\"",
            ),
        ];
        let text: String = entries
            .iter()
            .map(|(id, name, kind, aliases)| {
                format!(
                    "[[entity]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"{kind}\"\naliases = [{aliases}]\ndescription = \"d\"\n"
                )
            })
            .collect();
        EntityRegistry::parse(Path::new("content/entities.toml"), &text).unwrap()
    }

    /// (surface as found, entity id) for each mention.
    fn mentions(text: &str) -> Vec<(String, String)> {
        let registry = registry();
        MentionDetector::new(&registry)
            .find(text)
            .into_iter()
            .map(|f| {
                (
                    text[f.start..f.end].to_string(),
                    registry.entities[f.entity].id.clone(),
                )
            })
            .collect()
    }

    fn ids(text: &str) -> Vec<String> {
        mentions(text).into_iter().map(|(_, id)| id).collect()
    }

    #[test]
    fn genitive_endings_belong_to_the_mention() {
        assert_eq!(
            mentions("Stoltenbergs Reise, Russlands Krieg, Selenskyjs Plan."),
            [
                ("Stoltenbergs".to_string(), "stoltenberg".to_string()),
                ("Russlands".to_string(), "russland".to_string()),
                ("Selenskyjs".to_string(), "selenskyj".to_string()),
            ]
        );
    }

    #[test]
    fn hyphen_compounds_mention_their_first_part() {
        assert_eq!(
            ids("NATO-Generalsekretär, Kreml-Sprecher und die Biden-Regierung"),
            ["nato", "kreml", "biden"]
        );
        assert_eq!(ids("der Anti-NATO-Kurs"), ["nato"]);
    }

    #[test]
    fn the_longest_name_wins() {
        assert_eq!(
            mentions("Der türkische Präsident Recep Tayyip Erdogan dämpfte"),
            [("Recep Tayyip Erdogan".to_string(), "erdogan".to_string())]
        );
        assert_eq!(ids("ein neuer NATO-Ukraine-Rat"), ["nato-ukraine-rat"]);
        assert_eq!(
            ids("Olexij Resnikow und Resnikow"),
            ["resnikow", "resnikow"]
        );
    }

    #[test]
    fn names_inside_other_words_are_not_mentions() {
        assert!(ids("Faustino und Austinat, Natoli, Kremlin, Bidens-Plan").len() == 1);
        assert_eq!(
            ids("Faustino, Austinat, Natoli, Kremlinologe"),
            Vec::<String>::new()
        );
        assert_eq!(ids("Nachrichten aus Austin."), ["austin"]);
        // A lowercase word is not the name.
        assert_eq!(ids("die nato"), Vec::<String>::new());
    }

    #[test]
    fn misspellings_and_spelling_variants_are_aliases() {
        assert_eq!(ids("Selenskij, Selensykj, Selenskyj"), ["selenskyj"; 3]);
        assert_eq!(
            ids("Erdogan in Bruessel und Brüssel"),
            ["erdogan", "bruessel", "bruessel"]
        );
    }

    #[test]
    fn an_empty_registry_finds_nothing() {
        let detector = MentionDetector::new(&EntityRegistry::default());
        assert!(detector.find("NATO").is_empty());
    }
}
