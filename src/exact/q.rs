//! Exact rational arithmetic on the hot paths of interval evaluation, by
//! name: `add`, `mul` and `cmp` are `Q`'s operators (small operands in
//! machine words, big ones without `num_integer`'s binary-gcd worst case),
//! `reduce`, `dyadic` and `gcd` the big-integer helpers of
//! `crate::rational`, where the arithmetic lives.

use crate::ir::Q;
use std::cmp::Ordering;

pub use crate::rational::{dyadic, reduce};

/// a + b.
#[inline]
pub fn add(a: &Q, b: &Q) -> Q {
    a + b
}

/// a * b.
#[inline]
pub fn mul(a: &Q, b: &Q) -> Q {
    a * b
}

/// a compared with b.
#[inline]
pub fn cmp(a: &Q, b: &Q) -> Ordering {
    a.cmp(b)
}
