//! PDF documents for signature (design §9): minutes, score table, score sheets (filled and blank),
//! draft recognition decision, forwarding letter. A4, Decree 30/2020 conventions, Liberation Serif
//! embedded and subset. Before the lock every page says "DỰ THẢO"; after, the session fingerprint.

mod decision;
mod decree30;
mod docx;
mod fonts;
mod forward;
mod layout;
mod minutes;
mod pdf;
pub mod register;
mod sheet_table;
mod sheets;
pub mod slips;
mod summary;
mod xlsx;

pub use fonts::Fonts;

use crate::domain::fingerprint::short;
use crate::domain::record::Record;
use crate::domain::ruleset::Level;
use crate::domain::scoring::{Decision, ProductResult, Results};
use crate::domain::session::{Member, Role};
use layout::Mark;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Minutes,
    Summary,
    Sheets,
    /// The filled sheets, one file per member (what each member signs), in a folder.
    SheetsByMember,
    Blank,
    Decision,
    Forward,
    /// Editable copies in a folder: the minutes, decision and letter as .docx, the summary and
    /// results as .xlsx. The PDFs stay the signed record.
    Editable,
}

pub const KINDS: [Kind; 8] = [
    Kind::Minutes,
    Kind::Summary,
    Kind::Sheets,
    Kind::SheetsByMember,
    Kind::Blank,
    Kind::Decision,
    Kind::Forward,
    Kind::Editable,
];

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Minutes => "minutes",
            Kind::Summary => "summary",
            Kind::Sheets => "sheets",
            Kind::SheetsByMember => "sheets-by-member",
            Kind::Blank => "blank",
            Kind::Decision => "decision",
            Kind::Forward => "forward",
            Kind::Editable => "editable",
        }
    }

    pub fn parse(id: &str) -> Option<Kind> {
        KINDS.into_iter().find(|k| k.id() == id)
    }

    /// The file name a secretary recognises (for `SheetsByMember`, the folder of its files).
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Minutes => "bien-ban-hop-hoi-dong.pdf",
            Kind::Summary => "bang-tong-hop-diem.pdf",
            Kind::Sheets => "phieu-danh-gia.pdf",
            Kind::SheetsByMember => "phieu-cham-theo-thanh-vien",
            Kind::Blank => "phieu-danh-gia-trang.pdf",
            Kind::Decision => "du-thao-quyet-dinh-cong-nhan.pdf",
            Kind::Forward => "van-ban-de-nghi-cap-tren.pdf",
            Kind::Editable => "ban-chinh-sua",
        }
    }

    pub fn title_vi(self) -> &'static str {
        match self {
            Kind::Minutes => "Biên bản họp Hội đồng",
            Kind::Summary => "Bảng tổng hợp điểm",
            Kind::Sheets => "Phiếu đánh giá (đã chấm)",
            Kind::SheetsByMember => "Phiếu đánh giá theo từng thành viên",
            Kind::Blank => "Phiếu đánh giá trắng (chấm trên giấy)",
            Kind::Decision => "Dự thảo quyết định công nhận",
            Kind::Forward => "Văn bản đề nghị cấp trên",
            Kind::Editable => "Bản chỉnh sửa được (.docx, .xlsx)",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A bundled font could not be read (`Fonts::load`'s words).
    #[error("{0}")]
    Font(String),
    /// A document of this kind came out empty, or (None) a thread making one failed.
    #[error("{}", crate::lang::vi::report_failed(*.0))]
    Failed(Option<Kind>),
    #[error("{path}: không ghi được tài liệu ({source})")]
    Io { path: String, source: std::io::Error },
}

/// What every document reads from: the session's record, its results, and the fonts.
pub struct Ctx<'a> {
    pub record: &'a Record,
    pub results: Results,
    pub fonts: &'a Fonts,
}

