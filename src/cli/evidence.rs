//! Reading evidence from a file or a pipe: `evidence FILE` and `api-triage -`.

use serde_json::json;

use super::text::wrap_message;
use super::{Exit, LoadReport, Matrix, Output, TeamRunbook, WIDTH, ok, to_json};

/// The longest evidence read, so a mistaken `cat` of a huge file cannot exhaust memory.
pub const MAX_EVIDENCE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads evidence from a file, or standard input for `-`.
pub fn read_evidence(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_EVIDENCE_BYTES)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_EVIDENCE_BYTES).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // The one way in: line breaks as `\n`, colour codes gone, other escapes spelled out.
    Ok(crate::text::normalize(&String::from_utf8_lossy(&bytes)).into_owned())
}

/// `api-triage evidence FILE`: the analysis, as text or JSON; the token is checked against
/// what the runbook for its URL (by `[[routes]]`) or the only team runbook expects. An alert
/// payload prints what was read from it instead (`alert` in the JSON, beside the fields a
/// response fills).
pub fn evidence(
    text: &str,
    json: bool,
    show_secrets: bool,
    now: jiff::Timestamp,
    report: &LoadReport,
) -> Output {
    let matrix = Matrix::from_report(report);
    let url = crate::evidence::response::parse(text).url;
    let runbook = url
        .as_deref()
        .and_then(|u| matrix.pick_for_url(u))
        .or_else(|| matrix.pick(None, None));
    let expected = runbook
        .map(TeamRunbook::token_expectations)
        .unwrap_or_default();
    let analysis = crate::evidence::analysis::analyze_expecting(text, now, expected);
    let (analysis, hidden) = if show_secrets {
        (analysis, 0)
    } else {
        crate::export::redact_analysis(&analysis, &redactor_for(runbook))
    };
    let timeouts = runbook.map_or(&[][..], |r| r.timeouts.as_slice());
    let alert =
        crate::evidence::alerts::read(text).map(|alert| shown_alert(&alert, show_secrets, runbook));
    if json {
        let mut value = json!(analysis);
        if let (Some((alert, _)), Some(object)) = (&alert, value.as_object_mut()) {
            object.insert("alert".to_owned(), alert_json(alert, now));
        }
        // The known timeouts the timing sits at are the runbook's, not the evidence's: added
        // here, beside the phases.
        if let (Some(timing), Some(object)) = (
            &analysis.timing,
            value
                .get_mut("timing")
                .and_then(serde_json::Value::as_object_mut),
        ) {
            object.insert(
                "known_defaults".to_owned(),
                json!(crate::evidence::timing::at_known_defaults(timing, timeouts)),
            );
        }
        // The reading's fields are always there (null when empty), so a script can rely on
        // them; a saved session leaves them out, as earlier releases wrote it.
        if let Some(origin) = value
            .get_mut("returned_by")
            .and_then(serde_json::Value::as_object_mut)
        {
            origin.entry("check").or_insert(serde_json::Value::Null);
            origin.entry("weights").or_insert_with(|| json!({}));
        }
        return ok(to_json(&value));
    }
    if let Some((alert, hidden)) = alert {
        let mut out = alert.render();
        out.push_str(&secrets_line(hidden, show_secrets));
        return ok(out);
    }
    let mut out = analysis.render_with(timeouts);
    out.push_str(&secrets_line(hidden, show_secrets));
    ok(out)
}

/// The alert as it may be shown: redacted with the runbook's patterns unless secrets are
/// asked for; and how many secrets went.
fn shown_alert(
    alert: &crate::evidence::alerts::Alert,
    show_secrets: bool,
    runbook: Option<&TeamRunbook>,
) -> (crate::evidence::alerts::Alert, usize) {
    if show_secrets {
        (alert.clone(), 0)
    } else {
        crate::export::redact_alert(alert, &redactor_for(runbook))
    }
}

/// `evidence --json`'s `alert`: the reading's fields, with the title, the first-seen time and
/// the evidence line as the triage would write them.
fn alert_json(alert: &crate::evidence::alerts::Alert, now: jiff::Timestamp) -> serde_json::Value {
    let mut value = json!(alert);
    if let Some(object) = value.as_object_mut() {
        // Always there (null when unknown), so a script can rely on them.
        for field in [
            "state",
            "summary",
            "service",
            "severity",
            "incident_severity",
            "environment",
            "started",
            "code",
            "code_from",
        ] {
            object.entry(field).or_insert(serde_json::Value::Null);
        }
        object.entry("other_names").or_insert_with(|| json!([]));
        object.insert("title".to_owned(), json!(alert.title()));
        object.insert("first_seen".to_owned(), json!(alert.first_seen()));
        object.insert("line".to_owned(), json!(alert.line(now)));
    }
    value
}

