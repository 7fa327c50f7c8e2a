//! The pest parser for `.bnd` files: the grammar (`grammar/bnd.pest`), the
//! spanned AST (`ast`), the one Pratt table for expressions, and (in
//! `words`) human names for every grammar rule and the conversion of pest's
//! errors into messages in words. A file is split into statement chunks (a
//! statement starts with a keyword at the start of a line) and each chunk is
//! parsed on its own, so every syntax error of a file is reported, not only
//! the first. Before a chunk is handed to pest its nesting depth is
//! measured, so that no input can overflow the stack.

pub mod ast;
mod fast;
mod words;

pub use words::closest;
use words::*;

use crate::ir::{Cmp, Command, Landau, Q};
use ast::*;
use num_bigint::BigInt;
use num_traits::Zero;
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser;
use std::sync::LazyLock;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/bnd.pest"]
struct BndParser;

/// The deepest nesting accepted: brackets, chains of prefix minus and `^`,
/// and the depth of expression trees.
pub const MAX_DEPTH: usize = crate::limits::LIMITS.nesting;

/// The largest decimal exponent accepted in a number literal (`1e10000`).
pub const MAX_EXPONENT: u64 = crate::limits::LIMITS.literal_exponent;

/// Words that cannot be names (the spec's list, the built-in functions and
/// the Unicode aliases).
pub const RESERVED: &[&str] = &[
    "var",
    "param",
    "fn",
    "let",
    "assume",
    "import",
    "as",
    "check",
    "refute",
    "show",
    "plot",
    "where",
    "for",
    "at",
    "eventually",
    "in",
    "lim",
    "crossover",
    "when",
    "inf",
    "sup",
    "least",
    "O",
    "o",
    "Theta",
    "Omega",
    "omega",
    "oo",
    "pi",
    "sqrt",
    "exp",
    "log",
    "ln",
    "log2",
    "log10",
    "min",
    "max",
    "abs",
    "ceil",
    "floor",
    "π",
    "Θ",
    "Ω",
    "ω",
];

/// Keywords that start a statement.
pub const STATEMENT_KEYWORDS: &[&str] = &[
    "var", "param", "fn", "let", "assume", "import", "check", "refute", "show", "plot",
];

/// Is `word` reserved?
pub fn is_reserved(word: &str) -> bool {
    RESERVED.contains(&word)
}

/// A syntax error: where, what in words, and maybe a suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

impl SyntaxError {
    fn new(span: Span, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            span,
            message: message.into(),
            help: None,
        }
    }
}

/// One level of the operator-precedence table.
enum Level {
    /// Binary operators of one precedence: (grammar rule, operator) pairs.
    Infix(&'static [(Rule, BinOp)], Assoc),
    /// Prefix minus.
    Neg,
}

/// The one operator-precedence table, loosest first. Prefix minus is
/// listed before `^`, so `^` binds tighter: `-n^2` is `-(n^2)`. Pest's
/// Pratt parser is built from it, and the fast path (`fast.rs`) reads its
/// binding powers from it ([`binding_power`], [`NEG_BINDING_POWER`]).
const LEVELS: [Level; 4] = [
    Level::Infix(
        &[(Rule::add, BinOp::Add), (Rule::sub, BinOp::Sub)],
        Assoc::Left,
    ),
    Level::Infix(
        &[(Rule::mul, BinOp::Mul), (Rule::div, BinOp::Div)],
        Assoc::Left,
    ),
    Level::Neg,
    Level::Infix(&[(Rule::pow, BinOp::Pow)], Assoc::Right),
];

/// The binding power of level `i` of [`LEVELS`] (pest's numbering: the
/// loosest level 20, then steps of 10, as `PrattParser::op` assigns them).
const fn level_power(i: usize) -> u32 {
    20 + 10 * i as u32
}

/// The binding power of prefix minus.
const NEG_BINDING_POWER: u32 = level_power(2);
const _: () = assert!(matches!(LEVELS[2], Level::Neg));

/// The binding power and associativity of a binary operator.
fn binding_power(op: BinOp) -> (u32, Assoc) {
    for (i, level) in LEVELS.iter().enumerate() {
        if let Level::Infix(ops, assoc) = level {
            if ops.iter().any(|(_, o)| *o == op) {
                return (level_power(i), *assoc);
            }
        }
    }
    unreachable!("every binary operator is in the precedence table")
}

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    LEVELS
        .iter()
        .fold(PrattParser::new(), |p, level| match level {
            Level::Infix(ops, assoc) => {
                let mut it = ops.iter().map(|(r, _)| Op::infix(*r, *assoc));
                let first = it.next().expect("a level has an operator");
                p.op(it.fold(first, |a, b| a | b))
            }
            Level::Neg => p.op(Op::prefix(Rule::neg)),
        })
});

