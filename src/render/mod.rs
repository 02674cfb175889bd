//! Stage 4, render: the scored model → pages (path → bytes), put into a [`Sink`]. No disk access.
//!
//! One renderer for every use: the whole site in memory ([`MemorySink`]), the build streamed
//! into its staging folder (`site::Staging` is a sink), and the preview's partial rebuild (a
//! [`Selection`] of communes into memory). The work is cut into [`Job`]s, the shared pages
//! (portal, each handbook version, territories, open data, statics) and chunks of communes,
//! rendered in parallel; each job's pages go to the sink as soon as they are ready, so a large
//! site never sits in memory whole.
//!
//! Every page receives `site`, `t` (the translation table), `root` (the relative path back to
//! the site root, so the output works from any base path and from a local folder) and its own
//! context, built here with every number already formatted.

mod figures;
mod handbook;
mod portal;
mod report;
pub mod templates;
mod tender;
mod territory;

mod changelog;
mod context;
mod sink;

pub use sink::{MemorySink, Rendered, Selection, Sink, Site};

pub(crate) use context::Html;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::*;
use crate::score::{CommuneScores, Scored};

/// The compiled theme: templates and static files.
pub struct CompiledTheme {
    /// The compiled templates.
    pub tera: tera::Tera,
    /// The theme's templates, for locating errors.
    pub templates: Vec<crate::load::theme::Template>,
    /// Static files of the theme, by path under `static/`.
    pub statics: Vec<(String, Vec<u8>)>,
}

/// A unit of rendering work.
#[derive(Clone, Copy)]
enum Job<'s, 'm> {
    /// The portal, the home page of the site.
    Portal,
    /// A part of one methodology version of the handbook (with the `latest/` mirror for the
    /// newest).
    Handbook(&'s handbook::Version<'m>, handbook::Part),
    /// The intercommunale and Region pages.
    Territories,
    /// The open data shared by every commune, the audit schema and the theme's static files.
    Shared,
    /// The pages and open data of a few communes.
    Communes(&'s [&'s CommuneScores<'m>]),
}

/// Communes rendered in one job: small enough to keep memory flat, large enough to amortise.
const CHUNK: usize = 16;

/// Renders the `selection` of the site into `sink`: see [`run`].
pub fn render(
    scored: &Scored<'_>,
    theme: &CompiledTheme,
    selection: &Selection,
    sink: &dyn Sink,
) -> anyhow::Result<Rendered> {
    let r = Renderer::new(scored, theme);
    let names = r.versions();
    let versions: Vec<handbook::Version> = if selection.handbook {
        names.iter().map(|v| r.version(v)).collect()
    } else {
        Vec::new()
    };
    let communes: Vec<&CommuneScores> = scored
        .communes
        .iter()
        .filter(|c| selection.renders_commune(&c.commune.slug))
        .collect();
    let mut jobs = vec![Job::Portal, Job::Territories, Job::Shared];
    for v in &versions {
        jobs.extend(v.parts().into_iter().map(|part| Job::Handbook(v, part)));
    }
    jobs.extend(communes.chunks(CHUNK).map(Job::Communes));
    run(&r, jobs, sink)
}

/// Renders only the pages of the handbook chapters `chapters` (version → chapter slugs), for
/// the preview after an edit that changed chapter bodies and nothing else.
pub fn render_chapters(
    scored: &Scored<'_>,
    theme: &CompiledTheme,
    chapters: &BTreeMap<String, std::collections::BTreeSet<String>>,
    sink: &dyn Sink,
) -> anyhow::Result<Rendered> {
    let r = Renderer::new(scored, theme);
    let versions: Vec<(handbook::Version, Vec<usize>)> = chapters
        .iter()
        .filter(|(v, _)| scored.model.handbooks.contains_key(*v))
        .map(|(v, slugs)| {
            let chapters = &scored.model.handbooks[v];
            let at = (0..chapters.len())
                .filter(|&i| slugs.contains(&chapters[i].slug))
                .collect();
            (r.version(v), at)
        })
        .collect();
    let jobs = versions
        .iter()
        .flat_map(|(v, at)| {
            at.iter()
                .map(move |&i| Job::Handbook(v, handbook::Part::Chapters(i, i + 1)))
        })
        .collect();
    run(&r, jobs, sink)
}

/// Renders `jobs` in parallel into `sink`.
///
/// Every job is rendered even after one fails, so the errors are the same whatever the thread
/// timing; once one failed, pages stop going to the sink. Errors of the sink (a disk full) end
/// the render.
fn run(r: &Renderer<'_>, jobs: Vec<Job<'_, '_>>, sink: &dyn Sink) -> anyhow::Result<Rendered> {
    let files = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Vec<anyhow::Result<Vec<Diagnostic>>> = jobs
        .into_par_iter()
        .map(|job| match r.job(job) {
            Ok(site) if !failed.load(Ordering::Relaxed) => {
                let mirror = r.mirror(job, &site);
                files.fetch_add(site.len() + mirror.len(), Ordering::Relaxed);
                sink.put(site)?;
                sink.alias(mirror).map(|()| Vec::new())
            }
            Ok(_) => Ok(Vec::new()),
            Err(errors) => {
                failed.store(true, Ordering::Relaxed);
                Ok(errors)
            }
        })
        .collect();
    let mut errors = Vec::new();
    for result in results {
        errors.extend(result?);
    }
    crate::diagnostic::sort(&mut errors);
    Ok(Rendered {
        files: files.into_inner(),
        errors,
    })
}

/// Renders the whole site in memory.
pub fn render_site(scored: &Scored<'_>, theme: &CompiledTheme) -> Result<Site, Vec<Diagnostic>> {
    let sink = MemorySink::default();
    match render(scored, theme, &Selection::all(), &sink) {
        Ok(r) if r.errors.is_empty() => Ok(sink.into_site()),
        Ok(r) => Err(r.errors),
        Err(e) => Err(vec![Diagnostic::error("", 0, 0, e.to_string())]),
    }
}

/// The site's own facts, on every page as `site`.
#[derive(Serialize)]
struct SiteFacts<'a> {
    /// The site title, from `parcours.toml`.
    title: &'a str,
    /// Who publishes it.
    publisher: &'a str,
    /// The licence of the open data.
    licence: &'a str,
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
    model: &'a crate::model::Model,
    scored: &'a Scored<'a>,
    theme: &'a CompiledTheme,
    paths: BTreeMap<&'a str, &'a str>,
    drafts: bool,
    /// The chapter slugs of each version, for the version switcher.
    chapter_slugs: BTreeMap<&'a str, std::collections::BTreeSet<&'a str>>,
}

