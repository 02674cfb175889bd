//! `parcours new`: the files of a new commune (identity from Statbel, a draft audit to answer)
//! and what the command says about them.

use super::{check_name, yaml_string};
use crate::i18n::{f, t};
use crate::model::{Methodology, Model};

/// Below this population a new audit follows the light track, when the methodology has one
/// (the handbook's chapter « Le parcours allégé », for communes of fewer than 10,000 inhabitants).
pub const LIGHT_TRACK_POPULATION: u64 = 10_000;

/// What `parcours new` is asked for (the command line's arguments, checked by [`new_commune`]).
#[derive(Clone, Debug, Default)]
pub struct NewRequest<'a> {
    /// The folder name.
    pub slug: &'a str,
    /// `--name`: only for a commune outside the Statbel list.
    pub name: Option<&'a str>,
    /// The audit date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// `--intercommunale`: a configured id, instead of the proposal.
    pub intercommunale: Option<&'a str>,
    /// `--degurba`: an id of the methodology's typology.
    pub degurba: Option<&'a str>,
    /// `--full`: the full track even for a small commune.
    pub full: bool,
}

/// What `parcours new` writes (repository-relative path, text) and prints (French lines).
#[derive(Clone, Debug)]
pub struct NewCommune {
    pub files: Vec<(String, String)>,
    pub report: Vec<String>,
}

/// A refused request: the message and its help.
pub type Refusal = (String, String);

/// The identity `new` writes, with what it knows and what it proposes.
struct Identity<'a> {
    name: String,
    statbel: Option<&'static crate::statbel::StatbelCommune>,
    /// The intercommunale and whether it is a proposal (from the arrondissement).
    intercommunale: Option<(&'a str, bool)>,
    degurba: Option<&'a str>,
}

/// Returns the files of a new commune for `request`: `commune.yaml` with the identity Statbel
/// gives (placeholders `a-renseigner` for what it cannot know) and a draft audit on the newest
/// released methodology whose every criterion is `a-repondre`, each under its question.
pub fn new_commune(model: &Model, request: &NewRequest<'_>) -> Result<NewCommune, Refusal> {
    let m = &model.methodologies[model.latest()];
    let identity = identity(model, m, request)?;
    let population = identity.statbel.map(|c| c.population);
    let light = !request.full
        && m.criteria.iter().any(|c| c.light)
        && population.is_some_and(|p| p < LIGHT_TRACK_POPULATION);
    let month = request.date.get(..7).unwrap_or(request.date);
    let slug = request.slug;
    let files = vec![
        (
            format!("communes/{slug}/commune.yaml"),
            commune_text(model, m, &identity),
        ),
        (
            format!("communes/{slug}/audits/{month}.yaml"),
            audit_text(m, request.date, light),
        ),
    ];
    let mut report: Vec<String> = files
        .iter()
        .map(|(path, _)| f("scaffold.written", &[path]))
        .collect();
    report.extend(new_report(model, m, request, &identity, light));
    Ok(NewCommune { files, report })
}

/// Resolves the identity of the request: the Statbel row of a Walloon slug, or `--name` for
/// a commune outside the list; checks `--intercommunale` and `--degurba`.
fn identity<'a>(
    model: &Model,
    m: &Methodology,
    request: &NewRequest<'a>,
) -> Result<Identity<'a>, Refusal> {
    let statbel = crate::statbel::by_slug(request.slug);
    let name = match (statbel, request.name) {
        (Some(c), _) => c.name.clone(),
        (None, Some(name)) => {
            check_name(name)?;
            name.to_string()
        }
        (None, None) => {
            let near: Vec<String> = crate::statbel::nearest(request.slug, 5)
                .iter()
                .map(|c| format!("{} ({})", c.slug, c.name))
                .collect();
            let help = if near.is_empty() {
                t("new.help-outside").to_string()
            } else {
                f("new.help-nearest", &[&near.join(", ")])
            };
            return Err((f("new.unknown-slug", &[&request.slug]), help));
        }
    };
    let configured = |id: &str| model.config.intercommunales.contains_key(id);
    let known: Vec<&str> = model
        .config
        .intercommunales
        .keys()
        .map(String::as_str)
        .collect();
    let intercommunale = match request.intercommunale {
        Some(id) if configured(id) => Some((id, false)),
        Some(id) => {
            return Err((
                f("new.bad-intercommunale", &[&id]),
                f("help.known-values", &[&known.join(", ")]),
            ))
        }
        None => statbel
            .map(|c| c.intercommunale())
            .filter(|id| configured(id))
            .map(|id| (id, true)),
    };
    let degurba_ids: Vec<&str> = m.degurba.iter().map(|d| d.id.as_str()).collect();
    if let Some(d) = request.degurba.filter(|d| !degurba_ids.contains(d)) {
        return Err((
            f("new.bad-degurba", &[&d]),
            f("help.known-values", &[&degurba_ids.join(", ")]),
        ));
    }
    Ok(Identity {
        name,
        statbel,
        intercommunale,
        degurba: request.degurba,
    })
}

