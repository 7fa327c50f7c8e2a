//! Claim decisions from exp–log expansions: O, o, Theta, Omega, omega, `~`,
//! `lim` and `eventually` inequalities. A claim is proved or refuted only
//! when the deciding leading coefficients have a sign determined over the
//! whole parameter box and the deciding monomial comparisons are settled;
//! otherwise the answer is unknown with the question.

use super::scale::{ser_text, term_expr, Cx, Mono, Ser};
use crate::asymptotic::coef::Coef;
use crate::asymptotic::series::Fail;
use crate::exact::Sign;
use crate::ir::{Cmp, Decision, Expr, Landau, LimitTarget, Verdict};
use std::cmp::Ordering;

/// A side of the claim in a reason: tidy, called `name` (`lhs`, `rhs`)
/// when the line is full.
fn show(name: &str, e: &Expr, var: &str) -> String {
    crate::reason::side(name, e, var)
}

/// A term with a plain-number coefficient longer than this is called "the
/// leading term" when the line is full.
const LONG_TERM: usize = 40;

/// One term c*m in a reason: printed whole, or as `c*m` when the line is
/// full and the coefficient is not a plain number; recorded as evidence
/// under `key` when `key` is not empty.
fn term(cx: &Cx, key: &str, m: &Mono, c: &Coef) -> String {
    let full = crate::reason::expr(&term_expr(m, c, cx.var), cx.var);
    let short = if c.as_rational().is_some() {
        if full.chars().count() > LONG_TERM {
            "the leading term".to_string()
        } else {
            full.clone()
        }
    } else {
        let name = if c.looks_negative() { "-c" } else { "c" };
        let e = m
            .factors(cx.var)
            .into_iter()
            .fold(Expr::param(name), Expr::mul);
        crate::reason::expr(&e, cx.var)
    };
    if short == full && key.is_empty() {
        full
    } else {
        crate::reason::named(key, &short, &full)
    }
}

fn mono_text(cx: &Cx, m: &Mono) -> String {
    match m.to_expr(cx.var) {
        Some(x) => crate::reason::expr(&x, cx.var),
        None => "1".into(),
    }
}

/// The leading term with a determined, non-zero sign.
fn certain_lead(cx: &mut Cx, s: &Ser) -> Result<(Mono, Coef, Sign), Fail> {
    let Some((m, c)) = s.terms.first().cloned() else {
        return Err(Fail::NeedMore);
    };
    let sg = cx.sign_or_fail(&c)?;
    Ok((m, c, sg))
}

/// Leading term of a/b as (monomial, text).
fn ratio(cx: &mut Cx, a: &(Mono, Coef), b: &(Mono, Coef)) -> Result<(Mono, String), Fail> {
    let inv = b.1.powi(-1).map_err(Fail::other)?;
    let binv = cx.mono_pow(&b.0, &Coef::int(-1))?;
    let m = cx.mono_mul(&a.0, &binv)?;
    let c = a.1.mul(&inv);
    let t = term(cx, "ratio", &m, &c);
    Ok((m, t))
}

fn ub_or_one(s: &Ser) -> Mono {
    s.ub().unwrap_or_else(Mono::one)
}

