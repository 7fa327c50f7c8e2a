//! The referee of the differential soundness tests: an enclosure of an
//! expression at one point (n and every parameter a rational), computed with
//! its own closed rational intervals and its own outward-rounded enclosures
//! of `sqrt`, `log` and `exp`. It shares no code with the checker beyond the
//! number types of `num` and the IR it reads, so a bug in `crate::exact`
//! (used by the checker for counterexamples) cannot hide a wrong verdict.
//! Partial by design: `None` (inconclusive) for anything it cannot enclose
//! cheaply — an argument outside a domain, `exp` of more than `EXP_CAP`, a
//! huge integer power — and the tests count those answers.

use crate::ir::{Expr, Func, Q};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::BTreeMap;

/// Significant bits kept by outward rounding.
const BITS: u64 = 192;
/// Largest |x| whose `exp` is enclosed.
const EXP_CAP: i64 = 1 << 14;
/// Terms of the `atanh` and `exp` series.
const TERMS: usize = 90;

/// A closed interval [lo, hi] of rationals.
#[derive(Clone, Debug)]
pub struct Iv {
    pub lo: Q,
    pub hi: Q,
}

fn q(n: i64) -> Q {
    Q::from_integer(BigInt::from(n))
}

fn pow2(k: i64) -> Q {
    if k >= 0 {
        Q::from_integer(BigInt::one() << (k as usize))
    } else {
        Q::new(BigInt::one(), BigInt::one() << ((-k) as usize))
    }
}

/// floor(log2 |x|) for x != 0 (exact).
fn ilog2(x: &Q) -> i64 {
    let x = x.abs();
    let mut k = x.numer_bits() as i64 - x.denom_bits() as i64;
    // adjust so that 2^k <= x < 2^(k+1)
    while pow2(k) > x {
        k -= 1;
    }
    while pow2(k + 1) <= x {
        k += 1;
    }
    k
}

/// Rounds x down (`up = false`) or up to BITS significant bits.
fn round(x: &Q, up: bool) -> Q {
    if x.is_zero() || (x.numer_bits() <= BITS && x.denom_bits() <= BITS) {
        return x.clone();
    }
    let shift = BITS as i64 - 1 - ilog2(x);
    let scaled = x * pow2(shift);
    let f = if up { scaled.ceil() } else { scaled.floor() };
    f * pow2(-shift)
}

