//! Syntax errors in words: a human name for every grammar rule and the
//! keywords it stands for, and the conversion of pest's errors into located
//! messages ("expected an expression, found `)`") with suggestions (a
//! misspelt keyword, `2n` for `2*n`, the closest name).

use super::*;
use pest::error::{ErrorVariant, InputLocation};

/// A human name for every grammar rule, used in "expected ..." messages.
pub fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "the end of the statement",
        Rule::WHITESPACE => "white space",
        Rule::COMMENT => "a comment",
        Rule::file => "a file",
        Rule::statement => "a statement",
        Rule::primary => "an expression",
        Rule::ident_start => "a letter or `_`",
        Rule::ident_char => "a letter, digit or `_`",
        Rule::chunk => "a statement",
        Rule::expression_only => "an expression",
        Rule::var_decl => "a `var` declaration",
        Rule::var_target => "`-> 0` (a variable tending to 0)",
        Rule::param_decl => "a `param` declaration",
        Rule::fn_decl => "a `fn` declaration",
        Rule::let_def => "a `let` definition",
        Rule::formals => "a list of argument names",
        Rule::assume_stmt => "an `assume` statement",
        Rule::import_stmt => "an `import` statement",
        Rule::constraint => "a constraint (`> 0`, `in (0, 1)`, ...)",
        Rule::bound => "a bound (`> 0`, `<= 1`, ...)",
        Rule::interval => "an interval (`in (0, 1)`, `in [0, oo)`, ...)",
        Rule::lo_open => "`(`",
        Rule::lo_closed => "`[`",
        Rule::hi_open => "`)`",
        Rule::hi_closed => "`]`",
        Rule::endpoint => "a number or `oo`",
        Rule::neg_inf => "`-oo`",
        Rule::pos_inf => "`oo`",
        Rule::infinity => "`oo`",
        Rule::claim_stmt => "a `check` or `refute` statement",
        Rule::show_stmt => "a `show` statement",
        Rule::crossover => "`crossover`",
        Rule::show_value => "an expression and `at n = N`",
        Rule::show_when => "`when` and a claim",
        Rule::plot_stmt => "a `plot` statement",
        Rule::plot_exprs => "the expressions to plot",
        Rule::plot_range => "a range `[LO, HI]`",
        Rule::claim => "a claim",
        Rule::lim_claim => "a `lim` claim",
        Rule::limit_target => "a limit (an expression, `oo` or `-oo`)",
        Rule::rel_claim => "a claim",
        Rule::landau_rest => "`= O(...)`",
        Rule::similar_rest => "`~`",
        Rule::cmp_rest => "a comparison",
        Rule::range => "`eventually`, `for n >= N` or `at n = N`",
        Rule::from_range => "`for`",
        Rule::at_range => "`at`",
        Rule::landau => "`O`, `o`, `Theta`, `Omega` or `omega`",
        Rule::big_theta => "`Theta`",
        Rule::big_omega => "`Omega`",
        Rule::little_omega => "`omega`",
        Rule::big_o => "`O`",
        Rule::little_o => "`o`",
        Rule::where_clause => "`where`",
        Rule::assignment => "an assignment `name = value`",
        Rule::le => "`<=`",
        Rule::ge => "`>=`",
        Rule::ne => "`!=`",
        Rule::eq => "`==`",
        Rule::lt => "`<`",
        Rule::gt => "`>`",
        Rule::expr => "an expression",
        Rule::neg => "`-`",
        Rule::add => "`+`",
        Rule::sub => "`-`",
        Rule::mul => "`*`",
        Rule::div => "`/`",
        Rule::pow => "`^`",
        Rule::paren => "a parenthesised expression",
        Rule::call => "a function call",
        Rule::name => "a name",
        Rule::number => "a number",
        Rule::pi_const => "`pi`",
        Rule::string => "a string in double quotes",
        Rule::string_text => "the text of a string",
        Rule::ident => "a name",
        Rule::kw_var => "`var`",
        Rule::kw_param => "`param`",
        Rule::kw_fn => "`fn`",
        Rule::kw_let => "`let`",
        Rule::kw_assume => "`assume`",
        Rule::kw_import => "`import`",
        Rule::kw_as => "`as`",
        Rule::qualified => "a name",
        Rule::kw_check => "`check`",
        Rule::kw_refute => "`refute`",
        Rule::kw_show => "`show`",
        Rule::kw_plot => "`plot`",
        Rule::kw_linear => "`linear`",
        Rule::kw_where => "`where`",
        Rule::kw_for => "`for`",
        Rule::kw_at => "`at`",
        Rule::kw_eventually => "`eventually`",
        Rule::kw_in => "`in`",
        Rule::kw_lim => "`lim`",
        Rule::kw_crossover => "`crossover`",
        Rule::kw_when => "`when`",
        Rule::extremum => "`inf` or `sup` over a variable",
        Rule::least => "`least X >= X0: A <= B`",
        Rule::kw_inf => "`inf`",
        Rule::kw_sup => "`sup`",
        Rule::kw_least => "`least`",
    }
}

