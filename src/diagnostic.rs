//! Diagnostics as data: a file name, a byte span, a message and an optional
//! help line, kept apart from their rendering (`render`), which prints the
//! message, `file:line:column`, the source line and carets under the span,
//! with no colour so that reports can be snapshot-tested.

use crate::ir::Pos;
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file's name as given on the command line (or joined from imports).
    pub file: String,
    /// Byte range in that file's text.
    pub span: Range<usize>,
    /// 1-based line and column of `span.start` (columns count characters).
    pub pos: Pos,
    /// What went wrong, in words: `expected an expression, found \`)\``.
    pub message: String,
    /// A suggestion, when one is likely: `did you mean \`delta\`?`.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `span` of `source` (the text of `file`), with its
    /// line and column computed.
    pub fn at(
        file: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Diagnostic {
        let start = clamp_to_char(source, span.start);
        let end = clamp_to_char(source, span.end.max(start));
        Diagnostic {
            file: file.to_string(),
            span: start..end,
            pos: pos_of(source, start),
            message: message.into(),
            help,
        }
    }

    /// The message and the help on one line (`...; did you mean ...`), for
    /// one-line formats such as JSON.
    pub fn one_line(&self) -> String {
        match &self.help {
            Some(h) => format!("{}; {}", self.message, h),
            None => self.message.clone(),
        }
    }
}

/// The largest char boundary of `s` at or below `i`.
fn clamp_to_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and column (counting characters) of byte `offset`.
pub fn pos_of(source: &str, offset: usize) -> Pos {
    let offset = clamp_to_char(source, offset);
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = source[line_start..offset].chars().count() + 1;
    Pos { line, column }
}

const TAB_WIDTH: usize = 4;

/// Display width of a piece of a line (tabs expand to `TAB_WIDTH`).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if c == '\t' { TAB_WIDTH } else { 1 })
        .sum()
}

/// Renders `d` against `source` (the text of `d.file`):
///
/// ```text
/// error: unknown name `dleta`
///   --> theorems/x.bnd:3:7
///    |
///  3 | let a = dleta
///    |         ^^^^^
///    = help: did you mean `delta`?
/// ```
pub fn render(d: &Diagnostic, source: &str) -> String {
    let mut out = format!("error: {}\n", d.message);
    if d.pos.line == 0 {
        // No position (e.g. the file could not be read).
        out.push_str(&format!("  --> {}\n", d.file));
        if let Some(h) = &d.help {
            out.push_str(&format!("  = help: {h}\n"));
        }
        return out;
    }
    let start = clamp_to_char(source, d.span.start);
    let line_start = source[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = source[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(source.len());
    let line_text = source[line_start..line_end].trim_end_matches('\r');
    let pos = pos_of(source, start);
    let num = pos.line.to_string();
    let arrow_pad = " ".repeat(num.len() + 1);
    let pad = " ".repeat(num.len() + 2);
    out.push_str(&format!(
        "{arrow_pad}--> {}:{}:{}\n",
        d.file, pos.line, pos.column
    ));
    out.push_str(&format!("{pad}|\n"));
    let shown: String = line_text
        .chars()
        .map(|c| {
            if c == '\t' {
                "    ".to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    out.push_str(&format!(" {num} | {shown}\n"));
    let lead = width(&source[line_start..start]);
    let end = clamp_to_char(source, d.span.end.clamp(start, line_end.max(start)));
    let carets = width(&source[start..end]).max(1);
    out.push_str(&format!(
        "{pad}| {}{}\n",
        " ".repeat(lead),
        "^".repeat(carets)
    ));
    if let Some(h) = &d.help {
        out.push_str(&format!("{pad}= help: {h}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_codespan() {
        let src = "var n\nparam delta in (0, 1)\nlet a = dleta\n";
        let off = src.find("dleta").unwrap();
        let d = Diagnostic::at(
            "dir/file.bnd",
            src,
            off..off + 5,
            "unknown name `dleta`",
            Some("did you mean `delta`?".into()),
        );
        assert_eq!(d.pos, Pos { line: 3, column: 9 });
        let r = render(&d, src);
        assert_eq!(
            r,
            "error: unknown name `dleta`\n  --> dir/file.bnd:3:9\n   |\n 3 | let a = dleta\n   |         ^^^^^\n   = help: did you mean `delta`?\n"
        );
    }

    #[test]
    fn columns_count_characters_and_tabs_expand() {
        let src = "let δ =\tbad";
        let off = src.find("bad").unwrap();
        let d = Diagnostic::at("f.bnd", src, off..off + 3, "m", None);
        assert_eq!(d.pos, Pos { line: 1, column: 9 });
        let r = render(&d, src);
        assert!(r.contains(" 1 | let δ =    bad\n"), "{r}");
        assert!(r.contains("   |            ^^^\n"), "{r}");
    }

    #[test]
    fn empty_span_at_end_gets_one_caret_and_no_panic() {
        let src = "check a <=";
        let d = Diagnostic::at("f.bnd", src, 10..10, "expected an expression", None);
        let r = render(&d, src);
        assert!(r.ends_with("   |           ^\n"), "{r}");
        // out of range spans are clamped
        let d = Diagnostic::at("f.bnd", src, 50..60, "x", None);
        let _ = render(&d, src);
        let d = Diagnostic::at("f.bnd", "é", 1..2, "x", None);
        assert_eq!(d.span.start, 0);
        let _ = render(&d, "é");
    }

    #[test]
    fn unreadable_file_has_no_position() {
        let d = Diagnostic {
            file: "missing.bnd".into(),
            span: 0..0,
            pos: Pos::default(),
            message: "cannot read file".into(),
            help: None,
        };
        assert_eq!(
            render(&d, ""),
            "error: cannot read file\n  --> missing.bnd\n"
        );
    }

    #[test]
    fn multi_digit_line_numbers_pad_the_gutter() {
        let src = "\n".repeat(11) + "x";
        let d = Diagnostic::at("f.bnd", &src, 11..12, "m", None);
        let r = render(&d, &src);
        assert_eq!(r, "error: m\n   --> f.bnd:12:1\n    |\n 12 | x\n    | ^\n");
    }
}
