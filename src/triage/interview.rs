//! The interview: one question at a time from the runbook, answers that can be changed by going
//! back, and the answers as tags (`layer:gateway`) that rank causes. A pure state machine.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::code::StatusCode;
use crate::runbook::QuestionCard;
use crate::runbook::model::AnswerKind;

/// One answer to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// A status code (for the code question).
    Code(u16),
    /// The id of one of the question's options.
    Choice(String),
    /// Free text.
    Text(String),
}

/// Why an answer was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("type a status code from 100 to 599, or pick one of the listed answers")]
    NotACode,
    #[error("pick one of the listed answers")]
    UnknownOption,
    #[error("this question takes text")]
    WrongKind,
}

/// Where the engineer is in the interview and what they answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interview {
    /// Index into the plan (see [`Interview::plan`]) of the question being asked; equal to the
    /// plan's length when done.
    pub position: usize,
    /// Answers by question id; kept when going back so they can be changed, not retyped.
    pub answers: BTreeMap<String, Answer>,
    /// Answers the evidence gave, by question id: where each came from ("the response pasted
    /// at 09:12"). An answer leaves this map when the engineer confirms or changes it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
}

/// A question in the order the interview asks it, given what is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned<'q> {
    pub question: &'q QuestionCard,
    /// Why it is not asked, when its `skip_when` holds and nobody answered it.
    pub skipped: Option<&'q str>,
}

/// Whether every answer a condition names (`code:502 layer:gateway`) has been given.
fn holds(condition: &str, tags: &[String]) -> bool {
    let mut parts = condition.split_whitespace().peekable();
    parts.peek().is_some() && parts.all(|part| tags.iter().any(|tag| tag == part))
}

impl Interview {
    /// A new interview, with the code already answered when the triage starts from a code.
    pub fn new(questions: &[QuestionCard], code: Option<u16>) -> Self {
        let mut interview = Self::default();
        if let (Some(code), Some(first)) = (code, questions.first())
            && first.kind == AnswerKind::Code
        {
            interview
                .answers
                .insert(first.id.clone(), Answer::Code(code));
            interview.position = 1;
        }
        interview
    }

