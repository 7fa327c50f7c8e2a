//! The fast path of the parser: a hand-written predictive parser for the
//! statements files are made of, which builds the same AST as the pest
//! grammar (`grammar/bnd.pest`) without pest's backtracking and pairs. It
//! never reports an error: on anything it does not follow exactly (a syntax
//! error, a non-ASCII character outside comments and strings, `inf`, `sup`
//! and `least`, a choice where the grammar would backtrack after consuming
//! input) it gives up and the chunk is parsed by pest, which decides and
//! words every error. So pest stays the definition of the language; this
//! parser only has to be right on what it accepts, and a differential test
//! (`fast_tests.rs`) compares the two on every example file and on mutated
//! copies of them.
//!
//! Spans follow pest's rules exactly: between the elements of a sequence
//! pest skips white space and comments, and an optional or repeated element
//! that matches nothing leaves that skip inside the rule's span, while a
//! repetition's failed iteration gives its skip back. Each function below
//! mirrors the sequence of its grammar rule to keep those positions.

use super::ast::*;
use super::{binary, binding_power, negation, node, parse_number, NEG_BINDING_POWER};
use crate::ir::{Cmp, Command, Landau};
use pest::pratt_parser::Assoc;

/// The fast path gave up; pest decides.
struct Bail;

type R<T> = Result<T, Bail>;

/// One element of an expression before precedence is applied.
enum Item {
    /// A prefix minus at this byte of the chunk.
    Neg(usize),
    Primary(Expr),
    Op(BinOp),
}

/// The statement of `text` (a chunk starting at byte `base` of the file), if
/// the fast path parses it; `None` when pest must.
pub(super) fn parse_chunk(text: &str, base: usize) -> Option<Stmt> {
    if !plain(text.as_bytes()) {
        return None;
    }
    let mut p = Fast {
        s: text.as_bytes(),
        text,
        pos: 0,
        base,
    };
    p.skip();
    let stmt = p.statement().ok()?;
    p.skip();
    (p.pos == p.s.len()).then_some(stmt)
}

/// The expression `text` (the rule `expression_only`), if the fast path
/// parses it.
pub(super) fn parse_expression(text: &str) -> Option<Expr> {
    if !plain(text.as_bytes()) {
        return None;
    }
    let mut p = Fast {
        s: text.as_bytes(),
        text,
        pos: 0,
        base: 0,
    };
    p.skip();
    let e = p.expr().ok()?;
    p.skip();
    (p.pos == p.s.len()).then_some(e)
}

/// Is every byte outside comments and string literals ASCII? Then no rule
/// with a non-ASCII spelling (`≤`, `·`, `π`, `∞`, Unicode names, the
/// byte-order mark) can match, and every decision below is on ASCII bytes.
/// Comments and strings are found as pest finds them in a parse that
/// succeeds: scanning from the left, `#` to the end of the line and `"` to
/// the next `"` or line end.
fn plain(s: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        match b {
            b'#' => {
                while s.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while s.get(i).is_some_and(|&c| c != b'"' && c != b'\n') {
                    i += 1;
                }
                i += 1;
            }
            b if b >= 0x80 => return false,
            _ => i += 1,
        }
    }
    true
}

fn ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

struct Fast<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    base: usize,
}

