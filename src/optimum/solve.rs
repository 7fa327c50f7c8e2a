//! Closed forms of `inf`, `sup` and `least` for the bodies `terms` reads.
//!
//! `inf` of `k + a*x^r + b*x^s` (r < s) over an interval of x > 0: the
//! derivative is `x^(r-1) * (a*r + b*s*x^(s-r))`, so the signs of `a*r` and
//! `b*s` say everything: `a*r < 0 < b*s` has one interior minimum at
//! `x* = (-a*r/(b*s))^(1/(s-r))` (AM–GM for `a/x + b*x`), worth
//! `k + a*(1 - r/s)*x*^r`; equal signs make the body monotone (the inf is at
//! an end, or the limit there); `a*r > 0 > b*s` puts it at the smaller end.
//! `inf` of `k + a*exp(beta*x) + c*x` (a > 0, convex): the stationary point
//! `x* = log(-c/(a*beta))/beta` when `-c/(a*beta) > 0`, worth
//! `k - c/beta + c*x*`; else monotone. `sup` is `-inf` of the negated body.
//! An interior point outside the range is clamped to it (a unimodal
//! function's minimum over an interval is at the clamped point), and the
//! clamp is dropped where the oracle proves on which side x* lies.
//!
//! `least X >= X0: G <= 0` for `G = k + a*X^r`: G is monotone, so the least
//! N is X0 or the root `(-k/a)^(1/r)`, whichever is larger; when G does not
//! end below 0 there is no such N. Every sign comes from the oracle, in the
//! claim's regime; none is assumed.

use super::terms::{at, group, negate, plus, power, quot, times, Term};
use super::{Failure, Oracle};
use crate::ir::{Cmp, Constraint, Endpoint, Expr, Func, Q};
use num_traits::{One, Signed, Zero};

/// A closed form and where it is attained.
pub(super) struct Solved {
    pub value: Expr,
    /// `lam = ...`, `lam -> 0`, or nothing (attained everywhere / not an
    /// optimisation).
    pub attained: Option<String>,
    /// The point of the range where it is attained, when it is an
    /// expression (a turning point, clamped or not).
    pub point: Option<Expr>,
    /// `value` equals the optimum (in the claim's regime); when false it
    /// is only asymptotically equivalent to it (`least ~ value`).
    pub exact: bool,
    /// How an inexact value was found, for `show`.
    pub how: &'static str,
    /// An inexact value known only up to a constant factor (`Theta`), not
    /// up to `~`.
    pub theta: bool,
    /// Exact bounds `lo <= optimum <= hi` at a point, when it has no closed
    /// form there (`value` is then `hi`).
    pub bracket: Option<(Q, Q)>,
    /// For a `least` without a closed form: the comparison it inverts, from
    /// which inequalities about it are reduced to claims about the bound.
    pub inversion: Option<Box<super::Inversion>>,
}

impl Solved {
    /// An exact value, attained as `attained` says (at `point` when that
    /// is an expression).
    pub(super) fn exact(value: Expr, attained: Option<String>, point: Option<Expr>) -> Solved {
        Solved {
            value,
            attained,
            point,
            exact: true,
            how: "",
            theta: false,
            bracket: None,
            inversion: None,
        }
    }
}

/// A proved sign.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sign {
    Pos,
    Neg,
}

impl Sign {
    fn of_q(q: &Q) -> Option<Sign> {
        if q.is_positive() {
            Some(Sign::Pos)
        } else if q.is_negative() {
            Some(Sign::Neg)
        } else {
            None
        }
    }
    fn times(self, o: Sign) -> Sign {
        if self == o {
            Sign::Pos
        } else {
            Sign::Neg
        }
    }
}

/// The value of the body at an end of the range, or its limit there.
enum End {
    Value { value: Expr, attained: String },
    PlusInf,
    MinusInf,
}

