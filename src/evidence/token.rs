//! The credential check for a 401 or 403, judged together with the response: what the request
//! carried (headers named, values never kept), what the server asked for in `WWW-Authenticate`
//! (RFC 6750 `error`, `error_description`, `scope`), and a bearer JWT decoded here, never sent
//! anywhere and never verified against a key, its times and audience read against the
//! response's `Date` (or now). Findings come most serious first, in words that follow "token"
//! in an evidence line ("token expired 3 min before the request"). Pure: the time is passed in.

use base64::Engine as _;
use jiff::Timestamp;
use serde::Serialize;

use super::request::{self, Shown};
use super::response::Response;

/// What the token's claims say, in the engineer's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenCheck {
    /// The claims that matter for access, as found.
    pub issuer: Option<String>,
    pub audience: Vec<String>,
    pub subject: Option<String>,
    pub scope: Option<String>,
    pub expires: Option<Timestamp>,
    pub not_before: Option<Timestamp>,
    pub issued: Option<Timestamp>,
    /// The header's `alg` and `kid`: what a key refusal is checked against.
    pub algorithm: Option<String>,
    pub key_id: Option<String>,
    /// The moment it was judged against, and whether that came from the response's `Date`.
    pub judged_at: Timestamp,
    pub judged_by_response_date: bool,
    /// Whether the claims alone give a validator no reason to refuse (a missing `exp` aside):
    /// a refusal of such a token points at its signature or key.
    pub claims_look_valid: bool,
    /// Findings of the claims alone, most serious first ("expired 3 min before the request").
    pub findings: Vec<String>,
}

/// Why a token could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token does not have three parts separated by dots")]
    NotAJwt,
    #[error("the token's payload is not valid base64url")]
    BadBase64,
    #[error("the token's payload is not a JSON object")]
    BadJson,
}

/// The first bearer JWT in `text`: after `Bearer `, or any `eyJ...` token.
pub fn find_jwt(text: &str) -> Option<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ';' | '=' | '&' | '?'))
        .find(|word| word.starts_with("eyJ") && word.matches('.').count() == 2)
}

fn timestamp(value: Option<&serde_json::Value>) -> Option<Timestamp> {
    // Some issuers write times as floats; whole seconds are enough here.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "a time in seconds fits an i64"
    )]
    let seconds = value?
        .as_i64()
        .or_else(|| value?.as_f64().map(|f| f.trunc() as i64))?;
    Timestamp::from_second(seconds).ok()
}

fn minutes(seconds: i64) -> String {
    let s = seconds.abs();
    if s < 120 && s % 60 != 0 {
        format!("{s} s")
    } else if s < 2 * 3600 {
        format!("{} min", s / 60)
    } else if s < 2 * 86_400 {
        format!("{} h", s / 3600)
    } else {
        format!("{} days", s / 86_400)
    }
}

fn decode_part(part: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}

/// What the API expects of a token, from its runbook.
#[derive(Debug, Clone, Copy, Default)]
pub struct Expected<'a> {
    pub audience: Option<&'a str>,
    pub issuer: Option<&'a str>,
}

