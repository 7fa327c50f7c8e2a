//! Reasons, as the user reads them. The decision procedures write a reason
//! as text with a little markup: a sub-expression that may be called by a
//! name when the line is full ([`named`]), a clause that may be left out of
//! the one-line reason ([`detail`]) and a step shown only by `--explain`
//! ([`step`]). [`finish`] turns that text into the one-line reason (at most
//! about [`LINE`] characters, never cut inside a parenthesis), the indented
//! multi-line derivation of `--explain`, and the evidence fields of the JSON
//! output. [`tidy`] is the printer of expressions in reasons: constants
//! folded, `*1` dropped, `exp(k*log(d))` shown as `d^k`. Nothing here decides
//! anything: only the text of a verdict is made here, never the verdict.

use crate::ir::{Expr, Func, Q};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Target length of a one-line reason, in characters.
pub const LINE: usize = 160;

const NAMED_OPEN: char = '\u{E000}';
const SEP: char = '\u{E001}';
const NAMED_CLOSE: char = '\u{E002}';
const DETAIL_OPEN: char = '\u{E003}';
const DETAIL_CLOSE: char = '\u{E004}';
const STEP_OPEN: char = '\u{E005}';
const STEP_CLOSE: char = '\u{E006}';

/// A sub-expression `full` that the one-line reason calls `short` when the
/// line would be too long. A non-empty `key` also records `full` as evidence
/// under that key (JSON `evidence`).
pub fn named(key: &str, short: &str, full: &str) -> String {
    format!("{NAMED_OPEN}{key}{SEP}{short}{SEP}{full}{NAMED_CLOSE}")
}

/// A clause the one-line reason may leave out (kept by `--explain`).
pub fn detail(text: &str) -> String {
    format!("{DETAIL_OPEN}{text}{DETAIL_CLOSE}")
}

/// Whether the explanations are made (see [`one_line_only`]).
static EXPLAIN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// From now on in this process, makes reasons without their steps and
/// finishes them without derivation and evidence: `bnd check` without
/// `--explain` and without JSON prints only one-line reasons, which never
/// contain a step (the steps' text, expansions of both sides, and the
/// derivations are a measurable part of a run). Called once by the binary
/// before anything is checked, and by nothing else: the engines' memos keep
/// reasons for the whole process, so every reason of a process is made
/// under the same setting.
pub fn one_line_only() {
    EXPLAIN.store(false, std::sync::atomic::Ordering::Relaxed);
}

/// Are steps, derivations and evidence made? (Yes unless [`one_line_only`]
/// was called.)
pub fn explanations_wanted() -> bool {
    EXPLAIN.load(std::sync::atomic::Ordering::Relaxed)
}

/// A step of the derivation shown only by `--explain` (its own line).
pub fn step(text: &str) -> String {
    format!("{STEP_OPEN}{text}{STEP_CLOSE}")
}

/// An expression as reasons print it ([`tidy`], then displayed).
pub fn expr(e: &Expr, var: &str) -> String {
    tidy(e).display(var).to_string()
}

/// A side of a claim: its tidy text (parenthesised when compound), called
/// `name` (`lhs`, `rhs`, ...) when the line is full.
pub fn side(name: &str, e: &Expr, var: &str) -> String {
    let t = tidy(e);
    let s = t.display(var).to_string();
    let s = match t {
        Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) | Expr::Call(..) => s,
        _ => format!("({s})"),
    };
    if s.chars().count() <= name.chars().count() + 2 {
        s
    } else {
        named("", name, &s)
    }
}

/// An expression inside a reason, called `name` when the line is full.
pub fn sub(name: &str, e: &Expr, var: &str) -> String {
    let s = expr(e, var);
    if s.chars().count() <= name.chars().count() + 2 {
        s
    } else {
        named("", name, &s)
    }
}

/// One parsed piece of a marked-up reason.
#[derive(Clone, Debug)]
enum Node {
    Text(String),
    Named {
        key: String,
        short: String,
        full: Vec<Node>,
    },
    Detail(Vec<Node>),
    Step(Vec<Node>),
}

