//! Validation: the step between lowering and deciding, where the engines
//! first see a program.
//!
//! Lowering (`crate::lower`) resolves names and builds the IR and records
//! the questions it cannot answer alone (`lower::ask`): is a logarithm's or
//! square root's argument eventually out of its domain, is a denominator
//! identically 0, is a range's point > 0 for a variable tending to 0, is an
//! `assume` of a supported form. This step answers each question once with
//! the engines; when an answer is a problem, the file is lowered again with
//! the answers, so that the node is rejected where lowering rejects any bad
//! node (a located error; its definition rejected; the claims using it kept
//! as `unknown`). It then prepares the hypotheses of the program's `fn`s
//! (conflicts between `assume`s, reported at each place involved, and a
//! model) and gives them to every claim. Every path that decides or shows
//! a program loads it through [`load_file`] or [`load_source`].

use crate::diagnostic::Diagnostic;
use crate::ir::{ClaimKind, Cmp, Expr, Item, ParamBox, Program, Range, Verdict, Q};
use crate::lower::ask::{not_positive, Answers, AssumeQuestion, Question};
use crate::lower::{lower_again, sort_diagnostics, Lowered};
use crate::pool::in_order;

use crate::exact::Interval;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

/// A file read, parsed, lowered and validated, with its imports: what the
/// decision step and the report read.
#[derive(Debug)]
pub struct Loaded {
    /// The program, built from every statement that lowered and validated
    /// cleanly; `None` only when the file itself could not be read.
    pub program: Option<Program>,
    /// Every error found, in source order (imported files' errors included,
    /// naming their own file).
    pub diagnostics: Vec<Diagnostic>,
    /// Text of every file a diagnostic may point into: (name, text).
    pub sources: Vec<(String, String)>,
}

/// Reads `path` (as given, relative to the working directory), lowers and
/// validates it.
pub fn load_file(path: &str) -> Loaded {
    validate(crate::lower::load_file(path))
}

/// Lowers and validates `text`, named `name`; imports are read from disk
/// relative to `name`'s directory.
pub fn load_source(name: &str, text: &str) -> Loaded {
    validate(crate::lower::load_source(name, text))
}

/// Answers the questions of a lowered file (lowering it again while an
/// answer is a problem), then prepares its hypotheses.
pub fn validate(first: Lowered) -> Loaded {
    validate_here(first)
}

fn validate_here(first: Lowered) -> Loaded {
    let mut answers = Answers::default();
    let mut lowered = first;
    // Each round answers every question met; the file is lowered again only
    // when an answer is a problem. A second lowering meets no question the
    // first did not (a rejected node only removes the nodes built on it),
    // so this ends after at most two rounds; the loop does not rely on it.
    while answer(&lowered, &mut answers) {
        match lower_again(&lowered, Rc::new(answers.clone())) {
            Some(again) => lowered = again,
            None => break,
        }
    }
    let Lowered {
        mut program,
        mut diagnostics,
        sources,
        fact_spans,
        ..
    } = lowered;
    if let Some(p) = &mut program {
        let given = p.hypotheses.clone();
        let mut hyps = prepared(&given, &p.params, &p.var);
        hyps.rejected = given.rejected.clone();
        for conflict in &hyps.conflicts {
            for at in &conflict.places {
                let Some(h) = hyps.facts.get(*at) else {
                    continue;
                };
                let span = fact_spans.get(&(h.file.clone(), h.pos)).cloned();
                let text = sources.iter().find(|(n, _)| *n == h.file);
                if let (Some(span), Some((_, text))) = (span, text) {
                    diagnostics.push(Diagnostic::at(
                        &h.file,
                        text,
                        span,
                        conflict.message.clone(),
                        Some(conflict.help.clone()),
                    ));
                }
            }
        }
        let shared = Arc::new(hyps);
        for it in &mut p.items {
            if let Item::Claim(c) = it {
                c.hypotheses = shared.clone();
            }
        }
        p.hypotheses = shared;
        sort_diagnostics(&mut diagnostics, &sources);
    }
    Loaded {
        program,
        diagnostics,
        sources,
    }
}