/// Is `c` a character that may continue an identifier?
fn is_ident_char(c: char) -> bool {
    c != '·' && (c.is_alphanumeric() || c == '_')
}

fn is_ident_start(c: char) -> bool {
    c != '·' && (c.is_alphabetic() || c == '_')
}

// ---------------------------------------------------------------------------
// Statement chunks and the nesting pre-scan
// ---------------------------------------------------------------------------

/// Splits `text` into statement chunks: a new chunk starts at every line
/// whose first token is a statement keyword. Chunks holding only blanks and
/// comments are dropped. Returned ranges cover the whole statement text.
pub fn split_statements(text: &str) -> Vec<Span> {
    let mut starts: Vec<usize> = vec![0];
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t', '\r', '\u{FEFF}']);
        let end = trimmed
            .char_indices()
            .find(|(_, c)| !is_ident_char(*c))
            .map_or(trimmed.len(), |(i, _)| i);
        let word = &trimmed[..end];
        if line_start > 0 && STATEMENT_KEYWORDS.contains(&word) {
            starts.push(line_start);
        }
        line_start += line.len();
    }
    let mut out = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(text.len());
        let piece = text.get(s..e).unwrap_or("");
        if !only_blank_or_comments(piece) {
            out.push(s..e);
        }
    }
    out
}

fn only_blank_or_comments(piece: &str) -> bool {
    piece.lines().all(|l| {
        let t = l.trim_start_matches([' ', '\t', '\r', '\u{FEFF}']);
        t.is_empty() || t.starts_with('#')
    })
}

