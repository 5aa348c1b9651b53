//! Shared by the integration tests: hand-built fixtures, the offline schema validator and the
//! extra checks of the OCDS Data Review Tool.
#![allow(dead_code)] // each test binary uses a different part of this module

use jsonschema::{Draft, Retrieve, Uri};
use prongsai_model::*;
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

const RELEASE_SCHEMA_URL: &str =
    "https://standard.open-contracting.org/schema/1__1__5/release-schema.json";
const VERSIONED_SCHEMA_URL: &str =
    "https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json";

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/schema")
}

fn read_json(name: &str) -> Json {
    let path = schema_dir().join(name);
    let text = std::fs::read_to_string(&path).expect("vendored schema file");
    serde_json::from_str(&text).expect("vendored schema is JSON")
}

/// JSON Merge Patch (RFC 7386), how an OCDS extension's `release-schema.json` applies.
pub fn merge_patch(target: &mut Json, patch: &Json) {
    let Json::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Json::Object(Default::default());
    }
    if let Json::Object(t) = target {
        for (k, v) in p {
            if v.is_null() {
                t.remove(k);
            } else {
                merge_patch(t.entry(k.clone()).or_insert(Json::Null), v);
            }
        }
    }
}

/// The release schema with every extension the packages declare (the bids extension) applied,
/// as the Data Review Tool builds it.
pub fn extended_release_schema() -> Json {
    let mut schema = read_json("release-schema.json");
    merge_patch(
        &mut schema,
        &read_json("extensions/bids/release-schema.json"),
    );
    schema
}

/// Serves the release schemas from the vendored copies; anything else is refused, so a schema
/// change that pulls in another remote file fails loudly instead of reaching the network.
struct Vendored;

impl Retrieve for Vendored {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Json, Box<dyn std::error::Error + Send + Sync>> {
        match uri.as_str() {
            RELEASE_SCHEMA_URL => Ok(extended_release_schema()),
            // Referenced by the record package for `versionedRelease`, which prongsai does not
            // write; served so the schema compiles offline.
            VERSIONED_SCHEMA_URL => Ok(read_json("versioned-release-validation-schema.json")),
            _ => Err(format!("not vendored: {uri}").into()),
        }
    }
}

fn validator_for(schema: &str) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(Draft::Draft4)
        .should_validate_formats(true)
        .with_retriever(Vendored)
        .build(&read_json(schema))
        .expect("the package schema compiles")
}

pub fn validator() -> jsonschema::Validator {
    validator_for("release-package-schema.json")
}

pub fn record_validator() -> jsonschema::Validator {
    validator_for("record-package-schema.json")
}

/// Every problem with `package`: schema errors, then the Data Review Tool's structural checks.
pub fn problems(package: &Json) -> Vec<String> {
    let v = validator();
    let mut out: Vec<String> = v
        .iter_errors(package)
        .map(|e| format!("schema: {} at {}", e, e.instance_path()))
        .collect();
    out.extend(extension_checks(package));
    out.extend(review_tool_checks(package));
    out.extend(codelist_checks(arr(package, "releases")));
    out.extend(related_process_checks(arr(package, "releases")));
    out
}

/// Every problem with a record package: its schema, then per compiled release the checks
/// [`problems`] makes of a release, and each record's releases resolving into `releases`, the
/// release package it was made from.
pub fn record_problems(records: &Json, releases: &Json) -> Vec<String> {
    let v = record_validator();
    let mut out: Vec<String> = v
        .iter_errors(records)
        .map(|e| format!("schema: {} at {}", e, e.instance_path()))
        .collect();
    out.extend(extension_checks(records));
    let compiled: Vec<Json> = arr(records, "records")
        .iter()
        .filter_map(|r| r.get("compiledRelease").cloned())
        .collect();
    out.extend(review_tool_checks(
        &serde_json::json!({ "releases": compiled }),
    ));
    out.extend(codelist_checks(&compiled));
    out.extend(related_process_checks(&compiled));
    let uri = str_at(releases, "uri").unwrap_or_default();
    if arr(records, "packages")
        .iter()
        .filter_map(Json::as_str)
        .ne([uri])
    {
        out.push(format!("packages does not list {uri}"));
    }
    let release_ids: BTreeSet<String> = arr(releases, "releases")
        .iter()
        .filter_map(|r| str_at(r, "id").map(|id| format!("{uri}#{id}")))
        .collect();
    let mut linked = 0;
    for rec in arr(records, "records") {
        let ocid = str_at(rec, "ocid").unwrap_or_default();
        if rec.get("compiledRelease").and_then(|c| str_at(c, "ocid")) != Some(ocid) {
            out.push(format!("record {ocid}: compiledRelease has another ocid"));
        }
        for l in arr(rec, "releases") {
            let url = percent_decode(str_at(l, "url").unwrap_or_default());
            let url = url.as_str();
            linked += 1;
            if !release_ids.contains(url) {
                out.push(format!(
                    "record {ocid}: {url} is not a release of the package"
                ));
            }
        }
    }
    if linked != release_ids.len() {
        out.push(format!(
            "{linked} releases linked from records, {} in the package",
            release_ids.len()
        ));
    }
    out
}

