//! An app speaking of a service it depends on, as a gateway never does of its upstream: the
//! service by name ("inventory service"), by its role ("the payment provider"), the database it
//! stores in, and its client's error quoted after the name.

use super::{Seen, Signal, Toward};

/// What an app calls a service it depends on by its role. A front knows only an upstream, a
/// backend or a server, and its maintenance pages speak of a database migration, not of a
/// database that failed: those words stay out.
const DEPENDENCY_ROLES: &[&str] = &["provider", "processor", "warehouse", "cluster", "broker"];

/// A 5xx whose body names, by its role, the service the app depends on ("the payment provider
/// did not answer"): the app's own page or JSON about its dependency, whatever its status says.
pub(super) fn dependency_signals(seen: &Seen<'_>, page: bool, signals: &mut Vec<Signal>) {
    if page
        || !seen
            .response
            .status
            .is_some_and(|s| (500..600).contains(&s))
    {
        return;
    }
    let words = words(&seen.body);
    let (short, says) = if let Some(role) = words
        .windows(2)
        .find(|pair| DEPENDENCY_ROLES.contains(&pair[1]) && !NOT_A_NAME.contains(&pair[0]))
        .map(|pair| format!("{} {}", pair[0], pair[1]))
    {
        (
            "names its dependency",
            format!(
                "the answer names what failed by its role (\"{role}\"): an app speaks so of a \
                 service it depends on; a gateway knows only its upstream, by an address"
            ),
        )
    } else if let Some(name) = seen.json.as_ref().and_then(dependency_field) {
        (
            "names its dependency",
            format!(
                "the answer names the service that failed in a field of its own (\"dependency\": \
                 \"{name}\"): an app's error about what it depends on; a gateway knows only its \
                 upstream"
            ),
        )
    } else if let Some(store) = names_its_datastore(&seen.body, &words) {
        (
            "names its database",
            format!(
                "the answer names the database that failed (\"{store}\"): an app speaks so of \
                 where it stores; a gateway forwards to HTTP servers and never meets a database"
            ),
        )
    } else {
        return;
    };
    signals.push(Signal::new(short, says, Toward::App, 5));
}

/// The value of a "dependency" field, at the top of a JSON error or inside its error object,
/// in lower case: the name an app gives the service that failed.
pub(super) fn dependency_field(json: &serde_json::Value) -> Option<String> {
    let named = |value: &serde_json::Value| {
        value
            .get("dependency")
            .and_then(serde_json::Value::as_str)
            // Control characters dropped here, at the source: the name is quoted in a reason
            // that JSON output carries as it is.
            .map(|name| {
                name.chars()
                    .filter(|c| !c.is_control())
                    .collect::<String>()
                    .trim()
                    .to_lowercase()
            })
            .filter(|name| !name.is_empty() && !NOT_A_NAME.contains(&name.as_str()))
    };
    named(json).or_else(|| json.get("error").and_then(named))
}

/// Databases by product or kind, as an app's error names the one it could not reach.
const DATASTORES: &[&str] = &[
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "redis",
    "mongodb",
    "database",
    "db",
];

/// The ports those databases listen on, as a client's error quotes them ("127.0.0.1:5432").
const DATASTORE_PORTS: &[&str] = &[":5432", ":3306", ":6379", ":27017"];

/// Words of planned work: a front's maintenance page speaks of a database being migrated or
/// upgraded, not of one that failed.
const PLANNED_WORK: &[&str] = &[
    "maintenance",
    "migration",
    "migrating",
    "upgrade",
    "upgrading",
];

/// The database a 5xx's body (in lower case) says failed, unless it speaks of planned work.
fn names_its_datastore(body: &str, words: &[&str]) -> Option<String> {
    if words.iter().any(|w| PLANNED_WORK.contains(w)) {
        return None;
    }
    // Split at every mark but letters and digits, so that "inventory-db" names a database and
    // the "db" inside a hex id ("4db7") does not.
    body.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|token| DATASTORES.contains(token))
        .map(str::to_string)
        .or_else(|| {
            DATASTORE_PORTS
                .iter()
                .find(|port| {
                    body.match_indices(**port).any(|(at, _)| {
                        !body[at + port.len()..].starts_with(|c: char| c.is_ascii_digit())
                    })
                })
                .map(ToString::to_string)
        })
}

/// Socket errors a client call fails with, as apps quote them after a colon.
const SOCKET_ERRORS: &[&str] = &[
    "econnrefused",
    "connect econnrefused",
    "connection refused",
    "econnreset",
    "etimedout",
];

/// Words between a dependency's name and the colon before its error ("inventory service
/// unreachable: ...").
const BETWEEN_NAME_AND_ERROR: &[&str] = &[
    "unreachable",
    "down",
    "failed",
    "unavailable",
    "service",
    "api",
    "provider",
    "error",
];

/// A socket error quoted after a colon or in brackets, behind the name of what the call went
/// to ("payments-gateway unreachable: ECONNREFUSED", "ledger down (ETIMEDOUT)"). A gateway
/// speaks of its upstream unnamed, or by an address.
pub(super) fn quotes_a_dependencys_error(body: &str) -> bool {
    // An upstream spoken of, or an address: a gateway's words of what it forwards to.
    let addressed = body
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|w| w.split('.').count() == 4 && w.split('.').all(|p| !p.is_empty() && p.len() <= 3));
    if addressed || body.contains("upstream") {
        return false;
    }
    // Quoted after a colon ("unreachable: ECONNREFUSED") or in brackets ("unreachable
    // (ECONNREFUSED)").
    let mut marks = body.match_indices(": ").chain(body.match_indices(" ("));
    marks.any(|(at, _)| {
        let after = &body[at + 2..];
        if !SOCKET_ERRORS.iter().any(|e| after.starts_with(e)) {
            return false;
        }
        let name = body[..at]
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .filter(|w| !w.is_empty())
            .take(4)
            .find(|w| !BETWEEN_NAME_AND_ERROR.contains(w));
        name.is_some_and(|n| {
            n.len() >= 3
                && n.starts_with(|c: char| c.is_ascii_alphabetic())
                && !NOT_A_NAME.contains(&n)
                && ![
                    "message", "detail", "error", "reason", "connect", "tcp", "dial", "request",
                    "client", "socket",
                ]
                .contains(&n)
        })
    })
}

/// Words that stand before "service" or "API" without naming one.
const NOT_A_NAME: &[&str] = &[
    "upstream",
    "backend",
    "back",
    "end",
    "origin",
    "remote",
    "web",
    "the",
    "a",
    "an",
    "this",
    "that",
    "our",
    "proxy",
    "gateway",
    "external",
    "requested",
    "target",
    "http",
    "server",
    "of",
    "to",
    "from",
    "for",
    "no",
    "is",
];

/// The body names a service by what it does: "inventory service", "payments-api".
pub(super) fn names_a_service(body: &str) -> bool {
    words(body).windows(2).any(|pair| {
        ["service", "api"].contains(&pair[1])
            && pair[0].len() >= 3
            && !NOT_A_NAME.contains(&pair[0])
    })
}

/// The body's words, letters only, in order: what a name and the role after it are read from.
fn words(body: &str) -> Vec<&str> {
    body.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect()
}
