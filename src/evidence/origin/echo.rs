//! Whether the body names what the request asked for or sent: an id from its path ("Order 7
//! not found" for `/orders/7`) or a field of the JSON it sent (`qty`). Only something that read
//! the request and looked into it writes that; a proxy's configured error page reads the same
//! for every request.

use super::{Seen, Signal, Toward};

/// The id-like segments of the request's path: they hold a digit (`7`, `ord_81f3`, a UUID) and
/// are not a version (`v1`) or the status itself.
fn path_ids(seen: &Seen<'_>) -> Vec<String> {
    let Some(url) = seen.response.url.as_deref() else {
        return Vec::new();
    };
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    // With a scheme the first piece is the host: its port is no id.
    let path = if without_scheme.len() < url.len() {
        without_scheme
            .find('/')
            .map_or("", |i| &without_scheme[i..])
    } else {
        without_scheme
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let status = seen.response.status.map(|s| s.to_string());
    path.split('/')
        .map(str::to_lowercase)
        .filter(|segment| {
            (1..=64).contains(&segment.len())
                && segment.chars().any(|c| c.is_ascii_digit())
                && segment
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
                && !is_version(segment)
                && status.as_deref() != Some(segment.as_str())
        })
        .collect()
}

fn is_version(segment: &str) -> bool {
    segment
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// `id` stands in `text` as a word of its own, not inside a path (`/orders/7`), a version
/// (`1.22.7`), a time (`12:07`) or a longer name; a JSON value (`"id":7`) counts.
fn stands_alone(text: &str, id: &str) -> bool {
    let bytes = text.as_bytes();
    let at = |i: Option<usize>| i.and_then(|i| bytes.get(i).copied());
    text.match_indices(id).any(|(start, _)| {
        let end = start + id.len();
        let before = at(start.checked_sub(1));
        let after = at(Some(end));
        let glued = |b: u8| b.is_ascii_alphanumeric() || b"-_/".contains(&b);
        // A dot or a colon between digits makes a version, a number or a time.
        let joins_digits = |b: u8, beyond: Option<u8>| {
            b".:".contains(&b) && beyond.is_some_and(|n| n.is_ascii_digit())
        };
        before.is_none_or(|b| !glued(b) && !joins_digits(b, at(start.checked_sub(2))))
            && after.is_none_or(|b| !glued(b) && !joins_digits(b, at(Some(end + 1))))
    })
}

/// The id from the request's path, or a field of the JSON the request sent, that the body
/// names, if any.
pub(super) fn request_named_in_body(seen: &Seen<'_>) -> Option<String> {
    if !seen.error() || seen.body.trim().is_empty() {
        return None;
    }
    let ids: Vec<String> = path_ids(seen)
        .into_iter()
        .chain(sent_fields(seen))
        .collect();
    if ids.is_empty() {
        return None;
    }
    // In a page, only the words a reader sees: a style sheet's "initial-scale=1" or "13px"
    // names no order 1.
    let text = words_of_page(&seen.body);
    ids.into_iter().find(|id| stands_alone(&text, id))
}

/// An HTML body with its `<style>` and `<script>` blocks and every tag (attributes included)
/// taken out; any other body as it is. The body is read in lower case already.
fn words_of_page(body: &str) -> std::borrow::Cow<'_, str> {
    let start = body.trim_start();
    if !(start.starts_with("<!doctype html") || start.starts_with("<html")) {
        return std::borrow::Cow::Borrowed(body);
    }
    let mut text = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag = &rest[open..];
        // A style sheet or a script runs to its closing tag, not to the first '>'.
        let end = match ["style", "script"]
            .iter()
            .find(|t| tag[1..].starts_with(*t))
        {
            Some(name) => tag
                .find(&format!("</{name}"))
                .and_then(|at| tag[at..].find('>').map(|gt| at + gt + 1)),
            None => tag.find('>').map(|gt| gt + 1),
        };
        rest = end.map_or("", |end| &tag[end..]);
    }
    text.push_str(rest);
    std::borrow::Cow::Owned(text)
}

/// Field names that are an error's own words, not the request's.
const ERROR_WORDS: &[&str] = &[
    "error", "errors", "message", "detail", "code", "status", "type", "title", "data",
];

