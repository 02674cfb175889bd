//! `parcours new` and `parcours schema`: the identity comes from Statbel for every Walloon
//! commune, the audit is a draft "à répondre" that checks with warnings only, placeholders and
//! unanswered criteria are never published, and the schema lists the methodology's ids.

use std::path::Path;
use std::process::Command;

use parcours::scaffold::{new_commune, NewRequest};

use crate::support::{assert_golden, Fixture};

/// The minimal fixture with the demo's eight intercommunales and a light track (one light
/// criterion per step), so that every Walloon commune gets its proposed intercommunale.
fn walloon_fixture() -> Fixture {
    let fixture = Fixture::new("minimal");
    let toml = fixture.root.join("parcours.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    for (id, name) in [
        ("idea", "IDEA — Cœur du Hainaut"),
        ("ideta", "IDETA — Wallonie picarde"),
        ("igretec", "IGRETEC — Charleroi Métropole"),
        ("spi", "SPI — Province de Liège"),
        ("idelux", "IDELUX Développement — Luxembourg belge"),
        ("inbw", "InBW — Brabant wallon"),
        ("ieg", "IEG — Mouscron et Comines-Warneton"),
    ] {
        text.push_str(&format!("\n[intercommunales.{id}]\nname = \"{name}\"\n"));
    }
    std::fs::write(&toml, text).unwrap();
    let methodology = fixture.root.join("content/methodology.yaml");
    let text = std::fs::read_to_string(&methodology).unwrap();
    let text = text
        .replacen(
            "    weight: 2\n    sources: [annuaire-commerces]\n",
            "    weight: 2\n    sources: [annuaire-commerces]\n    light: true\n",
            1,
        )
        .replacen(
            "levels: [\"Non.\", \"Rarement.\", \"Parfois.\", \"Souvent.\", \"Toujours.\"]\n    weight: 1\n",
            "levels: [\"Non.\", \"Rarement.\", \"Parfois.\", \"Souvent.\", \"Toujours.\"]\n    weight: 1\n    light: true\n",
            1,
        );
    assert_eq!(text.matches("light: true").count(), 2);
    std::fs::write(&methodology, text).unwrap();
    fixture
}

fn model(root: &Path) -> parcours::model::Model {
    let options = parcours::Options {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let (prepared, outcome) = parcours::prepare(&options).unwrap();
    prepared
        .unwrap_or_else(|| panic!("fixture checks: {:?}", outcome.diagnostics))
        .model
}

fn write(root: &Path, files: &[(String, String)]) {
    for (path, text) in files {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
}

fn request<'a>(slug: &'a str) -> NewRequest<'a> {
    NewRequest {
        slug,
        date: "2026-12-07",
        ..Default::default()
    }
}

/// The diagnostics of a check of `root`, as `parcours check` prints them (without sources).
fn diagnostics(root: &Path) -> (Vec<String>, Vec<String>) {
    let outcome = parcours::build_site(&parcours::Options {
        root: root.to_path_buf(),
        ..Default::default()
    })
    .unwrap();
    let (errors, warnings): (Vec<_>, Vec<_>) =
        outcome.diagnostics.iter().partition(|d| d.is_error());
    let text = |list: Vec<&parcours::diagnostic::Diagnostic>| {
        list.iter().map(|d| d.to_string()).collect::<Vec<_>>()
    };
    (text(errors), text(warnings))
}

#[test]
fn new_writes_the_statbel_identity_of_every_walloon_commune_and_it_checks_with_warnings_only() {
    let fixture = walloon_fixture();
    let model = model(&fixture.root);
    let list = parcours::statbel::communes();
    assert_eq!(list.len(), 261);
    for c in list {
        let new = new_commune(&model, &request(&c.slug)).unwrap();
        write(&fixture.root, &new.files);
    }
    let (errors, warnings) = diagnostics(&fixture.root);
    assert!(errors.is_empty(), "{errors:#?}");
    // Each new commune: its degurba to fill in, and its criteria to answer.
    assert_eq!(warnings.len(), 2 * 261, "{warnings:#?}");
    let checked = self::model(&fixture.root);
    for c in list {
        let read = checked
            .communes
            .iter()
            .find(|x| x.slug == c.slug)
            .unwrap_or_else(|| panic!("{} not read", c.slug));
        assert_eq!(
            (
                read.name.as_str(),
                read.ins.as_str(),
                read.province.as_str(),
                read.population,
                read.population_year
            ),
            (
                c.name.as_str(),
                c.ins.as_str(),
                c.province.as_str(),
                c.population,
                Some(parcours::statbel::POPULATION_YEAR)
            ),
            "{}",
            c.slug
        );
        assert_eq!(read.intercommunale, c.intercommunale(), "{}", c.slug);
        assert_eq!(read.degurba, "a-renseigner");
        let audit = &read.audits[0];
        assert_eq!(audit.status, parcours::model::AuditStatus::Draft);
        let light = c.population < parcours::scaffold::LIGHT_TRACK_POPULATION;
        let expected = if light { 2 } else { 4 };
        assert_eq!(audit.answers.len(), expected, "{}", c.slug);
        assert!(audit
            .answers
            .values()
            .all(|a| a.score == parcours::model::Score::ARepondre));
        let sources = read.sources_note.as_deref().unwrap();
        assert!(sources.contains("Statbel"), "{sources}");
    }
}

