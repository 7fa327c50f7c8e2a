//! Series arithmetic written once over the `Scale` trait (the `Arith`
//! extension, implemented for every scale): merging into a truncated
//! expansion with a term budget, add, sub, mul with the error term carried,
//! multiplication by an exact term, power series of an o(1) argument with
//! the tail bounded, the split a = c * m * (1 + eps), reciprocals and the
//! leading sign. Monomial products, powers, comparisons and merging are the
//! scale's; every step spends work from the scale's budget.

use super::coef::Coef;
use super::scale::{Fail, Monomial, Scale, Series};
use crate::exact::Sign;
use crate::ir::{Cause, Expr, Q};
use std::cmp::Ordering;

/// Largest coefficient (number of monomials) kept in a product.
pub const MAX_COEF: usize = crate::limits::LIMITS.coef_terms;

/// The product of two signs.
pub fn sign_mul(a: Sign, b: Sign) -> Sign {
    match (a, b) {
        (Sign::Zero, _) | (_, Sign::Zero) => Sign::Zero,
        (x, y) if x == y => Sign::Pos,
        _ => Sign::Neg,
    }
}

/// Coefficients of 1/(1 + eps) = sum (-eps)^k.
pub fn recip_coeff(k: usize) -> Q {
    if k.is_multiple_of(2) {
        Q::one()
    } else {
        -Q::one()
    }
}

/// Coefficients of log(1 + eps) = sum (-1)^(k+1) eps^k / k (none at k = 0).
pub fn log1p_coeff(k: usize) -> Q {
    if k == 0 {
        Q::zero()
    } else {
        let r = Q::new(BigInt::one(), BigInt::from(k as u64));
        if k % 2 == 1 {
            r
        } else {
            -r
        }
    }
}

/// Coefficients of exp(eps) = sum eps^k / k!.
pub fn exp_coeff(k: usize) -> Q {
    let mut f = Q::one();
    for i in 1..=k {
        f /= Q::from_integer(BigInt::from(i as u64));
    }
    f
}

/// binom(q, k) = q (q-1) ... (q-k+1) / k!.
pub fn binom(q: &Q, k: usize) -> Q {
    let mut r = Q::one();
    for i in 0..k {
        let iq = Q::from_integer(BigInt::from(i as u64));
        r = r * (q - &iq) / (&iq + Q::one());
    }
    r
}

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

/// The series operations every scale gets from its primitives.
pub trait Arith: Scale {
    /// The larger of two optional monomials (`None` is below everything).
    fn max_mono(
        &mut self,
        a: Option<Self::M>,
        b: Option<Self::M>,
    ) -> Result<Option<Self::M>, Fail> {
        Ok(match (a, b) {
            (Some(x), Some(y)) => Some(if self.cmp(&x, &y)? == Ordering::Less {
                y
            } else {
                x
            }),
            (x, None) => x,
            (None, y) => y,
        })
    }

    /// Rebuild from unsorted terms: merge, drop zeros and terms at or below
    /// the error, keep at most `k` terms (the first dropped term becomes the
    /// error).
    fn build(
        &mut self,
        raw: Vec<(Self::M, Coef)>,
        err: Option<Self::M>,
        k: usize,
    ) -> Result<Series<Self::M>, Fail> {
        let merged = self.merge(raw, err.as_ref())?;
        let mut terms = Vec::with_capacity(merged.len());
        for (m, c) in merged {
            if let Some(e) = &err {
                if self.cmp(&m, e)? != Ordering::Greater {
                    break; // sorted: every later term is smaller still
                }
            }
            terms.push((m, c));
        }
        let mut err = err;
        if terms.len() > k {
            let dropped = terms[k].0.clone();
            terms.truncate(k);
            err = Some(dropped);
        }
        Ok(Series { terms, err })
    }

    fn add(&mut self, a: &Series<Self::M>, b: &Series<Self::M>) -> Result<Series<Self::M>, Fail> {
        self.charge((a.terms.len() + b.terms.len()) as u64)?;
        let mut raw = a.terms.clone();
        raw.extend(b.terms.iter().cloned());
        let err = self.max_mono(a.err.clone(), b.err.clone())?;
        let k = self.k();
        self.build(raw, err, k)
    }

