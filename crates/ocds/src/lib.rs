//! Render stage: the Open Contracting Data Standard 1.1 release package of a fiscal year.
//!
//! [`release_package`] maps one fiscal year of [`Data`] to an OCDS 1.1 release package
//! (published at `data/<FY>/ocds.json`); [`to_json_bytes`] writes it. The mapping, the ocid rule
//! and the reasons behind them are in this crate's README.

mod ids;
mod schema;

pub use ids::{
    EGP_SCHEME, PLACEHOLDER_PREFIX, TIN_SCHEME, TinDirectory, day_start, is_well_formed_prefix,
    party_id,
};
pub use schema::*;

use prongsai_model::{
    Agency, Data, Date, Diagnostic, FiscalYear, Location, Method, PlanLine, Procurement, Status,
};
use prongsai_views::outputs;
use std::collections::{BTreeMap, BTreeSet};

/// Where `ocid_prefix` and `egp_department_code` are configured, for diagnostics.
const AGENCY_FILE: &str = "procurement-data/agency.yaml";

/// How the package is published; everything else comes from the data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OcdsOptions {
    /// The site's absolute base URL, e.g. `https://www.muangluang.go.th`; the package `uri` is
    /// `<base_url>/data/<FY>/ocds.json`. Empty means the agency's `website`.
    pub base_url: String,
    /// RFC 3339 publication time, normally from `SOURCE_DATE_EPOCH`. `None` derives it from the
    /// data (the latest release date), never from the clock, so rebuilds are byte-identical.
    pub published_date: Option<String>,
    /// URL of the data licence, e.g. `https://opendefinition.org/licenses/odc-by/`.
    pub license: Option<String>,
    /// URL of the agency's publication policy.
    pub publication_policy: Option<String>,
}

/// The OCDS 1.1 release package of fiscal year `fiscal_year` (BE), with what the mapping had to
/// say about the input. A package is always returned; write it only when
/// [`ReleasePackage::is_publishable`] (a year with nothing in it cannot be valid OCDS).
pub fn release_package(
    data: &Data,
    fiscal_year: i32,
    opts: &OcdsOptions,
) -> (ReleasePackage, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let agency = agency_or_report(data, &mut diags);
    let prefix = ocid_prefix(&agency, &mut diags);
    let buyer = buyer_party(&agency);
    let fy = data.years.get(&fiscal_year);
    let tins = ids::TinDirectory::of(data);

    let base = site_base(&agency, opts, &mut diags);
    let mut releases = Vec::new();
    if let Some(fy) = fy {
        let plans = plan_processes(fy, &prefix, &mut diags);
        let year = YearCtx {
            fy,
            prefix: &prefix,
            buyer: &buyer,
            tins: &tins,
            plans: &plans,
            base: &base,
        };
        releases.extend(record_releases(&year, &mut diags));
        releases.extend(plan_releases(fy, &plans, &buyer));
    }
    if releases.is_empty() {
        // The schema requires at least one release, so there is nothing valid to publish.
        diags.push(Diagnostic::info(
            prongsai_model::codes::O100.code,
            format!("ปีงบประมาณ {fiscal_year} ยังไม่มีรายการจัดซื้อจัดจ้างหรือแผน: ไม่สร้างไฟล์ OCDS (data/{fiscal_year}/ocds.json)"),
            format!("Fiscal year {fiscal_year} has no procurement rows or plan lines yet: no OCDS file (data/{fiscal_year}/ocds.json) is written"),
        ));
    }

    let package = ReleasePackage {
        uri: format!("{base}{}", outputs::ocds(fiscal_year)),
        version: OCDS_VERSION,
        extensions: vec![BIDS_EXTENSION],
        published_date: published_date(opts, fiscal_year, &releases, &mut diags),
        publisher: publisher(&agency, data.is_sample()),
        license: optional_url(opts.license.as_deref(), "license", &mut diags),
        publication_policy: optional_url(
            opts.publication_policy.as_deref(),
            "publication_policy",
            &mut diags,
        ),
        releases,
    };
    (package, diags)
}

impl ReleasePackage {
    /// OCDS requires at least one release: an empty year gets no `ocds.json` (see `O100`).
    pub fn is_publishable(&self) -> bool {
        !self.releases.is_empty()
    }
}

