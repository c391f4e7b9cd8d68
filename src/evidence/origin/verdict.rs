//! Adding the weights up into a verdict: which side is clearly ahead, the confidence from its
//! lead, refining the layer in front, the wording of the reasons, and the one check that would
//! settle a reading that is not sure.

use super::apps::{app_product, framework_marked};
use super::default_site::reached_default_site;
use super::forwarding::{passed_on_by, upstream_words_strong};
use super::refine::{Refined, refine};
use super::signatures::{FRONTS, Front, OWN_HEADER};
use super::{Confidence, Layer, Origin, Seen, Signal, Toward, Weights};

/// What speaks for the app is the app server's name and nothing in front of it, with at most
/// what any code under that server writes (JSON of no framework's shape, the server's status
/// line with no reason phrase): the process is named, not the app.
fn only_server_and_json(signals: &[Signal]) -> bool {
    let server = |s: &str| {
        s.get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("server:"))
    };
    let for_app: Vec<&str> = signals
        .iter()
        .filter(|s| s.toward == Toward::App && s.weight > 0)
        .map(|s| s.short.as_str())
        .collect();
    for_app.contains(&"nothing in front")
        && for_app.iter().any(|s| server(s))
        && for_app.len() >= 3
        && for_app.iter().all(|s| {
            server(s) || ["nothing in front", "app-style JSON", "no reason phrase"].contains(s)
        })
}

/// The band a lead falls in.
fn band(lead: i32) -> Confidence {
    match lead {
        7.. => Confidence::High,
        4..=6 => Confidence::Medium,
        _ => Confidence::Low,
    }
}