/// `%E0%B8%9C` → `ผ`: the linked release URLs carry release ids percent-encoded.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// A package that uses `bids` must declare the bids extension (the Data Review Tool applies only
/// declared extensions, and would then report `bids` as an unknown field).
fn extension_checks(package: &Json) -> Vec<String> {
    // The vendored extensions/bids/ is this tag of the extension.
    let url = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json";
    if arr(package, "extensions").iter().any(|e| e == url) {
        Vec::new()
    } else {
        vec![format!("extensions does not declare {url}")]
    }
}

/// Every `relatedProcesses` entry with scheme `ocid` names a process in the same data, and every
/// relationship is a `relatedProcess` code.
fn related_process_checks(releases: &[Json]) -> Vec<String> {
    let ocids: BTreeSet<&str> = releases.iter().filter_map(|r| str_at(r, "ocid")).collect();
    let codes = codelist("relatedProcess.csv");
    let schemes = codelist("relatedProcessScheme.csv");
    let mut out = Vec::new();
    for rel in releases {
        let ocid = str_at(rel, "ocid").unwrap_or_default();
        for rp in arr(rel, "relatedProcesses") {
            let scheme = str_at(rp, "scheme").unwrap_or_default();
            if !schemes.contains(scheme) {
                out.push(format!(
                    "{ocid}: related process scheme {scheme} not in codelist"
                ));
            }
            let target = str_at(rp, "identifier").unwrap_or_default();
            if scheme == "ocid" && !ocids.contains(target) {
                out.push(format!(
                    "{ocid}: related process {target} is not in the package"
                ));
            }
            for r in arr(rp, "relationship").iter().filter_map(Json::as_str) {
                if !codes.contains(r) {
                    out.push(format!(
                        "{ocid}: relationship {r} not in relatedProcess.csv"
                    ));
                }
            }
        }
    }
    out
}

pub fn assert_valid(package: &Json) {
    let p = problems(package);
    assert!(
        p.is_empty(),
        "package is not valid OCDS 1.1:\n{}",
        p.join("\n")
    );
}

fn str_at<'a>(v: &'a Json, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Json::as_str)
}

