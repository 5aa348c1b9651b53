//! The ITA evidence index: for each criterion of an assessment year, whether the data meets it and
//! the absolute URLs the agency copies into the NACC's ITAS system.

use crate::RuleInfo;
use crate::criteria::{Confidence, Coverage, Criteria, CriteriaItem, Evidence, EvidenceKind};
use crate::rules::Ctx;
use crate::rules::annual_report_sections::missing_sections;
use prongsai_model::{Data, Date, Diagnostic, Severity, YearMonth, fiscal_year_months};
use prongsai_views::urls;
use serde::Serialize;

pub const INFO: RuleInfo = RuleInfo {
    code: "C003",
    severity: Severity::Error,
    title_th: "ไม่มีเกณฑ์ ITA ของปีที่ขอ",
    title_en: "No ITA criteria for the requested year",
    source: "prongsai criteria files (crates/check/criteria/ita-<year>.yaml)",
    doc: "--ita <year> asks for an assessment year that neither the embedded criteria nor criteria/ in the site \
root cover. Add criteria/ita-<year>.yaml (copy the newest embedded file and edit it) or choose a covered year.",
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItaStatus {
    Met,
    Partial,
    NotMet,
    /// prongsai cannot judge from data (e.g. a manual) and no page declares the item.
    Unknown,
}

impl ItaStatus {
    pub fn thai(self) -> &'static str {
        match self {
            ItaStatus::Met => "ผ่าน",
            ItaStatus::Partial => "ยังไม่ครบ",
            ItaStatus::NotMet => "ไม่ผ่าน",
            ItaStatus::Unknown => "ตรวจจากข้อมูลไม่ได้",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceUrl {
    /// What the link is, in Thai: `เดือน ต.ค. 2567 (XLSX)`.
    pub label_th: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItaItemResult {
    pub code: String,
    pub title_th: String,
    pub status: ItaStatus,
    pub status_th: &'static str,
    pub urls: Vec<EvidenceUrl>,
    /// What is missing or not yet due, in Thai.
    pub missing: Vec<String>,
    pub confidence: Confidence,
    pub confidence_th: &'static str,
    pub source: String,
    pub notes_th: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriteriaUsed {
    pub name: String,
    pub version: String,
    pub source: String,
    /// `embedded:ita-2569.yaml` or `criteria/ita-2569.yaml` (the site's override).
    pub file: String,
    pub notes_th: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ItaSummary {
    pub met: usize,
    pub partial: usize,
    pub not_met: usize,
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
    chosen.into_iter().map(|c| evaluate(ctx, c)).collect()
}

pub fn evaluate(ctx: &Ctx<'_>, c: &Criteria) -> ItaEvaluation {
    let items: Vec<ItaItemResult> = c
        .items
        .iter()
        .map(|item| evaluate_item(ctx, c.assessment_year, item))
        .collect();
    let mut summary = ItaSummary::default();
    for i in &items {
        match i.status {
            ItaStatus::Met => summary.met += 1,
            ItaStatus::Partial => summary.partial += 1,
            ItaStatus::NotMet => summary.not_met += 1,
            ItaStatus::Unknown => summary.unknown += 1,
        }
    }
    ItaEvaluation {
        assessment_year: c.assessment_year,
        criteria: CriteriaUsed {
            name: c.name.clone(),
            version: c.version.clone(),
            source: c.source.clone(),
            file: c.file.clone(),
            notes_th: c.notes_th.clone(),
        },
        as_of: ctx.opts.as_of,
        as_of_th: ctx.opts.as_of.thai_short(),
        summary,
        items,
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
}

/// Does a front-matter code (`O1` or `2568:O1`) name this item of this assessment year?
fn declares(code: &str, year: i32, item_code: &str) -> bool {
    match code.trim().split_once(':') {
        Some((y, c)) => {
            y.trim().parse::<i32>().is_ok_and(|y| y == year)
                && c.trim().eq_ignore_ascii_case(item_code)
        }
        None => code.trim().eq_ignore_ascii_case(item_code),
    }
}

fn evaluate_item(ctx: &Ctx<'_>, year: i32, item: &CriteriaItem) -> ItaItemResult {
    let base = ctx.opts.base_url.as_str();
    // Pages that declare the item in front matter are evidence too: `ita: [O1]` for every
    // assessment year, `ita: ["2568:O1"]` for one year only, since codes are renumbered yearly.
    let page_urls: Vec<EvidenceUrl> = ctx
        .pages
        .iter()
        .filter(|p| p.ita.iter().any(|code| declares(code, year, &item.code)))
        .map(|p| EvidenceUrl {
            label_th: p.title.clone(),
            url: absolute(base, &p.url_path),
        })
        .collect();
    let found = if item.evidence.is_empty() {
        if page_urls.is_empty() {
            Found {
                status: ItaStatus::Unknown,
                urls: Vec::new(),
                missing: vec![format!(
                    "โปรแกรมตัดสินข้อนี้จากข้อมูลการจัดซื้อจัดจ้างไม่ได้: เผยแพร่เอกสารเป็นหน้าเว็บ แล้วใส่ ita: [{}] ใน front matter ของหน้านั้น",
                    item.code
                )],
            }
        } else {
            Found {
                status: ItaStatus::Met,
                urls: Vec::new(),
                missing: Vec::new(),
            }
        }
    } else {
        let parts: Vec<Found> = item
            .evidence
            .iter()
            .map(|e| evaluate_evidence(ctx, year, e))
            .collect();
        let status = if parts.iter().all(|p| p.status == ItaStatus::Met) {
            ItaStatus::Met
        } else if parts.iter().all(|p| p.status == ItaStatus::NotMet) {
            ItaStatus::NotMet
        } else {
            ItaStatus::Partial
        };
        Found {
            status,
            urls: parts.iter().flat_map(|p| p.urls.iter().cloned()).collect(),
            missing: parts.into_iter().flat_map(|p| p.missing).collect(),
        }
    };
    let mut urls = found.urls;
    urls.extend(page_urls);
    ItaItemResult {
        code: item.code.clone(),
        title_th: item.title_th.clone(),
        status: found.status,
        status_th: found.status.thai(),
        urls,
        missing: found.missing,
        confidence: item.confidence,
        confidence_th: item.confidence.thai(),
        source: item.source.clone(),
        notes_th: item.notes_th.clone(),
    }
}

fn evaluate_evidence(ctx: &Ctx<'_>, year: i32, e: &Evidence) -> Found {
    let fy = e.fiscal_year.fiscal_year(year);
    match e.kind {
        EvidenceKind::Months => months(ctx, fy, e),
        EvidenceKind::Plan => plan(ctx, fy),
        EvidenceKind::AnnualReport => annual(ctx, fy),
    }
}

fn ended(m: YearMonth, as_of: Date) -> bool {
    m.last_day().is_some_and(|d| d < as_of)
}

fn months(ctx: &Ctx<'_>, fy: i32, e: &Evidence) -> Found {
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
    let mut urls = Vec::new();
    let mut missing = Vec::new();
    let mut present = 0usize;
    for m in required.iter().chain(&pending) {
        let exists = year.is_some_and(|y| y.months.contains_key(m));
        if exists {
            present += 1;
            urls.push(EvidenceUrl {
                label_th: format!("เดือน{} (หน้าเว็บ)", m.thai_short()),
                url: absolute(base, &format!("/procurement/{fy}/months/{}/", m.key())),
            });
            for f in &e.formats {
                urls.push(EvidenceUrl {
                    label_th: format!("เดือน{} ({})", m.thai_short(), f.to_uppercase()),
                    url: absolute(
                        base,
                        &format!("/data/{fy}/months/{}.{}", m.key(), f.to_lowercase()),
                    ),
                });
            }
        } else if required.contains(m) {
            missing.push(format!(
                "ไม่มีไฟล์เดือน{} (procurement-data/{fy}/months/{}.csv)",
                m.thai_short(),
                m.key()
            ));
        }
    }
    // ITA O11 asks for quarter files: each quarter document the build writes is evidence.
    if e.coverage == Coverage::Quarterly
        && let Some(year) = year
    {
        for q in prongsai_model::quarters_shown(year, as_of) {
            for (url, f) in [
                (urls::quarter_pdf(fy, q), "PDF"),
                (urls::quarter_xlsx(fy, q), "XLSX"),
            ] {
                urls.push(EvidenceUrl {
                    label_th: format!("แบบ สขร.1 ไตรมาสที่ {q} ปี {fy} ({f})"),
                    url: absolute(base, &url),
                });
            }
        }
    }
    let not_due: Vec<String> = pending
        .iter()
        .filter(|m| !year.is_some_and(|y| y.months.contains_key(m)))
        .map(|m| m.thai_short())
        .collect();
    let status = if !missing.is_empty() {
        if present == 0 {
            ItaStatus::NotMet
        } else {
            ItaStatus::Partial
        }
    } else if !not_due.is_empty() || required.is_empty() {
        ItaStatus::Partial
    } else {
        ItaStatus::Met
    };
    if !not_due.is_empty() {
        missing.push(format!(
            "ยังไม่ถึงกำหนด ({}): {}",
            e.coverage.thai(),
            not_due.join(", ")
        ));
    }
    Found {
        status,
        urls,
        missing,
    }
}

fn plan(ctx: &Ctx<'_>, fy: i32) -> Found {
    let base = ctx.opts.base_url.as_str();
    match ctx.data.years.get(&fy).and_then(|y| y.plan.as_ref()) {
        Some(_) => Found {
            status: ItaStatus::Met,
            urls: vec![
                EvidenceUrl {
                    label_th: format!("แผนการจัดซื้อจัดจ้าง ปี {fy} (หน้าเว็บ)"),
                    url: absolute(base, &format!("/procurement/{fy}/plan/")),
                },
                EvidenceUrl {
                    label_th: format!("ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ปี {fy} (PDF)"),
                    url: absolute(base, &urls::plan_pdf(fy)),
                },
                EvidenceUrl {
                    label_th: format!("แผนการจัดซื้อจัดจ้าง ปี {fy} (XLSX)"),
                    url: absolute(base, &urls::plan_xlsx(fy)),
                },
                EvidenceUrl {
                    label_th: format!("แผนการจัดซื้อจัดจ้าง ปี {fy} (CSV)"),
                    url: absolute(base, &format!("/data/{fy}/plan.csv")),
                },
            ],
            missing: Vec::new(),
        },
        None => Found {
            status: ItaStatus::NotMet,
            urls: Vec::new(),
            missing: vec![format!(
                "ไม่มีแผนการจัดซื้อจัดจ้างปี {fy} (procurement-data/{fy}/plan.csv)"
            )],
        },
    }
}

fn annual(ctx: &Ctx<'_>, fy: i32) -> Found {
    let base = ctx.opts.base_url.as_str();
    let Some(r) = ctx.data.years.get(&fy).and_then(|y| y.annual.as_ref()) else {
        return Found {
            status: ItaStatus::NotMet,
            urls: Vec::new(),
            missing: vec![format!(
                "ไม่มีรายงานผลการจัดซื้อจัดจ้างประจำปี {fy} (procurement-data/{fy}/annual.md)"
            )],
        };
    };
    let mut missing: Vec<String> = missing_sections(r)
        .into_iter()
        .map(|(th, _)| format!("รายงานปี {fy} ไม่มีหัวข้อ {th}"))
        .collect();
    if r.approved_by.as_deref().is_none_or(|s| s.trim().is_empty()) || r.approved_on.is_none() {
        missing.push(format!("รายงานปี {fy} ไม่ระบุผู้อนุมัติหรือวันที่อนุมัติ"));
    }
    Found {
        status: if missing.is_empty() {
            ItaStatus::Met
        } else {
            ItaStatus::Partial
        },
        // annual.md exists, so the build writes the annual summary (ITA O12's form) too.
        urls: vec![
            EvidenceUrl {
                label_th: format!("รายงานผลการจัดซื้อจัดจ้างประจำปี {fy}"),
                url: absolute(base, &format!("/procurement/{fy}/annual/")),
            },
            EvidenceUrl {
                label_th: format!("แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ {fy} (PDF)"),
                url: absolute(base, &urls::annual_summary_pdf(fy)),
            },
            EvidenceUrl {
                label_th: format!("แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ {fy} (XLSX)"),
                url: absolute(base, &urls::annual_summary_xlsx(fy)),
            },
        ],
        missing,
    }
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
