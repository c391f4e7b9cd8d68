//! `api-triage compare CODE CODE...`: codes side by side under the question that tells them
//! apart, with the card's labels.

use super::*;
use crate::runbook::sheet::{Label, sheet};

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
    // The codes in the order given, which is the columns' order (as in the app).
    let _ = writeln!(
        out,
        "{}",
        style.heading(&format!("Compare {}", crate::runbook::versus(codes)))
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
            if let Some(banner) = sheet(card, &runbook.name).banner() {
                col.push(format!("! {banner}"));
            }
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