/// Answers the questions `lowered` met that `answers` does not answer yet;
/// true when one of the new answers is a problem.
fn answer(lowered: &Lowered, answers: &mut Answers) -> bool {
    // Questions are independent: answered on the worker pool, each once.
    let nodes: Vec<&Question> = lowered
        .questions
        .iter()
        .filter(|q| !answers.nodes.contains_key(*q))
        .collect();
    let node_answers = in_order(&nodes, |q| answer_node(q));
    let assumes: Vec<&AssumeQuestion> = lowered
        .assumes
        .iter()
        .filter(|q| {
            !answers
                .assumes
                .contains_key(&(q.file.clone(), q.span.clone()))
        })
        .collect();
    let assume_answers = in_order(&assumes, |q| answer_assume(q));
    let mut problem = false;
    for (q, a) in nodes.into_iter().zip(node_answers) {
        problem |= a.is_some();
        answers.nodes.insert(q.clone(), a);
    }
    for (q, a) in assumes.into_iter().zip(assume_answers) {
        problem |= a.is_some();
        answers.assumes.insert((q.file.clone(), q.span.clone()), a);
    }
    problem
}

/// Is `a op 0` proved for all large n (for every admissible parameter)?
fn eventually(a: &Expr, op: Cmp, params: &ParamBox, var: &str) -> bool {
    let kind = ClaimKind::Ineq {
        lhs: a.clone(),
        op,
        rhs: Expr::Num(Q::from_integer(0.into())),
        range: Range::Eventually,
    };
    crate::asymptotic::decide(&kind, params, var).verdict == Verdict::Proved
}

fn param_box(params: &[(String, crate::ir::Constraint)]) -> ParamBox {
    ParamBox {
        params: params.iter().cloned().collect(),
    }
}

/// `hypothesis::prepare` with bnd's engines, memoised for the run. Its
/// answer (conflicts, model, candidates) is a function of the declared
/// `fn`s, the hypotheses' forms and texts (not where they are written), the
/// parameter box and the variable: validation runs outside any claim, so no
/// per-claim budget cuts it, and the engines' own memos are exact. Files
/// that share their hypotheses (one file per claim, or every file importing
/// the same `fn`s and `assume`s) prepare them once.
fn prepared(given: &crate::ir::Hypotheses, params: &ParamBox, var: &str) -> crate::ir::Hypotheses {
    use std::hash::{Hash, Hasher};
    type Key = (
        std::collections::BTreeSet<String>,
        Vec<(String, ClaimKind)>,
        ParamBox,
        String,
    );
    type Found = (
        Vec<crate::ir::Conflict>,
        Result<BTreeMap<String, Expr>, String>,
        BTreeMap<String, Vec<Expr>>,
    );
    static MEMO: crate::asymptotic::memo::Memo<Key, Arc<Found>> =
        crate::asymptotic::memo::Memo::new();
    let mut h = std::hash::DefaultHasher::new();
    given.fns.hash(&mut h);
    for f in &given.facts {
        f.text.hash(&mut h);
    }
    var.hash(&mut h);
    let is = |(fns, facts, p, v): &Key| {
        fns == &given.fns
            && p == params
            && v == var
            && facts.len() == given.facts.len()
            && facts
                .iter()
                .zip(&given.facts)
                .all(|((t, k), f)| *t == f.text && *k == f.kind)
    };
    let key = || {
        (
            given.fns.clone(),
            given
                .facts
                .iter()
                .map(|f| (f.text.clone(), f.kind.clone()))
                .collect(),
            params.clone(),
            var.to_string(),
        )
    };
    let found = MEMO.get_or_with(h.finish(), is, key, || {
        let h = crate::hypothesis::prepare(
            given.fns.clone(),
            given.facts.clone(),
            params,
            var,
            &crate::decide::Decider,
        );
        Arc::new((h.conflicts, h.model, h.candidates))
    });
    crate::ir::Hypotheses {
        fns: given.fns.clone(),
        facts: given.facts.clone(),
        conflicts: found.0.clone(),
        model: found.1.clone(),
        candidates: found.2.clone(),
        rejected: vec![],
    }
}