/// The record package (`data/<FY>/ocds-records.json`) of a release package made by
/// [`release_package`] for `fiscal_year`: one record per ocid, its releases linked by URL into
/// the release package and compiled.
///
/// Every release prongsai writes is a full snapshot of its process (each row and each plan line
/// is published whole), so the compiled release is the latest release of the ocid with the tag
/// `compiled`, which is what merging the snapshots in date order yields.
pub fn record_package(package: &ReleasePackage, fiscal_year: i32) -> RecordPackage {
    let base = package
        .uri
        .strip_suffix(&outputs::ocds(fiscal_year))
        .unwrap_or(&package.uri);
    let mut by_ocid: BTreeMap<&str, Vec<&Release>> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for r in &package.releases {
        let entry = by_ocid.entry(r.ocid.as_str()).or_default();
        if entry.is_empty() {
            order.push(r.ocid.as_str());
        }
        entry.push(r);
    }
    let records = order
        .into_iter()
        .filter_map(|ocid| {
            let mut releases = by_ocid.remove(ocid)?;
            releases.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
            let latest = *releases.last()?;
            let mut compiled = latest.clone();
            compiled.id = format!("{ocid}-{}", latest.date);
            compiled.tag = vec![Tag::Compiled];
            Some(Record {
                ocid: ocid.to_owned(),
                releases: releases
                    .iter()
                    .map(|r| LinkedRelease {
                        url: format!("{}#{}", package.uri, ids::fragment(&r.id)),
                        date: r.date.clone(),
                        tag: r.tag.clone(),
                    })
                    .collect(),
                compiled_release: compiled,
            })
        })
        .collect();
    RecordPackage {
        uri: format!("{base}{}", outputs::ocds_records(fiscal_year)),
        version: package.version,
        extensions: package.extensions.clone(),
        published_date: package.published_date.clone(),
        publisher: package.publisher.clone(),
        license: package.license.clone(),
        publication_policy: package.publication_policy.clone(),
        packages: vec![package.uri.clone()],
        records,
    }
}

/// [`to_json_bytes`] for a record package: one record a line.
pub fn record_json_bytes(package: &RecordPackage) -> Vec<u8> {
    package_bytes(package, package.records.len())
}

/// UTF-8 JSON, one release a line, with a final newline. Thai stays as written (serde_json
/// escapes only what JSON requires).
///
/// Not indented: indentation doubled the packages (a 10,000-record year was 62 MB, 6 KB a
/// release, half of it spaces) and their serialisation was a sixth of a 100,000-record build's
/// CPU; no one reads a file that size in an editor, and tools (ocdskit, Excel's Power Query,
/// `jq`) do not care. A line per release keeps `diff` and `grep` useful between builds.
pub fn to_json_bytes(package: &ReleasePackage) -> Vec<u8> {
    package_bytes(package, package.releases.len())
}

/// `items` releases or records: room for them up front, since growing a buffer of tens of
/// megabytes by doubling copies it and touches twice the memory.
fn package_bytes<T: serde::Serialize>(package: &T, items: usize) -> Vec<u8> {
    // About 3 KB a release in the bench data; unused capacity is never touched.
    let mut out = Vec::with_capacity(4096 * (items + 1));
    let mut ser = serde_json::Serializer::with_formatter(&mut out, LineFormatter::default());
    // Serialising these structs cannot fail: every map key is a string and every number finite.
    if package.serialize(&mut ser).is_err() {
        out.clear();
    }
    out.push(b'\n');
    out
}

/// Compact JSON that starts a line at each member of the package and at each element of its
/// arrays (the releases, the records): `{\n"uri":…,\n"releases":[\n{…},\n{…}\n]\n}`.
#[derive(Default)]
struct LineFormatter {
    depth: usize,
    /// Whether the array being closed at depth 2 had a line of its own.
    broke: bool,
}

/// What goes before a member or an element: a comma unless it is the first, then a line break.
fn separate<W: ?Sized + std::io::Write>(w: &mut W, first: bool, line: bool) -> std::io::Result<()> {
    if !first {
        w.write_all(b",")?;
    }
    if line {
        w.write_all(b"\n")?;
    }
    Ok(())
}

impl serde_json::ser::Formatter for LineFormatter {
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        w.write_all(if self.depth == 0 { b"\n}" } else { b"}" })
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        separate(w, first, self.depth == 1)
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        if self.depth == 2 {
            self.broke = false;
        }
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        w.write_all(if self.depth == 1 && self.broke {
            b"\n]"
        } else {
            b"]"
        })
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if self.depth == 2 {
            self.broke = true;
        }
        separate(w, first, self.depth == 2)
    }
}

fn agency_or_report(data: &Data, diags: &mut Vec<Diagnostic>) -> Agency {
    match &data.agency {
        Some(a) => a.clone(),
        None => {
            diags.push(
                Diagnostic::error(
                    prongsai_model::codes::O101.code,
                    "ไม่มีข้อมูลหน่วยงาน (agency.yaml) จึงไม่สามารถระบุผู้เผยแพร่และผู้ซื้อในไฟล์ OCDS ได้: เพิ่มไฟล์ procurement-data/agency.yaml",
                    "No agency profile (agency.yaml), so the OCDS package has no publisher or buyer: add procurement-data/agency.yaml",
                )
                .at(Location::file(AGENCY_FILE)),
            );
            Agency::default()
        }
    }
}

