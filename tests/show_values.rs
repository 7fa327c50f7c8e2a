//! `show EXPR at n = N`: the value at one point, exact where it is rational
//! and otherwise an exact enclosure whose 7-digit text is settled. Every
//! expected value is computed by hand or to 30 digits independently (the
//! digits in the comments), never read off bnd.

mod common;
use bnd::{check_source, Format};
use common::bnd;
use num_rational::BigRational;
use serde_json::Value;

/// The shows of `src`, as JSON objects, in order.
fn shows(src: &str) -> Vec<Value> {
    let (text, code) = check_source("values.bnd", src, Format::Json);
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(code, 0, "a file with only shows passes: {text}");
    doc["files"][0]["shows"]
        .as_array()
        .expect("a shows array")
        .clone()
}

fn result(s: &Value) -> &str {
    s["result"].as_str().expect("a result")
}

#[test]
fn rational_values_are_exact() {
    let s = shows("show n^2 + 1 at n = 3\nshow 1/n at n = 3\nshow (n - 1)/4 at n = 3\n");
    assert_eq!(result(&s[0]), "= 10");
    assert_eq!(s[0]["value"]["lower"], "10");
    assert_eq!(s[0]["value"]["upper"], "10");
    assert_eq!(result(&s[1]), "= 1/3 ≈ 0.3333333");
    assert_eq!(s[1]["value"]["lower"], "1/3");
    assert_eq!(s[1]["value"]["upper"], "1/3");
    assert_eq!(s[1]["value"]["text"], "0.3333333");
    assert_eq!(result(&s[2]), "= 1/2 ≈ 0.5");
}

#[test]
fn irrational_values_are_enclosed_and_rounded() {
    // sqrt(2) = 1.41421356237..., log(10^4) = 9.21034037197...,
    // sqrt(log(20)/100) = 0.173081838260...
    let s = shows(
        "param delta in (0, 1)\n\
         show sqrt(n) at n = 2\n\
         show log(n) at n = 10^4\n\
         show sqrt(log(1/delta)/n) at n = 100 where delta = 1/20\n",
    );
    assert_eq!(result(&s[0]), "≈ 1.414214");
    assert_eq!(result(&s[1]), "≈ 9.21034");
    assert_eq!(result(&s[2]), "≈ 0.1730818");
    assert_eq!(s[2]["where"][0][0], "delta");
    assert_eq!(s[2]["where"][0][1], "1/20");
    // the enclosure is exact: the true value lies between its ends, which
    // are within 10^-8 of it here
    for (v, lo, hi) in [
        (&s[0], "141421356/100000000", "141421357/100000000"),
        (&s[1], "921034037/100000000", "921034038/100000000"),
        (&s[2], "17308183/100000000", "17308184/100000000"),
    ] {
        let lower = q(v["value"]["lower"].as_str().unwrap());
        let upper = q(v["value"]["upper"].as_str().unwrap());
        assert!(q(lo) <= lower && lower <= upper && upper <= q(hi), "{v}");
    }
}

fn q(s: &str) -> BigRational {
    s.parse().expect("an exact rational p/q")
}

#[test]
fn values_that_cannot_be_given() {
    let s = shows(
        "param a > 0\nfn G\n\
         show a*n at n = 2\n\
         show log(n - 2) at n = 2\n\
         show G at n = 2\n\
         show a*n at n = 2 where a = 3/2\n",
    );
    assert_eq!(
        result(&s[0]),
        "unknown: the value depends on `a`: give it a value with `where`"
    );
    assert!(
        result(&s[1]).starts_with("unknown: not defined at n = 2"),
        "{}",
        result(&s[1])
    );
    assert!(result(&s[2]).starts_with("unknown: the value of a `fn`"));
    assert_eq!(result(&s[3]), "= 3");
    for v in &s[..3] {
        assert!(v.get("value").is_none(), "{v}");
    }
}

#[test]
fn the_point_must_be_a_constant() {
    let (text, code) = check_source("values.bnd", "show log(n) at n = n\n", Format::Text);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("the point must not depend on `n`"), "{text}");
}

