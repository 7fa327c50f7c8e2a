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

use crate::diagnostic::Diagnostic;
use crate::ir::{
    Claim, ClaimKind, Cmp, Constraint, Endpoint, Expr, Func, Hypotheses, Hypothesis, Item,
    LimitTarget, ParamBox, Program, Range as IrRange, Rejected, Show, ShowKind, Q,
};
use crate::syntax::ast::{
    Assign, BinOp, Bound, ClaimAst, ClaimKindAst, ConstraintAst, Expr as Ast, ExprKind, Ident,
    RangeAst, ShowAst, Span, Stmt, StmtKind,
};
use crate::syntax::{self, closest, is_builtin, is_reserved, MAX_DEPTH};

use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

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

/// Runs `f` on a thread with a `STACK_BYTES` stack (or here, if no thread
/// can be started).
pub fn with_big_stack<T: Send, F: FnOnce() -> T + Send>(f: F) -> T {
    let cell = std::sync::Mutex::new(Some(f));
    let take = || {
        cell.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    };
    let on_thread = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("bnd-lower".to_string())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || take().map(|f| f()));
        match spawned {
            Ok(handle) => match handle.join() {
                Ok(v) => v,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        }
    });
    match on_thread {
        Some(v) => v,
        // No thread could be started: run here (the closure is still unused).
        None => match take() {
            Some(f) => f(),
            None => unreachable!("the closure ran on the thread but returned nothing"),
        },
    }
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
pub fn lower_expr(text: &str, var: &str, params: &ParamBox) -> Result<Expr, Vec<Diagnostic>> {
    with_big_stack(|| lower_expr_here(text, var, params))
}

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

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::InvalidData => "not valid UTF-8".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        // Other OS messages differ between systems; keep reports portable.
        _ => "the operating system refused to read it".to_string(),
    }
}

// ---------------------------------------------------------------------------
// Scopes
// ---------------------------------------------------------------------------

/// Where a name was defined: file and 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Origin {
    file: String,
    line: usize,
}

impl Origin {
    fn describe(&self, here: &str) -> String {
        if self.file == here {
            format!("line {}", self.line)
        } else {
            format!("{}:{}", self.file, self.line)
        }
    }
}

#[derive(Clone, Debug)]
enum DefKind {
    Param(Constraint),
    Fn,
    /// A definition; its formal arguments appear in `body` as the
    /// placeholders `placeholder(i)`.
    Let {
        arity: usize,
        body: Expr,
        depth: usize,
        size: usize,
        val: Option<Q>,
    },
    /// A declaration or definition that was rejected (an error was
    /// reported at it: a syntax or name error in its body, an empty
    /// constraint, a second definition of the name). A statement that uses
    /// it is not dropped: a claim becomes `unknown` with `why`, a definition
    /// using it is rejected in turn.
    Broken {
        arity: usize,
        why: String,
    },
}

#[derive(Clone, Debug)]
struct Def {
    kind: DefKind,
    origin: Origin,
}

type Env = BTreeMap<String, Def>;

/// A lowered file's exports.
#[derive(Debug)]
struct Module {
    /// The variable, when the file declares one.
    var: Option<String>,
    env: Env,
    /// Its `assume`s, its imports' first.
    facts: Vec<Hypothesis>,
    /// Its rejected `assume`s (errors), its imports' first.
    rejected: Vec<Rejected>,
}

fn placeholder(i: usize) -> String {
    format!("\u{0}{i}")
}

// ---------------------------------------------------------------------------
// The loader: files, imports, statements
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Loader {
    modules: BTreeMap<String, Rc<Module>>,
    sources: Vec<(String, String)>,
    diagnostics: Vec<Diagnostic>,
    /// Files being loaded, outermost first, with the place that imported each.
    stack: Vec<(String, Option<String>)>,
    /// Nodes built so far over every file (bounded by `MAX_TOTAL_NODES`).
    total_nodes: usize,
    /// Where each `assume` is written: (file, position) -> span of its claim.
    fact_spans: BTreeMap<(String, crate::ir::Pos), Span>,
}

