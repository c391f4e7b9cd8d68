//! The escalation summary: everything the next team needs in one paste, the most important
//! lines first, as Markdown (chat tools and issue trackers), plain text, or Slack mrkdwn.
//! Every piece of text the engineer typed or pasted is redacted first. Pure.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use jiff::Timestamp;
use serde::Serialize;

use super::redact::Redactor;
use crate::evidence::ids::{FoundId, find_ids};
use crate::evidence::request::{Request, find_request};
use crate::evidence::timing::{at_known_defaults, grouped_sentences};
use crate::runbook::model::{ExampleKind, Need};
use crate::runbook::{Card, TeamRunbook};
use crate::session::model::elapsed_label;
use crate::session::{Note, NoteEvidence, Session};
use crate::triage::{Interview, Outcome, most_likely, rank_causes};

/// The formats of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown, for chat tools and issue trackers.
    Md,
    /// Plain text, for email and terminals.
    Text,
    /// Slack mrkdwn.
    Slack,
    /// The whole session as JSON.
    Json,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Md => "Markdown",
            Format::Text => "plain text",
            Format::Slack => "Slack",
            Format::Json => "JSON",
        }
    }

    /// The next of the text formats, for a key that cycles through them.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Format::Md => Format::Text,
            Format::Text => Format::Slack,
            Format::Slack | Format::Json => Format::Md,
        }
    }
}

/// The session with every engineer-written text redacted, and how many secrets were removed.
#[derive(Debug, Clone)]
pub struct Redacted {
    pub session: Session,
    pub count: usize,
    /// Per kind of secret (the rule that found it), how many: sorted by name.
    pub kinds: Vec<(String, usize)>,
}

/// Redacts every text of a session that came from the engineer or a server: notes and the
/// evidence line read from each, the draft, findings, incident fields and typed answers.
pub fn redact_session(session: &Session, redactor: &Redactor) -> Redacted {
    let mut copy = session.clone();
    let mut count = 0;
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    let mut clean = |text: &mut String| {
        let result = redactor.redact(text);
        count += result.count;
        for (kind, hits) in result.rules {
            *kinds.entry(kind).or_default() += hits;
        }
        *text = result.text;
    };
    copy.for_each_text(&mut clean);
    Redacted {
        session: copy,
        count,
        kinds: kinds.into_iter().collect(),
    }
}

/// What goes into a summary, gathered once and rendered in any format.
struct Facts<'a> {
    session: &'a Session,
    runbook: &'a TeamRunbook,
    /// The session's code, from `Session::code`: every line of the summary reads this one.
    code: Option<u16>,
    card: Option<Card>,
    /// The needs still missing, worked out on the session before redaction (a redacted id is
    /// still an id): the same list the escalation screen shows.
    missing: &'a [Need],
    now: Timestamp,
    /// The request a note captured, to send again: read once here, for the Reproduce section.
    captured: Option<Captured>,
}

/// A request read out of a note, with where it came from.
struct Captured {
    /// The note's `T+mm:ss`.
    note_at: String,
    /// The status its response got, when the note shows one.
    status: Option<u16>,
    request: Request,
}

/// The request worth sending again: from the latest note whose response got the session's
/// code, else from the latest whose response was no success (or is not in the note). A
/// request that got a 2xx or 3xx is a known-good one, not the failure. Struck notes never.
fn captured_request(session: &Session, code: Option<u16>) -> Option<Captured> {
    let notes: Vec<&Note> = session.live_notes().collect();
    let read: Vec<Captured> = notes
        .iter()
        .rev()
        .filter_map(|note| {
            let request = find_request(&note.text)?;
            let status = match &note.evidence {
                Some(NoteEvidence::Reading(reading)) => Some(reading.status),
                _ => crate::evidence::response::parse(&note.text).status,
            };
            Some(Captured {
                note_at: note.elapsed_label(),
                status,
                request,
            })
        })
        .collect();
    let same_code = read.iter().position(|c| code.is_some() && c.status == code);
    let failing = || read.iter().position(|c| c.status.is_none_or(|s| s >= 400));
    let index = same_code.or_else(failing)?;
    read.into_iter().nth(index)
}

