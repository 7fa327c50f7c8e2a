//! The `bnd` binary end to end: exit statuses 0/1/2, the JSON contract of the
//! spec (top-level shape, keys, summary counts), determinism, and no absolute
//! paths in the output. The binary always runs from the crate root with
//! relative paths, as a user would.

mod common;
use common::bnd;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn json(args: &[&str]) -> (i32, Value) {
    let (code, stdout, stderr) = bnd(args);
    let doc = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout:?} / {stderr:?}"));
    (code, doc)
}

fn summary(doc: &Value, key: &str) -> u64 {
    doc["summary"][key]
        .as_u64()
        .unwrap_or_else(|| panic!("summary.{key} is not a count: {doc}"))
}

#[test]
fn passing_file_exits_0() {
    let (code, stdout, _) = bnd(&["check", "tests/cli_fixtures/pass.bnd"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("tests/cli_fixtures/pass.bnd"), "{stdout}");
}

#[test]
fn failing_claim_exits_1() {
    let (code, stdout, _) = bnd(&["check", "tests/fail/false_check.bnd"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("refuted"), "{stdout}");
}

#[test]
fn true_claim_under_refute_exits_1() {
    let (code, stdout, _) = bnd(&["check", "tests/fail/true_refute.bnd"]);
    assert_eq!(code, 1, "{stdout}");
}

#[test]
fn unknown_claim_exits_1() {
    let (code, stdout, _) = bnd(&["check", "tests/fail/hypothesis_unknown.bnd"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("unknown"), "{stdout}");
}

#[test]
fn syntax_error_exits_2_and_points_at_the_line() {
    let (code, stdout, stderr) = bnd(&["check", "tests/fail/syntax_missing_paren.bnd"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains("tests/fail/syntax_missing_paren.bnd:5:"),
        "{all}"
    );
}

#[test]
fn implicit_multiplication_suggests_star() {
    let (code, stdout, stderr) = bnd(&["check", "tests/fail/syntax_implicit_mul_number.bnd"]);
    assert_eq!(code, 2);
    assert!(
        format!("{stdout}{stderr}").contains("2*n"),
        "{stdout}{stderr}"
    );
}

#[test]
fn misspelt_name_suggests_the_right_one() {
    let (code, stdout, stderr) = bnd(&["check", "tests/fail/name_misspelt.bnd"]);
    assert_eq!(code, 2);
    let all = format!("{stdout}{stderr}");
    assert!(all.contains("dleta") && all.contains("delta"), "{all}");
}

#[test]
fn missing_file_exits_2() {
    let (code, stdout, stderr) = bnd(&["check", "tests/cli_fixtures/does_not_exist.bnd"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        format!("{stdout}{stderr}").contains("does_not_exist.bnd"),
        "the missing file is named"
    );
}

#[test]
fn an_error_anywhere_wins_over_failures() {
    // A failing claim in one file and a syntax error in another: exit 2.
    let (code, _, _) = bnd(&[
        "check",
        "tests/fail/false_check.bnd",
        "tests/fail/syntax_missing_paren.bnd",
    ]);
    assert_eq!(code, 2);
}

#[test]
fn json_has_the_shape_of_the_spec() {
    let (code, doc) = json(&["check", "--format", "json", "tests/fail/mixed_results.bnd"]);
    assert_eq!(code, 1);
    let top: Vec<&str> = doc
        .as_object()
        .expect("top level is an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert!(
        top.contains(&"files") && top.contains(&"summary"),
        "{top:?}"
    );

    let files = doc["files"].as_array().expect("files is an array");
    assert_eq!(files.len(), 1);
    let file = &files[0];
    assert_eq!(file["path"], "tests/fail/mixed_results.bnd");
    for key in ["claims", "shows", "errors"] {
        assert!(
            file[key].is_array(),
            "files[0].{key} is not an array: {file}"
        );
    }
    let claims = file["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 4, "{file}");
    for claim in claims {
        for key in [
            "line", "column", "label", "command", "claim", "verdict", "passed", "reason",
        ] {
            assert!(claim.get(key).is_some(), "claim without `{key}`: {claim}");
        }
        assert!(
            claim["line"].is_u64() && claim["column"].is_u64(),
            "{claim}"
        );
        assert!(claim["passed"].is_boolean(), "{claim}");
        assert!(claim["reason"].is_string(), "{claim}");
        let command = claim["command"].as_str().expect("command is a string");
        assert!(command == "check" || command == "refute", "{claim}");
        let verdict = claim["verdict"].as_str().expect("verdict is a string");
        assert!(
            ["proved", "refuted", "unknown"].contains(&verdict),
            "{claim}"
        );
        // `passed` follows from command and verdict.
        let expected_pass = (command == "check" && verdict == "proved")
            || (command == "refute" && verdict == "refuted");
        assert_eq!(claim["passed"], expected_pass, "{claim}");
    }
    // The four claims of mixed_results.bnd, lines 7..10 (see its header).
    let got: Vec<(u64, &str, &str, bool)> = claims
        .iter()
        .map(|c| {
            (
                c["line"].as_u64().unwrap_or(0),
                c["command"].as_str().unwrap_or(""),
                c["verdict"].as_str().unwrap_or(""),
                c["passed"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (7, "check", "proved", true),
            (8, "refute", "refuted", true),
            (9, "check", "refuted", false),
            (10, "check", "unknown", false),
        ]
    );
    assert_eq!(claims[0]["column"], 1);
    assert_eq!(claims[0]["claim"], "n = o(n^2)");

    for key in ["claims", "passed", "failed", "unknown", "errors"] {
        assert!(doc["summary"][key].is_u64(), "summary.{key}: {doc}");
    }
    assert_eq!(summary(&doc, "claims"), 4);
    assert_eq!(summary(&doc, "passed"), 2);
    assert_eq!(summary(&doc, "failed"), 1);
    assert_eq!(summary(&doc, "unknown"), 1);
    assert_eq!(summary(&doc, "errors"), 0);
}

#[test]
fn json_labels_and_errors() {
    let (code, doc) = json(&["check", "--format", "json", "tests/cli_fixtures/pass.bnd"]);
    assert_eq!(code, 0);
    let claims = doc["files"][0]["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 3);
    assert_eq!(claims[0]["label"], "slow rate");
    assert_eq!(claims[0]["line"], 5);
    assert_eq!(summary(&doc, "passed"), 3);
    assert_eq!(doc["files"][0]["shows"].as_array().map(Vec::len), Some(1));

    let (code, doc) = json(&["check", "--format", "json", "tests/fail/name_misspelt.bnd"]);
    assert_eq!(code, 2);
    let errors = doc["files"][0]["errors"].as_array().expect("errors");
    assert!(!errors.is_empty());
    assert_eq!(errors[0]["line"], 6);
    assert_eq!(errors[0]["column"], 20);
    assert!(errors[0]["message"]
        .as_str()
        .unwrap_or("")
        .contains("dleta"));
    assert!(summary(&doc, "errors") >= 1);
}

#[test]
fn folders_are_checked_in_sorted_order_and_theorems_pass() {
    let (code, doc) = json(&["check", "--format", "json", "theorems"]);
    assert_eq!(code, 0, "theorems/ must pass: {doc}");
    let paths: Vec<String> = doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or("").to_string())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    for expected in [
        "theorems/classic/finite_class.bnd",
        "theorems/classic/pac_bayes.bnd",
        "theorems/classic/rademacher.bnd",
        "theorems/classic/vc.bnd",
        "theorems/lu2023_multimodal.bnd",
        "theorems/lu2024_computational.bnd",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not in {paths:?}"
        );
    }
    assert_eq!(summary(&doc, "failed"), 0);
    assert_eq!(summary(&doc, "unknown"), 0);
    assert_eq!(summary(&doc, "errors"), 0);
    assert_eq!(summary(&doc, "passed"), summary(&doc, "claims"));
}

#[test]
fn output_is_deterministic() {
    for format in ["text", "json"] {
        // A folder (sorted walk, imports, errors of every kind) and a theorem
        // that imports a library; theorems/ as a whole is run once above.
        let args = [
            "check",
            "--format",
            format,
            "tests/fail",
            "theorems/lu2024_computational.bnd",
        ];
        let first = bnd(&args);
        let second = bnd(&args);
        assert_eq!(first, second, "two runs differ ({format})");
    }
}

#[test]
fn output_has_no_absolute_paths() {
    for format in ["text", "json"] {
        let (_, stdout, stderr) = bnd(&[
            "check",
            "--format",
            format,
            "tests/fail",
            "theorems/lu2024_computational.bnd",
            "tests/cli_fixtures/does_not_exist.bnd",
        ]);
        assert!(!stdout.contains(ROOT), "absolute path in stdout ({format})");
        assert!(!stderr.contains(ROOT), "absolute path in stderr ({format})");
    }
}

#[test]
fn every_reason_of_theorems_fits_one_line_without_cuts() {
    let (_, doc) = json(&["check", "--format", "json", "theorems"]);
    let mut n = 0;
    for f in doc["files"].as_array().expect("files") {
        for c in f["claims"].as_array().expect("claims") {
            let r = c["reason"].as_str().expect("reason");
            n += 1;
            assert!(r.chars().count() <= 160, "{} chars: {r}", r.chars().count());
            assert!(!r.contains("..."), "cut: {r}");
            assert!(!r.contains('\n'), "not one line: {r}");
            assert_eq!(r.matches('(').count(), r.matches(')').count(), "{r}");
            // the derivation keeps everything the line leaves out
            let d = c["derivation"].as_array().expect("derivation");
            assert!(!d.is_empty(), "no derivation: {c}");
        }
    }
    assert!(n >= 150, "only {n} claims");
}

#[test]
fn explain_prints_the_derivation_below_each_claim() {
    let file = "theorems/lu2023_multimodal.bnd";
    let (code, plain, _) = bnd(&["check", file]);
    let (code2, explained, _) = bnd(&["check", "--explain", file]);
    assert_eq!(code, code2);
    // the one-line output is the explained output without its indented lines
    let kept: Vec<&str> = explained
        .lines()
        .filter(|l| !l.starts_with("    "))
        .collect();
    assert_eq!(kept, plain.lines().collect::<Vec<_>>());
    assert!(explained.lines().count() > plain.lines().count());
    // a named sub-expression of a one-line reason is defined in the derivation
    let line = plain
        .lines()
        .find(|l| l.contains("lhs <= U for every n >= 33034"))
        .unwrap_or_else(|| panic!("no range-hypothesis line in {plain}"));
    let at = explained.find(line).expect("same claim line");
    let below: Vec<&str> = explained[at + line.len()..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("    "))
        .collect();
    assert!(below.len() >= 3, "{below:?}");
    assert!(
        below
            .iter()
            .any(|l| l.trim_start().starts_with("where U = ")),
        "{below:?}"
    );
    assert!(
        below
            .iter()
            .any(|l| l.contains("G_F2 <= 2 * sqrt(n) for n >= 1")),
        "{below:?}"
    );
    // constants folded in the derivation too
    assert!(below.iter().any(|l| l.contains("log(40)")), "{below:?}");
    assert!(!below.iter().any(|l| l.contains("...")), "{below:?}");
}

#[test]
fn color_always_paints_the_verdicts_and_never_or_a_pipe_does_not() {
    let file = "tests/cli_fixtures/pass.bnd";
    let (_, painted, _) = bnd(&["check", "--color", "always", file]);
    assert!(painted.contains("\x1b[1;32mproved\x1b[0m"), "{painted:?}");
    assert!(painted.contains("\x1b[1;32mok\x1b[0m"), "{painted:?}");
    let (_, never, _) = bnd(&["check", "--color", "never", file]);
    let (_, piped, _) = bnd(&["check", file]);
    for out in [&never, &piped] {
        assert!(!out.contains('\x1b'), "{out:?}");
        assert!(out.contains(": proved: "), "{out:?}");
    }
    // error headings too
    let (_, errs, _) = bnd(&["check", "--color", "always", "tests/fail/name_misspelt.bnd"]);
    assert!(errs.contains("\x1b[1;31merror\x1b[0m:"), "{errs:?}");
    // JSON is never painted
    let (_, json_out, _) = bnd(&["check", "--color", "always", "--format", "json", file]);
    assert!(!json_out.contains('\x1b'));
}

#[test]
fn no_reason_markup_reaches_the_output() {
    // reasons are built with private-use marks that only the report removes
    for args in [
        &["check", "tests/fail"][..],
        &["check", "--format", "json", "tests/fail"][..],
        &["check", "--explain", "tests/fail"][..],
        &["check", "--explain", "theorems"][..],
    ] {
        let (_, out, err) = bnd(args);
        for text in [&out, &err] {
            assert!(
                !text.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)),
                "{args:?}: {text}"
            );
        }
    }
}

/// `bnd check` without `--explain` makes its reasons without the steps
/// only `--explain` and JSON show: every line it prints is the same as the
/// line `--explain` prints for that claim (the derivation's lines, indented,
/// aside), and the JSON of the same run carries the steps.
#[test]
fn one_line_reasons_are_the_same_with_and_without_explain() {
    let (code, plain, _) = bnd(&["check", "theorems/"]);
    let (code_explained, explained, _) = bnd(&["check", "--explain", "theorems/"]);
    assert_eq!(code, code_explained);
    let headlines: Vec<&str> = explained
        .lines()
        .filter(|l| !l.starts_with("    "))
        .collect();
    assert_eq!(plain.lines().collect::<Vec<_>>(), headlines);
    // the steps exist: `--explain` shows an expansion of a side
    assert!(
        explained
            .lines()
            .any(|l| l.trim_start().starts_with("lhs = ")),
        "no expansion step in the derivations"
    );
}
