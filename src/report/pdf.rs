//! The PDF files themselves, written directly: pages as compressed content streams drawing text in
//! the fonts' own glyph ids, and at the end one subset of each face for the whole file (or for a
//! family of files: the score sheets all in one and by member share their pages and their fonts).
//!
//! Why not printpdf's writer: at province scale (50,000 pages) it spent most of the time in font
//! preparation, hex and float formatting and a second parse to compress; its files were 25 KB a page.
//! Here a page is encoded once, compressed once, and can be written into several files.
//!
//! Text uses Identity-H with CIDs = the glyph ids of the full font, so a page's stream does not
//! depend on the subset; each file's CIDToGIDMap maps them to the subset's glyphs, its /W gives the
//! widths and its /ToUnicode the characters (text can be searched and read back).

use super::fonts::{FACES, Face, Fonts, postscript_name, subset_tag};
use flate2::{Compression, write::ZlibEncoder};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Write as _;

/// The glyphs pages draw, per face: indexed by glyph id, the character it shows (the lowest when
/// several do). A table, not a map: every character drawn passes through `note`.
#[derive(Clone, Debug, Default)]
pub struct Glyphs([Vec<Option<char>>; 3]);

impl Glyphs {
    fn note(&mut self, face: Face, gid: u16, c: char) {
        let table = &mut self.0[face as usize];
        let i = usize::from(gid);
        if table.len() <= i {
            table.resize(i + 1, None);
        }
        let e = &mut table[i];
        *e = Some(e.map_or(c, |old| old.min(c)));
    }

    pub fn merge(&mut self, other: &Glyphs) {
        for face in FACES {
            for (g, c) in other.used(face) {
                self.note(face, g, c);
            }
        }
    }

    /// The glyphs of `face` in use, ascending, with their characters.
    fn used(&self, face: Face) -> impl Iterator<Item = (u16, char)> + '_ {
        self.0[face as usize].iter().enumerate().filter_map(|(g, c)| c.map(|c| (g as u16, c)))
    }
}

/// One finished page: its size in points and its content stream, deflated.
#[derive(Clone, Debug)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub content: Vec<u8>,
}

/// A page's drawing operators as they are made. Coordinates are PDF's (from the bottom left).
pub struct Content<'f> {
    fonts: &'f Fonts,
    ops: Vec<u8>,
    font: Option<(Face, f32)>,
    grey: bool,
    in_text: bool,
    /// Where the last string started, in hundredths of a point: the next is placed relative to it
    /// (`Td`, a few bytes, compressing well down a column) rather than by a whole matrix.
    at: (i64, i64),
    line_width: Option<f32>,
    in_path: bool,
}

fn hundredths(v: f32) -> i64 {
    (f64::from(v) * 100.0).round() as i64
}

/// `v` with at most two decimals and no trailing zeros: positions to 1/100 pt.
fn num(out: &mut Vec<u8>, v: f32) {
    num_hundredths(out, hundredths(v));
}

