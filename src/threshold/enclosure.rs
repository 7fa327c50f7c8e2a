//! Threshold claims outside the finite power–log form because of a shifted
//! logarithm or square root of the variable: `log(n + c)` (c a nonzero
//! rational) and `sqrt(n + c)` (c > 0). Each such sub-expression is
//! bracketed, for every real n >= N, between two finite forms (Taylor
//! polynomials in x = c/n whose remainder has a known sign):
//!
//! - `log(n) + c/n - c^2/(2*n^2) <= log(n + c) <= log(n) + c/n` for c > 0
//!   (log(1 + x) between x - x^2/2 and x for x >= 0);
//! - `log(n) + c/(n + c) <= log(n + c) <= log(n) + c/n` for c < 0 and
//!   N > -c (x/(1 + x) <= log(1 + x) <= x for -1 < x < 0);
//! - `sqrt(n) + c/(2*sqrt(n)) - c^2/(8*n^(3/2)) <= sqrt(n + c) <= sqrt(n) +
//!   c/(2*sqrt(n))` for c > 0 (sqrt(1 + x) between 1 + x/2 - x^2/8 and
//!   1 + x/2 for x >= 0).
//!
//! The sub-expression is then treated as an unknown function known only by
//! these two bounds, and the claim is proved by the monotone substitution of
//! `substitute` (each sign fact it needs certified on the whole range),
//! which leaves a claim in the finite form for `decide_from`; when
//! that fails, once more after writing each difference of square roots
//! `sqrt(n + a) - sqrt(n + b)` as `(a - b)/(sqrt(n + a) + sqrt(n + b))`. This
//! proves; it never refutes (a substituted claim that fails says nothing
//! about the original, whose refutations come from exact points only).

use crate::ir::{Cmp, Decision, Expr, Func, ParamBox, Verdict, Q};
use num_traits::{Signed, Zero};
use std::cell::Cell;

