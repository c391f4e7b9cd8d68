//! The access log as a picture: while it is read, the progress (bytes and lines a second, time
//! left; Esc stops); then requests per minute and the share failing as charts with the first bad minute
//! marked, the time axis in UTC and local time, and beside it the routes that carry the
//! failures with their share failing and latency. ↑↓ picks a route to see its own curve, `z`
//! zooms to the hour around the first bad minute.
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "rates, times left and chart coordinates, shown to the eye, never counted"
)]

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};
use std::fmt::Write as _;

use super::{Command, Shared, moved_selection, wrapped};
use crate::evidence::logs::Picture;
use crate::evidence::logs::findings::{Carrier, Report, percent};
use crate::run::output::human_bytes;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Context, key_for};

/// Minutes either side of the first bad minute when zoomed.
const ZOOM_MINUTES: i64 = 30;

#[derive(Debug, Clone)]
enum State {
    Reading {
        lines: u64,
        bytes: u64,
        total: u64,
        /// Seconds since the read started.
        elapsed: f64,
    },
    Read {
        picture: Box<Picture>,
        report: Box<Report>,
        routes: Vec<Carrier>,
        /// 0: all routes; then the routes in `routes`.
        selected: usize,
        zoomed: bool,
    },
    Failed(String),
}

/// One log, being read or read.
#[derive(Debug, Clone)]
pub struct LogsScreen {
    pub id: u64,
    /// The file as the engineer named it.
    pub name: String,
    state: State,
}

impl LogsScreen {
    pub fn new(id: u64, name: String) -> Self {
        Self {
            id,
            name,
            state: State::Reading {
                lines: 0,
                bytes: 0,
                total: 0,
                elapsed: 0.0,
            },
        }
    }

    pub fn context(&self) -> Context {
        match self.state {
            State::Reading { .. } => Context::LogReading,
            _ => Context::Logs,
        }
    }

    pub fn progress(&mut self, lines: u64, bytes: u64, total: u64, elapsed: f64) {
        if matches!(self.state, State::Reading { .. }) {
            self.state = State::Reading {
                lines,
                bytes,
                total,
                elapsed,
            };
        }
    }

    pub fn read(&mut self, picture: Picture) {
        let report = picture.report();
        let since = report.onset.as_ref().map(|o| o.at / 60);
        let routes = picture.carriers_since(since, 50);
        self.state = State::Read {
            picture: Box::new(picture),
            report: Box::new(report),
            routes,
            selected: 0,
            zoomed: false,
        };
    }