fn ocid_prefix(agency: &Agency, diags: &mut Vec<Diagnostic>) -> String {
    let how_to_register_th = "ขอรหัสนำหน้า (ocid prefix) ได้ฟรีจาก OCDS Helpdesk ของ Open Contracting Partnership (อีเมล data@open-contracting.org แจ้งชื่อหน่วยงาน) แล้วใส่รหัสที่ได้รับในไฟล์ procurement-data/agency.yaml เป็นบรรทัด ocid_prefix: ocds-…";
    let how_to_register_en = "Request a free prefix from the Open Contracting Partnership's OCDS Helpdesk (e-mail data@open-contracting.org with the organisation's name), then put the prefix you receive in procurement-data/agency.yaml as `ocid_prefix: ocds-…`";
    match agency.ocid_prefix.as_deref().map(str::trim) {
        Some(p) if !p.is_empty() => {
            if !is_well_formed_prefix(p) {
                diags.push(
                    Diagnostic::warning(
                        prongsai_model::codes::O111.code,
                        format!(
                            "ocid_prefix \"{p}\" ไม่อยู่ในรูปแบบที่ OCDS กำหนด (ocds- ตามด้วยอักษรภาษาอังกฤษตัวเล็กหรือตัวเลข 6 ตัว เช่น ocds-213czf): ตรวจสอบกับรหัสที่ได้รับจดทะเบียน"
                        ),
                        format!(
                            "ocid_prefix \"{p}\" is not of the registered form `ocds-` plus six lowercase letters or digits (e.g. ocds-213czf): check it against the prefix you were given"
                        ),
                    )
                    .at(Location::file(AGENCY_FILE))
                    .with_text(p),
                );
            }
            p.to_owned()
        }
        _ => {
            diags.push(
                Diagnostic::warning(
                    prongsai_model::codes::O110.code,
                    format!(
                        "ยังไม่ได้กำหนด ocid_prefix จึงใช้รหัสชั่วคราว {PLACEHOLDER_PREFIX} ซึ่งไม่ได้จดทะเบียน เลข ocid จึงยังอาจซ้ำกับของหน่วยงานอื่น: {how_to_register_th}"
                    ),
                    format!(
                        "No ocid_prefix configured, so the unregistered placeholder {PLACEHOLDER_PREFIX} is used and the ocids are not globally unique: {how_to_register_en}"
                    ),
                )
                .at(Location::file(AGENCY_FILE))
                .with_source("https://standard.open-contracting.org/1.1/en/schema/identifiers/"),
            );
            PLACEHOLDER_PREFIX.to_owned()
        }
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The agency's identifiers, the registered one first: its taxpayer number (`TH-TIN`, an
/// org-id.guide list) when agency.yaml gives `tax_id`, then its e-GP department code (`TH-EGP`).
fn agency_identifiers(agency: &Agency) -> Vec<Identifier> {
    let legal_name = non_empty(&agency.name);
    let tin = agency.tax_id.as_ref().map(|t| Identifier {
        scheme: TIN_SCHEME.to_owned(),
        id: t.as_str().to_owned(),
        legal_name: legal_name.clone(),
    });
    let egp = agency
        .egp_department_code
        .as_deref()
        .and_then(non_empty)
        .map(|code| Identifier {
            scheme: EGP_SCHEME.to_owned(),
            id: ids::id_part(&code),
            legal_name: legal_name.clone(),
        });
    tin.into_iter().chain(egp).collect()
}

/// The agency as buyer and procuring entity of every process it publishes.
fn buyer_party(agency: &Agency) -> Organization {
    let mut identifiers = agency_identifiers(agency);
    let id = match identifiers.first() {
        Some(i) => format!("{}-{}", i.scheme, i.id),
        None => party_id(&agency.name, None),
    };
    let identifier = (!identifiers.is_empty()).then(|| identifiers.remove(0));
    let contact = ContactPoint {
        email: agency.email.as_deref().and_then(non_empty),
        telephone: agency.phone.as_deref().and_then(non_empty),
        url: non_empty(&agency.website),
    };
    let has_contact =
        contact.email.is_some() || contact.telephone.is_some() || contact.url.is_some();
    Organization {
        name: agency.name.clone(),
        id,
        identifier,
        additional_identifiers: identifiers,
        address: Some(Address {
            street_address: agency.address.as_deref().and_then(non_empty),
            locality: non_empty(&agency.district),
            region: non_empty(&agency.province),
            country_name: "ประเทศไทย".to_owned(),
        }),
        contact_point: has_contact.then_some(contact),
        roles: vec![PartyRole::Buyer, PartyRole::ProcuringEntity],
    }
}

fn reference(org: &Organization) -> OrganizationReference {
    OrganizationReference {
        id: org.id.clone(),
        name: org.name.clone(),
    }
}

fn publisher(agency: &Agency, sample: bool) -> Publisher {
    let first = agency_identifiers(agency).into_iter().next();
    // Sample data must never pass for an agency's real disclosure, here as on every page.
    let name = if sample {
        format!("{} (ข้อมูลตัวอย่าง / sample data)", agency.name)
    } else {
        agency.name.clone()
    };
    Publisher {
        name,
        scheme: first.as_ref().map(|i| i.scheme.clone()),
        uid: first.map(|i| i.id),
        uri: non_empty(&agency.website).filter(|u| ids::is_web_url(u)),
    }
}

/// OCDS `procurementMethod` for a Thai method; see the README for the reasoning.
pub fn procurement_method(method: Method) -> ProcurementMethod {
    match method {
        // ประกาศเชิญชวนทั่วไป: anyone may bid.
        Method::EBidding | Method::EMarket | Method::PriceInquiry => ProcurementMethod::Open,
        // The agency invites at least three qualified suppliers it chooses (มาตรา 56 (1)).
        Method::Selection => ProcurementMethod::Selective,
        // The agency negotiates with one or more suppliers it chooses (มาตรา 56 (2)).
        Method::Specific => ProcurementMethod::Limited,
        // Design contests are announced publicly and any qualified designer may enter.
        Method::DesignContest => ProcurementMethod::Open,
    }
}

pub fn tender_status(status: Status) -> TenderStatus {
    match status {
        Status::Cancelled => TenderStatus::Cancelled,
        // Every other สขร.1 row has a chosen winner: the tender stage is over.
        Status::NotSigned | Status::UnderContract | Status::Completed => TenderStatus::Complete,
    }
}

pub fn award_status(status: Status) -> AwardStatus {
    match status {
        // Winner announced, contract not yet signed (e.g. the appeal period is running).
        Status::NotSigned => AwardStatus::Pending,
        Status::UnderContract | Status::Completed => AwardStatus::Active,
        Status::Cancelled => AwardStatus::Cancelled,
    }
}

pub fn contract_status(status: Status) -> ContractStatus {
    match status {
        Status::NotSigned => ContractStatus::Pending,
        Status::UnderContract => ContractStatus::Active,
        // `terminated` is OCDS's "signed and has now come to a close", completion included.
        Status::Completed => ContractStatus::Terminated,
        Status::Cancelled => ContractStatus::Cancelled,
    }
}

/// The record part of the ocid: the e-GP project number when it identifies the row alone,
/// else the row's own id (`2567-10-3`).
fn record_keys(fy: &FiscalYear, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut egp_count: BTreeMap<&str, u32> = BTreeMap::new();
    for r in fy.records() {
        if let Some(no) = &r.egp_project_no {
            *egp_count.entry(no.as_str()).or_default() += 1;
        }
    }
    let keys: Vec<String> = fy
        .records()
        .map(|r| match &r.egp_project_no {
            Some(no) if egp_count.get(no.as_str()).copied() == Some(1) => no.as_str().to_owned(),
            Some(no) => {
                diags.push(
                    Diagnostic::warning(
                        prongsai_model::codes::O121.code,
                        format!(
                            "เลขที่โครงการ {no} ซ้ำกันหลายรายการในปีงบประมาณ {}: ไฟล์ OCDS ใช้รหัสรายการ {} แทน ตรวจสอบว่าเลขที่โครงการถูกต้อง",
                            fy.year,
                            r.id()
                        ),
                        format!(
                            "e-GP project no. {no} is used by more than one row of fiscal year {}: the OCDS ocid uses the row id {} instead; check the project number",
                            fy.year,
                            r.id()
                        ),
                    )
                    .at(r.loc(prongsai_model::Field::EgpProjectNo))
                    .with_text(no.as_str()),
                );
                r.id()
            }
            None => r.id(),
        })
        .collect();
    // Rows can still share a key when a month file repeats a ลำดับที่ (the loader reports that
    // too). OCDS needs one process per ocid, so every colliding row gets its source line: a
    // property of the row itself, not of its place in the output.
    let mut key_count: BTreeMap<&str, u32> = BTreeMap::new();
    for k in &keys {
        *key_count.entry(k.as_str()).or_default() += 1;
    }
    let dup: BTreeSet<String> = key_count
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(k, _)| k.to_owned())
        .collect();
    fy.records()
        .zip(keys)
        .map(|(r, key)| {
            if !dup.contains(&key) {
                return key;
            }
            let new = format!("{key}-line{}", r.line);
            diags.push(
                Diagnostic::error(
                    prongsai_model::codes::O120.code,
                    format!(
                        "หลายรายการได้รหัส {key} เดียวกันในไฟล์ OCDS: แก้ลำดับที่หรือเลขที่โครงการไม่ให้ซ้ำ (ระหว่างนี้ใช้ {new})"
                    ),
                    format!(
                        "More than one row maps to the OCDS key {key}: make ลำดับที่ and e-GP project numbers unique (using {new} meanwhile)"
                    ),
                )
                .at(r.loc(prongsai_model::Field::Seq))
                .with_text(key.clone()),
            );
            new
        })
        .collect()
}

/// What every row's release of a fiscal year is made with.
struct YearCtx<'a> {
    fy: &'a FiscalYear,
    prefix: &'a str,
    buyer: &'a Organization,
    tins: &'a ids::TinDirectory,
    plans: &'a [PlanProcess<'a>],
    /// The site's absolute address, for links to the record pages.
    base: &'a str,
}

