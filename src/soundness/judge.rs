//! The truth of one claim for one concrete choice: every `fn` replaced by a
//! concrete model function and every parameter by an exact value, judged
//! with the referee alone (never with the checker). Three answers: `True`,
//! `False`, or `Unsure` when the referee is not conclusive. Eventual and
//! asymptotic claims are read at far points (n = 10^60 and 10^1000), which
//! assumes the generated functions are monotone and past their last
//! crossover there (the generators keep constants small and never nest
//! slow functions deeply); `==`/`!=` are read at sample points n >= 1, an
//! identity being recognised by exactly equal stand-in values (see
//! `referee::eval_stand_in`); `for n >= N` claims are refuted by one sample
//! point >= N where they fail, and never judged true.

use super::referee::{self, Iv, Val};
use crate::ir::{ClaimKind, Cmp, Expr, Landau, LimitTarget, Range, Q};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};
use std::collections::BTreeMap;

/// Exact parameter values.
pub type Params = BTreeMap<String, Q>;
/// A concrete function per `fn` name.
pub type Models = BTreeMap<String, Expr>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unsure,
}

/// A truth with the evidence for it.
#[derive(Clone, Debug)]
pub struct Judged {
    pub truth: Truth,
    pub why: String,
}

fn judged(truth: Truth, why: impl Into<String>) -> Judged {
    Judged {
        truth,
        why: why.into(),
    }
}

/// Replace every `fn` by its model (names without a model stay).
pub fn subst_fns(e: &Expr, m: &Models) -> Expr {
    let s = |x: &Expr| subst_fns(x, m);
    match e {
        Expr::Fn(g) => m.get(g).cloned().unwrap_or_else(|| e.clone()),
        Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) => e.clone(),
        Expr::Neg(a) => Expr::neg(s(a)),
        Expr::Add(a, b) => Expr::add(s(a), s(b)),
        Expr::Sub(a, b) => Expr::sub(s(a), s(b)),
        Expr::Mul(a, b) => Expr::mul(s(a), s(b)),
        Expr::Div(a, b) => Expr::div(s(a), s(b)),
        Expr::Pow(a, b) => Expr::pow(s(a), s(b)),
        Expr::Call(f, args) => Expr::Call(*f, args.iter().map(s).collect()),
        Expr::Opt(o) => Expr::Opt(Box::new(o.map(&s))),
    }
}

/// Apply `f` to every expression of a claim kind.
pub fn map_kind(k: &ClaimKind, f: &dyn Fn(&Expr) -> Expr) -> ClaimKind {
    k.map_exprs(f)
}

pub fn subst_kind(k: &ClaimKind, m: &Models) -> ClaimKind {
    map_kind(k, &|e| subst_fns(e, m))
}

/// The `fn` names a claim kind mentions.
pub fn kind_mentions_fn(k: &ClaimKind) -> bool {
    match k {
        ClaimKind::Limit { expr, .. } => expr.has_fn(),
        _ => k.exprs().iter().take(2).any(|e| e.has_fn()),
    }
}

fn pow10(k: u32) -> Q {
    Q::from_integer(BigInt::from(10).pow(k))
}

fn int(i: i64) -> Q {
    Q::from_integer(BigInt::from(i))
}

/// The far points, as exponents of 10.
pub const FAR: [u32; 2] = [60, 1000];

