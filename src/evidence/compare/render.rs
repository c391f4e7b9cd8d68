//! A comparison as lines of text, the differences first: the one wording of it for the
//! screen, `api-triage diff` and the escalation summary.

use super::{Change, Comparison, Part, Row};

/// What a line is, for a view to style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// "Differences (5), good → failing" or "The same in both (9)".
    Title,
    /// A group: "Status and who returned it", "Headers a CDN or cache adds"...
    Group,
    Difference,
    Same,
}

/// One line of a comparison, not yet wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareLine {
    pub kind: LineKind,
    pub text: String,
}

impl Row {
    /// The row in words: "status: 200 OK → 504 Gateway Time-out", "X-Cache: only in good
    /// (MISS)", "Date: differs on every request", with its note.
    pub fn text(&self) -> String {
        let missing = || "nothing".to_owned();
        let good = self.good.clone().unwrap_or_else(missing);
        let failing = self.failing.clone().unwrap_or_else(missing);
        let mut text = match self.change {
            Change::Changed => format!("{}: {good} → {failing}", self.name),
            Change::OnlyGood => format!("{}: only in good ({good})", self.name),
            Change::OnlyFailing => format!("{}: only in failing ({failing})", self.name),
            Change::Same if self.note.is_some() && good != failing => {
                format!("{}:", self.name)
            }
            Change::Same if good == failing => format!("{}: {good}", self.name),
            Change::Same => format!("{}: {good} and {failing}", self.name),
        };
        if let Some(note) = &self.note {
            if text.ends_with(':') {
                text.push(' ');
            } else {
                text.push_str(" · ");
            }
            text.push_str(note);
        }
        text
    }

    /// The group the row is shown under.
    fn group(&self, body_is_json: bool) -> &'static str {
        match (self.part, self.hop) {
            (Part::Status | Part::ReturnedBy, _) => "Status and who returned it",
            (Part::Header, Some(hop)) => hop.heading(),
            (Part::Header, None) => "Headers",
            (Part::Body, _) if body_is_json => "Body, field by field",
            (Part::Body, _) => "Body",
            (Part::Timing, _) => "Timing, phase by phase",
        }
    }
}

impl Comparison {
    /// Every line: the differences under their groups, then what is the same.
    pub fn lines(&self) -> Vec<CompareLine> {
        let json = self
            .differences
            .iter()
            .chain(&self.same)
            .any(|r| r.part == Part::Body && r.name.starts_with('$'));
        let mut out = Vec::new();
        let title = if self.differences.is_empty() {
            "No differences: the two responses read the same".to_owned()
        } else {
            format!("Differences ({}), good → failing", self.differences.len())
        };
        out.push(CompareLine {
            kind: LineKind::Title,
            text: title,
        });
        grouped(&self.differences, LineKind::Difference, json, &mut out);
        if !self.same.is_empty() {
            out.push(CompareLine {
                kind: LineKind::Title,
                text: format!("The same in both ({})", self.same.len()),
            });
            grouped(&self.same, LineKind::Same, json, &mut out);
        }
        if self.fields_left_out > 0 {
            out.push(CompareLine {
                kind: LineKind::Same,
                text: format!(
                    "{} more JSON fields not compared (the first 200 were)",
                    self.fields_left_out
                ),
            });
        }
        out
    }

    /// What is the same, named in one line: "status, Server, Content-Type, `$.request_id`
    /// (differs on every request)".
    pub fn same_names(&self) -> String {
        let names: Vec<String> = self
            .same
            .iter()
            .map(|r| match &r.note {
                Some(note) if r.part != Part::Timing => format!("{} ({note})", r.name),
                _ => r.name.clone(),
            })
            .collect();
        names.join(", ")
    }
}

fn grouped(rows: &[Row], kind: LineKind, json: bool, out: &mut Vec<CompareLine>) {
    let mut current = None;
    for row in rows {
        let group = row.group(json);
        if current != Some(group) {
            current = Some(group);
            out.push(CompareLine {
                kind: LineKind::Group,
                text: group.to_owned(),
            });
        }
        out.push(CompareLine {
            kind,
            text: row.text(),
        });
    }
}
