//! The fixed-point series behind `log` (and `log 2`) and `exp`: atanh(a/b)
//! and exp(a/b) summed in integers scaled by 2^w, each term truncated, with
//! the bound on the error that the truncations and the tail can make. The
//! numbers are never negative, so the sums run on unsigned big integers: a
//! term's division by its small odd index is one pass over the digits in
//! place, the step of the power by a ratio of one-digit squares (`log 2` =
//! 2 atanh(1/3)) is a digit division with no product, and exp's test of
//! whether the ratio of later terms is at most 1/2 (2a <= b (i + 1)) is an
//! index compared with ceil(2a/b), computed once. These are the values of
//! the plain signed sums (`floor` of a nonnegative quotient is its
//! truncation); the tests compare both on many inputs.

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

/// floor(x / d) for a one-digit divisor d > 0, in place.
fn div_digit(x: BigUint, d: u32) -> BigUint {
    x / d
}

/// Fixed-point atanh(a/b) for 0 <= a/b <= 1/2 (a >= 0, b > 0): returns
/// (S, E) with S <= atanh(a/b) * 2^w <= S + E.
pub(super) fn atanh_fixed(a: &BigInt, b: &BigInt, w: u64) -> (BigInt, BigInt) {
    if a.is_zero() {
        return (BigInt::zero(), BigInt::zero());
    }
    let (a, b) = (a.magnitude(), b.magnitude());
    let a2 = a * a;
    let b2 = b * b;
    // power_i = approx 2^w (a/b)^(2i+1), computed <= true < computed + 2
    // (the error e satisfies e' < e c + 1 with c = (a/b)^2 <= 1/4).
    let mut power: BigUint = ((BigUint::from(1u32) << w) * a) / b;
    let mut sum = BigUint::zero();
    let mut terms: u64 = 0;
    // a ratio (a/b)^2 = 1/d with a one-digit d: a digit division per step
    let by_digit = if a2 == BigUint::from(1u32) {
        b2.to_u32()
    } else {
        None
    };
    // each term divides by at least 4: w/2 + 8 iterations suffice
    let budget = w / 2 + 16;
    while !power.is_zero() && terms < budget {
        let odd = 2 * terms + 1;
        sum += match u32::try_from(odd) {
            Ok(d) => div_digit(power.clone(), d),
            Err(_) => &power / odd,
        };
        terms += 1;
        power = match by_digit {
            Some(d) => div_digit(power, d),
            None => (power * &a2) / &b2,
        };
    }
    // each summed term is low by less than 3 ulp; the tail is at most
    // (power + 2) / (1 - c) <= 2 (power + 2).
    let err = BigUint::from(3u32) * terms + (power + 2u32) * 2u32 + 1u32;
    (BigInt::from(sum), BigInt::from(err))
}

