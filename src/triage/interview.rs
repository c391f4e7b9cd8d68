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
    /// Index of the question being asked; equal to the number of questions when done.
    pub position: usize,
    /// Answers by question id; kept when going back so they can be changed, not retyped.
    pub answers: BTreeMap<String, Answer>,
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

    /// The question being asked, or `None` when every question is answered.
    pub fn current<'q>(&self, questions: &'q [QuestionCard]) -> Option<&'q QuestionCard> {
        questions.get(self.position)
    }

    pub fn is_done(&self, questions: &[QuestionCard]) -> bool {
        self.position >= questions.len()
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
        self.answers.insert(question.id.clone(), answer);
        self.position += 1;
        Ok(())
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
        if self.position < questions.len() {
            self.position += 1;
        }
    }

    /// Goes back one question; its answer stays until it is changed.
    pub fn back(&mut self) -> bool {
        if self.position == 0 {
            return false;
        }
        self.position -= 1;
        true
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
