//! The Jira Cloud issue, for REST API v3 (`POST {jira_url}/rest/api/3/issue`): project and
//! issue type from the runbook, the headline as the summary, and the plain-text summary as
//! the description in Atlassian Document Format. v3 rather than v2 because v2 reads a plain
//! description as wiki markup, where a pasted `{code}`, `[link|...]` or `*` would turn into
//! formatting; a document's text nodes are taken literally.

use serde_json::{Value, json};

use super::{Facts, fit, placeholder};

/// Documented limits: the summary 255 characters on one line; a text field (the
/// description) 32,767 characters, counted here on the document as JSON, the stricter reading.
pub const MAX_SUMMARY: usize = 255;
pub const MAX_DESCRIPTION: usize = 32_767;
/// Labels: no spaces; at most 50 characters to match GitHub's and Opsgenie's.
const MAX_LABEL: usize = 50;
const MAX_LABELS: usize = 20;

/// The REST API path, after the site's base URL.
pub const PATH: &str = "/rest/api/3/issue";

pub fn issue(facts: &Facts<'_>) -> Value {
    let settings = facts.settings;
    let project = settings
        .jira_project
        .clone()
        .unwrap_or_else(|| placeholder("Jira project key", "jira_project"));
    json!({
        "fields": {
            "project": { "key": project },
            "issuetype": { "name": settings.jira_issue_type() },
            "summary": fit::clip(&fit::one_line(&facts.headline), MAX_SUMMARY),
            "description": description(&facts.text),
            "labels": facts.labels(MAX_LABEL, MAX_LABELS),
        }
    })
}

/// `text` as a document that fits [`MAX_DESCRIPTION`]: cut shorter until its JSON does.
pub fn description(text: &str) -> Value {
    let mut budget = MAX_DESCRIPTION;
    loop {
        let clipped = fit::clip(text, budget);
        let cut = clipped != text;
        let doc = document(&clipped, cut);
        let size = fit::len(&doc.to_string());
        if size <= MAX_DESCRIPTION {
            return doc;
        }
        if budget == 0 {
            // Not even the note fits: cannot happen with a limit this size, but never loop.
            return json!({ "type": "doc", "version": 1, "content": [] });
        }
        budget = budget.saturating_sub(size - MAX_DESCRIPTION + 256);
    }
}

/// Lines indented four spaces (a note's text, as the summary shows it) become code blocks;
/// other lines paragraphs, a blank line ending one. A text node is never empty.
fn document(text: &str, cut: bool) -> Value {
    let mut blocks: Vec<Value> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut code: Vec<&str> = Vec::new();
    let flush_paragraph = |lines: &mut Vec<&str>, blocks: &mut Vec<Value>| {
        let mut inline: Vec<Value> = Vec::new();
        for line in lines.drain(..).filter(|l| !l.trim().is_empty()) {
            if !inline.is_empty() {
                inline.push(json!({ "type": "hardBreak" }));
            }
            inline.push(json!({ "type": "text", "text": line.trim_end() }));
        }
        if !inline.is_empty() {
            blocks.push(json!({ "type": "paragraph", "content": inline }));
        }
    };
    let flush_code = |lines: &mut Vec<&str>, blocks: &mut Vec<Value>| {
        let joined = std::mem::take(lines).join("\n");
        if !joined.trim().is_empty() {
            blocks.push(json!({
                "type": "codeBlock",
                "content": [{ "type": "text", "text": joined }],
            }));
        }
    };
    for line in text.lines() {
        if let Some(indented) = line.strip_prefix("    ") {
            flush_paragraph(&mut paragraph, &mut blocks);
            code.push(indented);
        } else if line.trim().is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_code(&mut code, &mut blocks);
        } else {
            flush_code(&mut code, &mut blocks);
            paragraph.push(line);
        }
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_code(&mut code, &mut blocks);
    if cut {
        blocks.push(json!({
            "type": "paragraph",
            "content": [{
                "type": "text",
                "text": "(Cut to fit Jira: the whole summary is summary.md in the escalation bundle.)",
            }],
        }));
    }
    json!({ "type": "doc", "version": 1, "content": blocks })
}
