//! The quantifier contract, table-driven (see `docs/quantifiers.md`): a
//! claim is proved only for EVERY admissible parameter value and EVERY
//! choice of `fn`s satisfying every hypothesis, including the degenerate
//! ones (a constant, a function equal to its bound, two `fn`s equal, a
//! parameter at a closed constraint end or where a coefficient vanishes);
//! refuted only with one admissible choice; and a claim that depends on a
//! rejected declaration or hypothesis is `unknown`, never dropped and never
//! decided from a partial reading of the file.
//!
//! Every expectation is set by mathematics. `N` ("not proved") marks false
//! claims where `refuted` is right but `unknown` is honest; `K` ("not
//! refuted") marks true claims where `proved` is right but `unknown` is
//! honest. Each case has a name, so a regression points at its class.

use serde_json::Value;

mod common;

use common::{P, R, U};

/// Must not be proved (refuted or unknown).
const N: &str = "not proved";
/// Must not be refuted (proved or unknown).
const K: &str = "not refuted";

#[rustfmt::skip]
const CASES: &[(&str, &str, &str, &str)] = &[
    // ---- 1. abs is positive only where its argument is provably nonzero -----
    ("abs_fn_minus_const",        "fn G",                               "check abs(G - 1) > 0 eventually", R),
    ("abs_fn_minus_const_weak",   "fn G",                               "check abs(G - 1) >= 0 eventually", P),
    ("abs_two_equivalent_fns",    "fn G, H\nassume G ~ n\nassume H ~ n", "check abs(G - H) > 0 eventually", R),
    ("abs_two_fns_weak",          "fn G, H\nassume G ~ n\nassume H ~ n", "check abs(G - H) >= 0 eventually", P),
    ("abs_through_min",           "fn G, H\nassume G ~ n\nassume H ~ n", "check min(abs(G - H), 1) > 0 eventually", R),
    ("abs_through_sqrt",          "fn G, H\nassume G ~ n\nassume H ~ n", "check sqrt(abs(G - H)) > 0 eventually", R),
    ("abs_through_product",       "fn G, H\nassume G ~ n\nassume H ~ n", "check abs(G - H) * n > 0 eventually", R),
    ("abs_plus_n_strict",         "fn G, H\nassume G ~ n\nassume H ~ n", "check abs(G - H) + n > n eventually", R),
    ("abs_plus_n_weak",           "fn G, H\nassume G ~ n\nassume H ~ n", "check abs(G - H) + n >= n eventually", P),
    ("abs_reciprocal_defined",    "fn G, H\nassume G ~ n\nassume H ~ n", "check 1/abs(G - H) > 0 eventually", N),
    ("abs_limit_reciprocal",      "fn G, H\nassume G ~ n\nassume H ~ n", "check lim 1/abs(G - H) = 0", N),
    ("abs_through_max",           "fn G, H\nassume G ~ n\nassume H ~ n", "check max(abs(G - H), 1) > 0 eventually", P),
    ("abs_of_positive_fn",        "fn G\nassume G ~ n",                 "check abs(G) > 0 eventually", P),
    ("abs_of_bare_fn",            "fn G",                               "check abs(G) > 0 eventually", P),
    ("abs_dominated_difference",  "fn G\nassume G = O(sqrt(n))",        "check abs(G - n) > 0 eventually", P),
    ("abs_limit_fn_minus_const",  "fn G",                               "check lim abs(G - 1) = 0", R),
    ("abs_nonzero_by_equivalent", "fn G\nassume G ~ n",                 "check abs(G - 2*n) > 0 eventually", K),
    ("equiv_difference_sign",     "fn G\nassume G ~ n",                 "check G - 2*n < 0 eventually", P),
    ("equiv_difference_ne",       "fn G\nassume G ~ n",                 "check G != 2*n", P),
    ("equiv_difference_rate",     "fn G, H\nassume G ~ 2*n\nassume H ~ n", "check G - H ~ n", P),
    ("equiv_difference_cancels",  "fn G, H\nassume G ~ n\nassume H ~ n", "check G - H < 0 eventually", N),
    ("equiv_difference_cancels_ne", "fn G, H\nassume G ~ n\nassume H ~ n", "check G - H != 0", R),
    ("abs_upper_bound_kept",      "fn G, H\nassume G ~ n\nassume H ~ n", "check abs(G - H) = O(n)", P),
    // ---- 2. != with fns holds only if it holds for every admissible fn -----
    ("ne_fn_const",               "fn G",                               "check G != 1", R),
    ("ne_two_fns",                "fn G, H",                            "check G != H", R),
    ("ne_fn_var",                 "fn G",                               "check G != n", R),
    ("ne_fn_combination",         "fn G, H",                            "check 2*G != G + H", R),
    ("ne_fn_equivalent_to_n",     "fn G\nassume G ~ n",                 "check G != 1", P),
    ("ne_fn_theta_n_vs_n",        "fn G\nassume G = Theta(n)",          "check G != n", R),
    ("ne_fn_lim_oo_vs_n",         "fn G\nassume lim G = oo",            "check G != n", R),
    ("ne_fn_above_2n",            "fn G\nassume G >= 2*n eventually",   "check G != n", P),
    ("ne_fn_at_its_bound",        "fn G\nassume G >= sqrt(n) eventually", "check sqrt(n) != G", R),
    ("ne_fn_plus_one",            "fn G",                               "check G + 1 != G", P),
    ("ne_fn_square",              "fn G",                               "check G*G != G", R),
    ("ne_fn_itself",              "fn G",                               "check G != G", R),
    ("eq_fn_itself",              "fn G",                               "check G == G", P),
    ("ne_fn_vs_hyp_fn",           "fn G, H\nassume H ~ n",              "check G != H", R),
    ("eq_fn_const",               "fn G",                               "check G == 1", R),
    ("ne_fn_at_point",            "fn G",                               "check G != n at n = 5", N),
    // ---- 3. != over parameters: for every admissible value -----------------
    ("ne_param_closed_zero_end",  "param b in [0, 1]",                  "check b*n != 0", R),
    ("ne_param_open_zero_end",    "param b in (0, 1]",                  "check b*n != 0", P),
    ("ne_param_interior_critical", "param a in (0, 1)",                 "check a*n != n/2", R),
    ("ne_param_below_critical",   "param a in (0, 1/2)",                "check a*n != n/2", P),
    ("ne_param_closed_critical",  "param a in [1/2, 1)",                "check a*n != n/2", R),
    ("ne_param_open_critical",    "param a in (1/2, 1)",                "check a*n != n/2", P),
    ("ne_param_exponent_zero",    "param b in [0, 1]",                  "check n^b != 1", R),
    ("ne_param_exponent_open",    "param b in (0, 1]",                  "check n^b != 1", P),
    ("ne_param_unconstrained",    "param m",                            "check m*n != n", R),
    ("ne_param_constrained",      "param m > 1",                        "check m*n != n", P),
    ("ne_param_where_zero",       "param b in [0, 1]",                  "refute b*n != 0 where b = 0", R),
    ("ne_param_where_half",       "param b in [0, 1]",                  "check b*n != 0 where b = 1/2", P),
    ("ne_param_sqrt_exponent",    "param a in (0, 1)",                  "check n^a != sqrt(n)", R),
    ("ne_param_sqrt_below",       "param a in (0, 1/2)",                "check n^a != sqrt(n)", P),
    ("ne_param_positive",         "param a > 0",                        "check a*n != 0", P),
    ("ne_param_offset",           "param c in [1, 2]",                  "check c*n + 1 != n", P),
    ("ne_param_vanishing_coef",   "param c",                            "check (c - 1)*n != 0", R),
    ("ne_param_ratio_critical",   "param a in (0, 1)",                  "check 2*a*n != n", R),
    ("eq_param_one_value_differs", "param a in [0, 1]",                 "check a*n == 0", R),
    ("eq_param_identity",         "param a in [0, 1]",                  "check (a - a)*n == 0", P),
    ("ne_param_identity",         "param a in [0, 1]",                  "check (a - a)*n != 0", R),
    // ---- witnesses at constraint ends, open and closed ---------------------
    ("end_open_upper_holds",      "param a in (0, 1)",                  "check a*n < n eventually", P),
    ("end_closed_upper_fails",    "param a in (0, 1]",                  "check a*n < n eventually", R),
    ("end_closed_zero_fails",     "param a in [0, 1)",                  "check a*n > 0 eventually", R),
    // true ((1 - a)*n >= 0); the threshold engine certifies a tail only
    // from a leading coefficient of strict sign, and 1 - a vanishes at a = 1
    ("end_threshold_closed",      "param a in [0, 1]",                  "check a*n <= n for n >= 1", K),
    ("end_threshold_fails",       "param a in [0, 2]",                  "check a*n <= n for n >= 1", R),
    // ---- 4. rejected declarations and hypotheses: unknown, never dropped ---
    ("rejected_assume",           "fn G\nassume G <= n eventually\nassume 2*G <= n eventually", "check G <= n/2 eventually", U),
    ("rejected_assume_other_claim", "fn G\nassume 2*G <= n eventually",  "check G = O(n^2)", U),
    ("rejected_assume_fn_free",   "fn G\nassume 2*G <= n eventually",   "check n = O(n^2)", P),
    ("rejected_assume_unknown_name", "fn G\nassume Gx = O(n)",          "check G = O(n^2)", U),
    ("rejected_point_assume",     "fn G\nassume G <= n at n = 5\nassume G = Theta(n)", "check G != n", U),
    ("rejected_empty_constraint", "param a in (1, 0)",                  "check n^a = O(n)", U),
    ("rejected_empty_constraint_ineq", "param a in (1, 0)",             "check a*n <= n eventually", U),
    ("rejected_empty_half_open",  "param a in (2, 1]",                  "check (a - 1)*n < 0 eventually", U),
    ("rejected_constraint_unused", "param a in (1, 0)",                 "check n = O(n^2)", P),
    ("rejected_let_body",         "let g(x) = x + y",                   "check g(n) = O(n)", U),
    ("rejected_let_chain",        "let g(x) = x + y\nlet h = g(n)",     "check h = O(n)", U),
    ("rejected_duplicate_param",  "param b > 0\nparam b < 0",           "check b*n > 0 eventually", U),
    ("rejected_duplicate_fn",     "fn G\nfn G",                         "check G = O(n)", U),
    ("rejected_duplicate_let",    "let r = 1/n\nlet r = 1/sqrt(n)",     "check r = O(1/n)", U),
    ("rejected_param_then_fn",    "param a in (0, 1)\nfn a",            "check a*n ~ n", U),
    ("rejected_where_on_duplicate", "param d in (0, 1)\nparam d > 2",   "check d*n = O(n) where d = 1/2", U),
    // ---- where on a parameter a hypothesis mentions; later parameters -----
    ("where_on_hypothesis_param", "param e in (0, 1)\nfn H\nassume H >= e eventually", "check H >= e/2 eventually where e = 1/2", U),
    ("claim_before_hyp_param",    "fn G\nassume G = O(sqrt(n))",        "check G = O(n)\nparam e in (0, 1)\nfn H\nassume H >= e eventually", P),
];

