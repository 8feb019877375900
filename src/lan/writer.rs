//! The one writer: a thread that owns the session file's `Store` and does every request in turn,
//! each change through the same store functions the window uses (one transaction, audited with
//! the member and the device). The HTTP side only forwards; it never touches the file. Checking a
//! request's MAC and counter here too keeps the counters in one place without locks.

use super::auth;
use crate::lang::{Lang, Say};
use crate::store::{LanLink, Store, StoreError};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::mpsc;
use tokio::sync::oneshot;

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

pub enum Command {
    Member(Signed, Action, oneshot::Sender<Result<Value, Refusal>>),
    Page(String, oneshot::Sender<PageKind>),
    Links(oneshot::Sender<crate::store::Result<Vec<LanLink>>>),
    Issue(String, oneshot::Sender<crate::store::Result<()>>),
    Revoke(String, oneshot::Sender<crate::store::Result<bool>>),
    /// The devices that made a request since the start: member → (device, seconds since).
    Seen(oneshot::Sender<HashMap<String, std::time::Instant>>),
}

pub struct Writer {
    store: Store,
    epoch: String,
    /// The last counter accepted per (member, device) in this epoch.
    counters: HashMap<(String, String), u64>,
    seen: HashMap<String, std::time::Instant>,
    /// Who acts in the audit log for the secretary's own actions (issue, revoke).
    secretary: String,
}

impl Writer {
    pub fn new(store: Store, epoch: String, secretary: String) -> Writer {
        Writer { store, epoch, counters: HashMap::new(), seen: HashMap::new(), secretary }
    }

    /// Serves commands until every sender is gone; gives the store back (to be closed).
    pub fn run(mut self, commands: mpsc::Receiver<Command>) -> Store {
        for command in commands {
            match command {
                Command::Member(signed, action, reply) => {
                    let _ = reply.send(self.member(signed, action));
                }
                Command::Page(member, reply) => {
                    let _ = reply.send(self.page(&member));
                }
                Command::Links(reply) => {
                    let _ = reply.send(self.store.lan_links());
                }
                Command::Issue(member, reply) => {
                    let _ = reply.send(self.issue(&member));
                }
                Command::Revoke(member, reply) => {
                    let secretary = self.secretary.clone();
                    let _ = reply.send(self.store.revoke_device(&secretary, &member));
                }
                Command::Seen(reply) => {
                    let _ = reply.send(self.seen.clone());
                }
            }
        }
        self.store
    }

    fn issue(&mut self, member: &str) -> crate::store::Result<()> {
        let secret = auth::new_secret().map_err(|e| StoreError::io("getrandom", std::io::Error::other(e)))?;
        let secretary = self.secretary.clone();
        self.store.issue_link(&secretary, member, &secret)?;
        // Requests signed with the old key no longer verify, so its counters can go. (A revoke
        // keeps them: the old device's captured requests must not bind it again.)
        self.counters.retain(|(m, _), _| m != member);
        Ok(())
    }

    fn page(&self, member: &str) -> PageKind {
        match self.store.lock_info() {
            Ok(Some(_)) => return PageKind::Locked,
            Err(_) => return PageKind::Unknown,
            Ok(None) => {}
        }
        match self.store.lan_link(member) {
            Ok(Some(_)) => PageKind::Open,
            _ => PageKind::Unknown,
        }
    }

    fn member(&mut self, signed: Signed, action: Action) -> Result<Value, Refusal> {
        let lang = signed.lang;
        let actor = self.authenticate(&signed)?;
        if self.store.lock_info().map_err(|e| store_refusal(&e, lang))?.is_some() {
            return Err(Refusal::new(423, "locked", closed_text(lang)));
        }
        let member = signed.member.as_str();
        let done = match action {
            Action::State => return self.state(member, lang),
            Action::Choice { dossier, criterion, option } => {
                self.store.save_choices(&actor, &dossier, member, &[(criterion, option)], None)
            }
            Action::Comment { dossier, comment } => self.store.set_comment(&actor, &dossier, member, &comment),
            Action::Submit { dossier, comment } => self.store.submit_sheet(&actor, &dossier, member, &comment),
        };
        done.map_err(|e| store_refusal(&e, lang))?;
        Ok(json!({ "ok": true }))
    }

    fn state(&self, member: &str, lang: Lang) -> Result<Value, Refusal> {
        let loaded = self.store.load().map_err(|e| store_refusal(&e, lang))?;
        super::state::member_state(&loaded.session, &loaded.criteria, &loaded.ruleset, member)
            .ok_or_else(|| Refusal::new(404, "unknown_member", "?"))
    }

    /// Checks the MAC, the epoch, the counter and the device; binds the link to its first device.
    /// Returns who acts in the audit log: the member and the device.
    fn authenticate(&mut self, s: &Signed) -> Result<String, Refusal> {
        let texts = super::page::texts(s.lang);
        let link = match self.store.lan_link(&s.member) {
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
            Some(bound) if *bound != s.device => return Err(Refusal::new(403, "other_device", texts.other_device)),
            Some(_) => {}
            None => {
                // The pairing is the member's own act: the log says which device did it.
                self.store
                    .bind_device(&device_actor(&s.member, &s.device), &s.member, &s.device)
                    .map_err(|e| store_refusal(&e, s.lang))?;
            }
        }
        self.counters.insert(counter_key, s.counter);
        self.seen.insert(s.member.clone(), std::time::Instant::now());
        Ok(device_actor(&s.member, &s.device))
    }
}

/// The audit log's actor for what a member does from a device: `m1@lan:3fa9…`.
pub fn device_actor(member: &str, device: &str) -> String {
    format!("{member}@lan:{device}")
}

fn closed_text(lang: Lang) -> String {
    super::page::texts(lang).closed.to_string()
}

/// A store refusal as the member is told it: the status says what kind of refusal it is.
fn store_refusal(e: &StoreError, lang: Lang) -> Refusal {
    use StoreError::*;
    let (status, code) = match e {
        Locked { .. } => (423, "locked"),
        Recused { .. } | NotAScorer { .. } | Absent { .. } | DeviceBound { .. } => (403, "not_allowed"),
        UnknownDossier { .. } | UnknownMember { .. } | UnknownSheet { .. } => (404, "unknown"),
        SheetStepRefused { .. } => (409, "sheet_closed"),
        UnknownCriterion { .. } | UnknownOption { .. } | IncompleteSheet { .. } | Eliminated { .. } => (422, "invalid"),
        e if e.is_refusal() => (422, "refused"),
        _ => (500, "internal"),
    };
    Refusal::new(status, code, e.say(lang))
}
