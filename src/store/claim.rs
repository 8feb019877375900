//! The editor claim: one editor per session file, keyed on the file itself, so every path to one
//! file (a symlink, a hard link, another spelling) meets the same claim.
//!
//! Unix: an exclusive `flock` on a descriptor of the database file. `flock` locks are separate from
//! the `fcntl` locks SQLite takes, so they do not disturb it — but POSIX drops *all* of a process's
//! `fcntl` locks on a file when *any* descriptor of that file is closed, which would silently break
//! SQLite's locking for the connections this process has open on it. So a descriptor of a session
//! file is never closed: when done it is unlocked and parked in a process-wide registry keyed by
//! (device, inode), and the next claim or read of that file takes it from there.
//!
//! Windows: an exclusive lock on one byte far beyond anything SQLite touches (offset 2^62), on a
//! handle opened with full sharing; SQLite's own byte-range locks are unaffected, and closing a
//! handle releases only the locks taken through it, so no registry is needed there.

use super::{Result, StoreError};
use std::fs::File;
use std::path::Path;

/// Held while a store is the file's editor; released when dropped (or when the process ends).
pub(super) struct Claim {
    file: Option<File>,
    #[cfg(unix)]
    key: unix::Key,
}

/// Claims `path` for one editor: `InUse` when another store (of this process or another) has it.
/// Once claimed, the empty `NAME-lock` an earlier version left beside it is removed (see
/// `remove_legacy_lock`).
pub(super) fn claim(path: &Path) -> Result<Claim> {
    let claimed = claim_file(path)?;
    remove_legacy_lock(path);
    Ok(claimed)
}

/// Versions before the claim on the file itself locked an empty `NAME-lock` made beside it, and
/// left it there after closing — also beside a file that was no session at all (`ds.csv-lock`).
/// Such a file is removed when it is empty and no process of an old version holds it; anything
/// else of that name is somebody's file and stays.
fn remove_legacy_lock(path: &Path) {
    let legacy = super::open::beside(path, "-lock");
    let Ok(meta) = std::fs::symlink_metadata(&legacy) else { return };
    if !meta.is_file() || meta.len() != 0 {
        return;
    }
    // An old version still running holds its lock on it: leave that window its file.
    let Ok(file) = File::open(&legacy) else { return };
    if file.try_lock().is_ok() {
        let _ = file.unlock();
        drop(file);
        let _ = std::fs::remove_file(&legacy);
    }
}

/// Closes the parked descriptors of the file at `path`, before it is deleted: its (device, inode)
/// may be given to the next file made, which must not meet descriptors of the deleted one. Only
/// for a file no connection of this process has open any more.
pub(super) fn forget(path: &Path) {
    #[cfg(unix)]
    unix::forget(path);
    #[cfg(not(unix))]
    let _ = path;
}

fn claim_file(path: &Path) -> Result<Claim> {
    let shown = path.display().to_string();
    #[cfg(unix)]
    {
        let (file, key) = unix::take(path).map_err(|e| StoreError::io(&shown, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Claim { file: Some(file), key }),
            Err(refused) => {
                // Never closed, even when refused: parked for the next try.
                unix::park(key, file);
                match refused {
                    std::fs::TryLockError::WouldBlock => Err(StoreError::InUse { path: shown }),
                    std::fs::TryLockError::Error(e) => Err(StoreError::io(&shown, e)),
                }
            }
        }
    }
    #[cfg(windows)]
    {
        let file = File::open(path).map_err(|e| StoreError::io(&shown, e))?;
        match windows::try_lock(&file) {
            Ok(true) => Ok(Claim { file: Some(file) }),
            Ok(false) => Err(StoreError::InUse { path: shown }),
            Err(e) => Err(StoreError::io(&shown, e)),
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        let file = File::open(path).map_err(|e| StoreError::io(&shown, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Claim { file: Some(file) }),
            Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::InUse { path: shown }),
            Err(std::fs::TryLockError::Error(e)) => Err(StoreError::io(&shown, e)),
        }
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        let Some(file) = self.file.take() else { return };
        #[cfg(unix)]
        {
            let _ = file.unlock();
            unix::park(self.key, file);
        }
        #[cfg(windows)]
        windows::unlock(&file);
        #[cfg(not(unix))]
        drop(file);
    }
}

/// Runs `read` on a descriptor of the file at `path` without ever closing a descriptor of it (see
/// the module text): for reading a session file's bytes while this process may have connections.
pub(crate) fn read_file<T>(path: &Path, read: impl FnOnce(&mut File) -> std::io::Result<T>) -> std::io::Result<T> {
    #[cfg(unix)]
    {
        use std::io::Seek;
        let (mut file, key) = unix::take(path)?;
        let result = file.rewind().and_then(|()| read(&mut file));
        unix::park(key, file);
        result
    }
    #[cfg(not(unix))]
    {
        read(&mut File::open(path)?)
    }
}

#[cfg(unix)]
mod unix {
    use std::collections::HashMap;
    use std::fs::File;
    use std::os::unix::fs::MetadataExt;
    use std::path::Path;
    use std::sync::Mutex;

    /// (device, inode): the file itself, whatever path names it.
    pub(super) type Key = (u64, u64);

    /// Unlocked descriptors of session files, by identity, that must stay open.
    static PARKED: Mutex<Option<HashMap<Key, Vec<File>>>> = Mutex::new(None);

