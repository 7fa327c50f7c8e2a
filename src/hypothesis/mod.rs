//! Unknown functions (`fn`) and their hypotheses (`assume`): claims about
//! expressions that mention them are decided for EVERY function satisfying
//! the hypotheses.
//!
//! - `normalize` reads one `assume` as facts about one `fn` (upper bound,
//!   lower bound, equivalent), or says why the form is not accepted;
//! - `prepare` (in the validation step between lowering and deciding) finds conflicting hypotheses (reported as errors
//!   at each place) and looks for a model: concrete functions proved (by the
//!   engine) to satisfy every hypothesis, and the candidate witnesses of each
//!   `fn`. Without a model nothing is proved: hypotheses that might be
//!   inconsistent never prove everything;
//! - `decide` proves a claim from growth bounds propagated through the
//!   expression (`bounds`), refutes it only with concrete functions that
//!   satisfy every hypothesis and break the claim, checked by the engine
//!   (`witness`), and otherwise answers `unknown` naming what is missing;
//! - `show` prints the bounds of an expression with `fn`s.
//!
//! Every fn-free question met on the way (a bound, a sign, a witness) is
//! decided by the [`Engine`] the caller passes in (the `decide` layer's
//! routes), so this module never names the layer that calls it.

mod bounds;
mod raise;
mod ranged;
mod relate;
#[cfg(test)]
mod tests;
mod witness;

use crate::ir::{
    Cause, ClaimKind, Conflict, Decision, Expr, Hypotheses, Hypothesis, Landau, LimitTarget,
    ParamBox, Range, Verdict,
};
use bounds::{Analyzer, B};
use std::collections::BTreeSet;

/// The fn-free deciding that reasoning about `fn`s relies on: checking a
/// bound, a sign or a witness is deciding a claim without `fn`s. Supplied by
/// the layer that routes claims, so this module never names it.
pub(crate) trait Engine {
    /// A fn-free claim for every admissible value of `params` (over the
    /// whole box, then by cases, then refuted at a sample point).
    fn decide_fn_free(&self, kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision;
    /// An asymptotic fn-free claim over the whole box, by the asymptotic
    /// engine (with the e-graph's simplification as a second chance).
    fn decide_asymptotic(&self, kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision;
    /// Is a fn-free claim proved, as `decide_fn_free` would prove it but
    /// without the e-graph's second chance? For vetting candidate functions
    /// against the hypotheses (a few hundred checks while preparing a
    /// file's hypotheses): an unproved check only drops a candidate, and
    /// the e-graph rarely turns the sign question that stops the engine
    /// into an answer.
    fn proves_fn_free(&self, kind: &ClaimKind, params: &ParamBox, var: &str) -> bool;
}

/// Which way a fact bounds its `fn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Upper,
    Lower,
    Equiv,
}

/// One thing a hypothesis says about one `fn`: `subject` is O/o (`Upper`),
/// Omega/omega (`Lower`) or ~ (`Equiv`) of `bound` (which may mention other
/// `fn`s, never `subject`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Fact {
    pub subject: String,
    pub side: Side,
    /// `o` / `omega` (and `lim G = oo`, `lim G = 0`).
    pub strict: bool,
    /// A Landau fact bounds by |bound|; an inequality or `~` by bound itself.
    pub abs: bool,
    pub bound: Expr,
}

/// An expression in a reason, tidy and whole.
pub(crate) fn short(e: &Expr, var: &str) -> String {
    crate::reason::expr(e, var)
}

/// An expression in a reason, called `name` when the line is full.
pub(crate) fn short_as(name: &str, e: &Expr, var: &str) -> String {
    crate::reason::sub(name, e, var)
}

fn mentions(e: &Expr, name: &str) -> bool {
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        if matches!(x, Expr::Fn(g) if g == name) {
            return true;
        }
        stack.extend(x.children());
    }
    false
}

/// The `fn` names an expression mentions, sorted.
pub(crate) fn fns_of(e: &Expr) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        if let Expr::Fn(g) = x {
            out.insert(g.clone());
        }
        stack.extend(x.children());
    }
    out
}

const FORM_HELP: &str = "write the `fn` alone on one side: `assume G = O(sqrt(n))`, `assume G ~ f`, `assume G <= C*sqrt(n) eventually`, `assume G >= f for n >= 1`, `assume lim G = oo`";

