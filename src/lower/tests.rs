//! Unit tests of the lowering: the spec example, definitions, `where`,
//! imports, every error kind with its position, and the resource guards.

use super::fold::fold;
use super::*;
use crate::diagnostic::render;
use crate::ir::{
    Claim, ClaimKind, Cmp, Command, Constraint, Endpoint, Func, Item, Landau, LimitTarget,
    Range as IrRange, Show, ShowKind, Q,
};
use crate::validate::{load_file, load_source, Loaded};
use num_bigint::BigInt;

fn load(text: &str) -> Loaded {
    load_source("t.bnd", text)
}

fn messages(text: &str) -> Vec<String> {
    load(text)
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

fn clean(text: &str) -> Program {
    let l = load(text);
    let rendered: Vec<String> = l.diagnostics.iter().map(|d| render(d, text)).collect();
    assert!(l.diagnostics.is_empty(), "{}", rendered.join(""));
    l.program.expect("a program")
}

fn claims(p: &Program) -> Vec<&Claim> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Claim(c) => Some(c),
            Item::Show(_) => None,
        })
        .collect()
}

fn qq(a: i64, b: i64) -> Q {
    Q::new(BigInt::from(a), BigInt::from(b))
}

const FIRST: &str = r#"# Multimodal two-stage ERM against unimodal learning (shape of Lu, NeurIPS 2023).
var n                          # sample size, n -> +oo
param L, C_F, C_G > 0          # Lipschitz constant, Gaussian-average growth constants
param delta in (0, 1)          # confidence
param c0 in (0, 1)             # constant excess risk of every unimodal learner

let gauss_F = C_F * sqrt(n)    # G(F(S)) of a parametric class
let gauss_G = C_G * sqrt(n)
let dev(m) = sqrt(9 * log(2 / delta) / (2 * m))
let multi = sqrt(2*pi) * L * (gauss_F + gauss_G) / n + 2 * dev(n)
let uni = c0

check "multimodal rate": multi = Theta(1 / sqrt(n))
check lim multi = 0
check "the separation is sqrt(n)": uni / multi = Theta(sqrt(n))
refute "and no more than sqrt(n)": uni / multi = omega(sqrt(n))
check multi < uni eventually
check multi <= uni for n >= 10^6 where L = 1, C_F = 2, C_G = 2, delta = 1/20, c0 = 1/10
show crossover multi <= uni where L = 1, C_F = 2, C_G = 2, delta = 1/20, c0 = 1/10
"#;

