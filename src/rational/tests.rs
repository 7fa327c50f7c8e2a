use super::big::gcd;
use super::*;
use num_integer::Integer;
use std::collections::{BTreeMap, HashSet};
use std::hash::DefaultHasher;

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
    fn big(&mut self) -> BigRational {
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
        BigRational::new(n, d)
    }
}

fn int(n: i64) -> BigInt {
    BigInt::from(n)
}

fn pow2(k: usize) -> BigInt {
    BigInt::one() << k
}

/// Small exactly when the reduced numerator fits i64 and the denominator u64.
fn canonical(q: &Q) -> bool {
    let (n, d) = q.parts();
    let reduced = d.is_positive() && (gcd(&n, &d).is_one() || (n.is_zero() && d.is_one()));
    let fits = n.to_i64().is_some() && d.to_u64().is_some();
    reduced && fits == q.as_small().is_some()
}

fn same(got: &Q, want: &BigRational) -> bool {
    canonical(got) && got.numer() == *want.numer() && got.denom() == *want.denom()
}

fn hash_of(q: &Q) -> u64 {
    let mut h = DefaultHasher::new();
    q.hash(&mut h);
    h.finish()
}

#[test]
fn agrees_with_num_rational() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..4000 {
        let (x, y) = (r.big(), r.big());
        let (a, b) = (Q::from_big(x.clone()), Q::from_big(y.clone()));
        assert!(canonical(&a) && canonical(&b));
        assert!(same(&(&a + &b), &(&x + &y)), "{x} + {y}");
        assert!(same(&(&a - &b), &(&x - &y)), "{x} - {y}");
        assert!(same(&(&a * &b), &(&x * &y)), "{x} * {y}");
        if !y.is_zero() {
            assert!(same(&(&a / &b), &(&x / &y)), "{x} / {y}");
        }
        assert!(same(&-&a, &-&x));
        assert_eq!(a.cmp(&b), x.cmp(&y), "{x} vs {y}");
        assert_eq!(a == b, x == y);
        assert_eq!(a.cmp(&a), Ordering::Equal);
        let (m, n) = (r.int(), r.int());
        assert_eq!(gcd(&m, &n), m.gcd(&n), "gcd({m}, {n})");
        let e = (r.next() % 400) as i64 - 200;
        let want = if e >= 0 {
            BigRational::from_integer(m.clone() << e.unsigned_abs())
        } else {
            BigRational::new(m.clone(), pow2(e.unsigned_abs() as usize))
        };
        assert!(same(&dyadic(m.clone(), e), &want));
        if !n.is_zero() {
            assert!(same(
                &reduce(m.clone(), n.clone()).unwrap(),
                &BigRational::new(m, n)
            ));
        }
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
        0,
        1,
        2,
        7,
        1 << 62,
        i64::MAX,
    ];
    let dens = [1u64, 2, 3, 1 << 63, u64::MAX, u64::MAX - 1, (1 << 32) + 1];
    let xs: Vec<BigRational> = nums
        .iter()
        .flat_map(|&n| {
            dens.iter()
                .map(move |&d| BigRational::new(n.into(), d.into()))
        })
        .collect();
    for x in &xs {
        let a = Q::from_big(x.clone());
        assert!(same(&a, x));
        assert!(
            same(&a.floor(), &x.floor()) && same(&a.ceil(), &x.ceil()),
            "{x}"
        );
        assert!(
            same(&a.round(), &x.round()) && same(&a.trunc(), &x.trunc()),
            "{x}"
        );
        assert_eq!(a.to_integer(), x.to_integer());
        for e in [-3, -1, 0, 1, 2, 5] {
            if !(x.is_zero() && e < 0) {
                assert!(same(&a.pow(e), &num_traits::Pow::pow(x, e)), "{x}^{e}");
            }
        }
        for y in &xs {
            let b = Q::from_big(y.clone());
            assert!(same(&(&a + &b), &(x + y)), "{x} + {y}");
            assert!(same(&(&a - &b), &(x - y)), "{x} - {y}");
            assert!(same(&(&a * &b), &(x * y)), "{x} * {y}");
            if !y.is_zero() {
                assert!(same(&(&a / &b), &(x / y)), "{x} / {y}");
            }
            assert_eq!(a.cmp(&b), x.cmp(y), "{x} vs {y}");
        }
    }
}

