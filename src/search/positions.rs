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
    ///
    /// Places are counted first and gathered a batch of terms (then pairs) at a time: a
    /// dossier of 100,000 articles has a hundred million, gigabytes if held at once.
    pub fn encode(&self, terms: &[String], order: &[usize]) -> PositionCodes {
        let mut counts = vec![0u32; terms.len()];
        for (_, _, term) in self.parts() {
            counts[term as usize] += 1;
        }
        let codes = codes_in_batches(&counts, BATCH_PLACES, |place| {
            for (doc, at, term) in self.parts() {
                place(term, doc, at);
            }
        });
        let left_out = |term: u32| codes[term as usize].as_deref() == Some(LEFT_OUT);
        // Adjacent parts of which one is left out, as (first term, second term, document,
        // position of the first).
        let each_pair = |each: &mut dyn FnMut(u32, u32, u32, u32)| {
            let mut previous: Option<(u32, u32, u32)> = None;
            for (doc, at, term) in self.parts() {
                if let Some((d, a, first)) = previous
                    && d == doc
                    && a + 1 == at
                    && (left_out(first) || left_out(term))
                {
                    each(first, term, doc, a);
                }
                previous = Some((doc, at, term));
            }
        };
        // Pairs are numbered as they come. A large dossier has millions: one vector of places
        // each would cost more than the rest of the index.
        let mut numbers: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut pair_counts: Vec<u32> = Vec::new();
        each_pair(&mut |first, second, _, _| {
            let next = numbers.len() as u32;
            let pair = *numbers.entry((first, second)).or_insert(next);
            match pair_counts.get_mut(pair as usize) {
                Some(count) => *count += 1,
                None => pair_counts.push(1),
            }
        });
        let pair_codes = codes_in_batches(&pair_counts, BATCH_PLACES, |place| {
            each_pair(&mut |first, second, doc, at| {
                if let Some(&pair) = numbers.get(&(first, second)) {
                    place(pair, doc, at);
                }
            });
        });

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
                let code = pair_codes[pair as usize].as_deref().unwrap_or(LEFT_OUT);
                format!("{a}{PAIR_JOINER}{b} {code}")
            })
            .collect();
        PositionCodes {
            terms: codes,
            pairs,
        }
    }
}

/// Most places gathered at once by [`codes_in_batches`]: 128 MB of them.
const BATCH_PLACES: usize = 1 << 24;

/// The code of each key's places (a term's or a pair's, by number), given how many places
/// each has and `walk`, which calls `place(key, document, position)` for every place in
/// order: `None` for a key with no place, [`LEFT_OUT`] for one whose code would be too big.
///
/// Every place takes at least one character, so a key with more than [`MAX_BYTES`] places is
/// left out uncounted. The others are gathered by a counting sort a batch of keys at a time,
/// one walk per batch, so that memory stays at about `batch` places whatever the dossier.
fn codes_in_batches(
    counts: &[u32],
    batch: usize,
    walk: impl Fn(&mut dyn FnMut(u32, u32, u32)),
) -> Vec<Option<String>> {
    let placed = |count: u32| count > 0 && count as usize <= MAX_BYTES;
    let mut codes: Vec<Option<String>> = counts
        .iter()
        .map(|&count| (count as usize > MAX_BYTES).then(|| LEFT_OUT.to_string()))
        .collect();
    let mut from = 0;
    while from < counts.len() {
        // Keys from..to, with at most `batch` places between them (or one key).
        let mut starts = vec![0usize];
        let mut to = from;
        while to < counts.len() {
            let count = if placed(counts[to]) {
                counts[to] as usize
            } else {
                0
            };
            let total = starts[starts.len() - 1];
            if to > from && total + count > batch {
                break;
            }
            starts.push(total + count);
            to += 1;
        }
        let mut gathered = vec![(0u32, 0u32); starts[starts.len() - 1]];
        let mut next = starts.clone();
        walk(&mut |key, doc, at| {
            let key = key as usize;
            if (from..to).contains(&key) && placed(counts[key]) {
                gathered[next[key - from]] = (doc, at);
                next[key - from] += 1;
            }
        });
        codes[from..to]
            .par_iter_mut()
            .enumerate()
            .filter(|(i, _)| placed(counts[from + i]))
            .for_each(|(i, code)| {
                *code = Some(code_or_left_out(&gathered[starts[i]..starts[i + 1]]));
            });
        from = to;
    }
    codes
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
    fn codes_are_the_same_in_batches_of_any_size() {
        // Places of keys 0, 1 and 3 (key 2 has none), interleaved as a stream has them.
        let places = [
            (0, 0, 0),
            (1, 0, 1),
            (3, 1, 0),
            (0, 2, 5),
            (1, 2, 6),
            (3, 1, 2),
        ];
        let counts = [2, 2, 0, 2];
        let walk = |place: &mut dyn FnMut(u32, u32, u32)| {
            for &(key, doc, at) in &places {
                place(key, doc, at);
            }
        };
        let whole = codes_in_batches(&counts, usize::MAX, walk);
        assert_eq!(whole[2], None);
        assert_eq!(
            whole[0].as_deref().map(decode),
            Some(vec![0, 1, 0, 2, 1, 5])
        );
        for batch in [0, 1, 2, 3] {
            assert_eq!(
                codes_in_batches(&counts, batch, walk),
                whole,
                "batch {batch}"
            );
        }
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
