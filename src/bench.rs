//! Support for the benchmark (`cargo bench`): decides every claim of a file
//! in-process and measures each one. Timings never reach a report; only the
//! benchmark prints them.

use crate::decide::decide_claim;
use crate::ir::Item;
use crate::validate::{load_file, load_source};
use std::time::{Duration, Instant};

/// One claim's cost: `file:line:column claim` and the median of `reps` runs.
pub struct ClaimTiming {
    pub claim: String,
    pub verdict: &'static str,
    pub median: Duration,
}

/// Loads `path` and decides each of its claims `reps` times.
pub fn time_claims(path: &str, reps: usize) -> Vec<ClaimTiming> {
    time_loaded(path, load_file(path), reps)
}

/// Decides each claim of the source text `src` (named `name`) `reps` times:
/// for generated families such as exp(exp(...exp(n))) of growing depth.
pub fn time_source(name: &str, src: &str, reps: usize) -> Vec<ClaimTiming> {
    time_loaded(name, load_source(name, src), reps)
}

fn time_loaded(path: &str, loaded: crate::validate::Loaded, reps: usize) -> Vec<ClaimTiming> {
    let Some(p) = loaded.program else {
        return vec![];
    };
    let mut out = Vec::new();
    for it in &p.items {
        if let Item::Claim(c) = it {
            let mut times = Vec::with_capacity(reps);
            let mut verdict = "unknown";
            for _ in 0..reps.max(1) {
                let t = Instant::now();
                let d = decide_claim(c, &p.var);
                times.push(t.elapsed());
                verdict = d.verdict.name();
            }
            times.sort();
            out.push(ClaimTiming {
                claim: format!("{}:{}:{} {}", path, c.pos.line, c.pos.column, c.text),
                verdict,
                median: times[times.len() / 2],
            });
        }
    }
    out
}

/// One `show crossover`'s cost and the work behind its certificate.
pub struct CrossoverTiming {
    /// `file:line:column text`.
    pub show: String,
    /// The least integer threshold, when one was certified.
    pub integer: Option<String>,
    /// Boxes of the interval search and point refinements.
    pub boxes: usize,
    pub refinements: usize,
    pub median: Duration,
}

/// Loads `name` (from `text`, or from disk when `text` is `None`) and runs
/// each of its `show crossover`s `reps` times.
pub fn time_crossovers(name: &str, text: Option<&str>, reps: usize) -> Vec<CrossoverTiming> {
    let loaded = match text {
        Some(t) => crate::validate::load_source(name, t),
        None => load_file(name),
    };
    let Some(p) = loaded.program else {
        return vec![];
    };
    let mut out = Vec::new();
    for it in &p.items {
        let Item::Show(s) = it else {
            continue;
        };
        if !matches!(s.kind, crate::ir::ShowKind::Crossover { .. }) {
            continue;
        }
        let mut times = Vec::with_capacity(reps);
        let mut last = None;
        for _ in 0..reps.max(1) {
            let t = Instant::now();
            let (_, c) = crate::decide::show::show_certified(s, &p.var);
            times.push(t.elapsed());
            last = c;
        }
        times.sort();
        out.push(CrossoverTiming {
            show: format!("{}:{}:{} {}", name, s.pos.line, s.pos.column, s.text),
            integer: last.as_ref().map(|c| c.integer.to_string()),
            boxes: last.as_ref().map_or(0, |c| c.certificate.boxes),
            refinements: last.as_ref().map_or(0, |c| c.certificate.refinements),
            median: times[times.len() / 2],
        });
    }
    out
}