/// The facts of one `assume`, or (message, help) for an error.
pub(crate) fn normalize(kind: &ClaimKind, var: &str) -> Result<Vec<Fact>, (String, String)> {
    let any_fn = |a: &Expr, b: &Expr| a.has_fn() || b.has_fn();
    let form = || {
        (
            "this `assume` is not of a supported form".to_string(),
            FORM_HELP.to_string(),
        )
    };
    // (subject, bound) with the fn alone on the left, `flipped` if it was on the right.
    let split = |a: &Expr, b: &Expr| -> Result<(String, Expr, bool), (String, String)> {
        if !any_fn(a, b) {
            return Err((
                "an `assume` must be about a `fn`: a fact about known functions is checked, not assumed".to_string(),
                "use `check`, or declare the unknown function with `fn`".to_string(),
            ));
        }
        let (name, bound, flipped) = match (a, b) {
            (Expr::Fn(g), _) => (g.clone(), b.clone(), false),
            (_, Expr::Fn(g)) => (g.clone(), a.clone(), true),
            _ => return Err(form()),
        };
        if mentions(&bound, &name) {
            return Err((
                format!("the bound in this `assume` mentions `{name}` itself"),
                FORM_HELP.to_string(),
            ));
        }
        Ok((name, bound, flipped))
    };
    let fact = |subject: &str, side, strict, abs, bound: &Expr| Fact {
        subject: subject.to_string(),
        side,
        strict,
        abs,
        bound: bound.clone(),
    };
    match kind {
        ClaimKind::Landau { lhs, rel, rhs } => {
            let (g, b, flipped) = split(lhs, rhs)?;
            let (up, lo) = (Side::Upper, Side::Lower);
            let (up, lo) = if flipped { (lo, up) } else { (up, lo) };
            Ok(match rel {
                Landau::BigO => vec![fact(&g, up, false, true, &b)],
                Landau::LittleO => vec![fact(&g, up, true, true, &b)],
                Landau::Omega => vec![fact(&g, lo, false, true, &b)],
                Landau::LittleOmega => vec![fact(&g, lo, true, true, &b)],
                Landau::Theta => vec![fact(&g, up, false, true, &b), fact(&g, lo, false, true, &b)],
            })
        }
        ClaimKind::Similar { lhs, rhs } | ClaimKind::Equal { lhs, rhs } => {
            let (g, b, _) = split(lhs, rhs)?;
            Ok(vec![fact(&g, Side::Equiv, false, false, &b)])
        }
        ClaimKind::NotEqual { .. } => Err(form()),
        ClaimKind::Limit { expr, target } => {
            let Expr::Fn(g) = expr else {
                return Err(if expr.has_fn() {
                    form()
                } else {
                    split(expr, expr).err().unwrap_or_else(form)
                });
            };
            match target {
                LimitTarget::PosInf => Ok(vec![fact(g, Side::Lower, true, true, &Expr::int(1))]),
                LimitTarget::Finite(Expr::Num(q)) if num_traits::Zero::is_zero(q) => {
                    Ok(vec![fact(g, Side::Upper, true, true, &Expr::int(1))])
                }
                LimitTarget::Finite(c) => Ok(vec![fact(g, Side::Equiv, false, false, c)]),
                LimitTarget::NegInf => Err((
                    format!("`{g}` is eventually positive (a `fn`), so it cannot tend to -oo"),
                    "a `fn` declares an eventually positive function".to_string(),
                )),
            }
        }
        ClaimKind::Ineq {
            lhs,
            op,
            rhs,
            range,
        } => {
            if let Range::At(_) = range {
                return Err((
                    match crate::ir::zero_var(var) {
                        Some(v) => {
                            format!("an `assume` at one point says nothing as {v} tends to 0")
                        }
                        None => format!("an `assume` at one point says nothing as {var} grows"),
                    },
                    FORM_HELP.to_string(),
                ));
            }
            let (g, b, flipped) = split(lhs, rhs)?;
            use crate::ir::Cmp::*;
            let side = match (op, flipped) {
                (Le | Lt, false) | (Ge | Gt, true) => Side::Upper,
                (Ge | Gt, false) | (Le | Lt, true) => Side::Lower,
                _ => return Err(form()),
            };
            Ok(vec![fact(&g, side, false, false, &b)])
        }
    }
}

/// Every fact of the hypotheses, with the index of its hypothesis.
fn all_facts(facts: &[Hypothesis], var: &str) -> Vec<(usize, Fact)> {
    let mut out = Vec::new();
    for (i, h) in facts.iter().enumerate() {
        if let Ok(fs) = normalize(&h.kind, var) {
            out.extend(fs.into_iter().map(|f| (i, f)));
        }
    }
    out
}

/// "by `G = O(sqrt(n))`, ..." or, when no hypothesis was needed, says so.
fn by(facts: &[Hypothesis], from: &BTreeSet<usize>) -> String {
    if from.is_empty() {
        "from the terms free of `fn`s".to_string()
    } else {
        format!(
            "by {}",
            crate::reason::named("hypotheses", "the hypotheses", &cite(facts, from))
        )
    }
}

fn cite(facts: &[Hypothesis], from: &BTreeSet<usize>) -> String {
    let v: Vec<String> = from
        .iter()
        .filter_map(|i| facts.get(*i))
        .map(|h| format!("`{}`", h.text))
        .collect();
    v.join(", ")
}

