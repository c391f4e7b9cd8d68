//! The embedded default is complete enough to be a team's starting point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api_triage::runbook::load_texts;
use api_triage::runbook::model::ExampleKind;

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
