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

/// nginx's 499 and Cloudflare's 520-526 are what on-call meets behind the edge: each has a
/// card of its own with three places to look and a failing request to try, and says the fault
/// is not in the request (499) or lies at the origin (52x).
#[test]
fn nginx_499_and_cloudflare_520_to_526_have_full_cards() {
    let report = load_texts(Vec::new(), None);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    let default = &report.runbooks[0];
    for code in std::iter::once(499).chain(520..=526) {
        let card = default
            .codes
            .get(&code)
            .unwrap_or_else(|| panic!("{code} has no card of its own"));
        assert_eq!(card.look_first.len(), 3, "{code}");
        assert!(
            card.look_first.iter().all(|l| !l.how.trim().is_empty()),
            "{code}: a place to look without a command"
        );
        assert!(
            card.examples.iter().any(|e| e.kind == ExampleKind::Failing),
            "{code} failing example"
        );
        assert!(
            card.examples.iter().any(|e| e.kind == ExampleKind::Good),
            "{code} good example"
        );
        assert!(
            card.causes.len() >= 3,
            "{code} has {} causes",
            card.causes.len()
        );
        assert!(
            !card.checks.is_empty() && !card.compare.is_empty(),
            "{code}"
        );
        let meaning = card.meaning.to_ascii_lowercase();
        if code == 499 {
            assert!(meaning.contains("not at fault"), "{code}: {meaning}");
        } else {
            assert!(card.title.contains("Cloudflare"), "{code}: {}", card.title);
            assert!(meaning.contains("origin"), "{code}: {meaning}");
        }
    }
    // 499 is told apart from the proxy's timeout and from a client that is slow to send.
    let compare = &default.codes[&499].compare;
    assert!(
        compare.contains(&504) && compare.contains(&408),
        "{compare:?}"
    );
}

/// Article mistakes an editor would mark: "a" before a word said with a vowel sound.
const ARTICLE_ERRORS: &[&str] = &[
    "a nginx", "a http", "a https", "a html", "a api", "a alb", "a sdk", "a sso",
];

/// Every article mistake of `ARTICLE_ERRORS` in `text`, matched on whole words so "a
/// nginx-style page" counts and "data nginx" or `-a nginx` do not.
fn article_errors(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.trim_start_matches(['(', '"', '\'']).to_ascii_lowercase())
        .collect();
    words
        .windows(2)
        .filter_map(|pair| {
            let next = pair[1].split(|c: char| !c.is_ascii_alphanumeric()).next()?;
            let phrase = format!("{} {next}", pair[0]);
            ARTICLE_ERRORS.contains(&phrase.as_str()).then_some(phrase)
        })
        .collect()
}

/// Every string value of a TOML document, with the path of keys that leads to it.
fn strings(value: &toml::Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::String(s) => out.push((path.to_owned(), s.clone())),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, &format!("{path}[{i}]"), out);
            }
        }
        toml::Value::Table(table) => {
            for (key, item) in table {
                strings(item, &format!("{path}.{key}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_article_check_finds_what_it_looks_for() {
    assert_eq!(
        article_errors("Returned by a nginx (a HTTP/2 proxy) or a HTML page"),
        ["a nginx", "a http", "a html"]
    );
    assert!(
        article_errors("an nginx page, an HTTP/2 client, data nginx, grep -a nginx").is_empty()
    );
}

/// No text the default shows (meanings, causes, checks, notes, comparisons, scenarios,
/// interview) puts "a" where "an" belongs.
#[test]
fn no_user_visible_text_of_the_default_has_an_article_error() {
    let document: toml::Value = toml::from_str(DEFAULT_RUNBOOK).unwrap();
    let mut all = Vec::new();
    strings(&document, "", &mut all);
    assert!(all.len() > 1000, "only {} strings", all.len());
    let found: Vec<String> = all
        .iter()
        .flat_map(|(path, text)| {
            article_errors(text)
                .into_iter()
                .map(move |e| format!("{path}: {e:?} in {text:?}"))
        })
        .collect();
    assert!(found.is_empty(), "{found:#?}");
}