/// Conflicts and a model of the hypotheses (run once per file, by `validate`).
pub(crate) fn prepare(
    fns: BTreeSet<String>,
    facts: Vec<Hypothesis>,
    params: &ParamBox,
    var: &str,
    engine: &dyn Engine,
) -> Hypotheses {
    let all = all_facts(&facts, var);
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut an = Analyzer::new(&all, params, var, bounds::PREPARE_CALLS, engine);
    for g in &fns {
        let info = an.info(g);
        for (places, why) in &info.bad {
            conflicts.push(Conflict {
                message: format!("impossible hypothesis about `{g}`"),
                help: why.clone(),
                places: places.clone(),
            });
        }
        for lo in &info.los {
            for up in &info.ups {
                let strict = lo.strict || up.strict;
                let rel = if strict {
                    Landau::LittleO
                } else {
                    Landau::BigO
                };
                let d = an.landau(&lo.e, rel, &up.e);
                if d.verdict == Verdict::Refuted {
                    let places: Vec<usize> = lo.from.union(&up.from).copied().collect();
                    conflicts.push(Conflict {
                        message: format!(
                            "inconsistent hypotheses about `{g}`: {} cannot all hold",
                            cite(&facts, &lo.from.union(&up.from).copied().collect())
                        ),
                        help: format!(
                            "they need {} = {}({}), which is false: {}",
                            short(&lo.e, var),
                            if strict { "o" } else { "O" },
                            short(&up.e, var),
                            crate::reason::headline(&d.reason.to_string())
                        ),
                        places,
                    });
                }
            }
        }
    }
    for g in &fns {
        let info = an.info(g);
        for (i, a) in info.eqs.iter().enumerate() {
            for b in info.eqs.iter().skip(i + 1) {
                let d = an.engine(&ClaimKind::Similar {
                    lhs: a.e.clone(),
                    rhs: b.e.clone(),
                });
                if d.verdict == Verdict::Refuted {
                    let from: BTreeSet<usize> = a.from.union(&b.from).copied().collect();
                    conflicts.push(Conflict {
                        message: format!(
                            "inconsistent hypotheses about `{g}`: {} cannot all hold",
                            cite(&facts, &from)
                        ),
                        help: format!(
                            "they need {} ~ {}, which is false: {}",
                            short(&a.e, var),
                            short(&b.e, var),
                            crate::reason::headline(&d.reason.to_string())
                        ),
                        places: from.into_iter().collect(),
                    });
                }
            }
        }
    }
    conflicts.dedup_by(|a, b| a.places == b.places);
    let (candidates, model) = witness::model(&fns, &facts, &all, &mut an);
    drop(an);
    Hypotheses {
        fns,
        facts,
        conflicts,
        model,
        candidates,
        rejected: vec![],
    }
}

/// Decide a claim that mentions `fn`s: proved from the hypotheses' bounds,
/// refuted with concrete functions satisfying every hypothesis, or unknown
/// naming what is missing; a `for n >= N` claim proved from range
/// hypotheses also gets the certificate of the `fn`-free claim left.
pub(crate) fn decide_certified(
    kind: &ClaimKind,
    hyps: &Hypotheses,
    params: &ParamBox,
    var: &str,
    engine: &dyn Engine,
) -> Decision {
    if !hyps.conflicts.is_empty() {
        return Decision::unknown(Cause::Premise(
            "the hypotheses contradict each other (see the errors): nothing is decided from them"
                .into(),
        ));
    }
    if let Err(why) = &hyps.model {
        return Decision::unknown(Cause::Premise(why.clone()));
    }
    // A `where` that substituted a parameter the hypotheses mention would
    // change what they say: not decided.
    let mut hyp_params = BTreeSet::new();
    for h in &hyps.facts {
        hyp_params.extend(h.kind.params());
    }
    if let Some(p) = hyp_params.iter().find(|p| !params.params.contains_key(*p)) {
        return Decision::unknown(Cause::NotSupported(format!(
            "`where` gives a value to `{p}`, which the hypotheses mention: not supported with `fn`s"
        )));
    }
    let all = all_facts(&hyps.facts, var);
    let mut an = Analyzer::new(&all, params, var, bounds::CLAIM_CALLS, engine);
    // `for n >= N` and `at n = N`: range hypotheses only (see `ranged`).
    if let Some(done) = ranged::decide(kind, hyps, params, var, &mut || {
        witness::refute(kind, hyps, params, var, &mut an)
    }) {
        return done;
    }
    match prove(kind, hyps, &mut an) {
        Ok(reason) => Decision::proved(reason),
        Err(missing) => match kind {
            // Refuted: identical for every function (an identity in the
            // `fn`s), or for one admissible choice of them (a witness).
            ClaimKind::NotEqual { lhs, rhs } => {
                let eq = ClaimKind::Equal {
                    lhs: lhs.clone(),
                    rhs: rhs.clone(),
                };
                match prove(&eq, hyps, &mut an) {
                    Ok(reason) => Decision::refuted(reason),
                    Err(_) => witness::refute(kind, hyps, params, var, &mut an)
                        .unwrap_or_else(|| Decision::unknown(Cause::Premise(missing))),
                }
            }
            _ => witness::refute(kind, hyps, params, var, &mut an)
                .unwrap_or_else(|| Decision::unknown(Cause::Premise(missing))),
        },
    }
}

/// Every `fn` of the claim as an unconstrained parameter of the same name:
/// an identity for every value of those parameters at every n is an
/// identity for every function.
fn fns_as_params(lhs: &Expr, rhs: &Expr, params: &ParamBox) -> (Expr, Expr, ParamBox) {
    let mut fns = fns_of(lhs);
    fns.extend(fns_of(rhs));
    let m: std::collections::BTreeMap<String, Expr> = fns
        .iter()
        .map(|g| (g.clone(), Expr::Param(g.clone())))
        .collect();
    let mut p = params.clone();
    for g in &fns {
        p.params.insert(g.clone(), crate::ir::Constraint::any());
    }
    (witness::subst(lhs, &m), witness::subst(rhs, &m), p)
}

