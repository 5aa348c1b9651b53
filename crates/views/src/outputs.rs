//! Every file the build writes under `data/<FY>/`: its path, the job that produces it, its
//! formats and when it exists. The one registry of downloads.
//!
//! The render stage's download jobs write exactly [`files`]; the year pages, the `/data/`
//! catalogue, the ITA evidence links and the OCDS package URIs ask the same [`Output::link`] /
//! [`files`] question, so no page can link a download the build does not write, and a new
//! format is one more entry in an [`Output`]'s `formats` (plus its producer in the render stage).

use crate::urls;
use prongsai_model::{Data, Date, FiscalYear, YearMonth};
use serde::Serialize;

/// What part of a fiscal year a file covers. Ordered as `/data/` lists a dataset's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year,
    Quarter(u8),
    Month(YearMonth),
}

/// A download format, in the order `/data/` names a dataset's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Csv,
    Json,
    Xlsx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Csv, Format::Json, Format::Xlsx, Format::Pdf];

    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
            Format::Pdf => "pdf",
        }
    }

    /// `CSV`, `PDF`: how links and the catalogue name it for people.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Xlsx => "XLSX",
            Format::Pdf => "PDF",
        }
    }

    /// `pdf`, `XLSX` as criteria files spell it.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.ext().eq_ignore_ascii_case(s.trim()))
    }
}

/// Which download job of the render stage produces a file: the jobs run in parallel, and
/// `prongsai serve` re-runs one only when what it is made from changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Producer {
    /// The fiscal year's job: every record, the plan as data, the OCDS packages.
    Year,
    /// One month file's job (its แบบ สขร.1).
    Month,
    /// One document's job (a quarter, the annual summary, the plan announcement): a PDF is as
    /// much work as a month's, so each is its own job.
    Document,
}

/// One kind of download.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `data/<FY>/procurements.csv|json`: every record of the year.
    Procurements,
    /// `data/<FY>/months/<BE year>-<MM>.xlsx|pdf`: a month's แบบ สขร.1 / ITA list.
    Month,
    /// `data/<FY>/quarters/<FY>-Q<n>.pdf|xlsx`: a quarter's แบบ สขร.1 (ITA O11).
    Quarter,
    /// `data/<FY>/annual-summary.pdf|xlsx`: แบบสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ (ITA O12).
    AnnualSummary,
    /// `data/<FY>/plan.pdf|xlsx`: ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง (มาตรา 11).
    PlanDocument,
    /// `data/<FY>/plan.csv|json`: the plan, normalised.
    PlanData,
    /// `data/<FY>/ocds.json`: the OCDS release package.
    Ocds,
    /// `data/<FY>/ocds-records.json`: the OCDS record package beside it.
    OcdsRecords,
}

/// One entry of the registry.
pub struct Output {
    pub kind: Kind,
    pub producer: Producer,
    /// In the order a year's download list shows them.
    pub formats: &'static [Format],
    /// The path under `data/<FY>/`, without the extension.
    stem: fn(fy: i32, period: Period) -> String,
    /// When it exists: the periods of `fy` it has on `as_of` (none: not written).
    periods: fn(fy: &FiscalYear, as_of: Date) -> Vec<Period>,
}

fn year_only(yes: bool) -> Vec<Period> {
    if yes { vec![Period::Year] } else { Vec::new() }
}

