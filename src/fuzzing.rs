//! The fuzz targets' bodies: one function per untrusted input (a runbook file, pasted evidence,
//! text to redact), each checking what must hold for any input. `fuzz/` runs them under
//! libFuzzer on nightly; `tests/fuzz_regressions.rs` replays every saved input on stable.
//! Its assertions are the fuzzer's oracle, meant to stop the run: the app never calls this
//! module.

use std::sync::OnceLock;

use jiff::Timestamp;

use crate::evidence::analysis::analyze;
use crate::export::redact::Redactor;
use crate::matrix::Matrix;
use crate::runbook::load::load_texts;

/// A fixed clock so a replayed input behaves exactly as it did under the fuzzer.
fn fixed_now() -> Timestamp {
    Timestamp::from_second(1_795_000_000).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A runbook file of any bytes: loading, layering and validation never panic, every finding
/// points inside the file, renders without raw control characters, and the result builds a
/// searchable matrix.
pub fn runbook(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = load_texts(vec![("fuzz.toml".to_owned(), text.to_owned())], None);
    let lines = text.split('\n').count();
    for finding in &report.findings {
        if finding.path != "fuzz.toml" {
            continue;
        }
        assert!(
            finding.line <= lines,
            "finding on line {} of a {lines}-line file: {}",
            finding.line,
            finding.headline()
        );
        let shown = finding.to_string();
        assert!(
            !shown.contains('\u{1b}'),
            "a finding shows a raw escape: {shown:?}"
        );
    }
    let matrix = Matrix::from_report(&report);
    for query in ["50", "gateway", "x"] {
        let _ = matrix.search(query);
    }
    for row in matrix.rows().iter().take(64) {
        let _ = matrix.card(row);
    }
}

/// Pasted evidence of any shape: reading it never panics and the card it renders is safe to
/// print (no raw escape sequences).
pub fn evidence(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let analysis = analyze(&text, fixed_now());
    let shown = analysis.render();
    assert!(
        !shown.contains('\u{1b}'),
        "the evidence card shows a raw escape: {shown:?}"
    );
    let _ = analysis.suggested_answers();
    let _ = serde_json::to_string(&analysis);
    // Read as an alert payload too: its card and line are as safe to print.
    if let Some(alert) = crate::evidence::alerts::read(&text) {
        let shown = format!("{}{}", alert.render(), alert.line(fixed_now()));
        assert!(
            !shown.contains('\u{1b}'),
            "the alert card shows a raw escape: {shown:?}"
        );
        let _ = serde_json::to_string(&alert);
    }
    // Compared with itself and with nothing: the comparison's text is as safe to print.
    let side = crate::evidence::compare::Side::of_analysis(&text, &analysis);
    for other in [side.clone(), crate::evidence::compare::Side::default()] {
        let comparison = crate::evidence::compare::compare(&side, &other, &[]);
        for line in comparison.lines() {
            assert!(
                !crate::text::visible(&line.text).contains('\u{1b}'),
                "{line:?}"
            );
        }
    }
}

/// Text to redact: never panics, and redacting the result again finds nothing more (the
/// redactor promises a fixed point, so the preview is exactly what gets shared).
pub fn redact(data: &[u8]) {
    // Compiling the rules costs far more than running them; built once, the fuzzer spends its
    // time on the redaction itself.
    static REDACTOR: OnceLock<Redactor> = OnceLock::new();
    let redactor = REDACTOR.get_or_init(Redactor::new);
    let text = String::from_utf8_lossy(data);
    let once = redactor.redact(&text);
    let twice = redactor.redact(&once.text);
    assert_eq!(
        twice.count, 0,
        "redacting again found {:?} in {:?}",
        twice.rules, once.text
    );
    assert_eq!(twice.text, once.text);
}
