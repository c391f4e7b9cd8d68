//! Ordering the likely explanations and the comparisons worth making by the interview's
//! answers, with the reason for each, so the engineer sees why something is on top.

use crate::runbook::{Card, ComparisonCard, QuestionCard, TeamRunbook};

use super::checklist::{Checklist, Outcome, Step};
use super::interview::{Answer, Interview};

/// A cause with how strongly the answers point at it, which answers did, and what the
/// checklist found about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedCause {
    pub text: String,
    /// Number of answers that favour it.
    pub score: usize,
    /// The answers that favour it, as read on screen ("who returned it: gateway").
    pub reasons: Vec<String>,
    /// The checklist step that tests this cause and was ruled out, if any: such a cause is
    /// never offered as the most likely.
    pub ruled_out_by: Option<String>,
    /// The checklist step that tests this cause and was marked found, if any.
    pub found_by: Option<String>,
}

impl RankedCause {
    /// Whether the checklist has not ruled it out.
    pub fn is_open(&self) -> bool {
        self.ruled_out_by.is_none()
    }
}

/// The card's causes in the order to suspect them: one a found step tests first, then those
/// favoured by more answers, and those whose step was ruled out last. Ties keep the runbook's
/// order, which is "most likely first". The one ranking the screen and every summary read.
pub fn rank_causes(
    card: &Card,
    interview: &Interview,
    questions: &[QuestionCard],
    checklist: &Checklist,
) -> Vec<RankedCause> {
    let tags = interview.tags();
    let settled: Vec<(&Step, Vec<String>)> = checklist
        .steps
        .iter()
        .filter(|s| matches!(s.outcome, Outcome::RuledOut | Outcome::FoundIt))
        .map(|s| (s, significant_words(&s.title)))
        .collect();
    let mut ranked: Vec<RankedCause> = card
        .causes
        .iter()
        .map(|cause| {
            let matched: Vec<&String> = cause.when.iter().filter(|w| tags.contains(w)).collect();
            let words = significant_words(&cause.text);
            let step_with = |outcome: Outcome| {
                settled
                    .iter()
                    .find(|(step, step_words)| {
                        step.outcome == outcome && step_tests_cause(step_words, &words)
                    })
                    .map(|(step, _)| step.title.clone())
            };
            RankedCause {
                text: cause.text.clone(),
                score: matched.len(),
                reasons: matched
                    .iter()
                    .map(|tag| describe_tag(tag, questions))
                    .collect(),
                ruled_out_by: step_with(Outcome::RuledOut),
                found_by: step_with(Outcome::FoundIt),
            }
        })
        .collect();
    ranked.sort_by_key(|c| {
        (
            c.found_by.is_none(),
            c.ruled_out_by.is_some(),
            std::cmp::Reverse(c.score),
        )
    });
    ranked
}

/// The most likely cause the checklist has not ruled out, if any is left.
pub fn most_likely(ranked: &[RankedCause]) -> Option<&RankedCause> {
    ranked.iter().find(|c| c.is_open())
}

/// A pending checklist step worth doing next, and the open cause it tests, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextStep {
    /// The step's index in the checklist.
    pub index: usize,
    /// The cause (not yet ruled out) the step tests, as the runbook words it.
    pub tests: Option<String>,
}

/// The pending steps in the order to do them: a step that tests a cause still open comes in
/// that cause's place in `ranked` (from [`rank_causes`]), so the most likely cause's check is
/// first; steps that test no open cause follow in the checklist's order. The one ordering of
/// the work left, for the hand-off and any screen that suggests what to do next.
pub fn next_steps(ranked: &[RankedCause], checklist: &Checklist) -> Vec<NextStep> {
    let open: Vec<(&RankedCause, Vec<String>)> = ranked
        .iter()
        .filter(|c| c.is_open())
        .map(|c| (c, significant_words(&c.text)))
        .collect();
    let mut order: Vec<(usize, NextStep)> = checklist
        .steps
        .iter()
        .enumerate()
        .filter(|(_, step)| step.outcome == Outcome::Pending)
        .map(|(index, step)| {
            let words = significant_words(&step.title);
            let tested = open
                .iter()
                .position(|(_, cause)| step_tests_cause(&words, cause));
            let rank = tested.unwrap_or(open.len());
            let tests = tested
                .and_then(|i| open.get(i))
                .map(|(c, _)| c.text.clone());
            (rank, NextStep { index, tests })
        })
        .collect();
    // Stable: steps of the same rank keep the checklist's order.
    order.sort_by_key(|(rank, _)| *rank);
    order.into_iter().map(|(_, step)| step).collect()
}

/// Words too common in runbook sentences to tie a step to a cause.
const COMMON: &[&str] = &[
    "about", "after", "again", "against", "also", "before", "being", "between", "both", "check",
    "checks", "could", "does", "doing", "during", "each", "every", "first", "from", "have", "into",
    "look", "more", "most", "much", "must", "only", "other", "over", "same", "should", "some",
    "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "under", "until", "upon", "very", "what", "when", "where", "which", "while", "will",
    "with", "within", "without", "your",
];

