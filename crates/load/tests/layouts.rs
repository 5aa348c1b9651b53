//! The files a finance division already makes, read as they are (issue 30): แบบ สขร.1 and the ITA
//! procurement list, written by LibreOffice Calc and by openpyxl (`scripts/gen-layout-fixtures`),
//! never by prongsai. Each test states the records a person reading the sheet would write down.

use prongsai_load::{load, parse_month_bytes};
use prongsai_model::{
    Date, Diagnostic, Field, Layout, Method, Money, MonthFile, Procurement, Severity, Status,
    YearMonth,
};
use std::path::{Path, PathBuf};

const OCT: YearMonth = YearMonth::new(2567, 10);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One fixture file read as if it were `procurement-data/2568/months/<name>`.
fn read(name: &str) -> (Option<MonthFile>, Vec<Diagnostic>) {
    let bytes = std::fs::read(fixtures().join("layouts").join(name)).expect("fixture");
    parse_month_bytes(&format!("procurement-data/2568/months/{name}"), OCT, &bytes)
}

fn read_ok(name: &str) -> MonthFile {
    let (m, d) = read(name);
    let errors: Vec<&Diagnostic> = d.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    m.unwrap_or_else(|| panic!("{name} did not load"))
}

fn baht(b: f64) -> Option<Money> {
    Some(Money::from_satang((b * 100.0).round() as i64))
}

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::from_be(y, m, d)
}

fn bids(r: &Procurement) -> Vec<(&str, Option<Money>)> {
    r.bids.iter().map(|b| (b.name.as_str(), b.price)).collect()
}

/// The สขร.1 below its title rows, as LibreOffice saved it both as a workbook and as CSV.
fn check_titles_form(m: &MonthFile) {
    assert_eq!(m.file.layout, Layout::Skr1);
    assert_eq!(
        m.records.len(),
        4,
        "the totals and signatures end the table"
    );
    let r = &m.records;
    // Row 1: "name เสนอราคา(เป็นเงิน) x บาท"; the winner "name\nราคาที่ตกลง x บาท"; a contract
    // "ใบสั่งซื้อ 1/2568\nลว. 3 ต.ค. 67", the year in two digits.
    assert_eq!(r[0].seq, 1);
    assert_eq!(r[0].title, "จัดซื้อวัสดุสำนักงาน");
    assert_eq!(
        (r[0].budget, r[0].reference_price),
        (Money::from_baht(12_500), baht(12_500.0))
    );
    assert_eq!(r[0].method, Method::Specific);
    assert_eq!(bids(&r[0]), vec![("ร้านสมใจ", baht(12_100.0))]);
    assert_eq!(
        (r[0].winner.as_deref(), r[0].agreed_price),
        (Some("ร้านสมใจ"), baht(12_100.0))
    );
    assert_eq!(r[0].reason.as_deref(), Some("ราคาต่ำสุดและเป็นไปตามข้อกำหนด"));
    assert_eq!(
        (r[0].contract_no.as_deref(), r[0].contract_date),
        (Some("ใบสั่งซื้อ 1/2568"), date(2567, 10, 3))
    );
    // Row 2: numbered bidders "1. name / x บาท" on the record's row and two continuation rows
    // (the last over two lines, "name\nเสนอราคา x บาท"), its ลำดับที่ and title merged down.
    assert_eq!(r[1].seq, 2);
    assert_eq!(r[1].method, Method::EMarket);
    assert_eq!(
        bids(&r[1]),
        vec![
            ("หจก.ก้าวหน้าก่อสร้าง", baht(245_000.0)),
            ("บริษัท ดีดี คอนสตรัคชั่น จำกัด", baht(246_500.0)),
            ("ร้านเจริญการช่าง", baht(247_900.0)),
        ]
    );
    assert_eq!(
        (r[1].winner.as_deref(), r[1].agreed_price),
        (Some("หจก.ก้าวหน้าก่อสร้าง"), baht(245_000.0))
    );
    assert_eq!(r[1].contract_date, date(2567, 10, 28));
    // Row 3: "สัญญาซื้อขาย เลขที่ 9/2568 ลงวันที่ 30 ตุลาคม 2567", the winner "name x บาท".
    assert_eq!(r[2].contract_no.as_deref(), Some("สัญญาซื้อขาย เลขที่ 9/2568"));
    assert_eq!(r[2].contract_date, date(2567, 10, 30));
    assert_eq!(r[2].agreed_price, baht(94_500.0));
    // Row 4: ยกเลิก where the winner would be.
    assert_eq!(r[3].status, Some(Status::Cancelled));
    assert_eq!((r[3].winner.as_deref(), r[3].agreed_price), (None, None));
    // What the form has no column for is not given; what it has is.
    for field in [Field::BudgetSource, Field::WinnerTin, Field::EgpProjectNo] {
        assert!(!r[0].given(field), "{field:?}");
    }
    assert!(!r[0].given(Field::Status) && r[3].given(Field::Status));
    assert!(r[0].given(Field::Bids) && r[0].given(Field::ContractDate));
    assert_eq!(r[0].budget_source, None);
}

