//! The intermediate representation every later stage consumes: lowered
//! expressions (names substituted, numbers exact), parameter constraints and
//! claims, and how the asymptotic variable is named and printed
//! (`variable`). Produced by `lower`, read by `simplify`, `asymptotic`,
//! `exact`, `threshold`, `hypothesis` and `decide`. No stage mutates it.

use num_bigint::BigInt;
use num_traits::{One, Signed};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

mod decision;
mod variable;

pub use decision::{Budget, Cause, Certificate, Decision, Evidence, Point, SignQuestion, Verdict};

pub use variable::{
    describe_var, in_reciprocal, large, reciprocal_text, var_at, var_from, var_log, var_name,
    var_power, zero_var,
};

/// Exact rational number.
pub use crate::rational::Q;

/// A built-in function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Func {
    Sqrt,
    Exp,
    Log,
    Log2,
    Log10,
    Abs,
    Min,
    Max,
}

impl Func {
    pub fn name(self) -> &'static str {
        match self {
            Func::Sqrt => "sqrt",
            Func::Exp => "exp",
            Func::Log => "log",
            Func::Log2 => "log2",
            Func::Log10 => "log10",
            Func::Abs => "abs",
            Func::Min => "min",
            Func::Max => "max",
        }
    }
}

/// A lowered expression in the asymptotic variable. `let` names are already
/// substituted; `Param` names refer to `Program::params`.
///
/// Operands are shared (`Arc`): the engines copy expressions constantly
/// (memo keys, substitutions, both sides of a claim, candidate functions),
/// and a copy shares its sub-trees instead of duplicating them; a tree is
/// never mutated in place, so sharing is invisible to every walk.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Expr {
    /// The asymptotic variable (usually `n`), tending to +oo.
    Var,
    /// An exact rational constant.
    Num(Q),
    /// The constant pi.
    Pi,
    /// A declared parameter: a real constant constrained by its declaration.
    Param(String),
    /// An unknown function of the variable declared with `fn` (not decided in v0).
    Fn(String),
    Neg(Arc<Expr>),
    Add(Arc<Expr>, Arc<Expr>),
    Sub(Arc<Expr>, Arc<Expr>),
    Mul(Arc<Expr>, Arc<Expr>),
    Div(Arc<Expr>, Arc<Expr>),
    Pow(Arc<Expr>, Arc<Expr>),
    /// A built-in call; `Min`/`Max` take one or more arguments, the others one.
    Call(Func, Vec<Expr>),
    /// `inf`/`sup`/`least` over a bound variable. The engines never see
    /// one: `crate::optimum` replaces it by what it is equal to (or
    /// asymptotically equivalent to) before a claim is decided.
    Opt(Box<Opt>),
}

/// The direct sub-expressions of one node, left to right
/// ([`Expr::children`]): walks push them once per node, so only an
/// `inf`/`sup`/`least` (rare) allocates.
pub enum Children<'a> {
    /// At most two operands, taken from the front.
    Fixed(Option<&'a Expr>, Option<&'a Expr>),
    Args(std::slice::Iter<'a, Expr>),
    Opt(std::vec::IntoIter<&'a Expr>),
}

impl<'a> Iterator for Children<'a> {
    type Item = &'a Expr;

    fn next(&mut self) -> Option<&'a Expr> {
        match self {
            Children::Fixed(a, b) => a.take().or_else(|| b.take()),
            Children::Args(it) => it.next(),
            Children::Opt(it) => it.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = match self {
            Children::Fixed(a, b) => usize::from(a.is_some()) + usize::from(b.is_some()),
            Children::Args(it) => it.len(),
            Children::Opt(it) => it.len(),
        };
        (n, Some(n))
    }
}

impl ExactSizeIterator for Children<'_> {}

/// What an engine says when it meets an [`Opt`] (the decision layer
/// resolves every one first, so this names a gap, not a verdict).
pub const OPT_UNRESOLVED: &str = "an `inf`, `sup` or `least` that was not resolved";

/// Which optimum an [`Opt`] is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OptKind {
    /// The infimum of the body over the range.
    Inf,
    /// The supremum of the body over the range.
    Sup,
    /// The least real N >= `from` such that `body op rhs` holds for every
    /// real value of the bound variable >= N.
    Least { from: Expr, op: Cmp, rhs: Expr },
}

