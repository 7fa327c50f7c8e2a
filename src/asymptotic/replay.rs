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
use std::hash::Hasher;
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

/// Expressions of fewer nodes are expanded for less than a look-up costs.
const MIN_NODES: usize = 4;

/// The fingerprint of an entry (the expression's and `k`) and the number of
/// nodes of the expression.
fn fingerprint(e: &Expr, k: usize) -> (u64, usize) {
    let mut h = memo::Fx::default();
    let nodes = memo::hash_expr_nodes(e, &mut h);
    h.write_usize(k);
    (h.finish(), nodes)
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
    let (fp, nodes) = fingerprint(e, cx.k);
    if nodes < MIN_NODES {
        return walk(cx);
    }
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

#[cfg(test)]
mod tests {
    use super::super::expand::Expand;
    use super::super::tests::{ex, params};
    use super::*;
    use crate::ir::{Budget, Cause, ClaimKind, Landau};

    /// Does a stored entry replay the expansion of `e` from `cx`'s state?
    fn stored(cx: &Ctx, e: &Expr) -> bool {
        MEMO.find_map(fingerprint(e, cx.k).0, |b, a| {
            applies(b, a, e, cx).then_some(())
        })
        .is_some()
    }

    /// The result and the whole state after it: work, `eventual_only`, signs.
    type Run = (Result<Series, Fail>, (u64, bool), Signs);

    fn run(cx: &mut Ctx, e: &Expr, memo: bool) -> Run {
        let r = if memo {
            cx.expand(e, 0)
        } else {
            cx.expand_walk(e, 0)
        };
        (r, cx.state(), cx.signs().clone())
    }

    // The parameter names of each test are its own, so that no other test
    // stores an entry for its expressions.

    #[test]
    fn a_hit_returns_and_leaves_what_computing_does() {
        let pb = params("xr_d>0; xr_delta(0,1)");
        let e = ex("sqrt((xr_d*log(n) + log(1/xr_delta))/n) + 1/(xr_d*n)");
        let fresh = run(&mut Ctx::resume(&pb, "n", 4, 0), &e, false);
        let (r0, (spent, ev0), signs0) = &fresh;
        assert!(r0.is_ok() && *spent > 0 && !ev0 && !signs0.is_empty());
        // the first call stores, the second replays
        assert_eq!(run(&mut Ctx::resume(&pb, "n", 4, 0), &e, true), fresh);
        let mut cx = Ctx::resume(&pb, "n", 4, 0);
        assert!(stored(&cx, &e));
        assert_eq!(run(&mut cx, &e, true), fresh);
        // work already spent, within the limit after the expansion: the same
        // run, its work counted on top
        let mut cx = Ctx::resume(&pb, "n", 4, 1000);
        assert!(stored(&cx, &e));
        assert_eq!(
            run(&mut cx, &e, true),
            (r0.clone(), (1000 + spent, false), signs0.clone())
        );
        // another term budget is another expansion
        assert!(!stored(&Ctx::resume(&pb, "n", 8, 0), &e));
    }

    #[test]
    fn another_state_before_is_not_replayed() {
        let pb = params("xs_a; xs_b>0");
        let e = ex("sqrt(xs_a*n)");
        // a free parameter: sqrt(xs_a*n) needs the sign of xs_a
        let bare = run(&mut Ctx::resume(&pb, "n", 4, 0), &e, true);
        assert!(matches!(bare.0, Err(Fail::Unknown(Cause::Sign(_)))));
        // a sign hint in the memo before: the expansion goes through
        let hinted = || {
            let mut cx = Ctx::resume(&pb, "n", 4, 0);
            cx.hint(&Coef::param("xs_a"), Sign::Pos);
            cx
        };
        let mut cx = hinted();
        assert!(!stored(&cx, &e));
        let r = run(&mut cx, &e, true);
        assert!(r.0.is_ok());
        assert_eq!(r, run(&mut hinted(), &e, false));
        assert!(stored(&hinted(), &e));
        // eventual_only set before: stored apart, and it stays set
        let marked = || {
            let mut cx = Ctx::resume(&pb, "n", 4, 0);
            cx.set_eventual_only();
            cx
        };
        let f = ex("sqrt(xs_b*n) + log(n)");
        let plain = run(&mut Ctx::resume(&pb, "n", 4, 0), &f, true);
        assert!(!plain.1 .1);
        let mut cx = marked();
        assert!(!stored(&cx, &f));
        let r = run(&mut cx, &f, true);
        assert_eq!(r, run(&mut marked(), &f, false));
        assert!(r.1 .1 && r.0 == plain.0);
        // work close to the limit: the expansion runs out of work, which a
        // run from less work never did
        let limit = <Ctx as Scale>::WORK_LIMIT;
        let mut cx = Ctx::resume(&pb, "n", 4, limit - 1);
        assert!(!stored(&cx, &f));
        let r = run(&mut cx, &f, true);
        assert_eq!(r.0, Err(Fail::Unknown(Cause::Budget(Budget::Work))));
        assert_eq!(r, run(&mut Ctx::resume(&pb, "n", 4, limit - 1), &f, false));
        // ... and the same start replays that failure
        let mut cx = Ctx::resume(&pb, "n", 4, limit - 1);
        assert!(stored(&cx, &f));
        assert_eq!(run(&mut cx, &f, true), r);
    }

    #[test]
    fn sign_questions_are_seen_when_the_expansion_is_stored() {
        let pb = params("xq_c");
        let kind = ClaimKind::Landau {
            lhs: ex("sqrt(xq_c*n)"),
            rel: Landau::BigO,
            rhs: ex("n"),
        };
        let d = super::super::decide(&kind, &pb, "n");
        assert_eq!(d.verdict, crate::ir::Verdict::Unknown);
        assert!(stored(&Ctx::resume(&pb, "n", 4, 0), &ex("sqrt(xq_c*n)")));
        let qs = super::super::sign_questions(&kind, &pb, "n");
        assert_eq!(qs, vec![Coef::param("xq_c")]);
    }
}