/// An upper (`up`) or lower bound on |e| from the hypotheses, or what is missing.
fn bound_of(e: &Expr, up: bool, an: &mut Analyzer) -> Result<B, String> {
    if !e.has_fn() {
        return Ok(B::exact(e.clone()));
    }
    let s = an.signed(e, 0)?;
    let b = if up { s.up } else { s.lo };
    b.ok_or_else(|| missing(e, up, an))
}

/// The bounds an upper (`up`) or lower bound on `e` needs: (fn, upper?),
/// following polarity (a denominator, a negative exponent and a subtracted
/// part need the other kind).
fn needs(e: &Expr, up: bool, out: &mut BTreeSet<(String, bool)>, depth: usize) {
    crate::stack::guard!(needs(e, up, out, depth));
    if depth > crate::limits::LIMITS.derived_nesting || !e.has_fn() {
        return;
    }
    let d = depth + 1;
    match e {
        Expr::Fn(g) => {
            out.insert((g.clone(), up));
        }
        Expr::Sub(a, b) => {
            needs(a, up, out, d);
            needs(b, true, out, d);
        }
        Expr::Div(a, b) => {
            needs(a, up, out, d);
            needs(b, !up, out, d);
        }
        Expr::Pow(a, k) => {
            let flip = matches!(&**k, Expr::Num(q) if num_traits::Signed::is_negative(q));
            needs(a, up != flip, out, d);
        }
        _ => {
            for c in e.children() {
                needs(c, up, out, d);
            }
        }
    }
}

fn missing(e: &Expr, up: bool, an: &mut Analyzer) -> String {
    let mut want = BTreeSet::new();
    needs(e, up, &mut want, 0);
    let mut lacking_up = Vec::new();
    let mut lacking_lo = Vec::new();
    for (g, u) in want {
        let info = an.info(&g);
        if u && info.ups.is_empty() {
            lacking_up.push(g);
        } else if !u && info.los.is_empty() {
            lacking_lo.push(g);
        }
    }
    let (lacking, up) = if lacking_up.is_empty() {
        (lacking_lo, false)
    } else {
        (lacking_up, true)
    };
    let what = if up { "an upper" } else { "a lower" };
    if lacking.is_empty() {
        format!(
            "no {} bound on {} follows from the hypotheses",
            if up { "upper" } else { "lower" },
            short(e, an.var)
        )
    } else {
        let named: Vec<String> = lacking.iter().map(|g| format!("`{g}`")).collect();
        format!(
            "needs {what} bound on {} (an `assume {} = {}(...)`)",
            named.join(" and "),
            lacking[0],
            if up { "O" } else { "Omega" }
        )
    }
}

/// A comparison `|x| = O(|y|)`, `o` when `strict`, that the hypotheses
/// are asked to show.
#[derive(Clone, Copy)]
struct AtMost<'e> {
    x: &'e Expr,
    y: &'e Expr,
    strict: bool,
}

impl<'e> AtMost<'e> {
    fn new(x: &'e Expr, y: &'e Expr, strict: bool) -> AtMost<'e> {
        AtMost { x, y, strict }
    }
}

/// `|x| = O(|y|)` (`o` when `strict`) for every admissible function: from
/// the `fn`-free bounds of both sides, or else term by term through the
/// hypotheses relating the `fn`s (`relate`).
fn at_most(c: AtMost, hyps: &Hypotheses, an: &mut Analyzer) -> Result<String, String> {
    let first = at_most_by_bounds(c, hyps, an);
    if first.is_ok() || !(c.x.has_fn() && c.y.has_fn()) {
        return first;
    }
    match related(c, hyps, an) {
        Ok(why) => Ok(why),
        Err(_) => first,
    }
}

/// `|x| = O(|y|)` (`o` when `strict`) term by term through the hypotheses
/// relating the `fn`s (`F = o(G)` compares F with G directly).
fn related(c: AtMost, hyps: &Hypotheses, an: &mut Analyzer) -> Result<String, String> {
    let AtMost { x, y, strict } = c;
    let var = an.var;
    let mut used = BTreeSet::new();
    let facts = an.facts();
    relate::le(x, y, strict, facts, an, &mut used)?;
    let rel = format!(
        "{} = {}({}) term by term",
        short(x, var),
        if strict { "o" } else { "O" },
        short(y, var)
    );
    Ok(if used.is_empty() {
        format!("{rel} (common factors cancel)")
    } else {
        format!("{}: {rel}", by(&hyps.facts, &used))
    })
}

