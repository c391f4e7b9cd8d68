//! The app's side of running a command: which command `r` means and what the triage knows
//! to fill it (one place, whichever screen `r` was pressed on), the output handed to the run
//! screen, and the finished run kept as a note of the triage.

use super::App;
use crate::run::Ending;
use crate::runbook::Card;
use crate::session::NoteTarget;
use crate::session::run::RunEnd;
use crate::tui::effect::Effect;
use crate::tui::screens::run::{RunRequest, RunScreen};
use crate::tui::screens::{RunSource, Screen};

impl App {
    /// Opens the run screen for `source`, or says why it cannot run.
    pub(super) fn open_run(&mut self, source: RunSource) {
        match self.run_request(source) {
            Ok(request) => {
                self.next_run += 1;
                self.stack.push(Screen::Run(Box::new(RunScreen::new(
                    self.next_run,
                    request,
                ))));
            }
            Err(why) => self.notice = Some(why),
        }
    }

    /// The command `source` names, checked against the runbook's `run` rule, with what the
    /// open triage knows to fill it. A run is always kept in a triage: from a card, the one
    /// open about its code.
    fn run_request(&self, source: RunSource) -> Result<RunRequest, String> {
        let Some(triage) = &self.triage else {
            return Err(
                "Start a triage first (t): a run's output is kept as a note of the triage"
                    .to_owned(),
            );
        };
        let runbook = self
            .shared
            .runbook(triage.runbook)
            .ok_or_else(|| "The triage's runbook is not loaded".to_owned())?;
        let triage_code = triage.code(runbook);
        let card_of = |code: u16| -> Result<Card, String> {
            if triage_code != Some(code) {
                return Err(format!(
                    "The open triage is about {}, not {code}: run it from that triage's card \
                     or checklist",
                    triage_code.map_or_else(|| "no code yet".to_owned(), |c| c.to_string())
                ));
            }
            runbook
                .card(code)
                .ok_or_else(|| format!("No card for {code}"))
        };
        let (what, target, template, run, timeout, writes_why) = match source {
            RunSource::Step(index) => {
                let step = triage
                    .session
                    .checklist
                    .steps
                    .get(index)
                    .ok_or_else(|| "No step is selected".to_owned())?;
                let how = step
                    .how
                    .clone()
                    .ok_or_else(|| format!("Step {} has no command to run", index + 1))?;
                let place = triage_code
                    .and_then(|c| runbook.card(c))
                    .and_then(|card| card.look_first.into_iter().find(|p| p.how == how));
                (
                    format!("step {}: {}", index + 1, step.title),
                    NoteTarget::Step(index),
                    how.clone(),
                    place.as_ref().and_then(|p| p.run),
                    place.and_then(|p| p.timeout_seconds),
                    how,
                )
            }
            RunSource::Place { code, place, .. } => {
                let card = card_of(code)?;
                let look = card
                    .look_first
                    .get(place)
                    .ok_or_else(|| format!("This card has no place {}", place + 1))?;
                (
                    format!("place {}: {}", place + 1, look.what),
                    // The first three places are the checklist's first three steps.
                    NoteTarget::Step(place),
                    look.how.clone(),
                    look.run,
                    look.timeout_seconds,
                    look.how.clone(),
                )
            }
            RunSource::Example { code, index, .. } => {
                let card = card_of(code)?;
                let example = card
                    .examples
                    .get(index)
                    .ok_or_else(|| "No such example".to_owned())?;
                (
                    format!("example: {}", example.name),
                    NoteTarget::Incident,
                    example_command(&example.request),
                    example.run,
                    example.timeout_seconds,
                    example.request.clone(),
                )
            }
        };
        if !crate::runbook::model::runnable(run, &writes_why) {
            return Err(match run {
                Some(false) => format!(
                    "The runbook marks this command `run = false`: copy it (y) and run it yourself ({what})"
                ),
                _ => format!(
                    "This command looks like it writes, and the runbook does not say `run = true`: copy it (y) instead ({what})"
                ),
            });
        }
        Ok(RunRequest {
            what,
            target,
            template,
            known: triage.session.known_values(&runbook.vars),
            timeout_seconds: timeout.unwrap_or(runbook.run_timeout_seconds),
            redact: runbook.redact.clone(),
        })
    }

    /// The run screen `id`, wherever it is on the stack.
    fn run_screen(&mut self, id: u64) -> Option<&mut RunScreen> {
        self.stack.iter_mut().find_map(|s| match s {
            Screen::Run(run) if run.id == id => Some(&mut **run),
            _ => None,
        })
    }

    /// Output from the run `id`.
    pub fn run_output(&mut self, id: u64, bytes: &[u8]) {
        if let Some(screen) = self.run_screen(id) {
            screen.output(bytes);
        }
    }

    /// Whether a command is running now.
    pub fn running(&self) -> bool {
        self.stack
            .iter()
            .any(|s| matches!(s, Screen::Run(run) if run.is_running()))
    }

