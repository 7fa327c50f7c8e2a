//! Exact eventual inequalities from inequality hypotheses: `fn`s in
//! monotone positions are replaced by their bounds (`G <= h eventually`
//! raises G to h where the expression increases with G; `G >= h` lowers it),
//! so that `A <= B eventually` follows from `A' <= B'` with A <= A' and
//! B' <= B. Monotonicity is proved, never assumed: a factor's sign, a
//! denominator's positivity and a power's base are shown eventually positive
//! first; anything else is left unchanged (e <= e always holds).

use super::bounds::Analyzer;
use crate::ir::{Expr, FnFreeFactor, Func};
use std::collections::BTreeSet;

/// Substitutions along one chain of bounds (G <= h(H), H <= ...).
pub(crate) const MAX_HOPS: usize = crate::limits::LIMITS.raise_hops;
/// Depth units per hop: `depth / HOP` counts the substitutions made.
const HOP: usize = 1 << 12;

fn pos(x: &Expr, an: &mut Analyzer) -> bool {
    matches!(an.signed(x, 0), Ok(s) if s.sign == Ok(false))
}

fn neg(x: &Expr, an: &mut Analyzer) -> bool {
    matches!(an.signed(x, 0), Ok(s) if s.sign == Ok(true))
}

/// `e'` with `e <= e'` (`up`) or `e >= e'` (`!up`) eventually, for every
/// function satisfying the hypotheses; `used` collects the hypotheses used.
pub(crate) fn raise(
    e: &Expr,
    up: bool,
    an: &mut Analyzer,
    used: &mut BTreeSet<usize>,
    hops: usize,
    depth: usize,
) -> Expr {
    crate::stack::guard!(raise(e, up, an, used, hops, depth));
    if !e.has_fn() || depth % HOP > crate::limits::LIMITS.derived_nesting {
        return e.clone();
    }
    let d = depth + 1;
    match e {
        Expr::Fn(g) => match an.exact_bound(g, up) {
            Some((idx, h)) => {
                used.insert(idx);
                // the bound may mention other `fn`s with bounds of their own
                // (a chain of at most MAX_HOPS substitutions: cycles end)
                if depth / HOP + 1 < hops.min(MAX_HOPS) {
                    raise(&h, up, an, used, hops, (depth / HOP + 1) * HOP)
                } else {
                    h
                }
            }
            None => e.clone(),
        },
        Expr::Neg(a) => Expr::neg(raise(a, !up, an, used, hops, d)),
        Expr::Add(a, b) => Expr::add(
            raise(a, up, an, used, hops, d),
            raise(b, up, an, used, hops, d),
        ),
        Expr::Sub(a, b) => Expr::sub(
            raise(a, up, an, used, hops, d),
            raise(b, !up, an, used, hops, d),
        ),
        Expr::Mul(a, b) => {
            if let Some(f) = FnFreeFactor::of(a, b) {
                let w = if pos(f.c, an) {
                    up
                } else if neg(f.c, an) {
                    !up
                } else {
                    return e.clone();
                };
                return f.with(raise(f.x, w, an, used, hops, d));
            }
            if !(pos(a, an) && pos(b, an)) {
                return e.clone();
            }
            let mut trial = BTreeSet::new();
            let (a2, b2) = (
                raise(a, up, an, &mut trial, hops, d),
                raise(b, up, an, &mut trial, hops, d),
            );
            // raised factors stay >= the positive originals; lowered ones must be shown positive
            let lowered_positive = up || (pos(&a2, an) && pos(&b2, an));
            if !lowered_positive {
                return e.clone();
            }
            used.extend(trial);
            Expr::mul(a2, b2)
        }
        Expr::Div(a, b) => {
            if !pos(b, an) {
                return e.clone();
            }
            let a2 = raise(a, up, an, used, hops, d);
            if !b.has_fn() {
                return Expr::div(a2, (**b).clone());
            }
            let mut trial = BTreeSet::new();
            let b2 = raise(b, !up, an, &mut trial, hops, d);
            if pos(&a2, an) && pos(&b2, an) {
                used.extend(trial);
                Expr::div(a2, b2)
            } else {
                Expr::div(a2, (**b).clone())
            }
        }
        Expr::Pow(a, k) => match &**k {
            Expr::Num(q) if pos(a, an) => {
                let w = if num_traits::Signed::is_negative(q) {
                    !up
                } else {
                    up
                };
                let mut trial = BTreeSet::new();
                let a2 = raise(a, w, an, &mut trial, hops, d);
                if pos(&a2, an) {
                    used.extend(trial);
                    Expr::pow(a2, (**k).clone())
                } else {
                    e.clone()
                }
            }
            _ => e.clone(),
        },
        Expr::Call(f @ (Func::Sqrt | Func::Log | Func::Log2 | Func::Log10), args)
            if args.len() == 1 && pos(&args[0], an) =>
        {
            let mut trial = BTreeSet::new();
            let a2 = raise(&args[0], up, an, &mut trial, hops, d);
            if pos(&a2, an) {
                used.extend(trial);
                Expr::call1(*f, a2)
            } else {
                e.clone()
            }
        }
        _ => e.clone(),
    }
}