/// Keywords spelled by a rule (for "did you mean" on misspellings).
pub(super) fn keywords_of(rule: Rule) -> &'static [&'static str] {
    match rule {
        Rule::kw_var => &["var"],
        Rule::kw_param => &["param"],
        Rule::kw_fn => &["fn"],
        Rule::kw_let => &["let"],
        Rule::kw_assume => &["assume"],
        Rule::kw_import => &["import"],
        Rule::kw_as => &["as"],
        Rule::kw_check => &["check"],
        Rule::kw_refute => &["refute"],
        Rule::kw_show => &["show"],
        Rule::kw_plot | Rule::plot_stmt => &["plot"],
        Rule::kw_linear => &["linear"],
        Rule::kw_where | Rule::where_clause => &["where"],
        Rule::kw_for | Rule::from_range => &["for"],
        Rule::kw_at | Rule::at_range => &["at"],
        Rule::kw_eventually => &["eventually"],
        Rule::range => &["eventually", "for", "at"],
        Rule::kw_in => &["in"],
        Rule::kw_lim => &["lim"],
        Rule::kw_crossover | Rule::crossover => &["crossover"],
        Rule::kw_when | Rule::show_when => &["when"],
        Rule::kw_inf => &["inf"],
        Rule::kw_sup => &["sup"],
        Rule::kw_least | Rule::least => &["least"],
        Rule::chunk | Rule::file => &[
            "var", "param", "fn", "let", "assume", "import", "check", "refute", "show", "plot",
        ],
        _ => &[],
    }
}

// ---------------------------------------------------------------------------
// pest errors in words
// ---------------------------------------------------------------------------

/// The token found at byte `at` of `text`, described for a message.
pub(super) fn found_token(text: &str, at: usize) -> (String, Span) {
    let rest = text.get(at..).unwrap_or("");
    let mut chars = rest.chars();
    match chars.next() {
        None => ("the end of the statement".to_string(), at..at),
        Some(c) if is_ident_start(c) => {
            let w: String = rest.chars().take_while(|c| is_ident_char(*c)).collect();
            let len = w.len();
            (format!("`{w}`"), at..at + len)
        }
        Some(c) if c.is_ascii_digit() => {
            let w: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let len = w.len();
            (format!("`{}`", short(&w)), at..at + len)
        }
        // Invisible or control characters are named by code point, never
        // echoed raw into the report (a zero-width space, a NUL byte, ...).
        Some(c) if c.is_control() || c.is_whitespace() || is_invisible(c) => (
            format!("the character U+{:04X}", c as u32),
            at..at + c.len_utf8(),
        ),
        Some(c) => (format!("`{c}`"), at..at + c.len_utf8()),
    }
}

/// Format characters that render as nothing (zero-width spaces and joiners,
/// the byte-order mark, bidirectional marks).
pub(super) fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFEFF)
}

