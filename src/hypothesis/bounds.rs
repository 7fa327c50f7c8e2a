//! Growth bounds of expressions that mention unknown functions (`fn`),
//! derived from the hypotheses and propagated through the operations, each
//! step sound for every function satisfying the hypotheses:
//!
//! - a `fn`: its upper bounds (`O`, `o`, `<=`), lower bounds (`Omega`,
//!   `omega`, `>=`) and equivalent (`~`, `==`), bounds that mention other
//!   `fn`s resolved through theirs (cycles cut);
//! - `a + b` of eventually positive terms: U = U_a + U_b, L = L_a + L_b (or
//!   the lower bounds that exist); a difference only when one part provably
//!   dominates (U of the smaller part = o(L of the larger));
//! - `a * b`: U = U_a U_b, L = L_a L_b; `a / b`: U = U_a / L_b (an upper bound
//!   on a quotient needs a LOWER bound on its denominator), L = L_a / U_b;
//! - `a^k`, `sqrt(a)` with a positive base and a constant exponent: monotone
//!   (k > 0) or antitone (k < 0);
//! - `log(a)`: only when L_a -> oo (then log a = Theta-bounded by log L_a and
//!   log U_a), or U_a -> 0; `log(f) = O(log(g))` needs g -> oo;
//! - `exp(a)`: only for a bounded argument (then Theta(1)): `f = O(g)` does
//!   not give `exp(f) = O(exp(g))`;
//! - `abs`, `min`, `max` of positive arguments.
//!
//! Every bound is a `fn`-free expression of the engine's class, eventually
//! positive, compared only by the asymptotic engine (exact, never sampled).

use crate::ir::{
    Budget, Cause, ClaimKind, Cmp, Decision, Expr, Func, Landau, LimitTarget, ParamBox, Range,
    Verdict,
};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::sync::Arc;

use super::{Engine, Fact, Side};

/// Engine calls one claim's analysis may make before it answers `unknown`.
pub(crate) const CLAIM_CALLS: usize = crate::limits::LIMITS.claim_calls;
/// Engine calls the file-wide preparation (conflicts, model) may make.
pub(crate) const PREPARE_CALLS: usize = crate::limits::LIMITS.prepare_calls;

/// Longest chain of `fn`s whose bounds mention each other (F = O(G), G = O(H), ...).
const MAX_CHAIN: usize = crate::limits::LIMITS.fn_chain;

/// A bound: `e` is fn-free and eventually positive; `strict` for `o`/`omega`;
/// `from` the hypotheses (indices) it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct B {
    pub e: Expr,
    pub strict: bool,
    pub from: BTreeSet<usize>,
}

impl B {
    pub fn exact(e: Expr) -> B {
        B {
            e,
            strict: false,
            from: BTreeSet::new(),
        }
    }
}

/// What is known about an expression E: its eventual strict sign
/// (`Ok(true)` negative, `Ok(false)` positive, `Err(why)` not known), its
/// weak sign (`Some(false)`: E >= 0 for all large n, `Some(true)`: E <= 0;
/// implied by a strict sign, and all that is known of `abs(G - 1)`, which is
/// 0 when G = 1), and bounds on |E|: |E| = O(up), |E| = Omega(lo), |E| ~ eq.
/// A lower bound `lo` (eventually positive) makes E eventually nonzero.
#[derive(Clone, Debug)]
pub(crate) struct Signed {
    pub sign: Result<bool, String>,
    pub weak: Option<bool>,
    pub up: Option<B>,
    pub lo: Option<B>,
    pub eq: Option<B>,
}

impl Signed {
    fn exact(e: Expr, neg: bool) -> Signed {
        let b = B::exact(match (neg, e) {
            (true, Expr::Neg(a)) => Arc::unwrap_or_clone(a),
            (true, e) => Expr::neg(e),
            (false, e) => e,
        });
        Signed {
            sign: Ok(neg),
            weak: Some(neg),
            up: Some(b.clone()),
            lo: Some(b.clone()),
            eq: Some(b),
        }
    }
}

/// Everything the hypotheses say about one `fn`.
#[derive(Clone, Debug, Default)]
pub(crate) struct FnInfo {
    pub ups: Vec<B>,
    pub los: Vec<B>,
    pub eq: Option<B>,
    /// Every equivalent given (`eq` is the first).
    pub eqs: Vec<B>,
    /// Hypotheses that say something impossible on their own: (indices, why).
    pub bad: Vec<(Vec<usize>, String)>,
    /// Hypotheses that could not be used, and why.
    pub notes: Vec<String>,
}

fn union(a: &BTreeSet<usize>, b: &BTreeSet<usize>) -> BTreeSet<usize> {
    a.union(b).copied().collect()
}

/// Combine two optional bounds with `f`; strictness: any (`true`) or all.
fn both(a: &Option<B>, b: &Option<B>, any: bool, f: impl Fn(Expr, Expr) -> Expr) -> Option<B> {
    let (a, b) = (a.as_ref()?, b.as_ref()?);
    Some(B {
        e: f(a.e.clone(), b.e.clone()),
        strict: if any {
            a.strict || b.strict
        } else {
            a.strict && b.strict
        },
        from: union(&a.from, &b.from),
    })
}

