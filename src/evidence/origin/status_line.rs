//! What the status line says of who wrote it: Werkzeug's capitals, a front's own wording of
//! a status (nginx's `503 Service Temporarily Unavailable`), an upstream's status line passed
//! on unchanged, and no reason phrase at all.

use super::apps::{named_app_server, werkzeug_status_line};
use super::signatures::{FRONTS, Front};
use super::{Seen, Signal, Toward};

/// The front named in `Server` words this status otherwise ("504 Gateway Time-out" for
/// nginx's own): it passed the upstream's status line on, so what is behind it wrote the
/// answer. The front, and its own wording.
pub(super) fn status_line_from_upstream(seen: &Seen<'_>) -> Option<(&'static Front, &'static str)> {
    let (code, reason) = worded_status(seen)?;
    if werkzeug_status_line(seen) || named_app_server(seen).is_some() || hop_after_it(seen) {
        return None;
    }
    let front = seen.front_named()?;
    let (_, own) = front.all_reasons.iter().find(|(c, _)| *c == code)?;
    (*own != reason).then_some((front, *own))
}

/// The status and its reason phrase, when the status line has one (HTTP/2's has none).
fn worded_status<'s>(seen: &'s Seen<'_>) -> Option<(u16, &'s str)> {
    Some((seen.response.status?, seen.response.reason.as_deref()?))
}

/// Squid marked the answer (its `Via`, `X-Cache: MISS from host`): it passes `Server` on and
/// writes the status line in its own words, so the status line says nothing of the front
/// named in `Server`.
fn hop_after_it(seen: &Seen<'_>) -> bool {
    seen.has("via", "squid") || seen.values("x-cache").any(|v| v.contains(" from "))
}

/// `front` words the status `code` as `reason`, where others word it otherwise.
fn worded_its_own_way(front: &Front, code: u16, reason: &str) -> bool {
    front
        .own_reasons
        .iter()
        .any(|(c, r)| *c == code && *r == reason)
}

/// The product named in `Server` wrote the status line itself, in its own words ("503
/// Service Temporarily Unavailable" under nginx's name): it made the answer, whatever the
/// body. (A proxy passes the upstream's status line on as it came.)
pub(super) fn status_line_of_named_front(seen: &Seen<'_>) -> bool {
    let Some((code, reason)) = worded_status(seen) else {
        return false;
    };
    named_app_server(seen).is_none()
        && seen
            .front_named()
            .is_some_and(|front| worded_its_own_way(front, code, reason))
}

/// nginx's page under a status line nginx never words so: Werkzeug's capitals, or another
/// phrase for a code it has one of its own for. nginx writes the status line of every page it
/// puts in (`proxy_intercept_errors` too); Apache's `ProxyErrorOverride` keeps the upstream's,
/// so only nginx's page tells. Only a status line with a reason phrase tells.
pub(super) fn status_line_not_its_own(seen: &Seen<'_>, front: &Front) -> bool {
    let Some((code, reason)) = worded_status(seen) else {
        return false;
    };
    front.product == "nginx"
        && !hop_after_it(seen)
        && (werkzeug_status_line(seen)
            || front
                .all_reasons
                .iter()
                .any(|(c, own)| *c == code && *own != reason))
}

