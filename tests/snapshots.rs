//! Snapshot tests of every report: one insta snapshot per `theorems/**/*.bnd`,
//! per `tests/fail/*.bnd` and per `tests/corpus/*.bnd`, taken from `bnd::check_paths` on the path
//! relative to the crate root (so reports never contain absolute paths), as
//! `exit {code}\n{report}`. Snapshot names are built from the relative path
//! (`theorems__classic__vc`, `fail__name_misspelt`), so they are explicit and
//! the same on every machine. All files are checked before failing, and the
//! failing names are listed together.
//!
//! The theorems must also self-check: exit 0, every claim passed, no unknown,
//! no error (asserted through the JSON report, whose counts are a contract).

use std::path::Path;

/// The crate root: every path given to `bnd` is relative to it.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.bnd` below `dir` (relative to the crate root), recursively when
/// `recursive`, as sorted relative paths joined with `/`.
fn bnd_files(dir: &str, recursive: bool) -> Vec<String> {
    fn walk(rel: &str, recursive: bool, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(root().join(rel)) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{rel}/{name}");
            let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if is_dir {
                if recursive {
                    walk(&path, recursive, out);
                }
            } else if name.ends_with(".bnd") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, recursive, &mut out);
    out.sort();
    out
}

/// `theorems/classic/vc.bnd` -> `theorems__classic__vc`,
/// `tests/fail/name_misspelt.bnd` -> `fail__name_misspelt`.
fn snapshot_name(rel: &str) -> String {
    let stem = rel.strip_suffix(".bnd").unwrap_or(rel);
    let stem = stem.strip_prefix("tests/").unwrap_or(stem);
    stem.replace('/', "__")
}

/// Runs `bnd` on one relative path and renders `exit {code}\n{report}`.
fn report(rel: &str) -> String {
    let (text, code) = bnd::check_paths(&[rel.to_string()], bnd::Format::Text);
    format!("exit {code}\n{text}")
}

/// Snapshots every file, collecting failures so that one run shows them all.
fn snapshot_all(files: &[String]) {
    assert!(!files.is_empty(), "no .bnd files found");
    let mut failed = Vec::new();
    for rel in files {
        let name = snapshot_name(rel);
        let value = report(rel);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            insta::with_settings!({
                snapshot_path => "snapshots",
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => rel.as_str(),
            }, {
                insta::assert_snapshot!(name.as_str(), value);
            });
        }));
        if outcome.is_err() {
            failed.push(rel.clone());
        }
    }
    assert!(failed.is_empty(), "snapshots differ for: {failed:?}");
}

#[test]
fn snapshot_theorems() {
    snapshot_all(&bnd_files("theorems", true));
}

#[test]
fn snapshot_fail_cases() {
    snapshot_all(&bnd_files("tests/fail", false));
}

/// The public asymptotics corpus (claims from SymPy's limit and Gruntz
/// test-suites), one snapshot per file: `corpus__005_sympy_...`.
#[test]
fn snapshot_corpus() {
    snapshot_all(&bnd_files("tests/corpus", false));
}

/// Every corpus claim is decided as its file says or is unknown, never
/// decided wrongly; at most 6 of them (3%) are unknown.
#[test]
fn corpus_decided_as_written() {
    let files = bnd_files("tests/corpus", false);
    assert!(files.len() >= 203, "only {} corpus files", files.len());
    let (json, _) = bnd::check_paths(&files, bnd::Format::Json);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("report is JSON");
    let summary = &doc["summary"];
    assert_eq!(summary["failed"].as_u64(), Some(0), "{summary}");
    assert_eq!(summary["errors"].as_u64(), Some(0), "{summary}");
    let unknown = summary["unknown"].as_u64().unwrap_or(u64::MAX);
    assert!(unknown <= 6, "{unknown} corpus claims unknown: {summary}");
}

#[test]
fn snapshot_names_are_unique_and_relative() {
    let mut files = bnd_files("theorems", true);
    files.extend(bnd_files("tests/fail", false));
    files.extend(bnd_files("tests/corpus", false));
    let mut names: Vec<String> = files.iter().map(|f| snapshot_name(f)).collect();
    let total = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), total, "two files map to one snapshot name");
    for f in &files {
        assert!(!Path::new(f).is_absolute(), "{f} is absolute");
    }
    assert_eq!(
        snapshot_name("theorems/classic/vc.bnd"),
        "theorems__classic__vc"
    );
    assert_eq!(
        snapshot_name("tests/fail/name_misspelt.bnd"),
        "fail__name_misspelt"
    );
}

#[test]
fn the_expected_files_exist() {
    let theorems = bnd_files("theorems", true);
    for f in [
        "theorems/lu2023_multimodal.bnd",
        "theorems/lu2024_computational.bnd",
        "theorems/classic/finite_class.bnd",
        "theorems/classic/vc.bnd",
        "theorems/classic/rademacher.bnd",
        "theorems/classic/pac_bayes.bnd",
    ] {
        assert!(theorems.iter().any(|t| t == f), "missing {f}");
    }
    assert!(bnd_files("tests/fail", false).len() >= 25);
}

/// Every theorem file passes: exit 0, every claim passed, nothing unknown,
/// no errors, and at least one claim.
#[test]
fn theorems_self_check() {
    let mut problems = Vec::new();
    for rel in bnd_files("theorems", true) {
        let (json, code) = bnd::check_paths(std::slice::from_ref(&rel), bnd::Format::Json);
        let doc: serde_json::Value = match serde_json::from_str(&json) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("{rel}: report is not JSON ({e})"));
                continue;
            }
        };
        if code != 0 {
            problems.push(format!("{rel}: exit {code}"));
        }
        let summary = &doc["summary"];
        let count = |k: &str| summary[k].as_u64();
        let claims = count("claims").unwrap_or(0);
        if claims == 0 {
            problems.push(format!("{rel}: no claims"));
        }
        if count("passed") != Some(claims) {
            problems.push(format!("{rel}: passed != claims in {summary}"));
        }
        for k in ["failed", "unknown", "errors"] {
            if count(k) != Some(0) {
                problems.push(format!("{rel}: {k} = {:?}", summary[k]));
            }
        }
        let files = doc["files"].as_array().cloned().unwrap_or_default();
        for file in &files {
            for claim in file["claims"].as_array().cloned().unwrap_or_default() {
                if claim["passed"] != serde_json::Value::Bool(true) {
                    problems.push(format!(
                        "{rel}:{}:{} `{}` {} ({})",
                        claim["line"],
                        claim["column"],
                        claim["claim"].as_str().unwrap_or("?"),
                        claim["verdict"].as_str().unwrap_or("?"),
                        claim["reason"].as_str().unwrap_or("?"),
                    ));
                }
            }
            if file["errors"].as_array().map(Vec::len) != Some(0) {
                problems.push(format!("{rel}: errors {}", file["errors"]));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "theorems do not self-check:\n{}",
        problems.join("\n")
    );
}
