//! What the hop and cache headers say (`Via`, `X-Cache`, `Age`, `X-Varnish`, a cache-status
//! header): a cache or proxy on the path, which is not its author, unless it answered from its
//! store by itself (a 304 or 412, a stale copy).

use super::signatures::FRONTS;
use super::{Layer, Seen, Signal, Toward};

/// What the hop headers say of a cache on the path.
pub(super) struct CacheSeen {
    /// The answer came out of a cache's store (a hit), so headers such as `Server` came with
    /// the stored object.
    pub(super) answered_from_store: bool,
    /// A success out of the store (a hit, or a stale copy): the cache's answer, not the
    /// app's.
    pub(super) success_from_store: bool,
    /// The cache answered by itself from its store (a conditional request, a stale copy, a
    /// fresh hit): the layer is the cache's, whichever product runs it.
    pub(super) answered_itself: bool,
}

/// Headers in which caches say how they answered (HIT, MISS, STALE, REVALIDATED).
const CACHE_STATUS_HEADERS: &[&str] = &[
    "x-cache",
    "cache-status",
    "cf-cache-status",
    "x-cache-status",
];

/// A cache-status header says `word` (lower case).
pub(super) fn cache_status_says(seen: &Seen<'_>, word: &str) -> bool {
    CACHE_STATUS_HEADERS
        .iter()
        .any(|h| seen.values(h).any(|v| v.contains(word)))
}

/// An `Age` and no other mark of a cache (no cache-status header, `Via` or `X-Varnish`): only
/// caches send Age (RFC 9111), and one that hides its own headers keeps it. `Age: 0` alone
/// cannot tell an answer stored that second from one fetched for this request.
pub(super) fn lone_age(seen: &Seen<'_>) -> bool {
    seen.has("age", "")
        && !seen.has("via", "")
        && !seen.has("x-varnish", "")
        && !CACHE_STATUS_HEADERS.iter().any(|h| seen.has(h, ""))
}

pub(super) fn cache_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> CacheSeen {
    let age = seen
        .values("age")
        .filter_map(|v| v.trim().parse::<u64>().ok())
        .max();
    let two_ids = seen
        .values("x-varnish")
        .any(|v| v.split_whitespace().count() >= 2);
    let hit_word = cache_status_says(seen, "hit");
    // A cache sends a request that changes the resource (POST, PUT, PATCH, DELETE) on to the
    // origin and drops what it stored (RFC 9111, 4.4): a HIT on its answer is the lookup's.
    let changes = seen
        .response
        .method
        .as_deref()
        .is_some_and(|m| ["POST", "PUT", "PATCH", "DELETE"].contains(&m));
    let stale = !changes
        && (cache_status_says(seen, "stale")
            || cache_status_says(seen, "updating")
            || seen
                .values("warning")
                .any(|v| v.starts_with("110") || v.starts_with("111"))
            || older_than_its_lifetime(seen, age));
    // nginx's REVALIDATED and Apache's REVALIDATE: the app said 304 to the cache's own
    // conditional request, and the cache served what it had stored.
    let revalidated = cache_status_says(seen, "revalidate");
    let hit = !changes && (two_ids || hit_word || revalidated || age.is_some_and(|a| a > 0));
    // A stored redirect is a success too: what the cache keeps to answer by itself, as a 200.
    let success = seen
        .response
        .status
        .is_some_and(|s| (200..300).contains(&s) || [301, 302, 307, 308].contains(&s));
    // A cache by its headers; else a proxy that caches, by its cache-status header (nginx's
    // `X-Cache-Status`, Apache's `X-Cache-Detail`), in its own layer; else the web server
    // that names itself, answering from its own cache module.
    let cache = FRONTS
        .iter()
        .filter(|f| f.layer == Layer::Cdn)
        .find(|f| {
            f.hop_headers
                .iter()
                .chain(f.own_headers)
                .any(|(n, v)| seen.has(n, v))
                || f.server.iter().any(|s| seen.has("server", s))
        })
        .or_else(|| {
            FRONTS.iter().find(|f| {
                f.hop_headers
                    .iter()
                    .any(|(n, v)| n.contains("cache") && seen.has(n, v))
            })
        });
    // A bare `Via` (Apache's `ProxyVia`, Caddy's `header_down`) tells of a proxy, not of a
    // store: it counts when it names a cache.
    let via_names_cache = seen.values("via").any(|v| {
        ["varnish", "squid", "cache", "trafficserver", "ats/"]
            .iter()
            .any(|w| v.contains(w))
    });
    let on_path =
        cache.is_some() || hit || via_names_cache || seen.has("x-cache", "") || seen.has("age", "");
    let cache = cache.or_else(|| {
        FRONTS
            .iter()
            .find(|f| f.server.iter().any(|s| seen.has("server", s)))
    });
    let cache_product = cache.map(|f| f.product.to_owned());
    let cache_layer = cache.map_or(Layer::Cdn, |f| f.layer);
    // The cache said it did not answer from its store.
    let miss = cache_status_says(seen, "miss");
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
        if revalidated {
            parts.push("revalidated with upstream, then served as stored".to_owned());
        }
        parts.join(", ")
    };
    // Varnish (on a pass) and Squid (on a miss) send the client's conditional headers on, so
    // a 304 or 412 they say they missed is the app's answer to them.
    let forwards_conditionals = cache_product
        .as_deref()
        .is_some_and(|p| ["Varnish", "Squid"].contains(&p));
    let passed_conditional =
        seen.status_is(&[304, 412]) && on_path && miss && !hit && forwards_conditionals;
    if passed_conditional {
        let status = seen.response.status.unwrap_or_default();
        signals.push(Signal::new(
            format!("{status} passed on"),
            format!(
                "{status} through {} that says MISS: it sent the request on, conditional \
                 headers and all, and the app answered them",
                cache_product.as_deref().unwrap_or("the cache")
            ),
            Toward::App,
            3,
        ));
    } else if seen.status_is(&[304, 412]) && on_path && changes_state(seen) {
        // A cache serves only safe methods from its store, so a HIT header on a PUT tells of
        // the lookup, not of who answered; a front may still weigh the precondition itself.
        let status = seen.response.status.unwrap_or_default();
        let method = seen.response.method.as_deref().unwrap_or_default();
        signals.push(Signal::new(
            format!("{status} to a {method}"),
            format!(
                "{status} to a {method} with a cache on the path: caches send requests that \
                 change state on to the app, so the precondition was weighed behind the cache \
                 (or by a front that checks one itself)"
            ),
            Toward::App,
            2,
        ));
    } else if seen.status_is(&[304, 412]) && on_path {
        let status = seen.response.status.unwrap_or_default();
        let says = if hit {
            format!(
                "{status} with a cache on the path ({}): a cache answers conditional requests \
                 from its store by itself",
                what()
            )
        } else if miss {
            format!(
                "{status} with a cache on the path that says MISS: not from its store, but the \
                 server in front weighs a precondition against what the app sent by itself, \
                 and few apps check one"
            )
        } else {
            format!(
                "{status} with a cache on the path: a cache answers conditional requests from \
                 its store by itself"
            )
        };
        signals.push(Signal::new(
            format!("{status} + cache headers"),
            says,
            Toward::Layer(cache_layer, cache_product.clone()),
            match (hit, miss) {
                (true, _) => 8,
                (false, true) => 3,
                (false, false) => 5,
            },
        ));
    } else if stale {
        signals.push(Signal::new(
            "stale hit",
            "a stale copy from the cache's store: the cache answered while it could not \
             (or did not) ask upstream",
            Toward::Layer(cache_layer, cache_product.clone()),
            6,
        ));
    } else if hit && success {
        signals.push(Signal::new(
            "a success from the store",
            format!(
                "a success (or a redirect) served from the cache's store ({}): the cache \
                 answered it; the app was not asked this time",
                what()
            ),
            Toward::Layer(cache_layer, cache_product.clone()),
            5,
        ));
    } else if hit {
        signals.push(Signal::new(
            "an error from the store",
            format!(
                "a cache hit ({}): a cache keeps what upstream sent, not errors of its own, so \
                 this one was made upstream (and stays until it expires or is purged)",
                what()
            ),
            Toward::App,
            2,
        ));
    } else if seen.status_is(&[304]) && !on_path && tagged_by_the_app(seen) {
        signals.push(Signal::new(
            "304 to the app's tag",
            "304 on a tag the app wrote (not a web server's file tag), with no cache on the \
             path: fronts pass conditional requests on, so the app weighed the tag itself",
            Toward::App,
            3,
        ));
    } else if on_path {
        let by = cache_product.as_deref().unwrap_or("a proxy or cache");
        signals.push(Signal::note(format!(
            "{by} was on the path (Via, X-Cache, X-Varnish...): being on the path alone says \
             nothing of who made the response"
        )));
    }
    CacheSeen {
        answered_from_store: hit
            || (seen.status_is(&[304, 412]) && on_path && !passed_conditional)
            || stale,
        success_from_store: success && (hit || stale),
        answered_itself: (seen.status_is(&[304, 412]) && on_path && !miss)
            || stale
            || (hit && success),
    }
}