    /// The questions in the order they are asked, given the answers so far: a code question
    /// that opens the runbook's list stays first; then those whose `first_when` holds, the
    /// rest, and those whose `last_when` holds, each group in the runbook's order. A question
    /// whose `skip_when` holds is kept in its place, marked skipped, unless it was answered.
    pub fn plan<'q>(&self, questions: &'q [QuestionCard]) -> Vec<Planned<'q>> {
        let tags = self.tags();
        let any = |conditions: &[String]| conditions.iter().any(|c| holds(c, &tags));
        let pinned = usize::from(
            questions
                .first()
                .is_some_and(|q| q.kind == AnswerKind::Code),
        );
        let (head, rest) = questions.split_at(pinned);
        let mut ordered: Vec<&QuestionCard> = head.iter().collect();
        let group = |q: &QuestionCard| {
            if any(&q.first_when) {
                0
            } else if any(&q.last_when) {
                2
            } else {
                1
            }
        };
        let mut others: Vec<&QuestionCard> = rest.iter().collect();
        others.sort_by_key(|q| group(q));
        ordered.extend(others);
        ordered
            .into_iter()
            .map(|question| Planned {
                question,
                skipped: (any(&question.skip_when) && !self.answers.contains_key(&question.id))
                    .then(|| question.skip_reason.as_deref().unwrap_or("not needed here")),
            })
            .collect()
    }

    /// The question being asked, or `None` when every question is answered.
    pub fn current<'q>(&self, questions: &'q [QuestionCard]) -> Option<&'q QuestionCard> {
        self.plan(questions)
            .get(self.position)
            .filter(|p| p.skipped.is_none())
            .map(|p| p.question)
    }

    pub fn is_done(&self, questions: &[QuestionCard]) -> bool {
        self.position >= self.plan(questions).len()
    }

    /// Which question of how many this is, counting only the questions that are asked.
    pub fn progress(&self, questions: &[QuestionCard]) -> (usize, usize) {
        let plan = self.plan(questions);
        let asked = |p: &&Planned<'_>| p.skipped.is_none();
        let before = plan.iter().take(self.position).filter(asked).count();
        (before + 1, plan.iter().filter(asked).count())
    }

    /// Moves past the current question to the next one that needs the engineer: questions
    /// skipped by the runbook's conditions and answers the evidence gave are passed over (they
    /// show as answered, with where the answer came from, and going back reaches them).
    fn advance(&mut self, questions: &[QuestionCard]) {
        self.position += 1;
        self.settle(questions);
    }

    /// Moves forward from the current position over questions that need nobody.
    pub fn settle(&mut self, questions: &[QuestionCard]) {
        let plan = self.plan(questions);
        while let Some(planned) = plan.get(self.position) {
            let by_evidence = self.sources.contains_key(&planned.question.id);
            if planned.skipped.is_none() && !by_evidence {
                break;
            }
            self.position += 1;
        }
    }

    /// Checks and records an answer to the current question, then moves to the next.
    pub fn answer(
        &mut self,
        questions: &[QuestionCard],
        answer: Answer,
    ) -> Result<(), AnswerError> {
        let Some(question) = self.current(questions) else {
            return Ok(());
        };
        let valid = match (&answer, question.kind) {
            (Answer::Code(code), AnswerKind::Code) => StatusCode::is_valid(*code),
            (Answer::Choice(id), AnswerKind::Code | AnswerKind::Choice) => {
                question.options.iter().any(|o| &o.id == id)
            }
            (Answer::Text(_), AnswerKind::Text) => true,
            (Answer::Code(_) | Answer::Text(_), _) | (Answer::Choice(_), AnswerKind::Text) => {
                return Err(AnswerError::WrongKind);
            }
        };
        if !valid {
            return Err(match question.kind {
                AnswerKind::Code => AnswerError::NotACode,
                _ => AnswerError::UnknownOption,
            });
        }
        // Confirmed or changed by the engineer: no longer the evidence's answer.
        self.sources.remove(&question.id);
        self.answers.insert(question.id.clone(), answer);
        self.advance(questions);
        Ok(())
    }

    /// Records an answer the evidence gives, unless the question is answered already (the
    /// engineer's answers always win). Returns whether it was taken.
    pub fn pre_answer(&mut self, question_id: &str, answer: Answer, source: &str) -> bool {
        if self.answers.contains_key(question_id) {
            return false;
        }
        self.answers.insert(question_id.to_owned(), answer);
        self.sources
            .insert(question_id.to_owned(), source.to_owned());
        true
    }

    /// Where the answer to a question came from, when the evidence gave it.
    pub fn source(&self, question_id: &str) -> Option<&str> {
        self.sources.get(question_id).map(String::as_str)
    }

    /// Interprets typed text as an answer to the current question: a number for the code
    /// question, an option id or its number (1-based) for a choice, the text itself otherwise.
    pub fn parse(&self, questions: &[QuestionCard], typed: &str) -> Result<Answer, AnswerError> {
        let typed = typed.trim();
        let Some(question) = self.current(questions) else {
            return Err(AnswerError::WrongKind);
        };
        if question.kind == AnswerKind::Text {
            return Ok(Answer::Text(typed.to_owned()));
        }
        if question.kind == AnswerKind::Code
            && let Ok(code) = typed.parse::<u16>()
        {
            return if StatusCode::is_valid(code) {
                Ok(Answer::Code(code))
            } else {
                Err(AnswerError::NotACode)
            };
        }
        question
            .options
            .iter()
            .find(|o| o.id.eq_ignore_ascii_case(typed))
            .map(|o| Answer::Choice(o.id.clone()))
            .ok_or(match question.kind {
                AnswerKind::Code => AnswerError::NotACode,
                _ => AnswerError::UnknownOption,
            })
    }

    /// Skips the current question without answering (an unknown is better than a guess).
    pub fn skip(&mut self, questions: &[QuestionCard]) {
        if !self.is_done(questions) {
            self.advance(questions);
        }
    }

    /// Goes back to the previous question that is asked; its answer stays until it is changed.
    /// Returns false at the first.
    pub fn back(&mut self, questions: &[QuestionCard]) -> bool {
        let plan = self.plan(questions);
        let earlier = (0..self.position.min(plan.len()))
            .rev()
            .find(|&i| plan[i].skipped.is_none());
        match earlier {
            Some(index) => {
                self.position = index;
                true
            }
            None => false,
        }
    }

    /// Back from the end to the last question that is asked, to change answers.
    pub fn reopen(&mut self, questions: &[QuestionCard]) {
        let plan = self.plan(questions);
        if let Some(last) = plan.iter().rposition(|p| p.skipped.is_none()) {
            self.position = last;
        }
    }

    /// The runbook's questions still open, in the runbook's order: nobody answered them and
    /// the runbook's `skip_when` does not make them moot. What the summary and the hand-off
    /// list as open questions.
    pub fn unanswered<'q>(&self, questions: &'q [QuestionCard]) -> Vec<&'q QuestionCard> {
        let plan = self.plan(questions);
        questions
            .iter()
            .filter(|q| !self.answers.contains_key(&q.id))
            .filter(|q| {
                !plan
                    .iter()
                    .any(|p| p.question.id == q.id && p.skipped.is_some())
            })
            .collect()
    }

    /// The status code answered, if any.
    pub fn code(&self, questions: &[QuestionCard]) -> Option<u16> {
        questions
            .iter()
            .filter(|q| q.kind == AnswerKind::Code)
            .find_map(|q| match self.answers.get(&q.id) {
                Some(Answer::Code(code)) => Some(*code),
                _ => None,
            })
    }

    /// The answers as `question:option` tags, the form causes use in `when`; a code also gives
    /// its class (`code:502` and `code:5xx`).
    pub fn tags(&self) -> Vec<String> {
        let mut tags = Vec::new();
        for (question, answer) in &self.answers {
            match answer {
                Answer::Code(code) => {
                    tags.push(format!("{question}:{code}"));
                    tags.push(format!("{question}:{}xx", code / 100));
                }
                Answer::Choice(id) => tags.push(format!("{question}:{id}")),
                Answer::Text(_) => {}
            }
        }
        tags
    }

    /// How an answer reads on screen and in reports.
    pub fn describe(questions: &[QuestionCard], question_id: &str, answer: &Answer) -> String {
        match answer {
            Answer::Code(code) => code.to_string(),
            Answer::Text(text) => text.clone(),
            Answer::Choice(id) => questions
                .iter()
                .find(|q| q.id == question_id)
                .and_then(|q| q.options.iter().find(|o| &o.id == id))
                .map_or_else(|| id.clone(), |o| o.label.clone()),
        }
    }
}