    fn parked<T>(f: impl FnOnce(&mut HashMap<Key, Vec<File>>) -> T) -> T {
        let mut guard = PARKED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(guard.get_or_insert_with(HashMap::new))
    }

    /// A descriptor of the file `path` names now: a parked one when there is, else a new one.
    pub(super) fn take(path: &Path) -> std::io::Result<(File, Key)> {
        let meta = std::fs::metadata(path)?;
        let key = (meta.dev(), meta.ino());
        if let Some(file) = parked(|map| map.get_mut(&key).and_then(Vec::pop)) {
            return Ok((file, key));
        }
        let file = File::open(path)?;
        // The file under `path` may have been replaced meanwhile: key on what was opened.
        let opened = file.metadata().map(|m| (m.dev(), m.ino()));
        match opened {
            Ok(real) => Ok((file, real)),
            Err(e) => {
                park(key, file);
                Err(e)
            }
        }
    }

    pub(super) fn park(key: Key, file: File) {
        parked(|map| map.entry(key).or_default().push(file));
    }

    pub(super) fn forget(path: &Path) {
        if let Ok(meta) = std::fs::metadata(path) {
            let gone = parked(|map| map.remove(&(meta.dev(), meta.ino())));
            drop(gone);
        }
    }

    #[cfg(test)]
    pub(super) fn parked_count(key: Key) -> usize {
        parked(|map| map.get(&key).map_or(0, Vec::len))
    }
}

/// windows-sys 0.61 (`Win32_Storage_FileSystem`, `Win32_System_IO`, `Win32_Foundation`); run under
/// Wine by scripts/test-windows.sh.
#[cfg(windows)]
mod windows {
    use std::fs::File;
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Foundation::{ERROR_LOCK_VIOLATION, HANDLE};
    use windows_sys::Win32::Storage::FileSystem::{
        LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY, LockFileEx, UnlockFileEx,
    };
    use windows_sys::Win32::System::IO::OVERLAPPED;

    /// Far beyond any byte SQLite locks (its lock bytes sit at 1 GiB) or any file's end.
    const CLAIM_BYTE: u64 = 1 << 62;

    fn at_claim_byte() -> OVERLAPPED {
        let mut overlapped = OVERLAPPED::default();
        overlapped.Anonymous.Anonymous.Offset = CLAIM_BYTE as u32;
        overlapped.Anonymous.Anonymous.OffsetHigh = (CLAIM_BYTE >> 32) as u32;
        overlapped
    }

    /// Ok(false) when another handle holds the byte.
    pub(super) fn try_lock(file: &File) -> std::io::Result<bool> {
        let mut overlapped = at_claim_byte();
        let flags = LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY;
        // SAFETY: a valid open handle, and an OVERLAPPED that lives across this synchronous call.
        let done = unsafe { LockFileEx(file.as_raw_handle() as HANDLE, flags, 0, 1, 0, &mut overlapped) };
        if done != 0 {
            return Ok(true);
        }
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() == Some(ERROR_LOCK_VIOLATION as i32) { Ok(false) } else { Err(e) }
    }

    pub(super) fn unlock(file: &File) {
        let mut overlapped = at_claim_byte();
        // SAFETY: as in `try_lock`; closing the handle afterwards would release the byte anyway.
        let _ = unsafe { UnlockFileEx(file.as_raw_handle() as HANDLE, 0, 1, 0, &mut overlapped) };
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn a_refused_claim_parks_its_descriptor_and_a_released_one_is_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ocop");
        std::fs::write(&path, b"x").unwrap();
        let link = dir.path().join("link.ocop");
        std::fs::hard_link(&path, &link).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        let key = (meta.dev(), meta.ino());

        let first = claim(&path).unwrap();
        assert!(matches!(claim(&link), Err(StoreError::InUse { .. })));
        assert_eq!(unix::parked_count(key), 1, "the refused descriptor stays open, parked");
        drop(first);
        assert_eq!(unix::parked_count(key), 2);
        let again = claim(&link).unwrap();
        assert_eq!(unix::parked_count(key), 1, "a parked descriptor is reused");
        let bytes = read_file(&path, |f| {
            let mut v = Vec::new();
            std::io::Read::read_to_end(f, &mut v).map(|_| v)
        })
        .unwrap();
        assert_eq!(bytes, b"x");
        assert_eq!(unix::parked_count(key), 1);
        drop(again);
    }
}

#[cfg(test)]
mod every_platform_tests {
    use super::*;

    /// The claim on the platform's own lock (flock on Unix, LockFileEx on Windows): a second claim
    /// of the file, through another path to it, is refused until the first is released.
    #[test]
    fn a_second_claim_is_refused_until_the_first_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phiên họp.ocop");
        std::fs::write(&path, b"x").unwrap();
        let other = dir.path().join("liên kết.ocop");
        std::fs::hard_link(&path, &other).unwrap();

        let first = claim(&path).unwrap();
        for again in [&path, &other] {
            assert!(matches!(claim(again), Err(StoreError::InUse { .. })), "{}", again.display());
        }
        // The claim locks no byte a reader needs.
        assert_eq!(std::fs::read(&path).unwrap(), b"x");
        drop(first);
        let second = claim(&other).unwrap();
        assert!(matches!(claim(&path), Err(StoreError::InUse { .. })));
        drop(second);
        drop(claim(&path).unwrap());
    }
}
