//! The exact rational number `Q` every stage computes with (`crate::ir::Q`
//! is this type). A value whose reduced numerator fits an `i64` and whose
//! denominator fits a `u64` is stored inline (no allocation); any other is a
//! shared, reduced `BigRational`. The form is canonical: a value is small
//! exactly when it fits, so `Eq` and `Hash` follow the representation and
//! agree with numeric equality, and `Ord` is numeric order. Arithmetic on
//! two small values runs in `i128`/`u128` with overflow checks and falls
//! back to big integers; results that fit come back small. Dyadic values
//! (a power of two as denominator: the rounded ends of intervals) are
//! compared by their binary exponents and then digit by digit, without
//! building a number, and summed or multiplied in `i128` when the numerator
//! of the result fits.
//!
//! Big values go through `big.rs`: a gcd that strips powers of two and
//! divides first (`num_integer`'s binary gcd takes one subtraction of the
//! whole number per bit when one operand is small: `2^(2^20) + 25` took ten
//! billion instructions; operands of at most two words in `u128`, then
//! `u64`), dyadic rationals built and added by shifts,
//! comparisons decided by bit lengths before multiplying, and products and
//! comparisons of values whose parts fit two words in `u128` (256-bit
//! products). The operators
//! (`ops.rs`) give the same values as `num_rational`'s, with the same
//! panics on division by zero; `Display` and `Debug` print what
//! `BigRational` prints (`3`, `-1/2`; `Ratio { numer: 1, denom: 2 }`).
//! This module names no other module of the crate.

mod big;
mod ops;
#[cfg(test)]
mod tests;

pub use big::{dyadic, dyadic_i128, reduce};

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Num, One, Signed, ToPrimitive, Zero};
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::Arc;

/// An exact rational number (see the module documentation).
#[derive(Clone)]
pub struct Q(Repr);

#[derive(Clone)]
enum Repr {
    /// numerator / denominator, reduced, denominator >= 1.
    Small(i64, u64),
    /// Reduced, positive denominator, and not representable as `Small`.
    Big(Arc<BigRational>),
}

impl Q {
    /// n/d for a reduced pair with d >= 1.
    #[inline]
    pub(crate) const fn small_raw(n: i64, d: u64) -> Q {
        Q(Repr::Small(n, d))
    }

    /// n/d from a reduced pair with d > 0 (small when it fits).
    pub(crate) fn from_reduced(n: BigInt, d: BigInt) -> Q {
        if let (Some(a), Some(b)) = (n.to_i64(), d.to_u64()) {
            return Q(Repr::Small(a, b));
        }
        Q(Repr::Big(Arc::new(BigRational::new_raw(n, d))))
    }

    /// n/d from a reduced pair of machine integers with d > 0.
    #[inline]
    pub(crate) fn from_reduced_i128(n: i128, d: u128) -> Q {
        match (i64::try_from(n), u64::try_from(d)) {
            (Ok(a), Ok(b)) => Q(Repr::Small(a, b)),
            _ => Q::big_from_i128(n, d),
        }
    }

    #[cold]
    fn big_from_i128(n: i128, d: u128) -> Q {
        Q(Repr::Big(Arc::new(BigRational::new_raw(
            BigInt::from(n),
            BigInt::from(d),
        ))))
    }

    /// The value of a `BigRational` (reduced by construction).
    pub fn from_big(r: BigRational) -> Q {
        let (n, d) = r.into_raw();
        Q::from_reduced(n, d)
    }

    /// The same value as a `BigRational`.
    pub fn to_big(&self) -> BigRational {
        match &self.0 {
            Repr::Small(n, d) => BigRational::new_raw(BigInt::from(*n), BigInt::from(*d)),
            Repr::Big(r) => (**r).clone(),
        }
    }

    /// n/d reduced. Panics if d = 0 (as `BigRational::new`).
    pub fn new(n: BigInt, d: BigInt) -> Q {
        if let (Some(a), Some(b)) = (n.to_i64(), d.to_i64()) {
            if b == 0 {
                panic!("denominator == 0");
            }
            return Q::from_i128_pair(i128::from(a), i128::from(b));
        }
        match reduce(n, d) {
            Some(q) => q,
            None => panic!("denominator == 0"),
        }
    }