/// The last significant token before `at` (skipping white space and comments
/// is approximate: only white space is skipped).
pub(super) fn previous_token(text: &str, at: usize) -> Option<(String, Span)> {
    let before = text.get(..at)?;
    let trimmed = before.trim_end();
    let end = trimmed.len();
    let last = trimmed.chars().next_back()?;
    if last == ')' {
        return Some((")".to_string(), end - 1..end));
    }
    if is_ident_char(last) || last == '.' {
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_ident_char(*c) || *c == '.')
            .last()
            .map(|(i, _)| i)
            .unwrap_or(end);
        return Some((trimmed[start..end].to_string(), start..end));
    }
    None
}

/// The operand starting at `at`: a name, a number, a call or a bracketed
/// group (to suggest `2*sqrt(n)`).
pub(super) fn operand_at(text: &str, at: usize) -> String {
    let rest = text.get(at..).unwrap_or("");
    let mut end = 0usize;
    let mut chars = rest.char_indices().peekable();
    if let Some(&(_, c)) = chars.peek() {
        if is_ident_char(c) {
            while let Some(&(i, c)) = chars.peek() {
                if is_ident_char(c) || (c == '.' && rest[..i].chars().all(|d| d.is_ascii_digit())) {
                    end = i + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
        }
    }
    if rest[end..].starts_with('(') {
        let mut depth = 0i64;
        for (i, c) in rest[end..].char_indices().take(200) {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return rest[..end + i + 1].to_string();
                    }
                }
                '\n' => break,
                _ => {}
            }
        }
    }
    if end == 0 {
        rest.chars().take(1).collect()
    } else {
        rest[..end].to_string()
    }
}

