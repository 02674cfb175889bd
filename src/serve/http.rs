//! A small HTTP/1.1 server for the preview: one thread per connection, `GET` and `HEAD` only,
//! one response per connection, and a server-sent events stream that tells pages to reload.
//!
//! Pages come from the in-memory site, looked up by path: a request can only ever name a page
//! of the site, never a file of the disk. Paths are still checked before the lookup, so `..`,
//! its encoded forms and absolute paths are refused with 403 rather than merely not found.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::Shared;
use crate::i18n::t;

/// The prefix of the preview's own resources; no page of a site can start with it.
const OWN: &str = "/__parcours/";

/// How often an idle event stream sends a comment, to notice closed pages.
const KEEPALIVE: Duration = Duration::from_secs(10);

/// The script added to every served page: reloads it when the preview is rebuilt.
const RELOAD_JS: &str = r#"// parcours serve: reloads the page when the preview is rebuilt. Never part of build/.
(function () {
  var script = document.currentScript;
  var since = script ? script.getAttribute("data-generation") : "0";
  var events = new EventSource("/__parcours/events?since=" + encodeURIComponent(since));
  events.onmessage = function (e) {
    if (e.data === "reload") {
      events.close();
      window.location.reload();
    }
  };
})();
"#;

/// Answers one connection.
pub(super) fn handle(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(head) = read_head(&mut stream) else {
        return;
    };
    let mut words = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            t("serve.method").as_bytes(),
            false,
        );
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == format!("{OWN}events") {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|n| n.parse().ok());
        return events(stream, shared, since);
    }
    if path == format!("{OWN}reload.js") {
        return respond(
            &mut stream,
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes(),
            head_only,
        );
    }
    let key = match resolve(target) {
        Ok(key) => key,
        Err(status) => return error_page(&mut stream, shared, status, head_only),
    };
    let state = shared.state.lock().expect("state lock");
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
        let location = format!("{path}/");
        let head = format!("HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        let _ = stream.write_all(head.as_bytes());
        return;
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

fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 || head.len() > 16 * 1024 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(head).ok()
}

fn respond(stream: &mut TcpStream, status: u16, kind: &str, body: &[u8], head_only: bool) {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Service Unavailable",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
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
        let state = shared.state.lock().expect("state lock");
        (state.generation, state.errors.clone())
    };
    let body = inject(page.as_bytes(), generation, errors.as_deref());
    respond(stream, status, "text/html; charset=utf-8", &body, head_only);
}

/// Adds the reload script, and the diagnostics overlay when the last build failed, before
/// `</body>`.
pub fn inject(html: &[u8], generation: u64, errors: Option<&str>) -> Vec<u8> {
    let mut snippet = String::new();
    if let Some(errors) = errors {
        snippet.push_str(&format!(
            "<div id=\"parcours-erreurs\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;background:#1b1b1b;color:#fff;font:16px/1.5 system-ui,sans-serif\"><p style=\"margin:0 0 1rem;font-weight:bold\">{}</p><pre style=\"margin:0;white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace;color:#ffd0d0\">{}</pre></div>\n",
            escape(t("serve.overlay")),
            escape(errors)
        ));
    }
    snippet.push_str(&format!(
        "<script src=\"{OWN}reload.js\" data-generation=\"{generation}\"></script>\n"
    ));
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Escapes text for HTML content and attributes.
pub fn escape(text: &str) -> String {
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

/// Streams `reload` once the site is rebuilt after generation `since` (the one the page was
/// served at), with keep-alive comments meanwhile.
fn events(mut stream: TcpStream, shared: &Shared, since: Option<u64>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut seen = since.unwrap_or_else(|| shared.state.lock().expect("state lock").generation);
    loop {
        let current = {
            let state = shared.state.lock().expect("state lock");
            let (state, _) = shared
                .changed
                .wait_timeout_while(state, KEEPALIVE, |s| {
                    s.generation <= seen && !shared.stopping.load(Ordering::SeqCst)
                })
                .expect("state lock");
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

    #[test]
    fn injects_before_body_and_escapes_the_overlay() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(html, 7, Some("a.yaml:1:1: <b>&"))).unwrap();
        assert!(out.contains("data-generation=\"7\"></script>\n</body></html>"));
        assert!(out.contains("a.yaml:1:1: &lt;b&gt;&amp;"));
        assert!(!out.contains("<b>&"));
    }
}
