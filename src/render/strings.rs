//! The interface strings of a site: every word the pages and scripts show that is not the
//! dossier's own content, in the site's language.
//!
//! German and English tables are built in (`strings/de.toml`, `strings/en.toml`, with the same
//! keys); `templates/strings.toml` can replace any string, with a table per language. Templates
//! ask for a string with the Tera function `tr(key="...", n=..., name=...)`, a function rather
//! than a context variable because Tera macros see no context. The scripts get the `js_` strings
//! as the script `assets/strings.js`, since a page opened from disk may not fetch files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use tera::{Tera, Value};
use toml::Spanned;

use crate::config::LANGUAGES;
use crate::error::{Error, Location, line_of_offset};
use crate::load::Inputs;
use crate::render::TEMPLATES_DIR;

/// The file under `templates/` whose tables (`[de]`, `[en]`) replace built-in strings.
pub const OVERRIDES_FILE: &str = "strings.toml";

/// Keys with this prefix are given to the scripts too.
pub const SCRIPT_PREFIX: &str = "js_";

/// The built-in tables by language; the first is the default.
const BUILTIN: [(&str, &str); 2] = [
    ("de", include_str!("strings/de.toml")),
    ("en", include_str!("strings/en.toml")),
];

/// The endings of a string's two forms: for n == 1, and for every other n.
const ONE: &str = "_one";
const OTHER: &str = "_other";

/// The interface strings of one language: a built-in table, with the dossier's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    language: &'static str,
    table: BTreeMap<String, String>,
}

impl Strings {
    /// The built-in strings of `language` (`de` or `en`; German for any other).
    pub fn builtin(language: &str) -> Self {
        let (language, text) = BUILTIN
            .iter()
            .find(|(l, _)| *l == language)
            .unwrap_or(&BUILTIN[0]);
        let table = toml::from_str(text)
            .unwrap_or_else(|e| panic!("built-in strings/{language}.toml: {e}"));
        Strings { language, table }
    }

    /// The built-in strings of `language` with the overrides from `templates/strings.toml`, when
    /// the dossier's `inputs` have that file.
    pub fn load(inputs: &Inputs, language: &str) -> Result<Self, Error> {
        let mut strings = Self::builtin(language);
        let shown = Path::new(TEMPLATES_DIR).join(OVERRIDES_FILE);
        if inputs.has_file(&shown) {
            let text = inputs.read_text(&shown)?;
            strings.apply_overrides(&shown, &text)?;
        }
        Ok(strings)
    }

