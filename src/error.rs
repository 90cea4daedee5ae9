//! Errors of a build. Each one says where it applies (`path:line`), what is wrong and, where we
//! can tell, what to do about it. The binary only formats them.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Where an error applies: a file (relative to the dossier root where possible) and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file.
    pub path: PathBuf,
    /// The line in that file, when one applies.
    pub line: Option<usize>,
}

impl Location {
    /// A location at a line of a file.
    pub fn line(path: impl Into<PathBuf>, line: usize) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
        }
    }

    /// A location naming a whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Forward slashes on every platform, so messages and test expectations agree.
        let path = self.path.to_string_lossy().replace('\\', "/");
        match self.line {
            Some(line) => write!(f, "{path}:{line}"),
            None => write!(f, "{path}"),
        }
    }
}

/// Everything that can make a build fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Wrong input: `site.toml`, front matter, Markdown, names that clash.
    #[error("{loc}: {msg}{}", hint_suffix(.hint))]
    Input {
        /// Where.
        loc: Location,
        /// What is wrong.
        msg: String,
        /// What to do about it.
        hint: Option<String>,
    },
    /// A template that does not parse or does not render.
    #[error("{loc}: {msg}{}", hint_suffix(.hint))]
    Template {
        /// The template file and, for syntax errors, the line.
        loc: Location,
        /// Tera's explanation, flattened.
        msg: String,
        /// What to do about it.
        hint: Option<String>,
    },
    /// A file or folder that could not be read or written.
    #[error("{}: {action}: {source}{}", Location::file(.path.clone()), hint_suffix(.hint))]
    Io {
        /// The path involved.
        path: PathBuf,
        /// What we were doing ("cannot read", "cannot create folder"...).
        action: &'static str,
        /// The operating system's reason.
        #[source]
        source: io::Error,
        /// What to do about it, from the kind of error.
        hint: Option<String>,
    },
    /// Several errors found in one pass; all are reported, sorted by location.
    #[error("{}", format_many(.0))]
    Many(Vec<Error>),
}

fn hint_suffix(hint: &Option<String>) -> String {
    match hint {
        Some(h) => format!("\n  hint: {h}"),
        None => String::new(),
    }
}

fn format_many(errors: &[Error]) -> String {
    let mut out = format!("{} errors:", errors.len());
    for (i, e) in errors.iter().enumerate() {
        out.push_str(&format!(
            "\n{}. {}",
            i + 1,
            e.to_string().replace('\n', "\n   ")
        ));
    }
    out
}

impl Error {
    /// An input error at a location.
    pub fn input(loc: Location, msg: impl Into<String>) -> Self {
        Error::Input {
            loc,
            msg: msg.into(),
            hint: None,
        }
    }

    /// An I/O error on a path, with a hint chosen by the kind of error.
    pub fn io(path: &Path, action: &'static str, source: io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            action,
            hint: io_hint(action, source.kind()).map(str::to_string),
            source,
        }
    }

    /// Adds (or replaces) what to do; a list of errors carries none of its own.
    pub fn with_hint(mut self, text: impl Into<String>) -> Self {
        if let Error::Input { hint, .. } | Error::Template { hint, .. } | Error::Io { hint, .. } =
            &mut self
        {
            *hint = Some(text.into());
        }
        self
    }

    /// True for an I/O error that says the disk or the quota is full.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, Error::Io { source, .. } if is_disk_full(source.kind()))
    }

    /// Turns a list of errors into one: nothing if empty, itself if one, else `Many` sorted by location.
    pub fn collect(mut errors: Vec<Error>) -> Result<(), Error> {
        match errors.len() {
            0 => Ok(()),
            1 => Err(errors.pop().expect("one error")),
            _ => {
                errors.sort_by_key(|e| e.to_string());
                Err(Error::Many(errors))
            }
        }
    }

    /// A TOML parse or type error in `path`, whose TOML text starts at `first_line` of the file.
    ///
    /// The line comes from the error's byte span, so it points at the key or value at fault.
    pub fn from_toml(
        path: &Path,
        toml_text: &str,
        first_line: usize,
        err: &toml::de::Error,
    ) -> Self {
        let line = err
            .span()
            .map(|span| first_line + line_of_offset(toml_text, span.start) - 1)
            .unwrap_or(first_line);
        let message = err.message().trim().to_string();
        let loc = Location::line(path, line);
        if let Some(unknown) = unknown_field_name(&message) {
            let expected = expected_fields(&message);
            let mut msg = format!("unknown key `{unknown}`");
            if let Some(close) = closest(&unknown, &expected) {
                msg.push_str(&format!(" (did you mean `{close}`?)"));
            }
            return Error::input(loc, msg)
                .with_hint(format!("valid keys are: {}", expected.join(", ")));
        }
        let hint = toml_hint(&message);
        let error = Error::input(loc, message);
        match hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }
}

