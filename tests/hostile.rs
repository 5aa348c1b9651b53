//! Hostile and broken input (issue 10): the real binary on sites whose every text field is an
//! attack. See docs/security.md for what each test proves.

mod common;
use common::{stderr, tree};

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn build_in(cwd: &Path, root: &Path, out: &Path, extra: &[&str], epoch: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_prongsai"));
    cmd.current_dir(cwd)
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    cmd.output().expect("run prongsai")
}

fn build(root: &Path, out: &Path) -> Output {
    build_in(root, root, out, &["--as-of", "2026-11-01"], None)
}

/// The hostile fixture, built once per test into its own folder.
fn hostile_build() -> (tempfile::TempDir, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = build(&fixture("hostile"), &out);
    assert!(
        o.status.success(),
        "hostile fixture must build:\n{}",
        stderr(&o)
    );
    let t = tree(&out);
    (dir, t)
}

/// What a browser would run in one page: `<script>` elements that are not ours, `on…`
/// attributes, and `javascript:`/`data:`/`vbscript:` addresses in href/src/action. A small
/// tokenizer of its own (not the production sanitiser's) that knows attributes may be quoted or
/// not (the minifier drops quotes) and that `<title>`/`<textarea>` hold text, not tags.
fn executable_bits(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        i += p;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let name_end = rest[1..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(rest.len(), |e| e + 1);
        let name = rest[1..name_end].to_ascii_lowercase();
        // Attributes up to the tag's `>`, honouring quotes.
        let mut j = name_end;
        let mut attrs = Vec::new();
        let rb = rest.as_bytes();
        while j < rb.len() && rb[j] != b'>' {
            if rb[j].is_ascii_whitespace() || rb[j] == b'/' {
                j += 1;
                continue;
            }
            let s = j;
            while j < rb.len() && !rb[j].is_ascii_whitespace() && !matches!(rb[j], b'>' | b'=') {
                j += 1;
            }
            let attr = rest[s..j].to_ascii_lowercase();
            let mut value = String::new();
            if rb.get(j) == Some(&b'=') {
                j += 1;
                match rb.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let e = rest[j + 1..]
                            .find(char::from(q))
                            .map_or(rest.len(), |e| j + 1 + e);
                        value = rest[j + 1..e].to_owned();
                        j = e + 1;
                    }
                    _ => {
                        let s = j;
                        while j < rb.len() && !rb[j].is_ascii_whitespace() && rb[j] != b'>' {
                            j += 1;
                        }
                        value = rest[s..j].to_owned();
                    }
                }
            }
            attrs.push((attr, value));
        }
        for (attr, value) in &attrs {
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase()
                .replace("&#106;", "j")
                .replace("&colon;", ":");
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}={value}>"));
            }
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) && (v.starts_with("javascript:")
                || v.starts_with("vbscript:")
                || v.starts_with("data:text"))
            {
                found.push(format!("<{name} {attr}={value}>"));
            }
        }
        let body_start = i + j + 1;
        i = body_start.min(html.len());
        // Raw text and RCDATA elements: their content is never markup.
        if matches!(name.as_str(), "script" | "style" | "title" | "textarea") {
            let close = format!("</{name}");
            let end = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |e| i + e);
            let body = &html[i..end];
            // The theme's own scripts are same-site files; anything else is not ours.
            let foreign_src = attrs
                .iter()
                .any(|(a, v)| a == "src" && (!v.starts_with('/') || v.starts_with("//")));
            // A JSON-LD data block is never run; its escaping is proven by `end` above finding
            // no early `</script`.
            let data_block = attrs
                .iter()
                .any(|(a, v)| a == "type" && v == "application/ld+json");
            if name == "script" && ((body.contains("alert") && !data_block) || foreign_src) {
                found.push(format!("<script>{body}</script>"));
            }
            i = end;
        }
        if matches!(name.as_str(), "iframe" | "object" | "embed" | "base") {
            found.push(format!("<{name}>"));
        }
    }
    found
}

