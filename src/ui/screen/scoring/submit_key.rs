//! Submitting from the keyboard (Ctrl+Enter) and where the cursor goes next (issue 15.5): the
//! key submits only what the button would, and after a product's last sheet the screen moves to
//! the next product that still needs sheets — never back onto a sheet already submitted.

use super::State;
use crate::workspace::Workspace;

impl State {
    /// Whether the sheet on screen may be submitted now, as its button says: a draft sheet (the
    /// workspace refuses an incomplete one with the reason), or a finished read-back check whose
    /// entries all agree with the first entry.
    pub(super) fn may_submit(&self, ws: &Workspace, product: &str, member: &str) -> bool {
        let sheet = ws.sheet(product, member);
        let Some(check) = &self.check else { return sheet.is_none_or(|s| s.draft) };
        let Some(index) = self.index(ws) else { return false };
        index.leaves.iter().all(|l| {
            let code = &l.criterion.code;
            check.get(code).is_some() && check.get(code) == sheet.and_then(|s| s.choices.get(code))
        })
    }

    /// After a submission: the product's next member still to score, or once the product has all
    /// its sheets, the next product (in list order, wrapping) that needs sheets. When every sheet
    /// is in, the sheet just submitted stays on screen.
    pub(super) fn select_after_submit(&mut self, ws: &Workspace, product: &str) {
        let needs_sheets = |code: &str| {
            let (done, expected) = ws.progress(code);
            done < expected
        };
        if needs_sheets(product) {
            return self.select_product(ws, product);
        }
        let open: Vec<&str> =
            ws.session.dossiers.iter().filter(|d| d.eliminated.is_none()).map(|d| d.code.as_str()).collect();
        let at = open.iter().position(|c| *c == product).unwrap_or(0);
        let next = (1..=open.len()).map(|k| open[(at + k) % open.len()]).find(|c| needs_sheets(c));
        match next {
            Some(code) => {
                let code = code.to_string();
                self.select_product(ws, &code);
            }
            None => self.cursor = 0,
        }
    }
}
