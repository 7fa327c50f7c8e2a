//! Lowering: names, arity, definitions and imports, from the spanned AST to
//! the IR (`ir::Program`), collecting every error of a file.
//!
//! `let` definitions are substituted (with arguments: a simultaneous,
//! capture-free substitution of the argument expressions), parameters become
//! `Expr::Param`, `fn` names `Expr::Fn`, the variable `Expr::Var`. `where`
//! assignments are folded into each claim. Imports are read relative to the
//! importing file, joined as strings (never made absolute). Every recursion
//! here follows a tree whose depth the parser bounded, and every expansion is
//! counted against a node budget, so no input can exhaust the stack or the
//! memory.
//!
//! The parts: `imports` (the loader: files, import paths, cycles), `stmts`
//! (the statement loop of one file), `scope` (what a name is bound to),
//! `expr` (expressions and the per-statement context), `fold` (exact
//! constant folding and domain problems), `claims` (claims, shows,
//! constraints, `where`), `ask` (the questions only an engine answers,
//! recorded for the validation step, `crate::validate`, and the answers it
//! gives back). Data flows one way: `stmts` drives `expr` and `claims`,
//! which read `scope` and `fold`. Lowering decides nothing: it names no
//! engine.

pub mod ask;
mod claims;
mod expr;
mod fold;
mod imports;
mod plot;
mod scope;
mod stmts;

#[cfg(test)]
use expr::*;
use imports::*;
#[cfg(test)]
use scope::*;

use crate::diagnostic::Diagnostic;
use crate::ir::Program;
#[cfg(test)]
use crate::ir::{Expr, ParamBox};
#[cfg(test)]
use crate::syntax;
use ask::{Answers, AssumeQuestion, Question};
use expr::Given;
use std::rc::Rc;

use std::collections::BTreeMap;

/// The most nodes one definition or statement may expand to.
pub const MAX_NODES: usize = crate::limits::LIMITS.statement_nodes;

/// The largest power folded exactly (in bits of the result).
const MAX_FOLD_BITS: u64 = crate::limits::LIMITS.lower_fold_bits;

/// A file read, parsed and lowered, with its imports, before the
/// validation step (`crate::validate`) has answered its questions.
#[derive(Debug)]
pub struct Lowered {
    /// The program, built from every statement that lowered cleanly; `None`
    /// only when the file itself could not be read. Its hypotheses are not
    /// prepared yet (no conflicts, no model).
    pub program: Option<Program>,
    /// Every error found, in source order (imported files' errors included,
    /// naming their own file).
    pub diagnostics: Vec<Diagnostic>,
    /// Text of every file a diagnostic may point into: (name, text).
    pub sources: Vec<(String, String)>,
    /// Where each `assume` is written: (file, position) -> span of its claim.
    pub fact_spans: BTreeMap<(String, crate::ir::Pos), std::ops::Range<usize>>,
    /// The questions met that the answers given did not answer, in order,
    /// once each.
    pub questions: Vec<Question>,
    /// The `assume`s whose form the answers given did not answer.
    pub assumes: Vec<AssumeQuestion>,
    /// The imported files as read.
    reads: Reads,
}

/// Reads `path` (as given, relative to the working directory) and lowers it.
pub fn load_file(path: &str) -> Lowered {
    match std::fs::read_to_string(path) {
        Ok(text) => load_source(path, &text),
        Err(e) => Lowered {
            program: None,
            diagnostics: vec![Diagnostic {
                file: path.to_string(),
                span: 0..0,
                pos: Default::default(),
                message: format!("cannot read file: {}", io_reason(&e)),
                help: None,
            }],
            sources: vec![],
            fact_spans: BTreeMap::new(),
            questions: vec![],
            assumes: vec![],
            reads: Reads::new(),
        },
    }
}

/// Lowers `text`, named `name`; imports are read from disk relative to
/// `name`'s directory. No question is answered.
pub fn load_source(name: &str, text: &str) -> Lowered {
    load_source_here(name, text, Rc::default(), Reads::new())
}

/// Lowers the file of `first` again with `answers`, reading its imports as
/// `first` read them.
pub fn lower_again(first: &Lowered, answers: Rc<Answers>) -> Option<Lowered> {
    let (name, text) = first.sources.first()?;
    let reads = first.reads.clone();
    Some(load_source_here(name, text, answers, reads))
}