struct Body<'a> {
    /// The term free of x.
    k: Expr,
    /// The other terms, with the sign of each coefficient.
    vs: Vec<(Term, Sign)>,
    x: &'a str,
    o: &'a Oracle<'a>,
    /// Words for messages: `inf` or `sup`.
    word: &'static str,
}

fn sign(o: &Oracle, e: &Expr, what: &str) -> Result<Sign, String> {
    if let Expr::Num(q) = e {
        return Sign::of_q(q).ok_or_else(|| format!("{what} is 0"));
    }
    if o.holds(e, Cmp::Gt) {
        Ok(Sign::Pos)
    } else if o.holds(e, Cmp::Lt) {
        Ok(Sign::Neg)
    } else {
        Err(format!(
            "the sign of {what} {} is not known{}",
            e.display(o.var),
            o.regime_words()
        ))
    }
}

/// `inf` (or, with `sup`, `sup`) of the terms over `range`.
pub(super) fn extremum(
    ts: Vec<Term>,
    range: &Constraint,
    x: &str,
    o: &Oracle,
    sup: bool,
) -> Result<Solved, String> {
    let ts = if sup {
        ts.into_iter()
            .map(|t| Term {
                coef: negate(t.coef),
                ..t
            })
            .collect()
    } else {
        ts
    };
    let word = if sup { "sup" } else { "inf" };
    let name = crate::ir::written_name(x);
    let ts = group(ts);
    let mut k = Expr::int(0);
    let mut vs = Vec::new();
    // a coefficient only known to be >= 0 (`KL >= 0`), and why its sign
    // was not proved strictly
    let mut weak = None;
    for t in ts {
        if t.pow.is_zero() && t.rate.is_none() {
            k = plus(k, t.coef);
        } else {
            let what = format!("the coefficient of {}", shown(&t, name));
            let s = match sign(o, &t.coef, &what) {
                Ok(s) => s,
                Err(why) if weak.is_none() && o.holds(&t.coef, Cmp::Ge) => {
                    weak = Some((vs.len(), why));
                    Sign::Pos
                }
                Err(why) => return Err(why),
            };
            vs.push((t, s));
        }
    }
    let b = Body { k, vs, x, o, word };
    let solved = match weak {
        None => b.inf(range)?,
        Some((i, why)) => b.weak_pair(range, i).ok_or(why)?,
    };
    // (everything but the value carries over: the point, and whether the
    // value is exact)
    Ok(if sup {
        Solved {
            value: negate(solved.value),
            ..solved
        }
    } else {
        solved
    })
}

/// A term's dependence on x, for messages: `lam^2`, `exp(... * lam)`.
fn shown(t: &Term, name: &str) -> String {
    match &t.rate {
        Some(_) => format!("the exponential in `{name}`"),
        None if t.pow.is_one() => format!("`{name}`"),
        None => format!("`{name}^{}`", crate::ir::fmt_q(&t.pow)),
    }
}

