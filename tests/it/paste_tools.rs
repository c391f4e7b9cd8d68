//! Pastes from tools other than curl's transcripts (telnet, `openssl s_client`, curl's
//! `-w '%{http_code}'` after a body), captured from the real programs: the status, headers and
//! body are the server's, and nothing the tool printed is read as the body.

use std::path::Path;

fn analyze(name: &str) -> api_triage::evidence::analysis::Analysis {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pastes")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    api_triage::evidence::analysis::analyze(&text, jiff::Timestamp::UNIX_EPOCH)
}

#[test]
fn a_request_typed_into_telnet_reads_as_the_server_s_answer() {
    let a = analyze("telnet-typed-request-404.txt");
    assert_eq!(a.status, Some(404));
    assert!(
        a.body.ends_with('}'),
        "telnet's closing line left in the body: {}",
        a.body
    );
    assert!(a.body.contains("\"no order 9912\""));
    let origin = &a.returned_by;
    assert_eq!(
        origin.product.as_deref(),
        Some("Python http.server"),
        "{origin:?}"
    );
}

#[test]
fn openssl_s_client_s_handshake_and_tickets_are_not_the_response() {
    let a = analyze("openssl-s-client-503.txt");
    assert_eq!(a.status, Some(503));
    assert!(
        a.headers
            .iter()
            .any(|(n, v)| n == "Retry-After" && v == "30"),
        "{:?}",
        a.headers
    );
    assert!(
        !a.body.contains("SSL"),
        "s_client's lines left in the body: {}",
        a.body
    );
    assert!(a.body.contains("\"inventory is read-only\""));
}

#[test]
fn the_code_curl_writes_after_the_body_is_the_status_and_not_the_body() {
    for name in [
        "curl-write-out-code-newline-404.txt",
        "curl-write-out-code-glued-404.txt",
        "curl-write-out-code-labelled-404.txt",
    ] {
        let a = analyze(name);
        assert_eq!(a.status, Some(404), "{name}");
        assert!(a.body.trim_end().ends_with('}'), "{name}: {}", a.body);
    }
}
