//! What every alert format needs from its fields: labels by any of their usual names, the
//! severity in the session's words, times as the services write them, and an HTTP status
//! code only where it is clearly one.

use std::sync::OnceLock;

use jiff::Timestamp;
use regex::Regex;
use serde_json::Value;

use super::State;

/// Label and field names (compared without case and punctuation) that name the service.
pub(super) const SERVICE: &[&str] = &[
    "service",
    "servicename",
    "app",
    "application",
    "appname",
    "appkubernetesioname",
];
/// ... the environment.
pub(super) const ENVIRONMENT: &[&str] = &["environment", "env", "deploymentenvironment"];
/// ... the severity.
pub(super) const SEVERITY: &[&str] = &["severity", "priority", "sev"];
/// ... an HTTP status code (only a value of three digits counts: `status` may be `firing`).
const CODE: &[&str] = &[
    "code",
    "statuscode",
    "status",
    "httpstatus",
    "httpstatuscode",
    "httpcode",
    "responsecode",
    "responsestatus",
    "httpresponsecode",
    "httpresponsestatuscode",
];

/// The incident severity, in the words a session uses (`SEV1` is the worst), for an alert's
/// severity or priority: critical 1, error or high 2, warning 3, info or low 4; P1 to P5 and
/// SEV1 to SEV5 as they are. Other words (`page`, `ticket`) say nothing about the level.
pub fn incident_severity(raw: &str) -> Option<&'static str> {
    let word: String = raw
        .trim()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match word.as_str() {
        "critical" | "crit" | "fatal" | "emergency" | "disaster" | "p1" | "sev1" | "s1" => "SEV1",
        "error" | "err" | "high" | "major" | "p2" | "sev2" | "s2" => "SEV2",
        "warning" | "warn" | "medium" | "average" | "p3" | "sev3" | "s3" => "SEV3",
        "info" | "informational" | "information" | "low" | "notice" | "p4" | "sev4" | "s4" => {
            "SEV4"
        }
        "p5" | "sev5" | "s5" => "SEV5",
        _ => return None,
    })
}

/// How severe a written severity is, for picking the worst of several: lower is worse, and
/// words with no level come last.
pub(super) fn severity_rank(raw: &str) -> u8 {
    incident_severity(raw)
        .and_then(|level| level.strip_prefix("SEV"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(9)
}

/// A label or field name without case and punctuation: `http.status_code` → `httpstatuscode`.
fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// A JSON object's entries whose values are text (numbers and booleans written out).
pub(super) fn labels(value: Option<&Value>) -> Vec<(String, String)> {
    let Some(object) = value.and_then(Value::as_object) else {
        return Vec::new();
    };
    object
        .iter()
        .filter_map(|(name, value)| Some((name.clone(), scalar(value)?)))
        .collect()
}

/// A string, number or boolean as text; `None` for anything else or an empty string.
pub(super) fn scalar(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// The value of the first label named like one of `names`, in the order of `names`.
pub(super) fn label(labels: &[(String, String)], names: &[&str]) -> Option<String> {
    names.iter().find_map(|wanted| {
        labels
            .iter()
            .find(|(name, _)| key(name) == *wanted)
            .map(|(_, value)| value.clone())
    })
}

/// The text at `path` in `value`, trimmed; `None` when absent, not text or empty.
pub(super) fn text_at(value: &Value, path: &[&str]) -> Option<String> {
    let mut at = value;
    for step in path {
        at = at.get(step)?;
    }
    at.as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The one value every `Some` agrees on; `None` when there is none or they differ (several
/// alerts naming different services name none for the incident).
pub(super) fn agreed<T: PartialEq>(values: impl IntoIterator<Item = Option<T>>) -> Option<T> {
    let mut found: Option<T> = None;
    for value in values.into_iter().flatten() {
        match &found {
            Some(seen) if *seen != value => return None,
            Some(_) => {}
            None => found = Some(value),
        }
    }
    found
}

/// An HTTP error status code (4xx or 5xx) written alone: `502`, `"502"`. Not `5xx`, not
/// `200`: the triage is about a failing code, and a code of success in an alert is a
/// threshold or a count more often than the failure.
fn error_code(value: &str) -> Option<u16> {
    let value = value.trim().trim_matches(['"', '\'']);
    if value.len() != 3 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok().filter(|c| (400..600).contains(c))
}

/// The code a label or field named like `code` or `status_code` holds, with where it was
/// read (`label code="502"`).
pub(super) fn code_in_labels(labels: &[(String, String)], kind: &str) -> Option<(u16, String)> {
    CODE.iter().find_map(|wanted| {
        labels.iter().find_map(|(name, value)| {
            if key(name) != *wanted {
                return None;
            }
            error_code(value).map(|code| (code, format!("{kind} {name}=\"{value}\"")))
        })
    })
}

fn code_patterns() -> &'static [Regex] {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        [
            // `code="502"`, `status_code: 503`, `http.response.status_code=504`: a name of a
            // status (not `error_code`, an app's own) and three digits.
            r#"(?i)(?:^|[^a-z0-9_.])((?:http[._]?)?(?:response[._]?)?(?:status[._]?code|status|code)\s*(?:==|=|:)\s*["']?[45][0-9]{2})\b"#,
            // `HTTP 502`, `HTTP/1.1 503`, `HTTP status 504`, `HTTP-500`; never `HTTP 5xx`.
            r"(?i)\b(http(?:/[0-9](?:\.[0-9])?)?(?:\s+status(?:\s+code)?)?(?:\s*:\s*|\s+|-)[45][0-9]{2})\b",
            // `status code 503`.
            r"(?i)\b(status\s+code\s*:?\s*[45][0-9]{2})\b",
        ]
        .iter()
        .filter_map(|pattern| Regex::new(pattern).ok())
        .collect()
    })
}

/// The first clear HTTP error code in free text, with the words that name it ("HTTP 502").
pub(super) fn code_in_text(text: &str) -> Option<(u16, String)> {
    code_patterns().iter().find_map(|pattern| {
        pattern.captures_iter(text).find_map(|captures| {
            let found = captures.get(1)?.as_str();
            let digits: String = found
                .chars()
                .rev()
                .take(3)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            error_code(&digits).map(|code| (code, found.to_owned()))
        })
    })
}

/// The first code named in any of `texts`, said with where: `"HTTP 502" in the summary`.
pub(super) fn code_in_texts<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<(u16, String)> {
    texts.into_iter().find_map(|(what, text)| {
        code_in_text(text).map(|(code, words)| (code, format!("\"{words}\" in the {what}")))
    })
}

/// A time as alert services write it: RFC 3339 (any offset, `+0000` too), RFC 2822 (an
/// e-mail's `Date`), Go's `2026-12-03 02:40:00.123 +0000 UTC` (Alertmanager's templates), or
/// a Unix time in seconds, milliseconds, micro- or nanoseconds. Times before 2000 are taken
/// for "not set" (Alertmanager's `endsAt` of year 1).
pub(super) fn time_of(value: &Value) -> Option<Timestamp> {
    let time = match value {
        Value::Number(n) => n.as_i64().and_then(epoch),
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
            s.parse().ok().and_then(epoch)
        }
        Value::String(s) => parse_time(s),
        _ => None,
    }?;
    (time.as_second() > 946_684_800).then_some(time)
}

