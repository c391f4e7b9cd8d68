//! Plain-text renderings shared by the commands: a card, a command wrapped where the shell
//! allows, columns side by side.

use super::*;
use crate::runbook::sheet::{Label, Part, sheet};

/// The full card as plain text, at most [`WIDTH`] columns: the card's [`sheet`], read in
/// its order under its labels.
pub fn render_card(card: &Card, runbook: &TeamRunbook, style: Style) -> String {
    let sheet = sheet(card, &runbook.name);
    let mut out = String::new();
    let _ = writeln!(out, "{}", style.heading(&visible(&sheet.heading())));
    for (i, section) in sheet.sections.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if let Some(heading) = section.heading {
            let _ = writeln!(out, "{}", style.heading(heading.text()));
        }
        for part in &section.parts {
            render_part(&mut out, part);
        }
    }
    out
}

fn render_part(out: &mut String, part: &Part) {
    match part {
        // Marked so it is seen without colour, before any advice.
        Part::Banner(text) => indented(out, text, "! ", "  "),
        Part::FallbackNotice(text) | Part::Meaning(text) => indented(out, text, "", ""),
        Part::Fact { label, text } => indented(out, &format!("{}: {text}", label.text()), "", "  "),
        Part::Step {
            number,
            what,
            command,
        } => {
            indented(out, what, &format!("  {number}. "), "     ");
            lines(out, command_lines(command, "     $ ", "       "));
        }
        Part::Cause(text) => indented(out, text, "  - ", "    "),
        Part::Check { text, .. } => indented(out, text, "  [ ] ", "      "),
        Part::Example {
            kind_label,
            summary,
            request,
            note,
            ..
        } => {
            indented(out, &format!("{kind_label}: {summary}"), "  ", "     ");
            lines(out, command_lines(request, "     $ ", "       "));
            if let Some(note) = note {
                indented(out, note, "     ", "     ");
            }
        }
        Part::ConfusedWith { code, others } => {
            let codes: Vec<String> = others.iter().map(u16::to_string).collect();
            // One line, so the command in it can be copied whole.
            let _ = writeln!(
                out,
                "{}",
                visible(&format!(
                    "{}: {} (api-triage compare {code} {})",
                    Label::ConfusedWith.text(),
                    codes.join(", "),
                    codes.join(" ")
                ))
            );
        }
    }
}

/// `text` made visible and wrapped to [`WIDTH`], its first line after `first` and the others
/// after `rest`.
fn indented(out: &mut String, text: &str, first: &str, rest: &str) {
    let indent = first.chars().count().max(rest.chars().count());
    for (i, l) in wrap(&visible(text), WIDTH - indent).into_iter().enumerate() {
        let _ = writeln!(out, "{}{l}", if i == 0 { first } else { rest });
    }
}

fn lines(out: &mut String, lines: Vec<String>) {
    for l in lines {
        let _ = writeln!(out, "{l}");
    }
}

/// A command wrapped to the width with shell line continuations, so it still pastes and runs:
/// lines break only at a space the shell would split on (never inside quotes or after a
/// backslash), and a word longer than the line stays whole (the terminal's own soft wrap
/// keeps it one piece for copying). The same wrapper draws commands in the app.
pub(super) fn command_lines(command: &str, first: &str, rest: &str) -> Vec<String> {
    let command = visible(command);
    let width = WIDTH - first.chars().count().max(rest.chars().count());
    crate::text::wrap_command(&command, width, crate::text::LongWords::Keep)
        .into_iter()
        .enumerate()
        .map(|(i, piece)| format!("{}{piece}", if i == 0 { first } else { rest }))
        .collect()
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

/// A message wrapped at spaces to `width`, each of its lines on its own, later pieces of a
/// line after `indent`. Only spaces break a line, so punctuation stays with the word before it
/// ("(pid 28827);" never leaves ");" alone on a line, as a terminal cutting at its edge
/// would), and a word longer than the line (a path) stays whole, to be copied in one piece.
pub fn wrap_message(text: &str, width: usize, indent: &str) -> String {
    let options = textwrap::Options::new(width.max(20))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
        .subsequent_indent(indent);
    let mut out = String::new();
    for line in text.lines() {
        for piece in textwrap::wrap(line, &options) {
            out.push_str(&piece);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap_message;

    #[test]
    fn punctuation_stays_with_its_word_and_long_words_stay_whole() {
        let message = "api-triage: session 20261123-090000-502 is open in another api-triage \
                       (pid 28827); close it there first";
        assert_eq!(
            wrap_message(message, 80, "  "),
            "api-triage: session 20261123-090000-502 is open in another api-triage (pid\n  \
             28827); close it there first\n"
        );
        let path = format!("see /{}", "x".repeat(40));
        assert_eq!(
            wrap_message(&path, 20, ""),
            format!("see\n/{}\n", "x".repeat(40))
        );
        assert_eq!(wrap_message("a\nb", 80, "  "), "a\nb\n");
    }
}
