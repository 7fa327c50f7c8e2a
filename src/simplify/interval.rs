//! A small private enclosure type for the e-graph analysis: an interval of
//! the reals with exact rational ends, each open or closed, possibly infinite.
//!
//! Every operation returns an enclosure that is *valid* (it contains every
//! value the operation can take on the given inputs) but not necessarily
//! tight. The rule everywhere: when unsure, drop a bound (make it infinite)
//! or make it closed — both are weaker claims. Big numbers are not
//! computed: past a size budget a bound is dropped instead.

use crate::exact::q;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

type Q = BigRational;

/// Largest numerator/denominator (in bits) a bound may have; larger bounds
/// are dropped (replaced by an infinite end), which is always sound.
const MAX_BITS: u64 = 4096;

/// One finite end: value and whether the end itself is included.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct End {
    pub value: Q,
    pub closed: bool,
}

/// An interval `lo .. hi`; `None` means unbounded on that side.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Interval {
    pub lo: Option<End>,
    pub hi: Option<End>,
}

fn q_int(i: i64) -> Q {
    Q::from_integer(BigInt::from(i))
}

fn small(q: &Q) -> bool {
    q.numer().bits() <= MAX_BITS && q.denom().bits() <= MAX_BITS
}

/// Keep an end only if its numbers are of reasonable size.
fn guard(e: Option<End>) -> Option<End> {
    e.filter(|e| small(&e.value))
}

fn end(value: Q, closed: bool) -> Option<End> {
    guard(Some(End { value, closed }))
}

/// Significant bits kept in a bound: ends with larger numerators or
/// denominators are rounded outward to a dyadic rational. Exact bounds with
/// thousands of bits made every gcd slow (a regression: 80 s for one `show`).
const ROUND_BITS: i64 = 64;

/// Round an end outward (`up` for an upper end) to about `ROUND_BITS`
/// significant bits. A strictly rounded end becomes open, which is sound
/// (the true values lie strictly inside) and keeps strict signs.
fn round_end(e: End, up: bool) -> End {
    let (p, q) = (e.value.numer(), e.value.denom());
    if p.bits() <= ROUND_BITS as u64 && q.bits() <= ROUND_BITS as u64 {
        return e;
    }
    let k = ROUND_BITS - (p.bits() as i64 - q.bits() as i64);
    let k = k.clamp(-(MAX_BITS as i64), MAX_BITS as i64);
    let scaled = if k >= 0 {
        Q::new(p << (k as usize), q.clone())
    } else {
        Q::new(p.clone(), q << ((-k) as usize))
    };
    let int = if up { scaled.ceil() } else { scaled.floor() };
    let rounded = if k >= 0 {
        Q::new(int.to_integer(), BigInt::from(1) << (k as usize))
    } else {
        Q::from_integer(int.to_integer() << ((-k) as usize))
    };
    if rounded == e.value {
        e
    } else {
        End {
            value: rounded,
            closed: false,
        }
    }
}

/// Extended real used for corner products.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ext {
    NegInf,
    Fin(Q),
    PosInf,
}

impl Ext {
    fn rank(&self) -> u8 {
        match self {
            Ext::NegInf => 0,
            Ext::Fin(_) => 1,
            Ext::PosInf => 2,
        }
    }
    fn cmp_ext(&self, other: &Ext) -> Ordering {
        match (self, other) {
            (Ext::Fin(a), Ext::Fin(b)) => q::cmp(a, b),
            _ => self.rank().cmp(&other.rank()),
        }
    }
    fn sign(&self) -> i8 {
        match self {
            Ext::NegInf => -1,
            Ext::PosInf => 1,
            Ext::Fin(q) if q.is_zero() => 0,
            Ext::Fin(q) if q.is_positive() => 1,
            Ext::Fin(_) => -1,
        }
    }
    /// Product with the convention 0 * oo = 0 (correct for interval hulls).
    fn mul(&self, other: &Ext) -> Ext {
        match (self, other) {
            (Ext::Fin(a), Ext::Fin(b)) => Ext::Fin(q::mul(a, b)),
            _ => match self.sign() * other.sign() {
                0 => Ext::Fin(Q::zero()),
                s if s > 0 => Ext::PosInf,
                _ => Ext::NegInf,
            },
        }
    }
}