#[test]
fn bnd_show_expands_to_the_first_correction_or_more() {
    // sqrt(n+1) - sqrt(n) = 1/(sqrt(n+1) + sqrt(n))
    //                     = 1/2 n^(-1/2) - 1/8 n^(-3/2) + 1/16 n^(-5/2) - ...
    let (code, out, err) = bnd(&["show", "sqrt(n+1) - sqrt(n)"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "sqrt(n + 1) - sqrt(n) = 1/2*n^(-1/2) - 1/8*n^(-3/2) + O(n^(-5/2))\n"
    );
    let (_, out, _) = bnd(&["show", "sqrt(n+1) - sqrt(n)", "--terms", "3"]);
    assert!(
        out.ends_with("= 1/2*n^(-1/2) - 1/8*n^(-3/2) + 1/16*n^(-5/2) + O(n^(-7/2))\n"),
        "{out}"
    );
}

#[test]
fn bnd_show_takes_free_names_as_parameters_and_says_so() {
    // log(20)/100 = 0.0299573227...
    let (code, out, err) = bnd(&["show", "log(1/delta)/n at n = 100 where delta = 1/20"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "≈ 0.02995732");
    assert!(
        lines[1].starts_with("note: `delta` is a parameter with no constraint"),
        "{out}"
    );
    // with no constraint its sign is unknown, and the expansion says why
    let (_, out, _) = bnd(&["show", "a*n"]);
    assert!(out.starts_with("a*n = "), "{out}");
    assert!(out.contains("note: `a` is a parameter"), "{out}");
}

#[test]
fn bnd_show_in_a_file_sees_its_declarations() {
    // vc_slow(d, n) = sqrt((d*log(2e n/d) + log(4/delta))/n) ~ sqrt(d log(n)/n)
    let (code, out, err) = bnd(&[
        "show",
        "vc_slow(dvc, n)",
        "--in",
        "theorems/classic/vc.bnd",
        "--terms",
        "1",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.trim_end()
            .ends_with("= sqrt(dvc)*n^(-1/2)*log(n)^(1/2) + O(n^(-1/2)*log(n)^(-1/2))"),
        "{out}"
    );
    assert!(!out.contains("note:"), "{out}");
    // an error in the expression points into the expression
    let (code, _, err) = bnd(&[
        "show",
        "vc_slowx(dvc, n)",
        "--in",
        "theorems/classic/vc.bnd",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown function `vc_slowx`"), "{err}");
    assert!(err.contains("<expression>:1:1"), "{err}");
    assert!(err.contains("did you mean `vc_slow`?"), "{err}");
    let (code, _, err) = bnd(&["show", "n", "--in", "no/such/file.bnd"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read `no/such/file.bnd`: file not found"),
        "{err}"
    );
}

#[test]
fn bnd_show_latex() {
    let (code, out, err) = bnd(&["show", "sqrt(n+1) - sqrt(n)", "--latex"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "\\sqrt{n + 1} - \\sqrt{n} = \\frac{1}{2} \\cdot n^{-1/2} - \\frac{1}{8} \\cdot n^{-3/2} + O\\left(n^{-5/2}\\right)\n"
    );
}

#[test]
fn bnd_show_in_a_file_with_a_variable_tending_to_zero() {
    let file = "theorems/classic/accuracy.bnd";
    // with t = 1/eps: sqrt(t + 1) - sqrt(t) = 1/2 t^(-1/2) - 1/8 t^(-3/2) + ...
    let (code, out, err) = bnd(&["show", "sqrt(1/eps + 1) - sqrt(1/eps)", "--in", file]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with("= 1/2*eps^(1/2) - 1/8*eps^(3/2) + O(eps^(5/2))\n"),
        "{out}"
    );
    // (d + log(1/delta))/eps^2 is exactly one term
    let (code, out, err) = bnd(&["show", "m_agn", "--in", file]);
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("= (d - log(delta))*eps^(-2)\n"), "{out}");
    // 10^4 * (10 + log(20)) = 129957.32...
    let (code, out, err) = bnd(&[
        "show",
        "m_agn at eps = 1/100 where d = 10, delta = 1/20",
        "--in",
        file,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "≈ 129957.3\n");
    let (code, out, err) = bnd(&["show", "eps^2 + eps^3", "--in", file, "--latex"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with("= \\varepsilon^{2} + \\varepsilon^{3}\n"),
        "{out}"
    );
    // eps = 0 is not a value of eps
    let (code, _, err) = bnd(&["show", "eps at eps = 0", "--in", file]);
    assert_eq!(code, 2);
    assert!(err.contains("must be > 0"), "{err}");
}

/// The bounds part of a `show` with `fn`s (after "(unknown functions): ").
fn fn_bounds(src: &str) -> String {
    let s = shows(src);
    let r = result(&s[0]);
    r.split_once("(unknown functions): ")
        .unwrap_or_else(|| panic!("a show with fns: {r}"))
        .1
        .to_string()
}

#[test]
fn fn_bounds_print_as_rates_when_proved_theta_of_them() {
    // A `fn` is eventually positive. L*G_U/n + 1/sqrt(n) lies between c*L
    // and C*L + 1 (G_U = Theta(n)), L*G_F/n + 1/sqrt(n) between n^(-1/2)
    // and (C*L + 1)*n^(-1/2) (G_F = O(sqrt(n))): the ratio is
    // Theta(sqrt(n)) for every L > 0.
    let src = "param L > 0\nfn G_F\nfn G_U\nassume G_F = O(sqrt(n))\nassume G_U = Theta(n)\n\
               show (L * G_U / n + 1 / sqrt(n)) / (L * G_F / n + 1 / sqrt(n))\n";
    assert_eq!(fn_bounds(src), "eventually positive; Theta(n^(1/2))");
    // G + n with 0 < G = O(n^2*log(n)): between n and C*n^2*log(n)
    let src = "fn G\nassume G = O(n^2 * log(n))\nshow G + n\n";
    assert_eq!(
        fn_bounds(src),
        "eventually positive; O(n^2*log(n)), Omega(n)"
    );
}

#[test]
fn a_bound_whose_leading_coefficient_may_vanish_is_not_printed_as_its_rate() {
    // a*n + 1 = Theta(n) for every a in (0, 1], but at a = 0 it is 1: with
    // a in [0, 1] the class O(a*n + 1) is O(1) at a = 0, not O(n), so the
    // bound is printed itself.
    let open = "param a in (0, 1]\nfn G\nassume G = O(a*n + 1)\nshow G\n";
    assert!(fn_bounds(open).contains("O(n)"), "{}", fn_bounds(open));
    let closed = "param a in [0, 1]\nfn G\nassume G = O(a*n + 1)\nshow G\n";
    let b = fn_bounds(closed);
    assert!(!b.contains("O(n)") && b.contains('a'), "{b}");
}