#[test]
fn a_skr1_workbook_below_its_title_rows() {
    check_titles_form(&read_ok("2567-10 skr1 titles.xlsx"));
}

#[test]
fn the_same_form_saved_as_csv() {
    let m = read_ok("2567-10 skr1 titles.csv");
    check_titles_form(&m);
    // Lines of a CSV file, as an editor numbers them (the multi-line cells count).
    assert_eq!(m.records[0].line, 6);
}

#[test]
fn a_two_row_header_with_merged_headings() {
    let m = read_ok("2567-10 skr1 two rows.xlsx");
    assert_eq!(m.file.layout, Layout::Skr1);
    let r = &m.records;
    assert_eq!(r.len(), 2);
    // รายชื่อผู้เสนอราคา | ราคาที่เสนอ, ผู้ได้รับการคัดเลือก | ราคาที่ตกลงซื้อหรือจ้าง,
    // เลขที่ | ลว. | วันที่: the date a date cell, the prices numbers.
    assert_eq!(bids(&r[0]), vec![("หจก.ปั๊มน้ำมันทดสอบ", baht(28_750.5))]);
    assert_eq!(r[0].agreed_price, baht(28_750.5));
    assert_eq!(
        (r[0].contract_no.as_deref(), r[0].contract_date),
        (Some("ใบสั่งซื้อ 2/2568"), date(2567, 10, 3))
    );
    // Names and prices a line each in the two cells; "15 ต.ค. 67" typed as text.
    assert_eq!(
        bids(&r[1]),
        vec![("ร้านป้ายดี", baht(7_500.0)), ("ร้านศิลป์สวย", baht(7_800.0))]
    );
    assert_eq!(r[1].contract_date, date(2567, 10, 15));
    // The sheet is named for the month; the cells name their sub-column under the heading.
    assert_eq!(m.file.sheet.as_deref(), Some("สขร.1 ตุลาคม 2567"));
    let loc = r[1].loc(Field::ContractDate);
    assert_eq!(
        loc.column_name.as_deref(),
        Some("เลขที่และวันที่ของสัญญาหรือข้อตกลง / วันที่")
    );
}

#[test]
fn headers_that_came_through_a_pdf_in_a_legacy_xls() {
    let m = read_ok("2567-10 skr1 pdf.xls");
    assert_eq!(m.file.layout, Layout::Skr1);
    let r = &m.records[0];
    assert_eq!(bids(r), vec![("ร้านสะอาดพาณิชย์", baht(5_350.0))]);
    assert_eq!(r.agreed_price, baht(5_350.0));
    assert_eq!(
        (r.contract_no.as_deref(), r.contract_date),
        (Some("ใบสั่งซื้อ 4/2568"), date(2567, 10, 21))
    );
}

#[test]
fn a_month_without_procurement_as_the_form_writes_it() {
    let m = read_ok("2567-10 skr1 empty.xlsx");
    assert_eq!(m.file.layout, Layout::Skr1);
    assert!(m.records.is_empty());
}

#[test]
fn a_workbook_of_one_sheet_per_month_written_by_openpyxl() {
    let m = read_ok("2567-10 skr1 openpyxl.xlsx");
    assert_eq!(m.file.sheet.as_deref(), Some("ต.ค. 67"));
    let r = &m.records;
    assert_eq!(r.len(), 2);
    assert_eq!(
        bids(&r[0]),
        vec![
            ("ร้านวัสดุดี", baht(43_900.0)),
            ("ร้านก่อสร้างไทย", baht(44_800.0)),
            ("หจก.ทดสอบวัสดุ", baht(44_950.0)),
        ]
    );
    assert_eq!(r[1].contract_date, date(2567, 10, 25));
}

