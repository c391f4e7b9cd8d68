//! Whether the body names what the request asked for: an id from the request's path ("Order 7
//! not found" for `/orders/7`). Only something that read the request and looked the thing up
//! writes that; a proxy's configured error page reads the same for every request.

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

/// The id from the request's path that the body names, if any.
pub(super) fn requested_id_in_body(seen: &Seen<'_>) -> Option<String> {
    if !seen.error() || seen.body.trim().is_empty() {
        return None;
    }
    path_ids(seen)
        .into_iter()
        .find(|id| stands_alone(&seen.body, id))
}

pub(super) fn echo_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    if let Some(id) = requested_id_in_body(seen) {
        signals.push(Signal::new(
            format!("names {id}"),
            format!(
                "the body names {id}, from the request's path: whatever wrote it read the \
                 request and looked the thing up, as the app does; a proxy's configured error \
                 reads the same for every request"
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
        let seen = Seen {
            response: &response,
            body: body.to_lowercase(),
            headers: Vec::new(),
            json: response.json_body(),
        };
        requested_id_in_body(&seen)
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