/// Measures how deeply the chunk nests (brackets plus chains of prefix minus
/// and `^`) and reports the first place where it exceeds `MAX_DEPTH`.
/// Comments and strings are skipped whole; a character is decoded only
/// where a byte is not ASCII.
fn nesting_problem(text: &str, base: usize) -> Option<SyntaxError> {
    // chain[i]: number of `^` / prefix `-` since the last loose operator at
    // bracket level i.
    let mut chain: Vec<usize> = vec![0];
    let mut total: usize = 0;
    let mut prev_significant: Option<char> = None;
    let bytes = text.as_bytes();
    // The byte after the first `stop` byte at or after `from` (the end of
    // the text if there is none).
    let past = |from: usize, stop: &[u8]| {
        bytes
            .get(from..)
            .and_then(|r| r.iter().position(|b| stop.contains(b)))
            .map_or(bytes.len(), |k| from + k + 1)
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            text.get(i..)
                .and_then(|r| r.chars().next())
                .unwrap_or('\u{FFFD}')
        };
        match c {
            '#' => {
                i = past(i + 1, b"\n");
                continue;
            }
            '(' | '[' => {
                chain.push(0);
                total += 1;
            }
            ')' | ']' if chain.len() > 1 => {
                let last = chain.pop().unwrap_or(0);
                total = total.saturating_sub(last + 1);
            }
            '^' => {
                if let Some(top) = chain.last_mut() {
                    *top += 1;
                }
                total += 1;
            }
            '-' => {
                let prefix = !matches!(prev_significant, Some(p) if is_ident_char(p) || p == ')' || p == ']');
                if let Some(top) = chain.last_mut() {
                    if prefix {
                        *top += 1;
                        total += 1;
                    } else {
                        total -= *top;
                        *top = 0;
                    }
                }
            }
            '+' | '*' | '/' | '·' | ',' | '=' | '<' | '>' | '~' | '≤' | '≥' | '≠' => {
                if let Some(top) = chain.last_mut() {
                    total -= *top;
                    *top = 0;
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            prev_significant = Some(c);
        }
        if total > MAX_DEPTH {
            let at = base + i;
            return Some(SyntaxError::new(
                at..at + c.len_utf8(),
                format!("expression nested too deeply (more than {MAX_DEPTH} levels)"),
            ));
        }
        i = if c == '"' {
            // A string: its text up to the closing quote or the line end.
            past(i + 1, b"\"\n")
        } else {
            i + c.len_utf8()
        };
    }
    None
}

// ---------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------

/// Parses a whole file: every statement that parses, and every syntax error
/// (at most one per statement), sorted by position.
pub fn parse_file(text: &str) -> (Vec<Stmt>, Vec<SyntaxError>) {
    let mut stmts = Vec::new();
    let mut errors = Vec::new();
    for range in split_statements(text) {
        let piece = text.get(range.clone()).unwrap_or("");
        match parse_chunk(piece, range.start) {
            Ok(s) => stmts.push(s),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by_key(|a| (a.span.start, a.span.end));
    (stmts, errors)
}

/// Serialises the detailed re-parses of `parse_rule` (pest's error-detail
/// switch is process-wide and read when a parse starts).
static DETAIL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// `text` parsed as `rule`. Pest's error detail (the attempted tokens the
/// messages in words are built from) costs most of a parse's time, so a
/// parse runs without it and only a failing text is parsed again with it,
/// under a lock so that the detailed error is the same whatever other
/// threads parse meanwhile. A parse that succeeds is the same either way.
fn parse_rule(rule: Rule, text: &str) -> Result<Pairs<'_, Rule>, Box<pest::error::Error<Rule>>> {
    if let Ok(pairs) = BndParser::parse(rule, text) {
        return Ok(pairs);
    }
    let _guard = DETAIL.lock().unwrap_or_else(|e| e.into_inner());
    pest::set_error_detail(true);
    let detailed = BndParser::parse(rule, text).map_err(Box::new);
    pest::set_error_detail(false);
    detailed
}

/// Parses one statement whose text starts at byte `base` of the file.
pub fn parse_chunk(piece: &str, base: usize) -> Result<Stmt, SyntaxError> {
    crate::stack::guard!(parse_chunk(piece, base));
    if let Some(e) = nesting_problem(piece, base) {
        return Err(e);
    }
    if let Some(stmt) = fast::parse_chunk(piece, base) {
        return Ok(stmt);
    }
    parse_chunk_pest(piece, base)
}

/// Parses one statement with pest alone (the definition of the language;
/// the fast path must agree with it on every statement it accepts).
fn parse_chunk_pest(piece: &str, base: usize) -> Result<Stmt, SyntaxError> {
    let mut pairs = parse_rule(Rule::chunk, piece).map_err(|e| convert_error(&e, piece, base))?;
    let chunk = pairs
        .next()
        .ok_or_else(|| SyntaxError::new(base..base, "expected a statement"))?;
    let stmt = chunk
        .into_inner()
        .find(|p| p.as_rule() != Rule::EOI)
        .ok_or_else(|| SyntaxError::new(base..base, "expected a statement"))?;
    build_stmt(stmt, base)
}

/// Parses a single expression (the command line's `bnd show EXPR`).
pub fn parse_expression(text: &str) -> Result<Expr, SyntaxError> {
    if let Some(e) = nesting_problem(text, 0) {
        return Err(e);
    }
    if let Some(e) = fast::parse_expression(text) {
        return Ok(e);
    }
    parse_expression_pest(text)
}

/// Parses a single expression with pest alone.
fn parse_expression_pest(text: &str) -> Result<Expr, SyntaxError> {
    let mut pairs =
        parse_rule(Rule::expression_only, text).map_err(|e| convert_error(&e, text, 0))?;
    let top = pairs
        .next()
        .ok_or_else(|| SyntaxError::new(0..0, "expected an expression"))?;
    let e = top
        .into_inner()
        .find(|p| p.as_rule() == Rule::expr)
        .ok_or_else(|| SyntaxError::new(0..0, "expected an expression"))?;
    build_expr(e, 0)
}

// ---------------------------------------------------------------------------
// Building the AST
// ---------------------------------------------------------------------------

fn span_of(p: &Pair<Rule>, base: usize) -> Span {
    let s = p.as_span();
    base + s.start()..base + s.end()
}

fn malformed(p: &Pair<Rule>, base: usize) -> SyntaxError {
    SyntaxError::new(span_of(p, base), "malformed statement")
}

fn next_pair<'i>(
    it: &mut Pairs<'i, Rule>,
    whole: &Pair<'i, Rule>,
    base: usize,
) -> Result<Pair<'i, Rule>, SyntaxError> {
    it.next().ok_or_else(|| malformed(whole, base))
}

/// The first inner pair of `p` (a rule wrapping one alternative).
fn first_inner(p: Pair<Rule>, base: usize) -> Result<Pair<Rule>, SyntaxError> {
    let whole = p.clone();
    p.into_inner().next().ok_or_else(|| malformed(&whole, base))
}

fn ident(p: Pair<Rule>, base: usize) -> Ident {
    Ident {
        name: p.as_str().to_string(),
        span: span_of(&p, base),
    }
}

fn cmp_of(rule: Rule) -> Option<Cmp> {
    Some(match rule {
        Rule::le => Cmp::Le,
        Rule::lt => Cmp::Lt,
        Rule::ge => Cmp::Ge,
        Rule::gt => Cmp::Gt,
        Rule::eq => Cmp::Eq,
        Rule::ne => Cmp::Ne,
        _ => return None,
    })
}

