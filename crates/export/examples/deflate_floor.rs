//! The compression floor of a built site: what deflating its PDFs' streams and its workbooks'
//! parts costs on their own, with no layout, shaping or XML writing around them.
//!
//! Issue 21 asks a 100k-record build for 15 s of user CPU; this measures how much of that the
//! compression every download needs already takes, and compares the deflate implementations
//! in the tree (miniz_oxide, which the PDFs use, and zlib-rs, which the workbooks' zip uses) at
//! the levels that matter. One thread, the data inflated into memory before any clock starts.
//! Everything is deflated with the zlib wrapper (an Adler-32 each); the workbooks' zip uses raw
//! deflate with a CRC-32, which costs about the same.
//!
//! usage: cargo run --release -p prongsai_export --example deflate_floor -- OUT_DIR

use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(dir) = std::env::args().nth(1) else {
        return Err("usage: deflate_floor OUT_DIR (a folder `prongsai build` wrote)".into());
    };
    let (pdf, xlsx) = inflate_all(Path::new(&dir))?;
    println!(
        "PDF streams: {} ({:.1} MB raw); workbook parts: {} ({:.1} MB raw)",
        pdf.len(),
        mb(pdf.iter().map(Vec::len).sum()),
        xlsx.len(),
        mb(xlsx.iter().map(Vec::len).sum()),
    );
    println!("| data | codec | level | CPU (s) | compressed (MB) |");
    println!("|---|---|---|---|---|");
    for (name, data) in [("PDF streams", &pdf), ("workbook parts", &xlsx)] {
        for level in [1u8, 2, 3, 6] {
            report(name, "miniz_oxide", level, data, |d| {
                miniz_oxide::deflate::compress_to_vec_zlib(d, level)
            });
            report(name, "zlib-rs", level, data, |d| {
                let mut e = flate2::write::ZlibEncoder::new(
                    Vec::new(),
                    flate2::Compression::new(level.into()),
                );
                // Writing into a Vec cannot fail.
                let _ = e.write_all(d);
                e.finish().unwrap_or_default()
            });
        }
    }
    Ok(())
}

fn report(name: &str, codec: &str, level: u8, data: &[Vec<u8>], f: impl Fn(&[u8]) -> Vec<u8>) {
    let start = Instant::now();
    let out: usize = data.iter().map(|d| f(d).len()).sum();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "| {name} | {codec} | {level} | {secs:.2} | {:.1} |",
        mb(out)
    );
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Inflated streams or parts, one buffer each.
type Blobs = Vec<Vec<u8>>;

/// Every deflated stream of every PDF, and every part of every workbook, inflated.
fn inflate_all(dir: &Path) -> Result<(Blobs, Blobs), Box<dyn std::error::Error>> {
    let (mut pdf, mut xlsx) = (Vec::new(), Vec::new());
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry?;
        let path = entry.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => {
                let bytes = std::fs::read(path)?;
                let mut at = 0;
                while let Some(start) = find(&bytes[at..], b"stream\n").map(|i| at + i + 7) {
                    let Some(end) = find(&bytes[start..], b"endstream").map(|i| start + i) else {
                        break;
                    };
                    // Streams that are not deflated (none today) are skipped, not guessed at.
                    if let Ok(raw) =
                        miniz_oxide::inflate::decompress_to_vec_zlib(&bytes[start..end])
                    {
                        pdf.push(raw);
                    }
                    at = end + b"endstream".len();
                }
            }
            Some("xlsx") => {
                let mut zip = zip::ZipArchive::new(std::fs::File::open(path)?)?;
                for i in 0..zip.len() {
                    let mut part = Vec::new();
                    zip.by_index(i)?.read_to_end(&mut part)?;
                    xlsx.push(part);
                }
            }
            _ => {}
        }
    }
    Ok((pdf, xlsx))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
