//! Exp–log expansions as n -> +oo: truncated sums of c * m over exp–log
//! monomials m = exp(G) * n^p0 * (log n)^p1 * (log log n)^p2 * ..., where the
//! exponents p_k are exact constants (`Coef`: rationals, log 3, sqrt(e) - 1,
//! parameters) and G is an exact, finite sum of growing monomials (so
//! exp(n), exp(exp(n)), exp(sqrt(log n)), exp(n log n) are monomials), plus
//! an error term O(m'). This is a flattened form of the multiseries of
//! Richardson–Salvy–Shackell–van der Hoeven (as in Eberl's `real_asymp`).
//!
//! Monomials are compared through the sign of the leading term of
//! log(m1) - log(m2) (recursively: G's monomials have fewer nested
//! exponentials); a sign that interval arithmetic cannot settle over the
//! parameter box stops with `Fail::Unknown` naming the coefficient. Equality
//! of monomials and zero tests of coefficients are exact (normal forms of
//! `Coef`): nothing is decided by a heuristic. The general instance of the
//! `Scale` trait: owns the monomial `Mono` and its comparison, products and
//! powers, the evaluation context `Cx` (term budget, work budget, sign memo,
//! the flags of eventual-only and infinite results), rational powers, log
//! and exp of a series (an exp whose argument is not known up to o(1)
//! becomes an opaque monomial), powers with a general exponent, the
//! rewrites of differences of exponentials and of same-shape expressions,
//! and printing; the arithmetic and the `Expr` walk are the generic
//! `arith` and `expand`.

use super::super::arith::{binom, exp_coeff, log1p_coeff, Arith, MAX_COEF};
use super::super::coef::{too_nested, Coef};
use super::super::expand::Expand;
use super::super::scale::{self, Fail, Monomial, Scale, Series};
use crate::exact::Sign;
use crate::ir::{Budget, Cause, Expr, Func, ParamBox, Q};
use num_traits::{One, Signed, Zero};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Longest log chain n, log n, log log n, ... (index of the last one).
const MAX_CHAIN: usize = crate::limits::LIMITS.log_chain;
/// Deepest recursion of monomial comparisons (nested exponentials).
const MAX_CMP_DEPTH: usize = crate::limits::LIMITS.explog_compare_depth;
/// Work units for one claim over all term budgets.
const WORK_LIMIT: u64 = crate::limits::LIMITS.explog_work;

/// exp(G) * prod_j exp(F_j)^q_j * prod_k l_k^p[k] with l_0 = n,
/// l_{k+1} = log l_k. `g` is sorted decreasingly, every monomial in it tends
/// to +oo and none is a bare l_k with k >= 1 (those are folded into `p`);
/// `p` has no trailing zero. `x` holds the opaque exponentials exp(F_j)
/// (sorted, exponents q_j != 0): functions whose argument F_j is known only
/// as a truncated expansion with an error that does not tend to 0, because
/// it has infinitely many growing terms (exp(exp(exp(n) + exp(-n))): the
/// argument is e*exp(exp(n)) + e/2*exp(exp(n) - n) + ...). An opaque factor
/// equals only itself; comparisons that do not cancel it need a term of the
/// log-difference above the argument's error, else more terms are asked for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mono {
    pub g: Vec<(Mono, Coef)>,
    pub x: Vec<(Opaque, Coef)>,
    pub p: Vec<Coef>,
}

/// An opaque exponential: the function `key` (an `exp(...)` or a power
/// with a variable exponent, as written), equal to exp(F) with F =
/// `terms` + O(`err`), err >= 1. Identity is the function `key`: two
/// different expressions whose truncated arguments agree are never taken
/// for the same monomial.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Opaque {
    pub key: Expr,
    pub terms: Vec<(Mono, Coef)>,
    pub err: Box<Mono>,
}

