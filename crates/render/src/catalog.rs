//! The open-data catalogue: every file the build writes under `data/`, grouped into datasets,
//! shown on `/data/` and published as `data/catalog.json` (CKAN thai_gdc field names, what GD
//! Catalog and data.go.th harvest) and `data/catalog.jsonld` (W3C DCAT).
//!
//! The catalogue is made from the files actually written (their paths and sizes, recorded as
//! they pass to the writer), never from a list of what ought to exist: a dataset the build did
//! not write cannot be advertised. What each file is comes from the registry of outputs
//! ([`prongsai_views::outputs`]); a [`KINDS`] entry says how the catalogue describes its outputs. Dates come from the data (the months a file covers, the plan's publication date),
//! never from the clock, so the catalogue is as deterministic as the rest of the output.

use crate::RenderInput;
use crate::feeds::encode_path;
use prongsai_content::Licence;
use prongsai_model::{Data, Date, FiscalYear, YearMonth, fiscal_year_months};
use prongsai_views::outputs::{self, Format, Period};
use prongsai_views::{Fmt, urls};
use prongsai_write::{OutputFile, Sink};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// Passes every file on to `inner`, noting the path and size of each one under `data/`.
pub(crate) struct Recorder<'a> {
    inner: &'a dyn Sink,
    files: Mutex<Vec<(String, u64)>>,
}

impl<'a> Recorder<'a> {
    pub fn new(inner: &'a dyn Sink) -> Recorder<'a> {
        Recorder {
            inner,
            files: Mutex::new(Vec::new()),
        }
    }

    /// The recorded `data/…` files, by path.
    pub fn into_files(self) -> Vec<(String, u64)> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort();
        files
    }
}

impl Sink for Recorder<'_> {
    fn put(&self, file: OutputFile) {
        if file.path.starts_with("data/") {
            let entry = (file.path.clone(), file.bytes.len() as u64);
            self.files
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(entry);
        }
        self.inner.put(file);
    }
}

/// Where a dataset's dates come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dated {
    /// The month files of the period: a file is as new as the newest month it covers.
    Months,
    /// The plan's `plan.yaml` (published_on, else approved_on).
    Plan,
}

/// One kind of download: which files are its, and how the catalogue describes it.
pub(crate) struct Kind {
    /// Stable: part of the catalogue's dataset ids.
    pub id: &'static str,
    pub title: &'static str,
    /// What the data is and what law or ITA item it answers.
    pub notes: &'static str,
    /// thai_gdc `update_frequency_unit`.
    frequency: &'static str,
    /// Its DCAT `accrualPeriodicity` (Dublin Core frequency vocabulary).
    dcat_frequency: &'static str,
    tags: &'static [&'static str],
    dated: Dated,
    /// The registry's outputs this dataset lists.
    outputs: &'static [outputs::Kind],
}

