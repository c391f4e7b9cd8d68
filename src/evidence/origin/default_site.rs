//! A web server's own welcome page (nginx's "Welcome to nginx!", Debian's Apache default
//! page, Caddy's "Caddy works!"): the request reached the server's default site, not the app.

use super::signatures::{FRONTS, Front, PAGE};
use super::{Seen, Signal, Toward};

/// The short name of the signal, after the product's name.
const DEFAULT_SITE: &str = "'s default site";

/// Whether the reading found a welcome page: the request reached a front's default site.
pub(super) fn reached_default_site(signals: &[Signal]) -> bool {
    signals.iter().any(|s| s.short.ends_with(DEFAULT_SITE))
}

/// Lowercase text of the welcome pages web servers ship, their title as shown, and the
/// product that ships each.
/// A distribution's package may serve another's page (Debian's nginx lists Apache's
/// `index.html` first when both are installed), so the server that sent it is read from
/// `Server` when one is named.
const WELCOME_PAGES: &[(&str, &str, &str)] = &[
    (
        "<title>welcome to nginx!</title>",
        "Welcome to nginx!",
        "nginx",
    ),
    (
        "<title>welcome to openresty!</title>",
        "Welcome to OpenResty!",
        "nginx",
    ),
    (
        "<title>test page for the nginx http server",
        "Test Page for the Nginx HTTP Server",
        "nginx",
    ),
    (
        "<title>apache2 debian default page",
        "Apache2 Debian Default Page",
        "Apache",
    ),
    (
        "<title>apache2 ubuntu default page",
        "Apache2 Ubuntu Default Page",
        "Apache",
    ),
    (
        "<title>test page for the apache http server",
        "Test Page for the Apache HTTP Server",
        "Apache",
    ),
    (
        "<html><body><h1>it works!</h1></body></html>",
        "It works!",
        "Apache",
    ),
    ("<title>caddy works!</title>", "Caddy works!", "Caddy"),
];

/// The welcome page's signal, and the front that served it.
pub(super) fn welcome_page(seen: &Seen<'_>, signals: &mut Vec<Signal>) -> Option<&'static Front> {
    let (_, title, shipped_by) = WELCOME_PAGES
        .iter()
        .find(|(text, _, _)| seen.body.contains(text))?;
    let front = seen
        .front_named()
        .or_else(|| FRONTS.iter().find(|f| f.product == *shipped_by))?;
    signals.push(Signal::new(
        format!("{}{DEFAULT_SITE}", front.product),
        format!(
            "a web server's own welcome page (\"{title}\", shipped with {shipped_by}), served \
             by {0}: the request reached {0}'s default site, not the app (no site of {0}'s \
             answers for the Host it carried)",
            front.product
        ),
        Toward::Layer(front.layer, Some(front.product.to_owned())),
        PAGE,
    ));
    Some(front)
}
