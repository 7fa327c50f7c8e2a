//! What both expansion engines share: the failure type (`Fail`),
//! the truncated expansion `Series<M>` over a monomial type `M` (sorted
//! terms with exact `Coef` coefficients and an error term), and the
//! `Scale` trait an engine's evaluation context implements so that the
//! series arithmetic (`arith`), `Expr` -> expansion (`expand`), the claim
//! decisions (`decide`) and the term-budget loops (`budget`) are written
//! once: monomial comparison (which may fail with `Fail::Unknown`),
//! product, integer power and merging, the work charge, coefficient signs,
//! rational powers, log and exp of a series, and printing. The power–log
//! context (`series::Ctx`, monomial `series::Order`) is the fast instance,
//! the exp–log context (`explog::scale::Cx`, monomial `explog::scale::Mono`)
//! the general one; generic code is monomorphised for each.

use super::coef::Coef;
use crate::exact::Sign;
use crate::ir::{Cause, Constraint, Expr, ParamBox, SignQuestion, Q};
use std::cmp::Ordering;
use std::fmt::Debug;

/// Why an expansion or a decision stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fail {
    /// Cancellation left nothing above the error term: retry with more terms.
    NeedMore,
    /// Outside what the engine handles, by category: the engines route on
    /// it ([`Cause::OutsideClass`]: the exp–log engine's ground, so its
    /// answer is the better one; [`Cause::NotSupported`]: a form the
    /// language specifies but no engine decides yet, so no other engine is
    /// asked), the wording is for the user only.
    Unknown(Cause),
    /// The expression is not defined for large n, with the reason.
    Domain(String),
}

impl Fail {
    /// `Unknown` with a reason that has no category of its own.
    pub fn other(why: String) -> Fail {
        Fail::Unknown(Cause::Other(why))
    }
}

/// "sign of a - 1 unknown: give param a a constraint" and friends, for a
/// coefficient whose sign over the parameter box is not settled (noted as
/// a sign question); `zero_test` words the case of a coefficient without
/// parameters as a zero test rather than a sign question.
pub fn sign_message(c: &Coef, params: &ParamBox, var: &str, zero_test: bool) -> Cause {
    super::note_sign_question(c);
    let names: Vec<String> = c.params().into_iter().collect();
    let free: Vec<String> = names
        .iter()
        .filter(|p| params.get(p).is_none_or(|k| *k == Constraint::any()))
        .cloned()
        .collect();
    Cause::Sign(Box::new(SignQuestion {
        expr: c.to_expr().display(var).to_string(),
        params: names,
        free,
        zero_test,
    }))
}

/// `out` (the first `max_terms` terms of `s` as text) followed by the order
/// of the rest, ` + O(...)` (the first term not shown, or the error), the
/// monomial printed by `mono_expr` (`None` for 1).
pub fn push_error_text<M: Clone>(
    mut out: String,
    s: &Series<M>,
    var: &str,
    max_terms: usize,
    mono_expr: impl Fn(&M) -> Option<Expr>,
) -> String {
    let err = if s.terms.len() > max_terms {
        Some(s.terms[max_terms].0.clone())
    } else {
        s.err.clone()
    };
    if let Some(e) = err {
        let inner = match mono_expr(&e) {
            Some(x) => x.display(var).to_string(),
            None => "1".into(),
        };
        if out.is_empty() {
            out = format!("O({inner})");
        } else {
            out.push_str(&format!(" + O({inner})"));
        }
    }
    out
}

/// A monomial of an asymptotic scale: a positive function of n whose
/// products, powers and comparisons the scale's context computes.
pub trait Monomial: Clone + Debug + Eq {
    /// The constant monomial 1.
    fn one() -> Self;
    /// Is this the constant monomial 1?
    fn is_one(&self) -> bool;
}

/// A truncated expansion: terms in strictly decreasing order, each above the
/// error order; `err == None` means the expansion is exact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series<M> {
    pub terms: Vec<(M, Coef)>,
    pub err: Option<M>,
}