fn num_hundredths(out: &mut Vec<u8>, hundredths: i64) {
    if hundredths < 0 {
        out.push(b'-');
    }
    let a = hundredths.unsigned_abs();
    out.extend_from_slice((a / 100).to_string().as_bytes());
    let frac = a % 100;
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

impl<'f> Content<'f> {
    pub fn new(fonts: &'f Fonts) -> Content<'f> {
        Content {
            fonts,
            ops: Vec::with_capacity(16 * 1024),
            font: None,
            grey: false,
            in_text: false,
            at: (0, 0),
            line_width: None,
            in_path: false,
        }
    }

    fn nums(&mut self, values: &[f32]) {
        for v in values {
            num(&mut self.ops, *v);
            self.ops.push(b' ');
        }
    }

    fn end_path(&mut self) {
        if self.in_path {
            self.ops.extend_from_slice(b"S\n");
            self.in_path = false;
        }
    }

    /// One string with its baseline's start at (x, y); `stretch` points added after each space
    /// (a justified line, as a TJ array: still one string when read back, its spaces kept).
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        glyphs: &mut Glyphs,
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        text: &str,
        grey: bool,
        stretch: f32,
    ) {
        self.end_path();
        if !self.in_text {
            self.ops.extend_from_slice(b"BT\n");
            self.in_text = true;
            self.at = (0, 0);
        }
        if grey != self.grey {
            self.ops.extend_from_slice(if grey { b"0.45 g\n" } else { b"0 g\n" });
            self.grey = grey;
        }
        if self.font != Some((face, size)) {
            self.ops.extend_from_slice(format!("/F{} ", face as u8).as_bytes());
            self.nums(&[size]);
            self.ops.extend_from_slice(b"Tf\n");
            self.font = Some((face, size));
        }
        let to = (hundredths(x), hundredths(y));
        for d in [to.0 - self.at.0, to.1 - self.at.1] {
            num_hundredths(&mut self.ops, d);
            self.ops.push(b' ');
        }
        self.ops.extend_from_slice(b"Td\n");
        self.at = to;
        if stretch > 0.0 {
            self.ops.push(b'[');
            let offset = -stretch * 1000.0 / size;
            let mut words = text.split_inclusive(' ').peekable();
            while let Some(word) = words.next() {
                self.string(glyphs, face, word);
                if words.peek().is_some() {
                    num(&mut self.ops, offset);
                }
            }
            self.ops.extend_from_slice(b"]TJ\n");
        } else {
            self.string(glyphs, face, text);
            self.ops.extend_from_slice(b"Tj\n");
        }
    }

    /// A literal string of two-byte glyph ids, the bytes PDF gives a meaning escaped.
    fn string(&mut self, glyphs: &mut Glyphs, face: Face, text: &str) {
        self.ops.push(b'(');
        for c in text.chars() {
            let gid = self.fonts.glyph(face, c);
            glyphs.note(face, gid, c);
            for b in gid.to_be_bytes() {
                match b {
                    b'(' | b')' | b'\\' => self.ops.extend_from_slice(&[b'\\', b]),
                    b'\r' => self.ops.extend_from_slice(b"\\r"),
                    b'\n' => self.ops.extend_from_slice(b"\\n"),
                    _ => self.ops.push(b),
                }
            }
        }
        self.ops.push(b')');
    }

    /// A straight line `width` points thick; consecutive lines of one width are one path.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        if self.in_text {
            self.ops.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
        if self.line_width != Some(width) {
            self.end_path();
            self.nums(&[width]);
            self.ops.extend_from_slice(b"w\n");
            self.line_width = Some(width);
        }
        self.nums(&[x1, y1]);
        self.ops.extend_from_slice(b"m ");
        self.nums(&[x2, y2]);
        self.ops.extend_from_slice(b"l\n");
        self.in_path = true;
    }

    /// The page, its stream deflated.
    pub fn finish(mut self, width: f32, height: f32) -> Page {
        self.end_path();
        if self.in_text {
            self.ops.extend_from_slice(b"ET\n");
        }
        Page { width, height, content: deflate(&self.ops, Compression::fast()) }
    }
}

fn deflate(data: &[u8], level: Compression) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 3 + 64), level);
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// One face embedded: its objects' bodies, ready to be written into any file that uses them.
struct EmbeddedFace {
    face: Face,
    name: String,
    widths: String,
    to_unicode: Vec<u8>,
    cid_to_gid: Vec<u8>,
    program: Vec<u8>,
}

/// The fonts of a file (or of a family of files sharing pages): each face used, subset once.
pub struct Embedded(Vec<EmbeddedFace>);

