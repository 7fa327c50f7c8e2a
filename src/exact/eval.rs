//! Exact evaluation of an expression by interval arithmetic: an enclosure of
//! `e` with the variable and the parameters ranging over intervals
//! ([`eval`]), the separation of two expressions at an exact point by
//! refining precision ([`separate`]), and the sign of a constant expression
//! over a parameter box by refining precision and bisecting
//! ([`sign_over_box`]).
//!
//! Evaluation is iterative (an explicit task stack), so deeply nested input
//! cannot overflow the call stack; nesting beyond [`MAX_DEPTH`] or more than
//! [`MAX_NODES`] nodes gives `None`. `None` also means "may be undefined":
//! log of something that may be <= 0, sqrt of something that may be < 0, a
//! divisor that may be 0, a non-integer power of something that may be < 0,
//! an unknown parameter or an `fn` function.

use super::interval::{Interval, Sign};
use crate::ir::{Expr, Func, Q};
use num_traits::{Signed, ToPrimitive};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;

/// Deepest nesting evaluated; deeper expressions give `None`.
pub const MAX_DEPTH: usize = crate::limits::LIMITS.eval_depth;
/// Most nodes evaluated in one call; larger expressions give `None`.
pub const MAX_NODES: usize = crate::limits::LIMITS.eval_nodes;
/// Most boxes examined by [`sign_over_box`].
pub const MAX_BOXES: usize = crate::limits::LIMITS.eval_boxes;