    /// The string stored under `key` (a plural's forms under `<key>_one` and `<key>_other`).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.table.get(key).map(String::as_str)
    }

    /// Replaces strings by those in the table of this language in `text`, the text of a
    /// `strings.toml` (`path` names it in messages). Every table is checked, so a mistake in
    /// the other language's table does not wait until the site switches language.
    pub fn apply_overrides(&mut self, path: &Path, text: &str) -> Result<(), Error> {
        type Table = BTreeMap<Spanned<String>, Spanned<String>>;
        let tables: BTreeMap<Spanned<String>, Table> = toml::from_str(text).map_err(|e| {
            let error = Error::from_toml(path, text, 1, &e);
            if e.message().contains("expected a map") {
                error.with_hint(
                    "put each string under the table of its language, e.g. [de] or [en] on a line before it",
                )
            } else {
                error
            }
        })?;
        let at =
            |span: std::ops::Range<usize>| Location::line(path, line_of_offset(text, span.start));
        let mut errors = Vec::new();
        let mut replacements = Vec::new();
        for (language, table) in &tables {
            let Some(builtin) = LANGUAGES
                .contains(&language.get_ref().as_str())
                .then(|| Strings::builtin(language.get_ref()))
            else {
                errors.push(
                    Error::input(
                        at(language.span()),
                        format!("unknown language table `[{}]`", language.get_ref()),
                    )
                    .with_hint(format!(
                        "the tables are named after the languages dossier knows: {}",
                        LANGUAGES.map(|l| format!("[{l}]")).join(", ")
                    )),
                );
                continue;
            };
            for (key, value) in table {
                let key_name = key.get_ref().as_str();
                let Some(original) = builtin.get(key_name) else {
                    let nearest = nearest(key_name, builtin.table.keys().map(String::as_str));
                    errors.push(
                        Error::input(
                            at(key.span()),
                            format!(
                                "unknown key `{key_name}` in [{}] (did you mean `{nearest}`?)",
                                language.get_ref()
                            ),
                        )
                        .with_hint(
                            "only built-in strings can be replaced; their keys are those of src/render/strings/de.toml (and en.toml) in the dossier repository",
                        ),
                    );
                    continue;
                };
                let allowed = allowed_placeholders(key_name, original);
                let unknown: Vec<&str> = placeholders(value.get_ref())
                    .into_iter()
                    .filter(|p| !allowed.contains(p))
                    .collect();
                if let Some(first) = unknown.first() {
                    let can_use = if allowed.is_empty() {
                        "this string gets no values".to_string()
                    } else {
                        format!(
                            "this string can use {}",
                            allowed
                                .iter()
                                .map(|p| format!("{{{p}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    errors.push(
                        Error::input(
                            at(value.span()),
                            format!("`{{{first}}}` in `{key_name}` is not a value the page gives"),
                        )
                        .with_hint(format!("{can_use}; the built-in text is \"{original}\"")),
                    );
                    continue;
                }
                if *language.get_ref() == self.language {
                    replacements.push((key_name.to_string(), value.get_ref().clone()));
                }
            }
        }
        Error::collect(errors)?;
        self.table.extend(replacements);
        Ok(())
    }

    /// The string `key` with each `{name}` replaced by the argument `name`. With `n`, a string
    /// that has two forms gives `<key>_one` when n is 1 and `<key>_other` otherwise, and `{n}`
    /// is `n`. The error says what is wrong, for a template error.
    pub fn format(
        &self,
        key: &str,
        n: Option<i64>,
        args: &[(&str, &str)],
    ) -> Result<String, String> {
        let text = self.form(key, n)?;
        let count = n.map(|n| n.to_string());
        let value_of = |name: &str| {
            args.iter()
                .find(|(arg, _)| *arg == name)
                .map(|(_, value)| *value)
                .or_else(|| (name == "n").then_some(count.as_deref()).flatten())
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, name, after)) = next_placeholder(rest) {
            out.push_str(before);
            match value_of(name) {
                Some(value) => out.push_str(value),
                None => {
                    return Err(format!(
                        "the string `{key}` needs a value for `{{{name}}}`: pass {name}=... to tr"
                    ));
                }
            }
            rest = after;
        }
        out.push_str(rest);
        Ok(out)
    }

    /// [`Strings::format`] for strings Rust code asks for, whose keys and values are fixed.
    ///
    /// Panics when `key` is not built in or `args` lack one of its values: a mistake in dossier,
    /// which its tests catch; a dossier's overrides cannot cause it, since they are checked.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.format(key, None, args)
            .unwrap_or_else(|e| panic!("interface string: {e}"))
    }

    /// [`Strings::fill`] for a count: the form of `key` for `n`, with `{n}` replaced.
    pub fn fill_count(&self, key: &str, n: usize) -> String {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        self.format(key, Some(n), &[])
            .unwrap_or_else(|e| panic!("interface string: {e}"))
    }

    /// The keys a template asks for: a string with forms for one and more by its stem.
    fn askable_keys(&self) -> BTreeSet<&str> {
        self.table
            .keys()
            .map(|k| {
                k.strip_suffix(ONE)
                    .or_else(|| k.strip_suffix(OTHER))
                    .unwrap_or(k)
            })
            .collect()
    }

    /// The `js_` strings as `assets/strings.js`, a script the pages load before theirs (a page
    /// opened from disk may not fetch data): `window.DOSSIER_STRINGS = {…};`.
    pub fn script(&self) -> String {
        let scripts: BTreeMap<&str, &str> = self
            .table
            .iter()
            .filter(|(key, _)| key.starts_with(SCRIPT_PREFIX))
            .map(|(key, value)| (key.as_str(), value.as_str()))
            .collect();
        let json = serde_json::to_string(&scripts).expect("strings serialise");
        format!("window.DOSSIER_STRINGS = {json};\n{SCRIPT_TR}")
    }

    /// The text of `key` in the form `n` asks for.
    fn form(&self, key: &str, n: Option<i64>) -> Result<&str, String> {
        let plural = |ending: &str| self.get(&format!("{key}{ending}"));
        let found = match n {
            Some(n) => plural(if n == 1 { ONE } else { OTHER }).or_else(|| self.get(key)),
            None => self.get(key),
        };
        if let Some(text) = found {
            return Ok(text);
        }
        if plural(ONE).is_some() {
            return Err(format!(
                "the string `{key}` has a form for one and for more: pass n=... to tr"
            ));
        }
        Err(format!(
            "no interface string `{key}` (did you mean `{}`?)",
            nearest(key, self.askable_keys())
        ))
    }
}

