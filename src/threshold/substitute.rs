//! Range bounds substituted into the sides of a threshold claim: `small
//! <= big for n >= N` with `fn`s becomes a fn-free claim once each `fn` is
//! replaced by a bound valid on the whole range, in a position where the
//! side provably moves monotonically with it (its upper bound where the side
//! must be raised, its lower bound where lowered). Every sign fact that
//! monotonicity needs (a factor's sign, a denominator's or a power base's
//! positivity) is certified on the whole range n >= N with
//! [`super::decide_from`]. Used for range hypotheses about `fn`s and for
//! the certified enclosures of subexpressions (`enclosure`).

use crate::ir::{Cmp, Expr, FnFreeFactor, Func, ParamBox, Verdict};
use std::collections::{BTreeMap, BTreeSet};

/// Substitutions along one chain of bounds (G <= h(H), H <= ...).
const MAX_HOPS: usize = crate::limits::LIMITS.substitution_hops;
/// Sign facts certified per claim (each one a `decide_from` call).
const MAX_SIGN_CHECKS: usize = crate::limits::LIMITS.substitution_sign_checks;
/// Nesting guard for the substitution.
const MAX_DEPTH: usize = crate::limits::LIMITS.derived_nesting;
/// Substitution steps per claim (positivity checks re-enter the substitution).
const MAX_STEPS: usize = crate::limits::LIMITS.substitution_steps;

/// One usable bound: its index (in the hypotheses, or in a list of range
/// bounds), `fn`, upper?, bound (as written).
pub(crate) struct Bound {
    pub idx: usize,
    pub subject: String,
    pub up: bool,
    pub bound: Expr,
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
        let d = super::decide_from(x, op, &Expr::int(0), self.from, self.params, self.var);
        let ok = d.verdict == Verdict::Proved;
        if !ok {
            self.note(format!(
                "{} is not certified {} for every {} >= {} ({})",
                crate::reason::expr(x, self.var),
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
                crate::reason::expr(x, self.var),
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
        crate::stack::guard!(self.subst(e, up, used, hops, depth));
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
                if let Some(f) = FnFreeFactor::of(a, b) {
                    let w = if self.sign_fn_free(f.c, true) {
                        up
                    } else if self.negative(f.c) {
                        !up
                    } else {
                        return e.clone();
                    };
                    return f.with(self.subst(f.x, w, used, hops, d));
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
                    crate::reason::expr(e, self.var)
                ));
                e.clone()
            }
        }
    }
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

pub(crate) fn substitute(
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
