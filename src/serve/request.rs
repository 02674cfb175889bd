//! Reads and checks the head of one HTTP/1.1 request: the request line and the headers,
//! within a total deadline and size limits, then the `Host` against the bound address.
//!
//! Refusals are statuses, answered by [`super::http`]: 400 (malformed, no `Host`), 405 (a
//! method other than `GET` and `HEAD`), 414 (target too long), 421 (another `Host`: DNS
//! rebinding), 431 (headers too large or too many), 505 (not HTTP/1.x). Bare-LF line endings
//! are accepted, as RFC 9112 §2.2 allows.

use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

/// The longest request line accepted (method, target and version).
pub(super) const MAX_LINE: usize = 8 * 1024;
/// The largest head accepted, request line included.
pub(super) const MAX_HEAD: usize = 32 * 1024;
/// The most header lines accepted.
pub(super) const MAX_HEADERS: usize = 100;

/// A request the preview answers.
#[derive(Debug, PartialEq)]
pub(super) struct Request {
    /// `true` for `HEAD`, `false` for `GET`.
    pub head_only: bool,
    /// The target as sent, query included.
    pub target: String,
}

/// Why a head could not be read at all (then the connection is closed without an answer).
#[derive(Debug, PartialEq)]
pub(super) enum Silence {
    /// The client closed, stalled past the deadline, or the read failed.
    Gone,
}

/// Reads the head from `stream` within `deadline` (total, not per read: a trickle of bytes
/// cannot keep the connection), then parses and checks it against `bound`.
pub(super) fn read(
    stream: &mut std::net::TcpStream,
    deadline: Duration,
    bound: SocketAddr,
) -> Result<Result<Request, u16>, Silence> {
    let until = Instant::now() + deadline;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = head_end(&head) {
            head.truncate(end);
            return Ok(parse(&head, bound));
        }
        if let Some(status) = too_large(&head) {
            return Ok(Err(status));
        }
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(Silence::Gone);
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return Err(Silence::Gone),
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
}

/// Where the head ends (after its empty line), with CRLF or bare LF line endings.
fn head_end(bytes: &[u8]) -> Option<usize> {
    let mut line_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            let line = &bytes[line_start..i];
            // One empty line before the request line is ignored (RFC 9112 §2.2); a second one
            // ends an empty head, answered 400.
            if (line.is_empty() || line == b"\r") && line_start > 0 {
                return Some(i + 1);
            }
            line_start = i + 1;
        }
    }
    None
}

/// Tells whether a head not yet complete is already over a limit.
fn too_large(head: &[u8]) -> Option<u16> {
    let start = head.iter().position(|b| *b != b'\r' && *b != b'\n')?;
    let line = head[start..].iter().position(|b| *b == b'\n');
    match line {
        None if head.len() - start > MAX_LINE => Some(414),
        Some(n) if n > MAX_LINE => Some(414),
        _ if head.len() > MAX_HEAD => Some(431),
        _ if lines(&head[start..]) > MAX_HEADERS + 1 => Some(431),
        _ => None,
    }
}

/// Counts the non-empty lines of a head.
fn lines(head: &[u8]) -> usize {
    head.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty() && *l != b"\r")
        .count()
}

/// Parses a complete head and checks its `Host`.
pub(super) fn parse(head: &[u8], bound: SocketAddr) -> Result<Request, u16> {
    if let Some(status) = too_large(head) {
        return Err(status);
    }
    let text = std::str::from_utf8(head).map_err(|_| 400u16)?;
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .skip_while(|l| l.is_empty());
    let request_line = lines.next().unwrap_or("");
    let parts: Vec<&str> = request_line.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(400);
    };
    if method.is_empty() || !method.bytes().all(is_token) || target.is_empty() {
        return Err(400);
    }
    if !version.starts_with("HTTP/") {
        return Err(400);
    }
    if !matches!(version, "HTTP/1.1" | "HTTP/1.0") {
        return Err(505);
    }
    let mut host = None;
    for line in lines.take_while(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(400);
        };
        if name.is_empty() || !name.bytes().all(is_token) {
            return Err(400);
        }
        if name.eq_ignore_ascii_case("host") {
            if host.is_some() {
                return Err(400); // RFC 9112 §3.2: exactly one
            }
            host = Some(value.trim());
        }
    }
    if method != "GET" && method != "HEAD" {
        return Err(405);
    }
    let host = host.ok_or(400u16)?;
    if !host_allowed(host, bound) {
        return Err(421);
    }
    Ok(Request {
        head_only: method == "HEAD",
        target: target.to_string(),
    })
}

