//! Equality saturation with egg: the expression language (`lang`), the
//! guarded rule table (`rules`), the sign/constant analysis (`analysis`,
//! whose ranges are `exact::Interval`s computed by `range`), the saturation
//! loop and its scheduler (`saturate`), the search of the rules'
//! left-hand sides (`matcher`: egg's matches in egg's order, cheaper) and
//! the extraction of readable forms (`extract`).
//!
//! Soundness contract: an e-class denotes one partial real function of n
//! (n >= 1) and the parameters (over their admissible box); two classes
//! are merged only when their domains and values agree. `prove_equal`
//! answers `Proved` only when both roots end in one class and the analysis
//! saw no inconsistent merge; a budget running out is never a proof (but a
//! merge found before the budget ran out is one). Limits are counts
//! (iterations, nodes), never time, so results are identical everywhere.
//!
//! Caveat for callers: facts such as `n >= 1` (so `log n >= 0`, `n != 0`)
//! are used by the guards, so a simplified form is only guaranteed equal
//! to the input for n >= 1; do not evaluate it at smaller n.

mod analysis;
mod extract;
mod lang;
mod matcher;
mod range;
mod rules;
mod saturate;

use crate::ir::{Expr, ParamBox};
use analysis::BndAnalysis;
use analysis::BndGraph;
use egg::{Id, RecExpr, StopReason};
use lang::Bnd;
use saturate::{rebuild, saturate, Backoff, Limits};

/// Inputs with more nodes than this are not put into an e-graph.
pub const MAX_INPUT_NODES: usize = crate::limits::LIMITS.egraph_input_nodes;
/// Inputs nested deeper than this are not put into an e-graph.
pub const MAX_INPUT_DEPTH: usize = crate::limits::LIMITS.nesting;
/// Saturation budget for proofs of `A == B`: iterations.
pub const ITER_LIMIT: usize = crate::limits::LIMITS.equality_iterations;
/// Saturation budget for `simplify` (display and the engine's fallback):
/// iterations. Most of the readable form appears in the first iterations;
/// the later ones cost most of the time. With the reshaping rules throttled
/// (see `simplify_scheduler`) 8 iterations reach the factored forms of the
/// multimodal bound (about 1700 e-nodes; before the throttle, 10 iterations
/// and 5800 e-nodes gave less readable forms). A tidying pass follows
/// (`TIDY_ITER_LIMIT`): without it `max(n, n + 1, 0)` ended as `(n + 1)*1`.
pub const SIMPLIFY_ITER_LIMIT: usize = crate::limits::LIMITS.simplify_iterations;
/// Iterations of the tidying pass after `simplify`'s saturation.
pub const TIDY_ITER_LIMIT: usize = crate::limits::LIMITS.tidy_iterations;
/// Saturation budget: e-nodes.
pub const NODE_LIMIT: usize = crate::limits::LIMITS.egraph_nodes;

/// Result of trying to prove `a == b` by equivalence in the e-graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Equivalence {
    /// Both sides ended in one e-class: equal for every n >= 1 and every
    /// admissible parameter value (every rule used is valid there).
    Proved,
    /// Not shown equal; `reason` says whether a budget stopped saturation.
    NotProved { reason: String },
}

/// `simplify` with a report of how saturation ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimplifyReport {
    /// The simplified expression (the input itself when nothing better was found).
    pub expr: Expr,
    /// Whether saturation stopped at a budget (iterations or nodes) or was
    /// not attempted (input too large); the result is then possibly not the best.
    pub limit_hit: bool,
    /// How saturation ended, in words.
    pub stop: String,
}

/// Check size and depth without recursion; `Err` describes the excess.
fn check_input(e: &Expr) -> Result<(), String> {
    let mut stack: Vec<(&Expr, usize)> = vec![(e, 1)];
    let mut count = 0usize;
    while let Some((x, d)) = stack.pop() {
        count += 1;
        if count > MAX_INPUT_NODES {
            return Err(format!(
                "too large for the e-graph (more than {MAX_INPUT_NODES} nodes)"
            ));
        }
        if d > MAX_INPUT_DEPTH {
            return Err(format!(
                "too large for the e-graph (nested deeper than {MAX_INPUT_DEPTH})"
            ));
        }
        stack.extend(x.children().map(|c| (c, d + 1)));
    }
    Ok(())
}

