//! Judging what the request carried against the response: the credential headers sent (by
//! name), what `Authorization` held (JWT, opaque, Basic, empty), the server's challenge, and
//! every finding in order, most serious first.

use base64::Engine as _;
use jiff::Timestamp;
use serde::Serialize;

use super::challenge::{Challenge, challenges};
use super::claims::{Expected, check, claims_summary, refused_valid_claims};
use super::jwt::{TokenCheck, find_jwt};
use crate::evidence::request::{self, Shown};
use crate::evidence::response::Response;

/// A credential the request carried, by kind; of its value only what is safe to say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Presented {
    /// A bearer JWT: its claims are in the analysis's `token`.
    Jwt,
    /// An encrypted JWT (JWE, five parts): not readable without the key.
    Encrypted,
    /// A bearer token that is not a JWT: only its length, nothing of the token.
    Opaque { length: usize },
    /// `Bearer` with nothing after it, or a placeholder word a script left (`null`, `undefined`).
    Empty { word: Option<String> },
    /// Basic credentials: the user name; the password is never kept.
    Basic { user: Option<String> },
    /// Another scheme (Digest, AWS4-HMAC-SHA256, Negotiate...): its name.
    Other { scheme: String },
}

/// Where the evidence showed the request, if it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestShown {
    /// No request in the evidence: what was sent cannot be told.
    No,
    /// `curl -v` `> ` lines, an `HTTPie` request or a HAR entry: what was sent.
    Sent,
    /// Only a command line: what it asks to send.
    Command,
}

/// The credentials judged together with the response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credentials {
    pub request: RequestShown,
    /// The request's headers that carry credentials, by name ("Authorization", "Cookie",
    /// "X-API-Key"); never their values.
    pub sent: Vec<String>,
    /// What the `Authorization` header held, when the request shows one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub presented: Option<Presented>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge: Option<Challenge>,
    /// Everything said of the credentials, most serious first; the claims' findings included.
    pub findings: Vec<String>,
    /// The other headers the request sent, by name: said when no credentials were.
    #[serde(skip)]
    pub other_headers: Vec<String>,
}

/// The whole credential reading of one piece of evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judged {
    pub token: Option<TokenCheck>,
    /// Why a JWT-shaped token could not be read.
    pub token_problem: Option<String>,
    pub credentials: Option<Credentials>,
}

/// Whether a request header carries a credential, by its name.
pub fn is_credential_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "cookie" | "x-amz-security-token"
    ) || [
        "api-key",
        "apikey",
        "api_key",
        "token",
        "secret",
        "subscription-key",
    ]
    .iter()
    .any(|part| name.contains(part))
        || (name.starts_with("x-") && (name.ends_with("-key") || name.ends_with("-auth")))
}

/// What an `Authorization` value holds, and the JWT in it when it is one.
fn read_authorization(value: &str) -> (Presented, Option<&str>) {
    let value = value.trim();
    let (scheme, credential) = value
        .split_once(char::is_whitespace)
        .map_or((value, ""), |(s, c)| (s, c.trim()));
    if scheme.eq_ignore_ascii_case("bearer") {
        let placeholder = ["null", "undefined", "none", "nil", "false"]
            .iter()
            .find(|w| credential.eq_ignore_ascii_case(w));
        if credential.is_empty() || placeholder.is_some() {
            return (
                Presented::Empty {
                    word: placeholder.map(|w| (*w).to_owned()),
                },
                None,
            );
        }
        let parts: Vec<&str> = credential.split('.').collect();
        let base64url = |p: &&str| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='))
        };
        return match parts.len() {
            3 if parts.iter().all(base64url) && !parts[0].is_empty() => {
                (Presented::Jwt, Some(credential))
            }
            5 if parts.iter().all(base64url) => (Presented::Encrypted, None),
            _ => (
                Presented::Opaque {
                    length: credential.chars().count(),
                },
                None,
            ),
        };
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let user = base64::engine::general_purpose::STANDARD
            .decode(credential.trim_end_matches('='))
            .or_else(|_| {
                base64::engine::general_purpose::STANDARD_NO_PAD
                    .decode(credential.trim_end_matches('='))
            })
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|decoded| decoded.split_once(':').map(|(user, _)| user.to_owned()));
        return (Presented::Basic { user }, None);
    }
    (
        Presented::Other {
            scheme: scheme.to_owned(),
        },
        None,
    )
}

