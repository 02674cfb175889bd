//! Issue 14, the tender page of every demo commune (built with its drafts): only procurable
//! actions become lots, each with its own deliverables and award criteria; internal work,
//! agreements and subsidy applications are listed apart; amounts say HTVA with the procedure
//! they imply; versions that do not classify actions make no lot; no date before the audit's.

use std::collections::BTreeMap;
use std::path::Path;

use parcours::model::{ActionKind, Methodology, Model, PlanStatus};

use crate::support::main_of;

fn demo() -> (Model, BTreeMap<String, Vec<u8>>) {
    let options = parcours::Options {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        drafts: true,
        ..Default::default()
    };
    let (prepared, _) = parcours::prepare(&options).expect("no I/O error");
    let site = parcours::build_site(&options)
        .expect("no I/O error")
        .site
        .expect("the demo builds with its drafts");
    (prepared.expect("the demo checks").model, site)
}

/// The values of `data-action` of the elements that open with `open`, in page order.
fn actions_in(html: &str, open: &str) -> Vec<String> {
    const ATTR: &str = "data-action=\"";
    html.match_indices(open)
        .filter_map(|(at, _)| {
            let tag = &html[at..at + html[at..].find('>')?];
            let start = tag.find(ATTR)? + ATTR.len();
            let end = start + tag[start..].find('"')?;
            Some(tag[start..end].to_string())
        })
        .collect()
}

/// The text of the lot `id`'s `<article>`.
fn lot_of<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("data-action=\"{id}\""))
        .expect("lot present");
    let end = start + html[start..].find("</article>").expect("lot closes");
    &html[start..end]
}

/// The items of the `<ul>` or `<table>` of class `class` inside `html`, tags stripped.
fn items(html: &str, open: &str, close: &str, item: &str) -> Vec<String> {
    let Some(start) = html.find(open) else {
        return Vec::new();
    };
    let end = start + html[start..].find(close).expect("list closes");
    html[start..end]
        .split(item)
        .skip(1)
        .map(|s| plain_spaces(strip_tags(s).trim()))
        .collect()
}

/// The page's typography (narrow and plain no-break spaces) read as plain spaces, so that the
/// text compares with the methodology's.
fn plain_spaces(s: &str) -> String {
    s.replace(['\u{202f}', '\u{a0}'], " ")
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

// The month names the pages write.
use parcours::format::MONTHS;

/// Every « 14 mars 2025 » or « mars 2025 » date in a text, as (year, month), but for the
/// names of laws (« la loi du 17 juin 2016 »).
fn dates_in(text: &str) -> Vec<(u32, u32)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = MONTHS.iter().position(|m| w == m) else {
            continue;
        };
        if i >= 2 && words[i - 2] == "du" {
            continue;
        }
        if let Some(y) = words.get(i + 1).and_then(|y| {
            y.trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse::<u32>()
                .ok()
        }) {
            out.push((y, m as u32 + 1));
        }
    }
    out
}

/// A lot shows its own action's deliverables and award criteria, an amount HTVA and a
/// procedure; returns its deliverables.
fn check_lot(slug: &str, m: &Methodology, lot: &str, id: &str) -> Vec<String> {
    let a = m.action(id).unwrap();
    let deliverables = items(lot, "<ul class=\"deliverables\">", "</ul>", "<li>");
    let written: Vec<String> = a.deliverables.iter().map(|d| plain_spaces(d)).collect();
    assert_eq!(
        deliverables, written,
        "{slug}: {id} has its own deliverables"
    );
    assert!(!deliverables.is_empty());
    let award = items(lot, "<table class=\"award\">", "</table>", "<tr><td>");
    let names: Vec<String> = a
        .award_criteria
        .iter()
        .map(|x| format!("{}{} %", x.name, x.weight))
        .collect();
    assert_eq!(award, names, "{slug}: {id} has its own award criteria");
    assert!(lot.contains("HTVA"), "{slug}: {id} amounts say HTVA");
    let procedures = [
        "procedure.faible-montant",
        "procedure.negociee-sans-publication",
        "procedure.publication-belge",
        "procedure.publication-europeenne",
    ];
    let text = plain_spaces(&strip_tags(lot));
    assert!(
        procedures
            .iter()
            .any(|p| text.contains(&plain_spaces(parcours::i18n::t(p)))),
        "{slug}: {id} names its procedure"
    );
    deliverables
}

/// Internal work, agreements and subsidies are listed apart, each under its own kind.
fn check_outside(slug: &str, m: &Methodology, main: &str, planned: &[&str]) {
    for kind in [
        ActionKind::Interne,
        ActionKind::Convention,
        ActionKind::Subside,
    ] {
        let open = format!("<ul class=\"outside outside-{}\">", kind.id());
        let listed: Vec<String> = match main.find(&open) {
            Some(at) => {
                let end = at + main[at..].find("</ul>").unwrap();
                actions_in(&main[at..end], "<li data-action")
            }
            None => Vec::new(),
        };
        let expected: Vec<&str> = planned
            .iter()
            .copied()
            .filter(|id| m.action(id).and_then(|a| a.kind) == Some(kind))
            .collect();
        assert_eq!(listed, expected, "{slug}: {} listed apart", kind.id());
    }
}

