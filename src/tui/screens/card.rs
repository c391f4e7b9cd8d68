//! The code card: meaning, owner, the first three places to look, causes, checks, examples
//! and look-alikes of one status code, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Command, Scroll, Shared, heading, wrapped};
use crate::runbook::model::ExampleKind;
use crate::text::visible;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// Width from which the good and failing examples are shown side by side.
const SIDE_BY_SIDE: u16 = 100;

/// One code's card, scrolled.
#[derive(Debug, Clone)]
pub struct CardScreen {
    pub runbook: usize,
    pub code: u16,
    pub scroll: Scroll,
}

impl CardScreen {
    pub fn new(runbook: usize, code: u16) -> Self {
        Self {
            runbook,
            code,
            scroll: Scroll::default(),
        }
    }

    pub fn update(&mut self, action: &Action, shared: &Shared) -> Vec<Command> {
        if self.scroll.apply(action, shared.page()) {
            return Vec::new();
        }
        match action {
            Action::Compare => compare_look_alikes(shared, self.runbook, self.code),
            _ => Vec::new(),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, shared: &Shared) {
        let theme = shared.theme();
        let inner_width = area.width.saturating_sub(2);
        let lines = lines(shared, theme, self.runbook, self.code, inner_width);
        let scroll = self
            .scroll
            .clamp(lines.len(), usize::from(area.height.saturating_sub(2)));
        let title = shared
            .card(self.runbook, self.code)
            .map(|c| visible(&format!(" {} {} ", c.code, c.title)))
            .unwrap_or_default();
        let block = Block::default()
            .borders(Borders::ALL)
            .title(Span::styled(title, theme.code()));
        frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
    }
}

/// `c` on a code: the code beside the codes its card says it is confused with.
pub fn compare_look_alikes(shared: &Shared, runbook: usize, code: u16) -> Vec<Command> {
    let mut codes = vec![code];
    if let Some(card) = shared.card(runbook, code) {
        codes.extend(card.compare.iter().copied().filter(|c| *c != code));
    }
    super::compare::open(runbook, codes)
}

/// The card's lines at `width`.
fn lines(
    shared: &Shared,
    theme: Theme,
    runbook: usize,
    code: u16,
    width: u16,
) -> Vec<Line<'static>> {
    let Some(card) = shared.card(runbook, code) else {
        return vec![Line::from(format!("{code} is not an HTTP status code."))];
    };
    let name = shared.runbook(runbook).map_or("", |r| r.name.as_str());
    let mut out = Vec::new();
    if let Some(class) = &card.fallback_class {
        out.extend(wrapped(
            &format!("No entry for {code} in the runbook: this is the advice for {class}."),
            width,
            "",
            "",
            theme.warning(),
        ));
    }
    let mut owner = format!("{} · {}", card.owner.name, card.owner.contact);
    if let Some(escalation) = &card.owner.escalation {
        owner.push_str(" · escalate: ");
        owner.push_str(escalation);
    }
    out.extend(wrapped(
        &owner,
        width,
        "Owner:   ",
        "         ",
        theme.heading(),
    ));
    if !card.generated_by.is_empty() {
        let layers: Vec<&str> = card.generated_by.iter().map(|l| l.label()).collect();
        out.extend(wrapped(
            &layers.join(", "),
            width,
            "From:    ",
            "         ",
            ratatui::style::Style::new(),
        ));
    }
    out.extend(wrapped(name, width, "Runbook: ", "         ", theme.dim()));
    out.push(Line::default());
    out.extend(wrapped(
        &card.meaning,
        width,
        "",
        "",
        ratatui::style::Style::new(),
    ));
    out.push(Line::default());
    out.push(heading("First three places to look", theme));
    for (i, look) in card.look_first.iter().enumerate() {
        let number = format!(" {}. ", i + 1);
        out.extend(wrapped(&look.what, width, &number, "    ", theme.heading()));
        out.extend(wrapped(
            &look.how,
            width,
            "    $ ",
            "      ",
            theme.command(),
        ));
    }
    if !card.causes.is_empty() {
        out.push(Line::default());
        out.push(heading("Likely causes", theme));
        for cause in &card.causes {
            out.extend(wrapped(
                &cause.text,
                width,
                " - ",
                "   ",
                ratatui::style::Style::new(),
            ));
        }
    }
    if !card.checks.is_empty() {
        out.push(Line::default());
        out.push(heading("Checks", theme));
        for (i, check) in card.checks.iter().enumerate() {
            let number = format!(" {:>2}. ", i + 1);
            out.extend(wrapped(
                check,
                width,
                &number,
                "     ",
                ratatui::style::Style::new(),
            ));
        }
    }
    if !card.examples.is_empty() {
        out.push(Line::default());
        out.push(heading("Example requests", theme));
        out.extend(examples(&card.examples, width, theme));
    }
    if !card.needs.is_empty() {
        out.push(Line::default());
        let needs: Vec<&str> = card.needs.iter().map(|n| n.label()).collect();
        out.extend(wrapped(
            &needs.join(", "),
            width,
            "Collect before escalating: ",
            "  ",
            theme.warning(),
        ));
    }
    if !card.compare.is_empty() {
        let codes: Vec<String> = card.compare.iter().map(u16::to_string).collect();
        out.extend(wrapped(
            &format!("{} (press c to compare)", codes.join(", ")),
            width,
            "Often confused with: ",
            "  ",
            theme.code(),
        ));
    }
    out
}

fn example_lines(
    example: &crate::runbook::model::Example,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let (label, style) = match example.kind {
        ExampleKind::Good => ("good", theme.command()),
        ExampleKind::Failing => ("failing", theme.error()),
    };
    let mut out = vec![Line::from(vec![
        Span::styled(format!(" {label}"), style),
        Span::raw(visible(&format!(": {} → {}", example.name, example.expect))),
    ])];
    out.extend(wrapped(
        &example.request,
        width,
        "   $ ",
        "     ",
        theme.command(),
    ));
    if let Some(note) = &example.note {
        out.extend(wrapped(note, width, "   ", "   ", theme.dim()));
    }
    out
}

/// Good and failing examples: side by side when wide enough, else one after the other.
fn examples(
    examples: &[crate::runbook::model::Example],
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let good: Vec<_> = examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Good)
        .collect();
    let failing: Vec<_> = examples
        .iter()
        .filter(|e| e.kind == ExampleKind::Failing)
        .collect();
    if width < SIDE_BY_SIDE || good.is_empty() || failing.is_empty() {
        return examples
            .iter()
            .flat_map(|e| example_lines(e, width, theme))
            .collect();
    }
    let half = (width - 2) / 2;
    let left: Vec<Line<'static>> = good
        .iter()
        .flat_map(|e| example_lines(e, half, theme))
        .collect();
    let right: Vec<Line<'static>> = failing
        .iter()
        .flat_map(|e| example_lines(e, half, theme))
        .collect();
    let rows = left.len().max(right.len());
    (0..rows)
        .map(|i| {
            let mut spans = Vec::new();
            let l = left.get(i).cloned().unwrap_or_default();
            let used = l.width();
            spans.extend(l.spans);
            spans.push(Span::raw(
                " ".repeat(usize::from(half).saturating_sub(used) + 2),
            ));
            if let Some(r) = right.get(i) {
                spans.extend(r.spans.clone());
            }
            Line::from(spans)
        })
        .collect()
}
