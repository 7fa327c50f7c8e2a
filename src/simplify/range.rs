//! The ranges of the e-graph analysis: [`exact::Interval`]s, with the
//! analysis's own policy on top of the exact operations. The analysis needs
//! three things those do not give, so they live here:
//!
//! * a range for every e-node: `1/x`, `x^k` for k < 0, `sqrt` and `log` are
//!   enclosed over the values where they are defined (a closed 0 end of a
//!   divisor counts as open), where the exact operations answer `None`
//!   outside their domain;
//! * cheap closed-form bounds for `sqrt` (on a 1/1000 grid), `exp` and
//!   `log` (`1 - 1/x <= log x <= x - 1`), where the exact operations
//!   evaluate series to a precision: a range is computed at every e-node;
//! * small ends: an end of more than 64 bits (numerator or denominator) is
//!   rounded outward to about 64 significant bits (and opened), and one
//!   past 4096 bits is dropped (made infinite); exact ends with thousands of
//!   bits made every gcd slow (80 s for one `show`).
//!
//! Every range is valid (it contains every value the node takes where it
//! is defined) but not necessarily tight. When unsure, a bound is dropped
//! or closed; both are weaker claims. No floating point decides anything.

use crate::exact::q;
use crate::exact::Interval;
use crate::ir::{Constraint, Q};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// Largest numerator/denominator (in bits) an end may have; a larger end
/// is dropped (replaced by an infinite end), which is always sound.
const MAX_BITS: u64 = crate::limits::LIMITS.range_bits;

/// Ends with a numerator or denominator of more bits are rounded outward
/// to about this many significant bits.
const ROUND_BITS: i64 = crate::limits::LIMITS.range_round_bits;

/// One end: value and whether it is included.
type End = Option<(Q, bool)>;

fn small(q: &Q) -> bool {
    q.numer_bits() <= MAX_BITS && q.denom_bits() <= MAX_BITS
}

/// The end, if its numbers are of reasonable size.
fn end(value: Q, closed: bool) -> End {
    small(&value).then_some((value, closed))
}

/// Round an end outward (`up` for an upper end) to about `ROUND_BITS`
/// significant bits. A strictly rounded end becomes open: the values lie
/// strictly inside, so strict signs are kept.
fn round_end((value, closed): (Q, bool), up: bool) -> (Q, bool) {
    if value.numer_bits() <= ROUND_BITS as u64 && value.denom_bits() <= ROUND_BITS as u64 {
        return (value, closed);
    }
    let (p, d) = (value.numer(), value.denom());
    let k = ROUND_BITS - (p.bits() as i64 - d.bits() as i64);
    let k = k.clamp(-(MAX_BITS as i64), MAX_BITS as i64);
    let scaled = if k >= 0 {
        Q::new(p << (k as usize), d.clone())
    } else {
        Q::new(p.clone(), d << ((-k) as usize))
    };
    let int = if up { scaled.ceil() } else { scaled.floor() };
    let rounded = if k >= 0 {
        Q::new(int.to_integer(), BigInt::from(1) << (k as usize))
    } else {
        Q::from_integer(int.to_integer() << ((-k) as usize))
    };
    if rounded == value {
        (value, closed)
    } else {
        (rounded, false)
    }
}

/// Both ends kept small: dropped past `MAX_BITS`, else rounded outward.
pub fn fit(i: Interval) -> Interval {
    let keep = |e: End, up: bool| {
        e.filter(|(v, _)| small(v))
            .map(|e| round_end(e, up))
            .filter(|(v, _)| small(v))
    };
    Interval {
        lo: keep(i.lo, false),
        hi: keep(i.hi, true),
    }
}

/// Exactly `q` (the whole line when `q` is too large to keep).
pub fn point(q: Q) -> Interval {
    if small(&q) {
        Interval::point(q)
    } else {
        Interval::entire()
    }
}

/// `[q, oo)` or `(q, oo)`.
pub fn at_least(q: Q, closed: bool) -> Interval {
    fit(Interval::at_least(q, closed))
}

/// The admissible values of a parameter.
pub fn constraint(c: &Constraint) -> Interval {
    fit(Interval::from_constraint(c))
}

pub fn intersect(a: &Interval, b: &Interval) -> Interval {
    fit(a.intersect(b))
}

pub fn neg(a: &Interval) -> Interval {
    fit(a.neg())
}

pub fn add(a: &Interval, b: &Interval) -> Interval {
    fit(a.exact_add(b))
}

pub fn sub(a: &Interval, b: &Interval) -> Interval {
    add(a, &neg(b))
}

