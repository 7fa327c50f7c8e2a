//! Rational enclosures of transcendental values: for a rational x and a
//! precision in bits, rationals lo <= f(x) <= hi, tight to about `bits`
//! significant bits (absolute precision near zero).
//!
//! Everything is exact integer / rational arithmetic: series are summed in
//! fixed point (integers scaled by 2^W) with every truncation error counted,
//! and the final ends are rounded outward to dyadic rationals
//! ([`round_down`], [`round_up`]). Precision is capped at [`MAX_BITS`], huge
//! inputs are first rounded outward to a few thousand bits (monotonicity keeps
//! the result sound), and every loop has a counted budget.
//!
//! Owned here: `log` (argument reduction x = 2^k m, m in [2/3, 4/3],
//! log m = 2 atanh((m-1)/(m+1)), log 2 = 2 atanh(1/3)), `exp` (reduction by
//! multiples of log 2, then Taylor with a rigorous remainder), `root` (integer
//! k-th roots of scaled numerators) and `pi` (Machin's formula). The
//! fixed-point sums of the atanh and exp series are `series.rs`'s.

use super::q;
use super::series::{atanh_fixed, exp_fixed};
use crate::ir::Q;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::{Mutex, OnceLock};

/// Largest precision honoured; larger requests are capped.
pub const MAX_BITS: u32 = crate::limits::LIMITS.enclosure_bits;
/// Smallest precision used.
pub const MIN_BITS: u32 = crate::limits::LIMITS.enclosure_min_bits;
/// `exp` arguments above this have no representable upper bound here
/// (e^x would need more than 2^19 * 1.44 bits); see [`exp_checked`].
pub const EXP_ARG_CAP: i64 = crate::limits::LIMITS.exp_argument;

/// Clamp a requested precision into [MIN_BITS, MAX_BITS].
pub fn clamp_bits(bits: u32) -> u32 {
    bits.clamp(MIN_BITS, MAX_BITS)
}

fn int(i: i64) -> BigInt {
    BigInt::from(i)
}

fn pow2(k: u64) -> BigInt {
    BigInt::one() << k
}

/// 2^k as a rational (k may be negative).
pub fn q_pow2(k: i64) -> Q {
    if k >= 0 {
        Q::from_integer(pow2(k.unsigned_abs()))
    } else {
        Q::new(BigInt::one(), pow2(k.unsigned_abs()))
    }
}

/// Significant bits of an integer (bit length without trailing zeros).
fn sig_bits(i: &BigInt) -> u64 {
    let tz = i.trailing_zeros().unwrap_or(0);
    i.bits().saturating_sub(tz)
}

/// A size measure of a rational: significant bits of numerator plus
/// significant bits of denominator (a dyadic m/2^e costs only its mantissa).
pub fn complexity(q: &Q) -> u64 {
    if let Some((n, d)) = q.as_small() {
        let sig = |m: u64| {
            u64::from(64 - m.leading_zeros()).saturating_sub(u64::from(m.trailing_zeros()))
        };
        return sig(n.unsigned_abs()) + sig(d);
    }
    let (n, d) = q.parts();
    sig_bits(&n) + sig_bits(&d)
}

/// floor(log2 |q|) up to one: bitlen(numer) - bitlen(denom). `q` nonzero.
/// The true log2 |q| lies in (mag - 1, mag + 1).
pub fn magnitude(q: &Q) -> i64 {
    q.numer_bits() as i64 - q.denom_bits() as i64
}

/// Is `q` too big for `bits` significant bits, so that [`round_down`] and
/// [`round_up`] change it? (Otherwise they return `q` itself.)
#[inline]
pub fn needs_rounding(q: &Q, bits: u32) -> bool {
    let limit = u64::from(bits) + 2;
    // complexity(q) <= numer_bits + denom_bits, which costs no digit scan
    !q.is_zero() && q.numer_bits() + q.denom_bits() > limit && complexity(q) > limit
}

/// Round `q` to a dyadic with about `bits` significant bits, towards -oo
/// (`up = false`) or +oo (`up = true`). Exact (returns `q`) when `q` is
/// already that small.
fn round_dir(q: &Q, bits: u32, up: bool) -> Q {
    if !needs_rounding(q, bits) {
        return q.clone();
    }
    round_needed(q, bits, up, magnitude(q))
}

/// [`round_dir`] of a value that needs rounding at `bits`
/// ([`needs_rounding`]), of magnitude `mag` (read once by the caller).
pub(super) fn round_needed(q: &Q, bits: u32, up: bool, mag: i64) -> Q {
    // shift s so that q * 2^s has about `bits` bits before the point
    let s: i64 = i64::from(bits) - mag;
    // the same value by machine words when they hold every step
    if let Some(r) = super::round::round_words(q, s, up) {
        return r;
    }
    round_shifted(q, s, up)
}