impl Interval {
    /// The whole real line.
    pub fn full() -> Interval {
        Interval { lo: None, hi: None }
    }

    /// Exactly one value.
    pub fn point(q: Q) -> Interval {
        if small(&q) {
            Interval {
                lo: end(q.clone(), true),
                hi: end(q, true),
            }
        } else {
            Interval::full()
        }
    }

    pub fn new(lo: Option<End>, hi: Option<End>) -> Interval {
        Interval {
            lo: guard(lo.map(|e| round_end(e, false))),
            hi: guard(hi.map(|e| round_end(e, true))),
        }
    }

    /// `[q, oo)` or `(q, oo)`.
    pub fn at_least(q: Q, closed: bool) -> Interval {
        Interval::new(Some(End { value: q, closed }), None)
    }

    /// Does the interval contain no real number?
    pub fn is_empty(&self) -> bool {
        match (&self.lo, &self.hi) {
            (Some(a), Some(b)) => match q::cmp(&a.value, &b.value) {
                Ordering::Greater => true,
                Ordering::Equal => !(a.closed && b.closed),
                Ordering::Less => false,
            },
            _ => false,
        }
    }

    pub fn contains(&self, x: &Q) -> bool {
        let lo_ok = match &self.lo {
            None => true,
            Some(e) => {
                let o = q::cmp(x, &e.value);
                o.is_gt() || (e.closed && o.is_eq())
            }
        };
        let hi_ok = match &self.hi {
            None => true,
            Some(e) => {
                let o = q::cmp(x, &e.value);
                o.is_lt() || (e.closed && o.is_eq())
            }
        };
        lo_ok && hi_ok
    }

    /// Every value is > 0.
    pub fn is_positive(&self) -> bool {
        match &self.lo {
            Some(e) => e.value.is_positive() || (e.value.is_zero() && !e.closed),
            None => false,
        }
    }
    /// Every value is >= 0.
    pub fn is_nonneg(&self) -> bool {
        matches!(&self.lo, Some(e) if !e.value.is_negative())
    }
    /// Every value is < 0.
    pub fn is_negative(&self) -> bool {
        match &self.hi {
            Some(e) => e.value.is_negative() || (e.value.is_zero() && !e.closed),
            None => false,
        }
    }
    /// Every value is <= 0.
    pub fn is_nonpos(&self) -> bool {
        matches!(&self.hi, Some(e) if !e.value.is_positive())
    }
    /// 0 is not a value.
    pub fn excludes_zero(&self) -> bool {
        self.is_positive() || self.is_negative()
    }
    /// Every value of `self` is <= every value of `other`.
    pub fn all_le(&self, other: &Interval) -> bool {
        match (&self.hi, &other.lo) {
            (Some(a), Some(b)) => q::cmp(&a.value, &b.value).is_le(),
            _ => false,
        }
    }

    /// Intersection (both enclosures are valid, so is their intersection).
    pub fn intersect(&self, other: &Interval) -> Interval {
        let lo = match (&self.lo, &other.lo) {
            (None, x) | (x, None) => x.clone(),
            (Some(a), Some(b)) => Some(match q::cmp(&a.value, &b.value) {
                Ordering::Greater => a.clone(),
                Ordering::Less => b.clone(),
                Ordering::Equal => End {
                    value: a.value.clone(),
                    closed: a.closed && b.closed,
                },
            }),
        };
        let hi = match (&self.hi, &other.hi) {
            (None, x) | (x, None) => x.clone(),
            (Some(a), Some(b)) => Some(match q::cmp(&a.value, &b.value) {
                Ordering::Less => a.clone(),
                Ordering::Greater => b.clone(),
                Ordering::Equal => End {
                    value: a.value.clone(),
                    closed: a.closed && b.closed,
                },
            }),
        };
        Interval::new(lo, hi)
    }

