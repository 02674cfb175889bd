//! A small HTTP/1.1 server for the preview: `GET` and `HEAD` only, one response per
//! connection, and a server-sent events stream that tells pages to reload. The head is read and
//! checked by [`super::request`]; connections and threads are bounded by [`super::accept`].
//!
//! Pages come from the in-memory site, looked up by path: a request can only ever name a page
//! of the site, never a file of the disk. Paths are still checked before the lookup, so `..`,
//! its encoded forms and absolute paths are refused with 403 rather than merely not found.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::page::{escape, inject, OVERLAY_CSS, OWN, RELOAD_JS};
use super::request::{self, Request};
use super::Shared;
use crate::i18n::t;

/// How often an idle event stream sends a comment, to notice closed pages.
const KEEPALIVE: Duration = Duration::from_secs(10);

/// How long a write may block on a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// Answers one connection.
pub(super) fn handle(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    match request::read(&mut stream, shared.limits.head_time, shared.bound) {
        Err(request::Silence::Gone) => {}
        Ok(Err(status)) => {
            refuse(&mut stream, status);
            close(stream);
        }
        Ok(Ok(request)) => route(stream, shared, &request),
    }
}

/// Answers a request refused before routing, in plain text (nothing of the site, not even the
/// overlay, goes to a request that may come from another site).
pub(super) fn refuse(stream: &mut TcpStream, status: u16) {
    let key = match status {
        405 => "serve.method",
        414 => "serve.uri-too-long",
        421 => "serve.misdirected",
        431 => "serve.headers-too-large",
        503 => "serve.busy",
        505 => "serve.version",
        _ => "serve.bad-request",
    };
    let extra = if status == 405 {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    let body = format!("{}\n", t(key));
    respond_with(
        stream,
        status,
        "text/plain; charset=utf-8",
        body.as_bytes(),
        false,
        extra,
    );
}

/// Closes after a refusal without resetting the connection: the answer is sent, then what the
/// client still sends is read and dropped for a moment, so it can read the answer.
fn close(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let until = std::time::Instant::now() + Duration::from_secs(1);
    let mut buf = [0u8; 8192];
    let mut left: usize = 4 * 1024 * 1024;
    // At most 4 MiB and one second: a client trickling bytes cannot keep the thread.
    while left > 0 && std::time::Instant::now() < until {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

fn route(mut stream: TcpStream, shared: &Shared, request: &Request) {
    let head_only = request.head_only;
    let target = request.target.as_str();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == format!("{OWN}events") {
        if head_only {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            return;
        }
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|n| n.parse().ok());
        return events(stream, shared, since);
    }
    let own = match path.strip_prefix(OWN) {
        Some("reload.js") => Some(("text/javascript; charset=utf-8", RELOAD_JS)),
        Some("overlay.css") => Some(("text/css; charset=utf-8", OVERLAY_CSS)),
        _ => None,
    };
    if let Some((kind, body)) = own {
        return respond(&mut stream, 200, kind, body.as_bytes(), head_only);
    }
    let key = match resolve(target) {
        Ok(key) => key,
        Err(status) => return error_page(&mut stream, shared, status, head_only),
    };
    let state = shared.state();
    let (generation, errors) = (state.generation, state.errors.clone());
    let Some(site) = &state.site else {
        drop(state);
        return error_page(&mut stream, shared, 503, head_only);
    };
    if let Some(bytes) = site.get(&key) {
        let body = if key.ends_with(".html") {
            inject(bytes, generation, errors.as_deref())
        } else {
            bytes.clone()
        };
        drop(state);
        return respond(&mut stream, 200, content_type(&key), &body, head_only);
    }
    let folder = site.contains_key(&format!("{key}/index.html"));
    drop(state);
    if folder {
        // Relative links need the trailing slash.
        let location = format!("Location: {path}/\r\n");
        return respond_with(
            &mut stream,
            301,
            "text/plain; charset=utf-8",
            b"",
            head_only,
            &location,
        );
    }
    error_page(&mut stream, shared, 404, head_only)
}

/// Turns a request target into the path of a page of the site, or the status refusing it.
pub fn resolve(target: &str) -> Result<String, u16> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix('/') else {
        return Err(400); // absolute-form, authority-form, `*`
    };
    let decoded = percent_decode(rest).ok_or(400u16)?;
    let decoded = String::from_utf8(decoded).map_err(|_| 400u16)?;
    if decoded.contains(['\\', '\0']) {
        return Err(403);
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        // `..` climbs out, `.` hides it, an empty segment in front of others is `//etc/...`.
        if *segment == ".." || *segment == "." || (segment.is_empty() && i != last) {
            return Err(403);
        }
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Ok(format!("{decoded}index.html"))
    } else {
        Ok(decoded)
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn respond(stream: &mut TcpStream, status: u16, kind: &str, body: &[u8], head_only: bool) {
    respond_with(stream, status, kind, body, head_only, "");
}

/// Writes a whole response; `extra` holds additional header lines, each ending in CRLF.
fn respond_with(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head_only: bool,
    extra: &str,
) {
    let reason = match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        505 => "HTTP Version Not Supported",
        _ => "Service Unavailable",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{extra}Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(body);
    }
    let _ = stream.flush();
}

/// A short French page for a refused or missing path, with the reload script and the overlay.
fn error_page(stream: &mut TcpStream, shared: &Shared, status: u16, head_only: bool) {
    let title = t(match status {
        400 => "serve.bad-request",
        403 => "serve.forbidden",
        404 => "serve.not-found",
        _ => "serve.no-build",
    });
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>{0}</title></head>\n<body>\n<main><h1>{0}</h1></main>\n</body>\n</html>\n",
        escape(title)
    );
    let (generation, errors) = {
        let state = shared.state();
        (state.generation, state.errors.clone())
    };
    let body = inject(page.as_bytes(), generation, errors.as_deref());
    respond(stream, status, "text/html; charset=utf-8", &body, head_only);
}

/// Streams `reload` once the site is rebuilt after generation `since` (the one the page was
/// served at), with keep-alive comments meanwhile.
fn events(mut stream: TcpStream, shared: &Shared, since: Option<u64>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut seen = since.unwrap_or_else(|| shared.state().generation);
    loop {
        let current = {
            let state = shared.state();
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, KEEPALIVE, |s| {
                    s.generation <= seen && !shared.stopping.load(Ordering::SeqCst)
                })
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            state.generation
        };
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let message = if current > seen {
            "data: reload\n\n"
        } else {
            ": ping\n\n"
        };
        if stream
            .write_all(message.as_bytes())
            .and_then(|_| stream.flush())
            .is_err()
        {
            return;
        }
        if current > seen {
            seen = current;
        }
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_pages_and_folders() {
        assert_eq!(resolve("/").unwrap(), "index.html");
        assert_eq!(
            resolve("/communes/ciney/").unwrap(),
            "communes/ciney/index.html"
        );
        assert_eq!(
            resolve("/static/style.css?v=2").unwrap(),
            "static/style.css"
        );
        assert_eq!(
            resolve("/handbook/1.0/criteres/s-informer.annuaire.html").unwrap(),
            "handbook/1.0/criteres/s-informer.annuaire.html"
        );
        assert_eq!(resolve("/r%C3%A9gion/").unwrap(), "région/index.html");
    }

    #[test]
    fn refuses_traversal_and_absolute_paths() {
        for target in [
            "/../etc/passwd",
            "/communes/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/.%2e/x",
            "//etc/passwd",
            "/%2Fetc%2Fpasswd",
            "/a/./b",
            "/a%5c..%5cb",
            "/a%00b",
        ] {
            assert_eq!(resolve(target), Err(403), "{target}");
        }
        assert_eq!(resolve("http://example.org/etc/passwd"), Err(400));
        assert_eq!(resolve("/%zz"), Err(400));
        assert_eq!(resolve("/%ff"), Err(400));
    }
}