fn record_releases(y: &YearCtx<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Release> {
    let keys = record_keys(y.fy, diags);
    let mut out: Vec<(&Procurement, Release)> =
        y.fy.records()
            .zip(keys)
            .map(|(r, key)| (r, record_release(y, r, &key)))
            .collect();
    // Month, then ลำดับที่: the order of the สขร.1 forms, independent of row order in the file.
    out.sort_by_key(|(a, _)| (a.month, a.seq, a.line));
    out.into_iter().map(|(_, rel)| rel).collect()
}

/// What one row says about the organisations of its process.
struct RowParties {
    /// The buyer, then bidders in bid order, then the winner if not a bidder: each organisation
    /// once, with all its roles.
    parties: Vec<Organization>,
    /// Distinct tenderers, in bid order.
    tenderers: Vec<OrganizationReference>,
    supplier: Option<OrganizationReference>,
    /// One per line of the bid list.
    bids: Vec<Bid>,
    /// The id of the winner's bid.
    winning_bid: Option<String>,
}

/// Organisations are matched by normalised name; a TIN, given on this row or on any row of any
/// year for the same name, names the party everywhere, so a losing tenderer has the id it has
/// where it won.
fn record_parties(
    r: &Procurement,
    key: &str,
    buyer: &Organization,
    tins: &ids::TinDirectory,
) -> RowParties {
    let winner_key = r.winner.as_deref().map(ids::name_key);
    let tin_for = |name: &str| {
        (winner_key.as_deref() == Some(ids::name_key(name).as_str()))
            .then_some(r.winner_tin.as_ref())
            .flatten()
            .or_else(|| tins.tin(name))
    };
    let mut parties = vec![buyer.clone()];
    let add =
        |parties: &mut Vec<Organization>, name: &str, role: PartyRole| -> OrganizationReference {
            let tin = tin_for(name);
            let id = party_id(name, tin);
            if let Some(p) = parties.iter_mut().find(|p| p.id == id) {
                if !p.roles.contains(&role) {
                    p.roles.push(role);
                    p.roles.sort();
                }
                return reference(p);
            }
            let identifier = tin.map(|tin| Identifier {
                scheme: TIN_SCHEME.to_owned(),
                id: tin.as_str().to_owned(),
                legal_name: Some(name.trim().to_owned()),
            });
            let org = Organization {
                name: name.trim().to_owned(),
                id,
                identifier,
                additional_identifiers: Vec::new(),
                address: None,
                contact_point: None,
                roles: vec![role],
            };
            let rf = reference(&org);
            parties.push(org);
            rf
        };
    let mut tenderers: Vec<OrganizationReference> = Vec::new();
    let mut bids = Vec::new();
    for (i, bid) in r
        .bids
        .iter()
        .filter(|b| !b.name.trim().is_empty())
        .enumerate()
    {
        let rf = add(&mut parties, &bid.name, PartyRole::Tenderer);
        if !tenderers.iter().any(|t| t.id == rf.id) {
            tenderers.push(rf.clone());
        }
        bids.push(Bid {
            id: format!("{key}-bid-{}", i + 1),
            date: bid.date.map(ids::day_start),
            // A bid listed in a สขร.1 was submitted and evaluated: valid unless marked.
            status: bid_status(bid.status_or_valid()),
            tenderers: vec![rf],
            value: bid.price.map(Value::thb),
        });
    }
    let supplier = r
        .winner
        .as_deref()
        .filter(|w| !w.trim().is_empty())
        .map(|w| add(&mut parties, w, PartyRole::Supplier));
    // The winner's bid: the first bid of the supplier that the list does not mark as out.
    let winning_bid = supplier.as_ref().and_then(|s| {
        bids.iter()
            .find(|b| b.tenderers.iter().any(|t| t.id == s.id) && b.status == BidStatus::Valid)
            .map(|b| b.id.clone())
    });
    RowParties {
        parties,
        tenderers,
        supplier,
        bids,
        winning_bid,
    }
}

pub fn bid_status(status: prongsai_model::BidStatus) -> BidStatus {
    match status {
        prongsai_model::BidStatus::Valid => BidStatus::Valid,
        prongsai_model::BidStatus::Disqualified => BidStatus::Disqualified,
        prongsai_model::BidStatus::Withdrawn => BidStatus::Withdrawn,
    }
}

fn record_release(y: &YearCtx<'_>, r: &Procurement, key: &str) -> Release {
    let YearCtx {
        fy,
        prefix,
        buyer,
        tins,
        plans,
        base,
    } = *y;
    let ocid = format!("{prefix}-{}-{key}", fy.year);
    // The contract date is when the information became final; unsigned and cancelled rows are
    // dated at the end of the month they were reported in, the latest date the form vouches for.
    let date = r
        .contract_date
        .or_else(|| r.month.last_day())
        .map(ids::day_start)
        .unwrap_or_default();
    let RowParties {
        parties,
        tenderers,
        supplier,
        bids,
        winning_bid,
    } = record_parties(r, key, buyer, tins);
    let buyer_ref = reference(buyer);

    let plan_line = r.plan_id.as_deref().and_then(|id| fy.plan_line(id));
    // The plan line's own process; with a repeated plan id, the first line (as fy.plan_line).
    let related_processes: Vec<RelatedProcess> = plan_line
        .and_then(|l| plans.iter().find(|p| std::ptr::eq(p.line, l)))
        .map(|p| RelatedProcess {
            id: "plan".to_owned(),
            relationship: vec!["planning"],
            title: non_empty(&p.line.title),
            scheme: "ocid",
            identifier: p.ocid.clone(),
            uri: None,
        })
        .into_iter()
        .collect();
    let planning = Planning {
        budget: Budget {
            id: plan_line.map(|l| l.plan_id.clone()),
            description: r.budget_source.as_deref().map(|s| s.trim().to_owned()),
            amount: Value::thb(r.budget),
            project: plan_line.map(|l| l.title.clone()),
            project_id: plan_line
                .map(|l| l.plan_id.clone())
                .or_else(|| r.plan_id.clone()),
        },
    };

    // One item, the row's purchase, when e-GP's classification of it is known.
    let items: Vec<Item> = r
        .unspsc
        .as_ref()
        .map(|u| Item {
            id: "1".to_owned(),
            description: r.title.trim().to_owned(),
            classification: Classification {
                scheme: UNSPSC_SCHEME,
                id: u.code().to_owned(),
                description: u.description().map(str::to_owned),
            },
        })
        .into_iter()
        .collect();
    let tender = Tender {
        // e-GP's project number is the tender's identifier in the government's own system.
        id: r
            .egp_project_no
            .as_ref()
            .map_or_else(|| format!("{key}-tender"), |n| n.as_str().to_owned()),
        title: r.title.trim().to_owned(),
        status: r.status.map(tender_status),
        procuring_entity: buyer_ref.clone(),
        value: r.reference_price.map(Value::thb),
        procurement_method: procurement_method(r.method),
        procurement_method_details: r.method.thai().to_owned(),
        procurement_method_rationale: r.legal_ground.as_deref().and_then(non_empty),
        items: items.clone(),
        tender_period: (r.tender_start.is_some() || r.tender_end.is_some()).then(|| Period {
            start_date: r.tender_start.map(ids::day_start),
            end_date: r.tender_end.map(ids::day_end),
        }),
        number_of_tenderers: (!tenderers.is_empty())
            .then(|| u32::try_from(tenderers.len()).unwrap_or(u32::MAX)),
        tenderers,
        documents: explanation_document(r, key, base)
            .into_iter()
            .chain(egp_citation(r))
            .collect(),
    };

    let has_award = supplier.is_some() || r.agreed_price.is_some();
    let award_id = format!("{key}-award");
    let awards: Vec<Award> = has_award
        .then(|| Award {
            id: award_id.clone(),
            description: r.reason.as_deref().and_then(non_empty),
            status: r.status.map(award_status),
            date: date.clone(),
            value: r.agreed_price.map(Value::thb),
            suppliers: supplier.into_iter().collect(),
            items,
            related_bid: winning_bid,
        })
        .into_iter()
        .collect();

    let contract_no = r.contract_no.as_deref().and_then(non_empty);
    let has_contract = has_award && (contract_no.is_some() || r.contract_date.is_some());
    let contracts: Vec<Contract> = has_contract
        .then(|| {
            // A form without a status column (the สขร.1) reports contracts by their number and
            // date of signing.
            let signed = matches!(
                r.status,
                None | Some(Status::UnderContract | Status::Completed)
            );
            Contract {
                id: contract_no
                    .as_deref()
                    .map_or_else(|| format!("{key}-contract"), ids::id_part),
                award_id: award_id.clone(),
                title: match &contract_no {
                    Some(no) => format!("สัญญาเลขที่ {no}"),
                    None => format!("สัญญา {}", r.title.trim()),
                },
                description: non_empty(&r.title),
                status: r.status.map(contract_status),
                period: (r.contract_date.is_some() || r.contract_end.is_some()).then(|| Period {
                    start_date: r.contract_date.map(ids::day_start),
                    end_date: r.contract_end.map(ids::day_end),
                }),
                value: r.agreed_price.map(Value::thb),
                date_signed: r.contract_date.filter(|_| signed).map(ids::day_start),
            }
        })
        .into_iter()
        .collect();

    let mut tag = vec![Tag::Tender];
    if !awards.is_empty() {
        tag.push(Tag::Award);
    }
    if !contracts.is_empty() {
        tag.push(Tag::Contract);
    }
    match r.status {
        Some(Status::Cancelled) => tag.push(Tag::TenderCancellation),
        Some(Status::Completed) if !contracts.is_empty() => tag.push(Tag::ContractTermination),
        _ => {}
    }

    Release {
        id: release_id(&ocid, &tag),
        ocid,
        date,
        tag,
        initiation_type: "tender",
        language: "th",
        parties,
        buyer: Some(buyer_ref),
        planning: Some(planning),
        tender: Some(tender),
        bids: (!bids.is_empty()).then_some(Bids { details: bids }),
        awards,
        contracts,
        related_processes,
    }
}

/// The scheme of e-GP's item classification, from the open `itemClassificationScheme` codelist.
pub const UNSPSC_SCHEME: &str = "UNSPSC";

/// The agency's คำชี้แจง of a row as a document of its tender: the text, the findings it
/// answers in the title, and its place on the record page.
fn explanation_document(r: &Procurement, key: &str, base: &str) -> Option<Document> {
    let text = r.explanation()?;
    let answers: Vec<String> = prongsai_model::findings::confirmable(r)
        .into_iter()
        .map(|c| format!("{} {}", c.code, c.title_th))
        .collect();
    Some(Document {
        id: format!("{key}-explanation"),
        title: if answers.is_empty() {
            "คำชี้แจงของหน่วยงาน".to_owned()
        } else {
            format!("คำชี้แจงของหน่วยงาน ({})", answers.join("; "))
        },
        description: text.to_owned(),
        url: Some(format!(
            "{base}{}#explanation",
            prongsai_views::urls::record(r)
        )),
        format: Some("text/html"),
        language: "th",
    })
}

/// The citation of e-GP's contract data, for a record that took values from it or whose values
/// differ from it: which values, from which file and line.
fn egp_citation(r: &Procurement) -> Option<Document> {
    let l = r.egp.as_ref()?;
    if l.filled.is_empty() && l.differs.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !l.filled.is_empty() {
        let names: Vec<&str> = l.filled.iter().map(|f| f.thai()).collect();
        parts.push(format!(
            "ค่าต่อไปนี้มาจากข้อมูล e-GP เพราะไฟล์ของหน่วยงานไม่มี: {}",
            names.join(", ")
        ));
    }
    if !l.differs.is_empty() {
        let diffs: Vec<String> = l
            .differs
            .iter()
            .map(|d| format!("{} (e-GP: {})", d.field.thai(), d.egp))
            .collect();
        parts.push(format!(
            "ค่าที่ต่างจากข้อมูล e-GP (เผยแพร่ค่าของหน่วยงาน): {}",
            diffs.join(", ")
        ));
    }
    Some(Document {
        id: format!("egp-{}", l.project_no),
        title: format!(
            "ข้อมูลสัญญาในระบบ e-GP ของกรมบัญชีกลาง (เลขที่โครงการ {})",
            l.project_no
        ),
        description: format!(
            "{}. แหล่งข้อมูล: {} บรรทัดที่ {} (data.go.th cgd-contract / CGD contract API)",
            parts.join(". "),
            l.file.path,
            l.line
        ),
        url: None,
        format: None,
        language: "th",
    })
}

/// `<ocid>-<tags>`: a release is new information about its process, and the tags say which, so
/// the id changes exactly when the stage reached changes (say, a contract is signed).
fn release_id(ocid: &str, tags: &[Tag]) -> String {
    let tags: Vec<&str> = tags.iter().map(|t| t.as_str()).collect();
    format!("{ocid}-{}", tags.join("-"))
}

/// A plan line's planning process. Its ocid depends only on the plan line, so it is the same
/// before and after rows realise the line, however many procurements it is split into.
struct PlanProcess<'a> {
    line: &'a PlanLine,
    key: String,
    ocid: String,
}

