//! The command line: `bnd check PATH... [--format text|json] [--explain]
//! [--color auto|always|never]`, `bnd show EXPR [--in FILE] [--terms K]
//! [--latex]` and `bnd plot FILE --out DIR`. Exit codes: 0 every claim
//! passed (every plot written), 1 some claim failed or is unknown, 2 some
//! input could not be checked (missing file, syntax or name error, bad
//! command line, an SVG that could not be written).

use crate::driver::check_paths_styled;
use crate::report::{Format, Style};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
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
        /// Print each reason's derivation below it, one step a line.
        #[arg(long)]
        explain: bool,
        /// Colour verdicts and error headings: `auto` only on a terminal.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Simplify an expression and print its asymptotic expansion (or any
    /// `show` form: `EXPR at n = N`, `crossover A <= B`, `... where a = 1`).
    Show {
        /// The expression, e.g. "sqrt(n+1) - sqrt(n)".
        expr: String,
        /// A `.bnd` file whose variable, parameters, `fn`s and definitions
        /// are in scope (its claims are not checked). Without it, other names
        /// are parameters with no constraint.
        #[arg(long = "in", value_name = "FILE")]
        file: Option<String>,
        /// How many terms of the expansion to print before the order of the
        /// rest.
        #[arg(long, default_value_t = 2)]
        terms: usize,
        /// Print the expression and its expansion as LaTeX.
        #[arg(long)]
        latex: bool,
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
enum ColorChoice {
    Auto,
    Always,
    Never,
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
        Cmd::Check {
            paths,
            format,
            explain,
            color,
        } => {
            let format = match format {
                OutFormat::Text => Format::Text,
                OutFormat::Json => Format::Json,
            };
            let color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => std::io::stdout().is_terminal(),
            };
            let style = Style { explain, color };
            if !explain && format == Format::Text {
                // only one-line reasons are printed
                crate::reason::one_line_only();
            }
            let (text, code) = check_paths_styled(&paths, format, style);
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            ExitCode::from(code)
        }
        Cmd::Show {
            expr,
            file,
            terms,
            latex,
        } => {
            let shown = crate::show::show_command(&expr, file.as_deref(), terms, latex);
            let _ = std::io::stdout().lock().write_all(shown.stdout.as_bytes());
            let _ = std::io::stderr().lock().write_all(shown.stderr.as_bytes());
            ExitCode::from(shown.code)
        }
        Cmd::Plot { file, out } => {
            let run = crate::plot::plot_file(&file, &out);
            let _ = std::io::stdout().lock().write_all(run.stdout.as_bytes());
            let _ = std::io::stderr().lock().write_all(run.stderr.as_bytes());
            ExitCode::from(run.code)
        }
    }
}
