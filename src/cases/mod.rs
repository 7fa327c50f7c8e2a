//! Case analysis over a parameter: when a claim's decision hinges on the
//! sign of a parameter expression that the engines cannot settle over the
//! whole box (`sign of 1/2 - (1 + a)/(2 + a) unknown`), the admissible
//! range of that parameter is split at the expression's zeros and each
//! piece, open intervals and the split points themselves, is decided on
//! its own. At a split point the sides of the claim can merge (`n^a` and
//! `sqrt(n)` at a = 1/2), so the points are decided exactly, with the
//! parameter substituted.
//!
//! The zeros come from the expression as a rational function of one
//! parameter (`exact::poly`): rational zeros are split points; an
//! irrational zero is enclosed in an interval with rational ends, which
//! becomes a piece of its own (usually undecided: `show when` names it). A
//! piece may be cut again on another parameter, so regions are boxes. An
//! expression linear in two parameters cuts along its zero line instead
//! (`line`).
//!
//! Soundness: the pieces cover the admissible range exactly, without
//! overlap, so a claim proved on every piece is proved; a piece is a
//! nonempty set of admissible values, so a claim refuted on one piece is
//! refuted (and the caller names a breaking value of that piece). Anything
//! else is `unknown`. The split points only decide where to cut: a badly
//! chosen cut costs work, never a wrong verdict.

use crate::exact::poly::real_roots;
use crate::ir::{fmt_q, ClaimKind, Constraint, Decision, Endpoint, Expr, ParamBox, Verdict, Q};
use crate::reason::step;
use num_traits::Zero;
use std::cell::Cell;

mod line;

/// Deepest nesting of case splits (one level a parameter).
pub const MAX_DEPTH: usize = crate::limits::LIMITS.case_depth;
/// Most pieces decided for one claim, over all levels.
const MAX_PIECES: usize = crate::limits::LIMITS.case_pieces;
/// Most split points of one parameter.
const MAX_POINTS: usize = crate::limits::LIMITS.case_points;

/// One piece of the admissible values: a box given by the parameters cut
/// so far, outermost first, each with its range (a point is a closed
/// interval with equal ends), and the verdict there.
#[derive(Clone, Debug)]
pub struct Region {
    pub cuts: Vec<(String, Constraint)>,
    /// A region that is not a box (`a < b`): its condition and the two
    /// parameters it relates. The cuts are then empty.
    pub line: Option<(String, [String; 2])>,
    pub decision: Decision,
    /// The verdict holds at every value of the box (a refutation from a
    /// single sample point is not uniform).
    pub uniform: bool,
}

/// The decision on one piece: the verdict, whether it is uniform, and,
/// when the piece was itself cut, its regions.
pub struct Outcome {
    pub decision: Decision,
    pub uniform: bool,
    pub regions: Vec<Region>,
}

/// How one piece is decided: the claim, the piece's parameter box, the
/// depth of cutting so far.
pub type DecidePiece<'a> = dyn Fn(&ClaimKind, &ParamBox, usize) -> Outcome + 'a;

/// Work left for one top-level case analysis, in pieces.
pub struct Budget(Cell<usize>);

impl Budget {
    pub fn new() -> Budget {
        Budget(Cell::new(MAX_PIECES))
    }
    fn take(&self, n: usize) -> bool {
        let left = self.0.get();
        if left < n {
            return false;
        }
        self.0.set(left - n);
        true
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new()
    }
}

/// The claim decided by cases on one parameter, or `None` when no sign
/// question of the engine gives a parameter range to split (or the budget
/// is spent).
pub fn split(
    kind: &ClaimKind,
    params: &ParamBox,
    var: &str,
    depth: usize,
    budget: &Budget,
    decide: &DecidePiece,
) -> Option<Vec<Region>> {
    if depth >= MAX_DEPTH {
        return None;
    }
    let (name, points) = match plan(kind, params, var)? {
        Plan::Points(name, points) => (name, points),
        Plan::Line(l) => return line::split(kind, params, &l, budget, decide),
    };
    let range = params.get(&name)?.clone();
    let pieces = pieces(&range, &points);
    if !budget.take(pieces.len()) {
        return None;
    }
    let mut out = Vec::new();
    for piece in pieces {
        let (sub_kind, sub_params) = restrict(kind, params, &name, &piece);
        let o = decide(&sub_kind, &sub_params, depth + 1);
        let here = (name.clone(), piece);
        if o.regions.is_empty() {
            out.push(Region {
                cuts: vec![here],
                line: None,
                decision: o.decision,
                uniform: o.uniform,
            });
        } else {
            for mut r in o.regions {
                // a piece cut again on the same parameter: the inner range
                // lies inside this one and says all
                if !r.cuts.iter().any(|(n, _)| *n == name) {
                    r.cuts.insert(0, here.clone());
                }
                out.push(r);
            }
        }
    }
    Some(out)
}