fn map(a: &Option<B>, f: impl Fn(Expr) -> Expr) -> Option<B> {
    a.as_ref().map(|b| B {
        e: f(b.e.clone()),
        strict: b.strict,
        from: b.from.clone(),
    })
}

/// Sign of a product or quotient.
fn product_sign(x: &Signed, y: &Signed) -> Result<bool, String> {
    Ok(x.sign.clone()? != y.sign.clone()?)
}

/// Weak sign of a product (`x * y`) or, when `y` has a strict sign, of a
/// quotient.
fn product_weak(x: &Signed, y: &Signed) -> Option<bool> {
    Some(x.weak? != y.weak?)
}

/// `Ok` when `x` is eventually nonnegative (positive, or only known `>= 0`).
fn nonnegative(x: &Signed, e: &Expr, what: &str, var: &str) -> Result<(), String> {
    if x.weak == Some(false) {
        return Ok(());
    }
    positive(x, e, what, var)
}

/// `Ok` when `x` (the analysis of `e`) is eventually positive.
fn positive(x: &Signed, e: &Expr, what: &str, var: &str) -> Result<(), String> {
    match &x.sign {
        Ok(false) => Ok(()),
        Ok(true) => Err(format!(
            "{what} of the eventually negative {}: not handled",
            super::short(e, var)
        )),
        Err(why) => Err(format!(
            "{what} of {} needs its sign: {why}",
            super::short(e, var)
        )),
    }
}

fn weak(a: Option<B>) -> Option<B> {
    a.map(|b| B { strict: false, ..b })
}

/// Sum of bounds, all required.
fn sum_all(v: &[Option<B>]) -> Option<B> {
    let mut it = v.iter();
    let mut acc = it.next()?.clone();
    for b in it {
        acc = both(&acc, b, false, Expr::add);
    }
    acc
}

/// Sum of the bounds that exist (`None` if none does).
fn sum_some(v: &[Option<B>]) -> Option<B> {
    let have: Vec<Option<B>> = v.iter().filter(|b| b.is_some()).cloned().collect();
    sum_all(&have)
}

pub(crate) struct Analyzer<'a> {
    facts: &'a [(usize, Fact)],
    engine: &'a dyn Engine,
    pub params: &'a ParamBox,
    pub var: &'a str,
    infos: BTreeMap<String, Rc<FnInfo>>,
    visiting: BTreeSet<String>,
    signs: BTreeMap<Expr, Option<bool>>,
    /// `witness::holds`'s answers, for the questions asked again.
    pub held: super::witness::Held,
    calls: usize,
    max_calls: usize,
}