    fn sub(&mut self, a: &Series<Self::M>, b: &Series<Self::M>) -> Result<Series<Self::M>, Fail> {
        let nb = b.neg();
        if Self::SIGN_HINTS {
            if let (Some((_, cb)), Some((_, ncb))) = (b.terms.first(), nb.terms.first()) {
                if let Some(s) = self.known_sign(cb) {
                    self.hint(ncb, sign_mul(s, Sign::Neg));
                }
            }
        }
        self.add(a, &nb)
    }

    fn mul(&mut self, a: &Series<Self::M>, b: &Series<Self::M>) -> Result<Series<Self::M>, Fail> {
        if a.is_zero() || b.is_zero() {
            return Ok(Series::zero());
        }
        let mut err = None;
        if let (Some(ea), Some(ub)) = (&a.err, b.ub()) {
            let x = self.mono_mul(ea, &ub)?;
            err = self.max_mono(err, Some(x))?;
        }
        if let (Some(eb), Some(ua)) = (&b.err, a.ub()) {
            let x = self.mono_mul(eb, &ua)?;
            err = self.max_mono(err, Some(x))?;
        }
        let mut raw = Vec::new();
        for (ma, ca) in &a.terms {
            for (mb, cb) in &b.terms {
                let units = (ca.len() * cb.len()) as u64 + 1;
                if Self::CHARGES_SKIPPED_PRODUCTS {
                    self.charge(units)?;
                }
                let m = self.mono_mul(ma, mb)?;
                if let Some(e) = &err {
                    if self.cmp(&m, e)? != Ordering::Greater {
                        continue;
                    }
                }
                if !Self::CHARGES_SKIPPED_PRODUCTS {
                    self.charge(units)?;
                }
                let c = ca.mul(cb);
                if c.len() > MAX_COEF {
                    return Err(Fail::Unknown(Cause::Budget(
                        crate::ir::Budget::CoefficientSize,
                    )));
                }
                raw.push((m, c));
            }
        }
        let k = self.k();
        let out = self.build(raw, err, k)?;
        if Self::SIGN_HINTS {
            // the leading coefficient of a product is the product of the leading ones
            if let (Some((ma, ca)), Some((mb, cb)), Some((m, c))) =
                (a.terms.first(), b.terms.first(), out.terms.first())
            {
                if *m == self.mono_mul(ma, mb)? {
                    if let (Some(sa), Some(sb)) = (self.known_sign(ca), self.known_sign(cb)) {
                        self.hint(c, sign_mul(sa, sb));
                    }
                }
            }
        }
        Ok(out)
    }

    /// Multiply by the exact term c * m (c != 0).
    fn mul_term(
        &mut self,
        s: &Series<Self::M>,
        m: &Self::M,
        c: &Coef,
    ) -> Result<Series<Self::M>, Fail> {
        self.mul_term_parts(&s.terms, s.err.as_ref(), m, c)
    }

    /// (terms + O(err)) * c * m.
    fn mul_term_parts(
        &mut self,
        ts: &[(Self::M, Coef)],
        err: Option<&Self::M>,
        m: &Self::M,
        c: &Coef,
    ) -> Result<Series<Self::M>, Fail> {
        let mut terms = Vec::with_capacity(ts.len());
        for (t, x) in ts {
            let y = x.mul(c);
            if !y.is_zero() {
                terms.push((self.mono_mul(t, m)?, y));
            }
        }
        let err = match err {
            Some(e) => Some(self.mono_mul(e, m)?),
            None => None,
        };
        Ok(Series { terms, err })
    }