/// Every download, in the order a year's download list shows them (months are shown in the
/// month grid instead).
pub const OUTPUTS: &[Output] = &[
    Output {
        kind: Kind::Procurements,
        producer: Producer::Year,
        formats: &[Format::Csv, Format::Json],
        stem: |_, _| "procurements".to_owned(),
        periods: |_, _| vec![Period::Year],
    },
    Output {
        kind: Kind::AnnualSummary,
        producer: Producer::Document,
        formats: &[Format::Pdf, Format::Xlsx],
        stem: |_, _| "annual-summary".to_owned(),
        periods: |fy, as_of| year_only(prongsai_model::annual_report_shown(fy, as_of)),
    },
    Output {
        kind: Kind::Quarter,
        producer: Producer::Document,
        formats: &[Format::Pdf, Format::Xlsx],
        stem: |fy, p| match p {
            Period::Quarter(q) => format!("quarters/{fy}-Q{q}"),
            _ => format!("quarters/{fy}"),
        },
        periods: |fy, as_of| {
            prongsai_model::quarters_shown(fy, as_of)
                .into_iter()
                .map(Period::Quarter)
                .collect()
        },
    },
    Output {
        kind: Kind::PlanDocument,
        producer: Producer::Document,
        formats: &[Format::Pdf, Format::Xlsx],
        stem: |_, _| "plan".to_owned(),
        periods: |fy, _| year_only(fy.plan.is_some()),
    },
    Output {
        kind: Kind::PlanData,
        producer: Producer::Year,
        formats: &[Format::Csv, Format::Json],
        stem: |_, _| "plan".to_owned(),
        periods: |fy, _| year_only(fy.plan.is_some()),
    },
    Output {
        kind: Kind::Ocds,
        producer: Producer::Year,
        formats: &[Format::Json],
        stem: |_, _| "ocds".to_owned(),
        // OCDS requires at least one release: an empty year has no package.
        periods: |fy, _| year_only(fy.has_ocds_releases()),
    },
    Output {
        kind: Kind::OcdsRecords,
        producer: Producer::Year,
        formats: &[Format::Json],
        stem: |_, _| "ocds-records".to_owned(),
        periods: |fy, _| year_only(fy.has_ocds_releases()),
    },
    Output {
        kind: Kind::Month,
        producer: Producer::Month,
        formats: &[Format::Pdf, Format::Xlsx],
        stem: |_, p| match p {
            Period::Month(ym) => format!("months/{}", ym.key()),
            _ => "months".to_owned(),
        },
        periods: |fy, _| fy.months.keys().copied().map(Period::Month).collect(),
    },
];

/// The registry entry of `kind`.
pub fn output(kind: Kind) -> &'static Output {
    // Every kind has its entry (a unit test walks them); the first entry is never reached.
    OUTPUTS
        .iter()
        .find(|o| o.kind == kind)
        .unwrap_or(&OUTPUTS[0])
}

/// One file the build writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub kind: Kind,
    pub fy: i32,
    pub period: Period,
    pub format: Format,
    /// Site path: `/data/2569/plan.pdf`.
    pub url: String,
}

impl File {
    /// The output file, relative to the site root: `data/2569/plan.pdf`.
    pub fn path(&self) -> &str {
        self.url.trim_start_matches('/')
    }
}

impl Output {
    /// The site path of this output's file for `period` in `format`, whether or not the build
    /// writes it: for the writer and for URIs inside a file the build is writing. Links ask
    /// [`Output::link`].
    pub fn url(&self, fy: i32, period: Period, format: Format) -> String {
        format!("/data/{fy}/{}.{}", (self.stem)(fy, period), format.ext())
    }

    /// The periods of `fy` this output has on `as_of`.
    pub fn periods(&self, fy: &FiscalYear, as_of: Date) -> Vec<Period> {
        (self.periods)(fy, as_of)
    }

    /// Does the build write this output for `period` of `fy` on `as_of`?
    pub fn exists(&self, fy: &FiscalYear, period: Period, as_of: Date) -> bool {
        self.periods(fy, as_of).contains(&period)
    }

    /// The site path of the file, only when the build writes it.
    pub fn link(
        &self,
        fy: &FiscalYear,
        period: Period,
        format: Format,
        as_of: Date,
    ) -> Option<String> {
        (self.formats.contains(&format) && self.exists(fy, period, as_of))
            .then(|| self.url(fy.year, period, format))
    }

    /// This output's files of `fy` on `as_of`: period by period, each in every format.
    pub fn files(&self, fy: &FiscalYear, as_of: Date) -> Vec<File> {
        self.periods(fy, as_of)
            .into_iter()
            .flat_map(|period| {
                self.formats.iter().map(move |&format| File {
                    kind: self.kind,
                    fy: fy.year,
                    period,
                    format,
                    url: self.url(fy.year, period, format),
                })
            })
            .collect()
    }
}

