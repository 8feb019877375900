//! Dossier lists: a preview with the place of every problem, then all or nothing; bad input leaves
//! the session file byte-identical.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

fn run(args: &[&std::ffi::OsStr]) -> Output {
    common::ocop(args)
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// An empty session (no dossiers yet) and a list file with `content`.
fn setup(dir: &Path, name: &str, content: &[u8]) -> (PathBuf, PathBuf) {
    let session = dir.join("phiên.ocop");
    if !session.exists() {
        assert!(run(&["new".as_ref(), session.as_os_str()]).status.success());
    }
    let list = dir.join(name);
    std::fs::write(&list, content).unwrap();
    (session, list)
}

fn import(session: &Path, list: &Path) -> Output {
    run(&["import".as_ref(), session.as_os_str(), list.as_os_str()])
}

const GOOD: &str = "DANH SÁCH SẢN PHẨM ĐĂNG KÝ\n\nSTT;Mã hồ sơ;TÊN SẢN PHẨM;bộ  sản-phẩm;Chủ thể;Loại hình chủ thể;Hình thức;Điểm tự đánh giá\n\
1;YY-01;Gạo nếp cái hoa vàng;3;HTX Yên Cường;Hợp tác xã;Mới;64\n\
2;;Rượu nếp cái hoa vàng;rượu trắng;Công ty TNHH Yên Chính;Công ty;Nâng hạng;72\n";

#[test]
fn a_good_list_is_previewed_then_applied_and_reimport_updates() {
    let dir = tempfile::tempdir().unwrap();
    let (session, list) = setup(dir.path(), "danh sách.csv", GOOD.as_bytes());
    let before = std::fs::read(&session).unwrap();
    let o = run(&["import".as_ref(), session.as_os_str(), list.as_os_str(), "--dry-run".as_ref()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Thêm 2 hồ sơ, cập nhật 0 hồ sơ."));
    assert_eq!(std::fs::read(&session).unwrap(), before, "a preview changes nothing");
    let o = import(&session, &list);
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&run(&["export".as_ref(), session.as_os_str()]).stdout).unwrap();
    let d = &v["dossiers"];
    assert_eq!(
        (d[0]["code"].as_str(), d[0]["sheet"].as_u64(), d[0]["entity_type"].as_str()),
        (Some("YY-01"), Some(3), Some("htx"))
    );
    assert_eq!(
        (d[1]["sheet"].as_u64(), d[1]["kind"].as_str(), d[1]["self_score"].as_u64()),
        (Some(14), Some("upgrade"), Some(72))
    );
    // The same list again updates the two dossiers (by code, else by product and producer).
    let o = import(&session, &list);
    assert!(text(&o).contains("Thêm 0 hồ sơ, cập nhật 2 hồ sơ."), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&run(&["export".as_ref(), session.as_os_str()]).stdout).unwrap();
    assert_eq!(v["dossiers"].as_array().unwrap().len(), 2);
}

#[test]
fn a_json_list_goes_through_the_same_checks() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"[{"code": "T-1", "product": "Mật ong hoa nhãn", "sheet": 4, "producer": "THT Yên Đồng", "entity_type": "tht", "kind": "new"},
                   {"code": "T-2", "product": "Chiếu cói", "sheet": 99, "producer": "HTX Yên Lộc"}]"#;
    let (session, list) = setup(dir.path(), "ds.json", json.as_bytes());
    let o = import(&session, &list);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("ds.json, dòng 3, cột «Bộ sản phẩm»: «99» không phải bộ sản phẩm nào"), "{}", text(&o));
}

