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
//! constraints, `where`). Data flows one way: `stmts` drives `expr` and
//! `claims`, which read `scope` and `fold`.

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

use std::collections::BTreeMap;

/// The most nodes one definition or statement may expand to.
pub const MAX_NODES: usize = 100_000;

/// The largest power folded exactly (in bits of the result).
const MAX_FOLD_BITS: u64 = 40_000;

/// A file read, parsed and lowered, with its imports.
#[derive(Debug)]
pub struct Loaded {
    /// The program, built from every statement that lowered cleanly; `None`
    /// only when the file itself could not be read.
    pub program: Option<Program>,
    /// Every error found, in source order (imported files' errors included,
    /// naming their own file).
    pub diagnostics: Vec<Diagnostic>,
    /// Text of every file a diagnostic may point into: (name, text).
    pub sources: Vec<(String, String)>,
}

/// Reads `path` (as given, relative to the working directory) and lowers it.
pub fn load_file(path: &str) -> Loaded {
    match std::fs::read_to_string(path) {
        Ok(text) => load_source(path, &text),
        Err(e) => Loaded {
            program: None,
            diagnostics: vec![Diagnostic {
                file: path.to_string(),
                span: 0..0,
                pos: Default::default(),
                message: format!("cannot read file: {}", io_reason(&e)),
                help: None,
            }],
            sources: vec![],
        },
    }
}

/// Lowers `text`, named `name`; imports are read from disk relative to
/// `name`'s directory.
pub fn load_source(name: &str, text: &str) -> Loaded {
    with_big_stack(|| load_source_here(name, text))
}

/// The stack given to parsing and lowering: the nesting guards bound the
/// recursion to a few hundred levels, which debug builds on a small thread
/// stack (a test harness thread has 2 MiB) may still not fit.
const STACK_BYTES: usize = 64 << 20;

/// Runs `f` with at least `STACK_BYTES` of stack left: on the current
/// stack when that much remains, else on a fresh stack segment of that size,
/// switched to in place (no thread is started). A panic in `f` propagates.
pub fn with_big_stack<T, F: FnOnce() -> T>(f: F) -> T {
    stacker::maybe_grow(STACK_BYTES, STACK_BYTES, f)
}

fn load_source_here(name: &str, text: &str) -> Loaded {
    let mut loader = Loader::default();
    loader.sources.push((name.to_string(), text.to_string()));
    let (module, program) = loader.lower_module(name, text, true);
    let _ = module;
    let order: BTreeMap<String, usize> = loader
        .sources
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (n.clone(), i))
        .collect();
    let mut diagnostics = loader.diagnostics;
    diagnostics.sort_by(|a, b| {
        let ka = (
            order.get(&a.file).copied().unwrap_or(usize::MAX),
            a.span.start,
            a.span.end,
        );
        let kb = (
            order.get(&b.file).copied().unwrap_or(usize::MAX),
            b.span.start,
            b.span.end,
        );
        ka.cmp(&kb).then_with(|| a.message.cmp(&b.message))
    });
    diagnostics.dedup();
    Loaded {
        program,
        diagnostics,
        sources: loader.sources,
    }
}

/// Parses and lowers a single expression (for `bnd show EXPR` on the command
/// line), with the given variable name and parameters. Diagnostics name the
/// file `<expression>` and point into `text`.
#[cfg(test)]
pub fn lower_expr(text: &str, var: &str, params: &ParamBox) -> Result<Expr, Vec<Diagnostic>> {
    with_big_stack(|| lower_expr_here(text, var, params))
}

#[cfg(test)]
fn lower_expr_here(text: &str, var: &str, params: &ParamBox) -> Result<Expr, Vec<Diagnostic>> {
    const NAME: &str = "<expression>";
    let ast = syntax::parse_expression(text)
        .map_err(|e| vec![Diagnostic::at(NAME, text, e.span, e.message, e.help)])?;
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
    let mut cx = Cx::new(&env, var, &later);
    let out = cx.lower(&ast);
    if cx.errors.is_empty() {
        if let Some(l) = out {
            return Ok(l.e);
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
    Err(ds)
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
