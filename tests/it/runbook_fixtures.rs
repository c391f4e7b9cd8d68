//! Every file in `tests/fixtures/bad/` holds one mistake and says on its first line where it
//! must be reported: `# expect: LINE:COL: part of the message`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use api_triage::runbook::load_paths;

#[test]
fn each_bad_runbook_is_reported_at_its_exact_line_and_column() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 12, "at least twelve distinct mistakes");
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{} lacks an expect line", file.display()));
        let mut parts = expect.splitn(3, ':');
        let line: usize = parts.next().unwrap().trim().parse().unwrap();
        let col: usize = parts.next().unwrap().trim().parse().unwrap();
        let message = parts.next().unwrap().trim();
        let report = load_paths(std::slice::from_ref(file), None);
        let found = report.findings.iter().any(|d| {
            d.path == file.display().to_string()
                && d.line == line
                && d.col == col
                && d.is_error()
                && d.message.contains(message)
        });
        if !found {
            failures.push(format!(
                "{}: expected {line}:{col} \"{message}\", got:\n{}",
                file.display(),
                report
                    .findings
                    .iter()
                    .map(ToString::to_string)
                    .collect::<String>()
            ));
        }
        // The broken file never hides the default: its codes still load.
        assert!(report.runbooks[0].codes.contains_key(&502));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn problems_in_several_files_are_all_reported_in_one_run() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let report = load_paths(&[dir], None);
    let files_with_errors: std::collections::BTreeSet<_> = report
        .findings
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.clone())
        .collect();
    assert!(files_with_errors.len() >= 12, "{files_with_errors:?}");
}
