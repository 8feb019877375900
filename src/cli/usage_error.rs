//! What clap finds wrong with a command line, said in one Vietnamese line that names the
//! subcommand and the word at fault (the caller adds the "(xem: ocop-council --help)" hint).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::ffi::OsString;

pub const REOPEN_NEEDS_REASON: &str = "«reopen» cần --reason \"lý do mở khóa\"";
const CRITERIA_NEEDS_ACTION: &str = "«criteria» cần một việc: list, export, import hoặc show";
const REGISTER_NEEDS_ACTION: &str =
    "«register» cần một việc: add, import, list, due, stats, certificates, rerate hoặc revoke";

/// The one line for `error`, found while parsing `raw` against `grammar`.
pub fn describe(error: &clap::Error, grammar: &clap::Command, raw: &[OsString]) -> String {
    let path = subcommand_path(grammar, raw);
    let command = if path.is_empty() { "ocop-council".to_string() } else { path.join(" ") };
    let culprit = culprit(error).unwrap_or_default();
    match error.kind() {
        ErrorKind::UnknownArgument => unknown(grammar, &command, &culprit),
        ErrorKind::MissingRequiredArgument => missing(&command, &culprit),
        ErrorKind::InvalidValue | ErrorKind::NoEquals => format!("{} cần một giá trị", flag(&culprit)),
        ErrorKind::ValueValidation => not_a_number(flag(&culprit)),
        ErrorKind::MissingSubcommand
        | ErrorKind::InvalidSubcommand
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            if command.starts_with("criteria") =>
        {
            CRITERIA_NEEDS_ACTION.into()
        }
        ErrorKind::MissingSubcommand
        | ErrorKind::InvalidSubcommand
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            if command.starts_with("register") =>
        {
            REGISTER_NEEDS_ACTION.into()
        }
        ErrorKind::InvalidSubcommand => format!("không có lệnh «{culprit}»"),
        _ => format!("«{command}»: tham số không hợp lệ ({})", clap_first_line(error)),
    }
}

/// The argument clap names as the cause: the first one when several are missing.
fn culprit(error: &clap::Error) -> Option<String> {
    let context = error.get(ContextKind::InvalidArg).or_else(|| error.get(ContextKind::InvalidSubcommand))?;
    match context {
        ContextValue::String(one) => Some(one.clone()),
        ContextValue::Strings(several) => several.first().cloned(),
        _ => None,
    }
}

/// "--sheet <SHEET>" → "--sheet": clap names an option with its value.
fn flag(rendered: &str) -> &str {
    rendered.split([' ', '=']).next().unwrap_or(rendered)
}

/// An option this subcommand does not take (known elsewhere, or not at all), or one word too many.
fn unknown(grammar: &clap::Command, command: &str, culprit: &str) -> String {
    if !culprit.starts_with('-') || culprit == "-" {
        return format!("thừa tham số «{culprit}»");
    }
    let name = flag(culprit);
    if is_known_anywhere(grammar, name) {
        format!("«{command}» không nhận tùy chọn {name}")
    } else {
        format!("không hiểu tùy chọn «{culprit}»")
    }
}

/// What a subcommand is missing, said as the secretary would look for it.
fn missing(command: &str, culprit: &str) -> String {
    let option = flag(culprit);
    match (command, option) {
        ("reopen", "--reason") => REOPEN_NEEDS_REASON.into(),
        ("documents", "--out") => "«documents» cần --out THƯ_MỤC".into(),
        ("criteria export", "--out") => "«criteria export» cần -o TỆP.xlsx (hoặc .csv)".into(),
        ("archive", "<DEST_DIR>") => "«archive» cần thư mục đích (DEST_DIR), ví dụ ổ USB".into(),
        ("import", _) if culprit.starts_with("<SOURCE>") => {
            "«import» cần ít nhất một tệp danh sách (SOURCE): .csv hoặc .json".into()
        }
        (_, "<FILE>") => format!("«{command}» cần tên tệp phiên họp (FILE)"),
        ("criteria export" | "criteria show", _) => format!("«{command} ID» cần thêm tham số"),
        ("criteria import", _) => "«criteria import TỆP» cần thêm tham số".into(),
        _ => format!("«{command}» cần thêm tham số {culprit}"),
    }
}

fn not_a_number(option: &str) -> String {
    match option {
        "--sheet" => "--sheet cần số bộ (1–26)".into(),
        "--max-file-mb" => "--max-file-mb cần một số MB, ví dụ 200".into(),
        other => format!("{other} cần một số"),
    }
}

/// Clap's own sentence, for the rare mistakes without a Vietnamese line of their own.
fn clap_first_line(error: &clap::Error) -> String {
    let text = error.to_string();
    let line = text.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}

/// Whether some subcommand takes the option `name` ("--json", "-o").
fn is_known_anywhere(command: &clap::Command, name: &str) -> bool {
    command.get_arguments().any(|arg| is_named(arg, name))
        || command.get_subcommands().any(|sub| is_known_anywhere(sub, name))
}

fn is_named(arg: &clap::Arg, name: &str) -> bool {
    match name.strip_prefix("--") {
        Some(long) => arg.get_long() == Some(long),
        None => name.strip_prefix('-').and_then(|s| s.chars().next()).is_some_and(|c| arg.get_short() == Some(c)),
    }
}

/// The subcommands that `raw` selects, e.g. ["criteria", "show"], skipping options and their values.
pub fn subcommand_path(grammar: &clap::Command, raw: &[OsString]) -> Vec<String> {
    let mut path = Vec::new();
    let mut current = grammar;
    let mut words = raw.iter();
    while let Some(word) = words.next() {
        let word = word.to_string_lossy();
        if word.starts_with('-') && word.len() > 1 {
            if !word.contains('=') && takes_value(grammar, current, &word) {
                words.next();
            }
            continue;
        }
        match current.find_subcommand(word.as_ref()) {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                current = sub;
            }
            None => break,
        }
    }
    path
}

/// Whether the option `name`, in `current` or global to the whole `grammar`, takes a value.
fn takes_value(grammar: &clap::Command, current: &clap::Command, name: &str) -> bool {
    let mut candidates = current.get_arguments().chain(grammar.get_arguments().filter(|a| a.is_global_set()));
    candidates.find(|arg| is_named(arg, name)).is_some_and(|arg| arg.get_action().takes_values())
}
