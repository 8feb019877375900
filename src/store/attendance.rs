//! Who is in the room, and who does not score which product.

use super::{Result, Store, StoreError};
use crate::domain::audit::{AuditAction, AuditEvent, Target};

impl Store {
    /// Records that a member does not score a dossier (conflict of interest), or undoes it.
    pub fn set_recusal(&mut self, actor: &str, dossier: &str, member: &str, recused: bool) -> Result<()> {
        let sql = self.sql_owned();
        self.change(actor, |tx| {
            let exists: (bool, bool) = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM dossier WHERE code = ?1), EXISTS (SELECT 1 FROM member WHERE id = ?2)",
                    [dossier, member],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(&sql)?;
            match exists {
                (false, _) => return Err(StoreError::UnknownDossier { code: dossier.into() }),
                (_, false) => return Err(StoreError::UnknownMember { id: member.into() }),
                _ => {}
            }
            let changed = if recused {
                tx.execute("INSERT OR IGNORE INTO recusal (dossier, member) VALUES (?1, ?2)", [dossier, member])
            } else {
                tx.execute("DELETE FROM recusal WHERE dossier = ?1 AND member = ?2", [dossier, member])
            }
            .map_err(&sql)?;
            let event = AuditEvent::new(AuditAction::Recusal, Target::dossier_member(dossier, member))
                .change(Some((recused != (changed > 0)).to_string()), Some(recused.to_string()));
            Ok(((), event))
        })
    }
}
