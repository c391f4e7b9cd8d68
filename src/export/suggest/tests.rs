use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::merge::{Input, merge, proposed};
use super::read::parse;
use super::snippet::Snippet;
use super::*;
use crate::export::prepare;
use crate::runbook::load_texts;
use crate::session::Mark as PairMark;
use crate::triage::{Checklist, rank_causes};

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn default() -> TeamRunbook {
    load_texts(Vec::new(), None).runbooks.remove(0)
}

/// A triage of `code` at its checklist, as an engineer leaves it.
fn session(runbook: &TeamRunbook, code: u16) -> Session {
    let mut s = Session::new(
        at("2026-11-23T09:00:00Z"),
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        Some(code),
    );
    s.incident.title = "Checkout failing for EU users".into();
    s.incident.first_seen = "08:52 UTC".into();
    s.checklist = Checklist::from_card(&runbook.card(code).unwrap());
    s.stage = crate::session::Stage::Checklist;
    s
}

/// Sets a step's outcome and finding at `when`, recorded as the app records it.
fn settle(s: &mut Session, runbook: &TeamRunbook, step: usize, outcome: Outcome, finding: &str) {
    let before = s.before();
    s.checklist.set_outcome(step, outcome);
    s.checklist.set_finding(step, finding);
    let when = at("2026-11-23T09:00:00Z")
        + jiff::SignedDuration::from_mins(i64::try_from(step).unwrap() + 2);
    s.record_changes(&before, &runbook.interview, when, &TimeZone::UTC);
}

fn note(s: &mut Session, target: NoteTarget, text: &str, when: &str) {
    s.add_note(target, text, at(when), &TimeZone::UTC);
}

fn of_kind(all: &[Suggestion], kind: Kind) -> Vec<&Suggestion> {
    all.iter().filter(|s| s.kind == kind).collect()
}

