//! End-to-end tests of the decisions a source's claims get: the category of
//! an `unknown` and the evidence of a verdict, read from the typed
//! decision (the text the user reads is the snapshots' business). Each
//! expectation comes from the mathematics of the claim.

use crate::check::{check_program, ItemResult};
use crate::ir::{Cause, ClaimKind, Decision, Evidence, Expr, Landau, ParamBox, Verdict, Q};

/// The decisions of the claims of `src`, in source order (the file must
/// have no error).
fn decisions(src: &str) -> Vec<Decision> {
    let loaded = crate::validate::load_source("t.bnd", src);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    decisions_of(&loaded)
}

/// The decisions of the claims of a loaded file, errors or not.
fn decisions_of(loaded: &crate::validate::Loaded) -> Vec<Decision> {
    let program = loaded.program.as_ref().expect("a program");
    check_program(program)
        .into_iter()
        .filter_map(|r| match r {
            ItemResult::Claim(c) => Some(c.decision),
            ItemResult::Show(_) => None,
        })
        .collect()
}

fn q(p: i64, d: i64) -> Q {
    Q::new(p.into(), d.into())
}

#[test]
fn a_threshold_claim_carries_its_certificate() {
    // sqrt(log(20)/n) <= 1/10 iff n >= 100*log(20) = 299.57...: proved from
    // N = 300, which the certificate covers; from N = 200 it fails at some
    // n in [200, 299.57...], which the counterexample names.
    let ds = decisions(
        "var n\nparam delta in (0, 1)\nlet b = sqrt(log(1/delta)/n)\n\
         check b <= 1/10 for n >= 300 where delta = 1/20\n\
         check b <= 1/10 for n >= 200 where delta = 1/20\n",
    );
    assert_eq!(ds[0].verdict, Verdict::Proved, "{}", ds[0].reason);
    let Evidence::Certificate(c) = &ds[0].evidence else {
        panic!("no certificate: {:?}", ds[0].evidence)
    };
    assert_eq!(c.from, q(300, 1));
    assert_eq!(ds[1].verdict, Verdict::Refuted, "{}", ds[1].reason);
    let Evidence::Counterexample(p) = &ds[1].evidence else {
        panic!("no counterexample: {:?}", ds[1].evidence)
    };
    let at = p.at.clone().expect("a value of n");
    assert!(at >= q(200, 1) && at < q(29957, 100), "{at}");
}

#[test]
fn a_parametric_refutation_names_its_point() {
    // (b - 1)*n = O(1) holds only at b = 1: over b in (0, 3) the sign of
    // b - 1 changes, and the claim is refuted at an admissible b != 1.
    let ds = decisions("var n\nparam b in (0, 3)\ncheck (b - 1)*n = O(1)\n");
    assert_eq!(ds[0].verdict, Verdict::Refuted, "{}", ds[0].reason);
    let Evidence::Counterexample(p) = &ds[0].evidence else {
        panic!("no counterexample: {:?}", ds[0].evidence)
    };
    let b = &p.params["b"];
    assert!(*b > q(0, 1) && *b < q(3, 1) && *b != q(1, 1), "{p:?}");
    assert_eq!(p.at, None);
}

#[test]
fn an_equality_is_refuted_at_a_point() {
    // log(n) < n - 1 for every n > 1: `==` fails at any n >= 2 it tries.
    let ds = decisions("var n\ncheck log(n) == n - 1\n");
    assert_eq!(ds[0].verdict, Verdict::Refuted, "{}", ds[0].reason);
    let Evidence::Counterexample(p) = &ds[0].evidence else {
        panic!("no counterexample: {:?}", ds[0].evidence)
    };
    assert!(p.params.is_empty(), "{p:?}");
    assert!(p.at.clone().is_some_and(|n| n > q(1, 1)), "{p:?}");
}

