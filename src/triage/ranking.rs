//! Ordering the likely explanations and the comparisons worth making by the interview's
//! answers, with the reason for each, so the engineer sees why something is on top.

use crate::runbook::{Card, ComparisonCard, QuestionCard, TeamRunbook};

use super::interview::{Answer, Interview};

/// A cause with how strongly the answers point at it and which answers did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedCause {
    pub text: String,
    /// Number of answers that favour it.
    pub score: usize,
    /// The answers that favour it, as read on screen ("who returned it: gateway").
    pub reasons: Vec<String>,
}

/// The card's causes, those favoured by more answers first; ties keep the runbook's order,
/// which is "most likely first".
pub fn rank_causes(
    card: &Card,
    interview: &Interview,
    questions: &[QuestionCard],
) -> Vec<RankedCause> {
    let tags = interview.tags();
    let mut ranked: Vec<RankedCause> = card
        .causes
        .iter()
        .map(|cause| {
            let matched: Vec<&String> = cause.when.iter().filter(|w| tags.contains(w)).collect();
            RankedCause {
                text: cause.text.clone(),
                score: matched.len(),
                reasons: matched
                    .iter()
                    .map(|tag| describe_tag(tag, questions))
                    .collect(),
            }
        })
        .collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(c.score));
    ranked
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
