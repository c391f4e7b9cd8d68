//! The stakeholder status update: what is known, the impact, what is being done and when the
//! next update comes, drafted from the (redacted) session in Slack or Markdown for the
//! engineer to edit and copy. Plain words for people outside the team; the summary is for the
//! responders.

use std::fmt::Write as _;

use jiff::Timestamp;

use super::Prepared;
use super::summary::{Format, headline};
use crate::runbook::TeamRunbook;
use crate::triage::{Interview, Outcome};

/// Drafts the next status update, as of `now`, in `format` (Slack, or Markdown for anything
/// else). `every` is the runbook's cadence for the incident's severity, when it sets one.
pub fn draft(
    prepared: &Prepared,
    runbook: &TeamRunbook,
    now: Timestamp,
    every: Option<u32>,
    format: Format,
) -> String {
    let s = &prepared.session;
    let code = s.code(&runbook.interview);
    let card = code.and_then(|c| runbook.card(c));
    let (bold, bullet) = match format {
        Format::Slack => (("*", "*"), "•"),
        Format::Text => (("", ""), "-"),
        Format::Md | Format::Json => (("**", "**"), "-"),
    };
    let b = |text: &str| format!("{}{text}{}", bold.0, bold.1);
    let mut out = String::new();
    let found: Vec<String> = s
        .checklist
        .found()
        .map(crate::triage::checklist::Step::found_text)
        .collect();
    let state = if found.is_empty() {
        "Investigating"
    } else {
        "Identified"
    };
    let number = s.updates_sent().0 + 1;
    let _ = writeln!(
        out,
        "{} (update {number}, {})",
        b(&format!("{state}: {}", headline(s, card.as_ref(), code))),
        now.strftime("%H:%M UTC")
    );

    let mut known: Vec<String> = found.iter().map(|f| format!("found: {f}")).collect();
    if let Some(line) = s.first_evidence_line() {
        known.push(format!("the failing response: {line}"));
    }
    if let Some((note, alert)) = s.alerts().next() {
        known.push(format!("alert: {}", alert.headline(note.at)));
    }
    if known.is_empty() {
        known.push("the cause is not known yet".to_owned());
    }
    let _ = writeln!(out, "{bullet} {} {}", b("What we know:"), known.join("; "));

    let mut impact = Vec::new();
    if let Some(answer) = s.interview.answers.get("spread") {
        impact.push(Interview::describe(&runbook.interview, "spread", answer));
    }
    if !s.incident.first_seen.trim().is_empty() {
        impact.push(format!("since {}", s.incident.first_seen.trim()));
    }
    if impact.is_empty() {
        impact.push("being assessed".to_owned());
    }
    let _ = writeln!(out, "{bullet} {} {}", b("Impact:"), impact.join(", "));

    let steps = &s.checklist.steps;
    let done = steps
        .iter()
        .filter(|step| step.outcome != Outcome::Pending)
        .count();
    let mut doing = Vec::new();
    // The step the engineer is on, else the first still to do.
    let current = steps
        .get(s.selected_step)
        .filter(|step| step.outcome == Outcome::Pending)
        .or_else(|| steps.iter().find(|step| step.outcome == Outcome::Pending));
    if let Some(step) = current {
        doing.push(format!("checking {}", step.title));
    }
    let ruled_out: Vec<&str> = s
        .checklist
        .ruled_out()
        .map(|step| step.title.as_str())
        .collect();
    if !ruled_out.is_empty() {
        doing.push(format!("ruled out: {}", ruled_out.join(", ")));
    }
    if !steps.is_empty() {
        doing.push(format!("{done} of {} checks done", steps.len()));
    }
    if doing.is_empty() {
        doing.push("working through the runbook's checks".to_owned());
    }
    let _ = writeln!(
        out,
        "{bullet} {} {}",
        b("What we are doing:"),
        doing.join("; ")
    );

    let next = match every {
        Some(minutes) => {
            let due = crate::session::events::update_due(now, minutes);
            format!("by {} (every {minutes} min)", due.strftime("%H:%M UTC"))
        }
        None => "when we know more".to_owned(),
    };
    let _ = writeln!(out, "{bullet} {} {next}", b("Next update:"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{NoteTarget, Session};
    use crate::triage::{Answer, Checklist};
    use jiff::tz::TimeZone;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn runbook() -> TeamRunbook {
        crate::runbook::snapshot::embedded_default(None).unwrap()
    }

    fn session(runbook: &TeamRunbook) -> Session {
        let mut s = Session::new(
            at("2026-11-23T09:00:00Z"),
            "Default",
            "embedded default",
            &runbook.interview,
            Some(502),
        );
        s.incident.severity = "SEV2".into();
        s.incident.title = "Checkout failing".into();
        s.incident.endpoint = "POST /v1/checkout".into();
        s.incident.first_seen = "02:40 UTC".into();
        s.checklist = Checklist::from_card(&runbook.card(502).unwrap());
        s
    }

    #[test]
    fn an_update_says_what_is_known_the_impact_the_work_and_the_next_time() {
        let runbook = runbook();
        let mut s = session(&runbook);
        let spread = runbook.interview.iter().find(|q| q.id == "spread").unwrap();
        s.interview.answers.insert(
            "spread".into(),
            Answer::Choice(spread.options[0].id.clone()),
        );
        s.add_evidence_note(
            NoteTarget::Incident,
            "HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nAuthorization: Bearer abc.def.ghi\r\n\r\n",
            at("2026-11-23T09:03:00Z"),
            &TimeZone::UTC,
            crate::evidence::token::Expected {
                audience: None,
                issuer: None,
            },
        );
        s.checklist.set_outcome(1, Outcome::RuledOut);
        let prepared = crate::export::prepare(&s, &runbook, true).unwrap();
        let now = at("2026-11-23T09:40:00Z");
        let text = draft(&prepared, &runbook, now, Some(30), Format::Slack);
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].starts_with(
                "*Investigating: Checkout failing: [SEV2] 502 Bad Gateway on POST /v1/checkout*"
            ),
            "{text}"
        );
        assert!(lines[0].ends_with("(update 1, 09:40 UTC)"), "{text}");
        assert!(
            lines[1].starts_with("• *What we know:* the failing response: 502 from"),
            "{text}"
        );
        assert!(lines[2].contains(&spread.options[0].label), "{text}");
        assert!(lines[2].ends_with("since 02:40 UTC"), "{text}");
        assert!(lines[3].contains("ruled out: "), "{text}");
        assert!(lines[3].contains("1 of "), "{text}");
        assert_eq!(lines[4], "• *Next update:* by 10:10 UTC (every 30 min)");
        assert!(!text.contains("abc.def.ghi"));

        let md = draft(&prepared, &runbook, now, None, Format::Md);
        assert!(md.starts_with("**Investigating: "), "{md}");
        assert!(
            md.ends_with("- **Next update:** when we know more\n"),
            "{md}"
        );
    }

    #[test]
    fn a_found_step_makes_it_identified_and_updates_are_numbered() {
        let runbook = runbook();
        let mut s = session(&runbook);
        s.checklist.set_outcome(0, Outcome::FoundIt);
        s.checklist.set_finding(0, "upstream pool exhausted");
        s.record(
            crate::session::EventKind::Update {
                text: "one".into(),
                due: None,
            },
            at("2026-11-23T09:10:00Z"),
            &TimeZone::UTC,
        );
        let prepared = crate::export::prepare(&s, &runbook, true).unwrap();
        let text = draft(
            &prepared,
            &runbook,
            at("2026-11-23T09:40:00Z"),
            Some(15),
            Format::Md,
        );
        assert!(text.starts_with("**Identified: "), "{text}");
        assert!(text.contains("(update 2, 09:40 UTC)"), "{text}");
        assert!(text.contains("found: upstream pool exhausted"), "{text}");
    }

    #[test]
    fn an_empty_session_still_reads_as_an_update() {
        let runbook = runbook();
        let s = Session::new(
            at("2026-11-23T09:00:00Z"),
            "D",
            "d",
            &runbook.interview,
            None,
        );
        let prepared = crate::export::prepare(&s, &runbook, true).unwrap();
        let text = draft(
            &prepared,
            &runbook,
            at("2026-11-23T09:01:00Z"),
            None,
            Format::Text,
        );
        assert!(text.contains("HTTP failure (code not known)"), "{text}");
        assert!(text.contains("the cause is not known yet"), "{text}");
        assert!(text.contains("being assessed"), "{text}");
    }
}
