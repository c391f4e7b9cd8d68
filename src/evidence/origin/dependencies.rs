//! An app speaking of a service it depends on, as a gateway never does of its upstream: the
//! service by name ("inventory service"), and its client's error quoted after the name.

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

/// A socket error quoted after a colon, behind the name of what the call went to
/// ("payments-gateway unreachable: ECONNREFUSED"). A gateway speaks of its upstream unnamed,
/// or by an address.
pub(super) fn quotes_a_dependencys_error(body: &str) -> bool {
    // An upstream spoken of, or an address: a gateway's words of what it forwards to.
    let addressed = body
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|w| w.split('.').count() == 4 && w.split('.').all(|p| !p.is_empty() && p.len() <= 3));
    if addressed || body.contains("upstream") {
        return false;
    }
    body.match_indices(": ").any(|(at, _)| {
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
    let words: Vec<&str> = body
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).any(|pair| {
        ["service", "api"].contains(&pair[1])
            && pair[0].len() >= 3
            && !NOT_A_NAME.contains(&pair[0])
    })
}
