//! `least X >= X0: h(X) <= c` by asymptotic inversion, where no closed
//! form exists (`sqrt((d*log(m) + log(1/delta))/m) <= eps`): the answer is
//! an expression M with `least ~ M`, not equal to it.
//!
//! The comparison must be separable: one side `h` depends on X alone (and
//! the parameters), the other side `c` on the file's variable alone. Then:
//!
//! 1. h's expansion for large X leads with `C * X^a * log(X)^b`, C > 0,
//!    a != 0 (a < 0 for `<=`: h falls to 0; a > 0 for `>=`: h grows);
//! 2. solving `C * M^a * log(M)^b = c` to first order gives
//!    `M = Y^(1/a) * (log(Y)/a)^(-b/a)` with `Y = c/C`;
//! 3. the engine proves `lim M = oo` and `h(M) ~ c`.
//!
//! Why that proves `least ~ M`: h is built from `+ - * / ^ exp log sqrt`
//! (no `fn`, no steps), so it is eventually monotone (a Hardy field), and
//! it is regularly varying of index a != 0 (it is asymptotic to `C * X^a *
//! log(X)^b`): for every fixed L > 1, `h(L*M)/h(M) -> L^a` and
//! `h(M/L)/h(M) -> L^(-a)`. With `h(M) ~ c`, for all large values of the
//! variable h is on the right side of c from `L*M` on (where h is already
//! monotone, as M -> oo) and on the wrong side at `M/L` (which is >= X0):
//! so `M/L < least <= L*M` for every L > 1, that is `least ~ M`
//! (Bingham, Goldie and Teugels, *Regular Variation*, 1987, §1.5.7, on
//! asymptotic inverses).

use super::solve::Solved;
use super::terms::{mentions, power, quot, times};
use super::{Failure, Oracle, Regime};
use crate::ir::{ClaimKind, Cmp, Expr, Func, LimitTarget, Verdict, Q};
use num_traits::{One, Signed, Zero};

