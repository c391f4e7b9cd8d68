//! `tickets.md`: what each ticket file is, what the runbook has yet to say, and the one `curl`
//! command per service that would post it, run from the bundle folder. The commands read
//! credentials from environment variables (failing at once when one is unset) and send the
//! file with `--data @file`; every value from the runbook is quoted as one shell word.

use std::fmt::Write as _;

use super::{
    Facts, GITHUB_FILE, JIRA_FILE, OPSGENIE_FILE, PAGERDUTY_FILE, github, jira, opsgenie,
    pagerduty, placeholder,
};
use crate::triage::placeholders::shell_quote;

/// `PagerDuty`'s one endpoint for events, whatever the service.
pub const PAGERDUTY_URL: &str = "https://events.pagerduty.com/v2/enqueue";

/// The environment variables the commands read, and what each must hold.
pub const JIRA_USER: &str = "JIRA_USER";
pub const JIRA_API_TOKEN: &str = "JIRA_API_TOKEN";
pub const OPSGENIE_API_KEY: &str = "OPSGENIE_API_KEY";
pub const GITHUB_TOKEN: &str = "GITHUB_TOKEN";

pub fn render(facts: &Facts<'_>) -> String {
    let settings = facts.settings;
    let mut out = String::new();
    let _ = writeln!(out, "# Tickets: {}\n", facts.headline);
    out.push_str(
        "Nothing here has been sent. Each `ticket-*.json` file is the body of one request, \
         filled from this triage's summary as the bundle holds it; read it before you post it. \
         To post one, run its command from this folder (`cd` here first). Credentials are read \
         from environment variables and never written to a file.\n",
    );
    if !facts.redacted {
        out.push_str(
            "\n**Redaction was off for this bundle: the tickets hold secrets as they were \
             typed. Do not post them.**\n",
        );
    }
    let unset = unset_fields(facts);
    if !unset.is_empty() || facts.level.is_none() {
        out.push_str("\n## Still to set\n\n");
    }
    if !unset.is_empty() {
        out.push_str(
            "Where tickets go is said only by the team runbook's `[tickets]` table (see \
             runbooks/README.md). Until it says, the files and commands hold a `<...>` \
             placeholder: set the field, or edit the file and the command by hand.\n\n",
        );
        for (field, what) in &unset {
            let _ = writeln!(out, "- `{field}`: {what}");
        }
    }
    if facts.level.is_none() {
        let severity = facts.session.incident.severity.trim();
        let said = if severity.is_empty() {
            "No severity was given".to_owned()
        } else {
            format!(
                "The severity \"{severity}\" is none of SEV1-SEV5, critical, high, medium, low or info"
            )
        };
        let _ = writeln!(
            out,
            "- {said}: PagerDuty gets `{}` and Opsgenie `{}`; change them in the files if the \
             incident is worse or milder.",
            pagerduty::severity(None),
            opsgenie::priority(None)
        );
    }

    let from = facts.session.incident.severity.trim();
    let mapped = |value: &str| {
        if facts.level.is_some() {
            format!("`{value}`, from {from}")
        } else {
            format!("`{value}`")
        }
    };
    let _ = write!(
        out,
        "\n## PagerDuty: {PAGERDUTY_FILE}\n\nA trigger event for the Events API v2, severity {}. \
         Its `dedup_key` is this triage's session, so posting it again adds to the alert it \
         opened rather than paging anew. The routing key in the file is what routes it.\n\n",
        mapped(pagerduty::severity(facts.level))
    );
    command(
        &mut out,
        &[
            format!("curl -sS -X POST {}", shell_quote(PAGERDUTY_URL)),
            "-H 'Content-Type: application/json'".to_owned(),
            format!("--data @{PAGERDUTY_FILE}"),
        ],
    );

    let site = settings
        .jira_url
        .clone()
        .unwrap_or_else(|| placeholder("Jira site URL", "jira_url"));
    let project = settings.jira_project.as_deref().unwrap_or("(not set)");
    let _ = write!(
        out,
        "\n## Jira: {JIRA_FILE}\n\nA new issue of type \"{}\" in project {project}, through the \
         REST API v3 (the description is an Atlassian Document Format document). \
         `{JIRA_USER}` is your Atlassian account's email, `{JIRA_API_TOKEN}` an API token of \
         that account.\n\n",
        settings.jira_issue_type()
    );
    command(
        &mut out,
        &[
            format!(
                "curl -sS -X POST {}",
                shell_quote(&format!("{site}{}", jira::PATH))
            ),
            format!(
                "-u \"${{{JIRA_USER}:?set {JIRA_USER} to your Atlassian account email}}:\
                 ${{{JIRA_API_TOKEN}:?set {JIRA_API_TOKEN} to an Atlassian API token}}\""
            ),
            "-H 'Content-Type: application/json'".to_owned(),
            "-H 'Accept: application/json'".to_owned(),
            format!("--data @{JIRA_FILE}"),
        ],
    );

    let _ = write!(
        out,
        "\n## Opsgenie: {OPSGENIE_FILE}\n\nAn alert with priority {}. Its `alias` is this \
         triage's session, so posting it again adds to the open alert. `{OPSGENIE_API_KEY}` is \
         the key of an API integration (Opsgenie: Settings, Integrations, API).\n\n",
        mapped(&opsgenie::priority(facts.level))
    );
    command(
        &mut out,
        &[
            format!(
                "curl -sS -X POST {}",
                shell_quote(&format!(
                    "{}{}",
                    settings.opsgenie_api_url(),
                    opsgenie::PATH
                ))
            ),
            format!(
                "-H \"Authorization: GenieKey ${{{OPSGENIE_API_KEY}:?set {OPSGENIE_API_KEY} to \
                 the API integration key}}\""
            ),
            "-H 'Content-Type: application/json'".to_owned(),
            format!("--data @{OPSGENIE_FILE}"),
        ],
    );

    let repo = settings
        .github_repo
        .clone()
        .unwrap_or_else(|| placeholder("owner/name", "github_repo"));
    let _ = write!(
        out,
        "\n## GitHub: {GITHUB_FILE}\n\nAn issue with the Markdown summary as its body. \
         `{GITHUB_TOKEN}` is a token allowed to create issues in the repository (a fine-grained \
         token with Issues: write).\n\n"
    );
    command(
        &mut out,
        &[
            format!(
                "curl -sS -X POST {}",
                shell_quote(&format!("{}/repos/{repo}/issues", github::API))
            ),
            "-H 'Accept: application/vnd.github+json'".to_owned(),
            format!(
                "-H \"Authorization: Bearer ${{{GITHUB_TOKEN}:?set {GITHUB_TOKEN} to a token \
                 that can create issues}}\""
            ),
            "-H 'X-GitHub-Api-Version: 2022-11-28'".to_owned(),
            format!("--data @{GITHUB_FILE}"),
        ],
    );
    out
}

/// One command in a fenced block, an option a line.
fn command(out: &mut String, parts: &[String]) {
    let _ = writeln!(out, "```sh\n{}\n```", parts.join(" \\\n  "));
}

/// The `[tickets]` fields no runbook set, each with what it is for.
fn unset_fields(facts: &Facts<'_>) -> Vec<(&'static str, &'static str)> {
    let settings = facts.settings;
    let mut unset = Vec::new();
    if settings.pagerduty_routing_key.is_none() {
        unset.push((
            "pagerduty_routing_key",
            "the integration key of the PagerDuty service's Events API v2 integration \
             (ticket-pagerduty.json)",
        ));
    }
    if settings.jira_url.is_none() {
        unset.push((
            "jira_url",
            "the Jira site, such as https://example.atlassian.net (the Jira command)",
        ));
    }
    if settings.jira_project.is_none() {
        unset.push((
            "jira_project",
            "the Jira project's key, such as PAY (ticket-jira.json)",
        ));
    }
    if settings.github_repo.is_none() {
        unset.push((
            "github_repo",
            "the repository, as owner/name (the GitHub command)",
        ));
    }
    unset
}
