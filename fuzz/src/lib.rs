//! Checks the fuzz targets share: what callers of the library rely on in its results.

use std::ops::Range;
use std::path::Path;

use dossier::import::Draft;
use dossier::load::draft_review;
use dossier::load::front_matter;

/// Asserts that `ranges` are non-empty slices of `text` (on character boundaries), in order and
/// not overlapping: callers cut the text at them.
pub fn assert_ordered_slices(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) {
    let mut previous_end = 0;
    for range in ranges {
        assert!(range.start < range.end, "empty or reversed range {range:?}");
        assert!(
            range.start >= previous_end,
            "range {range:?} overlaps the one before, which ends at {previous_end}"
        );
        assert!(
            text.get(range.clone()).is_some(),
            "range {range:?} is no slice of the {}-byte text",
            text.len()
        );
        previous_end = range.end;
    }
}

/// Writes `draft` as `dossier import` does and reads the file back as the build would: the
/// front matter must hold what the draft said, and a draft with open points must be one the
/// build skips.
pub fn check_draft(draft: &Draft) {
    let path = Path::new("content/fuzz.md");
    let markdown = draft.to_markdown(Path::new("seeds/fuzz.txt"), &"0".repeat(64), path);
    let parts = front_matter::split(path, &markdown).expect("a draft has a front matter");
    let table: toml::Table = toml::from_str(parts.front_matter)
        .unwrap_or_else(|e| panic!("a draft's front matter is TOML: {e}\n{markdown}"));
    for (key, value) in [
        ("title", &draft.title),
        ("date", &draft.date),
        ("source", &draft.outlet),
    ] {
        assert_eq!(
            table.get(key).and_then(toml::Value::as_str),
            Some(value.as_deref().unwrap_or("")),
            "`{key}` reads back changed"
        );
    }
    assert_eq!(
        parts.body,
        format!("\n{}\n", draft.body.join("\n\n")),
        "the body reads back changed"
    );
    let review = draft_review(path, &markdown).map(|mark| mark.review);
    if draft.review.is_empty() {
        assert!(review.is_none(), "a settled draft is marked as a draft");
    } else {
        assert_eq!(
            review.as_ref(),
            Some(&draft.review),
            "open points read back changed"
        );
    }
    // Whether a settled draft then loads depends on what the source said (a date, a language);
    // parsing it exercises the reader on what the importer writes.
    let _ = dossier::load::Article::parse(path, &markdown, "de").map_err(|e| e.to_string());
}
