//! CSV text to rows, each with the physical line it starts on (header = line 1 after the BOM).

use crate::diag;
use crate::values::clean;
use prongsai_model::{Diagnostic, Location};

pub(crate) struct Row {
    /// The physical line the record starts on, as a text editor numbers it.
    pub line: u32,
    /// One allocation for the whole row rather than one per cell.
    pub cells: ::csv::StringRecord,
}

pub(crate) struct Table {
    pub header: Vec<String>,
    pub header_line: u32,
    pub rows: Vec<Row>,
}

/// Every non-blank row of a file, in order: which of them is the header is the reader's to say
/// (a plan's is the first; a month file's is recognised, below title rows if there are any).
pub(crate) struct Rows {
    pub rows: Vec<Row>,
}

impl Rows {
    /// The first row as the header, the rest as data.
    pub fn into_table(self) -> Table {
        let mut rows = self.rows.into_iter();
        let (header_line, header) = rows.next().map_or((1, Vec::new()), |r| {
            (r.line, r.cells.iter().map(str::to_owned).collect())
        });
        Table {
            header,
            header_line,
            rows: rows.collect(),
        }
    }
}

fn is_blank(record: &::csv::StringRecord) -> bool {
    record.iter().all(|c| clean(c).is_empty())
}

/// A cell over `limits.max_cell_bytes` in `record`, as the diagnostic that leaves its row out.
pub(crate) fn oversized(
    record: &::csv::StringRecord,
    header: impl Fn(usize) -> Option<String>,
    path: &str,
    line: u32,
    limits: &crate::Limits,
) -> Option<Diagnostic> {
    let (col, cell) = record
        .iter()
        .enumerate()
        .find(|(_, c)| c.len() > limits.max_cell_bytes)?;
    let name = header(col).map_or_else(|| format!("{}", col + 1), |h| h.trim().to_owned());
    let (kib, max) = (cell.len().div_ceil(1024), limits.max_cell_bytes / 1024);
    Some(
        Diagnostic::error(
            diag::CELL_TOO_LARGE,
            format!("ช่อง \"{name}\" ยาว {kib} KiB เกินขีดจำกัด {max} KiB ต่อช่อง: ตรวจว่าวางข้อความผิดช่องหรือไม่ ถ้าจำเป็นจริงให้ตั้ง limits: {{ max_cell_kb: … }} ใน site.yaml"),
            format!("cell \"{name}\" is {kib} KiB, over the limit of {max} KiB per cell: check for text pasted into the wrong cell; if it is really needed set limits: {{ max_cell_kb: … }} in site.yaml"),
        )
        .at(Location {
            file: path.to_owned(),
            line: Some(line),
            column: u32::try_from(col + 1).ok(),
            column_name: Some(name),
            sheet: None,
        }),
    )
}

