//! One row's cells by field, turning parse failures into diagnostics at the cell.
//!
//! A row arrives as a [`FieldRow`]: each field's text with the cell it came from. In the
//! template every field has its own cell; the สขร.1 form shares one cell between two fields (the
//! winner and the price), and a record's bidders may continue on the rows below, so each value
//! carries its own line and column and a problem is reported where the officer will look.

use crate::diag;
use crate::values::{ValueError, clean, is_empty_cell};
use prongsai_model::{Diagnostic, Field, Location, SourceFile, Status};
use std::borrow::Cow;

/// A value and the cell it was read from (1-based line and column).
#[derive(Clone, Debug)]
pub(crate) struct Cell<'a> {
    pub text: Cow<'a, str>,
    pub line: u32,
    pub col: u32,
}

/// A record's bidders: a cell listing names with their prices, or names beside prices.
#[derive(Clone, Debug)]
pub(crate) enum BidCell<'a> {
    Listed(Cell<'a>),
    Beside {
        names: Cell<'a>,
        prices: Option<Cell<'a>>,
    },
}

/// One record's fields, each with its cell.
#[derive(Debug, Default)]
pub(crate) struct FieldRow<'a> {
    /// The row the record starts on.
    pub line: u32,
    pub cells: Vec<(Field, Cell<'a>)>,
    pub bids: Vec<BidCell<'a>>,
    /// Fields whose cells were already reported while a shared cell was split: not reported
    /// again as empty.
    pub reported: Vec<Field>,
    /// What a layout without a status column says of the record (ยกเลิก written in its cells).
    pub status: Option<Status>,
    /// The ITA list's ปีงบประมาณ cell: checked against the folder, never a record's field.
    pub fiscal_year: Option<Cell<'a>>,
}

impl<'a> FieldRow<'a> {
    /// A row of a file whose fields each have a column of their own (the template, a plan).
    pub fn from_record(file: &SourceFile, line: u32, record: &'a ::csv::StringRecord) -> Self {
        let mut row = FieldRow {
            line,
            cells: Vec::with_capacity(file.columns.len()),
            ..FieldRow::default()
        };
        for (field, col, _) in &file.columns {
            let Some(text) = record.get(*col as usize - 1) else {
                continue;
            };
            let cell = Cell {
                text: Cow::Borrowed(text),
                line,
                col: *col,
            };
            if *field == Field::Bids {
                row.bids.push(BidCell::Listed(cell));
            } else {
                row.cells.push((*field, cell));
            }
        }
        row
    }

    pub fn cell(&self, field: Field) -> Option<&Cell<'a>> {
        self.cells.iter().find(|(f, _)| *f == field).map(|(_, c)| c)
    }

    pub fn set(&mut self, field: Field, cell: Cell<'a>) {
        match self.cells.iter_mut().find(|(f, _)| *f == field) {
            Some(slot) => slot.1 = cell,
            None => self.cells.push((field, cell)),
        }
    }
}

/// The location of the cell at (`line`, `col`) of `file`, named by its column's header.
pub(crate) fn cell_loc(file: &SourceFile, line: u32, col: u32) -> Location {
    let header = file
        .columns
        .iter()
        .find(|(_, c, _)| *c == col)
        .map_or("", |(_, _, h)| h.as_str());
    Location::cell(file.path.clone(), line, col, header).in_sheet(file.sheet.clone())
}

/// One record's fields with the file's column map; `ok` turns false when a required value
/// fails, so the record is left out while every other cell is still checked.
pub(crate) struct RowCtx<'a, 'r> {
    pub file: &'a SourceFile,
    pub row: &'a FieldRow<'r>,
    pub diags: &'a mut Vec<Diagnostic>,
    pub ok: bool,
}

impl RowCtx<'_, '_> {
    pub fn line(&self) -> u32 {
        self.row.line
    }

    /// The cell's text, `None` when the column is absent or the cell blank (or a lone dash).
    pub fn text(&self, field: Field) -> Option<&str> {
        let cell = self.row.cell(field)?;
        (!is_empty_cell(&cell.text)).then(|| clean(&cell.text))
    }

    pub fn loc(&self, field: Field) -> Location {
        match self.row.cell(field) {
            Some(c) => cell_loc(self.file, c.line, c.col),
            None => self.file.loc(self.row.line, field),
        }
    }

    fn has_column(&self, field: Field) -> bool {
        self.file.column(field).is_some()
    }

    /// A value that must be present where the file has its column; an empty cell is reported. A
    /// field the file's layout does not give is not an error: it is *not given* (`None`).
    pub fn required<T>(
        &mut self,
        field: Field,
        code: &str,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<T> {
        let Some(text) = self.text(field) else {
            if self.row.reported.contains(&field) {
                self.ok = false;
            } else if self.has_column(field) {
                self.empty(field);
                self.ok = false;
            }
            return None;
        };
        match parse(text) {
            Ok(v) => Some(v),
            Err(e) => {
                let d = diag::value_error(code, e, self.loc(field), text);
                self.diags.push(d);
                self.ok = false;
                None
            }
        }
    }

    /// A value that may be blank; if written, it must parse (the record is kept either way).
    pub fn optional<T>(
        &mut self,
        field: Field,
        code: &str,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<T> {
        let text = self.text(field)?;
        match parse(text) {
            Ok(v) => Some(v),
            Err(e) => {
                let d = diag::value_error(code, e, self.loc(field), text);
                self.diags.push(d);
                None
            }
        }
    }

    pub fn required_text(&mut self, field: Field) -> Option<String> {
        self.required(field, diag::EMPTY_CELL, |s| Ok(s.to_owned()))
    }

    pub fn optional_text(&self, field: Field) -> Option<String> {
        self.text(field).map(str::to_owned)
    }

    fn empty(&mut self, field: Field) {
        let (header, alias) = (
            self.file.column(field).map_or("", |(_, h)| h).to_owned(),
            field.alias(),
        );
        let raw = self
            .row
            .cell(field)
            .map(|c| c.text.clone().into_owned())
            .unwrap_or_default();
        let d = Diagnostic::error(
            diag::EMPTY_CELL,
            format!("ช่อง \"{header}\" ว่าง แต่ต้องกรอก: ใส่ข้อมูลในช่องนี้"),
            format!("the \"{header}\" ({alias}) cell is empty but required: fill it in"),
        )
        .at(self.loc(field))
        .with_text(raw);
        self.diags.push(d);
    }
}

/// Cells to the right of the last header are lost; say so rather than drop them quietly.
pub(crate) fn check_extra_cells(
    file: &SourceFile,
    line: u32,
    cells: &::csv::StringRecord,
    header_len: usize,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some((i, cell)) = cells
        .iter()
        .enumerate()
        .skip(header_len)
        .find(|(_, c)| !clean(c).is_empty())
    {
        let d = Diagnostic::warning(
            diag::EXTRA_CELLS,
            "แถวนี้มีข้อมูลเกินคอลัมน์สุดท้ายของหัวตาราง จึงไม่ถูกนำมาใช้: ย้ายข้อมูลไปไว้ในคอลัมน์ที่ถูกต้อง หรือตรวจสอบเครื่องหมาย , ที่เกินมา",
            "this row has data to the right of the last header, which is ignored: move it into the right column or look for a stray comma",
        )
        .at(Location {
            column: Some(i as u32 + 1),
            ..Location::line(file.path.clone(), line)
        })
        .with_text(cell);
        diags.push(d);
    }
}
