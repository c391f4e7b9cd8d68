//! Which of a team's evidence needs a note meets. A need is met only by evidence of its own
//! kind: a request id by an id with a value, a timestamp by a `Date` header or a written time,
//! gateway logs by log lines in a proxy's or load balancer's format. A `curl -v` transcript that
//! mentions nginx is a response, not a gateway log. `runbooks/README.md` lists the kinds.

use std::collections::BTreeSet;

use super::ids::{find_ids, is_trace_name};
use crate::runbook::model::Need;

/// The needs that `text` meets.
pub fn detect(text: &str) -> BTreeSet<Need> {
    let mut found = BTreeSet::new();
    let lines: Vec<&str> = text.lines().collect();
    for id in find_ids(text) {
        found.insert(if is_trace_name(&id.name) {
            Need::TraceId
        } else {
            Need::RequestId
        });
    }
    let headers: Vec<String> = lines
        .iter()
        .map(|l| header_name(l))
        .filter(|n| !n.is_empty())
        .collect();
    let has_header = |names: &[&str]| {
        headers.iter().any(|h| {
            names
                .iter()
                .any(|n| h == n || (n.ends_with('-') && h.starts_with(n)))
        })
    };
    if has_header(&["date"]) || lines.iter().any(|l| written_time(l)) {
        found.insert(Need::Timestamp);
    }
    if lines.iter().any(|l| request_line(l)) {
        found.insert(Need::FullRequest);
    }
    if lines.iter().any(|l| status_line(l)) {
        found.insert(Need::FullResponse);
    }
    if lines.iter().any(|l| {
        if log_line(l) {
            return false;
        }
        let l = l.trim_start_matches("< ").trim().to_lowercase();
        (l.starts_with('{') && l.contains("\":"))
            || l.starts_with("<html")
            || l.starts_with("<!doctype")
    }) {
        found.insert(Need::ResponseBody);
    }
    let lower = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["\"exp\"", "\"aud\"", "\"iss\""]) || has(&["bearer ey", "token: ey"]) {
        found.insert(Need::TokenClaims);
    }
    // Each log line read once: a proxy's format, or (otherwise) a server's at error level.
    let (gateway_logs, server_logs): (Vec<&str>, Vec<&str>) = lines
        .iter()
        .copied()
        .filter(|l| !transcript_line(l) && log_line(l))
        .partition(|l| gateway_log_line(l));
    if !gateway_logs.is_empty() {
        found.insert(Need::GatewayLogs);
    }
    if server_logs.iter().any(|l| error_level(l)) || stack_trace(text) {
        found.insert(Need::ServerLogs);
    }
    if lines.iter().any(|l| command_line(l)) || has(&["steps to reproduce", "repro:"]) {
        found.insert(Need::Reproduction);
    }
    if has_header(&["retry-after", "x-ratelimit-", "ratelimit-", "ratelimit"]) {
        found.insert(Need::RateLimitHeaders);
    }
    found
}

/// The lower-case name of a header line (`< Date: ...`, `Retry-After: 30`), or "".
fn header_name(line: &str) -> String {
    let line = line
        .trim_start_matches("< ")
        .trim_start_matches("> ")
        .trim();
    let Some((name, _)) = line.split_once(':') else {
        return String::new();
    };
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if is_name {
        name.to_ascii_lowercase()
    } else {
        String::new()
    }
}

/// A line of a `curl -v` transcript (request, response, connection notes), never a log line.
fn transcript_line(line: &str) -> bool {
    ["> ", "< ", "* ", "{ [", "} ["]
        .iter()
        .any(|p| line.starts_with(p))
        || matches!(line.trim_end(), ">" | "<")
}

fn request_line(line: &str) -> bool {
    let l = line.trim_start_matches("> ").trim_start();
    [
        "GET ", "POST ", "PUT ", "PATCH ", "DELETE ", "HEAD ", "OPTIONS ",
    ]
    .iter()
    .any(|m| l.starts_with(m) && l.contains("HTTP/"))
}

fn status_line(line: &str) -> bool {
    let l = line.trim_start_matches("< ").trim_start();
    l.starts_with("HTTP/")
        && l.split_whitespace()
            .nth(1)
            .is_some_and(|s| s.len() == 3 && s.parse::<u16>().is_ok())
}

/// A command that reproduces the call: `curl ...`, `$ curl ...`, `http POST ...` (`HTTPie`).
fn command_line(line: &str) -> bool {
    let l = super::command_line::after_prompt(line);
    let mut words = l.split_whitespace();
    match words.next() {
        Some("curl" | "wget" | "grpcurl") => true,
        // HTTPie: `http [METHOD] URL`; an ALB log line also starts with `https`, then a time.
        Some("http" | "https") => words.next().is_some_and(|next| {
            next.contains("://")
                || next.starts_with(':')
                || next.contains('/') && !next.starts_with(|c: char| c.is_ascii_digit())
                || ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].contains(&next)
        }),
        _ => false,
    }
}