impl Iv {
    pub fn point(x: Q) -> Iv {
        Iv {
            lo: x.clone(),
            hi: x,
        }
    }
    fn new(lo: Q, hi: Q) -> Iv {
        Iv {
            lo: round(&lo, false),
            hi: round(&hi, true),
        }
    }
    pub fn is_pos(&self) -> bool {
        self.lo.is_positive()
    }
    pub fn is_neg(&self) -> bool {
        self.hi.is_negative()
    }
    /// Strictly below `o` everywhere.
    pub fn lt(&self, o: &Iv) -> bool {
        self.hi < o.lo
    }
    pub fn add(&self, o: &Iv) -> Iv {
        Iv::new(&self.lo + &o.lo, &self.hi + &o.hi)
    }
    pub fn neg(&self) -> Iv {
        Iv {
            lo: -self.hi.clone(),
            hi: -self.lo.clone(),
        }
    }
    pub fn sub(&self, o: &Iv) -> Iv {
        self.add(&o.neg())
    }
    pub fn mul(&self, o: &Iv) -> Iv {
        let c = [
            &self.lo * &o.lo,
            &self.lo * &o.hi,
            &self.hi * &o.lo,
            &self.hi * &o.hi,
        ];
        let lo = c.iter().min().cloned().unwrap_or_else(Q::zero);
        let hi = c.iter().max().cloned().unwrap_or_else(Q::zero);
        Iv::new(lo, hi)
    }
    pub fn recip(&self) -> Option<Iv> {
        if !(self.is_pos() || self.is_neg()) {
            return None;
        }
        Some(Iv::new(self.hi.recip(), self.lo.recip()))
    }
    pub fn div(&self, o: &Iv) -> Option<Iv> {
        Some(self.mul(&o.recip()?))
    }
    fn abs(&self) -> Iv {
        if self.lo.is_negative() && self.hi.is_positive() {
            Iv::new(Q::zero(), self.hi.clone().max(-self.lo.clone()))
        } else if self.hi.is_positive() || self.hi.is_zero() && !self.lo.is_negative() {
            self.clone()
        } else {
            self.neg()
        }
    }
    fn min(&self, o: &Iv) -> Iv {
        Iv::new(
            self.lo.clone().min(o.lo.clone()),
            self.hi.clone().min(o.hi.clone()),
        )
    }
    fn max(&self, o: &Iv) -> Iv {
        Iv::new(
            self.lo.clone().max(o.lo.clone()),
            self.hi.clone().max(o.hi.clone()),
        )
    }
    fn sqrt(&self) -> Option<Iv> {
        if self.lo.is_negative() {
            return None;
        }
        Some(Iv::new(
            sqrt_bound(&self.lo, false),
            sqrt_bound(&self.hi, true),
        ))
    }
    fn log(&self) -> Option<Iv> {
        if !self.is_pos() {
            return None;
        }
        Some(Iv::new(
            log_bound(&self.lo, false)?,
            log_bound(&self.hi, true)?,
        ))
    }
    fn exp(&self) -> Option<Iv> {
        Some(Iv::new(
            exp_bound(&self.lo, false)?,
            exp_bound(&self.hi, true)?,
        ))
    }
    /// Integer power by repeated squaring of enclosures (|k| <= 256).
    fn powi(&self, k: i64) -> Option<Iv> {
        if k.abs() > 256 {
            return None;
        }
        if k < 0 {
            return self.powi(-k)?.recip();
        }
        let mut acc = Iv::point(q(1));
        for _ in 0..k {
            acc = acc.mul(self);
        }
        if k % 2 == 0 && k > 0 {
            // an even power is non-negative
            acc.lo = acc.lo.max(Q::zero());
        }
        Some(acc)
    }
}

/// sqrt(x) rounded down or up, for x >= 0.
fn sqrt_bound(x: &Q, up: bool) -> Q {
    if x.is_zero() {
        return Q::zero();
    }
    // sqrt(p/r) = sqrt(p*r)/r; scale by 4^BITS for precision
    let scale = BigInt::one() << (2 * BITS as usize);
    let m = x.numer() * x.denom() * &scale;
    let mut s = m.sqrt();
    if up && &s * &s != m {
        s += 1;
    }
    Q::new(s, x.denom() * (BigInt::one() << (BITS as usize)))
}

/// 2*atanh(t) = log((1+t)/(1-t)) for 0 <= t <= 1/2, rounded down or up.
fn two_atanh(t: &Q, up: bool) -> Q {
    let t = round(t, up);
    let t2 = &t * &t;
    let mut term = t.clone();
    let mut sum = Q::zero();
    let tiny = &t * pow2(-(BITS as i64) - 8);
    for j in 0..TERMS {
        sum += round(&(&term / q(2 * j as i64 + 1)), up);
        term = round(&(&term * &t2), up);
        if term <= tiny {
            break;
        }
    }
    if up {
        // remainder after the last term added: the rest of the series is
        // at most term * (1 + t^2 + t^4 + ...) <= term * 4/3 for t <= 1/2
        sum += &term * Q::new(BigInt::from(4), BigInt::from(3));
    }
    sum * q(2)
}

/// log 2 = 2 atanh(1/3), rounded down or up (computed once per thread).
fn ln2_bound(up: bool) -> Q {
    thread_local! {
        static LN2: (Q, Q) = {
            let third = Q::new(BigInt::one(), BigInt::from(3));
            (two_atanh(&third, false), two_atanh(&third, true))
        };
    }
    LN2.with(|(lo, hi)| if up { hi.clone() } else { lo.clone() })
}

/// Most remembered results of `log_bound` and `exp_bound` per thread.
const MEMO_CAP: usize = 1 << 16;

