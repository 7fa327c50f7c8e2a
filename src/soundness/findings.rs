//! What the quantifier classes of the soundness tests share: running one
//! generated `.bnd` source through the real front end and checker (so
//! hypotheses, parameters and errors are handled exactly as for users),
//! reading witnesses out of reasons, and the tally of verdicts and
//! contradictions, printed grouped by class with the shortest example of
//! each.

use super::judge::{Models, Params};
use crate::check::{check_program, ItemResult};
use crate::ir::{ClaimKind, Expr, ParamBox, Program, Verdict, Q};
use num_bigint::BigInt;
use std::collections::BTreeMap;

/// One generated file, checked.
pub struct Ran {
    pub program: Option<Program>,
    /// Every diagnostic's message.
    pub errors: Vec<String>,
    /// (claim text, lowered kind, verdict, reason), in source order.
    pub claims: Vec<(String, Result<ClaimKind, String>, Verdict, String)>,
}

/// Lowers and checks `src` as a user's file would be.
pub fn run(src: &str) -> Ran {
    let loaded = crate::validate::load_source("soundness.bnd", src);
    let results = match &loaded.program {
        Some(p) => check_program(p),
        None => vec![],
    };
    let claims = results
        .into_iter()
        .filter_map(|r| match r {
            ItemResult::Claim(c) => Some((
                c.claim.text.clone(),
                c.claim.kind.clone(),
                c.decision.verdict,
                c.line,
            )),
            ItemResult::Show(_) => None,
        })
        .collect();
    Ran {
        program: loaded.program,
        errors: loaded
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect(),
        claims,
    }
}

/// Lowers a `fn`-free expression written in the language (a model, a
/// witness printed by the checker).
pub fn expr(text: &str) -> Option<Expr> {
    crate::validate::lower_expr(text, "n", &ParamBox::default()).ok()
}

/// An exact rational written `p`, `p/q`, `-p/q`.
pub fn rational(text: &str) -> Option<Q> {
    let text = text.trim();
    match text.split_once('/') {
        Some((p, d)) => {
            let d = d.trim().parse::<BigInt>().ok()?;
            let p = p.trim().parse::<BigInt>().ok()?;
            (d != BigInt::from(0)).then(|| Q::new(p, d))
        }
        None => Some(Q::from_integer(text.parse::<BigInt>().ok()?)),
    }
}

/// The `fn` witness of a refutation, `with G = e1, H = e2 (which satisfy
/// every hypothesis): ...`, parsed back; `None` when the reason names no
/// such witness or shortened it (`...`).
pub fn fn_witness(reason: &str, fns: &[String]) -> Option<Models> {
    let start = reason.find("with ")?;
    let rest = &reason[start + 5..];
    let end = rest.find(" (which satisf")?;
    let list = &rest[..end];
    if list.contains("...") {
        return None;
    }
    // split at ", NAME = " for the declared names
    let mut cuts: Vec<(usize, &str)> = Vec::new();
    for g in fns {
        let head = format!("{g} = ");
        if list.starts_with(&head) {
            cuts.push((0, g));
        }
        let mid = format!(", {g} = ");
        let mut from = 0;
        while let Some(i) = list[from..].find(&mid) {
            cuts.push((from + i + 2, g));
            from += i + 1;
        }
    }
    cuts.sort();
    cuts.dedup_by(|a, b| a.0 == b.0);
    let mut out = Models::new();
    for (k, (at, g)) in cuts.iter().enumerate() {
        let body_start = at + g.len() + 3;
        let body_end = cuts.get(k + 1).map_or(list.len(), |(next, _)| next - 2);
        let text = list.get(body_start..body_end)?;
        out.insert(g.to_string(), expr(text)?);
    }
    (!out.is_empty()).then_some(out)
}

/// The parameter values a refutation names: `fails for a = 1, b = 1/2:`,
/// or `differ at n = 2, a = 1/2:` (the variable skipped).
pub fn param_witness(reason: &str) -> Option<Params> {
    let list = if let Some(rest) = reason.strip_prefix("fails for ") {
        rest.split_once(": ")?.0.to_string()
    } else {
        let i = reason.find("differ at ")?;
        let rest = &reason[i + 10..];
        let (list, _) = rest.split_once(": ")?;
        let mut parts: Vec<&str> = list.split(", ").collect();
        if parts.first().is_some_and(|p| p.starts_with("n = ")) {
            parts.remove(0);
        }
        if parts.is_empty() {
            return None;
        }
        parts.join(", ")
    };
    let mut out = Params::new();
    for pair in list.split(", ") {
        let (name, value) = pair.split_once(" = ")?;
        out.insert(name.trim().to_string(), rational(value)?);
    }
    Some(out)
}

/// One contradiction between a verdict and the referee.
#[derive(Clone, Debug)]
pub struct Finding {
    pub class: &'static str,
    pub file: String,
    pub claim: String,
    pub verdict: Verdict,
    pub reason: String,
    /// The choice that breaks the verdict (models, parameter values).
    pub breaker: String,
    /// The referee's evidence.
    pub why: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "[{}] `{}` was {}",
            self.class,
            self.claim,
            self.verdict.name()
        )?;
        writeln!(f, "  checker's reason: {}", self.reason)?;
        writeln!(f, "  broken by: {}", self.breaker)?;
        writeln!(f, "  referee: {}", self.why)?;
        writeln!(f, "  file:")?;
        for line in self.file.lines() {
            writeln!(f, "    | {line}")?;
        }
        Ok(())
    }
}