/// floor(q 2^s) 2^-s (`up = false`) or ceil(q 2^s) 2^-s, by big integers.
pub(super) fn round_shifted(q: &Q, s: i64, up: bool) -> Q {
    let (n, d) = q.parts();
    if let Some(k) = pow2_exponent(&d) {
        // q = n / 2^k: q 2^s = n 2^(s - k), rounded by a shift
        let t = s - i64::try_from(k).unwrap_or(i64::MAX);
        let m = if t >= 0 {
            &*n << t.unsigned_abs()
        } else {
            shift_round(&n, t.unsigned_abs(), up)
        };
        return q::dyadic(m, -s);
    }
    let (num, den) = if s >= 0 {
        (&*n << s.unsigned_abs(), d.into_owned())
    } else {
        (n.into_owned(), &*d << s.unsigned_abs())
    };
    let m = if up {
        num.div_ceil(&den)
    } else {
        num.div_floor(&den)
    };
    q::dyadic(m, -s)
}

/// k when d = 2^k (d > 0).
fn pow2_exponent(d: &BigInt) -> Option<u64> {
    let tz = d.trailing_zeros()?;
    (d.bits() == tz + 1).then_some(tz)
}

/// n / 2^t rounded down (`up = false`) or up.
fn shift_round(n: &BigInt, t: u64, up: bool) -> BigInt {
    let mag = n.magnitude();
    let whole = BigInt::from(mag >> t);
    // |n| / 2^t = whole + f with 0 <= f < 1; f = 0 iff 2^t divides n
    let exact = mag.trailing_zeros().is_none_or(|z| z >= t);
    if n.is_negative() {
        // n / 2^t = -(whole + f)
        if up || exact {
            -whole
        } else {
            -whole - 1
        }
    } else if up && !exact {
        whole + 1
    } else {
        whole
    }
}

/// The largest dyadic with about `bits` significant bits that is <= q.
pub fn round_down(q: &Q, bits: u32) -> Q {
    round_dir(q, bits, false)
}

/// The smallest dyadic with about `bits` significant bits that is >= q.
pub fn round_up(q: &Q, bits: u32) -> Q {
    round_dir(q, bits, true)
}

/// Most entries kept by a constant cache (further precisions are recomputed).
const CACHE_ENTRIES: usize = crate::limits::LIMITS.constant_cache;

type FixedCache = Mutex<BTreeMap<u64, (BigInt, BigInt)>>;

/// `compute(w)` memoised per precision `w` (deterministic: the cache only
/// saves time, the value is the same either way).
fn cached(
    cache: &'static OnceLock<FixedCache>,
    w: u64,
    compute: fn(u64) -> (BigInt, BigInt),
) -> (BigInt, BigInt) {
    let map = cache.get_or_init(|| Mutex::new(BTreeMap::new()));
    if let Ok(m) = map.lock() {
        if let Some(v) = m.get(&w) {
            return v.clone();
        }
    }
    let v = compute(w);
    if let Ok(mut m) = map.lock() {
        if m.len() < CACHE_ENTRIES {
            m.insert(w, v.clone());
        }
    }
    v
}

/// Fixed-point log 2 = 2 atanh(1/3): (S, E) with S <= 2^w log 2 <= S + E.
fn ln2_fixed(w: u64) -> (BigInt, BigInt) {
    static CACHE: OnceLock<FixedCache> = OnceLock::new();
    cached(&CACHE, w, |w| {
        let (s, e) = atanh_fixed(&int(1), &int(3), w);
        (s * int(2), e * int(2))
    })
}

/// Most entries kept by a memo of enclosures (`log`, `exp_checked`,
/// `root`); a full memo is emptied and refilled.
const MEMO_ENTRIES: usize = crate::limits::LIMITS.enclosure_memo;
/// Inputs larger than this (numerator plus denominator bits) are not memoised.
const MEMO_MAX_INPUT_BITS: u64 = crate::limits::LIMITS.enclosure_memo_input_bits;

/// What a memo is keyed on: the function, the argument, the precision.
type MemoKey = (u8, Q, u32);
/// The memo, hashed by `exact::fx` (one multiply per 64-bit word: the keys
/// are numbers this program built; a collision costs time, never a wrong
/// value, since keys are compared in full).
type Memo = Mutex<HashMap<MemoKey, Option<(Q, Q)>, BuildHasherDefault<super::fx::Fx>>>;