impl Body<'_> {
    fn name(&self) -> &str {
        crate::ir::written_name(self.x)
    }

    fn all_terms(&self) -> Vec<Term> {
        let mut v = vec![Term {
            coef: self.k.clone(),
            pow: Q::zero(),
            rate: None,
        }];
        v.extend(self.vs.iter().map(|(t, _)| t.clone()));
        v
    }

    fn inf(&self, range: &Constraint) -> Result<Solved, String> {
        if self.vs.is_empty() {
            return Ok(Solved::exact(self.k.clone(), None, None));
        }
        if self.vs.iter().all(|(t, _)| t.rate.is_none()) {
            return self.power_family(range);
        }
        self.exp_family(range)
    }

    fn power_family(&self, range: &Constraint) -> Result<Solved, String> {
        let name = self.name().to_string();
        match &range.lo {
            Endpoint::Finite { value, .. } if !value.is_negative() => {}
            _ => {
                return Err(format!(
                    "`{name}` must range over non-negative numbers (`{name} > 0`, `{name} in [1, 10]`) when it appears in a power"
                ))
            }
        }
        match self.vs.as_slice() {
            [(t, s)] => {
                let d = s.times(Sign::of_q(&t.pow).unwrap_or(Sign::Pos));
                self.monotone(range, d == Sign::Pos)
            }
            [(t1, s1), (t2, s2)] => {
                let (r, s) = (&t1.pow, &t2.pow);
                let a_r = s1.times(Sign::of_q(r).unwrap_or(Sign::Pos));
                let b_s = s2.times(Sign::of_q(s).unwrap_or(Sign::Pos));
                match (a_r, b_s) {
                    (Sign::Neg, Sign::Pos) => {
                        let (star, inner) = self.pair_optimum(t1, t2);
                        self.interior(range, star, inner)
                    }
                    (Sign::Pos, Sign::Pos) => self.monotone(range, true),
                    (Sign::Neg, Sign::Neg) => self.monotone(range, false),
                    (Sign::Pos, Sign::Neg) => self.smaller_end(range),
                }
            }
            vs => {
                // every term rising (or every term falling): monotone
                let dirs: Vec<Sign> = vs
                    .iter()
                    .map(|(t, s)| s.times(Sign::of_q(&t.pow).unwrap_or(Sign::Pos)))
                    .collect();
                if dirs.iter().all(|d| *d == Sign::Pos) {
                    return self.monotone(range, true);
                }
                if dirs.iter().all(|d| *d == Sign::Neg) {
                    return self.monotone(range, false);
                }
                self.balanced_pair(range)
            }
        }
    }

    /// `k + a*x^r + b*x^s` over x > 0 with r < 0 < s, b > 0 and a only
    /// known to be >= 0 (term `i` is a): the inf is
    /// `k + (1 - r/s) * a^(s/(s-r)) * (-r/(b*s))^(r/(s-r))`, the value at
    /// the turning point written so that it stays right at a = 0 (the inf
    /// is then k, the limit as x -> 0). `None` for any other shape.
    fn weak_pair(&self, range: &Constraint, i: usize) -> Option<Solved> {
        let whole = matches!(&range.lo, Endpoint::Finite { value, .. } if value.is_zero())
            && range.hi == Endpoint::Infinite;
        let [(t1, _), (t2, s2)] = self.vs.as_slice() else {
            return None;
        };
        let (r, s) = (&t1.pow, &t2.pow);
        let ok = whole
            && i == 0
            && *s2 == Sign::Pos
            && t1.rate.is_none()
            && t2.rate.is_none()
            && r.is_negative()
            && s.is_positive();
        if !ok {
            return None;
        }
        let span = s - r;
        let ratio = quot(
            Expr::Num(-r.clone()),
            times(Expr::Num(s.clone()), t2.coef.clone()),
        );
        let value = plus(
            self.k.clone(),
            times(
                times(
                    Expr::Num(Q::one() - r / s),
                    power(t1.coef.clone(), &(s / &span)),
                ),
                power(ratio, &(r / &span)),
            ),
        );
        let (star, _) = self.pair_optimum(t1, t2);
        let attained = format!(
            "{} = {} (no point where the coefficient is 0)",
            self.name(),
            star.display(self.o.var)
        );
        Some(Solved::exact(value, Some(attained), Some(star)))
    }

    /// The turning point of `a*x^r + b*x^s` (a*r < 0 < b*s, r < s) and
    /// the body's value there: `x* = (-a*r/(b*s))^(1/(s-r))`, worth
    /// `k + a*(1 - r/s)*x*^r`.
    fn pair_optimum(&self, t1: &Term, t2: &Term) -> (Expr, Expr) {
        let (r, s) = (&t1.pow, &t2.pow);
        let ratio = quot(
            negate(times(Expr::Num(r.clone()), t1.coef.clone())),
            times(Expr::Num(s.clone()), t2.coef.clone()),
        );
        let star = power(ratio, &(Q::one() / (s - r)));
        let inner = plus(
            self.k.clone(),
            times(
                times(Expr::Num(Q::one() - r / s), t1.coef.clone()),
                power(star.clone(), r),
            ),
        );
        (star, inner)
    }

    /// Three or more positive power terms over x > 0, for all large n: the
    /// pair of a falling and a rising term that balances at the optimum.
    /// Dropping the other terms (positive) gives the lower bound `L`, the
    /// pair's own minimum; the body at the pair's turning point gives the
    /// upper bound `U`. When the engine proves `U ~ L`, the inf lies
    /// between two equivalent functions: `inf ~ L` (the other terms are
    /// negligible there). When no pair passes, several terms balance at
    /// once and the constant is not computed.
    fn balanced_pair(&self, range: &Constraint) -> Result<Solved, String> {
        let name = self.name().to_string();
        let whole = matches!(&range.lo, Endpoint::Finite { value, .. } if value.is_zero())
            && range.hi == Endpoint::Infinite;
        let positive = self.vs.iter().all(|(_, s)| *s == Sign::Pos);
        if !whole || !positive {
            return Err(format!(
                "not supported yet: {} terms that depend on `{name}`{} (more than two terms are balanced only when all are positive and `{name} > 0`)",
                self.vs.len(),
                if whole { " with mixed signs" } else { " over a bounded range" }
            ));
        }
        if !matches!(self.o.regime, super::Regime::Eventually) {
            return Err(format!(
                "no closed form: the {} of {} terms in `{name}` is known only up to asymptotic equivalence, which decides claims about all {} only",
                self.word,
                self.vs.len(),
                crate::ir::large(self.o.var)
            ));
        }
        let all = self.all_terms();
        for (t1, _) in self.vs.iter().filter(|(t, _)| t.pow.is_negative()) {
            for (t2, _) in self.vs.iter().filter(|(t, _)| t.pow.is_positive()) {
                let (star, lower) = self.pair_optimum(t1, t2);
                let upper = at(&all, &star);
                let kind = crate::ir::ClaimKind::Similar {
                    lhs: upper,
                    rhs: lower.clone(),
                };
                let d = crate::asymptotic::decide(&kind, self.o.params, self.o.var);
                if d.verdict == crate::ir::Verdict::Proved {
                    return Ok(Solved {
                        inversion: None,
                        bracket: None,
                        theta: false,
                        how: "the two terms that balance at the optimum; the others are negligible there",
                        exact: false,
                        point: Some(star.clone()),
                        value: lower,
                        attained: Some(format!("near {name} = {}", star.display(self.o.var))),
                    });
                }
            }
        }
        // several terms balance at once: the constant is not computed, but
        // a pair whose upper bound is O(its lower bound) pins the order
        for (t1, _) in self.vs.iter().filter(|(t, _)| t.pow.is_negative()) {
            for (t2, _) in self.vs.iter().filter(|(t, _)| t.pow.is_positive()) {
                let (star, lower) = self.pair_optimum(t1, t2);
                let kind = crate::ir::ClaimKind::Landau {
                    lhs: at(&all, &star),
                    rel: crate::ir::Landau::BigO,
                    rhs: lower.clone(),
                };
                let d = crate::asymptotic::decide(&kind, self.o.params, self.o.var);
                if d.verdict == crate::ir::Verdict::Proved {
                    return Ok(Solved {
                        theta: true,
                        how: "several terms balance at the optimum: known up to a constant factor",
                        exact: false,
                        point: Some(star.clone()),
                        value: lower,
                        attained: Some(format!("near {name} = {}", star.display(self.o.var))),
                        bracket: None,
                        inversion: None,
                    });
                }
            }
        }
        Err(format!(
            "not supported yet: no pair of the {} terms in `{name}` bounds the optimum to a constant factor",
            self.vs.len()
        ))
    }

    fn exp_family(&self, range: &Constraint) -> Result<Solved, String> {
        let name = self.name().to_string();
        let unsupported = || {
            format!(
                "not supported yet: this dependence on `{name}` (closed forms cover `a*exp(b*{name}) + c*{name}`)"
            )
        };
        let (lin, (e, sa)) = match self.vs.as_slice() {
            [(e, sa)] if e.pow.is_zero() => (None, (e, *sa)),
            [(l, sc), (e, sa)] if l.rate.is_none() && l.pow.is_one() && e.pow.is_zero() => {
                (Some((l, *sc)), (e, *sa))
            }
            _ => return Err(unsupported()),
        };
        let beta = e.rate.clone().ok_or_else(unsupported)?;
        let sb = sign(
            self.o,
            &beta,
            &format!("the rate of the exponential in `{name}`"),
        )?;
        if sa == Sign::Neg {
            return self.smaller_end(range);
        }
        // convex: E' = a beta e^(beta x) + c increases
        match lin {
            Some((l, sc)) if sc != sb => {
                let c = l.coef.clone();
                let ratio = quot(negate(c.clone()), times(e.coef.clone(), beta.clone()));
                let star = quot(Expr::call1(Func::Log, ratio), beta.clone());
                let inner = plus(
                    plus(self.k.clone(), negate(quot(c.clone(), beta))),
                    times(c, star.clone()),
                );
                self.interior(range, star, inner)
            }
            _ => self.monotone(range, sb == Sign::Pos),
        }
    }

    /// The inf of a nondecreasing (`up`) or nonincreasing body: at the lower
    /// or the upper end.
    fn monotone(&self, range: &Constraint, up: bool) -> Result<Solved, String> {
        let end = if up {
            self.end(&range.lo, true)?
        } else {
            self.end(&range.hi, false)?
        };
        match end {
            End::Value { value, attained } => Ok(Solved::exact(value, Some(attained), None)),
            End::MinusInf => Err(self.unbounded(up)),
            End::PlusInf => Err(format!(
                "internal: the {} of a monotone body is infinite at its own end",
                self.word
            )),
        }
    }

    fn unbounded(&self, low_end: bool) -> String {
        let (word, inf) = if self.word == "inf" {
            ("inf", "-oo")
        } else {
            ("sup", "oo")
        };
        format!(
            "the {word} is {inf} (as `{}` tends to its {} end)",
            self.name(),
            if low_end { "lower" } else { "upper" }
        )
    }

    /// The inf of a body that rises then falls: the smaller end value.
    fn smaller_end(&self, range: &Constraint) -> Result<Solved, String> {
        let lo = self.end(&range.lo, true)?;
        let hi = self.end(&range.hi, false)?;
        match (lo, hi) {
            (End::MinusInf, _) => Err(self.unbounded(true)),
            (_, End::MinusInf) => Err(self.unbounded(false)),
            (End::Value { value, attained }, End::PlusInf)
            | (End::PlusInf, End::Value { value, attained }) => {
                Ok(Solved::exact(value, Some(attained), None))
            }
            (
                End::Value {
                    value: a,
                    attained: wa,
                },
                End::Value {
                    value: b,
                    attained: wb,
                },
            ) => {
                let diff = Expr::sub(a.clone(), b.clone());
                if self.o.holds(&diff, Cmp::Le) {
                    Ok(Solved::exact(a, Some(wa), None))
                } else if self.o.holds(&diff, Cmp::Ge) {
                    Ok(Solved::exact(b, Some(wb), None))
                } else {
                    Ok(Solved::exact(
                        Expr::Call(Func::Min, vec![a, b]),
                        Some(format!("{wa} or {wb}")),
                        None,
                    ))
                }
            }
            (End::PlusInf, End::PlusInf) => Err(format!(
                "internal: the {} of a body infinite at both ends",
                self.word
            )),
        }
    }

    /// The body at a finite end, or its limit at an infinite or zero end.
    fn end(&self, end: &Endpoint, low: bool) -> Result<End, String> {
        let name = self.name().to_string();
        let power_only = self.vs.iter().all(|(t, _)| t.rate.is_none());
        let ts = self.all_terms();
        match end {
            Endpoint::Finite { value, closed } if !(power_only && value.is_zero()) => {
                let v = Expr::Num(value.clone());
                let word = if *closed {
                    format!("{name} = {}", crate::ir::fmt_q(value))
                } else {
                    format!(
                        "no point (the limit as {name} -> {})",
                        crate::ir::fmt_q(value)
                    )
                };
                Ok(End::Value {
                    value: at(&ts, &v),
                    attained: word,
                })
            }
            Endpoint::Finite { closed, .. } => {
                // x -> 0+ with powers only: the smallest power decides
                let (t, s) = self
                    .vs
                    .iter()
                    .min_by(|a, b| a.0.pow.cmp(&b.0.pow))
                    .ok_or_else(|| "internal: no term".to_string())?;
                if t.pow.is_negative() {
                    return Ok(if *s == Sign::Pos {
                        End::PlusInf
                    } else {
                        End::MinusInf
                    });
                }
                Ok(End::Value {
                    value: self.k.clone(),
                    attained: if *closed {
                        format!("{name} = 0")
                    } else {
                        format!("no point (the limit as {name} -> 0)")
                    },
                })
            }
            Endpoint::Infinite => {
                let dir = if low { "-oo" } else { "oo" };
                let limit = |s: Sign, grows: bool| -> Option<End> {
                    // a term of sign s that tends to +-oo (grows) or 0
                    grows.then_some(if s == Sign::Pos {
                        End::PlusInf
                    } else {
                        End::MinusInf
                    })
                };
                if power_only {
                    // x -> +oo: the largest power decides
                    let (t, s) = self
                        .vs
                        .iter()
                        .max_by(|a, b| a.0.pow.cmp(&b.0.pow))
                        .ok_or_else(|| "internal: no term".to_string())?;
                    if let Some(e) = limit(*s, t.pow.is_positive()) {
                        return Ok(e);
                    }
                } else {
                    // exp(beta x) dominates a linear term when it grows
                    for (t, s) in self.vs.iter().rev() {
                        let grows = match &t.rate {
                            Some(beta) => {
                                let sb = sign(self.o, beta, "the rate of the exponential")?;
                                (sb == Sign::Pos) != low
                            }
                            None => true,
                        };
                        // a linear term at -oo has the opposite sign
                        let s = if t.rate.is_none() && low {
                            s.times(Sign::Neg)
                        } else {
                            *s
                        };
                        if let Some(e) = limit(s, grows) {
                            return Ok(e);
                        }
                    }
                }
                Ok(End::Value {
                    value: self.k.clone(),
                    attained: format!("no point (the limit as {name} -> {dir})"),
                })
            }
        }
    }

    /// The inf of a body that falls then rises with its turning point at
    /// `star` (worth `inner` there): the turning point clamped to the
    /// range.
    fn interior(&self, range: &Constraint, star: Expr, inner: Expr) -> Result<Solved, String> {
        let name = self.name().to_string();
        let power_only = self.vs.iter().all(|(t, _)| t.rate.is_none());
        let mut point = star.clone();
        let mut clamped = false;
        if let Some((lo, _)) = range.lo.finite() {
            // a power family's turning point is positive: no clamp at 0
            if !(power_only && lo.is_zero()) {
                let d = Expr::sub(star.clone(), Expr::Num(lo.clone()));
                if self.o.holds(&d, Cmp::Le) {
                    return self.monotone(range, true);
                }
                if !self.o.holds(&d, Cmp::Ge) {
                    point = Expr::Call(Func::Max, vec![Expr::Num(lo.clone()), point]);
                    clamped = true;
                }
            }
        }
        if let Some((hi, _)) = range.hi.finite() {
            let d = Expr::sub(star.clone(), Expr::Num(hi.clone()));
            if self.o.holds(&d, Cmp::Ge) {
                return self.monotone(range, false);
            }
            if !self.o.holds(&d, Cmp::Le) {
                point = Expr::Call(Func::Min, vec![Expr::Num(hi.clone()), point]);
                clamped = true;
            }
        }
        if clamped {
            return Ok(Solved::exact(
                at(&self.all_terms(), &point),
                Some(format!("{name} = {}", point.display(self.o.var))),
                Some(point.clone()),
            ));
        }
        Ok(Solved::exact(
            inner,
            Some(format!("{name} = {}", star.display(self.o.var))),
            Some(star.clone()),
        ))
    }
}