#[test]
fn issue_14_every_lot_is_a_procurement_with_its_own_deliverables_and_award_criteria() {
    let (model, site) = demo();
    let scored = parcours::score::score(&model, true);
    let mut deliverable_lists: Vec<Vec<String>> = Vec::new();
    for c in &model.communes {
        let Some(audit) = c.visible_audits(true).last() else {
            continue;
        };
        let m: &Methodology = &model.methodologies[&audit.methodology];
        let page = String::from_utf8(
            site[&format!("communes/{}/cahier-des-charges.html", c.slug)].clone(),
        )
        .unwrap();
        let main = main_of(&page);
        let classifies = m.actions.iter().any(|a| a.kind.is_some());
        let mut planned: Vec<&str> = audit
            .plan
            .iter()
            .filter(|p| p.status == PlanStatus::Planned)
            .map(|p| p.action.as_str())
            .collect();
        if planned.is_empty() {
            // No adopted plan: the tender covers the plan the audit proposes, and says so.
            let proposed = scored
                .communes
                .iter()
                .find(|cs| cs.commune.slug == c.slug)
                .and_then(|cs| cs.audits.last())
                .expect("the commune is scored");
            planned = proposed
                .plan
                .actions
                .iter()
                .map(|p| p.candidate.action.as_str())
                .collect();
            assert!(
                planned.is_empty() || main.contains("class=\"proposed\"") || !classifies,
                "{}: the tender says its lots come from the proposed plan",
                c.slug
            );
        }
        let kind_of = |id: &str| m.action(id).and_then(|a| a.kind);
        let lots = actions_in(&main, "<article class=\"lot\"");
        if !classifies {
            assert!(
                lots.is_empty(),
                "{}: a version without kinds makes no lot",
                c.slug
            );
            assert!(
                main.contains("class=\"unclassified\""),
                "{}: says so",
                c.slug
            );
            assert_eq!(
                actions_in(&main, "<li data-action"),
                planned,
                "{}: every planned action is listed « à qualifier »",
                c.slug
            );
            assert!(main.contains("à qualifier"));
            continue;
        }
        let expected: Vec<&str> = planned
            .iter()
            .copied()
            .filter(|id| kind_of(id) == Some(ActionKind::Marche))
            .collect();
        assert_eq!(
            lots, expected,
            "{}: the lots are the planned marchés",
            c.slug
        );
        for id in &lots {
            deliverable_lists.push(check_lot(&c.slug, m, lot_of(&main, id), id));
        }
        check_outside(&c.slug, m, &main, &planned);
    }
    let lots_seen = deliverable_lists.len();
    assert!(
        lots_seen >= 3,
        "the demo shows lots (the 1.3 draft audit): {lots_seen}"
    );
    let mut distinct = deliverable_lists.clone();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        deliverable_lists.len(),
        "no shared deliverables text"
    );
}

#[test]
fn issue_14_no_tender_page_shows_a_date_before_its_audit_and_drafts_say_brouillon() {
    let (model, site) = demo();
    for c in &model.communes {
        let Some(audit) = c.visible_audits(true).last() else {
            continue;
        };
        let page = String::from_utf8(
            site[&format!("communes/{}/cahier-des-charges.html", c.slug)].clone(),
        )
        .unwrap();
        let main = main_of(&page);
        // The sections the tender writes: the lots, the rest, the calendar. (The context cites the
        // audit, the GDPR table the inventory's own words, the budget the laws by their dates.)
        let section = |id: &str| {
            let at = main
                .find(&format!("aria-labelledby=\"{id}\""))
                .expect("section shown");
            let end = at + main[at..].find("</section>").unwrap();
            main[at..end].to_string()
        };
        let written = ["t-lots", "t-hors", "t-calendrier"].map(section).join(" ");
        let year: u32 = audit.date[..4].parse().unwrap();
        let month: u32 = audit.date[5..7].parse().unwrap();
        let text = strip_tags(&written);
        for (y, m) in dates_in(&text) {
            assert!(
                (y, m) >= (year, month),
                "{}: {m}/{y} is before the audit {}",
                c.slug,
                audit.date
            );
        }
        let quarter = text.as_bytes().windows(7).any(|w| {
            w[..4].iter().all(u8::is_ascii_digit)
                && w[4] == b'-'
                && matches!(w[5], b'T' | b'Q')
                && w[6].is_ascii_digit()
        });
        assert!(!quarter, "{}: no quarter in the calendar", c.slug);
        let draft = audit.status == parcours::model::AuditStatus::Draft
            || model.draft.as_deref() == Some(audit.methodology.as_str());
        assert_eq!(
            page.contains("Brouillon"),
            draft,
            "{}: Brouillon banner iff draft",
            c.slug
        );
        assert!(
            strip_tags(&page).contains("hors TVA (HTVA)"),
            "{}: amounts say HTVA",
            c.slug
        );
        assert!(
            strip_tags(&page).contains("Seuils en vigueur au 1er janvier 2026, à vérifier"),
            "{}",
            c.slug
        );
    }
}
