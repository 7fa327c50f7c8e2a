//! Claim -> verdict, as data. Routes each lowered claim: `==` to the e-graph
//! (then to exact evaluation for a counterexample), asymptotic claims through
//! the e-graph's simplification to the asymptotic engine, and turns a
//! parametric `unknown` into `refuted` when an admissible parameter value
//! provably breaks the claim. Prints nothing.

use crate::cases;
use crate::exact::eval::separate;
use crate::ir::{
    fmt_q, Claim, ClaimKind, Cmp, Decision, Expr, Item, ParamBox, Program, Range, Show, ShowKind,
    Verdict, Q,
};
use crate::simplify::{self, Equivalence};
use num_bigint::BigInt;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The outcome of one claim.
#[derive(Clone, Debug)]
pub struct ClaimResult {
    pub claim: Claim,
    pub decision: Decision,
    /// How a proved `for n >= N` claim was certified (threshold claims only).
    pub certificate: Option<crate::threshold::Certificate>,
    /// The reason as a multi-line derivation (`--explain`).
    pub derivation: Vec<String>,
    /// The evidence named by the reason (leading terms, witnesses, ...).
    pub evidence: BTreeMap<String, Vec<String>>,
}

impl ClaimResult {
    /// Did the claim pass (`check` proved, or `refute` refuted)?
    pub fn passed(&self) -> bool {
        match self.claim.command {
            crate::ir::Command::Check => self.decision.verdict == Verdict::Proved,
            crate::ir::Command::Refute => self.decision.verdict == Verdict::Refuted,
        }
    }
}

/// The outcome of one `show`.
#[derive(Clone, Debug)]
pub struct ShowResult {
    pub show: Show,
    pub result: String,
    /// The certified numbers of a `show crossover` (`None`: none exists or
    /// none was certified; the result text says which).
    pub crossover: Option<crate::threshold::Crossover>,
    /// The value of a `show EXPR at n = N`, when it could be computed.
    pub value: Option<Box<crate::exact::value::Value>>,
    /// The regions of a `show when` (one region without a name when the
    /// claim was decided over the whole box; empty for other shows).
    pub regions: Vec<cases::Region>,
}

#[derive(Clone, Debug)]
pub enum ItemResult {
    Claim(ClaimResult),
    Show(ShowResult),
}

/// Worker threads deciding the items of one file.
const MAX_WORKERS: usize = 4;

/// Stack of each worker (the decision procedures recurse over expressions).
const WORKER_STACK: usize = 64 << 20;

/// Most parameter-value combinations tried when looking for a witness.
const MAX_WITNESS_TRIES: usize = 16;

/// Sample points of the variable for counterexamples to `==`.
const EQUAL_SAMPLE_N: [i64; 8] = [1, 2, 3, 5, 10, 100, 1000, 1_000_000];

/// Precision cap (bits) when separating two values at a point.
const SEPARATE_BITS: u32 = 1024;

