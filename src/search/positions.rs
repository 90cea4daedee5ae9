//! Where words stand, so that the browser checks a phrase without loading texts.
//!
//! Positions count word parts (a compound's whole stands nowhere: a phrase is typed as parts)
//! through a document's texts in [`Fragment::texts`](super::Fragment) order, skipping one
//! between texts so that no phrase spans two paragraphs.
//!
//! The positions of a very common word (`und`, `die`) would cost a phrase query more than
//! checking texts, so they are left out ([`LEFT_OUT`]). For those words the index keeps pairs
//! instead, a next-word index: where `die kabel` stands, for every pair of adjacent words of
//! which one is left out. A phrase is then placed by its words' positions and by the pairs
//! around its common words, as in Williams, Zobel and Bahle's combined index (2004).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Normalizer, push_number};

/// Positions (of a term or a pair) that would take more than this many bytes are left out.
pub const MAX_BYTES: usize = 40_000;
/// Stands for left-out positions. A term with no entry at all stands nowhere a phrase can
/// reach: it only occurs as a compound's whole.
pub const LEFT_OUT: &str = "?";
/// Joins a pair's terms into the pair's name. No term contains it, and it sorts before every
/// character a term can hold, so pairs sort as their first term, then their second.
pub const PAIR_JOINER: char = '+';

/// Marks the end of a text in the stream.
const TEXT_END: u32 = u32::MAX;
/// Marks the end of a document in the stream.
const DOCUMENT_END: u32 = u32::MAX - 1;

/// Every document's word parts in order, recorded while indexing.
#[derive(Default)]
pub struct Positions {
    /// Term numbers, with [`TEXT_END`] after each text and [`DOCUMENT_END`] after each
    /// document; documents come in index order.
    stream: Vec<u32>,
}

/// Positions as the browser loads them.
pub struct PositionCodes {
    /// By term number: the code, [`LEFT_OUT`], or `None` for a term that stands nowhere.
    pub terms: Vec<Option<String>>,
    /// `name code` for the pairs of adjacent words of which one is left out, by name.
    pub pairs: Vec<String>,
}

impl Positions {
    /// The next part of the current text.
    pub fn place(&mut self, term: u32) {
        self.stream.push(term);
    }

    /// Ends the current text: the next one starts one position further on.
    pub fn end_text(&mut self) {
        self.stream.push(TEXT_END);
    }

    /// Ends the current document.
    pub fn end_document(&mut self) {
        self.stream.push(DOCUMENT_END);
    }

    /// Appends another's documents, renumbering their terms: `numbers[old]` is the new number.
    pub fn append(&mut self, other: &Positions, numbers: &[u32]) {
        let renumbered = other.stream.par_iter().map(|&token| match token {
            TEXT_END | DOCUMENT_END => token,
            term => numbers[term as usize],
        });
        self.stream.par_extend(renumbered);
    }

