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

mod invert;
mod solve;
mod terms;

use crate::ir::{Cause, ClaimKind, Cmp, Decision, Expr, Opt, OptKind, ParamBox, Range, Verdict};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Why a `least` was not resolved by one method: the form is outside it
/// (another method may apply), or the answer is final (no least value
/// exists, a sign is not known).
#[derive(Debug)]
pub(crate) enum Failure {
    Outside(String),
    Final(String),
}

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
            Regime::From(n) => proved(crate::threshold::decide_from(
                e,
                op,
                &zero,
                n,
                self.params,
                self.var,
            )),
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
    /// Whether `value` equals the optimum or is only asymptotically
    /// equivalent to it.
    pub exact: bool,
    /// How an inexact value was found.
    pub how: &'static str,
    /// An inexact value known only up to a constant factor.
    pub theta: bool,
    /// Exact bounds of the optimum at a point, when it has no closed form.
    pub bracket: Option<(crate::ir::Q, crate::ir::Q)>,
    /// The comparison a `least` without a closed form inverts.
    pub inversion: Option<Box<Inversion>>,
    /// The internal name of the bound variable (identifies the binder).
    key: String,
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
    // the body's own optima first, for every value of this bound variable
    // in its range (it is a parameter of theirs)
    let mut inner = o.params.clone();
    inner.params.insert(opt.bound.clone(), opt.range.clone());
    let io = Oracle {
        params: &inner,
        var: o.var,
        regime: o.regime.clone(),
    };
    let (body, mut notes) = resolve(&opt.body, &io)?;
    if let Some(n) = notes.iter().find(|n| !n.exact) {
        return Err(format!(
            "`{}` is known only up to asymptotic equivalence (~ {}), not as a value to optimise or invert further",
            n.written,
            n.value.display(o.var)
        ));
    }
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
                Cmp::Ge | Cmp::Gt => Expr::sub(rhs.clone(), body.clone()),
                _ => Expr::sub(body.clone(), rhs.clone()),
            };
            let closed = terms::decompose(&g, x, o)
                .map_err(Failure::Outside)
                .and_then(|ts| solve::least(ts, &from, x, o));
            match closed {
                Ok(s) => s,
                // no closed form: invert the bound asymptotically
                Err(Failure::Outside(why)) => match invert::least(&body, *op, &rhs, &from, x, o) {
                    Ok(s) => s,
                    Err(Failure::Outside(_)) => return Err(why),
                    Err(Failure::Final(inv)) => return Err(inv),
                },
                Err(Failure::Final(why)) => return Err(why),
            }
        }
    };
    notes.push(Note {
        written: Expr::Opt(Box::new(opt.clone())).display(o.var).to_string(),
        value: solved.value.clone(),
        attained: solved.attained,
        bound: crate::ir::written_name(&opt.bound).to_string(),
        point: solved.point,
        exact: solved.exact,
        how: solved.how,
        theta: solved.theta,
        bracket: solved.bracket,
        inversion: solved.inversion,
        key: opt.bound.clone(),
    });
    Ok((solved.value, notes))
}

/// A claim whose optima are resolved.
pub enum Resolution {
    /// Decided from the definition of inf and sup alone (`f(t) >= inf x:
    /// f(x)` for an admissible t), whatever the body.
    Decided(Decision),
    /// Each optimum replaced by its closed form (or, in a claim invariant
    /// under `~`, by an asymptotically equivalent function).
    Closed(ClaimKind, Vec<Note>),
    /// A comparison with a `least` that has no closed form, reduced to
    /// claims about the bound it inverts: the comparison is proved when
    /// every claim of `prove` is, refuted when every claim of `disprove`
    /// is (and `disprove` is not empty) or when `refuted_by` is refuted.
    /// Each claim comes with the parameters it is decided over.
    Reduced {
        prove: Vec<(ClaimKind, ParamBox)>,
        disprove: Vec<(ClaimKind, ParamBox)>,
        refuted_by: Option<(ClaimKind, ParamBox)>,
        /// What the claims are about, for the reason (`the bound at m = B`).
        about: String,
        notes: Vec<Note>,
    },
}

/// The comparison a `least` without a closed form inverts: `h(X) op c`,
/// with `h` in the bound variable `x` alone (and the parameters) and `c`
/// in the file's variable alone; `from` is the start.
#[derive(Clone, Debug)]
pub struct Inversion {
    pub h: Expr,
    pub x: String,
    pub c: Expr,
    pub op: Cmp,
    pub from: Expr,
}

