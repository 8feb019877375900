//! One function per command; `execute` only dispatches.

mod criteria;
mod decision;
mod documents;
mod facts;
mod import;
mod lock;
mod register;
mod register_docs;
mod rerate;
mod serve;
mod session;
mod sheets;

use super::args::{Args, Command, Criteria, USAGE};
use super::error::CliError;
use crate::catalog::Catalog;
use std::io::Write;

pub fn execute(args: Args, out: &mut dyn Write) -> Result<(), CliError> {
    let actor = args.actor.as_str();
    match args.command {
        Command::Help => print(out, USAGE),
        Command::Version => print(out, &format!("ocop-council {}\n", env!("CARGO_PKG_VERSION"))),
        Command::Demo => session::demo(out),
        Command::New { file, from, ruleset, criteria } => {
            session::new(&file, from.as_deref(), ruleset.as_deref(), criteria.as_deref(), actor, out)
        }
        Command::Results { file, json } => session::results(&file, json, out),
        Command::Export { file, out: target, audit } => session::export(&file, target.as_deref(), audit, out),
        Command::Lock { file } => lock::lock(&file, actor, out),
        Command::Reopen { file, reason } => lock::reopen(&file, &reason, actor, out),
        Command::Archive { file, dest } => lock::archive(&file, &dest, out),
        Command::Verify { file, fingerprint } => lock::verify(&file, fingerprint.as_deref(), out),
        Command::Serve { file, listen } => serve::serve(&file, listen.as_deref(), actor, out),
        Command::Criteria(Criteria::List) => criteria::list(out),
        Command::Criteria(Criteria::Export { id, out: path }) => criteria::export(&id, &path, out),
        Command::Criteria(Criteria::Import { file }) => criteria::import(&file, out),
        Command::Criteria(Criteria::Show { id, sheet }) => criteria::show(&id, sheet, out),
        Command::Import { file, sources, dry_run, max_file_mb, discard_sheets: _, reason } => import::import(
            &file,
            &sources,
            import::Options { dry_run, max_file_mb, discard_sheets: reason },
            actor,
            out,
        ),
        Command::Documents { file, out: dir, only, draft } => {
            documents::documents(&file, &dir, only.as_deref(), draft, out)
        }
        Command::Edit(edit) => facts::edit(&edit, actor, out),
        Command::Member { file, action, id, name, honorific, position, role, scores } => {
            let fields = facts::MemberFields { name, honorific, position, role, scores };
            facts::member(&file, action, &id, fields, actor, out)
        }
        Command::Attendance { file, id, state, reason } => {
            facts::attendance(&file, &id, state, reason.as_deref(), actor, out)
        }
        Command::Score { file, sheet, choices, comment } => {
            sheets::score(&file, &sheet, &choices, comment.as_deref(), actor, out)
        }
        Command::Submit { file, sheet } => sheets::submit(&file, &sheet, actor, out),
        Command::ReopenSheet { file, sheet, reason } => sheets::reopen(&file, &sheet, &reason, actor, out),
        Command::Decision { file, number, date } => decision::decision(&file, &number, &date, actor, out),
        Command::Register(command) => register::execute(command, actor, out),
    }
}

/// Prints to the command's output; a closed pipe or full disk is an internal fault.
fn print(out: &mut dyn Write, text: &str) -> Result<(), CliError> {
    out.write_all(text.as_bytes()).map_err(|e| CliError::Internal(format!("không ghi được ra màn hình: {e}")))
}

/// The built-in criteria sets and rulesets.
fn builtin_catalog() -> Result<Catalog, CliError> {
    Catalog::builtin().map_err(|e| CliError::Internal(e.to_string()))
}

/// The built-in sets and those installed on this computer, with what could not be read of the latter.
fn full_catalog() -> Result<(Catalog, Vec<crate::catalog::installed::InstalledProblem>), CliError> {
    Catalog::with_installed().map_err(|e| CliError::Internal(e.to_string()))
}
