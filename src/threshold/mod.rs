//! Certified thresholds: `A op B for n >= N`, `A op B at n = N` and
//! `show crossover A op B`. Owns the whole argument:
//!
//! - the tail [N1, oo), by a dominant-term certificate on an exact finite
//!   power–log form of the difference ([`plp`]);
//! - the bounded part [N, N1], by exact interval branch-and-bound with
//!   monotonicity from symbolic derivatives ([`search`], [`deriv`]);
//! - refutations, only at exact points (n and parameter values) where exact
//!   evaluation separates the sides;
//! - the crossover: a failing point p (so the threshold N0 >= p) and a proof
//!   on [u, oo) (so N0 <= u), narrowed until u - p <= 1, so that u is the
//!   least integer from which the claim holds.
//!
//! Every budget is counted; running out answers `unknown` with the place.

mod deriv;
pub use deriv::subst_var;
mod enclosure;
mod plp;
mod search;
mod square;
pub(crate) mod substitute;
#[cfg(test)]
mod tests;

use crate::exact::eval::{eval, sign_over_box};
use crate::exact::{Interval, Sign};
use crate::ir::{
    fmt_q, large, var_at, var_from, Budget, Cause, Cmp, Decision, Evidence, Expr, ParamBox, Point,
    Q,
};
use num_bigint::{BigInt, BigUint};
use num_traits::{One, Signed, Zero};
use search::{Found, Problem, Stats, Witness};
use std::collections::BTreeMap;

/// Boxes allowed to one claim or crossover (all its searches together).
const MAX_BOXES: usize = crate::limits::LIMITS.threshold_boxes;
/// Narrowing steps of a crossover.
const MAX_NARROWING: usize = crate::limits::LIMITS.narrowing_steps;
/// Precision cap when separating the sides at a point.
const POINT_BITS: u32 = crate::limits::LIMITS.point_bits;

pub use crate::ir::Certificate;

/// A certified crossover: the least integer from which the claim holds for
/// every larger real n, and exact bounds lower <= N0 <= upper of the real
/// threshold N0 (the claim fails at `lower`, holds on [upper, oo)).
#[derive(Clone, Debug, PartialEq)]
pub struct Crossover {
    pub integer: BigInt,
    pub lower: Q,
    pub upper: Q,
    pub certificate: Certificate,
}

/// What `show crossover` prints and its certified numbers (`None` when no
/// crossover exists or none could be certified; `unknown` says which).
#[derive(Clone, Debug)]
pub struct CrossoverResult {
    pub text: String,
    pub crossover: Option<Crossover>,
    /// No crossover was certified and none was shown not to exist: the
    /// search stopped (`text` says where).
    pub unknown: bool,
}

/// A rational for messages: exact when short, 2^k for large powers of two,
/// else about 7 significant digits after `~`.
pub fn fmt_num(q: &Q) -> String {
    if q.is_integer() {
        let i = q.to_integer();
        if i.magnitude() < &num_traits::pow(BigUint::from(10u8), 16) {
            return i.to_string();
        }
        let m = i.magnitude();
        if m.count_ones() == 1 {
            let sign = if i.is_negative() { "-" } else { "" };
            return format!("{sign}2^{}", m.bits() - 1);
        }
        return format!("~{}", crate::exact::value::decimal(q));
    }
    // (12 digits in all need fewer than 48 bits: no huge number is printed)
    let short = q.numer_bits() + q.denom_bits() <= 48
        && q.numer().magnitude().to_string().len() + q.denom().to_string().len() <= 12;
    if short {
        return fmt_q(q);
    }
    format!("~{}", crate::exact::value::decimal(q))
}

/// A rational written exactly (as the language reads it): `p`, `p/q` or
/// `2^k` for a large power of two.
pub fn fmt_exact(q: &Q) -> String {
    let s = fmt_num(q);
    if s.starts_with('~') {
        fmt_q(q)
    } else {
        s
    }
}

/// An enclosure's value for a message: `= 9`, `~ 3.162278`.
fn fmt_iv(v: &Interval) -> String {
    if let Some(p) = v.as_point() {
        let s = fmt_num(p);
        return match s.strip_prefix('~') {
            Some(approx) => format!("~ {approx}"),
            None => format!("= {s}"),
        };
    }
    match (&v.lo, &v.hi) {
        (Some((a, _)), Some((b, _))) => {
            let m = (a + b) / Q::from_integer(2.into());
            format!("~ {}", fmt_num(&m).trim_start_matches('~'))
        }
        // a half-line: its finite end as short as any number of a message
        (lo, hi) => {
            let lo = lo.as_ref().map_or_else(
                || "(-oo".to_string(),
                |(q, c)| format!("{}{}", if *c { "[" } else { "(" }, fmt_num(q)),
            );
            let hi = hi.as_ref().map_or_else(
                || "oo)".to_string(),
                |(q, c)| format!("{}{}", fmt_num(q), if *c { "]" } else { ")" }),
            );
            format!("in {lo}, {hi}")
        }
    }
}

