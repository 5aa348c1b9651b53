//! The repository's sample `procurement-data/` (invented, see its README) checks with zero errors
//! as of its newest month (2569-10 ended → 1 Nov 2569 BE), and warns exactly where the README
//! says red flags were placed on purpose.

use prongsai_check::{CheckConfig, CheckOptions, ItaStatus, PageRef, check};
use prongsai_model::{Date, Diagnostic, Money, Severity};
use std::path::PathBuf;

fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn options() -> CheckOptions {
    let mut o = CheckOptions::new(Date::from_be(2569, 11, 1).expect("date"));
    o.base_url = "https://www.muangluang.go.th/".into();
    o
}

fn findings(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| {
            format!(
                "{}: {}[{}]",
                d.location
                    .as_ref()
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
                d.severity,
                d.code
            )
        })
        .collect()
}

#[test]
fn sample_has_no_errors_and_only_the_documented_warnings() {
    let loaded = prongsai_load::load(&site_root());
    assert!(
        loaded.data.years.contains_key(&2570),
        "sample data not found"
    );
    let report = check(&loaded.data, &[], &options());
    let mut all = loaded.diagnostics.clone();
    all.extend(report.diagnostics.iter().cloned());
    prongsai_model::sort_diagnostics(&mut all);
    assert_eq!(
        findings(&all),
        vec![
            "procurement-data/2568/months/2568-02.csv:7:12: warning[C403]",
            // e-GP has a contract no month file discloses, and records one agreed price 1,000
            // บาท lower (procurement-data/README.md, "ข้อมูลสัญญาจาก e-GP").
            "procurement-data/2569/egp/egp-2569.json:5223: warning[C220]",
            "procurement-data/2569/months/2569-02.csv:2:4: warning[C401]",
            "procurement-data/2569/months/2569-02.csv:16:4: warning[C401]",
            "procurement-data/2569/months/2569-03.csv:2:12: warning[C320]",
            "procurement-data/2569/months/2569-03.csv:3:4: warning[C401]",
            "procurement-data/2569/months/2569-07.csv:8:9: warning[C405]",
            // The README's confirmed finding: outside the plan, explained in its คำชี้แจง.
            "procurement-data/2569/months/2569-09.csv:8:3: warning[C306]",
        ]
    );
}

#[test]
fn splitting_is_not_found_when_only_500000_is_a_threshold() {
    let loaded = prongsai_load::load(&site_root());
    let mut opts = options();
    opts.config = CheckConfig {
        split_thresholds: vec![Money::from_baht(500_000)],
        ..CheckConfig::default()
    };
    let report = check(&loaded.data, &[], &opts);
    let split: Vec<String> = findings(&report.diagnostics)
        .into_iter()
        .filter(|f| f.contains("C401"))
        .collect();
    // The planted split totals 104,630 บาท: only the 100,000 บาท threshold catches it.
    assert!(split.is_empty(), "{split:?}");
}

#[test]
fn ita_index_for_the_sample() {
    let loaded = prongsai_load::load(&site_root());
    let pages = vec![PageRef {
        url_path: "/integrity/measures-2568/".into(),
        title: "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส".into(),
        ita: vec!["O26".into()],
        ..PageRef::default()
    }];
    let report = check(&loaded.data, &pages, &options());
    let years: Vec<i32> = report.ita.iter().map(|e| e.assessment_year).collect();
    assert_eq!(years, vec![2568, 2569]);
    let y2568 = &report.ita[0];
    assert_eq!(y2568.criteria.file, "embedded:ita-2568.yaml");
    let o12 = y2568.items.iter().find(|i| i.code == "O12").expect("O12");
    assert_eq!(o12.status, ItaStatus::Met);
    // Six months, each as a page and an XLSX download.
    assert_eq!(o12.urls.len(), 12);
    assert_eq!(
        o12.urls[0].url,
        "https://www.muangluang.go.th/procurement/2568/months/2567-10/"
    );
    assert_eq!(
        o12.urls[1].url,
        "https://www.muangluang.go.th/data/2568/months/2567-10.xlsx"
    );
    // O13 needs the FY 2567 annual report; the sample's data starts at FY 2568, so prongsai
    // cannot tell whether it was published (on an older site, say).
    let o13 = y2568.items.iter().find(|i| i.code == "O13").expect("O13");
    assert_eq!(o13.status, ItaStatus::Unknown);
    assert!(o13.missing[0].contains("2567"), "{:?}", o13.missing);
    let o26 = y2568.items.iter().find(|i| i.code == "O26").expect("O26");
    assert_eq!(o26.status, ItaStatus::Met);
    assert_eq!(
        o26.urls[0].url,
        "https://www.muangluang.go.th/integrity/measures-2568/"
    );
    let o1 = y2568.items.iter().find(|i| i.code == "O1").expect("O1");
    assert_eq!(o1.status, ItaStatus::Missing);
    assert_eq!(o1.fixes[0].snippet, "ita: [\"2568:O1\"]");

    let y2569 = &report.ita[1];
    let o11 = y2569.items.iter().find(|i| i.code == "O11").expect("O11");
    assert_eq!(o11.status, ItaStatus::Met, "{:?}", o11.missing);
    assert!(
        o11.urls
            .iter()
            .any(|u| u.url == "https://www.muangluang.go.th/data/2569/months/2569-09.pdf")
    );
    let o12 = y2569.items.iter().find(|i| i.code == "O12").expect("O12");
    assert_eq!(o12.status, ItaStatus::Met, "{:?}", o12.missing);
    assert!(
        o12.urls
            .iter()
            .any(|u| u.url == "https://www.muangluang.go.th/procurement/2568/annual/")
    );
    // The annual page, the annual summary as PDF and XLSX, and each month's page, PDF and XLSX.
    assert_eq!(o12.urls.len(), 3 + 12 * 3);
    assert!(
        o12.urls
            .iter()
            .any(|u| u.url == "https://www.muangluang.go.th/data/2568/annual-summary.pdf")
    );
    // O11's quarter files: the sample's FY 2569 has all four quarters.
    for q in 1..=4 {
        for ext in ["pdf", "xlsx"] {
            let url = format!("https://www.muangluang.go.th/data/2569/quarters/2569-Q{q}.{ext}");
            assert!(o11.urls.iter().any(|u| u.url == url), "{url}");
        }
    }
}
