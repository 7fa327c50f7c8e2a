//! Exact interval branch-and-bound on a bounded range of the variable (and
//! the parameter box): proves f >= 0 (or f > 0) on every box, or finds an
//! exact point where it fails, or stops at a counted budget (boxes, and
//! units of interval work: `exact::eval::work`) with the place it could not
//! decide.
//!
//! A box [lo, hi] x P is proved when the interval enclosure of f on it is
//! nonnegative (positive); or when f is shown monotone on it (the enclosure
//! of f' has a sign) and f holds at the corresponding end, enclosed at that
//! exact point; or, one order up, when f'' has a sign: f' monotone and of one sign
//! (checked at an end), or f concave (f >= min(f(lo), f(hi))). An exact zero
//! at an end (a point where the sides touch) is accepted for `<=` only when
//! exact algebra shows it is 0. Undecided boxes are split: geometrically
//! (at an integer near sqrt(lo*hi)) while hi > 4 lo, then at integers, then
//! at dyadic midpoints; parameters are split at midpoints. A box whose left
//! end is a point where f cannot be evaluated (`log(n)` in a divisor at
//! n = 1) is never proved: it is left undecided after one split, not bisected
//! towards that point, and the search goes on for a failure elsewhere. A
//! failure is only ever reported at an exact point (n and parameter values)
//! where exact evaluation separates f from 0.

use super::deriv::{derivative, derivative_param, subst_var};
use crate::exact::enclose::magnitude;
use crate::exact::eval::{eval, separate};
use crate::exact::Interval;
use crate::ir::{Expr, ParamBox, Q};
use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Precision used to probe a point for a failure.
const PROBE_BITS: u32 = crate::limits::LIMITS.probe_bits;
/// Narrowest relative width of a box of the variable (log2).
const MIN_WIDTH_LOG2: i64 = 160;
/// Units of interval work (`exact::eval::work`) one problem's searches may
/// spend in all: a box costs from tens of units (a small expression at 64
/// bits) to hundreds of thousands (logarithms at 1024 bits, near a point
/// where the sides touch), so the box budget alone does not bound the time.
pub const WORK_BUDGET: u64 = crate::limits::LIMITS.threshold_work;
/// Highest precision of a point enclosure.
const POINT_BITS: [u32; 3] = [96, 256, 1024];

/// An exact point (variable and parameter values).
#[derive(Clone, Debug, PartialEq)]
pub struct Witness {
    pub n: Q,
    pub params: BTreeMap<String, Q>,
}

/// The result of one search.
#[derive(Clone, Debug)]
pub enum Found {
    /// f holds on the whole range.
    Holds,
    /// f fails at `witness` (verified exactly); in a right-first search every
    /// point >= `proved_from` of the range was proved.
    Fails { witness: Witness, proved_from: Q },
    /// Not decided: why, and where.
    Unknown(String),
}

/// Work done, for the certificate and the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Boxes examined.
    pub boxes: usize,
    /// Point enclosures and precision refinements.
    pub refinements: usize,
    /// Units of interval work (`exact::eval::work`) spent by the searches.
    pub work: u64,
}

/// f >= 0 (`strict`: f > 0) to be proved on ranges of the variable.
pub struct Problem<'a> {
    // Shared (`Arc`): every box reads them while `&mut self` is borrowed.
    // The derivatives are built at their first use: many problems are
    // decided by their first box or point and never need them.
    f: Arc<Expr>,
    f1: OnceCell<Option<Arc<Expr>>>,
    neg_f1: OnceCell<Option<Arc<Expr>>>,
    f2: OnceCell<Option<Arc<Expr>>>,
    /// d f / d p for each parameter of the box (where it exists).
    dparams: OnceCell<Arc<Vec<(String, Expr)>>>,
    strict: bool,
    params: &'a BTreeMap<String, Interval>,
    pbox: &'a ParamBox,
    /// The variable, for messages (see `ir::zero_var`).
    var: &'a str,
    pub stats: Stats,
    /// Boxes allowed in total (all searches of this problem).
    pub budget: usize,
}

