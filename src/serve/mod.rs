//! `dossier serve`: the dossier → a local preview over HTTP that rebuilds when the inputs change
//! and makes open pages reload.
//!
//! The site is built with [`crate::build`] into a private temp folder (never `public/`). Builds
//! take turns among three folders there: the one served, the one before it (a request may still
//! be reading it) and the one being built, so a request never sees a half-written site and a
//! failed rebuild leaves the last good one in place. Each folder is rebuilt as `dossier build`
//! rebuilds `public/`: only the files whose inputs changed since it was last built are made.
//! The parts:
//!
//! | part | module | in → out |
//! |---|---|---|
//! | route | [`route`] | request target + [`BasePath`] → [`Route`] (a file, the version, a redirect, a refusal) |
//! | respond | [`respond`] | target + [`SiteView`] → [`Reply`] (content type, reload script injected) |
//! | watch | [`watch`] | `site.toml`, `content/`, `seeds/`, `templates/` → a settled change |
//! | serve | this module | [`Preview`]: the first build, the HTTP workers and the rebuild loop |

pub mod respond;
pub mod route;
pub mod watch;

use std::collections::VecDeque;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use respond::{Reply, SiteView, reply};
pub use route::{BasePath, Route, route};
pub use watch::Watcher;

use crate::{BuildOptions, BuildReport, Error, SiteConfig};

/// The port a preview listens on unless told otherwise (Zola's, so the habit carries over).
pub const DEFAULT_PORT: u16 = 1111;

/// Threads answering requests: a page loads its CSS, scripts and pictures at once.
const WORKERS: usize = 4;
/// How often the inputs are scanned for changes.
const POLL: Duration = Duration::from_millis(300);
/// How long the inputs must stay unchanged before a rebuild (a save can be several writes).
const SETTLE: Duration = Duration::from_millis(200);
/// How long a worker waits for a request before it looks whether it should stop.
const RECV_TIMEOUT: Duration = Duration::from_millis(200);

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The dossier's root folder, holding `site.toml`.
    pub root: PathBuf,
    /// The address to listen on; loopback unless the user asks for another.
    pub bind: IpAddr,
    /// The port to listen on; 0 lets the system choose a free one.
    pub port: u16,
    /// The path prefix to serve the site under.
    pub base_path: BasePath,
}

/// Why a preview could not start, or a rebuild failed.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The build failed; its error says where and why.
    #[error("{0}")]
    Build(#[from] Error),
    /// The address could not be listened on.
    #[error(
        "cannot listen on {addr}: {reason}\n  hint: another server may be using the port; choose another with --port"
    )]
    Listen {
        /// The address asked for.
        addr: SocketAddr,
        /// The system's reason.
        reason: String,
    },
    /// The private folder for the builds could not be made.
    #[error("cannot create a temporary folder for the preview's builds: {0}")]
    TempDir(#[source] std::io::Error),
    /// The build panicked.
    #[error(
        "the build stopped on an internal error (a bug); please report it with the input that caused it"
    )]
    Internal,
}

/// One rebuild after a change, for the caller to report.
#[derive(Debug)]
pub struct Rebuild {
    /// What the build did, or why it failed (the last good site is still served then).
    pub result: Result<BuildReport, ServeError>,
    /// How long it took.
    pub took: Duration,
}

