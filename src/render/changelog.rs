//! Versions in pages: the handbook's changelog page and the report's "what changed" section.
//!
//! Both read [`crate::changelog`], computed from the checked methodologies; nothing here compares
//! methodologies itself. Pure, like the rest of `render`.

use serde_json::{json, Value};

use crate::changelog::{diff, follow_criteria, summary, Change, Changelog, Kind};
use crate::i18n::{f, t};
use crate::model::Audit;

use super::Renderer;

impl Renderer<'_> {
    /// The published version before `version`, if any.
    fn previous_version(&self, version: &str) -> Option<String> {
        let versions = self.versions();
        let i = versions.iter().position(|v| v == version)?;
        i.checked_sub(1).map(|j| versions[j].clone())
    }

    /// The newest released version when it is newer than `version`.
    pub(super) fn newer_version(&self, version: &str) -> Option<String> {
        let order = &self.model.order;
        let latest = self.model.latest();
        let (Some(i), Some(j)) = (
            order.iter().position(|v| v == version),
            order.iter().position(|v| v == latest),
        ) else {
            return None;
        };
        (i < j).then(|| latest.to_string())
    }

    /// The context of `handbook/<version>/changements.html`: (path, title, context).
    pub(super) fn changelog_context(&self, version: &str) -> (String, String, Value) {
        let path = format!("handbook/{version}/changements.html");
        let title = f("changelog.page-title", &[&version]);
        let Some(previous) = self.previous_version(version) else {
            return (path, title.clone(), json!({"title": title, "first": true}));
        };
        let changelog = diff(
            &self.model.methodologies[&previous],
            &self.model.methodologies[version],
        );
        let sections: Vec<Value> = Kind::ALL
            .iter()
            .filter_map(|&kind| {
                let entries: Vec<Value> = changelog
                    .of_kind(kind)
                    .map(|e| {
                        // A removed item's page only exists in the older version.
                        let href = match e.change {
                            Change::Removed { .. } => format!("../{previous}/{}/{}.html", kind.folder(), e.id),
                            _ => format!("{}/{}.html", kind.folder(), e.id),
                        };
                        json!({
                            "change": e.change.key(),
                            "summary": code_html(&summary(e)),
                            "name": e.name,
                            "href": href,
                            "details": e.details.iter().map(|d| code_html(&d.text())).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                (!entries.is_empty()).then(|| json!({"title": t(kind.heading_key()), "entries": entries}))
            })
            .collect();
        let ctx = json!({
            "title": title,
            "first": false,
            "intro": f("changelog.intro", &[&previous, &version]),
            "previous": {"label": previous, "href": format!("../{previous}/changements.html")},
            "sections": sections,
        });
        (path, title, ctx)
    }

    /// What the newest version changes for an audit's answers, when a newer version exists.
    ///
    /// `root` leads from the report back to the site root.
    pub(super) fn newer_changes(&self, audit: &Audit, root: &str) -> Value {
        let Some(latest) = self.newer_version(&audit.methodology) else {
            return Value::Null;
        };
        let order = &self.model.order;
        let from = order
            .iter()
            .position(|v| *v == audit.methodology)
            .unwrap_or(0);
        let to = order.iter().position(|v| *v == latest).unwrap_or(from);
        let chain: Vec<Changelog> = order[from..=to]
            .windows(2)
            .map(|w| {
                diff(
                    &self.model.methodologies[&w[0]],
                    &self.model.methodologies[&w[1]],
                )
            })
            .collect();
        let old = &self.model.methodologies[&audit.methodology];
        let new = &self.model.methodologies[&latest];
        let old_ids: Vec<String> = old.criteria.iter().map(|c| c.id.clone()).collect();
        let answered: Vec<String> = old_ids
            .iter()
            .filter(|id| audit.answers.contains_key(*id))
            .cloned()
            .collect();
        let (fates, added) = follow_criteria(&chain, &old_ids, &answered);
        let old_hb = format!("{root}handbook/{}/", audit.methodology);
        let new_hb = format!("{root}handbook/{latest}/");
        let link = |id: &str| {
            let question = new
                .criterion(id)
                .map(|c| c.question.clone())
                .unwrap_or_default();
            json!({"id": id, "question": question, "href": format!("{new_hb}criteres/{id}.html")})
        };
        let changed: Vec<Value> = fates
            .iter()
            .map(|fate| {
                let renamed = fate.now != [fate.id.clone()];
                json!({
                    "id": fate.id,
                    "question": old.criterion(&fate.id).map(|c| c.question.clone()).unwrap_or_default(),
                    "href": format!("{old_hb}criteres/{}.html", fate.id),
                    "removed": fate.now.is_empty(),
                    "now": if renamed { fate.now.iter().map(|id| link(id)).collect::<Vec<_>>() } else { Vec::new() },
                    "details": fate.details.iter().map(|d| code_html(&d.text())).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "version": latest,
            "title": f("report.newer-title", &[&latest]),
            "intro": f("report.newer-intro", &[&audit.methodology, &latest]),
            "changed": changed,
            "added": added.iter().map(|id| link(id)).collect::<Vec<_>>(),
            "changelog": {"title": f("report.newer-changelog", &[&latest]), "href": format!("{new_hb}changements.html")},
        })
    }
}

/// Escapes a changelog line for HTML and sets the ids it quotes between backticks in `<code>`.
fn code_html(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    let mut out = String::new();
    for (i, part) in escaped.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str(&format!("<code>{part}</code>"));
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_in_backticks_become_code_and_the_rest_is_escaped() {
        assert_eq!(
            super::code_html("poids de `a.b` : <1> & « l'x »"),
            "poids de <code>a.b</code> : &lt;1&gt; &amp; « l&#39;x »"
        );
    }
}
