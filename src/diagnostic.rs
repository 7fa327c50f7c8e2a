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
        Diagnostic::at_indexed(file, source, &LineIndex::new(source), span, message, help)
    }

    /// [`Diagnostic::at`] with the line index of `source` built already.
    pub fn at_indexed(
        file: &str,
        source: &str,
        lines: &LineIndex,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Diagnostic {
        let start = clamp_to_char(source, span.start);
        let end = clamp_to_char(source, span.end.max(start));
        Diagnostic {
            file: file.to_string(),
            span: start..end,
            pos: lines.pos(source, start),
            message: message.into(),
            help,
        }
    }

    /// The message and the help on one line (`...; did you mean ...`), for
    /// one-line formats such as JSON.
    pub fn one_line(&self) -> String {
        match &self.help {
            Some(h) => format!("{}; {}", shorten_quoted(&self.message), shorten_quoted(h)),
            None => shorten_quoted(&self.message),
        }
    }
}

/// Longest quoted (`...`) piece of a message shown in full.
const MAX_QUOTED: usize = 60;

/// Shortens every backquoted piece of `text` longer than `MAX_QUOTED`
/// characters, and every longer word outside quotes, to its start, `…` and
/// its end, so that a message about a
/// 10^5-digit number (or a 10^4-term expression) stays one readable line.
pub fn shorten_quoted(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    let mut out = String::with_capacity(text.len().min(4096));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        let n = part.chars().count();
        // odd pieces are inside backquotes (when the quote is closed)
        if i % 2 == 1 && i + 1 < parts.len() && n > MAX_QUOTED {
            out.extend(part.chars().take(40));
            out.push('…');
            out.extend(part.chars().skip(n - 16));
        } else {
            out.push_str(part);
        }
    }
    // then any long word outside quotes (a 10^5-digit number in a message)
    let words: Vec<String> = out
        .split(' ')
        .map(|w| {
            let n = w.chars().count();
            if n > MAX_QUOTED && !w.contains('`') {
                let mut short: String = w.chars().take(40).collect();
                short.push('…');
                short.extend(w.chars().skip(n - 16));
                short
            } else {
                w.to_string()
            }
        })
        .collect();
    words.join(" ")
}

/// The largest char boundary of `s` at or below `i`.
fn clamp_to_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// 1-based line and column (counting characters) of byte `offset`, for one
/// position of a source; many positions of one source are computed with a
/// [`LineIndex`].
pub fn pos_of(source: &str, offset: usize) -> Pos {
    let offset = clamp_to_char(source, offset);
    // Bytes, not chars: '\n' is one byte in UTF-8 and never part of another
    // character, and a byte count is vectorised.
    let before = &source.as_bytes()[..offset];
    let line = count_newlines(before) + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    Pos { line, column }
}

/// The byte offset where each line of a source starts, built once per
/// source: a position is then a binary search over the lines and a
/// character count within its line, so a file's positions cost time linear
/// in its size.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Offsets of the line starts: 0, then one past each `\n`.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        // Bytes, not chars: '\n' is one byte in UTF-8 and never part of
        // another character.
        let newlines = source
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1);
        LineIndex {
            starts: std::iter::once(0).chain(newlines).collect(),
        }
    }

    /// 1-based line and column (counting characters) of byte `offset` of
    /// `source`, the text this index was built from.
    pub fn pos(&self, source: &str, offset: usize) -> Pos {
        let offset = clamp_to_char(source, offset);
        // the lines starting at or before `offset` (line 1 starts at 0)
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts.get(line - 1).copied().unwrap_or(0).min(offset);
        let column = source
            .get(line_start..offset)
            .map_or(0, |t| t.chars().count())
            + 1;
        Pos { line, column }
    }
}

/// Number of `\n` bytes, counted in blocks of 255 with a byte-sized sum
/// per block, a loop the compiler turns into vector instructions.
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let in_block = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
            usize::from(in_block)
        })
        .sum()
}

const TAB_WIDTH: usize = 4;

/// Display width of a piece of a line (tabs expand to `TAB_WIDTH`).
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if c == '\t' { TAB_WIDTH } else { 1 })
        .sum()
}

/// Widest source line shown in full; longer lines are cut to a window.
const MAX_SHOWN: usize = 100;
/// Columns kept before the caret when a long line is cut.
const KEEP_BEFORE: usize = 30;

