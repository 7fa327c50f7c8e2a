//! The big-integer side of `Q`: a gcd without the binary gcd's worst case
//! (powers of two stripped first, then the larger operand reduced modulo the
//! smaller while their sizes differ, so a small or power-of-two operand
//! costs one division), reduction, dyadic rationals built and added by
//! shifts, and comparison by bit lengths before multiplying. Used when an
//! operand or a result does not fit a machine word. Operands of at most two
//! words (the quotients of rounded interval ends) are cross-cancelled,
//! multiplied and compared in `u128` with 256-bit products (`mul_wide`),
//! one big integer built per part of the result.

use super::Q;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// gcd(a, b) >= 0 (gcd(0, 0) = 0).
pub(super) fn gcd(a: &BigInt, b: &BigInt) -> BigInt {
    BigInt::from_biguint(Sign::Plus, gcd_u(a.magnitude(), b.magnitude()))
}

fn gcd_u(a: &BigUint, b: &BigUint) -> BigUint {
    if a.is_zero() {
        return b.clone();
    }
    if b.is_zero() {
        return a.clone();
    }
    if let (Some(x), Some(y)) = (a.to_u128(), b.to_u128()) {
        // two machine words each: no big number until the result
        return BigUint::from(gcd_u128(x, y));
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

pub(super) fn gcd_u64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

pub(super) fn gcd_u128(mut a: u128, mut b: u128) -> u128 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    if let (Ok(x), Ok(y)) = (u64::try_from(a), u64::try_from(b)) {
        return u128::from(gcd_u64(x, y));
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        if let Ok(x) = u64::try_from(b) {
            // both odd and below 2^64 (a <= b): Euclid on words
            return u128::from(gcd_u64(x, a as u64)) << shift;
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
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
    Some(Q::from_reduced(n, d))
}

/// 2^k, its one bit set in place (no shift of a copy).
fn pow2(k: u64) -> BigInt {
    let mut u = BigUint::zero();
    u.set_bit(k, true);
    BigInt::from_biguint(Sign::Plus, u)
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
        Q::from_reduced(m << e.unsigned_abs(), BigInt::one())
    } else {
        Q::from_reduced(m, pow2(e.unsigned_abs()))
    }
}

/// m * 2^e for a machine-word mantissa: the value of `dyadic(m, e)`, by
/// shifts of machine words when the result fits the inline form.
pub fn dyadic_i128(m: i128, e: i64) -> Q {
    if m == 0 {
        return Q::zero();
    }
    let tz = m.trailing_zeros();
    let m = m >> tz; // exact: the low tz bits are 0
    let e = e.saturating_add(i64::from(tz));
    let mag_bits = 128 - m.unsigned_abs().leading_zeros();
    if e >= 0 {
        // an integer: inline when |m| 2^e < 2^63
        if u64::from(mag_bits).saturating_add(e.unsigned_abs()) <= 63 {
            return Q::small_raw((m << e) as i64, 1);
        }
    } else if e >= -63 && mag_bits <= 63 {
        // m odd, denominator 2^-e <= 2^63: reduced and inline
        return Q::small_raw(m as i64, 1u64 << e.unsigned_abs());
    } else {
        // m odd over 2^-e: reduced
        return Q::from_reduced(BigInt::from(m), pow2(e.unsigned_abs()));
    }
    dyadic(BigInt::from(m), e)
}

/// The magnitude of a numerator: one machine word or a big integer.
pub(super) enum Mag<'a> {
    Word(u64),
    Big(&'a BigUint),
}

impl Mag<'_> {
    fn bits(&self) -> u64 {
        match self {
            Mag::Word(w) => u64::from(64 - w.leading_zeros()),
            Mag::Big(b) => b.bits(),
        }
    }

    /// The j-th 64-bit digit (0 beyond the top).
    fn digit(&self, j: usize) -> u64 {
        match self {
            Mag::Word(w) => {
                if j == 0 {
                    *w
                } else {
                    0
                }
            }
            Mag::Big(b) => b.iter_u64_digits().nth(j).unwrap_or(0),
        }
    }

    /// The j-th 64-bit digit of self * 2^s.
    fn shifted_digit(&self, s: u64, j: usize) -> u64 {
        let w = usize::try_from(s / 64).unwrap_or(usize::MAX);
        let b = s % 64;
        if j < w {
            return 0;
        }
        let i = j - w;
        let d0 = self.digit(i);
        if b == 0 {
            return d0;
        }
        let d1 = if i > 0 { self.digit(i - 1) } else { 0 };
        (d0 << b) | (d1 >> (64 - b))
    }
}

/// |a| = ma / 2^ka compared with |b| = mb / 2^kb (ma, mb nonzero), without
/// building a number: the exact binary exponents first (2^(p-1) <= |a| <
/// 2^p for p = bits(ma) - ka), then the mantissas digit by digit, aligned.
pub(super) fn cmp_dyadic_mag(ma: Mag, ka: u64, mb: Mag, kb: u64) -> Ordering {
    let pa = i128::from(ma.bits()) - i128::from(ka);
    let pb = i128::from(mb.bits()) - i128::from(kb);
    if pa != pb {
        return pa.cmp(&pb);
    }
    // over the common denominator 2^k both numerators have the same length
    let k = ka.max(kb);
    let (sa, sb) = (k - ka, k - kb);
    let len = ma.bits() + sa;
    let digits = usize::try_from(len.div_ceil(64)).unwrap_or(usize::MAX);
    for j in (0..digits).rev() {
        let (x, y) = (ma.shifted_digit(sa, j), mb.shifted_digit(sb, j));
        if x != y {
            return x.cmp(&y);
        }
    }
    Ordering::Equal
}

/// k when the (positive) denominator is 2^k.
fn pow2_exponent(d: &BigInt) -> Option<u64> {
    let tz = d.trailing_zeros()?;
    (d.bits() == tz + 1).then_some(tz)
}

/// an/ad + bn/bd for reduced operands, neither zero.
pub(super) fn add(an: &BigInt, ad: &BigInt, bn: &BigInt, bd: &BigInt) -> Q {
    if let (Some(ka), Some(kb)) = (pow2_exponent(ad), pow2_exponent(bd)) {
        let k = ka.max(kb);
        let n = (an << (k - ka)) + (bn << (k - kb));
        let k = i64::try_from(k).unwrap_or(i64::MAX);
        return dyadic(n, -k);
    }
    if ad == bd {
        return reduce(an + bn, ad.clone()).unwrap_or_else(Q::zero);
    }
    let n = an * bd + bn * ad;
    reduce(n, ad * bd).unwrap_or_else(Q::zero)
}

/// an/ad * bn/bd for reduced operands (ad, bd > 0).
pub(super) fn mul(an: &BigInt, ad: &BigInt, bn: &BigInt, bd: &BigInt) -> Q {
    if an.is_zero() || bn.is_zero() {
        return Q::zero();
    }
    if let (Some(ka), Some(kb)) = (pow2_exponent(ad), pow2_exponent(bd)) {
        // dyadic factors (outward-rounded ends): one product and a shift
        let k = i64::try_from(ka.saturating_add(kb)).unwrap_or(i64::MAX);
        let m = match (word2(an), word2(bn)) {
            (Some(a), Some(c)) => from_wide(an.is_negative() != bn.is_negative(), mul_wide(a, c)),
            _ => an * bn,
        };
        return dyadic(m, -k);
    }
    if let Some(q) = mul_words(an, ad, bn, bd) {
        return q;
    }
    // cross-cancel: the result is reduced when both factors are
    let g1 = gcd(an, bd);
    let g2 = gcd(bn, ad);
    let n = div_exact(an, &g1) * div_exact(bn, &g2);
    let d = div_exact(ad, &g2) * div_exact(bd, &g1);
    Q::from_reduced(n, d)
}

/// a / g for a divisor g of a (no division when g = 1).
fn div_exact(a: &BigInt, g: &BigInt) -> BigInt {
    if g.is_one() {
        a.clone()
    } else {
        a / g
    }
}

/// an/ad compared with bn/bd, both nonzero of the same sign.
pub(super) fn cmp_same_sign(an: &BigInt, ad: &BigInt, bn: &BigInt, bd: &BigInt) -> Ordering {
    if ad == bd {
        return an.cmp(bn);
    }
    // compare |a| = pa/qa with |b| = pb/qb by bit lengths first
    // (|x| lies in [2^(bits(p)-1-bits(q)), 2^(bits(p)-bits(q)+1)))
    let ma = an.bits() as i128 - ad.bits() as i128;
    let mb = bn.bits() as i128 - bd.bits() as i128;
    let mag = if ma >= mb + 2 {
        Ordering::Greater
    } else if mb >= ma + 2 {
        Ordering::Less
    } else if let (Some(ka), Some(kb)) = (pow2_exponent(ad), pow2_exponent(bd)) {
        // dyadics: |an| 2^kb against |bn| 2^ka, by one shift
        if ka >= kb {
            an.magnitude().cmp(&(bn.magnitude() << (ka - kb)))
        } else {
            (an.magnitude() << (kb - ka)).cmp(bn.magnitude())
        }
    } else if let (Some(a), Some(b), Some(c), Some(d)) =
        (word2(an), word2(ad), word2(bn), word2(bd))
    {
        // |an| bd against |bn| ad, each product in four words
        mul_wide(a, d).cmp(&mul_wide(c, b))
    } else {
        (an.magnitude() * bd.magnitude()).cmp(&(bn.magnitude() * ad.magnitude()))
    };
    if an.is_negative() {
        mag.reverse()
    } else {
        mag
    }
}

/// |x| when it fits two machine words.
#[inline]
fn word2(x: &BigInt) -> Option<u128> {
    x.magnitude().to_u128()
}

/// The product of two `u128` as (high, low) words of 128 bits: the
/// comparison of such pairs is the comparison of the products.
pub(super) fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    const LOW: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & LOW);
    let (b1, b0) = (b >> 64, b & LOW);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    // the middle column: at most 3 (2^64 - 1) < 2^66
    let mid = (p00 >> 64) + (p01 & LOW) + (p10 & LOW);
    let lo = (p00 & LOW) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

