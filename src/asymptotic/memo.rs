//! Memos of the engine's answers. `decide`, `exact_zero_difference` and
//! `leading` are pure functions of their inputs (every budget counts work),
//! and lowering, the hypothesis layer, the thresholds and `optimum` ask
//! them again and again about the same expressions. A memo returns the answer computed before, so
//! results never depend on what is cached; it is bounded (emptied when
//! full) and shared by the worker threads.
//!
//! Keys are found by a fingerprint of their expressions and then compared
//! in full (`Eq`), so two inputs sharing a fingerprint never share an answer.
//! `find_map` and `insert` serve a memo whose key holds a state an entry
//! applies to (`replay`: the expansion memo), found by a test of the key
//! and the stored answer together.

use crate::ir::{ClaimKind, Expr, LimitTarget, Range};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

/// Most answers kept by one memo; a full memo is emptied and refilled.
const MEMO_ENTRIES: usize = crate::limits::LIMITS.memo_entries;

/// Fingerprint -> the `(key, answer)` pairs sharing it, and how many pairs
/// are stored in all.
type Table<K, V> = (HashMap<u64, Vec<(K, V)>>, usize);

/// A bounded map from fingerprints to `(key, answer)` pairs.
pub struct Memo<K, V> {
    inner: Mutex<Option<Table<K, V>>>,
}

impl<K: PartialEq, V: Clone> Memo<K, V> {
    pub const fn new() -> Memo<K, V> {
        Memo {
            inner: Mutex::new(None),
        }
    }

    /// The answer stored under the key `is` accepts (fingerprint `fp`), or
    /// `compute()`'s, stored under `make_key()`. `is(k)` must be `k == make_key()`:
    /// the owned key is built only on a miss, so a hit clones nothing but
    /// the answer. The lock is not held while computing.
    pub fn get_or_with(
        &self,
        fp: u64,
        is: impl Fn(&K) -> bool,
        make_key: impl FnOnce() -> K,
        compute: impl FnOnce() -> V,
    ) -> V {
        if let Ok(guard) = self.inner.lock() {
            let hit = guard
                .as_ref()
                .and_then(|(map, _)| map.get(&fp))
                .and_then(|bucket| bucket.iter().find(|(k, _)| is(k)))
                .map(|(_, v)| v.clone());
            if let Some(v) = hit {
                return v;
            }
        }
        let v = compute();
        if let Ok(mut guard) = self.inner.lock() {
            let (map, len) = guard.get_or_insert_with(|| (HashMap::new(), 0));
            if *len >= MEMO_ENTRIES {
                map.clear();
                *len = 0;
            }
            let bucket = map.entry(fp).or_default();
            if !bucket.iter().any(|(k, _)| is(k)) {
                bucket.push((make_key(), v.clone()));
                *len += 1;
            }
        }
        v
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// `pick`'s answer for the first stored pair under fingerprint `fp` it
    /// answers for (the lock is held while `pick` runs: it must not use the
    /// memo).
    pub fn find_map<R>(&self, fp: u64, mut pick: impl FnMut(&K, &V) -> Option<R>) -> Option<R> {
        let guard = self.inner.lock().ok()?;
        let bucket = guard.as_ref()?.0.get(&fp)?;
        bucket.iter().find_map(|(k, v)| pick(k, v))
    }

    /// Store `(key, value)` under fingerprint `fp`, unless an equal key is
    /// stored (a full memo is emptied first).
    pub fn insert(&self, fp: u64, key: K, value: V) {
        if let Ok(mut guard) = self.inner.lock() {
            let (map, len) = guard.get_or_insert_with(|| (HashMap::new(), 0));
            if *len >= MEMO_ENTRIES {
                map.clear();
                *len = 0;
            }
            let bucket = map.entry(fp).or_default();
            if !bucket.iter().any(|(k, _)| *k == key) {
                bucket.push((key, value));
                *len += 1;
            }
        }
    }
}

/// The fast hasher of fingerprints (`exact::fx`).
pub use crate::exact::fx::Fx;

/// Feed the structure of `e` to `h` (iteratively: no recursion depth).
pub fn hash_expr(e: &Expr, h: &mut impl Hasher) {
    hash_expr_nodes(e, h);
}

/// [`hash_expr`], returning the number of nodes of `e`.
pub fn hash_expr_nodes(e: &Expr, h: &mut impl Hasher) -> usize {
    let mut nodes = 0;
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        nodes += 1;
        match x {
            Expr::Var => h.write_u8(0),
            Expr::Num(q) => {
                h.write_u8(1);
                q.hash(h);
            }
            Expr::Pi => h.write_u8(2),
            Expr::Param(p) => {
                h.write_u8(3);
                p.hash(h);
            }
            Expr::Fn(f) => {
                h.write_u8(4);
                f.hash(h);
            }
            Expr::Neg(a) => {
                h.write_u8(5);
                stack.push(a);
            }
            Expr::Add(a, b)
            | Expr::Sub(a, b)
            | Expr::Mul(a, b)
            | Expr::Div(a, b)
            | Expr::Pow(a, b) => {
                let tag = match x {
                    Expr::Add(..) => 6,
                    Expr::Sub(..) => 7,
                    Expr::Mul(..) => 8,
                    Expr::Div(..) => 9,
                    _ => 10,
                };
                h.write_u8(tag);
                stack.push(b);
                stack.push(a);
            }
            Expr::Call(f, args) => {
                h.write_u8(11);
                f.hash(h);
                h.write_usize(args.len());
                stack.extend(args.iter().rev());
            }
            Expr::Opt(o) => {
                h.write_u8(12);
                o.hash(h);
            }
        }
    }
    nodes
}

/// Fingerprint of a claim kind's expressions and shape (parameters and the
/// variable's name are compared in full on a hit, not hashed).
pub fn hash_kind(kind: &ClaimKind, h: &mut DefaultHasher) {
    match kind {
        ClaimKind::Landau { lhs, rhs, .. } => {
            h.write_u8(0);
            hash_expr(lhs, h);
            hash_expr(rhs, h);
        }
        ClaimKind::Similar { lhs, rhs } => {
            h.write_u8(1);
            hash_expr(lhs, h);
            hash_expr(rhs, h);
        }
        ClaimKind::Limit { expr, target } => {
            h.write_u8(2);
            hash_expr(expr, h);
            match target {
                LimitTarget::Finite(l) => hash_expr(l, h),
                LimitTarget::PosInf => h.write_u8(0),
                LimitTarget::NegInf => h.write_u8(1),
            }
        }
        ClaimKind::Ineq {
            lhs, rhs, range, ..
        } => {
            h.write_u8(3);
            hash_expr(lhs, h);
            hash_expr(rhs, h);
            match range {
                Range::Eventually => h.write_u8(0),
                Range::From(e) | Range::At(e) => hash_expr(e, h),
            }
        }
        ClaimKind::Equal { lhs, rhs } | ClaimKind::NotEqual { lhs, rhs } => {
            h.write_u8(4);
            hash_expr(lhs, h);
            hash_expr(rhs, h);
        }
    }
}
