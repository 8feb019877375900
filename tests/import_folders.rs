//! Folders of dossier documents: no file is lost to a name that collides, nothing hangs on a file
//! that is not a file, and a path too deep to open is reported.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Runs the program, killed (and the test failed) if it has not ended within a minute.
fn run(args: &[&std::ffi::OsStr]) -> Output {
    let mut child = common::spawn(
        Command::new(env!("CARGO_BIN_EXE_ocop-council"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped()),
    );
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("{args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn import(session: &Path, root: &Path) -> Output {
    run(&["import".as_ref(), session.as_os_str(), root.as_os_str()])
}

fn attached(session: &Path) -> Vec<(String, String, String)> {
    let mut all = ocop_council::store::Store::open_shared(session).unwrap().attachment_hashes().unwrap();
    all.sort();
    all
}

#[test]
fn names_that_fold_to_one_are_kept_apart() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let root = dir.path().join("hồ sơ");
    let by_code = root.join("YY-2023-01");
    let by_name = root.join("YY-2023-01 hồ sơ gạo nếp");
    std::fs::create_dir_all(by_code.join("a")).unwrap();
    std::fs::create_dir_all(&by_name).unwrap();
    // "Phiếu.pdf" spelt composed (NFC) and decomposed (NFD): two files on Linux, one name folded.
    std::fs::write(by_code.join("Phi\u{1EBF}u.pdf"), b"composed").unwrap();
    std::fs::write(by_code.join("Phie\u{302}\u{301}u.pdf"), b"decomposed").unwrap();
    // Two folders for one dossier, each with its own "Đơn.pdf".
    std::fs::write(by_code.join("Đơn.pdf"), b"first folder").unwrap();
    std::fs::write(by_name.join("Đơn.pdf"), b"second folder").unwrap();
    std::fs::write(by_code.join("a").join("b.pdf"), b"in a folder").unwrap();
    #[cfg(unix)]
    std::fs::write(by_code.join("a\\b.pdf"), b"a backslash in the name").unwrap();
    let files = if cfg!(unix) { 6 } else { 5 };
    let o = import(&session, &root);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains(&format!("đính kèm {files} tệp")), "{}", text(&o));
    let stored = attached(&session);
    assert_eq!(stored.len(), files, "{stored:?}");
    let names: std::collections::HashSet<&str> = stored.iter().map(|(_, n, _)| n.as_str()).collect();
    assert_eq!(names.len(), files, "every file under a name of its own: {stored:?}");
    assert!(names.contains("Phiếu.pdf") && names.contains("Đơn.pdf") && names.contains("a/b.pdf"), "{names:?}");
    let contents: std::collections::HashSet<&str> = stored.iter().map(|(_, _, sha)| sha.as_str()).collect();
    assert_eq!(contents.len(), files, "no content replaced another");
    assert!(text(&o).contains("trùng tên"), "a renamed file is said so: {}", text(&o));
}

#[test]
fn importing_the_same_folder_twice_keeps_one_copy_and_a_changed_file_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let folder = dir.path().join("hồ sơ").join("YY-2023-02");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("Giấy phép.pdf"), b"v1").unwrap();
    let root = dir.path().join("hồ sơ");
    assert!(import(&session, &root).status.success());
    let o = import(&session, &root);
    assert!(text(&o).contains("đính kèm 0 tệp"), "nothing new is stored: {}", text(&o));
    assert_eq!(attached(&session).len(), 1);
    std::fs::write(folder.join("Giấy phép.pdf"), b"v2").unwrap();
    let o = import(&session, &root);
    assert!(text(&o).contains("đính kèm 1 tệp"), "{}", text(&o));
    let names: Vec<String> = attached(&session).into_iter().map(|(_, n, _)| n).collect();
    assert_eq!(names, ["Giấy phép (2).pdf", "Giấy phép.pdf"], "the earlier file is not replaced");
}

