//! Differential soundness tests (test-only): random claims of every kind over
//! random expressions (the variable, small rationals, constrained
//! parameters, `+ - * /`, rational and variable powers, `sqrt`, `log`,
//! `exp`, `min`, `max`, `abs`), decided by the checker and cross-checked
//! against `referee` — an independent exact interval evaluator — at far
//! points (n = 10^60 and 10^1000) and at admissible parameter values. A
//! verdict the referee contradicts where it is conclusive is a bug;
//! inconclusive referee answers are counted, not ignored. Seeded and
//! reproducible (`BND_SOUNDNESS_ROUNDS`, `BND_SOUNDNESS_SEED`).

mod referee;

use crate::check::decide_claim;
use crate::ir::{
    Claim, ClaimKind, Cmp, Command, Constraint, Endpoint, Expr, Func, Landau, LimitTarget,
    ParamBox, Pos, Range, Verdict, Q,
};
use num_bigint::BigInt;
use referee::Iv;
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

fn rat(p: i64, q: i64) -> Q {
    Q::new(BigInt::from(p), BigInt::from(q))
}

fn small_q(r: &mut Rng) -> Q {
    let p = r.below(3) as i64 + 1;
    let q = [1i64, 1, 2, 3][r.below(4) as usize];
    rat(p, q)
}

/// The parameters every generated claim may use, with their constraints:
/// `a in [1/2, 2]` and `b in (0, 1)` (both positive, so the generated
/// expressions stay positive), and the values the referee tries: both ends
/// of `a`'s closed interval and interior points of `b`'s open one.
fn param_box() -> ParamBox {
    let mut params = BTreeMap::new();
    params.insert(
        "a".to_string(),
        Constraint {
            lo: Endpoint::Finite {
                value: rat(1, 2),
                closed: true,
            },
            hi: Endpoint::Finite {
                value: rat(2, 1),
                closed: true,
            },
        },
    );
    params.insert(
        "b".to_string(),
        Constraint {
            lo: Endpoint::Finite {
                value: rat(0, 1),
                closed: false,
            },
            hi: Endpoint::Finite {
                value: rat(1, 1),
                closed: false,
            },
        },
    );
    ParamBox { params }
}

fn param_points() -> Vec<BTreeMap<String, Q>> {
    [
        (rat(1, 2), rat(1, 100)),
        (rat(2, 1), rat(99, 100)),
        (rat(1, 1), rat(1, 2)),
    ]
    .into_iter()
    .map(|(a, b)| BTreeMap::from([("a".to_string(), a), ("b".to_string(), b)]))
    .collect()
}

/// A random eventually-positive expression of about `size` nodes. Constants
/// stay small, logarithms are not nested (`log_ok`) and `exp` only sees
/// arguments that grow at most like a root of a logarithm, so every sign
/// change happens well before the far probe (n = 10^1000) and the referee
/// can still evaluate there: a referee can only judge "eventually" past the
/// last crossover, and `log(n) - 729` changes sign only at n = e^729.
fn positive(r: &mut Rng, size: u32, log_ok: bool) -> Expr {
    if size <= 1 {
        return match r.below(6) {
            0 => Expr::Num(small_q(r)),
            1 => Expr::Param(if r.below(2) == 0 { "a" } else { "b" }.to_string()),
            _ => Expr::Var,
        };
    }
    match r.below(11) {
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
            Expr::pow(positive(r, size - 1, log_ok), Expr::Num(rat(p, q)))
        }
        6 => Expr::Call(
            if r.below(2) == 0 {
                Func::Max
            } else {
                Func::Min
            },
            vec![positive(r, size / 2, log_ok), positive(r, size / 2, log_ok)],
        ),
        // a variable exponent that tends to a constant: x^(c + 1/(n + 1))
        7 => Expr::pow(
            positive(r, size - 1, log_ok),
            Expr::add(
                Expr::Num(small_q(r)),
                Expr::div(Expr::int(1), Expr::add(Expr::Var, Expr::int(1))),
            ),
        ),
        // exp of a slowly growing argument: exp(c*sqrt(log(n + 2)))
        8 if log_ok => Expr::call1(
            Func::Exp,
            Expr::mul(
                Expr::Num(small_q(r)),
                Expr::call1(
                    Func::Sqrt,
                    Expr::call1(Func::Log, Expr::add(Expr::Var, Expr::int(2))),
                ),
            ),
        ),
        // (1 + c/n)^n -> exp(c): a classic variable power
        9 => Expr::mul(
            positive(r, size - 1, log_ok),
            Expr::pow(
                Expr::add(Expr::int(1), Expr::div(Expr::Num(small_q(r)), Expr::Var)),
                Expr::Var,
            ),
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
        params: param_box(),
        assignments: vec![],
        hypotheses: Default::default(),
    }
}

fn decide(kind: ClaimKind) -> Verdict {
    decide_claim(&claim(kind), "n").verdict
}

fn pow10(k: u32) -> Q {
    Q::from_integer(BigInt::from(10).pow(k))
}

/// The far probes: exponents of 10.
const FAR: [u32; 2] = [60, 1000];