fn parse(s: &str) -> Vec<Node> {
    let mut i = 0;
    parse_seq(s, &mut i, None)
}

/// Is `ch` one of the markup characters?
fn is_mark(ch: char) -> bool {
    (NAMED_OPEN..=STEP_CLOSE).contains(&ch)
}

/// The text of `s` from byte `i` up to the next `end` (or the end of `s`),
/// and `i` moved past that `end`.
fn take_until<'a>(s: &'a str, i: &mut usize, end: char) -> &'a str {
    let rest = &s[*i..];
    let k = rest.find(end).unwrap_or(rest.len());
    *i = (*i + k + end.len_utf8()).min(s.len());
    &rest[..k]
}

/// The nodes of `s` from byte `i` up to `until` (or the end of `s`), and
/// `i` moved past them; plain text is copied a run at a time, between marks.
fn parse_seq(s: &str, i: &mut usize, until: Option<char>) -> Vec<Node> {
    let mut out = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, out: &mut Vec<Node>| {
        if !text.is_empty() {
            out.push(Node::Text(std::mem::take(text)));
        }
    };
    while *i < s.len() {
        let rest = &s[*i..];
        let k = rest.find(is_mark).unwrap_or(rest.len());
        text.push_str(&rest[..k]);
        *i += k;
        let Some(ch) = rest[k..].chars().next() else {
            break;
        };
        *i += ch.len_utf8();
        match ch {
            _ if Some(ch) == until => break,
            NAMED_OPEN => {
                flush(&mut text, &mut out);
                let key = take_until(s, i, SEP).to_string();
                let short = take_until(s, i, SEP).to_string();
                let full = parse_seq(s, i, Some(NAMED_CLOSE));
                out.push(Node::Named { key, short, full });
            }
            DETAIL_OPEN => {
                flush(&mut text, &mut out);
                out.push(Node::Detail(parse_seq(s, i, Some(DETAIL_CLOSE))));
            }
            STEP_OPEN => {
                flush(&mut text, &mut out);
                out.push(Node::Step(parse_seq(s, i, Some(STEP_CLOSE))));
            }
            _ => {} // a separator or a close without its open
        }
    }
    flush(&mut text, &mut out);
    out
}

/// The reason with every name expanded and every detail kept, on one line,
/// without markup (steps left out): what older callers parse.
pub fn plain(s: &str) -> String {
    let mut out = String::new();
    for n in parse(s) {
        flat(&n, &mut out);
    }
    out
}

/// Renders one node on one line, every name expanded and every detail
/// kept (steps left out).
fn flat(n: &Node, out: &mut String) {
    crate::stack::guard!(flat(n, out));
    match n {
        Node::Text(t) => out.push_str(t),
        Node::Named { full: ns, .. } | Node::Detail(ns) => {
            for f in ns {
                flat(f, out);
            }
        }
        Node::Step(_) => {}
    }
}

/// A one-line rendering with some names collapsed and some details dropped.
struct Line<'a> {
    nodes: &'a [Node],
    collapsed: Vec<bool>,
    dropped: Vec<bool>,
}

