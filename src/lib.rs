//! dossier: a static-site generator for documented news dossiers.
//!
//! A build is a pipeline of stages, each a module with one input and one output type:
//!
//! | stage | module | in → out |
//! |---|---|---|
//! | configure | [`config`] | `site.toml` → [`SiteConfig`] |
//! | load | [`load`] | `content/`, `seeds/` → [`Corpus`] |
//! | enrich | [`enrich`] | [`Corpus`] → [`Dossier`] (bodies rendered by [`markdown`], entities found; then [`enrich::date_events`]) |
//! | index | [`search`] | [`Dossier`] → [`SearchIndex`] |
//! | render | [`render`] | [`Dossier`] + [`SearchIndex`] + templates → [`Site`], a plan of every file |
//! | write | [`write`] | [`Site`] → `public/`: files made on all cores as they are written, all or nothing |
//!
//! A [`record`] of each build's files and their fingerprints lets the next build make only the
//! files whose inputs changed.
//!
//! [`check`] runs every stage but the last and adds hints for completing the entity registry;
//! [`serve`] builds into a temp folder and serves it for a preview, rebuilding on changes.

pub mod check;
pub mod config;
pub mod date;
pub mod enrich;
pub mod error;
pub mod highlight;
pub mod import;
pub mod load;
pub mod markdown;
pub mod record;
pub mod render;
pub mod sanitise;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod write;

use std::path::{Path, PathBuf};

use load::Inputs;

pub use config::SiteConfig;
pub use enrich::Dossier;
pub use error::{Error, Location};
pub use load::Corpus;
pub use render::{OutputFile, Site};
pub use search::SearchIndex;

/// Stack for a thread that builds. Bodies are nesting-limited, but HTML minifying and template
/// rendering recurse; a generous stack keeps odd input an error instead of an abort.
pub const BUILD_STACK: usize = 64 * 1024 * 1024;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The dossier's root folder, holding `site.toml`.
    pub root: PathBuf,
    /// Output folder; `output_dir` from `site.toml` (under the root) when not given.
    pub out: Option<PathBuf>,
    /// Published URL, overriding `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Told how the build goes, for a progress display.
    pub progress: Option<ProgressSink>,
    /// Whether to make only the files whose inputs changed since the last build, or all.
    pub rebuild: write::Rebuild,
}

/// Hears how a build goes, for a progress display: each stage as it starts, and each file as
/// it is written.
pub trait Progress: Send + Sync {
    /// A stage begins; `steps` is how many steps it has, where known (the files to write).
    fn stage(&self, name: &'static str, steps: Option<usize>);
    /// One more step of the stage is done.
    fn step(&self);
}

/// A [`Progress`] to tell, shared with the build.
#[derive(Clone)]
pub struct ProgressSink(pub std::sync::Arc<dyn Progress>);

impl std::fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressSink")
    }
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Articles built.
    pub articles: usize,
    /// Entity pages built.
    pub entities: usize,
    /// Topic pages built.
    pub topics: usize,
    /// Dated events read from the texts.
    pub events: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Seeds published.
    pub seeds: usize,
    /// Files in the output folder.
    pub files: usize,
    /// Files made anew; the others were unchanged since the last build.
    pub written: usize,
    /// Bytes in the output folder.
    pub bytes: u64,
    /// Where the site was written.
    pub out: PathBuf,
    /// Things the editor should know that did not stop the build.
    pub warnings: Vec<String>,
    /// How long each stage took.
    pub stages: StageTimes,
}

