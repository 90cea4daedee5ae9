//! Date expressions in a text, resolved against an article date.
//!
//! The first four bytes are the article's date: a year of the four digits front matter allows
//! (little-endian, modulo 10000), a month (0 for none) and a day (0 for none); the rest is the
//! text.
#![no_main]

use dossier::date::{PartialDate, find_date_expressions};
use dossier_fuzz::assert_ordered_slices;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&[y0, y1, month, day], rest)) = data.split_first_chunk::<4>() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Some(article_date) = article_date(u16::from_le_bytes([y0, y1]) % 10000, month, day) else {
        return;
    };
    let found = find_date_expressions(text, article_date);
    assert_ordered_slices(text, found.iter().map(|e| e.range.clone()));
    for expression in &found {
        let span = expression.span;
        assert!(span.start <= span.end, "{span:?} ends before it starts");
        let _ = (span.label("de"), span.label("en"), span.datetime());
    }
});

/// The date as front matter would give it, through the same parser; `None` for a month or day
/// that does not exist.
fn article_date(year: u16, month: u8, day: u8) -> Option<PartialDate> {
    let text = match (month % 13, day % 32) {
        (0, _) => format!("{year:04}"),
        (m, 0) => format!("{year:04}-{m:02}"),
        (m, d) => format!("{year:04}-{m:02}-{d:02}"),
    };
    PartialDate::parse(&text).ok()
}
