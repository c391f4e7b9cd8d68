//! Secret redaction: owns the rules that decide what in evidence text must never leave the
//! terminal (escalation bundles, the clipboard, exports) and what trace data stays readable.
//!
//! A [`Redactor`] runs an ordered list of rules over the text. Each rule finds the *value* part
//! of a secret (a header value after its scheme, a cookie value, the password of a URL, a JSON
//! field's string) and replaces only that part with [`MARK`], so header names, schemes, cookie
//! names, user names and trace ids survive. Percent-encoded and base64 runs are decoded and
//! checked with the same rules; a run whose decoded text holds a secret is replaced whole.
//!
//! Every built-in regular expression is compiled once per process, by the first
//! [`Redactor::new`]; the `regex` crate matches
//! in time linear in the input, so no evidence can make redaction slow. Redacting is idempotent:
//! a [`MARK`] is never replaced or counted again, and [`Redactor::redact`] runs the rules over
//! its own output until nothing more turns up. Terminal colour codes glued to a name or a token
//! do not hide it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use percent_encoding::percent_decode_str;
use regex::{Captures, Match, Regex};

/// The marker that replaces a secret.
pub const MARK: &str = "[REDACTED]";

/// What redacting a text gave: the redacted text and how many secrets each rule hid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redacted {
    /// The redacted text.
    pub text: String,
    /// How many secrets were replaced.
    pub count: usize,
    /// Per rule name, how many secrets it replaced: sorted by name, only rules that hit.
    pub rules: Vec<(String, usize)>,
}

/// A runbook's redaction pattern that does not compile.
#[derive(Debug, thiserror::Error)]
#[error("redaction pattern `{name}` is not a valid regular expression: {message}")]
pub struct PatternError {
    /// The runbook's name for the pattern.
    pub name: String,
    /// What the regex compiler said.
    pub message: String,
}

/// Replaces secrets in evidence text with [`MARK`]; built once, used for every export.
#[derive(Debug, Clone)]
pub struct Redactor {
    rules: Vec<Rule>,
}

impl Default for Redactor {
    fn default() -> Self {
        Self::new()
    }
}

impl Redactor {
    /// The built-in rules.
    #[must_use]
    pub fn new() -> Self {
        // Compiling the rules takes about 10 ms and every export preview wants a redactor:
        // compile once per process, and share the compiled rules (a `Regex` clone is cheap).
        static BUILTIN: OnceLock<Vec<Rule>> = OnceLock::new();
        let rules = BUILTIN.get_or_init(|| {
            // A built-in pattern that does not compile is a programming error that the unit
            // tests catch; at run time such a rule is skipped rather than taking the program
            // down.
            builtin_specs()
                .into_iter()
                .filter_map(|(name, pattern, kind)| {
                    Regex::new(&pattern).ok().map(|regex| Rule {
                        name: name.to_owned(),
                        regex,
                        kind,
                    })
                })
                .collect()
        });
        Self {
            rules: rules.clone(),
        }
    }

    /// How many rules are in force.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// The built-in rules plus a runbook's own `(name, regex pattern)`; each match of a custom
    /// pattern is replaced whole, and counted under the runbook's name. Custom patterns run
    /// before the generic rules, and also inside decoded percent-encoded and base64 runs.
    ///
    /// # Errors
    /// A [`PatternError`] naming the first pattern that is not a valid regular expression.
    pub fn with_custom(custom: &[(String, String)]) -> Result<Self, PatternError> {
        let mut redactor = Self::new();
        let mut own = Vec::with_capacity(custom.len());
        for (name, pattern) in custom {
            let regex = Regex::new(pattern).map_err(|err| PatternError {
                name: name.clone(),
                message: err.to_string(),
            })?;
            own.push(Rule {
                name: name.clone(),
                regex,
                kind: Kind::Whole,
            });
        }
        // A runbook's rules run right after private-key blocks, before the generic rules, so
        // their hits are credited to them and are found inside encoded runs too.
        let at = redactor
            .rules
            .iter()
            .position(|rule| rule.kind != Kind::PrivateKey)
            .unwrap_or(redactor.rules.len());
        redactor.rules.splice(at..at, own);
        Ok(redactor)
    }

