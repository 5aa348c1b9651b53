//! The ITA evidence index: for each criterion of an assessment year, whether the data meets it and
//! the absolute URLs the agency copies into the NACC's ITAS system.

use crate::RuleInfo;
use crate::criteria::{Confidence, Coverage, Criteria, CriteriaItem, Evidence, EvidenceKind};
use crate::rules::Ctx;
use crate::rules::RuleClass;
use crate::rules::annual_report_sections::missing_sections;
use prongsai_model::codes;
use prongsai_model::{
    Data, Date, Diagnostic, Disclosure, Gap, YearMonth, fiscal_year_months, month_due,
};
use prongsai_views::outputs::{Format, Kind, Period, output};
use prongsai_views::urls;
use serde::Serialize;

pub const INFO: RuleInfo = RuleInfo {
    entry: &codes::C003,
    class: RuleClass::Input,
    doc: "--ita <year> asks for an assessment year that neither the embedded criteria nor criteria/ in the site \
root cover. Add criteria/ita-<year>.yaml (copy the newest embedded file and edit it) or choose a covered year.",
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItaStatus {
    /// Every kind of evidence the item asks for is there.
    Met,
    /// Some of it is there; `missing` says what is not (months with their due dates).
    Partial,
    /// None of it is there: nothing in the data, no page tagged, no address in site.yaml.
    Missing,
    /// prongsai cannot tell from the site's data: the item looks at a fiscal year before the
    /// site's first, and no page or address is declared for it.
    Unknown,
}

impl ItaStatus {
    pub fn thai(self) -> &'static str {
        match self {
            ItaStatus::Met => "ผ่าน",
            ItaStatus::Partial => "ยังไม่ครบ",
            ItaStatus::Missing => "ไม่มีข้อมูล",
            ItaStatus::Unknown => "ตรวจจากข้อมูลไม่ได้",
        }
    }
}

/// Where a link comes from, so the assessor knows what prongsai vouches for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A page or download prongsai made from the procurement data.
    Data,
    /// A content page whose front matter names the item.
    Page,
    /// An address outside the site, from site.yaml `ita.evidence`.
    External,
}

impl LinkKind {
    pub fn thai(self) -> &'static str {
        match self {
            LinkKind::Data => "ข้อมูลการจัดซื้อจัดจ้าง",
            LinkKind::Page => "หน้าเว็บไซต์นี้",
            LinkKind::External => "เว็บไซต์ภายนอก",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceUrl {
    /// What the link is, in Thai: `เดือน ต.ค. 2567 (XLSX)`.
    pub label_th: String,
    /// Absolute (base_url + path), ready to paste into ITAS.
    pub url: String,
    pub kind: LinkKind,
    pub kind_th: &'static str,
}

/// How to add what is missing: a sentence and the exact text to write. Staff instructions: they
/// go to `check --ita` and the CI job summary, never to the public evidence page or its files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub text_th: String,
    /// The front-matter line, site.yaml entry, file path or command to type.
    pub snippet: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItaItemResult {
    pub code: String,
    pub title_th: String,
    pub status: ItaStatus,
    pub status_th: &'static str,
    pub urls: Vec<EvidenceUrl>,
    /// What is missing or not yet due, in Thai words for the public; a missing month names its
    /// due date.
    pub missing: Vec<String>,
    /// How to add each thing missing: for staff only, so never serialised into the public page.
    #[serde(skip)]
    pub fixes: Vec<Fix>,
    pub confidence: Confidence,
    pub confidence_th: &'static str,
    pub source: String,
    pub notes_th: Vec<String>,
    /// For an item whose evidence is the month files, the cross-check with e-GP's contract data
    /// (`ตรงกับข้อมูล e-GP N จาก M สัญญา`), when the year has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egp_th: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriteriaUsed {
    pub name: String,
    pub version: String,
    pub source: String,
    /// `embedded:ita-2569.yaml` or `criteria/ita-2569.yaml` (the site's override).
    pub file: String,
    /// The agency types the file is written for (empty: any).
    pub agency_types: Vec<String>,
    pub notes_th: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ItaSummary {
    pub met: usize,
    pub partial: usize,
    pub missing: usize,
    pub unknown: usize,
}

/// One assessment year's evidence index, as the `ita/<year>/index.html` page shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItaEvaluation {
    pub assessment_year: i32,
    pub criteria: CriteriaUsed,
    pub as_of: Date,
    /// `1 พ.ย. 2569`
    pub as_of_th: String,
    pub summary: ItaSummary,
    pub items: Vec<ItaItemResult>,
    /// Site paths of this index and its downloads.
    pub page_url: String,
    pub csv_url: String,
    pub json_url: String,
}

/// One line of the downloadable index: an item and one of its links (an item without links has
/// one line with the link fields empty).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceRow {
    pub assessment_year: i32,
    pub code: String,
    pub title_th: String,
    pub status: ItaStatus,
    pub status_th: &'static str,
    pub link_label: String,
    pub url: String,
    /// `data`, `page`, `external`, or empty for an item without links.
    pub link_kind: String,
    /// What is missing, one thing per line.
    pub missing: String,
}

impl EvidenceRow {
    /// Column headers of `evidence.csv`, in Thai for the officer opening it in Excel.
    pub const HEADERS_TH: [&'static str; 9] = [
        "ปีที่ประเมิน",
        "ข้อ",
        "ชื่อข้อการประเมิน",
        "ผลการตรวจ",
        "ชื่อลิงก์",
        "URL",
        "ที่มาของลิงก์",
        "สิ่งที่ยังขาด",
        "รหัสผลการตรวจ",
    ];