/// The admissible box of the parameters `e` mentions.
fn param_map(
    names: &std::collections::BTreeSet<String>,
    params: &ParamBox,
) -> BTreeMap<String, Interval> {
    names
        .iter()
        .filter_map(|n| {
            params
                .get(n)
                .map(|c| (n.clone(), Interval::from_constraint(c)))
        })
        .collect()
}

/// f >= 0 (or > 0) expresses `lhs op rhs`.
fn difference(lhs: &Expr, op: Cmp, rhs: &Expr) -> Option<(Expr, bool)> {
    match op {
        Cmp::Le => Some((Expr::sub(rhs.clone(), lhs.clone()), false)),
        Cmp::Lt => Some((Expr::sub(rhs.clone(), lhs.clone()), true)),
        Cmp::Ge => Some((Expr::sub(lhs.clone(), rhs.clone()), false)),
        Cmp::Gt => Some((Expr::sub(lhs.clone(), rhs.clone()), true)),
        Cmp::Eq | Cmp::Ne => None,
    }
}

fn fmt_values(values: &BTreeMap<String, Q>) -> String {
    values
        .iter()
        .map(|(k, v)| format!(", {k} = {}", fmt_q(v)))
        .collect()
}

/// "at n = 5, a = 1/2: lhs ~ 1.2 > rhs ~ 1.1"
/// `refuted` at the witness `w`, with it as the counterexample.
fn refuted_at(lhs: &Expr, op: Cmp, rhs: &Expr, w: Witness, var: &str) -> Decision {
    Decision::refuted(failure_text(lhs, op, rhs, &w, var)).with_evidence(counterexample(w))
}

/// A witness as the evidence of a refutation.
fn counterexample(w: Witness) -> Evidence {
    Evidence::Counterexample(Box::new(Point {
        params: w.params,
        at: Some(w.n),
    }))
}

fn failure_text(lhs: &Expr, op: Cmp, rhs: &Expr, w: &Witness, var: &str) -> String {
    let params: BTreeMap<String, Interval> = w
        .params
        .iter()
        .map(|(k, v)| (k.clone(), Interval::point(v.clone())))
        .collect();
    let n = Interval::point(w.n.clone());
    let a = eval(lhs, &n, &params, 128);
    let b = eval(rhs, &n, &params, 128);
    let rel = match op {
        Cmp::Le | Cmp::Lt => {
            if op == Cmp::Lt
                && a.as_ref().and_then(|x| x.as_point()).is_some()
                && a.as_ref().and_then(|x| x.as_point()) == b.as_ref().and_then(|x| x.as_point())
            {
                "="
            } else if op == Cmp::Lt {
                ">="
            } else {
                ">"
            }
        }
        _ => {
            if op == Cmp::Ge {
                "<"
            } else {
                "<="
            }
        }
    };
    let show = |v: Option<Interval>| v.map_or_else(|| "undefined".to_string(), |v| fmt_iv(&v));
    format!(
        "fails at {}{}: lhs {} {rel} rhs {}",
        var_at(var, &fmt_exact(&w.n)),
        fmt_values(&w.params),
        show(a),
        show(b)
    )
}

/// An exact rational N, or an enclosure of it; `Err` when N is not a
/// constant.
fn constant_point(e: &Expr, what: &str) -> Result<(Q, Q), String> {
    if e.has_var() {
        return Err(format!("{what} must not depend on the variable"));
    }
    if !e.params().is_empty() {
        return Err(format!(
            "{what} = {e} depends on parameters: give them values with `where`"
        ));
    }
    for bits in [64u32, 256, 1024] {
        let Some(v) = eval(e, &Interval::point(Q::one()), &BTreeMap::new(), bits) else {
            return Err(format!("{what} = {e} is not a defined real number"));
        };
        if let Some(p) = v.as_point() {
            return Ok((p.clone(), p.clone()));
        }
        if let (Some((a, _)), Some((b, _))) = (&v.lo, &v.hi) {
            if bits == 1024 || (b - a) < Q::new(BigInt::one(), BigInt::from(1_000_000_000u64)) {
                return Ok((a.clone(), b.clone()));
            }
        }
    }
    Err(format!(
        "{what} = {e} is beyond the range of exact enclosures (|N| < 2^(2^20))"
    ))
}