    /// Returns `text` with every secret the rules find replaced by [`MARK`].
    ///
    /// The rules run again over their own output until nothing more is found (a replacement
    /// can change how an earlier rule reads a line), so redacting the result again changes
    /// nothing. Text without secrets is read once.
    #[must_use]
    pub fn redact(&self, text: &str) -> Redacted {
        let mut total = self.run(text, 0);
        let mut last_count = total.count;
        for _ in 1..MAX_PASSES {
            if last_count == 0 {
                break;
            }
            let next = self.run(&total.text, 0);
            last_count = next.count;
            if next.count == 0 {
                break;
            }
            total.text = next.text;
            total.count += next.count;
            for (name, hits) in next.rules {
                match total
                    .rules
                    .binary_search_by(|(have, _)| have.as_str().cmp(&name))
                {
                    Ok(at) => total.rules[at].1 += hits,
                    Err(at) => total.rules.insert(at, (name, hits)),
                }
            }
        }
        total
    }

    fn run(&self, text: &str, depth: usize) -> Redacted {
        let mut current = text.to_owned();
        // A terminal colour code glued to a header name or a token (`\x1b[31mghp_...`) would
        // hide it from the rules' word boundaries, so the rules read a copy with every escape
        // sequence blanked; the offsets are the same, and the spans go into both.
        let mut view = blank_escapes(&current);
        let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
        for rule in &self.rules {
            if depth >= MAX_DEPTH && matches!(rule.kind, Kind::Percent | Kind::Base64) {
                continue;
            }
            let spans = self.spans(rule, view.as_deref().unwrap_or(&current), depth);
            if spans.is_empty() {
                continue;
            }
            *tally.entry(rule.name.as_str()).or_default() += spans.len();
            current = splice(&current, &spans);
            if let Some(blanked) = view.as_mut() {
                *blanked = splice(blanked, &spans);
            }
        }
        Redacted {
            text: current,
            count: tally.values().sum(),
            rules: tally
                .into_iter()
                .map(|(name, hits)| (name.to_owned(), hits))
                .collect(),
        }
    }

    /// The byte ranges of `text` that `rule` replaces: sorted and disjoint.
    ///
    /// A [`MARK`] already in the text is never replaced again, nor is a private key's BEGIN
    /// or END line (it delimits a block for the next run): a span that overlaps one is cut
    /// into the pieces around it. Beside a [`MARK`], only pieces that still hold something
    /// worth hiding are kept. That makes redaction idempotent, and keeps a value that an
    /// earlier rule redacted in part (`"password": "x <jwt>"`) from leaking the rest.
    fn spans(&self, rule: &Rule, text: &str, depth: usize) -> Vec<Range<usize>> {
        let mut found = Vec::new();
        for caps in rule.regex.captures_iter(text) {
            self.collect(rule.kind, &caps, text, depth, &mut found);
        }
        if found.is_empty() {
            return found;
        }
        let marks: Vec<Range<usize>> = text
            .match_indices(MARK)
            .map(|(at, mark)| at..at + mark.len())
            .collect();
        let mut protected = marks.clone();
        if rule.kind != Kind::PrivateKey {
            // A block's body may hold a mismatched END line; every other rule leaves them be.
            protected.extend(armor_lines(text));
        }
        let protected = union(protected);
        let mut pieces = Vec::with_capacity(found.len());
        for span in found {
            // Punctuation alone (`=`, `;`) hides nothing and is structure another rule reads.
            if !text[span.clone()].chars().any(char::is_alphanumeric) {
                continue;
            }
            // Looked up by binary search: text redacted once holds a mark per secret, and
            // thousands of secrets times thousands of marks would stall the export.
            let hits = overlapping(&protected, &span);
            if hits.is_empty() {
                pieces.push(span);
                continue;
            }
            let beside_mark = !overlapping(&marks, &span).is_empty();
            let keep = |piece: Range<usize>| {
                if beside_mark {
                    substantial_piece(text, piece)
                } else {
                    trim_range(text, piece)
                        .filter(|piece| text[piece.clone()].chars().any(char::is_alphanumeric))
                }
            };
            let mut at = span.start;
            for range in hits {
                if range.start > at {
                    pieces.extend(keep(at..range.start));
                }
                at = at.max(range.end);
            }
            if at < span.end {
                pieces.extend(keep(at..span.end));
            }
        }
        pieces.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
        let mut kept: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
        for span in pieces {
            if kept.last().is_none_or(|last| span.start >= last.end) {
                kept.push(span);
            }
        }
        kept
    }

