//! `api-triage export`: a saved session's escalation summary and bundle, redacted; `--print`
//! for the summary alone, `--handoff` for the hand-off to the next responder.

use super::*;

/// `api-triage export`: the bundle folder (in `--out`, else `$API_TRIAGE_EXPORT_DIR`, else
/// here), the summary on stdout, optionally the clipboard. With `--print` only the summary.
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
        print,
        format,
        copy,
        handoff,
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
    let format: crate::export::summary::Format = (*format).into();
    if *handoff && format == crate::export::summary::Format::Json {
        return fail(
            "--handoff prints md, text or slack; the whole session as JSON is `--format json` \
             without --handoff"
                .to_owned(),
            Exit::Usage,
        );
    }
    let (id, session) = match saved_session(journal, session.as_deref()) {
        Ok(found) => found,
        Err(e) => return fail(e, Exit::Failed),
    };
    let matrix = Matrix::from_report(report);
    let runbook = match runbook_of(&matrix, &session) {
        Ok(runbook) => runbook,
        Err(e) => return fail(e, Exit::Failed),
    };
    let prepared = match crate::export::prepare(&session, runbook, !no_redact) {
        Ok(p) => p.in_zone(crate::startup::local_zone()),
        Err(e) => return fail(e.to_string(), Exit::Failed),
    };
    let mut stderr = String::new();
    if *no_redact {
        stderr.push_str(
            "api-triage: warning: --no-redact: secrets in the evidence go out as typed\n",
        );
    }
    if prepared.struck_left_out > 0 {
        // Struck notes go out only from the escalation screen, where the preview shows them.
        let _ = writeln!(
            stderr,
            "api-triage: {} struck note(s) left out (the escalation screen's `s` puts them in)",
            prepared.struck_left_out
        );
    }
    // The hand-off lists them among its open questions.
    if !prepared.missing.is_empty() && !*handoff {
        let labels: Vec<&str> = prepared.missing.iter().map(|n| n.label()).collect();
        let _ = writeln!(
            stderr,
            "api-triage: the team wants before escalating: {} (exporting anyway)",
            labels.join(", ")
        );
    }
    if *handoff {
        return print_handoff(
            &prepared,
            runbook,
            now,
            format,
            *copy,
            (journal, &id),
            terminal,
            stderr,
        );
    }
    if *print {
        if *copy {
            let summary = prepared.render(runbook, now, crate::export::summary::Format::Md);
            let private_dir = journal.dir().join("copies");
            let copied = crate::clipboard::copy(
                &summary,
                &crate::clipboard::Environment::from_process(),
                terminal,
                crate::clipboard::Fallback::NewIn(&private_dir),
            );
            let _ = writeln!(stderr, "api-triage: summary {}", copied.describe());
        }
        return Output {
            stdout: prepared.render(runbook, now, format),
            stderr,
            exit: Exit::Ok,
        };
    }
    let folder =
        match prepared.write_bundle(runbook, now, &crate::startup::export_dir(out.as_ref())) {
            Ok(folder) => folder,
            Err(e) => return fail(e.to_string(), Exit::Failed),
        };
    let _ = writeln!(
        stderr,
        "api-triage: bundle written to {} ({})",
        folder.display(),
        prepared.redaction_note()
    );
    // The triage is no longer open: `t` on its code stops offering it.
    let name = folder
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    if let Err(e) = journal.mark_exported(&id, now, &name, &crate::startup::local_zone()) {
        let _ = writeln!(
            stderr,
            "api-triage: the session is not marked as exported: {}",
            e.brief()
        );
    }
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
        stdout: prepared.render(runbook, now, format),
        stderr,
        exit: Exit::Ok,
    }
}

/// `export --handoff`: the hand-off on stdout (and the clipboard with `--copy`), as `--print`
/// does the summary: nothing written, the session left open.
#[expect(
    clippy::too_many_arguments,
    reason = "the export command's parts, passed on as they are"
)]
fn print_handoff(
    prepared: &crate::export::Prepared,
    runbook: &TeamRunbook,
    now: jiff::Timestamp,
    format: crate::export::summary::Format,
    copy: bool,
    (journal, id): (&crate::session::Journal, &str),
    terminal: &mut dyn std::io::Write,
    mut stderr: String,
) -> Output {
    let text = crate::export::handoff::render_as(prepared, runbook, now, format);
    if copy {
        let copied = crate::clipboard::copy(
            &text,
            &crate::clipboard::Environment::from_process(),
            terminal,
            crate::clipboard::Fallback::NewIn(&journal.dir().join("copies")),
        );
        let _ = writeln!(stderr, "api-triage: hand-off {}", copied.describe());
        // Handed over: the timeline keeps it, as when the app's H copies it.
        if copied.delivered() {
            let what = crate::session::EventKind::HandOff { text: text.clone() };
            if let Err(e) = journal.record(id, what, now, &crate::startup::local_zone()) {
                let _ = writeln!(
                    stderr,
                    "api-triage: the hand-off is not in the session's timeline: {}",
                    e.brief()
                );
            }
        }
    }
    Output {
        stdout: text,
        stderr,
        exit: Exit::Ok,
    }
}
