//! Claim -> verdict, as data: the routing table. [`decide_claim_certified`]
//! is the one place that applies the quantifier contract and sends each
//! lowered claim to the engine that decides it (its doc comment is the
//! table): `inf`, `sup` and `least` resolved first (`crate::optimum`),
//! claims with `fn`s to `hypothesis`, `for n >= N` and `at n = N` to
//! `threshold`, `==` / `!=` to the e-graph and exact evaluation (`equal`),
//! the asymptotic claims to the asymptotic engine and then through the
//! e-graph's simplification; a parametric `unknown` is cut into cases
//! (`crate::cases`) or turned into `refuted` when an admissible parameter
//! value provably breaks the claim. What a `show` prints is in `show`.
//! `hypothesis` reaches the fn-free routes through [`Decider`], its
//! [`crate::hypothesis::Engine`], so it never names this module. Prints
//! nothing.

mod equal;
pub mod show;
#[cfg(test)]
mod tests;

use crate::cases;
use crate::ir::{
    fmt_q, Cause, Claim, ClaimKind, Cmp, Decision, Evidence, Expr, ParamBox, Point, Range, Verdict,
    Q,
};
use crate::simplify;
use equal::Equation;
use num_bigint::BigInt;
use std::collections::BTreeMap;

/// Most parameter-value combinations tried when looking for a witness.
const MAX_WITNESS_TRIES: usize = crate::limits::LIMITS.witness_tries;

/// Decide one claim (the reason in full, on one line, without markup; the
/// cause of an `unknown` keeps its category).
pub fn decide_claim(c: &Claim, var: &str) -> Decision {
    let d = decide_claim_certified(c, var);
    Decision {
        reason: d.reason.map_text(&crate::reason::plain),
        ..d
    }
}

/// Decide one claim, with the evidence of its verdict (the certificate of
/// a proved `for n >= N` claim, a counterexample point, a witness).
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
/// | with `inf`, `sup`, `least` | `optimum` replaces each by its closed form (or brackets it at a point), then the claim is routed again |
/// | with `fn`s | `hypothesis` (bounds for every function; witnesses that satisfy every hypothesis) |
/// | `for n >= N` | `threshold::decide_from` over the whole box, then a parameter witness |
/// | `at n = N` | `threshold::decide_at` over the whole box, then a parameter witness |
/// | `==` / `!=` | e-graph and exact evaluation (`equal`), then a parameter witness |
/// | Landau, `~`, `lim`, eventually | `asymptotic` over the whole box (the e-graph's simplification as a second chance), then by cases on a parameter (`cases`), then a parameter witness |
pub fn decide_claim_certified(c: &Claim, var: &str) -> Decision {
    crate::claim_budget::scope(|| decide_claim_within(c, var))
}