#[test]
fn the_spec_example_lowers() {
    let p = clean(FIRST);
    assert_eq!(p.var, "n");
    assert_eq!(p.params.params.len(), 5);
    assert_eq!(p.items.len(), 7);
    let cs = claims(&p);
    assert_eq!(cs[0].label.as_deref(), Some("multimodal rate"));
    assert_eq!(cs[0].text, "multi = Theta(1 / sqrt(n))");
    assert_eq!(
        cs[0].pos,
        crate::ir::Pos {
            line: 13,
            column: 1
        }
    );
    assert!(matches!(
        &cs[0].kind,
        Ok(ClaimKind::Landau {
            rel: Landau::Theta,
            ..
        })
    ));
    assert!(matches!(
        &cs[1].kind,
        Ok(ClaimKind::Limit {
            target: LimitTarget::Finite(Expr::Num(_)),
            ..
        })
    ));
    assert_eq!(cs[3].command, Command::Refute);
    assert!(matches!(
        &cs[3].kind,
        Ok(ClaimKind::Landau {
            rel: Landau::LittleOmega,
            ..
        })
    ));
    assert!(matches!(
        &cs[4].kind,
        Ok(ClaimKind::Ineq {
            op: Cmp::Lt,
            range: IrRange::Eventually,
            ..
        })
    ));
    let c = cs[5];
    assert_eq!(c.text, "multi <= uni for n >= 10^6");
    assert_eq!(c.assignments.len(), 5);
    assert_eq!(c.assignments[3], ("delta".to_string(), "1/20".to_string()));
    assert!(c.params.params.is_empty());
    match &c.kind {
        Ok(ClaimKind::Ineq {
            lhs,
            rhs,
            range: IrRange::From(b),
            ..
        }) => {
            assert!(lhs.params().is_empty(), "{lhs}");
            assert_eq!(rhs, &Expr::Num(qq(1, 10)));
            assert_eq!(fold(b), Some(qq(1_000_000, 1)));
        }
        k => panic!("{k:?}"),
    }
    match &p.items[6] {
        Item::Show(s) => {
            assert_eq!(s.text, "crossover multi <= uni");
            assert!(matches!(s.kind, ShowKind::Crossover { op: Cmp::Le, .. }));
            assert!(s.params.params.is_empty());
        }
        i => panic!("{i:?}"),
    }
    // No placeholder escapes, pi is Expr::Pi, dev(n) substituted.
    match &cs[0].kind {
        Ok(ClaimKind::Landau { lhs, .. }) => {
            assert!(!has_placeholder(lhs));
            let s = lhs.to_string();
            assert!(s.contains("pi") && s.contains("log(2/delta)"), "{s}");
            assert_eq!(
                lhs.params(),
                ["C_F", "C_G", "L", "delta"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect()
            );
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn let_with_arguments_substitutes_simultaneously() {
    let p = clean(
        "param x, y > 0\nlet f(y, x) = y / x\ncheck f(x, y) == x / y\ncheck f(x + 1, n) == 1",
    );
    let cs = claims(&p);
    match &cs[0].kind {
        Ok(ClaimKind::Equal { lhs, rhs }) => assert_eq!(lhs, rhs),
        k => panic!("{k:?}"),
    }
    match &cs[1].kind {
        Ok(ClaimKind::Equal { lhs, .. }) => assert_eq!(
            lhs,
            &Expr::div(Expr::add(Expr::param("x"), Expr::int(1)), Expr::Var)
        ),
        k => panic!("{k:?}"),
    }
}

#[test]
fn builtins_pi_ln_var_and_custom_variable() {
    let p = clean("var t\nparam a > 0\ncheck ln(t) + pi + a = O(log(t))\nshow exp(1)");
    assert_eq!(p.var, "t");
    match &claims(&p)[0].kind {
        Ok(ClaimKind::Landau { lhs, rhs, .. }) => {
            assert_eq!(
                lhs,
                &Expr::add(
                    Expr::add(Expr::call1(Func::Log, Expr::Var), Expr::Pi),
                    Expr::param("a")
                )
            );
            assert_eq!(rhs, &Expr::call1(Func::Log, Expr::Var));
        }
        k => panic!("{k:?}"),
    }
    assert!(matches!(
        &p.items[1],
        Item::Show(Show {
            kind: ShowKind::Expr(Expr::Call(Func::Exp, _)),
            ..
        })
    ));
}

#[test]
fn fn_claims_carry_the_hypotheses_and_assume_is_checked() {
    let p = clean(
        "fn G\nassume G = O(sqrt(n))\ncheck G = O(n)\ncheck G(n) <= n eventually\ncheck n = O(n)",
    );
    let cs = claims(&p);
    assert!(cs.iter().all(|c| c.kind.is_ok()));
    let h = &cs[0].hypotheses;
    assert_eq!(h.facts.len(), 1);
    assert_eq!(h.facts[0].text, "G = O(sqrt(n))");
    assert!(h.conflicts.is_empty());
    assert!(h.model.is_ok());
    assert!(std::sync::Arc::ptr_eq(h, &cs[2].hypotheses));
    let m = messages("fn G\nassume G = O(sqrt(nn))");
    assert_eq!(m, vec!["unknown name `nn`"]);
}

#[test]
fn ranges_and_equalities() {
    let p = clean("check n <= n^2 for n >= 1\ncheck n == 3 at n = 3\ncheck n != n^2\ncheck n^2 ~ n^2 + n\ncheck lim -n = -oo");
    let cs = claims(&p);
    assert!(matches!(
        &cs[0].kind,
        Ok(ClaimKind::Ineq {
            range: IrRange::From(_),
            ..
        })
    ));
    assert!(matches!(
        &cs[1].kind,
        Ok(ClaimKind::Ineq {
            op: Cmp::Eq,
            range: IrRange::At(_),
            ..
        })
    ));
    assert!(matches!(&cs[2].kind, Ok(ClaimKind::NotEqual { .. })));
    assert!(matches!(&cs[3].kind, Ok(ClaimKind::Similar { .. })));
    assert!(matches!(
        &cs[4].kind,
        Ok(ClaimKind::Limit {
            target: LimitTarget::NegInf,
            ..
        })
    ));
    assert_eq!(cs[4].text, "lim -n = -oo");
}

#[test]
fn where_constants_regimes_and_errors() {
    let p = clean(
        "param a in (0, 1)\nparam d > 0\nparam c\ncheck a * n^d = O(n) where a = 0.5, d = n^(1/3)",
    );
    let c = claims(&p)[0];
    assert_eq!(c.params.params.keys().collect::<Vec<_>>(), vec!["c"]);
    assert_eq!(
        c.assignments,
        vec![
            ("a".to_string(), "0.5".to_string()),
            ("d".to_string(), "n^(1/3)".to_string())
        ]
    );
    match &c.kind {
        Ok(ClaimKind::Landau { lhs, .. }) => assert_eq!(
            lhs,
            &Expr::mul(
                Expr::Num(qq(1, 2)),
                Expr::pow(
                    Expr::Var,
                    Expr::pow(Expr::Var, Expr::div(Expr::int(1), Expr::int(3)))
                )
            )
        ),
        k => panic!("{k:?}"),
    }
    assert_eq!(p.params.params.len(), 3);
    let m = messages("param a in (0, 1)\nlet b = 2\ncheck a = O(1) where a = 1\ncheck a = O(1) where b = 1\ncheck a = O(1) where a = pi\ncheck a = O(1) where a = 1/2, a = 1/3");
    assert_eq!(
        m,
        vec![
            "`a = 1` is outside its constraint in (0, 1)",
            "`b` is not a parameter: `where` can only set parameters",
            "the value of `a` must be an exact number or an expression in `n`",
            "`a` is assigned twice",
        ]
    );
}

#[test]
fn error_kinds_with_positions() {
    let src = "var n\nparam delta in (0, 1)\nlet a = dleta\n";
    let l = load(src);
    assert_eq!(l.diagnostics.len(), 1);
    let d = &l.diagnostics[0];
    assert_eq!(d.message, "unknown name `dleta`");
    assert_eq!(d.help.as_deref(), Some("did you mean `delta`?"));
    assert_eq!((d.pos.line, d.pos.column), (3, 9));
    assert_eq!(
        render(d, src),
        "error: unknown name `dleta`\n  --> t.bnd:3:9\n   |\n 3 | let a = dleta\n   |         ^^^^^\n   = help: did you mean `delta`?\n"
    );

    let cases: &[(&str, &str, (usize, usize))] = &[
        ("let a = log(n, 2)", "log takes 1 argument, got 2", (1, 9)),
        (
            "let f(x) = x\nlet a = f(1, 2)",
            "f takes 1 argument, got 2",
            (2, 9),
        ),
        (
            "let f(x) = x\nlet a = f",
            "`f` takes 1 argument: call it as `f(...)`",
            (2, 9),
        ),
        (
            "let sqrt = 2",
            "`sqrt` is a reserved word and cannot be a name",
            (1, 5),
        ),
        (
            "param O > 0",
            "`O` is a reserved word and cannot be a name",
            (1, 7),
        ),
        ("let a = 1\nlet a = 2", "`a` is defined twice", (2, 5)),
        (
            "let a = b\nlet b = 1",
            "`b` is used before its definition",
            (1, 9),
        ),
        (
            "let a = a + 1",
            "`a` is used in its own definition: recursion is not allowed",
            (1, 9),
        ),
        (
            "var n\nvar n",
            "`var` declared twice: a file has one asymptotic variable",
            (2, 1),
        ),
        (
            "param a in (1, 0)",
            "empty constraint: no value lies in (1, 0)",
            (1, 9),
        ),
        (
            "param a in [1, 1)",
            "empty constraint: no value lies in [1, 1)",
            (1, 9),
        ),
        (
            "let a = n + log(0)",
            "`log` of 0 is undefined (the argument must be positive)",
            (1, 13),
        ),
        (
            "let a = n + log(-2)",
            "`log` of -2 is undefined (the argument must be positive)",
            (1, 13),
        ),
        (
            "let a = n * sqrt(-1)",
            "`sqrt` of -1 is undefined (the argument must be non-negative)",
            (1, 13),
        ),
        ("let a = n / (3 - 3)", "division by zero", (1, 9)),
        ("let a = n / 0", "division by zero", (1, 9)),
        (
            "check lim 1/n = n",
            "the limit must not depend on `n`",
            (1, 17),
        ),
        (
            "check n <= n for m >= 2",
            "`m` is not the variable",
            (1, 18),
        ),
        (
            "param a > 0\ncheck a(n + 1) = O(n)",
            "`a` is a parameter, not a function",
            (2, 7),
        ),
        (
            "check n <= n^2",
            "an inequality needs `eventually`, `for n >= N` or `at n = N`",
            (1, 9),
        ),
        ("check foo(n) = O(n)", "unknown function `foo`", (1, 7)),
        (
            "let f(x) = log(x)\nlet a = n + f(0)",
            "`log` of 0 is undefined (the argument must be positive) (in this use of `f`)",
            (2, 13),
        ),
        (
            "check n = O(oo)",
            "`oo` can only be a limit (`lim A = oo`) or the end of a constraint",
            (1, 13),
        ),
        (
            "param n > 0",
            "`n` is the asymptotic variable and cannot be redefined",
            (1, 7),
        ),
    ];
    for (src, msg, (line, col)) in cases {
        let l = load(src);
        let d = l
            .diagnostics
            .first()
            .unwrap_or_else(|| panic!("no error for {src}"));
        assert_eq!(&d.message, msg, "for {src}");
        assert_eq!(
            (d.pos.line, d.pos.column),
            (*line, *col),
            "for {src}: {}",
            d.message
        );
    }
    // The duplicate's help names the first line.
    let l = load("let a = 1\n\nlet a = 2");
    assert_eq!(
        l.diagnostics[0].help.as_deref(),
        Some("first defined at line 1")
    );
}

#[test]
fn multiple_errors_in_one_file_sorted() {
    let src = "let a = dleta\nlet b = 2n\nlet c = log(1, 2)\nlet d = )\ncheck zz = O(n)";
    let l = load(src);
    let lines: Vec<usize> = l.diagnostics.iter().map(|d| d.pos.line).collect();
    assert_eq!(lines, vec![1, 2, 3, 4, 5], "{:?}", l.diagnostics);
    assert!(l.program.is_some());
}

#[test]
fn statements_that_lower_cleanly_survive_errors_elsewhere() {
    let l = load("check n = O(n)\ncheck zz = O(n)\ncheck n^2 = Omega(n)");
    assert_eq!(l.diagnostics.len(), 1);
    assert_eq!(l.program.map(|p| p.items.len()), Some(2));
}

#[test]
fn definition_blowup_is_bounded() {
    let mut src = String::from("let a0 = n + 1\n");
    for i in 1..=60 {
        src.push_str(&format!("let a{i} = a{} * a{}\n", i - 1, i - 1));
    }
    src.push_str("check a60 = O(n)\n");
    let l = load(&src);
    assert!(
        l.diagnostics
            .iter()
            .any(|d| d.message == "definition expands to more than 100000 nodes"),
        "{:?}",
        l.diagnostics.first()
    );
    let mut src = String::from("let f0(x) = x + x\n");
    for i in 1..=60 {
        src.push_str(&format!("let f{i}(x) = f{}(f{}(x))\n", i - 1, i - 1));
    }
    let l = load(&src);
    assert!(l
        .diagnostics
        .iter()
        .any(|d| d.message.contains("more than 100000 nodes")
            || d.message.contains("nested too deeply")));
}

#[test]
fn deep_nesting_in_a_file_is_an_error() {
    let src = format!(
        "check {}n{} = O(n)\ncheck zz = O(1)",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let m = messages(&src);
    assert_eq!(
        m[0],
        format!(
            "expression nested too deeply (more than {} levels)",
            crate::limits::LIMITS.nesting
        )
    );
    assert_eq!(m[1], "unknown name `zz`");
    let mut chain = String::from("let a0 = n\n");
    for i in 1..=300 {
        chain.push_str(&format!("let a{i} = a{} + 1\n", i - 1));
    }
    let m = messages(&chain);
    assert!(m.iter().any(|x| x.contains("nested too deeply")), "{m:?}");
}

#[test]
fn lower_expr_for_the_command_line() {
    let mut pb = ParamBox::default();
    pb.params.insert("a".into(), Constraint::any());
    assert_eq!(
        lower_expr("a * t^2", "t", &pb),
        Ok(Expr::mul(
            Expr::param("a"),
            Expr::pow(Expr::Var, Expr::int(2))
        ))
    );
    let e = lower_expr("b + 1", "t", &pb).unwrap_err();
    assert_eq!(e[0].message, "unknown name `b`");
    assert_eq!(e[0].help.as_deref(), Some("did you mean `a`?"));
    assert!(lower_expr("2t", "t", &pb).is_err());
}

#[test]
fn join_import_is_lexical_and_relative() {
    assert_eq!(join_import("dir/a.bnd", "b.bnd"), "dir/b.bnd");
    assert_eq!(join_import("a.bnd", "./lib/b.bnd"), "lib/b.bnd");
    assert_eq!(join_import("x/y/a.bnd", "../b.bnd"), "x/b.bnd");
    assert_eq!(join_import("a.bnd", "../b.bnd"), "../b.bnd");
    assert_eq!(join_import("/abs/a.bnd", "b.bnd"), "/abs/b.bnd");
}

/// A fresh directory under `target/` for import tests.
fn temp_dir(tag: &str) -> String {
    let dir = format!("target/bnd-lower-tests/{tag}-{}", std::process::id());
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(format!("{dir}/lib")).expect("create temp dir");
    dir
}

#[test]
fn imports_bring_definitions_not_claims() {
    let dir = temp_dir("imports");
    std::fs::write(
        format!("{dir}/lib/b.bnd"),
        "param delta in (0, 1)\nlet dev(m) = sqrt(log(1/delta) / m)\ncheck delta = O(1)\n",
    )
    .unwrap();
    std::fs::write(
        format!("{dir}/a.bnd"),
        "import \"lib/b.bnd\"\ncheck dev(n) = O(1/sqrt(n))\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/a.bnd"));
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    let p = l.program.unwrap();
    assert_eq!(p.items.len(), 1);
    assert!(p.params.params.contains_key("delta"));
    assert_eq!(l.sources.len(), 2);
    assert_eq!(l.sources[1].0, format!("{dir}/lib/b.bnd"));
}

#[test]
fn import_errors_name_both_places() {
    let dir = temp_dir("import-errors");
    // an error inside the imported file names that file
    std::fs::write(format!("{dir}/lib/bad.bnd"), "let x = dleta\n").unwrap();
    std::fs::write(
        format!("{dir}/a.bnd"),
        "import \"lib/bad.bnd\"\nimport \"missing.bnd\"\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/a.bnd"));
    let files: Vec<(&str, &str)> = l
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.message.as_str()))
        .collect();
    assert_eq!(
        files,
        vec![
            (
                format!("{dir}/a.bnd").as_str(),
                format!("cannot read `{dir}/missing.bnd`: file not found").as_str()
            ),
            (
                format!("{dir}/lib/bad.bnd").as_str(),
                "unknown name `dleta`"
            ),
        ]
    );
    // a cycle
    std::fs::write(format!("{dir}/c1.bnd"), "import \"c2.bnd\"\nlet one = 1\n").unwrap();
    std::fs::write(format!("{dir}/c2.bnd"), "let two = 2\nimport \"c1.bnd\"\n").unwrap();
    let l = load_file(&format!("{dir}/c1.bnd"));
    assert_eq!(l.diagnostics.len(), 1, "{:?}", l.diagnostics);
    let d = &l.diagnostics[0];
    assert!(d.message.starts_with("import cycle"), "{d:?}");
    assert_eq!(d.file, format!("{dir}/c2.bnd"));
    assert!(
        d.help
            .as_deref()
            .unwrap_or("")
            .contains(&format!("{dir}/c1.bnd:1")),
        "{d:?}"
    );
    // the same name in two files
    std::fs::write(format!("{dir}/d1.bnd"), "param delta > 0\n").unwrap();
    std::fs::write(
        format!("{dir}/d2.bnd"),
        "import \"d1.bnd\"\nparam delta > 0\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/d2.bnd"));
    assert_eq!(l.diagnostics.len(), 1);
    assert_eq!(l.diagnostics[0].message, "`delta` is defined twice");
    assert_eq!(
        l.diagnostics[0].help,
        Some(format!("first defined at {dir}/d1.bnd:1"))
    );
    std::fs::write(format!("{dir}/d3.bnd"), "let delta = 1\n").unwrap();
    std::fs::write(
        format!("{dir}/d4.bnd"),
        "import \"d1.bnd\"\nimport \"d3.bnd\"\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/d4.bnd"));
    assert_eq!(l.diagnostics.len(), 1);
    assert!(l.diagnostics[0]
        .message
        .contains(&format!("{dir}/d1.bnd:1")));
    assert!(l.diagnostics[0]
        .message
        .contains(&format!("{dir}/d3.bnd:1")));
    // a diamond is fine
    std::fs::write(format!("{dir}/e1.bnd"), "import \"d1.bnd\"\n").unwrap();
    std::fs::write(
        format!("{dir}/e2.bnd"),
        "import \"d1.bnd\"\nimport \"e1.bnd\"\ncheck delta = O(1)\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/e2.bnd"));
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
}

