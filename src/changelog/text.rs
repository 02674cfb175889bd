//! The French text of a changelog: each change, each detail, and the terminal form that
//! `parcours diff` prints.

use crate::format;
use crate::i18n::{f, t};
use crate::model::{PersonalData, Trigger};

use super::{Change, Changelog, Detail, Entry, Kind};

impl Detail {
    /// Says the change in French, e.g. `poids : 1 → 2`.
    pub fn text(&self) -> String {
        match self {
            Detail::Name(a, b) => f("changelog.name", &[a, b]),
            Detail::Description => t("changelog.description").to_string(),
            Detail::Frictions => t("changelog.frictions").to_string(),
            Detail::Step(a, b) => f("changelog.step", &[a, b]),
            Detail::Angle(a, b) => f("changelog.angle", &[a, b]),
            Detail::Weight(a, b) => f(
                "changelog.weight",
                &[&format::decimal(*a), &format::decimal(*b)],
            ),
            Detail::Descriptors(levels) => {
                let levels: Vec<String> = levels.iter().map(usize::to_string).collect();
                f("changelog.descriptors", &[&levels.join(", ")])
            }
            Detail::Links(key, added, removed) => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(f("changelog.links-added", &[&ids(added)]));
                }
                if !removed.is_empty() {
                    parts.push(f("changelog.links-removed", &[&ids(removed)]));
                }
                format!("{} : {}", t(key), parts.join(" ; "))
            }
            Detail::PersonalData(a, b) => f("changelog.personal", &[&personal(*a), &personal(*b)]),
            Detail::Triggers(a, b) => f("changelog.triggers", &[&triggers(a), &triggers(b)]),
            Detail::CostOneOff(a, b) => f(
                "changelog.cost-one-off",
                &[&format::euro_range(*a), &format::euro_range(*b)],
            ),
            Detail::CostYearly(a, b) => f(
                "changelog.cost-yearly",
                &[&format::euro_range(*a), &format::euro_range(*b)],
            ),
            Detail::Impact(a, b) => f("changelog.impact", &[a, b]),
            Detail::StaffDays(a, b) => f(
                "changelog.staff-days",
                &[&format::day_range(*a), &format::day_range(*b)],
            ),
            Detail::LeadTime(a, b) => f("changelog.lead-time", &[a, b]),
            Detail::Scaling(_, now) => t(match now {
                crate::model::Scaling::Band => "changelog.scaling-band",
                crate::model::Scaling::Fixed => "changelog.scaling-fixed",
            })
            .to_string(),
            Detail::ActionKind(a, b) => f("changelog.kind", &[&kind(*a), &kind(*b)]),
            Detail::TenderTerms => t("changelog.tender-terms").to_string(),
            Detail::Light(_, now) => t(if *now {
                "changelog.light-joined"
            } else {
                "changelog.light-left"
            })
            .to_string(),
        }
    }
}

fn kind(k: Option<crate::model::ActionKind>) -> String {
    k.map_or_else(
        || t("changelog.kind-none").to_string(),
        |k| format!("`{}`", k.id()),
    )
}

fn ids(list: &[String]) -> String {
    list.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn personal(p: PersonalData) -> &'static str {
    t(match p {
        PersonalData::None => "personal.none",
        PersonalData::Pseudonymised => "personal.pseudonymised",
        PersonalData::Personal => "personal.personal",
    })
}

fn triggers(list: &[Trigger]) -> String {
    if list.is_empty() {
        return t("crit.none").to_string();
    }
    list.iter()
        .map(|tr| format!("`{}` ≤ {}", tr.criterion, tr.max_level))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Says how an entry changed, in French, without its details.
pub fn summary(e: &Entry) -> String {
    match &e.change {
        Change::Added { from: Some(from) } => f("changelog.added-from", &[&e.id, from]),
        Change::Added { from: None } => f("changelog.added", &[&e.id]),
        Change::Renamed { from } => f("changelog.renamed", &[from, &e.id]),
        Change::Removed { into } if into.len() > 1 => f("changelog.split", &[&e.id, &ids(into)]),
        Change::Removed { into } if into.len() == 1 => {
            f("changelog.replaced", &[&e.id, &ids(into)])
        }
        Change::Removed { .. } => f("changelog.removed", &[&e.id]),
        Change::Changed => f("changelog.changed", &[&e.id]),
    }
}

/// A note's Markdown as one line of plain text for the terminal: emphasis marks dropped, a link
/// reduced to its text, line breaks joined.
pub(crate) fn plain(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find("](").map(|i| open + i);
        let end = close.and_then(|c| rest[c..].find(')').map(|i| c + i));
        let (Some(close), Some(end)) = (close, end) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out.replace("**", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prints a changelog for the terminal, as `parcours diff` shows it.
pub fn to_text(c: &Changelog) -> String {
    to_text_with_notes(c, &[])
}

/// Prints a changelog for the terminal with the editors' notes of the newer version: the
/// general ones under the title, each other one under the change it is about.
pub fn to_text_with_notes(c: &Changelog, notes: &[crate::model::Note]) -> String {
    let mut out = f("changelog.title-text", &[&c.from, &c.to]);
    out.push('\n');
    for n in notes.iter().filter(|n| n.about.is_empty()) {
        out.push_str(&format!("  {} {}\n", t("changelog.note"), plain(&n.text)));
    }
    if c.is_empty() {
        out.push_str(&format!("  {}\n", t("changelog.none")));
        return out;
    }
    for kind in Kind::ALL {
        let entries: Vec<&Entry> = c.of_kind(kind).collect();
        if entries.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", t(kind.heading_key())));
        for e in entries {
            let sign = match e.change.key() {
                "added" => '+',
                "removed" | "split" => '-',
                "renamed" => '→',
                _ => '~',
            };
            out.push_str(&format!("  {sign} {} — {}\n", summary(e), e.name));
            for d in &e.details {
                out.push_str(&format!("      {}\n", d.text()));
            }
            for n in notes.iter().filter(|n| n.about.contains(&e.id)) {
                out.push_str(&format!(
                    "      {} {}\n",
                    t("changelog.note"),
                    plain(&n.text)
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod notes {
    use super::*;
    use crate::model::Note;

    #[test]
    fn notes_read_as_one_plain_line_under_their_change() {
        assert_eq!(
            plain("Voir **ceci** et [Calibrer l'audit](chapitre:calibrer)\n  : fin."),
            "Voir ceci et Calibrer l'audit : fin."
        );
        let c = Changelog {
            from: "1.0".into(),
            to: "1.1".into(),
            entries: Vec::new(),
        };
        let general = Note {
            about: Vec::new(),
            text: "Tout\nchange.".into(),
        };
        let text = to_text_with_notes(&c, &[general]);
        assert!(text.contains("Note des éditeurs : Tout change."), "{text}");
    }
}