/// Decide every claim and evaluate every show of a program. Items are
/// independent, so they are spread over a few worker threads; results are
/// put back in source order, so the output does not depend on scheduling.
pub fn check_program(p: &Program) -> Vec<ItemResult> {
    let run = |it: &Item| match it {
        Item::Claim(c) => {
            let (decision, certificate) = decide_claim_certified(c, &p.var);
            let done = crate::reason::finish(&decision.reason);
            ItemResult::Claim(ClaimResult {
                claim: c.clone(),
                decision: Decision {
                    verdict: decision.verdict,
                    reason: done.line,
                },
                certificate,
                derivation: done.derivation,
                evidence: done.evidence,
            })
        }
        Item::Show(s) => {
            let mut regions = Vec::new();
            let (result, crossover, value) = match &s.kind {
                ShowKind::Expr(e) if e.has_opt() => {
                    (show_optimum(e, &s.params, &p.var), None, None)
                }
                ShowKind::Expr(e) if e.has_fn() => (
                    crate::hypothesis::show(e, &p.hypotheses, &s.params, &p.var),
                    None,
                    None,
                ),
                ShowKind::Value { expr, at } => {
                    let (text, value) = show_value(expr, at, &p.var);
                    (text, None, value)
                }
                ShowKind::When(kind) => {
                    let (text, r) = show_when(kind, &s.params, &p.var);
                    regions = r;
                    (text, None, None)
                }
                _ => {
                    let (text, crossover) = show_certified(s, &p.var);
                    (text, crossover, None)
                }
            };
            ItemResult::Show(ShowResult {
                show: s.clone(),
                result: crate::reason::plain(&result),
                crossover,
                value: value.map(Box::new),
                regions,
            })
        }
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_WORKERS)
        .min(p.items.len());
    if workers <= 1 {
        return p.items.iter().map(run).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<ItemResult>>> = Mutex::new(vec![None; p.items.len()]);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = p.items.get(i) else {
            break;
        };
        let r = run(item);
        if let Ok(mut s) = slots.lock() {
            s[i] = Some(r);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            // A worker that cannot be started leaves its share to the others.
            let _ = std::thread::Builder::new()
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, work);
        }
    });
    let slots = slots.into_inner().unwrap_or_else(|e| e.into_inner());
    // Any item a failed worker left undone is done here, in order.
    slots
        .into_iter()
        .zip(&p.items)
        .map(|(r, it)| r.unwrap_or_else(|| run(it)))
        .collect()
}

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
        let mut out = match lead {
            Some(t) => format!("~ {} ({}; no closed form)", t.display(var), n.how),
            None => format!("~ {} (no closed form)", closed.display(var)),
        };
        if let Some(p) = &n.point {
            let p = simplify::simplify(p, params);
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
                let p = simplify::simplify(point, params);
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
    let simple = simplify::simplify(e, params);
    let expansion = crate::asymptotic::describe_terms(&simple, params, var, SHOW_TERMS);
    format!("{} = {}", simple.display(var), expansion)
}

/// Decide one claim (the reason in full, on one line).
pub fn decide_claim(c: &Claim, var: &str) -> Decision {
    let d = decide_claim_certified(c, var).0;
    Decision {
        verdict: d.verdict,
        reason: crate::reason::plain(&d.reason),
    }
}

