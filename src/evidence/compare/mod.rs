//! Good against failing: two responses side by side, the differences first. The status and
//! who returned it (the readings already made, not made again), the headers grouped by the hop
//! that adds them (`headers`), JSON bodies field by field (`body`), the timing phase by phase;
//! values that change on every request (dates, request ids) count as the same. Drawn as text by
//! `render`, for the screen, `api-triage diff` and the summary alike. Pure.

mod body;
mod headers;
mod render;
#[cfg(test)]
mod tests;

use serde::Serialize;

pub use headers::Hop;
pub use render::{CompareLine, LineKind};

use super::analysis::Analysis;
use super::origin::Origin;
use super::timing::{Phase, Timing, at_known_defaults, duration};
use crate::runbook::TimeoutCard;

/// One side: what was read of a response before (status, who returned it, timing) and the
/// response's own headers and body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Side {
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub returned_by: Option<Origin>,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub timing: Option<Timing>,
}

impl Side {
    /// The response in `text`, with the reading already made of it: the status, reason, origin
    /// and timing are that reading's; the headers and body are read from the text.
    pub fn of(
        text: &str,
        status: Option<u16>,
        reason: Option<&str>,
        returned_by: Option<&Origin>,
        timing: Option<&Timing>,
    ) -> Self {
        let response = super::response::parse(text);
        Self {
            status: status.or(response.status),
            reason: reason.map(str::to_owned).or(response.reason),
            returned_by: returned_by.cloned(),
            headers: response.headers,
            body: response.body,
            timing: timing.cloned(),
        }
    }

    /// The response in `text` as `analysis` read it.
    pub fn of_analysis(text: &str, analysis: &Analysis) -> Self {
        Self::of(
            text,
            analysis.status,
            analysis.reason.as_deref(),
            Some(&analysis.returned_by),
            analysis.timing.as_ref(),
        )
    }
}

/// Which part of the response a row is about, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Status,
    ReturnedBy,
    Header,
    Body,
    Timing,
}

/// How the two sides compare on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Same,
    Changed,
    /// Only the good response has it.
    OnlyGood,
    /// Only the failing response has it.
    OnlyFailing,
}

/// One thing compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub part: Part,
    /// For a header: the hop that adds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hop: Option<Hop>,
    /// `status`, `returned_by`, a header's name, a JSON path (`$.error.code`), `body`, a
    /// phase (`wait`) or `total`.
    pub name: String,
    pub good: Option<String>,
    pub failing: Option<String>,
    pub change: Change,
    /// What to make of it: "differs on every request", "60.1 s longer", a known timeout.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Row {
    fn new(part: Part, name: &str, good: Option<String>, failing: Option<String>) -> Self {
        let change = match (&good, &failing) {
            (Some(g), Some(f)) if g == f => Change::Same,
            (Some(_), Some(_)) => Change::Changed,
            (Some(_), None) => Change::OnlyGood,
            (None, Some(_)) => Change::OnlyFailing,
            (None, None) => Change::Same,
        };
        Self {
            part,
            hop: None,
            name: name.to_owned(),
            good,
            failing,
            change,
            note: None,
        }
    }
}

/// The two responses compared: what differs, then what is the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub good_status: Option<u16>,
    pub failing_status: Option<u16>,
    pub differences: Vec<Row>,
    pub same: Vec<Row>,
    /// JSON fields past the most compared, not shown.
    #[serde(skip_serializing_if = "is_zero")]
    pub fields_left_out: usize,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Compares `good` with `failing`; `timeouts` are the runbook's known timeouts, for a failing
/// request that took as long as one.
pub fn compare(good: &Side, failing: &Side, timeouts: &[TimeoutCard]) -> Comparison {
    let mut rows = vec![status_row(good, failing), origin_row(good, failing)];
    rows.extend(headers::rows(&good.headers, &failing.headers));
    let (body_rows, fields_left_out) = body::rows(&good.body, &failing.body);
    rows.extend(body_rows);
    rows.extend(timing_rows(good, failing, timeouts));
    let (same, differences) = rows.into_iter().partition(|r| r.change == Change::Same);
    Comparison {
        good_status: good.status,
        failing_status: failing.status,
        differences,
        same,
        fields_left_out,
    }
}

