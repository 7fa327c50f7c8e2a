//! LaTeX for expressions, for `bnd show --latex`: it prints the syntax tree
//! of an expression as written in the language (the simplified expression
//! and the expansion are printed in that language first, then read back), so
//! one printer serves both. Fractions become `\frac`, roots `\sqrt`, `exp(x)`
//! `e^{x}`, Greek names their letters (`delta` is `\delta`, `eps` is
//! `\varepsilon`, `lam` is `\lambda`), a name ending in digits or with an
//! underscore gets a subscript (`c0` is `c_{0}`, `C_F` is `C_{F}`), and the
//! Landau symbols keep their names (`O(n)` is `O\left(n\right)`).

use crate::ir::Q;
use crate::syntax::ast::{BinOp, Expr, ExprKind};
use num_traits::Signed;

/// Binding strength of a node: sums 1, products 2, negation 3, powers 4,
/// atoms 5.
fn prec(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Extremum { .. } | ExprKind::Least { .. } => 0,
        ExprKind::Bin(BinOp::Add | BinOp::Sub, ..) => 1,
        ExprKind::Bin(BinOp::Mul | BinOp::Div, ..) => 2,
        ExprKind::Neg(_) => 3,
        ExprKind::Num(q) if q.is_negative() => 3,
        ExprKind::Num(q) if !q.is_integer() => 2,
        ExprKind::Bin(BinOp::Pow, ..) => 4,
        _ => 5,
    }
}

/// `e` in LaTeX.
pub fn latex(e: &Expr) -> String {
    let mut out = String::new();
    write(e, &mut out, false);
    out
}

fn paren(e: &Expr, out: &mut String, in_exp: bool) {
    out.push_str("\\left(");
    write(e, out, in_exp);
    out.push_str("\\right)");
}

/// Writes `e`, parenthesised when it binds looser than `min`.
fn child(e: &Expr, min: u8, out: &mut String, in_exp: bool) {
    if prec(e) < min {
        paren(e, out, in_exp);
    } else {
        write(e, out, in_exp);
    }
}

fn number(q: &Q, out: &mut String, in_exp: bool) {
    if q.is_negative() {
        out.push('-');
    }
    let a = q.abs();
    if a.is_integer() {
        out.push_str(&a.to_integer().to_string());
    } else if in_exp {
        out.push_str(&format!("{}/{}", a.numer(), a.denom()));
    } else {
        out.push_str(&format!("\\frac{{{}}}{{{}}}", a.numer(), a.denom()));
    }
}

fn write(e: &Expr, out: &mut String, in_exp: bool) {
    crate::stack::guard!(write(e, out, in_exp));
    match &e.kind {
        ExprKind::Num(q) => number(q, out, in_exp),
        ExprKind::Pi => out.push_str("\\pi"),
        ExprKind::Name(n) => out.push_str(&name(n)),
        ExprKind::Neg(a) => {
            out.push('-');
            child(a, 3, out, in_exp);
        }
        ExprKind::Bin(op, a, b) => match op {
            BinOp::Add => {
                write(a, out, in_exp);
                // `a + -b` reads `a - b`
                match &b.kind {
                    ExprKind::Neg(inner) => {
                        out.push_str(" - ");
                        child(inner, 2, out, in_exp);
                    }
                    _ => {
                        out.push_str(" + ");
                        child(b, 1, out, in_exp);
                    }
                }
            }
            BinOp::Sub => {
                write(a, out, in_exp);
                out.push_str(" - ");
                child(b, 2, out, in_exp);
            }
            BinOp::Mul => {
                child(a, 2, out, in_exp);
                // a number before a non-number reads best juxtaposed: `2 n`
                let juxtapose = matches!(a.kind, ExprKind::Num(_))
                    && !matches!(b.kind, ExprKind::Num(_))
                    && prec(b) >= 4;
                out.push_str(if juxtapose { " " } else { " \\cdot " });
                child(b, 3, out, in_exp);
            }
            BinOp::Div if in_exp => {
                child(a, 2, out, in_exp);
                out.push('/');
                child(b, 3, out, in_exp);
            }
            BinOp::Div => {
                out.push_str("\\frac{");
                write(a, out, in_exp);
                out.push_str("}{");
                write(b, out, in_exp);
                out.push('}');
            }
            BinOp::Pow => {
                // a root or a function call as a base is parenthesised
                let atom = matches!(a.kind, ExprKind::Name(_) | ExprKind::Pi)
                    || matches!(&a.kind, ExprKind::Num(q) if q.is_integer() && !q.is_negative());
                if atom {
                    write(a, out, in_exp);
                } else {
                    paren(a, out, in_exp);
                }
                out.push_str("^{");
                write(b, out, true);
                out.push('}');
            }
        },
        ExprKind::Call(f, args) => call(&f.name, args, out, in_exp),
        ExprKind::Extremum { sup, var, body, .. } => {
            out.push_str(if *sup { "\\sup_{" } else { "\\inf_{" });
            out.push_str(&name(&var.name));
            out.push_str("} ");
            child(body, 1, out, in_exp);
        }
        ExprKind::Least {
            var,
            from,
            lhs,
            op,
            rhs,
            ..
        } => {
            let x = name(&var.name);
            out.push_str("\\min\\{N \\ge ");
            write(from, out, in_exp);
            out.push_str(&format!(" : \\forall {x} \\ge N,\\ "));
            write(lhs, out, in_exp);
            out.push_str(match op {
                crate::ir::Cmp::Le => " \\le ",
                crate::ir::Cmp::Lt => " < ",
                crate::ir::Cmp::Ge => " \\ge ",
                _ => " > ",
            });
            write(rhs, out, in_exp);
            out.push_str("\\}");
        }
    }
}

