use super::*;
use crate::build::{BuildOptions, build_site};

/// The sample site of the repository, copied so tests can edit it.
fn sample_copy() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    for item in [
        "site.yaml",
        "content",
        "procurement-data",
        "themes",
        "criteria",
    ] {
        let from = repo.join(item);
        if from.exists() {
            copy(&from, &dir.path().join(item));
        }
    }
    dir
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read dir") {
            let e = e.expect("entry");
            copy(&e.path(), &to.join(e.file_name()));
        }
    } else {
        std::fs::copy(from, to).expect("copy");
    }
}

fn as_of() -> Date {
    Date::from_ce(2026, 11, 1).expect("date")
}

/// What a fresh `build` writes, read back from disk (without its marker).
fn full(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    build_site(&BuildOptions {
        root: root.to_path_buf(),
        out: public.clone(),
        base_url: None,
        as_of: Some(as_of()),
        ita_year: None,
    })
    .unwrap_or_else(|e| panic!("full build failed: {e:?}"));
    let mut files = BTreeMap::new();
    for entry in walk(&public) {
        let rel = entry
            .strip_prefix(&public)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        if rel != prongsai_write::MARKER {
            files.insert(rel, std::fs::read(&entry).expect("read"));
        }
    }
    files
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("read dir") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn served(outcome: &Outcome) -> BTreeMap<String, Vec<u8>> {
    match &outcome.result {
        Ok(files) => files.iter().map(|(k, v)| (k.clone(), v.to_vec())).collect(),
        Err(d) => panic!("build failed: {d:#?}"),
    }
}

fn assert_same(incremental: &BTreeMap<String, Vec<u8>>, full: &BTreeMap<String, Vec<u8>>) {
    let a: Vec<&String> = incremental.keys().collect();
    let b: Vec<&String> = full.keys().collect();
    assert_eq!(
        a, b,
        "the incremental build has other files than a full one"
    );
    for (path, bytes) in full {
        assert!(
            incremental[path] == *bytes,
            "{path} differs from a full build"
        );
    }
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replace(from, to)).expect("write");
}

const MONTH: &str = "procurement-data/2569/months/2569-03.csv";
const PLAN: &str = "procurement-data/2569/plan.csv";
const PAGE: &str = "content/news/no-gift-policy-2569.md";

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let dir = sample_copy();
    let root = dir.path();
    let mut b = Builder::new(root, as_of(), None);
    let first = b.build();
    assert_same(&served(&first), &full(root));
    let before = served(&first);

    edit(root, MONTH, "21703.24", "21500.00");
    let out = b.rebuild(&[MONTH.to_owned()]);
    let after = served(&out);
    assert_same(&after, &full(root));
    // The month's own downloads changed; other months' came from the cache.
    assert_ne!(
        before["data/2569/months/2569-03.xlsx"],
        after["data/2569/months/2569-03.xlsx"]
    );
    assert!(
        out.reused > 0 && out.produced < first.produced,
        "{} {}",
        out.produced,
        out.reused
    );
    // The patched data and its diagnostics are what a full load reads.
    let fresh = prongsai_load::load(root);
    assert!(fresh.data == b.inputs.data.data);
    assert_eq!(fresh.diagnostics, b.inputs.data.diagnostics);

    edit(root, PLAN, "1510000", "1520000");
    let out = b.rebuild(&[PLAN.to_owned()]);
    assert_same(&served(&out), &full(root));
    assert!(prongsai_load::load(root).data == b.inputs.data.data);

    edit(root, PAGE, "---\n\n", "---\n\nย่อหน้าใหม่จากการทดสอบ\n\n");
    let out = b.rebuild(&[PAGE.to_owned()]);
    let now = served(&out);
    assert_same(&now, &full(root));
    assert!(
        String::from_utf8_lossy(&now["news/no-gift-policy-2569/index.html"])
            .contains("ย่อหน้าใหม่จากการทดสอบ")
    );

    // The newest fiscal year feeds the home page's figures (a site-wide value).
    let newest = "procurement-data/2570/months/2569-10.csv";
    edit(root, newest, "จัดซื้อน้ำมันเชื้อเพลิง", "จัดซื้อน้ำมันดีเซล");
    let out = b.rebuild(&[newest.to_owned()]);
    assert_same(&served(&out), &full(root));

    // A theme change re-renders everything.
    edit(
        root,
        "themes/default/templates/base.html",
        "</body>",
        "<p>แก้ธีม</p></body>",
    );
    let out = b.rebuild(&["themes/default/templates/base.html".to_owned()]);
    let now = served(&out);
    assert_same(&now, &full(root));
    assert!(String::from_utf8_lossy(&now["procurement/2569/index.html"]).contains("แก้ธีม"));
}

