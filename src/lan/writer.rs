//! The one writer: a thread that owns the session file's `Store` and does every request in turn,
//! each change through the same store functions the window uses, audited with the member and the
//! device. The HTTP side only forwards; it never touches the file. Checking a request's MAC and
//! counter here too keeps the counters in one place without locks.
//!
//! Group commit: the writer takes what is queued (at most `BATCH_MAX` commands, for at most
//! `BATCH_TIME`), does each inside one transaction as a savepoint of its own (a refused command
//! rolls back only itself and gets its refusal), commits once — one fsync for them all — and only
//! then answers each. Under load the members' choices share fsyncs instead of queueing for one each;
//! alone, a choice waits for nothing but its own commit.

use super::auth;
use crate::lang::{Lang, Say};
use crate::store::{LanLink, Store, StoreError};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// At most this many commands share a commit…
const BATCH_MAX: usize = 64;
/// …and the first of them waits at most this long for the others to be done.
const BATCH_TIME: Duration = Duration::from_millis(2);

/// A member's request as it arrived, with what its MAC covers.
#[derive(Debug)]
pub struct Signed {
    pub member: String,
    pub device: String,
    pub epoch: String,
    pub counter: u64,
    pub mac: String,
    pub path: String,
    pub body: Vec<u8>,
    pub lang: Lang,
}

/// What a member asks for, from the request's path and body.
#[derive(Debug)]
pub enum Action {
    State,
    Choice { dossier: String, criterion: String, option: u8 },
    Comment { dossier: String, comment: String },
    Submit { dossier: String, comment: String },
}

/// A refused request: the HTTP status, a stable code for the page and a sentence for the member.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl Refusal {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Refusal {
        Refusal { status, code, message: message.into() }
    }
}

/// What the page of a member is, before any key is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Open,
    Locked,
    Unknown,
}

/// A device refused because the member's link is bound to another one: the secretary decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tried {
    pub device: String,
    /// When (UTC, `store::now_utc`), the latest try.
    pub at: String,
}

/// How the writer has done since the start: commands done and commits made (the group commit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub commands: u64,
    pub commits: u64,
}

type Reply<T> = oneshot::Sender<crate::store::Result<T>>;

pub enum Command {
    Member(Signed, Action, oneshot::Sender<Result<Value, Refusal>>),
    Page(String, oneshot::Sender<PageKind>),
    Links(Reply<Vec<LanLink>>),
    Issue(String, Reply<()>),
    Revoke(String, Reply<bool>),
    /// The devices that made a request since the start: member → when.
    Seen(oneshot::Sender<HashMap<String, Instant>>),
    /// The devices refused since the start for a link bound to another: member → the latest.
    Tried(oneshot::Sender<HashMap<String, Tried>>),
    /// The secretary moves the member's link to the device that tried it, the one the window
    /// showed (false: none had, or another device has tried since — the window shows that one).
    Move(String, String, Reply<bool>),
    /// The secretary keeps the old device: the try is forgotten.
    Keep(String, Reply<bool>),
    Stats(oneshot::Sender<Stats>),
}

/// An answer held until the batch it belongs to is committed.
enum Answer {
    Member(oneshot::Sender<Result<Value, Refusal>>, Result<Value, Refusal>, Lang),
    Page(oneshot::Sender<PageKind>, PageKind),
    Links(Reply<Vec<LanLink>>, crate::store::Result<Vec<LanLink>>),
    Done(Reply<()>, crate::store::Result<()>),
    Flag(Reply<bool>, crate::store::Result<bool>),
    Seen(oneshot::Sender<HashMap<String, Instant>>, HashMap<String, Instant>),
    Tried(oneshot::Sender<HashMap<String, Tried>>, HashMap<String, Tried>),
    Stats(oneshot::Sender<Stats>, Stats),
}