fn build_stmt(p: Pair<Rule>, base: usize) -> Result<Stmt, SyntaxError> {
    let span = span_of(&p, base);
    let whole = p.clone();
    let rule = p.as_rule();
    let mut it = p.into_inner();
    let kind = match rule {
        Rule::var_decl => {
            let _kw = next_pair(&mut it, &whole, base)?;
            let id = ident(next_pair(&mut it, &whole, base)?, base);
            let target = match it.next() {
                Some(t) => {
                    let lt = t
                        .into_inner()
                        .next()
                        .ok_or_else(|| malformed(&whole, base))?;
                    Some(build_bound(lt, base)?)
                }
                None => None,
            };
            StmtKind::Var(id, target)
        }
        Rule::param_decl => {
            let mut names = Vec::new();
            let mut constraint = None;
            for q in it {
                match q.as_rule() {
                    Rule::ident => names.push(ident(q, base)),
                    Rule::constraint => constraint = Some(build_constraint(q, base)?),
                    _ => {}
                }
            }
            StmtKind::Param { names, constraint }
        }
        Rule::fn_decl => StmtKind::Fn(
            it.filter(|q| q.as_rule() == Rule::ident)
                .map(|q| ident(q, base))
                .collect(),
        ),
        Rule::let_def => {
            let _kw = next_pair(&mut it, &whole, base)?;
            let name = ident(next_pair(&mut it, &whole, base)?, base);
            let mut formals = Vec::new();
            let mut body = None;
            for q in it {
                match q.as_rule() {
                    Rule::formals => {
                        formals = q
                            .into_inner()
                            .filter(|r| r.as_rule() == Rule::ident)
                            .map(|r| ident(r, base))
                            .collect()
                    }
                    Rule::expr => body = Some(build_expr(q, base)?),
                    _ => {}
                }
            }
            StmtKind::Let {
                name,
                formals,
                body: body.ok_or_else(|| malformed(&whole, base))?,
            }
        }
        Rule::assume_stmt => {
            let _kw = next_pair(&mut it, &whole, base)?;
            StmtKind::Assume(build_claim(next_pair(&mut it, &whole, base)?, base)?)
        }
        Rule::import_stmt => {
            let _kw = next_pair(&mut it, &whole, base)?;
            let s = next_pair(&mut it, &whole, base)?;
            let path_span = span_of(&s, base);
            let text = s
                .into_inner()
                .next()
                .map(|t| t.as_str().to_string())
                .unwrap_or_default();
            let alias = it.nth(1).map(|a| ident(a, base));
            StmtKind::Import {
                path: text,
                path_span,
                alias,
            }
        }
        Rule::claim_stmt => {
            let kw = next_pair(&mut it, &whole, base)?;
            let command = if kw.as_rule() == Rule::kw_refute {
                Command::Refute
            } else {
                Command::Check
            };
            let mut label = None;
            let mut claim = None;
            let mut wheres = Vec::new();
            for q in it {
                match q.as_rule() {
                    Rule::string => {
                        label = Some(
                            q.into_inner()
                                .next()
                                .map(|t| t.as_str().to_string())
                                .unwrap_or_default(),
                        )
                    }
                    Rule::claim => claim = Some(build_claim(q, base)?),
                    Rule::where_clause => wheres = build_where(q, base)?,
                    _ => {}
                }
            }
            StmtKind::Claim {
                command,
                label,
                claim: claim.ok_or_else(|| malformed(&whole, base))?,
                wheres,
            }
        }
        Rule::show_stmt => {
            let _kw = next_pair(&mut it, &whole, base)?;
            let body = next_pair(&mut it, &whole, base)?;
            let text_span = span_of(&body, base);
            let show = match body.as_rule() {
                Rule::crossover => {
                    let inner_whole = body.clone();
                    let mut inner = body.into_inner();
                    let _kw = next_pair(&mut inner, &inner_whole, base)?;
                    let lhs = build_expr(next_pair(&mut inner, &inner_whole, base)?, base)?;
                    let op_pair = next_pair(&mut inner, &inner_whole, base)?;
                    let op = cmp_of(op_pair.as_rule()).ok_or_else(|| malformed(&op_pair, base))?;
                    let rhs = build_expr(next_pair(&mut inner, &inner_whole, base)?, base)?;
                    ShowAst::Crossover {
                        lhs,
                        op,
                        op_span: span_of(&op_pair, base),
                        rhs,
                    }
                }
                Rule::show_when => {
                    let inner_whole = body.clone();
                    let mut inner = body.into_inner();
                    let _kw = next_pair(&mut inner, &inner_whole, base)?;
                    ShowAst::When(build_claim(
                        next_pair(&mut inner, &inner_whole, base)?,
                        base,
                    )?)
                }
                Rule::show_value => {
                    let inner_whole = body.clone();
                    let mut inner = body.into_inner();
                    let expr = build_expr(next_pair(&mut inner, &inner_whole, base)?, base)?;
                    let at = next_pair(&mut inner, &inner_whole, base)?;
                    let at_whole = at.clone();
                    let mut at = at.into_inner().filter(|q| q.as_rule() != Rule::kw_at);
                    let var = ident(next_pair_f(&mut at, &at_whole, base)?, base);
                    let at = build_expr(next_pair_f(&mut at, &at_whole, base)?, base)?;
                    ShowAst::Value { expr, var, at }
                }
                _ => ShowAst::Expr(build_expr(body, base)?),
            };
            let mut wheres = Vec::new();
            for q in it {
                if q.as_rule() == Rule::where_clause {
                    wheres = build_where(q, base)?;
                }
            }
            StmtKind::Show {
                show,
                text_span,
                wheres,
            }
        }
        Rule::plot_stmt => StmtKind::Plot(build_plot(it, &whole, base)?),
        _ => return Err(malformed(&whole, base)),
    };
    Ok(Stmt { kind, span })
}

