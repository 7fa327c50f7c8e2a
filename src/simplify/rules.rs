//! The rewrite rules, in one table, and their guards.
//!
//! A class denotes one partial function (its domain and its values), so a
//! rule may fire only when both sides have the same domain and agree on it.
//! Rules valid everywhere carry no guard. Every other rule carries guards
//! named `is_*`, each *proved* from the e-class analysis (`defined`: defined
//! on the whole domain; `range`: an enclosure of the values wherever
//! defined) — never "not obviously zero". Example: `a/a -> 1` needs `a`
//! defined everywhere and never zero; `x*0 -> 0` needs `x` defined
//! everywhere (else `(1/a)*0` would absorb `a`'s pole).
//!
//! Power convention: `a^k` for an integer `k` is defined for `a != 0` (any
//! `a` when `k >= 1`; `0^0` is treated as undefined); `a^p` for a
//! non-integer `p` is only relied on for `a >= 0` (`a > 0` when `p < 0`).

use super::analysis::{int_of, BndAnalysis, BndGraph, Facts};
use super::lang::Bnd;
use super::matcher::Program;
use egg::{rewrite as rw, Id, Subst, Var};
use num_traits::Signed;
use std::sync::LazyLock;

pub type Rule = egg::Rewrite<Bnd, BndAnalysis>;

fn var(name: &str) -> Option<Var> {
    name.parse().ok()
}

/// Facts of the class bound to `v`, if bound.
fn facts<'a>(egraph: &'a BndGraph, subst: &Subst, v: &Option<Var>) -> Option<&'a Facts> {
    let id = subst.get((*v)?)?;
    Some(&egraph[*id].data)
}

type Guard = Box<dyn Fn(&mut BndGraph, Id, &Subst) -> bool + Send + Sync>;

/// A guard testing one property of one pattern variable.
fn unary(name: &str, test: fn(&Facts) -> bool) -> Guard {
    let v = var(name);
    Box::new(move |eg: &mut BndGraph, _, s: &Subst| facts(eg, s, &v).is_some_and(test))
}

fn defined(f: &Facts) -> bool {
    f.defined
}
fn defined_nonzero(f: &Facts) -> bool {
    f.defined && !f.range.contains_zero()
}
fn nonzero(f: &Facts) -> bool {
    !f.range.contains_zero()
}
fn positive(f: &Facts) -> bool {
    f.range.is_pos()
}
fn nonneg(f: &Facts) -> bool {
    f.range.is_nonneg()
}
fn nonpos(f: &Facts) -> bool {
    f.range.is_nonpos()
}

/// `?a` is defined everywhere.
fn is_defined(a: &str) -> Guard {
    unary(a, defined)
}
/// `?a` is defined everywhere and never 0.
fn is_defined_nonzero(a: &str) -> Guard {
    unary(a, defined_nonzero)
}
/// `?a` is never 0 where defined.
fn is_nonzero(a: &str) -> Guard {
    unary(a, nonzero)
}
/// `?a > 0` where defined.
fn is_positive(a: &str) -> Guard {
    unary(a, positive)
}
/// `?a >= 0` where defined.
fn is_nonneg(a: &str) -> Guard {
    unary(a, nonneg)
}
/// `?a <= 0` where defined.
fn is_nonpos(a: &str) -> Guard {
    unary(a, nonpos)
}

/// `?a + ?b > 0` where both are defined (from their ranges).
fn is_sum_positive(a: &str, b: &str) -> Guard {
    let (va, vb) = (var(a), var(b));
    Box::new(
        move |eg: &mut BndGraph, _, s: &Subst| match (facts(eg, s, &va), facts(eg, s, &vb)) {
            (Some(fa), Some(fb)) => super::range::add(&fa.range, &fb.range).is_pos(),
            _ => false,
        },
    )
}

/// `?a <= ?b` wherever both are defined, and `?b` is defined everywhere
/// (so that dropping `?b` does not enlarge the domain).
fn is_le_and_defined(a: &str, b: &str) -> Guard {
    let (va, vb) = (var(a), var(b));
    Box::new(
        move |eg: &mut BndGraph, _, s: &Subst| match (facts(eg, s, &va), facts(eg, s, &vb)) {
            (Some(fa), Some(fb)) => fb.defined && fa.range.le(&fb.range),
            _ => false,
        },
    )
}

