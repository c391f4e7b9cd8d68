//! Time from exec to the first complete frame, in a real pseudo-terminal at 120x40: the app on
//! the embedded default (until the status bar, drawn last, shows). Beside it the floor: `cat`
//! printing the very bytes the app wrote up to that frame, recorded from the app itself, in
//! the same harness (process start, the terminal taking the bytes, the emulator reading them);
//! and `less` opening the same runbook written out as Markdown. Each is started 30 times, in
//! turn; prints the median, fastest and slowest, and the app's median over `cat`'s.

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
    let dir = std::env::temp_dir().join("api-triage-startup-bench");
    let _ = std::fs::create_dir_all(&dir);
    // Timed as installed (`cargo install` copies it; a package unpacks it): the file the linker
    // has just written sits in the page cache in small pieces, and started from there each run
    // took a few tenths of a millisecond more to map in, until the cache was read afresh.
    let installed = dir.join("api-triage");
    let _ = std::fs::remove_file(&installed);
    std::fs::copy(env!("CARGO_BIN_EXE_api-triage"), &installed).expect("copy the app");
    let binary = installed.to_str().expect("a UTF-8 temporary path");
    let ready = "q quit · ? help";
    let first_frame = first_frame_bytes(binary, &dir, ready);
    std::fs::write(dir.join("first-frame.out"), &first_frame).expect("write the first frame");
    let markdown = dir.join("runbook.md");
    std::fs::write(&markdown, runbook_as_markdown(binary, &dir)).expect("write the Markdown");
    let has_less = Command::new("less").arg("--version").output().is_ok();
    // Other builds of the app to compare with, e.g. the last release's binary:
    // `STARTUP_COMPARE=/tmp/api-triage-before cargo bench --bench startup`.
    let others: Vec<String> = std::env::var("STARTUP_COMPARE")
        .unwrap_or_default()
        .split(',')
        .filter(|path| !path.is_empty())
        .map(str::to_owned)
        .collect();
    let mut programs = vec![
        Program::new("api-triage (embedded default runbook)", binary, &[], ready),
        Program::new(
            &format!(
                "cat, the app's first frame as recorded ({} bytes)",
                first_frame.len()
            ),
            "cat",
            &["first-frame.out"],
            ready,
        ),
    ];
    programs.extend(others.iter().map(|o| Program::new(o, o, &[], ready)));
    if has_less {
        let label = format!(
            "less, the same runbook as Markdown ({} KB)",
            std::fs::metadata(&markdown).map_or(0, |m| m.len() / 1024)
        );
        programs.push(Program::new(&label, "less", &["runbook.md"], "runbook.md"));
    }
    // Round-robin, so a machine that gets busier or quieter during the run weighs on every
    // program alike rather than on whichever ran then; each round starts one further on, so
    // none always runs right after the same one (a program winding down slows the next).
    let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(RUNS); programs.len()];
    for round in 0..RUNS {
        for turn in 0..programs.len() {
            let which = (round + turn) % programs.len();
            samples[which].push(programs[which].time_first_frame(&dir));
        }
    }
    for taken in &mut samples {
        taken.sort();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = |taken: &[Duration]| ms(taken[taken.len() / 2]);
    println!(
        "start-up to the first complete frame, 120x40 pseudo-terminal, {RUNS} runs each, \
         interleaved:"
    );
    for (program, taken) in programs.iter().zip(&samples) {
        println!(
            "{:<58} median {:>6.1} ms   fastest {:>6.1} ms   slowest {:>6.1} ms",
            program.label,
            median(taken),
            ms(taken[0]),
            ms(taken[taken.len() - 1])
        );
    }
    let cat = median(&samples[1]);
    println!(
        "api-triage / cat (medians): {:.2}",
        median(&samples[0]) / cat
    );
    for (other, taken) in others.iter().zip(&samples[2..]) {
        println!("{other} / cat (medians): {:.2}", median(taken) / cat);
    }
    if !has_less {
        println!("less is not installed: no reference figure");
    }
}

/// One program the benchmark starts: what it is called in the table, and when its first
/// frame is complete.
struct Program {
    label: String,
    command: String,
    args: Vec<String>,
    ready: String,
}

impl Program {
    fn new(label: &str, program: &str, args: &[&str], ready: &str) -> Self {
        Program {
            label: label.to_owned(),
            command: program.to_owned(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            ready: ready.to_owned(),
        }
    }

    /// From start until `ready` shows on its screen; then it is told to quit.
    fn time_first_frame(&self, dir: &Path) -> Duration {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let started = Instant::now();
        let mut session = pty::Session::start(&self.command, &args, dir, &[("LESS", "")], 120, 40);
        session.wait_for(&self.ready, Duration::from_secs(10));
        let taken = started.elapsed();
        session.send(b"q");
        session.wait_exit(Duration::from_secs(10));
        taken
    }
}

/// The bytes the app writes up to its first complete frame, for `cat` to print.
fn first_frame_bytes(binary: &str, dir: &Path, ready: &str) -> Vec<u8> {
    let mut session = pty::Session::start(binary, &[], dir, &[("LESS", "")], 120, 40);
    session.wait_for(ready, Duration::from_secs(10));
    // The reader thread feeds the emulator before it keeps the bytes: let it finish the chunk
    // that completed the frame.
    std::thread::sleep(Duration::from_millis(50));
    let bytes = session.raw.lock().unwrap().clone();
    session.send(b"q");
    session.wait_exit(Duration::from_secs(10));
    bytes
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
