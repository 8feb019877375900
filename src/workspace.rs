//! An open session as the screens see it: the file, the session read from it and its results.
//! No GUI types here, so every behaviour the screens rely on is tested without a window.
//!
//! Every change goes to the file first (one transaction with its audit row); only when the file has
//! it does the in-memory copy change. Frequent changes (a choice, a comment, attendance) are mirrored
//! in memory; rarer ones re-read the file. Results are recomputed when asked for after a change.

use crate::domain::session::Dossier;
use crate::domain::session::ScoreSheet;
use crate::domain::{CriteriaSet, Results, Ruleset, Session, evaluate};
pub use crate::store::Result;
use crate::store::{LockInfo, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod devices;
mod register;
pub use devices::{DeviceLink, SlipsError, listen_choices};
pub use register::{Intact, RecognitionDecision, RegisterCounts, RegisterError, RegisterView, StatsFile};

/// What the screens need of the store's vocabulary, so they never name the store itself.
pub use crate::store::{Loaded, StoreError as Error};

/// Who is at the keyboard when nobody said (`--by`): the login name, or "thư ký" (the secretary).
pub fn default_actor() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "thư ký".into())
}

pub struct Workspace {
    store: Store,
    pub path: PathBuf,
    pub session: Session,
    pub criteria: Arc<CriteriaSet>,
    pub ruleset: Ruleset,
    pub lock: Option<LockInfo>,
    /// Who is at the keyboard, for the audit log.
    pub actor: String,
    results: Results,
    stale: bool,
    /// Positions in `session.dossiers` by code, and in `session.sheets` by dossier: the screens ask
    /// "this member's sheet for this product" thousands of times a frame at province scale.
    dossier_at: HashMap<String, usize>,
    sheets_of: HashMap<String, Vec<usize>>,
    /// The members' devices' server while it runs (issue 17), and the file's data version when the
    /// session was last read with it running.
    devices: Option<crate::lan::Running>,
    seen_version: Option<i64>,
}

impl Workspace {
    pub fn open(path: &Path, actor: &str) -> Result<Workspace> {
        let store = Store::open(path)?;
        let loaded = store.load()?;
        let results = loaded.results();
        let mut ws = Workspace {
            store,
            path: path.to_path_buf(),
            session: loaded.session,
            criteria: loaded.criteria,
            ruleset: loaded.ruleset,
            lock: loaded.lock,
            actor: actor.to_string(),
            results,
            stale: false,
            dossier_at: HashMap::new(),
            sheets_of: HashMap::new(),
            devices: None,
            seen_version: None,
        };
        ws.reindex();
        Ok(ws)
    }

    fn reindex(&mut self) {
        self.dossier_at = self.session.dossiers.iter().enumerate().map(|(i, d)| (d.code.clone(), i)).collect();
        self.sheets_of.clear();
        for (i, s) in self.session.sheets.iter().enumerate() {
            self.sheets_of.entry(s.dossier.clone()).or_default().push(i);
        }
    }

    pub fn dossier(&self, code: &str) -> Option<&Dossier> {
        self.dossier_at.get(code).and_then(|&i| self.session.dossiers.get(i))
    }

    fn reload(&mut self) -> Result<()> {
        let loaded = self.store.load()?;
        self.session = loaded.session;
        self.ruleset = loaded.ruleset;
        self.lock = loaded.lock;
        self.reindex();
        self.stale = true;
        self.refresh();
        Ok(())
    }

    /// Recomputes the results if anything changed since they were last computed.
    pub fn refresh(&mut self) {
        if self.stale {
            self.results = evaluate(&self.session, &self.criteria, &self.ruleset, self.lock.is_some());
            self.stale = false;
        }
    }

    /// The results as of the last `refresh` (screens call `refresh` in `update`, never in `view`).
    pub fn results(&self) -> &Results {
        &self.results
    }

    pub fn is_locked(&self) -> bool {
        self.lock.is_some()
    }

    /// The member's sheet for the dossier's current round, if one was started.
    pub fn sheet(&self, dossier: &str, member: &str) -> Option<&ScoreSheet> {
        self.sheet_position(dossier, member).map(|i| &self.session.sheets[i])
    }

    fn sheet_position(&self, dossier: &str, member: &str) -> Option<usize> {
        let round = self.dossier(dossier)?.current_round();
        let sheets = &self.session.sheets;
        self.sheets_of.get(dossier)?.iter().copied().find(|&i| sheets[i].member == member && sheets[i].round == round)
    }

