//! Who returned a response (its origin): the app, or a gateway, load balancer, CDN, WAF or
//! identity layer in front of it, in the runbook's own `Layer` vocabulary, and which product.
//! Each signal (the status, the body's style, `Server`, hop headers, content type, where a
//! request id appears) adds weight for the app or for something in front of it; the side
//! clearly ahead wins, with a confidence from its lead, and a near tie says "unknown" with the
//! one check that would settle it. The products' signatures are data (`FRONTS`, `APP_PAGES`,
//! `APP_SERVERS`). Pure.

use serde::{Deserialize, Serialize};

pub use crate::runbook::model::Layer;

use super::response::Response;

/// How sure the classification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// The weight the evidence gave each origin it considered, heaviest first; in JSON an object
/// from the layer's name to its weight (`{"gateway": 11, "app": 0}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Weights(pub Vec<(Layer, i32)>);

impl Weights {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The weight `from` got, now `to`'s: the layer in front was refined (a proxy's 401 page
    /// over a token check is the identity layer's).
    fn relabel(&mut self, from: Layer, to: Layer) {
        let moved = self.0.iter().find(|(l, _)| *l == from).map(|(_, w)| *w);
        if let Some(weight) = moved {
            self.0.retain(|(l, _)| *l != from && *l != to);
            self.0.push((to, weight));
            self.0
                .sort_by_key(|(layer, weight)| (std::cmp::Reverse(*weight), *layer != Layer::App));
        }
    }

    /// The weight of `layer`, when it was considered.
    pub fn of(&self, layer: Layer) -> Option<i32> {
        self.0.iter().find(|(l, _)| *l == layer).map(|(_, w)| *w)
    }
}

impl Serialize for Weights {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (layer, weight) in &self.0 {
            map.serialize_entry(layer, weight)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Weights {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = std::collections::HashMap::<Layer, i32>::deserialize(deserializer)?;
        let mut list: Vec<(Layer, i32)> = map.into_iter().collect();
        list.sort_by_key(|(layer, weight)| (std::cmp::Reverse(*weight), layer.label()));
        Ok(Self(list))
    }
}

/// Who returned a response, as far as the evidence tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// `None` when nothing in the response tells the layers apart, or its signals disagree.
    pub layer: Option<Layer>,
    /// The product, when it can tell ("nginx", "Varnish", "AWS ALB").
    pub product: Option<String>,
    pub confidence: Confidence,
    /// The verdict and what led to it first, then each signal and what it weighed for.
    pub reasons: Vec<String>,
    /// The weight each origin got. Readings saved before weights existed have none.
    #[serde(default, skip_serializing_if = "Weights::is_empty")]
    pub weights: Weights,
    /// The one check that would settle who made it, when the reading is not sure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
}

impl Origin {
    /// The layer as the engineer reads it in a sentence: "a reverse proxy or gateway". The
    /// runbook's `Layer::label` is the short name for lists and cards.
    pub fn label(&self) -> &'static str {
        match self.layer {
            Some(Layer::Client) => "the client",
            Some(Layer::App) => "the app",
            Some(Layer::Gateway) if self.product.as_deref().is_some_and(|p| !is_known(p)) => {
                "a server in front of the app"
            }
            Some(Layer::Gateway) => "a reverse proxy or gateway",
            Some(Layer::LoadBalancer) => "a load balancer",
            Some(Layer::Cdn) => "a CDN or cache",
            Some(Layer::Waf) => "a WAF",
            Some(Layer::Identity) => "the identity layer",
            Some(Layer::Provider) => "a downstream provider",
            None => "unknown",
        }
    }

    /// Who returned it, with the product when known: "a reverse proxy or gateway (nginx)".
    /// The one wording of it, for the evidence card and the one-line reading alike.
    pub fn who(&self) -> String {
        match &self.product {
            Some(product) => format!("{} ({product})", self.label()),
            None => self.label().to_owned(),
        }
    }
}

/// A product that can stand in front of the app, and how it shows itself.
struct Front {
    product: &'static str,
    layer: Layer,
    /// Lowercase text of its own pages: HTML, plain text or JSON.
    body: &'static [&'static str],
    /// Lowercase fragments of a `Server` value naming it.
    server: &'static [&'static str],
    /// What `Server: <it>` weighs for it having made the response: high for products that
    /// pass the upstream's own `Server` through (so naming themselves means they wrote it),
    /// low for those that replace it on everything they forward (nginx) or add theirs beside
    /// it (Caddy).
    server_weight: i32,
    /// Lowercase `name` prefix and value fragment of headers it sets only on responses of its
    /// own (`X-Squid-Error`).
    own_headers: &'static [(&'static str, &'static str)],
    /// Headers it sets on everything it forwards: it was on the path, no more.
    hop_headers: &'static [(&'static str, &'static str)],
}

/// The weight of a product's own page in the body: nearly proof on its own.
const PAGE: i32 = 7;
/// The weight of a header a product sets only on responses it made.
const OWN_HEADER: i32 = 4;