#[test]
fn a_published_audit_with_answers_to_give_or_a_placeholder_identity_fails() {
    let fixture = walloon_fixture();
    let model = model(&fixture.root);
    let new = new_commune(&model, &request("gembloux")).unwrap();
    write(&fixture.root, &new.files);
    let audit = fixture.root.join("communes/gembloux/audits/2026-12.yaml");
    let draft = std::fs::read_to_string(&audit).unwrap();
    std::fs::write(&audit, draft.replace("status: draft", "status: published")).unwrap();
    let (errors, _) = diagnostics(&fixture.root);
    let at = |line: usize| format!("communes/gembloux/audits/2026-12.yaml:{line}:12: erreur:");
    assert_eq!(errors.len(), 5, "{errors:#?}");
    for (error, line) in errors.iter().zip([10, 13, 16, 19]) {
        assert!(error.starts_with(&at(line)), "{error}");
        assert!(
            error.contains("« à répondre » dans un audit publié"),
            "{error}"
        );
        assert!(error.contains("status: draft"), "{error}");
    }
    assert!(errors[4].starts_with("communes/gembloux/commune.yaml:11:10: erreur: `degurba`"));
    assert!(errors[4].contains("villes, zones-rurales"), "{}", errors[4]);

    // Answered, with the degurba filled in: it publishes.
    let answered = draft
        .replace("status: draft", "status: published")
        .replace("score: a-repondre", "score: 2");
    std::fs::write(&audit, answered).unwrap();
    let commune = fixture.root.join("communes/gembloux/commune.yaml");
    let identity = std::fs::read_to_string(&commune).unwrap();
    std::fs::write(
        &commune,
        identity.replace("degurba: a-renseigner", "degurba: villes"),
    )
    .unwrap();
    let (errors, warnings) = diagnostics(&fixture.root);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(warnings.is_empty(), "{warnings:#?}");

    // The old scaffold's placeholders are caught too, each where it is written.
    std::fs::write(
        &commune,
        "name: \"Gembloux\"\nins: \"00000\"\nprovince: \"\"\nintercommunale: \"\"\npopulation: 0\npopulation_year: 2020\ndegurba: villes\n",
    )
    .unwrap();
    let (errors, _) = diagnostics(&fixture.root);
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e.split('`').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        fields,
        ["ins", "province", "intercommunale", "population"],
        "{errors:#?}"
    );
    assert!(errors[0].starts_with("communes/gembloux/commune.yaml:2:6: erreur:"));
    assert!(errors[2].contains("bep, idea, idelux"), "{}", errors[2]);
}

#[test]
fn a_slug_outside_the_list_gets_the_nearest_names_or_needs_a_name() {
    let fixture = walloon_fixture();
    let model = model(&fixture.root);
    let (message, help) = new_commune(&model, &request("gembloud")).unwrap_err();
    assert_eq!(
        message,
        "`gembloud` n'est pas une commune wallonne de la liste Statbel"
    );
    assert!(
        help.starts_with("vouliez-vous dire : gembloux (Gembloux)"),
        "{help}"
    );
    assert!(help.contains("--name"), "{help}");
    let (_, help) = new_commune(&model, &request("zzzzzzzzzzzzzzzzzzzzz")).unwrap_err();
    assert!(!help.contains("vouliez-vous dire"), "{help}");

    // With --name, a commune outside Wallonia: placeholders, warnings while it is a draft.
    let new = new_commune(
        &model,
        &NewRequest {
            name: Some("Maastricht"),
            ..request("maastricht")
        },
    )
    .unwrap();
    write(&fixture.root, &new.files);
    let (errors, warnings) = diagnostics(&fixture.root);
    assert!(errors.is_empty(), "{errors:#?}");
    let fields: Vec<&str> = warnings
        .iter()
        .filter(|w| w.contains("commune.yaml"))
        .map(|e| e.split('`').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        fields,
        ["ins", "province", "intercommunale", "population", "degurba"]
    );
    // Population unknown: the full track.
    assert!(!new.files[1].1.contains("track: light"));
}