/// `A = O(B)` (`o` when `strict`).
pub fn landau_o(
    cx: &mut Cx,
    sa: &Ser,
    sb: &Ser,
    ea: &Expr,
    eb: &Expr,
    strict: bool,
    names: (&str, &str),
) -> Result<Decision, Fail> {
    let (ta, tb) = (show(names.0, ea, cx.var), show(names.1, eb, cx.var));
    if sa.is_zero() {
        return Ok(Decision::proved(format!("{ta} is identically 0")));
    }
    if sb.is_zero() {
        let (ma, ca, _) = certain_lead(cx, sa)?;
        return Ok(Decision::refuted(format!(
            "{tb} is identically 0 but {ta} ~ {}",
            term(cx, "leading term", &ma, &ca)
        )));
    }
    let (mb, cb, _) = certain_lead(cx, sb)?;
    let ub = ub_or_one(sa);
    let ord = cx.cmp(&ub, &mb)?;
    let holds = if strict {
        ord == Ordering::Less
    } else {
        ord != Ordering::Greater
    };
    if holds {
        return Ok(match sa.terms.first().cloned() {
            Some(lead) => {
                let sure = cx.sign(&lead.1).is_some();
                let (rm, rt) = ratio(cx, &lead, &(mb.clone(), cb.clone()))?;
                let tail = if cx.cmp(&rm, &Mono::one())? == Ordering::Less {
                    " -> 0"
                } else {
                    ", bounded"
                };
                if sure {
                    Decision::proved(format!("{ta}/{tb} ~ {rt}{tail}"))
                } else {
                    Decision::proved(format!("{ta}/{tb} = O({}){tail}", mono_text(cx, &rm)))
                }
            }
            None => Decision::proved(format!(
                "{ta} = O({}), {tb} ~ {}",
                mono_text(cx, &ub),
                term(cx, "leading term", &mb, &cb)
            )),
        });
    }
    let (ma, ca, _) = certain_lead(cx, sa)?;
    let why = if strict && ord == Ordering::Equal {
        "does not tend to 0"
    } else {
        "unbounded"
    };
    let (_, rt) = ratio(cx, &(ma, ca), &(mb, cb))?;
    Ok(Decision::refuted(format!("{ta}/{tb} ~ {rt}, {why}")))
}

/// The names of the two sides, in the order given to [`landau_o`].
const LR: (&str, &str) = ("lhs", "rhs");
const RL: (&str, &str) = ("rhs", "lhs");

pub fn landau(cx: &mut Cx, ea: &Expr, rel: Landau, eb: &Expr) -> Result<Decision, Fail> {
    let sa = cx.expand(ea, 0)?;
    let sb = cx.expand(eb, 0)?;
    let d = landau_here(cx, &sa, &sb, ea, rel, eb)?;
    Ok(with_expansions(d, cx.var, &[("lhs", &sa), ("rhs", &sb)]))
}

fn landau_here(
    cx: &mut Cx,
    sa: &Ser,
    sb: &Ser,
    ea: &Expr,
    rel: Landau,
    eb: &Expr,
) -> Result<Decision, Fail> {
    match rel {
        Landau::BigO => landau_o(cx, sa, sb, ea, eb, false, LR),
        Landau::LittleO => landau_o(cx, sa, sb, ea, eb, true, LR),
        Landau::Omega => landau_o(cx, sb, sa, eb, ea, false, RL),
        Landau::LittleOmega => landau_o(cx, sb, sa, eb, ea, true, RL),
        Landau::Theta => {
            let up = landau_o(cx, sa, sb, ea, eb, false, LR)?;
            if up.verdict == Verdict::Refuted {
                return Ok(up);
            }
            let down = landau_o(cx, sb, sa, eb, ea, false, RL)?;
            if down.verdict == Verdict::Refuted {
                return Ok(down);
            }
            if up.verdict == Verdict::Proved && down.verdict == Verdict::Proved {
                if let (Some(a), Some(b)) = (sa.terms.first().cloned(), sb.terms.first().cloned()) {
                    let (_, rt) = ratio(cx, &a, &b)?;
                    return Ok(Decision::proved(format!(
                        "{}/{} ~ {rt}",
                        show("lhs", ea, cx.var),
                        show("rhs", eb, cx.var)
                    )));
                }
                return Ok(up);
            }
            Ok(if up.verdict == Verdict::Proved {
                down
            } else {
                up
            })
        }
    }
}

