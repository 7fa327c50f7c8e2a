//! Threshold claims with `fn`s: `A <= B for n >= N` (also `<`, `>=`, `>`)
//! and `A <= B at n = N`, proved from inequality hypotheses that hold on a
//! stated range (`assume G <= f for n >= N0` with N0 <= N, certified
//! exactly). Each `fn` in a position where the claim's side provably moves
//! monotonically with it is replaced by its bound (its upper bound where the
//! side must be raised, its lower bound where lowered); every sign fact that
//! monotonicity needs (a factor's sign, a denominator's or a power base's
//! positivity, a `fn`'s own positivity) is certified on the whole range
//! n >= N with `threshold::decide_from`, never assumed from eventual facts.
//! The fn-free claim left is then decided by `threshold::decide_from` (or
//! `decide_at`). `eventually` and Landau hypotheses say nothing on a fixed
//! range and are never used here; refutations stay with `witness` (concrete
//! functions checked against every hypothesis on its own range).

use super::short;
use crate::exact::eval::eval;
use crate::exact::Interval;
use crate::ir::{ClaimKind, Cmp, Decision, Expr, Func, Hypotheses, ParamBox, Range, Verdict, Q};
use crate::threshold::Certificate;
use num_traits::One;
use std::collections::{BTreeMap, BTreeSet};

/// Substitutions along one chain of bounds (G <= h(H), H <= ...).
const MAX_HOPS: usize = 6;
/// Sign facts certified per claim (each one a `decide_from` call).
const MAX_SIGN_CHECKS: usize = 24;
/// Nesting guard for the substitution.
const MAX_DEPTH: usize = 4 * crate::syntax::MAX_DEPTH;
/// Substitution steps per claim (positivity checks re-enter the substitution).
const MAX_STEPS: usize = 20_000;

/// One usable bound: hypothesis index, `fn`, upper?, bound (as written).
struct Bound {
    idx: usize,
    subject: String,
    up: bool,
    bound: Expr,
}

struct Ctx<'a> {
    bounds: Vec<Bound>,
    from: &'a Expr,
    params: &'a ParamBox,
    var: &'a str,
    /// Certified positivity / negativity of fn-free expressions on the range.
    signs: BTreeMap<(Expr, bool), bool>,
    checks: usize,
    steps: usize,
    /// The first obstacle met (for the unknown reason).
    obstacle: Option<String>,
}

/// A constant expression as an exact enclosure [lo, hi], if it has one.
fn enclose(e: &Expr) -> Option<(Q, Q)> {
    if e.has_var() || !e.params().is_empty() || e.has_fn() {
        return None;
    }
    let v = eval(e, &Interval::point(Q::one()), &BTreeMap::new(), 256)?;
    let (lo, _) = v.lo?;
    let (hi, _) = v.hi?;
    Some((lo, hi))
}

