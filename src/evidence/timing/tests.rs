//! Timing read from real captures (`tests/fixtures/timing/`, made with curl 7.88.1 against
//! local servers: Python's http.server, an HTTPS one, nginx 1.22.1 in front of a server that
//! never answers, and mitmproxy 11 writing a HAR), as they arrive: CR line breaks from a
//! terminal, stderr and stdout interleaved.

use super::*;
use crate::runbook::TimeoutCard;

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!("../../../tests/fixtures/timing/", $name))
    };
}

fn phases(timing: &Timing) -> Vec<(Phase, u64)> {
    timing.phases.iter().map(|p| (p.phase, p.micros)).collect()
}

fn table() -> Vec<TimeoutCard> {
    let card = |product: &str, setting: &str, millis, team| TimeoutCard {
        product: product.into(),
        setting: setting.into(),
        millis,
        source: format!("{product} docs"),
        team,
    };
    vec![
        card("nginx", "proxy_read_timeout", 60_000, false),
        card("AWS ALB", "idle timeout", 60_000, false),
        card("AWS API Gateway", "integration timeout", 29_000, false),
        card("gunicorn", "timeout", 30_000, false),
        card("payments-api", "client timeout", 1_200, true),
    ]
}

#[test]
fn the_runners_format_over_plain_http_has_no_tls_phase() {
    let t = read(fixture!("runner-slow.txt")).unwrap();
    assert_eq!(t.source, Source::CurlWriteOut);
    assert_eq!(
        phases(&t),
        [
            (Phase::Dns, 28),
            (Phase::Connect, 117),
            (Phase::Wait, 1_201_179),
            (Phase::Download, 118),
        ]
    );
    assert_eq!(t.total_micros, 1_201_442);
    assert_eq!(
        (t.http_code, t.remote_ip.as_deref()),
        (Some(504), Some("127.0.0.1"))
    );
    assert_eq!(t.unfinished, None);
    let sum: u64 = t.phases.iter().map(|p| p.micros).sum();
    assert_eq!(
        sum, t.total_micros,
        "curl's marks are cumulative: the phases add up"
    );
}

#[test]
fn over_https_the_tls_handshake_is_its_own_phase() {
    let t = read(fixture!("runner-tls.txt")).unwrap();
    assert_eq!(
        phases(&t),
        [
            (Phase::Dns, 28),
            (Phase::Connect, 295),
            (Phase::Tls, 6_775),
            (Phase::Wait, 922),
            (Phase::Download, 99),
        ]
    );
    assert_eq!(t.http_code, Some(200));
}

#[test]
fn a_refused_connection_and_a_timeout_end_in_the_phase_they_were_in() {
    let refused = read(fixture!("runner-refused.txt")).unwrap();
    assert_eq!(refused.unfinished, Some(Phase::Connect));
    assert_eq!(phases(&refused), [(Phase::Dns, 17), (Phase::Connect, 135)]);
    assert_eq!(refused.http_code, None, "000 is no status");
    assert_eq!(refused.remote_ip, None);
    let timeout = read(fixture!("runner-timeout.txt")).unwrap();
    assert_eq!(timeout.unfinished, Some(Phase::Wait));
    assert_eq!(
        phases(&timeout),
        [
            (Phase::Dns, 32),
            (Phase::Connect, 213),
            (Phase::Wait, 500_459)
        ]
    );
    assert!(
        timeout
            .heading()
            .contains("no answer: it ended during waiting for the first byte")
    );
}

#[test]
fn a_pasted_curl_format_txt_with_crlf_padding_and_units() {
    let text = fixture!("blog-format-pty.txt");
    assert!(text.contains("s\r\n"), "as the terminal gave it");
    let t = read(text).unwrap();
    assert_eq!(
        phases(&t),
        [
            (Phase::Dns, 28),
            (Phase::Connect, 514),
            (Phase::Wait, 1_201_104),
            (Phase::Download, 110),
        ]
    );
    assert_eq!(t.http_code, None);
    // Colour codes from a terminal do not hide a label.
    let coloured = text.replace("time_total", "\u{1b}[1mtime_total\u{1b}[0m");
    assert_eq!(read(&coloured).unwrap().total_micros, 1_201_756);
    let tls = read(fixture!("blog-format-tls-slow.txt")).unwrap();
    assert_eq!(tls.phase(Phase::Tls), Some(5_700));
}

