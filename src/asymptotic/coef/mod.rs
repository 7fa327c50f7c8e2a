//! Exact constant coefficients of expansions (`Coef`): finite sums of
//! monomials with rational coefficients over atoms (prime powers with
//! exponents in (0, 1), pi, e, logs of integers, parameters, logs/exps of
//! coefficients and opaque bases). The normal form is sound: a syntactically
//! zero coefficient is zero. Signs come from exact rules first, then from
//! interval enclosures over the parameter box (never from sampling).
//! Submodules: `square` (exact square roots of sums), `order` (the
//! monomial type, equality and order), `cache` (memos of pure functions).

use crate::exact::poly::WeakSign;
use crate::exact::q as rat;
use crate::exact::{Interval, Sign};
use crate::ir::{Endpoint, Expr, Func, ParamBox, Q};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Trial division stops at this divisor; a remaining cofactor becomes an
/// opaque integer atom (sound, possibly not canonical).
const TRIAL_LIMIT: u64 = crate::limits::LIMITS.trial_division;
/// Largest integer exponent applied to a rational or a sum.
const MAX_INT_EXP: i64 = crate::limits::LIMITS.coef_int_exponent;
/// Largest number of monomials a sum may have before a power gives up.
const MAX_POW_SIZE: usize = crate::limits::LIMITS.coef_pow_terms;
/// Deepest nesting of coefficients inside atoms.
const MAX_NEST: usize = crate::limits::LIMITS.coef_nesting;

pub use order::Monomial;
/// Products of at least this many monomial pairs are memoised (`cache`).
const MEMO_MIN_PRODUCTS: usize = 4;

/// An irreducible factor of a monomial (equality and order in `order.rs`).
#[derive(Clone, Debug)]
pub enum Atom {
    /// A prime (or an unfactored integer > 1 without small factors); its
    /// exponent is kept in (0, 1).
    Prime(BigInt),
    /// pi.
    Pi,
    /// Euler's number e (exponent any rational: e^q).
    E,
    /// log p for an integer p > 1.
    LogInt(BigInt),
    /// A parameter (non-integer exponents only when provably positive).
    Param(String),
    /// log|x| of a non-zero coefficient x that does not split further.
    Log(Arc<Coef>),
    /// exp(x) of a monomial x with rational coefficient 1.
    Exp(Arc<Coef>),
    /// An opaque non-zero base (a sum); positive when its exponent is not an integer.
    Base(Arc<Coef>),
}

/// A sum of monomials with non-zero rational coefficients (equality and
/// order in `order.rs`).
#[derive(Clone, Debug, Default)]
pub struct Coef {
    terms: BTreeMap<Monomial, Q>,
}

fn qi(i: i64) -> Q {
    Q::from_integer(BigInt::from(i))
}

/// Prime factorisation of n > 0 by bounded trial division; the cofactor left
/// (if > 1) is returned with exponent 1.
fn factor(n: &BigInt) -> Vec<(BigInt, i64)> {
    let mut out = Vec::new();
    let mut m = n.abs();
    if m <= BigInt::one() {
        return out;
    }
    // huge inputs: only the smallest primes (each division is costly)
    let limit = if m.bits() > 4096 { 100 } else { TRIAL_LIMIT };
    let mut d: u64 = 2;
    while d < limit {
        let bd = BigInt::from(d);
        if &bd * &bd > m {
            break;
        }
        let mut k = 0i64;
        loop {
            let (q, r) = m.div_rem(&bd);
            if !r.is_zero() {
                break;
            }
            m = q;
            k += 1;
        }
        if k > 0 {
            out.push((bd, k));
        }
        d += if d == 2 { 1 } else { 2 };
    }
    if m > BigInt::one() {
        out.push((m, 1));
    }
    out
}

/// q^k for an integer k (q != 0 when k < 0); `None` if |k| is too large.
fn q_powi(q: &Q, k: i64) -> Option<Q> {
    if q.abs() != Q::one()
        && (k.abs() > MAX_INT_EXP
            || (q.numer_bits() + q.denom_bits()).saturating_mul(k.unsigned_abs()) > 1 << 20)
    {
        return None;
    }
    if k < 0 && q.is_zero() {
        return None;
    }
    let mut r = Q::one();
    let mut base = if k < 0 { q.recip() } else { q.clone() };
    let mut e = k.unsigned_abs();
    while e > 0 {
        if e & 1 == 1 {
            r = rat::mul(&r, &base);
        }
        e >>= 1;
        if e > 0 {
            base = rat::mul(&base, &base);
        }
    }
    Some(r)
}

/// Every exponent of a monomial times q.
fn mono_pow(m: &Monomial, q: &Q) -> Monomial {
    m.iter().map(|(a, e)| (a.clone(), e * q)).collect()
}

fn floor_q(q: &Q) -> BigInt {
    q.floor().to_integer()
}

