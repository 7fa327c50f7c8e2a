//! Landau claims between single power–log monomials whose exponents may be
//! parameters: each side must be c * n^p * (log n)^q with exact coefficients
//! c, p, q (`Coef`, possibly mentioning parameters), as in `n^a = o(n)` or
//! `log(n)^k = O(n)`. The series engine needs rational exponents; this fast
//! path decides such claims from the SIGNS of the exponent differences over
//! the whole parameter box (exact rules or interval enclosures, never
//! sampling). Used only when the series engine answers unknown.

use super::coef::{too_nested, Coef};
use super::expand::{Expand, MAX_DEPTH};
use super::scale::Scale;
use super::series::Ctx;
use crate::exact::Sign;
use crate::ir::{Cause, Decision, Expr, Func, Landau, Verdict, Q};
use num_bigint::BigInt;
use num_traits::One;

/// c * n^p * (log n)^q, valid for every n > 1.
#[derive(Clone, Debug)]
struct Mono {
    c: Coef,
    p: Coef,
    q: Coef,
}

impl Mono {
    fn constant(c: Coef) -> Mono {
        Mono {
            c,
            p: Coef::zero(),
            q: Coef::zero(),
        }
    }
    /// Does an exponent mention a parameter or an irrational constant
    /// (what the series engine cannot expand)?
    fn exotic(&self) -> bool {
        self.p.as_rational().is_none() || self.q.as_rational().is_none()
    }
}

/// A coefficient with a strict sign over the box (Pos or Neg).
fn strict(cx: &mut Ctx, c: &Coef) -> bool {
    matches!(cx.sign(c), Some(Sign::Pos) | Some(Sign::Neg))
}

/// c^e for c > 0 over the box (e any exact constant), or an integer power.
fn coef_pow(cx: &mut Ctx, c: &Coef, e: &Coef) -> Option<Coef> {
    if let Some(r) = e.as_rational() {
        if r.is_integer() {
            let k = num_traits::ToPrimitive::to_i64(&r.to_integer())?;
            if k.abs() > 64 {
                return None;
            }
            if k < 0 && !strict(cx, c) {
                return None;
            }
            return c.powi(k).ok();
        }
        if cx.sign(c) != Some(Sign::Pos) {
            return None;
        }
        return c.powq(&r, cx.params).ok();
    }
    if c.as_rational().is_some_and(|r| r.is_one()) {
        return Some(Coef::one());
    }
    if cx.sign(c) != Some(Sign::Pos) {
        return None;
    }
    let out = c.log().ok()?.mul(e).exp();
    (!too_nested(&out)).then_some(out)
}

/// An exact constant (no `n`), or `None`.
fn constant(cx: &mut Ctx, e: &Expr) -> Option<Coef> {
    if e.has_var() {
        return None;
    }
    cx.expand(e, 0).ok()?.as_constant()
}

/// `e` as a monomial, or `None` when it is not one (or a step is not sound).
fn mono(cx: &mut Ctx, e: &Expr, depth: usize) -> Option<Mono> {
    crate::stack::guard!(mono(cx, e, depth));
    if depth > MAX_DEPTH {
        return None;
    }
    let d = depth + 1;
    if !e.has_var() {
        return constant(cx, e).map(Mono::constant);
    }
    match e {
        Expr::Var => Some(Mono {
            c: Coef::one(),
            p: Coef::one(),
            q: Coef::zero(),
        }),
        Expr::Neg(a) => {
            let m = mono(cx, a, d)?;
            Some(Mono { c: m.c.neg(), ..m })
        }
        Expr::Mul(a, b) => {
            let (x, y) = (mono(cx, a, d)?, mono(cx, b, d)?);
            Some(Mono {
                c: x.c.mul(&y.c),
                p: x.p.add(&y.p),
                q: x.q.add(&y.q),
            })
        }
        Expr::Div(a, b) => {
            let (x, y) = (mono(cx, a, d)?, mono(cx, b, d)?);
            if !strict(cx, &y.c) {
                return None;
            }
            Some(Mono {
                c: x.c.mul(&y.c.powi(-1).ok()?),
                p: x.p.sub(&y.p),
                q: x.q.sub(&y.q),
            })
        }
        Expr::Pow(a, b) => {
            let ex = constant(cx, b)?;
            let m = mono(cx, a, d)?;
            pow(cx, &m, &ex)
        }
        Expr::Call(Func::Sqrt, args) => match args.as_slice() {
            [x] => {
                let m = mono(cx, x, d)?;
                pow(cx, &m, &Coef::rat(Q::new(BigInt::one(), BigInt::from(2))))
            }
            _ => None,
        },
        Expr::Call(f @ (Func::Log | Func::Log2 | Func::Log10), args) => {
            let [x] = args.as_slice() else {
                return None;
            };
            // log(n^p) = p log n (n > 0); other logs are not monomials
            let m = mono(cx, x, d)?;
            if !m.q.is_zero() || !m.c.as_rational().is_some_and(|r| r.is_one()) {
                return None;
            }
            let scale = match f {
                Func::Log2 => Coef::int(2).log().ok()?.powi(-1).ok()?,
                Func::Log10 => Coef::int(10).log().ok()?.powi(-1).ok()?,
                _ => Coef::one(),
            };
            Some(Mono {
                c: m.p.mul(&scale),
                p: Coef::zero(),
                q: Coef::one(),
            })
        }
        _ => None,
    }
}

