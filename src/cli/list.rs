//! `api-triage list`: the code matrix, or the codes a search finds.

use super::*;

pub(super) fn list(matrix: &Matrix, search: Option<&str>, json: bool, style: Style) -> Output {
    let hits = matrix.search(search.unwrap_or(""));
    let show_team = matrix.runbooks().len() > 2;
    if json {
        let rows: Vec<_> = hits
            .iter()
            .map(|h| {
                json!({
                    "team": h.row.team,
                    "code": h.row.code,
                    "title": h.row.title,
                    "owner": h.row.owner,
                    "own_entry": h.row.own_entry,
                })
            })
            .collect();
        return ok(to_json(&json!(rows)));
    }
    if hits.is_empty() {
        return Output {
            stdout: String::new(),
            stderr: format!(
                "api-triage: nothing matches \"{}\"; try a code (\"50\") or a word such as \
                 \"auth\", \"rate\", \"timeout\"\n",
                visible(search.unwrap_or(""))
            ),
            exit: Exit::Failed,
        };
    }
    let mut out = String::new();
    let mut rows: Vec<_> = hits.iter().map(|h| &h.row).collect();
    let searching = search.is_some_and(|s| !s.trim().is_empty());
    if !searching {
        rows.sort_by(|a, b| a.runbook.cmp(&b.runbook).then(a.code.cmp(&b.code)));
    }
    let mut last_group = None;
    for row in rows {
        let group = (row.runbook, row.code / 100);
        if !searching && last_group != Some(group) {
            if last_group.is_some() {
                out.push('\n');
            }
            let mut heading = format!("{}xx", row.code / 100);
            if show_team || matrix.runbooks().len() == 2 {
                heading = format!("{} - {heading}", row.team);
            }
            let _ = writeln!(out, "{}", style.heading(&visible(&heading)));
            last_group = Some(group);
        }
        let marker = if row.own_entry { "*" } else { " " };
        let team = if show_team && searching {
            format!("  [{}]", row.team)
        } else {
            String::new()
        };
        let line = format!(
            "{}{marker} {:<34} {}{team}",
            row.code,
            truncate(&row.title, 34),
            row.owner
        );
        let _ = writeln!(out, "{}", truncate(&visible(&line), WIDTH));
    }
    if matrix.runbooks().len() > 1 {
        out.push_str("\n* defined by the team file; others come from the default\n");
    }
    ok(out)
}