/// `compute()` memoised on `(tag, x, bits)`. The same constants (`log 2`,
/// `log(2/delta)` at a box end) are enclosed at the same precisions in every
/// box, point and claim; the memo only saves that work: a value computed
/// again is the same, so results do not depend on what is cached.
fn memo(tag: u8, x: &Q, bits: u32, compute: impl FnOnce() -> Option<(Q, Q)>) -> Option<(Q, Q)> {
    static MEMO: OnceLock<Memo> = OnceLock::new();
    if x.numer_bits() + x.denom_bits() > MEMO_MAX_INPUT_BITS {
        return compute();
    }
    let map = MEMO.get_or_init(|| Mutex::new(HashMap::default()));
    let key = (tag, x.clone(), bits);
    if let Ok(m) = map.lock() {
        if let Some(v) = m.get(&key) {
            return v.clone();
        }
    }
    let v = compute();
    if let Ok(mut m) = map.lock() {
        if m.len() >= MEMO_ENTRIES {
            m.clear();
        }
        m.insert(key, v.clone());
    }
    v
}

/// lo <= log(x) <= hi, x > 0 (`None` otherwise).
pub fn log(x: &Q, bits: u32) -> Option<(Q, Q)> {
    memo(0, x, bits, || log_uncached(x, bits))
}

fn log_uncached(x: &Q, bits: u32) -> Option<(Q, Q)> {
    if !x.is_positive() {
        return None;
    }
    let bits = clamp_bits(bits);
    if x.is_one() {
        return Some((Q::zero(), Q::zero()));
    }
    let work = u64::from(bits) + 64;
    if complexity(x) > work + 2 {
        // reduce the input size first; log is increasing
        let xl = round_down(x, work as u32);
        let xh = round_up(x, work as u32);
        let (lo, _) = log_raw(&xl, bits)?;
        let (_, hi) = log_raw(&xh, bits)?;
        return Some((lo, hi));
    }
    log_raw(x, bits)
}

fn log_raw(x: &Q, bits: u32) -> Option<(Q, Q)> {
    if !x.is_positive() {
        return None;
    }
    if x.is_one() {
        return Some((Q::zero(), Q::zero()));
    }
    let mut k = magnitude(x);
    let mut m = q::mul(x, &q_pow2(-k));
    let four_thirds = Q::new(int(4), int(3));
    let two_thirds = Q::new(int(2), int(3));
    // m in (1/2, 2): at most one step each way
    for _ in 0..3 {
        if m > four_thirds {
            m /= Q::from_integer(int(2));
            k += 1;
        } else if m < two_thirds {
            m *= Q::from_integer(int(2));
            k -= 1;
        }
    }
    if m > four_thirds || m < two_thirds {
        return None; // unreachable by the bit-length estimate; stay safe
    }
    let z = (&m - Q::one()) / (&m + Q::one());
    let k_bits = k.unsigned_abs().max(1).ilog2() as u64 + 2;
    let z_extra = if z.is_zero() {
        0
    } else {
        (-magnitude(&z)).max(0) as u64
    };
    let w = u64::from(bits) + 32 + k_bits + z_extra.min(u64::from(MAX_BITS) + 128);
    let (zs, ze) = atanh_fixed(&z.numer().abs(), &z.denom(), w);
    // 2 atanh(z) in [zlo, zhi] (scaled)
    let (zlo, zhi) = if z.is_negative() {
        (-int(2) * (&zs + &ze), -int(2) * &zs)
    } else {
        (int(2) * &zs, int(2) * (&zs + &ze))
    };
    let (ls, le) = if k == 0 {
        (BigInt::zero(), BigInt::zero())
    } else {
        ln2_fixed(w)
    };
    let kb = int(k);
    let (klo, khi) = if k >= 0 {
        (&kb * &ls, &kb * (&ls + &le))
    } else {
        (&kb * (&ls + &le), &kb * &ls)
    };
    let w = i64::try_from(w).ok()?;
    let lo = q::dyadic(klo + zlo, -w);
    let hi = q::dyadic(khi + zhi, -w);
    Some((round_down(&lo, bits), round_up(&hi, bits)))
}

