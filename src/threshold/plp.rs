//! Exact finite power–log forms and the tail certificate.
//!
//! A function of the variable is rewritten, where possible, as a quotient
//! P/Q of finite sums of terms c * n^a * log(n)^b (a, b exact rationals, c a
//! constant expression that may mention parameters). Every rewrite used is an
//! identity for all n > 1 under conditions checked here over the whole
//! parameter box (log(c n^a) = log c + a log n needs c > 0, (c n^a log^b n)^q
//! = c^q n^(aq) log^(bq) n needs c > 0, a divisor must be nonzero: its own
//! tail certificate is required).
//!
//! Tail certificate of a sum S = sum_i c_i n^(a_i) log(n)^(b_i) with
//! dominant (lexicographically largest (a, b)) term c_0 m_0 of strict sign:
//! each ratio r_i = n^(a_i - a_0) log(n)^(b_i - b_0) has (alpha, beta) <
//! (0, 0), so it is non-increasing on n >= exp(max(0, beta / -alpha))
//! (d/dn log r = (alpha log n + beta) / (n log n)), hence for every
//! n >= N1 >= those points, |S/m_0 - c_0| <= sum_i |c_i| r_i(N1), and
//! |c_0| - sum_i |c_i| r_i(N1) > 0 (an exact interval computation over the
//! parameter box) proves sign(S) = sign(c_0) on [N1, oo).

use crate::exact::eval::{eval, sign_over_box};
use crate::exact::{Interval, Sign};
use crate::ir::{ClaimKind, Cmp, Expr, Func, ParamBox, Range, Verdict, Q};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Most terms in one sum.
const MAX_TERMS: usize = crate::limits::LIMITS.tail_terms;
/// Counted operations of one expansion.
const MAX_WORK: usize = crate::limits::LIMITS.tail_work;
/// Deepest expression expanded.
const MAX_DEPTH: usize = crate::limits::LIMITS.nesting;
/// Largest integer power expanded by repeated multiplication.
const MAX_INT_POWER: u32 = crate::limits::LIMITS.tail_int_power;
/// Largest size of a coefficient expression.
const MAX_COEF_NODES: usize = crate::limits::LIMITS.tail_coef_nodes;
/// Tail points tried are 2^k for k up to this.
const MAX_TAIL_LOG2: u64 = crate::limits::LIMITS.tail_log2;
/// Precision of the tail sign computations.
const SIGN_BITS: u32 = crate::limits::LIMITS.tail_sign_bits;

/// Exponents (a, b) of n^a * log(n)^b.
pub type Key = (Q, Q);

/// A finite sum of c * n^a * log(n)^b, keyed by (a, b).
#[derive(Clone, Debug, PartialEq)]
pub struct Sum {
    pub terms: BTreeMap<Key, Expr>,
}

/// A quotient of two sums.
#[derive(Clone, Debug)]
pub struct Frac {
    pub num: Sum,
    pub den: Sum,
}

fn zero() -> Q {
    Q::zero()
}

impl Sum {
    fn zero() -> Sum {
        Sum {
            terms: BTreeMap::new(),
        }
    }
    fn constant(c: Expr) -> Sum {
        Sum::mono((zero(), zero()), c)
    }
    fn mono(k: Key, c: Expr) -> Sum {
        let mut terms = BTreeMap::new();
        if !is_zero_num(&c) {
            terms.insert(k, c);
        }
        Sum { terms }
    }
    fn one() -> Sum {
        Sum::constant(Expr::Num(Q::one()))
    }
    fn is_one(&self) -> bool {
        self.terms.len() == 1
            && self
                .terms
                .get(&(zero(), zero()))
                .is_some_and(|c| matches!(c, Expr::Num(q) if q.is_one()))
    }
    fn single(&self) -> Option<(&Key, &Expr)> {
        if self.terms.len() == 1 {
            self.terms.iter().next()
        } else {
            None
        }
    }
}

