//! Time from exec to the first complete frame, in a real pseudo-terminal at 120x40: the app on
//! the embedded default (until the status bar, drawn last, shows). Beside it the floor: `cat`
//! printing the very bytes the app wrote up to that frame, recorded from the app itself, in
//! the same harness (process start, the terminal taking the bytes, the emulator reading them);
//! and `less` opening the same runbook written out as Markdown. Each is started 30 times;
//! prints the median, fastest and slowest, and the app's median over `cat`'s.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark whose set-up fails should stop loudly; it never ships"
)]

#[path = "../tests/e2e/support/pty.rs"]
#[allow(dead_code)]
mod pty;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 30;

fn main() {
    let binary = env!("CARGO_BIN_EXE_api-triage");
    let dir = std::env::temp_dir().join("api-triage-startup-bench");
    let _ = std::fs::create_dir_all(&dir);
    let ready = "q quit · ? help";
    let (app, first_frame) = first_frames(binary, &[], &dir, ready);
    let recorded = dir.join("first-frame.out");
    std::fs::write(&recorded, &first_frame).expect("write the first frame");
    let (cat, _) = first_frames("cat", &["first-frame.out"], &dir, ready);
    let markdown = dir.join("runbook.md");
    std::fs::write(&markdown, runbook_as_markdown(binary, &dir)).expect("write the Markdown");
    let less = Command::new("less")
        .arg("--version")
        .output()
        .is_ok()
        .then(|| first_frames("less", &["runbook.md"], &dir, "runbook.md").0);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let row = |what: &str, samples: &[Duration]| {
        println!(
            "{what:<58} median {:>6.1} ms   fastest {:>6.1} ms   slowest {:>6.1} ms",
            ms(samples[samples.len() / 2]),
            ms(samples[0]),
            ms(samples[samples.len() - 1])
        );
    };
    println!("start-up to the first complete frame, 120x40 pseudo-terminal, {RUNS} runs each:");
    row("api-triage (embedded default runbook)", &app);
    row(
        &format!(
            "cat, the app's first frame as recorded ({} bytes)",
            first_frame.len()
        ),
        &cat,
    );
    println!(
        "api-triage / cat (medians): {:.2}",
        ms(app[app.len() / 2]) / ms(cat[cat.len() / 2])
    );
    // Other builds of the app to compare with, e.g. the last release's binary:
    // `STARTUP_COMPARE=/tmp/api-triage-before cargo bench --bench startup`.
    for other in std::env::var("STARTUP_COMPARE")
        .unwrap_or_default()
        .split(',')
        .filter(|path| !path.is_empty())
    {
        let (samples, _) = first_frames(other, &[], &dir, ready);
        row(other, &samples);
        println!(
            "{other} / cat (medians): {:.2}",
            ms(samples[samples.len() / 2]) / ms(cat[cat.len() / 2])
        );
    }
    match less {
        Some(less) => row(
            &format!(
                "less, the same runbook as Markdown ({} KB)",
                std::fs::metadata(&markdown).map_or(0, |m| m.len() / 1024)
            ),
            &less,
        ),
        None => println!("less is not installed: no reference figure"),
    }
}

/// Starts `program` `RUNS` times, each until `ready` shows on its screen; sorted durations,
/// and the bytes the first run had written by then.
fn first_frames(program: &str, args: &[&str], dir: &Path, ready: &str) -> (Vec<Duration>, Vec<u8>) {
    let mut samples = Vec::with_capacity(RUNS);
    let mut first = None;
    for _ in 0..RUNS {
        let started = Instant::now();
        let mut session = pty::Session::start(program, args, dir, &[("LESS", "")], 120, 40);
        session.wait_for(ready, Duration::from_secs(10));
        samples.push(started.elapsed());
        first.get_or_insert_with(|| {
            // The reader thread feeds the emulator before it keeps the bytes: let it finish
            // the chunk that completed the frame (after the timing, so it costs nothing).
            std::thread::sleep(Duration::from_millis(50));
            session.raw.lock().unwrap().clone()
        });
        session.send(b"q");
        session.wait_exit(Duration::from_secs(10));
    }
    samples.sort();
    (samples, first.unwrap_or_default())
}

/// The code matrix and every card of the embedded default, as the app's own CLI prints them,
/// under Markdown headings.
fn runbook_as_markdown(binary: &str, dir: &Path) -> String {
    let run = |args: &[&str]| {
        let out = Command::new(binary)
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .output()
            .expect("run api-triage");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let mut markdown = String::from("# Code matrix\n\n```\n");
    markdown.push_str(&run(&["list"]));
    markdown.push_str("```\n");
    let rows: serde_json::Value =
        serde_json::from_str(&run(&["list", "--json"])).expect("list --json");
    for code in rows
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|row| row["code"].as_u64())
    {
        let _ = write!(
            markdown,
            "\n## {code}\n\n```\n{}```\n",
            run(&["explain", &code.to_string()])
        );
    }
    markdown
}
