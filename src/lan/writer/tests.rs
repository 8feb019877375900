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
