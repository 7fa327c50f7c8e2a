//! A coefficient as a rational function of its parameters
//! (`Coef::rational_function`), and the sign that follows from it over the
//! parameter box (`Coef::sign_by_polynomial`): each parameter is shifted
//! to an end of its constraint, and a numerator and denominator whose
//! coefficients all have one sign there have that sign for every
//! admissible value. Interval enclosures cannot see that `a/(a + 2)` is
//! positive on `a > 0` (they meet 0 at the open end); this test can.
//!
//! Atoms that are positive constants (primes to fractional powers, pi, e,
//! `log p` for p > 1, `exp(...)`) and positive parameters to fractional
//! powers become independent positive variables: forgetting how they are
//! related only makes the test weaker, never wrong.

use super::{Atom, Coef};
use crate::exact::poly::{eval, orthant_sign, real_roots, Poly, RatFn, Ray, WeakSign};
use crate::exact::Sign;
use crate::ir::{Endpoint, ParamBox, Q};
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::BTreeMap;

/// Prefix of the variables that stand for positive constants (never a
/// parameter name: names are identifiers).
const POSITIVE: &str = "#";

impl Coef {
    /// The coefficient as a quotient of polynomials in its parameters (and
    /// positive constant symbols named `#...`); `None` when an atom has no
    /// such reading (`log` of a parameter, a fractional power of a sum of
    /// unknown sign) or the polynomials grow too large.
    pub fn rational_function(&self) -> Option<RatFn> {
        let mut acc = RatFn::poly(Poly::default());
        for (m, r) in &self.terms {
            let mut t = RatFn::poly(Poly::constant(r.clone()));
            for (a, e) in m {
                t = t.mul(&atom_rational(a, e)?)?;
            }
            acc = acc.add(&t)?;
        }
        Some(acc)
    }

    /// The sign at every admissible point, weak or strict, from the
    /// rational function shifted to the constraints' ends; `None`: not shown.
    pub fn sign_by_polynomial(&self, params: &ParamBox) -> Option<WeakSign> {
        let f = self.rational_function()?;
        if let Some(s) = univariate_sign(&f, params) {
            return Some(s);
        }
        let (mut both, rays) = shifted(&[&f.num, &f.den], params)?;
        let den = both.pop()?;
        let num = both.pop()?;
        let ds = orthant_sign(&den, &rays)?;
        let ns = orthant_sign(&num, &rays)?;
        let flip = match ds {
            WeakSign::Pos => false,
            WeakSign::Neg => true,
            _ => return None,
        };
        Some(match (ns, flip) {
            (s, false) => s,
            (WeakSign::Pos, true) => WeakSign::Neg,
            (WeakSign::Neg, true) => WeakSign::Pos,
            (WeakSign::NonNeg, true) => WeakSign::NonPos,
            (WeakSign::NonPos, true) => WeakSign::NonNeg,
            (WeakSign::Zero, true) => WeakSign::Zero,
        })
    }

    /// The strict sign from [`Coef::sign_by_polynomial`], when it is strict.
    pub(super) fn strict_sign_by_polynomial(&self, params: &ParamBox) -> Option<Sign> {
        match self.sign_by_polynomial(params)? {
            WeakSign::Pos => Some(Sign::Pos),
            WeakSign::Neg => Some(Sign::Neg),
            WeakSign::Zero => Some(Sign::Zero),
            WeakSign::NonNeg | WeakSign::NonPos => None,
        }
    }
}

