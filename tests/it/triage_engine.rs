//! The interview engine over every question and every answer of the embedded default, and the
//! ranking and checklist it leads to.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api_triage::runbook::load_texts;
use api_triage::runbook::model::AnswerKind;
use api_triage::triage::{
    Answer, AnswerError, Checklist, Interview, Outcome, comparisons_for, rank_causes,
};

fn default() -> api_triage::runbook::TeamRunbook {
    load_texts(Vec::new(), None).runbooks.remove(0)
}

#[test]
fn every_answer_of_every_question_is_accepted_tagged_and_changeable() {
    let runbook = default();
    let questions = &runbook.interview;
    for (index, question) in questions.iter().enumerate() {
        let mut answers: Vec<(Answer, Option<String>)> = question
            .options
            .iter()
            .map(|o| {
                (
                    Answer::Choice(o.id.clone()),
                    Some(format!("{}:{}", question.id, o.id)),
                )
            })
            .collect();
        match question.kind {
            AnswerKind::Code => {
                for code in [100, 204, 418, 502, 599] {
                    answers.push((Answer::Code(code), Some(format!("{}:{code}", question.id))));
                }
            }
            AnswerKind::Text => answers.push((Answer::Text("POST /v1/orders".into()), None)),
            AnswerKind::Choice => {}
        }
        assert!(
            !answers.is_empty(),
            "question {} has no way to answer",
            question.id
        );
        for (answer, tag) in answers {
            let mut interview = Interview {
                position: index,
                ..Interview::default()
            };
            interview.answer(questions, answer.clone()).unwrap();
            assert_eq!(interview.position, index + 1);
            assert_eq!(interview.answers.get(&question.id), Some(&answer));
            if let Some(tag) = tag {
                assert!(
                    interview.tags().contains(&tag),
                    "{tag} not in {:?}",
                    interview.tags()
                );
            }
            // Going back keeps the answer until it is changed.
            assert!(interview.back(questions));
            assert_eq!(interview.current(questions).unwrap().id, question.id);
            assert_eq!(interview.answers.get(&question.id), Some(&answer));
        }
    }
}

#[test]
fn wrong_answers_are_refused_with_a_reason() {
    let runbook = default();
    let questions = &runbook.interview;
    let mut interview = Interview::default();
    assert_eq!(
        interview.answer(questions, Answer::Code(700)),
        Err(AnswerError::NotACode)
    );
    assert_eq!(
        interview.parse(questions, "abc"),
        Err(AnswerError::NotACode)
    );
    assert_eq!(interview.parse(questions, "502"), Ok(Answer::Code(502)));
    assert_eq!(
        interview.parse(questions, "DNS"),
        Ok(Answer::Choice("dns".into()))
    );
    interview.answer(questions, Answer::Code(502)).unwrap();
    interview.skip(questions);
    let layer = interview.current(questions).unwrap();
    assert_eq!(layer.id, "layer");
    assert_eq!(
        interview.answer(questions, Answer::Choice("moon".into())),
        Err(AnswerError::UnknownOption)
    );
    assert_eq!(
        interview.answer(questions, Answer::Code(502)),
        Err(AnswerError::WrongKind)
    );
}

#[test]
fn a_full_walk_finishes_and_knows_the_code() {
    let runbook = default();
    let questions = &runbook.interview;
    let mut interview = Interview::new(questions, Some(502));
    assert_eq!(interview.current(questions).unwrap().id, "service");
    while let Some(question) = interview.current(questions) {
        let answer = match question.kind {
            AnswerKind::Text => Answer::Text("orders".into()),
            _ => Answer::Choice(question.options[0].id.clone()),
        };
        interview.answer(questions, answer).unwrap();
    }
    assert!(interview.is_done(questions));
    assert_eq!(interview.code(questions), Some(502));
}