impl Coef {
    pub fn zero() -> Coef {
        Coef::default()
    }
    pub fn one() -> Coef {
        Coef::rat(Q::one())
    }
    pub fn rat(q: Q) -> Coef {
        let mut terms = BTreeMap::new();
        if !q.is_zero() {
            terms.insert(Monomial::new(), q);
        }
        Coef { terms }
    }
    pub fn int(i: i64) -> Coef {
        Coef::rat(qi(i))
    }
    /// atom^e as a coefficient (exponent normalised for primes).
    pub fn atom_pow(a: Atom, e: Q) -> Coef {
        let mut m = Monomial::new();
        m.insert(a, e);
        Coef::from_mono(Q::one(), m)
    }
    pub fn atom(a: Atom) -> Coef {
        Coef::atom_pow(a, Q::one())
    }
    pub fn param(name: &str) -> Coef {
        Coef::atom(Atom::Param(name.to_string()))
    }
    pub fn pi() -> Coef {
        Coef::atom(Atom::Pi)
    }

    /// Build r*m, normalising prime exponents into [0, 1).
    fn from_mono(r: Q, m: Monomial) -> Coef {
        let (r2, m2) = normalise_mono(r, m);
        let mut terms = BTreeMap::new();
        if !r2.is_zero() {
            terms.insert(m2, r2);
        }
        Coef { terms }
    }

    pub fn is_zero(&self) -> bool {
        self.terms.is_empty()
    }
    pub fn len(&self) -> usize {
        self.terms.len()
    }
    /// The value when the coefficient is a rational.
    /// The sign of a coefficient that is a rational number; `None` for any
    /// other (its sign may depend on the parameters).
    pub fn rational_sign(&self) -> Option<Sign> {
        if self.terms.is_empty() {
            return Some(Sign::Zero);
        }
        let r = self.as_rational_ref()?;
        Some(if r.is_positive() {
            Sign::Pos
        } else if r.is_negative() {
            Sign::Neg
        } else {
            Sign::Zero
        })
    }

    pub fn as_rational(&self) -> Option<Q> {
        match self.terms.len() {
            0 => Some(Q::zero()),
            1 => {
                self.terms
                    .iter()
                    .next()
                    .and_then(|(m, r)| if m.is_empty() { Some(r.clone()) } else { None })
            }
            _ => None,
        }
    }
    /// The rational value of a non-zero rational coefficient, borrowed
    /// (`None` for zero and for every non-rational coefficient).
    fn as_rational_ref(&self) -> Option<&Q> {
        match self.as_mono() {
            Some((m, r)) if m.is_empty() => Some(r),
            _ => None,
        }
    }
    /// The single monomial, if there is exactly one.
    fn as_mono(&self) -> Option<(&Monomial, &Q)> {
        if self.terms.len() == 1 {
            self.terms.iter().next()
        } else {
            None
        }
    }

    pub fn add(&self, o: &Coef) -> Coef {
        let out = self.add_raw(o);
        // terms over one opaque base may now combine: P * Base(S)^-1 with P = q*S
        if self.terms.len() + o.terms.len() > 1 && out.has_base() {
            out.tidy()
        } else {
            out
        }
    }

    /// `self.add(o)` in place, taking `o` by value (its monomials are moved,
    /// not cloned): the same sum and the same opaque-base simplifications.
    pub fn add_assign(&mut self, o: Coef) {
        let tidy = self.terms.len() + o.terms.len() > 1;
        if self.terms.is_empty() {
            self.terms = o.terms;
        } else {
            for (m, r) in o.terms {
                add_term(&mut self.terms, m, &r);
            }
        }
        if tidy && self.has_base() {
            *self = std::mem::take(self).tidy();
        }
    }

    /// Sum without the opaque-base simplifications.
    fn add_raw(&self, o: &Coef) -> Coef {
        if self.terms.is_empty() {
            return o.clone();
        }
        let mut terms = self.terms.clone();
        for (m, r) in &o.terms {
            if let Some(v) = terms.get_mut(m) {
                *v = rat::add(v, r);
                if v.is_zero() {
                    terms.remove(m);
                }
            } else {
                terms.insert(m.clone(), r.clone());
            }
        }
        Coef { terms }
    }
    pub fn neg(&self) -> Coef {
        Coef {
            terms: self.terms.iter().map(|(m, r)| (m.clone(), -r)).collect(),
        }
    }
    pub fn sub(&self, o: &Coef) -> Coef {
        self.add(&o.neg())
    }
    pub fn scale(&self, q: &Q) -> Coef {
        if q.is_zero() {
            return Coef::zero();
        }
        Coef {
            terms: self
                .terms
                .iter()
                .map(|(m, r)| (m.clone(), rat::mul(r, q)))
                .collect(),
        }
    }
    pub fn mul(&self, o: &Coef) -> Coef {
        // products of sums recur (every term budget of a claim multiplies
        // the same leading coefficients again): those go through the memo
        if self.len() * o.len() >= MEMO_MIN_PRODUCTS {
            return cache::mul(self, o, || self.mul_uncached(o));
        }
        self.mul_uncached(o)
    }

    fn mul_uncached(&self, o: &Coef) -> Coef {
        let out = self.mul_raw(o);
        if out.has_base() {
            out.tidy()
        } else {
            out
        }
    }

