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
//!
//! The searches are `matcher`'s (egg's matches, in egg's order, for less
//! work: one view of the e-graph per iteration, one walk over the classes
//! of each root operator for all the rules that start with it), so the
//! scheduler is `Backoff`, egg's `BackoffScheduler` decision for decision
//! (the same limits, bans and stops), which hands the search limit out and
//! takes the match count back instead of searching itself. Applications
//! are egg's (`Rewrite::apply`), rule by rule in table order.

use super::analysis::BndGraph;
use super::matcher::{search_all, View};
use super::rules::Table;
use egg::StopReason;

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

/// Saturates `egraph` with the rules of `table` until a limit, the hook
/// (an `Err` stops the run with `StopReason::Other`) or saturation stops
/// it; returns why, and the number of iterations run (each searches every
/// rule over the whole e-graph, which the node limit bounds).
pub fn saturate(
    egraph: &mut BndGraph,
    table: &Table,
    scheduler: &mut Backoff,
    limits: Limits,
    mut hook: impl FnMut(&BndGraph) -> Result<(), String>,
) -> (StopReason, u64) {
    rebuild(egraph);
    let mut iteration = 0;
    loop {
        let result = one_iteration(egraph, table, scheduler, limits, &mut hook, iteration);
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
    table: &Table,
    scheduler: &mut Backoff,
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
    // same e-graph (one `View` of it), and no limit can change meanwhile
    let matches: Vec<_> = if result.is_ok() {
        let view = View::new(egraph);
        let thresholds: Vec<Option<usize>> = (0..table.rules.len())
            .map(|k| scheduler.threshold(i, k))
            .collect();
        // a search asks for one match more than the threshold
        let limits: Vec<Option<usize>> = thresholds
            .iter()
            .map(|t| t.map(|t| t.saturating_add(1)))
            .collect();
        let found = search_all(&table.programs, &view, &limits);
        found
            .into_iter()
            .zip(thresholds)
            .enumerate()
            .map(|(k, (found, threshold))| {
                let Some(threshold) = threshold else {
                    return Vec::new();
                };
                let total: usize = found.iter().map(|m| m.substs.len()).sum();
                if scheduler.record(i, k, threshold, total) {
                    found
                } else {
                    Vec::new()
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut applied = false;
    if result.is_ok() {
        for (rw, ms) in table.rules.iter().zip(matches) {
            // `Rewrite::apply`, which egg's scheduler calls (without
            // matches it changes nothing)
            if !ms.is_empty() && !rw.apply(egraph, &ms).is_empty() {
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

/// One rule's state in the scheduler (egg's `RuleStats`).
#[derive(Clone, Copy, Debug)]
struct RuleStats {
    banned_until: usize,
    times_banned: u32,
    match_limit: usize,
    ban_length: usize,
}

/// egg 0.11's `BackoffScheduler`, decision for decision: a rule whose
/// search finds more than its threshold (its match limit doubled at each
/// earlier ban) is banned for its ban length (doubled likewise) and its
/// matches of that iteration are dropped; a saturated-looking iteration
/// with banned rules cannot stop, and fast-forwards the bans to the first
/// unban. Rules are known by their index in the table (egg knows them by
/// name; the names of a table are unique). It hands the search limit out
/// and takes the count back, so that the search is `matcher`'s.
#[derive(Clone, Debug)]
pub struct Backoff {
    match_limit: usize,
    ban_length: usize,
    /// Per-rule match limits, by rule name, replacing `match_limit`.
    rule_limits: Vec<(egg::Symbol, usize)>,
    /// By rule index; `None` until the rule is first searched.
    stats: Vec<Option<RuleStats>>,
    names: Vec<egg::Symbol>,
}

impl Backoff {
    /// egg's defaults (match limit 1000, ban length 5) for the rules of `table`.
    pub fn new(table: &Table) -> Backoff {
        Backoff {
            match_limit: 1_000,
            ban_length: 5,
            rule_limits: Vec::new(),
            stats: vec![None; table.rules.len()],
            names: table.rules.iter().map(|r| r.name).collect(),
        }
    }

    /// `BackoffScheduler::with_initial_match_limit`.
    pub fn with_initial_match_limit(mut self, limit: usize) -> Backoff {
        self.match_limit = limit;
        self
    }

    /// `BackoffScheduler::rule_match_limit`.
    pub fn rule_match_limit(mut self, name: &str, limit: usize) -> Backoff {
        self.rule_limits.push((egg::Symbol::from(name), limit));
        self
    }

    fn stats(&mut self, rule: usize) -> &mut RuleStats {
        let name = self.names[rule];
        let match_limit = self
            .rule_limits
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map_or(self.match_limit, |&(_, l)| l);
        let ban_length = self.ban_length;
        self.stats[rule].get_or_insert(RuleStats {
            banned_until: 0,
            times_banned: 0,
            match_limit,
            ban_length,
        })
    }

    /// The most matches `rule` may have in iteration `i` (a search asks for
    /// one more), or `None` when it is banned.
    fn threshold(&mut self, i: usize, rule: usize) -> Option<usize> {
        let stats = self.stats(rule);
        if i < stats.banned_until {
            return None;
        }
        Some(
            stats
                .match_limit
                .checked_shl(stats.times_banned)
                .expect("match limit shifted out of range"),
        )
    }

    /// Records that `rule`'s search found `total` matches against
    /// `threshold`; `false` (its matches are dropped) when that bans it.
    fn record(&mut self, i: usize, rule: usize, threshold: usize, total: usize) -> bool {
        let stats = self.stats(rule);
        if total > threshold {
            let ban_length = stats.ban_length << stats.times_banned;
            stats.times_banned += 1;
            stats.banned_until = i + ban_length;
            false
        } else {
            true
        }
    }

    /// `BackoffScheduler::can_stop`.
    fn can_stop(&mut self, iteration: usize) -> bool {
        let banned = self
            .stats
            .iter()
            .flatten()
            .filter(|s| s.banned_until > iteration);
        let Some(min_ban) = banned.map(|s| s.banned_until).min() else {
            return true;
        };
        let delta = min_ban - iteration;
        for s in self.stats.iter_mut().flatten() {
            if s.banned_until > iteration {
                s.banned_until -= delta;
            }
        }
        false
    }
}