#[test]
fn bad_lists_are_refused_with_their_place_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("trống.csv", b"".to_vec(), "trống.csv: tệp trống"),
        (
            "thiếu cột.csv",
            "STT;Tên sản phẩm;Chủ thể\n1;Gạo;HTX\n".as_bytes().to_vec(),
            "thiếu cột.csv, dòng 1, cột «Bộ sản phẩm»: thiếu cột bắt buộc",
        ),
        (
            "không tên.csv",
            "Tên sản phẩm;Bộ sản phẩm;Chủ thể\n;3;HTX Yên Cường\n".as_bytes().to_vec(),
            "không tên.csv, dòng 2, cột «Tên sản phẩm»: thiếu tên sản phẩm",
        ),
        (
            "bộ lạ.csv",
            "Tên sản phẩm;Bộ sản phẩm;Chủ thể\nGạo;Bánh kẹo ngoại;HTX\n".as_bytes().to_vec(),
            "bộ lạ.csv, dòng 2, cột «Bộ sản phẩm»: «Bánh kẹo ngoại» không phải bộ sản phẩm nào",
        ),
        (
            "điểm.csv",
            "Tên sản phẩm;Bộ sản phẩm;Chủ thể;Điểm tự đánh giá\nGạo;3;HTX;sáu mươi\n".as_bytes().to_vec(),
            "điểm.csv, dòng 2, cột «Điểm tự đánh giá»: «sáu mươi» không phải số điểm",
        ),
        (
            "trùng.csv",
            "Mã hồ sơ;Tên sản phẩm;Bộ sản phẩm;Chủ thể\nA;Gạo;3;HTX\nA;Rượu;14;DN\n".as_bytes().to_vec(),
            "trùng.csv, dòng 3, cột «Mã hồ sơ»: mã «A» trùng với dòng 2",
        ),
        // "Tên sản phẩm;Bộ;Chủ thể / Gạo…" saved in Windows-1258: "ạ" is 0xF2 after "a".
        (
            "cp1258.csv",
            vec![0x54, 0xEA, 0x6E, 0x20, 0x73, 0x61, 0xF2, 0x6E, 0x3B, 0x42, 0x0A],
            "cp1258.csv: tệp không ở mã UTF-8",
        ),
        ("bảng.xlsx", b"PK\x03\x04 not really".to_vec(), "bảng.xlsx: bảng tính bị hỏng hoặc chưa sao chép xong"),
    ];
    for (name, content, expected) in cases {
        let (session, list) = setup(dir.path(), name, &content);
        let before = std::fs::read(&session).unwrap();
        let o = import(&session, &list);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", text(&o));
        assert!(text(&o).contains(expected), "{name}: expected «{expected}» in {}", text(&o));
        assert_eq!(std::fs::read(&session).unwrap(), before, "{name}: the session file is unchanged");
    }
}

#[test]
fn a_locked_session_refuses_imports() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    assert!(run(&["lock".as_ref(), session.as_os_str()]).status.success());
    let list = dir.path().join("ds.csv");
    std::fs::write(&list, GOOD).unwrap();
    let before = std::fs::read(&session).unwrap();
    let o = import(&session, &list);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("đã khóa"), "{}", text(&o));
    assert_eq!(std::fs::read(&session).unwrap(), before);
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

#[test]
fn spreadsheets_import_like_csv() {
    for name in ["danh-sach.xlsx", "danh-sach.ods"] {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ocop");
        assert!(run(&["new".as_ref(), session.as_os_str()]).status.success());
        let list = Path::new(FIXTURES).join(name);
        let o = import(&session, &list);
        assert!(o.status.success(), "{name}: {}", text(&o));
        assert!(text(&o).contains("thêm 3, cập nhật 0 hồ sơ"), "{name}: {}", text(&o));
        let v: serde_json::Value =
            serde_json::from_slice(&run(&["export".as_ref(), session.as_os_str()]).stdout).unwrap();
        let d = &v["dossiers"];
        assert_eq!(d[1]["product"], "Rượu nếp cái hoa vàng", "{name}");
        assert_eq!(d[1]["sheet"], 14, "{name}: «Rượu trắng» is sheet 14");
        assert_eq!(d[2]["address"], "thị trấn Lâm, huyện Ý Yên", "{name}");
        assert_eq!(d[2]["self_score"], 78, "{name}");
    }
}

#[test]
fn damaged_and_password_protected_workbooks_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(Path::new(FIXTURES).join("danh-sach.xlsx")).unwrap();
    let (session, cut) = setup(dir.path(), "chép dở.xlsx", &whole[..whole.len() / 2]);
    let before = std::fs::read(&session).unwrap();
    let o = import(&session, &cut);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("chép dở.xlsx: bảng tính bị hỏng hoặc chưa sao chép xong"), "{}", text(&o));
    // An encrypted workbook is an OLE compound file, whatever its extension says.
    let ole = [[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1].as_slice(), &[0u8; 504]].concat();
    let (_, locked) = setup(dir.path(), "có mật khẩu.xlsx", &ole);
    let o = import(&session, &locked);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("có mật khẩu.xlsx: bảng tính được đặt mật khẩu"), "{}", text(&o));
    assert_eq!(std::fs::read(&session).unwrap(), before);
}

