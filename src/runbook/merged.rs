//! The runbook as the rest of the program sees it: one team's files layered over the default,
//! every card complete, every reference checked. Plain data, ready to serialize.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{AnswerKind, Example, Layer, LookFirst, Need, Owner};
use crate::evidence::token::Expected;

/// An owner as shown on a card: the id it is referred to by, and how to reach it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct OwnerCard {
    pub id: String,
    pub name: String,
    pub contact: String,
    pub escalation: Option<String>,
}

impl OwnerCard {
    pub fn new(id: &str, owner: &Owner) -> Self {
        Self {
            id: id.to_owned(),
            name: owner.name.clone(),
            contact: owner.contact.clone(),
            escalation: owner.escalation.clone(),
        }
    }
}

/// A likely cause with the interview answers (`question:option`) that favour it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct CauseCard {
    pub text: String,
    pub when: Vec<String>,
}

/// Everything a runbook says about one status code (or one class, for fallbacks).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Card {
    /// "502", or "4xx" for a class fallback.
    pub code: String,
    pub title: String,
    pub owner: OwnerCard,
    pub meaning: String,
    pub generated_by: Vec<Layer>,
    pub keywords: Vec<String>,
    pub look_first: Vec<LookFirst>,
    pub causes: Vec<CauseCard>,
    pub checks: Vec<String>,
    pub compare: Vec<u16>,
    pub needs: Vec<Need>,
    pub examples: Vec<Example>,
    /// Where the card's own fields came from: the team file's path or "embedded default".
    pub source: String,
    /// Set when no entry exists for the code and the class advice is shown instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_class: Option<String>,
    /// Set when the team's entry for this code (or for its class, on a class card) did not
    /// load: the card then holds the default's advice, and says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broken: Option<BrokenEntry>,
}

/// A team's code entry that did not load (an unknown key, a wrong type, an unknown owner, a
/// field nothing supplies), recorded so every view of the code can say so rather than show
/// the default's advice as if it were the team's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct BrokenEntry {
    /// The entry's key: "502", or "5xx" for a class entry.
    pub code: String,
    /// The team file, as it was named when loaded.
    pub path: String,
    /// Where the entry starts (its `[codes.N]` header), 1-based.
    pub line: usize,
    pub col: usize,
    /// The first problem with it; `check` lists them all.
    pub message: String,
}

impl BrokenEntry {
    /// `path:line:col` of the entry.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path, self.line, self.col)
    }
}

/// One side of a comparison.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SideCard {
    pub code: u16,
    pub when: String,
}

/// Codes that are easily confused and the question that tells them apart.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ComparisonCard {
    pub id: String,
    pub title: String,
    pub codes: Vec<u16>,
    pub question: String,
    pub sides: Vec<SideCard>,
}

impl ComparisonCard {
    /// The title for these codes shown side by side in the order of `shown`: a title that
    /// opens with its codes ("500 vs 502 vs 503 vs 504", "499 vs 502 vs 504: who gave up
    /// first?") lists the shown ones among them in the columns' order, so a heading never
    /// reads "500 vs 502" over columns 502 and 500. Any other title is kept as written.
    pub fn title_for(&self, shown: &[u16]) -> String {
        let (listed, rest) = leading_codes(&self.title);
        let in_order: Vec<u16> = shown
            .iter()
            .copied()
            .filter(|code| listed.contains(code))
            .collect();
        if listed.len() < 2 || in_order.len() < 2 {
            return self.title.clone();
        }
        format!("{}{rest}", versus(&in_order))
    }
}

/// Codes compared, in the order given: "502 vs 500 vs 503". The one spelling of a
/// comparison's codes, for the app's title bar, the comparison's heading and the CLI.
pub fn versus(codes: &[u16]) -> String {
    let codes: Vec<String> = codes.iter().map(u16::to_string).collect();
    codes.join(" vs ")
}