    /// Places a whole document's texts.
    pub fn document<'a>(
        &mut self,
        normalizer: &mut Normalizer,
        texts: impl Iterator<Item = &'a str>,
    ) {
        for text in texts {
            normalizer.each_term(text, |term, is_part| {
                if is_part {
                    self.place(term);
                }
            });
            self.end_text();
        }
        self.end_document();
    }

    /// (document, position, term) of every part, in order.
    fn parts(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        let mut doc = 0;
        let mut at = 0;
        self.stream.iter().filter_map(move |&token| match token {
            DOCUMENT_END => {
                doc += 1;
                at = 0;
                None
            }
            TEXT_END => {
                at += 1;
                None
            }
            term => {
                at += 1;
                Some((doc, at - 1, term))
            }
        })
    }

    /// Encodes the positions of `terms` (every term the stream names, by number) and of the
    /// pairs their left-out terms form; `order` is the terms' order in the browser
    /// (`js_order`), by which pairs are sorted.
    pub fn encode(&self, terms: &[String], order: &[usize]) -> PositionCodes {
        let mut per_term = vec![0usize; terms.len()];
        for (_, _, term) in self.parts() {
            per_term[term as usize] += 1;
        }
        let by_term = Grouped::new(per_term, |put| {
            for (doc, at, term) in self.parts() {
                put(term as usize, (doc, at));
            }
        });
        let codes: Vec<Option<String>> = (0..terms.len())
            .into_par_iter()
            .map(|term| {
                let list = by_term.of(term);
                (!list.is_empty()).then(|| code_or_left_out(list))
            })
            .collect();
        drop(by_term);
        let left_out = |term: u32| codes[term as usize].as_deref() == Some(LEFT_OUT);

        // A large dossier has about a million pairs: numbered as they come, their places are
        // grouped in one table, as the terms' are; one vector each would cost more than the
        // rest of the index.
        let mut numbers: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut per_pair = Vec::new();
        // Each place's pair number, to be grouped by in a second walk without looking the
        // pair up again.
        let mut numbered = Vec::new();
        for (pair, _, _) in self.pairs(&left_out) {
            let next = numbers.len() as u32;
            let number = *numbers.entry(pair).or_insert(next);
            if number == next {
                per_pair.push(0);
            }
            per_pair[number as usize] += 1;
            numbered.push(number);
        }
        let by_pair = Grouped::new(per_pair, |put| {
            for ((_, doc, at), &number) in self.pairs(&left_out).zip(&numbered) {
                put(number as usize, (doc, at));
            }
        });
        drop(numbered);

        // The browser's order of names: by the first term's place in `order`, then the
        // second's (see PAIR_JOINER).
        let mut rank = vec![0u32; terms.len()];
        for (place, &term) in order.iter().enumerate() {
            rank[term] = place as u32;
        }
        let mut pairs: Vec<((u32, u32), u32)> = numbers.into_iter().collect();
        pairs.sort_unstable_by_key(|&((a, b), _)| (rank[a as usize], rank[b as usize]));
        let pairs = pairs
            .into_par_iter()
            .map(|((a, b), pair)| {
                let (a, b) = (&terms[a as usize], &terms[b as usize]);
                let code = code_or_left_out(by_pair.of(pair as usize));
                format!("{a}{PAIR_JOINER}{b} {code}")
            })
            .collect();
        PositionCodes {
            terms: codes,
            pairs,
        }
    }

    /// ((first term, second term), document, position of the first) of every two adjacent
    /// parts of which one is a left-out term, in order.
    fn pairs<'s>(
        &'s self,
        left_out: &'s impl Fn(u32) -> bool,
    ) -> impl Iterator<Item = ((u32, u32), u32, u32)> + 's {
        let mut previous: Option<(u32, u32, u32)> = None;
        self.parts().filter_map(move |(doc, at, term)| {
            let pair = previous
                .filter(|&(d, a, first)| {
                    d == doc && a + 1 == at && (left_out(first) || left_out(term))
                })
                .map(|(_, a, first)| ((first, term), doc, a));
            previous = Some((doc, at, term));
            pair
        })
    }
}

/// (document, position) places grouped by a number (a term's, a pair's) in one table, each
/// group in the order its places came.
struct Grouped {
    /// Group `n` is `places[starts[n]..starts[n + 1]]`.
    starts: Vec<usize>,
    places: Vec<(u32, u32)>,
}

impl Grouped {
    /// Groups of `sizes[n]` places each, filled by `fill`, which puts every place once.
    fn new(sizes: Vec<usize>, fill: impl FnOnce(&mut dyn FnMut(usize, (u32, u32)))) -> Self {
        let mut starts = sizes;
        let mut total = 0;
        for size in &mut starts {
            let start = total;
            total += *size;
            *size = start;
        }
        starts.push(total);
        let mut places = vec![(0, 0); total];
        let mut next = starts.clone();
        fill(&mut |group, place| {
            places[next[group]] = place;
            next[group] += 1;
        });
        Grouped { starts, places }
    }

    /// The places of group `n`.
    fn of(&self, n: usize) -> &[(u32, u32)] {
        &self.places[self.starts[n]..self.starts[n + 1]]
    }
}

