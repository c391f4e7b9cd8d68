//! The runbook file format as serde types: what a team writes in TOML, field by field.
//!
//! Every field of a code entry is optional in a file, because team files layer over the
//! embedded default (see `runbooks/README.md`); completeness is checked after layering.
//! Fields that a semantic check may need to point at are `Spanned`, so errors carry a position.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use crate::code::StatusCode;

/// One runbook file as written. The embedded default and every team file share this shape.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunbookFile {
    /// Who the runbook belongs to and when it was last reviewed.
    pub runbook: RunbookMeta,
    /// Teams that own codes, by id; codes name them in `owner`.
    #[serde(default)]
    pub owners: BTreeMap<String, Owner>,
    /// The code matrix: keys are status codes ("502") or class fallbacks ("5xx").
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": "^([1-5][0-9][0-9]|[1-5][xX][xX])$" }))]
    pub codes: BTreeMap<String, CodeEntry>,
    /// Codes that are easily confused, each with the one question that tells them apart.
    #[serde(default)]
    pub comparisons: Vec<Comparison>,
    /// Situations engineers recognise ("works locally, 401 in production"), each with a first move.
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// The questions of the guided triage, in the order they are asked.
    #[serde(default)]
    pub interview: Vec<Question>,
    /// Extra secret patterns to redact before anything leaves the terminal.
    #[serde(default)]
    pub redact: Vec<RedactPattern>,
    /// Which team's runbook answers for a URL, so pasted evidence picks the right one.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// Default values for commands' placeholders (`namespace = "payments"`), used when the
    /// triage has no better value; a team's values override the default's.
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    /// Known default timeouts (a proxy's read timeout, a load balancer's idle timeout), so a
    /// request that took as long is flagged; the team's come first and redefine the default's.
    #[serde(default)]
    pub timeouts: Vec<super::timeouts::KnownTimeout>,
    /// How often, in minutes, stakeholders expect a status update, by incident severity as
    /// the team writes it (`SEV1 = 15`); `default` for any other. A team's values override
    /// the default's, severity by severity.
    #[serde(default)]
    #[schemars(extend("additionalProperties" = { "type": "integer", "minimum": 1, "maximum": 1440 }))]
    pub update_every_minutes: BTreeMap<String, u32>,
    /// Where the escalation's tickets go: `PagerDuty`, Jira, Opsgenie and GitHub. A team's
    /// fields override the default's one by one.
    #[serde(default)]
    pub tickets: Option<super::tickets::TicketsTable>,
}

/// Used when no runbook sets `run_timeout_seconds`.
pub const DEFAULT_RUN_TIMEOUT_SECONDS: u32 = 60;

/// A URL path pattern and the team whose runbook owns it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// A path such as `/v1/payments/*`; `*` matches anything, and a pattern without a host
    /// matches the path of any host.
    #[serde(rename = "match")]
    pub pattern: String,
    /// The team runbook: its `[runbook] name` or its file name without `.toml`.
    #[schemars(with = "String")]
    pub team: Spanned<String>,
}

/// A team's own secret format, redacted on top of the built-in rules.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedactPattern {
    /// Unique name, reported in redaction counts ("acme-api-key").
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// A regular expression (Rust `regex` syntax); every match is replaced.
    #[schemars(with = "String")]
    pub pattern: Spanned<String>,
}

/// The `[runbook]` table: identity and review schedule of a file.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunbookMeta {
    /// The team or API the runbook is for, shown in the matrix ("Payments API").
    pub name: String,
    /// Who keeps the runbook up to date.
    #[serde(default)]
    pub maintainers: Option<String>,
    /// When the content was last reviewed, as a TOML date (`reviewed = 2026-11-01`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub reviewed: Option<Spanned<toml::value::Datetime>>,
    /// `check` warns when `reviewed` is older than this many days.
    #[serde(default)]
    pub review_every_days: Option<u32>,
    /// The token audience (`aud`) this API expects, for the token check (`api://payments`).
    #[serde(default)]
    pub audience: Option<String>,
    /// The token issuer (`iss`) this API trusts, for the token check.
    #[serde(default)]
    pub issuer: Option<String>,
    /// How long a command run from the app may take before it is stopped, in seconds
    /// (60 when no file says); a place's or example's `timeout_seconds` overrides it.
    #[serde(default)]
    pub run_timeout_seconds: Option<u32>,
}

/// A team that owns codes and takes escalations.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// Display name ("Platform team").
    pub name: String,
    /// Where to reach them first ("#platform-oncall").
    pub contact: String,
    /// How to escalate when the contact does not answer (pager service, rota).
    #[serde(default)]
    pub escalation: Option<String>,
}

