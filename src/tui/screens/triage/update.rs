//! How an action changes the triage: the interview, the checklist, notes and prompts; and what
//! it asks of the app (leave, escalate, compare, save).

use super::{Field, Persist, SaveStatus, TriageScreen};
use crate::export::summary::Format;
use crate::session::NoteTarget;
use crate::triage::comparisons_for;
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Context, key_for};
use crate::tui::screens::{Command, MAX_COMPARE, Opening, Shared};

impl TriageScreen {
    /// Applies `action`; quitting, suspending and help are the app's, before this is called.
    pub fn update(&mut self, action: Action, shared: &Shared) -> Vec<Command> {
        let context = self.context(shared);
        let Some(runbook) = shared.runbook(self.runbook) else {
            return Vec::new();
        };
        let page = isize::try_from(shared.page()).unwrap_or(isize::MAX);
        let before = self.session.before();
        let mut commands = Vec::new();
        let mut leave = false;
        let persist = match (context, action) {
            (_, Action::Paste(text)) => {
                let notes = self.session.notes.len();
                let persist = self.paste(&text, shared.now, &shared.zone, runbook);
                if let Some(note) = self.session.notes.get(notes) {
                    let read = note
                        .evidence_line()
                        .unwrap_or_else(|| "no HTTP response in it".to_owned());
                    commands.push(Command::Notice(format!(
                        "Paste kept as note {} ({}): {read}",
                        notes + 1,
                        note.elapsed_label()
                    )));
                }
                persist
            }
            (_, Action::Edit(key)) => self.edit(key),
            (Context::Prompt, Action::Open) => {
                if let Some(path) = self.log_path_prompt() {
                    commands.push(Command::ReadLog(path));
                    Persist::Nothing
                } else {
                    self.confirm_prompt()
                }
            }
            (Context::Prompt, Action::Back) => {
                self.cancel_prompt();
                Persist::Nothing
            }
            (Context::Editor, Action::Back | Action::Save) => {
                self.finish_note(shared.now, &shared.zone, runbook)
            }
            (_, Action::IncidentNote) => {
                self.open_editor(NoteTarget::Incident);
                Persist::Soon
            }
            (Context::Checklist, Action::ReadLog) => {
                self.open_log_prompt();
                Persist::Nothing
            }
            (_, Action::Details) => {
                self.open_detail(Field::Title);
                Persist::Nothing
            }
            (_, Action::RevealSecrets) => {
                self.reveal = !self.reveal;
                commands.push(Command::Notice(if self.reveal {
                    "Secrets shown on screen: v hides them again. Exports stay redacted.".to_owned()
                } else {
                    "Secrets hidden on screen, as in the export.".to_owned()
                }));
                Persist::Nothing
            }
            (Context::Notes, action) => self.notes_action(&action, shared, &mut commands),
            (Context::Checklist | Context::InterviewChoice, Action::Timeline) => {
                let entries = self.shown(runbook).session.timeline(&shared.zone);
                commands.push(Command::Open(Opening::Timeline {
                    entries,
                    runbook: self.runbook,
                }));
                Persist::Nothing
            }
            (Context::Checklist | Context::InterviewChoice, Action::StatusUpdate) => {
                commands.extend(self.draft_update(runbook, shared));
                Persist::Nothing
            }
            (Context::Checklist | Context::InterviewChoice, Action::HandOff) => {
                commands.extend(self.draft_handoff(runbook, shared));
                Persist::Nothing
            }
            (Context::Checklist | Context::InterviewChoice, Action::Notes) => {
                self.open_notes();
                Persist::Nothing
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Open) => {
                self.submit_answer(runbook)
            }
            (Context::InterviewChoice, Action::Type(digit)) => {
                self.answer_by_number(runbook, digit)
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Up | Action::ScrollUp) => {
                self.move_option(runbook, -1);
                Persist::Nothing
            }
            (
                Context::InterviewChoice | Context::InterviewInput,
                Action::Down | Action::ScrollDown,
            ) => {
                self.move_option(runbook, 1);
                Persist::Nothing
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Skip) => {
                self.skip_question(runbook)
            }
            (Context::InterviewChoice | Context::InterviewInput, Action::Back) => {
                leave = !self.previous_question(runbook);
                Persist::Soon
            }
            (Context::Checklist, Action::Up | Action::ScrollUp) => self.move_step(-1),
            (Context::Checklist, Action::Down | Action::ScrollDown) => self.move_step(1),
            (Context::Checklist, Action::PageUp) => self.move_step(-page),
            (Context::Checklist, Action::PageDown) => self.move_step(page),
            (Context::Checklist, Action::Top) => self.move_step(isize::MIN / 2),
            (Context::Checklist, Action::Bottom) => self.move_step(isize::MAX / 2),
            (Context::Checklist, Action::Mark(outcome)) => self.mark(outcome),
            (Context::Checklist, Action::Open) => {
                self.open_step_editor();
                Persist::Soon
            }
            (Context::Checklist, Action::Interview) => self.reopen_interview(runbook),
            (Context::Checklist, Action::Export) => {
                commands.push(Command::Effect(Effect::Save));
                commands.push(Command::Escalate);
                Persist::Nothing
            }
            (Context::Checklist, Action::Run) => {
                commands.push(Command::Run(super::super::RunSource::Step(
                    self.session.selected_step,
                )));
                Persist::Nothing
            }
            (Context::Checklist, Action::CopyCommand) => {
                commands.push(self.copy_step_command());
                Persist::Nothing
            }
            (Context::Checklist, Action::Copy) => {
                commands.push(Command::Effect(Effect::Save));
                commands.extend(super::super::export::copy_summary(
                    &self.session,
                    runbook,
                    shared.now,
                    Format::Md,
                    false,
                ));
                Persist::Nothing
            }
            (Context::Checklist, Action::Compare) => {
                commands.extend(self.compare(runbook));
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
                self.save = SaveStatus::Pending;
                commands.push(Command::Effect(Effect::SaveSoon));
            }
            Persist::Now => {
                self.save = SaveStatus::Pending;
                commands.push(Command::Effect(Effect::Save));
            }
        }
        self.session
            .record_changes(&before, &runbook.interview, shared.now, &shared.zone);
        self.session.updated = shared.now;
        if leave {
            commands.push(Command::Leave);
            commands.push(Command::Effect(Effect::Save));
        }
        commands
    }