/// A folder of dossier folders for the demo session: by code, by product name, one unmatched.
fn dossier_folders(root: &Path) {
    let a = root.join("YY-2023-01 hồ sơ gạo nếp");
    let b = root.join("Đỉnh đồng Tống Xá").join("Giấy tờ pháp lý");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    std::fs::create_dir_all(root.join("Thư mục lạ")).unwrap();
    std::fs::write(a.join("Phiếu đăng ký.pdf"), b"%PDF-1.4 phieu").unwrap();
    std::fs::write(a.join("ảnh sản phẩm.jpg"), vec![7u8; 300_000]).unwrap();
    // The same content twice: stored once.
    std::fs::write(b.join("GCN ATTP.pdf"), b"%PDF-1.4 phieu").unwrap();
}

#[test]
fn folders_of_documents_become_deduplicated_attachments() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let root = dir.path().join("Hồ sơ sản phẩm");
    dossier_folders(&root);
    let fp_before = ocop_council::store::Store::open_shared(&session).unwrap().fingerprint().unwrap();
    let o = import(&session, &root);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("Đính kèm 3 tệp"), "{out}");
    assert!(out.contains("Thư mục lạ: thư mục không khớp mã hay tên sản phẩm nào"), "{out}");
    assert!(out.contains("hồ sơ YY-2023-02 (Rượu nếp cái hoa vàng Yên Chính) không có thư mục tài liệu"), "{out}");
    let store = ocop_council::store::Store::open_shared(&session).unwrap();
    let mut attached = store.attachment_hashes().unwrap();
    attached.sort();
    let names: Vec<(&str, &str)> = attached.iter().map(|(d, n, _)| (d.as_str(), n.as_str())).collect();
    assert_eq!(
        names,
        [
            ("YY-2023-01", "Phiếu đăng ký.pdf"),
            ("YY-2023-01", "ảnh sản phẩm.jpg"),
            ("YY-2023-08", "Giấy tờ pháp lý/GCN ATTP.pdf")
        ]
    );
    let blobs: i64 = store.connection().query_row("SELECT count(*) FROM blob", [], |r| r.get(0)).unwrap();
    assert_eq!(blobs, 2, "identical files are stored once");
    let stored: Vec<u8> = store
        .connection()
        .query_row("SELECT data FROM blob WHERE sha256 = ?1", [&attached[1].2], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, vec![7u8; 300_000], "the content is stored exactly");
    assert_ne!(store.fingerprint().unwrap(), fp_before, "attachments are part of the fingerprint");
}

// Unix-only: a symbolic link needs a privilege on Windows (SeCreateSymbolicLinkPrivilege or
// developer mode) that office PCs do not give, so a secretary's folder cannot hold one; what they
// meet instead, a shortcut (.lnk), is an ordinary small file and is attached as one.
#[cfg(unix)]
#[test]
fn a_link_pointing_outside_the_folder_is_refused_and_nothing_is_attached() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let root = dir.path().join("hồ sơ");
    dossier_folders(&root);
    let outside = dir.path().join("bí mật.txt");
    std::fs::write(&outside, "không thuộc hồ sơ").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("YY-2023-01 hồ sơ gạo nếp").join("lối tắt.txt")).unwrap();
    let before = std::fs::read(&session).unwrap();
    let o = import(&session, &root);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("lối tắt.txt: liên kết (symlink) hoặc tệp ngoài thư mục đã chọn: không được nhận"),
        "{}",
        text(&o)
    );
    assert_eq!(std::fs::read(&session).unwrap(), before);
}

#[test]
fn oversize_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("hồ sơ");
    dossier_folders(&root);
    let cat = ocop_council::catalog::Catalog::builtin().unwrap();
    let (session, _, _) = ocop_council::exchange::parse(ocop_council::catalog::DEMO_SESSION, &cat, None).unwrap();
    let plan = ocop_council::dossier::plan_folder(&root, &session.dossiers, 100_000);
    assert_eq!(plan.errors.len(), 1);
    assert!(plan.errors[0].to_string().contains("ảnh sản phẩm.jpg: quá lớn"), "{}", plan.errors[0]);
}

