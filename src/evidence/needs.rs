//! Which of a team's evidence needs a note fills, recognised from the forms engineers paste:
//! `curl -v` output, headers, log lines, JSON error bodies.

use std::collections::BTreeSet;

use crate::runbook::model::Need;

/// The needs that `text` fills.
pub fn detect(text: &str) -> BTreeSet<Need> {
    let mut found = BTreeSet::new();
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&[
        "x-request-id",
        "x-correlation-id",
        "request-id:",
        "request_id",
        "requestid",
        "x-amzn-requestid",
        "x-amz-cf-id",
        "cf-ray",
    ]) {
        found.insert(Need::RequestId);
    }
    if has(&[
        "traceparent",
        "trace_id",
        "trace-id",
        "x-b3-traceid",
        "x-amzn-trace-id",
        "x-cloud-trace-context",
    ]) {
        found.insert(Need::TraceId);
    }
    if has(&["\ndate:", "< date:"]) || lower.starts_with("date:") || contains_iso_timestamp(text) {
        found.insert(Need::Timestamp);
    }
    let request_line = text.lines().any(|l| {
        let l = l.trim_start_matches("> ").trim_start();
        [
            "GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", "OPTIONS ",
        ]
        .iter()
        .any(|m| l.starts_with(m) && l.contains("HTTP/"))
    });
    if request_line {
        found.insert(Need::FullRequest);
    }
    let status_line = text.lines().any(|l| {
        let l = l.trim_start_matches("< ").trim_start();
        l.starts_with("HTTP/")
            && l.split_whitespace()
                .nth(1)
                .is_some_and(|s| s.len() == 3 && s.parse::<u16>().is_ok())
    });
    if status_line {
        found.insert(Need::FullResponse);
    }
    if text.lines().any(|l| {
        let l = l.trim_start_matches("< ").trim();
        (l.starts_with('{') && l.contains("\":"))
            || l.starts_with("<html")
            || l.starts_with("<!doctype")
    }) {
        found.insert(Need::ResponseBody);
    }
    if has(&["\"exp\"", "\"aud\"", "\"iss\""]) || has(&["bearer ey", "token: ey"]) {
        found.insert(Need::TokenClaims);
    }
    if has(&[
        "level=error",
        "\"level\":\"error\"",
        " error ",
        "exception",
        "stack trace",
        "traceback",
    ]) {
        found.insert(Need::ServerLogs);
    }
    if has(&[
        "upstream", "nginx", "envoy", "haproxy", "ingress", "elb", "alb",
    ]) {
        found.insert(Need::GatewayLogs);
    }
    if has(&["curl ", "http ", "steps to reproduce", "repro:"]) {
        found.insert(Need::Reproduction);
    }
    if has(&["retry-after", "x-ratelimit", "ratelimit-"]) {
        found.insert(Need::RateLimitHeaders);
    }
    found
}

/// Whether the text holds something like `2026-11-23T09:12:03` or `2026-11-23 09:12:03`.
fn contains_iso_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(19).any(|w| {
        let digit = |i: usize| w[i].is_ascii_digit();
        (0..4).all(digit)
            && w[4] == b'-'
            && digit(5)
            && digit(6)
            && w[7] == b'-'
            && digit(8)
            && digit(9)
            && (w[10] == b'T' || w[10] == b' ')
            && digit(11)
            && digit(12)
            && w[13] == b':'
            && digit(14)
            && digit(15)
            && w[16] == b':'
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_verbose_output_fills_request_response_and_ids() {
        let text = "$ curl -sv https://api.example.com/v1/orders\n\
                    > GET /v1/orders HTTP/1.1\n> Host: api.example.com\n\
                    < HTTP/1.1 502 Bad Gateway\n< Date: Mon, 23 Nov 2026 09:12:03 GMT\n\
                    < x-request-id: 7f3c\n< server: nginx\n\n<html><body>502</body></html>\n";
        let needs = detect(text);
        for need in [
            Need::FullRequest,
            Need::FullResponse,
            Need::RequestId,
            Need::Timestamp,
            Need::ResponseBody,
            Need::GatewayLogs,
            Need::Reproduction,
        ] {
            assert!(needs.contains(&need), "{need:?} in {needs:?}");
        }
        assert!(!needs.contains(&Need::TokenClaims));
    }

    #[test]
    fn log_lines_with_a_trace_and_timestamp() {
        let needs = detect("2026-11-23T09:12:03Z level=error msg=\"db timeout\" trace_id=abc");
        assert!(needs.contains(&Need::Timestamp));
        assert!(needs.contains(&Need::TraceId));
        assert!(needs.contains(&Need::ServerLogs));
    }

    #[test]
    fn plain_prose_fills_nothing() {
        assert!(detect("customers say checkout is slow").is_empty());
    }
}
