//! What each `show` statement prints, as text (and the numbers behind it):
//! an expression's simplified form and expansion, its value at a point, the
//! closed form of an optimum, the bounds of an expression with `fn`s, a
//! certified crossover, and the regions where a parametric claim holds
//! (`show when`, decided by the routes of the parent module).

use super::{decide_fn_free, decide_kind, kind_has_fn, Decider, Pieces};
use crate::cases;
use crate::ir::{ClaimKind, Decision, Expr, Hypotheses, ParamBox, Show, ShowKind, Verdict, Q};
use crate::simplify;
use std::collections::BTreeMap;

/// What `show` prints (kept for callers; `check_program` uses
/// [`show_certified`] to keep the crossover's numbers).
#[allow(dead_code)]
pub fn show(s: &Show, var: &str) -> String {
    show_certified(s, var).0
}

/// What `show` prints, with the certified numbers of a `show crossover`.
pub fn show_certified(s: &Show, var: &str) -> (String, Option<crate::threshold::Crossover>) {
    match &s.kind {
        ShowKind::Expr(e) if e.has_opt() => (show_optimum(e, &s.params, var), None),
        ShowKind::Expr(e) => (show_expr(e, &s.params, var), None),
        ShowKind::Value { expr, at } => (show_value(expr, at, var).0, None),
        ShowKind::Rejected(why) => (format!("unknown: {why}"), None),
        ShowKind::When(kind) => (show_when(kind, &s.params, var).0, None),
        ShowKind::Crossover { lhs, op, rhs } => {
            if lhs.has_fn() || rhs.has_fn() {
                return (
                    "unknown: not supported yet: `fn` unknown functions".into(),
                    None,
                );
            }
            let o = crate::optimum::Oracle {
                params: &s.params,
                var,
                regime: crate::optimum::Regime::From(Expr::int(1)),
            };
            let (lhs, rhs) = match (
                crate::optimum::resolve(lhs, &o),
                crate::optimum::resolve(rhs, &o),
            ) {
                (Ok((l, _)), Ok((r, _))) => (l, r),
                (Err(why), _) | (_, Err(why)) => return (format!("unknown: {why}"), None),
            };
            let r = crate::threshold::crossover(&lhs, *op, &rhs, &s.params, var);
            // For a variable tending to 0 the engines' threshold is on t =
            // 1/eps: the claim holds for every eps <= 1/integer, and the
            // greatest such eps0 lies in [1/upper, 1/lower].
            let c = match (r.crossover, crate::ir::zero_var(var)) {
                (Some(c), Some(_))
                    if c.lower > Q::from_integer(0.into())
                        && c.upper > Q::from_integer(0.into()) =>
                {
                    Some(crate::threshold::Crossover {
                        lower: c.upper.recip(),
                        upper: c.lower.recip(),
                        ..c
                    })
                }
                (c, _) => c,
            };
            (r.text, c)
        }
    }
}

/// What `show` prints for an expression with `inf`, `sup` or `least`: its
/// closed form (for all large n) and the expansion, then where each
/// optimum is attained, with the leading term of that point.
pub fn show_optimum(e: &Expr, params: &ParamBox, var: &str) -> String {
    let o = crate::optimum::Oracle {
        params,
        var,
        regime: crate::optimum::Regime::Eventually,
    };
    let (closed, notes) = match crate::optimum::resolve(e, &o) {
        Ok(r) => r,
        Err(why) => return format!("unknown: {why}"),
    };
    if let Some(n) = notes.iter().find(|n| !n.exact) {
        // known up to asymptotic equivalence: only its leading term means
        // anything (the next terms of the candidate are not the optimum's)
        let lead = crate::asymptotic::leading_term(&closed, params, var);
        // `~` the leading term, or only its order when known up to a
        // constant factor
        let rel = if n.theta { "= Theta of" } else { "~" };
        let mut out = match lead {
            Some(t) => format!("{rel} {} ({}; no closed form)", t.display(var), n.how),
            None => format!("{rel} {} (no closed form)", closed.display(var)),
        };
        if let Some(p) = &n.point {
            let p = simplify::display(p, params);
            let lead = crate::asymptotic::leading_term(&p, params, var).map_or_else(
                || p.display(var).to_string(),
                |t| t.display(var).to_string(),
            );
            out.push_str(&format!("; attained near {} ~ {lead}", n.bound));
        }
        return out;
    }
    let mut out = show_expr(&closed, params, var);
    for n in &notes {
        match (&n.point, &n.attained) {
            (Some(point), _) => {
                let p = simplify::display(point, params);
                let lead = crate::asymptotic::describe_terms(&p, params, var, 1);
                out.push_str(&format!(
                    "; attained at {} = {} ~ {}",
                    n.bound,
                    p.display(var),
                    lead
                ));
            }
            (None, Some(a)) => out.push_str(&format!("; attained at {a}")),
            (None, None) => {}
        }
    }
    out
}