/// Optimal-string-alignment edit distance (a transposition costs 1), with
/// a cap on the lengths compared.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    if let Some(first) = d.first_mut() {
        for (j, cell) in first.iter_mut().enumerate() {
            *cell = j;
        }
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// The closest candidate to `word` if it is close enough (ties broken by
/// the candidate's spelling, so the choice is deterministic).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Converts a pest error on `text` (a chunk starting at byte `base` of the
/// file) into a message in words.
pub(super) fn convert_error(e: &pest::error::Error<Rule>, text: &str, base: usize) -> SyntaxError {
    let mut at = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let mut positives: Vec<Rule> = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { message } => {
            let (_, fs) = found_token(text, at);
            return SyntaxError::new(base + fs.start..base + fs.end, message.clone());
        }
    };
    let attempts = e.parse_attempts();
    let mut literal_tokens: Vec<String> = attempts
        .as_ref()
        .map(|a| {
            a.expected_tokens()
                .into_iter()
                .map(|t| t.to_string())
                .filter(|t| matches!(t.as_str(), ")" | "(" | "," | ":" | "=" | "~" | "]"))
                .collect()
        })
        .unwrap_or_default();
    if let Some(a) = &attempts {
        // A literal (`:`, `)`) was expected further on than any rule.
        if a.max_position > at && !literal_tokens.is_empty() {
            at = a.max_position;
            positives.clear();
        } else if a.max_position != at {
            literal_tokens.clear();
        }
    }
    positives.sort();
    positives.dedup();
    // At the end of the statement, point just after its last token.
    if text.get(at..).is_some_and(only_blank_or_comments) {
        let code_end = text.get(..at).map(|t| t.trim_end().len()).unwrap_or(at);
        at = code_end;
    }
    let (found, found_span) = if text.get(at..).is_some_and(only_blank_or_comments) {
        ("the end of the statement".to_string(), at..at)
    } else {
        found_token(text, at)
    };
    let span = base + found_span.start..base + found_span.end.max(found_span.start);
    let word: String = text
        .get(at..)
        .unwrap_or("")
        .chars()
        .take_while(|c| is_ident_char(*c))
        .collect();
    let keywords: Vec<&str> = positives
        .iter()
        .flat_map(|r| keywords_of(*r).iter().copied())
        .collect();
    // A word at the start of a line may be a misspelt statement keyword
    // (`chek n = O(n)` after a complete statement), even where the grammar
    // only expected the end of the previous statement.
    let at_line_start = text
        .get(..at)
        .map(|before| before.rsplit('\n').next().unwrap_or("").trim().is_empty())
        .unwrap_or(false);
    let misspelt_keyword = if word.chars().count() < 3 {
        None
    } else {
        closest(&word, keywords.iter().copied()).or_else(|| {
            if at_line_start {
                closest(&word, STATEMENT_KEYWORDS.iter().copied())
            } else {
                None
            }
        })
    };

    let in_expression = positives
        .iter()
        .any(|r| matches!(r, Rule::add | Rule::sub | Rule::mul | Rule::div | Rule::pow));

    if let Some(err) = number_and_arrow_mistakes(text, at, &span) {
        return err;
    }

    // `2n`, `2 sqrt(n)`, `2(n+1)`, `(a)(b)`: implicit multiplication
    // (not where the `:` of an `inf`, `sup` or `least` may come).
    let colon_expected = literal_tokens.iter().any(|t| t == ":");
    if in_expression && misspelt_keyword.is_none() && !colon_expected {
        if let Some((prev, _)) = previous_token(text, at) {
            let next = text.get(at..).and_then(|r| r.chars().next());
            let prev_is_number = prev.chars().next().is_some_and(|c| c.is_ascii_digit());
            let prev_closes = prev == ")";
            let next_is_operand =
                next.is_some_and(|c| is_ident_start(c) || c.is_ascii_digit() || c == '(');
            let next_is_number = next.is_some_and(|c| c.is_ascii_digit());
            let next_word: String = text
                .get(at..)
                .unwrap_or("")
                .chars()
                .take_while(|c| is_ident_char(*c))
                .collect();
            let next_is_keyword = is_reserved(&next_word) && !is_builtin(&next_word);
            if next_is_operand
                && !next_is_keyword
                && (prev_is_number || prev_closes || next_is_number)
            {
                let operand = operand_at(text, at);
                let left = if prev_closes {
                    "(...)".to_string()
                } else {
                    prev.clone()
                };
                let mut err = SyntaxError::new(
                    span,
                    format!("there is no implicit multiplication: found {found} after `{prev}`"),
                );
                err.help = Some(format!("write `{left}*{operand}`"));
                return err;
            }
        }
    }

    // Names of what was expected, grouped.
    let mut expected: Vec<String> = Vec::new();
    fn push(expected: &mut Vec<String>, s: &str) {
        if !expected.iter().any(|x| x == s) {
            expected.push(s.to_string());
        }
    }
    let cmp_count = positives
        .iter()
        .filter(|r| {
            matches!(
                r,
                Rule::le | Rule::lt | Rule::ge | Rule::gt | Rule::eq | Rule::ne
            )
        })
        .count();
    for r in &positives {
        match r {
            Rule::add | Rule::sub | Rule::mul | Rule::div | Rule::pow => {
                push(&mut expected, "an operator")
            }
            Rule::le | Rule::lt | Rule::ge | Rule::gt if cmp_count == 4 => {
                push(&mut expected, "a comparison (`<=`, `<`, `>=`, `>`)")
            }
            Rule::le | Rule::lt | Rule::ge | Rule::gt | Rule::eq | Rule::ne if cmp_count > 2 => {
                push(
                    &mut expected,
                    "a comparison (`<=`, `<`, `>=`, `>`, `==`, `!=`)",
                )
            }
            Rule::neg
            | Rule::number
            | Rule::pi_const
            | Rule::call
            | Rule::name
            | Rule::paren
            | Rule::extremum
            | Rule::least
            | Rule::kw_inf
            | Rule::kw_sup
            | Rule::kw_least
            | Rule::expr => push(&mut expected, "an expression"),
            Rule::ident => push(&mut expected, "a name"),
            Rule::EOI => {}
            other => push(&mut expected, rule_name(*other)),
        }
    }
    let expects_operand = expected.iter().any(|x| x == "an expression");
    let expects_operator = expected.iter().any(|x| x == "an operator");
    if expects_operand {
        expected.retain(|x| x != "a name");
    }
    for t in &literal_tokens {
        // `(` after a name would make a call: not a useful suggestion.
        if t == "(" && (expects_operand || expects_operator || !positives.is_empty()) {
            continue;
        }
        push(&mut expected, &format!("`{t}`"));
    }
    if positives.contains(&Rule::EOI) {
        push(&mut expected, "the end of the statement");
    }
    let list = match expected.len() {
        0 => "something else".to_string(),
        1 => expected[0].clone(),
        _ => {
            let (last, head) = expected
                .split_last()
                .map(|(l, h)| (l.clone(), h.to_vec()))
                .unwrap_or_default();
            format!("{} or {}", head.join(", "), last)
        }
    };
    let mut err = SyntaxError::new(span, format!("expected {list}, found {found}"));
    if let Some(k) = misspelt_keyword {
        err.help = Some(format!("did you mean `{k}`?"));
    }
    let rest = text.get(at..).unwrap_or("");
    if err.help.is_none()
        && rest.starts_with('.')
        && rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        err.help = Some("numbers start with a digit: write `0.5`, not `.5`".to_string());
    }
    if err.help.is_none()
        && positives.contains(&Rule::landau)
        && text.get(at..).is_some_and(|r| r.starts_with('0'))
    {
        err.help = Some("Landau symbols are letters: write `O(...)`, not `0(...)`".to_string());
    }
    if err.help.is_none() && positives.contains(&Rule::landau) {
        err.help =
            Some("a Landau claim reads `A = O(B)`; equality for every n is `A == B`".to_string());
    }
    err
}

