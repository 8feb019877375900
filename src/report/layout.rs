//! A small layout layer over printpdf: text measured with the font that draws it, wrapping, left /
//! centre / right alignment, tables whose header repeats on every page and whose rows never split,
//! blocks kept together (signatures), and page numbers "Trang x/y" added in a second pass.

use super::fonts::{Face, Fonts};
use super::pdf::{self, Glyphs};
use crate::domain::text::nfc;

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
        /// Extra points after each space: a justified line.
        stretch: f32,
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

/// What every page says at the bottom besides its number (a draft mark, or the locked session's
/// fingerprint), and the file's creation date in PDF form ("D:20230605000000Z"): from the session,
/// never the clock, so the same session gives the same bytes.
pub struct Mark {
    pub fingerprint: Option<String>,
    pub created: String,
}

/// Decree 30/2020 body text: a first-line indent of 1.27 cm, 6 pt between paragraphs.
pub const FIRST_LINE: f32 = 12.7 * MM;
pub const PARAGRAPH_GAP: f32 = 6.0;
pub const PRODUCER: &str = concat!("ocop-council ", env!("CARGO_PKG_VERSION"));

pub struct Layout<'f> {
    pub fonts: &'f Fonts,
    pages: Vec<Page>,
    /// Distance from the top of the current page to the next free line.
    pub y: f32,
    pub page_width: f32,
    pub page_height: f32,
    /// An administrative document numbers its pages at the top centre from page 2 (Decree 30);
    /// the others say "Trang x/y" in the footer.
    administrative: bool,
    /// Room kept at the foot of the text for the page footer (none when it is in the margin).
    footer: f32,
}

