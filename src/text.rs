//! Text at the edges of the program: `normalize` is the one way in (every paste, pipe, file
//! and typed answer), `sanitize`/`sanitize_json` the one way out (screen, stdout, clipboard,
//! files), plus wrapping.
//!
//! After [`normalize`], text holds no control character but tab and newline: line breaks are
//! `\n` whatever the terminal sent (CRLF, or a lone CR as xterm, VTE and tmux paste them),
//! colour codes are gone, and any other escape sequence or control is spelled out as visible
//! text (`\e]52;c;...`), so the parsers and the redactor read clean text and a hostile header
//! can never drive the terminal later.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Text with CRLF line breaks pasted through a terminal, which sends each LF as a CR: no LF
/// left and every run of CRs of even length (a blank line is then four). The run that ends
/// the text may be odd: a body ends with the file's own newline, not a CRLF.
fn crlf_pasted_as_cr(raw: &str) -> bool {
    if raw.contains('\n') {
        return false;
    }
    let within = raw.trim_end_matches('\r');
    let runs: Vec<&str> = within
        .split(|c| c != '\r')
        .filter(|run| !run.is_empty())
        .collect();
    // One pair alone may as well be a blank line between two lines of LF text.
    runs.len() >= 2 && runs.iter().all(|run| run.len() % 2 == 0)
}

/// Returns `raw` as it is kept and read everywhere: line breaks as `\n`, colour codes (SGR)
/// dropped, every other escape sequence and control character written as visible text.
/// Idempotent: normalising normalised text changes nothing.
pub fn normalize(raw: &str) -> Cow<'_, str> {
    if !raw.chars().any(|c| c == '\r' || is_unsafe(c)) {
        return Cow::Borrowed(raw);
    }
    let doubled = crlf_pasted_as_cr(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\r' => {
                // CRLF and a lone CR are both one line break; so is CR CR where a terminal
                // turned every LF of CRLF text into a CR.
                if chars
                    .peek()
                    .is_some_and(|&(_, next)| next == '\n' || doubled && next == '\r')
                {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{1b}' | '\u{9b}' | '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                let len = escape_len(&raw[at..]);
                let sequence = &raw[at..at + len];
                if !is_cosmetic(sequence) {
                    push_visible(&mut out, sequence);
                }
                // Skip the rest of the sequence (its first char is already consumed).
                while chars.peek().is_some_and(|&(next, _)| next < at + len) {
                    chars.next();
                }
            }
            c if is_unsafe(c) => push_visible_char(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The length in bytes of the escape sequence at the start of `s` (which starts with ESC or an
/// 8-bit C1 introducer): CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings, or ESC and one
/// more character. An unterminated string sequence runs to the end of the line.
fn escape_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let (kind, body_start) = match first {
        '\u{9b}' => ('[', first.len_utf8()),
        '\u{9d}' => (']', first.len_utf8()),
        '\u{90}' => ('P', first.len_utf8()),
        '\u{98}' | '\u{9e}' | '\u{9f}' => ('X', first.len_utf8()),
        _ => match chars.next() {
            Some((at, c @ ('[' | ']' | 'P' | 'X' | '^' | '_'))) => (c, at + 1),
            // A character set designation: ESC ( B, as `tput sgr0` writes.
            Some((at, '(' | ')' | '*' | '+')) => {
                return match chars.next() {
                    Some((next, c)) if !c.is_control() => next + c.len_utf8(),
                    _ => at + 1,
                };
            }
            // ESC and one printable character (ESC 7, ESC c...); a lone ESC is one char.
            Some((at, c)) if !c.is_control() && c != '\n' => return at + c.len_utf8(),
            _ => return first.len_utf8(),
        },
    };
    let body = &s[body_start..];
    if kind == '[' {
        // Parameters and intermediates (0x20-0x3f), then one final byte (0x40-0x7e).
        for (i, c) in body.char_indices() {
            match c {
                '\u{20}'..='\u{3f}' => {}
                '\u{40}'..='\u{7e}' => return body_start + i + 1,
                _ => return body_start + i,
            }
        }
        return s.len();
    }
    // A string sequence ends at BEL (OSC only), ST (ESC \ or 0x9c), or the end of the line.
    let mut it = body.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '\u{7}' | '\u{9c}' => return body_start + i + c.len_utf8(),
            '\u{1b}' => {
                if it.peek().is_some_and(|&(_, n)| n == '\\') {
                    return body_start + i + 2;
                }
                return body_start + i;
            }
            '\n' | '\r' => return body_start + i,
            _ => {}
        }
    }
    s.len()
}

