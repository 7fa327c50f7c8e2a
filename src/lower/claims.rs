//! Claims, shows, constraints and `where` assignments of one statement.

use super::ask::{not_positive, Question};
use super::expr::*;
use super::fold::*;
use super::imports::*;
use super::scope::*;
use super::*;
use crate::ir::{
    ClaimKind, Cmp, Constraint, Endpoint, Expr, LimitTarget, ParamBox, Range as IrRange, ShowKind,
    Q,
};
use crate::syntax::ast::{
    Assign, Bound, ClaimAst, ClaimKindAst, ConstraintAst, Ident, RangeAst, ShowAst, Span,
};
use crate::syntax::{closest, MAX_DEPTH};

use std::collections::BTreeMap;

impl<'a> Cx<'a> {
    /// An exact rational constraint end.
    pub(super) fn endpoint(&mut self, b: &Bound) -> Option<Result<Q, bool>> {
        match b {
            Bound::PosInf(_) => Some(Err(true)),
            Bound::NegInf(_) => Some(Err(false)),
            Bound::Finite(a) => {
                let l = self.lower(a)?;
                match l.val.or_else(|| fold(&l.e)) {
                    Some(q) => Some(Ok(q)),
                    None => {
                        self.err(a.span.clone(), "the end of a constraint must be an exact number (like `0`, `1/2`, `1e-3`) or `oo`", None);
                        None
                    }
                }
            }
        }
    }

    pub(super) fn constraint(&mut self, c: &ConstraintAst) -> Option<Constraint> {
        let (con, span) = match c {
            ConstraintAst::Compare { op, bound, span } => {
                let end = self.endpoint(bound)?;
                let fin = |value: Q, closed: bool| Endpoint::Finite { value, closed };
                let con = match (op, end) {
                    (Cmp::Gt | Cmp::Ge, Ok(q)) => Constraint {
                        lo: fin(q, *op == Cmp::Ge),
                        hi: Endpoint::Infinite,
                    },
                    (Cmp::Lt | Cmp::Le, Ok(q)) => Constraint {
                        lo: Endpoint::Infinite,
                        hi: fin(q, *op == Cmp::Le),
                    },
                    (Cmp::Gt | Cmp::Ge, Err(false)) | (Cmp::Lt | Cmp::Le, Err(true)) => {
                        Constraint::any()
                    }
                    _ => {
                        self.err(
                            span.clone(),
                            "empty constraint: no real number satisfies it",
                            None,
                        );
                        return None;
                    }
                };
                (con, span.clone())
            }
            ConstraintAst::Interval {
                lo_closed,
                lo,
                hi,
                hi_closed,
                span,
            } => {
                let l = self.endpoint(lo);
                let h = self.endpoint(hi);
                let (l, h) = (l?, h?);
                let lo_end = match l {
                    Ok(q) => Endpoint::Finite {
                        value: q,
                        closed: *lo_closed,
                    },
                    Err(false) if *lo_closed => {
                        self.err(
                            span.clone(),
                            "a real number is never -oo: the interval cannot be closed there",
                            Some("write `(-oo, ...`".to_string()),
                        );
                        return None;
                    }
                    Err(false) => Endpoint::Infinite,
                    Err(true) => {
                        self.err(
                            span.clone(),
                            "empty constraint: the interval starts at +oo",
                            None,
                        );
                        return None;
                    }
                };
                let hi_end = match h {
                    Ok(q) => Endpoint::Finite {
                        value: q,
                        closed: *hi_closed,
                    },
                    Err(true) if *hi_closed => {
                        self.err(
                            span.clone(),
                            "a real number is never oo: the interval cannot be closed there",
                            Some("write `..., oo)`".to_string()),
                        );
                        return None;
                    }
                    Err(true) => Endpoint::Infinite,
                    Err(false) => {
                        self.err(
                            span.clone(),
                            "empty constraint: the interval ends at -oo",
                            None,
                        );
                        return None;
                    }
                };
                (
                    Constraint {
                        lo: lo_end,
                        hi: hi_end,
                    },
                    span.clone(),
                )
            }
        };
        if con.is_empty() {
            self.err(span, format!("empty constraint: no value lies {con}"), None);
            return None;
        }
        Some(con)
    }

    pub(super) fn ineq_op(&mut self, op: Cmp, span: &Span, context: &str) -> bool {
        if matches!(op, Cmp::Eq | Cmp::Ne) {
            self.err(
                span.clone(),
                format!("`{}` cannot be used {context}", op.symbol()),
                Some(match crate::ir::zero_var(self.shown) {
                    Some(v) => format!(
                        "`A == B` and `A != B` stand alone (for every {v} in (0, 1]), or use `at {v} = E`"
                    ),
                    None => "`A == B` and `A != B` stand alone (for every n), or use `at n = N`"
                        .to_string(),
                }),
            );
            return false;
        }
        true
    }

