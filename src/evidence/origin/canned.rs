//! An answer written whole in a front's configuration, recognised by how it was framed rather
//! than by what it says: no Date or Server, HTTP/1.1 names in lower case, nothing but the
//! body's length and type (`HAProxy`'s `return` and error files, and the apps that look alike).

use super::apps::{app_marked, app_page};
use super::request_ids::request_id_name;
use super::{Layer, Seen, Signal, Toward};
/// `HAProxy`'s own answers carry neither Date nor Server, and `HAProxy` 2 writes HTTP/1.1 header
/// names in lower case. So do Rack 3 apps under Puma, which leave a mark of the app.
pub(super) fn haproxy_fingerprint(seen: &Seen<'_>) -> bool {
    !app_marked(seen)
        && !seen.has("date", "")
        && !seen.has("server", "")
        && http1(seen)
        && seen.response.headers.len() >= 2
        && names_in_lower_case(seen)
}

/// `HAProxy`'s error file as it sends it over HTTP/1.1: the file's own headers (Debian ships
/// `Cache-Control: no-cache`, `Connection: close`, `Content-Type: text/html`), the
/// `Content-length` it adds in that spelling, and nothing else: no Date, no Server. An app
/// server that leaves the Date off does not mark its error uncacheable and the connection
/// closed alike; over every round this frame was `HAProxy`'s 45 times of 45.
pub(super) fn haproxy_error_file_frame(seen: &Seen<'_>) -> bool {
    const FILE: &[&str] = &[
        "content-length",
        "cache-control",
        "connection",
        "content-type",
    ];
    http1(seen)
        && !seen.response.forward_proxy
        && seen.values("cache-control").any(|v| v.trim() == "no-cache")
        && seen.values("connection").any(|v| v.trim() == "close")
        && seen.has("content-type", "text/html")
        && seen
            .headers
            .iter()
            .all(|(name, _)| FILE.contains(&name.as_str()))
}

/// Every header name in lower case (as `HAProxy` 2 writes HTTP/1.1 names).
pub(super) fn names_in_lower_case(seen: &Seen<'_>) -> bool {
    seen.response
        .headers
        .iter()
        .all(|(n, _)| !n.chars().any(|c| c.is_ascii_uppercase()))
}

/// An error over HTTP/1.1 with every name in lower case, a Date and no Server: what `HAProxy`
/// forwards (it lowers the names) of an upstream that dates its answers.
pub(super) fn dated_in_lower_case(seen: &Seen<'_>) -> bool {
    seen.error()
        && !seen.response.forward_proxy
        && seen.has("date", "")
        && !seen.has("server", "")
        && http1(seen)
        && seen.response.headers.len() >= 3
        && names_in_lower_case(seen)
}

/// Over HTTP/2 every name is in lower case, so the case says nothing: an error with no Date,
/// no Server, no mark of the app and the `cache-control: no-cache` of `HAProxy`'s error files
/// (its stock ones, and the custom ones made from them) is one of them.
fn haproxy_h2_error_file(seen: &Seen<'_>) -> bool {
    !app_marked(seen)
        && !seen.has("date", "")
        && !seen.has("server", "")
        && seen.has("cache-control", "no-cache")
        && seen
            .response
            .version
            .as_deref()
            .is_some_and(|v| v.starts_with("HTTP/2"))
}

/// Content-Type stands before Content-Length among the headers.
fn type_first(seen: &Seen<'_>) -> bool {
    let position = |name: &str| seen.headers.iter().position(|(n, _)| n == name);
    matches!((position("content-type"), position("content-length")), (Some(t), Some(l)) if t < l)
}