/// Every kind of download, in the order `/data/` lists them. A new output is one entry here.
pub(crate) const KINDS: &[Kind] = &[
    Kind {
        id: "procurements",
        title: "ผลการจัดซื้อจัดจ้างทั้งปีงบประมาณ",
        notes: "ทุกรายการจัดซื้อจัดจ้างของปีงบประมาณ ตามแบบ สขร.1 (ชื่อโครงการ วงเงินงบประมาณ วิธีจัดซื้อจัดจ้าง ผู้เสนอราคา ผู้ได้รับการคัดเลือก ราคาที่ตกลง เหตุผล เลขที่และวันที่สัญญา) ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 มาตรา 66 และประกาศคณะกรรมการข้อมูลข่าวสารของราชการ ไฟล์ CSV เปิดใน Excel ได้ ไฟล์ JSON สำหรับโปรแกรม",
        frequency: "เดือน",
        dcat_frequency: "http://purl.org/cld/freq/monthly",
        tags: &["จัดซื้อจัดจ้าง", "สขร.1", "ITA", "งบประมาณ"],
        dated: Dated::Months,
        outputs: &[outputs::Kind::Procurements],
    },
    Kind {
        id: "plan",
        title: "แผนการจัดซื้อจัดจ้างประจำปี",
        notes: "แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ (ชื่อโครงการ หน่วยงานเจ้าของงบ วงเงิน แหล่งเงิน วิธีจัดซื้อจัดจ้าง และเดือนที่คาดว่าจะจัดซื้อจัดจ้าง) ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 มาตรา 11",
        frequency: "ปี",
        dcat_frequency: "http://purl.org/cld/freq/annual",
        tags: &["จัดซื้อจัดจ้าง", "แผนการจัดซื้อจัดจ้าง", "ITA"],
        dated: Dated::Plan,
        outputs: &[outputs::Kind::PlanData, outputs::Kind::PlanDocument],
    },
    Kind {
        id: "months",
        title: "สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)",
        notes: "สรุปผลการดำเนินการจัดซื้อจัดจ้างของแต่ละเดือน: PDF ตามแบบ สขร.1 สำหรับพิมพ์และเผยแพร่ และ XLSX ตามรูปแบบที่การประเมินคุณธรรมและความโปร่งใส (ITA) กำหนด",
        frequency: "เดือน",
        dcat_frequency: "http://purl.org/cld/freq/monthly",
        tags: &["จัดซื้อจัดจ้าง", "สขร.1", "ITA", "รายเดือน"],
        dated: Dated::Months,
        outputs: &[outputs::Kind::Month],
    },
    Kind {
        id: "quarters",
        title: "สรุปผลการจัดซื้อจัดจ้างรายไตรมาส",
        notes: "สรุปผลการจัดซื้อจัดจ้างของแต่ละไตรมาสของปีงบประมาณ (PDF และ XLSX)",
        frequency: "ไตรมาส",
        dcat_frequency: "http://purl.org/cld/freq/quarterly",
        tags: &["จัดซื้อจัดจ้าง", "ITA", "รายไตรมาส"],
        dated: Dated::Months,
        outputs: &[outputs::Kind::Quarter],
    },
    Kind {
        id: "annual-summary",
        title: "สรุปผลการจัดซื้อจัดจ้างประจำปี",
        notes: "สรุปผลการจัดซื้อจัดจ้างทั้งปีงบประมาณ แยกตามวิธีจัดซื้อจัดจ้าง (PDF และ XLSX) ใช้ประกอบรายงานผลการจัดซื้อจัดจ้างประจำปี",
        frequency: "ปี",
        dcat_frequency: "http://purl.org/cld/freq/annual",
        tags: &["จัดซื้อจัดจ้าง", "ITA", "รายงานประจำปี"],
        dated: Dated::Months,
        outputs: &[outputs::Kind::AnnualSummary],
    },
    Kind {
        id: "ocds",
        title: "ข้อมูลจัดซื้อจัดจ้างตามมาตรฐาน OCDS",
        notes: "ข้อมูลการจัดซื้อจัดจ้างทั้งปีงบประมาณตามมาตรฐาน Open Contracting Data Standard (OCDS) 1.1 สำหรับนำไปเปรียบเทียบกับหน่วยงานอื่นและวิเคราะห์ด้วยเครื่องมือของ OCDS",
        frequency: "เดือน",
        dcat_frequency: "http://purl.org/cld/freq/monthly",
        tags: &["จัดซื้อจัดจ้าง", "OCDS", "open contracting"],
        dated: Dated::Months,
        outputs: &[outputs::Kind::Ocds, outputs::Kind::OcdsRecords],
    },
];

/// How the catalogue names a format for thai_gdc (its `data_format` choice) and for DCAT.
fn catalogued(format: Format) -> (&'static str, &'static str) {
    match format {
        Format::Csv => ("CSV", "text/csv"),
        Format::Json => ("JSON", "application/json"),
        Format::Xlsx => (
            "XLS",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        Format::Pdf => ("PDF", "application/pdf"),
    }
}

/// One file of a dataset.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct File {
    pub url: String,
    pub format: &'static str,
    #[serde(skip)]
    gdc_format: &'static str,
    pub media_type: &'static str,
    pub size: u64,
    /// `12.3 KB`, for people.
    pub size_th: String,
}

