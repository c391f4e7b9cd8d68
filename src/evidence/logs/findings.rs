//! What a log's picture says, worked out once for the screen, the note and the summary: when
//! the failures started (the first bad minute, against the log's own baseline), how wide they
//! are (the share failing per route since then, and whether other routes are normal), the
//! routes, upstreams and clients that carry them, and a one-line sparkline.

use super::picture::{Minute, Picture, Tally};
use std::fmt::Write as _;

/// The first bad minute and why it counts as one.
#[derive(Debug, Clone, PartialEq)]
pub struct Onset {
    /// Unix minute.
    pub minute: i64,
    /// Share failing in that minute, and before it (the baseline).
    pub rate: f64,
    pub baseline: f64,
    /// True when the log already fails in its first minute: the start is earlier.
    pub at_log_start: bool,
}

/// A route (or upstream, client) with its share failing.
#[derive(Debug, Clone, PartialEq)]
pub struct Carrier {
    pub name: String,
    pub requests: u64,
    pub failing: u64,
    pub p50_ms: Option<u32>,
    pub p95_ms: Option<u32>,
    pub p99_ms: Option<u32>,
}

impl Carrier {
    pub fn share(&self) -> f64 {
        ratio(self.failing, self.requests)
    }
}

#[expect(clippy::cast_precision_loss, reason = "shares shown as percentages")]
fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A minute is bad when at least this many requests failed...
const MIN_FAILING: u32 = 3;
/// ...and its share failing is at least this...
const MIN_RATE: f64 = 0.05;
/// ...and this many times the share before it.
const OVER_BASELINE: f64 = 3.0;

impl Picture {
    /// The first minute whose failures stand out from the minutes before it: at least 3
    /// failing, at least 5% of its requests, and three times the share before it. `None`
    /// when no minute stands out.
    pub fn onset(&self) -> Option<Onset> {
        let (mut before_total, mut before_failing) = (0u64, 0u64);
        for (i, (minute, counts)) in self.minutes.iter().enumerate() {
            let total = counts.total();
            let rate = ratio(u64::from(counts.failing), u64::from(total));
            let baseline = ratio(before_failing, before_total);
            if counts.failing >= MIN_FAILING
                && rate >= MIN_RATE
                && (before_total == 0 || rate >= baseline * OVER_BASELINE)
            {
                return Some(Onset {
                    minute: *minute,
                    rate,
                    baseline,
                    at_log_start: i == 0,
                });
            }
            before_total += u64::from(total);
            before_failing += u64::from(counts.failing);
        }
        None
    }

    /// The routes with the most failures since `since` (a Unix minute), worst first, with
    /// their share failing over that time: from the per-route minutes when kept, else over
    /// the whole log.
    pub fn carriers_since(&self, since: Option<i64>, limit: usize) -> Vec<Carrier> {
        let mut routes: Vec<Carrier> = self
            .routes
            .iter()
            .map(|(route, tally)| {
                let (requests, failing) = match (since, self.route_minutes.get(route)) {
                    (Some(since), Some(minutes)) if !self.route_minutes_full => minutes
                        .range(since..)
                        .fold((0u64, 0u64), |(r, f), (_, (req, fail))| {
                            (r + u64::from(*req), f + u64::from(*fail))
                        }),
                    _ => (tally.requests, tally.failing),
                };
                carrier(route, tally, requests, failing)
            })
            .collect();
        routes.sort_by(|a, b| b.failing.cmp(&a.failing).then(a.name.cmp(&b.name)));
        routes.truncate(limit);
        routes
    }

    /// Upstreams or clients (`which`) by failures, worst first.
    pub fn top(which: &super::picture::HashMap<Vec<u8>, Tally>, limit: usize) -> Vec<Carrier> {
        let mut out: Vec<Carrier> = which
            .iter()
            .map(|(name, tally)| carrier(name, tally, tally.requests, tally.failing))
            .collect();
        out.sort_by(|a, b| {
            b.failing
                .cmp(&a.failing)
                .then(b.requests.cmp(&a.requests))
                .then(a.name.cmp(&b.name))
        });
        out.truncate(limit);
        out
    }