impl Ctx<'_> {
    fn note(&mut self, why: String) {
        if self.obstacle.is_none() {
            self.obstacle = Some(why);
        }
    }

    /// Is the fn-free `x` certified > 0 (`pos`) or < 0 on every n >= N?
    fn sign_fn_free(&mut self, x: &Expr, pos: bool) -> bool {
        if let Some(v) = self.signs.get(&(x.clone(), pos)) {
            return *v;
        }
        if self.checks >= MAX_SIGN_CHECKS {
            self.note("the budget of certified sign facts ran out".into());
            return false;
        }
        self.checks += 1;
        let op = if pos { Cmp::Gt } else { Cmp::Lt };
        let (d, _) =
            crate::threshold::decide_from(x, op, &Expr::int(0), self.from, self.params, self.var);
        let ok = d.verdict == Verdict::Proved;
        if !ok {
            self.note(format!(
                "{} is not certified {} for every {} >= {} ({})",
                short(x, self.var),
                if pos { "positive" } else { "negative" },
                self.var,
                self.from.display(self.var),
                d.reason
            ));
        }
        self.signs.insert((x.clone(), pos), ok);
        ok
    }

    /// Is `x` > 0 on every n >= N for every admissible function? The
    /// hypotheses used are added to `used`.
    fn positive(&mut self, x: &Expr, used: &mut BTreeSet<usize>, depth: usize) -> bool {
        if !x.has_fn() {
            return self.sign_fn_free(x, true);
        }
        let mut trial = BTreeSet::new();
        let lo = self.subst(x, false, &mut trial, 0, depth + 1);
        if lo.has_fn() {
            self.note(format!(
                "{} is not shown positive for every {}: its `fn`s need range bounds (`G >= ... for n >= N0`, and `<=` ones under a subtraction or a denominator) that make a fn-free lower bound of it there",
                short(x, self.var),
                crate::ir::var_from(self.var, &self.from.to_string())
            ));
            return false;
        }
        if self.sign_fn_free(&lo, true) {
            used.extend(trial);
            true
        } else {
            false
        }
    }

    fn negative(&mut self, x: &Expr) -> bool {
        !x.has_fn() && self.sign_fn_free(x, false)
    }

    /// `e'` with `e <= e'` (`up`) or `e >= e'` on every n >= N, for every
    /// function satisfying the hypotheses; `used` collects those used.
    fn subst(
        &mut self,
        e: &Expr,
        up: bool,
        used: &mut BTreeSet<usize>,
        hops: usize,
        depth: usize,
    ) -> Expr {
        if !e.has_fn() {
            return e.clone();
        }
        self.steps += 1;
        if depth > MAX_DEPTH || self.steps > MAX_STEPS {
            self.note("the substitution budget ran out (expression too deep or too large)".into());
            return e.clone();
        }
        let d = depth + 1;
        match e {
            Expr::Fn(g) => {
                let found = self
                    .bounds
                    .iter()
                    .find(|b| b.subject == *g && b.up == up)
                    .map(|b| (b.idx, b.bound.clone()));
                match found {
                    Some((idx, h)) => {
                        used.insert(idx);
                        if hops + 1 < MAX_HOPS {
                            self.subst(&h, up, used, hops + 1, d)
                        } else {
                            if h.has_fn() {
                                self.note(format!(
                                    "the chain of range bounds from `{g}` is a cycle or longer than {MAX_HOPS} hops"
                                ));
                            }
                            h
                        }
                    }
                    None => {
                        self.note(format!(
                            "needs a hypothesis `{g} {} ... for {} >= N0` with N0 <= {} (`eventually` and Landau hypotheses say nothing on a fixed range)",
                            if up { "<=" } else { ">=" },
                            self.var,
                            self.from.display(self.var)
                        ));
                        e.clone()
                    }
                }
            }
            Expr::Neg(a) => Expr::neg(self.subst(a, !up, used, hops, d)),
            Expr::Add(a, b) => Expr::add(
                self.subst(a, up, used, hops, d),
                self.subst(b, up, used, hops, d),
            ),
            Expr::Sub(a, b) => Expr::sub(
                self.subst(a, up, used, hops, d),
                self.subst(b, !up, used, hops, d),
            ),
            Expr::Mul(a, b) => {
                if !a.has_fn() || !b.has_fn() {
                    let (c, x, c_first) = if !a.has_fn() {
                        (a, b, true)
                    } else {
                        (b, a, false)
                    };
                    let w = if self.sign_fn_free(c, true) {
                        up
                    } else if self.negative(c) {
                        !up
                    } else {
                        return e.clone();
                    };
                    let x2 = self.subst(x, w, used, hops, d);
                    return if c_first {
                        Expr::mul((**c).clone(), x2)
                    } else {
                        Expr::mul(x2, (**c).clone())
                    };
                }
                // both factors vary: both must be positive on the range,
                // and a lowered factor must stay positive
                let mut trial = BTreeSet::new();
                if !(self.positive(a, &mut trial, d) && self.positive(b, &mut trial, d)) {
                    return e.clone();
                }
                let (a2, b2) = (
                    self.subst(a, up, &mut trial, hops, d),
                    self.subst(b, up, &mut trial, hops, d),
                );
                let lowered_positive =
                    up || (self.positive(&a2, &mut trial, d) && self.positive(&b2, &mut trial, d));
                if !lowered_positive {
                    return e.clone();
                }
                used.extend(trial);
                Expr::mul(a2, b2)
            }
            Expr::Div(a, b) => {
                let mut trial = BTreeSet::new();
                if !self.positive(b, &mut trial, d) {
                    return e.clone();
                }
                let a2 = self.subst(a, up, &mut trial, hops, d);
                if !b.has_fn() {
                    used.extend(trial);
                    return Expr::div(a2, (**b).clone());
                }
                // a / b moves against b only where a >= 0: a2 must be
                // positive (then a >= a2 > 0 when lowering; a2 >= a when
                // raising needs a >= 0, certified through a itself)
                let a_pos = if up {
                    self.positive(a, &mut trial, d)
                } else {
                    self.positive(&a2, &mut trial, d)
                };
                if !a_pos {
                    return e.clone();
                }
                let b2 = self.subst(b, !up, &mut trial, hops, d);
                if !self.positive(&b2, &mut trial, d) {
                    return e.clone();
                }
                used.extend(trial);
                Expr::div(a2, b2)
            }
            Expr::Pow(a, k) => match &**k {
                Expr::Num(q) => {
                    let mut trial = BTreeSet::new();
                    if !self.positive(a, &mut trial, d) {
                        return e.clone();
                    }
                    let w = if num_traits::Signed::is_negative(q) {
                        !up
                    } else {
                        up
                    };
                    let a2 = self.subst(a, w, &mut trial, hops, d);
                    if !self.positive(&a2, &mut trial, d) {
                        return e.clone();
                    }
                    used.extend(trial);
                    Expr::pow(a2, (**k).clone())
                }
                _ => e.clone(),
            },
            Expr::Call(f @ (Func::Sqrt | Func::Log | Func::Log2 | Func::Log10), args)
                if args.len() == 1 =>
            {
                let mut trial = BTreeSet::new();
                let Some(arg) = args.first() else {
                    return e.clone();
                };
                if !self.positive(arg, &mut trial, d) {
                    return e.clone();
                }
                let a2 = self.subst(arg, up, &mut trial, hops, d);
                if !self.positive(&a2, &mut trial, d) {
                    return e.clone();
                }
                used.extend(trial);
                Expr::call1(*f, a2)
            }
            Expr::Call(Func::Exp, args) if args.len() == 1 => match args.first() {
                Some(arg) => Expr::call1(Func::Exp, self.subst(arg, up, used, hops, d)),
                None => e.clone(),
            },
            _ => {
                self.note(format!(
                    "{} is not monotone in its `fn`s in a form handled here",
                    short(e, self.var)
                ));
                e.clone()
            }
        }
    }
}