impl Mono {
    pub fn one() -> Mono {
        Mono {
            g: Vec::new(),
            x: Vec::new(),
            p: Vec::new(),
        }
    }
    /// l_k: n for k = 0, log n for 1, log log n for 2, ...
    pub fn ell(k: usize) -> Mono {
        let mut p = vec![Coef::zero(); k];
        p.push(Coef::one());
        Mono {
            g: Vec::new(),
            x: Vec::new(),
            p,
        }
    }
    pub fn is_one(&self) -> bool {
        self.g.is_empty() && self.x.is_empty() && self.p.is_empty()
    }
    /// `Some(k)` when the monomial is exactly l_k.
    fn as_ell(&self) -> Option<usize> {
        if !self.g.is_empty() || !self.x.is_empty() {
            return None;
        }
        let last = self.p.len().checked_sub(1)?;
        let ok = self.p[..last].iter().all(Coef::is_zero)
            && self.p[last].as_rational().is_some_and(|r| r.is_one());
        ok.then_some(last)
    }
    /// The monomial without its opaque factors.
    fn exact_part(&self) -> Mono {
        Mono {
            g: self.g.clone(),
            x: Vec::new(),
            p: self.p.clone(),
        }
    }
    fn trim(mut self) -> Mono {
        while self.p.last().is_some_and(Coef::is_zero) {
            self.p.pop();
        }
        self
    }
    /// The monomial as an expression (`None` for 1).
    pub fn to_expr(&self, var: &str) -> Option<Expr> {
        self.factors(var).into_iter().reduce(Expr::mul)
    }
    /// The non-trivial factors: n^p0, log(n)^p1, ..., exp(G).
    pub fn factors(&self, var: &str) -> Vec<Expr> {
        let mut out = Vec::new();
        let mut base = Expr::Var;
        for e in &self.p {
            if !e.is_zero() {
                out.push(match e.as_rational() {
                    Some(r) if r.is_one() => base.clone(),
                    Some(r) => Expr::pow(base.clone(), Expr::Num(r)),
                    None => Expr::pow(base.clone(), e.to_expr()),
                });
            }
            base = Expr::call1(Func::Log, base);
        }
        if !self.g.is_empty() {
            let g = sum_expr(&self.g, var);
            out.push(Expr::call1(Func::Exp, g));
        }
        for (f, q) in &self.x {
            // exp(F) with F = terms + O(err)
            let inner = f
                .err
                .to_expr(var)
                .map_or("1".into(), |x| x.display(var).to_string());
            let big_o = Expr::Fn(format!("O({inner})"));
            let arg = if f.terms.is_empty() {
                big_o
            } else {
                Expr::add(sum_expr(&f.terms, var), big_o)
            };
            let e = Expr::call1(Func::Exp, arg);
            out.push(match q.as_rational() {
                Some(r) if r.is_one() => e,
                _ => Expr::pow(e, q.to_expr()),
            });
        }
        out
    }
}

/// c * m as an expression.
pub fn term_expr(m: &Mono, c: &Coef, var: &str) -> Expr {
    let Some(v) = m.to_expr(var) else {
        return c.to_expr();
    };
    match c.as_rational() {
        Some(r) if r.is_one() => v,
        Some(r) if r == -Q::one() => Expr::neg(v),
        _ => m.factors(var).into_iter().fold(c.to_expr(), Expr::mul),
    }
}

/// A sum of terms as an expression.
pub fn sum_expr(ts: &[(Mono, Coef)], var: &str) -> Expr {
    let mut acc: Option<Expr> = None;
    for (m, c) in ts {
        let neg = c.looks_negative();
        let t = term_expr(m, &if neg { c.neg() } else { c.clone() }, var);
        acc = Some(match (acc, neg) {
            (None, false) => t,
            (None, true) => Expr::neg(t),
            (Some(a), false) => Expr::add(a, t),
            (Some(a), true) => Expr::sub(a, t),
        });
    }
    acc.unwrap_or_else(|| Expr::int(0))
}

/// Terms c * m of an expansion.
pub type Terms = Vec<(Mono, Coef)>;

impl Monomial for Mono {
    fn one() -> Mono {
        Mono::one()
    }
    fn is_one(&self) -> bool {
        Mono::is_one(self)
    }
}

/// A truncated exp–log expansion.
pub type Ser = Series<Mono>;

/// Evaluation context: parameters, term budget, work budget, sign memo.
pub struct Cx<'a> {
    pub params: &'a ParamBox,
    pub var: &'a str,
    pub k: usize,
    work: u64,
    signs: BTreeMap<Coef, Option<Sign>>,
    /// Set when an exact rewrite holds only for large n (`abs`, `min`,
    /// `max` choosing by a leading sign; powers and logs of a monomial with
    /// a log log n (or deeper) factor, which is negative for n < e; 0^0):
    /// an exact expansion is then not an identity for every n >= 1.
    eventual_only: bool,
    /// Set when an infinite series was truncated (a power series of a
    /// non-zero argument): no larger term budget makes the result exact.
    infinite: bool,
}

