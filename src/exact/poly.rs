//! Exact polynomials and rational functions over Q in named variables, and
//! the two questions the deciders ask of them: the sign of a polynomial
//! over an orthant (every variable >= 0 or > 0), and the real roots of a
//! polynomial in one variable inside an interval (rational roots found
//! exactly, the others counted and isolated by Sturm sequences).
//!
//! A parameter expression such as `1/2 - 1/(a + 2) - a/(a + 2)` becomes the
//! rational function `-a / (2a + 4)`; shifted to its constraint (`a = 0 + x`,
//! x >= 0) every coefficient of the numerator is <= 0 and the denominator's
//! are > 0, so the expression is <= 0 for every admissible a, zero only
//! where the numerator is. A polynomial with coefficients of one sign over
//! an orthant has that sign: a sufficient test, never a guess.

use crate::ir::Q;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::{BTreeMap, BTreeSet};

/// A monomial: variable name -> positive exponent.
pub type Mono = BTreeMap<String, u32>;

/// Most terms a polynomial may grow to before an operation gives up.
const MAX_TERMS: usize = crate::limits::LIMITS.poly_terms;
/// Highest degree of a univariate polynomial whose roots are sought.
const MAX_DEGREE: usize = crate::limits::LIMITS.poly_degree;
/// Largest |integer| whose divisors are enumerated for rational roots.
const MAX_DIVISOR_BASE: i64 = crate::limits::LIMITS.divisor_base;

/// A polynomial with exact rational coefficients (no zero coefficients).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Poly {
    terms: BTreeMap<Mono, Q>,
}

impl Poly {
    pub fn constant(q: Q) -> Poly {
        let mut terms = BTreeMap::new();
        if !q.is_zero() {
            terms.insert(Mono::new(), q);
        }
        Poly { terms }
    }

    pub fn var(name: &str) -> Poly {
        let mut m = Mono::new();
        m.insert(name.to_string(), 1);
        let mut terms = BTreeMap::new();
        terms.insert(m, Q::one());
        Poly { terms }
    }

    pub fn is_zero(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn vars(&self) -> BTreeSet<String> {
        self.terms.keys().flat_map(|m| m.keys().cloned()).collect()
    }

    fn push(&mut self, m: Mono, c: Q) {
        let e = self.terms.entry(m).or_insert_with(Q::zero);
        *e += c;
        if e.is_zero() {
            self.terms.retain(|_, c| !c.is_zero());
        }
    }

    pub fn add(&self, o: &Poly) -> Option<Poly> {
        let mut out = self.clone();
        for (m, c) in &o.terms {
            out.push(m.clone(), c.clone());
        }
        (out.terms.len() <= MAX_TERMS).then_some(out)
    }

    #[cfg(test)]
    pub fn neg(&self) -> Poly {
        Poly {
            terms: self.terms.iter().map(|(m, c)| (m.clone(), -c)).collect(),
        }
    }

    pub fn scale(&self, q: &Q) -> Poly {
        if q.is_zero() {
            return Poly::default();
        }
        Poly {
            terms: self.terms.iter().map(|(m, c)| (m.clone(), c * q)).collect(),
        }
    }

    pub fn mul(&self, o: &Poly) -> Option<Poly> {
        if self.terms.len().saturating_mul(o.terms.len()) > MAX_TERMS * 8 {
            return None;
        }
        let mut out = Poly::default();
        for (ma, ca) in &self.terms {
            for (mb, cb) in &o.terms {
                let mut m = ma.clone();
                for (v, e) in mb {
                    *m.entry(v.clone()).or_insert(0) += e;
                }
                out.push(m, ca * cb);
            }
        }
        (out.terms.len() <= MAX_TERMS).then_some(out)
    }

    pub fn pow(&self, k: u32) -> Option<Poly> {
        let mut out = Poly::constant(Q::one());
        for _ in 0..k {
            out = out.mul(self)?;
        }
        Some(out)
    }

    /// `name` replaced by `at + dir * name` (dir = 1 or -1): the polynomial in
    /// the distance of `name` from the end `at` of its range.
    pub fn shift(&self, name: &str, at: &Q, dir: i64) -> Option<Poly> {
        let repl = Poly::constant(at.clone())
            .add(&Poly::var(name).scale(&Q::from_integer(BigInt::from(dir))))?;
        let mut out = Poly::default();
        for (m, c) in &self.terms {
            let mut rest = m.clone();
            let k = rest.remove(name).unwrap_or(0);
            let mut term = Poly::default();
            term.terms.insert(rest, c.clone());
            out = out.add(&term.mul(&repl.pow(k)?)?)?;
        }
        Some(out)
    }

    /// A polynomial of degree at most 1: the coefficient of each variable
    /// and the constant term.
    pub fn linear(&self) -> Option<(BTreeMap<String, Q>, Q)> {
        let mut coefs = BTreeMap::new();
        let mut constant = Q::zero();
        for (m, c) in &self.terms {
            match m.len() {
                0 => constant = c.clone(),
                1 => {
                    let (v, e) = m.iter().next()?;
                    if *e != 1 {
                        return None;
                    }
                    coefs.insert(v.clone(), c.clone());
                }
                _ => return None,
            }
        }
        Some((coefs, constant))
    }

    /// The coefficients low -> high when `name` is the only variable.
    pub fn univariate(&self, name: &str) -> Option<Vec<Q>> {
        let mut out: Vec<Q> = Vec::new();
        for (m, c) in &self.terms {
            let k = match m.len() {
                0 => 0,
                1 => *m.get(name)? as usize,
                _ => return None,
            };
            if k > MAX_DEGREE {
                return None;
            }
            if out.len() <= k {
                out.resize(k + 1, Q::zero());
            }
            out[k] = c.clone();
        }
        Some(out)
    }
}

/// A quotient of polynomials (the denominator never the zero polynomial).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatFn {
    pub num: Poly,
    pub den: Poly,
}