/// (c n^p (log n)^q)^e = c^e n^(p e) (log n)^(q e) for n > 1 (n^p, (log n)^q
/// positive there); c^e needs c > 0 unless e is an integer.
fn pow(cx: &mut Ctx, m: &Mono, e: &Coef) -> Option<Mono> {
    let c = coef_pow(cx, &m.c, e)?;
    let out = Mono {
        c,
        p: m.p.mul(e),
        q: m.q.mul(e),
    };
    (!too_nested(&out.c) && !too_nested(&out.p) && !too_nested(&out.q)).then_some(out)
}

/// c * n^p * log(n)^q as text, trivial factors left out.
fn mono_text(cx: &Ctx, c: &Coef, p: &Coef, q: &Coef) -> String {
    let mut parts = Vec::new();
    let one = |x: &Coef| x.as_rational().is_some_and(|r| r.is_one());
    if !one(c) || (p.is_zero() && q.is_zero()) {
        parts.push(text(cx, c));
    }
    if !p.is_zero() {
        let e = if one(p) { "1".to_string() } else { text(cx, p) };
        parts.push(if one(p) && crate::ir::zero_var(cx.var).is_none() {
            cx.var.to_string()
        } else {
            crate::ir::var_power(cx.var, &e)
        });
    }
    if !q.is_zero() {
        let base = crate::ir::var_log(cx.var);
        if one(q) {
            parts.push(base);
        } else {
            parts.push(format!("{base}^{}", text(cx, q)));
        }
    }
    parts.join("*")
}

fn text(cx: &Ctx, c: &Coef) -> String {
    let s = c.to_expr().display(cx.var).to_string();
    if c.len() > 1 || s.starts_with('-') || s.contains('/') || s.contains('*') {
        format!("({s})")
    } else {
        s
    }
}

