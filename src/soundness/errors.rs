//! The erroneous-file class of the soundness tests: files with a rejected
//! `assume` (not of a supported form, or not about a `fn`), an empty
//! parameter constraint, or a name declared twice, followed by random
//! claims. By the language's quantifier contract a claim that depends on a
//! rejected or erroneous declaration or hypothesis is `unknown`, never
//! decided from a partial understanding of the file: any other verdict on
//! such a claim is reported. Independently of that contract, every proved
//! claim must hold for model functions satisfying every hypothesis (the
//! rejected one too, read as mathematics), every refutation's witness must
//! satisfy them all and break the claim, and no claim over a parameter
//! with no admissible value may be refuted (there is nothing to refute it
//! with).

use super::findings::{self, expr, run, Finding, Tally};
use super::fns::witness_problem;
use super::judge::{judge, subst_kind, Models, Params, Truth};
use super::params::judge_param_claim;
use super::Rng;
use crate::ir::{ClaimKind, Verdict};

/// (accepted hypotheses, the rejected one, models satisfying all of them)
const REJECTED: [(&str, &str, &[&str]); 9] = [
    (
        "assume G <= n eventually",
        "2*G <= n eventually",
        &["n/2", "n/3", "1", "sqrt(n)", "exp(-n)"],
    ),
    (
        "assume G = O(n)",
        "G + 1 <= n eventually",
        &["n - 1", "n/2", "sqrt(n)", "1/n"],
    ),
    (
        "assume lim G = oo",
        "G*G = O(n)",
        &["sqrt(n)", "log(n+2)", "n^(1/4)"],
    ),
    (
        "assume G >= 1 eventually",
        "sqrt(G) <= log(n) eventually",
        &["1", "log(n+2)", "log(n)^2", "2"],
    ),
    ("", "G != n", &["1", "n^2", "sqrt(n)", "n + 1"]),
    (
        "assume G = Theta(n)",
        "G <= n at n = 5",
        &["n", "n/2", "n*(n+1)/(n+2)"],
    ),
    (
        "assume G = Theta(sqrt(n))",
        "n = O(n^2)",
        &["sqrt(n)", "2*sqrt(n)", "sqrt(n)*(n+1)/(n+2)"],
    ),
    (
        "assume G <= n^2 eventually",
        "G = O(G*n)",
        &["n^2", "n", "1"],
    ),
    ("assume G ~ n", "lim G = -oo", &[]),
];

/// Terms the claims of this class are built from.
const TERMS: [&str; 8] = ["G", "n", "sqrt(n)", "1", "log(n)", "n/2", "2*G", "G^2"];

const CLAIMS: [&str; 18] = [
    "X <= Y eventually",
    "X < Y eventually",
    "X >= Y eventually",
    "X = O(Y)",
    "X = o(Y)",
    "X = Omega(Y)",
    "X = Theta(Y)",
    "X ~ Y",
    "lim X = oo",
    "lim X/Y = 0",
    "X != Y",
    "X == Y",
    "abs(X - Y) > 0 eventually",
    "X <= Y for n >= 10",
    "X != Y at n = 5",
    "X <= 2*Y eventually",
    "X >= Y/2 eventually",
    "lim X/Y = 1",
];

fn claim(r: &mut Rng) -> String {
    let x = if r.below(3) == 0 {
        TERMS[r.below(TERMS.len() as u64) as usize]
    } else {
        "G"
    };
    let y = TERMS[r.below(TERMS.len() as u64) as usize];
    CLAIMS[r.below(CLAIMS.len() as u64) as usize]
        .replace('X', &format!("({x})"))
        .replace('Y', &format!("({y})"))
}

fn contract(src: &str, text: &str, v: Verdict, reason: &str, class: &'static str) -> Finding {
    Finding {
        class,
        file: src.to_string(),
        claim: text.to_string(),
        verdict: v,
        reason: reason.to_string(),
        breaker: "the erroneous statement it depends on".into(),
        why: "the contract: a claim that depends on a rejected or erroneous statement is unknown"
            .into(),
    }
}

