//! The JSON Schema of the runbook format, generated from the model types.

use crate::runbook::model::RunbookFile;

/// Where the committed schema lives, relative to the repository root.
pub const SCHEMA_PATH: &str = "assets/runbook.schema.json";

/// The schema as pretty JSON with a trailing newline, exactly as committed.
pub fn runbook_schema_json() -> String {
    let schema = schemars::schema_for!(RunbookFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
