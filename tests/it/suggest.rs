//! Runbook suggestions end to end: two triages exported as bundles (their
//! `runbook-suggestion.toml` written by the bundle writer), gathered with `api-triage suggest`
//! from the command line, and the gathered snippet accepted by `api-triage check`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use api_triage::export::prepare;
use api_triage::runbook::{TeamRunbook, load_texts};
use api_triage::session::{NoteTarget, Session, Stage};
use api_triage::triage::{Checklist, Outcome};
use jiff::Timestamp;
use jiff::tz::TimeZone;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn default() -> TeamRunbook {
    load_texts(Vec::new(), None).runbooks.remove(0)
}

/// A 502 triage: the three places worked without finding, then the last check found a
/// `NetworkPolicy` no cause of the card mentions.
fn triage(runbook: &TeamRunbook, start: &str, title: &str) -> Session {
    let start = at(start);
    let mut s = Session::new(
        start,
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    s.incident.title = title.into();
    s.checklist = Checklist::from_card(&runbook.card(502).unwrap());
    s.stage = Stage::Checklist;
    let last = s.checklist.steps.len() - 1;
    let steps = [
        (0, Outcome::RuledOut, "no upstream errors"),
        (1, Outcome::Done, ""),
        (2, Outcome::RuledOut, ""),
        (
            last,
            Outcome::FoundIt,
            "NetworkPolicy from PR 4411 blocks traffic from the ingress namespace",
        ),
    ];
    for (minutes, (step, outcome, finding)) in (2..).zip(steps) {
        let before = s.before();
        s.checklist.set_outcome(step, outcome);
        s.checklist.set_finding(step, finding);
        let when = start + jiff::SignedDuration::from_mins(minutes);
        s.record_changes(&before, &runbook.interview, when, &TimeZone::UTC);
    }
    s.add_note(
        NoteTarget::Step(last),
        "2026-11-23T09:14:03Z ERROR orders-api egress denied by NetworkPolicy deny-ingress-ns \
         token=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlQ0FOQVJZ",
        start + jiff::SignedDuration::from_mins(9),
        &TimeZone::UTC,
    );
    s
}

/// Writes the bundles of two triages under `dir` and returns their folders.
fn two_bundles(dir: &Path) -> Vec<PathBuf> {
    let runbook = default();
    [
        ("2026-11-23T09:00:00Z", "Checkout failing for EU users"),
        (
            "2026-11-30T14:00:00Z",
            "Orders 502 after the policy rollout",
        ),
    ]
    .into_iter()
    .map(|(start, title)| {
        let s = triage(&runbook, start, title);
        let prepared = prepare(&s, &runbook, true).unwrap();
        let now = at(start) + jiff::SignedDuration::from_mins(30);
        prepared.write_bundle(&runbook, now, dir).unwrap()
    })
    .collect()
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_api-triage"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env_remove("API_TRIAGE_RUNBOOKS")
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_bundle_holds_a_private_suggestion_that_names_its_sources_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let runbook = default();
    let mut s = triage(&runbook, "2026-11-23T09:00:00Z", "Checkout");
    // A finding can quote anything: the suggestion is made from the redacted session.
    let last = s.checklist.steps.len() - 1;
    s.checklist.set_finding(
        last,
        "NetworkPolicy logs the caller's token \
         eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlQ0FOQVJZ",
    );
    let prepared = prepare(&s, &runbook, true).unwrap();
    let folder = prepared
        .write_bundle(&runbook, at("2026-11-23T09:30:00Z"), dir.path())
        .unwrap();
    let file = folder.join("runbook-suggestion.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("NetworkPolicy logs the caller's token [REDACTED"),
        "{text}"
    );
    assert!(
        text.contains("# runbook-file: embedded default\n"),
        "{text}"
    );
    assert!(
        text.contains("# proposed (new-cause): step 9 \"Call the upstream directly"),
        "{text}"
    );
    assert!(text.contains("note T+09:00"), "{text}");
    assert!(
        !text.contains("eyJzdWIiOiJDQU5BUlkifQ") && !text.contains("c2lnbmF0dXJl"),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn suggest_gathers_two_bundles_into_one_snippet_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let folders = two_bundles(dir.path());
    let names: Vec<String> = folders
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // Given newest first (and one twice), read oldest first, each once.
    let (stdout, stderr, code) = run(
        dir.path(),
        &[
            "suggest",
            path(&folders[1]),
            path(&folders[0]),
            path(&folders[1]),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(&format!(
            "# proposed (new-cause), seen in 2 incidents ({}, {}):\n",
            names[0], names[1]
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("#   {}: step 9 \"Call the upstream", names[1])),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("\n  \"NetworkPolicy from PR 4411").count(),
        1,
        "one proposal, once: {stdout}"
    );
    assert!(
        stderr.contains("for 1 runbook file(s), from 2 bundle(s)"),
        "{stderr}"
    );
    let team = dir.path().join("team.toml");
    std::fs::write(&team, format!("[runbook]\nname = \"Shop API\"\n\n{stdout}")).unwrap();
    let (checked, _, code) = run(dir.path(), &["check", path(&team)]);
    assert_eq!(code, 0, "{checked}\n{stdout}");
    assert!(checked.contains("no findings"), "{checked}");
}

#[test]
fn suggest_json_is_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let folders = two_bundles(dir.path());
    let (stdout, stderr, code) = run(
        dir.path(),
        &["suggest", "--json", path(&folders[0]), path(&folders[1])],
    );
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["bundles"].as_array().unwrap().len(), 2);
    assert_eq!(json["bundles"][0]["status"], "read");
    let runbook = &json["runbooks"][0];
    assert_eq!(runbook["file"], "embedded default");
    assert_eq!(runbook["incidents"].as_array().unwrap().len(), 2);
    let code = &runbook["codes"][0];
    assert_eq!(code["code"], 502);
    let cause = code["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "new-cause")
        .unwrap();
    assert_eq!(cause["field"], "causes");
    assert_eq!(
        cause["item"],
        serde_json::json!({
            "text": "NetworkPolicy from PR 4411 blocks traffic from the ingress namespace",
            "when": []
        })
    );
    assert_eq!(cause["seen_in"].as_array().unwrap().len(), 2);
    assert!(
        cause["why"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("step 9")
    );
    let note = &code["notes"][0];
    assert_eq!(note["kind"], "missing-need");
    assert!(note["need"].is_string());
    assert!(runbook["snippet"].as_str().unwrap().contains("[codes.502]"));
}

#[test]
fn unreadable_missing_and_broken_bundles_are_reported_and_the_rest_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let folders = two_bundles(dir.path());
    let empty = dir.path().join("20261201-090000-502-empty");
    std::fs::create_dir(&empty).unwrap();
    let (stdout, stderr, code) = run(
        dir.path(),
        &["suggest", path(&folders[0]), path(&empty), "no-such-folder"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("holds no runbook-suggestion.toml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no-such-folder: cannot read the folder"),
        "{stderr}"
    );
    assert!(
        stdout.contains("[codes.502]"),
        "the readable one still counts"
    );
    // A broken file is reported; the other bundle still gives its suggestions.
    std::fs::write(
        folders[1].join("runbook-suggestion.toml"),
        "[codes.502]\ncauses = [\"unterminated\n",
    )
    .unwrap();
    let (stdout, stderr, code) = run(
        dir.path(),
        &["suggest", path(&folders[0]), path(&folders[1])],
    );
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("runbook-suggestion.toml cannot be used: line 2"),
        "{stderr}"
    );
    assert!(stdout.contains("seen in 1 incident"), "{stdout}");
    // Too large: refused before it is parsed.
    std::fs::write(
        folders[1].join("runbook-suggestion.toml"),
        "#".repeat(300 * 1024),
    )
    .unwrap();
    let (_, stderr, code) = run(dir.path(), &["suggest", path(&folders[1])]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("larger than 256 KiB"), "{stderr}");
}