fn args_list(args: &[Expr], out: &mut String, in_exp: bool) {
    out.push_str("\\left(");
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(a, out, in_exp);
    }
    out.push_str("\\right)");
}

fn call(f: &str, args: &[Expr], out: &mut String, in_exp: bool) {
    let one = args.len() == 1;
    match f {
        "sqrt" if one => {
            out.push_str("\\sqrt{");
            write(&args[0], out, in_exp);
            out.push('}');
        }
        "exp" if one => {
            out.push_str("e^{");
            write(&args[0], out, true);
            out.push('}');
        }
        "log" | "ln" | "log2" | "log10" if one => {
            out.push_str(match f {
                "log2" => "\\log_2",
                "log10" => "\\log_{10}",
                _ => "\\log",
            });
            // `\log n`, but `\log\left(2 n\right)`
            if prec(&args[0]) == 5 && !matches!(args[0].kind, ExprKind::Call(..)) {
                out.push(' ');
                write(&args[0], out, in_exp);
            } else {
                paren(&args[0], out, in_exp);
            }
        }
        "abs" if one => {
            out.push_str("\\left|");
            write(&args[0], out, in_exp);
            out.push_str("\\right|");
        }
        "ceil" if one => {
            out.push_str("\\left\\lceil ");
            write(&args[0], out, in_exp);
            out.push_str("\\right\\rceil");
        }
        "floor" if one => {
            out.push_str("\\left\\lfloor ");
            write(&args[0], out, in_exp);
            out.push_str("\\right\\rfloor");
        }
        _ => {
            out.push_str(&match f {
                "min" => "\\min".to_string(),
                "max" => "\\max".to_string(),
                "O" => "O".to_string(),
                "o" => "o".to_string(),
                "Theta" | "Θ" => "\\Theta".to_string(),
                "Omega" | "Ω" => "\\Omega".to_string(),
                "omega" | "ω" => "\\omega".to_string(),
                other => name(other),
            });
            args_list(args, out, in_exp);
        }
    }
}