/// `commune.yaml`: the schema line, then each field, with a comment above what is proposed or
/// still to fill in.
fn commune_text(model: &Model, m: &Methodology, id: &Identity<'_>) -> String {
    let complete = id.statbel.is_some() && id.intercommunale.is_some() && id.degurba.is_some();
    let mut out = format!(
        "# yaml-language-server: $schema=../../{COMMUNE_SCHEMA}\n# {}\n",
        t(if complete {
            "scaffold.commune-comment-known"
        } else {
            "scaffold.commune-comment"
        })
    );
    let todo = crate::check::identity::A_RENSEIGNER;
    let ids = |list: Vec<&str>| list.join(", ");
    out.push_str(&format!("name: {}\n", yaml_string(&id.name)));
    match id.statbel {
        Some(c) => out.push_str(&format!(
            "ins: {}\nprovince: {}\n",
            yaml_string(&c.ins),
            yaml_string(&c.province)
        )),
        None => out.push_str(&format!(
            "# {}\nins: {todo}\n# {}\nprovince: {todo}\n",
            t("scaffold.ins-todo"),
            t("scaffold.province-todo")
        )),
    }
    let intercommunales = ids(model
        .config
        .intercommunales
        .keys()
        .map(String::as_str)
        .collect());
    match id.intercommunale {
        Some((ic, true)) => out.push_str(&format!(
            "# {}\nintercommunale: {ic}\n",
            f(
                "scaffold.intercommunale-proposed",
                &[&arrondissement(id.statbel), &intercommunales]
            )
        )),
        Some((ic, false)) => out.push_str(&format!("intercommunale: {ic}\n")),
        None => out.push_str(&format!(
            "# {}\nintercommunale: {todo}\n",
            f("scaffold.intercommunale-todo", &[&intercommunales])
        )),
    }
    match id.statbel {
        Some(c) => out.push_str(&format!(
            "population: {}\npopulation_year: {}\n",
            c.population,
            crate::statbel::POPULATION_YEAR
        )),
        None => out.push_str(&format!(
            "# {}\npopulation: 0\n",
            t("scaffold.population-todo")
        )),
    }
    match id.degurba {
        Some(d) => out.push_str(&format!("degurba: {d}\n")),
        None => out.push_str(&format!(
            "# {}\ndegurba: {todo}\n",
            f(
                "scaffold.degurba-todo",
                &[&ids(m.degurba.iter().map(|d| d.id.as_str()).collect())]
            )
        )),
    }
    if id.statbel.is_some() {
        let note = f("scaffold.sources-note", &[&crate::statbel::SOURCE_NOTE]);
        out.push_str(&format!("sources_note: {}\n", yaml_string(&note)));
    }
    out
}

/// The commune's arrondissement as it reads after « d'après l' »: `arrondissement de Namur`.
fn arrondissement(c: Option<&crate::statbel::StatbelCommune>) -> String {
    let a = c.map_or("", |c| c.arrondissement.as_str());
    let mut chars = a.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Where the committed schema of `commune.yaml` is, from the repository root.
pub const COMMUNE_SCHEMA: &str = "schemas/commune.schema.json";

/// Where the committed schema of audits on methodology `version` is, from the repository root.
pub fn audit_schema_path(version: &str) -> String {
    format!("schemas/audit-{version}.schema.json")
}

/// The draft audit, in the canonical layout: the schema line, a comment, the header, then
/// every criterion (or every light one) `a-repondre`, in the methodology's order, each under
/// its question.
fn audit_text(m: &Methodology, date: &str, light: bool) -> String {
    let mut out = format!(
        "# yaml-language-server: $schema=../../../{}\n# {}\nmethodology: {}\ndate: {date}\nstatus: draft\n",
        audit_schema_path(&m.version),
        t("scaffold.audit-comment"),
        yaml_string(&m.version)
    );
    if light {
        out.push_str("track: light\n");
    }
    out.push_str("auditors: []\nanswers:\n");
    for c in m.criteria.iter().filter(|c| !light || c.light) {
        let question: String = c
            .question
            .chars()
            .map(|ch| if ch.is_control() { ' ' } else { ch })
            .collect();
        out.push_str(&format!(
            "  # {}\n  - criterion: {}\n    score: {}\n",
            question.trim(),
            c.id,
            crate::check::A_REPONDRE
        ));
    }
    out.push_str("inventory: []\nplan: []\n");
    out
}

/// What `new` says after writing: what it took from Statbel, what it proposes, what is left to
/// fill in, and the next steps.
fn new_report(
    model: &Model,
    m: &Methodology,
    request: &NewRequest<'_>,
    id: &Identity<'_>,
    light: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    match id.statbel {
        Some(c) => {
            out.push(f(
                "new.identity",
                &[
                    &c.name,
                    &c.ins,
                    &c.province,
                    &crate::format::thousands(c.population),
                    &crate::statbel::POPULATION_YEAR,
                ],
            ));
            if let Some(name) = request.name.filter(|n| *n != c.name) {
                out.push(f("new.name-ignored", &[&name, &c.name]));
            }
        }
        None => out.push(f("new.outside", &[&id.name])),
    }
    let name_of = |ic: &str| {
        model
            .config
            .intercommunales
            .get(ic)
            .map_or(String::new(), |i| i.name.clone())
    };
    out.push(match id.intercommunale {
        Some((ic, true)) => f(
            "new.intercommunale-proposed",
            &[&ic, &name_of(ic), &arrondissement(id.statbel)],
        ),
        Some((ic, false)) => f("new.intercommunale-given", &[&ic, &name_of(ic)]),
        None => t("new.intercommunale-todo").to_string(),
    });
    out.push(match id.degurba {
        Some(d) => f("new.degurba-given", &[&d]),
        None => t("new.degurba-todo").to_string(),
    });
    out.push(t("new.area").to_string());
    let n = m.criteria.iter().filter(|c| !light || c.light).count();
    out.push(if light {
        f(
            "new.audit-light",
            &[
                &m.version,
                &n,
                &crate::format::thousands(LIGHT_TRACK_POPULATION),
            ],
        )
    } else {
        f("new.audit-full", &[&m.version, &n])
    });
    let complete = id.statbel.is_some() && id.intercommunale.is_some() && id.degurba.is_some();
    if complete {
        out.push(f("new.next-first", &[&t("new.next")]));
    } else {
        out.push(t("new.next-identity").to_string());
        out.push(f("new.next-then", &[&t("new.next")]));
    }
    out
}
