//! Square roots of sums of monomials (`Coef::sqrt_sum`), so that
//! `(A^2 + 2A + 1)^(1/2)` meets `A + 1` and `1/(A^2 + 2A + 1)` meets
//! `1/(A + 1)^2`.

use super::{rat_pow_exact, Atom, Coef, Monomial};
use crate::ir::Q;
use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};
use std::collections::BTreeSet;

/// Prime atoms below this size always normalise (see `Coef::ring_exact`):
/// `q_powi` accepts p^1 while p has fewer than 2^20 bits.
const RING_EXACT_PRIME_BITS: u64 = crate::limits::LIMITS.ring_exact_prime_bits;

impl Coef {
    /// A sum T with T*T == self exactly (checked by multiplying out), found
    /// by the square-root algorithm on leading terms in the lexicographic
    /// order of exponent vectors; `None` when no such T is found. The sign
    /// of T is not fixed. Memoised (`cache`).
    pub(super) fn sqrt_sum(&self) -> Option<Coef> {
        if self.terms.len() < 2 || self.terms.len() > 64 {
            return None;
        }
        super::cache::sqrt_sum(self, || self.sqrt_sum_uncached())
    }

    fn sqrt_sum_uncached(&self) -> Option<Coef> {
        let atoms: BTreeSet<Atom> = self.terms.keys().flat_map(|m| m.keys().cloned()).collect();
        let zero = Q::zero();
        // the last term of largest key (as `Iterator::max_by` picks), keys
        // built once per term
        let lead = |c: &Coef| -> Option<Coef> {
            c.terms
                .iter()
                .map(|(m, r)| {
                    let key: Vec<&Q> = atoms.iter().map(|a| m.get(a).unwrap_or(&zero)).collect();
                    (key, m, r)
                })
                .max_by(|x, y| x.0.cmp(&y.0))
                .map(|(_, m, r)| Coef::from_mono(r.clone(), m.clone()))
        };
        let l0 = lead(self)?;
        let (m0, r0) = l0.as_mono()?;
        if !r0.is_positive() {
            return None;
        }
        let half = Q::new(BigInt::one(), BigInt::from(2));
        let r_half = rat_pow_exact(r0, &half).ok()?;
        let mut m_half = Monomial::new();
        for (a, e) in m0 {
            m_half.insert(a.clone(), e * &half);
        }
        let t0 = r_half.mul(&Coef::from_mono(Q::one(), m_half));
        let inv2t0 = t0.scale(&Q::from_integer(BigInt::from(2))).powi(-1).ok()?;
        // In an exact ring, self - (t + d)^2 = (self - t^2) - d (t + (t + d)):
        // the remainder is updated from the last one instead of squaring t
        // again, with the same values (see `ring_exact`).
        let incremental = [self, &t0, &inv2t0].iter().all(|c| c.ring_exact());
        let mut t = t0;
        let mut rest = self.sub(&t.mul(&t));
        for _ in 0..(2 * self.terms.len() + 4) {
            if rest.is_zero() {
                return Some(t);
            }
            let l = lead(&rest)?;
            let d = l.mul(&inv2t0);
            let next = t.add(&d);
            if next.len() > self.terms.len() + 1 {
                return None;
            }
            rest = if incremental {
                rest.sub(&d.mul(&t.add(&next)))
            } else {
                self.sub(&next.mul(&next))
            };
            t = next;
        }
        None
    }

    /// Do sums and products over the atoms of `self` follow the ring laws
    /// exactly, so that two ways of computing one polynomial expression give
    /// the same `Coef`? True without opaque bases (whose `tidy` rewrites
    /// are not ring operations) and when every prime atom has its exponent
    /// normalised into [0, 1) and is small enough that the product of two
    /// such powers is always normalised (`q_powi` of the prime succeeds).
    fn ring_exact(&self) -> bool {
        self.terms
            .keys()
            .flat_map(|m| m.iter())
            .all(|(a, e)| match a {
                Atom::Base(_) => false,
                Atom::Prime(p) => {
                    !e.is_negative() && *e < Q::one() && p.bits() < RING_EXACT_PRIME_BITS
                }
                _ => true,
            })
    }
}
