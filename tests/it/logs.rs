//! `api-triage logs` on logs written by real nginx and `HAProxy` (`tests/fixtures/logs/`),
//! gzipped, piped, in JSON, and on a file it cannot read.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/logs/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn logs(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(BIN)
        .arg("logs")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_real_haproxy_log_gives_its_picture() {
    let (out, err, code) = logs(&[&fixture("haproxy-httplog.log")]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Access log: 150 lines (HAProxy HTTP log)"),
        "{out}"
    );
    assert!(out.contains("First bad minute:"), "{out}");
    assert!(out.contains("/v1/checkout"), "{out}");
    assert!(
        out.contains("be_app/app2"),
        "the failing backend server: {out}"
    );
}

#[test]
fn gzip_is_read_by_its_bytes_and_standard_input_by_dash() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(fixture("nginx-combined-timed.log")).unwrap();
    // Named without .gz: the bytes say it is gzip.
    let gz = dir.path().join("access.log.1");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    encoder.write_all(&plain).unwrap();
    encoder.finish().unwrap();
    let (from_gz, err, code) = logs(&[gz.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (from_file, _, _) = logs(&[&fixture("nginx-combined-timed.log")]);
    let body = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("Read in"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&from_gz), body(&from_file));
    let piped = crate::util::feed(
        {
            let mut c = Command::new(BIN);
            c.args(["logs", "-", "--json"]);
            c
        },
        &String::from_utf8_lossy(&plain),
    );
    let json: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert_eq!(json["lines"], 150);
    assert_eq!(json["format"], "combined/common (nginx, Apache)");
    assert!(json["routes"][0]["p95_ms"].as_u64().is_some());
}

#[test]
fn named_json_fields_and_a_failing_code() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.jsonl");
    let mut text = String::new();
    for i in 0..40 {
        let code = if i >= 20 && i % 2 == 0 { 429 } else { 200 };
        let _ = write!(
            text,
            "{{\"when\":\"2026-12-03T02:{:02}:00Z\",\"http.code\":{code},\"route\":\"/v1/quotes/{}\"}}\r\n",
            30 + i / 4,
            1000 + i
        );
    }
    std::fs::write(&path, text).unwrap();
    let (out, err, code) = logs(&[
        path.to_str().unwrap(),
        "--time-field",
        "when",
        "--status-field",
        "http.code",
        "--path-field",
        "route",
        "--failing",
        "429",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("10 failing (429)"), "{out}");
    assert!(out.contains("/v1/quotes/{id}"), "{out}");
}

#[test]
fn what_cannot_be_read_is_a_clear_error() {
    let (_, err, code) = logs(&["/nonexistent/access.log"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent/access.log"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.log");
    std::fs::write(&junk, "\u{1b}]52;c;aGk=\u{7}hello\nworld\n").unwrap();
    let (_, err, code) = logs(&[junk.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("not recognised"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err:?}");
    let (_, err, code) = logs(&[&fixture("nginx-json.log"), "--format", "xml"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown log format `xml`"), "{err}");
}