#[test]
fn unreadable_file() {
    let l = load_file("definitely/not/here.bnd");
    assert!(l.program.is_none());
    assert_eq!(l.diagnostics[0].message, "cannot read file: file not found");
}

#[test]
fn never_panics_on_odd_input() {
    for src in [
        "",
        "\n\n",
        "#",
        "check",
        "let",
        "param",
        "param a in",
        "param a in (",
        "param a in (0,",
        "show",
        "show crossover",
        "check \"",
        "import",
        "import \"",
        "let f(",
        "let f() = 1",
        "check a = O(",
        "check lim",
        "check lim n =",
        "é",
        "check n <= n for",
        "check n <= n at n =",
        "\u{FEFF}var n",
        "let a = 1e",
        "let a = 1.",
        "let a = .5",
        "param a > oo",
        "param a < -oo",
        "param a in (oo, 1)",
        "param a in (0, -oo)",
        "check n = O(n) where",
        "let a = 0^-1 + n",
        "let a = (-8)^(1/3) + n",
        "let a = 2^100000 + n",
        "check min() = O(1)",
    ] {
        let _ = load(src);
    }
}

#[test]
fn mutations_of_the_example_never_panic() {
    let chars: Vec<char> = FIRST.chars().collect();
    for i in (0..chars.len()).step_by(7) {
        let mut deleted = chars.clone();
        deleted.remove(i);
        let s: String = deleted.into_iter().collect();
        let _ = load(&s);
        for c in ['(', ')', '-', '^', '"', '#', '\n'] {
            let mut inserted = chars.clone();
            inserted.insert(i, c);
            let s: String = inserted.into_iter().collect();
            let l = load(&s);
            for d in &l.diagnostics {
                let _ = render(d, &s);
            }
        }
    }
}

