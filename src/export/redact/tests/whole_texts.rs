//! Whole texts: trace data that must survive, colour codes, counts, custom patterns, a fixed
//! point, random garbage with planted secrets, the canary fixture.

use super::*;

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