fn is_disk_full(kind: io::ErrorKind) -> bool {
    matches!(
        kind,
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// What to do about an I/O error of `kind`. The operating system's reason alone ("No such file
/// or directory") does not say that a symbolic link may point nowhere, or whose permissions to
/// check. Callers word `action` freely ("read", "cannot read", "cannot create folder"), so
/// anything that does not read is taken to write.
fn io_hint(action: &str, kind: io::ErrorKind) -> Option<&'static str> {
    let reading = action.contains("read");
    let hint = match kind {
        io::ErrorKind::PermissionDenied if reading => {
            "check its permissions: dossier must be able to read it (a folder: to list it)"
        }
        io::ErrorKind::PermissionDenied => {
            "check the permissions: dossier must be able to write it and the folder holding it"
        }
        io::ErrorKind::NotFound if reading => {
            "the file is missing, or it is a symbolic link to a file that is missing; restore the file or remove the link"
        }
        io::ErrorKind::NotFound => {
            "a folder on the way to it is missing, or a symbolic link on the way points nowhere"
        }
        kind if is_disk_full(kind) => "free some disk space (or raise your quota) and try again",
        io::ErrorKind::ReadOnlyFilesystem => {
            "the disk holding it is mounted read-only; choose a folder on a writable disk"
        }
        io::ErrorKind::NotADirectory => {
            "a part of the path is a file where a folder is expected; move the file away"
        }
        io::ErrorKind::IsADirectory => {
            "a folder stands where a file is expected; move the folder away"
        }
        _ => return None,
    };
    Some(hint)
}

/// What to do about the TOML mistakes editors make most.
fn toml_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = &rest[..rest.find('`')?];
        return Some(format!(
            "add `{field} = ...`; README.md describes every key"
        ));
    }
    let hint = if message.contains("invalid date") || message.contains("invalid time") {
        "a date known only to the month or the year must be quoted: date = \"2024-03\" or date = \"2024\""
    } else if message.contains("expected a sequence") || message.contains("expected an array") {
        "write a list in square brackets, e.g. topics = [\"Militärhilfe\", \"NATO-Gipfel\"]"
    } else if message.contains("expected a boolean") {
        "write true or false, without quotes"
    } else if message.contains("expected a string") {
        "put the value in double quotes"
    } else {
        return None;
    };
    Some(hint.to_string())
}

/// 1-based line number of a byte offset in `text`.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Line numbers of many offsets in one text. A body asks for the line of each paragraph, and
/// counting newlines from the start each time made a 20 MB article take minutes.
#[derive(Debug, Clone)]
pub struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Records where the lines of `text` break.
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            newlines: text
                .bytes()
                .enumerate()
                .filter_map(|(at, b)| (b == b'\n').then_some(at))
                .collect(),
        }
    }

    /// 1-based line number of a byte offset, as [`line_of_offset`] counts it.
    pub fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&at| at < offset) + 1
    }
}

