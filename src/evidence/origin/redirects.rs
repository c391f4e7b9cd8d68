//! The words frameworks write under the redirects they make (Go's `http.Redirect`, Express's
//! `res.redirect`, Koa's `ctx.redirect`): a redirect's body names who wrote it.

use super::Seen;
use super::apps::{AppPage, no_app_server_named, page};

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