/// Decide one claim; a proved `for n >= N` claim also gets its certificate.
///
/// This is the one place that applies the quantifier contract (see
/// `docs/quantifiers.md`): [`admissible_choices`] first turns every claim
/// whose admissible choices are not known (a rejected declaration or
/// hypothesis, an empty constraint, contradictory hypotheses) into
/// `unknown`; then each claim goes to the engine that decides it for EVERY
/// admissible parameter value and `fn`, and a refutation always names one
/// admissible choice:
///
/// | claim | route |
/// | --- | --- |
/// | with `fn`s | `hypothesis` (bounds for every function; witnesses that satisfy every hypothesis) |
/// | `for n >= N`, `at n = N` | `threshold` over the whole box, then a parameter witness |
/// | `==` / `!=` | e-graph and exact evaluation (`decide_equal`, `decide_not_equal`) |
/// | Landau, `~`, `lim`, eventually | `asymptotic` over the whole box, then a parameter witness |
pub fn decide_claim_certified(
    c: &Claim,
    var: &str,
) -> (Decision, Option<crate::threshold::Certificate>) {
    let kind = match admissible_choices(c) {
        Ok(kind) => kind,
        Err(d) => return (d, None),
    };
    if crate::optimum::claim_has_opt(kind) {
        use crate::optimum::Resolution;
        let with_kind = |k: ClaimKind| Claim {
            kind: Ok(k),
            ..c.clone()
        };
        return match crate::optimum::resolve_claim(kind, &c.params, var) {
            Err(d) | Ok(Resolution::Decided(d)) => (d, None),
            Ok(Resolution::Closed(resolved, notes)) => {
                let (d, cert) = decide_claim_certified(&with_kind(resolved), var);
                (with_notes(d, &notes, &c.params, var), cert)
            }
            Ok(Resolution::Reduced {
                prove,
                disprove,
                refuted_by,
                about,
                notes,
            }) => {
                let decide = |(k, params): &(ClaimKind, ParamBox)| {
                    let c = Claim {
                        kind: Ok(k.clone()),
                        params: params.clone(),
                        ..c.clone()
                    };
                    decide_claim_certified(&c, var).0
                };
                let all = |claims: &[(ClaimKind, ParamBox)]| -> Result<Vec<String>, Decision> {
                    claims
                        .iter()
                        .map(|k| {
                            let d = decide(k);
                            if d.verdict == Verdict::Proved {
                                Ok(d.reason)
                            } else {
                                Err(d)
                            }
                        })
                        .collect()
                };
                let d = match all(&prove) {
                    Ok(reasons) => Decision::proved(format!("{about}: {}", reasons.join("; "))),
                    Err(stuck) => {
                        let disproved = (!disprove.is_empty())
                            .then(|| all(&disprove).ok())
                            .flatten();
                        let refuted = refuted_by
                            .as_ref()
                            .map(&decide)
                            .filter(|r| r.verdict == Verdict::Refuted);
                        match (disproved, refuted) {
                            (Some(reasons), _) => {
                                Decision::refuted(format!("{about}: {}", reasons.join("; ")))
                            }
                            (None, Some(r)) => Decision::refuted(format!("{about}: {}", r.reason)),
                            (None, None) => {
                                Decision::unknown(format!("{about}, not settled: {}", stuck.reason))
                            }
                        }
                    }
                };
                (with_notes(d, &notes, &c.params, var), None)
            }
        };
    }
    if kind_has_fn(kind) {
        return crate::hypothesis::decide_certified(kind, &c.hypotheses, &c.params, var);
    }
    if let ClaimKind::Ineq {
        lhs,
        op,
        rhs,
        range: Range::From(from),
    } = kind
    {
        let (d, cert) = crate::threshold::decide_from(lhs, *op, rhs, from, &c.params, var);
        if d.verdict != Verdict::Unknown || c.params.params.is_empty() {
            return (d, cert);
        }
        if let Some(w) = find_witness(kind, &c.params, var) {
            return (w, None);
        }
        return (d, None);
    }
    (decide_fn_free(kind, &c.params, var), None)
}

/// A decision about a claim whose optima were resolved, with what each
/// optimum was found equal to.
fn with_notes(
    d: Decision,
    notes: &[crate::optimum::Note],
    params: &ParamBox,
    var: &str,
) -> Decision {
    let said: Vec<String> = notes
        .iter()
        .map(|n| {
            if let Some((lo, hi)) = &n.bracket {
                return format!(
                    "{} in [{}, {}]",
                    n.written,
                    crate::threshold::fmt_num(lo),
                    crate::threshold::fmt_num(hi)
                );
            }
            let rel = if n.exact { "=" } else { "~" };
            let value = simplify::simplify(&n.value, params);
            let value = crate::reason::named("optimum", "M", &value.display(var).to_string());
            format!("{} {rel} {value}", n.written)
        })
        .collect();
    // what each optimum was found equal to: in the derivation and the
    // evidence, on the one-line reason when it fits
    Decision {
        verdict: d.verdict,
        reason: format!(
            "{}{}",
            d.reason,
            crate::reason::detail(&format!(" (where {})", said.join(", ")))
        ),
    }
}

