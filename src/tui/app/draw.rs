//! The frame around every screen: title bar, status bar with the save state, the help
//! overlay and the too-small message; the screen on top draws the body. The last sanitizer of
//! every cell drawn is here.

use crate::tui::screens::render;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::App;
use crate::text::visible;
use crate::tui::keymap::Context;
use crate::tui::screens::triage::{SaveStatus, TriageScreen};
use crate::tui::screens::{Screen, cut_bottom_line, cut_top_line, help, notice};

/// Below this size the screens cannot be laid out readably.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole app.
pub fn draw(buf: &mut Buffer, app: &App) {
    draw_screen(buf, app);
    sanitize_frame(buf);
}

/// The one way out to the screen: whatever a view drew, no cell may hold a control or
/// bidirectional character (a hostile header in a note, a runbook string). The screens spell
/// such characters out already; this is the last line, so a screen that forgets cannot leak.
fn sanitize_frame(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(crate::text::is_unsafe) {
            cell.set_symbol("\u{fffd}");
        }
    }
}

fn draw_screen(buf: &mut Buffer, app: &App) {
    let area = buf.area;
    let theme = app.shared.theme();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(buf, area);
        return;
    }
    let mut body = area;
    let title = cut_top_line(&mut body);
    let status = cut_bottom_line(&mut body);
    render(
        buf,
        Paragraph::new(Line::from(title_text(app, usize::from(title.width)))).style(theme.bar()),
        title,
    );
    draw_body(buf, body, app, app.screen());
    let hints_line = |width: u16| {
        Line::from(Span::styled(
            fit_hints(&hints(app), usize::from(width)),
            theme.dim(),
        ))
    };
    // The save state of a triage is always visible: nothing shown as saved is ever lost.
    let (left, save) = match &app.triage {
        Some(triage) => {
            let (text, style) = save_state(app, triage);
            // A failed save matters more than the key hints, so it may take the whole line.
            let most = if matches!(triage.save, SaveStatus::Failed(_)) {
                status.width
            } else {
                status.width / 2 + 20
            };
            let [left, right] = Layout::horizontal([
                Constraint::Min(0),
                Constraint::Length(u16::try_from(text.chars().count()).unwrap_or(40).min(most)),
            ])
            .areas(status);
            (left, Some((text, style, right)))
        }
        None => (status, None),
    };
    let notice = app
        .notice
        .as_deref()
        .map(|n| Line::from(Span::styled(visible(n), theme.warning())));
    match notice {
        // A notice that fits takes the place of the hints, as it always did.
        Some(line) if line.width() <= usize::from(left.width) => {
            render(buf, Paragraph::new(line), left);
        }
        // One that does not is shown whole above the status line (where a summary went,
        // how to fix tmux: cut at the edge, it told nothing); the next key clears it.
        // The escalation preview shows where the summary and the bundle went in full
        // already: not twice.
        Some(_) => {
            render(buf, Paragraph::new(hints_line(left.width)), left);
            let shown = |text: &String| match app.screen() {
                Screen::Export(screen) => screen.outcomes.iter().any(|o| o.text == *text),
                _ => false,
            };
            if let Some(text) = app.notice.as_ref().filter(|t| !shown(t)) {
                notice::draw(buf, body, text, theme);
            }
        }
        None => render(buf, Paragraph::new(hints_line(left.width)), left),
    }
    if let Some((text, style, right)) = save {
        render(
            buf,
            Paragraph::new(Line::from(Span::styled(visible(&text), style))),
            right,
        );
    }
    if app.help_open {
        help::draw(buf, body, app.screen_context(), theme, &app.help_scroll);
    }
}

/// The save state of the triage for the right of the status line, and its style.
fn save_state(app: &App, triage: &TriageScreen) -> (String, Style) {
    let theme = app.shared.theme();
    match &triage.save {
        SaveStatus::Pending => (" saving… ".to_owned(), theme.warning()),
        SaveStatus::Saved(at) => (
            format!(
                " saved {} · {} ",
                at.to_zoned(app.shared.zone.clone()).strftime("%H:%M:%S"),
                crate::tui::screens::triage::notes_count(triage.session.notes.len())
            ),
            theme.dim(),
        ),
        SaveStatus::Failed(e) if triage.saved_once => (
            format!(" NOT SAVED: {e} (last saved copy kept) "),
            theme.error(),
        ),
        SaveStatus::Failed(e) => (
            format!(" NOT SAVED: {e} (nothing saved yet) "),
            theme.error(),
        ),
    }
}

/// The body of `screen`; an offer drawn as a box shows the screen below it first.
fn draw_body(buf: &mut Buffer, body: Rect, app: &App, screen: &Screen) {
    let shared = &app.shared;
    match screen {
        Screen::Matrix(screen) => screen.draw(buf, body, shared),
        Screen::Card(screen) => screen.draw(buf, body, shared),
        Screen::Compare(screen) => screen.draw(buf, body, shared),
        Screen::Scenarios(screen) => screen.draw(buf, body, shared),
        Screen::Problems(screen) => screen.draw(buf, body, shared),
        Screen::Export(screen) => screen.draw(buf, body, shared),
        Screen::Run(screen) => screen.draw(buf, body, shared),
        Screen::Logs(screen) => screen.draw(buf, body, shared),
        Screen::Diff(screen) => screen.draw(buf, body, shared),
        Screen::Timeline(screen) => screen.draw(buf, body, shared),
        Screen::Draft(screen) => screen.draw(buf, body, shared),
        Screen::Triage => {
            if let Some(triage) = &app.triage {
                triage.draw(buf, body, shared);
            }
        }
        Screen::Resume(resume) => {
            let below = app
                .stack
                .len()
                .checked_sub(2)
                .and_then(|i| app.stack.get(i));
            if let Some(below) = below.filter(|s| !matches!(s, Screen::Resume(_))) {
                draw_body(buf, body, app, below);
            }
            resume.draw(buf, body, shared);
        }
    }
}

