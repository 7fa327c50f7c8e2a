//! Unit tests of the hypothesis module: the accepted forms, the combination
//! order of witnesses, and a differential check — every claim proved from
//! the hypotheses must survive every vetted witness (the candidate
//! functions proved to satisfy the hypotheses), decided by the engine
//! without any hypothesis.

use super::witness::{combos, subst_kind};
use super::{normalize, Side};
use crate::ir::{ClaimKind, Expr, Item, Landau, Verdict};
use std::collections::BTreeMap;

fn landau(lhs: Expr, rel: Landau, rhs: Expr) -> ClaimKind {
    ClaimKind::Landau { lhs, rel, rhs }
}

#[test]
fn forms() {
    let g = || Expr::Fn("G".into());
    let f = normalize(&landau(g(), Landau::Theta, Expr::Var), "n").unwrap_or_default();
    assert_eq!(f.len(), 2);
    assert_eq!((f[0].side, f[1].side), (Side::Upper, Side::Lower));
    // f = O(G) is G = Omega(f)
    let f = normalize(&landau(Expr::Var, Landau::LittleO, g()), "n").unwrap_or_default();
    assert_eq!(
        (f[0].side, f[0].strict, f[0].abs),
        (Side::Lower, true, true)
    );
    assert!(normalize(&landau(Expr::Var, Landau::BigO, Expr::Var), "n").is_err());
    assert!(normalize(&landau(g(), Landau::BigO, Expr::add(g(), Expr::Var)), "n").is_err());
}

#[test]
fn combinations_by_increasing_sum_and_capped() {
    assert_eq!(
        combos(&[2, 2], 10),
        vec![vec![0, 0], vec![0, 1], vec![1, 0], vec![1, 1]]
    );
    assert_eq!(combos(&[3, 0], 10), Vec::<Vec<usize>>::new());
    assert_eq!(combos(&[], 10), vec![Vec::<usize>::new()]);
    assert_eq!(combos(&[100, 100, 100], 7).len(), 7);
}

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn below(&mut self, k: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % k
    }
}

/// A random expression in G, F and n (text).
fn expr(r: &mut Rng, size: u32) -> String {
    if size <= 1 {
        return ["G", "F", "n", "sqrt(n)", "log(n)", "2", "1/n"][r.below(7) as usize].into();
    }
    let a = expr(r, size / 2);
    let b = expr(r, size / 2);
    match r.below(8) {
        0 | 1 => format!("({a} + {b})"),
        2 => format!("({a} - {b})"),
        3 | 4 => format!("({a} * {b})"),
        5 => format!("({a} / {b})"),
        6 => format!("sqrt({a})"),
        _ => format!("log({a} + n)"),
    }
}

