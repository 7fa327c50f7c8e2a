//! Comparisons between unknown functions through the hypotheses that
//! relate them (`F = o(G)`, `F <= 2*G eventually`, `F = Omega(H)`), where
//! the `fn`-free bounds of `bounds` lose the relation (G itself may have no
//! bound at all, and `F = o(G)` still gives `F + G ~ G`).
//!
//! `le(x, y, strict)` proves |x| = O(|y|) (`o` when `strict`) for every
//! admissible function. |x| <= sum |t_i| over the terms t_i of x, and when
//! every term of y has the same strict sign, |y| >= |s_j| for each term s_j;
//! so it suffices that each t_i = O(s_j) for one j. A term against a term
//! is a ratio of products: a factor of both cancels (it is a factor of s_j,
//! which is eventually nonzero), and what is left is bounded by the
//! `fn`-free analysis (`Analyzer::signed`) or, for a factor F^e with F a
//! `fn`, by a hypothesis bounding F by an expression in other `fn`s (an
//! upper bound when e > 0, a lower bound when e < 0: x^e is monotone on
//! positives), substituted and compared again, at most `MAX_HOPS` times.

use super::bounds::Analyzer;
use super::{Fact, Side};
use crate::ir::{Expr, Func, Landau, Verdict, Q};
use num_traits::{One, Signed, Zero};
use std::collections::{BTreeMap, BTreeSet};

/// Substitutions of one `fn` by its bound along one comparison.
const MAX_HOPS: usize = crate::limits::LIMITS.relate_hops;
/// Terms a sum may expand to (products distributed over sums).
const MAX_TERMS: usize = crate::limits::LIMITS.relate_terms;
/// Term-against-term comparisons one `le` may make (substitutions branch).
const MAX_STEPS: usize = crate::limits::LIMITS.relate_steps;

/// A product: each factor with its rational exponent (constants are factors).
type Mono = BTreeMap<Expr, Q>;

/// The terms of `e` (signs dropped: only absolute values are compared),
/// products distributed over sums in their numerators; `None` past
/// `MAX_TERMS`. A term added and subtracted cancels when it is shown
/// defined.
fn terms(e: &Expr, an: &mut Analyzer) -> Option<Vec<Expr>> {
    let mut signed = Vec::new();
    expand(e, false, &mut signed, 0)?;
    let mut kept: Vec<(Expr, bool)> = Vec::new();
    for (t, neg) in signed {
        match kept.iter().position(|(u, n)| *u == t && *n != neg) {
            Some(k) if an.defined(&t, 0) => {
                kept.remove(k);
            }
            _ => kept.push((t, neg)),
        }
    }
    Some(kept.into_iter().map(|(t, _)| t).collect())
}

fn expand(e: &Expr, neg: bool, out: &mut Vec<(Expr, bool)>, depth: usize) -> Option<()> {
    crate::stack::guard!(expand(e, neg, out, depth));
    if out.len() > MAX_TERMS || depth > 64 {
        return None;
    }
    match e {
        Expr::Add(a, b) => {
            expand(a, neg, out, depth + 1)?;
            expand(b, neg, out, depth + 1)
        }
        Expr::Sub(a, b) => {
            expand(a, neg, out, depth + 1)?;
            expand(b, !neg, out, depth + 1)
        }
        Expr::Neg(a) => expand(a, !neg, out, depth + 1),
        Expr::Mul(a, b) if is_sum(a) || is_sum(b) => {
            let (mut ta, mut tb) = (Vec::new(), Vec::new());
            expand(a, false, &mut ta, depth + 1)?;
            expand(b, false, &mut tb, depth + 1)?;
            if ta.len() * tb.len() > MAX_TERMS {
                return None;
            }
            for (x, nx) in &ta {
                for (y, ny) in &tb {
                    out.push((Expr::mul(x.clone(), y.clone()), neg ^ nx ^ ny));
                }
            }
            Some(())
        }
        Expr::Div(a, b) if is_sum(a) => {
            let mut ta = Vec::new();
            expand(a, false, &mut ta, depth + 1)?;
            for (x, nx) in ta {
                out.push((Expr::div(x, (**b).clone()), neg ^ nx));
            }
            Some(())
        }
        _ => {
            out.push((e.clone(), neg));
            Some(())
        }
    }
}

fn is_sum(e: &Expr) -> bool {
    matches!(e, Expr::Add(..) | Expr::Sub(..) | Expr::Neg(_))
}

