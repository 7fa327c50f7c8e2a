//! Unit tests of the threshold module: the finite power–log form, the tail
//! certificate, the branch-and-bound search and the number formatting.

use super::plp::{certify_tail, Expander};
use super::search::{Found, Problem};
use super::{crossover, decide_from, fmt_exact, fmt_num};
use crate::exact::eval::eval_point;
use crate::exact::{Interval, Sign};
use crate::ir::{Cmp, Constraint, Endpoint, Evidence, Expr, Func, ParamBox, Verdict, Q};
use std::collections::BTreeMap;

fn q(p: i64, d: i64) -> Q {
    Q::new(p.into(), d.into())
}
fn n() -> Expr {
    Expr::Var
}
fn log(e: Expr) -> Expr {
    Expr::call1(Func::Log, e)
}
fn sqrt(e: Expr) -> Expr {
    Expr::call1(Func::Sqrt, e)
}

#[test]
fn power_log_forms_are_exact_identities() {
    // log(2*n^3) / sqrt(4*n) - 3*log(n)/(2*sqrt(n)) = log(2)/(2*sqrt(n))
    let e = Expr::sub(
        Expr::div(
            log(Expr::mul(Expr::int(2), Expr::pow(n(), Expr::int(3)))),
            sqrt(Expr::mul(Expr::int(4), n())),
        ),
        Expr::div(
            Expr::mul(Expr::int(3), log(n())),
            Expr::mul(Expr::int(2), sqrt(n())),
        ),
    );
    let params = BTreeMap::new();
    let mut ex = Expander::new(&params);
    let f = ex.expand(&e, 0).unwrap();
    assert_eq!(f.num.terms.len(), 1, "{:?}", f.num);
    let (k, _) = f.num.terms.iter().next().unwrap();
    assert_eq!(k, &(q(-1, 2), q(0, 1)));
    // sums under roots and logs are refused
    let mut ex = Expander::new(&params);
    assert!(ex.expand(&log(Expr::add(n(), Expr::int(1))), 0).is_err());
    assert!(ex.expand(&sqrt(Expr::add(n(), Expr::int(1))), 0).is_err());
    assert!(ex.expand(&Expr::call1(Func::Exp, n()), 0).is_err());
    // exp(2 log n + 1) = e * n^2
    let mut ex = Expander::new(&params);
    let f = ex
        .expand(
            &Expr::call1(
                Func::Exp,
                Expr::add(Expr::mul(Expr::int(2), log(n())), Expr::int(1)),
            ),
            0,
        )
        .unwrap();
    assert!(f.num.terms.contains_key(&(q(2, 1), q(0, 1))));
}

#[test]
fn tail_certificates() {
    let params = BTreeMap::new();
    let pbox = ParamBox::default();
    // sqrt(n) - log(n)^2 > 0 from some 2^k on; the crossing is near 5503.7
    let f = Expr::sub(sqrt(n()), Expr::pow(log(n()), Expr::int(2)));
    let t = certify_tail(&f, &q(2, 1), &params, &pbox, "n").unwrap();
    assert_eq!(t.sign, Sign::Pos);
    assert!(t.from > q(5504, 1), "{}", t.from);
    // and the function really is positive there (exact evaluation)
    for x in [
        t.from.clone(),
        &t.from * q(10, 1),
        &t.from * q(1_000_000, 1),
    ] {
        let v = eval_point(&f, &x, &BTreeMap::new(), 64).unwrap();
        assert!(v.is_pos());
    }
    // 1 - n is eventually negative
    let f = Expr::sub(Expr::int(1), n());
    let t = certify_tail(&f, &q(2, 1), &params, &pbox, "n").unwrap();
    assert_eq!(t.sign, Sign::Neg);
    // an identically zero difference still certifies its divisor
    let f = Expr::sub(
        Expr::div(n(), Expr::sub(n(), Expr::int(5))),
        Expr::div(n(), Expr::sub(n(), Expr::int(5))),
    );
    let t = certify_tail(&f, &q(2, 1), &params, &pbox, "n").unwrap();
    assert_eq!(t.sign, Sign::Zero);
    assert!(
        t.from > q(5, 1),
        "divisor n - 5 vanishes at 5: tail from {}",
        t.from
    );
}

/// (n^2 + 100)/20 - n = (n - 10)^2/20: >= 0 everywhere, 0 at n = 10.
fn touching_at_ten() -> Expr {
    Expr::sub(
        Expr::div(
            Expr::add(Expr::pow(n(), Expr::int(2)), Expr::int(100)),
            Expr::int(20),
        ),
        n(),
    )
}

