//! The document fonts (Liberation Serif, metric-compatible with Times New Roman): measured with the
//! same font files that draw them, and subset at the end to the glyphs a document uses (src/report/pdf.rs).

use printpdf::ParsedFont;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");
const ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf");

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

pub const FACES: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

pub struct Fonts {
    parsed: [ParsedFont; 3],
    /// Advance widths (font units) by code point below U+2200 — every Vietnamese letter and the
    /// punctuation used — per face: measuring is the inner loop of wrapping.
    widths: [Vec<u16>; 3],
    /// Glyph ids by code point below U+2200, per face: encoding text is the inner loop of writing.
    glyphs: [Vec<u16>; 3],
}

const FAST: u32 = 0x2200;

fn bytes(face: Face) -> &'static [u8] {
    match face {
        Face::Regular => REGULAR,
        Face::Bold => BOLD,
        Face::Italic => ITALIC,
    }
}

impl Fonts {
    pub fn load() -> Result<Fonts, String> {
        let parse = |face| {
            let mut warnings = Vec::new();
            ParsedFont::from_bytes(bytes(face), 0, &mut warnings)
                .ok_or_else(|| format!("phông chữ {face:?} không đọc được"))
        };
        let parsed = [parse(Face::Regular)?, parse(Face::Bold)?, parse(Face::Italic)?];
        let table = |f: &ParsedFont| -> Vec<u16> {
            let fallback = f.units_per_em / 2;
            (0..FAST).map(|c| f.lookup_glyph_index(c).and_then(|g| f.get_glyph_width(g)).unwrap_or(fallback)).collect()
        };
        let widths = [table(&parsed[0]), table(&parsed[1]), table(&parsed[2])];
        let gids = |f: &ParsedFont| -> Vec<u16> { (0..FAST).map(|c| f.lookup_glyph_index(c).unwrap_or(0)).collect() };
        let glyphs = [gids(&parsed[0]), gids(&parsed[1]), gids(&parsed[2])];
        Ok(Fonts { parsed, widths, glyphs })
    }

    fn font(&self, face: Face) -> &ParsedFont {
        &self.parsed[face as usize]
    }

    /// Width of `text` in points at `size`, from the font's own advance widths.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let font = self.font(face);
        let upm = f32::from(font.units_per_em.max(1));
        let table = &self.widths[face as usize];
        // u64: a 10-million-character name (refused at the door, but never a panic here) overflows u32.
        let units: u64 = text
            .chars()
            .map(|c| match table.get(c as usize) {
                Some(w) => u64::from(*w),
                None => {
                    let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
                    u64::from(font.get_glyph_width(gid).unwrap_or(upm as u16 / 2))
                }
            })
            .sum();
        units as f32 / upm * size
    }

    /// The glyph that draws `c` in `face` (0, the missing glyph, when the font has none).
    pub fn glyph(&self, face: Face, c: char) -> u16 {
        match self.glyphs[face as usize].get(c as usize) {
            Some(g) => *g,
            None => self.font(face).lookup_glyph_index(c as u32).unwrap_or(0),
        }
    }

    /// The advance width of glyph `gid` in thousandths of an em (a PDF font's /W).
    pub fn advance(&self, face: Face, gid: u16) -> i64 {
        let font = self.font(face);
        let upm = f32::from(font.units_per_em.max(1));
        (f32::from(font.get_glyph_width(gid).unwrap_or(0)) * 1000.0 / upm).round() as i64
    }

    /// What a PDF font descriptor says of `face`, in thousandths of an em: ascent, descent, bounding
    /// box, italic angle (degrees), whether italic, and an estimate of the stem width from its weight.
    pub fn metrics(&self, face: Face) -> Metrics {
        let font = self.font(face);
        let m = &font.pdf_font_metrics;
        let scale = |v: i16| (f32::from(v) * 1000.0 / f32::from(m.units_per_em.max(1))).round() as i64;
        let italic_angle = if m.caret_slope_rise == 0 {
            0
        } else {
            (-f32::from(m.caret_slope_run).atan2(f32::from(m.caret_slope_rise)).to_degrees()).round() as i64
        };
        Metrics {
            ascent: scale(font.font_metrics.ascent),
            descent: scale(font.font_metrics.descent),
            bbox: [scale(m.x_min), scale(m.y_min), scale(m.x_max), scale(m.y_max)],
            italic_angle,
            stem_v: if face == Face::Bold { 166 } else { 88 },
        }
    }

    /// The font program of `face` with only `glyphs` (ascending, without 0), the missing glyph
    /// first: the subset's glyph i is `glyphs[i - 1]`. `None` when subsetting fails.
    pub fn subset(&self, face: Face, glyphs: &[u16]) -> Option<Vec<u8>> {
        use allsorts::binary::read::ReadScope;
        use allsorts::font_data::FontData;
        use allsorts::subset::{CmapTarget, SubsetProfile, subset};
        let list: Vec<u16> = std::iter::once(0).chain(glyphs.iter().copied().filter(|g| *g != 0)).collect();
        let data = ReadScope::new(bytes(face)).read::<FontData<'_>>().ok()?;
        let provider = data.table_provider(0).ok()?;
        subset(&provider, &list, &SubsetProfile::Minimal, CmapTarget::Unicode).ok()
    }

    /// The whole font program of `face` (embedded when subsetting fails).
    pub fn program(&self, face: Face) -> &'static [u8] {
        bytes(face)
    }
}

/// A face's metrics for a PDF font descriptor (thousandths of an em).
pub struct Metrics {
    pub ascent: i64,
    pub descent: i64,
    pub bbox: [i64; 4],
    pub italic_angle: i64,
    pub stem_v: i64,
}

pub fn postscript_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "LiberationSerif",
        Face::Bold => "LiberationSerif-Bold",
        Face::Italic => "LiberationSerif-Italic",
    }
}

/// Six capital letters from a hash of the face and the glyphs of its subset (ISO 32000 9.6.4):
/// derived, not random, so the same session gives the same bytes.
pub fn subset_tag(face: Face, glyphs: &[u16]) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update([face as u8]);
    for g in glyphs {
        hash.update(g.to_le_bytes());
    }
    hash.finalize().iter().take(6).map(|b| char::from(b'A' + b % 26)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ten_million_letter_word_is_measured_without_overflow() {
        let fonts = Fonts::load().expect("bundled fonts");
        let one = fonts.width(Face::Regular, "G", 10.0);
        // Ten million G's are about 7.2e9 font units: past u32, where the sum once panicked.
        let many = fonts.width(Face::Regular, &"G".repeat(10_000_000), 10.0);
        assert!(one > 0.0 && (many / one - 1.0e7).abs() < 1.0e3, "{one} × 10^7 ≠ {many}");
    }
}