/// `inf X RANGE: BODY`, `sup X RANGE: BODY`, `least X >= FROM: BODY OP RHS`.
/// The bound variable appears in the body as `Expr::Param(bound)`; its name
/// is unique in the program (see [`bound_name`]), so substituting a
/// definition's arguments never captures it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Opt {
    pub kind: OptKind,
    pub bound: String,
    /// The range of the bound variable (`[from, oo)` for `least` when
    /// `from` is a number; unused otherwise).
    pub range: Constraint,
    pub body: Expr,
}

/// The internal name of a bound variable written `written`: unique per
/// binder (`serial`), shown as written.
pub fn bound_name(written: &str, serial: usize) -> String {
    format!("\u{1}{serial}\u{1}{written}")
}

/// The name of a parameter as the user wrote it (a bound variable's
/// internal prefix removed).
pub fn written_name(p: &str) -> &str {
    match p.strip_prefix('\u{1}') {
        Some(rest) => rest.split_once('\u{1}').map_or(rest, |(_, w)| w),
        None => p,
    }
}

/// Is `p` the name of a bound variable of an `inf`/`sup`/`least`?
pub fn is_bound_name(p: &str) -> bool {
    p.starts_with('\u{1}')
}

impl Opt {
    /// The sub-expressions: the body, then `least`'s start and right side.
    pub fn exprs(&self) -> Vec<&Expr> {
        match &self.kind {
            OptKind::Inf | OptKind::Sup => vec![&self.body],
            OptKind::Least { from, rhs, .. } => vec![&self.body, from, rhs],
        }
    }

    /// The same optimum with `f` applied to each sub-expression.
    pub fn map(&self, f: &dyn Fn(&Expr) -> Expr) -> Opt {
        Opt {
            kind: match &self.kind {
                OptKind::Least { from, op, rhs } => OptKind::Least {
                    from: f(from),
                    op: *op,
                    rhs: f(rhs),
                },
                k => k.clone(),
            },
            bound: self.bound.clone(),
            range: self.range.clone(),
            body: f(&self.body),
        }
    }
}

/// `Expr::add(a, b)` and the other binary constructors: the variant with
/// both operands shared.
macro_rules! binary_constructors {
    ($($name:ident => $variant:ident),*) => {
        $(
            #[allow(clippy::should_implement_trait)]
            pub fn $name(a: Expr, b: Expr) -> Expr {
                Expr::$variant(Arc::new(a), Arc::new(b))
            }
        )*
    };
}

impl Expr {
    pub fn int(i: i64) -> Expr {
        Expr::Num(Q::from_integer(BigInt::from(i)))
    }
    #[cfg(test)]
    pub fn ratio(p: i64, q: i64) -> Expr {
        Expr::Num(Q::new(BigInt::from(p), BigInt::from(q)))
    }
    pub fn param(name: &str) -> Expr {
        Expr::Param(name.to_string())
    }
    binary_constructors!(add => Add, sub => Sub, mul => Mul, div => Div, pow => Pow);
    #[allow(clippy::should_implement_trait)]
    pub fn neg(a: Expr) -> Expr {
        Expr::Neg(Arc::new(a))
    }
    pub fn call1(f: Func, a: Expr) -> Expr {
        Expr::Call(f, vec![a])
    }