/// A layer of the request path that can generate a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// The calling client or its library, before anything reaches the network.
    Client,
    /// The API application itself.
    App,
    /// An API gateway, ingress or reverse proxy.
    Gateway,
    /// A load balancer.
    LoadBalancer,
    /// A CDN or cache in front of the origin.
    Cdn,
    /// A web application firewall or bot protection.
    Waf,
    /// The identity layer: auth proxy, token validation, identity provider.
    Identity,
    /// A downstream dependency or external provider.
    Provider,
}

impl Layer {
    pub fn label(self) -> &'static str {
        match self {
            Layer::Client => "client",
            Layer::App => "app",
            Layer::Gateway => "gateway",
            Layer::LoadBalancer => "load balancer",
            Layer::Cdn => "CDN",
            Layer::Waf => "WAF",
            Layer::Identity => "identity",
            Layer::Provider => "provider",
        }
    }
}

/// Evidence a team wants collected before an escalation.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// A request or correlation id from a response header or error body.
    RequestId,
    /// A distributed trace id (`traceparent`, vendor trace header).
    TraceId,
    /// When the failure happened, with time zone.
    Timestamp,
    /// The full request as sent (`curl -v` or equivalent).
    FullRequest,
    /// The full response: status line, headers and body.
    FullResponse,
    /// The error body the server returned.
    ResponseBody,
    /// The decoded claims of the token that was sent (never the token itself).
    TokenClaims,
    /// Log lines from the API for the same request.
    ServerLogs,
    /// Log lines from the gateway, proxy or load balancer.
    GatewayLogs,
    /// Steps that reproduce the failure.
    Reproduction,
    /// Who and what is affected: everyone, one tenant, one endpoint.
    AffectedScope,
    /// What changed recently: deploys, config, credentials.
    RecentChanges,
    /// The `Retry-After` and rate-limit headers of the response.
    RateLimitHeaders,
}

impl Need {
    pub fn label(self) -> &'static str {
        match self {
            Need::RequestId => "request id",
            Need::TraceId => "trace id",
            Need::Timestamp => "timestamp",
            Need::FullRequest => "full request",
            Need::FullResponse => "full response",
            Need::ResponseBody => "response body",
            Need::TokenClaims => "token claims",
            Need::ServerLogs => "server logs",
            Need::GatewayLogs => "gateway logs",
            Need::Reproduction => "reproduction steps",
            Need::AffectedScope => "affected scope",
            Need::RecentChanges => "recent changes",
            Need::RateLimitHeaders => "rate-limit headers",
        }
    }
}

/// One entry of the code matrix, for a status code or a class fallback.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeEntry {
    /// Reason phrase ("Bad Gateway").
    #[serde(default)]
    pub title: Option<String>,
    /// Id of the owner in `[owners]`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub owner: Option<Spanned<String>>,
    /// What the code usually means in this stack, in a sentence or two.
    #[serde(default)]
    pub meaning: Option<String>,
    /// Which layers usually generate it.
    #[serde(default)]
    pub generated_by: Option<Vec<Layer>>,
    /// Words that find this code in search ("gateway", "upstream").
    #[serde(default)]
    pub keywords: Option<Vec<String>>,
    /// The first three places to look: exactly three.
    #[serde(default)]
    #[schemars(with = "Option<Vec<LookFirst>>", length(min = 3, max = 3))]
    pub look_first: Option<Spanned<Vec<LookFirst>>>,
    /// Common causes, most likely first. A cause may say which interview answers favour it.
    #[serde(default)]
    pub causes: Option<Vec<Cause>>,
    /// Checks to work through, in order; they become the triage checklist.
    #[serde(default)]
    pub checks: Option<Vec<String>>,
    /// Codes this one is often confused with.
    #[serde(default)]
    #[schemars(with = "Option<Vec<StatusCode>>")]
    pub compare: Option<Vec<Spanned<StatusCode>>>,
    /// Evidence wanted before escalating.
    #[serde(default)]
    pub needs: Option<Vec<Need>>,
    /// Example requests: a known good one and a failing one where that makes sense.
    #[serde(default)]
    pub examples: Option<Vec<Example>>,
}

/// One of the first three places to look.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LookFirst {
    /// The place ("Ingress error log").
    pub what: String,
    /// How to look: a command, a query or a dashboard link, shown as copyable text.
    pub how: String,
    /// The command writes and the team accepts it as a first step (`check` warns otherwise).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_write: bool,
    /// Whether the app may offer to run the command (`r`): `false` for one that is destructive
    /// or needs a human; `true` to allow one that looks like it writes. Unset: offered unless
    /// it looks like it writes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<bool>,
    /// How long a run of it may take, in seconds, over the runbook's `run_timeout_seconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

impl LookFirst {
    /// Whether the app offers to run this place's command.
    pub fn runnable(&self) -> bool {
        runnable(self.run, &self.how)
    }
}

/// The one rule for offering a command to run: never when the runbook says `run = false`;
/// when it says nothing, only a command that does not look like it writes.
pub fn runnable(run: Option<bool>, command: &str) -> bool {
    run.unwrap_or_else(|| super::commands::writes(command).is_none())
}

