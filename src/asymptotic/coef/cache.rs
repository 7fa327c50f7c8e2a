//! Per-thread memos of the pure coefficient functions that the expansions
//! ask again and again with the same input: every term budget of a claim
//! (4 to 64 terms) and every claim about the same expression re-expands it,
//! and each expansion inverts the same leading coefficients and takes the
//! same square roots. A memo only returns what the function computed for an
//! equal input before, so answers never depend on what is cached; work
//! budgets count series operations, never coefficient ones, so they do not
//! either. Each memo is bounded (emptied when full).

use super::Coef;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Most entries kept by one memo; a full memo is emptied and refilled.
const ENTRIES: usize = 2048;

/// Coefficients with more monomials than this are computed, not stored.
const MAX_STORED_LEN: usize = 64;

/// Products by first factor, then by second factor.
type Products = BTreeMap<Coef, BTreeMap<Coef, Coef>>;

thread_local! {
    /// `Coef::sqrt_sum`, keyed on the coefficient: the square-root
    /// algorithm reads nothing but its monomials and their rationals.
    static SQRT_SUM: RefCell<BTreeMap<Coef, Option<Coef>>> = const { RefCell::new(BTreeMap::new()) };
    /// `Coef::powi` of a sum (two or more monomials), keyed on the sum and
    /// the exponent: the power reads nothing else (no parameter box).
    static POWI: RefCell<BTreeMap<(Coef, i64), Result<Coef, String>>> = const { RefCell::new(BTreeMap::new()) };
    /// `Coef::mul`, keyed on both factors in order (the first, then the
    /// second, so that a lookup borrows both): the product reads nothing
    /// else. The count is of stored products.
    static MUL: RefCell<(Products, usize)> = const { RefCell::new((BTreeMap::new(), 0)) };
}

/// The stored value for `key`, or `compute()`'s, stored. The table is not
/// borrowed while computing (the functions call each other).
fn get_or<K: Ord + Clone, V: Clone>(
    table: &'static std::thread::LocalKey<RefCell<BTreeMap<K, V>>>,
    key: &K,
    compute: impl FnOnce() -> V,
) -> V {
    if let Some(v) = table.with(|t| t.borrow().get(key).cloned()) {
        return v;
    }
    let v = compute();
    table.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() >= ENTRIES {
            t.clear();
        }
        t.insert(key.clone(), v.clone());
    });
    v
}

/// `c.sqrt_sum()` through the memo (`compute` is the algorithm itself).
pub(super) fn sqrt_sum(c: &Coef, compute: impl FnOnce() -> Option<Coef>) -> Option<Coef> {
    if c.len() > MAX_STORED_LEN {
        return compute();
    }
    get_or(&SQRT_SUM, c, compute)
}

/// `c.powi(k)` of a sum through the memo (`compute` is the power itself).
pub(super) fn powi(
    c: &Coef,
    k: i64,
    compute: impl FnOnce() -> Result<Coef, String>,
) -> Result<Coef, String> {
    if c.len() > MAX_STORED_LEN {
        return compute();
    }
    let key = (c.clone(), k);
    get_or(&POWI, &key, compute)
}

/// `a.mul(b)` through the memo (`compute` is the product itself).
pub(super) fn mul(a: &Coef, b: &Coef, compute: impl FnOnce() -> Coef) -> Coef {
    if a.len() > MAX_STORED_LEN || b.len() > MAX_STORED_LEN {
        return compute();
    }
    let hit = MUL.with(|t| t.borrow().0.get(a).and_then(|row| row.get(b)).cloned());
    if let Some(v) = hit {
        return v;
    }
    let v = compute();
    MUL.with(|t| {
        let (map, len) = &mut *t.borrow_mut();
        if *len >= ENTRIES {
            map.clear();
            *len = 0;
        }
        if map
            .entry(a.clone())
            .or_default()
            .insert(b.clone(), v.clone())
            .is_none()
        {
            *len += 1;
        }
    });
    v
}