/// `A ~ B`.
fn similar_here(cx: &mut Cx, sa: &Ser, sb: &Ser, ea: &Expr, eb: &Expr) -> Result<Decision, Fail> {
    let (ta, tb) = (show("lhs", ea, cx.var), show("rhs", eb, cx.var));
    if sb.is_zero() {
        return Ok(Decision::unknown(format!(
            "{tb} is identically 0: {ta}/{tb} undefined"
        )));
    }
    let (mb, cb, _) = certain_lead(cx, sb)?;
    // identical sides: the difference is 0 where defined
    let d = if ea == eb {
        Ser::zero()
    } else {
        cx.sub(sa, sb)?
    };
    if d.is_zero() {
        return Ok(Decision::proved(format!("{ta} - {tb} is identically 0")));
    }
    let ub = ub_or_one(&d);
    if cx.cmp(&ub, &mb)? == Ordering::Less {
        let lead_d = match d.terms.first().cloned() {
            Some((m, c)) if cx.sign(&c).is_some() => {
                format!("~ {}", term(cx, "difference", &m, &c))
            }
            _ => format!("= O({})", mono_text(cx, &ub)),
        };
        return Ok(Decision::proved(format!(
            "{ta} - {tb} {lead_d} = o({}){}",
            mono_text(cx, &mb),
            crate::reason::detail(&format!(", {tb} ~ {}", term(cx, "leading term", &mb, &cb)))
        )));
    }
    let (md, cd, _) = certain_lead(cx, &d)?;
    if cx.cmp(&md, &mb)? == Ordering::Equal {
        let inv = cb.powi(-1).map_err(Fail::other)?;
        let lim = Coef::one().add(&cd.mul(&inv));
        Ok(Decision::refuted(format!(
            "{ta}/{tb} -> {}, not 1",
            crate::reason::named(
                "limit",
                "a limit",
                &crate::reason::expr(&lim.to_expr(), cx.var)
            )
        )))
    } else {
        let (_, rt) = ratio(cx, &(md, cd), &(mb, cb))?;
        Ok(Decision::refuted(format!("{ta}/{tb} ~ {rt}, unbounded")))
    }
}

/// `lim A = L`.
fn limit_here(cx: &mut Cx, sa: &Ser, ea: &Expr, target: &LimitTarget) -> Result<Decision, Fail> {
    let ta = show("the expression", ea, cx.var);
    let one = Mono::one();
    match target {
        LimitTarget::Finite(l) => {
            if l.has_var() {
                return Ok(Decision::unknown(format!(
                    "the limit {} depends on {}",
                    l.display(cx.var),
                    cx.var
                )));
            }
            let sl = cx.expand(l, 0)?;
            let Some(cl) = sl.as_constant() else {
                return Err(Fail::other("limit target is not a constant".into()));
            };
            let d = cx.sub(sa, &Ser::constant(cl.clone()))?;
            let lt = l.display(cx.var).to_string();
            if d.is_zero() {
                return Ok(Decision::proved(format!("{ta} = {lt} exactly")));
            }
            let ub = ub_or_one(&d);
            if cx.cmp(&ub, &one)? == Ordering::Less {
                // d = (leading term) + o(its order), or d = O(ub)
                let (neg, rest, little) = match d.terms.first().cloned() {
                    Some((m, c)) if cx.sign(&c).is_some() => {
                        let neg = c.looks_negative();
                        let shown = if neg { c.neg() } else { c.clone() };
                        let t = term(cx, "leading term", &m, &shown);
                        (neg, t, Some(mono_text(cx, &m)))
                    }
                    _ => (false, format!("O({})", mono_text(cx, &ub)), None),
                };
                let sign = if neg { "-" } else { "+" };
                if cl.is_zero() {
                    let minus = if neg { "-" } else { "" };
                    return Ok(Decision::proved(match little {
                        Some(_) => format!("{ta} ~ {minus}{rest} -> 0"),
                        None => format!("{ta} = {rest} -> 0"),
                    }));
                }
                let tail = match little {
                    Some(o) => format!(" + o({o})"),
                    None => String::new(),
                };
                return Ok(Decision::proved(format!("{ta} = {lt} {sign} {rest}{tail}")));
            }
            let (md, cd, sd) = certain_lead(cx, &d)?;
            if cx.cmp(&md, &one)? == Ordering::Greater {
                let inf = if sd == Sign::Pos { "+oo" } else { "-oo" };
                Ok(Decision::refuted(format!(
                    "{ta} ~ {} -> {inf}",
                    term(cx, "leading term", &md, &cd)
                )))
            } else {
                let lim = cl.add(&cd);
                Ok(Decision::refuted(format!(
                    "lim {ta} = {}",
                    crate::reason::named(
                        "limit",
                        "a limit",
                        &crate::reason::expr(&lim.to_expr(), cx.var)
                    )
                )))
            }
        }
        LimitTarget::PosInf | LimitTarget::NegInf => {
            let want = if matches!(target, LimitTarget::PosInf) {
                Sign::Pos
            } else {
                Sign::Neg
            };
            if sa.is_zero() {
                return Ok(Decision::refuted(format!("{ta} is identically 0")));
            }
            let ub = ub_or_one(sa);
            if cx.cmp(&ub, &one)? != Ordering::Greater {
                return Ok(Decision::refuted(format!("{ta} = O(1), bounded")));
            }
            let (m, c, s) = certain_lead(cx, sa)?;
            let inf = if s == Sign::Pos { "+oo" } else { "-oo" };
            let why = format!("{ta} ~ {} -> {inf}", term(cx, "leading term", &m, &c));
            Ok(if s == want {
                Decision::proved(why)
            } else {
                Decision::refuted(why)
            })
        }
    }
}