/// Enclosure of exp(r) for a rational |r| <= 4 at fixed point 2^w, as rationals.
fn exp_small(r: &Q, w: u64) -> (Q, Q) {
    let a = r.numer().abs();
    let b = r.denom();
    let (s, e) = exp_fixed(&a, &b, w);
    if r.is_negative() {
        // exp(r) = 1 / exp(|r|)
        let scale = pow2(w);
        let hi = q::reduce(scale.clone(), s.clone().max(BigInt::one()));
        let lo = q::reduce(scale, s + e);
        (lo.unwrap_or_else(Q::zero), hi.unwrap_or_else(Q::zero))
    } else {
        let w = i64::try_from(w).unwrap_or(i64::MAX);
        (q::dyadic(s.clone(), -w), q::dyadic(s + e, -w))
    }
}

/// lo <= exp(x) <= hi for x <= 2^19 (`None` for larger x: the upper end would
/// not fit in memory; e^x > 2^x is then the only cheap fact).
pub fn exp_checked(x: &Q, bits: u32) -> Option<(Q, Q)> {
    memo(1, x, bits, || exp_checked_uncached(x, bits))
}

fn exp_checked_uncached(x: &Q, bits: u32) -> Option<(Q, Q)> {
    let bits = clamp_bits(bits);
    if x.is_zero() {
        return Some((Q::one(), Q::one()));
    }
    let cap = Q::from_integer(int(EXP_ARG_CAP));
    if x > &cap {
        return None;
    }
    if x < &-cap.clone() {
        // 0 < e^x < 2^x <= 2^-cap
        return Some((Q::zero(), q_pow2(-EXP_ARG_CAP)));
    }
    let work = u64::from(bits) + 64;
    if complexity(x) > work + 2 {
        let xl = round_down(x, work as u32);
        let xh = round_up(x, work as u32);
        let (lo, _) = exp_raw(&xl, bits);
        let (_, hi) = exp_raw(&xh, bits);
        return Some((lo, hi));
    }
    Some(exp_raw(x, bits))
}

fn exp_raw(x: &Q, bits: u32) -> (Q, Q) {
    // k ~ x / log 2 (any integer is sound; this one keeps |r| < 1)
    let inv_ln2 = Q::new(int(14_426_950_408_889_634), int(10_000_000_000_000_000));
    let k_q = (x * inv_ln2).floor();
    let k: i64 = k_q.to_integer().to_i64().unwrap_or(0);
    let k_bits = k.unsigned_abs().max(1).ilog2() as u64 + 2;
    let w = u64::from(bits) + 40;
    let (rl, rh) = if k == 0 {
        (x.clone(), x.clone())
    } else {
        let wl = w + k_bits + 8;
        let (ls, le) = ln2_fixed(wl);
        let wl = i64::try_from(wl).unwrap_or(i64::MAX);
        let ln2_lo = q::dyadic(ls.clone(), -wl);
        let ln2_hi = q::dyadic(ls + le, -wl);
        let kq = Q::from_integer(int(-k));
        // x - k ln2, with ln2 at the end that bounds it on each side
        if k > 0 {
            (
                q::add(x, &q::mul(&kq, &ln2_hi)),
                q::add(x, &q::mul(&kq, &ln2_lo)),
            )
        } else {
            (
                q::add(x, &q::mul(&kq, &ln2_lo)),
                q::add(x, &q::mul(&kq, &ln2_hi)),
            )
        }
    };
    let four = Q::from_integer(int(4));
    let (lo_r, hi_r) = if rl.abs() > four || rh.abs() > four {
        // cannot happen with the reduction above; stay sound and bounded
        (Q::zero(), Q::zero())
    } else {
        let rl = round_down(&rl, (w + 8) as u32);
        let rh = round_up(&rh, (w + 8) as u32);
        (exp_small(&rl, w).0, exp_small(&rh, w).1)
    };
    if lo_r.is_zero() && hi_r.is_zero() {
        // crude but sound: 0 < e^x <= 4^max(x, 0)
        let c = x.ceil().to_integer().to_i64().unwrap_or(EXP_ARG_CAP).max(0);
        return (Q::zero(), q_pow2(2 * c));
    }
    let shift = q_pow2(k);
    (
        round_down(&q::mul(&lo_r, &shift), bits),
        round_up(&q::mul(&hi_r, &shift), bits),
    )
}

/// Arguments of [`exp`] up to this get a crude but sound power-of-two
/// enclosure beyond [`EXP_ARG_CAP`] (the upper end has about 1.45 x bits).
#[cfg(test)]
pub const EXP_CRUDE_CAP: i64 = 1 << 26;