/// `least` for the separable comparison `lhs op rhs` in the bound
/// variable `x`, up to asymptotic equivalence.
pub(super) fn least(
    lhs: &Expr,
    op: Cmp,
    rhs: &Expr,
    from: &Expr,
    x: &str,
    o: &Oracle,
) -> Result<Solved, Failure> {
    let name = crate::ir::written_name(x).to_string();
    let at_point = match &o.regime {
        Regime::At(p) => Some(p.clone()),
        _ => None,
    };
    // h op c with h the side in x
    let (h, c, op) = if mentions(lhs, x) && !mentions(rhs, x) {
        (lhs, rhs, op)
    } else if mentions(rhs, x) && !mentions(lhs, x) {
        let flipped = match op {
            Cmp::Le => Cmp::Ge,
            Cmp::Lt => Cmp::Gt,
            Cmp::Ge => Cmp::Le,
            _ => Cmp::Lt,
        };
        (rhs, lhs, flipped)
    } else {
        return Err(Failure::Outside(format!(
            "not supported yet: `{name}` on both sides of the comparison (inversion needs one side in `{name}` alone)"
        )));
    };
    let separable = !h.has_var() && !h.has_fn() && !c.has_fn();
    if !separable {
        return Err(Failure::Outside(format!(
            "not supported yet: a side that mixes `{name}` with {} (inversion needs one side in `{name}` alone)",
            crate::ir::describe_var(o.var)
        )));
    }
    // h as a function of a variable tending to +oo
    let hn = h.replace_nodes(&|e| matches!(e, Expr::Param(p) if p == x).then_some(Expr::Var));
    if let Some(p) = at_point {
        return at(&hn, op, c, &p, from, &name, o);
    }
    let Some((coef, a, b, d)) = crate::asymptotic::leading(&hn, o.params, "n") else {
        return Err(Failure::Outside(format!(
            "cannot expand the side in `{name}` for large `{name}`"
        )));
    };
    if !d.is_zero() || a.is_zero() {
        return Err(Failure::Outside(format!(
            "not supported yet: inverting a bound that leads with {} for large `{name}` (inversion covers C*{name}^a*log({name})^b, a != 0)",
            crate::asymptotic::describe_terms(&hn, o.params, "n", 1)
        )));
    }
    let falls = a.is_negative();
    let wants_fall = matches!(op, Cmp::Le | Cmp::Lt);
    if falls != wants_fall {
        return Err(Failure::Final(format!(
            "the comparison fails for every large `{name}` ({} {} for large `{name}`): no such least value exists",
            h.display(o.var),
            if falls { "tends to 0" } else { "grows without bound" }
        )));
    }
    // for each value of the variable, h falls to 0 and crosses c > 0 (or
    // grows without bound): the least value exists
    if falls && matches!(o.regime, Regime::From(_)) && !o.holds(c, Cmp::Gt) {
        return Err(Failure::Final(format!(
            "{} is not known to be positive{}: the `least` may not exist there",
            c.display(o.var),
            o.regime_words()
        )));
    }
    if !o.holds(&coef, Cmp::Gt) {
        return Err(Failure::Final(format!(
            "the leading coefficient {} of the side in `{name}` is not known to be positive",
            coef.display(o.var)
        )));
    }
    // M = Y^(1/a) * (log(Y)/a)^(-b/a), Y = c/C
    let y = quot(c.clone(), coef);
    let inv = Q::one() / &a;
    let mut m = power(y.clone(), &inv);
    if !b.is_zero() {
        let log_y = times(Expr::Num(inv.clone()), Expr::call1(Func::Log, y));
        m = times(m, power(log_y, &(-(&b) * &inv)));
    }
    let decided = |kind: ClaimKind| crate::asymptotic::decide(&kind, o.params, o.var).verdict;
    let grows = decided(ClaimKind::Limit {
        expr: m.clone(),
        target: LimitTarget::PosInf,
    });
    if grows != Verdict::Proved {
        return Err(Failure::Final(format!(
            "the candidate {} is not shown to grow without bound",
            m.display(o.var)
        )));
    }
    let at_m = h.replace_nodes(&|e| matches!(e, Expr::Param(p) if p == x).then(|| m.clone()));
    let matches = decided(ClaimKind::Similar {
        lhs: at_m,
        rhs: c.clone(),
    });
    if matches != Verdict::Proved {
        return Err(Failure::Final(format!(
            "the inversion's candidate {} is not shown to satisfy h(M) ~ {}",
            m.display(o.var),
            c.display(o.var)
        )));
    }
    let inversion = super::Inversion {
        h: h.clone(),
        x: x.to_string(),
        c: c.clone(),
        op,
        from: from.clone(),
    };
    Ok(Solved {
        inversion: Some(Box::new(inversion)),
        bracket: None,
        how: "by asymptotic inversion",
        theta: false,
        value: m,
        attained: None,
        point: None,
        exact: false,
    })
}

/// The `least` at one value `p` of the variable: the certified crossover of
/// `h(X) op c(p)` in X (as `show crossover` finds it: exact bounds of the
/// real threshold), or the start when that is larger.
fn at(
    hn: &Expr,
    op: Cmp,
    c: &Expr,
    p: &Expr,
    from: &Expr,
    name: &str,
    o: &Oracle,
) -> Result<Solved, Failure> {
    let Some(cp) = crate::threshold::subst_var(c, p) else {
        return Err(Failure::Final("expression nested too deeply".into()));
    };
    let Some(x0) = crate::exact::value::rational(from) else {
        return Err(Failure::Final(format!(
            "the start {} of the `least` is not a rational number",
            from.display(o.var)
        )));
    };
    // the crossover is certified over X >= 1 only: below 1 it says nothing
    if x0 < crate::ir::Q::from_integer(1.into()) {
        return Err(Failure::Final(format!(
            "no closed form, and the certified crossover covers `{name}` >= 1 only, while this `least` starts at {}",
            crate::threshold::fmt_num(&x0)
        )));
    }
    let r = crate::threshold::crossover(hn, op, &cp, o.params, "n");
    let Some(cr) = r.crossover else {
        return Err(Failure::Final(format!(
            "no closed form, and no certified crossover in `{name}` at {}: {}",
            crate::ir::var_at(o.var, &p.display(o.var).to_string()),
            r.text
        )));
    };
    let (lo, hi) = (cr.lower.max(x0.clone()), cr.upper.max(x0));
    let exact = lo == hi;
    Ok(Solved {
        inversion: None,
        value: Expr::Num(hi.clone()),
        attained: None,
        point: None,
        exact,
        how: "the certified crossover at the point",
        theta: false,
        bracket: (!exact).then_some((lo, hi)),
    })
}