/// `A = O(B)` (`o` when `strict_o`) for monomials A = x, B = y.
fn landau_o(cx: &mut Ctx, x: &Mono, y: &Mono, ta: &str, tb: &str, strict_o: bool) -> Decision {
    if x.c.is_zero() {
        return Decision::proved(format!("{ta} is identically 0"));
    }
    if !strict(cx, &y.c) {
        return Decision::unknown(cx.sign_message(&y.c));
    }
    let dp = x.p.sub(&y.p);
    let dq = x.q.sub(&y.q);
    let ratio = match y.c.powi(-1) {
        Ok(inv) => format!("{ta}/{tb} = {}", mono_text(cx, &x.c.mul(&inv), &dp, &dq)),
        Err(_) => format!(
            "{ta}/{tb} = const * {}",
            mono_text(cx, &Coef::one(), &dp, &dq)
        ),
    };
    let sp = cx.sign(&dp);
    let sq = cx.sign(&dq);
    let (dps, dqs) = (text(cx, &dp), text(cx, &dq));
    // proved
    if sp == Some(Sign::Neg) {
        return Decision::proved(format!("{ratio} with {dps} < 0, -> 0"));
    }
    if dp.is_zero() && dq.is_zero() && !strict_o {
        return Decision::proved(format!("{ratio}, bounded"));
    }
    if cx.nonpos(&dp) {
        if sq == Some(Sign::Neg) {
            return Decision::proved(format!("{ratio} with {dps} <= 0 and {dqs} < 0, -> 0"));
        }
        if !strict_o && cx.nonpos(&dq) {
            return Decision::proved(format!("{ratio} with {dps} <= 0 and {dqs} <= 0, bounded"));
        }
    }
    // refuted: at every admissible point the ratio does not tend to 0 /
    // is unbounded (A's coefficient is non-zero everywhere)
    if strict(cx, &x.c) {
        if sp == Some(Sign::Pos) {
            return Decision::refuted(format!("{ratio} with {dps} > 0: unbounded"));
        }
        if dp.is_zero() {
            if sq == Some(Sign::Pos) {
                return Decision::refuted(format!("{ratio} with {dqs} > 0: unbounded"));
            }
            if strict_o && cx.nonneg(&dq) {
                return Decision::refuted(format!(
                    "{ta}/{tb} ~ const * {}^{dqs} with {dqs} >= 0: does not tend to 0",
                    crate::ir::var_log(cx.var)
                ));
            }
        }
    } else {
        return Decision::unknown(cx.sign_message(&x.c));
    }
    let (question, c) = if !dp.is_zero() && sp.is_none() {
        let rel = if strict_o || !cx.nonpos(&dp) {
            "< 0"
        } else {
            "< 0 (or = 0 with the log exponents in order)"
        };
        (format!("is {dps} {rel}?"), dp)
    } else {
        let rel = if strict_o { "< 0" } else { "<= 0" };
        (format!("is {dqs} {rel}?"), dq)
    };
    Decision::unknown(Cause::within(
        "",
        cx.sign_message(&c),
        &format!(": comparing exponents of {ta} and {tb}, {question}"),
    ))
}

/// Decide a Landau claim between monomials with non-rational exponents, or
/// `None` when a side is not such a monomial (or every exponent is rational,
/// which the series engine handles).
pub fn landau(cx: &mut Ctx, ea: &Expr, rel: Landau, eb: &Expr) -> Option<Decision> {
    let x = mono(cx, ea, 0)?;
    let y = mono(cx, eb, 0)?;
    if !x.exotic() && !y.exotic() {
        return None;
    }
    let show = |e: &Expr| {
        let s = e.display(cx.var).to_string();
        match e {
            Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Call(..) => s,
            _ => format!("({s})"),
        }
    };
    let (ta, tb) = (show(ea), show(eb));
    Some(match rel {
        Landau::BigO => landau_o(cx, &x, &y, &ta, &tb, false),
        Landau::LittleO => landau_o(cx, &x, &y, &ta, &tb, true),
        Landau::Omega => landau_o(cx, &y, &x, &tb, &ta, false),
        Landau::LittleOmega => landau_o(cx, &y, &x, &tb, &ta, true),
        Landau::Theta => {
            let up = landau_o(cx, &x, &y, &ta, &tb, false);
            if up.verdict != Verdict::Proved {
                return Some(up);
            }
            let down = landau_o(cx, &y, &x, &tb, &ta, false);
            if down.verdict != Verdict::Proved {
                return Some(down);
            }
            Decision::proved(format!("{}; {}", up.reason, down.reason))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::ParamBox;

    #[test]
    fn log_of_power_is_a_monomial() {
        let pb = ParamBox::default();
        let mut cx = Ctx::new(&pb, "n", 4);
        let e = Expr::call1(Func::Log, Expr::pow(Expr::Var, Expr::int(3)));
        let m = mono(&mut cx, &e, 0).expect("monomial");
        assert_eq!(m.c.as_rational(), Some(Q::from_integer(BigInt::from(3))));
        assert!(m.p.is_zero());
        assert!(m.q.as_rational().is_some_and(|r| r.is_one()));
        // log(n + 1) is not a monomial
        let e = Expr::call1(Func::Log, Expr::add(Expr::Var, Expr::int(1)));
        assert!(mono(&mut cx, &e, 0).is_none());
    }
}