/// Sample points n >= 1 where `==` and `!=` are read.
fn equal_samples() -> Vec<Q> {
    let mut v: Vec<Q> = [1i64, 2, 3, 5, 10, 100, 1000, 1_000_000]
        .iter()
        .map(|i| int(*i))
        .collect();
    v.insert(3, Q::new(BigInt::from(7), BigInt::from(2)));
    v.push(pow10(60));
    v
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sign {
    Pos,
    Neg,
    Zero,
    Undefined,
    Unknown,
}

/// The sign of `e` at n: from the referee's enclosure when conclusive,
/// otherwise an exact zero or a certain undefinedness from the stand-in
/// evaluation.
fn sign_at(e: &Expr, n: &Q, p: &Params) -> Sign {
    if let Some(i) = referee::eval(e, n, p) {
        if i.is_pos() {
            return Sign::Pos;
        }
        if i.is_neg() {
            return Sign::Neg;
        }
    }
    match stand_in(e, n, p) {
        Val::Undefined => Sign::Undefined,
        Val::Num(v) if v.is_zero() => Sign::Zero,
        _ => Sign::Unknown,
    }
}

/// The stand-in value used to recognise exact zeros and identities: at n
/// itself up to 10^60, at 10^60 beyond (an identity holds at every point,
/// and exact arithmetic on numbers of thousands of digits is slow).
fn stand_in(e: &Expr, n: &Q, p: &Params) -> Val {
    let cap = pow10(FAR[0]);
    referee::eval_stand_in(e, if *n > cap { &cap } else { n }, p)
}

/// Is `e` the same constant at n = 10^20, 10^40 and 10^60 (stand-in
/// values exactly equal)?
fn flat(e: &Expr, p: &Params) -> bool {
    let vals: Vec<Val> = [20, 40, 60]
        .iter()
        .map(|k| referee::eval_stand_in(e, &pow10(*k), p))
        .collect();
    matches!(&vals[0], Val::Num(_)) && vals.iter().all(|v| *v == vals[0])
}

/// The sign at both far points, when they agree and are known.
fn far_sign(e: &Expr, p: &Params) -> Option<Sign> {
    let a = sign_at(e, &pow10(FAR[0]), p);
    let b = sign_at(e, &pow10(FAR[1]), p);
    (a == b && a != Sign::Unknown).then_some(a)
}

fn holds(sign: Sign, op: Cmp) -> Option<bool> {
    Some(match (sign, op) {
        (Sign::Unknown, _) => return None,
        (Sign::Undefined, _) => false,
        (Sign::Pos, Cmp::Gt | Cmp::Ge | Cmp::Ne) => true,
        (Sign::Neg, Cmp::Lt | Cmp::Le | Cmp::Ne) => true,
        (Sign::Zero, Cmp::Le | Cmp::Ge | Cmp::Eq) => true,
        _ => false,
    })
}

fn sign_name(s: Sign) -> &'static str {
    match s {
        Sign::Pos => "positive",
        Sign::Neg => "negative",
        Sign::Zero => "exactly 0",
        Sign::Undefined => "undefined",
        Sign::Unknown => "of unknown sign",
    }
}

/// The value of a constant expression (a threshold or a point).
fn constant(e: &Expr, p: &Params) -> Option<Q> {
    match referee::eval_stand_in(e, &int(1), p) {
        Val::Num(v) => Some(v),
        _ => None,
    }
}

/// Judge one claim kind, every `fn` already replaced, at parameter values `p`.
pub fn judge(kind: &ClaimKind, p: &Params) -> Judged {
    match kind {
        ClaimKind::Ineq {
            lhs,
            op,
            rhs,
            range,
        } => {
            let d = Expr::sub(lhs.clone(), rhs.clone());
            match range {
                Range::Eventually => match far_sign(&d, p) {
                    Some(s) => match holds(s, *op) {
                        Some(t) => judged(
                            if t { Truth::True } else { Truth::False },
                            format!("lhs - rhs is {} at n = 10^60 and 10^1000", sign_name(s)),
                        ),
                        None => judged(Truth::Unsure, "sign unknown"),
                    },
                    None => judged(Truth::Unsure, "the far points disagree or are inconclusive"),
                },
                Range::At(at) => {
                    let Some(n) = constant(at, p) else {
                        return judged(Truth::Unsure, "point not evaluated");
                    };
                    match holds(sign_at(&d, &n, p), *op) {
                        Some(t) => judged(
                            if t { Truth::True } else { Truth::False },
                            format!("lhs - rhs is {} at n = {n}", sign_name(sign_at(&d, &n, p))),
                        ),
                        None => judged(Truth::Unsure, "inconclusive at the point"),
                    }
                }
                Range::From(from) => {
                    let Some(n0) = constant(from, p) else {
                        return judged(Truth::Unsure, "threshold not evaluated");
                    };
                    let mut pts: Vec<Q> = [0i64, 1, 2, 5].iter().map(|k| &n0 + int(*k)).collect();
                    pts.push(&n0 + Q::new(BigInt::from(1), BigInt::from(2)));
                    pts.push(&n0 * int(10) + int(3));
                    pts.push(&n0 * int(1000) + int(7));
                    pts.extend(FAR.iter().map(|k| pow10(*k)));
                    for n in pts.into_iter().filter(|n| *n >= n0) {
                        let s = sign_at(&d, &n, p);
                        if holds(s, *op) == Some(false) {
                            return judged(
                                Truth::False,
                                format!("lhs - rhs is {} at n = {n}", sign_name(s)),
                            );
                        }
                    }
                    judged(Truth::Unsure, "no failing sample point")
                }
            }
        }
        ClaimKind::Equal { lhs, rhs } => equal(lhs, rhs, p),
        ClaimKind::NotEqual { lhs, rhs } => {
            let j = equal(lhs, rhs, p);
            let truth = match j.truth {
                Truth::True => Truth::False,
                Truth::False => Truth::True,
                Truth::Unsure => Truth::Unsure,
            };
            judged(truth, j.why)
        }
        ClaimKind::Landau { lhs, rel, rhs } => landau(lhs, *rel, rhs, p),
        ClaimKind::Similar { lhs, rhs } => {
            let r = Expr::div(lhs.clone(), rhs.clone());
            tends_to(&r, &int(1), p)
        }
        ClaimKind::Limit { expr, target } => match target {
            LimitTarget::PosInf => to_infinity(expr, p),
            LimitTarget::NegInf => to_infinity(&Expr::neg(expr.clone()), p),
            LimitTarget::Finite(c) => match constant(c, p) {
                Some(c) => tends_to(expr, &c, p),
                None => judged(Truth::Unsure, "limit not evaluated"),
            },
        },
    }
}

