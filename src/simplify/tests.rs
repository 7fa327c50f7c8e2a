//! Unit tests of the e-graph layer: proofs that must go through, guards
//! that must refuse, simplification results and determinism.

use super::analysis::BndAnalysis;
use super::lang::Bnd;
use super::*;
use crate::ir::{Constraint, Endpoint, Func, Q};
use num_bigint::BigInt;

fn n() -> Expr {
    Expr::Var
}
fn int(i: i64) -> Expr {
    Expr::int(i)
}
fn p(name: &str) -> Expr {
    Expr::param(name)
}
fn add(a: Expr, b: Expr) -> Expr {
    Expr::add(a, b)
}
fn sub(a: Expr, b: Expr) -> Expr {
    Expr::sub(a, b)
}
fn mul(a: Expr, b: Expr) -> Expr {
    Expr::mul(a, b)
}
fn div(a: Expr, b: Expr) -> Expr {
    Expr::div(a, b)
}
fn pow(a: Expr, b: Expr) -> Expr {
    Expr::pow(a, b)
}
fn sqrt(a: Expr) -> Expr {
    Expr::call1(Func::Sqrt, a)
}
fn log(a: Expr) -> Expr {
    Expr::call1(Func::Log, a)
}
fn exp(a: Expr) -> Expr {
    Expr::call1(Func::Exp, a)
}

fn positive() -> Constraint {
    Constraint {
        lo: Endpoint::Finite {
            value: Q::from_integer(BigInt::from(0)),
            closed: false,
        },
        hi: Endpoint::Infinite,
    }
}

fn open01() -> Constraint {
    Constraint {
        lo: Endpoint::Finite {
            value: Q::from_integer(BigInt::from(0)),
            closed: false,
        },
        hi: Endpoint::Finite {
            value: Q::from_integer(BigInt::from(1)),
            closed: false,
        },
    }
}

fn boxed(entries: &[(&str, Constraint)]) -> ParamBox {
    let mut b = ParamBox::default();
    for (k, c) in entries {
        b.params.insert(k.to_string(), c.clone());
    }
    b
}

fn none() -> ParamBox {
    ParamBox::default()
}

fn assert_proved(a: &Expr, b: &Expr, params: &ParamBox) {
    let r = prove_equal(a, b, params);
    assert_eq!(r, Equivalence::Proved, "{a} == {b}");
}

fn assert_not_proved(a: &Expr, b: &Expr, params: &ParamBox) {
    match prove_equal(a, b, params) {
        Equivalence::Proved => panic!("wrongly proved {a} == {b}"),
        Equivalence::NotProved { reason } => {
            // the rules ran to saturation: the two sides are truly not merged
            assert!(reason.contains("saturated without joining"), "{reason}")
        }
    }
}

#[test]
fn proves_square_expansion() {
    let lhs = pow(add(n(), int(1)), int(2));
    let rhs = add(add(pow(n(), int(2)), mul(int(2), n())), int(1));
    assert_proved(&lhs, &rhs, &none());
}

#[test]
fn proves_log_of_product() {
    assert_proved(&log(mul(int(2), n())), &add(log(int(2)), log(n())), &none());
}

#[test]
fn proves_sqrt_of_product() {
    assert_proved(&sqrt(mul(int(4), n())), &mul(int(2), sqrt(n())), &none());
}

#[test]
fn proves_n_over_n() {
    assert_proved(&div(n(), n()), &int(1), &none());
}

#[test]
fn proves_conjugate_product() {
    let s1 = sqrt(add(n(), int(1)));
    let s0 = sqrt(n());
    let lhs = mul(sub(s1.clone(), s0.clone()), add(s1, s0));
    assert_proved(&lhs, &int(1), &none());
}

#[test]
fn proves_exp_log_and_log_power() {
    assert_proved(&exp(log(n())), &n(), &none());
    assert_proved(&log(pow(n(), int(3))), &mul(int(3), log(n())), &none());
}

#[test]
fn proves_log_with_positive_param() {
    let b = boxed(&[("a", positive())]);
    assert_proved(&log(mul(p("a"), n())), &add(log(p("a")), log(n())), &b);
}