/// `least X >= from: G <= 0` (`G < 0` when `strict`) for the terms of G.
pub(super) fn least(ts: Vec<Term>, from: &Expr, x: &str, o: &Oracle) -> Result<Solved, Failure> {
    let name = crate::ir::written_name(x).to_string();
    let ts = group(ts);
    let mut k = Expr::int(0);
    let mut vs = Vec::new();
    for t in ts {
        if t.pow.is_zero() && t.rate.is_none() {
            k = plus(k, t.coef);
        } else {
            vs.push(t);
        }
    }
    let [t] = vs.as_slice() else {
        return Err(Failure::Outside(format!(
            "not supported yet: a `least` whose comparison has {} terms that depend on `{name}` (closed forms cover one power of `{name}`)",
            vs.len()
        )));
    };
    if t.rate.is_some() {
        return Err(Failure::Outside(format!(
            "not supported yet: a `least` with `{name}` in an exponent"
        )));
    }
    if !o.holds(from, Cmp::Ge) {
        return Err(Failure::Final(format!(
            "the start {} of the `least` is not known to be >= 0",
            from.display(o.var)
        )));
    }
    let a = sign(
        o,
        &t.coef,
        &format!("the coefficient of {}", shown(t, &name)),
    )
    .map_err(Failure::Final)?;
    let r = Sign::of_q(&t.pow).unwrap_or(Sign::Pos);
    let never =
        || format!("the comparison fails for every large `{name}`: no such least value exists");
    let everywhere = || Solved::exact(from.clone(), None, None);
    let root = || {
        // k + a X^r = 0
        power(
            quot(negate(k.clone()), t.coef.clone()),
            &(Q::one() / &t.pow),
        )
    };
    let with_root = |rho: Expr| -> Solved {
        let d = Expr::sub(rho.clone(), from.clone());
        let value = if o.holds(&d, Cmp::Ge) {
            rho
        } else if o.holds(&d, Cmp::Le) {
            from.clone()
        } else {
            Expr::Call(Func::Max, vec![from.clone(), rho])
        };
        Solved::exact(value, None, None)
    };
    let k_sign = |op: Cmp| o.holds(&k, op);
    let unknown_k = || {
        format!(
            "the sign of {} (the part free of `{name}`) is not known{}",
            k.display(o.var),
            o.regime_words()
        )
    };
    match (a, r) {
        // decreasing to k
        (Sign::Pos, Sign::Neg) => {
            if k_sign(Cmp::Lt) {
                Ok(with_root(root()))
            } else if k_sign(Cmp::Ge) {
                Err(Failure::Final(never()))
            } else {
                Err(Failure::Final(unknown_k()))
            }
        }
        // decreasing to -oo
        (Sign::Neg, Sign::Pos) => {
            if k_sign(Cmp::Le) {
                Ok(everywhere())
            } else if k_sign(Cmp::Gt) {
                Ok(with_root(root()))
            } else {
                Err(Failure::Final(unknown_k()))
            }
        }
        // increasing to +oo
        (Sign::Pos, Sign::Pos) => Err(Failure::Final(never())),
        // increasing to k
        (Sign::Neg, Sign::Neg) => {
            if k_sign(Cmp::Le) {
                Ok(everywhere())
            } else if k_sign(Cmp::Gt) {
                Err(Failure::Final(never()))
            } else {
                Err(Failure::Final(unknown_k()))
            }
        }
    }
}
