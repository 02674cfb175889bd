//! Issue 11, "no panic and no hang on any input": every number, date and text length has a
//! range checked with a located message (the redteam reproductions are pinned as invalid
//! fixtures), `parcours new` writes YAML its own `check` reads back, and property tests send
//! arbitrary communes and audits through `check` and the whole render in bounded time.

use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;

use crate::support::{assert_golden, fixtures, Fixture};

const COMMUNE: &str = "communes/valdor/commune.yaml";
const AUDIT: &str = "communes/valdor/audits/2025-04.yaml";

/// Runs `work` on its own thread; fails if it panics or takes longer than `secs`.
fn within<T: Send + 'static>(secs: u64, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("took more than {secs} s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("panicked"),
    }
}

/// An invalid case gives its pinned diagnostics, in bounded time, and no site.
fn case(name: &'static str) {
    let (has_site, errors, text) = within(30, move || {
        let fixture = Fixture::invalid(name);
        let outcome = fixture.build();
        let errors = outcome.diagnostics.iter().any(|d| d.is_error());
        (outcome.site.is_some(), errors, fixture.diagnostics())
    });
    assert!(!has_site, "{name}: an invalid repository produced a site");
    assert!(errors, "{name}: no error reported");
    let golden = fixtures()
        .join("invalid")
        .join(name)
        .join("expected/diagnostics.txt");
    assert_golden(&golden, &text);
}

macro_rules! cases {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(#[test] fn $test() { case($name); })*
    };
}

cases! {
    issue_11_c01_a_name_over_120_characters_is_an_error => "long-commune-name",
    issue_11_m01_budgets_of_1e308_are_errors => "huge-budgets",
    issue_11_m01b_a_yearly_budget_of_1e306_is_an_error => "huge-yearly-budget",
    issue_11_m02_staff_days_of_1e308_are_an_error => "huge-staff-days",
    issue_11_m03_plan_years_0001_to_9999_are_errors => "plan-over-millennia",
    issue_11_m03_a_plan_item_over_ten_years_is_an_error => "plan-over-ten-years",
    issue_11_m06_a_negative_huge_area_is_an_error => "negative-huge-area",
    issue_11_m07_population_u64_max_is_an_error => "population-u64-max",
    issue_11_m08_m09_negative_vacancy_and_huge_shops_are_errors => "negative-huge-vacancy",
    issue_11_y13_score_2_0_is_not_level_2 => "score-written-as-float",
    issue_11_y15_score_0x2_is_not_level_2 => "score-written-in-hex",
    issue_11_p10_an_audit_of_2099_is_an_error => "audit-in-2099",
    issue_11_p15_an_audit_of_year_0_is_an_error => "audit-in-year-0",
    issue_11_p18_an_audit_of_9999_is_an_error => "audit-in-9999",
}

/// Replaces `find` by `replace` in a fixture file.
fn edit(fixture: &Fixture, file: &str, find: &str, replace: &str) {
    let path = fixture.root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(find), "`{find}` not in {file}");
    std::fs::write(&path, text.replacen(find, replace, 1)).unwrap();
}

/// Redteam c02: a real-looking 68-character name panicked `check`; names up to the limit
/// build, and the portal's strip chart keeps the whole name.
#[test]
fn issue_11_c02_long_real_names_build_and_keep_their_full_text() {
    let real = "Commune de Saint-Georges-sur-Meuse et environs — centre historique";
    let widest = "W".repeat(120);
    for name in [real.to_string(), widest] {
        let site = within(30, move || {
            let fixture = Fixture::new("minimal");
            edit(
                &fixture,
                COMMUNE,
                "name: \"Val-d'Or\"",
                &format!("name: \"{name}\""),
            );
            (fixture.build().site, name)
        });
        let (site, name) = site;
        let site = site.expect("a name of at most 120 characters builds");
        let portal = String::from_utf8(site["index.html"].clone()).unwrap();
        assert!(portal.contains(&format!("<title>{name}</title>")) || portal.contains(&name));
    }
}

/// A 20,001-character evidence is an error at its line; 20,000 characters are accepted.
#[test]
fn issue_11_free_texts_have_a_length_limit() {
    let errors = |n: usize| {
        within(30, move || {
            let fixture = Fixture::new("minimal");
            let long = "x".repeat(n);
            edit(
                &fixture,
                AUDIT,
                "evidence: \"Capteurs posés sans AIPD.\"",
                &format!("evidence: \"{long}\""),
            );
            fixture
                .build()
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        })
    };
    assert!(errors(20_000).is_empty());
    let over = errors(20_001);
    assert_eq!(over.len(), 1, "{over:?}");
    assert!(over[0].starts_with(&format!("{AUDIT}:8:")), "{}", over[0]);
    assert!(over[0].contains("20001 caractères") && over[0].contains("au plus 20000"));
}

