//! A small layout layer over printpdf: text measured with the font that draws it, wrapping, left /
//! centre / right alignment, tables whose header repeats on every page and whose rows never split,
//! blocks kept together (signatures), and page numbers "Trang x/y" added in a second pass.

use super::fonts::{Face, Fonts};
use crate::domain::text::nfc;
use printpdf::{
    Color, Greyscale, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, Point, Pt, TextItem, TextMatrix,
};
use std::collections::{BTreeMap, BTreeSet};

pub const MM: f32 = 72.0 / 25.4;
/// Decree 30/2020 margins.
pub const TOP: f32 = 20.0 * MM;
pub const BOTTOM: f32 = 20.0 * MM;
pub const LEFT: f32 = 30.0 * MM;
pub const RIGHT: f32 = 15.0 * MM;
/// Room kept at the bottom for the page footer.
const FOOTER: f32 = 14.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub align: Align,
}

impl Style {
    pub const fn new(face: Face, size: f32, align: Align) -> Style {
        Style { face, size, align }
    }
    pub fn line_height(&self) -> f32 {
        self.size * 1.25
    }
}

#[derive(Clone, Debug)]
enum Draw {
    /// Baseline at `y` (from the top of the page).
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        text: String,
        grey: bool,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
}

#[derive(Clone, Debug, Default)]
struct Page {
    draws: Vec<Draw>,
}

/// A table column: its width in points and how its cells align.
#[derive(Clone, Copy, Debug)]
pub struct Col {
    pub width: f32,
    pub align: Align,
}

/// Columns from fractions of `total` width: `columns(w, &[(0.1, Align::Center), (0.9, Align::Left)])`.
pub fn columns(total: f32, spec: &[(f32, Align)]) -> Vec<Col> {
    spec.iter().map(|&(fraction, align)| Col { width: total * fraction, align }).collect()
}

/// What every page says at the bottom besides its number: a draft mark or the locked fingerprint.
pub enum Mark {
    Draft,
    Locked(String),
}

