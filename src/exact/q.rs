//! Exact rational arithmetic on the hot paths of interval evaluation: the
//! same values, in the same canonical (reduced, positive denominator) form,
//! as `num_rational`'s operators, without their worst cases.
//!
//! `num_rational` reduces every result with `num_integer::gcd`, a binary
//! (Stein) gcd that takes one subtraction of the whole number per bit when
//! one operand is small: `2^(2^20) + 25` took ten billion instructions, and
//! every outward rounding `m * 2^-s` paid a gcd of its mantissa with a power
//! of two. Here the gcd first strips powers of two and then reduces the
//! larger operand modulo the smaller while their sizes differ, so a small or
//! power-of-two operand costs one division; dyadic rationals (what outward
//! rounding produces) are built and added by shifts. Comparison decides by
//! bit lengths before it multiplies. Values whose numerator and denominator
//! fit in a machine word (most ends after outward rounding, most
//! coefficients) are added, multiplied and compared in `i128`/`u128`, with
//! the same reduced result.

use crate::ir::Q;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// gcd(a, b) >= 0 (gcd(0, 0) = 0).
pub fn gcd(a: &BigInt, b: &BigInt) -> BigInt {
    BigInt::from_biguint(Sign::Plus, gcd_u(a.magnitude(), b.magnitude()))
}

fn gcd_u(a: &BigUint, b: &BigUint) -> BigUint {
    if a.is_zero() {
        return b.clone();
    }
    if b.is_zero() {
        return a.clone();
    }
    let za = a.trailing_zeros().unwrap_or(0);
    let zb = b.trailing_zeros().unwrap_or(0);
    let mut x: BigUint = a >> za;
    let mut y: BigUint = b >> zb;
    // x, y odd: their gcd is odd, the common power of two is 2^min(za, zb)
    let odd = loop {
        if x < y {
            std::mem::swap(&mut x, &mut y);
        }
        if y.is_zero() {
            break x;
        }
        if let Some(v) = y.to_u64() {
            let r = (&x % v).to_u64().unwrap_or(0);
            break BigUint::from(gcd_u64(v, r));
        }
        if x.bits() > y.bits() + 64 {
            x = &x % &y;
            if let Some(z) = x.trailing_zeros() {
                x >>= z; // y is odd: factors of two are not common
            }
            continue;
        }
        break x.gcd(&y);
    };
    odd << za.min(zb)
}

fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// Numerator and denominator when both fit in a machine word.
fn small(a: &Q) -> Option<(i64, u64)> {
    Some((a.numer().to_i64()?, a.denom().to_u64()?))
}

/// n/d (d > 0) reduced, from machine integers.
fn reduce_small(n: i128, d: u128) -> Q {
    let g = gcd_u128(n.unsigned_abs(), d);
    let (n, d) = if g > 1 {
        // g divides |n| <= 2^127, so the quotient fits
        (n / (g as i128), d / g)
    } else {
        (n, d)
    };
    Q::new_raw(BigInt::from(n), BigInt::from(d))
}

/// n/d in lowest terms with d > 0; `None` when d = 0.
pub fn reduce(n: BigInt, d: BigInt) -> Option<Q> {
    if d.is_zero() {
        return None;
    }
    if n.is_zero() {
        return Some(Q::zero());
    }
    let g = gcd(&n, &d);
    let (mut n, mut d) = if g.is_one() { (n, d) } else { (n / &g, d / &g) };
    if d.is_negative() {
        n = -n;
        d = -d;
    }
    Some(Q::new_raw(n, d))
}

/// m * 2^e, reduced by shifts.
pub fn dyadic(m: BigInt, e: i64) -> Q {
    if m.is_zero() {
        return Q::zero();
    }
    let tz = m.trailing_zeros().unwrap_or(0);
    let m = m >> tz;
    let e = e.saturating_add(i64::try_from(tz).unwrap_or(i64::MAX));
    if e >= 0 {
        Q::new_raw(m << e.unsigned_abs(), BigInt::one())
    } else {
        Q::new_raw(m, BigInt::one() << e.unsigned_abs())
    }
}

