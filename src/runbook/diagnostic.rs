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
}

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
        let line = source[..start].matches('\n').count() + 1;
        let col = source[line_start..start].chars().count() + 1;
        let raw_line = source[line_start..line_end].trim_end_matches('\r');
        let underline_end = end.min(line_start + raw_line.len()).max(start);
        let underline = source[start..underline_end].chars().count().max(1);
        Self {
            severity,
            path: path.to_owned(),
            line,
            col,
            message: message.into(),
            snippet: visible(raw_line),
            underline,
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
            // Columns count characters of the raw line; escaped control characters widen the
            // snippet, so carets are placed by the visible width of the prefix.
            let prefix_width: usize = self
                .snippet
                .chars()
                .take(self.col.saturating_sub(1))
                .count();
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {}", self.snippet)?;
            writeln!(
                f,
                "{pad} | {}{}",
                " ".repeat(prefix_width),
                "^".repeat(self.underline)
            )?;
        }
        Ok(())
    }
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
    fn control_characters_in_the_source_are_shown_escaped() {
        let d = Diagnostic::at(Severity::Error, "f", "x = \"\u{1b}[2J\"", 0..1, "m");
        assert!(!d.to_string().contains('\u{1b}'));
    }
}
