//! The `dossier` command: parses arguments, runs the library, prints errors and a summary.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

// A build allocates and frees many small strings on every core, where glibc's allocator took a
// third of the time (BENCHMARKS.md). Built without transparent huge pages (`no_thp`): with
// them the kernel zeroes 2 MB for a page barely used, and the peak was 8 % higher.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Builds a documented news dossier (articles, entities, topics, chronology, search) into a static website.
///
/// With no command, `dossier` builds (the options of `build` work without it).
#[derive(Debug, Parser)]
#[command(name = "dossier", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    build: BuildArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build content/ into the output folder (what `dossier` does with no command).
    Build(BuildArgs),
    /// Check the dossier as a build would, without writing, and list names in the texts that
    /// no registry entry covers (warnings). Exits 1 on errors, for CI.
    Check(CheckArgs),
    /// Turn raw source texts (files, or folders of them) into article drafts in content/,
    /// keeping each source under seeds/ with its SHA-256. Re-importing a source does nothing.
    Import(ImportArgs),
    /// Create a new dossier in an empty or new folder: site.toml, the templates, an example
    /// article with its seed, an empty entity registry.
    Init(InitArgs),
    /// Add an article to content/: its file, with title and today's date filled in, marked as a
    /// draft until its outlet and seed are given.
    New(NewArgs),
    /// Build the dossier into a temp folder and serve it on this machine for a preview; rebuild
    /// when site.toml, content/, seeds/ or templates/ change, and reload open pages.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The dossier's folder, holding site.toml, content/, seeds/ and templates/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The port to listen on (0: any free port).
    #[arg(long, default_value_t = dossier::serve::DEFAULT_PORT)]
    port: u16,
    /// The address to listen on; the default keeps the preview to this machine.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// Serve the site under this path only, as GitHub Pages serves a project site (/repo-name/).
    #[arg(long, default_value = "/")]
    base_path: dossier::serve::BasePath,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The folder to create the dossier in.
    dir: PathBuf,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The article's headline; its page name (slug) is made from it.
    title: String,
    /// The dossier's folder, holding site.toml, content/, seeds/ and templates/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The publication date, if not today (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    date: Option<String>,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// Raw text files, or folders holding them.
    #[arg(required = true)]
    sources: Vec<PathBuf>,
    /// The dossier's folder, holding site.toml, content/, seeds/ and templates/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Replace an existing article of the same name.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The dossier's folder, holding site.toml, content/, seeds/ and templates/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, Args, Default)]
struct BuildArgs {
    /// The dossier's folder, holding site.toml, content/, seeds/ and templates/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder (default: output_dir from site.toml, inside the root).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Absolute URL the site is published at (overrides base_url from site.toml).
    #[arg(long)]
    base_url: Option<String>,
    /// Print only errors and warnings.
    #[arg(short, long)]
    quiet: bool,
    /// Print how long each stage of the build took (load, entities, dates, index, render and
    /// write), and the work within rendering and writing summed over threads.
    #[arg(long)]
    timings: bool,
    /// Make every file, ignoring what the last build into this folder recorded.
    #[arg(long)]
    full: bool,
}

/// Runs `work` on a thread with a large stack; `None` if it panicked.
fn on_big_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    std::thread::Builder::new()
        .stack_size(dossier::BUILD_STACK)
        .spawn(work)
        .expect("a thread can be started")
        .join()
        .ok()
}

/// A progress bar on the terminal; none when stderr is no terminal (CI, a pipe), where it would
/// only clutter the log.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// Shows the build's stages on a progress bar: a spinner while a stage runs, a bar of files
/// while they are written.
struct StageBar(indicatif::ProgressBar);

impl dossier::Progress for StageBar {
    fn stage(&self, name: &'static str, steps: Option<usize>) {
        match steps {
            Some(steps) => {
                self.0.set_length(steps as u64);
                self.0.set_position(0);
                self.0.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{msg:>7} [{bar:40}] {pos}/{len} files",
                    )
                    .expect("the template is valid")
                    .progress_chars("=> "),
                );
            }
            None => self.0.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg}")
                    .expect("the template is valid"),
            ),
        }
        self.0.set_message(name);
    }

    fn step(&self) {
        self.0.inc(1);
    }
}

