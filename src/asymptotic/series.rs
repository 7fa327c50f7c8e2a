//! Truncated asymptotic expansions as n -> +oo in the power–log class:
//! finite sums of c * n^a * (log n)^b * (log log n)^d (exact rational orders,
//! exact `Coef` coefficients) plus an error term O(n^a' (log n)^b' (log log n)^d').
//! The fast instance of the `Scale` trait: owns the monomial `Order` (exact,
//! infallible comparison and products), the evaluation context `Ctx` (term
//! budget, work budget, sign memo with the sign hints products pass on),
//! rational powers (repeated squaring for small integers), log and exp of a
//! series within the class, powers with a general exponent, and printing;
//! the arithmetic and the `Expr` walk are the generic `arith` and `expand`.

use super::arith::{binom, exp_coeff, log1p_coeff, Arith};
use super::coef::{too_nested, Coef};
use super::expand::Expand;
pub use super::scale::Fail;
use super::scale::{self, Monomial, Scale};
use crate::exact::q as rat;
use crate::exact::Sign;
use crate::ir::{Cause, Expr, Func, ParamBox, Q};
use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};
use std::collections::BTreeMap;

/// Work units (monomial products, term merges) for one claim, over all term budgets.
const WORK_LIMIT: u64 = crate::limits::LIMITS.power_log_work;

/// The order n^a (log n)^b (log log n)^d, compared lexicographically.
#[derive(Clone, Debug)]
pub struct Order {
    pub a: Q,
    pub b: Q,
    pub d: Q,
}

// Orders are compared and combined on every term of every expansion: by
// value, with the word-sized fast paths of `exact::q` (the same order and
// the same reduced values as num_rational's operators).
impl Ord for Order {
    fn cmp(&self, o: &Order) -> std::cmp::Ordering {
        rat::cmp(&self.a, &o.a)
            .then_with(|| rat::cmp(&self.b, &o.b))
            .then_with(|| rat::cmp(&self.d, &o.d))
    }
}

impl PartialOrd for Order {
    fn partial_cmp(&self, o: &Order) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl PartialEq for Order {
    fn eq(&self, o: &Order) -> bool {
        self.cmp(o).is_eq()
    }
}

impl Eq for Order {}

impl Order {
    pub fn zero() -> Order {
        Order {
            a: Q::zero(),
            b: Q::zero(),
            d: Q::zero(),
        }
    }
    pub fn n() -> Order {
        Order {
            a: Q::one(),
            ..Order::zero()
        }
    }
    pub fn log() -> Order {
        Order {
            b: Q::one(),
            ..Order::zero()
        }
    }
    pub fn loglog() -> Order {
        Order {
            d: Q::one(),
            ..Order::zero()
        }
    }
    pub fn add(&self, o: &Order) -> Order {
        Order {
            a: rat::add(&self.a, &o.a),
            b: rat::add(&self.b, &o.b),
            d: rat::add(&self.d, &o.d),
        }
    }
    pub fn sub(&self, o: &Order) -> Order {
        Order {
            a: rat::add(&self.a, &-&o.a),
            b: rat::add(&self.b, &-&o.b),
            d: rat::add(&self.d, &-&o.d),
        }
    }
    pub fn scale(&self, q: &Q) -> Order {
        Order {
            a: rat::mul(&self.a, q),
            b: rat::mul(&self.b, q),
            d: rat::mul(&self.d, q),
        }
    }
    /// n^a (log n)^b (log log n)^d as an expression (`None` for order zero).
    pub fn to_expr(&self) -> Option<Expr> {
        self.factors().into_iter().reduce(Expr::mul)
    }