/// The part of a line to show (cells are the line's characters, tabs
/// expanded) with the caret's start column and length inside it. A line wider
/// than `MAX_SHOWN` is cut to a window around the caret, marked with `…` at
/// each cut end, and a caret longer than the window is shortened, so a
/// 10^5-digit number is never echoed in full.
fn window(cells: &[String], lead: usize, carets: usize) -> (String, usize, usize) {
    let total: usize = cells.iter().map(|c| c.chars().count()).sum();
    if total <= MAX_SHOWN {
        return (cells.concat(), lead, carets);
    }
    let from = lead.saturating_sub(KEEP_BEFORE);
    let to = (from + MAX_SHOWN).min(total);
    let mut shown = String::new();
    let mut col = 0;
    for cell in cells {
        let w = cell.chars().count();
        if col >= from && col + w <= to {
            shown.push_str(cell);
        }
        col += w;
    }
    let mut lead_in = lead - from;
    if from > 0 {
        shown.insert(0, '…');
        lead_in += 1;
    }
    if to < total {
        shown.push('…');
    }
    let carets = carets.min(to.saturating_sub(lead).max(1));
    (shown, lead_in, carets)
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
    let mut out = format!("error: {}\n", shorten_quoted(&d.message));
    if d.pos.line == 0 {
        // No position (e.g. the file could not be read).
        out.push_str(&format!("  --> {}\n", d.file));
        if let Some(h) = &d.help {
            out.push_str(&format!("  = help: {}\n", shorten_quoted(h)));
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
    // the position computed when the diagnostic was made (from the file's
    // line index): rescanning the file here made many errors quadratic
    let pos = d.pos;
    let num = pos.line.to_string();
    let arrow_pad = " ".repeat(num.len() + 1);
    let pad = " ".repeat(num.len() + 2);
    out.push_str(&format!(
        "{arrow_pad}--> {}:{}:{}\n",
        d.file, pos.line, pos.column
    ));
    out.push_str(&format!("{pad}|\n"));
    let cells: Vec<String> = line_text
        .chars()
        .map(|c| {
            if c == '\t' {
                " ".repeat(TAB_WIDTH)
            } else if c.is_control() {
                // a control character is never echoed raw (the message
                // names it by code point); one column, like the original
                '\u{FFFD}'.to_string()
            } else {
                c.to_string()
            }
        })
        .collect();
    let lead = width(&source[line_start..start]);
    let end = clamp_to_char(source, d.span.end.clamp(start, line_end.max(start)));
    let carets = width(&source[start..end]).max(1);
    let (shown, lead, carets) = window(&cells, lead, carets);
    out.push_str(&format!(" {num} | {shown}\n"));
    out.push_str(&format!(
        "{pad}| {}{}\n",
        " ".repeat(lead),
        "^".repeat(carets)
    ));
    if let Some(h) = &d.help {
        out.push_str(&format!("{pad}= help: {}\n", shorten_quoted(h)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_caret() {
        let digits = "7".repeat(100_000);
        let src = format!("var n\ncheck {digits}x = O(n)\n");
        let off = src.find('x').unwrap();
        let d = Diagnostic::at("f.bnd", &src, off..off + 1, "oops", None);
        let r = render(&d, &src);
        assert!(r.len() < 600, "{r}");
        let lines: Vec<&str> = r.lines().collect();
        // the shown line starts with the cut mark and still shows the `x`
        assert!(lines[3].starts_with(" 2 | …7777"), "{r}");
        assert!(lines[3].contains("7x = O(n)"), "{r}");
        // the caret sits under the `x`
        let at = lines[3].chars().position(|c| c == 'x').unwrap();
        assert_eq!(lines[4].chars().position(|c| c == '^'), Some(at), "{r}");
        // a caret under the whole number is shortened to the window
        let start = src.find('7').unwrap();
        let d = Diagnostic::at("f.bnd", &src, start..start + 100_000, "long", None);
        let r = render(&d, &src);
        assert!(r.len() < 600, "{r}");
        assert!(r.lines().nth(3).unwrap().ends_with('…'), "{r}");
    }

    #[test]
    fn long_quoted_pieces_and_words_are_shortened() {
        let digits = "1".repeat(500);
        let m = format!("found `{digits}` after `2`, log of -{digits} is bad");
        let short = shorten_quoted(&m);
        assert_eq!(
            short,
            format!(
                "found `{}…{}` after `2`, log of -{}…{} is bad",
                "1".repeat(40),
                "1".repeat(16),
                "1".repeat(39),
                "1".repeat(16)
            )
        );
        // short messages are unchanged, including unbalanced quotes
        assert_eq!(shorten_quoted("found `)` here `"), "found `)` here `");
    }

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

    #[test]
    fn positions_count_lines_and_characters() {
        // more than one block of 255 bytes, multi-byte characters, CRLF
        let mut src = String::new();
        for i in 0..700 {
            src.push_str(if i % 3 == 0 { "δx\r\n" } else { "ab\n" });
        }
        let lines = LineIndex::new(&src);
        for offset in 0..=src.len() + 2 {
            let at = clamp_to_char(&src, offset);
            let before = &src[..at];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = src[start..at].chars().count() + 1;
            assert_eq!(
                pos_of(&src, offset),
                Pos { line, column },
                "offset {offset}"
            );
            assert_eq!(
                lines.pos(&src, offset),
                Pos { line, column },
                "offset {offset}"
            );
        }
    }
}