/// What the status line's wording says (HTTP/1 only: HTTP/2 has none). Werkzeug writes its
/// reasons in capitals; a product in front words some of its own answers its own way
/// (nginx's `503 Service Temporarily Unavailable`); and one that passes an upstream's status
/// line on unchanged did not write a status line that is not in its words.
pub(super) fn status_line_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    let http1 = seen
        .response
        .version
        .as_deref()
        .is_some_and(|v| v.starts_with("HTTP/1"));
    if let (Some(code), None, true) = (seen.response.status, &seen.response.reason, http1) {
        // A proxy passes the upstream's status line on as it came, or writes its own, worded.
        let wordsmith = seen
            .front_named()
            .filter(|f| !f.all_reasons.is_empty() && !hop_after_it(seen));
        if let Some(front) = wordsmith {
            signals.push(Signal::new(
                "no reason phrase",
                format!(
                    "\"{code}\" with no reason phrase under {0}'s name: {0} words every status \
                     line it writes, so it passed the upstream's on as it came",
                    front.product
                ),
                Toward::App,
                5,
            ));
            return;
        }
        signals.push(Signal::new(
            "no reason phrase",
            format!(
                "\"{code}\" with no reason phrase: an app server's status line (Tomcat writes \
                 none); proxies and web servers word every status line they write"
            ),
            Toward::App,
            3,
        ));
        return;
    }
    let (Some(code), Some(reason)) = (seen.response.status, seen.response.reason.as_deref()) else {
        return;
    };
    let line = format!("{code} {reason}");
    if werkzeug_status_line(seen) {
        // Under the name of a front that words every line it writes its own way, the capitals
        // say it passed Werkzeug's line on: as sure as its own words would be.
        let wordsmith = seen
            .front_named()
            .is_some_and(|f| !f.all_reasons.is_empty() && !hop_after_it(seen));
        signals.push(Signal::new(
            format!("\"{line}\""),
            format!(
                "\"{line}\": Werkzeug (Flask) writes its reason phrases in capitals; no proxy does"
            ),
            Toward::App,
            if wordsmith { 6 } else { 4 },
        ));
        return;
    }
    if named_app_server(seen).is_some() {
        return;
    }
    let named = seen.front_named();
    let wording = |f: &Front| worded_its_own_way(f, code, reason);
    let owners: Vec<&Front> = FRONTS.iter().filter(|f| wording(f)).collect();
    // Another front that words this status the same way wrote the page (HAProxy's 504 passed
    // on by nginx): the status line may be that one's, which the named front passed on.
    let page_of_another = |named: &Front| {
        owners.iter().any(|f| {
            f.product != named.product
                && f.body
                    .iter()
                    .any(|b| b.len() >= 12 && seen.body.contains(b))
        })
    };
    if named.is_some_and(|front| wording(front) && page_of_another(front)) {
        signals.push(Signal::note(format!(
            "\"{line}\" is worded so by the front whose page this is as well: the status line \
             says nothing of which of them wrote it"
        )));
        return;
    }
    let owner = match (named, owners.as_slice()) {
        // The product named wrote the status line itself: it made this answer, whatever the
        // body it chose (nginx's `error_page` with JSON and its own request id).
        (Some(front), _) if wording(front) => Some((front, 7)),
        // Its own wording, with its own hop headers on the path (Varnish's `Via` and
        // `X-Varnish`): as sure as its name in Server.
        (None, [only]) if only.hop_headers.iter().any(|(n, v)| seen.has(n, v)) => Some((*only, 7)),
        // Another front's wording with that front's hop headers on the path, under the name of
        // the one in front of it (Varnish's "503 Backend fetch failed" passed on by nginx):
        // the one behind wrote it.
        (Some(front), [only])
            if only.product != front.product
                && only.hop_headers.iter().any(|(n, v)| seen.has(n, v)) =>
        {
            Some((*only, 5))
        }
        // Under a JSON body, which none of their stock pages is: the front was told to answer
        // in JSON, and wrote the status line its own way (over every round, 35 of 35 such
        // answers were a front's).
        (None, [only]) if seen.json.is_some() => Some((*only, 5)),
        (None, [only]) => Some((*only, 3)),
        _ => None,
    };
    if let Some((front, weight)) = owner {
        signals.push(Signal::new(
            format!("\"{line}\""),
            format!(
                "\"{line}\" is {}'s own wording of a status line",
                front.product
            ),
            Toward::Layer(front.layer, Some(front.product.to_owned())),
            weight,
        ));
        return;
    }
    if let Some((front, own)) = status_line_from_upstream(seen) {
        signals.push(Signal::new(
            "upstream's status line",
            format!(
                "\"{line}\" is not how {} words a {code} of its own (\"{code} {own}\"), and it \
                 passes the upstream's on: the status line came from upstream",
                front.product
            ),
            Toward::App,
            3,
        ));
    }
}
