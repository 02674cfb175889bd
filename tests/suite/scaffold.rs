//! `parcours new` and `parcours schema`: a scaffolded audit checks clean once the commune's
//! identity is filled in, and the schema lists the methodology's ids.

use crate::support::Fixture;

#[test]
fn scaffolded_commune_checks_once_identity_is_filled() {
    let fixture = Fixture::new("minimal");
    let options = parcours::Options {
        root: fixture.root.clone(),
        ..Default::default()
    };
    let (prepared, _) = parcours::prepare(&options).unwrap();
    let model = prepared.expect("fixture checks").model;
    let m = &model.methodologies["1.0"];
    for (path, text) in parcours::scaffold::new_commune(m, "neuve", "Neuve", "2025-11-20") {
        let full = fixture.root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(
            full,
            text.replace("intercommunale: \"\"", "intercommunale: bep")
                .replace("population: 0", "population: 5000"),
        )
        .unwrap();
    }
    let outcome = fixture.build();
    let errors: Vec<String> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let audit =
        std::fs::read_to_string(fixture.root.join("communes/neuve/audits/2025-11.yaml")).unwrap();
    assert_eq!(audit.matches("score: inconnu").count(), m.criteria.len());
    // A scaffolded audit is a draft: nothing of it is published.
    let site = outcome.site.unwrap();
    assert!(!site.contains_key("communes/neuve/index.html"));
}

#[test]
fn schema_enumerates_criteria_and_is_published() {
    let site = Fixture::new("minimal").build().site.unwrap();
    let schema: serde_json::Value =
        serde_json::from_slice(&site["data/audit.schema.json"]).unwrap();
    let criteria = &schema["definitions"]["answer"]["properties"]["criterion"]["enum"];
    assert_eq!(criteria.as_array().unwrap().len(), 4);
    assert!(criteria
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c == "stationner.capteurs"));
}
