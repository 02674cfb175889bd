//! The integration suite: one binary, one module per feature (see STYLE.md).

mod content;
mod demo;
mod determinism;
mod diagnostics;
mod exports;
mod handbook;
mod incremental;
mod reports;
mod scaffold;
mod security;
mod serve;
mod support;
mod versions;