/// Fixed-point exp(a/b) for 0 <= a/b <= 4 (a >= 0, b > 0): (S, E) with
/// S <= 2^w exp(a/b) <= S + E.
pub(super) fn exp_fixed(a: &BigInt, b: &BigInt, w: u64) -> (BigInt, BigInt) {
    let (a, b) = (a.magnitude(), b.magnitude());
    let mut term = BigUint::one() << w; // exact first term
    let mut term_err = BigUint::zero(); // true term in [term, term + term_err]
    let mut sum = BigUint::zero();
    let mut err_sum = BigUint::zero();
    let mut i: u64 = 0;
    let budget = w + 64;
    // the ratio of later terms a / (b (i+1)) is <= 1/2 once 2a <= b (i+1),
    // that is once i + 1 >= ceil(2a / b)
    let first = (a << 1u32).div_ceil(b).to_u64().unwrap_or(u64::MAX);
    let small_ratio = |i: u64| i.saturating_add(1) >= first;
    loop {
        sum += &term;
        err_sum += &term_err;
        i += 1;
        let den = b * i;
        term = (term * a) / &den;
        // new error: old error scaled by a/(b i), plus < 1 from the floor
        term_err = (term_err * a).div_ceil(&den) + 1u32;
        if (term.is_zero() && small_ratio(i)) || i > budget {
            break;
        }
    }
    // tail from index i on: true term_i (1 + r/(i+1) + ...) <= 2 (term + err)
    // when the ratio is <= 1/2; if the budget ran out before that, widen hugely
    // (still sound) by declaring the bound unusable.
    let tail = if small_ratio(i) {
        (term + term_err) * 2u32
    } else {
        // should not happen for a/b <= 4 within the budget; give a trivially
        // valid (huge) bound: exp(4) < 64.
        (BigUint::one() << w) * 64u32
    };
    (BigInt::from(sum), BigInt::from(err_sum + tail + 1u32))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Signed;

    fn int(i: i64) -> BigInt {
        BigInt::from(i)
    }

    /// The signed sums term by term, as the series is defined.
    fn atanh_reference(a: &BigInt, b: &BigInt, w: u64) -> (BigInt, BigInt) {
        if a.is_zero() {
            return (BigInt::zero(), BigInt::zero());
        }
        let a2 = a * a;
        let b2 = b * b;
        let mut power = ((BigInt::one() << w) * a).div_floor(b);
        let mut sum = BigInt::zero();
        let mut terms: u64 = 0;
        let budget = w / 2 + 16;
        while !power.is_zero() && terms < budget {
            sum += &power / int(2 * terms as i64 + 1);
            terms += 1;
            power = (&power * &a2).div_floor(&b2);
        }
        let err = int(3) * BigInt::from(terms) + int(2) * (&power + int(2)) + int(1);
        (sum, err)
    }

    #[test]
    fn atanh_sums_are_the_signed_sums() {
        let mut cases: Vec<(BigInt, BigInt)> = vec![
            (int(0), int(1)),
            (int(1), int(3)),
            (int(1), int(2)),
            (int(1), int(5)),
            (int(2), int(7)),
            (int(1), int(1000)),
            (int(1), int(65_535)),
            (int(1), int(65_536)),
            (int(1), int(65_537)),
            (int(3), int(4_000_000_001)),
        ];
        // (m - 2^j)/(m + 2^j) for dyadic m near 1, as `log` reduces its
        // argument: mantissas of 20 to 200 bits
        for bits in [20u64, 63, 64, 65, 66, 127, 128, 129, 200] {
            let two_j = BigInt::one() << bits;
            for delta in [1i64, 3, 12_345, -1, -7] {
                let m = &two_j + int(delta) * (int(1) << (bits / 2));
                let (a, b) = (&m - &two_j, &m + &two_j);
                let g = a.gcd(&b);
                cases.push(((a / &g).abs(), b / &g));
            }
        }
        for (a, b) in &cases {
            for w in [1u64, 8, 64, 96, 128, 160, 300, 1100] {
                assert_eq!(
                    atanh_fixed(a, b, w),
                    atanh_reference(a, b, w),
                    "{a}/{b} w={w}"
                );
            }
        }
    }

    /// exp's series with signed integers, as it is defined.
    fn exp_reference(a: &BigInt, b: &BigInt, w: u64) -> (BigInt, BigInt) {
        let mut term = BigInt::one() << w;
        let mut term_err = BigInt::zero();
        let mut sum = BigInt::zero();
        let mut err_sum = BigInt::zero();
        let mut i: i64 = 0;
        let budget = w as i64 + 64;
        loop {
            sum += &term;
            err_sum += &term_err;
            i += 1;
            let den = b * int(i);
            term = (&term * a).div_floor(&den);
            term_err = (&term_err * a).div_ceil(&den) + int(1);
            let small_ratio = int(2) * a <= b * int(i + 1);
            if (term.is_zero() && small_ratio) || i > budget {
                break;
            }
        }
        let small_ratio = int(2) * a <= b * int(i + 1);
        let tail = if small_ratio {
            int(2) * (&term + &term_err)
        } else {
            (BigInt::one() << w) * int(64)
        };
        (sum, err_sum + tail + int(1))
    }

    #[test]
    fn exp_sums_are_the_signed_sums() {
        let mut cases: Vec<(BigInt, BigInt)> = vec![
            (int(0), int(1)),
            (int(1), int(1)),
            (int(4), int(1)),
            (int(7), int(2)),
            (int(1), int(3)),
            (int(2), int(3)),
            (int(1), int(1_000_000)),
            (int(3_999_999), int(1_000_000)),
        ];
        // rounded reduced arguments r = m / 2^k with |r| < 1: mantissas of
        // 20 to 300 bits
        for bits in [20u64, 64, 65, 100, 128, 129, 300] {
            let den = BigInt::one() << bits;
            for num in [
                (&den >> 1usize) + 1,
                &den - 1,
                (&den * int(2)) / int(3),
                &den / int(1000) + 7,
                (&den * int(3)) - 5,
            ] {
                let g = num.gcd(&den);
                cases.push((&num / &g, &den / &g));
            }
        }
        for (a, b) in &cases {
            for w in [1u64, 8, 64, 104, 168, 300, 1064] {
                assert_eq!(exp_fixed(a, b, w), exp_reference(a, b, w), "{a}/{b} w={w}");
            }
        }
        // a ratio a/b > 4 never reaches a small ratio within a tiny budget
        // by the same path in both
        assert_eq!(
            exp_fixed(&int(1000), &int(1), 4),
            exp_reference(&int(1000), &int(1), 4)
        );
    }

    #[test]
    fn atanh_of_a_third_brackets_half_log_two() {
        // 2^64 log 2 = 12786308645202655659.79: 2 atanh(1/3) = log 2
        let (s, e) = atanh_fixed(&int(1), &int(3), 64);
        let (lo, hi) = (&s * 2, (&s + &e) * 2);
        let floor = "12786308645202655659".parse::<BigInt>().unwrap();
        // lo <= 2^64 log 2 < floor + 1 <= hi
        assert!(lo <= floor && floor < hi);
        assert!(hi - lo < int(1000));
    }
}