/// A claim with every optimum resolved in the claim's regime, and the
/// notes; or the `unknown` decision that says which could not be.
pub fn resolve_claim(
    kind: &ClaimKind,
    params: &ParamBox,
    var: &str,
) -> Result<Resolution, Decision> {
    let o = Oracle {
        params,
        var,
        regime: Regime::of(kind),
    };
    if let Some(d) = by_definition(kind, &o) {
        return Ok(Resolution::Decided(d));
    }
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
    if let Some(why) = failed.into_inner() {
        return Err(Decision::unknown(Cause::Optimum(why)));
    }
    let notes = notes.into_inner();
    if let Some(n) = notes.iter().find(|n| n.bracket.is_some()) {
        return bracket(kind, n, notes.clone(), params);
    }
    if let Some(r) = notes
        .iter()
        .find_map(|n| reduce_least(kind, n, &notes, params, var))
    {
        return r;
    }
    let inexact: BTreeSet<String> = notes
        .iter()
        .filter(|n| !n.exact)
        .map(|n| n.key.clone())
        .collect();
    if let Some(n) = notes.iter().find(|n| n.theta) {
        // known up to a constant factor: only Landau claims do not change
        let as_factor = kind.exprs().into_iter().all(|e| factor_only(e, &inexact));
        if !matches!(kind, ClaimKind::Landau { .. }) || !as_factor {
            return Err(Decision::unknown(Cause::Optimum(format!(
                "`{}` has no closed form; it is Theta of {}, which decides O, o, Theta, Omega and omega claims in which it is a factor, not this one",
                n.written,
                n.value.display(var)
            ))));
        }
    }
    if let Some(n) = notes.iter().find(|n| !n.exact) {
        let invariant = matches!(
            kind,
            ClaimKind::Landau { .. } | ClaimKind::Similar { .. } | ClaimKind::Limit { .. }
        );
        let as_factor = kind.exprs().into_iter().all(|e| factor_only(e, &inexact));
        if !invariant || !as_factor {
            return Err(Decision::unknown(Cause::Optimum(format!(
                "`{}` has no closed form; it is asymptotically equivalent to {}, which decides O, o, Theta, Omega, omega, ~ and lim claims in which it is a factor (a product, quotient or constant power), not this one",
                n.written,
                n.value.display(var)
            ))));
        }
    }
    Ok(Resolution::Closed(out, notes))
}

/// A claim `A op B at n = N` where one side is an optimum known at the
/// point only between exact bounds (the other side free of optima): the
/// claim at the bound that makes it hardest, and at the other.
fn bracket(
    kind: &ClaimKind,
    n: &Note,
    notes: Vec<Note>,
    params: &ParamBox,
) -> Result<Resolution, Decision> {
    let Some((lo, hi)) = n.bracket.clone() else {
        return Err(Decision::unknown("internal: no bracket"));
    };
    let is_it = |e: &Expr| matches!(e, Expr::Opt(o) if o.bound == n.key);
    let why = || {
        Decision::unknown(Cause::Optimum(format!(
            "`{}` at this point lies in [{}, {}] (no closed form); that decides a comparison with it as one whole side only",
            n.written,
            crate::threshold::fmt_num(&lo),
            crate::threshold::fmt_num(&hi)
        )))
    };
    let ClaimKind::Ineq {
        lhs,
        op,
        rhs,
        range: range @ Range::At(_),
    } = kind
    else {
        return Err(why());
    };
    let (left, right) = (is_it(lhs), is_it(rhs));
    let other = if left { rhs } else { lhs };
    if left == right || other.has_opt() || matches!(op, Cmp::Eq | Cmp::Ne) {
        return Err(why());
    }
    // the optimum on the small side of `<=` (or the large side of `>=`):
    // a larger value makes the claim harder
    let small = left == matches!(op, Cmp::Le | Cmp::Lt);
    let about = format!(
        "`{}` lies in [{}, {}] here",
        n.written,
        crate::threshold::fmt_num(&lo),
        crate::threshold::fmt_num(&hi)
    );
    let (hard, easy) = if small { (hi, lo) } else { (lo, hi) };
    let with = |v: crate::ir::Q| {
        let v = Expr::Num(v);
        let (l, r) = if left {
            (v, other.clone())
        } else {
            (other.clone(), v)
        };
        ClaimKind::Ineq {
            lhs: l,
            op: *op,
            rhs: r,
            range: range.clone(),
        }
    };
    Ok(Resolution::Reduced {
        prove: vec![(with(hard), params.clone())],
        disprove: vec![],
        refuted_by: Some((with(easy), params.clone())),
        about,
        notes,
    })
}