/// The most nodes all statements of a run may expand to together.
pub const MAX_TOTAL_NODES: usize = 2_000_000;

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
fn collapse(text: &str) -> String {
    let mut out = String::new();
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
    fn error(
        &mut self,
        file: &str,
        text: &str,
        span: Span,
        msg: impl Into<String>,
        help: Option<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::at(file, text, span, msg, help));
    }

    /// Loads an imported file (cached), or reports why it cannot.
    fn import(&mut self, importer: &str, text: &str, path: &str, span: Span) -> Option<Rc<Module>> {
        let joined = join_import(importer, path);
        let line = crate::diagnostic::pos_of(text, span.start).line;
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
        let src = match std::fs::read_to_string(&joined) {
            Ok(s) => s,
            Err(e) => {
                self.error(
                    importer,
                    text,
                    span,
                    format!("cannot read `{joined}`: {}", io_reason(&e)),
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

    /// Lowers one file: its exported names and (for the main file) its program.
    fn lower_module(&mut self, name: &str, text: &str, main: bool) -> (Module, Option<Program>) {
        if main {
            self.stack.push((join_import("", name), None));
        }
        let (stmts, syntax_errors) = syntax::parse_file(text);
        for e in syntax_errors {
            self.error(name, text, e.span, e.message, e.help);
        }
        let line_of = |off: usize| crate::diagnostic::pos_of(text, off).line;

        // The variable: this file's `var`, else one declared by an import.
        let mut own_var: Option<(String, usize)> = None;
        for s in &stmts {
            if let StmtKind::Var(id) = &s.kind {
                if is_reserved(&id.name) {
                    self.error(
                        name,
                        text,
                        id.span.clone(),
                        format!("`{}` is a reserved word and cannot be a name", id.name),
                        None,
                    );
                    continue;
                }
                match &own_var {
                    None => own_var = Some((id.name.clone(), line_of(s.span.start))),
                    Some((_, l)) => {
                        let l = *l;
                        self.error(
                            name,
                            text,
                            s.span.clone(),
                            "`var` declared twice: a file has one asymptotic variable",
                            Some(format!("the variable was declared at line {l}")),
                        )
                    }
                }
            }
        }
        // Load every import first (their variables may set ours).
        let mut imported: BTreeMap<usize, Rc<Module>> = BTreeMap::new();
        for (i, s) in stmts.iter().enumerate() {
            if let StmtKind::Import { path, path_span } = &s.kind {
                if let Some(m) = self.import(name, text, path, path_span.clone()) {
                    imported.insert(i, m);
                }
            }
        }
        let mut var = own_var.as_ref().map(|(v, _)| v.clone());
        for (i, m) in &imported {
            if let (Some(theirs), Some(ours)) = (&m.var, &var) {
                if theirs != ours {
                    if let Some(StmtKind::Import { path_span, path }) =
                        stmts.get(*i).map(|s| &s.kind)
                    {
                        self.error(
                            name,
                            text,
                            path_span.clone(),
                            format!("`{path}` uses the variable `{theirs}`, this file `{ours}`"),
                            Some("declare the same `var` in both files".to_string()),
                        );
                    }
                }
            } else if var.is_none() {
                var = m.var.clone();
            }
        }
        let explicit_var = var.clone();
        let var = var.unwrap_or_else(|| "n".to_string());

        // Where each name of this file is first defined (for "used before").
        let mut later: BTreeMap<String, usize> = BTreeMap::new();
        for s in &stmts {
            for id in defined_names(s) {
                later
                    .entry(id.name.clone())
                    .or_insert_with(|| line_of(id.span.start));
            }
        }

        let mut env: Env = BTreeMap::new();
        let mut items: Vec<Item> = Vec::new();
        let mut facts: Vec<Hypothesis> = Vec::new();
        let mut rejected: Vec<Rejected> = Vec::new();
        let mut plots: Vec<crate::ir::Plot> = Vec::new();
        for (i, s) in stmts.iter().enumerate() {
            if self.total_nodes > MAX_TOTAL_NODES {
                self.error(
                    name,
                    text,
                    s.span.start..s.span.start,
                    format!("the statements expand to more than {MAX_TOTAL_NODES} nodes in total: the rest of the file is not checked"),
                    None,
                );
                break;
            }
            let origin_of = |sp: &Span| Origin {
                file: name.to_string(),
                line: line_of(sp.start),
            };
            match &s.kind {
                StmtKind::Var(_) => {}
                StmtKind::Import { path_span, .. } => {
                    if let Some(m) = imported.get(&i) {
                        for f in &m.facts {
                            if !facts.iter().any(|g| g.file == f.file && g.pos == f.pos) {
                                facts.push(f.clone());
                            }
                        }
                        for r in &m.rejected {
                            if !rejected.contains(r) {
                                rejected.push(r.clone());
                            }
                        }
                        for (n, d) in &m.env {
                            match env.get(n) {
                                Some(old) if old.origin != d.origin => {
                                    let msg = format!(
                                        "`{n}` is defined twice: at {} and at {}",
                                        old.origin.describe(name),
                                        d.origin.describe(name)
                                    );
                                    self.error(
                                        name,
                                        text,
                                        path_span.clone(),
                                        msg.clone(),
                                        Some(format!(
                                            "first defined at {}",
                                            old.origin.describe(name)
                                        )),
                                    );
                                    let old = old.clone();
                                    env.insert(
                                        n.clone(),
                                        Def {
                                            kind: DefKind::Broken {
                                                arity: arity_of(&old.kind),
                                                why: msg,
                                            },
                                            origin: old.origin,
                                        },
                                    );
                                }
                                Some(_) => {}
                                None => {
                                    if *n == var {
                                        self.error(name, text, path_span.clone(), format!("the import defines `{n}`, which is this file's variable"), None);
                                    } else {
                                        env.insert(n.clone(), d.clone());
                                    }
                                }
                            }
                        }
                    }
                }
                StmtKind::Param { names, constraint } => {
                    let c = match constraint {
                        Some(c) => {
                            let mut cx = Cx::new(&env, &var, &later);
                            let r = cx.constraint(c);
                            self.flush(name, text, cx);
                            r
                        }
                        None => Some(Constraint::any()),
                    };
                    for id in names {
                        if self.check_new_name(name, text, &env, &var, id) {
                            // A rejected constraint rejects the parameter: no
                            // claim is decided for values it never admitted.
                            let kind = match &c {
                                Some(c) => DefKind::Param(c.clone()),
                                None => DefKind::Broken {
                                    arity: 0,
                                    why: format!(
                                        "param {} (line {}) has a rejected constraint",
                                        id.name,
                                        line_of(id.span.start)
                                    ),
                                },
                            };
                            env.insert(
                                id.name.clone(),
                                Def {
                                    kind,
                                    origin: origin_of(&id.span),
                                },
                            );
                        } else {
                            reject_redefined(&mut env, id, line_of(id.span.start), 0);
                        }
                    }
                }
                StmtKind::Fn(names) => {
                    for id in names {
                        if self.check_new_name(name, text, &env, &var, id) {
                            env.insert(
                                id.name.clone(),
                                Def {
                                    kind: DefKind::Fn,
                                    origin: origin_of(&id.span),
                                },
                            );
                        } else {
                            reject_redefined(&mut env, id, line_of(id.span.start), 0);
                        }
                    }
                }
                StmtKind::Let {
                    name: id,
                    formals,
                    body,
                } => {
                    let fresh = self.check_new_name(name, text, &env, &var, id);
                    let mut cx = Cx::new(&env, &var, &later);
                    cx.current_let = Some(id.name.clone());
                    let mut ok_formals = true;
                    let mut seen: BTreeSet<&str> = BTreeSet::new();
                    for f in formals {
                        if is_reserved(&f.name) {
                            cx.err(
                                f.span.clone(),
                                format!("`{}` is a reserved word and cannot be a name", f.name),
                                None,
                            );
                            ok_formals = false;
                        } else if !seen.insert(&f.name) {
                            cx.err(
                                f.span.clone(),
                                format!("argument `{}` appears twice", f.name),
                                None,
                            );
                            ok_formals = false;
                        }
                    }
                    cx.formals = formals.iter().map(|f| f.name.clone()).collect();
                    cx.what = "definition";
                    let lowered = cx.lower(body);
                    let had_errors = !cx.errors.is_empty();
                    let uses_rejected = cx.rejected.first().cloned();
                    self.flush(name, text, cx);
                    if !fresh {
                        reject_redefined(&mut env, id, line_of(id.span.start), formals.len());
                    }
                    if fresh {
                        let kind = match lowered {
                            Some(l) if ok_formals && !had_errors => {
                                let size = l.e.size();
                                DefKind::Let {
                                    arity: formals.len(),
                                    body: l.e,
                                    depth: l.depth,
                                    size,
                                    val: l.val,
                                }
                            }
                            _ => DefKind::Broken {
                                arity: formals.len(),
                                why: match uses_rejected {
                                    Some(why) if !had_errors && ok_formals => why,
                                    _ => format!(
                                        "the definition of `{}` (line {}) has an error",
                                        id.name,
                                        line_of(id.span.start)
                                    ),
                                },
                            },
                        };
                        env.insert(
                            id.name.clone(),
                            Def {
                                kind,
                                origin: origin_of(&id.span),
                            },
                        );
                    }
                }
                StmtKind::Assume(claim) => {
                    let mut cx = Cx::new(&env, &var, &later);
                    let kind = cx.claim(claim);
                    let failed = !cx.errors.is_empty();
                    let uses_rejected = cx.rejected.first().cloned();
                    self.flush(name, text, cx);
                    // A hypothesis that is not understood is never dropped:
                    // it is recorded, and claims about `fn`s become unknown.
                    let pos = crate::diagnostic::pos_of(text, claim.span.start);
                    let mut reject = |why: String| {
                        rejected.push(Rejected {
                            file: name.to_string(),
                            pos,
                            text: collapse(text.get(claim.span.clone()).unwrap_or("")),
                            why,
                        })
                    };
                    if failed {
                        reject("it has an error".into());
                    } else if let Some(why) = uses_rejected.filter(|_| kind.is_none()) {
                        reject(format!("it uses a rejected declaration: {why}"));
                    }
                    if let (Some(kind), false) = (kind, failed) {
                        match crate::hypothesis::normalize(&kind, &var) {
                            Err((msg, help)) => {
                                reject("it is not of a supported form".into());
                                self.error(name, text, claim.span.clone(), msg, Some(help))
                            }
                            Ok(_) => {
                                let pos = crate::diagnostic::pos_of(text, claim.span.start);
                                self.fact_spans
                                    .insert((name.to_string(), pos), claim.span.clone());
                                facts.push(Hypothesis {
                                    file: name.to_string(),
                                    pos,
                                    text: collapse(text.get(claim.span.clone()).unwrap_or("")),
                                    kind,
                                });
                            }
                        }
                    }
                }
                StmtKind::Claim {
                    command,
                    label,
                    claim,
                    wheres,
                } => {
                    let mut cx = Cx::new(&env, &var, &later);
                    let kind = cx.claim(claim);
                    let (subst, box_, assignments) = cx.wheres(wheres, text);
                    let kind =
                        kind.and_then(|k| cx.apply_where_claim(k, &subst, claim.span.clone()));
                    let failed = !cx.errors.is_empty();
                    let uses_rejected = cx.rejected.first().cloned();
                    self.flush(name, text, cx);
                    // A claim that uses a rejected declaration is kept, as
                    // `unknown` with the reason.
                    let kind = match (kind, uses_rejected) {
                        (_, Some(why)) => Some(Err(format!(
                            "depends on a rejected declaration: {why} (see the errors)"
                        ))),
                        (Some(k), None) => Some(Ok(k)),
                        (None, None) => None,
                    };
                    if let (Some(kind), false) = (kind, failed) {
                        items.push(Item::Claim(Claim {
                            pos: crate::diagnostic::pos_of(text, s.span.start),
                            label: label.clone(),
                            command: *command,
                            text: collapse(text.get(claim.span.clone()).unwrap_or("")),
                            kind,
                            params: box_,
                            assignments,
                            hypotheses: Default::default(),
                        }));
                    }
                }
                StmtKind::Show {
                    show,
                    text_span,
                    wheres,
                } => {
                    let mut cx = Cx::new(&env, &var, &later);
                    let kind = cx.show(show);
                    let (subst, box_, _) = cx.wheres(wheres, text);
                    let kind = kind.and_then(|k| cx.apply_where_show(k, &subst, text_span.clone()));
                    let failed = !cx.errors.is_empty();
                    let uses_rejected = cx.rejected.first().cloned();
                    self.flush(name, text, cx);
                    let kind = match uses_rejected {
                        Some(why) => Some(ShowKind::Rejected(format!(
                            "depends on a rejected declaration: {why} (see the errors)"
                        ))),
                        None => kind,
                    };
                    if let (Some(kind), false) = (kind, failed) {
                        items.push(Item::Show(Show {
                            pos: crate::diagnostic::pos_of(text, s.span.start),
                            text: collapse(text.get(text_span.clone()).unwrap_or("")),
                            kind,
                            params: box_,
                        }));
                    }
                }
                StmtKind::Plot(p) => {
                    let cx = Cx::new(&env, &var, &later);
                    plots.extend(self.plot(name, text, s.span.start, p, cx));
                }
            }
        }
        if main {
            self.stack.pop();
        }
        let params = ParamBox {
            params: env
                .iter()
                .filter_map(|(n, d)| match &d.kind {
                    DefKind::Param(c) => Some((n.clone(), c.clone())),
                    _ => None,
                })
                .collect(),
        };
        let mut shared = std::sync::Arc::new(Hypotheses::default());
        if main {
            let fns: BTreeSet<String> = env
                .iter()
                .filter(|(_, d)| matches!(d.kind, DefKind::Fn))
                .map(|(n, _)| n.clone())
                .collect();
            let hyps = self.hypotheses(fns, facts.clone(), rejected.clone(), &params, &var);
            for it in &mut items {
                if let Item::Claim(c) = it {
                    c.hypotheses = hyps.clone();
                    // Hypotheses are file-wide, so a parameter declared
                    // after the claim (which the claim cannot mention, but a
                    // hypothesis may) is in the claim's box too, unless a
                    // `where` of the claim set it.
                    for (p, con) in &params.params {
                        if !c.assignments.iter().any(|(a, _)| a == p) {
                            c.params
                                .params
                                .entry(p.clone())
                                .or_insert_with(|| con.clone());
                        }
                    }
                }
            }
            shared = hyps;
        }
        let program = Program {
            var: var.clone(),
            params,
            items,
            plots,
            hypotheses: shared,
        };
        (
            Module {
                var: explicit_var,
                env,
                facts,
                rejected,
            },
            Some(program),
        )
    }

    /// The hypotheses shared by the main file's claims: conflicts between
    /// `assume`s are reported as errors at each place involved.
    fn hypotheses(
        &mut self,
        fns: BTreeSet<String>,
        facts: Vec<Hypothesis>,
        rejected: Vec<Rejected>,
        params: &ParamBox,
        var: &str,
    ) -> std::sync::Arc<Hypotheses> {
        let mut hyps = crate::hypothesis::prepare(fns, facts, params, var);
        hyps.rejected = rejected;
        for conflict in &hyps.conflicts {
            for at in &conflict.places {
                let Some(h) = hyps.facts.get(*at) else {
                    continue;
                };
                let span = self.fact_spans.get(&(h.file.clone(), h.pos)).cloned();
                let text = self
                    .sources
                    .iter()
                    .find(|(n, _)| *n == h.file)
                    .map(|(_, t)| t.clone());
                if let (Some(span), Some(text)) = (span, text) {
                    let file = h.file.clone();
                    self.error(
                        &file,
                        &text,
                        span,
                        conflict.message.clone(),
                        Some(conflict.help.clone()),
                    );
                }
            }
        }
        std::sync::Arc::new(hyps)
    }

    fn flush(&mut self, file: &str, text: &str, cx: Cx) {
        self.total_nodes = self.total_nodes.saturating_add(cx.nodes);
        for (s, m, h) in cx.errors {
            self.error(file, text, s, m, h);
        }
    }

    /// Checks that `id` may be defined now; reports why not.
    fn check_new_name(&mut self, file: &str, text: &str, env: &Env, var: &str, id: &Ident) -> bool {
        if is_reserved(&id.name) {
            self.error(
                file,
                text,
                id.span.clone(),
                format!("`{}` is a reserved word and cannot be a name", id.name),
                None,
            );
            return false;
        }
        if id.name == var {
            self.error(
                file,
                text,
                id.span.clone(),
                format!(
                    "`{}` is the asymptotic variable and cannot be redefined",
                    id.name
                ),
                None,
            );
            return false;
        }
        if let Some(old) = env.get(&id.name) {
            self.error(
                file,
                text,
                id.span.clone(),
                format!("`{}` is defined twice", id.name),
                Some(format!("first defined at {}", old.origin.describe(file))),
            );
            return false;
        }
        true
    }
}

/// The arity a definition is used with.
fn arity_of(k: &DefKind) -> usize {
    match k {
        DefKind::Let { arity, .. } | DefKind::Broken { arity, .. } => *arity,
        DefKind::Param(_) | DefKind::Fn => 0,
    }
}

/// A name defined a second time (an error already reported): from here on
/// it is rejected, so no claim is decided with a definition the author
/// replaced. (A reserved word or the variable is never in `env`.)
fn reject_redefined(env: &mut Env, id: &Ident, line: usize, arity: usize) {
    if let Some(old) = env.get(&id.name).cloned() {
        env.insert(
            id.name.clone(),
            Def {
                kind: DefKind::Broken {
                    arity,
                    why: format!("`{}` is defined twice (again at line {line})", id.name),
                },
                origin: old.origin,
            },
        );
    }
}

fn defined_names(s: &Stmt) -> Vec<&Ident> {
    match &s.kind {
        StmtKind::Param { names, .. } | StmtKind::Fn(names) => names.iter().collect(),
        StmtKind::Let { name, .. } => vec![name],
        _ => vec![],
    }
}

// ---------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------

/// A lowered expression with its depth and, when it is a constant that
/// folds exactly, its value.
#[derive(Clone, Debug)]
struct L {
    e: Expr,
    depth: usize,
    val: Option<Q>,
}

type Problems = Vec<(Span, String, Option<String>)>;

/// The lowering context of one statement.
struct Cx<'a> {
    env: &'a Env,
    var: &'a str,
    later: &'a BTreeMap<String, usize>,
    /// Formal arguments of the `let` being defined.
    formals: Vec<String>,
    current_let: Option<String>,
    /// "definition" or "expression", for the size message.
    what: &'static str,
    nodes: usize,
    budget_reported: bool,
    errors: Problems,
    /// Why each rejected declaration used so far was rejected (see
    /// `DefKind::Broken`).
    rejected: Vec<String>,
}

fn builtin(name: &str) -> Option<Func> {
    Some(match name {
        "sqrt" => Func::Sqrt,
        "exp" => Func::Exp,
        "log" | "ln" => Func::Log,
        "log2" => Func::Log2,
        "log10" => Func::Log10,
        "abs" => Func::Abs,
        "min" => Func::Min,
        "max" => Func::Max,
        _ => return None,
    })
}

fn plural(k: usize) -> &'static str {
    if k == 1 {
        "argument"
    } else {
        "arguments"
    }
}

/// `base^k` exactly, when the result stays small.
fn fold_pow(base: &Q, k: &Q) -> Option<Q> {
    if !k.is_integer() {
        return None;
    }
    let k = k.to_integer().to_i64()?;
    if k.unsigned_abs() > 10_000 {
        return None;
    }
    if base.is_zero() {
        return if k > 0 {
            Some(Q::zero())
        } else if k == 0 {
            Some(Q::one())
        } else {
            None
        };
    }
    let bits = base.numer().bits().max(base.denom().bits());
    if bits.saturating_mul(k.unsigned_abs()) > MAX_FOLD_BITS {
        return None;
    }
    let p = num_traits::pow(base.clone(), k.unsigned_abs() as usize);
    Some(if k < 0 { p.recip() } else { p })
}

/// The exact value of `e`'s top node, given its children's values (in
/// order: the operand, both sides, or the call's arguments).
fn fold_node(e: &Expr, kids: &[Option<Q>]) -> Option<Q> {
    let kid = |i: usize| kids.get(i).cloned().flatten();
    match e {
        Expr::Num(q) => Some(q.clone()),
        Expr::Neg(_) => kid(0).map(|v| -v),
        Expr::Add(..) => Some(kid(0)? + kid(1)?),
        Expr::Sub(..) => Some(kid(0)? - kid(1)?),
        Expr::Mul(..) => Some(kid(0)? * kid(1)?),
        Expr::Div(..) => {
            let d = kid(1)?;
            if d.is_zero() {
                None
            } else {
                Some(kid(0)? / d)
            }
        }
        Expr::Pow(..) => fold_pow(&kid(0)?, &kid(1)?),
        Expr::Call(Func::Abs, args) if args.len() == 1 => kid(0).map(|v| v.abs()),
        Expr::Call(Func::Min, args) if !args.is_empty() => kids
            .iter()
            .cloned()
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .min(),
        Expr::Call(Func::Max, args) if !args.is_empty() => kids
            .iter()
            .cloned()
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .max(),
        _ => None,
    }
}

/// A problem with a constant in the domain of `e`'s top node, if visible
/// from its children's values.
fn domain_problem(e: &Expr, kids: &[Option<Q>]) -> Option<String> {
    let kid = |i: usize| kids.get(i).cloned().flatten();
    match e {
        Expr::Call(f @ (Func::Log | Func::Log2 | Func::Log10), _) => {
            let v = kid(0)?;
            (!v.is_positive()).then(|| {
                format!(
                    "`{}` of {} is undefined (the argument must be positive)",
                    f.name(),
                    crate::ir::fmt_q(&v)
                )
            })
        }
        Expr::Call(Func::Sqrt, _) => {
            let v = kid(0)?;
            v.is_negative().then(|| {
                format!(
                    "`sqrt` of {} is undefined (the argument must be non-negative)",
                    crate::ir::fmt_q(&v)
                )
            })
        }
        Expr::Div(..) => kid(1)?.is_zero().then(|| "division by zero".to_string()),
        Expr::Pow(..) => {
            let base = kid(0)?;
            let k = kid(1)?;
            if base.is_zero() && k.is_negative() {
                Some("division by zero: 0 to a negative power".to_string())
            } else if base.is_negative() && !k.is_integer() {
                Some(format!(
                    "a negative number to a fractional power is undefined: ({})^({})",
                    crate::ir::fmt_q(&base),
                    crate::ir::fmt_q(&k)
                ))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Folds `e` bottom-up, collecting every visible domain problem; returns
/// the exact value when `e` is a constant that folds.
fn analyze(e: &Expr, out: &mut Vec<String>) -> Option<Q> {
    let kids: Vec<Option<Q>> = match e {
        Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) => Vec::new(),
        Expr::Neg(a) => vec![analyze(a, out)],
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) | Expr::Pow(a, b) => {
            vec![analyze(a, out), analyze(b, out)]
        }
        Expr::Call(_, args) => args.iter().map(|a| analyze(a, out)).collect(),
    };
    if let Some(p) = domain_problem(e, &kids) {
        out.push(p);
    }
    fold_node(e, &kids)
}

/// Folds a constant expression exactly (bounded work: powers are capped).
fn fold(e: &Expr) -> Option<Q> {
    analyze(e, &mut Vec::new())
}

/// Depth of a tree whose depth is known to be moderate.
fn depth_of(e: &Expr) -> usize {
    e.depth()
}

/// Substitutes parameters (by name) simultaneously, counting nodes against
/// `budget`; `None` when the budget runs out.
fn subst_params(e: &Expr, map: &BTreeMap<String, Expr>, budget: &mut usize) -> Option<Expr> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    Some(match e {
        Expr::Param(p) => match map.get(p) {
            Some(v) => {
                let s = v.size();
                if s > *budget {
                    *budget = 0;
                    return None;
                }
                *budget -= s;
                v.clone()
            }
            None => e.clone(),
        },
        Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Fn(_) => e.clone(),
        Expr::Neg(a) => Expr::neg(subst_params(a, map, budget)?),
        Expr::Add(a, b) => Expr::add(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Sub(a, b) => Expr::sub(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Mul(a, b) => Expr::mul(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Div(a, b) => Expr::div(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Pow(a, b) => Expr::pow(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Call(f, args) => Expr::Call(
            *f,
            args.iter()
                .map(|a| subst_params(a, map, budget))
                .collect::<Option<Vec<_>>>()?,
        ),
    })
}

impl<'a> Cx<'a> {
    fn new(env: &'a Env, var: &'a str, later: &'a BTreeMap<String, usize>) -> Cx<'a> {
        Cx {
            env,
            var,
            later,
            formals: Vec::new(),
            current_let: None,
            what: "expression",
            nodes: 0,
            budget_reported: false,
            errors: Vec::new(),
            rejected: Vec::new(),
        }
    }

    fn err(&mut self, span: Span, msg: impl Into<String>, help: Option<String>) {
        self.errors.push((span, msg.into(), help));
    }

    /// Charges `n` nodes; reports (once) and fails when over the budget.
    fn charge(&mut self, n: usize, span: &Span) -> bool {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            if !self.budget_reported {
                self.budget_reported = true;
                let what = self.what;
                self.err(
                    span.clone(),
                    format!("{what} expands to more than {MAX_NODES} nodes"),
                    Some("substituting the definitions makes the expression too large".to_string()),
                );
            }
            return false;
        }
        true
    }

    fn leaf(&mut self, e: Expr, val: Option<Q>, span: &Span) -> Option<L> {
        if !self.charge(1, span) {
            return None;
        }
        Some(L { e, depth: 1, val })
    }

    /// Wraps a freshly built node: depth, budget and visible domain errors.
    fn finish(&mut self, e: Expr, depth: usize, kids: &[Option<Q>], span: &Span) -> Option<L> {
        if !self.charge(1, span) {
            return None;
        }
        if depth > MAX_DEPTH {
            self.err(span.clone(), format!("expression nested too deeply (more than {MAX_DEPTH} levels) once definitions are substituted"), None);
            return None;
        }
        if let Some(p) = domain_problem(&e, kids) {
            self.err(span.clone(), p, None);
            return None;
        }
        if let Some((p, help)) = self.eventual_domain_problem(&e) {
            self.err(span.clone(), p, Some(help));
            return None;
        }
        let val = fold_node(&e, kids);
        Some(L { e, depth, val })
    }

    /// A domain problem of `e`'s top node that holds for all large n and
    /// every admissible parameter value, decided by the asymptotic engine:
    /// a logarithm of something eventually <= 0, a square root of something
    /// eventually negative, a division by something identically 0. Only
    /// sub-expressions free of `fn`s and of `let` arguments are asked (an
    /// argument's value is not known until the call). Returns (message,
    /// help).
    fn eventual_domain_problem(&self, e: &Expr) -> Option<(String, String)> {
        let eligible = |a: &Expr| {
            a.has_var() && !a.has_fn() && a.params().iter().all(|p| !p.starts_with('\u{0}'))
        };
        let box_ = || ParamBox {
            params: self
                .env
                .iter()
                .filter_map(|(name, d)| match &d.kind {
                    DefKind::Param(c) => Some((name.clone(), c.clone())),
                    _ => None,
                })
                .collect(),
        };
        let eventually = |a: &Expr, op: Cmp| {
            let kind = ClaimKind::Ineq {
                lhs: a.clone(),
                op,
                rhs: Expr::Num(Q::from_integer(0.into())),
                range: IrRange::Eventually,
            };
            crate::asymptotic::decide(&kind, &box_(), self.var).verdict
                == crate::ir::Verdict::Proved
        };
        let shown = |a: &Expr| a.display(self.var).to_string();
        match e {
            Expr::Call(f @ (Func::Log | Func::Log2 | Func::Log10), args) => {
                let a = args.first().filter(|a| eligible(a))?;
                eventually(a, Cmp::Le).then(|| {
                    (
                        format!(
                            "`{}` of {} is undefined for all large {}: the argument is eventually <= 0",
                            f.name(),
                            shown(a),
                            self.var
                        ),
                        "a logarithm needs an argument that is eventually positive".to_string(),
                    )
                })
            }
            Expr::Call(Func::Sqrt, args) => {
                let a = args.first().filter(|a| eligible(a))?;
                eventually(a, Cmp::Lt).then(|| {
                    (
                        format!(
                            "`sqrt` of {} is undefined for all large {}: the argument is eventually negative",
                            shown(a),
                            self.var
                        ),
                        "a square root needs an argument that is eventually non-negative".to_string(),
                    )
                })
            }
            Expr::Div(_, b) if eligible(b) => {
                let zero = Expr::Num(Q::from_integer(0.into()));
                crate::asymptotic::exact_zero_difference(b, &zero, &box_()).then(|| {
                    (
                        format!("division by {}, which is identically 0", shown(b)),
                        "the denominator simplifies to 0 for every n".to_string(),
                    )
                })
            }
            _ => None,
        }
    }

    fn lower(&mut self, a: &Ast) -> Option<L> {
        match &a.kind {
            ExprKind::Num(q) => self.leaf(Expr::Num(q.clone()), Some(q.clone()), &a.span),
            ExprKind::Pi => self.leaf(Expr::Pi, None, &a.span),
            ExprKind::Name(n) => self.name(n, &a.span),
            ExprKind::Neg(x) => {
                let x = self.lower(x)?;
                let kids = [x.val];
                self.finish(Expr::neg(x.e), x.depth + 1, &kids, &a.span)
            }
            ExprKind::Bin(op, l, r) => {
                let l = self.lower(l);
                let r = self.lower(r);
                let (l, r) = (l?, r?);
                let kids = [l.val, r.val];
                let depth = l.depth.max(r.depth) + 1;
                let e = match op {
                    BinOp::Add => Expr::add(l.e, r.e),
                    BinOp::Sub => Expr::sub(l.e, r.e),
                    BinOp::Mul => Expr::mul(l.e, r.e),
                    BinOp::Div => Expr::div(l.e, r.e),
                    BinOp::Pow => Expr::pow(l.e, r.e),
                };
                self.finish(e, depth, &kids, &a.span)
            }
            ExprKind::Call(f, args) => self.call(f, args, &a.span),
        }
    }

    fn candidates(&self) -> Vec<String> {
        let mut c: Vec<String> = self.env.keys().cloned().collect();
        c.push(self.var.to_string());
        c.extend(self.formals.iter().cloned());
        c.sort();
        c.dedup();
        c
    }

    fn unknown(&mut self, n: &str, span: &Span, as_function: bool) -> Option<L> {
        if self.current_let.as_deref() == Some(n) {
            self.err(
                span.clone(),
                format!("`{n}` is used in its own definition: recursion is not allowed"),
                None,
            );
            return None;
        }
        if let Some(line) = self.later.get(n) {
            let line = *line;
            self.err(
                span.clone(),
                format!("`{n}` is used before its definition"),
                Some(format!(
                    "`{n}` is defined at line {line}; move the definition up"
                )),
            );
            return None;
        }
        let mut cands = self.candidates();
        if as_function {
            cands.extend(
                [
                    "sqrt", "exp", "log", "ln", "log2", "log10", "min", "max", "abs",
                ]
                .iter()
                .map(|s| s.to_string()),
            );
        }
        let help = if n == "e" && !as_function {
            Some("Euler's number is written `exp(1)`".to_string())
        } else {
            closest(n, cands.iter().map(String::as_str)).map(|c| format!("did you mean `{c}`?"))
        };
        let what = if as_function { "function" } else { "name" };
        self.err(span.clone(), format!("unknown {what} `{n}`"), help);
        None
    }

    fn name(&mut self, n: &str, span: &Span) -> Option<L> {
        if let Some(i) = self.formals.iter().position(|f| f == n) {
            return self.leaf(Expr::Param(placeholder(i)), None, span);
        }
        if n == self.var {
            return self.leaf(Expr::Var, None, span);
        }
        if is_reserved(n) {
            let msg = if is_builtin(n) {
                format!("`{n}` is a function: call it as `{n}(...)`")
            } else if n == "oo" {
                "`oo` can only be a limit (`lim A = oo`) or the end of a constraint".to_string()
            } else {
                format!("`{n}` is a reserved word and cannot be used as a name")
            };
            self.err(span.clone(), msg, None);
            return None;
        }
        let def = match self.env.get(n) {
            Some(d) => d.clone(),
            None => return self.unknown(n, span, false),
        };
        match def.kind {
            DefKind::Param(_) => self.leaf(Expr::Param(n.to_string()), None, span),
            DefKind::Fn => self.leaf(Expr::Fn(n.to_string()), None, span),
            DefKind::Broken { why, .. } => {
                self.rejected.push(why);
                None
            }
            DefKind::Let {
                arity,
                body,
                depth,
                size,
                val,
            } => {
                if arity > 0 {
                    self.err(
                        span.clone(),
                        format!(
                            "`{n}` takes {arity} {}: call it as `{n}(...)`",
                            plural(arity)
                        ),
                        None,
                    );
                    return None;
                }
                if !self.charge(size, span) {
                    return None;
                }
                Some(L {
                    e: body,
                    depth,
                    val,
                })
            }
        }
    }

    fn call(&mut self, f: &Ident, args: &[Ast], span: &Span) -> Option<L> {
        let n = f.name.as_str();
        if let Some(func) = builtin(n) {
            let want_one = !matches!(func, Func::Min | Func::Max);
            if want_one && args.len() != 1 {
                self.err(
                    span.clone(),
                    format!("{n} takes 1 argument, got {}", args.len()),
                    None,
                );
                return None;
            }
            if !want_one && args.is_empty() {
                self.err(
                    span.clone(),
                    format!("{n} takes at least 1 argument, got 0"),
                    None,
                );
                return None;
            }
            let lowered: Vec<Option<L>> = args.iter().map(|a| self.lower(a)).collect();
            let lowered: Vec<L> = lowered.into_iter().collect::<Option<Vec<_>>>()?;
            let depth = lowered.iter().map(|l| l.depth).max().unwrap_or(0) + 1;
            let kids: Vec<Option<Q>> = lowered.iter().map(|l| l.val.clone()).collect();
            let e = Expr::Call(func, lowered.into_iter().map(|l| l.e).collect());
            return self.finish(e, depth, &kids, span);
        }
        let not_function = |what: &str| {
            (
                format!("`{n}` is {what}, not a function"),
                Some(format!(
                    "there is no implicit multiplication: write `{n}*(...)`"
                )),
            )
        };
        if self.formals.iter().any(|x| x == n) {
            let (m, h) = not_function("an argument");
            self.err(f.span.clone(), m, h);
            return None;
        }
        if n == self.var {
            let (m, h) = not_function("the variable");
            self.err(f.span.clone(), m, h);
            return None;
        }
        if is_reserved(n) {
            self.err(
                f.span.clone(),
                format!("`{n}` is a reserved word, not a function"),
                None,
            );
            return None;
        }
        let def = match self.env.get(n) {
            Some(d) => d.clone(),
            None => return self.unknown(n, &f.span, true),
        };
        match def.kind {
            DefKind::Param(_) => {
                let (m, h) = not_function("a parameter");
                self.err(f.span.clone(), m, h);
                None
            }
            DefKind::Fn => {
                // `G(n)` is accepted as `G`.
                if args.len() == 1 {
                    if let ExprKind::Name(x) = &args[0].kind {
                        if x == self.var {
                            return self.leaf(Expr::Fn(n.to_string()), None, span);
                        }
                    }
                }
                self.err(
                    span.clone(),
                    format!(
                        "`{n}` is an unknown function of `{}`: write `{n}`",
                        self.var
                    ),
                    None,
                );
                None
            }
            DefKind::Broken { arity, why } => {
                self.rejected.push(why);
                if arity != args.len() {
                    self.err(
                        span.clone(),
                        format!("{n} takes {arity} {}, got {}", plural(arity), args.len()),
                        None,
                    );
                }
                None
            }
            DefKind::Let {
                arity, body, size, ..
            } => {
                if arity == 0 {
                    let (m, h) = not_function("defined without arguments");
                    self.err(f.span.clone(), m, h);
                    return None;
                }
                if arity != args.len() {
                    self.err(
                        span.clone(),
                        format!("{n} takes {arity} {}, got {}", plural(arity), args.len()),
                        None,
                    );
                    return None;
                }
                let lowered: Vec<Option<L>> = args.iter().map(|a| self.lower(a)).collect();
                let lowered: Vec<L> = lowered.into_iter().collect::<Option<Vec<_>>>()?;
                let arg_depth = lowered.iter().map(|l| l.depth).max().unwrap_or(0);
                let map: BTreeMap<String, Expr> = lowered
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| (placeholder(i), l.e))
                    .collect();
                let remaining = MAX_NODES.saturating_sub(self.nodes);
                let mut budget = remaining;
                let out = subst_params(&body, &map, &mut budget);
                let used = remaining - budget;
                let out = match out {
                    Some(o) if self.charge(used, span) => o,
                    _ => {
                        let _ = self.charge(MAX_NODES + 1, span);
                        return None;
                    }
                };
                let _ = (size, arg_depth);
                if depth_of(&out) > MAX_DEPTH {
                    self.err(span.clone(), format!("expression nested too deeply (more than {MAX_DEPTH} levels) once definitions are substituted"), None);
                    return None;
                }
                let mut probs = Vec::new();
                let val = analyze(&out, &mut probs);
                if let Some(p) = probs.into_iter().next() {
                    self.err(span.clone(), format!("{p} (in this use of `{n}`)"), None);
                    return None;
                }
                let depth = depth_of(&out);
                Some(L { e: out, depth, val })
            }
        }
    }

    /// Lowers an expression that must not mention the variable.
    fn constant(&mut self, a: &Ast, what: &str) -> Option<Expr> {
        let l = self.lower(a)?;
        if l.e.has_var() {
            self.err(
                a.span.clone(),
                format!("{what} must not depend on `{}`", self.var),
                None,
            );
            return None;
        }
        Some(l.e)
    }

    /// An exact rational constraint end.
    fn endpoint(&mut self, b: &Bound) -> Option<Result<Q, bool>> {
        match b {
            Bound::PosInf(_) => Some(Err(true)),
            Bound::NegInf(_) => Some(Err(false)),
            Bound::Finite(a) => {
                let l = self.lower(a)?;
                match l.val.or_else(|| fold(&l.e)) {
                    Some(q) => Some(Ok(q)),
                    None => {
                        self.err(a.span.clone(), "the end of a constraint must be an exact number (like `0`, `1/2`, `1e-3`) or `oo`", None);
                        None
                    }
                }
            }
        }
    }

    fn constraint(&mut self, c: &ConstraintAst) -> Option<Constraint> {
        let (con, span) = match c {
            ConstraintAst::Compare { op, bound, span } => {
                let end = self.endpoint(bound)?;
                let fin = |value: Q, closed: bool| Endpoint::Finite { value, closed };
                let con = match (op, end) {
                    (Cmp::Gt | Cmp::Ge, Ok(q)) => Constraint {
                        lo: fin(q, *op == Cmp::Ge),
                        hi: Endpoint::Infinite,
                    },
                    (Cmp::Lt | Cmp::Le, Ok(q)) => Constraint {
                        lo: Endpoint::Infinite,
                        hi: fin(q, *op == Cmp::Le),
                    },
                    (Cmp::Gt | Cmp::Ge, Err(false)) | (Cmp::Lt | Cmp::Le, Err(true)) => {
                        Constraint::any()
                    }
                    _ => {
                        self.err(
                            span.clone(),
                            "empty constraint: no real number satisfies it",
                            None,
                        );
                        return None;
                    }
                };
                (con, span.clone())
            }
            ConstraintAst::Interval {
                lo_closed,
                lo,
                hi,
                hi_closed,
                span,
            } => {
                let l = self.endpoint(lo);
                let h = self.endpoint(hi);
                let (l, h) = (l?, h?);
                let lo_end = match l {
                    Ok(q) => Endpoint::Finite {
                        value: q,
                        closed: *lo_closed,
                    },
                    Err(false) if *lo_closed => {
                        self.err(
                            span.clone(),
                            "a real number is never -oo: the interval cannot be closed there",
                            Some("write `(-oo, ...`".to_string()),
                        );
                        return None;
                    }
                    Err(false) => Endpoint::Infinite,
                    Err(true) => {
                        self.err(
                            span.clone(),
                            "empty constraint: the interval starts at +oo",
                            None,
                        );
                        return None;
                    }
                };
                let hi_end = match h {
                    Ok(q) => Endpoint::Finite {
                        value: q,
                        closed: *hi_closed,
                    },
                    Err(true) if *hi_closed => {
                        self.err(
                            span.clone(),
                            "a real number is never oo: the interval cannot be closed there",
                            Some("write `..., oo)`".to_string()),
                        );
                        return None;
                    }
                    Err(true) => Endpoint::Infinite,
                    Err(false) => {
                        self.err(
                            span.clone(),
                            "empty constraint: the interval ends at -oo",
                            None,
                        );
                        return None;
                    }
                };
                (
                    Constraint {
                        lo: lo_end,
                        hi: hi_end,
                    },
                    span.clone(),
                )
            }
        };
        if con.is_empty() {
            self.err(span, format!("empty constraint: no value lies {con}"), None);
            return None;
        }
        Some(con)
    }

    fn ineq_op(&mut self, op: Cmp, span: &Span, context: &str) -> bool {
        if matches!(op, Cmp::Eq | Cmp::Ne) {
            self.err(
                span.clone(),
                format!("`{}` cannot be used {context}", op.symbol()),
                Some(
                    "`A == B` and `A != B` stand alone (for every n), or use `at n = N`"
                        .to_string(),
                ),
            );
            return false;
        }
        true
    }

    fn check_var(&mut self, v: &Ident) -> bool {
        if v.name != self.var {
            self.err(
                v.span.clone(),
                format!("`{}` is not the variable", v.name),
                Some(format!("the asymptotic variable is `{}`", self.var)),
            );
            return false;
        }
        true
    }

    fn claim(&mut self, c: &ClaimAst) -> Option<ClaimKind> {
        match &c.kind {
            ClaimKindAst::Landau { lhs, rel, rhs } => {
                let l = self.lower(lhs);
                let r = self.lower(rhs);
                Some(ClaimKind::Landau {
                    lhs: l?.e,
                    rel: *rel,
                    rhs: r?.e,
                })
            }
            ClaimKindAst::Similar { lhs, rhs } => {
                let l = self.lower(lhs);
                let r = self.lower(rhs);
                Some(ClaimKind::Similar {
                    lhs: l?.e,
                    rhs: r?.e,
                })
            }
            ClaimKindAst::Limit { expr, target } => {
                let e = self.lower(expr);
                let t = match target {
                    Bound::PosInf(_) => Some(LimitTarget::PosInf),
                    Bound::NegInf(_) => Some(LimitTarget::NegInf),
                    Bound::Finite(a) => self.constant(a, "the limit").map(LimitTarget::Finite),
                };
                Some(ClaimKind::Limit {
                    expr: e?.e,
                    target: t?,
                })
            }
            ClaimKindAst::Compare {
                lhs,
                op,
                op_span,
                rhs,
                range,
            } => {
                let l = self.lower(lhs);
                let r = self.lower(rhs);
                let range = match range {
                    None => {
                        if !matches!(op, Cmp::Eq | Cmp::Ne) {
                            self.err(
                                op_span.clone(),
                                format!("an inequality needs `eventually`, `for {0} >= N` or `at {0} = N`", self.var),
                                Some(format!("write `A {} B eventually`", op.symbol())),
                            );
                            return None;
                        }
                        None
                    }
                    Some(RangeAst::Eventually(_)) => {
                        if !self.ineq_op(*op, op_span, "with `eventually`") {
                            return None;
                        }
                        Some(IrRange::Eventually)
                    }
                    Some(RangeAst::From { var, bound }) => {
                        let ok = self.check_var(var) & self.ineq_op(*op, op_span, "with `for`");
                        let b = self.constant(bound, "the threshold");
                        if !ok {
                            return None;
                        }
                        Some(IrRange::From(b?))
                    }
                    Some(RangeAst::At { var, value }) => {
                        let ok = self.check_var(var);
                        let b = self.constant(value, "the point");
                        if !ok {
                            return None;
                        }
                        Some(IrRange::At(b?))
                    }
                };
                let (lhs, rhs) = (l?.e, r?.e);
                Some(match range {
                    Some(range) => ClaimKind::Ineq {
                        lhs,
                        op: *op,
                        rhs,
                        range,
                    },
                    None if *op == Cmp::Eq => ClaimKind::Equal { lhs, rhs },
                    None => ClaimKind::NotEqual { lhs, rhs },
                })
            }
        }
    }

    fn show(&mut self, s: &ShowAst) -> Option<ShowKind> {
        match s {
            ShowAst::Expr(e) => Some(ShowKind::Expr(self.lower(e)?.e)),
            ShowAst::Crossover {
                lhs,
                op,
                op_span,
                rhs,
            } => {
                let l = self.lower(lhs);
                let r = self.lower(rhs);
                if !self.ineq_op(*op, op_span, "in `show crossover`") {
                    return None;
                }
                Some(ShowKind::Crossover {
                    lhs: l?.e,
                    op: *op,
                    rhs: r?.e,
                })
            }
        }
    }

    /// Lowers `where` assignments: the substitution, the claim's parameter
    /// box and the assignments as written.
    fn wheres(
        &mut self,
        wheres: &[Assign],
        text: &str,
    ) -> (BTreeMap<String, Expr>, ParamBox, Vec<(String, String)>) {
        let mut map = BTreeMap::new();
        let mut written = Vec::new();
        for a in wheres {
            let n = a.name.name.as_str();
            let value = self.lower(&a.value);
            let constraint = match self.env.get(n).map(|d| &d.kind) {
                Some(DefKind::Param(c)) => c.clone(),
                Some(DefKind::Broken { why, .. }) => {
                    // the claim is kept as `unknown` with this reason
                    self.rejected.push(why.clone());
                    continue;
                }
                Some(_) => {
                    self.err(
                        a.name.span.clone(),
                        format!("`{n}` is not a parameter: `where` can only set parameters"),
                        None,
                    );
                    continue;
                }
                None if n == self.var => {
                    self.err(
                        a.name.span.clone(),
                        format!("`{n}` is the variable: `where` can only set parameters"),
                        Some(format!("to check at one point write `at {n} = N`")),
                    );
                    continue;
                }
                None => {
                    let cands: Vec<String> = self
                        .env
                        .iter()
                        .filter(|(_, d)| matches!(d.kind, DefKind::Param(_)))
                        .map(|(k, _)| k.clone())
                        .collect();
                    let help = closest(n, cands.iter().map(String::as_str))
                        .map(|c| format!("did you mean `{c}`?"));
                    self.err(
                        a.name.span.clone(),
                        format!("unknown parameter `{n}`"),
                        help,
                    );
                    continue;
                }
            };
            if map.contains_key(n) {
                self.err(
                    a.name.span.clone(),
                    format!("`{n}` is assigned twice"),
                    None,
                );
                continue;
            }
            let Some(value) = value else { continue };
            let text_of = collapse(text.get(a.value.span.clone()).unwrap_or(""));
            if value.e.has_var() {
                map.insert(n.to_string(), value.e);
            } else {
                match value.val.clone().or_else(|| fold(&value.e)) {
                    Some(q) => {
                        if !constraint.contains(&q) {
                            self.err(
                                a.value.span.clone(),
                                format!(
                                    "`{n} = {}` is outside its constraint {constraint}",
                                    crate::ir::fmt_q(&q)
                                ),
                                None,
                            );
                            continue;
                        }
                        map.insert(n.to_string(), Expr::Num(q));
                    }
                    None => {
                        self.err(
                            a.value.span.clone(),
                            format!("the value of `{n}` must be an exact number or an expression in `{}`", self.var),
                            None,
                        );
                        continue;
                    }
                }
            }
            written.push((n.to_string(), text_of));
        }
        let params = ParamBox {
            params: self
                .env
                .iter()
                .filter_map(|(k, d)| match &d.kind {
                    DefKind::Param(c) if !map.contains_key(k) => Some((k.clone(), c.clone())),
                    _ => None,
                })
                .collect(),
        };
        (map, params, written)
    }

    fn sub(&mut self, e: Expr, map: &BTreeMap<String, Expr>, span: &Span) -> Option<Expr> {
        if map.is_empty() {
            return Some(e);
        }
        let mut budget = MAX_NODES;
        match subst_params(&e, map, &mut budget) {
            Some(out) => {
                if depth_of(&out) > MAX_DEPTH {
                    self.err(span.clone(), format!("expression nested too deeply (more than {MAX_DEPTH} levels) once `where` is substituted"), None);
                    return None;
                }
                let mut probs = Vec::new();
                let _ = analyze(&out, &mut probs);
                if let Some(p) = probs.into_iter().next() {
                    self.err(span.clone(), format!("{p} (with the `where` values)"), None);
                    return None;
                }
                Some(out)
            }
            None => {
                self.err(
                    span.clone(),
                    format!("expression expands to more than {MAX_NODES} nodes"),
                    None,
                );
                None
            }
        }
    }

    fn apply_where_claim(
        &mut self,
        k: ClaimKind,
        map: &BTreeMap<String, Expr>,
        span: Span,
    ) -> Option<ClaimKind> {
        let s = &span;
        Some(match k {
            ClaimKind::Landau { lhs, rel, rhs } => ClaimKind::Landau {
                lhs: self.sub(lhs, map, s)?,
                rel,
                rhs: self.sub(rhs, map, s)?,
            },
            ClaimKind::Similar { lhs, rhs } => ClaimKind::Similar {
                lhs: self.sub(lhs, map, s)?,
                rhs: self.sub(rhs, map, s)?,
            },
            ClaimKind::Equal { lhs, rhs } => ClaimKind::Equal {
                lhs: self.sub(lhs, map, s)?,
                rhs: self.sub(rhs, map, s)?,
            },
            ClaimKind::NotEqual { lhs, rhs } => ClaimKind::NotEqual {
                lhs: self.sub(lhs, map, s)?,
                rhs: self.sub(rhs, map, s)?,
            },
            ClaimKind::Limit { expr, target } => {
                let target = match target {
                    LimitTarget::Finite(t) => {
                        let t = self.sub(t, map, s)?;
                        if t.has_var() {
                            self.err(
                                span.clone(),
                                format!(
                                    "the limit must not depend on `{}` (after `where`)",
                                    self.var
                                ),
                                None,
                            );
                            return None;
                        }
                        LimitTarget::Finite(t)
                    }
                    other => other,
                };
                ClaimKind::Limit {
                    expr: self.sub(expr, map, s)?,
                    target,
                }
            }
            ClaimKind::Ineq {
                lhs,
                op,
                rhs,
                range,
            } => {
                let range = match range {
                    IrRange::Eventually => IrRange::Eventually,
                    IrRange::From(e) => IrRange::From(self.sub(e, map, s)?),
                    IrRange::At(e) => IrRange::At(self.sub(e, map, s)?),
                };
                if let IrRange::From(e) | IrRange::At(e) = &range {
                    if e.has_var() {
                        self.err(
                            span.clone(),
                            format!(
                                "the threshold must not depend on `{}` (after `where`)",
                                self.var
                            ),
                            None,
                        );
                        return None;
                    }
                }
                ClaimKind::Ineq {
                    lhs: self.sub(lhs, map, s)?,
                    op,
                    rhs: self.sub(rhs, map, s)?,
                    range,
                }
            }
        })
    }

    fn apply_where_show(
        &mut self,
        k: ShowKind,
        map: &BTreeMap<String, Expr>,
        span: Span,
    ) -> Option<ShowKind> {
        Some(match k {
            ShowKind::Expr(e) => ShowKind::Expr(self.sub(e, map, &span)?),
            ShowKind::Crossover { lhs, op, rhs } => ShowKind::Crossover {
                lhs: self.sub(lhs, map, &span)?,
                op,
                rhs: self.sub(rhs, map, &span)?,
            },
            ShowKind::Rejected(why) => ShowKind::Rejected(why),
        })
    }
}

/// Placeholders never escape lowering (checked by the tests).
#[cfg(test)]
fn has_placeholder(e: &Expr) -> bool {
    e.params().iter().any(|p| p.starts_with('\u{0}'))
}

mod plot;
#[cfg(test)]
mod tests;
