//! Excel in: the sample's workbook month builds exactly like its CSV twin, the committed Excel
//! templates are what `prongsai new month --xlsx` writes, and that command never overwrites.

mod common;
use common::{stderr, tree};

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn prongsai(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_prongsai"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run prongsai")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            fs::copy(&p, &dest).unwrap();
        }
    }
}

const BOOK: &str = "procurement-data/2568/months/2568-07.xlsx";
const TWIN: &str = "tests/fixtures/xlsx-twin/2568-07.csv";

/// The sample ships 2568-07 as a workbook saved by LibreOffice (scripts/gen-xlsx-fixtures) from
/// the CSV that scripts/gen-sample-data.py writes as its twin. With the twin in its place the
/// site must come out the same, byte for byte, but for the name of the source file, which the
/// open-data exports cite (`source_file`).
#[test]
fn the_sample_workbook_month_builds_like_its_csv_twin() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(repo.join(BOOK).is_file(), "{BOOK} is missing");
    assert!(
        !repo.join(BOOK.replace(".xlsx", ".csv")).exists(),
        "one format per month"
    );
    let dir = tempfile::tempdir().unwrap();
    let csv_root = dir.path().join("csv");
    for part in ["procurement-data", "content", "themes", "assets"] {
        if repo.join(part).is_dir() {
            copy_dir(&repo.join(part), &csv_root.join(part));
        }
    }
    fs::copy(repo.join("site.yaml"), csv_root.join("site.yaml")).unwrap();
    fs::remove_file(csv_root.join(BOOK)).unwrap();
    fs::copy(
        repo.join(TWIN),
        csv_root.join(BOOK.replace(".xlsx", ".csv")),
    )
    .unwrap();

    let (a, b) = (dir.path().join("out-xlsx"), dir.path().join("out-csv"));
    let args = |out: &Path| {
        vec![
            "build".to_owned(),
            "--out".to_owned(),
            out.display().to_string(),
            "--as-of".to_owned(),
            "2569-11-01".to_owned(),
        ]
    };
    let run = |root: &Path, out: &Path| {
        let a = args(out);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let o = prongsai(&a, root);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    run(repo, &a);
    run(&csv_root, &b);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    let (book_name, csv_name) = ("2568-07.xlsx", "2568-07.csv");
    let mut cited = 0;
    for (path, bytes) in &ta {
        // The catalogue states each data file's size, and the cited name is a byte longer: these
        // three must agree in everything but their numbers.
        if matches!(
            path.as_str(),
            "data/catalog.json" | "data/catalog.jsonld" | "data/index.html"
        ) {
            let a = String::from_utf8_lossy(bytes).into_owned();
            let b = String::from_utf8_lossy(&tb[path]).into_owned();
            for (la, lb) in without_numbers(&a).lines().zip(without_numbers(&b).lines()) {
                assert_eq!(la, lb, "{path} differs beyond file sizes");
            }
            assert_eq!(a.lines().count(), b.lines().count(), "{path}");
            continue;
        }
        let same = if bytes == &tb[path] {
            true
        } else {
            // Only the cited source file may differ.
            let text = String::from_utf8_lossy(bytes);
            cited += usize::from(text.contains(book_name));
            text.replace(book_name, csv_name).as_bytes() == tb[path].as_slice()
        };
        assert!(same, "{path} differs between the workbook and the CSV twin");
    }
    assert!(cited > 0, "the exports cite the source file of each record");
    let month = String::from_utf8_lossy(&ta["data/2568/procurements.json"]).into_owned();
    assert!(month.contains(BOOK), "records cite the workbook");
}

#[test]
fn committed_excel_templates_are_what_the_code_makes() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_TEMPLATES").is_some();
    for (name, bytes) in [
        (
            "month.xlsx",
            prongsai_export::month_template_xlsx().unwrap(),
        ),
        ("plan.xlsx", prongsai_export::plan_template_xlsx().unwrap()),
    ] {
        let path = repo.join("templates").join(name);
        if update {
            fs::write(&path, &bytes).unwrap();
        }
        assert!(
            fs::read(&path).is_ok_and(|b| b == bytes),
            "templates/{name} is stale: UPDATE_TEMPLATES=1 cargo test --test xlsx"
        );
    }
    assert_eq!(
        prongsai_load::MONTH_SHEET,
        prongsai_export::templates::MONTH_SHEET
    );
    assert_eq!(
        prongsai_load::PLAN_SHEET,
        prongsai_export::templates::PLAN_SHEET
    );
    // A blank template is a valid month with no procurement (the example sheet is not read).
    let (month, diags) = prongsai_load::parse_month_bytes(
        "procurement-data/2570/months/2569-11.xlsx",
        prongsai_model::YearMonth::new(2569, 11),
        &prongsai_export::month_template_xlsx().unwrap(),
    );
    assert!(diags.is_empty(), "{diags:#?}");
    let month = month.unwrap();
    assert!(month.records.is_empty());
    assert_eq!(month.file.sheet.as_deref(), Some("สขร1"));
    assert_eq!(month.file.columns.len(), prongsai_model::Field::MONTH.len());
}

