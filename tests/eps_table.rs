//! A variable tending to 0 from above (`var eps -> 0`), table driven: every
//! claim form read as eps -> 0+, `for eps <= E` (every real eps in (0, E]),
//! `at eps = E`, `show crossover`, `fn`s with `assume`, and the errors of
//! misuse. Expectations come from mathematics, worked out by hand in the
//! comments; when the checker disagrees, the checker is fixed.
//!
//! Soundness checks beyond the verdicts:
//! - every `for eps <= E` claim proved here is re-checked by exact
//!   evaluation (`at eps = x` claims, which share nothing with the tail
//!   certificate or the interval search) at E and at points between 0 and E
//!   down to 10^-30: none may fail;
//! - every claim of the table, rewritten in a variable n -> +oo with eps
//!   replaced by 1/n (the same mathematics), gets the same verdict;
//! - reasons speak of eps (never of the variable the engines work in).

mod common;

use common::{check, reason, P, R};

/// Declarations shared by the table.
const DECLS: &str = "var eps -> 0
param d >= 1
param delta in (0, 1)
param a in (0, 1)
param C > 0
";

/// (claim, verdict), each worked out by hand.
#[rustfmt::skip]
const CASES: &[(&str, &str)] = &[
    // ---- Landau: eps -> 0+ ------------------------------------------------
    ("check eps = o(1)", P),                        // eps -> 0
    ("check eps^2 = o(eps)", P),                    // ratio eps -> 0
    ("check eps = O(eps^2)", R),                    // ratio 1/eps unbounded
    ("check eps = O(eps)", P),
    ("check eps = o(eps)", R),
    ("check 1 = O(1/eps)", P),                      // ratio eps bounded
    ("check 1/eps = O(1)", R),
    ("check log(1/eps) = o(eps^(-1/10))", P),       // a log is below every power
    ("check eps^(-1/10) = O(log(1/eps))", R),
    ("check 1/eps = omega(log(1/eps))", P),
    ("check eps*log(1/eps) = o(sqrt(eps))", P),     // ratio sqrt(eps) log(1/eps) -> 0
    ("check sqrt(eps) = Omega(eps)", P),
    ("check sqrt(eps) = Theta(eps)", R),
    ("check (d + log(1/delta))/eps^2 = Theta(1/eps^2)", P), // ratio d + log(1/delta) > 0
    ("check (d*log(1/eps) + log(1/delta))/eps = Theta(log(1/eps)/eps)", P),
    ("check (d*log(1/eps) + log(1/delta))/eps = O(1/eps)", R),
    ("check eps^a = o(1)", P),                      // a > 0 on the whole box
    ("check eps = o(eps^a)", P),                    // ratio eps^(1 - a), 1 - a > 0
    ("check eps^a = O(eps)", R),                    // ratio eps^(a - 1) unbounded
    ("check C*eps = O(eps)", P),
    ("check exp(-1/eps) = o(eps^10)", P),           // exp(-t) below every power of 1/t
    ("check log(1 + eps) ~ eps", P),                // log(1 + x) = x - x^2/2 + ...
    ("check sqrt(1/eps + 1) - sqrt(1/eps) ~ sqrt(eps)/2", P),
    ("check (1 + eps)^(1/eps) ~ exp(1)", P),
    // ---- lim ----------------------------------------------------------------
    ("check lim eps*log(1/eps) = 0", P),
    ("check lim 1/eps = oo", P),
    ("check lim 1/eps = 0", R),
    ("check lim -log(1/eps) = -oo", P),
    ("check lim (1 - eps)/(1 + eps) = 1", P),
    ("check lim sin_free(eps) = 0", "error"),       // unknown function name
    ("check lim eps^eps = 1", P),                   // eps*log(eps) -> 0
    // ---- eventually: for all small enough eps ---------------------------------
    ("check eps^2 <= eps eventually", P),
    ("check sqrt(eps) > eps eventually", P),
    ("check eps > sqrt(eps) eventually", R),
    ("check 1/eps >= 100*log(1/eps) eventually", P),
    ("check eps < 1/1000 eventually", P),           // true for every eps < 1/1000
    ("check eps > 1/1000 eventually", R),
    // ---- for eps <= E: every real eps in (0, E] ---------------------------------
    ("check eps^2 <= eps for eps <= 1", P),         // eps(1 - eps) >= 0 on (0, 1]
    ("check eps^2 < eps for eps <= 1", R),          // equality at eps = 1
    ("check eps^2 < eps for eps <= 1/2", P),
    ("check eps <= eps^2 for eps <= 1/2", R),       // fails at eps = 1/2: 1/2 > 1/4
    ("check eps^2 <= eps for eps <= 2", R),         // fails at eps = 2: 4 > 2
    ("check 100*eps <= sqrt(eps) for eps <= 1/10000", P), // iff sqrt(eps) <= 1/100
    ("check 100*eps <= sqrt(eps) for eps <= 1/9999", R),
    ("check log(1/eps) <= 1/eps for eps <= 1", P),  // log x <= x - 1 < x
    ("check eps*log(1/eps) <= 1/2 for eps <= 1", P), // max 1/e at eps = 1/e
    ("check eps*log(1/eps) <= 1/3 for eps <= 1", R), // 1/e > 1/3
    // ---- at eps = E: one point ---------------------------------------------------
    ("check eps^2 < eps at eps = 1/10", P),         // 1/100 < 1/10
    ("check eps^2 == 1/100 at eps = 1/10", P),
    ("check eps^2 > eps at eps = 1/10", R),
    ("check 1/eps == 10 at eps = 1/10", P),
    ("check eps^2 > eps at eps = 2", P),            // 4 > 2: a point is a point
    ("check log(1/eps) < 3 at eps = 1/20", P),      // log 20 = 2.9957...
    ("check log(1/eps) < 2.99 at eps = 1/20", R),
    // ---- == and != (for every eps in (0, 1]) --------------------------------------
    ("check 1/(1/eps) == eps", P),
    ("check eps^2/eps == eps", P),
    ("check log(1/eps) == -log(eps)", P),
    ("check eps + eps == 2*eps", P),
    ("check eps == eps^2", R),                      // differ at eps = 1/2
    ("check eps != eps^2", P),
    ("check eps != sqrt(eps^2)", R),                // identical for eps > 0
];