    pub fn neg(&self) -> Interval {
        let flip = |e: &Option<End>| {
            e.as_ref().map(|e| End {
                value: -e.value.clone(),
                closed: e.closed,
            })
        };
        Interval::new(flip(&self.hi), flip(&self.lo))
    }

    pub fn add(&self, other: &Interval) -> Interval {
        let sum = |a: &Option<End>, b: &Option<End>| match (a, b) {
            (Some(a), Some(b)) => end(q::add(&a.value, &b.value), a.closed && b.closed),
            _ => None,
        };
        Interval::new(sum(&self.lo, &other.lo), sum(&self.hi, &other.hi))
    }

    pub fn sub(&self, other: &Interval) -> Interval {
        self.add(&other.neg())
    }

    fn ends_ext(&self) -> [(Ext, bool); 2] {
        let lo = match &self.lo {
            None => (Ext::NegInf, false),
            Some(e) => (Ext::Fin(e.value.clone()), e.closed),
        };
        let hi = match &self.hi {
            None => (Ext::PosInf, false),
            Some(e) => (Ext::Fin(e.value.clone()), e.closed),
        };
        [lo, hi]
    }

    /// Product of two (non-empty) intervals.
    pub fn mul(&self, other: &Interval) -> Interval {
        if self.is_empty() || other.is_empty() {
            return Interval::full();
        }
        let zero_inside = self.contains(&Q::zero()) || other.contains(&Q::zero());
        if let Some(fast) = self.mul_nonneg(other, zero_inside) {
            return fast;
        }
        self.mul_corners(other, zero_inside)
    }

    /// `mul` by the four corner products (any signs).
    fn mul_corners(&self, other: &Interval, zero_inside: bool) -> Interval {
        let mut corners: Vec<(Ext, bool)> = Vec::with_capacity(4);
        for (a, ca) in self.ends_ext() {
            for (b, cb) in other.ends_ext() {
                corners.push((a.mul(&b), ca && cb));
            }
        }
        let pick = |want: Ordering| -> Option<(Ext, bool)> {
            let mut best: Option<(Ext, bool)> = None;
            for (v, c) in &corners {
                best = match best {
                    None => Some((v.clone(), *c)),
                    Some((bv, bc)) => match v.cmp_ext(&bv) {
                        o if o == want => Some((v.clone(), *c)),
                        Ordering::Equal => Some((bv, bc || *c)),
                        _ => Some((bv, bc)),
                    },
                };
            }
            best
        };
        let to_end = |x: Option<(Ext, bool)>| -> Option<End> {
            match x {
                Some((Ext::Fin(v), closed)) => {
                    // A zero bound is attained exactly when a factor can be 0;
                    // a nonzero extreme of a bilinear map is only at corners.
                    let closed = if v.is_zero() { zero_inside } else { closed };
                    end(v, closed)
                }
                _ => None,
            }
        };
        Interval::new(
            to_end(pick(Ordering::Less)),
            to_end(pick(Ordering::Greater)),
        )
    }

    /// `1/x` for the values `x != 0` of the interval (0 itself is not in the
    /// domain of the reciprocal, so a closed 0 end is treated as open).
    /// `mul` when both factors are >= 0 with upper ends absent or > 0 (the
    /// common case in the e-graph): the extremes are `lo*lo` and `hi*hi`,
    /// with the same closedness `mul`'s corner search gives (ties between
    /// corners only occur for point factors, whose two ends are closed).
    /// `None` outside that case.
    fn mul_nonneg(&self, other: &Interval, zero_inside: bool) -> Option<Interval> {
        let (Some(alo), Some(blo)) = (&self.lo, &other.lo) else {
            return None;
        };
        let hi_ok = |h: &Option<End>| h.as_ref().is_none_or(|e| e.value.is_positive());
        if alo.value.is_negative()
            || blo.value.is_negative()
            || !hi_ok(&self.hi)
            || !hi_ok(&other.hi)
        {
            return None;
        }
        let lo_value = q::mul(&alo.value, &blo.value);
        let lo_closed = if lo_value.is_zero() {
            zero_inside
        } else {
            alo.closed && blo.closed
        };
        let hi = match (&self.hi, &other.hi) {
            (Some(ah), Some(bh)) => end(q::mul(&ah.value, &bh.value), ah.closed && bh.closed),
            _ => None,
        };
        Some(Interval::new(end(lo_value, lo_closed), hi))
    }

