//! Archive: a consistent snapshot of the live file (SQLite's online backup) to a temporary name on
//! the target, fsync, `integrity_check` on a read-only connection, the fingerprint compared with the
//! live session's, a SHA-256 checksum file beside it (`sha256sum -c` format), and only then the
//! rename to the final name. A kill at any moment leaves either nothing new under a final name or a
//! complete, verified archive.

use super::ArchiveError;
use crate::domain::fingerprint::short;
use crate::store::Store;
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where an archive run is, for a progress bar: the phase and its fraction done (0.0–1.0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    Copying(f32),
    Checking,
    Checksum(f32),
    Done,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveReport {
    pub path: PathBuf,
    pub checksum_path: PathBuf,
    pub fingerprint: String,
    pub locked: bool,
    pub bytes: u64,
}

/// Pages copied per backup step: 4 MB with the default page size, a progress tick each.
const PAGES_PER_STEP: i32 = 1024;

/// `name.ocop`, or `name (2).ocop`, … : never over an existing archive.
fn free_name(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.ocop"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}).ocop")))
        .find(|p| !p.exists() && !checksum_path(p).exists())
        .unwrap_or(first)
}

pub(crate) fn checksum_path(archive: &Path) -> PathBuf {
    let mut name = archive.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

/// Flushes a finished file to the medium. Opened for writing: Windows' FlushFileBuffers refuses a
/// handle without write access (ERROR_ACCESS_DENIED), which made every archive fail there.
fn sync_file(path: &Path) -> Result<(), ArchiveError> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| ArchiveError::from_io(path, e))
}

/// Renames `from` to `to` so that the new name survives a power cut once this returns.
/// POSIX: the rename, then the directory itself synced. Windows has no directory fsync; its way is
/// MoveFileExW with MOVEFILE_WRITE_THROUGH, which returns only once the move is on the disk.
fn durable_rename(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(windows)]
    {
        windows::move_write_through(from, to)
    }
    #[cfg(not(windows))]
    {
        std::fs::rename(from, to)?;
        #[cfg(unix)]
        if let Some(dir) = to.parent() {
            // Best effort: some filesystems (FAT on some kernels) refuse a directory fsync.
            let _ = File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }
}

#[cfg(windows)]
mod windows {
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;
    use windows_sys::Win32::Storage::FileSystem::{MOVEFILE_REPLACE_EXISTING, MOVEFILE_WRITE_THROUGH, MoveFileExW};

    fn wide(path: &Path) -> Vec<u16> {
        path.as_os_str().encode_wide().chain(std::iter::once(0)).collect()
    }

    /// As std::fs::rename (which also replaces), but written through to the disk.
    pub(super) fn move_write_through(from: &Path, to: &Path) -> std::io::Result<()> {
        let (from, to) = (wide(from), wide(to));
        // SAFETY: two NUL-terminated UTF-16 strings that outlive the call.
        let done =
            unsafe { MoveFileExW(from.as_ptr(), to.as_ptr(), MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) };
        if done != 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
    }
}

fn sha256_file(path: &Path, progress: &mut dyn FnMut(Phase)) -> Result<String, ArchiveError> {
    let mut file = File::open(path).map_err(|e| ArchiveError::from_io(path, e))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0).max(1);
    let mut done = 0u64;
    crate::domain::fingerprint::sha256_read(&mut file, &mut |piece| {
        done += piece.len() as u64;
        progress(Phase::Checksum(done as f32 / total as f32));
        Ok(())
    })
    .map_err(|e| ArchiveError::from_io(path, e))
}