/// lo <= exp(x) <= hi.
///
/// Exact-precision for x <= 2^19; for 2^19 < x <= 2^26 the crude enclosure
/// [2^floor(1.4426 x), 2^ceil(1.4427 x)] (log2 e lies strictly between).
/// Precondition: x <= 2^26 ([`EXP_CRUDE_CAP`]). Beyond it no finite upper end
/// fits in memory; the pair returned is then `(lo, lo)` with the lower bound
/// lo = 2^(2^26), whose upper end is NOT an upper bound: callers that may see
/// such arguments must use [`exp_checked`] (the `Interval` and `eval` code
/// does).
/// Test-only: it is not an enclosure beyond 2^26 (see above).
#[cfg(test)]
pub fn exp(x: &Q, bits: u32) -> (Q, Q) {
    if let Some(r) = exp_checked(x, bits) {
        return r;
    }
    if x <= &Q::from_integer(int(EXP_CRUDE_CAP)) {
        let lo_e = (x * Q::new(int(14426), int(10000))).floor().to_integer();
        let hi_e = (x * Q::new(int(14427), int(10000))).ceil().to_integer();
        if let (Some(l), Some(h)) = (lo_e.to_i64(), hi_e.to_i64()) {
            return (q_pow2(l), q_pow2(h));
        }
    }
    let l = q_pow2(EXP_CRUDE_CAP);
    (l.clone(), l)
}

/// Is `i` a perfect k-th power? Returns its root.
fn exact_root(i: &BigInt, k: u32) -> Option<BigInt> {
    if let Some(j) = i.is_positive().then(|| pow2_exponent(i)).flatten() {
        // 2^j (the denominator of a dyadic): a k-th power iff k divides j
        let k = u64::from(k);
        return j.is_multiple_of(k).then(|| pow2(j / k));
    }
    let r = i.nth_root(k);
    if r.pow(k) == *i {
        Some(r)
    } else {
        None
    }
}

/// lo <= x^(1/k) <= hi, x >= 0, k >= 1 (`None` otherwise).
pub fn root(x: &Q, k: u32, bits: u32) -> Option<(Q, Q)> {
    match u8::try_from(k) {
        // tags 0 and 1 are log and exp; roots with k < 254 are tagged k + 2
        Ok(t) if t < 254 => memo(t + 2, x, bits, || root_uncached(x, k, bits)),
        _ => root_uncached(x, k, bits),
    }
}

fn root_uncached(x: &Q, k: u32, bits: u32) -> Option<(Q, Q)> {
    if x.is_negative() || k == 0 {
        return None;
    }
    let bits = clamp_bits(bits);
    if x.is_zero() || x.is_one() || k == 1 {
        return Some((x.clone(), x.clone()));
    }
    let work = u64::from(bits) + 64;
    if complexity(x) > work + 2 {
        let xl = round_down(x, work as u32);
        let xh = round_up(x, work as u32);
        let (lo, _) = root_raw(&xl, k, bits)?;
        let (_, hi) = root_raw(&xh, k, bits)?;
        return Some((lo, hi));
    }
    root_raw(x, k, bits)
}

fn root_raw(x: &Q, k: u32, bits: u32) -> Option<(Q, Q)> {
    if !x.is_positive() {
        return None;
    }
    // exact roots stay exact (the denominator is tried first: for a dyadic
    // end that is a shift)
    let (xn, xd) = x.parts();
    if let Some(d) = exact_root(&xd, k) {
        if let Some(p) = exact_root(&xn, k) {
            let r = Q::new(p, d);
            return Some((r.clone(), r));
        }
    }
    if k > 64 {
        // x^(1/k) = exp(log(x) / k), both monotone
        let (ll, lh) = log(x, bits + 16)?;
        let kq = Q::from_integer(int(i64::from(k)));
        let lo = exp_checked(&(ll / &kq), bits)?.0;
        let hi = exp_checked(&(lh / &kq), bits)?.1;
        return Some((lo, hi));
    }
    // scale so that the integer root has about bits + 16 bits:
    // N = floor(x 2^(k s)), r = floor(N^(1/k)), x^(1/k) 2^s in [r, r + 1].
    let target = i64::from(bits) + 16;
    let s: i64 = target - magnitude(x).div_euclid(i64::from(k));
    let ks = s * i64::from(k);
    let n = match pow2_exponent(&xd) {
        // x = xn / 2^j > 0: floor(xn 2^(ks - j)) is a shift
        Some(j) => {
            let t = ks - i64::try_from(j).ok()?;
            if t >= 0 {
                &*xn << t.unsigned_abs()
            } else {
                &*xn >> t.unsigned_abs()
            }
        }
        None => {
            let (num, den) = if ks >= 0 {
                (&*xn << ks.unsigned_abs(), xd.into_owned())
            } else {
                (xn.into_owned(), &*xd << ks.unsigned_abs())
            };
            num.div_floor(&den)
        }
    };
    let r = n.nth_root(k);
    let lo = q::dyadic(r.clone(), -s);
    let hi = q::dyadic(r + int(1), -s);
    Some((round_down(&lo, bits), round_up(&hi, bits)))
}