/// The parts of a `plot` statement after its keyword.
fn build_plot(it: Pairs<Rule>, whole: &Pair<Rule>, base: usize) -> Result<PlotAst, SyntaxError> {
    let mut exprs = Vec::new();
    let mut var = None;
    let mut range = None;
    let mut linear = false;
    let mut wheres = Vec::new();
    for q in it {
        match q.as_rule() {
            Rule::plot_exprs => {
                for e in q.into_inner().filter(|r| r.as_rule() == Rule::expr) {
                    exprs.push(build_expr(e, base)?);
                }
            }
            Rule::ident => var = Some(ident(q, base)),
            Rule::plot_range => {
                let range_whole = q.clone();
                let span = span_of(&q, base);
                let mut r = q.into_inner().filter(|r| r.as_rule() == Rule::expr);
                let lo = build_expr(next_pair_f(&mut r, &range_whole, base)?, base)?;
                let hi = build_expr(next_pair_f(&mut r, &range_whole, base)?, base)?;
                range = Some((lo, hi, span));
            }
            Rule::kw_linear => linear = true,
            Rule::where_clause => wheres = build_where(q, base)?,
            _ => {}
        }
    }
    let (lo, hi, range_span) = range.ok_or_else(|| malformed(whole, base))?;
    if exprs.is_empty() {
        return Err(malformed(whole, base));
    }
    Ok(PlotAst {
        exprs,
        var: var.ok_or_else(|| malformed(whole, base))?,
        lo,
        hi,
        range_span,
        linear,
        wheres,
    })
}

fn build_where(p: Pair<Rule>, base: usize) -> Result<Vec<Assign>, SyntaxError> {
    let mut out = Vec::new();
    for a in p.into_inner().filter(|q| q.as_rule() == Rule::assignment) {
        let whole = a.clone();
        let mut it = a.into_inner();
        let name = ident(next_pair(&mut it, &whole, base)?, base);
        let value = build_expr(next_pair(&mut it, &whole, base)?, base)?;
        out.push(Assign { name, value });
    }
    Ok(out)
}

fn build_bound(p: Pair<Rule>, base: usize) -> Result<Bound, SyntaxError> {
    // p is `endpoint` or `limit_target`
    let inner = first_inner(p, base)?;
    Ok(match inner.as_rule() {
        Rule::neg_inf => Bound::NegInf(span_of(&inner, base)),
        Rule::pos_inf => Bound::PosInf(span_of(&inner, base)),
        _ => Bound::Finite(build_expr(inner, base)?),
    })
}

fn build_constraint(p: Pair<Rule>, base: usize) -> Result<ConstraintAst, SyntaxError> {
    let inner = first_inner(p, base)?;
    let span = span_of(&inner, base);
    let inner_whole = inner.clone();
    match inner.as_rule() {
        Rule::bound => {
            let mut it = inner.into_inner();
            let op_pair = next_pair(&mut it, &inner_whole, base)?;
            let op = cmp_of(op_pair.as_rule()).ok_or_else(|| malformed(&op_pair, base))?;
            let bound = build_bound(next_pair(&mut it, &inner_whole, base)?, base)?;
            Ok(ConstraintAst::Compare { op, bound, span })
        }
        _ => {
            let mut it = inner.into_inner().filter(|q| q.as_rule() != Rule::kw_in);
            let lo_closed = next_pair_f(&mut it, &inner_whole, base)?.as_rule() == Rule::lo_closed;
            let lo = build_bound(next_pair_f(&mut it, &inner_whole, base)?, base)?;
            let hi = build_bound(next_pair_f(&mut it, &inner_whole, base)?, base)?;
            let hi_closed = next_pair_f(&mut it, &inner_whole, base)?.as_rule() == Rule::hi_closed;
            Ok(ConstraintAst::Interval {
                lo_closed,
                lo,
                hi,
                hi_closed,
                span,
            })
        }
    }
}

fn next_pair_f<'i, I: Iterator<Item = Pair<'i, Rule>>>(
    it: &mut I,
    whole: &Pair<'i, Rule>,
    base: usize,
) -> Result<Pair<'i, Rule>, SyntaxError> {
    it.next().ok_or_else(|| malformed(whole, base))
}