/// The subsets of the faces `glyphs` uses. A face whose subsetting fails is embedded whole (its
/// glyph ids are then the CIDs themselves).
pub fn embed(fonts: &Fonts, glyphs: &Glyphs) -> Embedded {
    let mut faces = Vec::new();
    for face in FACES {
        let used: BTreeMap<u16, char> = glyphs.used(face).collect();
        if used.is_empty() {
            continue;
        }
        let gids: Vec<u16> = used.keys().copied().filter(|g| *g != 0).collect();
        let (program, subset) = match fonts.subset(face, &gids) {
            Some(p) => (p, true),
            None => (fonts.program(face).to_vec(), false),
        };
        let max = used.keys().copied().max().unwrap_or(0) as usize;
        let mut map = vec![0u8; 2 * (max + 1)];
        for (i, g) in gids.iter().enumerate() {
            let new = if subset { i as u16 + 1 } else { *g };
            map[2 * *g as usize..2 * *g as usize + 2].copy_from_slice(&new.to_be_bytes());
        }
        let widths: Vec<String> = used.keys().map(|g| format!("{g}[{}]", fonts.advance(face, *g))).collect();
        let tag = if subset { format!("{}+", subset_tag(face, &gids)) } else { String::new() };
        faces.push(EmbeddedFace {
            face,
            name: format!("{tag}{}", postscript_name(face)),
            widths: widths.join(" "),
            to_unicode: deflate(to_unicode(&used).as_bytes(), Compression::default()),
            cid_to_gid: deflate(&map, Compression::default()),
            program: deflate(&program, Compression::default()),
        });
    }
    Embedded(faces)
}

/// The ToUnicode CMap: each CID (glyph id) to its character, in UTF-16BE.
fn to_unicode(used: &BTreeMap<u16, char>) -> String {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) \
         /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 \
         begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let pairs: Vec<(&u16, &char)> = used.iter().collect();
    for chunk in pairs.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (g, c) in chunk {
            let hex: String = c.encode_utf16(&mut [0; 2]).iter().map(|u| format!("{u:04X}")).collect();
            s.push_str(&format!("<{g:04X}> <{hex}>\n"));
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s
}

/// A PDF file being written: objects appended with their offsets recorded for the xref table.
struct Writer {
    out: Vec<u8>,
    offsets: Vec<usize>,
}

impl Writer {
    fn reserve(&mut self) -> usize {
        self.offsets.push(0);
        self.offsets.len()
    }

