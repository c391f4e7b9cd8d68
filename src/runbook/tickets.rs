//! Where the escalation's tickets go (`[tickets]`): the `PagerDuty` routing key, the Jira site
//! and project, the Opsgenie API and the GitHub repository, as the runbook writes them
//! (`TicketsTable`), checked (`check`), layered team over default field by field (`merge`) and
//! as the ticket payloads read them (`TicketSettings`). Only a runbook says where a ticket
//! goes: nothing in a session can, so a pasted note can never route an escalation.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::parse::ParsedFile;
use super::validate::Reporter;

/// Used when no runbook sets `jira_issue_type`: every Jira project template has it, so the
/// post succeeds before anyone has looked up the project's own types.
pub const DEFAULT_JIRA_ISSUE_TYPE: &str = "Task";

/// Used when no runbook sets `opsgenie_api_url`: the US instance (the EU one is
/// `https://api.eu.opsgenie.com`).
pub const DEFAULT_OPSGENIE_API_URL: &str = "https://api.opsgenie.com";

/// The longest a label may be: GitHub refuses longer label names, and Opsgenie longer tags.
pub const MAX_LABEL_CHARS: usize = 50;

/// How many labels a runbook may add: Opsgenie takes 20 tags, and the tickets add their own.
pub const MAX_LABELS: usize = 10;

/// The `[tickets]` table as written. Every field is optional: a ticket whose destination is not
/// set holds a placeholder naming the field, and `tickets.md` says what to set.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketsTable {
    /// The 32-character integration key of the `PagerDuty` service's Events API v2 integration.
    /// Anyone who has it can page that service: keep the runbook where only the team reads it.
    #[serde(default)]
    #[schemars(with = "Option<String>", length(min = 32, max = 32))]
    pub pagerduty_routing_key: Option<Spanned<String>>,
    /// The Jira site's base URL (`https://example.atlassian.net`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub jira_url: Option<Spanned<String>>,
    /// The key of the Jira project the issue is created in (`PAY`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub jira_project: Option<Spanned<String>>,
    /// The issue type's name in that project ("Bug", "Incident"); "Task" when no file says.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub jira_issue_type: Option<Spanned<String>>,
    /// The Opsgenie API's base URL: `https://api.opsgenie.com` when no file says, or
    /// `https://api.eu.opsgenie.com` for the EU instance.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub opsgenie_api_url: Option<Spanned<String>>,
    /// The GitHub repository the issue is opened in, as `owner/name`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub github_repo: Option<Spanned<String>>,
    /// Labels added to the Jira issue, the GitHub issue and the Opsgenie alert's tags: at most
    /// 10, each at most 50 characters with no spaces.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>", length(max = 10))]
    pub labels: Option<Spanned<Vec<Spanned<String>>>>,
}

/// Where the tickets go, the team's fields over the default's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagerduty_routing_key: Option<String>,
    /// Without a trailing `/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jira_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jira_project: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jira_issue_type: Option<String>,
    /// Without a trailing `/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opsgenie_api_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub github_repo: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
}

impl TicketSettings {
    /// Whether no runbook set anything (the embedded default's case).
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The issue type to create: the runbook's, else [`DEFAULT_JIRA_ISSUE_TYPE`].
    pub fn jira_issue_type(&self) -> &str {
        self.jira_issue_type
            .as_deref()
            .unwrap_or(DEFAULT_JIRA_ISSUE_TYPE)
    }

    /// The Opsgenie API to post to: the runbook's, else [`DEFAULT_OPSGENIE_API_URL`].
    pub fn opsgenie_api_url(&self) -> &str {
        self.opsgenie_api_url
            .as_deref()
            .unwrap_or(DEFAULT_OPSGENIE_API_URL)
    }
}

