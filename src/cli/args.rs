//! The command line's grammar, declared with clap's derive. Clap finds subcommands, options and
//! their values; what it says when something is wrong is put into one Vietnamese line by
//! `usage_error`. The help text stays our own (`USAGE`): it is the manual the offices print.

use super::usage_error;
use clap::builder::{OsStringValueParser, TypedValueParser};
use clap::error::ErrorKind;
use clap::{ArgAction, ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;

pub const USAGE: &str = "\
ocop-council — bàn làm việc của Hội đồng đánh giá, phân hạng sản phẩm OCOP

Cách dùng:
  ocop-council [FILE.ocop]             mở cửa sổ ứng dụng (trên tệp phiên họp nếu có)
  ocop-council --demo                  mở cửa sổ trên phiên họp mẫu đi kèm (Ý Yên, 6/2023)
  ocop-council demo                    in kết quả của phiên họp mẫu, không mở cửa sổ
  ocop-council new FILE [--from X.json] [--ruleset ID] [--criteria ID]
                                       tạo tệp phiên họp (.ocop), trống hoặc từ tệp trao đổi JSON
  ocop-council results FILE [--json]   bảng kết quả (hoặc JSON theo thiết kế §6)
  ocop-council export FILE [-o OUT.json] [--audit]
                                       xuất toàn bộ phiên họp ra JSON (ocop-council-session/2;
                                       /1 khi phiên chưa ghi thông tin cuộc họp),
                                       kèm nhật ký thay đổi nếu có --audit
  ocop-council criteria list | export ID -o X.xlsx | import X.xlsx | show ID [--sheet N]
                                       các bộ tiêu chí: liệt kê, xuất ra bảng tính, cài từ bảng tính, xem
  ocop-council import FILE SOURCE… [--dry-run] [--max-file-mb N] [--discard-sheets --reason LÝ_DO]
                                       nhập danh sách hồ sơ (.xlsx, .ods, .csv, .json) và thư mục tài liệu
                                       hồ sơ; xem trước rồi áp dụng một lần. Đổi bộ sản phẩm của hồ sơ đã
                                       có phiếu chấm bị từ chối, trừ khi có --discard-sheets: các phiếu đó
                                       bị hủy (ghi lý do vào nhật ký) để chấm lại theo bộ mới
  ocop-council documents FILE --out DIR [--only KIND] [--draft]
                                       tài liệu PDF: minutes, summary, sheets, blank, decision, forward;
                                       thiếu thông tin (cơ quan, ngày, địa điểm, chủ trì…) thì từ chối và
                                       liệt kê, trừ khi có --draft (bản nháp, để trống chỗ thiếu)
  ocop-council edit FILE [--title …] [--authority …] [--province …] [--council-decision …]
                    [--date YYYY-MM-DD] [--place …] [--opened HH:MM] [--closed HH:MM]
                    [--chair ID] [--secretary ID] [--guest \"TÊN|CHỨC_VỤ\"]… [--signer-name …]
                    [--signer-title …] [--signer-capacity tm|kt] [--recipient VĂN_BẢN=NƠI_NHẬN]…
                                       sửa thông tin phiên họp (ghi nhật ký); \"\" để xóa một thông tin;
                                       --guest, --recipient lặp lại được và thay cả danh sách
  ocop-council member FILE add|edit|remove ID [--name …] [--honorific ông|bà] [--position …]
                    [--role chair|vice_chair|member|secretary] [--scores yes|no]
                                       thêm, sửa, bớt thành viên Hội đồng (không bớt người đã có phiếu)
  ocop-council attendance FILE ID present|absent [--reason LÝ_DO]
                                       điểm danh: có mặt hoặc vắng (kèm lý do vắng)
  ocop-council score FILE --dossier MÃ --member ID [--round N] TIÊU_CHÍ=PHƯƠNG_ÁN… [--comment NHẬN_XÉT]
                                       chấm phiếu đang nhập của một thành viên (phiếu đã nộp bị từ chối)
  ocop-council submit FILE --dossier MÃ --member ID [--round N]
                                       nộp phiếu: phiếu được tính và không sửa được nữa
  ocop-council reopen-sheet FILE --dossier MÃ --member ID --reason LÝ_DO
                                       mở lại phiếu đã nộp để sửa (lý do, tổng điểm cũ và mới vào nhật ký)
  ocop-council lock FILE               khóa kết quả (chỉ khi đủ điều kiện chốt); in dấu vân tay
  ocop-council reopen FILE --reason LÝ_DO
                                       mở khóa (lý do và dấu vân tay cũ được ghi vào nhật ký)
  ocop-council decision FILE --number SỐ --date YYYY-MM-DD
                                       ghi quyết định công nhận ban hành sau cuộc họp (kết quả đã khóa;
                                       dấu vân tay không đổi)
  ocop-council register add FILE | import X.xlsx|.ods|.csv [--dry-run] | list [--json]
                    | due [--on YYYY-MM-DD] [--json] | stats [--on …] [--by year|stars|group|commune]
                    [--json] [--xlsx X.xlsx] [--pdf X.pdf] | certificates FILE --out DIR
                    | rerate NEW.ocop [--on …] [--ruleset ID] [--written] [--council EARLIER.ocop]
                    | revoke --product … --producer … --reason LÝ_DO
                    | history SẢN_PHẨM [--producer …] [--json]
                                       sổ theo dõi sản phẩm OCOP (trong thư mục dữ liệu): vào sổ sản phẩm
                                       của phiên đã khóa, nhập sổ Excel cũ, sản phẩm đến hạn đánh giá lại,
                                       thống kê, giấy chứng nhận, phiên đánh giá lại,
                                       lịch sử đánh giá của một sản phẩm
  ocop-council archive FILE DEST_DIR   lưu trữ ra thư mục (USB): bản sao đã kiểm tra + tệp .sha256
  ocop-council verify FILE [--fingerprint HEX]
                                       kiểm tra tệp: toàn vẹn, khóa, dấu vân tay (so với biên bản giấy)
  ocop-council serve FILE [--listen ĐỊA_CHỈ:CỔNG]
                                       cho thành viên chấm trên thiết bị của mình qua mạng nội bộ
                                       (mặc định 127.0.0.1:8765, chỉ máy này); in mỗi dòng «ID URL» cho
                                       một thành viên chấm điểm; chạy đến khi Ctrl+C
  ocop-council --help | --version

Tùy chọn chung: --by TÊN  người thực hiện, ghi vào nhật ký (mặc định: tên người dùng máy)
Quy tắc có sẵn: qd148-2023-huyen (mặc định), qd26-2026-tinh
Mã thoát: 0 thành công · 2 dữ liệu sai hoặc thao tác bị từ chối · 1 lỗi nội bộ
";

/// What the command line asks for: a window (which `main` opens; this module knows no screens)
/// or a command that runs here and prints.
#[derive(Debug, PartialEq)]
pub enum Invocation {
    Window(Window),
    Command(Args),
}

/// What the window opens on.
#[derive(Debug, PartialEq)]
pub enum Window {
    Start,
    File(PathBuf),
    Demo,
}

#[derive(Debug, PartialEq)]
pub struct Args {
    pub command: Command,
    /// Who acts, for the audit log (`--by`).
    pub actor: String,
}

/// The whole line as clap sees it. Help and version are clap actions (they end parsing even when
/// a subcommand's own arguments are missing); `--by` is accepted before or after a subcommand.
#[derive(Debug, Parser)]
#[command(
    name = "ocop-council",
    version,
    propagate_version = true,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    args_override_self = true
)]
struct Line {
    #[arg(short = 'h', long = "help", global = true, action = ArgAction::Help)]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", global = true, action = ArgAction::Version)]
    version: Option<bool>,
    #[arg(long, global = true, value_name = "TÊN", allow_hyphen_values = true, value_parser = text())]
    by: Option<String>,
    /// The window on the demo session.
    #[arg(long)]
    demo: bool,
    /// `ocop-council FILE`: the window on that file. A word that names no command lands here too.
    #[arg(value_name = "FILE.ocop")]
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, PartialEq, Subcommand)]
pub enum Command {
    #[command(skip)]
    Help,
    #[command(skip)]
    Version,
    /// The demo session's results as a table, without a window.
    Demo,
    New {
        file: PathBuf,
        #[arg(long)]
        from: Option<PathBuf>,
        #[arg(long, value_parser = text())]
        ruleset: Option<String>,
        #[arg(long, value_parser = text())]
        criteria: Option<String>,
    },
    Results {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    Export {
        file: PathBuf,
        #[arg(short = 'o', long)]
        out: Option<PathBuf>,
        #[arg(long)]
        audit: bool,
    },
    Lock {
        file: PathBuf,
    },
    Reopen {
        file: PathBuf,
        #[arg(long, value_name = "LÝ_DO", allow_hyphen_values = true, value_parser = text())]
        reason: String,
    },
    Archive {
        file: PathBuf,
        #[arg(value_name = "DEST_DIR")]
        dest: PathBuf,
    },
    Verify {
        file: PathBuf,
        #[arg(long, value_parser = text())]
        fingerprint: Option<String>,
    },
    /// Members score on their own devices (src/lan): runs until Ctrl+C or SIGTERM.
    Serve {
        file: PathBuf,
        #[arg(long, value_name = "ADDR:PORT", value_parser = text())]
        listen: Option<String>,
    },
    #[command(subcommand, subcommand_required = true)]
    Criteria(Criteria),
    /// Records the recognition decision issued after the meeting (issue 18).
    Decision {
        file: PathBuf,
        #[arg(long, value_name = "SỐ", allow_hyphen_values = true, value_parser = text())]
        number: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = text())]
        date: String,
    },
    /// The office's OCOP register (issue 18).
    #[command(subcommand, subcommand_required = true)]
    Register(super::register_args::RegisterCommand),
    Import {
        file: PathBuf,
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<PathBuf>,
        #[arg(long)]
        dry_run: bool,
        /// Largest file accepted in a dossier folder, in MB.
        #[arg(long, default_value_t = 200)]
        max_file_mb: u64,
        /// Discard the score sheets of dossiers whose criteria sheet the list changes.
        #[arg(long)]
        discard_sheets: bool,
        /// Why those sheets are discarded (required with --discard-sheets), for the audit log.
        #[arg(long, value_name = "LÝ_DO", allow_hyphen_values = true, value_parser = text())]
        reason: Option<String>,
    },
    Documents {
        file: PathBuf,
        #[arg(short = 'o', long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, value_parser = text())]
        only: Option<String>,
        /// Make the documents even though facts they need are missing (dotted blanks in their place).
        #[arg(long)]
        draft: bool,
    },
    /// Choices (and the comment) of a member's draft sheet.
    Score {
        file: PathBuf,
        #[command(flatten)]
        sheet: SheetArgs,
        #[arg(value_name = "TIÊU_CHÍ=PHƯƠNG_ÁN", value_parser = text())]
        choices: Vec<String>,
        #[arg(long, allow_hyphen_values = true, value_parser = text())]
        comment: Option<String>,
    },
    /// Hands in a member's sheet: it then counts and refuses changes.
    Submit {
        file: PathBuf,
        #[command(flatten)]
        sheet: SheetArgs,
    },
    /// Opens a submitted sheet again for a correction, with a reason.
    ReopenSheet {
        file: PathBuf,
        #[command(flatten)]
        sheet: SheetArgs,
        #[arg(long, value_name = "LÝ_DO", allow_hyphen_values = true, value_parser = text())]
        reason: String,
    },
    /// Corrects the session's facts (issue 13.4/13.5); each option given replaces that fact.
    Edit(Box<EditFacts>),
    /// Adds, corrects or removes a member of the council.
    Member {
        file: PathBuf,
        #[arg(value_enum)]
        action: MemberAction,
        #[arg(value_parser = text())]
        id: String,
        #[arg(long, value_parser = text(), allow_hyphen_values = true)]
        name: Option<String>,
        #[arg(long, value_parser = text())]
        honorific: Option<String>,
        #[arg(long, value_parser = text(), allow_hyphen_values = true)]
        position: Option<String>,
        #[arg(long, value_parser = text())]
        role: Option<String>,
        #[arg(long, value_parser = text())]
        scores: Option<String>,
    },
    /// Marks a member present or absent (with the reason of an absence).
    Attendance {
        file: PathBuf,
        #[arg(value_parser = text())]
        id: String,
        #[arg(value_enum)]
        state: Presence,
        #[arg(long, value_name = "LÝ_DO", allow_hyphen_values = true, value_parser = text())]
        reason: Option<String>,
    },
}