#[test]
fn gateway_and_intermittent_on_502_rank_upstream_health_first() {
    let runbook = default();
    let questions = &runbook.interview;
    let card = runbook.card(502).unwrap();
    let mut interview = Interview::new(questions, Some(502));
    interview
        .answers
        .insert("layer".into(), Answer::Choice("gateway".into()));
    interview
        .answers
        .insert("spread".into(), Answer::Choice("intermittent".into()));
    let ranked = rank_causes(&card, &interview, questions, &Checklist::default());
    assert_eq!(ranked.len(), card.causes.len());
    let top = &ranked[0];
    assert!(top.score >= 2, "{ranked:#?}");
    assert!(
        top.reasons.iter().any(|r| r.starts_with("layer:")),
        "{:?}",
        top.reasons
    );
    let app_bug = ranked.iter().position(|c| {
        c.text
            .to_lowercase()
            .contains("dies on one specific request")
    });
    if let Some(app_bug) = app_bug {
        assert!(
            app_bug > 0,
            "an app bug must not outrank upstream health here"
        );
    }
    // Without answers the runbook's own order stands.
    let plain = rank_causes(
        &card,
        &Interview::default(),
        questions,
        &Checklist::default(),
    );
    assert_eq!(plain[0].text, card.causes[0].text);
}

#[test]
fn comparisons_follow_the_code_and_the_answers() {
    let runbook = default();
    let mut interview = Interview::new(&runbook.interview, Some(502));
    let suggested = comparisons_for(&runbook, 502, &interview);
    assert!(suggested.iter().all(|s| s.comparison.codes.contains(&502)));
    assert!(!suggested.is_empty());
    interview
        .answers
        .insert("allowed".into(), Answer::Choice("no".into()));
    let suggested = comparisons_for(&runbook, 502, &interview);
    assert!(
        suggested
            .iter()
            .any(|s| s.comparison.codes == [401, 403] && s.reason.contains("not be allowed"))
    );
}

#[test]
fn the_checklist_is_the_first_three_places_then_the_checks_and_survives_a_code_change() {
    let runbook = default();
    let card = runbook.card(502).unwrap();
    let mut checklist = Checklist::from_card(&card);
    assert_eq!(checklist.steps.len(), 3 + card.checks.len());
    assert!(checklist.steps[..3].iter().all(|s| s.how.is_some()));
    checklist.set_outcome(0, Outcome::RuledOut);
    checklist.set_finding(
        0,
        "no upstream errors in the last hour\nsecond line dropped",
    );
    assert_eq!(
        checklist.steps[0].finding,
        "no upstream errors in the last hour"
    );
    assert_eq!(checklist.ruled_out().count(), 1);
    let rebuilt = checklist.rebuilt_from(&runbook.card(504).unwrap());
    let kept = rebuilt
        .steps
        .iter()
        .find(|s| s.title == checklist.steps[0].title)
        .unwrap();
    assert_eq!(kept.outcome, Outcome::RuledOut, "work is never dropped");
}

/// The questions the interview will ask, in order, as ids.
fn asked(interview: &Interview, questions: &[api_triage::runbook::QuestionCard]) -> Vec<String> {
    interview
        .plan(questions)
        .iter()
        .filter(|p| p.skipped.is_none())
        .map(|p| p.question.id.clone())
        .collect()
}

#[test]
fn a_client_error_asks_about_the_request_and_the_caller_first() {
    let runbook = default();
    let questions = &runbook.interview;
    for code in [400, 401, 403, 422] {
        let interview = Interview::new(questions, Some(code));
        let order = asked(&interview, questions);
        assert_eq!(
            &order[..3],
            ["code", "valid", "allowed"],
            "{code}: {order:?}"
        );
        assert_eq!(interview.current(questions).unwrap().id, "valid", "{code}");
    }
}

#[test]
fn a_gateway_5xx_skips_the_request_and_caller_questions_and_says_why() {
    let runbook = default();
    let questions = &runbook.interview;
    let mut interview = Interview::new(questions, Some(502));
    // Before anyone knows who returned it, they come last, not first.
    let order = asked(&interview, questions);
    assert_eq!(&order[order.len() - 2..], ["valid", "allowed"], "{order:?}");
    interview
        .answer(questions, Answer::Text("orders-api".into()))
        .unwrap();
    interview
        .answer(questions, Answer::Choice("gateway".into()))
        .unwrap();
    let plan = interview.plan(questions);
    for id in ["valid", "allowed"] {
        let planned = plan.iter().find(|p| p.question.id == id).unwrap();
        let reason = planned.skipped.expect("skipped");
        assert!(reason.contains("5xx itself"), "{reason}");
    }
    // The rest is asked, and the interview ends without them.
    while let Some(question) = interview.current(questions) {
        assert!(!["valid", "allowed"].contains(&question.id.as_str()));
        interview.skip(questions);
    }
    assert!(interview.is_done(questions));
    assert_eq!(interview.progress(questions).1, 5, "two of seven not asked");
}

