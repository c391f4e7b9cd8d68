//! Tests of the credential check: JWT claims, challenges and the findings' words and order.

use base64::Engine as _;
use jiff::Timestamp;

use super::challenge::parse_challenges;
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
