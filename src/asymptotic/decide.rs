//! Claim decisions from expansions, written once over the `Scale` trait
//! and used by both engines: O, o, Theta, Omega, omega, `~`, `lim` and
//! `eventually` inequalities. A claim is proved or refuted only when the
//! deciding leading coefficients have a sign determined over the whole
//! parameter box and the deciding monomial comparisons are settled;
//! otherwise the answer is unknown with the question.

use super::arith::Arith;
use super::coef::Coef;
use super::expand::Expand;
use super::scale::{Fail, Monomial, Scale, Series};
use crate::exact::Sign;
use crate::ir::{Cause, Cmp, Decision, Expr, Landau, LimitTarget, Verdict};
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
fn term<C: Scale>(cx: &C, key: &str, m: &C::M, c: &Coef) -> String {
    let full = crate::reason::expr(&cx.term_expr(m, c), cx.var());
    let short = if c.as_rational().is_some() {
        if full.chars().count() > LONG_TERM {
            "the leading term".to_string()
        } else {
            full.clone()
        }
    } else {
        let name = if c.looks_negative() { "-c" } else { "c" };
        let e = cx.factors(m).into_iter().fold(Expr::param(name), Expr::mul);
        crate::reason::expr(&e, cx.var())
    };
    if short == full && key.is_empty() {
        full
    } else {
        crate::reason::named(key, &short, &full)
    }
}

/// Leading term of a/b as (monomial, text) (b's leading coefficient is
/// non-zero).
fn ratio<C: Scale>(cx: &mut C, a: &(C::M, Coef), b: &(C::M, Coef)) -> Result<(C::M, String), Fail> {
    let inv = b.1.powi(-1).map_err(Fail::other)?;
    let m = cx.div(&a.0, &b.0)?;
    let c = a.1.mul(&inv);
    let t = term(cx, "ratio", &m, &c);
    Ok((m, t))
}

/// The leading term of `s`, with a sign determined and non-zero.
fn certain_lead<C: Scale>(cx: &mut C, s: &Series<C::M>) -> Result<(C::M, Coef, Sign), Fail> {
    let Some((m, c)) = s.terms.first().cloned() else {
        return Err(Fail::NeedMore);
    };
    let sg = cx.sign_or_fail(&c)?;
    Ok((m, c, sg))
}

/// An upper bound of the order of `s` (1 for the zero series).
fn ub_or_one<M: Monomial>(s: &Series<M>) -> M {
    s.ub().unwrap_or_else(M::one)
}

/// The two sides A and B of a claim, each as its expansion and as written.
pub struct Sides<'a, M> {
    sa: &'a Series<M>,
    sb: &'a Series<M>,
    ea: &'a Expr,
    eb: &'a Expr,
}

impl<'a, M> Sides<'a, M> {
    pub fn new(sa: &'a Series<M>, sb: &'a Series<M>, ea: &'a Expr, eb: &'a Expr) -> Sides<'a, M> {
        Sides { sa, sb, ea, eb }
    }

    /// The expansions, named for `--explain`.
    fn expansions(&self) -> [(&'static str, &'a Series<M>); 2] {
        [("lhs", self.sa), ("rhs", self.sb)]
    }

    /// B and A, for the rules that compare B with A.
    fn swapped(&self) -> Sides<'a, M> {
        Sides {
            sa: self.sb,
            sb: self.sa,
            ea: self.eb,
            eb: self.ea,
        }
    }
}

