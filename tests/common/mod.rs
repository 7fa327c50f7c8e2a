//! The one `check(src)` helper the table tests share (rust-analyzer style):
//! a source goes through the library's JSON report, and a table compares
//! the verdicts (or the errors) with what mathematics says. Each test binary
//! uses only some of these, hence the `dead_code` allowance.
#![allow(dead_code)]

use serde_json::Value;

pub const P: &str = "proved";
pub const R: &str = "refuted";
pub const U: &str = "unknown";

/// The JSON report of `src`, checked as a file named `name`.
pub fn report(name: &str, src: &str) -> Value {
    let (json, _code) = bnd::check_source(name, src, bnd::Format::Json);
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("report is not JSON ({e}): {json}"))
}

/// The claims' (verdict, reason) pairs, or `error: ...` with every error
/// message of the file.
pub fn claims(src: &str) -> Result<Vec<(String, String)>, String> {
    let doc = report("table.bnd", src);
    let file = &doc["files"][0];
    if let Some(errors) = file["errors"].as_array() {
        if !errors.is_empty() {
            let msgs: Vec<String> = errors
                .iter()
                .map(|e| e["message"].as_str().unwrap_or("?").to_string())
                .collect();
            return Err(format!("error: {}", msgs.join("; ")));
        }
    }
    let Some(cs) = file["claims"].as_array() else {
        return Err(format!("error: no claims array in {doc}"));
    };
    Ok(cs
        .iter()
        .map(|c| {
            (
                c["verdict"].as_str().unwrap_or("?").to_string(),
                c["reason"].as_str().unwrap_or("?").to_string(),
            )
        })
        .collect())
}

/// The verdicts of the claims of `src` joined by spaces, or the errors.
pub fn check(src: &str) -> String {
    match claims(src) {
        Ok(v) => v.into_iter().map(|(v, _)| v).collect::<Vec<_>>().join(" "),
        Err(e) => e,
    }
}

/// `verdict: reason` of every claim of `src`, joined by ` | `, or the errors.
pub fn check_with_reasons(src: &str) -> String {
    match claims(src) {
        Ok(v) => v
            .into_iter()
            .map(|(v, r)| format!("{v}: {r}"))
            .collect::<Vec<_>>()
            .join(" | "),
        Err(e) => e,
    }
}

/// The reason of the first claim of `src` (empty when there is none).
pub fn reason(src: &str) -> String {
    claims(src)
        .ok()
        .and_then(|v| v.into_iter().next())
        .map(|(_, r)| r)
        .unwrap_or_default()
}

/// Runs the `bnd` binary from the crate root with `args`, as a user would:
/// (exit code, stdout, stderr).
pub fn bnd(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bnd"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the bnd binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
