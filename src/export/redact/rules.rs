//! The rule tables: which names, schemes and shapes mark a secret, in the order they run.

use super::{MIN_BASE64_RUN, Regex, header_pattern};

/// Authorization schemes whose credential is one token: only that token is redacted.
pub(super) const SINGLE_TOKEN_SCHEMES: &[&str] = &[
    "bearer",
    "basic",
    "token",
    "negotiate",
    "ntlm",
    "apikey",
    "api-key",
    "key",
    "bot",
    "jwt",
    "sso-key",
    "dpop",
];

/// Other authorization scheme names: kept, everything after them is redacted.
pub(super) const OTHER_SCHEMES: &[&str] = &[
    "digest",
    "aws4-hmac-sha256",
    "oauth",
    "hoba",
    "mutual",
    "vapid",
    "scram-sha-1",
    "scram-sha-256",
    "gnap",
    "privatetoken",
];

/// Words of a PEM armor line, left behind when a rule cut one in two.
pub(super) const ARMOR_WORDS: &[&str] = &[
    "BEGIN",
    "END",
    "PRIVATE",
    "KEY",
    "BLOCK",
    "OPENSSH",
    "ENCRYPTED",
];

/// Words before `token` that make it a page cursor, not a credential (`next_page_token`).
pub(super) const PAGING_WORDS: &[&str] = &[
    "page",
    "next",
    "continuation",
    "pagination",
    "cursor",
    "sync",
    "resume",
];

/// Words before `key` in a header name that make it an identifier, not a credential.
pub(super) const PUBLIC_KEY_WORDS: &[&str] = &[
    "idempotency",
    "cache",
    "websocket",
    "socket",
    "partition",
    "routing",
    "sort",
    "primary",
    "foreign",
    "dedup",
    "dedupe",
    "deduplication",
    "public",
    "request",
    "correlation",
    "trace",
];

/// A field name that holds a secret: any prefix, then one of these endings. `cache_key`,
/// `sort_key`, `token_type`, `tokens_used` and `password_reset` do not match. `PagerDuty`'s
/// `routing_key`, `integration_key` (`integrationKey`) and Events v1 `service_key` do: they
/// let anyone page the team, whatever their value looks like.
pub(super) const KEY: &str = r"(?:[a-z0-9_.\-]*?(?:pass(?:word|wd|phrase)|secret|token|credentials?|authorization|cookie|apikey|secret_key_base|(?:api|private|secret|access|account|master|signing|encryption|client|subscription|session|shared|hmac|app|license|storage|functions|consumer|webhook|auth|routing|integration|service)[_.\-]?key)|[a-z0-9_.\-]*[_.\-](?:pass|pwd)|passwd|[a-z0-9_.\-]*?[xc]srf(?:[_.\-]?token)?|(?:[a-z0-9_.\-]*[_.\-])?auth|[a-z0-9_.\-]*?signature|private[_.\-]?key[_.\-]?id|[a-z0-9_.\-]*?accessor|lease[_.\-]?id|(?:backup|recovery|otp|mfa|totp|verification)[_.\-]?codes?|[a-z0-9_.\-]*?session[_.\-]?id|sessionid|secret[_.\-]?id)[0-9]{0,2}";

/// A JSON, Python or inline-YAML value: double-quoted, single-quoted, JSON-escaped, or bare.
pub(super) const JSON_VALUE: &str = r#"(?:"((?:[^"\\\r\n]|\\.)*)"|b?'((?:[^'\\\r\n]|\\.)*)'|\\"([^"\\\r\n]*)\\"|([^\s,;}\]"'\\{\[][^\s,;}\]"'\\]*))"#;

/// A `key=value` value: quoted, or bare up to whitespace, `&`, `;`, quote or angle bracket.
pub(super) const ASSIGNED_VALUE: &str =
    r#"(?:"((?:[^"\\\r\n]|\\.)*)"|'([^'\r\n]*)'|([^\s&;"'<>=][^\s&;"'<>]*))"#;