/// The field names of the JSON object the request sent (`curl -d '{"qty":0}'`): an error that
/// names one was written by whatever parsed the request's body. Names of three letters or
/// more that are no common word of an error.
fn sent_fields(seen: &Seen<'_>) -> Vec<String> {
    let Some(sent) = seen
        .response
        .request_body
        .as_deref()
        .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
    else {
        return Vec::new();
    };
    let Some(object) = sent.as_object() else {
        return Vec::new();
    };
    object
        .keys()
        .map(|k| k.to_lowercase())
        .filter(|k| {
            k.len() >= 3
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !ERROR_WORDS.contains(&k.as_str())
        })
        .collect()
}

pub(super) fn echo_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    if let Some(id) = request_named_in_body(seen) {
        signals.push(Signal::new(
            format!("names {id}"),
            format!(
                "the body names {id}, from the request (its path or the fields it sent): \
                 whatever wrote it read the request and looked into it, as the app does; a \
                 proxy's configured error reads the same for every request"
            ),
            Toward::App,
            2,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::response::Response;

    fn seen_with(url: &str, status: u16, body: &str) -> Response {
        Response {
            url: Some(url.to_owned()),
            status: Some(status),
            body: body.to_owned(),
            ..Response::default()
        }
    }

    fn found(url: &str, status: u16, body: &str) -> Option<String> {
        let response = seen_with(url, status, body);
        request_named_in_body(&Seen::new(&response))
    }

    #[test]
    fn an_id_the_body_names_is_found() {
        let body = r#"{"error":"NOT_FOUND","message":"Order 7 not found"}"#;
        assert_eq!(
            found("http://127.0.0.1:30054/api/orders/7", 404, body).as_deref(),
            Some("7")
        );
        let body = r#"{"detail":"no order ord_81F3"}"#;
        assert_eq!(
            found("https://api.example.com/v2/orders/ord_81F3?x=1", 404, body).as_deref(),
            Some("ord_81f3")
        );
        assert_eq!(
            found("/api/orders/7", 409, r#"{"id":7,"error":"conflict"}"#).as_deref(),
            Some("7")
        );
    }

    #[test]
    fn a_field_the_request_sent_named_in_the_error_is_found() {
        let mut response = seen_with(
            "http://127.0.0.1:33051/api/orders",
            422,
            r#"{"error":"validation_failed","fields":{"qty":"must be at least 1"}}"#,
        );
        response.request_body = Some(r#"{"sku":"A-1","qty":0,"type":"x"}"#.to_owned());
        let seen = Seen {
            response: &response,
            body: response.body.to_lowercase(),
            headers: Vec::new(),
            json: response.json_body(),
        };
        assert_eq!(request_named_in_body(&seen).as_deref(), Some("qty"));
        // A form, not JSON, and a field named like an error's own words: nothing.
        response.request_body = Some("qty=0".to_owned());
        response.body = r#"{"error":"bad qty"}"#.to_owned();
        let seen = Seen {
            response: &response,
            body: response.body.to_lowercase(),
            headers: Vec::new(),
            json: response.json_body(),
        };
        assert_eq!(request_named_in_body(&seen), None);
    }

    #[test]
    fn a_copy_of_the_path_a_version_or_the_port_is_not_an_id_named() {
        let url = "http://127.0.0.1:30054/api/orders/7";
        assert_eq!(found(url, 404, r#"{"path":"/api/orders/7"}"#), None);
        assert_eq!(found(url, 502, "<center>nginx/1.22.7</center>"), None);
        assert_eq!(found(url, 504, r#"{"at":"12:07:7"}"#), None);
        assert_eq!(found(url, 404, r#"{"error":"order 77 missing"}"#), None);
        assert_eq!(found(url, 404, r#"{"port":30054}"#), None);
        assert_eq!(found("http://h/v1/orders", 404, "v1 1 not found"), None);
        assert_eq!(found("http://h/api/502", 502, "502 Bad Gateway"), None);
        // A success names what it returned: no weight is needed there.
        assert_eq!(found(url, 200, r#"{"id":7}"#), None);
    }
}