#[test]
fn huge_plus_small_is_fast_and_exact() {
    // 2^(2^20) + 25: one division, not a million subtractions
    let big = Q::from_integer(pow2(1 << 20));
    let s = &big + &Q::from_i64(25);
    assert_eq!(s.numer(), pow2(1 << 20) + 25);
    assert!(s.is_integer());
    let third = Q::ratio(1, 3);
    let t = &big + &third;
    assert_eq!(t.denom(), int(3));
    assert_eq!(t.cmp(&big), Ordering::Greater);
    assert_eq!((-&t).cmp(&-&big), Ordering::Less);
}

#[test]
fn small_big_boundary() {
    // i64::MAX + 1 = 2^63 does not fit; minus 1 it is small again
    let max = Q::from_i64(i64::MAX);
    let over = &max + &Q::one();
    assert_eq!(over.as_small(), None);
    assert_eq!(over, Q::from_integer(pow2(63)));
    let back = &over - &Q::one();
    assert_eq!(back.as_small(), Some((i64::MAX, 1)));
    assert_eq!(back, max);
    // i64::MIN is small; its negation 2^63 is not; negated back, small
    let min = Q::from_i64(i64::MIN);
    assert_eq!(min.as_small(), Some((i64::MIN, 1)));
    assert_eq!((-&min).as_small(), None);
    assert_eq!(-&min, over);
    assert_eq!((-(-&min)).as_small(), Some((i64::MIN, 1)));
    assert_eq!(min.abs(), over);
    assert_eq!(&min - &Q::one(), Q::from_integer(-pow2(63) - 1));
    // the largest u64 denominator is small; twice it is not
    let tiny = Q::ratio(1, u64::MAX);
    assert_eq!(tiny.as_small(), Some((1, u64::MAX)));
    let half_tiny = &tiny * &Q::ratio(1, 2);
    assert_eq!(half_tiny.as_small(), None);
    assert_eq!(half_tiny.denom(), BigInt::from(u64::MAX) * 2);
    assert_eq!(
        (&half_tiny * &Q::from_i64(2)).as_small(),
        Some((1, u64::MAX))
    );
    assert_eq!((&half_tiny + &half_tiny).as_small(), Some((1, u64::MAX)));
    // 2^62 * 4 = 2^64 overflows, / 8 = 2^61 fits
    let p = &Q::from_i64(1 << 62) * &Q::from_i64(4);
    assert_eq!(p.as_small(), None);
    assert_eq!(p.numer(), pow2(64));
    assert_eq!((&p / &Q::from_i64(8)).as_small(), Some((1 << 61, 1)));
    // a sum overflowing i64 (and a cross product overflowing i128)
    let s = &max + &max;
    assert_eq!(s.numer(), BigInt::from(i64::MAX) * 2);
    assert_eq!((&s - &max).as_small(), Some((i64::MAX, 1)));
    let x = Q::ratio(i64::MAX, u64::MAX);
    let y = Q::ratio(i64::MAX, u64::MAX - 1);
    let want = BigRational::new(i64::MAX.into(), u64::MAX.into())
        + BigRational::new(i64::MAX.into(), (u64::MAX - 1).into());
    assert!(same(&(&x + &y), &want));
    assert!(same(
        &(&(&x + &y) - &y),
        &BigRational::new(i64::MAX.into(), u64::MAX.into())
    ));
    // the reciprocal of i64::MIN has denominator 2^63
    assert_eq!(min.recip().as_small(), Some((-1, 1 << 63)));
    assert_eq!(Q::ratio(1, u64::MAX).recip().as_small(), None);
    // powers: (-2)^63 = i64::MIN fits, 2^64 does not
    assert_eq!(Q::from_i64(-2).pow(63).as_small(), Some((i64::MIN, 1)));
    assert_eq!(Q::from_i64(2).pow(64), Q::from_integer(pow2(64)));
    assert_eq!(Q::ratio(2, 3).pow(-2), Q::ratio(9, 4));
    assert_eq!(Q::ratio(-2, 3).pow(3), Q::ratio(-8, 27));
}

