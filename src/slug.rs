//! Slugs: the ASCII file names of pages, made from titles and names.
//!
//! German is transliterated the way Germans do it (`ä` → `ae`, `ß` → `ss`: `Brüssel` → `bruessel`);
//! other scripts go through `deunicode` (`Київ` → `kiyiv`).

use unicode_normalization::UnicodeNormalization;

/// Longest slug: page names stay well inside file-name limits and readable in a URL.
const MAX_LEN: usize = 80;

/// The slug of `text`: lowercase ASCII letters and digits joined by single hyphens.
///
/// Returns an empty string when nothing sluggable is left (e.g. only punctuation); callers
/// treat that as an error, since a page needs a name.
pub fn slugify(text: &str) -> String {
    let mut german = String::with_capacity(text.len());
    // NFC first: a decomposed `u` + combining diaeresis is the same `ü` and must become `ue`.
    for c in text.nfc() {
        match c {
            'ä' | 'Ä' => german.push_str("ae"),
            'ö' | 'Ö' => german.push_str("oe"),
            'ü' | 'Ü' => german.push_str("ue"),
            'ß' | 'ẞ' => german.push_str("ss"),
            c => german.push(c),
        }
    }
    let ascii = deunicode::deunicode(&german);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.len() > MAX_LEN {
        // Cut at a word boundary; two names that then meet are reported as a clash, never merged.
        let cut = slug[..=MAX_LEN]
            .rfind('-')
            .filter(|&i| i > MAX_LEN / 2)
            .unwrap_or(MAX_LEN);
        slug.truncate(cut);
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_is_transliterated() {
        assert_eq!(slugify("Brüssel"), "bruessel");
        assert_eq!(slugify("Österreich"), "oesterreich");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slugify("Militärhilfe für Kiew"), "militaerhilfe-fuer-kiew");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(slugify("Київ"), "kiyiv");
        assert_eq!(slugify("Αθήνα"), "athena");
        assert_eq!(slugify("Москва"), "moskva");
    }

    #[test]
    fn punctuation_collapses_to_single_hyphens() {
        assert_eq!(
            slugify("  NATO-Gipfel:  „Vilnius“ 2023! "),
            "nato-gipfel-vilnius-2023"
        );
        assert_eq!(slugify("../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("„“!"), "");
    }

    #[test]
    fn decomposed_umlauts_are_transliterated_too() {
        assert_eq!(slugify("Bru\u{308}ssel"), "bruessel");
    }

    #[test]
    fn long_names_are_cut_at_a_word() {
        let slug = slugify(&"Wort ".repeat(40));
        assert!(slug.len() <= MAX_LEN && slug.ends_with("wort"), "{slug}");
        assert_eq!(slugify(&"ä".repeat(130)).len(), MAX_LEN);
    }
}
