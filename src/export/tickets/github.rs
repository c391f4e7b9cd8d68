//! The GitHub issue (`POST https://api.github.com/repos/{owner}/{name}/issues`): the headline
//! as the title and the Markdown summary as the body. Labels are the runbook's own, or one
//! `api-triage` label: a label per code or environment would add a label to the repository
//! for every new one.

use serde_json::{Value, json};

use super::{Facts, ORIGIN, fit};

/// Limits GitHub enforces (its 422 errors name them): title 256 characters, body 65,536,
/// a label's name 50.
pub const MAX_TITLE: usize = 256;
pub const MAX_BODY: usize = 65_536;
const MAX_LABEL: usize = 50;

/// The API's base URL.
pub const API: &str = "https://api.github.com";

pub fn issue(facts: &Facts<'_>) -> Value {
    let footer = format!(
        "\n---\nFrom an api-triage escalation bundle (session `{}`).\n",
        fit::clip(&fit::one_line(&facts.session.id), 200)
    );
    // The footer always fits whole: the summary gives way (a line break joins them).
    let room = MAX_BODY.saturating_sub(fit::len(&footer) + 1);
    let mut body = fit::clip(facts.markdown.trim_end(), room);
    body.push('\n');
    body.push_str(&footer);
    let labels: Vec<String> = if facts.settings.labels.is_empty() {
        vec![ORIGIN.to_owned()]
    } else {
        facts
            .settings
            .labels
            .iter()
            .map(|l| fit::tag(l, MAX_LABEL))
            .filter(|l| !l.is_empty())
            .collect()
    };
    json!({
        "title": fit::clip(&fit::one_line(&facts.headline), MAX_TITLE),
        "body": body,
        "labels": labels,
    })
}
