//! A command run from the app, as the session keeps it: what ran, when, for how long and how
//! it ended. What it printed is the note's text, read as evidence like any paste.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::model::{NoteTarget, Session, Stamp};

/// How a run ended, in the session file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunEnd {
    /// It exited by itself.
    Exited { code: i32 },
    /// A signal that was not ours ended it.
    Signalled { signal: i32 },
    /// The engineer stopped it.
    Stopped,
    /// It ran past its timeout and was stopped.
    TimedOut { after_seconds: u64 },
    /// The app quit while it ran.
    Quit,
    /// The shell could not be started.
    NotStarted { error: String },
}

impl RunEnd {
    /// "exit 0", "stopped by you", "timed out after 30 s".
    pub fn label(&self) -> String {
        match self {
            RunEnd::Exited { code } => format!("exit {code}"),
            RunEnd::Signalled { signal } => format!("ended by signal {signal}"),
            RunEnd::Stopped => "stopped by you".to_owned(),
            RunEnd::TimedOut { after_seconds } => format!("timed out after {after_seconds} s"),
            RunEnd::Quit => "stopped: the app quit".to_owned(),
            RunEnd::NotStarted { error } => format!("could not start: {error}"),
        }
    }

    pub fn succeeded(&self) -> bool {
        matches!(self, RunEnd::Exited { code: 0 })
    }
}

/// One run of a runbook command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The command exactly as it ran, placeholders filled.
    pub command: String,
    /// Where it came from: "step 2: Ingress error log", "example: known good".
    pub what: String,
    pub started: Stamp,
    pub duration_ms: u64,
    pub ending: RunEnd,
    /// Bytes it printed that the note leaves out (the middle of a long output).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub left_out_bytes: u64,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if signature"
)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl RunRecord {
    /// "exit 0 after 1.2 s", the line under a run's note.
    pub fn outcome_line(&self) -> String {
        format!(
            "{} after {}",
            self.ending.label(),
            duration_label(self.duration_ms)
        )
    }
}

/// "850 ms", "1.2 s", "2 min 05 s".
pub fn duration_label(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms < 60_000 {
        format!("{}.{} s", ms / 1000, (ms % 1000) / 100)
    } else {
        format!("{} min {:02} s", ms / 60_000, (ms % 60_000) / 1000)
    }
}

/// A finished run, to be kept as a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedRun {
    pub target: NoteTarget,
    pub command: String,
    pub what: String,
    pub started: Timestamp,
    pub ended: Timestamp,
    pub ending: RunEnd,
    /// What it printed (kept part), not yet normalised.
    pub output: String,
    pub left_out_bytes: u64,
}

impl Session {
    /// Keeps a finished run as a note stamped at its end, its output read as evidence like a
    /// paste (a `curl -sv` run answers the interview as a pasted one would). Returns the
    /// reading's line, when the output held a response.
    pub fn add_run_note(
        &mut self,
        run: FinishedRun,
        zone: &TimeZone,
        expected: crate::evidence::token::Expected<'_>,
    ) -> Option<String> {
        let started = Stamp::new(run.started, zone, self.created);
        let duration_ms =
            u64::try_from(run.ended.duration_since(run.started).as_millis()).unwrap_or(0);
        let text = if run.output.trim().is_empty() {
            "(no output)".to_owned()
        } else {
            run.output
        };
        self.add_note(run.target, &text, run.ended, zone);
        let index = self.notes.len() - 1;
        if let Some(note) = self.notes.get_mut(index) {
            note.run = Some(RunRecord {
                command: run.command,
                what: run.what,
                started,
                duration_ms,
                ending: run.ending,
                left_out_bytes: run.left_out_bytes,
            });
        }
        self.read_evidence(index, expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_at_a_glance() {
        assert_eq!(duration_label(850), "850 ms");
        assert_eq!(duration_label(1234), "1.2 s");
        assert_eq!(duration_label(125_000), "2 min 05 s");
    }

    #[test]
    fn a_curl_run_is_kept_and_read_as_evidence() {
        let start: Timestamp = "2026-12-03T02:40:00Z".parse().unwrap();
        let mut session = Session::new(start, "default", "embedded", &[], None);
        let output = "* Connected to 127.0.0.1 (127.0.0.1) port 8080\r\n> GET /v1/orders HTTP/1.1\r\n> Host: 127.0.0.1:8080\r\n>\r\n< HTTP/1.1 502 Bad Gateway\r\n< Server: nginx/1.22.1\r\n< Content-Type: text/html\r\n<\r\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.22.1</center></body></html>\r\n";
        let line = session.add_run_note(
            FinishedRun {
                target: NoteTarget::Step(1),
                command: "curl -sv http://127.0.0.1:8080/v1/orders".to_owned(),
                what: "example: failing".to_owned(),
                started: start + jiff::SignedDuration::from_secs(60),
                ended: start + jiff::SignedDuration::from_millis(61_500),
                ending: RunEnd::Exited { code: 0 },
                output: output.to_owned(),
                left_out_bytes: 0,
            },
            &TimeZone::UTC,
            crate::evidence::token::Expected::default(),
        );
        assert!(line.is_some_and(|l| l.contains("502")));
        let note = session.notes.last().unwrap();
        let run = note.run.as_ref().unwrap();
        assert_eq!(run.duration_ms, 1500);
        assert_eq!(run.started.since_start, 60);
        assert_eq!(note.since_start, 61);
        assert_eq!(run.outcome_line(), "exit 0 after 1.5 s");
        assert!(!note.text.contains('\r'));
        assert_eq!(session.code, Some(502));
        // Kept in the file and read back.
        let json = serde_json::to_string(&session).unwrap();
        let back: Session = serde_json::from_str(&json).unwrap();
        assert_eq!(back, session);
    }
}