fn translate(e: &Expr) -> Result<RecExpr<Bnd>, String> {
    check_input(e)?;
    lang::to_rec(e).ok_or_else(|| String::from("malformed expression (built-in arity)"))
}

/// The limits of an equality proof's saturation: `ITER_LIMIT` iterations,
/// `NODE_LIMIT` e-nodes.
const PROOF_LIMITS: Limits = Limits {
    iterations: ITER_LIMIT,
    nodes: NODE_LIMIT,
};

/// A saturation hook that stops the run when the analysis found an unsound
/// merge.
fn stop_if_unsound(g: &BndGraph) -> Result<(), String> {
    match &g.analysis.unsound {
        Some(msg) => Err(format!("internal error: unsound merge: {msg}")),
        None => Ok(()),
    }
}

/// `Some(words)` when the stop reason is a budget.
fn describe_stop(stop: &StopReason) -> (bool, String) {
    match stop {
        StopReason::Saturated => (false, String::from("saturated")),
        StopReason::IterationLimit(n) => (
            true,
            format!("saturation stopped at the iteration limit ({n} iterations)"),
        ),
        StopReason::NodeLimit(n) => (
            true,
            format!("saturation stopped at the node limit ({n} e-nodes)"),
        ),
        StopReason::TimeLimit(_) => (true, String::from("saturation stopped at a time limit")),
        StopReason::Other(s) => (false, s.clone()),
    }
}

/// How much saturation a simplification may spend: the engine's fallback
/// (`simplify`) and what `show` prints (`display`) share the rules and the
/// iteration limit but not the per-rule match limit.
#[derive(Clone, Copy)]
enum Budget {
    /// egg's default match limit (1000 per rule and iteration) for every
    /// rule but the reshaping ones: the engine decides claims on these forms.
    Engine,
    /// `DISPLAY_MATCH_LIMIT` for every rule: a form to read, not to decide.
    Display,
}

/// Per-iteration match limit of every rule when simplifying for display.
/// The commutativity and associativity of products match thousands of times
/// on a bound of a few terms and most of saturation is spent on them; at
/// this limit the multimodal bound `sqrt(2*pi)*L*(C_F*sqrt(n) +
/// C_G*sqrt(n))/n + 2*sqrt(9*log(2/delta)/(2*n))` prints as
/// `sqrt(2*pi)*L*((C_F + C_G)/sqrt(n)) + 6*sqrt(log(2/delta)/(2*n))` for a
/// fifth of the work of the engine's budget (measured in
/// docs/benchmarks.md's instruction counts of `theorems/`).
pub const DISPLAY_MATCH_LIMIT: usize = crate::limits::LIMITS.display_matches;

/// `e` simplified by equality saturation and extracted in readable form.
/// Sound: the result equals `e` wherever `e` is defined, for n >= 1 and every
/// admissible parameter value.
///
/// Memoised: the claims of a file ask about the same expressions again (the
/// answer is a pure function of its inputs, so the memo never changes it).
pub fn simplify(e: &Expr, params: &ParamBox) -> Expr {
    static MEMO: crate::asymptotic::memo::Memo<(Expr, ParamBox), Expr> =
        crate::asymptotic::memo::Memo::new();
    memoised(&MEMO, e, params, Budget::Engine)
}

/// `e` simplified for printing (`show`, the values in reasons), with the
/// smaller display budget (`DISPLAY_MATCH_LIMIT`); as sound as `simplify`,
/// possibly less tidy. Memoised like `simplify`.
pub fn display(e: &Expr, params: &ParamBox) -> Expr {
    static MEMO: crate::asymptotic::memo::Memo<(Expr, ParamBox), Expr> =
        crate::asymptotic::memo::Memo::new();
    memoised(&MEMO, e, params, Budget::Display)
}