#[test]
fn proofs_survive_every_vetted_witness() {
    let rounds: usize = std::env::var("BND_HYPOTHESIS_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    let mut r = Rng(20261127);
    let mut src = String::from(
        "var n\nfn G, F\nassume G = Theta(sqrt(n))\nassume F = O(n)\nassume F >= 1/n eventually\n",
    );
    for _ in 0..rounds {
        let size = 1 + r.below(6) as u32;
        let e = expr(&mut r, size);
        let k = ["1", "sqrt(n)", "n", "n^2", "1/n"][r.below(5) as usize];
        let claim = match r.below(5) {
            0 => format!("check {e} = O({k})"),
            1 => format!("check {e} = Omega({k})"),
            2 => format!("check {e} = o({k})"),
            3 => format!("check {e} > {k} eventually"),
            _ => format!("check lim {e} = 0"),
        };
        src.push_str(&claim);
        src.push('\n');
    }
    let loaded = crate::validate::load_source("random.bnd", &src);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let Some(p) = loaded.program else {
        panic!("no program")
    };
    let (mut proved, mut refuted, mut checked) = (0, 0, 0);
    for it in &p.items {
        let Item::Claim(c) = it else { continue };
        let Ok(kind) = &c.kind else { continue };
        let d = crate::decide::decide_claim(c, "n");
        match d.verdict {
            Verdict::Refuted => refuted += 1,
            Verdict::Unknown => {}
            Verdict::Proved => {
                proved += 1;
                let g = &c.hypotheses.candidates["G"];
                let f = &c.hypotheses.candidates["F"];
                for (i, gi) in g.iter().enumerate().take(4) {
                    for fi in f.iter().skip(i % 2).take(3) {
                        let m: BTreeMap<String, Expr> =
                            [("G".to_string(), gi.clone()), ("F".to_string(), fi.clone())]
                                .into_iter()
                                .collect();
                        let concrete = subst_kind(kind, &m);
                        let w = crate::decide::decide_fn_free(&concrete, &c.params, "n");
                        checked += 1;
                        assert_ne!(
                            w.verdict,
                            Verdict::Refuted,
                            "`{}` proved ({}) but fails with G = {gi}, F = {fi}: {}",
                            c.text,
                            d.reason,
                            w.reason
                        );
                    }
                }
            }
        }
    }
    eprintln!(
        "hypothesis differential: {proved} proved ({checked} witness checks), {refuted} refuted"
    );
    assert!(
        proved > 0 && refuted > 0,
        "proved {proved}, refuted {refuted}"
    );
    assert!(checked > 0);
}

/// A random expression in F, G, H and n (text), for the relations between
/// `fn`s.
fn rel_expr(r: &mut Rng, size: u32) -> String {
    if size <= 1 {
        return ["F", "G", "H", "n", "sqrt(n)", "2", "log(n)"][r.below(7) as usize].into();
    }
    let a = rel_expr(r, size / 2);
    let b = rel_expr(r, size / 2);
    match r.below(5) {
        0 | 1 => format!("({a} + {b})"),
        2 => format!("({a} - {b})"),
        3 => format!("({a} * {b})"),
        _ => format!("({a} / {b})"),
    }
}

#[test]
fn relational_proofs_survive_every_admissible_witness_triple() {
    let rounds: usize = std::env::var("BND_HYPOTHESIS_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    let mut r = Rng(20261205);
    let hyps = ["F = o(G)", "H <= G eventually", "H = Omega(F)"];
    let mut src = String::from("var n\nfn F, G, H\n");
    for h in hyps {
        src.push_str(&format!("assume {h}\n"));
    }
    for _ in 0..rounds {
        let (sa, sb) = (1 + r.below(4) as u32, 1 + r.below(4) as u32);
        let a = rel_expr(&mut r, sa);
        let b = rel_expr(&mut r, sb);
        let claim = match r.below(4) {
            0 => format!("check {a} = O({b})"),
            1 => format!("check {a} = o({b})"),
            2 => format!("check {a} ~ {b}"),
            _ => format!("check lim {a} / ({b}) = 0"),
        };
        src.push_str(&claim);
        src.push('\n');
    }
    // the claims the rules are for, so that some proofs are checked
    src.push_str("check F + G ~ G\ncheck G - F ~ G\ncheck F = O(H)\ncheck F / G = o(1)\n");
    // (a generated claim may divide by an identical 0, such as `n - n`:
    // an error at that claim, which is then not decided)
    let loaded = crate::validate::load_source("relations.bnd", &src);
    let Some(p) = loaded.program else {
        panic!("no program")
    };
    // Triples of vetted candidates that satisfy every hypothesis together.
    let mut triples: Vec<BTreeMap<String, Expr>> = Vec::new();
    let c0 = p
        .items
        .iter()
        .find_map(|it| match it {
            Item::Claim(c) => Some(c),
            _ => None,
        })
        .expect("a claim");
    let cands = &c0.hypotheses.candidates;
    for f in cands["F"].iter().take(6) {
        for g in cands["G"].iter().take(6) {
            for h in cands["H"].iter().take(6) {
                let m: BTreeMap<String, Expr> = [("F", f), ("G", g), ("H", h)]
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect();
                let ok = c0.hypotheses.facts.iter().all(|hyp| {
                    crate::decide::decide_fn_free(&subst_kind(&hyp.kind, &m), &c0.params, "n")
                        .verdict
                        == Verdict::Proved
                });
                if ok {
                    triples.push(m);
                }
            }
        }
    }
    assert!(!triples.is_empty(), "no admissible triple");
    let (mut proved, mut checked) = (0, 0);
    for it in &p.items {
        let Item::Claim(c) = it else { continue };
        let Ok(kind) = &c.kind else { continue };
        let d = crate::decide::decide_claim(c, "n");
        if d.verdict != Verdict::Proved {
            continue;
        }
        proved += 1;
        for m in &triples {
            let w = crate::decide::decide_fn_free(&subst_kind(kind, m), &c.params, "n");
            checked += 1;
            assert_ne!(
                w.verdict,
                Verdict::Refuted,
                "`{}` proved ({}) but fails with {m:?}: {}",
                c.text,
                d.reason,
                w.reason
            );
        }
    }
    eprintln!("relations differential: {proved} proved, {checked} witness checks");
    assert!(proved >= 4 && checked > 0, "proved {proved}");
}

/// An engine that proves a claim exactly when its right side is n^2, and
/// counts how often it is asked.
struct Counting {
    asked: std::cell::Cell<usize>,
}

impl super::Engine for Counting {
    fn decide_fn_free(
        &self,
        _: &ClaimKind,
        _: &crate::ir::ParamBox,
        _: &str,
    ) -> crate::ir::Decision {
        crate::ir::Decision::unknown("not asked in this test")
    }
    fn decide_asymptotic(
        &self,
        _: &ClaimKind,
        _: &crate::ir::ParamBox,
        _: &str,
    ) -> crate::ir::Decision {
        crate::ir::Decision::unknown("not asked in this test")
    }
    fn proves_fn_free(&self, kind: &ClaimKind, _: &crate::ir::ParamBox, _: &str) -> bool {
        self.asked.set(self.asked.get() + 1);
        matches!(kind, ClaimKind::Landau { rhs, .. } if *rhs == Expr::pow(Expr::Var, Expr::int(2)))
    }
}

#[test]
fn a_check_asked_again_is_answered_from_the_memo_and_costs_its_call() {
    use super::bounds::Analyzer;
    use super::witness::holds;
    let engine = Counting {
        asked: std::cell::Cell::new(0),
    };
    let params = crate::ir::ParamBox::default();
    let yes = landau(Expr::Var, Landau::BigO, Expr::pow(Expr::Var, Expr::int(2)));
    let no = landau(Expr::pow(Expr::Var, Expr::int(2)), Landau::BigO, Expr::Var);
    // a budget of five engine calls
    let mut an = Analyzer::new(&[], &params, "n", 5, &engine);
    assert!(holds(&yes, &mut an));
    assert!(!holds(&no, &mut an));
    assert!(holds(&yes, &mut an));
    assert!(!holds(&no, &mut an));
    // two questions, each asked of the engine once
    assert_eq!(engine.asked.get(), 2);
    // four checks spent four calls: the fifth is the last one allowed, so a
    // remembered `true` is no longer given once the budget is spent
    assert!(holds(&yes, &mut an));
    assert!(!holds(&yes, &mut an));
    assert_eq!(engine.asked.get(), 2);
}
