//! Budgets that span one claim. A single equality proof or interval search
//! has budgets of its own, but a claim may run many (its `fn` refutation
//! search tries a candidate model after another, each with an `==` or a
//! `for n >= N` question of its own), so the claim has a total too: the
//! iterations of equality saturation (`simplify`) and the units of interval
//! work (`exact::eval::work`) of its interval searches (`threshold`). Once
//! one is spent, the claim's further proofs or searches of that kind answer
//! "not shown" / `unknown` at once, saying so.
//!
//! The budgets live on the thread that decides the claim ([`scope`], from
//! `decide::decide_claim_certified`; a claim decided inside another shares
//! the outer budgets). Every step of a claim runs on that thread, in the
//! same order on every run, and nothing a budget cuts is kept in a run-wide
//! memo, so what it cuts does not depend on which claims ran before or on
//! which thread. Outside a claim (lowering's questions, `show`, `plot`)
//! nothing is counted.

use std::cell::Cell;

/// Iterations of equality saturation one claim's equality proofs may run in
/// all (three whole proofs).
pub const SATURATION_ITERATIONS: u64 = crate::limits::LIMITS.claim_egraph_iterations;
/// Units of interval work one claim's interval searches may spend in all
/// (four whole searches).
pub const INTERVAL_WORK: u64 = crate::limits::LIMITS.claim_interval_work;

thread_local! {
    /// Saturation iterations left to the claim decided on this thread.
    static SATURATION_LEFT: Cell<Option<u64>> = const { Cell::new(None) };
    /// Interval work left to the claim decided on this thread.
    static INTERVAL_LEFT: Cell<Option<u64>> = const { Cell::new(None) };
}

/// Runs `f`, the decision of one claim, with the claim budgets; inside
/// another claim's scope, `f` shares that one's budgets.
pub fn scope<T>(f: impl FnOnce() -> T) -> T {
    scope_of(SATURATION_ITERATIONS, INTERVAL_WORK, f)
}

/// [`scope`] with budgets of `saturation` iterations and `interval` units.
pub fn scope_of<T>(saturation: u64, interval: u64, f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            SATURATION_LEFT.with(|c| c.set(None));
            INTERVAL_LEFT.with(|c| c.set(None));
        }
    }
    if SATURATION_LEFT.with(Cell::get).is_some() {
        return f();
    }
    SATURATION_LEFT.with(|c| c.set(Some(saturation)));
    INTERVAL_LEFT.with(|c| c.set(Some(interval)));
    let _reset = Reset;
    f()
}

/// Is the claim's saturation budget spent? (`false` outside a claim.)
pub fn saturation_spent() -> bool {
    SATURATION_LEFT.with(Cell::get) == Some(0)
}

/// Counts `iterations` of saturation against the claim's budget.
pub fn spend_saturation(iterations: u64) {
    SATURATION_LEFT.with(|c| c.set(c.get().map(|left| left.saturating_sub(iterations))));
}

/// Is the claim's interval work spent? (`false` outside a claim.)
pub fn interval_spent() -> bool {
    INTERVAL_LEFT.with(Cell::get) == Some(0)
}

/// Counts `units` of interval work against the claim's budget.
pub fn spend_interval(units: u64) {
    INTERVAL_LEFT.with(|c| c.set(c.get().map(|left| left.saturating_sub(units))));
}