    /// The run `id` ended: it becomes a note of the triage, read as evidence. Returns whether
    /// the session changed (and must be saved now).
    pub fn run_ended(&mut self, id: u64, ending: Ending) -> bool {
        let now = self.shared.now;
        let zone = self.shared.zone.clone();
        let Some(finished) = self
            .run_screen(id)
            .and_then(|screen| screen.finish(end_of(ending), now))
        else {
            return false;
        };
        let Some(triage) = self.triage.as_mut() else {
            return false;
        };
        let expected = self
            .shared
            .runbook(triage.runbook)
            .map(crate::runbook::TeamRunbook::token_expectations)
            .unwrap_or_default();
        let reading = triage.session.add_run_note(finished, &zone, expected);
        let stamp = triage
            .session
            .notes
            .last()
            .map(crate::session::Note::elapsed_label)
            .unwrap_or_default();
        let kept = match &reading {
            Some(line) => format!("kept as a note at {stamp}: {line}"),
            None => format!("kept as a note at {stamp}"),
        };
        if let Some(reading) = reading {
            triage.evidence = Some(reading);
        }
        if let Some(screen) = self.run_screen(id) {
            screen.kept(kept);
        }
        true
    }

    /// The placeholder values typed for a run, kept in the triage for the next command.
    pub(super) fn remember_typed(&mut self, typed: std::collections::BTreeMap<String, String>) {
        if let Some(triage) = self.triage.as_mut() {
            triage.session.vars.extend(typed);
        }
    }

    /// `Effect`s to start a run.
    pub(super) fn start_run(id: u64, command: String, timeout_seconds: u32) -> Effect {
        Effect::StartRun {
            id,
            command,
            timeout_seconds,
        }
    }
}

fn end_of(ending: Ending) -> RunEnd {
    match ending {
        Ending::Exited(code) => RunEnd::Exited { code },
        Ending::Signalled(signal) => RunEnd::Signalled { signal },
        Ending::Stopped => RunEnd::Stopped,
        Ending::TimedOut(after) => RunEnd::TimedOut {
            after_seconds: after.as_secs(),
        },
        Ending::Quit => RunEnd::Quit,
        Ending::NotStarted(error) => RunEnd::NotStarted { error },
    }
}

/// An example request as it runs: a `curl` command made verbose, with curl's timing fields
/// added, and without what would hide the exchange (`-s`, `-i`, `-o FILE`, `-w FMT`, `-D`,
/// a pipe into `head`); its method, URL, headers and body as the runbook writes them, so
/// `$TOKEN` and placeholders stay. Any other command runs as written.
pub fn example_command(request: &str) -> String {
    let spans = crate::text::shell_word_spans(request);
    let words: Vec<&str> = spans.iter().map(|&(a, b)| &request[a..b]).collect();
    if words.first() != Some(&"curl") {
        return request.to_owned();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut skip_next = false;
    for word in words.iter().skip(1) {
        if skip_next {
            skip_next = false;
            continue;
        }
        if matches!(*word, "|" | "||" | "&&" | ";" | ">" | "2>&1") {
            break;
        }
        if matches!(
            *word,
            "-o" | "--output" | "-w" | "--write-out" | "-D" | "--dump-header"
        ) {
            skip_next = true;
            continue;
        }
        let quiet_flags = word.len() > 1
            && word.starts_with('-')
            && !word.starts_with("--")
            && word[1..]
                .chars()
                .all(|c| matches!(c, 's' | 'S' | 'i' | 'v'));
        if quiet_flags
            || matches!(
                *word,
                "--silent" | "--show-error" | "--include" | "--verbose"
            )
        {
            continue;
        }
        kept.push(word);
    }
    format!(
        "curl -sv {} -w '{}'",
        kept.join(" "),
        crate::evidence::timing::CURL_TIMING_FORMAT
    )
}

#[cfg(test)]
mod tests {
    use super::example_command;

    #[test]
    fn an_example_runs_verbose_with_timings_and_keeps_its_request() {
        let command = example_command(
            "curl -sS -D - -H \"Authorization: Bearer $TOKEN\" https://api.example.com/v1/orders | head -20",
        );
        assert!(
            command.starts_with(
                "curl -sv -H \"Authorization: Bearer $TOKEN\" https://api.example.com/v1/orders -w '"
            ),
            "{command}"
        );
        assert!(command.contains("%{time_starttransfer}"));
        let hidden = example_command(
            "curl -sS -o /dev/null -w '%{http_code} %{content_type}\\n' https://api.example.com/healthz",
        );
        assert!(
            hidden.starts_with("curl -sv https://api.example.com/healthz -w"),
            "{hidden}"
        );
        assert_eq!(
            example_command("grpcurl -plaintext x:1 list"),
            "grpcurl -plaintext x:1 list"
        );
    }
}
