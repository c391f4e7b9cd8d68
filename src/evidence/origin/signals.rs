//! Reading each signal from a response (the product's page, `Server`, the status, a proxy's
//! configured JSON) and the weight each one gives. The body's style is read in `body`, the
//! cache headers in `cache`, the status line in `status_line`, request ids in `request_ids`
//! and the auth challenge in `challenge`.

use super::apps::{app_marked, app_page, app_server, named_app_server};
use super::body::empty_error_passed_on;
use super::footer::{footer_denies, page_signed_with};
use super::forwarding::{go_order, streamed_from_upstream, upstream_words};
use super::preflight::{cors_preflight, preflight_signals};
use super::redirects::redirect_front_did_not_write;
use super::request_ids::id_in_body;
use super::signatures::{APACHE_FRAME, FRONTS, Front, GO_FRONTS, JSON_PAGES, OWN_HEADER, PAGE};
use super::status_line::{status_line_from_upstream, status_line_not_its_own};
use super::verdict::front_on_path;
use super::{Layer, Seen, Signal, Toward};

/// Products that put their `Server` on every answer of their own.
const ALWAYS_SIGNED: &[&str] = &["nginx", "Apache"];

/// Which product's own page is in the body (recorded as a signal), if any.
pub(super) fn page_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> Option<&'static Front> {
    // A framework's own page template is more telling than a sentence in it: Werkzeug's 503
    // page says Apache's very words.
    if seen.body.trim().is_empty() {
        return super::page_length::page_by_length(seen, signals);
    }
    if app_page(seen).is_some_and(|p| p.weight >= 5) {
        return None;
    }
    if let Some(front) = super::default_site::welcome_page(seen, signals) {
        return Some(front);
    }
    // In JSON a product's words prove something only for a product whose own answers are
    // JSON, and then only a whole sentence ("proxy error", "varnish" alone prove nothing).
    let json = seen.json.is_some();
    let front = FRONTS.iter().find(|f| {
        f.body.iter().any(|b| {
            seen.body.contains(b)
                && (!json || JSON_PAGES.contains(&f.product) && b.len() >= 12)
                && (*b != APACHE_FRAME || seen.response.status.is_none_or(|s| s >= 400))
        }) && !footer_denies(seen, f)
    });
    if let Some(front) = front {
        // nginx and Apache name themselves on every answer of their own: their page with
        // headers but no Server naming them is a copy (an app's or a site's static error
        // page), or passed on by a hop that replaced their Server.
        // A known proxy's Server in its place may have replaced it on the way (nghttpx does).
        let unsigned = ALWAYS_SIGNED.contains(&front.product)
            && !seen.response.headers.is_empty()
            && seen.front_named().is_none();
        if status_line_not_its_own(seen, front) {
            // Had it written the page, it would have written the status line too.
            signals.push(Signal::new(
                format!("{}'s page, passed on", front.product),
                format!(
                    "error page in the style of {0}, under a status line {0} does not write: \
                     the page came from upstream with its status line, a copy of {0}'s",
                    front.product
                ),
                Toward::Layer(front.layer, Some(front.product.to_owned())),
                2,
            ));
        } else if unsigned {
            signals.push(Signal::new(
                format!("{}'s page, unsigned", front.product),
                format!(
                    "error page in the style of {0}, but no Server names {0}: it names itself \
                     on every answer of its own, so this is a copy of its page (an app's or a \
                     site's static error page) or its Server was removed or replaced on the way",
                    front.product
                ),
                Toward::Layer(front.layer, Some(front.product.to_owned())),
                2,
            ));
        } else {
            signals.push(Signal::new(
                format!("{}'s page", front.product),
                if seen.error() {
                    format!("error page in the style of {}", front.product)
                } else {
                    format!(
                        "a page {} answers itself (its status or health page)",
                        front.product
                    )
                },
                Toward::Layer(front.layer, Some(front.product.to_owned())),
                PAGE,
            ));
        }
        return Some(front);
    }
    None
}