#[test]
fn the_file_size_limit_is_configurable_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let root = dir.path().join("hồ sơ");
    dossier_folders(&root);
    let o = run(&["import".as_ref(), session.as_os_str(), root.as_os_str(), "--max-file-mb".as_ref(), "0".as_ref()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("ảnh sản phẩm.jpg: quá lớn"), "{}", text(&o));
    let o = run(&["import".as_ref(), session.as_os_str(), root.as_os_str(), "--max-file-mb".as_ref(), "1".as_ref()]);
    assert!(o.status.success(), "{}", text(&o));
}

/// YY-2023-01 of the demo (sheet 3, eight sheets scored: 65.00, 3 stars) given sheet 4 by a list.
const RESHEET: &str = "Mã hồ sơ;Tên sản phẩm;Bộ sản phẩm;Chủ thể\n\
YY-2023-01;Gạo nếp cái hoa vàng Yên Cường;4;HTX Dịch vụ nông nghiệp Yên Cường\n";

fn export_json(session: &Path, audit: bool) -> serde_json::Value {
    let mut args = vec!["export".as_ref(), session.as_os_str()];
    if audit {
        args.push("--audit".as_ref());
    }
    let o = run(&args);
    assert!(o.status.success(), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn a_list_cannot_change_the_sheet_of_a_scored_dossier_unless_its_sheets_are_discarded() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let list = dir.path().join("đổi bộ.csv");
    std::fs::write(&list, RESHEET).unwrap();
    let before = std::fs::read(&session).unwrap();
    let o = import(&session, &list);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("YY-2023-01") && text(&o).contains("8 phiếu chấm"), "{}", text(&o));
    assert_eq!(std::fs::read(&session).unwrap(), before, "a refused import leaves the file byte-identical");
    // A preview already says what the import would discard.
    let o = run(&["import".as_ref(), session.as_os_str(), list.as_os_str(), "--dry-run".as_ref()]);
    assert!(text(&o).contains("YY-2023-01") && text(&o).contains("8 phiếu chấm"), "{}", text(&o));
    // Discarding needs a reason.
    let o = run(&["import".as_ref(), session.as_os_str(), list.as_os_str(), "--discard-sheets".as_ref()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("--reason"), "{}", text(&o));
    assert_eq!(std::fs::read(&session).unwrap(), before);
    let args: [&std::ffi::OsStr; 6] = [
        "import".as_ref(),
        session.as_os_str(),
        list.as_os_str(),
        "--discard-sheets".as_ref(),
        "--reason".as_ref(),
        "đăng ký nhầm bộ sản phẩm".as_ref(),
    ];
    let o = run(&args);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("hủy 8 phiếu chấm"), "{}", text(&o));
    let v = export_json(&session, true);
    let d = v["dossiers"].as_array().unwrap().iter().find(|d| d["code"] == "YY-2023-01").unwrap();
    assert_eq!(d["sheet"], 4);
    assert!(v["sheets"].as_array().unwrap().iter().all(|s| s["dossier"] != "YY-2023-01"), "the old sheets are gone");
    let discarded: Vec<&serde_json::Value> =
        v["audit"].as_array().unwrap().iter().filter(|a| a["action"] == "sheets_discarded").collect();
    assert_eq!(discarded.len(), 1, "{:?}", v["audit"]);
    assert_eq!(discarded[0]["dossier"], "YY-2023-01");
    assert_eq!(discarded[0]["reason"], "đăng ký nhầm bộ sản phẩm");
    // The dossier is to be scored again: the session cannot be locked with it unscored.
    let o = run(&["lock".as_ref(), session.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    // Its own export loads again, and round-trips.
    let first = run(&["export".as_ref(), session.as_os_str()]).stdout;
    let json = dir.path().join("xuất.json");
    std::fs::write(&json, &first).unwrap();
    let copy = dir.path().join("bản sao.ocop");
    let o = run(&["new".as_ref(), copy.as_os_str(), "--from".as_ref(), json.as_os_str()]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(run(&["export".as_ref(), copy.as_os_str()]).stdout, first);
}

#[test]
fn a_list_that_keeps_the_sheet_of_a_scored_dossier_updates_it() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let list = dir.path().join("cùng bộ.csv");
    std::fs::write(&list, RESHEET.replace(";4;", ";3;")).unwrap();
    let o = import(&session, &list);
    assert!(o.status.success(), "{}", text(&o));
    let v = export_json(&session, false);
    assert_eq!(v["sheets"].as_array().unwrap().iter().filter(|s| s["dossier"] == "YY-2023-01").count(), 8);
}

#[test]
fn editing_the_sheet_of_a_scored_dossier_is_refused_with_its_sheets_named() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let before = std::fs::read(&session).unwrap();
    let mut store = ocop_council::store::Store::open(&session).unwrap();
    let mut d = store.load().unwrap().session.dossiers[0].clone();
    assert_eq!((d.code.as_str(), d.sheet), ("YY-2023-01", 3));
    d.sheet = 4;
    match store.update_dossier("thư ký", &d) {
        Err(e @ ocop_council::store::StoreError::SheetsWouldBeDiscarded { .. }) => {
            assert!(e.to_string().contains("YY-2023-01") && e.to_string().contains("8 phiếu chấm"), "{e}");
            use ocop_council::lang::Say;
            assert!(
                e.say(ocop_council::lang::Lang::En).contains("8 score sheets"),
                "{}",
                e.say(ocop_council::lang::Lang::En)
            );
        }
        other => panic!("{other:?}"),
    }
    // Other details of a scored dossier may still be edited.
    d.sheet = 3;
    d.phone = "0228 3822 000".into();
    store.update_dossier("thư ký", &d).unwrap();
    store.close().unwrap();
    assert_ne!(std::fs::read(&session).unwrap(), before);
}

/// A product-sheet cell that is a number must be a whole one, 1–26: "-1" and "1.9" no longer fold
/// to sheet 1. Refused with the row and column, the session byte-identical.
#[test]
fn a_sheet_number_that_is_not_a_whole_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("-1", "«-1» không phải số bộ sản phẩm: số bộ là số nguyên từ 1 đến 26"),
        ("1.9", "«1.9» không phải số bộ sản phẩm: số bộ là số nguyên từ 1 đến 26"),
        ("1,9", "«1,9» không phải số bộ sản phẩm: số bộ là số nguyên từ 1 đến 26"),
        ("3a", "«3a» không phải bộ sản phẩm nào (số 1–26 hoặc tên bộ)"),
        ("0", "«0» không phải bộ sản phẩm nào (số 1–26 hoặc tên bộ)"),
        ("99", "«99» không phải bộ sản phẩm nào (số 1–26 hoặc tên bộ)"),
        ("-1 Gạo", "«-1 Gạo» không phải bộ sản phẩm nào (số 1–26 hoặc tên bộ)"),
    ];
    for (i, (cell, expected)) in cases.iter().enumerate() {
        let name = format!("bộ {i}.csv");
        let content = format!("Mã hồ sơ,Tên sản phẩm,Chủ thể,Bộ sản phẩm\nA5,Gạo1,HTX,3\nA6,Gạo2,HTX,{cell}\n");
        let content = content.replace(",-1 Gạo\n", ",\"-1 Gạo\"\n").replace(",1,9\n", ",\"1,9\"\n");
        let (session, list) = setup(dir.path(), &name, content.as_bytes());
        let before = std::fs::read(&session).unwrap();
        let o = import(&session, &list);
        assert_eq!(o.status.code(), Some(2), "{cell}: {}", text(&o));
        let place = format!("{name}, dòng 3, cột «Bộ sản phẩm»: {expected}");
        assert!(text(&o).contains(&place), "{cell}: expected «{place}» in {}", text(&o));
        assert_eq!(std::fs::read(&session).unwrap(), before, "{cell}: the session file is unchanged");
    }
    // Whole numbers written as such, and a sheet's number before its name, still import.
    let content = "Tên sản phẩm;Chủ thể;Bộ sản phẩm\nGạo;HTX;03\nRượu;DN;3.0\nMắm;Hộ;14. Rượu trắng\n";
    let (session, list) = setup(dir.path(), "tốt.csv", content.as_bytes());
    let o = import(&session, &list);
    assert!(o.status.success(), "{}", text(&o));
    let sheets: Vec<_> =
        export_json(&session, false)["dossiers"].as_array().unwrap().iter().map(|d| d["sheet"].as_u64()).collect();
    assert_eq!(sheets, [Some(3), Some(3), Some(14)]);
}

