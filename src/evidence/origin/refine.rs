//! Which layer a front's answer belongs to once the status and the request are weighed: a
//! proxy's own password check or login redirect is the identity layer's, a refusal of an
//! attack a WAF's, a forward proxy's page a proxy's.

use super::login::login_path;
use super::signatures::Front;
use super::waf::attack_in_request;
use super::{Confidence, Layer, Seen};

/// What refining the layer may add: a lower cap, reasons, the check that settles it.
pub(super) struct Refined<'a> {
    pub(super) cap: &'a mut Confidence,
    pub(super) extra: &'a mut Vec<String>,
    pub(super) check: &'a mut Option<String>,
}

/// The layer in front, as the status and the request refine it: a proxy's 401 page over a
/// token check is the identity layer's, an edge's blocking page a WAF's, a forward proxy's
/// page a proxy's.
pub(super) fn refine(
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
    if seen.status_is(&[403])
        && matches!(layer, Layer::Gateway | Layer::LoadBalancer | Layer::Cdn)
        && names_a_credential(&seen.body)
    {
        // A front's own refusal that speaks of a key, a token or a scope judged who the
        // client is: an identity check the front runs (an API-key rule, a JWT check). Its
        // refusals by address or path say nothing of credentials.
        **cap = (**cap).min(Confidence::Medium);
        extra.push(format!(
            "a 403 {} wrote itself that speaks of a key, a token or a scope: a check of who the \
             client is, run at the front, refused the request",
            product.unwrap_or("the proxy")
        ));
        **check = Some(format!(
            "repeat with a known-good key or token: a normal answer means the check at {} \
             refused this credential (its log, or the rule's key list, says why)",
            product.unwrap_or("the front")
        ));
        return Layer::Identity;
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

/// The body speaks of a credential: an API key, a token, a scope, signing in. Whole words, so
/// that a "monkey" or "keyboard" says nothing; not "permission" (Apache's stock 403 page has
/// it) nor "role" or "login" (an HTML page's attributes and links have them).
fn names_a_credential(body: &str) -> bool {
    let phrases = ["api key", "api-key", "api_key", "sign in", "log in"];
    let words = [
        "key",
        "keys",
        "apikey",
        "token",
        "tokens",
        "jwt",
        "credential",
        "credentials",
        "scope",
        "scopes",
        "unauthorized",
        "unauthorised",
    ];
    phrases.iter().any(|p| body.contains(p))
        || body
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| words.contains(&w) || w.starts_with("authenticat"))
}
