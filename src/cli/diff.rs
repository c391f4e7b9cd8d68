//! `api-triage diff GOOD FAILING`: a known-good response against a failing one, the
//! differences first (see `evidence::compare`), as text or JSON. One of the two may be `-`,
//! standard input.

use serde_json::json;

use super::evidence::{redactor_for, secrets_line};
use super::{Exit, LoadReport, Matrix, Output, Style, WIDTH, ok, to_json};
use crate::evidence::analysis::{Analysis, analyze_expecting};
use crate::evidence::compare::{LineKind, Side, compare};
use crate::evidence::timing::duration;

/// One of the two responses: where it came from and its text.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The file as named on the command line (`-` for standard input).
    pub name: &'a str,
    pub text: &'a str,
}

/// Compares `good` with `failing`. The runbook is the one the failing request's URL routes to
/// (its known timeouts, its redaction patterns, what its API expects of a token), else the one
/// for its status.
pub fn diff(
    good: Input<'_>,
    failing: Input<'_>,
    json: bool,
    show_secrets: bool,
    now: jiff::Timestamp,
    report: &LoadReport,
    style: Style,
) -> Output {
    let matrix = Matrix::from_report(report);
    let failing_response = crate::evidence::response::parse(failing.text);
    let runbook = failing_response
        .url
        .as_deref()
        .and_then(|u| matrix.pick_for_url(u))
        .or_else(|| matrix.pick(None, failing_response.status));
    let expected = runbook
        .map(crate::runbook::TeamRunbook::token_expectations)
        .unwrap_or_default();
    let read = |input: Input<'_>| analyze_expecting(input.text, now, expected);
    let (good_reading, failing_reading) = (read(good), read(failing));
    for (input, reading) in [(good, &good_reading), (failing, &failing_reading)] {
        if holds_nothing(input.text, reading) {
            return Output {
                stderr: format!(
                    "api-triage: {} holds no HTTP response to compare (no status line, headers, \
                     body or timing)\n",
                    input.name
                ),
                exit: Exit::Usage,
                ..Output::default()
            };
        }
    }
    let timeouts = runbook.map_or(&[][..], |r| r.timeouts.as_slice());
    // The readings (status, who returned it, timing) are made on the text as it came; what
    // is shown of headers and bodies is redacted first unless asked not to be.
    let redactor = redactor_for(runbook);
    let mut hidden = 0;
    let mut shown = |text: &str| {
        if show_secrets {
            return text.to_owned();
        }
        let result = redactor.redact(text);
        hidden += result.count;
        result.text
    };
    let (good_text, failing_text) = (shown(good.text), shown(failing.text));
    let comparison = compare(
        &side(&good_text, &good_reading),
        &side(&failing_text, &failing_reading),
        timeouts,
    );
    if json {
        let about = |input: Input<'_>, reading: &Analysis| {
            json!({
                "file": input.name,
                "status": reading.status,
                "reason": reading.reason,
                "returned_by": reading.returned_by.who(),
                "total_micros": reading.timing.as_ref().map(|t| t.total_micros),
            })
        };
        let value = json!({
            "good": about(good, &good_reading),
            "failing": about(failing, &failing_reading),
            "differences": comparison.differences,
            "same": comparison.same,
            "fields_left_out": comparison.fields_left_out,
        });
        return ok(to_json(&value));
    }
    let mut out = String::new();
    for (label, input, reading) in [
        ("Good:   ", good, &good_reading),
        ("Failing:", failing, &failing_reading),
    ] {
        let status = reading
            .status
            .map_or_else(|| "no status".to_owned(), |s| s.to_string());
        let took = reading
            .timing
            .as_ref()
            .map(|t| format!(", {}", duration(t.total_micros)))
            .unwrap_or_default();
        let line = format!(
            "{label} {} · {status} from {}{took}",
            input.name,
            reading.returned_by.who()
        );
        push_wrapped(&mut out, &line, "", "         ");
    }
    for line in comparison.lines() {
        match line.kind {
            LineKind::Title => {
                out.push('\n');
                let _ = std::fmt::Write::write_fmt(
                    &mut out,
                    format_args!("{}\n", style.heading(&line.text)),
                );
            }
            LineKind::Group => push_wrapped(&mut out, &line.text, "", ""),
            LineKind::Difference | LineKind::Same => {
                push_wrapped(&mut out, &line.text, "  ", "      ");
            }
        }
    }
    out.push_str(&secrets_line(hidden, show_secrets));
    ok(out)
}

/// A side of the comparison: headers and body from `text` (redacted as shown), the rest
/// from the reading.
fn side(text: &str, reading: &Analysis) -> Side {
    Side::of(
        text,
        reading.status,
        reading.reason.as_deref(),
        Some(&reading.returned_by),
        reading.timing.as_ref(),
    )
}

/// Nothing to compare: no status, no headers, no body, no timing.
fn holds_nothing(text: &str, reading: &Analysis) -> bool {
    let response = crate::evidence::response::parse(text);
    reading.status.is_none()
        && reading.timing.is_none()
        && response.headers.is_empty()
        && response.body.trim().is_empty()
}

/// `text` wrapped to the width of plain output, its first line after `first`, the others
/// after `rest`; every text through the sanitizer's visible form.
fn push_wrapped(out: &mut String, text: &str, first: &str, rest: &str) {
    let room = |prefix: &str| WIDTH.saturating_sub(prefix.chars().count());
    let text = crate::text::visible(text);
    for (i, piece) in crate::text::wrap_hanging(&text, room(first), room(rest))
        .into_iter()
        .enumerate()
    {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(&piece);
        out.push('\n');
    }
}
