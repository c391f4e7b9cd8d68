//! Value finders: given a rule's match, the exact byte ranges of the secret inside it.

use super::{
    Captures, KEY, KEY_HEADER_NAME, Match, QUERY_NAMES, Range, Regex, SINGLE_TOKEN_SCHEMES,
    field_is_secret, header_name_is_public, is_placeholder, is_prose, is_scheme_word, key_words,
    looks_like_code, looks_like_path, looks_random, secret_extent,
};

/// A header `name: value` in three contexts: inside `'...'` (value ends at the quote), inside
/// `"..."` (likewise), or bare (value runs to the end of the line). Groups: (1, 2), (3, 4) or
/// (5, 6) are the name and the value.
pub(super) fn header_pattern(name: &str) -> String {
    format!(
        r#"(?i)'(?-u:\b)({name})[ \t]*:[ \t]*([^'\r\n]*)|"(?-u:\b)({name})[ \t]*:[ \t]*([^"\r\n]*)|(?-u:\b)({name})[ \t]*:[ \t]*([^\r\n]*)"#
    )
}

/// The header name and the cleaned value range of a [`header_pattern`] match.
pub(super) fn header_parts<'t>(caps: &Captures<'t>) -> Option<(&'t str, Range<usize>)> {
    [1, 3, 5].into_iter().find_map(|index| {
        let name = caps.get(index)?;
        let value = caps.get(index + 1)?;
        // A header inside an escaped string (`send: b'...Cookie: a=b\r\nHost: x'`) ends at
        // the escaped line break, not at the end of the real line.
        let raw = value.as_str();
        let raw = raw
            .find("\\r\\n")
            .or_else(|| raw.find("\\n"))
            .map_or(raw, |end| &raw[..end]);
        // A Go header map (`Cookie:[a=b] Traceparent:[00-...]`): the value is the bracket.
        if let Some(inside) = raw.strip_prefix('[')
            && let Some(close) = inside.find(']')
        {
            return Some((name.as_str(), clean(value.start() + 1, &inside[..close])?));
        }
        Some((name.as_str(), clean(value.start(), raw)?))
    })
}

/// The range of `s` (which starts at `offset`) without surrounding whitespace, a trailing
/// backslash (an escaped quote's) or surrounding quotes; `None` when nothing is left.
pub(super) fn clean(offset: usize, s: &str) -> Option<Range<usize>> {
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
pub(super) fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let len = s.trim().len();
    (len > 0).then(|| range.start + lead..range.start + lead + len)
}

