//! Decisions: what every engine answers about a claim. A [`Decision`] is a
//! [`Verdict`], a [`Reason`] and the [`Evidence`] the verdict rests on. The
//! reason of a proved or refuted claim is its derivation, as marked-up text
//! (`crate::reason` renders it); the reason of an `unknown` is a typed
//! [`Cause`], so that code routes on the category of a gap, never on the
//! wording of a reason. Every cause renders (`Display`) to the text the user
//! reads. Evidence is data, never text: the certificate of a threshold
//! claim, the parameter point (and value of the variable) of a
//! counterexample, the functions of a witness to a `fn` claim. Nothing here
//! decides anything.

use super::{Expr, Q};
use std::collections::BTreeMap;
use std::fmt;

/// The three possible ends of a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    Proved,
    Refuted,
    Unknown,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Proved => "proved",
            Verdict::Refuted => "refuted",
            Verdict::Unknown => "unknown",
        }
    }
}

/// A verdict, why (the derivation, or the typed cause of an `unknown`) and
/// what it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub verdict: Verdict,
    pub reason: Reason,
    pub evidence: Evidence,
}

impl Decision {
    /// Proved, with its derivation.
    pub fn proved(reason: impl Into<String>) -> Decision {
        Decision {
            verdict: Verdict::Proved,
            reason: Reason::Derivation(reason.into()),
            evidence: Evidence::None,
        }
    }
    /// Refuted, with its derivation.
    pub fn refuted(reason: impl Into<String>) -> Decision {
        Decision {
            verdict: Verdict::Refuted,
            reason: Reason::Derivation(reason.into()),
            evidence: Evidence::None,
        }
    }
    /// Unknown, with what stopped the checker (a text converts to
    /// [`Cause::Other`]).
    pub fn unknown(cause: impl Into<Cause>) -> Decision {
        Decision {
            verdict: Verdict::Unknown,
            reason: Reason::Unknown(cause.into()),
            evidence: Evidence::None,
        }
    }
    /// The same decision resting on `evidence`.
    pub fn with_evidence(mut self, evidence: Evidence) -> Decision {
        self.evidence = evidence;
        self
    }
    /// The cause of an `unknown` (`None` for a verdict).
    pub fn cause(&self) -> Option<&Cause> {
        match &self.reason {
            Reason::Unknown(c) => Some(c),
            Reason::Derivation(_) => None,
        }
    }
    /// The same verdict and evidence, the reason between `before` and
    /// `after` (an unknown keeps its cause, inside [`Cause::Within`]).
    pub fn wrapped(self, before: &str, after: &str) -> Decision {
        Decision {
            reason: self.reason.wrap(before, after),
            ..self
        }
    }
}

/// Why a decision was reached: the derivation of a verdict, or the cause of
/// an `unknown`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The derivation of a proved or refuted verdict (marked-up text).
    Derivation(String),
    /// What stopped the checker.
    Unknown(Cause),
}

impl Reason {
    /// The reason between `before` and `after`: a derivation as text, a
    /// cause inside [`Cause::Within`] (its category kept).
    pub fn wrap(self, before: &str, after: &str) -> Reason {
        match self {
            Reason::Derivation(s) => Reason::Derivation(format!("{before}{s}{after}")),
            Reason::Unknown(c) => Reason::Unknown(Cause::within(before, c, after)),
        }
    }
    /// The reason as a cause: a derivation becomes [`Cause::Other`] (for an
    /// `unknown` that quotes a sub-question's verdict).
    pub fn into_cause(self) -> Cause {
        match self {
            Reason::Derivation(s) => Cause::Other(s),
            Reason::Unknown(c) => c,
        }
    }
    /// Every text piece passed through `f` (pieces are balanced markup, so
    /// `f` may be `crate::reason::plain`); a cause keeps its category.
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Reason {
        match self {
            Reason::Derivation(s) => Reason::Derivation(f(s)),
            Reason::Unknown(c) => Reason::Unknown(c.map_text(f)),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Derivation(s) => f.write_str(s),
            Reason::Unknown(c) => c.fmt(f),
        }
    }
}