/// Every download the build writes for `fy` on `as_of`, in [`OUTPUTS`] order.
pub fn files(fy: &FiscalYear, as_of: Date) -> Vec<File> {
    OUTPUTS.iter().flat_map(|o| o.files(fy, as_of)).collect()
}

/// The site-wide index pages a template may link, each only when the build writes it: the
/// render stage writes them by the same questions ([`has_year_indexes`], [`has_suppliers`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Indexes {
    /// `/procurement/`: the years index.
    pub procurement: Option<String>,
    /// `/data/`: the downloads catalogue.
    pub data: Option<String>,
    /// `/suppliers/`.
    pub suppliers: Option<String>,
}

impl Indexes {
    pub fn of(data: &Data) -> Indexes {
        let years = has_year_indexes(data);
        Indexes {
            procurement: years.then(urls::years),
            data: years.then(urls::data_index),
            suppliers: has_suppliers(data).then(urls::suppliers),
        }
    }
}

/// Are `/procurement/` and `/data/` written? Once there is a fiscal year to list.
pub fn has_year_indexes(data: &Data) -> bool {
    !data.years.is_empty()
}

/// Is `/suppliers/` written? Once a record names the supplier it chose.
pub fn has_suppliers(data: &Data) -> bool {
    data.records()
        .any(|r| prongsai_model::winner_name(r).is_some())
}

/// `/data/<FY>/ocds.json`, the URI inside the package itself.
pub fn ocds(fy: i32) -> String {
    output(Kind::Ocds).url(fy, Period::Year, Format::Json)
}

/// `/data/<FY>/ocds-records.json`.
pub fn ocds_records(fy: i32) -> String {
    output(Kind::OcdsRecords).url(fy, Period::Year, Format::Json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_entry_and_distinct_paths() {
        let kinds = [
            Kind::Procurements,
            Kind::Month,
            Kind::Quarter,
            Kind::AnnualSummary,
            Kind::PlanDocument,
            Kind::PlanData,
            Kind::Ocds,
            Kind::OcdsRecords,
        ];
        for k in kinds {
            assert_eq!(OUTPUTS.iter().filter(|o| o.kind == k).count(), 1, "{k:?}");
            assert_eq!(output(k).kind, k);
        }
        assert_eq!(OUTPUTS.len(), kinds.len());
        let ym = YearMonth::new(2568, 10);
        let mut urls: Vec<String> = OUTPUTS
            .iter()
            .flat_map(|o| {
                [Period::Year, Period::Quarter(1), Period::Month(ym)]
                    .into_iter()
                    .flat_map(move |p| o.formats.iter().map(move |f| o.url(2569, p, *f)))
            })
            .collect();
        let all = urls.len();
        urls.sort();
        urls.dedup();
        // Year, quarter and month stems differ only for the quarter and month entries.
        assert!(urls.len() < all);
        assert_eq!(
            output(Kind::Quarter).url(2569, Period::Quarter(1), Format::Pdf),
            "/data/2569/quarters/2569-Q1.pdf"
        );
        assert_eq!(
            output(Kind::Month).url(2569, Period::Month(ym), Format::Xlsx),
            "/data/2569/months/2568-10.xlsx"
        );
        assert_eq!(ocds(2569), "/data/2569/ocds.json");
    }

    #[test]
    fn links_only_what_the_build_writes() {
        let fy = FiscalYear {
            year: 2569,
            ..FiscalYear::default()
        };
        let as_of = Date::from_ce(2025, 10, 2).unwrap();
        let plan = output(Kind::PlanDocument);
        assert_eq!(plan.link(&fy, Period::Year, Format::Pdf, as_of), None);
        let month = output(Kind::Month);
        let ym = YearMonth::new(2568, 10);
        assert_eq!(month.link(&fy, Period::Month(ym), Format::Pdf, as_of), None);
        // A year without records or a plan has no OCDS package, but always its record lists.
        let kinds: Vec<Kind> = files(&fy, as_of).iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [Kind::Procurements, Kind::Procurements]);
        assert_eq!(
            output(Kind::Procurements).link(&fy, Period::Year, Format::Pdf, as_of),
            None
        );
    }
}
