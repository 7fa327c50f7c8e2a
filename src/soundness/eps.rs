//! The variable tending to 0, differentially: random claims over random
//! expressions of the slice's generator, written once in `n` (tending to
//! +oo) and once in `eps` (`var eps -> 0`) with every `n` replaced by
//! `(1/eps)`, both through the real front end. The two files state the same
//! mathematics, so a claim proved in one and refuted in the other is a bug
//! of the reading of eps (as t = 1/eps) or of its printing; a claim decided
//! in one and `unknown` in the other is counted, not failed (the eps file
//! hands the engines `1/(1/t)` where the other has `t`).

use super::{positive, Rng};

/// Rounds of the fast slice (6 claims each, two files per round); a long
/// run sets `BND_SOUNDNESS_EPS_ROUNDS` (and optionally `BND_SOUNDNESS_SEED`).
const ROUNDS: usize = 24;

/// `text` with every whole-word `n` replaced by `(1/eps)`.
fn in_eps(text: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric() || *c == '_');
    for (i, c) in chars.iter().enumerate() {
        let before = if i == 0 { None } else { chars.get(i - 1) };
        if *c == 'n' && !word(before) && !word(chars.get(i + 1)) {
            out.push_str("(1/eps)");
        } else {
            out.push(*c);
        }
    }
    out
}

/// The verdicts of the claims of `src`, in order.
fn verdicts(src: &str) -> Vec<String> {
    let (json, _) = crate::driver::check_source("eps.bnd", src, crate::report::Format::Json);
    let doc: serde_json::Value = serde_json::from_str(&json).expect("the report is JSON");
    let file = &doc["files"][0];
    let errors = file["errors"].as_array().map_or(0, Vec::len);
    assert_eq!(errors, 0, "{src}\n{json}");
    file["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["verdict"].as_str().unwrap_or("?").to_string())
        .collect()
}

#[test]
fn the_rewriting_replaces_whole_words_only() {
    assert_eq!(
        in_eps("min(n, a)^n + log(n)"),
        "min((1/eps), a)^(1/eps) + log((1/eps))"
    );
}

#[test]
fn claims_in_eps_get_the_verdicts_of_the_same_claims_in_n() {
    const DECLS: &str = "param a in [1/2, 2]\nparam b in (0, 1)\n";
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let rounds = env("BND_SOUNDNESS_EPS_ROUNDS").map_or(ROUNDS, |v| v as usize);
    let mut r = Rng(env("BND_SOUNDNESS_SEED").unwrap_or(0xe95_0001));
    let (mut same, mut one_unknown, mut contradictions) = (0usize, Vec::new(), Vec::new());
    for _ in 0..rounds {
        let a = positive(&mut r, 4, true).to_string();
        let b = positive(&mut r, 4, true).to_string();
        let claims = [
            format!("check {a} = O({b})"),
            format!("check {a} = o({b})"),
            format!("check {a} ~ {b}"),
            format!("check {a} <= {b} eventually"),
            format!("check lim {a} = oo"),
            format!("check lim {a} = 0"),
        ];
        let body = claims.join("\n");
        let in_n = verdicts(&format!("var n\n{DECLS}{body}\n"));
        let in_e = verdicts(&format!("var eps -> 0\n{DECLS}{}\n", in_eps(&body)));
        assert_eq!(in_n.len(), claims.len());
        assert_eq!(in_e.len(), claims.len());
        for ((c, x), y) in claims.iter().zip(&in_n).zip(&in_e) {
            if x == y {
                same += 1;
            } else if x == "unknown" || y == "unknown" {
                one_unknown.push(format!("{c}: in n {x}, in eps {y}"));
            } else {
                contradictions.push(format!("{c}: in n {x}, in eps {y}"));
            }
        }
    }
    eprintln!(
        "eps: {} claims, {same} with the same verdict, {} unknown on one side only",
        rounds * 6,
        one_unknown.len()
    );
    for u in &one_unknown {
        eprintln!("  {u}");
    }
    assert!(contradictions.is_empty(), "{contradictions:#?}");
    assert!(same >= rounds * 6 / 2, "{same} of {}", rounds * 6);
}
