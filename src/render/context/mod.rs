//! Typed page contexts: one `Serialize` struct per template, so a template's inputs are
//! visible in Rust and a field no template reads shows up in review.
//!
//! Every number or date a template prints is already formatted (a `String`), except counts a
//! template tests for zero. Text a template prints with `| safe` is an [`Html`], which only the
//! Markdown renderer and the escapers here can build.

pub(crate) mod changelog;
pub(crate) mod handbook;

use serde::Serialize;

use super::{Page, Renderer};

impl Renderer<'_> {
    /// Renders `template` at `path` with a typed context (see [`Renderer::render`]).
    pub(crate) fn render_page(
        &self,
        path: &str,
        template: &str,
        title: &str,
        ctx: &impl Serialize,
    ) -> Page {
        self.render(path, template, title, ctx)
    }
}

/// HTML that is safe to print unescaped (`| safe`): sanitized Markdown or escaped plain text.
///
/// Serialises as its string; there is no way to build one from arbitrary text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub(crate) struct Html(String);

impl Html {
    /// Renders handbook Markdown (sanitized), resolving `critere:`-style links with `resolve`.
    pub(crate) fn markdown(source: &str, resolve: &dyn Fn(&str, &str) -> Option<String>) -> Self {
        Html(crate::markdown::to_html(source, resolve))
    }

    /// Renders one paragraph of Markdown without its `<p>` (sanitized), resolving no links.
    pub(crate) fn inline_markdown(source: &str) -> Self {
        Html(crate::markdown::to_inline_html(source, &|_, _| None))
    }

    /// Renders Markdown a commune submitted (an audit summary): sanitized, with no internal
    /// link resolved.
    pub(crate) fn submitted_markdown(source: &str) -> Self {
        Html(crate::markdown::to_submitted_html(source))
    }

    /// Takes a chart's SVG, drawn by [`crate::charts`] from escaped text only.
    pub(crate) fn chart(svg: String) -> Self {
        Html(svg)
    }

    /// Escapes plain text.
    pub(crate) fn escape(text: &str) -> Self {
        Html(super::escape_html(text))
    }

    /// Escapes a changelog line and sets the ids it quotes between backticks in `<code>`.
    pub(crate) fn escape_with_code(text: &str) -> Self {
        let escaped = super::escape_html(text);
        let mut out = String::with_capacity(escaped.len());
        for (i, part) in escaped.split('`').enumerate() {
            if i % 2 == 1 {
                out.push_str("<code>");
                out.push_str(part);
                out.push_str("</code>");
            } else {
                out.push_str(part);
            }
        }
        Html(out)
    }

    /// The HTML text.
    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// A link to a page, labelled by its title.
#[derive(Serialize)]
pub(crate) struct Link<'a> {
    /// The page's title, plain text.
    pub title: &'a str,
    /// The page's URL, relative to the page that links.
    pub href: String,
}

#[cfg(test)]
mod tests {
    use super::Html;

    #[test]
    fn ids_in_backticks_become_code_and_the_rest_is_escaped() {
        assert_eq!(
            Html::escape_with_code("poids de `a.b` : <1> & « l'x »").as_str(),
            "poids de <code>a.b</code> : &lt;1&gt; &amp; « l&#39;x »"
        );
    }

    #[test]
    fn html_serialises_as_its_text() {
        let v = serde_json::to_value(Html::escape("<b>")).unwrap_or_default();
        assert_eq!(v, serde_json::json!("&lt;b&gt;"));
    }
}
