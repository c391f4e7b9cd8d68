//! The runbook commands: `check`, `list`, `explain` and `compare`.

use super::*;
use crate::runbook::sheet::Label;

pub(super) fn check(report: &LoadReport, json: bool, style: Style) -> Output {
    let exit = if report.unreadable {
        Exit::Usage
    } else if report.findings.is_empty() {
        Exit::Ok
    } else {
        Exit::Failed
    };
    let mut stdout = String::new();
    if json {
        let value = json!({
            "ok": exit == Exit::Ok,
            "files": std::iter::once("embedded default").chain(report.files.iter().map(String::as_str)).collect::<Vec<_>>(),
            "errors": report.errors(),
            "warnings": report.warnings(),
            "findings": report.findings,
        });
        stdout = to_json(&value);
    } else {
        for finding in &report.findings {
            stdout.push_str(&finding.to_string());
            stdout.push('\n');
        }
        let files = report.files.len();
        let codes: usize = report.runbooks.iter().map(|r| r.codes.len()).sum();
        let summary = if report.findings.is_empty() {
            format!(
                "ok: embedded default and {files} team file(s), {codes} code entries, no findings"
            )
        } else {
            format!(
                "{} error(s), {} warning(s) in the embedded default and {files} team file(s)",
                report.errors(),
                report.warnings()
            )
        };
        stdout.push_str(&style.heading(&summary));
        stdout.push('\n');
    }
    Output {
        stdout,
        stderr: String::new(),
        exit,
    }
}

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

pub(super) fn explain(
    matrix: &Matrix,
    code: u16,
    team: Option<&str>,
    json: bool,
    style: Style,
) -> Output {
    let Some(runbook) = matrix.pick(team, Some(code)) else {
        return unknown_team(matrix, team);
    };
    let Some(card) = runbook.card(code) else {
        return no_card(code);
    };
    if json {
        let mut value = serde_json::to_value(&card).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("code".into(), json!(code));
            object.insert("team".into(), json!(runbook.name));
        }
        return ok(to_json(&value));
    }
    ok(render_card(&card, runbook, style))
}

pub(super) fn compare(
    matrix: &Matrix,
    codes: &[u16],
    team: Option<&str>,
    json: bool,
    style: Style,
) -> Output {
    let Some(runbook) = matrix.pick(team, codes.first().copied()) else {
        return unknown_team(matrix, team);
    };
    let mut cards = Vec::new();
    for code in codes {
        match runbook.card(*code) {
            Some(card) => cards.push(card),
            None => return no_card(*code),
        }
    }
    let comparison = Matrix::comparison(runbook, codes);
    if json {
        let value = json!({
            "team": runbook.name,
            "codes": codes,
            "comparison": comparison,
            "cards": cards.iter().map(|c| json!({
                "code": c.code, "title": c.title, "owner": c.owner, "meaning": c.meaning,
                "generated_by": c.generated_by,
                "look_first": c.look_first.first(),
            })).collect::<Vec<_>>(),
        });
        return ok(to_json(&value));
    }
    let mut out = String::new();
    let title: Vec<String> = codes.iter().map(u16::to_string).collect();
    let _ = writeln!(
        out,
        "{}",
        style.heading(&format!("Compare {}", title.join(" vs ")))
    );
    match comparison {
        Some(c) => {
            for l in wrap(&visible(&format!("Ask: {}", c.question)), WIDTH) {
                let _ = writeln!(out, "{l}");
            }
        }
        None => {
            let _ = writeln!(
                out,
                "The runbook has no comparison of these codes; read them side by side."
            );
        }
    }
    out.push('\n');
    let columns: Vec<Vec<String>> = cards
        .iter()
        .map(|card| {
            let mut col = vec![format!("{} {}", card.code, card.title)];
            if let Some(side) =
                comparison.and_then(|c| c.sides.iter().find(|s| s.code.to_string() == card.code))
            {
                col.push(format!("When: {}", side.when));
            }
            col.push(card.meaning.clone());
            // The card's labels, in the card's order (runbook::sheet).
            col.push(format!("{}: {}", Label::Owner.text(), card.owner.name));
            let layers: Vec<&str> = card.generated_by.iter().map(|l| l.label()).collect();
            if !layers.is_empty() {
                col.push(format!(
                    "{}: {}",
                    Label::ReturnedBy.text(),
                    layers.join(", ")
                ));
            }
            if !card.look_first.is_empty() {
                col.push(format!("{}:", Label::LookFirst.text()));
                for (i, look) in card.look_first.iter().enumerate() {
                    col.push(format!("{}. {}", i + 1, look.what));
                }
            }
            col
        })
        .collect();
    out.push_str(&side_by_side(&columns));
    ok(out)
}

pub(super) fn no_card(code: u16) -> Output {
    let stderr = if crate::code::StatusCode::is_valid(code) {
        format!("api-triage: the runbook has no entry for {code} and no advice for its class\n")
    } else {
        format!("api-triage: {code} is not an HTTP status code (100-599)\n")
    };
    Output {
        stderr,
        exit: Exit::Usage,
        ..Output::default()
    }
}

pub(super) fn unknown_team(matrix: &Matrix, team: Option<&str>) -> Output {
    let names: Vec<&str> = matrix.runbooks().iter().map(|r| r.name.as_str()).collect();
    Output {
        stderr: format!(
            "api-triage: no runbook named \"{}\"; loaded: {}\n",
            visible(team.unwrap_or("")),
            names.join(", ")
        ),
        exit: Exit::Usage,
        ..Output::default()
    }
}