#[test]
fn proves_log2_lowering() {
    // log2(n) * log(2) == log(n)
    let lhs = mul(Expr::call1(Func::Log2, n()), log(int(2)));
    assert_proved(&lhs, &log(n()), &none());
}

#[test]
fn refuses_sqrt_square_of_unconstrained() {
    let x = p("x");
    assert_not_proved(&sqrt(pow(x.clone(), int(2))), &x, &none());
    assert_not_proved(&sqrt(mul(x.clone(), x.clone())), &x, &none());
    // with x >= 0 it is fine
    assert_proved(
        &sqrt(pow(x.clone(), int(2))),
        &x,
        &boxed(&[("x", positive())]),
    );
}

#[test]
fn refuses_log_product_of_unconstrained() {
    let (a, b) = (p("a"), p("b"));
    assert_not_proved(
        &log(mul(a.clone(), b.clone())),
        &add(log(a), log(b)),
        &none(),
    );
}

#[test]
fn refuses_a_over_a_when_a_may_vanish() {
    let a = p("a");
    assert_not_proved(&div(a.clone(), a.clone()), &int(1), &none());
    // n - 1 vanishes at n = 1
    let m = sub(n(), int(1));
    assert_not_proved(&div(m.clone(), m), &int(1), &none());
    // but a in (0, 1) never vanishes
    assert_proved(&div(a.clone(), a), &int(1), &boxed(&[("a", open01())]));
}

#[test]
fn refuses_square_then_half_power() {
    let a = p("a");
    let lhs = pow(pow(a.clone(), int(2)), Expr::ratio(1, 2));
    assert_not_proved(&lhs, &a, &none());
}

#[test]
fn refuses_absorbing_an_undefined_factor() {
    // (1/a)*0 is undefined at a = 0, so it is not the constant 0
    let a = p("a");
    assert_not_proved(&mul(div(int(1), a.clone()), int(0)), &int(0), &none());
    // x - x with x = 1/a likewise
    let x = div(int(1), a);
    assert_not_proved(&sub(x.clone(), x), &int(0), &none());
}

#[test]
fn never_merges_distinct_constants_or_n_and_n_plus_one() {
    assert_not_proved(&int(0), &int(1), &none());
    assert_not_proved(&n(), &add(n(), int(1)), &none());
    // a reason is given, and it mentions how saturation ended
    match prove_equal(&n(), &add(n(), int(1)), &none()) {
        Equivalence::NotProved { reason } => assert!(reason.contains("saturat"), "{reason}"),
        Equivalence::Proved => panic!("n == n + 1 proved"),
    }
}

#[test]
fn simplifies_trivial_identities_and_constants() {
    let x = p("x");
    assert_eq!(simplify(&add(mul(x.clone(), int(1)), int(0)), &none()), x);
    assert_eq!(simplify(&mul(int(2), int(3)), &none()), int(6));
    assert_eq!(simplify(&pow(int(4), Expr::ratio(1, 2)), &none()), int(2));
    assert_eq!(
        simplify(&sqrt(Expr::ratio(9, 4)), &none()),
        Expr::ratio(3, 2)
    );
    // no floating point: 2^(1/2) stays symbolic
    let r = simplify(&pow(int(2), Expr::ratio(1, 2)), &none());
    assert_eq!(r, sqrt(int(2)));
}

#[test]
fn simplifies_sqrt_difference() {
    let e = sub(sqrt(add(n(), int(1))), sqrt(n()));
    let r = simplify(&e, &none());
    assert!(r.size() <= e.size() + 4, "{r}");
    assert_eq!(prove_equal(&e, &r, &none()), Equivalence::Proved);
}

#[test]
fn simplifies_the_multimodal_ratio() {
    let b = boxed(&[
        ("L", positive()),
        ("C_F", positive()),
        ("C_G", positive()),
        ("c0", open01()),
    ]);
    let gauss = add(mul(p("C_F"), sqrt(n())), mul(p("C_G"), sqrt(n())));
    let multi = div(mul(mul(sqrt(mul(int(2), Expr::Pi)), p("L")), gauss), n());
    let e = div(p("c0"), multi);
    let r = simplify(&e, &b);
    assert!(r.size() < e.size(), "{e}  ->  {r}");
    let again = simplify(&e, &b);
    assert_eq!(r, again, "simplification is not deterministic");
    assert!(!r.to_string().contains("^(-1)"), "{r}");
}

