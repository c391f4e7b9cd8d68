//! Time from exec to the first complete frame, in a real pseudo-terminal: the app is started
//! 30 times on the embedded default and the screen is read until the status bar (drawn last)
//! shows. Prints the median and the slowest run.

#[path = "../tests/support/pty.rs"]
#[allow(dead_code, clippy::unwrap_used, clippy::expect_used)]
mod pty;

use std::time::{Duration, Instant};

fn main() {
    let binary = env!("CARGO_BIN_EXE_api-triage");
    let dir = std::env::temp_dir().join("api-triage-startup-bench");
    let _ = std::fs::create_dir_all(&dir);
    let mut samples = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let mut session = pty::Session::start(binary, &[], &dir, &[], 120, 40);
        session.wait_for("? help · q quit", Duration::from_secs(10));
        samples.push(started.elapsed());
        session.send(b"q");
        session.wait_exit(Duration::from_secs(10));
    }
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "startup to first complete frame (embedded default, 120x40, {} runs): median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms",
        samples.len(),
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1])
    );
}
