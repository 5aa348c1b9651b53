//! The PDF documents, all A4 landscape in embedded Sarabun: a month's แบบ สขร.1
//! (`data/<FY>/months/<BE year>-<MM>.pdf`), and in [`docs`] a quarter's (ITA O11), the annual
//! summary (ITA O12) and the procurement plan (มาตรา 11).
//!
//! Layout first (measure, wrap, paginate into draw commands), then write: shaping at write time
//! interns exactly the glyphs that appear, so the embedded subset holds nothing unused, and the
//! page count is known before "หน้า X จาก Y" is drawn. Every document is made by [`document`]
//! from the same parts (page heading, tables whose header repeats on each page, spanning notes,
//! headings and paragraphs), so they look alike and share one shaping cache per build.

mod docs;
pub(crate) mod font;
mod stream;
mod text;

use crate::form::{
    SKR1_HEADERS_BREAKABLE, SKR1_MONEY_COLUMNS, agency_line, skr1_cells, skr1_title,
};
use crate::{ExportError, ExportOptions, NO_PROCUREMENT, SAMPLE_NOTE};
pub(crate) use docs::{annual_date, plan_date};
pub use docs::{
    annual_summary_pdf, annual_summary_pdf_shared, plan_pdf, plan_pdf_shared, quarter_pdf,
    quarter_pdf_shared,
};
pub use font::ShapeCache;
use font::{Font, Glyph, SARABUN_BOLD, SARABUN_REGULAR, SharedRows};
use miniz_oxide::deflate::core::{
    CompressorOxide, TDEFLFlush, TDEFLStatus, compress, create_comp_flags_from_zip_params,
};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, TextStr};
use prongsai_model::{Agency, Date, Procurement, YearMonth};
use stream::PageStream;

/// A4 landscape in points.
pub(crate) const PAGE_WIDTH: f32 = 842.0;
pub(crate) const PAGE_HEIGHT: f32 = 595.0;
const MARGIN: f32 = 28.0;
const BODY_SIZE: f32 = 10.0;
const TITLE_SIZE: f32 = 15.0;
const SUBTITLE_SIZE: f32 = 12.0;
/// Sarabun's marks reach far above and below the baseline; 1.3 em keeps stacked lines clear.
const LINE_HEIGHT: f32 = 1.3;
const CELL_PAD: f32 = 3.0;
const FOOTER_HEIGHT: f32 = 18.0;
/// The width between the margins, which every table's columns add up to.
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// แบบ สขร.1's column widths in points; they add up to [`TEXT_WIDTH`] (786).
const SKR1_WIDTHS: [f32; 9] = [34.0, 142.0, 68.0, 68.0, 72.0, 120.0, 112.0, 78.0, 92.0];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Center,
    Right,
}

enum Draw {
    Text {
        face: Face,
        size: f32,
        x: f32,
        y: f32,
        text: String,
    },
    /// A rectangle, filled light grey (table header) or stroked (cell border).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: bool,
    },
}

struct Fonts<'c> {
    regular: Font<'c>,
    bold: Font<'c>,
}

impl<'c> Fonts<'c> {
    fn get(&self, face: Face) -> &Font<'c> {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
    fn get_mut(&mut self, face: Face) -> &mut Font<'c> {
        match face {
            Face::Regular => &mut self.regular,
            Face::Bold => &mut self.bold,
        }
    }
}

/// A table's columns: widths adding up to [`TEXT_WIDTH`], header texts (zero-width spaces mark
/// where a header may wrap) and each column's alignment.
struct Columns {
    widths: Vec<f32>,
    header: Vec<String>,
    align: Vec<Align>,
}

impl Columns {
    fn skr1() -> Columns {
        Columns {
            widths: SKR1_WIDTHS.to_vec(),
            header: SKR1_HEADERS_BREAKABLE
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            align: (0..SKR1_WIDTHS.len()).map(skr1_align).collect(),
        }
    }
}

