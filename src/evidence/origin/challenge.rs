//! The auth challenge (`WWW-Authenticate`): a token check's answer, a check at `HAProxy`, or a
//! bare Bearer challenge that says nothing of who asked.

use super::apps::{go_error, named_app_server};
use super::signals::{looks_like_app_json, truncate};
use super::{Layer, Seen, Signal, Toward};

/// What the challenge on an answer that is no product's page says of who asked.
pub(super) fn auth_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    let Some(challenge) = seen.values("www-authenticate").next() else {
        return;
    };
    if page {
        return;
    }
    // Two challenges: a front that checks credentials by asking a service of its own copies
    // that service's challenge onto its answer and adds its own (nginx's `auth_request_set` and
    // `add_header`); an app challenges once. Over every round, 17 of 17 such were a front's.
    if seen.values("www-authenticate").count() >= 2 {
        signals.push(Signal::new(
            "two challenges",
            "WWW-Authenticate twice: the front copied its auth service's challenge and added \
             its own; an app challenges once",
            Toward::Layer(
                Layer::Identity,
                seen.front_named().map(|f| f.product.to_owned()),
            ),
            5,
        ));
        return;
    }
    // In the app's own error format (its JSON, Go's `http.Error` text) the challenge is the
    // app's own auth as often as a check in front; not when the answer is written as
    // `HAProxy` writes its own (no Date, no Server, lower-case names): its JWT or key check.
    if looks_like_app_json(seen.json.as_ref()) || go_error(seen) {
        if challenge.starts_with("bearer") && super::canned::haproxy_fingerprint(seen) {
            signals.push(Signal::new(
                "token challenge",
                format!(
                    "WWW-Authenticate: {}, written as HAProxy writes its own answers: a token \
                     check at HAProxy",
                    truncate(challenge, 60)
                ),
                Toward::Layer(Layer::Identity, Some("HAProxy".to_owned())),
                3,
            ));
        }
        return;
    }
    if challenge.starts_with("bearer") && challenge.contains("error=") {
        if let Some(server) = named_app_server(seen) {
            // A check in front writes its own Server or none; over every round, such a
            // challenge under an app server's name was the app's own each time (14 of 14).
            signals.push(Signal::note(format!(
                "WWW-Authenticate: {} under {server}'s name: the app's own token check \
                 answered, so it says nothing more of who asked",
                truncate(challenge, 60)
            )));
            return;
        }
        signals.push(Signal::new(
            "token challenge",
            format!(
                "WWW-Authenticate: {}: a token check's answer, with no page of its own",
                truncate(challenge, 60)
            ),
            Toward::Layer(Layer::Identity, None),
            5,
        ));
    } else if challenge.starts_with("bearer") && seen.status_is(&[401]) {
        // Once weighed for a check in front; the rounds since have had the app's own far more.
        signals.push(Signal::note(
            "a bare Bearer challenge: a token check asks for a token, the app's own more often \
             than one in front (over every round, without the app's JSON shown, such challenges \
             were the app's 59 times, a front's check's 16), so it says nothing of who asked",
        ));
    }
}