impl RatFn {
    pub fn poly(p: Poly) -> RatFn {
        RatFn {
            num: p,
            den: Poly::constant(Q::one()),
        }
    }

    pub fn add(&self, o: &RatFn) -> Option<RatFn> {
        if self.den == o.den {
            return Some(RatFn {
                num: self.num.add(&o.num)?,
                den: self.den.clone(),
            });
        }
        Some(RatFn {
            num: self.num.mul(&o.den)?.add(&o.num.mul(&self.den)?)?,
            den: self.den.mul(&o.den)?,
        })
    }

    pub fn mul(&self, o: &RatFn) -> Option<RatFn> {
        Some(RatFn {
            num: self.num.mul(&o.num)?,
            den: self.den.mul(&o.den)?,
        })
    }

    /// self^k for an integer k; `None` for a negative power of a zero numerator.
    pub fn powi(&self, k: i64) -> Option<RatFn> {
        let e = u32::try_from(k.unsigned_abs()).ok().filter(|e| *e <= 16)?;
        let (n, d) = (self.num.pow(e)?, self.den.pow(e)?);
        if k >= 0 {
            Some(RatFn { num: n, den: d })
        } else if n.is_zero() {
            None
        } else {
            Some(RatFn { num: d, den: n })
        }
    }
}

/// What is known of a variable of an orthant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ray {
    /// The variable is > 0.
    Pos,
    /// The variable is >= 0.
    NonNeg,
}

/// A sign, strict or weak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeakSign {
    Pos,
    Neg,
    /// >= 0, possibly 0 somewhere.
    NonNeg,
    /// <= 0, possibly 0 somewhere.
    NonPos,
    Zero,
}

