//! Claim decisions from expansions: O, o, Theta, Omega, omega, `~`, `lim`
//! and `eventually` inequalities. A claim is proved or refuted only when the
//! deciding leading coefficients have a sign determined over the whole
//! parameter box; otherwise the answer is unknown with the question.

use super::coef::Coef;
use super::series::{series_text, term_expr, Ctx, Fail, Order, Series, Why};
use crate::exact::Sign;
use crate::ir::{Cmp, Decision, Expr, Landau, LimitTarget, Verdict};

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
fn term(cx: &Ctx, key: &str, o: &Order, c: &Coef) -> String {
    let full = crate::reason::expr(&term_expr(o, c), cx.var);
    let short = if c.as_rational().is_some() {
        if full.chars().count() > LONG_TERM {
            "the leading term".to_string()
        } else {
            full.clone()
        }
    } else {
        let name = if c.looks_negative() { "-c" } else { "c" };
        let e = o.factors().into_iter().fold(Expr::param(name), Expr::mul);
        crate::reason::expr(&e, cx.var)
    };
    if short == full && key.is_empty() {
        full
    } else {
        crate::reason::named(key, &short, &full)
    }
}

fn order_text(cx: &Ctx, o: &Order) -> String {
    match o.to_expr() {
        Some(x) => x.display(cx.var).to_string(),
        None => "1".into(),
    }
}

/// Leading term of a/b as text (b's leading coefficient is non-zero).
fn ratio(cx: &Ctx, a: &(Order, Coef), b: &(Order, Coef)) -> Result<(Order, String), Fail> {
    let inv = b.1.powi(-1).map_err(Fail::other)?;
    let o = a.0.sub(&b.0);
    let c = a.1.mul(&inv);
    Ok((o.clone(), term(cx, "ratio", &o, &c)))
}

/// The leading term of `b`, with a sign determined and non-zero.
fn certain_lead(cx: &mut Ctx, b: &Series) -> Result<(Order, Coef, Sign), Fail> {
    let Some((o, c)) = b.terms.first().cloned() else {
        return Err(Fail::NeedMore);
    };
    let s = cx.sign_or_fail(&c)?;
    Ok((o, c, s))
}

/// `A = O(B)` (or `A = o(B)` when `strict`), from the expansions.
pub fn landau_o(
    cx: &mut Ctx,
    sa: &Series,
    sb: &Series,
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
        let (oa, ca, _) = certain_lead(cx, sa)?;
        return Ok(Decision::refuted(format!(
            "{tb} is identically 0 but {ta} ~ {}",
            term(cx, "leading term", &oa, &ca)
        )));
    }
    let (ob, cb, _) = certain_lead(cx, sb)?;
    let ub = sa.ub().unwrap_or_else(Order::zero);
    let holds = if strict { ub < ob } else { ub <= ob };
    if holds {
        return Ok(match sa.terms.first() {
            Some(lead) => {
                let (ro, rt) = ratio(cx, lead, &(ob.clone(), cb.clone()))?;
                let sure = cx.sign(&lead.1).is_some();
                let rel = if sure { "~" } else { "= O" };
                let tail = if ro < Order::zero() {
                    " -> 0"
                } else {
                    ", bounded"
                };
                if sure {
                    Decision::proved(format!("{ta}/{tb} {rel} {rt}{tail}"))
                } else {
                    Decision::proved(format!("{ta}/{tb} = O({}){tail}", order_text(cx, &ro)))
                }
            }
            None => Decision::proved(format!(
                "{ta} = O({}), {tb} ~ {}",
                order_text(cx, &ub),
                term(cx, "leading term", &ob, &cb)
            )),
        });
    }
    let (oa, ca, _) = certain_lead(cx, sa)?;
    let why = if strict && ub == ob {
        "does not tend to 0"
    } else {
        "unbounded"
    };
    let (_, rt) = ratio(cx, &(oa, ca), &(ob, cb))?;
    Ok(Decision::refuted(format!("{ta}/{tb} ~ {rt}, {why}")))
}

/// `A ~ B`.
fn similar_here(
    cx: &mut Ctx,
    sa: &Series,
    sb: &Series,
    ea: &Expr,
    eb: &Expr,
) -> Result<Decision, Fail> {
    let (ta, tb) = (show("lhs", ea, cx.var), show("rhs", eb, cx.var));
    if sb.is_zero() {
        return Ok(Decision::unknown(format!(
            "{tb} is identically 0: {ta}/{tb} undefined"
        )));
    }
    let (ob, cb, _) = certain_lead(cx, sb)?;
    let d = cx.sub(sa, sb)?;
    if d.is_zero() {
        return Ok(Decision::proved(format!("{ta} - {tb} is identically 0")));
    }
    let ub = d.ub().unwrap_or_else(Order::zero);
    if ub < ob {
        let lead_d = match d.terms.first() {
            Some((o, c)) if cx.sign(c).is_some() => {
                format!("~ {}", term(cx, "difference", o, c))
            }
            _ => format!("= O({})", order_text(cx, &ub)),
        };
        return Ok(Decision::proved(format!(
            "{ta} - {tb} {lead_d} = o({}){}",
            order_text(cx, &ob),
            crate::reason::detail(&format!(", {tb} ~ {}", term(cx, "leading term", &ob, &cb)))
        )));
    }
    let (od, cd, _) = certain_lead(cx, &d)?;
    if od == ob {
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
        let (_, rt) = ratio(cx, &(od, cd), &(ob, cb))?;
        Ok(Decision::refuted(format!("{ta}/{tb} ~ {rt}, unbounded")))
    }
}

