//! Argument parsing, by hand: a handful of subcommands does not need a parser crate's build time.

use crate::ui::Launch;
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
                                       xuất toàn bộ phiên họp ra JSON (ocop-council-session/1),
                                       kèm nhật ký thay đổi nếu có --audit
  ocop-council criteria list | export ID -o X.xlsx | import X.xlsx | show ID [--sheet N]
                                       các bộ tiêu chí: liệt kê, xuất ra bảng tính, cài từ bảng tính, xem
  ocop-council import FILE SOURCE… [--dry-run] [--max-file-mb N]
                                       nhập danh sách hồ sơ (.xlsx, .ods, .csv, .json) và thư mục tài liệu
                                       hồ sơ; xem trước rồi áp dụng một lần
  ocop-council documents FILE --out DIR [--only KIND]
                                       tài liệu PDF: minutes, summary, sheets, blank, decision, forward
  ocop-council lock FILE               khóa kết quả (chỉ khi đủ điều kiện chốt); in dấu vân tay
  ocop-council reopen FILE --reason LÝ_DO
                                       mở khóa (lý do và dấu vân tay cũ được ghi vào nhật ký)
  ocop-council archive FILE DEST_DIR   lưu trữ ra thư mục (USB): bản sao đã kiểm tra + tệp .sha256
  ocop-council verify FILE [--fingerprint HEX]
                                       kiểm tra tệp: toàn vẹn, khóa, dấu vân tay (so với biên bản giấy)
  ocop-council --help | --version

Tùy chọn chung: --by TÊN  người thực hiện, ghi vào nhật ký (mặc định: tên người dùng máy)
Quy tắc có sẵn: qd148-2023-huyen (mặc định), qd26-2026-tinh
Mã thoát: 0 thành công · 2 dữ liệu sai hoặc thao tác bị từ chối · 1 lỗi nội bộ
";

#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Version,
    /// The window, on the start screen, a file, or the demo session.
    Gui(crate::ui::Launch),
    /// The demo session's results as a table, without a window.
    Demo,
    New {
        file: PathBuf,
        from: Option<PathBuf>,
        ruleset: Option<String>,
        criteria: Option<String>,
    },
    Results {
        file: PathBuf,
        json: bool,
    },
    Export {
        file: PathBuf,
        out: Option<PathBuf>,
        audit: bool,
    },
    Lock {
        file: PathBuf,
    },
    Reopen {
        file: PathBuf,
        reason: String,
    },
    Archive {
        file: PathBuf,
        dest: PathBuf,
    },
    Verify {
        file: PathBuf,
        fingerprint: Option<String>,
    },
    CriteriaList,
    CriteriaExport {
        id: String,
        out: PathBuf,
    },
    CriteriaImport {
        file: PathBuf,
    },
    CriteriaShow {
        id: String,
        sheet: Option<u32>,
    },
    Import {
        file: PathBuf,
        sources: Vec<PathBuf>,
        dry_run: bool,
        /// Largest file accepted in a dossier folder, in MB.
        max_file_mb: u64,
    },
    Documents {
        file: PathBuf,
        out: PathBuf,
        only: Option<String>,
    },
}

#[derive(Debug, PartialEq)]
pub struct Args {
    pub command: Command,
    pub actor: String,
}

fn default_actor() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "thư ký".into())
}

