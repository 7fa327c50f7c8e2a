//! Comparing squares: for sides A, B that are nonnegative wherever defined,
//! sign(B - A) = sign(B^2 - A^2), and squaring removes the square roots of
//! sums that have no finite power–log form (`sqrt((d*log(n) + c)/n)`).
//! [`nonneg`] is a structural test valid for every n >= 1 and every
//! admissible parameter value; [`square`] returns A^2 with each square root
//! removed, and the radicands, which must then be shown nonnegative on the
//! tail (where a radicand is negative the side is undefined, not its
//! square).

use crate::exact::eval::eval;
use crate::exact::Interval;
use crate::ir::{Expr, Func, Q};
use num_traits::{One, Signed, Zero};
use std::collections::BTreeMap;

/// Deepest expression handled.
const MAX_DEPTH: usize = crate::limits::LIMITS.nesting;

/// Is `e` >= 0 wherever it is defined, for every n >= 1 and every parameter
/// value of the box?
pub fn nonneg(e: &Expr, params: &BTreeMap<String, Interval>) -> bool {
    walk_nonneg(e, params, 0)
}

fn walk_nonneg(e: &Expr, params: &BTreeMap<String, Interval>, depth: usize) -> bool {
    crate::stack::guard!(walk_nonneg(e, params, depth));
    if depth > MAX_DEPTH {
        return false;
    }
    let rec = |x: &Expr| walk_nonneg(x, params, depth + 1);
    if !e.has_var() {
        return eval(e, &Interval::point(Q::one()), params, 64).is_some_and(|v| v.is_nonneg());
    }
    match e {
        Expr::Var => true,
        Expr::Add(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) => rec(a) && rec(b),
        Expr::Pow(a, _) => rec(a),
        Expr::Call(Func::Sqrt | Func::Exp | Func::Abs, _) => true,
        Expr::Call(Func::Log | Func::Log2 | Func::Log10, args) => {
            // log of something >= 1: n itself (n >= 1)
            matches!(args.as_slice(), [Expr::Var])
        }
        Expr::Call(Func::Min | Func::Max, args) => args.iter().all(rec),
        _ => false,
    }
}

/// e^2 with square roots removed: `Some((square, radicands))`.
pub fn square(e: &Expr) -> Option<(Expr, Vec<Expr>)> {
    let mut radicands = Vec::new();
    let s = sq(e, &mut radicands, 0)?;
    Some((s, radicands))
}

fn sq(e: &Expr, rads: &mut Vec<Expr>, depth: usize) -> Option<Expr> {
    crate::stack::guard!(sq(e, rads, depth));
    if depth > MAX_DEPTH {
        return None;
    }
    Some(match e {
        Expr::Call(Func::Sqrt, args) => {
            let [x] = args.as_slice() else {
                return None;
            };
            if x.has_var() {
                rads.push(x.clone());
            }
            // sqrt(x)^2 = x where sqrt(x) is defined
            x.clone()
        }
        Expr::Mul(a, b) => Expr::mul(sq(a, rads, depth + 1)?, sq(b, rads, depth + 1)?),
        Expr::Div(a, b) => Expr::div(sq(a, rads, depth + 1)?, sq(b, rads, depth + 1)?),
        Expr::Num(q) => Expr::Num(q * q),
        Expr::Pow(a, b) => match &**b {
            Expr::Num(q) if !q.is_zero() && (q.is_positive() || q.is_negative()) => {
                Expr::pow((**a).clone(), Expr::Num(q * Q::from_integer(2.into())))
            }
            _ => Expr::pow(e.clone(), Expr::int(2)),
        },
        _ => Expr::pow(e.clone(), Expr::int(2)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squares_and_signs() {
        let n = Expr::Var;
        let p = BTreeMap::new();
        let root = Expr::call1(
            Func::Sqrt,
            Expr::div(
                Expr::add(Expr::call1(Func::Log, n.clone()), Expr::int(3)),
                n.clone(),
            ),
        );
        assert!(nonneg(&root, &p));
        let (s, rads) = square(&Expr::mul(Expr::int(2), root)).unwrap();
        assert_eq!(rads.len(), 1);
        // 4 * (log(n) + 3)/n at n = 1 is 12
        let v = eval(&s, &Interval::point(Q::one()), &p, 64).unwrap();
        assert!(v.contains(&Q::from_integer(12.into())));
        assert!(!nonneg(&Expr::sub(n.clone(), Expr::int(1)), &p));
        assert!(!nonneg(&Expr::call1(Func::Log, Expr::int(0)), &p));
        assert!(nonneg(&Expr::call1(Func::Log, Expr::int(3)), &p));
    }
}
