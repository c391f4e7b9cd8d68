//! The hand-off: what the next responder needs to take a triage over, short enough to paste
//! in chat. What is known, what was ruled out and why, what is under way, the next checks in
//! the order the ranking gives, the open questions, and whom to call. Rendered from the
//! redacted session a `Prepared` holds, reading the same facts the summary reads (the code,
//! the ranking, the missing needs). Pure.

use std::fmt::Write as _;

use jiff::Timestamp;

use super::Prepared;
use super::summary::{Format, Markup, code_and_title, endpoint, finding_suffix};
use crate::runbook::{Card, TeamRunbook};
use crate::session::model::{EvidenceReading, age_label};
use crate::session::run::RunEnd;
use crate::session::{Note, NoteEvidence, NoteTarget, Session};
use crate::triage::{Interview, Outcome, most_likely, next_steps, rank_causes};

/// The next checks listed; the rest are counted.
const MAX_NEXT: usize = 5;

/// The hand-off in Markdown, for chat tools and issue trackers.
pub fn render(prepared: &Prepared, runbook: &TeamRunbook, now: Timestamp) -> String {
    render_as(prepared, runbook, now, Format::Md)
}

/// The hand-off in one of the summary's text formats (JSON reads as Markdown: the bundle
/// already holds the whole session).
pub fn render_as(
    prepared: &Prepared,
    runbook: &TeamRunbook,
    now: Timestamp,
    format: Format,
) -> String {
    let m = match format {
        Format::Md | Format::Json => &Markup::MARKDOWN,
        Format::Text => &Markup::TEXT,
        Format::Slack => &Markup::SLACK,
    };
    let session = &prepared.session;
    let code = session.code(&runbook.interview);
    let hand_off = HandOff {
        prepared,
        session,
        runbook,
        code,
        card: code.and_then(|c| runbook.card(c)),
        now,
        m,
    };
    hand_off.write()
}

struct HandOff<'a> {
    prepared: &'a Prepared,
    session: &'a Session,
    runbook: &'a TeamRunbook,
    /// `Session::code`, read once: every line names this one.
    code: Option<u16>,
    card: Option<Card>,
    now: Timestamp,
    m: &'a Markup,
}

/// A response the evidence reader read, with the note it is in.
struct Read<'a> {
    note: &'a Note,
    reading: &'a EvidenceReading,
}