/// The contract's preconditions: a claim is decided only when its admissible
/// choices are exactly known. Otherwise `unknown`, with what is missing:
/// the claim uses a rejected declaration; a parameter it mentions has an
/// empty constraint (every claim would hold vacuously); it mentions a `fn`
/// while some `assume` was rejected (what that hypothesis meant is not
/// known, and a witness might violate it) or the hypotheses contradict each
/// other.
fn admissible_choices(c: &Claim) -> Result<&ClaimKind, Decision> {
    let kind = c
        .kind
        .as_ref()
        .map_err(|reason| Decision::unknown(reason.clone()))?;
    if let Some((name, con)) = c
        .params
        .params
        .iter()
        .find(|(name, con)| con.is_empty() && claim_params(kind).contains(*name))
    {
        return Err(Decision::unknown(format!(
            "param {name} has an empty constraint ({con}): no admissible value"
        )));
    }
    if kind_has_fn(kind) {
        if let Some(r) = c.hypotheses.rejected.first() {
            return Err(Decision::unknown(format!(
                "the hypothesis `{}` at line {} was rejected ({}; see the errors): nothing is decided about the `fn`s while its meaning is unknown",
                r.text, r.pos.line, r.why
            )));
        }
    }
    Ok(kind)
}

/// Decide a claim free of `fn` for every admissible value of `params`; an
/// undecided parametric claim may still be refuted at a sample point.
pub(crate) fn decide_fn_free(kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    decide_piece(kind, params, var, 0, &cases::Budget::new()).decision
}

/// Decide a fn-free claim over a parameter box: over the whole box; then
/// by cases on a parameter whose sign question stopped the engine (see
/// `crate::cases`); then by a witness at a sample point. Also says whether
/// the verdict holds at every value of the box (`false` for a refutation
/// at one sample point, or from one piece of a split), and the pieces when
/// the box was cut.
fn decide_piece(
    kind: &ClaimKind,
    params: &ParamBox,
    var: &str,
    depth: usize,
    budget: &cases::Budget,
) -> cases::Outcome {
    let d = decide_kind(kind, params, var, true);
    if d.verdict != Verdict::Unknown || params.params.is_empty() {
        return cases::Outcome {
            decision: d,
            uniform: true,
            regions: vec![],
        };
    }
    // An inconclusive case analysis keeps the engine's own reason: it names
    // the question (`sign of a unknown: give param a a constraint`), which
    // says more than the piece that stayed open (`show when` prints those).
    let mut regions = vec![];
    if let Some(rs) = by_cases(kind, params, var, depth, budget) {
        let c = cases::combine(&rs);
        if c.verdict == Verdict::Proved {
            return cases::Outcome {
                decision: c,
                uniform: true,
                regions: rs,
            };
        }
        if c.verdict == Verdict::Refuted {
            // A refutation names one admissible choice: a point of the
            // refuting piece where the claim is refuted exactly, when one of
            // its sample values is; else the piece itself (the engine showed
            // the claim fails somewhere in it).
            let decision = rs
                .iter()
                .find(|r| r.decision.verdict == Verdict::Refuted)
                .and_then(|r| {
                    let mut piece = params.clone();
                    for (name, range) in &r.cuts {
                        piece.params.insert(name.clone(), range.clone());
                    }
                    find_witness(kind, &piece, var)
                })
                .unwrap_or(c);
            return cases::Outcome {
                decision,
                uniform: false,
                regions: rs,
            };
        }
        regions = rs;
    }
    let (decision, uniform) = match find_witness(kind, params, var) {
        Some(w) => (w, false),
        None => (d, true),
    };
    cases::Outcome {
        decision,
        uniform,
        regions,
    }
}

/// The claim decided on the pieces of a parameter's range, when the
/// asymptotic engine's sign questions say where to cut.
fn by_cases(
    kind: &ClaimKind,
    params: &ParamBox,
    var: &str,
    depth: usize,
    budget: &cases::Budget,
) -> Option<Vec<cases::Region>> {
    let asymptotic = match kind {
        ClaimKind::Landau { .. } | ClaimKind::Similar { .. } | ClaimKind::Limit { .. } => true,
        ClaimKind::Ineq { range, .. } => *range == Range::Eventually,
        ClaimKind::Equal { .. } | ClaimKind::NotEqual { .. } => false,
    };
    if !asymptotic {
        return None;
    }
    cases::split(kind, params, var, depth, budget, &|k, p, dep| {
        decide_piece(k, p, var, dep, budget)
    })
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
    let names = claim_params(kind);
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
    let budget = cases::Budget::new();
    let d = decide_kind(kind, params, var, true);
    if d.verdict != Verdict::Unknown {
        return whole(d);
    }
    let Some(regions) = by_cases(kind, params, var, 0, &budget) else {
        return whole(decide_fn_free(kind, params, var));
    };
    let regions = cases::merge(regions);
    (cases::describe(&regions, params), regions)
}