/// The tail certificate of the claim's difference; when the difference has
/// no finite power-log form and both sides are nonnegative, that of the
/// difference of the squares (same sign), with every square root removed by
/// squaring certified to have a nonnegative radicand on the tail.
fn tail_for(
    lhs: &Expr,
    op: Cmp,
    rhs: &Expr,
    start: &Q,
    pm: &BTreeMap<String, Interval>,
    params: &ParamBox,
    var: &str,
) -> Result<plp::Tail, String> {
    let (f, _) = difference(lhs, op, rhs).ok_or("no difference for == or !=")?;
    let first = match plp::certify_tail(&f, start, pm, params, var) {
        Ok(t) => return Ok(t),
        Err(why) => why,
    };
    if !(square::nonneg(lhs, pm) && square::nonneg(rhs, pm)) {
        return Err(first);
    }
    let (Some((a2, mut rads)), Some((b2, rb))) = (square::square(lhs), square::square(rhs)) else {
        return Err(first);
    };
    rads.extend(rb);
    let Some((g, _)) = difference(&a2, op, &b2) else {
        return Err(first);
    };
    let mut t = plp::certify_tail(&g, start, pm, params, var).map_err(|why| {
        if why == first {
            first.clone()
        } else {
            format!(
                "{first}{}",
                crate::reason::detail(&format!("; after squaring both sides: {why}"))
            )
        }
    })?;
    for r in &rads {
        let rt = plp::certify_tail(r, start, pm, params, var)
            .map_err(|why| format!("{first}; after squaring both sides, radicand {r}: {why}"))?;
        if rt.sign == Sign::Neg {
            return Err(format!(
                "{first}; after squaring both sides: the radicand {r} is negative for {large_var}",
                large_var = crate::ir::large(var)
            ));
        }
        t.from = t.from.max(rt.from);
        t.tries += rt.tries;
    }
    t.leading = format!("{} (of the difference of the squares)", t.leading);
    Ok(t)
}

/// Decide `lhs op rhs for n >= from` over the parameter box.
pub fn decide_from(
    lhs: &Expr,
    op: Cmp,
    rhs: &Expr,
    from: &Expr,
    params: &ParamBox,
    var: &str,
) -> Decision {
    let Some((f, strict)) = difference(lhs, op, rhs) else {
        return Decision::unknown(Cause::NotSupported(
            "`==` and `!=` are decided only at a point (`at n = N`)".into(),
        ));
    };
    let (start, start_hi) = match constant_point(from, "the threshold N") {
        Ok(v) => v,
        Err(why) => return Decision::unknown(why),
    };
    let names = f.params();
    let pm = param_map(&names, params);
    let claim = FromClaim {
        lhs,
        op,
        rhs,
        start: &start,
        start_hi: &start_hi,
        pm: &pm,
        params,
        var,
    };
    if let Some(d) = identical_sides(&claim) {
        return d;
    }
    let tail = match tail_for(lhs, op, rhs, &start, &pm, params, var) {
        Ok(t) => t,
        Err(why) => {
            if let Some(d) = refute_at_points(&claim) {
                return d;
            }
            let why = match bracketed(&claim, from, &f, strict) {
                Some(Ok(d)) => return d,
                Some(Err(more)) => format!("{why}; {more}"),
                None => why,
            };
            return Decision::unknown(Cause::NotShown(format!(
                "no certificate for {}: {why}",
                large(var)
            )));
        }
    };
    let mut prob = Problem::new(f, strict, &pm, params, MAX_BOXES, var);
    let eventually_fails = tail.sign == Sign::Neg || (tail.sign == Sign::Zero && strict);
    if eventually_fails {
        // fails for every n >= N1: verify at N (if it fails there) or N1
        let Some(values) = first_point(&pm, params) else {
            return Decision::unknown(Cause::NotShown(format!(
                "fails for all {} (leading term {}) but no exact parameter point to show it",
                large(var),
                tail.leading
            )));
        };
        let n1 = tail.from.clone().max(start_hi.ceil());
        for n in [start_hi.clone(), n1] {
            if n >= start_hi && prob.fails_at(&n, &values, POINT_BITS) {
                let w = Witness { n, params: values };
                return refuted_at(lhs, op, rhs, w, var).wrapped(
                    "",
                    &crate::reason::detail(&format!(
                        " (and for every {}: the difference has leading term {})",
                        var_from(var, &fmt_num(&tail.from)),
                        tail.leading
                    )),
                );
            }
        }
        return Decision::unknown(Cause::NotShown(format!(
            "fails for all {} (leading term {}) but the failure could not be shown at an exact point",
            large(var),
            tail.leading
        )));
    }
    let found = if tail.from > start {
        prob.search(&start, &tail.from, false)
    } else {
        Found::Holds
    };
    let stats = prob.stats;
    match found {
        Found::Holds => {
            let cert = Certificate {
                from: start.clone(),
                tail_from: tail.from.clone(),
                leading: tail.leading.clone(),
                boxes: stats.boxes,
                refinements: stats.refinements,
                tail_tries: tail.tries,
            };
            Decision::proved(how(&cert, var)).with_evidence(Evidence::Certificate(Box::new(cert)))
        }
        Found::Fails { witness, .. } if witness.n >= start_hi => {
            refuted_at(lhs, op, rhs, witness, var)
        }
        Found::Fails { witness, .. } => Decision::unknown(Cause::NotShown(format!(
            "fails at {}, which may lie outside the range (from {})",
            var_at(var, &fmt_num(&witness.n)),
            var_at(var, &from.to_string())
        ))),
        Found::Unknown(why) => Decision::unknown(Cause::NotShown(format!(
            "{why} (dominant term {} wins from {}; interval search on {})",
            tail.leading,
            var_at(var, &fmt_num(&tail.from)),
            search_range(var, &fmt_num(&start), &fmt_num(&tail.from))
        ))),
    }
}

