//! Unit tests of the parser: precedence, numbers, every statement form,
//! error messages and positions, and the nesting guards.

use super::*;

/// A compact S-expression of an AST, for precedence tests.
fn sx(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Num(q) => crate::ir::fmt_q(q),
        ExprKind::Pi => "pi".into(),
        ExprKind::Name(n) => n.clone(),
        ExprKind::Neg(a) => format!("(neg {})", sx(a)),
        ExprKind::Bin(op, a, b) => {
            let o = match op {
                BinOp::Add => "+",
                BinOp::Sub => "-",
                BinOp::Mul => "*",
                BinOp::Div => "/",
                BinOp::Pow => "^",
            };
            format!("({o} {} {})", sx(a), sx(b))
        }
        ExprKind::Call(f, args) => {
            let a: Vec<String> = args.iter().map(sx).collect();
            format!("({} {})", f.name, a.join(" "))
        }
        ExprKind::Extremum { sup, var, body, .. } => {
            let w = if *sup { "sup" } else { "inf" };
            format!("({w} {} {})", var.name, sx(body))
        }
        ExprKind::Least { var, lhs, rhs, .. } => {
            format!("(least {} {} {})", var.name, sx(lhs), sx(rhs))
        }
    }
}

fn p(s: &str) -> String {
    match parse_expression(s) {
        Ok(e) => sx(&e),
        Err(e) => format!("ERR {}", e.message),
    }
}

fn q(a: i64, b: i64) -> Q {
    Q::new(BigInt::from(a), BigInt::from(b))
}

#[test]
fn precedence() {
    assert_eq!(p("-n^2"), "(neg (^ n 2))");
    assert_eq!(p("n^-1/2"), "(/ (^ n (neg 1)) 2)");
    assert_eq!(p("n^(-1/2)"), "(^ n (/ (neg 1) 2))");
    assert_eq!(p("2^3^2"), "(^ 2 (^ 3 2))");
    assert_eq!(p("a-b-c"), "(- (- a b) c)");
    assert_eq!(p("a/b/c"), "(/ (/ a b) c)");
    assert_eq!(p("a+b*c"), "(+ a (* b c))");
    assert_eq!(p("-a*b"), "(* (neg a) b)");
    assert_eq!(p("a - -b"), "(- a (neg b))");
    assert_eq!(p("2 * -n^2"), "(* 2 (neg (^ n 2)))");
    assert_eq!(p("max(a, b, 1) + log(n)"), "(+ (max a b 1) (log n))");
    assert_eq!(p("(n)"), "n");
}

#[test]
fn numbers_are_exact() {
    assert_eq!(parse_number("0.05").unwrap(), q(1, 20));
    assert_eq!(parse_number("2.5e-3").unwrap(), q(1, 400));
    assert_eq!(parse_number("1e6").unwrap(), q(1_000_000, 1));
    assert_eq!(parse_number("1E+2").unwrap(), q(100, 1));
    assert_eq!(parse_number("42").unwrap(), q(42, 1));
    assert_eq!(parse_number("0.000").unwrap(), q(0, 1));
    // Around the 19 digits that are read as a machine word.
    let int = |d: &str| BigInt::parse_bytes(d.as_bytes(), 10).unwrap();
    let ten = |k: usize| num_traits::pow(BigInt::from(10), k);
    assert_eq!(
        parse_number("9999999999999999999").unwrap(),
        Q::from_integer(ten(19) - 1)
    );
    assert_eq!(
        parse_number("98765432109876543210").unwrap(),
        Q::from_integer(int("98765432109876543210"))
    );
    assert_eq!(
        parse_number("1234567890.123456789").unwrap(),
        Q::new(int("1234567890123456789"), ten(9))
    );
    assert_eq!(parse_number("1e19").unwrap(), Q::from_integer(ten(19)));
    assert_eq!(parse_number("1e20").unwrap(), Q::from_integer(ten(20)));
    assert_eq!(
        parse_number("3e-20").unwrap(),
        Q::new(BigInt::from(3), ten(20))
    );
    assert_eq!(
        parse_number("0.5e-18").unwrap(),
        Q::new(BigInt::from(1), 2 * ten(18))
    );
    let big = "9".repeat(10_000);
    assert_eq!(
        parse_number(&big).unwrap().numer().to_string().len(),
        10_000
    );
    assert!(parse_number("1e10000").is_ok());
    assert!(parse_number("1e10001")
        .unwrap_err()
        .contains("exponent too large"));
    assert!(parse_number("1e1000000")
        .unwrap_err()
        .contains("exponent too large"));
    assert!(parse_number("1e-99999999999999999999")
        .unwrap_err()
        .contains("exponent too large"));
    assert!(p("1e1000000").starts_with("ERR exponent too large"));
}