/// Scaffolds `name` with `parcours new`'s writer (a commune outside Wallonia), and returns the error
/// diagnostics of a build and the name the model read back.
fn scaffold_and_check(name: &str) -> (Vec<String>, Option<String>) {
    let fixture = Fixture::new("minimal");
    let options = parcours::Options {
        root: fixture.root.clone(),
        ..Default::default()
    };
    let model = parcours::prepare(&options).unwrap().0.unwrap().model;
    let request = parcours::scaffold::NewRequest {
        slug: "neuve",
        name: Some(name),
        date: "2025-11-20",
        ..Default::default()
    };
    let new = parcours::scaffold::new_commune(&model, &request).unwrap();
    for (path, text) in new.files {
        let full = fixture.root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    let (prepared, outcome) = parcours::prepare(&options).unwrap();
    let errors = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    let read = prepared.and_then(|p| {
        p.model
            .communes
            .iter()
            .find(|c| c.slug == "neuve")
            .map(|c| c.name.clone())
    });
    (errors, read)
}

/// Redteam n01: `parcours new zz --name 'Ville\'` wrote a commune.yaml its own check refused.
#[test]
fn issue_11_n01_new_writes_names_that_check_reads_back_exactly() {
    for name in [
        "Ville\\",
        "Ville \"Nord\"",
        "L'Île-d'Yeu",
        "Saint: Ghislain",
        "#1 commune # pas un commentaire",
        "a\\\"b'c: #d",
        "Liège — Ŝœur 🏙 日本",
        " espaces autour ",
    ] {
        assert!(parcours::scaffold::check_name(name).is_ok(), "{name}");
        let (errors, read) = scaffold_and_check(name);
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert_eq!(read.as_deref(), Some(name));
    }
}

/// Redteam n05: a newline in `--name` was folded into a garbled name; control characters are
/// now refused before anything is written.
#[test]
fn issue_11_n05_new_refuses_control_characters_in_the_name() {
    for name in [
        "X\"\nstatus: published\n#",
        "tab\there",
        "bell\u{7}",
        "ligne\u{2028}",
    ] {
        let (message, help) = parcours::scaffold::check_name(name).unwrap_err();
        assert!(message.contains("caractère de contrôle"), "{message}");
        assert!(!help.is_empty());
    }
    assert!(parcours::scaffold::check_name("").is_err());
    assert!(parcours::scaffold::check_name(&"é".repeat(121)).is_err());
}

// ---------------------------------------------------------------------------------------
// Property tests: any commune and audit through check and the whole render.

/// Any text: arbitrary Unicode, spaces and quotes, up to a few hundred characters.
fn any_text(max: usize) -> impl Strategy<Value = String> {
    let c = prop_oneof![
        any::<char>(),
        Just(' '),
        Just('"'),
        Just('\\'),
        Just(':'),
        Just('é')
    ];
    prop::collection::vec(c, 0..max).prop_map(String::from_iter)
}

/// A plain YAML scalar for a number field: in range, out of range, or not a number at all.
fn number_token() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|v| format!("{v:e}")),
        (0u32..100_000).prop_map(|n| n.to_string()),
        prop::sample::select(vec![
            "0", "-1", "1e308", "-1e308", "1.0e306", ".inf", "-.inf", ".nan", "0x10", "2.5",
            "1e29", "\"12\"", "~",
        ])
        .prop_map(String::from),
    ]
}

fn score_token() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "0", "1", "2", "3", "4", "na", "inconnu", "2.0", "0x2", "+2", "02", "7", "-1", ".nan",
        "NA", "\"2\"", "yes", "~",
    ])
    .prop_map(String::from)
}

fn quarter_token() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..10_000, 0u8..6).prop_map(|(y, q)| format!("{y:04}-Q{q}")),
        (2000u32..2080, 1u8..5).prop_map(|(y, q)| format!("{y}-Q{q}")),
    ]
}