/// The code of (document, position) pairs in order, or [`LEFT_OUT`] if it is too big.
fn code_or_left_out(list: &[(u32, u32)]) -> String {
    let code = code(list);
    if code.len() > MAX_BYTES {
        LEFT_OUT.to_string()
    } else {
        code
    }
}

/// Positions as the browser decodes them: per document its gap from the previous one, the
/// count, then the first position and the gaps between the others.
fn code(list: &[(u32, u32)]) -> String {
    let mut code = String::new();
    let mut previous_doc = 0;
    for run in list.chunk_by(|a, b| a.0 == b.0) {
        let doc = run[0].0;
        push_number(&mut code, doc - previous_doc);
        previous_doc = doc;
        push_number(&mut code, run.len() as u32);
        let mut previous = 0;
        for &(_, at) in run {
            push_number(&mut code, at - previous);
            previous = at;
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::super::js_order;
    use super::super::tests::decode;
    use super::*;

    fn encode(positions: &Positions, terms: &[String]) -> PositionCodes {
        positions.encode(terms, &js_order(terms))
    }

    #[test]
    fn positions_count_parts_and_skip_between_texts() {
        let texts = ["NATO-Gipfel", "Gipfel in Vilnius", "Vilnius"];
        let mut normalizer = Normalizer::default();
        let mut positions = Positions::default();
        positions.document(&mut normalizer, texts.into_iter());
        positions.document(&mut normalizer, texts.into_iter());
        let terms = normalizer.into_terms();
        let codes = encode(&positions, &terms);
        let of = |term: &str| {
            let code = &codes.terms[terms.iter().position(|t| t == term).unwrap()];
            code.as_deref().map(decode)
        };
        // Title: nato 0, gipfel 1; gap; summary: gipfel 3, in 4, vilnius 5; gap; block: vilnius 7.
        // Per document: gap from the previous document, count, first position, gaps.
        assert_eq!(of("gipfel"), Some(vec![0, 2, 1, 2, 1, 2, 1, 2]));
        assert_eq!(of("vilnius"), Some(vec![0, 2, 5, 2, 1, 2, 5, 2]));
        assert_eq!(of("natogipfel"), None, "a compound's whole stands nowhere");
        assert!(codes.pairs.is_empty(), "no term is left out");
    }

    #[test]
    fn common_words_are_left_out_and_placed_by_pairs() {
        let common = vec!["und"; MAX_BYTES + 1].join(" ");
        let texts = ["Gipfel und Vilnius", common.as_str()];
        let mut normalizer = Normalizer::default();
        let mut positions = Positions::default();
        positions.document(&mut normalizer, texts.into_iter());
        let terms = normalizer.into_terms();
        let codes = encode(&positions, &terms);
        let und = terms.iter().position(|t| t == "und").unwrap();
        assert_eq!(codes.terms[und].as_deref(), Some(LEFT_OUT));
        let pairs: Vec<(&str, &str)> = codes
            .pairs
            .iter()
            .map(|entry| entry.split_once(' ').unwrap())
            .collect();
        let placed: Vec<(&str, Vec<u32>)> = pairs
            .iter()
            .filter(|(_, code)| *code != LEFT_OUT)
            .map(|&(name, code)| (name, decode(code)))
            .collect();
        assert_eq!(
            placed,
            [
                ("gipfel+und", vec![0, 1, 0]),
                ("und+vilnius", vec![0, 1, 1])
            ]
        );
        assert!(pairs.contains(&("und+und", LEFT_OUT)));
    }

    #[test]
    fn pairs_sort_as_the_browser_compares_names() {
        let common = vec!["und"; MAX_BYTES + 1].join(" ");
        let texts = [
            "a und",
            "a1 und",
            "ab und",
            "und z",
            "und 2024",
            "und ä",
            common.as_str(),
        ];
        let mut normalizer = Normalizer::default();
        let mut positions = Positions::default();
        positions.document(&mut normalizer, texts.into_iter());
        let codes = encode(&positions, &normalizer.into_terms());
        let names: Vec<&str> = codes
            .pairs
            .iter()
            .map(|e| &e[..e.find(' ').unwrap()])
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
        assert_eq!(names, sorted);
        assert_eq!(names.len(), 7);
    }
}
