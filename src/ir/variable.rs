//! How the asymptotic variable is named and printed. A file's variable
//! either tends to +oo (`var n`) or to 0 from above (`var eps -> 0`). The
//! second kind is checked in t = 1/eps, which tends to +oo exactly when eps
//! tends to 0 from above: lowering reads every `eps` as `1/t`, and the
//! engines, which only know a variable tending to +oo, decide every claim in
//! t unchanged. This module owns the one place where the difference shows:
//! the variable is passed to the engines as a string, `n` or `1/eps`, and
//! every printer turns t back into eps here (t^a as eps^(-a), log(t) as
//! log(1/eps), `t >= N` as `eps <= 1/N`, "large n" as "small eps").

use crate::ir::{Expr, Q};
use num_traits::One;

/// The asymptotic variable is passed to the engines and printers as a
/// string: its name (`n`, tending to +oo), or `1/eps` for a variable
/// declared `var eps -> 0`. Such a file is checked in t = 1/eps, which
/// tends to +oo exactly when eps tends to 0 from above (every `eps` in the
/// file is lowered to `1/t`), and every printer renders t back in eps:
/// `t^a` as `eps^(-a)`, `log(t)` as `log(1/eps)`, `t >= N` as `eps <= 1/N`.
/// Returns `eps` for `1/eps`, `None` for a variable tending to +oo.
pub fn zero_var(var: &str) -> Option<&str> {
    var.strip_prefix("1/")
}

/// The variable's name as written in the file (`eps` for `1/eps`).
pub fn var_name(var: &str) -> &str {
    zero_var(var).unwrap_or(var)
}

/// The variable in words, for messages: `` `n` `` or `` `eps -> 0` ``.
pub fn describe_var(var: &str) -> String {
    match zero_var(var) {
        Some(e) => format!("`{e} -> 0`"),
        None => format!("`{var}`"),
    }
}

/// `e`, an expression in t = 1/eps, as an expression in eps (`Expr::Var`
/// standing for eps): t^a becomes eps^(-a), a/t becomes a*eps, a*t
/// becomes a/eps, any other t becomes 1/eps (so `log(t)` is
/// `log(1/eps)`). The value is the same; only the printed form changes.
pub fn in_reciprocal(e: &Expr) -> Expr {
    crate::stack::guard!(in_reciprocal(e));
    let one = |x: &Expr| matches!(x, Expr::Num(q) if q.is_one());
    // eps^p, p already in eps terms
    let eps_pow = |p: Expr| -> Expr {
        match p {
            Expr::Num(q) if q.is_one() => Expr::Var,
            Expr::Num(q) if q == -Q::one() => Expr::div(Expr::int(1), Expr::Var),
            p => Expr::pow(Expr::Var, p),
        }
    };
    let negate = |p: &Expr| -> Expr {
        match p {
            Expr::Num(q) => Expr::Num(-q),
            Expr::Neg(a) => in_reciprocal(a),
            p => Expr::neg(in_reciprocal(p)),
        }
    };
    // a*x without a factor 1
    let times = |a: Expr, x: Expr| if one(&a) { x } else { Expr::mul(a, x) };
    match e {
        Expr::Var => Expr::div(Expr::int(1), Expr::Var),
        Expr::Pow(b, p) if **b == Expr::Var => eps_pow(negate(p)),
        Expr::Div(a, b) if **b == Expr::Var => times(in_reciprocal(a), Expr::Var),
        Expr::Div(a, b) => match &**b {
            Expr::Pow(c, p) if **c == Expr::Var && !p.has_var() => {
                times(in_reciprocal(a), eps_pow(in_reciprocal(p)))
            }
            _ => Expr::div(in_reciprocal(a), in_reciprocal(b)),
        },
        Expr::Mul(a, b) if **b == Expr::Var => Expr::div(in_reciprocal(a), Expr::Var),
        Expr::Mul(a, b) if **a == Expr::Var => Expr::div(in_reciprocal(b), Expr::Var),
        Expr::Neg(a) if **a == Expr::Var => Expr::div(Expr::int(-1), Expr::Var),
        Expr::Num(_) | Expr::Pi | Expr::Param(_) | Expr::Fn(_) => e.clone(),
        Expr::Opt(o) => Expr::Opt(Box::new(o.map(&in_reciprocal))),
        Expr::Neg(a) => Expr::neg(in_reciprocal(a)),
        Expr::Add(a, b) => Expr::add(in_reciprocal(a), in_reciprocal(b)),
        Expr::Sub(a, b) => Expr::sub(in_reciprocal(a), in_reciprocal(b)),
        Expr::Mul(a, b) => Expr::mul(in_reciprocal(a), in_reciprocal(b)),
        Expr::Pow(a, b) => Expr::pow(in_reciprocal(a), in_reciprocal(b)),
        Expr::Call(g, args) => Expr::Call(*g, args.iter().map(in_reciprocal).collect()),
    }
}

