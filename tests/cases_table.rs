//! Parametric claims whose truth hinges on where a parameter sits in its
//! range (an exponent difference or a coefficient that vanishes inside it
//! or at one of its ends), table-driven: each case is a small `.bnd`
//! source with ONE claim and the verdict mathematics gives (see the
//! conventions of tests/engine_table.rs). A claim is proved only when it
//! holds at every admissible value, split points and closed ends
//! included, and refuted when one admissible value breaks it.
//!
//! How each expectation was set is written beside the family: for
//! `n^a REL n^k`, O holds iff every admissible a is <= k, o iff every a
//! is < k, Omega iff >= k, omega iff > k, `~` and Theta iff a = k
//! throughout; the regions of `show when` are checked with exact ends.

mod common;

use common::{check, report, P, R};

/// `n^a REL sqrt(n)` over ranges with the boundary 1/2 inside, at a closed
/// end, at an open end, and outside.
#[rustfmt::skip]
const EXPONENTS: &[(&str, &str, &str)] = &[
    ("(0, 1)",   "O",     R), ("(0, 1/2]", "O",     P), ("(0, 1/2)", "O",     P),
    ("[1/2, 1)", "O",     R), ("(1/2, 1)", "O",     R),
    ("(0, 1)",   "o",     R), ("(0, 1/2]", "o",     R), ("(0, 1/2)", "o",     P),
    ("[1/2, 1)", "o",     R), ("(1/2, 1)", "o",     R),
    ("(0, 1)",   "Omega", R), ("(0, 1/2]", "Omega", R), ("(0, 1/2)", "Omega", R),
    ("[1/2, 1)", "Omega", P), ("(1/2, 1)", "Omega", P),
    ("(0, 1)",   "omega", R), ("(0, 1/2]", "omega", R), ("(0, 1/2)", "omega", R),
    ("[1/2, 1)", "omega", R), ("(1/2, 1)", "omega", P),
];