/// The product (the whole line when a factor is empty).
pub fn mul(a: &Interval, b: &Interval) -> Interval {
    if a.is_empty() || b.is_empty() {
        return Interval::entire();
    }
    fit(a.exact_mul(b))
}

/// `1/x` over the values `x != 0`.
pub fn recip(a: &Interval) -> Interval {
    if a.is_nonneg() {
        let r = a.intersect(&Interval::positive()).recip();
        fit(r.unwrap_or_else(Interval::entire))
    } else if a.is_nonpos() {
        neg(&recip(&neg(a)))
    } else {
        Interval::entire()
    }
}

pub fn div(a: &Interval, b: &Interval) -> Interval {
    mul(a, &recip(b))
}

/// `x^k` for an integer `k` (|k| <= 64), over the values where it is
/// defined (x != 0 when k < 0).
pub fn pow_int(a: &Interval, k: i64) -> Interval {
    if !(-64..=64).contains(&k) {
        return Interval::entire();
    }
    if k == 0 {
        return point(Q::one());
    }
    if k < 0 {
        return recip(&pow_int(a, -k));
    }
    let p = |e: &End| -> End {
        let (v, closed) = e.as_ref()?;
        if v.numer_bits() * (k as u64) > MAX_BITS || v.denom_bits() * (k as u64) > MAX_BITS {
            return None;
        }
        end(v.pow(k as i32), *closed)
    };
    if k % 2 == 1 || a.is_nonneg() {
        // increasing
        return fit(Interval {
            lo: p(&a.lo),
            hi: p(&a.hi),
        });
    }
    if a.is_nonpos() {
        // an even power of values <= 0: decreasing
        return fit(Interval {
            lo: p(&a.hi),
            hi: p(&a.lo),
        });
    }
    // an even power of an interval around 0
    let hi = match (p(&a.lo), p(&a.hi)) {
        (Some((x, cx)), Some((y, cy))) => Some(match q::cmp(&x, &y) {
            Ordering::Greater => (x, cx),
            Ordering::Less => (y, cy),
            Ordering::Equal => (x, cx || cy),
        }),
        _ => None,
    };
    Interval {
        lo: Some((Q::zero(), true)),
        hi,
    }
}

/// `|x|` (a negated range is kept small like every computed one).
pub fn abs(a: &Interval) -> Interval {
    if !a.is_nonneg() && a.is_nonpos() {
        neg(a)
    } else {
        a.abs()
    }
}

pub fn min(a: &Interval, b: &Interval) -> Interval {
    fit(a.min(b))
}

pub fn max(a: &Interval, b: &Interval) -> Interval {
    fit(a.max(b))
}

/// `sqrt(x)` over the values `x >= 0`.
pub fn sqrt(a: &Interval) -> Interval {
    let lo = match &a.lo {
        Some((l, c)) if l.is_positive() => match q_root_exact(l, 2) {
            Some(r) => end(r, *c),
            None => sqrt_below(l),
        },
        Some((l, c)) if l.is_zero() => Some((Q::zero(), *c)),
        _ => Some((Q::zero(), true)),
    };
    let hi = match &a.hi {
        Some((h, _)) if h.is_negative() => return at_least(Q::zero(), true),
        Some((h, c)) => match q_root_exact(h, 2) {
            Some(r) => end(r, *c),
            None => sqrt_above(h),
        },
        None => None,
    };
    fit(Interval { lo, hi })
}

/// `exp(x)`: `1 + x <= exp(x)`, `exp(-t) <= 1/(1 + t)` for t >= 0 and
/// `exp(x) <= 3^ceil(x)`.
pub fn exp(a: &Interval) -> Interval {
    let lo = match &a.lo {
        Some((l, _)) if (l + Q::one()).is_positive() => end(l + Q::one(), true),
        _ => Some((Q::zero(), false)),
    };
    let hi = match &a.hi {
        Some((h, _)) if !h.is_positive() => end((Q::one() - h).recip(), true),
        Some((h, _)) => match h.ceil().to_integer().to_u32() {
            Some(c) if c <= 2000 => end(
                Q::from_integer(num_traits::pow(BigInt::from(3), c as usize)),
                true,
            ),
            _ => None,
        },
        None => None,
    };
    fit(Interval { lo, hi })
}

/// `log(x)` over the values `x > 0`: `1 - 1/x <= log x <= x - 1`, with
/// strictness carried by monotonicity.
pub fn log(a: &Interval) -> Interval {
    let lo = match &a.lo {
        Some((l, c)) if l.is_one() => Some((Q::zero(), *c)),
        Some((l, c)) if l.is_positive() => end(Q::one() - l.recip(), *c),
        _ => None,
    };
    let hi = match &a.hi {
        Some((h, c)) if h.is_one() => Some((Q::zero(), *c)),
        Some((h, c)) if h.is_positive() => end(h - Q::one(), *c),
        _ => None,
    };
    fit(Interval { lo, hi })
}

