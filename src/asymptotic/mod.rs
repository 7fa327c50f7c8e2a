//! The asymptotic engine: expansions of power–log functions as n -> +oo,
//! exact coefficients (with parameters and constants such as `log 2`,
//! `sqrt(2)`, `pi`) and the decisions built on them: O, o, Theta, Omega,
//! omega, ~, limits and "eventually" inequalities. Exact arithmetic only.
//!
//! Submodules: `coef` (exact constant coefficients and their signs),
//! `scale` (the `Scale` trait both engines implement, the generic
//! `Series<M>` and `Fail`), `series` (the power–log scale: truncated
//! expansions and `Expr` -> series), `decide` (claim decisions from
//! expansions, generic over the scale), `budget` (the term-budget loops,
//! generic over the scale), `monomial` (Landau claims between single
//! monomials with parameter exponents, from exponent signs), `explog`
//! (the exp–log scale: nested exponentials and logarithms, variable
//! exponents; asked when the power–log engine answers unknown), `memo`
//! (answers of `decide` and `exact_zero_difference` kept for the run),
//! `replay` (whole power–log expansions kept for the run with the
//! context's state before and after them: a hit is an exact replay).

mod arith;
mod budget;
mod coef;
mod decide;
mod expand;
mod explog;
pub(crate) mod memo;
mod monomial;
mod replay;
mod scale;
mod series;
#[cfg(test)]
mod tests;

use crate::exact::Sign;
use crate::ir::{Budget, Cause, ClaimKind, Decision, Expr, ParamBox, Range, Verdict, Q};
use arith::Arith;
use budget::BUDGETS;
pub use coef::Coef;
use expand::{Expand, MAX_DEPTH};
use scale::Fail;
use series::Ctx;
use std::hash::{DefaultHasher, Hasher};

/// Check an expression before expanding it: nesting within the depth guard
/// (walked without unbounded recursion) and no unknown `fn`.
fn precheck(e: &Expr) -> Result<(), Cause> {
    fn walk(e: &Expr, depth: usize) -> Result<(), Cause> {
        crate::stack::guard!(walk(e, depth));
        if depth > MAX_DEPTH {
            return Err(Cause::Budget(Budget::Depth(Some(MAX_DEPTH))));
        }
        match e {
            Expr::Fn(_) => Err(Cause::NotSupported("not supported yet: fn/assume".into())),
            Expr::Opt(_) => Err(Cause::Optimum(crate::ir::OPT_UNRESOLVED.into())),
            Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) => Ok(()),
            Expr::Neg(a) => walk(a, depth + 1),
            Expr::Add(a, b)
            | Expr::Sub(a, b)
            | Expr::Mul(a, b)
            | Expr::Div(a, b)
            | Expr::Pow(a, b) => {
                walk(a, depth + 1)?;
                walk(b, depth + 1)
            }
            Expr::Call(_, args) => args.iter().try_for_each(|x| walk(x, depth + 1)),
        }
    }
    walk(e, 0)
}

thread_local! {
    /// The coefficients whose sign stopped the engine, collected while
    /// [`sign_questions`] runs (`None`: not collecting).
    static QUESTIONS: std::cell::RefCell<Option<Vec<Coef>>> = const { std::cell::RefCell::new(None) };
}

/// Most sign questions kept from one run.
const MAX_QUESTIONS: usize = crate::limits::LIMITS.sign_questions;

/// Called where a coefficient's sign over the parameter box could not be
/// settled (and the engine gives up on that account).
pub(crate) fn note_sign_question(c: &Coef) {
    QUESTIONS.with(|q| {
        if let Some(v) = q.borrow_mut().as_mut() {
            if !v.contains(c) && v.len() < MAX_QUESTIONS {
                v.push(c.clone());
            }
        }
    });
}

/// Is [`sign_questions`] collecting on this thread? (Its run computes
/// every expansion: a replay from the memo would note no question.)
fn collecting_questions() -> bool {
    QUESTIONS.with(|q| q.borrow().is_some())
}

