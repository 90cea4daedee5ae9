//! `dossier serve`: the `mini` fixture served over HTTP by the binary, rebuilt after an edit, a
//! failed rebuild shown over the last good site, the base path, and a clean stop.
//!
//! Every wait polls against a generous deadline: CI is a slow two-core machine running the
//! other tests at the same time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{Fixture, run_dossier};

/// How long the server may take to start, or to rebuild after an edit.
const PATIENCE: Duration = Duration::from_secs(90);

/// A running `dossier serve`, stopped (or killed) when dropped.
pub struct Served {
    child: Child,
    /// The port it listens on.
    pub port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

/// An HTTP answer: status, the header lines, the body.
struct Answer {
    status: u16,
    headers: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// Collects what a child writes to a pipe, line by line, on a thread of its own.
fn collect(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut sink = sink.lock().unwrap();
            sink.push_str(&line);
            sink.push('\n');
        }
    });
    text
}

/// Polls `probe` every 100 ms until it gives something or the patience runs out.
fn wait_for<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + PATIENCE;
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

impl Served {
    /// Starts `dossier serve --port 0` for the dossier at `root` and waits for its address.
    pub fn start(root: &Path, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        let mut served = Served {
            child,
            port: 0,
            stdout,
            stderr,
        };
        served.port = wait_for("the server to start", || {
            if let Some(status) = served.child.try_wait().unwrap() {
                panic!(
                    "dossier serve ended ({status}): {}{}",
                    served.stdout(),
                    served.stderr()
                );
            }
            let stdout = served.stdout();
            let (_, after) = stdout.split_once(" at http://127.0.0.1:")?;
            let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
            Some(digits.parse().unwrap())
        });
        served
    }

    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// A GET by hand: HTTP/1.0, so the answer is the rest of the stream.
    fn get(&self, target: &str) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let (status_line, headers) = head.split_once("\r\n").unwrap_or((head, ""));
        let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
        Answer {
            status,
            headers: headers.replace("\r\n", "\n"),
            body: body.to_string(),
        }
    }

    fn version(&self) -> String {
        let answer = self.get("/__dossier/version");
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.body
    }

    /// Waits until the version differs from `before`: a rebuild has finished.
    fn wait_for_rebuild(&self, before: &str, version_path: &str) {
        wait_for("a rebuild", || {
            let now = self.get(version_path).body;
            (now != before).then_some(())
        });
    }

    /// Stops the server as Ctrl+C would and returns its exit code.
    pub fn stop(&mut self) -> Option<i32> {
        #[cfg(unix)]
        {
            // The shell's own `kill`: a minimal system may lack the `kill` program.
            let status = Command::new("sh")
                .args(["-c", &format!("kill -INT {}", self.child.id())])
                .status()
                .unwrap();
            assert!(status.success());
        }
        #[cfg(not(unix))]
        self.child.kill().unwrap();
        let status = wait_for("the server to stop", || self.child.try_wait().unwrap());
        status.code()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn can_serve_and_rebuild_after_an_edit() {
    let fixture = Fixture::new("mini");
    let mut served = Served::start(fixture.root(), &[]);
    assert!(
        served.stdout().starts_with(&format!(
            "Serving Mini-Dossier at http://127.0.0.1:{}/ (rebuilds on changes; Ctrl+C stops)\n",
            served.port
        )),
        "{}",
        served.stdout()
    );

    let index = served.get("/");
    assert_eq!(index.status, 200);
    assert_eq!(
        index.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(index.body.contains("Mini-Dossier"));
    assert!(
        index.body.contains("fetch(\"/__dossier/version\"")
            && index.body.contains("location.reload()"),
        "the reload script is injected: {}",
        index.body
    );
    let seed = served.get("/seeds/R%C3%BCckblick%202023.txt");
    assert_eq!(
        (seed.status, seed.header("Content-Type")),
        (200, Some("text/plain; charset=utf-8"))
    );
    assert!(!seed.body.contains("<script>"), "only HTML gets the script");
    assert_eq!(served.get("/../site.toml").status, 403);
    assert!(
        served
            .get("/no/such/page.html")
            .body
            .contains("Seite nicht gefunden"),
        "the site's 404 page"
    );

    let before = served.version();
    let page = served.get("/articles/gipfel.html");
    assert!(page.body.contains("Gipfel in Vilnius"), "{}", page.body);
    assert!(!page.body.contains("Gipfel in Vilnius, bearbeitet"));
    fixture.edit(
        "content/gipfel.md",
        "title = \"Gipfel in Vilnius\"",
        "title = \"Gipfel in Vilnius, bearbeitet\"",
    );
    served.wait_for_rebuild(&before, "/__dossier/version");
    let page = served.get("/articles/gipfel.html");
    assert!(
        page.body.contains("Gipfel in Vilnius, bearbeitet"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!("var seen=\"{}\"", served.version())),
        "pages carry the new version"
    );

    assert!(
        !fixture.public().exists(),
        "the preview builds into a temp folder, never public/"
    );
    assert_eq!(served.stop(), Some(0), "{}", served.stderr());
    let stdout = served.stdout();
    assert!(stdout.contains("Rebuilt in "), "{stdout}");
    assert!(stdout.ends_with("Stopped.\n"), "{stdout}");
}

#[test]
fn keeps_the_last_good_site_under_the_base_path_when_a_rebuild_fails() {
    let fixture = Fixture::new("mini");
    let mut served = Served::start(fixture.root(), &["--base-path", "/mini/"]);
    assert!(
        served
            .stdout()
            .contains(&format!("at http://127.0.0.1:{}/mini/ (", served.port)),
        "{}",
        served.stdout()
    );

    let root = served.get("/");
    assert_eq!(
        (root.status, root.header("Location")),
        (302, Some("/mini/"))
    );
    let outside = served.get("/index.html");
    assert_eq!(outside.status, 404);
    assert!(outside.body.contains("under /mini/"), "{}", outside.body);
    let index = served.get("/mini/");
    assert_eq!(index.status, 200);
    assert!(index.body.contains("fetch(\"/mini/__dossier/version\""));
    let css = served.get("/mini/assets/style.css");
    assert_eq!(
        (css.status, css.header("Content-Type")),
        (200, Some("text/css; charset=utf-8"))
    );

    let before = served.get("/mini/__dossier/version").body;
    fixture.edit(
        "content/gipfel.md",
        "date = \"2023-07\"",
        "date = \"2023-02-30\"",
    );
    served.wait_for_rebuild(&before, "/mini/__dossier/version");
    let page = served.get("/mini/articles/gipfel.html");
    assert_eq!(page.status, 200, "the last good site is still served");
    assert!(page.body.contains("Gipfel in Vilnius"));
    assert!(
        page.body.contains("role=\"alert\"")
            && page
                .body
                .contains("content/gipfel.md:3: `2023-02-30`: there is no day 30 in February 2023"),
        "the page shows the error: {}",
        page.body
    );
    wait_for("the error on stderr", || {
        served
            .stderr()
            .contains("error: content/gipfel.md:3: `2023-02-30`")
            .then_some(())
    });

    let failed = served.get("/mini/__dossier/version").body;
    fixture.edit(
        "content/gipfel.md",
        "date = \"2023-02-30\"",
        "date = \"2023-07\"",
    );
    served.wait_for_rebuild(&failed, "/mini/__dossier/version");
    let page = served.get("/mini/articles/gipfel.html");
    assert!(
        !page.body.contains("role=\"alert\""),
        "fixed: {}",
        page.body
    );
    assert_eq!(served.stop(), Some(0), "{}", served.stderr());
}

#[test]
fn errors_when_the_first_build_fails() {
    let empty = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run_dossier(&[
        "serve".as_ref(),
        "--root".as_ref(),
        empty.path().as_os_str(),
        "--port".as_ref(),
        "0".as_ref(),
    ]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with("error: site.toml: not found"),
        "{stderr}"
    );
}

#[test]
fn errors_when_the_port_is_taken() {
    let fixture = Fixture::new("mini");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let (code, _, stderr) = run_dossier(&[
        "serve".as_ref(),
        "--root".as_ref(),
        fixture.root().as_os_str(),
        "--port".as_ref(),
        port.as_ref(),
    ]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
}
