//! Differential tests of the fast path (`fast.rs`) against pest: on every
//! statement of every example file of the repository (`.bnd` files and the
//! `bnd` blocks of the Markdown documents) and on mutated copies of them,
//! whatever the fast path accepts must be exactly what pest builds, spans
//! included; and on the examples it must accept every statement pest
//! accepts unless the statement is one it leaves to pest by design.

use super::*;
use std::path::{Path, PathBuf};

/// The character-by-character scan `nesting_problem` must agree with:
/// measures how deeply the chunk nests (brackets plus chains of prefix minus
/// and `^`) and reports the first place where it exceeds `MAX_DEPTH`.
fn nesting_problem_reference(text: &str, base: usize) -> Option<SyntaxError> {
    // chain[i]: number of `^` / prefix `-` since the last loose operator at
    // bracket level i.
    let mut chain: Vec<usize> = vec![0];
    let mut total: usize = 0;
    let mut prev_significant: Option<char> = None;
    let mut in_comment = false;
    let mut in_string = false;
    for (i, c) in text.char_indices() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
            }
            continue;
        }
        if in_string {
            if c == '"' || c == '\n' {
                in_string = false;
            }
            continue;
        }
        match c {
            '#' => {
                in_comment = true;
                continue;
            }
            '"' => in_string = true,
            '(' | '[' => {
                chain.push(0);
                total += 1;
            }
            ')' | ']' if chain.len() > 1 => {
                let last = chain.pop().unwrap_or(0);
                total = total.saturating_sub(last + 1);
            }
            '^' => {
                if let Some(top) = chain.last_mut() {
                    *top += 1;
                }
                total += 1;
            }
            '-' => {
                let prefix = !matches!(prev_significant, Some(p) if is_ident_char(p) || p == ')' || p == ']');
                if let Some(top) = chain.last_mut() {
                    if prefix {
                        *top += 1;
                        total += 1;
                    } else {
                        total -= *top;
                        *top = 0;
                    }
                }
            }
            '+' | '*' | '/' | '·' | ',' | '=' | '<' | '>' | '~' | '≤' | '≥' | '≠' => {
                if let Some(top) = chain.last_mut() {
                    total -= *top;
                    *top = 0;
                }
            }
            _ => {}
        }
        if !c.is_whitespace() {
            prev_significant = Some(c);
        }
        if total > MAX_DEPTH {
            let at = base + i;
            return Some(SyntaxError::new(
                at..at + c.len_utf8(),
                format!("expression nested too deeply (more than {MAX_DEPTH} levels)"),
            ));
        }
    }
    None
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "bnd" || x == "md") {
            out.push(p);
        }
    }
}

/// The `.bnd` texts of the repository: whole files, and each `bnd` block of
/// the Markdown files.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in ["theorems", "tests", "docs", "fuzz/seeds"] {
        collect(&root.join(d), &mut files);
    }
    files.push(root.join("README.md"));
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        let name = f.display().to_string();
        if f.extension().is_some_and(|x| x == "md") {
            let mut block: Option<String> = None;
            for line in text.lines() {
                match &mut block {
                    None if line.trim_start().starts_with("```bnd") => block = Some(String::new()),
                    Some(b) if line.trim_start().starts_with("```") => {
                        out.push((name.clone(), std::mem::take(b)));
                        block = None;
                    }
                    Some(b) => {
                        b.push_str(line);
                        b.push('\n');
                    }
                    None => {}
                }
            }
        } else {
            out.push((name, text));
        }
    }
    out
}

/// The chunks of `text` with their offsets.
fn chunks(text: &str) -> Vec<(String, usize)> {
    split_statements(text)
        .into_iter()
        .map(|r| (text[r.clone()].to_string(), r.start))
        .collect()
}

/// Does the fast path agree with pest on `piece`? Returns whether it
/// accepted the piece.
fn agree(piece: &str, base: usize, origin: &str) -> bool {
    if nesting_problem(piece, base).is_some() {
        return false;
    }
    let Some(fast) = fast::parse_chunk(piece, base) else {
        return false;
    };
    let pest = parse_chunk_pest(piece, base);
    assert_eq!(
        pest.as_ref(),
        Ok(&fast),
        "fast path and pest differ on {piece:?} (from {origin})"
    );
    true
}