fn skr1_align(col: usize) -> Align {
    if col == 0 {
        Align::Center
    } else if SKR1_MONEY_COLUMNS.contains(&col) {
        Align::Right
    } else {
        Align::Left
    }
}

/// The table being drawn: its header is repeated at the top of every page it continues on.
struct Table {
    widths: Vec<f32>,
    align: Vec<Align>,
    header_lines: Vec<Vec<String>>,
    header_height: f32,
}

/// A line of the heading every page repeats: face, size, text, alignment.
type HeadLine = (Face, f32, String, Align);

struct Layout<'f, 'c> {
    fonts: &'f mut Fonts<'c>,
    /// The build's wrapped rows, when documents share caches.
    rows: Option<&'c SharedRows>,
    pages: Vec<Vec<Draw>>,
    /// Top of the free space on the current page.
    y: f32,
    page_head: Vec<HeadLine>,
    table: Option<Table>,
    /// Whether the current page has a data row yet (a row too tall for a fresh page is split).
    has_rows: bool,
}

fn line_height(size: f32) -> f32 {
    size * LINE_HEIGHT
}

fn table_bottom() -> f32 {
    MARGIN + FOOTER_HEIGHT
}

impl Layout<'_, '_> {
    fn text(&mut self, face: Face, size: f32, x: f32, y: f32, text: String) {
        if let Some(page) = self.pages.last_mut() {
            page.push(Draw::Text {
                face,
                size,
                x,
                y,
                text,
            });
        }
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: bool) {
        if let Some(page) = self.pages.last_mut() {
            page.push(Draw::Rect { x, y, w, h, fill });
        }
    }

    /// Places `s` on baseline `y` inside the horizontal span `(left, width)`.
    fn aligned(
        &mut self,
        face: Face,
        size: f32,
        (left, width): (f32, f32),
        y: f32,
        s: &str,
        a: Align,
    ) {
        // Left-aligned text (most cells) needs no measuring: shaping is the PDF's main cost.
        let x = match a {
            Align::Left => left,
            Align::Center => left + (width - self.fonts.get_mut(face).measure(s, size)) / 2.0,
            Align::Right => left + width - self.fonts.get_mut(face).measure(s, size),
        };
        self.text(face, size, x, y, s.to_owned());
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_HEIGHT - MARGIN;
        let head = std::mem::take(&mut self.page_head);
        for (face, size, s, align) in &head {
            let y = self.y - size;
            self.aligned(*face, *size, (MARGIN, TEXT_WIDTH), y, s, *align);
            self.y -= line_height(*size);
        }
        self.page_head = head;
        self.y -= 6.0;
        self.table_header();
        self.has_rows = false;
    }

    fn table_header(&mut self) {
        let Some(t) = &self.table else {
            return;
        };
        let (lines, h) = (t.header_lines.clone(), t.header_height);
        self.row(&lines, h, Face::Bold, true);
    }

    /// Starts a table: its header here (on a new page unless the header and `keep` points of
    /// rows fit), and again on every page the table continues on.
    fn begin_table(&mut self, cols: &Columns, keep: f32) {
        let header_lines = self.wrap(Face::Bold, &cols.widths, &cols.header);
        let rows = header_lines.iter().map(Vec::len).max().unwrap_or(1);
        let header_height = rows as f32 * line_height(BODY_SIZE) + 2.0 * CELL_PAD;
        self.table = None;
        if self.y - header_height - keep < table_bottom() {
            self.new_page();
        }
        self.table = Some(Table {
            widths: cols.widths.clone(),
            align: cols.align.clone(),
            header_lines,
            header_height,
        });
        self.table_header();
    }

    /// Ends the table: later pages no longer repeat its header.
    fn end_table(&mut self) {
        self.table = None;
        self.y -= 10.0;
    }