/// Every plan line's process, in plan order (ลำดับ, รหัสแผน, source line).
fn plan_processes<'a>(
    fy: &'a FiscalYear,
    prefix: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<PlanProcess<'a>> {
    let Some(plan) = &fy.plan else {
        return Vec::new();
    };
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for l in &plan.lines {
        *seen.entry(ids::id_part(&l.plan_id)).or_default() += 1;
    }
    let mut lines: Vec<&PlanLine> = plan.lines.iter().collect();
    lines.sort_by(|a, b| (a.seq, &a.plan_id, a.line).cmp(&(b.seq, &b.plan_id, b.line)));
    lines
        .into_iter()
        .map(|l| {
            let part = ids::id_part(&l.plan_id);
            let key = if seen.get(&part).copied().unwrap_or(0) > 1 {
                diags.push(
                    Diagnostic::warning(
                        prongsai_model::codes::O122.code,
                        format!(
                            "รหัสแผน {} ซ้ำกันในแผนปีงบประมาณ {}: ไฟล์ OCDS เติมลำดับ {} ต่อท้าย ควรแก้รหัสแผนให้ไม่ซ้ำ",
                            l.plan_id, fy.year, l.seq
                        ),
                        format!(
                            "Plan id {} appears more than once in the fiscal year {} plan: the OCDS ocid appends its seq {}; make plan ids unique",
                            l.plan_id, fy.year, l.seq
                        ),
                    )
                    .at(l.loc(prongsai_model::Field::PlanId))
                    .with_text(l.plan_id.clone()),
                );
                format!("{part}-{}", l.seq)
            } else {
                part
            };
            let ocid = format!("{prefix}-{}-plan-{key}", fy.year);
            PlanProcess { line: l, key, ocid }
        })
        .collect()
}

