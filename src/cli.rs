//! The command line: `bnd check PATH... [--format text|json]`,
//! `bnd show EXPR` and `bnd plot FILE --out DIR`. Exit codes: 0 every claim
//! passed (every plot written), 1 some claim failed or is unknown, 2 some
//! input could not be checked (missing file, syntax or name error, bad
//! command line, an SVG that could not be written).

use crate::report::{check_paths, Format};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "bnd",
    version,
    about = "A symbolic bound checker for learning-theory bounds"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Check every claim of the given `.bnd` files and folders.
    Check {
        /// Files, or folders searched for `*.bnd` files (sorted).
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutFormat::Text)]
        format: OutFormat,
    },
    /// Simplify an expression in `n` and print its asymptotic expansion.
    Show {
        /// The expression, e.g. "sqrt(n+1) - sqrt(n)".
        expr: String,
    },
    /// Draw each `plot` statement of a file as an SVG in a folder.
    Plot {
        /// The `.bnd` file.
        file: String,
        /// The folder to write `<file-stem>-<line>.svg` into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Text,
    Json,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Cmd::Check { paths, format } => {
            let format = match format {
                OutFormat::Text => Format::Text,
                OutFormat::Json => Format::Json,
            };
            let (text, code) = check_paths(&paths, format);
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            ExitCode::from(code)
        }
        Cmd::Show { expr } => {
            let params = crate::ir::ParamBox::default();
            match crate::lower::lower_expr(&expr, "n", &params) {
                Ok(e) => {
                    println!("{}", crate::check::show_expr(&e, &params, "n"));
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    for d in &diags {
                        eprint!("{}", crate::diagnostic::render(d, &expr));
                    }
                    if diags.is_empty() {
                        eprintln!("error: cannot parse the expression");
                    }
                    ExitCode::from(2)
                }
            }
        }
        Cmd::Plot { file, out } => {
            let run = crate::plot::plot_file(&file, &out);
            let _ = std::io::stdout().lock().write_all(run.stdout.as_bytes());
            let _ = std::io::stderr().lock().write_all(run.stderr.as_bytes());
            ExitCode::from(run.code)
        }
    }
}
