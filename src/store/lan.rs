//! The members' links for scoring on their own devices (src/lan, docs/lan.md): a secret key per
//! scoring member and the device the link is bound to. Every change is audited; the secret never is.

use super::{Result, Store, StoreError};
use crate::domain::audit::{AuditAction, AuditEvent, Target};
use rusqlite::{OptionalExtension, params};

/// One member's link as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanLink {
    pub member: String,
    /// The key of the link (base64url text; its bytes are the HMAC key).
    pub secret: String,
    /// The device the link is bound to; None until it is first used (or after a revoke).
    pub device: Option<String>,
    pub issued_at: String,
}

impl Store {
    /// Every member's link, in member order.
    pub fn lan_links(&self) -> Result<Vec<LanLink>> {
        self.rows(
            "SELECT l.member, l.secret, l.device, l.issued_at FROM lan_link l JOIN member m ON m.id = l.member
             ORDER BY m.ord",
            |r| Ok(LanLink { member: r.get(0)?, secret: r.get(1)?, device: r.get(2)?, issued_at: r.get(3)? }),
        )
    }

    /// One member's link, if issued.
    pub fn lan_link(&self, member: &str) -> Result<Option<LanLink>> {
        self.conn
            .query_row("SELECT member, secret, device, issued_at FROM lan_link WHERE member = ?1", [member], |r| {
                Ok(LanLink { member: r.get(0)?, secret: r.get(1)?, device: r.get(2)?, issued_at: r.get(3)? })
            })
            .optional()
            .map_err(self.sql_err())
    }

    /// Makes a scoring member's link (anew: the old key and its device stop working).
    pub fn issue_link(&mut self, actor: &str, member: &str, secret: &str) -> Result<()> {
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let scores: Option<bool> = tx
                .query_row("SELECT scores FROM member WHERE id = ?1", [member], |r| r.get(0))
                .optional()
                .map_err(&sql)?;
            match scores {
                None => return Err(StoreError::UnknownMember { id: member.into() }),
                Some(false) => return Err(StoreError::NotAScorer { id: member.into() }),
                Some(true) => {}
            }
            tx.execute(
                "INSERT INTO lan_link (member, secret, device, issued_at) VALUES (?1, ?2, NULL, ?3)
                 ON CONFLICT (member) DO UPDATE SET secret = excluded.secret, device = NULL, issued_at = excluded.issued_at",
                params![member, secret, super::now_utc()],
            )
            .map_err(&sql)?;
            Ok(((), AuditEvent::new(AuditAction::LinkIssued, Target::member(member))))
        })
    }

    /// Binds a member's link to the device that used it first. Refused when it is bound already
    /// (to another device: the secretary decides, by revoking).
    pub fn bind_device(&mut self, actor: &str, member: &str, device: &str) -> Result<()> {
        super::plain("device", device)?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let bound = tx
                .execute(
                    "UPDATE lan_link SET device = ?2 WHERE member = ?1 AND device IS NULL",
                    params![member, device],
                )
                .map_err(&sql)?;
            if bound == 0 {
                return Err(StoreError::DeviceBound { member: member.into() });
            }
            let event =
                AuditEvent::new(AuditAction::DevicePaired, Target::member(member)).change(None, Some(device.into()));
            Ok(((), event))
        })
    }

    /// Releases a member's link from its device: the next device that opens the link takes it.
    /// Returns whether a device was bound.
    pub fn revoke_device(&mut self, actor: &str, member: &str) -> Result<bool> {
        let sql = self.sql_owned();
        let old = self.lan_link(member)?.and_then(|l| l.device);
        let Some(old) = old else { return Ok(false) };
        self.change(actor, |tx| {
            tx.execute("UPDATE lan_link SET device = NULL WHERE member = ?1", [member]).map_err(&sql)?;
            Ok((true, AuditEvent::new(AuditAction::DeviceRevoked, Target::member(member)).change(Some(old), None)))
        })
    }
}

impl Store {
    /// Moves a member's link to `device` — the secretary's decision when the member opened the
    /// link on a second device: from then the old device is refused. Audited as a pairing by the
    /// secretary, old device → new.
    pub fn move_device(&mut self, actor: &str, member: &str, device: &str) -> Result<()> {
        super::plain("device", device)?;
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let old: Option<Option<String>> = tx
                .query_row("SELECT device FROM lan_link WHERE member = ?1", [member], |r| r.get(0))
                .optional()
                .map_err(&sql)?;
            let Some(old) = old else { return Err(StoreError::UnknownMember { id: member.into() }) };
            tx.execute("UPDATE lan_link SET device = ?2 WHERE member = ?1", params![member, device]).map_err(&sql)?;
            let event =
                AuditEvent::new(AuditAction::DevicePaired, Target::member(member)).change(old, Some(device.into()));
            Ok(((), event))
        })
    }

    /// Whether `device` was revoked from the member's link since the link was last issued: the
    /// audit log says so (`device_revoked`, old = the device), so it holds across restarts.
    pub fn device_revoked(&self, member: &str, device: &str) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = 'device_revoked' AND member = ?1 AND old = ?2
                   AND id > COALESCE((SELECT max(id) FROM audit_log WHERE action = 'link_issued' AND member = ?1), 0))",
                params![member, device],
                |r| r.get(0),
            )
            .map_err(self.sql_err())
    }

    /// A number that changes when another connection (the devices' server) commits to the file:
    /// the window re-reads the session only then.
    pub fn data_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).map_err(self.sql_err())
    }
}