#[test]
fn unicode_aliases_and_names() {
    assert_eq!(p("a · b"), "(* a b)");
    assert_eq!(p("2·π"), "(* 2 pi)");
    assert_eq!(p("δ + η_2"), "(+ δ η_2)");
    let (stmts, errs) = parse_file("check f = Θ(g)\ncheck a ≤ b eventually\ncheck lim a = ∞\ncheck a ≠ b\nparam x ≥ 0\ncheck a = Ω(b)\ncheck a = ω(b)");
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(stmts.len(), 7);
    match &stmts[0].kind {
        StmtKind::Claim { claim, .. } => assert!(matches!(
            claim.kind,
            ClaimKindAst::Landau {
                rel: Landau::Theta,
                ..
            }
        )),
        k => panic!("{k:?}"),
    }
    match &stmts[2].kind {
        StmtKind::Claim { claim, .. } => assert!(matches!(
            claim.kind,
            ClaimKindAst::Limit {
                target: Bound::PosInf(_),
                ..
            }
        )),
        k => panic!("{k:?}"),
    }
    match &stmts[5].kind {
        StmtKind::Claim { claim, .. } => assert!(matches!(
            claim.kind,
            ClaimKindAst::Landau {
                rel: Landau::Omega,
                ..
            }
        )),
        k => panic!("{k:?}"),
    }
    match &stmts[6].kind {
        StmtKind::Claim { claim, .. } => assert!(matches!(
            claim.kind,
            ClaimKindAst::Landau {
                rel: Landau::LittleOmega,
                ..
            }
        )),
        k => panic!("{k:?}"),
    }
}

#[test]
fn every_statement_form_parses() {
    let src = r#"
# comment line
var n
param L, C_F, C_G > 0     # trailing comment
param a >= -1/2
param b < 3
param c <= 0
param d in [0, 1)
param e in (-oo, 2]
param f in (0, oo)
fn G, H
assume G = O(sqrt(n))
assume G <= 2 * sqrt(n) for n >= 1
let g = C_F * sqrt(n)
let dev(m, k) = sqrt(k / m)
import "other.bnd"
check "label": g = O(n) where L = 1, C_F = 2
check g in o(n)
check g ~ n
check lim g = -oo
check lim g = +oo
check lim 1/n = 0
check g < n eventually
check g <= n for n >= 10^6
check g == n at n = 3
check g != n at n = 3
check g == g
refute g != g
show g
show crossover g <= n where L = 1
"#;
    let (stmts, errs) = parse_file(src);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(stmts.len(), 28);
    assert!(
        matches!(&stmts[1].kind, StmtKind::Param { names, constraint: Some(_) } if names.len() == 3)
    );
    match &stmts[5].kind {
        StmtKind::Param {
            constraint:
                Some(ConstraintAst::Interval {
                    lo_closed: true,
                    hi_closed: false,
                    ..
                }),
            ..
        } => {}
        k => panic!("{k:?}"),
    }
    match &stmts[6].kind {
        StmtKind::Param {
            constraint:
                Some(ConstraintAst::Interval {
                    lo: Bound::NegInf(_),
                    hi_closed: true,
                    ..
                }),
            ..
        } => {}
        k => panic!("{k:?}"),
    }
    assert!(matches!(&stmts[8].kind, StmtKind::Fn(v) if v.len() == 2));
    assert!(matches!(&stmts[12].kind, StmtKind::Let { formals, .. } if formals.len() == 2));
    assert!(matches!(&stmts[13].kind, StmtKind::Import { path, .. } if path == "other.bnd"));
    match &stmts[14].kind {
        StmtKind::Claim {
            label,
            wheres,
            command,
            ..
        } => {
            assert_eq!(label.as_deref(), Some("label"));
            assert_eq!(wheres.len(), 2);
            assert_eq!(*command, Command::Check);
        }
        k => panic!("{k:?}"),
    }
    match &stmts[21].kind {
        StmtKind::Claim { claim, .. } => assert!(matches!(
            &claim.kind,
            ClaimKindAst::Compare {
                range: Some(RangeAst::From { .. }),
                op: Cmp::Le,
                ..
            }
        )),
        k => panic!("{k:?}"),
    }
    match &stmts[23].kind {
        StmtKind::Claim { claim, .. } => assert!(matches!(
            &claim.kind,
            ClaimKindAst::Compare {
                range: Some(RangeAst::At { .. }),
                op: Cmp::Ne,
                ..
            }
        )),
        k => panic!("{k:?}"),
    }
    assert!(matches!(
        &stmts[25].kind,
        StmtKind::Claim {
            command: Command::Refute,
            ..
        }
    ));
    assert!(
        matches!(&stmts[27].kind, StmtKind::Show { show: ShowAst::Crossover { .. }, wheres, .. } if wheres.len() == 1)
    );
}

