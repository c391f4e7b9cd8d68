//! The footer a server signs its own error pages with (`<address>Yaws 2.1.1 Server at
//! host</address>`, `<hr><center>nginx</center>`): the product that wrote the page, whoever
//! sits in front of it, and the one fact that tells a copied page template apart.

use super::apps::app_server;
use super::signatures::{FRONTS, Front};
use super::{Layer, Seen, Signal, Toward};

/// The text a page's footer signs with, lower case: what stands between `<address>` and
/// `</address>`, or nginx's `<hr><center>` and `</center>`, at the page's end.
fn footer_text<'s>(seen: &'s Seen<'_>) -> Option<&'s str> {
    let body = seen.body.as_str();
    let between = |open: &str, close: &str| -> Option<&'s str> {
        let start = body.rfind(open)? + open.len();
        let length = body[start..].find(close)?;
        Some(&body[start..start + length])
    };
    between("<address>", "</address>").or_else(|| between("<hr><center>", "</center>"))
}

/// The name a page is signed with at its foot when that name says proxy, gateway or balancer
/// (`configurable-http-proxy`, `edge-gateway`).
fn names_a_front<'s>(seen: &'s Seen<'_>) -> Option<&'s str> {
    let signature = footer_text(seen).or_else(|| after_last_rule(&seen.body))?;
    let name = signature.split([' ', '/', '(']).find(|w| !w.is_empty())?;
    let lower = name.to_ascii_lowercase();
    ["proxy", "gateway", "balancer"]
        .iter()
        .any(|w| lower.contains(w))
        .then_some(name)
}

/// Whether the page is signed with `name` at its foot: in a footer as above, or as the words
/// after its last rule (`<hr/><span>netius</span></body>`).
pub(super) fn page_signed_with(seen: &Seen<'_>, name: &str) -> bool {
    let first_word = |text: &str| {
        text.split([' ', '/', '('])
            .find(|w| !w.is_empty())
            .is_some_and(|w| w.eq_ignore_ascii_case(name))
    };
    footer_product(seen).is_some_and(|f| f.eq_ignore_ascii_case(name))
        || after_last_rule(&seen.body).is_some_and(first_word)
}

/// The words after a page's last `<hr>` (`<hr/><span>netius</span></body>`), when they are
/// a short line of plain words and nothing else follows but the page's end.
fn after_last_rule(body: &str) -> Option<&str> {
    let rule = body.rfind("<hr")?;
    let after = &body[rule..];
    let after = &after[after.find('>')? + 1..];
    let end = after.find("</body>").unwrap_or(after.len());
    let signature = after[..end].trim();
    let inner = signature
        .strip_prefix('<')
        .and_then(|s| s.split_once('>'))
        .map_or(signature, |(_, rest)| rest);
    let inner = inner.split('<').next().unwrap_or(inner).trim();
    (!inner.is_empty() && inner.len() <= 60 && !inner.contains(['{', '}', '=', '"']))
        .then_some(inner)
}

/// The footer's words: "yaws 2.1.1 server at host" is `["yaws", "2.1.1", "server", ...]`.
fn footer_words<'s>(seen: &'s Seen<'_>) -> impl Iterator<Item = &'s str> + 's {
    footer_text(seen)
        .into_iter()
        .flat_map(|text| text.split([' ', '/', '(']).filter(|w| !w.is_empty()))
}

/// The product a page's footer names, lower case, as written (`yaws`, `nginx`).
pub(super) fn footer_product<'s>(seen: &'s Seen<'_>) -> Option<&'s str> {
    footer_words(seen)
        .next()
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_alphabetic()))
}

/// Whether the footer gives a version right after the name ("Yaws 2.1.1", "Hiawatha v11.2",
/// "nginx/1.22.1"): a product's signature, where a bare word may be a name the site chose (a
/// port further on is no version).
fn footer_has_version(seen: &Seen<'_>) -> bool {
    footer_words(seen)
        .take(2)
        .any(|w| w.chars().any(|c| c.is_ascii_digit()))
}

/// Whether `front`'s page signature is contradicted by a footer naming some other product:
/// Pound's pages copy Apache's layout, and so do others' (yaws).
pub(super) fn footer_denies(seen: &Seen<'_>, front: &Front) -> bool {
    footer_product(seen).is_some_and(|name| {
        !front
            .server
            .iter()
            .any(|s| name.contains(s) || s.contains(name))
            && !front.product.to_lowercase().contains(name)
    })
}

/// What the footer says of who wrote the page, when no product's signature already said it.
pub(super) fn footer_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    if page || !seen.error() {
        return;
    }
    if let Some(name) = names_a_front(seen) {
        signals.push(Signal::new(
            format!("signed {name}"),
            format!("the page is signed by {name}, whose name says what it is: a proxy's own page"),
            Toward::Layer(Layer::Gateway, Some(name.to_owned())),
            3,
        ));
        return;
    }
    let Some(name) = footer_product(seen) else {
        return;
    };
    // The same name in Server and the footer is one fact, weighed once (for Server).
    if seen.values("server").any(|v| v.contains(name)) {
        return;
    }
    if let Some(app) = app_server(name) {
        signals.push(Signal::new(
            format!("{app}'s footer"),
            format!("the page is signed by {app}, an app server: its own error page"),
            Toward::App,
            3,
        ));
    } else if let Some(front) = FRONTS
        .iter()
        .find(|f| f.server.iter().any(|s| name.contains(s)))
    {
        signals.push(Signal::new(
            format!("{}'s footer", front.product),
            format!(
                "the page is signed by {}: its own error page",
                front.product
            ),
            Toward::Layer(front.layer, Some(front.product.to_owned())),
            3,
        ));
    } else if !seen.has("server", "") && footer_has_version(seen) {
        // Named on the page alone (a body-only paste): like a Server header of a product the
        // reader does not know.
        signals.push(Signal::new(
            format!("signed {name}"),
            format!(
                "the page is signed by {name}, no app framework the reader knows: the server in \
                 front of the app"
            ),
            Toward::Layer(Layer::Gateway, Some(name.to_owned())),
            2,
        ));
    }
}