/// A comparison `N op B` (or `B op N`), for all small or large values of
/// the variable or from a point on, where N is a `least` without a closed
/// form inverting `h(X) opl c`: reduced to claims about h at B.
///
/// - `N <= B` ("B samples suffice") holds when h is on the right side of c
///   at every X >= B. For all large values of the variable: when `B -> oo`
///   and `h(B) opl c` (h is eventually monotone in the right direction,
///   being an exp–log expression that tends to 0 or to oo). From a point
///   on: when `B >= start`, `B > 0` and `h(B*u) opl c` for every u >= 1
///   (u a parameter). With `<`, the comparison must hold strictly.
/// - `N > B` holds when the comparison fails at B: `h(B) not-opl c` (if
///   B >= start, N > B by the definition of N; if not, N >= start > B).
///
/// So `N <= B` is refuted by `N > B` (or by a refutation of `h(B) opl c`,
/// which names where the comparison fails at B), and `N >= B` is refuted by
/// `N < B`.
fn reduce_least(
    kind: &ClaimKind,
    n: &Note,
    notes: &[Note],
    params: &ParamBox,
    var: &str,
) -> Option<Result<Resolution, Decision>> {
    let inv = n.inversion.as_deref()?;
    let (lhs, op, rhs, range) = kind.as_ineq()?;
    if matches!(range, Range::At(_)) || matches!(op, Cmp::Eq | Cmp::Ne) {
        return None;
    }
    let is_it = |e: &Expr| matches!(e, Expr::Opt(o) if o.bound == n.key);
    let (left, right) = (is_it(lhs), is_it(rhs));
    if left == right {
        return None;
    }
    let (b, cop) = if left { (rhs, *op) } else { (lhs, flip(*op)) };
    if b.has_opt() {
        return None;
    }
    let at = |v: &Expr| {
        inv.h
            .replace_nodes(&|e| matches!(e, Expr::Param(p) if p == &inv.x).then(|| v.clone()))
    };
    let ineq = |l: Expr, op: Cmp, r: Expr| ClaimKind::Ineq {
        lhs: l,
        op,
        rhs: r,
        range: range.clone(),
    };
    let strictly = |op: Cmp| match op {
        Cmp::Le => Cmp::Lt,
        Cmp::Ge => Cmp::Gt,
        o => o,
    };
    let not = |op: Cmp| match op {
        Cmp::Le => Cmp::Gt,
        Cmp::Lt => Cmp::Ge,
        Cmp::Ge => Cmp::Lt,
        _ => Cmp::Le,
    };
    let p = || params.clone();
    let suffices = |strict: bool| -> Vec<(ClaimKind, ParamBox)> {
        let op = if strict { strictly(inv.op) } else { inv.op };
        match range {
            Range::From(_) => {
                let u = crate::ir::bound_name("u", usize::MAX);
                let mut with_u = params.clone();
                with_u.params.insert(
                    u.clone(),
                    crate::ir::Constraint {
                        lo: crate::ir::Endpoint::Finite {
                            value: crate::ir::Q::from_integer(1.into()),
                            closed: true,
                        },
                        hi: crate::ir::Endpoint::Infinite,
                    },
                );
                let bu = Expr::mul(b.clone(), Expr::Param(u));
                vec![
                    (ineq(b.clone(), Cmp::Ge, inv.from.clone()), p()),
                    (ineq(b.clone(), Cmp::Gt, Expr::int(0)), p()),
                    (ineq(at(&bu), op, inv.c.clone()), with_u),
                ]
            }
            _ => vec![
                (
                    ClaimKind::Limit {
                        expr: b.clone(),
                        target: crate::ir::LimitTarget::PosInf,
                    },
                    p(),
                ),
                (ineq(at(b), op, inv.c.clone()), p()),
            ],
        }
    };
    let fails_at = || vec![(ineq(at(b), not(inv.op), inv.c.clone()), p())];
    let (prove, disprove, refuted_by) = match cop {
        Cmp::Le | Cmp::Lt => (
            suffices(cop == Cmp::Lt),
            fails_at(),
            Some((ineq(at(b), inv.op, inv.c.clone()), p())),
        ),
        Cmp::Ge => (fails_at(), suffices(true), None),
        _ => (fails_at(), suffices(false), None),
    };
    let about = format!(
        "the bound the `least` inverts, at {} = {}",
        crate::ir::written_name(&inv.x),
        crate::reason::expr(b, var)
    );
    Some(Ok(Resolution::Reduced {
        prove,
        disprove,
        refuted_by,
        about,
        notes: notes.to_vec(),
    }))
}