/// `f(x, up)`, remembered per thread: the same arguments recur constantly
/// (a model such as log(n + 2) at the same far point for every claim), and
/// each series costs a few hundred exact operations.
fn memo(
    table: &'static std::thread::LocalKey<Memo>,
    x: &Q,
    up: bool,
    f: fn(&Q, bool) -> Option<Q>,
) -> Option<Q> {
    if let Some(v) = table.with(|t| t.borrow().get(&(x.clone(), up)).cloned()) {
        return v;
    }
    let v = f(x, up);
    table.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() >= MEMO_CAP {
            t.clear();
        }
        t.insert((x.clone(), up), v.clone());
    });
    v
}

type Memo = std::cell::RefCell<std::collections::HashMap<(Q, bool), Option<Q>>>;

thread_local! {
    static LOG_MEMO: Memo = Default::default();
    static EXP_MEMO: Memo = Default::default();
}

/// log(x) for x > 0, rounded down or up (`None` for huge exponents).
fn log_bound(x: &Q, up: bool) -> Option<Q> {
    memo(&LOG_MEMO, x, up, log_bound_uncached)
}

fn log_bound_uncached(x: &Q, up: bool) -> Option<Q> {
    let k = ilog2(x);
    if k.abs() > 1 << 24 {
        return None;
    }
    // x = m * 2^k, 1 <= m < 2; log m = 2 atanh((m-1)/(m+1)), t in [0, 1/3)
    let m = x * pow2(-k);
    let t = (&m - q(1)) / (&m + q(1));
    let ln2 = ln2_bound(up ^ (k < 0));
    Some(round(&(two_atanh(&t, up) + ln2 * q(k)), up))
}

/// exp(x), rounded down or up; `None` beyond EXP_CAP.
fn exp_bound(x: &Q, up: bool) -> Option<Q> {
    if x.abs() > q(EXP_CAP) {
        return None;
    }
    memo(&EXP_MEMO, x, up, exp_bound_uncached)
}

fn exp_bound_uncached(x: &Q, up: bool) -> Option<Q> {
    if x.is_negative() {
        // exp(-y) = 1/exp(y), rounding the other way
        return Some(round(&exp_bound(&-x.clone(), !up)?.recip(), up));
    }
    // x >= 0: y = x / 2^s <= 1/2, Taylor series, then square s times
    let s = if x <= &Q::new(BigInt::one(), BigInt::from(2)) {
        0
    } else {
        ilog2(x) + 2
    };
    let y = round(&(x * pow2(-s)), up);
    let mut sum = Q::zero();
    let mut term = q(1);
    let tiny = pow2(-(BITS as i64) - 8);
    for j in 1..=TERMS {
        sum += &term;
        term = round(&(&term * &y / q(j as i64)), up);
        if term <= tiny {
            break;
        }
    }
    if up {
        // remainder after the last term added: y^j/j! * (1 + y/(j+1) + ...)
        // <= 2 * term for y <= 1/2
        sum += &term * q(2);
    }
    let mut v = round(&sum, up);
    for _ in 0..s {
        v = round(&(&v * &v), up);
    }
    Some(v)
}

/// Enclosure of `e` at n = `n` with parameters at `params` (exact values).
/// `None`: inconclusive (a domain question, a cap, an unknown name).
pub fn eval(e: &Expr, n: &Q, params: &BTreeMap<String, Q>) -> Option<Iv> {
    eval_depth(e, n, params, 0)
}

