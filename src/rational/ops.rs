//! Arithmetic operators of `Q` on values and references: two small operands
//! are combined in `i128`/`u128` (checked, reduced by a machine gcd), anything
//! else by `big.rs`. Division by zero panics, as `num_rational`'s does.

use super::{big, Repr, Q};
use num_traits::Zero;
use std::iter::{Product, Sum};
use std::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};

/// n/d (d > 0) reduced, from machine integers with |n| < 2^127.
#[inline]
fn reduce_small(n: i128, d: u128) -> Q {
    if n == 0 {
        return Q::zero();
    }
    if d == 1 {
        return Q::from_reduced_i128(n, 1);
    }
    let g = big::gcd_u128(n.unsigned_abs(), d);
    if g > 1 {
        // g divides |n| < 2^127, so it fits
        Q::from_reduced_i128(n / (g as i128), d / g)
    } else {
        Q::from_reduced_i128(n, d)
    }
}

/// a / g for a divisor g >= 1 of a (|a / g| <= 2^63).
#[inline]
fn cancel(a: i64, g: u64) -> i128 {
    if g == 1 {
        i128::from(a)
    } else {
        i128::from(a) / i128::from(g)
    }
}

/// a + s*b with s = 1 or -1.
fn add_signed(a: &Q, b: &Q, negate_b: bool) -> Q {
    if let (Repr::Small(an, ad), Repr::Small(bn, bd)) = (&a.0, &b.0) {
        let (an, bn) = (i128::from(*an), i128::from(*bn));
        let bn = if negate_b { -bn } else { bn };
        if ad == bd {
            // |an ± bn| <= 2^64
            return reduce_small(an + bn, u128::from(*ad));
        }
        // |an bd|, |bn ad| < 2^127; their sum may not fit
        let n = (an * i128::from(*bd))
            .checked_add(bn * i128::from(*ad))
            .filter(|n| *n != i128::MIN);
        if let Some(n) = n {
            return reduce_small(n, u128::from(*ad) * u128::from(*bd));
        }
    }
    if b.is_zero() {
        return a.clone();
    }
    if a.is_zero() {
        return if negate_b { -b } else { b.clone() };
    }
    if let Some(r) = dyadic_add_words(a, b, negate_b) {
        return r;
    }
    let (an, ad) = a.parts();
    let (bn, bd) = b.parts();
    if negate_b {
        big::add(&an, &ad, &-&*bn, &bd)
    } else {
        big::add(&an, &ad, &bn, &bd)
    }
}

/// Bits of |m|.
#[inline]
fn bit_len(m: i128) -> u64 {
    u64::from(128 - m.unsigned_abs().leading_zeros())
}

/// Most bits of an aligned summand or of a product kept in an `i128`.
const WORD_BITS: u64 = 125;

/// a ± b for two dyadics whose aligned numerators fit machine words (the
/// value `big::add` computes); `None` otherwise.
#[inline]
fn dyadic_add_words(a: &Q, b: &Q, negate_b: bool) -> Option<Q> {
    let (an, ka) = a.dyadic_words()?;
    let (bn, kb) = b.dyadic_words()?;
    let k = ka.max(kb);
    let (sa, sb) = (k - ka, k - kb);
    if bit_len(an) + sa > WORD_BITS || bit_len(bn) + sb > WORD_BITS {
        return None;
    }
    let bn = if negate_b { -bn } else { bn };
    // |sum| < 2^126
    let n = (an << sa) + (bn << sb);
    Some(big::dyadic_i128(n, -i64::try_from(k).ok()?))
}

/// a * b for two dyadics whose product's numerator fits a machine word (the
/// value `big::mul` computes); `None` otherwise.
#[inline]
fn dyadic_mul_words(a: &Q, b: &Q) -> Option<Q> {
    let (an, ka) = a.dyadic_words()?;
    let (bn, kb) = b.dyadic_words()?;
    if bit_len(an) + bit_len(bn) > WORD_BITS {
        return None;
    }
    let k = i64::try_from(ka.checked_add(kb)?).ok()?;
    Some(big::dyadic_i128(an * bn, -k))
}

fn mul_ref(a: &Q, b: &Q) -> Q {
    if let (Repr::Small(an, ad), Repr::Small(bn, bd)) = (&a.0, &b.0) {
        // cross-cancelled factors: |numerator| <= 2^126, denominator < 2^128
        let g1 = big::gcd_u64(an.unsigned_abs(), *bd);
        let g2 = big::gcd_u64(bn.unsigned_abs(), *ad);
        let n = cancel(*an, g1) * cancel(*bn, g2);
        let d = u128::from(ad / g2) * u128::from(bd / g1);
        return Q::from_reduced_i128(n, d);
    }
    if let Some(r) = dyadic_mul_words(a, b) {
        return r;
    }
    let (an, ad) = a.parts();
    let (bn, bd) = b.parts();
    big::mul(&an, &ad, &bn, &bd)
}

