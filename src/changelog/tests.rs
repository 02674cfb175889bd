//! Unit tests of the changelog, on tiny methodologies written inline.

use std::collections::BTreeSet;

use super::*;
use crate::load::raw::RawMethodology;
use crate::model::{dangling_replaces, Methodology};

/// Builds a checked methodology from its version and the YAML of its lists.
fn methodology(version: &str, body: &str) -> Methodology {
    let yaml = format!(
        "version: \"{version}\"\ntitle: \"T\"\nangles:\n  - {{ id: rh, name: \"RH\", question: \"Q\", description: \"D\" }}\n  - {{ id: rgpd, name: \"RGPD\", question: \"Q\", description: \"D\" }}\nscale:\n  levels:\n    - {{ level: 0, label: \"A\", description: \"a\" }}\n    - {{ level: 1, label: \"B\", description: \"b\" }}\n    - {{ level: 2, label: \"C\", description: \"c\" }}\n    - {{ level: 3, label: \"D\", description: \"d\" }}\n    - {{ level: 4, label: \"E\", description: \"e\" }}\n  na: {{ label: \"na\", description: \"na\" }}\n  inconnu: {{ label: \"?\", description: \"?\" }}\ntypologies:\n  degurba: []\n  population_bands: []\n{body}"
    );
    let raw: RawMethodology =
        crate::load::yaml::parse_yaml("m.yaml", &yaml).expect("test YAML parses");
    let (m, _, diagnostics) = crate::check::check_methodology(raw, BTreeSet::new());
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    m
}

fn criterion(
    id: &str,
    step: &str,
    weight: u32,
    levels: [&str; 5],
    replaces: Option<&str>,
) -> String {
    let replaces = replaces
        .map(|r| format!("\n    replaces: {r}"))
        .unwrap_or_default();
    format!(
        "  - id: {id}\n    step: {step}\n    angle: rh\n    question: \"Question {id}\"\n    levels: [\"{}\", \"{}\", \"{}\", \"{}\", \"{}\"]\n    weight: {weight}{replaces}\n",
        levels[0], levels[1], levels[2], levels[3], levels[4]
    )
}

const LEVELS: [&str; 5] = ["a", "b", "c", "d", "e"];

fn v1() -> Methodology {
    let criteria = [
        criterion("garer.capteurs", "garer", 1, LEVELS, None),
        criterion("garer.tarifs", "garer", 2, LEVELS, None),
        criterion("informer.site", "informer", 1, LEVELS, None),
        criterion("informer.horaires", "informer", 1, LEVELS, None),
    ]
    .concat();
    methodology(
        "1.0",
        &format!(
            "steps:\n  - {{ id: informer, name: \"S'informer\", description: \"d\" }}\n  - {{ id: garer, name: \"Se garer\", description: \"d\" }}\ncriteria:\n{criteria}sources: []\nactions:\n  - id: poser-capteurs\n    name: \"Poser des capteurs\"\n    triggers: [{{ criterion: garer.capteurs, max_level: 1 }}]\n    steps: [garer]\n    angles: [rh]\n    cost_one_off: [1000, 2000]\n    cost_yearly: [0, 0]\n    staff_days: [1, 2]\n    lead_time_months: 3\n    impact: 3\n"
        ),
    )
}

/// 1.1: step `garer` renamed `stationner` (and its criteria with it), `informer.site` split in
/// two, `informer.horaires` removed, a weight and a descriptor tuned, a trigger relaxed, an
/// action added.
fn v2() -> Methodology {
    let criteria = [
        criterion(
            "stationner.capteurs",
            "stationner",
            1,
            ["a", "b", "c", "d", "e, mesuré"],
            Some("garer.capteurs"),
        ),
        criterion(
            "stationner.tarifs",
            "stationner",
            3,
            LEVELS,
            Some("garer.tarifs"),
        ),
        criterion(
            "informer.site-commune",
            "informer",
            1,
            LEVELS,
            Some("informer.site"),
        ),
        criterion(
            "informer.fiches-commerces",
            "informer",
            1,
            LEVELS,
            Some("informer.site"),
        ),
        criterion("informer.reseaux", "informer", 1, LEVELS, None),
    ]
    .concat();
    methodology(
        "1.1",
        &format!(
            "steps:\n  - {{ id: informer, name: \"S'informer\", description: \"d\" }}\n  - {{ id: stationner, name: \"Stationner\", description: \"d\", replaces: garer }}\ncriteria:\n{criteria}sources: []\nactions:\n  - id: poser-capteurs\n    name: \"Poser des capteurs\"\n    triggers: [{{ criterion: stationner.capteurs, max_level: 2 }}]\n    steps: [stationner]\n    angles: [rh]\n    cost_one_off: [1000, 2000]\n    cost_yearly: [0, 0]\n    staff_days: [1, 2]\n    lead_time_months: 3\n    impact: 3\n  - id: animer-reseaux\n    name: \"Animer les réseaux\"\n    triggers: [{{ criterion: informer.reseaux, max_level: 1 }}]\n    steps: [informer]\n    angles: [rh]\n    cost_one_off: [0, 0]\n    cost_yearly: [0, 500]\n    staff_days: [5, 10]\n    lead_time_months: 1\n    impact: 2\n"
        ),
    )
}

fn entry<'a>(c: &'a Changelog, kind: Kind, id: &str) -> &'a Entry {
    c.of_kind(kind)
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry for {id}: {c:#?}"))
}

#[test]
fn identical_versions_have_no_change() {
    let c = diff(&v1(), &v1());
    assert!(c.is_empty(), "{c:#?}");
    assert!(to_text(&c).contains("aucun changement"));
}

