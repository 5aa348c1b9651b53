//! `prongsai serve` end to end: the real binary on a copy of the sample site, over HTTP from
//! 127.0.0.1. Every wait is bounded, and the server is killed when a test ends, pass or fail.

mod common;
use common::tree;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const AS_OF: &str = "2569-11-01";
const MONTH: &str = "procurement-data/2569/months/2569-03.csv";
const MONTH_PAGE: &str = "/procurement/2569/months/2569-03/";

/// Kills the server when dropped, so a failing assertion never leaves it running.
struct Serve {
    child: Child,
    addr: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).unwrap();
        for e in fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        fs::copy(from, to).unwrap();
    }
}

fn sample_copy() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for item in ["site.yaml", "content", "procurement-data", "themes"] {
        if repo.join(item).exists() {
            copy(&repo.join(item), &dir.path().join(item));
        }
    }
    dir
}

fn start(root: &Path) -> Serve {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["serve", "--port", "0", "--as-of", AS_OF, "--root"])
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start prongsai serve");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    // Reads the log for the whole run: a full pipe would block the server.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = tx.send(line);
        }
    });
    let mut serve = Serve {
        child,
        addr: String::new(),
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    while serve.addr.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx
            .recv_timeout(left)
            .expect("serve printed no address within 60 s");
        if let Some(rest) = line.split("serving at http://").nth(1) {
            serve.addr = rest.split('/').next().unwrap().to_owned();
        }
    }
    assert!(serve.addr.starts_with("127.0.0.1:"), "{}", serve.addr);
    serve
}

struct Response {
    status: u16,
    content_type: String,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One GET over a fresh connection; paths are percent-encoded here.
fn get(addr: &str, path: &str) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let mut target = String::new();
    for b in path.bytes() {
        if b.is_ascii_graphic() {
            target.push(b as char);
        } else {
            target.push_str(&format!("%{b:02X}"));
        }
    }
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    let content_type = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Type: "))
        .unwrap_or_default()
        .to_owned();
    Response {
        status,
        content_type,
        body: raw[split + 4..].to_vec(),
    }
}

fn status(addr: &str) -> serde_json::Value {
    serde_json::from_slice(&get(addr, "/__prongsai/status").body).expect("status JSON")
}

/// Waits until a build newer than `after` is published; returns its status.
fn wait_build(addr: &str, after: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let s = status(addr);
        if s["generation"].as_u64().unwrap_or(0) > after {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "no build after generation {after} within 60 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    fs::write(&path, text.replace(from, to)).unwrap();
}

/// The served page without what serve adds to it (the live-reload script, an overlay).
fn strip_injected(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8(html.to_vec()).expect("HTML is UTF-8");
    let start = text
        .find("<script src=\"/__prongsai/live.js\"")
        .expect("live-reload script injected");
    let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

fn full_build(root: &Path, out: &PathBuf) -> BTreeMap<String, Vec<u8>> {
    let o = Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["build", "--as-of", AS_OF, "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run prongsai build");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut files = tree(out);
    files.remove("prongsai-build.json");
    files
}

#[test]
fn serves_rebuilds_incrementally_and_keeps_the_last_good_site() {
    let dir = sample_copy();
    let root = dir.path();
    let serve = start(root);
    let first = wait_build(&serve.addr, 0);
    assert_eq!(first["ok"], true, "{first}");
    let generation = first["generation"].as_u64().unwrap();

    let home = get(&serve.addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(home.content_type, "text/html; charset=utf-8");
    assert!(home.text().contains("/__prongsai/live.js"));
    let month = get(&serve.addr, MONTH_PAGE);
    assert_eq!(month.status, 200);
    assert!(month.text().contains("21,703.24"));
    let missing = get(&serve.addr, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("404"));

    // The event stream opens with the current status.
    let mut events = TcpStream::connect(&serve.addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(events, "GET /__prongsai/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut seen = String::new();
    let mut reader = BufReader::new(events);
    while !seen.contains("data: {") {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        seen.push_str(&line);
    }
    assert!(seen.contains("text/event-stream"), "{seen}");

    // One month file changes: the new figures are served, and every file equals a full build's.
    edit(root, MONTH, "21703.24", "21500.00");
    let s = wait_build(&serve.addr, generation);
    assert_eq!(s["ok"], true, "{s}");
    assert!(
        s["reused"].as_u64().unwrap() > s["produced"].as_u64().unwrap(),
        "{s}"
    );
    let month = get(&serve.addr, MONTH_PAGE).text();
    assert!(month.contains("21,500.00") && !month.contains("21,703.24"));

    let out = tempfile::tempdir().unwrap();
    let built = full_build(root, &out.path().join("public"));
    assert_eq!(s["files"].as_u64().unwrap() as usize, built.len());
    for (path, bytes) in &built {
        let r = get(&serve.addr, &format!("/{path}"));
        assert_eq!(r.status, 200, "{path}");
        let body = if path.ends_with(".html") {
            strip_injected(&r.body)
        } else {
            r.body
        };
        assert!(body == *bytes, "{path} served differs from the full build");
        let ext = path.rsplit('.').next().unwrap();
        let want = match ext {
            "woff2" => "font/woff2",
            "svg" => "image/svg+xml",
            "json" => "application/json",
            "pdf" => "application/pdf",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "css" => "text/css; charset=utf-8",
            _ => continue,
        };
        assert_eq!(r.content_type, want, "{path}");
    }

    // A broken amount: the build fails, the last good page stays, the overlay says where.
    let generation = s["generation"].as_u64().unwrap();
    edit(root, MONTH, "21500.00", "21x00.00");
    let s = wait_build(&serve.addr, generation);
    assert_eq!(s["ok"], false, "{s}");
    let diags = s["diagnostics"].as_array().unwrap();
    let d = diags
        .iter()
        .find(|d| d["file"] == MONTH && d["severity"] == "error")
        .unwrap_or_else(|| panic!("no error located in {MONTH}: {s}"));
    assert!(
        d["line"].as_u64().is_some() && d["message_th"].is_string() && d["message_en"].is_string()
    );
    let overlay = s["overlay"].as_str().unwrap();
    assert!(overlay.contains(MONTH) && overlay.contains("prongsai-overlay"));
    let month = get(&serve.addr, MONTH_PAGE);
    assert_eq!(month.status, 200);
    let text = month.text();
    assert!(
        text.contains("21,500.00"),
        "the last good page is no longer served"
    );
    assert!(text.contains("id=\"prongsai-overlay\""));
    assert!(text.contains(&format!("{MONTH}:")));

    // Fixed again: served without the overlay.
    let generation = s["generation"].as_u64().unwrap();
    edit(root, MONTH, "21x00.00", "21600.00");
    let s = wait_build(&serve.addr, generation);
    assert_eq!(s["ok"], true, "{s}");
    let text = get(&serve.addr, MONTH_PAGE).text();
    assert!(text.contains("21,600.00") && !text.contains("prongsai-overlay"));
}