/// In a workbook, a number cell 3 (3.0) is sheet 3, a number cell 1.9 is refused; in both languages.
#[test]
fn a_spreadsheet_sheet_number_is_whole_or_refused_in_both_languages() {
    use ocop_council::lang::{Lang, Say};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bộ.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Tên sản phẩm", "Chủ thể", "Bộ sản phẩm"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (product, number)) in [("Gạo", 3.0), ("Rượu", 1.9), ("Mắm", -1.0)].iter().enumerate() {
        sheet.write_string(1 + r as u32, 0, *product).unwrap();
        sheet.write_string(1 + r as u32, 1, "HTX").unwrap();
        sheet.write_number(1 + r as u32, 2, *number).unwrap();
    }
    book.save(&path).unwrap();
    let cat = common::catalog();
    let preview = ocop_council::dossier::plan_file(&path, &[], cat.criteria("qd26-2026").unwrap());
    let file = path.display().to_string();
    let vi: Vec<String> = preview.errors.iter().map(|e| e.say(Lang::Vi)).collect();
    assert_eq!(
        vi,
        [
            format!(
                "{file}, dòng 3, cột «Bộ sản phẩm»: «1.9» không phải số bộ sản phẩm: số bộ là số nguyên từ 1 đến 26"
            ),
            format!(
                "{file}, dòng 4, cột «Bộ sản phẩm»: «-1» không phải số bộ sản phẩm: số bộ là số nguyên từ 1 đến 26"
            ),
        ]
    );
    assert_eq!(
        preview.errors[0].say(Lang::En),
        format!(
            "{file}, row 3, column “Product sheet”: “1.9” is not a sheet number: a sheet number is a whole number from 1 to 26"
        )
    );
    assert_eq!(preview.add.iter().map(|d| (d.product.as_str(), d.sheet)).collect::<Vec<_>>(), [("Gạo", 3)]);
}

