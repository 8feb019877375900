//! What matters on the offices' Windows PCs and can be tested on Linux: paths with Vietnamese
//! letters and spaces all the way through (create, open, score, lock, archive, verify, copy back),
//! and a file opened twice for editing refused with a clear message, also across processes.

mod common;

use ocop_council::archive::{archive, restore, verify};
use ocop_council::store::{Store, StoreError};
use ocop_council::workspace::Workspace;

fn cli(args: &[&std::ffi::OsStr]) -> std::process::Output {
    common::ocop(args)
}

#[test]
fn vietnamese_paths_with_spaces_work_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("Hội đồng OCOP");
    std::fs::create_dir(&office).unwrap();
    let file = office.join("Phiên 1 — Ý Yên.ocop");
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/y-yen-2023.json");
    let o = cli(&["new".as_ref(), file.as_os_str(), "--from".as_ref(), demo.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    {
        let mut ws = Workspace::open(&file, "Thư ký Lê Thị Hoa").unwrap();
        // A submitted sheet takes a comment only once reopened (issue 13.1).
        ws.reopen_sheet("YY-2023-01", "m1", "Thêm ghi chú").unwrap();
        ws.set_comment("YY-2023-01", "m1", "Ghi chú có dấu: ỗ ặ ẫ ấ").unwrap();
        ws.submit_sheet("YY-2023-01", "m1").unwrap();
        ws.lock().unwrap();
    }
    let stick = dir.path().join("USB E").join("Lưu trữ 2023");
    std::fs::create_dir_all(&stick).unwrap();
    let report = archive(&file, &stick, &mut |_| {}).unwrap();
    assert_eq!(report.path, stick.join("Phiên 1 — Ý Yên.ocop"));
    assert!(verify(&report.path, None).unwrap().ok());
    let back = restore(&report.path, &office.join("Khôi phục")).unwrap();
    let loaded = Store::open(&back).unwrap().load().unwrap();
    assert_eq!(loaded.session.sheets[0].comment, "Ghi chú có dấu: ỗ ặ ẫ ấ");
    let o = cli(&["verify".as_ref(), report.path.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn a_file_open_for_editing_is_refused_a_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let file = common::demo_file(dir.path());
    let first = Workspace::open(&file, "máy 1").unwrap();
    // In this process…
    let err = Workspace::open(&file, "máy 2").err().unwrap();
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
    // …and from another process: a writing command is refused and the file is unchanged.
    let before = std::fs::read(&file).unwrap();
    let o = cli(&["lock".as_ref(), file.as_os_str()]);
    assert_eq!(o.status.code(), Some(2));
    let message = String::from_utf8_lossy(&o.stderr);
    assert!(message.contains("tệp đang được mở ở một cửa sổ khác của ứng dụng"), "{message}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Reading stays possible meanwhile (the results board on a projector PC, a script).
    let o = cli(&["results".as_ref(), file.as_os_str(), "--json".as_ref()]);
    assert!(o.status.success());
    // Closed in the first window: the second may open it.
    drop(first);
    let o = cli(&["lock".as_ref(), file.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
