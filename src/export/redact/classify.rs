//! Judging a name or a value: a credential or an identifier, a placeholder, code, prose.

use super::{OTHER_SCHEMES, PAGING_WORDS, PUBLIC_KEY_WORDS, SINGLE_TOKEN_SCHEMES};

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
        // A `routing_key` (or `Routing-Key`) is redacted whatever its value: most often it
        // is `PagerDuty`'s integration key, and a queue's routing key lost is little (fail
        // closed).
        [.., before, last] if last == "key" => {
            before == "routing" || !PUBLIC_KEY_WORDS.contains(&before.as_str())
        }
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

/// Words that make a value a sentence rather than a secret: a validation message
/// (`must be at least 12 characters`) or a typed note (`expired 3 min before the request`).
const PROSE_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "must",
    "should",
    "not",
    "no",
    "at",
    "least",
    "before",
    "after",
    "of",
    "to",
    "for",
    "in",
    "on",
    "with",
    "without",
    "from",
    "and",
    "or",
    "but",
    "it",
    "this",
    "that",
    "has",
    "have",
    "had",
    "does",
    "did",
    "can",
    "cannot",
    "could",
    "would",
    "will",
    "expired",
    "expires",
    "invalid",
    "missing",
    "required",
    "too",
    "short",
    "long",
    "characters",
    "chars",
    "minutes",
    "min",
    "seconds",
    "sec",
    "ago",
    "when",
    "than",
    "still",
    "only",
    "again",
    "never",
    "by",
    "we",
    "i",
    "our",
    "my",
    "looks",
    "seems",
    "same",
    "wrong",
    "empty",
    "rotated",
    "revoked",
    "see",
    "because",
    "since",
    "until",
    "they",
    "them",
    "their",
    "there",
    "here",
    "use",
    "used",
    "uses",
    "using",
    "via",
    "its",
    "involved",
    "insecure",
    "instead",
    "please",
    "yes",
    "also",
    "just",
];

/// Whether a value is a sentence about a secret, not the secret: three or more words, at
/// least two of them everyday words, and no word that looks random. A passphrase of plain
/// words (`correct horse battery staple`) has no such words and stays a secret.
pub(super) fn is_prose(value: &str) -> bool {
    let words: Vec<&str> = value
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 3 || words.iter().any(|w| looks_random(w)) {
        return false;
    }
    let everyday = words
        .iter()
        .filter(|w| PROSE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        .count();
    everyday >= 2 && everyday * 4 >= words.len()
}

/// Whether a word looks machine-made: long and mixing letters with digits or symbols, or
/// long with high entropy (a password, a key, a token), rather than a word or a number.
pub(super) fn looks_random(word: &str) -> bool {
    let len = word.chars().count();
    if len < 8 || is_word_chain(word) {
        return false;
    }
    let letters = word.chars().filter(char::is_ascii_alphabetic).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    let upper = word.chars().filter(char::is_ascii_uppercase).count();
    let lower = word.chars().filter(char::is_ascii_lowercase).count();
    let symbols = len - letters - digits;
    if letters > 0 && (digits > 0 || symbols > 0) && len >= 10 {
        return entropy(word) >= 3.0;
    }
    // Mixed case without digits (a base64 run) or long hex.
    (upper > 0 && lower > 0 && upper * 5 >= len && len >= 16 && entropy(word) >= 3.5)
        || (len >= 32 && word.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Whether a word is made of words: letters-only parts and short numbers joined by `.`,
/// `_`, `-` or `/` (`invoice.pdf`, `client.fetch_token`, `http.request.header.authorization`).
fn is_word_chain(word: &str) -> bool {
    word.split(['.', '_', '-', '/'])
        .filter(|part| !part.is_empty())
        .all(|part| {
            (part.len() <= 15 && part.chars().all(|c| c.is_ascii_alphabetic()) && {
                // Mixed case inside a part (`aB3dE`-like runs) is not a word.
                let upper = part.chars().filter(char::is_ascii_uppercase).count();
                upper <= 1 || upper == part.len()
            }) || (part.len() <= 4 && part.chars().all(|c| c.is_ascii_digit()))
        })
}

/// Shannon entropy in bits per character.
pub(super) fn entropy(s: &str) -> f64 {
    let mut counts = std::collections::HashMap::new();
    let mut total = 0_u32;
    for c in s.chars() {
        *counts.entry(c).or_insert(0_u32) += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    let total = f64::from(total);
    counts
        .values()
        .map(|&n| {
            let p = f64::from(n) / total;
            -p * p.log2()
        })
        .sum()
}

/// Whether a value is a file path or object key (`uploads/2026/11/invoice.pdf`), which a
/// `key=` parameter often names: segments of words, numbers and an extension.
pub(super) fn looks_like_path(value: &str) -> bool {
    let segments: Vec<&str> = value.trim_matches('/').split('/').collect();
    segments.len() >= 2
        && segments.iter().all(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '%'))
                && !looks_random(s)
        })
}

/// How much of a value that runs to the end of a line is the secret: a token-like first
/// word alone when other words follow (`abc123XYZ request_id=req-7`), else all of it (a
/// passphrase with spaces).
pub(super) fn secret_extent(value: &str) -> usize {
    let trimmed = value.trim_end();
    if trimmed.contains('\n') {
        // A block (a YAML block scalar): all of it.
        return trimmed.len();
    }
    match trimmed.find([' ', '\t']) {
        Some(gap)
            if looks_random(&trimmed[..gap])
                || trimmed[..gap].ends_with([',', ';'])
                || &trimmed[..gap] == super::MARK =>
        {
            trimmed[..gap].trim_end_matches([',', ';']).len()
        }
        _ => trimmed.len(),
    }
}

/// Whether a `*_key` name is an identifier even when its value looks random: only the words
/// of [`header_name_is_public`] that never name a credential (a `PagerDuty` `routing_key` does).
pub(super) fn name_is_public_for_random(name: &str) -> bool {
    match key_words(name).as_slice() {
        [.., before, _] => before != "routing" && header_name_is_public(name),
        _ => false,
    }
}

/// Whether the word before a name makes it public: `# public key: age1...`.
pub(super) fn after_public_word(text: &str, at: usize) -> bool {
    // Only the few bytes before the name matter; never copy the whole text per match.
    let mut from = at.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text[from..at].trim_end_matches([' ', '_', '-', '.']);
    before.to_ascii_lowercase().ends_with("public")
}
