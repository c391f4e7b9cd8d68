//! Finding a bearer JWT in the evidence and decoding it: its claims, and its header's `alg` and
//! `kid`. Decoded here only, never sent anywhere and never verified against a key.

use base64::Engine as _;
use jiff::Timestamp;
use serde::Serialize;

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

pub(super) fn timestamp(value: Option<&serde_json::Value>) -> Option<Timestamp> {
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

pub(super) fn decode_part(part: &str) -> Option<serde_json::Map<String, serde_json::Value>> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        serde_json::Value::Object(map) => Some(map),
        _ => None,
    }
}
