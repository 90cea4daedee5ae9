//! A request's target + the current build → a [`Reply`]: the file with its content type, the
//! reload script put into every HTML page on the way out (never into the files), the site's own
//! 404 page, redirects and refusals.

use std::fs;
use std::path::{Path, PathBuf};

use super::route::{BasePath, Route, VERSION_ENDPOINT, route};

/// How often, in milliseconds, an open page asks whether the site was rebuilt.
const POLL_MS: u32 = 500;

/// What the server knows about the site when it answers a request.
#[derive(Debug, Clone)]
pub struct SiteView {
    /// The folder of the last good build.
    pub dir: PathBuf,
    /// Changes with every rebuild, good or failed; an open page reloads when it does.
    pub version: String,
    /// Why the last rebuild failed, while the site shown is an older one.
    pub error: Option<String>,
}

/// An answer, before it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: &'static str,
    /// The `Location` header, for a redirect.
    pub location: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A plain-text answer.
    pub fn text(status: u16, text: impl Into<String>) -> Self {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: text.into().into_bytes(),
        }
    }

    fn redirect(to: String) -> Self {
        Reply {
            location: Some(to.clone()),
            ..Reply::text(302, format!("See {to}\n"))
        }
    }
}

/// Answers a GET (or HEAD) of `target` from the site in `site`, served under `base`.
pub fn reply(target: &str, base: &BasePath, site: &SiteView) -> Reply {
    match route(target, base) {
        Route::Version => Reply::text(200, site.version.clone()),
        Route::Redirect(to) => Reply::redirect(to),
        Route::Refused => Reply::text(403, "403 Forbidden: this path leaves the site's folder\n"),
        Route::OutsideBase => Reply::text(
            404,
            format!(
                "404 Not Found: this preview serves the site under {base} (--base-path), as \
                 GitHub Pages will; start at {base}\n"
            ),
        ),
        Route::File(rel) => {
            let path = site.dir.join(&rel);
            if path.is_dir() {
                // Like GitHub Pages: a folder's address gets its `/`, so relative links resolve.
                // Built from the base path and the file's place, never from the raw request,
                // whose `//host` would send the browser elsewhere.
                let rel = rel.to_string_lossy().replace('\\', "/");
                return Reply::redirect(format!("{base}{}/", rel.trim_end_matches('/')));
            }
            match fs::read(&path) {
                Ok(bytes) => {
                    let content_type = content_type(&rel);
                    let body = if content_type.starts_with("text/html") {
                        inject(&bytes, base, site, false)
                    } else {
                        bytes
                    };
                    Reply {
                        status: 200,
                        content_type,
                        location: None,
                        body,
                    }
                }
                Err(_) => not_found(target, base, site),
            }
        }
    }
}

/// The site's own `404.html` if it has one, else a line of text.
fn not_found(target: &str, base: &BasePath, site: &SiteView) -> Reply {
    match fs::read(site.dir.join("404.html")) {
        Ok(page) => Reply {
            status: 404,
            content_type: "text/html; charset=utf-8",
            location: None,
            body: inject(&page, base, site, true),
        },
        Err(_) => Reply::text(404, format!("404 Not Found: {target}\n")),
    }
}

/// The content type of a file of the site, by its extension; text always in UTF-8, which is
/// what dossier writes (seeds included).
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Puts the reload script (and, after a failed rebuild, the error) before `</body>`. The 404
/// page is served at any depth, so it also gets a `<base>`: without a `base_url` its links are
/// relative to the site's root.
fn inject(html: &[u8], base: &BasePath, site: &SiteView, at_any_depth: bool) -> Vec<u8> {
    let mut out = html.to_vec();
    let mut tail = String::new();
    if let Some(error) = &site.error {
        tail.push_str(&error_banner(error));
    }
    tail.push_str(&reload_script(base, &site.version));
    let body_end = rfind_ascii_case_insensitive(&out, b"</body>").unwrap_or(out.len());
    out.splice(body_end..body_end, tail.into_bytes());
    if at_any_depth && let Some(head) = find_ascii_case_insensitive(&out, b"<head>") {
        let at = head + b"<head>".len();
        let base_tag = format!("<base href=\"{}\">", base.as_str());
        out.splice(at..at, base_tag.into_bytes());
    }
    out
}

/// A script that polls the version endpoint and reloads the page when the version changes.
/// Plain `fetch` polling: nothing to keep open, and it outlives a restart of the server.
fn reload_script(base: &BasePath, version: &str) -> String {
    // The version and base path hold only digits, `-`, and URL-safe characters: no escaping needed.
    format!(
        "<script>/* dossier serve: reloads this page when the site is rebuilt */\
         (function(){{var seen=\"{version}\";function poll(){{\
         fetch(\"{base}{VERSION_ENDPOINT}\",{{cache:\"no-store\"}})\
         .then(function(r){{return r.ok?r.text():seen}})\
         .then(function(v){{if(v!==seen){{location.reload()}}else{{setTimeout(poll,{POLL_MS})}}}},\
         function(){{setTimeout(poll,{POLL_MS})}})}}setTimeout(poll,{POLL_MS})}})();</script>"
    )
}