/// `ocop-council edit FILE …`: every fact is optional; "" clears one.
#[derive(Debug, PartialEq, clap::Args)]
pub struct EditFacts {
    pub file: PathBuf,
    #[arg(long, value_parser = text(), allow_hyphen_values = true)]
    pub title: Option<String>,
    #[arg(long, value_parser = text(), allow_hyphen_values = true)]
    pub authority: Option<String>,
    #[arg(long, value_parser = text(), allow_hyphen_values = true)]
    pub province: Option<String>,
    #[arg(long, value_parser = text(), allow_hyphen_values = true)]
    pub council_decision: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = text())]
    pub date: Option<String>,
    #[arg(long, value_parser = text(), allow_hyphen_values = true)]
    pub place: Option<String>,
    #[arg(long, value_name = "HH:MM", value_parser = text())]
    pub opened: Option<String>,
    #[arg(long, value_name = "HH:MM", value_parser = text())]
    pub closed: Option<String>,
    #[arg(long, value_name = "ID", value_parser = text())]
    pub chair: Option<String>,
    #[arg(long, value_name = "ID", value_parser = text())]
    pub secretary: Option<String>,
    /// "NAME|POSITION", repeated: the whole list of guests ("" alone: none).
    #[arg(long, value_name = "TÊN|CHỨC_VỤ", value_parser = text(), allow_hyphen_values = true)]
    pub guest: Vec<String>,
    #[arg(long, value_parser = text(), allow_hyphen_values = true)]
    pub signer_name: Option<String>,
    #[arg(long, value_parser = text(), allow_hyphen_values = true)]
    pub signer_title: Option<String>,
    #[arg(long, value_name = "tm|kt", value_parser = text())]
    pub signer_capacity: Option<String>,
    /// "DOC=TEXT", repeated: the recipients of that document, in order ("DOC=" alone: none).
    #[arg(long, value_name = "VĂN_BẢN=NƠI_NHẬN", value_parser = text(), allow_hyphen_values = true)]
    pub recipient: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MemberAction {
    Add,
    Edit,
    Remove,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Presence {
    Present,
    Absent,
}

/// Which sheet: a dossier, a member and (to be sure of it) the round, which must be the current one.
#[derive(Debug, PartialEq, clap::Args)]
pub struct SheetArgs {
    #[arg(long, value_name = "MÃ", value_parser = text())]
    pub dossier: String,
    #[arg(long, value_name = "ID", value_parser = text())]
    pub member: String,
    #[arg(long, value_name = "N")]
    pub round: Option<u32>,
}

/// `ocop-council criteria …`: the criteria sets, built in and installed.
#[derive(Debug, PartialEq, Subcommand)]
pub enum Criteria {
    List,
    Export {
        #[arg(value_parser = text())]
        id: String,
        #[arg(short = 'o', long)]
        out: PathBuf,
    },
    Import {
        #[arg(value_name = "TỆP")]
        file: PathBuf,
    },
    Show {
        #[arg(value_parser = text())]
        id: String,
        #[arg(long)]
        sheet: Option<u32>,
    },
}

/// Free text from the command line: a name, a reason. Windows may hand over text that is not
/// valid Unicode; it is taken as far as it reads rather than refused.
pub(super) fn text() -> impl TypedValueParser<Value = String> {
    OsStringValueParser::new().map(|value| value.to_string_lossy().into_owned())
}

pub use crate::workspace::default_actor;

const DISCARD_NEEDS_REASON: &str = "«import --discard-sheets» cần --reason \"lý do hủy phiếu chấm\"";
const REASON_NEEDS_DISCARD: &str = "«import» chỉ nhận --reason cùng với --discard-sheets";

/// Reads the arguments after the program name. The error is one Vietnamese line.
pub fn parse(raw: Vec<OsString>) -> Result<Invocation, String> {
    let mut grammar = Line::command();
    let program = OsString::from("ocop-council");
    let matches = match grammar.try_get_matches_from_mut(std::iter::once(program).chain(raw.iter().cloned())) {
        Ok(matches) => matches,
        Err(e) if e.kind() == ErrorKind::DisplayHelp => return Ok(command(Command::Help, None)),
        Err(e) if e.kind() == ErrorKind::DisplayVersion => return Ok(command(Command::Version, None)),
        Err(e) => return Err(usage_error::describe(&e, &grammar, &raw)),
    };
    let line = Line::from_arg_matches(&matches).map_err(|e| usage_error::describe(&e, &grammar, &raw))?;
    line.invocation(&chosen(&matches))
}

fn command(command: Command, actor: Option<String>) -> Invocation {
    Invocation::Command(Args { command, actor: actor.unwrap_or_else(default_actor) })
}

impl Line {
    /// What clap cannot say: which bare words open a window, and the checks across options.
    fn invocation(self, chosen: &str) -> Result<Invocation, String> {
        match (self.command, self.file) {
            (None, None) => Ok(Invocation::Window(if self.demo { Window::Demo } else { Window::Start })),
            (None, Some(file)) => {
                if self.demo {
                    return Err("«ocop-council» không nhận tùy chọn --demo".into());
                }
                window_on(file)
            }
            // `ocop-council FILE.ocop results …`: a window's file, then words it does not take.
            (Some(_), Some(_)) => Err(format!("thừa tham số «{}»", chosen.split(' ').next().unwrap_or(chosen))),
            (Some(command), None) => {
                if self.demo {
                    return Err(format!("«{chosen}» không nhận tùy chọn --demo"));
                }
                if let Command::Reopen { reason, .. } = &command
                    && reason.trim().is_empty()
                {
                    return Err(usage_error::REOPEN_NEEDS_REASON.into());
                }
                if let Command::Import { discard_sheets, reason, .. } = &command {
                    match (discard_sheets, reason) {
                        (true, r) if r.as_deref().is_none_or(|r| r.trim().is_empty()) => {
                            return Err(DISCARD_NEEDS_REASON.into());
                        }
                        (false, Some(_)) => return Err(REASON_NEEDS_DISCARD.into()),
                        _ => {}
                    }
                }
                Ok(self::command(command, self.by))
            }
        }
    }
}

/// `ocop-council FILE`: a session file (by its name, or any file that exists) opens the window;
/// another word is a command this program does not have.
fn window_on(file: PathBuf) -> Result<Invocation, String> {
    let text = file.to_string_lossy().into_owned();
    if text.ends_with(".ocop") || file.is_file() {
        Ok(Invocation::Window(Window::File(file)))
    } else {
        Err(format!("không có lệnh «{text}»"))
    }
}

/// The subcommands chosen, as typed ("criteria show"), for messages.
fn chosen(matches: &ArgMatches) -> String {
    let mut words = Vec::new();
    let mut level = matches;
    while let Some((word, below)) = level.subcommand() {
        words.push(word);
        level = below;
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invocation(args: &[&str]) -> Result<Invocation, String> {
        super::parse(args.iter().map(OsString::from).collect())
    }

    fn window(args: &[&str]) -> Result<Window, String> {
        match invocation(args)? {
            Invocation::Window(window) => Ok(window),
            Invocation::Command(args) => Err(format!("a command, not a window: {args:?}")),
        }
    }

    fn parse(args: &[&str]) -> Result<Command, String> {
        match invocation(args)? {
            Invocation::Command(args) => Ok(args.command),
            Invocation::Window(window) => Err(format!("a window, not a command: {window:?}")),
        }
    }

    #[test]
    fn parses_the_register_commands() {
        use crate::cli::register_args::RegisterCommand;
        assert_eq!(
            parse(&["register", "due", "--on", "2026-01-10", "--json"]),
            Ok(Command::Register(RegisterCommand::Due { on: Some("2026-01-10".into()), json: true }))
        );
        assert_eq!(
            parse(&["decision", "a.ocop", "--number", "125/QĐ-UBND", "--date", "2023-06-20"]),
            Ok(Command::Decision { file: "a.ocop".into(), number: "125/QĐ-UBND".into(), date: "2023-06-20".into() })
        );
        assert_eq!(
            parse(&["register", "import", "so.xlsx", "--dry-run"]),
            Ok(Command::Register(RegisterCommand::Import { file: "so.xlsx".into(), dry_run: true }))
        );
    }

    #[test]
    fn parses_each_subcommand() {
        assert_eq!(window(&[]), Ok(Window::Start));
        assert_eq!(window(&["--demo"]), Ok(Window::Demo));
        assert_eq!(window(&["Phiên 1.ocop"]), Ok(Window::File("Phiên 1.ocop".into())));
        assert_eq!(parse(&["demo"]), Ok(Command::Demo));
        assert_eq!(parse(&["results", "a.ocop", "--json"]), Ok(Command::Results { file: "a.ocop".into(), json: true }));
        assert_eq!(
            parse(&["new", "a.ocop", "--from", "x.json", "--ruleset", "qd26-2026-tinh"]),
            Ok(Command::New {
                file: "a.ocop".into(),
                from: Some("x.json".into()),
                ruleset: Some("qd26-2026-tinh".into()),
                criteria: None
            })
        );
        assert_eq!(
            parse(&["export", "a.ocop", "-o", "b.json"]),
            Ok(Command::Export { file: "a.ocop".into(), out: Some("b.json".into()), audit: false })
        );
        assert_eq!(parse(&["lock", "a.ocop", "--by", "Lan"]), Ok(Command::Lock { file: "a.ocop".into() }));
    }

    #[test]
    fn refuses_what_it_does_not_understand() {
        assert!(parse(&["results"]).unwrap_err().contains("cần tên tệp"));
        assert!(parse(&["results", "a", "b"]).unwrap_err().contains("thừa tham số «b»"));
        assert!(parse(&["lock", "a", "--json"]).unwrap_err().contains("không nhận tùy chọn --json"));
        assert!(parse(&["frobnicate"]).unwrap_err().contains("không có lệnh «frobnicate»"));
        assert!(parse(&["new", "a", "--from"]).unwrap_err().contains("--from cần một giá trị"));
        assert!(parse(&["results", "a", "--jsn"]).unwrap_err().contains("không hiểu tùy chọn «--jsn»"));
    }

    #[test]
    fn says_what_each_subcommand_misses_in_vietnamese() {
        let cases: &[(&[&str], &str)] = &[
            (&["archive", "a"], "«archive» cần thư mục đích (DEST_DIR), ví dụ ổ USB"),
            (&["documents", "a"], "«documents» cần --out THƯ_MỤC"),
            (&["criteria"], "«criteria» cần một việc: list, export, import hoặc show"),
            (&["criteria", "frob"], "«criteria» cần một việc: list, export, import hoặc show"),
            (&["criteria", "export"], "«criteria export ID» cần thêm tham số"),
            (&["criteria", "export", "x"], "«criteria export» cần -o TỆP.xlsx (hoặc .csv)"),
            (&["criteria", "import"], "«criteria import TỆP» cần thêm tham số"),
            (&["criteria", "show", "x", "--sheet", "z"], "--sheet cần số bộ (1–26)"),
            (&["import", "a"], "«import» cần ít nhất một tệp danh sách (SOURCE): .csv hoặc .json"),
            (&["import", "a", "b", "--max-file-mb", "x"], "--max-file-mb cần một số MB, ví dụ 200"),
            (&["reopen", "a"], "«reopen» cần --reason \"lý do mở khóa\""),
            (
                &["import", "a", "b", "--discard-sheets"],
                "«import --discard-sheets» cần --reason \"lý do hủy phiếu chấm\"",
            ),
            (
                &["import", "a", "b", "--discard-sheets", "--reason", " "],
                "«import --discard-sheets» cần --reason \"lý do hủy phiếu chấm\"",
            ),
            (&["import", "a", "b", "--reason", "x"], "«import» chỉ nhận --reason cùng với --discard-sheets"),
            (&["reopen", "a", "--reason", "  "], "«reopen» cần --reason \"lý do mở khóa\""),
            (&["--demo", "results", "a"], "«results» không nhận tùy chọn --demo"),
            (&["--demo", "a.ocop"], "«ocop-council» không nhận tùy chọn --demo"),
            (&["a.ocop", "b.ocop"], "thừa tham số «b.ocop»"),
            (&["a.ocop", "results", "b.ocop"], "thừa tham số «results»"),
            (&["criteria", "list", "--json"], "«criteria list» không nhận tùy chọn --json"),
            (&["register"], "«register» cần một việc: add, import, list, due, stats, certificates, rerate hoặc revoke"),
            (
                &["register", "frob"],
                "«register» cần một việc: add, import, list, due, stats, certificates, rerate hoặc revoke",
            ),
            (&["register", "certificates", "a.ocop"], "«register certificates» cần thêm tham số --out <DIR>"),
            (&["decision", "a.ocop", "--date", "2023-06-20"], "«decision» cần thêm tham số --number <SỐ>"),
        ];
        for (args, expected) in cases {
            assert_eq!(parse(args).as_ref().map_err(String::as_str), Err(*expected), "{args:?}");
        }
    }

    #[test]
    fn help_version_and_the_actor_come_through_anywhere() {
        assert_eq!(parse(&["results", "--help"]), Ok(Command::Help));
        assert_eq!(parse(&["frobnicate", "-h"]), Ok(Command::Help));
        assert_eq!(parse(&["-V"]), Ok(Command::Version));
        assert_eq!(
            parse(&["reopen", "a", "--reason", "-- nhầm phiếu"]),
            Ok(Command::Reopen { file: "a".into(), reason: "-- nhầm phiếu".into() })
        );
        for line in [&["--by", "Lan", "lock", "a"][..], &["lock", "a", "--by", "Lan"]] {
            let Ok(Invocation::Command(args)) = invocation(line) else { panic!("{line:?}") };
            assert_eq!(args.actor, "Lan");
        }
        assert_eq!(window(&["--by", "Lan"]), Ok(Window::Start));
    }
}