/// The product token of a `Server` value: `lighttpd/1.4.69 (Debian)` is "lighttpd".
fn server_product(value: &str) -> &str {
    value.split(['/', ' ', '(']).next().unwrap_or(value).trim()
}

/// A `Server` value that is a host name or an address (`localhost`, `api-7.internal`,
/// `10.0.3.7`) rather than a product: some app servers put their host there.
fn names_a_host(product: &str) -> bool {
    let product = product.to_lowercase();
    let last_label = product.rsplit('.').next().filter(|_| product.contains('.'));
    product == "localhost"
        || matches!(last_label, Some("local" | "internal"))
        || product.parse::<std::net::IpAddr>().is_ok()
        || (product.split('.').count() >= 3
            && product
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
}

pub(super) fn server_signals(
    seen: &Seen<'_>,
    from_store: bool,
    page: bool,
    signals: &mut Vec<Signal>,
) {
    let app_json = looks_like_app_json(seen.json.as_ref());
    let app_named = named_app_server(seen);
    let gateway_words = upstream_words(seen).is_some();
    for (name, value) in &seen.response.headers {
        let is_server = name.eq_ignore_ascii_case("server");
        if !is_server && !name.eq_ignore_ascii_case("x-powered-by") {
            continue;
        }
        let lower = value.to_lowercase();
        let shown = format!("{name}: {}", truncate(value, 40));
        if let Some(app) = app_server(value) {
            if from_store {
                signals.push(Signal::note(format!(
                    "{shown} came with the stored object: it names who made the object, \
                     not who answered"
                )));
            } else if gateway_words {
                signals.push(Signal::new(
                    shown,
                    format!(
                        "{name} names an app server, but the answer speaks of its upstream: \
                         {app} was the gateway here (app servers proxy too)"
                    ),
                    Toward::Layer(Layer::Gateway, Some(app.to_owned())),
                    1,
                ));
            } else {
                signals.push(Signal::new(
                    shown,
                    format!(
                        "{name} names an app server ({app}); a proxy's own page names the proxy"
                    ),
                    Toward::App,
                    3,
                ));
            }
            continue;
        }
        if !is_server {
            continue;
        }
        if let Some(front) = FRONTS
            .iter()
            .find(|f| f.server.iter().any(|s| lower.contains(s)))
        {
            if app_named.is_some() && !from_store {
                // Caddy adds its own beside the app's; a chain of proxies passes it on.
                signals.push(Signal::note(format!(
                    "{shown}: {} passed the app server's answer on (its own answers carry no \
                     app server's name)",
                    front.product
                )));
                continue;
            }
            if front.server_weight < 4 && go_order(seen) == Some(false) {
                // Where Date stands already says it passed this on: its name adds nothing.
                signals.push(Signal::note(format!(
                    "{shown}: {} puts its name on what it forwards too; the headers' order \
                     says it forwarded this one",
                    front.product
                )));
                continue;
            }
            if front.server_weight < 4 && empty_error_passed_on(seen) {
                // It writes a page on every error of its own: its name adds nothing here.
                signals.push(Signal::note(format!(
                    "{shown}: {} puts its name on what it forwards too, and writes a page on \
                     every error of its own, so the empty one came from upstream",
                    front.product
                )));
                continue;
            }
            if front.product == "Apache"
                && !gateway_words
                && super::unwritten::apache_json_not_its_own(seen, page)
            {
                signals.push(Signal::note(format!(
                    "{shown}: Apache puts its name on what it forwards where the app's is \
                     missing; it writes its own errors as HTML, and serves a JSON error document \
                     as a file, with a date and a tag: this JSON has neither, so it passed it on"
                )));
                continue;
            }
            if front.server_weight < 4 && redirect_front_did_not_write(seen).is_some() {
                signals.push(Signal::note(format!(
                    "{shown}: {} puts its name on what it forwards too, and writes a page under \
                     each redirect of its own, so this one came from upstream",
                    front.product
                )));
                continue;
            }
            if front.server_weight < 4 && !gateway_words && streamed_from_upstream(seen) {
                // The chunks already say it passed this on: its name adds nothing.
                signals.push(Signal::note(format!(
                    "{shown}: {} puts its name on what it forwards too; the body came in \
                     chunks, streamed from upstream, so it forwarded this one",
                    front.product
                )));
                continue;
            }
            let says = if front.server_weight >= 4 {
                format!(
                    "{shown}: {} keeps the upstream's Server on what it forwards, so naming \
                     itself means it wrote this",
                    front.product
                )
            } else if front.server_weight >= 2 && json_not_its_own(seen, app_json) {
                signals.push(Signal::new(
                    shown.clone(),
                    format!(
                        "{shown}: {} puts its name on what it forwards where the app's is \
                         missing; its own errors are pages, or files with a Last-Modified, and \
                         this is JSON with neither",
                        front.product
                    ),
                    Toward::Layer(front.layer, Some(front.product.to_owned())),
                    1,
                ));
                continue;
            } else if front.server_weight >= 2 {
                format!(
                    "{shown}: {} puts its name on what it forwards where the app's is missing \
                     (or beside it): it made this, or passed on an answer of an app that sends \
                     no Server",
                    front.product
                )
            } else {
                format!(
                    "{shown}: {} is the last hop; it names itself on what it forwards too",
                    front.product
                )
            };
            signals.push(Signal::new(
                shown.clone(),
                says,
                Toward::Layer(front.layer, Some(front.product.to_owned())),
                front.server_weight,
            ));
            continue;
        }
        // A server absent from the tables: named from the header alone, on an error page that
        // is not the app's (an app answering by itself does not usually sit behind a server
        // that names itself and writes the page).
        let product = server_product(value);
        if names_a_host(product) {
            signals.push(Signal::note(format!(
                "{shown} names a host, not a product: the app's server set it to its host name \
                 (web.py's does), so it says nothing of who wrote the answer"
            )));
            continue;
        }
        // A product names its version ("lighttpd/1.4.69", "h2o/2.2.6"); a bare word is as
        // often a name an app or an operator chose ("orders-api", "edge"), unless the page
        // is signed with the same word at its foot, as servers sign their own pages.
        let signed = page_signed_with(seen, product);
        if !value.chars().any(|c| c.is_ascii_digit()) && !signed {
            signals.push(Signal::note(format!(
                "{shown}: no product the reader knows and no version, a name an app or an \
                 operator may have chosen: it says nothing of who wrote the answer"
            )));
            continue;
        }
        // A front on the path that keeps the upstream's Server (Squid, Varnish, HAProxy)
        // passed this name on from behind it: the app's own server, or a server of its own.
        let keeper = FRONTS
            .iter()
            .find(|f| f.server_weight >= 2 && f.hop_headers.iter().any(|(n, v)| seen.has(n, v)));
        if let Some(keeper) = keeper.filter(|_| seen.error() && !page) {
            signals.push(Signal::note(format!(
                "{shown}: no product the reader knows, kept by {} on the path, which passes the \
                 upstream's Server on: the name of what stands behind it (the app's own server \
                 as often as another front), so it says nothing of who wrote the answer",
                keeper.product
            )));
            continue;
        }
        if seen.error() && !app_json && !page && app_named.is_none() && !product.is_empty() {
            signals.push(Signal::new(
                shown,
                format!(
                    "Server: {product} is no app framework the reader knows, on an error page \
                     not in the app's format: the server in front of the app"
                ),
                Toward::Layer(Layer::Gateway, Some(product.to_owned())),
                2,
            ));
        }
    }
    // A proxy's own answer never carries the app server's name: it came from the app server,
    // straight or passed on.
    if let Some(app) = app_named.filter(|_| !from_store && !gateway_words) {
        if front_on_path(seen) {
            signals.push(Signal::new(
                "passed on",
                format!(
                    "{app}'s name came through the proxy on the path: a proxy's own answer \
                     would not carry it"
                ),
                Toward::App,
                3,
            ));
        } else {
            signals.push(Signal::new(
                "nothing in front",
                "no proxy or cache left a mark on the path (no Via, X-Cache or proxy Server): \
                 the app server answered straight",
                Toward::App,
                3,
            ));
        }
    }
    for front in FRONTS {
        if let Some((n, _)) = front.own_headers.iter().find(|(n, v)| seen.has(n, v)) {
            signals.push(Signal::new(
                format!("{n} header"),
                format!(
                    "{n}: a header {} sets only on answers of its own",
                    front.product
                ),
                Toward::Layer(front.layer, Some(front.product.to_owned())),
                OWN_HEADER,
            ));
        }
    }
}

/// A short JSON error under a `Server` that names only a proxy which keeps (or adds beside) the
/// upstream's own `Server`: had the app written it, the app's server would be named too, if it
/// sends one. This is
/// the proxy's configured answer (`respond`, `handle_errors`, `errorfile`, a synthetic
/// `vcl_backend_error`). Proxies that replace the upstream's `Server` (nginx) say nothing here.
pub(super) fn configured_json_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    let Some(object) = seen.json.as_ref().and_then(|j| j.as_object()) else {
        return;
    };
    if page || !seen.error() || object.len() > 3 || id_in_body(seen) {
        return;
    }
    // Passed on from upstream, by the order of its headers: not its own answer.
    if app_marked(seen) || go_order(seen) == Some(false) {
        return;
    }
    // Only products that never put their name on an answer they forward: Caddy and Apache
    // name themselves on the answers of an app that sends no Server (Node, Go, Spring Boot).
    let Some(front) = seen.front_named_where(|f| f.server_weight >= 4) else {
        return;
    };
    // Not more: an app that sends no Server of its own (Node, Go, Spring Boot) looks the same.
    signals.push(Signal::new(
        format!("short JSON under {}", front.product),
        format!(
            "a short JSON error and no mark of the app: {} keeps the app's Server on what it \
             forwards, so this looks like its own configured answer (unless the app sends no \
             Server)",
            front.product
        ),
        Toward::Layer(front.layer, Some(front.product.to_owned())),
        3,
    ));
}

