//! How session files are opened (issue 12, points 3, 4 and 9): `verify` reads what every other
//! command reads (the write-ahead log applied), one editor per file whatever path names it, and
//! what a user can fix is exit 2 with a sentence, leaving everything as it was.

mod common;

use ocop_council::archive::verify;
use ocop_council::store::{Store, StoreError};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&std::ffi::OsStr]) -> Output {
    common::ocop(args)
}

fn os<S: AsRef<std::ffi::OsStr> + ?Sized>(s: &S) -> &std::ffi::OsStr {
    s.as_ref()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file of `dir` with the SHA-256 of its bytes, to see that nothing was created or changed.
fn listing(dir: &Path) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                ocop_council::domain::fingerprint::sha256_hex(&std::fs::read(e.path()).unwrap()),
            )
        })
        .collect();
    all.sort();
    all
}

fn names(dir: &Path) -> Vec<String> {
    listing(dir).into_iter().map(|(n, _)| n).collect()
}

/// `path` + `suffix`.
/// Another path to `target`, named `link` where it can be. Unix: a symbolic link. Windows: creating
/// one needs a privilege (SeCreateSymbolicLinkPrivilege, or developer mode) office PCs do not give,
/// so what its users meet is the same file spelled another way: a `.` folder step and the name in
/// capitals (Windows' names are case-blind) — a different string, the same file, the same claim.
fn another_path(target: &Path, link: &Path) -> PathBuf {
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(target, link).unwrap();
        link.to_path_buf()
    }
    #[cfg(not(unix))]
    {
        let _ = link;
        let name = target.file_name().unwrap().to_string_lossy().to_uppercase();
        target.parent().unwrap().join(".").join(name)
    }
}

fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies the database and its `-wal` into `to` while the connections that wrote them are still
/// open: the pair a killed process leaves, with changes not yet checkpointed into the file.
fn copy_pair(from: &Path, to: &Path) -> PathBuf {
    std::fs::create_dir_all(to).unwrap();
    let target = to.join(from.file_name().unwrap());
    std::fs::copy(from, &target).unwrap();
    std::fs::copy(beside(from, "-wal"), beside(&target, "-wal")).unwrap();
    target
}

/// A connection that leaves what it writes in the WAL.
fn parking_connection(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;").unwrap();
    conn
}

/// Raises (or lowers) one score of a locked file behind the lock's back.
const TAMPER: &str = "DROP TRIGGER score_sheet_locked_update;
    UPDATE score_sheet SET choices = json_set(choices, '$.\"1.1\"',
        CASE json_extract(choices, '$.\"1.1\"') WHEN 1 THEN 2 ELSE 1 END)
     WHERE id = (SELECT min(id) FROM score_sheet);";

// ---- point 3: verify reads the file as SQLite recovers it ----

#[test]
fn verify_sees_a_change_parked_in_the_wal_as_results_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let fp = Store::open(&path).unwrap().lock("thư ký").unwrap();
    let conn = parking_connection(&path);
    conn.execute_batch(TAMPER).unwrap();
    let killed = copy_pair(&path, &dir.path().join("killed"));
    drop(conn);
    let before = listing(killed.parent().unwrap());

    let v = verify(&killed, Some(&fp)).unwrap();
    assert_eq!(listing(killed.parent().unwrap()), before, "verify writes nothing beside the file");
    assert!(!v.ok(), "{:?}", v.lines());
    assert_eq!((v.matches_lock, v.matches_typed), (Some(false), Some(false)));
    let seen = Store::open_shared(&killed).unwrap().fingerprint().unwrap();
    assert_eq!(v.fingerprint, seen, "verify reports the content every other command reads");
    assert_ne!(v.fingerprint, fp);
}

#[test]
fn a_change_in_the_wal_beside_an_archive_fails_its_checksum_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let fp = Store::open(&path).unwrap().lock("thư ký").unwrap();
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let report = ocop_council::archive::archive(&path, &usb, &mut |_| {}).unwrap();
    let good = verify(&report.path, Some(&fp)).unwrap();
    assert_eq!((good.matches_lock, good.matches_checksum), (Some(true), Some(true)));

    let conn = parking_connection(&report.path);
    conn.execute_batch(TAMPER).unwrap();
    let elsewhere = dir.path().join("copied stick");
    let killed = copy_pair(&report.path, &elsewhere);
    std::fs::copy(&report.checksum_path, elsewhere.join("demo.ocop.sha256")).unwrap();
    drop(conn);
    let v = verify(&killed, None).unwrap();
    assert!(!v.ok(), "{:?}", v.lines());
    assert_eq!((v.matches_lock, v.matches_checksum), (Some(false), Some(false)));
}

/// Writes the pages of the first half of the WAL's frames into the database file, as a checkpoint
/// killed half way leaves it.
fn half_checkpoint(db: &Path) {
    let wal = std::fs::read(beside(db, "-wal")).unwrap();
    let page = u32::from_be_bytes(wal[8..12].try_into().unwrap()) as usize;
    let frames = (wal.len() - 32) / (24 + page);
    assert!(frames >= 2, "the WAL holds frames");
    let mut file = std::fs::read(db).unwrap();
    for f in 0..frames / 2 {
        let at = 32 + f * (24 + page);
        let pgno = u32::from_be_bytes(wal[at..at + 4].try_into().unwrap()) as usize;
        let offset = (pgno - 1) * page;
        if file.len() < offset + page {
            file.resize(offset + page, 0);
        }
        file[offset..offset + page].copy_from_slice(&wal[at + 24..at + 24 + page]);
    }
    std::fs::write(db, file).unwrap();
}

