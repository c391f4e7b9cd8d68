//! Reading pasted text: redacting a `curl -v` transcript before it is shared (500 lines with
//! 250 secrets, and 20,000 lines with 20,000 to show the cost stays linear), and reading every
//! captured response of the evidence corpus.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "a benchmark whose set-up fails should stop loudly; it never ships"
)]

use std::fmt::Write as _;
use std::path::Path;

use api_triage::evidence::analysis::analyze;
use api_triage::export::redact::Redactor;

fn main() {
    divan::main();
}

/// 50 exchanges of 10 lines: a token in the query, a bearer token, a cookie, a set-cookie and
/// a second cookie value each, beside ids and entity tags that must stay.
fn curl_transcript(exchanges: usize) -> String {
    let mut transcript = String::new();
    for i in 0..exchanges {
        let _ = write!(
            transcript,
            "*   Trying 10.0.3.{}:443...\n\
             > GET /v1/items/{i}?page=2&access_token=tok{i}abcdef HTTP/2\n\
             > Host: api.example.com\n\
             > Authorization: Bearer abc{i}def456\n\
             > Cookie: session=s{i}; theme=dark\n\
             > X-Request-Id: 7f3c9a2e-4b1d-4e8a-9c6f-2d5b8e1a0c{:02}\n\
             < HTTP/2 503\n\
             < set-cookie: sid=x{i}; Path=/; HttpOnly\n\
             < etag: \"33a64df551425fcc55e4d42a148795d9f25f89d4\"\n\
             < retry-after: 120\n",
            i % 250,
            i % 100
        );
    }
    transcript
}

#[divan::bench(args = [50, 2_000], sample_count = 20)]
fn redact_curl_transcript(bencher: divan::Bencher, exchanges: usize) {
    let redactor = Redactor::new();
    let text = curl_transcript(exchanges);
    bencher.bench(|| redactor.redact(divan::black_box(&text)).count);
}

/// Paid by each escalation preview (and each change of its format): the rules are compiled
/// by the first redactor of the process and shared by the ones after it.
#[divan::bench(sample_count = 20)]
fn build_the_redactor() -> usize {
    Redactor::new().rule_count()
}

#[divan::bench(sample_count = 20)]
fn read_the_evidence_corpus(bencher: divan::Bencher) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect();
    texts.sort();
    let now = jiff::Timestamp::UNIX_EPOCH;
    bencher
        .counter(divan::counter::ItemsCount::new(texts.len()))
        .bench(|| {
            texts
                .iter()
                .filter(|text| analyze(divan::black_box(text), now).status.is_some())
                .count()
        });
}
