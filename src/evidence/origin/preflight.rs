//! A CORS preflight answered with a success: the one success a front is often told to write
//! itself (nginx's `return 204`, `HAProxy`'s `http-request return`, a Caddy `respond`), so
//! "proxies seldom answer a success" does not hold for it. CORS libraries in apps leave marks
//! a hand-written answer seldom has: a `Vary` on what the request asked.

use super::apps::app_marked;
use super::{Seen, Signal, Toward};

/// The request was a CORS preflight (`OPTIONS` asking with `Access-Control-Request-Method`),
/// or, with no request shown, the answer is one: a success granting methods, with no body.
pub(super) fn cors_preflight(seen: &Seen<'_>) -> bool {
    let options = seen
        .response
        .method
        .as_deref()
        .is_some_and(|m| m.eq_ignore_ascii_case("OPTIONS"));
    let grants_methods = seen.has("access-control-allow-methods", "");
    (options || grants_methods)
        && seen
            .response
            .status
            .is_some_and(|s| (200..300).contains(&s))
        && (grants_methods || seen.body.trim().is_empty())
}

pub(super) fn preflight_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    let vary_on_request = seen
        .values("vary")
        .any(|v| v.contains("access-control-request-"));
    let vary_on_origin = seen.values("vary").any(|v| v.contains("origin"));
    if vary_on_request {
        signals.push(Signal::new(
            "Vary on the preflight's request",
            "a preflight answer that varies on Access-Control-Request-*: a CORS library wrote \
             it (Express's cors, Spring); a front's configured answer does not",
            Toward::App,
            3,
        ));
    } else if seen.status_is(&[204])
        && !vary_on_origin
        && !app_marked(seen)
        && seen.has("access-control-allow-methods", "")
    {
        signals.push(Signal::new(
            "a preflight answered at the edge",
            "a CORS preflight answered 204 with no Vary on Origin and no mark of the app: the \
             answer a front is told to write (`return 204` with its CORS headers); the CORS \
             middleware of apps varies its answer on Origin, or answers 200",
            Toward::Front,
            2,
        ));
    } else {
        signals.push(Signal::note(
            "a CORS preflight: fronts are often told to answer these themselves, and the app's \
             CORS middleware answers them too",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::response::Response;

    fn preflight(status: u16, headers: &[(&str, &str)]) -> Response {
        Response {
            method: Some("OPTIONS".to_owned()),
            status: Some(status),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            ..Response::default()
        }
    }

    fn weights(response: &Response) -> Vec<(Toward, i32)> {
        let mut signals = Vec::new();
        preflight_signals(&Seen::new(response), &mut signals);
        signals.into_iter().map(|s| (s.toward, s.weight)).collect()
    }

    #[test]
    fn a_hand_written_204_leans_to_the_front() {
        let response = preflight(
            204,
            &[
                ("Server", "nginx/1.22.1"),
                ("Access-Control-Allow-Origin", "https://shop.example.test"),
                ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                ("Access-Control-Max-Age", "600"),
            ],
        );
        assert!(cors_preflight(&Seen::new(&response)));
        assert_eq!(weights(&response), vec![(Toward::Front, 2)]);
    }

    #[test]
    fn a_cors_library_leaves_its_vary() {
        let response = preflight(
            204,
            &[
                (
                    "Access-Control-Allow-Methods",
                    "GET,HEAD,PUT,PATCH,POST,DELETE",
                ),
                ("Vary", "Origin, Access-Control-Request-Headers"),
            ],
        );
        assert_eq!(weights(&response), vec![(Toward::App, 3)]);
        // Vary on Origin alone says little either way.
        let response = preflight(
            204,
            &[("Access-Control-Allow-Methods", "GET"), ("Vary", "Origin")],
        );
        assert_eq!(weights(&response), vec![(Toward::Front, 0)]);
    }

    #[test]
    fn other_successes_are_no_preflight() {
        let mut response = preflight(200, &[("Content-Type", "application/json")]);
        response.method = Some("GET".to_owned());
        response.body = "{\"ok\":true}".to_owned();
        assert!(!cors_preflight(&Seen::new(&response)));
    }
}
