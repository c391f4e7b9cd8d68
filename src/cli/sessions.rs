//! The session commands: `sessions` and `export`.

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

/// `api-triage export`: the bundle folder, the summary on stdout, optionally the clipboard.
pub fn export(
    command: &Command,
    report: &LoadReport,
    journal: &crate::session::Journal,
    now: jiff::Timestamp,
    terminal: &mut dyn std::io::Write,
) -> Output {
    let Command::Export {
        session,
        out,
        format,
        copy,
        no_redact,
    } = command
    else {
        return Output::default();
    };
    let fail = |message: String, exit: Exit| Output {
        stderr: format!("api-triage: {message}\n"),
        exit,
        ..Output::default()
    };
    let id = match session {
        Some(id) => id.clone(),
        None => match journal.latest() {
            Ok(id) => id,
            Err(e) => return fail(e.to_string(), Exit::Failed),
        },
    };
    let session = match journal.load(&id) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string(), Exit::Failed),
    };
    let matrix = Matrix::from_report(report);
    let runbook = matrix
        .runbooks()
        .iter()
        .find(|r| r.name == session.runbook)
        .or_else(|| matrix.runbooks().first());
    let Some(runbook) = runbook else {
        return fail("no runbook loaded".to_owned(), Exit::Failed);
    };
    let prepared = match crate::export::prepare(&session, runbook, !no_redact) {
        Ok(p) => p,
        Err(e) => return fail(e.to_string(), Exit::Failed),
    };
    let mut stderr = String::new();
    if *no_redact {
        stderr.push_str(
            "api-triage: warning: --no-redact: secrets in the evidence go out as typed\n",
        );
    }
    if !prepared.missing.is_empty() {
        let labels: Vec<&str> = prepared.missing.iter().map(|n| n.label()).collect();
        let _ = writeln!(
            stderr,
            "api-triage: the team wants before escalating: {} (exporting anyway)",
            labels.join(", ")
        );
    }
    let folder = match prepared.write_bundle(runbook, now, out) {
        Ok(folder) => folder,
        Err(e) => return fail(e.to_string(), Exit::Failed),
    };
    let _ = writeln!(
        stderr,
        "api-triage: bundle written to {} ({})",
        folder.display(),
        prepared.redaction_note()
    );
    if *copy {
        let summary = prepared.render(runbook, now, crate::export::summary::Format::Md);
        let env = crate::clipboard::Environment::from_process();
        // Markdown is what summary.md holds: a copy that reaches no clipboard points there.
        let copied = crate::clipboard::copy(
            &summary,
            &env,
            terminal,
            crate::clipboard::Fallback::Existing(&folder.join("summary.md")),
        );
        let _ = writeln!(stderr, "api-triage: summary {}", copied.describe());
    }
    Output {
        stdout: prepared.render(runbook, now, (*format).into()),
        stderr,
        exit: Exit::Ok,
    }
}
