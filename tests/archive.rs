//! Archive, verify and copy back: the archive is complete and checked, tampering is seen, and a
//! byte flipped anywhere in an archived locked session never passes unnoticed.

mod common;

use ocop_council::archive::{ArchiveError, Phase, archive, restore, verify};
use ocop_council::store::Store;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The demo session, locked, in `dir`.
fn locked_demo(dir: &Path) -> (PathBuf, String) {
    let path = common::demo_file(dir);
    let fp = Store::open(&path).unwrap().lock("thư ký").unwrap();
    (path, fp)
}

/// The locked demo archived into `dir/usb`: the report and the fingerprint.
fn archived_demo(dir: &Path) -> (ocop_council::archive::ArchiveReport, String) {
    let (source, fp) = locked_demo(dir);
    let usb = dir.join("usb");
    std::fs::create_dir(&usb).unwrap();
    (archive(&source, &usb, &mut |_| {}).unwrap(), fp)
}

#[test]
fn archive_writes_a_checked_copy_and_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    let (source, fp) = locked_demo(dir.path());
    let usb = dir.path().join("USB stick");
    std::fs::create_dir(&usb).unwrap();
    let mut phases = Vec::new();
    let report = archive(&source, &usb, &mut |p| phases.push(p)).unwrap();
    assert_eq!(report.path, usb.join("demo.ocop"));
    assert_eq!(report.fingerprint, fp);
    assert!(report.locked);
    assert!(matches!(phases.first(), Some(Phase::Copying(_))));
    assert!(phases.contains(&Phase::Checking));
    assert_eq!(phases.last(), Some(&Phase::Done));
    // Only the archive and its checksum are left in the folder, nothing partial.
    let mut names: Vec<String> =
        std::fs::read_dir(&usb).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["demo.ocop", "demo.ocop.sha256"]);
    let sums = std::fs::read_to_string(&report.checksum_path).unwrap();
    let bytes = std::fs::read(&report.path).unwrap();
    assert_eq!(sums, format!("{}  demo.ocop\n", ocop_council::domain::fingerprint::sha256_hex(&bytes)));

    let v = verify(&report.path, Some(&fp[..16])).unwrap();
    assert!(v.ok(), "{:?}", v.lines());
    assert_eq!((v.matches_lock, v.matches_typed, v.matches_checksum), (Some(true), Some(true), Some(true)));
    assert_eq!(v.schema_version, ocop_council::store::SCHEMA_VERSION);
    let listing = std::fs::read_dir(&usb).unwrap().count();
    assert_eq!(listing, 2, "verify writes nothing beside the archive");

    // A second archive never replaces the first.
    let again = archive(&source, &usb, &mut |_| {}).unwrap();
    assert_eq!(again.path, usb.join("demo (2).ocop"));
    assert_eq!(std::fs::read(&report.path).unwrap(), bytes);
}

#[test]
fn a_missing_target_folder_is_a_clear_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let (source, _) = locked_demo(dir.path());
    let err = archive(&source, &dir.path().join("E:"), &mut |_| {}).unwrap_err();
    assert!(matches!(err, ArchiveError::Missing { .. }), "{err}");
    assert!(err.to_string().contains("USB đã bị rút?"), "{err}");
}

#[test]
fn tampering_after_the_lock_is_seen_and_refused_on_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (report, fp) = archived_demo(dir.path());
    // Someone drops the lock trigger and raises a score directly in the archived file.
    {
        let conn = Connection::open(&report.path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER score_sheet_locked_update;
             UPDATE score_sheet SET choices = json_set(choices, '$.\"1.1\"',
                 CASE json_extract(choices, '$.\"1.1\"') WHEN 1 THEN 2 ELSE 1 END)
              WHERE id = (SELECT min(id) FROM score_sheet);",
        )
        .unwrap();
    }
    let v = verify(&report.path, Some(&fp)).unwrap();
    assert!(!v.ok());
    assert_eq!((v.matches_lock, v.matches_typed, v.matches_checksum), (Some(false), Some(false), Some(false)));
    assert!(v.lines().iter().any(|l| l == "KẾT LUẬN: tệp KHÔNG đạt kiểm tra."));
    let err = restore(&report.path, &dir.path().join("work")).unwrap_err();
    assert!(matches!(err, ArchiveError::CheckFailed { .. }), "{err}");
}

