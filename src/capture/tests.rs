//! The canonical writer: what it writes reads back through the loader to the same audit,
//! and writing that again gives the same bytes, whatever the strings and numbers hold.

use proptest::prelude::*;

use super::yaml::{write_audit, WriteOptions};
use super::*;
use crate::testkit;

fn methodology() -> crate::model::Methodology {
    let mut m = testkit::methodology(
        &["s-informer", "acheter"],
        &["a"],
        vec![
            testkit::criterion("s-informer.b", "s-informer", "a", 1.0),
            testkit::criterion("s-informer.a", "s-informer", "a", 1.0),
            testkit::criterion("acheter.c", "acheter", "a", 1.0),
        ],
    );
    m.version = "1.3".into();
    m.criteria[0].question = "Première question ?\nsur deux lignes".into();
    m
}

fn sample() -> AuditFile {
    AuditFile {
        comments: vec!["# Démonstration".into(), "# seconde ligne".into()],
        methodology: "1.3".into(),
        date: "2026-11-24".into(),
        status: AuditStatus::Draft,
        track: Some(Track::Light),
        auditors: vec!["BEP — conseillère \"commerce\"".into()],
        summary: Some("**Projet** : un.\n\nDeux.\n".into()),
        answers: vec![
            AnswerFile {
                criterion: "acheter.c".into(),
                score: Level::ToAnswer,
                evidence: String::new(),
                sources: Vec::new(),
            },
            AnswerFile {
                criterion: "s-informer.a".into(),
                score: Level::Level(2),
                evidence: "L'ADL\test désigné".into(),
                sources: vec!["annuaire".into()],
            },
            AnswerFile {
                criterion: "s-informer.b".into(),
                score: Level::Na,
                evidence: "ligne\nsuivante".into(),
                sources: Vec::new(),
            },
        ],
        inventory: vec![InventoryFile {
            kind: "annuaire".into(),
            name: "Annuaire".into(),
            holder: String::new(),
            access: Access::Open,
            format: "CSV".into(),
            refresh: "annuel".into(),
            personal_data: PersonalData::None,
            legal_basis: String::new(),
            dpia: false,
            dpia_required: Some(false),
            in_register: None,
            quality: 3,
            steps: vec!["s-informer".into()],
            citation: "CC0".into(),
        }],
        plan: vec![PlanFile {
            action: "horaires".into(),
            criteria: vec!["s-informer.a".into()],
            owner: "ADL".into(),
            staff_days: Some(6.0),
            budget_one_off: Some(0.0),
            budget_yearly: None,
            start: "2026-Q3".into(),
            end: "2027-Q1".into(),
            status: PlanStatus::InProgress,
            kpi: Some("de 7 à 14 sur 20".into()),
        }],
        indicators: Some(IndicatorsFile {
            shops: Some(35),
            vacancy_rate: Some(11.5),
            ..IndicatorsFile::default()
        }),
        outcomes: vec![OutcomeFile {
            indicator: "vacance".into(),
            value: 56.1,
            date: "2026-03-21".into(),
            method: "Relevé".into(),
        }],
        economics: vec![EconomicsFile {
            step: "acheter".into(),
            cost_yearly: Some([1500.0, 3000.0]),
            return_yearly: None,
            assumptions: Some("Coût".into()),
        }],
        envelope: Some(EnvelopeFile {
            one_off: 20000.0,
            yearly: 2500.5,
            staff_days: 40.0,
        }),
    }
}

/// Reads `text` back through the loader's YAML parser.
fn reread(text: &str) -> AuditFile {
    read_audit("a.yaml", text).unwrap_or_else(|d| panic!("{d}\n{text}"))
}

#[test]
fn the_canonical_text_of_a_sample_audit() {
    let text = write_audit(&methodology(), &sample(), WriteOptions::default());
    let expected = r#"# yaml-language-server: $schema=../../../schemas/audit-1.3.schema.json
# Démonstration
# seconde ligne
methodology: "1.3"
date: 2026-11-24
status: draft
track: light
auditors:
  - "BEP — conseillère \"commerce\""
summary: |
  **Projet** : un.

  Deux.
answers:
  - criterion: s-informer.b
    score: na
    evidence: "ligne\nsuivante"
  - criterion: s-informer.a
    score: 2
    evidence: "L'ADL\test désigné"
    sources:
      - annuaire
  - criterion: acheter.c
    score: a-repondre
inventory:
  - type: annuaire
    name: "Annuaire"
    holder: ""
    access: open
    format: "CSV"
    refresh: "annuel"
    personal_data: none
    legal_basis: ""
    dpia: false
    dpia_required: false
    quality: 3
    steps:
      - s-informer
    citation: "CC0"
plan:
  - action: horaires
    criteria:
      - s-informer.a
    owner: "ADL"
    staff_days: 6
    budget_one_off: 0
    start: 2026-Q3
    end: 2027-Q1
    status: in-progress
    kpi: "de 7 à 14 sur 20"
indicators:
  shops: 35
  vacancy_rate: 11.5
outcomes:
  - indicator: vacance
    value: 56.1
    date: 2026-03-21
    method: "Relevé"
economics:
  - step: acheter
    cost_yearly: [1500, 3000]
    assumptions: "Coût"
envelope:
  one_off: 20000
  yearly: 2500.5
  staff_days: 40
"#;
    assert_eq!(text, expected);
}

#[test]
fn it_reads_back_to_the_same_audit_and_writes_the_same_bytes() {
    let m = methodology();
    let audit = sample();
    let text = write_audit(&m, &audit, WriteOptions::default());
    let back = reread(&text);
    let mut sorted = audit.clone();
    sorted.answers.reverse(); // the methodology's order
    assert_eq!(back, sorted);
    assert_eq!(write_audit(&m, &back, WriteOptions::default()), text);
}