#[test]
fn nesting_up_to_the_limit_is_accepted() {
    let limit = crate::limits::LIMITS.nesting;
    // `limit` brackets, and `limit - 1` calls around `n` (a tree of `limit`
    // levels), lower without an error.
    let src = format!(
        "check {}n{} = O(n)\ncheck {}n{} = O(n)",
        "(".repeat(limit),
        ")".repeat(limit),
        "sqrt(".repeat(limit - 1),
        ")".repeat(limit - 1)
    );
    let p = clean(&src);
    assert_eq!(p.items.len(), 2);
    // The worst accepted shapes still fit a test thread's stack.
    for src in [
        format!(
            "check {}n{} = O(n)",
            "sqrt(".repeat(limit - 1),
            ")".repeat(limit - 1)
        ),
        format!(
            "check {}n{} = O(n)",
            "-(".repeat(limit / 2),
            ")".repeat(limit / 2)
        ),
        format!(
            "check {}n{} = O(n)",
            "max(1, ".repeat(limit - 1),
            ")".repeat(limit - 1)
        ),
        format!("check n{} = O(n)", "^n".repeat(limit - 1)),
    ] {
        let _ = load(&src);
    }
    // One call more is a located error, not a crash.
    let over = format!(
        "check {}n{} = O(n)",
        "sqrt(".repeat(limit),
        ")".repeat(limit)
    );
    assert!(messages(&over)[0].contains("nested too deeply"));
}