    /// The direct sub-expressions, left to right: what an explicit-stack
    /// walk over a tree of user-controlled depth pushes (no recursion).
    pub fn children(&self) -> Children<'_> {
        match self {
            Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) => {
                Children::Fixed(None, None)
            }
            Expr::Neg(a) => Children::Fixed(Some(a), None),
            Expr::Add(a, b)
            | Expr::Sub(a, b)
            | Expr::Mul(a, b)
            | Expr::Div(a, b)
            | Expr::Pow(a, b) => Children::Fixed(Some(a), Some(b)),
            Expr::Call(_, args) => Children::Args(args.iter()),
            Expr::Opt(o) => Children::Opt(o.exprs().into_iter()),
        }
    }

    /// Does the expression contain an `inf`, `sup` or `least`?
    pub fn has_opt(&self) -> bool {
        let mut stack = vec![self];
        while let Some(x) = stack.pop() {
            if matches!(x, Expr::Opt(_)) {
                return true;
            }
            stack.extend(x.children());
        }
        false
    }

    /// Does the expression mention the asymptotic variable (or an unknown `fn`)?
    pub fn has_var(&self) -> bool {
        crate::stack::guard!(self.has_var());
        if let Expr::Var | Expr::Fn(_) = self {
            return true;
        }
        let mut found = false;
        self.for_each_child(|c| found = found || c.has_var());
        found
    }

    /// Does the expression mention an unknown function declared with `fn`?
    pub fn has_fn(&self) -> bool {
        crate::stack::guard!(self.has_fn());
        if let Expr::Fn(_) = self {
            return true;
        }
        let mut found = false;
        self.for_each_child(|c| found = found || c.has_fn());
        found
    }

    /// `f` on each direct sub-expression, left to right (an `inf`'s, `sup`'s
    /// or `least`'s body, range ends and sides included).
    fn for_each_child<'a>(&'a self, mut f: impl FnMut(&'a Expr)) {
        match self {
            Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) => {}
            Expr::Neg(a) => f(a),
            Expr::Add(a, b)
            | Expr::Sub(a, b)
            | Expr::Mul(a, b)
            | Expr::Div(a, b)
            | Expr::Pow(a, b) => {
                f(a);
                f(b);
            }
            Expr::Call(_, args) => args.iter().for_each(f),
            Expr::Opt(o) => o.exprs().into_iter().for_each(f),
        }
    }

    /// Parameter names mentioned, sorted.
    pub fn params(&self) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        self.collect_params(&mut out);
        out
    }

    fn collect_params(&self, out: &mut std::collections::BTreeSet<String>) {
        crate::stack::guard!(self.collect_params(out));
        match self {
            Expr::Param(p) => {
                out.insert(p.clone());
            }
            Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Fn(_) => {}
            Expr::Neg(a) => a.collect_params(out),
            Expr::Add(a, b)
            | Expr::Sub(a, b)
            | Expr::Mul(a, b)
            | Expr::Div(a, b)
            | Expr::Pow(a, b) => {
                a.collect_params(out);
                b.collect_params(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.collect_params(out)),
            Expr::Opt(o) => {
                let mut inner = std::collections::BTreeSet::new();
                o.exprs()
                    .into_iter()
                    .for_each(|a| a.collect_params(&mut inner));
                inner.remove(&o.bound);
                out.extend(inner);
            }
        }
    }

    /// Call `f` on every numeric constant, left to right.
    pub fn visit_nums(&self, f: &mut dyn FnMut(&Q)) {
        crate::stack::guard!(self.visit_nums(f));
        if let Expr::Num(q) = self {
            f(q);
        }
        self.for_each_child(|c| c.visit_nums(f));
    }

    /// Replace parameter `name` by `value` everywhere.
    pub fn subst_param(&self, name: &str, value: &Expr) -> Expr {
        self.map_leaves(&|e| match e {
            Expr::Param(p) if p == name => Some(value.clone()),
            _ => None,
        })
    }

    /// Every parameter and `fn` name written `prefix.name` (a file imported
    /// `as prefix`). Names starting with `\0` (the lowering's placeholders
    /// for a definition's arguments) are left alone.
    pub fn qualify(&self, prefix: &str) -> Expr {
        self.map_leaves(&|e| match e {
            Expr::Param(p) if !p.starts_with('\u{0}') => Some(Expr::Param(format!("{prefix}.{p}"))),
            Expr::Fn(g) => Some(Expr::Fn(format!("{prefix}.{g}"))),
            _ => None,
        })
    }

    /// Replace every node for which `f` answers `Some`, top down (a
    /// replaced node is not visited further).
    pub fn replace_nodes(&self, f: &dyn Fn(&Expr) -> Option<Expr>) -> Expr {
        self.map_leaves(f)
    }

    fn map_leaves(&self, f: &dyn Fn(&Expr) -> Option<Expr>) -> Expr {
        crate::stack::guard!(self.map_leaves(f));
        if let Some(r) = f(self) {
            return r;
        }
        match self {
            Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) => self.clone(),
            Expr::Neg(a) => Expr::neg(a.map_leaves(f)),
            Expr::Add(a, b) => Expr::add(a.map_leaves(f), b.map_leaves(f)),
            Expr::Sub(a, b) => Expr::sub(a.map_leaves(f), b.map_leaves(f)),
            Expr::Mul(a, b) => Expr::mul(a.map_leaves(f), b.map_leaves(f)),
            Expr::Div(a, b) => Expr::div(a.map_leaves(f), b.map_leaves(f)),
            Expr::Pow(a, b) => Expr::pow(a.map_leaves(f), b.map_leaves(f)),
            Expr::Call(g, args) => Expr::Call(*g, args.iter().map(|a| a.map_leaves(f)).collect()),
            Expr::Opt(o) => Expr::Opt(Box::new(o.map(&|a| a.map_leaves(f)))),
        }
    }

    /// Number of nodes (a size measure for budgets).
    pub fn size(&self) -> usize {
        crate::stack::guard!(self.size());
        let mut n = 1;
        self.for_each_child(|c| n += c.size());
        n
    }

    /// Nesting depth.
    pub fn depth(&self) -> usize {
        crate::stack::guard!(self.depth());
        let mut deepest = 0;
        self.for_each_child(|c| deepest = deepest.max(c.depth()));
        1 + deepest
    }
}