thread_local! {
    /// Interval work done by [`eval`] on this thread (see [`work`]).
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Interval work done by [`eval`] on this thread so far, in units: an
/// operation at `bits` of precision costs (bits/64 + 1)^2 units (about the
/// cost of one product of numbers of that size), a square root or an
/// integer power 8 times that, a logarithm, exponential or general power
/// bits/8 times that (the terms of its series). A budget reads the
/// difference between two readings, on the thread that does the work, so
/// that what it counts does not depend on what other threads do.
pub fn work() -> u64 {
    WORK.with(std::cell::Cell::get)
}

/// The units [`work`] charges for the operation of node `x` at `bits`.
fn op_cost(x: &Expr, bits: u32) -> u64 {
    let words = u64::from(bits) / 64 + 1;
    let series = u64::from(bits) / 8 + 1;
    let factor = match x {
        Expr::Call(Func::Sqrt, _) => 8,
        Expr::Call(Func::Log | Func::Log2 | Func::Log10 | Func::Exp, _) => series,
        Expr::Pow(_, b) => match &**b {
            Expr::Num(q) if q.is_integer() => 8,
            _ => series,
        },
        _ => 1,
    };
    words * words * factor
}

enum Task<'a> {
    Visit(&'a Expr, usize),
    Apply(&'a Expr),
}

/// An enclosure of `e` with the variable in `n` and each parameter in its
/// interval, computed with `bits` of precision; `None` where the expression
/// may be undefined (log of a non-positive, division by an interval holding 0,
/// ...) or it mentions an unknown `fn`.
pub fn eval(
    e: &Expr,
    n: &Interval,
    params: &BTreeMap<String, Interval>,
    bits: u32,
) -> Option<Interval> {
    let mut cost: u64 = 0;
    let value = eval_walk(e, n, params, bits, &mut cost);
    WORK.with(|w| w.set(w.get().saturating_add(cost)));
    value
}

/// [`eval`], adding the units of the operations applied to `cost`.
fn eval_walk(
    e: &Expr,
    n: &Interval,
    params: &BTreeMap<String, Interval>,
    bits: u32,
    cost: &mut u64,
) -> Option<Interval> {
    // pi at `bits`, computed at most once per call
    let pi: OnceCell<Interval> = OnceCell::new();
    let mut tasks: Vec<Task> = Vec::with_capacity(32);
    tasks.push(Task::Visit(e, 1));
    // the variable, parameters and pi are borrowed, not copied
    let mut values: Vec<Cow<Interval>> = Vec::with_capacity(16);
    let mut visited: usize = 0;
    while let Some(task) = tasks.pop() {
        match task {
            Task::Visit(x, depth) => {
                visited += 1;
                if depth > MAX_DEPTH || visited > MAX_NODES {
                    return None;
                }
                match x {
                    Expr::Var => values.push(Cow::Borrowed(n)),
                    Expr::Num(q) => {
                        values.push(Cow::Owned(Interval::point(q.clone()).rounded(bits)))
                    }
                    Expr::Pi => values.push(Cow::Borrowed(pi.get_or_init(|| Interval::pi(bits)))),
                    Expr::Param(name) => values.push(Cow::Borrowed(params.get(name)?)),
                    Expr::Fn(_) | Expr::Opt(_) => return None,
                    Expr::Neg(a) => {
                        tasks.push(Task::Apply(x));
                        tasks.push(Task::Visit(a, depth + 1));
                    }
                    Expr::Add(a, b)
                    | Expr::Sub(a, b)
                    | Expr::Mul(a, b)
                    | Expr::Div(a, b)
                    | Expr::Pow(a, b) => {
                        tasks.push(Task::Apply(x));
                        // pushed in reverse: `a` is evaluated (and pushed) first
                        tasks.push(Task::Visit(b, depth + 1));
                        tasks.push(Task::Visit(a, depth + 1));
                    }
                    Expr::Call(_, args) => {
                        tasks.push(Task::Apply(x));
                        for a in args.iter().rev() {
                            tasks.push(Task::Visit(a, depth + 1));
                        }
                    }
                }
            }
            Task::Apply(x) => {
                *cost = cost.saturating_add(op_cost(x, bits));
                let v = apply(x, &mut values, bits)?;
                values.push(Cow::Owned(v.rounded(bits)));
            }
        }
    }
    if values.len() == 1 {
        values.pop().map(Cow::into_owned)
    } else {
        None
    }
}

/// Pops the operands of `x` (already evaluated) and applies its operation.
fn apply(x: &Expr, values: &mut Vec<Cow<Interval>>, bits: u32) -> Option<Interval> {
    match x {
        Expr::Neg(_) => Some(values.pop()?.neg()),
        Expr::Add(..) | Expr::Sub(..) | Expr::Mul(..) | Expr::Div(..) | Expr::Pow(..) => {
            let b = values.pop()?;
            let a = values.pop()?;
            match x {
                Expr::Add(..) => Some(a.add(&b)),
                Expr::Sub(..) => Some(a.sub(&b)),
                Expr::Mul(..) => Some(a.mul(&b)),
                Expr::Div(..) => a.div(&b),
                _ => power(&a, &b, bits),
            }
        }
        Expr::Call(f, args) => {
            let k = args.len();
            if k == 0 || values.len() < k {
                return None;
            }
            let vs = values.split_off(values.len() - k);
            call(*f, &vs, bits)
        }
        _ => None,
    }
}

/// a^b: a rational point exponent uses `powi`/`powq`; otherwise
/// exp(b log a), which needs a > 0.
fn power(a: &Interval, b: &Interval, bits: u32) -> Option<Interval> {
    if let Some(q) = b.as_point() {
        if q.is_integer() {
            if let Some(k) = q.to_integer().to_i64() {
                return a.powi_bits(k, bits);
            }
        }
        if let Some(r) = a.powq(q, bits) {
            return Some(r);
        }
        if !q.is_integer() || !a.is_pos() {
            return None;
        }
        // a huge integer exponent on a positive base: fall through
    }
    if !a.is_pos() {
        return None;
    }
    let extra = bits.saturating_add(16);
    Some(a.log(extra)?.mul(b).exp(bits))
}

/// The single argument of a call.
fn one<'v>(vs: &'v [Cow<Interval>]) -> Option<&'v Interval> {
    match vs {
        [x] => Some(x),
        _ => None,
    }
}