fn build_claim(p: Pair<Rule>, base: usize) -> Result<ClaimAst, SyntaxError> {
    let span = span_of(&p, base);
    let inner = first_inner(p, base)?;
    let inner_whole = inner.clone();
    let kind = match inner.as_rule() {
        Rule::lim_claim => {
            let mut it = inner.into_inner();
            let _kw = next_pair(&mut it, &inner_whole, base)?;
            let expr = build_expr(next_pair(&mut it, &inner_whole, base)?, base)?;
            let target = build_bound(next_pair(&mut it, &inner_whole, base)?, base)?;
            ClaimKindAst::Limit { expr, target }
        }
        _ => {
            let mut it = inner.into_inner();
            let lhs = build_expr(next_pair(&mut it, &inner_whole, base)?, base)?;
            let rest = next_pair(&mut it, &inner_whole, base)?;
            let rest_whole = rest.clone();
            match rest.as_rule() {
                Rule::landau_rest => {
                    let mut r = rest.into_inner().filter(|q| q.as_rule() != Rule::kw_in);
                    let l = next_pair_f(&mut r, &rest_whole, base)?;
                    let which = l.into_inner().next().map(|q| q.as_rule());
                    let rel = match which {
                        Some(Rule::big_theta) => Landau::Theta,
                        Some(Rule::big_omega) => Landau::Omega,
                        Some(Rule::little_omega) => Landau::LittleOmega,
                        Some(Rule::little_o) => Landau::LittleO,
                        _ => Landau::BigO,
                    };
                    let rhs = build_expr(next_pair_f(&mut r, &rest_whole, base)?, base)?;
                    ClaimKindAst::Landau { lhs, rel, rhs }
                }
                Rule::similar_rest => {
                    let mut r = rest.into_inner();
                    let rhs = build_expr(next_pair(&mut r, &rest_whole, base)?, base)?;
                    ClaimKindAst::Similar { lhs, rhs }
                }
                _ => {
                    let mut r = rest.into_inner();
                    let op_pair = next_pair(&mut r, &rest_whole, base)?;
                    let op = cmp_of(op_pair.as_rule()).ok_or_else(|| malformed(&op_pair, base))?;
                    let rhs = build_expr(next_pair(&mut r, &rest_whole, base)?, base)?;
                    let range = match r.next() {
                        Some(rg) => Some(build_range(rg, base)?),
                        None => None,
                    };
                    ClaimKindAst::Compare {
                        lhs,
                        op,
                        op_span: span_of(&op_pair, base),
                        rhs,
                        range,
                    }
                }
            }
        }
    };
    Ok(ClaimAst { kind, span })
}

fn build_range(p: Pair<Rule>, base: usize) -> Result<RangeAst, SyntaxError> {
    let inner = first_inner(p, base)?;
    let inner_whole = inner.clone();
    Ok(match inner.as_rule() {
        Rule::kw_eventually => RangeAst::Eventually(span_of(&inner, base)),
        Rule::from_range => {
            let mut it = inner.into_inner().filter(|q| q.as_rule() != Rule::kw_for);
            let var = ident(next_pair_f(&mut it, &inner_whole, base)?, base);
            let op = next_pair_f(&mut it, &inner_whole, base)?;
            let up = op.as_rule() == Rule::le;
            let op_span = span_of(&op, base);
            let bound = build_expr(next_pair_f(&mut it, &inner_whole, base)?, base)?;
            RangeAst::From {
                var,
                up,
                op_span,
                bound,
            }
        }
        _ => {
            let mut it = inner.into_inner().filter(|q| q.as_rule() != Rule::kw_at);
            let var = ident(next_pair_f(&mut it, &inner_whole, base)?, base);
            let value = build_expr(next_pair_f(&mut it, &inner_whole, base)?, base)?;
            RangeAst::At { var, value }
        }
    })
}

fn too_deep(span: Span) -> SyntaxError {
    SyntaxError::new(
        span,
        format!("expression nested too deeply (more than {MAX_DEPTH} levels)"),
    )
}

fn node(kind: ExprKind, span: Span, depth: usize) -> Result<Expr, SyntaxError> {
    if depth > MAX_DEPTH {
        return Err(too_deep(span));
    }
    Ok(Expr { kind, span, depth })
}

/// Builds an expression from an `expr` pair with the Pratt table.
pub fn build_expr(p: Pair<Rule>, base: usize) -> Result<Expr, SyntaxError> {
    crate::stack::guard!(build_expr(p, base));
    PRATT
        .map_primary(|q| build_primary(q, base))
        .map_prefix(|op, rhs| negation(base + op.as_span().start(), rhs?))
        .map_infix(|lhs, op, rhs| {
            let bin = match op.as_rule() {
                Rule::add => BinOp::Add,
                Rule::sub => BinOp::Sub,
                Rule::mul => BinOp::Mul,
                Rule::div => BinOp::Div,
                _ => BinOp::Pow,
            };
            binary(lhs?, bin, rhs?)
        })
        .parse(p.into_inner())
}

