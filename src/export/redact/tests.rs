use super::*;

/// One redactor for every test: compiling the rules is the slow part of a debug build.
static SHARED: std::sync::LazyLock<Redactor> = std::sync::LazyLock::new(Redactor::new);

fn redact(text: &str) -> Redacted {
    SHARED.redact(text)
}

/// Each true positive comes out exactly as expected, with `rule` among the rules that hit;
/// each false positive comes out unchanged, with nothing counted.
fn check_rule(rule: &str, hits: &[(&str, &str)], misses: &[&str]) {
    let redactor = &*SHARED;
    for (input, expected) in hits {
        let out = redactor.redact(input);
        assert_eq!(out.text, *expected, "rule {rule}, input {input:?}");
        assert!(
            out.rules.iter().any(|(name, _)| name == rule),
            "rule {rule} did not hit {input:?}: {:?}",
            out.rules
        );
    }
    for input in misses {
        let out = redactor.redact(input);
        assert_eq!(
            out.text, *input,
            "rule {rule} false positive, rules {:?}",
            out.rules
        );
        assert_eq!(out.count, 0, "rule {rule}, input {input:?}");
    }
}

fn b64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

fn b64_url(text: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

#[test]
fn every_builtin_pattern_compiles() {
    let specs = builtin_specs();
    for (name, pattern, _) in &specs {
        if let Err(err) = Regex::new(pattern) {
            panic!("built-in rule {name} does not compile: {err}");
        }
    }
    assert_eq!(Redactor::new().rules.len(), specs.len());
    assert_eq!(Redactor::default().rules.len(), specs.len());
}

#[test]
fn every_builtin_rule_is_exercised_by_a_test() {
    // Each name below has a table-driven test; a new rule must get one too.
    let tested = [
        "private-key",
        "percent-encoded",
        "jwt",
        "authorization-header",
        "cookie-header",
        "key-header",
        "curl-user",
        "url-password",
        "query-param",
        "aws-secret-key",
        "json-field",
        "assignment",
        "yaml-field",
        "cli-flag",
        "slack-webhook",
        "aws-access-key-id",
        "github-token",
        "gitlab-token",
        "slack-token",
        "stripe-key",
        "google-api-key",
        "npm-token",
        "bearer-token",
        "basic-credentials",
        "base64-encoded",
        "name-value",
        "go-header-map",
        "multipart-field",
        "command-password",
        "netrc",
        "pgpass",
        "cookie-jar",
        "jwk-private",
        "putty-key",
        "form-field",
        "signature-line",
        "kubectl-secret-value",
        "terraform-state",
        "table-row",
        "random-after-name",
        "openai-key",
        "anthropic-key",
        "huggingface-token",
        "age-secret-key",
        "sendgrid-key",
        "google-oauth-token",
        "vault-token",
        "vendor-token",
    ];
    for (name, _, _) in builtin_specs() {
        assert!(tested.contains(&name), "no test for rule {name}");
    }
}

#[test]
fn private_key_blocks() {
    check_rule(
        "private-key",
        &[
            (
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nq9d0Rk=\n-----END RSA PRIVATE KEY-----\nafter",
                "-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n-----END RSA PRIVATE KEY-----\nafter",
            ),
            (
                "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB\n-----END EC PRIVATE KEY-----",
                "-----BEGIN EC PRIVATE KEY-----\n[REDACTED]\n-----END EC PRIVATE KEY-----",
            ),
            (
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----",
                "-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED]\n-----END OPENSSH PRIVATE KEY-----",
            ),
            (
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHzBJBgkq\n-----END ENCRYPTED PRIVATE KEY-----",
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\n[REDACTED]\n-----END ENCRYPTED PRIVATE KEY-----",
            ),
            (
                "a\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY-----\nb",
                "a\n-----BEGIN PRIVATE KEY-----\n[REDACTED]\n-----END PRIVATE KEY-----\nb",
            ),
            // Truncated: no END line, so everything after BEGIN goes.
            (
                "pasted:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\nBgkqhkiG9w0B\nrest of paste",
                "pasted:\n-----BEGIN PRIVATE KEY-----\n[REDACTED]",
            ),
            // The END line must match the BEGIN line's kind.
            (
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\nBBBB",
                "-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]",
            ),
            // JSON with escaped newlines (a service-account file).
            (
                r#"{"private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n"}"#,
                r#"{"private_key": "-----BEGIN PRIVATE KEY-----[REDACTED]-----END PRIVATE KEY-----\n"}"#,
            ),
        ],
        &[
            "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----",
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQ\n-----END PUBLIC KEY-----",
            "the private key rotation is scheduled",
        ],
    );
}

#[test]
fn percent_encoded_runs() {
    check_rule(
        "percent-encoded",
        &[
            (
                "GET /login?next=Authorization%3A%20Bearer%20abc123def456 HTTP/1.1",
                "GET /login?next=[REDACTED] HTTP/1.1",
            ),
            (
                "redirect=%2Fcb%3Faccess_token%3Dabcdef123456",
                "redirect=[REDACTED]",
            ),
            (
                "state=access_token%3DeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl&x=1",
                "state=[REDACTED]&x=1",
            ),
            ("s=password%3Dhunter2%26user%3Dbob", "s=[REDACTED]"),
            // Encoded twice.
            ("x=token%253Dabcdef123456", "x=[REDACTED]"),
            // `+` is a space in form encoding.
            ("q=Cookie%3A+sid%3Dabc123", "q=[REDACTED]"),
        ],
        &[
            "GET /search?q=hello%20world HTTP/1.1",
            "path=%2Fv1%2Fitems%3Fpage%3D2",
            "disk at 100%25 (percent-encoded)",
            "100% done",
        ],
    );
}

#[test]
fn jwts() {
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    check_rule(
        "jwt",
        &[
            (
                &format!("token in body {jwt} end"),
                "token in body [REDACTED] end",
            ),
            (
                &format!("GET /cb?state=x#{jwt}"),
                "GET /cb?state=x#[REDACTED]",
            ),
            (
                &format!("{{\"jwt\":\"{jwt}\"}}"),
                "{\"jwt\":\"[REDACTED]\"}",
            ),
            (
                &format!("Authorization: Bearer {jwt}"),
                "Authorization: Bearer [REDACTED]",
            ),
            // Unsigned (alg none): empty third segment.
            (
                "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0. next",
                "[REDACTED] next",
            ),
            // JWE: five segments.
            (
                "eyJhbGciOiJSU0EtT0FFUCJ9.OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZ.48V1_ALb6US04U3b.5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji.XFBoMYUZodetZdvTiFvSkQ",
                "[REDACTED]",
            ),
        ],
        &[
            "eyJ alone",
            "header only eyJhbGciOiJIUzI1NiJ9 here",
            "file.eyJ.txt",
        ],
    );
}

#[test]
fn authorization_headers() {
    check_rule(
        "authorization-header",
        &[
            (
                "Authorization: Bearer abc.def",
                "Authorization: Bearer [REDACTED]",
            ),
            (
                "Authorization: Basic dXNlcjpwYXNz",
                "Authorization: Basic [REDACTED]",
            ),
            (
                "> Authorization: Bearer tok123",
                "> Authorization: Bearer [REDACTED]",
            ),
            (
                "> authorization: token ghp_short",
                "> authorization: token [REDACTED]",
            ),
            (
                "AUTHORIZATION: Bearer xyz",
                "AUTHORIZATION: Bearer [REDACTED]",
            ),
            (
                "Proxy-Authorization: Basic Zm9vOmJhcg==",
                "Proxy-Authorization: Basic [REDACTED]",
            ),
            (
                "curl -H 'Authorization: Bearer abc' https://api.example.com/v1",
                "curl -H 'Authorization: Bearer [REDACTED]' https://api.example.com/v1",
            ),
            (
                "curl -H \"authorization: token abc\" -H 'Accept: */*'",
                "curl -H \"authorization: token [REDACTED]\" -H 'Accept: */*'",
            ),
            (
                "Authorization: Digest username=\"bob\", realm=\"api\", response=\"6629fae49393a053\"",
                "Authorization: Digest username=\"bob\", realm=\"api\", response=\"[REDACTED]\"",
            ),
            (
                "Authorization: AWS4-HMAC-SHA256 Credential=x/20240101/us-east-1/s3/aws4_request, Signature=fe5f80f77d5f",
                "Authorization: AWS4-HMAC-SHA256 Credential=[REDACTED], Signature=[REDACTED]",
            ),
            ("Authorization: rawtoken123", "Authorization: [REDACTED]"),
            (
                "headers={Authorization: Bearer abc, Accept: json}",
                "headers={Authorization: Bearer [REDACTED], Accept: json}",
            ),
            (
                "authorization: \"Bearer abc\"",
                "authorization: \"Bearer [REDACTED]\"",
            ),
            (
                r#""curl -H \"Authorization: Bearer abc\" https://x""#,
                r#""curl -H \"Authorization: Bearer [REDACTED]\" https://x""#,
            ),
        ],
        &[
            "WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"",
            "Access-Control-Allow-Headers: Authorization, Content-Type",
            "Vary: Authorization",
            "authorization failed for user 42",
            "Authorization: Bearer",
            "Authorization: Bearer ${API_TOKEN}",
        ],
    );
}

#[test]
fn cookie_headers() {
    check_rule(
        "cookie-header",
        &[
            (
                "Cookie: session=abc; theme=dark",
                "Cookie: session=[REDACTED]; theme=[REDACTED]",
            ),
            (
                "Set-Cookie: sid=xyz; Path=/; HttpOnly",
                "Set-Cookie: sid=[REDACTED]; Path=/; HttpOnly",
            ),
            (
                "< set-cookie: __Host-id=\"q1w2\"; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure; SameSite=Lax",
                "< set-cookie: __Host-id=\"[REDACTED]\"; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure; SameSite=Lax",
            ),
            (
                "curl -H 'Cookie: a=1' -H 'Accept: text/html'",
                "curl -H 'Cookie: a=[REDACTED]' -H 'Accept: text/html'",
            ),
            ("> cookie: opaque", "> cookie: [REDACTED]"),
        ],
        &[
            "Vary: Cookie, Accept-Encoding",
            "Cookie: ",
            "cookie consent banner shown",
        ],
    );
}

#[test]
fn key_and_token_headers() {
    let hits: Vec<(String, String)> = [
        "X-API-Key",
        "Api-Key",
        "X-Auth-Token",
        "X-Access-Token",
        "Private-Token",
        "X-Amz-Security-Token",
        "X-Goog-Api-Key",
        "Ocp-Apim-Subscription-Key",
        "X-CSRF-Token",
        "X-Webhook-Secret",
        "X-Apikey",
        "x-vault-token",
    ]
    .iter()
    .map(|name| {
        (
            format!("> {name}: v4lue-123"),
            format!("> {name}: [REDACTED]"),
        )
    })
    .collect();
    let mut hits: Vec<(&str, &str)> = hits.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    hits.push((
        "curl -H 'X-Api-Key: k1' -H 'X-Auth-Token: t2' https://x",
        "curl -H 'X-Api-Key: [REDACTED]' -H 'X-Auth-Token: [REDACTED]' https://x",
    ));
    check_rule(
        "key-header",
        &hits,
        &[
            "X-Request-Id: 7f3c9a2e-4b1d-4e8a-9c6f-2d5b8e1a0c47",
            "X-Correlation-Id: corr-20240611-0042",
            "traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "tracestate: rojo=00f067aa0ba902b7,congo=t61rcWkgMzE",
            "ETag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"",
            "If-None-Match: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"",
            "Content-Length: 348",
            "Idempotency-Key: 8e03978e-40d5-43e8-bc93-6894a57f9324",
            "X-Cache-Key: /v1/items?page=2",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "X-Next-Page-Token: abc",
            "Retry-After: 120",
            "x-amzn-RequestId: 0a1b2c3d-4e5f-6789-abcd-ef0123456789",
            "x-amz-cf-id: Nd4x1Ad_Kq9mvBN0vc6tY2xTxZtyvdpQKjUgBmt0vzQ7j9o-FZVkaA==",
            "cf-ray: 8a1b2c3d4e5f6789-SJC",
        ],
    );
}

#[test]
fn curl_user_passwords() {
    check_rule(
        "curl-user",
        &[
            (
                "curl -u bob:hunter2 https://x",
                "curl -u bob:[REDACTED] https://x",
            ),
            (
                "curl --user 'ops:p@ss w0rd' https://x",
                "curl --user 'ops:[REDACTED]' https://x",
            ),
            (
                "curl --user=bob:pw https://x",
                "curl --user=bob:[REDACTED] https://x",
            ),
            ("curl -ubob:pw https://x", "curl -ubob:[REDACTED] https://x"),
            (
                "curl --proxy-user proxy:pp -x http://p:3128 https://x",
                "curl --proxy-user proxy:[REDACTED] -x http://p:3128 https://x",
            ),
        ],
        &[
            "curl -u bob https://x",
            "sort -u file.txt",
            "curl --user-agent 'curl:8' https://x",
        ],
    );
}

#[test]
fn url_passwords() {
    check_rule(
        "url-password",
        &[
            (
                "https://user:pass@host/path",
                "https://user:[REDACTED]@host/path",
            ),
            (
                "DATABASE_URL=postgres://app:s3cr3t@db.internal:5432/main",
                "DATABASE_URL=postgres://app:[REDACTED]@db.internal:5432/main",
            ),
            (
                "redis://:r3dis@cache:6379/0",
                "redis://:[REDACTED]@cache:6379/0",
            ),
            (
                "amqp://guest:guest@mq:5672/",
                "amqp://guest:[REDACTED]@mq:5672/",
            ),
            (
                "mongodb+srv://svc:m0ng0@cluster0.example.net/?retryWrites=true",
                "mongodb+srv://svc:[REDACTED]@cluster0.example.net/?retryWrites=true",
            ),
            ("https://u:p@ss@host/x", "https://u:[REDACTED]@host/x"),
        ],
        &[
            "https://api.example.com:8443/v1/items?page=2",
            "https://bob@host/x",
            "mailto:bob@example.com",
            "http://[::1]:8080/health",
            "connect to 10.0.3.17:5432 failed",
        ],
    );
}

#[test]
fn query_params() {
    let long = "0123456789abcdefXYZ";
    let named: Vec<(String, String)> = [
        "access_token",
        "id_token",
        "refresh_token",
        "token",
        "auth",
        "api_key",
        "apikey",
        "key",
        "client_secret",
        "secret",
        "password",
        "passwd",
        "pwd",
        "signature",
        "sig",
        "X-Amz-Signature",
        "X-Amz-Credential",
        "X-Amz-Security-Token",
        "X-Goog-Signature",
        "code",
        "API_KEY",
    ]
    .iter()
    .map(|name| {
        (
            format!("GET /v1/x?a=1&{name}={long}&b=2 HTTP/1.1"),
            format!("GET /v1/x?a=1&{name}=[REDACTED]&b=2 HTTP/1.1"),
        )
    })
    .collect();
    let mut hits: Vec<(&str, &str)> = named
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    hits.push((
        "Location: https://app/cb#access_token=abc&token_type=bearer",
        "Location: https://app/cb#access_token=[REDACTED]&token_type=bearer",
    ));
    hits.push((
        "<a href=\"/x?a=1&amp;token=abc\">",
        "<a href=\"/x?a=1&amp;token=[REDACTED]\">",
    ));
    check_rule(
        "query-param",
        &hits,
        &[
            "GET /v1/x?key=abc HTTP/1.1",
            "GET /v1/x?code=200 HTTP/1.1",
            "GET /v1/x?page=2&sort=asc&sort_key=name HTTP/1.1",
            "GET /v1/x?tokens=5&next_token=abc HTTP/1.1",
        ],
    );
}

#[test]
fn aws_secret_keys() {
    check_rule(
        "aws-secret-key",
        &[
            (
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "aws_secret_access_key = [REDACTED]",
            ),
            (
                "AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "AWS_SECRET_ACCESS_KEY: [REDACTED]",
            ),
            (
                "export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "export AWS_SECRET_ACCESS_KEY=[REDACTED]",
            ),
            (
                "{\"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}",
                "{\"SecretAccessKey\": \"[REDACTED]\"}",
            ),
        ],
        &["aws_secret_access_key is not set", "AWS_SECRET_ACCESS_KEY="],
    );
}

#[test]
fn json_fields() {
    check_rule(
        "json-field",
        &[
            (r#""password": "hunter2""#, r#""password": "[REDACTED]""#),
            (
                r#"{"client_secret":"abc","grant_type":"client_credentials"}"#,
                r#"{"client_secret":"[REDACTED]","grant_type":"client_credentials"}"#,
            ),
            (r#"{"apiKey": "k1"}"#, r#"{"apiKey": "[REDACTED]"}"#),
            ("{'token': 'abc'}", "{'token': '[REDACTED]'}"),
            (
                r#"msg="{\"password\":\"hunter2\",\"user\":\"bob\"}""#,
                r#"msg="{\"password\":\"[REDACTED]\",\"user\":\"bob\"}""#,
            ),
            (
                "{password: hunter2, user: bob}",
                "{password: [REDACTED], user: bob}",
            ),
            (
                r#"{"refresh_token": "r1", "token_type": "Bearer", "expires_in": 3600}"#,
                r#"{"refresh_token": "[REDACTED]", "token_type": "Bearer", "expires_in": 3600}"#,
            ),
            (
                r#"{"headers": {"Authorization": "Bearer abc123"}}"#,
                r#"{"headers": {"Authorization": "Bearer [REDACTED]"}}"#,
            ),
            (
                r#"{"private_key": "abc"}"#,
                r#"{"private_key": "[REDACTED]"}"#,
            ),
            (
                r#"{"credentials": "u:p"}"#,
                r#"{"credentials": "[REDACTED]"}"#,
            ),
            (
                r#"{"pin_password": 1234}"#,
                r#"{"pin_password": [REDACTED]}"#,
            ),
            (
                r#"{"cookie": "sid=abc; lang=en"}"#,
                r#"{"cookie": "sid=[REDACTED]; lang=[REDACTED]"}"#,
            ),
            (r#"{"passwd" => "x1"}"#, r#"{"passwd" => "[REDACTED]"}"#),
        ],
        &[
            r#"{"token_type": "Bearer", "expires_in": 3600, "tokens_used": 12}"#,
            r#"{"password": null, "secret": false}"#,
            r#"{"password": ""}"#,
            r#"{"has_password": true}"#,
            r#"{"nextPageToken": "abc"}"#,
            r#"{"credentials": "include"}"#,
            r#"{"password_reset": "requested"}"#,
            r#"{"token": "${TOKEN}"}"#,
        ],
    );
}

#[test]
fn assignments() {
    check_rule(
        "assignment",
        &[
            ("password=hunter2", "password=[REDACTED]"),
            (
                "export DB_PASSWORD='s3cr3t'",
                "export DB_PASSWORD='[REDACTED]'",
            ),
            (
                "client_secret=abc123&scope=read",
                "client_secret=[REDACTED]&scope=read",
            ),
            (
                "level=info msg=\"login\" token=abc123 user=bob",
                "level=info msg=\"login\" token=[REDACTED] user=bob",
            ),
            ("GITHUB_TOKEN=abc", "GITHUB_TOKEN=[REDACTED]"),
            (
                "app --password=hunter2 --verbose",
                "app --password=[REDACTED] --verbose",
            ),
            (
                "AccountName=x;AccountKey=abc==;EndpointSuffix=core.windows.net",
                "AccountName=x;AccountKey=[REDACTED];EndpointSuffix=core.windows.net",
            ),
            (
                "User{name=bob, password=hunter2}",
                "User{name=bob, password=[REDACTED]}",
            ),
            ("secret = \"a b c\"", "secret = \"[REDACTED]\""),
            ("password=(hunter2)", "password=[REDACTED]"),
        ],
        &[
            "cache_key=abc",
            "sort_key=name",
            "max_tokens=100 token_count=5",
            "password_reset=requested",
            "PWD=/home/ops",
            "if password != null",
            "assert token == expected",
            "password=",
            "TOKEN=${GITHUB_TOKEN}",
            "    token = client.fetch_token(url, timeout=5)",
            "TOKEN=$(vault read -field=token secret/orders)",
            "password reset requested for user 42",
        ],
    );
}

#[test]
fn yaml_fields() {
    check_rule(
        "yaml-field",
        &[
            ("client_secret: abc", "client_secret: [REDACTED]"),
            (
                "db:\n  password: \"hunter2\"\n",
                "db:\n  password: \"[REDACTED]\"\n",
            ),
            (
                "users:\n  - token: abc\n",
                "users:\n  - token: [REDACTED]\n",
            ),
            (
                "db_password: correct horse battery",
                "db_password: [REDACTED]",
            ),
            (
                "password: |\n  line one\n  line two\nport: 5432",
                "password: |\n  [REDACTED]\nport: 5432",
            ),
            (
                "db_pass:\n  passphrase: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n    6231\nnext: 1",
                "db_pass:\n  passphrase: !vault |\n    [REDACTED]\nnext: 1",
            ),
            ("Token: abc", "Token: [REDACTED]"),
        ],
        &[
            "password:\n  file: /run/secrets/db",
            "token_type: bearer",
            "password_policy: strict",
            "secret: true",
            "password: ${DB_PASSWORD}",
            "token: {{ .Values.token }}",
        ],
    );
}

#[test]
fn cli_flags() {
    check_rule(
        "cli-flag",
        &[
            (
                "vault login --token abc123",
                "vault login --token [REDACTED]",
            ),
            (
                "tool --password 'hunter 2' --verbose",
                "tool --password '[REDACTED]' --verbose",
            ),
            ("cli --client-secret xyz", "cli --client-secret [REDACTED]"),
            ("cli --api-key k1 run", "cli --api-key [REDACTED] run"),
        ],
        &[
            "cli --token-file /etc/token",
            "docker login --password-stdin",
            "cli --token",
            "cli --token --verbose",
        ],
    );
}

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

#[test]
fn ordinary_trace_data_survives() {
    let text = "\
HTTP/1.1 503 Service Unavailable
Date: Tue, 11 Jun 2024 10:42:17 GMT
Retry-After: 120
X-Request-Id: 7f3c9a2e-4b1d-4e8a-9c6f-2d5b8e1a0c47
x-amzn-RequestId: 0a1b2c3d-4e5f-6789-abcd-ef0123456789
cf-ray: 8a1b2c3d4e5f6789-SJC
WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\"
{\"error\": \"invalid_token\", \"token_type\": \"Bearer\", \"expires_in\": 3600}
2024-06-11T10:42:17.123Z WARN upstream 10.0.3.17:8443 password reset requested for user 42
GET https://api.example.com/v1/items?page=2&sort_key=created_at&cache_key=abc HTTP/1.1
";
    let out = redact(text);
    assert_eq!(out.text, text, "{:?}", out.rules);
    assert_eq!(out.count, 0);
    assert!(out.rules.is_empty());
}

#[test]
fn terminal_colour_codes_do_not_hide_secrets() {
    let cases = [
        (
            "\u{1b}[1mAuthorization:\u{1b}[0m Bearer abc123",
            "\u{1b}[1mAuthorization:\u{1b}[0m Bearer [REDACTED]",
        ),
        (
            "token \u{1b}[31mghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8\u{1b}[0m!",
            "token \u{1b}[31m[REDACTED]\u{1b}[0m!",
        ),
        (
            "\u{1b}[32mpassword\u{1b}[0m=hunter2",
            "\u{1b}[32mpassword\u{1b}[0m=[REDACTED]",
        ),
        ("\u{1b}[2Kplain line \u{1b}", "\u{1b}[2Kplain line \u{1b}"),
    ];
    for (input, expected) in cases {
        assert_eq!(redact(input).text, expected, "{input:?}");
    }
}

#[test]
fn realistic_evidence_without_secrets_is_untouched() {
    let text = "\
HTTP/1.1 429 Too Many Requests
x-ratelimit-remaining: 0
x-github-request-id: C0DE:1A2B:3C4D5E:6F7A8B:66680F11
Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'
Access-Control-Allow-Headers: Authorization, Content-Type, X-Api-Key, X-CSRF-Token
Link: <https://api.github.com/repositories/1/issues?page=2>; rel=\"next\"
Vary: Accept, Authorization, Cookie
Server-Timing: cdn-cache; desc=MISS, edge; dur=12
alt-svc: h3=\":443\"; ma=86400
\tat com.example.orders.OrderService.fetch(OrderService.java:142)
  File \"/app/handlers.py\", line 88, in get_token
token = client.fetch_token(url, timeout=5)
password = getpass.getpass()
TOKEN=$(vault read -field=token secret/orders)
Image: registry.example.com/orders@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
  DB_PASSWORD:  <set to the key 'password' in secret 'orders-db'>  Optional: false
SELECT * FROM tokens WHERE user_id = 42 AND expires_at > now();
jwt verification failed: token expired at 2024-06-11T10:00:00Z
correlation_id=7f3c9a2e-4b1d-4e8a-9c6f-2d5b8e1a0c47 trace_id=4bf92f3577b34da6a3ce929d0e0e4736
{\"level\":\"error\",\"msg\":\"token refresh failed\",\"error\":\"invalid_grant\"}
{\"error\":\"invalid_token\",\"error_description\":\"The access token expired\"}
see https://docs.example.com/auth#refresh-token for details
if (password.length < 12) { throw new WeakPasswordError(); }
x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7
request-context: appId=cid-v1:2c9a6b2e-2b3e-4b4a-8d6a-9f3e2c1b0a99
";
    let out = redact(text);
    assert_eq!(out.text, text, "{:?}", out.rules);
    assert_eq!(out.count, 0);
}

#[test]
fn counts_each_secret_and_each_rule() {
    let out = redact("Authorization: Bearer abc123\nCookie: sid=xyz\npassword=hunter2\n");
    assert_eq!(
        out.text,
        "Authorization: Bearer [REDACTED]\nCookie: sid=[REDACTED]\npassword=[REDACTED]\n"
    );
    assert_eq!(out.count, 3);
    assert_eq!(
        out.rules,
        vec![
            ("assignment".to_owned(), 1),
            ("authorization-header".to_owned(), 1),
            ("cookie-header".to_owned(), 1),
        ]
    );
    let out = redact("Cookie: a=1; b=2; c=3\nghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8");
    assert_eq!(out.count, 4);
    assert_eq!(
        out.rules,
        vec![
            ("cookie-header".to_owned(), 3),
            ("github-token".to_owned(), 1)
        ]
    );
}

#[test]
fn custom_patterns_redact_whole_matches() {
    let redactor =
        Redactor::with_custom(&[("acme-key".to_owned(), "(?i)acme-[0-9a-f]{32}".to_owned())])
            .unwrap();
    let out = redactor.redact("using ACME-0123456789abcdef0123456789ABCDEF for acme-short");
    assert_eq!(out.text, "using [REDACTED] for acme-short");
    assert_eq!(out.rules, vec![("acme-key".to_owned(), 1)]);
    // Found inside an encoded run too.
    let encoded = format!("blob={}", b64("key=acme-0123456789abcdef0123456789abcdef"));
    assert_eq!(redactor.redact(&encoded).text, "blob=[REDACTED]");
    // Built-ins still apply.
    assert_eq!(redactor.redact("password=x1").text, "password=[REDACTED]");
    // A pattern that can match nothing, or the marker itself, changes nothing.
    let odd = Redactor::with_custom(&[
        ("empty".to_owned(), "x*".to_owned()),
        ("marker".to_owned(), r"\[REDACTED\]|REDACTED".to_owned()),
    ])
    .unwrap();
    let out = odd.redact("abc [REDACTED] def");
    assert_eq!(out.text, "abc [REDACTED] def");
    assert_eq!(out.count, 0);
}

#[test]
fn invalid_custom_pattern_names_the_rule() {
    let err = Redactor::with_custom(&[
        ("good".to_owned(), "ok-[0-9]+".to_owned()),
        ("broken-rule".to_owned(), "(unclosed".to_owned()),
    ])
    .unwrap_err();
    assert_eq!(err.name, "broken-rule");
    assert!(!err.message.is_empty());
    let shown = err.to_string();
    assert!(
        shown.starts_with("redaction pattern `broken-rule` is not a valid regular expression: ")
    );
}

#[test]
fn redacting_twice_changes_nothing() {
    let text = "\
> Authorization: Bearer abc123
> Cookie: a=1; b=2
< Set-Cookie: sid=x; Path=/
https://u:p@h/x?access_token=zzz&key=0123456789abcdefgh
{\"password\": \"x\", \"authorization\": \"Basic Zm9vOmJhcg==\"}
password: |
  secret body
-----BEGIN PRIVATE KEY-----
MIIEvQ
-----END PRIVATE KEY-----
curl -u bob:pw -H 'X-Api-Key: k'
eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln
redirect=%2Fcb%3Ftoken%3Dabcdef
ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8
-----BEGIN EC PRIVATE KEY-----
truncated";
    let once = redact(text);
    assert!(once.count >= 15, "{once:?}");
    let twice = redact(&once.text);
    assert_eq!(twice.text, once.text);
    assert_eq!(twice.count, 0, "{:?}", twice.rules);
    assert!(twice.rules.is_empty());
}

/// A small deterministic generator (xorshift64*), so the property loop needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n as u64)).unwrap_or(0)
    }

    fn alnum(&mut self, len: usize) -> String {
        const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..len)
            .map(|_| char::from(ALNUM[self.below(ALNUM.len())]))
            .collect()
    }

    fn upper(&mut self, len: usize) -> String {
        const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        (0..len)
            .map(|_| char::from(UPPER[self.below(UPPER.len())]))
            .collect()
    }
}

const GARBAGE: &[&str] = &[
    "=",
    ":",
    "%",
    "-",
    "eyJ",
    "\n",
    "é",
    "日本",
    " ",
    "a",
    "Z",
    "9",
    "'",
    "\"",
    "&",
    "?",
    "/",
    "@",
    ";",
    ".",
    "_",
    "+",
    "%3D",
    "%2",
    "%zz",
    "==",
    "[REDACTED]",
    "[",
    "]",
    "\\",
    "{",
    "}",
    ",",
    "\t",
    "\r\n",
    "Bearer ",
    "Basic ",
    "password",
    "token",
    "key",
    "code",
    "Cookie:",
    "Authorization:",
    "-u ",
    "--token ",
    "http://",
    "AKIA",
    "ghp_",
    "xoxb-",
    "|",
    "!",
    "-----BEGIN PRIVATE KEY-----",
    "-----END PRIVATE KEY-----",
    "eyJhbGciOiJub25lIn0",
    "ZXlK",
    "ü",
    "🔑",
];

fn garbage(rng: &mut Rng) -> String {
    let len = rng.below(24);
    (0..len)
        .map(|_| GARBAGE[rng.below(GARBAGE.len())])
        .collect()
}

/// A secret planted in one of the forms the rules know: `(text, strings that must go)`.
fn plant(rng: &mut Rng, n: usize) -> (String, Vec<String>) {
    let secret = format!("CANARY{n}x{}", rng.alnum(12));
    let templates = [
        "Authorization: Bearer {s}",
        "> authorization: token {s}",
        "curl -H 'X-Api-Key: {s}' https://h",
        "Cookie: sid={s}; theme=dark",
        "Set-Cookie: sid={s}; Path=/; HttpOnly",
        "https://bob:{s}@db.internal/x",
        "GET /cb?access_token={s}&x=1",
        "{\"password\": \"{s}\"}",
        "password={s}",
        "client_secret: {s}",
        "curl -u bob:{s} https://h",
        "vault --token {s}",
        "X-Auth-Token: {s}",
        "-----BEGIN PRIVATE KEY-----\n{s}\n-----END PRIVATE KEY-----",
    ];
    let pick = rng.below(templates.len() + 8);
    if let Some(template) = templates.get(pick) {
        return (template.replace("{s}", &secret), vec![secret]);
    }
    let token = match pick - templates.len() {
        0 => format!("ghp_{}", rng.alnum(36)),
        1 => format!("AKIA{}", rng.upper(16)),
        2 => format!("xoxb-{}-{}", rng.alnum(10), rng.alnum(12)),
        3 => format!("sk_live_{}", rng.alnum(24)),
        4 => format!(
            "eyJhbGciOiJIUzI1NiJ9.eyJ{}.{}",
            rng.alnum(20),
            rng.alnum(20)
        ),
        5 => {
            let encoded = b64(&format!("{{\"password\":\"{secret}\"}}"));
            return (format!("blob {encoded}"), vec![encoded, secret]);
        }
        6 => {
            let encoded = format!("access_token%3D{secret}");
            return (format!("next={encoded}"), vec![encoded, secret]);
        }
        _ => format!("AIza{}", rng.alnum(35)),
    };
    (token.clone(), vec![token])
}

#[test]
fn garbage_never_panics_and_planted_secrets_never_survive() {
    let redactor = &*SHARED;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // REDACT_PROPERTY_CASES=200000 for a longer soak (release build recommended).
    let cases = std::env::var("REDACT_PROPERTY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    for n in 0..cases {
        let noise = garbage(&mut rng);
        let out = redactor.redact(&noise);
        let again = redactor.redact(&out.text);
        assert_eq!(again.text, out.text, "not idempotent on {noise:?}");

        let (planted, secrets) = plant(&mut rng, n);
        let text = format!("{}\n{planted}\n{}", garbage(&mut rng), garbage(&mut rng));
        let out = redactor.redact(&text);
        assert!(out.count >= 1, "nothing found in {text:?}");
        for secret in &secrets {
            assert!(
                !out.text.contains(secret.as_str()),
                "{secret} survived in {:?}",
                out.text
            );
        }
        let again = redactor.redact(&out.text);
        assert_eq!(again.text, out.text, "not idempotent on {text:?}");
        assert_eq!(again.count, 0, "counted again in {:?}", out.text);
    }
}

#[test]
fn a_long_curl_transcript_is_redacted_line_by_line() {
    use std::fmt::Write as _;

    let mut transcript = String::new();
    for i in 0..50 {
        write!(
            transcript,
            "*   Trying 10.0.3.{i}:443...\n\
             > GET /v1/items/{i}?page=2&access_token=tok{i}abcdef HTTP/2\n\
             > Host: api.example.com\n\
             > Authorization: Bearer abc{i}def456\n\
             > Cookie: session=s{i}; theme=dark\n\
             > X-Request-Id: 7f3c9a2e-4b1d-4e8a-9c6f-2d5b8e1a0c{i:02}\n\
             < HTTP/2 503\n\
             < set-cookie: sid=x{i}; Path=/; HttpOnly\n\
             < etag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"\n\
             < retry-after: 120\n"
        )
        .unwrap();
    }
    assert_eq!(transcript.lines().count(), 500);
    // How fast: `cargo bench --bench text`.
    let out = redact(&transcript);
    assert_eq!(out.count, 50 * 5);
    assert!(!out.text.contains("abc7def456"));
    assert!(
        out.text
            .contains("X-Request-Id: 7f3c9a2e-4b1d-4e8a-9c6f-2d5b8e1a0c07")
    );
}

/// The fixtures under `tests/fixtures/redaction/`: nothing from `secrets.txt` survives
/// redaction of `canary.txt`, and every line of `keep.txt` does.
#[test]
fn canary_fixture_keeps_trace_data_and_loses_every_secret() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/redaction");
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .unwrap_or_else(|err| panic!("reading {}: {err}", dir.join(name).display()))
    };
    let canary = read("canary.txt");
    let out = redact(&canary);
    let lines = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    let secrets = lines(&read("secrets.txt"));
    let keeps = lines(&read("keep.txt"));
    // Inner secrets of encoded forms are not in the text verbatim; everything else is.
    let planted = secrets
        .iter()
        .filter(|s| canary.contains(s.as_str()))
        .count();
    assert!(
        planted >= 40,
        "only {planted} listed secrets are planted in canary.txt"
    );
    for secret in &secrets {
        assert!(
            !out.text.contains(secret.as_str()),
            "secret survived: {secret}"
        );
    }
    for keep in &keeps {
        assert!(out.text.contains(keep.as_str()), "trace data lost: {keep}");
    }
    let again = redact(&out.text);
    assert_eq!(again.count, 0, "{:?}", again.rules);
}

#[test]
fn name_value_containers() {
    check_rule(
        "name-value",
        &[
            (
                r#"{"name": "x-api-key", "value": "k9Fq2LmZ8xR4tW7v"}"#,
                r#"{"name": "x-api-key", "value": "[REDACTED]"}"#,
            ),
            (
                r#"{"value": "Bearer abcDEF123456ghiJKL", "name": "Authorization"}"#,
                r#"{"value": "Bearer [REDACTED]", "name": "Authorization"}"#,
            ),
            (
                r#"{"key": "http.request.header.authorization", "value": {"stringValue": "Bearer tok_9f8e7d6c5b4a"}}"#,
                r#"{"key": "http.request.header.authorization", "value": {"stringValue": "Bearer [REDACTED]"}}"#,
            ),
            (
                r#"{"name": "sig", "value": "c2lnbmF0dXJlLXZhbHVl"}"#,
                r#"{"name": "sig", "value": "[REDACTED]"}"#,
            ),
        ],
        &[
            r#"{"name": "x-request-id", "value": "req-7f3a9c"}"#,
            r#"{"name": "Idempotency-Key", "value": "9b1e4c7a-2f3d"}"#,
            r#"{"name": "key", "value": "uploads/2026/11/invoice.pdf"}"#,
        ],
    );
    // Every cookie of a HAR cookie list.
    let har =
        r#""cookies": [{"name": "sid", "value": "a1b2c3"}, {"name": "theme", "value": "dark"}]"#;
    let out = redact(har).text;
    assert!(!out.contains("a1b2c3") && !out.contains("dark"), "{out}");
    assert!(out.contains(r#""name": "sid""#), "{out}");
}

#[test]
fn go_header_maps() {
    check_rule(
        "go-header-map",
        &[(
            "map[Accept:[*/*] Authorization:[Bearer abcdef0123456789] X-Request-Id:[r-1]]",
            "map[Accept:[*/*] Authorization:[Bearer [REDACTED]] X-Request-Id:[r-1]]",
        )],
        &["map[Accept:[*/*] X-Request-Id:[r-1]]"],
    );
    let json = redact(r#"{"Authorization":["Bearer abcdef0123456789"],"Accept":["*/*"]}"#);
    assert_eq!(
        json.text,
        r#"{"Authorization":["Bearer [REDACTED]"],"Accept":["*/*"]}"#
    );
}

#[test]
fn multipart_fields() {
    check_rule(
        "multipart-field",
        &[(
            "--b\nContent-Disposition: form-data; name=\"password\"\n\nHunter2-Winter\n--b--",
            "--b\nContent-Disposition: form-data; name=\"password\"\n\n[REDACTED]\n--b--",
        )],
        &["--b\nContent-Disposition: form-data; name=\"comment\"\n\nhello there\n--b--"],
    );
}

#[test]
fn command_line_passwords() {
    check_rule(
        "command-password",
        &[
            (
                "mysql -h db -u app -pS3cr3tPass orders",
                "mysql -h db -u app -p[REDACTED] orders",
            ),
            (
                "redis-cli -h cache -a 'r3d1s-pass' ping",
                "redis-cli -h cache -a '[REDACTED]' ping",
            ),
            (
                "docker login -u ci -p dckr_pat_abc123 registry.example.com",
                "docker login -u ci -p [REDACTED] registry.example.com",
            ),
        ],
        &["ssh -p 2222 ops@bastion", "docker run -p 8080:80 nginx"],
    );
    let cookies = redact("curl -b 'sid=abc123; csrftoken=zz99' https://x").text;
    assert_eq!(
        cookies,
        "curl -b 'sid=[REDACTED]; csrftoken=[REDACTED]' https://x"
    );
}

#[test]
fn credential_files() {
    check_rule(
        "netrc",
        &[
            (
                "machine api.example.com login ops password Xy7pQ2r",
                "machine api.example.com login ops password [REDACTED]",
            ),
            ("  password Xy7pQ2r\n", "  password [REDACTED]\n"),
        ],
        &["password must be at least 12 characters"],
    );
    check_rule(
        "pgpass",
        &[(
            "db.internal:5432:orders:app:pgS3cret!",
            "db.internal:5432:orders:app:[REDACTED]",
        )],
        &["10:42:07:123:abc def"],
    );
    check_rule(
        "cookie-jar",
        &[(
            ".example.com\tTRUE\t/\tTRUE\t1798761600\tsid\tq8Zr5Tn2Lw",
            ".example.com\tTRUE\t/\tTRUE\t1798761600\tsid\t[REDACTED]",
        )],
        &[],
    );
    check_rule(
        "table-row",
        &[(
            "Key      Value\n---      -----\nclient_secret     Tr0ub4dor&3\nttl      768h",
            "Key      Value\n---      -----\nclient_secret     [REDACTED]\nttl      768h",
        )],
        &["password    must be at least 12 characters long"],
    );
}

#[test]
fn private_key_formats() {
    let jwk = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZpt","e":"AQAB","d":"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH"}"#;
    let out = redact(jwk);
    assert!(!out.text.contains("X4cTteJY"), "{}", out.text);
    assert!(out.rules.iter().any(|(n, _)| n == "jwk-private"));
    check_rule(
        "jwk-private",
        &[],
        &[r#"{"d": "2026-11-23T09:05:00Z-long-enough"}"#],
    );
    let putty = "PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAAIGZ3b2xkY2hhaW5zZWNyZXRrZXlzZWNyZXQ=\nPrivate-MAC: 3f8a9b2c1d4e5f60718293a4b5c6d7e8\n";
    let out = redact(putty);
    assert!(!out.text.contains("AAAAIGZ3"), "{}", out.text);
    assert!(!out.text.contains("3f8a9b2c1d4e"), "{}", out.text);
    assert!(out.rules.iter().any(|(n, _)| n == "putty-key"));
}

#[test]
fn random_values_after_key_names() {
    check_rule(
        "random-after-name",
        &[("FOO_KEY=q7Zp2Lx9Rt4Vw8Ny3Bc6", "FOO_KEY=[REDACTED]")],
        &[
            "CACHE_KEY=user-profile-summary",
            "SORT_KEY=created_at_descending",
        ],
    );
}

#[test]
fn vendor_token_shapes() {
    let cases = [
        ("openai-key", "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"),
        ("anthropic-key", "sk-ant-api03-Ab3dEf6hIj9kLm2nOp5qRs8tUv1w"),
        ("huggingface-token", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz01234567"),
        (
            "age-secret-key",
            "AGE-SECRET-KEY-1QQPQZZ3KX6N5GWJ8VX4K0XL5Y7NF9W6D5YQ2HRL0SQ8N3CZ7G9QSKXK4TN",
        ),
        (
            "sendgrid-key",
            "SG.AbCdEfGhIjKlMnOpQrStUv.AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG",
        ),
        ("google-oauth-token", "ya29.a0AfH6SMBx3Zq9Lw2Rt5Yp8Nv1Kc4"),
        ("vault-token", "hvs.CAESIJ3kLm9pQr2sTu5vWx8yZa1bCd"),
        ("vendor-token", "shpat_0123456789abcdef0123456789abcdef"),
        (
            "jwt",
            "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwi",
        ),
    ];
    for (rule, token) in cases {
        let line = format!("log: got {token} from the vault");
        check_rule(rule, &[(&line, "log: got [REDACTED] from the vault")], &[]);
    }
}

#[test]
fn prose_and_paths_after_secret_words_stay_readable() {
    for kept in [
        "password: must be at least 12 characters",
        r#"{"errors": {"password": "must be at least 12 characters"}}"#,
        "Token: expired 3 min before the request",
        "GET /files?key=uploads/2026/11/invoice.pdf HTTP/1.1",
    ] {
        assert_eq!(redact(kept).text, kept);
    }
    // A secret, and only the secret: the request id after it survives.
    let out = redact("X-Api-Key: k9Fq2LmZ8xR4tW7vB3nM x-request-id=req-7f3a9c").text;
    assert_eq!(out, "X-Api-Key: [REDACTED] x-request-id=req-7f3a9c");
    // A passphrase with spaces is hidden whole.
    assert_eq!(
        redact("password = correct horse battery staple").text,
        "password = [REDACTED]"
    );
}

#[test]
fn form_fields_signature_lines_and_kubectl_secret_values() {
    check_rule(
        "form-field",
        &[(
            "user%5Bemail%5D=a%40b.io&user%5Bpassword%5D=correct+horse+battery",
            "user%5Bemail%5D=a%40b.io&user%5Bpassword%5D=[REDACTED]",
        )],
        &["user%5Bemail%5D=a%40b.io&user%5Bname%5D=Ann"],
    );
    check_rule(
        "signature-line",
        &[(
            "DEBUG - Signature:\na4e8a1bdf904db9e76022839aba0d631239b1b01c67dd94230d57611e86ce3b1\n",
            "DEBUG - Signature:\n[REDACTED]\n",
        )],
        &["Signature:\nnone"],
    );
    check_rule(
        "kubectl-secret-value",
        &[(
            "$ kubectl get secret db -o jsonpath='{.data.PGPASSWORD}'\nZTRrblRrbnJXelhDKndKMyVLeTg4RU9h\n",
            "$ kubectl get secret db -o jsonpath='{.data.PGPASSWORD}'\n[REDACTED]\n",
        )],
        &["$ kubectl get secret db -o jsonpath='{.data.PGUSER}'\nbilling_rw\n"],
    );
    check_rule(
        "terraform-state",
        &[(
            "{\"type\": \"random_password\", \"instances\": [{\"attributes\": {\"length\": 40, \"result\": \"DfR2Pa64eohZaZD8bm\"}}]}",
            "{\"type\": \"random_password\", \"instances\": [{\"attributes\": {\"length\": 40, \"result\": \"[REDACTED]\"}}]}",
        )],
        &["{\"type\": \"aws_instance\", \"result\": \"ok\"}"],
    );
    // A webhook signature header: the signatures go, the timestamp stays.
    let out = redact("Stripe-Signature: t=1797038425,v1=bac7b4a30d6d384140c44e6a51aaa165f3cf3fbb7f072b6d97a42e0eebd472ba").text;
    assert_eq!(out, "Stripe-Signature: t=1797038425,v1=[REDACTED]");
    // ngrep's `..` line breaks: each header is read on its own.
    let out = redact("GET /x HTTP/1.1..Host: a..Authorization: Bearer 2GYlBXnyav3pfZHvvlRgZnLO..Cookie: affinity=9f99d7dd14d2..X-Request-Id: r-1..").text;
    assert!(
        !out.contains("9f99d7dd14d2") && !out.contains("2GYlBXny"),
        "{out}"
    );
    assert!(out.contains("X-Request-Id: r-1"), "{out}");
}

#[test]
fn curl_user_passwords_in_any_quoting_never_panic() {
    for (input, expected) in [
        (
            "curl -u 'admin':Passwort§ https://x",
            "curl -u 'admin':[REDACTED] https://x",
        ),
        (
            "curl -u 'admin':hunter2pass https://x",
            "curl -u 'admin':[REDACTED] https://x",
        ),
        (
            "curl -u 'admin:hunter2' https://x",
            "curl -u 'admin:[REDACTED]' https://x",
        ),
        (
            "curl -u admin:'pass word' https://x",
            "curl -u admin:'[REDACTED]' https://x",
        ),
        (
            "curl -u \"é:ü\" https://x",
            "curl -u \"é:[REDACTED]\" https://x",
        ),
    ] {
        assert_eq!(redact(input).text, expected, "{input}");
    }
}

#[test]
fn name_value_pairs_in_either_order_and_case() {
    for input in [
        r#"{"Value":"q8Zt2pLmN4","Name":"X-Api-Key"}"#,
        r#"{"value"   :   "hunter2pass","name":"password"}"#,
        r#"{"name": "Authorization", "value": "Bearer é-q8Zt2pLmN4abcdef"}"#,
    ] {
        let out = redact(input).text;
        assert!(
            !out.contains("q8Zt2pLmN4") && !out.contains("hunter2pass"),
            "{out}"
        );
    }
}

#[test]
fn a_secret_wrapped_once_at_80_columns_loses_its_tail_too() {
    let key =
        "k9Fq2LmZ8xR4tW7vB3nMq8Zt2pLmN4rT6vB9yWk9Fq2LmZ8xR4tW7vB3nMq8Zt2pLmN4rT6vB9yWabcdefghijk";
    let line = format!("> X-Api-Key: {key}");
    let (first, tail) = line.split_at(80);
    let out = redact(&format!("{first}\n{tail}\n> Accept: */*\n")).text;
    assert!(!out.contains(&tail[..10]), "{out}");
    assert!(out.contains("> Accept: */*"), "{out}");
    // A short line's next word is not a tail.
    let out = redact("password=abc123xyz\nnext\n").text;
    assert!(out.contains("\nnext\n"), "{out}");
}

#[test]
fn words_that_only_look_like_credentials_stay() {
    for kept in [
        "<title>Auth Service Unavailable</title>",
        "customer asked for a password reset",
        "Field password invalid",
        "http://localhost:8080?email=bob@example.com",
        "commit_hash=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
    ] {
        assert_eq!(redact(kept).text, kept);
    }
    assert_eq!(
        redact("127.0.0.1:6379> AUTH default s3cretPass").text,
        "127.0.0.1:6379> AUTH default [REDACTED]"
    );
}
