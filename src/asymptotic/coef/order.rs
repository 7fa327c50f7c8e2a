//! The monomial type of coefficients (`Monomial`: atoms with rational
//! exponents) and the equality and order of monomials and coefficients.
//! Both are the lexicographic ones of the underlying maps (what `derive`
//! would give), with exponents and rational factors compared by
//! `exact::q::cmp`, the same numeric order as `num_rational`'s without its
//! continued-fraction walk: every sum's terms are kept sorted by monomial,
//! and products insert each new monomial by comparisons.

use super::{Atom, Coef};
use crate::exact::q as rat;
use crate::ir::Q;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};

/// A product of atoms with rational exponents.
#[derive(Clone, Debug, Default)]
pub struct Monomial(BTreeMap<Atom, Q>);

impl Monomial {
    pub fn new() -> Monomial {
        Monomial(BTreeMap::new())
    }
}

impl Deref for Monomial {
    type Target = BTreeMap<Atom, Q>;
    fn deref(&self) -> &BTreeMap<Atom, Q> {
        &self.0
    }
}

impl DerefMut for Monomial {
    fn deref_mut(&mut self) -> &mut BTreeMap<Atom, Q> {
        &mut self.0
    }
}

impl FromIterator<(Atom, Q)> for Monomial {
    fn from_iter<I: IntoIterator<Item = (Atom, Q)>>(it: I) -> Monomial {
        Monomial(it.into_iter().collect())
    }
}

impl IntoIterator for Monomial {
    type Item = (Atom, Q);
    type IntoIter = std::collections::btree_map::IntoIter<Atom, Q>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Monomial {
    type Item = (&'a Atom, &'a Q);
    type IntoIter = std::collections::btree_map::Iter<'a, Atom, Q>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Lexicographic comparison of two sorted maps with rational values, keys
/// first (as `BTreeMap`'s `Ord` compares its `(key, value)` pairs).
fn cmp_maps<K: Ord>(a: &BTreeMap<K, Q>, b: &BTreeMap<K, Q>) -> Ordering {
    let (mut x, mut y) = (a.iter(), b.iter());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some((ka, va)), Some((kb, vb))) => {
                let c = ka.cmp(kb).then_with(|| rat::cmp(va, vb));
                if c != Ordering::Equal {
                    return c;
                }
            }
        }
    }
}

/// Equality of two sorted maps with rational values.
fn eq_maps<K: Eq>(a: &BTreeMap<K, Q>, b: &BTreeMap<K, Q>) -> bool {
    a.len() == b.len()
        && a
            .iter()
            .zip(b.iter())
            .all(|((ka, va), (kb, vb))| ka == kb && rat::cmp(va, vb).is_eq())
}

impl PartialEq for Monomial {
    fn eq(&self, o: &Monomial) -> bool {
        eq_maps(&self.0, &o.0)
    }
}

impl Eq for Monomial {}

impl Ord for Monomial {
    fn cmp(&self, o: &Monomial) -> Ordering {
        cmp_maps(&self.0, &o.0)
    }
}

impl PartialOrd for Monomial {
    fn partial_cmp(&self, o: &Monomial) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl PartialEq for Coef {
    fn eq(&self, o: &Coef) -> bool {
        eq_maps(&self.terms, &o.terms)
    }
}

impl Eq for Coef {}

impl Ord for Coef {
    fn cmp(&self, o: &Coef) -> Ordering {
        cmp_maps(&self.terms, &o.terms)
    }
}

impl PartialOrd for Coef {
    fn partial_cmp(&self, o: &Coef) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