/// Renders the summary of an (already redacted) session; `missing` is the readiness the
/// caller computed once with `Session::missing_needs` before redacting.
pub fn render(
    session: &Session,
    missing: &[Need],
    runbook: &TeamRunbook,
    now: Timestamp,
    format: Format,
) -> String {
    let code = session.code(&runbook.interview);
    let facts = Facts {
        session,
        runbook,
        code,
        card: code.and_then(|c| runbook.card(c)),
        missing,
        now,
        captured: captured_request(session, code),
    };
    match format {
        Format::Json => serde_json::to_string_pretty(session).unwrap_or_default() + "\n",
        Format::Md => facts.write(&Markup::MARKDOWN),
        Format::Text => facts.write(&Markup::TEXT),
        Format::Slack => facts.write(&Markup::SLACK),
    }
}

/// The summary's first line, which a status update and a hand-off open with too: severity,
/// code and its reason, endpoint, environment, after the incident's title.
pub fn headline(session: &Session, card: Option<&Card>, code: Option<u16>) -> String {
    let s = session;
    let mut headline = String::new();
    if !s.incident.severity.is_empty() {
        let _ = write!(headline, "[{}] ", s.incident.severity);
    }
    match card {
        Some(card) => headline.push_str(&code_and_title(code, card)),
        None => headline.push_str("HTTP failure (code not known)"),
    }
    let endpoint = endpoint(s);
    if !endpoint.is_empty() {
        let _ = write!(headline, " on {endpoint}");
    }
    if !s.incident.environment.is_empty() {
        let _ = write!(headline, " ({})", s.incident.environment);
    }
    if !s.incident.title.is_empty() {
        headline = format!("{}: {headline}", s.incident.title);
    }
    headline
}

/// How one format marks headings, emphasis, lists and blocks; the hand-off writes with it too.
pub(super) struct Markup {
    pub(super) title: &'static str,
    pub(super) heading: (&'static str, &'static str),
    bold: (&'static str, &'static str),
    code: (&'static str, &'static str),
    fence: (&'static str, &'static str),
    /// A block of shell commands.
    shell: (&'static str, &'static str),
}

impl Markup {
    pub(super) const MARKDOWN: Markup = Markup {
        title: "## ",
        heading: ("### ", ""),
        bold: ("**", "**"),
        code: ("`", "`"),
        fence: ("```text\n", "```\n"),
        shell: ("```sh\n", "```\n"),
    };
    pub(super) const TEXT: Markup = Markup {
        title: "",
        heading: ("", ":"),
        bold: ("", ""),
        code: ("", ""),
        fence: ("", ""),
        shell: ("", ""),
    };
    pub(super) const SLACK: Markup = Markup {
        title: "*",
        heading: ("*", "*"),
        bold: ("*", "*"),
        code: ("`", "`"),
        fence: ("```\n", "```\n"),
        shell: ("```\n", "```\n"),
    };

    pub(super) fn b(&self, text: &str) -> String {
        format!("{}{text}{}", self.bold.0, self.bold.1)
    }

    pub(super) fn c(&self, text: &str) -> String {
        if self.code.0.is_empty() || text.contains('`') {
            return text.to_owned();
        }
        format!("{}{text}{}", self.code.0, self.code.1)
    }
}

