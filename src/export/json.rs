//! The JSON file of one published audit, `data/communes/<slug>/<audit>.json`: typed records
//! whose field names (and enumerated values) are French like the CSV columns, each described
//! in `data/README.md` from [`FIELDS`] (a test walks every demo file to keep the two in step).

use serde::Serialize;

use crate::model::{
    Access, Audit, Better, Commune, InventoryItem, Methodology, PersonalData, PlanItem, PlanStatus,
    Quarter, Score, StepEconomics, Track,
};
use crate::score::{Direction, Outcome, Scorecard};

use super::round;

/// Every field of an audit's JSON file, as a path (`[]` for the items of a list), in the order
/// the README describes them; each has `export.json.<path>` in `i18n/fr.toml`.
pub const FIELDS: &[&str] = &[
    "commune",
    "commune.id",
    "commune.nom",
    "commune.ins",
    "commune.province",
    "commune.intercommunale",
    "commune.degurba",
    "commune.population",
    "commune.annee_population",
    "commune.superficie_km2",
    "commune.fictif",
    "audit",
    "audit.id",
    "audit.date",
    "audit.methodologie",
    "audit.parcours",
    "audit.auditeurs",
    "audit.reponses",
    "audit.reponses[].critere",
    "audit.reponses[].score",
    "audit.reponses[].constat",
    "audit.reponses[].sources",
    "audit.inventaire",
    "audit.inventaire[].type",
    "audit.inventaire[].nom",
    "audit.inventaire[].detenteur",
    "audit.inventaire[].acces",
    "audit.inventaire[].format",
    "audit.inventaire[].mise_a_jour",
    "audit.inventaire[].donnees_personnelles",
    "audit.inventaire[].base_legale",
    "audit.inventaire[].aipd",
    "audit.inventaire[].qualite",
    "audit.inventaire[].etapes",
    "audit.inventaire[].citation",
    "audit.inventaire[].a_regulariser",
    "audit.plan",
    "audit.plan[].action",
    "audit.plan[].criteres",
    "audit.plan[].responsable",
    "audit.plan[].jours_agents",
    "audit.plan[].budget_unique",
    "audit.plan[].budget_annuel",
    "audit.plan[].debut",
    "audit.plan[].debut.annee",
    "audit.plan[].debut.trimestre",
    "audit.plan[].fin",
    "audit.plan[].fin.annee",
    "audit.plan[].fin.trimestre",
    "audit.plan[].statut",
    "audit.plan[].indicateur",
    "audit.indicateurs",
    "audit.indicateurs.commerces",
    "audit.indicateurs.taux_vacance",
    "audit.indicateurs.places_stationnement",
    "audit.indicateurs.points_retrait",
    "audit.indicateurs.montees_gare",
    "audit.indicateurs.source_montees_gare",
    "audit.resultats",
    "audit.resultats[].indicateur",
    "audit.resultats[].nom",
    "audit.resultats[].unite",
    "audit.resultats[].mieux",
    "audit.resultats[].valeur",
    "audit.resultats[].date",
    "audit.resultats[].methode",
    "audit.resultats[].precedent",
    "audit.resultats[].precedent.audit",
    "audit.resultats[].precedent.valeur",
    "audit.resultats[].precedent.date",
    "audit.resultats[].precedent.evolution",
    "audit.resultats[].precedent.sens",
    "audit.couts_retours",
    "audit.couts_retours[].etape",
    "audit.couts_retours[].cout_annuel",
    "audit.couts_retours[].retour_annuel",
    "audit.couts_retours[].hypotheses",
    "scores",
    "scores.indice_global",
    "scores.couverture",
    "scores.etapes",
    "scores.etapes[].etape",
    "scores.etapes[].score",
    "scores.etapes[].couverture",
    "scores.angles",
    "scores.angles[].angle",
    "scores.angles[].score",
    "scores.angles[].couverture",
];

/// The whole file.
#[derive(Serialize)]
pub struct AuditFile<'a> {
    commune: CommuneJson<'a>,
    audit: AuditJson<'a>,
    scores: ScoresJson<'a>,
}

#[derive(Serialize)]
struct CommuneJson<'a> {
    id: &'a str,
    nom: &'a str,
    ins: &'a str,
    province: &'a str,
    intercommunale: &'a str,
    degurba: &'a str,
    population: u64,
    annee_population: Option<u32>,
    superficie_km2: Option<f64>,
    fictif: bool,
}