/// `[a, b]` for the variable n, or `eps in [1/b, 1/a]` for a variable
/// tending to 0 (the engines' t = 1/eps ranges over [a, b]).
fn search_range(var: &str, a: &str, b: &str) -> String {
    match crate::ir::zero_var(var) {
        Some(v) => format!(
            "{v} in [{}, {}]",
            crate::ir::reciprocal_text(b),
            crate::ir::reciprocal_text(a)
        ),
        None => format!("[{a}, {b}]"),
    }
}

/// Multiples of the start N probed for a failure when no tail certificate
/// exists.
const PROBE_MULTIPLES: [i64; 7] = [1, 2, 4, 10, 100, 1000, 1_000_000];
/// Boxes of the point problem (only exact points are evaluated).
const PROBE_BOXES: usize = crate::limits::LIMITS.probe_boxes;

/// A `for n >= N` claim being decided: its sides, the enclosure
/// [start, start_hi] of N (equal ends when N is rational), the parameters'
/// enclosures and box, and the variable's name.
#[derive(Clone, Copy)]
struct FromClaim<'a> {
    lhs: &'a Expr,
    op: Cmp,
    rhs: &'a Expr,
    start: &'a Q,
    start_hi: &'a Q,
    pm: &'a BTreeMap<String, Interval>,
    params: &'a ParamBox,
    var: &'a str,
}

/// A claim without a tail certificate can still be refuted at an exact
/// point: n = N (or the integer above an irrational N), then the integer
/// above N + 1 and multiples of it, at one admissible parameter point; the
/// failure is verified by exact evaluation (`Problem::fails_at`).
fn refute_at_points(c: &FromClaim) -> Option<Decision> {
    let (f, strict) = difference(c.lhs, c.op, c.rhs)?;
    let values = first_point(c.pm, c.params)?;
    let mut prob = Problem::new(f, strict, c.pm, c.params, PROBE_BOXES, c.var);
    let first = if c.start == c.start_hi {
        c.start.clone()
    } else {
        c.start_hi.ceil()
    };
    let base = (c.start_hi + Q::one()).ceil();
    let points = std::iter::once(first).chain(
        PROBE_MULTIPLES
            .iter()
            .map(|k| &base * Q::from_integer((*k).into())),
    );
    for n in points {
        if prob.fails_at(&n, &values, POINT_BITS) {
            let w = Witness { n, params: values };
            return Some(refuted_at(c.lhs, c.op, c.rhs, w, c.var));
        }
    }
    None
}

/// Starts of the bracketed tail tried after N itself, as multiples of the
/// integer above N (brackets are loose near a small N: their error is of
/// relative order (c/n)^2).
const BRACKET_TAIL_MULTIPLES: [i64; 3] = [2, 16, 1 << 20];

/// The claim through the brackets of `enclosure`: on the whole range, or on
/// a tail [N1, oo) with the interval search (on the claim as written)
/// covering [N, N1]. `None` when the claim has nothing to bracket.
fn bracketed(
    c: &FromClaim,
    from: &Expr,
    f: &Expr,
    strict: bool,
) -> Option<Result<Decision, String>> {
    let first = match enclosure::prove(c.lhs, c.op, c.rhs, from, c.start, c.params, c.var)? {
        Ok(d) => return Some(Ok(d)),
        Err(why) => why,
    };
    let base = c.start_hi.ceil().max(Q::one());
    for k in BRACKET_TAIL_MULTIPLES {
        let n1 = &base * Q::from_integer(k.into());
        let Some(Ok(tail)) = enclosure::prove(
            c.lhs,
            c.op,
            c.rhs,
            &Expr::Num(n1.clone()),
            &n1,
            c.params,
            c.var,
        ) else {
            continue;
        };
        let mut prob = Problem::new(f.clone(), strict, c.pm, c.params, MAX_BOXES, c.var);
        return Some(match prob.search(c.start, &n1, false) {
            Found::Holds => Ok(Decision::proved(format!(
                "on {} by interval search in {} boxes; from {}: {}",
                search_range(c.var, &fmt_num(c.start), &fmt_num(&n1)),
                prob.stats.boxes,
                var_at(c.var, &fmt_num(&n1)),
                tail.reason
            ))),
            // a failure below an irrational N's upper enclosure may lie
            // before N: not a refutation
            Found::Fails { witness, .. } if witness.n >= *c.start_hi => {
                Ok(refuted_at(c.lhs, c.op, c.rhs, witness, c.var))
            }
            Found::Fails { .. } => Err(first),
            Found::Unknown(why) => Err(format!(
                "{first}; the brackets hold from {}, but on {}: {why}",
                var_at(c.var, &fmt_num(&n1)),
                search_range(c.var, &fmt_num(c.start), &fmt_num(&n1))
            )),
        });
    }
    Some(Err(first))
}