fn memoised(
    memo: &crate::asymptotic::memo::Memo<(Expr, ParamBox), Expr>,
    e: &Expr,
    params: &ParamBox,
    budget: Budget,
) -> Expr {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    crate::asymptotic::memo::hash_expr(e, &mut h);
    let is = |(x, p): &(Expr, ParamBox)| x == e && p == params;
    let key = || (e.clone(), params.clone());
    memo.get_or_with(h.finish(), is, key, || {
        simplify_budgeted(e, params, budget).expr
    })
}

/// `simplify`, also telling whether a budget stopped saturation.
#[cfg(test)]
pub fn simplify_with_report(e: &Expr, params: &ParamBox) -> SimplifyReport {
    simplify_budgeted(e, params, Budget::Engine)
}

fn simplify_budgeted(e: &Expr, params: &ParamBox, budget: Budget) -> SimplifyReport {
    let unchanged = |limit_hit: bool, stop: String| SimplifyReport {
        expr: e.clone(),
        limit_hit,
        stop,
    };
    let rec = match translate(e) {
        Ok(r) => r,
        Err(why) => return unchanged(true, why),
    };
    let mut egraph = BndGraph::new(BndAnalysis::new(params));
    let root = egraph.add_expr(&rec);
    let table = rules::simplify_table();
    let (stop, _) = saturate(
        &mut egraph,
        table,
        &mut simplify_scheduler(table, budget),
        Limits {
            iterations: SIMPLIFY_ITER_LIMIT,
            nodes: NODE_LIMIT,
        },
        stop_if_unsound,
    );
    let (limit_hit, stop) = describe_stop(&stop);
    // Tidy what the last iteration left half done (`x*1`, `x + 0`, ...):
    // a few iterations of the shrinking identities only, cheap at any size.
    let tidy = rules::tidy_table();
    saturate(
        &mut egraph,
        tidy,
        &mut Backoff::new(tidy),
        Limits {
            iterations: TIDY_ITER_LIMIT,
            nodes: NODE_LIMIT,
        },
        |_| Ok(()),
    );
    if let Some(msg) = &egraph.analysis.unsound {
        return unchanged(limit_hit, format!("internal error: unsound merge: {msg}"));
    }
    let root = egraph.find(root);
    rebuild(&mut egraph);
    let (best_cost, best) = extract::best(&egraph, root);
    let mut cost_fn = extract::Readable;
    let original_cost = egg::CostFunction::cost_rec(&mut cost_fn, &rec);
    if best_cost < original_cost {
        if let Some(out) = lang::from_rec(&best) {
            return SimplifyReport {
                expr: out,
                limit_hit,
                stop,
            };
        }
    }
    unchanged(limit_hit, stop)
}

/// The scheduler of `simplify`: egg's backoff scheduler (`Backoff`, its
/// decisions reproduced) with its defaults (match limit 1000, ban length 5,
/// both counts, so deterministic), except
/// that the rules reshaping products and quotients get the smaller match
/// limit `rules::RESHAPE_MATCH_LIMIT` (they are what makes the e-graph
/// explode; `prove_equal` keeps the defaults). For `display` every rule
/// gets `DISPLAY_MATCH_LIMIT`.
fn simplify_scheduler(table: &rules::Table, budget: Budget) -> Backoff {
    match budget {
        Budget::Engine => rules::RESHAPING_RULES
            .iter()
            .fold(Backoff::new(table), |sch, name| {
                sch.rule_match_limit(name, rules::RESHAPE_MATCH_LIMIT)
            }),
        Budget::Display => Backoff::new(table).with_initial_match_limit(DISPLAY_MATCH_LIMIT),
    }
}