    fn wrap(&mut self, face: Face, widths: &[f32], cells: &[String]) -> Vec<Vec<String>> {
        let font = self.fonts.get_mut(face);
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| text::break_lines(font, c, BODY_SIZE, w - 2.0 * CELL_PAD))
            .collect()
    }

    /// [`Layout::wrap`] through the build's shared rows: a row another document wrapped comes
    /// with its lines' glyphs; a new one is wrapped here and left for the next document.
    fn wrap_shared(
        &mut self,
        rows: &SharedRows,
        face: Face,
        widths: &[f32],
        cells: &[String],
    ) -> Vec<Vec<String>> {
        let key = SharedRows::key(face == Face::Bold, widths, cells);
        let font = self.fonts.get_mut(face);
        if let Some(row) = rows.take(&key) {
            return row
                .into_iter()
                .map(|cell| {
                    cell.into_iter()
                        .map(|(line, shaped)| {
                            if let Some(shaped) = shaped {
                                font.seed_line(&line, shaped);
                            }
                            line
                        })
                        .collect()
                })
                .collect();
        }
        let lines = self.wrap(face, widths, cells);
        let font = self.fonts.get(face);
        let row = lines
            .iter()
            .map(|cell| {
                cell.iter()
                    .map(|line| (line.clone(), font.line_glyphs(line)))
                    .collect()
            })
            .collect();
        rows.put(key, row);
        lines
    }

    /// Draws one table row (or part of one) of height `h` at the current position.
    fn row(&mut self, cells: &[Vec<String>], h: f32, face: Face, header: bool) {
        let Some(t) = &self.table else {
            return;
        };
        let (widths, align) = (t.widths.clone(), t.align.clone());
        let top = self.y;
        let mut x = MARGIN;
        let lh = line_height(BODY_SIZE);
        for (col, (lines, w)) in cells.iter().zip(widths).enumerate() {
            if header {
                self.rect(x, top - h, w, h, true);
            }
            self.rect(x, top - h, w, h, false);
            let a = if header {
                Align::Center
            } else {
                align.get(col).copied().unwrap_or(Align::Left)
            };
            let mut baseline = top - CELL_PAD - BODY_SIZE;
            for line in lines {
                let inner = w - 2.0 * CELL_PAD;
                self.aligned(face, BODY_SIZE, (x + CELL_PAD, inner), baseline, line, a);
                baseline -= lh;
            }
            x += w;
        }
        self.y = top - h;
    }

    /// One row of the current table, wrapped to its columns; continued on the next page when
    /// it does not fit, split when it is taller than a whole page.
    fn record(&mut self, cells: &[String], face: Face) {
        let widths = match &self.table {
            Some(t) => t.widths.clone(),
            None => return,
        };
        let mut cells = match self.rows {
            Some(rows) => self.wrap_shared(rows, face, &widths, cells),
            None => self.wrap(face, &widths, cells),
        };
        let lh = line_height(BODY_SIZE);
        loop {
            let needed = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = needed as f32 * lh + 2.0 * CELL_PAD;
            if self.y - h >= table_bottom() {
                self.row(&cells, h, face, false);
                self.has_rows = true;
                return;
            }
            if self.has_rows {
                self.new_page();
                continue;
            }
            // Taller than a whole page: draw what fits and carry the rest to the next page.
            let fit = (((self.y - table_bottom() - 2.0 * CELL_PAD) / lh).floor() as usize).max(1);
            let rest: Vec<Vec<String>> = cells
                .iter_mut()
                .map(|c| c.split_off(fit.min(c.len())))
                .collect();
            let h = fit as f32 * lh + 2.0 * CELL_PAD;
            self.row(&cells, h, face, false);
            cells = rest;
            self.new_page();
        }
    }

    /// A row across the whole table stating something about it (ไม่มีการจัดซื้อจัดจ้าง).
    fn note_row(&mut self, text: &str) {
        let h = line_height(BODY_SIZE) * 2.0 + 2.0 * CELL_PAD;
        if self.y - h < table_bottom() {
            self.new_page();
        }
        let top = self.y;
        self.rect(MARGIN, top - h, TEXT_WIDTH, h, false);
        let baseline = top - h / 2.0 - BODY_SIZE * 0.35;
        let span = (MARGIN, TEXT_WIDTH);
        self.aligned(
            Face::Bold,
            BODY_SIZE + 2.0,
            span,
            baseline,
            text,
            Align::Center,
        );
        self.y = top - h;
        self.has_rows = true;
    }

    /// A bold heading, kept on one page with the `keep` points that follow it.
    fn heading(&mut self, text: &str, size: f32, keep: f32) {
        self.table = None;
        let h = line_height(size) + 4.0;
        if self.y - h - keep < table_bottom() {
            self.new_page();
        }
        self.y -= 4.0;
        let baseline = self.y - size;
        self.text(Face::Bold, size, MARGIN, baseline, text.to_owned());
        self.y -= line_height(size);
    }

    /// Running text over the full width, `indent` points in; continues on the next page.
    fn paragraph(&mut self, text: &str, indent: f32) {
        self.table = None;
        let lines = text::break_lines(
            self.fonts.get_mut(Face::Regular),
            text,
            BODY_SIZE + 2.0,
            TEXT_WIDTH - indent,
        );
        let lh = line_height(BODY_SIZE + 2.0);
        for line in lines {
            if self.y - lh < table_bottom() {
                self.new_page();
            }
            let baseline = self.y - (BODY_SIZE + 2.0);
            self.text(
                Face::Regular,
                BODY_SIZE + 2.0,
                MARGIN + indent,
                baseline,
                line,
            );
            self.y -= lh;
        }
        self.y -= 4.0;
    }
}