/// `<=` or `>=` between sides that are the same function where defined (the
/// same expression, or a difference 0 by exact algebra) when a side cannot
/// be evaluated at the start of the range: `unknown` at once. No search
/// could answer otherwise: the enclosures of a difference that is
/// identically 0 overlap 0 on every box near that point, so none is proved,
/// and there is no failure to find; the search would only bisect towards
/// the point (`1/log(n)` at n = 1) until its budget is spent.
fn undefined_identical(c: &FromClaim, same: bool) -> Option<Decision> {
    if !matches!(c.op, Cmp::Le | Cmp::Ge) {
        return None;
    }
    let how = if same {
        "the same expression"
    } else if crate::asymptotic::exact_zero_difference(c.lhs, c.rhs, c.params) {
        "lhs - rhs = 0 by exact algebra"
    } else {
        return None;
    };
    Some(Decision::unknown(crate::ir::Cause::Undefined(format!(
        "identical sides ({how}), but a side cannot be evaluated at {}: the claim holds wherever both sides are defined",
        var_at(c.var, &fmt_num(c.start))
    ))))
}

/// Precision of the probe that rules out identical sides cheaply.
const IDENTITY_PROBE_BITS: u32 = crate::limits::LIMITS.identity_probe_bits;

/// The sides are the same function on the whole range: `<=` and `>=` hold
/// everywhere, `<` and `>` fail at every point (shown at the exact point
/// N). Seen before any search, which could never separate a difference that
/// is identically 0 (the interval enclosures of `sqrt(8*c*t^2/(8*c))` and
/// `t` overlap on every box, however small).
///
/// Sound only when both sides are defined for every n >= 1 and every
/// admissible parameter value (so the range n >= N >= 1 is inside their
/// common domain) and `lhs - rhs` is 0 by exact algebra (an expansion with
/// no truncation) or by guarded rewriting in the e-graph; both are valid for
/// every n >= 1. A cheap exact probe at N first: a difference separated
/// from 0 there is not identically 0, and nothing more is tried.
fn identical_sides(c: &FromClaim) -> Option<Decision> {
    if *c.start < Q::one() {
        return None;
    }
    let n = if c.start == c.start_hi {
        c.start.clone()
    } else {
        c.start_hi.ceil()
    };
    let values = first_point(c.pm, c.params)?;
    let point: BTreeMap<String, Interval> = values
        .iter()
        .map(|(k, v)| (k.clone(), Interval::point(v.clone())))
        .collect();
    let same = c.lhs == c.rhs;
    let d = Expr::sub(c.lhs.clone(), c.rhs.clone());
    let probe = eval(&d, &Interval::point(n.clone()), &point, IDENTITY_PROBE_BITS);
    if probe.as_ref().is_some_and(|p| !p.contains_zero()) {
        return None;
    }
    let Some(_) = probe else {
        // a side cannot be evaluated at the start of the range
        return undefined_identical(c, same);
    };
    if !(crate::simplify::is_defined_everywhere(c.lhs, c.params)
        && crate::simplify::is_defined_everywhere(c.rhs, c.params))
    {
        return None;
    }
    let how = if c.lhs == c.rhs {
        "the same expression"
    } else if crate::asymptotic::exact_zero_difference(c.lhs, c.rhs, c.params) {
        "lhs - rhs = 0 by exact algebra"
    } else if crate::simplify::prove_equal(c.lhs, c.rhs, c.params)
        == crate::simplify::Equivalence::Proved
    {
        "equal by guarded rewriting"
    } else {
        return None;
    };
    let every = if c.pm.is_empty() {
        String::new()
    } else {
        format!(
            " and every admissible {}",
            c.pm.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    };
    let why = format!(
        "identical sides ({how}){}",
        crate::reason::detail(&format!(
            ", both defined for every {}{every}",
            var_from(c.var, "1")
        ))
    );
    match c.op {
        Cmp::Le | Cmp::Ge => Some(Decision::proved(format!(
            "{why}: holds for every real {}",
            var_from(c.var, &fmt_num(c.start))
        ))),
        Cmp::Lt | Cmp::Gt => {
            let (f, strict) = difference(c.lhs, c.op, c.rhs)?;
            let mut prob = Problem::new(f, strict, c.pm, c.params, MAX_BOXES, c.var);
            if !prob.fails_at(&n, &values, POINT_BITS) {
                return None;
            }
            let text = format!(
                "{why}: lhs {} rhs fails at {}{}",
                c.op.symbol(),
                var_at(c.var, &fmt_exact(&n)),
                fmt_values(&values)
            );
            let w = Witness { n, params: values };
            Some(Decision::refuted(text).with_evidence(counterexample(w)))
        }
        Cmp::Eq | Cmp::Ne => None,
    }
}

/// "dominant term c0 from n = 2^17; interval search on [33051, 2^17] in 12 boxes"
fn how(c: &Certificate, var: &str) -> String {
    let mut s = format!(
        "for every real {}: dominant term {} from {}",
        var_from(var, &fmt_num(&c.from)),
        c.leading,
        var_at(var, &fmt_num(&c.tail_from))
    );
    if c.tail_from > c.from {
        s.push_str(&crate::reason::detail(&format!(
            "; interval search on {} in {} boxes",
            search_range(var, &fmt_num(&c.from), &fmt_num(&c.tail_from)),
            c.boxes
        )));
    }
    s
}

/// An admissible point of the whole box (for witnesses of a box-wide failure).
fn first_point(pm: &BTreeMap<String, Interval>, params: &ParamBox) -> Option<BTreeMap<String, Q>> {
    let mut out = BTreeMap::new();
    for name in pm.keys() {
        let c = params.get(name)?;
        let s = c.samples();
        let one = Q::one();
        let v = if s.contains(&one) {
            one
        } else {
            s.get(s.len() / 2)?.clone()
        };
        out.insert(name.clone(), v);
    }
    Some(out)
}

/// Decide `lhs op rhs at n = at` exactly, for every admissible parameter value.
pub fn decide_at(
    lhs: &Expr,
    op: Cmp,
    rhs: &Expr,
    at: &Expr,
    params: &ParamBox,
    var: &str,
) -> Decision {
    if at.has_var() {
        return Decision::unknown("the point N must not depend on the variable");
    }
    let (Some(a), Some(b)) = (deriv::subst_var(lhs, at), deriv::subst_var(rhs, at)) else {
        return Decision::unknown(Cause::Budget(Budget::Depth(None)));
    };
    let mut names = a.params();
    names.extend(b.params());
    let pm = param_map(&names, params);
    let one = Interval::point(Q::one());
    let (Some(va), Some(vb)) = (eval(&a, &one, &pm, 64), eval(&b, &one, &pm, 64)) else {
        return Decision::unknown(Cause::Undefined(format!(
            "a side may be undefined at {} (for some admissible parameter value)",
            var_at(var, &at.to_string())
        )));
    };
    let diff = Expr::sub(b.clone(), a.clone());
    // rhs - lhs: > 0, < 0, >= 0, <= 0 over the whole box (bisected), or 0
    // by exact algebra
    let mut memo = Enclosures::default();
    let pos = everywhere(&diff, &pm, Interval::is_pos, &mut memo);
    let neg = !pos && everywhere(&diff, &pm, Interval::is_neg, &mut memo);
    let zero = !pos
        && !neg
        && (sign_over_box(&diff, &pm, POINT_BITS) == Some(Sign::Zero)
            || crate::asymptotic::exact_zero_difference(&a, &b, params));
    let nonneg = pos || zero || everywhere(&diff, &pm, Interval::is_nonneg, &mut memo);
    let nonpos = neg || zero || everywhere(&diff, &pm, Interval::is_nonpos, &mut memo);
    let sign = if pos {
        Some(Sign::Pos)
    } else if neg {
        Some(Sign::Neg)
    } else if zero {
        Some(Sign::Zero)
    } else {
        None
    };
    let every = if pm.is_empty() {
        String::new()
    } else {
        format!(
            " for every admissible {}",
            pm.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    };
    // proved / refuted for every admissible value, when known
    let settled: Option<bool> = match op {
        Cmp::Le if nonneg => Some(true),
        Cmp::Le if neg => Some(false),
        Cmp::Ge if nonpos => Some(true),
        Cmp::Ge if pos => Some(false),
        Cmp::Lt if pos => Some(true),
        Cmp::Lt if nonpos => Some(false),
        Cmp::Gt if neg => Some(true),
        Cmp::Gt if nonneg => Some(false),
        Cmp::Eq | Cmp::Ne if zero => Some(op == Cmp::Eq),
        Cmp::Eq | Cmp::Ne if pos || neg => Some(op == Cmp::Ne),
        _ => None,
    };
    let Some(holds) = settled else {
        return Decision::unknown(Cause::NotShown(if pm.is_empty() {
            format!(
                "at {} the sides are not separated at {POINT_BITS} bits and not shown equal",
                var_at(var, &at.to_string())
            )
        } else {
            format!(
                "at {} the sign of the difference is not the same{every} (or not determined)",
                var_at(var, &at.to_string())
            )
        }));
    };
    let Some(sign) = sign else {
        let rel = if nonneg { "<=" } else { ">=" };
        let text = format!("at {}: lhs {rel} rhs{every}", var_at(var, &at.to_string()));
        return if holds {
            Decision::proved(text)
        } else {
            Decision::refuted(text)
        };
    };
    let rel = match sign {
        Sign::Neg => ">",
        Sign::Zero => "=",
        Sign::Pos => "<",
    };
    let how = if sign == Sign::Zero {
        " (equal: exact algebra)"
    } else {
        ""
    };
    let text = if pm.is_empty() {
        format!(
            "at {}: lhs {} {rel} rhs {}{how}",
            var_at(var, &at.to_string()),
            fmt_iv(&va),
            fmt_iv(&vb)
        )
    } else {
        format!(
            "at {}: lhs {rel} rhs{every}{how}",
            var_at(var, &at.to_string())
        )
    };
    if holds {
        Decision::proved(text)
    } else {
        Decision::refuted(text)
    }
}

/// `show crossover lhs op rhs`: the least integer n0 such that the claim
/// holds for every real n >= n0 (n >= 1), with exact bounds of the real
/// threshold, over the whole parameter box.
pub fn crossover(lhs: &Expr, op: Cmp, rhs: &Expr, params: &ParamBox, var: &str) -> CrossoverResult {
    let none = |text: String| CrossoverResult {
        text,
        crossover: None,
        unknown: false,
    };
    let unknown = |text: String| CrossoverResult {
        text,
        crossover: None,
        unknown: true,
    };
    let Some((f, strict)) = difference(lhs, op, rhs) else {
        return none("no crossover for `==` or `!=`".into());
    };
    let names = f.params();
    let pm = param_map(&names, params);
    let one = Q::one();
    let tail = match tail_for(lhs, op, rhs, &Q::from_integer(2.into()), &pm, params, var) {
        Ok(t) => t,
        Err(why) => return unknown(format!("unknown: no certificate for {}: {why}", large(var))),
    };
    let box_note = if pm.is_empty() {
        String::new()
    } else {
        format!(
            " (uniformly over the admissible {})",
            pm.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    };
    match tail.sign {
        Sign::Neg => {
            return none(format!(
                "none: lhs {} rhs fails for every {} (the difference has leading term {}), so no threshold exists",
                op.symbol(),
                var_from(var, &fmt_num(&tail.from)),
                tail.leading
            ))
        }
        Sign::Zero if strict => {
            return none(format!(
                "none: the sides are equal for every {}",
                var_from(var, &fmt_num(&tail.from))
            ))
        }
        _ => {}
    }
    let mut prob = Problem::new(f, strict, &pm, params, MAX_BOXES, var);
    let mut cert = Certificate {
        from: one.clone(),
        tail_from: tail.from.clone(),
        leading: tail.leading.clone(),
        boxes: 0,
        refinements: 0,
        tail_tries: tail.tries,
    };
    let done = |cert: &mut Certificate, stats: Stats| {
        cert.boxes = stats.boxes;
        cert.refinements = stats.refinements;
    };
    let (mut p, mut values, mut u) = match prob.search(&one, &tail.from, true) {
        Found::Holds => {
            done(&mut cert, prob.stats);
            let text = format!(
                "from {}{box_note}: holds for every real {}: dominant term {} from {}; interval search on {} in {} boxes",
                var_at(var, "1"),
                var_from(var, "1"),
                cert.leading,
                var_at(var, &fmt_num(&cert.tail_from)),
                search_range(var, "1", &fmt_num(&cert.tail_from)),
                cert.boxes
            );
            return CrossoverResult {
                text,
                crossover: Some(Crossover {
                    integer: BigInt::one(),
                    lower: one.clone(),
                    upper: one,
                    certificate: cert,
                }),
                unknown: false,
            };
        }
        Found::Unknown(why) => {
            return unknown(format!(
                "unknown: {why} (dominant term {} from {})",
                tail.leading,
                var_at(var, &fmt_num(&tail.from))
            ))
        }
        Found::Fails {
            witness,
            proved_from,
        } => (witness.n, witness.params, proved_from.ceil()),
    };
    let mut steps = 0usize;
    // Fast path: bisect on exact point tests (cheap) for integers k - 1 < k
    // with a failure at k - 1, then prove [k, u] with one search. A point
    // test only guides the choice; the search certifies.
    {
        let (mut lo, mut hi) = (p.clone(), u.clone());
        while &hi - &lo > one && steps < MAX_NARROWING {
            steps += 1;
            let Some(m) = integer_between(&lo, &hi) else {
                break;
            };
            if prob.fails_at(&m, &values, POINT_BITS) {
                lo = m;
            } else {
                hi = m;
            }
        }
        if hi < u && hi.is_integer() {
            match prob.search(&hi, &u, true) {
                Found::Holds => {
                    u = hi;
                    p = lo;
                }
                Found::Fails {
                    witness,
                    proved_from,
                } => (p, values, u) = past_failure(witness, &proved_from, u),
                Found::Unknown(_) => p = lo,
            }
        } else {
            p = lo;
        }
    }
    while &u - &p > one {
        steps += 1;
        if steps > MAX_NARROWING {
            return unknown(format!(
                "unknown: threshold between {} and {} after {MAX_NARROWING} narrowing steps",
                var_at(var, &fmt_num(&p)),
                var_at(var, &fmt_num(&u))
            ));
        }
        let Some(m) = integer_between(&p, &u) else {
            break;
        };
        if prob.fails_at(&m, &values, POINT_BITS) {
            p = m;
            continue;
        }
        match prob.search(&m, &u, true) {
            Found::Holds => u = m,
            Found::Fails {
                witness,
                proved_from,
            } => (p, values, u) = past_failure(witness, &proved_from, u),
            Found::Unknown(why) => {
                return unknown(format!(
                    "unknown: {why} while narrowing the threshold between {} and {}",
                    var_at(var, &fmt_num(&p)),
                    var_at(var, &fmt_num(&u))
                ))
            }
        }
    }
    // a round lower bound when the integer below fails too
    let below = &u - Q::one();
    if !p.is_integer() && below < p && prob.fails_at(&below, &values, POINT_BITS) {
        p = below;
    }
    done(&mut cert, prob.stats);
    cert.from = u.clone();
    let integer = u.to_integer();
    let text = format!(
        "from {}{box_note}: holds for every real {}; the real threshold lies in {} ({}); certified by dominant term {} from {} and interval search on {} in {} boxes",
        var_at(var, &integer.to_string()),
        var_from(var, &integer.to_string()),
        match crate::ir::zero_var(var) {
            Some(_) => format!("[{}, {}]", crate::ir::reciprocal_text(&fmt_exact(&u)), crate::ir::reciprocal_text(&fmt_exact(&p))),
            None => format!("[{}, {}]", fmt_exact(&p), fmt_exact(&u)),
        },
        failure_text(lhs, op, rhs, &Witness { n: p.clone(), params: values.clone() }, var),
        cert.leading,
        var_at(var, &fmt_num(&cert.tail_from)),
        search_range(var, &fmt_exact(&u), &fmt_num(&cert.tail_from)),
        cert.boxes
    );
    CrossoverResult {
        text,
        crossover: Some(Crossover {
            integer,
            lower: p,
            upper: u,
            certificate: cert,
        }),
        unknown: false,
    }
}

/// The narrowing interval after a search failed at `witness` and proved
/// the claim from `proved_from` on: the failing point (the new lower end),
/// its parameter values, and the upper end `u` lowered to `proved_from`.
fn past_failure(witness: Witness, proved_from: &Q, u: Q) -> (Q, BTreeMap<String, Q>, Q) {
    (witness.n, witness.params, proved_from.ceil().min(u))
}

/// The integer a narrowing step tests strictly between `lo` and `hi`: the
/// floor of the midpoint, or the first integer above `lo` when the floor is
/// not above it; `None` when no integer lies strictly between them.
fn integer_between(lo: &Q, hi: &Q) -> Option<Q> {
    let mut m = ((lo + hi) / Q::from_integer(2.into())).floor();
    if m <= *lo {
        m = lo.floor() + Q::one();
    }
    (m < *hi).then_some(m)
}

/// The enclosures of one constant `g` that [`everywhere`] computed, by
/// parameter box and precision: the four sign predicates of one point bisect
/// the same boxes in the same order, so each enclosure is computed once (an
/// enclosure of `n^a` at 1024 bits over a parameter interval is an
/// exponential's series: the second to fourth predicates cost nothing).
/// The same `g` for every entry: one memo per expression.
#[derive(Default)]
struct Enclosures {
    seen: Vec<(BTreeMap<String, Interval>, u32, Option<Interval>)>,
}

impl Enclosures {
    fn eval(&mut self, g: &Expr, b: &BTreeMap<String, Interval>, bits: u32) -> Option<Interval> {
        if let Some((_, _, v)) = self.seen.iter().find(|(k, kb, _)| *kb == bits && k == b) {
            return v.clone();
        }
        let v = eval(g, &Interval::point(Q::one()), b, bits);
        self.seen.push((b.clone(), bits, v.clone()));
        v
    }
}

/// Boxes examined by [`everywhere`].
const MAX_PARAM_BOXES: usize = crate::limits::LIMITS.param_boxes;

/// Does `pred` hold for the enclosure of the constant `g` on every part of
/// the parameter box (refining precision, then bisecting the widest bounded
/// parameter, at most [`MAX_PARAM_BOXES`] boxes)?
/// `pred` must be a sign predicate (`is_pos`, `is_neg`, `is_nonneg`,
/// `is_nonpos`): decided by any enclosure that excludes 0.
fn everywhere(
    g: &Expr,
    pm: &BTreeMap<String, Interval>,
    pred: fn(&Interval) -> bool,
    memo: &mut Enclosures,
) -> bool {
    let mut pending = vec![pm.clone()];
    let mut seen = 0usize;
    while let Some(b) = pending.pop() {
        seen += 1;
        if seen > MAX_PARAM_BOXES {
            return false;
        }
        let mut ok = false;
        let mut last: Option<Q> = None;
        for bits in [64u32, 256, 1024] {
            match memo.eval(g, &b, bits) {
                Some(v) if pred(&v) => {
                    ok = true;
                    break;
                }
                // a sign predicate that fails on an enclosure without 0
                // fails on the whole box: no refinement can help
                Some(v) if !v.contains_zero() => return false,
                Some(v) => {
                    let Some(w) = v.width() else { continue };
                    if w.is_zero() {
                        break;
                    }
                    // precision is not what keeps the enclosure wide (the
                    // parameter intervals are): bisect instead of refining
                    if last
                        .as_ref()
                        .is_some_and(|l| &w * Q::from_integer(2.into()) > *l)
                    {
                        break;
                    }
                    last = Some(w);
                }
                None => {}
            }
        }
        if ok {
            continue;
        }
        // bisect the widest bounded parameter (the first in name order on
        // ties), left half first
        let Some((left, right)) = crate::exact::eval::bisect(&b) else {
            return false;
        };
        pending.push(right);
        pending.push(left);
    }
    true
}