impl<'f> Layout<'f> {
    pub fn new(fonts: &'f Fonts, landscape: bool) -> Layout<'f> {
        let (w, h) = (210.0 * MM, 297.0 * MM);
        let (page_width, page_height) = if landscape { (h, w) } else { (w, h) };
        Layout {
            fonts,
            pages: vec![Page::default()],
            y: TOP,
            page_width,
            page_height,
            administrative: false,
            footer: FOOTER,
        }
    }

    /// Page numbers the Decree 30 way: centred at the top, from page 2.
    pub fn administrative(&mut self) {
        self.administrative = true;
    }

    pub fn content_width(&self) -> f32 {
        self.page_width - LEFT - RIGHT
    }

    /// For documents that write their own footer in the bottom margin (the score sheets): the
    /// text goes down to the margin.
    pub fn footer_in_margin(&mut self) {
        self.footer = 0.0;
    }

    fn bottom(&self) -> f32 {
        self.page_height - BOTTOM - self.footer
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
        self.wrap_widths(text, face, size, &|_| width)
    }

    /// `wrap` with the width of each line by its index (a first line indented is narrower).
    pub fn wrap_widths(&self, text: &str, face: Face, size: f32, width_of: &dyn Fn(usize) -> f32) -> Vec<String> {
        let space = self.fonts.width(face, " ", size);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let width = width_of(lines.len());
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
        // Measured only when it moves the text: most strings are left-aligned table cells.
        let x = match style.align {
            Align::Left => x,
            Align::Center => x + (width - self.fonts.width(style.face, &text, style.size)) / 2.0,
            Align::Right => x + width - self.fonts.width(style.face, &text, style.size),
        };
        let baseline = top + style.size * 0.95;
        let draw = Draw::Text { x, y: baseline, face: style.face, size: style.size, text, grey: false, stretch: 0.0 };
        self.page().draws.push(draw);
    }

    /// One line filling [x, x + width] exactly, its spaces widened (a justified line).
    fn justified_at(&mut self, x: f32, top: f32, width: f32, text: &str, style: Style) {
        let spaces = text.matches(' ').count();
        let natural = self.fonts.width(style.face, text, style.size);
        let stretch = if spaces == 0 { 0.0 } else { (width - natural) / spaces as f32 };
        // A line with one or two long words is not spread across the page.
        let stretch = if stretch > style.size * 0.6 { 0.0 } else { stretch.max(0.0) };
        let (face, size, text) = (style.face, style.size, text.to_string());
        self.page().draws.push(Draw::Text { x, y: top + size * 0.95, face, size, text, grey: false, stretch });
    }

    /// A body paragraph (Decree 30): justified, the first line indented 1.27 cm, 6 pt after it.
    pub fn body(&mut self, text: &str, style: Style) {
        self.body_indented(text, style, FIRST_LINE);
    }

    /// A justified paragraph whose first line starts `first` in (a list item: 0).
    pub fn body_indented(&mut self, text: &str, style: Style, first: f32) {
        let width = self.content_width();
        let lines =
            self.wrap_widths(&nfc(text), style.face, style.size, &|i| if i == 0 { width - first } else { width });
        let last = lines.len().saturating_sub(1);
        for (i, line) in lines.iter().enumerate() {
            // Two lines of a paragraph stay together at the foot of a page.
            let need = if i == 0 && last > 0 { 2.0 } else { 1.0 };
            self.ensure(style.line_height() * need);
            let x = if i == 0 { LEFT + first } else { LEFT };
            let w = if i == 0 { width - first } else { width };
            if i < last && style.align == Align::Left {
                self.justified_at(x, self.y, w, line, style);
            } else {
                self.text_at(x, self.y, w, line, style);
            }
            self.y += style.line_height();
        }
        self.y += PARAGRAPH_GAP;
    }

    /// A heading that never stands alone at the foot of a page: it moves on with `next` points of
    /// what it introduces.
    pub fn heading(&mut self, text: &str, style: Style, next: f32) {
        let lines = self.wrap(&nfc(text), style.face, style.size, self.content_width()).len();
        self.keep_together(lines as f32 * style.line_height() + next);
        self.paragraph(text, style, 0.0);
        self.y += PARAGRAPH_GAP / 2.0;
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
        let note = match &mark.fingerprint {
            None => "DỰ THẢO — kết quả chưa khóa".to_string(),
            Some(fp) => format!("Dấu vân tay phiên họp: {fp}"),
        };
        for i in 0..total {
            let last = self.pages.len() - 1;
            // Draw into page i by temporarily making it the current one.
            self.pages.swap(i, last);
            if !self.administrative {
                let number = format!("Trang {}/{total}", i + 1);
                self.text_at(LEFT, footer_top, width, &number, Style::new(Face::Regular, 10.0, Align::Center));
            } else if i > 0 {
                let number = (i + 1).to_string();
                self.text_at(LEFT, TOP - 11.0 * MM, width, &number, Style::new(Face::Regular, 13.0, Align::Center));
            }
            self.text_at(LEFT, footer_top, width, &note, Style::new(Face::Italic, 9.0, Align::Left));
            if mark.fingerprint.is_none() {
                self.text_at(LEFT, TOP - 14.0 * MM + 2.0, width, "DỰ THẢO", Style::new(Face::Bold, 12.0, Align::Right));
                if let Some(Draw::Text { grey, .. }) = self.page().draws.last_mut() {
                    *grey = true;
                }
            }
            self.pages.swap(i, last);
        }
        self.render(title, &mark.created)
    }

    /// The PDF as drawn, without page numbers or the session's mark: for documents that are not
    /// a session's record (the register's one-page statistics). `created` is a PDF date.
    pub fn finish_unmarked(self, title: &str, created: &str) -> Vec<u8> {
        self.render(title, created)
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

    /// The pages drawn so far, encoded (their text noted in `glyphs`); the layout goes on from a
    /// fresh page. The score sheets hand over each sheet's pages once stamped, so a member's
    /// thousand pages are never held as drawings.
    pub fn take_pages(&mut self, glyphs: &mut Glyphs) -> Vec<pdf::Page> {
        let pages = std::mem::replace(&mut self.pages, vec![Page::default()]);
        self.y = TOP;
        pages.into_iter().map(|page| self.encode(page, glyphs)).collect()
    }

    /// One page as a PDF content stream: all text first (one text section, the font set only when
    /// it changes), then the lines as paths.
    fn encode(&self, page: Page, glyphs: &mut Glyphs) -> pdf::Page {
        let h = self.page_height;
        let mut content = pdf::Content::new(self.fonts);
        for d in &page.draws {
            if let Draw::Text { x, y, face, size, text, grey, stretch } = d {
                content.text(glyphs, *x, h - *y, *face, *size, text, *grey, *stretch);
            }
        }
        for d in &page.draws {
            if let Draw::Line { x1, y1, x2, y2, width } = d {
                content.line(*x1, h - *y1, *x2, h - *y2, *width);
            }
        }
        content.finish(self.page_width, self.page_height)
    }

    fn render(mut self, title: &str, created: &str) -> Vec<u8> {
        let mut glyphs = Glyphs::default();
        let pages = self.take_pages(&mut glyphs);
        let embedded = pdf::embed(self.fonts, &glyphs);
        pdf::write(pages.iter(), &embedded, self.fonts, title, created, PRODUCER)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(l: &Layout<'_>, page: usize) -> Vec<(f32, String, f32)> {
        l.pages[page]
            .draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { x, text, stretch, .. } => Some((*x, text.clone(), *stretch)),
                Draw::Line { .. } => None,
            })
            .collect()
    }

    #[test]
    fn a_heading_moves_on_with_what_it_introduces() {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, false);
        let body = Style::new(Face::Regular, 13.0, Align::Left);
        l.y = l.bottom() - 2.0 * body.line_height();
        l.heading("II. NỘI DUNG", Style::new(Face::Bold, 13.0, Align::Left), 3.0 * body.line_height());
        assert_eq!(l.pages.len(), 2, "the heading went to the next page");
        assert!(texts(&l, 0).is_empty() && texts(&l, 1)[0].1 == "II. NỘI DUNG");
    }

    #[test]
    fn body_text_is_justified_with_an_indented_first_line() {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, false);
        let body = Style::new(Face::Regular, 13.0, Align::Left);
        let words = "Hội đồng đã xem xét mười hai hồ sơ sản phẩm và từng thành viên chấm điểm theo bộ tiêu chí. ";
        l.body(&words.repeat(4), body);
        let lines = texts(&l, 0);
        assert!(lines.len() >= 3);
        assert!((lines[0].0 - (LEFT + FIRST_LINE)).abs() < 0.01, "first line indented 1.27 cm");
        assert!((lines[1].0 - LEFT).abs() < 0.01);
        for (i, (x, text, stretch)) in lines.iter().enumerate() {
            let last = i + 1 == lines.len();
            if last {
                assert_eq!(*stretch, 0.0, "the last line is not spread");
                continue;
            }
            assert!(*stretch > 0.0, "line {i} justified");
            let spaces = text.matches(' ').count() as f32;
            let right = x + fonts.width(Face::Regular, text, 13.0) + spaces * stretch;
            assert!((right - (LEFT + l.content_width())).abs() < 0.05, "line {i} ends at the margin");
        }
        let before = l.y;
        l.body("Một đoạn.", body);
        assert!(l.y - before >= body.line_height() + 6.0, "6 pt between paragraphs");
    }
}