#[test]
fn determinism_of_simplify() {
    let e = add(
        pow(add(n(), int(1)), int(2)),
        div(log(mul(int(2), n())), sqrt(mul(int(4), n()))),
    );
    let first = simplify(&e, &none());
    for _ in 0..2 {
        assert_eq!(simplify(&e, &none()), first);
    }
}

#[test]
fn too_large_inputs_are_left_alone() {
    let mut e = n();
    for i in 0..300 {
        e = add(e, int(i));
    }
    assert_eq!(simplify(&e, &none()), e);
    match prove_equal(&e, &n(), &none()) {
        Equivalence::NotProved { reason } => assert!(reason.contains("too large"), "{reason}"),
        Equivalence::Proved => panic!("proved a huge equality"),
    }
}

#[test]
fn malformed_calls_are_refused() {
    let bad = Expr::Call(Func::Sqrt, vec![n(), n()]);
    assert_eq!(simplify(&bad, &none()), bad);
    assert!(matches!(
        prove_equal(&bad, &n(), &none()),
        Equivalence::NotProved { .. }
    ));
}

#[test]
fn merging_distinct_constants_is_flagged() {
    let mut eg = analysis::BndGraph::new(BndAnalysis::new(&none()));
    let zero = eg.add(Bnd::Num(lang::Rat(Q::from_integer(BigInt::from(0)))));
    let one = eg.add(Bnd::Num(lang::Rat(Q::from_integer(BigInt::from(1)))));
    assert!(eg.analysis.unsound.is_none());
    eg.union(zero, one);
    eg.rebuild();
    assert!(eg.analysis.unsound.is_some());
}

#[test]
fn an_unsound_rule_is_caught_not_believed() {
    // a deliberately wrong rule x + 1 -> 0 merges n + 1 (>= 2) with 0:
    // the analysis sees disjoint ranges and the proof is refused
    let mut rules = rules::rules();
    rules.push(egg::rewrite!("bad-rule"; "(+ ?a 1)" => "0"));
    let lhs = add(n(), int(1));
    let table = rules::Table::new(rules);
    let (r, _) = prove_with_rules(&lhs, &int(0), &none(), &table, false);
    match r {
        Equivalence::NotProved { reason } => {
            assert!(reason.contains("internal error: unsound merge"), "{reason}")
        }
        Equivalence::Proved => panic!("believed an unsound merge"),
    }
}

#[test]
fn explanation_names_the_guarded_rules() {
    let (r, steps) = prove_equal_explained(&log(pow(n(), int(3))), &mul(int(3), log(n())), &none());
    assert_eq!(r, Equivalence::Proved);
    let steps = steps.unwrap_or_default();
    assert!(steps.iter().any(|s| s == "log-pow"), "{steps:?}");
    let (r, steps) = prove_equal_explained(&n(), &add(n(), int(1)), &none());
    assert!(matches!(r, Equivalence::NotProved { .. }));
    assert!(steps.is_none());
}

#[test]
fn rule_names_are_unique_kebab_case() {
    let rules = rules::rules();
    let names: std::collections::BTreeSet<String> =
        rules.iter().map(|r| r.name.to_string()).collect();
    assert_eq!(names.len(), rules.len());
    for name in &names {
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{name}"
        );
    }
}

#[test]
fn abs_min_max_with_proven_order() {
    let m = sub(n(), int(1)); // >= 0 for n >= 1
    assert_eq!(simplify(&Expr::call1(Func::Abs, m.clone()), &none()), m);
    let mn = Expr::Call(Func::Min, vec![n(), add(n(), int(1))]);
    assert_eq!(simplify(&mn, &none()), n());
    let mx = Expr::Call(Func::Max, vec![n(), add(n(), int(1)), int(0)]);
    assert_eq!(simplify(&mx, &none()), add(n(), int(1)));
    // unknown order: kept
    let a = p("a");
    let mixed = Expr::Call(Func::Min, vec![n(), a]);
    assert_eq!(simplify(&mixed, &none()), mixed);
}