    /// The share failing on every route but `these`, since `since`.
    pub fn others_rate(&self, these: &[Carrier], since: Option<i64>) -> Option<f64> {
        let all = self.carriers_since(since, usize::MAX);
        let (requests, failing) = all
            .iter()
            .filter(|c| !these.iter().any(|t| t.name == c.name))
            .fold((0, 0), |(r, f), c| (r + c.requests, f + c.failing));
        (requests > 0).then(|| ratio(failing, requests))
    }

    /// "31% of /v1/checkout failing (5xx) since 02:40 UTC, other routes normal (0.2%)": how
    /// widespread, in the words the interview's answer and the summary use.
    pub fn widespread(&self) -> Option<String> {
        let onset = self.onset();
        let since = onset.as_ref().map(|o| o.minute);
        let carriers: Vec<Carrier> = self
            .carriers_since(since, 3)
            .into_iter()
            .filter(|c| c.failing > 0)
            .collect();
        let first = carriers.first()?;
        // The routes that carry the failures: those failing at least half as often as the
        // worst one.
        let worst = first.share();
        let main: Vec<Carrier> = carriers
            .iter()
            .filter(|c| c.share() * 2.0 >= worst)
            .cloned()
            .collect();
        let label = self.failing.label();
        let routes: Vec<String> = main
            .iter()
            .map(|c| format!("{} of {}", percent(c.share()), c.name))
            .collect();
        let mut text = format!("{} failing ({label})", routes.join(", "));
        if let Some(onset) = &onset {
            let since = minute_label(onset.minute);
            if onset.at_log_start {
                let _ = write!(text, " since at least {since} (the log's start)");
            } else {
                let _ = write!(text, " since {since}");
            }
        }
        match self.others_rate(&main, since) {
            Some(rate) if rate < 0.01 => {
                let _ = write!(text, ", other routes normal ({})", percent(rate));
            }
            Some(rate) => {
                let _ = write!(text, ", other routes {} failing", percent(rate));
            }
            None => text.push_str(", no other routes in the log"),
        }
        Some(text)
    }

    /// Failing requests per minute as a line of block characters, `width` at most (minutes
    /// are summed into columns when there are more).
    pub fn sparkline(&self, width: usize) -> String {
        const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
        let columns = self.columns(width);
        let top = columns.iter().map(|m| m.failing).max().unwrap_or(0);
        columns
            .iter()
            .map(|m| {
                if top == 0 || m.failing == 0 {
                    ' '
                } else {
                    let level = (u64::from(m.failing) * 7).div_ceil(u64::from(top));
                    BARS[usize::try_from(level).unwrap_or(7).min(7)]
                }
            })
            .collect()
    }

    /// The minutes from the first to the last (gaps included, as empty minutes), summed into
    /// at most `width` columns of equal span.
    pub fn columns(&self, width: usize) -> Vec<Minute> {
        let (Some(first), Some(last)) = (
            self.minutes.keys().next().copied(),
            self.minutes.keys().next_back().copied(),
        ) else {
            return Vec::new();
        };
        let span = usize::try_from(last - first + 1).unwrap_or(usize::MAX);
        let per = span.div_ceil(width.max(1)).max(1);
        let mut out = vec![Minute::default(); span.div_ceil(per)];
        for (minute, counts) in &self.minutes {
            let i = usize::try_from(minute - first).unwrap_or(0) / per;
            if let Some(column) = out.get_mut(i) {
                for (a, b) in column.by_class.iter_mut().zip(counts.by_class) {
                    *a += b;
                }
                column.failing += counts.failing;
            }
        }
        out
    }

    /// Minutes covered per column of [`Picture::columns`] at `width`.
    pub fn minutes_per_column(&self, width: usize) -> i64 {
        match (self.minutes.keys().next(), self.minutes.keys().next_back()) {
            (Some(first), Some(last)) => {
                let span = last - first + 1;
                let width = i64::try_from(width.max(1)).unwrap_or(1);
                ((span + width - 1) / width).max(1)
            }
            _ => 1,
        }
    }
}