fn load_source_here(name: &str, text: &str, answers: Rc<Answers>, reads: Reads) -> Lowered {
    let mut loader = Loader {
        given: Given {
            answers,
            binders: Default::default(),
        },
        reads,
        ..Loader::default()
    };
    loader.sources.push((name.to_string(), text.to_string()));
    let (_, program) = loader.lower_module(name, text, true);
    let mut diagnostics = loader.diagnostics;
    sort_diagnostics(&mut diagnostics, &loader.sources);
    Lowered {
        program,
        diagnostics,
        sources: loader.sources,
        fact_spans: loader.fact_spans,
        questions: loader.asked,
        assumes: loader.assumes,
        reads: loader.reads,
    }
}

/// Puts diagnostics in source order (files in the order of `sources`, then
/// by span, then by message) and drops repeated ones.
pub fn sort_diagnostics(diagnostics: &mut Vec<Diagnostic>, sources: &[(String, String)]) {
    let order: BTreeMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.as_str(), i))
        .collect();
    let key = |d: &Diagnostic| {
        (
            order.get(d.file.as_str()).copied().unwrap_or(usize::MAX),
            d.span.start,
            d.span.end,
        )
    };
    diagnostics.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message)));
    diagnostics.dedup();
}

/// Parses and lowers a single expression (for `bnd show EXPR` on the command
/// line), with the given variable name and parameters and no question
/// answered. Diagnostics name the file `<expression>` and point into `text`.
#[cfg(test)]
pub fn lower_expr(text: &str, var: &str, params: &ParamBox) -> Result<Expr, Vec<Diagnostic>> {
    lower_expr_with(text, var, params, Rc::default()).0
}

/// [`lower_expr`] with `answers`; also returns the questions they did not
/// answer.
#[cfg(test)]
pub fn lower_expr_with(
    text: &str,
    var: &str,
    params: &ParamBox,
    answers: Rc<Answers>,
) -> (Result<Expr, Vec<Diagnostic>>, Vec<Question>) {
    lower_expr_here(text, var, params, answers)
}

#[cfg(test)]
fn lower_expr_here(
    text: &str,
    var: &str,
    params: &ParamBox,
    answers: Rc<Answers>,
) -> (Result<Expr, Vec<Diagnostic>>, Vec<Question>) {
    const NAME: &str = "<expression>";
    let ast = match syntax::parse_expression(text) {
        Ok(a) => a,
        Err(e) => {
            let d = Diagnostic::at(NAME, text, e.span, e.message, e.help);
            return (Err(vec![d]), vec![]);
        }
    };
    let mut env: Env = BTreeMap::new();
    for (p, c) in &params.params {
        env.insert(
            p.clone(),
            Def {
                kind: DefKind::Param(c.clone()),
                origin: Origin {
                    file: NAME.to_string(),
                    line: 0,
                },
            },
        );
    }
    let later = BTreeMap::new();
    let given = Given {
        answers,
        binders: Default::default(),
    };
    let mut cx = Cx::new(&env, var, &later, given);
    let out = cx.lower(&ast);
    let asked = std::mem::take(&mut cx.asked);
    if cx.errors.is_empty() {
        if let Some(l) = out {
            return (Ok(l.e), asked);
        }
    }
    let mut ds: Vec<Diagnostic> = cx
        .errors
        .into_iter()
        .map(|(s, m, h)| Diagnostic::at(NAME, text, s, m, h))
        .collect();
    if ds.is_empty() {
        ds.push(Diagnostic::at(
            NAME,
            text,
            0..text.len(),
            "cannot lower the expression",
            None,
        ));
    }
    (Err(ds), asked)
}

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::InvalidData => "not valid UTF-8".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        // Other OS messages differ between systems; keep reports portable.
        _ => "the operating system refused to read it".to_string(),
    }
}

/// Placeholders never escape lowering (checked by the tests).
#[cfg(test)]
fn has_placeholder(e: &Expr) -> bool {
    e.params().iter().any(|p| p.starts_with('\u{0}'))
}

#[cfg(test)]
mod tests;
