//! The two notes chosen to compare, a known-good response and a failing one, kept in the
//! session; and their comparison, made once here for the screen and the summary alike.

use serde::{Deserialize, Serialize};

use super::model::{Note, NoteEvidence, Session};
use crate::evidence::compare::{Comparison, Side, compare};
use crate::runbook::TimeoutCard;

/// Which notes are marked, by index. An optional part of the file: read as none from
/// earlier files, and an earlier api-triage reading a newer file simply drops the marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub good: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing: Option<usize>,
}

impl Pair {
    pub fn is_empty(&self) -> bool {
        self.good.is_none() && self.failing.is_none()
    }
}

/// Which side a note is marked as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Good,
    Failing,
}

impl Mark {
    pub fn label(self) -> &'static str {
        match self {
            Mark::Good => "known-good",
            Mark::Failing => "failing",
        }
    }
}

impl Session {
    /// Marks note `index` as `mark`, or takes the mark off when it already is. A note is one
    /// side at most: marking it good unmarks it as failing. `None` when there is no such
    /// note; otherwise whether the note is now marked.
    pub fn toggle_mark(&mut self, index: usize, mark: Mark) -> Option<bool> {
        if index >= self.notes.len() {
            return None;
        }
        let pair = &mut self.good_vs_failing;
        let (this, other) = match mark {
            Mark::Good => (&mut pair.good, &mut pair.failing),
            Mark::Failing => (&mut pair.failing, &mut pair.good),
        };
        if *this == Some(index) {
            *this = None;
            return Some(false);
        }
        *this = Some(index);
        if *other == Some(index) {
            *other = None;
        }
        Some(true)
    }

    /// How note `index` is marked, if it is.
    pub fn mark_of(&self, index: usize) -> Option<Mark> {
        let pair = &self.good_vs_failing;
        if pair.good == Some(index) {
            Some(Mark::Good)
        } else if pair.failing == Some(index) {
            Some(Mark::Failing)
        } else {
            None
        }
    }

    /// The marked notes, good then failing, when both are marked and still there.
    pub fn marked_pair(&self) -> Option<(&Note, &Note)> {
        let pair = &self.good_vs_failing;
        let good = self.notes.get(pair.good?)?;
        let failing = self.notes.get(pair.failing?)?;
        Some((good, failing))
    }

    /// The known-good note against the failing one, when both are marked: the one comparison
    /// of them, which the screen and the summary both show. `timeouts` are the runbook's.
    pub fn good_vs_failing(&self, timeouts: &[TimeoutCard]) -> Option<Comparison> {
        let (good, failing) = self.marked_pair()?;
        Some(compare(&side(good), &side(failing), timeouts))
    }

    /// Keeps only the notes `keep` says, the marks following their notes (a mark on a note
    /// left out goes with it). The one way notes leave a session, so no index goes stale.
    pub fn retain_notes(&mut self, keep: impl Fn(&Note) -> bool) {
        let mut new_index = Vec::with_capacity(self.notes.len());
        let mut kept = 0;
        for note in &self.notes {
            if keep(note) {
                new_index.push(Some(kept));
                kept += 1;
            } else {
                new_index.push(None);
            }
        }
        self.notes.retain(|n| keep(n));
        let moved = |index: Option<usize>| index.and_then(|i| new_index.get(i).copied().flatten());
        self.good_vs_failing = Pair {
            good: moved(self.good_vs_failing.good),
            failing: moved(self.good_vs_failing.failing),
        };
        if let Some(draft) = &mut self.draft {
            draft.editing = moved(draft.editing);
        }
    }
}

/// A note as a side of the comparison: its reading (status, who returned it) and its timing
/// as read when it was written, its headers and body from its text.
fn side(note: &Note) -> Side {
    let reading = match &note.evidence {
        Some(NoteEvidence::Reading(reading)) => Some(reading),
        _ => None,
    };
    Side::of(
        &note.text,
        reading.map(|r| r.status),
        reading.and_then(|r| r.reason.as_deref()),
        reading.map(|r| &r.returned_by),
        note.timing.as_ref(),
    )
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    use super::*;
    use crate::session::NoteTarget;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    const GOOD: &str = include_str!("../../tests/fixtures/timing/nginx-200-runner.txt");
    const FAILING: &str = include_str!("../../tests/fixtures/timing/nginx-504-runner.txt");

    fn session() -> Session {
        let mut s = Session::new(at("2026-12-03T09:00:00Z"), "D", "d", &[], None);
        for (i, text) in ["a typed note", GOOD, FAILING].into_iter().enumerate() {
            s.add_evidence_note(
                NoteTarget::Incident,
                text,
                at(&format!("2026-12-03T09:0{}:00Z", i + 1)),
                &TimeZone::UTC,
                crate::evidence::token::Expected::default(),
            );
        }
        s
    }

    #[test]
    fn marks_toggle_and_a_note_is_one_side_at_most() {
        let mut s = session();
        assert_eq!(s.toggle_mark(1, Mark::Good), Some(true));
        assert_eq!(s.toggle_mark(1, Mark::Failing), Some(true));
        assert_eq!(
            s.good_vs_failing.good, None,
            "marking it failing unmarked it as good"
        );
        assert_eq!(s.toggle_mark(1, Mark::Failing), Some(false));
        assert!(s.good_vs_failing.is_empty());
        assert_eq!(s.toggle_mark(9, Mark::Good), None);
        assert!(s.good_vs_failing(&[]).is_none());
        s.toggle_mark(1, Mark::Good);
        s.toggle_mark(2, Mark::Failing);
        assert_eq!(
            (s.mark_of(1), s.mark_of(2)),
            (Some(Mark::Good), Some(Mark::Failing))
        );
        let comparison = s.good_vs_failing(&[]).unwrap();
        assert_eq!(
            comparison.differences[0].text(),
            "status: 200 OK → 504 Gateway Time-out"
        );
    }

    #[test]
    fn the_marks_are_saved_and_an_earlier_file_without_them_loads() {
        let mut s = session();
        let before = serde_json::to_value(&s).unwrap();
        assert!(
            before.get("good_vs_failing").is_none(),
            "nothing written until marked"
        );
        assert_eq!(serde_json::from_value::<Session>(before).unwrap(), s);
        s.toggle_mark(2, Mark::Failing);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["good_vs_failing"], serde_json::json!({"failing": 2}));
        assert_eq!(serde_json::from_value::<Session>(json).unwrap(), s);
    }

    #[test]
    fn leaving_notes_out_moves_the_marks_with_their_notes() {
        let mut s = session();
        s.toggle_mark(1, Mark::Good);
        s.toggle_mark(2, Mark::Failing);
        s.notes[0].struck = true;
        s.retain_notes(|n| !n.struck);
        assert_eq!(s.notes.len(), 2);
        assert_eq!(
            (s.good_vs_failing.good, s.good_vs_failing.failing),
            (Some(0), Some(1))
        );
        assert!(s.good_vs_failing(&[]).is_some());
        s.notes[0].struck = true;
        s.retain_notes(|n| !n.struck);
        assert_eq!(
            s.good_vs_failing,
            Pair {
                good: None,
                failing: Some(0)
            }
        );
    }
}