/// The server's words, quoted for a finding: one line, not too long.
pub(super) fn quoted(description: &str) -> String {
    let one_line = description.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = one_line.chars().take(100).collect();
    if cut.len() < one_line.len() {
        format!("\"{cut}...\"")
    } else {
        format!("\"{cut}\"")
    }
}

fn scope_words(scope: &str) -> Vec<&str> {
    scope
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .collect()
}

fn insufficient_scope(wanted: Option<&str>, token: Option<&TokenCheck>, opaque: bool) -> String {
    let has = token.and_then(|t| t.scope.as_deref());
    match (wanted, has) {
        (Some(wanted), Some(has)) => {
            let held = scope_words(has);
            let missing: Vec<&str> = scope_words(wanted)
                .into_iter()
                .filter(|w| !held.contains(w))
                .collect();
            let missing = if missing.is_empty() {
                String::new()
            } else {
                format!(" (missing {})", missing.join(" "))
            };
            format!(
                "lacks the scope asked for: the server wants {wanted}, the token has {has}{missing}"
            )
        }
        (Some(wanted), None) if token.is_some() => format!(
            "lacks the scope asked for: the server wants {wanted}, the token has no scope or scp claim"
        ),
        (Some(wanted), None) if opaque => format!(
            "lacks the scope asked for: the server wants {wanted}; the token is opaque, so its scopes cannot be read here"
        ),
        (Some(wanted), None) => format!("lacks the scope asked for: the server wants {wanted}"),
        (None, Some(has)) => format!(
            "lacks a scope the server wants (insufficient_scope, it did not say which); the token has {has}"
        ),
        (None, None) => {
            "lacks a scope the server wants (insufficient_scope, it did not say which)".to_owned()
        }
    }
}

/// Reads the credentials in `text` with its `response`: the request's credential headers, the
/// server's challenge, and a JWT judged at `at` against what the API expects.
pub fn judge(
    text: &str,
    response: &Response,
    at: Timestamp,
    from_response_date: bool,
    expected: Expected<'_>,
) -> Judged {
    let request = request::find(text);
    let all_challenges = challenges(response);
    // The challenge that says what went wrong, else the first.
    let challenge = all_challenges
        .iter()
        .find(|c| c.error.is_some())
        .or_else(|| all_challenges.first())
        .cloned();
    let authorization = request.as_ref().and_then(|r| r.header("authorization"));
    let (presented, sent_jwt) = match authorization.map(read_authorization) {
        Some((presented, jwt)) => (Some(presented), jwt),
        None => (None, None),
    };
    // The token the request sent; without an Authorization header, any token pasted alone.
    let jwt = sent_jwt.or_else(|| presented.is_none().then(|| find_jwt(text)).flatten());
    let (token, token_problem) = match jwt.map(|jwt| check(jwt, at, from_response_date, expected)) {
        Some(Ok(check)) => (Some(check), None),
        Some(Err(e)) => (None, Some(e.to_string())),
        None => (None, None),
    };
    let status = response.status;
    let asked = matches!(status, Some(401 | 403)) || challenge.is_some();
    let carries = request
        .as_ref()
        .is_some_and(|r| r.headers.iter().any(|(n, _)| is_credential_header(n)));
    if !asked && token.is_none() && token_problem.is_none() && !carries {
        return Judged {
            token,
            token_problem,
            credentials: None,
        };
    }
    let (sent, other_headers) = request.as_ref().map_or_else(Default::default, sent_names);
    let mut credentials = Credentials {
        request: match request.as_ref().map(|r| r.source) {
            None => RequestShown::No,
            Some(source) if source.was_sent() => RequestShown::Sent,
            Some(_) => RequestShown::Command,
        },
        sent,
        presented,
        challenge,
        findings: Vec::new(),
        other_headers,
    };
    let offered: Vec<&str> = all_challenges.iter().map(|c| c.scheme.as_str()).collect();
    credentials.findings = findings(
        &credentials,
        status,
        token.as_ref(),
        token_problem.is_some() || jwt.is_some(),
        &offered,
    );
    Judged {
        token,
        token_problem,
        credentials: Some(credentials),
    }
}

