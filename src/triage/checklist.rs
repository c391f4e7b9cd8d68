//! The checklist that follows the interview: the first three places to look, then the
//! runbook's checks, each with an outcome and a one-line finding. "Ruled out" is kept and
//! reported so the next responder does not repeat it.

use serde::{Deserialize, Serialize};

use crate::runbook::Card;

/// Where a step came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    LookFirst,
    Check,
}

/// What came of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    #[default]
    Pending,
    Done,
    RuledOut,
    Skipped,
    FoundIt,
}

impl Outcome {
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Pending => "to do",
            Outcome::Done => "done",
            Outcome::RuledOut => "ruled out",
            Outcome::Skipped => "skipped",
            Outcome::FoundIt => "found it",
        }
    }

    /// A short marker for lists: readable without colour.
    pub fn marker(self) -> &'static str {
        match self {
            Outcome::Pending => "[ ]",
            Outcome::Done => "[x]",
            Outcome::RuledOut => "[-]",
            Outcome::Skipped => "[>]",
            Outcome::FoundIt => "[!]",
        }
    }
}

/// One step of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub kind: StepKind,
    pub title: String,
    /// The command or place, for the first three places to look.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
    #[serde(default)]
    pub outcome: Outcome,
    /// One line on what was found.
    #[serde(default)]
    pub finding: String,
}

impl Step {
    /// What a found step says, worded once for the screen and every summary: the finding
    /// first, the step it came from after ("`connect() failed (111)` on orders-api:8080 (in:
    /// Ingress error log)"); the step alone when no finding was written.
    pub fn found_text(&self) -> String {
        if self.finding.trim().is_empty() {
            self.title.clone()
        } else {
            format!("{} (in: {})", self.finding.trim(), self.title)
        }
    }
}

/// The steps of a triage, in the order to work through them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    pub steps: Vec<Step>,
}

impl Checklist {
    /// The first three places to look, then the checks, from a code's card.
    pub fn from_card(card: &Card) -> Self {
        let look = card.look_first.iter().map(|l| Step {
            kind: StepKind::LookFirst,
            title: l.what.clone(),
            how: Some(l.how.clone()),
            outcome: Outcome::Pending,
            finding: String::new(),
        });
        let checks = card.checks.iter().map(|c| Step {
            kind: StepKind::Check,
            title: c.clone(),
            how: None,
            outcome: Outcome::Pending,
            finding: String::new(),
        });
        Self {
            steps: look.chain(checks).collect(),
        }
    }

    /// A checklist for a new card that keeps the outcome and finding of every step with the
    /// same title, so changing the code in the interview loses no work.
    #[must_use]
    pub fn rebuilt_from(&self, card: &Card) -> Self {
        let mut fresh = Self::from_card(card);
        for step in &mut fresh.steps {
            if let Some(old) = self.steps.iter().find(|s| s.title == step.title) {
                step.outcome = old.outcome;
                step.finding.clone_from(&old.finding);
            }
        }
        // Steps with work recorded that the new card lacks are kept at the end.
        for old in &self.steps {
            let worked = old.outcome != Outcome::Pending || !old.finding.is_empty();
            if worked && !fresh.steps.iter().any(|s| s.title == old.title) {
                fresh.steps.push(old.clone());
            }
        }
        fresh
    }

    pub fn set_outcome(&mut self, index: usize, outcome: Outcome) {
        if let Some(step) = self.steps.get_mut(index) {
            step.outcome = outcome;
        }
    }

    pub fn set_finding(&mut self, index: usize, finding: &str) {
        if let Some(step) = self.steps.get_mut(index) {
            // A finding is one line; a paste keeps its first line.
            finding
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .clone_into(&mut step.finding);
        }
    }

    /// How many steps have an outcome other than pending.
    pub fn settled(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.outcome != Outcome::Pending)
            .count()
    }

    pub fn ruled_out(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.outcome == Outcome::RuledOut)
    }

    pub fn found(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| s.outcome == Outcome::FoundIt)
    }
}
