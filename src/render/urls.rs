//! Where each page lives, as a path relative to the site root.
//!
//! Pages link with these paths prefixed by the page's own way back to the root (`""` or `"../"`),
//! so every link is relative and the site works from disk, at a domain root and under a
//! GitHub Pages project path alike. No link ends in `/`: file:// does not serve `index.html`
//! for a folder.

use std::path::Path;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Characters left as they are in a path segment; everything else is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The article page of `slug`.
pub fn article(slug: &str) -> String {
    format!("articles/{slug}.html")
}

/// The page of the entity `slug`.
pub fn entity(slug: &str) -> String {
    format!("entities/{slug}.html")
}

/// The page of the topic `slug`.
pub fn topic(slug: &str) -> String {
    format!("topics/{slug}.html")
}

/// The published raw seed file, for a seed path relative to the dossier root (`seeds/x.txt`).
pub fn seed_raw(seed: &Path) -> String {
    encode_path(Path::new(&seed_raw_file(seed)))
}

/// The page showing a seed with line numbers: the raw file's name plus `.html`.
pub fn seed_page(seed: &Path) -> String {
    format!("{}.html", seed_raw(seed))
}

/// The path a raw seed is published at: its own, with `.txt` added unless it is a `.txt` file,
/// so a browser shows any seed (a saved web page, an SVG) as text and never runs it.
pub fn seed_raw_file(seed: &Path) -> String {
    let path = seed.to_string_lossy().replace('\\', "/");
    if seed
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
    {
        path
    } else {
        format!("{path}.txt")
    }
}

/// The file a seed's page is written to.
pub fn seed_page_file(seed: &Path) -> String {
    format!("{}.html", seed_raw_file(seed))
}

/// The address of an output file, relative to the site root: its path, percent-encoded.
pub fn file_url(file: &str) -> String {
    encode_path(Path::new(file))
}

fn encode_path(path: &Path) -> String {
    path.iter()
        .map(|segment| utf8_percent_encode(&segment.to_string_lossy(), SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// The way back to the site root from a page at `path` (`"articles/x.html"` → `"../"`).
pub fn root_from(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_urls_are_encoded_but_files_are_not() {
        let seed = Path::new("seeds/Bericht über Kiew.txt");
        assert_eq!(seed_raw(seed), "seeds/Bericht%20%C3%BCber%20Kiew.txt");
        assert_eq!(seed_page(seed), "seeds/Bericht%20%C3%BCber%20Kiew.txt.html");
        assert_eq!(seed_page_file(seed), "seeds/Bericht über Kiew.txt.html");
    }

    #[test]
    fn seeds_that_a_browser_would_run_are_published_as_text() {
        let seed = Path::new("seeds/Seite.html");
        assert_eq!(seed_raw_file(seed), "seeds/Seite.html.txt");
        assert_eq!(seed_page(seed), "seeds/Seite.html.txt.html");
        assert_eq!(seed_raw_file(Path::new("seeds/a.TXT")), "seeds/a.TXT");
    }

    #[test]
    fn root_is_relative() {
        assert_eq!(root_from("index.html"), "");
        assert_eq!(root_from("articles/a.html"), "../");
        assert_eq!(root_from("seeds/sub/a.txt.html"), "../../");
    }
}