    /// n/d reduced from machine integers (d != 0).
    pub(crate) fn from_i128_pair(n: i128, d: i128) -> Q {
        // |n|, |d| <= 2^127: the reduced pair fits i128 / u128 after the sign
        // moves to the numerator, except n = i128::MIN with odd d < 0
        let (mut n, d) = (n, d);
        let neg = (n < 0) != (d < 0);
        let (un, ud) = (n.unsigned_abs(), d.unsigned_abs());
        let g = big::gcd_u128(un, ud);
        let (un, ud) = if g > 1 { (un / g, ud / g) } else { (un, ud) };
        if let Ok(m) = i128::try_from(un) {
            n = if neg { -m } else { m };
            return Q::from_reduced_i128(n, ud);
        }
        let m = BigInt::from(un);
        Q::from_reduced(if neg { -m } else { m }, BigInt::from(ud))
    }

    /// The integer t.
    pub fn from_integer(t: BigInt) -> Q {
        match t.to_i64() {
            Some(n) => Q(Repr::Small(n, 1)),
            None => Q(Repr::Big(Arc::new(BigRational::from_integer(t)))),
        }
    }

    /// The integer n.
    #[inline]
    pub const fn from_i64(n: i64) -> Q {
        Q(Repr::Small(n, 1))
    }

    /// n/d (d > 0) reduced.
    pub fn ratio(n: i64, d: u64) -> Q {
        assert!(d != 0, "denominator == 0");
        Q::from_i128_pair(i128::from(n), i128::from(d))
    }

    /// Numerator and denominator when the value is stored inline.
    #[inline]
    pub fn as_small(&self) -> Option<(i64, u64)> {
        match self.0 {
            Repr::Small(n, d) => Some((n, d)),
            Repr::Big(_) => None,
        }
    }

    /// The reduced numerator (its sign is the value's).
    pub fn numer(&self) -> BigInt {
        match &self.0 {
            Repr::Small(n, _) => BigInt::from(*n),
            Repr::Big(r) => r.numer().clone(),
        }
    }

    /// The reduced, positive denominator.
    pub fn denom(&self) -> BigInt {
        match &self.0 {
            Repr::Small(_, d) => BigInt::from(*d),
            Repr::Big(r) => r.denom().clone(),
        }
    }

    /// Numerator and denominator, borrowed when big (no copy of a big value).
    pub fn parts(&self) -> (Cow<'_, BigInt>, Cow<'_, BigInt>) {
        match &self.0 {
            Repr::Small(n, d) => (Cow::Owned(BigInt::from(*n)), Cow::Owned(BigInt::from(*d))),
            Repr::Big(r) => (Cow::Borrowed(r.numer()), Cow::Borrowed(r.denom())),
        }
    }

    /// Bits of |numerator| (0 for zero), as `BigInt::bits`.
    #[inline]
    pub fn numer_bits(&self) -> u64 {
        match &self.0 {
            Repr::Small(n, _) => u64::from(64 - n.unsigned_abs().leading_zeros()),
            Repr::Big(r) => r.numer().bits(),
        }
    }

    /// Bits of the denominator, as `BigInt::bits`.
    #[inline]
    pub fn denom_bits(&self) -> u64 {
        match &self.0 {
            Repr::Small(_, d) => u64::from(64 - d.leading_zeros()),
            Repr::Big(r) => r.denom().bits(),
        }
    }

    /// Whether the denominator is 1.
    #[inline]
    pub fn is_integer(&self) -> bool {
        match &self.0 {
            Repr::Small(_, d) => *d == 1,
            Repr::Big(r) => r.is_integer(),
        }
    }

    /// The integer part, rounded towards zero.
    pub fn to_integer(&self) -> BigInt {
        match &self.0 {
            Repr::Small(n, d) => BigInt::from(i128::from(*n) / i128::from(*d)),
            Repr::Big(r) => r.to_integer(),
        }
    }

    /// The greatest integer <= self.
    pub fn floor(&self) -> Q {
        match &self.0 {
            Repr::Small(n, d) => Q::from_reduced_i128(i128::from(*n).div_euclid(i128::from(*d)), 1),
            Repr::Big(r) => Q::from_big(r.floor()),
        }
    }

    /// The least integer >= self.
    pub fn ceil(&self) -> Q {
        match &self.0 {
            Repr::Small(n, d) => {
                Q::from_reduced_i128(-(-i128::from(*n)).div_euclid(i128::from(*d)), 1)
            }
            Repr::Big(r) => Q::from_big(r.ceil()),
        }
    }

    /// Rounded towards zero.
    pub fn trunc(&self) -> Q {
        match &self.0 {
            Repr::Small(n, d) => Q::from_reduced_i128(i128::from(*n) / i128::from(*d), 1),
            Repr::Big(r) => Q::from_big(r.trunc()),
        }
    }

