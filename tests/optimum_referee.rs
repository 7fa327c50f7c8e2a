//! The closed forms of `inf` and `sup` against an independent referee: for
//! random two-term bodies `k + a*x^r + b*x^s` over random ranges, the
//! value bnd prints (`show (inf ...) at n = 1`) must match the optimum
//! found numerically by a dense search of the range refined by golden
//! sections. The referee uses floating point (it is a test, not a
//! verdict); bnd's answer is an exact closed form evaluated by exact
//! enclosures. Where bnd answers `unknown` (an unbounded optimum, a sign it
//! does not prove), the referee checks that the optimum is indeed
//! unbounded or that the body is outside the closed forms.

mod common;

use common::report;

/// A small deterministic generator (no dependency, same cases everywhere).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() as usize) % xs.len()]
    }
}

/// (text, value) of a rational.
const COEFS: &[(&str, f64)] = &[
    ("1", 1.0),
    ("2", 2.0),
    ("1/3", 1.0 / 3.0),
    ("5/2", 2.5),
    ("-1", -1.0),
    ("-3/2", -1.5),
    ("-1/4", -0.25),
];
const POWERS: &[(&str, f64)] = &[
    ("-2", -2.0),
    ("-1", -1.0),
    ("-1/2", -0.5),
    ("1/2", 0.5),
    ("1", 1.0),
    ("2", 2.0),
    ("3", 3.0),
];
/// (text, lo, hi) of a range of x.
const RANGES: &[(&str, f64, f64)] = &[
    ("> 0", 0.0, f64::INFINITY),
    ("in [1/2, 2]", 0.5, 2.0),
    ("in (1, 3]", 1.0, 3.0),
    (">= 1", 1.0, f64::INFINITY),
    ("in (0, 1)", 0.0, 1.0),
];

/// The infimum of f over (lo, hi) found numerically; -inf when it looks
/// unbounded.
fn numeric_inf(f: &dyn Fn(f64) -> f64, lo: f64, hi: f64) -> f64 {
    let a = if lo > 0.0 { lo.ln() } else { -60.0 };
    let b = if hi.is_finite() { hi.ln() } else { 60.0 };
    let steps = 60_000;
    let mut best = (f64::INFINITY, a);
    for i in 0..=steps {
        let u = a + (b - a) * (i as f64) / (steps as f64);
        let v = f(u.exp());
        if v < best.0 {
            best = (v, u);
        }
    }
    // golden-section refinement around the best grid point
    let h = (b - a) / (steps as f64);
    let (mut l, mut r) = ((best.1 - h).max(a), (best.1 + h).min(b));
    let g = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..200 {
        let m1 = r - g * (r - l);
        let m2 = l + g * (r - l);
        if f(m1.exp()) < f(m2.exp()) {
            r = m2;
        } else {
            l = m1;
        }
    }
    best.0.min(f(((l + r) / 2.0).exp()))
}

/// The number in a `show ... at` result: `= 5`, `= 1/10 ≈ 0.1`, `≈ 1.234567`.
fn shown_value(s: &str) -> Option<f64> {
    if let Some(i) = s.find('≈') {
        let t = s[i + '≈'.len_utf8()..].trim();
        let t = t.split_whitespace().next()?;
        return t.parse().ok();
    }
    let t = s.strip_prefix("= ")?.split_whitespace().next()?;
    match t.split_once('/') {
        Some((p, q)) => Some(p.parse::<f64>().ok()? / q.parse::<f64>().ok()?),
        None => t.parse().ok(),
    }
}

/// Judges what bnd prints for `src` (a `show ... at`) against the
/// referee's optimum `truth`; a mismatch goes to `wrong`. True when bnd
/// printed a value, false when it answered `unknown` (which is right only
/// about an unbounded optimum: a bounded one of these bodies always has a
/// closed form).
fn judge(src: &str, truth: f64, wrong: &mut Vec<String>) -> bool {
    let doc = report("referee.bnd", src);
    let result = doc["files"][0]["shows"][0]["result"]
        .as_str()
        .unwrap_or("?")
        .to_string();
    let decided = shown_value(&result);
    let right = match decided {
        Some(v) => truth.is_finite() && (v - truth).abs() <= 1e-5 * 1.0f64.max(truth.abs()),
        None => {
            let unbounded = !truth.is_finite() || truth.abs() > 1e6;
            result.starts_with("unknown") && unbounded
        }
    };
    if !right {
        wrong.push(format!("{src}=> {result}; referee: {truth}"));
    }
    decided.is_some()
}

#[test]
fn two_term_closed_forms_match_a_numeric_referee() {
    let mut rng = Lcg(20_231_205);
    let mut wrong = Vec::new();
    let (mut decided, mut unknown) = (0, 0);
    for _ in 0..300 {
        let (ta, a) = *rng.pick(COEFS);
        let (tb, b) = *rng.pick(COEFS);
        let (tr, r) = *rng.pick(POWERS);
        let (ts, s) = *rng.pick(POWERS);
        if r == s {
            continue;
        }
        let (trange, lo, hi) = *rng.pick(RANGES);
        let sup = rng.next().is_multiple_of(4);
        let word = if sup { "sup" } else { "inf" };
        let body = format!("({ta})*x^({tr}) + ({tb})*x^({ts}) + 1");
        let src = format!("show ({word} x {trange}: {body}) at n = 1\n");
        let sign = if sup { -1.0 } else { 1.0 };
        let f = |x: f64| sign * (a * x.powf(r) + b * x.powf(s) + 1.0);
        let truth = sign * numeric_inf(&f, lo, hi);
        if judge(&src, truth, &mut wrong) {
            decided += 1;
        } else {
            unknown += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(decided >= 150, "only {decided} decided ({unknown} unknown)");
}

#[test]
fn exponential_plus_linear_closed_forms_match_a_numeric_referee() {
    let mut rng = Lcg(7);
    let mut wrong = Vec::new();
    let mut decided = 0;
    const RATES: &[(&str, f64)] = &[("-2", -2.0), ("-1/2", -0.5), ("1", 1.0), ("3/2", 1.5)];
    for _ in 0..150 {
        let (ta, a) = *rng.pick(COEFS);
        let (tb, b) = *rng.pick(RATES);
        let (tc, c) = *rng.pick(COEFS);
        let (trange, lo, hi) = *rng.pick(RANGES);
        let src = format!("show (inf x {trange}: ({ta})*exp(({tb})*x) + ({tc})*x) at n = 1\n");
        let f = |x: f64| a * (b * x).exp() + c * x;
        let truth = numeric_inf(&f, lo, hi);
        if judge(&src, truth, &mut wrong) {
            decided += 1;
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(decided >= 60, "only {decided} decided");
}
