//! The tidy printer against hand-computed identities, and the one-line
//! fitting of marked-up reasons.

use super::*;
use crate::ir::Expr as E;

fn q(p: i64, d: i64) -> E {
    E::Num(Q::new(BigInt::from(p), BigInt::from(d)))
}
fn log(x: E) -> E {
    E::call1(Func::Log, x)
}
fn exp(x: E) -> E {
    E::call1(Func::Exp, x)
}
fn sqrt(x: E) -> E {
    E::call1(Func::Sqrt, x)
}
fn p(name: &str) -> E {
    E::param(name)
}
fn t(e: &E) -> String {
    expr(e, "n")
}

#[test]
fn constants_are_folded() {
    // 2/(1/20) = 40
    assert_eq!(t(&log(E::div(E::int(2), q(1, 20)))), "log(40)");
    // 9*log(40)/(2*n): the constant factor stays with its log
    assert_eq!(t(&E::mul(E::int(2), E::int(3))), "6");
    assert_eq!(t(&E::sub(q(1, 2), q(1, 3))), "1/6");
    assert_eq!(t(&E::pow(E::int(2), E::int(10))), "1024");
    assert_eq!(t(&E::pow(q(2, 3), E::int(-2))), "9/4");
    // sqrt(4/9) = 2/3; sqrt(2) is irrational and stays
    assert_eq!(t(&sqrt(q(4, 9))), "2/3");
    assert_eq!(t(&sqrt(E::int(2))), "sqrt(2)");
    // log(1) = 0, exp(0) = 1
    assert_eq!(t(&log(E::int(1))), "0");
    assert_eq!(t(&exp(E::int(0))), "1");
}

#[test]
fn units_are_dropped() {
    // sqrt(2*pi)*1*(x + y)/n
    let e = E::div(
        E::mul(
            E::mul(sqrt(E::mul(E::int(2), E::Pi)), E::int(1)),
            E::add(p("x"), p("y")),
        ),
        E::Var,
    );
    assert_eq!(t(&e), "sqrt(2*pi)*(x + y)/n");
    assert_eq!(t(&E::add(E::int(0), E::Var)), "n");
    assert_eq!(t(&E::div(E::Var, E::int(1))), "n");
    assert_eq!(t(&E::pow(E::Var, E::int(1))), "n");
    assert_eq!(t(&E::mul(E::int(-1), E::Var)), "-n");
    // x + (-3) is x - 3
    assert_eq!(t(&E::add(E::Var, E::int(-3))), "n - 3");
}

#[test]
fn exp_of_a_multiple_of_a_log_is_a_power() {
    // exp(log(d)) = d, exp(a*log(d)) = d^a for d > 0 (where log d is defined)
    assert_eq!(t(&exp(log(p("d")))), "d");
    assert_eq!(t(&exp(E::mul(p("a"), log(p("d"))))), "d^a");
    assert_eq!(t(&exp(E::neg(log(p("d"))))), "d^(-1)");
    // exp(a*log(d)/(a + 2))*exp(log(d)/(a + 2)) = d^((a + 1)/(a + 2))
    let den = E::add(p("a"), E::int(2));
    let e = E::mul(
        exp(E::div(E::mul(p("a"), log(p("d"))), den.clone())),
        exp(E::div(log(p("d")), den)),
    );
    assert_eq!(t(&e), "d^((a + 1)/(a + 2))");
    // 2*log(n)/2 folds the constants: n^1 = n
    assert_eq!(
        t(&exp(E::div(E::mul(E::int(2), log(E::Var)), E::int(2)))),
        "n"
    );
}

#[test]
fn a_short_reason_is_printed_whole() {
    let r = format!(
        "{}/{} ~ 1, {}",
        named("", "lhs", "(n + 1)"),
        named("", "rhs", "n"),
        detail("bounded")
    );
    assert_eq!(headline(&r), "(n + 1)/n ~ 1, bounded");
    assert_eq!(plain(&r), "(n + 1)/n ~ 1, bounded");
}

