//! Adding the weights up into a verdict: which side is clearly ahead, the confidence from its
//! lead, refining the layer in front, the wording of the reasons, and the one check that would
//! settle a reading that is not sure.

use super::apps::{app_product, framework_marked};
use super::forwarding::{passed_on_by, upstream_words_strong};
use super::login::login_path;
use super::signatures::{FRONTS, Front, OWN_HEADER};
use super::waf::attack_in_request;
use super::{Confidence, Layer, Origin, Seen, Signal, Toward, Weights};

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
    if product.is_some()
        && seen.status_is(&[401, 407])
        && challenge.is_some_and(|c| c.starts_with("basic") || c.starts_with("digest"))
    {
        // The proxy's own password check: the identity layer's job, run by the proxy.
        extra.push(format!(
            "a {} challenge on {}'s own page: its own password check refused the request",
            if challenge.is_some_and(|c| c.starts_with("basic")) {
                "Basic"
            } else {
                "Digest"
            },
            product.unwrap_or("the proxy")
        ));
        return Layer::Identity;
    }
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
    if seen.status_is(&[400])
        && (seen.body.contains("no required ssl certificate was sent")
            || seen.body.contains("the ssl certificate error"))
    {
        // nginx's pages for a client certificate missing or refused (`ssl_verify_client`):
        // the front checked who the client is.
        extra.push(format!(
            "{} asks for a client certificate and this one was missing or not trusted: its \
             check of who the client is refused the request",
            product.unwrap_or("the proxy")
        ));
        return Layer::Identity;
    }
    if page_is_product
        && seen.status_is(&[301, 302, 303, 307, 308])
        && seen.values("location").next().is_some_and(login_path)
    {
        // A front's own redirect page sending the client to sign in: the check in front of
        // the app (nginx's `error_page 401` to a login, an auth module) turned it away.
        **cap = (**cap).min(Confidence::Medium);
        extra.push(format!(
            "{}'s own redirect sends the client to a login page: the check in front of the app \
             turned it away to sign in",
            product.unwrap_or("the proxy")
        ));
        return Layer::Identity;
    }
    if seen.status_is(&[401]) && matches!(layer, Layer::Gateway | Layer::LoadBalancer | Layer::Cdn)
    {
        // Whatever it wears (a login form, a JSON error), a 401 the proxy made is a refusal
        // for credentials: its own login (mod_auth_form) or a check it runs for another.
        **cap = (**cap).min(Confidence::Medium);
        extra.push(format!(
            "a 401 {} made itself: a credentials check at the proxy refused the request",
            product.unwrap_or("the proxy")
        ));
        return Layer::Identity;
    }
    if seen.status_is(&[403, 406])
        && let Some(attack) = attack_in_request(seen)
    {
        // The site's own rules could refuse it too: sure of the side, not of the layer.
        **cap = (**cap).min(Confidence::Medium);
        extra.push(format!(
            "the request carried {attack}: a {} to it is most often a web application \
             firewall's, whatever page it wears",
            seen.response.status.unwrap_or(403)
        ));
        **check = Some(format!(
            "repeat the request without the {}: a normal answer means the firewall refused \
             this one (its log names the rule)",
            if attack.contains("scanner") {
                "scanner's User-Agent"
            } else {
                "suspicious part of the URL"
            }
        ));
        return Layer::Waf;
    }
    if page_is_product
        && layer == Layer::Gateway
        && seen.status_is(&[404])
        && let Some(script) = script_requested(seen)
    {
        // A web server that runs the site's scripts itself (PHP over FastCGI) is the site's
        // origin: its 404 for a script says the file is not there, not that a route is missing.
        **cap = (**cap).min(Confidence::Medium);
        extra.push(format!(
            "the request was for a {script} script, which {} runs for the site itself: its \
             404 says the file is not in the site's root (the app's side, not a proxy's route)",
            product.unwrap_or("the web server")
        ));
        **check = Some(format!(
            "look for the {script} file under the site's document root (and the server's \
             root or alias for that path): a file that is there means a route in front is wrong"
        ));
        return Layer::App;
    }
    let name = product.unwrap_or("the proxy");
    if page_is_product
        && layer == Layer::Gateway
        && seen.status_is(&[400, 500])
        && super::waf::broken_json_sent(seen)
    {
        **cap = (**cap).min(Confidence::Medium);
        extra.push(format!(
            "the request sent JSON that does not parse, and {name} answered with its own page: \
             a web server passes a body on unread, a firewall module that reads bodies \
             (ModSecurity) refuses one it cannot parse"
        ));
        **check = Some(format!(
            "look in {name}'s error log at that time for a WAF rule (ModSecurity's \
             REQBODY_ERROR): there, the firewall refused the request body"
        ));
        return Layer::Waf;
    }
    if page_is_product
        && layer == Layer::Gateway
        && seen.status_is(&[500, 504])
        && product == Some("Apache")
    {
        // Apache runs apps inside itself too (mod_wsgi, mod_php, Passenger): its own 500 or
        // 504 then says the hosted app failed or hung, the same page as when it proxies.
        **cap = (**cap).min(Confidence::Medium);
        extra.push(
            "Apache writes this same page when an app it hosts itself (mod_wsgi, mod_php, \
             Passenger) fails or hangs: then the app is at fault"
                .to_owned(),
        );
        **check = Some(
            "look at Apache's configuration for this path: ProxyPass means the app behind it \
             (see its log at that time); WSGIScriptAlias, PHP or Passenger means the app \
             Apache hosts failed (Apache's error log names it)"
                .to_owned(),
        );
        return layer;
    }
    if page_is_product
        && layer == Layer::Gateway
        && seen.status_is(&[404])
        && product.is_some_and(|p| ["nginx", "Apache", "lighttpd", "h2o"].contains(&p))
    {
        // A web server's own 404 page is as often the site's origin (a file not there) as a
        // proxy with no route: sure of the product, not of its role.
        **cap = (**cap).min(Confidence::Medium);
        extra.push(format!(
            "{name} serves files too: its own 404 means no route to the app in front, or a file \
             missing where it is the site's origin"
        ));
        **check = Some(format!(
            "look in {name}'s configuration for the location that takes this path: one that \
             proxies means the route to the app is missing; one that serves files means the \
             file is not in the site's root"
        ));
        return layer;
    }
    // A token, an API key or a password the request carried (a cookie goes with every
    // browser request and says less).
    let sent_token = seen.response.request_headers.iter().any(|(n, _)| {
        crate::evidence::token::is_credential_header(n) && !n.eq_ignore_ascii_case("cookie")
    });
    // Both refinements below leave two layers equally likely: not "clearly ahead".
    if page_is_product && sent_token && seen.status_is(&[401, 403]) {
        **cap = Confidence::Low;
        extra.push(
            "the request carried credentials: a check of them at the proxy (auth_request, an \
             API-key rule) may be what refused it"
                .to_owned(),
        );
        **check = Some(format!(
            "repeat with a known-good token: if the answer changes, a token check behind \
             {name} refused this one; if not, {name}'s own rule did"
        ));
        // Its own page to a request with a token: the token check is the likelier of the two.
        return Layer::Identity;
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
            if let Some(page) = page.filter(|p| Some(p.product) == product) {
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

/// The server-side script the request's path names (`/old/report.php`), by its extension.
fn script_requested(seen: &Seen<'_>) -> Option<&'static str> {
    let url = seen.response.url.as_deref()?;
    let path = url.split(['?', '#']).next().unwrap_or("").to_lowercase();
    let file = path.rsplit('/').next().unwrap_or("");
    [".php", ".cgi", ".pl", ".asp", ".aspx", ".jsp"]
        .into_iter()
        .find(|ext| file.len() > ext.len() && file.ends_with(ext))
        .map(|ext| &ext[1..])
}