impl<'a> Ctx<'a> {
    pub fn new(record: &'a Record, fonts: &'a Fonts) -> Ctx<'a> {
        Ctx { record, results: record.results(), fonts }
    }

    fn mark(&self) -> Mark {
        Mark {
            fingerprint: self.record.lock.as_ref().map(|l| short(&l.fingerprint)),
            created: pdf_date(
                self.record.lock.as_ref().map(|l| l.at.as_str()),
                self.record.session.session.meeting_date,
            ),
        }
    }

    fn level(&self) -> &'static str {
        match self.record.ruleset.level {
            Level::Huyen => "cấp huyện",
            Level::Tinh => "cấp tỉnh",
        }
    }

    /// "huyện Ý Yên": the authority's place, from "Ủy ban nhân dân huyện Ý Yên"; "" when unknown.
    fn place(&self) -> String {
        decree30::split_authority(&self.record.session.session.authority).map_or(String::new(), |(_, p)| p.into())
    }

    /// "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Ý Yên" (the level's words when the
    /// authority names no place).
    fn council(&self) -> String {
        let place = self.place();
        let of = if place.is_empty() { self.level().to_string() } else { place };
        format!("Hội đồng đánh giá, phân hạng sản phẩm OCOP {of}")
    }

    /// The body a forwarding letter goes to, named: the ruleset's "… cấp tỉnh" with the session's
    /// province ("… tỉnh Nam Định").
    fn upper_body(&self) -> String {
        let to = &self.record.ruleset.forward_to;
        let province = self.record.session.session.province.trim();
        match to.strip_suffix("cấp tỉnh") {
            Some(head) if !province.is_empty() => format!("{head}tỉnh {province}"),
            _ => to.clone(),
        }
    }

    fn facts(&self) -> &crate::domain::facts::MeetingFacts {
        &self.record.session.session.facts
    }

    /// "Nơi nhận" of a document, by its id ("minutes", "decision", "forward").
    fn recipients(&self, kind: Kind) -> Vec<String> {
        self.facts().recipients.get(kind.id()).cloned().unwrap_or_default()
    }

    /// A member named in the facts (chair, secretary), by id.
    fn fact_member(&self, id: Option<&String>) -> Option<&Member> {
        id.and_then(|id| self.record.session.member(id))
    }

    fn member_with(&self, roles: &[Role]) -> Option<&Member> {
        roles.iter().find_map(|r| self.record.session.members.iter().find(|m| m.role == *r))
    }

    /// Who chairs: the facts' chair, else the council's chair (or vice-chair).
    fn chair(&self) -> String {
        self.fact_member(self.facts().chair.as_ref())
            .or_else(|| self.member_with(&[Role::Chair, Role::ViceChair]))
            .map(|m| m.name.clone())
            .unwrap_or_default()
    }

    fn secretary(&self) -> String {
        self.fact_member(self.facts().secretary.as_ref())
            .or_else(|| self.member_with(&[Role::Secretary]))
            .map(|m| m.name.clone())
            .unwrap_or_default()
    }

    fn products(&self, decision: Decision) -> Vec<&ProductResult> {
        self.results.products.iter().filter(|p| p.decision == decision).collect()
    }

    /// Table rows for `products`, numbered from 1, each made by `cells` from the result and its dossier.
    fn numbered_rows(
        &self,
        products: &[&ProductResult],
        cells: impl Fn(&ProductResult, &crate::domain::session::Dossier) -> Vec<String>,
    ) -> Vec<Vec<String>> {
        products
            .iter()
            .filter_map(|p| self.record.session.dossier(&p.code).map(|d| cells(p, d)))
            .enumerate()
            .map(|(i, cells)| std::iter::once((i + 1).to_string()).chain(cells).collect())
            .collect()
    }

    fn all_products(&self) -> Vec<&ProductResult> {
        self.results.products.iter().collect()
    }

    /// The mean as printed, the Vietnamese way ("65,00"), or a dash when nothing was counted.
    fn mean(p: &ProductResult) -> String {
        p.mean.map(crate::lang::vi::number).unwrap_or_else(|| "–".into())
    }

    /// "xã Yên Cường" from an address "thôn Trung Khu, xã Yên Cường, huyện Ý Yên, tỉnh Nam Định".
    fn commune(address: &str) -> String {
        let parts: Vec<&str> = address.split(',').map(str::trim).collect();
        let lower = |p: &&str| p.to_lowercase();
        parts
            .iter()
            .find(|p| ["xã ", "thị trấn ", "phường "].iter().any(|k| lower(p).starts_with(k)))
            .or(parts.first())
            .map(|p| p.to_string())
            .unwrap_or_default()
    }
}

