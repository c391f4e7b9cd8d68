//! Replays every input the fuzzers found interesting (crashes, hangs, blow-ups) and the known
//! parser killers, through the same checks the fuzz targets run (`api_triage::fuzzing`). New
//! crashers go in `tests/fixtures/fuzz/<target>/`; see `scripts/fuzz`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use api_triage::fuzzing;
use api_triage::runbook::load_texts;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let files = inputs(target);
    for file in &files {
        let data = std::fs::read(file).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(
            outcome.is_ok(),
            "{} fails the {target} checks",
            file.display()
        );
    }
    files.len()
}

#[test]
fn runbook_inputs_load_without_a_crash() {
    assert!(replay("runbook", fuzzing::runbook) >= 8);
}

#[test]
fn evidence_inputs_read_without_a_crash() {
    assert!(replay("evidence", fuzzing::evidence) >= 1);
}

#[test]
fn redaction_inputs_reach_a_fixed_point() {
    assert!(replay("redact", fuzzing::redact) >= 1);
}

/// The known TOML killers are not only survived but reported where they start, so the
/// author can find them.
#[test]
fn deep_nesting_and_long_runs_are_reported_at_their_start() {
    let cases = [
        ("x=".to_owned() + &"[".repeat(20_000), 1),
        ("x=".to_owned() + &"{a=".repeat(20_000), 1),
        ("-".repeat(100_000), 1),
        ("=".repeat(100_000), 1),
        ("[codes.502]\nowner = ".to_owned() + &"[".repeat(5_000), 2),
    ];
    for (text, line) in cases {
        let report = load_texts(vec![("team.toml".to_owned(), text.clone())], None);
        let first = report
            .findings
            .iter()
            .find(|d| d.path == "team.toml" && d.is_error())
            .unwrap_or_else(|| panic!("no error for {:?}...", &text[..20]));
        assert_eq!(first.line, line, "{}", first.headline());
        if text.contains("[[[[") {
            assert!(
                report
                    .findings
                    .iter()
                    .any(|d| d.message.starts_with("nested too deeply")),
                "{:?}",
                report.findings
            );
        }
        // The snippet under the headline is cut to a readable width, not 100,000 characters.
        assert!(first.to_string().len() < 2_000, "{}", first.headline());
    }
}
