//! The OCOP register (issue 18) as the window sees it. The register is the office's own file in the
//! data folder, apart from any session; the Register screen reads it through `RegisterView`, and
//! the window's open session records its decision and enters the register through the methods
//! below.

use super::Workspace;
pub use crate::domain::register::RecognitionDecision;
use crate::domain::register::stats::{GroupBy, Statistics, statistics};
pub use crate::register::{Counts as RegisterCounts, RegisterError};
use crate::store::Result;
use std::path::{Path, PathBuf};

/// The register as the Register screen shows it on a day.
pub struct RegisterView {
    pub path: PathBuf,
    pub day: crate::domain::Date,
    pub products: Vec<crate::domain::register::RegisteredProduct>,
    pub due: Vec<crate::domain::register::DueItem>,
    /// Grouped by year of decision (what `register stats` gives and exports).
    pub stats: Statistics,
    /// The same day grouped by product group, for its chart.
    pub by_group: Statistics,
}

impl RegisterView {
    /// Reads the register at `path` (made empty the first time) and computes the day's lists.
    pub fn load(path: &Path, day: crate::domain::Date) -> std::result::Result<RegisterView, RegisterError> {
        let register = crate::register::Register::open(path)?;
        let products = register.products_in_order()?;
        register.close()?;
        Ok(RegisterView::of(path, day, products))
    }

    /// The day's lists over products already read.
    pub fn of(
        path: &Path,
        day: crate::domain::Date,
        products: Vec<crate::domain::register::RegisteredProduct>,
    ) -> RegisterView {
        let due = crate::domain::register::due_list(&products, day);
        let stats = statistics(&products, day, GroupBy::Year);
        let by_group = statistics(&products, day, GroupBy::Group);
        RegisterView { path: path.to_path_buf(), day, products, due, stats, by_group }
    }

    /// The office's register in the data folder.
    pub fn default_path() -> PathBuf {
        crate::register::default_path()
    }

    /// Today by the computer's clock (1 January 2000 if it gives none).
    pub fn today() -> crate::domain::Date {
        crate::register::today().or_else(|| crate::domain::Date::new(2000, 1, 1)).expect("1 January 2000 is a day")
    }
}

/// Which copy of the statistics to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFile {
    Xlsx,
    Pdf,
}

impl RegisterView {
    /// Writes the day's statistics as `register stats --xlsx/--pdf` does: to `target` when it names
    /// a file (its extension made the kind's), into it when it is a folder, beside the register when
    /// empty. Returns the file written.
    pub fn export(&self, kind: StatsFile, target: &str) -> std::result::Result<PathBuf, RegisterError> {
        let extension = match kind {
            StatsFile::Xlsx => "xlsx",
            StatsFile::Pdf => "pdf",
        };
        let named = crate::register::documents::statistics_file(self.day, extension);
        let target = PathBuf::from(target.trim());
        let path = if target.as_os_str().is_empty() {
            self.path.parent().map(|f| f.join(&named)).unwrap_or_else(|| PathBuf::from(&named))
        } else if target.is_dir() || target.extension().is_none() {
            std::fs::create_dir_all(&target).map_err(|e| RegisterError::io(&target.display().to_string(), e))?;
            target.join(&named)
        } else {
            target.with_extension(extension)
        };
        match kind {
            StatsFile::Xlsx => crate::register::documents::write_statistics_xlsx(&self.stats, &path)?,
            StatsFile::Pdf => crate::register::documents::write_statistics_pdf(&self.stats, &path)?,
        }
        Ok(path)
    }

