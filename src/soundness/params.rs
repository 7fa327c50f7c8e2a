//! The parameter class of the soundness tests: claims of every kind, `!=`
//! and `==` included, over parameters whose constraints have open and
//! closed ends at the values where a coefficient or an exponent difference
//! vanishes (b = 0 in `b*n`, a = 1/2 in `n^a` against `sqrt(n)`, `m*n`
//! against `n` with `m` unconstrained), sometimes with a `where`. A proved
//! claim must hold at every admissible value the referee tries (the closed
//! ends, points just inside the open ones, the critical values and points
//! next to them); a refutation's named values must be admissible and break
//! the claim there.

use super::findings::{self, run, Finding, Tally};
use super::judge::{judge, Params, Truth};
use super::Rng;
use crate::ir::{ClaimKind, Constraint, Endpoint, ParamBox, Verdict, Q};
use num_bigint::BigInt;
use std::collections::BTreeMap;

fn q(p: i64, d: i64) -> Q {
    Q::new(BigInt::from(p), BigInt::from(d))
}

/// Constraints, written as in a `param` declaration ("" for none).
const CONSTRAINTS: [&str; 16] = [
    "in [0, 1]",
    "in (0, 1)",
    "in (0, 1]",
    "in [0, 1)",
    "in [1/2, 2]",
    "in (1/2, 1)",
    "in [-1, 1]",
    ">= 0",
    "> 0",
    "<= 1",
    "< 1/2",
    ">= 1",
    "> 1/2",
    "in (0, 1/2]",
    "in [1/2, 1/2]",
    "",
];

/// The critical constants the templates use.
const CRITICAL: [(i64, i64); 4] = [(0, 1), (1, 2), (1, 1), (2, 1)];

/// Claim templates: `P` and `R` parameters, `C` a critical constant.
const TEMPLATES: [&str; 40] = [
    "P*n != 0",
    "P*n != C*n",
    "n^P != sqrt(n)",
    "n^P != n^C",
    "n^P != 1",
    "(P - C)*n != 0",
    "P*n + n != n + C*n",
    "(P - C)*n > 0 eventually",
    "(P - C)*n >= 0 eventually",
    "(P - C)*n < 0 eventually",
    "abs(P - C)*n > 0 eventually",
    "(P - C)^2*n > 0 eventually",
    "n^P <= n^C eventually",
    "P*log(n) + n > n eventually",
    "n^P = O(n^C)",
    "n^P = o(n^C)",
    "n^P = Theta(n^C)",
    "n^P = Omega(n^C)",
    "n^P = omega(n^C)",
    "n^P ~ n^C",
    "P*n ~ C*n",
    "n^P = O(sqrt(n))",
    "lim (P - C)*n = oo",
    "lim n^(P - C) = 0",
    "lim n^(P - C) = oo",
    "lim P*n/(n + 1) = C",
    "P*n == C*n",
    "n^P == n^C",
    "(P - C)*n == 0",
    "P*n <= C*n for n >= 1",
    "n^P <= n^C for n >= 2",
    "P*n <= C*n at n = 3",
    "n^P != n^C at n = 4",
    "P*n == C*n at n = 3",
    "(P - R)*n != 0",
    "P*n <= R*n eventually",
    "n^P = O(n^R)",
    "P*n != R*n",
    "abs(P - R) + 1/n > 1/n eventually",
    "max(P, C)*n != C*n",
];

/// The values of a parameter the referee tries: closed ends, points just
/// inside open ends, the critical constants and points next to them,
/// filtered by the constraint.
pub fn trial_values(c: &Constraint) -> Vec<Q> {
    let bump = q(1, 1000);
    let mut v: Vec<Q> = Vec::new();
    for end in [&c.lo, &c.hi] {
        if let Endpoint::Finite { value, .. } = end {
            v.push(value.clone());
            v.push(value + &bump);
            v.push(value - &bump);
        }
    }
    for (p, d) in CRITICAL.iter().chain(&[(-1, 1), (1, 4), (3, 2), (5, 1)]) {
        let x = q(*p, *d);
        v.push(&x + &bump);
        v.push(&x - &bump);
        v.push(x);
    }
    let mut v: Vec<Q> = v.into_iter().filter(|x| c.contains(x)).collect();
    v.sort();
    v.dedup();
    v
}

