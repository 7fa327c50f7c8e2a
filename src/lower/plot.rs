//! Lowering of `plot A, B, ... for n in [LO, HI] [linear] [where ...]` into
//! an `ir::Plot`. Each curve is lowered like a `show` expression (names
//! resolved, `where` values substituted, errors pointing at the
//! sub-expression); a plot also needs what drawing needs: the variable after
//! `for`, exact range ends with LO < HI (and 0 < LO on log–log axes), and a
//! value for every parameter, since a curve is drawn from numbers. A plot
//! with an error is dropped after its errors are reported.

use super::{collapse, fold, Cx, Loader};
use crate::ir::{Expr, Plot, Q};
use crate::syntax::ast::{Expr as Ast, PlotAst};
use num_traits::{Signed, ToPrimitive};

/// The largest magnitude of a range end (the drawing works in floats).
const MAX_RANGE_END: f64 = 1e300;

impl Loader {
    /// Lowers one `plot` statement starting at byte `start` of `text` with
    /// the names of `cx`; reports its errors and returns the plot when it
    /// has none.
    pub(super) fn plot(
        &mut self,
        file: &str,
        text: &str,
        start: usize,
        p: &PlotAst,
        mut cx: Cx,
    ) -> Option<Plot> {
        let plot = cx.plot(p, text);
        let failed = !cx.errors.is_empty() || !cx.rejected.is_empty();
        self.flush(file, text, cx);
        let (exprs, lo, hi, assignments) = plot?;
        if failed {
            return None;
        }
        Some(Plot {
            pos: crate::diagnostic::pos_of(text, start),
            exprs,
            texts: p
                .exprs
                .iter()
                .map(|e| collapse(text.get(e.span.clone()).unwrap_or("")))
                .collect(),
            lo,
            hi,
            linear: p.linear,
            assignments,
        })
    }
}

/// The lowered parts of a plot: curves, range ends, `where` as written.
type Parts = (Vec<Expr>, Q, Q, Vec<(String, String)>);

impl Cx<'_> {
    fn plot(&mut self, p: &PlotAst, text: &str) -> Option<Parts> {
        let var_ok = self.check_var(&p.var);
        let lowered: Vec<Option<Expr>> = p
            .exprs
            .iter()
            .map(|e| self.lower(e).map(|l| l.e))
            .collect();
        let lo = self.range_end(&p.lo);
        let hi = self.range_end(&p.hi);
        let (subst, _, assignments) = self.wheres(&p.wheres, text);
        let mut exprs = Vec::new();
        for (e, ast) in lowered.into_iter().zip(&p.exprs) {
            let Some(e) = e.and_then(|e| self.sub(e, &subst, &ast.span)) else {
                continue;
            };
            if let Some(e) = self.drawable(e, ast) {
                exprs.push(e);
            }
        }
        let (lo, hi) = (lo?, hi?);
        if lo >= hi {
            self.err(
                p.range_span.clone(),
                "the range of a plot must have LO < HI",
                None,
            );
            return None;
        }
        if !p.linear && !lo.is_positive() {
            self.err(
                p.lo.span.clone(),
                "log–log axes need a range with LO > 0",
                Some("start the range above 0, or write `linear` after the range".to_string()),
            );
            return None;
        }
        if !var_ok || exprs.len() != p.exprs.len() {
            return None;
        }
        Some((exprs, lo, hi, assignments))
    }

    /// An exact range end: a number, not depending on the variable, of
    /// moderate magnitude.
    fn range_end(&mut self, a: &Ast) -> Option<Q> {
        let l = self.lower(a)?;
        let value = if l.e.has_var() {
            None
        } else {
            l.val.or_else(|| fold(&l.e))
        };
        let Some(q) = value else {
            self.err(
                a.span.clone(),
                "the ends of a plot's range must be exact numbers (like `1`, `10^6`, `1e-3`)",
                None,
            );
            return None;
        };
        let too_large = q.abs().to_f64().is_none_or(|f| f > MAX_RANGE_END);
        if too_large {
            self.err(
                a.span.clone(),
                "the ends of a plot's range must lie within ±1e300 (they are drawn as floats)",
                None,
            );
            return None;
        }
        Some(q)
    }

    /// `e` if it can be drawn: no `fn` and no parameter without a value.
    fn drawable(&mut self, e: Expr, ast: &Ast) -> Option<Expr> {
        if e.has_fn() {
            self.err(
                ast.span.clone(),
                "a plot cannot draw a `fn` (a function known only by its assumptions)",
                None,
            );
            return None;
        }
        if let Some(p) = e.params().into_iter().next() {
            self.err(
                ast.span.clone(),
                format!("`{p}` has no value: a plot draws numbers, so every parameter needs one"),
                Some(format!("give it a value with `where {p} = ...`")),
            );
            return None;
        }
        Some(e)
    }
}