impl<M: Monomial> Series<M> {
    pub fn zero() -> Series<M> {
        Series {
            terms: Vec::new(),
            err: None,
        }
    }
    pub fn constant(c: Coef) -> Series<M> {
        Series::mono(M::one(), c)
    }
    pub fn mono(m: M, c: Coef) -> Series<M> {
        if c.is_zero() {
            return Series::zero();
        }
        Series {
            terms: vec![(m, c)],
            err: None,
        }
    }
    /// Exactly zero (no term, no error).
    pub fn is_zero(&self) -> bool {
        self.terms.is_empty() && self.err.is_none()
    }
    /// An upper bound of the order: the first term or the error (`None` if zero).
    pub fn ub(&self) -> Option<M> {
        match self.terms.first() {
            Some((m, _)) => Some(m.clone()),
            None => self.err.clone(),
        }
    }
    /// The value when the series is an exact constant.
    pub fn as_constant(&self) -> Option<Coef> {
        if self.err.is_some() {
            return None;
        }
        match self.terms.as_slice() {
            [] => Some(Coef::zero()),
            [(m, c)] if m.is_one() => Some(c.clone()),
            _ => None,
        }
    }
    pub fn neg(&self) -> Series<M> {
        Series {
            terms: self
                .terms
                .iter()
                .map(|(m, c)| (m.clone(), c.neg()))
                .collect(),
            err: self.err.clone(),
        }
    }
}

/// An engine's evaluation context seen as an asymptotic scale: what the
/// claim decisions and the budget loop need from it. Comparison and
/// division of monomials may spend work or fail (the exp–log comparison
/// can need a sign the parameter box does not settle).
pub trait Scale {
    /// The scale's monomial.
    type M: Monomial;

    /// The variable's display name for reasons.
    fn var(&self) -> &str;
    /// Work spent so far (carried from one term budget to the next).
    fn work(&self) -> u64;

    /// The term budget: most terms kept in an expansion.
    fn k(&self) -> usize;
    /// Work units one claim may spend over all term budgets.
    const WORK_LIMIT: u64;
    /// The work count.
    fn work_mut(&mut self) -> &mut u64;
    /// Spend work units; `Fail::Unknown` once the work limit is passed.
    fn charge(&mut self, units: u64) -> Result<(), Fail> {
        let w = self.work_mut();
        *w = w.saturating_add(units);
        if *w > Self::WORK_LIMIT {
            Err(Fail::Unknown(Cause::Budget(crate::ir::Budget::Work)))
        } else {
            Ok(())
        }
    }

    /// Compare two monomials as functions of n -> +oo.
    fn cmp(&mut self, a: &Self::M, b: &Self::M) -> Result<Ordering, Fail>;
    /// The monomial a * b.
    fn mono_mul(&mut self, a: &Self::M, b: &Self::M) -> Result<Self::M, Fail>;
    /// The monomial m^k for an integer k.
    fn mono_powi(&mut self, m: &Self::M, k: i64) -> Result<Self::M, Fail>;
    /// The monomial a / b.
    fn div(&mut self, a: &Self::M, b: &Self::M) -> Result<Self::M, Fail> {
        let binv = self.mono_powi(b, -1)?;
        self.mono_mul(a, &binv)
    }
    /// Sort terms decreasingly, merge equal monomials, drop zero
    /// coefficients; terms at or below `err` may be dropped too.
    fn merge(
        &mut self,
        raw: Vec<(Self::M, Coef)>,
        err: Option<&Self::M>,
    ) -> Result<Vec<(Self::M, Coef)>, Fail>;

    /// The sign of a coefficient over the parameter box, if determined.
    fn sign(&mut self, c: &Coef) -> Option<Sign>;
    /// Why the sign of `c` stopped the engine (see [`sign_message`]).
    fn sign_message(&self, c: &Coef) -> Cause;
    /// The sign, or `Fail::Unknown` naming the parameters involved.
    fn sign_or_fail(&mut self, c: &Coef) -> Result<Sign, Fail> {
        match self.sign(c) {
            Some(s) => Ok(s),
            None => Err(Fail::Unknown(self.sign_message(c))),
        }
    }
    /// Is the coefficient >= 0 over the whole parameter box?
    fn nonneg(&self, c: &Coef) -> bool;
    /// Is the coefficient <= 0 over the whole parameter box?
    fn nonpos(&self, c: &Coef) -> bool;