    fn collect(
        &self,
        kind: Kind,
        caps: &Captures<'_>,
        text: &str,
        depth: usize,
        out: &mut Vec<Range<usize>>,
    ) {
        match kind {
            Kind::Whole => out.extend(caps.get(0).map(|m| m.range())),
            Kind::Group(index) => out.extend(caps.get(index).map(|m| m.range())),
            Kind::PrivateKey => private_key_body(caps, text, out),
            Kind::Percent => {
                if let Some(run) = caps.get(0)
                    && self.percent_run_hides_secret(run.as_str(), depth)
                {
                    out.push(run.range());
                }
            }
            Kind::Base64 => {
                if let Some(run) = caps.get(0) {
                    self.base64_spans(&run, depth, out);
                }
            }
            Kind::AuthHeader => {
                if let Some((_, value)) = header_parts(caps) {
                    auth_spans(text, value, out);
                }
            }
            Kind::Cookie => {
                if let Some((name, value)) = header_parts(caps) {
                    let set_cookie = name.to_ascii_lowercase().starts_with("set");
                    cookie_spans(text, value, set_cookie, out);
                }
            }
            Kind::KeyHeader => {
                if let Some((name, value)) = header_parts(caps)
                    && !header_name_is_public(name)
                    && !is_placeholder(&text[value.clone()])
                {
                    out.push(value);
                }
            }
            Kind::CurlUser => curl_user_password(caps, out),
            Kind::QueryParam => query_param(caps, out),
            Kind::Field => field(caps, text, out),
            Kind::YamlField => yaml_field(caps, text, out),
            Kind::Bearer => {
                if let Some(token) = caps.get(1) {
                    let token_text = token.as_str();
                    if token_text.bytes().any(|b| b.is_ascii_digit()) || token_text.len() >= 32 {
                        out.push(token.range());
                    }
                }
            }
            Kind::Basic => {
                if let Some(blob) = caps.get(1)
                    && decode_base64_text(blob.as_str()).is_some_and(|text| text.contains(':'))
                {
                    out.push(blob.range());
                }
            }
        }
    }

    /// Whether the decoded form of a percent-encoded run holds a secret by the other rules.
    fn percent_run_hides_secret(&self, run: &str, depth: usize) -> bool {
        let spaced = run.replace('+', " ");
        let decoded = percent_decode_str(&spaced).decode_utf8_lossy();
        decoded != run && self.hides_secret(&decoded, depth)
    }

    /// A base64 run whose decoded text holds a secret is replaced whole; a path made of
    /// segments (`/a/<base64>/b`) is also checked segment by segment.
    fn base64_spans(&self, run: &Match<'_>, depth: usize, out: &mut Vec<Range<usize>>) {
        let text = run.as_str();
        if self.base64_hides_secret(text, depth) {
            out.push(run.range());
            return;
        }
        if text.contains('/') {
            let mut at = run.start();
            for segment in text.split('/') {
                if segment.len() >= MIN_BASE64_RUN && self.base64_hides_secret(segment, depth) {
                    out.push(at..at + segment.len());
                }
                at += segment.len() + 1;
            }
        }
    }

    fn base64_hides_secret(&self, run: &str, depth: usize) -> bool {
        decode_base64_text(run).is_some_and(|decoded| {
            looks_like_credentials(&decoded) || self.hides_secret(&decoded, depth)
        })
    }

    fn hides_secret(&self, decoded: &str, depth: usize) -> bool {
        self.run(decoded, depth + 1).count > 0
    }
}

/// `ranges` sorted and merged where they overlap or touch, so they are disjoint and ordered
/// by both start and end.
fn union(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| range.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// The ranges of `sorted` (disjoint, in order) that share a byte with `span`.
fn overlapping<'a>(sorted: &'a [Range<usize>], span: &Range<usize>) -> &'a [Range<usize>] {
    let first = sorted.partition_point(|range| range.end <= span.start);
    let count = sorted[first..].partition_point(|range| range.start < span.end);
    &sorted[first..first + count]
}

/// The most times [`Redactor::redact`] runs the rules over its own output.
const MAX_PASSES: usize = 4;

/// How deep decoded runs are checked: a percent-encoded run holding base64 holding JSON is 3.
const MAX_DEPTH: usize = 3;

/// The shortest base64 run that is decoded and checked.
const MIN_BASE64_RUN: usize = 24;

const BASE64_CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(false)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const BASE64_STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, BASE64_CONFIG);
const BASE64_URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, BASE64_CONFIG);