/// `?a <= ?b` wherever both are defined, and `?a` is defined everywhere.
fn is_le_and_left_defined(a: &str, b: &str) -> Guard {
    let (va, vb) = (var(a), var(b));
    Box::new(
        move |eg: &mut BndGraph, _, s: &Subst| match (facts(eg, s, &va), facts(eg, s, &vb)) {
            (Some(fa), Some(fb)) => fa.defined && fa.range.le(&fb.range),
            _ => false,
        },
    )
}

fn pos_int(f: &Facts) -> bool {
    int_of(f).is_some_and(|k| k >= 1)
}
fn pos_const(f: &Facts) -> bool {
    f.konst.as_ref().is_some_and(|q| q.is_positive())
}

/// `a^p * a^q = a^(p+q)`, `(a^p)^q = a^(p*q)`: same domain and value when
/// `a > 0`; or `p, q` integers >= 1; or `p, q` integers and `a != 0`; or
/// `p, q` positive constants and `a >= 0`. `p = None` means `p = 1`.
fn pow_pair_ok(a: &Facts, p: Option<&Facts>, q: &Facts) -> bool {
    let p_pos_int = p.is_none_or(pos_int);
    let p_int = p.is_none_or(|p| int_of(p).is_some());
    let p_pos_const = p.is_none_or(pos_const);
    positive(a)
        || (p_pos_int && pos_int(q))
        || (p_int && int_of(q).is_some() && nonzero(a))
        || (p_pos_const && pos_const(q) && nonneg(a))
}

/// Guard of `pow-mul` / `pow-pow` (`p = ""` means the exponent 1).
fn is_pow_pair_ok(a: &str, p: &str, q: &str) -> Guard {
    let (va, vp, vq) = (var(a), var(p), var(q));
    let has_p = !p.is_empty();
    Box::new(move |eg: &mut BndGraph, _, s: &Subst| {
        let fa = facts(eg, s, &va);
        let fq = facts(eg, s, &vq);
        let fp = if has_p {
            facts(eg, s, &vp).map(Some)
        } else {
            Some(None)
        };
        match (fa, fp, fq) {
            (Some(fa), Some(fp), Some(fq)) => pow_pair_ok(fa, fp, fq),
            _ => false,
        }
    })
}

/// Applier of `add-neg-const`: `a + c -> a - |c|` for a negative constant
/// `c` (valid everywhere; makes `n - 3` reachable from `n + -3`).
struct SubNegConst {
    a: Option<Var>,
    c: Option<Var>,
}

impl egg::Applier<Bnd, BndAnalysis> for SubNegConst {
    fn apply_one(
        &self,
        egraph: &mut BndGraph,
        eclass: Id,
        subst: &Subst,
        _searcher_ast: Option<&egg::PatternAst<Bnd>>,
        rule_name: egg::Symbol,
    ) -> Vec<Id> {
        let (Some(a), Some(c)) = (
            self.a.and_then(|v| subst.get(v).copied()),
            self.c.and_then(|v| subst.get(v).copied()),
        ) else {
            return vec![];
        };
        let Some(q) = egraph[c].data.konst.clone().filter(|q| q.is_negative()) else {
            return vec![];
        };
        let m = egraph.add(Bnd::Num(super::lang::Rat(-q)));
        let diff = egraph.add(Bnd::Sub([a, m]));
        if egraph.union_trusted(eclass, diff, rule_name) {
            vec![diff]
        } else {
            vec![]
        }
    }
}