impl HandOff<'_> {
    fn write(&self) -> String {
        let mut out = String::new();
        self.write_title(&mut out);
        let reads = self.failing_reads();
        let sections: [(&str, Vec<String>); 6] = [
            ("Known", self.known(&reads)),
            ("Ruled out", self.ruled_out()),
            ("In progress", self.in_progress()),
            ("Next checks", self.next_checks()),
            ("Open questions", self.open_questions(&reads)),
            ("Who to call", self.who_to_call()),
        ];
        for (title, lines) in sections {
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{}{title}{}", self.m.heading.0, self.m.heading.1);
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
        }
        let _ = writeln!(
            out,
            "\nSession {} · runbook {} · {} · api-triage",
            self.session.id,
            self.runbook.name,
            self.prepared.redaction_note()
        );
        out
    }

    fn write_title(&self, out: &mut String) {
        let s = self.session;
        let mut title = String::from("Hand-off: ");
        if !s.incident.title.is_empty() {
            let _ = write!(title, "{} · ", s.incident.title);
        }
        match &self.card {
            Some(card) => title.push_str(&code_and_title(self.code, card)),
            None => title.push_str("HTTP failure (code not known)"),
        }
        if !s.incident.environment.is_empty() {
            let _ = write!(title, " ({})", s.incident.environment);
        }
        if !s.incident.severity.is_empty() {
            let _ = write!(title, " [{}]", s.incident.severity);
        }
        let end = if self.m.title == "*" { "*" } else { "" };
        let _ = writeln!(out, "{}{title}{end}", self.m.title);
        let _ = writeln!(
            out,
            "Triage started {} UTC ({}); handed off {} UTC.",
            s.created.strftime("%Y-%m-%d %H:%M"),
            age_label(s.created, self.now),
            self.now.strftime("%H:%M")
        );
    }

    /// The readings of the responses that show the failure: the session's code, or any error
    /// when the code is not known. A known-good response says nothing of who failed.
    fn failing_reads(&self) -> Vec<Read<'_>> {
        self.session
            .live_notes()
            .filter_map(|note| match &note.evidence {
                Some(NoteEvidence::Reading(reading)) => Some(Read { note, reading }),
                _ => None,
            })
            .filter(|r| match self.code {
                Some(code) => r.reading.status == code,
                None => r.reading.status >= 400,
            })
            .collect()
    }

    fn item(&self, label: &str, text: &str) -> String {
        format!("- {} {text}", self.m.b(&format!("{label}:")))
    }

    fn known(&self, reads: &[Read<'_>]) -> Vec<String> {
        let s = self.session;
        let mut lines = Vec::new();
        let mut code = match &self.card {
            Some(card) => code_and_title(self.code, card),
            None => "not known yet".to_owned(),
        };
        let endpoint = endpoint(s);
        if !endpoint.is_empty() {
            let _ = write!(code, " on {endpoint}");
        }
        lines.push(self.item("Code", &code));
        // Who returned it, once per origin the readings name, the first response for each.
        let mut named: Vec<(String, &Read<'_>, usize)> = Vec::new();
        for read in reads
            .iter()
            .filter(|r| r.reading.returned_by.layer.is_some())
        {
            let who = read.reading.returned_by.who();
            match named.iter_mut().find(|(w, _, _)| *w == who) {
                Some((_, _, count)) => *count += 1,
                None => named.push((who, read, 1)),
            }
        }
        for (who, read, count) in &named {
            let seen = match count {
                1 => format!("the response at {}", read.note.elapsed_label()),
                n => format!("{n} responses, the first at {}", read.note.elapsed_label()),
            };
            let confidence = read.reading.returned_by.confidence.label();
            lines.push(self.item(
                "Returned by",
                &format!("{who}, {confidence} confidence ({seen})"),
            ));
        }
        if named.is_empty()
            && let Some(answer) = s.interview.answers.get("layer")
        {
            let layer = Interview::describe(&self.runbook.interview, "layer", answer);
            lines.push(self.item("Returned by", &format!("{layer} (as answered)")));
        }
        for step in s.checklist.found() {
            lines.push(self.item("Found", &step.found_text()));
        }
        if let Some(card) = &self.card {
            let ranked = rank_causes(card, &s.interview, &self.runbook.interview, &s.checklist);
            if let Some(top) = most_likely(&ranked) {
                let why = if top.reasons.is_empty() {
                    String::new()
                } else {
                    format!(" (because {})", top.reasons.join(", "))
                };
                lines.push(self.item("Most likely", &format!("{}{why}", top.text)));
            }
        }
        // The alert that paged, when one was pasted: the first still counted.
        if let Some((note, alert)) = s.alerts().next() {
            lines.push(self.item("Alert", &alert.headline(note.at)));
        }
        if !s.incident.first_seen.is_empty() {
            lines.push(self.item("First seen", &s.incident.first_seen));
        }
        if let Some(answer) = s.interview.answers.get("spread") {
            let scope = Interview::describe(&self.runbook.interview, "spread", answer);
            lines.push(self.item("Scope", &scope));
        }
        if let Some(line) = s.import_line() {
            lines.push(self.item("Imported", &line));
        }
        lines
    }

    fn ruled_out(&self) -> Vec<String> {
        self.session
            .checklist
            .ruled_out()
            .map(|step| format!("- {}{}", step.title, finding_suffix(&step.finding)))
            .collect()
    }

    /// The live notes about step `index`.
    fn notes_on(&self, index: usize) -> usize {
        self.session
            .notes_for(NoteTarget::Step(index))
            .filter(|n| !n.struck)
            .count()
    }

    /// Steps worked on without a verdict (done, skipped, or pending with notes) and runs that
    /// did not finish by themselves.
    fn in_progress(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (index, step) in self.session.checklist.steps.iter().enumerate() {
            let notes = self.notes_on(index);
            let state = match step.outcome {
                Outcome::Done | Outcome::Skipped => step.outcome.label().to_owned(),
                Outcome::Pending if notes > 0 => {
                    format!("{} so far, no outcome yet", plural(notes, "note"))
                }
                _ => continue,
            };
            let finding = if step.finding.is_empty() {
                String::new()
            } else {
                format!(": {}", step.finding)
            };
            lines.push(format!("- {} — {state}{finding}", step.title));
        }
        for note in self.session.live_notes() {
            let Some(run) = &note.run else { continue };
            if matches!(
                run.ending,
                RunEnd::Stopped | RunEnd::TimedOut { .. } | RunEnd::Quit
            ) {
                let command = run.command.lines().next().unwrap_or_default();
                lines.push(format!(
                    "- Run not finished: {} ({}): {}",
                    self.m.c(command),
                    run.what,
                    run.outcome_line()
                ));
            }
        }
        lines
    }

    /// The pending steps nobody has started, in the order `triage::next_steps` gives.
    fn next_checks(&self) -> Vec<String> {
        let s = self.session;
        let ranked = self.card.as_ref().map_or_else(Vec::new, |card| {
            rank_causes(card, &s.interview, &self.runbook.interview, &s.checklist)
        });
        let next: Vec<_> = next_steps(&ranked, &s.checklist)
            .into_iter()
            .filter(|next| self.notes_on(next.index) == 0)
            .collect();
        let mut lines: Vec<String> = next
            .iter()
            .take(MAX_NEXT)
            .enumerate()
            .filter_map(|(n, next)| {
                let step = s.checklist.steps.get(next.index)?;
                let mut line = format!("{}. {}", n + 1, step.title);
                if let Some(how) = &step.how {
                    let _ = write!(line, " — {}", self.m.c(how));
                }
                if let Some(cause) = &next.tests {
                    let _ = write!(line, " (tests: {cause})");
                }
                Some(line)
            })
            .collect();
        if next.len() > MAX_NEXT {
            lines.push(format!(
                "- and {} more in the checklist",
                plural(next.len() - MAX_NEXT, "step")
            ));
        }
        lines
    }

    fn open_questions(&self, reads: &[Read<'_>]) -> Vec<String> {
        let s = self.session;
        let questions = &self.runbook.interview;
        let mut lines = Vec::new();
        for read in reads
            .iter()
            .filter(|r| r.reading.returned_by.layer.is_none())
        {
            let settle = match &read.reading.returned_by.check {
                Some(check) => format!("; to settle it: {check}"),
                None => String::new(),
            };
            lines.push(format!(
                "- Who returned the {} at {}? Unknown{settle}",
                read.reading.status,
                read.note.elapsed_label()
            ));
        }
        for question in s.interview.unanswered(questions) {
            lines.push(format!(
                "- {} (not answered)",
                short_prompt(&question.prompt)
            ));
        }
        // An answer the evidence gave stands until someone confirms it.
        for question in questions {
            if let Some(answer) = s.interview.answers.get(&question.id)
                && s.interview.source(&question.id).is_some()
            {
                lines.push(format!(
                    "- {} {} (read from the evidence, not confirmed)",
                    short_prompt(&question.prompt),
                    Interview::describe(questions, &question.id, answer)
                ));
            }
        }
        if !self.prepared.missing.is_empty() {
            let labels: Vec<&str> = self.prepared.missing.iter().map(|n| n.label()).collect();
            lines.push(format!("- Still missing: {}", labels.join(", ")));
        }
        lines
    }

    fn who_to_call(&self) -> Vec<String> {
        let Some(card) = &self.card else {
            return vec!["- Nobody yet: the code is not known, so neither is its owner".to_owned()];
        };
        let owner = &card.owner;
        let mut lines = vec![self.item("Owner", &format!("{} · {}", owner.name, owner.contact))];
        if let Some(escalation) = &owner.escalation {
            lines.push(self.item("Escalation", escalation));
        }
        lines
    }
}

/// A question up to its question mark: the rest explains it, and a hand-off is short.
fn short_prompt(prompt: &str) -> &str {
    prompt.split_inclusive('?').next().unwrap_or(prompt)
}

/// "1 note", "3 notes".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests;
