//! Timing the loader.
//!
//! `cargo run --release -p prongsai_load --example load -- <site root>` loads a site and prints its
//! diagnostics and counts; without an argument it writes a synthetic tree of 100,000 records
//! (10 fiscal years × 12 months × ~834 rows) into a temporary folder and times loading it.

use prongsai_load::load;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, dir] = args.as_slice()
        && flag == "--generate"
    {
        return generate(Path::new(dir), 100_000);
    }
    if let Some(root) = args.first() {
        let t = Instant::now();
        let loaded = load(Path::new(&root));
        let elapsed = t.elapsed();
        for d in &loaded.diagnostics {
            println!("{d}");
        }
        report(&loaded, elapsed);
        return Ok(());
    }
    let dir = tempfile::tempdir()?;
    let total = 100_000;
    generate(dir.path(), total)?;
    let t = Instant::now();
    let loaded = load(dir.path());
    let elapsed = t.elapsed();
    report(&loaded, elapsed);
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 || loaded.data.records().count() != total {
        return Err(format!(
            "synthetic tree did not load cleanly: {:?}",
            loaded.diagnostics.first()
        )
        .into());
    }
    Ok(())
}

/// Writes a site root with `total` valid records spread over 120 month files.
fn generate(root: &Path, total: usize) -> Result<(), Box<dyn std::error::Error>> {
    let data = root.join("procurement-data");
    std::fs::create_dir_all(&data)?;
    std::fs::write(
        data.join("agency.yaml"),
        "name: อบต.ทดสอบ\nshort_name: อบต.ทดสอบ\nagency_type: องค์กรปกครองส่วนท้องถิ่น\ndistrict: ห้วยทับทัน\nprovince: ศรีสะเกษ\nministry: กระทรวงมหาดไทย\nwebsite: https://example.go.th\n",
    )?;
    let files = 120;
    let mut written = 0;
    for f in 0..files {
        let fy = 2560 + f / 12;
        let (year, month) = if f % 12 < 3 {
            (fy - 1, 10 + f % 12)
        } else {
            (fy, f % 12 - 2)
        };
        let months = data.join(fy.to_string()).join("months");
        std::fs::create_dir_all(&months)?;
        let rows = if f == files - 1 {
            total - written
        } else {
            total / files
        };
        let mut csv = prongsai_load::month_template();
        for seq in 1..=rows {
            writeln!(
                csv,
                "{seq},{yy}{month:02}9123456,P-{seq},\"จัดซื้อวัสดุสำนักงาน, รายการที่ {seq}\",\"12,500.00\",งบประมาณรายจ่ายประจำปี,\"12,000.00\",วิธีเฉพาะเจาะจง,\"ร้านสมใจ 11,900.00 บาท\nร้านดีดี 12,100\",ร้านสมใจ,0994000165510,\"11,900.00\",ราคาต่ำสุด,ใบสั่งซื้อ {seq}/{fy},15/{month:02}/{year},15 ธ.ค. {fy},สิ้นสุดสัญญา,\r",
                yy = year % 100,
            )?;
        }
        written += rows;
        std::fs::write(months.join(format!("{year}-{month:02}.csv")), csv)?;
    }
    Ok(())
}

fn report(loaded: &prongsai_load::Loaded, elapsed: std::time::Duration) {
    let records = loaded.data.records().count();
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "{records} records in {} years, {} diagnostics ({errors} errors), loaded in {:.1} ms",
        loaded.data.years.len(),
        loaded.diagnostics.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}
