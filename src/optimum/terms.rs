//! A body as a sum of terms in its bound variable x: `coef * x^pow *
//! exp(rate * x)` with `coef` and `rate` free of x and `pow` rational. The
//! forms `inf`/`sup`/`least` have closed forms for (see `solve`). Every
//! rewrite is an identity wherever the body is defined; the one that needs
//! a sign (`b^(c*x) = exp(c*log(b)*x)`, for b > 0) asks the oracle.

use super::Oracle;
use crate::ir::{Cmp, Expr, Func, Q};
use num_traits::{One, Signed, Zero};
use std::sync::Arc;

/// `coef * x^pow * exp(rate * x)`; `rate` None for no exponential.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Term {
    pub coef: Expr,
    pub pow: Q,
    pub rate: Option<Expr>,
}

/// Most terms a product may expand to.
const MAX_TERMS: usize = crate::limits::LIMITS.optimum_terms;

/// Largest integer power of a sum that is expanded.
const MAX_EXPAND: i64 = crate::limits::LIMITS.optimum_expand_power;

/// Does `e` mention the bound variable `x`?
pub(super) fn mentions(e: &Expr, x: &str) -> bool {
    let mut stack = vec![e];
    while let Some(y) = stack.pop() {
        if matches!(y, Expr::Param(p) if p == x) {
            return true;
        }
        stack.extend(y.children());
    }
    false
}

fn num(q: Q) -> Expr {
    Expr::Num(q)
}

fn is_num(e: &Expr, v: i64) -> bool {
    matches!(e, Expr::Num(q) if *q == Q::from_integer(v.into()))
}

/// `a * b` without factors 1, numbers folded.
pub(super) fn times(a: Expr, b: Expr) -> Expr {
    match (a, b) {
        (Expr::Num(p), Expr::Num(q)) => num(p * q),
        (a, b) if is_num(&a, 1) => b,
        (a, b) if is_num(&b, 1) => a,
        (a, b) if is_num(&a, -1) => negate(b),
        (a, b) if is_num(&b, -1) => negate(a),
        (a, b) => Expr::mul(a, b),
    }
}

/// `a / b` without divisions by 1, numbers folded.
pub(super) fn quot(a: Expr, b: Expr) -> Expr {
    match (a, b) {
        (Expr::Num(p), Expr::Num(q)) if !q.is_zero() => num(p / q),
        (a, b) if is_num(&b, 1) => a,
        (a, b) => Expr::div(a, b),
    }
}

/// `a + b` without zeros.
pub(super) fn plus(a: Expr, b: Expr) -> Expr {
    if is_num(&a, 0) {
        b
    } else if is_num(&b, 0) {
        a
    } else {
        Expr::add(a, b)
    }
}

/// `-a`, folding numbers.
pub(super) fn negate(a: Expr) -> Expr {
    match a {
        Expr::Num(q) => num(-q),
        Expr::Neg(b) => Arc::unwrap_or_clone(b),
        Expr::Mul(p, b) if matches!(*p, Expr::Num(_)) => match Arc::unwrap_or_clone(p) {
            Expr::Num(q) => times(num(-q), Arc::unwrap_or_clone(b)),
            p => Expr::mul(p, Arc::unwrap_or_clone(b)),
        },
        a => Expr::neg(a),
    }
}

/// `a^q`, with the trivial powers folded.
pub(super) fn power(a: Expr, q: &Q) -> Expr {
    if q.is_one() {
        a
    } else if q.is_zero() {
        Expr::int(1)
    } else if *q == Q::new(1.into(), 2.into()) {
        Expr::call1(Func::Sqrt, a)
    } else {
        Expr::pow(a, num(q.clone()))
    }
}

fn add_rates(a: &Option<Expr>, b: &Option<Expr>) -> Option<Expr> {
    match (a, b) {
        (None, r) | (r, None) => r.clone(),
        (Some(a), Some(b)) => Some(plus(a.clone(), b.clone())),
    }
}

