//! The e-class analysis: for every e-class, facts valid for all n >= 1 and
//! every admissible parameter value, computed structurally and intersected
//! on merges:
//!
//! * `konst`: the exact rational value, when the class is a pure number
//!   built by exact operations (implies `defined`);
//! * `defined`: the class is defined everywhere on the domain;
//! * `range`: an enclosure of its values wherever it is defined.
//!
//! Semantics of a class: one partial function (same domain, same values).
//! Merging two classes whose constants differ or whose ranges are disjoint
//! would be an unsound merge; it is recorded in `BndAnalysis::unsound` and
//! callers must then refuse every proof. Constant folding uses exact
//! arithmetic only (no floating point anywhere).

use super::lang::{Bnd, Rat};
use super::range::{self, q_root_exact};
use crate::exact::Interval;
use crate::ir::{Constraint, ParamBox, Q};
use egg::{Analysis, DidMerge, EGraph, Id, Language};
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Constants larger than this (bits of numerator or denominator) are not
/// folded (still sound: the class just has no known constant).
const MAX_FOLD_BITS: u64 = crate::limits::LIMITS.egraph_fold_bits;

/// Facts about one e-class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    pub konst: Option<Q>,
    pub defined: bool,
    pub range: Interval,
}

/// The analysis state: the parameter box (for `Param` leaves) and the
/// first unsound merge seen, if any.
#[derive(Clone, Debug, Default)]
pub struct BndAnalysis {
    pub params: ParamBox,
    pub unsound: Option<String>,
}

impl BndAnalysis {
    pub fn new(params: &ParamBox) -> BndAnalysis {
        BndAnalysis {
            params: params.clone(),
            unsound: None,
        }
    }
}

pub type BndGraph = EGraph<Bnd, BndAnalysis>;

fn constraint_range(c: &Constraint) -> Interval {
    // An empty box makes every statement vacuous; claim nothing about it.
    if c.is_empty() {
        return Interval::entire();
    }
    range::constraint(c)
}

fn small(q: &Q) -> bool {
    q.numer_bits() <= MAX_FOLD_BITS && q.denom_bits() <= MAX_FOLD_BITS
}

/// Exact `a^b` for rationals, or `None` when not exact / not defined /
/// too large. `0^0` and negative bases with fractional exponents are not folded.
pub fn q_pow_exact(a: &Q, b: &Q) -> Option<Q> {
    let (num, den) = b.as_small()?;
    let den = u32::try_from(den).ok()?;
    if num.unsigned_abs() > 1024 || den > 64 {
        return None;
    }
    if num <= 0 && a.is_zero() {
        return None;
    }
    let base = if den == 1 {
        a.clone()
    } else {
        if a.is_negative() {
            return None;
        }
        q_root_exact(a, den)?
    };
    let k = num.unsigned_abs();
    if (base.numer_bits() + base.denom_bits()) * k > 2 * MAX_FOLD_BITS {
        return None;
    }
    let p = num_traits::pow(base, k as usize);
    let r = if num < 0 { p.recip() } else { p };
    small(&r).then_some(r)
}

/// The integer value of an exponent class, if it is a known integer.
pub fn int_of(f: &Facts) -> Option<i64> {
    f.konst
        .as_ref()
        .filter(|q| q.is_integer())
        .and_then(|q| q.to_integer().to_i64())
}

fn fold(node: &Bnd, c: &dyn Fn(&Id) -> Option<Q>) -> Option<Q> {
    let r = match node {
        Bnd::Num(q) => q.0.clone(),
        Bnd::Add([a, b]) => c(a)? + c(b)?,
        Bnd::Sub([a, b]) => c(a)? - c(b)?,
        Bnd::Mul([a, b]) => c(a)? * c(b)?,
        Bnd::Div([a, b]) => {
            let d = c(b)?;
            if d.is_zero() {
                return None;
            }
            c(a)? / d
        }
        Bnd::Neg(a) => -c(a)?,
        Bnd::Pow([a, b]) => q_pow_exact(&c(a)?, &c(b)?)?,
        Bnd::Sqrt(a) => q_root_exact(&c(a)?, 2)?,
        Bnd::Abs(a) => c(a)?.abs(),
        Bnd::Min([a, b]) => c(a)?.min(c(b)?),
        Bnd::Max([a, b]) => c(a)?.max(c(b)?),
        Bnd::Exp(a) if c(a)?.is_zero() => Q::one(),
        Bnd::Log(a) if c(a)? == Q::one() => Q::zero(),
        _ => return None,
    };
    small(&r).then_some(r)
}

/// Is `base ^ exponent` defined everywhere, given the facts of both?
pub fn pow_defined(base: &Facts, exponent: &Facts) -> bool {
    if !(base.defined && exponent.defined) {
        return false;
    }
    match &exponent.konst {
        Some(p) if p.is_integer() => p.is_positive() || !base.range.contains_zero(),
        Some(p) if p.is_positive() => base.range.is_nonneg(),
        _ => base.range.is_pos(),
    }
}