/// Authorization schemes whose credential is one token: only that token is redacted.
const SINGLE_TOKEN_SCHEMES: &[&str] = &[
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
const OTHER_SCHEMES: &[&str] = &[
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
const ARMOR_WORDS: &[&str] = &[
    "BEGIN",
    "END",
    "PRIVATE",
    "KEY",
    "BLOCK",
    "OPENSSH",
    "ENCRYPTED",
];

/// Words before `token` that make it a page cursor, not a credential (`next_page_token`).
const PAGING_WORDS: &[&str] = &[
    "page",
    "next",
    "continuation",
    "pagination",
    "cursor",
    "sync",
    "resume",
];

/// Words before `key` in a header name that make it an identifier, not a credential.
const PUBLIC_KEY_WORDS: &[&str] = &[
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
/// `sort_key`, `token_type`, `tokens_used` and `password_reset` do not match.
const KEY: &str = r"[a-z0-9_.\-]*?(?:pass(?:word|wd|phrase)|secret|token|credentials?|authorization|cookie|apikey|(?:api|private|secret|access|account|master|signing|encryption|client|subscription|session|shared|hmac|app|license|storage|functions|consumer|webhook|auth)[_.\-]?key)";

/// A JSON, Python or inline-YAML value: double-quoted, single-quoted, JSON-escaped, or bare.
const JSON_VALUE: &str = r#"(?:"((?:[^"\\\r\n]|\\.)*)"|'((?:[^'\\\r\n]|\\.)*)'|\\"([^"\\\r\n]*)\\"|([^\s,;}\]"'\\{\[][^\s,;}\]"'\\]*))"#;

/// A `key=value` value: quoted, or bare up to whitespace, `&`, `;`, quote or angle bracket.
const ASSIGNED_VALUE: &str =
    r#"(?:"((?:[^"\\\r\n]|\\.)*)"|'([^'\r\n]*)'|([^\s&;"'<>=][^\s&;"'<>]*))"#;

/// A command-line flag's value: quoted, or one word that is not the next flag.
const FLAG_VALUE: &str = r#"(?:"((?:[^"\\\r\n]|\\.)*)"|'([^'\r\n]*)'|([^\s'"\-][^\s'"]*))"#;

/// Names of query parameters whose value is a credential (`key` and `code` only when long).
const QUERY_NAMES: &str = r"access_token|access-token|id_token|refresh_token|session_token|token|auth|api_key|api-key|apikey|key|client_secret|secret|password|passwd|pwd|signature|sig|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|code|sessionid|session_id|jsessionid";

/// Header names (ending `-token`, `-key`, `-secret` or `apikey`) whose value is a credential.
const KEY_HEADER_NAME: &str = r"(?:[a-z0-9]+-)+(?:token|key|secret)|(?:[a-z0-9]+-)*[a-z0-9]*apikey";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The whole match is the secret.
    Whole,
    /// One capture group is the secret.
    Group(usize),
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
}

#[derive(Debug, Clone)]
struct Rule {
    name: String,
    regex: Regex,
    kind: Kind,
}

/// The built-in rules, in the order they run: `(name, pattern, kind)`.
///
/// Private keys go first (their bodies look like anything), then encoded runs (so a run is
/// replaced whole), then JWTs, then rules that keep a name or scheme for context, then bare
/// token formats, and last base64 runs, which only ever hide something the other rules missed.
fn builtin_specs() -> Vec<(&'static str, String, Kind)> {
    let mut specs = context_specs();
    specs.extend(token_specs());
    specs
}

/// Rules that find a secret by what surrounds it: armor, encoding, a header, a URL, a field
/// name. They run first, and keep that context readable.
fn context_specs() -> Vec<(&'static str, String, Kind)> {
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
            "authorization-header",
            header_pattern(r"(?:proxy-)?authorization"),
            Kind::AuthHeader,
        ),
        ("cookie-header", header_pattern(r"(?:set-)?cookie"), Kind::Cookie),
        ("key-header", header_pattern(KEY_HEADER_NAME), Kind::KeyHeader),
        (
            "curl-user",
            r#"(?m)(?:^|[ \t])(?:-u[ \t]*|-U[ \t]*|--(?:proxy-)?user(?:[ \t]+|=))('[^'\r\n]*'|"[^"\r\n]*"|[^\s'"]+)"#.to_owned(),
            Kind::CurlUser,
        ),
        (
            "url-password",
            r#"(?i)(?-u:\b)[a-z][a-z0-9+.\-]*://[^\s:/?#@'"<>\[\]]*:([^\s/?#'"<>]*)@"#.to_owned(),
            Kind::Group(1),
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
            "json-field",
            format!(r#"(?i)\\?["']({KEY})\\?["'][ \t]*(?::|=>?)[ \t]*{JSON_VALUE}"#),
            Kind::Field,
        ),
        (
            "json-field",
            format!(r"(?i)[{{,][ \t]*({KEY})[ \t]*(?::|=>)[ \t]*{JSON_VALUE}"),
            Kind::Field,
        ),
        (
            "assignment",
            format!(r"(?im)(?:^|[^a-z0-9_.\-])({KEY})[ \t]*=[ \t]*{ASSIGNED_VALUE}"),
            Kind::Field,
        ),
        (
            "yaml-field",
            format!(r"(?im)^([ \t]*)(?:-[ \t]+)?({KEY})[ \t]*:[ \t]*([^\r\n]*)"),
            Kind::YamlField,
        ),
        (
            "cli-flag",
            format!(
                r"(?im)(?:^|[ \t])--((?:client-)?secret|pass(?:word|wd)?|(?:api|access|auth)-?(?:key|token)|token)[ \t]+{FLAG_VALUE}"
            ),
            Kind::Field,
        ),
    ]
}

/// Rules that find a secret by its own shape (a token format, `Bearer`/`Basic` in free text,
/// an encoded blob), wherever it stands.
fn token_specs() -> Vec<(&'static str, String, Kind)> {
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

/// A header `name: value` in three contexts: inside `'...'` (value ends at the quote), inside
/// `"..."` (likewise), or bare (value runs to the end of the line). Groups: (1, 2), (3, 4) or
/// (5, 6) are the name and the value.
fn header_pattern(name: &str) -> String {
    format!(
        r#"(?i)'(?-u:\b)({name})[ \t]*:[ \t]*([^'\r\n]*)|"(?-u:\b)({name})[ \t]*:[ \t]*([^"\r\n]*)|(?-u:\b)({name})[ \t]*:[ \t]*([^\r\n]*)"#
    )
}

/// The header name and the cleaned value range of a [`header_pattern`] match.
fn header_parts<'t>(caps: &Captures<'t>) -> Option<(&'t str, Range<usize>)> {
    [1, 3, 5].into_iter().find_map(|index| {
        let name = caps.get(index)?;
        let value = caps.get(index + 1)?;
        Some((name.as_str(), clean(value.start(), value.as_str())?))
    })
}

/// The range of `s` (which starts at `offset`) without surrounding whitespace, a trailing
/// backslash (an escaped quote's) or surrounding quotes; `None` when nothing is left.
fn clean(offset: usize, s: &str) -> Option<Range<usize>> {
    let lead = s.len() - s.trim_start().len();
    let body = s.trim().trim_end_matches('\\').trim_end();
    let mut inner = 0..body.len();
    if let Some(quote) = body.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        inner = match body[1..].find(quote) {
            Some(close) => 1..1 + close,
            None => 1..body.len(),
        };
    }
    let inner = offset + lead + inner.start..offset + lead + inner.end;
    (!inner.is_empty()).then_some(inner)
}