#[test]
fn the_checker_sees_what_a_browser_would_run() {
    // The checker itself must catch each form, or the tests below would pass vacuously.
    for bad in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<p><a href=\"javascript:alert(1)\">x</a>",
        "<a href=' JavaScript:alert(1)'>x</a>",
        "<iframe src=x></iframe>",
        "<script src=//evil.example/x.js></script>",
    ] {
        assert!(!executable_bits(bad).is_empty(), "{bad}");
    }
    for ok in [
        "<title>a <script>alert(1)</script></title>",
        "<p>&lt;img src=x onerror=alert(1)></p>",
        "<a href=/x title=\"onerror=alert(1)\">javascript:alert(1)</a>",
        "<script type=application/ld+json>{\"a\":1}</script>",
        "<script src=/js/tables.js defer></script>",
    ] {
        assert!(
            executable_bits(ok).is_empty(),
            "{ok}: {:?}",
            executable_bits(ok)
        );
    }
}

#[test]
fn hostile_text_is_escaped_on_every_page() {
    let (_dir, t) = hostile_build();
    let pages: Vec<(&String, String)> = t
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(b).into_owned()))
        .collect();
    assert!(pages.len() > 20, "only {} pages", pages.len());
    let mut problems = Vec::new();
    for (path, html) in &pages {
        for bit in executable_bits(html) {
            problems.push(format!("{path}: {bit}"));
        }
        // Template syntax in data is text: `{% if true %}tpl{% endif %}` evaluated would leave a
        // bare `tpl`.
        let bare_tpl = html.matches("tpl").count() != html.matches("%}tpl{%").count();
        if bare_tpl {
            problems.push(format!("{path}: template syntax was evaluated"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The payloads reached the pages (as text), so the checks above were not vacuous.
    let page = |p: &str| {
        pages
            .iter()
            .find(|(path, _)| path.as_str() == p)
            .map(|(_, h)| h.as_str())
            .unwrap_or_else(|| panic!("{p} not built"))
    };
    let attack = page("news/attack/index.html");
    assert!(attack.contains("{{ 7*7 }}"), "{attack}");
    assert!(
        attack.contains("&lt;img src=x onerror=alert(1)"),
        "{attack}"
    );
    let record = page("procurement/2569/records/2568-10-1/index.html");
    // Escaped, whichever way the writer spells the closing `>` (`&gt;` or a bare `>` in text).
    assert!(
        record.contains("&lt;script") && record.contains("alert(1)&lt;/script"),
        "{record}"
    );
    assert!(record.contains("{{ 7*7 }}"), "{record}");
    let home = page("index.html");
    assert!(home.contains("{% if true %}tpl{% endif %}"), "{home}");
}

/// A text cell a spreadsheet would run as a formula: starts with = + - @ (or tab/CR before
/// them) and is not simply a number.
fn is_formula(cell: &str) -> bool {
    let t = cell.trim_start_matches(['\t', '\r']);
    matches!(t.chars().next(), Some('=' | '+' | '-' | '@')) && t.parse::<f64>().is_err() && t != "-"
}

#[test]
fn exports_never_hold_a_formula() {
    let (dir, t) = hostile_build();
    let out = dir.path().join("site");
    let mut checked = 0;
    let mut neutralised = 0;
    for name in ["procurements.csv", "plan.csv"] {
        let path = out.join("data/2569").join(name);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_path(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for record in reader.records() {
            let record = record.unwrap();
            for cell in &record {
                checked += 1;
                neutralised += usize::from(cell.starts_with("'=") || cell.starts_with("'+"));
                assert!(!is_formula(cell), "{name}: formula cell {cell:?}");
            }
        }
    }
    use calamine::{Reader as _, Xlsx, open_workbook};
    let xlsx = out.join("data/2569/months/2568-10.xlsx");
    assert!(t.contains_key("data/2569/months/2568-10.xlsx"));
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for cell in range.used_cells() {
            if let calamine::Data::String(s) = cell.2 {
                checked += 1;
                neutralised += usize::from(s.starts_with("'=") || s.starts_with("'@"));
                assert!(
                    !is_formula(s),
                    "{sheet} {:?}: formula cell {s:?}",
                    (cell.0, cell.1)
                );
            }
        }
    }
    assert!(
        checked > 100 && neutralised >= 6,
        "{checked} cells, {neutralised} neutralised"
    );
}

#[test]
fn builds_are_reproducible_across_folders_and_time() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let out_a = a.path().join("public");
    let out_b = b.path().join("another-name");
    // 2026-11-01T00:00:00Z: the date the sample data describes.
    let epoch = Some("1793491200");
    let o = build_in(a.path(), root, &out_a, &[], epoch);
    assert!(o.status.success(), "{}", stderr(&o));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let o = build_in(b.path(), root, &out_b, &[], epoch);
    assert!(o.status.success(), "{}", stderr(&o));
    let (ta, tb) = (tree(&out_a), tree(&out_b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    let differ: Vec<&String> = ta
        .iter()
        .filter(|(k, v)| tb[*k] != **v)
        .map(|(k, _)| k)
        .collect();
    assert!(differ.is_empty(), "files differ between builds: {differ:?}");
}

/// A minimal content-only site in a temporary folder.
fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }
    dir
}

fn build_fails_with(root: &Path, needles: &[&str]) -> String {
    let out = root.join("out");
    let o = build(root, &out);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in:\n{err}");
    }
    assert!(!out.exists(), "nothing is written on an input error");
    err
}

#[test]
fn slugs_cannot_leave_the_output_folder() {
    for slug in ["../../etc", "/etc/cron.d", "a/../../x", "..\\\\..\\\\x"] {
        let dir = site(&[(
            "content/a.md",
            &format!("---\ntitle: A\nslug: \"{slug}\"\n---\nbody\n"),
        )]);
        build_fails_with(dir.path(), &["content/a.md:3", "C115", "slug"]);
    }
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_root_are_errors() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: s\n---\nsecret\n",
    )
    .unwrap();
    fs::write(outside.path().join("agency.yaml"), "name: x\n").unwrap();
    let dir = site(&[("content/_index.md", "---\ntitle: h\n---\n")]);
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        dir.path().join("content/leak.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("content/dir")).unwrap();
    fs::create_dir_all(dir.path().join("procurement-data")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("agency.yaml"),
        dir.path().join("procurement-data/agency.yaml"),
    )
    .unwrap();
    let err = build_fails_with(
        dir.path(),
        &[
            "content/leak.md",
            "content/dir",
            "procurement-data/agency.yaml",
            "symlink",
        ],
    );
    assert!(!err.contains("secret\n"), "{err}");
}

#[test]
fn oversized_files_and_cells_are_clear_errors() {
    // One Markdown page over a 1 MB limit.
    let big = format!("---\ntitle: big\n---\n{}\n", "ก".repeat(400_000));
    let dir = site(&[
        ("site.yaml", "limits: { max_file_mb: 1 }\n"),
        ("content/big.md", &big),
    ]);
    build_fails_with(dir.path(), &["content/big.md", "C132", "1 MB"]);

    // One cell of 70 KiB in a month file.
    let mut csv = String::from(prongsai_load::month_template().trim_start_matches('\u{feff}'));
    csv.push_str(&format!(
        "1,,,{},50000,งบประมาณรายจ่ายประจำปี,49000,วิธีเฉพาะเจาะจง,ร้าน ก 48000,ร้าน ก,,48000,ราคาเหมาะสม,1/2569,10/10/2568,,สิ้นสุดสัญญา,\r\n",
        "x".repeat(70 * 1024)
    ));
    let dir = site(&[
        ("procurement-data/2569/months/2568-10.csv", &csv),
        ("procurement-data/agency.yaml", "name: x\n"),
    ]);
    build_fails_with(
        dir.path(),
        &[
            "procurement-data/2569/months/2568-10.csv:2:4",
            "P106",
            "งานที่ซื้อหรือจ้าง",
            "64 KiB",
        ],
    );
}

#[test]
fn a_million_row_file_is_refused_not_loaded() {
    let mut csv = String::from(prongsai_load::month_template().trim_start_matches('\u{feff}'));
    let row = "1,,,ก,1,ก,1,วิธีเฉพาะเจาะจง,ร้าน 1,ร้าน,,1,ก,1,10/10/2568,,สิ้นสุดสัญญา,\n";
    csv.reserve(row.len() * 1_000_000);
    for _ in 0..1_000_000 {
        csv.push_str(row);
    }
    // The file-size limit would refuse it first (P105); raise it so the row limit is what is
    // exercised.
    let dir = site(&[
        ("site.yaml", "limits: { max_file_mb: 500 }\n"),
        ("procurement-data/2569/months/2568-10.csv", &csv),
        ("procurement-data/agency.yaml", "name: x\n"),
    ]);
    drop(csv);
    let started = std::time::Instant::now();
    build_fails_with(
        dir.path(),
        &["procurement-data/2569/months/2568-10.csv", "P107", "100000"],
    );
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}