#[test]
fn replaces_renames_a_step_and_its_criteria_keep_their_step() {
    let c = diff(&v1(), &v2());
    let step = entry(&c, Kind::Step, "stationner");
    assert_eq!(
        step.change,
        Change::Renamed {
            from: "garer".into()
        }
    );
    assert_eq!(
        step.details,
        vec![Detail::Name("Se garer".into(), "Stationner".into())]
    );
    let capteurs = entry(&c, Kind::Criterion, "stationner.capteurs");
    assert_eq!(
        capteurs.change,
        Change::Renamed {
            from: "garer.capteurs".into()
        }
    );
    // The step was renamed, not changed: only the descriptor of level 4 and the question differ.
    assert!(
        !capteurs
            .details
            .iter()
            .any(|d| matches!(d, Detail::Step(..))),
        "{:?}",
        capteurs.details
    );
    assert!(capteurs.details.contains(&Detail::Descriptors(vec![4])));
    // Neither old id is listed as removed.
    assert!(!c
        .entries
        .iter()
        .any(|e| e.id == "garer" || e.id == "garer.capteurs"));
}

#[test]
fn weights_descriptors_and_triggers_changes_are_reported() {
    let c = diff(&v1(), &v2());
    let tarifs = entry(&c, Kind::Criterion, "stationner.tarifs");
    assert!(
        tarifs.details.contains(&Detail::Weight(2.0, 3.0)),
        "{:?}",
        tarifs.details
    );
    let action = entry(&c, Kind::Action, "poser-capteurs");
    assert_eq!(action.change, Change::Changed);
    // The trigger's criterion was renamed: only its level is a change.
    assert_eq!(
        action.details,
        vec![Detail::Triggers(
            vec![Trigger {
                criterion: "stationner.capteurs".into(),
                max_level: 1
            }],
            vec![Trigger {
                criterion: "stationner.capteurs".into(),
                max_level: 2
            }],
        )]
    );
    assert_eq!(
        entry(&c, Kind::Action, "animer-reseaux").change,
        Change::Added { from: None }
    );
}

#[test]
fn two_replacements_make_a_split_and_no_replacement_a_removal() {
    let c = diff(&v1(), &v2());
    let site = entry(&c, Kind::Criterion, "informer.site");
    assert_eq!(
        site.change,
        Change::Removed {
            into: vec![
                "informer.site-commune".into(),
                "informer.fiches-commerces".into()
            ]
        }
    );
    assert_eq!(site.change.key(), "split");
    assert_eq!(
        entry(&c, Kind::Criterion, "informer.site-commune").change,
        Change::Added {
            from: Some("informer.site".into())
        }
    );
    assert_eq!(
        entry(&c, Kind::Criterion, "informer.horaires").change,
        Change::Removed { into: vec![] }
    );
    assert_eq!(
        entry(&c, Kind::Criterion, "informer.reseaux").change,
        Change::Added { from: None }
    );
}

#[test]
fn text_lists_every_kind_with_its_details() {
    let text = to_text(&diff(&v1(), &v2()));
    assert!(text.starts_with("Méthodologie 1.0 → 1.1"), "{text}");
    for needle in [
        "Étapes",
        "Critères",
        "Actions",
        "`garer` → `stationner`",
        "poids : 2 → 3",
        "scission",
        "suppression : `informer.horaires`",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn answers_are_followed_through_renames_splits_and_removals() {
    let chain = [diff(&v1(), &v2())];
    let old_ids: Vec<String> = v1().criteria.iter().map(|c| c.id.clone()).collect();
    let answered: Vec<String> = vec![
        "garer.tarifs".into(),
        "informer.horaires".into(),
        "informer.site".into(),
    ];
    let (fates, added) = follow_criteria(&chain, &old_ids, &answered);
    assert_eq!(fates.len(), 3);
    assert_eq!(fates[0].now, ["stationner.tarifs"]);
    assert!(fates[0].details.contains(&Detail::Weight(2.0, 3.0)));
    assert!(fates[1].now.is_empty());
    assert_eq!(
        fates[2].now,
        ["informer.site-commune", "informer.fiches-commerces"]
    );
    assert_eq!(added, ["informer.reseaux"]);
}

#[test]
fn answers_are_followed_across_several_versions() {
    let v3 = {
        let mut m = v2();
        m.version = "1.2".into();
        let c = m
            .criteria
            .iter_mut()
            .find(|c| c.id == "stationner.tarifs")
            .unwrap();
        c.id = "stationner.tarification".into();
        c.replaces = Some("stationner.tarifs".into());
        m
    };
    let chain = [diff(&v1(), &v2()), diff(&v2(), &v3)];
    let old_ids: Vec<String> = v1().criteria.iter().map(|c| c.id.clone()).collect();
    let (fates, added) = follow_criteria(
        &chain,
        &old_ids,
        &["garer.tarifs".to_string(), "garer.capteurs".to_string()],
    );
    assert_eq!(fates[0].now, ["stationner.tarification"]);
    assert_eq!(fates[1].now, ["stationner.capteurs"]);
    assert_eq!(added, ["informer.reseaux"]);
}

#[test]
fn dangling_replaces_are_found() {
    let mut m = v2();
    m.criteria[0].replaces = Some("garer.capteur".into());
    let dangling = dangling_replaces(&v1(), &m);
    assert_eq!(
        dangling,
        vec![(
            "what.criterion",
            "stationner.capteurs".to_string(),
            "garer.capteur".to_string()
        )]
    );
}
