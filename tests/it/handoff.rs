//! Handing a triage over: the hand-off summary, and a colleague's escalation bundle imported
//! as a session here, continued and exported again with nothing lost but the secrets the first
//! export redacted; older bundles upgraded, newer ones refused; `api-triage import` and
//! `export --handoff` through the binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use api_triage::export::handoff;
use api_triage::export::prepare;
use api_triage::export::redact::MARK;
use api_triage::runbook::{TeamRunbook, load_texts};
use api_triage::session::{
    EventKind, Journal, Mark, NoteEvidence, NoteTarget, Session, Stage, import,
};
use api_triage::triage::{Answer, Checklist, Outcome};
use jiff::Timestamp;
use jiff::tz::TimeZone;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn default() -> TeamRunbook {
    load_texts(Vec::new(), None).runbooks.remove(0)
}

const TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDQU5BUlkifQ.c2lnbmF0dXJlQ0FOQVJZ";
const COOKIE: &str = "s3ssionC00kieCANARY42";

fn failing_response() -> String {
    format!(
        "$ curl -sv https://api.example.com/v1/orders\n\
         > POST /v1/orders HTTP/1.1\n\
         > Host: api.example.com\n\
         > Authorization: Bearer {TOKEN}\n\
         > Cookie: session={COOKIE}\n\
         >\n\
         < HTTP/1.1 502 Bad Gateway\n\
         < Server: nginx/1.22.1\n\
         < x-request-id: 9b1e4c7a-2f3d-4e5f-8a9b-0c1d2e3f4a5b\n\
         <\n\
         <html><hr><center>nginx/1.22.1</center></html>"
    )
}

const GOOD_RESPONSE: &str = "$ curl -sv https://api.example.com/healthz\n\
                             > GET /healthz HTTP/1.1\n\
                             > Host: api.example.com\n\
                             >\n\
                             < HTTP/1.1 200 OK\n\
                             < Content-Type: application/json\n\
                             <\n\
                             {\"status\":\"ok\"}";

/// A 502 triage part-way through: answers, outcomes with findings (recorded as events),
/// a known-good and a failing response marked as such, and a plain note.
fn session(runbook: &TeamRunbook) -> Session {
    let zone = TimeZone::UTC;
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(502),
    );
    s.incident.title = "Checkout failing for EU users".into();
    s.incident.severity = "SEV2".into();
    s.incident.environment = "production".into();
    s.incident.first_seen = "08:52 UTC".into();
    s.incident.endpoint = "POST /v1/orders".into();
    let before = s.before();
    s.interview.answers.insert(
        "service".into(),
        Answer::Text("orders-api POST /v1/orders".into()),
    );
    s.interview
        .answers
        .insert("spread".into(), Answer::Choice("intermittent".into()));
    s.interview
        .answers
        .insert("changed".into(), Answer::Choice("deploy".into()));
    s.record_changes(
        &before,
        &runbook.interview,
        at("2026-11-23T09:02:00Z"),
        &zone,
    );
    s.interview.position = runbook.interview.len();
    s.stage = Stage::Checklist;
    s.checklist = Checklist::from_card(&runbook.card(502).unwrap());
    let before = s.before();
    s.checklist.set_outcome(0, Outcome::RuledOut);
    s.checklist
        .set_finding(0, "no upstream errors in the ingress log since 08:00");
    s.checklist.set_outcome(3, Outcome::Done);
    s.checklist.set_finding(3, "ALB logs not delivered yet");
    s.record_changes(
        &before,
        &runbook.interview,
        at("2026-11-23T09:05:00Z"),
        &zone,
    );
    let expected = api_triage::evidence::token::Expected::default();
    s.add_evidence_note(
        NoteTarget::Incident,
        &failing_response(),
        at("2026-11-23T09:03:00Z"),
        &zone,
        expected,
    );
    s.add_evidence_note(
        NoteTarget::Incident,
        GOOD_RESPONSE,
        at("2026-11-23T09:06:40Z"),
        &zone,
        expected,
    );
    s.add_note(
        NoteTarget::Step(1),
        "orders pods restarted 7 times since the 08:45 deploy",
        at("2026-11-23T09:08:00Z"),
        &zone,
    );
    s.toggle_mark(0, Mark::Failing);
    s.toggle_mark(1, Mark::Good);
    s
}

/// Every file under `dir`, as text.
fn all_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&all_text(&path));
        } else {
            text.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    text
}