/// An error with neither `Date` nor `Server`. Origin servers send Date (RFC 9110), and every
/// common proxy dates its own answers but `HAProxy`; app servers leave both off their own
/// low-level errors (gunicorn, uvicorn, Node and Go do), and some off everything (Puma,
/// Sanic, uWSGI). So with HTTP/1.1 names in mixed case (`HAProxy` 2 writes them in lower case)
/// it is an app server's answer; in lower case it may be `HAProxy`'s, or an app server's that
/// writes lower-case names (Sanic, Rack 3, uWSGI), so it weighs little unless
/// `cache-control: no-cache` marks `HAProxy`'s error files. Not through a forward proxy
/// (`curl -x`): those write short answers of their own.
pub(super) fn canned_answer_signals(seen: &Seen<'_>, empty: bool, signals: &mut Vec<Signal>) {
    if dated_in_lower_case(seen) {
        signals.push(Signal::new(
            "lower-case names with a Date",
            "HTTP/1.1 header names in lower case, a Date and no Server: HAProxy writes names \
             so but dates none of its own answers, so it passed on an answer dated upstream \
             (an app server that writes lower-case names, or one behind it)",
            Toward::App,
            3,
        ));
    }
    if seen.response.headers.is_empty() || seen.has("date", "") || seen.has("server", "") {
        return;
    }
    let framed_json = seen.json.is_some() && framing_only(seen);
    let over_h2 = framed_over_h2(seen, empty);
    let file_frame = haproxy_error_file_frame(seen);
    // The error file's frame alone, its names not in HAProxy's lower case (HTTP/1.0 files).
    let file_frame_only = file_frame && !haproxy_fingerprint(seen);
    if haproxy_fingerprint(seen) || haproxy_h2_error_file(seen) || over_h2 || file_frame {
        let errorfile = seen.has("cache-control", "no-cache");
        signals.push(Signal::new(
            if file_frame_only {
                "an error file's headers, no Date or Server"
            } else {
                "no Date or Server, lower-case names"
            },
            if file_frame_only {
                "no Date or Server, and no header but an error file's own (Cache-Control: \
                 no-cache, Connection: close, its type) and the Content-length HAProxy adds: \
                 HAProxy's own error file"
            } else if errorfile && !haproxy_fingerprint(seen) {
                "no Date, no Server and cache-control: no-cache over HTTP/2 (where every name \
                 is in lower case): HAProxy's own error file"
            } else if errorfile {
                "no Date or Server, HTTP/1.1 header names in lower case and cache-control: \
                 no-cache: HAProxy's own error file"
            } else if over_h2 {
                "no Date or Server over HTTP/2, and no header but the body's length and type and \
                 what a front adds (Retry-After, a request id): an answer written whole in a \
                 front's configuration (HAProxy's return); every other common front dates its \
                 own, and an app's framework adds headers of its own"
            } else if framed_json {
                "no Date or Server, names in lower case, and no header but the body's length and \
                 type and what a front adds (Retry-After, a request id): a JSON answer written \
                 whole in a front's configuration (HAProxy's return or error file); an app's \
                 framework adds headers of its own"
            } else {
                "no Date or Server and HTTP/1.1 header names in lower case: HAProxy's own \
                 answer, or an app server that writes lower-case names and no Date (Sanic, \
                 Rack 3, uWSGI)"
            },
            Toward::Layer(Layer::LoadBalancer, Some("HAProxy".to_owned())),
            // With an empty body the headers are all there is: one less for the error file.
            match (errorfile || framed_json || over_h2, empty) {
                // HAProxy's `return` writes the length before the type; the type first is an
                // app's order passed on (uWSGI adds neither Date nor Server), or an error file.
                (true, false) if framed_json && !errorfile && !over_h2 && type_first(seen) => 1,
                (true, false) => 4,
                (_, true) => 3,
                (false, false) => 2,
            },
        ));
    } else if http1(seen)
        && !seen.response.forward_proxy
        && seen
            .response
            .headers
            .iter()
            .any(|(n, _)| n.chars().any(|c| c.is_ascii_uppercase()))
    {
        // Go's text already weighed so (`app_format_signals`); a Python app server's own
        // refusal page says whose it is.
        let page = app_page(seen);
        if super::apps::refused_before_any_handler(seen)
            && page.is_none_or(|p| p.product == "Go net/http")
        {
            if page.is_none() {
                signals.push(super::apps::refused_before_any_handler_signal());
            }
            return;
        }
        signals.push(Signal::new(
            "no Date",
            "no Date or Server, names in mixed case: every common proxy dates its own answers \
             but HAProxy, which writes its names in lower case; an app server that sends no \
             Date wrote this",
            Toward::App,
            3,
        ));
        return;
    }
    if seen.json.is_some() && !app_marked(seen) {
        // A framework's JSON goes out through a server that dates it.
        signals.push(Signal::new(
            "undated JSON",
            "a JSON error with no Date or Server: an app's JSON goes out through a server that \
             dates it; a proxy's canned answer is written whole",
            Toward::Front,
            1,
        ));
    }
}

/// Headers a front's configured answer carries and nothing more: the body's framing, and what
/// a front adds to everything it sends (a request id, `Via`) or to a refusal (`Retry-After`,
/// `Cache-Control`). A framework's answer carries a header of its own (an `ETag`, `X-Powered-By`,
/// Vary, security headers). Not `Connection: keep-alive`: `HAProxy` leaves it off a
/// keep-alive answer to an HTTP/1.1 client, app servers (Sanic) write it.
fn framing_only(seen: &Seen<'_>) -> bool {
    const FRAMING: &[&str] = &[
        "content-length",
        "content-type",
        "transfer-encoding",
        "retry-after",
        "cache-control",
        "via",
    ];
    // `seen.headers` holds the names in lower case already.
    seen.headers
        .iter()
        .all(|(name, _)| FRAMING.contains(&name.as_str()) || request_id_name(name))
}

/// Over HTTP/2, an error with no Date, no Server and no mark of the app, JSON or empty, whose
/// headers are only a configured answer's: `HAProxy` writes its `return` answers so, and every
/// other common front dates its own.
fn framed_over_h2(seen: &Seen<'_>, empty: bool) -> bool {
    seen.error()
        && !app_marked(seen)
        && !seen.response.forward_proxy
        && (seen.json.is_some() || empty)
        && framing_only(seen)
        && seen
            .response
            .version
            .as_deref()
            .is_some_and(|v| v.starts_with("HTTP/2"))
}

/// The answer came over HTTP/1 (HTTP/2 has no case in its names, no reason phrase).
pub(super) fn http1(seen: &Seen<'_>) -> bool {
    seen.response
        .version
        .as_deref()
        .is_some_and(|v| v.starts_with("HTTP/1"))
}
