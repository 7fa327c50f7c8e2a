//! Differential soundness tests (test-only): random power–log expressions,
//! decided by the checker, cross-checked against exact interval evaluation at
//! huge n. The referee shares nothing with the engine but the exact interval
//! type. A `proved` that the referee contradicts where it is conclusive is a
//! bug; inconclusive referee answers are counted, not ignored.

use crate::check::decide_claim;
use crate::exact::eval::eval;
use crate::exact::Interval;
use crate::ir::{
    Claim, ClaimKind, Cmp, Command, Expr, Func, Landau, ParamBox, Pos, Range, Verdict, Q,
};
use num_bigint::BigInt;
use std::collections::BTreeMap;

/// A small deterministic generator (64-bit LCG), so every run is the same.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, k: u64) -> u64 {
        self.next() % k
    }
}

fn small_q(r: &mut Rng) -> Q {
    let p = r.below(3) as i64 + 1;
    let q = [1i64, 1, 2, 3][r.below(4) as usize];
    Q::new(BigInt::from(p), BigInt::from(q))
}

/// A random eventually-positive expression of about `size` nodes. Constants
/// stay small and logarithms are not nested (`log_ok`), so every sign change
/// happens well before the far probe (n = 10^1000): a referee can only judge
/// "eventually" past the last crossover, and `log(n) - 729` changes sign only
/// at n = e^729 ~ 10^316.
fn positive(r: &mut Rng, size: u32, log_ok: bool) -> Expr {
    if size <= 1 {
        return match r.below(4) {
            0 => Expr::Num(small_q(r)),
            _ => Expr::Var,
        };
    }
    match r.below(8) {
        0 => Expr::add(positive(r, size / 2, log_ok), positive(r, size / 2, log_ok)),
        1 => Expr::mul(positive(r, size / 2, log_ok), positive(r, size / 2, log_ok)),
        2 => Expr::div(positive(r, size / 2, log_ok), positive(r, size / 2, log_ok)),
        3 => Expr::call1(Func::Sqrt, positive(r, size - 1, log_ok)),
        4 if log_ok => Expr::call1(
            Func::Log,
            Expr::add(Expr::int(2), positive(r, size - 1, false)),
        ),
        5 => {
            let (p, q) = [(1i64, 2i64), (2, 1), (-1, 1), (3, 2), (-1, 2)][r.below(5) as usize];
            Expr::pow(
                positive(r, size - 1, log_ok),
                Expr::Num(Q::new(BigInt::from(p), BigInt::from(q))),
            )
        }
        6 => Expr::Call(
            Func::Max,
            vec![positive(r, size / 2, log_ok), positive(r, size / 2, log_ok)],
        ),
        _ => Expr::call1(
            Func::Exp,
            Expr::div(
                Expr::Num(small_q(r)),
                Expr::add(Expr::Var, positive(r, size - 1, log_ok)),
            ),
        ),
    }
}

/// Any sign: a difference of two positive expressions.
fn signed(r: &mut Rng, size: u32) -> Expr {
    Expr::sub(positive(r, size / 2, true), positive(r, size / 2, true))
}

fn claim(kind: ClaimKind) -> Claim {
    Claim {
        pos: Pos::default(),
        label: None,
        command: Command::Check,
        text: String::new(),
        kind: Ok(kind),
        params: ParamBox::default(),
        assignments: vec![],
        hypotheses: Default::default(),
    }
}

fn pow10(k: u32) -> Q {
    Q::from_integer(BigInt::from(10).pow(k))
}

/// The referee: an enclosure of `e` at n = 10^k.
fn at(e: &Expr, k: u32) -> Option<Interval> {
    eval(e, &Interval::point(pow10(k)), &BTreeMap::new(), 256)
}

#[derive(Default, Debug)]
struct Tally {
    decided: usize,
    unknown: usize,
    inconclusive: usize,
    contradictions: Vec<String>,
}