/// What a document says about itself: its metadata and the footer on each page.
struct DocInfo {
    /// The first line of every page; with the agency's name, the document's title.
    title: String,
    /// Lines under the title on every page (the agency, the fiscal year).
    subtitles: Vec<String>,
    /// Document-info subject: the form's name.
    subject: &'static str,
    /// Bottom left of every page, before the agency's website.
    footer: &'static str,
    created: Date,
}

/// One PDF: `body` lays out the content under the repeated page heading; this adds the page
/// numbers and writes the file. The shaping caches are on unless `cache` is false (tests only),
/// and shared with the other documents of the build through `shared`.
fn document(
    agency: &Agency,
    info: &DocInfo,
    cache: bool,
    shared: Option<&ShapeCache>,
    body: impl FnOnce(&mut Layout<'_, '_>),
) -> Result<Vec<u8>, ExportError> {
    let mut fonts = Fonts {
        regular: Font::new(SARABUN_REGULAR, "Sarabun-Regular")?,
        bold: Font::new(SARABUN_BOLD, "Sarabun-Bold")?,
    };
    fonts.regular.set_cache(cache);
    fonts.bold.set_cache(cache);
    if cache && let Some(shared) = shared {
        fonts.regular.share(&shared.regular);
        fonts.bold.share(&shared.bold);
    }
    let mut page_head = vec![(Face::Bold, TITLE_SIZE, info.title.clone(), Align::Center)];
    for s in &info.subtitles {
        page_head.push((Face::Bold, SUBTITLE_SIZE, s.clone(), Align::Center));
    }
    if agency.sample {
        page_head.push((
            Face::Bold,
            SUBTITLE_SIZE,
            SAMPLE_NOTE.to_owned(),
            Align::Center,
        ));
    }
    let mut layout = Layout {
        fonts: &mut fonts,
        rows: shared.filter(|_| cache).map(|s| &s.rows),
        pages: Vec::new(),
        y: 0.0,
        page_head,
        table: None,
        has_rows: false,
    };
    layout.new_page();
    body(&mut layout);
    let mut pages = std::mem::take(&mut layout.pages);
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let label = format!("หน้า {} จาก {total}", i + 1);
        let w = fonts.regular.measure(&label, 9.0);
        page.push(Draw::Text {
            face: Face::Regular,
            size: 9.0,
            x: PAGE_WIDTH - MARGIN - w,
            y: MARGIN,
            text: label,
        });
        page.push(Draw::Text {
            face: Face::Regular,
            size: 9.0,
            x: MARGIN,
            y: MARGIN,
            text: format!("{} · {}", info.footer, agency.website),
        });
    }
    write_pdf(&mut fonts, agency, info, &pages)
}