#[test]
fn looser_labels_and_curls_json() {
    let t = read(
        "Lookup time:\t0.012\nConnect time:\t0.045\nAppCon time:\t0.120\nPreXfer time:\t0.121\n\
         StartXfer time:\t29.130\nTotal time:\t29.131\n",
    )
    .unwrap();
    assert_eq!(t.phase(Phase::Wait), Some(29_010_000));
    assert_eq!(t.total_micros, 29_131_000);
    let json = read(
        "{\"content_type\":\"application/json\",\"http_code\":502,\"remote_ip\":\"10.0.3.7\",\
         \"time_appconnect\":0.02,\"time_connect\":0.01,\"time_namelookup\":0.004,\
         \"time_pretransfer\":0.021,\"time_redirect\":0,\"time_starttransfer\":0.5,\
         \"time_total\":0.51}",
    )
    .unwrap();
    assert_eq!(json.http_code, Some(502));
    assert_eq!(json.phase(Phase::Tls), Some(10_000));
    assert_eq!(json.remote_ip.as_deref(), Some("10.0.3.7"));
}

#[test]
fn with_redirects_curl_adds_the_phases_up_and_says_how_long_the_redirects_took() {
    let t = read(fixture!("runner-redirect.txt")).unwrap();
    assert!(t.redirect_micros.is_some_and(|r| r > 0));
    assert!(t.heading().contains("on redirects"), "{}", t.heading());
    let trace = read(fixture!("trace-redirect.txt")).unwrap();
    assert_eq!(trace.source, Source::CurlTrace);
    // The final request's own connection: 09:12:08.205259 to .205306.
    assert_eq!(trace.phase(Phase::Connect), Some(47));
    assert!(trace.redirect_micros.is_some_and(|r| r > 1_000));
}

#[test]
fn a_trace_time_transcript_gives_connect_tls_wait_and_download() {
    let slow = read(fixture!("trace-slow.txt")).unwrap();
    assert_eq!(slow.source, Source::CurlTrace);
    assert_eq!(
        phases(&slow),
        [
            (Phase::Connect, 160),
            (Phase::Wait, 1_201_451),
            (Phase::Download, 138),
        ]
    );
    assert_eq!(slow.total_micros, 1_201_749);
    let tls = read(fixture!("trace-tls.txt")).unwrap();
    assert_eq!(tls.phase(Phase::Tls), Some(4_397));
    let timeout = read(fixture!("trace-timeout.txt")).unwrap();
    assert_eq!(timeout.unfinished, Some(Phase::Wait));
    assert_eq!(timeout.total_micros, 500_433);
}

#[test]
fn a_trace_that_runs_past_midnight() {
    let t = read(
        "23:59:59.900000 *   Trying 10.0.0.1:443...\n23:59:59.950000 * Connected to a (10.0.0.1) port 443\n\
         23:59:59.950100 > GET / HTTP/1.1\n23:59:59.950100 > Host: a\n00:00:01.000000 < HTTP/1.1 200 OK\n\
         00:00:01.000200 * Connection #0 to host a left intact\n",
    )
    .unwrap();
    assert_eq!(t.total_micros, 1_100_200);
    assert_eq!(t.phase(Phase::Wait), Some(1_050_000));
}

#[test]
fn a_har_entry_whose_tool_keeps_tls_apart_from_connect() {
    // mitmproxy writes `ssl` beside `connect`, not inside it as the HAR spec says; the
    // entry's `time` shows it.
    let t = read(fixture!("capture.har")).unwrap();
    assert_eq!(t.source, Source::Har);
    assert_eq!(
        phases(&t),
        [
            (Phase::Connect, 685),
            (Phase::Tls, 28_216),
            (Phase::Wait, 1_203_060),
            (Phase::Download, 1_033),
        ]
    );
    assert_eq!(t.total_micros, 1_232_994);
    assert_eq!(
        (t.http_code, t.remote_ip.as_deref()),
        (Some(504), Some("127.0.0.1"))
    );
}

