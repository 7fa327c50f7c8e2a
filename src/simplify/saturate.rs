//! Equality saturation: egg's `Runner::run` loop (egg 0.11), step for
//! step, without the clock. An iteration checks the limits, runs the hook,
//! searches every rule (the scheduler decides which match), applies each
//! rule's matches with the node limit checked after each rule, rebuilds,
//! and stops as saturated when nothing changed. `Runner` reads the time
//! several times per rule (its time limit and its reports), a measurable
//! part of a whole run (docs/benchmarks.md); bnd never stops on time (a
//! result must not depend on the machine), so the loop here has no clock at
//! all. The searches, applications and stop reasons are the same as
//! `Runner`'s with an unreachable time limit.

use super::analysis::{BndAnalysis, BndGraph};
use super::lang::Bnd;
use egg::{Rewrite, RewriteScheduler, StopReason};

/// `egraph.rebuild()` with a clock that never moves. egg times every
/// rebuild with `quanta`, whose first read of the real clock in a process
/// calibrates the processor's counter in a busy loop (at least 500 rounds of
/// a microsecond, up to 200 ms on a noisy machine); bnd never reads the
/// time, so the rebuild's clock is a mock one and no calibration runs.
pub fn rebuild(egraph: &mut BndGraph) -> usize {
    thread_local! {
        static STILL: quanta::Clock = quanta::Clock::mock().0;
    }
    STILL.with(|clock| quanta::with_clock(clock, || egraph.rebuild()))
}

/// When saturation stops for want of budget.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Iterations.
    pub iterations: usize,
    /// E-nodes (`EGraph::total_size`): exceeding it stops the run.
    pub nodes: usize,
}

impl Limits {
    /// `Runner::check_limits` without the time: the node limit first, then
    /// the iteration count.
    fn check(&self, iteration: usize, egraph: &BndGraph) -> Result<(), StopReason> {
        let size = egraph.total_size();
        if size > self.nodes {
            return Err(StopReason::NodeLimit(size));
        }
        if iteration >= self.iterations {
            return Err(StopReason::IterationLimit(iteration));
        }
        Ok(())
    }
}

/// Saturates `egraph` with `rules` until a limit, the hook (an `Err` stops
/// the run with `StopReason::Other`) or saturation stops it; returns why,
/// and the number of iterations run (each searches every rule over the
/// whole e-graph, which the node limit bounds).
pub fn saturate(
    egraph: &mut BndGraph,
    rules: &[Rewrite<Bnd, BndAnalysis>],
    scheduler: &mut impl RewriteScheduler<Bnd, BndAnalysis>,
    limits: Limits,
    mut hook: impl FnMut(&BndGraph) -> Result<(), String>,
) -> (StopReason, u64) {
    rebuild(egraph);
    let mut iteration = 0;
    loop {
        let result = one_iteration(egraph, rules, scheduler, limits, &mut hook, iteration);
        iteration += 1;
        if let Some(stop) = result
            .err()
            .or_else(|| limits.check(iteration, egraph).err())
        {
            return (stop, iteration as u64);
        }
    }
}

/// `Runner::run_one`: one iteration `i`; `Err` is why the run stops.
fn one_iteration(
    egraph: &mut BndGraph,
    rules: &[Rewrite<Bnd, BndAnalysis>],
    scheduler: &mut impl RewriteScheduler<Bnd, BndAnalysis>,
    limits: Limits,
    hook: &mut impl FnMut(&BndGraph) -> Result<(), String>,
    i: usize,
) -> Result<(), StopReason> {
    let mut result = limits.check(i, egraph);
    let nodes = egraph.total_size();
    let classes = egraph.number_of_classes();
    result = result.and_then(|()| hook(egraph).map_err(StopReason::Other));
    let nodes_after_hook = egraph.total_size();
    let classes_after_hook = egraph.number_of_classes();
    // searching reads the e-graph only: every rule is searched against the
    // same e-graph, and no limit can change meanwhile
    let matches: Vec<_> = if result.is_ok() {
        rules
            .iter()
            .map(|rw| scheduler.search_rewrite(i, egraph, rw))
            .collect()
    } else {
        Vec::new()
    };
    let mut applied = false;
    if result.is_ok() {
        for (rw, ms) in rules.iter().zip(matches) {
            if scheduler.apply_rewrite(i, egraph, rw, ms) > 0 {
                applied = true;
            }
            result = limits.check(i, egraph);
            if result.is_err() {
                break;
            }
        }
    }
    rebuild(egraph);
    let saturated = !applied
        && scheduler.can_stop(i)
        && nodes == nodes_after_hook
        && classes == classes_after_hook
        && nodes == egraph.total_size()
        && classes == egraph.number_of_classes();
    if saturated {
        result = result.and(Err(StopReason::Saturated));
    }
    result
}