fn status_row(good: &Side, failing: &Side) -> Row {
    let text = |side: &Side| match (side.status, &side.reason) {
        (Some(code), Some(reason)) => format!("{code} {reason}"),
        (Some(code), None) => code.to_string(),
        (None, _) => "no status".to_owned(),
    };
    let mut row = Row::new(
        Part::Status,
        "status",
        Some(text(good)),
        Some(text(failing)),
    );
    // The reason phrase is the server's wording ("Gateway Time-out"): the code decides.
    row.change = if good.status == failing.status {
        Change::Same
    } else {
        Change::Changed
    };
    row
}

fn origin_row(good: &Side, failing: &Side) -> Row {
    let text = |side: &Side| {
        side.returned_by.as_ref().map_or_else(
            || "not read".to_owned(),
            |o| format!("{}, {} confidence", o.who(), o.confidence.label()),
        )
    };
    let mut row = Row::new(
        Part::ReturnedBy,
        "returned by",
        Some(text(good)),
        Some(text(failing)),
    );
    let who = |side: &Side| {
        side.returned_by
            .as_ref()
            .map(|o| (o.layer, o.product.clone()))
    };
    row.change = if who(good) == who(failing) {
        Change::Same
    } else {
        Change::Changed
    };
    row
}

/// Two durations differ when they are 50 ms apart and one is half as long again as the other:
/// below that it is the network's noise.
fn differs(a: u64, b: u64) -> bool {
    let (low, high) = (a.min(b), a.max(b));
    high - low >= 50_000 && high.saturating_mul(2) >= low.saturating_mul(3)
}

fn timing_rows(good: &Side, failing: &Side, timeouts: &[TimeoutCard]) -> Vec<Row> {
    let (g, f) = match (&good.timing, &failing.timing) {
        (None, None) => return Vec::new(),
        (Some(g), Some(f)) => (g, f),
        (g, f) => {
            let said = |t: &Option<Timing>| {
                t.as_ref()
                    .map(|t| format!("{} in total", duration(t.total_micros)))
            };
            return vec![Row::new(Part::Timing, "timing", said(g), said(f))];
        }
    };
    let mut rows = Vec::new();
    let mut total = Row::new(
        Part::Timing,
        "total",
        Some(duration(g.total_micros)),
        Some(duration(f.total_micros)),
    );
    total.change = if differs(g.total_micros, f.total_micros) {
        Change::Changed
    } else {
        Change::Same
    };
    let mut notes = Vec::new();
    if total.change == Change::Changed {
        notes.push(longer_or_shorter(g.total_micros, f.total_micros));
    }
    let flags = at_known_defaults(f, timeouts);
    if let Some(first) = flags.first() {
        let more = match flags.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more)"),
        };
        notes.push(format!("failing: {}{more}", first.sentence));
    }
    if !notes.is_empty() {
        total.note = Some(notes.join("; "));
    }
    rows.push(total);
    let mut phases: Vec<Phase> = g.phases.iter().chain(&f.phases).map(|p| p.phase).collect();
    phases.sort_unstable();
    phases.dedup();
    for phase in phases {
        let said = |t: &Timing| {
            t.phase(phase).map(|micros| {
                let end = if t.unfinished == Some(phase) {
                    " (no answer)"
                } else {
                    ""
                };
                format!("{}{end}", duration(micros))
            })
        };
        let mut row = Row::new(Part::Timing, phase.label(), said(g), said(f));
        if let (Some(a), Some(b)) = (g.phase(phase), f.phase(phase)) {
            let unfinished = g.unfinished == Some(phase) || f.unfinished == Some(phase);
            row.change = if differs(a, b) || (unfinished && g.unfinished != f.unfinished) {
                Change::Changed
            } else {
                Change::Same
            };
            if differs(a, b) {
                row.note = Some(longer_or_shorter(a, b));
            }
        }
        rows.push(row);
    }
    if let (Some(a), Some(b)) = (&g.remote_ip, &f.remote_ip) {
        let mut row = Row::new(Part::Timing, "address", Some(a.clone()), Some(b.clone()));
        if row.change == Change::Changed {
            row.note = Some("a different server or load balancer node answered".to_owned());
        }
        rows.push(row);
    }
    rows
}

/// "60.1 s longer" or "1.20 s shorter", failing against good.
fn longer_or_shorter(good: u64, failing: u64) -> String {
    if failing >= good {
        format!("{} longer", duration(failing - good))
    } else {
        format!("{} shorter", duration(good - failing))
    }
}
