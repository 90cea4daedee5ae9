//! The site as a plan: every file's path, and how to make it when it is written.
//!
//! Pages are rendered (and minified) one at a time by the write stage, on as many threads as
//! there are cores, so the site is never held in memory whole. Each file also has a
//! fingerprint of everything its bytes are made from, which lets a rebuild skip the files whose
//! inputs did not change.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use tera::Context;

use super::{Templates, template_error, urls};
use crate::config::SiteConfig;
use crate::error::Error;

/// Where a file's bytes come from.
pub enum Source<'s> {
    /// A page: its template, how its links reach the site root, and what it shows besides the
    /// site-wide values.
    Page {
        /// The template's name.
        template: &'static str,
        /// `../` as often as the page is deep (or the absolute root of a 404 page).
        root: &'s str,
        /// The page's own data.
        data: Box<dyn PageData + 's>,
    },
    /// A file made whole: an asset, a data export, a search shard, a seed.
    File(Cow<'s, [u8]>),
}

/// A page's own data: serialised straight into the fingerprint's hasher, and made into a
/// template context (a tree of JSON values) only for a page that is rendered. In a rebuild
/// most pages are only fingerprinted, and building and freeing their trees was a sixth of it.
pub trait PageData {
    /// Writes the data as JSON to `out`.
    fn write_json(&self, out: &mut dyn std::io::Write) -> serde_json::Result<()>;
    /// The data as the template's context.
    fn context(self: Box<Self>) -> Result<Context, tera::Error>;
}

/// Page data of a type of its own, serialised as it is.
pub trait TypedPage: Serialize {}

impl<T: TypedPage> PageData for T {
    fn write_json(&self, out: &mut dyn std::io::Write) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }

    fn context(self: Box<Self>) -> Result<Context, tera::Error> {
        Context::from_serialize(&*self)
    }
}

/// Page data made as JSON values already (the large pages build theirs piece by piece): moved
/// into the context, never copied.
impl PageData for Value {
    fn write_json(&self, out: &mut dyn std::io::Write) -> serde_json::Result<()> {
        serde_json::to_writer(out, self)
    }

    fn context(self: Box<Self>) -> Result<Context, tera::Error> {
        Context::from_value(*self)
    }
}

type MakeData<'a> = Box<dyn Fn() -> Box<dyn PageData + 'a> + Send + Sync + 'a>;
type FileBytes<'a> = Box<dyn Fn() -> Vec<u8> + Send + Sync + 'a>;

enum Make<'a> {
    Page {
        template: &'static str,
        root: String,
        data: MakeData<'a>,
    },
    File(Cow<'a, [u8]>),
    Generated(FileBytes<'a>),
}

/// One file of the site, not made yet.
pub struct Planned<'a> {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    make: Make<'a>,
    /// About how much work it is to make, relative to other files (an article page is 1).
    pub weight: usize,
}

impl<'a> Planned<'a> {
    /// A page made from `template` with the data `data` gives when called.
    pub fn page<D: PageData + 'a>(
        path: impl Into<String>,
        template: &'static str,
        data: impl Fn() -> D + Send + Sync + 'a,
    ) -> Self {
        let path = path.into();
        let root = urls::root_from(&path);
        Planned::page_at_root(path, template, root, data)
    }

    /// A page whose links reach the site through `root` rather than relatively.
    pub fn page_at_root<D: PageData + 'a>(
        path: impl Into<String>,
        template: &'static str,
        root: String,
        data: impl Fn() -> D + Send + Sync + 'a,
    ) -> Self {
        Planned {
            path: path.into(),
            make: Make::Page {
                template,
                root,
                data: Box::new(move || Box::new(data())),
            },
            weight: 1,
        }
    }

    /// A file whose bytes are made already (or borrowed from the dossier).
    pub fn file(path: impl Into<String>, bytes: impl Into<Cow<'a, [u8]>>) -> Self {
        Planned {
            path: path.into(),
            make: Make::File(bytes.into()),
            weight: 0,
        }
    }

    /// A file whose bytes `bytes` makes when it is written: the large data exports, which
    /// would otherwise be held from before the first page is made until the last is written.
    pub fn generated(
        path: impl Into<String>,
        bytes: impl Fn() -> Vec<u8> + Send + Sync + 'a,
    ) -> Self {
        Planned {
            path: path.into(),
            make: Make::Generated(Box::new(bytes)),
            weight: 0,
        }
    }

    /// The same file, said to be `weight` times the work of an article page.
    pub fn weighing(self, weight: usize) -> Self {
        Planned { weight, ..self }
    }

    /// Whether it is a page rendered from a template.
    pub fn is_page(&self) -> bool {
        matches!(self.make, Make::Page { .. })
    }
}

