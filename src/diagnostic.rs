//! Diagnostics as data: a file name, a byte span, a message and an optional
//! help line, kept apart from their rendering (`render`), which prints
//! `file:line:column: error: message`, the source line and a caret, with no
//! colour so that reports can be snapshot-tested.
//!
//! STUB: the `syntax` branch completes rendering.

use crate::ir::Pos;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file's name as given on the command line (or joined from imports).
    pub file: String,
    /// Byte range in that file's text.
    pub span: Range<usize>,
    /// 1-based line and column of `span.start` (columns count characters).
    pub pos: Pos,
    /// What went wrong, in words: `expected an expression, found \`)\``.
    pub message: String,
    /// A suggestion, when one is likely: `did you mean \`delta\`?`.
    pub help: Option<String>,
}

/// Renders `d` against `source` (the text of `d.file`):
///
/// ```text
/// error: unknown name `dleta`
///   --> theorems/x.bnd:3:7
///    |
///  3 | let a = dleta
///    |         ^^^^^ unknown name
///    = help: did you mean `delta`?
/// ```
pub fn render(d: &Diagnostic, source: &str) -> String {
    let _ = source;
    format!(
        "{}:{}:{}: error: {}\n",
        d.file, d.pos.line, d.pos.column, d.message
    )
}
