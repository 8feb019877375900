//! Hostile workbooks (issue 12, point 7): a cell at XFD1048576, zip bombs (honest and lying sizes), a
//! shared-string table that asks for billions of slots, a negative shared-string index. Each is built
//! here byte by byte, and each must be refused with exit 2 and one clear line, by both `import` and
//! `criteria import`, leaving the session byte-identical and the memory bounded (peak RSS < 300 MB).

mod common;

use flate2::{Compress, Compression, FlushCompress, Status};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DEMO_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/y-yen-2023.json");

/// The peak resident memory the issue allows any workbook import, in kilobytes.
const PEAK_RSS_LIMIT_KB: u64 = 300 * 1024;

/// One part of a zip archive as it is written: its bytes (already deflated when `deflated`), and
/// the uncompressed size and CRC the headers declare (a hostile file may lie in both).
struct Part {
    name: String,
    deflated: bool,
    data: Vec<u8>,
    declared_size: u32,
    crc: u32,
}

fn stored(name: &str, text: &str) -> Part {
    let mut crc = flate2::Crc::new();
    crc.update(text.as_bytes());
    let size = u32::try_from(text.len()).unwrap();
    Part { name: name.into(), deflated: false, data: text.as_bytes().to_vec(), declared_size: size, crc: crc.sum() }
}