/// An audit file of any shape: a subset of the criteria with any score, texts, an optional
/// plan item and optional indicators, each number any token.
fn audit_yaml() -> impl Strategy<Value = String> {
    let criteria = [
        "s-informer.annuaire",
        "s-informer.registre",
        "stationner.agents",
        "stationner.capteurs",
    ];
    let answers = prop::collection::vec(
        (
            prop::sample::select(criteria.to_vec()),
            score_token(),
            any_text(200),
        ),
        0..6,
    );
    let plan = prop::option::of((
        quarter_token(),
        quarter_token(),
        number_token(),
        number_token(),
        number_token(),
        any_text(100),
    ));
    let indicators = prop::option::of((number_token(), number_token(), number_token()));
    (answers, any_text(300), plan, indicators).prop_map(|(answers, summary, plan, indicators)| {
        let q = parcours::scaffold::yaml_string;
        let mut y = format!("methodology: \"1.0\"\ndate: 2025-04-02\nstatus: published\nsummary: {}\nanswers:\n", q(&summary));
        for (c, score, evidence) in answers {
            y.push_str(&format!("  - criterion: {c}\n    score: {score}\n    evidence: {}\n", q(&evidence)));
        }
        if let Some((start, end, staff, one_off, yearly, owner)) = plan {
            y.push_str(&format!(
                "plan:\n  - action: tenir-annuaire\n    owner: {}\n    staff_days: {staff}\n    budget_one_off: {one_off}\n    budget_yearly: {yearly}\n    start: {start}\n    end: {end}\n    status: planned\n",
                q(&owner)
            ));
        }
        if let Some((shops, rate, footfall)) = indicators {
            y.push_str(&format!("indicators:\n  shops: {shops}\n  vacancy_rate: {rate}\n  footfall: {footfall}\n"));
        }
        y
    })
}

/// A commune.yaml with any name, population and area.
fn commune_yaml() -> impl Strategy<Value = String> {
    (any_text(300), number_token(), number_token()).prop_map(|(name, population, area)| {
        format!(
            "name: {}\nins: \"99001\"\nprovince: \"Namur\"\nintercommunale: bep\npopulation: {population}\narea_km2: {area}\ndegurba: zones-rurales\n",
            parcours::scaffold::yaml_string(&name)
        )
    })
}

/// Writes the commune and its 2025-04 audit into `minimal`, then builds in memory; returns
/// whether an error was reported and whether a site came out.
fn build_with(commune: String, audit: String) -> (bool, bool) {
    within(10, move || {
        let fixture = Fixture::new("minimal");
        std::fs::write(fixture.root.join(COMMUNE), commune).unwrap();
        std::fs::write(fixture.root.join(AUDIT), audit).unwrap();
        let outcome = fixture.build();
        (outcome.failed(), outcome.site.is_some())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Anything goes in: no panic, no hang, and a site exactly when no error was found.
    #[test]
    fn any_commune_and_audit_check_and_render_in_bounded_time(
        commune in commune_yaml(),
        audit in audit_yaml(),
    ) {
        let (failed, site) = build_with(commune, audit);
        prop_assert_eq!(site, !failed);
    }

    /// Values inside every documented range are accepted and rendered.
    #[test]
    fn values_in_range_check_clean_and_render(
        name in "[\\p{L}\\p{N}][\\p{L}\\p{N} '’.,()-]{0,119}",
        population in 1u64..=10_000_000,
        area in 0.01f64..100_000.0,
        scores in prop::collection::vec(0u8..5, 4),
        start in (2000i32..2060, 1u8..5),
        length in 0i64..40,
        amounts in (0.0f64..1e9, 0.0f64..1e9, 0.0f64..100_000.0),
        rate in 0.0f64..=100.0,
        summary in "[\\p{L}\\p{N} .,]{0,300}",
    ) {
        let index = i64::from(start.0) * 4 + i64::from(start.1) - 1 + length;
        let end = format!("{}-Q{}", index.div_euclid(4), index.rem_euclid(4) + 1);
        let q = parcours::scaffold::yaml_string;
        let commune = format!(
            "name: {}\nins: \"99001\"\nprovince: \"Namur\"\nintercommunale: bep\npopulation: {population}\narea_km2: {area}\ndegurba: zones-rurales\n",
            q(&name)
        );
        let criteria = ["s-informer.annuaire", "s-informer.registre", "stationner.agents", "stationner.capteurs"];
        let mut audit = format!("methodology: \"1.0\"\ndate: 2025-04-02\nstatus: published\nsummary: {}\nanswers:\n", q(&summary));
        for (c, s) in criteria.iter().zip(&scores) {
            audit.push_str(&format!("  - {{ criterion: {c}, score: {s} }}\n"));
        }
        audit.push_str(&format!(
            "plan:\n  - action: tenir-annuaire\n    owner: \"Service\"\n    budget_one_off: {}\n    budget_yearly: {}\n    staff_days: {}\n    start: {}-Q{}\n    end: {end}\n    status: planned\nindicators:\n  vacancy_rate: {rate}\n",
            amounts.0, amounts.1, amounts.2, start.0, start.1
        ));
        let (failed, site) = build_with(commune, audit);
        prop_assert!(!failed && site, "rejected in-range values");
    }
}
