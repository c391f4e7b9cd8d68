//! Alertmanager's webhook (version 4: `alerts[]` with `labels`, `annotations`, `startsAt`,
//! `status`, around them `commonLabels` and `groupLabels`), Grafana's, which sends the same
//! `alerts[]` with a `title`, `message`, `state` and `orgId` (and a `valueString` per alert),
//! and Grafana's legacy webhook (`ruleName`, `state`, `evalMatches`, `tags`).

use serde_json::Value;

use super::fields::{
    ENVIRONMENT, SERVICE, SEVERITY, agreed, cleaned_title, code_in_labels, code_in_texts, label,
    labels, severity_rank, state_word, text_at, time_of,
};
use super::{Alert, Source, State};

type Labels = Vec<(String, String)>;

/// An Alertmanager or Grafana (unified alerting) webhook.
pub(super) fn read(value: &Value) -> Option<Alert> {
    let alerts = value.get("alerts")?.as_array()?;
    let grafana = ["orgId", "title", "state"]
        .iter()
        .any(|k| value.get(k).is_some());
    let grouped = ["receiver", "groupLabels", "commonLabels", "groupKey"]
        .iter()
        .any(|k| value.get(k).is_some());
    if !grafana && !grouped {
        return None;
    }
    let alerts: Vec<&Value> = alerts
        .iter()
        .filter(|a| a.get("labels").is_some_and(Value::is_object))
        .collect();
    if alerts.is_empty() {
        return None;
    }
    let common = labels(value.get("commonLabels"));
    let common_notes = labels(value.get("commonAnnotations"));
    let each: Vec<Labels> = alerts.iter().map(|a| labels(a.get("labels"))).collect();
    let notes: Vec<Labels> = alerts
        .iter()
        .map(|a| labels(a.get("annotations")))
        .collect();

    let mut names: Vec<String> = Vec::new();
    for name in each.iter().filter_map(|l| label(l, &["alertname"])) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let summary = label(&common_notes, &["summary"])
        .or_else(|| agreed(notes.iter().map(|n| label(n, &["summary"]))));
    let (title, title_state) = text_at(value, &["title"])
        .map(|t| cleaned_title(&t))
        .unwrap_or_default();
    let name = names
        .first()
        .cloned()
        .or_else(|| Some(title).filter(|t| !t.is_empty()))
        .or_else(|| summary.clone())
        .unwrap_or_else(|| "unnamed alert".to_owned());
    let source = if grafana {
        Source::Grafana
    } else {
        Source::Alertmanager
    };
    let mut alert = Alert::named(source, name);
    alert.other_names = names.into_iter().skip(1).take(5).collect();
    let truncated = value
        .get("truncatedAlerts")
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0);
    alert.count = alerts.len().saturating_add(truncated);
    alert.summary = summary.filter(|s| *s != alert.name);
    alert.state = text_at(value, &["status"])
        .and_then(|s| state_word(&s))
        .or_else(|| text_at(value, &["state"]).and_then(|s| state_word(&s)))
        .or(title_state)
        .or_else(|| {
            let states: Vec<Option<State>> = alerts
                .iter()
                .map(|a| text_at(a, &["status"]).and_then(|s| state_word(&s)))
                .collect();
            if states.contains(&Some(State::Firing)) {
                Some(State::Firing)
            } else {
                agreed(states)
            }
        });
    // The earliest start is when the incident was first seen.
    alert.started = alerts
        .iter()
        .filter_map(|a| a.get("startsAt").and_then(time_of))
        .min();
    alert.service =
        label(&common, SERVICE).or_else(|| agreed(each.iter().map(|l| label(l, SERVICE))));
    alert.environment =
        label(&common, ENVIRONMENT).or_else(|| agreed(each.iter().map(|l| label(l, ENVIRONMENT))));
    // Of several severities, the worst.
    alert.set_severity(label(&common, SEVERITY).or_else(|| {
        each.iter()
            .filter_map(|l| label(l, SEVERITY))
            .min_by_key(|s| severity_rank(s))
    }));
    let codes: Vec<Option<(u16, String)>> = alerts
        .iter()
        .zip(each.iter().zip(&notes))
        .map(|(a, (l, n))| code_of(a, l, n))
        .collect();
    let found = code_in_labels(&common, "label").or_else(|| {
        let code = agreed(codes.iter().map(|c| c.as_ref().map(|(code, _)| *code)))?;
        codes.into_iter().flatten().find(|(c, _)| *c == code)
    });
    if let Some((code, from)) = found {
        alert.code = Some(code);
        alert.code_from = Some(from);
    }
    Some(alert)
}

/// The code one alert names: in its labels, else in its annotations or Grafana's
/// `valueString` (`labels={code=502}`).
fn code_of(alert: &Value, labels: &Labels, notes: &Labels) -> Option<(u16, String)> {
    code_in_labels(labels, "label").or_else(|| {
        let value_string = text_at(alert, &["valueString"]);
        let texts = notes
            .iter()
            .map(|(name, text)| (name.as_str(), text.as_str()))
            .chain(value_string.as_deref().map(|v| ("valueString", v)));
        code_in_texts(texts)
    })
}

/// Grafana's legacy (pre-unified alerting) webhook: one rule, its `state`, its `tags`.
pub(super) fn read_legacy_grafana(value: &Value) -> Option<Alert> {
    let rule = text_at(value, &["ruleName"]);
    if rule.is_none() && !(value.get("ruleId").is_some() && value.get("evalMatches").is_some()) {
        return None;
    }
    let (title, title_state) = text_at(value, &["title"])
        .map(|t| cleaned_title(&t))
        .unwrap_or_default();
    let name = rule
        .or_else(|| Some(title).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| "unnamed alert".to_owned());
    let mut alert = Alert::named(Source::Grafana, name);
    alert.state = text_at(value, &["state"])
        .and_then(|s| state_word(&s))
        .or(title_state);
    let message = text_at(value, &["message"]);
    alert.summary = message
        .as_deref()
        .and_then(|m| m.lines().next())
        .map(str::to_owned);
    let mut tags = labels(value.get("tags"));
    if let Some(matches) = value.get("evalMatches").and_then(Value::as_array) {
        for tags_of_match in matches.iter().map(|m| labels(m.get("tags"))) {
            tags.extend(tags_of_match);
        }
    }
    alert.service = label(&tags, SERVICE);
    alert.environment = label(&tags, ENVIRONMENT);
    alert.set_severity(label(&tags, SEVERITY));
    let found = code_in_labels(&tags, "tag").or_else(|| {
        let rule = alert.name.clone();
        code_in_texts(
            [("rule name", rule.as_str())]
                .into_iter()
                .chain(message.as_deref().map(|m| ("message", m))),
        )
    });
    if let Some((code, from)) = found {
        alert.code = Some(code);
        alert.code_from = Some(from);
    }
    Some(alert)
}