const FRONTS: &[Front] = &[
    Front {
        product: "nginx",
        layer: Layer::Gateway,
        body: &["<center>nginx", "<hr><center>openresty"],
        server: &["nginx", "openresty"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[],
    },
    Front {
        product: "Apache",
        layer: Layer::Gateway,
        body: &[
            "<address>apache",
            "the proxy server received an invalid",
            "proxy error",
            "apache server at",
            "you don't have permission to access this resource",
            "this server could not verify that you",
            "the requested url was not found on this server",
            "the server is temporarily unable to service your",
            "the requested resource does not allow request data",
            "-//ietf//dtd html 2.0//en",
        ],
        server: &["apache"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[],
    },
    // HAProxy's built-in pages: `<html><body><h1>` with no head, and their fixed sentences.
    Front {
        product: "HAProxy",
        layer: Layer::LoadBalancer,
        body: &[
            "no server is available to handle this request",
            "the server didn't respond in time",
            "the server returned an invalid or incomplete response",
            "you have sent too many requests in a given amount of time",
            "request forbidden by administrative rules",
            "<html><body><h1>",
            "haproxy",
        ],
        server: &["haproxy"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[],
    },
    Front {
        product: "Varnish",
        layer: Layer::Cdn,
        body: &[
            "guru meditation",
            "varnish cache server",
            "backend fetch failed",
        ],
        // Varnish keeps the backend's `Server`; its own (synthetic) answers say `Varnish`.
        server: &["varnish"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[("x-varnish", ""), ("via", "varnish")],
    },
    Front {
        product: "Squid",
        layer: Layer::Cdn,
        body: &[
            "squid software foundation",
            "err_connect_fail",
            "err_access_denied",
            "generated by",
        ],
        server: &["squid"],
        server_weight: 4,
        own_headers: &[("x-squid-error", "")],
        hop_headers: &[("via", "squid"), ("x-cache", "from")],
    },
    // Apache Traffic Server: a caching proxy that replaces the upstream's `Server` with its own
    // on everything it forwards, so its name there says only that it was the last hop.
    Front {
        product: "Apache Traffic Server",
        layer: Layer::Cdn,
        body: &[
            "not found on accelerator",
            "could not connect to the requested server host",
            "too much time has passed without sending any data",
            "<font face=\"helvetica,arial\"><b>",
        ],
        server: &["ats/", "apachetrafficserver"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[("via", "apachetrafficserver")],
    },
    Front {
        product: "Caddy",
        layer: Layer::Gateway,
        body: &[],
        server: &["caddy"],
        server_weight: 2,
        own_headers: &[],
        hop_headers: &[],
    },
    Front {
        product: "Envoy",
        layer: Layer::Gateway,
        body: &[
            "upstream connect error or disconnect/reset before headers",
            "no healthy upstream",
            "upstream request timeout",
        ],
        server: &["envoy"],
        server_weight: 2,
        own_headers: &[],
        hop_headers: &[("x-envoy-", "")],
    },
    Front {
        product: "Traefik",
        layer: Layer::Gateway,
        body: &[],
        server: &["traefik"],
        server_weight: 2,
        own_headers: &[],
        hop_headers: &[],
    },
    Front {
        product: "Kong",
        layer: Layer::Gateway,
        body: &[
            "no route matched with those values",
            "name resolution failed",
            "an invalid response was received from the upstream server",
            "the upstream server is currently unavailable",
            "failure to get a peer from the ring-balancer",
            "api rate limit exceeded",
        ],
        server: &["kong"],
        server_weight: 2,
        // Kong's own answers carry its latency only; forwarded ones the upstream's too.
        own_headers: &[("x-kong-response-latency", "")],
        hop_headers: &[("x-kong-", ""), ("via", "kong")],
    },
    Front {
        product: "Cloudflare",
        layer: Layer::Cdn,
        body: &["cloudflare", "cf-error-details", "cf-wrapper", "ray id:"],
        server: &["cloudflare"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[("cf-ray", ""), ("cf-cache-status", "")],
    },
    Front {
        product: "AWS ALB",
        layer: Layer::LoadBalancer,
        body: &[],
        server: &["awselb"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[],
    },
    Front {
        product: "AWS API Gateway",
        layer: Layer::Gateway,
        body: &[
            "\"message\":\"internal server error\"",
            "\"message\":\"forbidden\"",
            "\"message\": \"endpoint request timed out\"",
            "missing authentication token",
        ],
        server: &[],
        server_weight: 0,
        own_headers: &[("x-amzn-errortype", "")],
        hop_headers: &[("x-amz-apigw-id", "")],
    },
    Front {
        product: "Apigee",
        layer: Layer::Gateway,
        body: &["\"faultstring\""],
        server: &["apigee"],
        server_weight: 2,
        own_headers: &[],
        hop_headers: &[],
    },
    Front {
        product: "Azure API Management",
        layer: Layer::Gateway,
        body: &[
            "access denied due to missing subscription key",
            "access denied due to invalid subscription key",
            "rate limit is exceeded. try again in",
        ],
        server: &[],
        server_weight: 0,
        own_headers: &[],
        hop_headers: &[],
    },
    Front {
        product: "AWS CloudFront",
        layer: Layer::Cdn,
        body: &["generated by cloudfront", "request could not be satisfied"],
        server: &["cloudfront"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[
            ("x-cache", "cloudfront"),
            ("via", "cloudfront"),
            ("x-amz-cf-id", ""),
        ],
    },
    Front {
        product: "Google front end",
        layer: Layer::LoadBalancer,
        body: &["that’s an error", "that's an error"],
        server: &["google frontend", "gfe"],
        server_weight: 1,
        own_headers: &[],
        hop_headers: &[("via", "1.1 google")],
    },
    Front {
        product: "Azure Front Door",
        layer: Layer::Cdn,
        body: &[
            "azure front door",
            "our services aren't available right now",
        ],
        server: &[],
        server_weight: 0,
        own_headers: &[],
        hop_headers: &[("x-azure-ref", ""), ("x-fd-", "")],
    },
    Front {
        product: "Akamai",
        layer: Layer::Cdn,
        body: &["reference&#32;&#35;", "akamai"],
        server: &["akamaighost"],
        server_weight: 4,
        own_headers: &[],
        hop_headers: &[("x-akamai-", "")],
    },
    Front {
        product: "Fastly",
        layer: Layer::Cdn,
        body: &["fastly error"],
        server: &[],
        server_weight: 0,
        own_headers: &[],
        hop_headers: &[("x-served-by", "cache-"), ("x-fastly-request-id", "")],
    },
];

/// App servers and frameworks, by `Server` or `X-Powered-By`.
const APP_SERVERS: &[(&str, &str)] = &[
    ("basehttp", "Python http.server"),
    ("werkzeug", "Flask/Werkzeug"),
    ("gunicorn", "gunicorn"),
    ("uvicorn", "uvicorn"),
    ("hypercorn", "Hypercorn"),
    ("daphne", "Daphne"),
    ("waitress", "Waitress"),
    ("express", "Express"),
    ("kestrel", "ASP.NET Kestrel"),
    ("asp.net", "ASP.NET"),
    ("jetty", "Jetty"),
    ("tomcat", "Tomcat"),
    ("apache-coyote", "Tomcat"),
    ("undertow", "Undertow"),
    ("puma", "Puma"),
    ("unicorn", "Unicorn"),
    ("phusion", "Passenger"),
    ("php", "PHP"),
    ("next.js", "Next.js"),
    ("tornado", "Tornado"),
    ("aiohttp", "aiohttp"),
    ("cowboy", "Cowboy"),
];

/// The error formats app frameworks write by themselves: every lowercase fragment is in the
/// body.
const APP_PAGES: &[(&[&str], &str)] = &[
    (&["error code explanation:"], "Python http.server"),
    (&["whitelabel error page"], "Spring Boot"),
    (
        &["\"timestamp\"", "\"status\"", "\"error\"", "\"path\""],
        "Spring Boot",
    ),
    (&["traceback (most recent call last)"], "Python"),
    (&["<h1>server error (500)</h1>"], "Django"),
    (&["we're sorry, but something went wrong"], "Rails"),
    (&["<pre>cannot "], "Express"),
    (&["werkzeug"], "Flask/Werkzeug"),
    // Werkzeug's HTTPException page: an unquoted `lang=en` and no <head> or <body>.
    (
        &["<!doctype html>\n<html lang=en>\n<title>"],
        "Flask/Werkzeug",
    ),
    // Tornado's default `write_error`: "<html><title>500: Internal Server Error</title><body>".
    (&["<html><title>", "</title><body>"], "Tornado"),
    // Django's default 400/403/500 views: the code in brackets after the reason.
    (&["<title>bad request (400)</title>"], "Django"),
    (&["<h3>apache tomcat"], "Tomcat"),
    (&["powered by jetty"], "Jetty"),
    (&["tools.ietf.org/html/rfc7231#section"], "ASP.NET"),
    (&["tools.ietf.org/html/rfc9110#section"], "ASP.NET"),
];

/// Names a product of the signature tables (an unknown `Server` product is named too, from
/// its header alone).
fn is_known(product: &str) -> bool {
    FRONTS.iter().any(|f| f.product == product)
}

/// What a signal weighs for.
#[derive(Debug, Clone, PartialEq)]
enum Toward {
    App,
    /// Something in front of the app, whichever it is.
    Front,
    /// A layer in front, by product when named.
    Layer(Layer, Option<String>),
}

/// One thing seen in the response and the weight it gave.
struct Signal {
    /// Its short name in the verdict: "502", "empty body", "Server: Caddy".
    short: String,
    /// What it says, in a sentence.
    says: String,
    toward: Toward,
    weight: i32,
}

impl Signal {
    fn new(short: impl Into<String>, says: impl Into<String>, toward: Toward, weight: i32) -> Self {
        Self {
            short: short.into(),
            says: says.into(),
            toward,
            weight,
        }
    }

    /// Seen and said, but weighing for no one.
    fn note(says: impl Into<String>) -> Self {
        Self::new("", says, Toward::Front, 0)
    }

    /// The reason as shown: what it says and what it weighed for.
    fn reason(&self) -> String {
        let whom = match &self.toward {
            Toward::App => "the app".to_owned(),
            Toward::Front => "something in front".to_owned(),
            Toward::Layer(_, Some(product)) => product.clone(),
            Toward::Layer(layer, None) => layer.label().to_owned(),
        };
        match self.weight {
            0 => self.says.clone(),
            w => format!("{} ({w:+} for {whom})", self.says),
        }
    }
}

/// The response as the rules read it: lower case, once.
struct Seen<'a> {
    response: &'a Response,
    body: String,
    headers: Vec<(String, String)>,
    json: Option<serde_json::Value>,
}

impl Seen<'_> {
    /// A header whose name is `name` (or starts with it, for a name ending in `-`) and whose
    /// value contains `value`.
    fn has(&self, name: &str, value: &str) -> bool {
        self.headers.iter().any(|(n, v)| {
            let name_ok = if name.ends_with('-') {
                n.starts_with(name)
            } else {
                n == name
            };
            name_ok && v.contains(value)
        })
    }

    fn values<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.headers
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn error(&self) -> bool {
        self.response.status.is_some_and(|s| s >= 400)
    }

    fn status_is(&self, codes: &[u16]) -> bool {
        self.response.status.is_some_and(|s| codes.contains(&s))
    }
}

/// Decides who returned `response`.
pub fn classify(response: &Response) -> Origin {
    let seen = Seen {
        response,
        body: response.body.to_lowercase(),
        headers: response
            .headers
            .iter()
            .map(|(n, v)| (n.to_lowercase(), v.to_lowercase()))
            .collect(),
        json: response.json_body(),
    };
    let mut signals = Vec::new();
    let page = page_signals(&seen, &mut signals);
    let cache = cache_signals(&seen, &mut signals);
    server_signals(
        &seen,
        cache.answered_from_store,
        page.is_some(),
        &mut signals,
    );
    status_signals(&seen, &mut signals);
    body_signals(&seen, page.is_some(), &mut signals);
    configured_json_signals(&seen, page.is_some(), &mut signals);
    let id = id_signals(&seen, &mut signals);
    auth_signals(&seen, page.is_some(), &mut signals);
    decide(&seen, &signals, page, id.as_deref())
}

/// Which product's own page is in the body (recorded as a signal), if any.
fn page_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> Option<&'static Front> {
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
struct CacheSeen {
    /// The answer came out of a cache's store (a hit), so headers such as `Server` came with
    /// the stored object.
    answered_from_store: bool,
}

fn cache_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> CacheSeen {
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

fn server_signals(seen: &Seen<'_>, from_store: bool, page: bool, signals: &mut Vec<Signal>) {
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
fn configured_json_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
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
fn status_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
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

fn body_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
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
fn id_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> Option<String> {
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

fn auth_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
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

/// The band a lead falls in.
fn band(lead: i32) -> Confidence {
    match lead {
        7.. => Confidence::High,
        4..=6 => Confidence::Medium,
        _ => Confidence::Low,
    }
}

/// The leading layer in front and its product, with the weight of its own evidence.
fn leading_front(signals: &[Signal]) -> Option<(Layer, Option<String>, i32)> {
    let mut totals: Vec<(Layer, Option<String>, i32)> = Vec::new();
    for signal in signals {
        if let Toward::Layer(layer, product) = &signal.toward {
            let same = totals
                .iter_mut()
                .find(|(l, p, _)| p == product && (p.is_some() || l == layer));
            match same {
                Some(entry) => entry.2 += signal.weight,
                None => totals.push((*layer, product.clone(), signal.weight)),
            }
        }
    }
    // The named product wins a tie over a bare layer.
    totals
        .into_iter()
        .filter(|(_, _, w)| *w > 0)
        .max_by_key(|(_, p, w)| (*w, p.is_some()))
}

/// Who the signals point at, in how many words.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    App,
    Front,
    Unknown,
}

/// Weighs the signals: the side clearly ahead wins, its lead sets the confidence, and a tie
/// is "unknown" with the check that settles it.
fn decide(
    seen: &Seen<'_>,
    signals: &[Signal],
    page: Option<&'static Front>,
    id: Option<&str>,
) -> Origin {
    let app: i32 = weight_toward(signals, |t| *t == Toward::App);
    let generic: i32 = weight_toward(signals, |t| *t == Toward::Front);
    let lead = leading_front(signals);
    let named = lead.as_ref().map_or(0, |(_, _, w)| *w);
    let front = generic + named;
    let lead_by = front - app;
    let side = match lead_by {
        2.. => Side::Front,
        ..=-2 => Side::App,
        _ => Side::Unknown,
    };
    let front_name = lead
        .as_ref()
        .and_then(|(_, p, _)| p.clone())
        .unwrap_or_else(|| "the proxy in front".to_owned());
    let mut extra = Vec::new();
    let mut cap = Confidence::High;
    let mut check = None;
    let mut relabel = None;
    let (layer, product, confidence) = match side {
        Side::Front => {
            let (mut layer, product) = lead
                .clone()
                .map_or((Layer::Gateway, None), |(l, p, _)| (l, p));
            if product.is_none() {
                // With no product named, "a gateway" is the likeliest front, not a certainty.
                cap = if seen.status_is(&[502, 504]) {
                    Confidence::Medium
                } else {
                    Confidence::Low
                };
            }
            if rival_product(signals, lead.as_ref()) {
                cap = cap.min(Confidence::Medium);
                extra.push("another product's signature is nearly as strong".to_owned());
            }
            let unrefined = layer;
            layer = refine(
                seen,
                layer,
                product.as_deref(),
                page,
                &mut Refined {
                    cap: &mut cap,
                    extra: &mut extra,
                    check: &mut check,
                },
            );
            relabel = (unrefined != layer).then_some((unrefined, layer));
            (Some(layer), product, band(lead_by).min(cap))
        }
        Side::App => {
            if named >= OWN_HEADER {
                // A product's own page or header against the app's format: they disagree.
                cap = Confidence::Low;
            }
            let framework = app_product(seen);
            // JSON with the request id in it is also what a proxy writes when told to answer
            // in JSON: with something in front on the path, only the app's own server or
            // framework makes it sure.
            if framework.is_none() && (lead.is_some() || front_on_path(seen)) {
                cap = cap.min(Confidence::Medium);
            }
            (Some(Layer::App), framework, band(-lead_by).min(cap))
        }
        Side::Unknown => (None, None, Confidence::Low),
    };
    let mut reasons = vec![verdict(
        signals,
        side,
        layer,
        product.as_deref(),
        page,
        confidence,
    )];
    let mut ordered: Vec<&Signal> = signals.iter().collect();
    ordered.sort_by_key(|s| std::cmp::Reverse(s.weight.abs()));
    for signal in ordered {
        // The page's sentence already leads as the verdict.
        if reasons[0] != signal.says {
            reasons.push(signal.reason());
        }
    }
    reasons.extend(extra);
    let check = (confidence < Confidence::High)
        .then(|| check.unwrap_or_else(|| settle(side, layer, &front_name, id)));
    let mut weights = weights(app, generic, signals);
    if let Some((unrefined, refined)) = relabel {
        weights.relabel(unrefined, refined);
    }
    Origin {
        layer,
        product,
        confidence,
        reasons,
        weights,
        check,
    }
}

fn weight_toward(signals: &[Signal], which: impl Fn(&Toward) -> bool) -> i32 {
    signals
        .iter()
        .filter(|s| which(&s.toward))
        .map(|s| s.weight)
        .sum()
}

/// Another product than the leading one with nearly its weight: either could have made it.
fn rival_product(signals: &[Signal], lead: Option<&(Layer, Option<String>, i32)>) -> bool {
    let Some((_, Some(leader), weight)) = lead else {
        return false;
    };
    let mut others: Vec<(&str, i32)> = Vec::new();
    for signal in signals {
        if let Toward::Layer(_, Some(product)) = &signal.toward
            && product != leader
        {
            match others.iter_mut().find(|(p, _)| p == product) {
                Some(entry) => entry.1 += signal.weight,
                None => others.push((product, signal.weight)),
            }
        }
    }
    others.iter().any(|(_, w)| *w >= 3 && *w + 2 >= *weight)
}

/// The layer in front, as the status and the request refine it: a proxy's 401 page over a
/// token check is the identity layer's, an edge's blocking page a WAF's, a forward proxy's
/// page a proxy's.
/// What refining the layer may add: a lower cap, reasons, the check that settles it.
struct Refined<'a> {
    cap: &'a mut Confidence,
    extra: &'a mut Vec<String>,
    check: &'a mut Option<String>,
}

fn refine(
    seen: &Seen<'_>,
    layer: Layer,
    product: Option<&str>,
    page: Option<&'static Front>,
    out: &mut Refined<'_>,
) -> Layer {
    let Refined { cap, extra, check } = out;
    let challenge = seen.values("www-authenticate").next();
    let page_is_product = page.is_some_and(|p| Some(p.product) == product);
    // A proxy's own authentication is Basic or Digest; a 401 page with a Bearer challenge,
    // or none, comes from a token check it delegates to (nginx `auth_request`, an auth
    // gateway).
    if page_is_product
        && seen.status_is(&[401])
        && challenge.is_none_or(|c| c.starts_with("bearer"))
    {
        **cap = (**cap).min(Confidence::Medium);
        extra.push(
            "401 page with a token challenge (or none): a token check behind the proxy".to_owned(),
        );
        return Layer::Identity;
    }
    let sent_token = seen.response.request_headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("authorization") && v.to_lowercase().starts_with("bearer")
    });
    let name = product.unwrap_or("the proxy");
    // Both refinements below leave two layers equally likely: not "clearly ahead".
    if page_is_product && sent_token && seen.status_is(&[401, 403]) {
        **cap = Confidence::Low;
        extra.push(
            "the request carried a token: a token check at the proxy (auth_request) may be \
             what refused it"
                .to_owned(),
        );
        **check = Some(format!(
            "repeat with a known-good token: if the answer changes, a token check behind \
             {name} refused this one; if not, {name}'s own rule did"
        ));
    } else if page_is_product && layer == Layer::Gateway && seen.status_is(&[403, 413]) {
        // ModSecurity and NAXSI answer with the web server's own page.
        **cap = Confidence::Low;
        extra.push(format!(
            "a WAF module inside {name} (ModSecurity, NAXSI) answers with this same page"
        ));
        **check = Some(format!(
            "look in {name}'s error log at that time: a WAF rule id (ModSecurity) means the WAF \
             refused it; an access rule or a size limit, {name} itself"
        ));
    }
    let blocking = [
        "access denied",
        "attention required",
        "you have been blocked",
        "request blocked",
        "modsecurity",
        "web application firewall",
    ];
    // Edge networks put their WAF in front; a caching proxy's "access denied" is its own ACL.
    let edge = [
        "Cloudflare",
        "Akamai",
        "AWS CloudFront",
        "Azure Front Door",
        "Fastly",
    ];
    if seen.status_is(&[403])
        && (seen.body.contains("modsecurity")
            || blocking.iter().any(|b| seen.body.contains(b))
                && product.is_some_and(|p| edge.contains(&p)))
    {
        return Layer::Waf;
    }
    if layer == Layer::Cdn && seen.response.forward_proxy {
        extra.push(
            "the request went through a forward proxy (curl -x): its page is the proxy's"
                .to_owned(),
        );
        return Layer::Gateway;
    }
    layer
}

/// A proxy or cache left its mark on the path (hop headers, `Server`), whether or not it made
/// the response.
fn front_on_path(seen: &Seen<'_>) -> bool {
    seen.has("via", "")
        || seen.has("x-cache", "")
        || FRONTS.iter().any(|f| {
            f.hop_headers.iter().any(|(n, v)| seen.has(n, v))
                || f.server.iter().any(|s| seen.has("server", s))
        })
}

/// The app's server or framework, when a header or its error format names it.
fn app_product(seen: &Seen<'_>) -> Option<String> {
    let by_header = seen
        .headers
        .iter()
        .filter(|(n, _)| n == "server" || n == "x-powered-by")
        .find_map(|(_, v)| APP_SERVERS.iter().find(|(key, _)| v.contains(key)))
        .map(|(_, name)| (*name).to_owned());
    by_header.or_else(|| {
        APP_PAGES
            .iter()
            .find(|(all, _)| all.iter().all(|b| seen.body.contains(b)))
            .map(|(_, name)| (*name).to_owned())
    })
}

/// The first reason: the signals that carried the verdict, and the verdict ("502 + empty
/// body + Server: Caddy → Caddy made it"); a product's own page says it alone.
fn verdict(
    signals: &[Signal],
    side: Side,
    layer: Option<Layer>,
    product: Option<&str>,
    page: Option<&'static Front>,
    confidence: Confidence,
) -> String {
    let shorts = |keep: &dyn Fn(&Toward) -> bool| -> Vec<&str> {
        let mut carried: Vec<&Signal> = signals
            .iter()
            .filter(|s| s.weight > 0 && keep(&s.toward))
            .collect();
        carried.sort_by_key(|s| std::cmp::Reverse(s.weight));
        carried.iter().map(|s| s.short.as_str()).collect()
    };
    // Only a sure verdict is said flat; a weaker one says how sure it is.
    let hedge = match confidence {
        Confidence::High => "",
        Confidence::Medium => "most likely ",
        Confidence::Low => "probably ",
    };
    match side {
        Side::Front => {
            if let Some(page) = page.filter(|p| Some(p.product) == product) {
                return format!("error page in the style of {}", page.product);
            }
            let who = match (layer, product) {
                (Some(Layer::Cdn), Some(p)) => format!("{hedge}{p} answered by itself"),
                (Some(Layer::Cdn), None) => format!("{hedge}a cache answered by itself"),
                (_, Some(p)) => format!("{hedge}{p} made it"),
                (_, None) => format!("{hedge}a proxy in front made it"),
            };
            let carried = shorts(&|t| *t != Toward::App);
            format!("{} → {who}", carried.join(" + "))
        }
        Side::App => {
            let carried = shorts(&|t| *t == Toward::App);
            format!("{} → {hedge}the app made it", carried.join(" + "))
        }
        Side::Unknown => {
            let for_app = shorts(&|t| *t == Toward::App);
            let for_front = shorts(&|t| *t != Toward::App);
            match (for_app.is_empty(), for_front.is_empty()) {
                (true, true) => "nothing that tells the layers apart".to_owned(),
                (false, false) => format!(
                    "the signals disagree: {} for the app, {} for something in front",
                    for_app.join(" + "),
                    for_front.join(" + ")
                ),
                (false, true) => format!(
                    "only {} for the app: too little to tell",
                    for_app.join(" + ")
                ),
                (true, false) => format!(
                    "only {} for something in front: too little to tell",
                    for_front.join(" + ")
                ),
            }
        }
    }
}

/// The one check that settles who made it.
fn settle(side: Side, layer: Option<Layer>, front: &str, id: Option<&str>) -> String {
    match (side, layer) {
        (Side::Front, Some(Layer::Cdn)) => {
            "repeat the request past the cache (straight to the origin, or with a query string \
             it has not stored) and compare"
                .to_owned()
        }
        (Side::Front, Some(Layer::Identity)) => {
            "repeat with a known-good token: if the answer changes, the token check refused \
             the old one"
                .to_owned()
        }
        _ => match id {
            Some(id) => format!(
                "look for request id {id} in the app's log at that time: there, the app made \
                 it; absent, {front} did"
            ),
            None => format!(
                "curl the upstream directly (past {front}) with the same request: the same \
                 answer means the app made it; another, {front} did"
            ),
        },
    }
}

/// The weight of each origin considered: the app's, and each layer in front with the signals
/// that point at no layer in particular added in.
fn weights(app: i32, generic: i32, signals: &[Signal]) -> Weights {
    let mut list: Vec<(Layer, i32)> = vec![(Layer::App, app)];
    for signal in signals {
        if let Toward::Layer(layer, _) = &signal.toward {
            match list.iter_mut().find(|(l, _)| l == layer) {
                Some(entry) => entry.1 += signal.weight,
                None => list.push((*layer, generic + signal.weight)),
            }
        }
    }
    if list.len() == 1 {
        list.push((Layer::Gateway, generic));
    }
    list.sort_by_key(|(layer, weight)| (std::cmp::Reverse(*weight), *layer != Layer::App));
    Weights(list)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::response::parse;

    #[test]
    fn an_nginx_error_page_is_the_proxy() {
        let v = classify(&parse(
            "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.22.1\n\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx/1.22.1</center>\n</body>\n</html>",
        ));
        assert_eq!(v.layer, Some(Layer::Gateway));
        assert_eq!(v.product.as_deref(), Some("nginx"));
        assert_eq!(v.confidence, Confidence::High);
        assert_eq!(v.reasons[0], "error page in the style of nginx");
        assert_eq!(v.check, None);
    }

    #[test]
    fn an_app_error_through_a_cache_is_the_app() {
        let v = classify(&parse(
            "HTTP/1.1 500 Internal Server Error\nX-Varnish: 32770\nVia: 1.1 varnish (Varnish/7.1)\nx-request-id: req-1\nContent-Type: application/json\n\n{\"error\": \"database unavailable\", \"request_id\": \"req-1\"}",
        ));
        assert_eq!(v.layer, Some(Layer::App));
        assert!(
            v.reasons
                .iter()
                .any(|r| r.contains("Varnish was on the path"))
        );
    }

    #[test]
    fn a_token_challenge_is_the_identity_layer() {
        let v = classify(&parse(
            "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"expired\"\n\n",
        ));
        assert_eq!(v.layer, Some(Layer::Identity));
    }

    /// Reads a paste as it arrives (CR LF line breaks from a terminal), through the one way in.
    fn read(text: &str) -> Origin {
        classify(&parse(&crate::text::normalize(&text.replace('\n', "\r\n"))))
    }

    #[test]
    fn a_request_id_the_proxy_adds_to_its_own_page_does_not_make_it_the_app() {
        let v = read(
            "< HTTP/1.1 404 Not Found\n< Server: nginx/1.24.0\n< Content-Type: text/html\n\
             < X-Request-ID: 7f3a9c0e1b2d4e5f\n<\n<html>\n<head><title>404 Not Found</title></head>\n\
             <body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.24.0</center>\n\
             </body>\n</html>",
        );
        assert_eq!(v.layer, Some(Layer::Gateway));
        assert_eq!(v.product.as_deref(), Some("nginx"));
        assert_eq!(v.confidence, Confidence::High);
        assert!(
            v.reasons
                .iter()
                .any(|r| r.contains("a proxy can add its own to every response")),
            "{:?}",
            v.reasons
        );
        assert_eq!(v.weights.of(Layer::App), Some(0));
    }

    #[test]
    fn an_empty_502_from_caddy_is_caddys() {
        let v = read(
            "< HTTP/1.1 502 Bad Gateway\n< Server: Caddy\n< Date: Mon, 23 Nov 2026 10:43:59 GMT\n< Content-Length: 0\n<\n",
        );
        assert_eq!(v.layer, Some(Layer::Gateway));
        assert_eq!(v.product.as_deref(), Some("Caddy"));
        assert_eq!(
            v.reasons[0],
            "502 + empty body + Server: Caddy → Caddy made it"
        );
        assert_eq!(v.confidence, Confidence::High);
        // Each signal says what it weighed, and the weights add up to the verdict.
        assert!(
            v.reasons
                .iter()
                .any(|r| r.ends_with("(+3 for something in front)"))
        );
        assert_eq!(v.weights.0[0], (Layer::Gateway, 8));
    }

    #[test]
    fn via_on_an_apps_json_500_is_never_a_confident_cdn() {
        for via in [
            "1.1 varnish (Varnish/7.1)",
            "1.1 edge-cache-3",
            "1.1 squid-corpus (squid/5.7)",
        ] {
            let v = read(&format!(
                "HTTP/1.1 500 Internal Server Error\nVia: {via}\nAge: 0\nContent-Type: application/json\n\n\
                 {{\"error\": \"database unavailable\"}}"
            ));
            assert!(
                v.layer == Some(Layer::App) || v.layer.is_none(),
                "{via}: {v:?}"
            );
            assert!(v.confidence < Confidence::High, "{via}: {v:?}");
            assert!(v.check.is_some());
        }
    }

    #[test]
    fn a_cache_answering_a_304_by_itself_is_the_cache_whatever_server_says() {
        let v = read(
            "< HTTP/1.1 304 Not Modified\n< Server: gunicorn\n< ETag: \"v7\"\n< X-Varnish: 32790 32771\n\
             < Age: 118\n< Via: 1.1 varnish (Varnish/7.1)\n<\n",
        );
        assert_eq!(v.layer, Some(Layer::Cdn), "{v:?}");
        assert_eq!(v.product.as_deref(), Some("Varnish"));
        assert!(v.confidence >= Confidence::Medium);
        assert!(
            v.reasons
                .iter()
                .any(|r| r.contains("came with the stored object")),
            "{:?}",
            v.reasons
        );
        // A stale copy is the cache's too.
        let stale = read(
            "HTTP/1.1 200 OK\nServer: gunicorn\nContent-Type: application/json\nX-Cache: HIT\n\
             Warning: 110 - \"Response is Stale\"\nAge: 900\n\n{\"items\": []}",
        );
        assert_eq!(stale.layer, Some(Layer::Cdn), "{stale:?}");
    }

    #[test]
    fn a_server_absent_from_the_tables_is_named_from_its_header() {
        let v = read(
            "HTTP/1.1 503 Service Unavailable\nServer: lighttpd/1.4.69\nContent-Type: text/html\n\
             Date: Mon, 23 Nov 2026 10:43:59 GMT\n\n<?xml version=\"1.0\"?>\n<html><head>\
             <title>503 Service Not Available</title></head><body><h1>503 Service Not Available</h1>\
             </body></html>",
        );
        assert_eq!(v.who(), "a server in front of the app (lighttpd)");
        assert!(v.check.is_some(), "not sure, so it says how to settle it");
        // The same server on an app's JSON error is only the last hop.
        let passed = read(
            "HTTP/1.1 503 Service Unavailable\nServer: lighttpd/1.4.69\nContent-Type: application/json\n\n\
             {\"error\": {\"code\": \"maintenance\"}}",
        );
        assert_eq!(passed.layer, Some(Layer::App), "{passed:?}");
    }

    #[test]
    fn a_body_only_problem_details_paste_gives_the_status_and_no_confident_origin() {
        let text = "{\n  \"type\": \"https://example.com/probs/db-down\",\n  \"title\": \"Database unavailable\",\n  \
                    \"status\": 500,\n  \"detail\": \"the orders database did not answer\"\n}";
        let response = parse(text);
        assert_eq!(response.status, Some(500));
        let v = classify(&response);
        assert!(v.layer == Some(Layer::App) || v.layer.is_none(), "{v:?}");
        assert!(v.confidence < Confidence::High);
        assert!(v.check.is_some());
        // A proxy's default page pasted alone is the proxy's.
        let page = parse(
            "<html>\n<head><title>504 Gateway Time-out</title></head>\n<body>\n\
             <center><h1>504 Gateway Time-out</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>",
        );
        assert_eq!(page.status, Some(504));
        assert_eq!(classify(&page).layer, Some(Layer::Gateway));
    }

    #[test]
    fn a_proxys_own_json_error_is_never_the_app_with_confidence() {
        // nginx `return 429 '{...}'` with `add_header X-Request-ID $request_id`.
        let v = read(
            "< HTTP/1.1 429 Too Many Requests\n< Server: nginx\n< Content-Type: application/json\n\
             < X-Request-ID: 5d41402abc4b2a76\n<\n{\"error\": \"rate_limited\"}",
        );
        assert!(
            v.confidence < Confidence::Medium || v.layer != Some(Layer::App),
            "{v:?}"
        );
        assert!(
            v.check
                .as_deref()
                .is_some_and(|c| c.contains("5d41402abc4b2a76")),
            "{:?}",
            v.check
        );
        // A 502 in JSON: the status says gateway, the format says app; not "the app, medium".
        let bad_gateway = read(
            "< HTTP/1.1 502 Bad Gateway\n< Server: Caddy\n< Content-Type: application/json\n<\n\
             {\"error\": \"upstream unavailable\"}",
        );
        assert!(
            bad_gateway.layer != Some(Layer::App) || bad_gateway.confidence == Confidence::Low,
            "{bad_gateway:?}"
        );
    }

    #[test]
    fn a_short_json_error_under_caddy_with_no_app_server_is_caddys_own_answer() {
        let v = read(
            "< HTTP/1.1 503 Service Unavailable\n< Content-Type: application/json\n< Server: Caddy\n< Date: Thu, 03 Dec 2026 07:46:58 GMT\n<\n{\"error\":\"maintenance\",\"message\":\"paused for a deploy\"}",
        );
        assert_eq!(v.layer, Some(Layer::Gateway));
        assert_eq!(v.product.as_deref(), Some("Caddy"));
        assert!(v.confidence < Confidence::High);
        // The same body with the app's Server beside Caddy's is the app's, passed through.
        let v = read(
            "< HTTP/1.1 503 Service Unavailable\n< Content-Type: application/json\n< Server: Caddy\n< Server: uvicorn\n< Date: Thu, 03 Dec 2026 07:46:58 GMT\n<\n{\"error\":\"maintenance\",\"message\":\"paused for a deploy\"}",
        );
        assert_eq!(v.layer, Some(Layer::App));
        // nginx replaces the app's Server, so under nginx the same body says nothing of who.
        let v = read(
            "< HTTP/1.1 503 Service Unavailable\n< Content-Type: application/json\n< Server: nginx\n< Date: Thu, 03 Dec 2026 07:46:58 GMT\n<\n{\"error\":\"maintenance\",\"message\":\"paused for a deploy\"}",
        );
        assert_ne!(v.layer, Some(Layer::Gateway));
    }

    #[test]
    fn traffic_server_pages_are_the_caches_and_aiohttp_is_an_app_server() {
        let v = read(
            "HTTP/1.1 404 Not Found on Accelerator\nDate: Thu, 03 Dec 2026 07:47:11 GMT\nVia: http/1.1 ats (ApacheTrafficServer/9.2.9 [c s f ])\nServer: ATS/9.2.9\nContent-Type: text/html\n\n<HTML>\n<HEAD>\n<TITLE>Not Found on Accelerator</TITLE>\n</HEAD>\n<BODY>\n<H1>Not Found on Accelerator</H1>\n</BODY>",
        );
        assert_eq!(v.layer, Some(Layer::Cdn));
        assert_eq!(v.product.as_deref(), Some("Apache Traffic Server"));
        let v = read(
            "HTTP/1.1 500 Internal Server Error\nContent-Type: text/plain; charset=utf-8\nContent-Length: 21\nDate: Thu, 03 Dec 2026 07:46:40 GMT\nServer: Python/3.11 aiohttp/3.9.1\n\n500 Internal Server Error",
        );
        assert_eq!(v.layer, Some(Layer::App));
        assert_eq!(v.product.as_deref(), Some("aiohttp"));
    }

    #[test]
    fn an_age_past_max_age_is_a_stale_copy_the_cache_served() {
        let stale = "< HTTP/1.1 200 OK\n< Server: gunicorn\n< Content-Type: application/json\n< Cache-Control: public, max-age=1\n< X-Varnish: 32781 15\n< Age: 2\n< Via: 1.1 varnish (Varnish/7.1)\n<\n{\"items\":[]}";
        let v = read(stale);
        assert_eq!(v.layer, Some(Layer::Cdn));
        assert!(v.confidence < Confidence::High);
        // Within its lifetime, the stored answer is the app's.
        let v = read(&stale.replace("max-age=1", "max-age=60"));
        assert_eq!(v.layer, Some(Layer::App));
    }

    #[test]
    fn weights_read_as_an_object_and_round_trip() {
        let v = read("< HTTP/1.1 502 Bad Gateway\n< Server: Caddy\n<\n");
        let json = serde_json::to_value(&v).unwrap();
        assert_eq!(json["weights"]["gateway"], 8);
        assert_eq!(json["weights"]["app"], 0);
        let back: Origin = serde_json::from_value(json).unwrap();
        assert_eq!(back, v);
        // A reading saved before weights existed reads with none, and saves as it was.
        let old = serde_json::json!({
            "layer": "gateway", "product": "nginx", "confidence": "high", "reasons": ["x"]
        });
        let read_back: Origin = serde_json::from_value(old.clone()).unwrap();
        assert!(read_back.weights.is_empty());
        assert_eq!(serde_json::to_value(&read_back).unwrap(), old);
    }

    #[test]
    fn nothing_to_go_on_is_unknown() {
        assert_eq!(classify(&parse("hello")).layer, None);
    }

    #[test]
    fn who_names_the_layer_in_words_and_the_product_when_known() {
        let origin = |layer, product: Option<&str>| Origin {
            layer,
            product: product.map(str::to_owned),
            confidence: Confidence::High,
            reasons: Vec::new(),
            weights: Weights::default(),
            check: None,
        };
        assert_eq!(
            origin(Some(Layer::Gateway), Some("nginx")).who(),
            "a reverse proxy or gateway (nginx)"
        );
        assert_eq!(origin(Some(Layer::Cdn), None).who(), "a CDN or cache");
        assert_eq!(origin(None, None).who(), "unknown");
        // The JSON names are the runbook's, and unknown is no layer at all.
        let json = serde_json::to_value(origin(Some(Layer::LoadBalancer), None)).unwrap();
        assert_eq!(json["layer"], "load-balancer");
        assert!(serde_json::to_value(origin(None, None)).unwrap()["layer"].is_null());
    }
}