impl<'a> Analyzer<'a> {
    pub fn new(
        facts: &'a [(usize, Fact)],
        params: &'a ParamBox,
        var: &'a str,
        max_calls: usize,
        engine: &'a dyn Engine,
    ) -> Analyzer<'a> {
        Analyzer {
            facts,
            engine,
            params,
            var,
            infos: BTreeMap::new(),
            visiting: BTreeSet::new(),
            signs: BTreeMap::new(),
            held: super::witness::Held::default(),
            calls: 0,
            max_calls,
        }
    }

    /// The asymptotic engine (with the e-graph's second chance) on a
    /// fn-free claim; past the call budget, `unknown`.
    pub fn engine(&mut self, kind: &ClaimKind) -> Decision {
        if !self.spend() {
            return Decision::unknown(Cause::Budget(Budget::EngineCalls(self.max_calls)));
        }
        self.engine.decide_asymptotic(kind, self.params, self.var)
    }

    /// A fn-free claim decided for every admissible value of `params` (not
    /// counted against the call budget: callers spend it themselves).
    pub fn fn_free(&self, kind: &ClaimKind, params: &ParamBox, var: &str) -> Decision {
        self.engine.decide_fn_free(kind, params, var)
    }

    /// `Engine::proves_fn_free`.
    pub fn proves_fn_free(&self, kind: &ClaimKind, params: &ParamBox, var: &str) -> bool {
        self.engine.proves_fn_free(kind, params, var)
    }

    /// The facts of the hypotheses, with the index of each one's hypothesis.
    pub fn facts(&self) -> &'a [(usize, Fact)] {
        self.facts
    }

    /// Count one engine call; `false` when the budget is spent.
    pub fn spend(&mut self) -> bool {
        if self.calls >= self.max_calls {
            return false;
        }
        self.calls += 1;
        true
    }

    pub fn proves(&mut self, kind: ClaimKind) -> bool {
        self.engine(&kind).verdict == Verdict::Proved
    }

    pub fn landau(&mut self, a: &Expr, rel: Landau, b: &Expr) -> Decision {
        self.engine(&ClaimKind::Landau {
            lhs: a.clone(),
            rel,
            rhs: b.clone(),
        })
    }

    fn tends_to(&mut self, e: &Expr, target: LimitTarget) -> bool {
        self.proves(ClaimKind::Limit {
            expr: e.clone(),
            target,
        })
    }

    /// Eventual sign of a fn-free expression: `Some(false)` positive,
    /// `Some(true)` negative, `None` not shown.
    pub fn sign(&mut self, e: &Expr) -> Option<bool> {
        if let Some(s) = self.signs.get(e) {
            return *s;
        }
        let ineq = |op| ClaimKind::Ineq {
            lhs: e.clone(),
            op,
            rhs: Expr::int(0),
            range: Range::Eventually,
        };
        let s = if self.proves(ineq(Cmp::Gt)) {
            Some(false)
        } else if self.proves(ineq(Cmp::Lt)) {
            Some(true)
        } else {
            None
        };
        self.signs.insert(e.clone(), s);
        s
    }

    fn show(&self, e: &Expr) -> String {
        super::short(e, self.var)
    }

    /// The first inequality hypothesis bounding `name` from above (`up`)
    /// or below: (hypothesis index, bound), the bound as written.
    pub fn exact_bound(&self, name: &str, up: bool) -> Option<(usize, Expr)> {
        let side = if up { Side::Upper } else { Side::Lower };
        self.facts
            .iter()
            .find(|(_, f)| f.subject == name && !f.abs && f.side == side)
            .map(|(i, f)| (*i, f.bound.clone()))
    }

    /// What the hypotheses say about `name` (bounds resolved to fn-free
    /// expressions; a cycle through `name` is cut).
    pub fn info(&mut self, name: &str) -> Rc<FnInfo> {
        if let Some(i) = self.infos.get(name) {
            return i.clone();
        }
        if self.visiting.contains(name) || self.visiting.len() >= MAX_CHAIN {
            // a cycle (or a very long chain) of bounds is cut: fewer bounds
            return Rc::new(FnInfo::default());
        }
        self.visiting.insert(name.to_string());
        let mut info = FnInfo::default();
        let facts = self.facts;
        for (idx, f) in facts.iter().filter(|(_, f)| f.subject == name) {
            self.add_fact(&mut info, *idx, f);
        }
        self.visiting.remove(name);
        let rc = Rc::new(info);
        self.infos.insert(name.to_string(), rc.clone());
        rc
    }

    fn add_fact(&mut self, info: &mut FnInfo, idx: usize, f: &Fact) {
        let here = |b: Option<B>, strict: bool| {
            b.map(|b| {
                let mut from = b.from;
                from.insert(idx);
                B {
                    e: b.e,
                    strict: b.strict || strict,
                    from,
                }
            })
        };
        if !f.bound.has_fn()
            && crate::asymptotic::exact_zero_difference(&f.bound, &Expr::int(0), self.params)
        {
            if matches!(f.side, Side::Upper | Side::Equiv) {
                info.bad.push((
                    vec![idx],
                    format!(
                        "`{}` is eventually positive, so it cannot be bounded by 0",
                        f.subject
                    ),
                ));
            }
            return;
        }
        let s = match self.signed(&f.bound, 0) {
            Ok(s) => s,
            Err(why) => {
                info.notes.push(format!(
                    "a hypothesis on `{}` is not used: {why}",
                    f.subject
                ));
                return;
            }
        };
        if let (Err(why), false, Side::Lower | Side::Equiv) = (&s.sign, f.abs, f.side) {
            // `G >= f` with f of unknown sign bounds nothing; `G ~ f` needs f > 0.
            info.notes.push(format!(
                "a hypothesis on `{}` is not used: {why}",
                f.subject
            ));
            return;
        }
        if s.sign == Ok(true) && !f.abs {
            // `G <= f`, `G ~ f` with f < 0 contradict G > 0; `G >= f` says nothing.
            if matches!(f.side, Side::Upper | Side::Equiv) {
                info.bad.push((
                    vec![idx],
                    format!(
                        "`{}` is eventually positive but {} is eventually negative",
                        f.subject,
                        self.show(&f.bound)
                    ),
                ));
            }
            return;
        }
        match f.side {
            Side::Upper => match here(s.up, f.strict) {
                Some(b) => info.ups.push(b),
                None => info
                    .notes
                    .push(format!("no upper bound known for {}", self.show(&f.bound))),
            },
            Side::Lower => match here(s.lo, f.strict) {
                Some(b) => info.los.push(b),
                None => info
                    .notes
                    .push(format!("no lower bound known for {}", self.show(&f.bound))),
            },
            Side::Equiv => {
                if let Some(b) = here(weak(s.up), false) {
                    info.ups.push(b);
                }
                if let Some(b) = here(weak(s.lo), false) {
                    info.los.push(b);
                }
                if let Some(b) = here(s.eq, false) {
                    if info.eq.is_none() {
                        info.eq = Some(b.clone());
                    }
                    info.eqs.push(b);
                }
            }
        }
    }

    /// The best single upper (or lower) bound from several: dominated
    /// bounds dropped (by the engine), the rest combined with `min` (`max`).
    fn combine(&mut self, v: &[B], upper: bool) -> Option<B> {
        let mut keep: Vec<&B> = Vec::new();
        for (j, bj) in v.iter().enumerate() {
            let dominated = v.iter().enumerate().any(|(i, bi)| {
                if i == j || (bj.strict && !bi.strict) {
                    return false;
                }
                // bi at least as good as bj
                let (x, y) = if upper {
                    (&bi.e, &bj.e)
                } else {
                    (&bj.e, &bi.e)
                };
                if bi.e == bj.e {
                    return i < j || bi.strict != bj.strict;
                }
                let better = self.landau(x, Landau::BigO, y).verdict == Verdict::Proved;
                if !better {
                    return false;
                }
                // equally good (Theta) and equally strict: keep the first
                let same = self.landau(y, Landau::BigO, x).verdict == Verdict::Proved
                    && bi.strict == bj.strict;
                !same || i < j
            });
            if !dominated {
                keep.push(bj);
            }
        }
        match keep.len() {
            0 => None,
            1 => Some(keep[0].clone()),
            _ => Some(B {
                e: Expr::Call(
                    if upper { Func::Min } else { Func::Max },
                    keep.iter().map(|b| b.e.clone()).collect(),
                ),
                strict: keep.iter().all(|b| b.strict),
                from: keep.iter().flat_map(|b| b.from.iter().copied()).collect(),
            }),
        }
    }

    /// Is `e` defined for all large n, for every admissible function?
    /// (Shown, not assumed: `false` means not shown.)
    pub fn defined(&mut self, e: &Expr, depth: usize) -> bool {
        crate::stack::guard!(self.defined(e, depth));
        if depth > crate::limits::LIMITS.derived_nesting {
            return false;
        }
        let d = depth + 1;
        match e {
            Expr::Fn(_) => true,
            _ if !e.has_fn() => {
                self.sign(e).is_some()
                    || crate::asymptotic::exact_zero_difference(e, &Expr::int(0), self.params)
            }
            Expr::Neg(a) => self.defined(a, d),
            Expr::Add(a, b) | Expr::Sub(a, b) | Expr::Mul(a, b) => {
                self.defined(a, d) && self.defined(b, d)
            }
            Expr::Div(a, b) => {
                self.defined(a, d) && matches!(self.signed(b, d), Ok(s) if s.sign.is_ok())
            }
            _ => self.signed(e, d).is_ok(),
        }
    }

    /// Sign and bounds of `e` (which may mention `fn`s).
    pub fn signed(&mut self, e: &Expr, depth: usize) -> Result<Signed, String> {
        crate::stack::guard!(self.signed(e, depth));
        if depth > crate::limits::LIMITS.derived_nesting {
            return Err("expression nested too deeply".into());
        }
        if !e.has_fn() {
            return match self.sign(e) {
                Some(neg) => Ok(Signed::exact(e.clone(), neg)),
                None => Err(format!(
                    "the sign of {} for {} is not known",
                    self.show(e),
                    crate::ir::large(self.var)
                )),
            };
        }
        let d = depth + 1;
        match e {
            Expr::Fn(name) => {
                let info = self.info(name);
                let up = self.combine(&info.ups, true);
                let lo = self.combine(&info.los, false);
                Ok(Signed {
                    sign: Ok(false),
                    weak: Some(false),
                    up,
                    lo,
                    eq: info.eq.clone(),
                })
            }
            Expr::Neg(a) => {
                let s = self.signed(a, d)?;
                Ok(Signed {
                    sign: s.sign.clone().map(|n| !n),
                    weak: s.weak.map(|n| !n),
                    ..s
                })
            }
            Expr::Add(..) | Expr::Sub(..) => self.sum(e, d),
            Expr::Mul(a, b) => {
                let (x, y) = (self.signed(a, d)?, self.signed(b, d)?);
                Ok(Signed {
                    sign: product_sign(&x, &y),
                    weak: product_weak(&x, &y),
                    up: both(&x.up, &y.up, true, Expr::mul),
                    lo: both(&x.lo, &y.lo, true, Expr::mul),
                    eq: both(&x.eq, &y.eq, true, Expr::mul),
                })
            }
            Expr::Div(a, b) => {
                let (x, y) = (self.signed(a, d)?, self.signed(b, d)?);
                Ok(Signed {
                    sign: product_sign(&x, &y),
                    // a quotient is defined only where the denominator is
                    // nonzero: a weak sign of it says nothing
                    weak: if y.sign.is_ok() {
                        product_weak(&x, &y)
                    } else {
                        None
                    },
                    up: both(&x.up, &y.lo, true, Expr::div),
                    lo: both(&x.lo, &y.up, true, Expr::div),
                    eq: both(&x.eq, &y.eq, true, Expr::div),
                })
            }
            Expr::Pow(a, k) => self.power(a, k, d, &|b, k| Expr::pow(b, k.clone())),
            Expr::Call(Func::Sqrt, args) if args.len() == 1 => {
                let half = Expr::Num(crate::ir::Q::new(1.into(), 2.into()));
                self.power(&args[0], &half, d, &|b, k| {
                    if *k == Expr::Num(crate::ir::Q::new(1.into(), 2.into())) {
                        Expr::call1(Func::Sqrt, b)
                    } else {
                        Expr::pow(b, k.clone())
                    }
                })
            }
            Expr::Call(f @ (Func::Log | Func::Log2 | Func::Log10), args) if args.len() == 1 => {
                self.log(*f, &args[0], d)
            }
            Expr::Call(Func::Exp, args) if args.len() == 1 => {
                let x = self.signed(&args[0], d)?;
                let bounded = match &x.up {
                    Some(u) => {
                        self.landau(&u.e, Landau::BigO, &Expr::int(1)).verdict == Verdict::Proved
                    }
                    None => false,
                };
                if !bounded {
                    return Err(format!(
                        "exp of {}: only exp of a bounded argument is handled (f = O(g) does not give exp(f) = O(exp(g)))",
                        self.show(&args[0])
                    ));
                }
                let one = x.up.map(|u| B {
                    e: Expr::int(1),
                    strict: false,
                    from: u.from,
                });
                Ok(Signed {
                    sign: Ok(false),
                    weak: Some(false),
                    up: one.clone(),
                    lo: one,
                    eq: None,
                })
            }
            // |x| is positive only where x is provably nonzero: a strict
            // sign, or a positive lower bound on |x|. Otherwise it is only
            // nonnegative (`abs(G - 1)` is 0 for the admissible G = 1).
            Expr::Call(Func::Abs, args) if args.len() == 1 => {
                let x = self.signed(&args[0], d)?;
                if x.sign.is_ok() || x.lo.is_some() {
                    return Ok(Signed {
                        sign: Ok(false),
                        weak: Some(false),
                        ..x
                    });
                }
                let why = match &x.sign {
                    Err(w) => w.clone(),
                    Ok(_) => String::new(),
                };
                Ok(Signed {
                    sign: Err(format!(
                        "{} is only known to be >= 0 (it is 0 where {} is): {why}",
                        self.show(e),
                        self.show(&args[0])
                    )),
                    weak: Some(false),
                    up: x.up,
                    lo: None,
                    eq: None,
                })
            }
            Expr::Call(f @ (Func::Min | Func::Max), args) if !args.is_empty() => {
                let mut xs = Vec::new();
                for a in args {
                    let x = self.signed(a, d)?;
                    nonnegative(&x, a, f.name(), self.var)?;
                    xs.push(x);
                }
                // Arguments only known >= 0: the min of them is only >= 0;
                // the max is positive when one argument is.
                let strict: Vec<&Signed> = xs.iter().filter(|x| x.sign.is_ok()).collect();
                let weak_only = strict.len() < xs.len();
                if weak_only && (*f == Func::Min || strict.is_empty()) {
                    let ups: Option<Vec<B>> = xs.iter().map(|x| x.up.clone()).collect();
                    return Ok(Signed {
                        sign: Err(format!(
                            "{} is only known to be >= 0: an argument may be 0",
                            self.show(e)
                        )),
                        weak: Some(false),
                        up: ups.map(|v| B {
                            e: Expr::Call(*f, v.iter().map(|b| b.e.clone()).collect()),
                            strict: false,
                            from: v.iter().flat_map(|b| b.from.iter().copied()).collect(),
                        }),
                        lo: None,
                        eq: None,
                    });
                }
                if weak_only {
                    // a max with a positive argument: >= that argument
                    let ups: Option<Vec<B>> = xs.iter().map(|x| x.up.clone()).collect();
                    let los: Option<Vec<B>> = strict.iter().map(|x| x.lo.clone()).collect();
                    let join = |v: Vec<B>| B {
                        e: Expr::Call(Func::Max, v.iter().map(|b| b.e.clone()).collect()),
                        strict: false,
                        from: v.iter().flat_map(|b| b.from.iter().copied()).collect(),
                    };
                    return Ok(Signed {
                        sign: Ok(false),
                        weak: Some(false),
                        up: ups.map(join),
                        lo: los.map(join),
                        eq: None,
                    });
                }
                let all = |v: Vec<Option<B>>| -> Option<B> {
                    let v: Option<Vec<B>> = v.into_iter().collect();
                    let v = v?;
                    Some(B {
                        e: Expr::Call(*f, v.iter().map(|b| b.e.clone()).collect()),
                        strict: false,
                        from: v.iter().flat_map(|b| b.from.iter().copied()).collect(),
                    })
                };
                Ok(Signed {
                    sign: Ok(false),
                    weak: Some(false),
                    up: all(xs.iter().map(|x| x.up.clone()).collect()),
                    lo: all(xs.iter().map(|x| x.lo.clone()).collect()),
                    eq: None,
                })
            }
            _ => Err(format!(
                "{} is not handled with unknown functions",
                self.show(e)
            )),
        }
    }

    fn power(
        &mut self,
        a: &Expr,
        k: &Expr,
        d: usize,
        build: &dyn Fn(Expr, &Expr) -> Expr,
    ) -> Result<Signed, String> {
        if k.has_var() {
            if let Some(s) = self.bounded_power(a, k, d) {
                return Ok(s);
            }
            return Err(format!(
                "a power with an exponent that depends on {} ({}): not handled with unknown functions (exp(O(f)) is not O(exp(f)))",
                self.var,
                self.show(k)
            ));
        }
        let x = self.signed(a, d)?;
        nonnegative(&x, a, "a power", self.var)?;
        let kneg = match k {
            Expr::Num(q) if num_traits::Zero::is_zero(q) => {
                return Ok(Signed::exact(Expr::int(1), false));
            }
            Expr::Num(q) => num_traits::Signed::is_negative(q),
            _ => match self.sign(k) {
                Some(s) => s,
                None => {
                    return Err(format!(
                        "the sign of the exponent {} is not known",
                        self.show(k)
                    ))
                }
            },
        };
        let f = |b: &Option<B>| map(b, |e| build(e, k));
        if x.sign.is_err() {
            // a base only known >= 0: a positive power of it is >= 0 and
            // bounded above; a negative power may be undefined (0^-1)
            if kneg {
                positive(&x, a, "a negative power", self.var)?;
            }
            return Ok(Signed {
                sign: Err(format!(
                    "{} is only known to be >= 0",
                    self.show(&build(a.clone(), k))
                )),
                weak: Some(false),
                up: f(&x.up),
                lo: None,
                eq: None,
            });
        }
        Ok(if kneg {
            Signed {
                sign: Ok(false),
                weak: Some(false),
                up: f(&x.lo),
                lo: f(&x.up),
                eq: f(&x.eq),
            }
        } else {
            Signed {
                sign: Ok(false),
                weak: Some(false),
                up: f(&x.up),
                lo: f(&x.lo),
                eq: f(&x.eq),
            }
        })
    }

    /// `a^k` with `a` between two positive constants and `|k|` bounded:
    /// `a^k = exp(k*log(a))` with `|k*log(a)|` bounded, so Theta(1) (`2^H`,
    /// `c^H` with c > 0, for `H = O(1)`). `None` when that is not shown.
    fn bounded_power(&mut self, a: &Expr, k: &Expr, d: usize) -> Option<Signed> {
        let x = self.signed(a, d).ok()?;
        let (Ok(false), Some(up), Some(lo)) = (&x.sign, &x.up, &x.lo) else {
            return None;
        };
        let one = Expr::int(1);
        if self.landau(&up.e, Landau::BigO, &one).verdict != Verdict::Proved
            || self.landau(&one, Landau::BigO, &lo.e).verdict != Verdict::Proved
        {
            return None;
        }
        let ku = self.signed(k, d).ok()?.up?;
        if self.landau(&ku.e, Landau::BigO, &one).verdict != Verdict::Proved {
            return None;
        }
        let b = B {
            e: one,
            strict: false,
            from: union(&union(&up.from, &lo.from), &ku.from),
        };
        Some(Signed {
            sign: Ok(false),
            weak: Some(false),
            up: Some(b.clone()),
            lo: Some(b),
            eq: None,
        })
    }

    fn log(&mut self, f: Func, a: &Expr, d: usize) -> Result<Signed, String> {
        let x = self.signed(a, d)?;
        positive(&x, a, f.name(), self.var)?;
        let lg = |e: Expr| Expr::call1(f, e);
        if let Some(lo) = &x.lo {
            let to_oo = self.tends_to(&lo.e, LimitTarget::PosInf);
            // a = omega(lo) with lo bounded away from 0 also tends to oo
            // (`lim G = oo` is G = omega(1)), with no rate
            let grows = to_oo
                || (lo.strict
                    && self.landau(&Expr::int(1), Landau::BigO, &lo.e).verdict == Verdict::Proved);
            if grows {
                // a >= c*lo -> oo: log a >= log lo - C >= log(lo)/2 eventually,
                // and a <= C*up: log a <= 2 log up (up >= a/C -> oo).
                let mut eq = x.eq.as_ref().map(|e| B {
                    e: lg(e.e.clone()),
                    strict: false,
                    from: e.from.clone(),
                });
                // c*lo <= a <= C*up with log up ~ log lo -> oo: log a is
                // squeezed between log lo + log c and log up + log C, both
                // ~ log lo (`G = Theta(f)`, f -> oo gives log G ~ log f).
                if let (None, true, Some(up)) = (&eq, to_oo, &x.up) {
                    if self.proves(ClaimKind::Similar {
                        lhs: lg(up.e.clone()),
                        rhs: lg(lo.e.clone()),
                    }) {
                        eq = Some(B {
                            e: lg(lo.e.clone()),
                            strict: false,
                            from: union(&up.from, &lo.from),
                        });
                    }
                }
                let lo_b = if to_oo {
                    weak(map(&x.lo, lg))
                } else {
                    // log a -> oo: log a = omega(1)
                    Some(B {
                        e: Expr::int(1),
                        strict: true,
                        from: lo.from.clone(),
                    })
                };
                return Ok(Signed {
                    sign: Ok(false),
                    weak: Some(false),
                    up: weak(map(&x.up, lg)),
                    lo: lo_b,
                    eq,
                });
            }
        }
        if let Some(up) = &x.up {
            if self.tends_to(&up.e, LimitTarget::Finite(Expr::int(0))) {
                // a <= C*up -> 0: |log a| = log(1/a) >= log(1/up)/2 eventually;
                // a >= c*lo (lo -> 0 too): log(1/a) <= 2 log(1/lo).
                let inv = |e: Expr| lg(Expr::div(Expr::int(1), e));
                return Ok(Signed {
                    sign: Ok(true),
                    weak: Some(true),
                    up: weak(map(&x.lo, inv)),
                    lo: weak(map(&x.up, inv)),
                    eq: weak(map(&x.eq, inv)),
                });
            }
        }
        Err(format!(
            "{} of {}: needs a lower bound tending to infinity (log(f) = O(log(g)) needs g -> oo) or an upper bound tending to 0",
            f.name(),
            self.show(a)
        ))
    }

    /// The equivalent of a sum of terms of one sign when only some terms
    /// have one: P ~ p, and the rest R = O(U) with U = o(L_P), so R =
    /// o(P) and P + R ~ p (`F = o(n)` and `G ~ n` give F + G ~ n).
    fn partial_eq(&mut self, v: &[Signed]) -> Option<B> {
        let (with, without): (Vec<&Signed>, Vec<&Signed>) = v.iter().partition(|s| s.eq.is_some());
        if with.is_empty() || without.is_empty() {
            return None;
        }
        let p = sum_all(&with.iter().map(|s| s.eq.clone()).collect::<Vec<_>>())?;
        let l = sum_some(&with.iter().map(|s| s.lo.clone()).collect::<Vec<_>>())?;
        let u = sum_all(&without.iter().map(|s| s.up.clone()).collect::<Vec<_>>())?;
        let rel = if u.strict || l.strict {
            Landau::BigO
        } else {
            Landau::LittleO
        };
        if self.landau(&u.e, rel, &l.e).verdict != Verdict::Proved {
            return None;
        }
        Some(B {
            e: p.e,
            strict: false,
            from: union(&union(&p.from, &l.from), &u.from),
        })
    }

    /// A sum or difference: the fn-free terms are decided together (their
    /// cancellations are the engine's business); the rest must be of one
    /// sign, or one part must dominate the other.
    fn sum(&mut self, e: &Expr, d: usize) -> Result<Signed, String> {
        let mut stack = vec![(e, false)];
        let mut plain: Option<Expr> = None;
        let mut terms: Vec<(&Expr, bool)> = Vec::new();
        let mut budget = 100_000usize;
        while let Some((t, neg)) = stack.pop() {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                return Err("sum too large".into());
            }
            match t {
                Expr::Add(a, b) if t.has_fn() => {
                    stack.push((b, neg));
                    stack.push((a, neg));
                }
                Expr::Sub(a, b) if t.has_fn() => {
                    stack.push((b, !neg));
                    stack.push((a, neg));
                }
                Expr::Neg(a) if t.has_fn() => stack.push((a, !neg)),
                _ if !t.has_fn() => {
                    plain = Some(match (plain, neg) {
                        (None, false) => t.clone(),
                        (None, true) => Expr::neg(t.clone()),
                        (Some(p), false) => Expr::add(p, t.clone()),
                        (Some(p), true) => Expr::sub(p, t.clone()),
                    });
                }
                _ => terms.push((t, neg)),
            }
        }
        // The same term added and subtracted cancels (for every function).
        // (Only a term shown defined for large n cancels: `sqrt(-G) -
        // sqrt(-G)` is undefined, not 0.)
        let mut kept: Vec<(&Expr, bool)> = Vec::new();
        for (t, neg) in terms {
            match kept.iter().position(|(u, n)| *u == t && *n != neg) {
                Some(k) if self.defined(t, d) => {
                    kept.remove(k);
                }
                _ => kept.push((t, neg)),
            }
        }
        let mut pos: Vec<Signed> = Vec::new();
        let mut negs: Vec<Signed> = Vec::new();
        let mut unsure: Vec<Signed> = Vec::new();
        if let Some(p) = plain {
            match self.sign(&p) {
                Some(n) => {
                    let s = Signed::exact(p, n);
                    if n {
                        negs.push(s)
                    } else {
                        pos.push(s)
                    }
                }
                None => {
                    if !crate::asymptotic::exact_zero_difference(&p, &Expr::int(0), self.params) {
                        let why = format!(
                            "the sign of {} for {} is not known",
                            self.show(&p),
                            crate::ir::large(self.var)
                        );
                        unsure.push(Signed {
                            sign: Err(why),
                            weak: None,
                            up: Some(B::exact(Expr::call1(Func::Abs, p.clone()))),
                            lo: None,
                            eq: None,
                        });
                    }
                }
            }
        }
        for (t, neg) in kept {
            let s = self.signed(t, d)?;
            match s.sign {
                Ok(n) if n != neg => negs.push(s),
                Ok(_) => pos.push(s),
                Err(_) => unsure.push(s),
            }
        }
        if pos.is_empty() && negs.is_empty() && unsure.is_empty() {
            // everything cancelled: identically 0 (|E| = O(0)), of no sign
            return Ok(Signed {
                sign: Err(format!("{} is identically 0", self.show(e))),
                weak: None,
                up: Some(B::exact(Expr::int(0))),
                lo: None,
                eq: None,
            });
        }
        let ups = |v: &[Signed]| v.iter().map(|s| s.up.clone()).collect::<Vec<_>>();
        let los = |v: &[Signed]| v.iter().map(|s| s.lo.clone()).collect::<Vec<_>>();
        let eqs = |v: &[Signed]| v.iter().map(|s| s.eq.clone()).collect::<Vec<_>>();
        let whole = |v: &[Signed], neg: bool| Signed {
            sign: Ok(neg),
            weak: Some(neg),
            up: sum_all(&ups(v)),
            lo: sum_some(&los(v)),
            eq: sum_all(&eqs(v)),
        };
        if unsure.is_empty() && (negs.is_empty() || pos.is_empty()) {
            let (v, neg) = if negs.is_empty() {
                (&pos, false)
            } else {
                (&negs, true)
            };
            let mut s = whole(v, neg);
            if s.eq.is_none() {
                s.eq = self.partial_eq(v);
            }
            return Ok(s);
        }
        // Terms of one weak sign (`abs(G - 1)`, possibly 0) with strict
        // terms of the same sign: the sum has the strict sign when there is
        // a strict term (positive + nonnegative > 0), else only the weak one.
        for (strict, other, neg) in [(&pos, &negs, false), (&negs, &pos, true)] {
            if !other.is_empty() || unsure.is_empty() {
                continue;
            }
            if unsure.iter().any(|u| u.weak != Some(neg)) {
                continue;
            }
            let every: Vec<Signed> = strict.iter().chain(unsure.iter()).cloned().collect();
            if strict.is_empty() {
                return Ok(Signed {
                    sign: Err(format!(
                        "{} is only known to be {} 0",
                        self.show(e),
                        if neg { "<=" } else { ">=" }
                    )),
                    weak: Some(neg),
                    up: sum_all(&ups(&every)),
                    lo: None,
                    eq: None,
                });
            }
            return Ok(Signed {
                sign: Ok(neg),
                weak: Some(neg),
                up: sum_all(&ups(&every)),
                lo: sum_some(&los(strict)),
                eq: None,
            });
        }
        // Mixed signs: one part must dominate (U of the rest = o(its L)).
        let mut why = Vec::new();
        for (big, neg) in [(&pos, false), (&negs, true)] {
            if big.is_empty() {
                continue;
            }
            let small: Vec<Signed> = if neg { &pos } else { &negs }
                .iter()
                .chain(unsure.iter())
                .cloned()
                .collect();
            let u = sum_all(&ups(&small));
            let l = sum_some(&los(big));
            match (u, l) {
                (Some(u), Some(l)) => {
                    if self.landau(&u.e, Landau::LittleO, &l.e).verdict == Verdict::Proved {
                        let mut s = whole(big, neg);
                        let from = union(&u.from, &l.from);
                        for b in [&mut s.up, &mut s.lo, &mut s.eq].into_iter().flatten() {
                            b.from = union(&b.from, &from);
                        }
                        return Ok(s);
                    }
                    why.push(format!(
                        "{} = o({}) not shown",
                        self.show(&u.e),
                        self.show(&l.e)
                    ));
                }
                (None, _) => why.push(format!(
                    "no upper bound on the {} part",
                    if neg { "positive" } else { "negative" }
                )),
                (_, None) => why.push(format!(
                    "no lower bound on the {} part",
                    if neg { "negative" } else { "positive" }
                )),
            }
        }
        // Neither part dominates, but every term has an equivalent: P ~ p and Q ~ q
        // give P - Q = (p - q) + o(p + q); when p + q = O(p - q) and p - q
        // has a strict sign, P - Q ~ p - q (`G ~ n` gives G - 2*n ~ -n).
        if unsure.is_empty() {
            if let (Some(p), Some(q)) = (sum_all(&eqs(&pos)), sum_all(&eqs(&negs))) {
                let diff = Expr::sub(p.e.clone(), q.e.clone());
                let total = Expr::add(p.e.clone(), q.e.clone());
                if let Some(neg) = self.sign(&diff) {
                    if self.landau(&total, Landau::BigO, &diff).verdict == Verdict::Proved {
                        let from = union(&p.from, &q.from);
                        let abs_diff = if neg { Expr::neg(diff) } else { diff };
                        let b = B {
                            e: abs_diff,
                            strict: false,
                            from,
                        };
                        return Ok(Signed {
                            sign: Ok(neg),
                            weak: Some(neg),
                            up: Some(b.clone()),
                            lo: Some(b.clone()),
                            eq: Some(b),
                        });
                    }
                }
            }
        }
        for s in &unsure {
            if let Err(w) = &s.sign {
                why.push(w.clone());
            }
        }
        // |a - b| <= |a| + |b|: an upper bound on the absolute value stays.
        let every: Vec<Signed> = pos.iter().chain(&negs).chain(&unsure).cloned().collect();
        Ok(Signed {
            sign: Err(format!(
                "the sign of a sum with parts of both signs is not known: neither part dominates ({})",
                why.join("; ")
            )),
            weak: None,
            up: sum_all(&ups(&every)),
            lo: None,
            eq: None,
        })
    }
}