#[test]
fn absorbing_zero_needs_definedness() {
    // x*0 -> 0 for a parameter (defined everywhere)
    assert_eq!(simplify(&mul(p("x"), int(0)), &none()), int(0));
    // sqrt(n - 2) is undefined at n = 1: sqrt(n - 2)*0 is not the constant 0
    let e = mul(sqrt(sub(n(), int(2))), int(0));
    assert_ne!(simplify(&e, &none()), int(0));
    assert_not_proved(&e, &int(0), &none());
}

#[test]
fn definedness_is_structural_and_conservative() {
    assert!(is_defined_everywhere(&log(n()), &none()));
    assert!(is_defined_everywhere(&sqrt(sub(n(), int(1))), &none()));
    assert!(!is_defined_everywhere(&log(sub(n(), int(1))), &none()));
    assert!(!is_defined_everywhere(
        &div(int(1), sub(n(), int(1))),
        &none()
    ));
    assert!(!is_defined_everywhere(&log(p("a")), &none()));
    assert!(is_defined_everywhere(
        &log(p("a")),
        &boxed(&[("a", positive())])
    ));
    assert!(!is_defined_everywhere(&Expr::Fn("G".into()), &none()));
}

/// Exact evaluation for the soundness sweep: a value, undefined, or not a
/// rational we can compute (then the point is skipped).
#[derive(Clone, Debug, PartialEq)]
enum Ev {
    Val(Q),
    Undef,
    Unknown,
}

fn eval(e: &Expr, nv: &Q, env: &std::collections::BTreeMap<String, Q>) -> Ev {
    use num_traits::{One, Signed, ToPrimitive, Zero};
    let bin = |a: &Expr, b: &Expr| (eval(a, nv, env), eval(b, nv, env));
    match e {
        Expr::Var => Ev::Val(nv.clone()),
        Expr::Num(q) => Ev::Val(q.clone()),
        Expr::Param(p) => env.get(p).map_or(Ev::Unknown, |q| Ev::Val(q.clone())),
        Expr::Pi | Expr::Fn(_) | Expr::Opt(_) => Ev::Unknown,
        Expr::Neg(a) => match eval(a, nv, env) {
            Ev::Val(x) => Ev::Val(-x),
            other => other,
        },
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) | Expr::Pow(a, b) => {
            match bin(a, b) {
                (Ev::Undef, _) | (_, Ev::Undef) => Ev::Undef,
                (Ev::Val(x), Ev::Val(y)) => match e {
                    Expr::Add(..) => Ev::Val(x + y),
                    Expr::Sub(..) => Ev::Val(x - y),
                    Expr::Mul(..) => Ev::Val(x * y),
                    Expr::Div(..) if y.is_zero() => Ev::Undef,
                    Expr::Div(..) => Ev::Val(x / y),
                    _ => {
                        if y.is_integer() {
                            let k = y.to_integer().to_i32().unwrap_or(1000);
                            if k.abs() > 20 {
                                Ev::Unknown
                            } else if k <= 0 && x.is_zero() {
                                Ev::Undef
                            } else {
                                Ev::Val(num_traits::pow::Pow::pow(&x, k))
                            }
                        } else if x.is_negative() || (x.is_zero() && y.is_negative()) {
                            Ev::Undef
                        } else {
                            match analysis::q_pow_exact(&x, &y) {
                                Some(v) => Ev::Val(v),
                                None => Ev::Unknown,
                            }
                        }
                    }
                },
                _ => Ev::Unknown,
            }
        }
        Expr::Call(f, args) => {
            let vals: Vec<Ev> = args.iter().map(|a| eval(a, nv, env)).collect();
            if vals.contains(&Ev::Undef) {
                return Ev::Undef;
            }
            let mut xs = Vec::new();
            for v in vals {
                match v {
                    Ev::Val(x) => xs.push(x),
                    _ => return Ev::Unknown,
                }
            }
            let Some(x) = xs.first().cloned() else {
                return Ev::Unknown;
            };
            match f {
                Func::Sqrt if x.is_negative() => Ev::Undef,
                Func::Sqrt => range::q_root_exact(&x, 2).map_or(Ev::Unknown, Ev::Val),
                Func::Log | Func::Log2 | Func::Log10 if !x.is_positive() => Ev::Undef,
                Func::Log | Func::Log2 | Func::Log10 if x.is_one() => Ev::Val(Q::zero()),
                Func::Exp if x.is_zero() => Ev::Val(Q::one()),
                Func::Abs => Ev::Val(x.abs()),
                Func::Min => Ev::Val(xs.into_iter().min().unwrap_or(x)),
                Func::Max => Ev::Val(xs.into_iter().max().unwrap_or(x)),
                _ => Ev::Unknown,
            }
        }
    }
}

