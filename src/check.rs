//! A program's items -> results, as data. Runs every claim and `show` of a
//! lowered program on the worker pool (rayon; claims through
//! `decide::decide_claim_certified`, shows through `decide::show`) and puts
//! the results back in source order; a [`Run`] holds the results of every
//! checked file and their counts. Prints nothing.

use crate::cases;
use crate::decide::decide_claim_certified;
use crate::decide::show::{show_certified, show_fns, show_optimum, show_value, show_when};
use crate::ir::{Claim, Decision, Item, Program, Show, ShowKind, Verdict};
use crate::pool::in_order;
use crate::validate::Loaded;
use serde::Serialize;
use std::collections::BTreeMap;

/// The outcome of one claim.
#[derive(Clone, Debug)]
pub struct ClaimResult {
    pub claim: Claim,
    /// The decision as the engines gave it: its typed reason (the full
    /// marked-up derivation, or the cause of an `unknown`) and its evidence
    /// (the certificate of a proved `for n >= N` claim, a counterexample,
    /// a witness).
    pub decision: Decision,
    /// The reason on one line, as printed.
    pub line: String,
    /// The reason as a multi-line derivation (`--explain`).
    pub derivation: Vec<String>,
    /// The evidence named by the reason (leading terms, witnesses, ...).
    pub evidence: BTreeMap<String, Vec<String>>,
}

impl ClaimResult {
    /// Did the claim pass (`check` proved, or `refute` refuted)?
    pub fn passed(&self) -> bool {
        match self.claim.command {
            crate::ir::Command::Check => self.decision.verdict == Verdict::Proved,
            crate::ir::Command::Refute => self.decision.verdict == Verdict::Refuted,
        }
    }
}

/// The outcome of one `show`.
#[derive(Clone, Debug)]
pub struct ShowResult {
    pub show: Show,
    pub result: String,
    /// The certified numbers of a `show crossover` (`None`: none exists or
    /// none was certified; the result text says which).
    pub crossover: Option<crate::threshold::Crossover>,
    /// The value of a `show EXPR at n = N`, when it could be computed.
    pub value: Option<Box<crate::exact::value::Value>>,
    /// The regions of a `show when` (one region without a name when the
    /// claim was decided over the whole box; empty for other shows).
    pub regions: Vec<cases::Region>,
}

#[derive(Clone, Debug)]
pub enum ItemResult {
    Claim(ClaimResult),
    Show(ShowResult),
}

/// Decide every claim and evaluate every show of a program. Items are
/// independent, so they are spread over the worker pool; results are in
/// source order, so the output does not depend on scheduling.
pub fn check_program(p: &Program) -> Vec<ItemResult> {
    let run = |it: &Item| match it {
        Item::Claim(c) => {
            let decision = decide_claim_certified(c, &p.var);
            let done = crate::reason::finish(&decision.reason.to_string());
            ItemResult::Claim(ClaimResult {
                claim: c.clone(),
                decision,
                line: done.line,
                derivation: done.derivation,
                evidence: done.evidence,
            })
        }
        Item::Show(s) => {
            let mut regions = Vec::new();
            let (result, crossover, value) = match &s.kind {
                ShowKind::Expr(e) if e.has_opt() => {
                    (show_optimum(e, &s.params, &p.var), None, None)
                }
                ShowKind::Expr(e) if e.has_fn() => {
                    (show_fns(e, &p.hypotheses, &s.params, &p.var), None, None)
                }
                ShowKind::Value { expr, at } => {
                    let (text, value) = show_value(expr, at, &p.var);
                    (text, None, value)
                }
                ShowKind::When(kind) => {
                    let (text, r) = show_when(kind, &s.params, &p.var);
                    regions = r;
                    (text, None, None)
                }
                _ => {
                    let (text, crossover) = show_certified(s, &p.var);
                    (text, crossover, None)
                }
            };
            ItemResult::Show(ShowResult {
                show: s.clone(),
                result: crate::reason::plain(&result),
                crossover,
                value: value.map(Box::new),
                regions,
            })
        }
    };
    in_order(&p.items, run)
}

/// Everything known about one checked file.
pub(crate) struct FileResult {
    /// The file name as given (or as found below a given folder).
    pub path: String,
    pub loaded: Loaded,
    /// One result per claim and show, in source order.
    pub results: Vec<ItemResult>,
}

/// Counts over all files.
#[derive(Serialize, Default, Debug, Clone, Copy)]
pub(crate) struct Summary {
    pub claims: usize,
    pub passed: usize,
    pub failed: usize,
    pub unknown: usize,
    pub errors: usize,
}

/// The checked files, in the order they were given, and their counts.
pub(crate) struct Run {
    pub files: Vec<FileResult>,
    pub summary: Summary,
}

impl Run {
    pub(crate) fn new(files: Vec<FileResult>) -> Run {
        let summary = summarize(&files);
        Run { files, summary }
    }

    /// 2 when some input could not be checked, else 1 when some claim
    /// failed or is unknown, else 0.
    pub fn exit_code(&self) -> u8 {
        let s = &self.summary;
        if s.errors > 0 {
            2
        } else if s.failed > 0 || s.unknown > 0 {
            1
        } else {
            0
        }
    }
}

fn summarize(files: &[FileResult]) -> Summary {
    let mut s = Summary::default();
    for r in files {
        s.errors += r.loaded.diagnostics.len();
        for it in &r.results {
            if let ItemResult::Claim(c) = it {
                s.claims += 1;
                if c.passed() {
                    s.passed += 1;
                } else if c.decision.verdict == Verdict::Unknown {
                    s.unknown += 1;
                } else {
                    s.failed += 1;
                }
            }
        }
    }
    s
}
