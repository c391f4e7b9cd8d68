//! The adversarial redaction corpus (`tests/fixtures/redaction-corpus/`): realistic pastes with
//! labelled secrets and labelled values that must stay readable, read the way the app reads
//! them (normalised once, then redacted). The rules were written against `dev/`; `holdout/`
//! was kept aside and measures how well they carry over to pastes nobody tuned for.
//!
//! `cargo test --test it redaction_corpus -- --nocapture` prints leaked/total and
//! over-redacted/total per kind for each part.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use api_triage::export::redact::Redactor;
use api_triage::text::normalize;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    kind: String,
    text: String,
    #[serde(default)]
    secrets: Vec<Labelled>,
    #[serde(default)]
    keep: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    kind: String,
    value: String,
}

#[derive(Default)]
struct Tally {
    /// Per kind: (missed, total).
    leaked: BTreeMap<String, (usize, usize)>,
    over: BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
}

impl Tally {
    fn totals(map: &BTreeMap<String, (usize, usize)>) -> (usize, usize) {
        map.values().fold((0, 0), |(m, t), (a, b)| (m + a, t + b))
    }

    fn report(&self, part: &str) -> String {
        let mut out = String::new();
        let (leaks, secrets) = Self::totals(&self.leaked);
        let (overs, keeps) = Self::totals(&self.over);
        let _ = writeln!(
            out,
            "{part}: leaked {leaks}/{secrets}, over-redacted {overs}/{keeps}"
        );
        for (kind, (missed, total)) in &self.leaked {
            let _ = writeln!(out, "  secret {kind:<20} leaked {missed}/{total}");
        }
        for (kind, (missed, total)) in &self.over {
            let _ = writeln!(out, "  keep   {kind:<20} lost   {missed}/{total}");
        }
        out
    }
}

fn measure(part: &str) -> Tally {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/redaction-corpus")
        .join(part);
    let redactor = Redactor::new();
    let mut tally = Tally::default();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for path in files {
        let case: Case = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let clean = normalize(&case.text);
        let out = redactor.redact(&clean).text;
        if std::env::var("REDACTION_CORPUS_SHOW").is_ok_and(|want| name.starts_with(&want)) {
            eprintln!("---- {name}\n{out}\n----");
        }
        for secret in &case.secrets {
            let entry = tally.leaked.entry(secret.kind.clone()).or_default();
            entry.1 += 1;
            if out.contains(&secret.value) {
                entry.0 += 1;
                tally.misses.push(format!(
                    "LEAK {name} [{}/{}] {}",
                    case.kind, secret.kind, secret.value
                ));
            }
        }
        for keep in &case.keep {
            let entry = tally.over.entry(keep.kind.clone()).or_default();
            entry.1 += 1;
            if !out.contains(&keep.value) {
                entry.0 += 1;
                tally.misses.push(format!(
                    "LOST {name} [{}/{}] {}",
                    case.kind, keep.kind, keep.value
                ));
            }
        }
    }
    tally
}

/// Misses the rules are not meant to catch, each with the reason; anything else fails.
const ACCEPTED: &[(&str, &str)] = &[
    (
        "111-note-timeline-cr-only.json",
        "a bare password in a typed note, with no name or shape around it",
    ),
    (
        "075-cookie-jar-netscape.json",
        "every cookie value of a cookie jar is hidden, harmless ones (locale) too",
    ),
];

fn check(part: &str, max_leak_share: f64, max_over_share: f64) {
    let mut tally = measure(part);
    tally
        .misses
        .retain(|miss| !ACCEPTED.iter().any(|(file, _)| miss.contains(file)));
    let report = tally.report(part);
    eprintln!("{report}");
    if std::env::var_os("REDACTION_CORPUS_MISSES").is_some() {
        for miss in &tally.misses {
            eprintln!("{miss}");
        }
    }
    let (leaks, secrets) = Tally::totals(&tally.leaked);
    let (overs, keeps) = Tally::totals(&tally.over);
    assert!(
        secrets >= 30 && keeps >= 15,
        "{part}: corpus too small\n{report}"
    );
    #[allow(clippy::cast_precision_loss, reason = "small counts")]
    let (leak_share, over_share) = (leaks as f64 / secrets as f64, overs as f64 / keeps as f64);
    assert!(
        leak_share <= max_leak_share && over_share <= max_over_share,
        "{part}: leaked {leaks}/{secrets}, over-redacted {overs}/{keeps}\n{report}\n{}",
        tally.misses.join("\n")
    );
}

/// The part the rules were written against: nothing leaks but the accepted misses, at most 3%
/// over-redacted.
#[test]
fn dev_part_leaks_nothing_with_a_name_or_shape() {
    check("dev", 0.01, 0.03);
    let tally = measure("dev");
    let unexpected: Vec<&String> = tally
        .misses
        .iter()
        .filter(|miss| !ACCEPTED.iter().any(|(file, _)| miss.contains(file)))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
}

/// The part kept aside: a regression guard with the same goal.
#[test]
fn holdout_part_stays_within_the_goal() {
    check("holdout", 0.02, 0.03);
}