fn is_zero_num(e: &Expr) -> bool {
    matches!(e, Expr::Num(q) if q.is_zero())
}

/// Text of one term c * n^a * log(n)^b; a constant coefficient that is
/// not a short rational is shown by its approximate value (`~-9.087562`).
pub fn term_text(k: &Key, c: &Expr, var: &str) -> String {
    let simple = matches!(c, Expr::Num(_)) || !c.params().is_empty();
    if simple || c.size() <= 3 {
        return term_expr(k, c).display(var).to_string();
    }
    let Some(v) = eval(c, &Interval::point(Q::one()), &BTreeMap::new(), 64) else {
        return term_expr(k, c).display(var).to_string();
    };
    let approx = match (&v.lo, &v.hi) {
        (Some((a, _)), Some((b, _))) => {
            let m = (a + b) / Q::from_integer(2.into());
            format!("~{}", super::fmt_num(&m).trim_start_matches('~'))
        }
        _ => return term_expr(k, c).display(var).to_string(),
    };
    let rest = term_expr(k, &Expr::int(1)).display(var).to_string();
    if rest == "1" {
        approx
    } else {
        format!("{approx}*{rest}")
    }
}

fn term_expr(k: &Key, c: &Expr) -> Expr {
    let mut factors: Vec<Expr> = Vec::new();
    if !matches!(c, Expr::Num(q) if q.is_one()) {
        factors.push(c.clone());
    }
    if !k.0.is_zero() {
        factors.push(if k.0.is_one() {
            Expr::Var
        } else {
            Expr::pow(Expr::Var, Expr::Num(k.0.clone()))
        });
    }
    if !k.1.is_zero() {
        let l = Expr::call1(Func::Log, Expr::Var);
        factors.push(if k.1.is_one() {
            l
        } else {
            Expr::pow(l, Expr::Num(k.1.clone()))
        });
    }
    let mut it = factors.into_iter();
    match it.next() {
        None => Expr::int(1),
        Some(first) => it.fold(first, Expr::mul),
    }
}

/// Rewrites expressions into [`Frac`]s.
pub struct Expander<'a> {
    params: &'a BTreeMap<String, Interval>,
    /// Sums that must be nonzero on the tail (divisors).
    pub nonzero: Vec<Sum>,
    work: usize,
}

type R<T> = Result<T, String>;