#[test]
fn the_example_sheet_of_the_template_is_a_valid_record() {
    // The example row is what the notes promise: read it as the data sheet.
    let bytes = prongsai_export::month_template_xlsx().unwrap();
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    let example = wb.worksheet_range("ตัวอย่าง").unwrap();
    assert_eq!(example.height(), 2, "header and one example row");
    let cell = |c: u32| example.get_value((1, c)).map(ToString::to_string);
    assert_eq!(cell(7).as_deref(), Some("วิธีเฉพาะเจาะจง"));
    assert_eq!(cell(16).as_deref(), Some("สิ้นสุดสัญญา"));
}

#[test]
fn new_month_writes_a_workbook_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let o = prongsai(&["new", "month", "2569-11", "--xlsx"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = root.join("procurement-data/2570/months/2569-11.xlsx");
    assert_eq!(
        fs::read(&path).unwrap(),
        prongsai_export::month_template_xlsx().unwrap()
    );
    fs::write(&path, b"edited").unwrap();
    let o = prongsai(&["new", "month", "2569-11", "--xlsx"], root);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read(&path).unwrap(), b"edited");
    // Nor a CSV beside it: two files for one month would stop the build.
    let o = prongsai(&["new", "month", "2569-11"], root);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("2569-11.xlsx"));
    assert!(
        !root
            .join("procurement-data/2570/months/2569-11.csv")
            .exists()
    );
    let o = prongsai(&["new", "plan", "2570", "--xlsx"], root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(root.join("procurement-data/2570/plan.xlsx").is_file());
}

/// The checks see a workbook's record exactly as the CSV one: a contract date after the file's
/// month and a budget typed as text with its unit give the same findings at the same row and
/// column, only placed in the sheet.
#[test]
fn a_workbook_month_gets_the_same_checks_as_csv() {
    let header = prongsai_load::month_template();
    let header = header.trim_start_matches('\u{FEFF}').trim_end();
    let row = [
        "1",
        "",
        "",
        "จัดซื้อวัสดุ",
        "15,000 บาท",
        "เงินสะสม",
        "15000",
        "วิธีเฉพาะเจาะจง",
        "ร้าน ก 14000",
        "ร้าน ก",
        "",
        "14000",
        "ราคาต่ำสุด",
        "1/2570",
        "15/12/2569",
        "",
        "สิ้นสุดสัญญา",
        "",
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut findings = Vec::new();
    for ext in ["csv", "xlsx"] {
        let root = dir.path().join(ext);
        let months = root.join("procurement-data/2570/months");
        fs::create_dir_all(&months).unwrap();
        fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("procurement-data/agency.yaml"),
            root.join("procurement-data/agency.yaml"),
        )
        .unwrap();
        let path = months.join(format!("2569-10.{ext}"));
        if ext == "csv" {
            let quoted: Vec<String> = row.iter().map(|v| format!("\"{v}\"")).collect();
            fs::write(&path, format!("{header}\n{}\n", quoted.join(","))).unwrap();
        } else {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            for (c, h) in header.split(',').enumerate() {
                ws.write_string(0, c as u16, h).unwrap();
            }
            for (c, v) in row.iter().enumerate() {
                match v.parse::<f64>() {
                    Ok(n) => ws.write_number(1, c as u16, n).unwrap(),
                    Err(_) => ws.write_string(1, c as u16, *v).unwrap(),
                };
            }
            wb.save(&path).unwrap();
        }
        let o = prongsai(
            &["check", "--format", "json", "--as-of", "2569-11-01"],
            &root,
        );
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let mut got: Vec<String> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["file"].as_str().is_some_and(|f| f.contains("2569-10")))
            .map(|d| format!("{} {} {}", d["code"], d["line"], d["column"]))
            .collect();
        got.sort();
        findings.push(got);
    }
    assert!(
        findings[0].iter().any(|f| f.starts_with("\"C301\"")),
        "{findings:?}"
    );
    assert_eq!(findings[0], findings[1]);
}

/// The text with every run of digits (and the separators inside a number) as one `#`.
fn without_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() || (in_number && matches!(c, '.' | ',')) {
            if !in_number {
                out.push('#');
                in_number = true;
            }
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}