/// What examining one box gave.
enum Verdict {
    Holds,
    /// f fails at this end of the box, for the parameters of the box given
    /// (to be verified at an exact point).
    Candidate(Q, BTreeMap<String, Interval>),
    Undecided,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tri {
    Yes,
    No,
    Maybe,
}

struct Box_ {
    lo: Q,
    hi: Q,
    params: BTreeMap<String, Interval>,
    depth: usize,
}

fn int(i: i64) -> Q {
    Q::from_integer(BigInt::from(i))
}

impl<'a> Problem<'a> {
    pub fn new(
        f: Expr,
        strict: bool,
        params: &'a BTreeMap<String, Interval>,
        pbox: &'a ParamBox,
        budget: usize,
        var: &'a str,
    ) -> Problem<'a> {
        Problem {
            f: Arc::new(f),
            f1: OnceCell::new(),
            neg_f1: OnceCell::new(),
            f2: OnceCell::new(),
            dparams: OnceCell::new(),
            strict,
            params,
            pbox,
            var,
            stats: Stats::default(),
            budget,
        }
    }

    /// d f / d n, where it exists.
    fn f1(&self) -> Option<Arc<Expr>> {
        self.f1
            .get_or_init(|| derivative(&self.f).map(Arc::new))
            .clone()
    }

    /// -d f / d n, where d f / d n exists.
    fn neg_f1(&self) -> Option<Arc<Expr>> {
        self.neg_f1
            .get_or_init(|| self.f1().map(|d| Arc::new(Expr::neg((*d).clone()))))
            .clone()
    }

    /// d^2 f / d n^2, where it exists.
    fn f2(&self) -> Option<Arc<Expr>> {
        self.f2
            .get_or_init(|| self.f1().and_then(|d| derivative(&d)).map(Arc::new))
            .clone()
    }

    /// d f / d p for each parameter of the box, where it exists.
    fn dparams(&self) -> Arc<Vec<(String, Expr)>> {
        self.dparams
            .get_or_init(|| {
                Arc::new(
                    self.params
                        .keys()
                        .filter_map(|p| derivative_param(&self.f, p).map(|d| (p.clone(), d)))
                        .collect(),
                )
            })
            .clone()
    }

    /// Does the relation hold for an enclosure of f?
    fn ok(&self, v: &Interval) -> bool {
        if self.strict {
            v.is_pos()
        } else {
            v.is_nonneg()
        }
    }

    /// Does g hold (g >= 0, or g > 0 when `strict`) at the exact point n for
    /// every parameter of the box `pm`?
    fn point(&mut self, g: &Expr, n: &Q, pm: &BTreeMap<String, Interval>, strict: bool) -> Tri {
        let p = Interval::point(n.clone());
        let mut last: Option<Q> = None;
        for bits in POINT_BITS {
            self.stats.refinements += 1;
            let Some(v) = eval(g, &p, pm, bits) else {
                return Tri::Maybe;
            };
            if (strict && v.is_pos()) || (!strict && v.is_nonneg()) {
                return Tri::Yes;
            }
            if v.is_neg() || (strict && v.is_nonpos()) {
                return Tri::No;
            }
            let Some(w) = v.width() else {
                return Tri::Maybe;
            };
            if w.is_zero() {
                break; // exact and 0: more bits change nothing
            }
            // precision is not what keeps the enclosure wide (a parameter
            // interval is): stop refining
            if last
                .as_ref()
                .is_some_and(|l| &w * Q::from_integer(2.into()) > *l)
            {
                return Tri::Maybe;
            }
            last = Some(w);
        }
        // the enclosure keeps straddling 0, ever tighter: is g exactly 0?
        if self.exact_zero(g, n) {
            return if strict { Tri::No } else { Tri::Yes };
        }
        Tri::Maybe
    }

    /// Exact algebra: g(n) = 0 for every admissible parameter value.
    fn exact_zero(&mut self, g: &Expr, n: &Q) -> bool {
        self.stats.refinements += 1;
        let Some(at) = subst_var(g, &Expr::Num(n.clone())) else {
            return false;
        };
        if let Some(v) = eval(&at, &Interval::point(Q::one()), self.params, 64) {
            if v.as_point().is_some_and(|q| q.is_zero()) {
                return true;
            }
            if !v.contains_zero() {
                return false;
            }
        }
        crate::asymptotic::exact_zero_difference(&at, &Expr::int(0), self.pbox)
    }

    /// f at an end of the box: proved there, or that end is a candidate
    /// failure (f fails there for every parameter of the box).
    fn at_end(&mut self, x: &Q, b: &Box_) -> Verdict {
        let f = self.f.clone();
        match self.point(&f, x, &b.params, self.strict) {
            Tri::Yes => Verdict::Holds,
            Tri::No => Verdict::Candidate(x.clone(), b.params.clone()),
            Tri::Maybe => Verdict::Undecided,
        }
    }