    /// The cells under [`EvidenceRow::HEADERS_TH`].
    pub fn cells(&self) -> [String; 9] {
        [
            self.assessment_year.to_string(),
            self.code.clone(),
            self.title_th.clone(),
            self.status_th.to_owned(),
            self.link_label.clone(),
            self.url.clone(),
            self.link_kind.clone(),
            self.missing.clone(),
            serde_json::to_value(self.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        ]
    }
}

impl ItaEvaluation {
    /// The index as rows, for `evidence.csv` and `evidence.json`: one per item and link.
    pub fn rows(&self) -> Vec<EvidenceRow> {
        let mut out = Vec::new();
        for item in &self.items {
            let missing = item.missing.join("\n");
            let row = |label: &str, url: &str, kind: &str| EvidenceRow {
                assessment_year: self.assessment_year,
                code: item.code.clone(),
                title_th: item.title_th.clone(),
                status: item.status,
                status_th: item.status_th,
                link_label: label.to_owned(),
                url: url.to_owned(),
                link_kind: kind.to_owned(),
                missing: missing.clone(),
            };
            if item.urls.is_empty() {
                out.push(row("", "", ""));
            }
            for u in &item.urls {
                let kind = serde_json::to_value(u.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                out.push(row(&u.label_th, &u.url, &kind));
            }
        }
        out
    }

    /// The items not met (partial, missing or unknown), in criteria order.
    pub fn incomplete(&self) -> Vec<&ItaItemResult> {
        self.items
            .iter()
            .filter(|i| i.status != ItaStatus::Met)
            .collect()
    }

    /// The items that are not complete, as `check --ita <year>` prints them: one block per item
    /// with what is missing and how to add it.
    pub fn incomplete_text(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let open = self.incomplete();
        let _ = writeln!(
            out,
            "ITA {} ({} รุ่น {}): ยังไม่ครบ {} จาก {} ข้อ ณ วันที่ {}\nITA {}: {} of {} items not complete as of {}",
            self.assessment_year,
            self.criteria.file,
            self.criteria.version,
            open.len(),
            self.items.len(),
            self.as_of_th,
            self.assessment_year,
            open.len(),
            self.items.len(),
            self.as_of.iso(),
        );
        for i in open {
            let _ = writeln!(out, "\n{} {}: {}", i.code, i.status_th, i.title_th);
            for m in &i.missing {
                let _ = writeln!(out, "  - {m}");
            }
            for f in &i.fixes {
                let _ = writeln!(out, "  วิธีเพิ่ม: {}", f.text_th);
                for line in f.snippet.lines() {
                    let _ = writeln!(out, "      {line}");
                }
            }
        }
        out
    }
}

/// Does the data contain a fiscal year the assessment year looks at?
fn touches(data: &Data, c: &Criteria) -> bool {
    data.years.contains_key(&c.assessment_year) || data.years.contains_key(&(c.assessment_year - 1))
}

/// The evaluations `check` returns: every criteria year the data touches, plus the `--ita` year; or,
/// when nothing is touched, the newest criteria year.
pub fn evaluate_all(ctx: &Ctx<'_>, diags: &mut Vec<Diagnostic>) -> Vec<ItaEvaluation> {
    let mut chosen: Vec<&Criteria> = ctx
        .criteria
        .iter()
        .filter(|c| touches(ctx.data, c))
        .collect();
    if let Some(year) = ctx.opts.ita_year {
        match ctx.criteria.iter().find(|c| c.assessment_year == year) {
            Some(c) if !chosen.iter().any(|x| x.assessment_year == year) => chosen.push(c),
            Some(_) => {}
            None => {
                let known: Vec<String> = ctx
                    .criteria
                    .iter()
                    .map(|c| c.assessment_year.to_string())
                    .collect();
                diags.push(INFO.diag(
                    format!("ไม่มีเกณฑ์ ITA ปี {year} (มีปี {}) ให้เพิ่มไฟล์ criteria/ita-{year}.yaml ในเว็บไซต์ หรือเลือกปีที่มี", known.join(", ")),
                    format!("No ITA criteria for {year} (covered: {}); add criteria/ita-{year}.yaml to the site or choose a covered year", known.join(", ")),
                ));
            }
        }
    }
    if chosen.is_empty()
        && let Some(newest) = ctx.criteria.last()
    {
        chosen.push(newest);
    }
    chosen.sort_by_key(|c| c.assessment_year);
    let gaps = ctx.gaps();
    chosen
        .into_iter()
        .map(|c| evaluate(ctx, c, &gaps))
        .collect()
}

pub fn evaluate(ctx: &Ctx<'_>, c: &Criteria, gaps: &[Gap]) -> ItaEvaluation {
    let items: Vec<ItaItemResult> = c
        .items
        .iter()
        .map(|item| evaluate_item(ctx, c.assessment_year, item, gaps))
        .collect();
    let mut summary = ItaSummary::default();
    for i in &items {
        match i.status {
            ItaStatus::Met => summary.met += 1,
            ItaStatus::Partial => summary.partial += 1,
            ItaStatus::Missing => summary.missing += 1,
            ItaStatus::Unknown => summary.unknown += 1,
        }
    }
    let year = c.assessment_year;
    ItaEvaluation {
        assessment_year: year,
        criteria: CriteriaUsed {
            name: c.name.clone(),
            version: c.version.clone(),
            source: c.source.clone(),
            file: c.file.clone(),
            agency_types: c.agency_types.clone(),
            notes_th: c.notes_th.clone(),
        },
        as_of: ctx.opts.as_of,
        as_of_th: ctx.opts.as_of.thai_short(),
        summary,
        items,
        page_url: urls::ita(year),
        csv_url: urls::ita_csv(year),
        json_url: urls::ita_json(year),
    }
}

/// `https://x.go.th` + `/procurement/` → `https://x.go.th/procurement/`.
fn absolute(base: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

struct Found {
    status: ItaStatus,
    urls: Vec<EvidenceUrl>,
    missing: Vec<String>,
    fixes: Vec<Fix>,
}

impl Found {
    fn new(status: ItaStatus) -> Found {
        Found {
            status,
            urls: Vec::new(),
            missing: Vec::new(),
            fixes: Vec::new(),
        }
    }
}

fn data_url(label_th: String, url: String) -> EvidenceUrl {
    EvidenceUrl {
        label_th,
        url,
        kind: LinkKind::Data,
        kind_th: LinkKind::Data.thai(),
    }
}

/// Does a tag (`O1` or `2568:O1`, from front matter or site.yaml) name this item of this
/// assessment year?
pub(crate) fn declares(code: &str, year: i32, item_code: &str) -> bool {
    match code.trim().split_once(':') {
        Some((y, c)) => {
            y.trim().parse::<i32>().is_ok_and(|y| y == year)
                && c.trim().eq_ignore_ascii_case(item_code)
        }
        None => code.trim().eq_ignore_ascii_case(item_code),
    }
}

/// The tag an agency writes for this item: year-qualified, since codes are renumbered yearly.
fn tag(year: i32, code: &str) -> String {
    format!("{year}:{code}")
}

fn page_fix(year: i32, code: &str) -> Fix {
    Fix {
        text_th: "ใส่บรรทัดนี้ใน front matter ของหน้าเว็บที่เผยแพร่เอกสาร".to_owned(),
        snippet: format!("ita: [\"{}\"]", tag(year, code)),
    }
}

fn external_fix(year: i32, code: &str) -> Fix {
    Fix {
        text_th:
            "ถ้าอยู่นอกเว็บไซต์นี้ (ระบบ E-Service เพจ Facebook ฯลฯ) ใส่ใต้ ita: evidence: ใน site.yaml"
                .to_owned(),
        snippet: format!(
            "- {{ item: \"{}\", title: \"ชื่อที่ผู้ประเมินเห็น\", url: \"https://…\" }}",
            tag(year, code)
        ),
    }
}

fn evaluate_item(ctx: &Ctx<'_>, year: i32, item: &CriteriaItem, gaps: &[Gap]) -> ItaItemResult {
    let base = ctx.opts.base_url.as_str();
    // Declared evidence: pages whose front matter names the item (`ita: ["2569:O1"]`, or
    // `ita: [O1]` for every year), then addresses outside the site from site.yaml.
    let mut declared: Vec<EvidenceUrl> = ctx
        .pages
        .iter()
        .filter(|p| p.ita.iter().any(|code| declares(code, year, &item.code)))
        .map(|p| EvidenceUrl {
            label_th: p.title.clone(),
            url: absolute(base, &p.url_path),
            kind: LinkKind::Page,
            kind_th: LinkKind::Page.thai(),
        })
        .collect();
    declared.extend(
        ctx.opts
            .ita_evidence
            .iter()
            .filter(|e| declares(&e.item, year, &item.code))
            .map(|e| EvidenceUrl {
                label_th: e.title.clone(),
                url: e.url.clone(),
                kind: LinkKind::External,
                kind_th: LinkKind::External.thai(),
            }),
    );
    let page_only = [Evidence {
        kind: EvidenceKind::Page,
        fiscal_year: Default::default(),
        coverage: Default::default(),
        formats: Vec::new(),
    }];
    let evidence: &[Evidence] = if item.evidence.is_empty() {
        &page_only
    } else {
        &item.evidence
    };
    let parts: Vec<Found> = evidence
        .iter()
        .map(|e| {
            let found = evaluate_evidence(ctx, year, &item.code, e, gaps);
            // Data the site cannot hold (a year before its first) may be published elsewhere:
            // an address or page the agency declares for the item stands in for it.
            if !declared.is_empty() && (found.status == ItaStatus::Unknown || e.kind.is_declared())
            {
                Found::new(ItaStatus::Met)
            } else {
                found
            }
        })
        .collect();
    let all = |s: ItaStatus| parts.iter().all(|p| p.status == s);
    let status = if all(ItaStatus::Met) {
        ItaStatus::Met
    } else if parts
        .iter()
        .any(|p| matches!(p.status, ItaStatus::Met | ItaStatus::Partial))
    {
        ItaStatus::Partial
    } else if parts.iter().any(|p| p.status == ItaStatus::Missing) {
        ItaStatus::Missing
    } else {
        ItaStatus::Unknown
    };
    let mut urls = Vec::new();
    let mut missing = Vec::new();
    let mut fixes: Vec<Fix> = Vec::new();
    for p in parts {
        urls.extend(p.urls);
        missing.extend(p.missing);
        for f in p.fixes {
            if !fixes.contains(&f) {
                fixes.push(f);
            }
        }
    }
    urls.extend(declared);
    ItaItemResult {
        code: item.code.clone(),
        title_th: item.title_th.clone(),
        status,
        status_th: status.thai(),
        urls,
        missing,
        fixes,
        confidence: item.confidence,
        confidence_th: item.confidence.thai(),
        source: item.source.clone(),
        notes_th: item.notes_th.clone(),
        egp_th: crate::egp::ita_statement(ctx, year, evidence),
    }
}

fn evaluate_evidence(ctx: &Ctx<'_>, year: i32, code: &str, e: &Evidence, gaps: &[Gap]) -> Found {
    let fy = e.fiscal_year.fiscal_year(year);
    if !e.kind.is_declared() && ctx.data.years.keys().next().is_none_or(|&first| fy < first) {
        return outside_site(ctx, year, code, fy);
    }
    match e.kind {
        EvidenceKind::Months => months(ctx, fy, e, gaps),
        EvidenceKind::Plan => plan(ctx, fy, gaps),
        EvidenceKind::AnnualReport => annual(ctx, fy, gaps),
        EvidenceKind::Page => {
            let mut f = Found::new(ItaStatus::Missing);
            f.missing
                .push("หน่วยงานยังไม่ได้ระบุหน้าเว็บที่เผยแพร่ข้อมูลของข้อนี้".to_owned());
            f.fixes.push(page_fix(year, code));
            f.fixes.push(external_fix(year, code));
            f
        }
        EvidenceKind::External => {
            let mut f = Found::new(ItaStatus::Missing);
            f.missing
                .push("หน่วยงานยังไม่ได้ระบุที่อยู่ของระบบหรือหน้าเว็บที่ใช้ตอบข้อนี้".to_owned());
            f.fixes.push(external_fix(year, code));
            f.fixes.push(page_fix(year, code));
            f
        }
    }
}

/// Procurement data of a fiscal year before the site's first: prongsai cannot judge it.
fn outside_site(ctx: &Ctx<'_>, year: i32, code: &str, fy: i32) -> Found {
    let mut f = Found::new(ItaStatus::Unknown);
    f.missing.push(match ctx.data.years.keys().next() {
        Some(first) => {
            format!("ข้อมูลปีงบประมาณ {fy} ไม่อยู่ในเว็บไซต์นี้ (ข้อมูลการจัดซื้อจัดจ้างเริ่มที่ปีงบประมาณ {first})")
        }
        None => format!("ยังไม่มีข้อมูลการจัดซื้อจัดจ้างในเว็บไซต์นี้ (ปีงบประมาณ {fy})"),
    });
    f.fixes.push(Fix {
        text_th: format!("เพิ่มข้อมูลปีงบประมาณ {fy} ในโฟลเดอร์นี้"),
        snippet: format!("procurement-data/{fy}/"),
    });
    f.fixes.push(external_fix(year, code));
    f
}

fn ended(m: YearMonth, as_of: Date) -> bool {
    m.last_day().is_some_and(|d| d < as_of)
}

/// `แบบ สขร.1 เดือนพฤษภาคม 2569: เลยกำหนดเผยแพร่ 3 วัน (ครบกำหนด 15 มิ.ย. 2569)`, from the
/// model's gaps so the ITA page, the month grid and `check` give one due date.
fn gap_line(gaps: &[Gap], fy: i32, what: Disclosure, fallback: String) -> String {
    gaps.iter()
        .find(|g| g.fiscal_year == fy && g.what == what)
        .map_or(fallback, |g| format!("{}: {}", g.label_th(), g.status_th()))
}

fn months(ctx: &Ctx<'_>, fy: i32, e: &Evidence, gaps: &[Gap]) -> Found {
    let base = ctx.opts.base_url.as_str();
    let as_of = ctx.opts.as_of;
    let all = fiscal_year_months(fy);
    let year = ctx.data.years.get(&fy);
    // The months the item asks for by now, and those of its span that are not yet due.
    let (required, pending): (Vec<YearMonth>, Vec<YearMonth>) = match e.coverage {
        Coverage::Quarterly => {
            let mut req = Vec::new();
            let mut pend = Vec::new();
            for q in all.chunks(3) {
                if q.last().is_some_and(|m| ended(*m, as_of)) {
                    req.extend_from_slice(q);
                } else {
                    pend.extend_from_slice(q);
                }
            }
            (req, pend)
        }
        cov => all
            .iter()
            .filter(|m| cov.indexes().contains(&m.fiscal_index()))
            .partition(|m| ended(**m, as_of)),
    };
    let mut f = Found::new(ItaStatus::Met);
    let mut present = 0usize;
    for m in required.iter().chain(&pending) {
        let exists = year.is_some_and(|y| y.months.contains_key(m));
        if exists {
            present += 1;
            f.urls.push(data_url(
                format!("เดือน{} (หน้าเว็บ)", m.thai_short()),
                absolute(base, &urls::month(*m)),
            ));
            // Only the formats the build writes a month in: a criteria file naming another
            // format gets no link rather than a dead one.
            let month_file = |fmt: &String| {
                let format = Format::parse(fmt)?;
                output(Kind::Month).link(year?, Period::Month(*m), format, as_of)
            };
            for fmt in &e.formats {
                if let Some(url) = month_file(fmt) {
                    f.urls.push(data_url(
                        format!("เดือน{} ({})", m.thai_short(), fmt.to_uppercase()),
                        absolute(base, &url),
                    ));
                }
            }
        } else if required.contains(m) {
            let unreadable = year.is_some_and(|y| y.unreadable.contains(&Disclosure::Month(*m)));
            f.missing.push(if unreadable {
                format!(
                    "แบบ สขร.1 เดือน{}: ไฟล์ข้อมูลอยู่ระหว่างแก้ไข ยังเผยแพร่ไม่ได้",
                    m.thai_long()
                )
            } else {
                gap_line(
                    gaps,
                    fy,
                    Disclosure::Month(*m),
                    format!("แบบ สขร.1 เดือน{}: ยังไม่มีไฟล์", m.thai_long()),
                )
            });
            if !unreadable {
                f.fixes.push(Fix {
                    text_th: format!(
                        "สร้างไฟล์ procurement-data/{fy}/months/{}.csv (เดือนที่ไม่มีการจัดซื้อจัดจ้างก็ต้องมีไฟล์ที่ไม่มีรายการ)",
                        m.key()
                    ),
                    snippet: format!("prongsai new month {}", m.key()),
                });
            }
        }
    }
    // ITA O11 asks for quarter files: each quarter document the build writes is evidence.
    if e.coverage == Coverage::Quarterly
        && let Some(year) = year
    {
        for file in output(Kind::Quarter).files(year, as_of) {
            if let Period::Quarter(q) = file.period {
                f.urls.push(data_url(
                    format!("แบบ สขร.1 ไตรมาสที่ {q} ปี {fy} ({})", file.format.label()),
                    absolute(base, &file.url),
                ));
            }
        }
    }
    let not_due: Vec<YearMonth> = pending
        .iter()
        .copied()
        .filter(|m| !year.is_some_and(|y| y.months.contains_key(m)))
        .collect();
    f.status = if !f.missing.is_empty() {
        if present == 0 {
            ItaStatus::Missing
        } else {
            ItaStatus::Partial
        }
    } else if !not_due.is_empty() || required.is_empty() {
        ItaStatus::Partial
    } else {
        ItaStatus::Met
    };
    if !not_due.is_empty() {
        let rules = ctx.opts.config.due_rules();
        let list: Vec<String> = not_due
            .iter()
            .map(|m| match month_due(*m, &rules) {
                Some(d) => format!("{} (ครบกำหนด {})", m.thai_short(), d.thai_short()),
                None => m.thai_short(),
            })
            .collect();
        f.missing.push(format!(
            "ยังไม่ถึงกำหนด ({}): {}",
            e.coverage.thai(),
            list.join(", ")
        ));
    }
    f
}

fn plan(ctx: &Ctx<'_>, fy: i32, gaps: &[Gap]) -> Found {
    let base = ctx.opts.base_url.as_str();
    match ctx.data.years.get(&fy).filter(|y| y.plan.is_some()) {
        Some(year) => {
            let mut f = Found::new(ItaStatus::Met);
            f.urls = vec![data_url(
                format!("แผนการจัดซื้อจัดจ้าง ปี {fy} (หน้าเว็บ)"),
                absolute(base, &urls::plan(fy)),
            )];
            for (kind, format, what) in [
                (
                    Kind::PlanDocument,
                    Format::Pdf,
                    "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง",
                ),
                (Kind::PlanDocument, Format::Xlsx, "แผนการจัดซื้อจัดจ้าง"),
                (Kind::PlanData, Format::Csv, "แผนการจัดซื้อจัดจ้าง"),
            ] {
                if let Some(url) = output(kind).link(year, Period::Year, format, ctx.opts.as_of) {
                    f.urls.push(data_url(
                        format!("{what} ปี {fy} ({})", format.label()),
                        absolute(base, &url),
                    ));
                }
            }
            f
        }
        None => {
            let mut f = Found::new(ItaStatus::Missing);
            f.missing.push(gap_line(
                gaps,
                fy,
                Disclosure::Plan,
                format!("แผนการจัดซื้อจัดจ้าง ปีงบประมาณ {fy}: ยังไม่มีไฟล์"),
            ));
            f.fixes.push(Fix {
                text_th: format!("สร้างไฟล์แผน procurement-data/{fy}/plan.csv"),
                snippet: format!("prongsai new plan {fy}"),
            });
            f
        }
    }
}

fn annual(ctx: &Ctx<'_>, fy: i32, gaps: &[Gap]) -> Found {
    let base = ctx.opts.base_url.as_str();
    let Some(r) = ctx.data.years.get(&fy).and_then(|y| y.annual.as_ref()) else {
        let mut f = Found::new(ItaStatus::Missing);
        f.missing.push(gap_line(
            gaps,
            fy,
            Disclosure::AnnualReport,
            format!("รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ {fy}: ยังไม่มีไฟล์"),
        ));
        f.fixes.push(Fix {
            text_th:
                "เขียนรายงาน (ผู้อนุมัติ วันที่อนุมัติ และหัวข้อผลการวิเคราะห์ ปัญหาและอุปสรรค แนวทางการปรับปรุง) ไว้ที่"
                    .to_owned(),
            snippet: format!("procurement-data/{fy}/annual.md"),
        });
        return f;
    };
    let mut f = Found::new(ItaStatus::Met);
    f.missing = missing_sections(r)
        .into_iter()
        .map(|(th, _)| format!("รายงานปี {fy} ไม่มีหัวข้อ {th}"))
        .collect();
    if r.approved_by.as_deref().is_none_or(|s| s.trim().is_empty()) || r.approved_on.is_none() {
        f.missing.push(format!("รายงานปี {fy} ไม่ระบุผู้อนุมัติหรือวันที่อนุมัติ"));
    }
    if !f.missing.is_empty() {
        f.status = ItaStatus::Partial;
        f.fixes.push(Fix {
            text_th: "เพิ่มหัวข้อหรือผู้อนุมัติที่ขาดในไฟล์".to_owned(),
            snippet: r.path.clone(),
        });
    }
    // annual.md exists, so the build writes the annual summary (ITA O12's form) too.
    f.urls = vec![data_url(
        format!("รายงานผลการจัดซื้อจัดจ้างประจำปี {fy}"),
        absolute(base, &urls::annual(fy)),
    )];
    if let Some(year) = ctx.data.years.get(&fy) {
        for file in output(Kind::AnnualSummary).files(year, ctx.opts.as_of) {
            f.urls.push(data_url(
                format!(
                    "แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ {fy} ({})",
                    file.format.label()
                ),
                absolute(base, &file.url),
            ));
        }
    }
    f
}

#[cfg(test)]
mod declares_tests {
    use super::declares;

    #[test]
    fn year_qualified_codes_apply_to_their_year_only() {
        assert!(declares("O1", 2568, "O1"));
        assert!(declares(" o1 ", 2569, "O1"));
        assert!(declares("2568:O26", 2568, "O26"));
        assert!(!declares("2568:O26", 2569, "O26"));
        assert!(!declares("O2", 2568, "O1"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::{load_criteria, select_criteria};
    use crate::rules::testkit::{Fixture, date};
    use crate::{CheckOptions, ExternalEvidence, PageRef};

    fn evaluate_2569(data: &Data, pages: &[PageRef], opts: &CheckOptions) -> ItaEvaluation {
        let (all, _) = load_criteria(None);
        let (criteria, _) = select_criteria(&all, None);
        let ctx = Ctx {
            data,
            pages,
            opts,
            criteria: &criteria,
        };
        let c = criteria
            .iter()
            .find(|c| c.assessment_year == 2569)
            .expect("2569");
        evaluate(&ctx, c, &ctx.gaps())
    }

    fn item<'a>(e: &'a ItaEvaluation, code: &str) -> &'a ItaItemResult {
        e.items.iter().find(|i| i.code == code).expect("item")
    }

    #[test]
    fn a_missing_month_is_listed_with_its_due_date_and_the_command_to_add_it() {
        let data = Fixture::new()
            .full_year(2568)
            .full_year(2569)
            .without_month("2569-05")
            .data;
        let mut opts = CheckOptions::new(date(2569, 11, 1));
        opts.base_url = "https://x.go.th/".into();
        let e = evaluate_2569(&data, &[], &opts);
        let o11 = item(&e, "O11");
        assert_eq!(o11.status, ItaStatus::Partial);
        assert_eq!(o11.status_th, "ยังไม่ครบ");
        assert_eq!(o11.missing.len(), 1, "{:?}", o11.missing);
        assert!(
            o11.missing[0].starts_with("แบบ สขร.1 เดือนพฤษภาคม 2569: เลยกำหนดเผยแพร่"),
            "{}",
            o11.missing[0]
        );
        assert!(
            o11.missing[0].contains("ครบกำหนด 15 มิ.ย. 2569"),
            "{}",
            o11.missing[0]
        );
        assert_eq!(o11.fixes[0].snippet, "prongsai new month 2569-05");
        assert!(
            o11.urls
                .iter()
                .all(|u| u.url.starts_with("https://x.go.th/") && u.kind == LinkKind::Data)
        );
        // Eleven months, each as a page, a PDF and an XLSX, and the four quarter files (PDF, XLSX)
        // the build writes once a quarter's first month has ended.
        assert_eq!(o11.urls.len(), 11 * 3 + 4 * 2);
        let text = e.incomplete_text();
        assert!(text.contains("O11 ยังไม่ครบ"), "{text}");
        assert!(text.contains("prongsai new month 2569-05"), "{text}");
        assert!(!text.contains("\nO12 "), "O12 is complete: {text}");
    }

    #[test]
    fn declared_evidence_pages_and_site_yaml_addresses() {
        let data = Fixture::new().full_year(2568).full_year(2569).data;
        let mut opts = CheckOptions::new(date(2569, 11, 1));
        opts.base_url = "https://x.go.th".into();
        opts.ita_evidence = vec![ExternalEvidence {
            item: "2569:O10".into(),
            title: "E-Service".into(),
            url: "https://x.go.th/eservice/".into(),
            line: Some(3),
            item_line: Some(1),
        }];
        let pages = [PageRef {
            url_path: "/contact/".into(),
            title: "ติดต่อ".into(),
            ita: vec!["2569:O3".into(), "2568:O17".into()],
            ..PageRef::default()
        }];
        let e = evaluate_2569(&data, &pages, &opts);
        let o10 = item(&e, "O10");
        assert_eq!(o10.status, ItaStatus::Met);
        assert_eq!(o10.urls[0].kind, LinkKind::External);
        assert_eq!(item(&e, "O3").urls[0].url, "https://x.go.th/contact/");
        assert_eq!(item(&e, "O3").urls[0].kind, LinkKind::Page);
        // A 2568 tag does not answer the 2569 item of that code.
        let o17 = item(&e, "O17");
        assert_eq!(o17.status, ItaStatus::Missing);
        assert_eq!(o17.status_th, "ไม่มีข้อมูล");
        // An external item suggests the site.yaml entry first.
        assert!(
            o17.fixes[0].snippet.contains("item: \"2569:O17\""),
            "{:?}",
            o17.fixes
        );
        let o1 = item(&e, "O1");
        assert_eq!(o1.fixes[0].snippet, "ita: [\"2569:O1\"]");

        let rows = e.rows();
        let o10_rows: Vec<_> = rows.iter().filter(|r| r.code == "O10").collect();
        assert_eq!(o10_rows.len(), 1);
        assert_eq!(o10_rows[0].link_kind, "external");
        assert_eq!(o10_rows[0].cells()[8], "met");
        // An item without links still has its row, with what to add.
        let o1_rows: Vec<_> = rows.iter().filter(|r| r.code == "O1").collect();
        assert_eq!(o1_rows.len(), 1);
        assert!(o1_rows[0].url.is_empty() && !o1_rows[0].missing.is_empty());
        // The public files say what is missing, never how to edit the site.
        let all: String = rows.iter().flat_map(|r| r.cells()).collect();
        for staff in ["front matter", "site.yaml", "prongsai ", "ita: ["] {
            assert!(!all.contains(staff), "{staff} in the public evidence index");
        }
        assert_eq!(
            rows.len(),
            e.items.iter().map(|i| i.urls.len().max(1)).sum::<usize>()
        );
    }

    #[test]
    fn a_year_before_the_sites_data_cannot_be_judged_unless_declared() {
        let data = Fixture::new().full_year(2569).data;
        let opts = CheckOptions::new(date(2569, 11, 1));
        let e = evaluate_2569(&data, &[], &opts);
        let o12 = item(&e, "O12");
        // O12 looks at FY 2568, before the data starts.
        assert_eq!(o12.status, ItaStatus::Unknown, "{:?}", o12.missing);
        assert_eq!(o12.status_th, "ตรวจจากข้อมูลไม่ได้");
        assert!(o12.missing[0].contains("2568"));
    }
}
