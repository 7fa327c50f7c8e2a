//! Expressions: the lowering context of one statement, and names, calls
//! and definitions resolved into `Expr`.

use super::ask::{plainly_positive, Answers, Question};
use super::fold::*;
use super::scope::*;
use super::*;
use crate::ir::{Expr, Func, OptKind, Q};
use crate::syntax::ast::{BinOp, Expr as Ast, ExprKind, Ident, Span};
use crate::syntax::{closest, is_builtin, is_reserved, MAX_DEPTH};

use std::cell::Cell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The lowering context of one statement.
pub(super) struct Cx<'a> {
    pub(super) env: &'a Env,
    /// The variable's name as written (`n`, `eps`).
    pub(super) var: &'a str,
    /// The variable as the engines see it: `n`, or `1/eps` for `var eps ->
    /// 0`, where every `eps` is lowered to `1/t` (see `ir::zero_var`).
    pub(super) shown: &'a str,
    pub(super) later: &'a BTreeMap<String, usize>,
    /// Formal arguments of the `let` being defined.
    pub(super) formals: Vec<String>,
    pub(super) current_let: Option<String>,
    /// "definition" or "expression", for the size message.
    pub(super) what: &'static str,
    pub(super) nodes: usize,
    pub(super) budget_reported: bool,
    pub(super) errors: Problems,
    /// Why each rejected declaration used so far was rejected (see
    /// `DefKind::Broken`).
    pub(super) rejected: Vec<String>,
    /// The bound variables of the `inf`/`sup`/`least` being lowered,
    /// innermost last: (name as written, internal name).
    pub(super) bound: Vec<(String, String)>,
    /// The answers known to the validation step (see `ask`).
    pub(super) answers: Rc<Answers>,
    /// The binders numbered so far while loading this file (see `Given`).
    pub(super) binders: Rc<Cell<usize>>,
    /// The questions met that `answers` does not answer, in order.
    pub(super) asked: Vec<Question>,
}

/// What every statement of one load shares: the answers of the validation
/// step, and the serial numbers of bound variables, counted from 0 in each
/// load (imports included), so that every binder's internal name is unique
/// in a program (see `ir::bound_name`) and the same file always gets the
/// same names, whatever else is loaded at the same time.
#[derive(Clone, Default)]
pub(super) struct Given {
    pub(super) answers: Rc<Answers>,
    pub(super) binders: Rc<Cell<usize>>,
}