#[cfg(unix)]
#[test]
fn undecodable_names_are_kept_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let folder = dir.path().join("hồ sơ").join("YY-2023-03");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, content) in [(&b"scan\xff.pdf"[..], b"one"), (&b"scan\xfe.pdf"[..], b"two")] {
        if std::fs::write(folder.join(std::ffi::OsStr::from_bytes(name)), content).is_err() {
            return; // a file system that refuses such names has nothing to test
        }
    }
    let o = import(&session, &dir.path().join("hồ sơ"));
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("đính kèm 2 tệp"), "{}", text(&o));
    assert_eq!(attached(&session).len(), 2);
    assert!(text(&o).contains("không đọc được"), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_socket_is_refused_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let folder = dir.path().join("hồ sơ").join("YY-2023-04");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("Phiếu.pdf"), b"%PDF").unwrap();
    assert!(Command::new("mkfifo").arg(folder.join("ống.pdf")).status().unwrap().success());
    let _socket = std::os::unix::net::UnixListener::bind(folder.join("ổ cắm")).unwrap();
    let before = std::fs::read(&session).unwrap();
    let o = import(&session, &dir.path().join("hồ sơ"));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("ống.pdf: không phải tệp thường"), "{}", text(&o));
    assert!(text(&o).contains("ổ cắm: không phải tệp thường"), "{}", text(&o));
    assert_eq!(std::fs::read(&session).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_fifo_after_the_preview_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let folder = dir.path().join("hồ sơ").join("YY-2023-05");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("Phiếu.pdf");
    std::fs::write(&file, b"%PDF").unwrap();
    let mut store = ocop_council::store::Store::open(&session).unwrap();
    let dossiers = store.load().unwrap().session.dossiers;
    let plan = ocop_council::dossier::plan_folder(&dir.path().join("hồ sơ"), &dossiers, u64::MAX);
    assert_eq!(plan.files.len(), 1, "{:?}", plan.errors);
    std::fs::remove_file(&file).unwrap();
    assert!(Command::new("mkfifo").arg(&file).status().unwrap().success());
    let (done, outcome) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        let result = ocop_council::import::apply(&mut store, "thư ký", "hồ sơ", &[], &[plan], &mut |_, _| {});
        let _ = done.send(result.map(|c| c.attached).map_err(|e| e.to_string()));
    });
    let result = outcome.recv_timeout(Duration::from_secs(30)).expect("the import hangs on a FIFO");
    worker.join().unwrap();
    let message = result.unwrap_err();
    assert!(message.contains("Phiếu.pdf: không phải tệp thường"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_path_too_deep_to_open_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let folder = dir.path().join("hồ sơ").join("YY-2023-06");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("Phiếu.pdf"), b"%PDF").unwrap();
    // 30 folders of 200 letters, past PATH_MAX (4096): two chains of 15, the second moved into the first.
    let long = "x".repeat(200);
    let chain = |top: &Path| (0..15).fold(top.to_path_buf(), |p, _| p.join(&long));
    let outer = chain(&folder);
    std::fs::create_dir_all(&outer).unwrap();
    let inner_top = dir.path().join("chuỗi");
    let inner = chain(&inner_top);
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(inner.join("sâu.pdf"), b"%PDF").unwrap();
    std::fs::rename(&inner_top, outer.join("chuỗi")).unwrap();
    let before = std::fs::read(&session).unwrap();
    let o = import(&session, &dir.path().join("hồ sơ"));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("quá sâu hoặc quá dài"), "{}", text(&o));
    assert_eq!(std::fs::read(&session).unwrap(), before);
}

/// A document whose name holds a bidi override or a control character is refused by name (shown
/// without the character) before anything is attached; the session stays byte-identical.
#[test]
fn a_document_name_with_a_bidi_or_control_character_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let session = common::demo_file(dir.path());
    let root = dir.path().join("hồ sơ");
    let folder = root.join("YY-2023-01");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("Phiếu.pdf"), b"fine").unwrap();
    // "hóa đơn" + U+202E + "fdp.exe" shows as "hóa đơnexe.pdf" where bidi overrides are honoured.
    std::fs::write(folder.join("hóa đơn\u{202E}fdp.exe"), b"MZ").unwrap();
    let before = std::fs::read(&session).unwrap();
    let o = import(&session, &root);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let shown = folder.join("hóa đơn\u{FFFD}fdp.exe").display().to_string();
    let expected = format!("{shown}: có ký tự điều khiển hoặc đổi chiều chữ U+202E, không được phép trong văn bản");
    assert!(text(&o).contains(&expected), "expected «{expected}» in {}", text(&o));
    assert!(!text(&o).contains('\u{202E}'), "the override itself is never printed");
    assert_eq!(std::fs::read(&session).unwrap(), before);
    assert!(attached(&session).is_empty());
}
