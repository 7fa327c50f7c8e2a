//! Resource bounds and bad input: inputs built to break a checker (deep
//! nesting, huge numbers and exponents, many claims, domain errors) must end
//! in an error or a verdict — never a panic, a stack overflow or a hang.
//! Each case is a named regression test.

mod common;
use bnd::{check_source, Format};
use common::bnd;

/// Checks `src` and returns (report, exit code); a panic fails the test.
fn check(src: &str) -> (String, u8) {
    check_source("robust.bnd", src, Format::Text)
}

#[test]
fn parentheses_nested_ten_thousand_deep_is_an_error() {
    let src = format!(
        "var n\ncheck {}n{} = O(n)\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let (out, code) = check(&src);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("nested too deeply"), "{out}");
}

#[test]
fn sqrt_nested_ten_thousand_deep_is_an_error() {
    let src = format!(
        "var n\ncheck {}n{} = O(n)\n",
        "sqrt(".repeat(10_000),
        ")".repeat(10_000)
    );
    let (out, code) = check(&src);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("nested too deeply"), "{out}");
}

#[test]
fn a_ten_thousand_digit_number_is_exact() {
    let src = format!("var n\ncheck {}*n = Theta(n)\n", "9".repeat(10_000));
    let (out, code) = check(&src);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_googol_exponent_is_decided_not_a_hang() {
    // decided since the exp–log engine (n^(10^100) as exp(10^100 log n)),
    // at once: the point is that it does not hang
    let (out, code) = check("var n\ncheck n^(10^100) = omega(n)\n");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(": proved:"), "{out}");
}

#[test]
fn a_number_with_a_huge_decimal_exponent_is_rejected() {
    let (out, code) = check("var n\ncheck 1e1000000 * n = O(n)\n");
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("exponent too large"), "{out}");
}

#[test]
fn a_tower_of_powers_is_refuted() {
    // refuted since the exp–log engine: the tower tends to +oo
    let (out, code) = check("var n\ncheck 2^(2^(2^(2^(2^n)))) = O(1)\n");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(": refuted:"), "{out}");
}

#[test]
fn a_huge_constant_power_is_still_a_constant() {
    let (out, code) = check("var n\ncheck 10^(10^(10^10)) * n = O(n)\n");
    assert_eq!(code, 0, "{out}");
}

#[test]
fn many_claims_are_all_checked() {
    let mut src = String::from("var n\n");
    for i in 0..2000 {
        src.push_str(&format!("check n^{} = O(n^{})\n", i % 7, i % 7 + 1));
    }
    let (out, code) = check(&src);
    assert_eq!(code, 0);
    assert!(
        out.contains("summary: 2000 claims: 2000 passed"),
        "{}",
        out.lines().last().unwrap_or("")
    );
}

/// A file of 10 000 claims loads and checks: every position in it is found
/// through the file's line index, and every claim is counted.
#[test]
fn ten_thousand_claims_in_one_file_are_all_checked() {
    let mut src = String::from("var n\n");
    for _ in 0..10_000 {
        src.push_str("check n <= n^2 eventually\n");
    }
    let (out, code) = check(&src);
    assert_eq!(code, 0, "{}", out.lines().last().unwrap_or(""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.last().copied(),
        Some("summary: 10000 claims: 10000 passed, 0 failed, 0 unknown; 0 errors")
    );
    // the last claim is on line 10 001 of the file
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("robust.bnd:10001:1: ok:")),
        "{}",
        lines.get(lines.len().saturating_sub(2)).unwrap_or(&"")
    );
}

#[test]
fn a_long_product_expands_exactly() {
    let src = format!(
        "var n\ncheck {} = Theta(n^100)\n",
        vec!["(n+1)"; 100].join("*")
    );
    let (out, code) = check(&src);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn domain_errors_are_errors_or_unknown_never_verdicts() {
    let (out, _) = check(
        "var n\ncheck 1/(n-n) = O(1)\ncheck sqrt(1-n) = O(n)\ncheck log(1-n) = O(n)\ncheck log(0) * n = O(n)\n",
    );
    for line in out.lines().filter(|l| l.starts_with("robust.bnd:")) {
        assert!(line.contains("UNKNOWN"), "{line}");
    }
    assert!(out.contains("`log` of 0 is undefined"), "{out}");
}

#[test]
fn an_empty_file_has_no_claims() {
    let (out, code) = check("");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 claims"), "{out}");
}

#[test]
fn garbage_bytes_are_errors() {
    for src in [
        "\u{0}\u{1}\u{2}",
        "check",
        "check =",
        "param",
        "let = 3",
        "var n n",
        "check n = O(",
        "\"\"\"",
        "é",
    ] {
        let (out, code) = check(src);
        assert_eq!(code, 2, "{src:?}: {out}");
    }
}

/// Fuzzer find (tests/no_panic/timeout_fuzz_run2_minimal.input):
/// the same expression on both sides cancelled at every term budget, then the
/// witness search repeated that 48 times — seconds for one claim.
#[test]
fn the_same_expression_on_both_sides_is_decided_at_once() {
    let src = "var n\nparam kl > 0\nparam delta in (0, 1)\n\
               let pb_slow(s) = sqrt((kl + log(2 * sqrt(s) / delta)) / (2 * s))\n\
               check pb_slow(n) < pb_slow(n) eventually\n\
               check pb_slow(n) <= pb_slow(n) eventually\n";
    let (out, code) = check(src);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("robust.bnd:5:1: FAILED: check pb_slow(n) < pb_slow(n) eventually: refuted"),
        "{out}"
    );
    assert!(out.contains("robust.bnd:6:1: ok:"), "{out}");
}

