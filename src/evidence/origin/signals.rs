//! Reading each signal from a response (the product's page, cache headers, `Server`, the
//! status, the body's style, request ids, the auth challenge) and the weight each one gives.

use super::signatures::{APP_PAGES, APP_SERVERS, FRONTS, Front, OWN_HEADER, PAGE};
use super::verdict::front_on_path;
use super::{Layer, Seen, Signal, Toward};

/// Which product's own page is in the body (recorded as a signal), if any.
pub(super) fn page_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> Option<&'static Front> {
    if seen.body.trim().is_empty() {
        return None;
    }
    let app_json = looks_like_app_json(seen.json.as_ref());
    // In an app's JSON a single word ("proxy error", "varnish") proves nothing; a product's
    // whole sentence does.
    let front = FRONTS.iter().find(|f| {
        f.body
            .iter()
            .any(|b| seen.body.contains(b) && (!app_json || b.len() >= 24))
    });
    if let Some(front) = front {
        signals.push(Signal::new(
            format!("{}'s page", front.product),
            format!("error page in the style of {}", front.product),
            Toward::Layer(front.layer, Some(front.product.to_owned())),
            PAGE,
        ));
        return Some(front);
    }
    if let Some((_, framework)) = APP_PAGES
        .iter()
        .find(|(all, _)| all.iter().all(|b| seen.body.contains(b)))
    {
        signals.push(Signal::new(
            format!("{framework} error format"),
            format!("an error in the format {framework} writes by itself"),
            Toward::App,
            5,
        ));
    }
    None
}

/// What the hop headers say of a cache on the path.
pub(super) struct CacheSeen {
    /// The answer came out of a cache's store (a hit), so headers such as `Server` came with
    /// the stored object.
    pub(super) answered_from_store: bool,
}

pub(super) fn cache_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> CacheSeen {
    let age = seen
        .values("age")
        .filter_map(|v| v.trim().parse::<u64>().ok())
        .max();
    let two_ids = seen
        .values("x-varnish")
        .any(|v| v.split_whitespace().count() >= 2);
    let hit_word = [
        "x-cache",
        "cache-status",
        "cf-cache-status",
        "x-cache-status",
    ]
    .iter()
    .any(|h| seen.values(h).any(|v| v.contains("hit")));
    let stale = [
        "x-cache",
        "cache-status",
        "cf-cache-status",
        "x-cache-status",
    ]
    .iter()
    .any(|h| {
        seen.values(h)
            .any(|v| v.contains("stale") || v.contains("updating"))
    }) || seen
        .values("warning")
        .any(|v| v.starts_with("110") || v.starts_with("111"))
        || older_than_its_lifetime(seen, age);
    let hit = two_ids || hit_word || age.is_some_and(|a| a > 0);
    let cache_product = FRONTS
        .iter()
        .filter(|f| f.layer == Layer::Cdn)
        .find(|f| {
            f.hop_headers
                .iter()
                .chain(f.own_headers)
                .any(|(n, v)| seen.has(n, v))
                || f.server.iter().any(|s| seen.has("server", s))
        })
        .map(|f| f.product.to_owned());
    let on_path = cache_product.is_some()
        || hit
        || seen.has("via", "")
        || seen.has("x-cache", "")
        || seen.has("age", "");
    let what = || {
        let mut parts = Vec::new();
        if two_ids {
            parts.push("X-Varnish with two ids".to_owned());
        }
        if let Some(age) = age.filter(|a| *a > 0) {
            parts.push(format!("Age: {age}"));
        }
        if hit_word {
            parts.push("a cache HIT header".to_owned());
        }
        parts.join(", ")
    };
    if seen.status_is(&[304, 412]) && on_path {
        let status = seen.response.status.unwrap_or_default();
        signals.push(Signal::new(
            format!("{status} + cache headers"),
            format!(
                "{status} with a cache on the path{}: a cache answers conditional requests \
                 from its store by itself",
                if hit {
                    format!(" ({})", what())
                } else {
                    String::new()
                }
            ),
            Toward::Layer(Layer::Cdn, cache_product.clone()),
            if hit { 8 } else { 5 },
        ));
    } else if stale {
        signals.push(Signal::new(
            "stale hit",
            "a stale copy from the cache's store: the cache answered while it could not \
             (or did not) ask upstream",
            Toward::Layer(Layer::Cdn, cache_product.clone()),
            6,
        ));
    } else if hit {
        signals.push(Signal::note(format!(
            "a cache hit ({}): the stored answer was made upstream; the body says by whom",
            what()
        )));
    } else if on_path {
        let by = cache_product.as_deref().unwrap_or("a proxy or cache");
        signals.push(Signal::note(format!(
            "{by} was on the path (Via, X-Cache, X-Varnish...): that says nothing of who made \
             the response"
        )));
    }
    CacheSeen {
        answered_from_store: hit || seen.status_is(&[304, 412]) || stale,
    }
}