    /// The non-trivial factors n^a, log(n)^b, log(log(n))^d.
    pub fn factors(&self) -> Vec<Expr> {
        let pw = |base: Expr, e: &Q| -> Option<Expr> {
            if e.is_zero() {
                None
            } else if e.is_one() {
                Some(base)
            } else {
                Some(Expr::pow(base, Expr::Num(e.clone())))
            }
        };
        let log_n = Expr::call1(Func::Log, Expr::Var);
        let parts = [
            pw(Expr::Var, &self.a),
            pw(log_n.clone(), &self.b),
            pw(Expr::call1(Func::Log, log_n), &self.d),
        ];
        parts.into_iter().flatten().collect()
    }
}

impl Monomial for Order {
    fn one() -> Order {
        Order::zero()
    }
    fn is_one(&self) -> bool {
        self.a.is_zero() && self.b.is_zero() && self.d.is_zero()
    }
}

/// A truncated power–log expansion.
pub type Series = scale::Series<Order>;

/// Evaluation context: parameters, term budget, work budget, sign memo.
///
/// What an expansion computes is a function of the expression, `params`,
/// `var`, `k` and the mutable state before it: `work` (a charge fails past
/// the limit), `signs` (the sign hints: `known_sign` answers from it) and
/// `eventual_only`. `replay` keys its memo of whole expansions on all of
/// them.
pub struct Ctx<'a> {
    pub params: &'a ParamBox,
    pub var: &'a str,
    pub k: usize,
    work: u64,
    signs: BTreeMap<Coef, Option<Sign>>,
    /// Set when an exact rewrite holds only for large n (a choice made by
    /// `abs`, `min`, `max` from a leading sign, or a non-integer power of a
    /// `log log n` factor, which is negative for n < e) or relies on a
    /// convention (0^0 = 1): an exact series is then not trusted as an
    /// identity for every n >= 1.
    eventual_only: bool,
}

