//! Judging a token's claims (`exp`, `nbf`, `iat`, `iss`, `aud`) against the response's time and
//! what the runbook expects, and saying what a refused token whose claims look valid points at.

use base64::Engine as _;
use jiff::Timestamp;

use super::credentials::quoted;
use super::jwt::{TokenCheck, TokenError, decode_part, timestamp};

pub(super) fn minutes(seconds: i64) -> String {
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

/// "exp in 42 min, aud `api://orders`": the claims a refusal was judged against.
pub(super) fn claims_summary(token: &TokenCheck) -> String {
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
pub(super) fn refused_valid_claims(
    token: &TokenCheck,
    error: &str,
    description: Option<&str>,
) -> String {
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