/// Decodes `jwt` and judges it at `at` against what the API expects.
pub fn check(
    jwt: &str,
    at: Timestamp,
    from_response_date: bool,
    expected: Expected<'_>,
) -> Result<TokenCheck, TokenError> {
    let parts: Vec<&str> = jwt.split('.').collect();
    let [header, payload, _] = parts.as_slice() else {
        return Err(TokenError::NotAJwt);
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| TokenError::BadBase64)?;
    let claims: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|_| TokenError::BadJson)?;
    let object = claims.as_object().ok_or(TokenError::BadJson)?;
    // A header that does not decode leaves `alg` and `kid` unknown; the claims still speak.
    let header = decode_part(header).unwrap_or_default();
    let header_text = |key: &str| header.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let text = |key: &str| object.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let audience = match object.get("aud") {
        Some(serde_json::Value::String(a)) => vec![a.clone()],
        Some(serde_json::Value::Array(list)) => list
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    let scope = text("scope").or_else(|| text("scp")).or_else(|| {
        object.get("scp").and_then(|v| v.as_array()).map(|l| {
            l.iter()
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
    });
    let mut result = TokenCheck {
        issuer: text("iss"),
        audience,
        subject: text("sub"),
        scope,
        expires: timestamp(object.get("exp")),
        not_before: timestamp(object.get("nbf")),
        issued: timestamp(object.get("iat")),
        algorithm: header_text("alg"),
        key_id: header_text("kid"),
        judged_at: at,
        judged_by_response_date: from_response_date,
        claims_look_valid: true,
        findings: Vec::new(),
    };
    let when = if from_response_date {
        "the request"
    } else {
        "now"
    };
    let now = at.as_second();
    // Validators allow a little clock skew; a token this close to a limit is worth a word.
    let skew = 120;
    let mut refusable = Vec::new();
    let mut no_expiry = None;
    if let Some(exp) = result.expires {
        let delta = now - exp.as_second();
        if delta > 0 {
            refusable.push(format!("expired {} before {when}", minutes(delta)));
        } else if -delta <= skew {
            refusable.push(format!(
                "expires {} after {when}: within usual clock skew",
                minutes(delta)
            ));
        }
    } else {
        no_expiry = Some("no expiry (`exp`): some validators refuse that".to_owned());
    }
    if let Some(nbf) = result.not_before {
        let delta = nbf.as_second() - now;
        if delta > 0 {
            refusable.push(format!(
                "not valid until {} after {when}: check clock skew",
                minutes(delta)
            ));
        }
    }
    if let Some(iat) = result.issued {
        let delta = iat.as_second() - now;
        if delta > skew {
            refusable.push(format!(
                "issued {} in the future: a clock is off",
                minutes(delta)
            ));
        }
    }
    if let Some(trusted) = expected.issuer
        && result.issuer.as_deref() != Some(trusted)
    {
        let got = result
            .issuer
            .as_deref()
            .map_or_else(|| "no issuer".to_owned(), |i| format!("issuer {i}"));
        refusable.push(format!("{got}, but this API trusts {trusted}"));
    }
    if let Some(expected) = expected.audience
        && !result.audience.iter().any(|a| a == expected)
    {
        let got = if result.audience.is_empty() {
            "no audience".to_owned()
        } else {
            format!("audience {}", result.audience.join(", "))
        };
        refusable.push(format!("{got}, but this API expects {expected}"));
    }
    result.claims_look_valid = refusable.is_empty();
    result.findings = refusable.into_iter().chain(no_expiry).collect();
    Ok(result)
}

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

/// One challenge of `WWW-Authenticate`: what the server asked for and what it said was wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Challenge {
    pub scheme: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
    /// RFC 6750: `invalid_request`, `invalid_token`, `insufficient_scope`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// The scope the server asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
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

/// The challenges of every `WWW-Authenticate` header, in order.
fn challenges(response: &Response) -> Vec<Challenge> {
    let mut out = Vec::new();
    for (_, value) in response
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("www-authenticate"))
    {
        parse_challenges(value, &mut out);
    }
    out
}

/// `Bearer realm="x", error="invalid_token", Basic realm="y"` into its challenges.
fn parse_challenges(value: &str, out: &mut Vec<Challenge>) {
    let mut rest = value.trim();
    while !rest.is_empty() {
        rest = rest.trim_start_matches([',', ' ', '\t']);
        let end = rest
            .find(|c: char| c == '=' || c == ',' || c.is_whitespace())
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let after = rest[end..].trim_start();
        if word.is_empty() {
            break;
        }
        if after.starts_with('=') && !after.starts_with("==") {
            // A parameter of the current challenge.
            let value_text = after[1..].trim_start();
            let (param, next) = if let Some(quoted) = value_text.strip_prefix('"') {
                let mut param = String::new();
                let mut chars = quoted.char_indices();
                let mut end = quoted.len();
                while let Some((i, c)) = chars.next() {
                    match c {
                        '"' => {
                            end = i + 1;
                            break;
                        }
                        '\\' => param.extend(chars.next().map(|(_, c)| c)),
                        c => param.push(c),
                    }
                }
                (param, &quoted[end.min(quoted.len())..])
            } else {
                let end = value_text.find(',').unwrap_or(value_text.len());
                (value_text[..end].trim().to_owned(), &value_text[end..])
            };
            if let Some(challenge) = out.last_mut() {
                let slot = match word.to_ascii_lowercase().as_str() {
                    "realm" => Some(&mut challenge.realm),
                    "error" => Some(&mut challenge.error),
                    "error_description" => Some(&mut challenge.error_description),
                    "scope" => Some(&mut challenge.scope),
                    _ => None,
                };
                if let Some(slot) = slot {
                    *slot = Some(param);
                }
            }
            rest = next;
        } else {
            out.push(Challenge {
                scheme: word.to_owned(),
                ..Challenge::default()
            });
            rest = after;
        }
    }
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
fn quoted(description: &str) -> String {
    let one_line = description.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = one_line.chars().take(100).collect();
    if cut.len() < one_line.len() {
        format!("\"{cut}...\"")
    } else {
        format!("\"{cut}\"")
    }
}

/// "exp in 42 min, aud `api://orders`": the claims a refusal was judged against.
fn claims_summary(token: &TokenCheck) -> String {
    let exp = token.expires.map_or_else(
        || "no exp".to_owned(),
        |exp| {
            let delta = exp.as_second() - token.judged_at.as_second();
            format!("exp in {}", minutes(delta))
        },
    );
    let aud = if token.audience.is_empty() {
        "no aud".to_owned()
    } else {
        format!("aud {}", token.audience.join(", "))
    };
    format!("{exp}, {aud}")
}

/// What to check when a token whose claims look valid was refused.
fn key_advice(token: &TokenCheck) -> String {
    let keys = token.issuer.as_deref().map_or_else(
        || "the issuer's current keys".to_owned(),
        |iss| format!("the current keys of {iss}"),
    );
    let kid = token.key_id.as_deref().map_or_else(
        || format!("it names no kid, so check the API holds {keys} (rotation?)"),
        |kid| format!("check that kid {kid} is among {keys} (rotation?)"),
    );
    let alg = match token.algorithm.as_deref() {
        Some(alg) if alg.to_ascii_uppercase().starts_with("HS") => {
            format!("alg {alg} is a shared secret: check both sides hold the same one")
        }
        Some(alg) => format!("alg {alg} is one the API accepts"),
        None => "the header names no alg: check the API accepts how it was signed".to_owned(),
    };
    if alg.starts_with("alg ") && !alg.contains("shared") {
        format!("the signature or key was refused: {kid}, and that {alg}")
    } else {
        format!("the signature or key was refused: {kid}; {alg}")
    }
}

/// What a refused token whose claims look valid points at: the server's description when it
/// names a claim, else the signature or key.
fn refused_valid_claims(token: &TokenCheck, error: &str, description: Option<&str>) -> String {
    let mut out = format!(
        "refused ({error}) though its claims look valid ({})",
        claims_summary(token)
    );
    let said = description.map(str::to_ascii_lowercase).unwrap_or_default();
    if let Some(description) = description {
        out.push_str("; the server says ");
        out.push_str(&quoted(description));
    }
    let has = |words: &[&str]| words.iter().any(|w| said.contains(w));
    let advice = if has(&["aud"]) {
        let aud = if token.audience.is_empty() {
            "no aud".to_owned()
        } else {
            token.audience.join(", ")
        };
        format!("compare the token's audience ({aud}) with the one the API expects")
    } else if has(&["issuer", "iss "]) || said == "iss" {
        let iss = token.issuer.as_deref().unwrap_or("no iss");
        format!("compare the token's issuer ({iss}) with the one the API trusts")
    } else if has(&["expired", "exp", "lifetime"]) {
        "the server judged it expired: compare its clock with the issuer's".to_owned()
    } else {
        key_advice(token)
    };
    out.push_str(": ");
    out.push_str(&advice);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &str) -> String {
        let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!(
            "{}.{}.{}",
            enc(r#"{"alg":"RS256"}"#),
            enc(claims),
            enc("signature")
        )
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    // 2026-11-23T09:00:00Z is 1795424400.
    const NINE: i64 = 1_795_424_400;

    #[test]
    fn an_expired_token_says_by_how_much() {
        let token = jwt(&format!(
            r#"{{"iss":"https://id.example","aud":"api://orders","exp":{}}}"#,
            NINE - 180
        ));
        let c = check(
            &token,
            at("2026-11-23T09:00:00Z"),
            true,
            Expected::default(),
        )
        .unwrap();
        assert_eq!(c.findings, ["expired 3 min before the request"]);
        assert_eq!(c.issuer.as_deref(), Some("https://id.example"));
    }

    #[test]
    fn not_yet_valid_and_issued_in_the_future() {
        let token = jwt(&format!(
            r#"{{"exp":{},"nbf":{},"iat":{}}}"#,
            NINE + 3600,
            NINE + 600,
            NINE + 600
        ));
        let c = check(
            &token,
            at("2026-11-23T09:00:00Z"),
            false,
            Expected::default(),
        )
        .unwrap();
        assert!(
            c.findings
                .iter()
                .any(|f| f.starts_with("not valid until 10 min after now")),
            "{:?}",
            c.findings
        );
        assert!(c.findings.iter().any(|f| f.contains("in the future")));
    }

    #[test]
    fn wrong_audience_and_issuer_are_shown() {
        let token = jwt(&format!(
            r#"{{"iss":"https://id.staging.example","aud":["api://orders"],"exp":{},"scope":"orders.read"}}"#,
            NINE + 3600
        ));
        let expected = Expected {
            audience: Some("api://payments"),
            issuer: Some("https://id.example"),
        };
        let c = check(&token, at("2026-11-23T09:00:00Z"), true, expected).unwrap();
        assert_eq!(
            c.findings,
            [
                "issuer https://id.staging.example, but this API trusts https://id.example",
                "audience api://orders, but this API expects api://payments"
            ]
        );
        assert_eq!(c.scope.as_deref(), Some("orders.read"));
        assert_eq!(c.issuer.as_deref(), Some("https://id.staging.example"));
    }

    #[test]
    fn malformed_tokens_are_reported_not_a_panic() {
        let t = at("2026-11-23T09:00:00Z");
        let none = Expected::default();
        assert_eq!(check("abc", t, false, none), Err(TokenError::NotAJwt));
        assert_eq!(
            check("eyJ.%%%.x", t, false, none),
            Err(TokenError::BadBase64)
        );
        let not_json = format!(
            "eyJhIjoxfQ.{}.x",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("nope")
        );
        assert_eq!(check(&not_json, t, false, none), Err(TokenError::BadJson));
    }

    #[test]
    fn the_first_jwt_in_a_transcript_is_found() {
        let token = jwt(r#"{"exp":1}"#);
        let text = format!("> GET / HTTP/1.1\n> Authorization: Bearer {token}\n< HTTP/1.1 401");
        assert_eq!(find_jwt(&text), Some(token.as_str()));
        assert_eq!(find_jwt("no tokens here eyJ.only-one-dot"), None);
    }

    /// A JWT with the given header and claims; the signature is any bytes (never checked).
    fn jwt_with(header: &str, claims: &str) -> String {
        let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!(
            "{}.{}.{}",
            enc(header),
            enc(claims),
            enc("not-a-real-signature")
        )
    }

    /// What the whole reader makes of `text`: the token judged with the response.
    fn read(text: &str) -> crate::evidence::analysis::Analysis {
        // Long after every token here expires: a finding judged at this "now" instead of the
        // response's `Date` would say "expired".
        let now = at("2027-06-01T00:00:00Z");
        crate::evidence::analysis::analyze(text, now)
    }

    fn findings(analysis: &crate::evidence::analysis::Analysis) -> Vec<String> {
        analysis
            .credentials
            .as_ref()
            .map(|c| c.findings.clone())
            .unwrap_or_default()
    }

    /// A curl -v transcript as a terminal paste delivers it: CR line breaks.
    fn curl_v(request_headers: &str, response: &str) -> String {
        format!(
            "$ curl -sv https://api.example.com/v1/orders/42\r*   Trying 10.0.0.7:443...\r\
             * SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384\r> GET /v1/orders/42 HTTP/1.1\r\
             > Host: api.example.com\r> User-Agent: curl/8.5.0\r> Accept: */*\r{request_headers}> \r\
             {response}\r* Connection #0 to host api.example.com left intact\r"
        )
    }

    #[test]
    fn a_refused_token_with_valid_claims_points_at_the_signature_or_key() {
        // Valid for 42 more minutes at the response's Date (09:00), long expired by `now`.
        let token = jwt_with(
            r#"{"alg":"RS256","typ":"JWT","kid":"2026-10-a"}"#,
            &format!(
                r#"{{"iss":"https://id.example.com","aud":"api://orders","sub":"svc-checkout","exp":{},"iat":{}}}"#,
                NINE + 42 * 60,
                NINE - 600
            ),
        );
        let text = curl_v(
            &format!("> Authorization: Bearer {token}\r"),
            "< HTTP/1.1 401 Unauthorized\r< Date: Mon, 23 Nov 2026 09:00:00 GMT\r\
             < WWW-Authenticate: Bearer realm=\"orders\", error=\"invalid_token\"\r\
             < Content-Length: 0\r<",
        );
        let analysis = read(&text);
        let token_check = analysis.token.as_ref().unwrap();
        assert!(token_check.judged_by_response_date);
        assert!(token_check.claims_look_valid);
        assert_eq!(token_check.key_id.as_deref(), Some("2026-10-a"));
        assert_eq!(
            findings(&analysis),
            [
                "refused (invalid_token) though its claims look valid (exp in 42 min, aud \
                 api://orders): the signature or key was refused: check that kid 2026-10-a is \
                 among the current keys of https://id.example.com (rotation?), and that alg \
                 RS256 is one the API accepts"
            ]
        );
        let credentials = analysis.credentials.as_ref().unwrap();
        assert_eq!(credentials.sent, ["Authorization (Bearer)"]);
        assert_eq!(
            credentials.challenge.as_ref().unwrap().realm.as_deref(),
            Some("orders")
        );
        // The line under the note says the same, first finding first.
        let reading = crate::session::model::EvidenceReading::of(&analysis).unwrap();
        assert!(
            reading.line().ends_with(
                "; token refused (invalid_token) though its claims look valid (exp in 42 min, \
                 aud api://orders): the signature or key was refused: check that kid 2026-10-a \
                 is among the current keys of https://id.example.com (rotation?), and that alg \
                 RS256 is one the API accepts"
            ),
            "{}",
            reading.line()
        );
    }

    #[test]
    fn a_refusal_the_claims_explain_says_the_claim_first() {
        let token = jwt_with(
            r#"{"alg":"ES256","kid":"k1"}"#,
            &format!(r#"{{"aud":"api://orders","exp":{}}}"#, NINE - 180),
        );
        let text = curl_v(
            &format!("> Authorization: Bearer {token}\r"),
            "< HTTP/2 401\r< date: Mon, 23 Nov 2026 09:00:00 GMT\r\
             < www-authenticate: Bearer error=\"invalid_token\", error_description=\"The access token expired\"\r<",
        );
        assert_eq!(findings(&read(&text)), ["expired 3 min before the request"]);
    }

    #[test]
    fn a_description_that_names_a_claim_is_followed_rather_than_the_key() {
        let token = jwt_with(
            r#"{"alg":"RS256","kid":"k1"}"#,
            &format!(r#"{{"aud":"api://orders","exp":{}}}"#, NINE + 3600),
        );
        let text = format!(
            "$ curl -si https://api.example.com/v1/x -H \"Authorization: Bearer {token}\"\n\
             HTTP/1.1 401 Unauthorized\nDate: Mon, 23 Nov 2026 09:00:00 GMT\n\
             WWW-Authenticate: Bearer error=\"invalid_token\", error_description=\"audience\"\n\n"
        );
        let found = findings(&read(&text));
        assert_eq!(
            found,
            [
                "refused (invalid_token) though its claims look valid (exp in 60 min, aud \
                 api://orders); the server says \"audience\": compare the token's audience \
                 (api://orders) with the one the API expects"
            ]
        );
        assert_eq!(
            read(&text).credentials.unwrap().request,
            RequestShown::Command,
            "the token came from the command line"
        );
    }

    #[test]
    fn insufficient_scope_names_the_scope_asked_for_and_the_tokens() {
        let token = jwt_with(
            r#"{"alg":"RS256","kid":"k1"}"#,
            &format!(
                r#"{{"aud":"api://orders","scp":["orders:read","profile"],"exp":{}}}"#,
                NINE + 3600
            ),
        );
        let text = curl_v(
            &format!("> Authorization: Bearer {token}\r"),
            "< HTTP/1.1 403 Forbidden\r< Date: Mon, 23 Nov 2026 09:00:00 GMT\r\
             < WWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"orders:write\", \
             error_description=\"The request requires higher privileges\"\r<\r{\"error\":\"insufficient_scope\"}",
        );
        assert_eq!(
            findings(&read(&text)),
            [
                "lacks the scope asked for: the server wants orders:write, the token has \
                 orders:read profile (missing orders:write); the server says \"The request \
                 requires higher privileges\""
            ]
        );
    }

    #[test]
    fn a_401_to_a_request_without_credentials_says_no_token_was_sent() {
        // As captured from nginx `auth_request` (tests/fixtures/evidence), with CR breaks.
        let text = "$ curl -sv http://127.0.0.1:18100/sso/users/42\r*   Trying 127.0.0.1:18100...\r\
                    > GET /sso/users/42 HTTP/1.1\r> Host: 127.0.0.1:18100\r> User-Agent: curl/7.88.1\r\
                    > Accept: */*\r> \r< HTTP/1.1 401 Unauthorized\r< Server: nginx/1.22.1\r\
                    < Date: Mon, 23 Nov 2026 10:43:45 GMT\r< WWW-Authenticate: Bearer realm=\"corp-sso\"\r\
                    < \r<html><head><title>401 Authorization Required</title></head></html>\r";
        let analysis = read(text);
        assert_eq!(
            findings(&analysis),
            [
                "not sent: the server asked for Bearer credentials and no token was sent; the \
                 request carried only Host, User-Agent, Accept"
            ]
        );
        assert!(analysis.credentials.unwrap().sent.is_empty());
    }

    #[test]
    fn credentials_of_another_kind_are_named_not_shown() {
        let text = curl_v(
            "> Cookie: session=s3cr3t-cookie-value\r> X-API-Key: ak_live_0123456789abcdef\r",
            "< HTTP/1.1 401 Unauthorized\r< WWW-Authenticate: Bearer realm=\"api\"\r<",
        );
        let analysis = read(&text);
        assert_eq!(
            findings(&analysis),
            [
                "not sent as asked: the server asked for Bearer credentials and no \
                 Authorization header was sent; the request carried only Cookie, X-API-Key"
            ]
        );
        let shown = analysis.render();
        assert!(shown.contains("Sent:        Cookie, X-API-Key"), "{shown}");
        assert!(
            !shown.contains("s3cr3t") && !shown.contains("ak_live"),
            "{shown}"
        );
    }

    #[test]
    fn an_opaque_token_is_said_by_its_length_alone() {
        let opaque = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
        let text = curl_v(
            &format!("> Authorization: Bearer {opaque}\r"),
            "< HTTP/1.1 403 Forbidden\r< Content-Type: text/html\r<\r<html>403 Forbidden</html>",
        );
        let analysis = read(&text);
        assert_eq!(
            findings(&analysis),
            [
                "is opaque (not a JWT, 40 characters): it cannot be read locally; ask the \
                 issuer's introspection endpoint"
            ]
        );
        assert_eq!(
            analysis.credentials.as_ref().unwrap().presented,
            Some(Presented::Opaque { length: 40 })
        );
        let shown = analysis.render();
        assert!(
            !shown.contains(opaque) && !shown.contains("gho_"),
            "{shown}"
        );
        let json = serde_json::to_string(&analysis.credentials).unwrap();
        assert!(!json.contains("gho_"), "{json}");
    }

    #[test]
    fn basic_credentials_say_the_user_never_the_password() {
        // `curl -u deploy-bot:Tr0ub4dor-and-3` sends this header.
        let header = "Basic ZGVwbG95LWJvdDpUcjB1YjRkb3ItYW5kLTM=";
        let text = curl_v(
            &format!("> Authorization: {header}\r"),
            "< HTTP/1.1 401 Unauthorized\r< Server: Apache/2.4.62 (Debian)\r\
             < WWW-Authenticate: Basic realm=\"Deploy hooks\"\r<",
        );
        let analysis = read(&text);
        assert_eq!(
            findings(&analysis),
            [
                "is Basic auth for user deploy-bot and was refused: check that user's password \
                 and whether the account is locked or expired (the password is not shown)"
            ]
        );
        let shown = analysis.render();
        assert!(shown.contains("user deploy-bot"), "{shown}");
        assert!(
            !shown.contains("Tr0ub4dor") && !shown.contains("ZGVwbG95"),
            "{shown}"
        );
        // What an export would write of the same paste loses the credential, not the user.
        let redacted = crate::export::redact::Redactor::new().redact(&text).text;
        assert!(!redacted.contains("ZGVwbG95"), "{redacted}");
        let (copy, hidden) =
            crate::export::redact_analysis(&analysis, &crate::export::redact::Redactor::new());
        assert_eq!(hidden, 0, "nothing secret in the reading itself");
        assert_eq!(findings(&copy), findings(&analysis));
    }

    #[test]
    fn basic_from_a_curl_user_flag() {
        let text = "$ curl -si -u deploy-bot:hunter2-long https://ci.example.com/hooks\n\
                    HTTP/1.1 403 Forbidden\nContent-Type: text/plain\n\nforbidden\n";
        let analysis = read(text);
        assert_eq!(
            findings(&analysis),
            ["is Basic auth for user deploy-bot (the password is not shown)"]
        );
        assert!(!analysis.render().contains("hunter2"));
    }

    #[test]
    fn alg_none_is_a_finding_of_its_own_and_comes_first() {
        let token = jwt_with(
            r#"{"alg":"none","typ":"JWT"}"#,
            &format!(r#"{{"aud":"api://orders","exp":{}}}"#, NINE + 3600),
        );
        let token = format!("{}.", token.rsplit_once('.').unwrap().0);
        let text = curl_v(
            &format!("> Authorization: Bearer {token}\r"),
            "< HTTP/1.1 401 Unauthorized\r< Date: Mon, 23 Nov 2026 09:00:00 GMT\r\
             < WWW-Authenticate: Bearer error=\"invalid_token\"\r<",
        );
        let found = findings(&read(&text));
        assert_eq!(
            found.first().map(String::as_str),
            Some(
                "has alg none: it carries no signature, so an API must refuse it; find what \
                 minted it (a bug, or a forged token)"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn httpie_output_with_colour_codes_is_read_the_same() {
        let token = jwt_with(
            r#"{"alg":"RS256","kid":"k9"}"#,
            &format!(r#"{{"aud":"api://orders","exp":{}}}"#, NINE + 42 * 60),
        );
        let text = format!(
            "\u{1b}[32mGET\u{1b}[39m /v1/orders HTTP/1.1\r\n\u{1b}[36mAuthorization\u{1b}[39m: Bearer {token}\r\n\
             \u{1b}[36mHost\u{1b}[39m: api.example.com\r\n\r\n\u{1b}[34mHTTP\u{1b}[39m/1.1 \u{1b}[36m401\u{1b}[39m Unauthorized\r\n\
             Date: Mon, 23 Nov 2026 09:00:00 GMT\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n\r\n"
        );
        let analysis = read(&text);
        assert_eq!(analysis.status, Some(401));
        let found = findings(&analysis);
        assert!(
            found[0].starts_with(
                "refused (invalid_token) though its claims look valid (exp in 42 min, aud \
                 api://orders): the signature or key was refused: check that kid k9"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_token_cut_by_the_terminal_is_read_whole() {
        let token = jwt_with(
            r#"{"alg":"RS256","kid":"k1"}"#,
            &format!(r#"{{"aud":"api://orders","exp":{}}}"#, NINE - 90),
        );
        let (first, rest) = token.split_at(40);
        let text = curl_v(
            &format!("> Authorization: Bearer {first}\r{rest}\r"),
            "< HTTP/1.1 401 Unauthorized\r< Date: Mon, 23 Nov 2026 09:00:00 GMT\r<",
        );
        assert_eq!(findings(&read(&text)), ["expired 90 s before the request"]);
    }

    #[test]
    fn a_403_with_a_valid_token_is_a_missing_permission() {
        let token = jwt_with(
            r#"{"alg":"RS256","kid":"k1"}"#,
            &format!(r#"{{"aud":"api://orders","exp":{}}}"#, NINE + 1800),
        );
        let text = curl_v(
            &format!("> Authorization: Bearer {token}\r"),
            "< HTTP/1.1 403 Forbidden\r< Date: Mon, 23 Nov 2026 09:00:00 GMT\r<\r{\"error\":\"forbidden\"}",
        );
        assert_eq!(
            findings(&read(&text)),
            [
                "looks valid (exp in 30 min, aud api://orders) and the server still said 403: \
                 authentication passed; a permission is missing (a role, scope or tenant the \
                 claims do not carry)"
            ]
        );
    }

    #[test]
    fn a_401_without_the_request_cannot_say_what_was_sent() {
        let text = "HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm=\"api\"\n\n";
        assert_eq!(
            findings(&read(text)),
            [
                "unknown: the paste shows no request, so whether a token was sent cannot be \
                 told (`curl -v` shows the headers sent)"
            ]
        );
        // A response that asks nothing of credentials gets no credentials part at all.
        assert_eq!(read("HTTP/1.1 502 Bad Gateway\n\n").credentials, None);
    }

    #[test]
    fn challenges_are_read_with_quotes_commas_and_several_schemes() {
        let mut out = Vec::new();
        parse_challenges(
            r#"Bearer realm="a, b", error="insufficient_scope", scope="orders:read orders:write", Basic realm="x""#,
            &mut out,
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].realm.as_deref(), Some("a, b"));
        assert_eq!(out[0].error.as_deref(), Some("insufficient_scope"));
        assert_eq!(out[0].scope.as_deref(), Some("orders:read orders:write"));
        assert_eq!(out[1].scheme, "Basic");
        // Damaged headers give what they can, never a panic.
        for damaged in ["", "=", "Bearer error=\"", "Bearer ,,, =x", "Bearer error"] {
            let mut out = Vec::new();
            parse_challenges(damaged, &mut out);
        }
    }

    #[test]
    fn the_readings_text_passes_redaction_unchanged_and_holds_no_token() {
        let token = jwt_with(
            r#"{"alg":"RS256","kid":"2026-10-a"}"#,
            &format!(
                r#"{{"iss":"https://id.example.com","aud":"api://orders","scope":"orders:read","exp":{}}}"#,
                NINE + 42 * 60
            ),
        );
        let cases = [
            curl_v(
                &format!("> Authorization: Bearer {token}\r"),
                "< HTTP/1.1 401 Unauthorized\r< Date: Mon, 23 Nov 2026 09:00:00 GMT\r\
                 < WWW-Authenticate: Bearer error=\"invalid_token\"\r<",
            ),
            curl_v(
                &format!("> Authorization: Bearer {token}\r"),
                "< HTTP/1.1 403 Forbidden\r< Date: Mon, 23 Nov 2026 09:00:00 GMT\r\
                 < WWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"orders:write\"\r<",
            ),
            curl_v(
                "",
                "< HTTP/1.1 401 Unauthorized\r< WWW-Authenticate: Bearer\r<",
            ),
            curl_v(
                "> Authorization: Basic ZGVwbG95LWJvdDpUcjB1YjRkb3ItYW5kLTM=\r",
                "< HTTP/1.1 401 Unauthorized\r<",
            ),
        ];
        let redactor = crate::export::redact::Redactor::new();
        let signature = token.rsplit('.').next().unwrap();
        for text in &cases {
            let analysis = read(text);
            let found = findings(&analysis);
            assert!(!found.is_empty(), "{text}");
            for finding in &found {
                let result = redactor.redact(finding);
                assert_eq!(result.count, 0, "{finding} -> {}", result.text);
                assert!(!finding.contains(signature), "{finding}");
            }
            let shown = analysis.render();
            assert!(!shown.contains(&token), "{shown}");
        }
    }
}