thread_local! {
    /// Nesting of this argument inside itself (through the sign checks of
    /// the substitution): it is tried at the outermost level only.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// One bracketed sub-expression: its lower and upper bounds.
struct Bracket {
    expr: Expr,
    lower: Expr,
    upper: Expr,
}

/// `n + c` (or `c + n`, `n - c`) with c a nonzero rational: c.
fn shift(e: &Expr) -> Option<Q> {
    let c = match e {
        Expr::Add(a, b) => match (&**a, &**b) {
            (Expr::Var, Expr::Num(c)) | (Expr::Num(c), Expr::Var) => c.clone(),
            _ => return None,
        },
        Expr::Sub(a, b) => match (&**a, &**b) {
            (Expr::Var, Expr::Num(c)) => -c.clone(),
            _ => return None,
        },
        _ => return None,
    };
    (!c.is_zero()).then_some(c)
}

fn num(q: Q) -> Expr {
    Expr::Num(q)
}

/// `q/e` written as `p/(d*e)` for q = p/d (`1/(2*sqrt(n))`, `1/sqrt(n)`).
fn over(q: Q, e: Expr) -> Expr {
    let (p, d) = (q.numer(), q.denom());
    let den = if d == 1.into() {
        e
    } else {
        Expr::mul(num(Q::from_integer(d)), e)
    };
    Expr::div(num(Q::from_integer(p)), den)
}

/// The bounds of `e` valid for every n >= `start`, if `e` is a shifted log
/// or square root of the variable; `Err` when it is one but the range does
/// not allow the bracket.
fn bracket(e: &Expr, start: &Q, var: &str) -> Option<Result<Bracket, String>> {
    let Expr::Call(f @ (Func::Log | Func::Sqrt), args) = e else {
        return None;
    };
    let [arg] = args.as_slice() else {
        return None;
    };
    let c = shift(arg)?;
    let n = || Expr::Var;
    if !start.is_positive() || (c.is_negative() && *start <= -c.clone()) {
        return Some(Err(format!(
            "{} is bracketed only for n > max(0, {})",
            e.display(var),
            crate::ir::fmt_q(&-c.clone())
        )));
    }
    let abs_c = c.abs();
    // log(n) + c/n, or log(n) - |c|/n
    let shifted = |base: Expr, term: Expr| {
        if c.is_positive() {
            Expr::add(base, term)
        } else {
            Expr::sub(base, term)
        }
    };
    let (lower, upper) = match f {
        Func::Log => {
            let log_n = Expr::call1(Func::Log, n());
            let upper = shifted(log_n.clone(), Expr::div(num(abs_c.clone()), n()));
            let lower = if c.is_positive() {
                Expr::sub(
                    upper.clone(),
                    over(
                        &c * &c / Q::from_integer(2.into()),
                        Expr::pow(n(), Expr::int(2)),
                    ),
                )
            } else {
                // log(n) - |c|/(n - |c|)
                Expr::sub(log_n, Expr::div(num(abs_c), arg.clone()))
            };
            (lower, upper)
        }
        _ => {
            if c.is_negative() {
                return Some(Err(format!(
                    "{} (a negative shift) is not bracketed",
                    e.display(var)
                )));
            }
            let sqrt_n = Expr::call1(Func::Sqrt, n());
            let upper = Expr::add(sqrt_n.clone(), over(&c / Q::from_integer(2.into()), sqrt_n));
            let lower = Expr::sub(
                upper.clone(),
                over(
                    &c * &c / Q::from_integer(8.into()),
                    Expr::pow(n(), num(Q::new(3.into(), 2.into()))),
                ),
            );
            (lower, upper)
        }
    };
    let out = Bracket {
        expr: e.clone(),
        lower,
        upper,
    };
    Some(Ok(out))
}

/// Every bracketable sub-expression of `e` (outermost first, each once).
fn collect(e: &Expr, start: &Q, var: &str, out: &mut Vec<Bracket>) -> Result<(), String> {
    crate::stack::guard!(collect(e, start, var, out));
    if let Some(b) = bracket(e, start, var) {
        let b = b?;
        if !out.iter().any(|x| x.expr == b.expr) {
            out.push(b);
        }
        return Ok(());
    }
    for c in e.children() {
        collect(c, start, var, out)?;
    }
    Ok(())
}

/// The name of the unknown function standing for a bracketed sub-expression.
fn name_of(e: &Expr, var: &str) -> String {
    e.display(var).to_string()
}

/// Try to prove `lhs op rhs for n >= from` through the brackets. `None` when
/// the claim has no bracketable sub-expression (or this argument is already
/// running); `Some(Ok(proof))`, or `Some(Err(why))` naming what stopped it.
pub(super) fn prove(
    lhs: &Expr,
    op: Cmp,
    rhs: &Expr,
    from: &Expr,
    start: &Q,
    params: &ParamBox,
    var: &str,
) -> Option<Result<Decision, String>> {
    if DEPTH.with(|d| d.get()) > 0 {
        return None;
    }
    let (small, big, strict) = match op {
        Cmp::Le => (lhs, rhs, false),
        Cmp::Lt => (lhs, rhs, true),
        Cmp::Ge => (rhs, lhs, false),
        Cmp::Gt => (rhs, lhs, true),
        Cmp::Eq | Cmp::Ne => return None,
    };
    let mut brackets = Vec::new();
    if let Err(why) = collect(small, start, var, &mut brackets)
        .and_then(|()| collect(big, start, var, &mut brackets))
    {
        return Some(Err(why));
    }
    if brackets.is_empty() {
        return None;
    }
    let _nested = Nested::enter();
    let mut r = prove_with(small, big, strict, from, &brackets, params, var);
    if r.is_err() {
        // a difference of square roots cancels in its leading terms, and
        // the brackets of the two roots do not: rationalise it first
        let (s2, b2) = (rationalise(small, start), rationalise(big, start));
        if s2 != *small || b2 != *big {
            if let Ok(d) = prove_with(&s2, &b2, strict, from, &brackets, params, var) {
                r = Ok(d);
            }
        }
    }
    Some(r)
}

/// Marks this argument as running on this thread until dropped (also when
/// unwinding).
struct Nested;

impl Nested {
    fn enter() -> Nested {
        DEPTH.with(|d| d.set(d.get() + 1));
        Nested
    }
}

impl Drop for Nested {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// The shift c >= 0 of a square root's radicand `n + c` (`n` itself: 0).
fn root_shift(e: &Expr) -> Option<Q> {
    let Expr::Call(Func::Sqrt, args) = e else {
        return None;
    };
    let [arg] = args.as_slice() else {
        return None;
    };
    let c = if *arg == Expr::Var {
        Q::zero()
    } else {
        shift(arg)?
    };
    (!c.is_negative()).then_some(c)
}

/// Every `sqrt(n + a) - sqrt(n + b)` (a, b >= 0 rationals) written
/// `(a - b)/(sqrt(n + a) + sqrt(n + b))`: the same value for every n > 0
/// (both radicands positive, so the denominator is too). Only for a range
/// starting above 0.
fn rationalise(e: &Expr, start: &Q) -> Expr {
    if !start.is_positive() {
        return e.clone();
    }
    e.replace_nodes(&|x| {
        let Expr::Sub(a, b) = x else {
            return None;
        };
        let (ca, cb) = (root_shift(a)?, root_shift(b)?);
        Some(Expr::div(
            num(ca - cb),
            Expr::add((**a).clone(), (**b).clone()),
        ))
    })
}

fn prove_with(
    small: &Expr,
    big: &Expr,
    strict: bool,
    from: &Expr,
    brackets: &[Bracket],
    params: &ParamBox,
    var: &str,
) -> Result<Decision, String> {
    let replace = |e: &Expr| {
        e.replace_nodes(&|x| {
            brackets
                .iter()
                .find(|b| b.expr == *x)
                .map(|b| Expr::Fn(name_of(&b.expr, var)))
        })
    };
    let (s, b) = (replace(small), replace(big));
    let mut bounds = Vec::new();
    for br in brackets {
        let subject = name_of(&br.expr, var);
        bounds.push(super::substitute::RangeBound {
            subject: subject.clone(),
            up: true,
            bound: br.upper.clone(),
        });
        bounds.push(super::substitute::RangeBound {
            subject,
            up: false,
            bound: br.lower.clone(),
        });
    }
    let used_text = |used: &std::collections::BTreeSet<usize>| {
        used.iter()
            .filter_map(|i| {
                let br = brackets.get(i / 2)?;
                let (rel, bound) = if i % 2 == 0 {
                    ("<=", &br.upper)
                } else {
                    (">=", &br.lower)
                };
                Some(format!(
                    "{} {rel} {}",
                    br.expr.display(var),
                    crate::reason::expr(bound, var)
                ))
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (s2, b2, used) = super::substitute::substitute_bounds(&s, &b, from, bounds, params, var)
        .map_err(|why| format!("bracketing {}: {why}", list(brackets, var)))?;
    let op = if strict { Cmp::Lt } else { Cmp::Le };
    let d = super::decide_from(&s2, op, &b2, from, params, var);
    let sym = if strict { "<" } else { "<=" };
    if d.verdict == Verdict::Proved {
        Ok(Decision::proved(format!(
            "with {} for every {var} >= {}: {} {sym} {}: {}",
            used_text(&used),
            from.display(var),
            crate::reason::sub("U", &s2, var),
            crate::reason::sub("L", &b2, var),
            d.reason
        )))
    } else {
        Err(format!(
            "with {} for every {var} >= {}, {} {sym} {} is not proved: {}",
            used_text(&used),
            from.display(var),
            crate::reason::expr(&s2, var),
            crate::reason::expr(&b2, var),
            d.reason
        ))
    }
}

fn list(brackets: &[Bracket], var: &str) -> String {
    brackets
        .iter()
        .map(|b| b.expr.display(var).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::eval::separate;
    use std::collections::BTreeMap;

    fn q(p: i64, d: i64) -> Q {
        Q::new(p.into(), d.into())
    }

    /// The brackets, checked by exact evaluation (strict at every point
    /// with x = c/n != 0): lower < sub-expression < upper.
    #[test]
    fn brackets_hold_at_exact_points() {
        let shifts = [q(1, 1), q(2, 1), q(1, 2), q(7, 3), q(-1, 1), q(-1, 2)];
        let points = [
            q(3, 2),
            q(2, 1),
            q(3, 1),
            q(10, 1),
            q(1001, 10),
            q(10_000, 1),
            q(1_000_000_007, 1),
        ];
        for f in [Func::Log, Func::Sqrt] {
            for c in &shifts {
                let e = Expr::call1(f, Expr::add(Expr::Var, Expr::Num(c.clone())));
                let start = q(5, 4);
                let Some(b) = bracket(&e, &start, "n") else {
                    panic!("{e:?} not recognised");
                };
                let b = match b {
                    Ok(b) => b,
                    // square roots with a negative shift are refused
                    Err(_) if f == Func::Sqrt && c.is_negative() => continue,
                    Err(why) => panic!("{why}"),
                };
                for n in &points {
                    let none = BTreeMap::new();
                    assert_eq!(
                        separate(&b.lower, &e, n, &none, 1024),
                        Some(true),
                        "lower bound of {e:?} at n = {n}"
                    );
                    assert_eq!(
                        separate(&e, &b.upper, n, &none, 1024),
                        Some(true),
                        "upper bound of {e:?} at n = {n}"
                    );
                }
            }
        }
    }

    #[test]
    fn brackets_refuse_a_range_reaching_the_pole() {
        let e = Expr::call1(Func::Log, Expr::sub(Expr::Var, Expr::int(2)));
        assert!(matches!(bracket(&e, &q(2, 1), "n"), Some(Err(_))));
        assert!(matches!(bracket(&e, &q(3, 1), "n"), Some(Ok(_))));
        let r = Expr::call1(Func::Sqrt, Expr::add(Expr::Var, Expr::int(1)));
        assert!(matches!(bracket(&r, &Q::zero(), "n"), Some(Err(_))));
        // not a shifted argument: not bracketed here
        let w = Expr::call1(Func::Log, Expr::mul(Expr::int(2), Expr::Var));
        assert!(bracket(&w, &q(1, 1), "n").is_none());
    }
}