impl<'a> Cx<'a> {
    pub(super) fn new(
        env: &'a Env,
        var: &'a str,
        later: &'a BTreeMap<String, usize>,
        given: Given,
    ) -> Cx<'a> {
        Cx {
            env,
            var: crate::ir::var_name(var),
            shown: var,
            later,
            formals: Vec::new(),
            current_let: None,
            what: "expression",
            nodes: 0,
            budget_reported: false,
            errors: Vec::new(),
            rejected: Vec::new(),
            bound: Vec::new(),
            answers: given.answers,
            binders: given.binders,
            asked: Vec::new(),
        }
    }

    pub(super) fn err(&mut self, span: Span, msg: impl Into<String>, help: Option<String>) {
        self.errors.push((span, msg.into(), help));
    }

    /// Charges `n` nodes; reports (once) and fails when over the budget.
    pub(super) fn charge(&mut self, n: usize, span: &Span) -> bool {
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

    pub(super) fn leaf(&mut self, e: Expr, val: Option<Q>, span: &Span) -> Option<L> {
        if !self.charge(1, span) {
            return None;
        }
        Some(L { e, depth: 1, val })
    }

    /// Wraps a freshly built node: depth, budget and visible domain errors.
    pub(super) fn finish(
        &mut self,
        e: Expr,
        depth: usize,
        kids: &[Option<Q>],
        span: &Span,
    ) -> Option<L> {
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
        if let Some((p, help)) = self.question(&e).and_then(|q| self.ask(q)) {
            self.err(span.clone(), p, Some(help));
            return None;
        }
        let val = fold_node(&e, kids);
        Some(L { e, depth, val })
    }

    /// The question a node asks about its argument (a logarithm's, a square
    /// root's, a division's denominator), when one is needed: only
    /// arguments that depend on the variable, free of `fn`s, of `let`
    /// arguments (whose values are not known until the call) and of bound
    /// variables, and not plainly positive (see `ask::plainly_positive`).
    fn question(&self, e: &Expr) -> Option<Question> {
        // Pure tests, the one that collects the parameters last.
        let eligible = |a: &Expr| {
            a.has_var()
                && !a.has_fn()
                && !plainly_positive(a)
                && a.params()
                    .iter()
                    .all(|p| !p.starts_with('\u{0}') && !crate::ir::is_bound_name(p))
        };
        let params = || {
            self.env
                .iter()
                .filter_map(|(name, d)| match &d.kind {
                    DefKind::Param(c) => Some((name.clone(), c.clone())),
                    _ => None,
                })
                .collect()
        };
        let var = self.shown.to_string();
        match e {
            Expr::Call(func @ (Func::Log | Func::Log2 | Func::Log10), args) => {
                let arg = args.first().filter(|a| eligible(a))?.clone();
                Some(Question::Log {
                    func: *func,
                    arg,
                    params: params(),
                    var,
                })
            }
            Expr::Call(Func::Sqrt, args) => {
                let arg = args.first().filter(|a| eligible(a))?.clone();
                Some(Question::Sqrt {
                    arg,
                    params: params(),
                    var,
                })
            }
            Expr::Div(_, b) if eligible(b) => Some(Question::Div {
                den: (**b).clone(),
                params: params(),
                var,
            }),
            _ => None,
        }
    }

    /// The answer to `q`: `Some((message, help))` when it is a problem;
    /// `None` when it is not, or is not answered yet (then it is recorded,
    /// for the validation step to answer).
    pub(super) fn ask(&mut self, q: Question) -> Option<(String, String)> {
        match self.answers.nodes.get(&q) {
            Some(a) => a.clone(),
            None => {
                self.asked.push(q);
                None
            }
        }
    }

    pub(super) fn lower(&mut self, a: &Ast) -> Option<L> {
        crate::stack::guard!(self.lower(a));
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
            ExprKind::Extremum {
                sup,
                var,
                constraint,
                body,
            } => {
                let range = self.constraint(constraint);
                let kind = if *sup { OptKind::Sup } else { OptKind::Inf };
                self.binder(var, range?, kind, body, None, &a.span)
            }
            ExprKind::Least {
                var,
                from,
                lhs,
                op,
                rhs,
                ..
            } => {
                let start = self.constant(from, "the start of a `least`")?;
                let range = match &start {
                    Expr::Num(q) => crate::ir::Constraint {
                        lo: crate::ir::Endpoint::Finite {
                            value: q.clone(),
                            closed: true,
                        },
                        hi: crate::ir::Endpoint::Infinite,
                    },
                    _ => crate::ir::Constraint::any(),
                };
                let kind = OptKind::Least {
                    from: start,
                    op: *op,
                    rhs: Expr::int(0),
                };
                self.binder(var, range, kind, lhs, Some(rhs), &a.span)
            }
        }
    }

    /// An `inf`/`sup` (`rhs` None) or a `least` (the comparison's right
    /// side in `rhs`): the bound variable must be a new name; the body is
    /// lowered with it in scope.
    fn binder(
        &mut self,
        var: &Ident,
        range: crate::ir::Constraint,
        mut kind: OptKind,
        body: &Ast,
        rhs: Option<&Ast>,
        span: &Span,
    ) -> Option<L> {
        let x = var.name.as_str();
        let clash = if is_reserved(x) {
            Some(format!(
                "`{x}` is a reserved word and cannot be a bound variable"
            ))
        } else if x == self.var {
            Some(format!("`{x}` is the variable of the file"))
        } else if self.env.contains_key(x) || self.formals.iter().any(|f| f == x) {
            Some(format!("`{x}` is already declared"))
        } else if self.bound.iter().any(|(w, _)| w == x) {
            Some(format!(
                "`{x}` is already bound by an enclosing `inf`, `sup` or `least`"
            ))
        } else {
            None
        };
        if let Some(msg) = clash {
            self.err(
                var.span.clone(),
                format!("{msg}: the variable of an `inf`, `sup` or `least` must be a new name"),
                Some("give the bound variable a name of its own (`lam`, `m`, ...)".to_string()),
            );
            return None;
        }
        let serial = self.binders.get();
        self.binders.set(serial + 1);
        let internal = crate::ir::bound_name(x, serial);
        self.bound.push((x.to_string(), internal.clone()));
        let b = self.lower(body);
        let r = rhs.map(|r| self.lower(r));
        self.bound.pop();
        let b = b?;
        let mut depth = b.depth;
        if let (OptKind::Least { rhs: slot, .. }, Some(r)) = (&mut kind, r) {
            let r = r?;
            depth = depth.max(r.depth);
            *slot = r.e;
        }
        let e = Expr::Opt(Box::new(crate::ir::Opt {
            kind,
            bound: internal,
            range,
            body: b.e,
        }));
        self.finish(e, depth + 1, &[], span)
    }

    pub(super) fn candidates(&self) -> Vec<String> {
        let mut c: Vec<String> = self.env.keys().cloned().collect();
        c.push(self.var.to_string());
        c.extend(self.formals.iter().cloned());
        c.sort();
        c.dedup();
        c
    }

    pub(super) fn unknown(&mut self, n: &str, span: &Span, as_function: bool) -> Option<L> {
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

    pub(super) fn name(&mut self, n: &str, span: &Span) -> Option<L> {
        if let Some((_, internal)) = self.bound.iter().rev().find(|(w, _)| w == n) {
            let e = Expr::Param(internal.clone());
            return self.leaf(e, None, span);
        }
        if let Some(i) = self.formals.iter().position(|f| f == n) {
            return self.leaf(Expr::Param(placeholder(i)), None, span);
        }
        if n == self.var {
            if crate::ir::zero_var(self.shown).is_some() {
                // eps = 1/t, t -> +oo
                if !self.charge(2, span) {
                    return None;
                }
                return Some(L {
                    e: Expr::div(Expr::int(1), Expr::Var),
                    depth: 2,
                    val: None,
                });
            }
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
        let env = self.env;
        let def = match env.get(n) {
            Some(d) => d,
            None => return self.unknown(n, span, false),
        };
        match &def.kind {
            DefKind::Param(_) => self.leaf(Expr::Param(n.to_string()), None, span),
            DefKind::Fn => self.leaf(Expr::Fn(n.to_string()), None, span),
            DefKind::Broken { why, .. } => {
                self.rejected.push(why.clone());
                None
            }
            &DefKind::Let {
                arity,
                ref body,
                depth,
                size,
                ref val,
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
                    e: body.clone(),
                    depth,
                    val: val.clone(),
                })
            }
        }
    }

    pub(super) fn call(&mut self, f: &Ident, args: &[Ast], span: &Span) -> Option<L> {
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
        if self.bound.iter().any(|(w, _)| w == n) {
            let (m, h) = not_function("a bound variable");
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
        let env = self.env;
        let def = match env.get(n) {
            Some(d) => d,
            None => return self.unknown(n, &f.span, true),
        };
        match &def.kind {
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
            &DefKind::Broken { arity, ref why } => {
                self.rejected.push(why.clone());
                if arity != args.len() {
                    self.err(
                        span.clone(),
                        format!("{n} takes {arity} {}, got {}", plural(arity), args.len()),
                        None,
                    );
                }
                None
            }
            &DefKind::Let {
                arity, ref body, ..
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
                let out = subst_params(body, &map, &mut budget);
                let used = remaining - budget;
                let out = match out {
                    Some(o) if self.charge(used, span) => o,
                    _ => {
                        let _ = self.charge(MAX_NODES + 1, span);
                        return None;
                    }
                };
                let _ = arg_depth;
                let depth = depth_of(&out);
                if depth > MAX_DEPTH {
                    self.err(span.clone(), format!("expression nested too deeply (more than {MAX_DEPTH} levels) once definitions are substituted"), None);
                    return None;
                }
                let mut probs = Vec::new();
                let val = analyze(&out, &mut probs);
                if let Some(p) = probs.into_iter().next() {
                    self.err(span.clone(), format!("{p} (in this use of `{n}`)"), None);
                    return None;
                }
                Some(L { e: out, depth, val })
            }
        }
    }

    /// Lowers an expression that must not mention the variable.
    pub(super) fn constant(&mut self, a: &Ast, what: &str) -> Option<Expr> {
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
}
