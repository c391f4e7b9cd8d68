//! The app's first frame, drawn and sent before the terminal object ratatui keeps between
//! frames exists. That object holds two whole-screen buffers; each is about 230 KB at 120x40,
//! and filling memory the process has never touched is, on a virtual machine, the costliest
//! thing before the first frame (one page fault per 4 KB). The first frame needs one buffer:
//! the screen it is sent to is blank, so what differs from a blank screen is found a row at a
//! time. The terminal object is made once the frame is out, and takes the frame as the one
//! its next draw is compared with.

use std::io;

use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::app::{self, App};
use crate::matrix::Matrix;

/// Draws the code matrix from what its first frame shows of the runbooks (see
/// `runbook::snapshot::first_screen_of`), before the whole runbooks are there, and sends it;
/// returns the frame sent, for [`keep_as_shown`]. The app drawn from the whole right after
/// gives the same frame, so nothing more is sent for it.
pub fn draw_first_screen<B: Backend>(
    backend: &mut B,
    first: crate::runbook::TeamRunbook,
    color: bool,
) -> io::Result<Buffer>
where
    B::Error: Into<io::Error>,
{
    let mut app = App::new(Matrix::new(vec![first]), Vec::new(), color);
    let size = backend.size().map_err(Into::into)?;
    app.shared.viewport = (size.width, size.height);
    app.shared.zone = crate::startup::local_zone();
    app.shared.now = jiff::Timestamp::now();
    let mut screen = Buffer::empty(Rect::from((Position::ORIGIN, size)));
    app::draw(&mut screen, &app);
    send_to_blank_screen(backend, &screen).map_err(Into::into)?;
    Ok(screen)
}

/// Sends `screen` to a terminal showing a blank screen: the same bytes ratatui's first draw
/// sends (its diff against an empty buffer, then the cursor hidden, then one flush).
pub fn send_to_blank_screen<B: Backend>(backend: &mut B, screen: &Buffer) -> Result<(), B::Error> {
    let width = usize::from(screen.area.width);
    let cells = differing_from_blank(screen)
        .into_iter()
        .filter_map(|(x, y)| {
            let index = usize::from(y - screen.area.y) * width + usize::from(x - screen.area.x);
            screen.content.get(index).map(|cell| (x, y, cell))
        });
    backend.draw(cells)?;
    backend.hide_cursor()?;
    backend.flush()
}

/// Where `screen` differs from a blank screen, found by ratatui's own diff one row at a time
/// against a blank row. Row by row gives what the whole-screen diff gives because nothing
/// drawn spans two rows: a wide character never starts in the last column (ratatui does not
/// place what does not fit). Positions only: a copy of the cells would cost as many fresh
/// pages as the buffer saved.
fn differing_from_blank(screen: &Buffer) -> Vec<(u16, u16)> {
    let width = usize::from(screen.area.width);
    let mut blank = Buffer::empty(Rect {
        height: 1,
        ..screen.area
    });
    let mut row = blank.clone();
    let mut positions = Vec::new();
    if width == 0 {
        return positions;
    }
    for (y, line) in (screen.area.y..).zip(screen.content.chunks_exact(width)) {
        blank.area.y = y;
        row.area.y = y;
        row.content.clone_from_slice(line);
        positions.extend(blank.diff(&row).into_iter().map(|(x, y, _)| (x, y)));
    }
    positions
}