impl Args {
    pub fn parse(raw: Vec<OsString>) -> Result<Args, String> {
        let mut positional: Vec<OsString> = Vec::new();
        let mut flags: Vec<(String, Option<OsString>)> = Vec::new();
        let mut it = raw.into_iter();
        while let Some(arg) = it.next() {
            let text = arg.to_string_lossy().into_owned();
            match text.as_str() {
                "-h" | "--help" | "--version" | "-V" | "--json" | "--demo" | "--audit" | "--dry-run" => {
                    flags.push((text, None))
                }
                "--from" | "--ruleset" | "-o" | "--out" | "--by" | "--reason" | "--fingerprint" | "--only"
                | "--max-file-mb" | "--sheet" | "--criteria" => {
                    let value = it.next().ok_or_else(|| format!("{text} cần một giá trị"))?;
                    flags.push((text, Some(value)));
                }
                s if s.starts_with('-') && s.len() > 1 => {
                    return Err(format!("không hiểu tùy chọn «{s}»"));
                }
                _ => positional.push(arg),
            }
        }
        let has = |name: &str| flags.iter().any(|(f, _)| f == name);
        let value =
            |names: &[&str]| flags.iter().find(|(f, _)| names.contains(&f.as_str())).and_then(|(_, v)| v.clone());
        let actor = value(&["--by"]).map(|v| v.to_string_lossy().into_owned()).unwrap_or_else(default_actor);
        if has("-h") || has("--help") {
            return Ok(Args { command: Command::Help, actor });
        }
        if has("--version") || has("-V") {
            return Ok(Args { command: Command::Version, actor });
        }
        let mut pos = positional.into_iter();
        let sub = pos.next().map(|s| s.to_string_lossy().into_owned());
        let file = |pos: &mut std::vec::IntoIter<OsString>, cmd: &str| {
            pos.next().map(PathBuf::from).ok_or_else(|| format!("«{cmd}» cần tên tệp phiên họp (FILE)"))
        };
        let allowed = |cmd: &str, ok: &[&str]| -> Result<(), String> {
            match flags.iter().find(|(f, _)| f != "--by" && !ok.contains(&f.as_str())) {
                Some((f, _)) => Err(format!("«{cmd}» không nhận tùy chọn {f}")),
                None => Ok(()),
            }
        };
        let command = match sub.as_deref() {
            None => {
                allowed("ocop-council", &["--demo"])?;
                Command::Gui(if has("--demo") { Launch::Demo } else { Launch::Start })
            }
            Some("demo") => {
                allowed("demo", &[])?;
                Command::Demo
            }
            Some("new") => {
                allowed("new", &["--from", "--ruleset", "--criteria"])?;
                Command::New {
                    file: file(&mut pos, "new")?,
                    from: value(&["--from"]).map(PathBuf::from),
                    ruleset: value(&["--ruleset"]).map(|v| v.to_string_lossy().into_owned()),
                    criteria: value(&["--criteria"]).map(|v| v.to_string_lossy().into_owned()),
                }
            }
            Some("results") => {
                allowed("results", &["--json"])?;
                Command::Results { file: file(&mut pos, "results")?, json: has("--json") }
            }
            Some("export") => {
                allowed("export", &["-o", "--out", "--audit"])?;
                Command::Export {
                    file: file(&mut pos, "export")?,
                    out: value(&["-o", "--out"]).map(PathBuf::from),
                    audit: has("--audit"),
                }
            }
            Some("lock") => {
                allowed("lock", &[])?;
                Command::Lock { file: file(&mut pos, "lock")? }
            }
            Some("reopen") => {
                allowed("reopen", &["--reason"])?;
                let file = file(&mut pos, "reopen")?;
                let reason = value(&["--reason"]).map(|v| v.to_string_lossy().into_owned()).unwrap_or_default();
                if reason.trim().is_empty() {
                    return Err("«reopen» cần --reason \"lý do mở khóa\"".into());
                }
                Command::Reopen { file, reason }
            }
            Some("archive") => {
                allowed("archive", &[])?;
                let file = file(&mut pos, "archive")?;
                let dest = pos.next().map(PathBuf::from).ok_or("«archive» cần thư mục đích (DEST_DIR), ví dụ ổ USB")?;
                Command::Archive { file, dest }
            }
            Some("verify") => {
                allowed("verify", &["--fingerprint"])?;
                Command::Verify {
                    file: file(&mut pos, "verify")?,
                    fingerprint: value(&["--fingerprint"]).map(|v| v.to_string_lossy().into_owned()),
                }
            }
            Some("documents") => {
                allowed("documents", &["--out", "-o", "--only"])?;
                let file = file(&mut pos, "documents")?;
                let out = value(&["--out", "-o"]).map(PathBuf::from).ok_or("«documents» cần --out THƯ_MỤC")?;
                Command::Documents { file, out, only: value(&["--only"]).map(|v| v.to_string_lossy().into_owned()) }
            }
            Some("criteria") => {
                let action = pos.next().map(|s| s.to_string_lossy().into_owned());
                let mut arg = |what: &str| {
                    pos.next()
                        .map(|s| s.to_string_lossy().into_owned())
                        .ok_or(format!("«criteria {what}» cần thêm tham số"))
                };
                match action.as_deref() {
                    Some("list") => {
                        allowed("criteria list", &[])?;
                        Command::CriteriaList
                    }
                    Some("export") => {
                        allowed("criteria export", &["-o", "--out"])?;
                        let id = arg("export ID")?;
                        let out = value(&["-o", "--out"])
                            .map(PathBuf::from)
                            .ok_or("«criteria export» cần -o TỆP.xlsx (hoặc .csv)")?;
                        Command::CriteriaExport { id, out }
                    }
                    Some("import") => {
                        allowed("criteria import", &[])?;
                        Command::CriteriaImport { file: PathBuf::from(arg("import TỆP")?) }
                    }
                    Some("show") => {
                        allowed("criteria show", &["--sheet"])?;
                        let id = arg("show ID")?;
                        let sheet = match value(&["--sheet"]) {
                            None => None,
                            Some(v) => {
                                Some(v.to_string_lossy().parse::<u32>().map_err(|_| "--sheet cần số bộ (1–26)")?)
                            }
                        };
                        Command::CriteriaShow { id, sheet }
                    }
                    _ => return Err("«criteria» cần một việc: list, export, import hoặc show".into()),
                }
            }
            Some("import") => {
                allowed("import", &["--dry-run", "--max-file-mb"])?;
                let max_file_mb = match value(&["--max-file-mb"]) {
                    None => 200,
                    Some(v) => {
                        v.to_string_lossy().parse::<u64>().map_err(|_| "--max-file-mb cần một số MB, ví dụ 200")?
                    }
                };
                let file = file(&mut pos, "import")?;
                let sources: Vec<PathBuf> = pos.by_ref().map(PathBuf::from).collect();
                if sources.is_empty() {
                    return Err("«import» cần ít nhất một tệp danh sách (SOURCE): .csv hoặc .json".into());
                }
                Command::Import { file, sources, dry_run: has("--dry-run"), max_file_mb }
            }
            // `ocop-council FILE`: the window, on that file.
            Some(file) if file.ends_with(".ocop") || std::path::Path::new(file).is_file() => {
                allowed("ocop-council", &[])?;
                Command::Gui(Launch::File(file.into()))
            }
            Some(other) => return Err(format!("không có lệnh «{other}»")),
        };
        if let Some(extra) = pos.next() {
            return Err(format!("thừa tham số «{}»", extra.to_string_lossy()));
        }
        Ok(Args { command, actor })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        Args::parse(args.iter().map(OsString::from).collect()).map(|a| a.command)
    }

    #[test]
    fn parses_each_subcommand() {
        assert_eq!(parse(&[]), Ok(Command::Gui(Launch::Start)));
        assert_eq!(parse(&["--demo"]), Ok(Command::Gui(Launch::Demo)));
        assert_eq!(parse(&["Phiên 1.ocop"]), Ok(Command::Gui(Launch::File("Phiên 1.ocop".into()))));
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
}
