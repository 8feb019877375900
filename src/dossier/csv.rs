//! CSV lists as offices save them: UTF-8 with or without BOM (or UTF-16 from Excel's "Unicode text"),
//! comma, semicolon or tab separated, quoted cells with line breaks. A file in a legacy code page
//! (Windows-1258, CP1252) is refused with a message instead of importing mojibake.

/// The text of a list file, or why it cannot be read as text.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|_| "tệp bắt đầu như UTF-8 nhưng có byte không hợp lệ".into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        return String::from_utf16(&units).map_err(|_| "tệp UTF-16 không hợp lệ".into());
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        "tệp không ở mã UTF-8 (có lẽ được lưu bằng bảng mã cũ Windows-1258/CP1252, chữ Việt sẽ bị lỗi); \
         hãy mở bằng Excel và lưu lại dạng «CSV UTF-8 (Comma delimited)»"
            .into()
    })
}

/// Rows of cells. The separator is whichever of `,` `;` tab the first lines use most.
pub fn parse(text: &str) -> Vec<Vec<String>> {
    // Counted over the first lines, not the first one alone: lists often open with a title line.
    let head: String = text.lines().take(10).collect::<Vec<_>>().join("\n");
    let sep = [';', '\t', ','].into_iter().max_by_key(|c| head.matches(*c).count()).unwrap_or(',');
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cell.is_empty() => quoted = true,
            (c, false) if c == sep => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
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
        assert!(decode(&[0x47, 0x61, 0xF2, 0x6F]).unwrap_err().contains("Windows-1258"));
    }

    #[test]
    fn parses_quotes_separators_and_line_breaks() {
        let rows = parse("a;b;c\r\n\"x; y\";\"nói \"\"to\"\"\";\"hai\ndòng\"\n");
        assert_eq!(rows, vec![vec!["a", "b", "c"], vec!["x; y", "nói \"to\"", "hai\ndòng"]]);
        assert_eq!(parse("a,b\n1,2"), vec![vec!["a", "b"], vec!["1", "2"]]);
        assert_eq!(parse("Danh sách\nx;y\n1;2")[1], vec!["x", "y"], "a title line does not decide the separator");
    }
}
