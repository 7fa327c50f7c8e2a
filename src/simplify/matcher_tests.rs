//! `matcher` and `saturate::Backoff` against egg: on the e-graphs met while
//! saturating a set of bounds, every rule's matches equal egg's `Pattern`
//! search (same classes, same substitutions, same order, same cut at every
//! limit), and a whole saturation equals the one egg's `BackoffScheduler`
//! and searches give (same e-graph sizes at every iteration, same stop,
//! same extracted form), and `extract::best` extracts what egg's
//! `Extractor` does from every class.

use super::analysis::{BndAnalysis, BndGraph};
use super::lang::Bnd;
use super::matcher::{search_all, View};
use super::rules::{self, Table};
use super::saturate::{rebuild, saturate, Backoff, Limits};
use crate::ir::{Constraint, Endpoint, ParamBox, Q};
use egg::{BackoffScheduler, RecExpr, RewriteScheduler, SearchMatches, StopReason};

/// Bounds written in the e-graph's language: sums and products of
/// parameters, radicals, logarithms, powers, `min`/`max`/`abs`, constants.
const INPUTS: [&str; 9] = [
    "(+ (/ (* (* (sqrt (* 2 pi)) $L) (+ (* $C_F (sqrt n)) (* $C_G (sqrt n)))) n) (* 2 (sqrt (/ (* 9 (log (/ 2 $delta))) (* 2 n)))))",
    "(sqrt (/ (log (/ (* 2 $H) $delta)) (* 2 n)))",
    "(max (max n (+ n 1)) 0)",
    "(min (abs (- n 1)) (sqrt (* n n)))",
    "(- (sqrt (+ n 1)) (sqrt n))",
    "(* (exp (+ (log n) 1)) (exp (neg 1)))",
    "(/ (- (^ n 2) 1) (- n 1))",
    "(log (* (^ n 3) (sqrt $H)))",
    "(+ (* (/ 1 n) (^ n -1)) (* n (^ n -1)))",
];

fn params() -> ParamBox {
    let positive = Constraint {
        lo: Endpoint::Finite {
            value: Q::from_integer(0.into()),
            closed: false,
        },
        hi: Endpoint::Infinite,
    };
    let open01 = Constraint {
        lo: Endpoint::Finite {
            value: Q::from_integer(0.into()),
            closed: false,
        },
        hi: Endpoint::Finite {
            value: Q::from_integer(1.into()),
            closed: false,
        },
    };
    let mut b = ParamBox::default();
    for name in ["L", "C_F", "C_G", "H"] {
        b.params.insert(name.to_string(), positive.clone());
    }
    b.params.insert("delta".to_string(), open01);
    b
}

fn graph(input: &str, explain: bool) -> (BndGraph, egg::Id) {
    let rec: RecExpr<Bnd> = input.parse().expect("test input parses");
    let mut egraph = BndGraph::new(BndAnalysis::new(&params()));
    if explain {
        egraph = egraph.with_explanations_enabled();
    }
    let root = egraph.add_expr(&rec);
    (egraph, root)
}