#[rustfmt::skip]
const CASES: &[(&str, &str)] = &[
    // ---- eventually: n^a <= sqrt(n) iff a <= 1/2; `<` iff a < 1/2 ----------
    ("param a in (0, 1)\ncheck n^a <= sqrt(n) eventually", R),
    ("param a in (0, 1/2]\ncheck n^a <= sqrt(n) eventually", P),
    ("param a in (0, 1/2)\ncheck n^a <= sqrt(n) eventually", P),
    ("param a in [1/2, 1)\ncheck n^a <= sqrt(n) eventually", R),
    ("param a in (1/2, 1)\ncheck n^a >= sqrt(n) eventually", P),
    ("param a in (0, 1/2]\ncheck n^a < sqrt(n) eventually", R),
    ("param a in (0, 1/2)\ncheck n^a < sqrt(n) eventually", P),
    // ---- ~: n + n^a ~ n iff a < 1; n^a + sqrt(n) ~ n^a iff a > 1/2 -------
    ("param a in (0, 1)\ncheck n + n^a ~ n", P),
    ("param a in (0, 1]\ncheck n + n^a ~ n", R),
    ("param a in (1/2, 1)\ncheck n^a + sqrt(n) ~ n^a", P),
    ("param a in [1/2, 1)\ncheck n^a + sqrt(n) ~ n^a", R),
    ("param a in (0, 1)\ncheck n^a + sqrt(n) ~ n^a", R),
    // at a = 1/2 the two terms merge: 2*sqrt(n) is not ~ sqrt(n), but Theta
    ("param a in (0, 1)\ncheck n^a + sqrt(n) ~ n^max(a, 1/2)", R),
    ("param a in (0, 1)\ncheck n^a + sqrt(n) = Theta(n^max(a, 1/2))", P),
    // ---- exponent (1 + a)/(2 + a), in [1/2, 1) for a >= 0, 1/2 only at 0 --
    ("param a >= 0\ncheck n^(-(1 + a)/(2 + a)) = O(n^(-1/2))", P),
    ("param a >= 0\ncheck n^(-(1 + a)/(2 + a)) = o(n^(-1/2))", R),
    ("param a > 0\ncheck n^(-(1 + a)/(2 + a)) = o(n^(-1/2))", P),
    ("param a >= 0\ncheck n^(-(1 + a)/(2 + a)) = Omega(n^(-1/2))", R),
    ("param a >= 0\ncheck n^(-(1 + a)/(2 + a)) = Omega(1/n)", P),
    ("param a >= 0\ncheck n^(-(1 + a)/(2 + a)) = omega(1/n)", P),
    // ---- Tsybakov's rate: exponent (1 + a)/(2 + a) >= 1/2 ------------------
    ("param a >= 0\nparam d > 0\ncheck (d*log(n)/n)^((1+a)/(2+a)) = O(sqrt(log(n)/n))", P),
    ("param a >= 0\nparam d > 0\ncheck (d*log(n)/n)^((1+a)/(2+a)) = o(sqrt(log(n)/n))", R),
    ("param a > 0\nparam d > 0\ncheck (d*log(n)/n)^((1+a)/(2+a)) = o(sqrt(log(n)/n))", P),
    // ---- Stone's rate n^(-2s/(2s + D)): between 1/n and 1 -------------------
    ("param s, D > 0\ncheck n^(-2*s/(2*s + D)) = omega(1/n)", P),
    ("param s, D > 0\ncheck n^(-2*s/(2*s + D)) = o(1)", P),
    ("param s, D > 0\ncheck n^(-2*s/(2*s + D)) = O(1/sqrt(n))", R),
    ("param s > 0\nparam D >= 1\ncheck n^(-2*s/(2*s + D)) = O(n^(-2*s/(2*s + D + 1)))", P),
    // ---- regularised ERM with l = n^(-b): rate n^(-min(b, 1/2 - b)) --------
    ("param sigma, kappa, M, Fnorm > 0\nparam delta in (0, 1)\nparam b in (0, 1/2)\n\
      let beta(l) = sigma^2 * kappa^2 / (2 * l * n)\n\
      let gen(l) = 2 * beta(l) + (4 * n * beta(l) + M) * sqrt(log(1 / delta) / (2 * n))\n\
      let excess(l) = l * Fnorm^2 + gen(l)\ncheck lim excess(n^(-b)) = 0", P),
    ("param sigma, kappa, M, Fnorm > 0\nparam delta in (0, 1)\nparam b in (0, 1/2)\n\
      let beta(l) = sigma^2 * kappa^2 / (2 * l * n)\n\
      let gen(l) = 2 * beta(l) + (4 * n * beta(l) + M) * sqrt(log(1 / delta) / (2 * n))\n\
      let excess(l) = l * Fnorm^2 + gen(l)\ncheck excess(n^(-b)) = Omega(n^(-1/4))", P),
    ("param sigma, kappa, M, Fnorm > 0\nparam delta in (0, 1)\nparam b in (0, 1/2)\n\
      let beta(l) = sigma^2 * kappa^2 / (2 * l * n)\n\
      let gen(l) = 2 * beta(l) + (4 * n * beta(l) + M) * sqrt(log(1 / delta) / (2 * n))\n\
      let excess(l) = l * Fnorm^2 + gen(l)\ncheck excess(n^(-b)) = O(n^(-1/4))", R),
    ("param sigma, kappa, M, Fnorm > 0\nparam delta in (0, 1)\nparam b in (0, 1/2)\n\
      let beta(l) = sigma^2 * kappa^2 / (2 * l * n)\n\
      let gen(l) = 2 * beta(l) + (4 * n * beta(l) + M) * sqrt(log(1 / delta) / (2 * n))\n\
      let excess(l) = l * Fnorm^2 + gen(l)\ncheck excess(n^(-b)) = O(n^(-b))", R),
    ("param sigma, kappa, M, Fnorm > 0\nparam delta in (0, 1)\nparam b in (0, 1/4]\n\
      let beta(l) = sigma^2 * kappa^2 / (2 * l * n)\n\
      let gen(l) = 2 * beta(l) + (4 * n * beta(l) + M) * sqrt(log(1 / delta) / (2 * n))\n\
      let excess(l) = l * Fnorm^2 + gen(l)\ncheck excess(n^(-b)) = Theta(n^(-b))", P),
    // ---- a coefficient that vanishes: c*n^2 + n is Theta(n^2) iff c != 0 --
    ("param c in [0, 1]\ncheck c*n^2 + n = Theta(n^2)", R),
    ("param c in (0, 1]\ncheck c*n^2 + n = Theta(n^2)", P),
    ("param c in [-1, 1]\ncheck c*n^2 + n = Theta(n^2)", R),
    ("param c in (-1, 0)\ncheck c*n^2 + n = Theta(n^2)", P),
    ("param c in [-1, 1]\ncheck c*n^2 + n = O(n^2)", P),
    ("param c in [0, 1]\ncheck c*n^2 + n = O(n)", R),
    ("param c in [0, 1]\ncheck c*n^2 + n = Omega(n)", P),
    ("param c in [0, 1]\ncheck c*n^2 + n >= 0 eventually", P),
    ("param c in [-1, 1]\ncheck c*n^2 + n >= 0 eventually", R),
    ("param c in (-1, 0)\ncheck c*n^2 + n < 0 eventually", P),
    ("param c in [-1, 1]\ncheck lim (c*n^2 + n)/n^2 = c", P),
    // ---- limits: n^(a - 1) -> 0 iff a < 1, -> oo iff a > 1, -> 1 iff a = 1
    ("param a in (0, 1)\ncheck lim n^(a - 1) = 0", P),
    ("param a in (0, 1]\ncheck lim n^(a - 1) = 0", R),
    ("param a in (1/2, 3/2)\ncheck lim n^(a - 1) = 0", R),
    ("param a in (1, 2)\ncheck lim n^(a - 1) = oo", P),
    ("param a in [1, 2)\ncheck lim n^(a - 1) = oo", R),
    ("param a in (0, 2)\ncheck lim n^(a - 1) = 1", R),
    ("param c in (0, 2)\ncheck lim (c*n + 1)/n = 1", R),
    ("param c in (0, 2)\ncheck lim (c*n + 1)/n = c", P),
    // ---- logarithms and log factors at the boundary -------------------------
    ("param a in (0, 2)\ncheck log(n)^a = O(log(n))", R),
    ("param a in (0, 1]\ncheck log(n)^a = O(log(n))", P),
    ("param a in (0, 1/2)\ncheck n^a*log(n) = O(sqrt(n))", P),
    ("param a in (0, 1/2]\ncheck n^a*log(n) = O(sqrt(n))", R),
    ("param a in (0, 1)\ncheck n^a*log(n) = O(sqrt(n))", R),
    // ---- exponents rational in the parameter --------------------------------
    ("param a >= 0\ncheck n^(1/(1 + a)) = O(n)", P),
    ("param a >= 0\ncheck n^(1/(1 + a)) = o(n)", R),
    ("param a > 0\ncheck n^(1/(1 + a)) = o(n)", P),
    ("param a > 0\ncheck n^(a/(1 + a)) = o(n)", P),
    ("param a >= 0\ncheck n^(a/(1 + a)) = Omega(1)", P),
    ("param a >= 0\ncheck n^(a/(1 + a)) = omega(1)", R),
    // ---- two zeros: (a - 1)(a - 2) <= 0 iff a in [1, 2] --------------------
    ("param a in (0, 3)\ncheck n^((a - 1)*(a - 2)) = O(1)", R),
    ("param a in [1, 2]\ncheck n^((a - 1)*(a - 2)) = O(1)", P),
    ("param a in (1, 2)\ncheck n^((a - 1)*(a - 2)) = o(1)", P),
    ("param a in [1, 2]\ncheck n^((a - 1)*(a - 2)) = o(1)", R),
    // ---- an irrational boundary: c^2 <= 2 iff c <= sqrt(2) -----------------
    ("param c in (0, 2)\ncheck n^(c^2) = O(n^2)", R),
    ("param c in (0, 1]\ncheck n^(c^2) = O(n^2)", P),
    ("param c in (0, 2)\ncheck n^(c^2) = O(n^4)", P),
    // ---- unconstrained parameters: every real is admissible ----------------
    ("param u\ncheck n^(u^2) = Omega(1)", P),
    ("param u\ncheck n^(u^2) = omega(1)", R),
    ("param u\ncheck n^(u^2 + 1) = omega(1)", P),
    ("param u\ncheck n^(u^2 - 2*u + 1) = Omega(1)", P),
    ("param u\ncheck n^(u^2 - 2*u + 1) = omega(1)", R),
    ("param u\ncheck n^u = O(n)", R),
    // ---- two parameters: cut along a = b where n^a and n^b trade places -----
    ("param a, b in (0, 1)\ncheck n^a = O(n^b)", R),
    ("param a, b in (0, 1)\ncheck n^a + n^b = Theta(n^max(a, b))", P),
    ("param a, b > 0\ncheck n^a + n^b = Theta(n^max(a, b))", P),
    // on the line a = b the sum is 2*n^b
    ("param a, b in (0, 1)\ncheck n^a + n^b ~ n^max(a, b)", R),
    ("param a, b in (0, 1)\ncheck n^a + n^b = O(n^b)", R),
    ("param a, b in (0, 1)\ncheck n^a + n^b = Omega(n^a)", P),
    ("param a, b in (0, 1)\ncheck n^a + n^b = O(n^max(a, b))", P),
    ("param a, b in (0, 1)\ncheck n^a + n^(b + 1/2) = Theta(n^max(a, b + 1/2))", P),
    ("param a in (0, 1/2)\nparam b in (1/2, 1)\ncheck n^a = o(n^b)", P),
];