/// The title bar: the runbooks loaded, then what is on screen. When it does not fit `width`,
/// the runbooks' names go first (the matrix names them on every row): what the screen is
/// about ("compare 502 vs 500 vs 503 vs 504") must never lose its end.
fn title_text(app: &App, width: usize) -> String {
    let runbooks = app.shared.matrix.runbooks();
    let loaded = if runbooks.len() > 1 {
        let names: Vec<&str> = runbooks[1..].iter().map(|r| r.name.as_str()).collect();
        names.join(", ")
    } else {
        "embedded default runbook".to_owned()
    };
    let screen = match app.screen() {
        Screen::Matrix(_) => "code matrix".to_owned(),
        Screen::Card(card) => format!("code {}", card.code),
        Screen::Compare(compare) => format!("compare {}", crate::runbook::versus(&compare.codes)),
        Screen::Scenarios(_) => "scenarios".to_owned(),
        Screen::Triage => "triage".to_owned(),
        Screen::Export(_) => "escalate".to_owned(),
        Screen::Run(_) => "run".to_owned(),
        Screen::Logs(_) => "access log".to_owned(),
        Screen::Problems(_) => "runbook problems".to_owned(),
        Screen::Resume(resume) => format!("resume a triage for {}?", resume.code),
        Screen::Diff(_) => "known good vs failing".to_owned(),
        Screen::Timeline(_) => "timeline".to_owned(),
        Screen::Draft(draft) => match draft.kind {
            crate::tui::screens::draft::DraftKind::Update => "status update".to_owned(),
            crate::tui::screens::draft::DraftKind::HandOff => "hand-off".to_owned(),
        },
    };
    let revealed = app
        .triage
        .as_ref()
        .is_some_and(|t| t.reveal && matches!(app.screen(), Screen::Triage));
    let marker = if revealed {
        " · SECRETS SHOWN (v hides)"
    } else {
        ""
    };
    let full = visible(&format!(" api-triage · {loaded} · {screen}{marker}"));
    if full.chars().count() <= width {
        return full;
    }
    visible(&format!(" api-triage · {screen}{marker}"))
}

/// Drops whole hints from the end until the rest fits `width`, keeping `? help` last: a key
/// hint cut in half ("Ct") tells nothing, and `?` lists every key anyway.
fn fit_hints(hints: &str, width: usize) -> String {
    const HELP: &str = "? help";
    let hints = hints.trim_end();
    if hints.chars().count() <= width {
        return hints.to_owned();
    }
    let mut items: Vec<&str> = hints.split(" · ").collect();
    let has_help = items.contains(&HELP);
    items.retain(|item| *item != HELP);
    loop {
        let mut text = items.join(" · ");
        if has_help {
            text.push_str(" · ");
            text.push_str(HELP);
        }
        if text.chars().count() <= width {
            return text;
        }
        if items.len() <= 1 {
            // Not even one hint beside `? help`: the hint alone, for the renderer to cut.
            return items.first().map_or(text, |item| (*item).to_owned());
        }
        items.pop();
    }
}

/// The status bar's key hints: from the key table (`keymap::hints`), after a word on what
/// typing does where letters are text.
fn hints(app: &App) -> String {
    let context = app.context();
    let mut items: Vec<String> = match context {
        Context::Searching => vec!["type to filter".to_owned()],
        Context::InterviewInput => vec!["type the answer".to_owned()],
        Context::Editor => vec!["typing a note".to_owned()],
        _ => Vec::new(),
    };
    items.extend(
        crate::tui::keymap::hints(context)
            .into_iter()
            .map(|(keys, words)| format!("{keys} {words}")),
    );
    format!(" {}", items.join(" · "))
}

fn too_small(buf: &mut Buffer, area: Rect) {
    let message = format!(
        "Terminal too small: {}x{}. api-triage needs at least {MIN_WIDTH}x{MIN_HEIGHT}. \
         Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    render(buf, Clear, area);
    render(buf, Paragraph::new(message).wrap(Wrap { trim: true }), area);
}

#[cfg(test)]
mod tests {
    use super::fit_hints;

    #[test]
    fn hints_that_do_not_fit_lose_whole_items_from_the_end() {
        let hints = " a one · b two · c three";
        assert_eq!(fit_hints(hints, 80), hints);
        assert_eq!(fit_hints(hints, 20), " a one · b two");
        assert_eq!(fit_hints(hints, 14), " a one · b two");
        assert_eq!(fit_hints(hints, 13), " a one");
        // A single item too long for the line is left to the renderer to cut.
        assert_eq!(fit_hints(hints, 3), " a one");
    }

    #[test]
    fn the_help_hint_is_kept_to_the_last() {
        let hints = " / search · Enter open · ? help · q quit";
        assert_eq!(fit_hints(hints, 80), hints);
        assert_eq!(fit_hints(hints, 35), " / search · Enter open · ? help");
        assert_eq!(fit_hints(hints, 20), " / search · ? help");
        assert_eq!(fit_hints(hints, 12), " / search", "no half `? he`");
    }
}
