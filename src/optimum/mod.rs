//! `inf`, `sup` and `least` resolved before a claim is decided: every
//! [`Expr::Opt`] is replaced by the closed form it equals (`terms` reads the
//! body as a sum of powers and exponentials of the bound variable, `solve`
//! finds the optimum of those forms). The engines never see an `Opt`.
//!
//! A closed form rests on signs (of coefficients, of the turning point
//! against the range's ends), and each sign is proved by the [`Oracle`] in
//! the claim's own regime, for every admissible parameter value: for all
//! large n for asymptotic claims (the closed form then equals the optimum
//! for all large n, which is all such a claim looks at), for every n >= N
//! for `for n >= N`, at the point for `at n = N`, for every n >= 1 for `==`
//! and `!=`. A sign that is not proved leaves the claim `unknown`, naming
//! it. Nothing is taken from a sample or a float.

mod solve;
mod terms;

use crate::ir::{ClaimKind, Cmp, Decision, Expr, Opt, OptKind, ParamBox, Range, Verdict};
use std::cell::RefCell;

/// Where the signs a closed form rests on must hold.
#[derive(Clone, Debug)]
pub enum Regime {
    /// For all large values of the variable.
    Eventually,
    /// For every value of the variable from this one on.
    From(Expr),
    /// At this value of the variable.
    At(Expr),
}

impl Regime {
    /// The regime a claim is decided in.
    pub fn of(kind: &ClaimKind) -> Regime {
        match kind {
            ClaimKind::Ineq {
                range: Range::From(n),
                ..
            } => Regime::From(n.clone()),
            ClaimKind::Ineq {
                range: Range::At(n),
                ..
            } => Regime::At(n.clone()),
            ClaimKind::Equal { .. } | ClaimKind::NotEqual { .. } => Regime::From(Expr::int(1)),
            _ => Regime::Eventually,
        }
    }
}

/// Proves signs of expressions free of the bound variable, in a regime,
/// for every admissible parameter value.
pub struct Oracle<'a> {
    pub params: &'a ParamBox,
    pub var: &'a str,
    pub regime: Regime,
}

impl Oracle<'_> {
    /// Is `e op 0` proved (op one of `<`, `<=`, `>`, `>=`)?
    pub fn holds(&self, e: &Expr, op: Cmp) -> bool {
        let zero = Expr::int(0);
        let proved = |d: Decision| d.verdict == Verdict::Proved;
        let eventually = |e: &Expr| {
            let kind = ClaimKind::Ineq {
                lhs: e.clone(),
                op,
                rhs: zero.clone(),
                range: Range::Eventually,
            };
            proved(crate::asymptotic::decide(&kind, self.params, self.var))
        };
        if e.has_fn() || e.has_opt() {
            return false;
        }
        // a constant's sign does not depend on the regime
        if !e.has_var() {
            return eventually(e);
        }
        match &self.regime {
            Regime::Eventually => eventually(e),
            Regime::From(n) => {
                proved(crate::threshold::decide_from(e, op, &zero, n, self.params, self.var).0)
            }
            Regime::At(n) => proved(crate::threshold::decide_at(
                e,
                op,
                &zero,
                n,
                self.params,
                self.var,
            )),
        }
    }

    /// " for all large n", " for n >= 1", ...: where a sign was asked.
    fn regime_words(&self) -> String {
        let shown = |e: &Expr| e.display(self.var).to_string();
        match &self.regime {
            Regime::Eventually => format!(" for all {}", crate::ir::large(self.var)),
            Regime::From(n) => format!(" for {}", crate::ir::var_from(self.var, &shown(n))),
            Regime::At(n) => format!(" at {}", crate::ir::var_at(self.var, &shown(n))),
        }
    }
}

