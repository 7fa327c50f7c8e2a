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
    let loaded = crate::lower::load_source("random.bnd", &src);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let Some(p) = loaded.program else {
        panic!("no program")
    };
    let (mut proved, mut refuted, mut checked) = (0, 0, 0);
    for it in &p.items {
        let Item::Claim(c) = it else { continue };
        let Ok(kind) = &c.kind else { continue };
        let d = crate::check::decide_claim(c, "n");
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
                        let w = crate::check::decide_fn_free(&concrete, &c.params, "n");
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