/// Exact rational `k`-th root of `q >= 0`, if there is one.
pub fn q_root_exact(q: &Q, k: u32) -> Option<Q> {
    if q.is_negative() || k == 0 || !small(q) {
        return None;
    }
    let (qn, qd) = (q.numer(), q.denom());
    let n = qn.nth_root(k);
    let d = qd.nth_root(k);
    if num_traits::pow(n.clone(), k as usize) == qn && num_traits::pow(d.clone(), k as usize) == qd
    {
        Some(Q::new(n, d))
    } else {
        None
    }
}

/// The grid of the closed-form square-root bounds: 1/1000.
const SQRT_SCALE: i64 = 1000;

/// A lower end of `sqrt(q)` for `q > 0` (a positive one stays positive).
fn sqrt_below(q: &Q) -> End {
    let s = Q::from_integer(BigInt::from(SQRT_SCALE));
    let scaled = (q * &s * &s).floor().to_integer();
    let r = Q::new(scaled.sqrt(), BigInt::from(SQRT_SCALE));
    if r.is_zero() {
        Some((Q::zero(), false))
    } else {
        end(r, true)
    }
}

/// An upper end of `sqrt(q)` for `q >= 0`.
fn sqrt_above(q: &Q) -> End {
    let s = Q::from_integer(BigInt::from(SQRT_SCALE));
    let scaled = (q * &s * &s).ceil().to_integer();
    end(
        Q::new(scaled.sqrt() + BigInt::one(), BigInt::from(SQRT_SCALE)),
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(i: i64) -> Q {
        Q::from_integer(BigInt::from(i))
    }

    fn iv(lo: Option<(i64, bool)>, hi: Option<(i64, bool)>) -> Interval {
        fit(Interval {
            lo: lo.map(|(v, c)| (q(v), c)),
            hi: hi.map(|(v, c)| (q(v), c)),
        })
    }

    #[test]
    fn product_of_positives_is_positive() {
        let n = iv(Some((1, true)), None);
        let a = iv(Some((0, false)), None);
        assert!(mul(&n, &a).is_pos());
        let z = iv(Some((0, true)), Some((1, true)));
        assert!(!mul(&n, &z).is_pos());
        assert!(mul(&n, &z).is_nonneg());
    }

    #[test]
    fn square_of_straddling_is_nonneg_not_positive() {
        let x = iv(Some((-2, true)), Some((3, false)));
        let s = pow_int(&x, 2);
        assert!(s.is_nonneg());
        assert!(!s.is_pos());
        assert_eq!(s.hi.map(|e| e.0), Some(q(9)));
    }

    #[test]
    fn log_and_sqrt_signs() {
        let n = iv(Some((1, true)), None);
        assert!(log(&n).is_nonneg());
        assert!(!log(&n).is_pos());
        let two_n = iv(Some((2, true)), None);
        assert!(log(&two_n).is_pos());
        assert!(sqrt(&n).is_pos());
        assert!(exp(&iv(None, None)).is_pos());
        assert_eq!(
            q_root_exact(&Q::new(BigInt::from(9), BigInt::from(4)), 2),
            Some(Q::new(BigInt::from(3), BigInt::from(2)))
        );
        assert_eq!(q_root_exact(&q(2), 2), None);
    }

    #[test]
    fn recip_of_nonneg_skips_zero() {
        let z = iv(Some((0, true)), Some((2, true)));
        let r = recip(&z);
        assert!(r.is_pos());
        assert_eq!(
            r.lo.map(|e| e.0),
            Some(Q::new(BigInt::from(1), BigInt::from(2)))
        );
        assert!(r.hi.is_none());
        assert_eq!(
            recip(&iv(Some((-1, true)), Some((1, true)))),
            Interval::entire()
        );
    }

    #[test]
    fn large_ends_are_rounded_outward_and_opened() {
        let big = Q::new(
            (BigInt::from(1) << 70usize) + BigInt::from(1),
            BigInt::from(3),
        );
        let r = at_least(big.clone(), true);
        let (lo, closed) = r.lo.clone().unwrap();
        assert!(lo < big && !closed && lo.is_integer());
        // a point keeps its exact value; what is computed from it is fitted
        assert_eq!(point(big.clone()).as_point(), Some(&big));
        assert!(neg(&point(big)).as_point().is_none());
    }
}