    /// `for n >= N` with a variable tending to +oo, `for eps <= E` with one
    /// tending to 0; the other direction is an error suggesting the right one.
    pub(super) fn range_direction(&mut self, up: bool, span: &Span) -> bool {
        match (crate::ir::zero_var(self.shown), up) {
            (Some(v), false) => {
                self.err(
                    span.clone(),
                    format!("`{v}` tends to 0: a threshold claim holds for all small `{v}`"),
                    Some(format!("write `for {v} <= E` (every {v} in (0, E])")),
                );
                false
            }
            (None, true) => {
                let v = self.var;
                self.err(
                    span.clone(),
                    format!("`{v}` tends to +oo: a threshold claim holds for all large `{v}`"),
                    Some(format!("write `for {v} >= N`, or declare `var {v} -> 0` for a variable tending to 0")),
                );
                false
            }
            _ => true,
        }
    }

    /// The threshold or point of a range, as a value of the variable the
    /// engines see: N itself, or 1/E for a variable tending to 0 (E must then
    /// be a number, proved > 0: eps ranges over the positive reals).
    pub(super) fn point(&mut self, a: &crate::syntax::ast::Expr, what: &str) -> Option<Expr> {
        let e = self.constant(a, what)?;
        let Some(v) = crate::ir::zero_var(self.shown) else {
            return Some(e);
        };
        if !e.params().is_empty() {
            self.err(
                a.span.clone(),
                format!("{what} for `{v}` must be a number, not depend on parameters"),
                Some(format!("write a positive number such as `{v} = 1/10`")),
            );
            return None;
        }
        // A number is compared here, exactly; anything else is a question.
        let problem = match &e {
            Expr::Num(q) => {
                (!num_traits::Signed::is_positive(q)).then(|| not_positive(what, self.shown))
            }
            _ => self.ask(Question::Positive {
                value: e.clone(),
                what: what.to_string(),
                var: self.shown.to_string(),
            }),
        };
        if let Some((msg, help)) = problem {
            self.err(a.span.clone(), msg, Some(help));
            return None;
        }
        Some(match e {
            Expr::Num(q) => Expr::Num(q.recip()),
            e => Expr::div(Expr::int(1), e),
        })
    }

    pub(super) fn check_var(&mut self, v: &Ident) -> bool {
        if v.name != self.var {
            self.err(
                v.span.clone(),
                format!("`{}` is not the variable", v.name),
                Some(format!("the asymptotic variable is `{}`", self.var)),
            );
            return false;
        }
        true
    }

    pub(super) fn claim(&mut self, c: &ClaimAst) -> Option<ClaimKind> {
        match &c.kind {
            ClaimKindAst::Landau { lhs, rel, rhs } => {
                let l = self.lower(lhs);
                let r = self.lower(rhs);
                Some(ClaimKind::Landau {
                    lhs: l?.e,
                    rel: *rel,
                    rhs: r?.e,
                })
            }
            ClaimKindAst::Similar { lhs, rhs } => {
                let l = self.lower(lhs);
                let r = self.lower(rhs);
                Some(ClaimKind::Similar {
                    lhs: l?.e,
                    rhs: r?.e,
                })
            }
            ClaimKindAst::Limit { expr, target } => {
                let e = self.lower(expr);
                let t = match target {
                    Bound::PosInf(_) => Some(LimitTarget::PosInf),
                    Bound::NegInf(_) => Some(LimitTarget::NegInf),
                    Bound::Finite(a) => self.constant(a, "the limit").map(LimitTarget::Finite),
                };
                Some(ClaimKind::Limit {
                    expr: e?.e,
                    target: t?,
                })
            }
            ClaimKindAst::Compare {
                lhs,
                op,
                op_span,
                rhs,
                range,
            } => {
                let l = self.lower(lhs);
                let r = self.lower(rhs);
                let range = match range {
                    None => {
                        if !matches!(op, Cmp::Eq | Cmp::Ne) {
                            self.err(
                                op_span.clone(),
                                match crate::ir::zero_var(self.shown) {
                                    Some(v) => format!("an inequality needs `eventually`, `for {v} <= E` or `at {v} = E`"),
                                    None => format!("an inequality needs `eventually`, `for {0} >= N` or `at {0} = N`", self.var),
                                },
                                Some(format!("write `A {} B eventually`", op.symbol())),
                            );
                            return None;
                        }
                        None
                    }
                    Some(RangeAst::Eventually(_)) => {
                        if !self.ineq_op(*op, op_span, "with `eventually`") {
                            return None;
                        }
                        Some(IrRange::Eventually)
                    }
                    Some(RangeAst::From {
                        var,
                        up,
                        op_span: for_op,
                        bound,
                    }) => {
                        let ok = self.check_var(var)
                            & self.ineq_op(*op, op_span, "with `for`")
                            & self.range_direction(*up, for_op);
                        let b = self.point(bound, "the threshold");
                        if !ok {
                            return None;
                        }
                        Some(IrRange::From(b?))
                    }
                    Some(RangeAst::At { var, value }) => {
                        let ok = self.check_var(var);
                        let b = self.point(value, "the point");
                        if !ok {
                            return None;
                        }
                        Some(IrRange::At(b?))
                    }
                };
                let (lhs, rhs) = (l?.e, r?.e);
                Some(match range {
                    Some(range) => ClaimKind::Ineq {
                        lhs,
                        op: *op,
                        rhs,
                        range,
                    },
                    None if *op == Cmp::Eq => ClaimKind::Equal { lhs, rhs },
                    None => ClaimKind::NotEqual { lhs, rhs },
                })
            }
        }
    }