/// k when the (positive) denominator is 2^k.
fn pow2_exponent(d: &BigInt) -> Option<u64> {
    let tz = d.trailing_zeros()?;
    (d.bits() == tz + 1).then_some(tz)
}

/// a + b.
pub fn add(a: &Q, b: &Q) -> Q {
    if a.is_zero() {
        return b.clone();
    }
    if b.is_zero() {
        return a.clone();
    }
    if let (Some((an, ad)), Some((bn, bd))) = (small(a), small(b)) {
        // |an bd|, |bn ad| < 2^127; their sum may not fit
        let n = i128::from(an)
            .checked_mul(i128::from(bd))
            .zip(i128::from(bn).checked_mul(i128::from(ad)))
            .and_then(|(x, y)| x.checked_add(y))
            .filter(|n| *n != i128::MIN);
        if let Some(n) = n {
            if n == 0 {
                return Q::zero();
            }
            return reduce_small(n, u128::from(ad) * u128::from(bd));
        }
    }
    if let (Some(ka), Some(kb)) = (pow2_exponent(a.denom()), pow2_exponent(b.denom())) {
        let k = ka.max(kb);
        let n = (a.numer() << (k - ka)) + (b.numer() << (k - kb));
        let k = i64::try_from(k).unwrap_or(i64::MAX);
        return dyadic(n, -k);
    }
    if a.denom() == b.denom() {
        return reduce(a.numer() + b.numer(), a.denom().clone()).unwrap_or_else(Q::zero);
    }
    let n = a.numer() * b.denom() + b.numer() * a.denom();
    reduce(n, a.denom() * b.denom()).unwrap_or_else(Q::zero)
}

/// a * b.
pub fn mul(a: &Q, b: &Q) -> Q {
    if a.is_zero() || b.is_zero() {
        return Q::zero();
    }
    if let (Some((an, ad)), Some((bn, bd))) = (small(a), small(b)) {
        // cross-cancelled factors: |numerator| <= 2^126, denominator < 2^128
        let g1 = gcd_u64(an.unsigned_abs(), bd);
        let g2 = gcd_u64(bn.unsigned_abs(), ad);
        let n = (i128::from(an) / i128::from(g1)) * (i128::from(bn) / i128::from(g2));
        let d = u128::from(ad / g2) * u128::from(bd / g1);
        return Q::new_raw(BigInt::from(n), BigInt::from(d));
    }
    // cross-cancel: the result is reduced when both factors are
    let g1 = gcd(a.numer(), b.denom());
    let g2 = gcd(b.numer(), a.denom());
    let n = (a.numer() / &g1) * (b.numer() / &g2);
    let d = (a.denom() / &g2) * (b.denom() / &g1);
    Q::new_raw(n, d)
}

