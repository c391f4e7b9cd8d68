//! Everything the evidence reader has to say about one paste: the response, who returned it,
//! the ids, the headers that matter for the code, the token check, and the interview answers
//! it suggests. Pure: the time is passed in.

use std::fmt::Write as _;

use jiff::Timestamp;
use serde::Serialize;

use super::ids::{FoundId, find_ids};
use super::origin::{Confidence, Layer, Origin, classify};
use super::response::{Response, parse};
use super::timing::{Timing, at_known_defaults};
use super::token::{Credentials, Expected, Judged, Presented, RequestShown, TokenCheck, judge};

/// How much of a request's URL the reading shows: a URL past it keeps its ends (`elide_middle`).
const URL_SHOWN: usize = 200;

/// Headers worth showing for the status at hand.
const NOTABLE: &[&str] = &[
    "date",
    "content-type",
    "server",
    "via",
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "ratelimit",
    "ratelimit-policy",
    "www-authenticate",
    "location",
    "allow",
];

/// The reading of one piece of evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub method: Option<String>,
    pub url: Option<String>,
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub earlier_statuses: Vec<u16>,
    pub returned_by: Origin,
    pub ids: Vec<FoundId>,
    /// `Retry-After`, rate-limit headers, `WWW-Authenticate`, `Location`, `Allow`...
    pub headers: Vec<(String, String)>,
    /// The body, pretty-printed when it is JSON, cut to a readable length.
    pub body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<TokenCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_problem: Option<String>,
    /// The credentials judged with the response: what was sent (by name), what the server
    /// asked for, and every finding, most serious first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Credentials>,
    /// How long the request took, phase by phase, when the evidence shows it: curl's `-w`
    /// output, `--trace-time` stamps or a HAR entry's `timings`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timing: Option<Timing>,
}

/// Reads `text`; tokens are judged at the response's `Date`, or `now` without one.
pub fn analyze(text: &str, now: Timestamp) -> Analysis {
    analyze_expecting(text, now, Expected::default())
}

/// Like [`analyze`], with what the API expects of a token (from its runbook).
pub fn analyze_expecting(text: &str, now: Timestamp, expected: Expected<'_>) -> Analysis {
    // Callers normalise at the way in; text that did not come that way (a test, a fuzzer) is
    // normalised here, so a paste with CR line breaks reads the same. Idempotent.
    let text = &*crate::text::normalize(text);
    let mut response = parse(text);
    let timing = super::timing::read(text);
    // `curl -o /dev/null -w ...` prints no status line, only curl's `http_code`.
    if response.status.is_none() {
        response.status = timing.as_ref().and_then(|t| t.http_code);
    }
    let mut analysis = analyze_response(&response, text, now, expected);
    analysis.timing = timing;
    analysis
}

fn analyze_response(
    response: &Response,
    text: &str,
    now: Timestamp,
    expected: Expected<'_>,
) -> Analysis {
    let date = response
        .header("date")
        .and_then(|d| jiff::fmt::rfc2822::parse(d).ok())
        .map(|z| z.timestamp());
    let Judged {
        token,
        token_problem,
        credentials,
    } = judge(
        text,
        response,
        date.unwrap_or(now),
        date.is_some(),
        expected,
    );
    let headers = response
        .headers
        .iter()
        .filter(|(n, _)| {
            NOTABLE.contains(&n.to_lowercase().as_str())
                || n.to_lowercase().starts_with("x-ratelimit")
        })
        .cloned()
        .collect();
    let body = match response.json_body() {
        Some(json) => serde_json::to_string_pretty(&json).unwrap_or_else(|_| response.body.clone()),
        None => response.body.clone(),
    };
    let body: String = body.lines().take(40).collect::<Vec<_>>().join("\n");
    let header_text = response
        .headers
        .iter()
        .fold(String::new(), |mut text, (n, v)| {
            let _ = writeln!(text, "{n}: {v}");
            text
        });
    let mut ids = find_ids(&header_text);
    for id in find_ids(&response.body) {
        if !ids.iter().any(|f| f.value == id.value) {
            ids.push(id);
        }
    }
    Analysis {
        method: response.method.clone(),
        url: response.url.clone(),
        status: response.status,
        reason: response.reason.clone(),
        earlier_statuses: response.earlier.clone(),
        returned_by: classify(response),
        ids,
        headers,
        body,
        token,
        token_problem,
        credentials,
        timing: None,
    }
}