#[test]
fn statements_may_span_lines_and_chunks_split_at_keywords() {
    let src = "let a = 1 +\n   2\ncheck a <= n\n  eventually\nshow a";
    let chunks = split_statements(src);
    assert_eq!(chunks.len(), 3);
    let (stmts, errs) = parse_file(src);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(stmts.len(), 3);
    // `letter` is not the keyword `let`.
    let src = "let a = 1 +\nletter";
    assert_eq!(split_statements(src).len(), 1);
}

#[test]
fn spans_are_file_offsets() {
    let src = "var n\nlet a = dleta + 1";
    let (stmts, _) = parse_file(src);
    match &stmts[1].kind {
        StmtKind::Let { body, name, .. } => {
            assert_eq!(&src[name.span.clone()], "a");
            assert_eq!(&src[body.span.clone()], "dleta + 1");
            match &body.kind {
                ExprKind::Bin(_, l, _) => assert_eq!(&src[l.span.clone()], "dleta"),
                k => panic!("{k:?}"),
            }
        }
        k => panic!("{k:?}"),
    }
}

fn first_error(src: &str) -> SyntaxError {
    let (_, errs) = parse_file(src);
    errs.into_iter().next().expect("an error")
}

#[test]
fn implicit_multiplication_is_explained() {
    let e = first_error("check 2n = O(n)");
    assert!(e.message.contains("no implicit multiplication"), "{e:?}");
    assert_eq!(e.help.as_deref(), Some("write `2*n`"));
    assert_eq!(e.span, 7..8);
    let e = first_error("check 2 sqrt(n) = O(n)");
    assert_eq!(e.help.as_deref(), Some("write `2*sqrt(n)`"));
    let e = first_error("let x = 2(n+1)");
    assert_eq!(e.help.as_deref(), Some("write `2*(n+1)`"));
}

#[test]
fn errors_say_what_was_expected() {
    let e = first_error("let a = (n + 1");
    assert_eq!(
        e.message,
        "expected an operator or `)`, found the end of the statement"
    );
    assert_eq!(e.span, 14..14);
    let e = first_error("check n <= n^2 evntually");
    assert!(e.message.starts_with("expected"), "{e:?}");
    assert_eq!(e.help.as_deref(), Some("did you mean `eventually`?"));
    let e = first_error("check \"lab\" n = O(n)");
    assert_eq!(e.message, "expected `:`, found `n`");
    let e = first_error("let = 3");
    assert!(e.message.contains("a name"), "{e:?}");
    let e = first_error("check a = b");
    assert!(e.message.contains("`O`"), "{e:?}");
    let e = first_error("let a = )");
    assert_eq!(e.message, "expected an expression, found `)`");
    let e = first_error("garbage here\nvar n");
    assert!(e.message.starts_with("expected"), "{e:?}");
}

#[test]
fn one_error_per_statement_all_reported_in_order() {
    let (stmts, errs) = parse_file("let a = 1 +\nlet b = 2 2\nlet c = 3\ncheck c <= \nshow (");
    assert_eq!(errs.len(), 4, "{errs:?}");
    assert_eq!(stmts.len(), 1);
    assert!(errs.windows(2).all(|w| w[0].span.start < w[1].span.start));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let deep = format!("{}n{}", "(".repeat(10_000), ")".repeat(10_000));
    assert!(p(&deep).contains("nested too deeply"));
    let negs = format!("{}n", "-".repeat(10_000));
    assert!(p(&negs).contains("nested too deeply"));
    let pows = format!("{}n", "n^".repeat(10_000));
    assert!(p(&pows).contains("nested too deeply"));
    // A long chain of one operator group is not nesting: it is rebuilt
    // balanced (see `a_long_chain_is_rebuilt_balanced`).
    let long_sum = vec!["n"; 10_000].join(" + ");
    assert!(!p(&long_sum).contains("nested too deeply"));
    let calls = format!("{}n{}", "sqrt(".repeat(10_000), ")".repeat(10_000));
    assert!(p(&calls).contains("nested too deeply"));
    let e = first_error(&format!("let a = {deep}"));
    let limit = crate::limits::LIMITS.nesting;
    assert!(e.message.contains(&format!("more than {limit} levels")));
    // `limit` brackets are fine, one more is too deep.
    let ok = format!("{}n{}", "(".repeat(limit), ")".repeat(limit));
    assert_eq!(p(&ok), "n");
    let over = format!("{}n{}", "(".repeat(limit + 1), ")".repeat(limit + 1));
    assert!(p(&over).contains("nested too deeply"));
    // A call is one level above its argument, the name `n` one level: a tree
    // of `limit` levels is `limit - 1` calls around `n`.
    let ok = format!("{}n{}", "sqrt(".repeat(limit - 1), ")".repeat(limit - 1));
    assert!(!p(&ok).starts_with("ERR"), "{}", p(&ok));
    let over = format!("{}n{}", "sqrt(".repeat(limit), ")".repeat(limit));
    assert!(p(&over).contains("nested too deeply"));
}