/// The files of one dataset that cover the same period (a month's PDF and XLSX).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Row {
    pub fy: i32,
    /// `ปีงบประมาณ พ.ศ. 2569`, `ตุลาคม 2568`, `ไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2569`.
    pub label: String,
    /// The page that shows the same data, when there is one.
    pub page: Option<String>,
    pub updated: Date,
    pub updated_th: String,
    pub files: Vec<File>,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct Dataset {
    pub id: &'static str,
    pub title: &'static str,
    pub notes: &'static str,
    pub frequency: &'static str,
    #[serde(skip)]
    dcat_frequency: &'static str,
    #[serde(skip)]
    tags: &'static [&'static str],
    pub formats: Vec<&'static str>,
    pub created: Date,
    pub updated: Date,
    pub updated_th: String,
    /// Newest fiscal year first, then the periods in order.
    pub rows: Vec<Row>,
}

/// Every dataset the build wrote, from the files recorded under `data/`. A file no [`KINDS`]
/// entry claims is left out of the catalogue (a test keeps the sample free of such files).
pub(crate) fn datasets(
    data: &Data,
    files: &[(String, u64)],
    as_of: Date,
    fmt: Fmt,
) -> Vec<Dataset> {
    // (kind, fy, period) → files
    let mut grouped: BTreeMap<(usize, std::cmp::Reverse<i32>, Period), Vec<File>> = BTreeMap::new();
    // What the registry says each written file is, rather than reading its path back.
    let known: HashMap<String, outputs::File> = data
        .years
        .values()
        .flat_map(|fy| outputs::files(fy, as_of))
        .map(|f| (f.path().to_owned(), f))
        .collect();
    for (path, size) in files {
        let Some(file) = known.get(path) else {
            continue;
        };
        let Some(k) = KINDS.iter().position(|k| k.outputs.contains(&file.kind)) else {
            continue;
        };
        let (fy, period, format) = (file.fy, file.period, file.format);
        let (gdc_format, media_type) = catalogued(format);
        grouped
            .entry((k, std::cmp::Reverse(fy), period))
            .or_default()
            .push(File {
                url: format!("/{path}"),
                format: format.label(),
                gdc_format,
                media_type,
                size: *size,
                size_th: size_th(*size, fmt),
            });
    }
    let mut out: Vec<Dataset> = Vec::new();
    for ((k, std::cmp::Reverse(fy), period), files) in grouped {
        let kind = &KINDS[k];
        let Some(year) = data.years.get(&fy) else {
            continue;
        };
        let updated = updated(kind.dated, year, period, as_of);
        let row = Row {
            fy,
            label: period_label(fy, period, fmt),
            page: page_of(kind, fy, period),
            updated,
            updated_th: fmt.date(updated),
            files,
        };
        match out.last_mut() {
            Some(d) if d.id == kind.id => {
                d.created = d.created.min(updated);
                if updated > d.updated {
                    d.updated = updated;
                    d.updated_th = fmt.date(updated);
                }
                d.rows.push(row);
            }
            _ => out.push(Dataset {
                id: kind.id,
                title: kind.title,
                notes: kind.notes,
                frequency: kind.frequency,
                dcat_frequency: kind.dcat_frequency,
                tags: kind.tags,
                formats: Vec::new(),
                created: updated,
                updated,
                updated_th: fmt.date(updated),
                rows: vec![row],
            }),
        }
    }
    for d in &mut out {
        let mut formats: Vec<&'static str> = d
            .rows
            .iter()
            .flat_map(|r| r.files.iter().map(|f| f.format))
            .collect();
        formats.sort_by_key(|f| Format::ALL.iter().position(|x| x.label() == *f));
        formats.dedup();
        d.formats = formats;
    }
    out
}

