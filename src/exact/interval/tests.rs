//! Tests of `Interval`: products from corners, sums and differences,
//! domains, rounding, transcendental enclosures and containment of sampled
//! values on a grid of intervals.

use super::*;
use num_bigint::BigInt;

fn q(p: i64, d: i64) -> Q {
    Q::new(BigInt::from(p), BigInt::from(d))
}
fn pos() -> Interval {
    Interval::positive()
}

#[test]
fn positive_products_take_the_extreme_corners() {
    let iv = |lo: Q, lc: bool, hi: Option<(Q, bool)>| Interval {
        lo: Some((lo, lc)),
        hi,
    };
    // [1/2, 3) * (2, 5] = (1, 15)
    let p = iv(q(1, 2), true, Some((q(3, 1), false))).exact_mul(&iv(
        q(2, 1),
        false,
        Some((q(5, 1), true)),
    ));
    assert_eq!(p.lo, Some((q(1, 1), false)));
    assert_eq!(p.hi, Some((q(15, 1), false)));
    // [1/2, 3] * [2, oo) = [1, oo)
    let p = iv(q(1, 2), true, Some((q(3, 1), true))).exact_mul(&iv(q(2, 1), true, None));
    assert_eq!((p.lo, p.hi), (Some((q(1, 1), true)), None));
    // the same as the four corners, ties and points included
    let big = Q::new(BigInt::from(1) << 80u32, BigInt::from(3));
    let ends = [q(1, 3), q(1, 2), q(2, 1), big.clone(), -q(1, 2), Q::zero()];
    let mut ivs = vec![Interval::positive(), Interval::point(q(2, 1))];
    for lo in &ends {
        for lc in [true, false] {
            ivs.push(iv(lo.clone(), lc, None));
            for hi in &ends {
                for hc in [true, false] {
                    ivs.push(iv(lo.clone(), lc, Some((hi.clone(), hc))));
                }
            }
        }
    }
    for a in &ivs {
        for b in &ivs {
            assert_eq!(a.exact_mul(b), a.corner_mul(b), "{a:?} * {b:?}");
        }
    }
}

/// The product from all four corners, every corner computed (the
/// definition `corner_mul` follows).
fn four_corners(x: &Interval, y: &Interval) -> Interval {
    let mut cands: Vec<(Ext, bool)> = Vec::new();
    for (ea, ca, _) in x.ends().iter() {
        for (eb, cb, _) in y.ends().iter() {
            cands.push(match (ea, eb) {
                (Ext::Fin(a), Ext::Fin(b)) => (
                    Ext::Fin(a * b),
                    (*ca && (*cb || a.is_zero())) || (*cb && b.is_zero()),
                ),
                (Ext::Fin(a), inf) | (inf, Ext::Fin(a)) => {
                    let closed_zero = if matches!(ea, Ext::Fin(_)) { *ca } else { *cb };
                    if a.is_zero() {
                        (Ext::Fin(Q::zero()), closed_zero)
                    } else {
                        let inf_pos = matches!(inf, Ext::PosInf);
                        (Ext::inf(inf_pos == a.is_positive()), false)
                    }
                }
                (x, y) => (
                    Ext::inf(matches!(x, Ext::PosInf) == matches!(y, Ext::PosInf)),
                    false,
                ),
            });
        }
    }
    let extreme = |want: Ordering| {
        let best = cands
            .iter()
            .map(|(v, _)| v)
            .fold(None, |b: Option<&Ext>, v| match b {
                Some(b) if v.cmp(b) != want => Some(b),
                _ => Some(v),
            })?;
        let attained = cands.iter().any(|(v, att)| v == best && *att);
        match best {
            Ext::Fin(q) => Some((q.clone(), attained)),
            _ => None,
        }
    };
    Interval {
        lo: extreme(Ordering::Less),
        hi: extreme(Ordering::Greater),
    }
}