/// Every combination of trial values of the named parameters (capped).
pub fn trial_points(names: &[String], box_: &ParamBox) -> Vec<Params> {
    let mut out: Vec<Params> = vec![Params::new()];
    for name in names {
        let vals = box_.get(name).map(trial_values).unwrap_or_default();
        let mut next = Vec::new();
        for p in &out {
            for v in &vals {
                let mut p = p.clone();
                p.insert(name.clone(), v.clone());
                next.push(p);
            }
        }
        out = next;
        if out.len() > 400 {
            out.truncate(400);
        }
    }
    out
}

/// The parameter names a claim kind mentions.
pub fn kind_params(k: &ClaimKind) -> Vec<String> {
    k.params().into_iter().collect()
}

/// Judge one decided claim over parameters; pushes any contradiction.
pub fn judge_param_claim(
    src: &str,
    text: &str,
    kind: &ClaimKind,
    box_: &ParamBox,
    verdict: Verdict,
    reason: &str,
    t: &mut Tally,
) {
    let names = kind_params(kind);
    let finding = |breaker: String, why: String, class: &'static str| Finding {
        class,
        file: src.to_string(),
        claim: text.to_string(),
        verdict,
        reason: reason.to_string(),
        breaker,
        why,
    };
    match verdict {
        Verdict::Unknown => {}
        Verdict::Proved => {
            let mut any = false;
            for p in trial_points(&names, box_) {
                let j = judge(kind, &p);
                match j.truth {
                    Truth::False => {
                        t.findings.push(finding(
                            findings::show_params(&p),
                            j.why,
                            "param: proved, false at an admissible value",
                        ));
                        return;
                    }
                    Truth::True => any = true,
                    Truth::Unsure => {}
                }
            }
            if !any {
                t.inconclusive += 1;
            }
        }
        Verdict::Refuted => match findings::param_witness(reason) {
            Some(w) => {
                for (name, v) in &w {
                    if let Some(c) = box_.get(name) {
                        if !c.contains(v) {
                            t.findings.push(finding(
                                findings::show_params(&w),
                                format!(
                                    "{name} = {} is outside its constraint ({c})",
                                    crate::ir::fmt_q(v)
                                ),
                                "param: refutation witness not admissible",
                            ));
                            return;
                        }
                    }
                }
                if names.iter().any(|n| !w.contains_key(n)) {
                    t.inconclusive += 1;
                    return;
                }
                let j = judge(kind, &w);
                match j.truth {
                    Truth::True => t.findings.push(finding(
                        findings::show_params(&w),
                        j.why,
                        "param: refuted, true at its witness",
                    )),
                    Truth::False => {}
                    Truth::Unsure => t.inconclusive += 1,
                }
            }
            None => {
                // refuted for the whole box: true at every trial value
                // (ends and critical values included) contradicts it
                let pts = trial_points(&names, box_);
                let js: Vec<_> = pts.iter().map(|p| judge(kind, p)).collect();
                if names.is_empty() || pts.is_empty() {
                    let j = judge(kind, &Params::new());
                    if j.truth == Truth::True && names.is_empty() {
                        t.findings.push(finding(
                            "(no parameter)".into(),
                            j.why,
                            "param: refuted, true at every trial value",
                        ));
                    }
                } else if js.len() >= 3 && js.iter().all(|j| j.truth == Truth::True) {
                    t.findings.push(finding(
                        format!("every trial value, e.g. {}", findings::show_params(&pts[0])),
                        js[0].why.clone(),
                        "param: refuted, true at every trial value",
                    ));
                } else if !js.iter().any(|j| j.truth == Truth::False) {
                    t.inconclusive += 1;
                }
            }
        },
    }
}

fn gen_claim(r: &mut Rng, names: &[&str]) -> String {
    let (cp, cd) = CRITICAL[r.below(CRITICAL.len() as u64) as usize];
    let c = crate::ir::fmt_q(&q(cp, cd));
    let p = names[r.below(names.len() as u64) as usize];
    let mut other = names[r.below(names.len() as u64) as usize];
    if other == p {
        other = names[(names.iter().position(|x| *x == p).unwrap_or(0) + 1) % names.len()];
    }
    TEMPLATES[r.below(TEMPLATES.len() as u64) as usize]
        .replace('P', p)
        .replace('R', other)
        .replace('C', &format!("({c})"))
}