    /// The nearest integer, half-way cases away from zero.
    pub fn round(&self) -> Q {
        match &self.0 {
            Repr::Small(n, d) => {
                let (n, d) = (i128::from(*n), i128::from(*d));
                let (t, r) = (n / d, n % d);
                let t = if 2 * r.abs() >= d { t + n.signum() } else { t };
                Q::from_reduced_i128(t, 1)
            }
            Repr::Big(r) => Q::from_big(r.round()),
        }
    }

    /// 1/self. Panics if self is zero (as `BigRational::recip`).
    pub fn recip(&self) -> Q {
        match &self.0 {
            Repr::Small(n, d) => match n.cmp(&0) {
                Ordering::Equal => panic!("division by zero"),
                Ordering::Greater => {
                    Q::from_reduced_i128(i128::from(*d), u128::from(n.unsigned_abs()))
                }
                Ordering::Less => {
                    Q::from_reduced_i128(-i128::from(*d), u128::from(n.unsigned_abs()))
                }
            },
            Repr::Big(r) => Q::from_big(r.recip()),
        }
    }

    /// self^e (e < 0: the reciprocal's power; panics on 0^e with e < 0).
    pub fn pow(&self, e: i32) -> Q {
        if let Repr::Small(n, d) = self.0 {
            let k = e.unsigned_abs();
            if let (Some(pn), Some(pd)) =
                (i128::from(n).checked_pow(k), u128::from(d).checked_pow(k))
            {
                let p = Q::from_reduced_i128(pn, pd);
                return if e < 0 { p.recip() } else { p };
            }
        }
        Q::from_big(num_traits::Pow::pow(&self.to_big(), e))
    }

    /// The value of a finite float, exactly; `None` for NaN or infinities.
    pub fn from_float(f: f64) -> Option<Q> {
        BigRational::from_float(f).map(Q::from_big)
    }

    /// k when the denominator is 2^k.
    #[inline]
    fn denom_pow2(&self) -> Option<u64> {
        match &self.0 {
            Repr::Small(_, d) => d.is_power_of_two().then(|| u64::from(d.trailing_zeros())),
            Repr::Big(r) => {
                let d = r.denom();
                let k = d.trailing_zeros()?;
                (d.bits() == k + 1).then_some(k)
            }
        }
    }

    /// The magnitude of the numerator, borrowed when big.
    #[inline]
    fn numer_mag(&self) -> big::Mag<'_> {
        match &self.0 {
            Repr::Small(n, _) => big::Mag::Word(n.unsigned_abs()),
            Repr::Big(r) => big::Mag::Big(r.numer().magnitude()),
        }
    }

    /// (m, k) with self = m / 2^k when the denominator is a power of two and
    /// the numerator fits an `i128`.
    #[inline]
    pub(crate) fn dyadic_words(&self) -> Option<(i128, u64)> {
        match &self.0 {
            Repr::Small(n, d) => d
                .is_power_of_two()
                .then(|| (i128::from(*n), u64::from(d.trailing_zeros()))),
            Repr::Big(r) => {
                if r.numer().bits() > 127 {
                    return None;
                }
                let k = self.denom_pow2()?;
                Some((i128::try_from(r.numer()).ok()?, k))
            }
        }
    }

    /// Sign as -1, 0 or 1.
    #[inline]
    fn sign_i(&self) -> i8 {
        match &self.0 {
            Repr::Small(n, _) => n.signum() as i8,
            Repr::Big(r) => {
                if r.is_negative() {
                    -1
                } else {
                    1
                }
            }
        }
    }
}

impl Default for Q {
    fn default() -> Q {
        Q::zero()
    }
}

impl From<BigInt> for Q {
    fn from(t: BigInt) -> Q {
        Q::from_integer(t)
    }
}

impl From<i64> for Q {
    fn from(n: i64) -> Q {
        Q::from_i64(n)
    }
}

impl PartialEq for Q {
    #[inline]
    fn eq(&self, other: &Q) -> bool {
        match (&self.0, &other.0) {
            (Repr::Small(a, b), Repr::Small(c, d)) => a == c && b == d,
            (Repr::Big(x), Repr::Big(y)) => x.numer() == y.numer() && x.denom() == y.denom(),
            _ => false,
        }
    }
}

impl Eq for Q {}

impl Hash for Q {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match &self.0 {
            Repr::Small(n, d) => {
                state.write_u8(0);
                state.write_i64(*n);
                state.write_u64(*d);
            }
            Repr::Big(r) => {
                state.write_u8(1);
                r.numer().hash(state);
                r.denom().hash(state);
            }
        }
    }
}