/// The credential headers of a request by name ("Authorization (Bearer)"), and the others.
fn sent_names(request: &Shown) -> (Vec<String>, Vec<String>) {
    let mut sent = Vec::new();
    let mut others = Vec::new();
    for (name, value) in &request.headers {
        if is_credential_header(name) {
            let label = if name.eq_ignore_ascii_case("authorization")
                || name.eq_ignore_ascii_case("proxy-authorization")
            {
                // The scheme is a word of the protocol, not part of the secret.
                let scheme = value.split_whitespace().next().unwrap_or("");
                if scheme.is_empty()
                    || !scheme
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                {
                    name.clone()
                } else {
                    format!("{name} ({scheme})")
                }
            } else {
                name.clone()
            };
            if !sent.contains(&label) {
                sent.push(label);
            }
        } else if !others.contains(name) {
            others.push(name.clone());
        }
    }
    (sent, others)
}

/// Everything said of the credentials, most serious first.
fn findings(
    credentials: &Credentials,
    status: Option<u16>,
    token: Option<&TokenCheck>,
    token_seen: bool,
    offered: &[&str],
) -> Vec<String> {
    let mut out = Vec::new();
    let challenge = credentials.challenge.as_ref();
    let error = challenge
        .and_then(|c| c.error.as_deref())
        .map(str::to_ascii_lowercase);
    let description = challenge.and_then(|c| c.error_description.as_deref());
    let asked_scheme = challenge.map(|c| c.scheme.as_str());
    let refused = matches!(status, Some(401 | 403));
    // A token with no signature at all is worth saying before anything else.
    if let Some(alg) = token.and_then(|t| t.algorithm.as_deref())
        && alg.eq_ignore_ascii_case("none")
    {
        out.push(
            "has alg none: it carries no signature, so an API must refuse it; find what minted it \
             (a bug, or a forged token)"
                .to_owned(),
        );
    }
    let shown = credentials.request != RequestShown::No;
    let nothing_sent = shown && credentials.sent.is_empty();
    if nothing_sent && (status == Some(401) || (refused && challenge.is_some())) {
        let asked = asked_scheme.map_or_else(
            || format!("the server answered {}", status.unwrap_or(401)),
            |scheme| format!("the server asked for {scheme} credentials"),
        );
        let what = if asked_scheme.is_none_or(|s| s.eq_ignore_ascii_case("bearer")) {
            "no token was sent"
        } else {
            "no credentials were sent"
        };
        let carried = if credentials.request == RequestShown::Command {
            "the command line sets no credential header (a .netrc or config file could add one)"
                .to_owned()
        } else if credentials.other_headers.is_empty() {
            "the request carried no headers at all".to_owned()
        } else {
            format!(
                "the request carried only {}",
                credentials.other_headers.join(", ")
            )
        };
        out.push(format!("not sent: {asked} and {what}; {carried}"));
    } else if shown
        && refused
        && let Some(asked) = asked_scheme
    {
        // Credentials went, but not the kind the server asked for.
        let presented_scheme = match &credentials.presented {
            Some(Presented::Basic { .. }) => Some("Basic".to_owned()),
            Some(Presented::Other { scheme }) => Some(scheme.clone()),
            Some(_) => Some("Bearer".to_owned()),
            None => None,
        };
        match presented_scheme {
            Some(scheme) if !offered.iter().any(|o| o.eq_ignore_ascii_case(&scheme)) => out.push(
                format!("sent as {scheme}, but the server asked for {asked} credentials"),
            ),
            None => out.push(format!(
                "not sent as asked: the server asked for {asked} credentials and no Authorization \
                 header was sent; the request carried only {}",
                credentials.sent.join(", ")
            )),
            Some(_) => {}
        }
    }
    if let Some(Presented::Empty { word }) = &credentials.presented {
        out.push(match word {
            Some(word) => format!(
                "is the word \"{word}\": the client sent an unset variable, not a token"
            ),
            None => "is empty: the Authorization header says Bearer with nothing after it (an unset variable?)".to_owned(),
        });
    }
    let (refusable, soft): (Vec<&String>, Vec<&String>) = token
        .map_or_else(Default::default, |t| {
            t.findings.iter().partition(|f| !f.starts_with("no expiry"))
        });
    out.extend(refusable.into_iter().cloned());
    let opaque = matches!(
        credentials.presented,
        Some(Presented::Opaque { .. } | Presented::Encrypted)
    );
    match error.as_deref() {
        Some("invalid_token") if refused => match (token, &credentials.presented) {
            (Some(token), _) if token.claims_look_valid => {
                out.push(refused_valid_claims(token, "invalid_token", description));
            }
            (Some(_), _) => {}
            (None, Some(Presented::Opaque { length })) => out.push(format!(
                "is opaque ({length} characters) and was refused (invalid_token): it cannot be read \
                 locally; ask the issuer's introspection endpoint whether it is active{}",
                description.map(|d| format!("; the server says {}", quoted(d))).unwrap_or_default()
            )),
            _ => {
                if let Some(d) = description
                    && !nothing_sent
                {
                    out.push(format!("refused (invalid_token); the server says {}", quoted(d)));
                }
            }
        },
        Some("insufficient_scope") => {
            let mut finding = insufficient_scope(
                challenge.and_then(|c| c.scope.as_deref()),
                token,
                opaque,
            );
            if let Some(d) = description {
                finding.push_str("; the server says ");
                finding.push_str(&quoted(d));
            }
            out.push(finding);
        }
        Some("invalid_request") if !nothing_sent => out.push(format!(
            "refused as a malformed request (invalid_request): send one credential, once, as \
             `Authorization: Bearer <token>` (not also in the query or body){}",
            description.map(|d| format!("; the server says {}", quoted(d))).unwrap_or_default()
        )),
        _ => {
            if status == Some(403)
                && let Some(token) = token
                && token.claims_look_valid
            {
                out.push(format!(
                    "looks valid ({}) and the server still said 403: authentication passed; a \
                     permission is missing (a role, scope or tenant the claims do not carry)",
                    claims_summary(token)
                ));
            }
        }
    }
    let refused_already = error.as_deref() == Some("invalid_token");
    match &credentials.presented {
        Some(Presented::Opaque { length }) if !(refused_already && refused) => out.push(format!(
            "is opaque (not a JWT, {length} characters): it cannot be read locally; ask the \
             issuer's introspection endpoint"
        )),
        Some(Presented::Encrypted) => out.push(
            "is an encrypted JWT (JWE): it cannot be read locally; ask the issuer's \
             introspection endpoint"
                .to_owned(),
        ),
        Some(Presented::Basic { user }) => {
            let who = user.as_deref().map_or_else(
                || "that does not decode to user:password".to_owned(),
                |user| format!("for user {user}"),
            );
            out.push(if status == Some(401) {
                format!(
                    "is Basic auth {who} and was refused: check that user's password and whether \
                     the account is locked or expired (the password is not shown)"
                )
            } else {
                format!("is Basic auth {who} (the password is not shown)")
            });
        }
        _ => {}
    }
    out.extend(soft.into_iter().cloned());
    if !shown && status == Some(401) && !token_seen && credentials.presented.is_none() {
        out.push(
            "unknown: the paste shows no request, so whether a token was sent cannot be told \
             (`curl -v` shows the headers sent)"
                .to_owned(),
        );
    }
    out
}