    pub fn recip(&self) -> Interval {
        let inv = |e: &End| -> Option<End> {
            if e.value.is_zero() {
                None
            } else {
                end(e.value.recip(), e.closed)
            }
        };
        if self.is_nonneg() {
            // values in (0, hi] or so: 1/x in [1/hi, oo)
            let lo = match &self.hi {
                None => end(Q::zero(), false),
                Some(h) if h.value.is_zero() => return Interval::full(), // only 0: nowhere defined
                Some(h) => inv(h),
            };
            let hi = match &self.lo {
                Some(l) if !l.value.is_zero() => inv(l),
                _ => None,
            };
            return Interval::new(lo, hi);
        }
        if self.is_nonpos() {
            return self.neg().recip().neg();
        }
        Interval::full()
    }

    pub fn div(&self, other: &Interval) -> Interval {
        self.mul(&other.recip())
    }

    /// `x^k` for an integer `k` (|k| <= 64), over the values where it is
    /// defined (x != 0 when k < 0).
    pub fn pow_int(&self, k: i64) -> Interval {
        if !(-64..=64).contains(&k) {
            return Interval::full();
        }
        if k == 0 {
            return Interval::point(Q::one());
        }
        if k < 0 {
            return self.pow_int(-k).recip();
        }
        let kk = k as i32;
        let p = |e: &Option<End>| -> Option<End> {
            e.as_ref().and_then(|e| {
                if e.value.numer().bits() * (k as u64) > MAX_BITS
                    || e.value.denom().bits() * (k as u64) > MAX_BITS
                {
                    None
                } else {
                    end(num_traits::pow::Pow::pow(&e.value, kk), e.closed)
                }
            })
        };
        let odd = k % 2 == 1;
        if odd || self.is_nonneg() {
            // monotone increasing
            return Interval::new(p(&self.lo), p(&self.hi));
        }
        if self.is_nonpos() {
            // even power of non-positive values: decreasing
            return Interval::new(p(&self.hi), p(&self.lo));
        }
        // even power, interval straddles 0
        let hi = match (p(&self.lo), p(&self.hi)) {
            (Some(a), Some(b)) => Some(match q::cmp(&a.value, &b.value) {
                Ordering::Greater => a,
                Ordering::Less => b,
                Ordering::Equal => End {
                    value: a.value,
                    closed: a.closed || b.closed,
                },
            }),
            _ => None,
        };
        Interval {
            lo: end(Q::zero(), true),
            hi,
        }
    }

    pub fn abs(&self) -> Interval {
        if self.is_nonneg() {
            return self.clone();
        }
        if self.is_nonpos() {
            return self.neg();
        }
        let hi = match (&self.lo, &self.hi) {
            (Some(a), Some(b)) => {
                let na = -a.value.clone();
                Some(match na.cmp(&b.value) {
                    Ordering::Greater => End {
                        value: na,
                        closed: a.closed,
                    },
                    Ordering::Less => b.clone(),
                    Ordering::Equal => End {
                        value: na,
                        closed: a.closed || b.closed,
                    },
                })
            }
            _ => None,
        };
        Interval {
            lo: end(Q::zero(), true),
            hi,
        }
    }

    /// Enclosure of `min(x, y)`.
    pub fn min(&self, other: &Interval) -> Interval {
        self.neg().max(&other.neg()).neg()
    }

