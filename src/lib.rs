//! bnd: a symbolic bound checker for learning-theory bounds.
//!
//! A `.bnd` file states bounds in one asymptotic variable and claims about
//! them; `bnd check` proves, refutes (with a witness) or answers `unknown`
//! (with the question that stopped it) for each claim. The pipeline is
//! parse (`syntax`) -> lower (`lower`) -> simplify (`simplify`, egg) ->
//! decide (`decide` routes each claim to `asymptotic`, `threshold`,
//! `hypothesis` and `exact`; `check` runs a program's items) -> report
//! (`report`); `driver` runs that pipeline over the given files and counts
//! the results, and `plot` draws the `plot` statements of a file as SVG.

mod asymptotic;
#[doc(hidden)]
pub mod bench;
mod cases;
mod check;
mod claim_budget;
mod cli;
mod decide;
mod diagnostic;
mod driver;
mod exact;
#[doc(hidden)]
pub mod harness;
mod hypothesis;
mod ir;
mod latex;
mod limits;
mod lower;
mod optimum;
mod plot;
mod pool;
mod rational;
mod reason;
mod report;
mod show;
mod simplify;
#[cfg(test)]
mod soundness;
mod stack;
mod syntax;
mod threshold;
mod validate;

pub use cli::main as cli_main;
pub use driver::{check_paths, check_paths_styled, check_source};
pub use report::{Format, Style};
