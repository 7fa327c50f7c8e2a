//! Constants and identities the exact zero test and the e-graph must see,
//! and their unsound neighbours, table driven. Every expectation is worked
//! out by hand:
//!
//! - `exp` of rationals and of logarithms: e^2 = (e^1)^2, 1/(e^-1 + 1) =
//!   e/(e + 1) (multiply above and below by e), exp(log A) = A for A > 0,
//!   e ~ 2.71828 differs from 3;
//! - cancellation of a parameter: K/K = 1 only where K cannot be 0;
//! - a threshold claim whose sides are the same function for every t >= 1
//!   (`<=` holds, `<` fails at every point) is decided at once, without a
//!   search.
//!
//! `NOT_PROVED` marks the neighbours that must never be proved (the classic
//! trap: an unguarded `a/a -> 1` proves 0 = 1); they may end refuted,
//! unknown, or in a located error, but never proved.

mod common;

use common::{check, claims, P, R, U};

/// Any verdict but `proved` (unknown, refuted, or an error in the file).
const NOT_PROVED: &str = "not proved";

fn verdict_matches(got: &str, expect: &str) -> bool {
    if expect == NOT_PROVED {
        got != P
    } else {
        got == expect
    }
}

#[rustfmt::skip]
const CASES: &[(&str, &str, &str)] = &[
    // ---- exp of rationals and logarithms (no parameter) ------------------
    ("", "check exp(2) == exp(1)^2", P),
    ("", "check exp(1/2)^2 == exp(1)", P),
    ("", "check exp(3) != exp(1)^3", R),
    // 1/(e^-1 + 1) = e/(1 + e)
    ("", "check 1/(exp(-1) + 1) == exp(1)/(exp(1) + 1)", P),
    ("", "check 1/(1 + exp(-2)) == exp(2)/(exp(2) + 1)", P),
    // e + 1/e = (e^2 + 1)/e
    ("", "check exp(1) + exp(-1) == (exp(2) + 1)/exp(1)", P),
    ("", "check exp(1)/(exp(1) + 1) + 1/(exp(1) + 1) == 1", P),
    // e/(e + 2) ~ 0.576 < 1/(1/e + 1) ~ 0.731
    ("", "check 1/(exp(-1) + 1) == exp(1)/(exp(1) + 2)", R),
    ("", "check exp(log(3)) == 3", P),
    ("", "check exp(-log(2)) == 1/2", P),
    ("", "check exp(log(2)/2) == sqrt(2)", P),
    ("", "check log(exp(2)) == 2", P),
    // e ~ 2.71828: separated from 3 by exact enclosures
    ("", "check exp(1) != 3", P),
    ("", "check exp(1) == 3", R),
    // e^2 ~ 7.389, 2e ~ 5.437
    ("", "check exp(1)^2 != 7", P),
    ("", "check 2*exp(1) != exp(2)", P),
    // ---- exp(log(A)) = A needs A > 0 ---------------------------------------
    ("param A > 0", "check exp(log(A)) == A", P),
    ("param A", "check exp(log(A)) == A", NOT_PROVED),
    ("param A in [0, 1]", "check exp(log(A)) == A", NOT_PROVED),
    // ---- K/K = 1 needs K != 0 on the whole box -----------------------------
    ("param K > 0", "check K/K == 1", P),
    ("param K >= 1", "check K/K == 1", P),
    ("param K < 0", "check K/K == 1", P),
    ("param K", "check K/K == 1", NOT_PROVED),
    ("param K in [0, 1]", "check K/K == 1", NOT_PROVED),
    ("param K in [-1, 1]", "check K/K == 1", NOT_PROVED),
    // sqrt(8K/(9K t^2)) = sqrt(8/9)/t = 2*sqrt(2)/(3t) for K > 0, t >= 1
    ("var t\nparam K > 0", "check sqrt(8*K/(9*K*t^2)) == 2*sqrt(2)/(3*t)", P),
    ("var t\nparam K", "check sqrt(8*K/(9*K*t^2)) == 2*sqrt(2)/(3*t)", NOT_PROVED),
    // sqrt(8/9) ~ 0.943 vs 1
    ("var t\nparam K > 0", "check sqrt(8*K/(9*K*t^2)) == 1/t", R),
    // ---- a common factor of a sum ------------------------------------------
    // 1/(K + K^2) = 1/(K (1 + K)) = 1/K - 1/(K + 1)
    ("param K > 0", "check 1/(K + K^2) == 1/K - 1/(K + 1)", P),
    ("param K > 0", "check 1/(1/K + 1) == K/(K + 1)", P),
    ("param K > 0", "check sqrt(1/K + 1) == sqrt(1 + K)/sqrt(K)", P),
    // M in (-1, 0): M^2 + M^3 = M^2 (1 + M) > 0 and sqrt(M^2) = -M, so the
    // root is -M*sqrt(1 + M) > 0, never M*sqrt(1 + M) < 0
    ("param M in (-1, 0)", "check sqrt(M^2 + M^3) == M*sqrt(1 + M)", R),
    ("param M in (-1, 0)", "check (M^-1 + M^-2)^(-1) == M^2/(M + 1)", P),
    // Q in (-2, -1): 1/Q + 1 = (-1 - Q)/(-Q) with both parts positive, so
    // the root is positive, never -sqrt(-1 - Q)/sqrt(-Q)
    ("param Q in (-2, -1)", "check sqrt(1/Q + 1) == -sqrt(-1 - Q)/sqrt(-Q)", R),
];