/// The PDF creation date: the lock's time ("2023-06-05T10:20:30Z") when locked, else the meeting
/// date at midnight, else the epoch; never the clock, so two runs give the same bytes.
pub(crate) fn pdf_date(locked_at: Option<&str>, meeting: Option<crate::domain::date::Date>) -> String {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if let Some(at) = locked_at.map(digits).filter(|d| d.len() >= 14) {
        return format!("D:{}Z", &at[..14]);
    }
    match meeting {
        Some(d) => format!("D:{:04}{:02}{:02}000000Z", d.year(), d.month(), d.day()),
        None => "D:19700101000000Z".into(),
    }
}

/// One document as PDF bytes (`SheetsByMember`: all the members' sheets in one, as `Sheets`;
/// `member_sheets` gives its files).
pub fn generate(ctx: &Ctx<'_>, kind: Kind) -> Vec<u8> {
    match kind {
        Kind::Minutes => minutes::render(ctx),
        Kind::Summary => summary::render(ctx),
        Kind::Sheets | Kind::SheetsByMember => sheets::render(ctx, false),
        Kind::Blank => sheets::render(ctx, true),
        Kind::Decision => decision::render(ctx),
        Kind::Forward => forward::render(ctx),
        // The editable copies are several files (`editable`); here, the minutes' .docx.
        Kind::Editable => docx::write(&docx::minutes(ctx)).unwrap_or_default(),
    }
}

/// Each member's filled sheets: ("phieu-cham-m1.pdf", PDF), in the council's order.
pub fn member_sheets(ctx: &Ctx<'_>) -> Vec<(String, Vec<u8>)> {
    sheets::by_member(ctx)
}

/// The editable copies: (file name, bytes) — .docx of the minutes, decision and letter, .xlsx of
/// the summary and the results. An empty vector when one could not be made (a bug of ours).
pub fn editable(ctx: &Ctx<'_>) -> Vec<(String, Vec<u8>)> {
    let made = [
        ("bien-ban-hop-hoi-dong.docx", docx::write(&docx::minutes(ctx))),
        ("du-thao-quyet-dinh-cong-nhan.docx", docx::write(&docx::decision(ctx))),
        ("van-ban-de-nghi-cap-tren.docx", docx::write(&docx::forward(ctx))),
        ("bang-tong-hop-diem.xlsx", xlsx::summary(ctx)),
        ("ket-qua-danh-gia.xlsx", xlsx::results(ctx)),
    ];
    made.into_iter().map(|(name, bytes)| (name.to_string(), bytes.unwrap_or_default())).collect()
}

/// The files of `kind` (paths relative to the output folder), each given to `sink` as soon as it
/// is made. The filled sheets all in one and by member come from one layout when both are wanted.
fn files_of(
    ctx: &Ctx<'_>,
    kind: Kind,
    kinds: &[Kind],
    sink: &mut dyn FnMut(String, Vec<u8>) -> Result<(), ReportError>,
) -> Result<(), ReportError> {
    let folder = Kind::SheetsByMember.file_name();
    let all = kind.file_name();
    match kind {
        Kind::Sheets => {
            let by_member = kinds.contains(&Kind::SheetsByMember);
            sheets::files(ctx, false, Some(all), by_member, &mut |name, bytes| {
                let path = if name == all { name } else { format!("{folder}/{name}") };
                sink(path, bytes)
            })
        }
        Kind::SheetsByMember if kinds.contains(&Kind::Sheets) => Ok(()),
        Kind::SheetsByMember => {
            sheets::files(ctx, false, None, true, &mut |name, b| sink(format!("{folder}/{name}"), b))
        }
        Kind::Blank => sheets::files(ctx, true, Some(all), false, sink),
        Kind::Editable => {
            for (n, b) in editable(ctx) {
                sink(format!("{}/{n}", Kind::Editable.file_name()), b)?;
            }
            Ok(())
        }
        _ => sink(kind.file_name().to_string(), generate(ctx, kind)),
    }
}

