//! The spanned syntax tree of a `.bnd` file: every node carries the byte
//! range it was parsed from (offsets into the whole file, not the chunk), so
//! that the lowering can point its errors at the exact place.

use crate::ir::{Cmp, Command, Landau, Q};
use std::ops::Range;

/// A byte range in the file's text.
pub type Span = Range<usize>;

/// A name as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// Binary operators, in the Pratt table's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An exact number literal.
    Num(Q),
    /// `pi` or `π`.
    Pi,
    /// A name (variable, parameter, `fn`, `let` definition, or a mistake).
    Name(String),
    Neg(Box<Expr>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `f(a, ...)`: a built-in or a user function.
    Call(Ident, Vec<Expr>),
    /// `inf X CONSTRAINT: BODY` (`sup` when `sup` is true): the infimum
    /// (supremum) of the body over the bound variable X.
    Extremum {
        sup: bool,
        var: Ident,
        constraint: Box<ConstraintAst>,
        body: Box<Expr>,
    },
    /// `least X >= FROM: LHS OP RHS`: the least real N >= FROM such that the
    /// comparison holds for every real X >= N.
    Least {
        var: Ident,
        from: Box<Expr>,
        lhs: Box<Expr>,
        op: Cmp,
        op_span: Span,
        rhs: Box<Expr>,
    },
}

/// An expression with its span and its tree depth (a leaf has depth 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    pub depth: usize,
}

/// One end of a parameter's constraint or a limit target.
#[derive(Clone, Debug, PartialEq)]
pub enum Bound {
    Finite(Expr),
    PosInf(Span),
    NegInf(Span),
}

impl Bound {}

/// A parameter constraint as written.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstraintAst {
    /// `> q`, `>= q`, `< q`, `<= q`.
    Compare { op: Cmp, bound: Bound, span: Span },
    /// `in (a, b)`, `in [a, b]`, `in (a, b]`, `in [a, b)`.
    Interval {
        lo_closed: bool,
        lo: Bound,
        hi: Bound,
        hi_closed: bool,
        span: Span,
    },
}

/// Where a comparison must hold.
#[derive(Clone, Debug, PartialEq)]
pub enum RangeAst {
    Eventually(Span),
    /// `for n >= N` (`up` false) or `for eps <= E` (`up` true, a variable
    /// tending to 0); `op_span` is the span of the operator.
    From {
        var: Ident,
        up: bool,
        op_span: Span,
        bound: Expr,
    },
    /// `at n = N`.
    At {
        var: Ident,
        value: Expr,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum ClaimKindAst {
    Landau {
        lhs: Expr,
        rel: Landau,
        rhs: Expr,
    },
    Similar {
        lhs: Expr,
        rhs: Expr,
    },
    Limit {
        expr: Expr,
        target: Bound,
    },
    /// `A op B` with an optional range (`==`/`!=` alone are (in)equalities
    /// for every n).
    Compare {
        lhs: Expr,
        op: Cmp,
        op_span: Span,
        rhs: Expr,
        range: Option<RangeAst>,
    },
}

/// A claim with the span of its text (without label and `where`).
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimAst {
    pub kind: ClaimKindAst,
    pub span: Span,
}

/// `name = value` in a `where` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Assign {
    pub name: Ident,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ShowAst {
    Expr(Expr),
    /// `show EXPR at n = N`: the value at one point.
    Value {
        expr: Expr,
        var: Ident,
        at: Expr,
    },
    Crossover {
        lhs: Expr,
        op: Cmp,
        op_span: Span,
        rhs: Expr,
    },
    /// `show when CLAIM`: the admissible parameter values split into
    /// regions, a verdict on each.
    When(ClaimAst),
}

/// `plot A, B, ... for n in [LO, HI] [linear] [where ...]`.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotAst {
    /// The curves, in the order written (at least one).
    pub exprs: Vec<Expr>,
    /// The name after `for` (must be the file's variable).
    pub var: Ident,
    pub lo: Expr,
    pub hi: Expr,
    /// The span of `[LO, HI]`.
    pub range_span: Span,
    /// `linear` after the range: linear axes instead of log–log.
    pub linear: bool,
    pub wheres: Vec<Assign>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `var n`, or `var eps -> TARGET` (only `0` and `oo` are accepted by
    /// the lowering).
    Var(Ident, Option<Bound>),
    Param {
        names: Vec<Ident>,
        constraint: Option<ConstraintAst>,
    },
    Fn(Vec<Ident>),
    Let {
        name: Ident,
        formals: Vec<Ident>,
        body: Expr,
    },
    Assume(ClaimAst),
    Import {
        path: String,
        path_span: Span,
        /// `import "file.bnd" as alias`: the file's names are `alias.name`.
        alias: Option<Ident>,
    },
    Claim {
        command: Command,
        label: Option<String>,
        claim: ClaimAst,
        wheres: Vec<Assign>,
    },
    Show {
        show: ShowAst,
        /// The span after `show` up to `where` (for the show's text).
        text_span: Span,
        wheres: Vec<Assign>,
    },
    Plot(PlotAst),
}

/// A statement and its span (from its keyword to its last token).
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}
