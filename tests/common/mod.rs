//! Shared helpers of the integration tests.
#![allow(dead_code)]

use ocop_council::catalog::{Catalog, DEMO_SESSION};
use ocop_council::store::Store;
use std::path::{Path, PathBuf};

pub fn catalog() -> Catalog {
    Catalog::builtin().expect("built-in catalog")
}

/// A session file made from the bundled demo session, in a fresh temporary folder.
pub fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("demo.ocop");
    let cat = catalog();
    let (session, criteria, ruleset) = ocop_council::exchange::parse(DEMO_SESSION, &cat, None).expect("demo parses");
    Store::create(&path, &session, criteria, ruleset, "test").expect("demo file created");
    path
}

/// The demo's exchange JSON, as a value to break in tests.
pub fn demo_value() -> serde_json::Value {
    serde_json::from_str(DEMO_SESSION).expect("demo is JSON")
}

pub fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("file readable")
}

/// A PDF's text, page by page, one line per string drawn (decoded through the fonts' ToUnicode maps).
pub fn pdf_page_lines(bytes: &[u8]) -> Vec<Vec<String>> {
    let doc = lopdf::Document::load_mem(bytes).expect("a readable PDF");
    doc.get_pages()
        .values()
        .map(|&page| {
            let fonts = doc.get_page_fonts(page).expect("fonts");
            let encodings: std::collections::BTreeMap<Vec<u8>, lopdf::Encoding<'_>> =
                fonts.iter().map(|(name, f)| (name.clone(), f.get_font_encoding(&doc).expect("encoding"))).collect();
            let content = doc.get_and_decode_page_content(page).expect("content");
            let mut current = None;
            let mut lines = Vec::new();
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tf" => current = op.operands.first().and_then(|n| n.as_name().ok()).and_then(|n| encodings.get(n)),
                    "Tj" | "TJ" => {
                        let items: Vec<&lopdf::Object> = match op.operands.first() {
                            Some(lopdf::Object::Array(a)) => a.iter().collect(),
                            Some(o) => vec![o],
                            None => vec![],
                        };
                        let mut line = String::new();
                        for item in items {
                            if let (lopdf::Object::String(bytes, _), Some(enc)) = (item, current) {
                                line.push_str(&lopdf::Document::decode_text(enc, bytes).expect("decodable"));
                            }
                        }
                        lines.push(line);
                    }
                    _ => {}
                }
            }
            lines
        })
        .collect()
}

/// A PDF's text, one string per page, its lines joined.
pub fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    pdf_page_lines(bytes).into_iter().map(|lines| lines.join("\n")).collect()
}

/// Whitespace folded to single spaces, for searching text read back from a PDF.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One register entry as an office's register holds it: recognised on `decided` by `number` of
/// the district's People's Committee, valid the 36 months that follow, a rating of that day.
pub fn register_entry(
    name: &str,
    group: &str,
    stars: u8,
    decided: ocop_council::domain::Date,
    (producer, commune, number): (&str, &str, &str),
) -> ocop_council::register::Entry {
    use ocop_council::domain::register::{Rating, RegisteredProduct, valid_until};
    let product = RegisteredProduct {
        product: name.into(),
        group: group.into(),
        producer: producer.into(),
        entity_type: "htx".into(),
        commune: commune.into(),
        address: format!("xã {commune}, huyện Ý Yên"),
        stars,
        decision_number: number.into(),
        decision_date: decided,
        authority: "UBND huyện Ý Yên".into(),
        valid_until: valid_until(decided),
        revoked: None,
        note: String::new(),
    };
    let rating = Rating {
        session: String::new(),
        date: decided,
        mean: None,
        stars,
        decision_number: number.into(),
        decision_date: decided,
    };
    ocop_council::register::Entry { product, rating, source: "so.csv".into() }
}

/// Under Wine a child now and then never starts: CreateProcess fails with ERROR_INTERNAL_ERROR (os error
/// 1359), or the process dies in its loader with STATUS_DLL_INIT_FAILED (0xC0000142) before a line of our
/// code ran. Both are faults of the spawn, not of the program under test; seen in CI about once in 400
/// runs of the Windows suite. These helpers try such a start again, up to five times, and only on
/// Windows; any other outcome is returned as it is.
const STATUS_DLL_INIT_FAILED: i32 = 0xC000_0142_u32 as i32;
const ERROR_INTERNAL_ERROR: i32 = 1359;
const TRIES: u32 = 5;

fn never_started(o: &std::process::Output) -> bool {
    cfg!(windows) && o.status.code() == Some(STATUS_DLL_INIT_FAILED) && o.stdout.is_empty()
}

fn retry_pause(what: &str, tries: u32) {
    eprintln!("the child did not start ({what}), try {tries} of {TRIES} again");
    std::thread::sleep(std::time::Duration::from_millis(200 * u64::from(tries)));
}

/// `cmd.output()`, with a start that Wine failed tried again.
pub fn output(cmd: &mut std::process::Command) -> std::process::Output {
    let mut tries = 0;
    loop {
        match cmd.output() {
            Ok(o) if never_started(&o) && tries < TRIES => tries += 1,
            Ok(o) => return o,
            Err(e) if cfg!(windows) && e.raw_os_error() == Some(ERROR_INTERNAL_ERROR) && tries < TRIES => tries += 1,
            Err(e) => panic!("cannot start {cmd:?}: {e}"),
        }
        retry_pause("Wine's loader", tries);
    }
}

/// Whether a spawned child that printed nothing died in Wine's loader (waits for it to end).
pub fn died_unstarted(child: &mut std::process::Child) -> bool {
    let code = child.wait().ok().and_then(|s| s.code());
    cfg!(windows) && code == Some(STATUS_DLL_INIT_FAILED)
}

/// `cmd.spawn()`, with a CreateProcess that Wine refused tried again.
pub fn spawn(cmd: &mut std::process::Command) -> std::process::Child {
    let mut tries = 0;
    loop {
        match cmd.spawn() {
            Ok(child) => return child,
            Err(e) if cfg!(windows) && e.raw_os_error() == Some(ERROR_INTERNAL_ERROR) && tries < TRIES => tries += 1,
            Err(e) => panic!("cannot start {cmd:?}: {e}"),
        }
        retry_pause("CreateProcess", tries);
    }
}

/// The program itself, run with `args` to its end (a start Wine failed tried again).
pub fn ocop<I, S>(args: I) -> std::process::Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    output(std::process::Command::new(env!("CARGO_BIN_EXE_ocop-council")).args(args))
}