/// a compared with b.
pub fn cmp(a: &Q, b: &Q) -> Ordering {
    let (sa, sb) = (a.numer().sign(), b.numer().sign());
    if sa != sb {
        return sa.cmp(&sb);
    }
    if sa == Sign::NoSign {
        return Ordering::Equal;
    }
    if a.denom() == b.denom() {
        return a.numer().cmp(b.numer());
    }
    if let (Some((an, ad)), Some((bn, bd))) = (small(a), small(b)) {
        // each product is below 2^127 in magnitude
        return (i128::from(an) * i128::from(bd)).cmp(&(i128::from(bn) * i128::from(ad)));
    }
    // same sign: compare |a| = pa/qa with |b| = pb/qb by bit lengths first
    // (|x| lies in [2^(bits(p)-1-bits(q)), 2^(bits(p)-bits(q)+1)))
    let ma = a.numer().bits() as i128 - a.denom().bits() as i128;
    let mb = b.numer().bits() as i128 - b.denom().bits() as i128;
    let mag = if ma >= mb + 2 {
        Ordering::Greater
    } else if mb >= ma + 2 {
        Ordering::Less
    } else {
        (a.numer().magnitude() * b.denom().magnitude())
            .cmp(&(b.numer().magnitude() * a.denom().magnitude()))
    };
    if sa == Sign::Minus {
        mag.reverse()
    } else {
        mag
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn int(&mut self) -> BigInt {
            let mut v = BigInt::from(self.next() % 1000);
            let shape = self.next() % 6;
            let limbs = match shape {
                0 => 0,
                1 => 1,
                2 => 3,
                _ => (self.next() % 40) as usize,
            };
            for _ in 0..limbs {
                v = (v << 64) + BigInt::from(self.next());
            }
            if self.next().is_multiple_of(3) {
                v <<= (self.next() % 300) as usize;
            }
            if self.next().is_multiple_of(2) {
                -v
            } else {
                v
            }
        }
        fn q(&mut self) -> Q {
            let n = self.int();
            let d = match self.next() % 4 {
                0 => BigInt::one(),
                1 => BigInt::one() << (self.next() % 200) as usize,
                _ => {
                    let d = self.int();
                    if d.is_zero() {
                        BigInt::one()
                    } else {
                        d
                    }
                }
            };
            Q::new(n, d)
        }
    }

    fn canonical(q: &Q) -> bool {
        q.denom().is_positive() && gcd(q.numer(), q.denom()).is_one()
            || (q.numer().is_zero() && q.denom().is_one())
    }

    #[test]
    fn agrees_with_num_rational() {
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..4000 {
            let (a, b) = (r.q(), r.q());
            for (got, want) in [
                (add(&a, &b), &a + &b),
                (add(&a, &-&b), &a - &b),
                (mul(&a, &b), &a * &b),
            ] {
                assert!(canonical(&got), "{got:?} not canonical");
                assert_eq!(got.numer(), want.numer(), "{a} {b}");
                assert_eq!(got.denom(), want.denom(), "{a} {b}");
            }
            assert_eq!(cmp(&a, &b), a.cmp(&b), "{a} vs {b}");
            assert_eq!(cmp(&a, &a), Ordering::Equal);
            let (x, y) = (r.int(), r.int());
            assert_eq!(gcd(&x, &y), x.gcd(&y), "gcd({x}, {y})");
            let e = (r.next() % 400) as i64 - 200;
            let d = dyadic(x.clone(), e);
            let want = if e >= 0 {
                Q::from_integer(x.clone() << e.unsigned_abs())
            } else {
                Q::new(x.clone(), BigInt::one() << e.unsigned_abs())
            };
            assert_eq!((d.numer(), d.denom()), (want.numer(), want.denom()));
        }
    }

    #[test]
    fn word_sized_extremes_agree_with_num_rational() {
        let nums = [
            i64::MIN,
            i64::MIN + 1,
            -(1 << 62),
            -3,
            -1,
            1,
            2,
            7,
            1 << 62,
            i64::MAX,
        ];
        let dens = [1u64, 2, 3, 1 << 63, u64::MAX, u64::MAX - 1, (1 << 32) + 1];
        let qs: Vec<Q> = nums
            .iter()
            .flat_map(|&n| dens.iter().map(move |&d| Q::new(n.into(), d.into())))
            .collect();
        for a in &qs {
            for b in &qs {
                for (got, want) in [(add(a, b), a + b), (add(a, &-b), a - b), (mul(a, b), a * b)] {
                    assert!(canonical(&got), "{got:?} not canonical");
                    assert_eq!(got, want, "{a} {b}");
                }
                assert_eq!(cmp(a, b), a.cmp(b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn huge_plus_small_is_fast_and_exact() {
        // 2^(2^20) + 25: one division, not a million subtractions
        let big = Q::from_integer(BigInt::one() << (1usize << 20));
        let s = add(&big, &Q::from_integer(25.into()));
        assert_eq!(s.numer(), &((BigInt::one() << (1usize << 20)) + 25));
        assert!(s.denom().is_one());
        let third = Q::new(1.into(), 3.into());
        let t = add(&big, &third);
        assert_eq!(t.denom(), &BigInt::from(3));
        assert_eq!(cmp(&t, &big), Ordering::Greater);
        assert_eq!(cmp(&-&t, &-&big), Ordering::Less);
    }
}