/// One resolved optimum, for reports: the form as written, its closed form,
/// where it is attained.
#[derive(Clone, Debug)]
pub struct Note {
    pub written: String,
    pub value: Expr,
    pub attained: Option<String>,
    /// The bound variable's name as written, and the point where the
    /// optimum is attained when that is an expression.
    pub bound: String,
    pub point: Option<Expr>,
}

/// `e` with every `inf`/`sup`/`least` replaced by its closed form (inner
/// ones first), and a note for each; or why one could not be resolved.
pub fn resolve(e: &Expr, o: &Oracle) -> Result<(Expr, Vec<Note>), String> {
    if !e.has_opt() {
        return Ok((e.clone(), vec![]));
    }
    let notes = RefCell::new(Vec::new());
    let failed: RefCell<Option<String>> = RefCell::new(None);
    let out = e.replace_nodes(&|x| {
        let Expr::Opt(opt) = x else {
            return None;
        };
        if failed.borrow().is_some() {
            return Some(x.clone());
        }
        match resolve_one(opt, o) {
            Ok((value, mut inner)) => {
                notes.borrow_mut().append(&mut inner);
                Some(value)
            }
            Err(why) => {
                *failed.borrow_mut() =
                    Some(format!("cannot resolve `{}`: {why}", x.display(o.var)));
                Some(x.clone())
            }
        }
    });
    match failed.into_inner() {
        Some(why) => Err(why),
        None => Ok((out, notes.into_inner())),
    }
}

fn resolve_one(opt: &Opt, o: &Oracle) -> Result<(Expr, Vec<Note>), String> {
    // the sub-expressions' own optima first
    let (body, mut notes) = resolve(&opt.body, o)?;
    let x = opt.bound.as_str();
    let solved = match &opt.kind {
        OptKind::Inf | OptKind::Sup => {
            let ts = terms::decompose(&body, x, o)?;
            solve::extremum(ts, &opt.range, x, o, opt.kind == OptKind::Sup)?
        }
        OptKind::Least { from, op, rhs } => {
            let (rhs, more) = resolve(rhs, o)?;
            notes.extend(more);
            let (from, more) = resolve(from, o)?;
            notes.extend(more);
            // G <= 0 with G = lhs - rhs (or rhs - lhs for >=, >)
            let g = match op {
                Cmp::Ge | Cmp::Gt => Expr::sub(rhs, body),
                _ => Expr::sub(body, rhs),
            };
            let ts = terms::decompose(&g, x, o)?;
            solve::least(ts, &from, x, o)?
        }
    };
    notes.push(Note {
        written: Expr::Opt(Box::new(opt.clone())).display(o.var).to_string(),
        value: solved.value.clone(),
        attained: solved.attained,
        bound: crate::ir::written_name(&opt.bound).to_string(),
        point: solved.point,
    });
    Ok((solved.value, notes))
}

/// A claim with every optimum resolved in the claim's regime, and the
/// notes; or the `unknown` decision that says which could not be.
pub fn resolve_claim(
    kind: &ClaimKind,
    params: &ParamBox,
    var: &str,
) -> Result<(ClaimKind, Vec<Note>), Decision> {
    let o = Oracle {
        params,
        var,
        regime: Regime::of(kind),
    };
    let notes = RefCell::new(Vec::new());
    let failed: RefCell<Option<String>> = RefCell::new(None);
    let out = kind.map_exprs(&|e| {
        if failed.borrow().is_some() {
            return e.clone();
        }
        match resolve(e, &o) {
            Ok((r, mut n)) => {
                notes.borrow_mut().append(&mut n);
                r
            }
            Err(why) => {
                *failed.borrow_mut() = Some(why);
                e.clone()
            }
        }
    });
    match failed.into_inner() {
        Some(why) => Err(Decision::unknown(why)),
        None => Ok((out, notes.into_inner())),
    }
}

/// Does the claim contain an `inf`, `sup` or `least`?
pub fn claim_has_opt(kind: &ClaimKind) -> bool {
    kind.exprs().into_iter().any(Expr::has_opt)
}
