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
    /// Prints what changed in the methodology from version A to version B (`latest`: the newest).
    Diff {
        /// The older version, e.g. 1.0.
        from: String,
        /// The newer version, e.g. 1.1.
        to: String,
    },
    /// Serves a live preview (drafts included) and rebuilds it whenever a file changes.
    Serve {
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; anything but a loopback address exposes the preview to others.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (options, write) = match cli.command {
        Command::Diff { from, to } => return diff(&cli.root, &from, &to),
        Command::Serve { port, bind } => {
            return serve(
                parcours::Options {
                    root: cli.root,
                    ..Default::default()
                },
                (bind, port).into(),
            )
        }
        Command::Build { output, drafts } => (
            parcours::Options {
                root: cli.root,
                output,
                drafts,
            },
            true,
        ),
        Command::Check => (
            parcours::Options {
                root: cli.root,
                ..Default::default()
            },
            false,
        ),
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
            for note in &outcome.notes {
                eprintln!("{}: {note}", t("cli.note"));
            }
            for d in &outcome.diagnostics {
                eprintln!("{d}");
            }
            let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = outcome.diagnostics.len() - errors;
            if errors > 0 {
                eprintln!("{}", f("cli.failed", &[&errors, &warnings]));
                return ExitCode::from(1);
            }
            if write {
                eprintln!(
                    "{}",
                    f(
                        "cli.built",
                        &[&outcome.files, &outcome.output.display(), &warnings]
                    )
                );
            } else if warnings > 0 {
                eprintln!("{}", f("cli.checked-warnings", &[&warnings]));
            }
            ExitCode::SUCCESS
        }
    }
}

/// Runs the preview until Ctrl-C (or SIGTERM), then stops it cleanly.
fn serve(options: parcours::Options, addr: std::net::SocketAddr) -> ExitCode {
    if !addr.ip().is_loopback() {
        eprintln!(
            "{}: {}",
            t("diag.warning"),
            f("serve.public", &[&addr.ip()])
        );
    }
    let (tx, rx) = std::sync::mpsc::channel();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = tx.send(());
    }) {
        eprintln!("{}: {e}", t("diag.error"));
        return ExitCode::from(2);
    }
    let server = match parcours::serve::start(&options, addr) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("{}: {e:#}", t("diag.error"));
            return ExitCode::from(2);
        }
    };
    let mut shown = server.addr();
    if shown.ip().is_unspecified() {
        shown.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    println!("{}", f("serve.listening", &[&format!("http://{shown}/")]));
    let _ = rx.recv();
    server.stop();
    eprintln!("{}", t("serve.stopped"));
    ExitCode::SUCCESS
}

/// Prints the changelogs from one version to another, one per consecutive pair.
fn diff(root: &std::path::Path, from: &str, to: &str) -> ExitCode {
    let (project, mut diagnostics) = match parcours::load::load(root) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{}: {e:#}", t("diag.error"));
            return ExitCode::from(2);
        }
    };
    let model = project.and_then(|p| {
        let (model, checked) = parcours::check::check(p);
        diagnostics.extend(checked);
        model
    });
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let Some(model) = model.filter(|_| errors == 0) else {
        for d in &diagnostics {
            eprintln!("{d}");
        }
        eprintln!(
            "{}",
            f("cli.failed", &[&errors, &(diagnostics.len() - errors)])
        );
        return ExitCode::from(1);
    };
    let position = |label: &str| {
        let label = if label == "latest" {
            model.latest()
        } else {
            label
        };
        model.order.iter().position(|v| v == label)
    };
    let (Some(a), Some(b)) = (position(from), position(to)) else {
        let unknown = if position(from).is_none() { from } else { to };
        eprintln!(
            "{}",
            f("cli.diff-unknown", &[&unknown, &model.order.join(", ")])
        );
        return ExitCode::from(1);
    };
    if a > b {
        eprintln!(
            "{}",
            f("cli.diff-order", &[&model.order[a], &model.order[b]])
        );
        return ExitCode::from(1);
    }
    if a == b {
        println!(
            "{}",
            f("changelog.title-text", &[&model.order[a], &model.order[b]])
        );
        println!("  {}", t("changelog.none"));
    }
    for pair in model.order[a..=b].windows(2) {
        let (old, new) = (
            &model.methodologies[&pair[0]],
            &model.methodologies[&pair[1]],
        );
        println!(
            "{}",
            parcours::changelog::to_text(&parcours::changelog::diff(old, new))
        );
    }
    ExitCode::SUCCESS
}