impl Facts<'_> {
    fn write(&self, m: &Markup) -> String {
        let mut out = String::new();
        let headline = headline(self.session, self.card.as_ref(), self.code);
        let title_end = if m.title == "*" { "*" } else { "" };
        let _ = writeln!(out, "{}{headline}{title_end}", m.title);
        self.write_key_lines(m, &mut out);
        self.write_sections(m, &mut out);
        out
    }

    /// The lines someone reads when they read nothing else.
    fn write_key_lines(&self, m: &Markup, out: &mut String) {
        let s = self.session;
        // What the checklist found outranks every guess: it goes first.
        for step in s.checklist.found() {
            let _ = writeln!(out, "- {} {}", m.b("Found:"), step.found_text());
        }
        if let Some(card) = &self.card {
            // Worded as on the card, so the paste and the screen read the same.
            let owner = crate::runbook::sheet::owner_text(&card.owner);
            let label = format!("{}:", crate::runbook::sheet::Label::Owner.text());
            let _ = writeln!(out, "- {} {owner}", m.b(&label));
            let ranked = rank_causes(card, &s.interview, &self.runbook.interview, &s.checklist);
            match most_likely(&ranked) {
                Some(top) => {
                    let mut why = top.reasons.clone();
                    if let Some(step) = &top.found_by {
                        why.insert(0, format!("found in: {step}"));
                    }
                    let why = if why.is_empty() {
                        String::new()
                    } else {
                        format!(" (because {})", why.join(", "))
                    };
                    let _ = writeln!(out, "- {} {}{why}", m.b("Most likely:"), top.text);
                }
                None if !ranked.is_empty() => {
                    let _ = writeln!(
                        out,
                        "- {} not known: the checklist ruled out every cause the runbook lists",
                        m.b("Most likely:")
                    );
                }
                None => {}
            }
        }
        let ruled_out: Vec<_> = s.checklist.ruled_out().collect();
        if !ruled_out.is_empty() {
            let items: Vec<String> = ruled_out
                .iter()
                .map(|step| format!("{}{}", step.title, finding_suffix(&step.finding)))
                .collect();
            let _ = writeln!(out, "- {} {}", m.b("Ruled out:"), items.join("; "));
        }
        let missing = self.missing_needs();
        if !missing.is_empty() {
            let labels: Vec<&str> = missing.iter().map(|n| n.label()).collect();
            let _ = writeln!(out, "- {} {}", m.b("Still missing:"), labels.join(", "));
        }
        // The alert that paged, when one was pasted: the first still counted.
        let mut alerts = s.alerts();
        if let Some((note, alert)) = alerts.next() {
            let more = match alerts.count() {
                0 => String::new(),
                1 => "; 1 more alert in the notes".to_owned(),
                n => format!("; {n} more alerts in the notes"),
            };
            let _ = writeln!(
                out,
                "- {} {} (note at {}){more}",
                m.b("Alert:"),
                alert.headline(note.at),
                note.elapsed_label()
            );
        }
        let mut when = format!(
            "{} to {} UTC ({})",
            s.created.strftime("%Y-%m-%d %H:%M"),
            self.now.strftime("%H:%M"),
            elapsed_label(self.now.as_second() - s.created.as_second())
        );
        if s.incident.first_seen.is_empty() {
            when = format!("triaged {when}");
        } else {
            when = format!("first seen {}; triaged {when}", s.incident.first_seen);
        }
        let _ = writeln!(out, "- {} {when}", m.b("When:"));
        if let Some(line) = s.import_line() {
            let _ = writeln!(out, "- {} {line}", m.b("Imported:"));
        }
        let ids = self.ids();
        if !ids.is_empty() {
            let list: Vec<String> = ids
                .iter()
                .take(8)
                .map(|id| format!("{} {}", id.name, m.c(&id.value)))
                .collect();
            let _ = writeln!(out, "- {} {}", m.b("Ids:"), list.join(", "));
        }
    }

    fn write_sections(&self, m: &Markup, out: &mut String) {
        let s = self.session;
        let section = |out: &mut String, title: &str| {
            let _ = writeln!(out, "\n{}{title}{}", m.heading.0, m.heading.1);
        };
        if let Some(card) = &self.card {
            section(
                out,
                &format!(
                    "What {} means here",
                    self.code
                        .map_or_else(|| card.code.clone(), |c| c.to_string())
                ),
            );
            let _ = writeln!(out, "{}", card.meaning);
        }
        let questions = &self.runbook.interview;
        if !s.interview.answers.is_empty() {
            section(out, "Interview");
            for question in questions {
                if let Some(answer) = s.interview.answers.get(&question.id) {
                    // The question up to its question mark reads as a label.
                    let label = question
                        .prompt
                        .split_inclusive('?')
                        .next()
                        .unwrap_or(&question.prompt);
                    let _ = writeln!(
                        out,
                        "- {label} {}",
                        Interview::describe(questions, &question.id, answer)
                    );
                }
            }
        }
        if !s.checklist.steps.is_empty() {
            section(out, "Checklist");
            for step in &s.checklist.steps {
                let _ = writeln!(
                    out,
                    "- {} {}{}",
                    step.outcome.marker(),
                    step.title,
                    finding_suffix(&step.finding)
                );
            }
        }
        self.write_good_vs_failing(m, out);
        if !s.notes.is_empty() {
            section(out, "Evidence notes");
            for note in &s.notes {
                // Struck notes are here only when asked for (`export::prepare_with`): said
                // in words, so no format's reader mistakes one for live evidence.
                let struck = if note.struck { "STRUCK OUT · " } else { "" };
                let _ = writeln!(
                    out,
                    "{} ({})",
                    m.b(&format!(
                        "{struck}{} · {} · {}",
                        note.elapsed_label(),
                        note.at.strftime("%Y-%m-%d %H:%M:%SZ"),
                        note.about()
                    )),
                    note.local
                );
                if let Some(edited) = &note.edited {
                    let _ = writeln!(
                        out,
                        "{} {} ({})",
                        m.b("Edited:"),
                        edited.at.strftime("%Y-%m-%d %H:%M:%SZ"),
                        edited.local
                    );
                }
                if let Some(run) = &note.run {
                    let _ = writeln!(
                        out,
                        "{} {} ({}; started {}, {})",
                        m.b("Ran:"),
                        m.c(&run.command),
                        run.what,
                        run.started.at.strftime("%H:%M:%SZ"),
                        run.outcome_line()
                    );
                    if run.left_out_bytes > 0 {
                        let _ = writeln!(
                            out,
                            "{} {} of its output in the middle",
                            m.b("Left out:"),
                            crate::run::output::human_bytes(run.left_out_bytes)
                        );
                    }
                }
                if let Some(card) = note.evidence_line() {
                    let _ = writeln!(out, "{} {card}", m.b("Evidence:"));
                }
                if let Some(timing) = &note.timing {
                    let _ = writeln!(
                        out,
                        "{} {} in total: {}",
                        m.b("Timing:"),
                        crate::evidence::timing::duration(timing.total_micros),
                        timing.one_line()
                    );
                    let flags = at_known_defaults(timing, &self.runbook.timeouts);
                    for sentence in grouped_sentences(&flags) {
                        let _ = writeln!(out, "{} {sentence}", m.b("At a known timeout:"));
                    }
                }
                let _ = write!(out, "{}", m.fence.0);
                for line in note.text.lines() {
                    let _ = writeln!(
                        out,
                        "{}{line}",
                        if m.fence.0.is_empty() { "    " } else { "" }
                    );
                }
                let _ = write!(out, "{}", m.fence.1);
            }
        }
        let examples = self.card.as_ref().map_or(&[][..], |c| &c.examples[..]);
        if self.captured.is_some() || !examples.is_empty() {
            section(out, "Reproduce");
        }
        if let Some(captured) = &self.captured {
            write_captured(captured, examples, m, out);
        }
        let ordered = examples
            .iter()
            .filter(|e| e.kind == ExampleKind::Failing)
            .chain(examples.iter().filter(|e| e.kind == ExampleKind::Good));
        for example in ordered {
            let kind = if example.kind == ExampleKind::Good {
                "known good"
            } else {
                "failing"
            };
            let name = if example.name.eq_ignore_ascii_case(kind) {
                String::new()
            } else {
                format!("{}, ", example.name)
            };
            let _ = writeln!(
                out,
                "- {kind} ({name}expect {}): {}",
                example.expect,
                m.c(&example.request)
            );
        }
        let open = self.open_questions();
        if !open.is_empty() {
            section(out, "Open questions");
            for question in open {
                let _ = writeln!(out, "- {question}");
            }
        }
        let _ = writeln!(
            out,
            "\n{}",
            m.b(&format!(
                "Runbook: {} · session {} · api-triage",
                self.runbook.name, s.id
            ))
        );
    }

    /// The marked known-good note against the failing one, the differences first: the
    /// comparison the screen shows, made by `Session::good_vs_failing`.
    fn write_good_vs_failing(&self, m: &Markup, out: &mut String) {
        let s = self.session;
        let (Some((good, failing)), Some(comparison)) =
            (s.marked_pair(), s.good_vs_failing(&self.runbook.timeouts))
        else {
            return;
        };
        let _ = writeln!(out, "\n{}Known good vs failing{}", m.heading.0, m.heading.1);
        let about = |note: &Note| match note.evidence_line() {
            Some(line) => format!("the note at {} ({line})", note.elapsed_label()),
            None => format!("the note at {}", note.elapsed_label()),
        };
        let _ = writeln!(out, "{} {}", m.b("Known good:"), about(good));
        let _ = writeln!(out, "{} {}", m.b("Failing:"), about(failing));
        if comparison.differences.is_empty() {
            let _ = writeln!(out, "No differences: the two responses read the same.");
        }
        for row in &comparison.differences {
            let _ = writeln!(out, "- {}", row.text());
        }
        if !comparison.same.is_empty() {
            let _ = writeln!(
                out,
                "{} {}",
                m.b("The same in both:"),
                comparison.same_names()
            );
        }
    }

    fn missing_needs(&self) -> Vec<Need> {
        self.missing.to_vec()
    }

    fn ids(&self) -> Vec<FoundId> {
        let mut seen = BTreeSet::new();
        self.session
            .live_notes()
            .flat_map(|n| find_ids(&n.text))
            .filter(|id| seen.insert(id.value.clone()))
            .collect()
    }

    fn open_questions(&self) -> Vec<String> {
        let s = self.session;
        let mut open: Vec<String> = s
            .interview
            .unanswered(&self.runbook.interview)
            .into_iter()
            .map(|q| format!("{} (not answered)", q.prompt))
            .collect();
        let pending = s
            .checklist
            .steps
            .iter()
            .filter(|st| st.outcome == Outcome::Pending)
            .count();
        if pending > 0 {
            open.push(format!("{pending} checklist step(s) not done yet"));
        }
        open
    }
}