fn pow_range(base: &Facts, exponent: &Facts) -> Interval {
    if let Some(k) = int_of(exponent) {
        return range::pow_int(&base.range, k);
    }
    let b = &base.range;
    let one = Q::one();
    let ge_one = matches!(&b.lo, Some((v, _)) if *v >= one);
    let gt_one = matches!(&b.lo, Some((v, closed)) if *v > one || (*v == one && !closed));
    if b.is_pos() {
        if exponent.range.is_pos() && gt_one {
            return range::at_least(one, false);
        }
        if exponent.range.is_nonneg() && ge_one {
            return range::at_least(one, true);
        }
        return range::at_least(Q::zero(), false);
    }
    // positive exponent of a base >= 0: the value is >= 0 under every
    // convention (odd roots of negative numbers are never relied on)
    if b.is_nonneg() && exponent.range.is_pos() {
        return range::at_least(Q::zero(), true);
    }
    // otherwise the power is defined only for base > 0 (our convention) or
    // by conventions we do not rely on: claim nothing.
    Interval::entire()
}

fn make_facts(egraph: &BndGraph, node: &Bnd) -> Facts {
    let f = |id: &Id| &egraph[*id].data;
    let both = |a: &Id, b: &Id| f(a).defined && f(b).defined;
    let konst = fold(node, &|id| f(id).konst.clone());
    let (defined, range) = match node {
        Bnd::Num(Rat(q)) => (true, range::point(q.clone())),
        Bnd::Var => (true, range::at_least(Q::one(), true)),
        Bnd::Pi => (
            true,
            range::fit(Interval::open(
                Q::new(314_159.into(), 100_000.into()),
                Q::new(314_160.into(), 100_000.into()),
            )),
        ),
        Bnd::Param(p) => (
            true,
            egraph
                .analysis
                .params
                .get(&p.0)
                .map(constraint_range)
                .unwrap_or_else(Interval::entire),
        ),
        Bnd::Fn(_) => (false, Interval::entire()),
        Bnd::Add([a, b]) => (both(a, b), range::add(&f(a).range, &f(b).range)),
        Bnd::Sub([a, b]) => (both(a, b), range::sub(&f(a).range, &f(b).range)),
        Bnd::Mul([a, b]) => (both(a, b), range::mul(&f(a).range, &f(b).range)),
        Bnd::Div([a, b]) => (
            both(a, b) && !f(b).range.contains_zero(),
            range::div(&f(a).range, &f(b).range),
        ),
        Bnd::Pow([a, b]) => (pow_defined(f(a), f(b)), pow_range(f(a), f(b))),
        Bnd::Neg(a) => (f(a).defined, range::neg(&f(a).range)),
        Bnd::Sqrt(a) => (
            f(a).defined && f(a).range.is_nonneg(),
            range::sqrt(&f(a).range),
        ),
        Bnd::Exp(a) => (f(a).defined, range::exp(&f(a).range)),
        Bnd::Log(a) => (f(a).defined && f(a).range.is_pos(), range::log(&f(a).range)),
        Bnd::Abs(a) => (f(a).defined, range::abs(&f(a).range)),
        Bnd::Min([a, b]) => (both(a, b), range::min(&f(a).range, &f(b).range)),
        Bnd::Max([a, b]) => (both(a, b), range::max(&f(a).range, &f(b).range)),
    };
    match konst {
        Some(q) => Facts {
            range: range::point(q.clone()),
            konst: Some(q),
            defined: true,
        },
        None => Facts {
            konst: None,
            defined,
            range,
        },
    }
}

impl Analysis<Bnd> for BndAnalysis {
    type Data = Facts;

    fn make(egraph: &mut BndGraph, enode: &Bnd, _id: Id) -> Facts {
        make_facts(egraph, enode)
    }

    fn merge(&mut self, a: &mut Facts, b: Facts) -> DidMerge {
        let mut changed_a = false;
        let mut changed_b = false;
        match (&a.konst, &b.konst) {
            (Some(x), Some(y)) if x != y => {
                self.note_unsound(format!(
                    "classes with constants {} and {} merged",
                    crate::ir::fmt_q(x),
                    crate::ir::fmt_q(y)
                ));
            }
            (None, Some(y)) => {
                a.konst = Some(y.clone());
                changed_a = true;
            }
            (Some(_), None) => changed_b = true,
            _ => {}
        }
        if a.defined != b.defined {
            if b.defined {
                changed_a = true;
            } else {
                changed_b = true;
            }
            a.defined = true;
        }
        let range = range::intersect(&a.range, &b.range);
        if range.is_empty() {
            self.note_unsound(format!(
                "classes with disjoint ranges {} and {} merged",
                a.range, b.range
            ));
        }
        if range != a.range {
            changed_a = true;
        }
        if range != b.range {
            changed_b = true;
        }
        a.range = range;
        DidMerge(changed_a, changed_b)
    }

    fn modify(egraph: &mut BndGraph, id: Id) {
        if let Some(q) = egraph[id].data.konst.clone() {
            let leaf = egraph.add(Bnd::Num(Rat(q)));
            egraph.union_trusted(id, leaf, "constant-fold");
            // keep only leaves: a constant class needs no other form
            egraph[id].nodes.retain(|n| n.is_leaf());
        }
    }
}

impl BndAnalysis {
    fn note_unsound(&mut self, msg: String) {
        if self.unsound.is_none() {
            self.unsound = Some(msg);
        }
    }
}