/// `-rhs`, its prefix minus at byte `at` of the file.
fn negation(at: usize, rhs: Expr) -> Result<Expr, SyntaxError> {
    let span = at..rhs.span.end;
    let d = rhs.depth + 1;
    node(ExprKind::Neg(Box::new(rhs)), span, d)
}

/// `lhs bin rhs`; a long `+`/`-` or `*` chain is rebalanced.
fn binary(lhs: Expr, bin: BinOp, rhs: Expr) -> Result<Expr, SyntaxError> {
    let span = lhs.span.start..rhs.span.end;
    let d = lhs.depth.max(rhs.depth) + 1;
    if d > REBALANCE_DEPTH && matches!(bin, BinOp::Add | BinOp::Sub | BinOp::Mul) {
        return Ok(rebalance(bin, lhs, rhs));
    }
    node(ExprKind::Bin(bin, Box::new(lhs), Box::new(rhs)), span, d)
}

/// Depth from which a long left-leaning chain of `+`/`-` (or of `*`) is
/// rebuilt as a balanced tree, so that a sum of thousands of terms is not
/// "nested too deeply". Shorter chains keep the shape they were written in.
const REBALANCE_DEPTH: usize = crate::limits::LIMITS.rebalance_depth;

/// Rebuilds the chain `lhs op rhs` (following `lhs`'s left spine through the
/// same group of operators) as a balanced tree of the same value and the same
/// domain: `a - b + c - d` becomes `(a - b) + (c - d)` and `-c + d` groups as
/// `-(c - d)`; products regroup only when the chain has no division (`a/(c/d)`
/// would add the requirement `d != 0`). Iterative over the spine; the rebuild
/// recurses only log2(terms) deep.
fn rebalance(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    let additive = matches!(op, BinOp::Add | BinOp::Sub);
    let in_group = |b: BinOp| {
        if additive {
            matches!(b, BinOp::Add | BinOp::Sub)
        } else {
            b == BinOp::Mul
        }
    };
    // (negated, operand), rightmost first while walking the spine.
    let mut items = vec![(op == BinOp::Sub, rhs)];
    let mut cur = lhs;
    loop {
        match cur.kind {
            ExprKind::Bin(b, l, r) if in_group(b) => {
                items.push((b == BinOp::Sub, *r));
                cur = *l;
            }
            kind => {
                items.push((false, Expr { kind, ..cur }));
                break;
            }
        }
    }
    items.reverse();
    build_balanced(items, additive)
}

/// A balanced tree over signed operands whose first operand is positive.
fn build_balanced(mut items: Vec<(bool, Expr)>, additive: bool) -> Expr {
    crate::stack::guard!(build_balanced(items, additive));
    if items.len() == 1 {
        if let Some((_, e)) = items.pop() {
            return e;
        }
    }
    let right = items.split_off(items.len() / 2);
    let left = build_balanced(items, additive);
    let negate_right = right.first().is_some_and(|(neg, _)| *neg);
    let right: Vec<(bool, Expr)> = if negate_right {
        right.into_iter().map(|(neg, e)| (!neg, e)).collect()
    } else {
        right
    };
    let right = build_balanced(right, additive);
    let bin = match (additive, negate_right) {
        (true, true) => BinOp::Sub,
        (true, false) => BinOp::Add,
        _ => BinOp::Mul,
    };
    let span = left.span.start..right.span.end;
    let depth = left.depth.max(right.depth) + 1;
    Expr {
        kind: ExprKind::Bin(bin, Box::new(left), Box::new(right)),
        span,
        depth,
    }
}

