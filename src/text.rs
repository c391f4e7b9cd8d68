//! Text helpers shared by every output: making control characters visible, wrapping.

use std::fmt::Write as _;

/// Returns `text` with every control character (other than tab) written as a visible escape,
/// so that text from a runbook or a paste can never drive the terminal.
pub fn visible(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            match c {
                '\u{1b}' => out.push_str("\\e"),
                '\r' => out.push_str("\\r"),
                '\n' => out.push_str("\\n"),
                c => {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`visible`], but keeps line breaks, for multi-line text such as pasted evidence.
pub fn visible_multiline(text: &str) -> String {
    text.split('\n')
        .map(|line| visible(line.strip_suffix('\r').unwrap_or(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_unsafe(c: char) -> bool {
    // C0 and C1 controls, DEL, and the bidirectional overrides that can reorder what is shown.
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Wraps `text` to `width` columns, keeping words whole where they fit.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    // Break only at spaces: the defaults also break after `/` and at hyphens, splitting URLs
    // and command flags.
    let options = textwrap::Options::new(width.max(8))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        assert_eq!(visible("a\u{1b}[31mred"), "a\\e[31mred");
        assert_eq!(visible("bell\u{7}"), "bell\\u{7}");
        assert_eq!(visible("c1\u{9b}"), "c1\\u{9b}");
        assert_eq!(visible("tab\tkept"), "tab\tkept");
        assert_eq!(visible("rtl\u{202e}x"), "rtl\\u{202e}x");
    }

    #[test]
    fn multiline_keeps_lines_and_drops_crlf() {
        assert_eq!(visible_multiline("a\r\nb\u{1b}"), "a\nb\\e");
    }

    #[test]
    fn wrap_keeps_urls_and_flags_whole() {
        let lines = wrap("curl https://api.example.com/v1/orders --sort-by=name", 40);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("https://api.example.com/v1/orders")),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.contains("--sort-by=name")),
            "{lines:?}"
        );
    }

    #[test]
    fn wrap_respects_width() {
        for line in wrap("the quick brown fox jumps over the lazy dog", 10) {
            assert!(line.chars().count() <= 10, "{line}");
        }
    }
}