/// `|x| = O(|y|)` (`o` when `strict`) from the `fn`-free bounds: an upper
/// bound on |x| against a lower bound on |y|.
fn at_most_by_bounds(c: AtMost, hyps: &Hypotheses, an: &mut Analyzer) -> Result<String, String> {
    let AtMost { x, y, strict } = c;
    let var = an.var;
    let ux = bound_of(x, true, an)?;
    let ly = bound_of(y, false, an)?;
    let rel = if strict && !(ux.strict || ly.strict) {
        Landau::LittleO
    } else {
        Landau::BigO
    };
    let d = an.landau(&ux.e, rel, &ly.e);
    let sym = if rel == Landau::LittleO { "o" } else { "O" };
    let from: BTreeSet<usize> = ux.from.union(&ly.from).copied().collect();
    let mut given = Vec::new();
    if x.has_fn() {
        given.push(format!(
            "{} = {}({})",
            short(x, var),
            if ux.strict { "o" } else { "O" },
            short(&ux.e, var)
        ));
    }
    if y.has_fn() {
        given.push(format!(
            "{} = {}({})",
            short(y, var),
            if ly.strict { "omega" } else { "Omega" },
            short(&ly.e, var)
        ));
    }
    if d.verdict == Verdict::Proved {
        Ok(format!("{}: {}", by(&hyps.facts, &from), d.reason))
    } else {
        let tail = if d.verdict == Verdict::Refuted {
            "the claim needs tighter hypotheses"
        } else {
            "not decided"
        };
        Err(format!(
            "the hypotheses give {} but not {} = {sym}({}) ({}): {tail}",
            given.join(" and "),
            short(&ux.e, var),
            short(&ly.e, var),
            d.reason
        ))
    }
}

