//! Headers compared by the hop that adds them: a CDN or cache (`CF-*`, `X-Amz-Cf-*`,
//! `X-Cache`, `Age`, `X-Served-By`), a proxy, gateway or load balancer (`Via`, `Server`,
//! `X-Envoy-*`, `X-Amzn-*`, `X-Forwarded-*`), or the app. A header that changes on every
//! request (`Date`, request ids) is the same when both have it.

use serde::Serialize;

use super::{Change, Part, Row};

/// The hop that adds a header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hop {
    /// A CDN or cache.
    Cdn,
    /// A reverse proxy, gateway or load balancer.
    Proxy,
    /// The app itself.
    App,
}

impl Hop {
    /// The heading of its group.
    pub fn heading(self) -> &'static str {
        match self {
            Hop::Cdn => "Headers a CDN or cache adds",
            Hop::Proxy => "Headers a proxy, gateway or load balancer adds",
            Hop::App => "The app's own headers",
        }
    }
}

const CDN_NAMES: &[&str] = &[
    "age",
    "x-cache",
    "x-cache-hits",
    "x-cache-status",
    "x-cache-lookup",
    "x-proxy-cache",
    "x-served-by",
    "x-timer",
    "x-varnish",
    "x-check-cacheable",
    "x-iinfo",
    "cdn-cache-control",
    "cdn-loop",
    "x-azure-ref",
    "x-msedge-ref",
    "x-vercel-cache",
    "x-vercel-id",
    "x-nf-request-id",
];
const CDN_PREFIXES: &[&str] = &[
    "cf-",
    "x-amz-cf-",
    "x-fastly-",
    "fastly-",
    "x-akamai-",
    "akamai-",
    "x-sucuri-",
    "x-cdn-",
    "x-edge-",
];
const PROXY_NAMES: &[&str] = &[
    "via",
    "server",
    "forwarded",
    "x-real-ip",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "alt-svc",
    "x-amz-apigw-id",
];
const PROXY_PREFIXES: &[&str] = &[
    "x-envoy-",
    "x-kong-",
    "x-amzn-",
    "x-forwarded-",
    "proxy-",
    "x-upstream-",
    "x-proxy-",
    "x-gateway-",
    "x-apigee-",
];
/// Headers whose value changes on every request (besides request and trace ids).
const PER_REQUEST: &[&str] = &[
    "date",
    "age",
    "expires",
    "set-cookie",
    "x-timer",
    "x-runtime",
    "x-response-time",
    "x-envoy-upstream-service-time",
    "server-timing",
];

/// The hop that adds `name`.
pub fn hop_of(name: &str) -> Hop {
    let lower = name.to_ascii_lowercase();
    let is = |names: &[&str], prefixes: &[&str]| {
        names.contains(&lower.as_str()) || prefixes.iter().any(|p| lower.starts_with(p))
    };
    if is(CDN_NAMES, CDN_PREFIXES) {
        Hop::Cdn
    } else if is(PROXY_NAMES, PROXY_PREFIXES) {
        Hop::Proxy
    } else {
        Hop::App
    }
}

/// Whether `name`'s value changes on every request.
pub(super) fn per_request(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    PER_REQUEST.contains(&lower.as_str())
        || lower.ends_with("-latency")
        || crate::evidence::ids::is_id_name(&lower)
}

/// The headers by name (first spelling seen), values of a repeated header joined.
fn by_name(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some((_, joined)) => {
                joined.push_str(", ");
                joined.push_str(value);
            }
            None => out.push((name.clone(), value.clone())),
        }
    }
    out
}

/// A row per header name in either response, grouped by hop (CDN, proxy, app), each group in
/// the order the headers came.
pub(super) fn rows(good: &[(String, String)], failing: &[(String, String)]) -> Vec<Row> {
    let (good, failing) = (by_name(good), by_name(failing));
    let find = |list: &[(String, String)], name: &str| {
        list.iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut names: Vec<&String> = good.iter().map(|(n, _)| n).collect();
    for (name, _) in &failing {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name);
        }
    }
    let mut rows: Vec<Row> = names
        .into_iter()
        .map(|name| {
            let mut row = Row::new(Part::Header, name, find(&good, name), find(&failing, name));
            row.hop = Some(hop_of(name));
            if row.change == Change::Changed && per_request(name) {
                row.change = Change::Same;
                row.note = Some("differs on every request".to_owned());
            }
            row
        })
        .collect();
    // Stable: within a hop, the order the headers came in.
    rows.sort_by_key(|r| r.hop);
    rows
}