/// `range` without leading and trailing whitespace; `None` when nothing is left.
fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let len = s.trim().len();
    (len > 0).then(|| range.start + lead..range.start + lead + len)
}

fn private_key_body(caps: &Captures<'_>, text: &str, out: &mut Vec<Range<usize>>) {
    let (Some(begin), Some(label)) = (caps.get(0), caps.get(1)) else {
        return;
    };
    let end_line = format!("-----END {}-----", label.as_str());
    // A block cut off before its END line is redacted to the end of the text.
    let body_end = text[begin.end()..]
        .find(&end_line)
        .map_or(text.len(), |at| begin.end() + at);
    out.extend(trim_range(text, begin.end()..body_end));
}

/// The credential of an authorization value: after the scheme, kept for context.
fn auth_spans(text: &str, value: Range<usize>, out: &mut Vec<Range<usize>>) {
    let v = &text[value.clone()];
    let Some(gap) = v.find(char::is_whitespace) else {
        if !is_scheme_word(v) && !is_placeholder(v) {
            out.push(value);
        }
        return;
    };
    let after = &v[gap..];
    let rest_at = gap + (after.len() - after.trim_start().len());
    let rest = &v[rest_at..];
    let scheme = v[..gap].to_ascii_lowercase();
    let len = if SINGLE_TOKEN_SCHEMES.contains(&scheme.as_str()) {
        rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '\'' | '"' | '\\'))
            .unwrap_or(rest.len())
    } else {
        rest.trim_end().len()
    };
    if !is_placeholder(&rest[..len]) {
        out.push(value.start + rest_at..value.start + rest_at + len);
    }
}