fn check_ita16(m: &MonthFile) {
    assert_eq!(m.file.layout, Layout::Ita);
    let r = &m.records;
    assert_eq!(r.len(), 3);
    // Values as real exports spell them.
    assert_eq!(r[0].status, Some(Status::Completed), "สิ้นสุดระยะสัญญา");
    assert_eq!(r[0].method, Method::Specific, "เฉพาะเจาะจง");
    assert_eq!(r[1].method, Method::EMarket);
    assert_eq!(r[2].method, Method::EBidding);
    assert_eq!(r[2].status, Some(Status::NotSigned));
    assert_eq!(r[0].budget_source.as_deref(), Some("พ.ร.บ. งบประมาณรายจ่าย"));
    assert_eq!(
        r[0].egp_project_no.as_ref().map(|n| n.as_str()),
        Some("67109000101")
    );
    assert_eq!(
        (r[0].winner.as_deref(), r[0].agreed_price),
        (Some("ร้านสมใจ"), baht(12_100.0))
    );
    // The list has no bidders, reason or contract: not given, not empty.
    for field in [
        Field::Bids,
        Field::Reason,
        Field::ContractNo,
        Field::ContractDate,
    ] {
        assert!(!r[0].given(field), "{field:?}");
    }
}

#[test]
fn the_ita_list_of_16_columns() {
    check_ita16(&read_ok("2567-10 ita16.xlsx"));
    check_ita16(&read_ok("2567-10 ita16.csv"));
}

#[test]
fn an_accounting_systems_18_columns_in_another_order() {
    let m = read_ok("2567-10 ita18 openpyxl.xlsx");
    assert_eq!(m.file.layout, Layout::Ita);
    let r = &m.records;
    // No ลำดับ: numbered in order.
    assert_eq!((r[0].seq, r[1].seq), (1, 2));
    assert_eq!(
        r[0].winner_tin.as_ref().map(|t| t.as_str()),
        Some("0994000165510")
    );
    assert_eq!(
        (r[0].contract_date, r[0].contract_end),
        (date(2567, 10, 3), date(2567, 10, 10))
    );
    assert_eq!(r[1].egp_project_no, None);
    assert!(r[1].given(Field::EgpProjectNo));
}

#[test]
fn bad_cells_are_errors_at_their_cell_even_on_a_continuation_row() {
    let (m, d) = read("2567-10 skr1 bad.xlsx");
    let errors: Vec<(String, Option<String>)> = d
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let l = d.location.clone().unwrap_or_default();
            (d.code.clone(), l.cell_ref())
        })
        .collect();
    assert_eq!(
        errors,
        vec![
            // A price written in words.
            ("P121".into(), Some("C2".into())),
            // ลว. 32 ต.ค. 2567.
            ("P122".into(), Some("I2".into())),
            // "ร้าน ค" without a price, on the row below record 2.
            ("P130".into(), Some("F4".into())),
        ],
        "{d:#?}"
    );
    assert!(d.iter().all(|d| {
        d.location
            .as_ref()
            .is_some_and(|l| l.sheet.as_deref() == Some("สขร.1"))
    }));
    // The file still loads, but without the records in error (the build refuses it anyway).
    assert!(m.is_some_and(|m| m.records.is_empty()));
}

#[test]
fn a_title_naming_another_month_is_the_wrong_file() {
    let (_, d) = read("2567-10 skr1 other month.xlsx");
    let e = d.iter().find(|d| d.code == "P134").expect("P134");
    assert_eq!(e.severity, Severity::Error);
    assert_eq!(
        e.location.as_ref().and_then(|l| l.cell_ref()).as_deref(),
        Some("A2")
    );
    assert!(e.message_th.contains("พฤศจิกายน 2567"), "{}", e.message_th);
    // The signing date in the next month ("วันที่ 5 เดือน พฤศจิกายน") is not taken for it.
    let (_, d) = read("2567-10 skr1 titles.xlsx");
    assert!(!d.iter().any(|d| d.code == "P134"), "{d:#?}");
}

#[test]
fn a_sheet_without_a_header_names_the_closest_row_and_what_it_lacks() {
    let text = "แบบ สขร.1\nลำดับที่,งานที่จัดซื้อหรือจัดจ้าง,วงเงินที่จะซื้อหรือจ้าง,ราคากลาง,วิธีซื้อหรือจ้าง,รายชื่อผู้เสนอราคาและราคาที่เสนอ,ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง\n1,จัดซื้อ,1,1,เฉพาะเจาะจง,ร้าน ก 1,ร้าน ก 1\n";
    let (m, d) = parse_month_bytes(
        "procurement-data/2568/months/2567-10.csv",
        OCT,
        text.as_bytes(),
    );
    assert!(m.is_none());
    let e = d.iter().find(|d| d.code == "P113").expect("P113");
    assert_eq!(e.location.as_ref().and_then(|l| l.line), Some(2));
    assert!(e.message_th.contains("แบบ สขร.1"), "{}", e.message_th);
    assert!(
        e.message_th.contains("เหตุผลที่คัดเลือกโดยสรุป"),
        "{}",
        e.message_th
    );
    assert!(
        e.message_th.contains("เลขที่และวันที่ของสัญญา"),
        "{}",
        e.message_th
    );
}