#[test]
fn a_file_killed_during_a_checkpoint_verifies_as_sqlite_recovers_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    store.connection().execute_batch("PRAGMA wal_autocheckpoint = 0;").unwrap();
    store.open_round("thư ký", "YY-2023-01", "chấm lại").unwrap();
    store.open_round("thư ký", "YY-2023-02", "chấm lại").unwrap();
    let killed = copy_pair(&path, &dir.path().join("killed"));
    drop(store);
    half_checkpoint(&killed);
    let before = listing(killed.parent().unwrap());
    let v = verify(&killed, None).unwrap();
    assert_eq!(v.integrity, "ok", "{:?}", v.lines());
    assert_eq!(listing(killed.parent().unwrap()), before);
    let seen = Store::open_shared(&killed).unwrap().fingerprint().unwrap();
    assert_eq!(v.fingerprint, seen);
    let expected = Store::open_shared(&path).unwrap().fingerprint().unwrap();
    assert_eq!(v.fingerprint, expected, "the recovered content is the content written");
}

// ---- point 4: one editor per file, by file identity ----

#[test]
fn a_second_editor_through_a_link_is_refused_and_readers_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let soft = another_path(&path, &dir.path().join("lối tắt.ocop"));
    let hard = dir.path().join("liên kết cứng.ocop");
    std::fs::hard_link(&path, &hard).unwrap();

    let first = Store::open(&path).unwrap();
    for other in [&soft, &hard, &path] {
        let err = Store::open(other).err().expect("a second editor is refused");
        assert!(matches!(err, StoreError::InUse { .. }), "{}: {err}", other.display());
    }
    // Readers are not blocked by the claim.
    assert_eq!(Store::open_shared(&soft).unwrap().load().unwrap().session.dossiers.len(), 12);
    assert!(verify(&hard, None).unwrap().ok());
    assert!(names(dir.path()).iter().all(|n| !n.ends_with("-lock")), "no lock file: {:?}", names(dir.path()));
    drop(first);
    let again = Store::open(&hard).unwrap();
    drop(again);
    drop(Store::open(&soft).unwrap());
    assert!(names(dir.path()).iter().all(|n| !n.ends_with("-lock")), "{:?}", names(dir.path()));
}

/// An empty session and two lists, each adding one dossier of its own.
fn session_and_lists(dir: &Path) -> (PathBuf, [PathBuf; 2]) {
    let session = dir.join("phiên.ocop");
    assert!(run(&[os("new"), session.as_os_str()]).status.success());
    let list = |n: u32| {
        let path = dir.join(format!("ds{n}.csv"));
        let text = format!(
            "Mã hồ sơ;Tên sản phẩm;Bộ sản phẩm;Chủ thể;Loại hình chủ thể;Hình thức\nYY-0{n};Gạo số {n};3;HTX {n};Hợp tác xã;Mới\n"
        );
        std::fs::write(&path, text).unwrap();
        path
    };
    (session, [list(1), list(2)])
}

fn dossier_codes(session: &Path) -> Vec<String> {
    let o = run(&[os("export"), session.as_os_str()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["dossiers"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn two_imports_through_two_paths_never_both_write() {
    let dir = tempfile::tempdir().unwrap();
    let (session, [one, two]) = session_and_lists(dir.path());
    let link = another_path(&session, &dir.path().join("link.ocop"));
    let hard = dir.path().join("hard.ocop");
    std::fs::hard_link(&session, &hard).unwrap();

    // While one editor has the file (a window, or the first import), an import through another
    // path is refused and changes nothing.
    let editor = Store::open(&hard).unwrap();
    let before = std::fs::read(&session).unwrap();
    let o = run(&[os("import"), link.as_os_str(), one.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("đang được mở"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&session).unwrap(), before);
    drop(editor);

    // Two at once through two paths: each one that reports success has its dossier in the file.
    let start = |path: &Path, list: &Path| {
        common::output(Command::new(env!("CARGO_BIN_EXE_ocop-council")).args([
            os("import"),
            path.as_os_str(),
            list.as_os_str(),
        ]))
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| start(&link, &one));
        let b = s.spawn(|| start(&hard, &two));
        (a.join().unwrap(), b.join().unwrap())
    });
    let codes = dossier_codes(&session);
    for (o, code) in [(&a, "YY-01"), (&b, "YY-02")] {
        match o.status.code() {
            Some(0) => assert!(codes.contains(&code.to_string()), "{code} reported added but lost: {codes:?}"),
            Some(2) => assert!(stderr(o).contains("đang được mở"), "{}", stderr(o)),
            other => panic!("{other:?}: {}", stderr(o)),
        }
    }
    assert!(a.status.success() || b.status.success(), "{} / {}", stderr(&a), stderr(&b));
}

#[test]
fn a_lock_through_a_link_waits_for_the_editor_and_then_verify_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::demo_file(dir.path());
    let link = another_path(&path, &dir.path().join("link.ocop"));
    let window = Store::open(&path).unwrap();
    let o = run(&[os("lock"), link.as_os_str()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("đang được mở"), "{}", stderr(&o));
    assert!(window.lock_info().unwrap().is_none());
    drop(window);
    let o = run(&[os("lock"), link.as_os_str()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let short = stdout(&o).lines().next().unwrap().rsplit(": ").next().unwrap().to_string();
    let o = run(&[os("verify"), path.as_os_str(), os("--fingerprint"), os(&short)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(names(dir.path()).iter().all(|n| !n.ends_with("-lock")), "{:?}", names(dir.path()));
}