/// Formats a rational as `p` or `p/q`.
pub fn fmt_q(q: &Q) -> String {
    q.to_string()
}

/// Binding strength used by `Display` to decide on parentheses.
fn prec(e: &Expr) -> u8 {
    match e {
        // an `inf`'s body extends as far as it can: always parenthesised
        // inside another expression
        Expr::Opt(..) => 0,
        Expr::Add(..) | Expr::Sub(..) => 1,
        Expr::Mul(..) | Expr::Div(..) => 2,
        Expr::Neg(..) => 3,
        Expr::Num(q) if q.is_negative() => 3,
        Expr::Num(q) if !q.is_integer() => 2,
        Expr::Pow(..) => 4,
        _ => 5,
    }
}

/// The variable's display name is supplied by the caller through `ExprDisplay`;
/// plain `Display` prints it as `n`.
pub struct ExprDisplay<'a> {
    pub expr: &'a Expr,
    pub var: &'a str,
}

impl Expr {
    pub fn display<'a>(&'a self, var: &'a str) -> ExprDisplay<'a> {
        ExprDisplay { expr: self, var }
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.display("n"))
    }
}

impl fmt::Display for ExprDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match zero_var(self.var) {
            Some(v) => write_expr(&in_reciprocal(self.expr), v, f),
            None => write_expr(self.expr, self.var, f),
        }
    }
}

/// Writes `e` with the variable named `var` (a variable tending to +oo:
/// [`ExprDisplay`] has rewritten one tending to 0), each sub-expression
/// written straight to `f`, in parentheses when it binds less tightly than
/// its place needs.
fn write_expr(e: &Expr, var: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    crate::stack::guard!(write_expr(e, var, f));
    use fmt::Write;
    let sub = |e: &Expr, min: u8, f: &mut fmt::Formatter<'_>| -> fmt::Result {
        if prec(e) < min {
            f.write_char('(')?;
            write_expr(e, var, f)?;
            f.write_char(')')
        } else {
            write_expr(e, var, f)
        }
    };
    match e {
        Expr::Var => f.write_str(var),
        // `write!`: the number's own formatting, whatever flags `f` carries
        Expr::Num(q) => write!(f, "{q}"),
        Expr::Pi => f.write_str("pi"),
        Expr::Param(p) => f.write_str(written_name(p)),
        Expr::Fn(p) => f.write_str(p),
        Expr::Opt(o) => {
            let x = written_name(&o.bound);
            match &o.kind {
                OptKind::Inf | OptKind::Sup => {
                    let word = if o.kind == OptKind::Inf { "inf" } else { "sup" };
                    write!(f, "{word} {x} {}: ", o.range)?;
                    write_expr(&o.body, var, f)
                }
                OptKind::Least { from, op, rhs } => {
                    write!(f, "least {x} >= ")?;
                    write_expr(from, var, f)?;
                    f.write_str(": ")?;
                    write_expr(&o.body, var, f)?;
                    write!(f, " {} ", op.symbol())?;
                    write_expr(rhs, var, f)
                }
            }
        }
        Expr::Neg(a) => {
            f.write_char('-')?;
            sub(a, 4, f)
        }
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) | Expr::Pow(a, b) => {
            // the operator and the least precedence of each side printed
            // without parentheses
            let (op, left, right) = match e {
                Expr::Add(..) => (" + ", 1, 2),
                Expr::Sub(..) => (" - ", 1, 2),
                Expr::Mul(..) => ("*", 2, 3),
                Expr::Div(..) => ("/", 2, 4),
                _ => ("^", 5, 5),
            };
            sub(a, left, f)?;
            f.write_str(op)?;
            sub(b, right, f)
        }
        Expr::Call(g, args) => {
            f.write_str(g.name())?;
            f.write_char('(')?;
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write_expr(a, var, f)?;
            }
            f.write_char(')')
        }
    }
}