fn kind_has_fn(kind: &ClaimKind) -> bool {
    match kind {
        ClaimKind::Landau { lhs, rhs, .. }
        | ClaimKind::Similar { lhs, rhs }
        | ClaimKind::Equal { lhs, rhs }
        | ClaimKind::NotEqual { lhs, rhs } => lhs.has_fn() || rhs.has_fn(),
        ClaimKind::Ineq { lhs, rhs, .. } => lhs.has_fn() || rhs.has_fn(),
        ClaimKind::Limit { expr, .. } => expr.has_fn(),
    }
}

/// Decide a claim kind for every admissible value of `params`.
fn decide_kind(kind: &ClaimKind, params: &ParamBox, var: &str, use_egraph: bool) -> Decision {
    match kind {
        ClaimKind::Ineq {
            lhs,
            op,
            rhs,
            range: Range::From(from),
        } => crate::threshold::decide_from(lhs, *op, rhs, from, params, var).0,
        ClaimKind::Ineq {
            lhs,
            op,
            rhs,
            range: Range::At(at),
        } => crate::threshold::decide_at(lhs, *op, rhs, at, params, var),
        // The same expression on both sides: A - A is 0 wherever A is
        // defined, so no expansion is needed (expanding A - A cancels at
        // every term budget and used to cost seconds: a fuzzer find).
        ClaimKind::Ineq {
            lhs,
            op,
            rhs,
            range: Range::Eventually,
        } if lhs == rhs && simplify::is_defined_everywhere(lhs, params) => {
            let why = format!(
                "both sides are {}, so their difference is identically 0",
                lhs.display(var)
            );
            match op {
                Cmp::Le | Cmp::Ge | Cmp::Eq => Decision::proved(why),
                Cmp::Lt | Cmp::Gt | Cmp::Ne => Decision::refuted(why),
            }
        }
        ClaimKind::Equal { lhs, rhs } => decide_equal(lhs, rhs, params, var, use_egraph),
        ClaimKind::NotEqual { lhs, rhs } => decide_not_equal(lhs, rhs, params, var, use_egraph),
        _ => decide_asymptotic(kind, params, var, use_egraph),
    }
}

/// Asymptotic claims: the engine expands the sides as written (its exact
/// expansions already see through cancellations); when that is not decided,
/// both sides go through the e-graph (sound, guarded rewriting) and the
/// simplified forms are expanded again. The e-graph costs milliseconds, the
/// expansion microseconds, hence this order.
pub(crate) fn decide_asymptotic(
    kind: &ClaimKind,
    params: &ParamBox,
    var: &str,
    use_egraph: bool,
) -> Decision {
    let first = crate::asymptotic::decide(kind, params, var);
    if first.verdict != Verdict::Unknown || !use_egraph {
        return first;
    }
    let simplified = map_sides(kind, &|e| simplify::simplify(e, params));
    if simplified == *kind {
        return first;
    }
    let second = crate::asymptotic::decide(&simplified, params, var);
    if second.verdict != Verdict::Unknown {
        Decision {
            verdict: second.verdict,
            reason: format!("after simplification: {}", second.reason),
        }
    } else {
        first
    }
}

/// Apply `f` to every expression of a claim.
pub(crate) fn map_sides(kind: &ClaimKind, f: &dyn Fn(&Expr) -> Expr) -> ClaimKind {
    kind.map_exprs(f)
}

