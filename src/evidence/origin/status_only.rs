//! Whether an error body says nothing but its status: "Bad Gateway", `{"error": "Not Found"}`,
//! `404: Not Found` twice in a bare page. A template or a router's default writes that; an app
//! that answers for a reason of its own names the thing it could not find or reach.

use super::Seen;

/// Every word the body says is the status code or a word of its reason phrase; ids and numbers
/// in JSON aside. False for an empty body or one with no words.
pub(super) fn says_only_its_status(seen: &Seen<'_>) -> bool {
    let Some(status) = seen.response.status else {
        return false;
    };
    let Some(reason) = crate::runbook::merged::reason_phrase(status) else {
        return false;
    };
    let text = match seen.json.as_ref() {
        Some(json) => {
            let mut texts = Vec::new();
            strings_in(json, &mut texts);
            texts
                .into_iter()
                .filter(|t| !id_like(t))
                .collect::<Vec<_>>()
                .join(" ")
        }
        None => without_tags(&seen.body),
    };
    let reason = reason.to_lowercase();
    let allowed: Vec<&str> = reason.split(' ').collect();
    let code = status.to_string();
    let mut words = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            let w = w.to_lowercase();
            w == code || allowed.contains(&w.as_str())
        })
}

/// A request id or trace id: long, one word, with a digit.
fn id_like(text: &str) -> bool {
    text.len() >= 12 && !text.contains(' ') && text.chars().any(|c| c.is_ascii_digit())
}

/// The text of an HTML page (or of plain text): what is outside `<...>`.
fn without_tags(body: &str) -> String {
    let mut text = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Every string value in `json`, however deep.
fn strings_in<'a>(json: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match json {
        serde_json::Value::String(text) => out.push(text),
        serde_json::Value::Array(items) => items.iter().for_each(|item| strings_in(item, out)),
        serde_json::Value::Object(map) => map.values().for_each(|value| strings_in(value, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::response::Response;

    fn only_status(status: u16, body: &str) -> bool {
        let response = Response {
            status: Some(status),
            body: body.to_owned(),
            ..Response::default()
        };
        let seen = Seen {
            response: &response,
            body: body.to_lowercase(),
            headers: Vec::new(),
            json: response.json_body(),
        };
        says_only_its_status(&seen)
    }

    #[test]
    fn a_body_that_restates_its_status_is_found() {
        assert!(only_status(
            502,
            r#"{"error":{"status":502,"message":"Bad Gateway","request_id":"1e55a2e3-d951-404c-8d9f"}}"#
        ));
        assert!(only_status(503, r#"{"error":"service_unavailable"}"#));
        assert!(only_status(
            404,
            "<html><title>404: Not Found</title><body>404: Not Found</body></html>"
        ));
        assert!(only_status(
            404,
            r#"{"statusCode":404,"error":"Not Found","message":"Not Found"}"#
        ));
    }

    #[test]
    fn a_body_that_says_more_is_not() {
        assert!(!only_status(
            504,
            r#"{"code":"UPSTREAM_TIMEOUT","message":"Gateway Timeout"}"#
        ));
        assert!(!only_status(404, r#"{"error":"Order 7 not found"}"#));
        assert!(!only_status(
            404,
            "<center><h1>404 Not Found</h1></center><hr><center>nginx/1.22.1</center>"
        ));
        assert!(!only_status(404, ""));
        assert!(!only_status(404, r#"{"id":7}"#));
    }
}
