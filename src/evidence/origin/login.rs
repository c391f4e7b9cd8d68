//! A redirect into a login: an OAuth 2.0 or `OpenID` Connect authorization request in
//! `Location` (`response_type`, `client_id`). Sending the browser to the identity provider is
//! the identity layer's step, whether an auth proxy in front (`mod_auth_openidc`,
//! oauth2-proxy) or the app's own login made it.

use super::{Layer, Seen, Signal, Toward};

pub(super) fn login_signals(seen: &Seen<'_>, signals: &mut Vec<Signal>) {
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

#[cfg(test)]
mod tests {
    use crate::evidence::origin::{Layer, classify};
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
}