fn call(f: Func, vs: &[Cow<Interval>], bits: u32) -> Option<Interval> {
    match f {
        Func::Sqrt => one(vs)?.sqrt(bits),
        Func::Exp => Some(one(vs)?.exp(bits)),
        Func::Log => one(vs)?.log(bits),
        Func::Log2 | Func::Log10 => {
            let base = if f == Func::Log2 { 2 } else { 10 };
            let extra = bits.saturating_add(8);
            let num = one(vs)?.log(extra)?;
            let den = Interval::point(Q::from_integer(base.into())).log(extra)?;
            num.div(&den)
        }
        Func::Abs => Some(one(vs)?.abs()),
        Func::Min | Func::Max => {
            let (first, rest) = vs.split_first()?;
            let mut acc = first.clone().into_owned();
            for v in rest {
                acc = if f == Func::Min {
                    acc.min(v)
                } else {
                    acc.max(v)
                };
            }
            Some(acc)
        }
    }
}

/// [`eval`] at an exact point: the variable at `n`, each parameter at its value.
#[cfg_attr(not(test), allow(dead_code))] // used by tests; the threshold issue (#5) builds on it
pub fn eval_point(e: &Expr, n: &Q, params: &BTreeMap<String, Q>, bits: u32) -> Option<Interval> {
    let params: BTreeMap<String, Interval> = params
        .iter()
        .map(|(k, v)| (k.clone(), Interval::point(v.clone())))
        .collect();
    eval(e, &Interval::point(n.clone()), &params, bits)
}

/// Enclosures of `a` and `b` at the exact point (n, params), refined (bits
/// doubling from 32 up to `max_bits`) until they are disjoint; `Some(true)`
/// if a < b, `Some(false)` if a > b, `None` if not separated (maybe equal).
pub fn separate(
    a: &Expr,
    b: &Expr,
    n: &Q,
    params: &BTreeMap<String, Q>,
    max_bits: u32,
) -> Option<bool> {
    let n = Interval::point(n.clone());
    let params: BTreeMap<String, Interval> = params
        .iter()
        .map(|(k, v)| (k.clone(), Interval::point(v.clone())))
        .collect();
    let max_bits = max_bits.min(super::enclose::MAX_BITS);
    let mut bits: u32 = 32.min(max_bits.max(8));
    // doubling: at most ~10 rounds
    for _ in 0..16 {
        if let (Some(ia), Some(ib)) = (eval(a, &n, &params, bits), eval(b, &n, &params, bits)) {
            if ia.lt(&ib) {
                return Some(true);
            }
            if ib.lt(&ia) {
                return Some(false);
            }
            if ia.as_point().is_some() && ia.as_point() == ib.as_point() {
                return None; // exactly equal: more bits cannot separate
            }
        }
        if bits >= max_bits {
            break;
        }
        bits = bits.saturating_mul(2).min(max_bits);
    }
    None
}

/// Does `e` mention the variable? `None` when too deep or too large to tell.
fn mentions_var(e: &Expr) -> Option<bool> {
    let mut stack: Vec<(&Expr, usize)> = vec![(e, 1)];
    let mut seen = 0usize;
    while let Some((x, d)) = stack.pop() {
        seen += 1;
        if d > MAX_DEPTH || seen > MAX_NODES {
            return None;
        }
        if matches!(x, Expr::Var) {
            return Some(true);
        }
        stack.extend(x.children().map(|c| (c, d + 1)));
    }
    Some(false)
}