/// The referee's enclosures of `e` at n = 10^k for each parameter point.
fn at(e: &Expr, k: u32) -> Vec<Option<Iv>> {
    param_points()
        .iter()
        .map(|p| referee::eval(e, &pow10(k), p))
        .collect()
}

#[derive(Default, Debug)]
struct Tally {
    claims: usize,
    proved: usize,
    refuted: usize,
    unknown: usize,
    by_kind: BTreeMap<&'static str, [usize; 3]>,
    inconclusive: usize,
    contradictions: Vec<String>,
}

impl Tally {
    fn count(&mut self, kind: &'static str, v: Verdict) {
        self.claims += 1;
        let slot = match v {
            Verdict::Proved => {
                self.proved += 1;
                0
            }
            Verdict::Refuted => {
                self.refuted += 1;
                1
            }
            Verdict::Unknown => {
                self.unknown += 1;
                2
            }
        };
        self.by_kind.entry(kind).or_default()[slot] += 1;
    }
}

/// `e > 0 eventually`: a proof must agree with the sign at the far probe
/// (10^1000) for every parameter point; a refutation must not meet a
/// positive value at every probe and point. (The far probe matters:
/// `exp(5*(7/2)^4) - 2*n` is positive up to n ~ 10^325 and negative after, as
/// the engine says; a referee probing only 10^80 called it a contradiction.)
fn check_sign(e: &Expr, t: &mut Tally) {
    let v = decide(ClaimKind::Ineq {
        lhs: e.clone(),
        op: Cmp::Gt,
        rhs: Expr::int(0),
        range: Range::Eventually,
    });
    t.count("eventually", v);
    let far = at(e, FAR[1]);
    match v {
        Verdict::Unknown => {}
        Verdict::Proved => {
            for p in &far {
                match p {
                    Some(i) if i.is_neg() => t
                        .contradictions
                        .push(format!("proved {e} > 0 eventually, but < 0 at 10^1000")),
                    Some(i) if i.is_pos() => {}
                    _ => t.inconclusive += 1,
                }
            }
        }
        Verdict::Refuted => {
            // refuted for some admissible parameter value: a contradiction
            // only if positive at every probe and point
            let all: Vec<Option<Iv>> = FAR.iter().flat_map(|k| at(e, *k)).collect();
            if all.iter().all(|p| matches!(p, Some(i) if i.is_pos())) {
                t.contradictions.push(format!(
                    "refuted {e} > 0 eventually, but > 0 at every probe"
                ));
            } else if all.iter().any(|p| p.is_none()) {
                t.inconclusive += 1;
            }
        }
    }
}

/// Landau and `~` claims between positive A and B, judged from the ratio
/// A/B at 10^60 and 10^1000 at every parameter point (power–log–exp ratios
/// of the generated kind are eventually monotone and their constants small):
/// - a proved `o` (or `O`) whose ratio grows by more than 10^3, a refuted
///   `O` whose ratio shrinks by more than 10^3 at every point, a proved
///   `Omega`/`omega` whose ratio shrinks by more than 10^3, a proved
///   `Theta` whose ratio moves by more than 10^3 either way, a refuted
///   `Omega`/`omega` whose ratio grows by more than 10^3 at every point;
/// - a proved `~` whose ratio at 10^1000 is outside [1/10, 10].
fn check_landau(a: &Expr, b: &Expr, t: &mut Tally) {
    let ratio = Expr::div(a.clone(), b.clone());
    let near = at(&ratio, FAR[0]);
    let far = at(&ratio, FAR[1]);
    let thousand = Iv::point(Q::from_integer(BigInt::from(1000)));
    // per parameter point: Some((grows by > 10^3, shrinks by > 10^3))
    let moves: Vec<Option<(bool, bool)>> = near
        .iter()
        .zip(&far)
        .map(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => Some((x.mul(&thousand).lt(y), y.mul(&thousand).lt(x))),
            _ => None,
        })
        .collect();
    let grows_somewhere = moves.iter().any(|m| matches!(m, Some((true, _))));
    let shrinks_somewhere = moves.iter().any(|m| matches!(m, Some((_, true))));
    let shrinks_everywhere = moves.iter().all(|m| matches!(m, Some((_, true))));
    let grows_everywhere = moves.iter().all(|m| matches!(m, Some((true, _))));
    if moves.iter().any(|m| m.is_none()) {
        t.inconclusive += 1;
    }
    let rels = [
        (Landau::LittleO, "o"),
        (Landau::BigO, "O"),
        (Landau::Theta, "Theta"),
        (Landau::Omega, "Omega"),
        (Landau::LittleOmega, "omega"),
    ];
    for (rel, name) in rels {
        let v = decide(ClaimKind::Landau {
            lhs: a.clone(),
            rel,
            rhs: b.clone(),
        });
        t.count(name, v);
        let bad = match (rel, v) {
            (Landau::LittleO, Verdict::Proved) | (Landau::BigO, Verdict::Proved) => grows_somewhere,
            (Landau::Theta, Verdict::Proved) => grows_somewhere || shrinks_somewhere,
            (Landau::Omega | Landau::LittleOmega, Verdict::Proved) => shrinks_somewhere,
            // a refuted Theta may fail either way: no judgement from two probes
            (Landau::BigO, Verdict::Refuted) => shrinks_everywhere,
            (Landau::Omega | Landau::LittleOmega, Verdict::Refuted) => grows_everywhere,
            _ => false,
        };
        if bad {
            t.contradictions.push(format!(
                "{name}: {a} vs {b}: verdict {v:?} against the ratio"
            ));
        }
    }
    let v = decide(ClaimKind::Similar {
        lhs: a.clone(),
        rhs: b.clone(),
    });
    t.count("~", v);
    if v == Verdict::Proved {
        let lo = Iv::point(Q::new(BigInt::from(1), BigInt::from(10)));
        let hi = Iv::point(Q::from_integer(BigInt::from(10)));
        for r in far.iter().flatten() {
            if r.lt(&lo) || hi.lt(r) {
                t.contradictions.push(format!(
                    "proved {a} ~ {b}, but the ratio at 10^1000 is far from 1"
                ));
            }
        }
    }
}

