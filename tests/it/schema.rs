//! The committed JSON Schema must match the Rust types; run with `UPDATE_SCHEMA=1` to refresh.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use api_triage::schema::{SCHEMA_PATH, runbook_schema_json};

#[test]
fn committed_schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_PATH);
    let generated = runbook_schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_PATH} is stale: run `UPDATE_SCHEMA=1 cargo test --test it schema` and commit it"
    );
}

#[test]
fn schema_describes_every_section() {
    let schema: serde_json::Value = serde_json::from_str(&runbook_schema_json()).unwrap();
    let properties = schema["properties"].as_object().unwrap();
    for key in [
        "runbook",
        "owners",
        "codes",
        "comparisons",
        "scenarios",
        "interview",
        "tickets",
    ] {
        assert!(properties.contains_key(key), "{key} missing");
    }
    assert_eq!(schema["additionalProperties"], false);
}
