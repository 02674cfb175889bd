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
    /// Prints what changed in the methodology from A to B, and what it would do to the published
    /// audits. A and B: a released version (`latest`: the newest), a Git revision (`main`,
    /// `HEAD`, a tag, a commit) or `.` for the working tree.
    Diff {
        /// The older side, e.g. 1.1 or main.
        from: String,
        /// The newer side, e.g. 1.2 or `.`.
        to: String,
        /// `text` for the terminal, `markdown` for a pull-request comment.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Prints the JSON Schema of audit files for the newest methodology (for editors).
    Schema {
        /// The schema of audits on this methodology version (default: the newest released).
        #[arg(long)]
        version: Option<String>,
        /// The schema of commune.yaml instead.
        #[arg(long, conflicts_with = "version")]
        commune: bool,
        /// Rewrites the committed schemas in schemas/ (every version and commune.yaml).
        #[arg(long, conflicts_with_all = ["version", "commune"])]
        write: bool,
    },
    /// Creates a commune folder (identity from Statbel) with a draft audit to answer.
    New {
        /// The commune's folder name, e.g. `la-louviere` (a Walloon commune of Statbel's list).
        slug: String,
        /// The name of a commune outside Statbel's Walloon list (its identity is then to fill in).
        #[arg(long)]
        name: Option<String>,
        /// The audit date, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// The intercommunale (an id of parcours.toml) instead of the one proposed.
        #[arg(long)]
        intercommunale: Option<String>,
        /// The degree of urbanisation (an id of the methodology's typology; default: to fill in).
        #[arg(long)]
        degurba: Option<String>,
        /// The full track even for a commune under 10,000 inhabitants.
        #[arg(long)]
        full: bool,
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

/// How `parcours diff` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    /// Text for the terminal.
    Text,
    /// Markdown for a pull-request comment.
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (options, write) = match cli.command {
        Command::Diff { from, to, format } => return diff(&cli.root, &from, &to, format),
        Command::Schema {
            version,
            commune,
            write,
        } => return schema(&cli.root, version.as_deref(), commune, write),
        Command::New {
            slug,
            name,
            date,
            intercommunale,
            degurba,
            full,
        } => {
            let date = date.unwrap_or_else(today);
            let request = parcours::scaffold::NewRequest {
                slug: &slug,
                name: name.as_deref(),
                date: &date,
                intercommunale: intercommunale.as_deref(),
                degurba: degurba.as_deref(),
                full,
            };
            return scaffold(&cli.root, &request);
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
    build_or_check(&options, write)
}

/// Runs `build` (writing the site) or `check`, and prints the outcome like a compiler.
fn build_or_check(options: &parcours::Options, write: bool) -> ExitCode {
    let result = if write {
        parcours::build(options)
    } else {
        parcours::build_site(options)
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
fn diff(root: &std::path::Path, from: &str, to: &str, format: DiffFormat) -> ExitCode {
    let (project, mut diagnostics) = match parcours::load::load(root) {
        Ok(loaded) => loaded,
        Err(e) => {
            eprintln!("{}: {}", t("diag.error"), safe(&format!("{e:#}")));
            return ExitCode::from(2);
        }
    };
    let model = project.map(|p| {
        let (mut model, checked) = parcours::check::check_all(p);
        diagnostics.extend(checked);
        // A pull request may edit a released version: the diff is what shows it.
        let settled = parcours::review::settle(&mut model, parcours::review::Preview::Compare);
        diagnostics.extend(settled);
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
    let sides = (
        parcours::review::resolve(root, &model, from),
        parcours::review::resolve(root, &model, to),
    );
    let (a, b) = match sides {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => {
            let ds: Vec<_> = [a.err(), b.err()].into_iter().flatten().flatten().collect();
            print_diagnostics(root, &ds);
            return ExitCode::from(1);
        }
    };
    if let (Some(x), Some(y)) = (&a.released, &b.released) {
        if parcours::model::compare_versions(x, y).is_gt() {
            eprintln!("{}", f("cli.diff-order", &[x, y]));
            return ExitCode::from(1);
        }
    }
    let review = parcours::review::review(&model, &a, &b);
    match format {
        DiffFormat::Text => print!("{}", parcours::review::to_text(&review)),
        DiffFormat::Markdown => print!("{}", parcours::review::to_markdown(&review)),
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

/// Prints the JSON Schema of audit files (or of commune.yaml), or rewrites `schemas/`.
fn schema(root: &std::path::Path, version: Option<&str>, commune: bool, write: bool) -> ExitCode {
    let model = match checked_model(root) {
        Ok(model) => model,
        Err(code) => return code,
    };
    if write {
        for (path, text) in parcours::scaffold::schema_files(&model) {
            if let Err(code) = write_file(root, &path, &text) {
                return code;
            }
        }
        return ExitCode::SUCCESS;
    }
    let schema = if commune {
        parcours::scaffold::commune_schema(&model)
    } else {
        let version = version.unwrap_or(model.latest());
        let Some(m) = model.methodologies.get(version) else {
            eprintln!(
                "{}",
                f("cli.diff-unknown", &[&version, &model.order.join(", ")])
            );
            return ExitCode::from(1);
        };
        parcours::scaffold::audit_schema(m)
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&schema).unwrap_or_default()
    );
    ExitCode::SUCCESS
}

/// Writes `text` at `path` under `root`, creating its folder; prints what it wrote.
fn write_file(root: &std::path::Path, path: &str, text: &str) -> Result<(), ExitCode> {
    let full = root.join(path);
    let written = full
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| std::fs::write(&full, text));
    if let Err(e) = written {
        eprintln!("{}: {path}: {e}", t("diag.error"));
        return Err(ExitCode::from(2));
    }
    Ok(())
}

/// Writes a new commune and its draft audit, never overwriting a file, and says what to do next.
fn scaffold(root: &std::path::Path, request: &parcours::scaffold::NewRequest<'_>) -> ExitCode {
    let slug = request.slug;
    if !parcours::is_slug(slug) {
        eprintln!("{}: {}", t("diag.error"), f("scaffold.bad-slug", &[&slug]));
        return ExitCode::from(1);
    }
    if !parcours::model::is_date(request.date) {
        eprintln!(
            "{}: {}",
            t("diag.error"),
            f("diag.bad-date", &[&request.date])
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
    let new = match parcours::scaffold::new_commune(&model, request) {
        Ok(new) => new,
        Err((message, help)) => {
            eprintln!(
                "{}: {}\n  = {} : {}",
                t("diag.error"),
                safe(&message),
                t("diag.help"),
                safe(&help)
            );
            return ExitCode::from(1);
        }
    };
    for (path, text) in &new.files {
        if let Err(code) = write_file(root, path, text) {
            return code;
        }
    }
    for line in &new.report {
        println!("{line}");
    }
    ExitCode::SUCCESS
}

/// Today's date (UTC) as YYYY-MM-DD: the command line's business, never the build's.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    parcours::capture::read::civil(days)
}

/// Text from files and errors, made inert for the terminal (see `Diagnostic`'s display).
fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    parcours::diagnostic::terminal_safe(text)
}
