//! What `openssl s_client` and `telnet` print around a response typed by hand: their report
//! above it is skipped by the plain reader; what they print after it (`s_client`'s read error
//! on the body's last line, TLS 1.3's session tickets, "read R BLOCK"; telnet's "Connection
//! closed by foreign host.") is taken off here, so the body is the server's alone.

use std::borrow::Cow;

/// Lines only `s_client` prints: the text is its output when one of them is in it.
const REPORT_MARKS: &[&str] = &[
    "CONNECTED(",
    "SSL handshake has read ",
    "Verify return code: ",
];

/// Where `s_client`'s own text starts again below the response.
const TRAILER_MARKS: &[&str] = &[
    "\n---\nPost-Handshake New Session Ticket arrived:",
    "\n---\nSSL-Session:",
    "\nread R BLOCK",
    "\nDONE\n",
];

/// telnet's last line when the server closes the connection; on the body's own last line
/// when the body has no newline at its end.
const TELNET_CLOSED: &str = "Connection closed by foreign host.";

/// `text` without what `s_client` or telnet printed after the response; unchanged when it is
/// neither's output or shows no response.
pub(super) fn without_trailer(text: &str) -> Cow<'_, str> {
    if let Some(at) = text.rfind(TELNET_CLOSED)
        && text[at + TELNET_CLOSED.len()..].trim().is_empty()
        && text.contains("\nEscape character is ")
    {
        return Cow::Owned(format!("{}\n", text[..at].trim_end()));
    }
    if !REPORT_MARKS.iter().any(|m| text.contains(m)) {
        return Cow::Borrowed(text);
    }
    let Some(response_at) = text.match_indices("\nHTTP/").map(|(at, _)| at + 1).next() else {
        return Cow::Borrowed(text);
    };
    let after = &text[response_at..];
    let read_error = after
        .find(":error:")
        .filter(|&at| after[..at].contains("\n\n"))
        .map(|at| {
            // The error's hexadecimal thread id is glued to the body's last line.
            let line_start = after[..at].rfind('\n').map_or(0, |n| n + 1);
            let id_digits = after[line_start..at]
                .chars()
                .rev()
                .take_while(char::is_ascii_hexdigit)
                .count();
            at - id_digits
        });
    let cut = TRAILER_MARKS
        .iter()
        .filter_map(|mark| after.find(mark))
        .chain(read_error)
        .min();
    match cut {
        Some(at) => {
            let mut kept = text[..response_at + at].to_owned();
            kept.push('\n');
            Cow::Owned(kept)
        }
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_s_client_prints_after_the_body_is_not_the_body() {
        let text = "CONNECTED(00000003)\n---\nSSL handshake has read 1337 bytes\n---\n\
                    HTTP/1.0 503 Service Unavailable\nContent-Type: application/json\n\n\
                    {\"error\":\"down\"}40974F9E157F0000:error:0A000126:SSL routines:ssl3_read_n:unexpected eof\n\
                    ---\nPost-Handshake New Session Ticket arrived:\nSSL-Session:\n---\nread R BLOCK\n";
        let kept = without_trailer(text);
        assert!(kept.ends_with("{\"error\":\"down\"}\n"), "{kept}");
    }

    #[test]
    fn telnet_s_closing_line_is_not_the_body() {
        let text = "Trying 127.0.0.1...\nConnected to localhost.\nEscape character is '^]'.\n\
                    GET / HTTP/1.1\nHost: x\n\nHTTP/1.1 502 Bad Gateway\nServer: nginx\n\n\
                    {\"error\":\"bad gateway\"}Connection closed by foreign host.\n";
        assert!(without_trailer(text).ends_with("{\"error\":\"bad gateway\"}\n"));
    }

    #[test]
    fn a_read_error_after_a_body_in_another_script_is_cut_on_a_boundary() {
        let text =
            "CONNECTED(00000003)\nHTTP/1.1 503 x\nServer: y\n\n日本語 é ✓ABC:error:0A000126:SSL\n";
        assert_eq!(
            without_trailer(text),
            "CONNECTED(00000003)\nHTTP/1.1 503 x\nServer: y\n\n日本語 é ✓\n"
        );
    }

    #[test]
    fn other_text_is_left_alone() {
        let text =
            "HTTP/1.1 500 Internal Server Error\n\n{\"error\":\"x:error:y\"}\n---\nread R BLOCK\n";
        assert_eq!(without_trailer(text), text);
    }
}
