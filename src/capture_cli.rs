//! The commands of audit capture: `parcours questionnaire` and `parcours import` (the work is
//! in `parcours::capture::command`; here, the printing and the exit codes).

use std::path::PathBuf;
use std::process::ExitCode;

use parcours::i18n::{f, t};

use super::{checked_model, print_diagnostics, safe};

/// Writes the questionnaire workbook, never over a file without `force`.
pub(crate) fn questionnaire(
    root: &std::path::Path,
    ask: &parcours::capture::command::Ask,
    output: Option<PathBuf>,
    force: bool,
) -> ExitCode {
    if !parcours::model::is_date(&ask.date) {
        eprintln!("{}: {}", t("diag.error"), f("diag.bad-date", &[&ask.date]));
        return ExitCode::from(1);
    }
    let model = match checked_model(root) {
        Ok(model) => model,
        Err(code) => return code,
    };
    let made = match parcours::capture::command::make_questionnaire(root, &model, ask) {
        Ok(made) => made,
        Err((message, help)) => {
            eprintln!("{}: {}", t("diag.error"), safe(&message));
            if !help.is_empty() {
                eprintln!("  = {} : {}", t("diag.help"), safe(&help));
            }
            return ExitCode::from(1);
        }
    };
    let path = output.unwrap_or_else(|| PathBuf::from(&made.file_name));
    let shown = path.display().to_string();
    if path.exists() && !force {
        eprintln!(
            "{}: {}",
            t("diag.error"),
            f("questionnaire.exists", &[&safe(&shown)])
        );
        return ExitCode::from(1);
    }
    if let Err(e) = std::fs::write(&path, &made.bytes) {
        eprintln!("{}: {}: {e}", t("diag.error"), safe(&shown));
        return ExitCode::from(2);
    }
    eprintln!(
        "{}",
        f(
            "questionnaire.written",
            &[&safe(&shown), &made.name, &made.methodology]
        )
    );
    ExitCode::SUCCESS
}

/// Imports a workbook, then checks the repository and shows what concerns the audit file.
pub(crate) fn import(root: &std::path::Path, file: &std::path::Path, force: bool) -> ExitCode {
    let shown = file.display().to_string();
    let bytes = match read_bounded(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            let reason = if e.kind() == std::io::ErrorKind::InvalidInput {
                t("import.not-file").to_string()
            } else {
                parcours::load::io_reason(&e)
            };
            eprintln!(
                "{}: {}",
                t("diag.error"),
                f("import.unreadable", &[&safe(&shown), &reason])
            );
            return ExitCode::from(1);
        }
    };
    let model = match checked_model(root) {
        Ok(model) => model,
        Err(code) => return code,
    };
    let report = parcours::capture::command::import_into(root, &model, &shown, &bytes, force);
    print_diagnostics(root, &report.diagnostics);
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let Some(path) = report.path.filter(|_| errors == 0) else {
        let warnings = report.diagnostics.len() - errors;
        eprintln!("{}", f("import.failed", &[&errors, &warnings]));
        return ExitCode::from(1);
    };
    if report.written {
        eprintln!("{}", f("import.written", &[&path]));
    } else {
        eprintln!("{}", f("import.unchanged", &[&path]));
    }
    let options = parcours::Options {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let checked = match parcours::build_site(&options) {
        Ok(outcome) => outcome.diagnostics,
        Err(e) => {
            eprintln!("{}: {}", t("diag.error"), safe(&format!("{e:#}")));
            return ExitCode::from(2);
        }
    };
    let mine: Vec<_> = checked.into_iter().filter(|d| d.path == path).collect();
    print_diagnostics(root, &mine);
    let errors = mine.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "{}",
        f("import.checked", &[&path, &errors, &(mine.len() - errors)])
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads a file of at most the workbook size limit (and one byte more, to tell it is over).
fn read_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::from(std::io::ErrorKind::InvalidInput));
    }
    let mut bytes = Vec::new();
    let limit = parcours::capture::MAX_WORKBOOK as u64 + 1;
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}
