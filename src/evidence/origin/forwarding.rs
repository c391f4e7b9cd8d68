//! Signs that a proxy passed an answer on rather than wrote it: a header it sets only on what
//! it forwards, the order a Go proxy's server writes headers in, a body streamed in chunks;
//! and the one sign that a gateway wrote it, whatever it is built on: a body that speaks of
//! its upstream.

use super::apps::{app_page, framework_marked, named_app_server};
use super::dependencies::{dependency_field, names_a_service, quotes_a_dependencys_error};
use super::echo::request_named_in_body;
use super::health::health_report;
use super::signals::APP_MOSTLY;
use super::signatures::{FRONTS, Front, GO_FRONTS};
use super::status_line::status_line_of_named_front;
use super::unwritten::{
    apache_unshown_not_html, apache_would_not_write, caddy_would_not_write, h2o_would_not_write,
    nginx_would_sign,
};
use super::{Seen, Signal, Toward};

/// Words a gateway writes of its own upstream when it could not get an answer from it
/// ("upstream unavailable: ECONNREFUSED", "no healthy upstream", "unable to connect to the
/// remote server"). An app reporting its own dependency names it ("the payment provider",
/// "the inventory service"), or calls it its backend, so "backend" is not among them.
const UPSTREAM_WORDS: &[&str] = &[
    "no healthy",
    "econnrefused",
    "econnreset",
    "dial tcp",
    "could not connect",
    "couldn't connect",
    "unable to connect",
    "failed to connect",
    "connect failed",
    "connection refused",
    "cannot connect to host",
    "no server is available",
    "gateway error",
    "proxy error",
    // http-proxy-middleware's (Node) text when its target does not answer.
    "error occurred while trying to proxy",
];

/// Prose an app's own error page may use as well ("the upstream server did not respond"): it
/// speaks of an upstream, but weighs less, and alone never makes a reading "medium".
const UPSTREAM_PROSE: &[&str] = &[
    "upstream",
    "remote server",
    "remote web server",
    "remote host",
    "origin server",
];