/// `tr` for the scripts, as `tr()` works for templates: the string `key` with `{name}` replaced
/// by `args.name`; with `args.n`, its form for one or more.
const SCRIPT_TR: &str = r#"window.dossierTr = function (key, args) {
  var strings = window.DOSSIER_STRINGS;
  args = args || {};
  var text = 'n' in args && strings[key + '_one'] !== undefined
    ? strings[key + (args.n === 1 ? '_one' : '_other')]
    : strings[key];
  return (text === undefined ? key : text).replace(/\{([a-z0-9_]+)\}/g, function (whole, name) {
    return name in args ? String(args[name]) : whole;
  });
};
"#;

/// Registers the Tera function `tr(key=..., n=..., ...)` for `strings`.
pub fn register(tera: &mut Tera, strings: Arc<Strings>) {
    tera.register_function("tr", Translate(strings));
}

/// `tr(key="...", n=..., name=...)`: the string `key`, see [`Strings::format`].
struct Translate(Arc<Strings>);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let key = match args.get("key") {
            Some(Value::String(key)) => key.as_str(),
            Some(other) => {
                return Err(tera::Error::msg(format!(
                    "tr: `key` must be a string, not {other}"
                )));
            }
            None => {
                return Err(tera::Error::msg(
                    "tr: give the string's key, tr(key=\"...\")",
                ));
            }
        };
        let n = match args.get("n") {
            None => None,
            Some(value) => Some(whole_number(value).ok_or_else(|| {
                tera::Error::msg(format!(
                    "tr(key=\"{key}\"): `n` must be a whole number, not {value}"
                ))
            })?),
        };
        let mut values = Vec::new();
        for (name, value) in args {
            if name == "key" || name == "n" {
                continue;
            }
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    return Err(tera::Error::msg(format!(
                        "tr(key=\"{key}\"): `{name}` must be text or a number, not {other}"
                    )));
                }
            };
            values.push((name.as_str(), text));
        }
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.0
            .format(key, n, &values)
            .map(Value::String)
            .map_err(tera::Error::msg)
    }
}

/// A Tera number that is whole (lengths and counts arrive as integers, arithmetic as floats).
fn whole_number(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| {
        value
            .as_f64()
            .filter(|f| f.fract() == 0.0)
            .map(|f| f as i64)
    })
}

/// The first `{name}` in `text`: what stands before it, the name, and what follows.
fn next_placeholder(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let rest = &text[open + 1..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
            .unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].starts_with('}') {
            return Some((&text[..open], &rest[..name_len], &rest[name_len + 1..]));
        }
        // A brace that opens no name is text.
        from = open + 1;
    }
    None
}

