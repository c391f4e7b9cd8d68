//! The embedded default is complete enough to be a team's starting point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api_triage::runbook::merge::{embedded_default, team_over_default};
use api_triage::runbook::model::ExampleKind;
use api_triage::runbook::{DEFAULT_RUNBOOK, EMBEDDED_NAME, Loaded, load_texts};

/// A start checks the embedded default only for a review that is due (`embedded_default`);
/// every other check can fail only on its text, so they run here, all of them, and find
/// nothing. What a start builds is the same runbook.
#[test]
fn the_embedded_default_passes_every_check() {
    let (default, parse_findings) = Loaded::new(EMBEDDED_NAME, DEFAULT_RUNBOOK);
    assert!(parse_findings.is_empty(), "{parse_findings:?}");
    let (checked, findings) = team_over_default(&default, None, None);
    assert!(findings.is_empty(), "{findings:?}");
    let (started, start_findings) = embedded_default(&default, None);
    assert!(start_findings.is_empty(), "{start_findings:?}");
    assert_eq!(started, checked);
}

#[test]
fn every_code_of_the_reference_material_has_a_full_card() {
    let report = load_texts(Vec::new(), None);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    let default = &report.runbooks[0];
    for code in [
        200, 201, 202, 204, 301, 302, 304, 307, 308, 400, 401, 403, 404, 405, 408, 409, 410, 412,
        413, 415, 422, 429, 500, 501, 502, 503, 504,
    ] {
        let card = default
            .codes
            .get(&code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(card.look_first.len(), 3, "{code}");
        assert!(
            card.causes.len() >= 3,
            "{code} has {} causes",
            card.causes.len()
        );
        assert!(
            !card.checks.is_empty() && !card.keywords.is_empty(),
            "{code}"
        );
        assert!(
            !card.generated_by.is_empty() && !card.meaning.is_empty(),
            "{code}"
        );
        if code >= 400 {
            assert!(
                card.examples.iter().any(|e| e.kind == ExampleKind::Good),
                "{code} good example"
            );
            assert!(
                card.examples.iter().any(|e| e.kind == ExampleKind::Failing),
                "{code} failing example"
            );
            assert!(!card.compare.is_empty(), "{code} lists look-alikes");
        }
    }
}

#[test]
fn any_code_from_100_to_599_gets_an_answer() {
    let report = load_texts(Vec::new(), None);
    let default = &report.runbooks[0];
    for code in 100..=599 {
        let card = default
            .card(code)
            .unwrap_or_else(|| panic!("{code} has no card"));
        assert_eq!(card.look_first.len(), 3);
    }
    assert_eq!(
        default.card(418).unwrap().fallback_class.as_deref(),
        Some("4xx")
    );
    assert!(default.card(520).unwrap().title.contains("Cloudflare"));
}

#[test]
fn the_comparisons_scenarios_and_interview_of_the_material_are_there() {
    let report = load_texts(Vec::new(), None);
    let default = &report.runbooks[0];
    let has_comparison = |codes: &[u16]| {
        default
            .comparisons
            .iter()
            .any(|c| codes.iter().all(|code| c.codes.contains(code)) && c.question.ends_with('?'))
    };
    for codes in [
        &[400, 401, 403, 404][..],
        &[401, 403],
        &[400, 422],
        &[409, 422],
        &[409, 412],
        &[429, 403],
        &[404, 410],
        &[500, 502, 503, 504],
        &[301, 302, 307, 308],
    ] {
        assert!(has_comparison(codes), "no comparison of {codes:?}");
    }
    assert!(default.scenarios.len() >= 9);
    for scenario in &default.scenarios {
        assert!(
            !scenario.codes.is_empty() && !scenario.first_move.is_empty(),
            "{}",
            scenario.id
        );
    }
    let ids: Vec<&str> = default.interview.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "code", "service", "layer", "valid", "allowed", "changed", "spread"
        ]
    );
}

/// The minimal team file shown in the README loads without a finding, so the first thing a
/// team copies works.
#[test]
fn the_readme_example_runbook_is_valid() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\n")
        .expect("a TOML example in the README")
        + 8;
    let end = start + readme[start..].find("```").unwrap();
    let report = load_texts(
        vec![("README.md".to_owned(), readme[start..end].to_owned())],
        None,
    );
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert_eq!(report.runbooks[1].name, "Orders API");
}