fn eval_depth(e: &Expr, n: &Q, params: &BTreeMap<String, Q>, depth: usize) -> Option<Iv> {
    if depth > 200 {
        return None;
    }
    let ev = |x: &Expr| eval_depth(x, n, params, depth + 1);
    Some(match e {
        Expr::Var => Iv::point(n.clone()),
        Expr::Num(v) => Iv::point(v.clone()),
        Expr::Pi => Iv {
            lo: Q::new(
                BigInt::from(314159265358979u64),
                BigInt::from(100000000000000u64),
            ),
            hi: Q::new(
                BigInt::from(314159265358980u64),
                BigInt::from(100000000000000u64),
            ),
        },
        Expr::Param(p) => Iv::point(params.get(p)?.clone()),
        Expr::Fn(_) | Expr::Opt(_) => return None,
        Expr::Neg(a) => ev(a)?.neg(),
        Expr::Add(a, b) => ev(a)?.add(&ev(b)?),
        Expr::Sub(a, b) => ev(a)?.sub(&ev(b)?),
        Expr::Mul(a, b) => ev(a)?.mul(&ev(b)?),
        Expr::Div(a, b) => ev(a)?.div(&ev(b)?)?,
        Expr::Pow(a, b) => {
            let base = ev(a)?;
            match b.as_ref() {
                Expr::Num(k) if k.is_integer() => base.powi(k.to_integer().to_i64()?)?,
                _ => {
                    // base > 0: exp(b * log(base))
                    let ex = ev(b)?;
                    ex.mul(&base.log()?).exp()?
                }
            }
        }
        Expr::Call(f, args) => {
            let mut vs = Vec::new();
            for a in args {
                vs.push(ev(a)?);
            }
            let first = vs.first()?.clone();
            match f {
                Func::Sqrt => first.sqrt()?,
                Func::Exp => first.exp()?,
                Func::Log => first.log()?,
                Func::Log2 => first.log()?.div(&Iv::point(q(2)).log()?)?,
                Func::Log10 => first.log()?.div(&Iv::point(q(10)).log()?)?,
                Func::Abs => first.abs(),
                Func::Min => vs.iter().skip(1).fold(first, |m, v| m.min(v)),
                Func::Max => vs.iter().skip(1).fold(first, |m, v| m.max(v)),
            }
        }
    })
}

/// A value in the stand-in evaluation of [`eval_stand_in`].
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// The exact value of the rational operations, with each transcendental
    /// result replaced by its stand-in.
    Num(Q),
    /// Certainly undefined: a division by an exact 0, a logarithm of a
    /// value <= 0, a square root of a negative value.
    Undefined,
    /// Not computed (a cap or a referee answer that is inconclusive).
    Unsure,
}

/// Largest bit size of a stand-in value before giving up.
const STAND_IN_BITS: u64 = 1 << 17;

/// The stand-in evaluation: every rational operation exact (no rounding),
/// every `sqrt` of a perfect square exact, and every other transcendental
/// result (`log`, `exp`, a root, a non-integer power, `pi`) replaced by the
/// lower end of the referee's enclosure of it at its exact argument — a
/// deterministic function of that argument. Equal sub-expressions therefore
/// get equal values, and two sides that are the same function of the
/// variable (two `fn` models that coincide, `b*n` and `0` at b = 0) give
/// exactly equal values, while sides that differ as functions give, with
/// overwhelming likelihood, different ones. Used only to recognise exact
/// zeros and identities; signs and magnitudes come from [`eval`].
pub fn eval_stand_in(e: &Expr, n: &Q, params: &BTreeMap<String, Q>) -> Val {
    match stand_in(e, n, params, 0) {
        Ok(v) => Val::Num(v),
        Err(true) => Val::Undefined,
        Err(false) => Val::Unsure,
    }
}

/// A negative stand-in is trusted as "outside the domain" only when the
/// referee's enclosure of the argument is negative too.
fn certainly_negative(arg: &Expr, n: &Q, params: &BTreeMap<String, Q>) -> bool {
    eval(arg, n, params).is_some_and(|i| i.is_neg())
}