#[test]
fn a_fn_claim_is_refuted_with_a_witness() {
    // f = O(1) allows f = 1, which does not tend to 0: f = o(1) is refuted
    // by a bounded function that is not o(1).
    let ds = decisions("var n\nfn f\nassume f = O(1)\ncheck f = o(1)\n");
    assert_eq!(ds[0].verdict, Verdict::Refuted, "{}", ds[0].reason);
    let Evidence::Witness(chosen) = &ds[0].evidence else {
        panic!("no witness: {:?}", ds[0].evidence)
    };
    let w = chosen.get("f").expect("a choice of f");
    let params = ParamBox::default();
    let landau = |rel| ClaimKind::Landau {
        lhs: w.clone(),
        rel,
        rhs: Expr::int(1),
    };
    let bounded = crate::asymptotic::decide(&landau(Landau::BigO), &params, "n");
    let vanishes = crate::asymptotic::decide(&landau(Landau::LittleO), &params, "n");
    assert_eq!(bounded.verdict, Verdict::Proved, "{w:?}");
    assert_eq!(vanishes.verdict, Verdict::Refuted, "{w:?}");
}

#[test]
fn a_constant_whose_sign_enclosures_cannot_settle() {
    // sqrt(3 + 2*sqrt(2)) = 1 + sqrt(2): the coefficient is exactly 0, which
    // no enclosure separates from 0.
    let ds = decisions("var n\ncheck (sqrt(3 + 2*sqrt(2)) - 1 - sqrt(2))*n = O(1)\n");
    assert_eq!(ds[0].verdict, Verdict::Unknown, "{}", ds[0].reason);
    match ds[0].cause().map(Cause::root) {
        Some(Cause::Sign(s)) => assert!(s.params.is_empty(), "{s:?}"),
        c => panic!("not a sign question: {c:?}"),
    }
}

#[test]
fn a_parameter_sign_stops_the_engine() {
    // (a - 1)*n = O(1) holds exactly when a = 1: with a free, the sign of
    // a - 1 is the question, and a has no constraint to settle it.
    let mut params = ParamBox::default();
    params
        .params
        .insert("a".into(), crate::ir::Constraint::any());
    let lhs = Expr::mul(Expr::sub(Expr::param("a"), Expr::int(1)), Expr::Var);
    let kind = ClaimKind::Landau {
        lhs,
        rel: Landau::BigO,
        rhs: Expr::int(1),
    };
    let d = crate::asymptotic::decide(&kind, &params, "n");
    assert_eq!(d.verdict, Verdict::Unknown, "{}", d.reason);
    match d.cause().map(Cause::root) {
        Some(Cause::Sign(s)) => {
            assert_eq!(s.params, vec!["a".to_string()]);
            assert_eq!(s.free, vec!["a".to_string()]);
        }
        c => panic!("not a sign question: {c:?}"),
    }
}

#[test]
fn rejected_and_contradictory_hypotheses_are_premises() {
    // G <= -1 eventually contradicts a positive G: nothing follows.
    let src = "var n\nfn G\nassume G <= -1 eventually\ncheck G = O(n)\n";
    let ds = decisions_of(&crate::validate::load_source("t.bnd", src));
    assert_eq!(ds[0].verdict, Verdict::Unknown, "{}", ds[0].reason);
    assert!(
        matches!(ds[0].cause(), Some(Cause::Premise(_))),
        "{:?}",
        ds[0].reason
    );
}

#[test]
fn a_form_no_engine_decides_is_not_supported() {
    // `==` over a range of n is decided only at a point.
    let d = crate::threshold::decide_from(
        &Expr::Var,
        crate::ir::Cmp::Eq,
        &Expr::Var,
        &Expr::int(1),
        &ParamBox::default(),
        "n",
    );
    assert_eq!(d.verdict, Verdict::Unknown);
    assert!(
        matches!(d.cause(), Some(Cause::NotSupported(_))),
        "{:?}",
        d.reason
    );
}
