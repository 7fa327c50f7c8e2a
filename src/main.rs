//! The `bnd` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    bnd::cli_main()
}