#[test]
fn equal_values_are_equal_across_representations() {
    // built by the small path, the big path, division, parsing
    let a = Q::ratio(3, 4);
    let b = Q::new(BigInt::from(3) << 100, BigInt::from(4) << 100);
    let c = &Q::from_integer(pow2(70) * 3) / &Q::from_integer(pow2(72));
    let d: Q = "6/8".parse().unwrap();
    let e = &(&Q::from_integer(pow2(64)) + &Q::ratio(3, 4)) - &Q::from_integer(pow2(64));
    for x in [&b, &c, &d, &e] {
        assert_eq!(x, &a);
        assert_eq!(x.as_small(), Some((3, 4)));
        assert_eq!(hash_of(x), hash_of(&a));
        assert_eq!(x.cmp(&a), Ordering::Equal);
    }
    // the same big value reached two ways
    let big1 = Q::from_integer(pow2(80) + 1);
    let big2 = &(&Q::from_integer(pow2(80)) * &Q::ratio(1, 3)) * &Q::from_i64(3) + Q::one();
    assert_eq!(big1, big2);
    assert_eq!(hash_of(&big1), hash_of(&big2));
    let set: HashSet<Q> = [a.clone(), b, c, d, e, big1.clone(), big2]
        .into_iter()
        .collect();
    assert_eq!(set.len(), 2);
    // BTreeMap keys: one key per value, in numeric order
    let mut m = BTreeMap::new();
    for (k, v) in [
        (Q::from_integer(pow2(64)), 5),
        (Q::from_i64(i64::MIN), 1),
        (Q::from_integer(-pow2(64)), 0),
        (Q::ratio(-1, 2), 2),
        (Q::zero(), 3),
        (Q::from_i64(i64::MAX), 4),
        (&Q::from_integer(pow2(65)) / &Q::from_i64(2), 5),
    ] {
        m.insert(k, v);
    }
    let order: Vec<i32> = m.values().copied().collect();
    assert_eq!(order, vec![0, 1, 2, 3, 4, 5]);
    assert!(Q::from_integer(-pow2(64)) < Q::from_i64(i64::MIN));
    assert!(Q::from_i64(i64::MAX) < Q::from_integer(pow2(63)));
    assert!(Q::ratio(1, u64::MAX) > Q::new(BigInt::one(), pow2(64)));
    assert!(Q::new(-BigInt::one(), pow2(64)) > Q::ratio(-1, u64::MAX));
}

#[test]
fn division_by_zero_panics_as_num_rational_does() {
    let panics = |f: fn()| std::panic::catch_unwind(f).is_err();
    // the behaviour kept
    assert!(panics(|| {
        let _ = BigRational::one() / BigRational::zero();
    }));
    assert!(panics(|| {
        let _ = BigRational::zero().recip();
    }));
    assert!(panics(|| {
        let _ = Q::one() / Q::zero();
    }));
    assert!(panics(|| {
        let _ = Q::from_integer(pow2(100)) / Q::zero();
    }));
    assert!(panics(|| {
        let _ = Q::zero().recip();
    }));
    assert!(panics(|| {
        let _ = Q::new(BigInt::one(), BigInt::zero());
    }));
    assert!(panics(|| {
        let _ = Q::new(pow2(100), BigInt::zero());
    }));
    assert!(panics(|| {
        let _ = Q::zero().pow(-1);
    }));
    assert_eq!(reduce(int(1), int(0)), None);
    assert_eq!(Q::zero().pow(0), Q::one());
}

#[test]
fn display_and_debug_as_big_rational() {
    let cases = [
        (Q::from_i64(3), "3"),
        (Q::ratio(-1, 2), "-1/2"),
        (Q::zero(), "0"),
        (Q::from_i64(i64::MIN), "-9223372036854775808"),
        (Q::ratio(1, u64::MAX), "1/18446744073709551615"),
        (Q::from_integer(pow2(64)), "18446744073709551616"),
        (Q::new(int(-1), pow2(64)), "-1/18446744073709551616"),
    ];
    for (q, text) in &cases {
        assert_eq!(q.to_string(), *text);
        let r = q.to_big();
        assert_eq!(format!("{q:?}"), format!("{r:?}"));
        assert_eq!(
            format!("{q:>8}|{q:<8}|{q:+}"),
            format!("{r:>8}|{r:<8}|{r:+}")
        );
    }
    assert_eq!(
        format!("{:?}", Q::ratio(1, 2)),
        "Ratio { numer: 1, denom: 2 }"
    );
}