/// Decide a threshold claim (`for n >= N` or `at n = N`) with `fn`s: proved
/// by substitution of range hypotheses, else refuted by `witness`, else
/// unknown naming what is missing. `None` when `kind` is no such claim.
pub(crate) fn decide(
    kind: &ClaimKind,
    hyps: &Hypotheses,
    params: &ParamBox,
    var: &str,
    refute: &mut dyn FnMut() -> Option<Decision>,
) -> Option<(Decision, Option<Certificate>)> {
    let ClaimKind::Ineq {
        lhs,
        op,
        rhs,
        range,
    } = kind
    else {
        return None;
    };
    let (from, at) = match range {
        Range::From(n) => (n, false),
        Range::At(n) => (n, true),
        Range::Eventually => return None,
    };
    let (strict, small, big) = match op {
        Cmp::Le => (false, lhs, rhs),
        Cmp::Lt => (true, lhs, rhs),
        Cmp::Ge => (false, rhs, lhs),
        Cmp::Gt => (true, rhs, lhs),
        Cmp::Eq | Cmp::Ne => {
            let d = refute().unwrap_or_else(|| {
                Decision::unknown(
                    "`==` and `!=` at a point with a `fn`: a hypothesis bounds a `fn`, it never fixes its value at one point",
                )
            });
            return Some((d, None));
        }
    };
    let proof = prove(small, big, strict, from, at, hyps, params, var);
    Some(match proof {
        Ok(done) => done,
        Err(why) => (refute().unwrap_or_else(|| Decision::unknown(why)), None),
    })
}

/// A bound on a function of the variable valid for every n >= N (the start
/// of the claim): `subject <= bound` (`up`) or `subject >= bound`.
pub(crate) struct RangeBound {
    pub subject: String,
    pub up: bool,
    pub bound: Expr,
}

/// `small <= big` (or `<`) for every n >= `from`, for every function
/// satisfying the bounds (each holding on the whole range): `Ok((U, L,
/// used))` with `small <= U` and `big >= L` on the range, both free of the
/// bounded functions (`used`: indices of the bounds used); `Err` names what
/// stopped the substitution.
pub(crate) fn substitute_bounds(
    small: &Expr,
    big: &Expr,
    from: &Expr,
    bounds: Vec<RangeBound>,
    params: &ParamBox,
    var: &str,
) -> Result<(Expr, Expr, BTreeSet<usize>), String> {
    let bounds = bounds
        .into_iter()
        .enumerate()
        .map(|(idx, b)| Bound {
            idx,
            subject: b.subject,
            up: b.up,
            bound: b.bound,
        })
        .collect();
    substitute(small, big, from, bounds, params, var)
}