/// A sentence's telling words: lower case, four letters or more, common words and a plural
/// `s` dropped, so "Upstream pods: restarts" and "upstream pods ... restart" meet.
fn significant_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 4 && !stem.ends_with('s') => stem.to_owned(),
            _ => w,
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Whether `text` (a step's title, or what the step found) tests `cause`, by the one rule the
/// ranking links steps and causes with: for those that ask whether a finding is already a
/// listed cause (the runbook suggestions at export).
pub fn tests_cause(text: &str, cause: &str) -> bool {
    step_tests_cause(&significant_words(text), &significant_words(cause))
}

/// Whether a checklist step tests a cause: they share at least two telling words, and those
/// make up at least half of the shorter of the two. A step on the upstream pods' restarts tests
/// "upstream pods crash or restart"; a log step that merely mentions "upstream" does not.
fn step_tests_cause(step_words: &[String], cause_words: &[String]) -> bool {
    let shared = step_words
        .iter()
        .filter(|w| cause_words.binary_search(w).is_ok())
        .count();
    let shorter = step_words.len().min(cause_words.len());
    shared >= 2 && shared * 2 >= shorter
}

/// Reads a tag as the question's short name and the answer's label.
fn describe_tag(tag: &str, questions: &[QuestionCard]) -> String {
    let Some((question_id, option_id)) = tag.split_once(':') else {
        return tag.to_owned();
    };
    let answer = Answer::Choice(option_id.to_owned());
    let label = Interview::describe(questions, question_id, &answer);
    format!("{question_id}: {label}")
}

/// A comparison worth making, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestedComparison {
    pub comparison: ComparisonCard,
    pub reason: String,
}

/// The comparisons that include the code, plus those the answers point at: a caller who may
/// not be allowed makes 401 vs 403 worth asking, a request that may be malformed 400 vs 422.
pub fn comparisons_for(
    runbook: &TeamRunbook,
    code: u16,
    interview: &Interview,
) -> Vec<SuggestedComparison> {
    let tags = interview.tags();
    let mut out: Vec<SuggestedComparison> = Vec::new();
    for comparison in &runbook.comparisons {
        if comparison.codes.contains(&code) {
            let others: Vec<String> = comparison
                .codes
                .iter()
                .filter(|c| **c != code)
                .map(u16::to_string)
                .collect();
            out.push(SuggestedComparison {
                comparison: comparison.clone(),
                reason: format!("{code} is easily confused with {}", others.join(", ")),
            });
        }
    }
    let hinted: [(&str, &[u16], &str); 3] = [
        (
            "allowed:no",
            &[401, 403],
            "you said the caller may not be allowed",
        ),
        (
            "valid:no",
            &[400, 422],
            "you said the request may be malformed",
        ),
        ("changed:traffic", &[429, 503], "you said traffic changed"),
    ];
    for (tag, codes, reason) in hinted {
        if !tags.iter().any(|t| t == tag) {
            continue;
        }
        let best = runbook
            .comparisons
            .iter()
            .filter(|c| codes.iter().all(|code| c.codes.contains(code)))
            .min_by_key(|c| c.codes.len());
        if let Some(comparison) = best
            && !out.iter().any(|s| s.comparison.id == comparison.id)
        {
            out.push(SuggestedComparison {
                comparison: comparison.clone(),
                reason: (*reason).to_owned(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::StepKind;

    fn cause(text: &str, ruled_out: bool) -> RankedCause {
        RankedCause {
            text: text.to_owned(),
            score: 0,
            reasons: Vec::new(),
            ruled_out_by: ruled_out.then(|| "a step".to_owned()),
            found_by: None,
        }
    }

    fn step(title: &str, outcome: Outcome) -> Step {
        Step {
            kind: StepKind::Check,
            title: title.to_owned(),
            how: None,
            outcome,
            finding: String::new(),
        }
    }

    #[test]
    fn the_next_steps_follow_the_ranking_of_the_causes_they_test() {
        let ranked = [
            cause("Upstream pods crash or restart", false),
            cause("Ingress timeout shorter than the upstream's", true),
            cause("Connection pool exhausted on the upstream", false),
        ];
        let checklist = Checklist {
            steps: vec![
                step("Ingress error log", Outcome::Pending),
                step(
                    "Connection pool exhausted? look at pool metrics",
                    Outcome::Pending,
                ),
                step("Upstream pods: restarts and crash loops", Outcome::Pending),
                step("Ingress timeout vs upstream timeout", Outcome::Pending),
                step("Recent deploys", Outcome::RuledOut),
            ],
        };
        let next = next_steps(&ranked, &checklist);
        let order: Vec<usize> = next.iter().map(|s| s.index).collect();
        assert_eq!(order, [2, 1, 0, 3], "{next:?}");
        assert_eq!(
            next[0].tests.as_deref(),
            Some("Upstream pods crash or restart")
        );
        assert_eq!(next[2].tests, None);
        // A cause already ruled out does not pull its step forward.
        assert_eq!(next[3].tests, None);
    }
}