pub struct Layout<'f> {
    pub fonts: &'f Fonts,
    pages: Vec<Page>,
    /// Distance from the top of the current page to the next free line.
    pub y: f32,
    pub page_width: f32,
    pub page_height: f32,
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f Fonts, landscape: bool) -> Layout<'f> {
        let (w, h) = (210.0 * MM, 297.0 * MM);
        let (page_width, page_height) = if landscape { (h, w) } else { (w, h) };
        Layout { fonts, pages: vec![Page::default()], y: TOP, page_width, page_height }
    }

    pub fn content_width(&self) -> f32 {
        self.page_width - LEFT - RIGHT
    }

    fn bottom(&self) -> f32 {
        self.page_height - BOTTOM - FOOTER
    }

    pub fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.remaining() < height && self.y > TOP {
            self.new_page();
        }
    }

    pub fn space(&mut self, height: f32) {
        self.y += height;
    }

    fn page(&mut self) -> &mut Page {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Breaks `text` into lines no wider than `width` (words kept whole unless a word alone is wider).
    /// Widths add up word by word: measuring each candidate line from scratch was quadratic.
    pub fn wrap(&self, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let space = self.fonts.width(face, " ", size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let word_w = self.fonts.width(face, word, size);
                let joined = if line.is_empty() { word_w } else { line_w + space + word_w };
                if joined <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w = joined;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word_w <= width {
                    line.push_str(word);
                    line_w = word_w;
                    continue;
                }
                // A word wider than the column is cut by characters.
                line_w = 0.0;
                for c in word.chars() {
                    let c_w = self.fonts.width(face, c.encode_utf8(&mut [0; 4]), size);
                    if line_w + c_w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += c_w;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// One line of text in the box [x, x + width], aligned, with its baseline `size` below `top`.
    pub fn text_at(&mut self, x: f32, top: f32, width: f32, text: &str, style: Style) {
        let text = if unicode_normalization::is_nfc(text) { text.to_string() } else { nfc(text) };
        let w = self.fonts.width(style.face, &text, style.size);
        let x = match style.align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        let baseline = top + style.size * 0.95;
        self.page().draws.push(Draw::Text { x, y: baseline, face: style.face, size: style.size, text, grey: false });
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        self.page().draws.push(Draw::Line { x1, y1, x2, y2, width });
    }

    /// A wrapped paragraph across the content width (or from `indent`), flowing over pages.
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        let width = self.content_width() - indent;
        for line in self.wrap(&nfc(text), style.face, style.size, width) {
            self.ensure(style.line_height());
            self.text_at(LEFT + indent, self.y, width, &line, style);
            self.y += style.line_height();
        }
    }

    /// Lines that must stay on one page together (a signature block, a heading and what follows).
    pub fn keep_together(&mut self, height: f32) {
        self.ensure(height);
    }

    /// A table with a repeated header; a row moves whole to the next page when it does not fit.
    pub fn table(&mut self, cols: &[Col], header: &[String], rows: &[Vec<String>], size: f32) {
        let pad = if size < 10.0 { 1.8 } else { 2.5 };
        let head_style = Style::new(Face::Bold, size, Align::Center);
        let cell_lines = |this: &Self, cells: &[String], face: Face| -> Vec<Vec<String>> {
            cells.iter().zip(cols).map(|(c, col)| this.wrap(c, face, size, col.width - 2.0 * pad)).collect()
        };
        let line_h = size * 1.2;
        let height_of =
            |lines: &[Vec<String>]| lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * pad;
        let head = cell_lines(self, header, Face::Bold);
        let head_h = height_of(&head);
        // Cells write their text and the line under the row; the column rules are drawn once per
        // page for the whole run of rows (six lines a row made a 4,000-page file of sheets slow).
        let draw_row = |this: &mut Self, lines: &[Vec<String>], h: f32, style_of: &dyn Fn(usize) -> Style| {
            let top = this.y;
            let mut x = LEFT;
            for (i, (cell, col)) in lines.iter().zip(cols).enumerate() {
                let style = style_of(i);
                for (k, l) in cell.iter().enumerate() {
                    this.text_at(x + pad, top + pad + k as f32 * line_h, col.width - 2.0 * pad, l, style);
                }
                x += col.width;
            }
            this.line(LEFT, top + h, x, top + h, 0.5);
            this.y += h;
        };
        let rules = |this: &mut Self, from: f32| {
            let to = this.y;
            let mut x = LEFT;
            this.line(LEFT, from, LEFT + cols.iter().map(|c| c.width).sum::<f32>(), from, 0.5);
            this.line(x, from, x, to, 0.5);
            for col in cols {
                x += col.width;
                this.line(x, from, x, to, 0.5);
            }
        };
        self.ensure(head_h + line_h + 2.0 * pad);
        let mut from = self.y;
        draw_row(self, &head, head_h, &|_| head_style);
        for row in rows {
            let lines = cell_lines(self, row, Face::Regular);
            let h = height_of(&lines);
            if self.remaining() < h {
                rules(self, from);
                self.new_page();
                from = self.y;
                draw_row(self, &head, head_h, &|_| head_style);
            }
            draw_row(self, &lines, h, &|i| Style::new(Face::Regular, size, cols[i].align));
        }
        rules(self, from);
    }

    /// Second pass: "Trang x/y" and the mark on every page, then the PDF with subset fonts.
    pub fn finish(mut self, title: &str, mark: &Mark) -> Vec<u8> {
        let total = self.pages.len();
        let footer_top = self.page_height - BOTTOM - 10.0;
        let width = self.content_width();
        let note = match mark {
            Mark::Draft => "DỰ THẢO — kết quả chưa khóa".to_string(),
            Mark::Locked(fp) => format!("Dấu vân tay phiên họp: {fp}"),
        };
        for i in 0..total {
            let last = self.pages.len() - 1;
            // Draw into page i by temporarily making it the current one.
            self.pages.swap(i, last);
            self.text_at(
                LEFT,
                footer_top,
                width,
                &format!("Trang {}/{total}", i + 1),
                Style::new(Face::Regular, 10.0, Align::Center),
            );
            self.text_at(LEFT, footer_top, width, &note, Style::new(Face::Italic, 9.0, Align::Left));
            if matches!(mark, Mark::Draft) {
                self.text_at(LEFT, TOP - 14.0 * MM + 2.0, width, "DỰ THẢO", Style::new(Face::Bold, 12.0, Align::Right));
                if let Some(Draw::Text { grey, .. }) = self.page().draws.last_mut() {
                    *grey = true;
                }
            }
            self.pages.swap(i, last);
        }
        self.render(title)
    }

    /// How many pages the document has so far (the score sheets number their own pages).
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// One line of text on an earlier page `page` (0-based), as `text_at` draws on the current one.
    pub fn text_on_page(&mut self, page: usize, x: f32, top: f32, width: f32, text: &str, style: Style) {
        let last = self.pages.len() - 1;
        if page > last {
            return;
        }
        self.pages.swap(page, last);
        self.text_at(x, top, width, text, style);
        self.pages.swap(page, last);
    }

    /// The PDF as drawn, without "Trang x/y" or a mark: for documents that write their own (the
    /// score sheets say which sheet, product and member each page belongs to).
    pub fn finish_unmarked(self, title: &str) -> Vec<u8> {
        self.render(title)
    }

    fn render(self, title: &str) -> Vec<u8> {
        let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
        for page in &self.pages {
            for d in &page.draws {
                if let Draw::Text { face, text, .. } = d {
                    used.entry(*face).or_default().extend(text.chars());
                }
            }
        }
        let mut doc = PdfDocument::new(title);
        let ids = self.fonts.embed(&mut doc, &used);
        let h = self.page_height;
        let pages: Vec<PdfPage> = self
            .pages
            .iter()
            .map(|page| {
                // All of a page's text in one text section, placed with absolute text matrices, the
                // font set only when it changes: a third of the operators of one section per string.
                let mut ops = Vec::with_capacity(page.draws.len() * 3 + 4);
                let mut current: Option<(Face, f32)> = None;
                let mut grey_now = false;
                ops.push(Op::StartTextSection);
                for d in &page.draws {
                    let Draw::Text { x, y, face, size, text, grey } = d else { continue };
                    let Some(id) = ids.get(face) else { continue };
                    if *grey != grey_now {
                        let percent = if *grey { 0.45 } else { 0.0 };
                        ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale { percent, icc_profile: None }) });
                        grey_now = *grey;
                    }
                    if current != Some((*face, *size)) {
                        ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(*size) });
                        current = Some((*face, *size));
                    }
                    ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(h - *y)) });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                }
                ops.push(Op::EndTextSection);
                let mut thickness = None;
                for d in &page.draws {
                    let Draw::Line { x1, y1, x2, y2, width } = d else { continue };
                    if thickness != Some(*width) {
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        thickness = Some(*width);
                    }
                    ops.push(Op::DrawLine {
                        line: Line {
                            points: vec![
                                LinePoint { p: Point { x: Pt(*x1), y: Pt(h - *y1) }, bezier: false },
                                LinePoint { p: Point { x: Pt(*x2), y: Pt(h - *y2) }, bezier: false },
                            ],
                            is_closed: false,
                        },
                    });
                }
                PdfPage::new(Mm(self.page_width / MM), Mm(self.page_height / MM), ops)
            })
            .collect();
        let mut warnings = Vec::new();
        let options = printpdf::PdfSaveOptions { optimize: false, ..Default::default() };
        compress_fast(doc.with_pages(pages).save(&options, &mut warnings))
    }
}

/// Deflates every uncompressed stream at the fast level. printpdf's own optimisation compresses at
/// zlib's best level, which was a third of the time of a 500-page file of score sheets for a few
/// percent of size. A file that cannot be re-read is returned as it was: valid, only larger.
fn compress_fast(raw: Vec<u8>) -> Vec<u8> {
    use flate2::{Compression, write::ZlibEncoder};
    use lopdf::Object;
    use std::io::Write;
    let Ok(mut doc) = lopdf::Document::load_mem(&raw) else { return raw };
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else { continue };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::fast());
        let Ok(packed) = encoder.write_all(&stream.content).and_then(|()| encoder.finish()) else { continue };
        if packed.len() < stream.content.len() {
            stream.set_content(packed);
            stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        }
    }
    let mut out = Vec::with_capacity(raw.len() / 3);
    match doc.save_to(&mut out) {
        Ok(()) => out,
        Err(_) => raw,
    }
}