fn carrier(name: &[u8], tally: &Tally, requests: u64, failing: u64) -> Carrier {
    Carrier {
        name: String::from_utf8_lossy(name).into_owned(),
        requests,
        failing,
        p50_ms: tally.latency.quantile(0.5),
        p95_ms: tally.latency.quantile(0.95),
        p99_ms: tally.latency.quantile(0.99),
    }
}

/// "31%", "0.2%", "<0.1%".
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p == 0.0 {
        "0%".to_owned()
    } else if p < 0.1 {
        "<0.1%".to_owned()
    } else if p < 10.0 {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

/// "02:40 UTC" (with the date when it is not obvious: "2026-12-03 02:40 UTC").
pub fn minute_label(minute: i64) -> String {
    jiff::Timestamp::from_second(minute * 60).map_or_else(
        |_| format!("minute {minute}"),
        |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

/// Everything the log says, gathered once for the command line, the app's picture, the note
/// it keeps and the summary.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    pub format: Option<String>,
    pub failing: String,
    pub lines: u64,
    pub bytes: u64,
    pub unreadable: u64,
    pub first_unreadable: Option<String>,
    /// The first and last minute (Unix seconds of their start).
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub requests: u64,
    pub failing_requests: u64,
    pub onset: Option<OnsetReport>,
    pub widespread: Option<String>,
    pub sparkline: String,
    pub minutes_per_mark: i64,
    pub routes: Vec<CarrierReport>,
    pub upstreams: Vec<CarrierReport>,
    pub clients: Vec<CarrierReport>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OnsetReport {
    /// Unix seconds of the minute's start.
    pub at: i64,
    pub label: String,
    pub rate: f64,
    pub baseline: f64,
    pub at_log_start: bool,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CarrierReport {
    pub name: String,
    pub requests: u64,
    pub failing: u64,
    pub share: f64,
    pub p50_ms: Option<u32>,
    pub p95_ms: Option<u32>,
    pub p99_ms: Option<u32>,
}

impl From<Carrier> for CarrierReport {
    fn from(c: Carrier) -> Self {
        Self {
            share: c.share(),
            name: c.name,
            requests: c.requests,
            failing: c.failing,
            p50_ms: c.p50_ms,
            p95_ms: c.p95_ms,
            p99_ms: c.p99_ms,
        }
    }
}

/// Routes, upstreams and clients listed in a report.
pub const LISTED: usize = 8;
/// Marks in the sparkline.
pub const SPARK_WIDTH: usize = 60;

impl Picture {
    /// The report of this picture.
    pub fn report(&self) -> Report {
        let onset = self.onset();
        let since = onset.as_ref().map(|o| o.minute);
        let (requests, failing_requests) = self.minutes.values().fold((0u64, 0u64), |(r, f), m| {
            (r + u64::from(m.total()), f + u64::from(m.failing))
        });
        Report {
            format: self.format.as_ref().map(|f| f.name().to_owned()),
            failing: self.failing.label(),
            lines: self.lines,
            bytes: self.bytes,
            unreadable: self.unreadable,
            first_unreadable: self.first_unreadable.clone(),
            from: self.minutes.keys().next().map(|m| m * 60),
            to: self.minutes.keys().next_back().map(|m| m * 60),
            requests,
            failing_requests,
            onset: onset.map(|o| OnsetReport {
                at: o.minute * 60,
                label: minute_label(o.minute),
                rate: o.rate,
                baseline: o.baseline,
                at_log_start: o.at_log_start,
            }),
            widespread: self.widespread(),
            sparkline: self.sparkline(SPARK_WIDTH),
            minutes_per_mark: self.minutes_per_column(SPARK_WIDTH),
            routes: self
                .carriers_since(since, LISTED)
                .into_iter()
                .map(CarrierReport::from)
                .collect(),
            upstreams: Picture::top(&self.upstreams, LISTED)
                .into_iter()
                .map(CarrierReport::from)
                .collect(),
            clients: Picture::top(&self.clients, LISTED)
                .into_iter()
                .map(CarrierReport::from)
                .collect(),
        }
    }
}

impl Report {
    /// The few lines an evidence note and the summary keep: what was read, the first bad
    /// minute, how widespread, the sparkline.
    pub fn compact(&self) -> String {
        let mut out = format!(
            "Access log: {} lines ({}){}",
            self.lines,
            self.format.as_deref().unwrap_or("format not recognised"),
            if self.unreadable > 0 {
                format!(", {} unreadable", self.unreadable)
            } else {
                String::new()
            }
        );
        if let (Some(from), Some(to)) = (self.from, self.to) {
            let _ = write!(
                out,
                "\nFrom {} to {}: {} requests, {} failing ({})",
                minute_label(from / 60),
                minute_label(to / 60),
                self.requests,
                self.failing_requests,
                self.failing
            );
        }
        match &self.onset {
            Some(onset) => {
                let _ = write!(
                    out,
                    "\nFirst bad minute: {}{} ({} failing; {} before)",
                    onset.label,
                    if onset.at_log_start {
                        " (the log's first: it may have started earlier)"
                    } else {
                        ""
                    },
                    percent(onset.rate),
                    percent(onset.baseline)
                );
            }
            None if self.failing_requests == 0 => {
                let _ = write!(out, "\nNo failing requests ({}) in this log", self.failing);
            }
            None => {
                let _ = write!(
                    out,
                    "\nNo first bad minute: the failures ({} of requests) run through the whole \
                 log at about the same level; they may have started before it",
                    percent(ratio(self.failing_requests, self.requests))
                );
            }
        }
        if let Some(spread) = &self.widespread {
            let _ = write!(out, "\nHow widespread: {spread}");
        }
        if !self.sparkline.trim().is_empty() {
            let _ = write!(
                out,
                "\nFailing per {} min: {}",
                self.minutes_per_mark, self.sparkline
            );
        }
        out
    }
}

impl Picture {
    /// The answer to "how widespread is it?" the log gives, when it gives a clear one, with
    /// why: one route failing while the others are normal is `one-endpoint`; one client
    /// carrying nearly every failure, `one-tenant`; most routes failing alike, `everyone`.
    /// Anything less clear gives no answer (the figures are still in the note).
    pub fn spread_answer(&self) -> Option<(&'static str, String)> {
        let onset = self.onset();
        let since = onset.as_ref().map(|o| o.minute);
        let routes = self.carriers_since(since, usize::MAX);
        let failing: u64 = routes.iter().map(|r| r.failing).sum();
        if failing < u64::from(MIN_FAILING) * 3 {
            return None;
        }
        let worst = routes.first()?;
        let clients = Picture::top(&self.clients, 2);
        if let Some(client) = clients.first()
            && clients.len() > 1
            && client.name != "(others)"
            && ratio(
                client.failing,
                self.clients.values().map(|t| t.failing).sum(),
            ) >= 0.9
        {
            return Some((
                "one-tenant",
                format!(
                    "{} of the failures come from one client, {}",
                    percent(ratio(client.failing, failing)),
                    client.name
                ),
            ));
        }
        let others = self.others_rate(std::slice::from_ref(worst), since)?;
        if worst.failing * 10 >= failing * 9 && others < 0.01 {
            return Some((
                "one-endpoint",
                format!(
                    "{} of {} failing, other routes {}",
                    percent(worst.share()),
                    worst.name,
                    percent(others)
                ),
            ));
        }
        let busy: Vec<&Carrier> = routes.iter().filter(|r| r.requests >= 10).collect();
        let failing_routes = busy.iter().filter(|r| r.share() >= 0.2).count();
        if busy.len() >= 3 && failing_routes * 4 >= busy.len() * 3 {
            return Some((
                "everyone",
                format!(
                    "{failing_routes} of {} busy routes fail in 20% or more of their requests",
                    busy.len()
                ),
            ));
        }
        None
    }
}
