//! The command line end to end on the demo session: exit codes, outputs, and files left unchanged
//! by refused commands.

mod common;

use common::{bytes, demo_value};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Output;

fn run(args: &[&str]) -> Output {
    common::ocop(args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

const DEMO_JSON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/y-yen-2023.json");

fn new_demo(dir: &Path) -> PathBuf {
    let file = dir.join("Phiên họp Ý Yên.ocop");
    let o = run(&["new", p(&file), "--from", DEMO_JSON]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("9 thành viên, 12 hồ sơ, 103 phiếu chấm"), "{}", stdout(&o));
    file
}

#[test]
fn demo_prints_the_demo_results() {
    let o = run(&["demo"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Hội nghị đánh giá, phân hạng sản phẩm OCOP huyện Ý Yên"), "{out}");
    assert!(out.contains("Thành viên: 9 · có mặt 8 — đủ số lượng"), "{out}");
    assert!(out.contains("YY-2023-08  Đỉnh đồng Tống Xá"), "{out}");
    assert!(out.contains("YY-2023-08: điểm đạt hạng 4 sao nhưng chưa đạt tiêu chí 3.5 (4 sao)"), "{out}");
}

#[test]
fn results_json_on_the_demo_session() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let o = run(&["results", p(&file), "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["session"],
        json!({"members": 9, "present": 8, "quorum_met": true, "finalizable": true, "locked": false, "blockers": []})
    );
    let products = v["products"].as_array().unwrap();
    assert_eq!(products.len(), 12);
    let by = |code: &str| products.iter().find(|p| p["code"] == code).unwrap().clone();
    // Hand-checked against the sheets in the demo JSON (see scripts/make_demo.py).
    let expect = [
        ("YY-2023-01", "65.00", 3, "recognized"),
        ("YY-2023-02", "75.88", 4, "forwarded"),
        ("YY-2023-04", "44.88", 2, "not_achieved"),
        ("YY-2023-05", "54.88", 3, "recognized"),
        ("YY-2023-07", "81.75", 4, "forwarded"),
        ("YY-2023-08", "72.38", 3, "recognized"),
        ("YY-2023-10", "53.00", 3, "recognized"),
    ];
    for (code, mean, stars, decision) in expect {
        let p = by(code);
        assert_eq!(
            (p["mean"].as_str().unwrap(), p["stars"].as_u64().unwrap(), p["decision"].as_str().unwrap()),
            (mean, stars, decision),
            "{code}"
        );
    }
    // The capped product: band 4, cap 3 because 3.5's 4★ minimum is unmet.
    let capped = by("YY-2023-08");
    assert_eq!((capped["band"].as_u64(), capped["cap"].as_u64()), (Some(4), Some(3)));
    assert!(capped["unmet"].as_array().unwrap().contains(&json!({"criterion": "3.5", "level": 4})));
    // The spread product was re-scored: round 2 counts, spread back under the limit.
    let spread = by("YY-2023-05");
    assert_eq!(
        (spread["round"].as_u64(), spread["spread"].as_u64(), spread["spread_flag"].as_bool()),
        (Some(2), Some(7), Some(false))
    );
    // The recusal: 7 sheets for YY-2023-10; the absent member m4 nowhere.
    assert_eq!(by("YY-2023-10")["counted_sheets"], 7);
    assert_eq!(by("YY-2023-01")["counted_sheets"], 8);
    assert_eq!(by("YY-2023-01")["parts"].as_object().unwrap().len(), 3);
}

#[test]
fn results_table_is_readable_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let o = run(&["results", p(&file)]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("Trạng thái: chưa khóa · đủ điều kiện chốt kết quả"), "{out}");
    assert!(out.contains("Công nhận 3 sao"), "{out}");
    assert!(out.contains("Đề nghị cấp trên (4 sao)"), "{out}");
    assert!(out.contains("Không đạt (2 sao)"), "{out}");
}

#[test]
fn export_new_export_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let first = dir.path().join("one.json");
    assert_eq!(run(&["export", p(&file), "-o", p(&first)]).status.code(), Some(0));
    let again = dir.path().join("again.ocop");
    let o = run(&["new", p(&again), "--from", p(&first)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["export", p(&again)]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), std::fs::read_to_string(&first).unwrap());
    // And the export carries what the file holds, in the exchange format.
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["format"], "ocop-council-session/2", "the demo records the meeting facts (issue 13.5)");
    assert_eq!(v["sheets"].as_array().unwrap().len(), 103);
    assert_eq!(v["dossiers"][4]["round"], 2);
}

#[test]
fn lock_then_refuse_a_second_lock_without_changing_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let o = run(&["lock", p(&file), "--by", "Trần Thị Lan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Dấu vân tay: "), "{}", stdout(&o));
    let before = bytes(&file);
    let o = run(&["lock", p(&file)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("đã khóa lúc"), "{}", stderr(&o));
    assert_eq!(bytes(&file), before);
    let v: Value = serde_json::from_str(&stdout(&run(&["results", p(&file), "--json"]))).unwrap();
    assert_eq!(v["session"]["locked"], true);
    assert!(stdout(&run(&["results", p(&file)])).contains("đã khóa · dấu vân tay"));
}

#[test]
fn lock_of_an_unfinished_session_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = demo_value();
    // Drop one sheet: YY-2023-01 waits for it.
    let sheets = v["sheets"].as_array_mut().unwrap();
    let i = sheets.iter().position(|s| s["dossier"] == "YY-2023-01" && s["member"] == "m3").unwrap();
    sheets.remove(i);
    let json = dir.path().join("thiếu phiếu.json");
    std::fs::write(&json, v.to_string()).unwrap();
    let file = dir.path().join("s.ocop");
    assert_eq!(run(&["new", p(&file), "--from", p(&json)]).status.code(), Some(0));
    let before = bytes(&file);
    let o = run(&["lock", p(&file)]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    // The Vietnamese line says the blocker in Vietnamese (issue 11: no English pasted into it).
    assert!(err.contains("chưa thể khóa kết quả: YY-2023-01: vòng 1 còn thiếu phiếu của m3"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(bytes(&file), before);
}

/// Writes the demo with one change applied, runs `new` on it, and returns (exit code, stderr).
fn new_from_broken(change: impl FnOnce(&mut Value)) -> (Option<i32>, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let mut v = demo_value();
    change(&mut v);
    let json = dir.path().join("in.json");
    std::fs::write(&json, v.to_string()).unwrap();
    let file = dir.path().join("s.ocop");
    let o = run(&["new", p(&file), "--from", p(&json)]);
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count() != 1;
    (o.status.code(), stderr(&o), leftovers || file.exists())
}

#[test]
fn bad_exchange_input_gives_exit_2_and_one_line_naming_the_place() {
    let cases: Vec<(Box<dyn FnOnce(&mut Value)>, &str)> = vec![
        (Box::new(|v| v["dossiers"][2]["sheet"] = json!(27)), "dossiers[2].sheet: bộ sản phẩm số 27 không có"),
        (
            Box::new(|v| v["sheets"][0]["choices"]["1.1"] = json!(7)),
            "sheets[0].choices[\"1.1\"]: phương án 7 không tồn tại (tiêu chí có 3 phương án)",
        ),
        (Box::new(|v| v["members"][3]["id"] = json!("m1")), "members[3].id: mã thành viên «m1» bị trùng"),
        (
            Box::new(|v| v["sheets"][5]["dossier"] = json!("YY-2099-99")),
            "sheets[5].dossier: không có hồ sơ «YY-2099-99»",
        ),
        (Box::new(|v| v["sheets"][5]["member"] = json!("m77")), "sheets[5].member: không có thành viên «m77»"),
        (Box::new(|v| v["dossiers"][0]["colour"] = json!("đỏ")), "dossiers[0].colour: unknown field `colour`"),
        (Box::new(|v| v["members"][0]["role"] = json!("boss")), "members[0].role: unknown variant `boss`"),
        (
            Box::new(|v| v["format"] = json!("ocop-council-session/9")),
            "format: «ocop-council-session/9» không được hỗ trợ",
        ),
        (Box::new(|v| v["session"]["ruleset"] = json!("qd1-1999")), "session.ruleset: không có quy tắc «qd1-1999»"),
        (Box::new(|v| v["session"]["meeting_date"] = json!("05/06/2023")), "session.meeting_date"),
        (
            Box::new(|v| v["session"]["settings"]["quorum"]["fraction"] = json!("3/2")),
            "session.settings.quorum.fraction: «3/2» không phải phân số dạng \"2/3\" từ 0 đến 1 (mẫu số không quá 100)",
        ),
        (
            Box::new(|v| v["session"]["facts"]["closed"] = json!("24:00")),
            "session.facts.closed: «24:00» không phải giờ dạng HH:MM",
        ),
        (
            Box::new(|v| {
                v["sheets"][0]["choices"].as_object_mut().unwrap().remove("1.2");
            }),
            "sheets[0].choices: phiếu đã nộp phải chấm mọi tiêu chí; thiếu «1.2»",
        ),
        (
            Box::new(|v| v["sheets"][0]["choices"]["9.9"] = json!(1)),
            "sheets[0].choices[\"9.9\"]: bộ sản phẩm số 3 không có tiêu chí lá «9.9»",
        ),
        (Box::new(|v| v["sheets"][0]["choices"]["1.1"] = json!("ba")), "sheets[0].choices.1.1: invalid type"),
        (
            Box::new(|v| v["dossiers"][9]["recused"] = json!(["m6", "m6"])),
            "dossiers[9].recused[1]: thành viên «m6» bị lặp",
        ),
        (
            Box::new(|v| v["resolutions"] = json!([{"dossier": "YY-2023-01", "round": 3, "note": "x"}])),
            "resolutions[0].round: hồ sơ «YY-2023-01» không có vòng 3",
        ),
    ];
    for (change, expected) in cases {
        let (code, err, leftovers) = new_from_broken(change);
        assert_eq!(code, Some(2), "{expected}: {err}");
        assert!(err.contains(expected), "expected «{expected}» in: {err}");
        assert!(err.contains("in.json: "), "names the file: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!leftovers, "{expected}: no session file or temporary file is left behind");
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("hỏng.json");
    std::fs::write(&json, "{\n  \"format\": \"ocop-council-session/1\",\n  \"session\": {,\n}").unwrap();
    let o = run(&["new", p(&dir.path().join("s.ocop")), "--from", p(&json)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("hỏng.json: JSON không hợp lệ ở dòng 3, cột"), "{}", stderr(&o));
}

#[test]
fn usage_errors_and_missing_files_exit_2() {
    let o = run(&["results"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cần tên tệp phiên họp"));
    let o = run(&["results", "/nonexistent/không có.ocop"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/không có.ocop: không tìm thấy tệp"), "{}", stderr(&o));
    let o = run(&["new", "/tmp/x.ocop", "--ruleset", "qd0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("không có quy tắc «qd0»"));
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("ocop-council results FILE [--json]"));
}

#[test]
fn new_without_from_makes_an_empty_session_with_the_chosen_ruleset() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("trống.ocop");
    let o = run(&["new", p(&file), "--ruleset", "qd26-2026-tinh"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&run(&["export", p(&file)]))).unwrap();
    assert_eq!(v["session"]["ruleset"], "qd26-2026-tinh");
    assert_eq!(
        v["session"]["settings"],
        json!({"spread_limit": 10, "quorum": {"fraction": "2/3", "chair_required": true}, "decimals": 2})
    );
    let before = bytes(&file);
    let o = run(&["new", p(&file)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("đã có tệp này"));
    assert_eq!(bytes(&file), before);
}

#[test]
fn text_is_stored_nfc() {
    let dir = tempfile::tempdir().unwrap();
    let mut v = demo_value();
    v["dossiers"][0]["product"] = json!("Ga\u{0323}o ne\u{0302}\u{0301}p");
    let json = dir.path().join("nfd.json");
    std::fs::write(&json, v.to_string()).unwrap();
    let file = dir.path().join("s.ocop");
    assert_eq!(run(&["new", p(&file), "--from", p(&json)]).status.code(), Some(0));
    let out: Value = serde_json::from_str(&stdout(&run(&["export", p(&file)]))).unwrap();
    assert_eq!(out["dossiers"][0]["product"], "Gạo nếp");
}

#[test]
fn a_damaged_session_file_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let whole = bytes(&file);
    let cut = dir.path().join("cụt.ocop");
    std::fs::write(&cut, &whole[..whole.len() / 3]).unwrap();
    let o = run(&["results", p(&cut)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cụt.ocop: dữ liệu trong tệp bị hỏng"), "{}", stderr(&o));
}

#[test]
fn lock_archive_verify_and_reopen_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = new_demo(dir.path());
    let o = run(&["lock", p(&file), "--by", "Trần Thị Lan"]);
    let short = stdout(&o).lines().next().unwrap().rsplit(": ").next().unwrap().to_string();
    assert_eq!(short.len(), 19, "{short}");
    let usb = dir.path().join("USB");
    std::fs::create_dir(&usb).unwrap();
    let o = run(&["archive", p(&file), p(&usb)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(&format!("Dấu vân tay: {short} (đã khóa)")), "{}", stdout(&o));
    let archived = usb.join("Phiên họp Ý Yên.ocop");
    let o = run(&["verify", p(&archived), "--fingerprint", &short.to_uppercase()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("So với dấu vân tay trên biên bản giấy: khớp"));
    assert!(stdout(&o).contains("KẾT LUẬN: tệp nguyên vẹn."));
    let o = run(&["verify", p(&archived), "--fingerprint", "ffff-ffff-ffff-ffff"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("So với dấu vân tay trên biên bản giấy: KHÔNG khớp"));
    let o = run(&["verify", p(&archived), "--fingerprint", "12ab"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("không phải dấu vân tay"), "{}", stderr(&o));
    let o = run(&["archive", p(&file), p(&dir.path().join("không có"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("USB đã bị rút?"), "{}", stderr(&o));

    // Reopen needs a reason; the audit trail keeps it with the old fingerprint.
    assert_eq!(run(&["reopen", p(&file)]).status.code(), Some(2));
    let o = run(&["reopen", p(&file), "--reason", "Nhập nhầm phiếu của m3", "--by", "Trần Thị Lan"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&run(&["export", p(&file), "--audit"]))).unwrap();
    let audit = v["audit"].as_array().unwrap();
    let actions: Vec<&str> = audit.iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "lock", "reopen"]);
    assert_eq!(audit[2]["reason"], "Nhập nhầm phiếu của m3");
    assert_eq!(audit[2]["actor"], "Trần Thị Lan");
    assert!(audit[2]["old"].as_str().unwrap().starts_with(&short.replace('-', "")));
    // A session made from an export with its audit trail keeps that history before its own rows.
    let json = dir.path().join("with-audit.json");
    std::fs::write(&json, v.to_string()).unwrap();
    let copy = dir.path().join("copy.ocop");
    assert_eq!(run(&["new", p(&copy), "--from", p(&json)]).status.code(), Some(0));
    let w: Value = serde_json::from_str(&stdout(&run(&["export", p(&copy), "--audit"]))).unwrap();
    let actions: Vec<&str> = w["audit"].as_array().unwrap().iter().map(|a| a["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["create", "lock", "reopen", "create"]);
    // Without --audit the export has no audit section, so export → new → export stays identical.
    assert!(serde_json::from_str::<Value>(&stdout(&run(&["export", p(&copy)]))).unwrap().get("audit").is_none());
}
