//! Cuts along a line in two parameters: when the sign that decides a claim
//! is that of `alpha*a + beta*b + gamma` (which of `n^a` and `n^b`
//! dominates: `b - a`), the admissible values split into `a < r(b)`,
//! `a = r(b)` and `a > r(b)` with r(b) = k*b + c. These are not boxes, so
//! each is decided through a substitution:
//!
//! - on the line, `a` is replaced by `r(b)` and `b` ranges over exactly the
//!   values for which `r(b)` is admissible for `a` (an interval, r being
//!   affine): the piece is exact;
//! - off the line, `a = r(b) - x` (or `+ x`) with a new parameter x > 0,
//!   over a box of (b, x) that contains every admissible (a, b) of the
//!   piece and perhaps more.
//!
//! A proof over a larger box is a proof over the piece. A refutation over
//! the larger box might rest on an inadmissible point, so it counts only
//! when the claim is refuted again at one admissible point of the piece,
//! with exact values for a and b; otherwise the piece stays undecided.

use super::{Budget, DecidePiece, Outcome, Region};
use crate::exact::poly::RatFn;
use crate::ir::{fmt_q, ClaimKind, Constraint, Decision, Endpoint, Expr, ParamBox, Verdict, Q};
use num_traits::{One, Signed, Zero};

/// A line a = k*b + c in the parameters a, b (k != 0).
pub struct Line {
    a: String,
    b: String,
    k: Q,
    c: Q,
}

impl Line {
    /// The zero line of a question whose numerator is linear in exactly two
    /// constrained parameters and whose denominator is a constant.
    pub fn of(f: &RatFn, params: &ParamBox) -> Option<Line> {
        if !f.den.vars().is_empty() {
            return None;
        }
        let (coefs, gamma) = f.num.linear()?;
        let mut it = coefs.iter();
        let ((a, alpha), (b, beta)) = (it.next()?, it.next()?);
        if it.next().is_some() || params.get(a).is_none() || params.get(b).is_none() {
            return None;
        }
        Some(Line {
            a: a.clone(),
            b: b.clone(),
            k: -beta / alpha,
            c: -&gamma / alpha,
        })
    }

    /// r(b) as an expression in the parameter b.
    fn r_expr(&self) -> Expr {
        let kb = if self.k.is_one() {
            Expr::param(&self.b)
        } else {
            Expr::mul(Expr::Num(self.k.clone()), Expr::param(&self.b))
        };
        if self.c.is_zero() {
            kb
        } else {
            Expr::add(kb, Expr::Num(self.c.clone()))
        }
    }

    fn r(&self, b: &Q) -> Q {
        &self.k * b + &self.c
    }

    /// `a < b`, `a = 2*b - 1`, ...
    fn text(&self, op: &str) -> String {
        format!(
            "{} {op} {}",
            self.a,
            crate::reason::expr(&self.r_expr(), "n")
        )
    }
}

