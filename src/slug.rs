//! Slugs: the ASCII file names of pages, made from titles and names.
//!
//! German is transliterated the way Germans do it (`ä` → `ae`, `ß` → `ss`: `Brüssel` → `bruessel`);
//! other scripts go through `deunicode` (`Київ` → `kiyiv`).

/// The slug of `text`: lowercase ASCII letters and digits joined by single hyphens.
///
/// Returns an empty string when nothing sluggable is left (e.g. only punctuation); callers
/// treat that as an error, since a page needs a name.
pub fn slugify(text: &str) -> String {
    let mut german = String::with_capacity(text.len());
    for c in text.chars() {
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
}