#[test]
fn products_of_points_are_the_four_corner_products() {
    let big = Q::new(BigInt::from(1) << 80u32, BigInt::from(3));
    let vals = [q(-3, 2), -q(1, 3), Q::zero(), q(1, 2), q(2, 1), big];
    let mut ivs = vec![Interval::entire(), Interval::positive(), pos().neg()];
    for a in &vals {
        ivs.push(Interval::point(a.clone()));
        ivs.push(Interval::at_least(a.clone(), true));
        ivs.push(Interval::at_least(a.clone(), false).neg());
        for b in &vals {
            if a < b {
                ivs.push(Interval::closed(a.clone(), b.clone()));
                ivs.push(Interval::open(a.clone(), b.clone()));
                ivs.push(Interval {
                    lo: Some((a.clone(), false)),
                    hi: Some((b.clone(), true)),
                });
            }
        }
    }
    for a in &ivs {
        for b in &ivs {
            assert_eq!(a.corner_mul(b), four_corners(a, b), "{a} * {b}");
            assert_eq!(a.exact_mul(b), four_corners(a, b), "{a} * {b}");
        }
    }
}

/// Products of intervals with lower ends >= 0 (zero ends open or closed,
/// points, the point 0, upper ends open, closed or infinite, and ends equal
/// with open flags, which are no points) by two corners: the four-corner
/// definition, ties included.
#[test]
fn nonnegative_products_take_two_corners_with_their_ties() {
    let big = Q::new(BigInt::from(1) << 80u32, BigInt::from(3));
    let vals = [Q::zero(), q(1, 3), q(1, 2), q(2, 1), big];
    let mut ivs = vec![Interval::positive()];
    for a in &vals {
        ivs.push(Interval::point(a.clone()));
        for ac in [true, false] {
            ivs.push(Interval::at_least(a.clone(), ac));
            for b in &vals {
                for bc in [true, false] {
                    if a <= b {
                        ivs.push(Interval {
                            lo: Some((a.clone(), ac)),
                            hi: Some((b.clone(), bc)),
                        });
                    }
                }
            }
        }
    }
    let mut taken = 0;
    for a in &ivs {
        for b in &ivs {
            if let Some(p) = a.nonneg_mul(b) {
                taken += 1;
                assert_eq!(p, four_corners(a, b), "{a:?} * {b:?}");
            }
            assert_eq!(a.exact_mul(b), four_corners(a, b), "{a:?} * {b:?}");
        }
    }
    // every pair but those with an end pair like [q, q) (no point, empty)
    assert!(taken > 1500, "{taken}");
}

#[test]
fn differences_are_sums_with_the_negation() {
    let big = Q::new(BigInt::from(1) << 80u32, BigInt::from(3));
    let vals = [
        q(-3, 2),
        Q::zero(),
        q(1, 2),
        q(2, 1),
        big,
        q_pow2(-70) * q(5, 1),
    ];
    let mut ivs = vec![Interval::entire(), Interval::positive()];
    for a in &vals {
        ivs.push(Interval::point(a.clone()));
        ivs.push(Interval::at_least(a.clone(), false));
        ivs.push(Interval::at_least(a.clone(), true).neg());
        for b in &vals {
            if a < b {
                ivs.push(Interval::closed(a.clone(), b.clone()));
                ivs.push(Interval {
                    lo: Some((a.clone(), true)),
                    hi: Some((b.clone(), false)),
                });
            }
        }
    }
    for a in &ivs {
        for b in &ivs {
            assert_eq!(a.sub(b), a.add(&b.neg()), "{a} - {b}");
        }
    }
    // [1, 2) - (0, 1] = [0, 2)
    let d = Interval {
        lo: Some((q(1, 1), true)),
        hi: Some((q(2, 1), false)),
    }
    .sub(&Interval {
        lo: Some((Q::zero(), false)),
        hi: Some((q(1, 1), true)),
    });
    assert_eq!(d.lo, Some((Q::zero(), true)));
    assert_eq!(d.hi, Some((q(2, 1), false)));
}