/// What the status says by itself (a success out of a cache's store is the cache's, not the
/// app's).
pub(super) fn status_signals(
    seen: &Seen<'_>,
    from_store: bool,
    page: bool,
    signals: &mut Vec<Signal>,
) {
    if let Some(code) = seen.response.status.filter(|c| [502, 504].contains(c)) {
        if let Some((front, _)) = status_line_from_upstream(seen) {
            signals.push(Signal::note(format!(
                "{code} is a gateway's status, but {} passed it on with the upstream's status \
                 line: what is behind it wrote it, a gateway of its own or the app about what it \
                 depends on",
                front.product
            )));
        } else if let Some(front) = super::unwritten::named_front_did_not_write(seen, page)
            .or_else(|| super::forwarding::go_front_passed_on(seen))
        {
            // The status speaks for the one in front; that one did not write this answer.
            signals.push(Signal::note(format!(
                "{code} is a gateway's status, but {front} did not write this answer: what is \
                 behind it wrote it, a gateway of its own or the app about what it depends on"
            )));
        } else {
            signals.push(Signal::new(
                code.to_string(),
                format!(
                    "{code} is a gateway's status by definition: something in front could not \
                     get a good answer from upstream"
                ),
                Toward::Front,
                3,
            ));
        }
    }
    // A prior for a body that says little itself: JSON in an app's error format, with headers,
    // is weighed by its format and the headers; pasted alone, it says little.
    if !from_store
        && !page
        && (!looks_like_app_json(seen.json.as_ref()) || seen.response.headers.is_empty())
        && seen.status_is(APP_MOSTLY)
        && !front_on_path(seen)
        && !seen.has("server", "")
        // Without Date either, the body's own signals already say an app server's answer.
        && (seen.has("date", "") || seen.response.headers.is_empty())
    {
        signals.push(Signal::new(
            "nothing on the path",
            format!(
                "no Server and no mark of a proxy or cache on the path (Via, X-Cache), and a {} is \
                 mostly the app's own answer",
                seen.response.status.unwrap_or_default()
            ),
            Toward::App,
            2,
        ));
    }
    // A 409, 415, 422 or 428 judges what the request meant (a state it conflicts with, a
    // media type or a body the API does not take, a write without the version it must name):
    // only what knows the API answers so.
    if !from_store && !page && seen.status_is(&[409, 415, 422, 428]) {
        signals.push(Signal::new(
            format!("{}", seen.response.status.unwrap_or_default()),
            format!(
                "{} judges what the request meant (a conflict with the data, a body or media \
                 type the API does not take, a missing precondition): the app's answer, seldom \
                 a front's",
                seen.response.status.unwrap_or_default()
            ),
            Toward::App,
            // Over every round, 410 of 412 such answers were the app's.
            3,
        ));
    }
    // Go's TLS listener answers a plain-HTTP request so, before any handler: whoever
    // terminates TLS in Go wrote it, a front (Caddy, Traefik) more often than an app.
    let go_tls_listener = seen
        .body
        .to_lowercase()
        .contains("client sent an http request to an https server");
    let named_front = seen.front_named();
    if let Some(front) = named_front.filter(|f| go_tls_listener && !GO_FRONTS.contains(&f.product))
    {
        // A front not written in Go words its own refusal otherwise (nginx's "The plain HTTP
        // request was sent to HTTPS port"): it spoke plain HTTP to a Go upstream serving TLS.
        signals.push(Signal::new(
            "Go's TLS listener behind the front",
            format!(
                "\"Client sent an HTTP request to an HTTPS server\" under {}'s name: Go's TLS \
                 listener wrote it, not {}; the front sent plain HTTP to a Go upstream that \
                 serves TLS",
                front.product, front.product
            ),
            Toward::App,
            3,
        ));
    } else if go_tls_listener {
        signals.push(Signal::new(
            "Go's TLS listener",
            "\"Client sent an HTTP request to an HTTPS server\": Go's TLS listener refused plain \
             HTTP before any handler ran: the Go server terminating TLS, a front written in Go \
             (Caddy, Traefik) or a Go app serving TLS itself",
            Toward::Front,
            4,
        ));
    } else if seen.error()
        && seen.response.headers.is_empty()
        && (seen.response.method.is_some()
            || seen.response.version.is_some()
                && !seen.response.headers_cut
                && seen.response.body.trim().is_empty()
                && sent_past_varnish_header_limits(seen.response))
    {
        // Only a transcript shows there were none: a status line pasted alone says nothing,
        // unless the command above it sent what a front refuses bare.
        bare_status_line_signals(seen, signals);
    }
    if seen.status_is(&[407]) {
        signals.push(Signal::new(
            "407",
            "407 is asked by a proxy only",
            Toward::Front,
            6,
        ));
    }
    let success = seen
        .response
        .status
        .is_some_and(|s| (200..300).contains(&s));
    let served_file = (!from_store && success)
        .then(|| super::files::served_file_signal(seen))
        .flatten();
    if !from_store && cors_preflight(seen) {
        preflight_signals(seen, signals);
    } else if let Some(signal) = served_file {
        signals.push(signal);
    } else if !from_store
        && success
        // Naming itself, a front that keeps the upstream's Server (Varnish, Squid) says it
        // wrote this success: its health answer, its synthetic page.
        && seen.front_named().is_none_or(|f| f.server_weight < 4)
    {
        signals.push(Signal::new(
            "a success",
            "a success: proxies seldom answer one by themselves",
            Toward::App,
            3,
        ));
    }
}