/// The parameter coefficients whose unknown sign stopped the engine on this
/// claim, in the order it asked: where they vanish is where a case
/// analysis over the parameters splits the box (`crate::cases`). Runs the
/// engine afresh (not from the memo) to see its questions.
pub fn sign_questions(kind: &ClaimKind, params: &ParamBox, var: &str) -> Vec<Coef> {
    static MEMO: memo::Memo<(ClaimKind, ParamBox, String), Vec<Coef>> = memo::Memo::new();
    let mut h = DefaultHasher::new();
    memo::hash_kind(kind, &mut h);
    let is = |(k, p, v): &(ClaimKind, ParamBox, String)| k == kind && p == params && v == var;
    let key = || (kind.clone(), params.clone(), var.to_string());
    MEMO.get_or_with(h.finish(), is, key, || {
        QUESTIONS.with(|q| *q.borrow_mut() = Some(Vec::new()));
        let _ = decide_unmemoised(kind, params, var);
        QUESTIONS
            .with(|q| q.borrow_mut().take())
            .unwrap_or_default()
    })
}

/// Decide a Landau, `~`, `lim` or `eventually` claim. Other kinds (and every
/// case the engine cannot settle) answer `unknown` with the reason.
/// `var` is the variable's display name for reasons.
pub fn decide(kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    static MEMO: memo::Memo<(ClaimKind, ParamBox, String), Decision> = memo::Memo::new();
    let mut h = DefaultHasher::new();
    memo::hash_kind(kind, &mut h);
    let is = |(k, p, v): &(ClaimKind, ParamBox, String)| k == kind && p == params && v == var;
    let key = || (kind.clone(), params.clone(), var.to_string());
    MEMO.get_or_with(h.finish(), is, key, || decide_unmemoised(kind, params, var))
}

fn decide_unmemoised(kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    no_panic(|| {
        let d = decide_here(kind, params, var);
        match kind {
            ClaimKind::Landau { lhs, rel, rhs } if d.verdict == Verdict::Unknown => {
                // parameter exponents: decided from exponent signs, if the
                // sides are single monomials
                let mut cx = Ctx::resume(params, var, BUDGETS[0], 0);
                let d = monomial::landau(&mut cx, lhs, *rel, rhs).unwrap_or(d);
                with_explog(d, kind, params, var)
            }
            _ if d.verdict == Verdict::Unknown => with_explog(d, kind, params, var),
            _ => d,
        }
    })
    .unwrap_or_else(|| Decision::unknown("internal error in the asymptotic engine"))
}

/// The power–log answer `d`, or when it is unknown, the exp–log engine's:
/// its verdict if it decides, else the reason that says more (the exp–log
/// engine's when the power–log engine only said the claim is outside its
/// class, [`Cause::OutsideClass`]). A form no engine supports yet
/// ([`Cause::NotSupported`]) is not passed on.
fn with_explog(d: Decision, kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    let root = d.cause().map(Cause::root);
    if d.verdict != Verdict::Unknown || matches!(root, Some(Cause::NotSupported(_))) {
        return d;
    }
    let outside = matches!(root, Some(Cause::OutsideClass(_)));
    if kind_exprs(kind).iter().any(|e| precheck(e).is_err()) {
        return d;
    }
    let e = explog::decide(kind, params, var);
    if e.verdict != Verdict::Unknown || outside {
        e
    } else {
        d
    }
}

fn kind_exprs(kind: &ClaimKind) -> Vec<&Expr> {
    match kind {
        ClaimKind::Landau { lhs, rhs, .. } | ClaimKind::Similar { lhs, rhs } => vec![lhs, rhs],
        ClaimKind::Limit { expr, target } => match target {
            crate::ir::LimitTarget::Finite(l) => vec![expr, l],
            _ => vec![expr],
        },
        ClaimKind::Ineq { lhs, rhs, .. } => vec![lhs, rhs],
        _ => vec![],
    }
}

/// Runs `f`, `None` if it panicked: an engine bug ends in `unknown`, not in
/// a crash of the run.
fn no_panic<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