/// The sign of `p` at every point of the orthant `rays` (each variable of
/// `p` must be in `rays`): from the coefficients when they all have one
/// sign, strict when some term is strictly signed (a nonzero constant, or a
/// monomial in variables that are all > 0). `None`: mixed coefficients (not
/// shown, never "both signs").
pub fn orthant_sign(p: &Poly, rays: &BTreeMap<String, Ray>) -> Option<WeakSign> {
    if p.is_zero() {
        return Some(WeakSign::Zero);
    }
    let pos = p.terms.values().all(|c| c.is_positive());
    let neg = p.terms.values().all(|c| c.is_negative());
    if !pos && !neg {
        return None;
    }
    let mut strict = false;
    for m in p.terms.keys() {
        let mut all_pos = true;
        for v in m.keys() {
            match rays.get(v)? {
                Ray::Pos => {}
                Ray::NonNeg => all_pos = false,
            }
        }
        strict |= all_pos;
    }
    Some(match (pos, strict) {
        (true, true) => WeakSign::Pos,
        (true, false) => WeakSign::NonNeg,
        (false, true) => WeakSign::Neg,
        (false, false) => WeakSign::NonPos,
    })
}

// ------------------------------------------------------------ one variable

/// A dense polynomial, coefficients low -> high, no trailing zeros.
type Dense = Vec<Q>;

fn trim(mut p: Dense) -> Dense {
    while p.last().is_some_and(|c| c.is_zero()) {
        p.pop();
    }
    p
}

/// p(x), exactly.
pub fn eval(p: &[Q], x: &Q) -> Q {
    let mut acc = Q::zero();
    for c in p.iter().rev() {
        acc = acc * x + c;
    }
    acc
}

fn derivative(p: &[Q]) -> Dense {
    trim(
        p.iter()
            .enumerate()
            .skip(1)
            .map(|(i, c)| c * Q::from_integer(BigInt::from(i)))
            .collect(),
    )
}

/// (quotient, remainder) of a / b, b nonzero.
fn divrem(a: &[Q], b: &[Q]) -> (Dense, Dense) {
    let mut r: Dense = trim(a.to_vec());
    let db = b.len() - 1;
    let lead = b[db].clone();
    if r.len() < b.len() {
        return (vec![], r);
    }
    let mut q = vec![Q::zero(); r.len() - db];
    while r.len() >= b.len() && !r.is_empty() {
        let k = r.len() - 1 - db;
        let c = &r[r.len() - 1] / &lead;
        for (i, bc) in b.iter().enumerate() {
            r[k + i] -= &c * bc;
        }
        q[k] = c;
        r = trim(r);
    }
    (trim(q), r)
}

fn gcd(a: &[Q], b: &[Q]) -> Dense {
    let (mut a, mut b) = (trim(a.to_vec()), trim(b.to_vec()));
    while !b.is_empty() {
        let (_, r) = divrem(&a, &b);
        a = b;
        b = r;
    }
    a
}

/// The square-free part: the same real roots, each simple.
fn squarefree(p: &[Q]) -> Dense {
    let g = gcd(p, &derivative(p));
    if g.len() <= 1 {
        return trim(p.to_vec());
    }
    divrem(p, &g).0
}

fn sturm(p: &[Q]) -> Vec<Dense> {
    let mut seq = vec![trim(p.to_vec()), derivative(p)];
    while seq.last().is_some_and(|l| !l.is_empty()) {
        let n = seq.len();
        let (_, r) = divrem(&seq[n - 2], &seq[n - 1]);
        seq.push(r.iter().map(|c| -c).collect());
    }
    seq.pop();
    seq
}

/// Sign of p at x, or at -oo / +oo (`None` with `side`).
fn sign_at(p: &[Q], x: Option<&Q>, plus_infinity: bool) -> i32 {
    let v = match x {
        Some(x) => eval(p, x),
        None => {
            let lead = p.last().cloned().unwrap_or_else(Q::zero);
            let odd = p.len().is_multiple_of(2);
            if !plus_infinity && odd {
                -lead
            } else {
                lead
            }
        }
    };
    if v.is_positive() {
        1
    } else if v.is_negative() {
        -1
    } else {
        0
    }
}

