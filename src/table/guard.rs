//! A zip-based workbook (XLSX, XLSM, ODS) checked before calamine opens it: calamine inflates and
//! keeps every shared string as it opens a workbook, and reserves as many slots as the file says, so
//! a few MB of hostile zip would take gigabytes. Here the central directory is read first (count of
//! parts, declared sizes, compression ratios), then every XML part is inflated as a stream through a
//! counter that stops at its declared size; the shared-string table is counted and every worksheet
//! cell that points into it is checked. Nothing is kept but counts, so memory stays small.

use super::Problem;
use crate::domain::session::excerpt;
use quick_xml::events::Event;
use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

/// The most one XML part of a workbook may inflate to.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// The most all XML parts together may inflate to.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;
/// The most parts a workbook may have (a list saved by Excel has about ten).
pub const MAX_PARTS: u64 = 10_000;
/// The highest compression ratio of a part over 1 MiB: office XML compresses 5–20 times, a bomb 1000.
pub const MAX_RATIO: u64 = 200;
/// The most shared strings (each costs calamine a `String` even when empty).
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;

/// The zip's end record: where to find the number of parts without building any index.
const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];

/// Refuses a workbook whose zip would cost more to open than a table can need.
pub fn check(path: &Path) -> Result<(), Problem> {
    let mut file = File::open(path)?;
    match declared_part_count(&mut file)? {
        // Not a readable zip: calamine says how it is damaged.
        None => return Ok(()),
        Some(n) if n > MAX_PARTS => return Err(Problem::TooManyParts { count: n }),
        Some(_) => {}
    }
    file.seek(SeekFrom::Start(0))?;
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else { return Ok(()) };
    let parts = xml_parts(&mut zip)?;
    // The shared strings first: the worksheets' indexes are checked against their count.
    let strings = match parts.iter().find(|p| p.name.to_lowercase().ends_with("sharedstrings.xml")) {
        Some(p) => inflate(&mut zip, p, count_shared_strings)?,
        None => 0,
    };
    for p in &parts {
        if p.name.starts_with("xl/worksheets/") {
            inflate(&mut zip, p, |xml, part| check_string_indexes(xml, part, strings))?;
        } else if !p.name.to_lowercase().ends_with("sharedstrings.xml") {
            inflate(&mut zip, p, |mut r: XmlSource, _: &str| {
                std::io::copy(&mut r, &mut std::io::sink()).map(|_| ()).map_err(Problem::from)
            })?;
        }
    }
    Ok(())
}

/// The number of parts the end record declares; `None` if there is no end record (not a zip).
fn declared_part_count(file: &mut File) -> Result<Option<u64>, Problem> {
    let len = file.seek(SeekFrom::End(0))?;
    // The end record is 22 bytes plus a comment of at most 65 535.
    let tail_len = len.min(22 + 65_535);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = Vec::new();
    file.take(tail_len).read_to_end(&mut tail)?;
    let Some(at) = tail.windows(4).rposition(|w| w == EOCD) else { return Ok(None) };
    let Some(count) = tail.get(at + 10..at + 12) else { return Ok(None) };
    let count = u64::from(u16::from_le_bytes([count[0], count[1]]));
    // 0xFFFF: a ZIP64 archive of 65 535 parts or more, far over the limit either way.
    Ok(Some(if count == 0xFFFF { u64::MAX } else { count }))
}

/// One XML part as the central directory declares it.
struct PartInfo {
    index: usize,
    name: String,
    size: u64,
}

/// The XML parts (the ones calamine reads), each checked for its declared size and ratio.
fn xml_parts<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<Vec<PartInfo>, Problem> {
    let mut parts = Vec::new();
    let mut total = 0u64;
    for index in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(index) else { continue };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let lower = name.to_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > MAX_PART_BYTES {
            return Err(Problem::PartTooLarge { part: excerpt(&name), bytes: size, limit: MAX_PART_BYTES });
        }
        if size > 1 << 20 && size / packed.max(1) > MAX_RATIO {
            return Err(Problem::PartTooCompressed { part: excerpt(&name), ratio: size / packed.max(1) });
        }
        total += size;
        if total > MAX_TOTAL_BYTES {
            return Err(Problem::PartTooLarge { part: excerpt(&name), bytes: total, limit: MAX_TOTAL_BYTES });
        }
        parts.push(PartInfo { index, name, size });
    }
    Ok(parts)
}