    /// Creates, in `folder`, a re-rating session of the products due on the view's day (a
    /// written-opinion one under QĐ 26/2026 when `written`), as `register rerate [--written]`
    /// does; returns its file, named for the day ("Đánh giá lại 2026-01-10.ocop", " (2)" … when taken).
    pub fn start_rerate(
        &self,
        folder: &Path,
        written: bool,
        actor: &str,
    ) -> std::result::Result<PathBuf, RegisterError> {
        let (catalog, _) = crate::catalog::Catalog::with_installed()
            .map_err(|e| RegisterError::Documents { problem: e.to_string() })?;
        let options = crate::register::rerate::Options { written, ..Default::default() };
        let planned = crate::register::rerate::plan(&self.products, self.day, options, &catalog)?;
        std::fs::create_dir_all(folder).map_err(|e| RegisterError::io(&folder.display().to_string(), e))?;
        let stem = if written {
            format!("Đánh giá lại bằng văn bản {}", self.day)
        } else {
            format!("Đánh giá lại {}", self.day)
        };
        let path = (1..)
            .map(|n| match n {
                1 => folder.join(format!("{stem}.ocop")),
                n => folder.join(format!("{stem} ({n}).ocop")),
            })
            .find(|p| !p.exists())
            .unwrap_or_else(|| folder.join(format!("{stem}.ocop")));
        crate::store::Store::create(&path, &planned.session, planned.criteria, planned.ruleset, actor)?;
        Ok(path)
    }
}

/// A session file that passed `verify` (only `Workspace::intact_check` makes one): what entering
/// the register and printing certificates from the window take, so neither skips the check.
#[derive(Clone, Debug)]
pub struct Intact(PathBuf);

impl Workspace {
    /// Records the recognition decision of the locked session (the Archive tab).
    pub fn record_decision(&mut self, decision: &RecognitionDecision) -> Result<()> {
        let actor = self.actor.clone();
        self.store.record_decision(decision, &actor)
    }

    pub fn decision(&self) -> Result<Option<RecognitionDecision>> {
        self.store.decision()
    }

    fn register_parts(&self) -> crate::register::from_session::SessionParts<'_> {
        crate::register::from_session::SessionParts {
            session: &self.session,
            criteria: &self.criteria,
            ruleset: &self.ruleset,
        }
    }

    /// The check the register's buttons need first (`from_session::check_intact`), as work to run
    /// off the window's thread: it re-hashes every attachment (0.6 s for 500 MB, more from a cold disk).
    pub fn intact_check(&self) -> impl FnOnce() -> std::result::Result<Intact, RegisterError> + Send + 'static {
        let path = self.path.clone();
        move || crate::register::from_session::check_intact(&path).map(|()| Intact(path))
    }

    /// `intact` when it vouches for this session's file; otherwise the check, now.
    fn vouched(&self, intact: &Intact) -> std::result::Result<(), RegisterError> {
        if intact.0 == self.path { Ok(()) } else { crate::register::from_session::check_intact(&self.path) }
    }

    /// Writes the certificates of the locked, decided session into `dir`; returns the file and how
    /// many certificates it holds.
    pub fn write_certificates(
        &self,
        dir: &Path,
        intact: &Intact,
    ) -> std::result::Result<(PathBuf, usize), RegisterError> {
        self.vouched(intact)?;
        let decision = self.decision().map_err(RegisterError::Store)?;
        let source = self.path.display().to_string();
        let (pdf, count) = crate::register::documents::certificates(
            self.register_parts(),
            self.lock.as_ref(),
            decision.as_ref(),
            &source,
        )?;
        let path = dir.join(crate::register::documents::CERTIFICATES_FILE);
        std::fs::write(&path, pdf).map_err(|e| RegisterError::io(&path.display().to_string(), e))?;
        Ok((path, count))
    }

    /// Enters the locked session's recognised products in the register at `register`.
    pub fn add_to_register(
        &self,
        register: &Path,
        intact: &Intact,
    ) -> std::result::Result<RegisterCounts, RegisterError> {
        self.vouched(intact)?;
        let decision = self.decision().map_err(RegisterError::Store)?;
        let source = self.path.display().to_string();
        let entries = crate::register::from_session::entries_of(
            self.register_parts(),
            self.lock.as_ref(),
            decision.as_ref(),
            &source,
        )?;
        let fingerprint = self.lock.as_ref().map(|l| l.fingerprint.clone()).unwrap_or_default();
        let mut open = crate::register::Register::open(register)?;
        let counts = open.enter(&entries, "session_added", &fingerprint, &self.actor)?;
        open.close()?;
        Ok(counts)
    }
}