/// `lim A = L`.
fn limit_here(
    cx: &mut Ctx,
    sa: &Series,
    ea: &Expr,
    target: &LimitTarget,
) -> Result<Decision, Fail> {
    let ta = show("the expression", ea, cx.var);
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
            let d = cx.sub(sa, &Series::constant(cl.clone()))?;
            let lt = l.display(cx.var).to_string();
            if d.is_zero() {
                return Ok(Decision::proved(format!("{ta} = {lt} exactly")));
            }
            let ub = d.ub().unwrap_or_else(Order::zero);
            if ub < Order::zero() {
                // d = (leading term) + o(its order), or d = O(ub)
                let (neg, rest, little) = match d.terms.first() {
                    Some((o, c)) if cx.sign(c).is_some() => {
                        let neg = c.looks_negative();
                        let shown = if neg { c.neg() } else { c.clone() };
                        let t = term(cx, "leading term", o, &shown);
                        (neg, t, Some(order_text(cx, o)))
                    }
                    _ => (false, format!("O({})", order_text(cx, &ub)), None),
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
            let (od, cd, sd) = certain_lead(cx, &d)?;
            if od > Order::zero() {
                let inf = if sd == Sign::Pos { "+oo" } else { "-oo" };
                Ok(Decision::refuted(format!(
                    "{ta} ~ {} -> {inf}",
                    term(cx, "leading term", &od, &cd)
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
            let ub = sa.ub().unwrap_or_else(Order::zero);
            if ub <= Order::zero() {
                return Ok(Decision::refuted(format!("{ta} = O(1), bounded")));
            }
            let (o, c, s) = certain_lead(cx, sa)?;
            let inf = if s == Sign::Pos { "+oo" } else { "-oo" };
            let why = format!("{ta} ~ {} -> {inf}", term(cx, "leading term", &o, &c));
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
    cx: &mut Ctx,
    sa: &Series,
    op: Cmp,
    sb: &Series,
    ea: &Expr,
    eb: &Expr,
) -> Result<Decision, Fail> {
    let (ta, tb) = (show("lhs", ea, cx.var), show("rhs", eb, cx.var));
    let d = cx.sub(sb, sa)?;
    if d.is_zero() {
        let why = format!("{ta} - {tb} is identically 0");
        return Ok(match op {
            Cmp::Le | Cmp::Ge => Decision::proved(why),
            _ => Decision::refuted(why),
        });
    }
    if let Some(dec) = exact_signed_terms(cx, &d, op, &ta, &tb) {
        return Ok(dec);
    }
    let (o, c, s) = certain_lead(cx, &d)?;
    let rel = if s == Sign::Pos { ">" } else { "<" };
    let why = format!("{tb} - {ta} ~ {} {rel} 0", term(cx, "difference", &o, &c));
    let b_bigger = s == Sign::Pos;
    let verdict = match op {
        Cmp::Le | Cmp::Lt => b_bigger,
        Cmp::Ge | Cmp::Gt => !b_bigger,
        Cmp::Eq | Cmp::Ne => {
            return Err(Fail::Unknown(
                Why::NotSupported,
                "not supported yet: == / != eventually".into(),
            ));
        }
    };
    Ok(if verdict {
        Decision::proved(why)
    } else {
        Decision::refuted(why)
    })
}

/// `A <= B` / `A >= B` eventually when the leading sign of d = B - A is not
/// determined but d is EXACT (no error term) and every coefficient is >= 0
/// (or every one <= 0) over the whole box: each term n^a (log n)^b
/// (log log n)^d is positive for n > e^e, so d >= 0 (d <= 0) for all large n.
/// Strict comparisons need, besides, one term with a strict sign (else d
/// may vanish). `None`: the rule does not apply.
fn exact_signed_terms(cx: &mut Ctx, d: &Series, op: Cmp, ta: &str, tb: &str) -> Option<Decision> {
    if d.err.is_some() || d.terms.is_empty() || matches!(op, Cmp::Eq | Cmp::Ne) {
        return None;
    }
    let lead = d.terms.first()?.1.clone();
    if cx.sign(&lead).is_some() {
        return None; // the ordinary leading-term rule decides
    }
    let (want_nonneg, rel) = if matches!(op, Cmp::Le | Cmp::Lt) {
        (true, ">=")
    } else {
        (false, "<=")
    };
    let all = d.terms.iter().all(|(_, c)| {
        if want_nonneg {
            cx.nonneg(c)
        } else {
            cx.nonpos(c)
        }
    });
    if !all {
        return None;
    }
    // strict: some term must be strictly signed (then d != 0 for n > e^e)
    let strict_term = if matches!(op, Cmp::Lt | Cmp::Gt) {
        let want = if want_nonneg { Sign::Pos } else { Sign::Neg };
        let found = d.terms.iter().find(|(_, c)| cx.sign(c) == Some(want));
        match found {
            Some((o, c)) => Some(term(cx, "", o, c)),
            None => return None,
        }
    } else {
        None
    };
    let text = crate::reason::named(
        "difference",
        "a sum of signed terms",
        &series_text(d, cx.var, d.terms.len()),
    );
    let what = if d.terms.len() == 1 {
        "coefficient"
    } else {
        "every coefficient"
    };
    let strict_text = match strict_term {
        Some(t) => format!(", the term {t} strictly"),
        None => String::new(),
    };
    Some(Decision::proved(format!(
        "{tb} - {ta} = {text} exactly, {what} {rel} 0{strict_text}"
    )))
}

/// The names of the two sides, in the order given to [`landau_o`].
const LR: (&str, &str) = ("lhs", "rhs");
const RL: (&str, &str) = ("rhs", "lhs");

/// A Landau claim.
pub fn landau(cx: &mut Ctx, ea: &Expr, rel: Landau, eb: &Expr) -> Result<Decision, Fail> {
    let sa = cx.expand(ea, 0)?;
    let sb = cx.expand(eb, 0)?;
    let d = landau_here(cx, &sa, &sb, ea, rel, eb)?;
    Ok(with_expansions(d, cx.var, &[("lhs", &sa), ("rhs", &sb)]))
}

fn landau_here(
    cx: &mut Ctx,
    sa: &Series,
    sb: &Series,
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
            let up = landau_o(cx, sa, sb, ea, eb, false, LR);
            if let Ok(d) = &up {
                if d.verdict == Verdict::Refuted {
                    return up;
                }
            }
            let down = landau_o(cx, sb, sa, eb, ea, false, RL);
            if let Ok(d) = &down {
                if d.verdict == Verdict::Refuted {
                    return down;
                }
            }
            let (up, down) = (up?, down?);
            if up.verdict == Verdict::Proved && down.verdict == Verdict::Proved {
                Ok(Decision::proved(theta_reason(cx, sa, sb, ea, eb, &up)?))
            } else if up.verdict == Verdict::Proved {
                Ok(down)
            } else {
                Ok(up)
            }
        }
    }
}

fn theta_reason(
    cx: &mut Ctx,
    sa: &Series,
    sb: &Series,
    ea: &Expr,
    eb: &Expr,
    up: &Decision,
) -> Result<String, Fail> {
    match (sa.terms.first(), sb.terms.first()) {
        (Some(a), Some(b)) => {
            let (_, rt) = ratio(cx, a, b)?;
            Ok(format!(
                "{}/{} ~ {rt}",
                show("lhs", ea, cx.var),
                show("rhs", eb, cx.var)
            ))
        }
        _ => Ok(up.reason.clone()),
    }
}

/// Terms of each side's expansion shown by `--explain`.
const EXPLAIN_TERMS: usize = 2;

/// The decision with the expansions of the sides as steps of its derivation.
fn with_expansions(d: Decision, var: &str, sides: &[(&str, &Series)]) -> Decision {
    let mut reason = d.reason;
    for (name, s) in sides {
        reason.push_str(&crate::reason::step(&format!(
            "{name} = {}",
            series_text(s, var, EXPLAIN_TERMS)
        )));
    }
    Decision {
        verdict: d.verdict,
        reason,
    }
}

/// `A ~ B`.
pub fn similar(
    cx: &mut Ctx,
    sa: &Series,
    sb: &Series,
    ea: &Expr,
    eb: &Expr,
) -> Result<Decision, Fail> {
    let d = similar_here(cx, sa, sb, ea, eb)?;
    Ok(with_expansions(d, cx.var, &[("lhs", sa), ("rhs", sb)]))
}

/// `lim A = L`.
pub fn limit(cx: &mut Ctx, sa: &Series, ea: &Expr, target: &LimitTarget) -> Result<Decision, Fail> {
    let d = limit_here(cx, sa, ea, target)?;
    Ok(with_expansions(d, cx.var, &[("the expression", sa)]))
}

/// `A op B eventually`.
pub fn eventually(
    cx: &mut Ctx,
    sa: &Series,
    op: Cmp,
    sb: &Series,
    ea: &Expr,
    eb: &Expr,
) -> Result<Decision, Fail> {
    let sides = [("lhs", sa), ("rhs", sb)];
    match eventually_here(cx, sa, op, sb, ea, eb) {
        Ok(d) => Ok(with_expansions(d, cx.var, &sides)),
        // `==`/`!=`: the reason still shows the expansions of both sides
        Err(Fail::Unknown(Why::NotSupported, why)) => {
            let d = with_expansions(Decision::unknown(why), cx.var, &sides);
            Err(Fail::Unknown(Why::NotSupported, d.reason))
        }
        Err(e) => Err(e),
    }
}