/// `inf X R: f(X) <= f(t)` and `sup X R: f(X) >= f(t)` (either way round)
/// when the other side is the body at some t the oracle proves admissible
/// (in R) in the claim's regime: true by the definition of inf and sup,
/// for any body, closed form or not.
fn by_definition(kind: &ClaimKind, o: &Oracle) -> Option<Decision> {
    let ClaimKind::Ineq { lhs, op, rhs, .. } = kind else {
        return None;
    };
    // (the optimum, the other side): the optimum on the small side of <=
    // must be an inf, on the large side a sup
    let (opt, other, small) = match (lhs, rhs, op) {
        (Expr::Opt(x), b, Cmp::Le) | (b, Expr::Opt(x), Cmp::Ge) => (x, b, true),
        (Expr::Opt(x), b, Cmp::Ge) | (b, Expr::Opt(x), Cmp::Le) => (x, b, false),
        _ => return None,
    };
    let fits = match opt.kind {
        OptKind::Inf => small,
        OptKind::Sup => !small,
        OptKind::Least { .. } => false,
    };
    if !fits || other.has_opt() {
        return None;
    }
    let mut t = None;
    if !unify(&opt.body, other, &opt.bound, &mut t) {
        return None;
    }
    let t = t?;
    let end_ok = |end: &crate::ir::Endpoint, low: bool| match end {
        crate::ir::Endpoint::Infinite => true,
        crate::ir::Endpoint::Finite { value, closed } => {
            let d = if low {
                Expr::sub(t.clone(), Expr::Num(value.clone()))
            } else {
                Expr::sub(Expr::Num(value.clone()), t.clone())
            };
            o.holds(&d, if *closed { Cmp::Ge } else { Cmp::Gt })
        }
    };
    if !(end_ok(&opt.range.lo, true) && end_ok(&opt.range.hi, false)) {
        return None;
    }
    let word = if opt.kind == OptKind::Inf {
        "inf"
    } else {
        "sup"
    };
    Some(Decision::proved(format!(
        "the other side is the body at {} = {}, which is in the range {}{}: an {word} is {} every value of its body",
        crate::ir::written_name(&opt.bound),
        crate::reason::expr(&t, o.var),
        opt.range,
        o.regime_words(),
        if opt.kind == OptKind::Inf { "at most" } else { "at least" }
    )))
}

/// Is `e` the pattern with the bound variable `x` replaced by one
/// expression throughout (recorded in `t`)?
fn unify(pattern: &Expr, e: &Expr, x: &str, t: &mut Option<Expr>) -> bool {
    crate::stack::guard!(unify(pattern, e, x, t));
    if matches!(pattern, Expr::Param(p) if p == x) {
        return match t {
            Some(v) => v == e,
            None => {
                *t = Some(e.clone());
                true
            }
        };
    }
    let (ps, es): (Vec<_>, Vec<_>) = (pattern.children().collect(), e.children().collect());
    let same_node = match (pattern, e) {
        (Expr::Neg(_), Expr::Neg(_))
        | (Expr::Add(..), Expr::Add(..))
        | (Expr::Sub(..), Expr::Sub(..))
        | (Expr::Mul(..), Expr::Mul(..))
        | (Expr::Div(..), Expr::Div(..))
        | (Expr::Pow(..), Expr::Pow(..)) => true,
        (Expr::Call(f, _), Expr::Call(g, _)) => f == g,
        (a, b) if ps.is_empty() => a == b,
        _ => false,
    };
    same_node && ps.len() == es.len() && ps.iter().zip(es).all(|(p, q)| unify(p, q, x, t))
}

/// `B op N` read as `N flip(op) B`.
fn flip(op: Cmp) -> Cmp {
    match op {
        Cmp::Le => Cmp::Ge,
        Cmp::Lt => Cmp::Gt,
        Cmp::Ge => Cmp::Le,
        Cmp::Gt => Cmp::Lt,
        o => o,
    }
}

/// Does every optimum of `inexact` in `e` sit where replacing it by an
/// asymptotically equivalent function gives an asymptotically equivalent
/// `e`: reached only through products, quotients, negations, square
/// roots and powers with exponents free of the variable?
fn factor_only(e: &Expr, inexact: &BTreeSet<String>) -> bool {
    crate::stack::guard!(factor_only(e, inexact));
    let mentions = |x: &Expr| {
        let mut stack = vec![x];
        while let Some(y) = stack.pop() {
            if matches!(y, Expr::Opt(o) if inexact.contains(&o.bound)) {
                return true;
            }
            stack.extend(y.children());
        }
        false
    };
    match e {
        Expr::Opt(o) if inexact.contains(&o.bound) => true,
        Expr::Mul(a, b) | Expr::Div(a, b) => factor_only(a, inexact) && factor_only(b, inexact),
        Expr::Neg(a) => factor_only(a, inexact),
        Expr::Pow(a, b) => factor_only(a, inexact) && !b.has_var() && !mentions(b),
        Expr::Call(crate::ir::Func::Sqrt, args) => args.iter().all(|a| factor_only(a, inexact)),
        _ => !mentions(e),
    }
}

/// Does the claim contain an `inf`, `sup` or `least`?
pub fn claim_has_opt(kind: &ClaimKind) -> bool {
    kind.exprs().into_iter().any(Expr::has_opt)
}