    fn sheet_mut(&mut self, dossier: &str, member: &str) -> Option<&mut ScoreSheet> {
        let round = self.dossier(dossier)?.current_round();
        if self.sheet_position(dossier, member).is_none() {
            self.sheets_of.entry(dossier.to_string()).or_default().push(self.session.sheets.len());
            self.session.sheets.push(ScoreSheet {
                dossier: dossier.into(),
                member: member.into(),
                round,
                choices: Default::default(),
                comment: String::new(),
                draft: true,
                checked: false,
            });
        }
        let i = self.sheet_position(dossier, member)?;
        self.session.sheets.get_mut(i)
    }

    /// Members expected to score this dossier now: present, scoring, not recused.
    pub fn expected_members(&self, dossier: &str) -> Vec<&str> {
        match self.dossier(dossier) {
            Some(d) => self.session.expected_scorers(d).map(|m| m.id.as_str()).collect(),
            // An unknown code: no one is recused from it.
            None => self.session.members.iter().filter(|m| m.can_score()).map(|m| m.id.as_str()).collect(),
        }
    }

    /// (submitted sheets, expected sheets) in the dossier's current round.
    pub fn progress(&self, dossier: &str) -> (usize, usize) {
        let expected = self.expected_members(dossier);
        let done = expected.iter().filter(|m| self.sheet(dossier, m).is_some_and(|s| !s.draft)).count();
        (done, expected.len())
    }

    pub fn save_choice(&mut self, dossier: &str, member: &str, criterion: &str, option: u8) -> Result<()> {
        self.store.save_choice(&self.actor, dossier, member, criterion, option)?;
        if let Some(sheet) = self.sheet_mut(dossier, member) {
            sheet.choices.insert(criterion.to_string(), option);
        }
        self.stale = true;
        Ok(())
    }

    pub fn set_comment(&mut self, dossier: &str, member: &str, comment: &str) -> Result<()> {
        self.store.set_comment(&self.actor, dossier, member, comment)?;
        if let Some(sheet) = self.sheet_mut(dossier, member) {
            sheet.comment = crate::domain::text::nfc(comment);
        }
        Ok(())
    }

    pub fn submit_sheet(&mut self, dossier: &str, member: &str) -> Result<()> {
        let comment = self.sheet(dossier, member).map(|s| s.comment.clone()).unwrap_or_default();
        self.store.submit_sheet(&self.actor, dossier, member, &comment)?;
        if let Some(sheet) = self.sheet_mut(dossier, member) {
            sheet.draft = false;
        }
        self.stale = true;
        self.refresh();
        Ok(())
    }

    /// Records the read-back check of the member's submitted sheet (issue 13.2).
    pub fn check_sheet(&mut self, dossier: &str, member: &str) -> Result<()> {
        self.store.check_sheet(&self.actor, dossier, member)?;
        if let Some(sheet) = self.sheet_mut(dossier, member) {
            sheet.checked = true;
        }
        self.stale = true;
        self.refresh();
        Ok(())
    }

    /// Opens the member's submitted sheet again for a correction, with a reason (issue 13.1).
    pub fn reopen_sheet(&mut self, dossier: &str, member: &str, reason: &str) -> Result<()> {
        self.store.reopen_sheet(&self.actor, dossier, member, reason)?;
        if let Some(sheet) = self.sheet_mut(dossier, member) {
            sheet.draft = true;
            sheet.checked = false;
        }
        self.stale = true;
        self.refresh();
        Ok(())
    }

    /// The dossiers whose sheet from `member` counts now (submitted, current round) and would stop
    /// counting if the member were marked absent: what the attendance screen asks about first.
    pub fn sheets_counting_from(&self, member: &str) -> Vec<String> {
        let Some(m) = self.session.member(member) else { return Vec::new() };
        let check_required = self.session.settings().check_required;
        self.session
            .dossiers
            .iter()
            .filter(|d| d.eliminated.is_none() && d.expects_sheet_from(m))
            .filter(|d| self.sheet(&d.code, member).is_some_and(|s| crate::domain::scoring::counts(s, check_required)))
            .map(|d| d.code.clone())
            .collect()
    }

    /// Marks a member present (their absence reason goes) or absent (a reason written on the
    /// session-details tab stays).
    pub fn set_present(&mut self, member: &str, present: bool) -> Result<()> {
        let reason = self.session.member(member).map(|m| m.absence_reason.clone()).unwrap_or_default();
        self.store.set_attendance(&self.actor, member, present, &reason)?;
        if let Some(m) = self.session.members.iter_mut().find(|m| m.id == member) {
            m.present = present;
            if present {
                m.absence_reason.clear();
            }
        }
        self.stale = true;
        self.refresh();
        Ok(())
    }