#[test]
fn strict_positivity_survives() {
    let l = pos();
    let c = pos();
    let prod = l.mul(&c).mul(&Interval::pi(32));
    assert_eq!(prod.sign(), Some(Sign::Pos));
    assert_eq!(prod.lo, Some((Q::zero(), false)));
    assert_eq!(prod.hi, None);
    assert_eq!(l.add(&c).sign(), Some(Sign::Pos));
    // 2 / delta with delta in (0, 1) is in (2, oo)
    let delta = Interval::open(Q::zero(), Q::one());
    let r = Interval::point(q(2, 1)).div(&delta).unwrap();
    assert_eq!(r.lo, Some((q(2, 1), false)));
    assert_eq!(r.hi, None);
    let lg = r.log(64).unwrap();
    assert_eq!(lg.sign(), Some(Sign::Pos));
    assert!(lg.hi.is_none());
}

#[test]
fn zero_times_infinity() {
    let a = Interval::closed(Q::zero(), Q::one());
    let r = a.mul(&pos());
    assert_eq!(r.lo, Some((Q::zero(), true)));
    assert_eq!(r.hi, None);
    let b = Interval {
        lo: Some((Q::zero(), false)),
        hi: Some((Q::one(), true)),
    };
    let r = b.mul(&Interval {
        lo: Some((Q::one(), true)),
        hi: None,
    });
    assert_eq!(r.lo, Some((Q::zero(), false)));
    assert_eq!(r.hi, None);
    let z = Interval::point(Q::zero());
    assert_eq!(z.mul(&Interval::entire()), z);
    let e = Interval::closed(q(-1, 1), q(2, 1)).mul(&Interval::entire());
    assert_eq!(e, Interval::entire());
    // (-1, 0) * (0, oo) = (-oo, 0)
    let n = Interval::open(q(-1, 1), Q::zero());
    let r = n.mul(&pos());
    assert_eq!(r.lo, None);
    assert_eq!(r.hi, Some((Q::zero(), false)));
}

#[test]
fn products_of_mixed_signs() {
    let a = Interval::closed(q(-2, 1), q(3, 1));
    let b = Interval::closed(q(-5, 1), q(1, 1));
    let r = a.mul(&b);
    assert_eq!(r, Interval::closed(q(-15, 1), q(10, 1)));
    // open ends propagate
    let a = Interval::open(q(1, 1), q(2, 1));
    let r = a.mul(&a);
    assert_eq!(r, Interval::open(q(1, 1), q(4, 1)));
}

#[test]
fn recip_and_div() {
    assert!(Interval::closed(q(-1, 1), q(1, 1)).recip().is_none());
    assert!(Interval::closed(Q::zero(), q(1, 1)).recip().is_none());
    let r = Interval::open(Q::zero(), q(1, 1)).recip().unwrap();
    assert_eq!(r.lo, Some((q(1, 1), false)));
    assert_eq!(r.hi, None);
    let r = Interval::closed(q(-4, 1), q(-2, 1)).recip().unwrap();
    assert_eq!(r, Interval::closed(q(-1, 2), q(-1, 4)));
    assert!(Interval::point(Q::one())
        .div(&Interval::point(Q::zero()))
        .is_none());
}