impl From<Reason> for String {
    fn from(r: Reason) -> String {
        match r {
            Reason::Derivation(s) => s,
            Reason::Unknown(c) => c.to_string(),
        }
    }
}

/// What stopped the checker on an `unknown`, by category. The categories:
/// a sign not settled over the parameter box ([`Cause::Sign`]), a limit on
/// the work reached ([`Cause::Budget`]), a form outside the power–log class
/// ([`Cause::OutsideClass`]), a form no engine decides yet
/// ([`Cause::NotSupported`]), a premise not known (a rejected declaration or
/// hypothesis, an empty constraint, contradictory hypotheses, a hypothesis
/// missing: [`Cause::Premise`]), an optimum not resolved
/// ([`Cause::Optimum`]), a value not defined ([`Cause::Undefined`]), a
/// question the engine asked and could not settle either way
/// ([`Cause::NotShown`]); a cause inside the words of an enclosing question
/// ([`Cause::Within`]); and [`Cause::Other`] where no category fits.
/// Variants with a `String` carry the text of a message built from many
/// pieces; `Display` gives the text the user reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The sign of an expression over the parameter box is not settled.
    Sign(Box<SignQuestion>),
    /// A limit on the work was reached.
    Budget(Budget),
    /// A form outside the power–log class (log log log n, exp of a growing
    /// function, a parameter exponent of n): the exp–log engine's ground.
    OutsideClass(String),
    /// A form the language specifies that no engine decides yet.
    NotSupported(String),
    /// What the claim rests on is not known: a rejected declaration or
    /// hypothesis, an empty constraint, contradictory hypotheses, no
    /// hypothesis that decides the claim.
    Premise(String),
    /// An `inf`, `sup` or `least` not resolved, or resolved in a form that
    /// does not decide this claim.
    Optimum(String),
    /// A value not defined: a side at a point, an expression for large n.
    Undefined(String),
    /// A question asked and settled neither way: no certificate, sides not
    /// separated, no counterexample found.
    NotShown(String),
    /// The cause of a sub-question inside the words of the enclosing one.
    Within {
        before: String,
        inner: Box<Cause>,
        after: String,
    },
    /// Anything else (internal errors included).
    Other(String),
}

impl Cause {
    /// `inner` between `before` and `after` (just `inner` when both are empty).
    pub fn within(before: &str, inner: Cause, after: &str) -> Cause {
        if before.is_empty() && after.is_empty() {
            return inner;
        }
        Cause::Within {
            before: before.to_string(),
            inner: Box::new(inner),
            after: after.to_string(),
        }
    }
    /// The innermost cause (through every [`Cause::Within`]): its category.
    pub fn root(&self) -> &Cause {
        match self {
            Cause::Within { inner, .. } => inner.root(),
            c => c,
        }
    }
    /// Every text piece passed through `f`, the structure kept.
    pub fn map_text(&self, f: &dyn Fn(&str) -> String) -> Cause {
        match self {
            Cause::Sign(_) | Cause::Budget(_) => self.clone(),
            Cause::OutsideClass(s) => Cause::OutsideClass(f(s)),
            Cause::NotSupported(s) => Cause::NotSupported(f(s)),
            Cause::Premise(s) => Cause::Premise(f(s)),
            Cause::Optimum(s) => Cause::Optimum(f(s)),
            Cause::Undefined(s) => Cause::Undefined(f(s)),
            Cause::NotShown(s) => Cause::NotShown(f(s)),
            Cause::Other(s) => Cause::Other(f(s)),
            Cause::Within {
                before,
                inner,
                after,
            } => Cause::Within {
                before: f(before),
                inner: Box::new(inner.map_text(f)),
                after: f(after),
            },
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cause::Sign(q) => q.fmt(f),
            Cause::Budget(b) => b.fmt(f),
            Cause::OutsideClass(s)
            | Cause::NotSupported(s)
            | Cause::Premise(s)
            | Cause::Optimum(s)
            | Cause::Undefined(s)
            | Cause::NotShown(s)
            | Cause::Other(s) => f.write_str(s),
            Cause::Within {
                before,
                inner,
                after,
            } => write!(f, "{before}{inner}{after}"),
        }
    }
}