pub(super) fn private_key_body(caps: &Captures<'_>, text: &str, out: &mut Vec<Range<usize>>) {
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
pub(super) fn auth_spans(text: &str, value: Range<usize>, out: &mut Vec<Range<usize>>) {
    // A Go header map writes the value in brackets: `Authorization:[Bearer x]`.
    let value = if text[value.clone()].starts_with('[') {
        value.start + 1..value.end
    } else {
        value
    };
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
    if matches!(scheme.as_str(), "digest" | "aws4-hmac-sha256") {
        // Parameters: only the proof is secret; user name, realm and URI are what the next
        // team needs to read.
        param_spans(text, value.start + rest_at..value.end, out);
        return;
    }
    let len = if SINGLE_TOKEN_SCHEMES.contains(&scheme.as_str()) {
        rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '\'' | '"' | '\\' | ']'))
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
pub(super) fn cookie_spans(
    text: &str,
    value: Range<usize>,
    set_cookie: bool,
    out: &mut Vec<Range<usize>>,
) {
    let mut at = value.start;
    for (index, part) in text[value].split(';').enumerate() {
        let part_at = at;
        at += part.len() + 1;
        if set_cookie && index > 0 {
            // Python's requests joins several Set-Cookie headers with `, `: the cookie
            // after the comma is a new one (`SameSite=Lax, sessionid=abc`).
            if let Some(comma) = next_cookie_after_comma(part) {
                let next = &part[comma..];
                if let Some(eq) = next.find('=') {
                    out.extend(clean(part_at + comma + eq + 1, &next[eq + 1..]));
                }
            }
            continue;
        }
        let (value_at, cookie_value) = match part.find('=') {
            Some(eq) => (part_at + eq + 1, &part[eq + 1..]),
            None => (part_at, part),
        };
        out.extend(clean(value_at, cookie_value));
    }
}

pub(super) fn curl_user_password(caps: &Captures<'_>, out: &mut Vec<Range<usize>>) {
    let Some(arg) = caps.get(1) else {
        return;
    };
    let raw = arg.as_str();
    // `redis-cli -u rediss://user:pass@host`: a URL, whose password the URL rule finds.
    if raw.contains("://") {
        return;
    }
    let Some(colon) = raw.find(':') else {
        return;
    };
    // The shell word may quote all of it (`'user:pass'`), the user (`'user':pass`) or the
    // password (`user:'pass word'`); quotes are ASCII, so these offsets are char boundaries.
    let rest = &raw[colon + 1..];
    let mut from = arg.start() + colon + 1;
    let mut to = arg.end();
    let is_quote = |c: char| matches!(c, '\'' | '"');
    if let Some(q) = raw.chars().next().filter(|c| is_quote(*c))
        && !raw[1..colon].contains(q)
        && rest.ends_with(q)
    {
        to -= 1;
    } else if let Some(q) = rest.chars().next().filter(|c| is_quote(*c)) {
        from += 1;
        if rest.len() >= 2 && rest.ends_with(q) {
            to -= 1;
        }
    }
    if from < to {
        out.push(from..to);
    }
}

/// The secret parameters of a `name=value, name="value"` list (Digest, AWS `SigV4`).
fn param_spans(text: &str, params: Range<usize>, out: &mut Vec<Range<usize>>) {
    const SECRET: &[&str] = &[
        "response",
        "cnonce",
        "nonce",
        "opaque",
        "signature",
        "credential",
    ];
    let mut at = params.start;
    for part in text[params.clone()].split(',') {
        let part_at = at;
        at += part.len() + 1;
        let Some(eq) = part.find('=') else {
            continue;
        };
        let name = part[..eq].trim().to_ascii_lowercase();
        if SECRET.contains(&name.as_str()) {
            out.extend(clean(part_at + eq + 1, &part[eq + 1..]));
        }
    }
}

/// Where a new cookie starts after `, ` inside a Set-Cookie attribute: `, name=` with a
/// token name (an `Expires` date's `, 01 Dec` is not one).
fn next_cookie_after_comma(part: &str) -> Option<usize> {
    let comma = part.find(", ")?;
    let after = &part[comma + 2..];
    let eq = after.find('=')?;
    let name = &after[..eq];
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    .then_some(comma + 2)
}

/// Every cookie of a list of cookie strings, each quoted.
pub(super) fn cookie_array(
    text: &str,
    list: Range<usize>,
    set_cookie: bool,
    out: &mut Vec<Range<usize>>,
) {
    let body = &text[list.clone()];
    let mut at = 0;
    while let Some(open) = body[at..].find(['\'', '"']) {
        let quote = &body[at + open..=at + open];
        let start = at + open + 1;
        let Some(len) = body[start..].find(quote) else {
            break;
        };
        cookie_spans(
            text,
            list.start + start..list.start + start + len,
            set_cookie,
            out,
        );
        at = start + len + 1;
    }
}

pub(super) fn query_param(caps: &Captures<'_>, out: &mut Vec<Range<usize>>) {
    let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
        return;
    };
    let name = name.as_str().to_ascii_lowercase();
    // `key` and `code` are common words: only a long value is taken for a credential.
    if matches!(name.as_str(), "key" | "code") && value.as_str().chars().count() < 16 {
        return;
    }
    // `?key=uploads/2026/11/invoice.pdf` names an object, not a credential.
    if name == "key" && looks_like_path(value.as_str()) {
        return;
    }
    if !is_placeholder(value.as_str()) {
        out.push(value.range());
    }
}

/// A secret-named field in JSON, logfmt, a form body, an env file or on a command line.
pub(super) fn field(caps: &Captures<'_>, text: &str, out: &mut Vec<Range<usize>>) {
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
    // `--password via the CLI is insecure`: a plain word that starts a sentence.
    if !quoted && value.as_str().chars().all(|c| c.is_ascii_lowercase()) {
        // The sentence, up to the line end, read within a bounded window: a megabyte-long
        // line of `password=x ` must not be re-read for each of its fields.
        let mut line_end = text[range.start..]
            .find('\n')
            .map_or(text.len(), |end| range.start + end)
            .min(range.start + 200);
        while !text.is_char_boundary(line_end) {
            line_end -= 1;
        }
        if is_prose(&text[range.start..line_end]) {
            return;
        }
    }
    if !quoted {
        // A bare value ends before closing punctuation that it did not open:
        // `User{password=x}` keeps its `}`, `password=(x)` is redacted whole.
        range.end = range.start + trim_unopened(&text[range.clone()]).len();
    }
    field_spans(text, key.as_str(), range, out);
}

