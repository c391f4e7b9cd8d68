//! The token check for a 401 or 403: a bearer JWT found in the evidence is decoded here, never
//! sent anywhere and never verified against a key, and its times and audience are read against
//! the response's `Date` (or now). Pure: the time is passed in.

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
    /// The moment it was judged against, and whether that came from the response's `Date`.
    pub judged_at: Timestamp,
    pub judged_by_response_date: bool,
    /// Findings, most serious first ("expired 3 min before the request").
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
    let [_, payload, _] = parts.as_slice() else {
        return Err(TokenError::NotAJwt);
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|_| TokenError::BadBase64)?;
    let claims: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|_| TokenError::BadJson)?;
    let object = claims.as_object().ok_or(TokenError::BadJson)?;
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
        judged_at: at,
        judged_by_response_date: from_response_date,
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
    if let Some(exp) = result.expires {
        let delta = now - exp.as_second();
        if delta > 0 {
            result
                .findings
                .push(format!("expired {} before {when}", minutes(delta)));
        } else if -delta <= skew {
            result.findings.push(format!(
                "expires {} after {when}: within usual clock skew",
                minutes(delta)
            ));
        }
    } else {
        result
            .findings
            .push("no expiry (`exp`): some validators refuse that".to_owned());
    }
    if let Some(nbf) = result.not_before {
        let delta = nbf.as_second() - now;
        if delta > 0 {
            result.findings.push(format!(
                "not valid until {} after {when}: check clock skew",
                minutes(delta)
            ));
        }
    }
    if let Some(iat) = result.issued {
        let delta = iat.as_second() - now;
        if delta > skew {
            result.findings.push(format!(
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
        result
            .findings
            .push(format!("{got}, but this API trusts {trusted}"));
    }
    if let Some(expected) = expected.audience
        && !result.audience.iter().any(|a| a == expected)
    {
        let got = if result.audience.is_empty() {
            "no audience".to_owned()
        } else {
            format!("audience {}", result.audience.join(", "))
        };
        result
            .findings
            .push(format!("{got}, but this API expects {expected}"));
    }
    Ok(result)
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
}
