//! The loader: reading files, resolving import paths as strings, the
//! import stack that finds cycles, and the lowered modules by path.

use super::scope::*;
use super::*;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::syntax::ast::Span;

use super::ask::{AssumeQuestion, Question};
use super::expr::Given;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

#[derive(Default)]
pub(super) struct Loader {
    pub(super) modules: BTreeMap<String, Rc<Module>>,
    pub(super) sources: Vec<(String, String)>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Files being loaded, outermost first, with the place that imported each.
    pub(super) stack: Vec<(String, Option<String>)>,
    /// Nodes built so far over every file (bounded by `MAX_TOTAL_NODES`).
    pub(super) total_nodes: usize,
    /// Where each `assume` is written: (file, position) -> span of its claim.
    pub(super) fact_spans: BTreeMap<(String, crate::ir::Pos), Span>,
    /// The answers of the validation step (see `ask`) and the binders
    /// numbered so far.
    pub(super) given: Given,
    /// The questions met that `answers` does not answer, in order, once each.
    pub(super) asked: Vec<Question>,
    pub(super) asked_set: HashSet<Question>,
    /// The `assume`s whose form `answers` does not answer, in order.
    pub(super) assumes: Vec<AssumeQuestion>,
    /// The line index of each file, built once (see `lines`).
    pub(super) line_indexes: BTreeMap<String, Rc<LineIndex>>,
    /// Every imported file read: its text, or why it could not be read; a
    /// second lowering of the same file reads what the first one did.
    pub(super) reads: Reads,
}

/// Imported files as read: path -> text, or why it could not be read.
pub type Reads = BTreeMap<String, Result<String, String>>;

/// The most nodes all statements of a run may expand to together.
pub const MAX_TOTAL_NODES: usize = crate::limits::LIMITS.total_nodes;

/// Joins an import path to the importing file's directory, as strings,
/// resolving `.` and `..` lexically (never touching the file system).
pub fn join_import(importer: &str, path: &str) -> String {
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        match importer.rfind('/') {
            Some(i) => format!("{}/{}", &importer[..i], path),
            None => path.to_string(),
        }
    };
    let absolute = joined.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !absolute {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    if absolute {
        format!("/{body}")
    } else {
        body
    }
}

/// Whitespace collapsed to single spaces, comments removed.
pub(super) fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let code = match line.find('#') {
            Some(i) => &line[..i],
            None => line,
        };
        for w in code.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

impl Loader {
    pub(super) fn error(
        &mut self,
        file: &str,
        text: &str,
        span: Span,
        msg: impl Into<String>,
        help: Option<String>,
    ) {
        let lines = self.lines(file, text);
        self.diagnostics
            .push(Diagnostic::at_indexed(file, text, &lines, span, msg, help));
    }

    /// What a statement's lowering context shares with the others.
    pub(super) fn given(&self) -> Given {
        self.given.clone()
    }

    /// The line index of `file`, whose text is `text`.
    pub(super) fn lines(&mut self, file: &str, text: &str) -> Rc<LineIndex> {
        self.line_indexes
            .entry(file.to_string())
            .or_insert_with(|| Rc::new(LineIndex::new(text)))
            .clone()
    }

    /// Loads an imported file (cached), or reports why it cannot.
    pub(super) fn import(
        &mut self,
        importer: &str,
        text: &str,
        path: &str,
        span: Span,
    ) -> Option<Rc<Module>> {
        let joined = join_import(importer, path);
        let line = self.lines(importer, text).pos(text, span.start).line;
        if let Some(i) = self.stack.iter().position(|(f, _)| *f == joined) {
            let mut chain: Vec<String> = self.stack[i..]
                .iter()
                .map(|(f, _)| format!("`{f}`"))
                .collect();
            chain.push(format!("`{joined}`"));
            let first = self.stack.get(i + 1).and_then(|(_, w)| w.clone());
            let help = match first {
                Some(w) => format!("`{joined}` imports the next file at {w}; this import at {importer}:{line} closes the cycle"),
                None => format!("this import at {importer}:{line} imports the file itself"),
            };
            self.error(
                importer,
                text,
                span,
                format!("import cycle: {}", chain.join(" imports ")),
                Some(help),
            );
            return None;
        }
        if let Some(m) = self.modules.get(&joined) {
            return Some(m.clone());
        }
        let read = match self.reads.get(&joined) {
            Some(r) => r.clone(),
            None => {
                let r = std::fs::read_to_string(&joined).map_err(|e| io_reason(&e));
                self.reads.insert(joined.clone(), r.clone());
                r
            }
        };
        let src = match read {
            Ok(s) => s,
            Err(why) => {
                self.error(
                    importer,
                    text,
                    span,
                    format!("cannot read `{joined}`: {why}"),
                    None,
                );
                return None;
            }
        };
        if !self.sources.iter().any(|(n, _)| *n == joined) {
            self.sources.push((joined.clone(), src.clone()));
        }
        self.stack
            .push((joined.clone(), Some(format!("{importer}:{line}"))));
        let (module, _) = self.lower_module(&joined, &src, false);
        self.stack.pop();
        let m = Rc::new(module);
        self.modules.insert(joined, m.clone());
        Some(m)
    }
}