    /// Product without the opaque-base simplifications.
    fn mul_raw(&self, o: &Coef) -> Coef {
        // a rational factor scales every coefficient and keeps every
        // (normalised) monomial as it is
        if let Some(r) = o.as_rational_ref() {
            return self.scale(r);
        }
        if let Some(r) = self.as_rational_ref() {
            return o.scale(r);
        }
        // every product term, then sorted once and equal monomials summed
        // (fewer monomial comparisons than inserting each into the map)
        let mut raw: Vec<(Monomial, Q)> = Vec::with_capacity(self.len() * o.len());
        for (m1, r1) in &self.terms {
            for (m2, r2) in &o.terms {
                let mut m = m1.clone();
                for (a, e) in m2 {
                    if let Some(v) = m.get_mut(a) {
                        *v = rat::add(v, e);
                    } else {
                        m.insert(a.clone(), e.clone());
                    }
                }
                let (r, m) = normalise_mono(rat::mul(r1, r2), m);
                raw.push((m, r));
            }
        }
        raw.sort_by(|x, y| x.0.cmp(&y.0));
        let mut merged: Vec<(Monomial, Q)> = Vec::with_capacity(raw.len());
        for (m, r) in raw {
            match merged.last_mut() {
                Some((last, v)) if *last == m => *v = rat::add(v, &r),
                _ => merged.push((m, r)),
            }
        }
        Coef {
            terms: merged.into_iter().filter(|(_, r)| !r.is_zero()).collect(),
        }
    }

    fn has_base(&self) -> bool {
        self.terms
            .keys()
            .any(|m| m.keys().any(|a| matches!(a, Atom::Base(_))))
    }

    /// Simplify opaque bases: expand small positive integer powers of a
    /// base, and cancel a base against a sum that is a monomial multiple of it.
    fn tidy(self) -> Coef {
        let mut c = self;
        for _ in 0..8 {
            match c.tidy_step() {
                Some(next) => c = next,
                None => break,
            }
        }
        c
    }

    fn tidy_step(&self) -> Option<Coef> {
        // (1) Base(S)^k with 1 <= k <= 4: expand S^k.
        for (m, r) in &self.terms {
            for (a, e) in m {
                let Atom::Base(s) = a else { continue };
                if !(e.is_integer() && e.is_positive() && *e <= qi(4) && s.len() <= 16) {
                    continue;
                }
                let k = e.to_integer().to_i64()?;
                let mut expanded = Coef::one();
                for _ in 0..k {
                    expanded = expanded.mul_raw(s);
                }
                let mut rest = m.clone();
                rest.remove(a);
                let mut out = self.clone();
                out.terms.remove(m);
                return Some(out.add_raw(&Coef::from_mono(r.clone(), rest).mul_raw(&expanded)));
            }
        }
        // (2) P * Base(S)^e with P = q * S for a monomial q: q * Base(S)^(e+1).
        let mut groups: BTreeMap<(Atom, Q), Coef> = BTreeMap::new();
        for (m, r) in &self.terms {
            for (a, e) in m {
                if matches!(a, Atom::Base(_)) && e.is_negative() {
                    let mut rest = m.clone();
                    rest.remove(a);
                    let g = groups.entry((a.clone(), e.clone())).or_default();
                    g.terms.insert(rest, r.clone());
                }
            }
        }
        for ((a, e), p) in groups {
            let Atom::Base(s) = &a else { continue };
            if p.len() < s.len() || p.len() > 32 {
                continue;
            }
            let (s0, c0) = s.terms.iter().next_back()?;
            for (pm, pr) in &p.terms {
                let mut qm = pm.clone();
                for (at, ex) in s0 {
                    *qm.exponent_mut(at.clone()) -= ex;
                }
                let q = Coef::from_mono(pr / c0, qm);
                if q.mul_raw(s) == p {
                    let mut out = self.clone();
                    for rest in p.terms.keys() {
                        let mut m = rest.clone();
                        m.insert(a.clone(), e.clone());
                        out.terms.remove(&m);
                    }
                    let mut b = Monomial::new();
                    b.insert(a.clone(), &e + Q::one());
                    return Some(out.add_raw(&q.mul_raw(&Coef::from_mono(Q::one(), b))));
                }
            }
        }
        None
    }

    /// Nesting depth of coefficients inside atoms.
    pub fn nest(&self) -> usize {
        let mut d = 0;
        for m in self.terms.keys() {
            for a in m.keys() {
                let inner = match a {
                    Atom::Log(x) | Atom::Exp(x) | Atom::Base(x) => 1 + x.nest(),
                    _ => 0,
                };
                d = d.max(inner);
            }
        }
        d
    }

    /// Parameter names mentioned, sorted.
    pub fn params(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        self.collect_params(&mut out);
        out
    }
    fn collect_params(&self, out: &mut BTreeSet<String>) {
        for m in self.terms.keys() {
            for a in m.keys() {
                match a {
                    Atom::Param(p) => {
                        out.insert(p.clone());
                    }
                    Atom::Log(x) | Atom::Exp(x) | Atom::Base(x) => x.collect_params(out),
                    _ => {}
                }
            }
        }
    }