impl Fast<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        self.base + start..self.base + end
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    /// pest's implicit skip: white space and comments, in any order.
    fn skip(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'#' => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
    }

    fn at(&self, lit: &[u8]) -> bool {
        self.s.get(self.pos..).is_some_and(|r| r.starts_with(lit))
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        let yes = self.at(lit);
        if yes {
            self.pos += lit.len();
        }
        yes
    }

    fn expect(&mut self, lit: &[u8]) -> R<()> {
        if self.eat(lit) {
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// A keyword rule (`@{ "word" ~ !ident_char }`) here?
    fn at_kw(&self, word: &[u8]) -> bool {
        self.at(word)
            && !self
                .s
                .get(self.pos + word.len())
                .is_some_and(|&b| ident_byte(b))
    }

    fn eat_kw(&mut self, word: &[u8]) -> bool {
        let yes = self.at_kw(word);
        if yes {
            self.pos += word.len();
        }
        yes
    }

    fn word_end(&self, from: usize) -> usize {
        let mut i = from;
        while self.s.get(i).is_some_and(|&b| ident_byte(b)) {
            i += 1;
        }
        i
    }

    /// `ident`.
    fn ident(&mut self) -> R<Ident> {
        if !self.peek().is_some_and(ident_start) {
            return Err(Bail);
        }
        let start = self.pos;
        self.pos = self.word_end(start);
        Ok(Ident {
            name: self.text[start..self.pos].to_string(),
            span: self.span(start, self.pos),
        })
    }

    /// `qualified`: `ident ("." ident)*` without white space.
    fn qualified(&mut self) -> R<Ident> {
        let start = self.pos;
        self.ident()?;
        while self.at(b".") && self.s.get(self.pos + 1).is_some_and(|&b| ident_start(b)) {
            self.pos = self.word_end(self.pos + 1);
        }
        Ok(Ident {
            name: self.text[start..self.pos].to_string(),
            span: self.span(start, self.pos),
        })
    }

    /// `string`: its text and its span (quotes included).
    fn string(&mut self) -> R<(String, Span)> {
        let start = self.pos;
        self.expect(b"\"")?;
        while self.peek().is_some_and(|c| c != b'"' && c != b'\n') {
            self.pos += 1;
        }
        let text = self.text[start + 1..self.pos].to_string();
        self.expect(b"\"")?;
        Ok((text, self.span(start, self.pos)))
    }

    /// `ident ~ ("," ~ ident)*` (after the first name, the skip before the
    /// repetition stays; a failed iteration gives its skip back).
    fn ident_list(&mut self) -> R<Vec<Ident>> {
        self.comma_list(Self::ident)
    }

    /// `item ~ ("," ~ item)*`, the shape of every list of the grammar: the
    /// skip after the first item stays, a failed repetition gives its skip
    /// back.
    fn comma_list<T>(&mut self, mut item: impl FnMut(&mut Self) -> R<T>) -> R<Vec<T>> {
        let mut out = vec![item(self)?];
        self.skip();
        if self.eat(b",") {
            self.skip();
            out.push(item(self)?);
            loop {
                let save = self.pos;
                self.skip();
                if !self.eat(b",") {
                    self.pos = save;
                    break;
                }
                self.skip();
                out.push(item(self)?);
            }
        }
        Ok(out)
    }

    // ---- statements ----

    fn statement(&mut self) -> R<Stmt> {
        let start = self.pos;
        let kind = if self.eat_kw(b"var") {
            self.skip();
            let id = self.ident()?;
            self.skip();
            let target = if self.eat(b"->") {
                self.skip();
                Some(self.endpoint()?)
            } else {
                None
            };
            StmtKind::Var(id, target)
        } else if self.eat_kw(b"param") {
            self.skip();
            let names = self.ident_list()?;
            self.skip();
            let constraint = self.constraint()?;
            StmtKind::Param { names, constraint }
        } else if self.eat_kw(b"fn") {
            self.skip();
            StmtKind::Fn(self.ident_list()?)
        } else if self.eat_kw(b"let") {
            self.skip();
            let name = self.ident()?;
            self.skip();
            let mut formals = Vec::new();
            if self.eat(b"(") {
                self.skip();
                formals = self.ident_list()?;
                self.skip();
                self.expect(b")")?;
                self.skip();
            }
            self.expect(b"=")?;
            self.skip();
            let body = self.expr()?;
            StmtKind::Let {
                name,
                formals,
                body,
            }
        } else if self.eat_kw(b"assume") {
            self.skip();
            StmtKind::Assume(self.claim()?)
        } else if self.eat_kw(b"import") {
            self.skip();
            let (path, path_span) = self.string()?;
            self.skip();
            let alias = if self.eat_kw(b"as") {
                self.skip();
                Some(self.ident()?)
            } else {
                None
            };
            StmtKind::Import {
                path,
                path_span,
                alias,
            }
        } else if self.at_kw(b"check") || self.at_kw(b"refute") {
            let command = if self.eat_kw(b"check") {
                Command::Check
            } else {
                self.pos += b"refute".len();
                Command::Refute
            };
            self.skip();
            let mut label = None;
            if self.at(b"\"") {
                label = Some(self.string()?.0);
                self.skip();
                self.expect(b":")?;
                self.skip();
            }
            let claim = self.claim()?;
            self.skip();
            let wheres = self.where_clause()?;
            StmtKind::Claim {
                command,
                label,
                claim,
                wheres,
            }
        } else if self.eat_kw(b"show") {
            self.skip();
            let (show, text_span) = self.show_body()?;
            self.skip();
            let wheres = self.where_clause()?;
            StmtKind::Show {
                show,
                text_span,
                wheres,
            }
        } else if self.eat_kw(b"plot") {
            self.skip();
            StmtKind::Plot(self.plot()?)
        } else {
            return Err(Bail);
        };
        Ok(Stmt {
            kind,
            span: self.span(start, self.pos),
        })
    }

    /// `crossover | show_when | show_value | expr`, with the body's span.
    fn show_body(&mut self) -> R<(ShowAst, Span)> {
        let start = self.pos;
        let show = if self.eat_kw(b"crossover") {
            self.skip();
            let lhs = self.expr()?;
            self.skip();
            let (op, op_span) = self.comparison()?;
            self.skip();
            let rhs = self.expr()?;
            ShowAst::Crossover {
                lhs,
                op,
                op_span,
                rhs,
            }
        } else if self.eat_kw(b"when") {
            self.skip();
            ShowAst::When(self.claim()?)
        } else {
            let expr = self.expr()?;
            let end = self.pos;
            self.skip();
            if self.eat_kw(b"at") {
                let (var, at) = self.at_range()?;
                ShowAst::Value { expr, var, at }
            } else {
                // `show_value` fails without `at`; the `expr` alternative
                // ends where the expression ends.
                self.pos = end;
                ShowAst::Expr(expr)
            }
        };
        Ok((show, self.span(start, self.pos)))
    }

    /// After `plot`: `plot_exprs ~ kw_for ~ ident ~ kw_in ~ plot_range ~
    /// kw_linear? ~ where_clause?`.
    fn plot(&mut self) -> R<PlotAst> {
        let exprs = self.comma_list(Self::expr)?;
        self.skip();
        if !self.eat_kw(b"for") {
            return Err(Bail);
        }
        self.skip();
        let var = self.ident()?;
        self.skip();
        if !self.eat_kw(b"in") {
            return Err(Bail);
        }
        self.skip();
        let range_start = self.pos;
        self.expect(b"[")?;
        self.skip();
        let lo = self.expr()?;
        self.skip();
        self.expect(b",")?;
        self.skip();
        let hi = self.expr()?;
        self.skip();
        self.expect(b"]")?;
        let range_span = self.span(range_start, self.pos);
        self.skip();
        let linear = self.eat_kw(b"linear");
        self.skip();
        let wheres = self.where_clause()?;
        Ok(PlotAst {
            exprs,
            var,
            lo,
            hi,
            range_span,
            linear,
            wheres,
        })
    }

    /// `where_clause?` (nothing when no `where` follows).
    fn where_clause(&mut self) -> R<Vec<Assign>> {
        if !self.eat_kw(b"where") {
            return Ok(Vec::new());
        }
        self.skip();
        self.comma_list(Self::assignment)
    }

    fn assignment(&mut self) -> R<Assign> {
        let name = self.qualified()?;
        self.skip();
        self.expect(b"=")?;
        self.skip();
        let value = self.expr()?;
        Ok(Assign { name, value })
    }

    /// `constraint?` (`None` when neither a bound nor `in` follows).
    fn constraint(&mut self) -> R<Option<ConstraintAst>> {
        let start = self.pos;
        if self.at(b"<") || self.at(b">") {
            let op = if self.eat(b"<=") {
                Cmp::Le
            } else if self.eat(b">=") {
                Cmp::Ge
            } else if self.eat(b"<") {
                Cmp::Lt
            } else {
                self.pos += 1;
                Cmp::Gt
            };
            self.skip();
            let bound = self.endpoint()?;
            return Ok(Some(ConstraintAst::Compare {
                op,
                bound,
                span: self.span(start, self.pos),
            }));
        }
        if !self.eat_kw(b"in") {
            return Ok(None);
        }
        self.skip();
        let lo_closed = if self.eat(b"[") {
            true
        } else {
            self.expect(b"(")?;
            false
        };
        self.skip();
        let lo = self.endpoint()?;
        self.skip();
        self.expect(b",")?;
        self.skip();
        let hi = self.endpoint()?;
        self.skip();
        let hi_closed = if self.eat(b"]") {
            true
        } else {
            self.expect(b")")?;
            false
        };
        Ok(Some(ConstraintAst::Interval {
            lo_closed,
            lo,
            hi,
            hi_closed,
            span: self.span(start, self.pos),
        }))
    }

    /// `endpoint` and `limit_target`: `neg_inf | pos_inf | expr`.
    fn endpoint(&mut self) -> R<Bound> {
        let start = self.pos;
        if self.at(b"-") {
            self.pos += 1;
            self.skip();
            if self.eat_kw(b"oo") {
                return Ok(Bound::NegInf(self.span(start, self.pos)));
            }
            self.pos = start;
        } else if self.eat(b"+") {
            self.skip();
            if self.eat_kw(b"oo") {
                return Ok(Bound::PosInf(self.span(start, self.pos)));
            }
            return Err(Bail);
        } else if self.eat_kw(b"oo") {
            return Ok(Bound::PosInf(self.span(start, self.pos)));
        }
        Ok(Bound::Finite(self.expr()?))
    }

    /// `le | ge | ne | eq | lt | gt`.
    fn comparison(&mut self) -> R<(Cmp, Span)> {
        let start = self.pos;
        let op = if self.eat(b"<=") {
            Cmp::Le
        } else if self.eat(b">=") {
            Cmp::Ge
        } else if self.eat(b"!=") {
            Cmp::Ne
        } else if self.eat(b"==") {
            Cmp::Eq
        } else if self.eat(b"<") {
            Cmp::Lt
        } else if self.eat(b">") {
            Cmp::Gt
        } else {
            return Err(Bail);
        };
        Ok((op, self.span(start, self.pos)))
    }

    // ---- claims ----

    /// `claim`: `lim_claim | rel_claim`.
    fn claim(&mut self) -> R<ClaimAst> {
        let start = self.pos;
        let kind = if self.eat_kw(b"lim") {
            self.skip();
            let expr = self.expr()?;
            self.skip();
            self.expect(b"=")?;
            self.skip();
            let target = self.endpoint()?;
            ClaimKindAst::Limit { expr, target }
        } else {
            self.rel_claim()?
        };
        Ok(ClaimAst {
            kind,
            span: self.span(start, self.pos),
        })
    }

    /// `expr ~ (landau_rest | similar_rest | cmp_rest)`.
    fn rel_claim(&mut self) -> R<ClaimKindAst> {
        let lhs = self.expr()?;
        self.skip();
        let landau = if self.at(b"=") && !self.at(b"==") {
            self.pos += 1;
            self.skip();
            if self.at(b"=") {
                return Err(Bail);
            }
            true
        } else {
            self.eat_kw(b"in")
        };
        if landau {
            self.skip();
            let end = self.word_end(self.pos);
            let rel = match &self.s[self.pos..end] {
                b"Theta" => Landau::Theta,
                b"Omega" => Landau::Omega,
                b"omega" => Landau::LittleOmega,
                b"O" => Landau::BigO,
                b"o" => Landau::LittleO,
                _ => return Err(Bail),
            };
            self.pos = end;
            self.skip();
            self.expect(b"(")?;
            self.skip();
            let rhs = self.expr()?;
            self.skip();
            self.expect(b")")?;
            return Ok(ClaimKindAst::Landau { lhs, rel, rhs });
        }
        if self.eat(b"~") {
            self.skip();
            let rhs = self.expr()?;
            return Ok(ClaimKindAst::Similar { lhs, rhs });
        }
        let (op, op_span) = self.comparison()?;
        self.skip();
        let rhs = self.expr()?;
        self.skip();
        let range = if self.at_kw(b"eventually") {
            let start = self.pos;
            self.pos += b"eventually".len();
            Some(RangeAst::Eventually(self.span(start, self.pos)))
        } else if self.eat_kw(b"for") {
            self.skip();
            let var = self.ident()?;
            self.skip();
            let op_start = self.pos;
            let up = if self.eat(b"<=") {
                true
            } else {
                self.expect(b">=")?;
                false
            };
            let op_span = self.span(op_start, self.pos);
            self.skip();
            let bound = self.expr()?;
            Some(RangeAst::From {
                var,
                up,
                op_span,
                bound,
            })
        } else if self.eat_kw(b"at") {
            let (var, value) = self.at_range()?;
            Some(RangeAst::At { var, value })
        } else {
            None
        };
        Ok(ClaimKindAst::Compare {
            lhs,
            op,
            op_span,
            rhs,
            range,
        })
    }

    /// The rest of `at_range` after `at`: `ident ~ "=" ~ expr`.
    fn at_range(&mut self) -> R<(Ident, Expr)> {
        self.skip();
        let var = self.ident()?;
        self.skip();
        self.expect(b"=")?;
        self.skip();
        Ok((var, self.expr()?))
    }

    // ---- expressions ----

    /// `expr`: `neg* ~ primary ~ ((add | sub | mul | div | pow) ~ neg* ~
    /// primary)*`, then the Pratt table as in `build_expr`.
    fn expr(&mut self) -> R<Expr> {
        crate::stack::guard!(self.expr());
        let mut items = Vec::new();
        self.operand(&mut items)?;
        self.skip();
        if let Some(op) = self.operator() {
            items.push(Item::Op(op));
            self.skip();
            self.operand(&mut items)?;
            loop {
                let save = self.pos;
                self.skip();
                match self.operator() {
                    Some(op) => {
                        items.push(Item::Op(op));
                        self.skip();
                        self.operand(&mut items)?;
                    }
                    None => {
                        self.pos = save;
                        break;
                    }
                }
            }
        }
        let mut items = items.into_iter().peekable();
        let e = self.pratt(&mut items, 0)?;
        match items.next() {
            None => Ok(e),
            Some(_) => Err(Bail),
        }
    }

    /// An infix operator here (consumed).
    fn operator(&mut self) -> Option<BinOp> {
        let op = match self.peek()? {
            b'+' => BinOp::Add,
            b'-' => BinOp::Sub,
            b'*' => BinOp::Mul,
            b'/' => BinOp::Div,
            b'^' => BinOp::Pow,
            _ => return None,
        };
        self.pos += 1;
        Some(op)
    }

    /// `neg* ~ primary`.
    fn operand(&mut self, items: &mut Vec<Item>) -> R<()> {
        while self.at(b"-") {
            items.push(Item::Neg(self.pos));
            self.pos += 1;
            self.skip();
        }
        self.skip();
        let e = self.primary()?;
        items.push(Item::Primary(e));
        Ok(())
    }

    /// pest's Pratt parser over the items, with the binding powers of the
    /// one precedence table (`LEVELS` in `mod.rs`: `+` `-` 20, `*` `/` 30,
    /// prefix minus 40, `^` 50 right-associative).
    fn pratt(
        &self,
        items: &mut std::iter::Peekable<std::vec::IntoIter<Item>>,
        rbp: u32,
    ) -> R<Expr> {
        crate::stack::guard!(self.pratt(items, rbp));
        let mut lhs = match items.next() {
            Some(Item::Neg(at)) => {
                let rhs = self.pratt(items, NEG_BINDING_POWER - 1)?;
                negation(self.base + at, rhs).map_err(|_| Bail)?
            }
            Some(Item::Primary(e)) => e,
            _ => return Err(Bail),
        };
        loop {
            let lbp = match items.peek() {
                None => 0,
                Some(Item::Op(op)) => binding_power(*op).0,
                Some(_) => return Err(Bail),
            };
            if rbp >= lbp {
                return Ok(lhs);
            }
            let Some(Item::Op(op)) = items.next() else {
                return Err(Bail);
            };
            let rhs = match binding_power(op) {
                (p, Assoc::Right) => self.pratt(items, p - 1)?,
                (p, Assoc::Left) => self.pratt(items, p)?,
            };
            lhs = binary(lhs, op, rhs).map_err(|_| Bail)?;
        }
    }

    /// `primary`: `number | pi_const | extremum | least | call | name |
    /// paren` (`inf`, `sup` and `least` are left to pest).
    fn primary(&mut self) -> R<Expr> {
        let start = self.pos;
        let b = self.peek().ok_or(Bail)?;
        if b.is_ascii_digit() {
            return self.number();
        }
        if b == b'(' {
            self.pos += 1;
            self.skip();
            let mut e = self.expr()?;
            self.skip();
            self.expect(b")")?;
            e.span = self.span(start, self.pos);
            return Ok(e);
        }
        if !ident_start(b) {
            return Err(Bail);
        }
        let end = self.word_end(start);
        match &self.s[start..end] {
            b"pi" => {
                self.pos = end;
                return node(ExprKind::Pi, self.span(start, end), 1).map_err(|_| Bail);
            }
            b"inf" | b"sup" | b"least" => return Err(Bail),
            _ => {}
        }
        let name = self.qualified()?;
        let after = self.pos;
        self.skip();
        if !self.eat(b"(") {
            self.pos = after;
            let span = name.span.clone();
            return node(ExprKind::Name(name.name), span, 1).map_err(|_| Bail);
        }
        self.skip();
        let mut args = Vec::new();
        if !self.at(b")") {
            args.push(self.expr()?);
            loop {
                self.skip();
                if !self.eat(b",") {
                    break;
                }
                self.skip();
                args.push(self.expr()?);
            }
        }
        self.skip();
        self.expect(b")")?;
        let d = args.iter().map(|a| a.depth).max().unwrap_or(0);
        node(
            ExprKind::Call(name, args),
            self.span(start, self.pos),
            d + 1,
        )
        .map_err(|_| Bail)
    }

    /// `number`: digits, an optional fraction, an optional exponent (each
    /// optional part only when complete, as pest backtracks).
    fn number(&mut self) -> R<Expr> {
        let start = self.pos;
        let digits = |s: &[u8], mut i: usize| {
            while s.get(i).is_some_and(|b| b.is_ascii_digit()) {
                i += 1;
            }
            i
        };
        let mut i = digits(self.s, start);
        if self.s.get(i) == Some(&b'.') && self.s.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
            i = digits(self.s, i + 1);
        }
        if matches!(self.s.get(i), Some(b'e' | b'E')) {
            let mut j = i + 1;
            if matches!(self.s.get(j), Some(b'+' | b'-')) {
                j += 1;
            }
            if self.s.get(j).is_some_and(|b| b.is_ascii_digit()) {
                i = digits(self.s, j);
            }
        }
        self.pos = i;
        let q = parse_number(&self.text[start..i]).map_err(|_| Bail)?;
        node(ExprKind::Num(q), self.span(start, i), 1).map_err(|_| Bail)
    }
}
