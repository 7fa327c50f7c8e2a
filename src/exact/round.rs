//! Outward rounding of a rational to a dyadic by machine words: the value
//! floor(q 2^s) 2^-s or ceil(q 2^s) 2^-s that `enclose::round_shifted`
//! computes with big integers, here in `i128`/`u128` when the numerator,
//! the denominator and the rounded mantissa fit (an inline value, or a big
//! dyadic whose rounded mantissa has at most 125 bits: every end rounded to
//! the usual 64-bit working precision). `None` hands the value to the big
//! path; both give the same rational, which the tests check on many values.

use crate::ir::Q;
use crate::rational::dyadic_i128;
use num_bigint::BigUint;

/// Most bits of a mantissa or shifted numerator kept in an `i128` here (room
/// for the sign and a carry of 1 when rounding up).
const WORD_BITS: u64 = 125;

/// floor(q 2^s) 2^-s (`up = false`) or ceil(q 2^s) 2^-s, when machine words
/// hold every step; `None` otherwise.
pub(super) fn round_words(q: &Q, s: i64, up: bool) -> Option<Q> {
    let m = match q.as_small() {
        Some((n, d)) => small_mantissa(n, d, s, up)?,
        None => big_dyadic_mantissa(q, s, up)?,
    };
    Some(dyadic_i128(m, -s))
}

/// Bits of |x| (0 for 0).
fn bit_len(x: u128) -> u64 {
    u64::from(128 - x.leading_zeros())
}

/// floor or ceil of n / 2^sh.
fn shr_round(n: i128, sh: u64, up: bool) -> i128 {
    if sh >= 127 {
        // |n| < 2^127 <= 2^sh: the quotient is in (-1, 1)
        return match (n.signum(), up) {
            (1, true) => 1,
            (-1, false) => -1,
            _ => 0,
        };
    }
    if up {
        // |n| <= 2^126 here, so -n does not overflow
        -((-n) >> sh)
    } else {
        n >> sh
    }
}

/// floor or ceil of (n / d) 2^s for an inline value n/d.
fn small_mantissa(n: i64, d: u64, s: i64, up: bool) -> Option<i128> {
    let n = i128::from(n);
    let nb = bit_len(n.unsigned_abs());
    if d.is_power_of_two() {
        // n / 2^k: a shift of the numerator
        let t = s - i64::from(d.trailing_zeros());
        if t >= 0 {
            if nb + t.unsigned_abs() > WORD_BITS {
                return None;
            }
            return Some(n << t);
        }
        return Some(shr_round(n, t.unsigned_abs(), up));
    }
    let (num, den) = if s >= 0 {
        if nb + s.unsigned_abs() > WORD_BITS {
            return None;
        }
        (n << s, i128::from(d))
    } else {
        if bit_len(u128::from(d)) + s.unsigned_abs() > WORD_BITS {
            return None;
        }
        (n, i128::from(d) << s.unsigned_abs())
    };
    // den > 0: div_euclid is the floor
    Some(if up {
        -(-num).div_euclid(den)
    } else {
        num.div_euclid(den)
    })
}

/// floor or ceil of q 2^s for a big dyadic q = n / 2^k; `None` when q is
/// not dyadic or the mantissa does not fit.
fn big_dyadic_mantissa(q: &Q, s: i64, up: bool) -> Option<i128> {
    let (n, d) = q.parts();
    let k = d.trailing_zeros()?;
    if d.bits() != k + 1 {
        return None; // not a power of two
    }
    let t = s.checked_sub(i64::try_from(k).ok()?)?;
    let nb = n.bits();
    if t >= 0 {
        if nb.saturating_add(t.unsigned_abs()) > WORD_BITS {
            return None;
        }
        let n = i128::try_from(&*n).ok()?;
        return Some(n << t);
    }
    let sh = t.unsigned_abs();
    if nb > sh.saturating_add(WORD_BITS) {
        return None;
    }
    let mag = n.magnitude();
    let whole = i128::try_from(shr_u128(mag, sh)).ok()?;
    // |n| / 2^sh = whole + f, 0 <= f < 1, f = 0 iff 2^sh divides n
    let exact = mag.trailing_zeros().is_none_or(|z| z >= sh);
    Some(match (n.sign() == num_bigint::Sign::Minus, up, exact) {
        (false, true, false) => whole + 1,
        (false, _, _) => whole,
        (true, true, _) | (true, false, true) => -whole,
        (true, false, false) => -whole - 1,
    })
}

