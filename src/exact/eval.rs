//! Exact evaluation of an expression at a point by interval arithmetic.
//!
//! STUB: the `exact` branch implements these.

use super::Interval;
use crate::ir::{Expr, Q};
use std::collections::BTreeMap;

/// An enclosure of `e` with the variable in `n` and each parameter in its
/// interval, computed with `bits` of precision; `None` where the expression
/// may be undefined (log of a non-positive, division by an interval holding 0,
/// ...) or it mentions an unknown `fn`.
#[allow(unused_variables)]
pub fn eval(
    e: &Expr,
    n: &Interval,
    params: &BTreeMap<String, Interval>,
    bits: u32,
) -> Option<Interval> {
    todo!()
}

/// Enclosures of `a` and `b` at the exact point (n, params), refined (bits
/// doubling from 32 up to `max_bits`) until they are disjoint; `Some(true)`
/// if a < b, `Some(false)` if a > b, `None` if not separated (maybe equal).
#[allow(unused_variables)]
pub fn separate(
    a: &Expr,
    b: &Expr,
    n: &Q,
    params: &BTreeMap<String, Q>,
    max_bits: u32,
) -> Option<bool> {
    todo!()
}