/// Mistakes recognised from the characters around the error, with a message
/// that names the intended form: `1.2.3` (two decimal points), `1e` / `1e+`
/// (an exponent without digits), `->` (a limit arrow: bnd writes `lim A =
/// L`), `let f == ...` (a definition takes one `=`).
pub(super) fn number_and_arrow_mistakes(text: &str, at: usize, span: &Span) -> Option<SyntaxError> {
    let rest = text.get(at..).unwrap_or("");
    let prev = previous_token(text, at).map(|(p, _)| p);
    let prev_is_number = prev
        .as_deref()
        .is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit()));
    let adjacent = text
        .get(..at)
        .is_some_and(|b| !b.ends_with(char::is_whitespace));
    if prev_is_number
        && adjacent
        && rest.starts_with('.')
        && !rest[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        let p = prev.unwrap_or_default();
        let mut err = SyntaxError::new(span.clone(), "a decimal point must be followed by digits");
        err.help = Some(format!("write `{p}` or `{p}.0`"));
        return Some(err);
    }
    if prev_is_number && adjacent && rest.starts_with('.') {
        let mut err = SyntaxError::new(span.clone(), "a number has at most one decimal point");
        let tail: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        err.help = Some(format!(
            "`{}{tail}` is not a number: write one decimal point, as in `1.25`",
            prev.unwrap_or_default()
        ));
        return Some(err);
    }
    if prev_is_number && adjacent && rest.starts_with(['e', 'E']) {
        let after = rest[1..].trim_start_matches(['+', '-']);
        if !after.starts_with(|c: char| c.is_ascii_digit()) && !after.starts_with(is_ident_char) {
            let mut err =
                SyntaxError::new(span.clone(), "a number's exponent needs digits after `e`");
            err.help = Some(format!(
                "write `{}e6` for a power of ten; Euler's number is `exp(1)`",
                prev.unwrap_or_default()
            ));
            return Some(err);
        }
    }
    if rest.starts_with('>') && text.get(..at).is_some_and(|b| b.ends_with('-')) {
        let mut err = SyntaxError::new(span.clone(), "`->` is not an operator in bnd");
        err.help = Some("a limit is written `lim A = L` (the variable tends to +oo)".to_string());
        return Some(err);
    }
    let statement = text.trim_start();
    if rest.starts_with('=')
        && text.get(..at).is_some_and(|b| b.trim_end().ends_with('='))
        && (statement.starts_with("let ") || statement.starts_with("let\t"))
    {
        let mut err = SyntaxError::new(span.clone(), "a definition takes one `=`");
        err.help =
            Some("write `let NAME = EXPR`; `A == B` is a claim (`check A == B`)".to_string());
        return Some(err);
    }
    None
}