/// The power–log engine's decision (an `unknown` carries the cause that
/// stopped it).
fn decide_here(kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    let exprs: Vec<&Expr> = match kind {
        ClaimKind::Landau { lhs, rhs, .. } | ClaimKind::Similar { lhs, rhs } => vec![lhs, rhs],
        ClaimKind::Limit { expr, target } => match target {
            crate::ir::LimitTarget::Finite(l) => vec![expr, l],
            _ => vec![expr],
        },
        ClaimKind::Ineq {
            lhs,
            rhs,
            range: Range::Eventually,
            ..
        } => vec![lhs, rhs],
        ClaimKind::Ineq { range, .. } => {
            let what = match range {
                Range::From(_) => "inequalities for n >= N",
                _ => "inequalities at n = N",
            };
            return Decision::unknown(Cause::NotSupported(format!(
                "not supported yet: {what} (threshold)"
            )));
        }
        ClaimKind::Equal { .. } | ClaimKind::NotEqual { .. } => {
            return Decision::unknown(Cause::NotSupported(
                "not supported yet: == / != claims in the asymptotic engine".into(),
            ));
        }
    };
    for e in exprs {
        if let Err(why) = precheck(e) {
            return Decision::unknown(why);
        }
    }
    let r = budget::decide(kind, |k, work| Ctx::resume(params, var, k, work));
    budget::outcome(r, var)
}

/// Does `a - b` expand EXACTLY to 0? True only when the expansion of the
/// difference has no error term (no truncation, no infinite series, at any
/// step) and no term, and no rewrite relied on n being large (`abs`, `min`,
/// `max` choosing by a leading sign; a non-integer power of `log log n`).
/// The engine's exact rewrites (log(c n^a (log n)^b) = log c + a log n +
/// b log log n, (c n^a (log n)^b)^q = c^q n^(aq) (log n)^(bq) for c > 0,
/// exp(p log n) = n^p, polynomial algebra) hold for every n > 1 and at n = 1
/// wherever the expressions are defined, and the coefficients are symbolic
/// (a zero normal form is zero for every parameter value), so `true` means
/// a = b for every n >= 1 where both are defined and every admissible
/// parameter value. Any failure answers `false` ("not shown").
pub fn exact_zero_difference(a: &Expr, b: &Expr, params: &ParamBox) -> bool {
    if precheck(a).is_err() || precheck(b).is_err() {
        return false;
    }
    static MEMO: memo::Memo<(Expr, Expr, ParamBox), bool> = memo::Memo::new();
    let mut h = DefaultHasher::new();
    memo::hash_expr(a, &mut h);
    memo::hash_expr(b, &mut h);
    let is = |(x, y, p): &(Expr, Expr, ParamBox)| x == a && y == b && p == params;
    let key = || (a.clone(), b.clone(), params.clone());
    MEMO.get_or_with(h.finish(), is, key, || exact_zero_unmemoised(a, b, params))
}

fn exact_zero_unmemoised(a: &Expr, b: &Expr, params: &ParamBox) -> bool {
    no_panic(|| {
        exact_zero_here(a, b, params).unwrap_or_else(|| explog::exact_zero_difference(a, b, params))
    })
    .unwrap_or(false)
}

/// `Some(true)`: a - b expands exactly to 0; `Some(false)`: its expansion
/// has a leading term of strict sign, so a - b is not 0 for large n (more
/// terms cannot change that) and the exp-log engine need not try; `None`:
/// not shown here.
fn exact_zero_here(a: &Expr, b: &Expr, params: &ParamBox) -> Option<bool> {
    let mut work = 0;
    for k in BUDGETS {
        let mut cx = Ctx::resume(params, "n", k, work);
        let r = cx
            .expand(a, 0)
            .and_then(|x| Ok((x, cx.expand(b, 0)?)))
            .and_then(|(x, y)| cx.sub(&x, &y));
        work = cx.work();
        match r {
            // exact: the same at every larger budget
            Ok(d) if d.err.is_none() => {
                return (d.terms.is_empty() && !cx.eventual_only()).then_some(true)
            }
            Ok(d) => {
                if matches!(cx.lead_sign(&d), Ok(Sign::Pos | Sign::Neg)) {
                    return Some(false);
                }
                continue;
            }
            Err(Fail::NeedMore) => continue,
            Err(_) => return None,
        }
    }
    None
}

