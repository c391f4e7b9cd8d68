//! When a duration sits at a known default timeout: a 504 after 60.1 s is "the same as nginx's
//! default `proxy_read_timeout` (60 s)". The table is the runbook's `[[timeouts]]`.

use serde::Serialize;

use super::{Phase, Timing, duration};
use crate::runbook::TimeoutCard;

/// How close counts as "the same": 2% of the timeout or half a second, whichever is wider. A
/// proxy's timer starts after the client's connect and its answer takes a moment to come
/// back, so the client sees a little more than the setting, rarely much more.
fn near(micros: u64, millis: u64) -> bool {
    let target = millis.saturating_mul(1000);
    let tolerance = (target / 50).max(500_000);
    micros.abs_diff(target) <= tolerance
}

/// A duration of the request at a known timeout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AtDefault {
    /// What took that long: `total`, or the phase (`wait`, `connect`...).
    pub measured: String,
    pub micros: u64,
    pub product: String,
    pub setting: String,
    /// The timeout, in milliseconds.
    pub timeout_millis: u64,
    pub source: String,
    /// The team's own value rather than a product default.
    pub team: bool,
    /// "60.1 s in total: the same as nginx's default `proxy_read_timeout` (60 s)".
    pub sentence: String,
    /// The sentence's two halves: "60.1 s in total" and the timeout as described.
    #[serde(skip)]
    head: String,
    #[serde(skip)]
    timeout: String,
}

/// The known timeouts `timing` sits at: the total first, then the longest phase (the one the
/// request ended in, or the wait) when it alone matches; each timeout once.
pub fn at_known_defaults(timing: &Timing, table: &[TimeoutCard]) -> Vec<AtDefault> {
    let mut out: Vec<AtDefault> = Vec::new();
    let mut measures: Vec<(Option<Phase>, u64)> = vec![(None, timing.total_micros)];
    let longest = timing
        .unfinished
        .and_then(|p| timing.phase(p).map(|m| (p, m)))
        .or_else(|| timing.phase(Phase::Wait).map(|m| (Phase::Wait, m)));
    if let Some((phase, micros)) = longest.filter(|(_, m)| *m >= 1_000_000) {
        measures.push((Some(phase), micros));
    }
    for (measured, micros) in measures {
        for timeout in table {
            let seen = out
                .iter()
                .any(|a| a.product == timeout.product && a.setting == timeout.setting);
            if seen || !near(micros, timeout.millis) {
                continue;
            }
            let what = match measured {
                None => "in total".to_owned(),
                Some(phase) => phase.words().to_owned(),
            };
            let head = format!("{} {what}", duration(micros));
            let described = timeout.describe();
            out.push(AtDefault {
                measured: measured.map_or_else(
                    || "total".to_owned(),
                    |p| {
                        serde_json::to_value(p)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    },
                ),
                micros,
                product: timeout.product.clone(),
                setting: timeout.setting.clone(),
                timeout_millis: timeout.millis,
                source: timeout.source.clone(),
                team: timeout.team,
                sentence: format!("{head}: the same as {described}"),
                head,
                timeout: described,
            });
        }
    }
    out
}

/// The flags in as few sentences as they take, one per duration measured, naming every
/// timeout it sits at: "60.1 s in total: the same as nginx's default `proxy_read_timeout`
/// (60 s) and AWS ALB's default idle timeout (60 s)". For a summary line.
pub fn grouped_sentences(flags: &[AtDefault]) -> Vec<String> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for flag in flags {
        match groups.iter_mut().find(|(head, _)| *head == flag.head) {
            Some((_, timeouts)) => timeouts.push(&flag.timeout),
            None => groups.push((&flag.head, vec![&flag.timeout])),
        }
    }
    groups
        .into_iter()
        .map(|(head, timeouts)| {
            let list = match timeouts.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => timeouts.join(""),
            };
            format!("{head}: the same as {list}")
        })
        .collect()
}
