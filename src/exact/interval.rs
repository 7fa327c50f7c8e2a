//! Intervals of the extended reals with exact rational endpoints.
//!
//! STUB: signatures fixed by the skeleton; the `exact` branch implements them.

use crate::ir::{Constraint, Q};

/// A strictly decided sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sign {
    Neg,
    Zero,
    Pos,
}

/// An interval of the reals: `lo`/`hi` are `None` for -oo/+oo, otherwise a
/// rational end and whether it is included (`true` = closed).
/// Invariant: a sound enclosure: the true value(s) lie inside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interval {
    pub lo: Option<(Q, bool)>,
    pub hi: Option<(Q, bool)>,
}

#[allow(unused_variables)]
impl Interval {
    /// The single point `q`.
    pub fn point(q: Q) -> Interval {
        Interval {
            lo: Some((q.clone(), true)),
            hi: Some((q, true)),
        }
    }
    /// The closed interval [a, b] (a <= b).
    pub fn closed(a: Q, b: Q) -> Interval {
        Interval {
            lo: Some((a, true)),
            hi: Some((b, true)),
        }
    }
    /// The whole real line.
    pub fn entire() -> Interval {
        Interval { lo: None, hi: None }
    }
    /// The admissible set of a parameter.
    pub fn from_constraint(c: &Constraint) -> Interval {
        todo!()
    }
    pub fn add(&self, o: &Interval) -> Interval {
        todo!()
    }
    pub fn sub(&self, o: &Interval) -> Interval {
        todo!()
    }
    pub fn neg(&self) -> Interval {
        todo!()
    }
    pub fn mul(&self, o: &Interval) -> Interval {
        todo!()
    }
    /// 1/x; `None` when the interval contains 0.
    pub fn recip(&self) -> Option<Interval> {
        todo!()
    }
    /// x/y; `None` when y contains 0.
    pub fn div(&self, o: &Interval) -> Option<Interval> {
        todo!()
    }
    /// x^k for an integer k (k < 0 needs 0 outside the interval, else `None`).
    pub fn powi(&self, k: i64) -> Option<Interval> {
        todo!()
    }
    /// x^q for a rational q with `bits` of precision for irrational endpoints;
    /// non-integer q needs x >= 0 (x > 0 if q < 0), else `None`.
    pub fn powq(&self, q: &Q, bits: u32) -> Option<Interval> {
        todo!()
    }
    /// sqrt(x); `None` unless x >= 0 on the whole interval.
    pub fn sqrt(&self, bits: u32) -> Option<Interval> {
        todo!()
    }
    /// log(x); `None` unless x > 0 on the whole interval.
    pub fn log(&self, bits: u32) -> Option<Interval> {
        todo!()
    }
    /// exp(x).
    pub fn exp(&self, bits: u32) -> Interval {
        todo!()
    }
    /// An enclosure of pi.
    pub fn pi(bits: u32) -> Interval {
        todo!()
    }
    pub fn abs(&self) -> Interval {
        todo!()
    }
    pub fn min(&self, o: &Interval) -> Interval {
        todo!()
    }
    pub fn max(&self, o: &Interval) -> Interval {
        todo!()
    }
    /// The sign of every point of the interval, when it is the same for all
    /// (`Zero` only for the point 0).
    pub fn sign(&self) -> Option<Sign> {
        todo!()
    }
    /// Every point > 0.
    pub fn is_pos(&self) -> bool {
        todo!()
    }
    /// Every point < 0.
    pub fn is_neg(&self) -> bool {
        todo!()
    }
    /// Every point >= 0.
    pub fn is_nonneg(&self) -> bool {
        todo!()
    }
    /// No common point with `o` (so two enclosed values differ).
    pub fn disjoint(&self, o: &Interval) -> bool {
        todo!()
    }
    /// Every point of self < every point of o.
    pub fn lt(&self, o: &Interval) -> bool {
        todo!()
    }
    /// Every point of self <= every point of o.
    pub fn le(&self, o: &Interval) -> bool {
        todo!()
    }
}