impl Line<'_> {
    fn render(&self) -> String {
        let mut out = String::new();
        let (mut ni, mut di) = (0usize, 0usize);
        for n in self.nodes {
            self.walk(n, &mut out, &mut ni, &mut di, true);
        }
        tidy_spaces(&out)
    }
    fn walk(&self, n: &Node, out: &mut String, ni: &mut usize, di: &mut usize, shown: bool) {
        crate::stack::guard!(self.walk(n, out, ni, di, shown));
        match n {
            Node::Text(t) => {
                if shown {
                    out.push_str(t)
                }
            }
            Node::Named { short, full, .. } => {
                let me = *ni;
                *ni += 1;
                let c = self.collapsed[me];
                if shown && c {
                    out.push_str(short);
                }
                for f in full {
                    self.walk(f, out, ni, di, shown && !c);
                }
            }
            Node::Detail(ns) => {
                let me = *di;
                *di += 1;
                let d = self.dropped[me];
                for f in ns {
                    self.walk(f, out, ni, di, shown && !d);
                }
            }
            Node::Step(ns) => {
                for f in ns {
                    self.walk(f, out, ni, di, false);
                }
            }
        }
    }
    /// Length of each named node's full text (preorder), and whether it is
    /// currently shown expanded.
    fn named_lengths(&self) -> Vec<(usize, bool)> {
        let mut out = Vec::new();
        let mut ni = 0;
        let mut di = 0;
        for n in self.nodes {
            self.lengths(n, &mut out, &mut ni, &mut di, true);
        }
        out
    }
    fn lengths(
        &self,
        n: &Node,
        out: &mut Vec<(usize, bool)>,
        ni: &mut usize,
        di: &mut usize,
        shown: bool,
    ) {
        match n {
            Node::Text(_) => {}
            Node::Named { full, .. } => {
                let me = *ni;
                *ni += 1;
                let c = self.collapsed[me];
                let mut text = String::new();
                let sub = Line {
                    nodes: full,
                    collapsed: self.collapsed[me + 1..].to_vec(),
                    dropped: self.dropped[*di..].to_vec(),
                };
                text.push_str(&sub.render());
                out.push((text.chars().count(), shown && !c));
                for f in full {
                    self.lengths(f, out, ni, di, shown && !c);
                }
            }
            Node::Detail(ns) => {
                let me = *di;
                *di += 1;
                let d = self.dropped[me];
                for f in ns {
                    self.lengths(f, out, ni, di, shown && !d);
                }
            }
            Node::Step(ns) => {
                for f in ns {
                    self.lengths(f, out, ni, di, false);
                }
            }
        }
    }
    fn shown_details(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let mut ni = 0;
        let mut di = 0;
        for n in self.nodes {
            self.details(n, &mut out, &mut ni, &mut di, true);
        }
        out
    }
    fn details(&self, n: &Node, out: &mut Vec<usize>, ni: &mut usize, di: &mut usize, shown: bool) {
        match n {
            Node::Text(_) => {}
            Node::Named { full, .. } => {
                let me = *ni;
                *ni += 1;
                let c = self.collapsed[me];
                for f in full {
                    self.details(f, out, ni, di, shown && !c);
                }
            }
            Node::Detail(ns) => {
                let me = *di;
                *di += 1;
                if shown && !self.dropped[me] {
                    out.push(me);
                }
                for f in ns {
                    self.details(f, out, ni, di, shown && !self.dropped[me]);
                }
            }
            Node::Step(ns) => {
                for f in ns {
                    self.details(f, out, ni, di, false);
                }
            }
        }
    }
}

fn count(nodes: &[Node], named: &mut usize, details: &mut usize) {
    for n in nodes {
        match n {
            Node::Text(_) => {}
            Node::Named { full, .. } => {
                *named += 1;
                count(full, named, details);
            }
            Node::Detail(ns) | Node::Step(ns) => {
                if matches!(n, Node::Detail(_)) {
                    *details += 1;
                }
                count(ns, named, details);
            }
        }
    }
}

/// Whether each named node (preorder) has an evidence key.
fn keyed(nodes: &[Node], out: &mut Vec<bool>) {
    for n in nodes {
        match n {
            Node::Text(_) => {}
            Node::Named { key, full, .. } => {
                out.push(!key.is_empty());
                keyed(full, out);
            }
            Node::Detail(ns) | Node::Step(ns) => keyed(ns, out),
        }
    }
}

/// Collapses runs of spaces and spaces before `,`/`;`/`)` left by dropped
/// clauses.
fn tidy_spaces(s: &str) -> String {
    // bytes: the three characters looked at are ASCII, and no byte of a
    // multi-byte character is, so the others are copied unchanged
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b == b' ' && out.last() == Some(&b' ') {
            continue;
        }
        if matches!(b, b',' | b';') && out.last() == Some(&b' ') {
            out.pop();
        }
        out.push(b);
    }
    String::from_utf8(out)
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

