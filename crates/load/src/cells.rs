//! Reading one row's cells by field, turning parse failures into diagnostics at the cell.

use crate::diag;
use crate::values::{ValueError, clean, is_empty_cell};
use prongsai_model::{Diagnostic, Field, Location, SourceFile};

/// One data row with the file's column map; `ok` turns false when a required value fails,
/// so the record is left out while every other cell is still checked.
pub(crate) struct RowCtx<'a> {
    pub file: &'a SourceFile,
    pub line: u32,
    pub cells: &'a ::csv::StringRecord,
    pub diags: &'a mut Vec<Diagnostic>,
    pub ok: bool,
}

impl RowCtx<'_> {
    /// The cell's text, `None` when the column is absent or the cell blank (or a lone dash).
    pub fn text(&self, field: Field) -> Option<&str> {
        let (col, _) = self.file.column(field)?;
        let cell = self.cells.get(col as usize - 1)?;
        (!is_empty_cell(cell)).then(|| clean(cell))
    }

    pub fn loc(&self, field: Field) -> Location {
        self.file.loc(self.line, field)
    }

    fn has_column(&self, field: Field) -> bool {
        self.file.column(field).is_some()
    }

    /// A value that must be present; an empty cell is reported (unless the whole column is
    /// missing, which was reported once at the header).
    pub fn required<T>(
        &mut self,
        field: Field,
        code: &str,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Option<T> {
        let Some(text) = self.text(field) else {
            if self.has_column(field) {
                self.empty(field);
            }
            self.ok = false;
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
            .file
            .column(field)
            .and_then(|(c, _)| self.cells.get(c as usize - 1))
            .unwrap_or_default()
            .to_owned();
        let d = Diagnostic::error(
            diag::EMPTY_CELL,
            format!("ช่อง \"{header}\" ว่าง แต่ต้องกรอก: ใส่ข้อมูลในช่องนี้"),
            format!("the \"{header}\" ({alias}) cell is empty but required: fill it in"),
        )
        .at(self.loc(field))
        .with_text(raw);
        self.diags.push(d);
    }

    /// Cells to the right of the last header are lost; say so rather than drop them quietly.
    pub fn check_extra_cells(&mut self, header_len: usize) {
        if let Some((i, cell)) = self
            .cells
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
                ..Location::line(self.file.path.clone(), self.line)
            })
            .with_text(cell);
            self.diags.push(d);
        }
    }
}
