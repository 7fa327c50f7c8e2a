//! Lowering of `plot A, B, ... for n in [LO, HI] [linear] [where ...]` into
//! an `ir::Plot`. Each curve is lowered like a `show` expression (names
//! resolved, `where` values substituted, errors pointing at the
//! sub-expression); a plot also needs what drawing needs: the variable after
//! `for`, exact range ends with LO < HI (and 0 < LO on log–log axes), and a
//! value for every parameter, since a curve is drawn from numbers. A plot
//! with an error is dropped after its errors are reported.

use super::expr::Cx;
use super::fold::fold;
use super::imports::{collapse, Loader};
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
            pos: self.lines(file, text).pos(text, start),
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
        let lowered: Vec<Option<Expr>> =
            p.exprs.iter().map(|e| self.lower(e).map(|l| l.e)).collect();
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
        if let (Some(v), false) = (crate::ir::zero_var(self.shown), lo.is_positive()) {
            self.err(
                p.lo.span.clone(),
                format!("`{v}` takes only positive values: a plot's range needs LO > 0"),
                Some(format!(
                    "start the range above 0, such as `for {v} in [1/1000, 1]`"
                )),
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

#[cfg(test)]
mod tests {
    use crate::ir::{Expr, Item, Q};
    use crate::validate::load_source;
    use num_bigint::BigInt;

    /// (message, line, column) of every error of `text`.
    fn errors(text: &str) -> Vec<(String, usize, usize)> {
        load_source("t.bnd", text)
            .diagnostics
            .iter()
            .map(|d| (d.message.clone(), d.pos.line, d.pos.column))
            .collect()
    }

    #[test]
    fn a_plot_lowers_like_a_show_and_is_not_an_item() {
        let text = "var n\nparam c > 0\nlet slow = 100*log(n)\ncheck n = O(n)\nplot slow, c*sqrt(n) for n in [1/2, 10^7] where c = 3\nplot n,\n  n^2 for n in [-1, 3] linear\n";
        let l = load_source("t.bnd", text);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let p = l.program.expect("a program");
        assert_eq!(p.items.len(), 1);
        assert!(matches!(p.items[0], Item::Claim(_)));
        assert_eq!(p.plots.len(), 2);
        let a = &p.plots[0];
        assert_eq!(a.pos.line, 5);
        assert_eq!(a.texts, ["slow", "c*sqrt(n)"]);
        assert_eq!(a.lo, Q::new(BigInt::from(1), BigInt::from(2)));
        assert_eq!(a.hi, Q::from_integer(BigInt::from(10_000_000)));
        assert!(!a.linear);
        assert_eq!(a.assignments, [("c".to_string(), "3".to_string())]);
        // names resolved and `where` applied: no parameter is left
        assert!(a.exprs.iter().all(|e| e.params().is_empty() && e.has_var()));
        assert!(!matches!(a.exprs[0], Expr::Var));
        let b = &p.plots[1];
        assert_eq!((b.pos.line, b.linear), (6, true));
        assert_eq!(b.texts, ["n", "n^2"]);
        assert_eq!(b.lo, Q::from_integer(BigInt::from(-1)));
    }

    #[test]
    fn plot_errors_point_at_their_place() {
        let e = |t: &str| errors(&format!("var n\nparam a > 0\nfn f\n{t}\n"));
        assert_eq!(
            e("plot n, log(-n) for n in [1, 2]"),
            [(
                "`log` of -n is undefined for all large n: the argument is eventually <= 0"
                    .to_string(),
                4,
                9
            )]
        );
        assert_eq!(
            e("plot n for m in [1, 2]"),
            [("`m` is not the variable".to_string(), 4, 12)]
        );
        let got = e("plot a*n, n for n in [1, 2]");
        assert_eq!((got.len(), got[0].1, got[0].2), (1, 4, 6), "{got:?}");
        assert!(got[0].0.starts_with("`a` has no value"), "{got:?}");
        let got = e("plot f(n) for n in [1, 2]");
        assert!(got[0].0.contains("cannot draw a `fn`"), "{got:?}");
        let got = e("plot n for n in [0, 2]");
        assert_eq!((got[0].1, got[0].2), (4, 18), "{got:?}");
        assert!(got[0].0.contains("LO > 0"), "{got:?}");
        assert!(e("plot n for n in [0, 2] linear").is_empty());
        let got = e("plot n for n in [2, 2] linear");
        assert!(got[0].0.contains("LO < HI"), "{got:?}");
        let got = e("plot n for n in [1, a]");
        assert!(got[0].0.contains("exact numbers"), "{got:?}");
        let got = e("plot n for n in [1, 1e400]");
        assert!(got[0].0.contains("1e300"), "{got:?}");
        let got = e("plot n for n in [1, 2] where b = 1");
        assert_eq!(got[0].0, "unknown parameter `b`");
        // `plot` is reserved
        let got = e("let plot = n");
        assert_eq!(
            got,
            [(
                "`plot` is a reserved word and cannot be a name".to_string(),
                4,
                5
            )]
        );
        // a plot with an error is dropped, the rest of the file is kept
        let l = load_source("t.bnd", "var n\nplot m for n in [1, 2]\ncheck n = O(n)\n");
        let p = l.program.expect("a program");
        assert!(p.plots.is_empty() && p.items.len() == 1);
    }
}