/// Makes `shown` the frame `terminal`'s next draw is compared with, when it is the size of
/// the terminal now (after a resize the next draw sends everything, as it must).
pub fn keep_as_shown<B: Backend>(terminal: &mut ratatui::Terminal<B>, mut shown: Buffer) {
    let current = terminal.current_buffer_mut();
    if current.area == shown.area {
        std::mem::swap(current, &mut shown);
        terminal.swap_buffers();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::{Terminal, TerminalOptions, Viewport};
    use std::cell::RefCell;
    use std::rc::Rc;

    /// The bytes a backend wrote, readable while the backend still holds its writer.
    #[derive(Clone, Default)]
    struct Recorder(Rc<RefCell<Vec<u8>>>);

    impl io::Write for Recorder {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Recorder {
        fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.borrow()).into_owned()
        }
    }

    fn terminal_of(area: Rect) -> (Terminal<CrosstermBackend<Recorder>>, Recorder) {
        let recorder = Recorder::default();
        let options = TerminalOptions {
            viewport: Viewport::Fixed(area),
        };
        let terminal =
            Terminal::with_options(CrosstermBackend::new(recorder.clone()), options).unwrap();
        (terminal, recorder)
    }

    /// What ratatui's own first draw of `screen` sends, on a terminal of its size.
    fn ratatui_first_draw(screen: &Buffer) -> Vec<u8> {
        let (mut terminal, recorder) = terminal_of(screen.area);
        terminal
            .draw(|frame| frame.buffer_mut().clone_from(screen))
            .unwrap();
        recorder.0.borrow().clone()
    }

    fn sent_to_blank(screen: &Buffer) -> Vec<u8> {
        let recorder = Recorder::default();
        let mut backend = CrosstermBackend::new(recorder.clone());
        send_to_blank_screen(&mut backend, screen).unwrap();
        recorder.0.borrow().clone()
    }

    fn first_screen(width: u16, height: u16) -> Buffer {
        let runbook = crate::runbook::snapshot::embedded_first_screen(None)
            .expect("the first-screen snapshot is made from the compiled-in default");
        let mut app = App::new(Matrix::new(vec![runbook]), Vec::new(), true);
        app.shared.viewport = (width, height);
        app.shared.zone = jiff::tz::TimeZone::UTC;
        app.shared.now = "2026-12-03T03:00:00Z".parse().unwrap();
        let mut screen = Buffer::empty(Rect::new(0, 0, width, height));
        app::draw(&mut screen, &app);
        screen
    }

    #[test]
    fn the_first_screen_goes_out_as_ratatui_sends_it() {
        for (width, height) in [(120, 40), (80, 24), (200, 60), (60, 16), (30, 8)] {
            let screen = first_screen(width, height);
            let sent = sent_to_blank(&screen);
            assert!(
                width < 60 || String::from_utf8_lossy(&sent).contains("? help"),
                "{width}x{height}: the status bar is in the frame"
            );
            assert_eq!(
                sent,
                ratatui_first_draw(&screen),
                "{width}x{height}: the same bytes"
            );
        }
    }

    #[test]
    fn wide_characters_styles_and_blank_cells_with_a_background_go_out_as_ratatui_sends_them() {
        let mut screen = Buffer::empty(Rect::new(0, 0, 12, 4));
        screen.set_string(0, 0, "漢字 ok", Style::default().fg(Color::Red));
        screen.set_string(10, 1, "界x", Style::default());
        screen.set_string(3, 2, "   ", Style::default().bg(Color::Blue));
        screen.set_string(0, 3, "❤️ é", Style::default().add_modifier(Modifier::BOLD));
        assert_eq!(sent_to_blank(&screen), ratatui_first_draw(&screen));
    }

    #[test]
    fn the_frame_kept_as_shown_is_what_the_next_draw_is_compared_with() {
        let screen = first_screen(80, 24);
        let (mut terminal, recorder) = terminal_of(screen.area);
        keep_as_shown(&mut terminal, screen.clone());
        terminal
            .draw(|frame| frame.buffer_mut().clone_from(&screen))
            .unwrap();
        let again = recorder.text();
        assert!(
            !again.contains("? help"),
            "nothing of the frame is sent twice: {again:?}"
        );
        // A screen of another size is not kept: the next draw sends the whole frame.
        let (mut other, other_recorder) = terminal_of(Rect::new(0, 0, 81, 24));
        keep_as_shown(&mut other, screen);
        let bigger = first_screen(81, 24);
        other
            .draw(|frame| frame.buffer_mut().clone_from(&bigger))
            .unwrap();
        assert!(other_recorder.text().contains("? help"));
    }
}
