//! Secrets found by their own shape: vendor token formats, Bearer and Basic anywhere, base64.

use super::*;

#[test]
fn slack_webhooks() {
    check_rule(
        "slack-webhook",
        &[(
            "POST https://hooks.slack.com/services/T0001/B0002/XXXXyyyyZZZZ",
            "POST https://hooks.slack.com/services/[REDACTED]",
        )],
        &[
            "https://hooks.slack.com/",
            "https://api.slack.com/methods/chat.postMessage",
        ],
    );
}

#[test]
fn aws_access_key_ids() {
    check_rule(
        "aws-access-key-id",
        &[
            ("key AKIAIOSFODNN7EXAMPLE used", "key [REDACTED] used"),
            ("ASIAY34FZKBOKMUTVV7A,", "[REDACTED],"),
        ],
        &["AKIA123", "AKIAIOSFODNN7EXAMPLEXYZ", "akiaiosfodnn7example"],
    );
}

#[test]
fn github_tokens() {
    let body = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    let hits: Vec<(String, String)> = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]
        .iter()
        .map(|prefix| {
            (
                format!("token {prefix}{body} end"),
                "token [REDACTED] end".to_owned(),
            )
        })
        .collect();
    let mut hits: Vec<(&str, &str)> = hits.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    hits.push((
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuv",
        "[REDACTED]",
    ));
    check_rule(
        "github-token",
        &hits,
        &["ghp_short", "ghx_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"],
    );
}

#[test]
fn gitlab_tokens() {
    check_rule(
        "gitlab-token",
        &[("glpat-xYz0123456789abcdefG", "[REDACTED]")],
        &["glpat-short"],
    );
}

#[test]
fn slack_tokens() {
    check_rule(
        "slack-token",
        &[
            ("xoxb-1234567890-abcdefghij", "[REDACTED]"),
            ("use xoxp-1234-5678-abcdef ok", "use [REDACTED] ok"),
            ("xoxa-2-abcdefghijkl", "[REDACTED]"),
            ("xoxr-abcdefghijkl", "[REDACTED]"),
            ("xoxs-abcdefghijkl", "[REDACTED]"),
        ],
        &["xoxo-hugs", "xoxb-short"],
    );
}

#[test]
fn stripe_keys() {
    check_rule(
        "stripe-key",
        &[
            ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "[REDACTED]"),
            ("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "[REDACTED]"),
            ("rk_live_4eC39HqLyjWDarjtT1zdp7dc", "[REDACTED]"),
            ("rk_test_4eC39HqLyjWDarjtT1zdp7dc", "[REDACTED]"),
            ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "[REDACTED]"),
        ],
        &[
            "pk_live_4eC39HqLyjWDarjtT1zdp7dc",
            "sk_live_",
            "task_live_abcdefghijk",
        ],
    );
}

#[test]
fn google_api_keys() {
    check_rule(
        "google-api-key",
        &[(
            "k=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY.",
            "k=[REDACTED].",
        )],
        &["AIza short"],
    );
}

#[test]
fn npm_tokens() {
    check_rule(
        "npm-token",
        &[(
            "//registry.npmjs.org/:_authToken npm_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8",
            "//registry.npmjs.org/:_authToken [REDACTED]",
        )],
        &["npm_config_cache=/tmp/npm"],
    );
}

#[test]
fn bearer_tokens_outside_headers() {
    check_rule(
        "bearer-token",
        &[
            (
                "retrying with Bearer abc123def456ghi789",
                "retrying with Bearer [REDACTED]",
            ),
            (
                r#"{"hdr":"Bearer 0123456789abcdef"}"#,
                r#"{"hdr":"Bearer [REDACTED]"}"#,
            ),
        ],
        &[
            "the Bearer authentication scheme",
            "Bearer tokens expire after an hour",
            "WWW-Authenticate: Bearer realm=\"api\"",
        ],
    );
}

#[test]
fn basic_credentials_outside_headers() {
    check_rule(
        "basic-credentials",
        &[
            (
                "sent Basic dXNlcjpwYXNz to upstream",
                "sent Basic [REDACTED] to upstream",
            ),
            (
                r#"{"hdr": "Basic Ym9iOmh1bnRlcjI="}"#,
                r#"{"hdr": "Basic [REDACTED]"}"#,
            ),
        ],
        &["basic authentication failed", "Basic auth is disabled"],
    );
}

#[test]
fn base64_encoded_secrets() {
    let json = b64(r#"{"user":"bob","password":"hunter2"}"#);
    let creds = b64("deploy-bot:s3cr3t-pass");
    let header = b64_url("Authorization: Bearer abc123def456");
    let path = format!(
        "GET /v1/session/{}/state HTTP/1.1",
        b64_url("svc-user:hunter2hunter2")
    );
    let hits = [
        (format!("payload={json}"), "payload=[REDACTED]".to_owned()),
        (
            format!("creds {creds} end"),
            "creds [REDACTED] end".to_owned(),
        ),
        (format!("x {header}"), "x [REDACTED]".to_owned()),
        (path, "GET /v1/session/[REDACTED]/state HTTP/1.1".to_owned()),
    ];
    let hits: Vec<(&str, &str)> = hits.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let plain = b64("hello world, this is only a note");
    let cursor = b64("2024-01-01T10:00:00Z");
    let misses = [
        "7f3c9a2e-4b1d-4e8a-9c6f-2d5b8e1a0c47".to_owned(),
        "commit 9fceb02d0ae598e95dc970b74767f19372d61af8".to_owned(),
        "ETag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"".to_owned(),
        "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".to_owned(),
        "x-amz-cf-id: Nd4x1Ad_Kq9mvBN0vc6tY2xTxZtyvdpQKjUgBmt0vzQ7j9o-FZVkaA==".to_owned(),
        "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=".to_owned(),
        format!("note={plain}"),
        format!("cursor={cursor}"),
        "content-security-policy-report-only".to_owned(),
    ];
    let misses: Vec<&str> = misses.iter().map(String::as_str).collect();
    check_rule("base64-encoded", &hits, &misses);
}