/// Served HTML pages whose text contains `needle`.
fn pages_with(site: &BTreeMap<String, Vec<u8>>, needle: &str) -> Vec<String> {
    site.iter()
        .filter(|(path, bytes)| {
            path.ends_with(".html") && String::from_utf8_lossy(bytes).contains(needle)
        })
        .map(|(path, _)| path.clone())
        .collect()
}

#[test]
fn a_plan_title_reaches_the_kept_record_pages_that_link_to_it() {
    // Record pages are kept by month file; a plan line they show belongs to plan.csv, so a
    // plan edit alone must still re-render them.
    let dir = sample_copy();
    let root = dir.path();
    let mut b = Builder::new(root, as_of(), None);
    let before = served(&b.build());
    let linked = pages_with(&before, "P69-003 จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น<");
    assert!(linked.len() > 10, "{linked:?}");

    edit(
        root,
        PLAN,
        "P69-003,จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น,",
        "P69-003,จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น (แผนแก้ไข),",
    );
    let after = served(&b.rebuild(&[PLAN.to_owned()]));
    assert_same(&after, &full(root));
    let relinked = pages_with(&after, "P69-003 จัดซื้อน้ำมันเชื้อเพลิงและหล่อลื่น (แผนแก้ไข)<");
    assert_eq!(linked, relinked);
}

#[test]
fn a_site_wide_value_re_renders_the_kept_pages_that_show_it() {
    // Every page shows the agency's address (base.html); the other years' pages are kept by
    // their data, which did not change, so only the site-wide value can tell them to re-render.
    let dir = sample_copy();
    let root = dir.path();
    let mut b = Builder::new(root, as_of(), None);
    let first = b.build();
    let shown_2568 = pages_with(&served(&first), "ตำบลเมืองหลวง อำเภอห้วยทับทัน")
        .into_iter()
        .filter(|p| p.starts_with("procurement/2568/"))
        .count();
    assert!(shown_2568 > 10);

    let agency = "procurement-data/agency.yaml";
    edit(
        root,
        agency,
        "address: ตำบลเมืองหลวง",
        "address: หมู่ 1 ตำบลเมืองหลวง",
    );
    let out = b.rebuild(&[agency.to_owned()]);
    let after = served(&out);
    assert_same(&after, &full(root));
    let moved = pages_with(&after, "หมู่ 1 ตำบลเมืองหลวง อำเภอห้วยทับทัน")
        .into_iter()
        .filter(|p| p.starts_with("procurement/2568/"))
        .count();
    assert_eq!(moved, shown_2568);

    // And with nothing changed, everything is kept.
    let again = b.rebuild(&[]);
    assert_eq!(
        (again.produced, again.reused),
        (0, out.produced + out.reused)
    );
}

