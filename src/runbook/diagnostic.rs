//! Findings about runbook files, positioned as `path:line:col` with the offending source line.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::text::visible;

/// How serious a finding is: errors make a runbook unusable, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding, already resolved to a line and column so it outlives the source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    /// 1-based line; 0 when the finding is about the file as a whole.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    pub message: String,
    /// The source line the finding points at, with control characters made visible.
    pub snippet: String,
    /// How many characters of the snippet to underline.
    #[serde(skip)]
    pub underline: usize,
    /// How many characters of the snippet come before the underline.
    #[serde(skip)]
    pub caret_at: usize,
}

/// Longest snippet shown: a longer line is cut to a window around the column, so a
/// 100,000-character line of junk is one readable line, not a screenful.
const SNIPPET_CHARS: usize = 100;
/// How much of the line before the column the window keeps.
const SNIPPET_LEAD: usize = 40;

impl Diagnostic {
    /// A finding at a byte range of `source`.
    pub fn at(
        severity: Severity,
        path: &str,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = bytecount_newlines(&source.as_bytes()[..start]) + 1;
        let col = source[line_start..start].chars().count() + 1;
        let raw_line = source[line_start..line_end].trim_end_matches('\r');
        let underline_end = end.min(line_start + raw_line.len()).max(start);
        // A span may start on the `\r` of a CRLF line ending, which the snippet leaves out.
        let in_line = |at: usize| (at - line_start).min(raw_line.len());
        let (snippet, caret_at, underline) =
            window(raw_line, in_line(start), in_line(underline_end));
        Self {
            severity,
            path: path.to_owned(),
            line,
            col,
            message: message.into(),
            snippet,
            underline,
            caret_at,
        }
    }

    /// A finding about a whole file (unreadable, too large).
    pub fn whole_file(severity: Severity, path: &str, message: impl Into<String>) -> Self {
        Self {
            severity,
            path: path.to_owned(),
            line: 0,
            col: 0,
            message: message.into(),
            snippet: String::new(),
            underline: 0,
            caret_at: 0,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form: `path:line:col: error: message`.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let message = visible(&self.message);
        if self.line == 0 {
            format!("{}: {kind}: {message}", visible(&self.path))
        } else {
            format!(
                "{}:{}:{}: {kind}: {message}",
                visible(&self.path),
                self.line,
                self.col
            )
        }
    }
}

impl fmt::Display for Diagnostic {
    /// The headline, then the source line with carets under the offending part.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        if self.line > 0 {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {}", self.snippet)?;
            writeln!(
                f,
                "{pad} | {}{}",
                " ".repeat(self.caret_at),
                "^".repeat(self.underline)
            )?;
        }
        Ok(())
    }
}

/// The snippet of `line` to show for the byte range `start..end`: control characters made
/// visible, cut to [`SNIPPET_CHARS`] around `start` with `…` where cut. Returns the snippet,
/// the number of its characters before the underline, and the underline's length (at least
/// one), all counted in the characters shown, since escaping widens the text.
fn window(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    let before: Vec<char> = line[..start].chars().collect();
    let from = before.len().saturating_sub(SNIPPET_LEAD);
    let lead: String = before[from..].iter().collect();
    let mut budget = SNIPPET_CHARS.saturating_sub(before.len() - from);
    let mut marked = String::new();
    let mut marked_chars = 0;
    for c in line[start..end].chars() {
        if budget == 0 {
            break;
        }
        marked.push(c);
        marked_chars += 1;
        budget -= 1;
    }
    let rest_start = start + marked.len();
    let mut tail = String::new();
    for c in line[rest_start..].chars() {
        if budget == 0 {
            break;
        }
        tail.push(c);
        budget -= 1;
    }
    let cut_before = from > 0;
    let cut_after = rest_start + tail.len() < line.len();
    let lead = visible(&lead);
    let marked_shown = visible(&marked);
    let mut snippet = String::new();
    if cut_before {
        snippet.push('…');
    }
    snippet.push_str(&lead);
    snippet.push_str(&marked_shown);
    snippet.push_str(&visible(&tail));
    if cut_after {
        snippet.push('…');
    }
    let caret_at = usize::from(cut_before) + lead.chars().count();
    let underline = if marked_chars == 0 {
        1
    } else {
        marked_shown.chars().count()
    };
    (snippet, caret_at, underline)
}

fn bytecount_newlines(bytes: &[u8]) -> usize {
    // `memchr`-style counting is not worth a dependency for a few errors per file.
    #[allow(clippy::naive_bytecount)]
    bytes.iter().filter(|&&b| b == b'\n').count()
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_lines_and_character_columns() {
        let source = "a = 1\nbé = \"x\"\n";
        let start = source.find('"').unwrap();
        let d = Diagnostic::at(Severity::Error, "f.toml", source, start..start + 3, "bad");
        assert_eq!((d.line, d.col), (2, 6));
        assert_eq!(d.snippet, "bé = \"x\"");
        assert_eq!(
            d.to_string(),
            "f.toml:2:6: error: bad\n  |\n2 | bé = \"x\"\n  |      ^^^\n"
        );
    }

    #[test]
    fn a_span_past_the_end_is_clamped_not_a_panic() {
        let d = Diagnostic::at(Severity::Warning, "f", "abc", 10..20, "eof");
        assert_eq!((d.line, d.col), (1, 4));
    }

    #[test]
    fn a_very_long_line_is_cut_to_a_window_around_the_column() {
        let source = format!("{}x{}", "-".repeat(50_000), "=".repeat(50_000));
        let at = 50_000;
        let d = Diagnostic::at(Severity::Error, "f", &source, at..at + 1, "here");
        assert_eq!((d.line, d.col), (1, 50_001));
        assert!(
            d.snippet.chars().count() <= SNIPPET_CHARS + 2,
            "{}",
            d.snippet
        );
        assert!(d.snippet.starts_with('…') && d.snippet.ends_with('…'));
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        // The caret sits under the `x`.
        let snippet_x = lines[2].find('x').unwrap();
        let caret = lines[3].find('^').unwrap();
        assert_eq!(
            lines[2][..snippet_x].chars().count(),
            lines[3][..caret].chars().count()
        );
    }

    #[test]
    fn carets_stay_under_the_mark_after_escaped_control_characters() {
        let source = "a = \"\u{1b}\u{1b}\" b";
        let at = source.find('b').unwrap();
        let d = Diagnostic::at(Severity::Error, "f", source, at..at + 1, "m");
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[2].rfind('b').unwrap(), lines[3].find('^').unwrap());
    }

    #[test]
    fn a_span_on_the_carriage_return_of_a_crlf_line_is_not_a_panic() {
        let source = "name = \"x\"\r\nd = 1\r\n";
        let at = source.find('\r').unwrap();
        for span in [at..at + 1, at + 1..at + 2, at..at + 9] {
            let d = Diagnostic::at(Severity::Error, "f", source, span, "m");
            assert_eq!(d.line, 1);
            assert_eq!(d.snippet, "name = \"x\"");
        }
    }

    #[test]
    fn control_characters_in_the_source_are_shown_escaped() {
        let d = Diagnostic::at(Severity::Error, "f", "x = \"\u{1b}[2J\"", 0..1, "m");
        assert!(!d.to_string().contains('\u{1b}'));
    }
}