/// The answer carries an `ETag` and it is not the size-and-time tag web servers put on files.
fn tagged_by_the_app(seen: &Seen<'_>) -> bool {
    seen.values("etag")
        .any(|tag| !tag.trim().is_empty() && !super::files::web_server_file_tag(tag))
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

/// The request shown changed state (PUT, POST, PATCH, DELETE...): no cache answers one from
/// its store.
fn changes_state(seen: &Seen<'_>) -> bool {
    seen.response
        .method
        .as_deref()
        .is_some_and(|m| !["GET", "HEAD", "OPTIONS"].contains(&m.to_ascii_uppercase().as_str()))
}

/// What Traffic Server's own `Via` says of the origin server, in the letter after `s` in its
/// code (`[cMsSf ]`): `S` the origin served this answer, `E` it could not be reached, so
/// Traffic Server wrote it. Case counts, so the header is read as written.
pub(super) fn traffic_server_via(seen: &Seen<'_>) -> Option<char> {
    seen.response.headers.iter().find_map(|(name, value)| {
        if !name.eq_ignore_ascii_case("via") {
            return None;
        }
        let codes = value.split("ApacheTrafficServer/").nth(1)?;
        let codes = &codes[codes.find('[')? + 1..];
        let codes = &codes[..codes.find(']')?];
        let at = codes.find('s')?;
        codes[at + 1..]
            .chars()
            .next()
            .filter(|c| matches!(c, 'S' | 'E'))
    })
}

pub(super) fn traffic_server_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    match traffic_server_via(seen) {
        Some('S') => signals.push(Signal::new(
            "Traffic Server's Via: served by the origin",
            "Traffic Server's Via code says the origin server served this answer (sS): it \
             passed it on",
            Toward::App,
            4,
        )),
        Some(_) => signals.push(Signal::new(
            "Traffic Server's Via: origin unreachable",
            "Traffic Server's Via code says it could not get an answer from the origin server \
             (sE): it wrote this one",
            Toward::Layer(Layer::Cdn, Some("Apache Traffic Server".to_owned())),
            4,
        )),
        None => {}
    }
}
