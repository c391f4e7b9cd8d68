//! Starting a triage and applying keys to it: the interview, the checklist, notes, prompts.

use super::{
    Action, App, Context, Effect, Field, Format, MAX_COMPARE, NoteTarget, Persist, SaveStatus,
    Screen, Session, Triage, comparisons_for, isize_of,
};

impl App {
    /// `t`: back to the open triage when it is about the same code, otherwise a new one
    /// pre-filled with the code in hand.
    pub(super) fn start_triage(&mut self) -> Vec<Effect> {
        let (runbook, mut code) = self.current_code();
        if matches!(self.screen(), Screen::Matrix) && !self.table.picked {
            code = None;
        }
        if let Some(triage) = &self.triage {
            let same_code = code.is_none() || triage.session.code == code;
            if same_code && triage.runbook == runbook {
                self.stack.push(Screen::Triage);
                return Vec::new();
            }
        }
        let Some(book) = self.runbook(runbook) else {
            return Vec::new();
        };
        let session = Session::new(self.now, &book.name, &book.source, &book.interview, code);
        let mut triage = Triage::new(session, runbook, self.now);
        triage.save = SaveStatus::Pending;
        self.triage = Some(triage);
        self.stack.push(Screen::Triage);
        vec![Effect::Save]
    }

    pub(super) fn update_triage(&mut self, action: Action) -> Vec<Effect> {
        let context = self.context();
        let now = self.now;
        let zone = self.zone.clone();
        let Some(mut triage) = self.triage.take() else {
            return Vec::new();
        };
        let Some(runbook) = self.matrix.runbooks().get(triage.runbook).cloned() else {
            self.triage = Some(triage);
            return Vec::new();
        };
        let mut effects = Vec::new();
        let mut leave = false;
        let persist = match (context, action) {
            (_, Action::Quit) => {
                self.triage = Some(triage);
                return self.quit();
            }
            (_, Action::Suspend) => {
                self.triage = Some(triage);
                return vec![Effect::Save, Effect::Suspend];
            }
            (_, Action::Help) => {
                self.help_open = true;
                Persist::Nothing
            }
            (_, Action::Paste(text)) => triage.paste(&text),
            (_, Action::Edit(key)) => triage.edit(key),
            (Context::Prompt, Action::Open) => triage.confirm_prompt(),
            (Context::Prompt, Action::Back) => {
                triage.cancel_prompt();
                Persist::Nothing
            }
            (Context::Editor, Action::Back | Action::Save) => {
                triage.finish_note(now, &zone, &runbook)
            }
            (_, Action::IncidentNote) => {
                triage.open_editor(NoteTarget::Incident);
                Persist::Soon
            }
            (_, Action::Details) => {
                triage.open_detail(Field::Title);
                Persist::Nothing
            }
            (_, Action::RevealSecrets) => {
                triage.reveal = !triage.reveal;
                self.notice = Some(if triage.reveal {
                    "Secrets shown on screen: v hides them again. Exports stay redacted.".to_owned()
                } else {
                    "Secrets hidden on screen, as in the export.".to_owned()
                });
                Persist::Nothing
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Open) => {
                triage.submit_answer(&runbook)
            }
            (Context::InterviewChoice, Action::Type(digit)) => {
                triage.answer_by_number(&runbook, digit)
            }
            (Context::InterviewChoice, Action::Up | Action::ScrollUp) => {
                triage.move_option(&runbook, -1);
                Persist::Nothing
            }
            (Context::InterviewChoice, Action::Down | Action::ScrollDown) => {
                triage.move_option(&runbook, 1);
                Persist::Nothing
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Skip) => {
                triage.skip_question(&runbook)
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Back) => {
                leave = !triage.previous_question(&runbook);
                Persist::Soon
            }
            (Context::Checklist, Action::Up | Action::ScrollUp) => {
                triage.move_step(-1);
                Persist::Soon
            }
            (Context::Checklist, Action::Down | Action::ScrollDown) => {
                triage.move_step(1);
                Persist::Soon
            }
            (Context::Checklist, Action::PageUp) => {
                triage.move_step(-isize_of(self.page()));
                Persist::Soon
            }
            (Context::Checklist, Action::PageDown) => {
                triage.move_step(isize_of(self.page()));
                Persist::Soon
            }
            (Context::Checklist, Action::Top) => {
                triage.move_step(isize::MIN / 2);
                Persist::Soon
            }
            (Context::Checklist, Action::Bottom) => {
                triage.move_step(isize::MAX / 2);
                Persist::Soon
            }
            (Context::Checklist, Action::Mark(outcome)) => triage.mark(outcome),
            (Context::Checklist, Action::Open) => {
                triage.open_step_editor();
                Persist::Soon
            }
            (Context::Checklist, Action::Interview) => triage.reopen_interview(&runbook),
            (Context::Checklist, Action::Export) => {
                self.triage = Some(triage);
                self.stack.push(Screen::Export {
                    format: Format::Md,
                    scroll: 0,
                });
                // A fresh look at the export: outcomes of an earlier visit may be stale.
                self.preview = None;
                self.refresh_preview(Format::Md);
                return vec![Effect::Save];
            }
            (Context::Checklist, Action::Copy) => {
                self.triage = Some(triage);
                let mut effects = self.copy_summary();
                effects.insert(0, Effect::Save);
                return effects;
            }
            (Context::Checklist, Action::Compare) => {
                if let Some(code) = triage.code(&runbook) {
                    let suggested = comparisons_for(&runbook, code, &triage.session.interview);
                    if let Some(first) = suggested.first() {
                        let mut codes = vec![code];
                        codes.extend(
                            first
                                .comparison
                                .codes
                                .iter()
                                .copied()
                                .filter(|c| *c != code),
                        );
                        codes.truncate(MAX_COMPARE);
                        self.stack.push(Screen::Compare {
                            runbook: triage.runbook,
                            codes,
                            scroll: 0,
                        });
                    }
                }
                Persist::Nothing
            }
            (Context::Checklist, Action::Back) => {
                leave = true;
                Persist::Nothing
            }
            _ => Persist::Nothing,
        };
        match persist {
            Persist::Nothing => {}
            Persist::Soon => {
                triage.save = SaveStatus::Pending;
                effects.push(Effect::SaveSoon);
            }
            Persist::Now => {
                triage.save = SaveStatus::Pending;
                effects.push(Effect::Save);
            }
        }
        triage.session.updated = now;
        self.triage = Some(triage);
        if leave {
            self.stack.pop();
            effects.push(Effect::Save);
        }
        effects
    }
}