#[test]
fn search_finds_exact_failures_and_touches() {
    let params = BTreeMap::new();
    let pbox = ParamBox::default();
    let f = touching_at_ten();
    let mut p = Problem::new(f.clone(), false, &params, &pbox, 1000, "n");
    assert!(matches!(p.search(&q(1, 1), &q(64, 1), false), Found::Holds));
    let mut p = Problem::new(f, true, &params, &pbox, 1000, "n");
    match p.search(&q(1, 1), &q(64, 1), false) {
        Found::Fails { witness, .. } => assert_eq!(witness.n, q(10, 1)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn parameter_boxes() {
    let mut pb = ParamBox::default();
    pb.params.insert(
        "a".into(),
        Constraint {
            lo: Endpoint::Finite {
                value: q(1, 1),
                closed: true,
            },
            hi: Endpoint::Finite {
                value: q(2, 1),
                closed: true,
            },
        },
    );
    // a*log(n) <= sqrt(n) for n >= 3000, a in [1, 2]
    let lhs = Expr::mul(Expr::param("a"), log(n()));
    let d = decide_from(&lhs, Cmp::Le, &sqrt(n()), &Expr::int(3000), &pb, "n");
    assert_eq!(d.verdict, Verdict::Proved, "{}", d.reason);
    // the certificate covers the claimed range: it starts at N = 3000
    let Evidence::Certificate(cert) = &d.evidence else {
        panic!("no certificate: {:?}", d.evidence)
    };
    assert_eq!(cert.from, q(3000, 1));
    assert!(cert.tail_from >= cert.from);
    // fails at a = 2 near n = 50: refuted with an admissible value
    let d = decide_from(&lhs, Cmp::Le, &sqrt(n()), &Expr::int(50), &pb, "n");
    assert_eq!(d.verdict, Verdict::Refuted, "{}", d.reason);
    // the counterexample is an admissible point of the range where
    // a*log(n) > sqrt(n) (checked here by exact interval evaluation)
    let Evidence::Counterexample(p) = &d.evidence else {
        panic!("no counterexample: {:?}", d.evidence)
    };
    let at = p.at.clone().expect("a value of n");
    let a = p.params["a"].clone();
    assert!(at >= q(50, 1) && a >= q(1, 1) && a <= q(2, 1), "{p:?}");
    let point = BTreeMap::from([("a".to_string(), Interval::point(a))]);
    let gap = Expr::sub(sqrt(n()), lhs.clone());
    let v = crate::exact::eval::eval(&gap, &Interval::point(at), &point, 128).expect("defined");
    assert!(v.is_neg(), "{v:?}");
    // a box-wide crossover: sup over a in [1, 2] is the one of a = 2
    let c = crossover(&lhs, Cmp::Le, &sqrt(n()), &pb, "n");
    let x = c.crossover.expect("a crossover");
    // 2 log n > sqrt n at n = 74 (8.608 > 8.602), < at 75 (8.635 < 8.660)
    assert_eq!(x.integer, 75.into(), "{}", c.text);
    assert!(x.lower >= q(74, 1) && x.upper == q(75, 1), "{}", c.text);
    let _ = Interval::positive();
}

#[test]
fn numbers_in_messages() {
    assert_eq!(fmt_num(&q(33034, 1)), "33034");
    assert_eq!(fmt_num(&q(1, 10)), "1/10");
    assert_eq!(
        fmt_num(&Q::from_integer(num_bigint::BigInt::from(1u8) << 100)),
        "2^100"
    );
    assert_eq!(fmt_num(&q(1_000_000_007, 3_000_000_001)), "~0.3333333");
    let big = Q::from_integer(num_bigint::BigInt::from(10u8).pow(20) + 1);
    assert_eq!(fmt_num(&big), "~1e20");
    assert_eq!(fmt_exact(&big), "100000000000000000001");
    assert_eq!(fmt_num(&q(-7, 2)), "-7/2");
}

/// Regression: `n^3*sqrt(log(n)^2) >= sqrt(log(n)^2)*n^2` on [1, 2]. Both
/// sides vanish at n = 1, where the search cannot separate them; boxes
/// narrowing towards 1 need ever more bits, and 4000 of them cost about 35
/// billion instructions (several seconds). The work budget ends the search
/// after a few hundred boxes with the same answer: not decided near n = 1.
#[test]
fn the_work_budget_ends_a_search_that_the_box_budget_would_not() {
    let sq = sqrt(Expr::mul(log(n()), log(n())));
    let f = Expr::sub(
        Expr::mul(Expr::pow(n(), Expr::int(3)), sq.clone()),
        Expr::mul(sq, Expr::pow(n(), Expr::int(2))),
    );
    let params = BTreeMap::new();
    let pbox = ParamBox::default();
    let mut p = Problem::new(f, false, &params, &pbox, 4000, "n");
    match p.search(&q(1, 1), &q(2, 1), false) {
        Found::Unknown(why) => assert!(why.contains("n = 1"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert!(p.stats.work > super::search::WORK_BUDGET, "{:?}", p.stats);
    assert!(p.stats.boxes < 4000, "{:?}", p.stats);
}

/// The claim's interval work budget is shared by all of a claim's
/// searches: once spent, a further search answers at once (naming it); a
/// search outside a claim, or in a claim with budget left, is not cut.
#[test]
fn the_claims_interval_budget_ends_its_searches() {
    let params = BTreeMap::new();
    let pbox = ParamBox::default();
    let f = touching_at_ten();
    let search = || {
        Problem::new(f.clone(), false, &params, &pbox, 1000, "n").search(&q(1, 1), &q(64, 1), false)
    };
    assert!(matches!(search(), Found::Holds));
    crate::claim_budget::scope_of(u64::MAX, 1, || {
        // the first box spends the one unit; the search stops at the next
        match search() {
            Found::Unknown(why) => assert!(why.contains("interval work budget"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(search(), Found::Unknown(_)));
    });
    crate::claim_budget::scope(|| assert!(matches!(search(), Found::Holds)));
}