#[test]
fn a_header_of_two_layouts_names_both() {
    let text = "ลำดับที่,ชื่อหน่วยงาน,จังหวัด,งานที่จัดซื้อหรือจัดจ้าง,วงเงินงบประมาณ,แหล่งที่มาของงบประมาณ,สถานะการจัดซื้อจัดจ้าง,ราคากลาง,วิธีซื้อหรือจ้าง,รายชื่อผู้เสนอราคาและราคาที่เสนอ,ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง,เหตุผลที่คัดเลือกโดยสรุป,เลขที่และวันที่ของสัญญา,รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก\n";
    let (m, d) = parse_month_bytes(
        "procurement-data/2568/months/2567-10.csv",
        OCT,
        text.as_bytes(),
    );
    assert!(m.is_none());
    let e = d.iter().find(|d| d.code == "P133").expect("P133");
    assert!(
        e.message_th.contains("แบบ สขร.1") && e.message_th.contains("ITA"),
        "{}",
        e.message_th
    );
}

#[test]
fn two_layouts_of_one_month_are_joined() {
    let loaded = load(&fixtures().join("layouts_joined"));
    let d = &loaded.diagnostics;
    assert!(!d.iter().any(Diagnostic::is_error), "{d:#?}");
    let m = &loaded.data.years[&2568].months[&OCT];
    assert_eq!(
        m.file.layout,
        Layout::Skr1,
        "the สขร.1 leads: it has more detail per row"
    );
    assert_eq!(m.joined.len(), 1);
    let r = &m.records;
    assert_eq!(r.len(), 4);
    // Row 1 pairs by e-GP number and row 2 by title and agreed price: each takes the list's
    // budget source and status, and keeps the form's bidders and contract.
    for rec in &r[..2] {
        assert!(rec.joined.is_some(), "{}", rec.title);
        assert!(rec.given(Field::BudgetSource) && rec.given(Field::Status));
        assert!(rec.given(Field::Bids) && rec.given(Field::ContractNo));
    }
    assert_eq!(r[0].budget_source.as_deref(), Some("งบประมาณรายจ่ายประจำปี"));
    assert_eq!(r[1].status, Some(Status::UnderContract));
    assert_eq!(bids(&r[1]).len(), 2);
    // The list gives the budget source's cell, the form the contract's.
    assert!(
        r[0].loc(Field::BudgetSource)
            .file
            .ends_with("2567-10 ITA.xlsx")
    );
    assert!(
        r[0].loc(Field::ContractNo)
            .file
            .ends_with("2567-10 สขร1.xlsx")
    );
    // A row in one file only is a warning, and published: the form's row 3 as it is, the list's
    // row 3 numbered after the form's rows.
    assert!(r[2].joined.is_none() && !r[2].given(Field::Status));
    assert_eq!((r[3].seq, r[3].title.as_str()), (4, "จัดซื้อน้ำดื่ม"));
    assert!(!r[3].given(Field::Bids));
    let unpaired: Vec<u32> = d
        .iter()
        .filter(|d| d.code == "P137")
        .filter_map(|d| d.location.as_ref()?.line)
        .collect();
    assert_eq!(unpaired, vec![4, 5], "{d:#?}");
    // Together the two files give every field but the TIN (and the unpaired rows lack what
    // the other file would have given): one info says so, and that e-GP's data would add it.
    let info: Vec<&Diagnostic> = d.iter().filter(|d| d.code == "P135").collect();
    assert_eq!(info.len(), 1);
    assert!(info[0].message_en.contains("winner_tin"));
    assert!(
        info[0].message_en.contains("2568/egp/"),
        "{}",
        info[0].message_en
    );
    // The list names the agency of agency.yaml ("มหาดไทย" is กระทรวงมหาดไทย).
    assert!(!d.iter().any(|d| d.code == "P138"), "{d:#?}");
}