fn internal_error() -> ExitCode {
    eprintln!(
        "error: dossier stopped on an internal error (a bug); the previous output is unchanged."
    );
    eprintln!("Please report it with the input that caused it.");
    ExitCode::FAILURE
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Some(Command::Build(args)) => args,
        Some(Command::Check(args)) => return check(args),
        Some(Command::Import(args)) => return import(args),
        Some(Command::Init(args)) => return init(args),
        Some(Command::New(args)) => return new_article(args),
        Some(Command::Serve(args)) => return serve(args),
        None => cli.build,
    };
    let started = Instant::now();
    let bar = (!args.quiet).then(progress_bar).flatten();
    let options = dossier::BuildOptions {
        root: args.root.clone(),
        out: args.out.clone(),
        base_url: args.base_url.clone(),
        progress: bar
            .clone()
            .map(|bar| dossier::ProgressSink(std::sync::Arc::new(StageBar(bar)))),
        rebuild: if args.full {
            dossier::write::Rebuild::Full
        } else {
            dossier::write::Rebuild::Changed
        },
    };
    let result = on_big_stack(move || dossier::build(&options));
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    match result {
        Some(Ok(report)) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            if !args.quiet {
                let out = if report.out.is_absolute() {
                    report.out.clone()
                } else {
                    args.root.join(&report.out)
                };
                let out = out.strip_prefix(".").unwrap_or(&out).display().to_string();
                let made = if report.written == report.files {
                    String::new()
                } else {
                    format!(", {} changed", count(report.written, "file", "files"))
                };
                println!(
                    "Built {}, {}, {}, {}, {}: {} of {} ({} KB{made}) in {out} ({:.2} s)",
                    count(report.articles, "article", "articles"),
                    count(report.entities, "entity", "entities"),
                    count(report.topics, "topic", "topics"),
                    count(report.events, "event", "events"),
                    count(report.seeds, "seed", "seeds"),
                    count(report.pages, "page", "pages"),
                    count(report.files, "file", "files"),
                    report.bytes.div_ceil(1024),
                    started.elapsed().as_secs_f64()
                );
            }
            if args.timings {
                for (stage, time) in &report.stages.times {
                    let threads = if dossier::render::site::Work::ALL
                        .iter()
                        .any(|(_, name)| name == stage)
                    {
                        " (all threads)"
                    } else {
                        ""
                    };
                    let peak = report
                        .stages
                        .peaks
                        .iter()
                        .find(|(name, _)| name == stage)
                        .map(|(_, bytes)| format!(", peak memory {} MB", bytes / 1_000_000))
                        .unwrap_or_default();
                    eprintln!("{stage:>16}: {:7.3} s{threads}{peak}", time.as_secs_f64());
                }
            }
            ExitCode::SUCCESS
        }
        Some(Err(error)) => {
            eprintln!("error: {error}");
            eprintln!("The build failed; the previous output (if any) is unchanged.");
            ExitCode::FAILURE
        }
        None => internal_error(),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let options = dossier::BuildOptions {
        root: args.root,
        out: None,
        base_url: None,
        progress: None,
        rebuild: dossier::write::Rebuild::Full,
    };
    match on_big_stack(move || dossier::check(&options)) {
        Some(Ok(report)) => {
            for warning in &report.warnings {
                println!("warning: {warning}");
            }
            println!(
                "Checked {} and {}: no errors, {}.",
                count(report.articles, "article", "articles"),
                count(report.entities, "entity", "entities"),
                count(report.warnings.len(), "warning", "warnings")
            );
            ExitCode::SUCCESS
        }
        Some(Err(error)) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
        None => internal_error(),
    }
}