fn prove(kind: &ClaimKind, hyps: &Hypotheses, an: &mut Analyzer) -> Result<String, String> {
    let var = an.var;
    match kind {
        ClaimKind::Landau {
            lhs,
            rel: Landau::BigO | Landau::Theta | Landau::Omega,
            rhs,
        } if lhs == rhs && an.defined(lhs, 0) => {
            Ok(format!("both sides are {}: |A| <= 1*|A|", short(lhs, var)))
        }
        ClaimKind::Landau { lhs, rel, rhs } => {
            let at = AtMost::new;
            let dirs = match rel {
                Landau::BigO => vec![at(lhs, rhs, false)],
                Landau::LittleO => vec![at(lhs, rhs, true)],
                Landau::Omega => vec![at(rhs, lhs, false)],
                Landau::LittleOmega => vec![at(rhs, lhs, true)],
                Landau::Theta => vec![at(lhs, rhs, false), at(rhs, lhs, false)],
            };
            let mut why = Vec::new();
            for c in dirs {
                why.push(at_most(c, hyps, an)?);
            }
            Ok(why.join("; "))
        }
        ClaimKind::Similar { lhs, rhs } => {
            let eq = |e: &Expr, an: &mut Analyzer| -> Result<Expr, String> {
                if !e.has_fn() {
                    return Ok(e.clone());
                }
                let s = an.signed(e, 0)?;
                let neg = s.sign.clone()?;
                match s.eq {
                    Some(b) => Ok(if neg { Expr::neg(b.e) } else { b.e }),
                    None => Err(format!(
                        "no asymptotic equivalent of {} follows from the hypotheses (needs `assume G ~ f` for its `fn`s)",
                        short(e, var)
                    )),
                }
            };
            let (a, b) = match (eq(lhs, an), eq(rhs, an)) {
                (Ok(a), Ok(b)) => (a, b),
                (Err(w), _) | (_, Err(w)) => {
                    // A ~ B when A - B = o(B): `F = o(G)` gives F + G ~ G
                    let diff = Expr::sub(lhs.clone(), rhs.clone());
                    return match related(AtMost::new(&diff, rhs, true), hyps, an) {
                        Ok(why) => Ok(format!("{why}, so lhs ~ rhs")),
                        Err(_) => Err(w),
                    };
                }
            };
            let d = an.engine(&ClaimKind::Similar {
                lhs: a.clone(),
                rhs: b.clone(),
            });
            if d.verdict == Verdict::Proved {
                Ok(format!(
                    "by the hypotheses {} ~ {} and {} ~ {}: {}",
                    short_as("lhs", lhs, var),
                    short_as("P", &a, var),
                    short_as("rhs", rhs, var),
                    short_as("Q", &b, var),
                    d.reason
                ))
            } else {
                Err(format!(
                    "the hypotheses give {} ~ {} and {} ~ {}, and those are not shown equivalent: {}",
                    short(lhs, var),
                    short(&a, var),
                    short(rhs, var),
                    short(&b, var),
                    d.reason
                ))
            }
        }
        ClaimKind::Limit { expr, target } => {
            let s = an.signed(expr, 0)?;
            let cite_b = |b: &B| by(&hyps.facts, &b.from);
            // "<hypothesis>: <expression> = <rel>(<its bound>)<tail>", the
            // expression between bars when `bars`
            let bound_gives = |b: &B, bars: bool, rel: &str, tail: &str| {
                let e = short_as("the expression", expr, var);
                let e = if bars { format!("|{e}|") } else { e };
                let bound = short_as("its bound", &b.e, var);
                format!("{}: {e} = {rel}({bound}){tail}", cite_b(b))
            };
            // "the hypotheses give <expression> = <rel>(<bound>), not shown
            // to tend to <goal>: <why>"
            let not_shown = |b: &B, bars: bool, rel: &str, goal: &str, why: &str| {
                let e = short(expr, var);
                let e = if bars { format!("|{e}|") } else { e };
                let bound = short(&b.e, var);
                format!(
                    "the hypotheses give {e} = {rel}({bound}), not shown to tend to {goal}: {why}"
                )
            };
            let zero =
                matches!(target, LimitTarget::Finite(Expr::Num(q)) if num_traits::Zero::is_zero(q));
            match target {
                LimitTarget::PosInf | LimitTarget::NegInf => {
                    let want_neg = matches!(target, LimitTarget::NegInf);
                    let neg = s.sign.clone()?;
                    if neg != want_neg {
                        return Err(format!(
                            "{} is eventually {} for every admissible function",
                            short(expr, var),
                            if neg { "negative" } else { "positive" }
                        ));
                    }
                    let lo = s.lo.ok_or_else(|| missing(expr, false, an))?;
                    let d = an.engine(&ClaimKind::Limit {
                        expr: lo.e.clone(),
                        target: LimitTarget::PosInf,
                    });
                    // |e| = omega(lo) with lo bounded away from 0 also tends to oo
                    if d.verdict != Verdict::Proved
                        && lo.strict
                        && an.landau(&Expr::int(1), Landau::BigO, &lo.e).verdict == Verdict::Proved
                    {
                        let tail = format!(
                            ", and {} is bounded away from 0",
                            short_as("its bound", &lo.e, var)
                        );
                        return Ok(bound_gives(&lo, true, "omega", &tail));
                    }
                    if d.verdict == Verdict::Proved {
                        Ok(bound_gives(&lo, true, "Omega", ", which tends to oo"))
                    } else {
                        Err(not_shown(&lo, true, "Omega", "oo", &d.reason.to_string()))
                    }
                }
                _ if zero => {
                    let Some(up) = s.up else {
                        return match related(AtMost::new(expr, &Expr::int(1), true), hyps, an) {
                            Ok(why) => Ok(format!("{why}, so it tends to 0")),
                            Err(_) => Err(missing(expr, true, an)),
                        };
                    };
                    let d = an.engine(&ClaimKind::Limit {
                        expr: up.e.clone(),
                        target: LimitTarget::Finite(Expr::int(0)),
                    });
                    if d.verdict == Verdict::Proved {
                        Ok(bound_gives(&up, false, "O", ", which tends to 0"))
                    } else if up.strict
                        && an.landau(&up.e, Landau::BigO, &Expr::int(1)).verdict == Verdict::Proved
                    {
                        // |e| = o(U) with U bounded: |e| -> 0
                        let tail =
                            format!(", and {} is bounded", short_as("its bound", &up.e, var));
                        Ok(bound_gives(&up, false, "o", &tail))
                    } else {
                        Err(not_shown(&up, false, "O", "0", &d.reason.to_string()))
                    }
                }
                LimitTarget::Finite(c) => {
                    // |expr - c| = O(U) with U -> 0 gives expr -> c.
                    let gap = Expr::sub(expr.clone(), c.clone());
                    if let Ok(g) = an.signed(&gap, 0) {
                        if let Some(up) = g.up {
                            if an.proves(ClaimKind::Limit {
                                expr: up.e.clone(),
                                target: LimitTarget::Finite(Expr::int(0)),
                            }) {
                                return Ok(format!(
                                    "{}: {} - {} = O({}), which tends to 0",
                                    cite_b(&up),
                                    short_as("the expression", expr, var),
                                    short(c, var),
                                    short_as("its bound", &up.e, var)
                                ));
                            }
                        }
                    }
                    let Some(eq) = s.eq else {
                        return Err(format!(
                            "no asymptotic equivalent of {} follows from the hypotheses (needs `assume G ~ f`), nor an upper bound on |{} - {}| tending to 0",
                            short(expr, var),
                            short(expr, var),
                            short(c, var)
                        ));
                    };
                    let e = if s.sign.clone()? {
                        Expr::neg(eq.e.clone())
                    } else {
                        eq.e.clone()
                    };
                    let d = an.engine(&ClaimKind::Limit {
                        expr: e.clone(),
                        target: LimitTarget::Finite(c.clone()),
                    });
                    if d.verdict == Verdict::Proved {
                        Ok(format!(
                            "{}: {} ~ {}: {}",
                            cite_b(&eq),
                            short(expr, var),
                            short(&e, var),
                            d.reason
                        ))
                    } else {
                        Err(format!(
                            "the hypotheses give {} ~ {}: {}",
                            short(expr, var),
                            short(&e, var),
                            d.reason
                        ))
                    }
                }
            }
        }
        ClaimKind::Ineq { lhs, op, rhs, .. } => {
            let (pl, pr, pbox) = fns_as_params(lhs, rhs, an.params);
            let zero = lhs == rhs || crate::asymptotic::exact_zero_difference(&pl, &pr, &pbox);
            if zero {
                if !(an.defined(lhs, 0) && an.defined(rhs, 0)) {
                    return Err("both sides are the same function, but they are not shown defined for large n".into());
                }
                return match op {
                    crate::ir::Cmp::Le | crate::ir::Cmp::Ge => Ok(format!(
                        "both sides are the same function of the `fn`s ({} - {} is identically 0)",
                        short(lhs, var),
                        short(rhs, var)
                    )),
                    _ => Err("the two sides are the same function".into()),
                };
            }
            let first = ineq_by_sign(lhs, *op, rhs, hyps, an);
            if first.is_ok() {
                return first;
            }
            // Exact inequality hypotheses in monotone positions.
            let strict = matches!(op, crate::ir::Cmp::Lt | crate::ir::Cmp::Gt);
            let (small, big) = match op {
                crate::ir::Cmp::Le | crate::ir::Cmp::Lt => (lhs, rhs),
                _ => (rhs, lhs),
            };
            // One substitution along each chain first, then whole chains.
            for hops in [1, raise::MAX_HOPS] {
                let mut used = BTreeSet::new();
                let s2 = raise::raise(small, true, an, &mut used, hops, 0);
                let b2 = raise::raise(big, false, an, &mut used, hops, 0);
                if used.is_empty() {
                    return first;
                }
                if let Ok(why) = raised(&s2, &b2, strict, small, big, &used, hyps, an) {
                    return Ok(why);
                }
            }
            first
        }
        ClaimKind::Equal { lhs, rhs } => {
            let (pl, pr, pbox) = fns_as_params(lhs, rhs, an.params);
            let d = an.fn_free(&ClaimKind::Equal { lhs: pl, rhs: pr }, &pbox, var);
            if d.verdict == Verdict::Proved {
                Ok(format!(
                    "an identity in the `fn`s (each read as an arbitrary value at each {var}): {}",
                    d.reason
                ))
            } else {
                Err(format!(
                    "not shown identical for every function: {}",
                    d.reason
                ))
            }
        }
        // `A != B` must hold for EVERY admissible choice of the `fn`s: one
        // choice where the sides differ proves nothing. Proved when the
        // difference has one strict sign for all large n, whatever the
        // functions (then they differ at some n for each choice).
        ClaimKind::NotEqual { lhs, rhs } => {
            let mut why = Vec::new();
            for op in [crate::ir::Cmp::Lt, crate::ir::Cmp::Gt] {
                let ineq = ClaimKind::Ineq {
                    lhs: lhs.clone(),
                    op,
                    rhs: rhs.clone(),
                    range: Range::Eventually,
                };
                match prove(&ineq, hyps, an) {
                    Ok(reason) => {
                        return Ok(format!(
                            "the sides differ for all {large_var}, for every admissible function: {reason}", large_var = crate::ir::large(var)
                        ))
                    }
                    Err(w) => why.push(w),
                }
            }
            Err(format!(
                "not shown to differ for every admissible function ({})",
                why.join("; ")
            ))
        }
    }
}