#[test]
fn total_expansion_over_a_file_is_bounded() {
    let mut src = String::from("let a0 = n + 1\n");
    for i in 1..=14 {
        src.push_str(&format!("let a{i} = a{} * a{}\n", i - 1, i - 1));
    }
    for _ in 0..40 {
        src.push_str("check a14 = O(n)\n");
    }
    let l = load(&src);
    assert_eq!(l.diagnostics.len(), 1, "{:?}", l.diagnostics);
    assert!(l.diagnostics[0]
        .message
        .contains("more than 2000000 nodes in total"));
    assert!(l.program.unwrap().items.len() < 40);
}

#[test]
fn texts_drop_comments_labels_and_where() {
    let p = clean("param a > 0\ncheck \"x # y\": a *   n   # a comment\n   = O(n) # another\n   where a = 2\nshow   a*n^2 where a = n");
    let cs = claims(&p);
    assert_eq!(cs[0].text, "a * n = O(n)");
    assert_eq!(cs[0].label.as_deref(), Some("x # y"));
    match &p.items[1] {
        Item::Show(s) => {
            assert_eq!(s.text, "a*n^2");
            assert!(matches!(&s.kind, ShowKind::Expr(e) if e.params().is_empty()));
            assert!(s.params.params.is_empty());
        }
        i => panic!("{i:?}"),
    }
}

