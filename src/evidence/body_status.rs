//! The status a body shows by itself, for a body pasted alone: a JSON `"status": 502`, a
//! page's `<title>502 Bad Gateway</title>` or heading, a code with its own reason leading a
//! line (`404 page not found`), a code in an error page's title (`Server Error (500)`), or
//! "Error 503" in a branded page's small print. Pure.

use crate::code::StatusCode;

/// The valid status `text` starts with: three digits and no fourth.
fn leading_code(text: &str) -> Option<u16> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let code = digits.parse::<u16>().ok()?;
    (digits.len() == 3 && StatusCode::is_valid(code)).then_some(code)
}

/// A status written in a body alone: `"status": 502`, `<title>502 Bad Gateway</title>`,
/// `<h1>503 Service Unavailable</h1>`.
pub(super) fn status_from_body(body: &str) -> Option<u16> {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(body.trim()) {
        for key in ["status", "statusCode", "status_code", "code"] {
            let found = value
                .get(key)
                .or_else(|| value.get("error").and_then(|e| e.get(key)))
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
