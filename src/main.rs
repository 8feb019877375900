// On Windows the program is a GUI application: no console window flashes up when a secretary
// double-clicks it. Commands run from a terminal re-attach to that terminal (cli::attach_console).
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() {
    std::process::exit(ocop_council::cli::main(std::env::args_os().skip(1).collect()));
}