/// Writes the documents (all, or `only`) into `dir`; returns the files written. Each kind is made
/// on a thread of its own and writes its files as it makes them, so no document waits in memory.
/// When one cannot be written (a full or read-only disk), the files and folders this run created
/// are taken away again: the folder is left as it was found, but for files it replaced.
pub fn write_all(record: &Record, dir: &Path, only: Option<Kind>) -> Result<Vec<PathBuf>, ReportError> {
    let fonts = Fonts::load().map_err(ReportError::Font)?;
    let ctx = Ctx::new(record, &fonts);
    std::fs::create_dir_all(dir).map_err(|source| ReportError::Io { path: dir.display().to_string(), source })?;
    let kinds: Vec<Kind> = KINDS.into_iter().filter(|k| only.is_none_or(|o| o == *k)).collect();
    let folders: Vec<PathBuf> = [Kind::SheetsByMember, Kind::Editable]
        .iter()
        .map(|k| dir.join(k.file_name()))
        .filter(|f| !f.exists())
        .collect();
    // Every file written — by kind, in the order made — and whether it is new (not replacing one).
    let written = std::sync::Mutex::new(Vec::<((usize, usize), PathBuf, bool)>::new());
    let made: Vec<Result<(), ReportError>> = std::thread::scope(|scope| {
        let (ctx, all, written) = (&ctx, &kinds, &written);
        let handles: Vec<_> = kinds
            .iter()
            .enumerate()
            .map(|(k, &kind)| {
                scope.spawn(move || {
                    let mut n = 0;
                    files_of(ctx, kind, all, &mut |name, bytes| {
                        if bytes.is_empty() {
                            return Err(ReportError::Failed(Some(kind)));
                        }
                        let new = !dir.join(&name).exists();
                        let path = write_atomic(dir, &name, &bytes)?;
                        let mut list = written.lock().map_err(|_| ReportError::Failed(None))?;
                        list.push(((k, n), path, new));
                        n += 1;
                        Ok(())
                    })
                })
            })
            .collect();
        let failed = || Err(ReportError::Failed(None));
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| failed())).collect()
    });
    let mut written = written.into_inner().unwrap_or_default();
    if let Some(Err(e)) = made.into_iter().find(Result::is_err) {
        for (_, path, _) in written.iter().filter(|(_, _, new)| *new) {
            let _ = std::fs::remove_file(path);
        }
        // Only when empty: a folder with someone's files in it stays.
        for folder in &folders {
            let _ = std::fs::remove_dir(folder);
        }
        return Err(e);
    }
    // In the kinds' order, as the command lists them.
    written.sort_by_key(|(order, _, _)| *order);
    Ok(written.into_iter().map(|(_, p, _)| p).collect())
}

/// `bytes` as `dir/name` through a temporary file beside it (a folder made when the name has one).
fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, ReportError> {
    let path = dir.join(name);
    let parent = path.parent().unwrap_or(dir).to_path_buf();
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = parent.join(format!(".{file}.tmp"));
    std::fs::create_dir_all(&parent)
        .and_then(|()| std::fs::write(&tmp, bytes))
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|source| {
            let _ = std::fs::remove_file(&tmp);
            ReportError::Io { path: path.display().to_string(), source }
        })?;
    Ok(path)
}