/// The sign shared by every value of the constant expression `e` (no
/// variable) as its parameters range over `params`: first by refining
/// precision on the whole box (bits doubling from 32 up to `max_bits`), then
/// by bisecting the widest bounded parameter interval, examining at most
/// [`MAX_BOXES`] boxes. `None` when undecided, when the sign varies, when `e`
/// mentions the variable, or when some box may leave the domain.
pub fn sign_over_box(e: &Expr, params: &BTreeMap<String, Interval>, max_bits: u32) -> Option<Sign> {
    if mentions_var(e)? {
        return None;
    }
    let n = Interval::entire();
    let max_bits = max_bits.clamp(8, super::enclose::MAX_BITS);
    let mut bits: u32 = 32.min(max_bits);
    for _ in 0..16 {
        if let Some(s) = eval(e, &n, params, bits).and_then(|v| v.sign()) {
            return Some(s);
        }
        if bits >= max_bits {
            break;
        }
        bits = bits.saturating_mul(2).min(max_bits);
    }
    // bisection at a moderate precision
    let bits = max_bits.min(256);
    let mut pending: Vec<BTreeMap<String, Interval>> = vec![params.clone()];
    let mut decided: Option<Sign> = None;
    let mut examined = 0usize;
    while let Some(b) = pending.pop() {
        examined += 1;
        if examined > MAX_BOXES {
            return None;
        }
        match eval(e, &n, &b, bits).and_then(|v| v.sign()) {
            Some(s) => {
                if decided.is_some_and(|d| d != s) {
                    return None;
                }
                decided = Some(s);
            }
            None => {
                let (left, right) = bisect(&b)?;
                // depth-first, left box first
                pending.push(right);
                pending.push(left);
            }
        }
    }
    decided
}