/// Decide the claim on the three pieces of the line's cut.
pub fn split(
    kind: &ClaimKind,
    params: &ParamBox,
    l: &Line,
    budget: &Budget,
    decide: &DecidePiece,
) -> Option<Vec<Region>> {
    let ra = params.get(&l.a)?.clone();
    let rb = params.get(&l.b)?.clone();
    if !budget.take(3) {
        return None;
    }
    let pair = [l.a.clone(), l.b.clone()];
    let region = |text: String, o: Outcome| Region {
        cuts: vec![],
        line: Some((text, pair.clone())),
        decision: o.decision,
        uniform: o.uniform,
    };
    // pieces are not cut further: a cut on the new parameter would not be
    // a condition on the user's parameters
    let no_more = super::MAX_DEPTH;
    let mut out = Vec::new();
    for side in [-1i32, 0, 1] {
        let op = match side {
            -1 => "<",
            0 => "=",
            _ => ">",
        };
        let text = l.text(op);
        if side == 0 {
            // exactly on the line: b over the values where r(b) is admissible
            let Some(on) = intersect(&rb, &preimage(l, &ra)) else {
                continue;
            };
            let r = l.r_expr();
            let k = kind.map_exprs(&|e| e.subst_param(&l.a, &r));
            let mut p = params.clone();
            p.params.remove(&l.a);
            p.params.insert(l.b.clone(), on);
            out.push(region(text, decide(&k, &p, no_more)));
            continue;
        }
        // off the line: a = r(b) + side*x, x > 0
        let x = fresh(params, "gap");
        let shifted = Expr::add(
            l.r_expr(),
            Expr::mul(Expr::int(side as i64), Expr::param(&x)),
        );
        let Some((bs, xs)) = off_box(l, &ra, &rb, side) else {
            continue;
        };
        let k = kind.map_exprs(&|e| e.subst_param(&l.a, &shifted));
        let mut p = params.clone();
        p.params.remove(&l.a);
        p.params.insert(l.b.clone(), bs.clone());
        p.params.insert(x.clone(), xs);
        let o = decide(&k, &p, no_more);
        let o = match o.decision.verdict {
            Verdict::Refuted => {
                confirm(kind, params, l, &ra, &bs, side, decide).unwrap_or_else(|| Outcome {
                    decision: Decision::unknown(crate::ir::Cause::NotShown(format!(
                        "refuted over a box larger than {text}, not at an admissible point: {}",
                        o.decision.reason
                    ))),
                    uniform: true,
                    regions: vec![],
                })
            }
            _ => o,
        };
        out.push(region(text, o));
    }
    // order: below, on, above (already)
    Some(out)
}

/// A parameter name not in use.
fn fresh(params: &ParamBox, base: &str) -> String {
    let mut name = base.to_string();
    let mut i = 1;
    while params.get(&name).is_some() {
        name = format!("{base}{i}");
        i += 1;
    }
    name
}

/// The refutation over the larger box, checked at one admissible point of
/// the piece (b in the middle of its range, a halfway between r(b) and the
/// end of a's range on that side).
fn confirm(
    kind: &ClaimKind,
    params: &ParamBox,
    l: &Line,
    ra: &Constraint,
    bs: &Constraint,
    side: i32,
    decide: &DecidePiece,
) -> Option<Outcome> {
    let end = if side < 0 { &ra.lo } else { &ra.hi };
    let samples = bs.samples();
    // a few b values, from the middle out, and a halfway to the range's
    // end or a unit step past r(b)
    let mut tries = 0;
    for b0 in samples
        .iter()
        .skip(samples.len() / 2)
        .chain(samples.iter().take(samples.len() / 2))
    {
        let r0 = l.r(b0);
        let step = Q::from_integer(side.into());
        let candidates = match end {
            Endpoint::Finite { value, .. } => vec![
                (&r0 + value) / Q::from_integer(2.into()),
                (&r0 + value * Q::from_integer(9.into())) / Q::from_integer(10.into()),
            ],
            Endpoint::Infinite => vec![&r0 + &step, &r0 + step * Q::from_integer(10.into())],
        };
        for a0 in candidates {
            let ok = ra.contains(&a0) && (if side < 0 { a0 < r0 } else { a0 > r0 });
            if !ok {
                continue;
            }
            tries += 1;
            if tries > MAX_CONFIRM {
                return None;
            }
            if let Some(o) = refuted_at(kind, params, l, &a0, b0, decide) {
                return Some(o);
            }
        }
    }
    None
}

/// Most admissible points tried to confirm a refutation off the line.
const MAX_CONFIRM: usize = crate::limits::LIMITS.case_confirm_points;

/// The claim decided with exact values for both parameters: `Some` when
/// it is refuted there.
fn refuted_at(
    kind: &ClaimKind,
    params: &ParamBox,
    l: &Line,
    a0: &Q,
    b0: &Q,
    decide: &DecidePiece,
) -> Option<Outcome> {
    let (va, vb) = (Expr::Num(a0.clone()), Expr::Num(b0.clone()));
    let k = kind.map_exprs(&|e| e.subst_param(&l.a, &va).subst_param(&l.b, &vb));
    let mut p = params.clone();
    p.params.remove(&l.a);
    p.params.remove(&l.b);
    let o = decide(&k, &p, super::MAX_DEPTH);
    (o.decision.verdict == Verdict::Refuted).then(|| Outcome {
        decision: Decision::refuted(format!(
            "fails for {} = {}, {} = {}: {}",
            l.a,
            fmt_q(a0),
            l.b,
            fmt_q(b0),
            o.decision.reason
        )),
        uniform: false,
        regions: vec![],
    })
}

