//! The run of `bnd check`: finds the `*.bnd` files below the given folders
//! (sorted by name at each level, joined with `/`), loads each file (parse,
//! lower and validate) on the worker pool, decides its claims and evaluates its shows
//! (`check::check_program`), and collects the results into a
//! `check::Run` (counted into the summary and the exit status); `report`
//! renders it as text or JSON, and nothing here formats output.

use crate::check::{check_program, FileResult, Run};
use crate::pool::in_order;
use crate::report::{render, Format, Style};
use crate::validate::{load_file, load_source, Loaded};

/// Checks the given files and folders (every `*.bnd` below a folder, sorted)
/// and returns (report, exit status 0/1/2).
pub fn check_paths(paths: &[String], format: Format) -> (String, u8) {
    check_paths_styled(paths, format, Style::default())
}

/// [`check_paths`] with the given look of the text report.
pub fn check_paths_styled(paths: &[String], format: Format, style: Style) -> (String, u8) {
    let run = run_paths(paths);
    (render(&run, format, style), run.exit_code())
}

/// Checks one in-memory source named `name` (imports resolved on disk
/// relative to `name`) and returns (report, exit status 0/1/2).
pub fn check_source(name: &str, src: &str, format: Format) -> (String, u8) {
    let run = Run::new(vec![check_loaded(name.to_string(), load_source(name, src))]);
    (render(&run, format, Style::default()), run.exit_code())
}

/// Loads and checks every file named by `paths` (a folder stands for every
/// `*.bnd` below it).
pub(crate) fn run_paths(paths: &[String]) -> Run {
    let mut files = Vec::new();
    for p in paths {
        if std::path::Path::new(p).is_dir() {
            collect_bnd(p.trim_end_matches('/'), &mut files, 0);
        } else {
            files.push(p.clone());
        }
    }
    // Files are independent: loaded and checked on the worker pool, their
    // results in the order found.
    Run::new(in_order(&files, |f| check_loaded(f.clone(), load_file(f))))
}

/// Every `*.bnd` file below `dir`, sorted by name at each level.
fn collect_bnd(dir: &str, out: &mut Vec<String>, depth: usize) {
    if depth > 64 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut names: Vec<(String, bool)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let is_dir = e.file_type().ok()?.is_dir();
            Some((name, is_dir))
        })
        .collect();
    names.sort();
    for (name, is_dir) in names {
        let full = if dir.is_empty() {
            name.clone()
        } else {
            format!("{dir}/{name}")
        };
        if is_dir {
            collect_bnd(&full, out, depth + 1);
        } else if name.ends_with(".bnd") {
            out.push(full);
        }
    }
}

fn check_loaded(path: String, loaded: Loaded) -> FileResult {
    let results = match &loaded.program {
        // The decision procedures recurse over expressions up to the depth
        // the parser admits; give them the same large stack as lowering.
        Some(p) => check_program(p),
        None => vec![],
    };
    FileResult {
        path,
        loaded,
        results,
    }
}