impl Answer {
    /// Sends it; after a failed commit, every change of the batch is told it failed (nothing of it
    /// is in the file, so nothing may be acknowledged).
    fn send(self, failed: Option<&StoreError>) {
        let lost = |e: &StoreError| StoreError::io("lan", std::io::Error::other(e.to_string()));
        match (self, failed) {
            (Answer::Member(tx, _, lang), Some(e)) => drop(tx.send(Err(not_saved(&lost(e), lang)))),
            (Answer::Member(tx, value, _), None) => drop(tx.send(value)),
            (Answer::Done(tx, _), Some(e)) => drop(tx.send(Err(lost(e)))),
            (Answer::Done(tx, value), None) => drop(tx.send(value)),
            (Answer::Flag(tx, _), Some(e)) => drop(tx.send(Err(lost(e)))),
            (Answer::Flag(tx, value), None) => drop(tx.send(value)),
            (Answer::Links(tx, value), _) => drop(tx.send(value)),
            (Answer::Page(tx, value), _) => drop(tx.send(value)),
            (Answer::Seen(tx, value), _) => drop(tx.send(value)),
            (Answer::Tried(tx, value), _) => drop(tx.send(value)),
            (Answer::Stats(tx, value), _) => drop(tx.send(value)),
        }
    }
}

pub struct Writer {
    store: Store,
    books: Books,
    /// How many commands, and for how long, a commit may gather.
    limit: (usize, Duration),
}

/// What the writer keeps in memory beside the file.
struct Books {
    epoch: String,
    /// The last counter accepted per (member, device) in this epoch.
    counters: HashMap<(String, String), u64>,
    seen: HashMap<String, Instant>,
    tried: HashMap<String, Tried>,
    /// Who acts in the audit log for the secretary's own actions (issue, revoke, move).
    secretary: String,
    /// The band of each whole total (the ruleset never changes): worked out at the first state.
    bands: Option<Vec<u8>>,
    stats: Stats,
}

impl Writer {
    pub fn new(store: Store, epoch: String, secretary: String) -> Writer {
        let books = Books {
            epoch,
            counters: HashMap::new(),
            seen: HashMap::new(),
            tried: HashMap::new(),
            secretary,
            bands: None,
            stats: Stats::default(),
        };
        Writer { store, books, limit: (BATCH_MAX, BATCH_TIME) }
    }

    /// Serves commands until every sender is gone; gives the store back (to be closed).
    pub fn run(mut self, commands: mpsc::Receiver<Command>) -> Store {
        while let Ok(first) = commands.recv() {
            self.batch(first, &commands);
        }
        self.store
    }

    /// One group commit: `first` and what is queued behind it, in one transaction; then the answers.
    fn batch(&mut self, first: Command, commands: &mpsc::Receiver<Command>) {
        let started = Instant::now();
        let (books, limit) = (&mut self.books, self.limit);
        let before = (books.counters.clone(), books.tried.clone());
        let (answers, committed) = self.store.batch(|store| {
            let mut answers = vec![books.handle(store, first)];
            while answers.len() < limit.0 && started.elapsed() < limit.1 {
                let Ok(next) = commands.try_recv() else { break };
                answers.push(books.handle(store, next));
            }
            answers
        });
        books.stats.commands += answers.len() as u64;
        books.stats.commits += 1;
        let failed = committed.err();
        if failed.is_some() {
            books.restore(before);
        }
        for answer in answers {
            answer.send(failed.as_ref());
        }
    }
}

impl Books {
    /// After a failed commit the file is as it was before the batch, and so must be what the books
    /// forgot in it: a new key's cleared counters (the old key is still the file's, and a request
    /// captured under it would be accepted again), a try that a failed move or keep dropped.
    /// Counters only rise: a request of the failed batch stays used up.
    fn restore(&mut self, (counters, tried): (HashMap<(String, String), u64>, HashMap<String, Tried>)) {
        for (key, last) in counters {
            let now = self.counters.entry(key).or_insert(0);
            *now = (*now).max(last);
        }
        for (member, t) in tried {
            self.tried.entry(member).or_insert(t);
        }
    }