fn div_ref(a: &Q, b: &Q) -> Q {
    if let (Repr::Small(an, ad), Repr::Small(bn, bd)) = (&a.0, &b.0) {
        if *bn == 0 {
            panic!("division by zero");
        }
        // (an/ad) / (bn/bd) = (an bd) / (ad bn), cross-cancelled: reduced
        let g1 = big::gcd_u64(an.unsigned_abs(), bn.unsigned_abs());
        let g2 = big::gcd_u64(*ad, *bd);
        let n = cancel(*an, g1) * i128::from(bd / g2);
        let d = u128::from(ad / g2) * u128::from(bn.unsigned_abs() / g1);
        return Q::from_reduced_i128(if *bn < 0 { -n } else { n }, d);
    }
    if b.is_zero() {
        panic!("division by zero");
    }
    mul_ref(a, &b.recip())
}

fn rem_ref(a: &Q, b: &Q) -> Q {
    Q::from_big(a.to_big() % b.to_big())
}

fn neg_ref(a: &Q) -> Q {
    match &a.0 {
        Repr::Small(n, d) => match n.checked_neg() {
            Some(m) => Q::small_raw(m, *d),
            None => Q::from_reduced_i128(-i128::from(*n), u128::from(*d)),
        },
        Repr::Big(r) => Q::from_reduced(-r.numer(), r.denom().clone()),
    }
}

impl Neg for Q {
    type Output = Q;
    #[inline]
    fn neg(self) -> Q {
        neg_ref(&self)
    }
}

impl Neg for &Q {
    type Output = Q;
    #[inline]
    fn neg(self) -> Q {
        neg_ref(self)
    }
}

macro_rules! binop {
    ($tr:ident, $m:ident, $atr:ident, $am:ident, $f:expr) => {
        impl $tr<&Q> for &Q {
            type Output = Q;
            #[inline]
            fn $m(self, b: &Q) -> Q {
                $f(self, b)
            }
        }
        impl $tr<Q> for &Q {
            type Output = Q;
            #[inline]
            fn $m(self, b: Q) -> Q {
                $f(self, &b)
            }
        }
        impl $tr<&Q> for Q {
            type Output = Q;
            #[inline]
            fn $m(self, b: &Q) -> Q {
                $f(&self, b)
            }
        }
        impl $tr<Q> for Q {
            type Output = Q;
            #[inline]
            fn $m(self, b: Q) -> Q {
                $f(&self, &b)
            }
        }
        impl $atr<&Q> for Q {
            #[inline]
            fn $am(&mut self, b: &Q) {
                *self = $f(self, b);
            }
        }
        impl $atr<Q> for Q {
            #[inline]
            fn $am(&mut self, b: Q) {
                *self = $f(self, &b);
            }
        }
    };
}

binop!(Add, add, AddAssign, add_assign, |a, b| add_signed(
    a, b, false
));
binop!(Sub, sub, SubAssign, sub_assign, |a, b| add_signed(
    a, b, true
));
binop!(Mul, mul, MulAssign, mul_assign, mul_ref);
binop!(Div, div, DivAssign, div_assign, div_ref);
binop!(Rem, rem, RemAssign, rem_assign, rem_ref);

impl Sum for Q {
    fn sum<I: Iterator<Item = Q>>(iter: I) -> Q {
        iter.fold(Q::zero(), |acc, x| acc + x)
    }
}

impl<'a> Sum<&'a Q> for Q {
    fn sum<I: Iterator<Item = &'a Q>>(iter: I) -> Q {
        iter.fold(Q::zero(), |acc, x| acc + x)
    }
}

impl Product for Q {
    fn product<I: Iterator<Item = Q>>(iter: I) -> Q {
        iter.fold(num_traits::One::one(), |acc, x| acc * x)
    }
}

impl<'a> Product<&'a Q> for Q {
    fn product<I: Iterator<Item = &'a Q>>(iter: I) -> Q {
        iter.fold(num_traits::One::one(), |acc, x| acc * x)
    }
}

impl num_traits::Pow<i32> for &Q {
    type Output = Q;
    #[inline]
    fn pow(self, e: i32) -> Q {
        Q::pow(self, e)
    }
}

impl num_traits::Pow<i32> for Q {
    type Output = Q;
    #[inline]
    fn pow(self, e: i32) -> Q {
        Q::pow(&self, e)
    }
}
