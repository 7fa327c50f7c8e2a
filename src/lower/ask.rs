//! Questions lowering cannot answer without an engine, and their answers.
//!
//! Lowering decides nothing: where a node's definedness or an `assume`'s
//! form needs an engine (a logarithm of something eventually <= 0, a square
//! root of something eventually negative, a division by something
//! identically 0, the point of a range for a variable tending to 0 that is
//! not > 0, an `assume` of no supported form), it records a [`Question`]
//! and applies the answer it is given, if any. The validation step
//! (`crate::validate`) answers the recorded questions with the engines; when
//! an answer is a problem it lowers the file again with the [`Answers`], and
//! lowering then rejects that node exactly as it rejects any bad node: a
//! located error, the statement or definition rejected, the claims using a
//! rejected definition kept as `unknown`. An unanswered question is treated
//! as no problem, so a lowering with every answer it asks for is the final
//! one.

use crate::ir::{ClaimKind, Constraint, Expr, Func};
use crate::syntax::ast::Span;

use std::collections::HashMap;

/// One question about a node of an expression, with everything its answer
/// depends on (so that equal questions have equal answers).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Question {
    /// Is `arg` eventually <= 0, for every admissible parameter value (then
    /// `func` of it is undefined for all large n)?
    Log {
        func: Func,
        arg: Expr,
        params: Vec<(String, Constraint)>,
        var: String,
    },
    /// Is `arg` eventually < 0, for every admissible parameter value?
    Sqrt {
        arg: Expr,
        params: Vec<(String, Constraint)>,
        var: String,
    },
    /// Is the denominator `den` identically 0?
    Div {
        den: Expr,
        params: Vec<(String, Constraint)>,
        var: String,
    },
    /// Is the constant `value` (free of parameters) > 0? `what` names it
    /// (the threshold or point of a range, for a variable tending to 0).
    Positive {
        value: Expr,
        what: String,
        var: String,
    },
}

/// An `assume` whose form is to be checked: where it is and what it says.
#[derive(Clone, Debug)]
pub struct AssumeQuestion {
    pub file: String,
    pub span: Span,
    pub kind: ClaimKind,
    /// The variable as the engines see it (`n`, or `1/eps`).
    pub var: String,
}

/// The answers to questions: `None` when there is no problem, else the
/// located error's (message, help).
#[derive(Clone, Debug, Default)]
pub struct Answers {
    pub nodes: HashMap<Question, Option<(String, String)>>,
    /// Keyed by (file, span) of the `assume`'s claim.
    pub assumes: HashMap<(String, Span), Option<(String, String)>>,
}

/// The error's (message, help) when `what` (the threshold or point of a
/// range for the variable `var`, which tends to 0) is not > 0.
pub fn not_positive(what: &str, var: &str) -> (String, String) {
    let v = crate::ir::var_name(var);
    (
        format!("{what} must be > 0: `{v}` tends to 0 from above and takes only positive values"),
        format!("write a positive number such as `{v} = 1/10`"),
    )
}

/// Is `e` plainly eventually positive, and defined wherever it is evaluated?
/// Such an argument is never eventually <= 0 nor identically 0, so the
/// question about it has the answer "no problem" and is not asked. Only
/// forms that are defined and positive for every large value of the
/// variable: the variable, positive constants, `pi`, and sums, products,
/// quotients, rational powers, square roots and exponentials of them, and
/// the logarithm of the variable.
pub(super) fn plainly_positive(e: &Expr) -> bool {
    crate::stack::guard!(plainly_positive(e));
    use num_traits::Signed;
    match e {
        Expr::Var | Expr::Pi => true,
        Expr::Num(q) => q.is_positive(),
        Expr::Add(a, b) | Expr::Mul(a, b) | Expr::Div(a, b) => {
            plainly_positive(a) && plainly_positive(b)
        }
        Expr::Pow(a, k) => matches!(**k, Expr::Num(_)) && plainly_positive(a),
        Expr::Call(Func::Sqrt | Func::Exp, args) => {
            args.len() == 1 && args.iter().all(plainly_positive)
        }
        Expr::Call(Func::Log | Func::Log2 | Func::Log10, args) => {
            matches!(args.as_slice(), [Expr::Var])
        }
        _ => false,
    }
}