/// Whether an escape sequence only decorates what colour tools print: colours and text
/// attributes (SGR, `ESC [ ... m`), erasing to the end of the line (`ESC [ K`, which
/// `grep --color` writes after every match) and character set designations (`ESC ( B`).
/// Dropping them loses nothing, and spelling them out would split a header name in two.
fn is_cosmetic(sequence: &str) -> bool {
    if sequence.len() == 3
        && sequence.starts_with('\u{1b}')
        && matches!(sequence.as_bytes()[1], b'(' | b')' | b'*' | b'+')
    {
        return true;
    }
    let body = sequence
        .strip_prefix("\u{1b}[")
        .or_else(|| sequence.strip_prefix('\u{9b}'));
    body.and_then(|b| b.strip_suffix('m').or_else(|| b.strip_suffix('K')))
        .is_some_and(|params| {
            params
                .chars()
                .all(|c| c.is_ascii_digit() || c == ';' || c == ':')
        })
}

fn push_visible(out: &mut String, text: &str) {
    for c in text.chars() {
        if is_unsafe(c) || c == '\r' || c == '\n' {
            push_visible_char(out, c);
        } else {
            out.push(c);
        }
    }
}

fn push_visible_char(out: &mut String, c: char) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// The one sanitizer for text leaving the program for a human (terminal, clipboard, Markdown
/// or text file): every control character but tab and newline, every C1 control and every
/// bidirectional control is written as visible text, so nothing can move the cursor, set the
/// clipboard, rename the window, hide a link or reorder what is read.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    sanitize_keeping(text, &[])
}

/// Like [`sanitize`], but keeps the exact escape sequences in `keep` (the CLI's own bold and
/// reset), which cannot do anything but change the weight of the text.
pub fn sanitize_keeping<'t>(text: &'t str, keep: &[&str]) -> Cow<'t, str> {
    if !text
        .chars()
        .any(|c| c != '\n' && (is_unsafe(c) || c == '\r'))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}'
            && let Some(kept) = keep.iter().find(|k| rest.starts_with(**k))
        {
            out.push_str(kept);
            rest = &rest[kept.len()..];
            continue;
        }
        if c != '\n' && (is_unsafe(c) || c == '\r') {
            push_visible_char(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The sanitizer for JSON leaving the program: serde already escapes C0 controls; this also
/// escapes DEL, C1 and bidirectional controls as `\uXXXX`, which can only occur inside
/// strings, so the document means the same and shows nothing harmful when printed.
pub fn sanitize_json(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Returns `text` with every control character (other than tab) written as a visible escape,
/// so that text from a runbook or a paste can never drive the terminal. For one-line places:
/// a line break is shown as `\n`.
pub fn visible(text: &str) -> String {
    if !text.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\r') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    push_visible(&mut out, text);
    out
}

/// Like [`visible`], but keeps line breaks (any of CRLF, CR, LF), for multi-line text.
pub fn visible_multiline(text: &str) -> String {
    normalize(text).into_owned()
}

/// Whether `c` must never reach a terminal or a human's file as it is: C0 controls but tab
/// and newline, DEL, C1 controls, and the bidirectional controls that can reorder what is
/// shown (embeddings, overrides, isolates, and the marks).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        )
}

/// Wraps `text` to `width` columns at spaces. A word is split only when it alone is longer
/// than the line, and then after a `_`, `/`, `.`, `,`... where one falls late enough in the
/// line, and never so that punctuation starts a line alone ("size" / "." ).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_hanging(text, width, width)
}

/// Like [`wrap`], with a first line of `first` columns and the others of `rest` (a label or
/// a number before the first line, a hanging indent before the others): each line is as long
/// as it really is, so a word that fits the line it lands on is never split.
pub fn wrap_hanging(text: &str, first: usize, rest: usize) -> Vec<String> {
    let (first, rest) = (first.max(8), rest.max(8));
    let width = first.max(rest);
    // Break only at spaces: the defaults also break after `/` and at hyphens, splitting URLs
    // and command flags. textwrap's own `break_words` cuts an over-long word at exactly the
    // width, wherever that falls: "target_status_cod" / "e", or "proxy_buffer_size" / "." at
    // the start of the next line. So it is off, and over-long words are cut here first, to
    // the width of the lines most of them land on.
    let (initial, subsequent) = (" ".repeat(width - first), " ".repeat(width - rest));
    let options = textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
        .initial_indent(&initial)
        .subsequent_indent(&subsequent);
    let fitted = split_long_words(text, rest);
    textwrap::wrap(&fitted, options)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let indent = if i == 0 { &initial } else { &subsequent };
            line.strip_prefix(indent.as_str())
                .unwrap_or(&line)
                .to_owned()
        })
        .collect()
}