impl Analysis {
    /// The interview answers this evidence suggests, as (question id, answer): the code and
    /// who returned it. The engineer can overrule them.
    pub fn suggested_answers(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(status) = self.status {
            out.push(("code", status.to_string()));
        }
        // Only a reading clearly ahead answers for the engineer; a low one (or "unknown") is
        // shown with its check and leaves the question open.
        if self.returned_by.confidence >= Confidence::Medium && self.returned_by.layer.is_some() {
            out.push(("layer", layer_answer(self.returned_by.layer).to_owned()));
        }
        out
    }

    /// A plain-text card, at most 80 columns wide where the evidence allows.
    pub fn render(&self) -> String {
        self.render_with(&[])
    }

    /// [`render`](Self::render), with the runbook's known timeouts for the timing to be
    /// measured against.
    pub fn render_with(&self, timeouts: &[crate::runbook::TimeoutCard]) -> String {
        let mut out = String::new();
        let status = match (self.status, &self.reason) {
            (Some(s), Some(r)) => format!("{s} {r}"),
            (Some(s), None) => s.to_string(),
            (None, _) => "no HTTP status found".to_owned(),
        };
        let _ = writeln!(out, "Status:      {status}");
        if let (Some(method), Some(url)) = (&self.method, &self.url) {
            let url = crate::text::elide_middle(url, URL_SHOWN);
            let _ = writeln!(out, "Request:     {method} {url}");
        } else if let Some(url) = &self.url {
            let url = crate::text::elide_middle(url, URL_SHOWN);
            let _ = writeln!(out, "URL:         {url}");
        }
        if !self.earlier_statuses.is_empty() {
            let list: Vec<String> = self.earlier_statuses.iter().map(u16::to_string).collect();
            let _ = writeln!(out, "Before it:   {}", list.join(" -> "));
        }
        let v = &self.returned_by;
        let _ = writeln!(
            out,
            "Returned by: {}, {} confidence",
            v.who(),
            v.confidence.label()
        );
        for reason in &v.reasons {
            let _ = writeln!(out, "             - {reason}");
        }
        if let Some(check) = &v.check {
            let _ = writeln!(out, "To settle it: {check}");
        }
        if !self.ids.is_empty() {
            let list: Vec<String> = self
                .ids
                .iter()
                .map(|i| format!("{} {}", i.name, i.value))
                .collect();
            let _ = writeln!(out, "Ids:         {}", list.join(", "));
        }
        for (name, value) in &self.headers {
            let _ = writeln!(out, "{name}: {value}");
        }
        render_credentials(&mut out, self);
        if let Some(timing) = &self.timing {
            out.push_str(&timing.render(&at_known_defaults(timing, timeouts), 80));
        }
        if !self.body.is_empty() {
            let _ = writeln!(out, "Body:");
            for line in self.body.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        crate::text::visible_multiline(&out)
    }
}

/// The credentials part of the card: what was sent (names only), the token as read (claims,
/// never the token), and the findings, most serious first.
fn render_credentials(out: &mut String, analysis: &Analysis) {
    let Some(credentials) = &analysis.credentials else {
        if let Some(problem) = &analysis.token_problem {
            let _ = writeln!(out, "Token: {problem}");
        }
        return;
    };
    let sent = if credentials.sent.is_empty() {
        "no credentials".to_owned()
    } else {
        credentials.sent.join(", ")
    };
    match credentials.request {
        RequestShown::Sent => {
            let _ = writeln!(out, "Sent:        {sent}");
        }
        RequestShown::Command => {
            let _ = writeln!(out, "Sent:        {sent} (as the command line asks)");
        }
        RequestShown::No => {}
    }
    if let Some(token) = &analysis.token {
        let _ = writeln!(out, "Token (decoded here, never sent anywhere):");
        let header: Vec<String> = [("alg", &token.algorithm), ("kid", &token.key_id)]
            .into_iter()
            .filter_map(|(label, value)| value.as_ref().map(|v| format!("{label} {v}")))
            .collect();
        if !header.is_empty() {
            let _ = writeln!(out, "  {}", header.join(", "));
        }
        if let Some(iss) = &token.issuer {
            let _ = writeln!(out, "  iss {iss}");
        }
        if !token.audience.is_empty() {
            let _ = writeln!(out, "  aud {}", token.audience.join(", "));
        }
        if let Some(scope) = &token.scope {
            let _ = writeln!(out, "  scope {scope}");
        }
        for (label, value) in [
            ("exp", token.expires),
            ("nbf", token.not_before),
            ("iat", token.issued),
        ] {
            if let Some(value) = value {
                let _ = writeln!(out, "  {label} {value}");
            }
        }
    } else if let Some(problem) = &analysis.token_problem {
        let _ = writeln!(out, "Token: {problem}");
    } else {
        let described = match &credentials.presented {
            Some(Presented::Opaque { length }) => Some(format!(
                "opaque bearer token, {length} characters (not shown)"
            )),
            Some(Presented::Encrypted) => Some("encrypted JWT (JWE), not readable here".to_owned()),
            Some(Presented::Empty { .. }) => Some("Bearer with no token".to_owned()),
            Some(Presented::Basic { user: Some(user) }) => {
                Some(format!("Basic auth, user {user} (password not shown)"))
            }
            Some(Presented::Basic { user: None }) => {
                Some("Basic auth (not user:password)".to_owned())
            }
            Some(Presented::Other { scheme }) => Some(format!("{scheme} scheme")),
            Some(Presented::Jwt) | None => None,
        };
        match described {
            Some(described) => {
                let _ = writeln!(out, "Token:       {described}");
            }
            None if !credentials.findings.is_empty() => {
                let _ = writeln!(out, "Token:");
            }
            None => {}
        }
    }
    for finding in &credentials.findings {
        // Findings can be long; wrapped to the card's width, continued under their text.
        for (i, line) in crate::text::wrap(finding, 74).into_iter().enumerate() {
            let mark = if i == 0 { "  ! " } else { "    " };
            let _ = writeln!(out, "{mark}{line}");
        }
    }
}

/// The option of the interview's "who returned it" question (`layer`) a layer answers. The
/// question offers fewer options than there are layers (layers that look alike from the
/// outside share one), so this is the one place that maps them.
fn layer_answer(layer: Option<Layer>) -> &'static str {
    match layer {
        Some(Layer::App) => "app",
        Some(Layer::Gateway | Layer::LoadBalancer) => "gateway",
        Some(Layer::Cdn | Layer::Waf) => "cdn-waf",
        Some(Layer::Identity) => "identity",
        Some(Layer::Client | Layer::Provider) | None => "unsure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> Timestamp {
        "2026-11-23T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn only_a_reading_clearly_ahead_pre_answers_who_returned_it() {
        // Caddy's own answer: its Go server puts Date after Server on what it makes.
        let sure = analyze(
            "< HTTP/1.1 502 Bad Gateway\r\n< Server: Caddy\r\n< Date: Mon, 23 Nov 2026 10:43:59 GMT\r\n<\r\n",
            at(),
        );
        assert_eq!(sure.returned_by.confidence, Confidence::High);
        assert!(
            sure.suggested_answers()
                .contains(&("layer", "gateway".to_owned()))
        );
        // An app-style JSON error with the proxy's own request id: low, so left open.
        let unsure = analyze(
            "< HTTP/1.1 429 Too Many Requests\r\n< Server: nginx\r\n< Content-Type: application/json\r\n\
             < X-Request-ID: 5d41402abc4b2a76\r\n<\r\n{\"error\": \"rate_limited\"}",
            at(),
        );
        assert_eq!(unsure.returned_by.confidence, Confidence::Low);
        assert_eq!(unsure.suggested_answers(), [("code", "429".to_owned())]);
        assert!(
            unsure
                .render()
                .contains("To settle it: look for request id 5d41402abc4b2a76")
        );
    }
}