/// What each listed file is, as a folder's index page names it: `แผนการจัดซื้อจัดจ้างประจำปี —
/// ปีงบประมาณ พ.ศ. 2569 (PDF)`, by site path.
pub(crate) fn descriptions(datasets: &[Dataset]) -> BTreeMap<String, String> {
    datasets
        .iter()
        .flat_map(|d| {
            d.rows.iter().flat_map(move |r| {
                r.files.iter().map(move |f| {
                    (
                        f.url.clone(),
                        format!("{} — {} ({})", d.title, r.label, f.format),
                    )
                })
            })
        })
        .collect()
}

/// The months a period of fiscal year `fy` spans.
fn months_of(fy: i32, period: Period) -> Vec<YearMonth> {
    let all = fiscal_year_months(fy);
    match period {
        Period::Year => all.to_vec(),
        Period::Quarter(q) => {
            let start = usize::from(q.saturating_sub(1)) * 3;
            all.get(start..start + 3)
                .map(<[_]>::to_vec)
                .unwrap_or_default()
        }
        Period::Month(ym) => vec![ym],
    }
}

pub(crate) use prongsai_views::dates::{month_updated, plan_updated};

/// How new a file's data is ([`prongsai_views::dates`] decides for pages and files alike).
fn updated(dated: Dated, year: &FiscalYear, period: Period, as_of: Date) -> Date {
    match dated {
        Dated::Plan => plan_updated(year, as_of),
        Dated::Months => {
            prongsai_views::dates::months_updated(year, months_of(year.year, period), as_of)
                .unwrap_or_else(|| plan_updated(year, as_of))
        }
    }
}

fn period_label(fy: i32, period: Period, fmt: Fmt) -> String {
    match period {
        Period::Year => format!("ปีงบประมาณ พ.ศ. {}", fmt.year(fy)),
        Period::Quarter(q) => format!(
            "ไตรมาสที่ {} ปีงบประมาณ พ.ศ. {}",
            fmt.digits(q.to_string()),
            fmt.year(fy)
        ),
        Period::Month(ym) => fmt.month(ym),
    }
}

/// The page that shows the same data as the files, so the catalogue links both.
fn page_of(kind: &Kind, fy: i32, period: Period) -> Option<String> {
    match (kind.id, period) {
        ("plan", _) => Some(urls::plan(fy)),
        (_, Period::Month(ym)) => Some(urls::month(ym)),
        ("annual-summary", _) => Some(urls::annual(fy)),
        _ => Some(urls::year(fy)),
    }
}

/// A file size as people read it: `850 ไบต์`, `12.3 KB`, `4.1 MB` (1 KB = 1,024 bytes).
pub(crate) fn size_th(bytes: u64, fmt: Fmt) -> String {
    const KB: u64 = 1024;
    let s = if bytes < KB {
        format!("{bytes} ไบต์")
    } else if bytes < KB * KB {
        format!("{:.1} KB", bytes as f64 / KB as f64)
    } else {
        format!("{:.1} MB", bytes as f64 / (KB * KB) as f64)
    };
    fmt.digits(s)
}

/// Who publishes the catalogue and under which licence.
pub(crate) struct Publisher<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub base_url: &'a str,
    pub licence: Option<&'a Licence>,
}

impl<'a> Publisher<'a> {
    pub fn of(input: &'a RenderInput<'_>) -> Publisher<'a> {
        let agency = input.data.agency.as_ref();
        Publisher {
            name: agency.map_or(input.title, |a| a.name.as_str()),
            email: agency.and_then(|a| a.email.as_deref()).unwrap_or(""),
            base_url: input.base_url,
            licence: input.site.config.data_license,
        }
    }

    fn abs(&self, path: &str) -> String {
        format!("{}{}", self.base_url, encode_path(path))
    }

    /// A dataset's name on CKAN: lower-case letters, digits and `-`, unique across agencies
    /// harvested into one catalogue, so it starts with the site's host name.
    fn dataset_name(&self, id: &str) -> String {
        let host = self
            .base_url
            .split("://")
            .nth(1)
            .unwrap_or("")
            .trim_start_matches("www.")
            .split('/')
            .next()
            .unwrap_or("");
        let prefix: String = host
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        if prefix.is_empty() {
            format!("procurement-{id}")
        } else {
            format!("{prefix}-procurement-{id}")
        }
    }
}