/// The word of `UPSTREAM_WORDS` or `UPSTREAM_PROSE` in the body (or the status line) of a 5xx
/// that is not an app framework's own page: the gateway whose upstream failed wrote it.
/// Whatever it is built on (Node, Go, an app framework), and whichever format it answers in,
/// its JSON and the request id it quotes say nothing for the app then.
pub(super) fn upstream_words(seen: &Seen<'_>) -> Option<&'static str> {
    if !seen
        .response
        .status
        .is_some_and(|s| (500..600).contains(&s))
        || app_page(seen).is_some()
        || health_report(seen).is_some()
    {
        return None;
    }
    // A status line worded its own way ("501 Gateway error") says it as plainly as a body.
    let reason = seen.response.reason.as_deref().unwrap_or("").to_lowercase();
    let found = UPSTREAM_WORDS
        .iter()
        .chain(UPSTREAM_PROSE)
        .copied()
        .find(|w| seen.body.contains(w) || reason.contains(w))?;
    // "Upstream inventory service timed out": an app speaking of the service it depends on,
    // by name; a gateway knows its upstream by an address, never by what it does.
    if UPSTREAM_PROSE.contains(&found) && names_a_service(&seen.body) {
        return None;
    }
    // "inventory service unreachable: [Errno 111] Connection refused": a named service and
    // the exception text of a language's socket call (Python's errno, Ruby's `connect(2)`),
    // which an app quotes from its own client; a gateway quotes it of its upstream, unnamed.
    if names_a_service(&seen.body)
        && (seen.body.contains("[errno ") || seen.body.contains("connect(2)"))
    {
        return None;
    }
    // "payments-gateway unreachable: ECONNREFUSED", "inventory-db: connection refused": the
    // error of a client call quoted after the dependency's name, as an app reports its own.
    if quotes_a_dependencys_error(&seen.body) {
        return None;
    }
    // {"dependency": "payments-gateway", ...}: the app names what failed in a field of its own.
    if seen.json.as_ref().and_then(dependency_field).is_some() {
        return None;
    }
    // A gateway whose upstream failed says 502, 503 or 504; a 500 that only mentions an
    // upstream is an app telling of a dependency that let it down.
    if UPSTREAM_PROSE.contains(&found) && seen.status_is(&[500]) {
        return None;
    }
    Some(found)
}

/// Whether the upstream words found are a proxy library's own (`ECONNREFUSED`, "no healthy
/// upstream") rather than prose an app's page could use.
pub(super) fn upstream_words_strong(seen: &Seen<'_>) -> bool {
    // The library's words are looked for first, so the word found is one when any is there.
    upstream_words(seen).is_some_and(|w| UPSTREAM_WORDS.contains(&w))
}

/// The products that marked the answer as forwarded from upstream: whoever made it, not
/// they.
pub(super) fn passed_on_by(seen: &Seen<'_>) -> Vec<&'static str> {
    FRONTS
        .iter()
        .filter(|f| f.forwarded_headers.iter().any(|(n, v)| seen.has(n, v)))
        .map(|f| f.product)
        .collect()
}

/// The proxy written in Go on the path, whose header order tells (see [`go_order`]): named by
/// its `Server`, or, with `Server` removed, by a hop header of its own (Caddy's `Alt-Svc`).
pub(super) fn go_front(seen: &Seen<'_>) -> Option<&'static Front> {
    match seen.front_named() {
        Some(front) => Some(front).filter(|f| GO_FRONTS.contains(&f.product)),
        None if !seen.has("server", "") => FRONTS.iter().find(|f| {
            GO_FRONTS.contains(&f.product) && f.hop_headers.iter().any(|(n, v)| seen.has(n, v))
        }),
        None => None,
    }
}

/// Where `Date` stands in a Go proxy's answer, when it tells: `Some(true)` when the proxy
/// made it, `Some(false)` when it passed it on. Go's server writes the headers it was handed
/// sorted by name and adds `Date` after them when it was not among them: a forwarded answer
/// has the upstream's `Date` sorted in before `Server`; an answer the proxy made itself has
/// it after (or an upstream that sent no `Date`, as Puma does not). With no `Server`, `Date`
/// after a header whose name sorts after it was added; `Date` sorted in among them came from
/// upstream.
pub(super) fn go_order(seen: &Seen<'_>) -> Option<bool> {
    go_front(seen)?;
    // HTTPie (and xh) print the headers sorted, not in the order they came.
    if seen.response.sorted_by_client {
        return None;
    }
    let position = |name: &str| seen.headers.iter().position(|(n, _)| n == name);
    let date = position("date")?;
    if let Some(server) = position("server") {
        return Some(date > server);
    }
    // Go adds Content-Length after the sorted names too; it says nothing here.
    let later_names: Vec<usize> = seen
        .headers
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| n.as_str() > "date" && n != "content-length")
        .map(|(i, _)| i)
        .collect();
    if later_names.is_empty() {
        return None;
    }
    Some(later_names.iter().any(|&i| i < date))
}

/// The Go front (Caddy) whose header order says it passed the answer on, whatever the status:
/// the upstream's Date sorted among the names, or a Date it added last to an answer whose
/// `Content-Length` came sorted in the upstream's header map.
pub(super) fn go_front_passed_on(seen: &Seen<'_>) -> Option<&'static str> {
    let front = go_front(seen)?;
    match go_order(seen) {
        // The upstream's Date sorted among the names: forwarded, Date and all.
        Some(false) => Some(front.product),
        Some(true) => length_sorted_in(seen).then_some(front.product),
        None => None,
    }
}

/// `Content-Length` sorted in among the names before `Date`, with a name after it that sorts
/// after it: it was in the header map the Go front wrote out (an upstream's), not added by
/// Go's server after them, as it adds its own. HTTP/1 as shown by curl or wget (`HTTPie` sorts
/// what it prints).
fn length_sorted_in(seen: &Seen<'_>) -> bool {
    if seen.response.sorted_by_client {
        return false;
    }
    let position = |name: &str| seen.headers.iter().position(|(n, _)| n == name);
    let (Some(length), Some(date)) = (position("content-length"), position("date")) else {
        return false;
    };
    length < date
        && seen.headers[length + 1..date]
            .iter()
            .any(|(n, _)| n.as_str() > "content-length")
}

/// Go's server refusing a request before any handler runs: `431 Request Header Fields Too
/// Large` alone, or its code and reason with the cause after a colon (`400 Bad Request:
/// missing required Host header`, `505 HTTP Version Not Supported: unsupported protocol
/// version`), as plain UTF-8 text. A front's configured "{code} {reason}" has no colon.
fn go_refusal_before_handler(seen: &Seen<'_>) -> bool {
    let Some(status) = seen
        .response
        .status
        .filter(|s| super::apps::REFUSAL_STATUSES.contains(s))
    else {
        return false;
    };
    let Some(reason) = crate::runbook::merged::reason_phrase(status) else {
        return false;
    };
    let lead = format!("{status} {}", reason.to_lowercase());
    let body = seen.body.trim();
    seen.has("content-type", "text/plain; charset=utf-8")
        && (body.starts_with(&format!("{lead}: ")) || (status == 431 && body == lead))
}

pub(super) fn forwarding_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    let upstream = upstream_words(seen).filter(|_| !page);
    if let Some(word) = upstream {
        let strong = UPSTREAM_WORDS.contains(&word);
        signals.push(Signal::new(
            "speaks of its upstream",
            if strong {
                format!(
                    "the answer speaks of its upstream (\"{word}\"): the words of a gateway that \
                     could not get an answer from it; an app names the service it depends on"
                )
            } else {
                format!(
                    "the answer speaks of an upstream (\"{word}\"): a gateway's words, and an \
                     app's own page of a gateway status may say the same"
                )
            },
            Toward::Front,
            if strong { 4 } else { 2 },
        ));
    }
    for front in FRONTS {
        if let Some((n, _)) = front.forwarded_headers.iter().find(|(n, v)| seen.has(n, v)) {
            if upstream.is_some() {
                signals.push(Signal::note(format!(
                    "{n}: {} forwarded it from further upstream, where a gateway wrote it (the \
                     body speaks of its own upstream)",
                    front.product
                )));
                continue;
            }
            signals.push(Signal::new(
                format!("{n} from {}", front.product),
                format!(
                    "{n}: {} sets it only on answers it forwarded from upstream, never on its \
                     own",
                    front.product
                ),
                Toward::App,
                4,
            ));
        }
    }
    if let Some(front) = go_front(seen) {
        match go_order(seen) {
            Some(true) if framework_marked(seen) || request_named_in_body(seen).is_some() => {
                signals.push(Signal::note(format!(
                    "Date comes after Server on an answer the app marked as its own: {} added \
                     the Date its upstream left out (Puma and others send none)",
                    front.product
                )));
            }
            Some(true) if length_sorted_in(seen) => signals.push(Signal::new(
                "upstream's Content-Length",
                format!(
                    "Date comes last, but Content-Length stands sorted among the names before \
                     it: it came in the header map {0} was handed, from upstream (Go adds its \
                     own length after the sorted names), so {0} passed this on and added the \
                     Date its upstream left out (Puma and others send none)",
                    front.product
                ),
                Toward::App,
                2,
            )),
            Some(true) if seen.has("server", "") && go_refusal_before_handler(seen) => {
                signals.push(Signal::new(
                    "Go's refusal, passed on",
                    format!(
                        "Go's server refused the request before any handler ran, and writes such \
                         a refusal with neither Date nor Server: {0}'s own would carry neither, \
                         so this one came from a Go upstream and {0} added both",
                        front.product
                    ),
                    Toward::App,
                    3,
                ));
            }
            Some(true) => signals.push(Signal::new(
                if seen.has("server", "") {
                    "Date after Server"
                } else {
                    "Date added last"
                },
                format!(
                    "Date comes after {}: {}'s Go server adds Date last to an answer it makes \
                     (or when the upstream sent none)",
                    if seen.has("server", "") {
                        "Server"
                    } else {
                        "names it sorted past it (its Server removed)"
                    },
                    front.product
                ),
                Toward::Layer(front.layer, Some(front.product.to_owned())),
                3,
            )),
            Some(false) => signals.push(Signal::new(
                "upstream's Date",
                format!(
                    "the headers are in sorted order with Date among them: {} passed on an \
                     answer it got from upstream, Date and all",
                    front.product
                ),
                Toward::App,
                3,
            )),
            None => {}
        }
    }
    if upstream.is_none() && streamed_from_upstream(seen) {
        signals.push(Signal::new(
            "chunked body",
            "Transfer-Encoding: chunked: the body was streamed from upstream; a proxy's own \
             error pages are written whole, with a length",
            Toward::App,
            3,
        ));
    }
}

/// A proxy's own answers are written whole, with a length; a body in chunks was streamed
/// through from upstream. Not under a status line the proxy wrote itself (what nginx's Lua
/// writes goes out in chunks), nor where the answer speaks of its upstream, nor on a body
/// compressed on the way out: the hop that compresses sends its own pages in chunks too
/// (nginx's stock `gzip on` does so for any client that accepts gzip, as `HTTPie` does).
pub(super) fn streamed_from_upstream(seen: &Seen<'_>) -> bool {
    seen.error()
        && !status_line_of_named_front(seen)
        && seen.has("transfer-encoding", "chunked")
        && !seen.has("content-encoding", "")
        && seen.has("server", "")
}

/// A file's date or a strong tag: what a web server sends with a static file, its configured
/// error pages among them.
pub(super) fn static_file_marks(seen: &Seen<'_>) -> bool {
    seen.has("last-modified", "") || seen.values("etag").any(|v| !v.starts_with("w/"))
}

/// The product in front on the path whose own pages this body is none of, on a status an app
/// answers far more often than a proxy (a 500, a 404): it passed the body on from upstream.
/// Its own answers are its pages (nginx's `<center>nginx</center>`, Varnish's Guru Meditation)
/// or empty (Caddy); a page it was configured to write stays possible, and a file's date or a
/// strong tag marks one, so it weighs less than a product's own mark.
pub(super) fn passed_through(seen: &Seen<'_>, page: bool) -> Option<&'static Front> {
    if page
        || static_file_marks(seen)
        || seen.json.is_some()
        || seen.body.trim().is_empty()
        || !seen.status_is(APP_MOSTLY)
    {
        return None;
    }
    FRONTS.iter().find(|f| {
        f.server.iter().any(|s| seen.has("server", s))
            || f.hop_headers.iter().any(|(n, v)| seen.has(n, v))
    })
}

pub(super) fn passed_through_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    // Varnish's own failures to fetch are 503s ("Backend fetch failed"); it writes no 502 or
    // 504 of its own, so one that passed it came from behind it.
    if !page
        && seen.status_is(&[502, 504])
        && FRONTS
            .iter()
            .filter(|f| f.product == "Varnish")
            .any(|f| f.hop_headers.iter().any(|(n, v)| seen.has(n, v)))
    {
        let status = seen.response.status.unwrap_or_default();
        let (unnamed, weight) = no_server_kept(seen);
        signals.push(Signal::new(
            format!("{status} through Varnish"),
            format!(
                "Varnish was on the path, and its own failures to fetch are 503s: it writes no \
                 {status} of its own, so it passed this one on from behind it{unnamed}"
            ),
            Toward::App,
            weight,
        ));
        return;
    }
    if let Some((front, own)) = own_header_missing(seen, page) {
        let (unnamed, weight) = no_server_kept(seen);
        signals.push(Signal::new(
            format!("no {own}"),
            format!(
                "{0} was on the path and sets {own} on every error of its own; this one has \
                 none, and is none of its pages: {0} passed it on from upstream{unnamed}",
                front.product
            ),
            Toward::App,
            weight,
        ));
        return;
    }
    if apache_would_not_write(seen, page) {
        signals.push(Signal::new(
            "not in Apache's charset",
            "Apache names itself, but it writes its own pages (and an ErrorDocument's text) as \
             text/html; charset=iso-8859-1, and a page of a file it serves carries the file's \
             date: this HTML in another charset with no file's date came from upstream",
            Toward::App,
            // As telling as a page of Apache's would be the other way.
            6,
        ));
        return;
    }
    if let Some(utf8) = nginx_would_sign(seen, page) {
        let status = seen.response.status.unwrap_or_default();
        signals.push(Signal::new(
            "not nginx's page",
            if utf8 {
                format!(
                    "nginx names itself, but its own {status} page is signed with its name and \
                     this one is not, nor a file it serves (no file's date); and it types what \
                     it writes or serves text/html with no charset unless configured to: \
                     charset=utf-8 is what the app's framework sets"
                )
            } else {
                format!(
                    "nginx names itself, but its own {status} page is signed with its name and \
                     this one is not, nor a file it serves (no file's date): configured by its \
                     operator as text, or passed on from upstream"
                )
            },
            Toward::App,
            if utf8 { 4 } else { 2 },
        ));
        return;
    }
    if apache_unshown_not_html(seen, page) {
        signals.push(Signal::new(
            "JSON or text under Apache's name",
            "Apache names itself, but it writes its own errors as HTML pages, and a JSON or \
             text file it serves in their place carries the file's date: this error, its body \
             not shown, came from upstream",
            Toward::App,
            4,
        ));
        return;
    }
    if caddy_would_not_write(seen, page) {
        signals.push(Signal::new(
            "not Caddy's",
            "Caddy names itself, but it writes its own errors with an empty body, and a page it \
             serves from a file carries the file's date: this HTML page came from upstream",
            Toward::App,
            4,
        ));
        return;
    }
    if h2o_would_not_write(seen, page) {
        signals.push(Signal::new(
            "not h2o's",
            "h2o names itself, but it answers its own errors with a line of plain text, and a \
             page it serves from a file carries the file's date: this HTML page came from \
             upstream",
            Toward::App,
            4,
        ));
        return;
    }
    if let Some(front) = passed_through(seen, page) {
        signals.push(Signal::new(
            format!("not {}'s page", front.product),
            format!(
                "{} was on the path, but this body is none of its own error pages: it passed \
                 the page on from upstream (unless it was configured to write this one)",
                front.product
            ),
            Toward::App,
            3,
        ));
    }
}

/// For a cache that passes on what came from behind it and keeps the upstream's Server
/// (Varnish, Squid): with no Server at all, no front behind it that names itself on its own
/// pages (nginx, Apache, Caddy) wrote the answer either. The words to add, and the weight.
fn no_server_kept(seen: &Seen<'_>) -> (&'static str, i32) {
    if seen.has("server", "") {
        ("", 3)
    } else {
        (
            "; and with no Server kept, from nothing behind it that names itself on its own \
             pages (nginx, Apache, Caddy do)",
            5,
        )
    }
}

/// The front on the path (by its hop headers) that marks every error of its own with a header
/// (Squid's `X-Squid-Error`), on an error without that header and with a body: the header's
/// name, as written for the reading.
fn own_header_missing(seen: &Seen<'_>, page: bool) -> Option<(&'static Front, &'static str)> {
    if page || !seen.error() || seen.body.trim().is_empty() {
        return None;
    }
    let front = FRONTS.iter().find(|f| {
        !f.own_headers.is_empty()
            && !f.hop_headers.is_empty()
            && f.hop_headers.iter().any(|(n, v)| seen.has(n, v))
    })?;
    if front.own_headers.iter().any(|(n, v)| seen.has(n, v)) {
        return None;
    }
    let name = match front.product {
        "Squid" => "X-Squid-Error",
        _ => front.own_headers.first()?.0,
    };
    Some((front, name))
}

/// The body's own headers (`Content-Type`, `Content-Length`) written in another hand than the
/// hop's (`Server`, `Date`): `content-length` in lower case among `Server` and `Date` in
/// capitals. Whoever writes an answer of its own writes all its names one way; a proxy passes
/// the upstream's names on as they came and adds its own beside them. HTTP/1 only (HTTP/2
/// has no case). On errors and redirects: a redirect's `location` in lower case beside nginx's
/// capitals is the upstream's (nginx writes its own `Location` in capitals).
pub(super) fn two_hands_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    let redirect = seen
        .response
        .status
        .is_some_and(|s| (300..400).contains(&s) && s != 304);
    if !(seen.error() || redirect)
        || !seen
            .response
            .version
            .as_deref()
            .is_some_and(|v| v.starts_with("HTTP/1"))
    {
        return;
    }
    let lower = |name: &str| !name.chars().any(|c| c.is_ascii_uppercase());
    let styles = |names: &[&str]| -> Vec<bool> {
        seen.response
            .headers
            .iter()
            .filter(|(n, _)| names.iter().any(|want| n.eq_ignore_ascii_case(want)))
            .map(|(n, _)| lower(n))
            .collect()
    };
    // Only where a hop named itself: an app server's own layer (Node's, which adds `Date` in
    // capitals to an app's lower-case names) is the app's too.
    if !seen.has("server", "") || named_app_server(seen).is_some() {
        return;
    }
    let body = styles(&["content-type", "content-length"]);
    let hop = styles(&["server", "date"]);
    let one_way = |v: &[bool]| !v.is_empty() && v.iter().all(|l| *l == v[0]);
    if one_way(&body) && one_way(&hop) && body[0] != hop[0] {
        signals.push(Signal::new(
            "two hands",
            "the body's headers (Content-Type, Content-Length) are written in another case than \
             Server and Date: two writers, the upstream's answer passed on by the hop that added \
             its own",
            Toward::App,
            3,
        ));
        return;
    }
    // nginx writes the body's headers in its own case too, and passes the rest as they came:
    // a name in lower case beside its capitals is an upstream's (uvicorn's, Node's).
    let nginx = seen.front_named().is_some_and(|f| f.product == "nginx");
    let capitals = |v: &[bool]| !v.is_empty() && v.iter().all(|l| !*l);
    let passed_name = seen
        .response
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .find(|n| lower(n) && (n.contains('-') || redirect && *n == "location"));
    if let Some(name) = passed_name.filter(|_| nginx && capitals(&hop)) {
        signals.push(Signal::new(
            "a name in another hand",
            format!(
                "{name} is written in lower case beside nginx's capitals (Server, Date, \
                 Content-Type): nginx passed it on from an upstream that writes names so"
            ),
            Toward::App,
            3,
        ));
    }
}

/// Proxy components of app servers, as their error pages name them (Jetty's page lists the
/// servlet that failed): the app server was the gateway, whatever its page looks like.
const PROXY_COMPONENTS: &[(&str, &str)] = &[
    ("org.eclipse.jetty.proxy.", "Jetty"),
    ("io.undertow.server.handlers.proxy.", "Undertow"),
];

pub(super) fn proxy_component_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    if !seen.error() {
        return;
    }
    if let Some((component, product)) = PROXY_COMPONENTS
        .iter()
        .find(|(component, _)| seen.body.contains(component))
    {
        signals.push(Signal::new(
            format!("{product}'s proxy"),
            format!(
                "the error page names {product}'s proxy component ({}...): {product} was the \
                 gateway here, and its proxy wrote this",
                component.trim_end_matches('.')
            ),
            Toward::Layer(super::Layer::Gateway, Some((*product).to_owned())),
            10,
        ));
    }
}
