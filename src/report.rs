//! The rendering of a run (`check::Run`): verdicts, reasons, shows and
//! diagnostics as deterministic text or JSON. Nothing here finds files,
//! loads or decides anything; file names are printed exactly as the driver
//! recorded them, with no timings and no absolute paths, so the same input
//! gives the same bytes everywhere.

use crate::check::{FileResult, ItemResult, Run, Summary};
use crate::diagnostic::{render as render_diagnostic, Diagnostic};
use crate::ir::{Command, Evidence, Verdict};
use crate::validate::Loaded;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Output format of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// One line per claim and show, then a summary line.
    #[default]
    Text,
    /// The JSON document of the spec.
    Json,
}

/// How a text report looks: `--explain` and `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Style {
    /// Each reason followed by its derivation, indented, one step a line.
    pub explain: bool,
    /// Verdict words and error headings in colour (ANSI escapes).
    pub color: bool,
}

/// The report of a run: text (one line per claim and show, then the
/// summary line) or the JSON document.
pub(crate) fn render(run: &Run, format: Format, style: Style) -> String {
    match format {
        Format::Text => render_text(&run.files, &run.summary, style),
        Format::Json => render_json(&run.files, &run.summary),
    }
}

fn command_name(c: Command) -> &'static str {
    match c {
        Command::Check => "check",
        Command::Refute => "refute",
    }
}

fn source_of<'a>(loaded: &'a Loaded, file: &str) -> &'a str {
    loaded
        .sources
        .iter()
        .find(|(n, _)| n == file)
        .map(|(_, t)| t.as_str())
        .unwrap_or("")
}

/// ANSI escapes of the coloured words, in the style of cargo.
const GREEN: &str = "\x1b[1;32m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// `word` wrapped in the colour escapes when `on`.
fn paint(word: &str, color: &str, on: bool) -> String {
    if on {
        format!("{color}{word}{RESET}")
    } else {
        word.to_string()
    }
}

fn verdict_color(v: Verdict) -> &'static str {
    match v {
        Verdict::Proved => GREEN,
        Verdict::Refuted => RED,
        Verdict::Unknown => YELLOW,
    }
}