/// A box of (b, x) containing every admissible (a, b) with
/// a = r(b) + side*x, x > 0: b where such an x exists, x below the widest
/// gap between r(b) and the end of a's range on that side.
fn off_box(
    l: &Line,
    ra: &Constraint,
    rb: &Constraint,
    side: i32,
) -> Option<(Constraint, Constraint)> {
    // exists x > 0 with r(b) + side*x in A  <=>  r(b) < hi_A (side > 0) or
    // r(b) > lo_A (side < 0), with an open end
    let beyond = if side < 0 {
        Constraint {
            lo: open(&ra.lo),
            hi: Endpoint::Infinite,
        }
    } else {
        Constraint {
            lo: Endpoint::Infinite,
            hi: open(&ra.hi),
        }
    };
    let bs = intersect(rb, &preimage(l, &beyond))?;
    // x < sup over b of |r(b) - end of A on that side|
    let img = image(l, &bs);
    let xhi = match (side < 0, &ra.lo, &ra.hi, &img.hi, &img.lo) {
        (true, Endpoint::Finite { value: lo, .. }, _, Endpoint::Finite { value: rmax, .. }, _) => {
            Endpoint::Finite {
                value: rmax - lo,
                closed: true,
            }
        }
        (false, _, Endpoint::Finite { value: hi, .. }, _, Endpoint::Finite { value: rmin, .. }) => {
            Endpoint::Finite {
                value: hi - rmin,
                closed: true,
            }
        }
        _ => Endpoint::Infinite,
    };
    let xs = Constraint {
        lo: Endpoint::Finite {
            value: Q::zero(),
            closed: false,
        },
        hi: xhi,
    };
    (!xs.is_empty()).then_some((bs, xs))
}

fn open(e: &Endpoint) -> Endpoint {
    match e {
        Endpoint::Finite { value, .. } => Endpoint::Finite {
            value: value.clone(),
            closed: false,
        },
        Endpoint::Infinite => Endpoint::Infinite,
    }
}

/// The image of an interval of b under r (affine, k != 0).
fn image(l: &Line, rb: &Constraint) -> Constraint {
    map_interval(rb, &|b| l.r(b), l.k.is_positive())
}

/// The values of b with r(b) in the interval of a.
fn preimage(l: &Line, ra: &Constraint) -> Constraint {
    map_interval(ra, &|a| (a - &l.c) / &l.k, l.k.is_positive())
}

/// The image of an interval under a monotone map (`increasing` or not).
fn map_interval(c: &Constraint, f: &dyn Fn(&Q) -> Q, increasing: bool) -> Constraint {
    let map = |e: &Endpoint| match e.finite() {
        Some((value, closed)) => Endpoint::Finite {
            value: f(value),
            closed,
        },
        None => Endpoint::Infinite,
    };
    let (lo, hi) = (map(&c.lo), map(&c.hi));
    if increasing {
        Constraint { lo, hi }
    } else {
        Constraint { lo: hi, hi: lo }
    }
}

/// The intersection of two intervals, `None` when empty.
fn intersect(x: &Constraint, y: &Constraint) -> Option<Constraint> {
    // the tighter of two ends: `later` picks the larger (lower ends) or the
    // smaller (upper ends) value; equal values keep a closed end only if
    // both are closed
    let tighter = |p: &Endpoint, q: &Endpoint, larger: bool| match (p.finite(), q.finite()) {
        (None, _) => q.clone(),
        (_, None) => p.clone(),
        (Some((a, ca)), Some((b, cb))) => {
            if a == b {
                Endpoint::Finite {
                    value: a.clone(),
                    closed: ca && cb,
                }
            } else if (a > b) == larger {
                p.clone()
            } else {
                q.clone()
            }
        }
    };
    let c = Constraint {
        lo: tighter(&x.lo, &y.lo, true),
        hi: tighter(&x.hi, &y.hi, false),
    };
    (!c.is_empty()).then_some(c)
}