/// Archives `source` into the folder `dest_dir`.
pub fn archive(source: &Path, dest_dir: &Path, progress: &mut dyn FnMut(Phase)) -> Result<ArchiveReport, ArchiveError> {
    if !dest_dir.is_dir() {
        return Err(ArchiveError::Missing { path: dest_dir.display().to_string() });
    }
    let live = Store::open_shared(source)?;
    let fingerprint = live.fingerprint()?;
    let locked = live.lock_info()?.is_some();
    let stem = source.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "phien-hop".into());
    remove_stale_partials(dest_dir, &stem);
    let target = free_name(dest_dir, &stem);
    let partial = dest_dir.join(format!(".{stem}.ocop.partial-{}", std::process::id()));
    let sums_partial = dest_dir.join(format!(".{stem}.sha256.partial-{}", std::process::id()));
    let cleanup = |e: ArchiveError| {
        crate::store::remove_db_files(&partial);
        let _ = std::fs::remove_file(&sums_partial);
        e
    };

    copy_snapshot(live.connection(), &partial, progress).map_err(cleanup)?;
    drop(live);
    sync_file(&partial).map_err(cleanup)?;

    progress(Phase::Checking);
    check_copy(&partial, &fingerprint).map_err(cleanup)?;

    let sum = sha256_file(&partial, progress).map_err(cleanup)?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let write_sums = || -> std::io::Result<()> {
        let mut f = File::create(&sums_partial)?;
        writeln!(f, "{sum}  {name}")?;
        f.sync_all()
    };
    write_sums().map_err(|e| cleanup(ArchiveError::from_io(&sums_partial, e)))?;

    // The checksum file first: an archive under its final name always has its checksum beside it.
    let sums = checksum_path(&target);
    durable_rename(&sums_partial, &sums).map_err(|e| cleanup(ArchiveError::from_io(&sums, e)))?;
    durable_rename(&partial, &target).map_err(|e| {
        let _ = std::fs::remove_file(&sums);
        cleanup(ArchiveError::from_io(&target, e))
    })?;
    let bytes = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    progress(Phase::Done);
    Ok(ArchiveReport { path: target, checksum_path: sums, fingerprint, locked, bytes })
}

/// Hidden partial files an interrupted archive of this session left behind (a stick pulled out, a
/// power cut). They never carry a final name; this only tidies the stick.
fn remove_stale_partials(dir: &Path, stem: &str) {
    let prefixes = [format!(".{stem}.ocop.partial-"), format!(".{stem}.sha256.partial-")];
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// SQLite's online backup of the live database (a consistent snapshot, WAL content included).
fn copy_snapshot(live: &Connection, to: &Path, progress: &mut dyn FnMut(Phase)) -> Result<(), ArchiveError> {
    let mut dest = Connection::open(to).map_err(|e| ArchiveError::from_sqlite(to, e))?;
    {
        let backup = Backup::new(live, &mut dest).map_err(|e| ArchiveError::from_sqlite(to, e))?;
        loop {
            let step = backup.step(PAGES_PER_STEP).map_err(|e| ArchiveError::from_sqlite(to, e))?;
            let p = backup.progress();
            let total = p.pagecount.max(1) as f32;
            progress(Phase::Copying((total - p.remaining as f32) / total));
            match step {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(20)),
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    dest.close().map_err(|(_, e)| ArchiveError::from_sqlite(to, e))
}

/// The copy read back from the disk, read-only: structure intact and the same fingerprint.
fn check_copy(copy: &Path, fingerprint: &str) -> Result<(), ArchiveError> {
    use super::CheckProblem;
    let failed = |problem: CheckProblem| ArchiveError::CheckFailed { path: copy.display().to_string(), problem };
    let store = Store::open_read_only(copy).map_err(|e| failed(CheckProblem::Store(Box::new(e))))?;
    let integrity: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| failed(CheckProblem::Sqlite(e.to_string())))?;
    if integrity != "ok" {
        return Err(failed(CheckProblem::Integrity(integrity)));
    }
    let copied = store.fingerprint().map_err(|e| failed(CheckProblem::Store(Box::new(e))))?;
    if copied != fingerprint {
        let (copied, original) = (short(&copied), short(fingerprint));
        return Err(failed(CheckProblem::Fingerprint { copied, original }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows' FlushFileBuffers needs a handle with write access: a read-only one made every
    /// archive fail there ("ổ đích chỉ cho phép đọc").
    #[test]
    fn a_finished_file_is_flushed_and_renamed_through_to_the_disk() {
        let dir = tempfile::tempdir().unwrap();
        let partial = dir.path().join(".phiên.ocop.partial-1");
        std::fs::write(&partial, b"archive").unwrap();
        sync_file(&partial).unwrap();
        let target = dir.path().join("phiên.ocop");
        durable_rename(&partial, &target).unwrap();
        assert!(!partial.exists());
        assert_eq!(std::fs::read(&target).unwrap(), b"archive");
        let err = durable_rename(&partial, &target).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::NotFound, "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"archive", "a failed rename leaves the archive");
    }
}