    /// Split a sum into m * rest, where m is the monomial giving each atom
    /// its least exponent over the terms (an absent atom counts as
    /// exponent 0): `e^-1 + 1 = e^-1 * (1 + e)`, `K + K^2 = K * (1 + K)`.
    /// An exact identity (the product multiplies back to the sum); it makes
    /// the opaque bases of a sum canonical up to a rational factor. `None`
    /// for a monomial or when m would be 1.
    fn pull_monomial(&self) -> Option<(Monomial, Coef)> {
        if self.terms.len() < 2 {
            return None;
        }
        let atoms: BTreeSet<&Atom> = self.terms.keys().flat_map(|m| m.keys()).collect();
        let mut m = Monomial::new();
        for a in atoms {
            let least = self
                .terms
                .keys()
                .map(|t| t.get(a).cloned().unwrap_or_else(Q::zero))
                .min()?;
            if !least.is_zero() {
                m.insert(a.clone(), least);
            }
        }
        if m.is_empty() {
            return None;
        }
        let inv = mono_pow(&m, &qi(-1));
        let rest = self.mul_raw(&Coef::from_mono(Q::one(), inv));
        Some((m, rest))
    }

    /// Split into |r| * rest where r is the rational coefficient of the
    /// largest monomial (canonical content extraction for sums).
    fn content(&self) -> (Q, Coef) {
        match self.terms.iter().next_back() {
            Some((_, r)) => {
                let r = r.abs();
                (r.clone(), self.scale(&r.recip()))
            }
            None => (Q::one(), self.clone()),
        }
    }

    /// self^k for an integer k. `Err` when the base is zero and k < 0 or the
    /// result would be too large. The caller guarantees self != 0 if k < 0.
    pub fn powi(&self, k: i64) -> Result<Coef, String> {
        if k == 0 {
            return Ok(Coef::one());
        }
        if self.is_zero() {
            return if k > 0 {
                Ok(Coef::zero())
            } else {
                Err("division by zero".into())
            };
        }
        if let Some((m, r)) = self.as_mono() {
            let rk = rat_pow(r, &qi(k))?;
            let mut mk = Monomial::new();
            for (a, e) in m {
                mk.insert(a.clone(), e * qi(k));
            }
            return Ok(rk.mul(&Coef::from_mono(Q::one(), mk)));
        }
        cache::powi(self, k, || self.powi_sum(k))
    }

    /// self^k for a sum (two or more monomials) and k != 0.
    fn powi_sum(&self, k: i64) -> Result<Coef, String> {
        if k > 0 {
            if k > 64 {
                return Err("power of a sum too large".into());
            }
            let mut acc = Coef::one();
            for _ in 0..k {
                acc = acc.mul(self);
                if acc.len() > MAX_POW_SIZE {
                    return Err("power of a sum too large".into());
                }
            }
            return Ok(acc);
        }
        // k < 0: (m*S)^k = m^k * S^k for the common monomial m (an integer
        // power of a product), so that 1/(1 + e^-1) meets e/(e + 1)
        if let Some((m, rest)) = self
            .pull_monomial()
            .filter(|(_, r)| r.pull_monomial().is_none())
        {
            return Ok(Coef::from_mono(Q::one(), mono_pow(&m, &qi(k))).mul(&rest.powi(k)?));
        }
        // k < 0: (r*S)^k = r^k * Base(S)^k
        let (r, s) = self.content();
        if let Some(t) = s.sqrt_sum() {
            // S = T^2: S^k = T^(2k), so that 1/(A^2 + 2A + 1) meets 1/(A + 1)
            let (rt, t1) = t.content();
            let k2 = k.checked_mul(2).ok_or("exponent too large")?;
            let f = rat_pow(&r, &qi(k))?.mul(&rat_pow(&rt, &qi(k2))?);
            return Ok(f.mul(&Coef::atom_pow(Atom::Base(Arc::new(t1)), qi(k2))));
        }
        let rk = rat_pow(&r, &qi(k))?;
        Ok(rk.mul(&Coef::atom_pow(Atom::Base(Arc::new(s)), qi(k))))
    }

