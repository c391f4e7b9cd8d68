//! `api-triage explain CODE`: one code's card, and what a command says when there is no
//! card or no such team.

use super::{Exit, Matrix, Output, Style, json, ok, render_card, to_json, visible};

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
