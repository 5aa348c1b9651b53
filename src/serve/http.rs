//! A small HTTP/1.1 server over std's TcpListener: GET and HEAD of the in-memory site, the
//! live-reload script and event stream, and the build status. One thread per connection and
//! `Connection: close` keep it simple; it only ever listens on 127.0.0.1 for one author.

use super::{Server, Status};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

pub const EVENTS: &str = "/__prongsai/events";
pub const STATUS: &str = "/__prongsai/status";
pub const SCRIPT: &str = "/__prongsai/live.js";

/// Reloads the page when a newer good build is served, and shows or hides the error overlay.
const LIVE_JS: &str = r#"(function () {
  var me = document.currentScript;
  var served = me ? me.getAttribute("data-generation") : null;
  var events = new EventSource("/__prongsai/events");
  events.onmessage = function (e) {
    var s = JSON.parse(e.data);
    if (String(s.site_generation) !== served) { location.reload(); return; }
    var old = document.getElementById("prongsai-overlay");
    if (old) { old.remove(); }
    if (!s.ok && s.overlay) { document.body.insertAdjacentHTML("beforeend", s.overlay); }
  };
})();
"#;

pub fn accept(listener: &TcpListener, server: &Arc<Server>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let server = server.clone();
        std::thread::spawn(move || {
            // A browser that goes away mid-response is normal; there is no one to tell.
            let _ = handle(stream, &server);
        });
    }
}

fn handle(stream: TcpStream, server: &Server) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // The headers are read and dropped: nothing here depends on them.
    let mut header = String::new();
    let mut total = 0;
    loop {
        header.clear();
        let n = reader.read_line(&mut header)?;
        total += n;
        if n == 0 || header == "\r\n" || header == "\n" || total > 64 * 1024 {
            break;
        }
    }
    let mut out = stream;
    let mut parts = request_line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return respond(
            &mut out,
            "400 Bad Request",
            "text/plain; charset=utf-8",
            b"bad request\n",
            false,
        );
    };
    let head = method == "HEAD";
    if method != "GET" && !head {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"only GET and HEAD\n",
            false,
        );
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match path {
        EVENTS => events(&mut out, server),
        STATUS => {
            let (_, status) = server.snapshot();
            let body = serde_json::to_vec(&status).unwrap_or_default();
            respond(&mut out, "200 OK", "application/json", &body, head)
        }
        SCRIPT => respond(
            &mut out,
            "200 OK",
            "text/javascript; charset=utf-8",
            LIVE_JS.as_bytes(),
            head,
        ),
        _ => file(&mut out, server, path, head),
    }
}

fn file(out: &mut TcpStream, server: &Server, path: &str, head: bool) -> std::io::Result<()> {
    let (files, status) = server.snapshot();
    let Some(rel) = percent_decode(path.trim_start_matches('/')) else {
        return respond(
            out,
            "400 Bad Request",
            "text/plain; charset=utf-8",
            b"bad path\n",
            head,
        );
    };
    let found = if rel.is_empty() || rel.ends_with('/') {
        files
            .get(&format!("{rel}index.html"))
            .map(|b| (format!("{rel}index.html"), b))
    } else if let Some(b) = files.get(&rel) {
        Some((rel.clone(), b))
    } else if files.contains_key(&format!("{rel}/index.html")) {
        // Like a static host: a folder without its slash redirects, so relative links work.
        let location = format!("/{rel}/");
        let body = format!("<a href=\"{location}\">{location}</a>\n");
        let head_text = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            encode_location(&location),
            body.len()
        );
        out.write_all(head_text.as_bytes())?;
        if !head {
            out.write_all(body.as_bytes())?;
        }
        return out.flush();
    } else {
        None
    };
    let (status_line, name, bytes) = match found {
        Some((name, bytes)) => ("200 OK", name, bytes.clone()),
        None => match files.get("404.html") {
            Some(b) => ("404 Not Found", "404.html".to_owned(), b.clone()),
            None => {
                return respond(
                    out,
                    "404 Not Found",
                    "text/plain; charset=utf-8",
                    "ไม่พบหน้านี้ / not found\n".as_bytes(),
                    head,
                );
            }
        },
    };
    let kind = content_type(&name);
    if name.ends_with(".html") {
        let page = inject(&bytes, &status);
        respond(out, status_line, kind, &page, head)
    } else {
        respond(out, status_line, kind, &bytes, head)
    }
}

/// The page as served: the live-reload script (and the overlay while the last build failed)
/// before `</body>`. Only served pages get it; built output never does.
pub fn inject(html: &[u8], status: &Status) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(overlay) = &status.overlay {
        extra.push_str(overlay);
    }
    extra.push_str(&format!(
        "<script src=\"{SCRIPT}\" data-generation=\"{}\"></script>",
        status.site_generation
    ));
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Server-Sent Events: the status now, then after every build, with a comment every 15 s so
/// idle connections are noticed and dropped.
fn events(out: &mut TcpStream, server: &Server) -> std::io::Result<()> {
    out.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
    )?;
    let (_, mut status) = server.snapshot();
    loop {
        let json = serde_json::to_string(&status).unwrap_or_default();
        out.write_all(format!("data: {json}\n\n").as_bytes())?;
        out.flush()?;
        loop {
            let next = server.wait_newer(status.generation, Duration::from_secs(15));
            if next.generation > status.generation {
                status = next;
                break;
            }
            out.write_all(b": keep-alive\n\n")?;
            out.flush()?;
        }
    }
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let head_text = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head_text.as_bytes())?;
    if !head {
        out.write_all(body)?;
    }
    out.flush()
}

/// By extension, as a static host would send them; unknown kinds download as bytes.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// `%E0%B8%82` and friends back into UTF-8; `None` for bad UTF-8 or `..`. A malformed escape
/// stays as written (as most servers leave it), so it names no file and gets the 404 page.
pub fn percent_decode(path: &str) -> Option<String> {
    let text = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?
        .into_owned();
    // Paths are looked up in a map, never on disk, but `..` still has no business here.
    (!text.split('/').any(|s| s == "..")).then_some(text)
}

/// A `Location` header value: every byte but printable ASCII percent-encoded.
fn encode_location(path: &str) -> String {
    const NOT_GRAPHIC: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS.add(b' ');
    percent_encoding::utf8_percent_encode(path, NOT_GRAPHIC).to_string()
}
