//! The fixed-point series behind `log` (and `log 2`): atanh(a/b) summed in
//! integers scaled by 2^w, each term truncated, with the bound on the error
//! that the truncations and the tail can make. The numbers are never
//! negative, so the sums run on unsigned big integers: a term's division by
//! its small odd index is one pass over the digits in place, and the step
//! of the power by a ratio of one-digit squares (`log 2` = 2 atanh(1/3)) is
//! a digit division with no product. These are the values of the plain
//! signed sums (`floor` of a nonnegative quotient is its truncation); the
//! tests compare both on many inputs.

use num_bigint::{BigInt, BigUint};
use num_traits::{ToPrimitive, Zero};

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

#[cfg(test)]
mod tests {
    use super::*;
    use num_integer::Integer;
    use num_traits::{One, Signed};

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