/// A control or bidi character in a list's cell is refused with its row and column, as the
/// exchange reader would refuse it after an export; the session is left byte-identical.
#[test]
fn a_control_or_bidi_character_in_a_list_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("Gạo2", "HTX\u{202E}Yên", "dòng 3, cột «Chủ thể»: có ký tự điều khiển hoặc đổi chiều chữ U+202E"),
        ("a\u{0}b", "HTX", "dòng 3, cột «Tên sản phẩm»: có ký tự điều khiển hoặc đổi chiều chữ U+0000"),
        ("Gạo\u{1B}[31m", "HTX", "dòng 3, cột «Tên sản phẩm»: có ký tự điều khiển hoặc đổi chiều chữ U+001B"),
    ];
    for (i, (product, producer, expected)) in cases.iter().enumerate() {
        let name = format!("ký tự {i}.csv");
        let content = format!("Mã hồ sơ,Tên sản phẩm,Chủ thể,Bộ sản phẩm\nA5,Gạo1,HTX,3\nA6,{product},{producer},3\n");
        let (session, list) = setup(dir.path(), &name, content.as_bytes());
        let before = std::fs::read(&session).unwrap();
        let o = import(&session, &list);
        assert_eq!(o.status.code(), Some(2), "{product:?}: {}", text(&o));
        let place = format!("{name}, {expected}");
        assert!(text(&o).contains(&place), "expected «{place}» in {}", text(&o));
        assert_eq!(std::fs::read(&session).unwrap(), before, "{product:?}: the session file is unchanged");
    }
    // The same in English, through the list planner the window uses.
    use ocop_council::lang::{Lang, Say};
    let rows: Vec<Vec<String>> = [["Tên sản phẩm", "Chủ thể", "Bộ sản phẩm"], ["Gạo", "HTX\u{2066}", "3"]]
        .iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let cat = common::catalog();
    let preview = ocop_council::dossier::plan_rows("ds.csv", &rows, &[], cat.criteria("qd26-2026").unwrap());
    assert_eq!(
        preview.errors.iter().map(|e| e.say(Lang::En)).collect::<Vec<_>>(),
        [
            "ds.csv, row 2, column “Producer”: holds the control or text-direction character U+2066, not allowed in a text"
        ]
    );
    assert!(preview.add.is_empty());
}