/// Is `e` proved defined for every n >= 1 and every admissible parameter
/// value (logarithms of positive things, square roots of non-negative
/// things, no division by something that may vanish)? Structural, from the
/// analysis alone (no rewriting); `false` means "not shown", not "undefined".
pub fn is_defined_everywhere(e: &Expr, params: &ParamBox) -> bool {
    let Ok(rec) = translate(e) else {
        return false;
    };
    let mut egraph = analysis::BndGraph::new(BndAnalysis::new(params));
    let root = egraph.add_expr(&rec);
    rebuild(&mut egraph);
    egraph.analysis.unsound.is_none() && egraph[root].data.defined
}

/// Try to prove `a == b` (for every n >= 1 and admissible parameters).
/// `Proved` means the two sides denote the same partial function: same
/// domain, same value there. (Whether that domain is everything is a
/// separate question: see `is_defined_everywhere`.)
pub fn prove_equal(a: &Expr, b: &Expr, params: &ParamBox) -> Equivalence {
    prove_with_rules(a, b, params, rules::proof_table(), false).0
}

/// `prove_equal`, and when proved, the names of the rules along one proof
/// (each once, in order of first use; `constant-fold` for exact folding).
#[cfg_attr(not(test), allow(dead_code))] // tests; reports of proofs will use it
pub fn prove_equal_explained(
    a: &Expr,
    b: &Expr,
    params: &ParamBox,
) -> (Equivalence, Option<Vec<String>>) {
    prove_with_rules(a, b, params, rules::proof_table(), true)
}

fn prove_with_rules(
    a: &Expr,
    b: &Expr,
    params: &ParamBox,
    rules: &rules::Table,
    explain: bool,
) -> (Equivalence, Option<Vec<String>>) {
    let not = |reason: String| (Equivalence::NotProved { reason }, None);
    let ra = match translate(a) {
        Ok(r) => r,
        Err(why) => return not(why),
    };
    let rb = match translate(b) {
        Ok(r) => r,
        Err(why) => return not(why),
    };
    let mut egraph = BndGraph::new(BndAnalysis::new(params));
    if explain {
        egraph = egraph.with_explanations_enabled();
    }
    let roots = [egraph.add_expr(&ra), egraph.add_expr(&rb)];
    if crate::claim_budget::saturation_spent() {
        return not(format!(
            "not shown equal: the claim's e-graph budget ({} iterations of saturation) is spent",
            crate::claim_budget::SATURATION_ITERATIONS
        ));
    }
    let (stop, iterations) = saturate(
        &mut egraph,
        rules,
        &mut Backoff::new(rules),
        PROOF_LIMITS,
        |g| {
            stop_if_unsound(g)?;
            if same_class(g, &roots) {
                return Err(String::from("both sides in one e-class"));
            }
            Ok(())
        },
    );
    crate::claim_budget::spend_saturation(iterations);
    if let Some(msg) = &egraph.analysis.unsound {
        return not(format!("internal error: unsound merge: {msg}"));
    }
    if same_class(&egraph, &roots) {
        let steps = explain.then(|| {
            let mut explanation = egraph.explain_equivalence(&ra, &rb);
            rule_names(explanation.make_flat_explanation())
        });
        return (Equivalence::Proved, steps);
    }
    let (limit_hit, stop) = describe_stop(&stop);
    if limit_hit {
        not(format!("not shown equal: {stop}"))
    } else {
        not(String::from(
            "not shown equal: the rules saturated without joining the two sides",
        ))
    }
}

/// Rule names used in a flat explanation, each once, in depth-first order
/// (iterative; the explanation is bounded by the e-graph size).
fn rule_names(terms: &[egg::FlatTerm<Bnd>]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut stack: Vec<&egg::FlatTerm<Bnd>> = terms.iter().rev().collect();
    while let Some(term) = stack.pop() {
        for rule in [&term.backward_rule, &term.forward_rule]
            .into_iter()
            .flatten()
        {
            let name = rule.to_string();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        stack.extend(term.children.iter().rev());
    }
    names
}

fn same_class(egraph: &analysis::BndGraph, roots: &[Id]) -> bool {
    match roots {
        [x, y] => egraph.find(*x) == egraph.find(*y),
        _ => false,
    }
}

#[cfg(test)]
mod matcher_tests;
#[cfg(test)]
mod tests;