/// A log line: it carries a time of its own near its start (ISO, nginx error log, common log
/// format), or it is a JSON object with a time or level field.
fn log_line(line: &str) -> bool {
    let l = strip_pod_prefix(line.trim_start());
    let head: String = l.chars().take(64).collect();
    if iso_time(&head) || slashed_time(&head) || clf_time(&head) {
        return true;
    }
    let lower = l.to_lowercase();
    l.starts_with('{')
        && [
            "\"time",
            "\"ts\"",
            "\"timestamp\"",
            "\"level\"",
            "\"@timestamp\"",
        ]
        .iter()
        .any(|k| lower.contains(k))
}

/// `kubectl logs --prefix` puts `[pod/name/container] ` before each line.
fn strip_pod_prefix(line: &str) -> &str {
    if line.starts_with("[pod/")
        && let Some(end) = line.find("] ")
    {
        return &line[end + 2..];
    }
    line
}

/// A log line in a format only a proxy, load balancer or CDN writes: nginx's error log
/// (`2026/11/23 09:12:03 [error] 31#31: *4 connect() failed ... upstream: ...`), an access log
/// line with a request and its status (nginx, Envoy, `HAProxy`, the common log format), or an
/// ALB access log entry.
fn gateway_log_line(line: &str) -> bool {
    let l = strip_pod_prefix(line.trim_start());
    let lower = l.to_lowercase();
    let nginx_error = slashed_time(l)
        && ["[error]", "[crit]", "[warn]", "[alert]", "[emerg]"]
            .iter()
            .any(|lv| lower.contains(lv));
    let access = lower.contains("\" ")
        && [
            "\"get ",
            "\"post ",
            "\"put ",
            "\"patch ",
            "\"delete ",
            "\"head ",
            "\"options ",
        ]
        .iter()
        .any(|m| lower.contains(m))
        && lower.contains(" http/");
    let alb = ["http ", "https ", "h2 ", "grpcs ", "ws ", "wss "]
        .iter()
        .any(|p| lower.starts_with(p))
        && iso_time(&l.chars().take(40).collect::<String>());
    let proxy_words = [
        "upstream:",
        "upstream_addr",
        "haproxy[",
        "envoy",
        "response_flags",
        "upstream_status",
    ]
    .iter()
    .any(|w| lower.contains(w));
    nginx_error || access || alb || (proxy_words && error_level(l))
}

