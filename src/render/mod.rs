//! Stage 4, render: the checked model → pages (path → bytes). Pure: no disk access.
//!
//! Every page receives `site`, `t` (the translation table), `root` (the relative path back to
//! the site root, so the output works from any base path and from a local folder) and its own
//! context, built here with every number already formatted.

mod figures;
mod handbook;
mod report;
pub mod templates;
mod tender;
mod territory;

mod changelog;

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::aggregate::{self, Latest, Latests};

use crate::diagnostic::Diagnostic;
use crate::format;
use crate::load::theme::Template;
use crate::model::Model;
use crate::model::*;

use crate::site::Site;

/// What to render besides the published content.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Render draft audits and the unreleased methodology, with a banner.
    pub drafts: bool,
    /// Render the pages of these communes only (every commune's when `None`).
    pub communes: Option<std::collections::BTreeSet<String>>,
    /// Leave the handbook out (an incremental rebuild keeps the previous one).
    pub skip_handbook: bool,
}

impl RenderOptions {
    /// Tells whether the pages of the commune `slug` are to be rendered.
    pub fn renders_commune(&self, slug: &str) -> bool {
        self.communes
            .as_ref()
            .is_none_or(|only| only.contains(slug))
    }
}

/// Renders every page of the site.
pub fn render_site(
    model: &Model,
    tera: &tera::Tera,
    templates: &[Template],
    statics: &[(String, Vec<u8>)],
    options: &RenderOptions,
) -> Result<Site, Vec<Diagnostic>> {
    let r = Renderer::new(model, tera, templates, options);
    let latest = aggregate::latest_audits(model, options.drafts);
    let mut pages = vec![r.portal(&latest)];
    for version in r.versions().iter().filter(|_| !options.skip_handbook) {
        pages.extend(r.handbook(version));
    }
    for commune in model
        .communes
        .iter()
        .filter(|c| options.renders_commune(&c.slug))
    {
        pages.extend(r.commune(commune, &latest));
    }
    pages.extend(r.intercommunales(&latest));
    pages.push(r.region(&latest));
    let mut site = collect_pages(pages)?;
    for (name, bytes) in statics {
        site.insert(format!("static/{name}"), bytes.clone());
    }
    for (path, bytes) in crate::export::export_data(model, &|slug| options.renders_commune(slug)) {
        site.insert(path, bytes);
    }
    let schema = crate::scaffold::audit_schema(&model.methodologies[model.latest()]);
    let mut schema = serde_json::to_string_pretty(&schema).unwrap_or_default();
    schema.push('\n');
    site.insert("data/audit.schema.json".into(), schema.into_bytes());
    // `latest/` mirrors the newest released version: same depth, so the same bytes work.
    let latest = model.latest().to_string();
    let prefix = format!("handbook/{latest}/");
    let copies: Vec<(String, Vec<u8>)> = site
        .iter()
        .filter_map(|(p, b)| {
            p.strip_prefix(&prefix)
                .map(|rest| (format!("handbook/latest/{rest}"), b.clone()))
        })
        .collect();
    for (p, b) in copies {
        site.insert(p, b);
    }
    Ok(site)
}

/// Renders the pages of `communes` only, all under `communes/<slug>/`, against every commune's
/// latest audit (`latest`, computed once by the caller): no handbook, no aggregate page, so a
/// large site can be rendered and written chunk by chunk.
pub fn render_communes(
    model: &Model,
    tera: &tera::Tera,
    templates: &[Template],
    options: &RenderOptions,
    communes: &[&Commune],
    latest: &Latests<'_>,
) -> Result<Site, Vec<Diagnostic>> {
    let r = Renderer::new(model, tera, templates, options);
    let mut site = collect_pages(communes.iter().flat_map(|c| r.commune(c, latest)))?;
    site.extend(crate::export::export_communes(model, communes));
    Ok(site)
}

/// The translation table as a template value, built once and shared by every page (a template
/// value's map is reference-counted, so this costs no copy).
fn translations() -> tera::Value {
    static TABLE: std::sync::OnceLock<tera::Value> = std::sync::OnceLock::new();
    TABLE
        .get_or_init(|| tera::Value::from_serializable(crate::i18n::table()))
        .clone()
}

