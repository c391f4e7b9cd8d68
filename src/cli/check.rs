//! `api-triage check`: the runbooks' problems as `file:line:col` with the source line.

use super::{Exit, LoadReport, Output, Style, json, to_json};

pub(super) fn check(report: &LoadReport, json: bool, style: Style) -> Output {
    let exit = if report.unreadable {
        Exit::Usage
    } else if report.findings.is_empty() {
        Exit::Ok
    } else {
        Exit::Failed
    };
    let mut stdout = String::new();
    if json {
        let value = json!({
            "ok": exit == Exit::Ok,
            "files": std::iter::once("embedded default").chain(report.files.iter().map(String::as_str)).collect::<Vec<_>>(),
            "errors": report.errors(),
            "warnings": report.warnings(),
            "findings": report.findings,
        });
        stdout = to_json(&value);
    } else {
        for finding in &report.findings {
            stdout.push_str(&finding.to_string());
            stdout.push('\n');
        }
        let files = report.files.len();
        let codes: usize = report.runbooks.iter().map(|r| r.codes.len()).sum();
        let summary = if report.findings.is_empty() {
            format!(
                "ok: embedded default and {files} team file(s), {codes} code entries, no findings"
            )
        } else {
            format!(
                "{} error(s), {} warning(s) in the embedded default and {files} team file(s)",
                report.errors(),
                report.warnings()
            )
        };
        stdout.push_str(&style.heading(&summary));
        stdout.push('\n');
    }
    Output {
        stdout,
        stderr: String::new(),
        exit,
    }
}
