//! Plain-text renderings shared by the commands: a card, a command wrapped where the shell
//! allows, columns side by side.

use super::*;

/// The full card as plain text, at most [`WIDTH`] columns.
pub fn render_card(card: &Card, runbook: &TeamRunbook, style: Style) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line(&style.heading(&visible(&format!("{} {}", card.code, card.title))));
    line(&visible(&format!("Runbook: {}", runbook.name)));
    if let Some(class) = &card.fallback_class {
        line(&format!(
            "No entry for this code: showing the advice for {class}."
        ));
    }
    let mut owner = format!("Owner: {} ({})", card.owner.name, card.owner.contact);
    if let Some(escalation) = &card.owner.escalation {
        let _ = write!(owner, "; escalate: {escalation}");
    }
    for l in wrap(&visible(&owner), WIDTH) {
        line(&l);
    }
    if !card.generated_by.is_empty() {
        let layers: Vec<&str> = card.generated_by.iter().map(|l| l.label()).collect();
        line(&format!("Usually returned by: {}", layers.join(", ")));
    }
    line("");
    for l in wrap(&visible(&card.meaning), WIDTH) {
        line(&l);
    }
    line("");
    line(&style.heading("First three places to look"));
    for (i, look) in card.look_first.iter().enumerate() {
        for (j, l) in wrap(&visible(&look.what), WIDTH - 5)
            .into_iter()
            .enumerate()
        {
            line(&if j == 0 {
                format!("  {}. {l}", i + 1)
            } else {
                format!("     {l}")
            });
        }
        for l in command_lines(&look.how, "     $ ", "       ") {
            line(&l);
        }
    }
    section(
        &mut out,
        style,
        "Likely causes",
        card.causes.iter().map(|c| c.text.as_str()),
        "  - ",
    );
    section(
        &mut out,
        style,
        "Checks",
        card.checks.iter().map(String::as_str),
        "  [ ] ",
    );
    if !card.examples.is_empty() {
        out.push('\n');
        out.push_str(&style.heading("Example requests"));
        out.push('\n');
        for example in &card.examples {
            let kind = match example.kind {
                crate::runbook::model::ExampleKind::Good => "good",
                crate::runbook::model::ExampleKind::Failing => "failing",
            };
            let head = format!("  {kind}: {} (expect {})", example.name, example.expect);
            for l in wrap(&visible(&head), WIDTH) {
                out.push_str(&l);
                out.push('\n');
            }
            for l in command_lines(&example.request, "     $ ", "       ") {
                out.push_str(&l);
                out.push('\n');
            }
            if let Some(note) = &example.note {
                for l in wrap(&visible(note), WIDTH - 5) {
                    let _ = writeln!(out, "     {l}");
                }
            }
        }
    }
    if !card.needs.is_empty() {
        out.push('\n');
        let needs: Vec<&str> = card.needs.iter().map(|n| n.label()).collect();
        for l in wrap(
            &format!("Collect before escalating: {}", needs.join(", ")),
            WIDTH,
        ) {
            let _ = writeln!(out, "{l}");
        }
    }
    if !card.compare.is_empty() {
        let codes: Vec<String> = card.compare.iter().map(u16::to_string).collect();
        let _ = writeln!(
            out,
            "Often confused with: {} (api-triage compare {} {})",
            codes.join(", "),
            card.code,
            codes.join(" ")
        );
    }
    out
}

pub(super) fn section<'a>(
    out: &mut String,
    style: Style,
    title: &str,
    items: impl Iterator<Item = &'a str>,
    bullet: &str,
) {
    let items: Vec<&str> = items.collect();
    if items.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(&style.heading(title));
    out.push('\n');
    let indent = " ".repeat(bullet.chars().count());
    for item in items {
        for (i, l) in wrap(&visible(item), WIDTH - indent.len())
            .into_iter()
            .enumerate()
        {
            let _ = writeln!(out, "{}{l}", if i == 0 { bullet } else { &indent });
        }
    }
}

/// A command wrapped to the width with shell line continuations, so it still pastes and runs:
/// lines break only at a space the shell would split on (never inside quotes or after a
/// backslash), and a word longer than the line stays whole.
pub(super) fn command_lines(command: &str, first: &str, rest: &str) -> Vec<String> {
    let command = visible(command);
    let width = WIDTH - first.len() - 2;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in shell_words(&command) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    let last = lines.len().saturating_sub(1);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let prefix = if i == 0 { first } else { rest };
            let tail = if i == last { "" } else { " \\" };
            format!("{prefix}{piece}{tail}")
        })
        .collect()
}

/// The words of a shell command as written (quotes and escapes kept), split only at
/// whitespace outside quotes: every gap between two of them is a safe place for ` \⏎`.
pub(super) fn shell_words(command: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in command.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('"') | None, '\\') => {
                escaped = true;
                start.get_or_insert(i);
            }
            (Some(_), _) => {}
            (None, '\'' | '"') => {
                quote = Some(c);
                start.get_or_insert(i);
            }
            (None, c) if c.is_whitespace() => {
                if let Some(from) = start.take() {
                    words.push(&command[from..i]);
                }
            }
            (None, _) => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(from) = start {
        words.push(&command[from..]);
    }
    words
}

/// Lays out columns of paragraphs side by side when each can be at least 24 wide, otherwise
/// one after the other.
pub(super) fn side_by_side(columns: &[Vec<String>]) -> String {
    let mut out = String::new();
    let n = columns.len().max(1);
    let gap = 3;
    let width = (WIDTH - gap * (n - 1)) / n;
    if width < 24 {
        for col in columns {
            for paragraph in col {
                for l in wrap(&visible(paragraph), WIDTH) {
                    let _ = writeln!(out, "{l}");
                }
            }
            out.push('\n');
        }
        return out;
    }
    let wrapped: Vec<Vec<String>> = columns
        .iter()
        .map(|col| {
            let mut lines = Vec::new();
            for (i, paragraph) in col.iter().enumerate() {
                if i > 0 {
                    lines.push(String::new());
                }
                lines.extend(wrap(&visible(paragraph), width));
            }
            lines
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
    for row in 0..height {
        let mut line = String::new();
        for (i, col) in wrapped.iter().enumerate() {
            let cell = col.get(row).map_or("", String::as_str);
            if i + 1 < wrapped.len() {
                let pad = width.saturating_sub(cell.chars().count());
                let _ = write!(line, "{cell}{}{}", " ".repeat(pad), " ".repeat(gap));
            } else {
                line.push_str(cell);
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

pub(super) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