impl<'a> Cx<'a> {
    pub fn resume(params: &'a ParamBox, var: &'a str, k: usize, work: u64) -> Cx<'a> {
        Cx {
            params,
            var,
            k,
            work,
            signs: BTreeMap::new(),
            eventual_only: false,
            infinite: false,
        }
    }

    /// Was an infinite series truncated (see the field)?
    pub fn infinite(&self) -> bool {
        self.infinite
    }

    /// Did some exact rewrite rely on n being large (see the field)?
    pub fn eventual_only(&self) -> bool {
        self.eventual_only
    }

    /// Does the monomial have a factor log log n (or a deeper log)?
    fn deep_log_factor(m: &Mono) -> bool {
        m.p.iter().skip(2).any(|c| !c.is_zero())
    }

    pub fn work(&self) -> u64 {
        self.work
    }

    pub fn sign(&mut self, c: &Coef) -> Option<Sign> {
        if let Some(s) = c.rational_sign() {
            return Some(s);
        }
        if let Some(s) = self.signs.get(c) {
            return *s;
        }
        let s = c.sign(self.params);
        self.signs.insert(c.clone(), s);
        s
    }

    // ---------------------------------------------------------------- monomials

    /// Compare two monomials as functions of n -> +oo.
    pub fn cmp(&mut self, a: &Mono, b: &Mono) -> Result<Ordering, Fail> {
        self.cmp_at(a, b, 0)
    }

    fn cmp_at(&mut self, a: &Mono, b: &Mono, depth: usize) -> Result<Ordering, Fail> {
        crate::stack::guard!(self.cmp_at(a, b, depth));
        if a == b {
            return Ok(Ordering::Equal);
        }
        if depth > MAX_CMP_DEPTH {
            return Err(Fail::other(
                "exponentials nested too deeply to compare".into(),
            ));
        }
        self.charge(1)?;
        if a.x != b.x {
            return self.cmp_opaque(a, b, depth);
        }
        if a.g.is_empty() && b.g.is_empty() {
            let len = a.p.len().max(b.p.len());
            let z = Coef::zero();
            for i in 0..len {
                let d = a.p.get(i).unwrap_or(&z).sub(b.p.get(i).unwrap_or(&z));
                if d.is_zero() {
                    continue;
                }
                match self.sign_or_fail(&d)? {
                    Sign::Pos => return Ok(Ordering::Greater),
                    Sign::Neg => return Ok(Ordering::Less),
                    Sign::Zero => continue,
                }
            }
            return Ok(Ordering::Equal);
        }
        if let Some(o) = self.cmp_same_exponentials(a, b, depth)? {
            return Ok(o);
        }
        // equal opaque parts cancel: compare the exact parts
        let mut raw = self.log_terms(&a.exact_part())?.0;
        for (m, c) in self.log_terms(&b.exact_part())?.0 {
            raw.push((m, c.neg()));
        }
        let d = self.merge_at(raw, depth + 1)?;
        match d.first() {
            None => Ok(Ordering::Equal),
            Some((_, c)) => match self.sign_or_fail(&c.clone())? {
                Sign::Pos => Ok(Ordering::Greater),
                Sign::Neg => Ok(Ordering::Less),
                Sign::Zero => Err(Fail::other("internal: zero coefficient".into())),
            },
        }
    }

    /// Fast path when both exponents G list the same monomials (only the
    /// coefficients differ): the log-difference is sum (ca_i - cb_i) m_i +
    /// sum (pa_k - pb_k) l_(k+1); its leading term is the first differing
    /// m_i or the first differing l_(k+1), whichever is larger. `None`: the
    /// shapes differ (the general comparison applies).
    fn cmp_same_exponentials(
        &mut self,
        a: &Mono,
        b: &Mono,
        depth: usize,
    ) -> Result<Option<Ordering>, Fail> {
        if a.g.len() != b.g.len() || a.g.iter().zip(&b.g).any(|(x, y)| x.0 != y.0) {
            return Ok(None);
        }
        let gdiff =
            a.g.iter()
                .zip(&b.g)
                .map(|(x, y)| (&x.0, x.1.sub(&y.1)))
                .find(|(_, c)| !c.is_zero());
        let z = Coef::zero();
        let len = a.p.len().max(b.p.len());
        let pdiff = (0..len)
            .map(|i| (i, a.p.get(i).unwrap_or(&z).sub(b.p.get(i).unwrap_or(&z))))
            .find(|(_, c)| !c.is_zero());
        let lead = match (gdiff, pdiff) {
            (None, None) => return Ok(Some(Ordering::Equal)),
            (Some((_, c)), None) | (None, Some((_, c))) => c,
            (Some((m, cg)), Some((k, cp))) => {
                if k + 1 > MAX_CHAIN {
                    return Ok(None);
                }
                match self.cmp_at(m, &Mono::ell(k + 1), depth + 1)? {
                    Ordering::Greater => cg,
                    Ordering::Less => cp,
                    Ordering::Equal => return Ok(None),
                }
            }
        };
        Ok(Some(match self.sign_or_fail(&lead)? {
            Sign::Pos => Ordering::Greater,
            Sign::Neg => Ordering::Less,
            Sign::Zero => return Ok(None),
        }))
    }

    /// Compare monomials whose opaque parts differ: the log-difference
    /// needs a growing leading term above the errors of the opaque
    /// arguments that do not cancel.
    fn cmp_opaque(&mut self, a: &Mono, b: &Mono, depth: usize) -> Result<Ordering, Fail> {
        let inv_b = self.mono_pow(b, &Coef::int(-1))?;
        let q = self.mono_mul(a, &inv_b)?;
        let (raw, err) = self.log_terms(&q)?;
        let d = self.merge_at(raw, depth + 1)?;
        let Some((m, c)) = d.first().cloned() else {
            return Err(Fail::NeedMore);
        };
        let above_err = match &err {
            Some(e) => self.cmp_at(&m, e, depth + 1)? == Ordering::Greater,
            None => true,
        };
        if !above_err || self.cmp_at(&m, &Mono::one(), depth + 1)? != Ordering::Greater {
            return Err(Fail::NeedMore);
        }
        match self.sign_or_fail(&c)? {
            Sign::Pos => Ok(Ordering::Greater),
            Sign::Neg => Ok(Ordering::Less),
            Sign::Zero => Err(Fail::other("internal: zero coefficient".into())),
        }
    }

    /// log(m) as terms: G plus q_j F_j plus p_k * l_{k+1}, and the error
    /// (the largest error of an opaque argument; `None`: exact).
    fn log_terms(&mut self, m: &Mono) -> Result<(Terms, Option<Mono>), Fail> {
        let mut out = m.g.clone();
        let mut err: Option<Mono> = None;
        for (f, q) in &m.x {
            out.extend(f.terms.iter().map(|(t, c)| (t.clone(), c.mul(q))));
            err = self.max_mono(err, Some(f.err.as_ref().clone()))?;
        }
        for (k, e) in m.p.iter().enumerate() {
            if e.is_zero() {
                continue;
            }
            if k + 1 > MAX_CHAIN {
                return Err(Fail::other(format!(
                    "logarithms nested more than {MAX_CHAIN} deep"
                )));
            }
            out.push((Mono::ell(k + 1), e.clone()));
        }
        Ok((out, err))
    }

    /// Sort decreasingly, merge equal monomials, drop zero coefficients
    /// (comparisons at nesting `depth`).
    fn merge_at(
        &mut self,
        raw: Vec<(Mono, Coef)>,
        depth: usize,
    ) -> Result<Vec<(Mono, Coef)>, Fail> {
        let mut out: Vec<(Mono, Coef)> = Vec::with_capacity(raw.len());
        for (m, c) in raw {
            if c.is_zero() {
                continue;
            }
            // binary search in a decreasing list
            let (mut lo, mut hi) = (0usize, out.len());
            let mut hit = None;
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                match self.cmp_at(&m, &out[mid].0, depth)? {
                    Ordering::Equal => {
                        hit = Some(mid);
                        break;
                    }
                    Ordering::Greater => hi = mid,
                    Ordering::Less => lo = mid + 1,
                }
            }
            match hit {
                Some(i) => {
                    let s = out[i].1.add(&c);
                    if s.len() > MAX_COEF {
                        return Err(Fail::Unknown(Cause::Budget(Budget::CoefficientSize)));
                    }
                    out[i].1 = s;
                }
                None => out.insert(lo, (m, c)),
            }
        }
        out.retain(|(_, c)| !c.is_zero());
        Ok(out)
    }

    pub fn mono_mul(&mut self, a: &Mono, b: &Mono) -> Result<Mono, Fail> {
        if a.is_one() {
            return Ok(b.clone());
        }
        if b.is_one() {
            return Ok(a.clone());
        }
        let same_shape = a.g.len() == b.g.len() && a.g.iter().zip(&b.g).all(|(x, y)| x.0 == y.0);
        let g = if b.g.is_empty() {
            a.g.clone()
        } else if a.g.is_empty() {
            b.g.clone()
        } else if same_shape {
            // the same monomials: add the coefficients (order kept)
            a.g.iter()
                .zip(&b.g)
                .map(|(x, y)| (x.0.clone(), x.1.add(&y.1)))
                .filter(|(_, c)| !c.is_zero())
                .collect()
        } else {
            let mut raw = a.g.clone();
            raw.extend(b.g.iter().cloned());
            self.merge_at(raw, 0)?
        };
        let len = a.p.len().max(b.p.len());
        let z = Coef::zero();
        let p = (0..len)
            .map(|i| a.p.get(i).unwrap_or(&z).add(b.p.get(i).unwrap_or(&z)))
            .collect();
        let mut xs: BTreeMap<Opaque, Coef> = BTreeMap::new();
        for (f, q) in a.x.iter().chain(b.x.iter()) {
            let v = xs.entry(f.clone()).or_default();
            *v = v.add(q);
        }
        let x = xs.into_iter().filter(|(_, q)| !q.is_zero()).collect();
        Ok(Mono { g, x, p }.trim())
    }

    /// m^c for a constant c.
    pub fn mono_pow(&mut self, a: &Mono, c: &Coef) -> Result<Mono, Fail> {
        if c.is_zero() {
            return Ok(Mono::one());
        }
        self.charge(1)?;
        let g = a.g.iter().map(|(m, x)| (m.clone(), x.mul(c))).collect();
        let p = a.p.iter().map(|x| x.mul(c)).collect();
        let x = a.x.iter().map(|(f, q)| (f.clone(), q.mul(c))).collect();
        let r = Mono { g, x, p }.trim();
        if r.p.iter().chain(r.g.iter().map(|(_, x)| x)).any(too_nested) {
            return Err(Fail::other("constants nested too deeply".into()));
        }
        Ok(r)
    }

    // ---------------------------------------------------------------- series

    /// a^q for a rational q.
    pub fn powq(&mut self, a: &Ser, q: &Q, what: &Expr) -> Result<Ser, Fail> {
        if let Some(r) = self.powq_trivial(a, q, what) {
            return r;
        }
        let (m0, c0, _, s, eps) = self.split(a)?;
        if !q.is_integer() && Self::deep_log_factor(&m0) {
            self.eventual_only = true;
        }
        let cq = if q.is_integer() {
            let k = num_traits::ToPrimitive::to_i64(&q.to_integer())
                .filter(|k| k.abs() <= 1 << 20)
                .ok_or_else(|| Fail::other("exponent too large".into()))?;
            c0.powi(k).map_err(Fail::other)?
        } else if s == Sign::Pos {
            c0.powq(q, self.params).map_err(Fail::other)?
        } else {
            return Err(Fail::Domain(format!(
                "sqrt/power of an eventually negative expression: {what}",
                what = what.display(self.var)
            )));
        };
        if too_nested(&cq) {
            return Err(Fail::other("constants nested too deeply".into()));
        }
        let qq = q.clone();
        let ser = self.power_series(&eps, &move |k| binom(&qq, k))?;
        let mq = self.mono_pow(&m0, &Coef::rat(q.clone()))?;
        self.mul_term(&ser, &mq, &cq)
    }

    pub fn log(&mut self, a: &Ser, what: &Expr) -> Result<Ser, Fail> {
        if a.is_zero() {
            return Err(Fail::Domain(format!(
                "log of {what}, which is identically 0",
                what = what.display(self.var)
            )));
        }
        let (m0, c0, _, s, eps) = self.split(a)?;
        if s != Sign::Pos {
            return Err(Fail::Domain(format!(
                "log of an eventually negative expression: {what}",
                what = what.display(self.var)
            )));
        }
        let lc = c0.log().map_err(Fail::other)?;
        if too_nested(&lc) {
            return Err(Fail::other("constants nested too deeply".into()));
        }
        if Self::deep_log_factor(&m0) {
            self.eventual_only = true;
        }
        let (mut raw, err) = self.log_terms(&m0)?;
        raw.push((Mono::one(), lc));
        let k = self.k;
        let base = self.build(raw, err, k)?;
        let ser = self.power_series(&eps, &log1p_coeff)?;
        self.add(&base, &ser)
    }

    /// exp(a), where `a` is the expansion of the argument of the function
    /// `key` = exp(arg) (the identity of an opaque result).
    pub fn exp(&mut self, a: &Ser, key: &Expr) -> Result<Ser, Fail> {
        if let Some(e) = &a.err {
            if self.cmp(e, &Mono::one())? != Ordering::Less {
                // the argument is not known up to o(1): when it tends to
                // +-oo, exp(a) is a monomial of its own (opaque)
                let Some((m0, _)) = a.terms.first() else {
                    return Err(Fail::NeedMore);
                };
                if self.cmp(m0, &Mono::one())? != Ordering::Greater {
                    return Err(Fail::NeedMore);
                }
                let f = Opaque {
                    key: key.clone(),
                    terms: a.terms.clone(),
                    err: Box::new(e.clone()),
                };
                let m = Mono {
                    g: Vec::new(),
                    x: vec![(f, Coef::one())],
                    p: Vec::new(),
                };
                return Ok(Ser::mono(m, Coef::one()));
            }
        }
        let mut g = Vec::new();
        let mut p: Vec<Coef> = Vec::new();
        let mut c0 = Coef::zero();
        let mut rest = Vec::new();
        for (m, c) in &a.terms {
            match self.cmp(m, &Mono::one())? {
                Ordering::Greater => match m.as_ell() {
                    Some(k) if k >= 1 => {
                        while p.len() < k {
                            p.push(Coef::zero());
                        }
                        p[k - 1] = p[k - 1].add(c);
                    }
                    _ => g.push((m.clone(), c.clone())),
                },
                Ordering::Equal => c0 = c0.add(c),
                Ordering::Less => rest.push((m.clone(), c.clone())),
            }
        }
        let r = Ser {
            terms: rest,
            err: a.err.clone(),
        };
        let s = self.power_series(&r, &exp_coeff)?;
        let ec = c0.exp();
        if too_nested(&ec) || p.iter().chain(g.iter().map(|(_, x)| x)).any(too_nested) {
            return Err(Fail::other("constants nested too deeply".into()));
        }
        let m = Mono {
            g,
            x: Vec::new(),
            p,
        }
        .trim();
        self.mul_term(&s, &m, &ec)
    }

    // ---------------------------------------------------------------- Expr

    /// exp(A) - exp(B) = exp(B) * (exp(A - B) - 1) (a power u^v with a
    /// variable exponent counts as exp(v log u)): the cancellation
    /// happens in the arguments, whose expansions are exact or short, instead
    /// of between two truncated expansions (so that exp(1/n - exp(-n)) -
    /// exp(1/n) ~ -exp(-n)). `None`: the pattern does not apply (the caller
    /// expands as usual).
    fn exp_difference(&mut self, a: &Expr, b: &Expr, d: usize) -> Result<Option<Ser>, Fail> {
        // exp(x), or base^e with a variable exponent as exp(e log(base))
        fn exponent(e: &Expr) -> Option<Expr> {
            match e {
                Expr::Call(Func::Exp, args) => match args.as_slice() {
                    [x] => Some(x.clone()),
                    _ => None,
                },
                Expr::Pow(base, ex) if ex.has_var() => Some(Expr::mul(
                    (**ex).clone(),
                    Expr::call1(Func::Log, (**base).clone()),
                )),
                _ => None,
            }
        }
        let (Some(x), Some(y)) = (exponent(a), exponent(b)) else {
            return Ok(None);
        };
        let arg = Expr::sub(x, y);
        let diff = self.expand(&arg, d)?;
        let small = match diff.ub() {
            None => true,
            Some(u) => self.cmp(&u, &Mono::one())? == Ordering::Less,
        };
        let eb = self.expand(b, d)?;
        if !small {
            // exp(B) * (exp(A - B) - 1), exp(A - B) a function of its own
            let e = self.exp(&diff, &Expr::call1(Func::Exp, arg))?;
            let em1 = self.sub(&e, &Ser::constant(Coef::one()))?;
            return Ok(Some(self.mul(&eb, &em1)?));
        }
        // exp(x) - 1: the exponential series without its constant term
        let em1 = self.power_series(&diff, &|k| if k == 0 { Q::zero() } else { exp_coeff(k) })?;
        Ok(Some(self.mul(&eb, &em1)?))
    }

    /// Differences of two expressions of the same shape, rewritten so that
    /// the cancellation happens inside (identities wherever both sides are
    /// defined): p/q - p/r = p (r - q)/(q r), p/q - s/q = (p - s)/q,
    /// c X - c Y = c (X - Y), X c - Y c = (X - Y) c. `None`: no such shape.
    fn same_shape_difference(&mut self, a: &Expr, b: &Expr, d: usize) -> Result<Option<Ser>, Fail> {
        let rewritten = match (a, b) {
            (Expr::Div(p, q), Expr::Div(p2, r)) if p == p2 && q != r => Expr::div(
                Expr::mul((**p).clone(), Expr::sub((**r).clone(), (**q).clone())),
                Expr::mul((**q).clone(), (**r).clone()),
            ),
            (Expr::Div(p, q), Expr::Div(s2, q2)) if q == q2 && p != s2 => {
                Expr::div(Expr::sub((**p).clone(), (**s2).clone()), (**q).clone())
            }
            (Expr::Mul(c, x), Expr::Mul(c2, y)) if c == c2 && x != y => {
                Expr::mul((**c).clone(), Expr::sub((**x).clone(), (**y).clone()))
            }
            (Expr::Mul(x, c), Expr::Mul(y, c2)) if c == c2 && x != y => {
                Expr::mul(Expr::sub((**x).clone(), (**y).clone()), (**c).clone())
            }
            _ => return Ok(None),
        };
        Ok(Some(self.expand(&rewritten, d)?))
    }

    fn expand_pow(&mut self, e: &Expr, a: &Expr, b: &Expr, d: usize) -> Result<Ser, Fail> {
        let sb = self.expand(b, d)?;
        let sa = self.expand(a, d)?;
        if let Some(cb) = sb.as_constant() {
            if let Some(q) = cb.as_rational() {
                // a huge rational exponent of a positive base: as exp(q log a)
                let huge = q.numer_bits() > 20 || q.denom_bits() > 20;
                let positive = !sa.is_zero() && self.lead_sign(&sa).ok() == Some(Sign::Pos);
                if !(huge && positive) {
                    return self.powq(&sa, &q, e);
                }
            }
        }
        if sa.is_zero() && !sb.is_zero() && self.lead_sign(&sb)? == Sign::Pos {
            // 0^b = 0 for b > 0 (eventually)
            if sb.as_constant().is_none() {
                self.eventual_only = true;
            }
            return Ok(Ser::zero());
        }
        if sb.terms.is_empty() && sb.err.is_some() && !b.has_var() {
            return Err(Fail::NeedMore);
        }
        if let (Some(ca), Some(cb)) = (sa.as_constant(), sb.as_constant()) {
            if self.sign_or_fail(&ca)? != Sign::Pos {
                return Err(Fail::Domain(format!(
                    "power with a non-rational exponent of a non-positive base: {what}",
                    what = e.display(self.var)
                )));
            }
            let l = ca.log().map_err(Fail::other)?;
            let c = l.mul(&cb).exp();
            if too_nested(&c) {
                return Err(Fail::other("constants nested too deeply".into()));
            }
            return Ok(Ser::constant(c));
        }
        let la = self.log(&sa, a)?;
        let prod = self.mul(&sb, &la)?;
        self.exp(&prod, e)
    }
}