/// JSON in an app's format that no web server's error file or Go proxy's own answer is: no
/// Last-Modified or file tag, no word of the upstream, and (for Caddy) a Date that came from
/// upstream.
fn json_not_its_own(seen: &Seen<'_>, app_json: bool) -> bool {
    app_json
        && seen.error()
        && !seen.has("last-modified", "")
        && !seen.values("etag").any(super::files::file_tag)
        && upstream_words(seen).is_none()
        && go_order(seen) != Some(true)
}

/// The statuses an app answers far more often than anything in front of it: the ones a proxy
/// writes by itself (408, 413, 414, 429, 431, 494, 502-504) are left out, and so are 503 and the
/// auth refusals (401, 403) an identity layer or a WAF in front answers as often.
pub(super) const APP_MOSTLY: &[u16] = &[400, 404, 405, 409, 410, 415, 422, 500];

/// A refused credential: what a front that checks credentials answers too, but in its own HTML
/// page or through a service of its own, seldom in JSON written to look like an app's.
pub(super) const REFUSED_CREDENTIAL: &[u16] = &[401, 403];

/// Words of a request's own fault, which only what holds the data can judge: a record not
/// found, a field that fails validation, a duplicate. Fronts are told to answer in JSON for
/// what they decide themselves (limits, maintenance, credentials, their gateway errors).
const REQUEST_FAULT_WORDS: &[&str] = &[
    "not_found",
    "not found",
    "notfound",
    "does not exist",
    "no such",
    "validation",
    "already exists",
    "duplicate",
    "conflict",
    "unprocessable",
    "must contain",
    "must be",
    "field required",
    "missing field",
    "malformed",
];