#[test]
fn an_empty_audit_still_has_its_lists() {
    let audit = command::blank("1.3", "2026-12-01");
    let text = write_audit(&methodology(), &audit, WriteOptions::default());
    assert_eq!(
        text,
        "# yaml-language-server: $schema=../../../schemas/audit-1.3.schema.json\nmethodology: \"1.3\"\ndate: 2026-12-01\nstatus: draft\nauditors: []\nanswers: []\ninventory: []\nplan: []\n"
    );
    assert_eq!(reread(&text), audit);
}

#[test]
fn questions_come_as_one_comment_line_before_each_answer() {
    let options = WriteOptions { questions: true };
    let text = write_audit(&methodology(), &sample(), options);
    assert!(
        text.contains(
            "answers:\n  # Première question ? sur deux lignes\n  - criterion: s-informer.b\n"
        ),
        "{text}"
    );
    assert_eq!(reread(&text).answers.len(), 3);
}

#[test]
fn a_text_that_a_literal_block_would_change_is_quoted() {
    let m = methodology();
    for summary in [
        "a \nb",
        " a\nb",
        "a\n\n",
        "\na\nb",
        "a\tb\nc",
        "un\u{2028}deux\nx",
    ] {
        let audit = AuditFile {
            summary: Some(summary.into()),
            ..sample()
        };
        let text = write_audit(&m, &audit, WriteOptions::default());
        assert!(text.contains("summary: \""), "{summary:?}: {text}");
        assert_eq!(reread(&text).summary.as_deref(), Some(summary));
    }
}

#[test]
fn ids_that_yaml_would_read_otherwise_are_quoted() {
    for (id, shown) in [
        ("true", "\"true\""),
        ("2024", "\"2024\""),
        ("a: b", "\"a: b\""),
        ("x # y", "\"x # y\""),
        ("ok.id-1", "ok.id-1"),
    ] {
        assert_eq!(yaml::id(id), shown);
    }
}

#[test]
fn numbers_read_back_to_the_same_value() {
    for v in [0.0, 6.0, 11.5, 1e9, 1e20, 0.1 + 0.2, 1e-7, 123_456.789] {
        let text = format!("v: {}\n", yaml::number(v));
        let back: std::collections::BTreeMap<String, f64> =
            serde_saphyr::from_str(&text).expect("parses");
        assert_eq!(back["v"].to_bits(), v.to_bits(), "{text}");
    }
}

fn text_strategy() -> impl Strategy<Value = String> {
    // Printable text with the characters the writer must escape or keep as they are; the
    // loader refuses control characters other than tab and line breaks, so they are not made.
    proptest::collection::vec(
        prop_oneof![
            Just('"'),
            Just('\\'),
            Just('\n'),
            Just('\t'),
            Just(' '),
            Just('#'),
            Just(':'),
            Just('\u{2028}'),
            Just('é'),
            proptest::char::range('a', 'z'),
        ],
        0..40,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_texts_and_numbers_round_trip(
        evidence in text_strategy(),
        summary in text_strategy(),
        auditor in text_strategy(),
        owner in text_strategy(),
        comment in text_strategy(),
        id in text_strategy(),
        value in 0.0f64..1e9,
    ) {
        let m = methodology();
        let mut audit = sample();
        audit.answers[1].evidence = evidence;
        audit.summary = Some(summary).filter(|s| !s.is_empty());
        audit.auditors = vec![auditor];
        audit.plan[0].owner = owner;
        audit.plan[0].action = id;
        audit.outcomes[0].value = value;
        audit.comments = vec![yaml::comment(&comment)];
        let text = write_audit(&m, &audit, WriteOptions::default());
        prop_assert!(text.ends_with('\n') && !text.ends_with("\n\n"));
        prop_assert!(text.lines().all(|l| l.trim_end() == l), "trailing space: {text}");
        let back = reread(&text);
        audit.answers.reverse();
        prop_assert_eq!(&back, &audit);
        prop_assert_eq!(write_audit(&m, &back, WriteOptions::default()), text);
    }
}

#[test]
fn every_header_and_label_built_at_run_time_has_its_french_text() {
    use super::sheet::*;
    let table = crate::i18n::table();
    let columns = CRITERIA_COLUMNS
        .iter()
        .chain(&INVENTORY_COLUMNS)
        .chain(&PLAN_COLUMNS)
        .chain(&OUTCOME_COLUMNS)
        .chain(&ECONOMICS_COLUMNS)
        .chain(&["key", "label", "value"]);
    for key in columns {
        assert!(
            table.contains_key(&format!("sheet.col.{key}")),
            "sheet.col.{key}"
        );
    }
    for key in IDENTITY_KEYS.iter().chain(&[AUDITOR]) {
        assert!(
            table.contains_key(&format!("sheet.id.{key}")),
            "sheet.id.{key}"
        );
    }
    for key in INDICATOR_KEYS {
        assert!(
            table.contains_key(&format!("sheet.ind.{key}")),
            "sheet.ind.{key}"
        );
    }
    for key in ENVELOPE_KEYS {
        assert!(
            table.contains_key(&format!("sheet.env.{key}")),
            "sheet.env.{key}"
        );
    }
    for key in SHEETS {
        assert!(table.contains_key(key), "{key}");
    }
    for key in ["criterion", "source", "type", "step", "action", "indicator"] {
        assert!(
            table.contains_key(&format!("import.what.{key}")),
            "import.what.{key}"
        );
    }
}
