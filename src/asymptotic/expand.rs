//! `Expr` -> expansion, written once over the `Scale` trait (the `Expand`
//! extension, implemented for every scale): the walk over the expression
//! with its depth guard and work charge, sums, products, quotients,
//! `sqrt`, `log`/`log2`/`log10`, `abs`, `min`/`max`. The scale supplies
//! the monomial n, rational powers, log, exp, powers with a general
//! exponent and any rewrite of a difference done before both sides are
//! expanded.

use super::arith::Arith;
use super::coef::Coef;
use super::scale::{Fail, Monomial, Scale, Series};
use crate::exact::Sign;
use crate::ir::{Budget, Cause, Constraint, Endpoint, Expr, Func, Q};
use num_bigint::BigInt;
use num_traits::One;

/// Deepest expression nesting the engines walk.
pub const MAX_DEPTH: usize = crate::limits::LIMITS.nesting;

/// The single admissible value of a constraint `[v, v]` (a `where` assignment).
fn exact_value(c: &Constraint) -> Option<Q> {
    match (&c.lo, &c.hi) {
        (
            Endpoint::Finite {
                value: a,
                closed: true,
            },
            Endpoint::Finite {
                value: b,
                closed: true,
            },
        ) if a == b => Some(a.clone()),
        _ => None,
    }
}

/// Expansion of expressions, for every scale.
pub trait Expand: Arith {
    /// The expansion of an expression at nesting `depth`; a whole
    /// expression (depth 0) goes through the scale's `expand_top`, which
    /// may replay it from a memo.
    fn expand(&mut self, e: &Expr, depth: usize) -> Result<Series<Self::M>, Fail> {
        if depth == 0 {
            return self.expand_top(e, |cx| cx.expand_walk(e, 0));
        }
        self.expand_walk(e, depth)
    }

    /// The walk over `e` at nesting `depth` (its parts at `depth + 1`).
    fn expand_walk(&mut self, e: &Expr, depth: usize) -> Result<Series<Self::M>, Fail> {
        crate::stack::guard!(self.expand_walk(e, depth));
        if depth > MAX_DEPTH {
            return Err(Fail::Unknown(Cause::Budget(Budget::Depth(None))));
        }
        self.charge(1)?;
        let d = depth + 1;
        match e {
            Expr::Var => Ok(Series::mono(Self::var_mono(), Coef::one())),
            Expr::Num(q) => Ok(Series::constant(Coef::rat(q.clone()))),
            Expr::Pi => Ok(Series::constant(Coef::pi())),
            Expr::Param(p) => Ok(Series::constant(
                match self.params().get(p).and_then(exact_value) {
                    Some(v) => Coef::rat(v),
                    None => Coef::param(p),
                },
            )),
            Expr::Fn(_) => Err(Fail::Unknown(Cause::NotSupported(
                "not supported yet: fn/assume".into(),
            ))),
            Expr::Opt(_) => Err(Fail::Unknown(Cause::Optimum(
                crate::ir::OPT_UNRESOLVED.into(),
            ))),
            Expr::Neg(a) => Ok(self.expand(a, d)?.neg()),
            Expr::Add(a, b) => {
                let (x, y) = (self.expand(a, d)?, self.expand(b, d)?);
                self.add(&x, &y)
            }
            Expr::Sub(a, b) => {
                if let Some(r) = self.sub_rewrite(a, b, d)? {
                    return Ok(r);
                }
                let (x, y) = (self.expand(a, d)?, self.expand(b, d)?);
                self.sub(&x, &y)
            }
            Expr::Mul(a, b) => {
                let (x, y) = (self.expand(a, d)?, self.expand(b, d)?);
                self.mul(&x, &y)
            }
            Expr::Div(a, b) => {
                let (x, y) = (self.expand(a, d)?, self.expand(b, d)?);
                let r = self.recip(&y, b)?;
                self.mul(&x, &r)
            }
            Expr::Pow(a, b) => self.expand_pow(e, a, b, d),
            Expr::Call(f, args) => self.expand_call(e, *f, args, d),
        }
    }

    /// A call `e` = f(args).
    fn expand_call(
        &mut self,
        e: &Expr,
        f: Func,
        args: &[Expr],
        d: usize,
    ) -> Result<Series<Self::M>, Fail> {
        let one = |args: &[Expr]| -> Result<Expr, Fail> {
            match args {
                [x] => Ok(x.clone()),
                _ => Err(Fail::other(format!("{} expects one argument", f.name()))),
            }
        };
        match f {
            Func::Sqrt => {
                let x = self.expand(&one(args)?, d)?;
                self.powq(&x, &Q::new(BigInt::one(), BigInt::from(2)), e)
            }
            Func::Exp => {
                let x = self.expand(&one(args)?, d)?;
                self.exp(&x, e)
            }
            Func::Log | Func::Log2 | Func::Log10 => {
                let arg = one(args)?;
                let x = self.expand(&arg, d)?;
                let l = self.log(&x, &arg)?;
                let base = match f {
                    Func::Log2 => 2,
                    Func::Log10 => 10,
                    _ => return Ok(l),
                };
                let lb = Coef::int(base).log().map_err(Fail::other)?;
                let inv = lb.powi(-1).map_err(Fail::other)?;
                self.mul_term(&l, &Self::M::one(), &inv)
            }
            Func::Abs => {
                let x = self.expand(&one(args)?, d)?;
                if x.as_constant().is_none() {
                    self.set_eventual_only();
                }
                match self.lead_sign(&x)? {
                    Sign::Neg => Ok(x.neg()),
                    _ => Ok(x),
                }
            }
            Func::Min | Func::Max => {
                let mut acc: Option<Series<Self::M>> = None;
                for arg in args {
                    let x = self.expand(arg, d)?;
                    acc = Some(match acc {
                        None => x,
                        Some(prev) => {
                            let diff = self.sub(&x, &prev)?;
                            if diff.as_constant().is_none() {
                                self.set_eventual_only();
                            }
                            let s = self.lead_sign(&diff)?;
                            let take_x = match (f, s) {
                                (_, Sign::Zero) => false,
                                (Func::Min, s) => s == Sign::Neg,
                                (_, s) => s == Sign::Pos,
                            };
                            if take_x {
                                x
                            } else {
                                prev
                            }
                        }
                    });
                }
                acc.ok_or_else(|| Fail::other(format!("{} needs an argument", f.name())))
            }
        }
    }
}

impl<C: Scale> Expand for C {}