/// Names whose full text is at most this long are never collapsed (`1/10`
/// reads better than a name for it).
const LAST_RESORT: usize = 8;

/// Names whose full text is at most this long are collapsed last.
const SHORT_ENOUGH: usize = 24;

/// The one-line reason: everything when it fits in [`LINE`] characters;
/// else the longest named sub-expressions that are not evidence (the sides
/// of the claim) are called by their names, then details are left out (last
/// first), then the longest evidence is named, then every remaining name is
/// used.
pub fn headline(s: &str) -> String {
    headline_of(&parse(s))
}

fn headline_of(nodes: &[Node]) -> String {
    let (mut nn, mut nd) = (0, 0);
    count(nodes, &mut nn, &mut nd);
    let mut line = Line {
        nodes,
        collapsed: vec![false; nn],
        dropped: vec![false; nd],
    };
    let mut keys = Vec::new();
    keyed(nodes, &mut keys);
    loop {
        let text = line.render();
        if text.chars().count() <= LINE {
            return text;
        }
        let lens = line.named_lengths();
        // sub-expressions the user can read elsewhere (the sides) first,
        // the evidence (leading terms, limits) last
        let pick = |keyed: bool, min: usize| {
            lens.iter()
                .enumerate()
                .filter(|(i, (len, shown))| *shown && *len > min && keys[*i] == keyed)
                .max_by_key(|(i, (len, _))| (*len, std::cmp::Reverse(*i)))
                .map(|(i, _)| i)
        };
        if let Some(i) = pick(false, SHORT_ENOUGH) {
            line.collapsed[i] = true;
            continue;
        }
        if let Some(&d) = line.shown_details().last() {
            line.dropped[d] = true;
            continue;
        }
        if let Some(i) = pick(true, SHORT_ENOUGH) {
            line.collapsed[i] = true;
            continue;
        }
        let any = lens
            .iter()
            .enumerate()
            .filter(|(_, (len, shown))| *shown && *len > LAST_RESORT)
            .max_by_key(|(i, (len, _))| (*len, std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        match any {
            Some(i) => line.collapsed[i] = true,
            None => return text,
        }
    }
}

/// Named sub-expressions longer than this are defined on their own line of
/// the derivation instead of inline.
const INLINE: usize = 48;

/// The multi-line derivation of `--explain`: the reason with every clause
/// kept, each detail and step on its own line, one level deeper than the
/// clause it belongs to, and each long named sub-expression defined on a
/// `where` line below the line that uses it. Lines carry no indentation of
/// their own beyond two spaces per level.
#[cfg(test)]
pub fn derivation(s: &str) -> Vec<String> {
    derivation_of(&parse(s))
}

fn derivation_of(nodes: &[Node]) -> Vec<String> {
    let mut lines = Vec::new();
    emit(nodes, 0, &mut lines);
    lines
}

/// Emits a sequence as one line at `depth` plus the lines of its details
/// and steps (deeper) and its `where` definitions.
fn emit(nodes: &[Node], depth: usize, lines: &mut Vec<String>) {
    crate::stack::guard!(emit(nodes, depth, lines));
    let mut text = String::new();
    let mut wheres: Vec<(String, Vec<Node>)> = Vec::new();
    let mut subs: Vec<&[Node]> = Vec::new();
    inline(nodes, &mut text, &mut wheres, &mut subs);
    // a clause on a line of its own loses the separator that joined it
    let text = tidy_spaces(&text)
        .trim_start_matches([',', ';', ' '])
        .to_string();
    let indent = "  ".repeat(depth);
    let here = lines.len();
    if !text.is_empty() {
        lines.push(format!("{indent}{text}"));
    }
    let deeper = if text.is_empty() { depth } else { depth + 1 };
    let mut seen: Vec<String> = Vec::new();
    for (short, full) in wheres {
        let mut one = Vec::new();
        emit(&full, 0, &mut one);
        let def = one.first().cloned().unwrap_or_default();
        let line = format!("{}where {short} = {}", "  ".repeat(deeper), def.trim());
        if !seen.contains(&line) {
            seen.push(line.clone());
            lines.push(line);
        }
        for l in one.into_iter().skip(1) {
            lines.push(format!("{}{l}", "  ".repeat(deeper + 1)));
        }
    }
    for s in subs {
        emit(s, deeper, lines);
    }
    let _ = here;
}

fn inline<'a>(
    nodes: &'a [Node],
    text: &mut String,
    wheres: &mut Vec<(String, Vec<Node>)>,
    subs: &mut Vec<&'a [Node]>,
) {
    crate::stack::guard!(inline(nodes, text, wheres, subs));
    for n in nodes {
        match n {
            Node::Text(t) => text.push_str(t),
            Node::Named { short, full, .. } => {
                let flat_full = plain_nodes(full);
                if flat_full.chars().count() > INLINE {
                    text.push_str(short);
                    wheres.push((short.clone(), full.clone()));
                } else {
                    inline(full, text, wheres, subs);
                }
            }
            Node::Detail(ns) | Node::Step(ns) => subs.push(ns),
        }
    }
}

fn plain_nodes(nodes: &[Node]) -> String {
    let mut out = String::new();
    for n in nodes {
        flat(n, &mut out);
    }
    out
}

/// Evidence recorded by keyed named sub-expressions: key -> full texts, in
/// order of appearance, without repeats.
#[cfg(test)]
pub fn evidence(s: &str) -> BTreeMap<String, Vec<String>> {
    evidence_of(&parse(s))
}

fn evidence_of(nodes: &[Node]) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    collect(nodes, &mut out);
    out
}

