use super::*;
use crate::evidence::logs::findings::percent;

/// A combined log of `minutes` minutes from 02:30 UTC: 20 requests a minute to three routes;
/// from `bad_from` on, 6 of the 10 checkout requests a minute fail with 502.
fn log(minutes: u32, bad_from: u32) -> Vec<String> {
    let mut lines = Vec::new();
    for m in 0..minutes {
        let (hour, minute) = (2 + (30 + m) / 60, (30 + m) % 60);
        for i in 0..20u32 {
            let (path, status) = match i % 4 {
                0 | 1 => (
                    format!("/v1/checkout?cart={}", m * 100 + i),
                    if m >= bad_from && i % 10 < 6 {
                        502
                    } else {
                        200
                    },
                ),
                2 => (format!("/v1/orders/{}", 5000 + m * 20 + i), 200),
                _ => ("/healthz".to_owned(), 200),
            };
            lines.push(format!(
                "10.0.0.{} - - [03/Dec/2026:{hour:02}:{minute:02}:{:02} +0000] \"GET {path} HTTP/1.1\" {status} 12 \"-\" \"k6/0.49\" 0.{:03} 0.{:03} 10.1.0.{}:8080\r",
                i % 7,
                i * 2,
                5 + i * 7,
                4 + i * 7,
                i % 3
            ));
        }
    }
    lines
}

fn read(lines: &[String], failing: Failing) -> Picture {
    let mut reader = Reader::new(None, failing);
    for line in lines {
        reader.line(line.as_bytes());
    }
    reader.finish()
}

#[test]
fn the_first_bad_minute_stands_out_from_the_baseline_before_it() {
    let p = read(&log(20, 10), Failing::ServerErrors);
    assert_eq!(p.format, Some(Format::Combined));
    assert_eq!(p.lines, 400);
    assert_eq!(p.unreadable, 0);
    let onset = p.onset().unwrap();
    assert_eq!(
        crate::evidence::logs::findings::minute_label(onset.minute),
        "2026-12-03 02:40 UTC"
    );
    assert!(!onset.at_log_start);
    assert!(onset.baseline < 0.001);
}

#[test]
fn widespread_names_the_route_the_share_and_the_rest_normal() {
    let p = read(&log(20, 10), Failing::ServerErrors);
    let text = p.widespread().unwrap();
    // Since 02:40, 6 of every 10 checkout requests fail: the screen and the summary say so.
    assert_eq!(
        text,
        "60% of /v1/checkout failing (5xx) since 2026-12-03 02:40 UTC, other routes normal (0%)"
    );
}

#[test]
fn routes_upstreams_clients_and_latency_percentiles() {
    let p = read(&log(20, 10), Failing::ServerErrors);
    assert_eq!(p.routes.len(), 3, "{:?}", p.routes.keys());
    let orders = &p.routes[&b"/v1/orders/{id}"[..]];
    assert_eq!(orders.requests, 100);
    let top = p.carriers_since(None, 1);
    assert_eq!(top[0].name, "/v1/checkout");
    assert!(
        top[0].p50_ms.unwrap() > 40 && top[0].p99_ms.unwrap() < 160,
        "{top:?}"
    );
    assert_eq!(p.upstreams.len(), 3);
    assert_eq!(p.clients.len(), 7);
}

#[test]
fn a_log_that_fails_from_its_first_minute_says_the_start_is_earlier() {
    let p = read(&log(5, 0), Failing::ServerErrors);
    let onset = p.onset().unwrap();
    assert!(onset.at_log_start);
    assert!(p.widespread().unwrap().contains("since at least"));
}

#[test]
fn a_quiet_log_has_no_onset_and_a_flat_sparkline() {
    let p = read(&log(10, 99), Failing::ServerErrors);
    assert_eq!(p.onset(), None);
    assert_eq!(p.widespread(), None);
    assert_eq!(p.sparkline(10).trim(), "");
}

#[test]
fn the_sparkline_rises_where_the_failures_start() {
    let p = read(&log(20, 10), Failing::ServerErrors);
    let line = p.sparkline(20);
    assert_eq!(line.chars().count(), 20);
    assert_eq!(line.chars().filter(|c| *c == ' ').count(), 10);
    assert!(line.ends_with('█'));
    // Summed into fewer columns when narrower.
    assert_eq!(p.sparkline(5).chars().count(), 5);
}

#[test]
fn the_failing_code_can_be_a_4xx() {
    let mut lines = log(10, 99);
    lines.push(
        "10.0.0.1 - - [03/Dec/2026:02:39:30 +0000] \"GET /v1/checkout HTTP/1.1\" 429 12 \"-\" \"k6\"".to_owned(),
    );
    let p = read(&lines, Failing::Code(429));
    assert_eq!(p.routes[&b"/v1/checkout"[..]].failing, 1);
    assert_eq!(percent(0.002), "0.2%");
}

#[test]
fn unreadable_lines_are_counted_and_the_first_kept() {
    let mut lines = log(3, 99);
    lines.insert(30, "\u{1b}[31mpanic: runtime error\u{1b}[0m".to_owned());
    lines.insert(31, String::new());
    let p = read(&lines, Failing::ServerErrors);
    assert_eq!(p.unreadable, 1);
    assert!(p.first_unreadable.unwrap().contains("panic"));
    assert_eq!(p.lines, 61);
}

#[test]
fn memory_is_bounded_by_folding_keys_past_the_cap() {
    let mut reader = Reader::new(Some(Format::Combined), Failing::ServerErrors);
    for i in 0..(MAX_KEYS + 500) {
        // Names of letters only, so no two fold into one `{id}` pattern.
        let name: String = (0..4)
            .map(|k| char::from(b'a' + u8::try_from((i / 26usize.pow(k)) % 26).unwrap()))
            .collect();
        reader.line(
            format!(
                "10.{}.{}.{} - - [03/Dec/2026:02:40:00 +0000] \"GET /static/{name}.css HTTP/1.1\" 200 1 \"-\" \"x\"",
                i / 65536,
                (i / 256) % 256,
                i % 256
            )
            .as_bytes(),
        );
    }
    let p = reader.finish();
    assert_eq!(p.routes.len(), MAX_KEYS + 1);
    assert_eq!(p.routes[OTHER].requests, 500);
    assert_eq!(p.clients.len(), MAX_KEYS + 1);
}

#[test]
fn histogram_quantiles_are_within_a_bucket() {
    let mut h = Histogram::default();
    for ms in 1..=1000 {
        h.add(ms);
    }
    let p50 = h.quantile(0.5).unwrap();
    let p99 = h.quantile(0.99).unwrap();
    assert!((450..=560).contains(&p50), "{p50}");
    assert!((900..=1100).contains(&p99), "{p99}");
    assert_eq!(Histogram::default().quantile(0.5), None);
}

#[test]
fn two_readers_merged_count_as_one() {
    let lines = log(20, 10);
    let whole = read(&lines, Failing::ServerErrors);
    let (a, b) = lines.split_at(137);
    let mut first = Reader::new(Some(Format::Combined), Failing::ServerErrors);
    for l in a {
        first.line(l.as_bytes());
    }
    let mut second = Reader::new(Some(Format::Combined), Failing::ServerErrors);
    for l in b {
        second.line(l.as_bytes());
    }
    let mut merged = first.finish();
    merged.merge(second.finish());
    assert_eq!(merged.report(), whole.report());
    assert_eq!(merged.minutes, whole.minutes);
    assert_eq!(merged.route_minutes, whole.route_minutes);
}