#[test]
fn a_new_month_file_reloads_the_data() {
    let dir = sample_copy();
    let root = dir.path();
    let mut b = Builder::new(root, as_of(), None);
    served(&b.build());
    let rel = "procurement-data/2570/months/2569-11.csv";
    std::fs::write(root.join(rel), prongsai_load::month_template()).expect("write");
    assert_eq!(b.classify(rel), Change::Data);
    let out = b.rebuild(&[rel.to_owned()]);
    assert_same(&served(&out), &full(root));
    // Now known, so the next edit patches it alone.
    assert_eq!(b.classify(rel), Change::DataFile(rel.to_owned()));
}

#[test]
fn a_broken_month_fails_with_its_location_and_recovers() {
    let dir = sample_copy();
    let root = dir.path();
    let mut b = Builder::new(root, as_of(), None);
    served(&b.build());
    edit(root, MONTH, "21703.24", "21x03.24");
    let out = b.rebuild(&[MONTH.to_owned()]);
    let Err(diags) = &out.result else {
        panic!("a broken amount must fail the build")
    };
    assert!(
        diags.iter().any(|d| d.is_error()
            && d.location
                .as_ref()
                .is_some_and(|l| l.file == MONTH && l.line.is_some())),
        "{diags:#?}"
    );
    edit(root, MONTH, "21x03.24", "21703.24");
    assert_same(&served(&b.rebuild(&[MONTH.to_owned()])), &full(root));
}

#[test]
fn overlay_escapes_and_locates() {
    let d = Diagnostic::error("P101", "จำนวนเงิน <ผิด>", "bad <amount> & \"x\"")
        .at(prongsai_model::Location::cell(MONTH, 3, 5, "วงเงินงบประมาณ"));
    let html = overlay_html(&[d]);
    assert!(html.contains("จำนวนเงิน &lt;ผิด&gt;"), "{html}");
    assert!(
        html.contains("bad &lt;amount&gt; &amp; &quot;x&quot;"),
        "{html}"
    );
    assert!(html.contains(&format!("{MONTH}:3:5")), "{html}");
    assert!(!html.contains("<ผิด>"));
}

#[test]
fn failed_build_keeps_the_last_good_site() {
    let server = Server::default();
    let mut good = BTreeMap::new();
    good.insert(
        "index.html".to_owned(),
        Arc::new(b"<body>hi</body>".to_vec()),
    );
    let ok = |result| Outcome {
        result,
        warnings: Vec::new(),
        elapsed: Duration::ZERO,
        produced: 0,
        reused: 0,
        phases: Vec::new(),
    };
    let s = server.publish(ok(Ok(good)));
    assert!(s.ok && s.site_generation == 1);
    let s = server.publish(ok(Err(vec![Diagnostic::error("P101", "ผิด", "wrong")])));
    assert!(!s.ok);
    assert_eq!((s.generation, s.site_generation), (2, 1));
    let (files, status) = server.snapshot();
    assert_eq!(&*files["index.html"], b"<body>hi</body>");
    let page = String::from_utf8(http::inject(&files["index.html"], &status)).expect("utf8");
    assert!(
        page.starts_with("<body>hi<div id=\"prongsai-overlay\""),
        "{page}"
    );
    assert!(
        page.ends_with("data-generation=\"1\"></script></body>"),
        "{page}"
    );
}

#[test]
fn paths_and_types() {
    assert_eq!(
        http::percent_decode("news/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7/").as_deref(),
        Some("news/ข่าว/")
    );
    assert_eq!(http::percent_decode("a/../b"), None);
    assert_eq!(http::percent_decode("%zz").as_deref(), Some("%zz"));
    assert_eq!(http::percent_decode("%E0%B8"), None);
    assert_eq!(http::percent_decode("%2e%2E/x"), None);
    assert_eq!(http::content_type("fonts/a.woff2"), "font/woff2");
    assert_eq!(http::content_type("x.svg"), "image/svg+xml");
    assert_eq!(
        http::content_type("data/2569/plan.json"),
        "application/json"
    );
    assert_eq!(http::content_type("a.PDF"), "application/pdf");
    assert!(http::content_type("a.xlsx").contains("spreadsheetml"));
}