/// Every runbook the project ships: the embedded default and the example team file layered
/// over it.
fn shipped() -> Vec<api_triage::runbook::TeamRunbook> {
    let payments = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/examples/payments.toml"),
    )
    .unwrap();
    let report = load_texts(vec![("payments.toml".to_owned(), payments)], None);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    report.runbooks
}

/// Whether `bash -n` parses `script`; the error when it does not.
fn bash_parses(script: &str) -> Result<(), String> {
    let mut bash = std::process::Command::new("bash");
    bash.arg("-n");
    let out = crate::util::feed(bash, script);
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Every `how` and every example request, as written and as `explain` prints it at 80
/// columns (wrapped with ` \` continuations), parses as one shell command.
#[test]
fn every_command_parses_as_written_and_as_explain_wraps_it() {
    let mut checked = 0;
    for runbook in shipped() {
        for card in runbook.codes.values().chain(runbook.classes.values()) {
            let commands = card
                .look_first
                .iter()
                .map(|l| &l.how)
                .chain(card.examples.iter().map(|e| &e.request));
            for command in commands {
                if let Err(e) = bash_parses(command) {
                    panic!(
                        "{} {}: `{command}` does not parse: {e}",
                        runbook.name, card.code
                    );
                }
                checked += 1;
            }
            let rendered = api_triage::cli::render_card(
                card,
                &runbook,
                api_triage::cli::Style { bold: false },
            );
            let mut lines = rendered.lines().peekable();
            while let Some(line) = lines.next() {
                let Some(first) = line.strip_prefix("     $ ") else {
                    continue;
                };
                let mut command = first.to_owned();
                while command.ends_with(" \\") {
                    let Some(next) = lines.next() else { break };
                    command.push('\n');
                    command.push_str(next);
                }
                if let Err(e) = bash_parses(&command) {
                    panic!(
                        "{} {}: rendered\n{command}\ndoes not parse: {e}",
                        runbook.name, card.code
                    );
                }
            }
        }
    }
    assert!(checked > 200, "{checked}");
}

/// The first three places to look only read, and an example that writes says it is for
/// staging (or is a dry run).
#[test]
fn first_places_only_read_and_writing_examples_say_staging() {
    use api_triage::runbook::commands::writes;
    for runbook in shipped() {
        for card in runbook.codes.values().chain(runbook.classes.values()) {
            for place in &card.look_first {
                assert_eq!(
                    writes(&place.how),
                    None,
                    "{} {}: first place `{}` writes: {}",
                    runbook.name,
                    card.code,
                    place.what,
                    place.how
                );
            }
            for example in &card.examples {
                if writes(&example.request).is_some() {
                    let label = format!(
                        "{} {} {}",
                        example.name,
                        example.note.as_deref().unwrap_or(""),
                        example.request
                    )
                    .to_ascii_lowercase();
                    assert!(
                        label.contains("staging")
                            || label.contains("dry-run")
                            || label.contains("dry run"),
                        "{} {}: example `{}` writes without saying where: {}",
                        runbook.name,
                        card.code,
                        example.name,
                        example.request
                    );
                }
            }
        }
    }
}

/// The codes on-call meets most that the first release lacked have cards of their own, with
/// their own meaning rather than the class advice.
#[test]
fn the_codes_met_first_have_their_own_cards() {
    let report = load_texts(Vec::new(), None);
    let default = &report.runbooks[0];
    for code in [
        499, 520, 521, 522, 523, 524, 525, 526, 530, 460, 463, 464, 431, 414, 421, 407, 426, 411,
        417, 425, 428, 507, 508, 511,
    ] {
        let card = default
            .card(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert!(
            card.fallback_class.is_none(),
            "{code} falls back to its class"
        );
        assert_eq!(card.look_first.len(), 3, "{code}");
        assert!(!card.meaning.is_empty(), "{code}");
        let class = default
            .classes
            .get(&u8::try_from(code / 100).unwrap())
            .unwrap();
        assert_ne!(
            card.meaning, class.meaning,
            "{code} repeats the class advice"
        );
    }
    for (a, b) in [
        (499, 504),
        (429, 503),
        (413, 431),
        (406, 415),
        (520, 502),
        (302, 303),
    ] {
        assert!(
            default
                .comparisons
                .iter()
                .any(|c| c.codes.contains(&a) && c.codes.contains(&b)),
            "no comparison of {a} and {b}"
        );
    }
}