pub(crate) struct Renderer<'a> {
    model: &'a Model,
    tera: &'a tera::Tera,
    paths: BTreeMap<&'a str, &'a str>,
    options: &'a RenderOptions,
}

impl<'a> Renderer<'a> {
    fn new(
        model: &'a Model,
        tera: &'a tera::Tera,
        templates: &'a [Template],
        options: &'a RenderOptions,
    ) -> Self {
        let paths = templates
            .iter()
            .map(|t| (t.name.as_str(), t.path.as_str()))
            .collect();
        Renderer {
            model,
            tera,
            paths,
            options,
        }
    }
}

/// Gathers rendered pages into a site, or every distinct error when one failed.
fn collect_pages(pages: impl IntoIterator<Item = Page>) -> Result<Site, Vec<Diagnostic>> {
    let mut site = Site::default();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for page in pages {
        match page {
            Ok((path, html)) => drop(site.insert(path, html.into_bytes())),
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(site)
    } else {
        Err(errors)
    }
}

pub(crate) type Page = Result<(String, String), Diagnostic>;

/// Returns the relative path from a page at `path` back to the site root.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

impl Renderer<'_> {
    fn versions(&self) -> Vec<String> {
        self.model
            .order
            .iter()
            .filter(|v| self.options.drafts || Some(*v) != self.model.draft.as_ref())
            .cloned()
            .collect()
    }

    fn render(&self, path: &str, template: &str, title: &str, mut ctx: Value) -> Page {
        let root = root_of(path);
        let base = json!({
            "site": {
                "title": self.model.config.title,
                "publisher": self.model.config.publisher,
                "licence": self.model.config.data_licence,
            },
            "root": root,
            "page_title": title,
            "head_title": head_title(title, &self.model.config.title),
            "page_path": path,
            "latest": self.model.latest(),
            "demo_notice": self.model.communes.iter().any(|c| c.fictional),
        });
        if let (Value::Object(c), Value::Object(b)) = (&mut ctx, base) {
            for (k, v) in b {
                c.entry(k).or_insert(v);
            }
        }
        let mut context = tera::Context::from_serialize(&ctx).map_err(|e| {
            Diagnostic::error(path, 0, 0, crate::i18n::f("diag.template-render", &[&e]))
        })?;
        if !context.contains_key("t") {
            context.insert_value("t", translations());
        }
        self.tera
            .render(template, &context)
            .map(|html| (path.to_string(), html))
            .map_err(|e| templates::template_error(&e, &self.paths))
    }

    fn portal(&self, latest: &[Latest<'_>]) -> Page {
        let communes: Vec<Value> = self
            .model
            .communes
            .iter()
            .map(|c| {
                let latest = c.visible_audits(self.options.drafts).last();
                json!({
                    "name": c.name,
                    "href": format!("communes/{}/index.html", c.slug),
                    "province": c.province,
                    "intercommunale": self.intercommunale_name(&c.intercommunale),
                    "audit": latest.map(|a| format::date(&a.date)),
                    "version": latest.map(|a| a.methodology.clone()),
                    "draft": latest.is_some_and(|a| a.status == crate::model::AuditStatus::Draft),
                })
            })
            .collect();
        let versions: Vec<Value> = self
            .versions()
            .iter()
            .rev()
            .map(|v| json!({"label": v, "href": format!("handbook/{v}/index.html"), "changes": format!("handbook/{v}/changements.html"), "draft": Some(v) == self.model.draft.as_ref()}))
            .collect();
        let m = &self.model.methodologies[self.model.latest()];
        let (drafts, mixed) = territory::aggregate_caveats(latest);
        self.render(
            "index.html",
            "index.html",
            &self.model.config.title,
            json!({
                "communes": communes,
                "versions": versions,
                "intercommunales": self.model.config.intercommunales.iter().filter(|(id, _)| self.model.communes.iter().any(|c| &c.intercommunale == *id)).map(|(id, ic)| json!({"name": ic.name, "href": format!("intercommunales/{id}/index.html")})).collect::<Vec<_>>(),
                "strip": self.strip_chart(latest, "portail-indices"),
                "audited": latest.len(),
                "drafts_included": drafts,
                "mixed_versions": mixed,
                "methodology": {"title": m.title, "version": m.version, "steps": m.steps.iter().map(|s| &s.name).collect::<Vec<_>>(),
                    "criteria": m.criteria.len(), "sources": m.sources.len(), "actions": m.actions.len()},
            }),
        )
    }

    fn intercommunale_name(&self, id: &str) -> String {
        self.model
            .config
            .intercommunales
            .get(id)
            .map(|i| i.name.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

/// The longest `<title>` kept whole (html-validate counts escaped apostrophes as five
/// characters against its limit of 70); longer ones lose the site name, then are cut at a word.
const TITLE_MAX: usize = 60;

/// Returns the document title: the page's, followed by the site's when both fit.
fn head_title(page: &str, site: &str) -> String {
    if page == site {
        return site.to_string();
    }
    let full = format!("{page} · {site}");
    if full.chars().count() <= TITLE_MAX {
        return full;
    }
    if page.chars().count() <= TITLE_MAX {
        return page.to_string();
    }
    let mut cut = String::new();
    for word in page.split_whitespace() {
        if cut.chars().count() + word.chars().count() + 2 > TITLE_MAX {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The relative URL of a generated handbook page, from a page whose way back to the version's
/// folder is `hb`.
pub fn ref_href(hb: &str, scheme: &str, id: &str) -> String {
    match scheme {
        "critere" => format!("{hb}criteres/{id}.html"),
        "etape" => format!("{hb}etapes/{id}.html"),
        "angle" => format!("{hb}angles/{id}.html"),
        "source" => format!("{hb}sources/{id}.html"),
        "action" => format!("{hb}actions/{id}.html"),
        _ => format!("{hb}{id}.html"),
    }
}

/// Escapes plain text for a template slot that is printed unescaped (`| safe`).
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn first_paragraph(md: &str) -> String {
    md.split("\n\n").next().unwrap_or("").to_string()
}

fn score_label(m: &Methodology, s: Score) -> String {
    match s {
        Score::Level(l) => format!(
            "{l} — {}",
            m.scale
                .levels
                .get(l as usize)
                .map(|x| x.label.as_str())
                .unwrap_or("")
        ),
        Score::Na => m.scale.na.label.clone(),
        Score::Inconnu => m.scale.inconnu.label.clone(),
    }
}

pub(crate) fn personal_label(p: PersonalData) -> &'static str {
    crate::i18n::t(match p {
        PersonalData::None => "personal.none",
        PersonalData::Pseudonymised => "personal.pseudonymised",
        PersonalData::Personal => "personal.personal",
    })
}

/// The translation key of an access kind.
pub fn access_key(a: Access) -> &'static str {
    match a {
        Access::Open => "open",
        Access::Internal => "internal",
        Access::Partner => "partner",
        Access::Purchasable => "purchasable",
        Access::None => "none",
    }
}

pub(crate) fn plan_key(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Planned => "planned",
        PlanStatus::InProgress => "in-progress",
        PlanStatus::Done => "done",
        PlanStatus::Dropped => "dropped",
    }
}

#[cfg(test)]
mod tests {
    use super::head_title;

    #[test]
    fn issue_11_plain_text_is_escaped() {
        assert_eq!(
            super::escape_html("<img src=x onerror=\"alert('1')\"> & co"),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co"
        );
    }

    #[test]
    fn titles_stay_short() {
        assert_eq!(head_title("Glossaire", "Site"), "Glossaire · Site");
        let long = "Les dispositifs qui captent des signaux des passants ont-ils fait l'objet d'une analyse d'impact ?";
        let t = head_title(long, "Smart Commerce — Parcours-client");
        assert!(t.chars().count() <= 60, "{t}");
        assert!(t.ends_with('…') && t.starts_with("Les dispositifs"), "{t}");
    }
}