impl From<String> for Cause {
    fn from(s: String) -> Cause {
        Cause::Other(s)
    }
}

impl From<&str> for Cause {
    fn from(s: &str) -> Cause {
        Cause::Other(s.to_string())
    }
}

/// A coefficient whose sign over the parameter box is not settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignQuestion {
    /// The expression, as printed.
    pub expr: String,
    /// Its parameters, in name order (empty: a constant the enclosures do
    /// not separate from 0).
    pub params: Vec<String>,
    /// Those of `params` that have no constraint.
    pub free: Vec<String>,
    /// For a constant: asked as "is it zero" (the exp–log engine) rather
    /// than "what is its sign" (the power–log engine).
    pub zero_test: bool,
}

impl fmt::Display for SignQuestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = &self.expr;
        let plural = |v: &[String]| if v.len() > 1 { "s" } else { "" };
        if self.params.is_empty() {
            if self.zero_test {
                write!(
                    f,
                    "cannot decide whether {shown} is zero (enclosures do not separate it from 0)"
                )
            } else {
                write!(
                    f,
                    "sign of {shown} not determined (enclosures do not separate it from 0)"
                )
            }
        } else if !self.free.is_empty() {
            write!(
                f,
                "sign of {shown} unknown: give param{} {} a constraint",
                plural(&self.free),
                self.free.join(", ")
            )
        } else {
            write!(
                f,
                "sign of {shown} unknown over the admissible values of param{} {}",
                plural(&self.params),
                self.params.join(", ")
            )
        }
    }
}

/// Which limit on the work was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// The expansion needed more terms than the largest term budget.
    Terms(usize),
    /// The work count of one attempt at expanding.
    Work,
    /// The size of an expansion's coefficients.
    CoefficientSize,
    /// The nesting of an expression (`None`: the expansion's depth guard,
    /// `Some(d)`: the check before expanding, at depth `d`).
    Depth(Option<usize>),
    /// The engine calls of the `fn` calculus on one claim.
    EngineCalls(usize),
}

impl fmt::Display for Budget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Budget::Terms(k) => write!(f, "expansion needs more than {k} terms"),
            Budget::Work => {
                f.write_str("work budget exceeded while expanding (expression too complex)")
            }
            Budget::CoefficientSize => f.write_str("coefficients grew too large while expanding"),
            Budget::Depth(None) => f.write_str("expression nested too deeply"),
            Budget::Depth(Some(d)) => write!(f, "expression nested more than {d} deep"),
            Budget::EngineCalls(k) => write!(f, "more than {k} engine calls: budget exhausted"),
        }
    }
}

/// How a threshold claim (`for n >= N`) or crossover was certified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// The start of the proved range (N of `for n >= N`, or the crossover).
    pub from: Q,
    /// N1: the dominant-term argument covers every n >= N1.
    pub tail_from: Q,
    /// The dominant term(s) of the difference.
    pub leading: String,
    /// Boxes examined by the interval search on [from, N1].
    pub boxes: usize,
    /// Point enclosures and precision refinements.
    pub refinements: usize,
    /// Candidate tail points tried.
    pub tail_tries: usize,
}

/// What a verdict rests on, as data (the large ones boxed, so that a
/// `Decision` stays small).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Evidence {
    /// Nothing beyond the derivation (expansions, rules).
    #[default]
    None,
    /// A proved threshold claim's certificate.
    Certificate(Box<Certificate>),
    /// A refutation at one admissible point.
    Counterexample(Box<Point>),
    /// A refutation of a `fn` claim: the functions chosen (each `fn` with
    /// the expression that replaces it), which satisfy every hypothesis.
    Witness(BTreeMap<String, Expr>),
}

