//! A property-based fuzz of the exchange document (issue 12): mutations of the demo session — a
//! value of another type, huge strings and numbers, a key given twice, a BOM, UTF-16, invalid UTF-8,
//! references to unknown members and dossiers, deep nesting, cut text, flipped bytes. Most run
//! in-process (`exchange::parse`, and `Store::create` for what it accepts: nothing may panic and an
//! accepted document must be stored); a few hundred run `ocop-council new` as the binary, which must
//! exit 0 or 2 (never a panic, never 1) and leave no file when it refuses.

mod common;

use ocop_council::catalog::{Catalog, DEMO_SESSION};
use ocop_council::store::Store;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::Value;
use std::sync::OnceLock;

/// Every JSON pointer of the demo document, to choose where a mutation lands.
fn pointers() -> &'static (Value, Vec<String>) {
    static DEMO: OnceLock<(Value, Vec<String>)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let value: Value = serde_json::from_str(DEMO_SESSION).unwrap();
        let mut all = Vec::new();
        fn walk(v: &Value, at: String, all: &mut Vec<String>) {
            match v {
                Value::Object(m) => m
                    .iter()
                    .for_each(|(k, v)| walk(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), all)),
                Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| walk(v, format!("{at}/{i}"), all)),
                _ => {}
            }
            all.push(at);
        }
        walk(&value, String::new(), &mut all);
        (value, all)
    })
}

/// A value of some other type or size, chosen by `n`.
fn odd_value(n: usize) -> Value {
    match n % 14 {
        0 => Value::Null,
        1 => true.into(),
        2 => 0.into(),
        3 => (-1).into(),
        4 => 1.5.into(),
        5 => u64::MAX.into(),
        6 => 4_294_967_296u64.into(),
        7 => 1e308.into(),
        8 => "".into(),
        9 => "x".repeat(100_000).into(),
        10 => serde_json::json!([]),
        11 => serde_json::json!({}),
        12 => "m1".into(),
        _ => "\u{202E}ẩn\u{1b}".into(),
    }
}

/// The demo document mutated by `kind` at the place `at`, with `n` choosing the details; bytes, since
/// some mutations are about the encoding itself.
fn mutate(kind: usize, at: usize, n: usize) -> Vec<u8> {
    let (demo, ptrs) = pointers();
    let ptr = &ptrs[at % ptrs.len()];
    let mut v = demo.clone();
    match kind % 12 {
        0 | 1 => {
            if let Some(slot) = v.pointer_mut(ptr) {
                *slot = odd_value(n);
            }
        }
        2 => {
            // A key given twice: the same key again, with another value, in a random object.
            let text = v.to_string();
            let objects: Vec<usize> = text.match_indices("{\"").map(|(i, _)| i).collect();
            let i = objects[n % objects.len()] + 1;
            let key_end = text[i + 1..].find('"').map_or(i + 1, |e| i + 2 + e);
            return format!("{}{}: {},{}", &text[..i], &text[i..key_end], odd_value(n / 7), &text[i..]).into_bytes();
        }
        3 => {
            if let Some(Value::Object(m)) = v.pointer_mut(ptr) {
                let key = m.keys().nth(n % m.len().max(1)).cloned();
                key.map(|k| m.remove(&k));
            }
        }
        4 => {
            let unknown = ["m99", "YY-9999", "", "M1", "m1 "][n % 5];
            let field = ["member", "dossier"][n % 2];
            let count = v["sheets"].as_array().map_or(1, Vec::len).max(1);
            v["sheets"][at % count][field] = unknown.into();
            if n % 3 == 0 {
                v["dossiers"][at % 12]["recused"] = serde_json::json!([unknown]);
            }
            if n % 4 == 0 {
                v["resolutions"] = serde_json::json!([{ "dossier": unknown, "round": n % 3, "note": "x" }]);
            }
        }
        5 => {
            let depth = [10, 100, 127, 200, 5000][n % 5];
            let deep = "[".repeat(depth) + &"]".repeat(depth);
            if let Some(slot) = v.pointer_mut(ptr) {
                *slot = Value::String("@@DEEP@@".into());
            }
            return v.to_string().replace("\"@@DEEP@@\"", &deep).into_bytes();
        }
        6..=8 => return mutate_encoding(kind % 12, at, n, &v),
        9 => {
            let numbers = ["round", "sheet", "self_score", "spread_limit", "decimals"];
            let field = numbers[n % numbers.len()];
            let big = [0u64, 99, 100, 255, 256, 65_536, 4_294_967_295, u64::MAX][at % 8];
            match field {
                "spread_limit" | "decimals" => v["session"]["settings"][field] = big.into(),
                "round" if n % 2 == 0 => v["sheets"][at % 100][field] = big.into(),
                _ => v["dossiers"][at % 12][field] = big.into(),
            }
        }
        10 => {
            let fractions = ["+2/3", " 2/3", "2/03", "0/0", "1/4294967295", "4294967296/1", "2/3/", "½"];
            v["session"]["settings"]["quorum"]["fraction"] = fractions[n % fractions.len()].into();
            v["session"]["meeting_date"] = ["2023-+6-05", "2023-02-29", "９９９９-01-01", "2023-06-05"][at % 4].into();
        }
        _ => return mutate_encoding(kind % 12, at, n, &v),
    }
    v.to_string().into_bytes()
}

