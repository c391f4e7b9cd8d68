//! Round 5 of the evidence corpus (`tests/fixtures/evidence-round5/`): servers and setups no
//! earlier round had, captured and labelled while the rules were tuned on rounds 1 to 4, by
//! someone who read none of the rules. Its setups are split in two halves fixed before any
//! reading of it was looked at (the setup names sorted, even positions half A, odd half B),
//! so that rules tuned on half A can be measured on half B, setups they never saw. Half B was
//! measured once so (63 of 70); the whole round has been tuned on since.

use std::path::{Path, PathBuf};

use crate::evidence_corpus::{Half, Label, Report, checked_labels, measure_where};

fn round_five_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence-round5")
}

/// The half a setup of round 5 is in.
fn half_of(setups: &[String], setup: &str) -> Half {
    let position = setups
        .iter()
        .position(|s| s == setup)
        .unwrap_or_else(|| panic!("setup {setup:?} is not in round 5"));
    if position % 2 == 0 { Half::A } else { Half::B }
}

fn sorted_setups() -> Vec<String> {
    let labels = checked_labels(&round_five_dir());
    let mut setups: Vec<String> = labels
        .response
        .iter()
        .map(|l| l.setup.clone().expect("round 5 labels name a setup"))
        .collect();
    setups.sort_unstable();
    setups.dedup();
    setups
}

fn measure_half(half: Option<Half>) -> Report {
    let setups = sorted_setups();
    measure_where(&round_five_dir(), |label: &Label| {
        half.is_none_or(|h| half_of(&setups, label.setup.as_deref().unwrap_or("")) == h)
    })
}

/// The figures of round 5: half A's always (it is tuned on; its misses named with
/// `EVIDENCE_CORPUS_SHOW_R5A=1`); half B's and the whole round's only with
/// `EVIDENCE_CORPUS_MEASURE_R5B=1`, so that half B is not watched while half A is tuned on
/// (`EVIDENCE_CORPUS_SHOW_R5=1` names every miss). The layer figures are reported, never
/// asserted.
#[test]
fn round_five_figures() {
    let setups = sorted_setups();
    assert!(setups.len() >= 20, "round 5 has {} setups", setups.len());
    let all = measure_half(None);
    let a = measure_half(Some(Half::A));
    let b = measure_half(Some(Half::B));
    assert_eq!(all.responses, a.responses + b.responses);
    if std::env::var_os("EVIDENCE_CORPUS_SHOW_R5").is_some() {
        all.print("round 5");
    } else if std::env::var_os("EVIDENCE_CORPUS_MEASURE_R5B").is_some() {
        all.print_figures("round 5");
    }
    if std::env::var_os("EVIDENCE_CORPUS_SHOW_R5A").is_some() {
        a.print("round 5 half A");
    } else {
        a.print_figures("round 5 half A");
    }
    // Half B stays unseen, even as a figure, while half A is tuned on.
    if std::env::var_os("EVIDENCE_CORPUS_MEASURE_R5B").is_some() {
        b.print_figures("round 5 half B");
    }
    // Counts only, whatever the rules say: most statuses are read.
    assert!(all.status_right * 10 >= all.responses * 9);
}

#[test]
fn round_five_halves_alternate_through_the_sorted_setups() {
    let setups = sorted_setups();
    assert_eq!(half_of(&setups, &setups[0]), Half::A);
    assert_eq!(half_of(&setups, &setups[1]), Half::B);
    let a = setups
        .iter()
        .filter(|s| half_of(&setups, s) == Half::A)
        .count();
    assert!(a.abs_diff(setups.len() - a) <= 1);
}
