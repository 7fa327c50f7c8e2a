//! Unit tests of the exp–log engine through `explog::decide` (no sampling
//! of parameters, no e-graph): monomial comparisons, opaque exponentials,
//! the questions that stop it, and the exact zero test.

use super::{decide, exact_zero_difference};
use crate::ir::{Claim, ClaimKind, Item, Verdict};
use crate::lower::load_source;

/// The single claim of `var n` + `src`.
fn claim(src: &str) -> Claim {
    let loaded = load_source("t.bnd", &format!("var n\n{src}"));
    let p = loaded.program.expect("program");
    p.items
        .into_iter()
        .find_map(|it| match it {
            Item::Claim(c) => Some(c),
            _ => None,
        })
        .expect("a claim")
}

fn run(src: &str) -> (Verdict, String) {
    let c = claim(src);
    let kind = c.kind.clone().expect("decidable kind");
    let d = decide(&kind, &c.params, "n");
    (d.verdict, crate::reason::plain(&d.reason.to_string()))
}

#[test]
fn comparisons_of_monomials() {
    let cases = [
        ("check exp(n) = omega(n^1000)", Verdict::Proved),
        ("check exp(sqrt(n)) = o(exp(n^(2/3)))", Verdict::Proved),
        ("check exp(log(n)^2) = omega(n^100)", Verdict::Proved),
        (
            "check exp(sqrt(log(n))) = o(log(n)^(-1)*n^(1/1000))",
            Verdict::Proved,
        ),
        ("check exp(n)*n = O(exp(n))", Verdict::Refuted),
        (
            "check log(log(log(n))) = o(log(log(n))^(1/1000))",
            Verdict::Proved,
        ),
        ("check n^log(2) = o(n)", Verdict::Proved),
        ("check exp(exp(n))*exp(-exp(n)) = Theta(1)", Verdict::Proved),
    ];
    for (src, want) in cases {
        let (v, why) = run(src);
        assert_eq!(v, want, "{src}: {why}");
    }
}

#[test]
fn an_order_of_parameters_not_known_is_the_question() {
    // n^a against n^b, a and b in (0, 1): the engine alone cannot order them
    let (v, why) = run("param a, b in (0, 1)\ncheck n^a = O(n^b)");
    assert_eq!(v, Verdict::Unknown, "{why}");
    assert!(
        why.contains("sign of") && why.contains("a") && why.contains("b"),
        "{why}"
    );
    // exp(a n) against exp(b n): the same question, one level up
    let (v, why) = run("param a, b in (0, 1)\ncheck exp(a*n) = O(exp(b*n))");
    assert_eq!(v, Verdict::Unknown, "{why}");
    assert!(why.contains("sign of"), "{why}");
    // with an order known from the constraints, decided
    let (v, why) = run("param a in (0, 1)\nparam b in (1, 2)\ncheck n^a = o(n^b)");
    assert_eq!(v, Verdict::Proved, "{why}");
}

#[test]
fn opaque_exponentials_are_their_own_functions() {
    // the same expression: the two opaque factors cancel exactly
    let (v, why) = run("check lim exp(exp(exp(n + exp(-n))))/exp(exp(exp(n + exp(-n)))) = 1");
    assert_eq!(v, Verdict::Proved, "{why}");
    assert!(why.contains("exactly"), "{why}");
    // two expressions whose truncated arguments agree: never merged (the
    // quotient would be 1; in truth it tends to 0)
    let (v, why) =
        run("check lim exp(exp(exp(n + exp(-n))))/exp(exp(exp(n + exp(-n) + exp(-1000*n)))) = 1");
    assert_eq!(v, Verdict::Unknown, "{why}");
    // their difference, with the arguments' difference taken first: B/A =
    // exp(F_B - F_A) -> oo since F_B - F_A ~ exp(exp(n) - 999 n), so A - B -> -oo
    let (v, why) =
        run("check lim exp(exp(exp(n + exp(-n)))) - exp(exp(exp(n + exp(-n) + exp(-1000*n)))) = 0");
    assert_eq!(v, Verdict::Refuted, "{why}");
    assert!(why.contains("-oo"), "{why}");
    // an opaque factor against an exact one: decided by the leading term
    let (v, why) = run("check exp(exp(exp(n + exp(-n)))) = omega(exp(exp(exp(n))))");
    assert_eq!(v, Verdict::Proved, "{why}");
}