fn arr<'a>(v: &'a Json, key: &str) -> &'a [Json] {
    v.get(key)
        .and_then(Json::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The checks the Data Review Tool adds to the schema: release ids unique per ocid, award and
/// contract ids unique, every `awardID` resolving to an award, and every organisation
/// reference resolving to a party of the same release.
pub fn review_tool_checks(package: &Json) -> Vec<String> {
    let mut out = Vec::new();
    let mut release_ids: BTreeSet<(String, String)> = BTreeSet::new();
    for rel in arr(package, "releases") {
        let ocid = str_at(rel, "ocid").unwrap_or_default().to_owned();
        let id = str_at(rel, "id").unwrap_or_default().to_owned();
        if !release_ids.insert((ocid.clone(), id.clone())) {
            out.push(format!("duplicate release id {id} for ocid {ocid}"));
        }
        let mut award_ids = BTreeSet::new();
        for a in arr(rel, "awards") {
            let aid = str_at(a, "id").unwrap_or_default();
            if !award_ids.insert(aid.to_owned()) {
                out.push(format!("{ocid}: duplicate award id {aid}"));
            }
        }
        let mut contract_ids = BTreeSet::new();
        for c in arr(rel, "contracts") {
            let cid = str_at(c, "id").unwrap_or_default();
            if !contract_ids.insert(cid.to_owned()) {
                out.push(format!("{ocid}: duplicate contract id {cid}"));
            }
            let award_id = str_at(c, "awardID").unwrap_or_default();
            if !award_ids.contains(award_id) {
                out.push(format!(
                    "{ocid}: contract {cid} awardID {award_id} matches no award"
                ));
            }
        }
        let mut party_ids = BTreeMap::new();
        for p in arr(rel, "parties") {
            let pid = str_at(p, "id").unwrap_or_default();
            if party_ids.insert(pid.to_owned(), p).is_some() {
                out.push(format!("{ocid}: duplicate party id {pid}"));
            }
        }
        let mut refs: Vec<(&str, &Json)> = Vec::new();
        if let Some(b) = rel.get("buyer") {
            refs.push(("buyer", b));
        }
        if let Some(t) = rel.get("tender") {
            if let Some(pe) = t.get("procuringEntity") {
                refs.push(("procuringEntity", pe));
            }
            refs.extend(arr(t, "tenderers").iter().map(|x| ("tenderer", x)));
            if let Some(n) = t.get("numberOfTenderers").and_then(Json::as_u64)
                && usize::try_from(n).ok() != Some(arr(t, "tenderers").len())
            {
                out.push(format!("{ocid}: numberOfTenderers {n} ≠ tenderers listed"));
            }
        }
        let bids = rel.get("bids").map_or(&[][..], |b| arr(b, "details"));
        let mut bid_ids = BTreeSet::new();
        let mut bidders = BTreeSet::new();
        for b in bids {
            let bid = str_at(b, "id").unwrap_or_default();
            if !bid_ids.insert(bid) {
                out.push(format!("{ocid}: duplicate bid id {bid}"));
            }
            for t in arr(b, "tenderers") {
                bidders.insert(str_at(t, "id").unwrap_or_default());
                refs.push(("tenderer", t));
            }
        }
        if let Some(t) = rel.get("tender") {
            let n = t.get("numberOfTenderers").and_then(Json::as_u64);
            if !bids.is_empty() && n != u64::try_from(bidders.len()).ok() {
                out.push(format!(
                    "{ocid}: numberOfTenderers {n:?} ≠ {} distinct tenderers in bids",
                    bidders.len()
                ));
            }
        }
        for a in arr(rel, "awards") {
            refs.extend(arr(a, "suppliers").iter().map(|x| ("supplier", x)));
            if let Some(rb) = str_at(a, "relatedBid")
                && !bid_ids.contains(rb)
            {
                out.push(format!("{ocid}: relatedBid {rb} matches no bid"));
            }
        }
        for (role, r) in refs {
            let rid = str_at(r, "id").unwrap_or_default();
            match party_ids.get(rid) {
                None => out.push(format!("{ocid}: {role} {rid} is not in parties")),
                Some(p) if str_at(p, "name") != str_at(r, "name") => {
                    out.push(format!("{ocid}: {role} {rid} name differs from its party"))
                }
                Some(p) => {
                    let roles: Vec<&str> =
                        arr(p, "roles").iter().filter_map(Json::as_str).collect();
                    if !roles.contains(&role) {
                        out.push(format!("{ocid}: party {rid} lacks role {role}"));
                    }
                }
            }
        }
    }
    out
}

pub fn codelist(name: &str) -> BTreeSet<String> {
    let path = schema_dir().join("codelists").join(name);
    let text = std::fs::read_to_string(&path).expect("vendored codelist");
    text.lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .map(str::to_owned)
        .collect()
}

/// The open `partyRole` codelist is not enforced by the schema; prongsai uses only its codes.
/// Bid statuses are checked against the extension's own codelist file as well as its enum.
fn codelist_checks(releases: &[Json]) -> Vec<String> {
    let roles = codelist("partyRole.csv");
    let bid_status = codelist("../extensions/bids/codelists/bidStatus.csv");
    let mut out = Vec::new();
    for rel in releases {
        for p in arr(rel, "parties") {
            for r in arr(p, "roles").iter().filter_map(Json::as_str) {
                if !roles.contains(r) {
                    out.push(format!("party role {r} is not in partyRole.csv"));
                }
            }
        }
        for b in rel.get("bids").map_or(&[][..], |b| arr(b, "details")) {
            if let Some(s) = str_at(b, "status")
                && !bid_status.contains(s)
            {
                out.push(format!("bid status {s} is not in bidStatus.csv"));
            }
        }
    }
    out
}

// ---- fixtures -------------------------------------------------------------------------------

pub fn agency() -> Agency {
    Agency {
        name: "องค์การบริหารส่วนตำบลเมืองหลวง".into(),
        short_name: "อบต.เมืองหลวง".into(),
        agency_type: "องค์กรปกครองส่วนท้องถิ่น".into(),
        district: "ห้วยทับทัน".into(),
        province: "ศรีสะเกษ".into(),
        ministry: "กระทรวงมหาดไทย".into(),
        website: "https://www.muangluang.go.th".into(),
        ocid_prefix: Some("ocds-abc123".into()),
        egp_department_code: Some("6330903".into()),
        tax_id: None,
        address: Some("หมู่ ๕ ตำบลเมืองหลวง".into()),
        phone: Some("045-000000".into()),
        email: None,
        opening_hours: None,
        map_url: None,
        social: Default::default(),
        sample: false,
    }
}

fn month_file(ym: YearMonth) -> Arc<SourceFile> {
    Arc::new(SourceFile {
        layout: prongsai_model::Layout::Template,
        sheet: None,
        path: format!(
            "procurement-data/{}/months/{}.csv",
            ym.fiscal_year(),
            ym.key()
        ),
        encoding: "UTF-8",
        columns: Vec::new(),
    })
}

pub fn date(be: i32, m: u8, d: u8) -> Date {
    Date::from_be(be, m, d).expect("fixture date")
}

/// A signed e-bidding purchase with three bids, the winner's TIN and a linked plan line.
pub fn base_record(ym: YearMonth, seq: u32) -> Procurement {
    Procurement {
        joined: None,
        file: month_file(ym),
        line: seq + 1,
        month: ym,
        seq,
        egp_project_no: None,
        plan_id: None,
        title: format!("จัดซื้อวัสดุสำนักงาน ๑๐ รายการ ชุดที่ {seq}"),
        budget: Money::from_baht(50_000),
        budget_source: Some("งบประมาณรายจ่ายประจำปี".into()),
        reference_price: Some(Money::from_baht(49_500)),
        method: Method::Specific,
        bids: vec![Bid {
            name: "ร้านเมืองหลวงพาณิชย์".into(),
            price: Some(Money::from_satang(4_800_050)),
            status: None,
            date: None,
        }],
        winner: Some("ร้านเมืองหลวงพาณิชย์".into()),
        winner_tin: None,
        agreed_price: Some(Money::from_satang(4_800_050)),
        reason: Some("ราคาต่ำสุดและคุณสมบัติครบถ้วน".into()),
        contract_no: Some(format!("{seq}/2568")),
        contract_date: ym.first_day().map(|d| d.add_days(i64::from(seq))),
        contract_end: ym.first_day().map(|d| d.add_days(i64::from(seq) + 30)),
        status: Some(Status::UnderContract),
        legal_ground: None,
        explanation: None,
        tender_start: None,
        tender_end: None,
        unspsc: None,
        egp: None,
    }
}

fn plan_line(seq: u32, plan_id: &str, title: &str, method: Method, ym: YearMonth) -> PlanLine {
    PlanLine {
        file: Arc::new(SourceFile {
            layout: prongsai_model::Layout::Template,
            sheet: None,
            path: "procurement-data/2568/plan.csv".into(),
            encoding: "UTF-8",
            columns: Vec::new(),
        }),
        line: seq + 1,
        seq,
        plan_id: plan_id.into(),
        title: title.into(),
        division: "กองช่าง".into(),
        budget: Money::from_baht(2_500_000),
        budget_source: "เงินอุดหนุนเฉพาะกิจ".into(),
        method,
        expected_month: ym,
    }
}

/// FY 2568 of อบต.เมืองหลวง: every method and every status, Thai digits in text, a plan with a
/// linked and an unlinked line.
pub fn fixture() -> Data {
    let oct = YearMonth::new(2567, 10);
    let nov = YearMonth::new(2567, 11);
    let dec = YearMonth::new(2567, 12);

    let mut road = base_record(oct, 1);
    road.title = "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๓ บ้านเมืองหลวง".into();
    road.egp_project_no = EgpNo::new("67109123456");
    road.plan_id = Some("ผ01/68".into());
    road.method = Method::EBidding;
    road.budget = Money::from_baht(2_500_000);
    road.reference_price = Some(Money::from_baht(2_480_000));
    road.bids = vec![
        Bid {
            name: "หจก. ศรีสะเกษก่อสร้าง".into(),
            price: Some(Money::from_baht(2_390_000)),
            status: None,
            date: None,
        },
        Bid {
            name: "บริษัท ห้วยทับทันวิศวกรรม จำกัด".into(),
            price: Some(Money::from_baht(2_420_000)),
            status: None,
            date: None,
        },
        Bid {
            name: "หจก.รุ่งเรืองการโยธา".into(),
            price: None,
            status: Some(BidStatus::Withdrawn),
            date: None,
        },
    ];
    // Spelled without the space the bid list has: still the same organisation.
    road.winner = Some("หจก.ศรีสะเกษก่อสร้าง".into());
    road.winner_tin = Tin::new("0994000165510");
    road.agreed_price = Some(Money::from_baht(2_390_000));
    road.contract_no = Some("๑๒/๒๕๖๘".into());
    road.legal_ground = None;

    let office = base_record(oct, 2);

    let mut cancelled = base_record(nov, 1);
    cancelled.title = "จ้างเหมาซ่อมแซมอาคารศูนย์พัฒนาเด็กเล็ก".into();
    cancelled.method = Method::Selection;
    cancelled.status = Some(Status::Cancelled);
    cancelled.bids = Vec::new();
    cancelled.winner = None;
    cancelled.agreed_price = None;
    cancelled.reason = None;
    cancelled.contract_no = None;
    cancelled.contract_date = None;
    cancelled.contract_end = None;

    let mut design = base_record(nov, 2);
    design.title = "จ้างออกแบบอาคารสำนักงาน".into();
    design.method = Method::DesignContest;
    design.status = Some(Status::Completed);

    let mut unsigned = base_record(dec, 1);
    unsigned.title = "ซื้อครุภัณฑ์คอมพิวเตอร์".into();
    unsigned.method = Method::EMarket;
    unsigned.status = Some(Status::NotSigned);
    unsigned.contract_date = None;
    unsigned.contract_end = None;

    let mut inquiry = base_record(dec, 2);
    inquiry.method = Method::PriceInquiry;
    inquiry.legal_ground = None;

    let mut specific_big = base_record(dec, 3);
    specific_big.legal_ground = Some("มาตรา ๕๖ (๒) (ข)".into());
    specific_big.budget = Money::from_baht(600_000);

    let mut fy = FiscalYear {
        year: 2568,
        plan: Some(Plan {
            path: "procurement-data/2568/plan.csv".into(),
            lines: vec![
                plan_line(1, "ผ01/68", "ก่อสร้างถนน คสล. หมู่ที่ ๓", Method::EBidding, oct),
                plan_line(
                    2,
                    "ผ02/68",
                    "ก่อสร้างรางระบายน้ำ หมู่ที่ ๗",
                    Method::EBidding,
                    YearMonth::new(2568, 3),
                ),
            ],
        }),
        plan_meta: Some(PlanMeta {
            path: "procurement-data/2568/plan.yaml".into(),
            approved_on: Some(date(2567, 9, 20)),
            published_on: Some(date(2567, 9, 25)),
            egp_plan_no: None,
            note: None,
        }),
        ..FiscalYear::default()
    };
    for (ym, records) in [
        (oct, vec![road, office]),
        (nov, vec![cancelled, design]),
        (dec, vec![unsigned, inquiry, specific_big]),
        (YearMonth::new(2568, 1), Vec::new()),
    ] {
        fy.months.insert(
            ym,
            MonthFile {
                joined: Vec::new(),
                month: ym,
                file: month_file(ym),
                records,
            },
        );
    }
    Data {
        agency: Some(agency()),
        years: [(2568, fy)].into_iter().collect(),
    }
}