/// The verdict of the first claim of `src`, whether or not the file has
/// errors (`none` when no claim was reported: a dropped claim).
fn verdict(src: &str) -> String {
    let (json, _) = bnd::check_source("table.bnd", src, bnd::Format::Json);
    let doc: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
    doc["files"][0]["claims"][0]["verdict"]
        .as_str()
        .unwrap_or("none")
        .to_string()
}

#[test]
fn quantifier_table() {
    assert!(CASES.len() >= 60);
    let mut bad = Vec::new();
    for (name, decls, claim, want) in CASES {
        let src = format!("var n\n{decls}\n{claim}\n");
        let got = verdict(&src);
        let ok = match *want {
            N => got == R || got == U,
            K => got == P || got == U,
            w => got == w,
        };
        if !ok {
            bad.push(format!(
                "{name}: {claim:?} under {decls:?}: want {want}, got {got}"
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn rejected_declarations_are_reported_not_dropped() {
    // Every claim of a file with rejected declarations is still reported,
    // and the file still exits 2.
    let src = "var n\nlet g(x) = x + y\nparam a in (1, 0)\nfn G\nassume 2*G <= n eventually\n\
               check g(n) = O(n)\ncheck a*n = O(n)\ncheck G = O(n)\nshow g(n)\n";
    let (json, code) = bnd::check_source("table.bnd", src, bnd::Format::Json);
    assert_eq!(code, 2);
    let doc: Value = serde_json::from_str(&json).unwrap_or(Value::Null);
    let claims = doc["files"][0]["claims"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(claims.len(), 3, "{json}");
    for c in &claims {
        assert_eq!(c["verdict"], "unknown", "{c}");
        assert!(
            c["reason"].as_str().unwrap_or("").contains("rejected"),
            "{c}"
        );
    }
    let shows = doc["files"][0]["shows"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(shows.len(), 1, "{json}");
    assert!(
        shows[0]["result"]
            .as_str()
            .unwrap_or("")
            .starts_with("unknown"),
        "{json}"
    );
}