#[test]
fn an_answer_the_engineer_gave_is_never_skipped_away() {
    let runbook = default();
    let questions = &runbook.interview;
    let mut interview = Interview::new(questions, Some(502));
    interview
        .answers
        .insert("valid".into(), Answer::Choice("no".into()));
    interview
        .answers
        .insert("layer".into(), Answer::Choice("gateway".into()));
    let plan = interview.plan(questions);
    let valid = plan.iter().find(|p| p.question.id == "valid").unwrap();
    assert_eq!(valid.skipped, None, "answered, so shown as answered");
}

#[test]
fn an_evidence_answer_is_passed_over_shown_with_its_source_and_reached_going_back() {
    let runbook = default();
    let questions = &runbook.interview;
    let mut interview = Interview::new(questions, Some(502));
    assert!(interview.pre_answer(
        "layer",
        Answer::Choice("gateway".into()),
        "the paste at T+00:04"
    ));
    // The engineer's answers win over later evidence.
    interview
        .answers
        .insert("spread".into(), Answer::Choice("everyone".into()));
    assert!(!interview.pre_answer("spread", Answer::Choice("intermittent".into()), "x"));
    interview
        .answer(questions, Answer::Text("orders-api".into()))
        .unwrap();
    let next = interview.current(questions).unwrap();
    assert_eq!(
        next.id, "changed",
        "layer is answered, valid and allowed skipped"
    );
    assert_eq!(interview.source("layer"), Some("the paste at T+00:04"));
    assert!(interview.back(questions));
    assert_eq!(interview.current(questions).unwrap().id, "layer");
    // Enter on it confirms: the answer becomes the engineer's.
    interview
        .answer(questions, Answer::Choice("gateway".into()))
        .unwrap();
    assert_eq!(interview.source("layer"), None);
}

/// A 502 card's checklist with step `title_part` marked `outcome`.
fn checklist_with(
    card: &api_triage::runbook::Card,
    title_part: &str,
    outcome: Outcome,
) -> Checklist {
    let mut checklist = Checklist::from_card(card);
    let index = checklist
        .steps
        .iter()
        .position(|s| s.title.contains(title_part))
        .unwrap();
    checklist.set_outcome(index, outcome);
    checklist
}

#[test]
fn a_cause_whose_step_was_ruled_out_is_never_the_most_likely() {
    let runbook = default();
    let questions = &runbook.interview;
    let card = runbook.card(502).unwrap();
    let mut interview = Interview::new(questions, Some(502));
    for (q, a) in [
        ("layer", "gateway"),
        ("spread", "intermittent"),
        ("changed", "deploy"),
    ] {
        interview.answers.insert(q.into(), Answer::Choice(a.into()));
    }
    let before = rank_causes(&card, &interview, questions, &Checklist::default());
    let top = api_triage::triage::most_likely(&before).unwrap();
    assert!(top.text.starts_with("Upstream pods crash"), "{top:?}");
    let checklist = checklist_with(&card, "Upstream pods: restarts", Outcome::RuledOut);
    let after = rank_causes(&card, &interview, questions, &checklist);
    let top = api_triage::triage::most_likely(&after).unwrap();
    assert!(!top.text.starts_with("Upstream pods crash"), "{top:?}");
    let demoted = after
        .iter()
        .find(|c| c.text.starts_with("Upstream pods crash"))
        .unwrap();
    assert!(
        demoted
            .ruled_out_by
            .as_deref()
            .unwrap()
            .starts_with("Upstream pods")
    );
    assert_eq!(
        after.last().unwrap().text,
        demoted.text,
        "ruled out goes last"
    );
    // A step that merely mentions the upstream does not rule the cause out.
    let checklist = checklist_with(&card, "Ingress error log", Outcome::RuledOut);
    let ranked = rank_causes(&card, &interview, questions, &checklist);
    assert!(
        ranked[0].text.starts_with("Upstream pods crash"),
        "{ranked:#?}"
    );
}

#[test]
fn a_found_step_puts_the_cause_it_tests_first() {
    let runbook = default();
    let questions = &runbook.interview;
    let card = runbook.card(502).unwrap();
    let interview = Interview::new(questions, Some(502));
    let checklist = checklist_with(&card, "Upstream pods: restarts", Outcome::FoundIt);
    let ranked = rank_causes(&card, &interview, questions, &checklist);
    assert!(ranked[0].text.starts_with("Upstream pods crash"));
    assert!(ranked[0].found_by.is_some());
}
