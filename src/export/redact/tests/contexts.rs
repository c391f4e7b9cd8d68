//! Secrets found by what surrounds them: armor, encodings, headers, URLs, fields, flags.

use super::*;

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
fn pagerduty_keys_go_whatever_they_look_like() {
    // A routing key pages the team: gone even when it reads like a word (PagerDuty's docs
    // write `samplekeyhere`); a dedup key is the alert's id and stays.
    check_rule(
        "json-field",
        &[
            (
                r#"{"routing_key": "samplekeyhere", "event_action": "trigger"}"#,
                r#"{"routing_key": "[REDACTED]", "event_action": "trigger"}"#,
            ),
            (
                r#"{"integrationKey": "orderskey", "severity": "critical"}"#,
                r#"{"integrationKey": "[REDACTED]", "severity": "critical"}"#,
            ),
            (
                r#"{"service_key": "orderspager", "incident_key": "x"}"#,
                r#"{"service_key": "[REDACTED]", "incident_key": "x"}"#,
            ),
        ],
        &[r#"{"dedup_key": "orders-api/503", "event_action": "resolve"}"#],
    );
    let yaml = redact("pagerduty_configs:\n  - routing_key: samplekeyhere\n");
    assert!(!yaml.text.contains("samplekeyhere"), "{}", yaml.text);
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
