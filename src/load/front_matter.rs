//! Splits an article file into its TOML front matter (between `+++` lines) and its Markdown body,
//! remembering on which line each part starts so later errors can point into the file.

use std::path::Path;

use crate::error::{Error, Location};

/// The two parts of an article file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub front_matter: &'a str,
    /// Line of the file on which the TOML starts (the line after the opening `+++`).
    pub front_matter_line: usize,
    /// The Markdown after the closing `+++`.
    pub body: &'a str,
    /// Line of the file on which the body starts.
    pub body_line: usize,
}

const FENCE: &str = "+++";

/// Splits `text` (already free of a BOM and CRLF) into front matter and body.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Error> {
    if text.trim().is_empty() {
        return Err(Error::input(Location::line(path, 1), "the file is empty").with_hint(
            "an article starts with a `+++` line, the TOML keys (title, date, source, seed...), another `+++` line, then the text",
        ));
    }
    let mut offset = 0;
    let mut opening = None;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let content = line.trim_end();
        offset += line.len();
        if content.is_empty() {
            continue;
        }
        if content == FENCE {
            opening = Some((index + 1, offset));
        }
        break;
    }
    let Some((open_line, fm_start)) = opening else {
        return Err(Error::input(
            Location::line(path, 1),
            "no front matter: the file must start with a `+++` line",
        )
        .with_hint("add a `+++` line, the TOML keys (title, date, source, seed...) and another `+++` line before the text"));
    };

    let mut offset = fm_start;
    for (index, line) in text[fm_start..].split_inclusive('\n').enumerate() {
        if line.trim_end() == FENCE {
            let body_start = offset + line.len();
            return Ok(Split {
                front_matter: &text[fm_start..offset],
                front_matter_line: open_line + 1,
                body: &text[body_start..],
                body_line: open_line + index + 2,
            });
        }
        offset += line.len();
    }
    Err(Error::input(
        Location::line(path, open_line),
        "the front matter opened here is never closed",
    )
    .with_hint("add a line with only `+++` after the last front-matter key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_ok(text: &str) -> Split<'_> {
        split(Path::new("a.md"), text).unwrap()
    }

    fn split_err(text: &str) -> String {
        split(Path::new("a.md"), text).unwrap_err().to_string()
    }

    #[test]
    fn splits_and_counts_lines() {
        let s = split_ok("+++\ntitle = \"x\"\n+++\nBody\n");
        assert_eq!(s.front_matter, "title = \"x\"\n");
        assert_eq!(s.front_matter_line, 2);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn leading_blank_lines_are_allowed() {
        let s = split_ok("\n\n+++\na = 1\n+++\n");
        assert_eq!(s.front_matter_line, 4);
        assert_eq!(s.body, "");
        assert_eq!(s.body_line, 6);
    }

    #[test]
    fn front_matter_only_has_an_empty_body() {
        let s = split_ok("+++\na = 1\n+++");
        assert_eq!(s.body, "");
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(
            split_err("").lines().next().unwrap(),
            "a.md:1: the file is empty"
        );
        assert_eq!(
            split_err("title = 1\n").lines().next().unwrap(),
            "a.md:1: no front matter: the file must start with a `+++` line"
        );
        assert_eq!(
            split_err("\n+++\ntitle = 1\nBody\n")
                .lines()
                .next()
                .unwrap(),
            "a.md:2: the front matter opened here is never closed"
        );
    }
}
