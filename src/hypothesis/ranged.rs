//! Threshold claims with `fn`s: `A <= B for n >= N` (also `<`, `>=`, `>`)
//! and `A <= B at n = N`, proved from inequality hypotheses that hold on a
//! stated range (`assume G <= f for n >= N0` with N0 <= N, certified
//! exactly). Each `fn` in a position where the claim's side provably moves
//! monotonically with it is replaced by its bound (`threshold::substitute`:
//! every sign fact that monotonicity needs is certified on the whole range
//! n >= N with `threshold::decide_from`, never assumed from eventual facts).
//! The fn-free claim left is then decided by `threshold::decide_from` (or
//! `decide_at`). `eventually` and Landau hypotheses say nothing on a fixed
//! range and are never used here; refutations stay with `witness` (concrete
//! functions checked against every hypothesis on its own range).

use super::short;
use crate::exact::eval::eval;
use crate::exact::Interval;
use crate::ir::{Cause, ClaimKind, Cmp, Decision, Expr, Hypotheses, ParamBox, Range, Verdict, Q};
use crate::threshold::substitute::{substitute, Bound};
use num_traits::One;
use std::collections::BTreeMap;

/// A constant expression as an exact enclosure [lo, hi], if it has one.
fn enclose(e: &Expr) -> Option<(Q, Q)> {
    if e.has_var() || !e.params().is_empty() || e.has_fn() {
        return None;
    }
    let v = eval(e, &Interval::point(Q::one()), &BTreeMap::new(), 256)?;
    let (lo, _) = v.lo?;
    let (hi, _) = v.hi?;
    Some((lo, hi))
}

/// Decide a threshold claim (`for n >= N` or `at n = N`) with `fn`s: proved
/// by substitution of range hypotheses, else refuted by `witness`, else
/// unknown naming what is missing. `None` when `kind` is no such claim.
pub(crate) fn decide(
    kind: &ClaimKind,
    hyps: &Hypotheses,
    params: &ParamBox,
    var: &str,
    refute: &mut dyn FnMut() -> Option<Decision>,
) -> Option<Decision> {
    let (lhs, op, rhs, range) = kind.as_ineq()?;
    let (from, at) = match range {
        Range::From(n) => (n, false),
        Range::At(n) => (n, true),
        Range::Eventually => return None,
    };
    let (strict, small, big) = match op {
        Cmp::Le => (false, lhs, rhs),
        Cmp::Lt => (true, lhs, rhs),
        Cmp::Ge => (false, rhs, lhs),
        Cmp::Gt => (true, rhs, lhs),
        Cmp::Eq | Cmp::Ne => {
            let d = refute().unwrap_or_else(|| {
                Decision::unknown(Cause::Premise(
                    "`==` and `!=` at a point with a `fn`: a hypothesis bounds a `fn`, it never fixes its value at one point".into(),
                ))
            });
            return Some(d);
        }
    };
    let proof = prove(small, big, strict, from, at, hyps, params, var);
    Some(match proof {
        Ok(done) => done,
        Err(why) => refute().unwrap_or_else(|| Decision::unknown(Cause::NotShown(why))),
    })
}

#[allow(clippy::too_many_arguments)]
fn prove(
    small: &Expr,
    big: &Expr,
    strict: bool,
    from: &Expr,
    at: bool,
    hyps: &Hypotheses,
    params: &ParamBox,
    var: &str,
) -> Result<Decision, String> {
    let Some((n_lo, _)) = enclose(from) else {
        return Err(format!(
            "the start {} is not an exact constant: range hypotheses cannot be compared with it",
            from.display(var)
        ));
    };
    // Range hypotheses whose range is certified to contain [N, oo).
    let mut bounds = Vec::new();
    let mut late = Vec::new();
    for (idx, h) in hyps.facts.iter().enumerate() {
        let ClaimKind::Ineq {
            range: Range::From(n0),
            ..
        } = &h.kind
        else {
            continue;
        };
        let Ok(facts) = super::normalize(&h.kind, var) else {
            continue;
        };
        let contains = matches!(enclose(n0), Some((_, hi)) if hi <= n_lo);
        if !contains {
            late.push(format!("`{}`", h.text));
            continue;
        }
        for f in facts {
            if f.abs || f.side == super::Side::Equiv {
                continue;
            }
            bounds.push(Bound {
                idx,
                subject: f.subject,
                up: f.side == super::Side::Upper,
                bound: f.bound,
            });
        }
    }
    let tail = if late.is_empty() {
        String::new()
    } else {
        format!(
            " ({} hold only from a start not certified <= {})",
            late.join(", "),
            from.display(var)
        )
    };
    let (s2, b2, used) =
        substitute(small, big, from, bounds, params, var).map_err(|why| format!("{why}{tail}"))?;
    let op = if strict { Cmp::Lt } else { Cmp::Le };
    // identical bounds: no separation to certify, only definedness (for
    // every n >= 1, which contains the range)
    let same = !strict
        && n_lo >= Q::one()
        && (s2 == b2 || crate::asymptotic::exact_zero_difference(&s2, &b2, params))
        && crate::simplify::is_defined_everywhere(&s2, params)
        && crate::simplify::is_defined_everywhere(&b2, params);
    let d = if same {
        Decision::proved("the two bounds are the same function, defined for every n >= 1")
    } else if at {
        crate::threshold::decide_at(&s2, op, &b2, from, params, var)
    } else {
        crate::threshold::decide_from(&s2, op, &b2, from, params, var)
    };
    let sym = if strict { "<" } else { "<=" };
    let place = if at {
        format!("at {}", crate::ir::var_at(var, &from.to_string()))
    } else {
        format!("for every {}", crate::ir::var_from(var, &from.to_string()))
    };
    // only the sides that mention a `fn` moved
    let mut moved = Vec::new();
    let (u, l) = (
        super::short_as("U", &s2, var),
        super::short_as("L", &b2, var),
    );
    if small.has_fn() {
        moved.push(format!("{} <= {u}", super::short_as("lhs", small, var)));
    }
    if big.has_fn() {
        moved.push(format!("{} >= {l}", super::short_as("rhs", big, var)));
    }
    let given = moved.join(" and ");
    if d.verdict == Verdict::Proved {
        let evidence = d.evidence.clone();
        Ok(Decision::proved(format!(
            "by {}{}: {given} {place}, and {u} {sym} {l}: {}",
            crate::reason::named(
                "hypotheses",
                "the hypotheses",
                &super::cite(&hyps.facts, &used)
            ),
            crate::reason::detail(&format!(
                " (each holding on a range containing {})",
                crate::ir::var_from(var, &from.to_string())
            )),
            d.reason
        ))
        .with_evidence(evidence))
    } else {
        Err(format!(
            "the range hypotheses give {given} {place}, and {} {sym} {} is not proved: {}{tail}",
            short(&s2, var),
            short(&b2, var),
            d.reason
        ))
    }
}