/// A statement the fast path leaves to pest by design: a non-ASCII
/// character outside comments and strings, or `inf`, `sup`, `least`.
fn left_to_pest(piece: &str) -> bool {
    let code: String = piece
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let words = code.split(|c: char| !(c.is_alphanumeric() || c == '_'));
    !code.is_ascii()
        || words
            .into_iter()
            .any(|w| matches!(w, "inf" | "sup" | "least"))
}

#[test]
fn fast_path_builds_what_pest_builds_on_every_example() {
    let mut accepted = 0usize;
    let mut total = 0usize;
    for (origin, text) in sources() {
        for (piece, base) in chunks(&text) {
            total += 1;
            if agree(&piece, base, &origin) {
                accepted += 1;
            } else if nesting_problem(&piece, base).is_none()
                && parse_chunk_pest(&piece, base).is_ok()
            {
                assert!(
                    left_to_pest(&piece),
                    "the fast path rejects {piece:?} (from {origin}), which pest accepts"
                );
            }
        }
    }
    assert!(total > 1000, "only {total} statements found");
    assert!(accepted * 10 > total * 8, "{accepted} of {total} accepted");
}

/// Deterministic pseudo-random numbers (a linear congruential generator).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

const INSERTS: &[&str] = &[
    " ",
    "\n",
    "\t",
    "-",
    "+",
    "*",
    "/",
    "^",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "=",
    "==",
    "<",
    ">",
    "<=",
    ">=",
    "!=",
    "~",
    "->",
    "#",
    "\"",
    ".",
    "e",
    "E",
    "1",
    "0.5",
    "2e3",
    "1e",
    "x",
    "oo",
    "-oo",
    "+oo",
    "pi",
    "in ",
    " at ",
    " for ",
    " where ",
    "lim ",
    "O(",
    "o(",
    "Theta",
    "omega",
    "eventually",
    " as ",
    "linear",
    "when ",
    "crossover ",
    "f(",
    "a.b",
    "_",
    "inf ",
    "π",
    "≤",
];

/// A mutation of `s`: a byte range deleted, a token inserted, or a piece
/// duplicated, at character boundaries.
fn mutate(s: &str, rng: &mut Lcg) -> String {
    let bounds: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let a = bounds[rng.next(bounds.len())];
    let b = bounds[rng.next(bounds.len())];
    let (a, b) = (a.min(b), a.max(b));
    match rng.next(4) {
        0 => {
            let end = bounds.iter().copied().find(|&e| e > a).unwrap_or(a);
            format!("{}{}", &s[..a], &s[end..])
        }
        1 => format!("{}{}", &s[..a], &s[b..]),
        2 => format!("{}{}{}", &s[..a], INSERTS[rng.next(INSERTS.len())], &s[a..]),
        _ => format!("{}{}{}", &s[..b], &s[a..b], &s[b..]),
    }
}

#[test]
fn fast_path_builds_what_pest_builds_on_mutated_examples() {
    let mut rng = Lcg(0x5eed);
    let mut pieces: Vec<(String, String)> = Vec::new();
    for (origin, text) in sources() {
        for (piece, _) in chunks(&text) {
            if piece.len() < 400 {
                pieces.push((origin.clone(), piece));
            }
        }
    }
    let mut accepted = 0usize;
    let mut tried = 0usize;
    for (origin, piece) in &pieces {
        for _ in 0..20 {
            let mut m = mutate(piece, &mut rng);
            if rng.next(3) == 0 {
                m = mutate(&m, &mut rng);
            }
            tried += 1;
            if agree(&m, 7, origin) {
                accepted += 1;
            }
        }
    }
    // Many mutations stay valid statements: the comparison is not vacuous.
    assert!(accepted > tried / 10, "{accepted} of {tried} accepted");
}

