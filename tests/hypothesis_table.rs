//! Unknown functions (`fn`) and hypotheses (`assume`), table-driven: every
//! case is declarations, hypotheses and ONE claim with the verdict it must
//! get. Expectations come from mathematics: "proved" when the claim holds
//! for EVERY eventually positive function satisfying the hypotheses,
//! "refuted" when some such function breaks it (the checker must exhibit
//! one), "unknown" where the rule is refused on purpose, and "not proved"
//! (`N`) for the unsound shortcuts the checker must never take (false
//! claims whose witness the engine may not be able to evaluate yet).

use serde_json::Value;

mod common;

use common::{check, reason, P, R, U};
/// Must not be proved (refuted or unknown both acceptable).
const N: &str = "not proved";

#[rustfmt::skip]
const CASES: &[(&str, &str, &str)] = &[
    // ---- a fn alone: what its hypotheses say, and no more ----------------
    ("fn G\nassume G = O(sqrt(n))", "check G = O(n)", P),
    ("fn G\nassume G = O(sqrt(n))", "check G = O(sqrt(n))", P),
    ("fn G\nassume G = O(sqrt(n))", "check G = o(n)", P),
    ("fn G\nassume G = O(sqrt(n))", "check G = O(1)", R),
    ("fn G\nassume G = O(sqrt(n))", "check G = Omega(1)", R),
    ("fn G\nassume G = O(n)", "check G = o(n)", R),
    ("fn G\nassume G = o(sqrt(n))", "check G = o(sqrt(n))", P),
    ("fn G\nassume G = o(sqrt(n))", "check G = O(sqrt(n))", P),
    ("fn G\nassume G = o(sqrt(n))", "check G = Theta(sqrt(n))", R),
    ("fn G\nassume G = omega(1)", "check lim G = oo", P),
    ("fn G\nassume G = omega(1)", "check G = O(1)", R),
    ("fn G\nassume G = Theta(n)", "check G = Theta(n)", P),
    ("fn G\nassume G = Theta(n)", "check G ~ n", R),
    ("fn G\nassume G = Theta(n)", "check G = o(n)", R),
    ("fn G\nassume n = O(G)", "check G = Omega(n)", P),
    ("fn G\nassume G in O(n)", "check G = O(n^2)", P),
    ("fn G", "check G = O(n)", R),
    ("fn G", "check G > 0 eventually", P),
    ("fn G", "check G + 1 > 1 eventually", P),
    ("fn G", "refute G < 0 eventually", R),
    // ---- ~ : equivalents propagate through + * / powers, log -----------
    ("fn G\nassume G ~ n^2", "check G ~ n^2", P),
    ("fn G\nassume G ~ n^2", "check G + n ~ n^2", P),
    ("fn G\nassume G ~ n^2", "check sqrt(G) ~ n", P),
    ("fn G\nassume G ~ n^2", "check log(G) ~ 2*log(n)", P),
    ("fn G\nassume G ~ n^2", "check G / n ~ n", P),
    ("fn G\nassume G ~ n^2", "check lim G / n^2 = 1", P),
    ("fn G\nassume G ~ 2", "check lim G = 2", P),
    ("fn G\nassume G ~ 2", "check lim G = 3", R),
    ("fn G\nassume lim G = 0", "check G = o(1)", P),
    ("fn G\nassume lim G = oo", "check 1/G = o(1)", P),
    // ---- sums of positive terms ----------------------------------------
    ("fn F, G\nassume F = O(n)\nassume G = O(sqrt(n))", "check F + G = O(n)", P),
    ("fn F, G\nassume F = O(n)\nassume G = O(sqrt(n))", "check F + G = O(sqrt(n))", R),
    ("fn F, G\nassume F = Omega(n)", "check F + G = Omega(n)", P),
    ("fn F, G\nassume F = Omega(n)", "check F + G = O(n)", R),
    // ---- differences: only when one part dominates -----------------------
    ("fn F, G\nassume F = Theta(n)\nassume G = O(sqrt(n))", "check F - G = Theta(n)", P),
    ("fn F, G\nassume F = Theta(n)\nassume G = O(sqrt(n))", "check G < F eventually", P),
    ("fn F, G\nassume F = Theta(n)\nassume G = O(sqrt(n))", "check F <= G eventually", R),
    ("fn F, G\nassume F = Theta(n)\nassume G = Theta(n)", "check F - G = O(n)", P),
    ("fn F, G\nassume F = Theta(n)\nassume G = Theta(n)", "check F - G = Omega(n)", R),
    ("fn F, G\nassume F = Theta(n)\nassume G = Theta(n)", "check F - G > 0 eventually", N),
    ("fn G", "check G - G <= 0 eventually", P),
    ("fn G", "check G + 1 <= G + 2 eventually", P),
    // ---- products and quotients ----------------------------------------
    ("fn F, G\nassume F = O(n)\nassume G = O(sqrt(n))", "check F*G = O(n^(3/2))", P),
    ("fn F, G\nassume F = Theta(n)\nassume G = Theta(sqrt(n))", "check F*G = Theta(n^(3/2))", P),
    ("fn F, G\nassume F = O(n)\nassume G = O(sqrt(n))", "check F/G = O(sqrt(n))", N),
    ("fn F, G\nassume F = O(n)\nassume G = O(sqrt(n))", "check F/G = O(n^5)", N),
    ("fn F, G\nassume F = O(n)\nassume G = Theta(sqrt(n))", "check F/G = O(sqrt(n))", P),
    ("fn G\nassume G = O(sqrt(n))", "check 1/G = Omega(1/sqrt(n))", P),
    ("fn G\nassume G = O(sqrt(n))", "check 1/G = O(1/sqrt(n))", R),
    ("fn F, G\nassume F = Theta(n)\nassume G = O(n)", "check F/G = O(1)", R),
    ("fn F, G\nassume F = O(sqrt(n))\nassume G = Theta(n)", "check F = o(G)", P),
    // ---- constant powers, sqrt -------------------------------------------
    ("fn G\nassume G = Theta(n)", "check G^2 = Theta(n^2)", P),
    ("fn G\nassume G = Theta(n)", "check G^(-1) = Theta(1/n)", P),
    ("fn G\nassume G = O(n)", "check G^(-1) = Omega(1/n)", P),
    ("fn G\nassume G = O(n)", "check G^(-1) = O(1/n)", R),
    ("fn G\nassume G = Theta(n)", "check sqrt(G) = Theta(sqrt(n))", P),
    ("fn G\nparam a > 0\nassume G = O(n)", "check G^a = O(n^a)", P),
    // ---- log: needs the argument to tend to oo (or to 0) -----------------
    ("fn G\nassume G = Theta(n)", "check log(G) = Theta(log(n))", P),
    ("fn G\nassume G = Theta(n)", "check log2(G) = Theta(log(n))", P),
    // false: G = exp(-n) satisfies G = O(n), and |log(G)| = n
    ("fn G\nassume G = O(n)", "check log(G) = O(log(n))", R),
    // false too (G = exp(-n^2)), but no candidate witness shows it
    ("fn G\nassume G = O(n)", "check log(G) = O(n)", N),
    ("fn G\nassume G = Theta(1)", "check log(G) = O(log(1))", R),
    ("fn G\nassume G = Theta(1/n)", "check log(G) = Theta(log(n))", P),
    ("fn G\nassume G = Theta(1/n)", "check log(G) < 0 eventually", P),
    // ---- exp: exp(O(f)) is not O(exp(f)) --------------------------------
    ("fn F\nassume F = O(n)", "check exp(F) = O(exp(n))", N),
    ("fn F\nassume F = O(log(n))", "check exp(F) = O(n)", N),
    ("fn F\nassume F = O(sqrt(n))", "check n^F = O(n^sqrt(n))", N),
    ("fn E\nassume E = O(1)", "check exp(E) = Theta(1)", P),
    // ---- abs, min, max ---------------------------------------------------
    ("fn F, G\nassume F = Theta(n)\nassume G = Theta(sqrt(n))", "check max(F, G) = Theta(n)", P),
    ("fn F, G\nassume F = Theta(n)\nassume G = Theta(sqrt(n))", "check min(F, G) = Theta(sqrt(n))", P),
    ("fn F, G\nassume F = Theta(n)\nassume G = Theta(sqrt(n))", "check abs(G - F) = Theta(n)", P),
    // ---- limits ----------------------------------------------------------
    ("fn G\nassume G = O(log(n))", "check lim G / n = 0", P),
    ("fn G\nassume G = O(log(n))", "check lim G = oo", R),
    ("fn G\nassume G = O(1/n)", "check lim 3 + G = 3", P),
    ("fn G\nassume G = O(1/n)", "check lim -1/G = -oo", P),
    // ---- inequality hypotheses: exact bounds in monotone positions ------
    ("fn G\nassume G <= 3*n eventually", "check G <= 4*n eventually", P),
    ("fn G\nassume G <= 3*n eventually", "check G <= 3*n eventually", P),
    ("fn G\nassume G <= 3*n eventually", "check G < 3*n eventually", R),
    ("fn G\nassume G <= 3*n eventually", "check G <= 2*n eventually", R),
    ("fn G\nassume G <= 3*n eventually", "check G = O(n)", P),
    ("fn G\nassume sqrt(n) <= G eventually", "check 1/G <= 1/sqrt(n) eventually", P),
    ("fn G\nassume G >= sqrt(n) eventually", "check G = Omega(sqrt(n))", P),
    ("fn G, R\nassume G <= n eventually\nassume R <= 2*G eventually", "check R <= 2*n eventually", P),
    ("fn G, R\nassume R <= sqrt(pi/2)*G eventually", "check 2*R/n <= sqrt(2*pi)*G/n eventually", P),
    ("fn G, R\nassume R <= sqrt(pi/2)*G eventually", "check 2*R/n < sqrt(2*pi)*G/n eventually", R),
    ("fn G", "check G - G > 0 eventually", R),
    ("fn G", "check G - G = O(1)", P),
    // ---- thresholds: range hypotheses feed Landau and threshold claims ---
    ("fn G\nparam C > 0\nassume G <= C*sqrt(n) for n >= 1", "check G = O(sqrt(n))", P),
    // true, and reduced to C*sqrt(n) <= 2*C*sqrt(n) for n >= 1, which the
    // threshold engine does not certify over C > 0 yet (coefficient C - 2*C)
    ("fn G\nparam C > 0\nassume G <= C*sqrt(n) for n >= 1", "check G <= 2*C*sqrt(n) for n >= 1", U),
    ("fn G\nassume G <= 2*sqrt(n) for n >= 1", "check G <= 3*sqrt(n) for n >= 1", P),
    ("fn G\nassume G <= 2*sqrt(n) for n >= 1", "check G < 2*n + 1 for n >= 4", P),
    ("fn G\nassume G <= 2*sqrt(n) for n >= 1", "check G/n <= 1/10 for n >= 400", P),
    ("fn G\nassume G <= 2*sqrt(n) for n >= 1", "check G/n <= 1/10 at n = 400", P),
    ("fn G\nassume G <= 2*sqrt(n) for n >= 1", "check sqrt(n) - G >= -sqrt(n) for n >= 1", P),
    ("fn G\nassume G >= 1 for n >= 1", "check 1/G <= 1 for n >= 1", P),
    ("fn G\nassume G >= 1 for n >= 1\nassume G <= 2*sqrt(n) for n >= 1", "check G*G <= 4*n for n >= 1", P),
    ("fn G\nassume G >= 1 for n >= 1\nassume G <= 2*sqrt(n) for n >= 1", "check 1/G >= 1/(2*sqrt(n)) for n >= 1", P),
    ("fn G, H\nassume G <= 2*H for n >= 1\nassume H <= sqrt(n) for n >= 1", "check G <= 3*sqrt(n) for n >= 1", P),
    // refuted only with a function satisfying every hypothesis on its range
    ("fn G\nassume G <= 2*sqrt(n) for n >= 1", "check G/n <= 1/10 for n >= 399", R),
    ("fn G\nassume G <= 2*sqrt(n) for n >= 1", "check G <= 3 at n = 4", R),
    ("fn G\nassume G >= 1 for n >= 1\nassume G <= 2*sqrt(n) for n >= 1", "check G >= 3/2 for n >= 1", R),
    ("fn G\nassume G >= n - 5 for n >= 1\nassume G <= n for n >= 1", "check n/G >= 1 for n >= 1", R),
    // below the hypothesis' range, G is unconstrained
    ("fn G\nassume G >= 1 for n >= 1\nassume G <= 2*sqrt(n) for n >= 1", "check G <= 2*sqrt(n) for n >= 0", R),
    ("fn G\nassume G <= sqrt(n) for n >= 10", "check G <= 2*sqrt(n) for n >= 1", N),
    ("fn G\nassume G <= sqrt(n) for n >= 10", "check G <= 2*sqrt(n) for n >= 10", P),
    // `eventually` and Landau hypotheses say nothing on a fixed range
    ("fn G\nassume G <= sqrt(n) eventually", "check G <= 2*sqrt(n) for n >= 1", N),
    ("fn G\nassume G = O(sqrt(n))", "check G <= n^2 for n >= 1", N),
    ("fn G\nassume G <= sqrt(n) eventually", "check G <= 2*sqrt(n) at n = 100", N),
    // a positivity that holds only eventually is not assumed on the range
    ("fn G\nassume G >= 1 eventually\nassume G <= n for n >= 1", "check 1/G >= 1/n for n >= 1", N),
    ("fn G\nassume G >= n - 5 for n >= 1\nassume G <= n for n >= 1", "check 1/G >= 1/n for n >= 1", N),
    ("fn G\nassume G >= n - 5 for n >= 1\nassume G <= n for n >= 1", "check 1/G >= 1/n for n >= 6", P),
    // ---- identities hold for every function ------------------------------
    ("fn G", "check G*G == G^2", P),
    ("fn G", "check 2*sqrt(pi/2)*G == sqrt(2*pi)*G", P),
    ("fn G", "check G + 1 == G", R),
    ("fn G", "check G != G + 1", P),
    ("fn G", "refute G != 2*G/2", R),
    ("fn G", "check sqrt(G^2) == G", N),
    // ---- relations between fns --------------------------------------------
    ("fn F, G\nassume G = O(sqrt(n))\nassume F = O(G)", "check F = O(sqrt(n))", P),
    ("fn F, G\nassume G = Omega(n)\nassume F = Omega(G)", "check F = Omega(n)", P),
    ("fn F, G\nassume F = O(G)\nassume G = O(F)", "check F = O(n)", U),
    // ---- the calculus of docs/fn-calculus.md: each rule, and its unsound
    // neighbour, which must never be proved ----------------------------------
    // `~` from `o`: (F + G)/G = 1 + F/G -> 1
    ("fn F, G\nassume F = o(G)", "check F + G ~ G", P),
    ("fn F, G\nassume F = o(G)", "check G - F ~ G", P),
    ("fn F, G\nassume F = o(G)", "check F - G ~ -G", P),
    ("fn F, G\nassume F = o(G)", "check lim F / G = 0", P),
    ("fn F, G\nassume F = o(G)", "check F = O(G + n)", P),
    ("fn F, G\nassume F = o(G)", "check F + G = Theta(G)", P),
    // F/G -> 0 for every admissible pair: each pair refutes these
    ("fn F, G\nassume F = o(G)", "check F ~ G", R),
    ("fn F, G\nassume F = o(G)", "check G = o(F)", R),
    // O is not o: F = G = 1 gives F + G = 2 ~ 1
    ("fn F, G\nassume F = O(G)", "check F + G ~ G", R),
    ("fn F, G\nassume F <= G eventually", "check F = O(G)", P),
    ("fn F, G\nassume F <= G eventually", "check F + G ~ G", R),
    ("fn F, G\nassume F <= G eventually", "check F < G eventually", R),
    ("fn F, G\nassume F = Omega(G)", "check 1/F = O(1/G)", P),
    ("fn F, G\nassume F = Omega(G)", "check 1/F = o(1/G)", R),
    // a sum whose other terms are o of the terms with an equivalent
    ("fn F, G\nassume F = o(n)\nassume G ~ n", "check F + G ~ n", P),
    ("fn F, G\nassume F = o(G)\nassume G ~ n", "check F + G ~ n", P),
    ("fn F, G\nassume F = O(n)\nassume G ~ n", "check F + G ~ n", R),
    // `~` of logarithms: c*f <= G <= C*f gives log G = log f + O(1)
    ("fn G\nassume G = Theta(sqrt(n))", "check log(G) ~ log(n)/2", P),
    ("fn G\nassume G = Theta(sqrt(n))", "check log(G) ~ log(n)", R),
    ("fn G\nassume G = Omega(n)\nassume G = O(n*log(n))", "check log(G) ~ log(n)", P),
    ("fn G\nassume G = Omega(n)\nassume G = O(n^2)", "check log(G) ~ log(n)", R),
    // f bounded: log G = log f + O(1) says nothing (G = 2)
    ("fn G\nassume G = Theta(1)", "check log(G + 1) ~ log(2)", R),
    // limits from growth: G -> oo
    ("fn G\nassume lim G = oo", "check lim 1/G = 0", P),
    ("fn G\nassume lim G = oo", "check lim log(G) = oo", P),
    ("fn G\nassume lim G = oo", "check lim sqrt(G) = oo", P),
    ("fn G\nassume lim G = oo", "check log(G) = omega(1)", P),
    ("fn G\nassume lim G = oo", "check G = omega(n)", R),
    // G = log(log(n)) tends to oo more slowly than log(n)
    ("fn G\nassume lim G = oo", "check G = Omega(log(n))", R),
    ("fn G\nassume lim G = 0", "check lim 1/G = oo", P),
    // G = exp(-n) tends to 0 faster than any power
    ("fn G\nassume lim G = 0", "check G = Omega(1/n)", R),
    ("fn G\nassume G = O(1)", "check G = Omega(1/n^5)", R),
    ("fn G\nassume G = omega(n^2)", "check G = O(n^3)", R),
    // powers with bounded exponents: a^H = exp(H*log(a)), |H*log(a)| bounded
    ("fn H\nassume H = O(1)", "check 2^H = Theta(1)", P),
    ("fn H\nassume H = O(1)", "check exp(H) = Theta(1)", P),
    ("fn H\nparam c > 0\nassume H = O(1)", "check c^H = Theta(1)", P),
    ("fn G, H\nassume G = Theta(1)\nassume H = O(1)", "check G^H = Theta(1)", P),
    // c = 0 is admissible: 0^H = 0
    ("fn H\nparam c >= 0\nassume H = O(1)", "check c^H = Theta(1)", N),
    // H = 1: 2^H = 2; n^H = n
    ("fn H\nassume H = O(1)", "check lim 2^H = 1", R),
    ("fn H\nassume H = O(1)", "check n^H = Theta(1)", R),
    // H = 2*log(n): 2^H = n^(2*log(2)), not O(n)
    ("fn H\nassume H = O(log(n))", "check 2^H = O(n)", N),
    // ---- `where` on a parameter the hypotheses mention --------------------
    ("fn G\nparam C > 0\nassume G <= C*n eventually", "check G = O(n) where C = 2", U),
    // ---- chains of fns: a model far down the candidate lists ---------------
    // sqrt(n) <= F <= G <= H = o(K), K = O(n): F = G = H = sqrt(n), K = n is
    // a model; a claim true for every model is provable, one false for the
    // model (or for H = n/log(n), K = n) is refuted by it.
    (CHAIN_LITTLE, "check F + G + H = o(K)", P),
    (CHAIN_LITTLE, "check F = o(n)", P),
    (CHAIN_LITTLE, "check K = O(sqrt(n))", R),
    (CHAIN_LITTLE, "check H = O(sqrt(n))", R),
    // with H = O(K) instead, F = G = H = K = n is a model: F = o(n) fails
    (CHAIN_BIG, "check F = o(n)", N),
    (CHAIN_BIG, "check F + G + H = o(K)", N),
    (CHAIN_BIG, "check F = O(n)", P),
    (CHAIN_BIG, "check K = O(sqrt(n))", R),
    // G = n^2*log(n), H = log(n), K = n^3 satisfy the hypotheses and break
    // the claim at n = 4 (30.7 < 88.7). The witness search must get there
    // within its budget: the candidate sqrt(log(n)*log(n)) for H (log(n)
    // again) is not generated, its enclosures near n = 1 cost seconds.
    ("fn G, H, K\nassume n^2 = o(G)\nassume H = Theta(log(n))\nassume G = O(K)",
     "check G*H >= H*K for n >= 1", R),
];