/// `A op B eventually`.
fn eventually_here(
    cx: &mut Cx,
    sa: &Ser,
    op: Cmp,
    sb: &Ser,
    ea: &Expr,
    eb: &Expr,
) -> Result<Decision, Fail> {
    let (ta, tb) = (show("lhs", ea, cx.var), show("rhs", eb, cx.var));
    // identical sides: the difference is 0 where defined
    let d = if ea == eb {
        Ser::zero()
    } else {
        cx.sub(sb, sa)?
    };
    if d.is_zero() {
        let why = format!("{ta} - {tb} is identically 0");
        return Ok(match op {
            Cmp::Le | Cmp::Ge => Decision::proved(why),
            Cmp::Lt | Cmp::Gt => Decision::refuted(why),
            Cmp::Eq | Cmp::Ne => Decision::unknown("not supported yet: == / != eventually"),
        });
    }
    let (m, c, s) = certain_lead(cx, &d)?;
    let rel = if s == Sign::Pos { ">" } else { "<" };
    let why = format!("{tb} - {ta} ~ {} {rel} 0", term(cx, "difference", &m, &c));
    let b_bigger = s == Sign::Pos;
    let verdict = match op {
        Cmp::Le | Cmp::Lt => b_bigger,
        Cmp::Ge | Cmp::Gt => !b_bigger,
        Cmp::Eq | Cmp::Ne => {
            return Ok(Decision::unknown("not supported yet: == / != eventually"));
        }
    };
    Ok(if verdict {
        Decision::proved(why)
    } else {
        Decision::refuted(why)
    })
}

/// The expansion as text (for `show`).
pub fn text(s: &Ser, var: &str, terms: usize) -> String {
    ser_text(s, var, terms)
}

/// Terms of each side's expansion shown by `--explain`.
const EXPLAIN_TERMS: usize = 2;

/// The decision with the expansions of the sides as steps of its derivation.
fn with_expansions(d: Decision, var: &str, sides: &[(&str, &Ser)]) -> Decision {
    let mut reason = d.reason;
    for (name, s) in sides {
        reason.push_str(&crate::reason::step(&format!(
            "{name} = {}",
            ser_text(s, var, EXPLAIN_TERMS)
        )));
    }
    Decision {
        verdict: d.verdict,
        reason,
    }
}

/// `A ~ B`.
pub fn similar(cx: &mut Cx, sa: &Ser, sb: &Ser, ea: &Expr, eb: &Expr) -> Result<Decision, Fail> {
    let d = similar_here(cx, sa, sb, ea, eb)?;
    Ok(with_expansions(d, cx.var, &[("lhs", sa), ("rhs", sb)]))
}

/// `lim A = L`.
pub fn limit(cx: &mut Cx, sa: &Ser, ea: &Expr, target: &LimitTarget) -> Result<Decision, Fail> {
    let d = limit_here(cx, sa, ea, target)?;
    Ok(with_expansions(d, cx.var, &[("the expression", sa)]))
}

/// `A op B eventually`.
pub fn eventually(
    cx: &mut Cx,
    sa: &Ser,
    op: Cmp,
    sb: &Ser,
    ea: &Expr,
    eb: &Expr,
) -> Result<Decision, Fail> {
    let d = eventually_here(cx, sa, op, sb, ea, eb)?;
    Ok(with_expansions(d, cx.var, &[("lhs", sa), ("rhs", sb)]))
}