/// `e` as a product of factors with exponents (`k` the exponent applied
/// to all of `e`). A power is split only when its base is shown eventually
/// positive or its exponent is an integer ((a*b)^k = a^k*b^k needs it).
fn factor(e: &Expr, k: &Q, out: &mut Mono, an: &mut Analyzer, depth: usize) {
    crate::stack::guard!(factor(e, k, out, an, depth));
    let positive = |x: &Expr, an: &mut Analyzer| -> bool {
        if x.has_fn() {
            matches!(an.signed(x, 0), Ok(s) if s.sign == Ok(false))
        } else {
            an.sign(x) == Some(false)
        }
    };
    let atom = |x: &Expr, k: &Q, out: &mut Mono| {
        let slot = out.entry(x.clone()).or_insert_with(Q::zero);
        *slot += k.clone();
    };
    if depth > 64 {
        atom(e, k, out);
        return;
    }
    match e {
        Expr::Mul(a, b) => {
            factor(a, k, out, an, depth + 1);
            factor(b, k, out, an, depth + 1);
        }
        Expr::Div(a, b) => {
            factor(a, k, out, an, depth + 1);
            factor(b, &-k.clone(), out, an, depth + 1);
        }
        Expr::Neg(a) => factor(a, k, out, an, depth + 1),
        Expr::Pow(a, p) => match &**p {
            Expr::Num(q) if q.is_integer() => factor(a, &(k * q), out, an, depth + 1),
            Expr::Num(q) if positive(a, an) => atom(a, &(k * q), out),
            _ => atom(e, k, out),
        },
        Expr::Call(Func::Sqrt, args) if args.len() == 1 && positive(&args[0], an) => {
            atom(&args[0], &(k * Q::new(1.into(), 2.into())), out)
        }
        Expr::Num(q) => atom(&Expr::Num(q.abs()), k, out),
        _ => atom(e, k, out),
    }
}

/// The product of a factor map (exponent 0 dropped).
fn rebuild(m: &Mono) -> Expr {
    let mut acc: Option<Expr> = None;
    for (base, k) in m {
        if k.is_zero() {
            continue;
        }
        let f = if k.is_one() {
            base.clone()
        } else if *k == -Q::one() {
            Expr::div(Expr::int(1), base.clone())
        } else {
            Expr::pow(base.clone(), Expr::Num(k.clone()))
        };
        acc = Some(match acc {
            None => f,
            Some(a) => Expr::mul(a, f),
        });
    }
    acc.unwrap_or_else(|| Expr::int(1))
}

/// Relations of one `fn` to expressions in other `fn`s, usable in a
/// position of the given direction: (hypothesis index, fact).
fn relations<'f>(facts: &'f [(usize, Fact)], g: &str, upper: bool) -> Vec<&'f (usize, Fact)> {
    facts
        .iter()
        .filter(|(_, f)| {
            f.subject == g
                && f.bound.has_fn()
                && match f.side {
                    Side::Upper => upper,
                    Side::Lower => !upper,
                    Side::Equiv => true,
                }
        })
        .collect()
}

/// |x| = O(|y|) (`o` when `strict`) for every admissible function; `used`
/// collects the hypotheses relied on. `Err` says what failed.
pub(crate) fn le(
    x: &Expr,
    y: &Expr,
    strict: bool,
    facts: &[(usize, Fact)],
    an: &mut Analyzer,
    used: &mut BTreeSet<usize>,
) -> Result<(), String> {
    if !an.defined(x, 0) {
        return Err(format!("{} is not shown defined", an_show(an, x)));
    }
    let mut w = Walk {
        facts,
        an,
        steps: MAX_STEPS,
    };
    w.le_hops(x, y, strict, used, MAX_HOPS)
}

/// One comparison's context: the relations between `fn`s, the bounds
/// analysis, and the comparisons of terms left.
struct Walk<'w, 'a> {
    facts: &'w [(usize, Fact)],
    an: &'w mut Analyzer<'a>,
    steps: usize,
}

fn an_show(an: &Analyzer, e: &Expr) -> String {
    super::short(e, an.var)
}

