//! The evidence reader against real responses captured from real servers
//! (`scripts/corpus/capture.sh`): every status read right, the generating layer at least 90%.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use api_triage::evidence::origin::{Layer, classify};
use api_triage::evidence::response::parse;

#[derive(serde::Deserialize)]
struct Labels {
    response: Vec<Label>,
}

#[derive(serde::Deserialize)]
struct Label {
    file: String,
    status: u16,
    layer: String,
    product: String,
}

/// The layer a label names. The corpus is labelled in the words of its capture script
/// (`scripts/corpus/capture.sh`), which only a new capture rewrites; its labels are mapped to
/// the runbook's layers here rather than edited by hand.
fn labelled_layer(label: &str) -> Option<Layer> {
    match label {
        "proxy" => Some(Layer::Gateway),
        "cdn-cache" => Some(Layer::Cdn),
        "unknown" => None,
        other => Some(serde_json::from_value(serde_json::json!(other)).unwrap()),
    }
}

#[test]
fn status_is_always_right_and_the_layer_at_least_nine_times_in_ten() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
    let labels: Labels =
        toml::from_str(&std::fs::read_to_string(dir.join("labels.toml")).unwrap()).unwrap();
    assert!(labels.response.len() >= 40);
    let mut status_wrong = Vec::new();
    let mut layer_wrong = Vec::new();
    let mut product_right = 0;
    for label in &labels.response {
        let text = std::fs::read_to_string(dir.join(&label.file)).unwrap();
        let response = parse(&text);
        let expected_status = (label.status != 0).then_some(label.status);
        if response.status != expected_status {
            status_wrong.push(format!(
                "{}: read {:?}, truth {:?}",
                label.file, response.status, expected_status
            ));
        }
        if expected_status.is_none() {
            continue;
        }
        let origin = classify(&response);
        if origin.layer != labelled_layer(&label.layer) {
            layer_wrong.push(format!(
                "{}: said {:?} ({:?}; {}), truth {} ({})",
                label.file,
                origin.layer,
                origin.product,
                origin.reasons.join("; "),
                label.layer,
                label.product
            ));
        }
        if origin.product.as_deref().is_some_and(|p| {
            p.to_lowercase().contains(&label.product.to_lowercase())
                || label.product.to_lowercase().contains(&p.to_lowercase())
        }) {
            product_right += 1;
        }
    }
    let answered = labels.response.iter().filter(|l| l.status != 0).count();
    let right = u32::try_from(answered - layer_wrong.len()).unwrap();
    let layer_accuracy = 100.0 * f64::from(right) / f64::from(u32::try_from(answered).unwrap());
    println!(
        "corpus: {} responses; status {}/{} right; layer {:.1}% ({} wrong); product named right for {product_right}",
        labels.response.len(),
        labels.response.len() - status_wrong.len(),
        labels.response.len(),
        layer_accuracy,
        layer_wrong.len()
    );
    for miss in &layer_wrong {
        println!("  layer miss: {miss}");
    }
    assert!(
        status_wrong.is_empty(),
        "status misread:\n{}",
        status_wrong.join("\n")
    );
    assert!(
        layer_accuracy >= 90.0,
        "layer accuracy {layer_accuracy:.1}%:\n{}",
        layer_wrong.join("\n")
    );
}

/// Reading never panics, whatever is pasted: fragments of real transcripts cut and shuffled,
/// control bytes, invalid statuses, half JSON, non-ASCII.
#[test]
fn no_input_makes_the_reader_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
    let mut pieces: Vec<String> = vec![
        "< HTTP/1.1 999 Nope".into(),
        "< HTTP/2".into(),
        "HTTP/1.1 5".into(),
        "> GET".into(),
        "< :".into(),
        "{\"status\": \"abc\"".into(),
        "{\"log\":{\"entries\":[{}]}}".into(),
        "<title>9999999999999999999".into(),
        "Authorization: Bearer eyJ.eyJ.".into(),
        "eyJhbGciOiJub25lIn0.eyJleHAiOiJ4In0.".into(),
        "\u{1b}[2J\u{0}\u{7f}".into(),
        "日本語 é ✓".into(),
        "< Date: not a date".into(),
        String::new(),
    ];
    for entry in std::fs::read_dir(&dir).unwrap().take(12) {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        pieces.extend(text.lines().map(str::to_owned));
    }
    // A small deterministic generator: thousands of cut-and-joined inputs.
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        usize::try_from(seed >> 33).unwrap() % n
    };
    let now: jiff::Timestamp = "2026-11-23T09:00:00Z".parse().unwrap();
    for _ in 0..3000 {
        let lines = next(12);
        let mut text = String::new();
        for _ in 0..lines {
            let piece = &pieces[next(pieces.len())];
            let cut = piece
                .char_indices()
                .map(|(i, _)| i)
                .nth(next(piece.len().max(1) + 1))
                .unwrap_or(piece.len());
            text.push_str(&piece[..cut]);
            text.push(if next(3) == 0 { '\r' } else { '\n' });
        }
        let analysis = api_triage::evidence::analysis::analyze(&text, now);
        let _ = analysis.render();
        if let Some(status) = analysis.status {
            assert!((100..=599).contains(&status));
        }
    }
}