    /// self^q for a non-integer q; the caller guarantees self > 0.
    /// `positive(atom)` tells whether an atom is provably positive.
    pub fn powq(&self, q: &Q, params: &ParamBox) -> Result<Coef, String> {
        if q.is_integer() {
            let k = q.to_integer().to_i64().ok_or("exponent too large")?;
            return self.powi(k);
        }
        if self.is_zero() {
            return if q.is_positive() {
                Ok(Coef::zero())
            } else {
                Err("division by zero".into())
            };
        }
        if let Some((m, r)) = self.as_mono() {
            if r.is_positive() && m.keys().all(|a| atom_positive(a, params)) {
                let mut acc = rat_pow(r, q)?;
                let mut mq = Monomial::new();
                for (a, e) in m {
                    mq.insert(a.clone(), e * q);
                }
                acc = acc.mul(&Coef::from_mono(Q::one(), mq));
                return Ok(acc);
            }
        }
        if q.as_small().is_some_and(|(_, d)| d == 2) {
            // a sum that is an exact square: (A^2 + 2A + 1)^(1/2) = A + 1
            if let Some(t) = self.sqrt_sum() {
                let t = match t.sign(params) {
                    Some(Sign::Pos) => Some(t),
                    Some(Sign::Neg) => Some(t.neg()),
                    _ => None,
                };
                if let Some(t) = t {
                    let k = (q * Q::from_integer(BigInt::from(2)))
                        .to_integer()
                        .to_i64()
                        .ok_or("exponent too large")?;
                    return t.powi(k);
                }
            }
        }
        // (m*S)^q = m^q * S^q when m > 0 (then S = self/m > 0 too)
        if let Some((m, rest)) = self
            .pull_monomial()
            .filter(|(_, r)| r.pull_monomial().is_none())
        {
            if m.keys().all(|a| atom_positive(a, params)) {
                let mq = Coef::from_mono(Q::one(), mono_pow(&m, q));
                return Ok(mq.mul(&rest.powq(q, params)?));
            }
        }
        let (r, s) = self.content();
        let rq = rat_pow(&r, q)?;
        // Base(x)^e > 0 with e non-integer or odd means x > 0, so
        // (Base(x)^e)^q = Base(x)^(e q).
        if let Some((m, one)) = s.as_mono() {
            if one.is_one() && m.len() == 1 {
                if let Some((a @ Atom::Base(_), e)) = m.iter().next() {
                    if !e.is_integer() || e.to_integer().is_odd() {
                        return Ok(rq.mul(&Coef::atom_pow(a.clone(), e * q)));
                    }
                }
            }
        }
        Ok(rq.mul(&Coef::atom_pow(Atom::Base(Arc::new(s)), q.clone())))
    }

    /// log(self); the caller guarantees self > 0.
    pub fn log(&self) -> Result<Coef, String> {
        if let Some((m, r)) = self.as_mono() {
            let mut acc = log_rat(r);
            for (a, e) in m {
                let l = match a {
                    Atom::Prime(p) => Coef::atom(Atom::LogInt(p.clone())),
                    Atom::E => Coef::one(),
                    Atom::Exp(x) => (**x).clone(),
                    Atom::Base(s) => Coef::atom(Atom::Log(s.clone())),
                    other => Coef::atom(Atom::Log(Arc::new(Coef::atom(other.clone())))),
                };
                acc = acc.add(&l.scale(e));
            }
            return Ok(acc);
        }
        let (r, s) = self.content();
        Ok(log_rat(&r).add(&Coef::atom(Atom::Log(Arc::new(s)))))
    }

    /// exp(self).
    pub fn exp(&self) -> Coef {
        let mut acc = Coef::one();
        for (m, r) in &self.terms {
            let f = if m.is_empty() {
                Coef::atom_pow(Atom::E, r.clone())
            } else {
                let single = if m.len() == 1 { m.iter().next() } else { None };
                let as_int_pow = match single {
                    Some((Atom::LogInt(p), e)) if e.is_one() => {
                        rat_pow_exact(&Q::from_integer(p.clone()), r).ok()
                    }
                    // exp(r log x) = x^r for a constant x > 0 without
                    // parameters (its sign from exact enclosures)
                    Some((Atom::Log(x), e))
                        if e.is_one()
                            && x.params().is_empty()
                            && x.sign(&ParamBox::default()) == Some(Sign::Pos) =>
                    {
                        if r.is_integer() {
                            r.to_integer().to_i64().and_then(|k| x.powi(k).ok())
                        } else {
                            x.powq(r, &ParamBox::default()).ok()
                        }
                    }
                    _ => None,
                };
                match as_int_pow {
                    Some(c) => c,
                    None => {
                        let mut mm = Monomial::new();
                        for (a, e) in m {
                            mm.insert(a.clone(), e.clone());
                        }
                        let x = Coef {
                            terms: [(mm, Q::one())].into_iter().collect(),
                        };
                        Coef::atom_pow(Atom::Exp(Arc::new(x)), r.clone())
                    }
                }
            };
            acc = acc.mul(&f);
        }
        acc
    }

    /// The sign over the whole parameter box, if determined.
    pub fn sign(&self, params: &ParamBox) -> Option<Sign> {
        if self.is_zero() {
            return Some(Sign::Zero);
        }
        if let Some(s) = self.sign_exact(params) {
            return Some(s);
        }
        let (g, rest) = self.split_common(params);
        let rs = match rest.sign_exact(params) {
            Some(s) => s,
            None => rest
                .sign_enclose(params)
                .or_else(|| rest.strict_sign_by_polynomial(params))?,
        };
        Some(if g == Sign::Neg { flip(rs) } else { rs })
    }

