//! Loading and validating team runbooks, at two sizes to show the cost grows linearly with the
//! number of entries, and searching the merged matrix.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark whose set-up fails should stop loudly; it never ships"
)]

mod common;

use api_triage::matrix::Matrix;
use api_triage::runbook::load_texts;

fn main() {
    divan::main();
}

/// 100 and 200 files of 30 codes: 3,000 and 6,000 entries.
#[divan::bench(args = [100, 200], sample_count = 20)]
fn load_and_validate(bencher: divan::Bencher, files: usize) {
    let texts = common::team_runbooks(files, 30);
    bencher.with_inputs(|| texts.clone()).bench_values(|texts| {
        let report = load_texts(texts, None);
        assert_eq!(report.errors(), 0);
        report
    });
}

/// The embedded default alone: the start-up cost of every run.
#[divan::bench]
fn load_embedded_default() -> usize {
    load_texts(Vec::new(), None).runbooks.len()
}

/// A fuzzy search over the 6,000-entry matrix.
#[divan::bench(args = ["g", "e", "gatway", "502", "rate limit"], sample_count = 20)]
fn search_6000_entries(bencher: divan::Bencher, query: &str) {
    let matrix = Matrix::from_report(&load_texts(common::team_runbooks(200, 30), None));
    // Made once, as the app does after its first frame; each search only reads it.
    matrix.prepare_search();
    bencher.bench(|| matrix.search_ids(query).len());
}