fn product(a: &[Term], b: &[Term]) -> Result<Vec<Term>, String> {
    if a.len() * b.len() > MAX_TERMS {
        return Err("the body expands to too many terms".into());
    }
    let mut out = Vec::new();
    for s in a {
        for t in b {
            out.push(Term {
                coef: times(s.coef.clone(), t.coef.clone()),
                pow: &s.pow + &t.pow,
                rate: add_rates(&s.rate, &t.rate),
            });
        }
    }
    Ok(out)
}

fn scale(ts: Vec<Term>, f: &dyn Fn(Expr) -> Expr) -> Vec<Term> {
    ts.into_iter()
        .map(|t| Term {
            coef: f(t.coef),
            ..t
        })
        .collect()
}

/// The exact rational value of a constant numeric expression (`-1/2`).
fn rational(e: &Expr) -> Option<Q> {
    crate::stack::guard!(rational(e));
    match e {
        Expr::Num(q) => Some(q.clone()),
        Expr::Neg(a) => rational(a).map(|q| -q),
        Expr::Div(a, b) => {
            let (a, b) = (rational(a)?, rational(b)?);
            (!b.is_zero()).then(|| a / b)
        }
        Expr::Mul(a, b) => Some(rational(a)? * rational(b)?),
        Expr::Add(a, b) => Some(rational(a)? + rational(b)?),
        Expr::Sub(a, b) => Some(rational(a)? - rational(b)?),
        _ => None,
    }
}

/// A linear form `p0 + p1 * x` (both free of x), when `e` is one.
fn linear(e: &Expr, x: &str, o: &Oracle) -> Result<(Expr, Expr), String> {
    let ts = decompose(e, x, o)?;
    let (mut p0, mut p1) = (Expr::int(0), Expr::int(0));
    for t in ts {
        match (t.rate, t.pow) {
            (None, p) if p.is_zero() => p0 = plus(p0, t.coef),
            (None, p) if p.is_one() => p1 = plus(p1, t.coef),
            _ => return Err(not_linear(x)),
        }
    }
    Ok((p0, p1))
}

fn not_linear(x: &str) -> String {
    format!(
        "an exponent that is not linear in `{}`",
        crate::ir::written_name(x)
    )
}