/// A preview that has built the dossier once and listens; [`Preview::run`] serves it.
pub struct Preview {
    http: Arc<tiny_http::Server>,
    address: SocketAddr,
    options: ServeOptions,
    title: String,
    first: BuildReport,
    site: Arc<RwLock<SiteView>>,
    watcher: Watcher,
    builds: Builds,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview")
            .field("address", &self.address)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Preview {
    /// Listens on the address asked for and builds the dossier once; fails if either fails
    /// (there is no last good site to fall back on yet).
    pub fn start(options: ServeOptions) -> Result<Preview, ServeError> {
        let addr = SocketAddr::new(options.bind, options.port);
        let http = tiny_http::Server::http(addr).map_err(|e| ServeError::Listen {
            addr,
            reason: e.to_string(),
        })?;
        let address = http
            .server_addr()
            .to_ip()
            .expect("a server started on an IP address listens on one");
        // Scanned before the first build starts, so an edit made during it still counts.
        let watcher = Watcher::new(&options.root, POLL, SETTLE);
        let mut builds = Builds::new()?;
        let dir = builds.next();
        let first = build_on_big_stack(&options.root, &dir)?;
        builds.keep(dir.clone());
        let title = SiteConfig::load(&options.root)?.title;
        let site = SiteView {
            dir,
            version: builds.version(),
            error: None,
        };
        Ok(Preview {
            http: Arc::new(http),
            address,
            options,
            title,
            first,
            site: Arc::new(RwLock::new(site)),
            watcher,
            builds,
        })
    }

    /// The dossier's title, from `site.toml`.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// What the first build did (its warnings, for one).
    pub fn first_build(&self) -> &BuildReport {
        &self.first
    }

    /// The address actually listened on (with the port the system chose for port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The site's address for a browser: loopback when listening on every address.
    pub fn url(&self) -> String {
        let mut shown = self.address;
        if shown.ip().is_unspecified() {
            shown.set_ip(match shown.ip() {
                IpAddr::V4(_) => IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
                IpAddr::V6(_) => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
            });
        }
        format!("http://{shown}{}", self.options.base_path)
    }

    /// Serves the site and rebuilds it after every change until `stop` is set; each rebuild is
    /// told to `on_rebuild`. The builds' temp folder is removed on return.
    pub fn run(self, stop: Arc<AtomicBool>, mut on_rebuild: impl FnMut(Rebuild) + Send + 'static) {
        let Preview {
            http,
            options,
            site,
            mut watcher,
            mut builds,
            ..
        } = self;
        let mut threads = Vec::new();
        for _ in 0..WORKERS {
            let (http, site, stop) = (Arc::clone(&http), Arc::clone(&site), Arc::clone(&stop));
            let base = options.base_path.clone();
            threads.push(std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match http.recv_timeout(RECV_TIMEOUT) {
                        Ok(Some(request)) => answer(request, &base, &site),
                        Ok(None) => {}
                        // A connection that failed before it was a request: nothing to answer.
                        Err(_) => std::thread::sleep(RECV_TIMEOUT),
                    }
                }
            }));
        }
        let rebuilds = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                while watcher.wait_for_change(&stop) {
                    let started = Instant::now();
                    let dir = builds.next();
                    let result = build_on_big_stack(&options.root, &dir);
                    {
                        let mut site = site.write().unwrap_or_else(PoisonError::into_inner);
                        site.version = builds.version();
                        match &result {
                            Ok(_) => {
                                site.dir = dir.clone();
                                site.error = None;
                            }
                            Err(error) => site.error = Some(error.to_string()),
                        }
                    }
                    if result.is_ok() {
                        builds.keep(dir);
                    }
                    on_rebuild(Rebuild {
                        result,
                        took: started.elapsed(),
                    });
                }
                // Dropped here, once no rebuild can write into it any more.
                drop(builds);
            })
        };
        for thread in threads {
            let _ = thread.join();
        }
        let _ = rebuilds.join();
    }
}

/// The private temp folder holding one folder per build, and the version the pages poll.
struct Builds {
    dir: tempfile::TempDir,
    /// Builds started, good or failed.
    count: u64,
    /// Distinguishes this run's versions from an earlier run's, so a page left open across a
    /// restart of the server reloads too.
    run: u128,
    /// The last good builds, newest last.
    kept: VecDeque<PathBuf>,
}

impl Builds {
    fn new() -> Result<Self, ServeError> {
        let dir = tempfile::Builder::new()
            .prefix("dossier-serve-")
            .tempdir()
            .map_err(ServeError::TempDir)?;
        let run = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or_default();
        Ok(Builds {
            dir,
            count: 0,
            run,
            kept: VecDeque::new(),
        })
    }

    /// The folder for the next build: one of three, neither the newest good build nor the one
    /// before it.
    fn next(&mut self) -> PathBuf {
        self.count += 1;
        (0..3)
            .map(|slot| self.dir.path().join(format!("site-{slot}")))
            .find(|dir| !self.kept.contains(dir))
            .expect("at most two of three folders are kept")
    }

    /// The version of the newest build, good or failed.
    fn version(&self) -> String {
        format!("{}-{}", self.run, self.count)
    }

    /// Records a good build; the one before the previous is free to be built into again.
    fn keep(&mut self, dir: PathBuf) {
        self.kept.retain(|kept| *kept != dir);
        self.kept.push_back(dir);
        if self.kept.len() > 2 {
            self.kept.pop_front();
        }
    }
}

/// Builds the dossier at `root` into `out` on a thread with the build's large stack; a panic
/// becomes [`ServeError::Internal`] instead of ending the preview.
fn build_on_big_stack(root: &Path, out: &Path) -> Result<BuildReport, ServeError> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        base_url: None,
        progress: None,
        rebuild: crate::write::Rebuild::Changed,
    };
    std::thread::Builder::new()
        .stack_size(crate::BUILD_STACK)
        .spawn(move || crate::build(&options))
        .map_err(|_| ServeError::Internal)?
        .join()
        .map_err(|_| ServeError::Internal)?
        .map_err(ServeError::Build)
}

/// Answers one request from the current site.
fn answer(request: tiny_http::Request, base: &BasePath, site: &RwLock<SiteView>) {
    let reply = match request.method() {
        tiny_http::Method::Get | tiny_http::Method::Head => {
            let site = site.read().unwrap_or_else(PoisonError::into_inner).clone();
            reply(request.url(), base, &site)
        }
        _ => Reply::text(405, "405 Method Not Allowed: a preview only reads\n"),
    };
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let mut headers = vec![
        ("Content-Type", reply.content_type.to_string()),
        // A preview changes under the browser: every request must see the newest build.
        ("Cache-Control", "no-store".to_string()),
    ];
    if let Some(location) = reply.location {
        headers.push(("Location", location));
    }
    for (name, value) in headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // A browser that went away before the answer is no error of ours.
    let _ = request.respond(response);
}