/// A log line at error level or worse.
fn error_level(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "level=error",
        "level=fatal",
        "\"level\":\"error\"",
        "\"level\": \"error\"",
        "\"level\":\"fatal\"",
        " error ",
        " error:",
        "[error]",
        " err ",
        "exception",
        "panic",
        " fatal ",
        "[crit]",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// A stack trace pasted from a server log.
fn stack_trace(text: &str) -> bool {
    text.contains("Traceback (most recent call last)")
        || text.contains("panicked at")
        || text
            .lines()
            .filter(|l| l.trim_start().starts_with("at ") && l.contains('('))
            .count()
            >= 2
        || text.contains("goroutine ") && text.contains("[running]")
}

/// Whether `text` holds `2026-11-23T09:12:03` or `2026-11-23 09:12:03`.
fn iso_time(text: &str) -> bool {
    text.as_bytes().windows(19).any(|w| {
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

/// nginx's error log time: `2026/11/23 09:12:03`.
fn slashed_time(text: &str) -> bool {
    text.as_bytes().windows(19).any(|w| {
        let digit = |i: usize| w[i].is_ascii_digit();
        (0..4).all(digit)
            && w[4] == b'/'
            && digit(5)
            && digit(6)
            && w[7] == b'/'
            && digit(8)
            && digit(9)
            && w[10] == b' '
            && digit(11)
            && digit(12)
            && w[13] == b':'
            && w[16] == b':'
    })
}

/// The common log format's time: `[23/Nov/2026:09:12:03 +0000]`.
fn clf_time(text: &str) -> bool {
    text.as_bytes().windows(21).any(|w| {
        let digit = |i: usize| w[i].is_ascii_digit();
        w[0] == b'['
            && digit(1)
            && digit(2)
            && w[3] == b'/'
            && w[4..7].iter().all(u8::is_ascii_alphabetic)
            && w[7] == b'/'
            && (8..12).all(digit)
            && w[12] == b':'
            && digit(13)
            && digit(14)
            && w[15] == b':'
    })
}

/// A time written down with its zone: an ISO or log timestamp, or `09:12 UTC`, `09:12:03Z`,
/// `09:12 +01:00`. A bare `09:12` says nothing about the zone and does not count.
fn written_time(line: &str) -> bool {
    if iso_time(line) || slashed_time(line) || clf_time(line) {
        return true;
    }
    let bytes = line.as_bytes();
    (0..bytes.len().saturating_sub(4)).any(|i| {
        let digit = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
        let starts_clean = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if !(starts_clean
            && digit(i)
            && digit(i + 1)
            && bytes[i + 2] == b':'
            && digit(i + 3)
            && digit(i + 4))
        {
            return false;
        }
        let mut end = i + 5;
        if bytes.get(end) == Some(&b':') && digit(end + 1) && digit(end + 2) {
            end += 3;
        }
        let rest = line[end..].trim_start();
        let zone: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        line[end..].starts_with('Z')
            || rest.starts_with('+')
            || rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
            || (2..=5).contains(&zone.len()) && zone.chars().all(|c| c.is_ascii_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_verbose_output_is_a_response_not_a_gateway_log() {
        let text = "$ curl -sv https://api.example.com/v1/orders\n\
                    > GET /v1/orders HTTP/1.1\n> Host: api.example.com\n\
                    < HTTP/1.1 502 Bad Gateway\n< Date: Mon, 23 Nov 2026 09:12:03 GMT\n\
                    < x-request-id: 7f3c9a1b\n< server: nginx\n\n<html><body>502 upstream</body></html>\n";
        let needs = detect(text);
        for need in [
            Need::FullRequest,
            Need::FullResponse,
            Need::RequestId,
            Need::Timestamp,
            Need::ResponseBody,
            Need::Reproduction,
        ] {
            assert!(needs.contains(&need), "{need:?} in {needs:?}");
        }
        for need in [Need::GatewayLogs, Need::ServerLogs, Need::TokenClaims] {
            assert!(!needs.contains(&need), "{need:?} in {needs:?}");
        }
    }

    #[test]
    fn a_response_without_a_date_or_id_meets_neither() {
        let needs = detect("HTTP/1.1 502 Bad Gateway\nServer: nginx\n\n<html>bad gateway</html>");
        assert!(!needs.contains(&Need::Timestamp), "{needs:?}");
        assert!(!needs.contains(&Need::RequestId), "{needs:?}");
        // Naming the header without a value is not an id.
        assert!(!detect("we should find the x-request-id").contains(&Need::RequestId));
    }

    #[test]
    fn nginx_error_and_access_logs_are_gateway_logs() {
        let error = "[pod/ingress-nginx-controller-7d9f/controller] 2026/11/23 09:12:03 [error] 31#31: *4187 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.3.7, upstream: \"http://10.1.4.22:8080/v1/orders\"";
        let needs = detect(error);
        assert!(needs.contains(&Need::GatewayLogs), "{needs:?}");
        assert!(needs.contains(&Need::Timestamp), "{needs:?}");
        assert!(!needs.contains(&Need::ServerLogs), "{needs:?}");
        let access = "10.0.3.7 - - [23/Nov/2026:09:12:03 +0000] \"POST /v1/orders HTTP/1.1\" 502 157 \"-\" \"curl/8.5.0\" 512 0.004 [shop-orders-8080] [] 10.1.4.22:8080 0 0.004 502 7f3c9a1b";
        assert!(detect(access).contains(&Need::GatewayLogs));
        let alb = "https 2026-11-23T09:12:03.123456Z app/prod-alb/50dc6c495c0c9188 203.0.113.7:46532 10.1.4.22:8080 0.000 -1 -1 502 - 34 366 \"POST https://api.example.com:443/v1/orders HTTP/1.1\" \"curl/8.5.0\"";
        assert!(detect(alb).contains(&Need::GatewayLogs));
    }

    #[test]
    fn app_log_lines_with_a_trace_and_timestamp_are_server_logs() {
        let needs =
            detect("2026-11-23T09:12:03Z level=error msg=\"db timeout\" trace_id=4bf92f3577b34da6");
        assert!(needs.contains(&Need::Timestamp));
        assert!(needs.contains(&Need::TraceId));
        assert!(needs.contains(&Need::ServerLogs));
        assert!(!needs.contains(&Need::GatewayLogs));
        let json = r#"{"ts":"2026-11-23T09:12:03Z","level":"error","msg":"upstream db refused","request_id":"7f3c9a1b"}"#;
        let needs = detect(json);
        assert!(needs.contains(&Need::ServerLogs), "{needs:?}");
        assert!(needs.contains(&Need::RequestId), "{needs:?}");
    }

    #[test]
    fn a_typed_time_with_its_zone_is_a_timestamp_a_bare_one_is_not() {
        assert!(detect("first failures at 09:12 UTC").contains(&Need::Timestamp));
        assert!(detect("started 09:12:03Z").contains(&Need::Timestamp));
        assert!(detect("since 10:12 +01:00").contains(&Need::Timestamp));
        assert!(!detect("since about 09:12").contains(&Need::Timestamp));
    }

    #[test]
    fn rate_limit_headers_are_headers_not_words() {
        assert!(detect("< HTTP/2 429\n< retry-after: 30\n").contains(&Need::RateLimitHeaders));
        assert!(
            !detect("customer says the rate limit is too low").contains(&Need::RateLimitHeaders)
        );
    }

    #[test]
    fn plain_prose_meets_nothing() {
        assert!(detect("customers say checkout is slow").is_empty());
    }
}