/// `e > 0 eventually`: a proof must agree with the sign at the far probe
/// (10^1000); a refutation must not meet a positive value at both probes.
/// (The far probe matters: `exp(5*(7/2)^4) - 2*n` is positive up to
/// n ~ 10^325 and negative after, as the engine says; a referee probing only
/// 10^80 called it a contradiction.)
fn check_sign(e: &Expr, t: &mut Tally) {
    let kind = ClaimKind::Ineq {
        lhs: e.clone(),
        op: Cmp::Gt,
        rhs: Expr::int(0),
        range: Range::Eventually,
    };
    let d = decide_claim(&claim(kind), "n");
    let probes: Vec<Option<Interval>> = [60u32, 1000].iter().map(|k| at(e, *k)).collect();
    match d.verdict {
        Verdict::Unknown => t.unknown += 1,
        Verdict::Proved => {
            t.decided += 1;
            for p in probes.iter().skip(1) {
                match p {
                    Some(i) if i.is_neg() => t
                        .contradictions
                        .push(format!("proved {e} > 0 eventually, but < 0 at a probe")),
                    Some(i) if i.is_pos() => {}
                    _ => t.inconclusive += 1,
                }
            }
        }
        Verdict::Refuted => {
            t.decided += 1;
            let all_pos = probes.iter().all(|p| matches!(p, Some(i) if i.is_pos()));
            if all_pos {
                t.contradictions.push(format!(
                    "refuted {e} > 0 eventually, but > 0 at every probe: {}",
                    d.reason
                ));
            }
        }
    }
}

/// `A = o(B)` and `A = O(B)` with A, B positive: a proved `o` whose ratio
/// grows by more than 10^3 from n = 10^60 to 10^1000, or a refuted `O`
/// whose ratio shrinks by more than 10^3 over the same range, is a
/// contradiction (power–log ratios are eventually monotone).
fn check_landau(a: &Expr, b: &Expr, t: &mut Tally) {
    let ratio = Expr::div(a.clone(), b.clone());
    let (r40, r80) = match (at(&ratio, 60), at(&ratio, 1000)) {
        (Some(x), Some(y)) => (x, y),
        _ => {
            t.inconclusive += 1;
            return;
        }
    };
    let thousand = Interval::point(Q::from_integer(BigInt::from(1000)));
    for rel in [Landau::LittleO, Landau::BigO] {
        let kind = ClaimKind::Landau {
            lhs: a.clone(),
            rel,
            rhs: b.clone(),
        };
        let d = decide_claim(&claim(kind), "n");
        match (rel, d.verdict) {
            (_, Verdict::Unknown) => t.unknown += 1,
            (Landau::LittleO, Verdict::Proved) => {
                t.decided += 1;
                if r40.mul(&thousand).lt(&r80) {
                    t.contradictions.push(format!(
                        "proved {a} = o({b}) but the ratio grows: {}",
                        d.reason
                    ));
                }
            }
            (Landau::BigO, Verdict::Refuted) => {
                t.decided += 1;
                if r80.mul(&thousand).lt(&r40) {
                    t.contradictions.push(format!(
                        "refuted {a} = O({b}) but the ratio shrinks: {}",
                        d.reason
                    ));
                }
            }
            _ => t.decided += 1,
        }
    }
}

/// Rounds of the fast slice (each round: one sign claim, two Landau claims).
/// The long run sets `BND_SOUNDNESS_ROUNDS` (see the README).
const FAST_ROUNDS: usize = 400;

#[test]
fn random_claims_agree_with_exact_evaluation() {
    let rounds = std::env::var("BND_SOUNDNESS_ROUNDS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(FAST_ROUNDS);
    let seed = std::env::var("BND_SOUNDNESS_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0x5eed_b0d5);
    let mut r = Rng(seed);
    let mut t = Tally::default();
    for _ in 0..rounds {
        let e = signed(&mut r, 6);
        check_sign(&e, &mut t);
        let a = positive(&mut r, 5, true);
        let b = positive(&mut r, 5, true);
        check_landau(&a, &b, &mut t);
    }
    eprintln!(
        "soundness: {rounds} rounds, {} decided, {} unknown, {} inconclusive referee answers, {} contradictions",
        t.decided,
        t.unknown,
        t.inconclusive,
        t.contradictions.len()
    );
    assert!(t.contradictions.is_empty(), "{:#?}", t.contradictions);
    // The slice must exercise the engine, not only its `unknown`s.
    assert!(t.decided > rounds * 3 / 2, "{t:?}");
}