/// `A = O(B)` (or `A = o(B)` when `strict`), from the expansions.
fn landau_o<C: Scale>(
    cx: &mut C,
    sides: &Sides<C::M>,
    strict: bool,
    names: (&str, &str),
) -> Result<Decision, Fail> {
    let Sides { sa, sb, ea, eb } = *sides;
    let (ta, tb) = (show(names.0, ea, cx.var()), show(names.1, eb, cx.var()));
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
        return Ok(match sa.terms.first() {
            Some(lead) => {
                let sure = cx.sign(&lead.1).is_some();
                let (rm, rt) = ratio(cx, lead, &(mb.clone(), cb.clone()))?;
                let tail = if cx.cmp(&rm, &C::M::one())? == Ordering::Less {
                    " -> 0"
                } else {
                    ", bounded"
                };
                if sure {
                    Decision::proved(format!("{ta}/{tb} ~ {rt}{tail}"))
                } else {
                    Decision::proved(format!("{ta}/{tb} = O({}){tail}", cx.mono_text(&rm)))
                }
            }
            None => Decision::proved(format!(
                "{ta} = O({}), {tb} ~ {}",
                cx.mono_text(&ub),
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

/// b - a, or the zero series when the scale lets identical sides cancel.
fn difference<C: Scale>(
    cx: &mut C,
    sb: &Series<C::M>,
    sa: &Series<C::M>,
    same: bool,
) -> Result<Series<C::M>, Fail> {
    if C::SAME_SIDES_CANCEL && same {
        // identical sides: the difference is 0 where defined
        Ok(Series::zero())
    } else {
        cx.sub(sb, sa)
    }
}

/// `A ~ B`.
fn similar_here<C: Scale>(cx: &mut C, sides: &Sides<C::M>) -> Result<Decision, Fail> {
    let Sides { sa, sb, ea, eb } = *sides;
    let (ta, tb) = (show("lhs", ea, cx.var()), show("rhs", eb, cx.var()));
    if sb.is_zero() {
        return Ok(Decision::unknown(Cause::Undefined(format!(
            "{tb} is identically 0: {ta}/{tb} undefined"
        ))));
    }
    let (mb, cb, _) = certain_lead(cx, sb)?;
    let d = difference(cx, sa, sb, ea == eb)?;
    if d.is_zero() {
        return Ok(Decision::proved(format!("{ta} - {tb} is identically 0")));
    }
    let ub = ub_or_one(&d);
    if cx.cmp(&ub, &mb)? == Ordering::Less {
        let lead_d = match d.terms.first() {
            Some((m, c)) if cx.sign(c).is_some() => {
                format!("~ {}", term(cx, "difference", m, c))
            }
            _ => format!("= O({})", cx.mono_text(&ub)),
        };
        return Ok(Decision::proved(format!(
            "{ta} - {tb} {lead_d} = o({}){}",
            cx.mono_text(&mb),
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
                &crate::reason::expr(&lim.to_expr(), cx.var())
            )
        )))
    } else {
        let (_, rt) = ratio(cx, &(md, cd), &(mb, cb))?;
        Ok(Decision::refuted(format!("{ta}/{tb} ~ {rt}, unbounded")))
    }
}

/// `lim A = L`.
fn limit_here<C: Scale>(
    cx: &mut C,
    sa: &Series<C::M>,
    ea: &Expr,
    target: &LimitTarget,
) -> Result<Decision, Fail> {
    let ta = show("the expression", ea, cx.var());
    let one = C::M::one();
    match target {
        LimitTarget::Finite(l) => {
            if l.has_var() {
                return Ok(Decision::unknown(format!(
                    "the limit {} depends on {}",
                    l.display(cx.var()),
                    cx.var()
                )));
            }
            let sl = cx.expand(l, 0)?;
            let Some(cl) = sl.as_constant() else {
                return Err(Fail::other("limit target is not a constant".into()));
            };
            let d = cx.sub(sa, &Series::constant(cl.clone()))?;
            let lt = l.display(cx.var()).to_string();
            if d.is_zero() {
                return Ok(Decision::proved(format!("{ta} = {lt} exactly")));
            }
            let ub = ub_or_one(&d);
            if cx.cmp(&ub, &one)? == Ordering::Less {
                // d = (leading term) + o(its order), or d = O(ub)
                let (neg, rest, little) = match d.terms.first() {
                    Some((m, c)) if cx.sign(c).is_some() => {
                        let neg = c.looks_negative();
                        let shown = if neg { c.neg() } else { c.clone() };
                        let t = term(cx, "leading term", m, &shown);
                        (neg, t, Some(cx.mono_text(m)))
                    }
                    _ => (false, format!("O({})", cx.mono_text(&ub)), None),
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
                        &crate::reason::expr(&lim.to_expr(), cx.var())
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

/// `==` / `!=` eventually: no engine decides it.
fn eq_not_supported() -> Fail {
    Fail::Unknown(Cause::NotSupported(
        "not supported yet: == / != eventually".into(),
    ))
}

/// `A op B eventually`.
fn eventually_here<C: Scale>(cx: &mut C, sides: &Sides<C::M>, op: Cmp) -> Result<Decision, Fail> {
    let Sides { sa, sb, ea, eb } = *sides;
    let (ta, tb) = (show("lhs", ea, cx.var()), show("rhs", eb, cx.var()));
    let d = difference(cx, sb, sa, ea == eb)?;
    if d.is_zero() {
        let why = format!("{ta} - {tb} is identically 0");
        return match op {
            Cmp::Le | Cmp::Ge => Ok(Decision::proved(why)),
            Cmp::Lt | Cmp::Gt => Ok(Decision::refuted(why)),
            Cmp::Eq | Cmp::Ne => Err(eq_not_supported()),
        };
    }
    if C::SIGNED_TERMS {
        if let Some(dec) = exact_signed_terms(cx, &d, op, &ta, &tb) {
            return Ok(dec);
        }
    }
    let (m, c, s) = certain_lead(cx, &d)?;
    let rel = if s == Sign::Pos { ">" } else { "<" };
    let why = format!("{tb} - {ta} ~ {} {rel} 0", term(cx, "difference", &m, &c));
    let b_bigger = s == Sign::Pos;
    let verdict = match op {
        Cmp::Le | Cmp::Lt => b_bigger,
        Cmp::Ge | Cmp::Gt => !b_bigger,
        Cmp::Eq | Cmp::Ne => return Err(eq_not_supported()),
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
fn exact_signed_terms<C: Scale>(
    cx: &mut C,
    d: &Series<C::M>,
    op: Cmp,
    ta: &str,
    tb: &str,
) -> Option<Decision> {
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
            Some((m, c)) => Some(term(cx, "", m, c)),
            None => return None,
        }
    } else {
        None
    };
    let text = crate::reason::named(
        "difference",
        "a sum of signed terms",
        &C::series_text(d, cx.var(), d.terms.len()),
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
pub fn landau<C: Scale>(cx: &mut C, ea: &Expr, rel: Landau, eb: &Expr) -> Result<Decision, Fail> {
    let sa = cx.expand(ea, 0)?;
    let sb = cx.expand(eb, 0)?;
    let sides = Sides::new(&sa, &sb, ea, eb);
    let d = landau_here(cx, &sides, rel)?;
    Ok(with_expansions(cx, d, &sides.expansions()))
}

fn landau_here<C: Scale>(cx: &mut C, sides: &Sides<C::M>, rel: Landau) -> Result<Decision, Fail> {
    let back = sides.swapped();
    match rel {
        Landau::BigO => landau_o(cx, sides, false, LR),
        Landau::LittleO => landau_o(cx, sides, true, LR),
        Landau::Omega => landau_o(cx, &back, false, RL),
        Landau::LittleOmega => landau_o(cx, &back, true, RL),
        Landau::Theta => {
            let up = landau_o(cx, sides, false, LR);
            let up = if C::THETA_TRIES_BOTH { up } else { Ok(up?) };
            if let Ok(d) = &up {
                if d.verdict == Verdict::Refuted {
                    return up;
                }
            }
            let down = landau_o(cx, &back, false, RL);
            if let Ok(d) = &down {
                if d.verdict == Verdict::Refuted {
                    return down;
                }
            }
            let (up, down) = (up?, down?);
            if up.verdict == Verdict::Proved && down.verdict == Verdict::Proved {
                Ok(Decision::proved(theta_reason(cx, sides, &up)?))
            } else if up.verdict == Verdict::Proved {
                Ok(down)
            } else {
                Ok(up)
            }
        }
    }
}

fn theta_reason<C: Scale>(cx: &mut C, sides: &Sides<C::M>, up: &Decision) -> Result<String, Fail> {
    let Sides { sa, sb, ea, eb } = *sides;
    match (sa.terms.first(), sb.terms.first()) {
        (Some(a), Some(b)) => {
            let (_, rt) = ratio(cx, a, b)?;
            Ok(format!(
                "{}/{} ~ {rt}",
                show("lhs", ea, cx.var()),
                show("rhs", eb, cx.var())
            ))
        }
        _ => Ok(up.reason.to_string()),
    }
}

/// Terms of each side's expansion shown by `--explain`.
const EXPLAIN_TERMS: usize = 2;

/// The decision with the expansions of the sides as steps of its derivation.
fn with_expansions<C: Scale>(cx: &C, d: Decision, sides: &[(&str, &Series<C::M>)]) -> Decision {
    if !crate::reason::explanations_wanted() {
        return d;
    }
    let mut steps = String::new();
    for (name, s) in sides {
        steps.push_str(&crate::reason::step(&format!(
            "{name} = {}",
            C::series_text(s, cx.var(), EXPLAIN_TERMS)
        )));
    }
    d.wrapped("", &steps)
}

/// `A ~ B`.
pub fn similar<C: Scale>(cx: &mut C, sides: &Sides<C::M>) -> Result<Decision, Fail> {
    let d = similar_here(cx, sides)?;
    Ok(with_expansions(cx, d, &sides.expansions()))
}

/// `lim A = L`.
pub fn limit<C: Scale>(
    cx: &mut C,
    sa: &Series<C::M>,
    ea: &Expr,
    target: &LimitTarget,
) -> Result<Decision, Fail> {
    let d = limit_here(cx, sa, ea, target)?;
    Ok(with_expansions(cx, d, &[("the expression", sa)]))
}

/// `A op B eventually`.
pub fn eventually<C: Scale>(cx: &mut C, sides: &Sides<C::M>, op: Cmp) -> Result<Decision, Fail> {
    let expansions = sides.expansions();
    match eventually_here(cx, sides, op) {
        Ok(d) => Ok(with_expansions(cx, d, &expansions)),
        // `==`/`!=`: the reason still shows the expansions of both sides
        Err(Fail::Unknown(why @ Cause::NotSupported(_))) => {
            let d = with_expansions(cx, Decision::unknown(why), &expansions);
            Err(Fail::Unknown(d.reason.into_cause()))
        }
        Err(e) => Err(e),
    }
}
