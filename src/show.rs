//! The `bnd show EXPR` command: an expression simplified and expanded (its
//! first terms and the order of the rest), or any other `show` form (`EXPR at
//! n = N`, `crossover A <= B`, `... where ...`), on the command line.
//!
//! With `--in FILE` the expression is read as a `show` statement appended to
//! that file, so the file's variable, parameters, `fn`s, hypotheses and
//! definitions are in scope (its claims are not checked). Without it, every
//! name that is not the variable `n` or a built-in is a parameter with no
//! constraint, and the output says so. Errors in the expression point into
//! the expression itself. `--latex` prints the expression and its expansion
//! as LaTeX.

use crate::check::{check_program, ItemResult};
use crate::diagnostic::{render, Diagnostic};
use crate::ir::{Item, Program, ShowKind};
use crate::syntax::ast::{ClaimKindAst, Expr as Ast, ExprKind, ShowAst, StmtKind};
use std::collections::BTreeSet;

/// The name errors in the expression are reported under.
const EXPRESSION: &str = "<expression>";

/// What `bnd show` prints: (stdout, stderr, exit code).
pub struct Shown {
    pub stdout: String,
    pub stderr: String,
    pub code: u8,
}

/// Names of `e` that are neither the variable nor built-in.
fn free_names(e: &Ast, var: &str, out: &mut BTreeSet<String>) {
    crate::stack::guard!(free_names(e, var, out));
    match &e.kind {
        ExprKind::Name(n) => {
            if n != var && !crate::syntax::is_reserved(n) && !n.contains('.') {
                out.insert(n.clone());
            }
        }
        ExprKind::Num(_) | ExprKind::Pi => {}
        ExprKind::Neg(a) => free_names(a, var, out),
        ExprKind::Bin(_, a, b) => {
            free_names(a, var, out);
            free_names(b, var, out);
        }
        ExprKind::Call(_, args) => args.iter().for_each(|a| free_names(a, var, out)),
        ExprKind::Extremum { var: x, body, .. } => {
            let mut inner = BTreeSet::new();
            free_names(body, var, &mut inner);
            inner.remove(&x.name);
            out.extend(inner);
        }
        ExprKind::Least {
            var: x,
            from,
            lhs,
            rhs,
            ..
        } => {
            free_names(from, var, out);
            let mut inner = BTreeSet::new();
            free_names(lhs, var, &mut inner);
            free_names(rhs, var, &mut inner);
            inner.remove(&x.name);
            out.extend(inner);
        }
    }
}

/// The free names of a `show` statement's text (`show ...`), when it parses.
fn free_names_of_statement(statement: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let (stmts, _) = crate::syntax::parse_file(statement);
    for s in stmts {
        if let StmtKind::Show { show, wheres, .. } = s.kind {
            match &show {
                ShowAst::Expr(e) => free_names(e, "n", &mut out),
                ShowAst::Value { expr, at, .. } => {
                    free_names(expr, "n", &mut out);
                    free_names(at, "n", &mut out);
                }
                ShowAst::Crossover { lhs, rhs, .. } => {
                    free_names(lhs, "n", &mut out);
                    free_names(rhs, "n", &mut out);
                }
                ShowAst::When(c) => match &c.kind {
                    ClaimKindAst::Landau { lhs, rhs, .. }
                    | ClaimKindAst::Similar { lhs, rhs }
                    | ClaimKindAst::Compare { lhs, rhs, .. } => {
                        free_names(lhs, "n", &mut out);
                        free_names(rhs, "n", &mut out);
                    }
                    ClaimKindAst::Limit { expr, .. } => free_names(expr, "n", &mut out),
                },
            }
            for w in &wheres {
                if !crate::syntax::is_reserved(&w.name.name) && !w.name.name.contains('.') {
                    out.insert(w.name.name.clone());
                }
                free_names(&w.value, "n", &mut out);
            }
        }
    }
    out
}

