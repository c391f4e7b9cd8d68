//! Routes grouped by pattern, so `/v1/orders/8812` and `/v1/orders/9921` count as one:
//! segments that are numbers, UUIDs, long hex or base64-ish tokens, or mix letters and
//! digits like an id (`ord_8Kx2Pq9`) become `{id}`; the query string is dropped.

/// Writes the pattern of `path` into `out` (cleared first).
pub fn pattern_into(path: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let path = match path.iter().position(|b| *b == b'?' || *b == b'#') {
        Some(i) => &path[..i],
        None => path,
    };
    // A full URL (ALB logs, proxies' absolute-form requests): keep only the path.
    let path = match find_subslice(path, b"://") {
        Some(i) => {
            let after = &path[i + 3..];
            match after.iter().position(|b| *b == b'/') {
                Some(j) => &after[j..],
                None => b"/",
            }
        }
        None => path,
    };
    if path.is_empty() {
        out.push(b'/');
        return;
    }
    for (i, segment) in path.split(|b| *b == b'/').enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        if looks_like_id(segment) {
            out.extend_from_slice(b"{id}");
        } else {
            out.extend_from_slice(segment);
        }
    }
}

fn find_subslice(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether a path segment is an identifier rather than a name.
pub fn looks_like_id(segment: &[u8]) -> bool {
    if segment.is_empty() {
        return false;
    }
    let digits = segment.iter().filter(|b| b.is_ascii_digit()).count();
    if digits == segment.len() {
        return true;
    }
    let hex = segment.iter().all(u8::is_ascii_hexdigit);
    // A UUID: 36 characters, hex and four dashes.
    #[expect(clippy::naive_bytecount, reason = "a path segment, no crate for it")]
    let dashes = segment.iter().filter(|b| **b == b'-').count();
    if segment.len() == 36
        && dashes == 4
        && segment.iter().all(|b| b.is_ascii_hexdigit() || *b == b'-')
    {
        return true;
    }
    if hex && segment.len() >= 8 && digits > 0 {
        return true;
    }
    // Letters and digits mixed in a long token (`ord_8Kx2Pq9`, `a1b2c3d4e5`): an id; a
    // version (`v1`) or a short name with a digit (`s3`) is not.
    let alnum = segment
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='));
    alnum && segment.len() >= 8 && digits >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(path: &str) -> String {
        let mut out = Vec::new();
        pattern_into(path.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ids_of_every_kind_become_one_pattern() {
        assert_eq!(pattern("/v1/orders/8812?expand=items"), "/v1/orders/{id}");
        assert_eq!(
            pattern("/v1/users/3f2b8c1e-9d4a-4f6b-8e2a-1c5d7e9f0a2b/cart"),
            "/v1/users/{id}/cart"
        );
        assert_eq!(pattern("/blobs/9f86d081884c7d65"), "/blobs/{id}");
        assert_eq!(pattern("/v1/orders/ord_8Kx2Pq9z"), "/v1/orders/{id}");
        assert_eq!(pattern("/v2/s3/health"), "/v2/s3/health");
        assert_eq!(pattern("/checkout"), "/checkout");
        assert_eq!(pattern(""), "/");
    }

    #[test]
    fn absolute_urls_keep_only_their_path() {
        assert_eq!(
            pattern("http://api.example.com:80/v1/orders/42"),
            "/v1/orders/{id}"
        );
        assert_eq!(pattern("https://api.example.com"), "/");
    }

    #[test]
    fn words_are_not_ids() {
        for word in ["orders", "deadbeef", "v1", "healthz", "abc-def"] {
            assert!(!looks_like_id(word.as_bytes()), "{word}");
        }
    }
}