#[test]
fn what_the_two_files_give_differently_is_an_error_naming_both_cells() {
    let loaded = load(&fixtures().join("layouts_joined_differs"));
    let differs: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "P136")
        .collect();
    assert_eq!(differs.len(), 2, "{differs:#?}");
    let (title, price) = (differs[0], differs[1]);
    assert!(title.message_th.contains("จัดซื้อวัสดุสำนักงาน (กองคลัง)"));
    assert!(title.message_th.contains("เซลล์ H2"), "{}", title.message_th);
    assert!(price.message_th.contains("12,100.00") && price.message_th.contains("12,000.00"));
    assert_eq!(
        price
            .location
            .as_ref()
            .and_then(|l| l.cell_ref())
            .as_deref(),
        Some("H3"),
        "the form's winner-and-price cell"
    );
}

#[test]
fn another_agency_named_in_the_file_is_a_warning_naming_both() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let months = tmp.path().join("procurement-data/2568/months");
    std::fs::create_dir_all(&months).expect("mkdir");
    std::fs::copy(
        fixtures().join("layouts/2567-10 ita16.xlsx"),
        months.join("2567-10 ita16.xlsx"),
    )
    .expect("copy");
    std::fs::write(
        tmp.path().join("procurement-data/agency.yaml"),
        "name: เทศบาลตำบลอื่น\nshort_name: ทต.อื่น\nagency_type: องค์กรปกครองส่วนท้องถิ่น\ndistrict: ห้วยทับทัน\nprovince: ศรีสะเกษ\nministry: กระทรวงมหาดไทย\nwebsite: https://example.go.th\n",
    )
    .expect("agency");
    let loaded = load(tmp.path());
    let warnings: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "P138")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = warnings[0];
    assert_eq!(w.severity, Severity::Warning);
    assert!(
        w.message_th.contains("องค์การบริหารส่วนตำบลทดสอบ") && w.message_th.contains("เทศบาลตำบลอื่น")
    );
    // Published all the same.
    assert_eq!(loaded.data.years[&2568].months[&OCT].records.len(), 3);
}

#[test]
fn a_month_file_of_each_layout_and_a_clash_of_one() {
    // Two files of the same layout for one month: neither is read (as before issue 30).
    let tmp = tempfile::tempdir().expect("tempdir");
    let months = tmp.path().join("procurement-data/2568/months");
    std::fs::create_dir_all(&months).expect("mkdir");
    for name in ["2567-10 ita16.xlsx", "2567-10 ita16.csv"] {
        std::fs::copy(fixtures().join("layouts").join(name), months.join(name)).expect("copy");
    }
    let loaded = load(tmp.path());
    assert!(loaded.diagnostics.iter().any(|d| d.code == "P145"));
    assert!(loaded.data.years[&2568].months.is_empty());
}

#[test]
fn a_contract_heading_merged_over_its_date_cell() {
    // Saved as CSV from a sheet whose contract heading spans two columns: the number in the first,
    // the date (ลงวันที่ …) in the unlabelled one beside it.
    let text = "ลำดับที่,งานที่จัดซื้อหรือจัดจ้าง,วงเงินที่จะซื้อหรือจ้าง,ราคากลาง,วิธีซื้อหรือจ้าง,รายชื่อผู้เสนอราคาและราคาที่เสนอ,ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง,เหตุผลที่คัดเลือกโดยสรุป,เลขที่และวันที่ของสัญญาหรือข้อตกลง,\n1,จัดซื้อวัสดุ,\"1,000\",\"1,000\",เฉพาะเจาะจง,ร้าน ก 950 บาท,ร้าน ก 950 บาท,ราคาต่ำสุด,ใบสั่งซื้อ 1/2568,ลงวันที่ 3 ต.ค. 2567\n";
    let (m, d) = parse_month_bytes(
        "procurement-data/2568/months/2567-10.csv",
        OCT,
        text.as_bytes(),
    );
    assert!(!d.iter().any(Diagnostic::is_error), "{d:#?}");
    let r = &m.expect("loads").records[0];
    assert_eq!(
        (r.contract_no.as_deref(), r.contract_date),
        (Some("ใบสั่งซื้อ 1/2568"), date(2567, 10, 3))
    );
}

