//! The term-budget loops both engines run, written once over the `Scale`
//! trait: a claim (or an expansion) is tried with a growing number of kept
//! terms while cancellation leaves nothing above the error term
//! (`Fail::NeedMore`), the work count carried from one budget to the next
//! so that the work limit bounds the whole attempt. Also turns what stopped
//! an engine into the `unknown` decision or the `cannot expand` text.

use super::decide::{self as rules, Sides};
use super::expand::Expand;
use super::scale::{Fail, Scale, Series};
use crate::ir::{Budget, Cause, ClaimKind, Decision, Expr};

/// Term budgets tried in turn when cancellation leaves nothing above the error.
pub const BUDGETS: [usize; 5] = [4, 8, 16, 32, 64];

/// Term budgets for expanding a single expression.
const EXPAND_BUDGETS: [usize; 3] = [6, 16, 64];

/// Decide a Landau, `~`, `lim` or `eventually` claim with the scale
/// `make(k, work)` gives for each term budget `k` (continuing the work
/// count `work`). `Err(Fail::NeedMore)`: even the largest budget needed
/// more terms.
pub fn decide<C: Scale>(
    kind: &ClaimKind,
    mut make: impl FnMut(usize, u64) -> C,
) -> Result<Decision, Fail> {
    let mut work = 0;
    for k in BUDGETS {
        let mut cx = make(k, work);
        let r = match kind {
            ClaimKind::Landau { lhs, rel, rhs } => rules::landau(&mut cx, lhs, *rel, rhs),
            ClaimKind::Similar { lhs, rhs } => cx
                .expand(lhs, 0)
                .and_then(|a| Ok((a, cx.expand(rhs, 0)?)))
                .and_then(|(a, b)| rules::similar(&mut cx, &Sides::new(&a, &b, lhs, rhs))),
            ClaimKind::Limit { expr, target } => cx
                .expand(expr, 0)
                .and_then(|a| rules::limit(&mut cx, &a, expr, target)),
            ClaimKind::Ineq { lhs, op, rhs, .. } => cx
                .expand(lhs, 0)
                .and_then(|a| Ok((a, cx.expand(rhs, 0)?)))
                .and_then(|(a, b)| rules::eventually(&mut cx, &Sides::new(&a, &b, lhs, rhs), *op)),
            _ => {
                return Err(Fail::Unknown(Cause::NotSupported(
                    "not supported yet".into(),
                )))
            }
        };
        work = cx.work();
        match r {
            Err(Fail::NeedMore) => continue,
            r => return r,
        }
    }
    Err(Fail::NeedMore)
}

/// The decision for what [`decide`] returned (an `unknown` carries the
/// cause that stopped the engine).
pub fn outcome(r: Result<Decision, Fail>, var: &str) -> Decision {
    match r {
        Ok(d) => d,
        Err(Fail::Unknown(why)) => Decision::unknown(why),
        Err(Fail::Domain(why)) => Decision::unknown(Cause::Undefined(format!(
            "not defined for {large_var}: {why}",
            large_var = crate::ir::large(var)
        ))),
        Err(Fail::NeedMore) => Decision::unknown(Cause::Budget(Budget::Terms(MOST_TERMS))),
    }
}

/// The largest term budget.
const MOST_TERMS: usize = BUDGETS[BUDGETS.len() - 1];

/// `e`'s expansion with the growing term budgets (6, 16, 64 terms, the
/// work counted across them): the first that gives a term, or an exact 0,
/// or the last one's answer; `None` when even 64 terms need more.
pub fn expand<C: Scale>(
    e: &Expr,
    mut make: impl FnMut(usize, u64) -> C,
) -> Option<Result<Series<C::M>, Fail>> {
    let mut work = 0;
    for k in EXPAND_BUDGETS {
        let mut cx = make(k, work);
        let r = cx.expand(e, 0);
        work = cx.work();
        match r {
            Ok(s) if !s.is_zero() && s.terms.is_empty() && k < 64 => continue,
            Err(Fail::NeedMore) => continue,
            r => return Some(r),
        }
    }
    None
}

/// `e`'s expansion as text (its first `terms` terms and the order of the
/// rest), or why it could not be computed (the text after `cannot expand: `).
pub fn describe<C: Scale>(
    e: &Expr,
    var: &str,
    terms: usize,
    make: impl FnMut(usize, u64) -> C,
) -> Result<String, Cause> {
    match expand(e, make) {
        Some(Ok(s)) => Ok(C::series_text(&s, var, terms)),
        Some(Err(Fail::Unknown(why))) => Err(why),
        Some(Err(Fail::Domain(why))) => Err(Cause::Undefined(format!(
            "not defined for {large_var}: {why}",
            large_var = crate::ir::large(var)
        ))),
        Some(Err(Fail::NeedMore)) | None => Err(Cause::Budget(Budget::Terms(MOST_TERMS))),
    }
}
