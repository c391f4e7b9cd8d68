//! Layout repairs before the rules read a text: a value wrapped onto the next line is joined
//! back, so a token cut by a terminal at 80 columns or by `curl --trace-ascii` at 64 bytes is
//! one token again. The rules match within a line; without this, only the first piece of a
//! wrapped secret would be found.

use std::borrow::Cow;

/// The shortest width taken for a hard wrap: narrower runs of equal lines are ordinary text.
const MIN_WRAP: usize = 60;

/// `curl --trace-ascii` writes 64 bytes of data a line.
const TRACE_WIDTH: usize = 64;

/// Returns `text` with wrapped lines joined: a `--trace-ascii` line of 64 bytes runs on into
/// the next dump line (whose offset prefix is dropped), and in a run of two or more lines of
/// the same length (at least 60 characters) each line runs on into the next, the last of the
/// run into the shorter line that ends it. Everything else is kept as it is.
pub(super) fn unwrap_lines(text: &str) -> Cow<'_, str> {
    let text = split_dotted_headers(text);
    match unwrap_hard_wraps(&text) {
        Cow::Owned(joined) => Cow::Owned(joined),
        Cow::Borrowed(_) => text,
    }
}

/// `ngrep` and some packet tools print a request on one line with each CRLF as `..`
/// (`HTTP/1.1..Host: x..Authorization: Bearer y..Cookie: z`): each header gets its own line.
fn split_dotted_headers(text: &str) -> Cow<'_, str> {
    if !text.contains("HTTP/1.") || !text.contains("..") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.contains("HTTP/1.") {
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("..") {
            let after = &rest[at + 2..];
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(after.len());
            if name_len > 0 && after[name_len..].starts_with(": ") {
                out.push_str(&rest[..at]);
                out.push('\n');
                rest = after;
                changed = true;
            } else {
                out.push_str(&rest[..at + 2]);
                rest = after;
            }
        }
        out.push_str(rest);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

fn unwrap_hard_wraps(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.len() < 2 {
        return Cow::Borrowed(text);
    }
    // joins[i]: line i runs on into line i + 1 (and how much of line i + 1 to skip).
    let mut joins: Vec<Option<usize>> = vec![None; lines.len()];
    for i in 0..lines.len() - 1 {
        if let (Some((at, payload)), Some((next_at, _))) =
            (trace_line(lines[i]), trace_line(lines[i + 1]))
            && payload.len() == TRACE_WIDTH
            && next_at == at + TRACE_WIDTH
        {
            joins[i] = Some(6);
        }
    }
    let width = |line: &str| line.chars().count();
    let mut i = 0;
    while i + 1 < lines.len() {
        let w = width(lines[i]);
        if w < MIN_WRAP || joins[i].is_some() || trace_line(lines[i]).is_some() {
            i += 1;
            continue;
        }
        let mut end = i;
        while end + 1 < lines.len() && width(lines[end + 1]) == w {
            end += 1;
        }
        // Three full lines at least, none already redacted: two lines of equal length are
        // a coincidence often enough, and text redacted once must read the same again.
        let marked = lines[i..=end].iter().any(|line| line.contains(super::MARK));
        if end >= i + 2 && !marked {
            // The run's lines, and the line that ends the run when it is not empty.
            for join in &mut joins[i..end] {
                *join = Some(0);
            }
            if end + 1 < lines.len() && !lines[end + 1].trim().is_empty() {
                joins[end] = Some(0);
            }
        }
        i = end + 1;
    }
    // In a `--trace-ascii` dump every offset goes, so a multipart body or a header block
    // reads as it was sent.
    let dump = text.contains("=> Send") || text.contains("<= Recv");
    let strip: Vec<bool> = lines
        .iter()
        .map(|line| dump && trace_line(line).is_some())
        .collect();
    if joins.iter().all(Option::is_none) && !strip.contains(&true) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut carry = 0;
    for (i, line) in lines.iter().enumerate() {
        let skip = if strip[i] { 6 } else { carry };
        carry = 0;
        out.push_str(line.get(skip..).unwrap_or(""));
        match joins[i] {
            Some(next_skip) => carry = next_skip,
            None if i + 1 < lines.len() => out.push('\n'),
            None => {}
        }
    }
    Cow::Owned(out)
}

/// A `--trace-ascii` dump line: `0040: data`, its offset and its data.
fn trace_line(line: &str) -> Option<(usize, &str)> {
    let (offset, rest) = line.split_at_checked(4)?;
    if !offset.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let payload = rest.strip_prefix(": ")?;
    Some((usize::from_str_radix(offset, 16).ok()?, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_dump_lines_of_64_bytes_run_on() {
        let first = format!("0075: Authorization: Bearer {}", "a".repeat(42));
        let text = format!("{first}\n00b5: bcdef.ghij\n00c0: Accept: */*\n");
        assert_eq!(
            unwrap_lines(&text),
            format!(
                "0075: Authorization: Bearer {}bcdef.ghij\n00c0: Accept: */*\n",
                "a".repeat(42)
            )
        );
    }

    #[test]
    fn a_hard_wrapped_run_is_joined_and_other_text_kept() {
        let a = "x".repeat(80);
        let text = format!("head\n{a}\n{a}\n{a}\ntail\n\nnext");
        assert_eq!(unwrap_lines(&text), format!("head\n{a}{a}{a}tail\n\nnext"));
        let two = format!("{a}\n{a}\n");
        assert!(matches!(unwrap_lines(&two), Cow::Borrowed(_)));
        let ordinary = "short line\nanother one\n";
        assert!(matches!(unwrap_lines(ordinary), Cow::Borrowed(_)));
    }
}