    /// sum_k a_k eps^k for eps = o(1) (a_0 included), the tail bounded by
    /// O(ub(eps)^(K+1)) where the loop stops.
    fn power_series(
        &mut self,
        eps: &Series<Self::M>,
        coeff: &dyn Fn(usize) -> Q,
    ) -> Result<Series<Self::M>, Fail> {
        let mut sum = Series::constant(Coef::rat(coeff(0)));
        let Some(u) = eps.ub() else {
            return Ok(sum);
        };
        self.note_infinite();
        if self.cmp(&u, &Self::M::one())? != Ordering::Less {
            return Err(Fail::other("internal: series argument is not o(1)".into()));
        }
        let mut p = Series::constant(Coef::one());
        let kmax = self.k();
        for k in 1..=kmax {
            p = self.mul(&p, eps)?;
            let ak = coeff(k);
            if !ak.is_zero() {
                let term = Series {
                    terms: p
                        .terms
                        .iter()
                        .map(|(m, c)| (m.clone(), c.scale(&ak)))
                        .collect(),
                    err: p.err.clone(),
                };
                sum = self.add(&sum, &term)?;
            }
            let next = self.mono_powi(&u, k as i64 + 1)?;
            if let Some(e) = &sum.err {
                if self.cmp(&next, e)? != Ordering::Greater {
                    return Ok(sum);
                }
            }
        }
        let tail = self.mono_powi(&u, kmax as i64 + 1)?;
        let err = self.max_mono(sum.err.clone(), Some(tail))?;
        self.build(sum.terms, err, kmax)
    }

    /// Split a = c * m * (1 + eps): (m, c, 1/c, sign of c, eps); needs a
    /// leading term.
    #[allow(clippy::type_complexity)]
    fn split(
        &mut self,
        a: &Series<Self::M>,
    ) -> Result<(Self::M, Coef, Coef, Sign, Series<Self::M>), Fail> {
        let Some((m0, c0)) = a.terms.first().cloned() else {
            return Err(Fail::NeedMore);
        };
        let s = self.sign_or_fail(&c0)?;
        if s == Sign::Zero {
            return Err(Fail::other("internal: zero leading coefficient".into()));
        }
        let inv = c0
            .powi(-1)
            .map_err(|e| Fail::other(format!("cannot invert {}: {e}", c0.to_expr())))?;
        if Self::SIGN_HINTS {
            self.hint(&inv, s);
        }
        let minv = self.mono_powi(&m0, -1)?;
        let eps = self.mul_term_parts(&a.terms[1..], a.err.as_ref(), &minv, &inv)?;
        Ok((m0, c0, inv, s, eps))
    }

    /// 1/a; `what` names the expression for domain errors.
    fn recip(&mut self, a: &Series<Self::M>, what: &Expr) -> Result<Series<Self::M>, Fail> {
        if a.is_zero() {
            return Err(Fail::Domain(format!(
                "division by {what}, which is identically 0",
                what = what.display(self.var())
            )));
        }
        let (m0, _c0, inv, _, eps) = self.split(a)?;
        let s = self.power_series(&eps, &recip_coeff)?;
        let minv = self.mono_powi(&m0, -1)?;
        self.mul_term(&s, &minv, &inv)
    }

    /// a^q where every scale answers alike: q = 0 gives 1 (x^0 = 1 needs
    /// x != 0 at every n, sure only for a non-zero constant: else 0^0 may
    /// occur, e.g. (n - 1)^0 at n = 1, and the result is eventual only);
    /// a = 0 gives 0 for q > 0 and a domain error for q < 0. `None`: a
    /// non-zero series and q != 0.
    fn powq_trivial(
        &mut self,
        a: &Series<Self::M>,
        q: &Q,
        what: &Expr,
    ) -> Option<Result<Series<Self::M>, Fail>> {
        if q.is_zero() {
            if a.as_constant().is_none_or(|c| c.is_zero()) {
                self.set_eventual_only();
            }
            return Some(Ok(Series::constant(Coef::one())));
        }
        if a.is_zero() {
            return Some(if q.is_positive() {
                Ok(Series::zero())
            } else {
                Err(Fail::Domain(format!(
                    "division by {what}, which is identically 0",
                    what = what.display(self.var())
                )))
            });
        }
        None
    }

    /// The sign of the leading term (Zero for an exactly zero series).
    fn lead_sign(&mut self, a: &Series<Self::M>) -> Result<Sign, Fail> {
        if a.is_zero() {
            return Ok(Sign::Zero);
        }
        let Some((_, c)) = a.terms.first().cloned() else {
            return Err(Fail::NeedMore);
        };
        self.sign_or_fail(&c)
    }
}

impl<C: Scale> Arith for C {}