/// Every cookie value of a `Cookie:` header, or the one cookie value of a `Set-Cookie:`
/// header (its attributes, such as `Path` and `Expires`, are kept).
fn cookie_spans(text: &str, value: Range<usize>, set_cookie: bool, out: &mut Vec<Range<usize>>) {
    let mut at = value.start;
    for (index, part) in text[value].split(';').enumerate() {
        let part_at = at;
        at += part.len() + 1;
        if set_cookie && index > 0 {
            continue;
        }
        let (value_at, cookie_value) = match part.find('=') {
            Some(eq) => (part_at + eq + 1, &part[eq + 1..]),
            None => (part_at, part),
        };
        out.extend(clean(value_at, cookie_value));
    }
}

fn curl_user_password(caps: &Captures<'_>, out: &mut Vec<Range<usize>>) {
    let Some(arg) = caps.get(1) else {
        return;
    };
    let raw = arg.as_str();
    let (inner_at, inner) = if raw.len() >= 2 && raw.starts_with(['\'', '"']) {
        (arg.start() + 1, &raw[1..raw.len() - 1])
    } else {
        (arg.start(), raw)
    };
    if let Some(colon) = inner.find(':') {
        let password = inner_at + colon + 1..inner_at + inner.len();
        if !password.is_empty() {
            out.push(password);
        }
    }
}

fn query_param(caps: &Captures<'_>, out: &mut Vec<Range<usize>>) {
    let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
        return;
    };
    let name = name.as_str().to_ascii_lowercase();
    // `key` and `code` are common words: only a long value is taken for a credential.
    if matches!(name.as_str(), "key" | "code") && value.as_str().chars().count() < 16 {
        return;
    }
    if !is_placeholder(value.as_str()) {
        out.push(value.range());
    }
}

/// A secret-named field in JSON, logfmt, a form body, an env file or on a command line.
fn field(caps: &Captures<'_>, text: &str, out: &mut Vec<Range<usize>>) {
    let Some(key) = caps.get(1) else {
        return;
    };
    let Some(value) = (2..caps.len()).find_map(|index| caps.get(index)) else {
        return;
    };
    if is_placeholder(value.as_str()) {
        return;
    }
    let mut range = value.range();
    let quoted = text[..range.start].ends_with(['"', '\'']);
    if !quoted && looks_like_code(value.as_str()) {
        return;
    }
    if !quoted {
        // A bare value ends before closing punctuation that it did not open:
        // `User{password=x}` keeps its `}`, `password=(x)` is redacted whole.
        range.end = range.start + trim_unopened(&text[range.clone()]).len();
    }
    field_spans(text, key.as_str(), range, out);
}

/// `value` without trailing commas and closing brackets that it does not open.
fn trim_unopened(mut value: &str) -> &str {
    loop {
        let opener = match value.chars().last() {
            Some(',') => None,
            Some(')') => Some('('),
            Some('}') => Some('{'),
            Some(']') => Some('['),
            _ => return value,
        };
        if opener.is_some_and(|open| value.contains(open)) {
            return value;
        }
        value = &value[..value.len() - 1];
    }
}

/// A YAML `key: value` line: a quoted value's inside, a block scalar's lines, or the rest.
fn yaml_field(caps: &Captures<'_>, text: &str, out: &mut Vec<Range<usize>>) {
    let (Some(indent), Some(key), Some(rest)) = (caps.get(1), caps.get(2), caps.get(3)) else {
        return;
    };
    let raw = rest.as_str().trim();
    // A tag such as `!vault |` comes before the block indicator.
    let untagged = if raw.starts_with('!') {
        raw.split_once(char::is_whitespace)
            .map_or("", |(_, after)| after.trim_start())
    } else {
        raw
    };
    if is_block_indicator(untagged) {
        if let Some(block) = block_scalar(text, rest.end(), indent.as_str().len()) {
            field_spans(text, key.as_str(), block, out);
        }
        return;
    }
    // Flow collections are left to the inline rule; `key://` is a URL; `&`/`*` are anchors.
    if raw.starts_with(['{', '[', '&', '*']) || raw.starts_with("//") {
        return;
    }
    if let Some(value) = clean(rest.start(), rest.as_str()) {
        field_spans(text, key.as_str(), value, out);
    }
}