/// The error of the last rebuild, fixed at the bottom of the page.
fn error_banner(error: &str) -> String {
    let escaped = error
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<div role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;z-index:2147483647;\
         max-height:50vh;overflow:auto;margin:0;padding:.75em 1em;background:#fff0f0;color:#600;\
         border-top:3px solid #c00;font:14px/1.4 monospace;white-space:pre-wrap\">\
         <strong>dossier serve: the rebuild failed; this is the last good site.</strong>\n\
         {escaped}</div>"
    )
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built site in a temp folder: an index, an article, a seed, a CSS file, a 404 page.
    fn site() -> (tempfile::TempDir, SiteView) {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write(
            "index.html",
            "<html><head></head><body><p>Start</p></BODY></html>",
        );
        write("articles/gipfel.html", "<body>Gipfel</body>");
        write("seeds/Rückblick 2023.txt", "Rückblick");
        write("assets/style.css", "p{}");
        write(
            "404.html",
            "<html><head><link href=\"assets/style.css\"></head><body>Nicht gefunden</body></html>",
        );
        let view = SiteView {
            dir: dir.path().to_path_buf(),
            version: "7-1".into(),
            error: None,
        };
        (dir, view)
    }

    fn body(reply: &Reply) -> String {
        String::from_utf8(reply.body.clone()).unwrap()
    }

    #[test]
    fn can_serve_index_html_for_a_folder_path() {
        let (_dir, site) = site();
        let reply = reply("/", &BasePath::root(), &site);
        assert_eq!(reply.status, 200);
        assert_eq!(reply.content_type, "text/html; charset=utf-8");
        assert!(body(&reply).starts_with("<html><head></head><body><p>Start</p><script>"));
        assert!(body(&reply).ends_with("</script></BODY></html>"));
    }

    #[test]
    fn injects_the_reload_script_polling_under_the_base_path() {
        let (_dir, site) = site();
        let base: BasePath = "/repo/".parse().unwrap();
        let text = body(&reply("/repo/articles/gipfel.html", &base, &site));
        assert!(text.contains("fetch(\"/repo/__dossier/version\""), "{text}");
        assert!(text.contains("var seen=\"7-1\""), "{text}");
        assert!(!text.contains("role=\"alert\""), "no error, no banner");
    }

    #[test]
    fn shows_the_error_of_a_failed_rebuild_escaped() {
        let (_dir, mut site) = site();
        site.error = Some("content/a.md:3: `<b>` is wrong".into());
        let text = body(&reply("/", &BasePath::root(), &site));
        assert!(
            text.contains("content/a.md:3: `&lt;b&gt;` is wrong</div><script>"),
            "{text}"
        );
    }

    #[test]
    fn leaves_other_files_untouched_with_their_content_types() {
        let (_dir, site) = site();
        let root = BasePath::root();
        let seed = reply("/seeds/R%C3%BCckblick%202023.txt", &root, &site);
        assert_eq!(
            (seed.status, seed.content_type, body(&seed).as_str()),
            (200, "text/plain; charset=utf-8", "Rückblick")
        );
        let css = reply("/assets/style.css?v=2", &root, &site);
        assert_eq!(
            (css.content_type, body(&css).as_str()),
            ("text/css; charset=utf-8", "p{}")
        );
    }

    #[test]
    fn can_tell_content_types() {
        for (path, expected) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.svg", "image/svg+xml"),
            ("data/entities.json", "application/json"),
            ("atom.xml", "application/xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("data/mentions.csv", "text/csv; charset=utf-8"),
            ("A.PNG", "image/png"),
            (".nojekyll", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn answers_missing_files_with_the_sites_404_page() {
        let (dir, site) = site();
        let base: BasePath = "/repo/".parse().unwrap();
        let reply = reply("/repo/a/b/missing.html", &base, &site);
        assert_eq!(reply.status, 404);
        let text = body(&reply);
        assert!(
            text.starts_with("<html><head><base href=\"/repo/\"><link href=\"assets/style.css\">"),
            "relative links resolve from the site's root at any depth: {text}"
        );
        assert!(text.contains("Nicht gefunden<script>"), "{text}");

        fs::remove_file(dir.path().join("404.html")).unwrap();
        let reply = super::reply("/repo/missing.html", &base, &site);
        assert_eq!(
            (reply.status, body(&reply).as_str()),
            (404, "404 Not Found: /repo/missing.html\n")
        );
    }

    #[test]
    fn redirects_to_the_base_path_and_to_folders_with_their_slash() {
        let (_dir, site) = site();
        let base: BasePath = "/repo/".parse().unwrap();
        let to_base = reply("/", &base, &site);
        assert_eq!(
            (to_base.status, to_base.location.as_deref()),
            (302, Some("/repo/"))
        );
        let to_folder = reply("/repo/articles?x=1", &base, &site);
        assert_eq!(
            (to_folder.status, to_folder.location.as_deref()),
            (302, Some("/repo/articles/"))
        );
    }

    #[test]
    fn answers_outside_the_base_path_with_a_hint() {
        let (_dir, site) = site();
        let base: BasePath = "/repo/".parse().unwrap();
        let reply = reply("/index.html", &base, &site);
        assert_eq!(reply.status, 404);
        assert!(body(&reply).contains("under /repo/ (--base-path)"));
    }

    #[test]
    fn refuses_to_leave_the_site() {
        let (_dir, site) = site();
        let reply = reply("/../secret.txt", &BasePath::root(), &site);
        assert_eq!(reply.status, 403);
    }

    #[test]
    fn answers_the_version() {
        let (_dir, site) = site();
        let reply = reply("/__dossier/version", &BasePath::root(), &site);
        assert_eq!((reply.status, body(&reply).as_str()), (200, "7-1"));
    }
}