/// The whole rule table. Names are kebab-case and unique.
#[rustfmt::skip]
pub fn rules() -> Vec<Rule> {
    vec![
        // -- ring structure (valid everywhere) --------------------------------------------------
        rw!("add-comm";        "(+ ?a ?b)"                  => "(+ ?b ?a)"),
        rw!("mul-comm";        "(* ?a ?b)"                  => "(* ?b ?a)"),
        rw!("add-assoc";       "(+ ?a (+ ?b ?c))"           => "(+ (+ ?a ?b) ?c)"),
        rw!("mul-assoc";       "(* ?a (* ?b ?c))"           => "(* (* ?a ?b) ?c)"),
        rw!("distribute";      "(* ?a (+ ?b ?c))"           => "(+ (* ?a ?b) (* ?a ?c))"),
        rw!("factor";          "(+ (* ?a ?b) (* ?a ?c))"    => "(* ?a (+ ?b ?c))"),
        rw!("add-zero";        "(+ ?a 0)"                   => "?a"),
        rw!("mul-one";         "(* ?a 1)"                   => "?a"),
        rw!("add-same";        "(+ ?a ?a)"                  => "(* 2 ?a)"),
        rw!("sub-canon";       "(- ?a ?b)"                  => "(+ ?a (neg ?b))"),
        rw!("canon-sub";       "(+ ?a (neg ?b))"            => "(- ?a ?b)"),
        rw!("neg-canon";       "(neg ?a)"                   => "(* -1 ?a)"),
        rw!("canon-neg";       "(* -1 ?a)"                  => "(neg ?a)"),
        rw!("add-neg-const";   "(+ ?a ?c)"                  => { SubNegConst { a: var("?a"), c: var("?c") } }),
        rw!("neg-neg";         "(neg (neg ?a))"             => "?a"),
        // -- absorbing and cancelling (need definedness) ---------------------------------------
        rw!("mul-zero";        "(* ?a 0)"                   => "0"        if is_defined("?a")),
        rw!("sub-self";        "(- ?a ?a)"                  => "0"        if is_defined("?a")),
        rw!("div-self";        "(/ ?a ?a)"                  => "1"        if is_defined_nonzero("?a")),
        rw!("mul-recip";       "(* ?a (/ 1 ?a))"            => "1"        if is_defined_nonzero("?a")),
        rw!("mul-pow-recip";   "(* ?a (^ ?a -1))"           => "1"        if is_defined_nonzero("?a")),
        // -- division ---------------------------------------------------------------------------
        rw!("div-canon";       "(/ ?a ?b)"                  => "(* ?a (^ ?b -1))"),
        rw!("canon-div";       "(* ?a (^ ?b -1))"           => "(/ ?a ?b)"),
        rw!("pow-neg-one";     "(^ ?a -1)"                  => "(/ 1 ?a)"),
        rw!("div-one";         "(/ ?a 1)"                   => "?a"),
        rw!("mul-div";         "(* ?a (/ ?b ?c))"           => "(/ (* ?a ?b) ?c)"),
        rw!("div-mul";         "(/ (* ?a ?b) ?c)"           => "(* ?a (/ ?b ?c))"),
        rw!("div-div";         "(/ (/ ?a ?b) ?c)"           => "(/ ?a (* ?b ?c))"),
        rw!("div-by-prod";     "(/ ?a (* ?b ?c))"           => "(/ (/ ?a ?b) ?c)"),
        rw!("div-by-div";      "(/ ?a (/ ?b ?c))"           => "(/ (* ?a ?c) ?b)" if is_nonzero("?c")),
        // -- powers -----------------------------------------------------------------------------
        rw!("pow-one";         "(^ ?a 1)"                   => "?a"),
        rw!("pow-zero";        "(^ ?a 0)"                   => "1"        if is_defined_nonzero("?a")),
        rw!("pow-two";         "(^ ?a 2)"                   => "(* ?a ?a)"),
        rw!("pow-three";       "(^ ?a 3)"                   => "(* ?a (* ?a ?a))"),
        rw!("square";          "(* ?a ?a)"                  => "(^ ?a 2)"),
        rw!("pow-mul";         "(* (^ ?a ?p) (^ ?a ?q))"    => "(^ ?a (+ ?p ?q))" if is_pow_pair_ok("?a", "?p", "?q")),
        rw!("pow-mul-base";    "(* ?a (^ ?a ?q))"           => "(^ ?a (+ 1 ?q))"  if is_pow_pair_ok("?a", "", "?q")),
        rw!("pow-pow";         "(^ (^ ?a ?p) ?q)"           => "(^ ?a (* ?p ?q))" if is_pow_pair_ok("?a", "?p", "?q")),
        // -- square roots -----------------------------------------------------------------------
        rw!("sqrt-as-pow";     "(sqrt ?a)"                  => "(^ ?a 1/2)" if is_nonneg("?a")),
        rw!("pow-as-sqrt";     "(^ ?a 1/2)"                 => "(sqrt ?a)"  if is_nonneg("?a")),
        rw!("sqrt-mul";        "(sqrt (* ?a ?b))"           => "(* (sqrt ?a) (sqrt ?b))" if is_nonneg("?a") if is_nonneg("?b")),
        rw!("sqrt-mul-rev";    "(* (sqrt ?a) (sqrt ?b))"    => "(sqrt (* ?a ?b))"        if is_nonneg("?a") if is_nonneg("?b")),
        rw!("sqrt-div";        "(sqrt (/ ?a ?b))"           => "(/ (sqrt ?a) (sqrt ?b))" if is_nonneg("?a") if is_positive("?b")),
        rw!("sqrt-square";     "(sqrt (* ?a ?a))"           => "?a"                      if is_nonneg("?a")),
        rw!("sqrt-square-abs"; "(sqrt (* ?a ?a))"           => "(abs ?a)"),
        rw!("sqrt-times-self"; "(* (sqrt ?a) (sqrt ?a))"    => "?a"                      if is_nonneg("?a")),
        rw!("sqrt-diff";       "(- (sqrt ?a) (sqrt ?b))"    => "(/ (- ?a ?b) (+ (sqrt ?a) (sqrt ?b)))"
                                                               if is_nonneg("?a") if is_nonneg("?b") if is_sum_positive("?a", "?b")),
        // -- logarithm and exponential ----------------------------------------------------------
        rw!("log-mul";         "(log (* ?a ?b))"            => "(+ (log ?a) (log ?b))" if is_positive("?a") if is_positive("?b")),
        rw!("log-mul-rev";     "(+ (log ?a) (log ?b))"      => "(log (* ?a ?b))"       if is_positive("?a") if is_positive("?b")),
        rw!("log-div";         "(log (/ ?a ?b))"            => "(- (log ?a) (log ?b))" if is_positive("?a") if is_positive("?b")),
        rw!("log-pow";         "(log (^ ?a ?p))"            => "(* ?p (log ?a))"       if is_positive("?a")),
        rw!("log-sqrt";        "(log (sqrt ?a))"            => "(* 1/2 (log ?a))"),
        rw!("log-exp";         "(log (exp ?a))"             => "?a"),
        rw!("exp-log";         "(exp (log ?a))"             => "?a"                    if is_positive("?a")),
        rw!("exp-add";         "(exp (+ ?a ?b))"            => "(* (exp ?a) (exp ?b))"),
        rw!("exp-add-rev";     "(* (exp ?a) (exp ?b))"      => "(exp (+ ?a ?b))"),
        // -- abs, min, max ----------------------------------------------------------------------
        rw!("abs-nonneg";      "(abs ?a)"                   => "?a"        if is_nonneg("?a")),
        rw!("abs-nonpos";      "(abs ?a)"                   => "(neg ?a)"  if is_nonpos("?a")),
        rw!("min-comm";        "(min ?a ?b)"                => "(min ?b ?a)"),
        rw!("max-comm";        "(max ?a ?b)"                => "(max ?b ?a)"),
        rw!("min-self";        "(min ?a ?a)"                => "?a"),
        rw!("max-self";        "(max ?a ?a)"                => "?a"),
        rw!("min-as-abs";      "(min ?a ?b)"                => "(/ (- (+ ?a ?b) (abs (- ?a ?b))) 2)"),
        rw!("max-as-abs";      "(max ?a ?b)"                => "(/ (+ (+ ?a ?b) (abs (- ?a ?b))) 2)"),
        rw!("min-ordered";     "(min ?a ?b)"                => "?a"        if is_le_and_defined("?a", "?b")),
        rw!("max-ordered";     "(max ?a ?b)"                => "?b"        if is_le_and_left_defined("?a", "?b")),
    ]
}