/// An enclosure of `e` valid for every value of the variable from 1 on
/// and every admissible parameter value (one interval evaluation at 64
/// bits), when the evaluation gives one. The questions below ask whether a
/// node is proved undefined for all large values of the variable; an
/// enclosure that shows it defined at every such value settles the
/// question at once (the engine, being sound, could not prove otherwise),
/// and most nodes are settled so (`n`, `n + 1`, `log(n) + 2`, a positive
/// constant), without an engine call.
fn enclosure(e: &Expr, params: &[(String, crate::ir::Constraint)]) -> Option<Interval> {
    let from_one = Interval {
        lo: Some((Q::from_integer(1.into()), true)),
        hi: None,
    };
    let pm: BTreeMap<String, Interval> = params
        .iter()
        .map(|(p, c)| (p.clone(), Interval::from_constraint(c)))
        .collect();
    crate::exact::eval::eval(e, &from_one, &pm, ENCLOSURE_BITS)
}

/// Precision of [`enclosure`].
const ENCLOSURE_BITS: u32 = 64;

/// The located error's (message, help) when the node in question is
/// undefined (or its point not > 0), else `None`.
pub fn answer_node(q: &Question) -> Option<(String, String)> {
    match q {
        Question::Log { arg, params, .. } if enclosure(arg, params).is_some_and(|v| v.is_pos()) => {
            None
        }
        Question::Sqrt { arg, params, .. }
            if enclosure(arg, params).is_some_and(|v| v.is_nonneg()) =>
        {
            None
        }
        Question::Div { den, params, .. }
            if enclosure(den, params).is_some_and(|v| v.is_pos() || v.is_neg()) =>
        {
            None
        }
        Question::Log {
            func,
            arg,
            params,
            var,
        } => eventually(arg, Cmp::Le, &param_box(params), var).then(|| {
            (
                format!(
                    "`{}` of {} is undefined for all {}: the argument is eventually <= 0",
                    func.name(),
                    arg.display(var),
                    crate::ir::large(var)
                ),
                "a logarithm needs an argument that is eventually positive".to_string(),
            )
        }),
        Question::Sqrt { arg, params, var } => eventually(arg, Cmp::Lt, &param_box(params), var)
            .then(|| {
                (
                    format!(
                        "`sqrt` of {} is undefined for all {}: the argument is eventually negative",
                        arg.display(var),
                        crate::ir::large(var)
                    ),
                    "a square root needs an argument that is eventually non-negative".to_string(),
                )
            }),
        Question::Div { den, params, var } => {
            let zero = Expr::Num(Q::from_integer(0.into()));
            crate::asymptotic::exact_zero_difference(den, &zero, &param_box(params)).then(|| {
                (
                    format!("division by {}, which is identically 0", den.display(var)),
                    "the denominator simplifies to 0 for every n".to_string(),
                )
            })
        }
        Question::Positive { value, what, var } => {
            (!eventually(value, Cmp::Gt, &ParamBox::default(), var))
                .then(|| not_positive(what, var))
        }
    }
}

/// The error's (message, help) when the `assume` is of no supported form.
fn answer_assume(q: &AssumeQuestion) -> Option<(String, String)> {
    crate::hypothesis::normalize(&q.kind, &q.var).err()
}