#[test]
fn fast_path_expressions_match_pest() {
    let cases = [
        "-n^2",
        "n^-1/2",
        "2^3^2",
        "a - -b + c*d/e^f^-g",
        "--x",
        "- - x ^ 2 * 3",
        "f (x, y)",
        "vc.bound(n) # a comment\n + 1",
        "1.5e-3 * n",
        "1e",
        "2 n",
        "pi * pi2",
        "sqrt(log(2*H/delta) / (2*n))",
        "f()",
        "(((n)))",
        "max(a,b,)",
        "x -> 0",
        "inf x > 0: x",
    ];
    for c in cases {
        if let Some(e) = fast::parse_expression(c) {
            assert_eq!(parse_expression_pest(c), Ok(e), "on {c:?}");
        }
    }
    // The common forms take the fast path.
    for c in ["-n^2", "f (x, y)", "1.5e-3 * n", "(((n)))", "f()"] {
        assert!(fast::parse_expression(c).is_some(), "{c:?} left to pest");
    }
    // What pest rejects the fast path does not accept.
    for c in ["1e", "2 n", "max(a,b,)", "x -> 0"] {
        assert!(fast::parse_expression(c).is_none(), "{c:?} accepted");
    }
}

#[test]
fn nesting_scan_matches_the_character_scan() {
    let mut rng = Lcg(0xdeed);
    let mut texts: Vec<String> = Vec::new();
    for (_, text) in sources() {
        for (piece, _) in chunks(&text) {
            texts.push(piece);
        }
    }
    for k in [199, 200, 201] {
        texts.push(format!("let a = {}n{}", "(".repeat(k), ")".repeat(k)));
        texts.push(format!("let a = {}n", "-".repeat(k)));
        texts.push(format!("let a = {}n", "2^".repeat(k)));
        texts.push(format!("let a = \"{}\" {}", "(".repeat(k), "(".repeat(k)));
        texts.push(format!("let a = # {}\n{}", "(".repeat(k), "[".repeat(k)));
        texts.push(format!(
            "let a = {}·≤ π{}",
            "-(".repeat(k / 2),
            "^-".repeat(k / 2)
        ));
    }
    let mut mutated = Vec::new();
    for t in texts.iter().filter(|t| t.len() < 2000) {
        for _ in 0..4 {
            mutated.push(mutate(t, &mut rng));
        }
    }
    texts.extend(mutated);
    let mut errors = 0;
    for t in &texts {
        let want = nesting_problem_reference(t, 11);
        errors += usize::from(want.is_some());
        assert_eq!(nesting_problem(t, 11), want, "on {t:?}");
    }
    assert!(errors >= 9, "only {errors} nesting errors met");
}

/// Statements picked for the places a hand-written parser goes wrong:
/// identifiers that begin with a keyword, operators back to back, powers
/// and minus signs, comments and line breaks between tokens, every claim
/// form, labels, `where` lists; each must give pest's AST when accepted.
#[test]
fn fast_path_agrees_on_hand_picked_edge_cases() {
    let cases = [
        "let variance = 1",
        "let where_ = n",
        "param forever > 0",
        "param at_most in [0, 1]",
        "let f(x) = x^-1",
        "let g = -n^2",
        "let h = 2^3^2",
        "let k = a - -b",
        "let m = -(-n)",
        "let p = n*-1",
        "let q = n / 2 / 3",
        "let r = (n)^(1/2)*log(n)^2",
        "let s = 1.5e3",
        "let t = 007",
        "let u = max(n, 1, 2)",
        "let v = n # comment\n  + 1",
        "check n <= n^2 eventually",
        "check n<=n^2 for n>=1",
        "check n = O(n^2) where a = 1, b = 2",
        "check \"label\": n ~ n + 1",
        "check\"x\":lim 1/n = 0",
        "check lim n = oo",
        "check lim -n = -oo",
        "check n == n",
        "check n != n + 1",
        "check n < 2 at n = 1",
        "refute n = o(n)",
        "show crossover n <= n^2",
        "show n^2 at n = 3",
        "show when n^a = O(n)",
        "plot n, n^2 for n in [1, 10]",
        "var eps -> 0",
        "fn G, H",
        "assume G = O(n)",
        "import \"a.bnd\" as a",
        "let e2 = exp(1)*pi",
        "check n =O(n)",
        "check n = Omega (n)",
        "let notnumber = 1.",
        "let x = 1e",
        "let y = n^",
    ];
    let rejected: Vec<&str> = cases
        .into_iter()
        .filter(|piece| !agree(piece, 7, "hand-picked"))
        .collect();
    // the fast path follows every valid one; the three syntax errors are
    // pest's to word
    let errors = ["let notnumber = 1.", "let x = 1e", "let y = n^"];
    assert_eq!(rejected, errors);
    for piece in errors {
        assert!(parse_chunk_pest(piece, 7).is_err(), "{piece}");
    }
}