/// The leading layer in front and its product, with the weight of its own evidence. A
/// product that marked the answer as one it forwarded (`passed_on`) did not make it.
fn leading_front(signals: &[Signal], passed_on: &[&str]) -> Option<(Layer, Option<String>, i32)> {
    let mut totals: Vec<(Layer, Option<String>, i32)> = Vec::new();
    for signal in signals {
        if let Toward::Layer(layer, product) = &signal.toward {
            if product.as_deref().is_some_and(|p| passed_on.contains(&p)) {
                continue;
            }
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
pub(super) fn decide(
    seen: &Seen<'_>,
    signals: &[Signal],
    page: Option<&'static Front>,
    id: Option<&str>,
    from_store: bool,
) -> Origin {
    let app: i32 = weight_toward(signals, |t| *t == Toward::App);
    let generic: i32 = weight_toward(signals, |t| *t == Toward::Front);
    let lead = leading_front(signals, &passed_on_by(seen));
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
    if seen.response.headers.is_empty() && seen.response.version.is_none() {
        // A body pasted alone: the headers that would confirm it are not there.
        cap = Confidence::Medium;
        if seen.body.trim().is_empty() {
            // A status and nothing else (curl's `--fail` line): nothing here says who answered.
            extra.push(
                "only the status was pasted (curl's --fail line, or a code alone): the headers \
                 and body say who answered"
                    .to_owned(),
            );
            check = Some(
                "send the request again with curl -si (or -sv) and paste all of it: the headers \
                 and body say who answered"
                    .to_owned(),
            );
        } else {
            extra
                .push("only the body was pasted: its headers would confirm the reading".to_owned());
        }
    }
    let mut relabel = None;
    let mut refined_why = None;
    let (layer, product, confidence) = match side {
        Side::Front => {
            let (mut layer, product) = lead
                .clone()
                .map_or((Layer::Gateway, None), |(l, p, _)| (l, p));
            if product.is_none() {
                // With no product named, "a gateway" is the likeliest front, not a certainty.
                // A 502 or 504 with no product named, nothing on the path that names itself
                // and no word of the upstream is as often an app's own page of that status.
                cap = if seen.status_is(&[502, 504])
                    && (front_on_path(seen) || upstream_words_strong(seen))
                {
                    Confidence::Medium
                } else {
                    Confidence::Low
                };
            }
            if product.is_some() && named < 3 && cap == Confidence::High && band(lead_by) == cap {
                // Named by a Server it also puts on what it forwards, and nothing else of its
                // own: the side is sure, the product not.
                cap = cap.min(Confidence::Medium);
                extra.push(format!(
                    "only its Server names {front_name}, which it puts on answers it forwards too"
                ));
            }
            if rival_product(signals, lead.as_ref()) {
                cap = cap.min(Confidence::Medium);
                extra.push("another product's signature is nearly as strong".to_owned());
            }
            if from_store {
                // nginx's or Apache's cache is a cache when it answers from its store.
                layer = Layer::Cdn;
            } else if seen.status_is(&[405]) && seen.body.contains("method trace") {
                // `TraceEnable off` and a firewall's rule refuse TRACE with the same page.
                cap = cap.min(Confidence::Medium);
                extra.push(format!(
                    "TRACE is refused by {front_name}'s own setting and by firewall rules in it \
                     alike, with the same page"
                ));
            } else if seen.status_is(&[412, 416]) && layer != Layer::Cdn {
                // A precondition or a range is weighed by whoever holds the representation: a
                // front's page of one may be its cache answering, or a static file it serves.
                cap = cap.min(Confidence::Medium);
                extra.push(format!(
                    "a {} is answered by whoever holds the representation: {front_name}'s cache \
                     or a file it serves as well as a proxy's rule",
                    seen.response.status.unwrap_or(412)
                ));
            }
            if reached_default_site(signals) {
                check = Some(format!(
                    "compare the Host you sent with the names {front_name}'s sites answer for \
                     (server_name, ServerName) and with DNS; send it again with the site's own \
                     name (curl --resolve): the app answering then means the Host was wrong"
                ));
            }
            let unrefined = layer;
            let before = extra.len();
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
            if relabel.is_some() && extra.len() > before {
                // Why the layer is not the product's usual one leads, beside the verdict.
                refined_why = Some(extra.remove(before));
            }
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
            let success = seen
                .response
                .status
                .is_some_and(|s| (200..300).contains(&s));
            if !framework_marked(seen) && !success && band(-lead_by) == Confidence::High {
                // Node's or Go's own marks, JSON, an id in the body: a gateway built on the
                // same runtime, or told to answer in JSON, leaves the same.
                cap = cap.min(Confidence::Medium);
                extra.push(
                    "no mark of an app framework, only of a runtime or of any JSON writer: a \
                     gateway built on it writes the same"
                        .to_owned(),
                );
            }
            if !success && band(-lead_by) == Confidence::High && only_server_and_json(signals) {
                // A gateway app served by the same app server (a FastAPI gateway under
                // uvicorn, a WSGI proxy under Waitress) writes exactly this: such "high"
                // readings were wrong 6 times in 60 over rounds 1 to 64.
                cap = cap.min(Confidence::Medium);
                extra.push(
                    "the app server's name and JSON any code writes, nothing more: a gateway \
                     app served by the same app server writes the same"
                        .to_owned(),
                );
            }
            if success && super::cache::lone_age(seen) {
                // A stored answer carries the app's every mark: who sent it is the cache.
                cap = cap.min(Confidence::Medium);
                extra.push(
                    "an Age header, which only a cache sends, and no other mark of one: a cache \
                     that hides itself may have answered from its store"
                        .to_owned(),
                );
                check = Some(
                    "send the same request again a few seconds later: an Age that grows means a \
                     cache answered from its store; Age 0 each time, the app answered"
                        .to_owned(),
                );
            }
            if seen.status_is(&[401, 403]) {
                // Refusals are what auth gateways exist to answer, in the same JSON as the
                // app's and often on the same framework; with no framework's mark at all (a
                // runtime's, any JSON), a gateway's and the app's read alike: measured over
                // every round, such "medium" readings were right half the time.
                let sure = if framework_marked(seen) {
                    Confidence::Medium
                } else {
                    Confidence::Low
                };
                cap = cap.min(sure);
                extra.push(
                    "a refusal: an auth gateway in front answers these too, in the app's own \
                     format"
                        .to_owned(),
                );
            }
            if seen.status_is(&[502, 504]) {
                // A gateway's status in an app server's own format: app servers proxy too
                // (Jetty's ProxyServlet, a gateway app on the same server).
                cap = cap.min(Confidence::Medium);
                extra.push(
                    "a gateway's status: the app server may have been the gateway here (app \
                     servers proxy too), or the app passed on what its own upstream said"
                        .to_owned(),
                );
            }
            if unrouted_default(seen) {
                cap = cap.min(Confidence::Medium);
                extra.push(
                    "a framework's default answer to a route it does not have: a gateway built \
                     on the same framework (Express, Fastify, Go) writes the very same"
                        .to_owned(),
                );
            }
            (Some(Layer::App), framework, band(-lead_by).min(cap))
        }
        Side::Unknown => (None, None, Confidence::Low),
    };
    let verdict = verdict(signals, side, layer, product.as_deref(), page, confidence);
    let mut reasons = vec![verdict.clone()];
    let mut ordered: Vec<&Signal> = signals.iter().collect();
    ordered.sort_by_key(|s| std::cmp::Reverse(s.weight.abs()));
    for signal in ordered {
        // The page's sentence already leads as the verdict.
        if verdict != signal.says {
            reasons.push(signal.reason());
        }
    }
    reasons.extend(extra);
    if let Some(why) = refined_why {
        reasons[0] = format!("{verdict}; {why}");
    }
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

/// A proxy or cache left its mark on the path (hop headers, `Server`), whether or not it made
/// the response.
pub(super) fn front_on_path(seen: &Seen<'_>) -> bool {
    seen.has("via", "")
        || seen.has("x-cache", "")
        || FRONTS.iter().any(|f| {
            f.hop_headers.iter().any(|(n, v)| seen.has(n, v))
                || f.server.iter().any(|s| seen.has("server", s))
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
            // A page known by its length alone was never seen: the reasons say so instead.
            let seen_page = !signals
                .iter()
                .any(|s| s.short == super::page_length::BY_LENGTH);
            if let (Some(p), true) = (product, reached_default_site(signals)) {
                return format!(
                    "{p}'s own welcome page → the request reached its default site, not the app"
                );
            }
            if let Some(page) = page.filter(|p| Some(p.product) == product && seen_page) {
                return format!("error page in the style of {}", page.product);
            }
            let who = match (layer, product) {
                (Some(Layer::Cdn), Some(p)) => format!("{hedge}{p} answered by itself"),
                (Some(Layer::Cdn), None) => format!("{hedge}a cache answered by itself"),
                (_, Some(p)) => format!("{hedge}{p} made it"),
                (_, None) => format!("{hedge}a proxy in front made it"),
            };
            // What carried it: the signals for any front, and those for the product named
            // (not another's, nor one that passed the answer on).
            let carried = shorts(&|t| match t {
                Toward::App => false,
                Toward::Front | Toward::Layer(_, None) => true,
                Toward::Layer(_, Some(p)) => Some(p.as_str()) == product,
            });
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

/// A framework's default answer to a route it has no handler for (Express's `Cannot GET /x`,
/// Fastify's `Route GET:/x not found`, Go's `404 page not found`), lower case.
const UNROUTED_DEFAULTS: &[&str] = &[
    "404 page not found",
    "cannot get /",
    "cannot post /",
    "cannot put /",
    "cannot patch /",
    "cannot delete /",
    "cannot head /",
    "cannot options /",
    "route get:",
    "route post:",
    "route put:",
    "route patch:",
    "route delete:",
    "route head:",
    "route options:",
];

fn unrouted_default(seen: &Seen<'_>) -> bool {
    seen.status_is(&[404, 405])
        && (UNROUTED_DEFAULTS.iter().any(|d| seen.body.contains(d))
            || super::status_only::says_only_its_status(seen))
}
