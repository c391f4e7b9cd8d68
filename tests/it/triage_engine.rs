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
            assert!(interview.back());
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
    let ranked = rank_causes(&card, &interview, questions);
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
    let plain = rank_causes(&card, &Interview::default(), questions);
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