const CHAIN_LITTLE: &str = "fn F, G, H, K\nassume F = O(G)\nassume G = O(H)\nassume H = o(K)\n\
                            assume K = O(n)\nassume F = Omega(sqrt(n))";
const CHAIN_BIG: &str = "fn F, G, H, K\nassume F = O(G)\nassume G = O(H)\nassume H = O(K)\n\
                         assume K = O(n)\nassume F = Omega(sqrt(n))";

#[test]
fn propagation_table() {
    let mut bad = Vec::new();
    for (decls, claim, want) in CASES {
        let src = format!("var n\n{decls}\n{claim}\n");
        let got = check(&src);
        let ok = if *want == N {
            got == R || got == U
        } else {
            got == *want
        };
        if !ok {
            bad.push(format!("{claim:?} under {decls:?}: want {want}, got {got}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[rustfmt::skip]
const ERRORS: &[(&str, &str)] = &[
    ("fn G\nassume G = O(1)\nassume G = omega(log(n))", "inconsistent hypotheses about `G`"),
    ("fn G\nassume G = o(n)\nassume G = Omega(n)", "inconsistent hypotheses about `G`"),
    ("fn G\nassume G ~ n\nassume G ~ 2*n", "inconsistent hypotheses about `G`"),
    ("fn G\nassume G <= -1 eventually", "impossible hypothesis about `G`"),
    ("fn G\nassume G = O(0)", "impossible hypothesis about `G`"),
    ("fn G\nassume G / n = O(1)", "not of a supported form"),
    ("fn G\nassume n = O(n^2)", "must be about a `fn`"),
    ("fn G\nassume G <= 2*G eventually", "mentions `G` itself"),
    ("fn G\nassume lim G = -oo", "cannot tend to -oo"),
    ("fn G\nassume G <= n at n = 3", "at one point"),
    ("fn G\nassume G = O(nn)", "unknown name `nn`"),
];

#[test]
fn hypothesis_errors() {
    for (decls, want) in ERRORS {
        let src = format!("var n\n{decls}\ncheck G = O(n^5)\n");
        let got = check(&src);
        assert!(
            got.starts_with("error:") && got.contains(want),
            "{decls:?}: want an error containing {want:?}, got {got}"
        );
        let (_, code) = bnd::check_source("table.bnd", &src, bnd::Format::Text);
        assert_eq!(code, 2, "{decls:?}: exit status");
    }
}

#[test]
fn contradictions_prove_nothing() {
    // Even a claim that follows from either hypothesis alone stays unknown.
    let src = "var n\nfn G\nassume G = O(1)\nassume G = omega(log(n))\ncheck G = O(n)\ncheck G = Omega(1)\n";
    let (json, code) = bnd::check_source("table.bnd", src, bnd::Format::Json);
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
    let claims = doc["files"][0]["claims"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(claims.len(), 2);
    for c in claims {
        assert_eq!(c["verdict"], "unknown", "{c}");
    }
    let errors = doc["files"][0]["errors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let lines: Vec<u64> = errors.iter().filter_map(|e| e["line"].as_u64()).collect();
    assert_eq!(lines, vec![3, 4], "an error at both places");
}

#[test]
fn reasons_name_the_missing_hypothesis_and_the_witness() {
    // false (G_G = exp(-n^3)), but no candidate witness decays that fast
    let src = "var n\nfn G_F, G_G\nassume G_F = O(sqrt(n))\nassume G_G = O(sqrt(n))\ncheck G_F / G_G = O(exp(n^2))\n";
    let r = reason(src);
    assert!(r.contains("needs a lower bound on `G_G`"), "{r}");
    // G_G = exp(-n) refutes a polynomial bound on the quotient
    let src = "var n\nfn G_F, G_G\nassume G_F = O(sqrt(n))\nassume G_G = O(sqrt(n))\ncheck G_F / G_G = O(n^10)\n";
    let r = reason(src);
    assert!(r.contains("G_G = exp(-n)"), "{r}");
    let src = "var n\nfn G_F\nassume G_F = O(sqrt(n))\nrefute G_F/n + 1/sqrt(n) = Theta(G_F/n)\n";
    let r = reason(src);
    assert!(r.contains("with G_F = 1"), "{r}");
    let src = "var n\nfn G\nassume G = O(n)\ncheck log(G) = O(n)\n";
    assert!(reason(src).contains("needs g -> oo"), "{}", reason(src));
    // a claim false only for a fast-decaying function: refuted with it
    let src = "var n\nfn G\nassume G = O(n)\ncheck log(G) = O(log(n))\n";
    assert!(reason(src).contains("with G = exp(-n)"), "{}", reason(src));
    // `~` from `o`: the reason names the hypothesis
    let src = "var n\nfn F, G\nassume F = o(G)\ncheck F + G ~ G\n";
    assert!(reason(src).contains("by `F = o(G)`"), "{}", reason(src));
    // the shortcut exp(O(f)) = O(exp(f)) is refused, and the claim is now
    // refuted outright: the exp–log engine checks the witness G = 2n
    // threshold claims: the missing range hypothesis, the ones used and the certificate
    // (from n >= 2: from n >= 1 the candidate G = sqrt(n)/log(n), which
    // blows up near n = 1, now refutes it — see the next case)
    let src = "var n\nfn G\nassume G <= sqrt(n) eventually\ncheck G <= 2*sqrt(n) for n >= 2\n";
    assert!(
        reason(src).contains("needs a hypothesis `G <= ... for n >= N0`"),
        "{}",
        reason(src)
    );
    // an `eventually` bound says nothing near n = 1: refuted with a witness
    // that satisfies it and is large there (this was `unknown` while the
    // interval search stopped at the point n = 1, where the witness is
    // undefined, instead of looking further right)
    let src = "var n\nfn G\nassume G <= sqrt(n) eventually\ncheck G <= 2*sqrt(n) for n >= 1\n";
    assert!(
        reason(src).contains(
            "with G = sqrt(n)/log(n) (which satisfies every hypothesis): fails at n = 3/2"
        ),
        "{}",
        reason(src)
    );
    let src = "var n\nfn G\nassume G <= 2*sqrt(n) for n >= 1\ncheck G/n <= 1/10 for n >= 400\n";
    let r = reason(src);
    assert!(
        r.contains("by `G <= 2*sqrt(n) for n >= 1`") && r.contains("dominant term"),
        "{r}"
    );
    let src = "var n\nfn G\nassume G <= 2*sqrt(n) for n >= 1\ncheck G/n <= 1/10 for n >= 399\n";
    assert!(reason(src).contains("fails at n = 399"), "{}", reason(src));
    let src = "var n\nfn G\nassume G = O(n)\ncheck exp(G) = O(exp(n))\n";
    assert!(reason(src).contains("with G = 2*n"), "{}", reason(src));
    let src = "var n\nfn G\nassume G = O(sqrt(n))\ncheck G = O(n)\n";
    assert!(
        reason(src).contains("by `G = O(sqrt(n))`"),
        "{}",
        reason(src)
    );
}

#[test]
fn hypotheses_come_with_import() {
    let dir = std::env::temp_dir().join(format!("bnd_hypothesis_import_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let lib = dir.join("lib.bnd");
    std::fs::write(&lib, "var n\nfn G\nassume G = O(sqrt(n))\ncheck G = O(n)\n").expect("write");
    let main = dir.join("main.bnd");
    let src = "var n\nimport \"lib.bnd\"\ncheck G / n = O(1 / sqrt(n))\nrefute G = Omega(1)\n";
    let name = main.to_string_lossy().to_string();
    let (json, code) = bnd::check_source(&name, src, bnd::Format::Json);
    let _ = std::fs::remove_dir_all(&dir);
    let doc: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
    let verdicts: Vec<String> = doc["files"][0]["claims"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|c| c["verdict"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(verdicts, vec!["proved", "refuted"], "{json}");
    assert_eq!(code, 0);
}

#[test]
fn threshold_claims_with_fns_carry_the_certificate() {
    let src = "var n\nfn G\nassume G <= 2*sqrt(n) for n >= 1\ncheck G/n <= 1/10 for n >= 400\n";
    let (json, _) = bnd::check_source("table.bnd", src, bnd::Format::Json);
    let doc: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
    let claim = &doc["files"][0]["claims"][0];
    assert_eq!(claim["verdict"], "proved", "{claim}");
    assert_eq!(claim["certificate"]["from"], "400", "{claim}");
    // an eventual hypothesis: no proof, so no certificate
    let src = "var n\nfn G\nassume G <= 2*sqrt(n) eventually\ncheck G/n <= 1/10 for n >= 400\n";
    let (json, _) = bnd::check_source("table.bnd", src, bnd::Format::Json);
    let doc: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
    let claim = &doc["files"][0]["claims"][0];
    assert_eq!(claim["verdict"], "unknown", "{claim}");
    assert!(claim["certificate"].is_null(), "{claim}");
}

/// `2*(H*H) != H*H + min(G, G)` says H^2 != G; G = n, H = sqrt(n) satisfy
/// every hypothesis (G = Omega(sqrt(n)), H <= G from n = 1, K = n >= G)
/// and make the sides equal, so the claim is never proved (here `unknown`:
/// that model is not among the candidates tried). Each candidate's `==`
/// check may saturate the e-graph; the claim's e-graph budget (48
/// iterations in all) ends that after three candidates (the 40 combinations
/// had saturated the e-graph one after another, 16 billion instructions,
/// 1.3 s). `K != G*K` fails
/// wherever G = 1 and K != 0 (G = sqrt(n), K = n at n = 1): not proved
/// either (4 billion instructions before).
#[test]
fn fn_inequalities_with_min_are_never_proved_and_stay_cheap() {
    let decls = "var n\nfn G, H, K\nassume G = Omega(sqrt(n))\nassume H <= G for n >= 1\nassume K >= G eventually\n";
    let src = format!("{decls}check 2*(H*H) != (H*H) + (min(G, G))\n");
    assert_ne!(check(&src), P, "{src}");
    let src = format!("{decls}check (K) != (G*K)\n");
    assert_ne!(check(&src), P, "{src}");
}
