//! Extraction: a cost function preferring readable forms. Small weighted
//! size plus nesting depth; `sqrt(x)` over `x^(1/2)`, `1/x` over `x^(-1)`,
//! `a/b` over `a*b^(-1)`, `a - b` over `a + neg(b)`, `n^3` over `n*n*n`.
//! Costs are integers compared on a total key, so extraction is
//! deterministic for a given e-graph.

use super::analysis::BndGraph;
use super::lang::Bnd;
use egg::{CostFunction, Id, Language, RecExpr};
use num_traits::{One, Signed};
use std::cmp::Ordering;

/// What kind of number a subterm is, if it is a literal (for the penalties
/// of powers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumKind {
    NotNum,
    NatInt,
    NegInt,
    Half,
    OtherFrac,
}

/// Extra weight of the variable `n` over a parameter or literal.
const VAR_EXTRA_WEIGHT: u64 = 2;
/// Penalty of `sqrt(k*x)` for a perfect-square literal `k > 1`.
const SQUARE_UNDER_ROOT_PENALTY: u64 = 2;

/// Whether a term is a perfect-square literal (`4`, `9/4`, not `0`, `1`)
/// or a product with such a literal factor (for the penalty of roots).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Other,
    SquareLiteral,
    SquareLiteralFactor,
}

/// Cost of a term: weighted size, depth, its literal kind and its shape.
/// Ordered by `(size + depth, size, depth)`; kind and shape do not take part.
#[derive(Clone, Copy, Debug)]
pub struct Cost {
    pub size: u64,
    pub depth: u64,
    pub kind: NumKind,
    pub shape: Shape,
}

impl Cost {
    fn key(&self) -> (u64, u64, u64) {
        (self.size.saturating_add(self.depth), self.size, self.depth)
    }
}

impl PartialEq for Cost {
    fn eq(&self, other: &Cost) -> bool {
        self.key() == other.key()
    }
}

impl PartialOrd for Cost {
    fn partial_cmp(&self, other: &Cost) -> Option<Ordering> {
        Some(self.key().cmp(&other.key()))
    }
}

/// The readable-form cost function.
pub struct Readable;

fn num_kind(q: &crate::ir::Q) -> NumKind {
    let half = crate::ir::Q::new(1.into(), 2.into());
    if q.is_integer() {
        if q.is_negative() {
            NumKind::NegInt
        } else {
            NumKind::NatInt
        }
    } else if *q == half {
        NumKind::Half
    } else {
        NumKind::OtherFrac
    }
}

/// A perfect square other than 0 and 1 (its root is exact and differs).
fn is_square_literal(q: &crate::ir::Q) -> bool {
    q.is_positive() && !q.is_one() && super::range::q_root_exact(q, 2).is_some()
}

impl CostFunction<Bnd> for Readable {
    type Cost = Cost;