/// The codes a title opens with, joined by " vs ", and the text after them.
fn leading_codes(title: &str) -> (Vec<u16>, &str) {
    let mut codes = Vec::new();
    let mut rest = title;
    let mut after_last = title;
    loop {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let Some(code) = (digits == 3)
            .then(|| rest[..3].parse::<u16>().ok())
            .flatten()
        else {
            break;
        };
        codes.push(code);
        after_last = &rest[3..];
        match after_last.strip_prefix(" vs ") {
            Some(next) => rest = next,
            None => break,
        }
    }
    (codes, after_last)
}

/// A recognisable situation and the first move for it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct ScenarioCard {
    pub id: String,
    pub title: String,
    pub codes: Vec<u16>,
    pub likely: String,
    pub first_move: String,
    pub checks: Vec<String>,
}

/// One possible answer to an interview question.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct OptionCard {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
}

/// One interview question.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct QuestionCard {
    pub id: String,
    pub prompt: String,
    pub help: Option<String>,
    pub kind: AnswerKind,
    pub options: Vec<OptionCard>,
    /// Conditions (answers as `question:option`, all of one condition at once) that move the
    /// question first, move it last, or skip it with `skip_reason`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first_when: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub last_when: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip_when: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_reason: Option<String>,
}

/// One team's runbook layered over the default (or the default alone).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TeamRunbook {
    pub name: String,
    pub maintainers: Option<String>,
    /// The team file's path, or "embedded default".
    pub source: String,
    pub is_default: bool,
    /// `YYYY-MM-DD`, when given.
    pub reviewed: Option<String>,
    pub review_every_days: Option<u32>,
    /// The token audience and issuer the API expects, when the runbook says.
    pub audience: Option<String>,
    pub issuer: Option<String>,
    /// How long a run may take unless a place or example says: the runbook's
    /// `run_timeout_seconds`, else 60 s.
    pub run_timeout_seconds: u32,
    /// Placeholder defaults: the default's `[vars]` with the team's over them.
    pub vars: BTreeMap<String, String>,
    pub owners: BTreeMap<String, OwnerCard>,
    pub codes: BTreeMap<u16, Card>,
    pub classes: BTreeMap<u8, Card>,
    pub comparisons: Vec<ComparisonCard>,
    pub scenarios: Vec<ScenarioCard>,
    pub interview: Vec<QuestionCard>,
    /// Extra secret patterns as (name, regular expression).
    pub redact: Vec<(String, String)>,
    /// URL patterns and the team runbook that owns them.
    pub routes: Vec<(String, String)>,
    /// Known default timeouts, the team's first (see `timeouts`).
    #[serde(default)]
    pub timeouts: Vec<super::timeouts::TimeoutCard>,
    /// The status update cadence in minutes by severity (lower case) and `default`: the
    /// default's with the team's over them.
    #[serde(default)]
    pub update_every_minutes: BTreeMap<String, u32>,
    /// Where the escalation's tickets go (`[tickets]`), the team's fields over the default's.
    #[serde(
        default,
        skip_serializing_if = "super::tickets::TicketSettings::is_empty"
    )]
    pub tickets: super::tickets::TicketSettings,
}