    pub fn set_recusal(&mut self, dossier: &str, member: &str, recused: bool) -> Result<()> {
        self.store.set_recusal(&self.actor, dossier, member, recused)?;
        self.reload()
    }

    pub fn open_round(&mut self, dossier: &str, reason: &str) -> Result<u32> {
        let round = self.store.open_round(&self.actor, dossier, reason)?;
        self.reload()?;
        Ok(round)
    }

    pub fn resolve(&mut self, dossier: &str, note: &str) -> Result<()> {
        self.store.resolve(&self.actor, dossier, note)?;
        self.reload()
    }

    /// Adds a dossier typed in the window (not from a list), after the others, audited as added:
    /// refused without a code, with a code another dossier has, without names or with an unknown
    /// criteria sheet.
    pub fn add_dossier(&mut self, d: &Dossier) -> Result<()> {
        let code = d.code.trim();
        if code.is_empty() {
            return Err(Error::DossierNeedsCode);
        }
        if self.dossier(code).is_some() {
            return Err(Error::DossierExists { code: code.to_string() });
        }
        if d.product.trim().is_empty() || d.producer.trim().is_empty() {
            return Err(Error::DossierNeedsNames);
        }
        if self.criteria.sheet(d.sheet).is_none() {
            return Err(Error::UnknownSheet { sheet: d.sheet });
        }
        use crate::domain::text::nfc;
        let added = Dossier {
            code: nfc(code),
            product: nfc(d.product.trim()),
            producer: nfc(d.producer.trim()),
            representative: nfc(d.representative.trim()),
            address: nfc(d.address.trim()),
            phone: d.phone.trim().to_string(),
            eliminated: None,
            recused: Vec::new(),
            round: None,
            ..d.clone()
        };
        self.store.add_dossier(&self.actor, &added)?;
        self.reload()
    }

    pub fn update_dossier(&mut self, d: &crate::domain::session::Dossier) -> Result<()> {
        self.store.update_dossier(&self.actor, d)?;
        self.reload()
    }

    /// Corrects the session's heading and meeting facts (issue 13.4); returns how many changed.
    pub fn edit_session_facts(&mut self, edited: &crate::domain::session::SessionInfo) -> Result<usize> {
        let changed = self.store.edit_session_facts(&self.actor, edited)?;
        if changed > 0 {
            self.reload()?;
        }
        Ok(changed)
    }

    /// Corrects a member's name, honorific, position, role, scoring, absence reason.
    pub fn edit_member(&mut self, edited: &crate::domain::session::Member) -> Result<usize> {
        let changed = self.store.edit_member(&self.actor, edited)?;
        if changed > 0 {
            self.reload()?;
        }
        Ok(changed)
    }

    pub fn add_member(&mut self, member: &crate::domain::session::Member) -> Result<()> {
        self.store.add_member(&self.actor, member)?;
        self.reload()
    }

    pub fn remove_member(&mut self, id: &str) -> Result<()> {
        self.store.remove_member(&self.actor, id)?;
        self.reload()
    }

    /// What the documents need and the session lacks (the Documents tab lists it).
    pub fn missing_facts(&self) -> Vec<crate::domain::facts::MissingFact> {
        crate::domain::facts::missing_facts(&self.session)
    }

    pub fn set_eliminated(&mut self, code: &str, reason: Option<&str>) -> Result<()> {
        self.store.set_eliminated(&self.actor, code, reason)?;
        self.reload()
    }

    /// The dossier's attachments: (name, sha256).
    pub fn attachments(&self, code: &str) -> Vec<(String, String)> {
        self.store
            .attachment_hashes()
            .unwrap_or_default()
            .into_iter()
            .filter(|(d, _, _)| d == code)
            .map(|(_, n, s)| (n, s))
            .collect()
    }

    /// Writes an attachment to a temporary file (named as it was) and returns its path.
    pub fn extract_attachment(&self, name: &str, sha256: &str) -> Result<PathBuf> {
        let dir = std::env::temp_dir().join("ocop-council").join(&sha256[..16.min(sha256.len())]);
        std::fs::create_dir_all(&dir).map_err(|source| crate::store::StoreError::io(dir.display(), source))?;
        let file = dir.join(name.rsplit('/').next().unwrap_or(name));
        self.store.extract_attachment(sha256, &file)?;
        Ok(file)
    }