/// A sum of 10^4 terms with both signs is no longer "nested too deeply"
/// (long `+`/`-` chains are rebuilt balanced by the parser) and is exact.
#[test]
fn a_sum_of_ten_thousand_terms_is_exact() {
    let terms: Vec<String> = (1..10_000)
        .map(|i| format!("{} {i}", if i % 3 == 0 { "-" } else { "+" }))
        .collect();
    let total: i64 = (1..10_000).map(|i| if i % 3 == 0 { -i } else { i }).sum();
    let sum = format!("n {}", terms.join(" "));
    let src = format!(
        "var n\ncheck {sum} == n + {total}\nrefute {sum} == n + {}\ncheck {sum} = Theta(n)\n",
        total + 1
    );
    let (out, code) = check(&src);
    assert_eq!(code, 0, "{}", out.lines().last().unwrap_or(""));
    assert!(out.contains("summary: 3 claims: 3 passed"), "{out}");
}

/// `a - b + c - d` regrouped must keep every sign: a chain whose value
/// depends on each sign is checked against its closed form.
#[test]
fn a_long_alternating_chain_keeps_its_signs() {
    // n^0 - n^1 + n^2 - ... over 400 terms, compared with the leading term.
    let terms: Vec<String> = (0..400)
        .map(|i| format!("{} n^{i}", if i % 2 == 0 { "+" } else { "-" }))
        .collect();
    let src = format!(
        "var n\ncheck 0 {} ~ -n^399\nrefute 0 {} ~ n^399\n",
        terms.join(" "),
        terms.join(" ")
    );
    let (out, code) = check(&src);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_product_of_a_thousand_factors_is_decided() {
    let src = format!(
        "var n\ncheck {} = Theta(n^1000)\nrefute {} = O(n^999)\n",
        vec!["n"; 1000].join("*"),
        vec!["n"; 1000].join("*")
    );
    let (out, code) = check(&src);
    assert_eq!(code, 0, "{out}");
}

/// E-graph inputs built to explode (long commutative chains over many
/// parameters) stop at the e-graph's limits and are still decided exactly.
#[test]
fn long_commutative_chains_stop_at_the_limit() {
    let ps: Vec<String> = (0..40).map(|i| format!("a{i}")).collect();
    let rev: Vec<String> = ps.iter().rev().cloned().collect();
    let src = format!(
        "var n\nparam {} > 0\ncheck {}*n == n*{}\ncheck ({})*n == n*({})\nrefute ({})*n == n*({}) + 1\n",
        ps.join(", "),
        ps.join("*"),
        rev.join("*"),
        ps.join("+"),
        rev.join("+"),
        ps.join("+"),
        rev.join("+"),
    );
    let (out, code) = check(&src);
    assert_eq!(code, 0, "{out}");
}

// ---- the nesting limit, stage by stage ---------------------------------
//
// `src/limits.rs` accepts 200 levels of nesting (`LIMITS.nesting`): a tree
// of 200 levels is 199 calls around `n`, or 200 brackets around it. Every
// stage must handle what the parser accepts, on ordinary stacks, and one
// level more must be a located error.

/// The nesting limit of `src/limits.rs`; the error message names it, which
/// the tests below check.
const NESTING: usize = 200;

/// `f(f(...f(x)...))` with `k` opening texts `f(`.
fn nest(open: &str, k: usize, x: &str) -> String {
    format!("{}{x}{}", open.repeat(k), ")".repeat(k))
}

/// Runs `f` on a thread with a 256 KiB stack (an eighth of a test thread's):
/// the recursion must grow its own stack where it goes deep.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(f)
        .expect("a thread starts")
        .join()
        .expect("no panic, no overflow")
}