/// What `show EXPR at n = N` prints, and the value: exact where it is
/// rational, else an exact enclosure shown to 7 significant digits. The
/// parameters must all have values (from `where`).
pub fn show_value(e: &Expr, at: &Expr, var: &str) -> (String, Option<crate::exact::value::Value>) {
    use crate::exact::value::{rational, value_at};
    if e.has_opt() {
        let o = crate::optimum::Oracle {
            params: &ParamBox::default(),
            var,
            regime: crate::optimum::Regime::At(at.clone()),
        };
        return match crate::optimum::resolve(e, &o) {
            Ok((_, notes)) if notes.iter().any(|n| n.bracket.is_some()) => {
                let n = notes.iter().find(|n| n.bracket.is_some());
                match (n, e) {
                    (Some(n), Expr::Opt(_)) => {
                        let (lo, hi) = n.bracket.clone().unwrap_or_default();
                        (
                            format!(
                                "in [{}, {}] (no closed form; the certified crossover at {})",
                                crate::threshold::fmt_num(&lo),
                                crate::threshold::fmt_num(&hi),
                                crate::ir::var_at(var, &at.display(var).to_string())
                            ),
                            None,
                        )
                    }
                    _ => (
                        "unknown: an optimum without a closed form at this point, inside a larger expression".into(),
                        None,
                    ),
                }
            }
            Ok((closed, _)) => show_value(&closed, at, var),
            Err(why) => (format!("unknown: {why}"), None),
        };
    }
    if e.has_fn() {
        return (
            "unknown: the value of a `fn` at a point is not known, only its hypotheses".into(),
            None,
        );
    }
    let free: Vec<String> = e.params().into_iter().map(|p| format!("`{p}`")).collect();
    if !free.is_empty() {
        return (
            format!(
                "unknown: the value depends on {}: give {} with `where`",
                free.join(", "),
                if free.len() == 1 {
                    "it a value"
                } else {
                    "them values"
                }
            ),
            None,
        );
    }
    let Some(n) = rational(at) else {
        return (
            format!(
                "unknown: the point must be a rational number: `{}`",
                at.display(var)
            ),
            None,
        );
    };
    let point = crate::threshold::fmt_exact(&n);
    match value_at(e, &n, &BTreeMap::new()) {
        Some(v) if v.is_exact() => {
            let exact = crate::threshold::fmt_num(&v.lower);
            let text = if v.lower.is_integer() && !exact.starts_with('~') {
                format!("= {exact}")
            } else if exact.starts_with('~') {
                format!("≈ {} (a rational; exact in the JSON report)", v.text)
            } else {
                format!("= {exact} ≈ {}", v.text)
            };
            (text, Some(v))
        }
        Some(v) => (format!("≈ {}", v.text), Some(v)),
        None => (
            format!(
                "unknown: not defined at {}, or too close to where it is undefined to evaluate",
                crate::ir::var_at(var, &point)
            ),
            None,
        ),
    }
}

/// Terms of an expansion a `show` prints before the order of the rest: the
/// leading term and the first correction.
pub const SHOW_TERMS: usize = 2;

/// An expression simplified, and its expansion.
pub fn show_expr(e: &Expr, params: &ParamBox, var: &str) -> String {
    if e.has_fn() {
        return format!(
            "{} (not supported yet: `fn` unknown functions)",
            e.display(var)
        );
    }
    let simple = simplify::display(e, params);
    // The expansion of the expression as written: exact, and independent of
    // how far the display budget took the printed form; the printed form's
    // own expansion only when the written one cannot be expanded.
    let mut expansion = crate::asymptotic::expansion(e, params, var, SHOW_TERMS);
    if expansion.is_err() && simple != *e {
        let other = crate::asymptotic::expansion(&simple, params, var, SHOW_TERMS);
        if other.is_ok() {
            expansion = other;
        }
    }
    let expansion = expansion.unwrap_or_else(|why| format!("cannot expand: {why}"));
    format!("{} = {}", simple.display(var), expansion)
}

/// `show when CLAIM`: the admissible values of the claim's parameters in
/// regions, in increasing order, covering them without overlap, with the
/// verdict on each; and the text that prints them.
pub fn show_when(kind: &ClaimKind, params: &ParamBox, var: &str) -> (String, Vec<cases::Region>) {
    if crate::optimum::claim_has_opt(kind) {
        return match crate::optimum::resolve_claim(kind, params, var) {
            Ok(crate::optimum::Resolution::Closed(resolved, _)) => {
                show_when(&resolved, params, var)
            }
            Ok(crate::optimum::Resolution::Decided(d)) => (
                format!("holds for every admissible value: proved: {}", d.reason),
                vec![],
            ),
            Ok(crate::optimum::Resolution::Reduced { .. }) => (
                "unknown: regions of a comparison with an optimum without a closed form".into(),
                vec![],
            ),
            Err(d) => (format!("unknown: {}", d.reason), vec![]),
        };
    }
    if kind_has_fn(kind) {
        return (
            "unknown: not supported yet: regions of a claim about `fn` unknown functions".into(),
            vec![],
        );
    }
    let names = kind.params();
    let whole = |d: Decision| -> (String, Vec<cases::Region>) {
        (
            match d.verdict {
                Verdict::Proved => {
                    format!("holds for every admissible value: proved: {}", d.reason)
                }
                Verdict::Refuted => {
                    format!("fails for some admissible value: refuted: {}", d.reason)
                }
                Verdict::Unknown => format!("unknown: {}", d.reason),
            },
            vec![cases::Region {
                cuts: vec![],
                line: None,
                decision: d,
                uniform: true,
            }],
        )
    };
    if names.is_empty() {
        return whole(decide_fn_free(kind, params, var));
    }
    let d = decide_kind(kind, params, var, true);
    if d.verdict != Verdict::Unknown {
        return whole(d);
    }
    let Some(regions) = Pieces::new(var, true).by_cases(kind, params, 0) else {
        return whole(decide_fn_free(kind, params, var));
    };
    let regions = cases::merge(regions);
    (cases::describe(&regions, params), regions)
}

/// What `show` prints for an expression with `fn`s: its bounds from the
/// hypotheses.
pub fn show_fns(e: &Expr, hyps: &Hypotheses, params: &ParamBox, var: &str) -> String {
    crate::hypothesis::show(e, hyps, params, var, &Decider)
}
