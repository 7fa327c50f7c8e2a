//! `show EXPR at n = N`: the value at one point, exact where it is rational
//! and otherwise an exact enclosure whose 7-digit text is settled. Every
//! expected value is computed by hand or to 30 digits independently (the
//! digits in the comments), never read off bnd.

use bnd::{check_source, Format};
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
