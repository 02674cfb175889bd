//! The integration suite: one binary, one module per feature (see STYLE.md).

mod architecture;
mod content;
mod demo;
mod determinism;
mod diagnostics;
mod exports;
mod handbook;
mod hardening;
mod incremental;
mod outcomes;
mod plan;
mod presentation;
mod reports;
mod robustness;
mod scaffold;
mod schema;
mod security;
mod serve;
mod serve_http;
mod serve_preview;
mod subfolder;
mod support;
mod tender;
mod track;
mod typography;
mod versions;