impl<'a> Expander<'a> {
    pub fn new(params: &'a BTreeMap<String, Interval>) -> Expander<'a> {
        Expander {
            params,
            nonzero: Vec::new(),
            work: 0,
        }
    }

    fn tick(&mut self, n: usize) -> R<()> {
        self.work = self.work.saturating_add(n);
        if self.work > MAX_WORK {
            Err("the finite power-log form needs too much work".into())
        } else {
            Ok(())
        }
    }

    /// A constant folded to a rational when it is one exactly.
    fn fold(&self, c: Expr) -> R<Expr> {
        if c.size() > MAX_COEF_NODES {
            return Err("a coefficient of the power-log form is too large".into());
        }
        if matches!(c, Expr::Num(_)) || !c.params().is_empty() {
            return Ok(c);
        }
        match eval(&c, &Interval::point(Q::one()), &BTreeMap::new(), 64) {
            Some(v) => Ok(v.as_point().map_or(c, |q| Expr::Num(q.clone()))),
            None => Ok(c),
        }
    }

    /// Sign of a constant over the parameter box, when strict and uniform.
    fn strict_sign(&self, c: &Expr) -> Option<Sign> {
        match sign_over_box(c, self.params, SIGN_BITS) {
            Some(Sign::Zero) | None => None,
            s => s,
        }
    }

    fn add_sums(&mut self, a: &Sum, b: &Sum, negate_b: bool) -> R<Sum> {
        self.tick(a.terms.len() + b.terms.len())?;
        let mut out = a.terms.clone();
        for (k, c) in &b.terms {
            let c = if negate_b {
                match c {
                    Expr::Num(q) => Expr::Num(-q),
                    _ => Expr::neg(c.clone()),
                }
            } else {
                c.clone()
            };
            let v = match out.remove(k) {
                None => c,
                Some(old) => match (&old, &c) {
                    (Expr::Num(x), Expr::Num(y)) => Expr::Num(x + y),
                    _ => self.fold(Expr::add(old, c))?,
                },
            };
            if !is_zero_num(&v) {
                out.insert(k.clone(), v);
            }
        }
        if out.len() > MAX_TERMS {
            return Err(format!("more than {MAX_TERMS} power-log terms"));
        }
        Ok(Sum { terms: out })
    }

    fn mul_sums(&mut self, a: &Sum, b: &Sum) -> R<Sum> {
        self.tick(a.terms.len() * b.terms.len() + 1)?;
        let mut acc = Sum::zero();
        for (ka, ca) in &a.terms {
            for (kb, cb) in &b.terms {
                let k = (&ka.0 + &kb.0, &ka.1 + &kb.1);
                let c = match (ca, cb) {
                    (Expr::Num(x), Expr::Num(y)) => Expr::Num(x * y),
                    (Expr::Num(x), other) | (other, Expr::Num(x)) if x.is_one() => other.clone(),
                    _ => self.fold(Expr::mul(ca.clone(), cb.clone()))?,
                };
                acc = self.add_sums(&acc, &Sum::mono(k, c), false)?;
            }
        }
        Ok(acc)
    }

    /// Absorb a single-term denominator with a nonzero coefficient.
    fn normalize(&mut self, f: Frac) -> R<Frac> {
        if f.den.is_one() {
            return Ok(f);
        }
        if let Some((k, c)) = f.den.single() {
            if self.strict_sign(c).is_some() {
                let inv = Sum::mono(
                    (-&k.0, -&k.1),
                    match c {
                        Expr::Num(q) => Expr::Num(q.recip()),
                        _ => self.fold(Expr::div(Expr::int(1), c.clone()))?,
                    },
                );
                let num = self.mul_sums(&f.num, &inv)?;
                return Ok(Frac {
                    num,
                    den: Sum::one(),
                });
            }
        }
        Ok(f)
    }

    /// The finite power–log form of `e`, valid for every n > 1 (and every
    /// admissible parameter value) where the recorded divisors are nonzero.
    pub fn expand(&mut self, e: &Expr, depth: usize) -> R<Frac> {
        crate::stack::guard!(self.expand(e, depth));
        if depth > MAX_DEPTH {
            return Err("expression nested too deeply for the power-log form".into());
        }
        self.tick(1)?;
        if !e.has_var() {
            // a constant that may vanish from the form (0 * c) must still
            // be defined, or the form would be defined where `e` is not
            if eval(e, &Interval::point(Q::one()), self.params, 64).is_none() {
                return Err(format!(
                    "{e} is not shown defined for every admissible parameter value"
                ));
            }
            return Ok(Frac {
                num: Sum::constant(self.fold(e.clone())?),
                den: Sum::one(),
            });
        }
        let f = match e {
            Expr::Var => Frac {
                num: Sum::mono((Q::one(), zero()), Expr::int(1)),
                den: Sum::one(),
            },
            Expr::Fn(name) => return Err(format!("unknown function {name}")),
            Expr::Opt(_) => return Err(crate::ir::OPT_UNRESOLVED.into()),
            Expr::Num(_) | Expr::Pi | Expr::Param(_) => unreachable_const(e)?,
            Expr::Neg(a) => {
                let a = self.expand(a, depth + 1)?;
                Frac {
                    num: self.add_sums(&Sum::zero(), &a.num, true)?,
                    den: a.den,
                }
            }
            Expr::Add(a, b) | Expr::Sub(a, b) => {
                let neg = matches!(e, Expr::Sub(..));
                let a = self.expand(a, depth + 1)?;
                let b = self.expand(b, depth + 1)?;
                if a.den == b.den {
                    Frac {
                        num: self.add_sums(&a.num, &b.num, neg)?,
                        den: a.den,
                    }
                } else {
                    let x = self.mul_sums(&a.num, &b.den)?;
                    let y = self.mul_sums(&b.num, &a.den)?;
                    Frac {
                        num: self.add_sums(&x, &y, neg)?,
                        den: self.mul_sums(&a.den, &b.den)?,
                    }
                }
            }
            Expr::Mul(a, b) => {
                let a = self.expand(a, depth + 1)?;
                let b = self.expand(b, depth + 1)?;
                Frac {
                    num: self.mul_sums(&a.num, &b.num)?,
                    den: self.mul_sums(&a.den, &b.den)?,
                }
            }
            Expr::Div(a, b) => {
                let a = self.expand(a, depth + 1)?;
                let b = self.expand(b, depth + 1)?;
                self.divide(a, b)?
            }
            Expr::Pow(a, b) => {
                if b.has_var() {
                    return Err(format!("{e} has a power with the variable in the exponent"));
                }
                let q = self
                    .rational(b)
                    .ok_or_else(|| format!("the exponent {b} is not an exact rational number"))?;
                let a = self.expand(a, depth + 1)?;
                self.power(a, &q, e)?
            }
            Expr::Call(func, args) => {
                let [a] = args.as_slice() else {
                    return Err(format!("{} of the variable", func.name()));
                };
                match func {
                    Func::Sqrt => {
                        let x = self.expand(a, depth + 1)?;
                        self.power(x, &Q::new(1.into(), 2.into()), e)?
                    }
                    Func::Exp => {
                        let x = self.expand(a, depth + 1)?;
                        self.exp(x, e)?
                    }
                    Func::Log | Func::Log2 | Func::Log10 => {
                        let x = self.expand(a, depth + 1)?;
                        let l = self.log(x, e)?;
                        if *func == Func::Log {
                            l
                        } else {
                            let base = if *func == Func::Log2 { 2 } else { 10 };
                            let d = Frac {
                                num: Sum::constant(Expr::call1(Func::Log, Expr::int(base))),
                                den: Sum::one(),
                            };
                            self.divide(l, d)?
                        }
                    }
                    Func::Abs | Func::Min | Func::Max => {
                        return Err(format!("{} of the variable", func.name()))
                    }
                }
            }
        };
        self.normalize(f)
    }

    fn rational(&self, b: &Expr) -> Option<Q> {
        if let Expr::Num(q) = b {
            return Some(q.clone());
        }
        if !b.params().is_empty() {
            return None;
        }
        eval(b, &Interval::point(Q::one()), &BTreeMap::new(), 64)?
            .as_point()
            .cloned()
    }

    fn divide(&mut self, a: Frac, b: Frac) -> R<Frac> {
        if b.num.terms.is_empty() {
            return Err("division by zero".into());
        }
        let single_ok = b
            .num
            .single()
            .is_some_and(|(_, c)| self.strict_sign(c).is_some());
        if !single_ok {
            self.nonzero.push(b.num.clone());
        }
        Ok(Frac {
            num: self.mul_sums(&a.num, &b.den)?,
            den: self.mul_sums(&a.den, &b.num)?,
        })
    }

    fn power(&mut self, a: Frac, q: &Q, e: &Expr) -> R<Frac> {
        if q.is_integer() {
            let k = q
                .to_integer()
                .to_i64()
                .filter(|k| k.unsigned_abs() <= u64::from(MAX_INT_POWER))
                .ok_or_else(|| format!("the power in {e} is too large to expand"))?;
            let mut acc = Frac {
                num: Sum::one(),
                den: Sum::one(),
            };
            for _ in 0..k.unsigned_abs() {
                acc = Frac {
                    num: self.mul_sums(&acc.num, &a.num)?,
                    den: self.mul_sums(&acc.den, &a.den)?,
                };
            }
            if k < 0 {
                let one = Frac {
                    num: Sum::one(),
                    den: Sum::one(),
                };
                return self.divide(one, acc);
            }
            return Ok(acc);
        }
        // a non-integer power of a single term c n^a log^b n with c > 0
        if !a.den.is_one() {
            return Err(format!("{e}: a non-integer power of a quotient of sums"));
        }
        if a.num.terms.is_empty() {
            if q.is_positive() {
                return Ok(Frac {
                    num: Sum::zero(),
                    den: Sum::one(),
                });
            }
            return Err(format!("{e}: a negative power of 0"));
        }
        let Some((k, c)) = a.num.single() else {
            return Err(format!(
                "{e}: a non-integer power of a sum is not a finite sum of n^a*log(n)^b terms"
            ));
        };
        if self.strict_sign(c) != Some(Sign::Pos) {
            return Err(format!(
                "{e}: the sign of the coefficient {c} is not shown positive"
            ));
        }
        let coef = if *q == Q::new(1.into(), 2.into()) {
            Expr::call1(Func::Sqrt, c.clone())
        } else {
            Expr::pow(c.clone(), Expr::Num(q.clone()))
        };
        let coef = self.fold(coef)?;
        Ok(Frac {
            num: Sum::mono((&k.0 * q, &k.1 * q), coef),
            den: Sum::one(),
        })
    }

    fn log(&mut self, a: Frac, e: &Expr) -> R<Frac> {
        let one_log = |this: &mut Self, s: &Sum| -> R<Sum> {
            let Some((k, c)) = s.single() else {
                return Err(format!(
                    "{e}: the logarithm of a sum is not a finite sum of n^a*log(n)^b terms"
                ));
            };
            if !k.1.is_zero() {
                return Err(format!("{e}: log(log(n)) is not a finite power-log term"));
            }
            if this.strict_sign(c) != Some(Sign::Pos) {
                return Err(format!("{e}: the coefficient {c} is not shown positive"));
            }
            let lc = this.fold(Expr::call1(Func::Log, c.clone()))?;
            let mut terms = BTreeMap::new();
            if !is_zero_num(&lc) {
                terms.insert((zero(), zero()), lc);
            }
            if !k.0.is_zero() {
                terms.insert((zero(), Q::one()), Expr::Num(k.0.clone()));
            }
            Ok(Sum { terms })
        };
        let n = one_log(self, &a.num)?;
        let d = if a.den.is_one() {
            Sum::zero()
        } else {
            one_log(self, &a.den)?
        };
        Ok(Frac {
            num: self.add_sums(&n, &d, true)?,
            den: Sum::one(),
        })
    }

    fn exp(&mut self, a: Frac, e: &Expr) -> R<Frac> {
        if !a.den.is_one() {
            return Err(format!("{e}: exp of a quotient of sums"));
        }
        let mut p = zero();
        let mut c = Expr::int(0);
        for (k, coef) in &a.num.terms {
            if k.0.is_zero() && k.1.is_zero() {
                c = coef.clone();
            } else if k.0.is_zero() && k.1.is_one() {
                p = self.rational(coef).ok_or_else(|| {
                    format!("{e}: the multiple of log(n) is not an exact rational")
                })?;
            } else {
                return Err(format!(
                    "{e}: exp of something growing faster than log(n) is outside the class"
                ));
            }
        }
        let coef = self.fold(Expr::call1(Func::Exp, c))?;
        Ok(Frac {
            num: Sum::mono((p, zero()), coef),
            den: Sum::one(),
        })
    }
}

fn unreachable_const(e: &Expr) -> R<Frac> {
    Err(format!("internal: constant {e} reached the variable case"))
}

/// The dominant term of a sum and the others relative to it.
#[derive(Clone, Debug)]
pub struct Dominant {
    pub key: Key,
    pub coef: Expr,
    pub sign: Sign,
    /// (alpha, beta) relative exponents and coefficients of the other terms.
    pub rest: Vec<(Key, Expr)>,
}

/// The dominant term of `s` with its strict sign over the box; `Ok(None)`
/// when every coefficient is exactly 0; `Err` when a coefficient's sign
/// cannot be settled.
pub fn dominant(
    s: &Sum,
    params: &BTreeMap<String, Interval>,
    pbox: &ParamBox,
    var: &str,
) -> R<Option<Dominant>> {
    let mut lead: Option<(Key, Expr, Sign)> = None;
    let mut rest = Vec::new();
    for (k, c) in s.terms.iter().rev() {
        if let Some((lk, _, _)) = &lead {
            rest.push(((&k.0 - &lk.0, &k.1 - &lk.1), c.clone()));
            continue;
        }
        match sign_over_box(c, params, SIGN_BITS) {
            Some(Sign::Zero) => continue,
            Some(sign) => lead = Some((k.clone(), c.clone(), sign)),
            None => {
                if crate::asymptotic::exact_zero_difference(c, &Expr::int(0), pbox) {
                    continue;
                }
                if let Some(sign) = engine_sign(c, pbox) {
                    lead = Some((k.clone(), c.clone(), sign));
                    continue;
                }
                let names: Vec<String> = c.params().into_iter().collect();
                let hint = if names.is_empty() {
                    String::new()
                } else {
                    format!(" over the admissible values of {}", names.join(", "))
                };
                return Err(format!(
                    "the sign of the leading term {} is not determined{hint}",
                    term_text(k, c, var)
                ));
            }
        }
    }
    Ok(lead.map(|(key, coef, sign)| Dominant {
        key,
        coef,
        sign,
        rest,
    }))
}

/// The strict sign of a constant (free of the variable) for every admissible
/// parameter value, from the asymptotic engine's exact coefficients, where
/// interval arithmetic loses the correlation between occurrences of a
/// parameter: `1 - sqrt(8*c/(16*c))` is `1 - sqrt(1/2) > 0`. A constant is
/// `> 0 eventually` exactly when it is `> 0`.
fn engine_sign(c: &Expr, pbox: &ParamBox) -> Option<Sign> {
    if c.has_var() {
        return None;
    }
    for (op, sign) in [(Cmp::Gt, Sign::Pos), (Cmp::Lt, Sign::Neg)] {
        let claim = ClaimKind::Ineq {
            lhs: c.clone(),
            op,
            rhs: Expr::int(0),
            range: Range::Eventually,
        };
        if crate::asymptotic::decide(&claim, pbox, "n").verdict == Verdict::Proved {
            return Some(sign);
        }
    }
    None
}

/// Does the dominant term provably outweigh the others for every n >= n1?
pub fn tail_holds(d: &Dominant, n1: &Q, params: &BTreeMap<String, Interval>) -> bool {
    if *n1 <= Q::from_integer(2.into()) && !d.rest.is_empty() {
        // log(n1) must be positive and bounded away from 0
        if *n1 <= Q::one() {
            return false;
        }
    }
    let n1e = Expr::Num(n1.clone());
    let log_n1 = Expr::call1(Func::Log, n1e.clone());
    let log_lo = Interval::point(n1.clone())
        .log(64)
        .and_then(|v| v.lo.map(|(q, _)| q));
    let mut sum: Option<Expr> = None;
    for ((alpha, beta), c) in &d.rest {
        if alpha.is_negative() && beta.is_positive() {
            // r is non-increasing from log n >= beta / -alpha on
            let need = beta / -alpha;
            if log_lo.as_ref().is_none_or(|l| *l < need) {
                return false;
            }
        } else if !(alpha.is_negative() || (alpha.is_zero() && beta.is_negative())) {
            return false; // not a lower-order term (cannot happen)
        }
        let mut r = Expr::pow(n1e.clone(), Expr::Num(alpha.clone()));
        if !beta.is_zero() {
            r = Expr::mul(r, Expr::pow(log_n1.clone(), Expr::Num(beta.clone())));
        }
        let t = Expr::mul(Expr::call1(Func::Abs, c.clone()), r);
        sum = Some(match sum {
            None => t,
            Some(s) => Expr::add(s, t),
        });
    }
    let margin = match sum {
        None => return true,
        Some(s) => Expr::sub(Expr::call1(Func::Abs, d.coef.clone()), s),
    };
    // fail fast: the margin at one parameter point (only ever rejects)
    if !params.is_empty() {
        let point: BTreeMap<String, Interval> = params
            .iter()
            .map(|(k, iv)| {
                let v = match (&iv.lo, &iv.hi) {
                    (Some((a, _)), Some((b, _))) => (a + b) / Q::from_integer(2.into()),
                    (Some((a, _)), None) => a + Q::one(),
                    (None, Some((b, _))) => b - Q::one(),
                    (None, None) => Q::zero(),
                };
                (k.clone(), Interval::point(v))
            })
            .collect();
        if eval(&margin, &Interval::point(Q::one()), &point, 64).is_some_and(|v| v.is_nonpos()) {
            return false;
        }
    }
    sign_over_box(&margin, params, SIGN_BITS) == Some(Sign::Pos)
}

/// A certified sign of a function on [from, oo).
#[derive(Clone, Debug)]
pub struct Tail {
    /// N1: the certificate covers every real n >= N1.
    pub from: Q,
    /// The sign of the function on [N1, oo) (`Zero`: identically 0 there).
    pub sign: Sign,
    /// The dominant term(s), as text.
    pub leading: String,
    /// Tail points tried.
    pub tries: usize,
}

/// What the tail certificate of `f` rests on, whatever its start: the
/// dominant terms of the numerator, of the denominator and of every divisor
/// (each to be shown to outweigh its other terms), the sign of `f` on the
/// tail and its leading term as text.
#[derive(Clone)]
struct Terms {
    doms: Vec<Dominant>,
    sign: Sign,
    leading: String,
    /// Whether every dominant term outweighs its others from n1 on, for
    /// the points n1 asked so far (shared by the copies of a memo entry;
    /// a pure function of the point).
    holds_from: Arc<Mutex<BTreeMap<Q, bool>>>,
}

impl Terms {
    fn holds_from(&self, n1: &Q, params: &BTreeMap<String, Interval>) -> bool {
        if let Some(b) = self.holds_from.lock().ok().and_then(|m| m.get(n1).copied()) {
            return b;
        }
        let b = self.doms.iter().all(|d| tail_holds(d, n1, params));
        if let Ok(mut m) = self.holds_from.lock() {
            m.insert(n1.clone(), b);
        }
        b
    }
}

/// [`Terms`] of `f`, memoised per process: a pure function of its inputs
/// (no budget is spent here), asked again for the same difference by the
/// claims and crossovers of a file that differ only in their start, and by
/// the refutation of an `fn` claim for each candidate model.
fn terms(f: &Expr, params: &BTreeMap<String, Interval>, pbox: &ParamBox, var: &str) -> R<Terms> {
    type Key = (Expr, BTreeMap<String, Interval>, ParamBox, String);
    static MEMO: crate::asymptotic::memo::Memo<Key, R<Terms>> =
        crate::asymptotic::memo::Memo::new();
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    crate::asymptotic::memo::hash_expr(f, &mut h);
    h.write(var.as_bytes());
    MEMO.get_or_with(
        h.finish(),
        |(e, p, b, v): &Key| e == f && p == params && b == pbox && v == var,
        || (f.clone(), params.clone(), pbox.clone(), var.to_string()),
        || terms_unmemoised(f, params, pbox, var),
    )
}

fn terms_unmemoised(
    f: &Expr,
    params: &BTreeMap<String, Interval>,
    pbox: &ParamBox,
    var: &str,
) -> R<Terms> {
    let mut ex = Expander::new(params);
    let frac = ex.expand(f, 0)?;
    let num = dominant(&frac.num, params, pbox, var)?;
    // P = 0 identically: f = 0 wherever defined (the divisors are still
    // certified nonzero on the tail below)
    let mut doms = Vec::new();
    let (mut sign, mut leading) = match &num {
        Some(num) => {
            doms.push(num.clone());
            (num.sign, term_text(&num.key, &num.coef, var))
        }
        None => (Sign::Zero, "0".to_string()),
    };
    if !frac.den.is_one() {
        let den = dominant(&frac.den, params, pbox, var)?
            .ok_or_else(|| "a denominator is identically 0".to_string())?;
        if den.sign == Sign::Neg {
            sign = match sign {
                Sign::Pos => Sign::Neg,
                Sign::Neg => Sign::Pos,
                Sign::Zero => Sign::Zero,
            };
        }
        let d = term_text(&den.key, &den.coef, var);
        if d != "1" && num.is_some() {
            leading = format!("({leading})/({d})");
        }
        doms.push(den);
    }
    for s in &ex.nonzero {
        let d = dominant(s, params, pbox, var)?
            .ok_or_else(|| "a divisor is identically 0".to_string())?;
        doms.push(d);
    }
    Ok(Terms {
        doms,
        sign,
        leading,
        holds_from: Arc::default(),
    })
}

/// Certify the sign of `f` on [N1, oo) for the least N1 of the form
/// `start` or 2^k (k up to 2^13) for which the dominant-term argument
/// succeeds, over the whole parameter box.
pub fn certify_tail(
    f: &Expr,
    start: &Q,
    params: &BTreeMap<String, Interval>,
    pbox: &ParamBox,
    var: &str,
) -> R<Tail> {
    let terms = terms(f, params, pbox, var)?;
    let (sign, leading) = (terms.sign, terms.leading.clone());
    let mut tries = 0usize;
    let mut holds = |n1: &Q| {
        tries += 1;
        terms.holds_from(n1, params)
    };
    let two = Q::from_integer(2.into());
    if *start >= two && holds(start) {
        return Ok(Tail {
            from: start.clone(),
            sign,
            leading,
            tries,
        });
    }
    let start_bits = start.ceil().to_integer().bits().max(1);
    let mut fail_k = start_bits.saturating_sub(1);
    let mut k = start_bits;
    let pow2 = |k: u64| Q::from_integer(BigInt::one() << k);
    loop {
        if k > MAX_TAIL_LOG2 {
            let over = if params.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = params
                    .iter()
                    .map(|(k, iv)| {
                        if iv.is_bounded() {
                            k.clone()
                        } else {
                            format!("{k} (unbounded)")
                        }
                    })
                    .collect();
                format!(
                    " uniformly over the admissible values of {}",
                    names.join(", ")
                )
            };
            return Err(format!(
                "the dominant term {leading} is not shown to outweigh the others{over} before {}",
                crate::ir::var_at(var, &format!("2^{MAX_TAIL_LOG2}"))
            ));
        }
        if holds(&pow2(k)) {
            break;
        }
        fail_k = k;
        k = k.saturating_mul(2);
    }
    // least k in (fail_k, k] that works (the test is monotone in n1)
    while k - fail_k > 1 {
        let mid = fail_k + (k - fail_k) / 2;
        if holds(&pow2(mid)) {
            k = mid;
        } else {
            fail_k = mid;
        }
    }
    Ok(Tail {
        from: pow2(k),
        sign,
        leading,
        tries,
    })
}