/// One end of a parameter's admissible interval.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    /// -oo (for a lower end) or +oo (for an upper end): unbounded.
    Infinite,
    /// A finite rational end, `closed` when the end itself is admissible.
    Finite { value: Q, closed: bool },
}

impl Endpoint {
    /// The end's value and whether it is included, when it is finite.
    pub fn finite(&self) -> Option<(&Q, bool)> {
        match self {
            Endpoint::Finite { value, closed } => Some((value, *closed)),
            Endpoint::Infinite => None,
        }
    }
}

/// The admissible values of one parameter: an interval of the reals.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Constraint {
    pub lo: Endpoint,
    pub hi: Endpoint,
}

impl Constraint {
    /// No constraint: the whole real line.
    pub fn any() -> Constraint {
        Constraint {
            lo: Endpoint::Infinite,
            hi: Endpoint::Infinite,
        }
    }
    /// Is `q` admissible?
    pub fn contains(&self, q: &Q) -> bool {
        let lo_ok = match &self.lo {
            Endpoint::Infinite => true,
            Endpoint::Finite { value, closed } => {
                if *closed {
                    q >= value
                } else {
                    q > value
                }
            }
        };
        let hi_ok = match &self.hi {
            Endpoint::Infinite => true,
            Endpoint::Finite { value, closed } => {
                if *closed {
                    q <= value
                } else {
                    q < value
                }
            }
        };
        lo_ok && hi_ok
    }
    /// Is the admissible set empty (e.g. `in (1, 0)`)?
    pub fn is_empty(&self) -> bool {
        match (self.lo.finite(), self.hi.finite()) {
            (Some((a, ca)), Some((b, cb))) => a > b || (a == b && !(ca && cb)),
            _ => false,
        }
    }
    /// A few admissible sample values, deterministic, sorted, used to look
    /// for counterexamples (never to prove anything).
    pub fn samples(&self) -> Vec<Q> {
        let int = |i: i64| Q::from_integer(BigInt::from(i));
        let mut cands: Vec<Q> = Vec::new();
        for i in [-3i64, -2, -1, 0, 1, 2, 3, 10, 100] {
            cands.push(int(i));
        }
        for (p, q) in [
            (1i64, 2i64),
            (-1, 2),
            (1, 3),
            (1, 10),
            (1, 20),
            (1, 100),
            (3, 2),
            (5, 2),
        ] {
            cands.push(Q::new(BigInt::from(p), BigInt::from(q)));
        }
        let bump = Q::new(BigInt::one(), BigInt::from(1000));
        for end in [&self.lo, &self.hi] {
            if let Endpoint::Finite { value, .. } = end {
                cands.push(value.clone());
                cands.push(value + &bump);
                cands.push(value - &bump);
            }
        }
        if let (Endpoint::Finite { value: a, .. }, Endpoint::Finite { value: b, .. }) =
            (&self.lo, &self.hi)
        {
            cands.push((a + b) / int(2));
        }
        let mut out: Vec<Q> = cands.into_iter().filter(|q| self.contains(q)).collect();
        out.sort();
        out.dedup();
        out
    }
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.lo.finite(), self.hi.finite()) {
            (None, None) => write!(f, "any real"),
            (Some((value, closed)), None) => {
                write!(f, "{} {}", if closed { ">=" } else { ">" }, fmt_q(value))
            }
            (None, Some((value, closed))) => {
                write!(f, "{} {}", if closed { "<=" } else { "<" }, fmt_q(value))
            }
            (Some((a, ca)), Some((b, cb))) => write!(
                f,
                "in {}{}, {}{}",
                if ca { "[" } else { "(" },
                fmt_q(a),
                fmt_q(b),
                if cb { "]" } else { ")" }
            ),
        }
    }
}