#[test]
fn budgets_and_domains_end_in_unknown() {
    // (written through a `let` argument: lowering rejects a visible
    // `log(-exp(n))` as a file error before the engine sees it)
    let (v, why) = run("let f(x) = log(x)\ncheck lim f(-exp(n)) = oo");
    assert_eq!(v, Verdict::Unknown);
    assert!(why.contains("not defined for large n"), "{why}");
    let (v, why) = run("check lim (sqrt(3 + 2*sqrt(2)) - 1 - sqrt(2))*exp(n) = 0");
    assert_eq!(v, Verdict::Unknown);
    assert!(why.contains("cannot decide whether"), "{why}");
    // exp(1/n)*exp(-1/n) - 1 is 0, but its truncated expansion is only
    // O(n^(-65)): n^100 times it is not settled within 64 terms
    let (v, why) = run("check lim n^100*(exp(1/n)*exp(-1/n) - 1) = 0");
    assert_eq!(v, Verdict::Unknown, "{why}");
}

#[test]
fn exact_zero_only_for_exact_identities() {
    let pairs = [
        ("check n^n = O(exp(n*log(n)))", true),
        ("check 2^n = O(exp(n*log(2)))", true),
        ("check exp(n)^2 = O(exp(2*n))", true),
        ("check exp(exp(n)) = O(exp(exp(n) + exp(-n)))", false),
        ("check abs(exp(n) - 2) = O(exp(n) - 2)", false),
        ("check (1 + 1/n)^n = O(exp(n*log(1 + 1/n)))", false),
    ];
    for (src, want) in pairs {
        let c = claim(src);
        let Ok(ClaimKind::Landau { lhs, rhs, .. }) = &c.kind else {
            panic!("not a Landau claim: {src}");
        };
        let got = exact_zero_difference(lhs, rhs, &c.params);
        assert_eq!(got, want, "{src}");
    }
}

/// A tiny deterministic generator (LCG) for random exp–log expressions.
struct Gen(u64);

impl Gen {
    fn next(&mut self, m: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % m
    }
    fn expr(&mut self, depth: u32) -> String {
        if depth == 0 {
            return ["n", "2", "1/2", "3", "n", "log(n)"][self.next(6) as usize].to_string();
        }
        let a = self.expr(depth - 1);
        match self.next(11) {
            0 => format!("exp({a})"),
            1 => format!("exp(-{a})"),
            2 => format!("log(2 + {a}^2)"),
            3 => format!("sqrt(1 + {a}^2)"),
            4 => format!("({a})^2"),
            5 => format!("1/(1 + {a}^2)"),
            6 => format!("({a} + {})", self.expr(depth - 1)),
            7 => format!("({a} - {})", self.expr(depth - 1)),
            8 => format!("({a})*({})", self.expr(depth - 1)),
            9 => format!("({a})/(3 + {}^2)", self.expr(depth - 1)),
            _ => format!("(2 + {a}^2)^(1/n)"),
        }
    }
}

/// Random exp–log expressions: a function is never refuted against itself,
/// and decisions about a pair never contradict each other (A = o(B) and
/// B = O(A) both proved; lim A = oo and A = O(1) both proved).
#[test]
fn random_expressions_are_consistent() {
    let seed = std::env::var("BND_EXPLOG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20261127);
    let mut g = Gen(seed);
    let mut decided = 0;
    for _ in 0..100 {
        let a = g.expr(3);
        let b = g.expr(3);
        let v = |src: &str| run(src).0;
        for src in [
            format!("check {a} = Theta({a})"),
            format!("check {a} ~ {a}"),
            format!("check {a} <= {a} eventually"),
        ] {
            assert_ne!(v(&src), Verdict::Refuted, "{src}");
        }
        let ab = v(&format!("check {a} = o({b})"));
        let ba = v(&format!("check {b} = O({a})"));
        assert!(
            !(ab == Verdict::Proved && ba == Verdict::Proved),
            "A = o(B) and B = O(A): A = {a}, B = {b}"
        );
        let lim = v(&format!("check lim {a} = oo"));
        let bounded = v(&format!("check {a} = O(1)"));
        assert!(
            !(lim == Verdict::Proved && bounded == Verdict::Proved),
            "lim A = oo and A = O(1): A = {a}"
        );
        if ab != Verdict::Unknown {
            decided += 1;
        }
    }
    assert!(decided >= 50, "only {decided} of 100 pairs decided");
}
