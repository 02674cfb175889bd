//! Issue 7: `parcours serve` serves the site, rebuilds on change, shows errors over the last
//! good build, and answers only pages of the site.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use crate::incremental::{edit, several_communes};

/// How long a rebuild may take to show up (debug build, shared machine).
const WAIT: Duration = Duration::from_secs(30);

/// Sends one raw HTTP/1.1 request and returns the status and the body.
fn get(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).to_string();
    let status = response
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Fetches `target` until `done` holds for its body, within [`WAIT`].
fn wait_for(addr: SocketAddr, target: &str, what: &str, done: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (_, body) = get(addr, target);
        if done(&body) {
            return body;
        }
        assert!(
            start.elapsed() < WAIT,
            "{what}: not seen within {WAIT:?}; last body:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn issue_7_serve_rebuilds_on_edit_shows_errors_and_stays_inside_the_site() {
    let fixture = several_communes();
    let root = fixture.root.clone();
    // A file outside the repository, that requests try to reach. (Links to it from the theme
    // are refused when the repository is loaded: see hardening::d4_*.)
    let secret = root.parent().unwrap().join("secret.txt");
    std::fs::write(&secret, "SECRET-OUTSIDE-THE-SITE").unwrap();

    let options = parcours::Options {
        root: root.clone(),
        ..Default::default()
    };
    let server = parcours::serve::start(&options, "127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = server.addr();

    // Pages are served with the reload script; drafts are shown with their banner.
    let (status, portal) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(portal.contains("/__parcours/reload.js"));
    let page = "/communes/alpha/";
    let (status, before) = get(addr, page);
    assert_eq!(status, 200, "{before}");
    let (status, draft) = get(addr, "/communes/valdor/");
    assert_eq!(status, 200);
    assert!(
        draft.contains("banner-draft"),
        "the draft audit is previewed with its banner"
    );
    let (status, script) = get(addr, "/__parcours/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    // Building reads every file: that alone must not trigger another build.
    std::thread::sleep(parcours::serve::DEBOUNCE * 10);
    assert_eq!(
        server.generation(),
        1,
        "the preview rebuilt without any change"
    );

    // An open page hears about the rebuild.
    let mut events = TcpStream::connect(addr).unwrap();
    events.set_read_timeout(Some(WAIT)).unwrap();
    let generation = server.generation();
    write!(
        events,
        "GET /__parcours/events?since={generation} HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();

    // Edit an audit: the page is rebuilt.
    edit(
        &root,
        "communes/alpha/audits/2025-04.yaml",
        "Annuaire en ligne revu chaque trimestre.",
        "Annuaire revu APRES-EDITION.",
    );
    wait_for(addr, page, "the edited page", |body| {
        body.contains("APRES-EDITION")
    });
    let mut heard = String::new();
    let mut buf = [0u8; 512];
    while !heard.contains("data: reload") {
        let n = events.read(&mut buf).expect("the event stream answers");
        assert!(n > 0, "the event stream closed: {heard}");
        heard.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(
        heard.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"),
        "{heard}"
    );

    break_and_fix(&root, addr, page);

    assert_serves_only_the_site(addr);

    // The preview writes nothing into the repository.
    assert!(!root.join("build").exists());
    server.stop();
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err(),
        "stopped"
    );
}

/// Breaks an audit: the last good page stays under an overlay with the escaped diagnostic;
/// then fixes it, and the overlay goes.
fn break_and_fix(root: &std::path::Path, addr: std::net::SocketAddr, page: &str) {
    // Break it: the last good page stays, under an overlay with the escaped diagnostic.
    edit(
        root,
        "communes/alpha/audits/2025-04.yaml",
        "criterion: stationner.agents",
        "criterion: \"<b>stationner.agent</b>\"",
    );
    let broken = wait_for(addr, page, "the error overlay", |body| {
        body.contains("id=\"parcours-erreurs\"")
    });
    assert!(
        broken.contains("APRES-EDITION"),
        "the last good build is still served"
    );
    assert!(
        broken.contains("communes/alpha/audits/2025-04.yaml:"),
        "{broken}"
    );
    assert!(
        broken.contains("&lt;b&gt;stationner.agent&lt;/b&gt;"),
        "the diagnostic is escaped"
    );
    assert!(!broken.contains("<b>stationner.agent</b>"));
    let (_, other) = get(addr, "/index.html");
    assert!(
        other.contains("id=\"parcours-erreurs\""),
        "every page shows the overlay"
    );

    // Fix it: the overlay goes away.
    edit(
        root,
        "communes/alpha/audits/2025-04.yaml",
        "criterion: \"<b>stationner.agent</b>\"",
        "criterion: stationner.agents",
    );
    wait_for(addr, page, "the overlay to go", |body| {
        !body.contains("parcours-erreurs") && body.contains("APRES-EDITION")
    });
}

/// Only pages of the site are served: traversal, encoded traversal, absolute paths and
/// escaping links are refused.
fn assert_serves_only_the_site(addr: std::net::SocketAddr) {
    for target in [
        "/../secret.txt",
        "/communes/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/static/%2e%2e/%2e%2e/secret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
    ] {
        let (status, body) = get(addr, target);
        assert_eq!(status, 403, "{target}");
        assert!(
            !body.contains("SECRET") && !body.contains("root:"),
            "{target}"
        );
    }
    for target in [
        "/etc/passwd",
        "/static/fuite.txt",
        "/static/dehors/secret.txt",
    ] {
        let (status, body) = get(addr, target);
        assert_eq!(status, 404, "{target}");
        assert!(
            !body.contains("SECRET") && !body.contains("root:"),
            "{target}"
        );
    }
    let absolute = format!("http://{addr}/../secret.txt");
    assert_eq!(get(addr, &absolute).0, 400);
}

#[test]
fn issue_7_serve_command_prints_its_url_and_stops_on_ctrl_c() {
    use std::io::BufRead;
    let fixture = several_communes();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args([
            "--root",
            fixture.root.to_str().unwrap(),
            "serve",
            "--port",
            "0",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .expect("prints its URL");
    let addr: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    assert_eq!(get(addr, "/").0, 200);
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < WAIT, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
}