/// `A == B` for every n >= 1 and every admissible parameter value: proved by
/// equivalence in the e-graph; refuted by an exact counterexample (a point
/// where exact enclosures separate) or by a non-zero leading term of A - B;
/// otherwise unknown.
fn decide_equal(
    lhs: &Expr,
    rhs: &Expr,
    params: &ParamBox,
    var: &str,
    use_egraph: bool,
) -> Decision {
    let not_proved = if use_egraph {
        match simplify::prove_equal(lhs, rhs, params) {
            Equivalence::Proved => {
                let reason = if simplify::is_defined_everywhere(lhs, params)
                    && simplify::is_defined_everywhere(rhs, params)
                {
                    "equal by guarded rewriting in the e-graph"
                } else {
                    "equal wherever defined, by guarded rewriting in the e-graph"
                };
                return Decision::proved(reason);
            }
            Equivalence::NotProved { reason } => reason,
        }
    } else {
        String::from("e-graph not tried at a sample point")
    };
    if crate::asymptotic::exact_zero_difference(lhs, rhs, params) {
        let reason = if simplify::is_defined_everywhere(lhs, params)
            && simplify::is_defined_everywhere(rhs, params)
        {
            "a - b expands exactly to 0 (no truncated series involved)"
        } else {
            "a - b expands exactly to 0 (no truncated series involved), wherever defined"
        };
        return Decision::proved(reason);
    }
    let names: Vec<String> = lhs.params().union(&rhs.params()).cloned().collect();
    for values in param_points(&names, params) {
        for n in EQUAL_SAMPLE_N {
            let nq = Q::from_integer(BigInt::from(n));
            if let Some(lt) = separate(lhs, rhs, &nq, &values, SEPARATE_BITS) {
                let rel = if lt { "<" } else { ">" };
                return Decision::refuted(format!(
                    "differ at {}{}: {} {rel} {}",
                    crate::ir::var_at(var, &n.to_string()),
                    fmt_assignment(&values, true),
                    lhs.display(var),
                    rhs.display(var)
                ));
            }
        }
    }
    // Eventually different is different.
    for op in [Cmp::Le, Cmp::Ge] {
        let d = eventually(lhs, op, rhs, params, var);
        if d.verdict == Verdict::Refuted {
            return Decision::refuted(format!(
                "differ for all {}: {}",
                crate::ir::large(var),
                d.reason
            ));
        }
    }
    let undefined: Vec<String> = [lhs, rhs]
        .into_iter()
        .filter(|e| !simplify::is_defined_everywhere(e, params))
        .map(|e| format!("`{}`", e.display(var)))
        .collect();
    let domain = if undefined.is_empty() {
        String::new()
    } else {
        format!(
            "; {} not shown defined for every n >= 1 and every admissible parameter value (a divisor may vanish, or a log or sqrt argument leave its domain)",
            undefined.join(" and ")
        )
    };
    Decision::unknown(format!(
        "not shown equal ({not_proved}) and no counterexample found{domain}"
    ))
}

/// `lhs op rhs eventually`, by the asymptotic engine over the whole box.
fn eventually(lhs: &Expr, op: Cmp, rhs: &Expr, params: &ParamBox, var: &str) -> Decision {
    let ineq = ClaimKind::Ineq {
        lhs: lhs.clone(),
        op,
        rhs: rhs.clone(),
        range: Range::Eventually,
    };
    crate::asymptotic::decide(&ineq, params, var)
}

/// Sample points of the variable at which `A != B` may be shown for every
/// admissible parameter value at once.
const NOT_EQUAL_AT_N: [i64; 4] = [1, 2, 10, 1000];