/// `small' <= big'` (strictly when `strict`) for the raised sides.
#[allow(clippy::too_many_arguments)]
fn raised(
    s2: &Expr,
    b2: &Expr,
    strict: bool,
    small: &Expr,
    big: &Expr,
    used: &BTreeSet<usize>,
    hyps: &Hypotheses,
    an: &mut Analyzer,
) -> Result<String, String> {
    let var = an.var;

    let (pl, pr, pbox) = fns_as_params(s2, b2, an.params);
    let same = *s2 == *b2 || crate::asymptotic::exact_zero_difference(&pl, &pr, &pbox);
    let step = if same && !strict && an.defined(s2, 0) && an.defined(b2, 0) {
        Ok(String::from("identically equal"))
    } else if !s2.has_fn() && !b2.has_fn() {
        let d = an.engine(&ClaimKind::Ineq {
            lhs: s2.clone(),
            op: if strict {
                crate::ir::Cmp::Lt
            } else {
                crate::ir::Cmp::Le
            },
            rhs: b2.clone(),
            range: Range::Eventually,
        });
        if d.verdict == Verdict::Proved {
            Ok(d.reason.into())
        } else {
            Err(d.reason.into())
        }
    } else {
        ineq_by_sign(s2, crate::ir::Cmp::Lt, b2, hyps, an)
    };
    match step {
        Ok(why) => {
            let (u, l) = (short_as("U", s2, var), short_as("L", b2, var));
            let mut moved = Vec::new();
            if small != s2 {
                moved.push(format!("{} <= {u}", short_as("lhs", small, var)));
            }
            if big != b2 {
                moved.push(format!("{} >= {l}", short_as("rhs", big, var)));
            }
            Ok(format!(
                "by {}: {} eventually, and {u} {} {l}: {}",
                crate::reason::named("hypotheses", "the hypotheses", &cite(&hyps.facts, used)),
                moved.join(" and "),
                if strict { "<" } else { "<=" },
                why
            ))
        }
        Err(e) => Err(e),
    }
}