/// How long each stage of a build took, in pipeline order; after the stages, the time each
/// kind of work within rendering and writing took, summed over the threads that did it.
#[derive(Debug, Clone, Default)]
pub struct StageTimes {
    /// Each stage, or kind of work, and its time.
    pub times: Vec<(&'static str, std::time::Duration)>,
    /// The process's peak memory (resident bytes) when each stage ended, where the system
    /// tells it (Linux): where a build's memory goes, for benchmarks.
    pub peaks: Vec<(&'static str, u64)>,
    progress: Option<ProgressSink>,
}

impl StageTimes {
    /// No stage timed yet; each one told to the progress display of `options`, if any.
    fn new(options: &BuildOptions) -> Self {
        StageTimes {
            progress: options.progress.clone(),
            ..StageTimes::default()
        }
    }

    /// Runs `work` as the stage `stage` of `steps` steps (where known), recording its time.
    fn time<T>(
        &mut self,
        stage: &'static str,
        steps: Option<usize>,
        work: impl FnOnce() -> T,
    ) -> T {
        if let Some(progress) = &self.progress {
            progress.0.stage(stage, steps);
        }
        let started = std::time::Instant::now();
        let result = work();
        self.times.push((stage, started.elapsed()));
        if let Some(peak) = peak_memory() {
            self.peaks.push((stage, peak));
        }
        result
    }
}

/// The peak resident memory of this process so far, in bytes, where the system tells it.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line["VmHWM:".len()..]
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// What `dossier check` found that does not stop a build.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// Articles checked.
    pub articles: usize,
    /// Registry entities.
    pub entities: usize,
    /// Warnings from loading, and names the registry may lack, one per line.
    pub warnings: Vec<String>,
}

/// Everything up to rendering: the output folder, the dossier, its search index and templates.
struct Enriched {
    out: PathBuf,
    shown: PathBuf,
    dossier: Dossier,
    index: SearchIndex,
    templates: render::Templates,
    /// The digest of the inputs, if what the build read is what was hashed.
    inputs_read: Option<String>,
    stages: StageTimes,
}

/// The settings a build applies and where it writes.
struct Target {
    config: SiteConfig,
    /// The output folder.
    out: PathBuf,
    /// The output folder as messages show it (relative to the root where it is under it).
    shown: PathBuf,
}

impl Target {
    /// Reads `site.toml` from `inputs`, applies the options and checks where the build would
    /// write.
    fn of(options: &BuildOptions, inputs: &Inputs) -> Result<Target, Error> {
        let root = &options.root;
        let config_file = Path::new(config::CONFIG_FILE);
        let mut config = SiteConfig::parse(config_file, &inputs.read_text(config_file)?)?;
        if let Some(url) = &options.base_url {
            config.base_url = Some(config::normalize_base_url(url).map_err(|msg| {
                Error::input(Location::file("--base-url"), msg)
                    .with_hint("e.g. --base-url https://example.github.io/dossier/")
            })?);
        }
        let out = options
            .out
            .clone()
            .unwrap_or_else(|| root.join(&config.output_dir));
        let shown = out.strip_prefix(root).unwrap_or(&out).to_path_buf();
        check_output_location(root, &out, &shown)?;
        Ok(Target { config, out, shown })
    }
}

/// Reads every input file of the dossier at `options.root` (see [`Inputs`]), once it is
/// known to be a dossier.
fn read_inputs(options: &BuildOptions, stages: &mut StageTimes) -> Result<Inputs, Error> {
    SiteConfig::require(&options.root)?;
    Ok(stages.time("inputs", None, || {
        Inputs::read(&options.root, options.base_url.as_deref())
    }))
}

fn enrich_all(options: &BuildOptions) -> Result<Enriched, Error> {
    let mut stages = StageTimes::new(options);
    let inputs = read_inputs(options, &mut stages)?;
    let target = Target::of(options, &inputs)?;
    enrich_target(inputs, target, stages)
}

fn enrich_target(
    inputs: Inputs,
    target: Target,
    mut stages: StageTimes,
) -> Result<Enriched, Error> {
    let Target { config, out, shown } = target;
    let (templates, corpus) = stages.time("load", None, || {
        Ok::<_, Error>((
            render::Templates::load(&inputs, &config.language)?,
            load::load_corpus(&inputs, &config)?,
        ))
    })?;
    // The stamp of the build: only now is it known whether the loaders read the files as they
    // were hashed, and nothing is read after this.
    let inputs_read = inputs
        .digest_of_what_was_read()
        .map(|digest| digest.to_hex().to_string());
    drop(inputs);
    let mut dossier = stages.time("entities", None, || {
        enrich::enrich(config, corpus, templates.strings())
    })?;
    stages.time("dates", None, || enrich::date_events(&mut dossier));
    let index = stages.time("index", None, || SearchIndex::build(&dossier));
    Ok(Enriched {
        out,
        shown,
        dossier,
        index,
        templates,
        inputs_read,
        stages,
    })
}

/// Runs `work` on a pool of threads with stacks as large as [`BUILD_STACK`] (one per core, or
/// `RAYON_NUM_THREADS`), so that what runs in parallel has the stack the build needs.
fn on_build_threads<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(BUILD_STACK)
        .build()
        .map_err(|e| Error::input(Location::file("RAYON_NUM_THREADS"), e.to_string()))?;
    Ok(pool.install(work))
}

/// Checks the dossier at `options.root` as a build would, without writing anything, then that
/// every paragraph stands in its seed, and lists names in the texts that look like entities the
/// registry lacks.
pub fn check(options: &BuildOptions) -> Result<CheckReport, Error> {
    on_build_threads(|| {
        let Enriched {
            dossier,
            index,
            templates,
            ..
        } = enrich_all(options)?;
        render::render_site(&dossier, &index, &templates, |site| site.render_all())?;
        Error::collect(check::unfaithful_paragraphs(&dossier))?;
        let duplicates = check::near_duplicates(&dossier);
        let candidates = check::candidates(&dossier);
        let mut warnings = dossier.warnings;
        warnings.extend(duplicates);
        warnings.extend(candidates.iter().map(|c| c.to_string()));
        Ok(CheckReport {
            articles: dossier.articles.len(),
            entities: dossier.entities.len(),
            warnings,
        })
    })?
}