fn import(args: ImportArgs) -> ExitCode {
    let report = dossier::import::import(&args.root, &args.sources, args.force);
    for (source, draft) in &report.written {
        println!("{} → {}", source.display(), draft.display());
    }
    for (source, article) in &report.unchanged {
        println!(
            "{}: already imported as {}",
            source.display(),
            article.display()
        );
    }
    for error in &report.errors {
        eprintln!("error: {error}");
    }
    for path in &report.skipped {
        println!(
            "{}: skipped, neither a text (.txt) nor a saved web page (.html); name it to import it",
            path.display()
        );
    }
    println!(
        "Imported {}; {} already imported; {} not imported.",
        count(report.written.len(), "source", "sources"),
        report.unchanged.len(),
        report.errors.len()
    );
    if !report.written.is_empty() {
        println!(
            "Drafts marked `draft = true` list what to settle under `review`; `dossier check` lists them."
        );
    }
    if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn init(args: InitArgs) -> ExitCode {
    match dossier::scaffold::init(&args.dir) {
        Ok(files) => {
            println!(
                "Created a dossier in {} ({}). Build it with: dossier build --root {}",
                args.dir.display(),
                count(files.len(), "file", "files"),
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn new_article(args: NewArgs) -> ExitCode {
    let date = args.date.unwrap_or_else(dossier::scaffold::today);
    match dossier::scaffold::new_article(&args.root, &args.title, &date) {
        Ok(path) => {
            println!(
                "{}: written; it is a draft until you name its outlet (source) and seed",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    use dossier::serve::{Preview, Rebuild, ServeOptions};
    let options = ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        base_path: args.base_path,
    };
    let preview = match Preview::start(options) {
        Ok(preview) => preview,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    for warning in &preview.first_build().warnings {
        eprintln!("warning: {warning}");
    }
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: other machines that reach this one can see the preview",
            preview.address()
        );
    }
    println!(
        "Serving {} at {} (rebuilds on changes; Ctrl+C stops)",
        preview.title(),
        preview.url()
    );
    let stop = Arc::new(AtomicBool::new(false));
    let on_signal = {
        let stop = Arc::clone(&stop);
        // The first Ctrl+C stops cleanly (the temp folder is removed); a second one, should
        // the first hang, ends the process at once.
        move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        }
    };
    if let Err(error) = ctrlc::set_handler(on_signal) {
        eprintln!("warning: cannot catch Ctrl+C ({error}); it will stop the preview abruptly");
    }
    preview.run(stop, |rebuild: Rebuild| match rebuild.result {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            println!(
                "Rebuilt in {:.2} s; open pages reload.",
                rebuild.took.as_secs_f64()
            );
        }
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!("The rebuild failed; still serving the last good site.");
        }
    });
    println!("Stopped.");
    ExitCode::SUCCESS
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use std::path::Path;

    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn build_options_work_with_and_without_the_command() {
        let cli = Cli::try_parse_from(["dossier", "--root", "x", "--quiet"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.build.root, PathBuf::from("x"));
        let cli = Cli::try_parse_from(["dossier", "build", "--root", "y"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Build(ref b)) if b.root == Path::new("y")));
    }

    #[test]
    fn serve_listens_on_loopback_port_1111_at_the_root_by_default() {
        let cli = Cli::try_parse_from(["dossier", "serve"]).unwrap();
        let Some(Command::Serve(args)) = cli.command else {
            panic!("not serve: {cli:?}");
        };
        assert_eq!(args.port, 1111);
        assert!(args.bind.is_loopback());
        assert_eq!(args.base_path.as_str(), "/");
        let cli =
            Cli::try_parse_from(["dossier", "serve", "--base-path", "dossier", "--port", "0"])
                .unwrap();
        assert!(
            matches!(cli.command, Some(Command::Serve(ref s)) if s.base_path.as_str() == "/dossier/" && s.port == 0)
        );
        assert!(Cli::try_parse_from(["dossier", "serve", "--base-path", "/../"]).is_err());
    }
}