/// `lhs == rhs` at every n >= 1: false when the referee separates them at
/// a sample point; true when their stand-in values are exactly equal at
/// every sample point where both are defined (at least six of them).
fn equal(lhs: &Expr, rhs: &Expr, p: &Params) -> Judged {
    let mut same = 0;
    let mut other = false;
    for n in equal_samples() {
        if let (Some(a), Some(b)) = (referee::eval(lhs, &n, p), referee::eval(rhs, &n, p)) {
            if a.lt(&b) || b.lt(&a) {
                return judged(Truth::False, format!("the sides differ at n = {n}"));
            }
        }
        match (
            referee::eval_stand_in(lhs, &n, p),
            referee::eval_stand_in(rhs, &n, p),
        ) {
            (Val::Num(a), Val::Num(b)) if a == b => same += 1,
            (Val::Undefined, _) | (_, Val::Undefined) => {}
            _ => other = true,
        }
    }
    if same >= 6 && !other {
        judged(
            Truth::True,
            format!(
                "the sides are exactly equal at {same} sample points n >= 1 (the same function)"
            ),
        )
    } else {
        judged(Truth::Unsure, "not separated, not identical")
    }
}

/// The enclosure of |e| at n = 10^k.
fn abs_at(e: &Expr, k: u32, p: &Params) -> Option<Iv> {
    let a = Expr::call1(crate::ir::Func::Abs, e.clone());
    referee::eval(&a, &pow10(k), p)
}

/// How the positive ratio r moves from 10^60 to 10^1000.
#[derive(Default)]
struct Trend {
    rise: bool,
    fall: bool,
    big_rise: bool,
    big_fall: bool,
    flat: bool,
}

fn trend(near: &Iv, far: &Iv, flat: bool) -> Trend {
    let k = Iv::point(int(1000));
    Trend {
        rise: near.lt(far),
        fall: far.lt(near),
        big_rise: near.mul(&k).lt(far),
        big_fall: far.mul(&k).lt(near),
        flat,
    }
}

fn landau(a: &Expr, rel: Landau, b: &Expr, p: &Params) -> Judged {
    let za = far_sign(a, p);
    let zb = far_sign(b, p);
    if za == Some(Sign::Undefined) || zb == Some(Sign::Undefined) {
        return judged(Truth::False, "a side is undefined at the far points");
    }
    let zero_a = za == Some(Sign::Zero);
    let zero_b = zb == Some(Sign::Zero);
    let nonzero = |s: Option<Sign>| matches!(s, Some(Sign::Pos | Sign::Neg));
    if zero_a || zero_b {
        use Landau::*;
        let t = match rel {
            BigO | LittleO if zero_a => Some(true),
            BigO | LittleO if nonzero(za) => Some(false),
            Omega | LittleOmega if zero_b => Some(true),
            Omega | LittleOmega if nonzero(zb) => Some(false),
            Theta if zero_a && zero_b => Some(true),
            Theta if nonzero(za) || nonzero(zb) => Some(false),
            _ => None,
        };
        return match t {
            Some(t) => judged(
                if t { Truth::True } else { Truth::False },
                "a side is exactly 0 at the far points",
            ),
            None => judged(Truth::Unsure, "a side is 0, the other unknown"),
        };
    }
    let ratio = Expr::div(a.clone(), b.clone());
    let (Some(near), Some(far)) = (abs_at(&ratio, FAR[0], p), abs_at(&ratio, FAR[1], p)) else {
        return judged(Truth::Unsure, "ratio not enclosed");
    };
    if !(near.is_pos() && far.is_pos()) {
        return judged(Truth::Unsure, "ratio not positive");
    }
    let flat = flat(&Expr::call1(crate::ir::Func::Abs, ratio.clone()), p);
    let t = trend(&near, &far, flat);
    use Landau::*;
    let (yes, no) = match rel {
        BigO => (t.fall || t.flat, t.big_rise),
        LittleO => (t.big_fall, t.rise || t.flat),
        Theta => (t.flat, t.big_rise || t.big_fall),
        Omega => (t.rise || t.flat, t.big_fall),
        LittleOmega => (t.big_rise, t.fall || t.flat),
    };
    let why = format!(
        "|A/B| is {} at 10^60 and {} at 10^1000{}",
        approx(&near),
        approx(&far),
        if flat { " (the same constant)" } else { "" }
    );
    if no {
        judged(Truth::False, why)
    } else if yes {
        judged(Truth::True, why)
    } else {
        judged(Truth::Unsure, why)
    }
}

