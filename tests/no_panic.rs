//! Every input that ever crashed, hung or blew memory (found by fuzzing or by
//! hand) lives in `tests/no_panic/` (extension `.input`, so no folder sweep
//! picks it up) and must now be answered: a report ending in the summary line
//! and an exit status of 0, 1 or 2, never a panic. Each report is also
//! snapshotted (`no_panic__<file stem>`, insta prefixes the test file), so a change of answer is reviewed.

use std::path::Path;

fn inputs() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/no_panic");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".input"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn every_input_that_ever_crashed_is_answered() {
    let names = inputs();
    assert!(
        names.len() >= 3,
        "tests/no_panic/ lost its inputs: {names:?}"
    );
    for name in names {
        let rel = format!("tests/no_panic/{name}");
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&rel);
        let bytes = std::fs::read(&path).unwrap_or_default();
        let src = String::from_utf8_lossy(&bytes).into_owned();
        let (report, code) =
            std::panic::catch_unwind(|| bnd::check_source(&rel, &src, bnd::Format::Text))
                .unwrap_or_else(|_| panic!("{rel}: the checker panicked"));
        assert!(code <= 2, "{rel}: exit status {code}");
        assert!(
            report
                .lines()
                .last()
                .is_some_and(|l| l.starts_with("summary:")),
            "{rel}: report does not end in a summary:\n{report}"
        );
        let stem = name.strip_suffix(".input").unwrap_or(&name);
        insta::assert_snapshot!(stem.to_string(), format!("exit {code}\n{report}"));
    }
}