    pub(super) fn show(&mut self, s: &ShowAst) -> Option<ShowKind> {
        match s {
            ShowAst::Expr(e) => Some(ShowKind::Expr(self.lower(e)?.e)),
            ShowAst::Value { expr, var, at } => {
                let e = self.lower(expr);
                let ok = self.check_var(var);
                let at = self.point(at, "the point");
                if !ok {
                    return None;
                }
                Some(ShowKind::Value {
                    expr: e?.e,
                    at: at?,
                })
            }
            ShowAst::Crossover {
                lhs,
                op,
                op_span,
                rhs,
            } => {
                let l = self.lower(lhs);
                let r = self.lower(rhs);
                if !self.ineq_op(*op, op_span, "in `show crossover`") {
                    return None;
                }
                Some(ShowKind::Crossover {
                    lhs: l?.e,
                    op: *op,
                    rhs: r?.e,
                })
            }
            ShowAst::When(c) => Some(ShowKind::When(self.claim(c)?)),
        }
    }

    /// Lowers `where` assignments: the substitution, the claim's parameter
    /// box and the assignments as written.
    pub(super) fn wheres(
        &mut self,
        wheres: &[Assign],
        text: &str,
    ) -> (BTreeMap<String, Expr>, ParamBox, Vec<(String, String)>) {
        let mut map = BTreeMap::new();
        let mut written = Vec::new();
        for a in wheres {
            let n = a.name.name.as_str();
            let value = self.lower(&a.value);
            let constraint = match self.env.get(n).map(|d| &d.kind) {
                Some(DefKind::Param(c)) => c.clone(),
                Some(DefKind::Broken { why, .. }) => {
                    // the claim is kept as `unknown` with this reason
                    self.rejected.push(why.clone());
                    continue;
                }
                Some(_) => {
                    self.err(
                        a.name.span.clone(),
                        format!("`{n}` is not a parameter: `where` can only set parameters"),
                        None,
                    );
                    continue;
                }
                None if n == self.var => {
                    self.err(
                        a.name.span.clone(),
                        format!("`{n}` is the variable: `where` can only set parameters"),
                        Some(format!("to check at one point write `at {n} = N`")),
                    );
                    continue;
                }
                None => {
                    let cands: Vec<String> = self
                        .env
                        .iter()
                        .filter(|(_, d)| matches!(d.kind, DefKind::Param(_)))
                        .map(|(k, _)| k.clone())
                        .collect();
                    let help = closest(n, cands.iter().map(String::as_str))
                        .map(|c| format!("did you mean `{c}`?"));
                    self.err(
                        a.name.span.clone(),
                        format!("unknown parameter `{n}`"),
                        help,
                    );
                    continue;
                }
            };
            if map.contains_key(n) {
                self.err(
                    a.name.span.clone(),
                    format!("`{n}` is assigned twice"),
                    None,
                );
                continue;
            }
            let Some(value) = value else { continue };
            let text_of = collapse(text.get(a.value.span.clone()).unwrap_or(""));
            if value.e.has_var() {
                map.insert(n.to_string(), value.e);
            } else {
                match value.val.clone().or_else(|| fold(&value.e)) {
                    Some(q) => {
                        if !constraint.contains(&q) {
                            self.err(
                                a.value.span.clone(),
                                format!(
                                    "`{n} = {}` is outside its constraint {constraint}",
                                    crate::ir::fmt_q(&q)
                                ),
                                None,
                            );
                            continue;
                        }
                        map.insert(n.to_string(), Expr::Num(q));
                    }
                    None => {
                        self.err(
                            a.value.span.clone(),
                            format!("the value of `{n}` must be an exact number or an expression in `{}`", self.var),
                            None,
                        );
                        continue;
                    }
                }
            }
            written.push((n.to_string(), text_of));
        }
        let params = ParamBox {
            params: self
                .env
                .iter()
                .filter_map(|(k, d)| match &d.kind {
                    DefKind::Param(c) if !map.contains_key(k) => Some((k.clone(), c.clone())),
                    _ => None,
                })
                .collect(),
        };
        (map, params, written)
    }

