//! An article file's bytes, read as the build reads them: decoded, asked whether it is a draft,
//! then parsed into front matter and body.
#![no_main]

use std::path::Path;

use dossier::Error;
use dossier::load::{Article, decode_text, draft_review};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/fuzz.md");
    // Lone CRs become line breaks too, so they count towards the lines an error may name.
    let raw_lines = 1 + data.iter().filter(|&&b| b == b'\n' || b == b'\r').count();
    let text = match decode_text(path, data.to_vec()) {
        Ok(text) => text,
        Err(error) => return assert_points_into(&error, raw_lines),
    };
    let lines = 1 + text.matches('\n').count();
    let _ = draft_review(path, &text);
    match Article::parse(path, &text, "de") {
        Ok(article) => {
            assert!(!article.slug.is_empty());
            assert!(
                text.ends_with(&article.body),
                "the body is not the file's end"
            );
            assert!(
                article.body_line <= lines + 1,
                "the body starts after the file"
            );
            assert_eq!(
                dossier::date::PartialDate::parse(&article.date.iso()),
                Ok(article.date),
                "the date does not survive being written out"
            );
        }
        Err(error) => assert_points_into(&error, lines),
    }
});

/// An error names a line of the file (or none).
fn assert_points_into(error: &Error, lines: usize) {
    let message = error.to_string();
    if let Error::Input { loc, .. } = error
        && let Some(line) = loc.line
    {
        assert!(
            (1..=lines).contains(&line),
            "line {line} of a {lines}-line file: {message}"
        );
    }
}
