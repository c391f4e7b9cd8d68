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

mod classify;
mod decode;
mod layout;
mod rules;
mod values;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use percent_encoding::percent_decode_str;
use regex::{Captures, Match, Regex};

use classify::{
    after_public_word, field_is_secret, header_name_is_public, is_placeholder, is_prose,
    is_scheme_word, key_words, looks_like_code, looks_like_path, looks_random,
    name_is_public_for_random, secret_extent,
};
use decode::{decode_base64_text, looks_like_credentials};
use rules::{
    ARMOR_WORDS, KEY, KEY_HEADER_NAME, Kind, OTHER_SCHEMES, PAGING_WORDS, PUBLIC_KEY_WORDS,
    QUERY_NAMES, Rule, SINGLE_TOKEN_SCHEMES, builtin_specs,
};
use values::{
    auth_spans, clean, cookie_array, cookie_list, cookie_spans, curl_user_password, field,
    field_spans, header_parts, header_pattern, is_param_list, jwk_nearby, name_value,
    private_key_body, query_param, random_params, trim_range, yaml_field,
};

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
        let (redactor, broken) = Self::with_custom_lenient(custom);
        match broken.into_iter().next() {
            Some(first) => Err(first),
            None => Ok(redactor),
        }
    }

    /// Like [`Redactor::with_custom`], but a pattern that does not compile is left out (and
    /// returned) instead of leaving every other pattern out with it: for what the screen
    /// shows, one typo in a runbook must not turn the team's other patterns off.
    pub fn with_custom_lenient(custom: &[(String, String)]) -> (Self, Vec<PatternError>) {
        let mut redactor = Self::new();
        let mut own = Vec::with_capacity(custom.len());
        let mut broken = Vec::new();
        for (name, pattern) in custom {
            match Regex::new(pattern) {
                Ok(regex) => own.push(Rule {
                    name: name.clone(),
                    regex,
                    kind: Kind::Whole,
                }),
                Err(err) => broken.push(PatternError {
                    name: name.clone(),
                    message: err.to_string(),
                }),
            }
        }
        // A runbook's rules run right after private-key blocks, before the generic rules, so
        // their hits are credited to them and are found inside encoded runs too.
        let at = redactor
            .rules
            .iter()
            .position(|rule| rule.kind != Kind::PrivateKey)
            .unwrap_or(redactor.rules.len());
        redactor.rules.splice(at..at, own);
        (redactor, broken)
    }

    /// Returns `text` with every secret the rules find replaced by [`MARK`].
    ///
    /// The rules run again over their own output until nothing more is found (a replacement
    /// can change how an earlier rule reads a line), so redacting the result again changes
    /// nothing. Text without secrets is read once.
    #[must_use]
    pub fn redact(&self, text: &str) -> Redacted {
        // A wrapped value is read joined back into one line; the joined layout is kept only
        // when there is a secret in it (a table of equal lines with none stays a table).
        if let std::borrow::Cow::Owned(joined) = layout::unwrap_lines(text) {
            let unwrapped = self.redact_as_is(&joined);
            if unwrapped.count > 0 {
                return unwrapped;
            }
        }
        self.redact_as_is(text)
    }

    fn redact_as_is(&self, text: &str) -> Redacted {
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
        // A private key block runs to its END line, or to the end of the text when cut off:
        // BEGIN lines inside a block already found are not searched again (40,000 BEGIN
        // lines without an END would otherwise be scanned to the end 40,000 times).
        let mut covered = 0;
        for caps in rule.regex.captures_iter(text) {
            if rule.kind == Kind::PrivateKey && caps.get(0).is_some_and(|m| m.start() < covered) {
                continue;
            }
            self.collect(rule.kind, &caps, text, depth, &mut found);
            if rule.kind == Kind::PrivateKey {
                covered = found.last().map_or(covered, |span| span.end);
            }
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
        let tails: Vec<Range<usize>> = pieces
            .iter()
            .filter_map(|span| wrapped_tail(text, span))
            .collect();
        pieces.extend(tails);
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
            Kind::AnyGroup => out.extend(caps.iter().skip(1).flatten().next().map(|m| m.range())),
            Kind::UrlPassword => {
                if let Some(password) = caps.get(1)
                    && !password.as_str().bytes().all(|b| b.is_ascii_digit())
                {
                    out.push(password.range());
                }
            }
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
                    && !is_prose(&text[value.clone()])
                {
                    if is_param_list(&text[value.clone()]) {
                        random_params(text, value, out);
                    } else {
                        let len = secret_extent(&text[value.clone()]);
                        out.push(value.start..value.start + len);
                    }
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
            Kind::NameValue => {
                if let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) {
                    name_value(name, value, text, out);
                }
            }
            Kind::ValueName => {
                if let (Some(value), Some(name)) = (caps.get(1), caps.get(2)) {
                    name_value(name, value, text, out);
                }
            }
            Kind::CookieList => {
                if let Some(list) = caps.get(1) {
                    cookie_list(text, list.range(), out);
                }
            }
            Kind::CookieArray => {
                if let (Some(name), Some(list)) = (caps.get(1), caps.get(2)) {
                    let set_cookie = name.as_str().to_ascii_lowercase().starts_with("set");
                    cookie_array(text, list.range(), set_cookie, out);
                }
            }
            Kind::CookieArg => {
                if let Some(arg) = caps.get(1)
                    && arg.as_str().contains('=')
                {
                    // Windows `cmd` quoting from "Copy as cURL (cmd)": `^"a=b; c=d^"`.
                    let inner = match arg.as_str().strip_prefix("^\"") {
                        Some(rest) if rest.ends_with("^\"") && rest.len() >= 2 => {
                            Some(arg.start() + 2..arg.end() - 2)
                        }
                        _ => clean(arg.start(), arg.as_str()),
                    };
                    if let Some(inner) = inner {
                        cookie_spans(text, inner, false, out);
                    }
                }
            }
            Kind::RandomValue => {
                if let (Some(name), Some(value)) = (caps.get(1), caps.get(2))
                    && !name_is_public_for_random(name.as_str())
                    && !after_public_word(text, name.start())
                    && !is_placeholder(value.as_str())
                    && !looks_like_path(value.as_str())
                    && !text[value.end()..].starts_with('(')
                    && looks_random(value.as_str())
                {
                    out.push(value.range());
                }
            }
            Kind::RestOfLine => {
                if let (Some(key), Some(value)) = (caps.get(1), caps.get(2))
                    && !looks_like_code(value.as_str())
                    && let Some(value) = trim_range(text, value.range())
                {
                    field_spans(text, key.as_str(), value, out);
                }
            }
            Kind::JwkPrivate => {
                // Only inside a JSON Web Key: `"d"` elsewhere is just a letter.
                if let Some(value) = caps.get(1)
                    && jwk_nearby(text, value.start())
                {
                    out.push(value.range());
                }
            }
            Kind::PuttyPrivate => {
                if let Some(block) = caps.get(1) {
                    out.extend(trim_range(text, block.range()));
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

/// The rest of a secret that a terminal wrapped onto the next line: when `span` runs to the
/// end of a long line (60 columns or more) and the next line is one token and nothing else
/// (no spaces, no `name:`, no `<`/`>` prefix), that line is the secret's tail.
fn wrapped_tail(text: &str, span: &Range<usize>) -> Option<Range<usize>> {
    if !text[span.end..].starts_with('\n') {
        return None;
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |at| at + 1);
    if text[line_start..span.end].chars().count() < 60 {
        return None;
    }
    let next_start = span.end + 1;
    let next_end = text[next_start..]
        .find('\n')
        .map_or(text.len(), |at| next_start + at);
    let next = &text[next_start..next_end];
    let token = next.trim_end_matches(['"', '\'', ',', ';', '}', ']']);
    (token.len() >= 4
        && token.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '_' | '-' | '.' | '%' | '~')
        }))
    .then(|| next_start..next_start + token.len())
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
mod tests;
