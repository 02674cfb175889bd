//! Issue 15, part 2: the spreadsheet round trip. Every demo audit goes through the workbook
//! and back to the same bytes; the canonical form checks to the same audits; a broken
//! workbook gets every problem located by sheet and cell, and nothing is written.

use std::path::{Path, PathBuf};

use parcours::capture::read::{read_workbook, Grid, Value};
use parcours::capture::sheet::{questionnaire, Identity};
use parcours::capture::yaml::{write_audit, WriteOptions};
use parcours::capture::{import::import, read_audit};

use crate::support::{assert_golden, copy_dir, TempDir};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn demo_model() -> parcours::model::Model {
    let options = parcours::Options {
        root: root(),
        ..Default::default()
    };
    let (prepared, outcome) = parcours::prepare(&options).expect("no I/O error");
    let errors: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
    prepared
        .map(|p| p.model)
        .unwrap_or_else(|| panic!("{}", errors.join("\n")))
}

/// Every demo audit: (commune, path, text).
fn demo_audits(model: &parcours::model::Model) -> Vec<(&parcours::model::Commune, String, String)> {
    let mut out = Vec::new();
    for c in &model.communes {
        for a in &c.audits {
            let text = std::fs::read_to_string(root().join(&a.path)).expect("readable");
            out.push((c, a.path.clone(), text));
        }
    }
    assert!(out.len() >= 19, "the demo has its audits");
    out
}

#[test]
fn every_demo_audit_comes_back_from_its_workbook_byte_for_byte() {
    let model = demo_model();
    for (commune, path, text) in demo_audits(&model) {
        let audit = read_audit(&path, &text).unwrap_or_else(|d| panic!("{d}"));
        let m = &model.methodologies[&audit.methodology];
        let canonical = write_audit(m, &audit, WriteOptions::default());
        let who = Identity {
            slug: commune.slug.clone(),
            name: commune.name.clone(),
        };
        let bytes = questionnaire(m, &who, &audit).expect("the workbook is written");
        assert_eq!(
            bytes,
            questionnaire(m, &who, &audit).unwrap(),
            "{path}: same audit, same workbook"
        );
        let (imported, diagnostics) = import("q.xlsx", &bytes, &model);
        let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        let imported = imported.unwrap_or_else(|| panic!("{path}:\n{}", shown.join("\n")));
        assert!(diagnostics.is_empty(), "{path}:\n{}", shown.join("\n"));
        assert_eq!(imported.path(), path, "the audit goes back to its file");
        let again = write_audit(m, &imported.audit, WriteOptions::default());
        if again != canonical {
            panic!("{path}:\n{}", crate::support::line_diff(&canonical, &again));
        }
    }
}

#[test]
fn the_canonical_form_checks_to_the_same_audits_as_the_originals() {
    let model = demo_model();
    let (project, _) = parcours::load::load(&root()).expect("loads");
    let mut project = project.expect("a project");
    let mut rewritten = 0;
    for dir in &mut project.communes {
        for (_, path, raw) in &mut dir.audits {
            let text = std::fs::read_to_string(root().join(&*path)).unwrap();
            let audit = read_audit(path, &text).unwrap();
            let canonical = write_audit(
                &model.methodologies[&audit.methodology],
                &audit,
                WriteOptions::default(),
            );
            *raw = parcours::load::yaml::parse_yaml(path, &canonical).expect("canonical parses");
            rewritten += 1;
        }
    }
    assert!(rewritten >= 19);
    let (again, diagnostics) = parcours::check::check(project);
    let again = again.expect("the canonical audits check");
    assert!(
        diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        diagnostics
    );
    let json = |m: &parcours::model::Model| serde_json::to_string(&m.communes).unwrap();
    assert!(
        json(&model) == json(&again),
        "same checked communes and audits"
    );
}

