//! Exact folding of constant sub-expressions, domain problems found while
//! folding (a logarithm of a non-positive constant, a division by zero), and
//! parameter substitution under a node budget.

use super::*;
use crate::ir::{Expr, Func, Q};
use crate::syntax::ast::Span;

use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::BTreeMap;

/// A lowered expression with its depth and, when it is a constant that
/// folds exactly, its value.
#[derive(Clone, Debug)]
pub(super) struct L {
    pub(super) e: Expr,
    pub(super) depth: usize,
    pub(super) val: Option<Q>,
}

pub(super) type Problems = Vec<(Span, String, Option<String>)>;

pub(super) fn builtin(name: &str) -> Option<Func> {
    Some(match name {
        "sqrt" => Func::Sqrt,
        "exp" => Func::Exp,
        "log" | "ln" => Func::Log,
        "log2" => Func::Log2,
        "log10" => Func::Log10,
        "abs" => Func::Abs,
        "min" => Func::Min,
        "max" => Func::Max,
        _ => return None,
    })
}

pub(super) fn plural(k: usize) -> &'static str {
    if k == 1 {
        "argument"
    } else {
        "arguments"
    }
}

/// `base^k` exactly, when the result stays small.
pub(super) fn fold_pow(base: &Q, k: &Q) -> Option<Q> {
    if !k.is_integer() {
        return None;
    }
    let k = k.to_integer().to_i64()?;
    if k.unsigned_abs() > 10_000 {
        return None;
    }
    if base.is_zero() {
        return if k > 0 {
            Some(Q::zero())
        } else if k == 0 {
            Some(Q::one())
        } else {
            None
        };
    }
    let bits = base.numer_bits().max(base.denom_bits());
    if bits.saturating_mul(k.unsigned_abs()) > MAX_FOLD_BITS {
        return None;
    }
    let p = num_traits::pow(base.clone(), k.unsigned_abs() as usize);
    Some(if k < 0 { p.recip() } else { p })
}

/// The exact value of `e`'s top node, given its children's values (in
/// order: the operand, both sides, or the call's arguments).
pub(super) fn fold_node(e: &Expr, kids: &[Option<Q>]) -> Option<Q> {
    let kid = |i: usize| kids.get(i).cloned().flatten();
    match e {
        Expr::Num(q) => Some(q.clone()),
        Expr::Neg(_) => kid(0).map(|v| -v),
        Expr::Add(..) => Some(kid(0)? + kid(1)?),
        Expr::Sub(..) => Some(kid(0)? - kid(1)?),
        Expr::Mul(..) => Some(kid(0)? * kid(1)?),
        Expr::Div(..) => {
            let d = kid(1)?;
            if d.is_zero() {
                None
            } else {
                Some(kid(0)? / d)
            }
        }
        Expr::Pow(..) => fold_pow(&kid(0)?, &kid(1)?),
        Expr::Call(Func::Abs, args) if args.len() == 1 => kid(0).map(|v| v.abs()),
        Expr::Call(Func::Min, args) if !args.is_empty() => kids
            .iter()
            .cloned()
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .min(),
        Expr::Call(Func::Max, args) if !args.is_empty() => kids
            .iter()
            .cloned()
            .collect::<Option<Vec<_>>>()?
            .into_iter()
            .max(),
        _ => None,
    }
}