#[test]
fn rounding_by_hand() {
    let q = Q::ratio;
    assert_eq!(q(-7, 2).floor(), q(-4, 1));
    assert_eq!(q(-7, 2).ceil(), q(-3, 1));
    assert_eq!(q(-7, 2).trunc(), q(-3, 1));
    assert_eq!(q(-7, 2).round(), q(-4, 1));
    assert_eq!(q(7, 2).round(), q(4, 1));
    assert_eq!(q(5, 3).round(), q(2, 1));
    assert_eq!(q(4, 3).round(), q(1, 1));
    assert_eq!(q(-7, 2).to_integer(), int(-3));
    assert_eq!(Q::from_i64(i64::MIN).floor(), Q::from_i64(i64::MIN));
    assert_eq!(q(i64::MIN, 3).ceil(), q(-3074457345618258602, 1));
    assert!(q(7, 2).numer_bits() == 3 && q(7, 2).denom_bits() == 2);
    assert_eq!(Q::from_i64(i64::MIN).numer_bits(), 64);
    assert_eq!(Q::zero().numer_bits(), 0);
    assert_eq!(Q::new(int(1), pow2(64)).denom_bits(), 65);
    assert!(q(-1, 3).is_negative() && !q(-1, 3).is_positive() && !Q::zero().is_positive());
    assert!(Q::from_integer(-pow2(70)).is_negative());
}

#[test]
fn word_dyadics_are_the_big_dyadics() {
    // m 2^e from an i128 mantissa: the same canonical value as from a BigInt,
    // at the edges of the inline form (|n| < 2^63, denominators up to 2^63)
    let mut ms: Vec<i128> = vec![0, 1, -1, 3, -3, 6, i128::MAX, i128::MIN, i128::MIN + 1];
    for b in [61u32, 62, 63, 64, 65, 100, 125, 126] {
        let p = 1i128 << b;
        ms.extend([p, -p, p - 1, -(p - 1), p + 1, -(p + 1), 3 * (p >> 2)]);
    }
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..200 {
        let m = (i128::from(rng.next()) << 64 | i128::from(rng.next())) >> (rng.next() % 127);
        ms.push(m);
    }
    for m in ms {
        for e in (-200i64..=200).chain([-1000, 1000]) {
            let got = dyadic_i128(m, e);
            let want = dyadic(BigInt::from(m), e);
            assert!(canonical(&got), "{m} {e}");
            assert_eq!(got, want, "{m} * 2^{e}");
            // by definition: m 2^e
            let scale = if e >= 0 {
                BigRational::from_integer(pow2(e as usize))
            } else {
                BigRational::new(BigInt::one(), pow2(e.unsigned_abs() as usize))
            };
            assert!(same(
                &got,
                &(BigRational::from_integer(BigInt::from(m)) * scale)
            ));
        }
    }
}

#[test]
fn dyadic_comparisons_and_word_arithmetic_agree_with_num_rational() {
    // dyadics with equal, adjacent and distant binary exponents, inline and
    // big, so that the exponent test, the digit walk and the i128 sums and
    // products all decide some pairs
    let mut vals: Vec<BigRational> = vec![BigRational::zero()];
    let mants = [
        int(1),
        int(3),
        int(i64::MAX),
        pow2(63) - 1,
        pow2(63) + 1,
        pow2(64) - 1,
        pow2(64) + 1,
        pow2(65) + 3,
        pow2(100) + 1,
        pow2(124) - 1,
        pow2(126) + 1,
        pow2(127) - 1,
        pow2(128) + 1,
        pow2(130) - 3,
        pow2(200) + 7,
    ];
    for m in &mants {
        for k in [0usize, 1, 5, 63, 64, 65, 128, 200] {
            for sh in [0usize, 1] {
                let v = BigRational::new(m << sh, pow2(k));
                vals.push(v.clone());
                vals.push(-v);
            }
        }
    }
    // a few non-dyadic values in between
    vals.push(BigRational::new(int(1), int(3)));
    vals.push(BigRational::new(pow2(70) + 1, int(3)));
    let qs: Vec<Q> = vals.iter().cloned().map(Q::from_big).collect();
    for (x, a) in vals.iter().zip(&qs) {
        assert!(canonical(a));
        for (y, b) in vals.iter().zip(&qs) {
            assert_eq!(a.cmp(b), x.cmp(y), "{x} vs {y}");
            assert!(same(&(a + b), &(x + y)), "{x} + {y}");
            assert!(same(&(a - b), &(x - y)), "{x} - {y}");
            assert!(same(&(a * b), &(x * y)), "{x} * {y}");
        }
    }
    // equal positions decided by a low digit: 2^70 + 2^-129 < 2^70 + 3 2^-129
    let a = Q::from_big(BigRational::new(pow2(200) + 2, pow2(130)));
    let b = Q::from_big(BigRational::new(pow2(199) + 3, pow2(129)));
    assert_eq!(a.cmp(&b), Ordering::Less);
    assert_eq!((-&a).cmp(&-&b), Ordering::Greater);
    assert_eq!(a.cmp(&a.clone()), Ordering::Equal);
}

