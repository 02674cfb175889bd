//! The `parcours` command line: parses arguments, runs the library, prints diagnostics.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use parcours::i18n::{f, t};

#[path = "capture_cli.rs"]
mod cli;
use cli::{import, questionnaire};

/// mimalloc rather than the system allocator: a large repository keeps millions of small
/// objects alive while pages are rendered, and glibc's malloc then spent 44 % of the build
/// searching its free lists (26,100 communes: 280 s of CPU with glibc, about 110 s with
/// mimalloc). The library does not choose; only the command line does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Prints the JSON Schema of audit files for the newest methodology (for editors).
    Schema,
    /// Creates a commune folder with a draft audit listing every criterion.
    New {
        /// The commune's folder name, e.g. `la-louviere`.
        slug: String,
        /// The commune's name as it should appear (default: the slug).
        #[arg(long)]
        name: Option<String>,
        /// The audit date, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Writes a workbook to fill in with a spreadsheet: the commune's identity, one row per
    /// criterion with a drop-down of the levels, the inventory, the plan and the rest.
    Questionnaire {
        /// The commune's folder name, or a Walloon commune's slug.
        slug: String,
        /// Start from this audit (YYYY-MM) rather than the latest.
        #[arg(long)]
        audit: Option<String>,
        /// Start a new audit against this methodology version.
        #[arg(long)]
        methodology: Option<String>,
        /// The date of a new audit, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// The workbook to write (default: questionnaire-<slug>-<YYYY-MM>.xlsx here).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the workbook if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Reads a filled-in questionnaire (.xlsx or .ods) into communes/<slug>/audits/<YYYY-MM>.yaml.
    Import {
        /// The workbook.
        file: PathBuf,
        /// Replace an existing, different audit file.
        #[arg(long)]
        force: bool,
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
        Command::Schema => return schema(&cli.root),
        Command::New { slug, name, date } => {
            let date = date.unwrap_or_else(today);
            return scaffold(&cli.root, &slug, name.as_deref().unwrap_or(&slug), &date);
        }
        Command::Questionnaire {
            slug,
            audit,
            methodology,
            date,
            output,
            force,
        } => {
            let ask = parcours::capture::command::Ask {
                slug,
                audit,
                methodology,
                date: date.unwrap_or_else(today),
            };
            return questionnaire(&cli.root, &ask, output, force);
        }
        Command::Import { file, force } => return import(&cli.root, &file, force),
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
                writes: true,
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
            eprintln!("{}: {}", t("diag.error"), safe(&format!("{e:#}")));
            ExitCode::from(2)
        }
        Ok(outcome) => {
            for note in &outcome.notes {
                eprintln!("{}: {}", t("cli.note"), safe(note));
            }
            print_diagnostics(&options.root, &outcome.diagnostics);
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
            } else {
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
            eprintln!("{}: {}", t("diag.error"), safe(&format!("{e:#}")));
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
            eprintln!("{}: {}", t("diag.error"), safe(&format!("{e:#}")));
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
        print_diagnostics(root, &diagnostics);
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
            parcours::changelog::to_text_with_notes(
                &parcours::changelog::diff(old, new),
                &new.notes
            )
        );
    }
    ExitCode::SUCCESS
}

/// Prints diagnostics like a compiler, each with its source line read from the repository at
/// `root` (a path the working tree does not hold, such as a released version's, has none).
fn print_diagnostics(root: &std::path::Path, diagnostics: &[parcours::diagnostic::Diagnostic]) {
    let mut diagnostics = diagnostics.to_vec();
    parcours::diagnostic::attach_sources(&mut diagnostics, &|path| {
        std::fs::read_to_string(root.join(path)).ok()
    });
    for d in &diagnostics {
        eprintln!("{d}");
    }
}

/// Loads and checks the repository, printing diagnostics when it fails.
fn checked_model(root: &std::path::Path) -> Result<parcours::model::Model, ExitCode> {
    let options = parcours::Options {
        root: root.to_path_buf(),
        ..Default::default()
    };
    match parcours::prepare(&options) {
        Err(e) => {
            eprintln!("{}: {}", t("diag.error"), safe(&format!("{e:#}")));
            Err(ExitCode::from(2))
        }
        Ok((Some(p), _)) => Ok(p.model),
        Ok((None, outcome)) => {
            print_diagnostics(root, &outcome.diagnostics);
            let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "{}",
                f(
                    "cli.failed",
                    &[&errors, &(outcome.diagnostics.len() - errors)]
                )
            );
            Err(ExitCode::from(1))
        }
    }
}

/// Prints the JSON Schema of audit files.
fn schema(root: &std::path::Path) -> ExitCode {
    match checked_model(root) {
        Ok(model) => {
            let m = &model.methodologies[model.latest()];
            let text = serde_json::to_string_pretty(&parcours::scaffold::audit_schema(m))
                .unwrap_or_default();
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

/// Writes a new commune and its draft audit, never overwriting a file.
fn scaffold(root: &std::path::Path, slug: &str, name: &str, date: &str) -> ExitCode {
    if !parcours::is_slug(slug) {
        eprintln!("{}: {}", t("diag.error"), f("scaffold.bad-slug", &[&slug]));
        return ExitCode::from(1);
    }
    if !parcours::model::is_date(date) {
        eprintln!("{}: {}", t("diag.error"), f("diag.bad-date", &[&date]));
        return ExitCode::from(1);
    }
    if let Err((message, help)) = parcours::scaffold::check_name(name) {
        eprintln!(
            "{}: {message}\n  = {} : {help}",
            t("diag.error"),
            t("diag.help")
        );
        return ExitCode::from(1);
    }
    let folder = format!("communes/{slug}");
    if root.join(&folder).exists() {
        eprintln!("{}: {}", t("diag.error"), f("scaffold.exists", &[&folder]));
        return ExitCode::from(1);
    }
    let model = match checked_model(root) {
        Ok(model) => model,
        Err(code) => return code,
    };
    let files =
        parcours::scaffold::new_commune(&model.methodologies[model.latest()], slug, name, date);
    for (path, text) in &files {
        let full = root.join(path);
        let written = full
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&full, text));
        if let Err(e) = written {
            eprintln!("{}: {path}: {e}", t("diag.error"));
            return ExitCode::from(2);
        }
        eprintln!("{}", f("scaffold.written", &[path]));
    }
    ExitCode::SUCCESS
}

/// Today's date (UTC) as YYYY-MM-DD: the command line's business, never the build's.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Text from files and errors, made inert for the terminal (see `Diagnostic`'s display).
fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    parcours::diagnostic::terminal_safe(text)
}