fn collect(nodes: &[Node], out: &mut BTreeMap<String, Vec<String>>) {
    crate::stack::guard!(collect(nodes, out));
    for n in nodes {
        match n {
            Node::Text(_) => {}
            Node::Named { key, full, .. } => {
                if !key.is_empty() {
                    let v = plain_nodes(full);
                    let list = out.entry(key.clone()).or_default();
                    if !list.contains(&v) {
                        list.push(v);
                    }
                }
                collect(full, out);
            }
            Node::Detail(ns) | Node::Step(ns) => collect(ns, out),
        }
    }
}

/// A finished reason: the one line, the derivation, the evidence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Finished {
    pub line: String,
    pub derivation: Vec<String>,
    pub evidence: BTreeMap<String, Vec<String>>,
}

/// Finishes a marked-up reason (parsed once for its three forms).
pub fn finish(s: &str) -> Finished {
    let nodes = parse(s);
    if !explanations_wanted() {
        return Finished {
            line: headline_of(&nodes),
            ..Finished::default()
        };
    }
    Finished {
        line: headline_of(&nodes),
        derivation: derivation_of(&nodes),
        evidence: evidence_of(&nodes),
    }
}

// ---------------------------------------------------------------------------
// The tidy printer.

fn num(e: &Expr) -> Option<&Q> {
    match e {
        Expr::Num(q) => Some(q),
        _ => None,
    }
}

fn is_num(e: &Expr, v: i64) -> bool {
    num(e).is_some_and(|q| *q == Q::from_integer(BigInt::from(v)))
}

/// Largest integer exponent folded into a constant.
const MAX_FOLD_EXP: u32 = 16;

/// Largest number of digits of a folded constant.
const MAX_FOLD_DIGITS: usize = 24;

fn small(q: Q) -> Option<Expr> {
    let digits = q.numer().to_string().len() + q.denom().to_string().len();
    (digits <= MAX_FOLD_DIGITS).then_some(Expr::Num(q))
}

/// Exact square root of a non-negative rational, when it is rational.
fn sqrt_q(q: &Q) -> Option<Q> {
    if q.is_negative() {
        return None;
    }
    let r = |b: &BigInt| {
        let s = b.sqrt();
        (&s * &s == *b).then_some(s)
    };
    Some(Q::new(r(&q.numer())?, r(&q.denom())?))
}