/// The thai_gdc dataset fields `data/catalog.json` gives every dataset (tests/site.rs holds the
/// output to the same list, written out independently).
pub const GDC_FIELDS: &[&str] = &[
    "name",
    "title",
    "notes",
    "data_type",
    "objective",
    "update_frequency_unit",
    "update_frequency_interval",
    "geo_coverage",
    "data_source",
    "data_format",
    "data_category",
    "license_id",
    "accessible_condition",
    "maintainer",
    "maintainer_email",
    "tags",
    "data_language",
    "url",
    "created_date",
    "last_updated_date",
    "resources",
];

/// `data/catalog.json`: the datasets in CKAN thai_gdc field names, ready for GD Catalog.
pub(crate) fn gdc_json(datasets: &[Dataset], p: &Publisher<'_>) -> Vec<u8> {
    let list: Vec<Value> = datasets
        .iter()
        .map(|d| {
            let resources: Vec<Value> = d
                .rows
                .iter()
                .flat_map(|r| {
                    r.files.iter().map(move |f| {
                        json!({
                            "name": format!("{} {} ({})", d.title, r.label, f.format),
                            "description": format!("{} {}", d.title, r.label),
                            "url": p.abs(&f.url),
                            "format": f.format,
                            "mimetype": f.media_type,
                            "size": f.size,
                            "last_modified": r.updated.iso(),
                        })
                    })
                })
                .collect();
            let mut gdc_formats: Vec<&str> = d
                .rows
                .iter()
                .flat_map(|r| r.files.iter().map(|f| f.gdc_format))
                .collect();
            gdc_formats.sort_by_key(|f| Format::ALL.iter().position(|x| catalogued(*x).0 == *f));
            gdc_formats.dedup();
            let tags: Vec<Value> = d.tags.iter().map(|t| json!({ "name": t })).collect();
            let values = [
                json!(p.dataset_name(d.id)),
                json!(d.title),
                json!(d.notes),
                json!("ข้อมูลระเบียน"),
                json!(["กฎหมายที่เกี่ยวข้อง", "พันธกิจหน่วยงาน"]),
                json!(d.frequency),
                json!("1"),
                json!("เทศบาล/อบต."),
                json!(p.name),
                json!(gdc_formats),
                json!("ข้อมูลสาธารณะ"),
                json!(p.licence.map_or("notspecified", |l| l.gdc_id)),
                json!(if p.licence.is_some() {
                    "ไม่มีเงื่อนไข เปิดให้ดาวน์โหลดได้โดยไม่ต้องลงทะเบียน"
                } else {
                    "หน่วยงานยังไม่ได้ระบุสัญญาอนุญาต โปรดสอบถามหน่วยงานก่อนนำไปเผยแพร่ต่อ"
                }),
                json!(p.name),
                json!(p.email),
                json!(tags),
                json!(["ไทย"]),
                json!(p.abs(&format!("{}#{}", urls::data_index(), d.id))),
                json!(d.created.iso()),
                json!(d.updated.iso()),
                json!(resources),
            ];
            let object: serde_json::Map<String, Value> = GDC_FIELDS
                .iter()
                .map(|f| (*f).to_owned())
                .zip(values)
                .collect();
            Value::Object(object)
        })
        .collect();
    let catalog = json!({
        "publisher": p.name,
        "homepage": p.abs(&urls::data_index()),
        "license_id": p.licence.map_or("notspecified", |l| l.gdc_id),
        "license_url": p.licence.map(|l| l.url),
        "datasets": list,
    });
    pretty(&catalog)
}