    pub(super) fn sub(
        &mut self,
        e: Expr,
        map: &BTreeMap<String, Expr>,
        span: &Span,
    ) -> Option<Expr> {
        if map.is_empty() {
            return Some(e);
        }
        let mut budget = MAX_NODES;
        match subst_params(&e, map, &mut budget) {
            Some(out) => {
                if depth_of(&out) > MAX_DEPTH {
                    self.err(span.clone(), format!("expression nested too deeply (more than {MAX_DEPTH} levels) once `where` is substituted"), None);
                    return None;
                }
                let mut probs = Vec::new();
                let _ = analyze(&out, &mut probs);
                if let Some(p) = probs.into_iter().next() {
                    self.err(span.clone(), format!("{p} (with the `where` values)"), None);
                    return None;
                }
                Some(out)
            }
            None => {
                self.err(
                    span.clone(),
                    format!("expression expands to more than {MAX_NODES} nodes"),
                    None,
                );
                None
            }
        }
    }

    pub(super) fn apply_where_claim(
        &mut self,
        k: ClaimKind,
        map: &BTreeMap<String, Expr>,
        span: Span,
    ) -> Option<ClaimKind> {
        let s = &span;
        Some(match k {
            ClaimKind::Landau { lhs, rel, rhs } => ClaimKind::Landau {
                lhs: self.sub(lhs, map, s)?,
                rel,
                rhs: self.sub(rhs, map, s)?,
            },
            ClaimKind::Similar { lhs, rhs } => ClaimKind::Similar {
                lhs: self.sub(lhs, map, s)?,
                rhs: self.sub(rhs, map, s)?,
            },
            ClaimKind::Equal { lhs, rhs } => ClaimKind::Equal {
                lhs: self.sub(lhs, map, s)?,
                rhs: self.sub(rhs, map, s)?,
            },
            ClaimKind::NotEqual { lhs, rhs } => ClaimKind::NotEqual {
                lhs: self.sub(lhs, map, s)?,
                rhs: self.sub(rhs, map, s)?,
            },
            ClaimKind::Limit { expr, target } => {
                let target = match target {
                    LimitTarget::Finite(t) => {
                        let t = self.sub(t, map, s)?;
                        if t.has_var() {
                            self.err(
                                span.clone(),
                                format!(
                                    "the limit must not depend on `{}` (after `where`)",
                                    self.var
                                ),
                                None,
                            );
                            return None;
                        }
                        LimitTarget::Finite(t)
                    }
                    other => other,
                };
                ClaimKind::Limit {
                    expr: self.sub(expr, map, s)?,
                    target,
                }
            }
            ClaimKind::Ineq {
                lhs,
                op,
                rhs,
                range,
            } => {
                let range = match range {
                    IrRange::Eventually => IrRange::Eventually,
                    IrRange::From(e) => IrRange::From(self.sub(e, map, s)?),
                    IrRange::At(e) => IrRange::At(self.sub(e, map, s)?),
                };
                if let IrRange::From(e) | IrRange::At(e) = &range {
                    if e.has_var() {
                        self.err(
                            span.clone(),
                            format!(
                                "the threshold must not depend on `{}` (after `where`)",
                                self.var
                            ),
                            None,
                        );
                        return None;
                    }
                }
                ClaimKind::Ineq {
                    lhs: self.sub(lhs, map, s)?,
                    op,
                    rhs: self.sub(rhs, map, s)?,
                    range,
                }
            }
        })
    }

    pub(super) fn apply_where_show(
        &mut self,
        k: ShowKind,
        map: &BTreeMap<String, Expr>,
        span: Span,
    ) -> Option<ShowKind> {
        Some(match k {
            ShowKind::Expr(e) => ShowKind::Expr(self.sub(e, map, &span)?),
            ShowKind::Value { expr, at } => ShowKind::Value {
                expr: self.sub(expr, map, &span)?,
                at: self.sub(at, map, &span)?,
            },
            ShowKind::Crossover { lhs, op, rhs } => ShowKind::Crossover {
                lhs: self.sub(lhs, map, &span)?,
                op,
                rhs: self.sub(rhs, map, &span)?,
            },
            ShowKind::When(kind) => {
                ShowKind::When(self.apply_where_claim(kind, map, span.clone())?)
            }
            ShowKind::Rejected(why) => ShowKind::Rejected(why),
        })
    }
}