fn is_block_indicator(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
}

/// The lines after `line_end` indented deeper than `indent`: a YAML block scalar's body.
fn block_scalar(text: &str, line_end: usize, indent: usize) -> Option<Range<usize>> {
    let start = line_end + text[line_end..].find('\n')? + 1;
    let mut pos = start;
    let mut end = start;
    for line in text[start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            let depth = content.len() - content.trim_start_matches([' ', '\t']).len();
            if depth <= indent {
                break;
            }
            end = pos + content.len();
        }
        pos += line.len();
    }
    trim_range(text, start..end)
}

/// Redacts a secret-named field's value, keeping an authorization scheme or cookie names.
fn field_spans(text: &str, key: &str, value: Range<usize>, out: &mut Vec<Range<usize>>) {
    let words = key_words(key);
    if !field_is_secret(&words) {
        return;
    }
    let v = text[value.clone()].trim();
    if is_placeholder(v) {
        return;
    }
    let last = words.last().map_or("", String::as_str);
    match last {
        "authorization" => auth_spans(text, value, out),
        "cookie" => {
            let set_cookie = words.len() >= 2 && words[words.len() - 2] == "set";
            cookie_spans(text, value, set_cookie, out);
        }
        "credentials" if matches!(v, "include" | "omit" | "same-origin") => {}
        _ => out.push(value),
    }
}

/// The lowercase words of a field or header name: `nextPageToken` and `NEXT_PAGE-token`
/// both give `next`, `page`, `token`.
fn key_words(key: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut after_lower = false;
    for c in key.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && after_lower && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            after_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            word.push(c.to_ascii_lowercase());
        } else {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            after_lower = false;
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether a name that matched [`KEY`] holds a credential: not a page cursor.
fn field_is_secret(words: &[String]) -> bool {
    match words {
        [] => false,
        [.., before, last] if last == "token" => !PAGING_WORDS.contains(&before.as_str()),
        _ => true,
    }
}

/// Whether a `*-key` / `*-token` header name is an identifier (`Idempotency-Key`,
/// `Sec-WebSocket-Key`, `X-Next-Page-Token`) rather than a credential.
fn header_name_is_public(name: &str) -> bool {
    match key_words(name).as_slice() {
        [.., before, last] if last == "key" => PUBLIC_KEY_WORDS.contains(&before.as_str()),
        [.., before, last] if last == "token" => PAGING_WORDS.contains(&before.as_str()),
        _ => false,
    }
}

fn is_scheme_word(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    SINGLE_TOKEN_SCHEMES.contains(&lower.as_str()) || OTHER_SCHEMES.contains(&lower.as_str())
}

/// Whether a bare value is code rather than data: a call (`getpass.getpass()`,
/// `client.fetch_token(url,`) or a command substitution (`$(vault read`), as in the source
/// lines of a stack trace or a shell script.
fn looks_like_code(value: &str) -> bool {
    if value.starts_with("$(") || value.starts_with('`') {
        return true;
    }
    value.find('(').is_some_and(|open| {
        open > 0
            && value[..open]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
            && value.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
    })
}

/// A value that stands for no secret: empty, a boolean or null, a template variable
/// (`${TOKEN}`, `{{ .token }}`, `$TOKEN`, `<token>`, kubectl's `<set to the key ...>`) or a
/// mask (`****`).
fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "true" | "false" | "null" | "none" | "nil" | "undefined"
    ) || v.chars().all(|c| matches!(c, '*' | '•'))
        || (v.starts_with("${") && v.ends_with('}'))
        || (v.starts_with("{{") && v.ends_with("}}"))
        || (v.len() > 1 && v.starts_with('<') && v.contains('>'))
        || v.strip_prefix('$').is_some_and(|name| {
            name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
}

/// The trimmed `range`, a piece of a span left beside a [`MARK`], when it holds something
/// worth hiding: a word of four or more characters that is neither an authorization scheme
/// nor part of a key's armor line. `Bearer ` before a marker, or `-----END PRIVATE KEY-----`
/// after one, is context an earlier rule kept on purpose.
fn substantial_piece(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let range = trim_range(text, range)?;
    let rest = strip_armor(&text[range.clone()])
        .replace("\\n", " ")
        .replace("\\r", " ");
    rest.split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .map(|word| word.trim_matches('-'))
        .any(|word| {
            word.len() >= 4
                && !is_scheme_word(word)
                && !ARMOR_WORDS.contains(&word.to_ascii_uppercase().as_str())
        })
        .then_some(range)
}

/// The ranges of `-----BEGIN LABEL-----` and `-----END LABEL-----` lines in `text`.
fn armor_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("-----") {
        let at = from + found;
        let after = &text[at + 5..];
        let label_at = if after.starts_with("BEGIN ") {
            6
        } else if after.starts_with("END ") {
            4
        } else {
            from = at + 5;
            continue;
        };
        let label_end = after[label_at..]
            .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' '))
            .map_or(after.len(), |end| label_at + end);
        if after[label_end..].starts_with("-----") {
            let end = at + 5 + label_end + 5;
            lines.push(at..end);
            from = end;
        } else {
            from = at + 5;
        }
    }
    lines
}

