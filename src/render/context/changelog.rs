//! Contexts of the changelog page (`changelog.html`) and of the report's "what changed"
//! section (`report_newer.html`).
//!
//! They own their text: both are built from a changelog computed for the page.

use serde::Serialize;

use super::Html;

/// `changelog.html`: what a version changes from the one before.
#[derive(Serialize)]
pub(crate) struct ChangelogPage {
    /// The page's title.
    pub title: String,
    /// Whether this is the first published version (nothing to compare with).
    pub first: bool,
    /// The sentence naming both versions; absent for the first version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// The changelog of the version before; absent for the first version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<Previous>,
    /// One section per kind of item that changed; absent for the first version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<Section>>,
    /// The editors' notes on the whole version, Markdown rendered; absent when there is none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Html>,
    /// The erratum of this version, when `[versions]` re-points it to a corrected commit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erratum: Option<ErratumView>,
}

/// A version's erratum, listed apart from its changes.
#[derive(Serialize)]
pub(crate) struct ErratumView {
    /// The section's heading.
    pub title: &'static str,
    /// The sentence naming the original and the corrected commits.
    pub intro: String,
    /// What the correction changed, one line each (ids in code).
    pub changes: Vec<Html>,
}

/// The link to the previous version's changelog.
#[derive(Serialize)]
pub(crate) struct Previous {
    /// The previous version, e.g. `1.0`.
    pub label: String,
    /// Its changelog page.
    pub href: String,
}

/// The changes to one kind of item (steps, criteria…).
#[derive(Serialize)]
pub(crate) struct Section {
    /// The section's heading.
    pub title: &'static str,
    /// One entry per item that changed.
    pub entries: Vec<Entry>,
}

/// One item that changed.
#[derive(Serialize)]
pub(crate) struct Entry {
    /// The kind of change, for the entry's class: `added`, `removed`, `modified`, `renamed`….
    pub change: &'static str,
    /// What changed, in one line.
    pub summary: Html,
    /// The item's name.
    pub name: String,
    /// The item's page: in this version, or in the previous one when it was removed.
    pub href: String,
    /// One line per detail of the change.
    pub details: Vec<Html>,
    /// The editors' notes on this change: what changed and why (one item may change for two
    /// reasons, each with its note).
    pub notes: Vec<Html>,
}

/// `report_newer.html`: what the newest version changes for an audit's answers.
#[derive(Serialize)]
pub(crate) struct NewerChanges {
    /// The section's heading.
    pub title: String,
    /// The sentence naming the audit's version and the newest.
    pub intro: String,
    /// The answered criteria that the newest version removes, renames or changes.
    pub changed: Vec<ChangedCriterion>,
    /// The criteria the newest version adds.
    pub added: Vec<NewCriterion>,
    /// The newest version's changelog page.
    pub changelog: ChangelogLink,
}

/// A link to a changelog page.
#[derive(Serialize)]
pub(crate) struct ChangelogLink {
    /// The link's text.
    pub title: String,
    /// The changelog page.
    pub href: String,
}

/// An answered criterion that changes in the newest version.
#[derive(Serialize)]
pub(crate) struct ChangedCriterion {
    /// Its id in the audit's version.
    pub id: String,
    /// Its question in the audit's version (empty if unknown).
    pub question: String,
    /// Its page in the audit's version.
    pub href: String,
    /// Whether the newest version drops it.
    pub removed: bool,
    /// The criteria it becomes, when it is renamed or split; empty otherwise.
    pub now: Vec<NewCriterion>,
    /// One line per change to its wording, levels or weight.
    pub details: Vec<Html>,
}

/// A criterion of the newest version.
#[derive(Serialize)]
pub(crate) struct NewCriterion {
    /// Its id.
    pub id: String,
    /// Its question (empty if unknown).
    pub question: String,
    /// Its page in the newest version.
    pub href: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANGELOG: &str = include_str!("../../../themes/default/templates/changelog.html");
    const NEWER: &str = include_str!("../../../themes/default/templates/report_newer.html");

    /// Fails on a field of `value` the template never reads as `var.field`: a dead field.
    fn all_read(template: &str, var: &str, value: &impl Serialize) {
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(value) else {
            panic!("not an object");
        };
        for k in map.keys() {
            assert!(
                template.contains(&format!("{var}.{k}")),
                "{var}.{k} is never read"
            );
        }
    }

    fn criterion() -> NewCriterion {
        NewCriterion {
            id: "a.b".into(),
            question: "Q ?".into(),
            href: "criteres/a.b.html".into(),
        }
    }

    #[test]
    fn every_field_of_the_changelog_contexts_is_read() {
        let entry = Entry {
            change: "added",
            summary: Html::escape("ajouté"),
            name: "n".into(),
            href: "etapes/n.html".into(),
            details: vec![],
            notes: vec![Html::escape("pourquoi")],
        };
        all_read(CHANGELOG, "e", &entry);
        let section = Section {
            title: "t",
            entries: vec![],
        };
        all_read(CHANGELOG, "s", &section);
        let previous = Previous {
            label: "1.0".into(),
            href: "../1.0/changements.html".into(),
        };
        all_read(CHANGELOG, "previous", &previous);
        let changed = ChangedCriterion {
            id: "a.b".into(),
            question: "Q ?".into(),
            href: "h".into(),
            removed: false,
            now: vec![criterion()],
            details: vec![],
        };
        all_read(NEWER, "c", &changed);
        all_read(NEWER, "n", &criterion());
        let newer = NewerChanges {
            title: "t".into(),
            intro: "i".into(),
            changed: vec![changed],
            added: vec![],
            changelog: ChangelogLink {
                title: "t".into(),
                href: "h".into(),
            },
        };
        all_read(NEWER, "newer", &newer);
        all_read(NEWER, "newer.changelog", &newer.changelog);
    }

    #[test]
    fn the_first_version_has_nothing_to_compare() {
        let page = ChangelogPage {
            title: "Changements".into(),
            first: true,
            intro: None,
            previous: None,
            sections: None,
            notes: Vec::new(),
            erratum: None,
        };
        let value = serde_json::to_value(&page).unwrap_or_default();
        assert_eq!(
            value,
            serde_json::json!({"title": "Changements", "first": true})
        );
    }
}
