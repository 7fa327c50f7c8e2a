//! The exp–log engine: decides claims about Hardy's exp–log functions
//! (nested `exp`/`log`, powers with any exponent expression, parameters in
//! coefficients and exponents) from flattened multiseries over an
//! asymptotic scale of exp–log monomials (`scale`), with exact coefficients
//! (`Coef`), exact monomial comparison and every budget ending in `unknown`.
//! Called by `asymptotic::decide` when the power–log engine answers
//! `unknown`; the claim decisions and the budget loop are the generic ones
//! of `asymptotic::decide` and `asymptotic::budget`, instantiated here with
//! the exp–log context `scale::Cx`.

mod scale;
#[cfg(test)]
mod tests;

use super::arith::Arith;
use super::budget::{self, BUDGETS};
use super::expand::Expand;
use super::scale::Fail;
use crate::ir::{Cause, ClaimKind, Decision, Expr, ParamBox, Range};
use scale::Cx;

/// Decide a Landau, `~`, `lim` or `eventually` claim over the exp–log class.
/// Runs on the caller's (big) stack.
pub fn decide(kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    if let ClaimKind::Ineq { range, .. } = kind {
        if *range != Range::Eventually {
            return Decision::unknown(Cause::NotSupported(
                "not supported yet: inequalities at or from n = N".into(),
            ));
        }
    }
    if matches!(kind, ClaimKind::Equal { .. } | ClaimKind::NotEqual { .. }) {
        return Decision::unknown(Cause::NotSupported(
            "not supported yet: == / != claims in the exp–log engine".into(),
        ));
    }
    let r = budget::decide(kind, |k, work| Cx::resume(params, var, k, work));
    budget::outcome(r, var)
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
pub fn describe(e: &Expr, params: &ParamBox, var: &str, terms: usize) -> Result<String, Cause> {
    budget::describe(e, var, terms, |k, work| Cx::resume(params, var, k, work))
}