/// The page heading's second line: `<agency, district, province> ปีงบประมาณ พ.ศ. 2568`.
fn agency_year_line(agency: &Agency, fy: i32) -> String {
    format!("{} ปีงบประมาณ พ.ศ. {fy}", agency_line(agency))
}

/// แบบ สขร.1 rows of one month under its header, or the note that the month had none.
fn skr1_table(layout: &mut Layout<'_, '_>, records: &[Procurement]) {
    let keep = line_height(BODY_SIZE) * 2.0 + 2.0 * CELL_PAD;
    layout.begin_table(&Columns::skr1(), keep);
    if records.is_empty() {
        layout.note_row(NO_PROCUREMENT);
    }
    for p in records {
        layout.record(&skr1_cells(p), Face::Regular);
    }
    layout.end_table();
}

/// The month's แบบ สขร.1 as PDF. Shapes each distinct text once for this document; a build
/// producing many months should use [`month_pdf_shared`].
pub fn month_pdf(
    agency: &Agency,
    fy: i32,
    month: YearMonth,
    records: &[Procurement],
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    month_pdf_with(agency, fy, month, records, opts, true, None)
}

/// [`month_pdf`], taking shaped text from and adding it to `shapes`, which one build shares
/// between all its PDFs (on any threads). The bytes are the same as `month_pdf`'s, whatever
/// `shapes` holds.
pub fn month_pdf_shared(
    agency: &Agency,
    fy: i32,
    month: YearMonth,
    records: &[Procurement],
    opts: &ExportOptions,
    shapes: &ShapeCache,
) -> Result<Vec<u8>, ExportError> {
    month_pdf_with(agency, fy, month, records, opts, true, Some(shapes))
}

/// `month_pdf`, with the shaping caches on or off (`false` only in tests, to show that the
/// caches do not change the output; it ignores `shared` too).
fn month_pdf_with(
    agency: &Agency,
    fy: i32,
    month: YearMonth,
    records: &[Procurement],
    opts: &ExportOptions,
    cache: bool,
    shared: Option<&ShapeCache>,
) -> Result<Vec<u8>, ExportError> {
    let info = DocInfo {
        title: skr1_title(month),
        subtitles: vec![agency_year_line(agency, fy)],
        subject: "แบบ สขร.1",
        footer: "แบบ สขร.1",
        created: opts.created_for(month),
    };
    document(agency, &info, cache, shared, |layout| {
        skr1_table(layout, records);
    })
}

/// Emits one shaped line: glyphs in a `TJ` array, with the reader's pen corrected to the
/// shaper's positions (kerning, mark offsets) by `TJ` adjustments and vertical mark offsets by
/// text rise (`Ts`).
fn show_line(content: &mut PageStream, font: &Font<'_>, size: f32, glyphs: &[Glyph]) {
    let upem = font.units_per_em;
    let mut pen = 0i32; // where the shaper puts the next glyph's origin
    let mut reader = 0i32; // where the PDF reader's pen is
    let mut i = 0;
    while i < glyphs.len() {
        let rise = glyphs[i].y_offset;
        content.rise(rise as f32 * size / upem);
        content.begin_tj();
        let mut start = i;
        while i < glyphs.len() && glyphs[i].y_offset == rise {
            let g = glyphs[i];
            let target = pen + g.x_offset;
            if target != reader {
                if start < i {
                    content.cids(glyphs[start..i].iter().map(|g| g.cid));
                }
                start = i;
                content.adjust(-((target - reader) as f32) * 1000.0 / upem);
            }
            reader = target + font.cid_advance(g.cid);
            pen += g.x_advance;
            i += 1;
        }
        if start < i {
            content.cids(glyphs[start..i].iter().map(|g| g.cid));
        }
        content.end_tj();
    }
    content.rise(0.0);
}