    /// Enclosure of `max(x, y)`.
    pub fn max(&self, other: &Interval) -> Interval {
        let bigger = |a: &End, b: &End| match a.value.cmp(&b.value) {
            Ordering::Greater => a.clone(),
            Ordering::Less => b.clone(),
            Ordering::Equal => End {
                value: a.value.clone(),
                closed: a.closed || b.closed,
            },
        };
        let lo = match (&self.lo, &other.lo) {
            (Some(a), Some(b)) => Some(bigger(a, b)),
            (Some(a), None) | (None, Some(a)) => Some(a.clone()),
            (None, None) => None,
        };
        let hi = match (&self.hi, &other.hi) {
            (Some(a), Some(b)) => Some(bigger(a, b)),
            _ => None,
        };
        Interval::new(lo, hi)
    }

    /// Enclosure of `sqrt(x)` over the values `x >= 0`.
    pub fn sqrt(&self) -> Interval {
        let lo = match &self.lo {
            Some(l) if l.value.is_positive() => match q_sqrt_exact(&l.value) {
                Some(r) => end(r, l.closed),
                None => sqrt_below(&l.value),
            },
            Some(l) if l.value.is_zero() => end(Q::zero(), l.closed),
            _ => end(Q::zero(), true),
        };
        let hi = match &self.hi {
            Some(h) if h.value.is_negative() => return Interval::at_least(Q::zero(), true),
            Some(h) => match q_sqrt_exact(&h.value) {
                Some(r) => end(r, h.closed),
                None => sqrt_above(&h.value),
            },
            None => None,
        };
        Interval::new(lo, hi)
    }

    /// Enclosure of `exp(x)`.
    pub fn exp(&self) -> Interval {
        // exp(x) >= 1 + x, and exp(x) > 0.
        let lo = match &self.lo {
            Some(l) if (&l.value + Q::one()).is_positive() => end(&l.value + Q::one(), true),
            _ => end(Q::zero(), false),
        };
        let hi = match &self.hi {
            // exp(-t) <= 1/(1+t) for t >= 0
            Some(h) if !h.value.is_positive() => end((Q::one() - &h.value).recip(), true),
            // exp(x) <= 3^ceil(x)
            Some(h) => match h.value.ceil().to_integer().to_u32() {
                Some(c) if c <= 2000 => end(
                    Q::from_integer(num_traits::pow(BigInt::from(3), c as usize)),
                    true,
                ),
                _ => None,
            },
            None => None,
        };
        Interval::new(lo, hi)
    }

    /// Enclosure of `log(x)` over the values `x > 0`:
    /// `1 - 1/x <= log x <= x - 1`, with strictness carried by monotonicity.
    pub fn log(&self) -> Interval {
        let lo = match &self.lo {
            Some(l) if l.value == Q::one() => end(Q::zero(), l.closed),
            Some(l) if l.value.is_positive() => end(Q::one() - l.value.recip(), l.closed),
            _ => None,
        };
        let hi = match &self.hi {
            Some(h) if h.value == Q::one() => end(Q::zero(), h.closed),
            Some(h) if h.value.is_positive() => end(&h.value - Q::one(), h.closed),
            _ => None,
        };
        Interval::new(lo, hi)
    }
}

/// Exact rational square root, if `q >= 0` is a square.
pub fn q_sqrt_exact(q: &Q) -> Option<Q> {
    q_root_exact(q, 2)
}

/// Exact rational `k`-th root of `q >= 0`, if there is one.
pub fn q_root_exact(q: &Q, k: u32) -> Option<Q> {
    if q.is_negative() || k == 0 || !small(q) {
        return None;
    }
    let n = q.numer().nth_root(k);
    let d = q.denom().nth_root(k);
    if num_traits::pow(n.clone(), k as usize) == *q.numer()
        && num_traits::pow(d.clone(), k as usize) == *q.denom()
    {
        Some(Q::new(n, d))
    } else {
        None
    }
}

const SQRT_SCALE: i64 = 1000;