fn flat(ms: &[SearchMatches<'_, Bnd>]) -> Vec<(egg::Id, Vec<egg::Subst>, bool)> {
    ms.iter()
        .map(|m| (m.eclass, m.substs.clone(), m.ast.is_some()))
        .collect()
}

/// Every rule of `table` searched by `matcher` (alone, and all together
/// with `search_all`, some of them left out) and by egg on `egraph`, at
/// several limits; returns the number of matches compared.
fn compare_searches(egraph: &BndGraph, table: &Table) -> usize {
    let view = View::new(egraph);
    let mut compared = 0;
    for limit in [1, 2, 5, 101, 1001, usize::MAX] {
        let eggs: Vec<_> = table
            .rules
            .iter()
            .map(|rule| flat(&rule.search_with_limit(egraph, limit)))
            .collect();
        for (k, program) in table.programs.iter().enumerate() {
            let ours = flat(&program.search(&view, limit));
            assert_eq!(
                ours, eggs[k],
                "rule {} at limit {limit}",
                table.rules[k].name
            );
            compared += ours.iter().map(|(_, s, _)| s.len()).sum::<usize>();
        }
        let all = search_all(&table.programs, &view, &vec![Some(limit); eggs.len()]);
        // every third rule left out, the others at the limit
        let some: Vec<Option<usize>> = (0..eggs.len())
            .map(|k| (k % 3 != 1).then_some(limit))
            .collect();
        let part = search_all(&table.programs, &view, &some);
        for (k, rule) in table.rules.iter().enumerate() {
            assert_eq!(
                flat(&all[k]),
                eggs[k],
                "rule {} at limit {limit}",
                rule.name
            );
            let expected = if some[k].is_some() {
                eggs[k].clone()
            } else {
                Vec::new()
            };
            assert_eq!(
                flat(&part[k]),
                expected,
                "rule {} at limit {limit}",
                rule.name
            );
        }
    }
    compared
}

#[test]
fn searches_equal_eggs_on_saturated_graphs() {
    let mut compared = 0;
    for input in INPUTS {
        let (mut egraph, _) = graph(input, false);
        let table = rules::simplify_table();
        saturate(
            &mut egraph,
            table,
            &mut Backoff::new(table),
            Limits {
                iterations: 6,
                nodes: 4000,
            },
            |g| {
                compared += compare_searches(g, table);
                Ok(())
            },
        );
        rebuild(&mut egraph);
        compared += compare_searches(&egraph, rules::proof_table());
    }
    // the comparison is not vacuous: thousands of matches were found
    assert!(compared > 10_000, "{compared}");
}

/// The saturation loop as egg's `Runner` runs it (egg's scheduler, egg's
/// searches), recording the e-graph's size after every iteration.
fn reference(
    egraph: &mut BndGraph,
    table: &Table,
    mut scheduler: BackoffScheduler,
    limits: Limits,
) -> (Vec<(usize, usize)>, String) {
    rebuild(egraph);
    let mut sizes = Vec::new();
    for i in 0..limits.iterations {
        if egraph.total_size() > limits.nodes {
            return (sizes, "nodes".into());
        }
        let nodes = egraph.total_size();
        let classes = egraph.number_of_classes();
        let matches: Vec<_> = table
            .rules
            .iter()
            .map(|rw| scheduler.search_rewrite(i, egraph, rw))
            .collect();
        let mut applied = false;
        let mut over = false;
        for (rw, ms) in table.rules.iter().zip(matches) {
            if scheduler.apply_rewrite(i, egraph, rw, ms) > 0 {
                applied = true;
            }
            if egraph.total_size() > limits.nodes {
                over = true;
                break;
            }
        }
        rebuild(egraph);
        sizes.push((egraph.total_size(), egraph.number_of_classes()));
        if over {
            return (sizes, "nodes".into());
        }
        if !applied
            && RewriteScheduler::<Bnd, BndAnalysis>::can_stop(&mut scheduler, i)
            && nodes == egraph.total_size()
            && classes == egraph.number_of_classes()
        {
            return (sizes, "saturated".into());
        }
    }
    (sizes, "iterations".into())
}

fn stop_name(stop: &StopReason) -> String {
    match stop {
        StopReason::Saturated => "saturated".into(),
        StopReason::NodeLimit(_) => "nodes".into(),
        StopReason::IterationLimit(_) => "iterations".into(),
        other => format!("{other:?}"),
    }
}

#[test]
fn saturation_equals_eggs_scheduler_and_searches() {
    let display = |t: &Table| Backoff::new(t).with_initial_match_limit(100);
    let engine = |t: &Table| {
        rules::RESHAPING_RULES
            .iter()
            .fold(Backoff::new(t), |s, name| s.rule_match_limit(name, 7))
    };
    let egg_display = || BackoffScheduler::default().with_initial_match_limit(100);
    let egg_engine = || {
        rules::RESHAPING_RULES
            .iter()
            .fold(BackoffScheduler::default(), |s, name| {
                s.rule_match_limit(*name, 7)
            })
    };
    type Ours = fn(&Table) -> Backoff;
    type Eggs = fn() -> BackoffScheduler;
    let setups: [(Ours, Eggs, &Table, bool); 4] = [
        (display, egg_display, rules::simplify_table(), false),
        (engine, egg_engine, rules::simplify_table(), false),
        (
            Backoff::new,
            BackoffScheduler::default,
            rules::proof_table(),
            false,
        ),
        (
            Backoff::new,
            BackoffScheduler::default,
            rules::proof_table(),
            true,
        ),
    ];
    let limits = Limits {
        iterations: 12,
        nodes: 3000,
    };
    let mut stops = Vec::new();
    for input in INPUTS {
        for (ours, eggs, table, explain) in setups {
            let (mut a, root_a) = graph(input, explain);
            let mut sizes = Vec::new();
            let (stop, iterations) = saturate(&mut a, table, &mut ours(table), limits, |g| {
                sizes.push((g.total_size(), g.number_of_classes()));
                Ok(())
            });
            rebuild(&mut a);
            sizes.push((a.total_size(), a.number_of_classes()));
            let (b, root_b) = &mut graph(input, explain);
            let (ref_sizes, ref_stop) = reference(b, table, eggs(), limits);
            // the hook saw the e-graph before each iteration; the reference
            // recorded it after each one
            assert_eq!(sizes[1..], ref_sizes[..], "{input}");
            assert_eq!(stop_name(&stop), ref_stop, "{input}");
            assert_eq!(iterations as usize, ref_sizes.len(), "{input}");
            let best = |g: &BndGraph, root| {
                egg::Extractor::new(g, super::extract::Readable)
                    .find_best(root)
                    .1
                    .to_string()
            };
            assert_eq!(best(&a, root_a), best(b, *root_b), "{input}");
            stops.push(ref_stop);
        }
    }
    // both budgets and saturation were met along the way
    for kind in ["saturated", "iterations"] {
        assert!(stops.iter().any(|s| s == kind), "{kind}: {stops:?}");
    }
}

#[test]
fn extraction_equals_eggs_extractor() {
    let mut classes = 0;
    for input in INPUTS {
        let (mut egraph, _) = graph(input, false);
        let table = rules::simplify_table();
        saturate(
            &mut egraph,
            table,
            &mut Backoff::new(table).with_initial_match_limit(100),
            Limits {
                iterations: 8,
                nodes: 4000,
            },
            |_| Ok(()),
        );
        rebuild(&mut egraph);
        let eggs = egg::Extractor::new(&egraph, super::extract::Readable);
        for class in egraph.classes() {
            let (cost, expr) = super::extract::best(&egraph, class.id);
            let (egg_cost, egg_expr) = eggs.find_best(class.id);
            assert_eq!(expr, egg_expr, "{input}: class {}", class.id);
            assert_eq!(
                (cost.size, cost.depth, cost.kind, cost.shape),
                (egg_cost.size, egg_cost.depth, egg_cost.kind, egg_cost.shape),
                "{input}: class {}",
                class.id
            );
            classes += 1;
        }
    }
    // hundreds of classes compared
    assert!(classes > 500, "{classes}");
}
