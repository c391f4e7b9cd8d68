//! Known default timeouts (`[[timeouts]]`): how long a product waits before it gives up, as the
//! runbook writes it (`KnownTimeout`), checked (`check`), layered team over default (`merge`)
//! and as the evidence reader reads it (`TimeoutCard`), so a request that took 60.0 s can be
//! told "the same as nginx's default `proxy_read_timeout`". Data, not code: a team adds its own.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::parse::ParsedFile;
use super::validate::Reporter;

/// The longest timeout a runbook may list: a week. Anything longer is a typo (milliseconds
/// written as seconds), and would flag every slow request as "at a default".
const MAX_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// One `[[timeouts]]` entry as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KnownTimeout {
    /// The product or service that gives up ("nginx", "AWS Application Load Balancer").
    #[schemars(with = "String")]
    pub product: Spanned<String>,
    /// The setting, as the product's documentation names it (`proxy_read_timeout`).
    #[schemars(with = "String")]
    pub setting: Spanned<String>,
    /// Its default (or your configured value), in seconds: `60` or `29.5`.
    #[schemars(with = "f64", range(min = 0.001, max = 604_800.0))]
    pub seconds: Spanned<f64>,
    /// Where the value comes from: the documentation page, the shipped file, your own config.
    #[schemars(with = "String")]
    pub source: Spanned<String>,
}

/// A known timeout as the evidence reader uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeoutCard {
    pub product: String,
    pub setting: String,
    /// The value in milliseconds (whole: no product configures below that).
    pub millis: u64,
    pub source: String,
    /// From the team's own file (its configured value) rather than the default's table.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub team: bool,
}

impl TimeoutCard {
    /// "nginx's default `proxy_read_timeout` (60 s)", or for a team's own entry "nginx's
    /// `proxy_read_timeout` as your runbook sets it (120 s)": how a flag names it.
    pub fn describe(&self) -> String {
        let whole = self.millis / 1000;
        let value = match self.millis % 1000 {
            0 => format!("{whole} s"),
            part => format!("{whole}.{}", format!("{part:03}").trim_end_matches('0')) + " s",
        };
        if self.team {
            format!(
                "{}'s {} as your runbook sets it ({value})",
                self.product, self.setting
            )
        } else {
            format!("{}'s default {} ({value})", self.product, self.setting)
        }
    }

    fn key(&self) -> (String, String) {
        (self.product.to_lowercase(), self.setting.to_lowercase())
    }
}

fn card(entry: &KnownTimeout, team: bool) -> Option<TimeoutCard> {
    let seconds = *entry.seconds.get_ref();
    if !(seconds.is_finite() && seconds > 0.0 && seconds <= MAX_SECONDS) {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked above: positive and at most a week in milliseconds"
    )]
    let millis = (seconds * 1000.0).round() as u64;
    Some(TimeoutCard {
        product: entry.product.get_ref().trim().to_owned(),
        setting: entry.setting.get_ref().trim().to_owned(),
        millis: millis.max(1),
        source: entry.source.get_ref().trim().to_owned(),
        team,
    })
}

/// The layered table: the team's entries first (in its order, the most specific to its
/// stack), then the default's that the team did not redefine. An entry is redefined by one of
/// the same product and setting, either case.
pub fn merge(files: &[&ParsedFile]) -> Vec<TimeoutCard> {
    let mut out: Vec<TimeoutCard> = Vec::new();
    // The files come team first; the last is the default.
    for (i, file) in files.iter().enumerate() {
        let team = i + 1 < files.len();
        for entry in file.timeouts.iter().filter_map(|t| card(t, team)) {
            if !out.iter().any(|known| known.key() == entry.key()) {
                out.push(entry);
            }
        }
    }
    out
}

