//! Request ids: the headers that carry one, and what it says of who wrote the answer that
//! the id is in the body too, or in the headers only (a proxy can stamp its own on
//! everything).

use super::forwarding::upstream_words;
use super::{Seen, Signal, Toward};

/// A header (lower-case name) that carries a request id a proxy or the app stamped.
pub(super) fn request_id_name(name: &str) -> bool {
    name.ends_with("request-id") || name == "x-unique-id"
}

/// Request-id headers, lower case.
const ID_HEADERS: &[&str] = &[
    "x-request-id",
    "x-correlation-id",
    "request-id",
    "x-amzn-requestid",
];

/// The value of a request-id header, when the body quotes it.
pub(super) fn id_in_body(seen: &Seen<'_>) -> bool {
    ID_HEADERS.iter().any(|h| {
        seen.values(h)
            .any(|v| v.trim().len() >= 4 && seen.body.contains(v.trim()))
    })
}

/// Where a request id is, and the id to look for (as sent).
pub(super) fn id_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> Option<String> {
    let (name, value) =
        seen.response.headers.iter().find(|(n, v)| {
            ID_HEADERS.contains(&n.to_lowercase().as_str()) && !v.trim().is_empty()
        })?;
    if id_in_body(seen) && upstream_words(seen).is_some() {
        signals.push(Signal::note(format!(
            "the {name} value is in the body too, of a body about the upstream: the gateway that \
             stamps the id wrote it"
        )));
    } else if id_in_body(seen) {
        // Over the corpus, a short JSON error quoting the id was a proxy's configured answer
        // (nginx's `$request_id`, HAProxy's `%[unique-id]`) more often than the app's: it
        // weighs for neither.
        signals.push(Signal::note(format!(
            "the {name} value is in the body too: whoever wrote the body saw the request, the \
             app or a proxy told to put its id in its own answers"
        )));
    } else {
        signals.push(Signal::note(format!(
            "{name} in the headers only: a proxy can add its own to every response, its own \
             error pages included, so it does not say who made this"
        )));
    }
    if id_echoed_and_stamped(seen) {
        signals.push(Signal::new(
            "the same id twice",
            format!(
                "{name} twice, with one value: the app echoed the id the front sent it, and the \
                 front stamped its own on the way out, so the answer came from upstream"
            ),
            Toward::App,
            3,
        ));
    }
    Some(value.trim().to_owned())
}

/// One request-id header twice with the same value: the upstream's copy of the id the front
/// passed to it, and the front's own, added to what it forwards (nginx's `add_header`). A
/// front's own answer carries its id once.
fn id_echoed_and_stamped(seen: &Seen<'_>) -> bool {
    ID_HEADERS.iter().any(|h| {
        let values: Vec<&str> = seen.values(h).map(str::trim).collect();
        values.len() >= 2 && values.iter().all(|v| !v.is_empty() && *v == values[0])
    })
}