/// `text` with every word longer than `width` cut into pieces of at most `width`, separated
/// by a space. Each piece but the last is at least half a line, and a piece and the rest of
/// its word are together longer than a line, so two pieces never share a line: the space
/// only ever becomes a line break.
fn split_long_words(text: &str, width: usize) -> Cow<'_, str> {
    if text
        .split([' ', '\n'])
        .all(|word| display_width(word) <= width)
    {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| split_long_words_of_line(line, width))
        .collect();
    Cow::Owned(lines.join("\n"))
}

fn split_long_words_of_line(line: &str, width: usize) -> String {
    let words: Vec<String> = line
        .split(' ')
        .map(|word| {
            let mut rest = word;
            let mut pieces = Vec::new();
            while display_width(rest) > width {
                let cut = cut_point(rest, width, width);
                pieces.push(&rest[..cut]);
                rest = &rest[cut..];
            }
            pieces.push(rest);
            pieces.join(" ")
        })
        .collect();
    words.join(" ")
}

/// Where to cut `word` (longer than `room` columns) so its first piece fits in `room`: after
/// the last space in the second half of the line (a quoted command argument), else after the
/// last separator there (`_` `/` `.` `,` `-` `:` `=` `&` `|` `;` `?`), else as late as fits;
/// always so the rest keeps a letter or digit, so punctuation never starts a line alone.
/// Cuts at least one character off when it can.
fn cut_point(word: &str, room: usize, line: usize) -> usize {
    let mut fits = Vec::new();
    let mut used = 0;
    for (at, c) in word.char_indices() {
        used += char_width(c);
        if used > room {
            break;
        }
        fits.push((at + c.len_utf8(), c));
    }
    let keeps_a_word = |at: usize| at < word.len() && word[at..].chars().any(char::is_alphanumeric);
    // Rounded up: two pieces of half a line each and the space between are longer than it.
    let half = line.div_ceil(2);
    let late = |after: fn(char) -> bool| {
        fits.iter()
            .enumerate()
            .rev()
            .find(|(i, (at, c))| *i + 1 >= half && after(*c) && keeps_a_word(*at))
            .map(|(_, (at, _))| *at)
    };
    late(|c| c == ' ')
        .or_else(|| late(is_break_after))
        .or_else(|| {
            fits.iter()
                .rev()
                .find(|(at, _)| keeps_a_word(*at))
                .map(|(at, _)| *at)
        })
        .or_else(|| fits.last().map(|(at, _)| *at))
        .unwrap_or_else(|| word.chars().next().map_or(0, char::len_utf8))
}

/// Characters a long word may be cut after, keeping what they end with them.
fn is_break_after(c: char) -> bool {
    matches!(
        c,
        '_' | '/' | '.' | ',' | '-' | ':' | '=' | '&' | '|' | ';' | '?'
    )
}

