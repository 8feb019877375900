// On Windows the program is a GUI application: no console window flashes up when a secretary
// double-clicks it. Commands run from a terminal re-attach to that terminal (`attach_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

//! The program chooses between the window and the command line: `cli` reads the arguments and
//! runs commands, `ui` is the window; neither knows the other.

use ocop_council::{cli, ui};

fn main() {
    let code = match cli::parse(std::env::args_os().skip(1).collect()) {
        Ok(cli::Invocation::Window(window)) => open_window(window),
        Ok(cli::Invocation::Command(args)) => {
            attach_console();
            cli::exit_code(cli::execute(args, &mut std::io::stdout().lock()))
        }
        Err(usage) => {
            attach_console();
            cli::exit_code(Err(usage))
        }
    };
    std::process::exit(code);
}

fn open_window(window: cli::Window) -> i32 {
    let launch = match window {
        cli::Window::Start => ui::Launch::Start,
        cli::Window::File(path) => ui::Launch::File(path),
        cli::Window::Demo => ui::Launch::Demo,
    };
    cli::exit_code(ui::run(launch).map_err(|e| {
        cli::CliError::Internal(format!(
            "không mở được cửa sổ ({e}); trên máy không có màn hình, hãy dùng các lệnh (ocop-council --help)"
        ))
    }))
}

/// A Windows GUI-subsystem program has no console: when run from a terminal for a command, print
/// into that terminal. Elsewhere, and when started by a double-click, this does nothing.
#[cfg(windows)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and has no memory-safety preconditions.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}
