//! The exp–log engine: decides claims about Hardy's exp–log functions
//! (nested `exp`/`log`, powers with any exponent expression, parameters in
//! coefficients and exponents) from flattened multiseries over an
//! asymptotic scale of exp–log monomials (`scale`), with exact coefficients
//! (`Coef`), exact monomial comparison and every budget ending in `unknown`.
//! Called by `asymptotic::decide` when the power–log engine answers
//! `unknown`; `decide` holds the claim decisions.

mod decide;
mod scale;
#[cfg(test)]
mod tests;

use crate::asymptotic::series::Fail;
use crate::ir::{ClaimKind, Decision, Expr, ParamBox, Range};
use scale::Cx;

/// Term budgets tried in turn when cancellation leaves nothing above the error.
const BUDGETS: [usize; 5] = [4, 8, 16, 32, 64];

/// Decide a Landau, `~`, `lim` or `eventually` claim over the exp–log class.
/// Runs on the caller's (big) stack.
pub fn decide(kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    if let ClaimKind::Ineq { range, .. } = kind {
        if *range != Range::Eventually {
            return Decision::unknown("not supported yet: inequalities at or from n = N");
        }
    }
    if matches!(kind, ClaimKind::Equal { .. } | ClaimKind::NotEqual { .. }) {
        return Decision::unknown("not supported yet: == / != claims in the exp–log engine");
    }
    let mut work = 0;
    for k in BUDGETS {
        let mut cx = Cx::resume(params, var, k, work);
        let r = match kind {
            ClaimKind::Landau { lhs, rel, rhs } => decide::landau(&mut cx, lhs, *rel, rhs),
            ClaimKind::Similar { lhs, rhs } => cx
                .expand(lhs, 0)
                .and_then(|a| Ok((a, cx.expand(rhs, 0)?)))
                .and_then(|(a, b)| decide::similar(&mut cx, &a, &b, lhs, rhs)),
            ClaimKind::Limit { expr, target } => cx
                .expand(expr, 0)
                .and_then(|a| decide::limit(&mut cx, &a, expr, target)),
            ClaimKind::Ineq { lhs, op, rhs, .. } => cx
                .expand(lhs, 0)
                .and_then(|a| Ok((a, cx.expand(rhs, 0)?)))
                .and_then(|(a, b)| decide::eventually(&mut cx, &a, *op, &b, lhs, rhs)),
            _ => return Decision::unknown("not supported yet"),
        };
        work = cx.work();
        match r {
            Ok(d) => return d,
            Err(Fail::NeedMore) => continue,
            Err(Fail::Unknown(_, why)) => return Decision::unknown(why),
            Err(Fail::Domain(why)) => {
                return Decision::unknown(format!(
                    "not defined for {large_var}: {why}",
                    large_var = crate::ir::large(var)
                ))
            }
        }
    }
    Decision::unknown("expansion needs more than 64 terms")
}

/// Does `a - b` expand EXACTLY to 0 in the exp–log engine? True only when
/// both expansions are exact (no error term at any step), their difference
/// is the zero series and no rewrite relied on n being large (see
/// `Cx::eventual_only`); the rewrites used (exp(p log n) = n^p,
/// log(c m) = log c + log m, (c m)^q = c^q m^q for c > 0, exp(u + v) =
/// exp(u) exp(v), polynomial algebra) hold wherever both sides are
/// defined for n >= 1, and opaque exponentials equal only themselves.
/// Any failure answers `false` ("not shown"). Runs on the caller's stack.
pub fn exact_zero_difference(a: &Expr, b: &Expr, params: &ParamBox) -> bool {
    let mut work = 0;
    for k in BUDGETS {
        let mut cx = Cx::resume(params, "n", k, work);
        let r = cx
            .expand(a, 0)
            .and_then(|x| Ok((x, cx.expand(b, 0)?)))
            .and_then(|(x, y)| {
                if x.err.is_some() || y.err.is_some() {
                    // an infinite series never becomes exact: stop here
                    return Err(if cx.infinite() {
                        Fail::other(String::new())
                    } else {
                        Fail::NeedMore
                    });
                }
                cx.sub(&x, &y)
            });
        work = cx.work();
        match r {
            Ok(d) if d.err.is_none() => return d.terms.is_empty() && !cx.eventual_only(),
            Ok(_) | Err(Fail::NeedMore) => continue,
            Err(_) => return false,
        }
    }
    false
}

/// The exp–log expansion of `e` as text (its first `terms` terms and the
/// order of the rest), or why it could not be computed.
pub fn describe(e: &Expr, params: &ParamBox, var: &str, terms: usize) -> String {
    let mut work = 0;
    for k in [6usize, 16, 64] {
        let mut cx = Cx::resume(params, var, k, work);
        let r = cx.expand(e, 0);
        work = cx.work();
        match r {
            Ok(s) => {
                if !s.is_zero() && s.terms.is_empty() && k < 64 {
                    continue;
                }
                return decide::text(&s, var, terms);
            }
            Err(Fail::NeedMore) => continue,
            Err(Fail::Unknown(_, why)) => return format!("cannot expand: {why}"),
            Err(Fail::Domain(why)) => {
                return format!(
                    "cannot expand: not defined for {large_var}: {why}",
                    large_var = crate::ir::large(var)
                )
            }
        }
    }
    "cannot expand: expansion needs more than 64 terms".into()
}