/// Runs `bnd show`. `terms` is how many terms of the expansion to print.
pub fn show_command(expr: &str, file: Option<&str>, terms: usize, latex: bool) -> Shown {
    let mut stderr = String::new();
    let mut notes = Vec::new();
    // The source the show statement is appended to, and its name.
    let (name, prefix) = match file {
        Some(f) => match std::fs::read_to_string(f) {
            Ok(mut t) => {
                if !t.is_empty() && !t.ends_with('\n') {
                    t.push('\n');
                }
                (f.to_string(), t)
            }
            Err(e) => {
                return Shown {
                    stdout: String::new(),
                    stderr: format!(
                        "error: cannot read `{f}`: {}\n",
                        crate::lower::io_reason(&e)
                    ),
                    code: 2,
                };
            }
        },
        None => {
            let free = free_names_of_statement(&format!("show {expr}\n"));
            if free.is_empty() {
                (EXPRESSION.to_string(), String::new())
            } else {
                let list: Vec<String> = free.iter().cloned().collect();
                let quoted: Vec<String> = list.iter().map(|n| format!("`{n}`")).collect();
                notes.push(format!(
                    "{} {} a parameter with no constraint (give `--in FILE` to use a file's declarations)",
                    quoted.join(", "),
                    if list.len() == 1 { "is" } else { "are" }
                ));
                (
                    EXPRESSION.to_string(),
                    format!("param {}\n", list.join(", ")),
                )
            }
        }
    };
    // One line: the statement splitter starts a statement at a keyword at
    // the start of a line, so a newline in the expression would end it.
    let one_line = expr.replace(['\n', '\r'], " ");
    let source = format!("{prefix}show {one_line}\n");
    let base = prefix.len() + "show ".len();
    let loaded = crate::validate::load_source(&name, &source);
    let mut code = 0;
    for d in &loaded.diagnostics {
        code = 2;
        if d.file == name && d.span.start >= prefix.len() {
            // in the expression: point into it
            let start = d.span.start.saturating_sub(base).min(one_line.len());
            let end = d.span.end.saturating_sub(base).clamp(start, one_line.len());
            let here = Diagnostic::at(
                EXPRESSION,
                &one_line,
                start..end,
                d.message.clone(),
                d.help.clone(),
            );
            stderr.push_str(&render(&here, &one_line));
        } else {
            let text = loaded
                .sources
                .iter()
                .find(|(n, _)| *n == d.file)
                .map(|(_, t)| t.as_str())
                .unwrap_or("");
            stderr.push_str(&render(d, text));
        }
    }
    let shown = loaded.program.as_ref().and_then(|p| {
        let last = p.items.last()?;
        match last {
            Item::Show(s) if s.pos.line == crate::diagnostic::pos_of(&source, base).line => {
                Some((p, s.clone()))
            }
            _ => None,
        }
    });
    let Some((p, s)) = shown else {
        if code == 0 {
            stderr.push_str("error: cannot read the expression\n");
        }
        return Shown {
            stdout: String::new(),
            stderr,
            code: 2,
        };
    };
    let mut stdout = match &s.kind {
        ShowKind::Expr(e) if !e.has_fn() => {
            let simple = crate::simplify::display(e, &s.params);
            let text = simple.display(&p.var).to_string();
            let expansion = crate::asymptotic::describe_terms(&simple, &s.params, &p.var, terms);
            if latex {
                let tex = |t: &str| crate::latex::latex_of_text(t);
                match (tex(&text), tex(&expansion)) {
                    (Some(a), Some(b)) => format!("{a} = {b}\n"),
                    (Some(a), None) => format!("{a}\n% {expansion}\n"),
                    _ => format!("% {text} = {expansion}\n"),
                }
            } else {
                format!("{text} = {expansion}\n")
            }
        }
        _ => {
            let program = Program {
                var: p.var.clone(),
                params: p.params.clone(),
                items: vec![Item::Show(s.clone())],
                plots: Vec::new(),
                hypotheses: p.hypotheses.clone(),
            };
            let results = check_program(&program);
            match results.into_iter().next() {
                Some(ItemResult::Show(r)) => format!("{}\n", r.result),
                _ => String::new(),
            }
        }
    };
    let note_prefix = if latex { "% note: " } else { "note: " };
    for n in notes {
        stdout.push_str(&format!("{note_prefix}{n}\n"));
    }
    Shown {
        stdout,
        stderr,
        code,
    }
}
