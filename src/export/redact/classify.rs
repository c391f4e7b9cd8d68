//! Judging a name or a value: a credential or an identifier, a placeholder, code, prose.

use super::*;

/// The lowercase words of a field or header name: `nextPageToken` and `NEXT_PAGE-token`
/// both give `next`, `page`, `token`.
pub(super) fn key_words(key: &str) -> Vec<String> {
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
pub(super) fn field_is_secret(words: &[String]) -> bool {
    match words {
        [] => false,
        [.., before, last] if last == "token" => !PAGING_WORDS.contains(&before.as_str()),
        _ => true,
    }
}

/// Whether a `*-key` / `*-token` header name is an identifier (`Idempotency-Key`,
/// `Sec-WebSocket-Key`, `X-Next-Page-Token`) rather than a credential.
pub(super) fn header_name_is_public(name: &str) -> bool {
    match key_words(name).as_slice() {
        [.., before, last] if last == "key" => PUBLIC_KEY_WORDS.contains(&before.as_str()),
        [.., before, last] if last == "token" => PAGING_WORDS.contains(&before.as_str()),
        _ => false,
    }
}

pub(super) fn is_scheme_word(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    SINGLE_TOKEN_SCHEMES.contains(&lower.as_str()) || OTHER_SCHEMES.contains(&lower.as_str())
}

/// Whether a bare value is code rather than data: a call (`getpass.getpass()`,
/// `client.fetch_token(url,`) or a command substitution (`$(vault read`), as in the source
/// lines of a stack trace or a shell script.
pub(super) fn looks_like_code(value: &str) -> bool {
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
pub(super) fn is_placeholder(value: &str) -> bool {
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
