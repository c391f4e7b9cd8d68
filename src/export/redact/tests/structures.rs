//! Name/value containers, command lines, credential files, wrapped values, and the precision
//! cases: prose, paths, hashes and ports that only look like secrets.

use super::*;

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
