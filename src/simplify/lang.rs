//! The e-graph language `Bnd` (egg `define_language!`) and the translation
//! of `ir::Expr` into it: exact rational leaves, the variable, parameters,
//! pi, opaque `fn` names, arithmetic and the built-ins. `log2`/`log10` are
//! lowered to `log(x)/log(2)` etc.; n-ary `min`/`max` are folded into binary
//! ones. Translation refuses (returns `None`) rather than guess on malformed
//! input (wrong arity); the caller has already bounded size and depth.

use crate::ir::{Expr, Func, Q};
use egg::{Id, RecExpr};
use num_bigint::BigInt;
use std::fmt;
use std::str::FromStr;

/// An exact rational leaf (egg needs `FromStr + Display + Ord + Hash`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rat(pub Q);

impl fmt::Display for Rat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::ir::fmt_q(&self.0))
    }
}

impl FromStr for Rat {
    type Err = String;
    /// `p` or `p/q` with decimal integers (used by the rule patterns).
    fn from_str(s: &str) -> Result<Rat, String> {
        let int = |t: &str| -> Result<BigInt, String> {
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("not a rational: {s}"));
            }
            t.parse::<BigInt>().map_err(|e| e.to_string())
        };
        match s.split_once('/') {
            None => Ok(Rat(Q::from_integer(int(s)?))),
            Some((p, q)) => {
                let q = int(q)?;
                if q == BigInt::from(0) {
                    return Err(format!("zero denominator: {s}"));
                }
                Ok(Rat(Q::new(int(p)?, q)))
            }
        }
    }
}

/// A parameter name, printed `$name` so it never collides with an operator.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParamName(pub String);

impl fmt::Display for ParamName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "${}", self.0)
    }
}

impl FromStr for ParamName {
    type Err = String;
    fn from_str(s: &str) -> Result<ParamName, String> {
        match s.strip_prefix('$') {
            Some(name) if !name.is_empty() => Ok(ParamName(name.to_string())),
            _ => Err(format!("not a parameter: {s}")),
        }
    }
}

/// An unknown `fn` function of the variable, printed `@name`; opaque.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FnName(pub String);

impl fmt::Display for FnName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.0)
    }
}

impl FromStr for FnName {
    type Err = String;
    fn from_str(s: &str) -> Result<FnName, String> {
        match s.strip_prefix('@') {
            Some(name) if !name.is_empty() => Ok(FnName(name.to_string())),
            _ => Err(format!("not a fn name: {s}")),
        }
    }
}

egg::define_language! {
    /// The e-graph language. Each e-class denotes a partial real function of
    /// the variable (n >= 1) and the parameters (over their admissible box).
    pub enum Bnd {
        "n"    = Var,
        "pi"   = Pi,
        "+"    = Add([Id; 2]),
        "-"    = Sub([Id; 2]),
        "*"    = Mul([Id; 2]),
        "/"    = Div([Id; 2]),
        "^"    = Pow([Id; 2]),
        "neg"  = Neg(Id),
        "sqrt" = Sqrt(Id),
        "exp"  = Exp(Id),
        "log"  = Log(Id),
        "abs"  = Abs(Id),
        "min"  = Min([Id; 2]),
        "max"  = Max([Id; 2]),
        Num(Rat),
        Param(ParamName),
        Fn(FnName),
    }
}

/// Translate an expression (size and depth already bounded by the caller).
/// `None` on malformed input such as a built-in with the wrong arity.
pub fn to_rec(e: &Expr) -> Option<RecExpr<Bnd>> {
    let mut rec = RecExpr::default();
    add_expr(&mut rec, e)?;
    Some(rec)
}