/// The names of the `{placeholders}` in `text`, in order.
fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some((_, name, after)) = next_placeholder(rest) {
        names.push(name);
        rest = after;
    }
    names
}

/// The placeholders an override of `key` may use: those of the built-in text, and `{n}` for a
/// form of a plural, which always gets n.
fn allowed_placeholders<'a>(key: &str, builtin: &'a str) -> BTreeSet<&'a str> {
    let mut allowed: BTreeSet<&str> = placeholders(builtin).into_iter().collect();
    if key.ends_with(ONE) || key.ends_with(OTHER) {
        allowed.insert("n");
    }
    allowed
}

/// The candidate most like `name`: a table has too many keys to list them all in a message.
fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    candidates
        .into_iter()
        .max_by(|a, b| strsim::jaro_winkler(name, a).total_cmp(&strsim::jaro_winkler(name, b)))
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn german() -> Strings {
        Strings::builtin("de")
    }

    fn overrides(language: &str, text: &str) -> Result<Strings, String> {
        let mut strings = Strings::builtin(language);
        strings
            .apply_overrides(Path::new("templates/strings.toml"), text)
            .map_err(|e| e.to_string())?;
        Ok(strings)
    }

    #[test]
    fn both_tables_have_the_same_keys() {
        let (de, en) = (Strings::builtin("de"), Strings::builtin("en"));
        let keys = |s: &Strings| s.table.keys().cloned().collect::<BTreeSet<_>>();
        let only_de: Vec<_> = keys(&de).difference(&keys(&en)).cloned().collect();
        let only_en: Vec<_> = keys(&en).difference(&keys(&de)).cloned().collect();
        assert!(only_de.is_empty(), "only in de.toml: {only_de:?}");
        assert!(only_en.is_empty(), "only in en.toml: {only_en:?}");
    }

    #[test]
    fn both_tables_give_each_string_the_same_placeholders() {
        let (de, en) = (Strings::builtin("de"), Strings::builtin("en"));
        for (key, german) in &de.table {
            let english = en.get(key).unwrap_or_default();
            let set = |t: &str| {
                placeholders(t)
                    .into_iter()
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            // A plural's singular may leave the number out ("Der Originaltext"), in either language.
            let (mut g, mut e) = (set(german), set(english));
            if key.ends_with(ONE) {
                g.retain(|p| p != "n");
                e.retain(|p| p != "n");
            }
            assert_eq!(g, e, "`{key}`: {german:?} / {english:?}");
        }
    }

    #[test]
    fn plurals_have_both_forms_and_strings_hold_no_html() {
        for language in LANGUAGES {
            let strings = Strings::builtin(language);
            for (key, value) in &strings.table {
                if let Some(base) = key.strip_suffix(ONE) {
                    assert!(
                        strings.get(&format!("{base}{OTHER}")).is_some(),
                        "{language}: `{key}` without `{base}{OTHER}`"
                    );
                    assert!(
                        strings.get(base).is_none(),
                        "{language}: `{base}` and its forms"
                    );
                }
                if let Some(base) = key.strip_suffix(OTHER) {
                    assert!(
                        strings.get(&format!("{base}{ONE}")).is_some(),
                        "{language}: `{key}` without `{base}{ONE}`"
                    );
                }
                assert!(
                    !value.contains(['<', '>']),
                    "{language}: `{key}` holds markup: {value:?}"
                );
                assert_eq!(
                    value.trim(),
                    value,
                    "{language}: `{key}` starts or ends with a space"
                );
            }
        }
    }

    /// Every key is asked for somewhere (templates, scripts, Rust), and every key asked for by a
    /// template or script exists.
    #[test]
    fn every_key_is_used_and_every_key_used_exists() {
        let mut sources: Vec<(String, String)> = crate::scaffold::TEMPLATE_FILES
            .iter()
            .map(|(name, bytes)| {
                (
                    name.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                )
            })
            .collect();
        for (name, text) in [
            ("src/render/chronology.rs", include_str!("chronology.rs")),
            ("src/enrich/mod.rs", include_str!("../enrich/mod.rs")),
        ] {
            sources.push((name.to_string(), text.to_string()));
        }
        let strings = german();
        let askable = strings.askable_keys();
        for key in &askable {
            let used = sources.iter().any(|(_, text)| {
                text.contains(&format!("\"{key}\"")) || text.contains(&format!("'{key}'"))
            });
            assert!(used, "`{key}` is in the tables but nothing asks for it");
        }
        for (name, text) in &sources {
            for call in text
                .split("tr(key=\"")
                .skip(1)
                .chain(text.split("tr('").skip(1))
            {
                let key = &call[..call.find(['"', '\'']).unwrap_or(0)];
                assert!(
                    askable.contains(key),
                    "{name} asks for `{key}`, which no table has"
                );
            }
        }
    }

    #[test]
    fn placeholders_are_replaced_by_arguments() {
        let strings = german();
        assert_eq!(
            strings
                .format("entity_events", Some(3), &[("name", "NATO")])
                .unwrap(),
            "3 Ereignisse, deren Quellen NATO im selben Satz nennen."
        );
        assert_eq!(
            strings
                .format("entity_events", Some(1), &[("name", "NATO")])
                .unwrap(),
            "1 Ereignis, dessen Quelle NATO im selben Satz nennt."
        );
        assert_eq!(
            strings.format("js_count_articles", Some(0), &[]).unwrap(),
            "0 Artikel"
        );
        assert_eq!(
            strings.fill("timeline_title", &[]),
            "Artikel und Ereignisse im Zeitverlauf"
        );
        // A value is never read for placeholders itself.
        assert_eq!(
            strings
                .format("js_quoted", None, &[("text", "{n}")])
                .unwrap(),
            "„{n}“"
        );
    }

    #[test]
    fn a_missing_key_or_value_is_an_error_that_says_what_to_do() {
        let strings = german();
        let err = strings.format("serch_button", None, &[]).unwrap_err();
        assert_eq!(
            err,
            "no interface string `serch_button` (did you mean `search_button`?)"
        );
        let err = strings.format("js_results", None, &[]).unwrap_err();
        assert!(err.contains("pass n=..."), "{err}");
        let err = strings.format("entity_events", Some(2), &[]).unwrap_err();
        assert!(err.contains("`{name}`: pass name=..."), "{err}");
    }

    #[test]
    fn braces_without_a_name_are_text() {
        assert_eq!(placeholders("a {b} {C} { d} {} {e_1}"), ["b", "e_1"]);
        assert_eq!(next_placeholder("x {"), None);
    }

    #[test]
    fn script_strings_are_the_js_keys_as_a_script() {
        let mut strings = german();
        strings.table.insert("js_x".into(), "</script><b>".into());
        let script = strings.script();
        let json = script
            .strip_prefix("window.DOSSIER_STRINGS = ")
            .and_then(|s| s.split_once(";\n"))
            .map(|(json, _)| json)
            .unwrap();
        let parsed: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
        assert_eq!(parsed["js_x"], "</script><b>");
        assert_eq!(parsed["js_searching"], "Suche läuft …");
        assert!(parsed.keys().all(|k| k.starts_with(SCRIPT_PREFIX)));
    }

    #[test]
    fn overrides_replace_strings_of_their_language_only() {
        let text = "[de]\npage_topics = \"Schlagworte\"\n\n[en]\npage_topics = \"Tags\"\n";
        assert_eq!(
            overrides("de", text).unwrap().get("page_topics"),
            Some("Schlagworte")
        );
        assert_eq!(
            overrides("en", text).unwrap().get("page_topics"),
            Some("Tags")
        );
        let plural =
            "[de]\njs_results_one = \"Ein Treffer\"\njs_results_other = \"{n} Fundstellen\"\n";
        let strings = overrides("de", plural).unwrap();
        assert_eq!(
            strings.format("js_results", Some(1), &[]).unwrap(),
            "Ein Treffer"
        );
        assert_eq!(
            strings.format("js_results", Some(4), &[]).unwrap(),
            "4 Fundstellen"
        );
    }

    #[test]
    fn an_unknown_key_is_an_error_with_its_line_and_the_closest_key() {
        let err = overrides(
            "de",
            "[de]\npage_topics = \"Schlagworte\"\n\n[en]\nserch_button = \"Go\"\n",
        )
        .unwrap_err();
        assert!(
            err.starts_with("templates/strings.toml:5: unknown key `serch_button` in [en] (did you mean `search_button`?)"),
            "{err}"
        );
    }

    #[test]
    fn other_mistakes_in_overrides_are_errors_with_their_line() {
        let err = overrides("de", "[fr]\npage_topics = \"Sujets\"\n").unwrap_err();
        assert!(
            err.starts_with("templates/strings.toml:1: unknown language table `[fr]`"),
            "{err}"
        );
        let err = overrides("de", "[de]\n\npage_topics = 3\n").unwrap_err();
        assert!(err.starts_with("templates/strings.toml:3: "), "{err}");
        let err = overrides("de", "page_topics = \"Themen\"\n").unwrap_err();
        assert!(err.starts_with("templates/strings.toml:1: "), "{err}");
        assert!(err.contains("[de] or [en]"), "{err}");
        let err = overrides(
            "de",
            "[de]\njs_results_for_other = \"{count} Treffer für {query}\"\n",
        )
        .unwrap_err();
        assert!(
            err.starts_with("templates/strings.toml:2: `{count}` in `js_results_for_other` is not a value the page gives"),
            "{err}"
        );
        assert!(err.contains("this string can use {n}, {query}"), "{err}");
        // Every mistake of a file is reported at once.
        let err = overrides("de", "[de]\nnav_lable = \"x\"\npage_topix = \"y\"\n").unwrap_err();
        assert!(err.starts_with("2 errors:"), "{err}");
    }

    #[test]
    fn tr_works_in_templates_and_their_macros_and_escapes_its_values() {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        register(&mut tera, Arc::new(german()));
        tera.add_raw_templates([
            (
                "macros.html",
                "{% macro kind(k) %}{{ tr(key=\"kind_plural_\" ~ k) }}{% endmacro kind %}",
            ),
            (
                "page.html",
                "{% import \"macros.html\" as m %}{{ m::kind(k=\"place\") }}|{{ tr(key=\"entity_events\", n=count, name=name) }}|{{ tr(key=\"chronology_lead\", articles=tr(key=\"js_count_articles\", n=2), events=tr(key=\"count_events\", n=1), passages=\"x\") }}",
            ),
        ])
        .unwrap();
        let mut context = tera::Context::new();
        context.insert("count", &2);
        context.insert("name", "A & <B>");
        let html = tera.render("page.html", &context).unwrap();
        assert!(
            html.starts_with("Orte|2 Ereignisse, deren Quellen A &amp; &lt;B&gt; im selben"),
            "{html}"
        );
        assert!(
            html.contains("|2 Artikel und 1 Ereignis aus ihren Texten (x), "),
            "{html}"
        );
        let err = tera
            .render_str("{{ tr(key=\"nav_lable\") }}", &tera::Context::new())
            .unwrap_err();
        let mut chain = String::new();
        let mut cause: Option<&dyn std::error::Error> = Some(&err);
        while let Some(e) = cause {
            chain.push_str(&format!("{e}\n"));
            cause = e.source();
        }
        assert!(
            chain.contains("no interface string `nav_lable` (did you mean `nav_label`?)"),
            "{chain}"
        );
    }
}