/// [`decide_claim_certified`] inside the claim's budgets (`claim_budget`).
fn decide_claim_within(c: &Claim, var: &str) -> Decision {
    let kind = match admissible_choices(c) {
        Ok(kind) => kind,
        Err(d) => return d,
    };
    if crate::optimum::claim_has_opt(kind) {
        use crate::optimum::Resolution;
        let with_kind = |k: ClaimKind| Claim {
            kind: Ok(k),
            ..c.clone()
        };
        return match crate::optimum::resolve_claim(kind, &c.params, var) {
            Err(d) | Ok(Resolution::Decided(d)) => d,
            Ok(Resolution::Closed(resolved, notes)) => {
                let d = decide_claim_certified(&with_kind(resolved), var);
                with_notes(d, &notes, &c.params, var)
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
                    decide_claim_certified(&c, var)
                };
                let all = |claims: &[(ClaimKind, ParamBox)]| -> Result<Vec<String>, Decision> {
                    claims
                        .iter()
                        .map(|k| {
                            let d = decide(k);
                            if d.verdict == Verdict::Proved {
                                Ok(d.reason.into())
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
                            (None, Some(r)) => r.wrapped(&format!("{about}: "), ""),
                            (None, None) => Decision::unknown(Cause::within(
                                &format!("{about}, not settled: "),
                                stuck.reason.into_cause(),
                                "",
                            )),
                        }
                    }
                };
                with_notes(d, &notes, &c.params, var)
            }
        };
    }
    if kind_has_fn(kind) {
        return crate::hypothesis::decide_certified(kind, &c.hypotheses, &c.params, var, &Decider);
    }
    if let ClaimKind::Ineq {
        lhs,
        op,
        rhs,
        range: Range::From(from),
    } = kind
    {
        let d = crate::threshold::decide_from(lhs, *op, rhs, from, &c.params, var);
        if d.verdict != Verdict::Unknown || c.params.params.is_empty() {
            return d;
        }
        return find_witness(kind, &c.params, var).unwrap_or(d);
    }
    decide_fn_free(kind, &c.params, var)
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
            let rel = match (n.exact, n.theta) {
                (true, _) => "=",
                (false, false) => "~",
                (false, true) => "= Theta of",
            };
            let value = simplify::display(&n.value, params);
            let value = crate::reason::named("optimum", "M", &value.display(var).to_string());
            format!("{} {rel} {value}", n.written)
        })
        .collect();
    // what each optimum was found equal to: in the derivation and the
    // evidence, on the one-line reason when it fits
    d.wrapped(
        "",
        &crate::reason::detail(&format!(" (where {})", said.join(", "))),
    )
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
        .map_err(|reason| Decision::unknown(Cause::Premise(reason.clone())))?;
    if let Some((name, con)) = c
        .params
        .params
        .iter()
        .find(|(name, con)| con.is_empty() && kind.params().contains(*name))
    {
        return Err(Decision::unknown(Cause::Premise(format!(
            "param {name} has an empty constraint ({con}): no admissible value"
        ))));
    }
    if kind_has_fn(kind) {
        if let Some(r) = c.hypotheses.rejected.first() {
            return Err(Decision::unknown(Cause::Premise(format!(
                "the hypothesis `{}` at line {} was rejected ({}; see the errors): nothing is decided about the `fn`s while its meaning is unknown",
                r.text, r.pos.line, r.why
            ))));
        }
    }
    Ok(kind)
}

/// Decide a claim free of `fn` for every admissible value of `params`; an
/// undecided parametric claim may still be refuted at a sample point.
pub(crate) fn decide_fn_free(kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    Pieces::new(var, true).decide(kind, params, 0).decision
}

/// What stays fixed while one claim is decided piece by piece over its
/// parameter box: the variable, the work left for the whole case analysis,
/// and `use_egraph`, whether an asymptotic claim the engine leaves unknown
/// gets the e-graph's simplification as a second chance.
struct Pieces<'a> {
    var: &'a str,
    budget: cases::Budget,
    use_egraph: bool,
}

impl<'a> Pieces<'a> {
    fn new(var: &'a str, use_egraph: bool) -> Pieces<'a> {
        Pieces {
            var,
            budget: cases::Budget::new(),
            use_egraph,
        }
    }

    /// Decide a fn-free claim over a parameter box: over the whole box;
    /// then by cases on a parameter whose sign question stopped the engine
    /// (see `crate::cases`); then by a witness at a sample point. Also says
    /// whether the verdict holds at every value of the box (`false` for a
    /// refutation at one sample point, or from one piece of a split), and
    /// the pieces when the box was cut. `depth`: how many cuts led here.
    fn decide(&self, kind: &ClaimKind, params: &ParamBox, depth: usize) -> cases::Outcome {
        let var = self.var;
        let d = decide_kind(kind, params, var, self.use_egraph);
        if d.verdict != Verdict::Unknown || params.params.is_empty() {
            return cases::Outcome {
                decision: d,
                uniform: true,
                regions: vec![],
            };
        }
        // An inconclusive case analysis keeps the engine's own reason: it
        // names the question (`sign of a unknown: give param a a
        // constraint`), which says more than the piece that stayed open
        // (`show when` prints those).
        let mut regions = vec![];
        if let Some(rs) = self.by_cases(kind, params, depth) {
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
                // refuting piece where the claim is refuted exactly, when
                // one of its sample values is; else the piece itself (the
                // engine showed the claim fails somewhere in it).
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
        &self,
        kind: &ClaimKind,
        params: &ParamBox,
        depth: usize,
    ) -> Option<Vec<cases::Region>> {
        let asymptotic = match kind {
            ClaimKind::Landau { .. } | ClaimKind::Similar { .. } | ClaimKind::Limit { .. } => true,
            ClaimKind::Ineq { range, .. } => *range == Range::Eventually,
            ClaimKind::Equal { .. } | ClaimKind::NotEqual { .. } => false,
        };
        if !asymptotic {
            return None;
        }
        cases::split(kind, params, self.var, depth, &self.budget, &|k, p, dep| {
            self.decide(k, p, dep)
        })
    }
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
        } => crate::threshold::decide_from(lhs, *op, rhs, from, params, var),
        ClaimKind::Ineq {
            lhs,
            op,
            rhs,
            range: Range::At(at),
        } => crate::threshold::decide_at(lhs, *op, rhs, at, params, var),
        // The same expression on both sides: A - A is 0 wherever A is
        // defined, so no expansion is needed (expanding A - A cancels at
        // every term budget, which costs seconds on large expressions).
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
        ClaimKind::Equal { lhs, rhs } | ClaimKind::NotEqual { lhs, rhs } => {
            let eq = Equation {
                lhs,
                rhs,
                params,
                var,
                use_egraph,
            };
            if matches!(kind, ClaimKind::Equal { .. }) {
                eq.decide_equal()
            } else {
                eq.decide_not_equal()
            }
        }
        _ => decide_asymptotic(kind, params, var, use_egraph),
    }
}