/// Greek letters by their names (and the usual short names).
const GREEK: &[(&str, &str)] = &[
    ("alpha", "\\alpha"),
    ("beta", "\\beta"),
    ("gamma", "\\gamma"),
    ("delta", "\\delta"),
    ("epsilon", "\\epsilon"),
    ("eps", "\\varepsilon"),
    ("zeta", "\\zeta"),
    ("eta", "\\eta"),
    ("theta", "\\theta"),
    ("kappa", "\\kappa"),
    ("lambda", "\\lambda"),
    ("lam", "\\lambda"),
    ("mu", "\\mu"),
    ("nu", "\\nu"),
    ("xi", "\\xi"),
    ("rho", "\\rho"),
    ("sigma", "\\sigma"),
    ("tau", "\\tau"),
    ("phi", "\\phi"),
    ("chi", "\\chi"),
    ("psi", "\\psi"),
    ("Gamma", "\\Gamma"),
    ("Delta", "\\Delta"),
    ("Lambda", "\\Lambda"),
    ("Sigma", "\\Sigma"),
    ("Phi", "\\Phi"),
    ("Psi", "\\Psi"),
];

/// One name part: a Greek letter, a single letter, or an upright word.
fn word(w: &str) -> String {
    if let Some((_, g)) = GREEK.iter().find(|(k, _)| *k == w) {
        return (*g).to_string();
    }
    if w.chars().count() <= 1 {
        return w.to_string();
    }
    format!("\\mathrm{{{w}}}")
}

/// A (possibly qualified) name: `vc.delta` is `\mathrm{vc}.\delta`, `C_F`
/// is `C_{F}`, `c0` is `c_{0}`.
fn name(n: &str) -> String {
    let parts: Vec<&str> = n.split('.').collect();
    let (prefix, last) = parts.split_at(parts.len() - 1);
    let mut out: String = prefix.iter().map(|p| format!("{}.", word(p))).collect();
    let last = last[0];
    let (base, sub) = match last.split_once('_') {
        Some((b, s)) if !b.is_empty() && !s.is_empty() => (b, Some(s.to_string())),
        _ => {
            let digits = last.len() - last.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 0 && digits < last.len() {
                let (b, d) = last.split_at(last.len() - digits);
                (b, Some(d.to_string()))
            } else {
                (last, None)
            }
        }
    };
    out.push_str(&word(base));
    if let Some(s) = sub {
        out.push_str(&format!(
            "_{{{}}}",
            s.split('_').map(word).collect::<Vec<_>>().join(",")
        ));
    }
    out
}

/// Text in the language (an expression, or an expansion `... + O(...)`) as
/// LaTeX; `None` when it does not parse (a message rather than a formula).
pub fn latex_of_text(text: &str) -> Option<String> {
    let e = crate::syntax::parse_expression(text).ok()?;
    Some(latex(&e))
}

#[cfg(test)]
mod tests {
    use super::latex_of_text;

    fn tex(s: &str) -> String {
        latex_of_text(s).expect("parses")
    }

    #[test]
    fn the_usual_forms() {
        assert_eq!(
            tex("sqrt(log(1/delta)/(2*n))"),
            "\\sqrt{\\frac{\\log\\left(\\frac{1}{\\delta}\\right)}{2 n}}"
        );
        assert_eq!(
            tex("n^(1/2) + 1/2*n^(-1/2) + O(n^(-3/2))"),
            "n^{1/2} + \\frac{1}{2} \\cdot n^{-1/2} + O\\left(n^{-3/2}\\right)"
        );
        assert_eq!(tex("exp(-n)*log(n)"), "e^{-n} \\cdot \\log n");
        assert_eq!(
            tex("C_F*sqrt(n) - c0*eps"),
            "C_{F} \\cdot \\sqrt{n} - c_{0} \\cdot \\varepsilon"
        );
        assert_eq!(
            tex("vc.delta + KL/lam"),
            "\\mathrm{vc}.\\delta + \\frac{\\mathrm{KL}}{\\lambda}"
        );
        assert_eq!(
            tex("(a + b)^2 - (a - b)"),
            "\\left(a + b\\right)^{2} - \\left(a - b\\right)"
        );
        assert_eq!(
            tex("-(a + b)*abs(x)"),
            "-\\left(a + b\\right) \\cdot \\left|x\\right|"
        );
        assert_eq!(tex("log(n)^2"), "\\left(\\log n\\right)^{2}");
        assert_eq!(tex("min(a, 2*b)"), "\\min\\left(a, 2 b\\right)");
        assert_eq!(tex("2*pi*n"), "2 \\pi \\cdot n");
    }
}