#[test]
fn a_har_entry_as_browsers_write_it_has_tls_inside_connect() {
    // The shape Chrome and Firefox export, per the HAR 1.2 spec: -1 where a phase does not
    // apply, `ssl` counted inside `connect`, `time` the sum of the others.
    let har = r#"{"log":{"version":"1.2","entries":[{"startedDateTime":"2026-12-03T09:10:26.840Z",
        "time":60123.5,"request":{"method":"GET","url":"https://api.example.com/v1/orders"},
        "response":{"status":504,"statusText":"Gateway Timeout","headers":[]},
        "timings":{"blocked":1.5,"dns":12.0,"connect":40.0,"ssl":25.0,"send":0.5,
        "wait":60068.5,"receive":1.0,"_blocked_queueing":0.8},"serverIPAddress":"203.0.113.7"}]}}"#;
    let t = read(har).unwrap();
    assert_eq!(
        phases(&t),
        [
            (Phase::Queued, 1_500),
            (Phase::Dns, 12_000),
            (Phase::Connect, 15_000),
            (Phase::Tls, 25_000),
            (Phase::Wait, 60_069_000),
            (Phase::Download, 1_000),
        ]
    );
    let flags = at_known_defaults(&t, &table());
    assert_eq!(flags.len(), 2, "{flags:?}");
    assert_eq!(
        flags[0].sentence,
        "60.1 s in total: the same as nginx's default proxy_read_timeout (60 s)"
    );
    let no_tls = read(
        &har.replace("\"ssl\":25.0", "\"ssl\":-1")
            .replace("60123.5", "60098.5"),
    )
    .unwrap();
    assert_eq!(no_tls.phase(Phase::Tls), None);
    assert_eq!(no_tls.phase(Phase::Connect), Some(40_000));
}

#[test]
fn nginx_gives_up_at_its_default_60_seconds_and_the_reading_says_so() {
    let t = read(fixture!("nginx-504-runner.txt")).unwrap();
    assert_eq!(t.total_micros, 60_052_351);
    let flags = at_known_defaults(&t, &table());
    let sentences: Vec<&str> = flags.iter().map(|f| f.sentence.as_str()).collect();
    assert_eq!(
        sentences,
        [
            "60.1 s in total: the same as nginx's default proxy_read_timeout (60 s)",
            "60.1 s in total: the same as AWS ALB's default idle timeout (60 s)",
        ]
    );
    assert_eq!(flags[0].measured, "total");
    // The trace of the same request and its pasted curl-format.txt say the same.
    for text in [
        fixture!("nginx-504-trace.txt"),
        fixture!("nginx-504-blog-pty.txt"),
    ] {
        let other = read(text).unwrap();
        assert_eq!(at_known_defaults(&other, &table()).len(), 2, "{other:?}");
    }
}

#[test]
fn near_a_default_means_within_two_percent_or_half_a_second() {
    let at = |micros| Timing {
        source: Source::CurlWriteOut,
        phases: vec![PhaseTime {
            phase: Phase::Wait,
            micros,
        }],
        total_micros: micros,
        unfinished: None,
        redirect_micros: None,
        http_code: None,
        remote_ip: None,
    };
    let products = |micros| -> Vec<String> {
        at_known_defaults(&at(micros), &table())
            .into_iter()
            .map(|f| f.product)
            .collect()
    };
    assert_eq!(products(29_300_000), ["AWS API Gateway"]);
    assert_eq!(products(29_500_000), ["AWS API Gateway", "gunicorn"]);
    assert_eq!(products(29_600_000), ["gunicorn"]);
    assert_eq!(products(61_200_000), ["nginx", "AWS ALB"], "2% of 60 s");
    assert!(products(61_300_000).is_empty());
    assert!(products(45_000_000).is_empty());
    // A team's short timeout: half a second either side.
    assert_eq!(products(1_650_000), ["payments-api"]);
    let team = at_known_defaults(&at(1_650_000), &table());
    assert_eq!(
        team[0].sentence,
        "1.65 s in total: the same as payments-api's client timeout as your runbook sets it (1.2 s)"
    );
}

#[test]
fn durations_read_in_the_unit_that_suits_them() {
    assert_eq!(duration(17), "17 µs");
    assert_eq!(duration(4_949), "4.9 ms");
    assert_eq!(duration(9_960), "10 ms");
    assert_eq!(duration(120_400), "120 ms");
    assert_eq!(duration(1_201_442), "1.20 s");
    assert_eq!(duration(60_052_351), "60.1 s");
    assert_eq!(duration(100_000_000), "100.0 s");
}