    /// The parameter box.
    fn params(&self) -> &ParamBox;
    /// The monomial n.
    fn var_mono() -> Self::M;
    /// Mark the expansion as relying on n being large (an exact result is
    /// then not an identity for every n >= 1).
    fn set_eventual_only(&mut self);
    /// a^q for a rational q; `what` names the expression for domain errors.
    fn powq(&mut self, a: &Series<Self::M>, q: &Q, what: &Expr) -> Result<Series<Self::M>, Fail>;
    /// log(a); `what` names the argument for domain errors.
    fn log(&mut self, a: &Series<Self::M>, what: &Expr) -> Result<Series<Self::M>, Fail>;
    /// exp(a), `key` being the function exp(...) expanded (its identity
    /// where the scale needs one).
    fn exp(&mut self, a: &Series<Self::M>, key: &Expr) -> Result<Series<Self::M>, Fail>;
    /// The power `e` = a^b.
    fn expand_pow(
        &mut self,
        e: &Expr,
        a: &Expr,
        b: &Expr,
        d: usize,
    ) -> Result<Series<Self::M>, Fail>;
    /// a - b rewritten before both sides are expanded, where the scale has
    /// a rewrite for it (`None`: expand both and subtract).
    fn sub_rewrite(
        &mut self,
        _a: &Expr,
        _b: &Expr,
        _d: usize,
    ) -> Result<Option<Series<Self::M>>, Fail> {
        Ok(None)
    }

    /// One term c * m as an expression.
    fn term_expr(&self, m: &Self::M, c: &Coef) -> Expr;
    /// The non-trivial factors of a monomial, as expressions.
    fn factors(&self, m: &Self::M) -> Vec<Expr>;
    /// A monomial as text in a reason ("1" for the unit).
    fn mono_text(&self, m: &Self::M) -> String;
    /// The series as text in the variable `var`, at most `max_terms` terms
    /// then `O(...)`.
    fn series_text(s: &Series<Self::M>, var: &str, max_terms: usize) -> String;

    /// The expansion of `e` at nesting depth 0, which `walk` computes from
    /// the context's state. A scale with a run-wide memo of whole
    /// expansions may replay a stored one instead (the power–log scale:
    /// `replay`); a replay must return and leave in the context exactly
    /// what `walk` would.
    fn expand_top(
        &mut self,
        _e: &Expr,
        walk: impl FnOnce(&mut Self) -> Result<Series<Self::M>, Fail>,
    ) -> Result<Series<Self::M>, Fail> {
        walk(self)
    }

    /// Record that an infinite series was truncated (a power series of a
    /// non-zero argument).
    fn note_infinite(&mut self) {}
    /// A sign already known without computing it (rational or memoised).
    fn known_sign(&self, _c: &Coef) -> Option<Sign> {
        None
    }
    /// Record a sign derived exactly from known signs.
    fn hint(&mut self, _c: &Coef, _s: Sign) {}

    /// Do products, negations and reciprocals pass known leading signs on
    /// to their results (`known_sign`, `hint`)?
    const SIGN_HINTS: bool;
    /// Is the work of a product of two terms charged before the product is
    /// compared with the error (so that products dropped below the error
    /// are charged too)?
    const CHARGES_SKIPPED_PRODUCTS: bool;
    /// Do identical sides of `~` and `eventually` claims cancel without
    /// subtracting their expansions (x - x = 0 wherever x is defined)?
    const SAME_SIDES_CANCEL: bool;
    /// Does a Theta claim whose upper half fails still look at the lower
    /// half for a refutation?
    const THETA_TRIES_BOTH: bool;
    /// May `eventually` decide from an exact difference whose coefficients
    /// all have one sign (each monomial of the scale is positive for
    /// n > e^e) when the leading sign is not determined?
    const SIGNED_TERMS: bool;
}
