//! The status a body shows by itself, for a body pasted alone: a JSON `"status": 502`, a
//! page's `<title>502 Bad Gateway</title>` or heading, a code with its own reason leading a
//! line (`404 page not found`), a code in an error page's title (`Server Error (500)`), or
//! "Error 503" in a branded page's small print; and the code curl's `-w '%{http_code}'`
//! printed after the body. Pure.

use crate::code::StatusCode;

/// The valid status `text` starts with: three digits and no fourth.
fn leading_code(text: &str) -> Option<u16> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let code = digits.parse::<u16>().ok()?;
    (digits.len() == 3 && StatusCode::is_valid(code)).then_some(code)
}

/// Labels engineers give curl's `%{http_code}` in `-w` (lower case, spaces for `_`, `-`).
const WRITE_OUT_LABELS: &[&str] = &[
    "http code",
    "httpcode",
    "http status",
    "http status code",
    "status",
    "status code",
    "code",
    "http",
    "response code",
    "response",
];

/// The code `curl -s -w '\n%{http_code}'` (or `-w 'status: %{http_code}'`, or with no
/// newline, `{...}504`) printed after the body: the code and the body without it. Only on
/// the body's last line, and only alone or after a label, so a count in the text is no code.
pub(super) fn trailing_write_out_code(body: &str) -> Option<(u16, String)> {
    let trimmed = body.trim_end();
    let (before, last) = trimmed.rsplit_once('\n').unwrap_or(("", trimmed));
    let last = last.trim();
    if let Some(code) = labelled_code(last) {
        return Some((code, before.trim_end().to_owned()));
    }
    // `-w '%{http_code}'` with no newline: the digits end the body's own last line, right
    // after a JSON object or an HTML page's end.
    let digits = last.len() - last.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits != 3 || last.len() == 3 {
        return None;
    }
    let code = leading_code(&last[last.len() - 3..])?;
    let kept = &trimmed[..trimmed.len() - 3];
    let ends_a_document = serde_json::from_str::<serde_json::Value>(kept.trim()).is_ok()
        || kept.trim_end().to_lowercase().ends_with("</html>");
    ends_a_document.then(|| (code, kept.trim_end().to_owned()))
}

/// `504`, `HTTP 504`, `status: 504`, `http_code=504`: a line that is a code and at most a
/// label from [`WRITE_OUT_LABELS`].
fn labelled_code(line: &str) -> Option<u16> {
    // Digits are one byte each: counting them from the end keeps the split on a boundary.
    let digits_at = line.len() - line.chars().rev().take_while(char::is_ascii_digit).count();
    let (label, digits) = line.split_at(digits_at);
    if digits.len() != 3 {
        return None;
    }
    let label = label
        .trim()
        .trim_end_matches([':', '='])
        .trim()
        .to_lowercase()
        .replace(['_', '-'], " ");
    let known = label.is_empty() || WRITE_OUT_LABELS.contains(&label.as_str());
    known.then(|| leading_code(digits)).flatten()
}

/// A status written in a body alone: `"status": 502`, `<title>502 Bad Gateway</title>`,
/// `<h1>503 Service Unavailable</h1>`.
pub(super) fn status_from_body(body: &str) -> Option<u16> {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(body.trim()) {
        for key in ["status", "statusCode", "status_code", "code"] {
            let found = value
                .get(key)
                .or_else(|| value.get("error").and_then(|e| e.get(key)))
                // JSON:API's error objects carry the status as a string.
                .or_else(|| {
                    value
                        .get("errors")
                        .and_then(|e| e.get(0))
                        .and_then(|e| e.get(key))
                })
                .and_then(|v| {
                    v.as_u64()
                        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                })
                .and_then(|v| u16::try_from(v).ok())
                .filter(|c| StatusCode::is_valid(*c));
            if found.is_some() {
                return found;
            }
        }
    }
    let lower = body.to_lowercase();
    // Kubernetes ingress-nginx's default backend ("default backend - 404"), then a page's
    // title or heading that starts with its code.
    let after = |mark: &str| lower.find(mark).map(|at| &lower[at + mark.len()..]);
    if let Some(code) = after("default backend - ").and_then(leading_code) {
        return Some(code);
    }
    // Jetty's page for a request it could not parse (`<h1>Bad Message 431</h1>`), Symfony's
    // error page (`The server returned a "404 Not Found".`).
    for mark in ["<h1>bad message ", "the server returned a \""] {
        if let Some(code) = after(mark).and_then(leading_code) {
            return Some(code);
        }
    }
    for tag in ["<title>", "<h1>"] {
        if let Some(code) = after(tag).and_then(|rest| leading_code(rest.trim_start())) {
            return Some(code);
        }
    }
    titled_error_code(&lower)
        .or_else(|| code_with_its_reason(body))
        .or_else(|| error_numbered(&lower))
}

/// "Error 503" in a page's text (a branded error page's small print: "Error 503 · reference
/// 32809"): an error status after the word "error".
fn error_numbered(lower: &str) -> Option<u16> {
    lower.match_indices("error ").find_map(|(at, word)| {
        let after = &lower[at + word.len()..];
        let code = leading_code(after).filter(|c| (400..600).contains(c))?;
        // What follows is punctuation, markup or nothing: "Error 500 rows" counts rows.
        let rest = after.get(3..).unwrap_or("").trim_start();
        let ends = rest.is_empty()
            || rest.starts_with(['<', '&', '·', '-', '—', ':', '(', ')', ',', '.', '|']);
        ends.then_some(code)
    })
}

