//! `bnd plot FILE --out DIR` end to end, and what `bnd check` does with
//! `plot` statements: one well-formed SVG per statement, named
//! `<file-stem>-<line>.svg`, with every curve's text in the legend and the
//! certified crossover labelled with its integer; the same bytes on a second
//! run; errors located and nothing written; no output line for a plot from
//! `bnd check`. The binary runs from the crate root with relative input
//! paths, as a user would; SVGs go to a fresh folder under Cargo's
//! temporary directory for tests.

mod common;
use common::bnd;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// An empty folder `name` under Cargo's temporary directory for tests.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|it| {
            it.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A small well-formedness check of an XML document: every tag is closed
/// in order, attributes are quoted, text holds no bare `<` and `&` only
/// starts an entity, and there is one root element. Returns why not.
fn well_formed(doc: &str) -> Result<(), String> {
    let mut open: Vec<String> = Vec::new();
    let mut roots = 0usize;
    let mut rest = doc;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt])?;
        if open.is_empty() && !rest[..lt].trim().is_empty() {
            return Err(format!("text outside the root: {:?}", &rest[..lt]));
        }
        let after = &rest[lt + 1..];
        if let Some(body) = after.strip_prefix("!--") {
            let end = body.find("-->").ok_or("unclosed comment")?;
            rest = &body[end + 3..];
            continue;
        }
        if let Some(body) = after.strip_prefix('?') {
            let end = body.find("?>").ok_or("unclosed declaration")?;
            rest = &body[end + 2..];
            continue;
        }
        let gt = tag_end(after).ok_or("unclosed tag")?;
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(top) if top == name.trim() => {}
                top => return Err(format!("</{name}> closes {top:?}")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || "-_:".contains(c))
        {
            return Err(format!("bad tag name in <{tag}>"));
        }
        check_attributes(&tag[name.len()..])?;
        if open.is_empty() {
            roots += 1;
        }
        if !self_closing {
            open.push(name);
        }
    }
    check_text(rest)?;
    if !rest.trim().is_empty() {
        return Err("text after the root".into());
    }
    if !open.is_empty() {
        return Err(format!("unclosed elements: {open:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

/// The index of the `>` ending a tag (skipping quoted attribute values).
fn tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// `name="value"` pairs separated by white space.
fn check_attributes(mut s: &str) -> Result<(), String> {
    loop {
        s = s.trim_start();
        if s.is_empty() {
            return Ok(());
        }
        let eq = s
            .find('=')
            .ok_or_else(|| format!("attribute without value: {s}"))?;
        let name = s[..eq].trim();
        if name.is_empty() || name.chars().any(char::is_whitespace) {
            return Err(format!("bad attribute name {name:?}"));
        }
        let value = s[eq + 1..].trim_start();
        let q = value.chars().next().ok_or("attribute without value")?;
        if q != '"' && q != '\'' {
            return Err(format!("unquoted attribute {name}"));
        }
        let end = value[1..].find(q).ok_or("unclosed attribute value")?;
        check_text(&value[1..1 + end])?;
        s = &value[end + 2..];
    }
}

/// Character data: no `<`, and `&` only as an entity.
fn check_text(s: &str) -> Result<(), String> {
    if s.contains('<') {
        return Err(format!("`<` in text: {s:?}"));
    }
    for (i, _) in s.match_indices('&') {
        let entity = &s[i..];
        let end = entity.find(';').ok_or("`&` without `;`")?;
        let name = &entity[1..end];
        let known = ["lt", "gt", "amp", "quot", "apos"].contains(&name)
            || (name.starts_with('#') && name.len() > 1);
        if !known {
            return Err(format!("unknown entity &{name};"));
        }
    }
    Ok(())
}

/// The text content of every `<text>` element, trimmed.
fn texts(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text") {
        let after = &rest[i..];
        let Some(gt) = after.find('>') else { break };
        let Some(end) = after.find("</text>") else {
            break;
        };
        out.push(after[gt + 1..end].trim().to_string());
        rest = &after[end..];
    }
    out
}

#[test]
fn the_checker_of_well_formedness_rejects_broken_documents() {
    assert!(well_formed("<svg a=\"1\"><text>x &amp; y</text><line/></svg>").is_ok());
    assert!(well_formed("<svg><text>x</svg>").is_err());
    assert!(well_formed("<svg><text>x & y</text></svg>").is_err());
    assert!(well_formed("<svg a=1></svg>").is_err());
    assert!(well_formed("<svg></svg><svg></svg>").is_err());
    assert!(well_formed("<svg>").is_err());
}

#[test]
fn plot_writes_one_svg_per_statement_with_legend_and_crossover() {
    let dir = fresh_dir("plot_crossing");
    let out = dir.to_string_lossy().into_owned();
    let (code, stdout, stderr) = bnd(&["plot", "tests/cli_fixtures/crossing.bnd", "--out", &out]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(listing(&dir), ["crossing-11.svg", "crossing-12.svg"]);
    assert!(
        stdout.contains("tests/cli_fixtures/crossing.bnd:11: wrote ")
            && stdout.contains("(2 curves, 1 crossover: n = 2122265)"),
        "{stdout}"
    );

    // log–log: sqrt(n) = 100*log(n) at n ~ 2122264.57, certified from 2122265
    let svg = std::fs::read_to_string(dir.join("crossing-11.svg")).expect("the SVG is written");
    well_formed(&svg).unwrap_or_else(|e| panic!("not well-formed ({e})"));
    assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
    let labels = texts(&svg);
    for want in ["slow", "sqrt(n)", "n = 2122265"] {
        assert!(
            labels.iter().any(|t| t == want),
            "no text {want:?} in {labels:?}"
        );
    }
    assert!(
        !labels.iter().any(|t| t.contains("2122264")),
        "an uncertified neighbour is labelled: {labels:?}"
    );
    // one curve per expression: a polyline in each of two colours
    assert!(svg.matches("<polyline").count() >= 2, "no curves");
    assert!(svg.contains("stroke=\"#1F77B4\"") && svg.contains("stroke=\"#D62728\""));

    // linear axes, `where c = 2`: 2*n = n^2 at n = 2
    let svg = std::fs::read_to_string(dir.join("crossing-12.svg")).expect("the SVG is written");
    well_formed(&svg).unwrap_or_else(|e| panic!("not well-formed ({e})"));
    let labels = texts(&svg);
    for want in ["c*n", "n^2", "n = 2"] {
        assert!(
            labels.iter().any(|t| t == want),
            "no text {want:?} in {labels:?}"
        );
    }
    assert!(
        labels.iter().any(|t| t.contains("where c = 2")),
        "{labels:?}"
    );
}

#[test]
fn plot_output_is_deterministic() {
    let (a, b) = (fresh_dir("plot_det_a"), fresh_dir("plot_det_b"));
    for d in [&a, &b] {
        let out = d.to_string_lossy().into_owned();
        let (code, _, stderr) = bnd(&["plot", "tests/cli_fixtures/crossing.bnd", "--out", &out]);
        assert_eq!(code, 0, "{stderr}");
    }
    for name in listing(&a) {
        let x = std::fs::read(a.join(&name)).expect("written");
        let y = std::fs::read(b.join(&name)).expect("written");
        assert!(x == y, "{name} differs between two runs");
    }
    assert_eq!(listing(&a), listing(&b));
}

#[test]
fn plot_errors_are_located_and_nothing_is_written() {
    let dir = fresh_dir("plot_errors");
    let out = dir.to_string_lossy().into_owned();
    let (code, stdout, stderr) = bnd(&["plot", "tests/fail/plot_errors.bnd", "--out", &out]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("--> tests/fail/plot_errors.bnd:10:15"),
        "{stderr}"
    );
    assert!(stderr.contains("`log` of -n"), "{stderr}");
    assert!(!dir.exists(), "a file with errors writes nothing");

    let (code, _, stderr) = bnd(&[
        "plot",
        "tests/cli_fixtures/does_not_exist.bnd",
        "--out",
        &out,
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read file"), "{stderr}");
    assert!(!stderr.contains(ROOT), "absolute path in {stderr}");

    let (code, _, _) = bnd(&["plot", "tests/cli_fixtures/crossing.bnd"]);
    assert_eq!(code, 2, "--out is required");
}

#[test]
fn check_prints_no_line_for_a_plot_and_reports_its_errors() {
    let (code, stdout, stderr) = bnd(&["check", "tests/cli_fixtures/crossing.bnd"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "one claim and the summary: {stdout}");
    assert!(lines[0].starts_with("tests/cli_fixtures/crossing.bnd:10:1: ok: check "));
    assert!(lines[1].starts_with("summary: 1 claims"), "{stdout}");

    let (code, stdout, _) = bnd(&["check", "tests/fail/plot_errors.bnd"]);
    assert_eq!(code, 2, "{stdout}");
    for at in [
        "tests/fail/plot_errors.bnd:9:5", // `plot` as a name
        "tests/fail/plot_errors.bnd:10:15",
        "tests/fail/plot_errors.bnd:11:15",
        "tests/fail/plot_errors.bnd:11:23",
        "tests/fail/plot_errors.bnd:12:24",
        "tests/fail/plot_errors.bnd:13:23",
        "tests/fail/plot_errors.bnd:14:30",
    ] {
        assert!(
            stdout.contains(&format!("--> {at}\n")),
            "no error at {at}: {stdout}"
        );
    }
    assert!(stdout.contains("`plot` is a reserved word and cannot be a name"));
    // the claim still gets its line; no plot does
    assert!(stdout.contains("tests/fail/plot_errors.bnd:15:1: ok: check n = O(n^2)"));
    assert!(!stdout.contains(": plot "), "{stdout}");
}

#[test]
fn plot_against_a_variable_tending_to_zero() {
    let dir = fresh_dir("plot_eps");
    let out = dir.to_string_lossy().into_owned();
    let (code, stdout, stderr) =
        bnd(&["plot", "tests/cli_fixtures/eps_crossing.bnd", "--out", &out]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(listing(&dir), ["eps_crossing-7.svg"]);
    // 100*eps = sqrt(eps) at eps = 1/10000 exactly
    assert!(
        stdout.contains("(2 curves, 1 crossover: eps = 1/10000)"),
        "{stdout}"
    );
    let svg = std::fs::read_to_string(dir.join("eps_crossing-7.svg")).expect("the SVG is written");
    well_formed(&svg).unwrap_or_else(|e| panic!("not well-formed ({e})"));
    let labels = texts(&svg);
    for want in ["100*eps", "sqrt(eps)", "eps = 1/10000", "eps"] {
        assert!(
            labels.iter().any(|t| t == want),
            "no text {want:?} in {labels:?}"
        );
    }
    assert!(
        labels.iter().any(|t| t.contains("for eps in [1e-6, 1]")),
        "{labels:?}"
    );
    assert!(svg.matches("<polyline").count() >= 2, "no curves");
}

#[test]
fn plot_draws_an_optimum_from_its_closed_form() {
    let dir = fresh_dir("plot_optimum");
    let out = dir.to_string_lossy().into_owned();
    let (code, stdout, stderr) = bnd(&[
        "plot",
        "tests/cli_fixtures/optimum_crossing.bnd",
        "--out",
        &out,
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(!stderr.contains("not drawn"), "{stderr}");
    // sqrt(1/(2n)) = 1/10 at n = 50 exactly
    assert!(
        stdout.contains("(2 curves, 1 crossover: n = 50)"),
        "{stdout}"
    );
    let svg =
        std::fs::read_to_string(dir.join("optimum_crossing-4.svg")).expect("the SVG is written");
    well_formed(&svg).unwrap_or_else(|e| panic!("not well-formed ({e})"));
    assert!(svg.matches("<polyline").count() >= 2, "no curves");
}