fn src(claim: &str) -> String {
    format!("{DECLS}{claim}\n")
}

#[test]
fn eps_claims_get_the_verdicts_of_mathematics() {
    assert!(CASES.len() >= 30);
    let mut bad = Vec::new();
    for (claim, want) in CASES {
        let got = check(&src(claim));
        let ok = if *want == "error" {
            got.starts_with("error")
        } else {
            got == *want
        };
        if !ok {
            bad.push(format!("{claim}: want {want}, got {got}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

/// `claim` with the variable tending to +oo: every `eps` replaced by
/// `(1/n)`, `for eps <= E` by `for n >= 1/(E)`, `at eps = E` by
/// `at n = 1/(E)`.
fn in_n(claim: &str) -> String {
    let (body, range) = if let Some((b, e)) = claim.split_once(" for eps <= ") {
        (b.to_string(), format!(" for n >= 1/({e})"))
    } else if let Some((b, e)) = claim.split_once(" at eps = ") {
        (b.to_string(), format!(" at n = 1/({e})"))
    } else {
        (claim.to_string(), String::new())
    };
    let mut out = String::new();
    let mut rest = body.as_str();
    while let Some(i) = rest.find("eps") {
        let before = rest[..i].chars().last();
        let after = rest[i + 3..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..i]);
        if word(before) || word(after) {
            out.push_str("eps");
        } else {
            out.push_str("(1/n)");
        }
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    format!("{out}{range}")
}

#[test]
fn eps_claims_agree_with_the_same_claims_in_one_over_n() {
    let decls_n = DECLS.replace("var eps -> 0", "var n");
    let mut bad = Vec::new();
    for (claim, want) in CASES {
        if *want == "error" {
            continue;
        }
        let n_claim = in_n(claim);
        let got = check(&format!("{decls_n}{n_claim}\n"));
        if got != *want {
            bad.push(format!("{claim} as `{n_claim}`: want {want}, got {got}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_rewriting_to_one_over_n_is_what_it_says() {
    assert_eq!(
        in_n("check eps^2 <= eps for eps <= 1/2"),
        "check (1/n)^2 <= (1/n) for n >= 1/(1/2)"
    );
    assert_eq!(
        in_n("check lim eps*log(1/eps) = 0"),
        "check lim (1/n)*log(1/(1/n)) = 0"
    );
    assert_eq!(
        in_n("check 1/eps == 10 at eps = 1/10"),
        "check 1/(1/n) == 10 at n = 1/(1/10)"
    );
}

/// Proved `for eps <= E` claims of the table, re-checked at exact points.
#[test]
fn proved_ranges_hold_at_exact_points() {
    let mut checked = 0;
    for (claim, want) in CASES {
        let Some((body, e)) = claim.split_once(" for eps <= ") else {
            continue;
        };
        if *want != P {
            continue;
        }
        // E, E*(1 - 1/1000), E/2, ..., and E/10^k down to 10^-30
        let mut points = vec![e.to_string(), format!("({e})*999/1000"), format!("({e})/2")];
        for k in 1..=30 {
            points.push(format!("({e})/10^{k}"));
            points.push(format!("({e})*3/10^{k}"));
        }
        let many: String = points
            .iter()
            .map(|x| format!("{body} at eps = {x}\n"))
            .collect();
        let got = check(&src(&many));
        let verdicts: Vec<&str> = got.split(' ').collect();
        assert_eq!(verdicts.len(), points.len(), "{claim}: {got}");
        for (v, x) in verdicts.iter().zip(&points) {
            assert_eq!(*v, P, "{claim} fails (or is unknown) at eps = {x}");
            checked += 1;
        }
    }
    assert!(checked >= 300, "{checked}");
}

#[test]
fn reasons_speak_of_eps() {
    // (claim, what the reason must contain), by hand
    let cases = [
        ("check eps^2 = o(eps)", "~ eps -> 0"),
        (
            "check log(1/eps) = o(eps^(-1/10))",
            "eps^(1/10)*log(1/eps) -> 0",
        ),
        ("check lim 1/eps = 0", "-> +oo"),
        ("check eps = O(eps^2)", "~ 1/eps, unbounded"),
        (
            "check eps^2 <= eps for eps <= 1",
            "for every real eps <= 1:",
        ),
        (
            "check eps <= eps^2 for eps <= 1/2",
            "fails at eps = 1/2: lhs = 1/2 > rhs = 1/4",
        ),
        (
            "check eps^2 <= eps for eps <= 2",
            "fails at eps = 2: lhs = 4 > rhs = 2",
        ),
        (
            "check eps^2 < eps at eps = 1/10",
            "at eps = 1/10: lhs = 1/100 < rhs = 1/10",
        ),
        ("check sqrt(eps) > eps eventually", "eps^(1/2)"),
    ];
    for (claim, part) in cases {
        let r = reason(&src(claim));
        assert!(r.contains(part), "{claim}: `{part}` not in `{r}`");
        for internal in ["1/eps >=", "1/eps =", " n ", "n^", "log(n)", "large"] {
            assert!(!r.contains(internal), "{claim}: `{internal}` in `{r}`");
        }
    }
}

#[test]
fn sample_complexity_in_eps_and_delta() {
    // m = (d + log(1/delta))/eps^2 with params: Theta(1/eps^2); the
    // realizable (d*log(1/eps) + log(1/delta))/eps is o(m), and m/that is
    // Theta(1/(eps*log(1/eps))), not Theta(1/eps).
    let s = format!(
        "{DECLS}let m = (d + log(1/delta))/eps^2
let r = (d*log(1/eps) + log(1/delta))/eps
check m = Theta(1/eps^2)
check r = o(m)
check m/r = Theta(1/(eps*log(1/eps)))
check m/r = Theta(1/eps)
check lim eps^2*m = d + log(1/delta)
check m <= 1300 at eps = 1/10 where d = 10, delta = 1/20
check m <= 1299 at eps = 1/10 where d = 10, delta = 1/20
"
    );
    // 10 + log(20) = 12.9957..., times 100
    assert_eq!(
        check(&s),
        "proved proved proved refuted proved proved refuted"
    );
}

#[test]
fn hypotheses_about_fns_of_eps() {
    let s = format!(
        "{DECLS}fn G, H
assume G = O(eps)
assume H <= 2*eps^2 for eps <= 1/2
check G = o(1)
check lim G = 0
check G*log(1/eps) = o(1)
check G = o(eps)
check G = Omega(1)
check H = O(eps^2)
check H <= 2*eps for eps <= 1/2
check H <= eps^3 eventually
"
    );
    // G = eps satisfies G = O(eps) and breaks G = o(eps); G = O(eps) -> 0
    // rules out Omega(1). 2*eps^2 <= 2*eps on (0, 1/2]. H = 2*eps^2 breaks
    // the last one (2*eps^2 > eps^3 for eps < 2).
    assert_eq!(
        check(&s),
        "proved proved proved refuted refuted proved proved refuted"
    );
}

#[test]
fn show_prints_expansions_in_eps() {
    let doc = common::report(
        "show.bnd",
        &format!(
            "{DECLS}show log(1/eps)/eps + 1/eps^2 + eps
show eps^2 at eps = 1/10
show crossover 100*eps <= sqrt(eps)
show crossover eps <= eps^2
"
        ),
    );
    let shows = doc["files"][0]["shows"].as_array().expect("shows");
    let result = |i: usize| shows[i]["result"].as_str().unwrap_or("").to_string();
    // 1/eps^2 leads, then log(1/eps)/eps
    assert!(
        result(0).ends_with("= eps^(-2) + log(1/eps)/eps + O(eps)"),
        "{}",
        result(0)
    );
    assert!(result(1).starts_with("= 1/100"), "{}", result(1));
    // 100*eps <= sqrt(eps) iff eps <= 1/10000: the greatest eps0 is 1/10000
    assert!(
        result(2).starts_with("from eps = 1/10000: holds for every real eps <= 1/10000;"),
        "{}",
        result(2)
    );
    let c = &shows[2]["crossover"];
    assert_eq!(c["integer"], 10000);
    assert_eq!(c["lower"], "1/10000");
    assert_eq!(c["upper"], "1/9999");
    // eps <= eps^2 fails for every eps in (0, 1): no threshold
    assert!(result(3).starts_with("none:"), "{}", result(3));
    assert!(shows[3]["crossover"].is_null());
}

#[test]
fn misuse_is_a_located_error_with_the_right_form() {
    // (source, message part, help part, line, column)
    let cases = [
        (
            "var eps -> 1\ncheck eps = O(1)\n",
            "`var eps -> 1`",
            "`var eps -> 0`",
            1,
            12,
        ),
        (
            "var eps -> -oo\n",
            "`var eps -> -oo`",
            "declare `var eps`",
            1,
            12,
        ),
        (
            "var eps -> 0\ncheck eps <= 1 for eps >= 1/2\n",
            "`eps` tends to 0",
            "write `for eps <= E`",
            2,
            24,
        ),
        (
            "var n\ncheck n <= n^2 for n <= 1\n",
            "`n` tends to +oo",
            "write `for n >= N`",
            2,
            22,
        ),
        (
            "var eps -> 0\ncheck eps <= 1 at eps = 0\n",
            "must be > 0",
            "`eps = 1/10`",
            2,
            25,
        ),
        (
            "var eps -> 0\ncheck eps <= 1 for eps <= -1/2\n",
            "must be > 0",
            "`eps = 1/10`",
            2,
            27,
        ),
        (
            "var eps -> 0\nparam a > 0\ncheck eps <= 1 for eps <= a\n",
            "must be a number",
            "positive number",
            3,
            27,
        ),
        (
            "var eps -> 0\nshow eps at eps = 0\n",
            "must be > 0",
            "`eps = 1/10`",
            2,
            19,
        ),
        (
            "var eps -> 0\ncheck eps <= 1\n",
            "`for eps <= E` or `at eps = E`",
            "eventually",
            2,
            11,
        ),
        (
            "var eps -> 0\nplot eps for eps in [0, 1] linear\n",
            "only positive values",
            "`for eps in [1/1000, 1]`",
            2,
            22,
        ),
        (
            "var eps -> 0\nvar n\ncheck eps = o(1)\n",
            "declared twice",
            "line 1",
            2,
            1,
        ),
        (
            "var eps -> 0\ncheck log(-1/eps) = O(1)\n",
            "undefined for all small eps",
            "eventually positive",
            2,
            7,
        ),
    ];
    for (source, msg, help, line, column) in cases {
        let doc = common::report("bad.bnd", source);
        let errors = doc["files"][0]["errors"].as_array().expect("errors");
        let hit = errors.iter().find(|e| {
            let m = e["message"].as_str().unwrap_or("");
            m.contains(msg) && m.contains(help)
        });
        let Some(e) = hit else {
            panic!("{source:?}: no error with `{msg}` and `{help}` in {errors:?}");
        };
        assert_eq!(
            (e["line"].as_u64(), e["column"].as_u64()),
            (Some(line), Some(column)),
            "{source:?}: {e}"
        );
    }
}