/// The body speaks of the request's own fault in the words of [`REQUEST_FAULT_WORDS`].
pub(super) fn names_a_request_fault(seen: &Seen<'_>) -> bool {
    REQUEST_FAULT_WORDS.iter().any(|w| seen.body.contains(w))
}

/// A JSON object with the fields applications use for errors.
pub(super) fn looks_like_app_json(json: Option<&serde_json::Value>) -> bool {
    let Some(object) = json.and_then(|j| j.as_object()) else {
        return false;
    };
    let app_keys = [
        "error",
        "errors",
        "message",
        "detail",
        "title",
        "code",
        "request_id",
        "requestid",
        "trace_id",
        "status",
        "type",
    ];
    // API Gateway's `{"message": "Internal server error"}` alone is the gateway's, not the app's.
    let only_message = object.len() == 1 && object.contains_key("message");
    !only_message
        && object
            .keys()
            .any(|k| app_keys.contains(&k.to_lowercase().as_str()))
}

pub(super) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

/// The request the paste shows went past what Varnish takes by default (a field of 8 KB, 64
/// fields), counted low, since teams lower the limits; Puma and Unicorn take fields of 80 KB.
fn sent_past_varnish_header_limits(response: &crate::evidence::response::Response) -> bool {
    let sent = &response.request_headers;
    sent.len() > 64 || sent.iter().any(|(n, v)| n.len() + v.len() + 2 >= 4 * 1024)
}