    fn cost<C>(&mut self, enode: &Bnd, mut costs: C) -> Cost
    where
        C: FnMut(Id) -> Cost,
    {
        let (weight, kind) = match enode {
            Bnd::Num(q) => {
                let k = num_kind(&q.0);
                let w = match k {
                    NumKind::NatInt => 1,
                    NumKind::NegInt | NumKind::Half => 2,
                    _ if q.0.is_negative() => 3,
                    _ => 2,
                };
                (w, k)
            }
            // the variable weighs more than a parameter: forms that show
            // `n` once (its rate) win over spread-out ones of equal size
            Bnd::Var => (1 + VAR_EXTRA_WEIGHT, NumKind::NotNum),
            Bnd::Pi | Bnd::Param(_) | Bnd::Fn(_) => (1, NumKind::NotNum),
            // `3*sqrt(x)` over `sqrt(9*x)`: a perfect-square literal factor
            // under a root is taken out
            Bnd::Sqrt(a) => {
                let shape = costs(*a).shape;
                let penalty = if shape == Shape::SquareLiteralFactor {
                    SQUARE_UNDER_ROOT_PENALTY
                } else {
                    0
                };
                (1 + penalty, NumKind::NotNum)
            }
            Bnd::Neg(_) | Bnd::Exp(_) | Bnd::Log(_) | Bnd::Abs(_) => (1, NumKind::NotNum),
            Bnd::Pow([_, e]) => {
                let penalty = match costs(*e).kind {
                    NumKind::NatInt | NumKind::NotNum => 0,
                    NumKind::OtherFrac => 1,
                    NumKind::NegInt => 4,
                    NumKind::Half => 5,
                };
                (1 + penalty, NumKind::NotNum)
            }
            Bnd::Add(_) | Bnd::Sub(_) | Bnd::Mul(_) | Bnd::Div(_) | Bnd::Min(_) | Bnd::Max(_) => {
                (2, NumKind::NotNum)
            }
        };
        let shape = match enode {
            Bnd::Num(q) if is_square_literal(&q.0) => Shape::SquareLiteral,
            Bnd::Mul(ab) if ab.iter().any(|c| costs(*c).shape != Shape::Other) => {
                Shape::SquareLiteralFactor
            }
            _ => Shape::Other,
        };
        let mut size: u64 = weight;
        let mut depth: u64 = 0;
        for c in enode.children() {
            let cc = costs(*c);
            size = size.saturating_add(cc.size);
            depth = depth.max(cc.depth);
        }
        Cost {
            size,
            depth: depth + 1,
            kind,
            shape,
        }
    }
}

/// egg's `Extractor::new(egraph, Readable).find_best(root)`, computed the
/// same way (passes over the classes in egg's order until no class's cost
/// falls; in a class, the first node of least cost; a class's node replaced
/// only by a strictly cheaper one, so equal costs keep the earlier node,
/// which matters because `Cost`'s kind and shape are not part of its order)
/// with the costs in a table by class id instead of a hash map. `rebuild`
/// must have run: every child id is then canonical.
pub fn best(egraph: &BndGraph, root: Id) -> (Cost, RecExpr<Bnd>) {
    let len = egraph
        .classes()
        .map(|c| usize::from(c.id) + 1)
        .max()
        .unwrap_or(0);
    let mut costs: Vec<Option<(Cost, &Bnd)>> = vec![None; len];
    let mut cost_fn = Readable;
    let mut changed = true;
    while changed {
        changed = false;
        for class in egraph.classes() {
            // egg's `make_pass`: `min_by` keeps the first least node, a node
            // with a child not costed yet counting as the greatest
            let mut pass: Option<(Option<Cost>, &Bnd)> = None;
            for node in &class.nodes {
                let cost = node
                    .all(|c| costs[usize::from(egraph.find(c))].is_some())
                    .then(|| {
                        cost_fn.cost(node, |c| {
                            costs[usize::from(egraph.find(c))]
                                .expect("a costed child")
                                .0
                        })
                    });
                let better = match &pass {
                    None => true,
                    Some((best, _)) => match (best, &cost) {
                        (None, Some(_)) => true,
                        (Some(b), Some(c)) => c.partial_cmp(b) == Some(Ordering::Less),
                        _ => false,
                    },
                };
                if better {
                    pass = Some((cost, node));
                }
            }
            let Some((Some(cost), node)) = pass else {
                continue;
            };
            let slot = &mut costs[usize::from(class.id)];
            let replace = match slot {
                None => true,
                Some((old, _)) => cost.partial_cmp(old) == Some(Ordering::Less),
            };
            if replace {
                *slot = Some((cost, node));
                changed = true;
            }
        }
    }
    let (cost, node) = costs[usize::from(egraph.find(root))].expect("the root is costed");
    let expr = node.build_recexpr(|id| {
        costs[usize::from(egraph.find(id))]
            .expect("a costed class")
            .1
            .clone()
    });
    (cost, expr)
}
