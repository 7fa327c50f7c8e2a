//! `==` and `!=` for every admissible parameter value: an exact expansion
//! to 0 or equivalence in the e-graph proves `A == B`; exact enclosures
//! that separate at a sample point, or a strict eventual sign of A - B,
//! refute it; `A != B` needs the sides to differ for EVERY admissible value,
//! and is refuted by one value at which they are proved identical.

use super::{at_values, decide_kind, fmt_assignment, param_points, MAX_WITNESS_TRIES};
use crate::exact::eval::separate;
use crate::ir::{
    Cause, ClaimKind, Cmp, Decision, Evidence, Expr, ParamBox, Point, Range, Verdict, Q,
};
use crate::simplify::{self, Equivalence};
use num_bigint::BigInt;
use std::collections::BTreeMap;

/// Sample points of the variable for counterexamples to `==`.
const EQUAL_SAMPLE_N: [i64; 8] = [1, 2, 3, 5, 10, 100, 1000, 1_000_000];

/// Precision cap (bits) when separating two values at a point.
const SEPARATE_BITS: u32 = crate::limits::LIMITS.separate_bits;
/// Precision cap of the quick try at the first sample point (see
/// `decide_equal`): the first two steps of the full search's doubling.
const QUICK_SEPARATE_BITS: u32 = crate::limits::LIMITS.quick_separate_bits;

/// Sample points of the variable at which `A != B` may be shown for every
/// admissible parameter value at once.
const NOT_EQUAL_AT_N: [i64; 4] = [1, 2, 10, 1000];

/// One question `lhs == rhs` or `lhs != rhs`, with what every step of
/// deciding it needs: the parameter box, the variable, and
/// `use_egraph` (whether the e-graph's guarded rewriting may prove the
/// sides equal).
#[derive(Clone, Copy)]
pub(super) struct Equation<'a> {
    pub lhs: &'a Expr,
    pub rhs: &'a Expr,
    pub params: &'a ParamBox,
    pub var: &'a str,
    pub use_egraph: bool,
}

impl Equation<'_> {
    /// `A == B` for every n >= 1 and every admissible parameter value: proved by
    /// an exact expansion of A - B to 0 or by equivalence in the e-graph;
    /// refuted by an exact counterexample (a point where exact enclosures
    /// separate) or by a non-zero leading term of A - B; otherwise unknown.
    ///
    /// Cheapest first: the exact expansion takes microseconds, the e-graph up
    /// to a quarter of a second when it saturates its budget without a proof.
    /// A false equation usually differs visibly at the first sample point, so
    /// that point is tried at low precision before the e-graph: the counter-
    /// example found there is the one the full search below would report first
    /// (same point, same first precision), and a sound e-graph could not have
    /// proved an equation it refutes.
    pub(super) fn decide_equal(&self) -> Decision {
        let (lhs, rhs, params, var) = (self.lhs, self.rhs, self.params, self.var);
        if crate::asymptotic::exact_zero_difference(lhs, rhs, params) {
            return self.proved_equal(
                "a - b expands exactly to 0 (no truncated series involved)",
                "a - b expands exactly to 0 (no truncated series involved), wherever defined",
            );
        }
        let names: Vec<String> = lhs.params().union(&rhs.params()).cloned().collect();
        let points = param_points(&names, params);
        if let Some(values) = points.first() {
            let n = EQUAL_SAMPLE_N[0];
            let nq = Q::from_integer(BigInt::from(n));
            if let Some(lt) = separate(lhs, rhs, &nq, values, QUICK_SEPARATE_BITS) {
                return self.differ_at(lt, n, values);
            }
        }
        let not_proved = if self.use_egraph {
            match simplify::prove_equal(lhs, rhs, params) {
                Equivalence::Proved => {
                    return self.proved_equal(
                        "equal by guarded rewriting in the e-graph",
                        "equal wherever defined, by guarded rewriting in the e-graph",
                    );
                }
                Equivalence::NotProved { reason } => reason,
            }
        } else {
            String::from("e-graph not tried at a sample point")
        };
        for values in &points {
            for n in EQUAL_SAMPLE_N {
                let nq = Q::from_integer(BigInt::from(n));
                if let Some(lt) = separate(lhs, rhs, &nq, values, SEPARATE_BITS) {
                    return self.differ_at(lt, n, values);
                }
            }
        }
        // Eventually different is different.
        for op in [Cmp::Le, Cmp::Ge] {
            let d = self.eventually(op);
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
        Decision::unknown(Cause::NotShown(format!(
            "not shown equal ({not_proved}) and no counterexample found{domain}"
        )))
    }

    /// `lhs == rhs` proved: `everywhere` when both sides are defined for every
    /// n >= 1 and every admissible parameter value, else `where_defined`.
    fn proved_equal(&self, everywhere: &str, where_defined: &str) -> Decision {
        let defined = simplify::is_defined_everywhere(self.lhs, self.params)
            && simplify::is_defined_everywhere(self.rhs, self.params);
        Decision::proved(if defined { everywhere } else { where_defined })
    }

    /// The refutation of `lhs == rhs` by the values at one point.
    fn differ_at(&self, lt: bool, n: i64, values: &BTreeMap<String, Q>) -> Decision {
        let var = self.var;
        let rel = if lt { "<" } else { ">" };
        let point = Point {
            params: values.clone(),
            at: Some(Q::from_integer(n.into())),
        };
        Decision::refuted(format!(
            "differ at {}{}: {} {rel} {}",
            crate::ir::var_at(var, &n.to_string()),
            fmt_assignment(values, true),
            self.lhs.display(var),
            self.rhs.display(var)
        ))
        .with_evidence(Evidence::Counterexample(Box::new(point)))
    }

    /// `lhs op rhs eventually`, by the asymptotic engine over the whole box.
    fn eventually(&self, op: Cmp) -> Decision {
        let ineq = ClaimKind::Ineq {
            lhs: self.lhs.clone(),
            op,
            rhs: self.rhs.clone(),
            range: Range::Eventually,
        };
        crate::asymptotic::decide(&ineq, self.params, self.var)
    }

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
    pub(super) fn decide_not_equal(&self) -> Decision {
        let (lhs, rhs, params, var) = (self.lhs, self.rhs, self.params, self.var);
        let names: Vec<String> = lhs.params().union(&rhs.params()).cloned().collect();
        if names.is_empty() {
            let d = self.decide_equal();
            return match d.verdict {
                Verdict::Proved => Decision::refuted(d.reason),
                Verdict::Refuted => Decision::proved(d.reason),
                Verdict::Unknown => d,
            };
        }
        let every = format!("for every admissible {}", names.join(", "));
        for op in [Cmp::Lt, Cmp::Gt] {
            let d = self.eventually(op);
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
        let all = self.decide_equal();
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
            let d = decide_kind(&at, &rest, var, self.use_egraph);
            if d.verdict == Verdict::Proved {
                let text = format!(
                    "identical for {}: {}",
                    fmt_assignment(&values, false),
                    d.reason
                );
                return Decision::refuted(text)
                    .with_evidence(super::at_point(values, Evidence::None));
            }
        }
        Decision::unknown(Cause::NotShown(format!(
        "not shown to differ {every} (a value where the sides are identical was not excluded), and no such value found"
    )))
    }
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