/// One file: two or three parameters, a few claims, some with `where`.
fn round(r: &mut Rng, t: &mut Tally, claims: usize) {
    let names = ["a", "b", "m"];
    let mut src = String::from("var n\n");
    let mut constraints: BTreeMap<&str, &str> = BTreeMap::new();
    for name in names {
        let c = CONSTRAINTS[r.below(CONSTRAINTS.len() as u64) as usize];
        constraints.insert(name, c);
        src.push_str(&format!("param {name} {c}\n"));
    }
    let ran0 = run(&src);
    let Some(p0) = &ran0.program else {
        t.harness.push(format!("no program for\n{src}"));
        return;
    };
    let box0 = p0.params.clone();
    for _ in 0..claims {
        let claim = gen_claim(r, &names);
        // sometimes a `where` at an admissible critical value
        let line = if r.below(4) == 0 {
            let name = names[r.below(3) as usize];
            let vals = box0.get(name).map(trial_values).unwrap_or_default();
            match vals.get(r.below(vals.len().max(1) as u64) as usize) {
                Some(v) if claim.contains(name) => {
                    format!("check {claim} where {name} = {}\n", crate::ir::fmt_q(v))
                }
                _ => format!("check {claim}\n"),
            }
        } else {
            format!("check {claim}\n")
        };
        src.push_str(&line);
    }
    let ran = t.timed_run(&src);
    for e in &ran.errors {
        t.harness
            .push(format!("generated file has an error ({e}):\n{src}"));
    }
    let Some(program) = &ran.program else {
        return;
    };
    for (i, (text, kind, verdict, reason)) in ran.claims.iter().enumerate() {
        let Ok(kind) = kind else {
            t.count("(not lowered)", *verdict);
            continue;
        };
        t.count(findings::kind_name(kind), *verdict);
        let box_ = match program
            .items
            .iter()
            .filter_map(|it| match it {
                crate::ir::Item::Claim(c) => Some(&c.params),
                _ => None,
            })
            .nth(i)
        {
            Some(b) => b.clone(),
            None => continue,
        };
        // a `where` left as a one-point constraint or substituted away:
        // either way the claim's own box says what is admissible
        judge_param_claim(&src, text, kind, &box_, *verdict, reason, t);
    }
}

const FAST_FILES: usize = 25;
const CLAIMS: usize = 6;

#[test]
fn parametric_claims_hold_at_ends_and_critical_values() {
    let files = findings::rounds(FAST_FILES);
    let mut r = Rng(findings::seed(0xa11));
    let mut t = Tally::default();
    for _ in 0..files {
        round(&mut r, &mut t, CLAIMS);
    }
    t.print("soundness/params");
    t.assert_clean("soundness/params");
}

#[test]
fn trial_values_reach_ends_and_critical_values() {
    let lower = |src: &str| {
        let ran = run(&format!("var n\nparam b {src}\n"));
        ran.program.map(|p| p.params.params["b"].clone())
    };
    let closed = lower("in [0, 1]").expect("lowers");
    let v = trial_values(&closed);
    assert!(v.contains(&q(0, 1)) && v.contains(&q(1, 1)) && v.contains(&q(1, 2)));
    let open = lower("in (0, 1)").expect("lowers");
    let v = trial_values(&open);
    assert!(!v.contains(&q(0, 1)) && v.contains(&q(1, 1000)) && v.contains(&q(999, 1000)));
    // at b = 0, `b*n != 0` is false: the referee sees the identity
    let ran = run("var n\nparam b in [0, 1]\ncheck b*n != 0\n");
    let (_, kind, _, _) = &ran.claims[0];
    let kind = kind.clone().expect("lowers");
    let at0 = Params::from([("b".to_string(), q(0, 1))]);
    assert_eq!(judge(&kind, &at0).truth, Truth::False);
    let at1 = Params::from([("b".to_string(), q(1, 1))]);
    assert_eq!(judge(&kind, &at1).truth, Truth::True);
}