/// A file with a rejected hypothesis about G.
fn rejected_round(r: &mut Rng, t: &mut Tally, claims: usize) {
    let (accepted, rejected, models) = REJECTED[r.below(REJECTED.len() as u64) as usize];
    let mut src = String::from("var n\nfn G\n");
    // the rejected one first or after the accepted one
    let rejected_line = format!("assume {rejected}\n");
    if r.below(2) == 0 {
        src.push_str(&rejected_line);
        if !accepted.is_empty() {
            src.push_str(&format!("{accepted}\n"));
        }
    } else {
        if !accepted.is_empty() {
            src.push_str(&format!("{accepted}\n"));
        }
        src.push_str(&rejected_line);
    }
    for _ in 0..claims {
        let c = claim(r);
        let cmd = if r.below(3) == 0 { "refute" } else { "check" };
        src.push_str(&format!("{cmd} {c}\n"));
    }
    let ran = t.timed_run(&src);
    if ran.errors.is_empty() {
        t.harness.push(format!(
            "the rejected hypothesis was not reported ({:?}):\n{src}",
            ran.errors
        ));
    }
    let Some(program) = &ran.program else {
        return;
    };
    // every hypothesis as mathematics: the accepted ones as lowered, the
    // rejected one lowered as a claim
    let meaning = run(&format!("var n\nfn G\ncheck {rejected}\n"));
    let Some((_, Ok(rejected_kind), _, _)) = meaning.claims.first() else {
        t.harness
            .push(format!("`{rejected}` does not lower as a claim"));
        return;
    };
    let mut hyps: Vec<ClaimKind> = program
        .hypotheses
        .facts
        .iter()
        .map(|h| h.kind.clone())
        .collect();
    hyps.push(rejected_kind.clone());
    let mut ms: Vec<Models> = Vec::new();
    for m in models.iter() {
        let Some(e) = expr(m) else {
            t.harness.push(format!("model {m} does not parse"));
            continue;
        };
        let mm = Models::from([("G".to_string(), e)]);
        for h in &hyps {
            let j = judge(&subst_kind(h, &mm), &Params::new());
            if j.truth == Truth::False {
                t.harness
                    .push(format!("model G = {m} fails {h:?}: {}", j.why));
            }
        }
        ms.push(mm);
    }
    for (text, kind, verdict, reason) in &ran.claims {
        let Ok(kind) = kind else {
            t.count("(not lowered)", *verdict);
            continue;
        };
        t.count(findings::kind_name(kind), *verdict);
        if *verdict == Verdict::Unknown || !super::judge::kind_mentions_fn(kind) {
            continue;
        }
        t.findings.push(contract(
            &src,
            text,
            *verdict,
            reason,
            "errors: claim about a fn with a rejected hypothesis decided",
        ));
        let finding = |breaker: String, why: String, class: &'static str| Finding {
            class,
            file: src.clone(),
            claim: text.clone(),
            verdict: *verdict,
            reason: reason.clone(),
            breaker,
            why,
        };
        if *verdict == Verdict::Proved {
            for m in &ms {
                let j = judge(&subst_kind(kind, m), &Params::new());
                if j.truth == Truth::False {
                    t.findings.push(finding(
                        findings::show_models(m),
                        j.why,
                        "errors: proved, false for a model of every hypothesis (the rejected one included)",
                    ));
                    break;
                }
            }
        } else if let Some(named) = findings::fn_witness(reason, &["G".to_string()]) {
            if let Some((class, why)) = witness_problem(&named, &named, &hyps, kind) {
                let class = if class == "fn: refutation witness violates a hypothesis" {
                    "errors: refutation witness violates a hypothesis (the rejected one included)"
                } else {
                    class
                };
                t.findings
                    .push(finding(findings::show_models(&named), why, class));
            }
        }
    }
}

/// Empty constraints: every claim over the parameter is `unknown`; one
/// refuted has no admissible witness at all.
const EMPTY: [&str; 4] = ["in (1, 0)", "in [1, 1)", "in (2, 1]", "in (1/2, 1/2)"];

