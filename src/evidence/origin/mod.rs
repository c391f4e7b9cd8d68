//! Who returned a response (its origin): the app, or a gateway, load balancer, CDN, WAF or
//! identity layer in front of it, in the runbook's own `Layer` vocabulary, and which product.
//! Each signal (the status, the body's style, `Server`, hop headers, content type, where a
//! request id appears) adds weight for the app or for something in front of it; the side
//! clearly ahead wins, with a confidence from its lead, and a near tie says "unknown" with the
//! one check that would settle it. The products' signatures are data (`FRONTS` in
//! `signatures`; `APP_SERVERS`, `APP_PAGES`, `APP_JSON` in `apps`; `APP_HEADERS`,
//! `APP_COOKIES` in `app_headers`). Pure.

mod app_headers;
mod apps;
mod body;
mod body_shown;
mod cache;
mod canned;
mod challenge;
mod default_site;
mod dependencies;
mod echo;
mod files;
mod footer;
mod forwarding;
mod haproxy_id;
mod health;
mod login;
mod page_length;
mod preflight;
mod redirects;
mod refine;
mod request_ids;
mod signals;
mod signatures;
mod status_line;
mod status_only;
mod unwritten;
mod verdict;
mod waf;

use serde::{Deserialize, Serialize};

pub use crate::runbook::model::Layer;

use super::response::Response;
use apps::app_format_signals;
use body::body_signals;
use cache::{cache_signals, traffic_server_signals};
use challenge::auth_signals;
use echo::echo_signals;
use footer::footer_signals;
use forwarding::{
    forwarding_signals, passed_through_signals, proxy_component_signals, two_hands_signals,
};
use health::health_signals;
use login::login_signals;
use request_ids::id_signals;
use signals::{configured_json_signals, page_signals, server_signals, status_signals};
use signatures::is_known;
use status_line::status_line_signals;
use verdict::decide;

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

impl<'a> Seen<'a> {
    fn new(response: &'a Response) -> Self {
        Seen {
            response,
            body: response.body.to_lowercase(),
            headers: response
                .headers
                .iter()
                .map(|(n, v)| (n.to_lowercase(), v.to_lowercase()))
                .collect(),
            json: response.json_body(),
        }
    }

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

    /// The product in front that a `Server` value names, if any.
    fn front_named(&self) -> Option<&'static signatures::Front> {
        self.front_named_where(|_| true)
    }

    /// The first product in front of those `keep` allows that a `Server` value names.
    fn front_named_where(
        &self,
        keep: impl Fn(&signatures::Front) -> bool,
    ) -> Option<&'static signatures::Front> {
        self.values("server").find_map(|v| {
            signatures::FRONTS
                .iter()
                .find(|f| keep(f) && f.server.iter().any(|s| v.contains(s)))
        })
    }
}

/// A cache keeps the app's answer whole, so a success from its store carries the app's JSON,
/// the Date the app's side wrote and (`HAProxy`'s cache, Varnish) its status line as it came:
/// they say who wrote the bytes first, not who answered.
fn stored_object_says_nothing_of_who_answered(signals: &mut [Signal]) {
    for signal in signals.iter_mut().filter(|s| {
        s.toward == Toward::App
            && ["app-style JSON", "upstream's Date", "no reason phrase"].contains(&s.short.as_str())
    }) {
        signal.says = format!("{} (kept whole in the cache's store)", signal.says);
        signal.short = String::new();
        signal.weight = 0;
    }
}

/// The last hop passed the answer on from upstream (its status line, a header in another
/// hand), and the page is another front's (`HAProxy`'s behind nginx): upstream was that front,
/// so what says "passed on" weighs for it, not for the app.
fn passed_on_from_the_pages_writer(
    seen: &Seen<'_>,
    front: &'static signatures::Front,
    signals: &mut [Signal],
) {
    if seen
        .front_named()
        .is_none_or(|named| named.product == front.product)
    {
        return;
    }
    for signal in signals.iter_mut().filter(|s| {
        s.toward == Toward::App
            && ["upstream's status line", "a name in another hand"].contains(&s.short.as_str())
    }) {
        signal.says = format!(
            "{} (upstream here was {}, whose page this is)",
            signal.says, front.product
        );
        signal.toward = Toward::Layer(front.layer, Some(front.product.to_owned()));
    }
}

/// Decides who returned `response`.
pub fn classify(response: &Response) -> Origin {
    let seen = Seen::new(response);
    let mut signals = Vec::new();
    let page = page_signals(&seen, &mut signals);
    let cache = cache_signals(&seen, &mut signals);
    server_signals(
        &seen,
        cache.answered_from_store,
        page.is_some(),
        &mut signals,
    );
    status_signals(
        &seen,
        cache.success_from_store,
        page.is_some(),
        &mut signals,
    );
    status_line_signals(&seen, &mut signals);
    app_format_signals(
        &seen,
        page.is_some(),
        cache.answered_from_store,
        &mut signals,
    );
    body_signals(&seen, page.is_some(), &mut signals);
    echo_signals(&seen, &mut signals);
    dependencies::dependency_signals(&seen, page.is_some(), &mut signals);
    health_signals(&seen, &mut signals);
    footer_signals(&seen, page.is_some(), &mut signals);
    forwarding_signals(&seen, page.is_some(), &mut signals);
    proxy_component_signals(&seen, &mut signals);
    passed_through_signals(&seen, page.is_some(), &mut signals);
    two_hands_signals(&seen, &mut signals);
    traffic_server_signals(&seen, &mut signals);
    configured_json_signals(&seen, page.is_some(), &mut signals);
    haproxy_id::haproxy_id_signals(&seen, &mut signals);
    redirects::passed_on_redirect_signals(&seen, &mut signals);
    if cache.success_from_store {
        stored_object_says_nothing_of_who_answered(&mut signals);
    }
    if let Some(front) = page {
        passed_on_from_the_pages_writer(&seen, front, &mut signals);
    }
    let id = id_signals(&seen, &mut signals);
    auth_signals(&seen, page.is_some(), &mut signals);
    login_signals(&seen, &mut signals);
    decide(&seen, &signals, page, id.as_deref(), cache.answered_itself)
}

#[cfg(test)]
mod tests;