#[test]
fn bars_are_as_long_as_their_share() {
    let t = read(fixture!("nginx-504-runner.txt")).unwrap();
    let bars = t.bars(40);
    assert_eq!(bars.len(), 4);
    assert_eq!(bars[2].phase, Phase::Wait);
    assert_eq!(bars[2].cells, "█".repeat(40));
    assert!(bars[0].cells.is_empty(), "17 µs of 60 s is no cell");
    let text = t.render(&at_known_defaults(&t, &table()), 80);
    assert_eq!(
        text.lines().next(),
        Some("Timing (curl -w): 60.1 s in total, to 127.0.0.1")
    );
    assert!(text.contains("  first byte   60.1 s  ███"), "{text}");
    assert!(
        text.contains(
            "  ! 60.1 s in total: the same as nginx's default proxy_read_timeout (60 s);\n    \
             source: nginx docs\n"
        ),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}

#[test]
fn the_response_reader_gets_the_text_without_timing_lines_or_stamps() {
    let plain = without_timing(fixture!("runner-slow.txt"));
    assert!(!plain.contains("time_total"), "{plain}");
    assert!(plain.contains("< HTTP/1.0 504 Gateway Timeout"));
    let response = crate::evidence::response::parse(fixture!("runner-slow.txt"));
    assert!(response.json_body().is_some(), "{:?}", response.body);
    let pty = without_timing(fixture!("blog-format-pty.txt"));
    assert!(!pty.contains("----------"), "{pty}");
    let trace = crate::evidence::response::parse(fixture!("nginx-504-trace.txt"));
    assert_eq!(trace.status, Some(504));
    assert_eq!(trace.header("server"), Some("nginx/1.22.1"));
    assert!(trace.body.starts_with("<html>"), "{:?}", trace.body);
    // Text with neither is not copied.
    assert!(matches!(
        without_timing("< HTTP/1.1 200 OK\n"),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn the_runners_format_is_one_line_with_curls_own_escapes() {
    assert!(!CURL_TIMING_FORMAT.contains('\n') && !CURL_TIMING_FORMAT.contains('\''));
    let printed = CURL_TIMING_FORMAT
        .replace("\\n", "\n")
        .replace("%{time_namelookup}", "0.000017")
        .replace("%{time_connect}", "0.000190")
        .replace("%{time_appconnect}", "0.000000")
        .replace("%{time_pretransfer}", "0.000500")
        .replace("%{time_redirect}", "0.000000")
        .replace("%{time_starttransfer}", "60.052228")
        .replace("%{time_total}", "60.052351")
        .replace("%{http_code}", "504")
        .replace("%{remote_ip}", "127.0.0.1");
    assert!(!printed.contains("%{"), "{printed}");
    let t = read(&format!("<html>no newline at the end</html>{printed}")).unwrap();
    assert_eq!((t.total_micros, t.http_code), (60_052_351, Some(504)));
}

#[test]
fn the_evidence_reading_carries_the_timing_and_takes_the_status_from_it() {
    let at = "2026-12-03T09:12:00Z".parse().unwrap();
    let a = crate::evidence::analysis::analyze(fixture!("nginx-504-runner.txt"), at);
    assert_eq!(a.status, Some(504));
    assert_eq!(a.timing.as_ref().map(|t| t.total_micros), Some(60_052_351));
    assert!(a.body.ends_with("</html>"), "{:?}", a.body);
    let card = a.render_with(&table());
    assert!(
        card.contains("  ! 60.1 s in total: the same as nginx's default proxy_read_timeout"),
        "{card}"
    );
    // `curl -s -o /dev/null -w ...` prints curl's write-out alone: its http_code is the status.
    let only = crate::evidence::analysis::analyze(
        "\r\ntime_namelookup: 0.004\r\ntime_connect: 0.012\r\ntime_starttransfer: 29.1\r\n\
         time_total: 29.2\r\nhttp_code: 504\r\n",
        at,
    );
    assert_eq!(only.status, Some(504));
    assert_eq!(
        only.returned_by.layer,
        Some(crate::evidence::origin::Layer::Gateway)
    );
    // A refused connection: timing, and no status.
    let refused = crate::evidence::analysis::analyze(fixture!("runner-refused.txt"), at);
    assert_eq!(refused.status, None);
    assert_eq!(refused.timing.unwrap().unfinished, Some(Phase::Connect));
}