#[test]
fn a_long_reason_names_its_longest_parts_first() {
    let long = format!("({})", ["sqrt(log(n))"; 12].join(" + "));
    let r = format!(
        "{}/{} ~ 1/2, bounded{}",
        named("", "lhs", &long),
        named("leading term", "c", "1/2"),
        detail("; from the terms free of `fn`s: something short")
    );
    let h = headline(&r);
    assert_eq!(
        h,
        "lhs/1/2 ~ 1/2, bounded; from the terms free of `fn`s: something short"
    );
    assert!(!h.contains("..."));
    let d = derivation(&r);
    assert_eq!(d[0], "lhs/1/2 ~ 1/2, bounded");
    assert_eq!(d[1], format!("  where lhs = {long}"));
    assert_eq!(d[2], "  from the terms free of `fn`s: something short");
    assert_eq!(evidence(&r)["leading term"], vec!["1/2".to_string()]);
}

#[test]
fn details_are_dropped_whole_and_last_first() {
    let filler = "x".repeat(100);
    let r = format!(
        "head{}{}",
        detail(&format!(", first {filler}")),
        detail(&format!(", second {filler}"))
    );
    let h = headline(&r);
    assert_eq!(h, format!("head, first {filler}"));
    // steps are never on the line
    let r = format!("head{}", step("only in the derivation"));
    assert_eq!(headline(&r), "head");
    assert_eq!(derivation(&r), vec!["head", "  only in the derivation"]);
}

#[test]
fn parentheses_stay_balanced_in_every_headline() {
    let inner = format!("({})", "log(n)*".repeat(40) + "n");
    let r = format!(
        "by {}: {} <= {} for every n >= 3",
        named("", "the hypotheses", "`G = O(sqrt(n))`"),
        named("", "lhs", &inner),
        named("", "the bound", &inner)
    );
    let h = headline(&r);
    let opened = h.matches('(').count();
    assert_eq!(opened, h.matches(')').count(), "{h}");
    assert!(h.chars().count() <= LINE, "{h}");
}

#[test]
fn markup_around_characters_of_several_bytes() {
    // names, details and steps between runs of text with `≤`, `√` and `é`
    let r = format!(
        "√2 ≤ {}{}{}",
        named("", "c", "é·x"),
        detail(" (pour n ≥ 3)"),
        step("étape ≤ 1")
    );
    assert_eq!(plain(&r), "√2 ≤ é·x (pour n ≥ 3)");
    assert_eq!(headline(&r), "√2 ≤ é·x (pour n ≥ 3)");
    // markup cut short: a name without its separators or its close
    let cut = format!("a {}", &named("k", "s", "t")[..4]);
    assert_eq!(plain(&cut), "a ");
}

#[test]
fn spaces_are_tidied_around_any_characters() {
    assert_eq!(tidy_spaces("  x  ,  y ;z  "), "x, y;z");
    assert_eq!(tidy_spaces("é  ,  ≤   ;"), "é, ≤;");
}

#[test]
fn steps_never_change_the_one_line_reason() {
    // long named parts before and inside the steps: the line is over LINE
    // characters, so names are collapsed; those inside steps are never shown
    let long = "x".repeat(90);
    let head = format!(
        "proved: {} ~ {}",
        named("", "lhs", &format!("a{long}")),
        named("leading", "c", &format!("b{long}"))
    );
    let steps = format!(
        "{}{}",
        step(&format!("lhs = {}", named("", "s", &"#".repeat(300)))),
        step(&format!("rhs = {}", named("k", "t", "z")))
    );
    let with = format!("{head}{}{steps}", detail(" (for every n)"));
    let without = format!("{head}{}", detail(" (for every n)"));
    assert_eq!(headline(&with), headline(&without));
    assert!(headline(&with).chars().count() <= LINE);
    assert!(!headline(&with).contains('#'));
}