#[test]
fn word_gcds_agree_with_num_integer() {
    // gcd_u128 (binary steps, then Euclid once both operands fit a u64) and
    // the big gcd on two-word operands, against num_integer's gcd
    let mut r = Rng(0x1234_5678_9abc_def1);
    let mut pairs: Vec<(u128, u128)> = vec![
        (0, 0),
        (0, 7),
        (7, 0),
        (1, u128::MAX),
        (u128::MAX, u128::MAX - 1),
        (1 << 127, 1 << 64),
        (3 << 100, 9 << 64),
        (u128::from(u64::MAX), u128::from(u64::MAX) + 1),
        ((1 << 64) + 1, (1 << 64) - 1),
    ];
    for _ in 0..3000 {
        let x = (u128::from(r.next()) << 64 | u128::from(r.next())) >> (r.next() % 128);
        let y = (u128::from(r.next()) << 64 | u128::from(r.next())) >> (r.next() % 128);
        let g = (u128::from(r.next()) >> (r.next() % 64)).max(1);
        pairs.push((x, y));
        // a large common factor
        pairs.push(((x >> 64).wrapping_mul(g), (y >> 64).wrapping_mul(g)));
    }
    for (x, y) in pairs {
        let want = x.gcd(&y);
        assert_eq!(super::big::gcd_u128(x, y), want, "gcd({x}, {y})");
        let (bx, by) = (BigInt::from(x), BigInt::from(y));
        assert_eq!(gcd(&bx, &by), BigInt::from(want), "gcd({x}, {y})");
        assert_eq!(gcd(&-bx, &by), BigInt::from(want), "gcd(-{x}, {y})");
    }
}

/// Products and comparisons of values whose parts fit two machine words
/// (the quotients of rounded interval ends: odd mantissas of 60 to 128
/// bits over powers of two or over each other), against `num_rational`.
#[test]
fn two_word_parts_multiply_and_compare_as_num_rational() {
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    let word2 = |r: &mut Rng| -> BigInt {
        let bits = 60 + r.next() % 69; // 60..=128
        let m: BigInt = (BigInt::from(r.next()) << 64) + BigInt::from(r.next());
        let m: BigInt = m >> (128 - bits) as usize;
        if m.is_zero() {
            BigInt::one()
        } else {
            m
        }
    };
    let mut values = vec![];
    for _ in 0..600 {
        let (n, d) = (word2(&mut r), word2(&mut r));
        let n = if r.next().is_multiple_of(2) { -n } else { n };
        let d = match r.next() % 3 {
            0 => pow2((r.next() % 140) as usize),
            _ => d,
        };
        values.push(BigRational::new(n, d));
    }
    // extremes of two words
    let top: BigInt = (BigInt::one() << 128) - 1;
    values.push(BigRational::new(top.clone(), top.clone() - 2));
    values.push(BigRational::new(-top.clone(), (BigInt::one() << 127) + 1));
    values.push(BigRational::new(top.clone() - 2, pow2(127)));
    for (i, x) in values.iter().enumerate() {
        for y in values.iter().skip(i % 7).step_by(7) {
            let (a, b) = (Q::from_big(x.clone()), Q::from_big(y.clone()));
            assert!(same(&(&a * &b), &(x * y)), "{x} * {y}");
            if !y.is_zero() {
                assert!(same(&(&a / &b), &(x / y)), "{x} / {y}");
            }
            assert_eq!(a.cmp(&b), x.cmp(y), "{x} vs {y}");
        }
    }
    assert_eq!(
        super::big::mul_wide(u128::MAX, u128::MAX),
        (u128::MAX - 1, 1)
    );
    assert_eq!(super::big::mul_wide(1 << 64, 1 << 64), (1, 0));
    assert_eq!(super::big::mul_wide(3, u128::MAX), (2, u128::MAX - 2));
}