#[test]
fn restore_copies_a_good_archive_back_to_the_pc() {
    let dir = tempfile::tempdir().unwrap();
    let (report, fp) = archived_demo(dir.path());
    let work = dir.path().join("làm việc");
    let copy = restore(&report.path, &work).unwrap();
    assert_eq!(copy, work.join("demo.ocop"));
    let store = Store::open(&copy).unwrap();
    assert_eq!(store.fingerprint().unwrap(), fp);
    assert!(store.lock_info().unwrap().is_some());
    drop(store);
    assert_eq!(restore(&report.path, &work).unwrap(), work.join("demo (2).ocop"));
}

/// A small deterministic generator for positions and bits.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn a_flipped_byte_anywhere_is_caught_or_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (report, fp) = archived_demo(dir.path());
    let original = std::fs::read(&report.path).unwrap();
    let sums = std::fs::read_to_string(&report.checksum_path).unwrap();
    let bare = dir.path().join("bare");
    let with_sums = dir.path().join("with");
    std::fs::create_dir_all(&bare).unwrap();
    std::fs::create_dir_all(&with_sums).unwrap();
    std::fs::write(with_sums.join("demo.ocop.sha256"), &sums).unwrap();
    let expected_session = Store::open_read_only(&report.path).unwrap().read_session().unwrap();

    let mut rng = Lcg(1000);
    let (mut caught, mut harmless) = (0, 0);
    for _ in 0..1000 {
        let mut bytes = original.clone();
        let at = (rng.next() as usize) % bytes.len();
        bytes[at] ^= 1 << (rng.next() % 8);
        // The archive as it sits on the stick, with its checksum: always caught.
        let archived = with_sums.join("demo.ocop");
        std::fs::write(&archived, &bytes).unwrap();
        let v = verify(&archived, None);
        assert!(v.as_ref().map(|r| !r.ok()).unwrap_or(true), "flip at {at} passed with the checksum beside it");
        // The file alone (checksum lost): caught, or the content and fingerprint are untouched.
        let alone = bare.join("demo.ocop");
        std::fs::write(&alone, &bytes).unwrap();
        match verify(&alone, None) {
            Ok(r) if r.ok() => {
                assert_eq!(r.fingerprint, fp, "flip at {at}");
                let session = Store::open_read_only(&alone).unwrap().read_session().unwrap();
                assert_eq!(session, expected_session, "flip at {at} changed the content unnoticed");
                harmless += 1;
            }
            _ => caught += 1,
        }
    }
    assert_eq!(caught + harmless, 1000);
    assert!(caught > 0);
}

/// A small tmpfs mounted for the test (needs root, as CI has; elsewhere the test says so and stops,
/// unless OCOP_REQUIRE_MOUNT is set, as .ci/run does, which makes that a failure).
// Unix-only by nature: it mounts a small tmpfs (Linux, root) to stand for a full or locked stick;
// Windows has no such mount — a real FAT32/exFAT stick is checked by hand (README, Windows).
#[cfg(unix)]
struct Mount(PathBuf);
#[cfg(unix)]
impl Mount {
    fn new(at: &Path, options: &str) -> Option<Mount> {
        std::fs::create_dir_all(at).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(std::env::var_os("OCOP_REQUIRE_MOUNT").is_none(), "cannot mount a tmpfs at {}", at.display());
            eprintln!("note: cannot mount a tmpfs here (not root?); full/read-only stick test skipped");
        }
        ok.then(|| Mount(at.to_path_buf()))
    }
}
#[cfg(unix)]
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(unix)] // tmpfs: see Mount
#[test]
fn a_full_or_write_protected_stick_gets_a_plain_message_and_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let (source, _) = locked_demo(dir.path());
    let small = dir.path().join("full stick");
    let Some(_full) = Mount::new(&small, "size=256k") else { return };
    let err = archive(&source, &small, &mut |_| {}).unwrap_err();
    assert!(matches!(err, ArchiveError::Full { .. }), "{err}");
    assert!(err.to_string().contains("USB đầy?"), "{err}");
    assert_eq!(std::fs::read_dir(&small).unwrap().count(), 0, "nothing left on the stick");

    let locked_stick = dir.path().join("write-protected stick");
    let Some(_ro) = Mount::new(&locked_stick, "size=8m,ro") else { return };
    let err = archive(&source, &locked_stick, &mut |_| {}).unwrap_err();
    assert!(matches!(err, ArchiveError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("chỉ cho phép đọc"), "{err}");
}
