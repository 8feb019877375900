//! The headless command line (design §7). Exit 0 on success, 2 on bad input or a refused action
//! (one line on stderr naming the file, row or field), 1 on an internal fault. A refused or failed
//! command changes nothing in the session file.
//!
//! `parse` says whether the line asks for the window or a command; the program's `main` opens the
//! window itself, so this module knows nothing of screens.

mod args;
mod commands;
mod error;
mod register_args;
mod table;
mod usage_error;

use std::ffi::OsString;

pub use args::{Args, Command, Criteria, Invocation, USAGE, Window, default_actor};
pub use error::CliError;

/// Reads the arguments after the program name.
pub fn parse(raw: Vec<OsString>) -> Result<Invocation, CliError> {
    args::parse(raw).map_err(CliError::Usage)
}

/// Runs a command, printing to `out`.
pub fn execute(args: Args, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    commands::execute(args, out)
}

/// The process exit code for how a command ended; a failure is said in one line on stderr.
pub fn exit_code(result: Result<(), CliError>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("ocop-council: {e}");
            e.exit_code()
        }
    }
}