/// Admissible values of every parameter in scope for one claim (after `where`
/// assignments, which become exact constraints or are substituted away).
/// Sorted by name so that every iteration order is deterministic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParamBox {
    pub params: BTreeMap<String, Constraint>,
}

impl ParamBox {
    pub fn get(&self, name: &str) -> Option<&Constraint> {
        self.params.get(name)
    }
}

/// Landau relation of a claim `A = REL(B)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landau {
    BigO,
    LittleO,
    Theta,
    Omega,
    LittleOmega,
}

/// Comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cmp {
    Le,
    Lt,
    Ge,
    Gt,
    /// `==`, only in `at n = N` claims.
    Eq,
    /// `!=`, only in `at n = N` claims.
    Ne,
}

impl Cmp {
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Le => "<=",
            Cmp::Lt => "<",
            Cmp::Ge => ">=",
            Cmp::Gt => ">",
            Cmp::Eq => "==",
            Cmp::Ne => "!=",
        }
    }
}

/// Target of a `lim` claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LimitTarget {
    /// A constant expression (free of the variable).
    Finite(Expr),
    PosInf,
    NegInf,
}

/// Where an inequality must hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Range {
    /// For all large n.
    Eventually,
    /// For every real n >= N (threshold issue: not decided in v0).
    From(Expr),
    /// At n = N exactly (threshold issue: not decided in v0).
    At(Expr),
}

/// What a claim says, with every name substituted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    /// `A = REL(B)`.
    Landau { lhs: Expr, rel: Landau, rhs: Expr },
    /// `A ~ B`.
    Similar { lhs: Expr, rhs: Expr },
    /// `lim A = L`.
    Limit { expr: Expr, target: LimitTarget },
    /// `A op B eventually | for n >= N | at n = N`.
    Ineq {
        lhs: Expr,
        op: Cmp,
        rhs: Expr,
        range: Range,
    },
    /// `A == B` for every n >= 1 and every admissible parameter value.
    Equal { lhs: Expr, rhs: Expr },
    /// `A != B`: for every admissible choice, not identically equal.
    NotEqual { lhs: Expr, rhs: Expr },
}

/// A product `a*b` one of whose factors mentions no `fn`: that factor `c`
/// (whose sign decides how a bound on the other carries over), the other
/// factor `x`, and [`FnFreeFactor::with`] to rebuild the product, in the
/// order written, around a new `x`.
pub struct FnFreeFactor<'a> {
    pub c: &'a Expr,
    pub x: &'a Expr,
    c_first: bool,
}

impl<'a> FnFreeFactor<'a> {
    /// `None` when both factors mention an `fn`.
    pub fn of(a: &'a Expr, b: &'a Expr) -> Option<Self> {
        if !a.has_fn() {
            Some(FnFreeFactor {
                c: a,
                x: b,
                c_first: true,
            })
        } else if !b.has_fn() {
            Some(FnFreeFactor {
                c: b,
                x: a,
                c_first: false,
            })
        } else {
            None
        }
    }

    /// The product with `x2` in the place of `x`.
    pub fn with(&self, x2: Expr) -> Expr {
        if self.c_first {
            Expr::mul(self.c.clone(), x2)
        } else {
            Expr::mul(x2, self.c.clone())
        }
    }
}

impl ClaimKind {
    /// The parts of an inequality claim `lhs op rhs range`; `None` for the
    /// other kinds.
    pub fn as_ineq(&self) -> Option<(&Expr, &Cmp, &Expr, &Range)> {
        match self {
            ClaimKind::Ineq {
                lhs,
                op,
                rhs,
                range,
            } => Some((lhs, op, rhs, range)),
            _ => None,
        }
    }

    /// Every expression of the claim, left to right (the sides, then a
    /// finite limit or the point or start of a range).
    pub fn exprs(&self) -> Vec<&Expr> {
        match self {
            ClaimKind::Landau { lhs, rhs, .. }
            | ClaimKind::Similar { lhs, rhs }
            | ClaimKind::Equal { lhs, rhs }
            | ClaimKind::NotEqual { lhs, rhs } => vec![lhs, rhs],
            ClaimKind::Ineq {
                lhs, rhs, range, ..
            } => match range {
                Range::Eventually => vec![lhs, rhs],
                Range::From(e) | Range::At(e) => vec![lhs, rhs, e],
            },
            ClaimKind::Limit { expr, target } => match target {
                LimitTarget::Finite(l) => vec![expr, l],
                _ => vec![expr],
            },
        }
    }