/// Reads every record; blank rows (Excel leaves rows of commas) are dropped. `None` when the file
/// has no rows at all, with the diagnostic already pushed.
pub(crate) fn read(
    text: &str,
    path: &str,
    limits: &crate::Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Rows> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Row> = Vec::new();
    let mut record = ::csv::StringRecord::new();
    let mut last_line = 1;
    // csv's own line count lags by one after CRLF (it stops at the \r), so lines are counted
    // here from byte offsets, incrementally to stay linear.
    let bytes = text.as_bytes();
    let (mut counted_to, mut counted_line) = (0usize, 1u32);
    let mut line_at = |byte: usize| {
        let mut b = byte.min(bytes.len());
        while b < bytes.len() && matches!(bytes[b], b'\r' | b'\n') {
            b += 1;
        }
        if b >= counted_to {
            counted_line += bytes[counted_to..b].iter().filter(|&&c| c == b'\n').count() as u32;
            counted_to = b;
        }
        counted_line
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map_or(last_line, |p| line_at(p.byte() as usize));
                diags.push(
                    Diagnostic::error(
                        diag::UNREADABLE,
                        format!("อ่านแถว CSV ไม่ได้ ({e}): บันทึกไฟล์จาก Excel เป็น \"CSV UTF-8\" อีกครั้ง"),
                        format!("cannot read this CSV row ({e}): save the file from Excel as \"CSV UTF-8\" again"),
                    )
                    .at(Location::line(path, line)),
                );
                break;
            }
        }
        let line = record
            .position()
            .map_or(last_line, |p| line_at(p.byte() as usize));
        last_line = line;
        if is_blank(&record) {
            continue;
        }
        // A runaway cell (a pasted document, a generated file) is refused by name rather than
        // carried into every page, export and search index.
        // The first row names the columns in the message, as it does in most files.
        let first = rows.first().map(|r| &r.cells);
        let name = |col: usize| first.and_then(|h| h.get(col)).map(str::to_owned);
        if let Some(d) = oversized(&record, name, path, line, limits) {
            diags.push(d);
            continue;
        }
        if rows.len() > limits.max_rows {
            // Stop reading: memory stays bounded by the limit, not by the file.
            diags.push(
                Diagnostic::error(
                    diag::TOO_MANY_ROWS,
                    format!("ไฟล์มีข้อมูลเกิน {} แถว จึงหยุดอ่านที่แถวนี้: ตรวจว่าไฟล์ถูกต้องหรือไม่ (แบบ สขร.1 หนึ่งเดือนไม่ควรยาวขนาดนี้) ถ้าจำเป็นจริงให้ตั้ง limits: {{ max_rows: … }} ใน site.yaml", limits.max_rows),
                    format!("the file has more than {} data rows, so reading stopped here: check the file (one month of แบบ สขร.1 should never be this long); if it is really needed set limits: {{ max_rows: … }} in site.yaml", limits.max_rows),
                )
                .at(Location::line(path, line)),
            );
            break;
        }
        rows.push(Row {
            line,
            cells: record.clone(),
        });
    }
    // The csv crate reads an unclosed quote to the end of the file, silently swallowing rows.
    if text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
        diags.push(
            Diagnostic::warning(
                diag::UNBALANCED_QUOTE,
                "เครื่องหมายคำพูด \" ไม่ครบคู่: ข้อความตั้งแต่แถวนี้ถึงท้ายไฟล์อาจถูกอ่านเป็นช่องเดียว ตรวจสอบช่องที่มี \" แล้วใส่ให้ครบคู่หรือลบออก",
                "unbalanced double quote: everything from this row to the end of the file may have been read as one cell; pair or remove the stray \"",
            )
            .at(Location::line(path, last_line)),
        );
    }
    if rows.is_empty() {
        diags.push(
            Diagnostic::error(
                diag::EMPTY_FILE,
                "ไฟล์ว่าง ไม่มีแม้แต่แถวหัวตาราง: ใส่แถวหัวตาราง (ใช้ prongsai new month สร้างแม่แบบ); เดือนที่ไม่มีการจัดซื้อจัดจ้างให้มีเฉพาะแถวหัวตาราง",
                "the file is empty, without even a header row: add the header row (prongsai new month writes a template); a month without procurement keeps just the header row",
            )
            .at(Location::file(path)),
        );
        return None;
    }
    Some(Rows { rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_physical() {
        let mut d = Vec::new();
        let t = read(
            "a,b\r\n1,\"x\r\ny\"\r\n,,\r\n2,z\r\n\r\n , \r\n",
            "f.csv",
            &crate::Limits::default(),
            &mut d,
        )
        .unwrap()
        .into_table();
        assert!(d.is_empty());
        assert_eq!(t.header_line, 1);
        let lines: Vec<_> = t.rows.iter().map(|r| (r.line, r.cells.len())).collect();
        assert_eq!(t.rows.len(), 2, "{lines:?}");
        assert_eq!(t.rows[0].line, 2, "{lines:?}");
        assert_eq!(&t.rows[0].cells[1], "x\r\ny");
        assert_eq!(t.rows[1].line, 5);
    }

    #[test]
    fn empty_and_quote() {
        let mut d = Vec::new();
        assert!(read(" , \n\n", "f.csv", &crate::Limits::default(), &mut d).is_none());
        assert_eq!(d[0].code, diag::EMPTY_FILE);
        let mut d = Vec::new();
        let t = read(
            "a,b\n1,\"oops\n2,3\n",
            "f.csv",
            &crate::Limits::default(),
            &mut d,
        )
        .unwrap()
        .into_table();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(d[0].code, diag::UNBALANCED_QUOTE);
    }

    #[test]
    fn huge_cells_and_too_many_rows_are_errors() {
        let limits = crate::Limits {
            max_cell_bytes: 10,
            max_rows: 2,
            ..crate::Limits::default()
        };
        let mut d = Vec::new();
        let t = read(
            "a,name\n1,12345678901\n2,ok\n3,ok\n4,ok\n",
            "f.csv",
            &limits,
            &mut d,
        )
        .unwrap()
        .into_table();
        let got: Vec<_> = d
            .iter()
            .map(|x| {
                let l = x.location.as_ref().unwrap();
                (x.code.as_str(), l.line, l.column, l.column_name.clone())
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    diag::CELL_TOO_LARGE,
                    Some(2),
                    Some(2),
                    Some("name".to_owned())
                ),
                (diag::TOO_MANY_ROWS, Some(5), None, None),
            ]
        );
        assert_eq!(t.rows.len(), 2);
    }
}