/// Parses, lowers and validates a single expression (see
/// `lower::lower_expr`).
#[cfg(test)]
pub fn lower_expr(text: &str, var: &str, params: &ParamBox) -> Result<Expr, Vec<Diagnostic>> {
    let mut answers = Answers::default();
    loop {
        let (out, asked) =
            crate::lower::lower_expr_with(text, var, params, Rc::new(answers.clone()));
        let mut problem = false;
        for q in asked {
            let a = answer_node(&q);
            problem |= a.is_some();
            answers.nodes.insert(q, a);
        }
        if !problem {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plainly_positive_arguments_ask_nothing() {
        let text = "var n\ncheck log(n) + sqrt(n^2 + 1) = O(n)\ncheck 1/n = O(1)\ncheck log(log(n)) = O(n)\n";
        let l = crate::lower::load_source("t.bnd", text);
        assert!(l.questions.is_empty(), "{:?}", l.questions);
        assert!(load_source("t.bnd", text).diagnostics.is_empty());
    }

    #[test]
    fn equal_questions_are_asked_once() {
        let text = "var n\nparam a > 0\ncheck log(n - a) = O(n)\ncheck log(n - a) = O(n^2)\n";
        let l = crate::lower::load_source("t.bnd", text);
        assert_eq!(l.questions.len(), 1, "{:?}", l.questions);
    }

    #[test]
    fn a_domain_error_is_found_by_validation_not_by_lowering() {
        let text = "var n\nlet bad = log(1 - n)\ncheck bad = O(n)\ncheck n = O(n)\n";
        let l = crate::lower::load_source("t.bnd", text);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        assert_eq!(l.questions.len(), 1);
        let v = load_source("t.bnd", text);
        let found: Vec<(usize, usize, &str)> = v
            .diagnostics
            .iter()
            .map(|d| (d.pos.line, d.pos.column, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(
                2,
                11,
                "`log` of 1 - n is undefined for all large n: the argument is eventually <= 0"
            )]
        );
        // the claim using the rejected definition is kept, as unknown
        let p = v.program.expect("a program");
        assert_eq!(p.items.len(), 2);
        let Item::Claim(c) = &p.items[0] else {
            panic!("a claim")
        };
        assert!(c.kind.is_err(), "{:?}", c.kind);
    }

    #[test]
    fn an_enclosure_for_every_n_settles_a_question_and_hides_no_error() {
        // n - a > 1/2 for n >= 1 and a in (0, 1/2): settled by the enclosure
        let a = vec![(
            "a".to_string(),
            crate::ir::Constraint {
                lo: crate::ir::Endpoint::Finite {
                    value: Q::from_integer(0.into()),
                    closed: false,
                },
                hi: crate::ir::Endpoint::Finite {
                    value: Q::new(1.into(), 2.into()),
                    closed: false,
                },
            },
        )];
        let n_minus_a = Expr::sub(Expr::Var, Expr::param("a"));
        assert!(enclosure(&n_minus_a, &a).is_some_and(|v| v.is_pos()));
        // n - 2 is -1 at n = 1: left to the engine, which finds it defined
        // for large n; n - n is not settled either, and is identically 0
        let n_minus_2 = Expr::sub(Expr::Var, Expr::int(2));
        assert!(!enclosure(&n_minus_2, &[]).is_some_and(|v| v.is_nonneg()));
        let text = "var n\nparam a in (0, 1/2)\ncheck log(n - a) = O(n)\ncheck sqrt(n - 2) = O(n)\ncheck 1/(n - 1/2) = O(1)\n";
        assert!(load_source("t.bnd", text).diagnostics.is_empty());
        let errors = |text: &str| -> Vec<String> {
            load_source("t.bnd", text)
                .diagnostics
                .into_iter()
                .map(|d| d.message)
                .collect()
        };
        assert_eq!(
            errors("var n\ncheck 1/(n - n) = O(1)\n"),
            ["division by n - n, which is identically 0"]
        );
        assert_eq!(
            errors("var n\ncheck sqrt(1 - n^2) = O(1)\n"),
            ["`sqrt` of 1 - n^2 is undefined for all large n: the argument is eventually negative"]
        );
    }

    #[test]
    fn shared_hypotheses_are_prepared_once_and_located_in_each_file() {
        // G = O(1) and G = omega(n) cannot both hold: a conflict, reported
        // at the places of each file, whichever file prepared them first
        let text = "var n\nfn G\nassume G = O(1)\nassume G = omega(n)\ncheck G = O(n)\n";
        let lines = |name: &str, src: &str| -> Vec<(String, usize)> {
            load_source(name, src)
                .diagnostics
                .iter()
                .map(|d| (d.file.clone(), d.pos.line))
                .collect()
        };
        let a = lines("a.bnd", text);
        assert_eq!(
            a.iter().map(|(_, l)| *l).collect::<Vec<_>>(),
            [3, 4],
            "{a:?}"
        );
        assert!(a.iter().all(|(f, _)| f == "a.bnd"));
        let b = lines("b.bnd", &format!("\n\n{text}"));
        assert_eq!(
            b.iter().map(|(_, l)| *l).collect::<Vec<_>>(),
            [5, 6],
            "{b:?}"
        );
        assert!(b.iter().all(|(f, _)| f == "b.bnd"));
        // the same model for the same hypotheses written elsewhere
        let ok = "var n\nfn G\nassume G = O(sqrt(n))\ncheck G = O(n)\n";
        let model = |name: &str, src: &str| {
            let p = load_source(name, src).program.expect("a program");
            (p.hypotheses.model.clone(), p.hypotheses.candidates.clone())
        };
        assert_eq!(model("c.bnd", ok), model("d.bnd", &format!("# x\n{ok}")));
        assert!(model("c.bnd", ok).0.is_ok());
    }
}
