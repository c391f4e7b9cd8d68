//! The identity layer by its own marks: a redirect into a login (an OAuth 2.0 or `OpenID`
//! Connect authorization request in `Location`: `response_type`, `client_id`), the identity
//! layer's step whether an auth proxy in front (`mod_auth_openidc`, oauth2-proxy) or the
//! app's own login made it; and a refusal under a `Server` that names an auth service.

use super::{Layer, Seen, Signal, Toward};

pub(super) fn login_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    auth_service_signals(seen, signals);
    if !seen.status_is(&[301, 302, 303, 307, 308]) {
        return;
    }
    let Some(location) = seen.values("location").next() else {
        return;
    };
    if location.contains("response_type=") && location.contains("client_id=") {
        signals.push(Signal::new(
            "a redirect to an authorization endpoint",
            "Location is an OAuth or OpenID Connect authorization request (response_type, \
             client_id): the identity layer sending the client to log in",
            Toward::Layer(Layer::Identity, None),
            5,
        ));
    }
}

/// A `Location` whose path asks the client to sign in (`/login`, `/signin`, `/sso/...`).
pub(super) fn login_path(location: &str) -> bool {
    let path = location.split_once("://").map_or(location, |(_, rest)| {
        rest.find('/').map_or("", |at| &rest[at..])
    });
    let path = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    path.split('/').any(|segment| {
        ["login", "signin", "sign-in", "sso", "oauth2", "saml", "cas"].contains(&segment)
    })
}

/// A refusal or a redirect under a `Server` that names an auth service (`authcheck/1.4`,
/// `orders-auth`, `sso-gateway`): the identity check answered itself. Teams name the service
/// they put in front for its job, and an app's own server is named for the app.
fn auth_service_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
    if !seen.status_is(&[401, 403, 302, 303, 307]) {
        return;
    }
    let Some(name) = seen.values("server").find_map(auth_service_name) else {
        return;
    };
    signals.push(Signal::new(
        format!("Server: {name}"),
        format!(
            "Server names an auth service ({name}): a refusal or a redirect to log in under its \
             name is the identity check's own answer"
        ),
        Toward::Layer(Layer::Identity, Some(name.to_owned())),
        4,
    ));
}

/// The product in a `Server` value when its name says authentication (a word with `auth` in
/// it, or `sso`, `oidc`, `idp`, `login`, `identity`).
fn auth_service_name(value: &str) -> Option<&str> {
    let product = value.split(['/', ' ', '(']).next()?.trim();
    let lower = product.to_ascii_lowercase();
    let by_word = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| ["sso", "oidc", "idp", "login", "identity"].contains(&w));
    (lower.contains("auth") || by_word).then_some(product)
}

#[cfg(test)]
mod tests {
    use crate::evidence::origin::{Confidence, Layer, classify};
    use crate::evidence::response::parse;

    #[test]
    fn a_redirect_to_an_authorization_endpoint_is_the_identity_layers() {
        let paste = "HTTP/2 302 \nserver: Apache/2.4.71 (Debian)\nlocation: https://login.example.test/oauth2/v1/authorize?response_type=code&scope=openid&client_id=orders-portal&state=k3gac&redirect_uri=https%3A%2F%2Fapp%2Foauth2%2Fcallback\ncontent-length: 0\n\n";
        let origin = classify(&parse(paste));
        assert_eq!(origin.layer, Some(Layer::Identity), "{:?}", origin.reasons);
        // A redirect to the app's own page is no login step.
        let plain = "HTTP/1.1 302 Found\nServer: Apache/2.4.71 (Debian)\nLocation: /orders/7\nContent-Length: 0\n\n";
        assert_ne!(classify(&parse(plain)).layer, Some(Layer::Identity));
    }

    #[test]
    fn a_refusal_under_an_auth_services_name_is_never_a_sure_app() {
        // An auth service in Python behind Caddy: its runtime's name and problem details look
        // like an app's, but its own name says what it is.
        let paste = "HTTP/1.1 401 Unauthorized\nContent-Type: application/problem+json\n\
                     Date: Thu, 03 Dec 2026 22:56:22 GMT\nServer: Caddy\n\
                     Server: authcheck/1.4 Python/3.11.2\nWww-Authenticate: Bearer realm=\"orders\"\n\n\
                     {\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}";
        let origin = classify(&parse(paste));
        assert_eq!(origin.confidence, Confidence::Low, "{:?}", origin.reasons);
        assert!(
            origin
                .reasons
                .iter()
                .any(|r| r.contains("auth service (authcheck)")),
            "{:?}",
            origin.reasons
        );
        assert_eq!(super::auth_service_name("orders-auth"), Some("orders-auth"));
        assert_eq!(
            super::auth_service_name("sso-gateway/2"),
            Some("sso-gateway")
        );
        assert_eq!(
            super::auth_service_name("orders-gate/0.9 Python/3.11.2"),
            None
        );
        assert_eq!(super::auth_service_name("gunicorn"), None);
    }
}