/// The settings of `files` (team first, the default last): each field from the first file that
/// sets it, so a team's value wins over the default's; `labels` is replaced whole.
pub fn merge(files: &[&ParsedFile]) -> TicketSettings {
    let tables: Vec<&TicketsTable> = files.iter().filter_map(|f| f.tickets.as_ref()).collect();
    let first = |field: fn(&TicketsTable) -> Option<&Spanned<String>>| {
        tables
            .iter()
            .find_map(|t| field(t))
            .map(|value| value.get_ref().trim().to_owned())
    };
    let url = |value: Option<String>| value.map(|u| u.trim_end_matches('/').to_owned());
    TicketSettings {
        pagerduty_routing_key: first(|t| t.pagerduty_routing_key.as_ref()),
        jira_url: url(first(|t| t.jira_url.as_ref())),
        jira_project: first(|t| t.jira_project.as_ref()),
        jira_issue_type: first(|t| t.jira_issue_type.as_ref()),
        opsgenie_api_url: url(first(|t| t.opsgenie_api_url.as_ref())),
        github_repo: first(|t| t.github_repo.as_ref()),
        labels: tables
            .iter()
            .find_map(|t| t.labels.as_ref())
            .map(|labels| {
                labels
                    .get_ref()
                    .iter()
                    .map(|l| l.get_ref().trim().to_owned())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// The rules a `[tickets]` table keeps, each reported at the value that breaks it.
pub(super) fn check(file: &ParsedFile, report: &mut Reporter<'_>) {
    let Some(table) = &file.tickets else {
        return;
    };
    let mut rule = |value: &Option<Spanned<String>>, problem: fn(&str) -> Option<String>| {
        if let Some(value) = value
            && let Some(message) = problem(value.get_ref().trim())
        {
            report.error(value.span(), message);
        }
    };
    rule(&table.pagerduty_routing_key, routing_key_problem);
    rule(&table.jira_url, |url| url_problem("jira_url", url));
    rule(&table.jira_project, project_problem);
    rule(&table.jira_issue_type, issue_type_problem);
    rule(&table.opsgenie_api_url, |url| {
        url_problem("opsgenie_api_url", url)
    });
    rule(&table.github_repo, repo_problem);
    if let Some(labels) = &table.labels {
        if labels.get_ref().len() > MAX_LABELS {
            report.error(
                labels.span(),
                format!(
                    "[tickets] `labels` lists {}; give at most {MAX_LABELS} (Opsgenie takes 20 \
                     tags and the tickets add their own)",
                    labels.get_ref().len()
                ),
            );
        }
        for label in labels.get_ref() {
            if let Some(message) = label_problem(label.get_ref()) {
                report.error(label.span(), message);
            }
        }
    }
}

fn routing_key_problem(key: &str) -> Option<String> {
    (key.chars().count() != 32 || !key.chars().all(|c| c.is_ascii_alphanumeric())).then(|| {
        "[tickets] `pagerduty_routing_key` must be the 32-character integration key of the \
         service's Events API v2 integration (letters and digits)"
            .to_owned()
    })
}

/// An `http(s)://host[:port][/path]` base URL, with no spaces, query or fragment.
fn url_problem(field: &str, url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let problem = match rest {
        None => "is not an http(s) URL",
        Some(rest) => {
            let host = rest.split('/').next().unwrap_or_default();
            if host.is_empty() || host.starts_with(':') {
                "has no host"
            } else if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
                "has a space or a control character in it"
            } else if url.contains(['?', '#', '@', '\'', '"', '\\', '`']) {
                "must be a base URL only, with no query, fragment, user or quotes"
            } else {
                return None;
            }
        }
    };
    Some(format!(
        "[tickets] `{field}` {problem}: write the base URL, such as `https://example.atlassian.net`"
    ))
}

/// A Jira project key: a letter, then letters, digits or `_` (Jira's own rule by default is
/// uppercase letters; a site can allow more, never a space).
fn project_problem(key: &str) -> Option<String> {
    let mut chars = key.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && key.len() <= 255;
    (!ok).then(|| {
        format!(
            "[tickets] `jira_project` `{key}` is not a Jira project key: a letter, then letters, \
             digits or `_` (`PAY`, not the project's name)"
        )
    })
}

fn issue_type_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        Some("[tickets] `jira_issue_type` is empty: name an issue type such as \"Bug\"".into())
    } else if name.chars().any(char::is_control) || name.chars().count() > 255 {
        Some("[tickets] `jira_issue_type` must be one short line, such as \"Bug\"".into())
    } else {
        None
    }
}

/// `owner/name` as GitHub allows them: an owner of letters, digits and single `-`, a name of
/// letters, digits, `-`, `_` and `.`.
fn repo_problem(repo: &str) -> Option<String> {
    let ok = repo.split_once('/').is_some_and(|(owner, name)| {
        (1..=39).contains(&owner.len())
            && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !owner.starts_with('-')
            && (1..=100).contains(&name.len())
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && name != "."
            && name != ".."
    });
    (!ok).then(|| {
        format!(
            "[tickets] `github_repo` `{repo}` is not a repository: write it as `owner/name`, \
             such as `acme/payments-api`"
        )
    })
}

fn label_problem(label: &str) -> Option<String> {
    if label.trim().is_empty() {
        Some("[tickets] a label is empty".to_owned())
    } else if label.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some(format!(
            "[tickets] label `{label}` has a space in it: Jira refuses it; use `-` or `_`"
        ))
    } else if label.chars().count() > MAX_LABEL_CHARS {
        Some(format!(
            "[tickets] label `{label}` is longer than {MAX_LABEL_CHARS} characters: GitHub \
             refuses it"
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runbook::Loaded;

    fn parsed(text: &str) -> Loaded {
        Loaded::new("team.toml", text).0
    }

    #[test]
    fn the_team_wins_field_by_field_and_urls_lose_their_trailing_slash() {
        let default = parsed(
            "[runbook]\nname = \"D\"\n[tickets]\njira_url = \"https://old.atlassian.net\"\n\
             jira_project = \"OPS\"\nlabels = [\"default\"]\n",
        );
        let team = parsed(
            "[runbook]\nname = \"T\"\n[tickets]\njira_url = \"https://acme.atlassian.net/\"\n\
             github_repo = \"acme/payments-api\"\nlabels = [\"payments\", \"api\"]\n",
        );
        let merged = merge(&[&team.parsed, &default.parsed]);
        assert_eq!(
            merged.jira_url.as_deref(),
            Some("https://acme.atlassian.net")
        );
        assert_eq!(merged.jira_project.as_deref(), Some("OPS"));
        assert_eq!(merged.github_repo.as_deref(), Some("acme/payments-api"));
        assert_eq!(merged.labels, ["payments", "api"]);
        assert_eq!(merged.jira_issue_type(), "Task");
        assert_eq!(merged.opsgenie_api_url(), "https://api.opsgenie.com");
        assert!(merge(&[&parsed("[runbook]\nname = \"D\"\n").parsed]).is_empty());
    }

    #[test]
    fn each_bad_value_is_named_with_what_to_write() {
        assert!(routing_key_problem("0123456789abcdef0123456789ABCDEF").is_none());
        assert!(routing_key_problem("short").is_some());
        assert!(routing_key_problem("0123456789abcdef0123456789ABCDE!").is_some());
        for good in [
            "https://acme.atlassian.net",
            "http://jira.internal:8080/jira",
            "https://api.eu.opsgenie.com",
        ] {
            assert_eq!(url_problem("jira_url", good), None, "{good}");
        }
        for bad in [
            "acme.atlassian.net",
            "ftp://acme",
            "https://",
            "https://a b",
            "https://acme.atlassian.net/?x=1",
            "https://user@acme",
            "https://a'b",
        ] {
            assert!(url_problem("jira_url", bad).is_some(), "{bad}");
        }
        assert!(project_problem("PAY").is_none() && project_problem("PAY_2").is_none());
        for bad in ["", "Payments API", "2PAY", "PAY-1"] {
            assert!(project_problem(bad).is_some(), "{bad}");
        }
        assert!(repo_problem("acme/payments-api").is_none());
        assert!(repo_problem("acme/payments.api_v2").is_none());
        for bad in [
            "acme",
            "acme/",
            "/x",
            "acme/pay/x",
            "ac me/x",
            "acme/..",
            "-acme/x",
        ] {
            assert!(repo_problem(bad).is_some(), "{bad}");
        }
        assert!(label_problem("payments").is_none());
        assert!(label_problem("two words").is_some());
        assert!(label_problem(&"x".repeat(51)).is_some());
        assert!(issue_type_problem("Bug").is_none() && issue_type_problem("").is_some());
    }
}