/// Duplicate declarations: (lines, the duplicated name).
const DUPLICATES: [(&str, &str); 5] = [
    ("param a in (0, 1)\nparam a > 2\n", "a"),
    ("param a in [0, 1]\nparam a\n", "a"),
    ("fn G\nfn G\nassume G = O(n)\n", "G"),
    ("param a in (0, 1)\nfn a\n", "a"),
    ("let f = n\nlet f = n^2\n", "f"),
];

const PARAM_CLAIMS: [&str; 10] = [
    "P*n != 0",
    "P*n > 0 eventually",
    "n^P = O(n)",
    "n^P != sqrt(n)",
    "P*n == 0",
    "lim P*n = oo",
    "(P - 1)*n < 0 eventually",
    "P*n <= n for n >= 1",
    "P*n ~ n",
    "P*n != n at n = 2",
];

fn param_claim(r: &mut Rng, name: &str) -> String {
    PARAM_CLAIMS[r.below(PARAM_CLAIMS.len() as u64) as usize].replace('P', name)
}

/// A file with an empty constraint or a duplicated name, claims over it and
/// over a well-declared parameter `b`.
fn declaration_round(r: &mut Rng, t: &mut Tally, claims: usize) {
    let empty = r.below(2) == 0;
    let (decls, bad) = if empty {
        (
            format!("param a {}\n", EMPTY[r.below(EMPTY.len() as u64) as usize]),
            "a",
        )
    } else {
        let (d, name) = DUPLICATES[r.below(DUPLICATES.len() as u64) as usize];
        (d.to_string(), name)
    };
    let mut src = format!("var n\n{decls}param b in [0, 1]\n");
    for _ in 0..claims {
        let name = if r.below(3) == 0 { "b" } else { bad };
        let c = if name == "f" || name == "G" {
            let x = if name == "f" { "f" } else { "G" };
            CLAIMS[r.below(CLAIMS.len() as u64) as usize]
                .replace('X', x)
                .replace('Y', TERMS[1 + r.below(5) as usize])
        } else {
            param_claim(r, name)
        };
        src.push_str(&format!("check {c}\n"));
    }
    let ran = t.timed_run(&src);
    if ran.errors.is_empty() {
        t.harness.push(format!("no error reported for\n{src}"));
    }
    let Some(program) = &ran.program else {
        return;
    };
    let boxes: Vec<&crate::ir::ParamBox> = program
        .items
        .iter()
        .filter_map(|it| match it {
            crate::ir::Item::Claim(c) => Some(&c.params),
            _ => None,
        })
        .collect();
    for (i, (text, kind, verdict, reason)) in ran.claims.iter().enumerate() {
        let name = match kind {
            Ok(k) => findings::kind_name(k),
            Err(_) => "(not lowered)",
        };
        t.count(name, *verdict);
        let depends = text
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| w == bad);
        if depends && *verdict != Verdict::Unknown {
            let class = if empty {
                if *verdict == Verdict::Refuted {
                    "errors: claim over an empty-constraint parameter refuted (no admissible witness exists)"
                } else {
                    "errors: claim over an empty-constraint parameter proved (spec: unknown)"
                }
            } else {
                "errors: claim on a duplicated name decided (spec: unknown)"
            };
            t.findings
                .push(contract(&src, text, *verdict, reason, class));
            continue;
        }
        if let (Ok(kind), Some(b)) = (kind, boxes.get(i)) {
            if !depends && !super::judge::kind_mentions_fn(kind) {
                judge_param_claim(&src, text, kind, b, *verdict, reason, t);
            }
        }
    }
}

const FAST_FILES: usize = 20;
const CLAIMS_PER_FILE: usize = 5;

#[test]
fn erroneous_files_decide_nothing_from_a_partial_reading() {
    let files = findings::rounds(FAST_FILES);
    let mut r = Rng(findings::seed(0xe77));
    let mut t = Tally::default();
    for i in 0..files {
        if i % 2 == 0 {
            rejected_round(&mut r, &mut t, CLAIMS_PER_FILE);
        } else {
            declaration_round(&mut r, &mut t, CLAIMS_PER_FILE);
        }
    }
    t.print("soundness/errors");
    t.assert_clean("soundness/errors");
}
