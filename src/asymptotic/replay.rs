//! The run-wide memo of whole power–log expansions (`Ctx`, nesting depth
//! 0), whose hits are exact replays. Every claim of a file expands its
//! sides again, and claims share bounds, so many top-level expansions
//! repeat one already done.
//!
//! What `Ctx` computes for an expression `e` is a function of `e`, the
//! parameter box, the variable's name, the term budget `k` and the state
//! of the context before the call: the work spent, `eventual_only` and the
//! sign memo (whose sign hints `known_sign` reads). An entry keeps all of
//! that and what the expansion did: its result, the work it spent, and
//! `eventual_only` and the sign memo after it. A hit puts that state in
//! the context and returns the result: bit for bit what computing would
//! have returned and left.
//! - The expression, the box, the variable's name, `k`, `eventual_only`
//!   and the whole sign memo are compared for equality (the memo entry by
//!   entry, not by a hash).
//! - The work: an expansion reads it only through its charges, which fail
//!   once it passes the limit and never lower it. A run from `w0` that
//!   spent `spent` and ended within the limit met no failing charge, so
//!   the run from any `w` with `w + spent` within the limit is the same
//!   run, ending at `w + spent`; otherwise the entry needs `w == w0`.
//!
//! The only other effect of an expansion is the sign questions it notes
//! while `sign_questions` collects them: that run computes every expansion
//! and leaves the memo alone. The coefficient caches an expansion fills
//! are pure. Entries are found by a fingerprint of the expression and `k`
//! and then compared in full; every entry that applies replays the same
//! run, so which one is found, and what the worker threads stored before,
//! changes no result. An expansion that panics stores nothing. Only whole
//! expressions are kept: a part's state before includes what the parts
//! before it wrote to the sign memo, and on the reference input keeping
//! parts as well saved hardly more than its bookkeeping cost.

use super::coef::Coef;
use super::memo::{self, Memo};
use super::scale::Scale;
use super::series::{Ctx, Fail, Series};
use crate::exact::Sign;
use crate::ir::{Expr, ParamBox};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hasher};
use std::sync::Arc;

/// The sign memo of a context.
type Signs = BTreeMap<Coef, Option<Sign>>;

/// What an entry requires of the call and of the context's state.
#[derive(PartialEq)]
struct Before {
    e: Expr,
    params: ParamBox,
    var: String,
    k: usize,
    work: u64,
    eventual_only: bool,
    signs: Signs,
}

/// What the expansion returned and the state it left: the work it spent,
/// `eventual_only` and the sign memo after it.
struct After {
    result: Result<Series, Fail>,
    spent: u64,
    eventual_only: bool,
    signs: Signs,
}

/// The memo, shared by the worker threads.
static MEMO: Memo<Before, Arc<After>> = Memo::new();

/// Does the entry `(b, a)` replay the expansion of `e` from `cx`'s state?
fn applies(b: &Before, a: &After, e: &Expr, cx: &Ctx) -> bool {
    let (work, eventual_only) = cx.state();
    let limit = <Ctx as Scale>::WORK_LIMIT;
    let within = |w: u64| w.checked_add(a.spent).is_some_and(|t| t <= limit);
    b.k == cx.k
        && b.eventual_only == eventual_only
        && (b.work == work || (within(b.work) && within(work)))
        && b.var == cx.var
        && b.params == *cx.params
        && b.e == *e
        && b.signs == *cx.signs()
}

/// `walk(cx)`, the expansion of `e` at depth 0, or its replay from the memo.
pub(super) fn expand<'a>(
    cx: &mut Ctx<'a>,
    e: &Expr,
    walk: impl FnOnce(&mut Ctx<'a>) -> Result<Series, Fail>,
) -> Result<Series, Fail> {
    if super::collecting_questions() {
        return walk(cx);
    }
    let mut h = DefaultHasher::new();
    memo::hash_expr(e, &mut h);
    h.write_usize(cx.k);
    let fp = h.finish();
    let (work, eventual_only) = cx.state();
    let hit = MEMO.find_map(fp, |b, a| applies(b, a, e, cx).then(|| Arc::clone(a)));
    if let Some(a) = hit {
        cx.restore(&a.signs, work + a.spent, a.eventual_only);
        return a.result.clone();
    }
    let signs = cx.signs().clone();
    let result = walk(cx);
    let (after_work, after_eventual) = cx.state();
    let before = Before {
        e: e.clone(),
        params: cx.params.clone(),
        var: cx.var.to_string(),
        k: cx.k,
        work,
        eventual_only,
        signs,
    };
    let after = After {
        result: result.clone(),
        spent: after_work.saturating_sub(work),
        eventual_only: after_eventual,
        signs: cx.signs().clone(),
    };
    MEMO.insert(fp, before, Arc::new(after));
    result
}