/// The verdict on the whole range from the verdicts on its pieces.
pub fn combine(regions: &[Region]) -> Decision {
    if let Some(r) = regions
        .iter()
        .find(|r| r.decision.verdict == Verdict::Refuted)
    {
        return Decision::refuted(format!(
            "fails for {}: {}",
            box_condition(r),
            r.decision.reason
        ));
    }
    let names = region_names(regions).join(" and ");
    if let Some(r) = regions
        .iter()
        .find(|r| r.decision.verdict != Verdict::Proved)
    {
        return Decision::unknown(crate::ir::Cause::within(
            &format!("by cases on {names}: undecided for {}: ", box_condition(r)),
            r.decision.reason.clone().into_cause(),
            "",
        ));
    }
    let steps: String = regions
        .iter()
        .map(|r| step(&format!("{}: {}", box_condition(r), r.decision.reason)))
        .collect();
    let pieces = if regions.len() <= 4 {
        let conds: Vec<String> = regions.iter().map(box_condition).collect();
        format!("proved for {}", conds.join(" and for "))
    } else {
        format!("proved on each of {} pieces", regions.len())
    };
    Decision::proved(format!("by cases on {names}: {pieces}{steps}"))
}

/// The parameters the regions are cut on, in order of first appearance.
fn region_names(regions: &[Region]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for r in regions {
        let here = r.cuts.iter().map(|(n, _)| n.as_str()).chain(
            r.line
                .iter()
                .flat_map(|(_, pair)| pair.iter().map(|n| n.as_str())),
        );
        for n in here {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// `0 < a < 1/2, b = 1`: the conditions of a region's box.
fn box_condition(r: &Region) -> String {
    if let Some((l, _)) = &r.line {
        return l.clone();
    }
    r.cuts
        .iter()
        .map(|(n, c)| condition(n, c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adjacent regions with the same verdict joined, for `show when` (the
/// reason kept is the first piece's): first pieces of the innermost cut
/// under the same outer box, then outer pieces whose inner regions are the
/// same.
pub fn merge(regions: Vec<Region>) -> Vec<Region> {
    let same =
        |a: &Region, b: &Region| a.decision.verdict == b.decision.verdict && a.uniform == b.uniform;
    let mut inner: Vec<Region> = Vec::new();
    for r in regions {
        if let Some(last) = inner.last_mut() {
            let k = r.cuts.len();
            if k > 0
                && last.cuts.len() == k
                && last.cuts[..k - 1] == r.cuts[..k - 1]
                && last.cuts[k - 1].0 == r.cuts[k - 1].0
                && same(last, &r)
            {
                last.cuts[k - 1].1.hi = r.cuts[k - 1].1.hi.clone();
                continue;
            }
        }
        inner.push(r);
    }
    // blocks: maximal runs sharing the outermost cut
    let mut blocks: Vec<Vec<Region>> = Vec::new();
    for r in inner {
        match blocks.last_mut() {
            Some(b) if b[0].cuts.first() == r.cuts.first() => b.push(r),
            _ => blocks.push(vec![r]),
        }
    }
    let mut out: Vec<Vec<Region>> = Vec::new();
    for b in blocks {
        if let Some(last) = out.last_mut() {
            let alike = last.len() == b.len()
                && last.iter().zip(&b).all(|(x, y)| {
                    x.cuts.len() == y.cuts.len()
                        && !x.cuts.is_empty()
                        && x.cuts[0].0 == y.cuts[0].0
                        && x.cuts[1..] == y.cuts[1..]
                        && same(x, y)
                });
            if alike {
                for (x, y) in last.iter_mut().zip(&b) {
                    x.cuts[0].1.hi = y.cuts[0].1.hi.clone();
                }
                continue;
            }
        }
        out.push(b);
    }
    out.into_iter().flatten().collect()
}

/// `a = 1/2`, `0 < a < 1/2`, `a > 1/2`, `1/2 <= a <= 1`.
pub fn condition(name: &str, c: &Constraint) -> String {
    if let Some(p) = point_of(c) {
        return format!("{name} = {}", fmt_q(p));
    }
    let op =
        |closed: bool, strict: &'static str, weak: &'static str| if closed { weak } else { strict };
    match (c.lo.finite(), c.hi.finite()) {
        (Some((a, ca)), Some((b, cb))) => format!(
            "{} {} {name} {} {}",
            fmt_q(a),
            op(ca, "<", "<="),
            op(cb, "<", "<="),
            fmt_q(b)
        ),
        (Some((a, ca)), None) => format!("{name} {} {}", op(ca, ">", ">="), fmt_q(a)),
        (None, Some((b, cb))) => format!("{name} {} {}", op(cb, "<", "<="), fmt_q(b)),
        (None, None) => format!("every real {name}"),
    }
}

fn point_of(c: &Constraint) -> Option<&Q> {
    match (c.lo.finite(), c.hi.finite()) {
        (Some((a, true)), Some((b, true))) if a == b => Some(a),
        _ => None,
    }
}

/// The parameter to split and the cut points inside its range: from the
/// first sign question of the engine that is a rational function of one
/// parameter with zeros (or poles) strictly inside that parameter's range.
/// Where to cut: a parameter at points, or two parameters along a line.
enum Plan {
    Points(String, Vec<Q>),
    Line(line::Line),
}

/// The cut for this claim: at the zeros of the first sign question of the
/// engine that is a rational function of one parameter (see
/// [`split_points`]); else along the zero line of the first question that
/// is linear in two parameters.
fn plan(kind: &ClaimKind, params: &ParamBox, var: &str) -> Option<Plan> {
    let mut questions = crate::asymptotic::sign_questions(kind, params, var);
    if questions.is_empty() {
        let simple = kind.map_exprs(&|e| crate::simplify::simplify(e, params));
        if simple != *kind {
            questions = crate::asymptotic::sign_questions(&simple, params, var);
        }
    }
    let fs: Vec<crate::exact::poly::RatFn> = questions
        .iter()
        .filter_map(|q| q.rational_function())
        .collect();
    if let Some((name, points)) = split_points(&fs, params) {
        return Some(Plan::Points(name, points));
    }
    fs.iter()
        .find_map(|f| line::Line::of(f, params))
        .map(Plan::Line)
}

fn split_points(fs: &[crate::exact::poly::RatFn], params: &ParamBox) -> Option<(String, Vec<Q>)> {
    for f in fs {
        let vars: Vec<String> = f.num.vars().union(&f.den.vars()).cloned().collect();
        let [name] = vars.as_slice() else { continue };
        let Some(range) = params.get(name) else {
            continue;
        };
        let lo = range.lo.finite().map(|(v, _)| v);
        let hi = range.hi.finite().map(|(v, _)| v);
        let mut points: Vec<Q> = Vec::new();
        for p in [&f.num, &f.den] {
            let Some(dense) = p.univariate(name) else {
                continue;
            };
            if dense.iter().all(|c| c.is_zero()) {
                continue;
            }
            let Some(roots) = real_roots(&dense, lo, hi) else {
                continue;
            };
            points.extend(roots.rational);
            for (a, b) in roots.isolated {
                points.push(a);
                points.push(b);
            }
        }
        // a zero at a closed end of the range is a piece of its own too
        for end in [&range.lo, &range.hi] {
            if let Endpoint::Finite {
                value,
                closed: true,
            } = end
            {
                let zero = [&f.num, &f.den].iter().any(|p| {
                    p.univariate(name).is_some_and(|d| {
                        !d.is_empty() && crate::exact::poly::eval(&d, value).is_zero()
                    })
                });
                if zero {
                    points.push(value.clone());
                }
            }
        }
        points.sort();
        points.dedup();
        if !points.is_empty() && points.len() <= MAX_POINTS {
            return Some((name.clone(), points));
        }
    }
    None
}

/// The range cut at the points (strictly inside it): open pieces between
/// them and each point as a closed piece of its own, in increasing order.
fn pieces(range: &Constraint, points: &[Q]) -> Vec<Constraint> {
    let mut out = Vec::new();
    let mut lo = range.lo.clone();
    // only admissible points cut (a closed end may: it becomes a point piece)
    for p in points.iter().filter(|p| range.contains(p)) {
        out.push(Constraint {
            lo: lo.clone(),
            hi: Endpoint::Finite {
                value: p.clone(),
                closed: false,
            },
        });
        out.push(Constraint {
            lo: Endpoint::Finite {
                value: p.clone(),
                closed: true,
            },
            hi: Endpoint::Finite {
                value: p.clone(),
                closed: true,
            },
        });
        lo = Endpoint::Finite {
            value: p.clone(),
            closed: false,
        };
    }
    out.push(Constraint {
        lo,
        hi: range.hi.clone(),
    });
    out.retain(|c| !c.is_empty());
    out
}

/// The claim on one piece: a point is substituted (the engines then see
/// the exact value, where sides can merge), a range replaces the
/// parameter's constraint.
fn restrict(
    kind: &ClaimKind,
    params: &ParamBox,
    name: &str,
    piece: &Constraint,
) -> (ClaimKind, ParamBox) {
    let mut sub = params.clone();
    if let Some(p) = point_of(piece) {
        let value = Expr::Num(p.clone());
        sub.params.remove(name);
        return (kind.map_exprs(&|e| e.subst_param(name, &value)), sub);
    }
    sub.params.insert(name.to_string(), piece.clone());
    (kind.clone(), sub)
}

/// The text of `show when`: `holds iff a <= 1/2: proved for a in (0, 1/2],
/// refuted for a in (1/2, 1)`. "holds iff" is said only when every region
/// is proved, or refuted at every one of its values.
pub fn describe(regions: &[Region], params: &ParamBox) -> String {
    let parts: Vec<String> = regions
        .iter()
        .map(|r| {
            let boxes: Vec<String> = match &r.line {
                Some((l, _)) => vec![l.clone()],
                None => r.cuts.iter().map(|(n, c)| range_text(n, c)).collect(),
            };
            let mut s = format!("{} for {}", r.decision.verdict.name(), boxes.join(", "));
            if r.decision.verdict == Verdict::Unknown
                || (r.decision.verdict == Verdict::Refuted && !r.uniform)
            {
                s.push_str(&format!(" ({})", r.decision.reason));
            }
            s
        })
        .collect();
    let names = region_names(regions).join(", ");
    let settled = regions.iter().all(|r| {
        r.decision.verdict == Verdict::Proved
            || (r.decision.verdict == Verdict::Refuted && r.uniform)
    });
    let proved: Vec<String> = regions
        .iter()
        .filter(|r| r.decision.verdict == Verdict::Proved)
        .map(|r| condition_of(r, params))
        .collect();
    let header = if proved.len() == regions.len() {
        format!("holds for every admissible {names}: ")
    } else if settled && proved.is_empty() {
        format!("fails for every admissible {names}: ")
    } else if settled {
        format!("holds iff {}: ", proved.join(" or "))
    } else {
        String::new()
    };
    // one parameter: `proved for a in (0, 1/2], refuted for a in (1/2, 1)`;
    // boxes of several are separated by `;`
    let sep = if regions.iter().any(|r| r.cuts.len() > 1) {
        "; "
    } else {
        ", "
    };
    format!("{header}{}", parts.join(sep))
}

/// The condition of a region inside the declared ranges, its cuts joined by
/// "and" (`a <= 1/2 and b > 1/2`).
pub fn condition_of(r: &Region, params: &ParamBox) -> String {
    if let Some((l, _)) = &r.line {
        return l.clone();
    }
    if r.cuts.is_empty() {
        return "every admissible value".to_string();
    }
    r.cuts
        .iter()
        .map(|(n, c)| condition_within(n, c, params))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// `a in (0, 1/2]`, `a = 1/2`, `a > 1/2`.
pub fn range_text(name: &str, c: &Constraint) -> String {
    match point_of(c) {
        Some(p) => format!("{name} = {}", fmt_q(p)),
        None => format!("{name} {c}"),
    }
}

/// The condition of a region inside the parameter's declared range: the
/// ends it shares with the declared range go unsaid (`a <= 1/2` for the
/// region (0, 1/2] of `a in (0, 1)`).
pub fn condition_within(name: &str, c: &Constraint, params: &ParamBox) -> String {
    let Some(declared) = params.get(name) else {
        return condition(name, c);
    };
    if point_of(c).is_some() {
        return condition(name, c);
    }
    let trimmed = Constraint {
        lo: if c.lo == declared.lo {
            Endpoint::Infinite
        } else {
            c.lo.clone()
        },
        hi: if c.hi == declared.hi {
            Endpoint::Infinite
        } else {
            c.hi.clone()
        },
    };
    condition(name, &trimmed)
}