fn build_primary(p: Pair<Rule>, base: usize) -> Result<Expr, SyntaxError> {
    crate::stack::guard!(build_primary(p, base));
    let span = span_of(&p, base);
    match p.as_rule() {
        Rule::number => {
            let q = parse_number(p.as_str()).map_err(|m| SyntaxError::new(span.clone(), m))?;
            node(ExprKind::Num(q), span, 1)
        }
        Rule::pi_const => node(ExprKind::Pi, span, 1),
        Rule::name => node(ExprKind::Name(p.as_str().trim().to_string()), span, 1),
        Rule::paren => {
            let inner = first_inner(p, base)?;
            let mut e = build_expr(inner, base)?;
            e.span = span;
            Ok(e)
        }
        Rule::call => {
            let mut it = p.into_inner();
            let name = match it.next() {
                Some(n) => ident(n, base),
                None => return Err(SyntaxError::new(span, "malformed call")),
            };
            let mut args = Vec::new();
            let mut d = 0;
            for a in it {
                let e = build_expr(a, base)?;
                d = d.max(e.depth);
                args.push(e);
            }
            node(ExprKind::Call(name, args), span, d + 1)
        }
        Rule::extremum => {
            let whole = p.clone();
            let mut it = p.into_inner();
            let kw = next_pair(&mut it, &whole, base)?;
            let var = ident(next_pair(&mut it, &whole, base)?, base);
            let constraint = Box::new(build_constraint(next_pair(&mut it, &whole, base)?, base)?);
            let body = build_expr(next_pair(&mut it, &whole, base)?, base)?;
            let d = body.depth + 1;
            let kind = ExprKind::Extremum {
                sup: kw.as_rule() == Rule::kw_sup,
                var,
                constraint,
                body: Box::new(body),
            };
            node(kind, span, d)
        }
        Rule::least => {
            let whole = p.clone();
            let mut it = p.into_inner().filter(|q| q.as_rule() != Rule::kw_least);
            let var = ident(next_pair_f(&mut it, &whole, base)?, base);
            let _ge = next_pair_f(&mut it, &whole, base)?;
            let from = build_expr(next_pair_f(&mut it, &whole, base)?, base)?;
            let lhs = build_expr(next_pair_f(&mut it, &whole, base)?, base)?;
            let op_pair = next_pair_f(&mut it, &whole, base)?;
            let op = cmp_of(op_pair.as_rule()).ok_or_else(|| malformed(&op_pair, base))?;
            let rhs = build_expr(next_pair_f(&mut it, &whole, base)?, base)?;
            let d = from.depth.max(lhs.depth).max(rhs.depth) + 1;
            let kind = ExprKind::Least {
                var,
                from: Box::new(from),
                lhs: Box::new(lhs),
                op,
                op_span: span_of(&op_pair, base),
                rhs: Box::new(rhs),
            };
            node(kind, span, d)
        }
        Rule::expr => build_expr(p, base),
        _ => Err(malformed(&p, base)),
    }
}

/// Parses a number literal (`42`, `0.05`, `1e6`, `2.5e-3`) exactly.
pub fn parse_number(s: &str) -> Result<Q, String> {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    let m = match small_digits(int_part, frac_part) {
        Some(v) => BigInt::from(v),
        None => {
            let digits = format!("{int_part}{frac_part}");
            BigInt::parse_bytes(digits.as_bytes(), 10)
                .ok_or_else(|| format!("malformed number `{s}`"))?
        }
    };
    let mut e10: i128 = 0;
    if let Some(ex) = exponent {
        let (neg, body) = match ex.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, ex.strip_prefix('+').unwrap_or(ex)),
        };
        let body = body.trim_start_matches('0');
        if body.len() > 6 {
            return Err(format!(
                "exponent too large in `{}` (at most {MAX_EXPONENT})",
                short(s)
            ));
        }
        let v: u64 = if body.is_empty() {
            0
        } else {
            body.parse()
                .map_err(|_| format!("malformed number `{}`", short(s)))?
        };
        if v > MAX_EXPONENT {
            return Err(format!(
                "exponent too large in `{}` (at most {MAX_EXPONENT})",
                short(s)
            ));
        }
        e10 = if neg { -(v as i128) } else { v as i128 };
    }
    e10 -= frac_part.len() as i128;
    let ten = BigInt::from(10);
    let scale = |k: i128| -> BigInt {
        match u32::try_from(k.unsigned_abs()) {
            Ok(k) if k <= 19 => BigInt::from(10u64.pow(k)),
            _ => num_traits::pow(ten.clone(), k.unsigned_abs() as usize),
        }
    };
    if m.is_zero() {
        return Ok(Q::zero());
    }
    Ok(if e10 >= 0 {
        Q::from_integer(m * scale(e10))
    } else {
        Q::new(m, scale(e10))
    })
}

/// The digits `int_part` then `frac_part` as one integer, when there are
/// 1 to 19 of them, all ASCII digits (so that the value fits a `u64`).
fn small_digits(int_part: &str, frac_part: &str) -> Option<u64> {
    let n = int_part.len() + frac_part.len();
    if n == 0 || n > 19 {
        return None;
    }
    let mut v: u64 = 0;
    for b in int_part.bytes().chain(frac_part.bytes()) {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(b - b'0');
    }
    Some(v)
}

fn short(s: &str) -> String {
    if s.chars().count() > 20 {
        let head: String = s.chars().take(17).collect();
        format!("{head}...")
    } else {
        s.to_string()
    }
}

/// Is `w` the name of a built-in function?
pub fn is_builtin(w: &str) -> bool {
    matches!(
        w,
        "sqrt" | "exp" | "log" | "ln" | "log2" | "log10" | "min" | "max" | "abs"
    )
}

#[cfg(test)]
mod fast_tests;
#[cfg(test)]
mod tests;