    /// Is the coefficient >= 0 at every point of the parameter box? From the
    /// exact sign first, then from interval enclosures (lower end >= 0).
    /// `false` means "not shown", never "negative somewhere".
    pub fn nonneg(&self, params: &ParamBox) -> bool {
        match self.sign(params) {
            Some(Sign::Pos) | Some(Sign::Zero) => return true,
            Some(Sign::Neg) => return false,
            None => {}
        }
        [64u32, 256]
            .iter()
            .any(|&bits| self.enclose(params, bits).is_some_and(|iv| iv.is_nonneg()))
            || matches!(
                self.sign_by_polynomial(params),
                Some(WeakSign::Pos | WeakSign::NonNeg | WeakSign::Zero)
            )
    }

    /// Is the coefficient <= 0 at every point of the parameter box?
    pub fn nonpos(&self, params: &ParamBox) -> bool {
        self.neg().nonneg(params)
    }

    /// Factor out the common monomial of atoms with a strict sign:
    /// self = g * rest with g of the returned sign.
    fn split_common(&self, params: &ParamBox) -> (Sign, Coef) {
        let Some(first) = self.terms.keys().next() else {
            return (Sign::Pos, self.clone());
        };
        let mut g = Monomial::new();
        let mut sign = Sign::Pos;
        for a in first.keys() {
            let mut emin: Option<Q> = None;
            for m in self.terms.keys() {
                match m.get(a) {
                    Some(e) => {
                        emin = Some(match emin {
                            Some(x) if x <= *e => x,
                            _ => e.clone(),
                        })
                    }
                    None => {
                        emin = None;
                        break;
                    }
                }
            }
            let Some(e) = emin else { continue };
            match atom_pow_sign(a, &e, params) {
                Some(Sign::Pos) => {}
                Some(Sign::Neg) => sign = flip(sign),
                _ => continue,
            }
            g.insert(a.clone(), -e);
        }
        if g.is_empty() {
            return (Sign::Pos, self.clone());
        }
        (sign, self.mul_raw(&Coef::from_mono(Q::one(), g)))
    }

    /// Sign by exact rules: every monomial has a known strict sign, all equal.
    fn sign_exact(&self, params: &ParamBox) -> Option<Sign> {
        let mut common: Option<Sign> = None;
        for (m, r) in &self.terms {
            let mut s = if r.is_positive() {
                Sign::Pos
            } else {
                Sign::Neg
            };
            for (a, e) in m {
                match atom_pow_sign(a, e, params)? {
                    Sign::Neg => s = flip(s),
                    Sign::Pos => {}
                    Sign::Zero => return None,
                }
            }
            match common {
                None => common = Some(s),
                Some(c) if c == s => {}
                Some(_) => return None,
            }
        }
        common
    }

    /// An interval enclosure of the value over the parameter box.
    pub fn enclose(&self, params: &ParamBox, bits: u32) -> Option<Interval> {
        let mut acc = Interval::point(Q::zero());
        for (m, r) in &self.terms {
            let mut t = Interval::point(r.clone());
            for (a, e) in m {
                if e.numer_bits() > 16 || e.denom_bits() > 16 {
                    return None;
                }
                let base = atom_enclose(a, params, bits)?;
                let p = if e.is_integer() {
                    base.powi(e.to_integer().to_i64()?)?
                } else {
                    base.powq(e, bits)?
                };
                t = t.mul(&p);
            }
            acc = acc.add(&t);
        }
        Some(acc)
    }

    /// The coefficient as a readable expression (constants last).
    pub fn to_expr(&self) -> Expr {
        let mut acc: Option<Expr> = None;
        let mut order: Vec<(&Monomial, &Q)> = self.terms.iter().rev().collect();
        if let Some(i) = order.iter().position(|(_, r)| r.is_positive()) {
            let first = order.remove(i);
            order.insert(0, first);
        }
        for (m, r) in order {
            acc = Some(match acc {
                None => mono_expr(m, r),
                Some(prev) => {
                    if r.is_negative() {
                        Expr::sub(prev, mono_expr(m, &-r))
                    } else {
                        Expr::add(prev, mono_expr(m, r))
                    }
                }
            });
        }
        acc.unwrap_or_else(|| Expr::int(0))
    }

    /// Is the coefficient a single monomial with a negative rational factor
    /// (so that a printer may write ` - ` before its negation)?
    pub fn looks_negative(&self) -> bool {
        self.as_mono().is_some_and(|(_, r)| r.is_negative())
    }
}

/// Add r * m to a sum's terms, dropping the monomial if its coefficient
/// cancels to zero.
fn add_term(terms: &mut BTreeMap<Monomial, Q>, m: Monomial, r: &Q) {
    use std::collections::btree_map::Entry;
    match terms.entry(m) {
        Entry::Vacant(v) => {
            if !r.is_zero() {
                v.insert(r.clone());
            }
        }
        Entry::Occupied(mut o) => {
            let v = rat::add(o.get(), r);
            if v.is_zero() {
                o.remove();
            } else {
                *o.get_mut() = v;
            }
        }
    }
}

fn flip(s: Sign) -> Sign {
    match s {
        Sign::Pos => Sign::Neg,
        Sign::Neg => Sign::Pos,
        Sign::Zero => Sign::Zero,
    }
}

