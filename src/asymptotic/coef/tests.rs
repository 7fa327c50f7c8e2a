//! Unit tests of exact coefficients: normal forms, logs over primes, signs,
//! factorisation.

use super::*;

fn q(p: i64, d: i64) -> Q {
    Q::new(BigInt::from(p), BigInt::from(d))
}

#[test]
fn sqrt2_sqrt8_is_4() {
    let pb = ParamBox::default();
    let a = rat_pow(&qi(2), &q(1, 2)).unwrap();
    let b = rat_pow(&qi(8), &q(1, 2)).unwrap();
    assert_eq!(a.mul(&b), Coef::int(4));
    assert_eq!(b.to_expr().to_string(), "2*sqrt(2)");
    let c = Coef::int(8).powq(&q(1, 2), &pb).unwrap();
    assert_eq!(c, b);
}

#[test]
fn logs_split_over_primes() {
    let l6 = Coef::int(6).log().unwrap();
    let l2 = Coef::int(2).log().unwrap();
    let l3 = Coef::int(3).log().unwrap();
    assert!(l6.sub(&l2).sub(&l3).is_zero());
    assert_eq!(
        Coef::rat(q(1, 4)).log().unwrap().to_expr().to_string(),
        "-2*log(2)"
    );
}

#[test]
fn exp_log_roundtrip() {
    let l2 = Coef::int(2).log().unwrap();
    assert_eq!(l2.scale(&qi(3)).exp(), Coef::int(8));
    assert_eq!(l2.scale(&q(1, 2)).exp().to_expr().to_string(), "sqrt(2)");
    assert_eq!(Coef::one().exp().to_expr().to_string(), "exp(1)");
}

#[test]
fn exact_signs() {
    let mut pb = ParamBox::default();
    pb.params.insert(
        "L".into(),
        crate::ir::Constraint {
            lo: Endpoint::Finite {
                value: Q::zero(),
                closed: false,
            },
            hi: Endpoint::Infinite,
        },
    );
    let l = Coef::param("L");
    assert_eq!(l.sign(&pb), Some(Sign::Pos));
    assert_eq!(l.neg().sign(&pb), Some(Sign::Neg));
    assert_eq!(Coef::param("a").powi(2).unwrap().sign_exact(&pb), None);
    assert_eq!(
        Coef::param("a").powi(-2).unwrap().sign_exact(&pb),
        Some(Sign::Pos)
    );
    assert_eq!(Coef::rat(q(-3, 2)).sign(&pb), Some(Sign::Neg));
    let s = l.add(&Coef::int(1));
    assert_eq!(s.sign(&pb), Some(Sign::Pos));
    let r = s.powi(-1).unwrap();
    assert_eq!(r.sign(&pb), Some(Sign::Pos));
}

#[test]
fn factor_small_and_opaque() {
    assert_eq!(
        factor(&BigInt::from(360)),
        vec![
            (BigInt::from(2), 3),
            (BigInt::from(3), 2),
            (BigInt::from(5), 1)
        ]
    );
    let big = BigInt::from(1_000_000_007u64) * BigInt::from(1_000_000_009u64);
    assert_eq!(factor(&big), vec![(big.clone(), 1)]);
}

#[test]
fn a_common_monomial_leaves_the_base() {
    let e = Coef::one().exp();
    let e_inv = Coef::int(-1).exp();
    // 1/(e^-1 + 1) = e/(e + 1): one normal form
    let lhs = e_inv.add(&Coef::one()).powi(-1).unwrap();
    let rhs = e.mul(&e.add(&Coef::one()).powi(-1).unwrap());
    assert_eq!(lhs, rhs);
    // (K + K^2)^-1 = K^-1 (1 + K)^-1 for any K != 0 (an integer power)
    let k = Coef::param("K");
    let s = k.add(&k.powi(2).unwrap());
    let split = k
        .powi(-1)
        .unwrap()
        .mul(&Coef::one().add(&k).powi(-1).unwrap());
    assert_eq!(s.powi(-1).unwrap(), split);
    // multiplying back gives the sum
    assert_eq!(s.powi(-1).unwrap().mul(&s), Coef::one());
}