    /// The same claim with `f` applied to every expression.
    pub fn map_exprs(&self, f: &dyn Fn(&Expr) -> Expr) -> ClaimKind {
        match self {
            ClaimKind::Landau { lhs, rel, rhs } => ClaimKind::Landau {
                lhs: f(lhs),
                rel: *rel,
                rhs: f(rhs),
            },
            ClaimKind::Similar { lhs, rhs } => ClaimKind::Similar {
                lhs: f(lhs),
                rhs: f(rhs),
            },
            ClaimKind::Limit { expr, target } => ClaimKind::Limit {
                expr: f(expr),
                target: match target {
                    LimitTarget::Finite(l) => LimitTarget::Finite(f(l)),
                    other => other.clone(),
                },
            },
            ClaimKind::Ineq {
                lhs,
                op,
                rhs,
                range,
            } => ClaimKind::Ineq {
                lhs: f(lhs),
                op: *op,
                rhs: f(rhs),
                range: match range {
                    Range::Eventually => Range::Eventually,
                    Range::From(e) => Range::From(f(e)),
                    Range::At(e) => Range::At(f(e)),
                },
            },
            ClaimKind::Equal { lhs, rhs } => ClaimKind::Equal {
                lhs: f(lhs),
                rhs: f(rhs),
            },
            ClaimKind::NotEqual { lhs, rhs } => ClaimKind::NotEqual {
                lhs: f(lhs),
                rhs: f(rhs),
            },
        }
    }

    /// The parameters the claim's sides (and limit value) mention; the
    /// point or start of a range is a constant and is not counted.
    pub fn params(&self) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        match self {
            ClaimKind::Ineq { lhs, rhs, .. } => {
                out.extend(lhs.params());
                out.extend(rhs.params());
            }
            _ => self.exprs().iter().for_each(|e| out.extend(e.params())),
        }
        out
    }
}

/// `check` or `refute`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Check,
    Refute,
}

/// A source position, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// A lowered claim, ready to decide.
#[derive(Clone, Debug)]
pub struct Claim {
    pub pos: Pos,
    pub label: Option<String>,
    pub command: Command,
    /// The claim as written in the source (whitespace collapsed), without label or `where`.
    pub text: String,
    /// `Ok` when the claim can be decided; `Err(reason)` when the checker must
    /// answer `unknown` without looking (e.g. it mentions a `fn`, or uses
    /// `assume`d facts: not supported yet).
    pub kind: Result<ClaimKind, String>,
    /// Admissible parameter values for this claim (after `where`).
    pub params: ParamBox,
    /// `where` assignments as written, for the report: `("delta", "1/20")`.
    pub assignments: Vec<(String, String)>,
    /// The `fn`/`assume` hypotheses of the file (imports included), shared
    /// by every claim of the file.
    pub hypotheses: std::sync::Arc<Hypotheses>,
}

/// One `assume`, lowered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hypothesis {
    /// The file it is written in (as given or joined from imports).
    pub file: String,
    pub pos: Pos,
    /// The hypothesis as written, whitespace collapsed.
    pub text: String,
    pub kind: ClaimKind,
}

/// What is known about the unknown functions (`fn`) of a file: the declared
/// names, every `assume` (imports included), and what lowering found about
/// them (see `hypothesis`): conflicts between hypotheses, and a model (one
/// concrete function per `fn` proved to satisfy every hypothesis), without
/// which nothing is proved from them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hypotheses {
    /// Every declared `fn`, sorted.
    pub fns: std::collections::BTreeSet<String>,
    /// Every hypothesis, imports first, then in source order.
    pub facts: Vec<Hypothesis>,
    /// Conflicts found between hypotheses; when there is one, no claim
    /// about a `fn` is decided.
    pub conflicts: Vec<Conflict>,
    /// Concrete functions satisfying every hypothesis, or why none was found.
    pub model: Result<BTreeMap<String, Expr>, String>,
    /// For each `fn`, concrete functions proved to satisfy every hypothesis
    /// about it alone (the witnesses a refutation may use).
    pub candidates: BTreeMap<String, Vec<Expr>>,
    /// `assume`s that were rejected (errors in the file). What they meant
    /// is not known, so no claim about a `fn` is decided while there is one.
    pub rejected: Vec<Rejected>,
}

