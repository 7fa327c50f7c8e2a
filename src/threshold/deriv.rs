//! Expression surgery for the threshold search: substituting a constant for
//! the variable ([`subst_var`]) and the symbolic derivative in the variable
//! ([`derivative`]), used to show a function monotone on a box. Both walk the
//! expression with a depth guard and refuse (return `None`) beyond it or
//! beyond a size cap, so user input cannot blow them up.

use crate::ir::{Expr, Func, Q};
use num_traits::{One, Zero};

/// Deepest expression handled here.
const MAX_DEPTH: usize = crate::limits::LIMITS.derivative_nesting;
/// Largest derivative kept (nodes); larger ones are not used.
pub const MAX_DERIVATIVE_NODES: usize = crate::limits::LIMITS.derivative_nodes;

fn num(q: Q) -> Expr {
    Expr::Num(q)
}

fn is_num(e: &Expr, v: i64) -> bool {
    matches!(e, Expr::Num(q) if *q == Q::from_integer(v.into()))
}

/// `a + b` without the obvious zeros.
fn add(a: Expr, b: Expr) -> Expr {
    if is_num(&a, 0) {
        b
    } else if is_num(&b, 0) {
        a
    } else {
        Expr::add(a, b)
    }
}

/// `a - b` without the obvious zeros.
fn sub(a: Expr, b: Expr) -> Expr {
    if is_num(&b, 0) {
        a
    } else if is_num(&a, 0) {
        Expr::neg(b)
    } else {
        Expr::sub(a, b)
    }
}

/// `a * b` without the obvious ones and zeros.
fn mul(a: Expr, b: Expr) -> Expr {
    if is_num(&a, 0) || is_num(&b, 0) {
        num(Q::zero())
    } else if is_num(&a, 1) {
        b
    } else if is_num(&b, 1) {
        a
    } else {
        Expr::mul(a, b)
    }
}

/// `mul(a, b.clone())`, cloning `b` only when the product keeps it.
fn mul_by(a: Expr, b: &Expr) -> Expr {
    if is_num(&a, 0) || is_num(b, 0) {
        num(Q::zero())
    } else {
        mul(a, b.clone())
    }
}

/// `mul(a.clone(), b)`, cloning `a` only when the product keeps it.
fn mul_left(a: &Expr, b: Expr) -> Expr {
    if is_num(a, 0) || is_num(&b, 0) {
        num(Q::zero())
    } else {
        mul(a.clone(), b)
    }
}

/// `a / b` without a division by 1.
fn div(a: Expr, b: Expr) -> Expr {
    if is_num(&b, 1) || is_num(&a, 0) {
        a
    } else {
        Expr::div(a, b)
    }
}

/// What a derivative is taken with respect to: the variable (`None`) or a
/// parameter.
type Wrt<'a> = Option<&'a str>;

/// Does `e` mention the target (an `fn` counts as the variable)? `None`
/// beyond the depth guard.
fn has_var(e: &Expr, wrt: Wrt, depth: usize) -> Option<bool> {
    crate::stack::guard!(has_var(e, wrt, depth));
    if depth > MAX_DEPTH {
        return None;
    }
    let hit = match (e, wrt) {
        (Expr::Var | Expr::Fn(_), None) => true,
        (Expr::Fn(_), Some(_)) => true,
        (Expr::Param(p), Some(name)) => p == name,
        _ => false,
    };
    if hit {
        return Some(true);
    }
    for c in e.children() {
        if has_var(c, wrt, depth + 1)? {
            return Some(true);
        }
    }
    Some(false)
}

/// `e` with the variable replaced by `value` (a constant expression).
pub fn subst_var(e: &Expr, value: &Expr) -> Option<Expr> {
    subst(e, value, 0)
}

fn subst(e: &Expr, v: &Expr, depth: usize) -> Option<Expr> {
    crate::stack::guard!(subst(e, v, depth));
    if depth > MAX_DEPTH {
        return None;
    }
    let s = |a: &Expr| subst(a, v, depth + 1);
    Some(match e {
        Expr::Var => v.clone(),
        Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) => e.clone(),
        Expr::Opt(_) => return None,
        Expr::Neg(a) => Expr::neg(s(a)?),
        Expr::Add(a, b) => Expr::add(s(a)?, s(b)?),
        Expr::Sub(a, b) => Expr::sub(s(a)?, s(b)?),
        Expr::Mul(a, b) => Expr::mul(s(a)?, s(b)?),
        Expr::Div(a, b) => Expr::div(s(a)?, s(b)?),
        Expr::Pow(a, b) => Expr::pow(s(a)?, s(b)?),
        Expr::Call(f, args) => Expr::Call(*f, args.iter().map(s).collect::<Option<Vec<_>>>()?),
    })
}