#[test]
fn nesting_at_the_limit_is_decided_and_one_more_is_a_located_error() {
    // sqrt applied 199 times to n is n^(2^-199) <= n: O(n); 200 brackets
    // around n are n.
    let src = format!(
        "var n\ncheck {} = O(n)\ncheck {} = O(n)\ncheck {} <= n for n >= 10\ncheck {} == {}\ncheck lim {} = 0\n",
        nest("sqrt(", NESTING - 1, "n"),
        nest("(", NESTING, "n"),
        nest("sqrt(", NESTING - 1, "n"),
        nest("sqrt(1+", NESTING / 2 - 1, "n"),
        nest("sqrt(1+", NESTING / 2 - 1, "n"),
        nest("sqrt(", NESTING - 2, "1/n"),
    );
    let (out, code) = on_small_stack(move || check(&src));
    assert_eq!(code, 0, "{out}");
    for line in 2..=6 {
        assert!(
            out.contains(&format!("robust.bnd:{line}:1: ok:")),
            "{line}: {out}"
        );
    }
    // One call more: the outermost call is the 201st level.
    let over = format!("var n\ncheck {} = O(n)\n", nest("sqrt(", NESTING, "n"));
    let (out, code) = on_small_stack(move || check(&over));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(&format!("nested too deeply (more than {NESTING} levels)")),
        "{out}"
    );
    assert!(out.contains("--> robust.bnd:2:7"), "{out}");
    // One bracket more: the error points at the 201st `(`, column 7 + 200.
    let over = format!("var n\ncheck {} = O(n)\n", nest("(", NESTING + 1, "n"));
    let (out, code) = check(&over);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(&format!("--> robust.bnd:2:{}", 7 + NESTING)),
        "{out}"
    );
}

/// Definitions substituted past the limit are a located error at the use.
#[test]
fn definitions_nested_past_the_limit_are_a_located_error() {
    let src = format!(
        "var n\nlet f = {}\ncheck sqrt(f) = O(n)\ncheck f = O(n)\n",
        nest("sqrt(", NESTING - 1, "n")
    );
    let (out, code) = check(&src);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("once definitions are substituted"), "{out}");
    assert!(out.contains("--> robust.bnd:3:7"), "{out}");
    // the use that stays within the limit is decided
    assert!(out.contains("robust.bnd:4:1: ok:"), "{out}");
}

#[test]
fn deep_shows_parameters_and_hypotheses_fit_a_small_stack() {
    let src = format!(
        "var n\nparam a in (0, 1)\nfn G\nassume G = O({})\nshow {}\nshow {} at n = 10 where a = 1/2\ncheck G + {} = O(n)\ncheck {} = O(n)\n",
        nest("sqrt(", NESTING - 3, "n"),
        nest("sqrt(1+", NESTING / 2 - 1, "n"),
        nest("sqrt(", NESTING - 3, "a*n"),
        nest("sqrt(", NESTING - 4, "n"),
        nest("max(1, ", NESTING - 1, "n"),
    );
    let (out, code) = on_small_stack(move || check(&src));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("robust.bnd:5:1: show "), "{out}");
    assert!(out.contains("robust.bnd:6:1: show "), "{out}");
    // G = O(n^(2^-197)) and the other term is O(n): the sum is O(n)
    assert!(out.contains("robust.bnd:7:1: ok:"), "{out}");
    // max(1, max(1, ... n)) = n for n >= 1
    assert!(out.contains("robust.bnd:8:1: ok:"), "{out}");
}

#[test]
fn every_command_handles_the_deepest_accepted_expression() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("robust_nesting");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a fresh folder");
    let deep = nest("sqrt(", NESTING - 1, "n");
    let file = dir.join("deep.bnd");
    std::fs::write(
        &file,
        format!("var n\ncheck {deep} = O(n)\nshow {deep}\nplot {deep}, n for n in [1, 100]\n"),
    )
    .expect("the file is written");
    let file = file.to_str().expect("a UTF-8 path");
    let (code, out, err) = bnd(&["check", "--explain", file]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(":2:1: ok:"), "{out}");
    let (code, out, err) = bnd(&["check", "--format", "json", file]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("\"proved\""), "{out}");
    let (code, out, err) = bnd(&["show", &deep]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = bnd(&["show", "--latex", &deep]);
    assert_eq!(code, 0, "{out}{err}");
    let svgs = dir.join("svg");
    let (code, out, err) = bnd(&["plot", "--out", svgs.to_str().unwrap_or(""), file]);
    assert_eq!(code, 0, "{out}{err}");
    let drawn = std::fs::read_dir(&svgs).map_or(0, |d| d.count());
    assert_eq!(drawn, 1, "{out}{err}");
    // one level more: a located error from every command that reads it
    let over = nest("sqrt(", NESTING, "n");
    let (code, out, err) = bnd(&["show", &over]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        format!("{out}{err}").contains("nested too deeply"),
        "{out}{err}"
    );
}