/// `var^exponent` as text, where `exponent` is already printed (a number,
/// a name or a parenthesised expression): `n^(1/2)`, or for a variable
/// tending to 0 (`1/eps`) `eps^(-1/2)`.
pub fn var_power(var: &str, exponent: &str) -> String {
    let Some(v) = zero_var(var) else {
        return format!("{var}^{exponent}");
    };
    let inner = exponent
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .filter(|x| !x.contains('(') && !x.contains(')'))
        .unwrap_or(exponent);
    let simple = |x: &str| !x.is_empty() && !x.contains([' ', '+', '-', '(', ')', '*', '^']);
    let neg = if let Some(rest) = inner.strip_prefix('-').filter(|r| simple(r)) {
        if rest.contains('/') {
            format!("({rest})")
        } else {
            rest.to_string()
        }
    } else if simple(inner) {
        format!("(-{inner})")
    } else {
        format!("(-({inner}))")
    };
    if neg == "1" {
        v.to_string()
    } else {
        format!("{v}^{neg}")
    }
}

/// `log(n)`, or `log(1/eps)` for a variable tending to 0.
pub fn var_log(var: &str) -> String {
    format!("log({var})")
}

/// "large n", or "small eps" for a variable tending to 0.
pub fn large(var: &str) -> String {
    match zero_var(var) {
        Some(v) => format!("small {v}"),
        None => format!("large {var}"),
    }
}

/// The range `var >= from` in the user's variable: `n >= 267`, or for a
/// variable tending to 0 `eps <= 1/267`. `from` is printed as given.
pub fn var_from(var: &str, from: &str) -> String {
    match zero_var(var) {
        Some(v) => format!("{v} <= {}", reciprocal_text(from)),
        None => format!("{var} >= {from}"),
    }
}

/// The point `var = at` in the user's variable: `n = 10`, or `eps = 1/10`.
pub fn var_at(var: &str, at: &str) -> String {
    match zero_var(var) {
        Some(v) => format!("{v} = {}", reciprocal_text(at)),
        None => format!("{var} = {at}"),
    }
}