/// Every file of the site, sorted by path, with what each page needs to be rendered.
pub struct Site<'a> {
    /// The files, sorted by path.
    pub files: Vec<Planned<'a>>,
    /// None only for a site of files alone (in tests).
    templates: Option<&'a Templates>,
    /// `site` in every template: title, counts, dates.
    site: Value,
    minify: bool,
    /// Everything every file depends on besides its own source: this program, the templates,
    /// the interface strings, the site-wide values and the settings.
    common: blake3::Hash,
    /// Time spent making the files.
    pub spent: Spent,
}

/// Kinds of work on the site's files, timed over all threads together.
#[derive(Debug, Clone, Copy)]
pub enum Work {
    /// Making a page's data and rendering its template.
    Render,
    /// Minifying pages.
    Minify,
    /// Hashing what each file is made from.
    Fingerprint,
    /// Writing files to disk.
    Write,
}

impl Work {
    /// Every kind, in pipeline order, with its name in `--timings`.
    pub const ALL: [(Work, &'static str); 4] = [
        (Work::Render, "render"),
        (Work::Minify, "minify"),
        (Work::Fingerprint, "fingerprint"),
        (Work::Write, "write"),
    ];
}

/// Time spent on each kind of [`Work`], summed over the threads that did it.
#[derive(Debug, Default)]
pub struct Spent([std::sync::atomic::AtomicU64; 4]);

impl Spent {
    /// Runs `work` of kind `kind`, adding its time.
    pub fn time<T>(&self, kind: Work, work: impl FnOnce() -> T) -> T {
        let started = std::time::Instant::now();
        let result = work();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.0[kind as usize].fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
        result
    }

    /// The time spent on `kind` so far.
    pub fn of(&self, kind: Work) -> std::time::Duration {
        std::time::Duration::from_nanos(
            self.0[kind as usize].load(std::sync::atomic::Ordering::Relaxed),
        )
    }
}

/// Weight (in article pages) over which a file is made on its own, one such at a time.
pub const HEAVY: usize = 1000;

/// What a file's bytes are made from, hashed: the same fingerprint gives the same bytes.
pub type Fingerprint = blake3::Hash;

impl<'a> Site<'a> {
    pub(super) fn new(
        mut files: Vec<Planned<'a>>,
        templates: &'a Templates,
        site: Value,
        config: &SiteConfig,
    ) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut common = blake3::Hasher::new();
        common.update(program_digest().as_bytes());
        common.update(templates.digest.as_bytes());
        let templates = Some(templates);
        // A tree of JSON values always serialises.
        let _ = hash_data(&mut common, &site);
        common.update(format!("{config:?}").as_bytes());
        Site {
            files,
            templates,
            site,
            minify: config.minify,
            common: common.finalize(),
            spent: Spent::default(),
        }
    }

