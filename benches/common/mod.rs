//! The province-scale session both benchmarks use: 400 products × 15 members, every sheet complete.
#![allow(dead_code)]

use ocop_council::catalog::Catalog;
use serde_json::{Value, json};

pub const PRODUCTS: usize = 400;
pub const MEMBERS: usize = 15;

/// A small deterministic generator: the same session every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

pub fn province_session() -> (Value, usize) {
    session_of(PRODUCTS, MEMBERS)
}

/// A complete session of `products` × `members` (every sheet submitted), deterministic.
pub fn session_of(products: usize, members_n: usize) -> (Value, usize) {
    let cat = Catalog::builtin().expect("catalog");
    let set = cat.criteria("qd26-2026").expect("criteria");
    let mut rng = Lcg(2026);
    let members: Vec<Value> = (1..=members_n)
        .map(|i| {
            let role = match i {
                1 => "chair",
                2 => "vice_chair",
                n if n == members_n => "secretary",
                _ => "member",
            };
            json!({"id": format!("m{i}"), "name": format!("Thành viên số {i}"), "position": "Sở Nông nghiệp và Môi trường",
                   "role": role, "present": true, "scores": true})
        })
        .collect();
    let mut dossiers = Vec::new();
    let mut sheets = Vec::new();
    let mut choices_total = 0;
    for d in 0..products {
        let sheet_no = (d % 26) as u32 + 1;
        let code = format!("T-2026-{:03}", d + 1);
        dossiers.push(json!({"code": code, "product": format!("Sản phẩm thử nghiệm số {}", d + 1), "sheet": sheet_no,
            "producer": format!("HTX Nông nghiệp số {}", d + 1), "entity_type": "htx", "kind": "new"}));
        let leaves = set.sheet(sheet_no).expect("sheet").leaves();
        for m in 1..=members_n {
            let choices: serde_json::Map<String, Value> = leaves
                .iter()
                .map(|l| {
                    let n = l.criterion.options.len() as u64;
                    // Mostly the top two options, so totals land in the 3★–4★ range as in real councils.
                    let pick = n - (rng.next() % 2).min(n - 1);
                    (l.criterion.code.clone(), json!(pick))
                })
                .collect();
            choices_total += choices.len();
            sheets.push(
                json!({"dossier": code, "member": format!("m{m}"), "round": 1, "choices": choices, "comment": ""}),
            );
        }
    }
    let doc = json!({
        "format": "ocop-council-session/1",
        "session": {"title": "Hội đồng cấp tỉnh — phiên thử tải", "ruleset": "qd26-2026-tinh", "criteria_set": "qd26-2026",
                    "authority": "Ủy ban nhân dân tỉnh", "province": "Nam Định", "meeting_date": "2026-11-20"},
        "members": members, "dossiers": dossiers, "sheets": sheets, "resolutions": []
    });
    (doc, choices_total)
}

/// The median of a few timed runs.
pub fn median(mut runs: Vec<std::time::Duration>) -> std::time::Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Runs a shell line (the hand-made baseline of a benchmark) and times it.
pub fn sh(script: &str) -> std::time::Duration {
    let start = std::time::Instant::now();
    let status = std::process::Command::new("sh").arg("-c").arg(script).status();
    assert!(status.is_ok_and(|s| s.success()), "{script}");
    start.elapsed()
}

/// The demo session as a file with `blobs` attachments of `size` pseudo-random bytes each (the
/// same bytes every run), locked; returns the fingerprint.
pub fn locked_with_attachments(source: &std::path::Path, blobs: usize, size: usize) -> String {
    use ocop_council::store::Store;
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/y-yen-2023.json");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_ocop-council"))
        .arg("new")
        .arg(source)
        .args(["--from", demo])
        .output();
    assert!(made.is_ok_and(|o| o.status.success()), "demo session created");
    let mut store = Store::open(source).expect("open");
    let conn = store.connection();
    conn.execute_batch("BEGIN").expect("begin");
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut blob = vec![0u8; size];
    for i in 0..blobs {
        for chunk in blob.chunks_mut(8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chunk.copy_from_slice(&state.to_le_bytes()[..chunk.len()]);
        }
        let sha = ocop_council::domain::fingerprint::sha256_hex(&blob);
        conn.execute(
            "INSERT INTO blob (sha256, size, data) VALUES (?1, ?2, ?3)",
            rusqlite::params![sha, size as i64, blob],
        )
        .expect("blob");
        conn.execute(
            "INSERT INTO attachment (dossier, name, sha256) VALUES (?1, ?2, ?3)",
            rusqlite::params![format!("YY-2023-{:02}", i % 12 + 1), format!("tệp {i}.pdf"), sha],
        )
        .expect("attachment");
    }
    conn.execute_batch("COMMIT").expect("commit");
    let fingerprint = store.lock("bench").expect("lock");
    store.close().expect("close");
    fingerprint
}