/// A lower bound of `sqrt(q)` for `q > 0`, as an end (strictly positive).
fn sqrt_below(q: &Q) -> Option<End> {
    let s = q_int(SQRT_SCALE);
    let scaled = (q * &s * &s).floor().to_integer();
    let r = Q::new(scaled.sqrt(), BigInt::from(SQRT_SCALE));
    if r.is_zero() {
        end(Q::zero(), false)
    } else {
        end(r, true)
    }
}

/// An upper bound of `sqrt(q)` for `q >= 0`.
fn sqrt_above(q: &Q) -> Option<End> {
    let s = q_int(SQRT_SCALE);
    let scaled = (q * &s * &s).ceil().to_integer();
    let r = Q::new(scaled.sqrt() + BigInt::one(), BigInt::from(SQRT_SCALE));
    end(r, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iv(lo: Option<(i64, bool)>, hi: Option<(i64, bool)>) -> Interval {
        Interval::new(
            lo.map(|(v, c)| End {
                value: q_int(v),
                closed: c,
            }),
            hi.map(|(v, c)| End {
                value: q_int(v),
                closed: c,
            }),
        )
    }

    #[test]
    fn nonneg_fast_product_agrees_with_the_corners() {
        let mut ends: Vec<Option<(i64, bool)>> = vec![None];
        for v in [-1, 0, 1, 2, 5] {
            ends.push(Some((v, true)));
            ends.push(Some((v, false)));
        }
        let mut intervals = Vec::new();
        for lo in &ends {
            for hi in &ends {
                let i = iv(*lo, *hi);
                if !i.is_empty() {
                    intervals.push(i);
                }
            }
        }
        let mut fast_used = 0;
        for a in &intervals {
            for b in &intervals {
                let zero_inside = a.contains(&Q::zero()) || b.contains(&Q::zero());
                if let Some(fast) = a.mul_nonneg(b, zero_inside) {
                    fast_used += 1;
                    assert_eq!(fast, a.mul_corners(b, zero_inside), "{a:?} * {b:?}");
                }
            }
        }
        assert!(fast_used > 100, "{fast_used}");
    }

    #[test]
    fn product_of_positives_is_positive() {
        let n = iv(Some((1, true)), None);
        let a = iv(Some((0, false)), None);
        assert!(n.mul(&a).is_positive());
        let z = iv(Some((0, true)), Some((1, true)));
        assert!(!n.mul(&z).is_positive());
        assert!(n.mul(&z).is_nonneg());
    }

    #[test]
    fn square_of_straddling_is_nonneg_not_positive() {
        let x = iv(Some((-2, true)), Some((3, false)));
        let s = x.pow_int(2);
        assert!(s.is_nonneg());
        assert!(!s.is_positive());
        assert_eq!(s.hi.map(|e| e.value), Some(q_int(9)));
    }

    #[test]
    fn log_and_sqrt_signs() {
        let n = iv(Some((1, true)), None);
        assert!(n.log().is_nonneg());
        assert!(!n.log().is_positive());
        let two_n = iv(Some((2, true)), None);
        assert!(two_n.log().is_positive());
        assert!(n.sqrt().is_positive());
        assert!(iv(None, None).exp().is_positive());
        assert_eq!(
            q_sqrt_exact(&Q::new(BigInt::from(9), BigInt::from(4))),
            Some(Q::new(BigInt::from(3), BigInt::from(2)))
        );
        assert_eq!(q_sqrt_exact(&q_int(2)), None);
    }

    #[test]
    fn recip_of_nonneg_skips_zero() {
        let z = iv(Some((0, true)), Some((2, true)));
        let r = z.recip();
        assert!(r.is_positive());
        assert_eq!(
            r.lo.map(|e| e.value),
            Some(Q::new(BigInt::from(1), BigInt::from(2)))
        );
        assert!(r.hi.is_none());
        assert_eq!(
            iv(Some((-1, true)), Some((1, true))).recip(),
            Interval::full()
        );
    }
}
