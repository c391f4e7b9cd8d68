//! The app's side of reading an access log: the logs screen opened at once (showing progress),
//! then the picture handed to it and the log's account kept in the triage.

use super::App;
use crate::evidence::logs::Picture;
use crate::tui::effect::Effect;
use crate::tui::screens::Screen;
use crate::tui::screens::logs::LogsScreen;

impl App {
    /// Opens the logs screen for `path` and asks the event loop to read it.
    pub(super) fn open_log(&mut self, path: String) -> Vec<Effect> {
        if path.trim().is_empty() {
            self.notice = Some("No log read: type the path of an access log".to_owned());
            return Vec::new();
        }
        self.next_run += 1;
        let id = self.next_run;
        self.stack
            .push(Screen::Logs(Box::new(LogsScreen::new(id, path.clone()))));
        vec![Effect::ReadLog { id, path }]
    }

    fn logs_screen(&mut self, id: u64) -> Option<&mut LogsScreen> {
        self.stack.iter_mut().find_map(|s| match s {
            Screen::Logs(logs) if logs.id == id => Some(&mut **logs),
            _ => None,
        })
    }

    /// How far the reading of log `id` has come.
    pub fn log_progress(&mut self, id: u64, lines: u64, bytes: u64, total: u64, elapsed: f64) {
        if let Some(screen) = self.logs_screen(id) {
            screen.progress(lines, bytes, total, elapsed);
        }
    }

    /// Log `id` was read (or could not be): the picture goes to its screen, its account into
    /// the triage as a note that answers what it can. Whether the session changed.
    pub fn log_read(&mut self, id: u64, result: Result<Picture, String>) -> bool {
        let now = self.shared.now;
        let zone = self.shared.zone.clone();
        let Some(screen) = self.logs_screen(id) else {
            return false;
        };
        let name = screen.name.clone();
        match result {
            Err(why) => {
                screen.failed(why);
                false
            }
            Ok(picture) if picture.format.is_none() => {
                screen.failed(format!(
                    "{name}: the format was not recognised from its first lines{}. Read it with \
                     `api-triage logs --format ...` or name its JSON fields there.",
                    picture
                        .first_unreadable
                        .as_deref()
                        .map(|l| format!(" (the first: {})", crate::text::visible(l)))
                        .unwrap_or_default()
                ));
                false
            }
            Ok(picture) => {
                let line = self
                    .triage
                    .as_mut()
                    .map(|t| t.session.add_log_note(&name, &picture, now, &zone));
                if let Some(screen) = self.logs_screen(id) {
                    screen.read(picture);
                }
                if let (Some(line), Some(triage)) = (line, self.triage.as_mut()) {
                    triage.evidence = Some(line);
                    return true;
                }
                false
            }
        }
    }
}

impl App {
    /// What counts as failing in a log read now: the triage's code when it is a 4xx (a 429
    /// storm, a 401 wave), else any 5xx.
    pub fn log_failing(&self) -> crate::evidence::logs::Failing {
        let code = self.triage.as_ref().and_then(|t| {
            let runbook = self.shared.runbook(t.runbook)?;
            t.code(runbook)
        });
        crate::evidence::logs::Failing::for_code(code)
    }
}