    fn handle(&mut self, store: &mut Store, command: Command) -> Answer {
        match command {
            Command::Member(signed, action, tx) => {
                let lang = signed.lang;
                Answer::Member(tx, self.member(store, signed, action), lang)
            }
            Command::Page(member, tx) => Answer::Page(tx, page(store, &member)),
            Command::Links(tx) => Answer::Links(tx, store.lan_links()),
            Command::Issue(member, tx) => Answer::Done(tx, self.issue(store, &member)),
            Command::Revoke(member, tx) => {
                self.tried.remove(&member);
                Answer::Flag(tx, store.revoke_device(&self.secretary, &member))
            }
            Command::Seen(tx) => Answer::Seen(tx, self.seen.clone()),
            Command::Tried(tx) => Answer::Tried(tx, self.tried.clone()),
            Command::Move(member, device, tx) => Answer::Flag(tx, self.move_link(store, &member, &device)),
            Command::Keep(member, tx) => Answer::Flag(tx, Ok(self.tried.remove(&member).is_some())),
            Command::Stats(tx) => Answer::Stats(tx, self.stats),
        }
    }

    fn issue(&mut self, store: &mut Store, member: &str) -> crate::store::Result<()> {
        let secret = auth::new_secret().map_err(|e| StoreError::io("getrandom", std::io::Error::other(e)))?;
        store.issue_link(&self.secretary, member, &secret)?;
        // Requests signed with the old key no longer verify, so its counters can go. (A revoke
        // keeps them: the old device's captured requests must not bind it again.)
        self.counters.retain(|(m, _), _| m != member);
        self.tried.remove(member);
        Ok(())
    }

    /// Moves only to the device the secretary was shown: a holder of the key who tries between the
    /// window's look and the click (a photographed slip) would otherwise get the link.
    fn move_link(&mut self, store: &mut Store, member: &str, device: &str) -> crate::store::Result<bool> {
        let Some(tried) = self.tried.get(member).filter(|t| t.device == device) else { return Ok(false) };
        store.move_device(&self.secretary, member, &tried.device)?;
        self.tried.remove(member);
        Ok(true)
    }

    fn member(&mut self, store: &mut Store, signed: Signed, action: Action) -> Result<Value, Refusal> {
        let lang = signed.lang;
        let actor = self.authenticate(store, &signed)?;
        if store.lock_info().map_err(|e| store_refusal(&e, lang))?.is_some() {
            return Err(Refusal::new(423, "locked", closed_text(lang)));
        }
        let member = signed.member.as_str();
        let done = match action {
            Action::State => return self.state(store, member, lang),
            Action::Choice { dossier, criterion, option } => {
                store.save_choices(&actor, &dossier, member, &[(criterion, option)], None)
            }
            Action::Comment { dossier, comment } => store.set_comment(&actor, &dossier, member, &comment),
            Action::Submit { dossier, comment } => store.submit_sheet(&actor, &dossier, member, &comment),
        };
        done.map_err(|e| store_refusal(&e, lang))?;
        Ok(json!({ "ok": true }))
    }

    /// The member's own view: the council, the dossiers and their own sheets only (not the whole
    /// session, its snapshots' hashes and the audit log, as a full load would read).
    fn state(&mut self, store: &Store, member: &str, lang: Lang) -> Result<Value, Refusal> {
        let refused = |e: StoreError| store_refusal(&e, lang);
        if self.bands.is_none() {
            self.bands = Some(super::state::bands(&store.load().map_err(refused)?.ruleset));
        }
        let view = store.member_view(member).map_err(refused)?;
        let criteria = store.criteria().map_err(refused)?;
        let bands = self.bands.as_deref().unwrap_or_default();
        super::state::member_state(&view, &criteria, bands, member)
            .ok_or_else(|| Refusal::new(404, "unknown_member", "?"))
    }

