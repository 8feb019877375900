//! The document fonts (Liberation Serif, metric-compatible with Times New Roman): measured with the
//! same font files that draw them, and subset at the end to the glyphs a document uses.

use printpdf::{ParsedFont, PdfDocument};
use std::collections::{BTreeMap, BTreeSet};

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
        Ok(Fonts { parsed, widths })
    }

    fn font(&self, face: Face) -> &ParsedFont {
        &self.parsed[face as usize]
    }

    /// Width of `text` in points at `size`, from the font's own advance widths.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        let font = self.font(face);
        let upm = f32::from(font.units_per_em.max(1));
        let table = &self.widths[face as usize];
        let units: u32 = text
            .chars()
            .map(|c| match table.get(c as usize) {
                Some(w) => u32::from(*w),
                None => {
                    let gid = font.lookup_glyph_index(c as u32).unwrap_or(0);
                    u32::from(font.get_glyph_width(gid).unwrap_or(upm as u16 / 2))
                }
            })
            .sum();
        units as f32 / upm * size
    }

    /// Adds each face to the document, subset to the characters `used` (per face); a face whose
    /// subsetting fails is embedded whole rather than lost. The font's id (its resource name and
    /// /BaseFont, "ABCDEF+LiberationSerif") is derived from the face and the characters, not
    /// random: the same session gives the same bytes.
    pub fn embed(
        &self,
        doc: &mut PdfDocument,
        used: &BTreeMap<Face, BTreeSet<char>>,
    ) -> BTreeMap<Face, printpdf::FontId> {
        let mut ids = BTreeMap::new();
        for face in FACES {
            let Some(chars) = used.get(&face) else { continue };
            let font = self.font(face);
            let parsed = subset(bytes(face), font, chars).unwrap_or_else(|| font.clone());
            // The subset font keeps no name table, so printpdf writes the id as /BaseFont: make
            // it the standard subset name.
            let id = printpdf::FontId(format!("{}+{}", subset_tag(face, chars), postscript_name(face)));
            doc.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(parsed));
            ids.insert(face, id);
        }
        ids
    }
}

fn postscript_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "LiberationSerif",
        Face::Bold => "LiberationSerif-Bold",
        Face::Italic => "LiberationSerif-Italic",
    }
}

/// Six capital letters from a hash of the face and the characters of its subset.
pub fn subset_tag(face: Face, chars: &BTreeSet<char>) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    hash.update([face as u8]);
    for c in chars {
        hash.update(u32::from(*c).to_le_bytes());
    }
    hash.finalize().iter().take(6).map(|b| char::from(b'A' + b % 26)).collect()
}

/// A copy of the font with only the glyphs of `chars` (and .notdef), with a Unicode cmap so that
/// text still maps to glyphs, and the same advance widths.
fn subset(bytes: &[u8], font: &ParsedFont, chars: &BTreeSet<char>) -> Option<ParsedFont> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};
    let mut glyphs: Vec<u16> = vec![0];
    let mut found: Vec<u16> =
        chars.iter().filter_map(|c| font.lookup_glyph_index(*c as u32)).filter(|g| *g != 0).collect();
    found.sort_unstable();
    found.dedup();
    glyphs.extend(found);
    let data = ReadScope::new(bytes).read::<FontData<'_>>().ok()?;
    let provider = data.table_provider(0).ok()?;
    let small = subset(&provider, &glyphs, &SubsetProfile::Minimal, CmapTarget::Unicode).ok()?;
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(&small, 0, &mut warnings)
}