/// The captured request as a `curl` command, where it came from, and the line that leads
/// into the runbook's examples when there are some.
fn write_captured(
    captured: &Captured,
    examples: &[crate::runbook::model::Example],
    m: &Markup,
    out: &mut String,
) {
    let request = &captured.request;
    let mut from = format!("From the request in the note at {}", captured.note_at);
    if let Some(status) = captured.status {
        let _ = write!(from, " (it got {status})");
    }
    if request.scheme_assumed {
        from.push_str("; https assumed, the note does not show the scheme");
    }
    let _ = writeln!(out, "{from}:");
    let _ = write!(out, "{}", m.shell.0);
    let indent = if m.shell.0.is_empty() { "    " } else { "" };
    for line in request.to_curl().lines() {
        let _ = writeln!(out, "{indent}{line}");
    }
    let _ = write!(out, "{}", m.shell.1);
    if let Some(bytes) = request.body_not_shown {
        let _ = writeln!(
            out,
            "The request sent a {bytes}-byte body that the note does not show: add it with {}.",
            m.c("-d")
        );
    }
    let count = |kind: ExampleKind| examples.iter().filter(|e| e.kind == kind).count();
    let plural = |n: usize, word: &str| {
        if n == 1 {
            word.to_owned()
        } else {
            format!("{word}s")
        }
    };
    let lead = match (count(ExampleKind::Failing), count(ExampleKind::Good)) {
        (0, 0) => return,
        (0, good) => format!("The runbook's known good {}:", plural(good, "example")),
        (failing, 0) => format!("The runbook's failing {}:", plural(failing, "example")),
        (failing, good) => format!(
            "The runbook's failing {}, then its known good {}:",
            plural(failing, "example"),
            plural(good, "one")
        ),
    };
    let _ = writeln!(out, "{lead}");
}

/// What failed: the incident's endpoint, else the service the interview names; empty when
/// neither says. For the summary's headline and the hand-off's code line.
pub fn endpoint(s: &Session) -> String {
    if !s.incident.endpoint.is_empty() {
        return s.incident.endpoint.clone();
    }
    match s.interview.answers.get("service") {
        Some(crate::triage::Answer::Text(text)) => text.clone(),
        _ => String::new(),
    }
}

/// "502 Bad Gateway": the code and its title as every summary and the hand-off head it. A
/// fallback card's title says it is class advice, so the code's own reason phrase goes first.
pub(super) fn code_and_title(code: Option<u16>, card: &Card) -> String {
    let title = code
        .and_then(crate::runbook::merged::reason_phrase)
        .unwrap_or(&card.title);
    let code = code.map_or_else(|| card.code.clone(), |c| c.to_string());
    format!("{code} {title}")
}

pub(super) fn finding_suffix(finding: &str) -> String {
    if finding.is_empty() {
        String::new()
    } else {
        format!(" — {finding}")
    }
}