#[derive(Serialize)]
struct AuditJson<'a> {
    id: &'a str,
    date: &'a str,
    methodologie: &'a str,
    parcours: &'static str,
    auditeurs: &'a [String],
    reponses: Vec<AnswerJson<'a>>,
    inventaire: Vec<InventoryJson<'a>>,
    plan: Vec<PlanJson<'a>>,
    indicateurs: Option<IndicatorsJson<'a>>,
    resultats: Vec<OutcomeJson<'a>>,
    couts_retours: Vec<EconomicsJson<'a>>,
}

#[derive(Serialize)]
struct AnswerJson<'a> {
    critere: &'a str,
    score: serde_json::Value,
    constat: &'a str,
    sources: &'a [String],
}

#[derive(Serialize)]
struct InventoryJson<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    nom: &'a str,
    detenteur: &'a str,
    acces: &'static str,
    format: &'a str,
    mise_a_jour: &'a str,
    donnees_personnelles: &'static str,
    base_legale: &'a str,
    aipd: bool,
    qualite: u8,
    etapes: &'a [String],
    citation: &'a str,
    a_regulariser: bool,
}

#[derive(Serialize)]
struct PlanJson<'a> {
    action: &'a str,
    criteres: &'a [String],
    responsable: &'a str,
    jours_agents: f64,
    budget_unique: f64,
    budget_annuel: f64,
    debut: QuarterJson,
    fin: QuarterJson,
    statut: &'static str,
    indicateur: &'a str,
}

#[derive(Serialize)]
struct QuarterJson {
    annee: i32,
    trimestre: u8,
}

#[derive(Serialize)]
struct IndicatorsJson<'a> {
    commerces: Option<u64>,
    taux_vacance: Option<f64>,
    places_stationnement: Option<u64>,
    points_retrait: Option<u64>,
    montees_gare: Option<u64>,
    source_montees_gare: Option<&'a str>,
}

#[derive(Serialize)]
struct OutcomeJson<'a> {
    indicateur: &'a str,
    nom: &'a str,
    unite: &'a str,
    mieux: &'static str,
    valeur: f64,
    date: &'a str,
    methode: &'a str,
    precedent: Option<PreviousJson<'a>>,
}

#[derive(Serialize)]
struct PreviousJson<'a> {
    audit: &'a str,
    valeur: f64,
    date: &'a str,
    evolution: Option<f64>,
    sens: &'static str,
}

#[derive(Serialize)]
struct EconomicsJson<'a> {
    etape: &'a str,
    cout_annuel: Option<[f64; 2]>,
    retour_annuel: Option<[f64; 2]>,
    hypotheses: &'a str,
}

#[derive(Serialize)]
struct ScoresJson<'a> {
    indice_global: Option<f64>,
    couverture: Option<f64>,
    etapes: Vec<PartJson<'a>>,
    angles: Vec<PartJson<'a>>,
}

#[derive(Serialize)]
struct PartJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    etape: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    angle: Option<&'a str>,
    score: Option<f64>,
    couverture: Option<f64>,
}