/// Rules used by `simplify` only (readability shortcuts that are derivable
/// from the table but many steps away; valid everywhere: both sides need
/// `?a` defined and `?b` defined and nonzero).
#[rustfmt::skip]
fn readable_shortcuts() -> Vec<Rule> {
    vec![
        rw!("recip-times";     "(* (/ 1 ?b) ?a)"            => "(/ ?a ?b)"),
        rw!("times-recip";     "(* ?a (/ 1 ?b))"            => "(/ ?a ?b)"),
    ]
}

/// Names of the shrinking identities of the table, for the tidying pass
/// that ends `simplify`.
const TIDY: [&str; 6] = [
    "add-zero", "mul-one", "div-one", "pow-one", "neg-neg", "mul-zero",
];

/// The shrinking identities of the table (a subset of `rules()`), for the
/// tidying pass that ends `simplify`.
#[cfg(test)]
pub fn tidy_rules() -> Vec<Rule> {
    tidy_of(&rules())
}

fn tidy_of(all: &[Rule]) -> Vec<Rule> {
    all.iter()
        .filter(|r| TIDY.contains(&r.name.as_str()))
        .cloned()
        .collect()
}

/// The rule set of `simplify`: the whole table and the readability shortcuts.
#[cfg(test)]
pub fn simplify_rules() -> Vec<Rule> {
    simplify_of(&rules())
}