/// Add `e` to `rec` and return its id (recursion bounded by the depth guard).
pub fn add_expr(rec: &mut RecExpr<Bnd>, e: &Expr) -> Option<Id> {
    crate::stack::guard!(add_expr(rec, e));
    let id = match e {
        Expr::Var => rec.add(Bnd::Var),
        Expr::Pi => rec.add(Bnd::Pi),
        Expr::Num(q) => rec.add(Bnd::Num(Rat(q.clone()))),
        Expr::Param(p) => rec.add(Bnd::Param(ParamName(p.clone()))),
        Expr::Fn(f) => rec.add(Bnd::Fn(FnName(f.clone()))),
        Expr::Opt(_) => return None,
        Expr::Neg(a) => {
            let a = add_expr(rec, a)?;
            rec.add(Bnd::Neg(a))
        }
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) | Expr::Pow(a, b) => {
            let a = add_expr(rec, a)?;
            let b = add_expr(rec, b)?;
            rec.add(match e {
                Expr::Add(..) => Bnd::Add([a, b]),
                Expr::Sub(..) => Bnd::Sub([a, b]),
                Expr::Mul(..) => Bnd::Mul([a, b]),
                Expr::Div(..) => Bnd::Div([a, b]),
                _ => Bnd::Pow([a, b]),
            })
        }
        Expr::Call(f, args) => match f {
            Func::Min | Func::Max => {
                let mut ids = Vec::with_capacity(args.len());
                for a in args {
                    ids.push(add_expr(rec, a)?);
                }
                let mut it = ids.into_iter();
                let mut acc = it.next()?;
                for b in it {
                    acc = rec.add(if *f == Func::Min {
                        Bnd::Min([acc, b])
                    } else {
                        Bnd::Max([acc, b])
                    });
                }
                acc
            }
            _ => {
                let [a] = args.as_slice() else {
                    return None;
                };
                let a = add_expr(rec, a)?;
                match f {
                    Func::Sqrt => rec.add(Bnd::Sqrt(a)),
                    Func::Exp => rec.add(Bnd::Exp(a)),
                    Func::Log => rec.add(Bnd::Log(a)),
                    Func::Abs => rec.add(Bnd::Abs(a)),
                    Func::Log2 | Func::Log10 => {
                        let base = if *f == Func::Log2 { 2 } else { 10 };
                        let la = rec.add(Bnd::Log(a));
                        let b = rec.add(Bnd::Num(Rat(Q::from_integer(BigInt::from(base)))));
                        let lb = rec.add(Bnd::Log(b));
                        rec.add(Bnd::Div([la, lb]))
                    }
                    Func::Min | Func::Max => return None,
                }
            }
        },
    };
    Some(id)
}

/// Translate back into `ir::Expr`, bottom-up over the `RecExpr` (no
/// recursion). `log(x)/log(2)` and `log(x)/log(10)` become `log2`/`log10`,
/// nested binary `min`/`max` are flattened.
pub fn from_rec(rec: &RecExpr<Bnd>) -> Option<Expr> {
    let nodes = rec.as_ref();
    let mut out: Vec<Expr> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let get = |id: &Id| -> Option<Expr> { out.get(usize::from(*id)).cloned() };
        let e = match node {
            Bnd::Var => Expr::Var,
            Bnd::Pi => Expr::Pi,
            Bnd::Num(q) => Expr::Num(q.0.clone()),
            Bnd::Param(p) => Expr::Param(p.0.clone()),
            Bnd::Fn(f) => Expr::Fn(f.0.clone()),
            Bnd::Neg(a) => Expr::neg(get(a)?),
            Bnd::Add([a, b]) => Expr::add(get(a)?, get(b)?),
            Bnd::Sub([a, b]) => Expr::sub(get(a)?, get(b)?),
            Bnd::Mul([a, b]) => Expr::mul(get(a)?, get(b)?),
            Bnd::Div([a, b]) => log_base(get(a)?, get(b)?),
            Bnd::Pow([a, b]) => Expr::pow(get(a)?, get(b)?),
            Bnd::Sqrt(a) => Expr::call1(Func::Sqrt, get(a)?),
            Bnd::Exp(a) => Expr::call1(Func::Exp, get(a)?),
            Bnd::Log(a) => Expr::call1(Func::Log, get(a)?),
            Bnd::Abs(a) => Expr::call1(Func::Abs, get(a)?),
            Bnd::Min([a, b]) => flat_call(Func::Min, get(a)?, get(b)?),
            Bnd::Max([a, b]) => flat_call(Func::Max, get(a)?, get(b)?),
        };
        out.push(e);
    }
    out.pop()
}

/// `a/b`, written `log2(x)` / `log10(x)` when it is `log(x)/log(2|10)`.
fn log_base(a: Expr, b: Expr) -> Expr {
    if let (Expr::Call(Func::Log, xs), Expr::Call(Func::Log, bs)) = (&a, &b) {
        if let ([x], [Expr::Num(base)]) = (xs.as_slice(), bs.as_slice()) {
            if *base == Q::from_integer(BigInt::from(2)) {
                return Expr::call1(Func::Log2, x.clone());
            }
            if *base == Q::from_integer(BigInt::from(10)) {
                return Expr::call1(Func::Log10, x.clone());
            }
        }
    }
    Expr::div(a, b)
}

fn flat_call(f: Func, a: Expr, b: Expr) -> Expr {
    let mut args = Vec::new();
    for x in [a, b] {
        match x {
            Expr::Call(g, inner) if g == f => args.extend(inner),
            other => args.push(other),
        }
    }
    Expr::Call(f, args)
}
