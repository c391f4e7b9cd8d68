//! Moving between screens and within them: back, open, compare, marks, typing a code or a
//! search, the matrix rows, scrolling.

use super::{App, MAX_COMPARE, Row, Screen, isize_of, views};

impl App {
    pub(super) fn back(&mut self) {
        if matches!(self.screen(), Screen::Matrix) {
            if self.table.searching || !self.table.query.is_empty() {
                self.table.searching = false;
                self.table.query.clear();
                self.refresh_rows();
            } else if !self.table.marked.is_empty() {
                self.table.marked.clear();
                self.notice = Some("Marks cleared".to_owned());
            }
            return;
        }
        self.stack.pop();
        if self.stack.is_empty() {
            self.stack.push(Screen::Matrix);
        }
    }

    /// The runbook the current screen is about, or the one to use for a new view.
    pub(super) fn current_runbook(&self) -> usize {
        match self.screen() {
            Screen::Card { runbook, .. }
            | Screen::Compare { runbook, .. }
            | Screen::Scenarios { runbook, .. } => *runbook,
            Screen::Triage | Screen::Export { .. } => self.triage.as_ref().map_or(0, |t| t.runbook),
            Screen::Matrix => self
                .table
                .rows
                .get(self.table.selected)
                .map_or_else(|| self.runbook_index_for(None), |r| r.runbook),
            Screen::Problems { .. } => self.runbook_index_for(None),
        }
    }

    /// The code the current screen is about, if any, with its runbook.
    pub(super) fn current_code(&self) -> (usize, Option<u16>) {
        match self.screen() {
            Screen::Card { runbook, code, .. } => (*runbook, Some(*code)),
            Screen::Compare { runbook, codes, .. } => (*runbook, codes.first().copied()),
            Screen::Matrix => self
                .table
                .rows
                .get(self.table.selected)
                .map_or((self.runbook_index_for(None), None), |r| {
                    (r.runbook, Some(r.code))
                }),
            Screen::Scenarios { runbook, selected } => (
                *runbook,
                self.scenarios(*runbook)
                    .get(*selected)
                    .and_then(|s| s.codes.first().copied()),
            ),
            Screen::Triage | Screen::Export { .. } => self
                .triage
                .as_ref()
                .map_or((0, None), |t| (t.runbook, t.session.code)),
            Screen::Problems { .. } => (self.runbook_index_for(None), None),
        }
    }

    pub(super) fn runbook_index_for(&self, code: Option<u16>) -> usize {
        let picked = self.matrix.pick(None, code);
        self.matrix
            .runbooks()
            .iter()
            .position(|r| picked.is_some_and(|p| std::ptr::eq(p, r)))
            .unwrap_or(0)
    }

    pub(super) fn open(&mut self) {
        match self.screen().clone() {
            Screen::Matrix => {
                self.table.searching = false;
                self.table.picked = true;
                if let Some(row) = self.table.rows.get(self.table.selected) {
                    self.stack.push(Screen::Card {
                        runbook: row.runbook,
                        code: row.code,
                        scroll: 0,
                    });
                }
            }
            Screen::Scenarios { runbook, selected } => {
                let Some(scenario) = self.scenarios(runbook).get(selected) else {
                    return;
                };
                let codes = scenario.codes.clone();
                match codes.as_slice() {
                    [] => {}
                    [code] => self.stack.push(Screen::Card {
                        runbook,
                        code: *code,
                        scroll: 0,
                    }),
                    _ => self.stack.push(Screen::Compare {
                        runbook,
                        codes: codes.into_iter().take(MAX_COMPARE).collect(),
                        scroll: 0,
                    }),
                }
            }
            Screen::Problems { .. } => self.back(),
            _ => {}
        }
    }

    pub(super) fn compare(&mut self) {
        let (runbook, codes) = match self.screen() {
            Screen::Matrix if self.table.marked.len() >= 2 => {
                let first = self.table.marked.iter().next().map_or(0, |m| m.0);
                let codes: Vec<u16> = self
                    .table
                    .marked
                    .iter()
                    .filter(|m| m.0 == first)
                    .map(|m| m.1)
                    .collect();
                (first, codes)
            }
            _ => {
                let (runbook, Some(code)) = self.current_code() else {
                    return;
                };
                let mut codes = vec![code];
                if let Some(card) = self.card(runbook, code) {
                    codes.extend(card.compare.iter().copied().filter(|c| *c != code));
                }
                (runbook, codes)
            }
        };
        if codes.len() < 2 {
            self.notice = Some(
                "Nothing to compare: mark codes with Space, or open a code that lists look-alikes"
                    .to_owned(),
            );
            return;
        }
        if codes.len() > MAX_COMPARE {
            self.notice = Some(format!("Comparing the first {MAX_COMPARE} codes"));
        }
        self.stack.push(Screen::Compare {
            runbook,
            codes: codes.into_iter().take(MAX_COMPARE).collect(),
            scroll: 0,
        });
    }