/// Whether `redacted` is `original` with some of its parts replaced by the redaction mark,
/// and nothing else changed.
fn same_but_redacted(original: &str, redacted: &str) -> bool {
    let mut pieces = redacted.split(MARK);
    let Some(first) = pieces.next() else {
        return original.is_empty();
    };
    let Some(mut rest) = original.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = pieces.collect();
    for (i, piece) in pieces.iter().enumerate() {
        if i + 1 == pieces.len() {
            // The last piece ends the text; the mark stood for something.
            return rest.len() > piece.len() && rest.ends_with(piece);
        }
        // The mark replaced at least one character before the next piece.
        let Some(found) = rest.get(1..).and_then(|r| r.find(piece)) else {
            return false;
        };
        rest = &rest[1 + found + piece.len()..];
    }
    rest.is_empty()
}

fn bundle_session(folder: &Path) -> (serde_json::Value, Session) {
    let text = std::fs::read_to_string(folder.join("bundle.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let session = serde_json::from_value(json["session"].clone()).unwrap();
    (json, session)
}

#[test]
fn a_bundle_imported_continued_and_exported_again_loses_nothing_but_the_secrets() {
    let runbook = default();
    let original = session(&runbook);
    let first_out = tempfile::tempdir().unwrap();
    let exported_at = at("2026-11-23T09:10:00Z");
    let folder = prepare(&original, &runbook, true)
        .unwrap()
        .write_bundle(&runbook, exported_at, first_out.path())
        .unwrap();
    for name in ["summary.md", "bundle.json", "handoff.md"] {
        assert!(folder.join(name).is_file(), "{name} in the bundle");
    }

    // A colleague's machine: a clean state folder.
    let state = tempfile::tempdir().unwrap();
    let journal = Journal::new(state.path());
    let text = std::fs::read_to_string(folder.join("bundle.json")).unwrap();
    let name = folder.file_name().unwrap().to_string_lossy().into_owned();
    let imported_at = at("2026-11-24T07:30:00Z");
    let mut imported = import(&text, &name, imported_at, &TimeZone::UTC).unwrap();
    journal.create(&mut imported.session).unwrap();
    let id = imported.session.id.clone();
    assert_ne!(id, original.id);
    assert!(
        imported.secrets_redacted >= 2,
        "{}",
        imported.secrets_redacted
    );

    // Continued there: a note, a step marked.
    let mut s = journal.load(&id).unwrap();
    assert_eq!(s.exported, None, "open on this machine");
    let before = s.before();
    s.checklist.set_outcome(1, Outcome::FoundIt);
    s.checklist
        .set_finding(1, "orders pods OOMKilled since the 08:45 deploy");
    s.record_changes(
        &before,
        &runbook.interview,
        at("2026-11-24T07:40:00Z"),
        &TimeZone::UTC,
    );
    s.add_note(
        NoteTarget::Step(1),
        "memory limit 256Mi, usage 300Mi at peak",
        at("2026-11-24T07:41:00Z"),
        &TimeZone::UTC,
    );
    journal.save(&s).unwrap();

    let second_out = tempfile::tempdir().unwrap();
    let again = journal.load(&id).unwrap();
    let second = prepare(&again, &runbook, true)
        .unwrap()
        .write_bundle(&runbook, at("2026-11-24T07:45:00Z"), second_out.path())
        .unwrap();
    let (json, last) = bundle_session(&second);
    assert_eq!(json["schema_version"], 2);

    // The notes: every one there, stamps equal, texts equal but where the mark stands.
    assert_eq!(last.notes.len(), original.notes.len() + 1);
    let mut redacted_notes = 0;
    for (before, after) in original.notes.iter().zip(&last.notes) {
        assert_eq!(
            (before.target, before.at, &before.local, before.since_start),
            (after.target, after.at, &after.local, after.since_start)
        );
        if before.text == after.text {
            continue;
        }
        redacted_notes += 1;
        assert!(
            same_but_redacted(&before.text, &after.text),
            "more than the secrets changed:\n{}\n---\n{}",
            before.text,
            after.text
        );
        assert_eq!(before.timing, after.timing);
        match (&before.evidence, &after.evidence) {
            (Some(NoteEvidence::Reading(b)), Some(NoteEvidence::Reading(a))) => {
                assert_eq!(
                    (b.status, &b.returned_by.layer, &b.returned_by.product),
                    (a.status, &a.returned_by.layer, &a.returned_by.product)
                );
            }
            (b, a) => assert_eq!(b, a),
        }
    }
    assert_eq!(redacted_notes, 1, "only the failing response held secrets");
    assert_eq!(
        original.notes[1], last.notes[1],
        "the known-good note whole"
    );
    assert_eq!(original.notes[2], last.notes[2], "the plain note whole");
    assert_eq!(
        last.notes[3].text,
        "memory limit 256Mi, usage 300Mi at peak"
    );
    assert_eq!(last.good_vs_failing, original.good_vs_failing);
    assert_eq!(last.incident, original.incident);
    assert_eq!(last.interview.answers, original.interview.answers);
    assert_eq!(last.interview.sources, original.interview.sources);
    assert_eq!(last.created, original.created);

    // Steps: as they were, but the one marked after the import.
    for (i, (before, after)) in original
        .checklist
        .steps
        .iter()
        .zip(&last.checklist.steps)
        .enumerate()
    {
        if i == 1 {
            assert_eq!(after.outcome, Outcome::FoundIt);
            continue;
        }
        assert_eq!(before, after, "step {i}");
    }

    // Events: the sender's, then the import, then what was done here.
    let n = original.events.len();
    assert!(n >= 2, "{:?}", original.events);
    assert_eq!(last.events[..n], original.events[..]);
    assert_eq!(last.events[n].stamp.at, imported_at);
    assert_eq!(
        last.events[n].what,
        EventKind::Imported {
            from: name.clone(),
            original_id: original.id.clone(),
            exported_at,
            redacted: imported.secrets_redacted,
        }
    );
    assert!(
        matches!(
            &last.events[n + 1].what,
            EventKind::Step {
                step: 1,
                outcome: Outcome::FoundIt,
                ..
            }
        ),
        "{:?}",
        last.events[n + 1]
    );

    // The secrets are nowhere: not in either bundle, not in the session saved here.
    for text in [
        all_text(first_out.path()),
        all_text(second_out.path()),
        all_text(state.path()),
    ] {
        assert!(!text.contains(TOKEN) && !text.contains("c2lnbmF0dXJlQ0FOQVJZ"));
        assert!(!text.contains(COOKIE), "the cookie leaked");
        assert!(
            text.contains("9b1e4c7a-2f3d-4e5f-8a9b-0c1d2e3f4a5b"),
            "the request id is kept"
        );
    }
    // And the second summary and hand-off say the redacted values stay so.
    for file in ["summary.md", "handoff.md"] {
        let text = std::fs::read_to_string(second.join(file)).unwrap();
        assert!(
            text.contains(&format!("from bundle {name}"))
                && text.contains("the sender redacted stay redacted (marked [REDACTED] in 1 note)"),
            "{file}:\n{text}"
        );
    }
}

#[test]
fn the_hand_off_reads_as_the_next_responder_needs_it() {
    let runbook = default();
    let prepared = prepare(&session(&runbook), &runbook, true).unwrap();
    let text = handoff::render(&prepared, &runbook, at("2026-11-23T09:15:00Z"));
    insta::assert_snapshot!("handoff_md", text);
}

/// A bundle folder holding `bundle.json` with `text`.
fn bundle_folder(dir: &Path, name: &str, text: &str) -> PathBuf {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("bundle.json"), text).unwrap();
    folder
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

/// Runs the binary in `dir` with its sessions in `dir/state` and no runbook search path.
fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_api-triage"))
        .args(args)
        .current_dir(dir)
        .env_remove("API_TRIAGE_RUNBOOKS")
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("API_TRIAGE_STATE_DIR", dir.join("state"))
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

#[test]
fn import_through_the_binary_saves_the_session_and_says_what_came() {
    let runbook = default();
    let dir = tempfile::tempdir().unwrap();
    let folder = prepare(&session(&runbook), &runbook, true)
        .unwrap()
        .write_bundle(&runbook, at("2026-11-23T09:10:00Z"), &dir.path().join("in"))
        .unwrap();
    let arg = folder.display().to_string();
    let r = run(dir.path(), &["import", &arg]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // Wrapped at 80 columns: read as whole lines.
    let said = r.stdout.replace("\n  ", " ");
    assert!(
        said.starts_with(
            "Imported bundle 20261123-091000-502-checkout-failing-for-eu-users as triage session "
        ),
        "{said}"
    );
    assert!(
        said.contains(
            "Kept: 3 notes, 5 answers, 2 of 9 steps settled, 6 events, the good and failing marks."
        ),
        "{said}"
    );
    assert!(said.contains("stay redacted"), "{said}");
    let journal = Journal::new(dir.path().join("state"));
    let id = journal.latest().unwrap();
    assert!(
        r.stdout.contains(&format!("api-triage resume {id}")),
        "{}",
        r.stdout
    );
    assert_eq!(journal.load(&id).unwrap().notes.len(), 3);

    // Twice: a second session, never over the first.
    let file = folder.join("bundle.json").display().to_string();
    let r = run(dir.path(), &["import", "--json", &file]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_ne!(json["id"], id.as_str());
    assert_eq!(json["original_id"], "20261123-090000-502");
    assert_eq!(json["bundle_version"], 2);
    assert_eq!(json["runbook_loaded"], true);
    assert_eq!(json["redaction_marks"]["notes"], 1);
    assert_eq!(journal.ids().len(), 2);
}

#[test]
fn a_newer_bundle_a_damaged_one_and_a_symlink_are_refused_with_exit_2() {
    let runbook = default();
    let dir = tempfile::tempdir().unwrap();
    let good = prepare(&session(&runbook), &runbook, true)
        .unwrap()
        .bundle_json(&runbook, at("2026-11-23T09:10:00Z"));
    let newer = bundle_folder(
        dir.path(),
        "newer",
        &good.replacen("\"schema_version\": 2", "\"schema_version\": 99", 1),
    );
    let r = run(dir.path(), &["import", &newer.display().to_string()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    let message = r.stderr.replace("\n  ", " ");
    assert!(
        message.contains("bundle format 99; this one reads up to 2")
            && message.contains("upgrade api-triage"),
        "{message}"
    );
    let damaged = bundle_folder(
        dir.path(),
        "damaged",
        "{\"schema_version\": 2, \"exported_at\": 5",
    );
    let r = run(dir.path(), &["import", &damaged.display().to_string()]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not an escalation bundle"),
        "{}",
        r.stderr
    );
    let hostile = bundle_folder(dir.path(), "hostile", "\u{1b}]52;c;aGk=\u{7}\u{1b}[2J");
    let r = run(dir.path(), &["import", &hostile.display().to_string()]);
    assert_eq!(r.code, 2);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let r = run(dir.path(), &["import", &empty.display().to_string()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bundle.json"), "{}", r.stderr);
    #[cfg(unix)]
    {
        let linked = dir.path().join("linked");
        std::fs::create_dir(&linked).unwrap();
        std::os::unix::fs::symlink(newer.join("bundle.json"), linked.join("bundle.json")).unwrap();
        let r = run(dir.path(), &["import", &linked.display().to_string()]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    }
    assert!(
        Journal::new(dir.path().join("state")).ids().is_empty(),
        "nothing imported"
    );
}

#[test]
fn a_version_1_bundle_is_upgraded_on_import() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sessions/v1-502-payments.json"),
    )
    .unwrap();
    let bundle = format!(
        "{{\"schema_version\": 1, \"exported_at\": \"2026-11-23T09:15:00Z\", \"redacted\": true, \
         \"secrets_redacted\": 2, \"runbook\": \"Payments API\", \"summary_markdown\": \"\", \
         \"session\": {v1}}}"
    );
    let folder = bundle_folder(dir.path(), "20261123-091500-502-old", &bundle);
    let r = run(
        dir.path(),
        &["import", "--json", &folder.display().to_string()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (
            json["bundle_version"].as_u64(),
            json["session_version"].as_u64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(json["secrets_redacted"], 2);
    // The payments runbook is a team's: not loaded here, and said so.
    assert_eq!(json["runbook_loaded"], false);
    assert!(
        r.stderr.contains("\"Payments API\" is not loaded here"),
        "{}",
        r.stderr
    );
    let journal = Journal::new(dir.path().join("state"));
    let session = journal.load(json["id"].as_str().unwrap()).unwrap();
    assert_eq!(
        session.schema_version,
        api_triage::session::model::SCHEMA_VERSION
    );
    assert_eq!(session.incident.title, "Checkout charges failing");
    assert!(session.imported_from().is_some());
}

#[test]
fn export_handoff_prints_the_hand_off_and_writes_nothing() {
    let runbook = default();
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().join("state"));
    let mut s = session(&runbook);
    journal.create(&mut s).unwrap();
    let r = run(dir.path(), &["export", "--handoff", &s.id]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("## Hand-off: Checkout failing for EU users · 502 Bad Gateway"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("### Next checks"), "{}", r.stdout);
    assert!(!r.stdout.contains(COOKIE));
    let r = run(
        dir.path(),
        &["export", "--handoff", "--format", "slack", &s.id],
    );
    assert!(r.stdout.starts_with("*Hand-off: "), "{}", r.stdout);
    let r = run(
        dir.path(),
        &["export", "--handoff", "--format", "json", &s.id],
    );
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(journal.load(&s.id).unwrap().exported, None, "still open");
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["state"], "no bundle folder written");
    // Copied, it is a hand-off: the session's timeline keeps it, as the app's H does.
    let r = run(dir.path(), &["export", "--handoff", "--copy", &s.id]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("hand-off written to"), "{}", r.stderr);
    let events = journal.load(&s.id).unwrap().events;
    let last = events.last().expect("an event");
    assert_eq!(last.what.kind(), api_triage::session::EntryKind::HandOff);
    assert!(
        last.what.line().starts_with("handed off: "),
        "{}",
        last.what.line()
    );
}
