//! The asymptotic engine: expansions of power–log functions as n -> +oo,
//! exact coefficients (with parameters and constants such as `log 2`,
//! `sqrt(2)`, `pi`) and the decisions built on them: O, o, Theta, Omega,
//! omega, ~, limits and "eventually" inequalities. Exact arithmetic only.
//!
//! STUB: the `asymptotic` branch implements this module.

use crate::ir::{ClaimKind, Decision, Expr, ParamBox};

/// Decide a Landau, `~`, `lim` or `eventually` claim. Other kinds (and every
/// case the engine cannot settle) answer `unknown` with the reason.
/// `var` is the variable's display name for reasons.
#[allow(unused_variables)]
pub fn decide(kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
    Decision::unknown("asymptotic engine not built yet")
}

/// The asymptotic expansion of `e` as text, e.g.
/// `n^(1/2) + 1/2*n^(-1/2) + O(n^(-3/2))`, or why it could not be computed.
#[allow(unused_variables)]
pub fn describe(e: &Expr, params: &ParamBox, var: &str) -> String {
    String::from("(no expansion yet)")
}
