//! Measures the preview's save-to-rebuilt latency on a repository: starts `parcours serve` in
//! process, listens to the reload stream as an open page does, edits one audit and times the
//! moment the page is told to reload. Also times the incremental rebuild alone (no watcher, no
//! debounce). Prints medians in milliseconds. The preview runs from the repository folder with
//! the default root, as `parcours serve` does.
//!
//! ```sh
//! cargo run --release --example bench_preview -- /tmp/parcours-261 [--runs 7]
//! ```
//!
//! It edits `communes/<first commune>/audits/<last audit>` and restores it at the end; with
//! `--chapter content/handbook/<…>.md` it edits that handbook chapter's body instead (the
//! chapter-only rebuild of the preview), e.g. on the peer corpus of `tools/peer/`:
//!
//! ```sh
//! cargo run --release --example bench_preview -- /tmp/parcours-bench/peer/n10000/parcours \
//!     --chapter content/handbook/s050/p05007.md
//! ```

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut runs = 7usize;
    let mut chapter = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--chapter" => chapter = Some(args.next().expect("--chapter PATH")),
            _ => root = Some(PathBuf::from(arg)),
        }
    }
    let root = root.expect("usage: bench_preview <repository> [--runs N] [--chapter PATH]");
    if let Some(chapter) = chapter {
        return bench_chapter(&root, &chapter, runs);
    }
    let mut communes: Vec<PathBuf> = std::fs::read_dir(root.join("communes"))
        .expect("communes/")
        .map(|e| e.expect("entry").path())
        .collect();
    communes.sort();
    let commune = communes.first().expect("a commune").clone();
    let slug = commune.file_name().unwrap().to_string_lossy().to_string();
    let mut audits: Vec<PathBuf> = std::fs::read_dir(commune.join("audits"))
        .expect("audits/")
        .map(|e| e.expect("entry").path())
        .collect();
    audits.sort();
    let audit = audits.last().expect("an audit").clone();
    let original = std::fs::read_to_string(&audit).expect("audit");
    let edited = |i: usize| {
        original.replacen(
            "summary: |\n",
            &format!("summary: |\n  Modification n° {i}.\n"),
            1,
        )
    };

    let options = parcours::Options {
        root: root.clone(),
        ..Default::default()
    };

    // The incremental rebuild alone, as the preview runs it.
    let drafts = parcours::Options {
        drafts: true,
        ..options.clone()
    };
    let changed: BTreeSet<String> = [slug.clone()].into();
    let mut previous = parcours::incremental::Previous::default();
    parcours::incremental::build(&drafts, &mut previous).expect("build");
    let mut rebuild = Vec::new();
    let mut rerendered = 0;
    for i in 0..runs {
        std::fs::write(&audit, edited(i)).expect("edit");
        let start = Instant::now();
        let (outcome, update) =
            parcours::incremental::rebuild(&drafts, &changed, &mut previous).expect("rebuild");
        rebuild.push(start.elapsed());
        assert!(!outcome.failed(), "the repository has errors");
        rerendered = update.map(|u| u.communes.len()).unwrap_or(0);
    }

    // Save → the open page is told to reload, with the preview started as a user starts it:
    // from the repository folder, with the default root `.`.
    let audit = std::fs::canonicalize(&audit).expect("audit");
    std::env::set_current_dir(&root).expect("the repository folder");
    let from_inside = parcours::Options {
        root: PathBuf::from("."),
        ..options.clone()
    };
    let server =
        parcours::serve::start(&from_inside, "127.0.0.1:0".parse().unwrap()).expect("serve");
    let mut latency = Vec::new();
    for i in 0..runs {
        latency.push(save_to_reload(&server, || {
            std::fs::write(&audit, edited(runs + i)).expect("edit")
        }));
    }
    server.stop();
    std::fs::write(&audit, original).expect("restore");

    println!(
        "preview: {} communes, {rerendered} re-rendered after one audit edit; incremental rebuild median {:.0} ms; save-to-reload median {:.0} ms (debounce {} ms); {runs} runs",
        communes.len(),
        median_ms(&mut rebuild),
        median_ms(&mut latency),
        parcours::serve::DEBOUNCE.as_millis()
    );
}

/// Times the preview after edits of one chapter's body: the chapter-only rebuild alone, then
/// from save to the reload message, as for an audit.
fn bench_chapter(root: &std::path::Path, chapter: &str, runs: usize) {
    let file = root.join(chapter);
    let original = std::fs::read_to_string(&file).expect("the chapter");
    let edited = |i: usize| format!("{original}\nModification n° {i}.\n");
    let options = parcours::Options {
        root: root.to_path_buf(),
        drafts: true,
        ..Default::default()
    };
    let mut previous = parcours::incremental::Previous::default();
    let built = parcours::incremental::build(&options, &mut previous).expect("build");
    let pages = built.files;
    let mut rebuild = Vec::new();
    for i in 0..runs {
        std::fs::write(&file, edited(i)).expect("edit");
        let start = Instant::now();
        let rebuilt =
            parcours::incremental::rebuild_chapters(&options, &mut previous).expect("rebuild");
        rebuild.push(start.elapsed());
        assert!(
            matches!(rebuilt, parcours::incremental::ChapterRebuild::Done(ref o, Some(_)) if !o.failed()),
            "the chapter was not rebuilt alone"
        );
    }
    let file = std::fs::canonicalize(&file).expect("chapter");
    std::env::set_current_dir(root).expect("the repository folder");
    let from_inside = parcours::Options {
        root: PathBuf::from("."),
        ..Default::default()
    };
    let server =
        parcours::serve::start(&from_inside, "127.0.0.1:0".parse().unwrap()).expect("serve");
    while server.generation() == 0 {
        std::thread::sleep(Duration::from_millis(50)); // the first, full build
    }
    let mut latency = Vec::new();
    for i in 0..runs {
        latency.push(save_to_reload(&server, || {
            std::fs::write(&file, edited(runs + i)).expect("edit")
        }));
    }
    server.stop();
    std::fs::write(&file, original).expect("restore");
    println!(
        "preview: {pages} files, one chapter edited; chapter rebuild median {:.0} ms; save-to-reload median {:.0} ms (debounce {} ms); {runs} runs",
        median_ms(&mut rebuild),
        median_ms(&mut latency),
        parcours::serve::DEBOUNCE.as_millis()
    );
}

/// Waits until an open page's reload stream is ready, runs `edit`, and times the moment the
/// page is told to reload.
fn save_to_reload(server: &parcours::serve::Server, edit: impl FnOnce()) -> Duration {
    let addr = server.addr();
    std::thread::sleep(Duration::from_millis(300)); // let the watcher settle
    let mut events = TcpStream::connect(addr).expect("connect");
    events
        .set_read_timeout(Some(Duration::from_secs(120)))
        .unwrap();
    let generation = server.generation();
    write!(
        events,
        "GET /__parcours/events?since={generation} HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    let mut heard = String::new();
    let mut buf = [0u8; 256];
    while !heard.contains("retry:") {
        let n = events.read(&mut buf).expect("stream");
        heard.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let start = Instant::now();
    edit();
    while !heard.contains("data: reload") {
        let n = events.read(&mut buf).expect("stream");
        assert!(n > 0, "stream closed");
        heard.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    start.elapsed()
}

fn median_ms(values: &mut [Duration]) -> f64 {
    values.sort();
    values[values.len() / 2].as_secs_f64() * 1000.0
}
