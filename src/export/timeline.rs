//! The timeline as it leaves the app: a Markdown table for the incident channel or the
//! review, and CSV for a spreadsheet, both from `Session::timeline` (the one ordering) of the
//! redacted session, optionally filtered by kind.

use std::fmt::Write as _;

use crate::session::{Entry, EntryKind};

/// Whether an entry of `kind` is kept; `None` keeps every kind.
fn kept(kinds: Option<&[EntryKind]>, kind: EntryKind) -> bool {
    kinds.is_none_or(|kinds| kinds.contains(&kind))
}

/// The timeline as a Markdown table: since the start, UTC, local time, kind, what happened.
pub fn markdown(entries: &[Entry], kinds: Option<&[EntryKind]>) -> String {
    let mut out =
        String::from("| T+ | UTC | local | kind | what |\n| --- | --- | --- | --- | --- |\n");
    for entry in entries.iter().filter(|e| kept(kinds, e.kind)) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            crate::session::model::elapsed_label(entry.stamp.since_start),
            entry.stamp.at.strftime("%Y-%m-%d %H:%M:%SZ"),
            cell(&entry.stamp.local),
            entry.kind.word(),
            cell(&entry.line)
        );
    }
    out
}

/// A table cell: one line, its pipes escaped so they cannot end the cell.
fn cell(text: &str) -> String {
    text.replace(['\r', '\n'], " ").replace('|', "\\|")
}

/// The timeline as CSV (RFC 4180 quoting; LF line ends, which every spreadsheet reads and the
/// bundle's one sanitizer keeps, where it would show a CR as text), with a header row.
pub fn csv(entries: &[Entry], kinds: Option<&[EntryKind]>) -> String {
    let mut out = String::from("utc,local,since_start_seconds,kind,what\n");
    for entry in entries.iter().filter(|e| kept(kinds, e.kind)) {
        let fields = [
            entry.stamp.at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            entry.stamp.local.clone(),
            entry.stamp.since_start.to_string(),
            entry.kind.word().to_owned(),
            entry.line.clone(),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// One CSV field, quoted when it must be. A field a spreadsheet would run as a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or CR) gets a leading `'`: a note can hold anything.
fn csv_field(text: &str) -> String {
    let mut field = text.to_owned();
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        field.insert(0, '\'');
    }
    if field.contains([',', '"', '\n', '\r']) || field.starts_with(' ') || field.ends_with(' ') {
        field = format!("\"{}\"", field.replace('"', "\"\""));
    }
    field
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{EventKind, NoteTarget, Session};
    use jiff::Timestamp;
    use jiff::tz::TimeZone;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn entries() -> Vec<Entry> {
        let mut s = Session::new(at("2026-11-23T09:00:00Z"), "D", "d", &[], Some(502));
        let utc = TimeZone::UTC;
        s.add_note(
            NoteTarget::Incident,
            "=HYPERLINK(\"http://x\") | a, \"quoted\"",
            at("2026-11-23T09:01:00Z"),
            &utc,
        );
        s.record(
            EventKind::Update {
                text: "We are investigating.".into(),
                due: None,
            },
            at("2026-11-23T09:15:00Z"),
            &utc,
        );
        s.timeline(&utc)
    }

    #[test]
    fn markdown_is_one_row_per_entry_with_pipes_escaped() {
        let md = markdown(&entries(), None);
        let rows: Vec<&str> = md.lines().collect();
        assert_eq!(rows.len(), 5, "{md}");
        assert_eq!(
            rows[2],
            "| T+00:00 | 2026-11-23 09:00:00Z | 2026-11-23 09:00:00 UTC | start | triage started (502) |"
        );
        assert!(
            rows[3].contains(r#"incident: =HYPERLINK("http://x") \| a, "quoted""#),
            "{md}"
        );
        assert!(rows[4].contains("| update | status update copied: We are investigating. |"));
        let only = markdown(&entries(), Some(&[EntryKind::Update]));
        assert_eq!(only.lines().count(), 3, "{only}");
    }

    #[test]
    fn csv_quotes_what_it_must_and_never_starts_a_formula() {
        let csv = csv(&entries(), None);
        let rows: Vec<&str> = csv.split('\n').collect();
        assert_eq!(rows[0], "utc,local,since_start_seconds,kind,what");
        assert_eq!(
            rows[1],
            "2026-11-23T09:00:00Z,2026-11-23 09:00:00 UTC,0,start,triage started (502)"
        );
        assert_eq!(
            rows[2],
            r#"2026-11-23T09:01:00Z,2026-11-23 09:01:00 UTC,60,note,"incident: =HYPERLINK(""http://x"") | a, ""quoted""""#
        );
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("-x"), "'-x");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("plain"), "plain");
        assert!(csv.ends_with('\n') && !csv.contains('\r'));
    }
}
