//! The run-wide memo of whole power–log expansions (`Ctx`, nesting depth
//! 0), whose hits are exact replays. Every claim of a file expands its
//! sides again (at every term budget, and in every claim that shares a
//! bound), so most top-level expansions repeat one already done.
//!
//! What `Ctx` computes for an expression `e` is a function of `e`, the
//! parameter box, the variable's name, the term budget `k` and the state
//! of the context before the call: the work spent, `eventual_only` and
//! the sign memo (whose sign hints `known_sign` reads). An entry keeps all
//! of that and what the expansion did: its result, the work it spent, the
//! `eventual_only` after it and the sign entries it wrote. A hit applies
//! them to the context and returns the result, so it leaves and returns
//! bit for bit what computing would have:
//! - the sign memo is compared on the entries the expansion looked up
//!   (each with its value before, or absent), in full: the expansion reads
//!   no other entry, and it writes only entries it looked up while absent;
//! - the work: the expansion reads it only through its charges, which fail
//!   once it passes the limit and never lower it, so a run from `w0` that
//!   spent `spent` and ended within the limit spends the same from any
//!   `w` with `w + spent` within the limit; otherwise `w` must equal `w0`;
//! - `eventual_only`, `k`, the parameter box, the variable's name and the
//!   expression are compared for equality.
//!
//! The only other effect of an expansion is the sign questions noted while
//! `sign_questions` collects them; that run computes without the memo.
//! The coefficient caches it fills are pure. Entries are found by a
//! fingerprint of the expression and `k` and then compared in full; any
//! entry that applies gives the same replay, so what the worker threads
//! share changes no result. An expansion that panics stores nothing.

use super::coef::Coef;
use super::memo::{self, Memo};
use super::scale::Scale;
use super::series::{Ctx, Fail, Reads, Series};
use crate::exact::Sign;
use crate::ir::{Expr, ParamBox};
use std::hash::{DefaultHasher, Hasher};
use std::sync::Arc;

/// What an entry requires of the call and of the context's state.
#[derive(PartialEq)]
struct Before {
    e: Expr,
    params: ParamBox,
    var: String,
    k: usize,
    work: u64,
    eventual_only: bool,
    reads: Reads,
}

/// What the expansion returned and did to the context.
struct After {
    result: Result<Series, Fail>,
    spent: u64,
    eventual_only: bool,
    writes: Vec<(Coef, Option<Sign>)>,
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
        && cx.signs_agree(&b.reads)
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
    let hit = MEMO.find_map(fp, |b, a| {
        applies(b, a, e, cx).then(|| {
            cx.join_reads(&b.reads);
            Arc::clone(a)
        })
    });
    if let Some(a) = hit {
        cx.apply(&a.writes, work + a.spent, a.eventual_only);
        return a.result.clone();
    }
    cx.open_record();
    let result = walk(cx);
    let (reads, writes) = cx.close_record();
    let (after_work, after_eventual) = cx.state();
    let before = Before {
        e: e.clone(),
        params: cx.params.clone(),
        var: cx.var.to_string(),
        k: cx.k,
        work,
        eventual_only,
        reads,
    };
    let after = After {
        result: result.clone(),
        spent: after_work.saturating_sub(work),
        eventual_only: after_eventual,
        writes,
    };
    MEMO.insert(fp, before, Arc::new(after));
    result
}