/// A deterministic pseudo-random expression over n, a (unconstrained),
/// b (> 0) and small constants.
fn random_expr(seed: &mut u64, depth: u32) -> Expr {
    let mut next = || {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) as u32
    };
    let choice = next();
    if depth == 0 || choice % 7 == 0 {
        return match next() % 6 {
            0 | 1 => n(),
            2 => p("a"),
            3 => p("b"),
            4 => int((next() % 5) as i64 - 2),
            _ => Expr::ratio(1, 2),
        };
    }
    let a = random_expr(seed, depth - 1);
    let b = random_expr(seed, depth - 1);
    let mut next = || {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) as u32
    };
    match next() % 12 {
        0 | 1 => add(a, b),
        2 => sub(a, b),
        3 | 4 => mul(a, b),
        5 => div(a, b),
        6 => pow(a, int((next() % 4) as i64 - 1)),
        7 => sqrt(a),
        8 => sqrt(mul(a.clone(), a)),
        9 => Expr::call1(Func::Abs, a),
        10 => Expr::Call(Func::Min, vec![a, b]),
        _ => sub(a.clone(), a),
    }
}

#[test]
fn soundness_sweep_against_exact_evaluation() {
    let b = boxed(&[("b", positive())]);
    let q = |p: i64, d: i64| Q::new(BigInt::from(p), BigInt::from(d));
    let ns = [q(1, 1), q(3, 2), q(2, 1), q(4, 1), q(9, 1)];
    let avals = [q(-2, 1), q(-1, 2), q(0, 1), q(1, 1), q(4, 1)];
    let bvals = [q(1, 4), q(1, 1), q(9, 4)];
    let mut seed = 12345u64;
    let mut checked = 0usize;
    for _ in 0..24 {
        let e = random_expr(&mut seed, 4);
        let s = simplify(&e, &b);
        for nv in &ns {
            for av in &avals {
                for bv in &bvals {
                    let mut env = std::collections::BTreeMap::new();
                    env.insert("a".to_string(), av.clone());
                    env.insert("b".to_string(), bv.clone());
                    let (x, y) = (eval(&e, nv, &env), eval(&s, nv, &env));
                    match (&x, &y) {
                        (Ev::Unknown, _) | (_, Ev::Unknown) => {}
                        _ => {
                            checked += 1;
                            assert_eq!(x, y, "{e}  ->  {s}  at n={nv}, a={av}, b={bv}");
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} points checked");
}

/// The multimodal bound `sqrt(2*pi)*L*(C_F*sqrt(n) + C_G*sqrt(n))/n +
/// 2*sqrt(9*log(2/delta)/(2*n))` (theorems/lu2023_multimodal.bnd).
fn multimodal() -> (Expr, ParamBox) {
    let b = boxed(&[
        ("L", positive()),
        ("C_F", positive()),
        ("C_G", positive()),
        ("delta", open01()),
    ]);
    let gauss = add(mul(p("C_F"), sqrt(n())), mul(p("C_G"), sqrt(n())));
    let rate = div(mul(mul(sqrt(mul(int(2), Expr::Pi)), p("L")), gauss), n());
    let conf = mul(
        int(2),
        sqrt(div(
            mul(int(9), log(div(int(2), p("delta")))),
            mul(int(2), n()),
        )),
    );
    (add(rate, conf), b)
}

#[test]
fn simplifies_the_multimodal_bound_to_a_factored_form() {
    let (e, b) = multimodal();
    let r = simplify(&e, &b);
    let text = r.to_string();
    // the rate shows once, the perfect square leaves the root
    assert_eq!(text.matches('n').count(), 1, "{text}");
    assert!(text.contains("3*sqrt(log(2/delta))"), "{text}");
    assert!(!text.contains("sqrt(9"), "{text}");
    assert!(r.size() < e.size(), "{e}  ->  {r}");
}

#[test]
fn simplify_rule_names_are_unique_and_tidy_rules_are_in_the_table() {
    let all = rules::simplify_rules();
    let names: std::collections::BTreeSet<String> =
        all.iter().map(|r| r.name.to_string()).collect();
    assert_eq!(names.len(), all.len());
    for r in rules::tidy_rules() {
        assert!(names.contains(r.name.as_str()), "{}", r.name);
    }
    assert_eq!(rules::tidy_rules().len(), 6);
    for name in rules::RESHAPING_RULES {
        assert!(names.contains(name), "{name}");
    }
}

/// The e-graph soundness check: every rule of the table run over random
/// expressions (constrained and unconstrained parameters, division, roots of
/// squares, `a - a`) with the unsound-merge detector on — both in
/// simplification and in proofs of `==` — and the detector never fires.
#[test]
fn rules_over_random_expressions_never_merge_unsoundly() {
    let b = boxed(&[("b", positive())]);
    let mut seed = 20261127u64;
    for i in 0..40 {
        let e = random_expr(&mut seed, 4);
        let r = simplify_with_report(&e, &b);
        assert!(!r.stop.contains("unsound merge"), "#{i}: {e}: {}", r.stop);
        let f = random_expr(&mut seed, 3);
        if let Equivalence::NotProved { reason } = prove_equal(&e, &f, &b) {
            assert!(
                !reason.contains("unsound merge"),
                "#{i}: {e} vs {f}: {reason}"
            );
        }
    }
}

#[test]
fn display_form_is_provably_the_same_function() {
    // The display budget prints another form than the engine's budget; it
    // must still be the same function (the power-log engine's exact algebra,
    // independent of the e-graph, sees the difference expand to exactly 0)
    // and it must have changed something (the input is not readable as is).
    let (e, params) = multimodal();
    let shown = display(&e, &params);
    assert_ne!(shown, e);
    assert!(crate::asymptotic::exact_zero_difference(
        &shown, &e, &params
    ));
    let engine = simplify(&e, &params);
    assert!(crate::asymptotic::exact_zero_difference(
        &shown, &engine, &params
    ));
    // a different form of the same function: not a proof of a false equation
    let off = add(e.clone(), div(int(1), n()));
    assert!(!crate::asymptotic::exact_zero_difference(
        &shown, &off, &params
    ));
}

/// A claim's e-graph budget: once spent, its further proofs answer "not
/// shown" at once (saying why); a claim decided inside it shares it; the
/// next claim starts with a full budget; outside a claim nothing is cut.
#[test]
fn a_claims_egraph_budget_ends_its_own_proofs_only() {
    let (a, b) = (mul(n(), int(2)), mul(int(2), n()));
    let pb = ParamBox::default();
    let spent = |e: &Equivalence| matches!(e, Equivalence::NotProved { reason } if reason.contains("e-graph budget"));
    crate::claim_budget::scope_of(1, u64::MAX, || {
        // the first proof runs (the budget is not spent yet) and spends it
        assert_eq!(prove_equal(&a, &b, &pb), Equivalence::Proved);
        assert!(spent(&prove_equal(&a, &b, &pb)));
        crate::claim_budget::scope(|| assert!(spent(&prove_equal(&a, &b, &pb))));
    });
    crate::claim_budget::scope_of(1, u64::MAX, || {
        assert_eq!(prove_equal(&a, &b, &pb), Equivalence::Proved)
    });
    for _ in 0..3 {
        assert_eq!(prove_equal(&a, &b, &pb), Equivalence::Proved);
    }
}
