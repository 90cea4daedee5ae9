//! `site.toml` → [`SiteConfig`]: the dossier's title, language and build switches.
//!
//! Unknown keys and wrong types are errors with the line, so a typo never silently falls back to
//! a default.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, Location, line_of_offset};
use crate::highlight;
use crate::load::read_text;

/// The name of the configuration file at the dossier root.
pub const CONFIG_FILE: &str = "site.toml";

/// Languages whose dates and month names dossier knows.
pub const LANGUAGES: [&str; 2] = ["de", "en"];

/// The dossier's settings, from `site.toml`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    /// The dossier's title, shown on every page.
    pub title: String,
    /// What the dossier is about, shown on the front page.
    pub description: String,
    /// Language of the site (`de` or `en`): sets `lang` and how dates are written.
    pub language: String,
    /// Absolute URL of the published site, ending in `/`; used only where an absolute URL is required.
    pub base_url: Option<String>,
    /// Output folder, relative to the dossier root.
    pub output_dir: PathBuf,
    /// Whether HTML pages are minified.
    pub minify: bool,
    /// Syntect theme for code blocks in light mode.
    pub highlight_theme: String,
    /// Syntect theme for code blocks in dark mode.
    pub highlight_theme_dark: String,
    /// Whether raw HTML in article bodies is passed through as written instead of sanitised.
    pub trust_html: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Spanned<String>,
    description: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    output_dir: Option<Spanned<String>>,
    #[serde(default = "default_minify")]
    minify: bool,
    highlight_theme: Option<Spanned<String>>,
    highlight_theme_dark: Option<Spanned<String>>,
    #[serde(default)]
    trust_html: bool,
}

fn default_minify() -> bool {
    true
}

impl SiteConfig {
    /// Reads `site.toml` from the dossier root.
    pub fn load(root: &Path) -> Result<Self, Error> {
        Self::require(root)?;
        let path = root.join(CONFIG_FILE);
        let text = read_text(&path, Path::new(CONFIG_FILE))?;
        Self::parse(Path::new(CONFIG_FILE), &text)
    }

    /// Fails unless `root` holds a `site.toml`: the test of a dossier folder.
    pub fn require(root: &Path) -> Result<(), Error> {
        if root.join(CONFIG_FILE).is_file() {
            return Ok(());
        }
        Err(Error::input(
            Location::file(CONFIG_FILE),
            "not found: this is not a dossier folder",
        )
        .with_hint("run dossier in the folder that holds site.toml, or pass --root FOLDER"))
    }

    /// Parses the text of a `site.toml`; `path` is used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Self, Error> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| Error::from_toml(path, text, 1, &e))?;
        let at =
            |span: std::ops::Range<usize>| Location::line(path, line_of_offset(text, span.start));

        let title = raw.title.get_ref().trim().to_string();
        if title.is_empty() {
            return Err(Error::input(at(raw.title.span()), "`title` is empty")
                .with_hint("give the dossier a title, e.g. title = \"NATO und die Ukraine\""));
        }
        // TOML escapes (\u0000, \u001b) can put characters on every page that no page can show.
        let shown = [
            ("title", Some(&raw.title)),
            ("description", raw.description.as_ref()),
        ];
        for (key, value) in shown.into_iter().filter_map(|(k, v)| Some((k, v?))) {
            if value.get_ref().contains(crate::load::is_forbidden_control) {
                return Err(Error::input(
                    at(value.span()),
                    format!("`{key}` contains a control character"),
                )
                .with_hint("remove the escape sequence (such as \\u0000) from the value"));
            }
        }

        let language = match raw.language {
            Some(lang) => {
                if !LANGUAGES.contains(&lang.get_ref().as_str()) {
                    return Err(Error::input(
                        at(lang.span()),
                        format!("unsupported language `{}`", lang.get_ref()),
                    )
                    .with_hint(format!("use one of: {}", LANGUAGES.join(", "))));
                }
                lang.into_inner()
            }
            None => "de".to_string(),
        };

        let base_url = match raw.base_url {
            Some(url) => Some(normalize_base_url(url.get_ref()).map_err(|msg| {
                Error::input(at(url.span()), msg).with_hint(
                    "e.g. base_url = \"https://example.github.io/dossier/\", or leave it out",
                )
            })?),
            None => None,
        };

        let output_dir = match raw.output_dir {
            Some(dir) => {
                let value = dir.get_ref().trim();
                let path = Path::new(value);
                let inside = path
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
                    && !value.is_empty();
                if !inside {
                    return Err(Error::input(
                        at(dir.span()),
                        format!("`output_dir` must be a folder inside the dossier, not `{value}`"),
                    )
                    .with_hint("use a folder of its own, e.g. output_dir = \"public\"; to write elsewhere, pass --out"));
                }
                path.to_path_buf()
            }
            None => PathBuf::from("public"),
        };