/// A transcript with a status line and not one header. Ruby's app servers (Puma, Unicorn)
/// refuse what they cannot parse so, and so does Varnish, with a 400 or a 417; the fronts
/// others put before an app carry at least a length, a Date or their Server.
fn bare_status_line_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    let varnish = || Toward::Layer(Layer::Cdn, Some("Varnish".to_owned()));
    if seen.status_is(&[417]) {
        signals.push(Signal::new(
            "a bare 417",
            "a 417 with not one header: Varnish refuses an Expect it does not know so; app \
             servers leave Expect to the framework, whose answers carry headers",
            varnish(),
            3,
        ));
    } else if seen.status_is(&[400]) && sent_past_varnish_header_limits(seen.response) {
        signals.push(Signal::new(
            "a bare 400 to an outsize request",
            "a 400 with not one header, to a request with a header of kilobytes or dozens of \
             headers: Varnish refuses headers past its limits so; Ruby's app servers, which \
             also answer bare, take fields ten times that size",
            varnish(),
            4,
        ));
    } else if seen.status_is(&[400]) {
        signals.push(Signal::new(
            "a bare 400",
            "a 400 with not one header: Ruby's app servers (Puma, Unicorn) refuse a request \
             they cannot parse so",
            Toward::App,
            2,
        ));
        signals.push(Signal::new(
            "a bare 400",
            "and so does Varnish, for a request line or headers it will not take",
            varnish(),
            2,
        ));
    } else {
        signals.push(Signal::new(
            "a bare status line",
            "the transcript shows a status line and not one header: an app server's \
             lowest-level answer; a proxy's own answers carry at least a length, a Date or its \
             Server",
            Toward::App,
            2,
        ));
    }
}
