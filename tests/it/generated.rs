//! The committed man page and shell completions match the command-line definition; run with
//! `UPDATE_GENERATED=1` to refresh them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use api_triage::cli::{completions, man_page};
use clap_complete::Shell;

fn check(relative: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is stale: run `UPDATE_GENERATED=1 cargo test --test it generated` and commit it"
    );
}

#[test]
fn man_page_is_up_to_date() {
    let man = man_page();
    assert!(man.contains(".TH api-triage"));
    check("assets/api-triage.1", &man);
}

#[test]
fn completions_are_up_to_date() {
    for (shell, file) in [
        (Shell::Bash, "api-triage.bash"),
        (Shell::Zsh, "_api-triage"),
        (Shell::Fish, "api-triage.fish"),
    ] {
        let script = completions(shell);
        assert!(script.contains("explain") && script.contains("export"));
        check(&format!("assets/completions/{file}"), &script);
    }
}

#[test]
fn version_names_the_embedded_runbook_review() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_api-triage"))
        .arg("--version")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(&format!("api-triage {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(text.contains("embedded runbook reviewed 2026-"), "{text}");
}

#[test]
fn the_default_snapshot_is_the_embedded_runbook_merged() {
    use api_triage::runbook::{
        DEFAULT_RUNBOOK, EMBEDDED_NAME, Loaded, load_texts, merge, snapshot,
    };
    let (loaded, findings) = Loaded::new(EMBEDDED_NAME, DEFAULT_RUNBOOK);
    assert!(findings.is_empty(), "{findings:?}");
    let (merged, _) = merge::embedded_default(&loaded, None);
    check("assets/default-runbook.json", &snapshot::render(&merged));
    check(
        "assets/default-runbook-first-screen.json",
        &snapshot::render_first_screen(&merged),
    );
    if std::env::var_os("UPDATE_GENERATED").is_none() {
        // What a start reads is what parsing the TOML gives, to the last field.
        assert_eq!(snapshot::embedded_default(None).as_ref(), Some(&merged));
        assert_eq!(
            snapshot::embedded_first_screen(None),
            Some(snapshot::first_screen_of(&merged))
        );
        let today = "2026-12-03".parse().ok();
        assert_eq!(load_texts(Vec::new(), today).runbooks, vec![merged]);
        // With a review due the TOML is parsed, so the finding has its line and column.
        let late = "2030-01-01".parse().ok();
        let report = load_texts(Vec::new(), late);
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.message.contains("overdue") && f.line > 0),
            "{:?}",
            report.findings
        );
    }
}