/// Verdicts and contradictions of one class of generated claims.
#[derive(Default, Debug)]
pub struct Tally {
    pub claims: usize,
    pub verdicts: BTreeMap<&'static str, [usize; 3]>,
    /// Verdicts that could not be judged (the referee inconclusive for
    /// every choice).
    pub inconclusive: usize,
    pub findings: Vec<Finding>,
    /// Problems of the harness itself (a model that fails a hypothesis it
    /// was built to satisfy, a generated file that does not parse): these
    /// fail the test too, so the harness cannot hide contradictions.
    pub harness: Vec<String>,
    /// Time spent in the checker (lowering and deciding).
    pub checker_time: std::time::Duration,
    /// The file the checker spent longest on, and that time (a
    /// measurement printed for the budgets' calibration, never asserted:
    /// every claim should be decided within a second of CPU).
    pub slowest: Option<(std::time::Duration, String)>,
}

impl Tally {
    /// [`run`], timed: the time is added to `checker_time` and the file
    /// kept when it is the slowest so far.
    pub fn timed_run(&mut self, src: &str) -> Ran {
        let clock = std::time::Instant::now();
        let ran = run(src);
        let took = clock.elapsed();
        self.checker_time += took;
        if self.slowest.as_ref().is_none_or(|(t, _)| took > *t) {
            self.slowest = Some((took, src.to_string()));
        }
        ran
    }

    pub fn count(&mut self, kind: &'static str, v: Verdict) {
        self.claims += 1;
        let slot = match v {
            Verdict::Proved => 0,
            Verdict::Refuted => 1,
            Verdict::Unknown => 2,
        };
        self.verdicts.entry(kind).or_default()[slot] += 1;
    }

    /// Prints the counts, then the contradictions grouped by class (every
    /// one in full up to `FULL`, then the shortest example of each class).
    pub fn print(&self, name: &str) {
        const FULL: usize = 30;
        let (mut p, mut r, mut u) = (0, 0, 0);
        for [a, b, c] in self.verdicts.values() {
            p += a;
            r += b;
            u += c;
        }
        eprintln!(
            "{name}: {} claims: {p} proved, {r} refuted, {u} unknown; {} verdicts inconclusive for the referee; {} contradictions; {} harness problems; {:.1?} in the checker",
            self.claims,
            self.inconclusive,
            self.findings.len(),
            self.harness.len(),
            self.checker_time
        );
        for (kind, [a, b, c]) in &self.verdicts {
            eprintln!("  {kind:>12}: {a} proved, {b} refuted, {c} unknown");
        }
        if let Some((took, src)) = &self.slowest {
            eprintln!("{name}: slowest file, {took:.1?} in the checker:\n{src}");
        }
        for f in self.findings.iter().take(FULL) {
            eprintln!("{f}");
        }
        let mut by_class: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in &self.findings {
            by_class.entry(f.class).or_default().push(f);
        }
        if !by_class.is_empty() {
            eprintln!("{name}: contradictions by class (count, shortest example):");
        }
        for (class, fs) in &by_class {
            let shortest = fs
                .iter()
                .min_by_key(|f| (f.file.len(), f.claim.len()))
                .map(|f| f.to_string())
                .unwrap_or_default();
            eprintln!("  {class}: {}\n{shortest}", fs.len());
        }
        for h in self.harness.iter().take(FULL) {
            eprintln!("harness problem: {h}");
        }
    }

    /// The test's verdict: no contradiction, no harness problem.
    pub fn assert_clean(&self, name: &str) {
        let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &self.findings {
            *classes.entry(f.class).or_default() += 1;
        }
        assert!(
            self.findings.is_empty() && self.harness.is_empty(),
            "{name}: {} contradictions {classes:?} and {} harness problems (printed above)",
            self.findings.len(),
            self.harness.len()
        );
    }
}

/// Rounds of a quantifier class: `BND_SOUNDNESS_QUANT_ROUNDS` or `fast`.
pub fn rounds(fast: usize) -> usize {
    std::env::var("BND_SOUNDNESS_QUANT_ROUNDS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(fast)
}

/// The seed of a run: `BND_SOUNDNESS_SEED` mixed with the class's own.
pub fn seed(own: u64) -> u64 {
    let base = std::env::var("BND_SOUNDNESS_SEED")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0x5eed_b0d5);
    base ^ own
}

/// Short name of a claim kind for the tally.
pub fn kind_name(k: &ClaimKind) -> &'static str {
    use crate::ir::{Landau, LimitTarget, Range};
    match k {
        ClaimKind::Landau { rel, .. } => match rel {
            Landau::BigO => "O",
            Landau::LittleO => "o",
            Landau::Theta => "Theta",
            Landau::Omega => "Omega",
            Landau::LittleOmega => "omega",
        },
        ClaimKind::Similar { .. } => "~",
        ClaimKind::Limit { target, .. } => match target {
            LimitTarget::Finite(_) => "lim c",
            _ => "lim oo",
        },
        ClaimKind::Ineq { range, .. } => match range {
            Range::Eventually => "eventually",
            Range::From(_) => "for n >= N",
            Range::At(_) => "at n = N",
        },
        ClaimKind::Equal { .. } => "==",
        ClaimKind::NotEqual { .. } => "!=",
    }
}

/// Models shown as `G = e1, H = e2`.
pub fn show_models(m: &Models) -> String {
    m.iter()
        .map(|(g, e)| format!("{g} = {}", e.display("n")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Parameter values shown as `a = 1/2, b = 0`.
pub fn show_params(p: &Params) -> String {
    p.iter()
        .map(|(k, v)| format!("{k} = {}", crate::ir::fmt_q(v)))
        .collect::<Vec<_>>()
        .join(", ")
}