    /// Re-reads the file after a change made through another connection (a background import).
    pub fn reload_from_file(&mut self) -> Result<()> {
        self.reload()
    }

    /// What importing this folder of dossier folders would do (names and sizes only are read).
    pub fn plan_folder(&self, folder: &Path) -> crate::dossier::FolderPlan {
        crate::dossier::plan_folder(folder, &self.session.dossiers, crate::dossier::DEFAULT_LIMIT)
    }

    /// What importing this list would do (nothing is written).
    pub fn plan_import(&self, list: &Path) -> crate::dossier::Preview {
        crate::dossier::plan_file(list, &self.session.dossiers, &self.criteria)
    }

    /// Applies a preview made by `plan_import` (refused if it has errors); returns (added, updated).
    pub fn import(&mut self, list: &Path, preview: &crate::dossier::Preview) -> Result<(usize, usize)> {
        let source = list.display().to_string();
        let counts = crate::import::apply(
            &mut self.store,
            &self.actor,
            &source,
            std::slice::from_ref(preview),
            &[],
            &mut |_, _| {},
        )?;
        self.reload()?;
        Ok((counts.added, counts.updated))
    }

    /// The dossiers whose criteria sheet `preview` would change although they have score sheets:
    /// importing it needs those sheets discarded (`import_discarding_sheets`).
    pub fn sheets_at_stake(&self, preview: &crate::dossier::Preview) -> Vec<crate::import::AtStake> {
        crate::import::sheets_at_stake(std::slice::from_ref(preview), &self.session.dossiers, &self.session.sheets)
    }

    /// As `import`, discarding the score sheets of the dossiers `sheets_at_stake` names, with the
    /// reason in the audit log; returns (added, updated, sheets discarded).
    pub fn import_discarding_sheets(
        &mut self,
        list: &Path,
        preview: &crate::dossier::Preview,
        reason: &str,
    ) -> Result<(usize, usize, usize)> {
        let source = list.display().to_string();
        let counts = crate::import::apply_discarding_sheets(
            &mut self.store,
            &self.actor,
            &source,
            std::slice::from_ref(preview),
            &[],
            reason,
            &mut |_, _| {},
        )?;
        self.reload()?;
        Ok((counts.added, counts.updated, counts.discarded))
    }

    pub fn reopen(&mut self, reason: &str) -> Result<()> {
        self.store.reopen(&self.actor, reason)?;
        self.reload()
    }

    /// The fingerprint the session has now (what a lock would record).
    pub fn fingerprint(&self) -> Result<String> {
        self.store.fingerprint()
    }

    pub fn audit_log(&self) -> Result<Vec<crate::domain::session::AuditEntry>> {
        self.store.audit_log()
    }

    pub fn lock(&mut self) -> Result<String> {
        let fp = self.store.lock(&self.actor)?;
        self.reload()?;
        Ok(fp)
    }
}

/// Sessions as files: making one, and reading or filling one that a window may have open.
impl Workspace {
    /// Creates a new session file holding `session` (refused if the file exists), then opens it.
    pub fn create(
        path: &Path,
        session: &Session,
        criteria: &CriteriaSet,
        ruleset: &Ruleset,
        actor: &str,
    ) -> Result<Workspace> {
        Store::create(path, session, criteria, ruleset, actor)?;
        Workspace::open(path, actor)
    }

    /// Deletes a session file no window has open (see `Store::discard`): the demo, made afresh.
    pub fn discard_file(path: &Path) -> Result<()> {
        Store::discard(path)
    }

    /// Reads a session file without claiming it, so it works while a window edits that file: for
    /// work in the background (the documents) and for reading an earlier session (its council).
    pub fn read_file(path: &Path) -> Result<Loaded> {
        Store::open_shared(path)?.load()
    }

    /// Streams the files of a folder plan into the session file at `path` on a connection of its
    /// own (files can weigh a gigabyte: the window keeps drawing meanwhile); `progress` hears
    /// (bytes stored, bytes to store). Returns how many files were attached. The window's own
    /// workspace learns of them with `reload_from_file`.
    pub fn attach_folder(
        path: &Path,
        actor: &str,
        source: &str,
        plan: &crate::dossier::FolderPlan,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<usize> {
        let mut store = Store::open_shared(path)?;
        let counts = crate::import::apply(&mut store, actor, source, &[], std::slice::from_ref(plan), progress)?;
        Ok(counts.attached)
    }
}
