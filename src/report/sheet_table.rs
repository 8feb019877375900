//! The criteria table of one score sheet, drawn compactly so a sheet fits in three pages at 9 pt:
//! parts and groups in bold, each leaf criterion one block (its heading and its options, the points
//! and the mark aligned per option) that never splits from its heading, the header repeated on
//! every page.

use super::fonts::Face;
use super::layout::{Align, LEFT as PAGE_LEFT, Layout, MM, Style};
use crate::domain::criteria::{Criterion, SheetIndex};
use crate::domain::scoring::SheetTotal;
use crate::domain::session::ScoreSheet;

pub const SIZE: f32 = 9.0;
const PAD: f32 = 0.7;
const LINE: f32 = SIZE * 1.04;
/// Criterion text, maximum, chosen mark, points obtained.
const FRACTIONS: [f32; 4] = [0.835, 0.055, 0.055, 0.055];
/// A form, not an administrative text: the table uses 20 mm left and 10 mm right margins.
const LEFT: f32 = PAGE_LEFT - 10.0 * MM;
const WIDER: f32 = 15.0 * MM;
const INDENT: &str = "\u{a0}\u{a0}\u{a0}\u{a0}";

/// One printed line of a block: the text of the first column and what the other columns say on it.
struct Line {
    text: String,
    face: Face,
    /// A part's, group's or criterion's heading (not an option): never the last line of a page.
    heading: bool,
    cells: [String; 3],
}

struct Table {
    widths: [f32; 4],
    /// Top of the current page's run of rows, for the column rules.
    from: f32,
}

pub fn draw(l: &mut Layout<'_>, index: &SheetIndex<'_>, sheet: Option<&ScoreSheet>, totals: Option<&SheetTotal>) {
    let w = l.content_width() + WIDER;
    let mut t = Table { widths: FRACTIONS.map(|f| f * w), from: l.y };
    l.ensure(4.0 * LINE * 2.0);
    t.header(l);
    for (pi, part) in index.sheet.parts.iter().enumerate() {
        let got = totals.map(|t| t.parts[pi].to_string()).unwrap_or_default();
        let head = format!("PHẦN {}: {}", part.code, part.title);
        // A part's title comes with its first criterion's block.
        let mut carry = vec![Line {
            text: head,
            face: Face::Bold,
            heading: true,
            cells: [part.max.to_string(), String::new(), got],
        }];
        for (ci, c) in part.criteria.iter().enumerate() {
            let pass = if ci == 0 { std::mem::take(&mut carry) } else { Vec::new() };
            t.criterion(l, c, sheet, index, pass);
        }
        t.block(l, carry);
    }
    t.rules(l);
}

/// The lines of a leaf criterion: its heading, then one line per option (and "none" when chosen).
fn leaf_block(c: &Criterion, sheet: Option<&ScoreSheet>, index: &SheetIndex<'_>) -> Vec<Line> {
    let chosen = sheet.and_then(|s| s.choices.get(&c.code).copied());
    let points = chosen.and_then(|o| index.points(&c.code, o)).map(|p| p.to_string()).unwrap_or_default();
    let mut lines = vec![Line {
        text: format!("{} {}", c.code, c.title),
        face: Face::Regular,
        heading: true,
        cells: [c.max.to_string(), String::new(), points],
    }];
    for (i, o) in c.options.iter().enumerate() {
        let mark = if chosen == Some(i as u8 + 1) { "X" } else { "" };
        let star = o.min_star.map(|s| format!(" ({})", "*".repeat(usize::from(s)))).unwrap_or_default();
        lines.push(Line {
            text: format!("{INDENT}{}. {}{star}", i + 1, o.label),
            face: Face::Regular,
            heading: false,
            cells: [o.points.to_string(), mark.into(), String::new()],
        });
    }
    if chosen == Some(0) {
        lines.push(Line {
            text: format!("{INDENT}Không đạt phương án nào"),
            face: Face::Regular,
            heading: false,
            cells: ["0".into(), "X".into(), String::new()],
        });
    }
    lines
}

