//! The group commit, deterministically: commands queued before the writer looks are one batch.

use super::*;
use crate::catalog::{Catalog, DEMO_SESSION};

const DEVICE: &str = "dddddddddddddddddddddddddddddddd";

/// The demo session without sheets, everyone present; m2 has a link with key `secret`.
fn writer(dir: &std::path::Path, secret: &str) -> (Writer, std::path::PathBuf) {
    let mut value: Value = serde_json::from_str(DEMO_SESSION).unwrap();
    value["sheets"] = json!([]);
    for m in value["members"].as_array_mut().unwrap() {
        m["present"] = json!(true);
    }
    let path = dir.join("w.ocop");
    let catalog = Catalog::builtin().unwrap();
    let (s, criteria, ruleset) = crate::exchange::parse(&value.to_string(), &catalog, None).unwrap();
    Store::create(&path, &s, criteria, ruleset, "test").unwrap();
    let mut store = Store::open(&path).unwrap();
    store.issue_link("thư ký", "m2", secret).unwrap();
    let mut w = Writer::new(store, "EPOCH".into(), "thư ký".into());
    // However slow this machine, everything queued is one batch.
    w.limit = (BATCH_MAX, Duration::from_secs(60));
    (w, path)
}

fn choice(
    secret: &str,
    counter: u64,
    criterion: &str,
    option: u8,
) -> (Command, oneshot::Receiver<Result<Value, Refusal>>) {
    let path = "/api/m/m2/choice".to_string();
    let body = json!({ "dossier": "YY-2023-02", "criterion": criterion, "option": option }).to_string().into_bytes();
    let mac = auth::mac_hex(secret.as_bytes(), &auth::canonical("POST", &path, "EPOCH", DEVICE, counter, &body));
    let signed = Signed {
        member: "m2".into(),
        device: DEVICE.into(),
        epoch: "EPOCH".into(),
        counter,
        mac,
        path,
        body,
        lang: Lang::En,
    };
    let action = Action::Choice { dossier: "YY-2023-02".into(), criterion: criterion.into(), option };
    let (tx, rx) = oneshot::channel();
    (Command::Member(signed, action, tx), rx)
}

#[test]
fn queued_choices_share_one_commit_and_a_refused_one_undoes_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "SSSSSSSSSSSSSSSSSSSSSSSS";
    let (mut w, path) = writer(dir.path(), secret);
    let (queue, commands) = mpsc::channel();
    let mut replies = Vec::new();
    // 1.1 and 1.2 are fine; option 99 of 2.1 does not exist; 3.1 again fine.
    for (n, (criterion, option)) in [("1.1", 1), ("1.2", 2), ("2.1", 99), ("3.1", 1)].into_iter().enumerate() {
        let (command, reply) = choice(secret, n as u64 + 1, criterion, option);
        queue.send(command).unwrap();
        replies.push(reply);
    }
    let first = commands.try_recv().unwrap();
    w.batch(first, &commands);
    assert_eq!(w.books.stats, Stats { commands: 4, commits: 1 }, "one commit, one fsync, for four");
    let answers: Vec<Result<Value, Refusal>> = replies.into_iter().map(|mut r| r.try_recv().unwrap()).collect();
    assert!(answers[0].is_ok() && answers[1].is_ok() && answers[3].is_ok(), "{answers:?}");
    let refused = answers[2].as_ref().unwrap_err();
    assert_eq!((refused.status, refused.code), (422, "invalid"));
    drop(queue);
    w.run(commands).close().unwrap();
    let store = Store::open_shared(&path).unwrap();
    let sheet = store.read_session().unwrap().sheets.into_iter().find(|s| s.member == "m2").unwrap();
    let stored: Vec<(&str, u8)> = sheet.choices.iter().map(|(c, o)| (c.as_str(), *o)).collect();
    assert_eq!(stored, [("1.1", 1), ("1.2", 2), ("3.1", 1)]);
    let log = store.audit_log().unwrap();
    let actor = device_actor("m2", DEVICE);
    let audited: Vec<&str> = log
        .iter()
        .filter(|e| e.action.as_str() == "choice" && e.actor == actor)
        .filter_map(|e| e.criterion.as_deref())
        .collect();
    assert_eq!(audited, ["1.1", "1.2", "3.1"], "one audit row per change, with the device");
    assert_eq!(log.iter().filter(|e| e.action.as_str() == "device_paired").count(), 1);
}