/// The leading term of `e`'s power–log expansion for large values of the
/// variable: (coefficient, a, b, d) for `c * n^a * log(n)^b *
/// log(log(n))^d`; `None` when it cannot be expanded or is 0.
pub fn leading(e: &Expr, params: &ParamBox, var: &str) -> Option<(Expr, Q, Q, Q)> {
    let (o, c) = leading_order(e, params, var)?;
    Some((c.to_expr(), o.a, o.b, o.d))
}

/// The leading term of `e`'s power–log expansion as an expression.
pub fn leading_term(e: &Expr, params: &ParamBox, var: &str) -> Option<Expr> {
    let (o, c) = leading_order(e, params, var)?;
    Some(series::term_expr(&o, &c))
}

/// The order `n^a * log(n)^b * log(log(n))^d` of `e`'s leading term (the
/// number 1 for a term of order 1), coefficient dropped; `None` when `e`
/// cannot be expanded or is 0. Not a proof that `e = Theta(order)`: the
/// leading coefficient may vanish for some parameter values, so a caller
/// that prints the order as a bound proves that claim first.
pub fn leading_order_expr(e: &Expr, params: &ParamBox, var: &str) -> Option<Expr> {
    let (o, _) = leading_order(e, params, var)?;
    Some(o.to_expr().unwrap_or_else(|| Expr::int(1)))
}

/// Memoised on the expression, the parameter box and the variable's name,
/// which are all the budgeted expansion reads (`optimum` asks again about
/// the same bodies for every claim that uses them).
fn leading_order(e: &Expr, params: &ParamBox, var: &str) -> Option<(series::Order, Coef)> {
    precheck(e).ok()?;
    type Key = (Expr, ParamBox, String);
    static MEMO: memo::Memo<Key, Option<(series::Order, Coef)>> = memo::Memo::new();
    let mut h = DefaultHasher::new();
    memo::hash_expr(e, &mut h);
    let is = |(x, p, v): &Key| x == e && p == params && v == var;
    let key = || (e.clone(), params.clone(), var.to_string());
    MEMO.get_or_with(h.finish(), is, key, || {
        leading_order_unmemoised(e, params, var)
    })
}

fn leading_order_unmemoised(
    e: &Expr,
    params: &ParamBox,
    var: &str,
) -> Option<(series::Order, Coef)> {
    no_panic(|| match expand_budgeted(e, params, var) {
        Some(Ok(s)) => s.terms.first().cloned(),
        _ => None,
    })
    .flatten()
}

/// `e`'s expansion with the growing term budgets (see [`budget::expand`]).
fn expand_budgeted(e: &Expr, params: &ParamBox, var: &str) -> Option<Result<series::Series, Fail>> {
    budget::expand(e, |k, work| Ctx::resume(params, var, k, work))
}

/// The asymptotic expansion of `e` as text, e.g.
/// `n^(1/2) + 1/2*n^(-1/2) + O(n^(-3/2))`, or why it could not be computed.
#[cfg(test)]
pub fn describe(e: &Expr, params: &ParamBox, var: &str) -> String {
    describe_terms(e, params, var, 4)
}

/// [`describe`] with the first `terms` terms (at least 1) and the order of
/// the rest, or `cannot expand: ` and why.
pub fn describe_terms(e: &Expr, params: &ParamBox, var: &str, terms: usize) -> String {
    expansion(e, params, var, terms).unwrap_or_else(|why| format!("cannot expand: {why}"))
}

/// `e`'s expansion as text with the first `terms` terms (at least 1) and
/// the order of the rest, or why it could not be computed: the power–log
/// engine's, or the exp–log engine's when the form is outside the
/// power–log class.
pub fn expansion(e: &Expr, params: &ParamBox, var: &str, terms: usize) -> Result<String, Cause> {
    let terms = terms.max(1);
    no_panic(|| match describe_here(e, params, var, terms) {
        Err(Cause::OutsideClass(_)) => explog::describe(e, params, var, terms),
        r => r,
    })
    .unwrap_or_else(|| {
        Err(Cause::Other(
            "internal error in the asymptotic engine".into(),
        ))
    })
}

/// The power–log expansion as text, or why it could not be computed.
fn describe_here(e: &Expr, params: &ParamBox, var: &str, terms: usize) -> Result<String, Cause> {
    precheck(e)?;
    budget::describe(e, var, terms, |k, work| Ctx::resume(params, var, k, work))
}