/// The runbook's redactor (its own patterns over the built-in rules), or the built-in one.
pub(super) fn redactor_for(runbook: Option<&TeamRunbook>) -> crate::export::redact::Redactor {
    // A broken pattern is reported by `check` (and refused by `export`); here it is left out
    // alone, so the team's other patterns still hide what they hide.
    runbook.map_or_else(crate::export::redact::Redactor::new, |r| {
        crate::export::redact::Redactor::with_custom_lenient(&r.redact).0
    })
}

/// The last line of printed evidence: what was hidden, or the marker that nothing was.
pub(super) fn secrets_line(hidden: usize, shown: bool) -> String {
    match (shown, hidden) {
        (true, _) => "SECRETS SHOWN (--show-secrets): do not share this screen.\n".to_owned(),
        (false, 0) => String::new(),
        (false, 1) => "1 secret redacted; --show-secrets prints it.\n".to_owned(),
        (false, n) => format!("{n} secrets redacted; --show-secrets prints them.\n"),
    }
}

/// `curl -sv URL 2>&1 | api-triage -` without a terminal (or with `--no-tui`): starts a triage
/// session pre-answered from the evidence, keeps the text whole as a note, prints the reading
/// and says how to continue.
pub fn evidence_to_session(
    text: &str,
    show_secrets: bool,
    report: &LoadReport,
    journal: &crate::session::Journal,
    now: jiff::Timestamp,
) -> Output {
    let matrix = Matrix::from_report(report);
    let Some((mut session, runbook)) = session_from_evidence(text, &matrix, now) else {
        return no_runbook();
    };
    let (mut out, hidden) = if let Some(alert) = crate::evidence::alerts::read(text) {
        let (alert, hidden) = shown_alert(&alert, show_secrets, Some(runbook));
        (alert.render(), hidden)
    } else {
        // Read again with what this team's API expects of a token.
        let analysis =
            crate::evidence::analysis::analyze_expecting(text, now, runbook.token_expectations());
        let (analysis, hidden) = if show_secrets {
            (analysis, 0)
        } else {
            crate::export::redact_analysis(&analysis, &redactor_for(Some(runbook)))
        };
        (analysis.render_with(&runbook.timeouts), hidden)
    };
    out.push_str(&secrets_line(hidden, show_secrets));
    match journal.create(&mut session) {
        Ok(()) => {
            out.push('\n');
            out.push_str(&wrap_message(
                &format!(
                    "Saved as triage session {} with this evidence as its first note; \
                     continue with `api-triage resume`.",
                    session.id
                ),
                WIDTH,
                "",
            ));
            ok(out)
        }
        Err(e) => Output {
            stdout: out,
            stderr: format!("api-triage: {e}\n"),
            exit: Exit::Failed,
        },
    }
}

/// `curl -sv URL 2>&1 | api-triage -` on a terminal: the same session, saved, for the app to
/// open; its id, or what to print when there is none.
pub fn evidence_session(
    text: &str,
    report: &LoadReport,
    journal: &crate::session::Journal,
    now: jiff::Timestamp,
) -> Result<String, Output> {
    let matrix = Matrix::from_report(report);
    let Some((mut session, _)) = session_from_evidence(text, &matrix, now) else {
        return Err(no_runbook());
    };
    journal.create(&mut session).map_err(|e| Output {
        stderr: format!("api-triage: {e}\n"),
        exit: Exit::Failed,
        ..Output::default()
    })?;
    Ok(session.id)
}

fn no_runbook() -> Output {
    Output {
        stderr: "api-triage: no runbook loaded\n".to_owned(),
        exit: Exit::Failed,
        ..Output::default()
    }
}

/// A new session about the evidence: the runbook its URL routes to (or the one for its
/// status), the interview pre-answered from it, the text kept whole as the first note. An
/// alert's code picks the runbook and is pre-answered, with the alert as its source, by the
/// reading of the note.
fn session_from_evidence<'m>(
    text: &str,
    matrix: &'m Matrix,
    now: jiff::Timestamp,
) -> Option<(crate::session::Session, &'m TeamRunbook)> {
    let alert = crate::evidence::alerts::read(text);
    let (url, status) = if let Some(alert) = &alert {
        (None, alert.code)
    } else {
        let analysis = crate::evidence::analysis::analyze(text, now);
        (analysis.url, analysis.status)
    };
    let by_route = url.as_deref().and_then(|url| matrix.pick_for_url(url));
    let runbook = by_route.or_else(|| matrix.pick(None, status))?;
    let mut session = crate::session::Session::new(
        now,
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        status,
    );
    if alert.is_some() {
        // The session is about the alert's code (its id names it), but the code is the
        // alert's answer, shown with where it came from until the engineer confirms it.
        session.interview = crate::triage::Interview::new(&runbook.interview, None);
    }
    session.add_evidence_note(
        crate::session::NoteTarget::Incident,
        text.trim_end(),
        now,
        &crate::startup::local_zone(),
        runbook.token_expectations(),
    );
    Some((session, runbook))
}