    /// The box with every parameter in which f is monotone on the whole box
    /// (the enclosure of d f / d p has a sign) fixed at the closed end where
    /// f is least: f on the box is >= f on the reduced box, coordinate by
    /// coordinate (the box is a product, so each monotonicity holds for any
    /// values of the others).
    fn reduce(&mut self, b: &Box_, n: &Interval, bits: u32) -> Box_ {
        let mut params = b.params.clone();
        for (name, d) in self.dparams().iter() {
            let Some(iv) = b.params.get(name) else {
                continue;
            };
            if iv.as_point().is_some() {
                continue;
            }
            let Some(v) = eval(d, n, &b.params, bits) else {
                continue;
            };
            let end = if v.is_nonneg() {
                &iv.lo
            } else if v.is_nonpos() {
                &iv.hi
            } else {
                continue;
            };
            if let Some((q, true)) = end {
                params.insert(name.clone(), Interval::point(q.clone()));
            }
        }
        Box_ {
            lo: b.lo.clone(),
            hi: b.hi.clone(),
            params,
            depth: b.depth,
        }
    }

    /// Is the box proved? Else maybe a point where f fails.
    fn examine(&mut self, b: &Box_) -> Verdict {
        let n = Interval::closed(b.lo.clone(), b.hi.clone());
        let bits = box_bits(&b.lo, &b.hi);
        let reduced;
        let b = if self.dparams().is_empty() {
            b
        } else {
            reduced = self.reduce(b, &n, bits);
            &reduced
        };
        if eval(&self.f, &n, &b.params, bits).is_some_and(|v| self.ok(&v)) {
            return Verdict::Holds;
        }
        if b.lo >= b.hi {
            return Verdict::Undecided;
        }
        let Some(f1) = self.f1() else {
            return Verdict::Undecided;
        };
        let Some(d1) = eval(&f1, &n, &b.params, bits) else {
            return Verdict::Undecided;
        };
        if d1.is_nonneg() {
            return self.at_end(&b.lo, b);
        }
        if d1.is_nonpos() {
            return self.at_end(&b.hi, b);
        }
        let (Some(f2), Some(nf1)) = (self.f2(), self.neg_f1()) else {
            return Verdict::Undecided;
        };
        let Some(d2) = eval(&f2, &n, &b.params, bits) else {
            return Verdict::Undecided;
        };
        if d2.is_nonneg() {
            // f' non-decreasing
            if self.point(&f1, &b.lo, &b.params, false) == Tri::Yes {
                return self.at_end(&b.lo, b);
            }
            if self.point(&nf1, &b.hi, &b.params, false) == Tri::Yes {
                return self.at_end(&b.hi, b);
            }
            return Verdict::Undecided;
        }
        if d2.is_nonpos() {
            // f concave: its minimum on the box is at an end
            return match self.at_end(&b.lo, b) {
                Verdict::Holds => self.at_end(&b.hi, b),
                other => other,
            };
        }
        Verdict::Undecided
    }

    /// Does the relation fail at the exact point (n, values)? Verified by
    /// exact evaluation: f < 0 separated from 0, or (strict) f exactly 0.
    pub fn fails_at(&mut self, n: &Q, values: &BTreeMap<String, Q>, bits: u32) -> bool {
        self.stats.refinements += 1;
        match separate(&self.f, &Expr::int(0), n, values, bits) {
            Some(true) => true,
            Some(false) => false,
            None => {
                if !self.strict {
                    return false;
                }
                let mut g = Expr::clone(&self.f);
                for (k, v) in values {
                    g = g.subst_param(k, &Expr::Num(v.clone()));
                }
                let Some(at) = subst_var(&g, &Expr::Num(n.clone())) else {
                    return false;
                };
                // defined there (an enclosure exists) and exactly 0
                eval(&at, &Interval::point(Q::one()), &BTreeMap::new(), 64).is_some()
                    && crate::asymptotic::exact_zero_difference(
                        &at,
                        &Expr::int(0),
                        &ParamBox::default(),
                    )
            }
        }
    }