    /// `u`: the next status update drafted in Slack and Markdown, with the cadence it keeps.
    fn draft_update(&self, runbook: &crate::runbook::TeamRunbook, shared: &Shared) -> Vec<Command> {
        let prepared = match crate::export::prepare(&self.session, runbook, true) {
            Ok(prepared) => prepared,
            Err(e) => return vec![Command::Notice(e.to_string())],
        };
        let every = runbook.update_every_minutes(&self.session.incident.severity);
        let drafts = [Format::Slack, Format::Md]
            .into_iter()
            .map(|format| {
                let text =
                    crate::export::update::draft(&prepared, runbook, shared.now, every, format);
                (format, text)
            })
            .collect();
        let severity = match self.session.incident.severity.trim() {
            "" => "no severity set".to_owned(),
            severity => severity.to_owned(),
        };
        let about = match every {
            Some(minutes) => {
                let due = self.session.next_update_due(minutes);
                let (countdown, _) = crate::session::events::update_countdown(due, shared.now);
                format!(
                    "Every {minutes} min ({severity}): {countdown}. Copying it keeps it in the \
                     timeline and starts the countdown again."
                )
            }
            None => format!(
                "The runbook sets no update cadence for {severity} ([update_every_minutes]). \
                 Copying it keeps it in the timeline."
            ),
        };
        vec![Command::Open(Opening::Draft {
            kind: crate::tui::screens::draft::DraftKind::Update,
            runbook: self.runbook,
            drafts,
            about,
            // As the drafts' "next update" line computes it.
            due: every.map(|minutes| crate::session::events::update_due(shared.now, minutes)),
        })]
    }

    /// `H`: the hand-off for the next responder, in Markdown, Slack and plain text.
    fn draft_handoff(
        &self,
        runbook: &crate::runbook::TeamRunbook,
        shared: &Shared,
    ) -> Vec<Command> {
        let prepared = match crate::export::prepare(&self.session, runbook, true) {
            Ok(prepared) => prepared,
            Err(e) => return vec![Command::Notice(e.to_string())],
        };
        let drafts = [Format::Md, Format::Slack, Format::Text]
            .into_iter()
            .map(|format| {
                let text =
                    crate::export::handoff::render_as(&prepared, runbook, shared.now, format);
                (format, text)
            })
            .collect();
        let escalate = key_for(Context::Checklist, &Action::Export);
        let about = format!(
            "For the next responder. To hand over the whole triage, write the bundle \
             ({escalate}, then Enter) and give them its folder: `api-triage resume FOLDER` \
             continues it on their machine. Copying this keeps it in the timeline."
        );
        vec![Command::Open(Opening::Draft {
            kind: crate::tui::screens::draft::DraftKind::HandOff,
            runbook: self.runbook,
            drafts,
            about,
            due: None,
        })]
    }

    /// `c` on the checklist: the code beside the look-alikes the answers point to first.
    fn compare(&self, runbook: &crate::runbook::TeamRunbook) -> Vec<Command> {
        let Some(code) = self.code(runbook) else {
            return Vec::new();
        };
        let suggested = comparisons_for(runbook, code, &self.session.interview);
        let Some(first) = suggested.first() else {
            return Vec::new();
        };
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
        vec![Command::Open(Opening::Compare {
            runbook: self.runbook,
            codes,
        })]
    }
}
