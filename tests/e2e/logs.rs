//! An access log read from the triage in tmux, gzipped as logrotate leaves it: the progress,
//! the picture, and the triage answered from it.

use crate::support::tmux::Tmux;

use std::io::Write as _;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn l_reads_a_gzipped_log_into_a_picture_and_the_triage() {
    let dir = tempfile::tempdir().unwrap();
    // 40 minutes of a real nginx log's shape: checkout starts failing at 02:40.
    let gz = dir.path().join("access.log.2.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    for m in 0..40u32 {
        for i in 0..30u32 {
            let path = match i % 3 {
                0 => format!("/v1/checkout?cart={i}"),
                1 => format!("/v1/orders/{}", 4000 + i),
                _ => "/healthz".to_owned(),
            };
            let status = if m >= 10 && i % 3 == 0 && i % 2 == 0 {
                502
            } else {
                200
            };
            writeln!(
                encoder,
                "10.0.0.{} - - [03/Dec/2026:{:02}:{:02}:{:02} +0000] \"GET {path} HTTP/1.1\" {status} 157 \"-\" \"okhttp/4.12\" 0.0{} 0.0{} 10.1.0.{}:8080",
                i % 9,
                2 + (30 + m) / 60,
                (30 + m) % 60,
                i,
                i % 10,
                i % 10,
                i % 3
            )
            .unwrap();
        }
    }
    encoder.finish().unwrap();
    let tmux = Tmux::new("logs-read");
    let script = format!(
        "API_TRIAGE_STATE_DIR='{}' exec '{BIN}' 502",
        dir.path().join("state").display()
    );
    tmux.start_sized(&script, 100, 30).unwrap();
    tmux.wait_for("502 Bad Gateway", LIMIT);
    tmux.triage_to_checklist(LIMIT);
    tmux.keys(&["l"], true);
    tmux.wait_for("Access log to read", LIMIT);
    tmux.keys(&[gz.to_str().unwrap()], true);
    tmux.keys(&["Enter"], false);
    let screen = tmux.wait_for("% failing (5xx) per minute", LIMIT);
    assert!(screen.contains("/v1/checkout"), "{screen}");
    // The error rate's scale is in per cent, the failing upstream listed under the routes.
    assert!(screen.contains("│0%   │"), "{screen}");
    assert!(screen.contains("upstream"), "{screen}");
    assert!(screen.contains("First bad minute"), "{screen}");
    tmux.keys(&["Escape"], false);
    // The whole checklist screen, not its first rows while the picture is still being
    // overdrawn: a loaded machine can capture the screen between the two.
    let screen = tmux.wait_for("[x] affected scope", LIMIT);
    assert!(screen.contains("┌ Checklist"), "{screen}");
}