impl<'a> Ctx<'a> {
    #[cfg(test)]
    pub fn new(params: &'a ParamBox, var: &'a str, k: usize) -> Ctx<'a> {
        Ctx::resume(params, var, k, 0)
    }

    /// A context that continues the work count of an earlier attempt.
    pub fn resume(params: &'a ParamBox, var: &'a str, k: usize, work: u64) -> Ctx<'a> {
        Ctx {
            params,
            var,
            k,
            work,
            signs: BTreeMap::new(),
            eventual_only: false,
        }
    }

    /// The state a top-level expansion starts from, besides the sign
    /// memo: (work spent, `eventual_only`).
    pub(super) fn state(&self) -> (u64, bool) {
        (self.work, self.eventual_only)
    }

    /// The sign memo.
    pub(super) fn signs(&self) -> &BTreeMap<Coef, Option<Sign>> {
        &self.signs
    }

    /// Put the state a replayed expansion left: the sign memo, the work
    /// count and `eventual_only`.
    pub(super) fn restore(
        &mut self,
        signs: &BTreeMap<Coef, Option<Sign>>,
        work: u64,
        eventual_only: bool,
    ) {
        self.signs.clone_from(signs);
        self.work = work;
        self.eventual_only = eventual_only;
    }

    /// Did some exact rewrite rely on n being large (see the field)?
    pub fn eventual_only(&self) -> bool {
        self.eventual_only
    }

    /// Is the coefficient >= 0 over the whole parameter box?
    pub fn nonneg(&self, c: &Coef) -> bool {
        c.nonneg(self.params)
    }

    /// Is the coefficient <= 0 over the whole parameter box?
    pub fn nonpos(&self, c: &Coef) -> bool {
        c.nonpos(self.params)
    }

    /// Work spent so far.
    pub fn work(&self) -> u64 {
        self.work
    }

    /// The sign of a coefficient over the parameter box, memoised.
    pub fn sign(&mut self, c: &Coef) -> Option<Sign> {
        if let Some(s) = self.signs.get(c) {
            return *s;
        }
        let s = c.sign(self.params);
        self.signs.insert(c.clone(), s);
        s
    }

    /// a^q for a rational q; `what` names the expression for domain errors.
    pub fn powq(&mut self, a: &Series, q: &Q, what: &Expr) -> Result<Series, Fail> {
        if let Some(r) = self.powq_trivial(a, q, what) {
            return r;
        }
        if let Some((_, c0)) = a.terms.first() {
            // populate the sign memo so that products can pass it on
            let c0 = c0.clone();
            let _ = self.sign(&c0);
        }
        if q.is_integer() && q.abs() <= Q::from_integer(BigInt::from(64)) {
            let k: i64 = if q.is_positive() {
                num_traits::ToPrimitive::to_i64(&q.to_integer()).unwrap_or(0)
            } else {
                -num_traits::ToPrimitive::to_i64(&q.to_integer()).unwrap_or(0)
            };
            let base = if q.is_negative() {
                self.recip(a, what)?
            } else {
                a.clone()
            };
            let mut acc = Series::constant(Coef::one());
            let mut sq = base;
            let mut e = k.unsigned_abs();
            while e > 0 {
                if e & 1 == 1 {
                    acc = self.mul(&acc, &sq)?;
                }
                e >>= 1;
                if e > 0 {
                    sq = self.mul(&sq, &sq)?;
                }
            }
            return Ok(acc);
        }
        let Some((o0, c0)) = a.terms.first().cloned() else {
            return Err(Fail::NeedMore);
        };
        let s = self.sign_or_fail(&c0)?;
        let cq = if q.is_integer() {
            let k = num_traits::ToPrimitive::to_i64(&q.to_integer())
                .ok_or_else(|| Fail::other("exponent too large".into()))?;
            c0.powi(k).map_err(Fail::other)?
        } else {
            match s {
                Sign::Pos => c0.powq(q, self.params).map_err(Fail::other)?,
                _ => {
                    return Err(Fail::Domain(format!(
                        "sqrt/power of an eventually negative expression: {what}",
                        what = what.display(self.var)
                    )))
                }
            }
        };
        if too_nested(&cq) {
            return Err(Fail::other("constants nested too deeply".into()));
        }
        if !o0.d.is_zero() && !q.is_integer() {
            // (log log n)^(d q) = ((log log n)^d)^q needs log log n > 0
            self.eventual_only = true;
        }
        let (_, _, _, _, eps) = self.split(a)?;
        let qq = q.clone();
        let s = self.power_series(&eps, &move |k| binom(&qq, k))?;
        self.mul_term(&s, &o0.scale(q), &cq)
    }

    pub fn log(&mut self, a: &Series, what: &Expr) -> Result<Series, Fail> {
        if a.is_zero() {
            return Err(Fail::Domain(format!(
                "log of {what}, which is identically 0",
                what = what.display(self.var)
            )));
        }
        let Some((o0, c0)) = a.terms.first().cloned() else {
            return Err(Fail::NeedMore);
        };
        match self.sign_or_fail(&c0)? {
            Sign::Pos => {}
            _ => {
                return Err(Fail::Domain(format!(
                    "log of an eventually negative expression: {what}",
                    what = what.display(self.var)
                )))
            }
        }
        if !o0.d.is_zero() {
            return Err(Fail::Unknown(Cause::OutsideClass(
                "log log log n is outside the power–log class (exp–log issue)".into(),
            )));
        }
        let lc = c0.log().map_err(Fail::other)?;
        if too_nested(&lc) {
            return Err(Fail::other("constants nested too deeply".into()));
        }
        let base = self.build(
            vec![
                (Order::zero(), lc),
                (Order::log(), Coef::rat(o0.a.clone())),
                (Order::loglog(), Coef::rat(o0.b.clone())),
            ],
            None,
            usize::MAX,
        )?;
        let (_, _, _, _, eps) = self.split(a)?;
        let s = self.power_series(&eps, &log1p_coeff)?;
        self.add(&base, &s)
    }

    pub fn exp(&mut self, a: &Series) -> Result<Series, Fail> {
        let mut p = Q::zero();
        let mut lq = Q::zero();
        let mut c0 = Coef::zero();
        let mut rest = Vec::new();
        for (o, c) in &a.terms {
            if *o > Order::zero() {
                let slot = if *o == Order::log() {
                    &mut p
                } else if *o == Order::loglog() {
                    &mut lq
                } else {
                    return Err(Fail::Unknown(Cause::OutsideClass(
                        "exp of a growing function: outside the power–log class".into(),
                    )));
                };
                match c.as_rational() {
                    Some(r) => *slot = r,
                    None => {
                        return Err(Fail::Unknown(Cause::OutsideClass(
                            "n^a with a parameter exponent: not supported yet (exp–log issue)"
                                .into(),
                        )))
                    }
                }
            } else if *o == Order::zero() {
                c0 = c.clone();
            } else {
                rest.push((o.clone(), c.clone()));
            }
        }
        if a.err.as_ref().is_some_and(|e| *e >= Order::zero()) {
            return Err(Fail::NeedMore);
        }
        let r = Series {
            terms: rest,
            err: a.err.clone(),
        };
        let s = self.power_series(&r, &exp_coeff)?;
        let ec = c0.exp();
        if too_nested(&ec) {
            return Err(Fail::other("constants nested too deeply".into()));
        }
        let m = Order {
            a: p,
            b: lq,
            d: Q::zero(),
        };
        self.mul_term(&s, &m, &ec)
    }

    fn expand_pow(&mut self, e: &Expr, a: &Expr, b: &Expr, d: usize) -> Result<Series, Fail> {
        let sb = self.expand(b, d)?;
        let sa = self.expand(a, d)?;
        if let Some(cb) = sb.as_constant() {
            if let Some(q) = cb.as_rational() {
                return self.powq(&sa, &q, e);
            }
            if let Some(ca) = sa.as_constant() {
                // constant^constant = exp(b log a), a > 0
                match self.sign_or_fail(&ca)? {
                    Sign::Pos => {}
                    _ => {
                        return Err(Fail::Domain(format!(
                            "power with a non-rational exponent of a non-positive base: {what}",
                            what = e.display(self.var)
                        )))
                    }
                }
                let l = ca.log().map_err(Fail::other)?;
                let c = l.mul(&cb).exp();
                if too_nested(&c) {
                    return Err(Fail::other("constants nested too deeply".into()));
                }
                return Ok(Series::constant(c));
            }
            return Err(Fail::Unknown(Cause::OutsideClass(
                if cb.params().is_empty() {
                    format!(
                    "a power with the irrational exponent {}: not supported yet (exp–log issue)",
                    cb.to_expr().display(self.var)
                )
                } else {
                    "n^a with a parameter exponent: not supported yet (exp–log issue)".into()
                },
            )));
        }
        if sb.terms.is_empty() && sb.err.is_some() && !b.has_var() {
            return Err(Fail::NeedMore);
        }
        let la = self.log(&sa, a)?;
        let prod = self.mul(&sb, &la)?;
        self.exp(&prod)
    }
}