#[test]
fn a_title_naming_another_agency_is_a_warning_at_its_cell() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let months = tmp.path().join("procurement-data/2568/months");
    std::fs::create_dir_all(&months).expect("mkdir");
    std::fs::copy(
        fixtures().join("layouts/2567-10 skr1 titles.xlsx"),
        months.join("2567-10.xlsx"),
    )
    .expect("copy");
    std::fs::write(
        tmp.path().join("procurement-data/agency.yaml"),
        "name: องค์การบริหารส่วนตำบลเมืองหลวง\nshort_name: อบต.เมืองหลวง\nagency_type: องค์กรปกครองส่วนท้องถิ่น\ndistrict: ห้วยทับทัน\nprovince: ศรีสะเกษ\nministry: กระทรวงมหาดไทย\nwebsite: https://example.go.th\n",
    )
    .expect("agency");
    let loaded = load(tmp.path());
    let w: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == "P138")
        .collect();
    assert_eq!(w.len(), 1, "{:#?}", loaded.diagnostics);
    assert_eq!(
        w[0].location.as_ref().and_then(|l| l.cell_ref()).as_deref(),
        Some("A3")
    );
    assert!(w[0].message_th.contains("องค์การบริหารส่วนตำบลทดสอบ"));
    assert!(w[0].message_th.contains("องค์การบริหารส่วนตำบลเมืองหลวง"));
}

#[test]
fn a_joined_month_keeps_what_only_the_list_gives_explanation_tender_and_unspsc() {
    // The officer explains a finding in the ITA list (with the tender period and UNSPSC copied
    // from e-GP) and keeps the สขร.1 form beside it: the form leads the join, and the list's
    // columns must reach the record, or the explanation that confirms the finding is lost.
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("procurement-data");
    let months = data.join("2568/months");
    std::fs::create_dir_all(&months).expect("mkdir");
    std::fs::copy(
        fixtures().join("layouts_joined/procurement-data/agency.yaml"),
        data.join("agency.yaml"),
    )
    .expect("agency");
    std::fs::write(
        months.join("2567-10 สขร1.csv"),
        "ลำดับที่,งานที่จัดซื้อหรือจัดจ้าง,วงเงินที่จะซื้อหรือจ้าง,ราคากลาง,วิธีซื้อหรือจ้าง,รายชื่อผู้เสนอราคาและราคาที่เสนอ,ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง,เหตุผลที่คัดเลือกโดยสรุป,เลขที่และวันที่ของสัญญาหรือข้อตกลง\n\
1,จ้างซ่อมถนนลูกรัง หมู่ที่ 5,\"250,000\",\"248,000\",e-market,\"หจก.ก้าวหน้า 255,000 บาท\",\"หจก.ก้าวหน้า 255,000 บาท\",ราคาต่ำสุด,\"สัญญาจ้าง 3/2568 ลว. 28 ต.ค. 2567\"\n",
    )
    .expect("form");
    std::fs::write(
        months.join("2567-10 ITA.csv"),
        "ที่,ชื่อรายการของงานที่ซื้อหรือจ้าง,วงเงินงบประมาณที่ได้รับจัดสรร (บาท),แหล่งที่มาของงบประมาณ,สถานะการจัดซื้อจัดจ้าง,วิธีการจัดซื้อจัดจ้าง,ราคากลาง (บาท),ราคาที่ตกลงซื้อหรือจ้าง (บาท),รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก,คำชี้แจง,วันที่ประกาศเชิญชวน,วันสิ้นสุดการยื่นข้อเสนอ,รหัส UNSPSC\n\
1,จ้างซ่อมถนนลูกรัง หมู่ที่ 5,250000,งบประมาณรายจ่ายประจำปี,อยู่ระหว่างระยะสัญญา,ตลาดอิเล็กทรอนิกส์ (e-market),248000,255000,หจก.ก้าวหน้า,สภาอนุมัติโอนงบเพิ่มเติม 5000 บาท,3 ต.ค. 2567,10 ต.ค. 2567,72141103\n",
    )
    .expect("list");
    let loaded = load(tmp.path());
    let d = &loaded.diagnostics;
    assert!(!d.iter().any(Diagnostic::is_error), "{d:#?}");
    let m = &loaded.data.years[&2568].months[&OCT];
    assert_eq!((m.file.layout, m.records.len()), (Layout::Skr1, 1));
    let r = &m.records[0];
    assert!(r.joined.is_some());
    assert_eq!(
        r.explanation.as_deref(),
        Some("สภาอนุมัติโอนงบเพิ่มเติม 5000 บาท")
    );
    assert!(r.loc(Field::Explanation).file.ends_with("2567-10 ITA.csv"));
    assert_eq!(
        (r.tender_start, r.tender_end),
        (date(2567, 10, 3), date(2567, 10, 10))
    );
    assert_eq!(r.unspsc.as_ref().map(|u| u.code()), Some("72141103"));
}