#[test]
fn constraints_lower_exactly() {
    let p = clean("param a > -1/2\nparam b <= 1e-3\nparam c in [0, oo)\nparam d in (-oo, 2]\nparam e > -oo\nparam f in (0.5, 3/2]");
    let c = |n: &str| p.params.params.get(n).cloned().unwrap();
    assert_eq!(
        c("a").lo,
        Endpoint::Finite {
            value: qq(-1, 2),
            closed: false
        }
    );
    assert_eq!(
        c("b").hi,
        Endpoint::Finite {
            value: qq(1, 1000),
            closed: true
        }
    );
    assert_eq!(c("c").hi, Endpoint::Infinite);
    assert_eq!(c("d").lo, Endpoint::Infinite);
    assert_eq!(c("e"), Constraint::any());
    assert_eq!(c("f").to_string(), "in (1/2, 3/2]");
    assert_eq!(
        messages("param a > oo\nparam b in (0, -oo)\nparam c > n\nparam d > pi"),
        vec![
            "empty constraint: no real number satisfies it",
            "empty constraint: the interval ends at -oo",
            "the end of a constraint must be an exact number (like `0`, `1/2`, `1e-3`) or `oo`",
            "the end of a constraint must be an exact number (like `0`, `1/2`, `1e-3`) or `oo`",
        ]
    );
}

