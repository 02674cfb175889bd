//! Issue 11 (redteam D13, D19): the preview's HTTP answers to malformed, oversized and
//! misdirected requests, each a status and never a hang or a reset.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use crate::support::Fixture;

/// Starts the preview of the minimal fixture in process.
fn start() -> (parcours::serve::Server, Fixture) {
    let fixture = Fixture::new("minimal");
    let options = parcours::Options {
        root: fixture.root.clone(),
        ..Default::default()
    };
    let server = parcours::serve::start(&options, "127.0.0.1:0".parse().unwrap()).unwrap();
    (server, fixture)
}

/// Sends `request` as raw bytes (from another thread, so a server that stops reading cannot
/// block the test) and returns the whole response and how long it took.
fn raw(addr: SocketAddr, request: Vec<u8>) -> (String, Duration) {
    let start = Instant::now();
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let sending = std::thread::spawn(move || {
        let _ = writer.write_all(&request);
    });
    // Read until the server closes, or for 15 s in all (an event stream never closes).
    let mut response = Vec::new();
    let mut buf = [0u8; 8192];
    while start.elapsed() < Duration::from_secs(15) {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => response.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
    let _ = sending.join();
    (
        String::from_utf8_lossy(&response).to_string(),
        start.elapsed(),
    )
}

fn status(response: &str) -> u16 {
    response
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[test]
fn issue_11_http_statuses_for_malformed_and_oversized_requests() {
    let (server, _fixture) = start();
    let addr = server.addr();
    let host = format!("Host: {addr}\r\n");
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("empty request line", b"\r\n\r\n".to_vec(), 400),
        (
            "bare LF line endings",
            format!("GET / HTTP/1.1\n{}\n\n", host.trim_end()).into_bytes(),
            200,
        ),
        (
            "a target of 100 kB",
            format!("GET /{} HTTP/1.1\r\n{host}\r\n", "a".repeat(100_000)).into_bytes(),
            414,
        ),
        (
            "a header of 1 MB",
            format!("GET / HTTP/1.1\r\n{host}X: {}\r\n\r\n", "a".repeat(1 << 20)).into_bytes(),
            431,
        ),
        (
            "10,000 headers",
            format!("GET / HTTP/1.1\r\n{host}{}\r\n", "X: 1\r\n".repeat(10_000)).into_bytes(),
            431,
        ),
        (
            "HTTP/2 preface",
            b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec(),
            505,
        ),
        (
            "TLS ClientHello",
            b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec(),
            400,
        ),
        ("no Host", b"GET / HTTP/1.1\r\n\r\n".to_vec(), 400),
    ];
    for (what, request, expected) in cases {
        let (response, took) = raw(addr, request);
        assert_eq!(status(&response), expected, "{what}: {response:.300}");
        assert!(
            took < Duration::from_secs(3),
            "{what}: answered after {took:?}"
        );
    }
    for method in ["OPTIONS", "POST", "PUT", "DELETE", "TRACE", "BREW"] {
        let (response, _) = raw(
            addr,
            format!("{method} / HTTP/1.1\r\n{host}\r\n").into_bytes(),
        );
        assert_eq!(status(&response), 405, "{method}");
        assert!(response.contains("\r\nAllow: GET, HEAD\r\n"), "{response}");
    }
    server.stop();
}

#[test]
fn issue_11_head_of_the_event_stream_opens_no_stream() {
    let (server, _fixture) = start();
    let addr = server.addr();
    let (response, took) = raw(
        addr,
        format!("HEAD /__parcours/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").into_bytes(),
    );
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(response.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream"));
    assert!(response.ends_with("\r\n\r\n"), "no body: {response:?}");
    server.stop();
}

#[test]
fn issue_11_only_requests_naming_the_preview_in_host_are_answered() {
    let (server, _fixture) = start();
    let addr = server.addr();
    let port = addr.port();
    for host in [format!("{addr}"), format!("localhost:{port}")] {
        let (response, _) = raw(
            addr,
            format!("GET /communes/valdor/ HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
        );
        assert_eq!(status(&response), 200, "{host}");
    }
    // A page of another site whose name now points here (DNS rebinding) reads nothing.
    for host in [
        format!("attacker.example:{port}"),
        "attacker.example".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        for target in [
            "/communes/valdor/",
            "/__parcours/events",
            "/__parcours/reload.js",
        ] {
            let (response, took) = raw(
                addr,
                format!("GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
            );
            assert_eq!(status(&response), 421, "{host} {target}");
            assert!(!response.contains("Val-d"), "{response}");
            assert!(took < Duration::from_secs(3));
        }
    }
    server.stop();
}

#[test]
fn issue_11_the_overlay_stylesheet_is_served() {
    let (server, _fixture) = start();
    let addr = server.addr();
    let (response, _) = raw(
        addr,
        format!("GET /__parcours/overlay.css HTTP/1.1\r\nHost: {addr}\r\n\r\n").into_bytes(),
    );
    assert_eq!(status(&response), 200);
    assert!(response.contains("Content-Type: text/css"));
    assert!(response.contains("#parcours-erreurs{"));
    server.stop();
}