#[test]
fn powers() {
    let a = Interval::closed(q(-2, 1), q(3, 1));
    assert_eq!(a.powi(2).unwrap(), Interval::closed(Q::zero(), q(9, 1)));
    assert_eq!(a.powi(3).unwrap(), Interval::closed(q(-8, 1), q(27, 1)));
    assert!(a.powi(-1).is_none());
    let b = Interval::closed(q(2, 1), q(4, 1));
    assert_eq!(b.powi(-2).unwrap(), Interval::closed(q(1, 16), q(1, 4)));
    assert_eq!(
        Interval::closed(q(-3, 1), q(-2, 1)).powi(2).unwrap(),
        Interval::closed(q(4, 1), q(9, 1))
    );
    // huge powers stay bounded in memory
    let big = Interval::point(q(3, 1)).powi(1 << 40).unwrap();
    assert!(big.is_pos() && big.hi.is_none());
    let tiny = Interval::point(q(1, 3)).powi(1 << 40).unwrap();
    assert_eq!(tiny.lo, Some((Q::zero(), false)));
    assert!(tiny.hi.is_some());
    let p = Interval::point(q(2, 1)).powi(1_000_000).unwrap();
    assert!(p.lo.as_ref().unwrap().0 <= q_pow2(1_000_000));
    assert!(p.hi.as_ref().unwrap().0 >= q_pow2(1_000_000));
    // rational powers
    let s = Interval::point(q(8, 1)).powq(&q(2, 3), 64).unwrap();
    assert_eq!(s, Interval::point(q(4, 1)));
    let s = Interval::point(q(2, 1)).powq(&q(-1, 2), 64).unwrap();
    assert!(Interval::point(q(7071, 10000)).lt(&s) && s.lt(&Interval::point(q(7072, 10000))));
    assert!(Interval::closed(q(-1, 1), q(1, 1))
        .powq(&q(1, 2), 64)
        .is_none());
    assert!(Interval::closed(q(0, 1), q(1, 1))
        .powq(&q(-1, 2), 64)
        .is_none());
    let monotone = Interval::closed(q(2, 1), q(3, 1))
        .powq(&q(1, 3), 64)
        .unwrap();
    assert!(monotone.contains(&q(126, 100)) && monotone.contains(&q(144, 100)));
}

#[test]
fn sqrt_product_encloses_four() {
    let s2 = Interval::point(q(2, 1)).sqrt(64).unwrap();
    let s8 = Interval::point(q(8, 1)).sqrt(64).unwrap();
    let p = s2.mul(&s8);
    assert!(p.contains(&q(4, 1)));
    assert!(p.width().unwrap() < q_pow2(-50));
    assert!(Interval::closed(q(-1, 1), q(1, 1)).sqrt(64).is_none());
    let z = Interval::closed(Q::zero(), q(4, 1)).sqrt(64).unwrap();
    assert_eq!(z, Interval::closed(Q::zero(), q(2, 1)));
}

#[test]
fn logs_and_exps() {
    let l6 = Interval::point(q(6, 1)).log(64).unwrap();
    let l2 = Interval::point(q(2, 1)).log(64).unwrap();
    let l3 = Interval::point(q(3, 1)).log(64).unwrap();
    let d = l6.sub(&l2).sub(&l3);
    assert!(d.contains_zero());
    let w64 = d.width().unwrap();
    let l6 = Interval::point(q(6, 1)).log(256).unwrap();
    let l2 = Interval::point(q(2, 1)).log(256).unwrap();
    let l3 = Interval::point(q(3, 1)).log(256).unwrap();
    let d = l6.sub(&l2).sub(&l3);
    assert!(d.contains_zero());
    assert!(d.width().unwrap() < w64);
    assert_eq!(l2.sign(), Some(Sign::Pos));
    // log of (0, x]
    let r = Interval {
        lo: Some((Q::zero(), false)),
        hi: Some((q(1, 2), true)),
    }
    .log(64)
    .unwrap();
    assert!(r.lo.is_none() && r.is_neg());
    assert!(Interval::closed(Q::zero(), q(1, 1)).log(64).is_none());
    // exp
    let e = Interval::point(Q::one()).exp(64);
    assert!(e.lo.clone().unwrap().0 > q(2_718_281_828, 1_000_000_000));
    assert!(e.hi.clone().unwrap().0 < q(2_718_281_829, 1_000_000_000));
    let e = Interval::entire().exp(64);
    assert_eq!(e.lo, Some((Q::zero(), false)));
    let huge = Interval::point(Q::from_integer(BigInt::from(1u64 << 40))).exp(64);
    assert!(huge.is_pos() && huge.hi.is_none());
    let small = Interval::point(-Q::from_integer(BigInt::from(1u64 << 40))).exp(64);
    assert!(small.is_pos() || small.lo == Some((Q::zero(), false)));
    assert!(small.hi.is_some());
}