    /// An admissible parameter point inside the box `pm`.
    fn param_point(&self, pm: &BTreeMap<String, Interval>) -> Option<BTreeMap<String, Q>> {
        let mut out = BTreeMap::new();
        for (name, iv) in pm {
            let v = match (&iv.lo, &iv.hi) {
                (Some((a, _)), Some((b, _))) => {
                    let s = simplest(a, b);
                    if iv.contains(&s) {
                        s
                    } else {
                        (a + b) / int(2)
                    }
                }
                (Some((a, _)), None) => a + int(1),
                (None, Some((b, _))) => b - int(1),
                (None, None) => Q::zero(),
            };
            if !iv.contains(&v) || !self.pbox.get(name).is_none_or(|c| c.contains(&v)) {
                return None;
            }
            out.insert(name.clone(), v);
        }
        Some(out)
    }

    /// Prove f on [lo, hi] (every real n in it, every parameter of the box),
    /// or find a failing point. `right_first` examines boxes from the right,
    /// so that a failure comes with the proved range to its right.
    pub fn search(&mut self, lo: &Q, hi: &Q, right_first: bool) -> Found {
        let mut stack = vec![Box_ {
            lo: lo.clone(),
            hi: hi.max(lo).clone(),
            params: self.params.clone(),
            depth: 0,
        }];
        // The first box left undecided: the search goes on looking for a
        // failure elsewhere (right-first: only to its right), and answers
        // with this if it finds none.
        let mut undecided: Option<String> = None;
        // every evaluation below runs on this thread: the meter's difference
        // is this search's work
        let mut metered = crate::exact::eval::work();
        while let Some(b) = stack.pop() {
            let now = crate::exact::eval::work();
            let spent = now.saturating_sub(metered);
            self.stats.work = self.stats.work.saturating_add(spent);
            crate::claim_budget::spend_interval(spent);
            metered = now;
            self.stats.boxes += 1;
            if self.stats.boxes > self.budget {
                return Found::Unknown(undecided.unwrap_or_else(|| {
                    format!(
                        "interval search undecided near {} after {} boxes",
                        crate::ir::var_at(self.var, &approx(&b.lo)),
                        self.budget
                    )
                }));
            }
            if crate::claim_budget::interval_spent() {
                return Found::Unknown(undecided.unwrap_or_else(|| {
                    format!(
                        "interval search undecided near {} after {} boxes (the claim's interval work budget of {} units is spent)",
                        crate::ir::var_at(self.var, &approx(&b.lo)),
                        self.stats.boxes - 1,
                        crate::claim_budget::INTERVAL_WORK
                    )
                }));
            }
            if self.stats.work > WORK_BUDGET {
                return Found::Unknown(undecided.unwrap_or_else(|| {
                    format!(
                        "interval search undecided near {} after {} boxes (work budget of {} units spent)",
                        crate::ir::var_at(self.var, &approx(&b.lo)),
                        self.stats.boxes - 1,
                        WORK_BUDGET
                    )
                }));
            }
            let (probe, probe_box) = match self.examine(&b) {
                Verdict::Holds => continue,
                Verdict::Candidate(x, pb) => (x, pb),
                Verdict::Undecided => (b.lo.clone(), b.params.clone()),
            };
            // probe a point of the box for a failure
            if let Some(values) = self.param_point(&probe_box) {
                if self.fails_at(&probe, &values, PROBE_BITS) {
                    return Found::Fails {
                        witness: Witness {
                            n: probe,
                            params: values,
                        },
                        proved_from: b.hi.clone(),
                    };
                }
            }
            // A box whose closed left end is a point where f cannot be
            // evaluated even at the highest precision (all parameters
            // fixed) is never proved, however narrow: rather than bisect
            // towards that point, the box is split once, its left half left
            // undecided and its right half searched on (for a failure).
            let stuck = b.lo < b.hi
                && b.params.values().all(|v| v.as_point().is_some())
                && [64, POINT_BITS[POINT_BITS.len() - 1]].iter().all(|bits| {
                    eval(&self.f, &Interval::point(b.lo.clone()), &b.params, *bits).is_none()
                });
            let split_param = b.depth % 2 == 1 || b.lo >= b.hi;
            let children = match (split_param, split_params(&b)) {
                _ if stuck => {
                    if right_first {
                        // boxes to the left can no longer come with a proved
                        // range to their right
                        stack.clear();
                    }
                    if let Some([_, right]) = split_n(&b) {
                        stack.push(right);
                    }
                    None
                }
                (true, Some(c)) => Some(c),
                _ => split_n(&b).or_else(|| split_params(&b)),
            };
            let Some(children) = children else {
                let why = if stuck
                    || eval(&self.f, &Interval::point(b.lo.clone()), &b.params, 64).is_none()
                {
                    "the sides may be undefined"
                } else {
                    "the sides cannot be separated"
                };
                let why = format!("{why} at {}", crate::ir::var_at(self.var, &approx(&b.lo)));
                if right_first && !stuck {
                    return Found::Unknown(why);
                }
                undecided.get_or_insert(why);
                continue;
            };
            let [left, right] = children;
            if right_first {
                stack.push(left);
                stack.push(right);
            } else {
                stack.push(right);
                stack.push(left);
            }
        }
        match undecided {
            Some(why) => Found::Unknown(why),
            None => Found::Holds,
        }
    }
}

