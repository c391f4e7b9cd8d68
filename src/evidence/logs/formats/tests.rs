use super::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/logs/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn lines(text: &[u8]) -> Vec<&[u8]> {
    text.split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect()
}

fn at(s: &str) -> i64 {
    s.parse::<jiff::Timestamp>().unwrap().as_second()
}

/// Every line of a real log reads in the format detected from its first lines.
fn reads_whole(name: &str, expected: &Format) -> Vec<u16> {
    let text = fixture(name);
    let lines = lines(&text);
    let detected = detect(&lines[..lines.len().min(20)]).unwrap();
    assert_eq!(&detected, expected, "{name}");
    lines
        .iter()
        .map(|l| {
            parse(&detected, l)
                .unwrap_or_else(|| panic!("{name}: {}", String::from_utf8_lossy(l)))
                .status
        })
        .collect()
}

#[test]
fn real_nginx_and_haproxy_logs_are_detected_and_read_whole() {
    for (name, format) in [
        ("nginx-combined.log", Format::Combined),
        ("nginx-combined-timed.log", Format::Combined),
        ("haproxy-httplog.log", Format::Haproxy),
        ("nginx-json.log", Format::Json(JsonFields::default())),
        ("alb.log", Format::Alb),
        ("envoy.log", Format::Envoy),
    ] {
        let statuses = reads_whole(name, &format);
        assert!(statuses.iter().any(|s| *s >= 500), "{name}: {statuses:?}");
    }
}

#[test]
fn nginx_added_fields_give_latency_and_upstream() {
    let line = br#"127.0.0.1 - - [03/Dec/2026:09:51:48 +0000] "GET /v1/slow/report?id=3 HTTP/1.1" 200 12 "-" "curl-fixture/1.0" 0.304 0.303 127.0.0.1:23001"#;
    let r = parse(&Format::Combined, line).unwrap();
    assert_eq!(r.latency_ms, Some(304));
    assert_eq!(r.upstream, Some(&b"127.0.0.1:23001"[..]));
    assert_eq!(r.path, b"/v1/slow/report?id=3");
    assert_eq!(r.at, at("2026-12-03T09:51:48Z"));
}

#[test]
fn haproxy_timers_and_syslog_prefix() {
    let line = br#"Dec  3 09:51:48 lb1 haproxy[811]: 127.0.0.1:56470 [03/Dec/2026:09:51:48.670] fe_api be_app/app2 0/0/-1/-1/3006 503 217 - - SC-- 1/1/0/0/3 0/0 "GET /v1/checkout HTTP/1.1""#;
    let r = parse(&Format::Haproxy, line).unwrap();
    assert_eq!(r.status, 503);
    assert_eq!(r.latency_ms, Some(3006));
    assert_eq!(r.upstream, Some(&b"be_app/app2"[..]));
    assert_eq!(r.client, Some(&b"127.0.0.1"[..]));
}

#[test]
fn alb_status_is_the_load_balancers_and_a_missing_answer_has_no_latency() {
    let text = fixture("alb.log");
    let lines = lines(&text);
    let r = parse(&Format::Alb, lines[1]).unwrap();
    assert_eq!(r.status, 502);
    assert_eq!(r.latency_ms, None);
    assert_eq!(r.path, b"https://api.example.com:443/v1/checkout");
    let ok = parse(&Format::Alb, lines[0]).unwrap();
    assert_eq!(ok.latency_ms, Some(1));
    assert_eq!(parse(&Format::Alb, lines[2]).unwrap().upstream, None);
}

#[test]
fn envoy_duration_and_upstream_host() {
    let text = fixture("envoy.log");
    let r = parse(&Format::Envoy, lines(&text)[2]).unwrap();
    assert_eq!((r.status, r.latency_ms), (504, Some(15001)));
    assert_eq!(r.upstream, Some(&b"10.0.0.6:8080"[..]));
}

#[test]
fn json_lines_of_traefik_and_envoy_and_named_fields() {
    let traefik = br#"{"ClientHost":"10.0.0.9","DownstreamStatus":502,"Duration":30012345678,"RequestPath":"/v1/checkout","ServiceAddr":"10.0.0.6:8080","StartUTC":"2026-12-03T02:40:01.1234Z"}"#;
    let r = parse(&Format::Json(JsonFields::default()), traefik).unwrap();
    assert_eq!((r.status, r.latency_ms), (502, Some(30012)));
    assert_eq!(r.path, b"/v1/checkout");
    let envoy = br#"{"start_time":"2026-12-03T02:40:01.512Z","response_code":503,"path":"/v1/checkout","duration":25,"upstream_host":"10.0.0.6:8080"}"#;
    let r = parse(&Format::Json(JsonFields::default()), envoy).unwrap();
    assert_eq!((r.status, r.latency_ms), (503, Some(25)));
    let custom = JsonFields {
        time: vec!["when".into()],
        status: vec!["http.code".into()],
        path: vec!["route".into()],
        ..JsonFields::default()
    };
    let line = br#"{"when":1796265601,"http.code":"500","route":"/v1/pay"}"#;
    let r = parse(&Format::Json(custom), line).unwrap();
    assert_eq!((r.at, r.status), (at("2026-12-03T02:40:01Z"), 500));
}

#[test]
fn junk_and_truncated_lines_read_as_nothing() {
    for line in [
        &b""[..],
        b"garbage",
        b"127.0.0.1 - - [03/Dec/2026:09:51:48 +0000] \"GET /x",
        b"{\"status\":200",
        b"\x1b[31m127.0.0.1\x1b[0m",
    ] {
        for format in [
            Format::Combined,
            Format::Haproxy,
            Format::Alb,
            Format::Envoy,
        ] {
            assert!(parse(&format, line).is_none());
        }
    }
    assert_eq!(detect(&[b"hello", b"world"]), None);
}

#[test]
fn seconds_read_by_hand_round_like_a_float_would() {
    for (text, ms) in [
        ("0.012", Some(12)),
        ("0.0125", Some(13)),
        ("1", Some(1000)),
        ("12.3", Some(12_300)),
        ("0.000", Some(0)),
        ("-", None),
        ("1.2.3", None),
        ("", None),
    ] {
        assert_eq!(seconds_ms(text.as_bytes()), ms, "{text}");
    }
}