/// Splits the box along its widest bounded, non-degenerate parameter
/// interval (the first in name order on ties). The halves share the closed
/// midpoint, so together they cover the box.
pub fn bisect(
    b: &BTreeMap<String, Interval>,
) -> Option<(BTreeMap<String, Interval>, BTreeMap<String, Interval>)> {
    let mut best: Option<(&String, Q)> = None;
    for (name, iv) in b {
        if let Some(w) = iv.width() {
            if w.is_positive() && best.as_ref().is_none_or(|(_, bw)| &w > bw) {
                best = Some((name, w));
            }
        }
    }
    let (name, _) = best?;
    let iv = b.get(name)?;
    let (lo, hi) = match (&iv.lo, &iv.hi) {
        (Some(l), Some(h)) => (l.clone(), h.clone()),
        _ => return None,
    };
    let mid = (&lo.0 + &hi.0) / Q::from_integer(2.into());
    let mut left = b.clone();
    let mut right = b.clone();
    left.insert(
        name.clone(),
        Interval {
            lo: Some(lo),
            hi: Some((mid.clone(), true)),
        },
    );
    right.insert(
        name.clone(),
        Interval {
            lo: Some((mid, true)),
            hi: Some(hi),
        },
    );
    Some((left, right))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;
    use num_traits::Zero;

    fn q(p: i64, d: i64) -> Q {
        Q::new(BigInt::from(p), BigInt::from(d))
    }
    fn no_params() -> BTreeMap<String, Interval> {
        BTreeMap::new()
    }
    fn call(f: Func, a: Expr) -> Expr {
        Expr::Call(f, vec![a])
    }
    fn pt(i: i64) -> Interval {
        Interval::point(q(i, 1))
    }

    #[test]
    fn evaluates_basic_forms() {
        // sqrt(2) * sqrt(8) encloses 4
        let e = Expr::mul(
            call(Func::Sqrt, Expr::int(2)),
            call(Func::Sqrt, Expr::int(8)),
        );
        let v = eval(&e, &pt(1), &no_params(), 64).unwrap();
        assert!(v.contains(&q(4, 1)));
        // log(6) - log(2) - log(3) encloses 0, shrinking with bits
        let e = Expr::sub(
            Expr::sub(call(Func::Log, Expr::int(6)), call(Func::Log, Expr::int(2))),
            call(Func::Log, Expr::int(3)),
        );
        let v32 = eval(&e, &pt(1), &no_params(), 32).unwrap();
        let v128 = eval(&e, &pt(1), &no_params(), 128).unwrap();
        assert!(v32.contains_zero() && v128.contains_zero());
        assert!(v128.width().unwrap() < v32.width().unwrap());
        // n^2 at n = 3 is exactly 9
        let e = Expr::pow(Expr::Var, Expr::int(2));
        assert_eq!(eval(&e, &pt(3), &no_params(), 32), Some(pt(9)));
        // log2(8) encloses 3, log10(1000) encloses 3
        let v = eval(&call(Func::Log2, Expr::int(8)), &pt(1), &no_params(), 64).unwrap();
        assert!(v.contains(&q(3, 1)));
        let v = eval(
            &call(Func::Log10, Expr::int(1000)),
            &pt(1),
            &no_params(),
            64,
        )
        .unwrap();
        assert!(v.contains(&q(3, 1)));
        // min/max/abs
        let e = Expr::Call(Func::Max, vec![Expr::int(1), Expr::int(5), Expr::int(-2)]);
        assert_eq!(eval(&e, &pt(1), &no_params(), 32), Some(pt(5)));
        let e = Expr::Call(Func::Min, vec![Expr::int(1), Expr::int(5), Expr::int(-2)]);
        assert_eq!(eval(&e, &pt(1), &no_params(), 32), Some(pt(-2)));
        let e = call(Func::Abs, Expr::int(-7));
        assert_eq!(eval(&e, &pt(1), &no_params(), 32), Some(pt(7)));
        // exp(1)
        let v = eval(&call(Func::Exp, Expr::int(1)), &pt(1), &no_params(), 64).unwrap();
        assert!(Interval::point(q(271_828_182, 100_000_000)).lt(&v));
        assert!(v.lt(&Interval::point(q(271_828_183, 100_000_000))));
        // real exponent: 2^(1/2) via powq, 2^pi via exp(pi log 2) ~ 8.8250
        let v = eval(&Expr::pow(Expr::int(2), Expr::Pi), &pt(1), &no_params(), 64).unwrap();
        assert!(Interval::point(q(8824, 1000)).lt(&v) && v.lt(&Interval::point(q(8826, 1000))));
    }

    #[test]
    fn domains_give_none() {
        let p = no_params();
        assert!(eval(&call(Func::Log, Expr::int(0)), &pt(1), &p, 32).is_none());
        assert!(eval(&call(Func::Sqrt, Expr::int(-1)), &pt(1), &p, 32).is_none());
        assert!(eval(&Expr::div(Expr::int(1), Expr::int(0)), &pt(1), &p, 32).is_none());
        assert!(eval(&Expr::pow(Expr::int(-2), Expr::ratio(1, 2)), &pt(1), &p, 32).is_none());
        assert!(eval(&Expr::Fn("G".into()), &pt(1), &p, 32).is_none());
        assert!(eval(&Expr::param("zz"), &pt(1), &p, 32).is_none());
        assert!(eval(&Expr::Call(Func::Max, vec![]), &pt(1), &p, 32).is_none());
        assert!(eval(
            &Expr::Call(Func::Sqrt, vec![Expr::int(1), Expr::int(2)]),
            &pt(1),
            &p,
            32
        )
        .is_none());
        // log(n - 1) with n in [1, 2] may be log 0
        let n = Interval::closed(q(1, 1), q(2, 1));
        let e = call(Func::Log, Expr::sub(Expr::Var, Expr::int(1)));
        assert!(eval(&e, &n, &p, 32).is_none());
        // (-8)^(2) is fine, 0^(-1) is not
        assert_eq!(
            eval(&Expr::pow(Expr::int(-8), Expr::int(2)), &pt(1), &p, 32),
            Some(pt(64))
        );
        assert!(eval(&Expr::pow(Expr::int(0), Expr::int(-1)), &pt(1), &p, 32).is_none());
    }

    #[test]
    fn parameter_signs() {
        let mut params = BTreeMap::new();
        params.insert("L".to_string(), Interval::positive());
        params.insert("C".to_string(), Interval::positive());
        params.insert("delta".to_string(), Interval::open(Q::zero(), q(1, 1)));
        let e = Expr::mul(Expr::mul(Expr::param("L"), Expr::param("C")), Expr::Pi);
        let v = eval(&e, &pt(1), &params, 32).unwrap();
        assert_eq!(v.sign(), Some(Sign::Pos));
        let e = call(Func::Log, Expr::div(Expr::int(2), Expr::param("delta")));
        let v = eval(&e, &pt(1), &params, 32).unwrap();
        assert_eq!(v.sign(), Some(Sign::Pos));
        // sqrt(9 log(2/delta) / (2 n)) at n in (1, oo) is positive
        let n = Interval {
            lo: Some((q(1, 1), false)),
            hi: None,
        };
        let e = call(
            Func::Sqrt,
            Expr::div(
                Expr::mul(Expr::int(9), e),
                Expr::mul(Expr::int(2), Expr::Var),
            ),
        );
        assert_eq!(eval(&e, &n, &params, 32).unwrap().sign(), Some(Sign::Pos));
    }

    #[test]
    fn deep_expressions_are_refused_without_overflow() {
        let mut e = Expr::Var;
        for _ in 0..5000 {
            e = Expr::neg(e);
        }
        assert!(eval(&e, &pt(1), &no_params(), 32).is_none());
        assert_eq!(mentions_var(&e), None);
        // 1500 levels are fine
        let mut e = Expr::Var;
        for _ in 0..1500 {
            e = Expr::add(e, Expr::int(1));
        }
        assert_eq!(eval(&e, &pt(1), &no_params(), 32), Some(pt(1501)));
        // drop iteratively-built deep trees without recursion trouble
        let mut e = Expr::Var;
        for _ in 0..5000 {
            e = Expr::add(Expr::int(1), e);
        }
        assert!(eval(&e, &pt(1), &no_params(), 32).is_none());
    }

    #[test]
    fn towers_stay_bounded() {
        let p = no_params();
        // 10^10^10 and 2^2^2^2^2^2: huge, but enclosed with bounded memory
        let e = Expr::pow(Expr::int(10), Expr::pow(Expr::int(10), Expr::int(10)));
        let v = eval(&e, &pt(1), &p, 64).unwrap();
        assert!(v.is_pos() && v.hi.is_none());
        let mut e = Expr::int(2);
        for _ in 0..6 {
            e = Expr::pow(Expr::int(2), e);
        }
        let v = eval(&e, &pt(1), &p, 64).unwrap();
        assert!(v.is_pos() && v.hi.is_none());
        // exp(exp(exp(10))) and its reciprocal
        let e = call(Func::Exp, call(Func::Exp, call(Func::Exp, Expr::int(10))));
        let v = eval(&e, &pt(1), &p, 64).unwrap();
        assert!(v.is_pos() && v.hi.is_none());
        let r = eval(&Expr::div(Expr::int(1), e), &pt(1), &p, 64).unwrap();
        assert!(r.is_pos() && r.hi.is_some());
        // (1/3)^(10^12) is positive and tiny
        let e = Expr::pow(Expr::ratio(1, 3), Expr::pow(Expr::int(10), Expr::int(12)));
        let v = eval(&e, &pt(1), &p, 64).unwrap();
        assert!(v.is_pos());
        // n^(10^30) with a non-i64 exponent at n = 2
        let e = Expr::pow(Expr::Var, Expr::pow(Expr::int(10), Expr::int(30)));
        let v = eval(&e, &pt(2), &p, 64).unwrap();
        assert!(v.is_pos() && v.hi.is_none());
    }

    #[test]
    fn separates_points() {
        let p = BTreeMap::new();
        let sq = Expr::pow(Expr::Var, Expr::int(2));
        let ex = Expr::pow(Expr::int(2), Expr::Var);
        assert_eq!(separate(&sq, &ex, &q(3, 1), &p, 256), Some(false)); // 9 > 8
        assert_eq!(separate(&sq, &ex, &q(5, 1), &p, 256), Some(true)); // 25 < 32
        assert_eq!(separate(&sq, &ex, &q(4, 1), &p, 256), None); // 16 = 16
                                                                 // log(6) vs log(2) + log(3): equal, never separated
        let a = call(Func::Log, Expr::int(6));
        let b = Expr::add(call(Func::Log, Expr::int(2)), call(Func::Log, Expr::int(3)));
        assert_eq!(separate(&a, &b, &q(1, 1), &p, 4096), None);
        let e2 = Expr::sub(
            Expr::pow(Expr::Pi, Expr::ratio(1, 3)),
            call(Func::Exp, Expr::ratio(1, 7)),
        );
        let _ = separate(&e2, &b, &q(1, 1), &p, 4096);
        // pi vs 355/113: needs more than a few bits
        assert_eq!(
            separate(&Expr::Pi, &Expr::ratio(355, 113), &q(1, 1), &p, 256),
            Some(true)
        );
        let v = eval_point(&Expr::Pi, &q(1, 1), &p, 64).unwrap();
        assert!(Interval::point(q(314_159_265_358_979, 100_000_000_000_000)).lt(&v));
        assert!(v.lt(&Interval::point(q(
            314_159_265_358_980,
            100_000_000_000_000
        ))));
        // with an exact parameter value
        let mut pv = BTreeMap::new();
        pv.insert("a".to_string(), q(1, 3));
        let e = Expr::mul(Expr::param("a"), Expr::Var);
        assert_eq!(separate(&e, &Expr::int(1), &q(3, 1), &pv, 64), None);
        assert_eq!(separate(&e, &Expr::int(1), &q(4, 1), &pv, 64), Some(false));
        // sqrt(n) vs log(n)^2 at n = 10^6: 1000 > 190.87
        let a = call(Func::Sqrt, Expr::Var);
        let b = Expr::pow(call(Func::Log, Expr::Var), Expr::int(2));
        assert_eq!(separate(&a, &b, &q(1_000_000, 1), &p, 64), Some(false));
    }

    #[test]
    fn sign_over_parameter_boxes() {
        let mut params = BTreeMap::new();
        params.insert("a".to_string(), Interval::closed(q(1, 1), q(2, 1)));
        // a^2 - 2a + 2 = (a-1)^2 + 1 > 0: naive interval evaluation on [1, 2]
        // gives [1 - 4 + 2, 4 - 2 + 2] = [-1, 4]: needs bisection
        let e = Expr::add(
            Expr::sub(
                Expr::pow(Expr::param("a"), Expr::int(2)),
                Expr::mul(Expr::int(2), Expr::param("a")),
            ),
            Expr::int(2),
        );
        assert_eq!(
            eval(&e, &Interval::entire(), &params, 64).unwrap().sign(),
            None
        );
        assert_eq!(sign_over_box(&e, &params, 128), Some(Sign::Pos));
        // a - 3/2 changes sign on [1, 2]
        let e = Expr::sub(Expr::param("a"), Expr::ratio(3, 2));
        assert_eq!(sign_over_box(&e, &params, 128), None);
        // expressions with the variable are refused
        assert_eq!(sign_over_box(&Expr::Var, &params, 128), None);
        // exp(1) - 2.718281828 is positive once precision suffices
        let e = Expr::sub(
            call(Func::Exp, Expr::int(1)),
            Expr::ratio(2_718_281_828, 1_000_000_000),
        );
        assert_eq!(sign_over_box(&e, &BTreeMap::new(), 128), Some(Sign::Pos));
        // exactly zero
        let e = Expr::sub(Expr::int(2), call(Func::Sqrt, Expr::int(4)));
        assert_eq!(sign_over_box(&e, &BTreeMap::new(), 128), Some(Sign::Zero));
    }
}