/// floor(mag / 2^sh) for mag < 2^(sh + 128).
fn shr_u128(mag: &BigUint, sh: u64) -> u128 {
    let word = usize::try_from(sh / 64).unwrap_or(usize::MAX);
    let b = sh % 64;
    let mut digits = mag.iter_u64_digits().skip(word);
    let mut next = || u128::from(digits.next().unwrap_or(0));
    let (x0, x1, x2) = (next(), next(), next());
    let low = x0 | (x1 << 64);
    if b == 0 {
        low
    } else {
        // the bits of x2 beyond the 128 kept are 0 (mag < 2^(sh + 128))
        (low >> b) | (x2 << (128 - b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exact::enclose::round_shifted;
    use num_bigint::BigInt;
    use num_traits::{One, Zero};

    fn pow2(k: u64) -> BigInt {
        BigInt::one() << k
    }

    /// Inline and big values at the edges of the machine words: zero, signs,
    /// the i64/u64 limits, dyadic and other denominators, mantissas around
    /// 125..=129 bits, huge and tiny magnitudes.
    fn values() -> Vec<Q> {
        let mut out = vec![Q::zero()];
        let smalls: [(i64, u64); 16] = [
            (1, 1),
            (3, 1),
            (1, 3),
            (7, 8),
            (i64::MAX, 1),
            (i64::MAX, u64::MAX),
            (1, u64::MAX),
            (i64::MAX, 1 << 63),
            (1, 1 << 63),
            (12_345_678_901, 98_765_432_123),
            ((1 << 62) + 1, 1 << 62),
            (999_999_999_999, 1_000_000_000_000),
            (1, 10),
            (5, 1 << 40),
            (i64::MAX - 2, u64::MAX - 1),
            (641, 6_700_417),
        ];
        for (n, d) in smalls {
            out.push(Q::ratio(n, d));
            out.push(Q::ratio(-n, d));
        }
        out.push(Q::from_i64(i64::MIN));
        out.push(Q::ratio(i64::MIN, 3));
        out.push(Q::ratio(i64::MIN + 1, 1 << 63));
        let mut bigs: Vec<(BigInt, BigInt)> = vec![
            (pow2(63), BigInt::one()),
            (pow2(64) + 1, pow2(70)),
            (pow2(64) - 1, pow2(64)),
            (pow2(127) - 1, pow2(200)),
            (pow2(300) + 1, BigInt::one()),
            (BigInt::from(3), pow2(300)),
            (pow2(100) + 1, BigInt::from(3)),
            ((pow2(130) + 3) * 5, pow2(5)),
            (BigInt::from(u64::MAX), pow2(1)),
        ];
        for b in [
            62u64, 63, 64, 65, 66, 124, 125, 126, 127, 128, 129, 131, 192, 200,
        ] {
            bigs.push((pow2(b) - 1, pow2(b / 2)));
            bigs.push((pow2(b) + 1, pow2(b + 3)));
            bigs.push((pow2(b) - 1, BigInt::one()));
            bigs.push(((pow2(b) - 1) * 3 + 2, pow2(70)));
        }
        for (n, d) in bigs {
            out.push(Q::new(n.clone(), d.clone()));
            out.push(Q::new(-n, d));
        }
        out
    }

    /// floor (or ceil) of q 2^s, times 2^-s, by the definition.
    fn by_definition(q: &Q, s: i64, up: bool) -> Q {
        let scale = if s >= 0 {
            Q::from_integer(pow2(s.unsigned_abs()))
        } else {
            Q::new(BigInt::one(), pow2(s.unsigned_abs()))
        };
        let x = q * &scale;
        let m = if up { x.ceil() } else { x.floor() };
        m / scale
    }

    #[test]
    fn word_rounding_is_the_big_rounding() {
        let mut fast = 0;
        let mut shifts: Vec<i64> = (-130..=130).collect();
        shifts.extend((-400..=400).step_by(23));
        for q in values() {
            let mag = if q.is_zero() {
                0
            } else {
                crate::exact::enclose::magnitude(&q)
            };
            let mut ss = shifts.clone();
            // the shifts `round_dir` uses: bits - magnitude
            ss.extend(
                [8i64, 32, 62, 63, 64, 65, 100, 122, 123, 124, 125, 126, 128].map(|b| b - mag),
            );
            for s in ss {
                for up in [false, true] {
                    let Some(r) = round_words(&q, s, up) else {
                        continue;
                    };
                    fast += 1;
                    assert_eq!(r, round_shifted(&q, s, up), "{q} s={s} up={up}");
                    if s.unsigned_abs() <= 1000 {
                        assert_eq!(r, by_definition(&q, s, up), "{q} s={s} up={up}");
                    }
                }
            }
        }
        // the machine-word path decides most of these
        assert!(fast > 20_000, "{fast}");
    }

    #[test]
    fn words_refuse_what_does_not_fit() {
        // a non-dyadic big value, and mantissas beyond 125 bits
        let third = Q::new(pow2(100) + 1, BigInt::from(3));
        assert!(round_words(&third, 0, false).is_none());
        let wide = Q::new(pow2(200) + 1, pow2(10));
        assert!(round_words(&wide, 0, true).is_none());
        assert!(round_words(&wide, -70, true).is_some());
        assert!(round_words(&Q::from_i64(3), 124, false).is_none());
        assert!(round_words(&Q::from_i64(3), 123, false).is_some());
    }

    #[test]
    fn shifts_round_towards_the_named_side() {
        assert_eq!(shr_round(5, 1, false), 2);
        assert_eq!(shr_round(5, 1, true), 3);
        assert_eq!(shr_round(-5, 1, false), -3);
        assert_eq!(shr_round(-5, 1, true), -2);
        assert_eq!(shr_round(4, 1, true), 2);
        assert_eq!(shr_round(-4, 1, false), -2);
        assert_eq!(shr_round(1, 200, true), 1);
        assert_eq!(shr_round(1, 200, false), 0);
        assert_eq!(shr_round(-1, 127, false), -1);
        assert_eq!(shr_round(-1, 127, true), 0);
        let m = (pow2(150) + pow2(90) * BigInt::from(3) + BigInt::one())
            .magnitude()
            .clone();
        // (2^150 + 3 2^90 + 1) / 2^64 = 2^86 + 3 2^26 + a fraction
        assert_eq!(shr_u128(&m, 64), (1u128 << 86) + (3u128 << 26));
        assert_eq!(shr_u128(&m, 150), 1);
        assert_eq!(shr_u128(&m, 23), (1u128 << 127) + (3u128 << 67));
    }
}