/// The name inside serde's "unknown field `x`, expected ..." message.
fn unknown_field_name(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    Some(rest[..rest.find('`')?].to_string())
}

/// The names serde lists after "expected" in an unknown-field message.
fn expected_fields(message: &str) -> Vec<String> {
    let Some(at) = message.find("expected") else {
        return Vec::new();
    };
    message[at..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The candidate most like `name`, if one is close enough to be a plausible typo.
pub fn closest(name: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_displays_as_path_colon_line() {
        assert_eq!(
            Location::line("content/a.md", 3).to_string(),
            "content/a.md:3"
        );
        assert_eq!(Location::file("content/a.md").to_string(), "content/a.md");
    }

    #[test]
    fn input_error_shows_hint_on_its_own_line() {
        let e = Error::input(Location::line("site.toml", 2), "bad").with_hint("fix it");
        assert_eq!(e.to_string(), "site.toml:2: bad\n  hint: fix it");
    }

    #[test]
    fn many_errors_are_numbered_and_sorted() {
        let e = Error::collect(vec![
            Error::input(Location::line("b.md", 1), "two"),
            Error::input(Location::line("a.md", 1), "one"),
        ])
        .unwrap_err();
        assert_eq!(e.to_string(), "2 errors:\n1. a.md:1: one\n2. b.md:1: two");
    }

    #[test]
    fn unknown_toml_key_suggests_the_closest() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            title: String,
            date: String,
        }
        let text = "title = \"x\"\ntitel = \"y\"\n";
        let err = toml::from_str::<T>(text).unwrap_err();
        let e = Error::from_toml(Path::new("c.md"), text, 2, &err);
        assert_eq!(
            e.to_string(),
            "c.md:3: unknown key `titel` (did you mean `title`?)\n  hint: valid keys are: title, date"
        );
    }

    fn io_error(action: &'static str, kind: io::ErrorKind) -> String {
        Error::io(Path::new("content/a.md"), action, io::Error::from(kind)).to_string()
    }

    #[test]
    fn io_errors_say_what_to_do_by_their_kind() {
        let denied = io_error("cannot read", io::ErrorKind::PermissionDenied);
        assert!(
            denied.starts_with("content/a.md: cannot read: "),
            "{denied}"
        );
        assert!(
            denied.ends_with("\n  hint: check its permissions: dossier must be able to read it (a folder: to list it)"),
            "{denied}"
        );
        assert!(
            io_error("cannot write", io::ErrorKind::PermissionDenied)
                .contains("hint: check the permissions: dossier must be able to write it"),
        );
        assert!(io_error("cannot read", io::ErrorKind::NotFound).contains(
            "hint: the file is missing, or it is a symbolic link to a file that is missing"
        ),);
        assert!(
            io_error("cannot create folder", io::ErrorKind::NotFound)
                .contains("hint: a folder on the way to it is missing"),
        );
        for kind in [io::ErrorKind::StorageFull, io::ErrorKind::QuotaExceeded] {
            let full = Error::io(
                Path::new("public/a.html"),
                "cannot write",
                io::Error::from(kind),
            );
            assert!(full.is_disk_full());
            assert!(
                full.to_string().contains("hint: free some disk space"),
                "{full}"
            );
        }
        assert_eq!(
            io_error("cannot read", io::ErrorKind::Interrupted),
            format!(
                "content/a.md: cannot read: {}",
                io::Error::from(io::ErrorKind::Interrupted)
            ),
            "no hint where none would help"
        );
    }

    #[test]
    fn a_line_index_counts_as_line_of_offset_does() {
        let text = "a\nb\n\nc\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.line(offset), line_of_offset(text, offset), "{offset}");
        }
    }

    #[test]
    fn line_of_offset_counts_newlines() {
        assert_eq!(line_of_offset("a\nb\nc", 0), 1);
        assert_eq!(line_of_offset("a\nb\nc", 2), 2);
        assert_eq!(line_of_offset("a\nb\nc", 99), 3);
    }
}
