//! CSV lists as offices save them: UTF-8 with or without BOM (or UTF-16 from Excel's "Unicode text"),
//! comma, semicolon or tab separated, quoted cells with line breaks. A file in a legacy code page
//! (Windows-1258, CP1252) is refused with a problem instead of importing mojibake. The cells are
//! split by the `csv` crate; the decoding and the choice of separator are ours.

use super::{Problem, Rows};

/// The text of a list file, or why it cannot be read as text.
pub fn decode(bytes: &[u8]) -> Result<String, Problem> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|_| Problem::BrokenUtf8);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        return String::from_utf16(&units).map_err(|_| Problem::BrokenUtf16);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| Problem::LegacyCodePage)
}

/// Whichever of `;` tab `,` the first lines use most.
fn separator(text: &str) -> u8 {
    // Counted over the first lines, not the first one alone: lists often open with a title line.
    let head: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    [b';', b'\t', b','].into_iter().max_by_key(|c| head.matches(char::from(*c)).count()).unwrap_or(b',')
}

/// Line breaks in `s`, a CR LF pair counting once.
fn line_breaks(s: &str) -> usize {
    s.matches('\n').count() + s.matches('\r').count() - s.matches("\r\n").count()
}

/// Rows of cells. A blank line is a row of one empty cell, so that rows keep the numbers a
/// spreadsheet shows for them (the `csv` crate skips blank lines); blank lines at the end are dropped.
pub fn parse_delimited(text: &str) -> Rows {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(text))
        .from_reader(text.as_bytes());
    let mut rows = Rows::new();
    let mut record = csv::StringRecord::new();
    // Where the previous record's cells end: its line break, which the reader consumed.
    let mut previous_end: Option<usize> = None;
    // Reading from memory cannot fail (the text is UTF-8 and rows may differ in length): stop at the end.
    while let Ok(true) = reader.read_record(&mut record) {
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let after = &text[start..];
        let cells_start = start + after.len() - after.trim_start_matches(['\r', '\n']).len();
        let gap = &text[previous_end.unwrap_or(0)..cells_start];
        let blank_lines = line_breaks(gap).saturating_sub(usize::from(previous_end.is_some()));
        rows.extend(std::iter::repeat_n(vec![String::new()], blank_lines));
        rows.push(record.iter().map(str::to_string).collect());
        let consumed = reader.position().byte() as usize;
        let ends_in_break = consumed > 0 && matches!(text.as_bytes()[consumed - 1], b'\r' | b'\n');
        previous_end = Some(if ends_in_break { consumed - 1 } else { consumed });
    }
    rows
}

/// The rows as a CSV file Excel opens as UTF-8: a BOM, commas, and quotes only around cells that
/// need them.
pub fn to_csv(rows: &[Vec<String>]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
    };
    let text: String = rows.iter().map(|r| r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(",") + "\n").collect();
    format!("\u{feff}{text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_utf16() {
        assert_eq!(decode("Gạo nếp".as_bytes()).unwrap(), "Gạo nếp");
        assert_eq!(decode(&[&[0xEF, 0xBB, 0xBF][..], "Gạo".as_bytes()].concat()).unwrap(), "Gạo");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Gạo".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&utf16).unwrap(), "Gạo");
        // "Gạo" in Windows-1258 is 0x47 0x61 0xF2 0x6F: not UTF-8.
        assert!(decode(&[0x47, 0x61, 0xF2, 0x6F]).unwrap_err().to_string().contains("Windows-1258"));
    }

    #[test]
    fn parses_quotes_separators_and_line_breaks() {
        let rows = parse_delimited("a;b;c\r\n\"x; y\";\"nói \"\"to\"\"\";\"hai\ndòng\"\n");
        assert_eq!(rows, vec![vec!["a", "b", "c"], vec!["x; y", "nói \"to\"", "hai\ndòng"]]);
        assert_eq!(parse_delimited("a,b\n1,2"), vec![vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(
            parse_delimited("Danh sách\nx;y\n1;2")[1],
            vec!["x", "y"],
            "a title line does not decide the separator"
        );
    }

    #[test]
    fn blank_lines_keep_the_row_numbers() {
        let blank = || vec![String::new()];
        let rows = parse_delimited("\nDanh sách\r\n\r\n\"a\nb\";c\n\n\nd;e\n\n");
        let expected = vec![blank(), vec!["Danh sách".into()], blank(), vec!["a\nb".into(), "c".into()]];
        assert_eq!(rows[..4], expected[..]);
        assert_eq!(rows[4..], [blank(), blank(), vec!["d".to_string(), "e".to_string()]]);
        assert_eq!(parse_delimited(""), Rows::new());
        // Excel for Mac's "CSV (Macintosh)" ends lines with CR alone.
        assert_eq!(parse_delimited("a;b\rc;d\r"), vec![vec!["a", "b"], vec!["c", "d"]]);
    }

    #[test]
    fn csv_out_reads_back_the_same() {
        let rows: Rows = vec![vec!["Tên".into(), "a, b".into()], vec![], vec!["nói \"to\"".into(), "hai\ndòng".into()]];
        let text = to_csv(&rows);
        assert!(text.starts_with("\u{feff}Tên,\"a, b\"\n\n\"nói \"\"to\"\"\","), "{text}");
        let back = parse_delimited(decode(text.as_bytes()).unwrap().as_str());
        assert_eq!(back, vec![rows[0].clone(), vec![String::new()], rows[2].clone()]);
    }
}
