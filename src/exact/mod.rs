//! Exact numbers beyond the rationals: intervals with rational, outward-rounded
//! endpoints (open or closed, possibly infinite), rational enclosures of
//! `sqrt`, `log`, `exp` and `pi` refined to any precision, and exact point
//! evaluation of an expression by interval refinement. No floating-point value
//! is ever computed here.

pub mod enclose;
pub mod eval;
pub mod fx;
pub mod interval;
pub mod poly;
pub mod q;
mod round;
mod series;
pub mod value;

pub use interval::{Interval, Sign};