/// The sign of a rational function of ONE parameter over its range, exactly:
/// no zero or pole of numerator or denominator strictly inside the range
/// (Sturm counts) means one sign there, read at an interior rational point;
/// a zero of the numerator at a closed end makes it weak. `None`: not a
/// function of one parameter, or a zero or pole inside the range.
fn univariate_sign(f: &RatFn, params: &ParamBox) -> Option<WeakSign> {
    let vars: Vec<String> = f.num.vars().union(&f.den.vars()).cloned().collect();
    let [name] = vars.as_slice() else {
        return None;
    };
    let range = params.get(name)?;
    let end = |e: &Endpoint| match e {
        Endpoint::Finite { value, closed } => Some((value.clone(), *closed)),
        Endpoint::Infinite => None,
    };
    let (lo, hi) = (end(&range.lo), end(&range.hi));
    let num = f.num.univariate(name)?;
    let den = f.den.univariate(name)?;
    if num.iter().all(|c| c.is_zero()) {
        return Some(WeakSign::Zero);
    }
    for p in [&num, &den] {
        let roots = real_roots(p, lo.as_ref().map(|x| &x.0), hi.as_ref().map(|x| &x.0))?;
        if !roots.rational.is_empty() || !roots.isolated.is_empty() {
            return None;
        }
    }
    let two = Q::from_integer(2.into());
    let sample = match (&lo, &hi) {
        (Some((a, _)), Some((b, _))) => (a + b) / two,
        (Some((a, _)), None) => a + Q::one(),
        (None, Some((b, _))) => b - Q::one(),
        (None, None) => Q::zero(),
    };
    let (n, d) = (eval(&num, &sample), eval(&den, &sample));
    if d.is_zero() || n.is_zero() {
        return None;
    }
    let mut weak = false;
    for (value, closed) in [&lo, &hi].into_iter().flatten() {
        if *closed {
            if eval(&den, value).is_zero() {
                return None;
            }
            weak |= eval(&num, value).is_zero();
        }
    }
    Some(match (n.is_positive() == d.is_positive(), weak) {
        (true, false) => WeakSign::Pos,
        (true, true) => WeakSign::NonNeg,
        (false, false) => WeakSign::Neg,
        (false, true) => WeakSign::NonPos,
    })
}

/// atom^e as a rational function.
fn atom_rational(a: &Atom, e: &Q) -> Option<RatFn> {
    let k = e.is_integer().then(|| e.to_integer().to_i64()).flatten();
    let positive_symbol = || {
        let mut name = format!("{POSITIVE}{a:?}");
        if !e.is_one() {
            name.push_str(&format!("^{e}"));
        }
        Some(RatFn::poly(Poly::var(&name)))
    };
    match a {
        Atom::Param(p) => match k {
            Some(k) => RatFn::poly(Poly::var(p)).powi(k),
            // stored with a fractional exponent only when provably positive
            None => positive_symbol(),
        },
        Atom::Base(s) => match k {
            Some(k) => s.rational_function()?.powi(k),
            None => positive_symbol(),
        },
        Atom::Prime(_) | Atom::Pi | Atom::E | Atom::LogInt(_) | Atom::Exp(_) => positive_symbol(),
        Atom::Log(_) => None,
    }
}

/// The polynomial with every parameter measured from an end of its
/// constraint (a = lo + x or a = hi - x, x >= 0, > 0 at an open end), and
/// the ray of every variable; `None` when a parameter has no finite end.
fn shifted(ps: &[&Poly], params: &ParamBox) -> Option<(Vec<Poly>, BTreeMap<String, Ray>)> {
    let mut out: Vec<Poly> = ps.iter().map(|p| (*p).clone()).collect();
    let mut rays = BTreeMap::new();
    let vars: std::collections::BTreeSet<String> = ps.iter().flat_map(|p| p.vars()).collect();
    for v in vars {
        if v.starts_with(POSITIVE) {
            rays.insert(v, Ray::Pos);
            continue;
        }
        let c = params.get(&v)?;
        let (at, dir, closed) = match (&c.lo, &c.hi) {
            (Endpoint::Finite { value, closed }, _) => (value, 1, *closed),
            (Endpoint::Infinite, Endpoint::Finite { value, closed }) => (value, -1, *closed),
            (Endpoint::Infinite, Endpoint::Infinite) => return None,
        };
        for p in out.iter_mut() {
            *p = p.shift(&v, at, dir)?;
        }
        rays.insert(v, if closed { Ray::NonNeg } else { Ray::Pos });
    }
    Some((out, rays))
}
