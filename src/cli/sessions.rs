//! `api-triage sessions`: the saved sessions, newest first, each with what tells it apart
//! from the others about the same code: its title, age, state, notes and first evidence.

use super::*;
use crate::session::State;

/// `api-triage sessions`: the saved sessions, newest first; ages are counted to `now`.
pub fn sessions(journal: &crate::session::Journal, json: bool, now: jiff::Timestamp) -> Output {
    // Titles and evidence lines come from typed and pasted text, and the list is often read on
    // a shared screen: redacted.
    let redactor = crate::export::redact::Redactor::new();
    let mut list = journal.list();
    for summary in &mut list {
        summary.title = redactor.redact(&summary.title).text;
        if let Some(line) = &mut summary.first_evidence {
            *line = redactor.redact(line).text;
        }
    }
    if json {
        return ok(to_json(&json!(list)));
    }
    if list.is_empty() {
        return ok(format!(
            "No sessions yet in {}. Start one: run `api-triage`, pick a code, press t.\n",
            journal.dir().display()
        ));
    }
    let id_width = list.iter().map(|s| s.id.chars().count()).max().unwrap_or(0);
    let ages: Vec<String> = list
        .iter()
        .map(|s| s.age(now).unwrap_or_default())
        .collect();
    let age_width = ages.iter().map(|a| a.chars().count()).max().unwrap_or(0);
    let mut out = String::new();
    for (s, age) in list.iter().zip(&ages) {
        let id = format!("{:<id_width$}", s.id);
        if let Some(problem) = &s.problem {
            // Said whole, wrapped at spaces: a cut message loses the part that says what to do.
            let message = match s.state {
                State::Damaged => format!("{id}  DAMAGED: {problem}"),
                _ => format!("{id}  {problem}"),
            };
            out.push_str(&wrap_message(&visible(&message), WIDTH, "    "));
            continue;
        }
        let code = s.code.map_or_else(|| "---".to_owned(), |c| c.to_string());
        let notes = match s.notes {
            1 => "1 note ".to_owned(),
            n => format!("{n} notes"),
        };
        let head = format!(
            "{id}  {code:>3}  {:<8}  {age:<age_width$}  {notes:>8}  ",
            s.state.word()
        );
        let title = if s.title.is_empty() {
            "(untitled)"
        } else {
            s.title.as_str()
        };
        let room = WIDTH.saturating_sub(head.chars().count()).max(12);
        let _ = writeln!(
            out,
            "{}",
            visible(&format!("{head}{}", truncate(title, room)))
        );
        let evidence = s
            .first_evidence
            .as_deref()
            .unwrap_or("no response read among the notes yet");
        let _ = writeln!(out, "    {}", truncate(&visible(evidence), WIDTH - 4));
    }
    let _ = writeln!(
        out,
        "\nin {}; reopen with `api-triage resume [ID]`",
        journal.dir().display()
    );
    ok(out)
}
