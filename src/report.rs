//! Verdicts and diagnostics -> deterministic text and JSON. Nothing here
//! decides anything; file names are printed exactly as given.

/// Output format of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// One line per claim and show, then a summary line.
    #[default]
    Text,
    /// The JSON document of the spec.
    Json,
}

/// Checks the given files and folders (every `*.bnd` below a folder, sorted)
/// and returns (report, exit status 0/1/2).
pub fn check_paths(paths: &[String], format: Format) -> (String, u8) {
    let _ = (paths, format);
    (String::new(), 0)
}

/// Checks one in-memory source named `name` (imports resolved on disk
/// relative to `name`) and returns (report, exit status 0/1/2).
pub fn check_source(name: &str, src: &str, format: Format) -> (String, u8) {
    let _ = (name, src, format);
    (String::new(), 0)
}
