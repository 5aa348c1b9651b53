//! The build pipeline end to end: the real binary on fixture site roots.

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

fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run prongsai")
}

fn text(tree: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    String::from_utf8(
        tree.get(path)
            .unwrap_or_else(|| panic!("{path} not built"))
            .clone(),
    )
    .unwrap()
}

#[test]
fn empty_root_builds_with_the_embedded_theme() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("public");
    let o = build(root.path(), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = tree(&out);
    for p in [
        "index.html",
        "404.html",
        "robots.txt",
        "css/site.css",
        "css/print.css",
        "fonts/OFL.txt",
        "fonts/sarabun-thai-400-normal.woff2",
        "prongsai-build.json",
    ] {
        assert!(t.contains_key(p), "{p} missing");
    }
    let home = text(&t, "index.html");
    assert!(home.contains("<title>prongsai</title>"), "{home}");
    assert!(home.contains("<html lang=\"th\">"), "{home}");
    let marker: serde_json::Value = serde_json::from_slice(&t["prongsai-build.json"]).unwrap();
    assert_eq!(marker["generator"], "prongsai");
    assert_eq!(marker["ok"], true);
    assert_eq!(marker["errors"], 0);
    // No base_url: no sitemap, and a warning that says how to get one.
    assert_eq!(marker["warnings"], 1);
    assert_eq!(marker["files"], t.len());
    assert!(stderr(&o).contains("C150"));
}

#[test]
fn data_only_root_takes_title_from_agency_and_shows_sample_banner() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let o = build(&fixture("data-only"), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = tree(&out);
    let home = text(&t, "index.html");
    assert!(home.contains("<title>เทศบาลตำบลทดสอบ</title>"), "{home}");
    assert!(home.contains("ข้อมูลตัวอย่าง"));
    assert!(
        text(&t, "404.html").contains("ข้อมูลตัวอย่าง"),
        "the banner is on every page"
    );
}

