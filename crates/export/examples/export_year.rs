//! Exports a synthetic fiscal year and reports how long each output takes.
//!
//! `cargo run --release -p prongsai_export --example export_year -- 100000 /tmp/out`
//! writes procurements.json/csv, and the twelve months' XLSX and PDF, into /tmp/out.
//! A third argument `pdf` writes only the month PDFs (for profiling the PDF path alone, e.g.
//! under `valgrind --tool=callgrind` with a small record count).

#[path = "../tests/common/mod.rs"]
mod common;

use prongsai_export::*;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(100_000), |s| s.parse())?;
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "export-out".into()));
    let pdf_only = args.next().is_some_and(|a| a == "pdf");
    std::fs::create_dir_all(dir.join("months"))?;
    let agency = common::agency(true);
    let opts = ExportOptions::default();

    let fixture = common::fiscal_year();
    for (ym, m) in &fixture.months {
        std::fs::write(
            dir.join(format!("fixture-{}.pdf", ym.key())),
            month_pdf(&agency, 2568, *ym, &m.records, &opts)?,
        )?;
        std::fs::write(
            dir.join(format!("fixture-{}.xlsx", ym.key())),
            month_xlsx(&agency, 2568, *ym, &m.records, &opts)?,
        )?;
    }

    let fy = common::big_year(n);
    if pdf_only {
        let (t, mut pdf_b) = (Instant::now(), 0);
        for (ym, m) in &fy.months {
            let p = month_pdf(&agency, fy.year, *ym, &m.records, &opts)?;
            pdf_b += p.len();
            std::fs::write(dir.join("months").join(format!("{}.pdf", ym.key())), p)?;
        }
        let s = t.elapsed().as_secs_f64();
        println!("12 × month.pdf     {s:>8.3}s {pdf_b:>12} bytes for {n} records");
        return Ok(());
    }
    let total = Instant::now();
    let t = Instant::now();
    let json = procurements_json(&fy, Some(&agency));
    println!(
        "procurements.json  {:>8.3}s {:>12} bytes",
        t.elapsed().as_secs_f64(),
        json.len()
    );
    let t = Instant::now();
    let csv = procurements_csv(&fy);
    println!(
        "procurements.csv   {:>8.3}s {:>12} bytes",
        t.elapsed().as_secs_f64(),
        csv.len()
    );
    std::fs::write(dir.join("procurements.json"), json)?;
    std::fs::write(dir.join("procurements.csv"), csv)?;
    let (mut xlsx_s, mut pdf_s, mut xlsx_b, mut pdf_b) = (0.0, 0.0, 0, 0);
    for (ym, m) in &fy.months {
        let t = Instant::now();
        let x = month_xlsx(&agency, fy.year, *ym, &m.records, &opts)?;
        xlsx_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let p = month_pdf(&agency, fy.year, *ym, &m.records, &opts)?;
        pdf_s += t.elapsed().as_secs_f64();
        xlsx_b += x.len();
        pdf_b += p.len();
        std::fs::write(dir.join("months").join(format!("{}.xlsx", ym.key())), x)?;
        std::fs::write(dir.join("months").join(format!("{}.pdf", ym.key())), p)?;
    }
    println!("12 × month.xlsx    {xlsx_s:>8.3}s {xlsx_b:>12} bytes");
    println!("12 × month.pdf     {pdf_s:>8.3}s {pdf_b:>12} bytes");
    println!(
        "total (sequential) {:>8.3}s for {n} records",
        total.elapsed().as_secs_f64()
    );
    Ok(())
}