/// Every mismatch of a table, listed at once.
fn assert_none_wrong(wrong: &[String]) {
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn exponent_family_matches_hand_expectations() {
    let mut wrong = Vec::new();
    for (range, rel, expected) in EXPONENTS {
        let src = format!("param a in {range}\ncheck n^a = {rel}(sqrt(n))\n");
        let got = check(&src);
        if got != *expected {
            wrong.push(format!(
                "a in {range}: n^a = {rel}(sqrt(n)): expected {expected}, got {got}"
            ));
        }
    }
    assert_none_wrong(&wrong);
}

#[test]
fn parametric_cases_match_hand_expectations() {
    let mut wrong = Vec::new();
    for (src, expected) in CASES {
        let got = check(src);
        if got != *expected {
            wrong.push(format!("{src:?}: expected {expected}, got {got}"));
        }
    }
    assert_none_wrong(&wrong);
}

#[test]
fn the_table_has_at_least_eighty_distinct_single_claim_cases() {
    let mut seen = std::collections::BTreeSet::new();
    for (src, _) in CASES {
        assert!(seen.insert(src.to_string()), "duplicate case {src:?}");
        let claims = src.lines().filter(|l| l.starts_with("check")).count();
        assert_eq!(claims, 1, "one claim a case: {src:?}");
    }
    assert!(CASES.len() + EXPONENTS.len() >= 80);
}

/// The regions of the first `show when` of `src`, as
/// `condition: verdict` joined by `; `.
fn regions(src: &str) -> String {
    let doc = report("when.bnd", src);
    let shows = doc["files"][0]["shows"].as_array().expect("shows");
    let regions = shows[0]["regions"].as_array().expect("regions");
    regions
        .iter()
        .map(|r| {
            format!(
                "{}: {}",
                r["condition"].as_str().unwrap_or("?"),
                r["verdict"].as_str().unwrap_or("?")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn show_when_splits_at_the_exact_boundary() {
    assert_eq!(
        regions("param b in (0, 1)\nshow when n^b = O(sqrt(n))\n"),
        "b <= 1/2: proved; b > 1/2: refuted"
    );
    // the boundary point on its own: the limit is 1 only at c = 1
    assert_eq!(
        regions("param c in (0, 2)\nshow when lim (c*n + 1)/n = 1\n"),
        "c < 1: refuted; c = 1: proved; c > 1: refuted"
    );
    // a zero at a closed end of the range is a region of its own
    assert_eq!(
        regions("param k in [0, 1]\nshow when k*n^2 + n = Theta(n^2)\n"),
        "k = 0: refuted; k > 0: proved"
    );
    // a claim decided over the whole range is one region
    assert_eq!(
        regions("param b in (0, 1)\nshow when n^b = O(n)\n"),
        "every admissible value: proved"
    );
    // a refutation over the whole range does not say where the claim holds
    let doc = report(
        "when.bnd",
        "param b in (0, 1)\nshow when n^b <= n/2 for n >= 2\n",
    );
    let text = doc["files"][0]["shows"][0]["result"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        text.starts_with("fails for some admissible value: refuted"),
        "{text}"
    );
}

#[test]
fn show_when_regions_carry_exact_boxes() {
    let doc = report(
        "when.bnd",
        "param b in (0, 1)\nshow when n^b = O(sqrt(n))\n",
    );
    let show = &doc["files"][0]["shows"][0];
    assert_eq!(
        show["result"].as_str().unwrap(),
        "holds iff b <= 1/2: proved for b in (0, 1/2], refuted for b in (1/2, 1)"
    );
    let first = &show["regions"][0]["box"]["b"];
    assert_eq!(first["lower"], "0");
    assert_eq!(first["lower_closed"], false);
    assert_eq!(first["upper"], "1/2");
    assert_eq!(first["upper_closed"], true);
    let second = &show["regions"][1]["box"]["b"];
    assert_eq!(second["lower"], "1/2");
    assert_eq!(second["lower_closed"], false);
    assert_eq!(second["upper"], "1");
    assert_eq!(second["upper_closed"], false);
}

/// Regression: an interval isolating an irrational zero must not reach
/// the range's ends, or a split point outside an open range would be
/// decided (and could refute the claim with an inadmissible value).
#[test]
fn split_points_stay_inside_open_ranges() {
    let doc = report(
        "when.bnd",
        "param c in (0, 2)\nshow when n^(c^2) = O(n^2)\n",
    );
    let regions = doc["files"][0]["shows"][0]["regions"]
        .as_array()
        .unwrap()
        .clone();
    for r in &regions {
        let cond = r["condition"].as_str().unwrap();
        assert!(
            cond != "c = 0" && cond != "c = 2",
            "inadmissible region {cond}"
        );
    }
    // the first region is proved and ends below sqrt(2); the last is
    // refuted and starts above it
    assert_eq!(regions[0]["verdict"], "proved");
    assert_eq!(regions.last().unwrap()["verdict"], "refuted");
    let hi: Vec<i64> = regions[0]["box"]["c"]["upper"]
        .as_str()
        .unwrap()
        .split('/')
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(
        hi[0] * hi[0] < 2 * hi[1] * hi[1],
        "proved region reaches past sqrt(2)"
    );
}

/// Two parameters related by a line: the regions are not boxes, so they
/// carry a condition and a null box.
#[test]
fn show_when_cuts_along_a_line_between_two_parameters() {
    let src = "param a, b in (0, 1)\nshow when n^a + n^b ~ n^max(a, b)\n";
    assert_eq!(regions(src), "a < b: proved; a = b: refuted; a > b: proved");
    let doc = report("when.bnd", src);
    let rs = doc["files"][0]["shows"][0]["regions"]
        .as_array()
        .unwrap()
        .clone();
    assert!(rs.iter().all(|r| r["box"].is_null()));
    // the refutation on the line is exact: at a = b the sum is 2*n^b
    assert!(
        rs[1]["reason"].as_str().unwrap().contains("2"),
        "{}",
        rs[1]["reason"]
    );
}

/// Two parameters: the second is cut only inside the piece of the first
/// where it matters (a = 1/2, where the powers of n are equal and the log
/// factors decide); every region is a box.
#[test]
fn show_when_nests_cuts_into_boxes() {
    let src = "param a, b in (0, 1)\nshow when n^a*log(n)^b = O(sqrt(n)*log(n)^(1/2))\n";
    assert_eq!(
        regions(src),
        "a < 1/2: proved; a = 1/2 and b <= 1/2: proved; a = 1/2 and b > 1/2: refuted; \
         a > 1/2: refuted"
    );
    let doc = report("when.bnd", src);
    let third = &doc["files"][0]["shows"][0]["regions"][2]["box"];
    assert_eq!(third["a"]["lower"], "1/2");
    assert_eq!(third["a"]["upper"], "1/2");
    assert_eq!(third["a"]["lower_closed"], true);
    assert_eq!(third["b"]["lower"], "1/2");
    assert_eq!(third["b"]["lower_closed"], false);
    assert_eq!(third["b"]["upper"], "1");
    // the first region leaves b at its declared range
    let first = &doc["files"][0]["shows"][0]["regions"][0]["box"];
    assert_eq!(first["b"]["lower"], "0");
    assert_eq!(first["b"]["upper"], "1");
}

/// A refutation found on one piece names an admissible value of that
/// piece (the quantifier contract), not only the piece.
#[test]
fn refutations_by_cases_name_an_admissible_value() {
    let r = common::reason("param b in (0, 1)\ncheck n^b = O(sqrt(n))\n");
    let value = r
        .strip_prefix("fails for b = ")
        .and_then(|rest| rest.split_once(':'))
        .map(|(v, _)| v.to_string())
        .unwrap_or_else(|| panic!("no value named: {r}"));
    let (p, q) = value.split_once('/').unwrap_or((&value, "1"));
    let (p, q): (i64, i64) = (p.parse().unwrap(), q.parse().unwrap());
    // n^b = O(sqrt(n)) fails exactly for b > 1/2, and b must be < 1
    assert!(2 * p > q && p < q, "b = {value} does not break the claim");
}