impl Walk<'_, '_> {
    fn le_hops(
        &mut self,
        x: &Expr,
        y: &Expr,
        strict: bool,
        used: &mut BTreeSet<usize>,
        hops: usize,
    ) -> Result<(), String> {
        let an = &mut *self.an;
        let xs = terms(x, an).ok_or("too many terms")?;
        let ys = terms(y, an).ok_or("too many terms")?;
        if ys.is_empty() {
            return Err("the right side is identically 0".into());
        }
        // every term of y of one strict sign: |y| >= |s_j| for each j
        let mut sign = None;
        for (s, neg) in signed_terms(y)? {
            let sg = if s.has_fn() {
                an.signed(&s, 0).ok().and_then(|v| v.sign.ok())
            } else {
                an.sign(&s)
            };
            let Some(sg) = sg else {
                return Err(format!("the sign of {} is not known", an_show(an, &s)));
            };
            let sg = sg ^ neg;
            if sign.is_some_and(|s0| s0 != sg) {
                return Err("the right side has terms of both signs".into());
            }
            sign = Some(sg);
        }
        'term: for t in &xs {
            let mut why = String::new();
            for s in &ys {
                if self.steps == 0 {
                    return Err(format!(
                        "more than {MAX_STEPS} comparisons of terms: budget exhausted"
                    ));
                }
                self.steps -= 1;
                let mut u = BTreeSet::new();
                match self.mono_le(t, s, strict, &mut u, hops) {
                    Ok(()) => {
                        used.extend(u);
                        continue 'term;
                    }
                    Err(w) => why = w,
                }
            }
            return Err(format!(
                "{} is not shown {}({}): {why}",
                an_show(self.an, t),
                if strict { "o" } else { "O" },
                an_show(self.an, y)
            ));
        }
        Ok(())
    }
}

/// The terms of `e` with their signs (after cancellation), for the sign check.
fn signed_terms(e: &Expr) -> Result<Vec<(Expr, bool)>, String> {
    let mut out = Vec::new();
    expand(e, false, &mut out, 0).ok_or("too many terms")?;
    Ok(out)
}

impl Walk<'_, '_> {
    /// |t| = O(|s|) (`o` when `strict`), t and s products.
    fn mono_le(
        &mut self,
        t: &Expr,
        s: &Expr,
        strict: bool,
        used: &mut BTreeSet<usize>,
        hops: usize,
    ) -> Result<(), String> {
        let facts = self.facts;
        let mut m = Mono::new();
        factor(t, &Q::one(), &mut m, self.an, 0);
        let mut ms = Mono::new();
        factor(s, &Q::one(), &mut ms, self.an, 0);
        if m.keys().any(|b| matches!(b, Expr::Num(q) if q.is_zero())) {
            return Ok(()); // the term is 0
        }
        for (b, k) in ms {
            *m.entry(b).or_insert_with(Q::zero) -= k;
        }
        m.retain(|_, k| !k.is_zero());
        let r = rebuild(&m);
        let rel = if strict {
            Landau::LittleO
        } else {
            Landau::BigO
        };
        if !r.has_fn() {
            let d = self.an.landau(&r, rel, &Expr::int(1));
            return if d.verdict == Verdict::Proved {
                Ok(())
            } else {
                Err(d.reason.into())
            };
        }
        let mut why = match self.an.signed(&r, 0) {
            Ok(v) => match v.up {
                Some(u) => {
                    let rel = if u.strict { Landau::BigO } else { rel };
                    if self.an.landau(&u.e, rel, &Expr::int(1)).verdict == Verdict::Proved {
                        used.extend(u.from.iter().copied());
                        return Ok(());
                    }
                    format!("{} is not shown bounded", an_show(self.an, &r))
                }
                None => format!("no upper bound on {}", an_show(self.an, &r)),
            },
            Err(w) => w,
        };
        if hops == 0 {
            return Err(why);
        }
        // substitute one `fn` factor by a bound in other `fn`s
        let fns: Vec<(String, Q)> = m
            .iter()
            .filter_map(|(b, k)| match b {
                Expr::Fn(g) => Some((g.clone(), k.clone())),
                _ => None,
            })
            .collect();
        for (g, k) in fns {
            let upper = k.is_positive();
            for (idx, f) in relations(facts, &g, upper) {
                // a lower bound F >= h (or F = Omega(h)) is used as 1/F <= 1/h:
                // h must be eventually nonzero (positive when written as is)
                if !upper {
                    let ok = match self.an.signed(&f.bound, 0) {
                        Ok(v) => v.sign == Ok(false) || (f.abs && v.sign.is_ok()),
                        Err(_) => false,
                    };
                    if !ok {
                        continue;
                    }
                }
                let mut m2 = m.clone();
                m2.remove(&Expr::Fn(g.clone()));
                factor(&f.bound, &k, &mut m2, self.an, 0);
                m2.retain(|_, k| !k.is_zero());
                let r2 = rebuild(&m2);
                let mut u = BTreeSet::new();
                let need = strict && !f.strict;
                match self.le_hops(&r2, &Expr::int(1), need, &mut u, hops - 1) {
                    Ok(()) => {
                        used.insert(*idx);
                        used.extend(u);
                        return Ok(());
                    }
                    Err(w) => why = w,
                }
            }
        }
        Err(why)
    }
}