/// A likely cause; `when` lists interview answers ("layer:gateway") that make it more likely.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Cause {
    /// The cause in a sentence.
    pub text: String,
    /// Interview answers, as `question:option`, that favour this cause.
    #[serde(skip_serializing)]
    pub when: Vec<Spanned<String>>,
}

impl JsonSchema for Cause {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cause".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A likely cause: a sentence, or a table whose `when` lists interview answers (`question:option`) that make it more likely.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "text": { "type": "string" },
                        "when": { "type": "array", "items": { "type": "string", "pattern": "^[^:]+:[^:]+$" } }
                    },
                    "required": ["text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Cause {
    /// A cause is either a plain string or a table `{ text = "...", when = [...] }`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            text: String,
            #[serde(default)]
            when: Vec<Spanned<String>>,
        }

        struct CauseVisitor;

        impl<'de> serde::de::Visitor<'de> for CauseVisitor {
            type Value = Cause;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, or a table with `text` and optional `when`")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Cause, E> {
                Ok(Cause {
                    text: text.to_owned(),
                    when: Vec::new(),
                })
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Cause, A::Error> {
                let full = Full::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Cause {
                    text: full.text,
                    when: full.when,
                })
            }
        }

        deserializer.deserialize_any(CauseVisitor)
    }
}

/// Whether an example request is expected to work or shows the failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExampleKind {
    Good,
    Failing,
}

/// An example request, to reproduce the failure or to prove the path works.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Short label ("known good", "expired token").
    pub name: String,
    /// `good` for a request that should work, `failing` for one that shows the problem.
    pub kind: ExampleKind,
    /// The request, usually as a curl command.
    pub request: String,
    /// The status code this request returns.
    pub expect: StatusCode,
    /// What to notice in the response.
    #[serde(default)]
    pub note: Option<String>,
    /// Whether the app may run it (`false`: copy only); unset, only a request that does not
    /// write (no POST/PUT/PATCH/DELETE, no body).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<bool>,
    /// How long a run of it may take, in seconds, over the runbook's `run_timeout_seconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

impl Example {
    /// Whether the app offers to run this request.
    pub fn runnable(&self) -> bool {
        runnable(self.run, &self.request)
    }
}

/// Codes that are often confused, and how to tell them apart.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// Unique id ("401-vs-403").
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Heading ("401 vs 403").
    pub title: String,
    /// The codes compared, two or more.
    #[schemars(with = "Vec<StatusCode>")]
    pub codes: Spanned<Vec<Spanned<StatusCode>>>,
    /// The one question whose answer tells them apart.
    pub question: String,
    /// Per code, when that code is the right reading.
    #[serde(default)]
    pub sides: Vec<Side>,
}

/// One side of a comparison.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// The code this side describes.
    #[schemars(with = "StatusCode")]
    pub code: Spanned<StatusCode>,
    /// When this code is the right reading.
    pub when: String,
}

/// A situation engineers recognise, pointing at codes and a first move.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique id ("works-locally-401-in-production").
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// How an engineer would describe it.
    pub title: String,
    /// The codes it usually involves.
    #[schemars(with = "Vec<StatusCode>")]
    pub codes: Vec<Spanned<StatusCode>>,
    /// The most likely explanation.
    pub likely: String,
    /// What to do first.
    pub first_move: String,
    /// Further things to compare, in order.
    #[serde(default)]
    pub checks: Vec<String>,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerKind {
    /// A status code, or one of the options for "no clean response".
    Code,
    /// One of the options.
    Choice,
    /// Free text.
    Text,
}

/// One question of the guided triage.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique id; answers are referred to as `id:option` in causes' `when`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The question as asked.
    pub prompt: String,
    /// A line of help under the question.
    #[serde(default)]
    pub help: Option<String>,
    /// How it is answered.
    pub kind: AnswerKind,
    /// The choices (for `choice`; for `code`, the answers that are not a status code).
    #[serde(default)]
    pub options: Vec<AnswerOption>,
    /// Ask it right after the code question when one of these holds. A condition is one or
    /// more answers as `question:option`, separated by spaces, that must all be given; a code
    /// is `code:502` or its class `code:5xx`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub first_when: Vec<Spanned<String>>,
    /// Ask it last when one of these holds (same form as `first_when`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub last_when: Vec<Spanned<String>>,
    /// Do not ask it when one of these holds (same form); the interview shows it as skipped
    /// with `skip_reason`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub skip_when: Vec<Spanned<String>>,
    /// Why it is not asked, shown in its place when `skip_when` holds.
    #[serde(default)]
    pub skip_reason: Option<String>,
}

/// One answer to a choice question.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    /// Unique within the question.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// As shown.
    pub label: String,
    /// How to tell that this is the answer.
    #[serde(default)]
    pub hint: Option<String>,
}