impl Scale for Cx<'_> {
    type M = Mono;

    fn var(&self) -> &str {
        self.var
    }
    fn work(&self) -> u64 {
        Cx::work(self)
    }
    fn cmp(&mut self, a: &Mono, b: &Mono) -> Result<Ordering, Fail> {
        Cx::cmp(self, a, b)
    }
    fn k(&self) -> usize {
        self.k
    }
    const WORK_LIMIT: u64 = WORK_LIMIT;
    fn work_mut(&mut self) -> &mut u64 {
        &mut self.work
    }
    fn mono_mul(&mut self, a: &Mono, b: &Mono) -> Result<Mono, Fail> {
        Cx::mono_mul(self, a, b)
    }
    fn mono_powi(&mut self, m: &Mono, k: i64) -> Result<Mono, Fail> {
        self.mono_pow(m, &Coef::int(k))
    }
    /// Binary insertion with the exact comparison; `err` is left to the
    /// caller.
    fn merge(
        &mut self,
        raw: Vec<(Mono, Coef)>,
        _err: Option<&Mono>,
    ) -> Result<Vec<(Mono, Coef)>, Fail> {
        self.merge_at(raw, 0)
    }
    fn note_infinite(&mut self) {
        self.infinite = true;
    }
    fn sign(&mut self, c: &Coef) -> Option<Sign> {
        Cx::sign(self, c)
    }
    fn sign_message(&self, c: &Coef) -> Cause {
        scale::sign_message(c, self.params, self.var, true)
    }
    fn nonneg(&self, c: &Coef) -> bool {
        c.nonneg(self.params)
    }
    fn nonpos(&self, c: &Coef) -> bool {
        c.nonpos(self.params)
    }
    fn params(&self) -> &ParamBox {
        self.params
    }
    fn var_mono() -> Mono {
        Mono::ell(0)
    }
    fn set_eventual_only(&mut self) {
        self.eventual_only = true;
    }
    fn powq(&mut self, a: &Ser, q: &Q, what: &Expr) -> Result<Ser, Fail> {
        Cx::powq(self, a, q, what)
    }
    fn log(&mut self, a: &Ser, what: &Expr) -> Result<Ser, Fail> {
        Cx::log(self, a, what)
    }
    fn exp(&mut self, a: &Ser, key: &Expr) -> Result<Ser, Fail> {
        Cx::exp(self, a, key)
    }
    fn expand_pow(&mut self, e: &Expr, a: &Expr, b: &Expr, d: usize) -> Result<Ser, Fail> {
        Cx::expand_pow(self, e, a, b, d)
    }
    /// x - x = 0 wherever x is defined (it must be, for large n); a
    /// difference of exponentials or of two expressions of the same shape
    /// is rewritten so that the cancellation happens inside.
    fn sub_rewrite(&mut self, a: &Expr, b: &Expr, d: usize) -> Result<Option<Ser>, Fail> {
        if a == b {
            self.expand(a, d)?;
            return Ok(Some(Ser::zero()));
        }
        if let Some(r) = self.exp_difference(a, b, d)? {
            return Ok(Some(r));
        }
        self.same_shape_difference(a, b, d)
    }
    fn term_expr(&self, m: &Mono, c: &Coef) -> Expr {
        term_expr(m, c, self.var)
    }
    fn factors(&self, m: &Mono) -> Vec<Expr> {
        m.factors(self.var)
    }
    fn mono_text(&self, m: &Mono) -> String {
        match m.to_expr(self.var) {
            Some(x) => crate::reason::expr(&x, self.var),
            None => "1".into(),
        }
    }
    fn series_text(s: &Ser, var: &str, max_terms: usize) -> String {
        ser_text(s, var, max_terms)
    }

    const SIGN_HINTS: bool = false;
    const CHARGES_SKIPPED_PRODUCTS: bool = true;
    const SAME_SIDES_CANCEL: bool = true;
    const THETA_TRIES_BOTH: bool = false;
    const SIGNED_TERMS: bool = false;
}

/// The series as text, at most `max_terms` terms then `O(...)`.
pub fn ser_text(s: &Ser, var: &str, max_terms: usize) -> String {
    if s.is_zero() {
        return "0".into();
    }
    let shown: Vec<(Mono, Coef)> = s.terms.iter().take(max_terms).cloned().collect();
    let out = if shown.is_empty() {
        String::new()
    } else {
        sum_expr(&shown, var).display(var).to_string()
    };
    scale::push_error_text(out, s, var, max_terms, |m| m.to_expr(var))
}