/// A problem with a constant in the domain of `e`'s top node, if visible
/// from its children's values.
pub(super) fn domain_problem(e: &Expr, kids: &[Option<Q>]) -> Option<String> {
    let kid = |i: usize| kids.get(i).cloned().flatten();
    match e {
        Expr::Call(f @ (Func::Log | Func::Log2 | Func::Log10), _) => {
            let v = kid(0)?;
            (!v.is_positive()).then(|| {
                format!(
                    "`{}` of {} is undefined (the argument must be positive)",
                    f.name(),
                    crate::ir::fmt_q(&v)
                )
            })
        }
        Expr::Call(Func::Sqrt, _) => {
            let v = kid(0)?;
            v.is_negative().then(|| {
                format!(
                    "`sqrt` of {} is undefined (the argument must be non-negative)",
                    crate::ir::fmt_q(&v)
                )
            })
        }
        Expr::Div(..) => kid(1)?.is_zero().then(|| "division by zero".to_string()),
        Expr::Pow(..) => {
            let base = kid(0)?;
            let k = kid(1)?;
            if base.is_zero() && k.is_negative() {
                Some("division by zero: 0 to a negative power".to_string())
            } else if base.is_negative() && !k.is_integer() {
                Some(format!(
                    "a negative number to a fractional power is undefined: ({})^({})",
                    crate::ir::fmt_q(&base),
                    crate::ir::fmt_q(&k)
                ))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Folds `e` bottom-up, collecting every visible domain problem; returns
/// the exact value when `e` is a constant that folds.
pub(super) fn analyze(e: &Expr, out: &mut Vec<String>) -> Option<Q> {
    crate::stack::guard!(analyze(e, out));
    let kids: Vec<Option<Q>> = match e {
        Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) => Vec::new(),
        // checked when it is resolved (`crate::optimum`)
        Expr::Opt(_) => return None,
        Expr::Neg(a) => vec![analyze(a, out)],
        Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) | Expr::Pow(a, b) => {
            vec![analyze(a, out), analyze(b, out)]
        }
        Expr::Call(_, args) => args.iter().map(|a| analyze(a, out)).collect(),
    };
    if let Some(p) = domain_problem(e, &kids) {
        out.push(p);
    }
    fold_node(e, &kids)
}

/// Folds a constant expression exactly (bounded work: powers are capped).
pub(super) fn fold(e: &Expr) -> Option<Q> {
    analyze(e, &mut Vec::new())
}

/// Depth of a tree whose depth is known to be moderate.
pub(super) fn depth_of(e: &Expr) -> usize {
    e.depth()
}

/// Substitutes parameters (by name) simultaneously, counting nodes against
/// `budget`; `None` when the budget runs out.
pub(super) fn subst_params(
    e: &Expr,
    map: &BTreeMap<String, Expr>,
    budget: &mut usize,
) -> Option<Expr> {
    crate::stack::guard!(subst_params(e, map, budget));
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    Some(match e {
        Expr::Param(p) => match map.get(p) {
            Some(v) => {
                let s = v.size();
                if s > *budget {
                    *budget = 0;
                    return None;
                }
                *budget -= s;
                v.clone()
            }
            None => e.clone(),
        },
        Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Fn(_) => e.clone(),
        Expr::Opt(o) => {
            let mut parts = Vec::new();
            for x in o.exprs() {
                parts.push(subst_params(x, map, budget)?);
            }
            let mut parts = parts.into_iter();
            let mut next = || parts.next().unwrap_or(Expr::int(0));
            let body = next();
            let kind = match &o.kind {
                crate::ir::OptKind::Least { op, .. } => crate::ir::OptKind::Least {
                    from: next(),
                    op: *op,
                    rhs: next(),
                },
                k => k.clone(),
            };
            Expr::Opt(Box::new(crate::ir::Opt {
                kind,
                bound: o.bound.clone(),
                range: o.range.clone(),
                body,
            }))
        }
        Expr::Neg(a) => Expr::neg(subst_params(a, map, budget)?),
        Expr::Add(a, b) => Expr::add(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Sub(a, b) => Expr::sub(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Mul(a, b) => Expr::mul(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Div(a, b) => Expr::div(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Pow(a, b) => Expr::pow(subst_params(a, map, budget)?, subst_params(b, map, budget)?),
        Expr::Call(f, args) => Expr::Call(
            *f,
            args.iter()
                .map(|a| subst_params(a, map, budget))
                .collect::<Option<Vec<_>>>()?,
        ),
    })
}