    /// A site of files alone, none of them a page.
    #[cfg(test)]
    pub(crate) fn of_files(mut files: Vec<Planned<'a>>) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Site {
            files,
            templates: None,
            site: Value::Null,
            minify: false,
            common: program_digest(),
            spent: Spent::default(),
        }
    }

    /// Makes the source of `file`: the page's data, or the file's bytes.
    pub fn source<'s>(&self, file: &'s Planned<'a>) -> Source<'s> {
        match &file.make {
            Make::Page {
                template,
                root,
                data,
            } => Source::Page {
                template,
                root,
                data: self.spent.time(Work::Render, data),
            },
            Make::File(bytes) => Source::File(Cow::Borrowed(bytes)),
            Make::Generated(bytes) => {
                Source::File(Cow::Owned(self.spent.time(Work::Render, bytes)))
            }
        }
    }

    /// The fingerprint of `file` made from `source`. An error if its data cannot be serialised:
    /// a fingerprint of part of it could let a changed page pass for unchanged.
    pub fn fingerprint(
        &self,
        file: &Planned<'a>,
        source: &Source<'_>,
    ) -> Result<Fingerprint, Error> {
        self.spent
            .time(Work::Fingerprint, || self.hash(file, source))
            .map_err(|e| {
                template_error(tera::Error::msg(format!(
                    "the data of {} cannot be serialised: {e}",
                    file.path
                )))
            })
    }

    fn hash(&self, file: &Planned<'a>, source: &Source<'_>) -> serde_json::Result<Fingerprint> {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.common.as_bytes());
        hasher.update(file.path.as_bytes());
        hasher.update(&[0]);
        match source {
            Source::Page {
                template,
                root,
                data,
            } => {
                hasher.update(b"page\0");
                hasher.update(template.as_bytes());
                hasher.update(&[0]);
                hasher.update(root.as_bytes());
                hasher.update(&[0]);
                hash_data(&mut hasher, data.as_ref())?;
            }
            Source::File(bytes) => {
                hasher.update(b"file\0");
                hasher.update(bytes);
            }
        }
        Ok(hasher.finalize())
    }

    /// The finished bytes of `file`: the page rendered and, where the site says so, minified.
    pub fn finish<'s>(
        &self,
        file: &Planned<'a>,
        source: Source<'s>,
    ) -> Result<Cow<'s, [u8]>, Error> {
        match source {
            Source::File(bytes) => Ok(bytes),
            Source::Page {
                template,
                root,
                data,
            } => {
                let mut context = data.context().map_err(template_error)?;
                context.insert("site", &self.site);
                context.insert("root", root);
                context.insert("page_path", &file.path);
                context.insert("page_url", &urls::file_url(&file.path));
                let Some(templates) = self.templates else {
                    return Err(template_error(tera::Error::template_not_found(template)));
                };
                let html = self.spent.time(Work::Render, || {
                    templates
                        .tera
                        .render(template, &context)
                        .map_err(template_error)
                })?;
                Ok(Cow::Owned(if self.minify {
                    self.spent
                        .time(Work::Minify, || crate::write::minify_html(html.as_bytes()))
                } else {
                    html.into_bytes()
                }))
            }
        }
    }

    /// Renders every file without keeping any, for a check that templates render.
    pub fn render_all(&self) -> Result<(), Error> {
        self.each_file(|file| self.finish(file, self.source(file)).map(drop))
            .into_iter()
            .collect()
    }

    /// Runs `work` on every file on all threads, the heaviest first, and returns what it gave
    /// in the order of the files.
    ///
    /// A site has a few pages thousands of times the work of the rest (the print edition, the
    /// chronology, the pages of entities named everywhere). Started first, they run beside the
    /// many small ones; started last, one thread would be left working on them alone. Those
    /// over [`HEAVY`] are made one after another by one thread, heaviest first, so that no two
    /// of them are held in memory at once while there is other work. A thread that runs out
    /// of other work takes the lightest of those left: in a rebuild, where most are only
    /// fingerprinted, the heavy ones are otherwise the longest wait.
    pub fn each_file<T: Send>(&self, work: impl Fn(&Planned<'a>) -> T + Sync) -> Vec<T> {
        let mut order: Vec<usize> = (0..self.files.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.files[i].weight));
        let heavy = order.partition_point(|&i| self.files[i].weight > HEAVY);
        let (heavy, light) = order.split_at(heavy);
        let heavy = std::sync::Mutex::new(std::collections::VecDeque::from_iter(heavy));
        let take_heavy = |heaviest: bool| {
            // Poisoned only if a thread panicked taking a number, which cannot happen.
            let mut left = heavy.lock().unwrap_or_else(|e| e.into_inner());
            if heaviest {
                left.pop_front()
            } else {
                left.pop_back()
            }
        };
        let next = std::sync::atomic::AtomicUsize::new(0);
        let mut done: Vec<(usize, T)> = (0..rayon::current_num_threads())
            .into_par_iter()
            .flat_map_iter(|worker| {
                let mut mine = Vec::new();
                if worker == 0 {
                    while let Some(&i) = take_heavy(true) {
                        mine.push((i, work(&self.files[i])));
                    }
                }
                loop {
                    let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&i) = light.get(taken) else {
                        break;
                    };
                    mine.push((i, work(&self.files[i])));
                }
                while let Some(&i) = take_heavy(false) {
                    mine.push((i, work(&self.files[i])));
                }
                mine
            })
            .collect();
        done.sort_unstable_by_key(|&(i, _)| i);
        done.into_iter().map(|(_, result)| result).collect()
    }
}

/// Feeds `data`, serialised as JSON, to `hasher`. Buffered: the serialiser writes a few bytes
/// at a time, and the hasher is fastest fed whole chunks.
fn hash_data(hasher: &mut blake3::Hasher, data: &dyn PageData) -> serde_json::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, hasher);
    data.write_json(&mut buffered)?;
    // Writing to a hasher cannot fail.
    let _ = std::io::Write::flush(&mut buffered);
    Ok(())
}

/// A digest of the running program: a dossier built by another version may render the same
/// inputs differently, so its cache must not be trusted. Read once per process.
pub fn program_digest() -> blake3::Hash {
    static DIGEST: std::sync::OnceLock<blake3::Hash> = std::sync::OnceLock::new();
    *DIGEST.get_or_init(|| {
        let mut hasher = blake3::Hasher::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        // Without its own bytes a rebuilt program of the same version would pass for the old one.
        if let Ok(bytes) = std::env::current_exe().and_then(std::fs::read) {
            hasher.update(&bytes);
        }
        hasher.finalize()
    })
}