/// The characters of an HTTP token (method, header name).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Tells whether `host` (a `Host` header value) names the preview: `localhost` or the bound
/// address, with the bound port (which may be left out only when it is 80). Bound to every
/// address (`--bind 0.0.0.0`), any address literal is accepted, but still no name: a page
/// of another site that re-points its name to this machine (DNS rebinding) is refused.
pub(super) fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    let (name, port) = if let Some(rest) = host.strip_prefix('[') {
        let Some((inside, after)) = rest.split_once(']') else {
            return false;
        };
        match after {
            "" => (inside, None),
            _ => match after.strip_prefix(':') {
                Some(p) => (inside, Some(p)),
                None => return false,
            },
        }
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    let port_ok = match port {
        None => bound.port() == 80,
        Some(p) => p.parse::<u16>().ok() == Some(bound.port()),
    };
    if !port_ok {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let Ok(ip) = name.parse::<IpAddr>() else {
        return false;
    };
    ip == bound.ip() || bound.ip().is_unspecified()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound() -> SocketAddr {
        "127.0.0.1:1111".parse().unwrap()
    }

    fn ok(target: &str) -> Result<Request, u16> {
        Ok(Request {
            head_only: false,
            target: target.into(),
        })
    }

    #[test]
    fn parses_crlf_and_bare_lf_heads() {
        let crlf = b"GET /a HTTP/1.1\r\nHost: 127.0.0.1:1111\r\n\r\n";
        assert_eq!(parse(crlf, bound()), ok("/a"));
        let lf = b"GET /a HTTP/1.1\nHost: localhost:1111\n\n";
        assert_eq!(head_end(lf), Some(lf.len()));
        assert_eq!(parse(lf, bound()), ok("/a"));
        let head = b"HEAD / HTTP/1.0\r\nhost: localhost:1111\r\n\r\n";
        assert!(parse(head, bound()).unwrap().head_only);
    }

    #[test]
    fn finds_the_end_of_a_head_only_after_the_request_line() {
        assert_eq!(head_end(b"\r\n\r\nGET / HTTP/1.1\r\n"), Some(4));
        assert_eq!(head_end(b"\r\nGET / HTTP/1.1\r\n\r\n"), Some(20));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
    }

    #[test]
    fn answers_malformed_requests_with_their_status() {
        for (head, status) in [
            (&b"\r\n\r\n"[..], 400),
            (b"GET\t/\tHTTP/1.1\r\nHost: localhost:1111\r\n\r\n", 400),
            (b"GET  / HTTP/1.1\r\nHost: localhost:1111\r\n\r\n", 400),
            (b"GET /\r\nHost: localhost:1111\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            (b"GET / HTTP/1.1\r\nno colon\r\n\r\n", 400),
            (b"GET /\xff HTTP/1.1\r\nHost: localhost:1111\r\n\r\n", 400),
            (b"POST / HTTP/1.1\r\nHost: localhost:1111\r\n\r\n", 405),
            (b"get / HTTP/1.1\r\nHost: localhost:1111\r\n\r\n", 405),
            (b"PRI * HTTP/2.0\r\n\r\n", 505),
            (b"GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n", 421),
        ] {
            assert_eq!(
                parse(head, bound()),
                Err(status),
                "{}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn refuses_long_targets_and_large_heads() {
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_LINE));
        assert_eq!(too_large(long.as_bytes()), Some(414));
        assert_eq!(too_large(&long.as_bytes()[..MAX_LINE + 10]), Some(414));
        let big = format!("GET / HTTP/1.1\r\nX: {}\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(too_large(big.as_bytes()), Some(431));
        let many = format!("GET / HTTP/1.1\r\n{}", "X: 1\r\n".repeat(MAX_HEADERS + 1));
        assert_eq!(too_large(many.as_bytes()), Some(431));
        let fine = format!("GET / HTTP/1.1\r\n{}", "X: 1\r\n".repeat(MAX_HEADERS));
        assert_eq!(too_large(fine.as_bytes()), None);
    }

    #[test]
    fn accepts_only_the_bound_address_or_localhost() {
        let b = bound();
        for host in ["127.0.0.1:1111", "localhost:1111", "LocalHost:1111"] {
            assert!(host_allowed(host, b), "{host}");
        }
        for host in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1:2222",
            "127.0.0.1",
            "localhost",
            "10.0.0.1:1111",
            "[::1]:1111",
            "localhost.:1111",
            "127.0.0.1.nip.io:1111",
            "",
        ] {
            assert!(!host_allowed(host, b), "{host}");
        }
        let v6: SocketAddr = "[::1]:80".parse().unwrap();
        assert!(host_allowed("[::1]", v6) && host_allowed("[::1]:80", v6));
        assert!(host_allowed("localhost", v6));
        let public: SocketAddr = "0.0.0.0:1111".parse().unwrap();
        assert!(host_allowed("192.168.1.20:1111", public));
        assert!(!host_allowed("rebind.example:1111", public));
    }
}
