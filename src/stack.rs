//! Stack for the recursions over expressions: [`ensure`], called at the
//! entry of every function that recurses over an expression tree (parsing,
//! lowering, the e-graph's extraction and printers, the engines' walks,
//! exact evaluation, the reason printers), makes sure a little stack is
//! left before the function goes one level deeper, and switches to a fresh
//! segment when it is not. Each level pays a stack-pointer comparison;
//! only recursion that is actually deep pays for a new segment. So every
//! thread — the main thread, the pool's workers, a test harness's threads —
//! keeps an ordinary stack, and no nesting the parser accepts can overflow
//! it, in debug as in release builds (the same idea as rustc's
//! `ensure_sufficient_stack`).

/// Stack that must be left when a recursive step starts. It covers what
/// runs between two guarded calls: one level of a guarded function (a few
/// KiB) and the recursions that cannot be guarded because the compiler
/// writes them — the derived `Clone`, `PartialEq`, `Hash` and drop of an
/// expression tree, about 830 bytes a level in a release build, so about
/// 170 KiB for an expression at the nesting limit and a few times that for
/// the expressions built by substitution (`LIMITS.derived_nesting`).
pub const RED_ZONE: usize = 1 << 20;

/// Size of a fresh stack segment when less than [`RED_ZONE`] is left: many
/// levels fit in one segment, so segments are switched rarely.
pub const GROW: usize = 8 << 20;

/// Runs `f` on the current stack if at least [`RED_ZONE`] of it is left,
/// else on a fresh segment of [`GROW`] bytes (switched to in place, no
/// thread is started). A panic in `f` propagates.
#[inline]
pub fn ensure<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, GROW, f)
}

/// Is less than [`RED_ZONE`] of the current stack left (or is it unknown)?
#[inline]
pub fn low() -> bool {
    stacker::remaining_stack().is_none_or(|left| left < RED_ZONE)
}

/// `crate::stack::guard!(self.walk(e, depth));` as the first statement of a
/// recursive function: when the stack is [`low`], returns the same call run
/// on a fresh segment by [`ensure`]; else the function goes on in place. One
/// line at the top, so the body keeps its shape.
macro_rules! guard {
    ($call:expr) => {
        if $crate::stack::low() {
            return $crate::stack::ensure(|| $call);
        }
    };
}
pub(crate) use guard;