impl Table {
    fn header(&mut self, l: &mut Layout<'_>) {
        self.from = l.y;
        let head = ["Tiêu chí / phương án", "Điểm", "Chọn", "Đạt"];
        let mut x = LEFT;
        for (text, w) in head.iter().zip(self.widths) {
            l.text_at(x + PAD, l.y + PAD, w - 2.0 * PAD, text, Style::new(Face::Bold, SIZE, Align::Center));
            x += w;
        }
        l.y += LINE + 2.0 * PAD;
        l.line(LEFT, l.y, x, l.y, 0.5);
    }

    /// The column rules of the page's run of rows, and the line above the header.
    fn rules(&self, l: &mut Layout<'_>) {
        let right = LEFT + self.widths.iter().sum::<f32>();
        l.line(LEFT, self.from, right, self.from, 0.5);
        let mut x = LEFT;
        l.line(x, self.from, x, l.y, 0.5);
        for w in self.widths {
            x += w;
            l.line(x, self.from, x, l.y, 0.5);
        }
    }

    /// A criterion's block, with `carry` (the headings above it) kept on its page.
    fn criterion(
        &mut self,
        l: &mut Layout<'_>,
        c: &Criterion,
        sheet: Option<&ScoreSheet>,
        index: &SheetIndex<'_>,
        mut carry: Vec<Line>,
    ) {
        if c.children.is_empty() {
            carry.extend(leaf_block(c, sheet, index));
            self.block(l, carry);
            return;
        }
        carry.push(Line {
            text: format!("{} {}", c.code, c.title),
            face: Face::Bold,
            heading: true,
            cells: [c.max.to_string(), String::new(), String::new()],
        });
        for (i, ch) in c.children.iter().enumerate() {
            let pass = if i == 0 { std::mem::take(&mut carry) } else { Vec::new() };
            self.criterion(l, ch, sheet, index, pass);
        }
        self.block(l, carry);
    }

    /// A block's lines, a rule under them. When they do not fit, the page takes the headings and
    /// the options that fit (at least one: a heading never ends a page) and the rest go on the
    /// next page under the repeated header; when not even that fits, the whole block goes on.
    fn block(&mut self, l: &mut Layout<'_>, lines: Vec<Line>) {
        if lines.is_empty() {
            return;
        }
        let text_w = self.widths[0] - 2.0 * PAD;
        let wrapped: Vec<Vec<String>> = lines.iter().map(|ln| l.wrap(&ln.text, ln.face, SIZE, text_w)).collect();
        let height = |w: &[Vec<String>]| w.iter().map(Vec::len).sum::<usize>() as f32 * LINE + 2.0 * PAD;
        if l.remaining() < height(&wrapped) {
            let heads = lines.iter().take_while(|ln| ln.heading).count();
            let fit = (0..=lines.len()).take_while(|&n| height(&wrapped[..n]) <= l.remaining()).last().unwrap_or(0);
            if fit > heads {
                self.lines(l, &lines[..fit], &wrapped[..fit]);
                self.next_page(l);
                self.lines(l, &lines[fit..], &wrapped[fit..]);
                return;
            }
            self.next_page(l);
        }
        self.lines(l, &lines, &wrapped);
    }

    fn next_page(&mut self, l: &mut Layout<'_>) {
        self.rules(l);
        l.new_page();
        self.header(l);
    }

    /// Lines drawn from the current position, their cells aligned, a rule under them.
    fn lines(&self, l: &mut Layout<'_>, lines: &[Line], wrapped: &[Vec<String>]) {
        let text_w = self.widths[0] - 2.0 * PAD;
        let top = l.y;
        let mut y = top + PAD;
        for (ln, texts) in lines.iter().zip(wrapped) {
            let mut x = LEFT + self.widths[0];
            for (cell, w) in ln.cells.iter().zip(&self.widths[1..]) {
                l.text_at(x + PAD, y, w - 2.0 * PAD, cell, Style::new(ln.face, SIZE, Align::Center));
                x += w;
            }
            for (k, t) in texts.iter().enumerate() {
                // An option's continuation lines keep its indent (the non-breaking spaces are on its first).
                let indent = if k > 0 && ln.text.starts_with(INDENT) { INDENT } else { "" };
                l.text_at(LEFT + PAD, y, text_w, &format!("{indent}{t}"), Style::new(ln.face, SIZE, Align::Left));
                y += LINE;
            }
        }
        l.y = y + PAD;
        l.line(LEFT, l.y, LEFT + self.widths.iter().sum::<f32>(), l.y, 0.5);
    }
}