/// 1/x for a printed number or expression x: `1/10` for `10`, `10` for
/// `1/10`, `3/2` for `2/3`, `1/2^17` for `2^17`, `exp(-3)` for
/// `1/exp(-3)`, `~1/1.5` for `~1.5` (approximate).
pub fn reciprocal_text(x: &str) -> String {
    if let Some(rest) = x.strip_prefix('~') {
        return format!("~{}", reciprocal_text(rest));
    }
    if x == "1" {
        return x.to_string();
    }
    // Is `s` one operand: no operator outside parentheses?
    let atom = |s: &str| {
        let mut depth = 0i32;
        !s.is_empty()
            && s.chars().all(|c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    ' ' | '+' | '-' | '*' | '/' if depth == 0 => return false,
                    _ => {}
                }
                true
            })
    };
    if let Some(d) = x.strip_prefix("1/") {
        if atom(d) {
            // `(...)` as one group: its inside
            let mut depth = 0i32;
            let one_group = d.starts_with('(')
                && d.char_indices().all(|(i, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth > 0 || i == d.len() - 1
                });
            return if one_group {
                d[1..d.len() - 1].to_string()
            } else {
                d.to_string()
            };
        }
    }
    if let Some((p, q)) = x.split_once('/') {
        let int = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if int(p) && int(q) {
            return if p == "1" {
                q.to_string()
            } else {
                format!("{q}/{p}")
            };
        }
    }
    if atom(x) {
        format!("1/{x}")
    } else {
        format!("1/({x})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Expr {
        Expr::Var
    }

    #[test]
    fn the_variable_string_says_where_it_tends() {
        assert_eq!(zero_var("1/eps"), Some("eps"));
        assert_eq!(zero_var("n"), None);
        assert_eq!(var_name("1/eps"), "eps");
        assert_eq!(var_name("m"), "m");
        assert_eq!(describe_var("1/eps"), "`eps -> 0`");
        assert_eq!(large("1/eps"), "small eps");
        assert_eq!(large("n"), "large n");
    }

    #[test]
    fn expressions_in_t_print_in_eps() {
        let show = |e: Expr| e.display("1/eps").to_string();
        // t = 1/eps, 1/t = eps, t^2 = eps^(-2), t^(-1/2) = eps^(1/2)
        assert_eq!(show(t()), "1/eps");
        assert_eq!(show(Expr::div(Expr::int(1), t())), "eps");
        assert_eq!(show(Expr::pow(t(), Expr::int(2))), "eps^(-2)");
        assert_eq!(show(Expr::pow(t(), Expr::ratio(-1, 2))), "eps^(1/2)");
        assert_eq!(show(Expr::pow(t(), Expr::int(-1))), "eps");
        assert_eq!(show(Expr::pow(t(), Expr::int(1))), "1/eps");
        // log(t) = log(1/eps); 3/t^2 = 3*eps^2; 2*t = 2/eps; -t = -1/eps
        assert_eq!(show(Expr::call1(crate::ir::Func::Log, t())), "log(1/eps)");
        assert_eq!(
            show(Expr::div(Expr::int(3), Expr::pow(t(), Expr::int(2)))),
            "3*eps^2"
        );
        assert_eq!(show(Expr::mul(Expr::int(2), t())), "2/eps");
        assert_eq!(show(Expr::neg(t())), "-1/eps");
        // a parameter exponent: t^a = eps^(-a)
        assert_eq!(show(Expr::pow(t(), Expr::param("a"))), "eps^(-a)");
        // the user's eps (lowered to 1/t) prints as written
        let eps = Expr::div(Expr::int(1), t());
        assert_eq!(show(Expr::pow(eps.clone(), Expr::int(2))), "eps^2");
        assert_eq!(
            show(Expr::call1(
                crate::ir::Func::Log,
                Expr::div(Expr::int(1), eps)
            )),
            "log(1/eps)"
        );
        // a variable tending to +oo is untouched
        assert_eq!(Expr::pow(t(), Expr::int(2)).display("n").to_string(), "n^2");
    }

    #[test]
    fn powers_ranges_and_points_in_eps() {
        assert_eq!(var_power("n", "(1/2)"), "n^(1/2)");
        assert_eq!(var_power("1/eps", "(-1/2)"), "eps^(1/2)");
        assert_eq!(var_power("1/eps", "2"), "eps^(-2)");
        assert_eq!(var_power("1/eps", "(-1)"), "eps");
        assert_eq!(var_power("1/eps", "(b - 1)"), "eps^(-(b - 1))");
        assert_eq!(var_log("1/eps"), "log(1/eps)");
        assert_eq!(var_from("n", "267"), "n >= 267");
        assert_eq!(var_from("1/eps", "267"), "eps <= 1/267");
        assert_eq!(var_from("1/eps", "1/2"), "eps <= 2");
        assert_eq!(var_at("1/eps", "2^17"), "eps = 1/2^17");
        assert_eq!(var_at("1/eps", "1"), "eps = 1");
        assert_eq!(var_at("n", "10"), "n = 10");
    }

    #[test]
    fn reciprocals_of_printed_numbers() {
        for (x, r) in [
            ("10", "1/10"),
            ("1/10", "10"),
            ("2/3", "3/2"),
            ("1", "1"),
            ("~1.5", "~1/1.5"),
            ("1/exp(-3)", "exp(-3)"),
            ("1/(2 + x)", "2 + x"),
            ("2 + x", "1/(2 + x)"),
            ("exp(3)", "1/exp(3)"),
        ] {
            assert_eq!(reciprocal_text(x), r, "1/({x})");
        }
    }
}
