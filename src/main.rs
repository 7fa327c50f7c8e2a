//! The `bnd` binary: everything lives in the library.
//!
//! The allocator is mimalloc: the engines build and drop many small values
//! (expressions, expansions, big rationals), and the system allocator's
//! `malloc`/`free` were about a fifth of all instructions of a run.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    bnd::cli_main()
}