#[test]
fn the_committed_demo_audits_are_in_canonical_form() {
    let model = demo_model();
    for (_, path, text) in demo_audits(&model) {
        let audit = read_audit(&path, &text).unwrap();
        let canonical = write_audit(
            &model.methodologies[&audit.methodology],
            &audit,
            WriteOptions::default(),
        );
        if canonical != text {
            panic!("{path}:\n{}", crate::support::line_diff(&text, &canonical));
        }
    }
}

/// Writes grids back as an `.xlsx` (every value as it was read).
fn write_grids(grids: &[Grid]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for g in grids {
        let sheet = book.add_worksheet();
        sheet.set_name(&g.name).unwrap();
        for (&(row, col), value) in &g.cells {
            let col = col as u16;
            match value {
                Value::Text(s) | Value::Date(s) | Value::Error(s) => {
                    sheet.write_string(row, col, s).unwrap();
                }
                Value::Number(n) => {
                    sheet.write_number(row, col, *n).unwrap();
                }
                Value::Bool(b) => {
                    sheet.write_boolean(row, col, *b).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The workbook of Havelange's 1.3 draft, as grids to break.
fn havelange(model: &parcours::model::Model) -> Vec<Grid> {
    let path = "communes/havelange/audits/2026-11.yaml";
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let audit = read_audit(path, &text).unwrap();
    let who = Identity {
        slug: "havelange".into(),
        name: "Havelange".into(),
    };
    let bytes = questionnaire(&model.methodologies["1.3"], &who, &audit).unwrap();
    read_workbook(&bytes).expect("reads")
}

fn set(grids: &mut [Grid], sheet: &str, cell: (u32, u32), value: Option<Value>) {
    let g = grids.iter_mut().find(|g| g.name == sheet).expect("sheet");
    match value {
        Some(v) => g.cells.insert(cell, v),
        None => g.cells.remove(&cell),
    };
}

fn text(s: &str) -> Option<Value> {
    Some(Value::Text(s.to_string()))
}

fn shown(diagnostics: &[parcours::diagnostic::Diagnostic]) -> String {
    diagnostics.iter().map(|d| format!("{d}\n")).collect()
}

#[test]
fn every_problem_of_a_workbook_is_located_by_sheet_and_cell_at_once() {
    let model = demo_model();
    let mut grids = havelange(&model);
    set(&mut grids, "Identité", (4, 2), text("24/11/2026"));
    set(&mut grids, "Critères", (1, 5), text("5"));
    set(
        &mut grids,
        "Critères",
        (2, 0),
        text("s-informer.presence-carte"),
    );
    set(
        &mut grids,
        "Critères",
        (4, 0),
        text("s-informer.referent-numerique"),
    );
    set(
        &mut grids,
        "Critères",
        (3, 7),
        text("annuaire-commerces, pas-une-source"),
    );
    set(&mut grids, "Inventaire", (1, 3), text("ouvert"));
    set(&mut grids, "Inventaire", (2, 11), Some(Value::Number(7.0)));
    set(&mut grids, "Plan", (1, 2), None);
    set(&mut grids, "Plan", (2, 4), Some(Value::Number(-5.0)));
    set(&mut grids, "Plan", (3, 6), text("2027-T1"));
    set(&mut grids, "Indicateurs", (2, 2), text("beaucoup"));
    set(&mut grids, "Enveloppe", (1, 2), Some(Value::Number(5000.0)));
    set(&mut grids, "Économie", (1, 1), Some(Value::Number(9000.0)));
    set(&mut grids, "Mesures", (1, 0), text("vacance"));
    let (imported, diagnostics) = import("questionnaire.xlsx", &write_grids(&grids), &model);
    assert!(imported.is_none(), "nothing to write when there are errors");
    assert_golden(
        &root().join("tests/golden/capture/errors.txt"),
        &shown(&diagnostics),
    );
}

#[test]
fn a_missing_sheet_and_a_renamed_column_are_named() {
    let model = demo_model();
    let mut grids = havelange(&model);
    grids.retain(|g| g.name != "Plan");
    set(&mut grids, "Critères", (0, 6), text("Preuves"));
    let (imported, diagnostics) = import("q.xlsx", &write_grids(&grids), &model);
    assert!(imported.is_none());
    let out = shown(&diagnostics);
    assert!(out.contains("la feuille « Plan » manque"), "{out}");
    let mut grids = havelange(&model);
    set(&mut grids, "Critères", (0, 6), text("Preuves"));
    let (_, diagnostics) = import("q.xlsx", &write_grids(&grids), &model);
    let out = shown(&diagnostics);
    assert!(
        out.contains("q.xlsx:Critères!G1: erreur: l'en-tête de colonne est « Preuves » au lieu de « Constat et preuves »"),
        "{out}"
    );
}

#[test]
fn unfilled_levels_are_to_answer_and_the_light_track_leaves_the_rest_out() {
    let model = demo_model();
    let mut grids = havelange(&model);
    let criteria = grids.iter().find(|g| g.name == "Critères").unwrap().clone();
    // Empty every level and every evidence.
    for (&(row, col), _) in criteria
        .cells
        .iter()
        .filter(|((r, c), _)| *r > 0 && (5..=7).contains(c))
    {
        set(&mut grids, "Critères", (row, col), None);
    }
    let (imported, diagnostics) = import("q.xlsx", &write_grids(&grids), &model);
    assert!(diagnostics.is_empty(), "{}", shown(&diagnostics));
    let audit = imported.unwrap().audit;
    let m = &model.methodologies["1.3"];
    let light = m.criteria.iter().filter(|c| c.light).count();
    assert_eq!(audit.answers.len(), light, "light track: only its criteria");
    assert!(audit
        .answers
        .iter()
        .all(|a| a.score == parcours::capture::Level::ToAnswer));
    let yaml = write_audit(m, &audit, WriteOptions::default());
    assert_eq!(yaml.matches("score: a-repondre").count(), light);
    // On the full track every criterion is there, to answer.
    set(&mut grids, "Identité", (6, 2), text("full"));
    let (imported, _) = import("q.xlsx", &write_grids(&grids), &model);
    assert_eq!(imported.unwrap().audit.answers.len(), m.criteria.len());
}

#[test]
fn hostile_files_are_refused_without_panic_or_hang() {
    let model = demo_model();
    let refuse = |bytes: &[u8], expect: &str| {
        let (imported, diagnostics) = import("x.xlsx", bytes, &model);
        assert!(imported.is_none());
        let out = shown(&diagnostics);
        assert!(out.contains(expect), "{out}");
    };
    refuse(b"commune;niveau\nhavelange;2\n", "n'est pas un classeur");
    refuse(b"PK\x03\x04\x14\x00\x00\x00", "n'est pas un classeur");
    refuse(&vec![b'P'; parcours::capture::MAX_WORKBOOK + 1], "dépasse");
    // A zip bomb: a small file that decompresses past the bound.
    let bomb = {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/workbook.xml", options).unwrap();
        let zeros = vec![b' '; 1 << 20];
        for _ in 0..(parcours::capture::read::MAX_UNZIPPED >> 20) + 2 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    assert!(bomb.len() < 2_000_000, "a small file: {}", bomb.len());
    refuse(&bomb, "trop grand");
    // A cell at the far corner of the sheet: neither kept nor allocated for.
    let mut grids = havelange(&model);
    set(&mut grids, "Plan", (1_048_575, 16_383), text("loin"));
    refuse(
        &write_grids(&grids),
        "Plan!XFD1048576: erreur: une cellule est remplie au-delà",
    );
}

#[test]
fn an_ods_fixture_imports_like_its_xlsx() {
    let model = demo_model();
    let bytes = std::fs::read(root().join("tests/fixtures/capture/havelange-2026-11.ods"))
        .expect("the .ods fixture is committed");
    let (imported, diagnostics) = import("q.ods", &bytes, &model);
    assert!(diagnostics.is_empty(), "{}", shown(&diagnostics));
    let imported = imported.expect("imports");
    // The audit the fixture was exported from (LibreOffice turned the .xlsx into the .ods).
    let expected =
        std::fs::read_to_string(root().join("tests/fixtures/capture/havelange-2026-11.yaml"))
            .unwrap();
    let m = &model.methodologies["1.3"];
    let again = write_audit(m, &imported.audit, WriteOptions::default());
    if again != expected {
        panic!("{}", crate::support::line_diff(&expected, &again));
    }
}

#[test]
fn the_import_writes_only_its_audit_and_never_over_a_different_file() {
    let dir = TempDir::new("capture-import");
    let repo = dir.0.join("repo");
    copy_dir(
        &root().join("communes/havelange"),
        &repo.join("communes/havelange"),
        &[],
    );
    let model = demo_model();
    let mut grids = havelange(&model);
    set(&mut grids, "Identité", (4, 2), text("2026-12-02"));
    let bytes = write_grids(&grids);
    let run =
        |force| parcours::capture::command::import_into(&repo, &model, "q.xlsx", &bytes, force);
    let report = run(false);
    assert!(report.written, "{}", shown(&report.diagnostics));
    let path = repo.join("communes/havelange/audits/2026-12.yaml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written
        .starts_with("# yaml-language-server: $schema=../../../schemas/audit-1.3.schema.json\n"));
    let again = run(false);
    assert!(
        !again.written && again.diagnostics.is_empty(),
        "unchanged: nothing to do"
    );
    std::fs::write(&path, "changed by hand\n").unwrap();
    let refused = run(false);
    assert!(!refused.written);
    assert!(
        shown(&refused.diagnostics).contains("--force"),
        "{}",
        shown(&refused.diagnostics)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "changed by hand\n");
    assert!(run(true).written);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    // A slug that is not a folder name never becomes a path.
    set(&mut grids, "Identité", (1, 2), text("../../etc"));
    let report = parcours::capture::command::import_into(
        &repo,
        &model,
        "q.xlsx",
        &write_grids(&grids),
        false,
    );
    assert!(!report.written && report.path.is_none());
    assert!(
        shown(&report.diagnostics).contains("Identité!C2"),
        "{}",
        shown(&report.diagnostics)
    );
}

#[test]
fn a_walloon_commune_without_a_folder_gets_a_new_questionnaire_from_statbel() {
    let model = demo_model();
    let ask = parcours::capture::command::Ask {
        slug: "andenne".into(),
        date: "2026-12-07".into(),
        ..Default::default()
    };
    let made = parcours::capture::command::make_questionnaire(&root(), &model, &ask).unwrap();
    assert_eq!(made.file_name, "questionnaire-andenne-2026-12.xlsx");
    assert_eq!(
        (made.name.as_str(), made.methodology.as_str()),
        ("Andenne", model.latest())
    );
    let grids = read_workbook(&made.bytes).unwrap();
    let identity = grids.iter().find(|g| g.name == "Identité").unwrap();
    assert_eq!(identity.get(2, 2), Some(&Value::Text("Andenne".into())));
    let (imported, diagnostics) = import("q.xlsx", &made.bytes, &model);
    assert!(diagnostics.is_empty(), "{}", shown(&diagnostics));
    let imported = imported.unwrap();
    assert_eq!(imported.path(), "communes/andenne/audits/2026-12.yaml");
    let m = &model.methodologies[model.latest()];
    assert_eq!(imported.audit.answers.len(), m.criteria.len());
    let unknown = parcours::capture::command::Ask {
        slug: "andene".into(),
        date: "2026-12-07".into(),
        ..Default::default()
    };
    let (message, help) =
        parcours::capture::command::make_questionnaire(&root(), &model, &unknown).unwrap_err();
    assert!(
        message.contains("andene") && help.contains("andenne"),
        "{message} {help}"
    );
}
