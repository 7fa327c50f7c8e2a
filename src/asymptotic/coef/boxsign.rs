//! Signs of a coefficient over a parameter box from interval enclosures:
//! the whole box at rising precision, then its admissible points (closed
//! ends, midpoints), then an adaptive bisection over at most three bounded
//! parameters. Only a strict sign on every box is an answer; a point where
//! the coefficient is 0 or has the other sign, or where no strict sign
//! shows even with the bounded parameters fixed, ends the search early
//! with no answer (no bisection could then settle every box).

use super::{qi, Coef};
use crate::exact::Sign;
use crate::ir::{Constraint, Endpoint, ParamBox, Q};

/// Boxes evaluated when bisecting the parameter box for a sign.
const MAX_BOXES: usize = crate::limits::LIMITS.coef_sign_boxes;

impl Coef {
    /// Sign from interval enclosures, then from a subdivision of the box
    /// over at most three bounded parameters (adaptive bisection).
    pub(super) fn sign_enclose(&self, params: &ParamBox) -> Option<Sign> {
        for bits in [32u32, 64, 128, 256] {
            if let Some(iv) = self.enclose(params, bits) {
                if iv.is_pos() {
                    return Some(Sign::Pos);
                }
                if iv.is_neg() {
                    return Some(Sign::Neg);
                }
            }
        }
        let names: Vec<String> = self
            .params()
            .into_iter()
            .filter(|p| {
                params.get(p).is_some_and(|c| {
                    matches!(
                        (&c.lo, &c.hi),
                        (Endpoint::Finite { .. }, Endpoint::Finite { .. })
                    )
                })
            })
            .collect();
        if names.is_empty() || names.len() > 3 {
            return None;
        }
        // Admissible points first: a coefficient that is 0 at a closed end
        // (`1 - c0` with c0 in (0, 1]) or has both signs has no strict sign,
        // and no bisection could show one.
        let mut seen = PointSigns::default();
        for point in self.end_points(params, &names) {
            if seen.add(self.point_sign(&point)) {
                return None;
            }
        }
        // adaptive bisection of the widest bounded parameter, bounded budget
        let mut stack = vec![params.clone()];
        let mut evaluations = 0usize;
        let mut common: Option<Sign> = None;
        while let Some(b) = stack.pop() {
            evaluations += 1;
            if evaluations > MAX_BOXES {
                return None;
            }
            let found = self.enclose(&b, 64).and_then(|iv| {
                if iv.is_pos() {
                    Some(Sign::Pos)
                } else if iv.is_neg() {
                    Some(Sign::Neg)
                } else {
                    None
                }
            });
            match (found, common) {
                (Some(s), None) => common = Some(s),
                (Some(s), Some(c)) if s == c => {}
                (Some(_), Some(_)) => return None,
                (None, _) => {
                    // The box's midpoint: a sign there opposite to one seen
                    // elsewhere, or no strict sign even at that point with
                    // the unbounded parameters over their whole ranges (no
                    // box around it can then be settled), ends the search.
                    if seen.add(self.point_sign(&midpoint(&b, &names))) {
                        return None;
                    }
                    let widest = names
                        .iter()
                        .filter_map(|n| width(b.get(n)?).map(|w| (w, n)))
                        .max_by(|x, y| x.0.cmp(&y.0).then_with(|| y.1.cmp(x.1)))?;
                    let name = widest.1.clone();
                    let c = b.get(&name)?.clone();
                    for piece in split_constraint(&c, 2).into_iter().rev() {
                        let mut nb = b.clone();
                        nb.params.insert(name.clone(), piece);
                        stack.push(nb);
                    }
                }
            }
        }
        common
    }

    /// The sign at the admissible points of the box where each of `names`
    /// is at a closed end of its range (the others at their middle), and at
    /// the box's midpoint.
    fn end_points(&self, params: &ParamBox, names: &[String]) -> Vec<ParamBox> {
        let mid = midpoint(params, names);
        let mut out = Vec::new();
        for name in names {
            let Some(c) = params.get(name) else { continue };
            for end in [&c.lo, &c.hi] {
                if let Endpoint::Finite {
                    value,
                    closed: true,
                } = end
                {
                    let mut b = mid.clone();
                    b.params.insert(name.clone(), point(value.clone()));
                    out.push(b);
                }
            }
        }
        out.push(mid);
        out
    }

    /// `Some(Some(sign))` when the enclosure over `b` has a strict sign,
    /// `Some(None)` when it has none (it holds 0, or is exactly 0), `None`
    /// when there is no enclosure (a value may be undefined).
    fn point_sign(&self, b: &ParamBox) -> Option<Option<Sign>> {
        let iv = self.enclose(b, 64)?;
        Some(if iv.is_pos() {
            Some(Sign::Pos)
        } else if iv.is_neg() {
            Some(Sign::Neg)
        } else {
            None
        })
    }
}

/// What the admissible points examined by `sign_enclose` showed.
#[derive(Default)]
struct PointSigns {
    pos: bool,
    neg: bool,
}

impl PointSigns {
    /// Records one point's sign (`None`: undefined there or no enclosure,
    /// `Some(None)`: no strict sign at that point); `true` when the
    /// coefficient is now known to have no strict sign on the box.
    fn add(&mut self, s: Option<Option<Sign>>) -> bool {
        match s {
            Some(Some(Sign::Pos)) => self.pos = true,
            Some(Some(Sign::Neg)) => self.neg = true,
            Some(_) => return true,
            None => {}
        }
        self.pos && self.neg
    }
}

/// The box with each of `names` (bounded parameters) fixed at the middle of
/// its range; the other parameters keep theirs.
fn midpoint(b: &ParamBox, names: &[String]) -> ParamBox {
    let mut out = b.clone();
    for name in names {
        let Some(c) = b.get(name) else { continue };
        if let (Endpoint::Finite { value: lo, .. }, Endpoint::Finite { value: hi, .. }) =
            (&c.lo, &c.hi)
        {
            out.params.insert(name.clone(), point((lo + hi) / qi(2)));
        }
    }
    out
}

/// A constraint admitting exactly `q`.
fn point(q: Q) -> Constraint {
    Constraint {
        lo: Endpoint::Finite {
            value: q.clone(),
            closed: true,
        },
        hi: Endpoint::Finite {
            value: q,
            closed: true,
        },
    }
}

/// hi - lo of a bounded constraint.
fn width(c: &Constraint) -> Option<Q> {
    match (&c.lo, &c.hi) {
        (Endpoint::Finite { value: lo, .. }, Endpoint::Finite { value: hi, .. }) => Some(hi - lo),
        _ => None,
    }
}

/// Split a bounded constraint into `k` pieces covering it (inner ends closed).
fn split_constraint(c: &Constraint, k: i64) -> Vec<Constraint> {
    let (
        Endpoint::Finite {
            value: lo,
            closed: lc,
        },
        Endpoint::Finite {
            value: hi,
            closed: hc,
        },
    ) = (&c.lo, &c.hi)
    else {
        return vec![c.clone()];
    };
    if lo >= hi {
        return vec![c.clone()];
    }
    let step = (hi - lo) / qi(k);
    (0..k)
        .map(|i| Constraint {
            lo: Endpoint::Finite {
                value: lo + &step * qi(i),
                closed: if i == 0 { *lc } else { true },
            },
            hi: Endpoint::Finite {
                value: if i == k - 1 {
                    hi.clone()
                } else {
                    lo + &step * qi(i + 1)
                },
                closed: if i == k - 1 { *hc } else { true },
            },
        })
        .collect()
}