#[test]
fn nested_functions_are_capture_free() {
    let p = clean("param a, b\nlet f(x, y) = x - y\nlet g(x, y) = f(y, x)\nlet h(x) = g(x, x^2) * f(x, 1)\ncheck g(a, b) == b - a\ncheck h(n) == 1");
    let cs = claims(&p);
    match &cs[0].kind {
        Ok(ClaimKind::Equal { lhs, rhs }) => assert_eq!(lhs, rhs),
        k => panic!("{k:?}"),
    }
    match &cs[1].kind {
        Ok(ClaimKind::Equal { lhs, .. }) => {
            assert_eq!(lhs.to_string(), "(n^2 - n)*(n - 1)");
            assert!(!has_placeholder(lhs));
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn implicit_multiplication_between_groups() {
    let l = load("check (n+1)(n+2) = O(n^2)");
    assert_eq!(l.diagnostics.len(), 1);
    assert!(l.diagnostics[0]
        .message
        .contains("no implicit multiplication"));
    assert_eq!(
        l.diagnostics[0].help.as_deref(),
        Some("write `(...)*(n+2)`")
    );
    let l = load("check sqrt(2 n) = O(n)");
    assert_eq!(l.diagnostics[0].help.as_deref(), Some("write `2*n`"));
}

#[test]
fn friendly_help_for_common_slips() {
    let l = load("check e^n = O(n)");
    assert_eq!(
        l.diagnostics[0].help.as_deref(),
        Some("Euler's number is written `exp(1)`")
    );
    let l = load("check log_2(n) = O(n)");
    assert_eq!(l.diagnostics[0].message, "unknown function `log_2`");
    assert_eq!(
        l.diagnostics[0].help.as_deref(),
        Some("did you mean `log2`?")
    );
    let l = load("let a = .5");
    assert_eq!(
        l.diagnostics[0].help.as_deref(),
        Some("numbers start with a digit: write `0.5`, not `.5`")
    );
    let l = load("check n = 0(n)");
    assert_eq!(
        l.diagnostics[0].help.as_deref(),
        Some("Landau symbols are letters: write `O(...)`, not `0(...)`")
    );
    let l = load("chek n = O(n)");
    assert_eq!(
        l.diagnostics[0].help.as_deref(),
        Some("did you mean `check`?")
    );
}

#[test]
fn identical_declarations_from_two_imports_are_one_name() {
    let dir = temp_dir("same-decl");
    let lib = "param delta in (0, 1)\nfn G\nlet dev(m) = sqrt(log(1/delta) / m)\n";
    std::fs::write(format!("{dir}/v.bnd"), lib).unwrap();
    std::fs::write(format!("{dir}/p.bnd"), lib).unwrap();
    std::fs::write(
        format!("{dir}/a.bnd"),
        "import \"v.bnd\"\nimport \"p.bnd\"\ncheck dev(n) = O(1/sqrt(n))\ncheck G = O(n)\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/a.bnd"));
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    let p = l.program.unwrap();
    assert_eq!(p.params.params.len(), 1);
    assert_eq!(p.hypotheses.fns.len(), 1);
    // a different constraint is a different declaration
    std::fs::write(format!("{dir}/q.bnd"), "param delta in (0, 1]\n").unwrap();
    std::fs::write(
        format!("{dir}/b.bnd"),
        "import \"v.bnd\"\nimport \"q.bnd\"\ncheck delta = O(1)\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/b.bnd"));
    assert_eq!(l.diagnostics.len(), 1, "{:?}", l.diagnostics);
    assert!(l.diagnostics[0]
        .message
        .contains("`delta` is defined twice"));
    // and the claim using it is kept, not decided
    let p = l.program.unwrap();
    assert!(matches!(&p.items[0], Item::Claim(c) if c.kind.is_err()));
}

#[test]
fn import_as_keeps_names_apart() {
    let dir = temp_dir("import-as");
    std::fs::write(
        format!("{dir}/v.bnd"),
        "param delta in (0, 1)\nfn G\nassume G = O(sqrt(n))\nlet bound(m) = sqrt(log(1/delta) / m)\n",
    )
    .unwrap();
    std::fs::write(
        format!("{dir}/p.bnd"),
        "param delta > 0\nlet bound(m) = log(1/delta) / m\n",
    )
    .unwrap();
    std::fs::write(
        format!("{dir}/a.bnd"),
        "import \"v.bnd\" as v\nimport \"p.bnd\" as p\nparam delta > 1\n\
         check v.bound(n) = O(1/sqrt(n)) where v.delta = 1/2\n\
         check v.G = O(n)\ncheck p.bound(n) + delta = O(1)\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/a.bnd"));
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    let p = l.program.unwrap();
    let names: Vec<&String> = p.params.params.keys().collect();
    assert_eq!(names, ["delta", "p.delta", "v.delta"]);
    assert!(p.hypotheses.fns.contains("v.G"));
    assert_eq!(p.hypotheses.facts.len(), 1);
    assert!(p.hypotheses.facts[0].kind.exprs()[0].has_fn());
    assert_eq!(
        format!("{:?}", p.hypotheses.facts[0].kind.exprs()[0]),
        "Fn(\"v.G\")"
    );
    let Item::Claim(c) = &p.items[0] else {
        panic!("a claim")
    };
    assert_eq!(c.assignments.len(), 1);
    assert_eq!(c.assignments[0].0, "v.delta");
    let Item::Claim(c) = &p.items[2] else {
        panic!("a claim")
    };
    let used = c.kind.as_ref().unwrap().params();
    assert!(
        used.contains("p.delta") && used.contains("delta"),
        "{used:?}"
    );
    // an unqualified name of an aliased file is unknown, with a suggestion
    std::fs::write(
        format!("{dir}/b.bnd"),
        "import \"v.bnd\" as v\ncheck bound(n) = O(1)\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/b.bnd"));
    assert_eq!(l.diagnostics.len(), 1, "{:?}", l.diagnostics);
    assert!(
        l.diagnostics[0].message.contains("unknown"),
        "{:?}",
        l.diagnostics
    );
    // one alias for two files, and a reserved alias, are errors
    std::fs::write(
        format!("{dir}/c.bnd"),
        "import \"v.bnd\" as v\nimport \"p.bnd\" as v\nimport \"p.bnd\" as sqrt\n",
    )
    .unwrap();
    let l = load_file(&format!("{dir}/c.bnd"));
    let msgs: Vec<&str> = l.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(
        msgs[0].contains("already names the import of `v.bnd`"),
        "{msgs:?}"
    );
    assert!(msgs[1].contains("reserved word"), "{msgs:?}");
}
