//! The value of an expression at one point, for `show EXPR at n = N`: exact
//! where it is rational, otherwise an exact rational enclosure refined until
//! its 7-significant-digit decimal is settled (both ends round to the same
//! text, so the text is the correctly rounded value). The decimal printer of
//! rationals used in every message lives here too.

use crate::exact::eval::eval_point;
use crate::ir::{Expr, Q};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};
use std::collections::BTreeMap;

/// Precisions (bits) tried, in order, when refining an enclosure.
const BITS: [u32; 6] = [64, 128, 256, 512, 1024, 2048];

/// A value at a point: `lower = upper` when exact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    pub lower: Q,
    pub upper: Q,
    /// 7 significant digits (`1.414214`), or both ends when precision ran
    /// out before they agreed.
    pub text: String,
}

impl Value {
    pub fn is_exact(&self) -> bool {
        self.lower == self.upper
    }
}

/// The closed rational ends of an enclosure, if both are finite.
fn ends(e: &Expr, n: &Q, params: &BTreeMap<String, Q>, bits: u32) -> Option<(Q, Q)> {
    let iv = eval_point(e, n, params, bits)?;
    Some((iv.lo?.0, iv.hi?.0))
}

/// The exact rational a constant expression denotes (`10^6`, `1/20`), if it
/// is one.
pub fn rational(e: &Expr) -> Option<Q> {
    let (lo, hi) = ends(e, &Q::from_integer(BigInt::from(1)), &BTreeMap::new(), 64)?;
    (lo == hi).then_some(lo)
}

/// The value of `e` at the variable `n` and the parameter values `params`;
/// `None` when it is undefined there or cannot be enclosed (a value too
/// close to a point where it is undefined).
pub fn value_at(e: &Expr, n: &Q, params: &BTreeMap<String, Q>) -> Option<Value> {
    let mut last = None;
    for bits in BITS {
        let Some((lo, hi)) = ends(e, n, params, bits) else {
            continue;
        };
        if lo == hi {
            let text = decimal(&lo);
            return Some(Value {
                lower: lo,
                upper: hi,
                text,
            });
        }
        let (a, b) = (decimal(&lo), decimal(&hi));
        if a == b {
            return Some(Value {
                lower: lo,
                upper: hi,
                text: a,
            });
        }
        last = Some((lo, hi, format!("{a} .. {b}")));
    }
    last.map(|(lower, upper, text)| Value { lower, upper, text })
}

/// Decimal text of q with 7 significant digits (rounded half up), exact
/// integer arithmetic only: plain for exponents -4..=15 (`0.1000008`,
/// `33034.56`), else scientific (`1.234568e20`).
pub fn decimal(q: &Q) -> String {
    if q.is_zero() {
        return "0".into();
    }
    let neg = q.is_negative();
    let a = q.abs();
    // find e with 10^e <= a < 10^(e+1), from bit lengths (log10 2 is
    // 0.30103 to within 5e-9, so the first guess is within 2 of e)
    let bits = a.numer_bits() as i128 - a.denom_bits() as i128;
    let mut e = i64::try_from(bits * 30103 / 100_000).unwrap_or(0);
    let ten = BigInt::from(10);
    let pow10 = |k: i64| -> BigInt { num_traits::pow(ten.clone(), k.unsigned_abs() as usize) };
    // a compared with 10^k, in integers: p vs q*10^k, or p*10^-k vs q
    let cmp10 = |k: i64| -> std::cmp::Ordering {
        if k >= 0 {
            a.numer().cmp(&(a.denom() * pow10(k)))
        } else {
            (a.numer() * pow10(k)).cmp(&a.denom())
        }
    };
    for _ in 0..8 {
        if cmp10(e).is_lt() {
            e -= 1;
        } else if cmp10(e + 1).is_ge() {
            e += 1;
        } else {
            break;
        }
    }
    // floor(a / 10^(e-6) + 1/2), in integers
    let k = e - 6;
    let two = BigInt::from(2);
    let mant = if k >= 0 {
        let den = a.denom() * pow10(k);
        (&two * a.numer() + &den).div_floor(&(&two * den))
    } else {
        (&two * a.numer() * pow10(k) + a.denom()).div_floor(&(&two * a.denom()))
    };
    let mut mant = mant.to_string();
    if mant.len() > 7 {
        // rounded up to the next power of ten
        e += 1;
        mant.truncate(7);
    }
    let (head, tail) = mant.split_at(1.min(mant.len()));
    let tail = tail.trim_end_matches('0');
    let body = if tail.is_empty() {
        head.to_string()
    } else {
        format!("{head}.{tail}")
    };
    let sign = if neg { "-" } else { "" };
    if (-4..=15).contains(&e) {
        // plain decimal
        let digits = mant;
        let s = if e >= 6 {
            format!("{digits}{}", "0".repeat((e - 6) as usize))
        } else if e >= 0 {
            let (i, f) = digits.split_at((e + 1) as usize);
            let f = f.trim_end_matches('0');
            if f.is_empty() {
                i.to_string()
            } else {
                format!("{i}.{f}")
            }
        } else {
            let f = format!("{}{}", "0".repeat((-e - 1) as usize), digits);
            format!("0.{}", f.trim_end_matches('0'))
        };
        return format!("{sign}{s}");
    }
    format!("{sign}{body}e{e}")
}