fn display_width(text: &str) -> usize {
    textwrap::core::display_width(text)
}

fn char_width(c: char) -> usize {
    let mut buf = [0; 4];
    textwrap::core::display_width(c.encode_utf8(&mut buf))
}

/// How [`wrap_command`] treats a shell word longer than the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWords {
    /// Left whole, past the width: plain text on a terminal, whose own soft wrap keeps it
    /// one piece for copying.
    Keep,
    /// Cut into pieces that fit, each followed by the mark: a box cuts off what passes its
    /// border.
    Break,
}

/// The mark that ends every line of a wrapped command but its last.
pub const CONTINUATION: char = '\\';

/// Wraps a one-line shell command to `width` columns. Lines break between the shell's words
/// (at a space outside quotes), never inside a word unless the word alone is longer than the
/// line and `long` is [`LongWords::Break`]. Every line but the last ends with the
/// [`CONTINUATION`] mark, which is the shell's own line continuation: a backslash before the
/// line break removes both, so a command copied off the screen still runs as one. The space
/// before a mark between words is the command's own, so removing each line's final mark and
/// joining the lines gives back the command exactly. Inside single quotes the shell keeps
/// `\⏎` as it is, so a word broken there (a long `grep -E '...'` pattern) needs its marks
/// removed by hand when copied off the screen; `y` copies the exact command instead.
/// Continuation lines are not indented here: that is the caller's layout.
pub fn wrap_command(command: &str, width: usize, long: LongWords) -> Vec<String> {
    let width = width.max(8);
    let words = shell_word_spans(command);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut previous_end = 0;
    for (index, &(start, end)) in words.iter().enumerate() {
        let gap = &command[previous_end..start];
        previous_end = end;
        // Room kept after the word for breaking behind it: the next gap and the mark.
        let reserve = words
            .get(index + 1)
            .map_or(0, |&(next, _)| display_width(&command[end..next]) + 1);
        let word = &command[start..end];
        if display_width(&line) + display_width(gap) + display_width(word) + reserve <= width {
            line.push_str(gap);
            line.push_str(word);
            continue;
        }
        // The previous word's reserve guarantees that the gap and the mark fit. Spaces
        // before the first word stay, to give the command back exactly.
        line.push_str(gap);
        let breaking = long == LongWords::Break && display_width(word) + reserve > width;
        // A word to be broken anyway starts on this line when a good part of it fits.
        let room_left = width.saturating_sub(display_width(&line) + 1);
        let starts_here = breaking && room_left >= width / 3;
        if !line.trim().is_empty() && !starts_here {
            line.push(CONTINUATION);
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while long == LongWords::Break
            && display_width(&line) + display_width(rest) + reserve > width
        {
            let room = width.saturating_sub(display_width(&line) + 1).max(1);
            let cut = cut_point(rest, room, room);
            if cut >= rest.len() {
                // Only a gap wider than the line follows: nothing better to do.
                break;
            }
            line.push_str(&rest[..cut]);
            line.push(CONTINUATION);
            lines.push(std::mem::take(&mut line));
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    line.push_str(&command[previous_end..]);
    lines.push(line);
    lines
}

/// The byte ranges of a shell command's words as written (quotes and escapes kept), split
/// only at whitespace outside quotes: every gap between two of them is a safe place for a
/// line continuation.
pub fn shell_word_spans(command: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in command.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('"') | None, '\\') => {
                escaped = true;
                start.get_or_insert(i);
            }
            (Some(_), _) => {}
            (None, '\'' | '"') => {
                quote = Some(c);
                start.get_or_insert(i);
            }
            (None, c) if c.is_whitespace() => {
                if let Some(from) = start.take() {
                    words.push((from, i));
                }
            }
            (None, _) => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(from) = start {
        words.push((from, command.len()));
    }
    words
}

/// `text` on one line: every run of line breaks, tabs and other control characters becomes
/// one space.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
            gap = true;
        } else {
            if gap && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out.trim().to_owned()
}

/// `text` as it is when it has at most `max` characters; else its start and its end with
/// "…" between and the full length after, so that a URL of 8 KB (a 414's, a scanner's) shows
/// its host, path and last characters on one line instead of filling the screen.
pub fn elide_middle(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let tail = max / 4;
    let head = max.saturating_sub(tail + 1);
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end} ({count} characters)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_keeps_its_ends_and_says_its_length() {
        assert_eq!(elide_middle("short", 10), "short");
        let url = format!("http://api.example.test/q?x={}&end=1", "b".repeat(8000));
        let shown = elide_middle(&url, 100);
        assert!(
            shown.starts_with("http://api.example.test/q?x=bbb"),
            "{shown}"
        );
        assert!(shown.contains("b…b"), "{shown}");
        let length = format!(" ({} characters)", url.chars().count());
        assert!(shown.ends_with(&format!("&end=1{length}")), "{shown}");
        assert_eq!(shown.chars().count(), 100 + length.len());
        // Never cut inside a character.
        let wide = "é".repeat(300);
        assert!(elide_middle(&wide, 50).starts_with("éé"));
    }

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
    fn crlf_text_pasted_through_a_terminal_keeps_one_break_a_line() {
        // `tmux paste-buffer -p` (or a terminal) sends each LF of CRLF text as a CR.
        let pasted = "HTTP/1.1 502 Bad Gateway\r\rServer: nginx\r\r\r\r<html></html>\r\r";
        assert_eq!(
            normalize(pasted),
            "HTTP/1.1 502 Bad Gateway\nServer: nginx\n\n<html></html>\n"
        );
        // A CR paste of LF text keeps its blank line (a lone CR elsewhere says so).
        assert_eq!(normalize("a\rb\r\rc\r"), "a\nb\n\nc\n");
        assert_eq!(normalize("a\r\rb\r"), "a\n\nb\n");
        // A CRLF file whose body ends with the file's own LF, not a CRLF (curl -si > file).
        assert_eq!(
            normalize("HTTP/1.1 400 Bad Request\r\rServer: nginx\r\r\r\r{\"error\":1}\r"),
            "HTTP/1.1 400 Bad Request\nServer: nginx\n\n{\"error\":1}\n"
        );
    }

    #[test]
    fn pasted_line_breaks_become_newlines_whatever_the_terminal_sent() {
        assert_eq!(normalize("a\rb\r\nc\nd\r"), "a\nb\nc\nd\n");
        assert_eq!(
            normalize("< HTTP/1.1 502\r< Server: nginx\r")
                .lines()
                .count(),
            2
        );
    }

    #[test]
    fn colour_codes_vanish_and_other_sequences_are_spelled_out() {
        assert_eq!(
            normalize("\u{1b}[36mX-Api-Key\u{1b}[39m: v\u{1b}[0m"),
            "X-Api-Key: v"
        );
        assert_eq!(normalize("\u{1b}[1;38;5;208mhot\u{1b}[m"), "hot");
        // grep --color and tput sgr0 decorations around a header name.
        assert_eq!(
            normalize("> \u{1b}[01;31m\u{1b}[KCookie\u{1b}[m\u{1b}[K: s=1\u{1b}(B\u{1b}[m"),
            "> Cookie: s=1"
        );
        assert_eq!(
            normalize("Server: x\u{1b}]52;c;cm0=\u{7}y"),
            "Server: x\\e]52;c;cm0=\\u{7}y"
        );
        assert_eq!(normalize("a\u{1b}]0;pwned\u{1b}\\b"), "a\\e]0;pwned\\e\\b");
        assert_eq!(normalize("wipe\u{1b}[2J"), "wipe\\e[2J");
        assert_eq!(normalize("c1\u{9b}2Jx"), "c1\\u{9b}2Jx");
        assert_eq!(normalize("rtl\u{202e}x"), "rtl\\u{202e}x");
        assert_eq!(normalize("tab\tkept"), "tab\tkept");
        // An unterminated OSC stops at the line end and leaves the next line alone.
        assert_eq!(
            normalize("a\u{1b}]8;;http://x\nnext"),
            "a\\e]8;;http://x\nnext"
        );
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        for raw in [
            "a\r\nb\u{1b}[31mc\u{1b}]52;c;x\u{7}\u{9b}\u{202e}",
            "plain",
            "\u{1b}",
            "\u{1b}[",
        ] {
            let once = normalize(raw).into_owned();
            assert_eq!(normalize(&once), once);
            assert!(!once.chars().any(|c| is_unsafe(c) || c == '\r'), "{once:?}");
        }
    }

    #[test]
    fn the_exit_sanitizer_leaves_no_control_but_tab_and_newline() {
        let hostile = "a\u{1b}]52;c;cm0=\u{7}\u{9b}2J\u{202e}\r\u{0}\u{7f}\tb\nc";
        let out = sanitize(hostile);
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\t' && c != '\n'),
            "{out:?}"
        );
        assert!(!out.contains('\u{202e}'));
        assert!(out.contains("\tb\nc"));
        assert_eq!(
            sanitize_keeping("\u{1b}[1mT\u{1b}[0m \u{1b}[2J", &["\u{1b}[1m", "\u{1b}[0m"]),
            "\u{1b}[1mT\u{1b}[0m \\e[2J"
        );
    }

    #[test]
    fn json_keeps_its_meaning_and_loses_its_controls() {
        let value = serde_json::json!({"server": "x\u{9b}2J\u{202e}\u{1b}]0;t\u{7}"});
        let raw = serde_json::to_string(&value).unwrap();
        let safe = sanitize_json(&raw);
        assert!(
            !safe.chars().any(|c| c.is_control() || is_unsafe(c)),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
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

    /// A prose sentence with long identifiers, as the runbook's places and causes have.
    const PROSE: &str = "ALB access log: a target_status_code of - means the target never \
                         answered; headers bigger than proxy_buffer_size. Often seen with \
                         https://api.example.com/v1/orders?expand=items,customer too.";

    #[test]
    fn wrap_splits_a_word_only_when_it_alone_is_longer_than_the_line() {
        let words: Vec<&str> = PROSE.split(' ').collect();
        for width in 8..=80 {
            let lines = wrap(PROSE, width);
            for line in &lines {
                assert!(line.chars().count() <= width, "{width}: {lines:?}");
                // Punctuation is never left alone at a line start: ". Often".
                let first = line.split(' ').next().unwrap_or_default();
                assert!(
                    first.chars().any(char::is_alphanumeric) || first == "-",
                    "{width}: {line:?} in {lines:?}"
                );
                for piece in line.split(' ') {
                    if words.contains(&piece) {
                        continue;
                    }
                    let whole = words.iter().find(|w| w.contains(piece)).unwrap();
                    assert!(
                        whole.chars().count() > width,
                        "{width}: `{whole}` fits but was split: {lines:?}"
                    );
                }
            }
            // Nothing lost: the pieces give back every word.
            assert_eq!(
                lines.join("").replace(' ', ""),
                PROSE.replace(' ', ""),
                "{width}"
            );
        }
    }

    #[test]
    fn a_long_word_is_cut_after_a_separator_and_keeps_its_punctuation() {
        assert_eq!(
            wrap("a target_status_code of", 15),
            ["a", "target_status_", "code of"]
        );
        assert_eq!(
            wrap("than proxy_buffer_size. Often", 17),
            ["than", "proxy_buffer_", "size. Often"]
        );
        // No separator late enough: cut as late as fits, but never before a lone period.
        assert_eq!(
            wrap("x abcdefghijklmnopq. y", 17),
            ["x", "abcdefghijklmnop", "q. y"]
        );
    }

    #[test]
    fn each_line_is_as_long_as_it_really_is() {
        // A compare column: "When: " before the first line, two spaces before the others.
        // Wrapped at the first line's width, "ingress-nginx" was cut though the later lines
        // had room for it.
        let text = "Exception: ingress-nginx answers 500 itself when its auth-url fails.";
        let lines = wrap_hanging(text, 12, 16);
        assert!(
            lines.iter().any(|l| l.contains("ingress-nginx")),
            "{lines:?}"
        );
        assert!(lines[0].chars().count() <= 12, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 16), "{lines:?}");
    }

    /// The 502 card's first place: long, with a quoted pattern longer than most lines.
    const KUBECTL: &str = "kubectl -n ingress-nginx logs -l \
        app.kubernetes.io/component=controller --since=15m --tail=-1 --prefix \
        --max-log-requests=20 | grep -E 'prematurely closed|connect\\(\\) failed|reset by \
        peer|too big header|no live upstreams'";

    /// A team's command with one word longer than any line.
    const CUSTOM_COLUMNS: &str = "kubectl -n payments get pods -l app=payments-api -o \
        custom-columns=POD:.metadata.name,RESTARTS:.status.containerStatuses[0].restartCount,\
        LAST:.status.containerStatuses[0].lastState.terminated.reason";

    /// The lines joined back as a shell would: each final mark removed.
    fn unwrapped(lines: &[String]) -> String {
        let last = lines.len() - 1;
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if i < last {
                    l.strip_suffix(CONTINUATION).expect("a continuation mark")
                } else {
                    l.as_str()
                }
            })
            .collect()
    }

    /// The byte offsets in `command` where `lines` break it.
    fn breaks(lines: &[String]) -> Vec<usize> {
        let mut at = 0;
        let mut out = Vec::new();
        for line in &lines[..lines.len() - 1] {
            at += line.len() - 1;
            out.push(at);
        }
        out
    }

    #[test]
    fn a_command_wraps_between_shell_words_with_a_continuation_mark() {
        for command in [KUBECTL, CUSTOM_COLUMNS] {
            let words = shell_word_spans(command);
            for width in [40, 60, 78] {
                let lines = wrap_command(command, width, LongWords::Break);
                assert!(lines.len() > 1, "{width}: {lines:?}");
                for line in &lines {
                    assert!(line.chars().count() <= width, "{width}: {line:?}");
                }
                for line in &lines[..lines.len() - 1] {
                    assert!(line.ends_with(CONTINUATION), "{width}: {line:?}");
                }
                assert_eq!(unwrapped(&lines), command, "{width}: {lines:?}");
                for at in breaks(&lines) {
                    // At the start of a shell word (its gap and the mark end the line
                    // before), or inside a word that alone is longer than a line.
                    let at_word = words.iter().any(|(start, _)| *start == at);
                    let in_long = words
                        .iter()
                        .any(|(s, e)| *s < at && at < *e && e - s > width - 1);
                    assert!(at_word || in_long, "{width}: break at {at}: {lines:?}");
                    if at_word {
                        assert!(command[..at].ends_with(' '), "the shell's ` \\`");
                    }
                }
            }
        }
    }

    #[test]
    fn a_long_quoted_word_breaks_at_its_own_spaces_first() {
        for width in [60, 78] {
            let lines = wrap_command(KUBECTL, width, LongWords::Break);
            let broken = lines
                .iter()
                .find(|l| l.starts_with("'prematurely"))
                .expect("the pattern starts a line");
            // "…|too \" rather than "…|too big header|\": the mark after a space, as
            // between words.
            assert!(broken.ends_with(" \\"), "{width}: {lines:?}");
        }
    }

    #[test]
    fn a_short_command_is_one_line_and_kept_long_words_stay_whole() {
        assert_eq!(
            wrap_command("curl -sS https://x", 40, LongWords::Break),
            ["curl -sS https://x"]
        );
        let kept = wrap_command(CUSTOM_COLUMNS, 40, LongWords::Keep);
        assert!(
            kept.iter()
                .any(|l| l.starts_with("custom-columns=POD:") && l.contains("terminated.reason")),
            "{kept:?}"
        );
        assert_eq!(unwrapped(&kept), CUSTOM_COLUMNS);
    }

    #[test]
    fn one_line_folds_breaks_and_controls_into_single_spaces() {
        assert_eq!(one_line("a\nb\r\n\tc\u{1b}d"), "a b c d");
        assert_eq!(one_line("\n  lead and trail \n"), "lead and trail");
    }
}