/// `x^p` and `x` as (base, exponent).
fn as_power(e: &Expr) -> (&Expr, Expr) {
    match e {
        Expr::Pow(b, p) => (b, (**p).clone()),
        _ => (e, Expr::int(1)),
    }
}

/// `k*log(x)`, `log(x)*k`, `log(x)`, `k*log(x)/m`, `log(x)/m`, `-log(x)` as
/// (x, exponent k/m).
fn times_log(e: &Expr) -> Option<(Expr, Expr)> {
    match e {
        Expr::Call(Func::Log, a) if a.len() == 1 => Some((a[0].clone(), Expr::int(1))),
        Expr::Mul(k, l) | Expr::Mul(l, k) if matches!(&**l, Expr::Call(Func::Log, a) if a.len() == 1) =>
        {
            let Expr::Call(_, a) = &**l else { return None };
            Some((a[0].clone(), (**k).clone()))
        }
        Expr::Div(t, m) => {
            let (x, k) = times_log(t)?;
            Some((x, tidy_node(Expr::div(k, (**m).clone()))))
        }
        Expr::Neg(t) => {
            let (x, k) = times_log(t)?;
            Some((x, tidy_node(Expr::neg(k))))
        }
        _ => None,
    }
}

/// The expression as reasons print it: constant arithmetic folded, `*1`,
/// `1*`, `/1`, `+0`, `^1` dropped, `exp(k*log(d))` as `d^k`, `d^p*d^q` as
/// `d^(p + q)`, fractions over one denominator added, `sqrt` of a square
/// rational taken. Every rewrite is an identity wherever the original is
/// defined; the result is only printed, never decided on.
pub fn tidy(e: &Expr) -> Expr {
    let e = match e {
        Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) | Expr::Opt(_) => {
            return e.clone()
        }
        Expr::Neg(a) => Expr::neg(tidy(a)),
        Expr::Add(a, b) => Expr::add(tidy(a), tidy(b)),
        Expr::Sub(a, b) => Expr::sub(tidy(a), tidy(b)),
        Expr::Mul(a, b) => Expr::mul(tidy(a), tidy(b)),
        Expr::Div(a, b) => Expr::div(tidy(a), tidy(b)),
        Expr::Pow(a, b) => Expr::pow(tidy(a), tidy(b)),
        Expr::Call(f, args) => Expr::Call(*f, args.iter().map(tidy).collect()),
    };
    tidy_node(e)
}