/// A part's inflated bytes, counted: reading past the declared size is an error (and is flagged).
struct XmlSource<'a> {
    inner: Box<dyn Read + 'a>,
    read: u64,
    limit: u64,
    overrun: Rc<Cell<bool>>,
}

impl Read for XmlSource<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            self.overrun.set(true);
            return Err(std::io::Error::other("part larger than declared"));
        }
        Ok(n)
    }
}

/// Runs `scan` over the part's inflated bytes; a part that inflates past its declared size is
/// refused whatever `scan` made of it, and an unreadable one is damaged.
fn inflate<R: Read + Seek, T>(
    zip: &mut zip::ZipArchive<R>,
    part: &PartInfo,
    scan: impl FnOnce(XmlSource<'_>, &str) -> Result<T, Problem>,
) -> Result<T, Problem> {
    let overrun = Rc::new(Cell::new(false));
    let entry = zip.by_index(part.index).map_err(|e| Problem::Damaged(format!("{}: {e}", part.name)))?;
    // The zip reader itself stops at the declared size for some methods: one byte more shows a lie.
    let source = XmlSource { inner: Box::new(entry), read: 0, limit: part.size, overrun: overrun.clone() };
    let result = scan(source, &part.name);
    if overrun.get() {
        return Err(Problem::PartSizeLies { part: excerpt(&part.name), declared: part.size });
    }
    result
}

fn xml_error(part: &str, e: impl std::fmt::Display) -> Problem {
    Problem::Damaged(format!("{}: {}", excerpt(part), excerpt(&e.to_string())))
}

/// The number of shared strings, refused beyond `MAX_SHARED_STRINGS` (declared or counted).
fn count_shared_strings(source: XmlSource<'_>, part: &str) -> Result<u64, Problem> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(source));
    let mut buf = Vec::new();
    let mut count = 0u64;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| xml_error(part, e))? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sst" => {
                    for key in ["uniqueCount", "count"] {
                        if let Ok(Some(a)) = e.try_get_attribute(key) {
                            let fits = a.value.parse::<u64>().is_ok_and(|n| n <= MAX_SHARED_STRINGS);
                            if !fits {
                                return Err(Problem::TooManyStrings { declared: excerpt(&a.value) });
                            }
                        }
                    }
                }
                "si" => {
                    count += 1;
                    if count > MAX_SHARED_STRINGS {
                        return Err(Problem::TooManyStrings { declared: count.to_string() });
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(count),
            _ => {}
        }
    }
}

/// Every cell of type "s" holds a decimal index below `strings` (calamine reads "-1" as 0).
fn check_string_indexes(source: XmlSource<'_>, part: &str, strings: u64) -> Result<(), Problem> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(source));
    let mut buf = Vec::new();
    // The reference of the shared-string cell being read, and whether its <v> is open.
    let mut cell: Option<String> = None;
    let mut in_value = false;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| xml_error(part, e))? {
            Event::Start(e) if e.local_name().as_ref() == "c" => {
                let shared = e.try_get_attribute("t").ok().flatten().is_some_and(|a| a.value == "s");
                let at = e.try_get_attribute("r").ok().flatten().map(|a| a.value.to_string()).unwrap_or_default();
                cell = shared.then_some(at);
            }
            Event::End(e) if e.local_name().as_ref() == "c" => cell = None,
            Event::Start(e) if e.local_name().as_ref() == "v" => in_value = cell.is_some(),
            Event::End(e) if e.local_name().as_ref() == "v" => in_value = false,
            Event::Text(t) if in_value => {
                let text = t.trim();
                let known = !text.is_empty()
                    && text.bytes().all(|b| b.is_ascii_digit())
                    && text.parse::<u64>().is_ok_and(|i| i < strings);
                if !known && !text.is_empty() {
                    return Err(Problem::BadSharedString {
                        part: excerpt(part),
                        cell: excerpt(cell.as_deref().unwrap_or("?")),
                        index: excerpt(text),
                        strings,
                    });
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}