#[test]
fn a_half_power_takes_out_only_positive_atoms() {
    // M in (-1, 0): sqrt(M^2 + M^3) = |M| sqrt(1 + M), never M sqrt(1 + M);
    // the atom M is not positive, so nothing is taken out
    let mut pb = ParamBox::default();
    pb.params.insert(
        "M".into(),
        crate::ir::Constraint {
            lo: Endpoint::Finite {
                value: qi(-1),
                closed: false,
            },
            hi: Endpoint::Finite {
                value: Q::zero(),
                closed: false,
            },
        },
    );
    let m = Coef::param("M");
    let s = m.powi(2).unwrap().add(&m.powi(3).unwrap());
    let wrong = m.mul(&Coef::one().add(&m).powq(&q(1, 2), &pb).unwrap());
    if let Ok(root) = s.powq(&q(1, 2), &pb) {
        assert_ne!(root, wrong);
    }
    // K > 0: sqrt(K^-1 + 1) = K^(-1/2) sqrt(K + 1)
    pb.params.insert(
        "K".into(),
        crate::ir::Constraint {
            lo: Endpoint::Finite {
                value: Q::zero(),
                closed: false,
            },
            hi: Endpoint::Infinite,
        },
    );
    let k = Coef::param("K");
    let lhs = k
        .powi(-1)
        .unwrap()
        .add(&Coef::one())
        .powq(&q(1, 2), &pb)
        .unwrap();
    let rhs = k
        .powq(&q(-1, 2), &pb)
        .unwrap()
        .mul(&k.add(&Coef::one()).powq(&q(1, 2), &pb).unwrap());
    assert_eq!(lhs, rhs);
}

fn interval(lo: Q, lo_closed: bool, hi: Q, hi_closed: bool) -> crate::ir::Constraint {
    crate::ir::Constraint {
        lo: Endpoint::Finite {
            value: lo,
            closed: lo_closed,
        },
        hi: Endpoint::Finite {
            value: hi,
            closed: hi_closed,
        },
    }
}

/// Signs over a bounded box that bisection alone cannot settle: a
/// coefficient 0 at a closed end, or changing sign inside, has no strict
/// sign (and is answered at the admissible points, not after the whole
/// bisection budget); one strictly signed up to an open end keeps its sign.
#[test]
fn no_strict_sign_at_a_closed_zero_or_a_sign_change() {
    let mut pb = ParamBox::default();
    pb.params
        .insert("c".into(), interval(Q::zero(), false, qi(1), true));
    let c = Coef::param("c");
    // 1 - c: 0 at the admissible c = 1
    assert_eq!(Coef::one().sub(&c).sign(&pb), None);
    // c - 1/3: both signs on (0, 1]
    assert_eq!(c.sub(&Coef::rat(q(1, 3))).sign(&pb), None);
    // 2 - c > 0 on (0, 1]; c/2 + c^2 > 0 there (0 only at the open end)
    assert_eq!(Coef::int(2).sub(&c).sign(&pb), Some(Sign::Pos));
    let c2 = c.powi(2).unwrap();
    assert_eq!(c.scale(&q(1, 2)).add(&c2).sign(&pb), Some(Sign::Pos));
    // the same on [0, 1]: 0 at c = 0 is admissible now
    let mut closed = ParamBox::default();
    closed
        .params
        .insert("c".into(), interval(Q::zero(), true, qi(1), true));
    assert_eq!(c.scale(&q(1, 2)).add(&c2).sign(&closed), None);
    // 2 - c, reached only through bisection with a second parameter:
    // (2 - c)*(3/2 - d) over c, d in (0, 1] is positive
    let mut two = pb.clone();
    two.params
        .insert("d".into(), interval(Q::zero(), false, qi(1), true));
    let d = Coef::param("d");
    let prod = Coef::int(2).sub(&c).mul(&Coef::rat(q(3, 2)).sub(&d));
    assert_eq!(prod.sign(&two), Some(Sign::Pos));
}