/// Every plan line as a `planning` release, whether or not a row has realised it yet.
fn plan_releases(fy: &FiscalYear, plans: &[PlanProcess<'_>], buyer: &Organization) -> Vec<Release> {
    let published = fy
        .plan_meta
        .as_ref()
        .and_then(|m| m.published_on.or(m.approved_on));
    plans
        .iter()
        .map(|p| plan_release(fy, p, published, buyer))
        .collect()
}

fn plan_release(
    fy: &FiscalYear,
    p: &PlanProcess<'_>,
    published: Option<Date>,
    buyer: &Organization,
) -> Release {
    let (l, key, ocid) = (p.line, &p.key, p.ocid.clone());
    // The plan's publication (else approval) date; without plan.yaml, 1 October, the day the
    // fiscal year and so the plan take effect.
    let date = published
        .or_else(|| Date::from_be(fy.year - 1, 10, 1))
        .map(ids::day_start)
        .unwrap_or_default();
    let tag = vec![Tag::Planning];
    let buyer_ref = reference(buyer);
    Release {
        id: release_id(&ocid, &tag),
        ocid,
        date,
        tag,
        initiation_type: "tender",
        language: "th",
        parties: vec![buyer.clone()],
        buyer: Some(buyer_ref.clone()),
        planning: Some(Planning {
            budget: Budget {
                id: Some(l.plan_id.clone()),
                description: Some(l.budget_source.trim().to_owned()),
                amount: Value::thb(l.budget),
                project: non_empty(&l.title),
                project_id: Some(l.plan_id.clone()),
            },
        }),
        tender: Some(Tender {
            id: format!("plan-{key}-tender"),
            title: l.title.trim().to_owned(),
            status: Some(TenderStatus::Planning),
            procuring_entity: buyer_ref,
            value: None,
            procurement_method: procurement_method(l.method),
            procurement_method_details: l.method.thai().to_owned(),
            procurement_method_rationale: None,
            items: Vec::new(),
            // ช่วงเวลาที่คาดว่าจะประกาศ: the month the invitation is expected.
            tender_period: l.expected_month.first_day().map(|d| Period {
                start_date: Some(ids::day_start(d)),
                end_date: None,
            }),
            tenderers: Vec::new(),
            documents: Vec::new(),
            number_of_tenderers: None,
        }),
        bids: None,
        awards: Vec::new(),
        contracts: Vec::new(),
        related_processes: Vec::new(),
    }
}

/// The site's absolute base URL, without a final `/`.
fn site_base(agency: &Agency, opts: &OcdsOptions, diags: &mut Vec<Diagnostic>) -> String {
    let base = non_empty(&opts.base_url)
        .or_else(|| non_empty(&agency.website))
        .unwrap_or_default();
    let base = base.trim_end_matches('/');
    if !ids::is_web_url(base) {
        diags.push(
            Diagnostic::error(
                prongsai_model::codes::O102.code,
                format!("ที่อยู่เว็บไซต์ \"{base}\" ไม่ใช่ URL แบบเต็ม (เช่น https://www.muangluang.go.th): ไฟล์ OCDS ต้องมี uri ที่เข้าถึงได้ ใส่ website ใน agency.yaml หรือ base_url ใน site.yaml"),
                format!("The site address \"{base}\" is not an absolute URL (e.g. https://www.muangluang.go.th): the OCDS package needs a dereferenceable uri; set website in agency.yaml or base_url in site.yaml"),
            )
            .with_text(base),
        );
    }
    base.to_owned()
}

fn published_date(
    opts: &OcdsOptions,
    fiscal_year: i32,
    releases: &[Release],
    diags: &mut Vec<Diagnostic>,
) -> String {
    if let Some(given) = opts.published_date.as_deref().map(str::trim) {
        if ids::is_rfc3339(given) {
            return given.to_owned();
        }
        diags.push(
            Diagnostic::warning(
                prongsai_model::codes::O130.code,
                format!("วันที่เผยแพร่ \"{given}\" ไม่อยู่ในรูปแบบ RFC 3339: ใช้วันที่ล่าสุดในข้อมูลแทน"),
                format!("Published date \"{given}\" is not RFC 3339: the latest date in the data is used instead"),
            )
            .with_text(given),
        );
    }
    // Release dates all share the +07:00 offset and a fixed width, so text order is time order.
    releases
        .iter()
        .map(|r| r.date.as_str())
        .max()
        .map(str::to_owned)
        .or_else(|| Date::from_be(fiscal_year - 1, 10, 1).map(ids::day_start))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

fn optional_url(value: Option<&str>, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let v = value.and_then(non_empty)?;
    if ids::is_web_url(&v) {
        return Some(v);
    }
    diags.push(
        Diagnostic::warning(
            prongsai_model::codes::O131.code,
            format!("{key} \"{v}\" ต้องเป็น URL แบบเต็ม (https://…): ไม่ใส่ในไฟล์ OCDS"),
            format!(
                "{key} \"{v}\" must be an absolute URL (https://…): left out of the OCDS package"
            ),
        )
        .with_text(v.clone()),
    );
    None
}