/// Builds the JSON record of one published audit.
pub fn audit_file<'a>(
    c: &'a Commune,
    a: &'a Audit,
    m: &'a Methodology,
    card: &Scorecard,
    outcomes: &'a [Outcome<'a>],
) -> AuditFile<'a> {
    AuditFile {
        commune: CommuneJson {
            id: &c.slug,
            nom: &c.name,
            ins: &c.ins,
            province: &c.province,
            intercommunale: &c.intercommunale,
            degurba: &c.degurba,
            population: c.population,
            annee_population: c.population_year,
            superficie_km2: c.area_km2,
            fictif: c.fictional,
        },
        audit: AuditJson {
            id: &a.id,
            date: &a.date,
            methodologie: &a.methodology,
            parcours: match a.track {
                Track::Full => "complet",
                Track::Light => "allege",
            },
            auditeurs: &a.auditors,
            reponses: a
                .answers
                .iter()
                .map(|(id, ans)| AnswerJson {
                    critere: id,
                    score: match ans.score {
                        Score::Level(l) => serde_json::json!(l),
                        Score::Na => serde_json::json!("na"),
                        Score::Inconnu => serde_json::json!("inconnu"),
                        Score::ARepondre => serde_json::json!("a-repondre"),
                    },
                    constat: &ans.evidence,
                    sources: &ans.sources,
                })
                .collect(),
            inventaire: a.inventory.iter().map(inventory).collect(),
            plan: a.plan.iter().map(plan).collect(),
            indicateurs: a.indicators.as_ref().map(|i| IndicatorsJson {
                commerces: i.shops,
                taux_vacance: i.vacancy_rate,
                places_stationnement: i.parking_spaces,
                points_retrait: i.collection_points,
                montees_gare: i.footfall,
                source_montees_gare: i.footfall_source.as_deref(),
            }),
            resultats: outcomes.iter().map(outcome).collect(),
            couts_retours: a.economics.iter().map(economics).collect(),
        },
        scores: ScoresJson {
            indice_global: round(card.overall, 1),
            couverture: round(Some(card.coverage), 3),
            etapes: m
                .steps
                .iter()
                .zip(&card.steps)
                .map(|(s, p)| PartJson {
                    etape: Some(&s.id),
                    angle: None,
                    score: round(p.score, 1),
                    couverture: round(p.coverage, 3),
                })
                .collect(),
            angles: m
                .angles
                .iter()
                .zip(&card.angles)
                .map(|(x, p)| PartJson {
                    etape: None,
                    angle: Some(&x.id),
                    score: round(p.score, 1),
                    couverture: round(p.coverage, 3),
                })
                .collect(),
        },
    }
}

fn inventory(i: &InventoryItem) -> InventoryJson<'_> {
    InventoryJson {
        kind: &i.kind,
        nom: &i.name,
        detenteur: &i.holder,
        acces: match i.access {
            Access::Open => "ouvert",
            Access::Internal => "interne",
            Access::Partner => "partenaire",
            Access::Purchasable => "payant",
            Access::None => "aucun",
        },
        format: &i.format,
        mise_a_jour: &i.refresh,
        donnees_personnelles: match i.personal_data {
            PersonalData::None => "aucune",
            PersonalData::Pseudonymised => "pseudonymisees",
            PersonalData::Personal => "personnelles",
        },
        base_legale: &i.legal_basis,
        aipd: i.dpia,
        qualite: i.quality,
        etapes: &i.steps,
        citation: &i.citation,
        a_regulariser: i.gdpr_flag,
    }
}

fn plan(p: &PlanItem) -> PlanJson<'_> {
    let quarter = |q: &Quarter| QuarterJson {
        annee: q.year,
        trimestre: q.quarter,
    };
    PlanJson {
        action: &p.action,
        criteres: &p.criteria,
        responsable: &p.owner,
        jours_agents: p.staff_days,
        budget_unique: p.budget_one_off,
        budget_annuel: p.budget_yearly,
        debut: quarter(&p.start),
        fin: quarter(&p.end),
        statut: match p.status {
            PlanStatus::Planned => "prevu",
            PlanStatus::InProgress => "en-cours",
            PlanStatus::Done => "fait",
            PlanStatus::Dropped => "abandonne",
        },
        indicateur: &p.kpi,
    }
}

fn outcome<'a>(o: &'a Outcome<'a>) -> OutcomeJson<'a> {
    OutcomeJson {
        indicateur: &o.indicator.id,
        nom: &o.indicator.name,
        unite: &o.indicator.unit,
        mieux: better_id(o.indicator.better),
        valeur: o.record.value,
        date: &o.record.date,
        methode: &o.record.method,
        precedent: o.previous.as_ref().map(|p| PreviousJson {
            audit: &p.audit,
            valeur: p.value,
            date: &p.date,
            evolution: round(Some(p.change), 3),
            sens: direction_id(p.direction),
        }),
    }
}

/// Which way an indicator improves, as the exports write it.
pub(super) fn better_id(better: Better) -> &'static str {
    match better {
        Better::Higher => "plus-haut",
        Better::Lower => "plus-bas",
    }
}

/// Which way an indicator moved, as the exports write it.
pub(super) fn direction_id(direction: Direction) -> &'static str {
    match direction {
        Direction::Better => "mieux",
        Direction::Worse => "moins-bien",
        Direction::Same => "stable",
    }
}

fn economics(e: &StepEconomics) -> EconomicsJson<'_> {
    EconomicsJson {
        etape: &e.step,
        cout_annuel: e.cost_yearly,
        retour_annuel: e.return_yearly,
        hypotheses: &e.assumptions,
    }
}
