//! `api-triage sessions`: the saved sessions, newest first.

use super::*;

/// `api-triage sessions`: the saved sessions, newest first.
pub fn sessions(journal: &crate::session::Journal, json: bool) -> Output {
    // Titles are typed text and the list is often read on a shared screen: redacted.
    let redactor = crate::export::redact::Redactor::new();
    let mut list = journal.list();
    for summary in &mut list {
        summary.title = redactor.redact(&summary.title).text;
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
    let mut out = String::new();
    for s in &list {
        let line = if let Some(problem) = &s.problem {
            format!("{}  DAMAGED: {problem}", s.id)
        } else {
            let code = s.code.map_or_else(|| "---".to_owned(), |c| c.to_string());
            let title = if s.title.is_empty() {
                "(untitled)"
            } else {
                s.title.as_str()
            };
            format!(
                "{}  {code}  {}  {} notes  {}",
                s.id,
                truncate(title, 30),
                s.notes,
                s.runbook
            )
        };
        let _ = writeln!(out, "{}", truncate(&visible(&line), WIDTH));
    }
    let _ = writeln!(
        out,
        "\nin {}; reopen with `api-triage resume [ID]`",
        journal.dir().display()
    );
    ok(out)
}