    /// Checks the MAC, the epoch, the counter and the device; binds the link to its first device.
    /// Returns who acts in the audit log: the member and the device.
    fn authenticate(&mut self, store: &mut Store, s: &Signed) -> Result<String, Refusal> {
        let texts = super::page::texts(s.lang);
        let link = match store.lan_link(&s.member) {
            Ok(Some(link)) => link,
            Ok(None) => return Err(Refusal::new(401, "bad_key", texts.bad_key)),
            Err(e) => return Err(store_refusal(&e, s.lang)),
        };
        let message = auth::canonical("POST", &s.path, &s.epoch, &s.device, s.counter, &s.body);
        if !auth::verify(link.secret.as_bytes(), &message, &s.mac) {
            return Err(Refusal::new(401, "bad_key", texts.bad_key));
        }
        if s.epoch != self.epoch {
            return Err(Refusal::new(409, "stale_epoch", self.epoch.clone()));
        }
        let counter_key = (s.member.clone(), s.device.clone());
        let last = self.counters.get(&counter_key).copied().unwrap_or(0);
        if s.counter <= last {
            return Err(Refusal::new(409, "replay", texts.replay));
        }
        match &link.device {
            Some(bound) if *bound != s.device => {
                // Only a holder of the key gets here (the MAC verified): the secretary is shown
                // the try and decides which device keeps the link.
                let tried = Tried { device: s.device.clone(), at: crate::store::now_utc() };
                self.tried.insert(s.member.clone(), tried);
                return Err(Refusal::new(403, "other_device", texts.other_device));
            }
            Some(_) => {}
            // A revoked device still holds the key: were it to take the free link again by itself,
            // revoking would not stop a stolen phone. It is a try like any other device's: the
            // secretary may give the link back (move), or re-issue it.
            None if store.device_revoked(&s.member, &s.device).map_err(|e| store_refusal(&e, s.lang))? => {
                let tried = Tried { device: s.device.clone(), at: crate::store::now_utc() };
                self.tried.insert(s.member.clone(), tried);
                return Err(Refusal::new(403, "other_device", texts.other_device));
            }
            None => {
                // The pairing is the member's own act: the log says which device did it.
                store
                    .bind_device(&device_actor(&s.member, &s.device), &s.member, &s.device)
                    .map_err(|e| store_refusal(&e, s.lang))?;
            }
        }
        self.counters.insert(counter_key, s.counter);
        self.seen.insert(s.member.clone(), Instant::now());
        Ok(device_actor(&s.member, &s.device))
    }
}

fn page(store: &Store, member: &str) -> PageKind {
    match store.lock_info() {
        Ok(Some(_)) => return PageKind::Locked,
        Err(_) => return PageKind::Unknown,
        Ok(None) => {}
    }
    match store.lan_link(member) {
        Ok(Some(_)) => PageKind::Open,
        _ => PageKind::Unknown,
    }
}

/// The audit log's actor for what a member does from a device: `m1@lan:3fa9…`.
pub fn device_actor(member: &str, device: &str) -> String {
    format!("{member}@lan:{device}")
}

fn closed_text(lang: Lang) -> String {
    super::page::texts(lang).closed.to_string()
}

/// A change of a batch whose commit failed (a full disk, the file busy): a server error, never a
/// refusal, so that the member's page keeps the change and sends it again (app.js retries 5xx and
/// drops what is refused — a 4xx here lost the member's choice while the page said why).
fn not_saved(e: &StoreError, lang: Lang) -> Refusal {
    Refusal::new(503, "not_saved", e.say(lang))
}

/// A store refusal as the member is told it: the status says what kind of refusal it is.
fn store_refusal(e: &StoreError, lang: Lang) -> Refusal {
    use StoreError::*;
    let (status, code) = match e {
        Locked { .. } => (423, "locked"),
        Recused { .. } | NotAScorer { .. } | Absent { .. } | DeviceBound { .. } => (403, "not_allowed"),
        UnknownDossier { .. } | UnknownMember { .. } | UnknownSheet { .. } => (404, "unknown"),
        SheetStepRefused { .. } => (409, "sheet_closed"),
        UnknownCriterion { .. } | UnknownOption { .. } | IncompleteSheet { .. } | Eliminated { .. } | BadText(_) => {
            (422, "invalid")
        }
        e if e.is_refusal() => (422, "refused"),
        _ => (500, "internal"),
    };
    Refusal::new(status, code, e.say(lang))
}

#[cfg(test)]
mod tests;
