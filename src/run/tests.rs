//! Real processes: the runner is the one place that starts them.

use super::*;

/// Polls until the run ends, collecting its output; gives up after `limit`.
fn finish(runner: &mut Runner, id: u64, limit: Duration) -> (String, Option<Ending>) {
    let start = Instant::now();
    let mut out = Vec::new();
    while start.elapsed() < limit {
        for update in runner.poll(Instant::now()) {
            match update {
                Update::Output { id: i, bytes } if i == id => out.extend(bytes),
                Update::Ended { id: i, ending } if i == id => {
                    return (String::from_utf8_lossy(&out).into_owned(), Some(ending));
                }
                _ => {}
            }
        }
        thread::sleep(Duration::from_millis(10));
    }
    (String::from_utf8_lossy(&out).into_owned(), None)
}

fn group_alive(pid_file: &std::path::Path) -> bool {
    let Ok(pid) = std::fs::read_to_string(pid_file) else {
        return false;
    };
    std::path::Path::new(&format!("/proc/{}", pid.trim())).exists()
}

#[test]
fn output_of_both_streams_arrives_and_the_exit_status_is_kept() {
    let mut runner = Runner::new();
    runner
        .start(
            1,
            "echo out; echo err >&2; exit 3",
            Duration::from_secs(30),
            Instant::now(),
        )
        .unwrap();
    let (out, ending) = finish(&mut runner, 1, Duration::from_secs(20));
    assert_eq!(ending, Some(Ending::Exited(3)));
    assert!(out.contains("out\n") && out.contains("err\n"), "{out:?}");
    assert!(!runner.is_running());
}

#[test]
fn the_command_gets_no_input() {
    let mut runner = Runner::new();
    runner
        .start(
            1,
            "read line; echo \"read: $?\"",
            Duration::from_secs(30),
            Instant::now(),
        )
        .unwrap();
    let (out, ending) = finish(&mut runner, 1, Duration::from_secs(20));
    assert_eq!(ending, Some(Ending::Exited(0)));
    assert!(out.contains("read: 1"), "{out:?}");
}

#[test]
fn stopping_ends_the_whole_group() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let mut runner = Runner::new();
    // A pipeline whose second half starts a grandchild: all three must go.
    let command = format!(
        "sh -c 'echo $$ > {}; exec sleep 300' | cat; sleep 300",
        pid_file.display()
    );
    runner
        .start(7, &command, Duration::from_mins(5), Instant::now())
        .unwrap();
    let start = Instant::now();
    while !group_alive(&pid_file) && start.elapsed() < Duration::from_secs(10) {
        thread::sleep(Duration::from_millis(10));
    }
    assert!(group_alive(&pid_file), "the grandchild never started");
    runner.stop(7, Instant::now());
    let (_, ending) = finish(&mut runner, 7, Duration::from_secs(20));
    assert_eq!(ending, Some(Ending::Stopped));
    let start = Instant::now();
    while group_alive(&pid_file) && start.elapsed() < Duration::from_secs(5) {
        thread::sleep(Duration::from_millis(10));
    }
    assert!(
        !group_alive(&pid_file),
        "a process of the group outlived the stop"
    );
}

#[test]
fn a_command_that_ignores_sigterm_is_killed_after_the_grace_period() {
    let mut runner = Runner::new();
    let t0 = Instant::now();
    runner
        .start(
            2,
            "trap '' TERM; echo ready; while :; do sleep 0.05; done",
            Duration::from_mins(5),
            t0,
        )
        .unwrap();
    thread::sleep(Duration::from_millis(200));
    runner.stop(2, t0);
    // The grace period is measured on the instants passed in: pretend it has gone by.
    let later = t0 + GRACE + Duration::from_millis(1);
    let mut ending = None;
    let start = Instant::now();
    while ending.is_none() && start.elapsed() < Duration::from_secs(20) {
        for update in runner.poll(later + start.elapsed()) {
            if let Update::Ended { ending: e, .. } = update {
                ending = Some(e);
            }
        }
        thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(ending, Some(Ending::Stopped));
}

#[test]
fn a_run_past_its_timeout_is_stopped_and_says_so() {
    let mut runner = Runner::new();
    let t0 = Instant::now();
    runner
        .start(3, "echo started; sleep 300", Duration::from_secs(5), t0)
        .unwrap();
    thread::sleep(Duration::from_millis(100));
    // Time as the runner is told it: past the deadline.
    let mut ending = None;
    let start = Instant::now();
    while ending.is_none() && start.elapsed() < Duration::from_secs(20) {
        for update in runner.poll(t0 + Duration::from_secs(6) + start.elapsed()) {
            if let Update::Ended { ending: e, .. } = update {
                ending = Some(e);
            }
        }
        thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(ending, Some(Ending::TimedOut(Duration::from_secs(5))));
}

#[test]
fn stop_all_kills_everything_and_reports_it_as_quit() {
    let dir = tempfile::tempdir().unwrap();
    let pid_file = dir.path().join("pid");
    let mut runner = Runner::new();
    let command = format!("echo $$ > {}; sleep 300", pid_file.display());
    runner
        .start(4, &command, Duration::from_mins(5), Instant::now())
        .unwrap();
    let start = Instant::now();
    while !group_alive(&pid_file) && start.elapsed() < Duration::from_secs(10) {
        thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(runner.stop_all(), vec![(4, Ending::Quit)]);
    assert!(!group_alive(&pid_file));
}

#[test]
fn a_command_that_leaves_a_background_child_still_ends() {
    let mut runner = Runner::new();
    // The background sleep keeps the pipe open; the run ends when the shell exits anyway.
    runner
        .start(
            5,
            "sleep 300 & echo done",
            Duration::from_mins(5),
            Instant::now(),
        )
        .unwrap();
    let (out, ending) = finish(&mut runner, 5, Duration::from_secs(20));
    assert_eq!(ending, Some(Ending::Exited(0)));
    assert!(out.contains("done"));
}
