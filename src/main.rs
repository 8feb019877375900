fn main() {
    std::process::exit(ocop_council::cli::main(std::env::args_os().skip(1).collect()));
}
