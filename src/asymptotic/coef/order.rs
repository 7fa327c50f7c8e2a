//! The monomial type of coefficients (`Monomial`: atoms with rational
//! exponents) and the equality and order of atoms, monomials and
//! coefficients. They are the ones `derive` would give (atoms by variant in
//! declaration order, then by content; maps lexicographically), with
//! exponents and rational factors compared by `exact::q::cmp` (the same
//! numeric order as `num_rational`'s without its continued-fraction walk)
//! and a shared nested coefficient (the same `Arc`) equal to itself without
//! a walk: every sum's terms are kept sorted by monomial, and products
//! sort their new monomials by comparisons.

use super::{Atom, Coef};
use crate::exact::q as rat;
use crate::ir::Q;
use num_traits::Zero;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A product of atoms with rational exponents: `(atom, exponent)` pairs
/// sorted by atom, each atom once (a small sorted vector: monomials have a
/// few atoms, and are built, compared and dropped in every product).
#[derive(Clone, Debug, Default)]
pub struct Monomial(Vec<(Atom, Q)>);

/// A pair of a monomial as references (what its iterators yield).
fn pair(p: &(Atom, Q)) -> (&Atom, &Q) {
    (&p.0, &p.1)
}

type Iter<'a> = std::iter::Map<std::slice::Iter<'a, (Atom, Q)>, fn(&(Atom, Q)) -> (&Atom, &Q)>;

impl Monomial {
    pub fn new() -> Monomial {
        Monomial(Vec::new())
    }
    fn find(&self, a: &Atom) -> Result<usize, usize> {
        self.0.binary_search_by(|(x, _)| x.cmp(a))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn iter(&self) -> Iter<'_> {
        self.0.iter().map(pair as fn(&(Atom, Q)) -> (&Atom, &Q))
    }
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Atom> + Clone {
        self.0.iter().map(|(a, _)| a)
    }
    pub fn get(&self, a: &Atom) -> Option<&Q> {
        self.find(a).ok().map(|i| &self.0[i].1)
    }
    pub fn get_mut(&mut self, a: &Atom) -> Option<&mut Q> {
        self.find(a).ok().map(|i| &mut self.0[i].1)
    }
    /// Set the exponent of `a`; the old one, if any.
    pub fn insert(&mut self, a: Atom, e: Q) -> Option<Q> {
        match self.find(&a) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, e)),
            Err(i) => {
                self.0.insert(i, (a, e));
                None
            }
        }
    }
    pub fn remove(&mut self, a: &Atom) -> Option<Q> {
        self.find(a).ok().map(|i| self.0.remove(i).1)
    }
    /// The exponent of `a`, inserted as 0 when absent.
    pub fn exponent_mut(&mut self, a: Atom) -> &mut Q {
        let i = match self.find(&a) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (a, Q::zero()));
                i
            }
        };
        &mut self.0[i].1
    }
}

/// Collected pairs are sorted by atom; of equal atoms the last is kept (as
/// collecting into a map would).
impl FromIterator<(Atom, Q)> for Monomial {
    fn from_iter<I: IntoIterator<Item = (Atom, Q)>>(it: I) -> Monomial {
        let mut v: Vec<(Atom, Q)> = it.into_iter().collect();
        if !v.is_sorted_by(|x, y| x.0 < y.0) {
            v.sort_by(|x, y| x.0.cmp(&y.0));
            let mut out: Vec<(Atom, Q)> = Vec::with_capacity(v.len());
            for p in v {
                match out.last_mut() {
                    Some(last) if last.0 == p.0 => *last = p,
                    _ => out.push(p),
                }
            }
            v = out;
        }
        Monomial(v)
    }
}

impl IntoIterator for Monomial {
    type Item = (Atom, Q);
    type IntoIter = std::vec::IntoIter<(Atom, Q)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Monomial {
    type Item = (&'a Atom, &'a Q);
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Lexicographic comparison of two sorted sequences of `(key, rational)`
/// pairs, keys first (as `BTreeMap`'s `Ord` compares its pairs).
fn cmp_pairs<'a, K: Ord + 'a>(
    mut x: impl Iterator<Item = (&'a K, &'a Q)>,
    mut y: impl Iterator<Item = (&'a K, &'a Q)>,
) -> Ordering {
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
        && a.iter()
            .zip(b.iter())
            .all(|((ka, va), (kb, vb))| ka == kb && rat::cmp(va, vb).is_eq())
}

impl PartialEq for Monomial {
    fn eq(&self, o: &Monomial) -> bool {
        self.len() == o.len()
            && self
                .0
                .iter()
                .zip(o.0.iter())
                .all(|((ka, va), (kb, vb))| ka == kb && rat::cmp(va, vb).is_eq())
    }
}

impl Eq for Monomial {}

impl Ord for Monomial {
    fn cmp(&self, o: &Monomial) -> Ordering {
        cmp_pairs(self.iter(), o.iter())
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
        cmp_pairs(self.terms.iter(), o.terms.iter())
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