/// `data/catalog.jsonld`: the same catalogue as a W3C DCAT `dcat:Catalog`.
pub(crate) fn dcat_jsonld(datasets: &[Dataset], p: &Publisher<'_>) -> Vec<u8> {
    let date = |d: Date| json!({ "@value": d.iso(), "@type": "xsd:date" });
    let th = |s: &str| json!({ "@value": s, "@language": "th" });
    let licence = p.licence.map(|l| json!({ "@id": l.url }));
    let publisher = json!({ "@type": "foaf:Organization", "foaf:name": th(p.name) });
    let list: Vec<Value> = datasets
        .iter()
        .map(|d| {
            let distributions: Vec<Value> = d
                .rows
                .iter()
                .flat_map(|r| {
                    let licence = licence.clone();
                    r.files.iter().map(move |f| {
                        let mut dist = json!({
                            "@id": p.abs(&f.url),
                            "@type": "dcat:Distribution",
                            "dct:title": th(&format!("{} {} ({})", d.title, r.label, f.format)),
                            "dcat:downloadURL": { "@id": p.abs(&f.url) },
                            "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{}", f.media_type) },
                            "dct:format": f.format,
                            "dcat:byteSize": { "@value": f.size.to_string(), "@type": "xsd:nonNegativeInteger" },
                            "dct:modified": date(r.updated),
                        });
                        if let (Some(o), Some(l)) = (dist.as_object_mut(), licence.clone()) {
                            o.insert("dct:license".into(), l);
                        }
                        dist
                    })
                })
                .collect();
            let mut contact = json!({ "@type": "vcard:Organization", "vcard:fn": p.name });
            if !p.email.is_empty()
                && let Some(o) = contact.as_object_mut()
            {
                o.insert("vcard:hasEmail".into(), json!({ "@id": format!("mailto:{}", p.email) }));
            }
            let mut ds = json!({
                "@id": p.abs(&format!("{}#{}", urls::data_index(), d.id)),
                "@type": "dcat:Dataset",
                "dct:identifier": p.dataset_name(d.id),
                "dct:title": th(d.title),
                "dct:description": th(d.notes),
                "dct:issued": date(d.created),
                "dct:modified": date(d.updated),
                "dct:accrualPeriodicity": { "@id": d.dcat_frequency },
                "dct:language": { "@id": "http://id.loc.gov/vocabulary/iso639-1/th" },
                "dct:publisher": publisher.clone(),
                "dcat:keyword": d.tags.iter().map(|t| th(t)).collect::<Vec<_>>(),
                "dcat:contactPoint": contact,
                "dcat:landingPage": { "@id": p.abs(&format!("{}#{}", urls::data_index(), d.id)) },
                "dcat:distribution": distributions,
            });
            if let (Some(o), Some(l)) = (ds.as_object_mut(), licence.clone()) {
                o.insert("dct:license".into(), l);
            }
            ds
        })
        .collect();
    let mut catalog = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": p.abs(&urls::catalog_jsonld()),
        "@type": "dcat:Catalog",
        "dct:title": th(&format!("ข้อมูลเปิดการจัดซื้อจัดจ้าง {}", p.name)),
        "dct:publisher": publisher,
        "foaf:homepage": { "@id": p.abs(&urls::data_index()) },
        "dcat:dataset": list,
    });
    if let (Some(o), Some(l)) = (catalog.as_object_mut(), licence) {
        o.insert("dct:license".into(), l);
    }
    pretty(&catalog)
}

/// Indented: people open these files to see what the agency publishes.
fn pretty(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).unwrap_or_default();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registered_output_is_in_one_dataset() {
        for o in outputs::OUTPUTS {
            let n = KINDS.iter().filter(|k| k.outputs.contains(&o.kind)).count();
            assert_eq!(n, 1, "{:?}", o.kind);
        }
    }

    #[test]
    fn sizes_read_as_people_expect() {
        let f = Fmt::default();
        assert_eq!(size_th(850, f), "850 ไบต์");
        assert_eq!(size_th(12_600, f), "12.3 KB");
        assert_eq!(size_th(4_300_000, f), "4.1 MB");
    }
}