/// `lim A = oo` and `lim A = 0` for positive A: a proved `oo` limit whose
/// value at 10^1000 is below its value at 10^60 (at some point) is a
/// contradiction; so is a proved `0` limit whose value grows.
fn check_limit(e: &Expr, t: &mut Tally) {
    let near = at(e, FAR[0]);
    let far = at(e, FAR[1]);
    for (target, name) in [
        (LimitTarget::PosInf, "lim oo"),
        (LimitTarget::Finite(Expr::int(0)), "lim 0"),
    ] {
        let v = decide(ClaimKind::Limit {
            expr: e.clone(),
            target: target.clone(),
        });
        t.count(name, v);
        if v != Verdict::Proved {
            continue;
        }
        for (x, y) in near.iter().zip(&far) {
            let (Some(x), Some(y)) = (x, y) else {
                t.inconclusive += 1;
                continue;
            };
            let wrong = match target {
                LimitTarget::PosInf => y.lt(x),
                _ => x.lt(y) && y.is_pos() && !y.lt(&Iv::point(Q::new(1.into(), 1000.into()))),
            };
            if wrong {
                t.contradictions.push(format!(
                    "proved {name} for {e}, but its values say otherwise"
                ));
            }
        }
    }
}

/// `A == B` for two random positive expressions that differ (A and A + B),
/// and for A against a rewritten copy of itself: a proof must agree at small
/// points (n = 2, 7, 1000) and every parameter point.
fn check_equal(a: &Expr, b: &Expr, t: &mut Tally) {
    let rewritten = Expr::call1(Func::Exp, Expr::call1(Func::Log, a.clone()));
    for (lhs, rhs) in [
        (a.clone(), rewritten),
        (a.clone(), Expr::add(a.clone(), b.clone())),
    ] {
        let v = decide(ClaimKind::Equal {
            lhs: lhs.clone(),
            rhs: rhs.clone(),
        });
        t.count("==", v);
        if v != Verdict::Proved {
            continue;
        }
        for n in [2i64, 7, 1000] {
            for p in param_points() {
                let n = Q::from_integer(BigInt::from(n));
                match (referee::eval(&lhs, &n, &p), referee::eval(&rhs, &n, &p)) {
                    (Some(x), Some(y)) if x.lt(&y) || y.lt(&x) => t
                        .contradictions
                        .push(format!("proved {lhs} == {rhs}, but they differ at n = {n}")),
                    (Some(_), Some(_)) => {}
                    _ => t.inconclusive += 1,
                }
            }
        }
    }
}

/// Rounds of the fast slice (each round: one sign claim, six Landau-style
/// claims, two limits; every fourth round two equalities). The long run sets
/// `BND_SOUNDNESS_ROUNDS` (see the README).
const FAST_ROUNDS: usize = 220;

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
    for round in 0..rounds {
        let e = signed(&mut r, 6);
        check_sign(&e, &mut t);
        let a = positive(&mut r, 5, true);
        let b = positive(&mut r, 5, true);
        check_landau(&a, &b, &mut t);
        check_limit(&a, &mut t);
        // `==` goes through the e-graph and the counterexample search, the
        // slowest paths in a debug build: one round in four
        if round % 4 == 0 {
            check_equal(&a, &b, &mut t);
        }
    }
    eprintln!(
        "soundness: {rounds} rounds, {} claims: {} proved, {} refuted, {} unknown; {} inconclusive referee answers; {} contradictions",
        t.claims,
        t.proved,
        t.refuted,
        t.unknown,
        t.inconclusive,
        t.contradictions.len()
    );
    for (kind, [p, r, u]) in &t.by_kind {
        eprintln!("  {kind:>10}: {p} proved, {r} refuted, {u} unknown");
    }
    assert!(t.contradictions.is_empty(), "{:#?}", t.contradictions);
    // The slice must exercise the engine, not only its `unknown`s.
    assert!(t.proved + t.refuted > t.claims / 2, "{t:?}");
}