/// A zip archive written by hand: local headers and data, the central directory, its end record.
fn zip(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for p in parts {
        let offset = u32::try_from(out.len()).unwrap();
        let method: u16 = if p.deflated { 8 } else { 0 };
        let csize = u32::try_from(p.data.len()).unwrap();
        let name = p.name.as_bytes();
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend(0u16.to_le_bytes()); // flags
            v.extend(method.to_le_bytes());
            v.extend(0u16.to_le_bytes()); // time
            v.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
            v.extend(p.crc.to_le_bytes());
            v.extend(csize.to_le_bytes());
            v.extend(p.declared_size.to_le_bytes());
            v.extend(u16::try_from(name.len()).unwrap().to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra length
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name);
        out.extend(&p.data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend([0u8; 8]); // comment length, disk, internal and external attributes (part)
        central.extend([0u8; 2]);
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let cd_offset = u32::try_from(out.len()).unwrap();
    let cd_size = u32::try_from(central.len()).unwrap();
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    let count = u16::try_from(parts.len()).unwrap();
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// Feeds `input` to a raw deflate stream until it is consumed and flushed as `flush` asks.
fn push(c: &mut Compress, mut input: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
    loop {
        out.reserve(1 << 16);
        let before = c.total_in();
        let status = c.compress_vec(input, out, flush).unwrap();
        input = &input[usize::try_from(c.total_in() - before).unwrap()..];
        if status == Status::StreamEnd
            || (input.is_empty() && out.len() < out.capacity() && flush != FlushCompress::Finish)
        {
            return;
        }
    }
}

/// A deflate stream of `head`, then `unit` repeated to about `mib` MiB, then `tail`; built in
/// milliseconds by compressing one MiB of the pattern and repeating that block's bytes (each copy
/// decodes the same, since the window before it always holds the same pattern in the same phase).
fn bomb(head: &str, unit: &str, mib: usize, tail: &str) -> (Vec<u8>, u64) {
    let chunk = unit.repeat((1 << 20) / unit.len());
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::new();
    push(&mut c, head.as_bytes(), FlushCompress::Sync, &mut out);
    push(&mut c, chunk.as_bytes(), FlushCompress::Sync, &mut out);
    let start = out.len();
    push(&mut c, chunk.as_bytes(), FlushCompress::Sync, &mut out);
    let block = out[start..].to_vec();
    for _ in 2..mib {
        out.extend(&block);
    }
    push(&mut c, tail.as_bytes(), FlushCompress::Finish, &mut out);
    let size = head.len() + chunk.len() * mib.max(2) + tail.len();
    (out, size as u64)
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts every workbook here has, around a first worksheet `sheet_data` (the inside of
/// `<sheetData>`) and an optional shared-string part.
fn workbook(sheet_data: &str, shared: Option<Part>) -> Vec<u8> {
    let mut parts = vec![
        stored(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        ),
        stored(
            "_rels/.rels",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        stored(
            "xl/workbook.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="danh-sach" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        stored(
            "xl/_rels/workbook.xml.rels",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
            ),
        ),
        stored(
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{sheet_data}</sheetData></worksheet>"#
            ),
        ),
    ];
    parts.extend(shared);
    zip(&parts)
}

fn shared_strings(strings: &[&str]) -> Part {
    let items: String = strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect();
    let n = strings.len();
    stored(
        "xl/sharedStrings.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{n}" uniqueCount="{n}">{items}</sst>"#
        ),
    )
}

/// A header row of inline strings, as a dossier list starts.
const HEADER: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hồ sơ</t></is></c><c r="B1" t="inlineStr"><is><t>Tên sản phẩm</t></is></c></row>"#;

/// A shared-string part of about `mib` MiB of one-letter strings, declaring `declared` bytes.
fn bombed_strings(mib: usize, declared: Option<u32>) -> Part {
    let head = format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">"#);
    let (data, size) = bomb(&head, "<si><t>a</t></si>", mib, "</sst>");
    let declared_size = declared.unwrap_or_else(|| u32::try_from(size).unwrap());
    Part { name: "xl/sharedStrings.xml".into(), deflated: true, data, declared_size, crc: 0 }
}

/// The hostile workbooks, by name.
fn hostile_workbooks() -> Vec<(&'static str, Vec<u8>)> {
    let far = format!(r#"{HEADER}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    let negative = r#"<row r="1"><c r="A1" t="s"><v>-1</v></c><c r="B1" t="s"><v>1</v></c></row>"#;
    let huge_count = stored(
        "xl/sharedStrings.xml",
        &format!(r#"<?xml version="1.0"?><sst xmlns="{MAIN}" uniqueCount="99999999999999"><si><t>a</t></si></sst>"#),
    );
    let all = vec![
        ("far-cell.xlsx", workbook(&far, None)),
        ("zip-bomb.xlsx", workbook(HEADER, Some(bombed_strings(2048, None)))),
        ("lying-bomb.xlsx", workbook(HEADER, Some(bombed_strings(2048, Some(4096))))),
        ("huge-count.xlsx", workbook(HEADER, Some(huge_count))),
        ("negative-index.xlsx", workbook(negative, Some(shared_strings(&["Mã hồ sơ", "Tên sản phẩm"])))),
    ];
    // HOSTILE_ONLY=name runs one of them (to watch each fail on a build without the guard).
    let only = std::env::var("HOSTILE_ONLY").ok();
    all.into_iter().filter(|(name, _)| only.as_deref().is_none_or(|o| o == *name)).collect()
}

/// Runs the binary with `args` under an address-space cap (so a regression fails fast instead of
/// taking the machine's memory) and, where `/usr/bin/time` exists, measures its peak RSS in KB.
fn run_measured(data: &Path, args: &[&Path]) -> (Output, Option<u64>) {
    let bin = env!("CARGO_BIN_EXE_ocop-council");
    let timer = Path::new("/usr/bin/time");
    let mut cmd = if cfg!(unix) {
        let mut c = Command::new("sh");
        c.arg("-c").arg(r#"ulimit -v 2000000; exec "$@""#).arg("sh");
        if timer.exists() {
            c.arg(timer).args(["-f", "peak-rss-kb %M"]);
        }
        c.arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let o = common::output(cmd.args(args).env("OCOP_DATA_DIR", data));
    let text = String::from_utf8_lossy(&o.stderr);
    let peak = text.lines().find_map(|l| l.strip_prefix("peak-rss-kb ")).and_then(|n| n.trim().parse().ok());
    (o, peak)
}

fn new_demo(dir: &Path) -> PathBuf {
    let file = dir.join("phiên.ocop");
    let o = common::output(Command::new(env!("CARGO_BIN_EXE_ocop-council")).args([
        "new".as_ref(),
        file.as_os_str(),
        "--from".as_ref(),
        DEMO_JSON.as_ref(),
    ]));
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    file
}

/// The stderr without the timer's lines.
fn said(o: &Output) -> String {
    let text = String::from_utf8_lossy(&o.stderr);
    let ours = text.lines().filter(|l| !l.starts_with("peak-rss-kb") && !l.starts_with("Command exited"));
    ours.collect::<Vec<_>>().join("\n")
}

fn check_refused(name: &str, o: &Output, peak: Option<u64>, expect: &str) {
    let text = said(o);
    assert_eq!(o.status.code(), Some(2), "{name}: {text}");
    assert_eq!(text.lines().count(), 1, "{name}: one line: {text}");
    // The import lists its problems on stdout and sums up on stderr; `criteria import` says it on stderr.
    let all = format!("{}{text}", String::from_utf8_lossy(&o.stdout));
    assert!(all.contains(name) && all.contains(expect), "{name}: {all}");
    if let Some(kb) = peak {
        eprintln!(
            "{name}: peak RSS {:.1} MB — {}",
            kb as f64 / 1024.0,
            all.lines().find(|l| l.contains(expect)).unwrap_or("")
        );
        assert!(kb < PEAK_RSS_LIMIT_KB, "{name}: peak RSS {kb} KB");
    }
}

/// What each refusal says (a word of its sentence).
fn expected_word(name: &str) -> &'static str {
    match name {
        "far-cell.xlsx" => "XFD1048576",
        "zip-bomb.xlsx" | "lying-bomb.xlsx" => "xl/sharedStrings.xml",
        "huge-count.xlsx" => "chuỗi",
        _ => "«-1»",
    }
}

#[test]
fn hostile_workbooks_are_refused_by_the_dossier_import_with_the_session_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let session = new_demo(dir.path());
    let before = std::fs::read(&session).unwrap();
    for (name, bytes) in hostile_workbooks() {
        let file = dir.path().join(name);
        eprintln!("{name}: {} bytes", bytes.len());
        std::fs::write(&file, bytes).unwrap();
        let (o, peak) = run_measured(dir.path(), &[Path::new("import"), &session, &file]);
        check_refused(name, &o, peak, expected_word(name));
        assert!(std::fs::read(&session).unwrap() == before, "{name}: session unchanged");
    }
}

#[test]
fn hostile_workbooks_are_refused_as_criteria_sets() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (name, bytes) in hostile_workbooks() {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let (o, peak) = run_measured(&data, &[Path::new("criteria"), Path::new("import"), &file]);
        check_refused(name, &o, peak, expected_word(name));
    }
}

#[test]
fn a_plain_handmade_workbook_still_reads() {
    let rows = format!(
        r#"{HEADER}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row><row r="4"><c r="B4"><v>3</v></c></row>"#
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tay.xlsx");
    std::fs::write(&file, workbook(&rows, Some(shared_strings(&["YY-01", "Gạo"])))).unwrap();
    let got = ocop_council::table::read(&file, ocop_council::table::Format::Workbook).unwrap();
    let want: Vec<Vec<&str>> =
        vec![vec!["Mã hồ sơ", "Tên sản phẩm"], vec!["YY-01", "Gạo"], vec!["", ""], vec!["", "3"]];
    assert_eq!(got, want);
}

// Issue 12, point 10: no number in a file costs more than the data it describes.

fn bin(args: &[&std::ffi::OsStr]) -> Output {
    common::ocop(args)
}

#[test]
fn new_takes_round_99_and_refuses_round_4294967295_leaving_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(DEMO_JSON).unwrap()).unwrap();
    for (round, code) in [(99u64, 0), (100, 2), (4_294_967_295, 2)] {
        v["dossiers"][0]["round"] = round.into();
        let json = dir.path().join(format!("vòng {round}.json"));
        std::fs::write(&json, v.to_string()).unwrap();
        let file = dir.path().join(format!("vòng {round}.ocop"));
        let o = bin(&["new".as_ref(), file.as_os_str(), "--from".as_ref(), json.as_os_str()]);
        assert_eq!(o.status.code(), Some(code), "{round}: {}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(file.exists(), code == 0, "{round}: a refused new leaves no file");
        if code == 2 {
            let said = String::from_utf8_lossy(&o.stderr);
            assert!(said.contains(&format!("dossiers[0].round: vòng chấm {round} quá 99")), "{said}");
        }
    }
}

#[test]
fn documents_on_a_file_edited_to_round_4294967295_end_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let session = new_demo(dir.path());
    let db = rusqlite::Connection::open(&session).unwrap();
    db.execute("UPDATE dossier SET current_round = 4294967295 WHERE ord = (SELECT MIN(ord) FROM dossier)", []).unwrap();
    drop(db);
    let before = std::fs::read(&session).unwrap();
    let out = dir.path().join("giấy tờ");
    let started = std::time::Instant::now();
    let (o, peak) = run_measured(dir.path(), &[Path::new("documents"), &session, Path::new("--out"), &out]);
    let took = started.elapsed();
    let said = said(&o);
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(said.contains("vòng chấm 4294967295, ngoài 1–99"), "{said}");
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    assert!(peak.is_none_or(|kb| kb < PEAK_RSS_LIMIT_KB), "{peak:?}");
    assert!(std::fs::read(&session).unwrap() == before, "the file is only read");
}

#[test]
fn no_round_is_opened_past_99() {
    use ocop_council::store::{Store, StoreError};
    let dir = tempfile::tempdir().unwrap();
    let session = new_demo(dir.path());
    let db = rusqlite::Connection::open(&session).unwrap();
    db.execute("UPDATE dossier SET current_round = 98 WHERE code = 'YY-2023-01'", []).unwrap();
    drop(db);
    let mut store = Store::open(&session).unwrap();
    assert_eq!(store.open_round("thư ký", "YY-2023-01", "chấm lại").unwrap(), 99);
    drop(store);
    let before = std::fs::read(&session).unwrap();
    let mut store = Store::open(&session).unwrap();
    let e = store.open_round("thư ký", "YY-2023-01", "chấm lại").unwrap_err();
    assert!(matches!(e, StoreError::TooManyRounds { max: 99, .. }), "{e:?}");
    assert_eq!(e.to_string(), "hồ sơ «YY-2023-01» đã chấm đến vòng 99, không mở thêm vòng được (tối đa 99 vòng)");
    assert_eq!(
        ocop_council::lang::en::store_error(&e),
        "dossier «YY-2023-01» is in round 99 already: no further round can be opened (at most 99)"
    );
    drop(store);
    assert!(std::fs::read(&session).unwrap() == before, "refused: unchanged");
}