/// d e / d n, wherever `e` is differentiable; `None` for `abs`, `min`,
/// `max` and `fn` of the variable (not differentiable everywhere), beyond the
/// depth guard, or when the result exceeds [`MAX_DERIVATIVE_NODES`]. Where
/// the formula evaluates to a finite enclosure on a box, every function it is
/// built from is differentiable there (a square root at 0 divides by 0, a
/// logarithm needs a positive argument), so the enclosure bounds the true
/// derivative.
pub fn derivative(e: &Expr) -> Option<Expr> {
    derivative_wrt(e, None)
}

/// d e / d p for the parameter `p` (the same rules, the parameter in the
/// role of the variable).
pub fn derivative_param(e: &Expr, p: &str) -> Option<Expr> {
    derivative_wrt(e, Some(p))
}

fn derivative_wrt(e: &Expr, wrt: Wrt) -> Option<Expr> {
    let d = deriv(e, wrt, 0)?;
    if d.size() > MAX_DERIVATIVE_NODES {
        None
    } else {
        Some(d)
    }
}

fn deriv(e: &Expr, wrt: Wrt, depth: usize) -> Option<Expr> {
    Some(deriv_or_free(e, wrt, depth)?.unwrap_or_else(|| num(Q::zero())))
}

/// d e / d target, or `Some(None)` when `e` does not mention the target
/// (its derivative is 0 whatever functions it applies: `abs` of a constant
/// has derivative 0). Found bottom-up, so each node is visited once.
fn deriv_or_free(e: &Expr, wrt: Wrt, depth: usize) -> Option<Option<Expr>> {
    crate::stack::guard!(deriv_or_free(e, wrt, depth));
    if depth > MAX_DEPTH {
        return None;
    }
    let d = |a: &Expr| deriv_or_free(a, wrt, depth + 1);
    let zero = || num(Q::zero());
    let free_unless = |has: bool| if has { None } else { Some(None) };
    Some(Some(match e {
        Expr::Var if wrt.is_none() => num(Q::one()),
        Expr::Param(p) if wrt == Some(p.as_str()) => num(Q::one()),
        Expr::Var | Expr::Param(_) | Expr::Num(_) | Expr::Pi => return Some(None),
        // an `fn` counts as the variable, and is not differentiable
        Expr::Fn(_) => return None,
        Expr::Opt(_) => return free_unless(has_var(e, wrt, depth)?),
        Expr::Neg(a) => {
            let Some(da) = d(a)? else {
                return Some(None);
            };
            if is_num(&da, 0) {
                da
            } else {
                Expr::neg(da)
            }
        }
        Expr::Add(a, b) => match (d(a)?, d(b)?) {
            (None, None) => return Some(None),
            (da, db) => add(da.unwrap_or_else(zero), db.unwrap_or_else(zero)),
        },
        Expr::Sub(a, b) => match (d(a)?, d(b)?) {
            (None, None) => return Some(None),
            (da, db) => sub(da.unwrap_or_else(zero), db.unwrap_or_else(zero)),
        },
        Expr::Mul(a, b) => match (d(a)?, d(b)?) {
            (None, None) => return Some(None),
            (da, db) => {
                let left = mul_by(da.unwrap_or_else(zero), b);
                add(left, mul_left(a, db.unwrap_or_else(zero)))
            }
        },
        Expr::Div(a, b) => match (d(a)?, d(b)?) {
            (None, None) => return Some(None),
            (da, db) => {
                let (da, db) = (da.unwrap_or_else(zero), db.unwrap_or_else(zero));
                if is_num(&db, 0) {
                    div(da, (**b).clone())
                } else {
                    div(
                        sub(mul_by(da, b), mul_left(a, db)),
                        Expr::pow((**b).clone(), Expr::int(2)),
                    )
                }
            }
        },
        Expr::Pow(a, b) => match d(b)? {
            Some(db) => {
                // a^b = exp(b log a): (a^b) (b' log a + b a' / a), a > 0
                let da = d(a)?.unwrap_or_else(zero);
                let inner = add(
                    mul(db, Expr::call1(Func::Log, (**a).clone())),
                    mul((**b).clone(), div(da, (**a).clone())),
                );
                mul(e.clone(), inner)
            }
            None => {
                let Some(da) = d(a)? else {
                    return Some(None);
                };
                let lowered = match &**b {
                    Expr::Num(q) => num(q - Q::one()),
                    other => Expr::sub(other.clone(), Expr::int(1)),
                };
                let power = if is_num(&lowered, 1) {
                    (**a).clone()
                } else if is_num(&lowered, 0) {
                    num(Q::one())
                } else {
                    Expr::pow((**a).clone(), lowered)
                };
                mul(mul((**b).clone(), power), da)
            }
        },
        Expr::Call(f, args) => {
            let [a] = args.as_slice() else {
                return free_unless(has_var(e, wrt, depth)?);
            };
            let Some(da) = d(a)? else {
                return Some(None);
            };
            match f {
                Func::Sqrt => div(da, mul(Expr::int(2), e.clone())),
                Func::Exp => mul(e.clone(), da),
                Func::Log => div(da, a.clone()),
                Func::Log2 | Func::Log10 => {
                    let base = if *f == Func::Log2 { 2 } else { 10 };
                    div(da, mul(a.clone(), Expr::call1(Func::Log, Expr::int(base))))
                }
                Func::Abs | Func::Min | Func::Max => return None,
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::eval::eval_point;
    use std::collections::BTreeMap;

    fn q(p: i64, d: i64) -> Q {
        Q::new(p.into(), d.into())
    }

    #[test]
    fn derivatives_match_difference_quotients() {
        // f(n) = sqrt(n) * log(n) - n^2 / (n + 1) + exp(1/n) + 2^n
        let n = Expr::Var;
        let f = Expr::add(
            Expr::add(
                Expr::sub(
                    Expr::mul(
                        Expr::call1(Func::Sqrt, n.clone()),
                        Expr::call1(Func::Log, n.clone()),
                    ),
                    Expr::div(
                        Expr::pow(n.clone(), Expr::int(2)),
                        Expr::add(n.clone(), Expr::int(1)),
                    ),
                ),
                Expr::call1(Func::Exp, Expr::div(Expr::int(1), n.clone())),
            ),
            Expr::pow(Expr::int(2), n.clone()),
        );
        let df = derivative(&f).unwrap();
        let p = BTreeMap::new();
        for x in [q(3, 2), q(5, 1), q(17, 3)] {
            let h = q(1, 1_000_000);
            let hi = eval_point(&f, &(&x + &h), &p, 96).unwrap();
            let lo = eval_point(&f, &(&x - &h), &p, 96).unwrap();
            let quotient = hi
                .sub(&lo)
                .div(&crate::exact::Interval::point(&h * q(2, 1)))
                .unwrap();
            let exact = eval_point(&df, &x, &p, 96).unwrap();
            let (Some((a, _)), Some((b, _))) = (&quotient.lo, &exact.lo) else {
                panic!("unbounded")
            };
            let diff = a - b;
            assert!(diff < q(1, 1000) && diff > q(-1, 1000), "at {x}: {diff}");
        }
        assert!(derivative(&Expr::call1(Func::Abs, n.clone())).is_none());
        assert_eq!(derivative(&Expr::Pi), Some(Expr::int(0)));
    }

    #[test]
    fn what_does_not_mention_the_target_has_derivative_zero() {
        let n = Expr::Var;
        let p = Expr::param("p");
        let abs = |e: Expr| Expr::call1(Func::Abs, e);
        // abs is not differentiable at 0, but abs of a constant is a constant
        assert_eq!(derivative(&abs(Expr::int(-2))), Some(Expr::int(0)));
        assert_eq!(derivative(&abs(n.clone())), None);
        let min = Expr::Call(Func::Min, vec![p.clone(), Expr::int(3)]);
        // d/dn (n + min(p, 3)) = 1
        assert_eq!(
            derivative(&Expr::add(n.clone(), min.clone())),
            Some(Expr::int(1))
        );
        // d/dp (p * |n|) = |n|: |n| is a constant for the parameter
        assert_eq!(
            derivative_param(&Expr::mul(p.clone(), abs(n.clone())), "p"),
            Some(abs(n.clone()))
        );
        // d/dp min(p, 3) does not exist; d/dp n^2 = 0
        assert_eq!(derivative_param(&min, "p"), None);
        assert_eq!(
            derivative_param(&Expr::pow(n.clone(), Expr::int(2)), "p"),
            Some(Expr::int(0))
        );
        // an `fn` counts as the variable: never differentiated
        assert_eq!(derivative(&Expr::Fn("G".into())), None);
    }

    #[test]
    fn substitution_replaces_every_occurrence() {
        let e = Expr::add(Expr::Var, Expr::mul(Expr::Var, Expr::param("a")));
        let s = subst_var(&e, &Expr::int(3)).unwrap();
        let mut p = BTreeMap::new();
        p.insert("a".to_string(), q(2, 1));
        assert_eq!(
            eval_point(&s, &q(100, 1), &p, 32).and_then(|i| i.as_point().cloned()),
            Some(q(9, 1))
        );
    }
}