    pub fn failed(&mut self, why: String) {
        self.state = State::Failed(why);
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        match (&mut self.state, action) {
            (State::Reading { .. }, Action::Stop | Action::Back) => {
                vec![
                    Command::Effect(Effect::StopLog { id: self.id }),
                    Command::Leave,
                ]
            }
            (State::Read { zoomed, report, .. }, Action::Zoom) => {
                if report.onset.is_none() {
                    return vec![Command::Notice(
                        "No first bad minute to zoom to: the whole log is shown".to_owned(),
                    )];
                }
                *zoomed = !*zoomed;
                Vec::new()
            }
            (
                State::Read {
                    selected, routes, ..
                },
                action,
            ) => {
                if let Some(moved) =
                    moved_selection(*selected, routes.len() + 1, action, shared.page())
                {
                    *selected = moved;
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, buf: &mut Buffer, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let block = Block::default().borders(Borders::ALL).title(Span::styled(
            format!(" Access log · {} ", crate::text::visible(&self.name)),
            theme.heading(),
        ));
        let inner = block.inner(area);
        render(buf, block, area);
        match &self.state {
            State::Reading {
                lines,
                bytes,
                total,
                elapsed,
            } => {
                let rate = *bytes as f64 / elapsed.max(0.001);
                let mut text = format!(
                    "Reading: {} {}, {lines} lines, {}/s",
                    human_bytes(*bytes),
                    if *total > 0 {
                        format!("of {}", human_bytes(*total))
                    } else {
                        String::new()
                    },
                    human_bytes(rate as u64)
                );
                if *total > *bytes && rate > 0.0 {
                    let _ = write!(text, ", {:.0} s left", (*total - *bytes) as f64 / rate);
                }
                let _ = write!(
                    text,
                    ". {} stops reading.",
                    key_for(Context::LogReading, &Action::Stop)
                );
                render(
                    buf,
                    Paragraph::new(wrapped(&text, inner.width, " ", " ", theme.dim())),
                    inner,
                );
            }
            State::Failed(why) => render(
                buf,
                Paragraph::new(wrapped(why, inner.width, " ", " ", theme.error())),
                inner,
            ),
            State::Read {
                picture,
                report,
                routes,
                selected,
                zoomed,
            } => Self::draw_picture(
                buf, inner, shared, picture, report, routes, *selected, *zoomed,
            ),
        }
    }

    #[expect(clippy::too_many_arguments, reason = "the parts of one drawing")]
    fn draw_picture(
        buf: &mut Buffer,
        area: Rect,
        shared: &Shared,
        picture: &Picture,
        report: &Report,
        routes: &[Carrier],
        selected: usize,
        zoomed: bool,
    ) {
        let theme = shared.theme();
        let mut head = Vec::new();
        let onset = match &report.onset {
            Some(onset) => format!(
                "First bad minute: {}{} ({} failing, {} before)",
                onset.label,
                if onset.at_log_start {
                    ", the log's first"
                } else {
                    ""
                },
                percent(onset.rate),
                percent(onset.baseline)
            ),
            None => "No first bad minute stands out".to_owned(),
        };
        head.extend(wrapped(&onset, area.width, " ", " ", theme.warning()));
        if let Some(spread) = &report.widespread {
            head.extend(wrapped(spread, area.width, " ", " ", Style::new()));
        }
        if report.unreadable > 0 {
            head.extend(wrapped(
                &format!(
                    "{} lines did not read ({}); they are counted, not shown here",
                    report.unreadable,
                    report.format.as_deref().unwrap_or("?")
                ),
                area.width,
                " ",
                " ",
                theme.dim(),
            ));
        }
        let head_height = u16::try_from(head.len()).unwrap_or(3);
        let side = if area.width >= 100 { 46 } else { 0 };
        let [head_area, body] =
            Layout::vertical([Constraint::Length(head_height), Constraint::Min(4)]).areas(area);
        render(buf, Paragraph::new(head), head_area);
        let (chart_area, list_area) = if side > 0 {
            let [a, b] =
                Layout::horizontal([Constraint::Min(30), Constraint::Length(side)]).areas(body);
            (a, b)
        } else {
            let [a, b] =
                Layout::vertical([Constraint::Percentage(60), Constraint::Min(3)]).areas(body);
            (a, b)
        };
        let route = selected.checked_sub(1).and_then(|i| routes.get(i));
        Self::draw_chart(buf, chart_area, shared, picture, report, route, zoomed);
        let mut lines = vec![Line::from(Span::styled(
            format!(" {:>5} {:>6} {:>7}  route", "fail%", "failed", "p95"),
            theme.dim(),
        ))];
        let all = Line::from(Span::styled(
            format!(
                " {:>5} {:>6} {:>7}  all routes",
                percent(if report.requests > 0 {
                    report.failing_requests as f64 / report.requests as f64
                } else {
                    0.0
                }),
                report.failing_requests,
                ""
            ),
            if selected == 0 {
                theme.selected()
            } else {
                Style::new()
            },
        ));
        lines.push(all);
        for (i, c) in routes.iter().enumerate() {
            let p95 = c
                .p95_ms
                .map_or_else(|| "-".to_owned(), |v| format!("{v}ms"));
            lines.push(Line::from(Span::styled(
                format!(
                    " {:>5} {:>6} {:>7}  {}",
                    percent(c.share()),
                    c.failing,
                    p95,
                    crate::text::visible(&c.name)
                ),
                if selected == i + 1 {
                    theme.selected()
                } else {
                    Style::new()
                },
            )));
        }
        // The upstreams and clients that carry failures, under the routes: which backend or
        // caller it is narrows the search as much as which path. Not selectable: they have
        // no curve of their own.
        for (heading, carriers) in [("upstream", &report.upstreams), ("client", &report.clients)] {
            let failing: Vec<_> = carriers.iter().filter(|c| c.failing > 0).take(3).collect();
            if failing.is_empty() {
                continue;
            }
            lines.push(Line::from(Span::styled(
                format!(" {:>5} {:>6} {:>7}  {heading}", "fail%", "failed", "p95"),
                theme.dim(),
            )));
            for c in failing {
                let p95 = c
                    .p95_ms
                    .map_or_else(|| "-".to_owned(), |v| format!("{v}ms"));
                lines.push(Line::from(format!(
                    " {:>5} {:>6} {:>7}  {}",
                    percent(c.share),
                    c.failing,
                    p95,
                    crate::text::visible(&c.name)
                )));
            }
        }
        // Keep the selected route in view.
        let height = usize::from(list_area.height);
        let skip = (selected + 2).saturating_sub(height);
        let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
        render(buf, Paragraph::new(lines), list_area);
    }

    fn draw_chart(
        buf: &mut Buffer,
        area: Rect,
        shared: &Shared,
        picture: &Picture,
        report: &Report,
        route: Option<&Carrier>,
        zoomed: bool,
    ) {
        let theme = shared.theme();
        // (minute, requests, failing) of the log or of one route.
        let points: Vec<(i64, f64, f64)> =
            match route.and_then(|r| picture.route_minutes.get(r.name.as_bytes())) {
                Some(minutes) => minutes
                    .iter()
                    .map(|(m, (r, f))| (*m, f64::from(*r), f64::from(*f)))
                    .collect(),
                None => picture
                    .minutes
                    .iter()
                    .map(|(m, c)| (*m, f64::from(c.total()), f64::from(c.failing)))
                    .collect(),
            };
        let onset = report.onset.as_ref().map(|o| o.at / 60);
        let window = match (zoomed, onset) {
            (true, Some(at)) => Some((at - ZOOM_MINUTES, at + ZOOM_MINUTES)),
            _ => None,
        };
        let points: Vec<(i64, f64, f64)> = points
            .into_iter()
            .filter(|(m, ..)| window.is_none_or(|(a, b)| (a..=b).contains(m)))
            .collect();
        let (Some(first), Some(last)) = (points.first().map(|p| p.0), points.last().map(|p| p.0))
        else {
            render(buf, Paragraph::new(" No requests in this window"), area);
            return;
        };
        let requests: Vec<(f64, f64)> = points
            .iter()
            .map(|(m, r, _)| ((m - first) as f64, *r))
            .collect();
        // The error rate, not the count: a spike in failures during a spike in traffic reads
        // as the same share, a real onset as a step up.
        let failing: Vec<(f64, f64)> = points
            .iter()
            .map(|(m, r, f)| {
                let rate = if *r > 0.0 { 100.0 * f / r } else { 0.0 };
                ((m - first) as f64, rate)
            })
            .collect();
        let span = (last - first).max(1) as f64;
        let label = |minute: i64| {
            let Ok(at) = jiff::Timestamp::from_second(minute * 60) else {
                return String::new();
            };
            let utc = at.strftime("%H:%MZ").to_string();
            let local = at
                .to_zoned(shared.zone.clone())
                .strftime("%H:%M")
                .to_string();
            if utc.starts_with(&local) {
                utc
            } else {
                format!("{utc} ({local} local)")
            }
        };
        let x_labels = vec![
            Span::raw(label(first)),
            Span::raw(label(first + (last - first) / 2)),
            Span::raw(label(last)),
        ];
        let title = match route {
            Some(r) => format!(" requests/min · {} ", crate::text::visible(&r.name)),
            None => " requests/min · all routes ".to_owned(),
        };
        // Two charts on one time axis, each on its own scale: failures a hundred times rarer
        // than requests would lie flat on a shared one.
        let [top_area, bottom_area] =
            Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
        let onset_at = onset
            .filter(|m| (first..=last).contains(m))
            .map(|m| (m - first) as f64);
        let plain = |style: Style| if shared.color { style } else { Style::new() };
        for (data, chart_area, name, style, x_axis_labels, unit) in [
            (
                &requests,
                top_area,
                title,
                plain(Style::new().fg(Color::Cyan)),
                false,
                "",
            ),
            (
                &failing,
                bottom_area,
                format!(
                    " % failing ({}) per minute · the dotted line: first bad minute ",
                    report.failing
                ),
                plain(Style::new().fg(Color::Red)),
                true,
                "%",
            ),
        ] {
            let top = data.iter().map(|p| p.1).fold(1.0, f64::max).ceil();
            let marker: Vec<(f64, f64)> = onset_at
                .map(|x| vec![(x, 0.0), (x, top)])
                .unwrap_or_default();
            let mut datasets = vec![
                Dataset::default()
                    .marker(Marker::Braille)
                    .graph_type(GraphType::Line)
                    .style(style)
                    .data(data),
            ];
            if !marker.is_empty() {
                datasets.push(
                    Dataset::default()
                        .marker(Marker::Dot)
                        .graph_type(GraphType::Line)
                        .style(theme.warning())
                        .data(&marker),
                );
            }
            let mut x_axis = Axis::default().bounds([0.0, span]);
            if x_axis_labels {
                x_axis = x_axis.labels(x_labels.clone());
            }
            let chart = Chart::new(datasets)
                .block(Block::default().title(Span::styled(name, theme.dim())))
                .x_axis(x_axis)
                .y_axis(Axis::default().bounds([0.0, top]).labels(vec![
                    Span::raw(format!("0{unit}")),
                    Span::raw(format!("{top:.0}{unit}")),
                ]));
            render(buf, chart, chart_area);
        }
    }
}