/// A line that starts with a code followed by that code's own reason phrase, as servers
/// write their plain-text and JSON errors: `404 page not found` (Go), `⚠️ 500 — Internal
/// Server Error` (Sanic), `{"title": "503 Service Unavailable"}` (Falcon), `Error 500:
/// Internal Server Error` (civetweb). The reason must
/// follow the code on its line, so a count ("500 orders") is no status.
fn code_with_its_reason(body: &str) -> Option<u16> {
    let mut lines: Vec<String> = body.lines().take(3).map(str::to_lowercase).collect();
    if let Ok(serde_json::Value::Object(object)) =
        serde_json::from_str::<serde_json::Value>(body.trim())
    {
        lines = ["title", "error", "message", "detail"]
            .iter()
            .filter_map(|k| object.get(*k).and_then(|v| v.as_str()))
            .map(str::to_lowercase)
            .collect();
    }
    lines.iter().find_map(|line| {
        // Only marks (an emoji, a quote) and a word that names what follows ("Error 500:",
        // civetweb's) may come before the code.
        let start = line.find(|c: char| c.is_alphanumeric())?;
        let rest = &line[start..];
        let rest = ["http error ", "error ", "http ", "status "]
            .iter()
            .find_map(|word| rest.strip_prefix(word))
            .unwrap_or(rest);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let code = digits
            .parse::<u16>()
            .ok()
            .filter(|c| digits.len() == 3 && (400..600).contains(c))?;
        let reason = crate::runbook::merged::reason_phrase(code)?.to_lowercase();
        let after = &rest[3..];
        let near: String = after.chars().take(reason.chars().count() + 12).collect();
        let words_follow = after.starts_with([' ', ':', '-']) || after.is_empty();
        (words_follow && near.contains(&reason)).then_some(code)
    })
}

/// An error code later in an error page's title: `Server Error (500)` (Django), `Error 404
/// Not Found` (Jetty), `HTTP Status 404 – Not Found` (Tomcat). Only a 4xx or 5xx, and only
/// in a title that says error or status or puts the code in brackets, so that a page titled
/// "Top 500 products" has no status.
fn titled_error_code(lower: &str) -> Option<u16> {
    let start = lower.find("<title>")? + "<title>".len();
    let title = &lower[start..];
    let mut end = title.find("</title>").unwrap_or(title.len()).min(200);
    // 200 bytes may fall inside a character of a long title in another script.
    while !title.is_char_boundary(end) {
        end -= 1;
    }
    let title = &title[..end];
    let says_error = title.contains("error") || title.contains("status");
    title
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '(' && c != ')')
        .filter_map(|word| {
            let bracketed = word.starts_with('(') && word.ends_with(')');
            let digits = word.trim_matches(['(', ')']);
            let code = digits
                .parse::<u16>()
                .ok()
                .filter(|c| digits.len() == 3 && (400..600).contains(c))?;
            (bracketed || says_error).then_some(code)
        })
        .find(|c| StatusCode::is_valid(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_curl_wrote_after_the_body_is_read_and_taken_off_it() {
        let read = |body: &str| trailing_write_out_code(body);
        assert_eq!(
            read("{\"error\":\"upstream timed out\"}\n504\n"),
            Some((504, "{\"error\":\"upstream timed out\"}".to_owned()))
        );
        assert_eq!(
            read("{\"detail\":\"Not Found\"}\nHTTP_CODE=404").map(|r| r.0),
            Some(404)
        );
        assert_eq!(
            read("<html>oops</html>\nstatus: 503").map(|r| r.0),
            Some(503)
        );
        assert_eq!(read("{\"ok\":false}502").map(|r| r.0), Some(502));
        assert_eq!(read("<html><p>down</p></html>503").map(|r| r.0), Some(503));
        assert_eq!(read("504").map(|r| r.0), Some(504));
    }

    #[test]
    fn a_json_api_error_objects_status_is_read() {
        // Django REST framework's JSON:API renderer (round 88), the status a string.
        let body = r#"{"errors": [{"status": "502", "code": "bad_gateway", "detail": "inventory service unreachable"}]}"#;
        assert_eq!(status_from_body(body), Some(502));
        assert_eq!(status_from_body(r#"{"errors": []}"#), None);
        assert_eq!(
            status_from_body(r#"{"errors": [{"code": "bad_gateway"}]}"#),
            None
        );
    }

    #[test]
    fn numbers_that_are_the_body_s_own_are_no_code() {
        let read = |body: &str| trailing_write_out_code(body);
        assert_eq!(read("orders pending\ntotal 500"), None);
        assert_eq!(read("日本語 é ✓"), None);
        assert_eq!(read("✓504").map(|r| r.0), None);
        assert_eq!(read("{\"count\": 504}"), None);
        assert_eq!(read("retry in 120 seconds"), None);
        assert_eq!(read("id: 4044"), None);
        assert_eq!(read("batch 999"), None);
        assert_eq!(read("code 000"), None);
        assert_eq!(read("plain text ending 503"), None);
    }
}