/// The integer (hi 2^128 + lo), negated when `neg`, built in one allocation.
fn from_wide(neg: bool, (hi, lo): (u128, u128)) -> BigInt {
    let mut digits = [0u32; 8];
    for (i, d) in digits.iter_mut().enumerate() {
        let w = if i < 4 { lo } else { hi };
        *d = (w >> (32 * (i % 4))) as u32;
    }
    let m = BigUint::from_slice(&digits);
    BigInt::from_biguint(if neg { Sign::Minus } else { Sign::Plus }, m)
}

/// an/ad * bn/bd (reduced, nonzero, ad, bd > 0) cross-cancelled in machine
/// words when every part fits two of them: the reduced product, as `mul`
/// computes it with big integers.
fn mul_words(an: &BigInt, ad: &BigInt, bn: &BigInt, bd: &BigInt) -> Option<Q> {
    let (a, b, c, d) = (word2(an)?, word2(ad)?, word2(bn)?, word2(bd)?);
    let g1 = gcd_u128(a, d);
    let g2 = gcd_u128(c, b);
    let n = mul_wide(a / g1, c / g2);
    let den = mul_wide(b / g2, d / g1);
    let neg = an.is_negative() != bn.is_negative();
    Some(Q::from_reduced(from_wide(neg, n), from_wide(false, den)))
}
