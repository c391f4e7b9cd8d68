//! Making text fit a ticket field: cut to a length at a character boundary with "…", on one
//! line, or as a label. Lengths are counted in UTF-16 code units, which is never less than
//! the count in characters: a field then fits whichever of the two a service counts (the Java
//! services count the first, others the second).

/// What marks a cut.
pub const ELLIPSIS: char = '…';

/// The length of `text` as a service may count it: UTF-16 code units.
pub fn len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// `text` as it is when it fits `max` units, else cut to fit with "…" at the end. Never cut
/// inside a character, and never right after a joiner or a variation selector that would
/// then join the "…".
pub fn clip(text: &str, max: usize) -> String {
    if len(text) <= max {
        return text.to_owned();
    }
    let room = max.saturating_sub(ELLIPSIS.len_utf16());
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        out.push(c);
    }
    while out.ends_with(|c: char| {
        c.is_whitespace() || c == '\u{200d}' || ('\u{fe00}'..='\u{fe0f}').contains(&c)
    }) {
        out.pop();
    }
    if max >= ELLIPSIS.len_utf16() {
        out.push(ELLIPSIS);
    }
    out
}

pub use crate::text::one_line;

/// `text` as a label every service takes: lower case, letters, digits, `-`, `_` and `.`,
/// anything else one `-`; at most `max` units. Empty when nothing is left.
pub fn label(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || matches!(c, '_' | '.') {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut cut = String::new();
    for c in out.trim_end_matches('-').chars() {
        if len(&cut) + c.len_utf16() > max {
            break;
        }
        cut.push(c);
    }
    cut.trim_end_matches('-').to_owned()
}

/// A label as the runbook wrote it, kept as written (case too) but for any space or control,
/// which becomes `-` (`check` already refuses them); at most `max` units, cut without "…".
pub fn tag(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        let c = if c.is_whitespace() || c.is_control() {
            '-'
        } else {
            c
        };
        if len(&out) + c.len_utf16() > max {
            break;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_never_splits_a_character_and_ends_with_an_ellipsis() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("abcdefghij", 5), "abcd…");
        let cut = clip("日本語のタイトルです", 5);
        assert_eq!(cut, "日本語の…");
        // An emoji is two UTF-16 units: it goes whole or not at all.
        let cut = clip("ab😀😀😀", 5);
        assert_eq!(cut, "ab😀…");
        assert_eq!(clip("ab😀😀😀", 4), "ab…");
        assert!(len(&cut) <= 5);
        // A joiner left dangling would glue the ellipsis to the emoji before it.
        assert_eq!(clip("a👩\u{200d}💻xyz", 5), "a👩…");
        assert_eq!(clip("word word", 6), "word…");
        assert_eq!(clip("abc", 0), "");
    }

    #[test]
    fn labels_have_no_spaces_and_keep_their_letters() {
        assert_eq!(label("SEV 2", 50), "sev-2");
        assert_eq!(label("Production (EU)", 50), "production-eu");
        assert_eq!(label("Zürich", 50), "zürich");
        assert_eq!(label("  --  ", 50), "");
        assert_eq!(label(&"a".repeat(80), 50).len(), 50);
        assert_eq!(tag("Payments API", 50), "Payments-API");
        assert_eq!(tag(&"é".repeat(60), 50).chars().count(), 50);
    }
}