/// `s` without `-----BEGIN ...-----` and `-----END ...-----` lines.
fn strip_armor(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find("-----") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 5..];
        if (after.starts_with("BEGIN ") || after.starts_with("END "))
            && let Some(close) = after.find("-----")
        {
            rest = &after[close + 5..];
        } else {
            out.push_str("-----");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The text a base64 run (standard or url-safe, padded or not) stands for, when it is
/// printable UTF-8; `None` for binary data and for runs that are not base64.
fn decode_base64_text(run: &str) -> Option<String> {
    let body = run.trim_end_matches('=');
    let url_safe = body.contains(['-', '_']);
    if url_safe && body.contains(['+', '/']) {
        return None;
    }
    let engine = if url_safe {
        &BASE64_URL_SAFE
    } else {
        &BASE64_STANDARD
    };
    let text = String::from_utf8(engine.decode(body).ok()?).ok()?;
    let printable = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    (printable && !text.trim().is_empty()).then_some(text)
}

/// Whether decoded text has the shape of Basic credentials: `user:password`, one colon, a
/// user name that starts with a letter, no spaces.
fn looks_like_credentials(decoded: &str) -> bool {
    let Some((user, password)) = decoded.split_once(':') else {
        return false;
    };
    !password.is_empty()
        && !password.contains(':')
        && password.chars().all(|c| c.is_ascii_graphic())
        && user.len() <= 128
        && user.starts_with(|c: char| c.is_ascii_alphabetic())
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '@' | '+' | '-'))
}

/// `text` with each terminal escape sequence (ESC, and a CSI sequence such as `ESC[1;31m`
/// with it) turned into spaces of the same length; `None` when `text` has no ESC.
fn blank_escapes(text: &str) -> Option<String> {
    if !text.contains('\u{1b}') {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != 0x1b {
            at += 1;
            continue;
        }
        let mut end = at + 1;
        if bytes.get(end) == Some(&b'[') {
            end += 1;
            while bytes.get(end).is_some_and(|b| (0x20..=0x3f).contains(b)) {
                end += 1;
            }
            if bytes.get(end).is_some_and(|b| (0x40..=0x7e).contains(b)) {
                end += 1;
            }
        }
        // Only ASCII bytes are blanked, so the copy stays valid UTF-8.
        bytes[at..end].fill(b' ');
        at = end;
    }
    String::from_utf8(bytes).ok()
}

/// `text` with each of the sorted, disjoint `spans` replaced by [`MARK`].
fn splice(text: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + spans.len() * MARK.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start]);
        out.push_str(MARK);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
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
                    "Authorization: Digest [REDACTED]",
                ),
                (
                    "Authorization: AWS4-HMAC-SHA256 Credential=x/20240101/us-east-1/s3/aws4_request, Signature=fe5f80f77d5f",
                    "Authorization: AWS4-HMAC-SHA256 [REDACTED]",
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
        let mut hits: Vec<(&str, &str)> =
            hits.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
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
        let mut hits: Vec<(&str, &str)> =
            hits.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
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
                    r#"{"auth":"Bearer 0123456789abcdef"}"#,
                    r#"{"auth":"Bearer [REDACTED]"}"#,
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
                    r#"{"auth": "Basic Ym9iOmh1bnRlcjI="}"#,
                    r#"{"auth": "Basic [REDACTED]"}"#,
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
session_id=7f3c9a2e-4b1d-4e8a-9c6f-2d5b8e1a0c47 trace_id=4bf92f3577b34da6a3ce929d0e0e4736
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
            shown
                .starts_with("redaction pattern `broken-rule` is not a valid regular expression: ")
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
}
