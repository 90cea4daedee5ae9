//! A request's target (`/repo/articles/x.html?q=1`) → a [`Route`]: a file of the built site, the
//! build version, a redirect or a refusal. Pure string work, so every rule is unit-tested here.

use std::fmt;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

/// The endpoint, under the base path, that answers the build version for the reload script.
pub const VERSION_ENDPOINT: &str = "__dossier/version";

/// The path prefix the site is served under: `/`, or a GitHub Pages project site's
/// `/repo-name/`. It always starts and ends with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasePath(String);

impl BasePath {
    /// The server's root, `/`.
    pub fn root() -> Self {
        BasePath("/".to_string())
    }

    /// The prefix, starting and ending with `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for BasePath {
    fn default() -> Self {
        BasePath::root()
    }
}

impl fmt::Display for BasePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for BasePath {
    type Err = String;

    /// Accepts `/repo-name/`, `/repo-name` or `repo-name` (and nested `/a/b/`). Segments are
    /// limited to what a repository name may hold, so the prefix needs no percent-encoding and
    /// compares with a request's raw path as it is.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut base = String::from("/");
        for segment in text.split('/').filter(|s| !s.is_empty()) {
            let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~');
            if segment == "." || segment == ".." || !segment.chars().all(allowed) {
                return Err(format!(
                    "`{text}` is not a path prefix such as /repo-name/ (letters, digits, `-`, `_`, `.` and `~` between slashes)"
                ));
            }
            base.push_str(segment);
            base.push('/');
        }
        Ok(BasePath(base))
    }
}

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// A file of the built site, relative to its folder; it need not exist.
    File(PathBuf),
    /// The build version, which the reload script polls.
    Version,
    /// Somewhere else: the base path for `/`, or with the `/` the base path lacks.
    Redirect(String),
    /// A path outside the base path.
    OutsideBase,
    /// A path that would leave the site's folder, or that does not decode to a file name.
    Refused,
}

/// Maps a request target (path and query, as sent) to a [`Route`] under `base`.
pub fn route(target: &str, base: &BasePath) -> Route {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        // An absolute URL (`http://host/…`) or `*`: nothing a browser sends to a preview.
        return Route::Refused;
    }
    let Some(rest) = path.strip_prefix(base.as_str()) else {
        if path == "/" || format!("{path}/") == base.as_str() {
            return Route::Redirect(base.to_string());
        }
        return Route::OutsideBase;
    };
    if rest == VERSION_ENDPOINT {
        return Route::Version;
    }
    let mut file = PathBuf::new();
    for raw in rest.split('/') {
        let Ok(segment) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
            return Route::Refused;
        };
        match segment.as_ref() {
            "" | "." => {}
            ".." => return Route::Refused,
            name => {
                // `%2F`, `\` and, on Windows, `C:` would make one segment into several
                // components or an absolute path; a file of the site is one plain name.
                let mut components = Path::new(name).components();
                let plain = matches!(components.next(), Some(Component::Normal(_)))
                    && components.next().is_none()
                    && !name.contains(['/', '\\', '\0']);
                if !plain {
                    return Route::Refused;
                }
                file.push(name);
            }
        }
    }
    if rest.is_empty() || rest.ends_with('/') {
        file.push("index.html");
    }
    Route::File(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(text: &str) -> BasePath {
        text.parse().unwrap()
    }

    fn file(path: &str) -> Route {
        Route::File(PathBuf::from(path))
    }

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(base("/").as_str(), "/");
        assert_eq!(base("").as_str(), "/");
        assert_eq!(base("dossier").as_str(), "/dossier/");
        assert_eq!(base("/dossier").as_str(), "/dossier/");
        assert_eq!(base("/my.dossier_2/").as_str(), "/my.dossier_2/");
        assert_eq!(base("/a//b/").as_str(), "/a/b/");
    }

    #[test]
    fn errors_on_base_paths_that_are_no_plain_prefix() {
        for bad in ["/../x/", "/./", "/a b/", "/dössier/", "/a?b/", "/%20/"] {
            let err = bad.parse::<BasePath>().unwrap_err();
            assert!(err.contains("/repo-name/"), "{bad}: {err}");
        }
    }

    #[test]
    fn can_map_paths_to_files() {
        let root = BasePath::root();
        assert_eq!(route("/", &root), file("index.html"));
        assert_eq!(route("/index.html", &root), file("index.html"));
        assert_eq!(
            route("/articles/gipfel.html?q=nato#p2", &root),
            file("articles/gipfel.html")
        );
        assert_eq!(route("/entities/", &root), file("entities/index.html"));
        assert_eq!(route("/entities", &root), file("entities"));
        assert_eq!(
            route("/seeds/R%C3%BCckblick%202023.txt", &root),
            file("seeds/Rückblick 2023.txt")
        );
        assert_eq!(route("/a//./b.css", &root), file("a/b.css"));
    }

    #[test]
    fn can_answer_the_version_under_the_base_path() {
        assert_eq!(
            route("/__dossier/version", &BasePath::root()),
            Route::Version
        );
        assert_eq!(
            route("/repo/__dossier/version?t=1", &base("/repo/")),
            Route::Version
        );
        assert_eq!(
            route("/__dossier/version", &base("/repo/")),
            Route::OutsideBase
        );
    }

    #[test]
    fn serves_only_under_the_base_path() {
        let repo = base("/repo/");
        assert_eq!(route("/repo/", &repo), file("index.html"));
        assert_eq!(route("/repo/topics.html", &repo), file("topics.html"));
        assert_eq!(route("/", &repo), Route::Redirect("/repo/".into()));
        assert_eq!(route("/repo", &repo), Route::Redirect("/repo/".into()));
        assert_eq!(route("/repo?x", &repo), Route::Redirect("/repo/".into()));
        assert_eq!(route("/index.html", &repo), Route::OutsideBase);
        assert_eq!(route("/repository/", &repo), Route::OutsideBase);
        assert_eq!(route("/rep", &repo), Route::OutsideBase);
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        let root = BasePath::root();
        for target in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/a/..",
            "/..%2Fx",
            "/a%2F..%2F..%2Fx",
            "/a%5C..%5Cx",
            "/a%00b",
            "/%FF.html",
            "http://example.org/x",
            "*",
        ] {
            assert_eq!(route(target, &root), Route::Refused, "{target}");
        }
        // The base path cannot be left either: `..` right after it is refused, not resolved.
        assert_eq!(route("/repo/../x", &base("/repo/")), Route::Refused);
    }
}