#[test]
fn a_batch_does_not_gather_more_than_its_limit() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "SSSSSSSSSSSSSSSSSSSSSSSS";
    let (mut w, _) = writer(dir.path(), secret);
    w.limit.0 = 3;
    let (queue, commands) = mpsc::channel();
    let mut replies = Vec::new();
    for n in 1..=5u64 {
        let (command, reply) = choice(secret, n, "1.1", (n % 2) as u8 + 1);
        queue.send(command).unwrap();
        replies.push(reply);
    }
    drop(queue);
    w.batch(commands.try_recv().unwrap(), &commands);
    assert_eq!(w.books.stats, Stats { commands: 3, commits: 1 });
    let store = w.run(commands);
    assert!(replies.into_iter().all(|mut r| r.try_recv().unwrap().is_ok()));
    store.close().unwrap();
}

/// A small tmpfs standing for a full disk (Linux, root; skipped elsewhere unless
/// OCOP_REQUIRE_MOUNT is set, as in tests/archive.rs).
#[cfg(target_os = "linux")]
struct Mount(std::path::PathBuf);
#[cfg(target_os = "linux")]
impl Mount {
    fn new(at: &std::path::Path) -> Option<Mount> {
        std::fs::create_dir_all(at).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=8m", "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(std::env::var_os("OCOP_REQUIRE_MOUNT").is_none(), "cannot mount a tmpfs at {}", at.display());
            eprintln!("note: cannot mount a tmpfs here (not root?); full disk test skipped");
        }
        ok.then(|| Mount(at.to_path_buf()))
    }

    /// Fills what is left of it; the filler goes when the returned path is removed.
    fn fill(&self) -> std::path::PathBuf {
        use std::io::Write;
        let filler = self.0.join("filler");
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        while f.write_all(&[0]).is_ok() {}
        let _ = f.sync_all();
        filler
    }
}
#[cfg(target_os = "linux")]
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// A batch whose commit fails (the disk is full) with a new key issued in it: every member is
/// told it failed, nothing of it is in the file, and — the old key still being the file's — a
/// request captured under it before is refused as a replay, not accepted as new.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_commit_tells_every_member_keeps_nothing_and_forgets_no_counter() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = Mount::new(&dir.path().join("small disk")) else { return };
    let secret = "SSSSSSSSSSSSSSSSSSSSSSSS";
    let (mut w, path) = writer(&disk.0, secret);
    let (queue, commands) = mpsc::channel();
    // Batch 1 commits: the device pairs, 1.1 is chosen (a request captured on the network), then
    // the member changes their mind.
    for (n, option) in [(1, 1), (2, 2)] {
        queue.send(choice(secret, n, "1.1", option).0).unwrap();
    }
    w.batch(commands.try_recv().unwrap(), &commands);

    // Batch 2, on a full disk: two choices and the secretary's new key for m2.
    let filler = disk.fill();
    let mut replies = Vec::new();
    for (n, criterion) in [(3, "1.2"), (4, "3.1")] {
        let (command, reply) = choice(secret, n, criterion, 1);
        queue.send(command).unwrap();
        replies.push(reply);
    }
    let (issued, mut issue_reply) = oneshot::channel();
    queue.send(Command::Issue("m2".into(), issued)).unwrap();
    w.batch(commands.try_recv().unwrap(), &commands);
    assert_eq!(w.books.stats.commits, 2, "one batch");
    for mut reply in replies {
        let refused = reply.try_recv().unwrap().unwrap_err();
        assert_eq!((refused.status, refused.code), (503, "not_saved"), "the page sends it again");
    }
    assert!(issue_reply.try_recv().unwrap().is_err(), "the new key is not in the file");
    std::fs::remove_file(filler).unwrap();

    // The old key is still m2's: the captured request is a replay.
    let (replayed, mut replay_reply) = choice(secret, 1, "1.1", 1);
    queue.send(replayed).unwrap();
    w.batch(commands.try_recv().unwrap(), &commands);
    let refused = replay_reply.try_recv().unwrap().unwrap_err();
    assert_eq!((refused.status, refused.code), (409, "replay"));

    drop(queue);
    w.run(commands).close().unwrap();
    let store = Store::open_shared(&path).unwrap();
    let sheet = store.read_session().unwrap().sheets.into_iter().find(|s| s.member == "m2").unwrap();
    let stored: Vec<(&str, u8)> = sheet.choices.iter().map(|(c, o)| (c.as_str(), *o)).collect();
    assert_eq!(stored, [("1.1", 2)], "nothing of the failed batch, the replay changed nothing");
    assert_eq!(store.lan_link("m2").unwrap().unwrap().secret, secret);
    drop(store);
}