    fn object(&mut self, id: usize, body: &[u8]) {
        self.offsets[id - 1] = self.out.len();
        self.out.extend_from_slice(format!("{id} 0 obj\n").as_bytes());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    fn stream(&mut self, id: usize, dict: &str, data: &[u8]) {
        let head = format!("<</Length {} /Filter /FlateDecode{dict}>>\nstream\n", data.len());
        let mut body = Vec::with_capacity(head.len() + data.len() + 10);
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.object(id, &body);
    }

    /// The faces' objects; the Type0 font of each, by face.
    fn fonts(&mut self, embedded: &Embedded, fonts: &Fonts) -> Vec<(Face, usize)> {
        let mut ids = Vec::new();
        for f in &embedded.0 {
            let [type0, cid, descriptor, program, unicode, map] = [(); 6].map(|()| self.reserve());
            let m = fonts.metrics(f.face);
            let flags = 32 + if m.italic_angle != 0 { 64 } else { 0 };
            let [x0, y0, x1, y1] = m.bbox;
            self.stream(program, "", &f.program);
            self.stream(unicode, "", &f.to_unicode);
            self.stream(map, "", &f.cid_to_gid);
            let desc = format!(
                "<</Type /FontDescriptor /FontName /{} /Flags {flags} /FontBBox [{x0} {y0} {x1} {y1}] /ItalicAngle {} \
                 /Ascent {} /Descent {} /CapHeight {} /StemV {} /FontFile2 {program} 0 R>>",
                f.name, m.italic_angle, m.ascent, m.descent, m.ascent, m.stem_v
            );
            self.object(descriptor, desc.as_bytes());
            let cid_font = format!(
                "<</Type /Font /Subtype /CIDFontType2 /BaseFont /{} /CIDSystemInfo <</Registry (Adobe) /Ordering \
                 (Identity) /Supplement 0>> /FontDescriptor {descriptor} 0 R /DW 500 /W [{}] /CIDToGIDMap {map} 0 R>>",
                f.name, f.widths
            );
            self.object(cid, cid_font.as_bytes());
            let font = format!(
                "<</Type /Font /Subtype /Type0 /BaseFont /{} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] \
                 /ToUnicode {unicode} 0 R>>",
                f.name
            );
            self.object(type0, font.as_bytes());
            ids.push((f.face, type0));
        }
        ids
    }
}

/// A PDF string in UTF-16BE with its byte-order mark: Vietnamese in the document information.
fn text_string(s: &str) -> String {
    let hex: String = s.encode_utf16().map(|u| format!("{u:04X}")).collect();
    format!("<FEFF{hex}>")
}

/// The file of `pages` (in order) with the faces of `embedded`: titled, produced by us, dated
/// `created` ("D:20230605000000Z", from the session), its identifier a hash of what it shows.
pub fn write<'p>(
    pages: impl Iterator<Item = &'p Page>,
    embedded: &Embedded,
    fonts: &Fonts,
    title: &str,
    created: &str,
    producer: &str,
) -> Vec<u8> {
    let pages: Vec<&Page> = pages.collect();
    // The file's size is known to within its objects' dictionaries: one allocation, no copying
    // of a 70 MB buffer as it grows.
    let size = pages.iter().map(|p| p.content.len() + 160).sum::<usize>()
        + embedded
            .0
            .iter()
            .map(|f| f.program.len() + f.to_unicode.len() + f.cid_to_gid.len() + f.widths.len() + 1024)
            .sum::<usize>();
    let mut w = Writer { out: Vec::with_capacity(size + 64 * 1024), offsets: Vec::with_capacity(2 * pages.len() + 32) };
    w.out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
    let [catalog, tree, resources, info] = [(); 4].map(|()| w.reserve());
    let mut hash = Sha256::new();
    hash.update(title.as_bytes());
    hash.update(created.as_bytes());
    let mut kids = Vec::new();
    for page in pages {
        let [page_id, content] = [(); 2].map(|()| w.reserve());
        hash.update(&page.content);
        w.stream(content, "", &page.content);
        let mut dict = format!("<</Type /Page /Parent {tree} 0 R /MediaBox [0 0 ");
        let mut size = Vec::new();
        num(&mut size, page.width);
        size.push(b' ');
        num(&mut size, page.height);
        dict.push_str(&String::from_utf8_lossy(&size));
        dict.push_str(&format!("] /Resources {resources} 0 R /Contents {content} 0 R>>"));
        w.object(page_id, dict.as_bytes());
        kids.push(format!("{page_id} 0 R"));
    }
    for f in &embedded.0 {
        hash.update(f.name.as_bytes());
    }
    let font_ids = w.fonts(embedded, fonts);
    let font_dict: String = font_ids.iter().map(|(face, id)| format!("/F{} {id} 0 R", *face as u8)).collect();
    w.object(resources, format!("<</Font <<{font_dict}>>>>").as_bytes());
    w.object(tree, format!("<</Type /Pages /Count {} /Kids [{}]>>", kids.len(), kids.join(" ")).as_bytes());
    w.object(catalog, format!("<</Type /Catalog /Pages {tree} 0 R>>").as_bytes());
    let info_dict = format!(
        "<</Title {} /Producer {} /Creator {} /CreationDate ({created}) /ModDate ({created})>>",
        text_string(title),
        text_string(producer),
        text_string(producer)
    );
    w.object(info, info_dict.as_bytes());
    let xref = w.out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", w.offsets.len() + 1);
    for offset in &w.offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    let id: String = hash.finalize()[..16].iter().map(|b| format!("{b:02X}")).collect();
    table.push_str(&format!(
        "trailer\n<</Size {} /Root {catalog} 0 R /Info {info} 0 R /ID [<{id}> <{id}>]>>\nstartxref\n{xref}\n%%EOF\n",
        w.offsets.len() + 1
    ));
    w.out.extend_from_slice(table.as_bytes());
    w.out
}