/// Precision for a box: more bits as it gets relatively narrower.
fn box_bits(lo: &Q, hi: &Q) -> u32 {
    let w = hi - lo;
    if w.is_zero() {
        return 128;
    }
    let scale = if lo.abs() > Q::one() {
        lo.abs()
    } else {
        Q::one()
    };
    let m = magnitude(&(w / scale));
    let extra = if m < 0 { m.unsigned_abs() } else { 0 };
    (64 + extra).min(1024) as u32
}

/// Split the variable's range: geometric while wide, then at integers, then
/// at dyadic midpoints.
fn split_n(b: &Box_) -> Option<[Box_; 2]> {
    if b.lo >= b.hi {
        return None;
    }
    // no narrower than 2^-MIN_WIDTH_LOG2 relative to max(|lo|, 1)
    let scale = if b.lo.abs() > Q::one() {
        b.lo.abs()
    } else {
        Q::one()
    };
    if magnitude(&((&b.hi - &b.lo) / scale)) < -MIN_WIDTH_LOG2 {
        return None;
    }
    let mut mid = (&b.lo + &b.hi) / int(2);
    if b.lo >= int(1) && b.hi > &b.lo * int(4) {
        let g = (b.lo.floor().to_integer() * b.hi.floor().to_integer()).sqrt();
        let g = Q::from_integer(g);
        if g > b.lo && g < b.hi {
            mid = g;
        }
    } else if &b.hi - &b.lo >= int(2) {
        mid = mid.floor();
    }
    if mid <= b.lo || mid >= b.hi {
        mid = (&b.lo + &b.hi) / int(2);
    }
    Some([
        Box_ {
            lo: b.lo.clone(),
            hi: mid.clone(),
            params: b.params.clone(),
            depth: b.depth + 1,
        },
        Box_ {
            lo: mid,
            hi: b.hi.clone(),
            params: b.params.clone(),
            depth: b.depth + 1,
        },
    ])
}

/// Split the widest bounded parameter interval at its midpoint (closed on
/// both halves, so together they cover it).
fn split_params(b: &Box_) -> Option<[Box_; 2]> {
    let (left, right) = crate::exact::eval::bisect(&b.params)?;
    let mk = |params| Box_ {
        lo: b.lo.clone(),
        hi: b.hi.clone(),
        params,
        depth: b.depth + 1,
    };
    Some([mk(left), mk(right)])
}

/// The rational with the least denominator in [a, b] (a <= b), by
/// continued fractions; the midpoint if that takes too long.
fn simplest(a: &Q, b: &Q) -> Q {
    let mut lo = a.clone();
    let mut hi = b.clone();
    // value = prefix terms folded back at the end: x = t0 + 1/(t1 + 1/(...))
    let mut terms: Vec<Q> = Vec::new();
    let mut found: Option<Q> = None;
    for _ in 0..64 {
        let fl = lo.floor();
        if fl == lo {
            found = Some(fl);
            break;
        }
        if &fl + Q::one() <= hi {
            found = Some(fl + Q::one());
            break;
        }
        // lo, hi in (fl, fl + 1): recurse on the reciprocals of the parts
        terms.push(fl.clone());
        let (x, y) = (&hi - &fl, &lo - &fl);
        lo = x.recip();
        hi = y.recip();
    }
    let Some(mut v) = found else {
        return (a + b) / int(2);
    };
    while let Some(t) = terms.pop() {
        v = t + v.recip();
    }
    v
}

/// A rational for a message: exact when short, else about 6 digits.
pub fn approx(q: &Q) -> String {
    super::fmt_num(q)
}