#[test]
fn theme_overrides_file_by_file_and_feeds_sitemap_follow() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let o = build(&fixture("override"), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).is_empty(),
        "unexpected diagnostics: {}",
        stderr(&o)
    );
    let t = tree(&out);
    // The site's page.html replaced the embedded one; base.html is still the embedded one.
    let page = text(&t, "news/first/index.html");
    assert!(
        page.contains("<article class=\"civic\">ข่าวแรก|15 ตุลาคม 2568|"),
        "{page}"
    );
    assert!(page.contains("class=\"skip-link\""), "{page}");
    assert!(
        page.contains(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"ตาราง: detail\"><table>"
        ),
        "{page}"
    );
    assert_eq!(t["css/extra.css"], b"body{color:#000}\n");
    assert!(t.contains_key("css/site.css"));
    // Links and menus resolved.
    let home = text(&t, "index.html");
    assert!(home.contains("href=\"/news/first/#detail\""), "{home}");
    assert!(home.contains("href=\"/news/\">ข่าว</a>"), "{home}");
    // Section listing: newest first.
    let news = text(&t, "news/index.html");
    let (a, b) = (news.find("ข่าวที่สอง").unwrap(), news.find("ข่าวแรก").unwrap());
    assert!(a < b, "newest first: {news}");
    insta::assert_snapshot!("override_atom", text(&t, "news/atom.xml"));
    insta::assert_snapshot!("override_sitemap", text(&t, "sitemap.xml"));
    assert_eq!(
        text(&t, "robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.go.th/sitemap.xml\n"
    );
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let o = build(
        &fixture("override"),
        &out,
        &["--base-url", "https://other.go.th/"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(text(&tree(&out), "sitemap.xml").contains("<loc>https://other.go.th/news/</loc>"));
}

/// Builds a good site into `out`, then the bad root into the same `out`: exit 1, the previous
/// output byte-identical, nothing left beside it.
fn fails_and_keeps_previous(bad_root: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = build(&fixture("override"), &out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = tree(&out);
    let o = build(bad_root, &out, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(tree(&out), before, "previous output changed");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "temporary folder left behind"
    );
    stderr(&o)
}

#[test]
fn bad_input_lists_every_error_and_keeps_previous_output() {
    let err = fails_and_keeps_previous(&fixture("bad"));
    // Only `file:line: severity[code]`: the messages list the theme's templates, which grow.
    let heads: Vec<String> = err
        .lines()
        .filter(|l| l.starts_with("content/") || l.starts_with("site.yaml"))
        .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .collect();
    insta::assert_snapshot!(
        "bad_input_diagnostics",
        heads.join(
            "
"
        )
    );
    for needle in [
        "content/_index.md:4",
        "content/front.md:3",
        "content/templ.md:3",
        "content/date.md:3",
    ] {
        assert!(err.contains(needle), "{needle} not reported:\n{err}");
    }
}

#[test]
fn duplicate_output_path_names_both_sources() {
    let err = fails_and_keeps_previous(&fixture("duplicate"));
    assert!(
        err.contains("content/a.md") && err.contains("content/b.md"),
        "{err}"
    );
    assert!(err.contains("C160"), "{err}");
}

#[test]
fn an_error_found_while_writing_leaves_no_trace() {
    // Files stream into the temporary folder as they render; a template error found midway
    // must still leave the previous output exactly as it was.
    let err = fails_and_keeps_previous(&fixture("render-error"));
    assert!(
        err.contains("content/templ.md:3") && err.contains("C141"),
        "{err}"
    );
}

#[test]
fn unreadable_file_is_an_error() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("content")).unwrap();
    // Bytes that are not UTF-8: what a file saved by an old Thai Windows editor looks like.
    fs::write(
        root.path().join("content/old.md"),
        [0xbb, 0xc3, 0xd0, 0xa1, 0xd2, 0xc8],
    )
    .unwrap();
    let err = fails_and_keeps_previous(root.path());
    assert!(
        err.contains("content/old.md") && err.contains("UTF-8"),
        "{err}"
    );
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
    let o = build(&fixture("override"), dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["build", "--as-of", "soon"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["build", "--root", "/nonexistent/prongsai"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .arg("--help")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn the_sample_site_rebuilds_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let o = build(root, &a, &["--as-of", "2569-11-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = build(root, &b, &["--as-of", "2569-11-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(tb[path] == *bytes, "{path} differs between two builds");
    }
    let home = text(&ta, "index.html");
    assert!(home.contains("องค์การบริหารส่วนตำบลเมืองหลวง"));
    assert!(home.contains("ข้อมูลตัวอย่าง"), "the sample data banner");
    assert!(ta.contains_key("news/atom.xml"));
}

#[test]
fn check_ita_lists_the_items_not_complete_and_how_to_add_them() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let o = Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(["check", "--ita", "2569", "--root"])
        .arg(root)
        .output()
        .expect("run prongsai");
    // Missing evidence is a gap, never an error: the sample checks clean.
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("ITA 2569 (embedded:ita-2569.yaml"), "{out}");
    // O8 has no page or address yet: listed with the front-matter line to write.
    assert!(out.contains("\nO8 ไม่มีข้อมูล: "), "{out}");
    assert!(out.contains("ita: [\"2569:O8\"]"), "{out}");
    // O10 is answered by the e-service address in the sample's site.yaml; O11 by the month files.
    assert!(!out.contains("\nO10 "), "{out}");
    assert!(!out.contains("\nO11 "), "{out}");
    // Built, the same index is a page and two downloads, every link absolute.
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("site");
    let b = build(root, &out_dir, &[]);
    assert!(b.status.success(), "{}", stderr(&b));
    let files = tree(&out_dir);
    let csv = files.get("ita/2569/evidence.csv").expect("evidence.csv");
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "CSV has a BOM for Excel");
    let json: serde_json::Value =
        serde_json::from_str(&text(&files, "ita/2569/evidence.json")).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["code"] == "O10"
        && r["link_kind"] == "external"
        && r["url"] == "https://www.muangluang.go.th/eservice/"));
    assert!(
        rows.iter()
            .filter_map(|r| r["url"].as_str())
            .filter(|u| !u.is_empty())
            .all(|u| u.starts_with("https://"))
    );
    let page = text(&files, "ita/2569/index.html");
    assert!(page.contains("href=\"/ita/2569/evidence.csv\""));
    assert!(page.contains("rel=\"external\""));
}