/// Normalise a monomial: drop zero exponents, move integer parts of prime
/// exponents into the rational.
fn normalise_mono(mut r: Q, m: Monomial) -> (Q, Monomial) {
    // already normal: no zero exponent, every prime exponent in (0, 1)
    let normal = m.iter().all(|(a, e)| match a {
        Atom::Prime(_) => e.is_positive() && rat::cmp(e, &Q::one()).is_lt(),
        _ => !e.is_zero(),
    });
    if normal {
        return (r, m);
    }
    let mut out = Monomial::new();
    for (a, e) in m {
        if e.is_zero() {
            continue;
        }
        if let Atom::Prime(p) = &a {
            let f = floor_q(&e);
            let frac = &e - Q::from_integer(f.clone());
            if !f.is_zero() {
                match f
                    .to_i64()
                    .and_then(|k| q_powi(&Q::from_integer(p.clone()), k))
                {
                    Some(pk) => r = rat::mul(&r, &pk),
                    None => {
                        // keep the whole exponent rather than build a huge integer
                        out.insert(a, e);
                        continue;
                    }
                }
            }
            if !frac.is_zero() {
                out.insert(a, frac);
            }
        } else {
            out.insert(a, e);
        }
    }
    (r, out)
}

/// r^q for r > 0 (or any r when q is an integer), exact, by factorisation;
/// an integer power too large to expand stays symbolic as exp(q log r).
pub fn rat_pow(r: &Q, q: &Q) -> Result<Coef, String> {
    match rat_pow_exact(r, q) {
        Ok(c) => Ok(c),
        Err(_) if q.is_integer() && !r.is_zero() => {
            let big = log_rat(r).scale(q).exp();
            let odd = q.to_integer().is_odd();
            Ok(if r.is_negative() && odd {
                big.neg()
            } else {
                big
            })
        }
        Err(e) => Err(e),
    }
}

/// r^q without the symbolic fallback.
fn rat_pow_exact(r: &Q, q: &Q) -> Result<Coef, String> {
    if q.is_integer() {
        let k = q.to_integer().to_i64().ok_or("exponent too large")?;
        return q_powi(r, k)
            .map(Coef::rat)
            .ok_or_else(|| "exponent too large".to_string());
    }
    if !r.is_positive() {
        return Err("non-integer power of a non-positive number".into());
    }
    let mut m = Monomial::new();
    for (p, v) in factor(&r.numer()) {
        *m.exponent_mut(Atom::Prime(p)) += qi(v) * q;
    }
    for (p, v) in factor(&r.denom()) {
        *m.exponent_mut(Atom::Prime(p)) -= qi(v) * q;
    }
    Ok(Coef::from_mono(Q::one(), m))
}

/// log|r| for a rational r != 0 as a sum of logs of primes.
fn log_rat(r: &Q) -> Coef {
    let mut acc = Coef::zero();
    for (p, v) in factor(&r.numer()) {
        acc = acc.add(&Coef::atom(Atom::LogInt(p)).scale(&qi(v)));
    }
    for (p, v) in factor(&r.denom()) {
        acc = acc.sub(&Coef::atom(Atom::LogInt(p)).scale(&qi(v)));
    }
    acc
}

/// Strict sign of a parameter from its constraint.
fn param_sign(name: &str, params: &ParamBox) -> Option<Sign> {
    let c = params.get(name)?;
    if let Endpoint::Finite { value, closed } = &c.lo {
        if value.is_positive() || (value.is_zero() && !closed) {
            return Some(Sign::Pos);
        }
    }
    if let Endpoint::Finite { value, closed } = &c.hi {
        if value.is_negative() || (value.is_zero() && !closed) {
            return Some(Sign::Neg);
        }
    }
    None
}

/// Is the atom's base provably > 0 (so any rational power distributes)?
fn atom_positive(a: &Atom, params: &ParamBox) -> bool {
    match a {
        Atom::Prime(_) | Atom::Pi | Atom::E | Atom::LogInt(_) | Atom::Exp(_) => true,
        Atom::Param(p) => param_sign(p, params) == Some(Sign::Pos),
        Atom::Log(_) | Atom::Base(_) => atom_sign(a, params) == Some(Sign::Pos),
    }
}

/// Strict sign of an atom's base by exact rules (no intervals).
fn atom_sign(a: &Atom, params: &ParamBox) -> Option<Sign> {
    match a {
        Atom::Prime(_) | Atom::Pi | Atom::E | Atom::LogInt(_) | Atom::Exp(_) => Some(Sign::Pos),
        Atom::Param(p) => param_sign(p, params),
        Atom::Base(s) => s.sign_exact(params),
        Atom::Log(x) => {
            // log|a| for a parameter a with 0 < a < 1 or a > 1.
            let (m, r) = x.as_mono()?;
            if !r.is_one() || m.len() != 1 {
                return None;
            }
            let (at, e) = m.iter().next()?;
            let Atom::Param(p) = at else { return None };
            if !e.is_one() {
                return None;
            }
            let c = params.get(p)?;
            let lo_ge = |bound: &Q, strict_needed: bool| match &c.lo {
                Endpoint::Finite { value, closed } => {
                    value > bound || (value == bound && (!strict_needed || !closed))
                }
                Endpoint::Infinite => false,
            };
            let hi_le = |bound: &Q| match &c.hi {
                Endpoint::Finite { value, closed } => value < bound || (value == bound && !closed),
                Endpoint::Infinite => false,
            };
            if lo_ge(&Q::one(), true) {
                Some(Sign::Pos)
            } else if lo_ge(&Q::zero(), true) && hi_le(&Q::one()) {
                Some(Sign::Neg)
            } else {
                None
            }
        }
    }
}