#[test]
fn monotone_enclosures() {
    let a = Interval::closed(q(1, 3), q(5, 2));
    let l = a.log(64).unwrap();
    let e = a.exp(64);
    let s = a.sqrt(64).unwrap();
    for x in [q(1, 3), q(1, 2), q(1, 1), q(2, 1), q(5, 2)] {
        let p = Interval::point(x);
        let lp = p.log(64).unwrap();
        assert!(!lp.disjoint(&l) && l.contains(&lp.lo.clone().unwrap().0));
        let ep = p.exp(64);
        assert!(e.contains(&ep.hi.clone().unwrap().0));
        let sp = p.sqrt(64).unwrap();
        assert!(s.contains(&sp.lo.clone().unwrap().0));
    }
}

#[test]
fn widths_shrink_with_bits() {
    let mut last: Option<Q> = None;
    for bits in [16u32, 32, 64, 128, 512] {
        let w = Interval::pi(bits)
            .mul(&Interval::point(q(3, 1)).sqrt(bits).unwrap())
            .add(&Interval::point(q(7, 1)).log(bits).unwrap())
            .width()
            .unwrap();
        if let Some(l) = &last {
            assert!(&w < l);
        }
        last = Some(w);
    }
}

#[test]
fn comparisons() {
    let a = Interval::closed(q(0, 1), q(1, 1));
    let b = Interval::open(q(1, 1), q(2, 1));
    assert!(a.lt(&b) && a.le(&b) && a.disjoint(&b));
    let c = Interval::closed(q(1, 1), q(2, 1));
    assert!(!a.lt(&c) && a.le(&c) && !a.disjoint(&c));
    assert_eq!(Interval::point(Q::zero()).sign(), Some(Sign::Zero));
    assert_eq!(a.sign(), None);
    assert!(a.is_nonneg() && !a.is_pos());
    assert_eq!(a.max(&c), Interval::closed(q(1, 1), q(2, 1)));
    assert_eq!(a.min(&c), Interval::closed(q(0, 1), q(1, 1)));
    assert_eq!(
        Interval::closed(q(-3, 1), q(2, 1)).abs(),
        Interval::closed(Q::zero(), q(3, 1))
    );
}

#[test]
fn rounding_is_outward() {
    let third = Interval::point(q(1, 3));
    assert_eq!(third.round(16), third); // small rationals stay exact
    let x = Q::new(BigInt::from(1), num_traits::pow(BigInt::from(3), 100));
    let r = Interval::point(x.clone()).round(16);
    assert!(r.contains(&x) && r.is_pos());
    assert!(!r.lo.as_ref().unwrap().1);
    let t = Interval::point(q_pow2(3 * MAX_MAG)).round(64);
    assert!(t.lo.is_some() && t.hi.is_none());
    let t = Interval::point(q_pow2(-3 * MAX_MAG)).round(64);
    assert_eq!(t.lo, Some((Q::zero(), false)));
    assert!(t.is_pos());
}

#[test]
fn displays_ends() {
    assert_eq!(Interval::positive().to_string(), "(0, oo)");
    assert_eq!(Interval::closed(q(-1, 2), q(3, 1)).to_string(), "[-1/2, 3]");
    assert_eq!(Interval::entire().to_string(), "(-oo, oo)");
}

#[test]
fn from_constraint_maps_ends() {
    let c = Constraint {
        lo: Endpoint::Finite {
            value: Q::zero(),
            closed: false,
        },
        hi: Endpoint::Infinite,
    };
    assert_eq!(Interval::from_constraint(&c), pos());
}