/// `A != B`: for EVERY admissible parameter value, A and B differ at some
/// n >= 1 (the negation of `==` for each value, not for one).
///
/// - Without parameters this is exactly the negation of `==`.
/// - Proved when the difference has one strict sign for all large n over the
///   whole box, or is separated from 0 at one point n = N over the whole box.
/// - Refuted by one admissible value at which the sides are proved identical:
///   the parameters' samples (constraint ends included where closed) and the
///   critical values suggested by the claim's constants (`a*n != n/2` at
///   a = 1/2).
/// - A value at which the sides merely differ proves nothing about the others.
fn decide_not_equal(
    lhs: &Expr,
    rhs: &Expr,
    params: &ParamBox,
    var: &str,
    use_egraph: bool,
) -> Decision {
    let names: Vec<String> = lhs.params().union(&rhs.params()).cloned().collect();
    if names.is_empty() {
        let d = decide_equal(lhs, rhs, params, var, use_egraph);
        return match d.verdict {
            Verdict::Proved => Decision::refuted(d.reason),
            Verdict::Refuted => Decision::proved(d.reason),
            Verdict::Unknown => d,
        };
    }
    let every = format!("for every admissible {}", names.join(", "));
    for op in [Cmp::Lt, Cmp::Gt] {
        let d = eventually(lhs, op, rhs, params, var);
        if d.verdict == Verdict::Proved {
            return Decision::proved(format!(
                "{every}, lhs {} rhs for all {}: {}",
                op.symbol(),
                crate::ir::large(var),
                d.reason
            ));
        }
    }
    for n in NOT_EQUAL_AT_N {
        let at = Expr::int(n);
        let d = crate::threshold::decide_at(lhs, Cmp::Ne, rhs, &at, params, var);
        if d.verdict == Verdict::Proved {
            return Decision::proved(d.reason);
        }
    }
    let all = decide_equal(lhs, rhs, params, var, use_egraph);
    if all.verdict == Verdict::Proved {
        return Decision::refuted(format!("identical {every}: {}", all.reason));
    }
    for values in critical_points(&names, &[lhs, rhs], params) {
        let (at, rest) = at_values(
            &ClaimKind::Equal {
                lhs: lhs.clone(),
                rhs: rhs.clone(),
            },
            &values,
            params,
        );
        let d = decide_kind(&at, &rest, var, use_egraph);
        if d.verdict == Verdict::Proved {
            return Decision::refuted(format!(
                "identical for {}: {}",
                fmt_assignment(&values, false),
                d.reason
            ));
        }
    }
    Decision::unknown(format!(
        "not shown to differ {every} (a value where the sides are identical was not excluded), and no such value found"
    ))
}