/// The mutations of the text itself: a bad byte, another encoding, a cut, a flipped bit.
fn mutate_encoding(kind: usize, at: usize, n: usize, v: &Value) -> Vec<u8> {
    match kind {
        6 => {
            let mut bytes = v.to_string().into_bytes();
            let i = n % bytes.len();
            bytes[i] = [0xFF, 0xC3, 0x80, 0xED, 0x00][at % 5];
            bytes
        }
        7 => {
            let text = serde_json::to_string_pretty(v).unwrap();
            match n % 3 {
                0 => format!("\u{FEFF}{text}").into_bytes(),
                1 => [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
                _ => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            }
        }
        8 => {
            let text = v.to_string();
            let mut cut = n % text.len();
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].as_bytes().to_vec()
        }
        _ => {
            let mut bytes = v.to_string().into_bytes();
            let i = n % bytes.len();
            bytes[i] ^= 1 << (at % 8);
            bytes
        }
    }
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().unwrap())
}

proptest! {
    #![proptest_config(Config { cases: 2000, failure_persistence: None, ..Config::default() })]

    /// In-process: parsing never panics, and what is accepted is stored.
    #[test]
    fn mutated_documents_parse_or_are_refused(kind in 0usize..12, at in 0usize..100_000, n in 0usize..100_000) {
        let bytes = mutate(kind, at, n);
        // The binary reads the file as UTF-8 text and refuses anything else with exit 2.
        let Ok(text) = std::str::from_utf8(&bytes) else { return Ok(()) };
        if let Ok((session, criteria, ruleset)) = ocop_council::exchange::parse(text, catalog(), None) {
            let dir = tempfile::tempdir().unwrap();
            let made = Store::create(&dir.path().join("phiên.ocop"), &session, criteria, ruleset, "fuzz");
            prop_assert!(made.is_ok(), "accepted but not stored: {:?}", made.err());
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 300, failure_persistence: None, ..Config::default() })]

    /// Through the binary: `new` exits 0 or 2, and a refused `new` leaves no file.
    #[test]
    fn new_exits_0_or_2_and_leaves_no_file_when_it_refuses(kind in 0usize..12, at in 0usize..100_000, n in 0usize..100_000) {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("phiên.json");
        std::fs::write(&json, mutate(kind, at, n)).unwrap();
        let file = dir.path().join("phiên.ocop");
        let o = common::output(std::process::Command::new(env!("CARGO_BIN_EXE_ocop-council"))
            .args(["new".as_ref(), file.as_os_str(), "--from".as_ref(), json.as_os_str()]));
        let said = String::from_utf8_lossy(&o.stderr);
        prop_assert!(matches!(o.status.code(), Some(0 | 2)), "exit {:?}: {}", o.status.code(), said);
        if o.status.code() == Some(2) {
            prop_assert!(!file.exists(), "refused but a file is left: {}", said);
            prop_assert_eq!(said.lines().count(), 1, "one line: {}", said);
            prop_assert!(said.chars().count() < 600, "short: {}", said.chars().take(600).collect::<String>());
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        prop_assert!(leftovers.len() <= 2, "{:?}", leftovers);
    }
}
