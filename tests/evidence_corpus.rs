//! The evidence reader against real responses captured from real servers
//! (`scripts/corpus/capture.sh`): every status read right, the generating layer at least 90%.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use api_triage::evidence::layer::classify;
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
        let verdict = classify(&response);
        let layer = serde_json::to_value(verdict.layer).unwrap();
        if layer != label.layer.as_str() {
            layer_wrong.push(format!(
                "{}: said {} ({:?}; {}), truth {} ({})",
                label.file,
                layer,
                verdict.product,
                verdict.reasons.join("; "),
                label.layer,
                label.product
            ));
        }
        if verdict.product.as_deref().is_some_and(|p| {
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