/// Builds the dossier at `options.root` into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    on_build_threads(|| build_here(options))?
}

fn build_here(options: &BuildOptions) -> Result<BuildReport, Error> {
    let mut stages = StageTimes::new(options);
    let inputs = read_inputs(options, &mut stages)?;
    let target = Target::of(options, &inputs)?;
    if options.rebuild == write::Rebuild::Changed
        && let Some(digest) = inputs.digest()
        && let Some((stamp, written)) =
            write::last_build_if_same_inputs(&target.out, &target.shown, &digest.to_hex())
    {
        return Ok(BuildReport::of(stamp, written, target.shown, stages));
    }
    let Enriched {
        out,
        shown,
        dossier,
        index,
        templates,
        inputs_read,
        mut stages,
    } = enrich_target(inputs, target, stages)?;
    let step = || {
        if let Some(progress) = &options.progress {
            progress.0.step();
        }
    };
    let (stamp, written) = render::render_site(&dossier, &index, &templates, |site| {
        let stamp = record::Stamp {
            inputs: inputs_read.clone().unwrap_or_default(),
            articles: dossier.articles.len(),
            entities: dossier.entities.len(),
            topics: dossier.topics.len(),
            events: dossier.events.len(),
            pages: site
                .files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .count(),
            seeds: dossier.seeds.len(),
            warnings: dossier.warnings.clone(),
        };
        // Without a digest of the inputs no later build can know it is of the same ones.
        let recorded = inputs_read.is_some().then(|| stamp.clone());
        let written = stages.time("render and write", Some(site.files.len()), || {
            write::write_site(&out, &shown, site, options.rebuild, recorded, &step)
        })?;
        stages.times.extend(
            render::site::Work::ALL
                .iter()
                .map(|&(work, name)| (name, site.spent.of(work))),
        );
        Ok((stamp, written))
    })?;
    Ok(BuildReport::of(stamp, written, shown, stages))
}

impl BuildReport {
    /// The report of a build that wrote `written` to `out` (shown so) from a dossier `stamp`
    /// describes.
    fn of(
        stamp: record::Stamp,
        written: write::WriteReport,
        out: PathBuf,
        stages: StageTimes,
    ) -> Self {
        let mut warnings = stamp.warnings;
        warnings.extend(written.warnings);
        BuildReport {
            articles: stamp.articles,
            entities: stamp.entities,
            topics: stamp.topics,
            events: stamp.events,
            pages: stamp.pages,
            seeds: stamp.seeds,
            files: written.files,
            written: written.written,
            bytes: written.bytes,
            out,
            warnings,
            stages,
        }
    }
}

/// The build replaces the output folder, so it must not be the dossier itself, hold its sources
/// or sit inside them (where the next build would read its own output as input).
///
/// Paths are compared both as written and as they really are: through a symbolic link to the
/// dossier, `--out link/content` is `content/` under another name.
fn check_output_location(root: &Path, out: &Path, shown: &Path) -> Result<(), Error> {
    let refuse = |what: String| {
        Err(Error::input(Location::file(shown), what).with_hint(
            "set output_dir in site.toml (or --out) to a folder of its own, e.g. \"public\"",
        ))
    };
    for resolve in [lexical_absolute, real_absolute] {
        let (root_abs, out_abs) = (resolve(root), resolve(out));
        if root_abs.starts_with(&out_abs) {
            return refuse("the output folder would replace the dossier itself".to_string());
        }
        for dir in [load::CONTENT_DIR, render::TEMPLATES_DIR, load::SEEDS_DIR] {
            // Resolved on its own: a source folder may itself be a link to elsewhere.
            let protected = resolve(&root.join(dir));
            if protected.starts_with(&out_abs) {
                return refuse(format!("the output folder would replace {dir}/"));
            }
            if out_abs.starts_with(&protected) {
                return refuse(format!(
                    "the output folder is inside {dir}/, where the next build would read it as input"
                ));
            }
        }
    }
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::input(
            Location::file(shown),
            "the output folder is a symbolic link",
        )
        .with_hint(
            "dossier replaces the output folder as a whole; point --out at the real folder instead",
        ));
    }
    Ok(())
}

/// An absolute path with `.` and `..` resolved by name (the folders need not exist yet).
fn lexical_absolute(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for component in absolute.components() {
        match component {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// [`lexical_absolute`], then with symbolic links resolved as far as the path exists; the rest
/// (an output folder not yet built) is appended as written.
fn real_absolute(path: &Path) -> PathBuf {
    let lexical = lexical_absolute(path);
    let mut existing = lexical.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            return rest.iter().rev().fold(real, |real, name| real.join(name));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => return lexical,
        }
    }
}
