//! What the headers say of a body the paste shows empty: left out (a HEAD request, a
//! headers-only paste, a paste cut inside its headers) or sent empty (`Content-Length: 0`).

use super::Seen;

/// The body was left out of the paste (a HEAD request, `curl -I`, headers only) rather than
/// empty: a Content-Length above zero says so, and so does a paste cut inside its headers
/// (unless what it kept says the body was empty).
pub(super) fn body_not_shown(seen: &Seen<'_>) -> bool {
    seen.response
        .method
        .as_deref()
        .is_some_and(|m| m.eq_ignore_ascii_case("head"))
        || declares_a_body(seen)
        || seen.response.headers_cut && !says_length_zero(seen)
}

/// `Content-Length: 0`: the headers say the body was empty, whatever the paste shows.
pub(super) fn says_length_zero(seen: &Seen<'_>) -> bool {
    seen.values("content-length").any(|v| v.trim() == "0")
}

/// `Content-Length` says a body above zero was sent, or `Content-Encoding` says one was
/// compressed (no hop compresses nothing): a paste without it left the body out.
pub(super) fn declares_a_body(seen: &Seen<'_>) -> bool {
    seen.values("content-length")
        .any(|v| v.trim().parse::<u64>().is_ok_and(|n| n > 0))
        || seen
            .values("content-encoding")
            .any(|v| !v.trim().is_empty() && !v.trim().eq_ignore_ascii_case("identity"))
}