/// Admissible parameter points where two sides may become identical: the
/// usual samples (see [`param_points`]), then each parameter at the values
/// the claim's own constants suggest (c, 1/c, -c and ratios c/d: a
/// coefficient or exponent difference vanishes there), the others at their
/// default. Bounded by `MAX_WITNESS_TRIES` beyond the samples.
fn critical_points(
    names: &[String],
    sides: &[&Expr],
    params: &ParamBox,
) -> Vec<BTreeMap<String, Q>> {
    let mut out = param_points(names, params);
    out.truncate(MAX_WITNESS_TRIES);
    let mut consts: Vec<Q> = Vec::new();
    for e in sides {
        e.visit_nums(&mut |q| {
            if !num_traits::Zero::is_zero(q) && !consts.contains(q) && consts.len() < 8 {
                consts.push(q.clone());
            }
        });
    }
    let mut values: Vec<Q> = Vec::new();
    for c in &consts {
        for d in &consts {
            let r = c / d;
            for v in [r.clone(), -r] {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
        let inv = Q::from_integer(BigInt::from(1)) / c;
        if !values.contains(&inv) {
            values.push(inv);
        }
    }
    let Some(base) = param_points(names, params).into_iter().next() else {
        return out;
    };
    let mut extra = 0;
    for name in names {
        let Some(c) = params.get(name) else {
            continue;
        };
        for v in &values {
            if !c.contains(v) || extra >= MAX_WITNESS_TRIES {
                continue;
            }
            let mut p = base.clone();
            p.insert(name.clone(), v.clone());
            if !out.contains(&p) {
                out.push(p);
                extra += 1;
            }
        }
    }
    out
}

/// Deterministic admissible parameter points for counterexample search:
/// the first sample of every parameter, then each parameter varied in turn
/// over its samples (others held), capped at `MAX_WITNESS_TRIES`.
fn param_points(names: &[String], params: &ParamBox) -> Vec<BTreeMap<String, Q>> {
    let samples: Vec<(String, Vec<Q>)> = names
        .iter()
        .filter_map(|name| params.get(name).map(|c| (name.clone(), c.samples())))
        .collect();
    if samples.iter().any(|(_, s)| s.is_empty()) {
        return vec![];
    }
    let base: BTreeMap<String, Q> = samples
        .iter()
        .map(|(n, s)| (n.clone(), pick_default(s)))
        .collect();
    let mut out = vec![base.clone()];
    for (name, s) in &samples {
        for v in s {
            let mut p = base.clone();
            p.insert(name.clone(), v.clone());
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    // Two parameters at once (pairs of non-default samples), still bounded.
    if samples.len() >= 2 {
        for i in 0..samples.len() {
            for j in (i + 1)..samples.len() {
                for vi in &samples[i].1 {
                    for vj in &samples[j].1 {
                        let mut p = base.clone();
                        p.insert(samples[i].0.clone(), vi.clone());
                        p.insert(samples[j].0.clone(), vj.clone());
                        if !out.contains(&p) {
                            out.push(p);
                        }
                        if out.len() >= MAX_WITNESS_TRIES * 4 {
                            return out;
                        }
                    }
                }
            }
        }
    }
    out
}

/// A pleasant default sample: 1 if admissible, else the middle sample.
fn pick_default(s: &[Q]) -> Q {
    let one = Q::from_integer(BigInt::from(1));
    if s.contains(&one) {
        one
    } else {
        s[s.len() / 2].clone()
    }
}

fn fmt_assignment(values: &BTreeMap<String, Q>, leading_comma: bool) -> String {
    if values.is_empty() {
        return String::new();
    }
    let body = values
        .iter()
        .map(|(k, v)| format!("{k} = {}", fmt_q(v)))
        .collect::<Vec<_>>()
        .join(", ");
    if leading_comma {
        format!(", {body}")
    } else {
        body
    }
}

/// A parametric claim the engine could not decide over the whole box may
/// still fail at one admissible point: substitute sample values and decide
/// exactly there. Only a refutation at a point is used (it refutes the
/// claim); a proof at a point proves nothing about the box.
fn find_witness(kind: &ClaimKind, params: &ParamBox, var: &str) -> Option<Decision> {
    let names: Vec<String> = claim_params(kind).into_iter().collect();
    if names.is_empty() {
        return None;
    }
    for values in param_points(&names, params)
        .into_iter()
        .take(MAX_WITNESS_TRIES)
    {
        let (concrete, rest) = at_values(kind, &values, params);
        let d = decide_kind(&concrete, &rest, var, false);
        if d.verdict == Verdict::Refuted {
            return Some(Decision::refuted(format!(
                "fails for {}: {}",
                fmt_assignment(&values, false),
                d.reason
            )));
        }
    }
    None
}

/// The claim with some parameters replaced by exact values, and the box of
/// the parameters left.
fn at_values(
    kind: &ClaimKind,
    values: &BTreeMap<String, Q>,
    params: &ParamBox,
) -> (ClaimKind, ParamBox) {
    let concrete = kind.map_exprs(&|e| {
        let mut e = e.clone();
        for (name, v) in values {
            e = e.subst_param(name, &Expr::Num(v.clone()));
        }
        e
    });
    let mut rest = params.clone();
    for name in values.keys() {
        rest.params.remove(name);
    }
    (concrete, rest)
}

fn claim_params(kind: &ClaimKind) -> std::collections::BTreeSet<String> {
    kind.params()
}