/// Monomials are kept sorted by atom whatever order they are built in, and
/// compare as the lexicographic sequences of their (atom, exponent) pairs:
/// pi^2 < pi^3 (exponents), pi^3 < pi * e (Pi is declared before E, and a
/// prefix is smaller), equal atoms with equal exponents are equal.
#[test]
fn monomials_sorted_and_ordered_lexicographically() {
    let m: Monomial = [(Atom::E, qi(1)), (Atom::Pi, qi(2)), (Atom::E, qi(3))]
        .into_iter()
        .collect();
    // sorted, and of the two E the last is kept
    let pairs: Vec<(Atom, Q)> = m.clone().into_iter().collect();
    assert_eq!(pairs, vec![(Atom::Pi, qi(2)), (Atom::E, qi(3))]);
    let mono = |ps: &[(Atom, Q)]| -> Monomial { ps.iter().cloned().collect() };
    let pi2 = mono(&[(Atom::Pi, qi(2))]);
    let pi3 = mono(&[(Atom::Pi, qi(3))]);
    let pi_e = mono(&[(Atom::Pi, qi(1)), (Atom::E, qi(1))]);
    assert!(pi2 < pi3);
    assert!(pi_e < pi2); // same atom, exponent 1 < 2
    assert!(pi3 > pi_e);
    assert!(mono(&[(Atom::Pi, qi(1))]) < pi_e); // a prefix is smaller
    assert!(mono(&[(Atom::Prime(BigInt::from(2)), q(1, 2))]) < pi2); // Prime before Pi
    assert_eq!(mono(&[(Atom::Pi, q(4, 2))]), pi2);
    let mut m2 = pi_e.clone();
    assert_eq!(m2.insert(Atom::Pi, qi(5)), Some(qi(1)));
    assert_eq!(m2.get(&Atom::Pi), Some(&qi(5)));
    assert_eq!(m2.remove(&Atom::E), Some(qi(1)));
    assert_eq!(m2, mono(&[(Atom::Pi, qi(5))]));
}

/// Nested coefficients compare by value, shared or not: log(2 + pi) built
/// twice is one atom, and the two cancel.
#[test]
fn nested_atoms_equal_by_value() {
    let s = Coef::int(2).add(&Coef::pi());
    let a = Coef::atom(Atom::Log(Arc::new(s.clone())));
    let b = Coef::atom(Atom::Log(Arc::new(s)));
    assert_eq!(a, b);
    assert!(a.sub(&b).is_zero());
    assert_eq!(a.add(&b), a.scale(&qi(2)));
}

/// Products by a rational, of sums with cancellation, and powers of sums,
/// each computed twice (the second time from the memo) with the same value:
/// (1 + sqrt 2)(1 - sqrt 2) = -1, (sqrt 2 + sqrt 3)^2 = 5 + 2 sqrt 6,
/// 1/(pi^2 + 2 pi + 1) = 1/(pi + 1)^2.
#[test]
fn products_and_powers_of_sums() {
    let r2 = rat_pow(&qi(2), &q(1, 2)).unwrap();
    let r3 = rat_pow(&qi(3), &q(1, 2)).unwrap();
    let r6 = rat_pow(&qi(6), &q(1, 2)).unwrap();
    assert_eq!(r2.mul(&Coef::rat(q(3, 2))), r2.scale(&q(3, 2)));
    assert_eq!(
        Coef::rat(q(2, 3)).mul(&Coef::rat(q(3, 4))),
        Coef::rat(q(1, 2))
    );
    let p = Coef::one().add(&r2);
    let m = Coef::one().sub(&r2);
    for _ in 0..2 {
        assert_eq!(p.mul(&m), Coef::int(-1));
        let s = r2.add(&r3);
        assert_eq!(s.mul(&s), Coef::int(5).add(&r6.scale(&qi(2))));
        assert_eq!(s.powi(2).unwrap(), s.mul(&s));
    }
    let pi1 = Coef::pi().add(&Coef::one());
    for _ in 0..2 {
        let inv2 = pi1.powi(-2).unwrap();
        let sq = Coef::pi()
            .powi(2)
            .unwrap()
            .add(&Coef::pi().scale(&qi(2)))
            .add(&Coef::one());
        assert_eq!(sq.powi(-1).unwrap(), inv2);
        assert_eq!(sq.sqrt_sum().map(|t| t.mul(&t)), Some(sq.clone()));
    }
}
