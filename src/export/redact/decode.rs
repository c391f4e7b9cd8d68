//! Decoding base64 runs to look inside them.

use super::*;

pub(super) const BASE64_CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_encode_padding(false)
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
pub(super) const BASE64_STANDARD: GeneralPurpose =
    GeneralPurpose::new(&alphabet::STANDARD, BASE64_CONFIG);
pub(super) const BASE64_URL_SAFE: GeneralPurpose =
    GeneralPurpose::new(&alphabet::URL_SAFE, BASE64_CONFIG);

/// The text a base64 run (standard or url-safe, padded or not) stands for, when it is
/// printable UTF-8; `None` for binary data and for runs that are not base64.
pub(super) fn decode_base64_text(run: &str) -> Option<String> {
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
pub(super) fn looks_like_credentials(decoded: &str) -> bool {
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