fn variations(seq: &[Dense], x: Option<&Q>, plus_infinity: bool) -> usize {
    let signs: Vec<i32> = seq
        .iter()
        .map(|p| sign_at(p, x, plus_infinity))
        .filter(|s| *s != 0)
        .collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// Number of distinct real roots of the square-free `p` in the open
/// interval (lo, hi) (`None` ends are infinite); the ends must not be roots.
fn count_open(seq: &[Dense], lo: Option<&Q>, hi: Option<&Q>) -> usize {
    variations(seq, lo, false).saturating_sub(variations(seq, hi, true))
}

/// The real roots of a nonzero polynomial in one variable inside the open
/// interval (lo, hi): the rational roots exactly, and for each other root
/// an isolating interval with rational ends (open, containing exactly that
/// root, inside (lo, hi)). `None`: too large to decide.
pub struct Roots {
    pub rational: Vec<Q>,
    pub isolated: Vec<(Q, Q)>,
}

pub fn real_roots(p: &[Q], lo: Option<&Q>, hi: Option<&Q>) -> Option<Roots> {
    let p = trim(p.to_vec());
    if p.is_empty() {
        return None;
    }
    let mut rest = squarefree(&p);
    let inside = |x: &Q| lo.is_none_or(|l| x > l) && hi.is_none_or(|h| x < h);
    let all = rational_roots(&rest)?;
    for r in &all {
        rest = divrem(&rest, &[-r.clone(), Q::one()]).0;
    }
    let mut rational: Vec<Q> = all.into_iter().filter(|r| inside(r)).collect();
    rational.sort();
    let mut isolated = Vec::new();
    if rest.len() > 1 {
        let seq = sturm(&rest);
        // finite search ends: the interval's, or Cauchy's bound on the roots
        let bound = {
            let lead = rest.last().unwrap().abs();
            let m = rest
                .iter()
                .map(|c| c.abs() / &lead)
                .max()
                .unwrap_or_else(Q::zero);
            m + Q::one()
        };
        let a = lo.cloned().unwrap_or_else(|| -bound.clone());
        let b = hi.cloned().unwrap_or(bound);
        if eval(&rest, &a).is_zero() || eval(&rest, &b).is_zero() {
            return None;
        }
        let mut work = vec![(a, b)];
        let mut steps = 0;
        while let Some((a, b)) = work.pop() {
            steps += 1;
            if steps > 2000 {
                return None;
            }
            // an isolating interval is kept only strictly inside (lo, hi)
            // and narrower than a hundredth (the undecided piece around an
            // irrational root is then small)
            let at_end = lo.is_some_and(|l| a == *l) || hi.is_some_and(|h| b == *h);
            let wide = &b - &a > Q::new(BigInt::one(), BigInt::from(100));
            match count_open(&seq, Some(&a), Some(&b)) {
                0 => {}
                1 if !at_end && !wide => isolated.push((a, b)),
                _ => {
                    let mut m = (&a + &b) / Q::from_integer(BigInt::from(2));
                    // a rational midpoint is never a root of `rest` (it has
                    // no rational roots), so the halves are well posed
                    if eval(&rest, &m).is_zero() {
                        m = (&a + &m) / Q::from_integer(BigInt::from(2));
                    }
                    work.push((m.clone(), b));
                    work.push((a, m));
                }
            }
        }
        isolated.sort();
    }
    Some(Roots { rational, isolated })
}

/// Every rational root of `p` (rational root theorem over the integer
/// multiple of `p`); `None` when a coefficient is too large to factor.
fn rational_roots(p: &[Q]) -> Option<Vec<Q>> {
    let p = trim(p.to_vec());
    let lcm = p.iter().fold(BigInt::one(), |acc, c| acc.lcm(&c.denom()));
    let ints: Vec<BigInt> = p
        .iter()
        .map(|c| (c * Q::from_integer(lcm.clone())).to_integer())
        .collect();
    let mut out = Vec::new();
    let low = ints.iter().position(|c| !c.is_zero())?;
    if low > 0 {
        out.push(Q::zero());
    }
    let ints = &ints[low..];
    if ints.len() <= 1 {
        return Some(out);
    }
    let a0 = ints[0].abs().to_i64().filter(|v| *v <= MAX_DIVISOR_BASE)?;
    let an = ints[ints.len() - 1]
        .abs()
        .to_i64()
        .filter(|v| *v <= MAX_DIVISOR_BASE)?;
    let dense: Dense = ints.iter().map(|c| Q::from_integer(c.clone())).collect();
    for num in divisors(a0) {
        for den in divisors(an) {
            for s in [1i64, -1] {
                let r = Q::new(BigInt::from(s * num), BigInt::from(den));
                if !out.contains(&r) && eval(&dense, &r).is_zero() {
                    out.push(r);
                }
            }
        }
    }
    out.sort();
    Some(out)
}

fn divisors(n: i64) -> Vec<i64> {
    let mut small = Vec::new();
    let mut large = Vec::new();
    let mut d = 1i64;
    while d * d <= n {
        if n % d == 0 {
            small.push(d);
            if d * d != n {
                large.push(n / d);
            }
        }
        d += 1;
    }
    small.extend(large.into_iter().rev());
    small
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(p: i64, d: i64) -> Q {
        Q::new(BigInt::from(p), BigInt::from(d))
    }

    #[test]
    fn rational_and_irrational_roots_are_separated() {
        // (2x - 1)(x^2 - 2) = 2x^3 - x^2 - 4x + 2: roots 1/2, +-sqrt(2)
        let p = vec![q(2, 1), q(-4, 1), q(-1, 1), q(2, 1)];
        let r = real_roots(&p, None, None).unwrap();
        assert_eq!(r.rational, vec![q(1, 2)]);
        assert_eq!(r.isolated.len(), 2);
        let (a, b) = &r.isolated[1];
        assert!(*a < q(1414214, 1000000) && q(1414213, 1000000) < *b);
        assert!(eval(&[q(-2, 1), q(0, 1), q(1, 1)], a).is_negative());
        assert!(eval(&[q(-2, 1), q(0, 1), q(1, 1)], b).is_positive());
        // only the positive ones inside (0, oo)
        let r = real_roots(&p, Some(&q(0, 1)), None).unwrap();
        assert_eq!(r.rational, vec![q(1, 2)]);
        assert_eq!(r.isolated.len(), 1);
    }

    #[test]
    fn double_roots_count_once_and_ends_are_excluded() {
        // x^2 (x - 1)^2: roots 0 and 1, inside (0, 2) only 1
        let p = vec![q(0, 1), q(0, 1), q(1, 1), q(-2, 1), q(1, 1)];
        let r = real_roots(&p, Some(&q(0, 1)), Some(&q(2, 1))).unwrap();
        assert_eq!(r.rational, vec![q(1, 1)]);
        assert!(r.isolated.is_empty());
    }

    #[test]
    fn orthant_sign_needs_one_signed_coefficient_set() {
        let x = Poly::var("x");
        let rays: BTreeMap<String, Ray> = [("x".to_string(), Ray::NonNeg)].into();
        // -x <= 0, zero at x = 0
        assert_eq!(orthant_sign(&x.neg(), &rays), Some(WeakSign::NonPos));
        // 2x + 4 > 0
        let d = x.scale(&q(2, 1)).add(&Poly::constant(q(4, 1))).unwrap();
        assert_eq!(orthant_sign(&d, &rays), Some(WeakSign::Pos));
        // x - 1 has both signs on x >= 0
        let m = x.add(&Poly::constant(q(-1, 1))).unwrap();
        assert_eq!(orthant_sign(&m, &rays), None);
        let open: BTreeMap<String, Ray> = [("x".to_string(), Ray::Pos)].into();
        assert_eq!(orthant_sign(&x.neg(), &open), Some(WeakSign::Neg));
    }

    #[test]
    fn shift_moves_the_origin_to_a_range_end() {
        // a - 1/2 with a = 1/2 + x is x; with a = 1 - x it is 1/2 - x
        let a = Poly::var("a").add(&Poly::constant(q(-1, 2))).unwrap();
        assert_eq!(a.shift("a", &q(1, 2), 1).unwrap(), Poly::var("a"));
        assert_eq!(
            a.shift("a", &q(1, 1), -1).unwrap(),
            Poly::var("a").neg().add(&Poly::constant(q(1, 2))).unwrap()
        );
    }
}
