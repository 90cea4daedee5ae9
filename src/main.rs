//! The `dossier` command: parses arguments, runs the library, prints errors and a summary.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

/// Builds a documented news dossier (articles, entities, topics, chronology, search) into a static website.
#[derive(Debug, Parser)]
#[command(name = "dossier", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build content/ into the output folder (what `dossier` does with no command).
    Build(BuildArgs),
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let args = match cli.command {
        Some(Command::Build(args)) => args,
        None => BuildArgs {
            root: PathBuf::from("."),
            ..BuildArgs::default()
        },
    };
    let started = Instant::now();
    let options = dossier::BuildOptions {
        root: args.root,
        out: args.out,
        base_url: args.base_url,
    };
    match dossier::build(&options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            if !args.quiet {
                println!(
                    "Built {} articles, {} entities, {} topics, {} seeds: {} files ({} KB) in {} ({:.2} s)",
                    report.articles,
                    report.entities,
                    report.topics,
                    report.seeds,
                    report.files,
                    report.bytes.div_ceil(1024),
                    report.out.display(),
                    started.elapsed().as_secs_f64()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            eprintln!("The build failed; the previous output (if any) is unchanged.");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