impl Ord for Q {
    #[inline]
    fn cmp(&self, other: &Q) -> Ordering {
        if let (Repr::Small(an, ad), Repr::Small(bn, bd)) = (&self.0, &other.0) {
            if ad == bd {
                return an.cmp(bn);
            }
            // each product is below 2^127 in magnitude
            return (i128::from(*an) * i128::from(*bd)).cmp(&(i128::from(*bn) * i128::from(*ad)));
        }
        let (sa, sb) = (self.sign_i(), other.sign_i());
        if sa != sb {
            return sa.cmp(&sb);
        }
        if let (Some(ka), Some(kb)) = (self.denom_pow2(), other.denom_pow2()) {
            // dyadics (rounded ends): exponents, then aligned digits
            let mag = big::cmp_dyadic_mag(self.numer_mag(), ka, other.numer_mag(), kb);
            return if sa < 0 { mag.reverse() } else { mag };
        }
        // same sign, one of them big (so neither is zero): |x| lies in
        // [2^(bits(p)-1-bits(q)), 2^(bits(p)-bits(q)+1)) for x = p/q
        let ma = self.numer_bits() as i128 - self.denom_bits() as i128;
        let mb = other.numer_bits() as i128 - other.denom_bits() as i128;
        if ma >= mb + 2 || mb >= ma + 2 {
            let mag = ma.cmp(&mb);
            return if sa < 0 { mag.reverse() } else { mag };
        }
        let (an, ad) = self.parts();
        let (bn, bd) = other.parts();
        big::cmp_same_sign(&an, &ad, &bn, &bd)
    }
}

impl PartialOrd for Q {
    #[inline]
    fn partial_cmp(&self, other: &Q) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Zero for Q {
    #[inline]
    fn zero() -> Q {
        Q(Repr::Small(0, 1))
    }
    #[inline]
    fn is_zero(&self) -> bool {
        matches!(self.0, Repr::Small(0, _))
    }
}

impl One for Q {
    #[inline]
    fn one() -> Q {
        Q(Repr::Small(1, 1))
    }
    #[inline]
    fn is_one(&self) -> bool {
        matches!(self.0, Repr::Small(1, 1))
    }
}

impl Num for Q {
    type FromStrRadixErr = <BigRational as Num>::FromStrRadixErr;
    fn from_str_radix(s: &str, radix: u32) -> Result<Q, Self::FromStrRadixErr> {
        BigRational::from_str_radix(s, radix).map(Q::from_big)
    }
}

impl FromStr for Q {
    type Err = <BigRational as FromStr>::Err;
    /// `p` or `p/q` in decimal, as `BigRational` parses.
    fn from_str(s: &str) -> Result<Q, Self::Err> {
        BigRational::from_str(s).map(Q::from_big)
    }
}

impl Signed for Q {
    fn abs(&self) -> Q {
        if self.is_negative() {
            -self
        } else {
            self.clone()
        }
    }
    fn abs_sub(&self, other: &Q) -> Q {
        if self <= other {
            Q::zero()
        } else {
            self - other
        }
    }
    fn signum(&self) -> Q {
        Q::from_i64(i64::from(self.sign_i()))
    }
    #[inline]
    fn is_positive(&self) -> bool {
        self.sign_i() > 0
    }
    #[inline]
    fn is_negative(&self) -> bool {
        self.sign_i() < 0
    }
}

impl ToPrimitive for Q {
    /// The integer part (rounded towards zero), as `BigRational`.
    fn to_i64(&self) -> Option<i64> {
        self.to_integer().to_i64()
    }
    /// The integer part (rounded towards zero), as `BigRational`.
    fn to_u64(&self) -> Option<u64> {
        self.to_integer().to_u64()
    }
    /// The nearest float, as `BigRational` computes it (display only).
    fn to_f64(&self) -> Option<f64> {
        self.to_big().to_f64()
    }
}

impl fmt::Display for Q {
    /// `p` or `p/q`, padded and signed as `BigRational` does.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Small(n, d) => {
                let pre_pad = if *d == 1 {
                    n.to_string()
                } else {
                    format!("{n}/{d}")
                };
                if let Some(p) = pre_pad.strip_prefix('-') {
                    f.pad_integral(false, "", p)
                } else {
                    f.pad_integral(true, "", &pre_pad)
                }
            }
            Repr::Big(r) => fmt::Display::fmt(&**r, f),
        }
    }
}

impl fmt::Debug for Q {
    /// As `BigRational`'s derived `Debug`: `Ratio { numer: 1, denom: 2 }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, d) = self.parts();
        f.debug_struct("Ratio")
            .field("numer", &*n)
            .field("denom", &*d)
            .finish()
    }
}
