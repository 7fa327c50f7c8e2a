//! The monomial type of coefficients (`Monomial`: atoms with rational
//! exponents) and the equality and order of atoms, monomials and
//! coefficients. They are the ones `derive` would give (atoms by variant in
//! declaration order, then by content; maps lexicographically), with
//! exponents and rational factors compared by `exact::q::cmp` (the same
//! numeric order as `num_rational`'s without its continued-fraction walk)
//! and a shared nested coefficient (the same `Arc`) equal to itself without
//! a walk: every sum's terms are kept sorted by monomial, and products
//! insert each new monomial by comparisons.

use super::{Atom, Coef};
use crate::exact::q as rat;
use crate::ir::Q;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

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

impl Atom {
    /// The variant's place in the declaration (the order `derive` uses).
    fn rank(&self) -> u8 {
        match self {
            Atom::Prime(_) => 0,
            Atom::Pi => 1,
            Atom::E => 2,
            Atom::LogInt(_) => 3,
            Atom::Param(_) => 4,
            Atom::Log(_) => 5,
            Atom::Exp(_) => 6,
            Atom::Base(_) => 7,
        }
    }
}

/// Two nested coefficients compared: the same `Arc` is equal to itself.
fn cmp_nested(x: &Arc<Coef>, y: &Arc<Coef>) -> Ordering {
    if Arc::ptr_eq(x, y) {
        Ordering::Equal
    } else {
        x.as_ref().cmp(y.as_ref())
    }
}

impl Ord for Atom {
    fn cmp(&self, o: &Atom) -> Ordering {
        match (self, o) {
            (Atom::Prime(x), Atom::Prime(y)) | (Atom::LogInt(x), Atom::LogInt(y)) => x.cmp(y),
            (Atom::Param(x), Atom::Param(y)) => x.cmp(y),
            (Atom::Log(x), Atom::Log(y))
            | (Atom::Exp(x), Atom::Exp(y))
            | (Atom::Base(x), Atom::Base(y)) => cmp_nested(x, y),
            _ => self.rank().cmp(&o.rank()),
        }
    }
}

impl PartialOrd for Atom {
    fn partial_cmp(&self, o: &Atom) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl PartialEq for Atom {
    fn eq(&self, o: &Atom) -> bool {
        match (self, o) {
            (Atom::Prime(x), Atom::Prime(y)) | (Atom::LogInt(x), Atom::LogInt(y)) => x == y,
            (Atom::Param(x), Atom::Param(y)) => x == y,
            (Atom::Log(x), Atom::Log(y))
            | (Atom::Exp(x), Atom::Exp(y))
            | (Atom::Base(x), Atom::Base(y)) => Arc::ptr_eq(x, y) || x.as_ref() == y.as_ref(),
            _ => self.rank() == o.rank(),
        }
    }
}

impl Eq for Atom {}