/// `Age` past the stored object's freshness lifetime (`s-maxage`, else `max-age`): the cache
/// served a stale copy (RFC 9111 section 4.2), as Varnish's grace and `stale-if-error` do when
/// the origin is down.
fn older_than_its_lifetime(seen: &Seen<'_>, age: Option<u64>) -> bool {
    let Some(age) = age else {
        return false;
    };
    let directive = |name: &str| {
        seen.values("cache-control")
            .flat_map(|v| v.split(','))
            .find_map(|d| {
                let (key, value) = d.trim().split_once('=')?;
                (key.trim() == name)
                    .then(|| value.trim().trim_matches('"').parse::<u64>().ok())
                    .flatten()
            })
    };
    directive("s-maxage")
        .or_else(|| directive("max-age"))
        .is_some_and(|lifetime| age > lifetime)
}

/// The product token of a `Server` value: `lighttpd/1.4.69 (Debian)` is "lighttpd".
fn server_product(value: &str) -> &str {
    value.split(['/', ' ', '(']).next().unwrap_or(value).trim()
}

pub(super) fn server_signals(
    seen: &Seen<'_>,
    from_store: bool,
    page: bool,
    signals: &mut Vec<Signal>,
) {
    let app_json = looks_like_app_json(seen.json.as_ref());
    for (name, value) in &seen.response.headers {
        let is_server = name.eq_ignore_ascii_case("server");
        if !is_server && !name.eq_ignore_ascii_case("x-powered-by") {
            continue;
        }
        let lower = value.to_lowercase();
        let shown = format!("{name}: {}", truncate(value, 40));
        if let Some((_, app)) = APP_SERVERS.iter().find(|(key, _)| lower.contains(key)) {
            if from_store {
                signals.push(Signal::note(format!(
                    "{shown} came with the stored object: it names who made the object, \
                     not who answered"
                )));
            } else {
                signals.push(Signal::new(
                    shown,
                    format!(
                        "{name} names an app server ({app}); a proxy's own page names the proxy"
                    ),
                    Toward::App,
                    if is_server { 3 } else { 2 },
                ));
                // A proxy's own answer never carries the app's Server; with no mark of a proxy
                // or cache on the path either, nothing in front was there to write it.
                if is_server && !front_on_path(seen) {
                    signals.push(Signal::new(
                        "nothing in front",
                        "no proxy or cache left a mark on the path (no Via, X-Cache or proxy \
                         Server): the app server answered straight",
                        Toward::App,
                        3,
                    ));
                }
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
            let says = if front.server_weight >= 4 {
                format!(
                    "{shown}: {} keeps the upstream's Server on what it forwards, so naming \
                     itself means it wrote this",
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
        if seen.error() && !app_json && !page && !product.is_empty() {
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
/// upstream's own `Server`: had the app written it, the app's server would be named too. This is
/// the proxy's configured answer (`respond`, `handle_errors`, `errorfile`, a synthetic
/// `vcl_backend_error`). Proxies that replace the upstream's `Server` (nginx) say nothing here.
pub(super) fn configured_json_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    let Some(object) = seen.json.as_ref().and_then(|j| j.as_object()) else {
        return;
    };
    if page || !seen.error() || object.len() > 3 || id_in_body(seen) {
        return;
    }
    let named_app = seen
        .headers
        .iter()
        .filter(|(n, _)| n == "server" || n == "x-powered-by")
        .any(|(_, v)| APP_SERVERS.iter().any(|(key, _)| v.contains(key)));
    if named_app {
        return;
    }
    let front = seen.values("server").find_map(|v| {
        FRONTS
            .iter()
            .find(|f| f.server_weight >= 2 && f.server.iter().any(|s| v.contains(s)))
    });
    let Some(front) = front else {
        return;
    };
    signals.push(Signal::new(
        format!("short JSON under {}", front.product),
        format!(
            "a short JSON error and no app server named: {} keeps the app's Server on what it \
             forwards, so this is its own configured answer",
            front.product
        ),
        Toward::Layer(front.layer, Some(front.product.to_owned())),
        4,
    ));
}

/// What the status says by itself.
pub(super) fn status_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    if let Some(code) = seen.response.status.filter(|c| [502, 504].contains(c)) {
        signals.push(Signal::new(
            code.to_string(),
            format!(
                "{code} is a gateway's status by definition: something in front could not get \
                 a good answer from upstream"
            ),
            Toward::Front,
            3,
        ));
    }
    if seen.status_is(&[407]) {
        signals.push(Signal::new(
            "407",
            "407 is asked by a proxy only",
            Toward::Front,
            6,
        ));
    }
    if seen
        .response
        .status
        .is_some_and(|s| (200..300).contains(&s))
    {
        signals.push(Signal::new(
            "a success",
            "a success: proxies seldom answer one by themselves",
            Toward::App,
            3,
        ));
    }
}

/// An error with neither `Date` nor `Server`: a canned answer rather than an origin server's.
/// With an empty body the headers are all there is to go on, so the `HAProxy` fingerprint weighs
/// one less there: with the empty body alone it stays short of "high".
fn canned_answer_signals(seen: &Seen<'_>, empty: bool, signals: &mut Vec<Signal>) {
    if seen.response.headers.is_empty() || seen.has("date", "") || seen.has("server", "") {
        return;
    }
    // Origin servers send Date (RFC 9110); HAProxy's own answers carry neither Date nor
    // Server, and HAProxy 2 writes HTTP/1.1 header names in lower case.
    let lower_names = seen
        .response
        .version
        .as_deref()
        .is_some_and(|v| v.starts_with("HTTP/1"))
        && seen.response.headers.len() >= 2
        && seen
            .response
            .headers
            .iter()
            .all(|(n, _)| !n.chars().any(|c| c.is_ascii_uppercase()));
    if lower_names {
        signals.push(Signal::new(
            "no Date or Server, lower-case names",
            "no Date or Server and HTTP/1.1 header names in lower case: HAProxy's own answer",
            Toward::Layer(Layer::LoadBalancer, Some("HAProxy".to_owned())),
            if empty { 3 } else { 4 },
        ));
    } else {
        signals.push(Signal::new(
            "no Date or Server",
            "no Date and no Server on an error: origin servers send Date; a proxy's canned \
             answer often does not",
            Toward::Front,
            2,
        ));
    }
}

pub(super) fn body_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    let body = seen.body.trim();
    let content_type = seen.values("content-type").next().unwrap_or("");
    if body.is_empty() {
        if seen.error() && !seen.response.headers.is_empty() {
            signals.push(Signal::new(
                "empty body",
                "an error with an empty body: apps explain their errors, a proxy often sends none",
                Toward::Front,
                3,
            ));
            canned_answer_signals(seen, true, signals);
        }
        return;
    }
    if looks_like_app_json(seen.json.as_ref()) {
        signals.push(Signal::new(
            "app-style JSON",
            "JSON error body in an application format",
            Toward::App,
            3,
        ));
    } else if seen.json.is_some() {
        signals.push(Signal::note(
            "a JSON body with none of the usual error fields: gateways write these too",
        ));
    }
    if content_type.contains("json") {
        signals.push(Signal::new(
            "JSON content type",
            "Content-Type JSON: APIs answer in JSON; a proxy's own pages are mostly HTML or text",
            Toward::App,
            1,
        ));
    }
    if !seen.error() || page {
        return;
    }
    if seen.has("etag", "") || seen.has("last-modified", "") {
        signals.push(Signal::new(
            "ETag on an error",
            "an error page with ETag or Last-Modified: a static file, the web server's custom \
             error page",
            Toward::Front,
            2,
        ));
    }
    let html = body.starts_with('<') || body.contains("<html") || content_type.contains("html");
    if seen.json.is_none() && !html && body.len() < 200 && !body.contains('{') {
        signals.push(Signal::new(
            "one-line text",
            "a short plain-text error: the style of a proxy's configured answer",
            Toward::Front,
            1,
        ));
    }
    canned_answer_signals(seen, false, signals);
    if html && !id_in_body(seen) {
        signals.push(Signal::new(
            "HTML page",
            "an HTML error page with no request id in it, not the app's error format",
            Toward::Front,
            1,
        ));
    }
}

/// Request-id headers, lower case.
const ID_HEADERS: &[&str] = &[
    "x-request-id",
    "x-correlation-id",
    "request-id",
    "x-amzn-requestid",
];

/// The value of a request-id header, when the body quotes it.
fn id_in_body(seen: &Seen<'_>) -> bool {
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
    if id_in_body(seen) {
        signals.push(Signal::new(
            "request id in the body",
            format!(
                "the {name} value is in the body too: whoever wrote the body saw the request, \
                 usually the app"
            ),
            Toward::App,
            3,
        ));
    } else {
        signals.push(Signal::note(format!(
            "{name} in the headers only: a proxy can add its own to every response, its own \
             error pages included, so it does not say who made this"
        )));
    }
    Some(value.trim().to_owned())
}

pub(super) fn auth_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    let Some(challenge) = seen.values("www-authenticate").next() else {
        return;
    };
    if page || looks_like_app_json(seen.json.as_ref()) {
        return;
    }
    if challenge.starts_with("bearer") && challenge.contains("error=") {
        signals.push(Signal::new(
            "token challenge",
            format!(
                "WWW-Authenticate: {}: a token check's answer, with no page of its own",
                truncate(challenge, 60)
            ),
            Toward::Layer(Layer::Identity, None),
            5,
        ));
    } else if challenge.starts_with("bearer") && seen.status_is(&[401]) {
        signals.push(Signal::new(
            "token challenge",
            "a bare Bearer challenge: a token check asks for a token",
            Toward::Layer(Layer::Identity, None),
            3,
        ));
    }
}

/// A JSON object with the fields applications use for errors.
fn looks_like_app_json(json: Option<&serde_json::Value>) -> bool {
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

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max).collect();
        cut.push('…');
        cut
    }
}