/// A severity as the cadence table is keyed: without white space (a no-break space included),
/// lower case, so `SEV1`, `sev1` and `Sev 1` are one key and a team's overrides the default's.
pub fn severity_key(severity: &str) -> String {
    severity
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

impl TeamRunbook {
    /// How often stakeholders expect an update for an incident of `severity`, in minutes:
    /// its own entry (written `SEV1`, `sev1` or `Sev 1` alike), else `default`, else none.
    pub fn update_every_minutes(&self, severity: &str) -> Option<u32> {
        let wanted = severity_key(severity);
        (!wanted.is_empty())
            .then(|| self.update_every_minutes.get(&wanted))
            .flatten()
            .or_else(|| self.update_every_minutes.get("default"))
            .copied()
    }

    /// The card for `code`: its own entry, or its class advice marked as a fallback.
    pub fn card(&self, code: u16) -> Option<Card> {
        if let Some(card) = self.codes.get(&code) {
            return Some(card.clone());
        }
        let class = u8::try_from(code / 100).ok()?;
        let mut card = self.classes.get(&class)?.clone();
        card.fallback_class = Some(card.code.clone());
        card.code = code.to_string();
        if let Some(reason) = reason_phrase(code) {
            card.title = format!("{reason} (no entry: {class}xx advice)");
        }
        Some(card)
    }

    /// Whether the runbook has its own entry for `code` (not just class advice).
    pub fn has_code(&self, code: u16) -> bool {
        self.codes.contains_key(&code)
    }

    /// Whether `team`, as a `[[routes]]` entry names it, means this runbook: its name or its
    /// file name without `.toml`, either case.
    pub fn answers_to(&self, team: &str) -> bool {
        let wanted = team.to_lowercase();
        self.name.to_lowercase() == wanted
            || std::path::Path::new(&self.source)
                .file_stem()
                .is_some_and(|stem| stem.to_string_lossy().to_lowercase() == wanted)
    }

    /// What the API expects of a bearer token, for the evidence reader's token check.
    pub fn token_expectations(&self) -> Expected<'_> {
        Expected {
            audience: self.audience.as_deref(),
            issuer: self.issuer.as_deref(),
        }
    }
}

/// The registered reason phrase of codes a runbook may not list, so a fallback card can still
/// say what the code is called.
pub fn reason_phrase(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        444 => "No Response (nginx)",
        451 => "Unavailable For Legal Reasons",
        494 => "Request Header Too Large (nginx)",
        495 => "SSL Certificate Error (nginx)",
        496 => "SSL Certificate Required (nginx)",
        497 => "HTTP Request Sent to HTTPS Port (nginx)",
        499 => "Client Closed Request (nginx)",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        520 => "Unknown Error (Cloudflare)",
        521 => "Web Server Is Down (Cloudflare)",
        522 => "Connection Timed Out (Cloudflare)",
        523 => "Origin Is Unreachable (Cloudflare)",
        524 => "A Timeout Occurred (Cloudflare)",
        525 => "SSL Handshake Failed (Cloudflare)",
        526 => "Invalid SSL Certificate (Cloudflare)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(title: &str, codes: &[u16]) -> ComparisonCard {
        ComparisonCard {
            id: "c".to_owned(),
            title: title.to_owned(),
            codes: codes.to_vec(),
            question: "?".to_owned(),
            sides: Vec::new(),
        }
    }

    #[test]
    fn a_title_lists_its_codes_in_the_order_they_are_shown() {
        let gateway = card("500 vs 502 vs 503 vs 504", &[500, 502, 503, 504]);
        assert_eq!(
            gateway.title_for(&[502, 500, 503, 504]),
            "502 vs 500 vs 503 vs 504"
        );
        // Shown beside fewer or other codes: the shown ones among its own, in their order.
        assert_eq!(gateway.title_for(&[504, 502]), "504 vs 502");
        assert_eq!(gateway.title_for(&[502, 429, 500]), "502 vs 500");
        let who = card("499 vs 502 vs 504: who gave up first?", &[499, 502, 504]);
        assert_eq!(
            who.title_for(&[504, 499, 502]),
            "504 vs 499 vs 502: who gave up first?"
        );
        // A title that does not open with its codes is kept as written.
        let words = card("Auth failures, 401 vs 403", &[401, 403]);
        assert_eq!(words.title_for(&[403, 401]), "Auth failures, 401 vs 403");
        let odd = card("4xx vs 5xx", &[400, 500]);
        assert_eq!(odd.title_for(&[500, 400]), "4xx vs 5xx");
        assert_eq!(versus(&[502, 500]), "502 vs 500");
    }
}