/// Strict sign of atom^e. Atoms stored with non-integer exponents are positive.
fn atom_pow_sign(a: &Atom, e: &Q, params: &ParamBox) -> Option<Sign> {
    if !e.is_integer() {
        return Some(Sign::Pos);
    }
    let even = e.to_integer().is_even();
    let nonzero_always = matches!(
        a,
        Atom::Prime(_) | Atom::Pi | Atom::E | Atom::LogInt(_) | Atom::Exp(_) | Atom::Base(_)
    );
    match atom_sign(a, params) {
        Some(s) => Some(if even { Sign::Pos } else { s }),
        None if even && (nonzero_always || e.is_negative()) => Some(Sign::Pos),
        None => None,
    }
}

fn atom_enclose(a: &Atom, params: &ParamBox, bits: u32) -> Option<Interval> {
    Some(match a {
        Atom::Prime(p) => Interval::point(Q::from_integer(p.clone())),
        Atom::Pi => Interval::pi(bits),
        Atom::E => Interval::point(Q::one()).exp(bits),
        Atom::LogInt(p) => Interval::point(Q::from_integer(p.clone())).log(bits)?,
        Atom::Param(p) => match params.get(p) {
            Some(c) => Interval::from_constraint(c),
            None => Interval::entire(),
        },
        Atom::Log(x) => x.enclose(params, bits)?.abs().log(bits)?,
        Atom::Exp(x) => x.enclose(params, bits)?.exp(bits),
        Atom::Base(s) => s.enclose(params, bits)?,
    })
}

fn atom_expr(a: &Atom) -> Expr {
    match a {
        Atom::Prime(p) => Expr::Num(Q::from_integer(p.clone())),
        Atom::Pi => Expr::Pi,
        Atom::E => Expr::call1(Func::Exp, Expr::int(1)),
        Atom::LogInt(p) => Expr::call1(Func::Log, Expr::Num(Q::from_integer(p.clone()))),
        Atom::Param(p) => Expr::param(p),
        Atom::Log(x) => Expr::call1(Func::Log, x.to_expr()),
        Atom::Exp(x) => Expr::call1(Func::Exp, x.to_expr()),
        Atom::Base(s) => s.to_expr(),
    }
}

fn atom_pow_expr(a: &Atom, e: &Q) -> Expr {
    if let Atom::E = a {
        return Expr::call1(Func::Exp, Expr::Num(e.clone()));
    }
    if let Atom::Exp(x) = a {
        // exp(log p)^e = p^e kept symbolic when p^e is too large to expand
        if let Some((m, r)) = x.as_mono() {
            if let (true, Some((Atom::LogInt(p), one))) = (r.is_one(), m.iter().next()) {
                if m.len() == 1 && one.is_one() {
                    return Expr::pow(Expr::Num(Q::from_integer(p.clone())), Expr::Num(e.clone()));
                }
            }
        }
    }
    let base = atom_expr(a);
    if e.is_one() {
        base
    } else if *e == Q::new(BigInt::one(), BigInt::from(2)) {
        Expr::call1(Func::Sqrt, base)
    } else {
        Expr::pow(base, Expr::Num(e.clone()))
    }
}

/// r * m as an expression.
fn mono_expr(m: &Monomial, r: &Q) -> Expr {
    let mut num: Option<Expr> = None;
    let mut num_parts: Vec<Expr> = Vec::new();
    let mut den: Option<Expr> = None;
    for (a, e) in m {
        let in_den = e.is_negative() && !matches!(a, Atom::E);
        let (slot, ee) = if in_den {
            (&mut den, -e)
        } else {
            (&mut num, e.clone())
        };
        let x = atom_pow_expr(a, &ee);
        if !in_den {
            num_parts.push(x.clone());
        }
        *slot = Some(match slot.take() {
            None => x,
            Some(p) => Expr::mul(p, x),
        });
    }
    let numer = match num {
        None => Expr::Num(r.clone()),
        Some(x) if r.is_one() => x,
        Some(x) if *r == -Q::one() => Expr::neg(x),
        Some(_) => num_parts.into_iter().fold(Expr::Num(r.clone()), Expr::mul),
    };
    match den {
        None => numer,
        Some(d) => Expr::div(numer, d),
    }
}

/// Too deeply nested to handle safely?
pub fn too_nested(c: &Coef) -> bool {
    c.nest() > MAX_NEST
}

mod boxsign;
mod cache;
mod order;
mod ratfn;
mod square;
#[cfg(test)]
mod tests;