/// One rewrite step at the root (children already tidy).
fn tidy_node(e: Expr) -> Expr {
    crate::stack::guard!(tidy_node(e));
    match e {
        Expr::Neg(a) => match Arc::unwrap_or_clone(a) {
            Expr::Num(q) => Expr::Num(-q),
            Expr::Neg(x) => Arc::unwrap_or_clone(x),
            x => Expr::neg(x),
        },
        Expr::Add(a, b) => {
            if let (Some(x), Some(y)) = (num(&a), num(&b)) {
                return Expr::Num(x + y);
            }
            if is_num(&b, 0) {
                return Arc::unwrap_or_clone(a);
            }
            if is_num(&a, 0) {
                return Arc::unwrap_or_clone(b);
            }
            if let Some(q) = num(&b).filter(|q| q.is_negative()) {
                return Expr::sub(Arc::unwrap_or_clone(a), Expr::Num(-q));
            }
            if let Expr::Neg(y) = &*b {
                return Expr::sub(Arc::unwrap_or_clone(a), Expr::clone(y));
            }
            if let (Expr::Div(p, d1), Expr::Div(q, d2)) = (&*a, &*b) {
                if d1 == d2 {
                    return tidy_node(Expr::div(
                        tidy_node(Expr::add((**p).clone(), (**q).clone())),
                        (**d1).clone(),
                    ));
                }
            }
            Expr::Add(a, b)
        }
        Expr::Sub(a, b) => {
            if let (Some(x), Some(y)) = (num(&a), num(&b)) {
                return Expr::Num(x - y);
            }
            if is_num(&b, 0) {
                return Arc::unwrap_or_clone(a);
            }
            if is_num(&a, 0) {
                return tidy_node(Expr::neg(Arc::unwrap_or_clone(b)));
            }
            if let Some(q) = num(&b).filter(|q| q.is_negative()) {
                return Expr::add(Arc::unwrap_or_clone(a), Expr::Num(-q));
            }
            Expr::Sub(a, b)
        }
        Expr::Mul(a, b) => {
            if let (Some(x), Some(y)) = (num(&a), num(&b)) {
                return Expr::Num(x * y);
            }
            if is_num(&a, 1) {
                return Arc::unwrap_or_clone(b);
            }
            if is_num(&b, 1) {
                return Arc::unwrap_or_clone(a);
            }
            if is_num(&a, -1) {
                return tidy_node(Expr::neg(Arc::unwrap_or_clone(b)));
            }
            // k*(m*x) with constants k, m: (k*m)*x
            if let (Some(k), Expr::Mul(m, x)) = (num(&a), &*b) {
                if let Some(m) = num(m) {
                    return tidy_node(Expr::mul(Expr::Num(k * m), (**x).clone()));
                }
            }
            let ((ba, pa), (bb, pb)) = (as_power(&a), as_power(&b));
            if ba == bb
                && !matches!(ba, Expr::Num(_))
                && (matches!(*a, Expr::Pow(..)) || matches!(*b, Expr::Pow(..)))
            {
                let p = tidy_node(Expr::add(pa, pb));
                return tidy_node(Expr::pow(ba.clone(), p));
            }
            Expr::Mul(a, b)
        }
        Expr::Div(a, b) => {
            if let (Some(x), Some(y)) = (num(&a), num(&b)) {
                if !y.is_zero() {
                    return Expr::Num(x / y);
                }
            }
            if is_num(&b, 1) {
                return Arc::unwrap_or_clone(a);
            }
            // (k*x)/m with constants: (k/m)*x
            if let (Expr::Mul(k, x), Some(m)) = (&*a, num(&b)) {
                if let (Some(k), false) = (num(k), m.is_zero()) {
                    return tidy_node(Expr::mul(Expr::Num(k / m), (**x).clone()));
                }
            }
            Expr::Div(a, b)
        }
        Expr::Pow(a, b) => {
            if is_num(&b, 1) {
                return Arc::unwrap_or_clone(a);
            }
            if let (Some(x), Some(k)) = (num(&a), num(&b)) {
                if k.is_integer() && (k.is_positive() || !x.is_zero()) {
                    if let Some(k) = k.to_integer().to_i64() {
                        if k.unsigned_abs() <= u64::from(MAX_FOLD_EXP) {
                            let p = num_traits::pow(x.clone(), k.unsigned_abs() as usize);
                            let p = if k < 0 { p.recip() } else { p };
                            if let Some(f) = small(p) {
                                return f;
                            }
                        }
                    }
                }
            }
            // (x^p)^q with a rational q: x^(p*q) only when x > 0 is not
            // known here, so it is left alone.
            Expr::Pow(a, b)
        }
        Expr::Call(Func::Exp, args) if args.len() == 1 => {
            if is_num(&args[0], 0) {
                return Expr::int(1);
            }
            if let Some((x, k)) = times_log(&args[0]) {
                return tidy_node(Expr::pow(x, k));
            }
            Expr::Call(Func::Exp, args)
        }
        Expr::Call(Func::Log, args) if args.len() == 1 && is_num(&args[0], 1) => Expr::int(0),
        Expr::Call(Func::Sqrt, args) if args.len() == 1 => {
            if let Some(r) = num(&args[0]).and_then(sqrt_q) {
                return Expr::Num(r);
            }
            Expr::Call(Func::Sqrt, args)
        }
        Expr::Call(Func::Abs, args) if args.len() == 1 => match num(&args[0]) {
            Some(q) => Expr::Num(q.abs()),
            None => Expr::Call(Func::Abs, args),
        },
        other => other,
    }
}

#[cfg(test)]
#[path = "reason/tests.rs"]
mod tests;