/// The snippet, under a `[runbook]` table, as a team file that `check` reads: no findings.
fn assert_check_accepts(snippet: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.toml");
    let text = format!("[runbook]\nname = \"Shop API\"\n\n{snippet}");
    std::fs::write(&path, &text).unwrap();
    let report = crate::runbook::load_paths(&[path], None);
    assert!(!report.unreadable);
    assert!(
        report.findings.is_empty(),
        "{:?}\n{text}",
        report
            .findings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
}

/// 502: the three places worked without finding, then a check found what no cause says.
fn network_policy_502(runbook: &TeamRunbook) -> Session {
    let mut s = session(runbook, 502);
    settle(
        &mut s,
        runbook,
        0,
        Outcome::RuledOut,
        "no upstream errors since 08:00",
    );
    settle(
        &mut s,
        runbook,
        1,
        Outcome::Done,
        "pods stable, no restarts",
    );
    settle(&mut s, runbook, 2, Outcome::RuledOut, "");
    // The last check: "Call the upstream directly ..." in the default.
    let last = s.checklist.steps.len() - 1;
    note(
        &mut s,
        NoteTarget::Step(last),
        "2026-11-23T09:14:03Z ERROR orders-api egress denied by NetworkPolicy deny-ingress-ns\n\
         2026-11-23T09:14:04Z ERROR orders-api egress denied by NetworkPolicy deny-ingress-ns",
        "2026-11-23T09:14:30Z",
    );
    settle(
        &mut s,
        runbook,
        last,
        Outcome::FoundIt,
        "NetworkPolicy from PR 4411 blocks traffic from the ingress namespace",
    );
    s
}

#[test]
fn a_finding_no_cause_lists_becomes_a_cause_with_its_check() {
    let runbook = default();
    let s = network_policy_502(&runbook);
    let prepared = prepare(&s, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    let causes = of_kind(&all, Kind::NewCause);
    assert_eq!(causes.len(), 1, "{all:#?}");
    let finding = "NetworkPolicy from PR 4411 blocks traffic from the ingress namespace";
    assert_eq!(
        causes[0].item,
        Some(Item::Cause(CauseCard {
            text: finding.to_owned(),
            when: Vec::new()
        }))
    );
    let why = &causes[0].why;
    assert!(why.contains("step 9 \"Call the upstream directly"), "{why}");
    assert!(why.contains("found it at T+10:00"), "{why}");
    assert!(why.contains("note T+14:30"), "{why}");
    let checks = of_kind(&all, Kind::NewCheck);
    let Some(Item::Check(check)) = &checks[0].item else {
        panic!("{checks:?}")
    };
    assert!(check.ends_with(&format!("look for {finding}")), "{check}");

    // Merged into a team file, the checklist of the next 502 tests the new cause with it.
    let snippet = render(&prepared, &runbook, &all);
    assert_check_accepts(&snippet);
    let team = load_texts(
        vec![(
            "team.toml".into(),
            format!("[runbook]\nname = \"Shop API\"\n{snippet}"),
        )],
        None,
    );
    let card = team.runbooks[1].card(502).unwrap();
    let mut checklist = Checklist::from_card(&card);
    let step = checklist
        .steps
        .iter()
        .position(|s| s.title == *check)
        .unwrap();
    checklist.set_outcome(step, Outcome::FoundIt);
    let ranked = rank_causes(&card, &s.interview, &runbook.interview, &checklist);
    assert_eq!(ranked[0].text, finding);
    assert_eq!(ranked[0].found_by.as_deref(), Some(check.as_str()));
}

#[test]
fn a_finding_a_listed_cause_covers_proposes_no_cause() {
    let runbook = default();
    let mut s = session(&runbook, 502);
    // The step's title shares its words with "Upstream pods crash, get OOMKilled ...".
    settle(
        &mut s,
        &runbook,
        1,
        Outcome::FoundIt,
        "orders pods OOMKilled 7 times since the 08:45 deploy",
    );
    let prepared = prepare(&s, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    assert!(of_kind(&all, Kind::NewCause).is_empty(), "{all:#?}");
    // Place 2 found it, but place 1 was never worked: no reason to reorder.
    assert!(of_kind(&all, Kind::MovePlace).is_empty(), "{all:#?}");
}

#[test]
fn a_check_that_found_it_moves_first_among_the_checks() {
    let runbook = default();
    let s = network_policy_502(&runbook);
    let prepared = prepare(&s, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    let moves = of_kind(&all, Kind::MoveCheck);
    assert_eq!(moves.len(), 1, "{all:#?}");
    let why = &moves[0].why;
    assert!(why.contains("check 6 of 6"), "{why}");
    assert!(
        why.contains("step 1 ruled out, step 2 done, step 3 ruled out"),
        "{why}"
    );
    let snippet = render(&prepared, &runbook, &all);
    let table: toml::Table = toml::from_str(&snippet).unwrap();
    let checks = table["codes"]["502"]["checks"].as_array().unwrap();
    assert_eq!(
        checks[0].as_str(),
        Some("Call the upstream directly from inside the cluster to skip the proxy.")
    );
    // Every check the card had is still there, once, and the new one is last.
    assert_eq!(checks.len(), runbook.card(502).unwrap().checks.len() + 1);
    assert!(
        checks
            .last()
            .unwrap()
            .as_str()
            .unwrap()
            .contains("look for NetworkPolicy")
    );
}

#[test]
fn a_later_place_that_found_it_after_the_earlier_ones_did_not_moves_up() {
    let runbook = default();
    let mut s = session(&runbook, 502);
    settle(&mut s, &runbook, 0, Outcome::RuledOut, "");
    settle(&mut s, &runbook, 1, Outcome::Done, "");
    settle(
        &mut s,
        &runbook,
        2,
        Outcome::FoundIt,
        "target_status_code - on every 502: targets never answered",
    );
    let prepared = prepare(&s, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    let moves = of_kind(&all, Kind::MovePlace);
    assert_eq!(moves.len(), 1, "{all:#?}");
    assert!(
        moves[0]
            .why
            .contains("place 3 of 3, after step 1 ruled out, step 2 done without finding"),
        "{}",
        moves[0].why
    );
    let snippet = render(&prepared, &runbook, &all);
    assert_check_accepts(&snippet);
    let table: toml::Table = toml::from_str(&snippet).unwrap();
    let places = table["codes"]["502"]["look_first"].as_array().unwrap();
    assert_eq!(places.len(), 3);
    assert!(
        places[0]["what"]
            .as_str()
            .unwrap()
            .starts_with("ALB access log")
    );
    assert!(
        places[1]["what"]
            .as_str()
            .unwrap()
            .starts_with("Ingress error log")
    );
    // A place worked without finding but skipped earlier ones: no proposal to move it.
    let mut skipped = session(&runbook, 502);
    settle(&mut skipped, &runbook, 0, Outcome::Skipped, "");
    settle(&mut skipped, &runbook, 1, Outcome::FoundIt, "x");
    let prepared = prepare(&skipped, &runbook, true).unwrap();
    assert!(of_kind(&suggestions(&prepared, &runbook), Kind::MovePlace).is_empty());
}

#[test]
fn evidence_the_finding_step_held_becomes_a_need_and_missing_needs_are_notes() {
    let runbook = default();
    let s = network_policy_502(&runbook);
    let prepared = prepare(&s, &runbook, true).unwrap();
    assert!(
        prepared.missing.contains(&Need::GatewayLogs),
        "{:?}",
        prepared.missing
    );
    let all = suggestions(&prepared, &runbook);
    let added = of_kind(&all, Kind::AddNeed);
    assert_eq!(
        added.iter().map(|s| s.item.clone()).collect::<Vec<_>>(),
        vec![Some(Item::Need(Need::ServerLogs))],
        "{all:#?}"
    );
    assert!(
        added[0]
            .why
            .contains("the note at T+14:30 on step 9 (found it) holds server logs"),
        "{}",
        added[0].why
    );
    let missing = of_kind(&all, Kind::MissingNeed);
    assert_eq!(missing.len(), prepared.missing.len());
    assert!(
        missing
            .iter()
            .any(|m| m.item == Some(Item::Need(Need::GatewayLogs))
                && m.why.contains("found without it (step 9)")),
        "{missing:#?}"
    );
    let snippet = render(&prepared, &runbook, &all);
    assert!(
        snippet.contains("# note (missing-need gateway_logs): the escalation left without"),
        "{snippet}"
    );
    let table: toml::Table = toml::from_str(&snippet).unwrap();
    let needs = table["codes"]["502"]["needs"].as_array().unwrap();
    assert_eq!(needs.last().and_then(|n| n.as_str()), Some("server_logs"));
    assert_check_accepts(&snippet);
}

const GOOD: &str = include_str!("../../../tests/fixtures/timing/nginx-200-runner.txt");
const FAILING: &str = include_str!("../../../tests/fixtures/timing/nginx-504-runner.txt");

fn compared_504(runbook: &TeamRunbook, good: &str) -> Session {
    let mut s = session(runbook, 504);
    for (i, text) in [good, FAILING].into_iter().enumerate() {
        s.add_evidence_note(
            NoteTarget::Incident,
            text,
            at(&format!("2026-11-23T09:0{}:10Z", i + 3)),
            &TimeZone::UTC,
            crate::evidence::token::Expected::default(),
        );
    }
    s.toggle_mark(0, PairMark::Good);
    s.toggle_mark(1, PairMark::Failing);
    s
}

#[test]
fn the_pair_that_settled_it_becomes_a_known_good_example() {
    let runbook = default();
    let s = compared_504(&runbook, GOOD);
    let prepared = prepare(&s, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    let examples = of_kind(&all, Kind::AddExample);
    assert_eq!(examples.len(), 1, "{all:#?}");
    let Some(Item::Example(example)) = &examples[0].item else {
        panic!()
    };
    assert_eq!(example.kind, ExampleKind::Good);
    assert_eq!(example.expect.get(), 200);
    assert_eq!(
        example.request,
        "curl -sS -D - http://localhost:21060/v2/v1/orders"
    );
    let note = example.note.as_deref().unwrap();
    assert!(
        note.starts_with("the failing response differed in: "),
        "{note}"
    );
    assert!(
        examples[0]
            .why
            .starts_with("the notes at T+03:10 (known good) and T+04:10 (failing) were compared"),
        "{}",
        examples[0].why
    );
    let snippet = render(&prepared, &runbook, &all);
    assert_check_accepts(&snippet);

    // A good note with no request to keep: the differences as a note for the review.
    let bare = GOOD
        .lines()
        .filter(|l| !l.starts_with('>') && !l.starts_with('*'))
        .collect::<Vec<_>>()
        .join("\n");
    let s = compared_504(&runbook, &bare);
    let prepared = prepare(&s, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    assert!(of_kind(&all, Kind::AddExample).is_empty(), "{all:#?}");
    let notes = of_kind(&all, Kind::Comparison);
    assert_eq!(notes.len(), 1, "{all:#?}");
    assert!(
        notes[0].why.contains("holds no request"),
        "{}",
        notes[0].why
    );
    assert_check_accepts(&render(&prepared, &runbook, &all));
}

#[test]
fn nothing_to_say_is_one_comment_line() {
    let runbook = default();
    let mut s = session(&runbook, 502);
    settle(&mut s, &runbook, 0, Outcome::FoundIt, "");
    // Every need met: a timestamp, gateway logs, a request id, the scope and the changes.
    note(
        &mut s,
        NoteTarget::Incident,
        "2026/11/23 08:52:11 [error] 31#31: *9 connect() failed (111: Connection refused) \
         while connecting to upstream, client: 10.0.0.1, server: api.example.com, request: \
         \"GET /v1/orders HTTP/1.1\", upstream: \"http://10.0.3.7:8080/v1/orders\"\n\
         < x-request-id: 7f3c9a1b2c4d",
        "2026-11-23T09:03:00Z",
    );
    s.interview.answers.insert(
        "spread".into(),
        crate::triage::Answer::Choice("everyone".into()),
    );
    s.interview.answers.insert(
        "changed".into(),
        crate::triage::Answer::Choice("deploy".into()),
    );
    let prepared = prepare(&s, &runbook, true).unwrap();
    assert_eq!(prepared.missing, [], "every need met");
    let all = suggestions(&prepared, &runbook);
    assert_eq!(all, [], "place 1 found it, nothing else to say");
    let text = render(&prepared, &runbook, &all);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("# Nothing to propose for embedded default"),
        "{text}"
    );
    assert!(toml::from_str::<toml::Table>(&text).unwrap().is_empty());
    // No code at all: one line too.
    let mut none = session(&runbook, 502);
    none.code = None;
    none.interview.answers.remove("code");
    let prepared = prepare(&none, &runbook, true).unwrap();
    let text = render(&prepared, &runbook, &suggestions(&prepared, &runbook));
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn a_hostile_finding_stays_one_exact_string_and_one_comment() {
    let runbook = default();
    let mut s = network_policy_502(&runbook);
    let hostile = "quote \" back\\slash \\n \\u0041 ]] [codes.500]\nowner = \"x\" \u{1b}[2J \
                   \u{202e}rev \u{7} tab\tend '''";
    // A finding is one line when typed; a file can hold anything.
    s.checklist.steps[8].finding = hostile.to_owned();
    s.incident.title = "title\n[codes.404]\ntitle = \"x\"".into();
    let prepared = prepare(&s, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    let snippet = render(&prepared, &runbook, &all);
    let table: toml::Table = toml::from_str(&snippet).unwrap_or_else(|e| panic!("{e}\n{snippet}"));
    assert_eq!(table["codes"].as_table().unwrap().len(), 1, "{snippet}");
    let causes = table["codes"]["502"]["causes"].as_array().unwrap();
    assert_eq!(causes.last().unwrap().as_str(), Some(hostile));
    assert!(
        !snippet.contains('\u{1b}') && !snippet.contains('\u{202e}') && !snippet.contains('\u{7}'),
        "no control reaches the file as it is"
    );
    assert_check_accepts(&snippet);
    // The bundle writer's sanitizer finds nothing to change, and the file reads back whole.
    assert_eq!(crate::text::sanitize(&snippet), snippet);
    let read = parse(&snippet).unwrap();
    let items: Vec<&Item> = proposed(&read).map(|(_, _, item, _)| item).collect();
    assert!(items.contains(&&Item::Cause(CauseCard {
        text: hostile.to_owned(),
        when: Vec::new()
    })));
}

#[test]
fn the_snippet_merged_into_a_team_file_passes_check() {
    let text = include_str!("../../../runbooks/examples/payments.toml");
    let loaded = load_texts(vec![("payments.toml".into(), text.to_owned())], None);
    assert!(loaded.findings.is_empty());
    let runbook = loaded.runbooks[1].clone();
    let s = network_policy_502(&runbook);
    let prepared = prepare(&s, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    assert!(!of_kind(&all, Kind::NewCause).is_empty(), "{all:#?}");
    let snippet = render(&prepared, &runbook, &all);
    assert!(snippet.contains("# runbook-file: payments.toml\n# runbook-name: Payments API\n"));
    // The fields of the snippet in place of the team's own, as a reviewer merges them.
    let mut team: toml::Table = toml::from_str(text).unwrap();
    let proposed: toml::Table = toml::from_str(&snippet).unwrap();
    for (code, fields) in proposed["codes"].as_table().unwrap() {
        let codes = team["codes"].as_table_mut().unwrap();
        let entry = codes
            .entry(code.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        for (key, value) in fields.as_table().unwrap() {
            entry
                .as_table_mut()
                .unwrap()
                .insert(key.clone(), value.clone());
        }
    }
    let merged = toml::to_string(&team).unwrap();
    let report = load_texts(vec![("payments.toml".into(), merged)], None);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    let card = report.runbooks[1].card(502).unwrap();
    assert!(
        card.causes
            .iter()
            .any(|c| c.text.starts_with("NetworkPolicy from PR 4411"))
    );
    assert!(card.checks[0].starts_with("Before anyone retries failed charges"));
}

#[test]
fn snippets_read_back_and_merge_into_one_per_team_file() {
    let runbook = default();
    let first = network_policy_502(&runbook);
    let mut second = network_policy_502(&runbook);
    second.id = "20261124-101500-502".into();
    let mut third = session(&runbook, 502);
    settle(&mut third, &runbook, 0, Outcome::RuledOut, "");
    settle(&mut third, &runbook, 1, Outcome::Done, "");
    settle(
        &mut third,
        &runbook,
        2,
        Outcome::FoundIt,
        "ALB idle timeout 60 s, app keep-alive 5 s",
    );
    let inputs: Vec<Input> = [("a-502", &first), ("b-502", &second), ("c-502", &third)]
        .into_iter()
        .map(|(bundle, s)| {
            let prepared = prepare(s, &runbook, true).unwrap();
            let text = render(&prepared, &runbook, &suggestions(&prepared, &runbook));
            Input {
                bundle: bundle.to_owned(),
                snippet: parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}")),
            }
        })
        .collect();
    // What was written is what is read: the proposals and notes with their whys.
    let prepared = prepare(&first, &runbook, true).unwrap();
    let all = suggestions(&prepared, &runbook);
    assert_eq!(
        inputs[0].snippet.count(),
        all.len(),
        "{:#?}",
        inputs[0].snippet
    );
    assert_eq!(inputs[0].snippet.file, "embedded default");
    let merged = merge(&inputs);
    assert_eq!(merged.len(), 1);
    let text = merged[0].render();
    assert!(
        text.contains("# proposed (new-cause), seen in 2 incidents (a-502, b-502):\n"),
        "{text}"
    );
    assert!(text.contains("# note (missing-need gateway_logs), seen in 3 incidents"));
    let table: toml::Table = toml::from_str(&text).unwrap();
    let causes = table["codes"]["502"]["causes"].as_array().unwrap();
    let card = runbook.card(502).unwrap();
    // The two NetworkPolicy findings are one new cause; the keep-alive one is listed already.
    assert_eq!(causes.len(), card.causes.len() + 1, "{text}");
    assert!(text.contains("(new-cause), seen in 2 incidents (a-502, b-502)"));
    let places = table["codes"]["502"]["look_first"].as_array().unwrap();
    assert!(
        places[0]["what"]
            .as_str()
            .unwrap()
            .starts_with("ALB access log")
    );
    assert_check_accepts(&text);
    // Read again, the merged file is a valid suggestion too.
    let again = parse(&text).unwrap();
    assert_eq!(again.count(), merged[0].count());
}

#[test]
fn a_file_that_is_no_suggestion_is_an_error_not_a_panic() {
    for (text, says) in [
        ("[codes.502\n", "line 1"),
        ("[codes.502]\nlook_frist = []\n", "unknown field"),
        (
            "# runbook-file: x\n[codes.99]\nchecks = []\n",
            "not a status code",
        ),
        ("# runbook-file: x\n[codes.502]\nlook_first = []\n", "three"),
        ("[codes.502]\nchecks = [\"a\"]\n", "runbook-file"),
        (
            "# runbook-file: x\n[codes.5xx]\nchecks = []\n",
            "not a status code",
        ),
    ] {
        let err = parse(text).unwrap_err();
        assert!(err.contains(says), "{text:?}: {err}");
    }
    assert_eq!(parse("# Nothing to propose.\n").unwrap().codes, []);
    let _ = Snippet::default().render();
}