/// `value` without trailing commas and closing brackets that it does not open.
pub(super) fn trim_unopened(mut value: &str) -> &str {
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
pub(super) fn yaml_field(caps: &Captures<'_>, text: &str, out: &mut Vec<Range<usize>>) {
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

pub(super) fn is_block_indicator(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
}

/// The lines after `line_end` indented deeper than `indent`: a YAML block scalar's body.
pub(super) fn block_scalar(text: &str, line_end: usize, indent: usize) -> Option<Range<usize>> {
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
pub(super) fn field_spans(text: &str, key: &str, value: Range<usize>, out: &mut Vec<Range<usize>>) {
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
        "authorization" | "auth" => auth_spans(text, value, out),
        "cookie" => {
            let set_cookie = words.len() >= 2 && words[words.len() - 2] == "set";
            cookie_spans(text, value, set_cookie, out);
        }
        "credentials" if matches!(v, "include" | "omit" | "same-origin") => {}
        // A sentence about the secret (`password: must be at least 12 characters`) is kept.
        _ if is_prose(v) => {}
        _ if is_param_list(v) => random_params(text, value, out),
        _ => {
            let len = secret_extent(&text[value.clone()]);
            out.push(value.start..value.start + len);
        }
    }
}

/// Whether a value is a `k=v,k=v` list (`t=1797038425,v1=<hex>`, `sha256=<hex>`).
pub(super) fn is_param_list(value: &str) -> bool {
    !value.contains(char::is_whitespace)
        && value.split(',').all(|part| {
            part.split_once('=').is_some_and(|(k, v)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric()) && !v.is_empty()
            })
        })
}

/// The values of a `k=v,k=v` list that look random: the signatures, not the timestamp.
pub(super) fn random_params(text: &str, value: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut at = value.start;
    let mut any = false;
    for part in text[value.clone()].split(',') {
        if let Some(eq) = part.find('=') {
            let v = &part[eq + 1..];
            if v == super::MARK {
                any = true;
            } else if looks_random(v) || v.len() >= 16 {
                out.push(at + eq + 1..at + part.len());
                any = true;
            }
        }
        at += part.len() + 1;
    }
    if !any {
        out.push(value);
    }
}

/// Whether a name (of a header, a field, a query parameter) is a secret's.
pub(super) fn is_secret_name(name: &str) -> bool {
    static NAMES: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            Regex::new(&format!(
                r"(?i)^(?:{KEY}|{KEY_HEADER_NAME}|{QUERY_NAMES}|x-amz-security-token|proxy-authorization)$"
            ))
            .ok()
        })
        .as_ref()
        .is_some_and(|re| {
            let name = name.trim();
            // OpenTelemetry names a header attribute `http.request.header.<name>`.
            let bare = name
                .strip_prefix("http.request.header.")
                .or_else(|| name.strip_prefix("http.response.header."))
                .unwrap_or(name);
            re.is_match(name) || re.is_match(bare) || re.is_match(&bare.replace('_', "-"))
        })
}

/// A `{"name": ..., "value": ...}` pair (either order): the value when the name is a secret's.
pub(super) fn name_value(
    name: Match<'_>,
    value: Match<'_>,
    text: &str,
    out: &mut Vec<Range<usize>>,
) {
    // `"x-api-key", "value": ...` is a name followed by a field name, not a pair.
    if text[value.end()..]
        .trim_start_matches(['"', '\''])
        .trim_start()
        .starts_with(':')
    {
        return;
    }
    let lower = name.as_str().to_ascii_lowercase();
    if !is_secret_name(&lower) || header_name_is_public(&lower) {
        return;
    }
    if matches!(lower.as_str(), "key" | "code") && value.as_str().chars().count() < 16 {
        return;
    }
    if lower.ends_with("cookie") {
        let set_cookie = lower.starts_with("set");
        cookie_spans(text, value.range(), set_cookie, out);
        return;
    }
    // A name that only a query string uses (`sig`, `code`) is not a field name `field_spans`
    // knows: the value is taken whole.
    if key_words(&lower).is_empty() || !field_spans_would_judge(&lower) {
        if !is_placeholder(value.as_str())
            && !value.as_str().is_empty()
            && !looks_like_path(value.as_str())
        {
            out.push(value.range());
        }
        return;
    }
    field_spans(text, &lower, value.range(), out);
}

/// Whether [`field_spans`] judges this name itself (it matches the field-name pattern).
fn field_spans_would_judge(name: &str) -> bool {
    static FIELD: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    FIELD
        .get_or_init(|| Regex::new(&format!(r"(?i)^(?:{KEY})$")).ok())
        .as_ref()
        .is_some_and(|re| re.is_match(name))
}

/// Every `"value"` string of a HAR `"cookies"` list.
pub(super) fn cookie_list(text: &str, list: Range<usize>, out: &mut Vec<Range<usize>>) {
    static VALUE: std::sync::OnceLock<Option<Regex>> = std::sync::OnceLock::new();
    let Some(re) = VALUE
        .get_or_init(|| Regex::new(r#""value"[ \t]*:[ \t]*"((?:[^"\\\r\n]|\\.)*)""#).ok())
        .as_ref()
    else {
        return;
    };
    for caps in re.captures_iter(&text[list.clone()]) {
        if let Some(value) = caps.get(1)
            && !value.as_str().is_empty()
        {
            out.push(list.start + value.start()..list.start + value.end());
        }
    }
}

/// Whether the JSON around `at` is a JSON Web Key (it names a key type).
pub(super) fn jwk_nearby(text: &str, at: usize) -> bool {
    let from = at.saturating_sub(2000);
    let to = (at + 2000).min(text.len());
    let (mut from, mut to) = (from, to);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to].contains("\"kty\"")
}