/// An admissible point where a claim fails: parameter values and, for a
/// claim about a range of the variable, the value of the variable as the
/// engines count it (`t = 1/eps` for a variable tending to 0).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Point {
    pub params: BTreeMap<String, Q>,
    pub at: Option<Q>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn sign_questions_render_as_read() {
        let q = |params: &[&str], free: &[&str], zero_test| {
            Cause::Sign(Box::new(SignQuestion {
                expr: "a - 1".into(),
                params: names(params),
                free: names(free),
                zero_test,
            }))
            .to_string()
        };
        assert_eq!(
            q(&["a"], &["a"], false),
            "sign of a - 1 unknown: give param a a constraint"
        );
        assert_eq!(
            q(&["a", "b"], &["a", "b"], false),
            "sign of a - 1 unknown: give params a, b a constraint"
        );
        assert_eq!(
            q(&["a"], &[], true),
            "sign of a - 1 unknown over the admissible values of param a"
        );
        assert_eq!(
            q(&["a", "b"], &[], false),
            "sign of a - 1 unknown over the admissible values of params a, b"
        );
        assert_eq!(
            q(&[], &[], false),
            "sign of a - 1 not determined (enclosures do not separate it from 0)"
        );
        assert_eq!(
            q(&[], &[], true),
            "cannot decide whether a - 1 is zero (enclosures do not separate it from 0)"
        );
    }

    #[test]
    fn budgets_render_as_read() {
        let cases = [
            (Budget::Terms(64), "expansion needs more than 64 terms"),
            (
                Budget::Work,
                "work budget exceeded while expanding (expression too complex)",
            ),
            (
                Budget::CoefficientSize,
                "coefficients grew too large while expanding",
            ),
            (Budget::Depth(None), "expression nested too deeply"),
            (
                Budget::Depth(Some(200)),
                "expression nested more than 200 deep",
            ),
            (
                Budget::EngineCalls(500),
                "more than 500 engine calls: budget exhausted",
            ),
        ];
        for (b, text) in cases {
            assert_eq!(Cause::Budget(b).to_string(), text);
        }
    }

    #[test]
    fn text_causes_render_their_text() {
        let t = "some words".to_string();
        for c in [
            Cause::OutsideClass(t.clone()),
            Cause::NotSupported(t.clone()),
            Cause::Premise(t.clone()),
            Cause::Optimum(t.clone()),
            Cause::Undefined(t.clone()),
            Cause::NotShown(t.clone()),
            Cause::Other(t.clone()),
        ] {
            assert_eq!(c.to_string(), t);
            assert_eq!(c.root(), &c);
        }
        assert_eq!(Cause::from("x"), Cause::Other("x".into()));
    }

    #[test]
    fn within_keeps_the_category_and_the_words() {
        let inner = Cause::Budget(Budget::Work);
        let c = Cause::within("by cases: ", inner.clone(), " (on a)");
        assert_eq!(
            c.to_string(),
            "by cases: work budget exceeded while expanding (expression too complex) (on a)"
        );
        assert_eq!(c.root(), &inner);
        let twice = Cause::within("x: ", c, "");
        assert_eq!(twice.root(), &inner);
        assert_eq!(Cause::within("", inner.clone(), ""), inner);
        let d = Decision::unknown(Cause::NotSupported("no".into())).wrapped("[", "]");
        assert_eq!(d.reason.to_string(), "[no]");
        assert!(matches!(
            d.cause().map(Cause::root),
            Some(Cause::NotSupported(_))
        ));
        let p = Decision::proved("a").wrapped("(", ")");
        assert_eq!(p.reason, Reason::Derivation("(a)".into()));
        assert_eq!(p.cause(), None);
    }

    #[test]
    fn map_text_keeps_structure() {
        let c = Cause::within("<", Cause::Undefined("u".into()), ">");
        let up = c.map_text(&|s| s.to_uppercase());
        assert_eq!(up.to_string(), "<U>");
        assert!(matches!(up.root(), Cause::Undefined(_)));
    }
}