        let theme = |value: Option<Spanned<String>>, default: &str| -> Result<String, Error> {
            match value {
                Some(theme) => {
                    let names = highlight::theme_names();
                    if names.iter().any(|n| n == theme.get_ref()) {
                        Ok(theme.into_inner())
                    } else {
                        Err(Error::input(
                            at(theme.span()),
                            format!("unknown highlight theme `{}`", theme.get_ref()),
                        )
                        .with_hint(format!("available themes: {}", names.join(", "))))
                    }
                }
                None => Ok(default.to_string()),
            }
        };

        Ok(SiteConfig {
            title,
            description: raw
                .description
                .map(|d| d.get_ref().trim().to_string())
                .unwrap_or_default(),
            language,
            base_url,
            output_dir,
            minify: raw.minify,
            highlight_theme: theme(raw.highlight_theme, highlight::DEFAULT_LIGHT_THEME)?,
            highlight_theme_dark: theme(raw.highlight_theme_dark, highlight::DEFAULT_DARK_THEME)?,
            trust_html: raw.trust_html,
        })
    }
}

/// Checks that `url` is an absolute http(s) URL and gives it a trailing `/`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let value = url.trim();
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        .unwrap_or("");
    if rest.is_empty() || rest.starts_with('/') || value.contains(char::is_whitespace) {
        return Err(format!(
            "`base_url` must be an absolute http(s) URL, not `{value}`"
        ));
    }
    let mut value = value.to_string();
    if !value.ends_with('/') {
        value.push('/');
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SiteConfig, String> {
        SiteConfig::parse(Path::new("site.toml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = parse("title = \"T\"\n").unwrap();
        assert_eq!(c.language, "de");
        assert_eq!(c.output_dir, PathBuf::from("public"));
        assert!(c.minify);
        assert!(!c.trust_html);
        assert_eq!(c.base_url, None);
        assert!(
            parse("title = \"T\"\ntrust_html = true\n")
                .unwrap()
                .trust_html
        );
    }

    #[test]
    fn control_characters_in_shown_values_are_errors() {
        let err = parse("title = \"Mini\\u0000Dossier\"\n").unwrap_err();
        assert!(
            err.starts_with("site.toml:1: `title` contains a control character"),
            "{err}"
        );
        let err = parse("title = \"T\"\ndescription = \"rot\\u001b[31m\"\n").unwrap_err();
        assert!(
            err.starts_with("site.toml:2: `description` contains a control character"),
            "{err}"
        );
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let c = parse("title = \"T\"\nbase_url = \"https://x.github.io/repo\"\n").unwrap();
        assert_eq!(c.base_url.as_deref(), Some("https://x.github.io/repo/"));
    }

    #[test]
    fn unknown_key_is_an_error_with_line() {
        let err = parse("title = \"T\"\n\nminfy = true\n").unwrap_err();
        assert!(
            err.starts_with("site.toml:3: unknown key `minfy` (did you mean `minify`?)"),
            "{err}"
        );
        let err = parse("title = \"T\"\ntrust_htm = true\n").unwrap_err();
        assert!(
            err.starts_with("site.toml:2: unknown key `trust_htm` (did you mean `trust_html`?)"),
            "{err}"
        );
    }

    #[test]
    fn wrong_type_is_an_error_with_line() {
        let err = parse("title = \"T\"\nminify = \"yes\"\n").unwrap_err();
        assert!(err.starts_with("site.toml:2: "), "{err}");
        assert!(err.contains("bool"), "{err}");
    }

    #[test]
    fn missing_title_is_an_error() {
        let err = parse("language = \"de\"\n").unwrap_err();
        assert!(err.contains("missing field `title`"), "{err}");
    }

    #[test]
    fn bad_values_are_errors_with_line() {
        assert!(
            parse("title = \"T\"\nlanguage = \"xx\"\n")
                .unwrap_err()
                .starts_with("site.toml:2: unsupported language `xx`")
        );
        assert!(
            parse("title = \"T\"\nbase_url = \"/repo/\"\n")
                .unwrap_err()
                .starts_with("site.toml:2: `base_url` must be")
        );
        assert!(
            parse("title = \"T\"\noutput_dir = \"../x\"\n")
                .unwrap_err()
                .starts_with("site.toml:2: `output_dir` must be a folder inside the dossier")
        );
        assert!(
            parse("title = \"T\"\noutput_dir = \".\"\n")
                .unwrap_err()
                .starts_with("site.toml:2: `output_dir` must be a folder inside the dossier")
        );
        assert!(
            parse("title = \"T\"\nhighlight_theme = \"nope\"\n")
                .unwrap_err()
                .starts_with("site.toml:2: unknown highlight theme")
        );
    }
}