/// e -> c: true when within 1/1000 of c at 10^1000, no farther than at
/// 10^60, and either strictly closer or within 10^-30 (or exactly c at
/// both: a gap that stays the same is a constant, not one that vanishes);
/// false when more than 1/100 away at 10^1000 and no closer than at 10^60.
fn tends_to(e: &Expr, c: &Q, p: &Params) -> Judged {
    let gap = Expr::sub(e.clone(), Expr::Num(c.clone()));
    match far_sign(&gap, p) {
        Some(Sign::Zero) => return judged(Truth::True, format!("exactly {c} at the far points")),
        Some(Sign::Undefined) => return judged(Truth::False, "undefined at the far points"),
        _ => {}
    }
    let Some(near) = abs_at(&gap, FAR[0], p) else {
        return judged(Truth::Unsure, "not enclosed");
    };
    let Some(far) = abs_at(&gap, FAR[1], p) else {
        return judged(Truth::Unsure, "not enclosed");
    };
    let thousandth = Iv::point(Q::new(BigInt::from(1), BigInt::from(1000)));
    let hundredth = Iv::point(Q::new(BigInt::from(1), BigInt::from(100)));
    let why = format!(
        "distance to {c}: {} at 10^60, {} at 10^1000",
        approx(&near),
        approx(&far)
    );
    let tiny = Iv::point(Q::new(BigInt::from(1), BigInt::from(10).pow(30u32)));
    let vanishing = far.lt(&near) || far.lt(&tiny);
    if far.lt(&thousandth) && !near.lt(&far) && vanishing {
        judged(Truth::True, why)
    } else if hundredth.lt(&far) && !far.lt(&near) {
        judged(Truth::False, why)
    } else {
        judged(Truth::Unsure, why)
    }
}

/// e -> +oo: false when e at 10^1000 is not above e at 10^60 (or exactly
/// equal); true when it grew more than a hundredfold from a positive value.
fn to_infinity(e: &Expr, p: &Params) -> Judged {
    let (near, far) = (pow10(FAR[0]), pow10(FAR[1]));
    if flat(e, p) {
        return judged(Truth::False, "the same constant at n = 10^20, 10^40, 10^60");
    }
    if far_sign(e, p) == Some(Sign::Undefined) {
        return judged(Truth::False, "undefined at the far points");
    }
    let (Some(x), Some(y)) = (referee::eval(e, &near, p), referee::eval(e, &far, p)) else {
        return judged(Truth::Unsure, "not enclosed");
    };
    let why = format!("{} at 10^60, {} at 10^1000", approx(&x), approx(&y));
    if y.hi <= x.lo {
        judged(Truth::False, why)
    } else if x.is_pos() && x.mul(&Iv::point(int(100))).lt(&y) {
        judged(Truth::True, why)
    } else {
        judged(Truth::Unsure, why)
    }
}

/// A short decimal reading of an enclosure, for messages.
fn approx(i: &Iv) -> String {
    let v = &i.lo;
    if v.is_zero() {
        return "0".into();
    }
    let (num, den) = (v.numer().abs(), v.denom().clone());
    let digits = |x: &BigInt| x.to_string().len() as i64;
    let exp10 = digits(&num) - digits(&den);
    let sign = if v.is_negative() { "-" } else { "" };
    if (-6..=6).contains(&exp10) {
        let scaled = (v * Q::from_integer(BigInt::from(10).pow(6))).round() / int(1_000_000);
        let f = scaled.numer().to_string().parse::<f64>().unwrap_or(0.0)
            / scaled.denom().to_string().parse::<f64>().unwrap_or(1.0);
        format!("{f}")
    } else {
        format!("{sign}~10^{exp10}")
    }
}