impl Scale for Ctx<'_> {
    type M = Order;

    fn var(&self) -> &str {
        self.var
    }
    fn work(&self) -> u64 {
        Ctx::work(self)
    }
    fn k(&self) -> usize {
        self.k
    }
    const WORK_LIMIT: u64 = WORK_LIMIT;
    fn work_mut(&mut self) -> &mut u64 {
        &mut self.work
    }
    fn cmp(&mut self, a: &Order, b: &Order) -> Result<std::cmp::Ordering, Fail> {
        Ok(Ord::cmp(a, b))
    }
    fn mono_mul(&mut self, a: &Order, b: &Order) -> Result<Order, Fail> {
        Ok(a.add(b))
    }
    fn mono_powi(&mut self, m: &Order, k: i64) -> Result<Order, Fail> {
        Ok(m.scale(&Q::from_integer(BigInt::from(k))))
    }
    fn div(&mut self, a: &Order, b: &Order) -> Result<Order, Fail> {
        Ok(a.sub(b))
    }
    /// Terms at or below the error are dropped before merging.
    fn merge(
        &mut self,
        raw: Vec<(Order, Coef)>,
        err: Option<&Order>,
    ) -> Result<Vec<(Order, Coef)>, Fail> {
        let mut map: BTreeMap<Order, Coef> = BTreeMap::new();
        for (o, c) in raw {
            if err.is_some_and(|e| o <= *e) {
                continue;
            }
            match map.entry(o) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    let mut x = Coef::zero();
                    x.add_assign(c);
                    if !x.is_zero() {
                        v.insert(x);
                    }
                }
                std::collections::btree_map::Entry::Occupied(mut v) => {
                    v.get_mut().add_assign(c);
                    if v.get().is_zero() {
                        v.remove();
                    }
                }
            }
        }
        Ok(map.into_iter().rev().collect())
    }
    fn sign(&mut self, c: &Coef) -> Option<Sign> {
        Ctx::sign(self, c)
    }
    fn sign_message(&self, c: &Coef) -> Cause {
        scale::sign_message(c, self.params, self.var, false)
    }
    fn nonneg(&self, c: &Coef) -> bool {
        Ctx::nonneg(self, c)
    }
    fn nonpos(&self, c: &Coef) -> bool {
        Ctx::nonpos(self, c)
    }
    fn params(&self) -> &ParamBox {
        self.params
    }
    fn var_mono() -> Order {
        Order::n()
    }
    fn set_eventual_only(&mut self) {
        self.eventual_only = true;
    }
    fn powq(&mut self, a: &Series, q: &Q, what: &Expr) -> Result<Series, Fail> {
        Ctx::powq(self, a, q, what)
    }
    fn log(&mut self, a: &Series, what: &Expr) -> Result<Series, Fail> {
        Ctx::log(self, a, what)
    }
    /// exp(a): a power–log result is identified by its value alone.
    fn exp(&mut self, a: &Series, _key: &Expr) -> Result<Series, Fail> {
        Ctx::exp(self, a)
    }
    fn expand_pow(&mut self, e: &Expr, a: &Expr, b: &Expr, d: usize) -> Result<Series, Fail> {
        Ctx::expand_pow(self, e, a, b, d)
    }
    /// Through the run-wide memo of whole expansions (exact replays).
    fn expand_top(
        &mut self,
        e: &Expr,
        walk: impl FnOnce(&mut Self) -> Result<Series, Fail>,
    ) -> Result<Series, Fail> {
        super::replay::expand(self, e, walk)
    }
    /// The memoised sign, without computing it.
    fn known_sign(&self, c: &Coef) -> Option<Sign> {
        if let Some(s) = c.rational_sign() {
            return Some(s);
        }
        self.signs.get(c).copied().flatten()
    }
    fn hint(&mut self, c: &Coef, s: Sign) {
        self.signs.entry(c.clone()).or_insert(Some(s));
    }
    fn term_expr(&self, m: &Order, c: &Coef) -> Expr {
        term_expr(m, c)
    }
    fn factors(&self, m: &Order) -> Vec<Expr> {
        m.factors()
    }
    fn mono_text(&self, m: &Order) -> String {
        match m.to_expr() {
            Some(x) => x.display(self.var).to_string(),
            None => "1".into(),
        }
    }
    fn series_text(s: &Series, var: &str, max_terms: usize) -> String {
        series_text(s, var, max_terms)
    }

    const SIGN_HINTS: bool = true;
    const CHARGES_SKIPPED_PRODUCTS: bool = false;
    const SAME_SIDES_CANCEL: bool = false;
    const THETA_TRIES_BOTH: bool = true;
    const SIGNED_TERMS: bool = true;
}

/// One term as an expression: c * n^a (log n)^b (log log n)^d.
pub fn term_expr(o: &Order, c: &Coef) -> Expr {
    let ce = c.to_expr();
    let Some(v) = o.to_expr() else {
        return ce;
    };
    match c.as_rational() {
        Some(r) if r.is_one() => v,
        Some(r) if r == -Q::one() => Expr::neg(v),
        _ => o.factors().into_iter().fold(ce, Expr::mul),
    }
}

/// The series as text, at most `max_terms` terms then `O(...)`.
pub fn series_text(s: &Series, var: &str, max_terms: usize) -> String {
    if s.is_zero() {
        return "0".into();
    }
    let mut out = String::new();
    for (i, (o, c)) in s.terms.iter().take(max_terms).enumerate() {
        let neg = c.looks_negative();
        let shown = if neg { c.neg() } else { c.clone() };
        let t = term_expr(o, &shown).display(var).to_string();
        if i == 0 {
            if neg {
                out.push('-');
            }
        } else {
            out.push_str(if neg { " - " } else { " + " });
        }
        out.push_str(&t);
    }
    scale::push_error_text(out, s, var, max_terms, Order::to_expr)
}