#[test]
fn constants_table() {
    let mut wrong = Vec::new();
    for (i, (decls, claim, expect)) in CASES.iter().enumerate() {
        let decls = if decls.starts_with("var ") {
            decls.to_string()
        } else {
            format!("var n\n{decls}")
        };
        let got = check(&format!("{decls}\n{claim}\n"));
        if !verdict_matches(&got, expect) {
            wrong.push(format!(
                "case {i}: {claim} [{decls}]: expected {expect}, got {got}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_uncancelled_division_says_why() {
    // K = 0 is admissible: K/K is undefined there, and the reason says so
    let got = claims("var n\nparam K\ncheck K/K == 1\n").unwrap();
    let (verdict, reason) = &got[0];
    assert_eq!(verdict, U, "{reason}");
    assert!(reason.contains("`K/K` not shown defined"), "{reason}");
}

/// The sample-complexity bound of a user's file: err(n_req) is exactly
/// 1/t, since err(s) = sqrt(8c/s) and n_req = 8c t^2 with c = d +
/// log(1/delta) > 0 (d >= 1, 0 < delta < 1), and sqrt(1/t^2) = 1/t for
/// t >= 1.
const T_CLAIM: &str = "var t
param d >= 1
param delta in (0, 1)
let err(s) = sqrt(8 * (d + log(1/delta)) / s)
let n_req = 8 * (d + log(1 / delta)) * t^2
";

#[test]
fn identical_sides_of_a_threshold_claim_are_seen_before_any_search() {
    let cases: &[(&str, &str)] = &[
        ("check err(n_req) <= 1 / t for t >= 1", P),
        ("check err(n_req) >= 1 / t for t >= 1", P),
        ("check 1 / t >= err(n_req) for t >= 10^6", P),
        // identically equal: `<` fails at every point, t = 1 included
        ("check err(n_req) < 1 / t for t >= 1", R),
        ("check err(n_req) > 1 / t for t >= 1", R),
        // 1 > 1/2 at t = 1
        ("check err(n_req) <= 1 / (2*t) for t >= 1", R),
        (
            "check err(n_req) <= 1 / t for t >= 1 where d = 2, delta = 1/10",
            P,
        ),
        // err(2*n_req) = 1/(sqrt(2)*t): leading coefficient 1 - sqrt(1/2) of
        // 1/t - err(2*n_req), signed by exact algebra
        ("check err(2 * n_req) <= 1 / t for t >= 2", P),
        ("check err(2 * n_req) >= 1 / t for t >= 2", R),
    ];
    for (claim, expect) in cases {
        let src = format!("{T_CLAIM}{claim}\n");
        let got = claims(&src).unwrap_or_else(|e| panic!("{claim}: {e}"));
        assert_eq!(got.len(), 1, "{claim}");
        let (verdict, reason) = &got[0];
        assert_eq!(verdict, expect, "{claim}: {reason}");
    }
    // the proof is the identity itself, not a search over boxes of t
    let src = format!("{T_CLAIM}check err(n_req) <= 1 / t for t >= 1\n");
    let (_, reason) = &claims(&src).unwrap()[0];
    assert!(reason.contains("identical sides"), "{reason}");
    assert!(!reason.contains("boxes"), "{reason}");
    let src = format!("{T_CLAIM}check err(n_req) < 1 / t for t >= 1\n");
    let (_, reason) = &claims(&src).unwrap()[0];
    assert!(reason.contains("fails at t = 1"), "{reason}");
}

#[test]
fn identical_sides_need_definedness_on_the_whole_range() {
    // (e + 1)/((e + 1) t^2) is 0/0 at e = -1, an admissible value: the
    // sides are not the same function for every admissible e
    let src =
        "var t\nparam e in [-1, 1]\ncheck sqrt(8*(e + 1)/(8*(e + 1)*t^2)) <= 1/t for t >= 1\n";
    assert_ne!(check(src), P);
    let src = "var t\nparam e\ncheck sqrt((e + 1)/((e + 1)*t^2)) <= 1/t for t >= 1\n";
    assert_ne!(check(src), P);
    // with e + 1 > 0 on the whole box it is the identity
    let src =
        "var t\nparam e in (-1, 1]\ncheck sqrt(8*(e + 1)/(8*(e + 1)*t^2)) <= 1/t for t >= 1\n";
    assert_eq!(check(src), P);
    // log(t)/log(t) is undefined at t = 1 (0/0): not proved from t >= 1
    assert_ne!(check("var t\ncheck log(t)/log(t) <= 1 for t >= 1\n"), P);
    // from t >= 2 it is the constant 1
    assert_eq!(check("var t\ncheck log(t)/log(t) <= 1 for t >= 2\n"), P);
    // both sides are t - t = 0, defined everywhere
    assert_eq!(check("var t\ncheck t - t <= 0 for t >= 1\n"), P);
    assert_eq!(check("var t\ncheck t - t < 0 for t >= 1\n"), R);
}