/// Asymptotic claims: the engine expands the sides as written (its exact
/// expansions already see through cancellations); when that is not decided,
/// both sides go through the e-graph (sound, guarded rewriting) and the
/// simplified forms are expanded again. The e-graph costs milliseconds, the
/// expansion microseconds, hence this order.
fn decide_asymptotic(kind: &ClaimKind, params: &ParamBox, var: &str, use_egraph: bool) -> Decision {
    let first = crate::asymptotic::decide(kind, params, var);
    if first.verdict != Verdict::Unknown || !use_egraph {
        return first;
    }
    let simplified = kind.map_exprs(&|e| simplify::simplify(e, params));
    if simplified == *kind {
        return first;
    }
    let second = crate::asymptotic::decide(&simplified, params, var);
    if second.verdict != Verdict::Unknown {
        second.wrapped("after simplification: ", "")
    } else {
        first
    }
}

/// A parametric claim the engine could not decide over the whole box may
/// still fail at one admissible point: substitute sample values and decide
/// exactly there. Only a refutation at a point is used (it refutes the
/// claim); a proof at a point proves nothing about the box.
fn find_witness(kind: &ClaimKind, params: &ParamBox, var: &str) -> Option<Decision> {
    let names: Vec<String> = kind.params().into_iter().collect();
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
            let text = format!("fails for {}: {}", fmt_assignment(&values, false), d.reason);
            return Some(Decision::refuted(text).with_evidence(at_point(values, d.evidence)));
        }
    }
    None
}

/// The evidence of a refutation at the parameter values `values` whose own
/// evidence (the claim decided at those values) is `inner`: the point, with
/// the value of the variable and any further parameter values `inner` names.
fn at_point(values: BTreeMap<String, Q>, inner: Evidence) -> Evidence {
    let mut point = Point {
        params: values,
        at: None,
    };
    if let Evidence::Counterexample(p) = inner {
        point.params.extend(p.params);
        point.at = p.at;
    }
    Evidence::Counterexample(Box::new(point))
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

/// The fn-free engines as `hypothesis` reaches them: its bounds and
/// witnesses are checked by the same routes as any fn-free claim.
pub(crate) struct Decider;

impl crate::hypothesis::Engine for Decider {
    fn decide_fn_free(&self, kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
        decide_fn_free(kind, params, var)
    }

    fn decide_asymptotic(&self, kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
        decide_asymptotic(kind, params, var, true)
    }

    fn proves_fn_free(&self, kind: &ClaimKind, params: &ParamBox, var: &str) -> bool {
        Pieces::new(var, false)
            .decide(kind, params, 0)
            .decision
            .verdict
            == Verdict::Proved
    }
}
