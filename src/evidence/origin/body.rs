//! What the body says, and its absence: an empty body, a page in the app's format or a
//! proxy's, a static file, a short text. How an answer was framed (no Date or Server,
//! lower-case names) is `canned.rs`'s.

use super::apps::{app_marked, app_page, framework_marked, go_error};
use super::body_shown::{body_not_shown, declares_a_body, says_length_zero};
use super::canned::{canned_answer_signals, haproxy_fingerprint, http1, names_in_lower_case};
use super::echo::request_named_in_body;
use super::files::{file_tag, json_from_a_file, web_server_file_tag};
use super::forwarding::{go_order, passed_through, static_file_marks, upstream_words};
use super::request_ids::id_in_body;
use super::signals::{APP_MOSTLY, REFUSED_CREDENTIAL, looks_like_app_json, names_a_request_fault};
use super::signatures::{EMPTY_BODY_FRONTS, FRONTS};
use super::status_only::says_only_its_status;
use super::{Layer, Seen, Signal, Toward};

/// The front named in `Server` whose own errors always carry its stock page (nginx, Apache,
/// lighttpd: their `return` too, unless told otherwise).
fn paging_front(seen: &Seen<'_>) -> Option<&'static super::signatures::Front> {
    seen.front_named()
        .filter(|f| ["nginx", "Apache", "lighttpd"].contains(&f.product))
}

/// An error shown with an empty body, under the `Server` of a front that writes a page on
/// every error it makes: the front passed on an upstream's empty answer. Empty as the
/// headers say (`Content-Length: 0`), not only as pasted: a paste of a status line and a
/// Server alone has simply left the page out. Not a 412: a precondition a front weighs
/// itself (for its cache) it answers with no page.
pub(super) fn empty_error_passed_on(seen: &Seen<'_>) -> bool {
    seen.error()
        && !seen.status_is(&[412])
        && seen.body.trim().is_empty()
        && says_length_zero(seen)
        // An empty file its `error_page` or `ErrorDocument` points at is its own answer.
        && !static_file_marks(seen)
        && !empty_answering_front(seen)
        && paging_front(seen).is_some()
}

/// An error typed JSON, of a status that is mostly a request's own fault (400, 404, 422...),
/// under the name of nginx, which writes its own Server on everything and HTML pages for its
/// own errors, with no mark of the app: over every round, 77 of 78 such errors with the body
/// left out were the app's.
fn json_for_a_requests_fault_under_nginx(seen: &Seen<'_>) -> bool {
    // A refused credential too: nginx's own 401 and 403 are its HTML pages.
    (seen.status_is(APP_MOSTLY) || seen.status_is(REFUSED_CREDENTIAL))
        && seen.values("content-type").any(|v| v.contains("json"))
        && seen.front_named().is_some_and(|f| f.product == "nginx")
        && !app_marked(seen)
}

/// `Content-Type: text/html` and nothing more, under nginx's name, with no mark of the app:
/// how nginx types the error pages it writes.
fn nginx_page_type(seen: &Seen<'_>) -> bool {
    seen.values("content-type").any(|v| v.trim() == "text/html")
        && seen.front_named().is_some_and(|f| f.product == "nginx")
        && !app_marked(seen)
}

/// The one in front that answers errors with an empty body by default (Caddy) is named, or
/// `HAProxy`'s fingerprint is there (its `return` with no body). Other proxies write a page for
/// their errors, while apps often send a bare status (Go's `WriteHeader`, Spring's
/// `ResponseEntity.build()`, ASP.NET's `StatusCode`).
fn empty_answering_front(seen: &Seen<'_>) -> bool {
    haproxy_fingerprint(seen)
        || seen.values("server").any(|v| {
            FRONTS
                .iter()
                .filter(|f| EMPTY_BODY_FRONTS.contains(&f.product))
                .any(|f| f.server.iter().any(|s| v.contains(s)))
        })
}

/// Varnish or Squid marks the errors it writes itself: its name in Server, `X-Squid-Error`.
fn cache_names_itself(seen: &Seen<'_>) -> bool {
    seen.has("x-squid-error", "") || seen.has("server", "varnish") || seen.has("server", "squid")
}

/// Varnish or Squid says it fetched this answer from upstream (a MISS): not from its store,
/// and not one of its own, which carry its page.
fn cache_fetched_it(seen: &Seen<'_>) -> bool {
    super::cache::cache_status_says(seen, "miss")
        && (seen.has("x-varnish", "") || seen.has("via", "squid"))
}

/// A redirect written whole with nothing but where to go: no Date, no Server, no type, an
/// empty body, names in lower case. `HAProxy`'s `redirect` writes exactly that; an app's
/// framework dates its redirects or types the body it writes with them, and nginx, Apache
/// and Caddy name themselves on theirs.
fn bare_redirect(seen: &Seen<'_>) -> bool {
    seen.status_is(&[301, 302, 303, 307, 308])
        && seen.has("location", "")
        && !seen.has("date", "")
        && !seen.has("server", "")
        && !seen.has("content-type", "")
        && says_length_zero(seen)
        && seen.body.trim().is_empty()
        && !seen.response.forward_proxy
        && !app_marked(seen)
        && (names_in_lower_case(seen) || !http1(seen))
}

pub(super) fn body_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    let body = seen.body.trim();
    let content_type = seen.values("content-type").next().unwrap_or("");
    if bare_redirect(seen) {
        signals.push(Signal::new(
            "a bare redirect",
            "a redirect with no Date, no Server, no type and no body, its names in lower case: \
             HAProxy's redirect rule; an app dates its redirects, and nginx, Apache and Caddy \
             name themselves on theirs",
            Toward::Layer(Layer::LoadBalancer, Some("HAProxy".to_owned())),
            4,
        ));
        return;
    }
    if body.is_empty() {
        if !seen.error() || seen.response.headers.is_empty() {
            return;
        }
        let served_file = seen.values("etag").any(web_server_file_tag);
        if served_file {
            // Shown empty or left out, the tag is on the headers: the file the web server's
            // `error_page` or `ErrorDocument` points at (empty files included).
            signals.push(Signal::new(
                "a file's ETag on an error",
                "an error carrying the tag a web server puts on the files it serves (their size \
                 and time, in hex): its own error file; an app tags an error with a hash if at all",
                Toward::Front,
                3,
            ));
        }
        if body_not_shown(seen) {
            let cut_only = seen.response.headers_cut
                && !declares_a_body(seen)
                && seen.response.method.as_deref() != Some("HEAD");
            signals.push(Signal::note(if cut_only {
                "the body was not shown (the paste ends inside the headers, with no blank line \
                 under them), so its absence says nothing"
            } else {
                "the body was not shown (a HEAD request or a headers-only paste: Content-Length \
                 is above zero, or the body was compressed), so its absence says nothing"
            }));
            if json_for_a_requests_fault_under_nginx(seen) {
                signals.push(Signal::new(
                    "JSON for a request's fault",
                    "an error typed JSON for a request's own fault, under nginx's name: nginx's \
                     own answers to these are HTML pages, and a front told to answer in JSON \
                     seldom is for them, so the app's",
                    Toward::App,
                    3,
                ));
            }
            if nginx_page_type(seen) {
                signals.push(Signal::new(
                    "nginx's page type",
                    "an error typed text/html with no charset, under nginx's name: the type of \
                     nginx's own error pages; apps and their frameworks name a charset",
                    Toward::Layer(Layer::Gateway, Some("nginx".to_owned())),
                    2,
                ));
            }
            if cache_fetched_it(seen) && !cache_names_itself(seen) {
                signals.push(Signal::new(
                    "an error fetched",
                    "an error the cache says it fetched (MISS), with none of its own marks (Server: \
                     Varnish, X-Squid-Error): it came from upstream",
                    Toward::App,
                    2,
                ));
            }
        } else if go_order(seen) == Some(false) {
            signals.push(Signal::note(
                "an empty body, passed on from upstream as it was (the headers' order says so)",
            ));
        } else if cache_fetched_it(seen) {
            signals.push(Signal::new(
                "empty body, fetched",
                "an empty error the cache says it fetched (MISS): Varnish and Squid write a page \
                 on the errors they make, so this one came from upstream as it was",
                Toward::App,
                2,
            ));
        } else if content_type.contains("json") {
            signals.push(Signal::new(
                "empty JSON",
                "an empty error typed as JSON: the app declared its format and then wrote nothing \
                 (it failed mid-answer); a proxy types its own answers as what they carry",
                Toward::App,
                2,
            ));
        } else if framework_marked(seen) {
            // Before the fronts that answer with no body: their own answers carry no header
            // only a framework sets.
            signals.push(Signal::note(
                "an empty body under headers a framework set: the app sent it empty",
            ));
        } else if empty_answering_front(seen) {
            signals.push(Signal::new(
                "empty body",
                "an error with an empty body: how the proxy in front answers by itself",
                Toward::Front,
                3,
            ));
        } else if let Some(front) = paging_front(seen).filter(|_| !served_file) {
            // Their `return` and their own errors carry their stock page unless told otherwise.
            let declared_empty = says_length_zero(seen);
            if let Some(status @ (502 | 504)) = seen.response.status.filter(|_| declared_empty) {
                // Declared empty, not cut: behind the front, what answers a gateway's status
                // with no body at all is mostly a gateway of its own (Caddy, Go's reverse
                // proxy); apps write a word.
                signals.push(Signal::new(
                    "an empty gateway status from upstream",
                    format!(
                        "an empty {status}: {} writes its page on every error it makes, so this \
                         came from upstream; a {status} with no body at all is how a gateway \
                         behind it answers (Caddy, Go's reverse proxy), more often than an app",
                        front.product
                    ),
                    Toward::Layer(Layer::Gateway, None),
                    3,
                ));
                canned_answer_signals(seen, true, signals);
                return;
            }
            signals.push(Signal::new(
                "empty body",
                format!(
                    "an error with an empty body: {} writes its page on every error it makes, so \
                     this one came from upstream (an app that set only a status)",
                    front.product
                ),
                Toward::App,
                2,
            ));
        } else if !seen.has("server", "") && !super::verdict::front_on_path(seen) {
            signals.push(Signal::note(
                "an error with an empty body and no Server: the proxies that answer with no body \
                 name themselves (Caddy, Envoy); an app that set only a status names nothing",
            ));
        } else {
            signals.push(Signal::new(
                "empty body",
                "an error with an empty body: some proxies send none, and so does an app that \
                 set only a status",
                Toward::Front,
                1,
            ));
        }
        canned_answer_signals(seen, true, signals);
        return;
    }
    if seen.error()
        && !page
        && cache_fetched_it(seen)
        && !cache_names_itself(seen)
        && upstream_words(seen).is_none()
    {
        // The cache writes its own errors as its pages, marked as its own; this one it says it
        // fetched, and it is none of them.
        signals.push(Signal::new(
            "an error fetched",
            "an error the cache says it fetched (MISS), with none of its own marks (Server: \
             Varnish, X-Squid-Error) and none of its pages: it came from upstream",
            Toward::App,
            2,
        ));
    }
    let app_json = looks_like_app_json(seen.json.as_ref());
    if seen.json.is_some() && seen.error() && content_type.starts_with("text/html") {
        // A framework types the JSON it writes; a web server sends an error file with the
        // type its configuration gives the page (HTML).
        signals.push(Signal::new(
            "JSON typed as HTML",
            "a JSON error sent as text/html: an error file a web server serves with its page's \
             type; a framework types the JSON it writes",
            Toward::Front,
            4,
        ));
    }
    if app_json && restates_gateway_status(seen) {
        signals.push(Signal::new(
            "JSON that restates the status",
            format!(
                "a JSON error that says only its status (\"{}\"): an error template in front \
                 filled in; an app answering {} itself names what failed",
                seen.response
                    .status
                    .and_then(crate::runbook::merged::reason_phrase)
                    .unwrap_or(""),
                seen.response.status.unwrap_or_default()
            ),
            Toward::Front,
            2,
        ));
    } else if app_json {
        // A proxy that writes its own Server on everything (nginx) hides the app's: with no
        // other mark of the app, its JSON errors read the same as the app's.
        let replacer = seen.front_named_where(|f| f.server_weight <= 1);
        // One that keeps the upstream's Server (Varnish, Squid) names itself only on what it
        // writes: JSON under its name is its own configured answer.
        let keeper = seen.front_named_where(|f| f.server_weight >= 4);
        match replacer {
            _ if json_from_a_file(seen) => signals.push(Signal::new(
                "app-style JSON",
                "JSON error body in an application format, but from a file (its ETag says so): \
                 an error file written to look like the app's",
                Toward::App,
                1,
            )),
            _ if upstream_words(seen).is_some() => signals.push(Signal::note(
                "a JSON error in an application format, about the upstream: what a gateway told \
                 to answer in JSON writes",
            )),
            _ if keeper.is_some() && !app_marked(seen) => signals.push(Signal::new(
                "app-style JSON",
                format!(
                    "JSON error body in an application format; but {} keeps the upstream's \
                     Server on what it forwards, so under its own name this is the answer it \
                     was told to write in JSON",
                    keeper.map_or("", |f| f.product)
                ),
                Toward::App,
                1,
            )),
            _ if seen.response.headers.is_empty() && names_a_request_fault(seen) => {
                signals.push(Signal::new(
                    "a request's own fault",
                    "a JSON error in an application format, pasted alone, about the request's \
                     own fault (a record not found, a field that fails validation, a \
                     duplicate): what the app knows, and a front told to answer in JSON \
                     seldom says",
                    Toward::App,
                    3,
                ));
            }
            _ if seen.response.headers.is_empty() => signals.push(Signal::new(
                "app-style JSON",
                "a JSON error in an application format, pasted alone: the app's usual form, and \
                 what a proxy told to answer in JSON writes too",
                Toward::App,
                1,
            )),
            _ if seen.error()
                && go_order(seen) == Some(true)
                // A length sorted in among the names came from upstream: passed on, not written.
                && super::forwarding::go_front_passed_on(seen).is_none()
                && !app_marked(seen)
                && request_named_in_body(seen).is_none() =>
            {
                signals.push(Signal::new(
                    "app-style JSON",
                    "JSON error body in an application format; but the headers' order says the \
                     Go proxy in front wrote this answer, and a proxy told to answer in JSON \
                     writes the same",
                    Toward::App,
                    1,
                ));
            }
            Some(front)
                if seen.error() && !app_marked(seen) && request_named_in_body(seen).is_none() =>
            {
                // Teams tell a front to answer in JSON for what it decides itself (limits,
                // maintenance, its gateway errors), seldom for a request's own faults: a 400,
                // 404 or 422 in an app's JSON is the app's. Nor for a refused credential: a
                // front that checks tokens asks a service of its own (nginx's auth_request),
                // whose JSON comes with that service's marks.
                let (weight, why) = if seen.status_is(APP_MOSTLY) {
                    (
                        3,
                        " (though seldom for a request's own fault, as this status is)",
                    )
                } else if seen.status_is(REFUSED_CREDENTIAL) {
                    (
                        3,
                        " (though seldom for a refused credential, as this status is)",
                    )
                } else {
                    (1, "")
                };
                signals.push(Signal::new(
                    "app-style JSON",
                    format!(
                        "JSON error body in an application format; but {} writes its own Server \
                         on everything, and a proxy told to answer in JSON writes the same{why}",
                        front.product,
                    ),
                    Toward::App,
                    weight,
                ));
            }
            _ => signals.push(Signal::new(
                "app-style JSON",
                "JSON error body in an application format",
                Toward::App,
                3,
            )),
        }
    } else if seen.json.is_some() {
        signals.push(Signal::note(
            "a JSON body with none of the usual error fields: gateways write these too",
        ));
    }
    if content_type.contains("json") && !app_json {
        signals.push(Signal::new(
            "JSON content type",
            "Content-Type JSON: APIs answer in JSON; a proxy's own pages are mostly HTML or text",
            Toward::App,
            1,
        ));
    }
    // Beside a page the app's own format, the looks of a page say nothing more.
    if !seen.error() || page || app_page(seen).is_some() || go_error(seen) {
        return;
    }
    // A file's date says a static file: the web server's custom error page. An ETag alone
    // less so (Express tags what it sends, weakly: `W/"..."`).
    if seen.has("last-modified", "") {
        signals.push(Signal::new(
            "static file",
            "an error page with Last-Modified: a static file, the web server's custom error page",
            Toward::Front,
            3,
        ));
    } else if seen.values("etag").any(file_tag) && seen.json.is_some() {
        // Frameworks tag JSON weakly or with a hash, never with a file's size and time.
        signals.push(Signal::new(
            "a file's ETag on JSON",
            "a JSON error with a file's strong ETag (its size and time): an error file the web \
             server served (nginx's error_page)",
            Toward::Front,
            3,
        ));
    } else if seen.values("etag").any(file_tag) {
        signals.push(Signal::new(
            "ETag on an error",
            "an error page with a strong ETag: perhaps a static file, the web server's custom \
             error page",
            Toward::Front,
            1,
        ));
    }
    let html = body.starts_with('<') || body.contains("<html") || content_type.contains("html");
    if seen.json.is_none() && !html && body.len() < 200 && !body.contains('{') {
        signals.push(Signal::note(
            "a short plain-text error: what a proxy told to answer in words writes, and what \
             many apps and app servers write too",
        ));
    }
    canned_answer_signals(seen, false, signals);
    // Not the page of the proxy on the path: whatever its looks, it came from upstream.
    // Not on a gateway's status either: the status already speaks for the front, and there
    // the apps' own HTML pages were as common as the fronts' unknown ones.
    if html
        && !id_in_body(seen)
        && passed_through(seen, page).is_none()
        && !seen.status_is(&[502, 503, 504])
    {
        signals.push(Signal::new(
            "HTML page",
            "an HTML error page with no request id in it, not the app's error format",
            Toward::Front,
            1,
        ));
    }
}

/// A 502, 503 or 504 whose JSON says nothing but its status (see [`says_only_its_status`]).
/// What an error template writes; an app that answers a gateway status itself says which
/// dependency failed.
fn restates_gateway_status(seen: &Seen<'_>) -> bool {
    seen.status_is(&[502, 503, 504]) && seen.json.is_some() && says_only_its_status(seen)
}