/// A command-line flag's value: quoted, or one word that is not the next flag.
pub(super) const FLAG_VALUE: &str =
    r#"(?:"((?:[^"\\\r\n]|\\.)*)"|'([^'\r\n]*)'|([^\s'"\-][^\s'"]*))"#;

/// Names of query parameters whose value is a credential (`key` and `code` only when long).
pub(super) const QUERY_NAMES: &str = r"access_token|access-token|id_token|refresh_token|session_token|token|auth|api_key|api-key|apikey|key|client_secret|secret|password|passwd|pwd|signature|sig|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|code|sessionid|session_id|jsessionid";

/// Header names (ending `-token`, `-key`, `-secret` or `apikey`) whose value is a credential.
pub(super) const KEY_HEADER_NAME: &str = r"(?:[a-z0-9]+-)+[a-z0-9]*(?:token|key|secret|signature)(?:-256)?|(?:[a-z0-9]+-)*[a-z0-9]*apikey|x-session-id|session-id|x-honeycomb-team|x-auth|x-csrftoken|x-xsrf-token|x-vault-token|x-api-secret|private-token|x-shopify-access-token";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The whole match is the secret.
    Whole,
    /// One capture group is the secret.
    Group(usize),
    /// The first capture group that matched is the secret.
    AnyGroup,
    /// The password of a URL's user info (group 1), unless it is a port (`host:8080@`).
    UrlPassword,
    /// The body between a private key's BEGIN line and its END line (or the end of the text).
    PrivateKey,
    /// A percent-encoded run whose decoded text holds a secret.
    Percent,
    /// A base64 run whose decoded text holds a secret or `user:password`.
    Base64,
    /// An `Authorization:` value after its scheme.
    AuthHeader,
    /// `Cookie:` values, `Set-Cookie:` value (attributes kept).
    Cookie,
    /// The value of a `*-token` / `*-key` / `*-secret` header.
    KeyHeader,
    /// The password of `curl -u user:password`.
    CurlUser,
    /// A credential query parameter: group 1 name, group 2 value.
    QueryParam,
    /// A secret-named field: group 1 the name, the first other group that matched the value.
    Field,
    /// A YAML `key: value` at the start of a line: group 1 indent, 2 name, 3 the rest.
    YamlField,
    /// `Bearer <token>` anywhere.
    Bearer,
    /// `Basic <base64 of user:password>` anywhere.
    Basic,
    /// A `{"name": N, "value": V}` pair (HAR, OpenTelemetry, key/value lists): group 1 the
    /// name, group 2 the value when the name is a secret's.
    NameValue,
    /// The same pair written value first: group 1 the value, group 2 the name.
    ValueName,
    /// A `"cookies": [...]` list (HAR): every `"value"` in group 1.
    CookieList,
    /// A header's list of cookie strings (`'set-cookie': ['a=1; Path=/', 'b=2']`): group 1
    /// the header name, group 2 the list.
    CookieArray,
    /// A cookie list given on a command line (`curl -b 'a=b; c=d'`): group 1.
    CookieArg,
    /// A value after a secret-sounding name that only counts when it looks random (`*_KEY`):
    /// group 1 the name, group 2 the value.
    RandomValue,
    /// Group 1 to the end of the line, when it is not prose: `password = correct horse`.
    RestOfLine,
    /// A private JWK (`"kty"` with `"d"`): group 1 a private member's value.
    JwkPrivate,
    /// The private lines of a `PuTTY` key file: group 1 the block.
    PuttyPrivate,
}

#[derive(Debug, Clone)]
pub(super) struct Rule {
    pub(super) name: String,
    pub(super) regex: Regex,
    pub(super) kind: Kind,
}

/// The built-in rules, in the order they run: `(name, pattern, kind)`.
///
/// Private keys go first (their bodies look like anything), then encoded runs (so a run is
/// replaced whole), then JWTs, then rules that keep a name or scheme for context, then bare
/// token formats, and last base64 runs, which only ever hide something the other rules missed.
pub(super) fn builtin_specs() -> Vec<(&'static str, String, Kind)> {
    let mut specs = context_specs();
    specs.extend(token_specs());
    specs
}