/// `lhs op rhs eventually` from the sign of `lhs - rhs` (bounds analysis).
fn ineq_by_sign(
    lhs: &Expr,
    op: crate::ir::Cmp,
    rhs: &Expr,
    hyps: &Hypotheses,
    an: &mut Analyzer,
) -> Result<String, String> {
    let var = an.var;
    {
        {
            let diff = Expr::sub(lhs.clone(), rhs.clone());
            let s = an.signed(&diff, 0)?;
            let want_neg = matches!(op, crate::ir::Cmp::Le | crate::ir::Cmp::Lt);
            let strict_op = matches!(op, crate::ir::Cmp::Lt | crate::ir::Cmp::Gt);
            // Only a weak sign (`abs(G - 1) >= 0`): enough for `<=`/`>=`.
            if let (Err(why), Some(w)) = (&s.sign, s.weak) {
                if !strict_op && w == want_neg {
                    let from: BTreeSet<usize> =
                        s.up.iter().flat_map(|b| b.from.iter().copied()).collect();
                    return Ok(format!(
                        "{}: {} is eventually {} 0",
                        by(&hyps.facts, &from),
                        short_as("lhs - rhs", &diff, var),
                        if w { "<=" } else { ">=" }
                    ));
                }
                return Err(why.clone());
            }
            let neg = s.sign.clone()?;
            let from: BTreeSet<usize> = [&s.up, &s.lo]
                .into_iter()
                .flatten()
                .flat_map(|b| b.from.iter().copied())
                .collect();
            let dominant = s.lo.as_ref().map(|b| short(&b.e, var)).unwrap_or_default();
            if neg == want_neg {
                Ok(format!(
                    "{}: {} is eventually {}{}",
                    by(&hyps.facts, &from),
                    short_as("lhs - rhs", &diff, var),
                    if neg { "negative" } else { "positive" },
                    crate::reason::detail(&format!(
                        " (its dominant part is of order {})",
                        crate::reason::named("order", "its bound", &dominant)
                    ))
                ))
            } else {
                Err(format!(
                    "{} is eventually {} for every admissible function",
                    short(&diff, var),
                    if neg { "negative" } else { "positive" }
                ))
            }
        }
    }
}

/// What `show` prints for an expression with `fn`s: its bounds.
pub(crate) fn show(
    e: &Expr,
    hyps: &Hypotheses,
    params: &ParamBox,
    var: &str,
    engine: &dyn Engine,
) -> String {
    let head = format!("{} (unknown functions)", e.display(var));
    if !hyps.conflicts.is_empty() {
        return format!("{head}: the hypotheses contradict each other");
    }
    let all = all_facts(&hyps.facts, var);
    let mut an = Analyzer::new(&all, params, var, bounds::CLAIM_CALLS, engine);
    match an.signed(e, 0) {
        Err(why) => format!("{head}: {why}"),
        Ok(s) => {
            let mut parts = Vec::new();

            let tidy = |e: &Expr| crate::simplify::display(e, params).display(var).to_string();
            if let Some(b) = &s.eq {
                parts.push(format!("~ {}", tidy(&b.e)));
            }
            let up =
                s.up.as_ref()
                    .map(|b| (b.strict, order_of(&b.e, params, var, engine)));
            let lo =
                s.lo.as_ref()
                    .map(|b| (b.strict, order_of(&b.e, params, var, engine)));
            match (&up, &lo) {
                // O(m) and Omega(m) of one order m: Theta(m)
                (Some((false, Some(u))), Some((false, Some(l)))) if u == l => {
                    parts.push(format!("Theta({u})"))
                }
                _ => {
                    match (&s.up, up) {
                        (Some(b), Some((strict, m))) => parts.push(format!(
                            "{}({})",
                            if strict { "o" } else { "O" },
                            m.unwrap_or_else(|| tidy(&b.e))
                        )),
                        _ => parts.push("no upper bound".into()),
                    }
                    match (&s.lo, lo) {
                        (Some(b), Some((strict, m))) => parts.push(format!(
                            "{}({})",
                            if strict { "omega" } else { "Omega" },
                            m.unwrap_or_else(|| tidy(&b.e))
                        )),
                        _ => parts.push("no lower bound".into()),
                    }
                }
            }
            let (sign, what) = match (&s.sign, s.weak) {
                (Ok(true), _) => ("eventually negative", "its absolute value is "),
                (Ok(false), _) => ("eventually positive", ""),
                (Err(_), Some(false)) => ("eventually >= 0 (may be 0)", ""),
                (Err(_), Some(true)) => ("eventually <= 0 (may be 0)", "its absolute value is "),
                (Err(_), None) => ("sign not known", "its absolute value is "),
            };
            format!("{head}: {sign}; {what}{}", parts.join(", "))
        }
    }
}

/// A Landau bound `b` of `show` printed as its order: `n^a * log(n)^b *
/// ...` when `b = Theta(that order)` is proved for every admissible
/// parameter value (then `O(b)` and `O(order)` are the same class, and so
/// for `o`, `Omega` and `omega`), so that a bound assembled from the
/// hypotheses reads as the rate it is. `None` (print `b` itself) otherwise.
fn order_of(b: &Expr, params: &ParamBox, var: &str, engine: &dyn Engine) -> Option<String> {
    let m = crate::asymptotic::leading_order_expr(b, params, var)?;
    let kind = ClaimKind::Landau {
        lhs: b.clone(),
        rel: Landau::Theta,
        rhs: m.clone(),
    };
    engine
        .proves_fn_free(&kind, params, var)
        .then(|| m.display(var).to_string())
}