/// Intervals built from a grid of ends (infinite, open, closed) and a
/// few points inside each, for containment properties.
fn grid() -> Vec<(Interval, Vec<Q>)> {
    let vals = [q(-2, 1), q(-1, 1), Q::zero(), q(1, 2), q(3, 1)];
    let mut ends: Vec<Option<(Q, bool)>> = vec![None];
    for v in &vals {
        ends.push(Some((v.clone(), true)));
        ends.push(Some((v.clone(), false)));
    }
    let mut out = Vec::new();
    for lo in &ends {
        for hi in &ends {
            let iv = Interval {
                lo: lo.clone(),
                hi: hi.clone(),
            };
            let (a, b) = match (lo, hi) {
                (Some((a, ca)), Some((b, cb))) => {
                    if a > b || (a == b && !(*ca && *cb)) {
                        continue;
                    }
                    (a.clone(), b.clone())
                }
                (Some((a, _)), None) => (a.clone(), a + q(1_000_000, 1)),
                (None, Some((b, _))) => (b - q(1_000_000, 1), b.clone()),
                (None, None) => (q(-1_000_000, 1), q(1_000_000, 1)),
            };
            let mut pts = vec![(&a + &b) / q(2, 1)];
            let eps = (&b - &a) / q(1000, 1);
            if eps.is_positive() {
                pts.push(&a + &eps);
                pts.push(&b - &eps);
            }
            pts.push(a.clone());
            pts.push(b.clone());
            pts.retain(|p| iv.contains(p));
            if iv.lo.is_none() && iv.hi.is_none() {
                pts.push(Q::zero());
            }
            out.push((iv, pts));
        }
    }
    out
}

#[test]
fn arithmetic_contains_all_sampled_results() {
    let g = grid();
    assert!(g.len() > 50);
    for (a, pa) in &g {
        assert!(!pa.is_empty());
        let abs = a.abs();
        let sq = a.powi(2).unwrap();
        let cube = a.powi(3).unwrap();
        for x in pa {
            assert!(abs.contains(&x.abs()), "abs {a:?} {x}");
            assert!(sq.contains(&(x * x)), "sq {a:?} {x}");
            assert!(cube.contains(&(x * x * x)), "cube {a:?} {x}");
            assert!(a.neg().contains(&-x.clone()));
            if let Some(r) = a.recip() {
                assert!(r.contains(&x.recip()), "recip {a:?} {x}");
            }
        }
        for (b, pb) in &g {
            let s = a.add(b);
            let d = a.sub(b);
            let m = a.mul(b);
            let mn = a.min(b);
            let mx = a.max(b);
            let dv = a.div(b);
            for x in pa {
                for y in pb {
                    assert!(s.contains(&(x + y)), "add {a:?} {b:?} {x} {y}");
                    assert!(d.contains(&(x - y)), "sub {a:?} {b:?}");
                    assert!(m.contains(&(x * y)), "mul {a:?} {b:?} {x} {y} -> {m:?}");
                    assert!(mn.contains(x.min(y)), "min {a:?} {b:?}");
                    assert!(mx.contains(x.max(y)), "max {a:?} {b:?}");
                    if let Some(dv) = &dv {
                        assert!(dv.contains(&(x / y)), "div {a:?} {b:?}");
                    }
                    if a.lt(b) {
                        assert!(x < y);
                    }
                    if a.le(b) {
                        assert!(x <= y);
                    }
                }
            }
        }
    }
}

#[test]
fn transcendental_monotone_on_grid() {
    for (a, pa) in grid() {
        let l = a.log(48);
        let e = a.exp(48);
        let s = a.sqrt(48);
        for x in &pa {
            let px = Interval::point(x.clone());
            if let Some(l) = &l {
                let lx = px.log(48).unwrap();
                assert!(!l.disjoint(&lx), "log {a:?} {x}");
                assert!(a.is_pos());
            }
            assert!(!e.disjoint(&px.exp(48)), "exp {a:?} {x}");
            if let Some(s) = &s {
                assert!(!s.disjoint(&px.sqrt(48).unwrap()), "sqrt {a:?} {x}");
            }
        }
    }
}