    pub(super) fn toggle_mark(&mut self) {
        let Some(row) = self.table.rows.get(self.table.selected) else {
            return;
        };
        let key = (row.runbook, row.code);
        if !self.table.marked.remove(&key) {
            self.table.marked.insert(key);
        }
        self.move_by(1);
    }

    pub(super) fn type_char(&mut self, c: char) {
        if self.table.searching {
            self.table.query.push(c);
            self.refresh_rows();
            return;
        }
        // Digits on the matrix jump to the first code that starts with them.
        if self.table.digits.len() >= 3 {
            self.table.digits.clear();
        }
        self.table.digits.push(c);
        let digits = self.table.digits.clone();
        if let Some(index) = self
            .table
            .rows
            .iter()
            .position(|r| r.code.to_string().starts_with(&digits))
        {
            self.table.selected = index;
            self.table.picked = true;
        } else if digits.len() == 3 {
            // A code the runbook does not list still has its class advice.
            if let Ok(code) = digits.parse::<u16>() {
                if crate::code::StatusCode::is_valid(code) {
                    self.open_code(code);
                } else {
                    self.notice = Some(format!("{code} is not an HTTP status code"));
                }
            }
        }
        if digits.len() == 3 {
            self.table.digits.clear();
        }
    }

    pub(super) fn paste(&mut self, text: &str) {
        if !self.table.searching || !matches!(self.screen(), Screen::Matrix) {
            self.notice = Some("Paste ignored: there is no text field here".to_owned());
            return;
        }
        // A search is one line: the first line of the normalised paste (terminals send line
        // breaks as CR), without control characters.
        let text = crate::text::normalize(text);
        let line = text.lines().next().unwrap_or("");
        self.table
            .query
            .extend(line.chars().filter(|c| !c.is_control()).take(200));
        self.refresh_rows();
    }

    /// Recomputes the matrix rows for the query, keeping the selection in range.
    pub fn refresh_rows(&mut self) {
        let previous = self
            .table
            .rows
            .get(self.table.selected)
            .map(|r| (r.runbook, r.code));
        let hits = self.matrix.search(&self.table.query);
        let mut rows: Vec<Row> = hits.into_iter().map(|h| h.row).collect();
        if self.table.query.trim().is_empty() {
            rows.sort_by(|a, b| a.runbook.cmp(&b.runbook).then(a.code.cmp(&b.code)));
        }
        self.table.longest_title = rows
            .iter()
            .map(|r| r.title.chars().count())
            .max()
            .unwrap_or(10);
        self.table.rows = rows;
        if !self.table.query.trim().is_empty() {
            self.table.picked = true;
        }
        self.table.selected = if self.table.query.is_empty() {
            // A cleared search keeps the row it had found, not whatever sits at its index.
            previous
                .and_then(|p| {
                    self.table
                        .rows
                        .iter()
                        .position(|r| (r.runbook, r.code) == p)
                })
                .unwrap_or(self.table.selected)
                .min(self.table.rows.len().saturating_sub(1))
        } else {
            0
        };
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        let width = self.viewport.0;
        let page = self.page();
        let app = &*self;
        let limit = match app.screen() {
            Screen::Matrix => app.table.rows.len().saturating_sub(1),
            Screen::Scenarios { runbook, .. } => app.scenarios(*runbook).len().saturating_sub(1),
            Screen::Card { .. } | Screen::Compare { .. } | Screen::Problems { .. } => {
                views::content_height(app, width).saturating_sub(page)
            }
            Screen::Triage => 0,
            Screen::Export { .. } => views::content_height(app, width).saturating_sub(page),
        };
        let shift = |value: usize| -> usize {
            let moved = isize_of(value).saturating_add(delta).max(0);
            usize::try_from(moved).unwrap_or(0).min(limit)
        };
        match self.stack.last_mut() {
            Some(Screen::Matrix) => {
                self.table.selected = shift(self.table.selected);
                self.table.picked = true;
            }
            Some(Screen::Scenarios { selected, .. }) => *selected = shift(*selected),
            Some(
                Screen::Card { scroll, .. }
                | Screen::Compare { scroll, .. }
                | Screen::Problems { scroll }
                | Screen::Export { scroll, .. },
            ) => *scroll = shift(*scroll),
            _ => {}
        }
    }
}