/// Fixed-point atan(1/x) for an integer x >= 2: (S, E) with
/// S - E <= 2^w atan(1/x) <= S + E.
fn atan_inv_fixed(x: i64, w: u64) -> (BigInt, BigInt) {
    let x2 = int(x * x);
    // power_i = floor(2^w / x^(2i+1)) exactly (nested floors of integers)
    let mut power = pow2(w) / int(x);
    let mut sum = BigInt::zero();
    let mut terms: i64 = 0;
    let budget = w as i64 + 16;
    while !power.is_zero() && terms < budget {
        let t = &power / int(2 * terms + 1);
        if terms % 2 == 0 {
            sum += t;
        } else {
            sum -= t;
        }
        terms += 1;
        power /= &x2;
    }
    // each term off by < 1 ulp; the alternating tail is below the next term,
    // which is below power + 1.
    let err = BigInt::from(terms) + &power + int(2);
    (sum, err)
}

/// lo <= pi <= hi.
pub fn pi(bits: u32) -> (Q, Q) {
    let bits = clamp_bits(bits);
    // the rounded ends per precision (the same values as computed below)
    static ENDS: OnceLock<Mutex<BTreeMap<u32, (Q, Q)>>> = OnceLock::new();
    let ends = ENDS.get_or_init(|| Mutex::new(BTreeMap::new()));
    if let Some(v) = ends.lock().ok().and_then(|m| m.get(&bits).cloned()) {
        return v;
    }
    let v = pi_uncached(bits);
    if let Ok(mut m) = ends.lock() {
        if m.len() < CACHE_ENTRIES {
            m.insert(bits, v.clone());
        }
    }
    v
}

