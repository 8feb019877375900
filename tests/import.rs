//! Dossier lists: a preview with the place of every problem, then all or nothing; bad input leaves
//! the session file byte-identical.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ocop-council")).args(args).output().unwrap()
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
        ("bảng.xlsx", b"PK\x03\x04 not really".to_vec(), "bảng.xlsx: bảng tính Excel/ODS sẽ đọc được ở bản sau"),
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