fn substitute(
    small: &Expr,
    big: &Expr,
    from: &Expr,
    bounds: Vec<Bound>,
    params: &ParamBox,
    var: &str,
) -> Result<(Expr, Expr, BTreeSet<usize>), String> {
    let mut ctx = Ctx {
        bounds,
        from,
        params,
        var,
        signs: BTreeMap::new(),
        checks: 0,
        steps: 0,
        obstacle: None,
    };
    let mut used = BTreeSet::new();
    let s2 = ctx.subst(small, true, &mut used, 0, 0);
    let b2 = ctx.subst(big, false, &mut used, 0, 0);
    if s2.has_fn() || b2.has_fn() {
        return Err(ctx.obstacle.unwrap_or_else(|| {
            "the `fn`s could not be replaced by bounds valid on the whole range".into()
        }));
    }
    Ok((s2, b2, used))
}

#[allow(clippy::too_many_arguments)]
fn prove(
    small: &Expr,
    big: &Expr,
    strict: bool,
    from: &Expr,
    at: bool,
    hyps: &Hypotheses,
    params: &ParamBox,
    var: &str,
) -> Result<(Decision, Option<Certificate>), String> {
    let Some((n_lo, _)) = enclose(from) else {
        return Err(format!(
            "the start {} is not an exact constant: range hypotheses cannot be compared with it",
            from.display(var)
        ));
    };
    // Range hypotheses whose range is certified to contain [N, oo).
    let mut bounds = Vec::new();
    let mut late = Vec::new();
    for (idx, h) in hyps.facts.iter().enumerate() {
        let ClaimKind::Ineq {
            range: Range::From(n0),
            ..
        } = &h.kind
        else {
            continue;
        };
        let Ok(facts) = super::normalize(&h.kind, var) else {
            continue;
        };
        let contains = matches!(enclose(n0), Some((_, hi)) if hi <= n_lo);
        if !contains {
            late.push(format!("`{}`", h.text));
            continue;
        }
        for f in facts {
            if f.abs || f.side == super::Side::Equiv {
                continue;
            }
            bounds.push(Bound {
                idx,
                subject: f.subject,
                up: f.side == super::Side::Upper,
                bound: f.bound,
            });
        }
    }
    let tail = if late.is_empty() {
        String::new()
    } else {
        format!(
            " ({} hold only from a start not certified <= {})",
            late.join(", "),
            from.display(var)
        )
    };
    let (s2, b2, used) =
        substitute(small, big, from, bounds, params, var).map_err(|why| format!("{why}{tail}"))?;
    let op = if strict { Cmp::Lt } else { Cmp::Le };
    // identical bounds: no separation to certify, only definedness (for
    // every n >= 1, which contains the range)
    let same = !strict
        && n_lo >= Q::one()
        && (s2 == b2 || crate::asymptotic::exact_zero_difference(&s2, &b2, params))
        && crate::simplify::is_defined_everywhere(&s2, params)
        && crate::simplify::is_defined_everywhere(&b2, params);
    let (d, cert) = if same {
        (
            Decision::proved("the two bounds are the same function, defined for every n >= 1"),
            None,
        )
    } else if at {
        (
            crate::threshold::decide_at(&s2, op, &b2, from, params, var),
            None,
        )
    } else {
        crate::threshold::decide_from(&s2, op, &b2, from, params, var)
    };
    let sym = if strict { "<" } else { "<=" };
    let place = if at {
        format!("at {}", crate::ir::var_at(var, &from.to_string()))
    } else {
        format!("for every {}", crate::ir::var_from(var, &from.to_string()))
    };
    // only the sides that mention a `fn` moved
    let mut moved = Vec::new();
    let (u, l) = (
        super::short_as("U", &s2, var),
        super::short_as("L", &b2, var),
    );
    if small.has_fn() {
        moved.push(format!("{} <= {u}", super::short_as("lhs", small, var)));
    }
    if big.has_fn() {
        moved.push(format!("{} >= {l}", super::short_as("rhs", big, var)));
    }
    let given = moved.join(" and ");
    if d.verdict == Verdict::Proved {
        Ok((
            Decision::proved(format!(
                "by {}{}: {given} {place}, and {u} {sym} {l}: {}",
                crate::reason::named(
                    "hypotheses",
                    "the hypotheses",
                    &super::cite(&hyps.facts, &used)
                ),
                crate::reason::detail(&format!(
                    " (each holding on a range containing {})",
                    crate::ir::var_from(var, &from.to_string())
                )),
                d.reason
            )),
            cert,
        ))
    } else {
        Err(format!(
            "the range hypotheses give {given} {place}, and {} {sym} {} is not proved: {}{tail}",
            short(&s2, var),
            short(&b2, var),
            d.reason
        ))
    }
}
