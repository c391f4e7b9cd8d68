//! Timing in words and bars: one text for every view (the notes view, `evidence`, the
//! summary), so they say the same.

use std::fmt::Write as _;

use super::{AtDefault, Phase, Timing};

/// A duration as an engineer reads it: `17 µs`, `4.9 ms`, `120 ms`, `1.21 s`, `60.1 s`.
pub fn duration(micros: u64) -> String {
    // Integer arithmetic, rounded half up, so the same micros always read the same.
    let round = |value: u64, unit: u64| value.saturating_add(unit / 2) / unit;
    match micros {
        0..1_000 => format!("{micros} µs"),
        1_000..9_950 => {
            let tenths = round(micros, 100);
            format!("{}.{} ms", tenths / 10, tenths % 10)
        }
        9_950..999_500 => format!("{} ms", round(micros, 1_000)),
        999_500..9_995_000 => {
            let hundredths = round(micros, 10_000);
            format!("{}.{:02} s", hundredths / 100, hundredths % 100)
        }
        _ => {
            let tenths = round(micros, 100_000);
            format!("{}.{} s", tenths / 10, tenths % 10)
        }
    }
}

/// One phase as a bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub phase: Phase,
    pub value: String,
    /// Block characters, in eighths of a cell, as long as the phase's share of the total.
    pub cells: String,
    /// The request ended in this phase, without an answer.
    pub unfinished: bool,
}

/// Eighths of a cell, as the partial blocks draw them.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// The width of the label column of a bar line.
pub const LABEL_WIDTH: usize = 10;
/// The width of the value column of a bar line.
pub const VALUE_WIDTH: usize = 8;

impl Timing {
    /// "Timing (curl -w): 60.1 s in total", with what else it knows: the redirects before,
    /// the phase it ended in, the address it reached.
    pub fn heading(&self) -> String {
        let mut out = format!(
            "Timing ({}): {} in total",
            self.source.label(),
            duration(self.total_micros)
        );
        if let Some(redirect) = self.redirect_micros {
            let _ = write!(
                out,
                ", {} of it on redirects (curl adds up every request's phases)",
                duration(redirect)
            );
        }
        if let Some(phase) = self.unfinished {
            let _ = write!(out, ", no answer: it ended during {}", phase.words());
        }
        if let Some(ip) = &self.remote_ip {
            let _ = write!(out, ", to {ip}");
        }
        out
    }

    /// A bar per phase, `width` cells at most, each as long as its share of the request.
    pub fn bars(&self, width: usize) -> Vec<Bar> {
        // Saturating: a session file could hold any numbers.
        let sum = self
            .phases
            .iter()
            .fold(0u64, |sum, p| sum.saturating_add(p.micros));
        let whole = sum.max(self.total_micros).max(1);
        let eighths_total = u64::try_from(width).unwrap_or(0).saturating_mul(8);
        self.phases
            .iter()
            .map(|p| {
                let eighths = (u128::from(p.micros) * u128::from(eighths_total)
                    + u128::from(whole) / 2)
                    / u128::from(whole);
                let eighths = usize::try_from(eighths).unwrap_or(0);
                let mut cells = "█".repeat(eighths / 8);
                if eighths % 8 > 0 {
                    cells.push(EIGHTHS[eighths % 8]);
                }
                Bar {
                    phase: p.phase,
                    value: duration(p.micros),
                    cells,
                    unfinished: self.unfinished == Some(p.phase),
                }
            })
            .collect()
    }

    /// The phases on one line: "DNS 17 µs · connect 173 µs · first byte 60.1 s · download
    /// 123 µs".
    pub fn one_line(&self) -> String {
        let parts: Vec<String> = self
            .phases
            .iter()
            .map(|p| {
                let unfinished = if self.unfinished == Some(p.phase) {
                    " (no answer)"
                } else {
                    ""
                };
                format!("{} {}{unfinished}", p.phase.label(), duration(p.micros))
            })
            .collect();
        parts.join(" · ")
    }

    /// The heading, a bar line per phase and a line per known timeout it sits at, as plain
    /// text in `width` columns (the bars get what the label and value leave).
    pub fn render(&self, flags: &[AtDefault], width: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}", self.heading());
        let room = width.saturating_sub(2 + LABEL_WIDTH + 1 + VALUE_WIDTH + 2 + 12);
        for bar in self.bars(room.max(4)) {
            let end = if bar.unfinished { " no answer" } else { "" };
            let line = format!(
                "  {:<LABEL_WIDTH$} {:>VALUE_WIDTH$}  {}{end}",
                bar.phase.label(),
                bar.value,
                bar.cells
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        for flag in flags {
            for (i, line) in crate::text::wrap(
                &format!("{}; source: {}", flag.sentence, flag.source),
                width.saturating_sub(4).max(20),
            )
            .into_iter()
            .enumerate()
            {
                let mark = if i == 0 { "  ! " } else { "    " };
                let _ = writeln!(out, "{mark}{line}");
            }
        }
        out
    }
}