fn pi_uncached(bits: u32) -> (Q, Q) {
    let w = u64::from(bits) + 32;
    static CACHE: OnceLock<FixedCache> = OnceLock::new();
    // (lo, hi) of 2^w pi, Machin: pi = 16 atan(1/5) - 4 atan(1/239)
    let (lo, hi) = cached(&CACHE, w, |w| {
        let (a, ae) = atan_inv_fixed(5, w);
        let (b, be) = atan_inv_fixed(239, w);
        let lo = int(16) * (&a - &ae) - int(4) * (&b + &be);
        let hi = int(16) * (&a + &ae) - int(4) * (&b - &be);
        (lo, hi)
    });
    let w = i64::try_from(w).unwrap_or(i64::MAX);
    (
        round_down(&q::dyadic(lo, -w), bits),
        round_up(&q::dyadic(hi, -w), bits),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(p: i64, d: i64) -> Q {
        Q::new(int(p), int(d))
    }

    #[test]
    fn dyadics_round_by_shifts_to_the_neighbouring_multiples() {
        // (2^20 + 1)/2^10 = 1024 + 2^-10 at 8 bits: a multiple of 4
        let x = Q::new(int((1 << 20) + 1), int(1 << 10));
        assert_eq!(round_down(&x, 8), q(1024, 1));
        assert_eq!(round_up(&x, 8), q(1028, 1));
        assert_eq!(round_down(&-&x, 8), q(-1028, 1));
        assert_eq!(round_up(&-&x, 8), q(-1024, 1));
        // (2^40 + 2^12)/2^50 at 30 bits: exact multiples are kept
        let y = Q::new(int((1 << 40) + (1 << 12)), int(1) << 50);
        assert_eq!(round_down(&y, 30), y);
        assert_eq!(round_up(&-&y, 30), -&y);
        // z = 3 * 2^-200 + 2^-300: magnitude 102 - 301 = -199, s = 8 + 199,
        // z 2^207 = 384 + 2^-93: floor 384 = 3 * 2^7, ceil 385
        let z = Q::new((int(3) << 100) + int(1), int(1) << 300);
        assert_eq!(round_down(&z, 8), Q::new(int(3), int(1) << 200));
        assert_eq!(round_up(&z, 8), Q::new(int(385), int(1) << 207));
        assert_eq!(round_down(&-&z, 8), Q::new(int(-385), int(1) << 207));
    }

    #[test]
    fn rounding_is_outward_and_small() {
        let third = Q::new(int(1), num_traits::pow(int(3), 100));
        for bits in [8u32, 32, 100] {
            let lo = round_down(&third, bits);
            let hi = round_up(&third, bits);
            assert!(lo < third && third < hi, "bits {bits}");
            assert!((&hi - &lo) / &third <= q_pow2(-(bits as i64) + 2));
            let neg = -third.clone();
            assert!(round_down(&neg, bits) < neg && neg < round_up(&neg, bits));
        }
        // small exact values are kept
        assert_eq!(round_down(&q(3, 4), 32), q(3, 4));
    }

    #[test]
    fn pi_bounds() {
        for bits in [16u32, 64, 300, 4096] {
            let (lo, hi) = pi(bits);
            assert!(lo <= hi);
            if bits >= 64 {
                assert!(lo > q(314_159_265, 100_000_000));
                assert!(hi < q(314_159_266, 100_000_000));
            }
            // 355/113 is a famous over-estimate: pi < 355/113
            assert!(lo < q(355, 113));
            assert!(lo > q(333, 106)); // 333/106 < pi
        }
        let (l1, h1) = pi(32);
        let (l2, h2) = pi(128);
        assert!(h2 - l2 < h1 - l1);
    }

    #[test]
    fn exp_one_and_others() {
        let (lo, hi) = exp(&Q::one(), 64);
        assert!(lo > q(271_828_182, 100_000_000));
        assert!(hi < q(271_828_183, 100_000_000));
        let (lo, hi) = exp(&q(-1, 1), 64);
        assert!(lo > q(36_787_944, 100_000_000) && hi < q(36_787_945, 100_000_000));
        // e^10 = 22026.4657948...
        let (lo, hi) = exp(&q(10, 1), 64);
        assert!(lo > q(220_264_657, 10_000) && hi < q(220_264_658, 10_000));
        // e^-1000 is positive and tiny
        let (lo, hi) = exp(&q(-1000, 1), 64);
        assert!(lo.is_positive() && hi < q_pow2(-1400));
        assert!(exp_checked(&Q::from_integer(int(1) << 40u32), 64).is_none());
        // crude range: 2^20 -> [2^floor(1.4426 * 2^20), 2^ceil(1.4427 * 2^20)]
        let (lo, hi) = exp(&Q::from_integer(int(1 << 20)), 64);
        assert!(lo < hi && lo > q_pow2(1_512_000) && hi < q_pow2(1_513_000));
        let (l1, h1) = exp(&q(7, 3), 32);
        let (l2, h2) = exp(&q(7, 3), 256);
        assert!(l1 <= l2 && h2 <= h1 && h2 - l2 < h1 - l1);
    }

    #[test]
    fn log_values() {
        let (lo, hi) = log(&q(2, 1), 64).unwrap();
        assert!(lo.is_positive());
        assert!(lo > q(693_147_180, 1_000_000_000) && hi < q(693_147_181, 1_000_000_000));
        let (lo, hi) = log(&q(1, 10), 64).unwrap();
        assert!(lo > q(-2_302_585_093, 1_000_000_000) && hi < q(-2_302_585_092, 1_000_000_000));
        assert!(log(&Q::zero(), 64).is_none());
        assert!(log(&q(-1, 2), 64).is_none());
        assert_eq!(log(&Q::one(), 64), Some((Q::zero(), Q::zero())));
        // near 1: relative precision, sign kept
        let (lo, _) = log(&q(1_000_001, 1_000_000), 64).unwrap();
        assert!(lo.is_positive());
        let (_, hi) = log(&q(999_999, 1_000_000), 64).unwrap();
        assert!(hi.is_negative());
    }

    #[test]
    fn log_of_huge_input_terminates() {
        let big = num_traits::pow(int(10), 10_000) + int(7);
        let x = Q::new(big, int(3));
        let (lo, hi) = log(&x, 64).unwrap();
        // log(10^10000 / 3) ~ 23024.75
        assert!(lo > q(23_024, 1) && hi < q(23_025, 1));
    }

    #[test]
    fn extreme_arguments_terminate() {
        let cap = Q::from_integer(int(EXP_ARG_CAP));
        let (lo, hi) = exp_checked(&cap, 4096).unwrap();
        assert!(lo <= hi && lo > q_pow2(EXP_ARG_CAP));
        let (lo, hi) = exp(&-cap.clone(), 4096);
        assert!(lo.is_positive() && hi < q_pow2(-EXP_ARG_CAP));
        let huge = Q::new(
            num_traits::pow(int(10), 10_000) + int(1),
            num_traits::pow(int(7), 9_000),
        );
        let (lo, hi) = log(&huge, 4096).unwrap();
        assert!(lo < hi && lo.is_positive());
        let (lo, hi) = root(&huge, 3, 4096).unwrap();
        assert!(lo.pow(3) <= huge && huge <= hi.pow(3));
        let (lo, hi) = root(&huge, 63, 4096).unwrap();
        assert!(lo < hi);
        let (lo, hi) = root(&huge, 1000, 4096).unwrap();
        assert!(lo < hi);
        let x = Q::new(int(1), num_traits::pow(int(10), 10_000));
        let (lo, hi) = exp(&x, 4096);
        assert!(lo <= Q::one() + &x && Q::one() < hi);
        let (lo, hi) = log(&(Q::one() + &x), 4096).unwrap();
        assert!(!lo.is_negative() && hi.is_positive());
        let (lo, hi) = pi(1 << 30);
        assert!(&hi - &lo < q_pow2(-4000));
    }

    #[test]
    fn strictly_increasing_on_separated_points() {
        let xs = [
            q(1, 1000),
            q(1, 10),
            q(2, 3),
            q(1, 1),
            q(4, 3),
            q(2, 1),
            q(10, 1),
            q(1000, 1),
            q(10_000_000, 1),
        ];
        for w in xs.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            for bits in [16u32, 64] {
                assert!(
                    log(a, bits).unwrap().1 < log(b, bits).unwrap().0,
                    "log {a} {b}"
                );
                assert!(root(a, 2, bits).unwrap().1 < root(b, 2, bits).unwrap().0);
                assert!(root(a, 5, bits).unwrap().1 < root(b, 5, bits).unwrap().0);
                let (ea, eb) = (exp(&-a.clone(), bits), exp(&-b.clone(), bits));
                assert!(eb.1 < ea.0, "exp {a} {b}");
                if b < &q(100, 1) {
                    assert!(exp(a, bits).1 < exp(b, bits).0);
                }
            }
        }
    }

    #[test]
    fn exp_log_inverse() {
        for x in [q(1, 7), q(5, 1), q(123, 10), q(1, 1_000_000)] {
            let (ll, lh) = log(&x, 96).unwrap();
            let lo = exp(&ll, 96).0;
            let hi = exp(&lh, 96).1;
            assert!(lo <= x && x <= hi, "{x}");
        }
    }

    #[test]
    fn memoised_pi_and_exact_roots_are_the_computed_ones() {
        for bits in [8u32, 16, 64, 65, 128, 300] {
            assert_eq!(pi(bits), pi_uncached(clamp_bits(bits)));
            assert_eq!(pi(bits), pi(bits));
        }
        // a power of two is a k-th power iff k divides its exponent; other
        // integers by their integer root
        for j in [0u64, 1, 2, 3, 6, 12, 63, 64, 65, 128, 130, 300] {
            for k in [1u32, 2, 3, 5, 64] {
                let i = pow2(j);
                let want = (j % u64::from(k) == 0).then(|| pow2(j / u64::from(k)));
                assert_eq!(exact_root(&i, k), want, "2^{j}, k = {k}");
                if let Some(r) = &want {
                    assert_eq!(r.pow(k), i);
                }
            }
        }
        assert_eq!(exact_root(&int(81), 4), Some(int(3)));
        assert_eq!(exact_root(&int(80), 4), None);
        assert_eq!(exact_root(&(int(1) << 64u32), 2), Some(int(1) << 32u32));
        assert_eq!(root(&q(9, 16), 2, 64), Some((q(3, 4), q(3, 4))));
        assert_eq!(root(&q(9, 32), 2, 64).map(|(l, h)| l < h), Some(true));
    }

    #[test]
    fn roots() {
        let (lo, hi) = root(&q(2, 1), 2, 64).unwrap();
        assert!(&lo * &lo <= q(2, 1) && q(2, 1) <= &hi * &hi);
        assert!(&hi - &lo < q_pow2(-60));
        assert_eq!(root(&q(4, 9), 2, 64), Some((q(2, 3), q(2, 3))));
        assert_eq!(root(&q(27, 8), 3, 64), Some((q(3, 2), q(3, 2))));
        let (lo, hi) = root(&q(1, 1000), 3, 64).unwrap();
        assert!(lo.pow(3) <= q(1, 1000) && q(1, 1000) <= hi.pow(3));
        let (lo, hi) = root(&q(5, 1), 100, 64).unwrap();
        assert!(lo.pow(100) <= q(5, 1) && q(5, 1) <= hi.pow(100));
        assert!(root(&q(-1, 1), 2, 64).is_none());
        let (lo, hi) = root(&q(3, 1), 7, 200).unwrap();
        assert!(lo.pow(7) <= q(3, 1) && q(3, 1) <= hi.pow(7));
    }
}