fn write_pdf(
    fonts: &mut Fonts<'_>,
    agency: &Agency,
    doc: &DocInfo,
    pages: &[Vec<Draw>],
) -> Result<Vec<u8>, ExportError> {
    let mut pdf = Pdf::new();
    let mut next_id = 1;
    let mut alloc = move || {
        let r = Ref::new(next_id);
        next_id += 1;
        r
    };
    let catalog = alloc();
    let page_tree = alloc();
    let info = alloc();
    let font_refs = [alloc(), alloc()];
    let names = [Name(b"F1"), Name(b"F2")];

    let mut page_ids = Vec::with_capacity(pages.len());
    let mut deflate = Deflate::new();
    let mut content_capacity = 0;
    for draws in pages {
        let page_id = alloc();
        let content_id = alloc();
        page_ids.push(page_id);
        // Pages are alike: start at the last page's size rather than growing from empty.
        let mut content = PageStream::with_capacity(content_capacity);
        content.line_width(0.5);
        for d in draws {
            if let Draw::Rect { x, y, w, h, fill } = *d {
                content.rect(x, y, w, h, fill.then_some(0.88));
            }
        }
        for d in draws {
            if let Draw::Text {
                face,
                size,
                x,
                y,
                text,
            } = d
            {
                let glyphs = fonts.get_mut(*face).shape(text);
                if glyphs.is_empty() {
                    continue;
                }
                content.text_at(names[usize::from(*face == Face::Bold)].0, *size, *x, *y);
                show_line(&mut content, fonts.get(*face), *size, &glyphs);
            }
        }
        let raw = content.finish();
        content_capacity = raw.len();
        let data = deflate.zlib(&raw);
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
        let mut page = pdf.page(page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .parent(page_tree)
            .contents(content_id);
        let mut res = page.resources();
        let mut f = res.fonts();
        f.pair(names[0], font_refs[0]);
        f.pair(names[1], font_refs[1]);
        f.finish();
        res.finish();
        page.finish();
    }
    let count = i32::try_from(page_ids.len()).unwrap_or(i32::MAX);
    pdf.pages(page_tree).kids(page_ids).count(count);
    pdf.catalog(catalog).pages(page_tree).lang(TextStr("th"));

    fonts.regular.write(&mut pdf, &mut alloc, font_refs[0])?;
    fonts.bold.write(&mut pdf, &mut alloc, font_refs[1])?;

    let created = doc.created;
    let date = pdf_writer::Date::new(u16::try_from(created.year_ce()).unwrap_or(1970))
        .month(created.month())
        .day(created.day());
    let mut doc_title = format!("{} {}", doc.title, agency.name);
    if agency.sample {
        doc_title = format!("{doc_title} ({SAMPLE_NOTE})");
    }
    pdf.document_info(info)
        .title(TextStr(&doc_title))
        .author(TextStr(&agency.name))
        .subject(TextStr(doc.subject))
        .creator(TextStr("prongsai"))
        .producer(TextStr("prongsai"))
        .creation_date(date)
        .modified_date(date);
    // The document ID is required to be stable for identical content: derive it from the
    // title, never from time or randomness.
    let id = prongsai_text::fnv1a64(doc_title.as_bytes())
        .to_be_bytes()
        .repeat(2);
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}

/// zlib compression for the page content streams, one compressor per document.
///
/// Level 1 (miniz's single-probe greedy fast path): a big month has thousands of pages and
/// level 6 cost more CPU than everything else in the PDF once shaping was cached (about 10 times
/// level 1's time), for content about 30% smaller. Reusing the compressor saves allocating and
/// zeroing its ~200 KB of tables per page.
struct Deflate {
    compressor: Box<CompressorOxide>,
}

impl Deflate {
    const LEVEL: i32 = 1;

    fn new() -> Deflate {
        // window_bits > 0 asks for the zlib wrapper, as `compress_to_vec_zlib` does.
        let flags = create_comp_flags_from_zip_params(Self::LEVEL, 1, 0);
        Deflate {
            compressor: Box::new(CompressorOxide::new(flags)),
        }
    }

    fn zlib(&mut self, mut input: &[u8]) -> Vec<u8> {
        self.compressor.reset();
        let mut out = vec![0; (input.len() / 2).max(64)];
        let mut pos = 0;
        loop {
            let (status, read, written) = compress(
                &mut self.compressor,
                input,
                &mut out[pos..],
                TDEFLFlush::Finish,
            );
            pos += written;
            input = input.get(read..).unwrap_or_default();
            match status {
                TDEFLStatus::Done => break,
                // Out of room: grow the output and carry on.
                TDEFLStatus::Okay => {
                    if out.len() - pos < 64 {
                        out.resize(out.len() * 2, 0);
                    }
                }
                // Only on a bad parameter, i.e. a bug in the calls above; an unreadable
                // (empty) stream is better than a panic in the site build.
                TDEFLStatus::BadParam | TDEFLStatus::PutBufFailed => {
                    pos = 0;
                    break;
                }
            }
        }
        out.truncate(pos);
        out
    }
}

#[cfg(test)]
#[path = "../../tests/common/mod.rs"]
mod common;

#[cfg(test)]
mod tests {
    use super::common::*;
    use super::*;
    use prongsai_model::Method;

    /// A month whose cells repeat a lot (suppliers, methods, reasons, dates, the header on every
    /// page) must come out byte for byte the same whether shaping is cached or not.
    #[test]
    fn shaping_cache_does_not_change_the_pdf() {
        let mut records = fiscal_year().months[&OCT].records.clone();
        let big = big_year(12 * 80);
        records.extend(big.months[&OCT].records.iter().cloned());
        let n = records.len();
        for (i, r) in records.iter_mut().enumerate() {
            r.seq = u32::try_from(i + 1).unwrap_or(0);
            if i % 3 == 0 {
                r.method = Method::EMarket;
                r.reason = Some("ราคาต่ำสุด ปั๊มน้ำ ญี่ปุ่น AVATAR Wave ดำเนินการ".into());
            }
            if i % 7 == 0 {
                r.title = format!("{} ฎีกา ปฏิบัติ ฐาน Type {i}", r.title);
            }
        }
        assert!(n > 80);
        let opts = ExportOptions::default();
        for sample in [false, true] {
            let a = agency(sample);
            let cached = month_pdf_with(&a, 2568, OCT, &records, &opts, true, None).expect("pdf");
            let fresh = month_pdf_with(&a, 2568, OCT, &records, &opts, false, None).expect("pdf");
            assert!(
                cached == fresh,
                "cached and uncached PDFs differ (sample {sample})"
            );
        }
        let empty = month_pdf_with(&agency(false), 2568, NOV, &[], &opts, true, None).expect("pdf");
        let empty_fresh =
            month_pdf_with(&agency(false), 2568, NOV, &[], &opts, false, None).expect("pdf");
        assert!(empty == empty_fresh);
    }

    /// Two months of the big year plus the fixture's October, so that titles, suppliers,
    /// amounts and page labels recur between the two documents and within each.
    fn two_months() -> [(YearMonth, Vec<Procurement>); 2] {
        let big = big_year(12 * 60);
        let mut oct = fiscal_year().months[&OCT].records.clone();
        oct.extend(big.months[&OCT].records.iter().cloned());
        let mut nov = big.months[&NOV].records.clone();
        for (i, r) in nov.iter_mut().enumerate() {
            if i % 4 == 0 {
                r.reason = Some("ราคาต่ำสุด ปั๊มน้ำ ญี่ปุ่น AVATAR Wave ดำเนินการ".into());
            }
            if i % 5 == 0 {
                r.title = format!("{} ฎีกา ปฏิบัติ ฐาน Type {i}", r.title);
            }
        }
        [(OCT, oct), (NOV, nov)]
    }

    /// A build shares one `ShapeCache` between all its months, in whatever order and on
    /// whatever threads they are produced: each month's bytes must be those of the month alone
    /// with every cache off, however full the shared cache already was.
    #[test]
    fn shared_shaping_cache_does_not_change_the_pdf() {
        let months = two_months();
        let a = agency(true);
        let opts = ExportOptions::default();
        let pdf = |(ym, records): &(YearMonth, Vec<Procurement>), shared: Option<&ShapeCache>| {
            month_pdf_with(&a, 2568, *ym, records, &opts, true, shared).expect("pdf")
        };
        let expected: Vec<Vec<u8>> = months
            .iter()
            .map(|(ym, records)| {
                month_pdf_with(&a, 2568, *ym, records, &opts, false, None).expect("pdf")
            })
            .collect();
        for (m, want) in months.iter().zip(&expected) {
            assert!(pdf(m, None) == *want, "per-document cache, {}", m.0.key());
        }

        for order in [[0, 1], [1, 0]] {
            let shapes = ShapeCache::default();
            let mut sizes = Vec::new();
            let mut waiting_rows = Vec::new();
            // The first pass keeps the texts the two months share, the second each month's
            // own ones (their second sighting). Rows alternate: the first pass wraps every row
            // and keeps it, the second takes them all and so draws lines it did not measure,
            // the third wraps again and adds those paragraphs' second sighting. From then on
            // the cache holds everything: the fourth pass adds nothing.
            for pass in 0..4 {
                for i in order {
                    assert!(
                        pdf(&months[i], Some(&shapes)) == expected[i],
                        "shared cache, order {order:?}, pass {pass}, {}",
                        months[i].0.key()
                    );
                }
                sizes.push(shapes.size().0);
                waiting_rows.push(shapes.rows.len());
            }
            assert!(
                sizes[0] > 50
                    && sizes[1] > sizes[0]
                    && sizes[2] >= sizes[1]
                    && sizes[3] == sizes[2],
                "{sizes:?}"
            );
            assert!(
                waiting_rows[0] > 40
                    && waiting_rows[1] == 0
                    && waiting_rows[2] == waiting_rows[0]
                    && waiting_rows[3] == 0,
                "{waiting_rows:?}"
            );
        }

        // Both months at once, repeatedly, so lookups and inserts interleave.
        let shapes = ShapeCache::default();
        for round in 0..3 {
            std::thread::scope(|scope| {
                let handles: Vec<_> = months
                    .iter()
                    .map(|m| scope.spawn(|| pdf(m, Some(&shapes))))
                    .collect();
                for (h, want) in handles.into_iter().zip(&expected) {
                    assert!(h.join().expect("thread") == *want, "threads, round {round}");
                }
            });
        }

        // A cache that fills up part-way through the first month.
        let small = ShapeCache::with_limit(20_000);
        for (m, want) in months.iter().zip(&expected) {
            assert!(pdf(m, Some(&small)) == *want, "full cache, {}", m.0.key());
        }
        assert!(small.size().1 <= 2 * 20_000);
    }

    /// The test-only uncached path must not read or fill a shared cache either.
    #[test]
    fn caches_off_bypass_the_shared_cache() {
        let [(ym, records), _] = two_months();
        let shapes = ShapeCache::default();
        let opts = ExportOptions::default();
        let off = month_pdf_with(
            &agency(false),
            2568,
            ym,
            &records,
            &opts,
            false,
            Some(&shapes),
        )
        .expect("pdf");
        assert_eq!(shapes.size(), (0, 0));
        let shared =
            month_pdf_shared(&agency(false), 2568, ym, &records, &opts, &shapes).expect("pdf");
        assert!(off == shared);
    }
}
