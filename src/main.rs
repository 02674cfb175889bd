//! The `parcours` command line: parses arguments, runs the library, prints diagnostics.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use parcours::i18n::{f, t};

/// Static-site generator for Smart Commerce customer-journey audits.
#[derive(Parser)]
#[command(name = "parcours", version, about)]
struct Cli {
    /// Repository root (default: the current folder).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validates everything and builds the site into the output folder.
    Build {
        /// Output folder (default: `output` in parcours.toml).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Also publish draft audits and the unreleased methodology, with a banner.
        #[arg(long)]
        drafts: bool,
    },
    /// Validates everything and writes nothing.
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (options, write) = match cli.command {
        Command::Build { output, drafts } => (
            parcours::Options { root: cli.root, output, drafts },
            true,
        ),
        Command::Check => (parcours::Options { root: cli.root, ..Default::default() }, false),
    };
    let result = if write {
        parcours::build(&options)
    } else {
        parcours::build_site(&options)
    };
    match result {
        Err(e) => {
            eprintln!("{}: {e:#}", t("diag.error"));
            ExitCode::from(2)
        }
        Ok(outcome) => {
            for d in &outcome.diagnostics {
                eprintln!("{d}");
            }
            let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = outcome.diagnostics.len() - errors;
            if errors > 0 {
                eprintln!("{}", f("cli.failed", &[&errors, &warnings]));
                return ExitCode::from(1);
            }
            if let Some(site) = &outcome.site {
                if write {
                    eprintln!(
                        "{}",
                        f("cli.built", &[&site.len(), &outcome.output.display(), &warnings])
                    );
                } else if warnings > 0 {
                    eprintln!("{}", f("cli.checked-warnings", &[&warnings]));
                }
            }
            ExitCode::SUCCESS
        }
    }
}