#[test]
fn new_refuses_an_unknown_intercommunale_or_degurba_and_ignores_a_name_for_a_walloon_slug() {
    let fixture = walloon_fixture();
    let model = model(&fixture.root);
    let (message, help) = new_commune(
        &model,
        &NewRequest {
            intercommunale: Some("bepp"),
            ..request("ohey")
        },
    )
    .unwrap_err();
    assert!(message.contains("`bepp`"), "{message}");
    assert!(help.contains("bep, idea"), "{help}");
    let (message, help) = new_commune(
        &model,
        &NewRequest {
            degurba: Some("urbain"),
            ..request("ohey")
        },
    )
    .unwrap_err();
    assert!(message.contains("`urbain`"), "{message}");
    assert!(help.contains("villes, zones-rurales"), "{help}");
    let new = new_commune(
        &model,
        &NewRequest {
            name: Some("Ohey-la-Belle"),
            intercommunale: Some("idea"),
            degurba: Some("zones-rurales"),
            full: true,
            ..request("ohey")
        },
    )
    .unwrap();
    let commune = &new.files[0].1;
    assert!(commune.contains("name: \"Ohey\"\n"), "{commune}");
    assert!(commune.contains("intercommunale: idea\n"), "{commune}");
    assert!(commune.contains("degurba: zones-rurales\n"), "{commune}");
    assert!(!commune.contains("a-renseigner"), "{commune}");
    assert!(new
        .report
        .iter()
        .any(|l| l.contains("« Ohey-la-Belle » est ignoré")));
    // Ohey has 5,142 inhabitants, but --full asks for every criterion.
    assert!(!new.files[1].1.contains("track: light"));
    assert_eq!(new.files[1].1.matches("score: a-repondre").count(), 4);
}

/// Runs the binary in `root`, returning its exit code, stdout and stderr.
fn run(root: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn new_prints_what_it_wrote_and_what_to_do_next() {
    let fixture = walloon_fixture();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/new");
    let mut transcript = String::new();
    for args in [
        &["new", "havelange", "--date", "2026-12-07"][..],
        &[
            "new",
            "namur",
            "--date",
            "2026-12-07",
            "--degurba",
            "villes",
        ],
        &[
            "new",
            "rotterdam",
            "--name",
            "Rotterdam",
            "--date",
            "2026-12-07",
        ],
        &["new", "gembloud"],
        &["new", "havelange"],
        &["new", "ciney", "--intercommunale", "xyz"],
    ] {
        let (code, stdout, stderr) = run(&fixture.root, args);
        transcript.push_str(&format!(
            "$ parcours {}\n{stdout}{stderr}(code {code})\n\n",
            args.join(" ")
        ));
    }
    assert_golden(&golden.join("transcript.txt"), &transcript);
    for (slug, audit) in [("havelange", "2026-12"), ("rotterdam", "2026-12")] {
        for (file, name) in [
            ("commune.yaml".to_string(), format!("{slug}.commune.yaml")),
            (format!("audits/{audit}.yaml"), format!("{slug}.audit.yaml")),
        ] {
            let text =
                std::fs::read_to_string(fixture.root.join(format!("communes/{slug}/{file}")))
                    .unwrap();
            assert_golden(&golden.join(name), &text);
        }
    }
    // The existing folder was not touched by the second `new havelange`.
    let audits = std::fs::read_dir(fixture.root.join("communes/havelange/audits")).unwrap();
    assert_eq!(audits.count(), 1);
}

#[test]
fn schema_enumerates_criteria_and_is_published() {
    let site = Fixture::new("minimal").build().site.unwrap();
    let schema: serde_json::Value =
        serde_json::from_slice(&site["data/audit.schema.json"]).unwrap();
    let criterion = &schema["definitions"]["answer"]["properties"]["criterion"];
    let criteria = criterion["enum"].as_array().unwrap();
    assert_eq!(criteria.len(), 4);
    let at = criteria
        .iter()
        .position(|c| c == "stationner.capteurs")
        .unwrap();
    let text = criterion["enumDescriptions"][at].as_str().unwrap();
    assert!(
        text.starts_with("Les capteurs de stationnement respectent-ils le RGPD ?"),
        "{text}"
    );
    assert!(text.contains("\n\n4 : Oui, avec AIPD."), "{text}");
    let score = &schema["definitions"]["answer"]["properties"]["score"];
    assert_eq!(
        score["enum"],
        serde_json::json!([0, 1, 2, 3, 4, "na", "inconnu", "a-repondre"])
    );
    assert_eq!(score["enumDescriptions"][0], "Absent : Rien.");
}