impl<'a> Renderer<'a> {
    fn new(scored: &'a Scored<'a>, theme: &'a CompiledTheme) -> Self {
        let paths = theme
            .templates
            .iter()
            .map(|t| (t.name.as_str(), t.path.as_str()))
            .collect();
        Renderer {
            model: scored.model,
            scored,
            theme,
            paths,
            drafts: scored.drafts,
            chapter_slugs: scored
                .model
                .handbooks
                .iter()
                .map(|(v, chapters)| {
                    (
                        v.as_str(),
                        chapters.iter().map(|c| c.slug.as_str()).collect(),
                    )
                })
                .collect(),
        }
    }

    fn job(&self, job: Job<'_, '_>) -> Result<Site, Vec<Diagnostic>> {
        match job {
            Job::Portal => collect_pages([self.portal(&self.scored.latest)]),
            Job::Handbook(version, part) => collect_pages(self.handbook(version, part)),
            Job::Territories => {
                let latest = &self.scored.latest;
                let mut pages = self.intercommunales(latest);
                pages.push(self.region(latest));
                collect_pages(pages)
            }
            Job::Shared => Ok(self.shared_files()),
            Job::Communes(chunk) => {
                let mut site = collect_pages(chunk.iter().flat_map(|c| self.commune(c)))?;
                site.extend(crate::export::export_communes(chunk));
                Ok(site)
            }
        }
    }

    /// The open data over every commune, the audit schema and the theme's static files.
    fn shared_files(&self) -> Site {
        let mut site = Site::default();
        for (name, bytes) in &self.theme.statics {
            site.insert(format!("static/{name}"), bytes.clone());
        }
        site.extend(crate::export::export_shared(self.scored));
        let schema = crate::scaffold::audit_schema(&self.model.methodologies[self.model.latest()]);
        let mut schema = serde_json::to_string_pretty(&schema).expect("a JSON value serialises");
        schema.push('\n');
        site.insert("data/audit.schema.json".into(), schema.into_bytes());
        site
    }
}

impl Renderer<'_> {
    /// The pages of `handbook/latest/` that `site`, the pages of `job`, gives: for the newest
    /// version's pages, the same file under `latest/` (same depth, so the same bytes work
    /// there), as pairs (page, its `latest/` path).
    fn mirror(&self, job: Job<'_, '_>, site: &Site) -> Vec<(String, String)> {
        let Job::Handbook(version, _) = job else {
            return Vec::new();
        };
        if version.name() != self.model.latest() {
            return Vec::new();
        }
        site.keys()
            .filter_map(|p| {
                let rest = p.strip_prefix(version.base())?;
                Some((p.clone(), format!("handbook/latest/{rest}")))
            })
            .collect()
    }
}

/// Gathers rendered pages into a site, or every distinct error when one failed.
fn collect_pages(pages: impl IntoIterator<Item = Page>) -> Result<Site, Vec<Diagnostic>> {
    let mut site = Site::default();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for page in pages {
        match page {
            Ok((path, html)) => drop(site.insert(path, html.into_bytes())),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(site)
    } else {
        crate::diagnostic::sort(&mut errors);
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
            .filter(|v| self.drafts || Some(*v) != self.model.draft.as_ref())
            .cloned()
            .collect()
    }

    /// Renders `template` at `path` with the page's own context and what every page receives
    /// (a key of the page's context wins over the shared one of the same name), its text set in
    /// French typography ([`crate::typo::french_html`]), charts included.
    fn render<T: Serialize>(&self, path: &str, template: &str, title: &str, page: T) -> Page {
        let located = |e: tera::Error| {
            Diagnostic::error(path, 0, 0, crate::i18n::f("diag.template-render", &[&e]))
        };
        let mut context = tera::Context::from_serialize(&page).map_err(located)?;
        let config = &self.model.config;
        let site = SiteFacts {
            title: &config.title,
            publisher: &config.publisher,
            licence: &config.data_licence,
        };
        let shared: [(&str, tera::Value); 8] = [
            ("site", tera::Value::from_serializable(&site)),
            ("root", root_of(path).into()),
            ("page_title", title.into()),
            ("head_title", head_title(title, &config.title).into()),
            ("page_path", path.into()),
            ("latest", self.model.latest().into()),
            (
                "demo_notice",
                self.model.communes.iter().any(|c| c.fictional).into(),
            ),
            ("t", translations()),
        ];
        for (key, value) in shared {
            if !context.contains_key(key) {
                context.insert_value(key, value);
            }
        }
        self.theme
            .tera
            .render(template, &context)
            .map(|html| (path.to_string(), crate::typo::french_html(&html)))
            .map_err(|e| templates::template_error(&e, &self.paths))
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
        Score::ARepondre => crate::i18n::t("score.a-repondre").to_string(),
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