/// The rules a `[[timeouts]]` entry keeps: a positive number of seconds up to a week, words in
/// every text field, and each product's setting listed once per file.
pub(super) fn check(file: &ParsedFile, report: &mut Reporter<'_>) {
    let mut seen: Vec<(String, String)> = Vec::new();
    for entry in &file.timeouts {
        let seconds = *entry.seconds.get_ref();
        if !(seconds.is_finite() && seconds > 0.0) {
            report.error(
                entry.seconds.span(),
                format!(
                    "timeout `{} {}`: `seconds` must be more than 0",
                    entry.product.get_ref(),
                    entry.setting.get_ref()
                ),
            );
        } else if seconds > MAX_SECONDS {
            report.error(
                entry.seconds.span(),
                format!(
                    "timeout `{} {}`: {seconds} seconds is more than a week; was it written in \
                     milliseconds?",
                    entry.product.get_ref(),
                    entry.setting.get_ref()
                ),
            );
        }
        for (field, value) in [
            ("product", &entry.product),
            ("setting", &entry.setting),
            ("source", &entry.source),
        ] {
            if value.get_ref().trim().is_empty() {
                report.error(
                    value.span(),
                    format!("timeout: `{field}` must not be empty"),
                );
            }
        }
        let key = (
            entry.product.get_ref().trim().to_lowercase(),
            entry.setting.get_ref().trim().to_lowercase(),
        );
        if seen.contains(&key) {
            report.error(
                entry.setting.span(),
                format!(
                    "timeout `{} {}` is listed twice",
                    entry.product.get_ref(),
                    entry.setting.get_ref()
                ),
            );
        } else {
            seen.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runbook::Loaded;

    fn parsed(text: &str) -> Loaded {
        Loaded::new("team.toml", text).0
    }

    const TEAM: &str = "[runbook]\nname = \"Team\"\n\n\
        [[timeouts]]\nproduct = \"NGINX\"\nsetting = \"proxy_read_timeout\"\nseconds = 120\n\
        source = \"our ingress ConfigMap\"\n\n\
        [[timeouts]]\nproduct = \"payments-api\"\nsetting = \"db statement_timeout\"\nseconds = 2.5\n\
        source = \"config/database.yml\"\n";

    #[test]
    fn the_team_comes_first_and_redefines_the_default_by_product_and_setting() {
        let default = parsed(
            "[runbook]\nname = \"D\"\n[[timeouts]]\nproduct = \"nginx\"\n\
             setting = \"proxy_read_timeout\"\nseconds = 60\nsource = \"nginx docs\"\n\
             [[timeouts]]\nproduct = \"Heroku router\"\nsetting = \"request timeout\"\n\
             seconds = 30\nsource = \"Heroku docs\"\n",
        );
        let team = parsed(TEAM);
        let merged = merge(&[&team.parsed, &default.parsed]);
        let names: Vec<(&str, u64)> = merged
            .iter()
            .map(|t| (t.product.as_str(), t.millis))
            .collect();
        assert_eq!(
            names,
            [
                ("NGINX", 120_000),
                ("payments-api", 2_500),
                ("Heroku router", 30_000)
            ]
        );
        assert_eq!(
            merged[1].describe(),
            "payments-api's db statement_timeout as your runbook sets it (2.5 s)"
        );
        assert_eq!(
            merged[2].describe(),
            "Heroku router's default request timeout (30 s)"
        );
    }

    #[test]
    fn bad_entries_are_reported_where_they_are() {
        let file = parsed(
            "[runbook]\nname = \"T\"\n\
             [[timeouts]]\nproduct = \"nginx\"\nsetting = \"proxy_read_timeout\"\nseconds = 0\nsource = \"x\"\n\
             [[timeouts]]\nproduct = \"nginx\"\nsetting = \"proxy_read_timeout\"\nseconds = 900000\nsource = \" \"\n",
        );
        let mut report = Reporter::new(&file);
        check(&file.parsed, &mut report);
        let findings: Vec<String> = report
            .into_findings()
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.col, d.message))
            .collect();
        assert_eq!(
            findings,
            [
                "6:11: timeout `nginx proxy_read_timeout`: `seconds` must be more than 0",
                "11:11: timeout `nginx proxy_read_timeout`: 900000 seconds is more than a week; \
                 was it written in milliseconds?",
                "12:10: timeout: `source` must not be empty",
                "10:11: timeout `nginx proxy_read_timeout` is listed twice",
            ]
        );
        // An entry that breaks the rules is left out of the table rather than flag nonsense.
        assert!(merge(&[&file.parsed]).is_empty());
    }

    #[test]
    fn unknown_keys_and_wrong_types_are_errors_with_positions() {
        let (_, findings) = Loaded::new(
            "team.toml",
            "[runbook]\nname = \"T\"\n[[timeouts]]\nproduct = \"nginx\"\nsetting = \"x\"\n\
             seconds = \"60\"\nsource = \"y\"\n[[timeouts]]\nproduct = \"a\"\nsetting = \"b\"\n\
             seconds = 1\nsource = \"c\"\nsecs = 2\n",
        );
        let lines: Vec<String> = findings
            .iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("6: invalid type"), "{lines:?}");
        assert!(
            lines[1].starts_with("13: unknown field `secs`"),
            "{lines:?}"
        );
    }
}
