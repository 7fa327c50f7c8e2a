//! The statement loop of one file: declarations, definitions, `assume`s,
//! claims and shows in order, each lowered in its own context, every error
//! collected.

use super::ask::AssumeQuestion;
use super::expr::*;
use super::imports::*;
use super::scope::*;
use crate::ir::{
    Claim, Constraint, Hypotheses, Hypothesis, Item, ParamBox, Program, Rejected, Show, ShowKind,
};
use crate::syntax::ast::{Ident, Span, StmtKind};
use crate::syntax::{self, is_reserved};

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

impl Loader {
    /// An error at the path of an `import` statement (`stmt`), with the
    /// message and suggestion `what(path)` gives.
    fn import_error(
        &mut self,
        name: &str,
        text: &str,
        stmt: Option<&StmtKind>,
        what: impl FnOnce(&str) -> (String, Option<String>),
    ) {
        if let Some(StmtKind::Import {
            path_span, path, ..
        }) = stmt
        {
            let (msg, help) = what(path);
            self.error(name, text, path_span.clone(), msg, help);
        }
    }

    /// Lowers one file: its exported names and (for the main file) its program.
    pub(super) fn lower_module(
        &mut self,
        name: &str,
        text: &str,
        main: bool,
    ) -> (Module, Option<Program>) {
        if main {
            self.stack.push((join_import("", name), None));
        }
        let (stmts, syntax_errors) = syntax::parse_file(text);
        for e in syntax_errors {
            self.error(name, text, e.span, e.message, e.help);
        }
        let lines = self.lines(name, text);
        let pos_of = |off: usize| lines.pos(text, off);
        let line_of = |off: usize| pos_of(off).line;

        // The variable: this file's `var`, else one declared by an import.
        // `var eps -> 0` is kept as `1/eps` (see `ir::zero_var`): the
        // engines work in t = 1/eps, which tends to +oo.
        let mut own_var: Option<(String, usize)> = None;
        for s in &stmts {
            if let StmtKind::Var(id, target) = &s.kind {
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
                let Some(zero) = self.var_target(name, text, id, target.as_ref()) else {
                    continue;
                };
                let shown = if zero {
                    format!("1/{}", id.name)
                } else {
                    id.name.clone()
                };
                match &own_var {
                    None => own_var = Some((shown, line_of(s.span.start))),
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
            if let StmtKind::Import {
                path, path_span, ..
            } = &s.kind
            {
                if let Some(m) = self.import(name, text, path, path_span.clone()) {
                    imported.insert(i, m);
                }
            }
        }
        let mut var = own_var.as_ref().map(|(v, _)| v.clone());
        // Imports whose variable tends elsewhere than this file's (a file
        // without `var` is in `n` -> +oo): their definitions and hypotheses
        // that mention the variable are rejected.
        let mut written_in_n: BTreeSet<usize> = BTreeSet::new();
        for (i, m) in &imported {
            if let (Some(theirs), Some(ours)) = (&m.var, &var) {
                if theirs != ours {
                    // one tends to 0, the other to +oo: their definitions in
                    // the variable mean something else here, and are rejected
                    if crate::ir::zero_var(theirs).is_some() != crate::ir::zero_var(ours).is_some()
                    {
                        written_in_n.insert(*i);
                    }
                    self.import_error(name, text, stmts.get(*i).map(|s| &s.kind), |path| {
                        (
                            format!(
                                "`{path}` uses the variable {}, this file {}",
                                crate::ir::describe_var(theirs),
                                crate::ir::describe_var(ours)
                            ),
                            Some("declare the same `var` in both files".to_string()),
                        )
                    });
                }
            } else if var.is_none() {
                var = m.var.clone();
            } else if let (None, Some(ours)) = (&m.var, &var) {
                // A file without `var` is written in `n`, tending to +oo: its
                // definitions in `n` would silently become definitions in
                // 1/eps here.
                if let (Some(v), Some(d)) = (crate::ir::zero_var(ours), m.first_use_of_var()) {
                    written_in_n.insert(*i);
                    self.import_error(name, text, stmts.get(*i).map(|s| &s.kind), |path| {
                        (
                            format!("`{path}` is written in `n`, which tends to +oo (`{d}` mentions it); this file's variable `{v}` tends to 0"),
                            Some(format!("declare `var {v} -> 0` in `{path}` and write it in `{v}`, or give its definitions the variable as an argument (`let rate(s) = ...`, used here as `rate(1/{v})`)")),
                        )
                    });
                }
            }
        }
        let explicit_var = var.clone();
        let var = var.unwrap_or_else(|| "n".to_string());
        // The name as written in the file (`eps` for `var eps -> 0`).
        let var_name = crate::ir::var_name(&var).to_string();

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
        // `import ... as NAME`: each NAME, with the file it names and its line.
        let mut aliases: BTreeMap<String, (String, usize)> = BTreeMap::new();
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
            // `id` defined as `kind` by this statement
            let define = |env: &mut Env, id: &Ident, kind: DefKind| {
                let origin = Origin {
                    file: name.to_string(),
                    line: line_of(id.span.start),
                };
                env.insert(id.name.clone(), Def { kind, origin });
            };
            match &s.kind {
                StmtKind::Var(..) => {}
                StmtKind::Import {
                    path,
                    path_span,
                    alias,
                } => {
                    let prefix = match alias {
                        Some(a) if is_reserved(&a.name) => {
                            self.error(
                                name,
                                text,
                                a.span.clone(),
                                format!("`{}` is a reserved word and cannot be a name", a.name),
                                None,
                            );
                            continue;
                        }
                        Some(a) => {
                            if let Some((other, at)) = aliases.get(&a.name) {
                                if other != path {
                                    let msg = format!(
                                        "`{}` already names the import of `{other}` (line {at})",
                                        a.name
                                    );
                                    self.error(
                                        name,
                                        text,
                                        a.span.clone(),
                                        msg,
                                        Some("give each imported file its own name".to_string()),
                                    );
                                    continue;
                                }
                            }
                            aliases.insert(a.name.clone(), (path.clone(), line_of(a.span.start)));
                            Some(a.name.as_str())
                        }
                        None => None,
                    };
                    if let Some(m) = imported.get(&i) {
                        for f in &m.facts {
                            if written_in_n.contains(&i)
                                && f.kind.exprs().into_iter().any(Module::expr_mentions_var)
                            {
                                let r = Rejected {
                                    file: f.file.clone(),
                                    pos: f.pos,
                                    text: f.text.clone(),
                                    why: format!("it is written in a variable that tends elsewhere than this file's, imported by `{path}`"),
                                };
                                if !rejected.contains(&r) {
                                    rejected.push(r);
                                }
                                continue;
                            }
                            let f = match prefix {
                                Some(p) => Hypothesis {
                                    kind: f.kind.map_exprs(&|e| e.qualify(p)),
                                    ..f.clone()
                                },
                                None => f.clone(),
                            };
                            if !facts
                                .iter()
                                .any(|g| g.file == f.file && g.pos == f.pos && g.kind == f.kind)
                            {
                                facts.push(f);
                            }
                        }
                        for r in &m.rejected {
                            if !rejected.contains(r) {
                                rejected.push(r.clone());
                            }
                        }
                        for (n, d) in &m.env {
                            let (n, d) = match prefix {
                                Some(p) => (format!("{p}.{n}"), qualify_def(d, p)),
                                None => (n.clone(), d.clone()),
                            };
                            match env.get(&n) {
                                Some(old)
                                    if old.origin != d.origin
                                        && !same_declaration(&old.kind, &d.kind) =>
                                {
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
                                            "first defined at {}; declare it the same way in both files, or import one of them `as` a name",
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
                                    if n == var_name {
                                        self.error(name, text, path_span.clone(), format!("the import defines `{n}`, which is this file's variable"), None);
                                    } else if written_in_n.contains(&i)
                                        && Module::mentions_var(&d.kind)
                                    {
                                        // rejected (the error is at the
                                        // import): claims using it are unknown
                                        let why = format!(
                                            "`{n}` is defined by `{path}` in a variable that tends elsewhere than this file's"
                                        );
                                        let arity = arity_of(&d.kind);
                                        env.insert(
                                            n,
                                            Def {
                                                kind: DefKind::Broken { arity, why },
                                                origin: d.origin,
                                            },
                                        );
                                    } else {
                                        env.insert(n, d);
                                    }
                                }
                            }
                        }
                    }
                }
                StmtKind::Param { names, constraint } => {
                    let c = match constraint {
                        Some(c) => {
                            let mut cx = Cx::new(&env, &var, &later, self.given());
                            let r = cx.constraint(c);
                            self.flush(name, text, cx);
                            r
                        }
                        None => Some(Constraint::any()),
                    };
                    for id in names {
                        if self.check_new_name(name, text, &env, &var_name, id) {
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
                            define(&mut env, id, kind);
                        } else {
                            reject_redefined(&mut env, id, line_of(id.span.start), 0);
                        }
                    }
                }
                StmtKind::Fn(names) => {
                    for id in names {
                        if self.check_new_name(name, text, &env, &var_name, id) {
                            define(&mut env, id, DefKind::Fn);
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
                    let fresh = self.check_new_name(name, text, &env, &var_name, id);
                    let mut cx = Cx::new(&env, &var, &later, self.given());
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
                        define(&mut env, id, kind);
                    }
                }
                StmtKind::Assume(claim) => {
                    let mut cx = Cx::new(&env, &var, &later, self.given());
                    let kind = cx.claim(claim);
                    let failed = !cx.errors.is_empty();
                    let uses_rejected = cx.rejected.first().cloned();
                    self.flush(name, text, cx);
                    // A hypothesis that is not understood is never dropped:
                    // it is recorded, and claims about `fn`s become unknown.
                    let pos = pos_of(claim.span.start);
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
                        match self.ask_assume(name, claim.span.clone(), &kind, &var) {
                            Some((msg, help)) => {
                                reject("it is not of a supported form".into());
                                self.error(name, text, claim.span.clone(), msg, Some(help))
                            }
                            None => {
                                let pos = pos_of(claim.span.start);
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
                    let mut cx = Cx::new(&env, &var, &later, self.given());
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
                            pos: pos_of(s.span.start),
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
                    let mut cx = Cx::new(&env, &var, &later, self.given());
                    let kind = cx.show(show);
                    let (subst, box_, assignments) = cx.wheres(wheres, text);
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
                            pos: pos_of(s.span.start),
                            text: collapse(text.get(text_span.clone()).unwrap_or("")),
                            kind,
                            params: box_,
                            assignments,
                        }));
                    }
                }
                StmtKind::Plot(p) => {
                    let cx = Cx::new(&env, &var, &later, self.given());
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
            // What the validation step prepares (conflicts, a model) and
            // then gives every claim.
            let hyps = std::sync::Arc::new(Hypotheses {
                fns,
                facts: facts.clone(),
                rejected: rejected.clone(),
                ..Default::default()
            });
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

    /// The answer to "is this `assume` (its claim at `span` of `file`) of a
    /// supported form?": `Some((message, help))` when it is not; `None`
    /// when it is, or is not answered yet (then it is recorded, for the
    /// validation step to answer).
    fn ask_assume(
        &mut self,
        file: &str,
        span: Span,
        kind: &crate::ir::ClaimKind,
        var: &str,
    ) -> Option<(String, String)> {
        let key = (file.to_string(), span);
        match self.given.answers.assumes.get(&key) {
            Some(a) => a.clone(),
            None => {
                self.assumes.push(AssumeQuestion {
                    file: key.0,
                    span: key.1,
                    kind: kind.clone(),
                    var: var.to_string(),
                });
                None
            }
        }
    }

    /// Where a `var` tends: `Some(false)` for +oo (`var n`, `var n -> oo`),
    /// `Some(true)` for 0 from above (`var eps -> 0`), `None` (an error is
    /// reported at the target) for anything else.
    fn var_target(
        &mut self,
        file: &str,
        text: &str,
        id: &Ident,
        target: Option<&crate::syntax::ast::Bound>,
    ) -> Option<bool> {
        use crate::syntax::ast::{Bound, ExprKind};
        use num_traits::Zero;
        let v = &id.name;
        match target {
            None | Some(Bound::PosInf(_)) => Some(false),
            Some(Bound::Finite(e)) if matches!(&e.kind, ExprKind::Num(q) if q.is_zero()) => {
                Some(true)
            }
            Some(Bound::Finite(e)) => {
                let written = text.get(e.span.clone()).unwrap_or("").trim();
                self.error(
                    file,
                    text,
                    e.span.clone(),
                    format!("`var {v} -> {written}`: a variable tends to +oo (`var {v}`) or to 0 from above (`var {v} -> 0`)"),
                    Some(format!("to let a quantity x tend to {written}, declare `var {v} -> 0` and write x as `{written} + {v}` (or `{written} - {v}`)")),
                );
                None
            }
            Some(Bound::NegInf(sp)) => {
                self.error(
                    file,
                    text,
                    sp.clone(),
                    format!("`var {v} -> -oo`: a variable tends to +oo (`var {v}`) or to 0 from above (`var {v} -> 0`)"),
                    Some(format!("declare `var {v}` and write `-{v}` where the quantity tending to -oo appears")),
                );
                None
            }
        }
    }

    pub(super) fn flush(&mut self, file: &str, text: &str, cx: Cx) {
        self.total_nodes = self.total_nodes.saturating_add(cx.nodes);
        for q in cx.asked {
            if self.asked_set.insert(q.clone()) {
                self.asked.push(q);
            }
        }
        for (s, m, h) in cx.errors {
            self.error(file, text, s, m, h);
        }
    }

    /// Checks that `id` may be defined now; reports why not.
    pub(super) fn check_new_name(
        &mut self,
        file: &str,
        text: &str,
        env: &Env,
        var: &str,
        id: &Ident,
    ) -> bool {
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
