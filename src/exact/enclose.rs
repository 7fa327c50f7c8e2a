//! Rational enclosures of transcendental values: for a rational x and a
//! precision in bits, rationals lo <= f(x) <= hi with hi - lo <= 2^-bits
//! (relative to the magnitude where appropriate).
//!
//! STUB: the `exact` branch implements these.

use crate::ir::Q;

/// lo <= log(x) <= hi, x > 0 (`None` otherwise).
#[allow(unused_variables)]
pub fn log(x: &Q, bits: u32) -> Option<(Q, Q)> {
    todo!()
}
/// lo <= exp(x) <= hi.
#[allow(unused_variables)]
pub fn exp(x: &Q, bits: u32) -> (Q, Q) {
    todo!()
}
/// lo <= x^(1/k) <= hi, x >= 0, k >= 1 (`None` otherwise).
#[allow(unused_variables)]
pub fn root(x: &Q, k: u32, bits: u32) -> Option<(Q, Q)> {
    todo!()
}
/// lo <= pi <= hi.
#[allow(unused_variables)]
pub fn pi(bits: u32) -> (Q, Q) {
    todo!()
}