/// Rules that find a secret by what surrounds it: armor, encoding, a header, a URL, a field
/// name. They run first, and keep that context readable.
pub(super) fn context_specs() -> Vec<(&'static str, String, Kind)> {
    vec![
        (
            "private-key",
            r"-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----".to_owned(),
            Kind::PrivateKey,
        ),
        (
            "percent-encoded",
            r"[A-Za-z0-9._~+%\-]*%[0-9A-Fa-f]{2}[A-Za-z0-9._~+%\-]*".to_owned(),
            Kind::Percent,
        ),
        (
            "jwt",
            r"eyJ[A-Za-z0-9_\-]{5,}\.(?:eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*|[A-Za-z0-9_\-]*\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})".to_owned(),
            Kind::Whole,
        ),
        (
            "name-value",
            r#"(?i)"(?:name|key)"[ \t]*:[ \t]*"([^"\r\n]{1,120})"[ \t]*,[ \t\r\n]*"value"[ \t]*:(?:\s|[{\[]|"[a-z]+"[ \t]*:)*"((?:[^"\\\r\n]|\\.)*)""#.to_owned(),
            Kind::NameValue,
        ),
        (
            "name-value",
            r#"(?i)"value"[ \t]*:[ \t]*"((?:[^"\\\r\n]|\\.)*)"[ \t]*,[ \t\r\n]*"name"[ \t]*:[ \t]*"([^"\r\n]{1,120})""#.to_owned(),
            Kind::ValueName,
        ),
        (
            "cookie-header",
            r#"(?i)"cookies"[ \t]*:[ \t]*\[([^\]]*)\]"#.to_owned(),
            Kind::CookieList,
        ),
        (
            "go-header-map",
            format!(r"(?i)(?:map\[|[ \t])((?:{KEY})|{KEY_HEADER_NAME}):\[([^\]\r\n]*)\]"),
            Kind::Field,
        ),
        (
            "authorization-header",
            header_pattern(r"(?:proxy-)?authorization"),
            Kind::AuthHeader,
        ),
        ("cookie-header", header_pattern(r"(?:set-)?cookie"), Kind::Cookie),
        ("key-header", header_pattern(KEY_HEADER_NAME), Kind::KeyHeader),
        (
            "curl-user",
            r#"(?m)(?:^|[ \t])(?:-u[ \t]*|-U[ \t]*|--(?:proxy-)?user(?:[ \t]+|=)|-E[ \t]+|--cert(?:[ \t]+|=)|(?:-a|--auth)(?:[ \t]+|=))((?:'[^'\r\n]*'|"[^"\r\n]*"|[^\s'"])+)"#.to_owned(),
            Kind::CurlUser,
        ),
        (
            "url-password",
            r#"(?i)(?-u:\b)[a-z][a-z0-9+.\-]*://[^\s:/?#@'"<>\[\]]*:([^\s/?'"<>]*)@"#.to_owned(),
            Kind::UrlPassword,
        ),
        (
            "query-param",
            format!(r#"(?i)(?:&amp;|[?&#;])({QUERY_NAMES})=([^&#\s"'<>]+)"#),
            Kind::QueryParam,
        ),
        (
            "aws-secret-key",
            r#"(?i)(?:aws_?)?secret_?access_?key\\?["']?[ \t]*[:=][ \t]*\\?["']?([A-Za-z0-9/+=]{16,})"#.to_owned(),
            Kind::Group(1),
        ),
        (
            "multipart-field",
            format!(
                r#"(?i)content-disposition:[ \t]*form-data;[ \t]*name="({KEY})"[^\n]*\n(?:[a-z\-]+:[^\n]*\n)*[ \t]*\n([^\r\n]+)"#
            ),
            Kind::Field,
        ),
        (
            "cookie-header",
            r#"(?m)(?:^|[ \t])(?:-b|--cookie)(?:[ \t]+|=)(\^"[^"\r\n]*\^"|'[^'\r\n]*'|"[^"\r\n]*"|[^\s'"]+)"#.to_owned(),
            Kind::CookieArg,
        ),
        (
            "command-password",
            r#"(?m)\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump|mysqlsh)\b[^\n]*?[ \t](?:-p|--password=)(?:'([^'\r\n]*)'|"([^"\r\n]*)"|([^\s'"]+))"#.to_owned(),
            Kind::AnyGroup,
        ),
        (
            "command-password",
            r#"(?m)\b(?:redis-cli\b[^\n]*?[ \t](?:-a|--pass)|sshpass\b[^\n]*?[ \t]-p)[ \t]+(?:'([^'\r\n]*)'|"([^"\r\n]*)"|([^\s'"]+))"#.to_owned(),
            Kind::AnyGroup,
        ),
        (
            "command-password",
            r#"(?m)\b(?:docker|podman|nerdctl|helm|oras|skopeo|buildah)\b[^\n]*?\blogin\b[^\n]*?[ \t](?:-p|--password)(?:[ \t]+|=)(?:'([^'\r\n]*)'|"([^"\r\n]*)"|([^\s'"]+))"#.to_owned(),
            Kind::AnyGroup,
        ),
        (
            "command-password",
            r"(?m)^[^\s>]*(?::\d+|redis[^\s>]*)>[ \t]*(?:AUTH|auth)[ \t]+(?:[^\s]+[ \t]+)?([^\s]+)[ \t]*$".to_owned(),
            Kind::Group(1),
        ),
        (
            "netrc",
            r"(?im)^(?:[ \t]*|[^\n]*\b(?:machine|default|login)\b[^\n]*?[ \t])(?:password|passwd)[ \t]+([^\s=:]\S*)(?:[ \t]*$|[ \t]+(?:machine|login|account|default|macdef)\b)".to_owned(),
            Kind::Group(1),
        ),
        (
            "pgpass",
            r"(?m)^[^:\s#]+:(?:\d{1,5}|\*):[^:\s]+:[^:\s]+:(\S+)$".to_owned(),
            Kind::Group(1),
        ),
        (
            "cookie-jar",
            r"(?m)^(?:#HttpOnly_)?[^\t\n#][^\t\n]*\t(?:TRUE|FALSE)\t[^\t\n]*\t(?:TRUE|FALSE)\t\d+\t[^\t\n]+\t([^\t\n]+)$".to_owned(),
            Kind::Group(1),
        ),
        (
            "cookie-header",
            r#"(?i)["']?((?:set-)?cookie)["']?[ \t]*:[ \t]*\[([^\]]*)\]"#.to_owned(),
            Kind::CookieArray,
        ),
        (
            "name-value",
            r#"(?i)['"]((?:set-)?cookie|(?:proxy-)?authorization|x-[a-z0-9-]*(?:token|key|secret|signature)|[a-z0-9-]*api-?key)['"],\s*['"]((?:[^'"\\\r\n]|\\.)*)['"]"#.to_owned(),
            Kind::NameValue,
        ),
        (
            "form-field",
            format!(r#"(?i)(?:%5B|\[)({KEY})(?:%5D|\])=([^&\s'"]+)"#),
            Kind::Field,
        ),
        (
            "terraform-state",
            r#"(?s)"type":[ \t]*"random_(?:password|string)".{0,600}?"(?:result|bcrypt_hash)":[ \t]*"((?:[^"\\\r\n]|\\.)+)""#.to_owned(),
            Kind::Group(1),
        ),
        (
            "signature-line",
            r"(?im)\bsignature:[ \t]*\n[ \t]*([0-9a-f]{40,})".to_owned(),
            Kind::Group(1),
        ),
        (
            "kubectl-secret-value",
            format!(r#"(?im)jsonpath=['"]?\{{\.data\.({KEY})\}}['"]?[^\n]*\n([^\s]+)"#),
            Kind::Field,
        ),
        (
            "vendor-token",
            r"(?-u:\b)AC[0-9a-f]{32}:([0-9a-f]{32})(?-u:\b)".to_owned(),
            Kind::Group(1),
        ),
        (
            "jwk-private",
            r#""(?:d|p|q|dp|dq|qi|k)"[ \t]*:[ \t]*"([A-Za-z0-9_\-]{16,})""#.to_owned(),
            Kind::JwkPrivate,
        ),
        (
            "putty-key",
            r"(?m)^Private-Lines:[ \t]*\d+[ \t]*\n((?:[A-Za-z0-9+/=]{8,}[ \t]*(?:\n|\z))+)".to_owned(),
            Kind::PuttyPrivate,
        ),
        (
            "putty-key",
            r"(?m)^Private-MAC:[ \t]*([0-9a-fA-F]{16,})".to_owned(),
            Kind::Group(1),
        ),
        (
            "json-field",
            format!(r#"(?i)\\?["']({KEY}|{KEY_HEADER_NAME})\\?["'][ \t]*(?::|=>?)[ \t]*(?:\[\]string\{{|\[\s*)?{JSON_VALUE}"#),
            Kind::Field,
        ),
        (
            "json-field",
            format!(r"(?i)[{{,][ \t]*({KEY})[ \t]*(?::|=>)[ \t]*{JSON_VALUE}"),
            Kind::Field,
        ),
        (
            "assignment",
            format!(r#"(?im)^[ \t]*(?:export[ \t]+|set[ \t]+)?({KEY})[ \t]+=[ \t]+([^"'\s][^\r\n]*)"#),
            Kind::RestOfLine,
        ),
        (
            "assignment",
            format!(r"(?im)(?:^|[^a-z0-9_.\-])({KEY})[ \t]*=[ \t]*{ASSIGNED_VALUE}"),
            Kind::Field,
        ),
        (
            "table-row",
            format!(r"(?im)^[ \t]*({KEY})[ \t]{{2,}}([^\s=:][^\r\n]*?)[ \t]*$"),
            Kind::Field,
        ),
        (
            "random-after-name",
            r#"(?im)(?:^|[^a-z0-9_.\-])([a-z0-9_.\-]*(?:key|secret|token|pass|pwd|salt|seed|signature|sig|dsn|credential))["']?[ \t]*(?:=|:|=>)[ \t]*["']?([A-Za-z0-9+/=_.~\-]{16,})"#.to_owned(),
            Kind::RandomValue,
        ),
        (
            "yaml-field",
            format!(r"(?im)^([ \t]*)(?:-[ \t]+|[<>][ \t]*)?({KEY})[ \t]*:[ \t]*([^\r\n]*)"),
            Kind::YamlField,
        ),
        (
            "cli-flag",
            format!(
                r"(?im)(?:^|[ \t])--((?:client-)?secret|pass(?:word|wd)?|(?:api|access|auth)-?(?:key|token)|token|oauth2-bearer|bearer)[ \t]+{FLAG_VALUE}"
            ),
            Kind::Field,
        ),
    ]
}

/// Rules that find a secret by its own shape (a token format, `Bearer`/`Basic` in free text,
/// an encoded blob), wherever it stands.
pub(super) fn token_specs() -> Vec<(&'static str, String, Kind)> {
    vec![
        (
            "slack-webhook",
            r"(?i)hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/+\-]+)".to_owned(),
            Kind::Group(1),
        ),
        (
            "aws-access-key-id",
            r"(?-u:\b)(?:AKIA|ASIA)[A-Z0-9]{16}(?-u:\b)".to_owned(),
            Kind::Whole,
        ),
        (
            "github-token",
            r"(?-u:\b)(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})(?-u:\b)"
                .to_owned(),
            Kind::Whole,
        ),
        (
            "gitlab-token",
            r"(?-u:\b)glpat-[A-Za-z0-9_\-]{20,}".to_owned(),
            Kind::Whole,
        ),
        (
            "slack-token",
            r"(?-u:\b)(?:xox[abposre]-[A-Za-z0-9\-]{10,}|xapp-[0-9]+-[A-Za-z0-9\-]{10,})"
                .to_owned(),
            Kind::Whole,
        ),
        (
            "stripe-key",
            r"(?-u:\b)(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9+/=]{16,})"
                .to_owned(),
            Kind::Whole,
        ),
        (
            "google-api-key",
            r"(?-u:\b)AIza[0-9A-Za-z_\-]{35}".to_owned(),
            Kind::Whole,
        ),
        (
            "openai-key",
            r"(?-u:\b)sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{20,}|(?-u:\b)sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|(?-u:\b)sk-[A-Za-z0-9]{40,}(?-u:\b)".to_owned(),
            Kind::Whole,
        ),
        (
            "anthropic-key",
            r"(?-u:\b)sk-ant-[A-Za-z0-9_\-]{20,}".to_owned(),
            Kind::Whole,
        ),
        (
            "huggingface-token",
            r"(?-u:\b)hf_[A-Za-z0-9]{30,}(?-u:\b)".to_owned(),
            Kind::Whole,
        ),
        (
            "age-secret-key",
            r"AGE-SECRET-KEY-1[0-9A-Z]{50,}".to_owned(),
            Kind::Whole,
        ),
        (
            "sendgrid-key",
            r"(?-u:\b)SG\.[A-Za-z0-9_\-]{16,32}\.[A-Za-z0-9_\-]{30,50}".to_owned(),
            Kind::Whole,
        ),
        (
            "google-oauth-token",
            r"(?-u:\b)ya29\.[A-Za-z0-9_\-]{20,}|(?-u:\b)1//0[A-Za-z0-9_\-]{30,}".to_owned(),
            Kind::Whole,
        ),
        (
            "vault-token",
            r"(?-u:\b)hv[sbr]\.[A-Za-z0-9_\-]{20,}|(?-u:\b)[sbr]\.[A-Za-z0-9]{24}(?-u:\b)".to_owned(),
            Kind::Whole,
        ),
        (
            "vendor-token",
            r"(?-u:\b)(?:shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|dop_v1_[a-f0-9]{64}|pypi-AgE[A-Za-z0-9_\-]{50,}|sq0(?:atp|csp)-[A-Za-z0-9_\-]{22,}|glrt-[A-Za-z0-9_\-]{20,}|xox[a-z]-[A-Za-z0-9\-]{10,}|key-[0-9a-f]{32}|SK[0-9a-f]{32}|dp\.(?:st|ct|sa|scim|audit)\.[A-Za-z0-9_\-]{20,}|lin_api_[A-Za-z0-9]{30,}|figd_[A-Za-z0-9_\-]{30,}|ATATT3[A-Za-z0-9_\-=]{50,}|EAA[A-Za-z0-9]{80,}|rubygems_[a-f0-9]{48}|hvs_[A-Za-z0-9]{20,})(?-u:\b)".to_owned(),
            Kind::Whole,
        ),
        (
            "jwt",
            r"(?-u:\b)eyJ(?:hbGciOi|0eXAiOi|raWQiOi|jdHkiOi|lbmMiOi)[A-Za-z0-9_\-]{6,}\.[A-Za-z0-9_\-]{10,}(?:\.[A-Za-z0-9_\-]*)?".to_owned(),
            Kind::Whole,
        ),
        (
            "npm-token",
            r"(?-u:\b)npm_[A-Za-z0-9]{36}(?-u:\b)".to_owned(),
            Kind::Whole,
        ),
        (
            "bearer-token",
            r"(?i)(?-u:\b)bearer[ \t]+([A-Za-z0-9._~+/\-]{16,}=*)".to_owned(),
            Kind::Bearer,
        ),
        (
            "basic-credentials",
            r"(?i)(?-u:\b)basic[ \t]+([A-Za-z0-9+/]{6,}={0,2})".to_owned(),
            Kind::Basic,
        ),
        (
            "base64-encoded",
            format!(r"[A-Za-z0-9+/_\-]{{{MIN_BASE64_RUN},}}={{0,2}}"),
            Kind::Base64,
        ),
    ]
}
