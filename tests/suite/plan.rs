//! The action plan of issue 14 over the built demo: for every audit of every demo commune, the
//! plan fits its envelope, proposes at most eight actions and starts each after its
//! prerequisites; Thuin's 2026 plan is one a 14,000-inhabitant commune can staff; and the
//! report shows it.

use std::path::Path;

use parcours::model::PlanStatus;
use parcours::score::{fits, MAX_PRIORITY};

fn demo() -> parcours::Prepared {
    let (prepared, outcome) = parcours::prepare(&parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        drafts: true,
        ..Default::default()
    })
    .expect("no I/O error");
    assert!(!outcome.failed(), "{:?}", outcome.diagnostics);
    prepared.expect("the demo checks")
}

#[test]
fn every_demo_plan_fits_its_envelope_with_at_most_eight_actions_after_their_prerequisites() {
    let prepared = demo();
    let scored = parcours::score::score(&prepared.model, true);
    let mut audits = 0;
    for cs in &scored.communes {
        for a in &cs.audits {
            audits += 1;
            let (p, m, who) = (&a.plan, a.methodology, (&cs.commune.slug, &a.audit.id));
            assert!(fits(&p.total, &p.envelope), "{who:?}: {:?}", p.total);
            assert!(p.actions.len() <= MAX_PRIORITY, "{who:?}");
            for planned in &p.actions {
                let action = m.action(&planned.candidate.action).expect("known action");
                for req in &action.requires {
                    match p.actions.iter().find(|x| &x.candidate.action == req) {
                        Some(x) => assert!(
                            x.months.1 <= planned.months.0,
                            "{who:?}: {req} ends after {} starts",
                            action.id
                        ),
                        None => {
                            let committed = a
                                .audit
                                .plan
                                .iter()
                                .any(|x| &x.action == req && x.status != PlanStatus::Dropped);
                            let fired = a
                                .recommendations
                                .iter()
                                .flat_map(|(_, recs)| recs)
                                .any(|r| &r.action == req);
                            assert!(
                                committed || !fired,
                                "{who:?}: {req} not in place for {}",
                                action.id
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(audits >= 15, "every demo audit was looked at ({audits})");
}

#[test]
fn thuin_2026_plan_is_one_a_small_commune_can_staff() {
    let prepared = demo();
    let scored = parcours::score::score(&prepared.model, true);
    let thuin = scored.commune("thuin").expect("thuin");
    let current = thuin.current().expect("an audit");
    assert_eq!(current.audit.id, "2026-10");
    assert_eq!(current.methodology.version, "1.3");
    let p = &current.plan;
    assert_eq!(p.source, parcours::score::EnvelopeSource::Audit);
    // The council's envelope: 60 staff days, about a quarter of one agent's year.
    assert!(p.total.staff_days <= 60.0 && p.total.staff_days > 0.0);
    assert!(!p.actions.is_empty() && p.actions.len() <= MAX_PRIORITY);
    // A town-centre manager (a salary) does not fit: it waits in the annex.
    assert!(p
        .annex
        .iter()
        .any(|d| d.candidate.action == "creer-gestionnaire-centre-ville"));
    // Nothing the first plan completed is proposed again.
    for done in thuin.audits[1].audit.plan.iter().map(|x| &x.action) {
        assert!(
            !p.actions.iter().any(|x| &x.candidate.action == done),
            "{done}"
        );
    }
}

#[test]
fn the_report_shows_the_plan_the_annex_and_where_the_envelope_comes_from() {
    let site = parcours::build_site(&parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        drafts: true,
        ..Default::default()
    })
    .expect("no I/O error")
    .site
    .expect("builds");
    // Typography (narrow and plain no-break spaces) read as plain spaces.
    let page = |p: &str| {
        String::from_utf8(site[p].clone())
            .unwrap()
            .replace(['\u{202f}', '\u{a0}'], " ")
    };
    let thuin = page("communes/thuin/index.html");
    assert!(thuin.contains("Enveloppe déclarée dans l&#39;audit : 25 000 €"));
    assert!(thuin.contains("Annexe : les autres actions déclenchées"));
    assert!(thuin.contains("Dans les six premiers mois"));
    assert_eq!(thuin.matches("class=\"plan-why\"").count(), 5);
    // Ciney states no envelope: the default of its band, from the built-in table (1.0).
    let ciney = page("communes/ciney/index.html");
    assert!(ciney.contains("barème intégré pour la tranche « De 10 000 à 24 999 habitants »"));
    // The handbook page of an action gives its costs per band and its prerequisites.
    let action = page("handbook/1.3/actions/tableau-bord-centre-ville.html");
    assert!(action.contains("Coûts selon la taille de la commune"));
    assert!(action.contains("creer-gestionnaire-centre-ville.html"));
}