/// `e` as a sum of terms in `x`.
pub(super) fn decompose(e: &Expr, x: &str, o: &Oracle) -> Result<Vec<Term>, String> {
    crate::stack::guard!(decompose(e, x, o));
    if !mentions(e, x) {
        return Ok(vec![Term {
            coef: e.clone(),
            pow: Q::zero(),
            rate: None,
        }]);
    }
    let name = crate::ir::written_name(x);
    Ok(match e {
        Expr::Param(_) => vec![Term {
            coef: Expr::int(1),
            pow: Q::one(),
            rate: None,
        }],
        Expr::Neg(a) => scale(decompose(a, x, o)?, &negate),
        Expr::Add(a, b) => {
            let mut v = decompose(a, x, o)?;
            v.extend(decompose(b, x, o)?);
            v
        }
        Expr::Sub(a, b) => {
            let mut v = decompose(a, x, o)?;
            v.extend(scale(decompose(b, x, o)?, &negate));
            v
        }
        Expr::Mul(a, b) => product(&decompose(a, x, o)?, &decompose(b, x, o)?)?,
        Expr::Div(a, b) => {
            let top = decompose(a, x, o)?;
            if !mentions(b, x) {
                return Ok(scale(top, &|c| quot(c, (**b).clone())));
            }
            let bottom = decompose(b, x, o)?;
            let [t] = bottom.as_slice() else {
                return Err(format!(
                    "a division by a sum that depends on `{name}` (only sums of powers of `{name}` and exponentials are optimised)"
                ));
            };
            let inv = Term {
                coef: quot(Expr::int(1), t.coef.clone()),
                pow: -t.pow.clone(),
                rate: t.rate.clone().map(negate),
            };
            product(&top, &[inv])?
        }
        Expr::Call(Func::Sqrt, args) if args.len() == 1 => {
            root_or_power(&args[0], &Q::new(1.into(), 2.into()), x, o)?
        }
        Expr::Call(Func::Exp, args) if args.len() == 1 => {
            let (p0, p1) = linear(&args[0], x, o)?;
            vec![Term {
                coef: if is_num(&p0, 0) {
                    Expr::int(1)
                } else {
                    Expr::call1(Func::Exp, p0)
                },
                pow: Q::zero(),
                rate: Some(p1),
            }]
        }
        Expr::Pow(a, b) if !mentions(b, x) => match rational(b) {
            Some(q) => root_or_power(a, &q, x, o)?,
            None => {
                return Err(format!(
                    "a power of `{name}` whose exponent is not a number"
                ))
            }
        },
        Expr::Pow(a, b) if !mentions(a, x) => {
            // a^(p0 + p1*x) = a^p0 * exp(p1*log(a)*x), for a > 0
            if !o.holds(a, Cmp::Gt) {
                return Err(format!(
                    "the base {} of a power with `{name}` in the exponent is not known to be positive",
                    a.display(o.var)
                ));
            }
            let (p0, p1) = linear(b, x, o)?;
            let log_a = Expr::call1(Func::Log, (**a).clone());
            vec![Term {
                coef: if is_num(&p0, 0) {
                    Expr::int(1)
                } else {
                    Expr::pow((**a).clone(), p0)
                },
                pow: Q::zero(),
                rate: Some(times(p1, log_a)),
            }]
        }
        Expr::Call(f, _) => {
            return Err(format!(
            "`{name}` inside `{}` (only sums of powers of `{name}` and exponentials are optimised)",
            f.name()
        ))
        }
        _ => {
            return Err(format!(
                "`{name}` in both the base and the exponent of a power"
            ))
        }
    })
}

/// `a^q` for a rational q: a single term raised termwise, a sum to a small
/// positive integer power expanded.
fn root_or_power(a: &Expr, q: &Q, x: &str, o: &Oracle) -> Result<Vec<Term>, String> {
    let ts = decompose(a, x, o)?;
    if let [t] = ts.as_slice() {
        // (c x^p e^(r x))^q = c^q x^(p q) e^(q r x): an identity where both
        // sides are defined (x > 0; c >= 0 unless q is an integer).
        return Ok(vec![Term {
            coef: power(t.coef.clone(), q),
            pow: &t.pow * q,
            rate: t.rate.clone().map(|r| times(num(q.clone()), r)),
        }]);
    }
    if q.is_integer() && q.is_positive() && *q <= Q::from_integer(MAX_EXPAND.into()) {
        let mut acc = ts.clone();
        let mut k = Q::one();
        while k < *q {
            acc = product(&acc, &ts)?;
            k += Q::one();
        }
        return Ok(acc);
    }
    Err(format!(
        "a power {} of a sum that depends on `{}`",
        crate::ir::fmt_q(q),
        crate::ir::written_name(x)
    ))
}

/// Terms with the same power and rate added up; the term free of x first.
pub(super) fn group(ts: Vec<Term>) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    for t in ts {
        match out.iter_mut().find(|u| u.pow == t.pow && u.rate == t.rate) {
            Some(u) => u.coef = plus(u.coef.clone(), t.coef),
            None => out.push(t),
        }
    }
    out.sort_by(|a, b| {
        (a.rate.is_some(), &a.pow)
            .partial_cmp(&(b.rate.is_some(), &b.pow))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out
}

/// The sum of `ts` at x = `at`.
pub(super) fn at(ts: &[Term], value: &Expr) -> Expr {
    let mut out = Expr::int(0);
    for t in ts {
        let mut e = t.coef.clone();
        if !t.pow.is_zero() {
            e = times(e, power(value.clone(), &t.pow));
        }
        if let Some(r) = &t.rate {
            e = times(e, Expr::call1(Func::Exp, times(r.clone(), value.clone())));
        }
        out = plus(out, e);
    }
    out
}