fn simplify_of(all: &[Rule]) -> Vec<Rule> {
    let mut out = all.to_vec();
    out.extend(readable_shortcuts());
    out
}

/// A rule set and the compiled left-hand side of each of its rules (by
/// `matcher`, as egg compiles it), in the same order.
pub struct Table {
    pub rules: Vec<Rule>,
    pub programs: Vec<Program>,
}

impl Table {
    /// `rules` with their left-hand sides compiled. Every rule of the
    /// table searches a pattern (`rw!` with a pattern on the left) with an
    /// operator at its root (what `matcher` searches).
    pub fn new(rules: Vec<Rule>) -> Table {
        let programs = rules
            .iter()
            .map(|r| {
                let ast = r
                    .searcher
                    .get_pattern_ast()
                    .expect("every rule's left-hand side is a pattern");
                let program = Program::compile(ast);
                assert!(
                    program.has_root_operator(),
                    "rule {}: an operator at the root of the left-hand side",
                    r.name
                );
                program
            })
            .collect();
        Table { rules, programs }
    }
}

/// The rule tables, built once per process from one parse of the table
/// (parsing every pattern costs as much as a small saturation; a rule is
/// shared, so the other tables are copies of the same rules).
static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let proof = rules();
    Tables {
        simplify: Table::new(simplify_of(&proof)),
        tidy: Table::new(tidy_of(&proof)),
        proof: Table::new(proof),
    }
});

struct Tables {
    proof: Table,
    simplify: Table,
    tidy: Table,
}

/// `rules()`, built once.
pub fn proof_table() -> &'static Table {
    &TABLES.proof
}

/// `simplify_rules()`, built once.
pub fn simplify_table() -> &'static Table {
    &TABLES.simplify
}

/// `tidy_rules()`, built once.
pub fn tidy_table() -> &'static Table {
    &TABLES.tidy
}

/// Rules that reshape products and quotients (distributivity and most of
/// the division family): each of them multiplies the e-graph on expressions
/// with many factors. `simplify` lets each match at most
/// `RESHAPE_MATCH_LIMIT` times per iteration (the backoff scheduler bans
/// it for a few iterations beyond that), while the other rules keep the
/// default limit. `div-by-div` stays unthrottled: it is what turns
/// `c/(x/sqrt(n))` into `c*sqrt(n)/x`. Measured on the multimodal bound:
/// 5800 -> 1700 e-nodes, with better extracted forms.
pub const RESHAPING_RULES: [&str; 5] =
    ["distribute", "mul-div", "div-mul", "div-div", "div-by-prod"];
/// Per-iteration match limit of the `RESHAPING_RULES` in `simplify`.
pub const RESHAPE_MATCH_LIMIT: usize = crate::limits::LIMITS.reshape_matches;