fn render_text(files: &[FileResult], s: &Summary, style: Style) -> String {
    let mut out = String::new();
    for r in files {
        for d in &r.loaded.diagnostics {
            let text = render_diagnostic(d, source_of(&r.loaded, &d.file));
            match text.strip_prefix("error:") {
                Some(rest) if style.color => {
                    out.push_str(&paint("error", RED, true));
                    out.push(':');
                    out.push_str(rest);
                }
                _ => out.push_str(&text),
            }
        }
        for it in &r.results {
            match it {
                ItemResult::Claim(c) => {
                    let status = if c.passed() {
                        paint("ok", GREEN, style.color)
                    } else if c.decision.verdict == Verdict::Unknown {
                        paint("UNKNOWN", YELLOW, style.color)
                    } else {
                        paint("FAILED", RED, style.color)
                    };
                    let _ = writeln!(
                        out,
                        "{}:{}:{}: {status}: {} {}: {}: {}",
                        r.path,
                        c.claim.pos.line,
                        c.claim.pos.column,
                        command_name(c.claim.command),
                        claim_text(&c.claim),
                        paint(
                            c.decision.verdict.name(),
                            verdict_color(c.decision.verdict),
                            style.color
                        ),
                        c.line
                    );
                    if style.explain {
                        for l in &c.derivation {
                            let _ = writeln!(out, "    {l}");
                        }
                    }
                }
                ItemResult::Show(sh) => {
                    let _ = writeln!(
                        out,
                        "{}:{}:{}: show {}: {}",
                        r.path, sh.show.pos.line, sh.show.pos.column, sh.show.text, sh.result
                    );
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "summary: {} claims: {} passed, {} failed, {} unknown; {} errors",
        s.claims, s.passed, s.failed, s.unknown, s.errors
    );
    out
}

/// The claim as the user wrote it, with its label and `where` part.
fn claim_text(c: &crate::ir::Claim) -> String {
    let mut t = String::new();
    if let Some(l) = &c.label {
        let _ = write!(t, "\"{l}\": ");
    }
    t.push_str(&c.text);
    if !c.assignments.is_empty() {
        let body = c
            .assignments
            .iter()
            .map(|(k, v)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = write!(t, " where {body}");
    }
    t
}

#[derive(Serialize)]
struct JsonDoc {
    files: Vec<JsonFile>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFile {
    path: String,
    claims: Vec<JsonClaim>,
    shows: Vec<JsonShow>,
    errors: Vec<JsonError>,
}

#[derive(Serialize)]
struct JsonClaim {
    line: usize,
    column: usize,
    label: Option<String>,
    command: &'static str,
    claim: String,
    verdict: &'static str,
    passed: bool,
    reason: String,
    /// The reason as a derivation, one step a line (`--explain`).
    derivation: Vec<String>,
    /// What the reason rests on, by kind (`leading term`, `witness`, ...).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    evidence: BTreeMap<String, Vec<String>>,
    #[serde(rename = "where", skip_serializing_if = "Vec::is_empty")]
    assignments: Vec<[String; 2]>,
    /// How a proved `for n >= N` claim was certified.
    #[serde(skip_serializing_if = "Option::is_none")]
    certificate: Option<JsonCertificate>,
}

/// The numbers of a threshold certificate (rationals as `p/q` strings).
#[derive(Serialize)]
struct JsonCertificate {
    /// Start of the proved range.
    from: String,
    /// N1: the dominant-term argument covers every n >= N1.
    tail_from: String,
    dominant: String,
    /// Boxes of the interval search on [from, tail_from].
    boxes: usize,
    refinements: usize,
    tail_tries: usize,
}

fn json_certificate(c: &crate::threshold::Certificate) -> JsonCertificate {
    JsonCertificate {
        from: crate::ir::fmt_q(&c.from),
        tail_from: crate::ir::fmt_q(&c.tail_from),
        dominant: c.leading.clone(),
        boxes: c.boxes,
        refinements: c.refinements,
        tail_tries: c.tail_tries,
    }
}

/// A certified crossover: least integer and exact bounds of the real threshold.
#[derive(Serialize)]
struct JsonCrossover {
    /// A JSON number when it fits in 64 bits, else a decimal string.
    integer: serde_json::Value,
    lower: String,
    upper: String,
    certificate: JsonCertificate,
}

fn json_crossover(c: &crate::threshold::Crossover) -> JsonCrossover {
    use num_traits::ToPrimitive;
    JsonCrossover {
        integer: match c.integer.to_u64() {
            Some(i) => serde_json::Value::from(i),
            None => serde_json::Value::from(c.integer.to_string()),
        },
        lower: crate::ir::fmt_q(&c.lower),
        upper: crate::ir::fmt_q(&c.upper),
        certificate: json_certificate(&c.certificate),
    }
}

#[derive(Serialize)]
struct JsonShow {
    line: usize,
    column: usize,
    text: String,
    result: String,
    /// Only on `show crossover`: the certified crossover, or null.
    #[serde(skip_serializing_if = "Option::is_none")]
    crossover: Option<Option<JsonCrossover>>,
    /// Only on `show EXPR at n = N`: the value (lower = upper when exact).
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<JsonValue>,
    /// Only on `show when`: the regions, in increasing order.
    #[serde(skip_serializing_if = "Option::is_none")]
    regions: Option<Vec<JsonRegion>>,
    #[serde(rename = "where", skip_serializing_if = "Vec::is_empty")]
    assignments: Vec<[String; 2]>,
}

/// One region of a `show when`: its condition, verdict and reason, and its
/// box (every parameter of the claim: an interval, `null` for an
/// unbounded end; a point has equal closed ends).
#[derive(Serialize)]
struct JsonRegion {
    condition: String,
    verdict: &'static str,
    reason: String,
    /// `null` for a region that is not a box (`a < b`).
    #[serde(rename = "box")]
    box_: Option<BTreeMap<String, JsonRange>>,
}

#[derive(Serialize)]
struct JsonRange {
    lower: Option<String>,
    lower_closed: bool,
    upper: Option<String>,
    upper_closed: bool,
}

fn json_range(c: &crate::ir::Constraint) -> JsonRange {
    use crate::ir::Endpoint;
    let end = |e: &Endpoint| match e {
        Endpoint::Finite { value, closed } => (Some(crate::ir::fmt_q(value)), *closed),
        Endpoint::Infinite => (None, false),
    };
    let (lower, lower_closed) = end(&c.lo);
    let (upper, upper_closed) = end(&c.hi);
    JsonRange {
        lower,
        lower_closed,
        upper,
        upper_closed,
    }
}

fn json_regions(sh: &crate::check::ShowResult) -> Option<Vec<JsonRegion>> {
    let crate::ir::ShowKind::When(kind) = &sh.show.kind else {
        return None;
    };
    let params = &sh.show.params;
    Some(
        sh.regions
            .iter()
            .map(|r| JsonRegion {
                condition: crate::cases::condition_of(r, params),
                verdict: r.decision.verdict.name(),
                reason: crate::reason::plain(&r.decision.reason.to_string()),
                box_: r.line.is_none().then(|| {
                    kind.params()
                        .into_iter()
                        .filter_map(|p| {
                            let c = match r.cuts.iter().find(|(n, _)| *n == p) {
                                Some((_, c)) => c,
                                None => params.get(&p)?,
                            };
                            Some((p, json_range(c)))
                        })
                        .collect()
                }),
            })
            .collect(),
    )
}

#[derive(Serialize)]
struct JsonValue {
    lower: String,
    upper: String,
    text: String,
}

#[derive(Serialize)]
struct JsonError {
    line: usize,
    column: usize,
    message: String,
    /// The file the error is in, when it is an imported file.
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

fn json_error(d: &Diagnostic, path: &str) -> JsonError {
    JsonError {
        line: d.pos.line,
        column: d.pos.column,
        message: d.one_line(),
        file: if d.file == path {
            None
        } else {
            Some(d.file.clone())
        },
    }
}

fn render_json(files: &[FileResult], s: &Summary) -> String {
    let files = files
        .iter()
        .map(|r| {
            let mut claims = Vec::new();
            let mut shows = Vec::new();
            for it in &r.results {
                match it {
                    ItemResult::Claim(c) => claims.push(JsonClaim {
                        line: c.claim.pos.line,
                        column: c.claim.pos.column,
                        label: c.claim.label.clone(),
                        command: command_name(c.claim.command),
                        claim: c.claim.text.clone(),
                        verdict: c.decision.verdict.name(),
                        passed: c.passed(),
                        reason: c.line.clone(),
                        derivation: c.derivation.clone(),
                        evidence: c.evidence.clone(),
                        assignments: c
                            .claim
                            .assignments
                            .iter()
                            .map(|(k, v)| [k.clone(), v.clone()])
                            .collect(),
                        certificate: match &c.decision.evidence {
                            Evidence::Certificate(cert) => Some(json_certificate(cert)),
                            _ => None,
                        },
                    }),
                    ItemResult::Show(sh) => shows.push(JsonShow {
                        line: sh.show.pos.line,
                        column: sh.show.pos.column,
                        text: sh.show.text.clone(),
                        result: sh.result.clone(),
                        crossover: match sh.show.kind {
                            crate::ir::ShowKind::Crossover { .. } => {
                                Some(sh.crossover.as_ref().map(json_crossover))
                            }
                            _ => None,
                        },
                        regions: json_regions(sh),
                        value: sh.value.as_ref().map(|v| JsonValue {
                            lower: crate::ir::fmt_q(&v.lower),
                            upper: crate::ir::fmt_q(&v.upper),
                            text: v.text.clone(),
                        }),
                        assignments: sh
                            .show
                            .assignments
                            .iter()
                            .map(|(k, v)| [k.clone(), v.clone()])
                            .collect(),
                    }),
                }
            }
            JsonFile {
                path: r.path.clone(),
                claims,
                shows,
                errors: r
                    .loaded
                    .diagnostics
                    .iter()
                    .map(|d| json_error(d, &r.path))
                    .collect(),
            }
        })
        .collect();
    let doc = JsonDoc { files, summary: *s };
    let mut text =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