#[test]
fn keywords_are_whole_words() {
    // `lime`, `format`, `attic` are names, not keywords.
    assert_eq!(
        p("lime + format + attic + inx + pix"),
        "(+ (+ (+ (+ lime format) attic) inx) pix)"
    );
    let (_, errs) = parse_file("check lime = O(n)");
    assert!(errs.is_empty());
}

#[test]
fn edit_distance_and_closest() {
    assert_eq!(edit_distance("dleta", "delta"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(closest("dleta", ["delta", "beta", "n"]), Some("delta"));
    // ties are broken by spelling
    assert_eq!(closest("ab", ["ac", "aa"]), Some("aa"));
    assert_eq!(closest("zzzzzz", ["delta"]), None);
}

#[test]
fn rule_names_are_words() {
    assert_eq!(rule_name(Rule::expr), "an expression");
    assert_eq!(rule_name(Rule::hi_open), "`)`");
    assert_eq!(rule_name(Rule::EOI), "the end of the statement");
}

#[test]
fn a_long_chain_is_rebuilt_balanced() {
    // 10^4 terms: depth stays under the rebalancing depth (128) plus
    // log2(10^4); spans still cover the whole chain.
    let long_sum = vec!["n"; 10_000].join(" + ");
    let e = parse_expression(&long_sum).expect("a long sum parses");
    assert!(e.depth <= 128 + 16, "depth {}", e.depth);
    assert_eq!(e.span, 0..long_sum.len());
    // Signs survive the regrouping: 200 terms `1 - 1 + 1 - 1 ...` in the
    // rebuilt tree still alternate; shorter chains keep their written shape.
    let alt: String = (0..200)
        .map(|i| if i % 2 == 0 { " + 1" } else { " - 1" })
        .collect();
    let alt = format!("0{alt}");
    let shown = p(&alt);
    assert_eq!(
        shown.matches("(- ").count() + shown.matches("(+ ").count(),
        200,
        "{shown}"
    );
    assert_eq!(p("1 - 2 + 3 - 4"), "(- (+ (- 1 2) 3) 4)");
    // Division chains are never regrouped (that could add a domain
    // requirement): a long `a/b/c/...` stays nested and is refused.
    let divs = vec!["n"; 300].join(" / ");
    assert!(p(&divs).contains("nested too deeply"));
}

#[test]
fn plot_statements_parse_with_range_linear_and_where() {
    let src = "var n\nplot sqrt(n), 100*log(n) for n in [1, 10^7]\nplot c*n,\n  n^2 for n in [0, 3] linear where c = 2\n";
    let (stmts, errs) = parse_file(src);
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(stmts.len(), 3);
    let StmtKind::Plot(a) = &stmts[1].kind else {
        panic!("{:?}", stmts[1].kind)
    };
    assert_eq!(
        a.exprs.iter().map(sx).collect::<Vec<_>>(),
        ["(sqrt n)", "(* 100 (log n))"]
    );
    assert_eq!(a.var.name, "n");
    assert_eq!(
        (sx(&a.lo), sx(&a.hi)),
        ("1".to_string(), "(^ 10 7)".to_string())
    );
    assert_eq!(&src[a.range_span.clone()], "[1, 10^7]");
    assert!(!a.linear && a.wheres.is_empty());
    let StmtKind::Plot(b) = &stmts[2].kind else {
        panic!("{:?}", stmts[2].kind)
    };
    assert_eq!(b.exprs.len(), 2);
    assert!(b.linear);
    assert_eq!(b.wheres.len(), 1);
    assert_eq!(&src[b.exprs[1].span.clone()], "n^2");
}

#[test]
fn plot_is_a_statement_keyword_and_reserved() {
    assert!(STATEMENT_KEYWORDS.contains(&"plot") && is_reserved("plot"));
    assert!(
        !is_reserved("linear"),
        "`linear` is a keyword only after a plot's range"
    );
    // a `plot` line starts a new statement, so the one before is complete
    assert_eq!(
        split_statements("check n = O(n)\nplot n for n in [1, 2]\n").len(),
        2
    );
    // a range needs both ends and brackets; the parts are named in words
    let (_, errs) = parse_file("plot n for n in [1]");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].message.contains("`,`"), "{}", errs[0].message);
    let (_, errs) = parse_file("plot n for n");
    assert!(errs[0].message.contains("`in`"), "{}", errs[0].message);
    // `for` is read as a name (reserved words are rejected by the lowering)
    let (_, errs) = parse_file("plot for n in [1, 2]");
    assert!(errs[0].message.contains("`for`"), "{}", errs[0].message);
    assert_eq!(rule_name(Rule::plot_range), "a range `[LO, HI]`");
}