/// `Err(true)`: undefined; `Err(false)`: not computed.
fn stand_in(e: &Expr, n: &Q, params: &BTreeMap<String, Q>, depth: usize) -> Result<Q, bool> {
    if depth > 200 {
        return Err(false);
    }
    let ev = |x: &Expr| stand_in(x, n, params, depth + 1);
    let low = |iv: Option<Iv>| iv.map(|i| i.lo).ok_or(false);
    let v = match e {
        Expr::Var => n.clone(),
        Expr::Num(v) => v.clone(),
        Expr::Pi => Q::new(
            BigInt::from(314159265358979u64),
            BigInt::from(100000000000000u64),
        ),
        Expr::Param(p) => params.get(p).cloned().ok_or(false)?,
        Expr::Fn(_) | Expr::Opt(_) => return Err(false),
        Expr::Neg(a) => -ev(a)?,
        Expr::Add(a, b) => ev(a)? + ev(b)?,
        Expr::Sub(a, b) => ev(a)? - ev(b)?,
        Expr::Mul(a, b) => ev(a)? * ev(b)?,
        Expr::Div(a, b) => {
            let (x, y) = (ev(a)?, ev(b)?);
            if y.is_zero() {
                return Err(true);
            }
            x / y
        }
        Expr::Pow(a, b) => {
            let (x, k) = (ev(a)?, ev(b)?);
            if k.is_integer() {
                let k = k.to_integer().to_i64().ok_or(false)?;
                if k.abs() > 64 {
                    return Err(false);
                }
                if x.is_zero() && k < 0 {
                    return Err(true);
                }
                x.pow(k as i32)
            } else if x.is_negative() {
                return Err(certainly_negative(a, n, params));
            } else if x.is_zero() {
                if k.is_positive() {
                    Q::zero()
                } else {
                    return Err(true);
                }
            } else {
                low(Iv::point(x).log().and_then(|l| l.mul(&Iv::point(k)).exp()))?
            }
        }
        Expr::Call(f, args) => {
            let mut vs = Vec::new();
            for a in args {
                vs.push(ev(a)?);
            }
            let first = vs.first().cloned().ok_or(false)?;
            match f {
                Func::Sqrt => {
                    if first.is_negative() {
                        return Err(certainly_negative(&args[0], n, params));
                    }
                    let s = Iv::point(first).sqrt().ok_or(false)?;
                    s.lo
                }
                Func::Exp => low(Iv::point(first).exp())?,
                Func::Log | Func::Log2 | Func::Log10 => {
                    if first.is_zero() {
                        return Err(true);
                    }
                    if first.is_negative() {
                        return Err(certainly_negative(&args[0], n, params));
                    }
                    let base = match f {
                        Func::Log2 => Some(2),
                        Func::Log10 => Some(10),
                        _ => None,
                    };
                    let l = Iv::point(first).log();
                    low(match base {
                        None => l,
                        Some(b) => l.and_then(|l| l.div(&Iv::point(q(b)).log()?)),
                    })?
                }
                Func::Abs => first.abs(),
                Func::Min => vs.into_iter().min().ok_or(false)?,
                Func::Max => vs.into_iter().max().ok_or(false)?,
            }
        }
    };
    if v.numer_bits() + v.denom_bits() > STAND_IN_BITS {
        return Err(false);
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: i64, b: i64) -> Q {
        Q::new(BigInt::from(a), BigInt::from(b))
    }

    #[test]
    fn enclosures_contain_known_values() {
        // log 2 = 0.693147180559945309417...
        let l2 = Iv::point(q(2)).log().unwrap();
        let ten19 = Q::from_integer(BigInt::from(10).pow(19));
        let below = Q::from_integer(BigInt::from(6931471805599453094i64)) / &ten19;
        let above = Q::from_integer(BigInt::from(6931471805599453095i64)) / &ten19;
        assert!(l2.lo <= above && l2.lo >= below, "{:?}", l2);
        assert!(l2.hi >= below && l2.hi <= above, "{:?}", l2);
        // exp(1) = 2.718281828459045235...
        let e = Iv::point(q(1)).exp().unwrap();
        assert!(e.lo < r(2718281828459045236, 10i64.pow(18)));
        assert!(e.hi > r(2718281828459045235, 10i64.pow(18)));
        // exp(log(10^100)) encloses 10^100; sqrt(2)^2 encloses 2
        let big = Q::from_integer(BigInt::from(10).pow(100));
        let round_trip = Iv::point(big.clone()).log().unwrap().exp().unwrap();
        assert!(round_trip.lo <= big && big <= round_trip.hi);
        let s = Iv::point(q(2)).sqrt().unwrap();
        let sq = s.mul(&s);
        assert!(sq.lo <= q(2) && q(2) <= sq.hi && sq.lo > r(19999, 10000));
        // exp(-30) is tiny but positive; log of a tiny number is negative
        assert!(Iv::point(q(-30)).exp().unwrap().is_pos());
        assert!(Iv::point(r(1, 1000)).log().unwrap().is_neg());
        // caps and domains are inconclusive, never wrong
        assert!(Iv::point(q(1 << 20)).exp().is_none());
        assert!(Iv::point(q(-1)).log().is_none());
        assert!(Iv::point(q(-1)).sqrt().is_none());
    }
}