/// A Unix time in whichever unit its size says.
fn epoch(n: i64) -> Option<Timestamp> {
    match n {
        ..100_000_000_000 => Timestamp::from_second(n).ok(),
        100_000_000_000..100_000_000_000_000 => Timestamp::from_millisecond(n).ok(),
        100_000_000_000_000..100_000_000_000_000_000 => Timestamp::from_microsecond(n).ok(),
        _ => Timestamp::from_nanosecond(i128::from(n)).ok(),
    }
}

/// See [`time_of`].
pub(super) fn parse_time(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    let time = text
        .parse::<Timestamp>()
        .ok()
        .or_else(|| jiff::fmt::rfc2822::parse(text).ok().map(|z| z.timestamp()))
        .or_else(|| spaced(text)?.parse::<Timestamp>().ok())?;
    (time.as_second() > 946_684_800).then_some(time)
}

/// `2026-12-03 02:40:00.123 +0000 UTC`, `2026-12-03 02:40 UTC`, `...T02:40:00.315+0000` as
/// RFC 3339: `2026-12-03T02:40:00.123+00:00`.
fn spaced(text: &str) -> Option<String> {
    let (date, rest) = match text.split_once('T') {
        Some((date, rest)) if date.len() == 10 => (date, rest.to_owned()),
        _ => {
            let (date, rest) = text.split_once(' ')?;
            (date, rest.trim_start().to_owned())
        }
    };
    let mut words = rest.split_whitespace();
    let mut time = words.next()?.to_owned();
    // An offset glued to the time: `08:42:58.315+0000`.
    let mut offset = None;
    if let Some(at) = time.rfind(['+', '-'])
        && at >= 5
    {
        offset = Some(time[at..].to_owned());
        time.truncate(at);
    } else if let Some(stripped) = time.strip_suffix('Z') {
        time = stripped.to_owned();
        offset = Some("Z".to_owned());
    }
    if offset.is_none() {
        offset = words.next().map(str::to_owned);
    }
    if time.len() == 5 {
        time.push_str(":00");
    }
    let offset = match offset.as_deref() {
        Some("UTC" | "GMT" | "Z" | "z") => "Z".to_owned(),
        Some(o) if o.len() == 5 && o.starts_with(['+', '-']) => format!("{}:{}", &o[..3], &o[3..]),
        Some(o) if o.len() == 6 && o.starts_with(['+', '-']) => o.to_owned(),
        _ => return None,
    };
    Some(format!("{date}T{time}{offset}"))
}

/// A subject or title without the state marks alerting tools put in front (`[FIRING:2]`,
/// `[RESOLVED]`, `[Alerting]`, `Re:`), and the state they said.
pub(super) fn cleaned_title(title: &str) -> (String, Option<State>) {
    let mut rest = title.trim();
    let mut state = None;
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(after) = ["re:", "fwd:", "fw:", "aw:"]
            .iter()
            .find_map(|p| lower.starts_with(p).then(|| &rest[p.len()..]))
        {
            rest = after.trim_start();
            continue;
        }
        if rest.starts_with('[')
            && let Some(end) = rest.find(']')
        {
            let mark = rest[1..end].to_ascii_lowercase();
            let said = state_word(mark.split(':').next().unwrap_or(""));
            if said.is_none() && !mark.contains("alert") {
                break;
            }
            state = state.or(said);
            rest = rest[end + 1..].trim_start();
            continue;
        }
        break;
    }
    (rest.to_owned(), state)
}

/// The state a word says: `firing`, `alerting`, `triggered`, `problem` are on; `resolved`,
/// `ok`, `recovered`, `closed` are over; `acknowledged` is being worked on.
pub(super) fn state_word(word: &str) -> Option<State> {
    match word.trim().to_ascii_lowercase().as_str() {
        "firing" | "alerting" | "alert" | "triggered" | "trigger" | "problem" | "open"
        | "create" => Some(State::Firing),
        "resolved" | "resolve" | "ok" | "recovered" | "recovery" | "closed" | "close" => {
            Some(State::Resolved)
        }
        "acknowledged" | "acknowledge" | "acked" => Some(State::Acknowledged),
        _ => None,
    }
}