/// An `assume` that was rejected: where it is, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub file: String,
    pub pos: Pos,
    pub text: String,
    pub why: String,
}

/// Hypotheses proved contradictory: reported as an error at each place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub message: String,
    pub help: String,
    /// Indices into `Hypotheses::facts`.
    pub places: Vec<usize>,
}

impl Default for Hypotheses {
    /// No `fn`, no hypothesis: the empty model.
    fn default() -> Self {
        Hypotheses {
            fns: Default::default(),
            facts: vec![],
            conflicts: vec![],
            model: Ok(BTreeMap::new()),
            candidates: BTreeMap::new(),
            rejected: vec![],
        }
    }
}

/// A `show` statement, lowered.
#[derive(Clone, Debug)]
pub enum ShowKind {
    /// `show EXPR`.
    Expr(Expr),
    /// `show EXPR at n = N`: the value at one point (`at` is free of the
    /// variable).
    Value { expr: Expr, at: Expr },
    /// `show crossover A op B`.
    Crossover { lhs: Expr, op: Cmp, rhs: Expr },
    /// `show when CLAIM`: regions of the parameters, a verdict on each.
    When(ClaimKind),
    /// A show whose expression uses a rejected declaration: printed as
    /// `unknown` with this reason, never silently dropped.
    Rejected(String),
}

#[derive(Clone, Debug)]
pub struct Show {
    pub pos: Pos,
    /// The statement as written after `show`, whitespace collapsed.
    pub text: String,
    pub kind: ShowKind,
    pub params: ParamBox,
    /// `where` assignments as written, for the report.
    pub assignments: Vec<(String, String)>,
}

/// `plot A, B, ... for n in [LO, HI] [linear] [where ...]`: curves to draw
/// with `bnd plot` (`bnd check` only lowers them, so their errors count).
#[derive(Clone, Debug)]
pub struct Plot {
    /// Where the statement starts (its line names the SVG).
    pub pos: Pos,
    /// The curves, `where` values substituted; no parameter or `fn` is left.
    pub exprs: Vec<Expr>,
    /// Each curve as written (whitespace collapsed), for the legend.
    pub texts: Vec<String>,
    /// The range of the variable, exact: lo < hi (and 0 < lo on log axes).
    pub lo: Q,
    pub hi: Q,
    /// Linear axes (`linear`) instead of log–log.
    pub linear: bool,
    /// `where` assignments as written: `("delta", "1/20")`.
    pub assignments: Vec<(String, String)>,
}

/// A statement that produces output, in source order.
#[derive(Clone, Debug)]
pub enum Item {
    Claim(Claim),
    Show(Show),
}

/// A whole lowered file.
#[derive(Clone, Debug)]
pub struct Program {
    /// The asymptotic variable's name (`n` by default).
    pub var: String,
    /// Every declared parameter with its constraint (imports included).
    #[allow(dead_code)] // read by the `fn`/`assume` and threshold issues
    pub params: ParamBox,
    /// Claims and shows of this file only (not of imported files), in order.
    pub items: Vec<Item>,
    /// Plots of this file only, in order (`bnd plot` draws them; they are
    /// not items, so `bnd check` prints nothing for them).
    pub plots: Vec<Plot>,
    /// The `fn`/`assume` hypotheses in scope (also on each claim).
    pub hypotheses: std::sync::Arc<Hypotheses>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_parenthesises_by_precedence_and_ignores_format_flags() {
        let n = Expr::Var;
        let e = Expr::div(
            Expr::neg(Expr::add(n.clone(), Expr::Num(Q::new(1.into(), 2.into())))),
            Expr::pow(
                Expr::mul(Expr::int(2), n.clone()),
                Expr::call1(Func::Log, n.clone()),
            ),
        );
        assert_eq!(e.display("n").to_string(), "-(n + 1/2)/(2*n)^log(n)");
        // a width given to the whole expression pads nothing inside it
        assert_eq!(
            format!("{:>30}", Expr::add(n.clone(), Expr::int(2)).display("m")),
            "m + 2"
        );
        // a variable tending to 0 is printed by its name, in 1/t = eps
        assert_eq!(
            Expr::div(Expr::int(1), n.clone())
                .display("1/eps")
                .to_string(),
            "eps"
        );
    }
}
