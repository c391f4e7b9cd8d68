//! The words frameworks write under the redirects they make (Go's `http.Redirect`, Express's
//! `res.redirect`, Koa's `ctx.redirect`): a redirect's body names who wrote it.

use super::apps::{AppPage, no_app_server_named, page};
use super::{Seen, Signal, Toward};

/// The framework whose redirect words the body is, if any.
pub(super) fn redirect_page(seen: &Seen<'_>) -> Option<&'static AppPage> {
    if go_redirect_link(seen) {
        return Some(&GO_REDIRECT);
    }
    node_redirect_text(seen)
}

/// The status's reason phrase in lower case, for a redirect.
fn redirect_reason(seen: &Seen<'_>) -> Option<String> {
    seen.response
        .status
        .filter(|s| (300..400).contains(s))
        .and_then(crate::runbook::merged::reason_phrase)
        .map(str::to_lowercase)
}

/// Go's `http.Redirect` on a GET: the reason as a link to where to go and a full stop,
/// `<a href="/api/reports/">Moved Permanently</a>.`, nothing else. Go's fronts and sign-in
/// proxies (Traefik, `oauth2-proxy`) redirect with it too, so it weighs little.
const GO_REDIRECT: AppPage = page(&[], "Go net/http", 3);

fn go_redirect_link(seen: &Seen<'_>) -> bool {
    let Some(reason) = redirect_reason(seen) else {
        return false;
    };
    let link_end = format!("\">{reason}</a>.");
    seen.body
        .trim()
        .strip_prefix("<a href=\"")
        .and_then(|rest| rest.strip_suffix(link_end.as_str()))
        .is_some_and(|to| !to.contains(['<', '>', '"']))
        && no_app_server_named(seen)
}

/// Express's `res.redirect` ("Found. Redirecting to /cart", in a `<p>` for HTML) and Koa's
/// `ctx.redirect` ("Redirecting to /cart."): the words Node's two frameworks write under a
/// redirect.
const EXPRESS_REDIRECT: AppPage = page(&[], "Express", 3);
const KOA_REDIRECT: AppPage = page(&[], "Koa", 3);

fn node_redirect_text(seen: &Seen<'_>) -> Option<&'static AppPage> {
    let reason = redirect_reason(seen)?;
    let body = seen.body.trim();
    let text = body
        .strip_prefix("<p>")
        .and_then(|b| b.strip_suffix("</p>"))
        .unwrap_or(body);
    if text.starts_with(&format!("{reason}. redirecting to ")) {
        Some(&EXPRESS_REDIRECT)
    } else if text.starts_with("redirecting to ") && text.ends_with('.') && !text.contains('\n') {
        Some(&KOA_REDIRECT)
    } else {
        None
    }
}

/// A redirect under the name of a front that writes a page under every redirect it makes
/// itself (nginx's `return 301`, Apache's `Redirect`), carrying none of it: empty as
/// `Content-Length: 0` says, or a framework's redirect words. The front passed on an
/// upstream's redirect. Not on a HEAD (no page is sent), nor where a cache is on the path
/// (a Varnish redirect passed on by nginx is Varnish's).
pub(super) fn redirect_front_did_not_write(seen: &Seen<'_>) -> Option<&'static str> {
    let front = seen
        .front_named()
        .filter(|f| ["nginx", "Apache"].contains(&f.product))?;
    let passed_on = redirect_reason(seen).is_some()
        && !seen.status_is(&[304])
        && seen
            .response
            .method
            .as_deref()
            .is_none_or(|m| !m.eq_ignore_ascii_case("head"))
        && !["x-cache", "x-varnish", "age", "x-squid-error"]
            .iter()
            .any(|name| seen.has(name, ""))
        && (empty_as_declared(seen) || redirect_page(seen).is_some());
    passed_on.then_some(front.product)
}

fn empty_as_declared(seen: &Seen<'_>) -> bool {
    seen.body.trim().is_empty() && super::body_shown::says_length_zero(seen)
}

/// An empty redirect the named front passed on: the app's routing sent it (the framework's
/// words, where shown, already say whose).
pub(super) fn passed_on_redirect_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    let Some(front) = redirect_front_did_not_write(seen) else {
        return;
    };
    if empty_as_declared(seen) {
        signals.push(Signal::new(
            "an empty redirect passed on",
            format!(
                "a redirect with an empty body (Content-Length: 0): {front} writes a page under \
                 each redirect of its own, so this one came from upstream, the app's routing"
            ),
            Toward::App,
            2,
        ));
    }
}
