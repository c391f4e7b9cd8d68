//! The triage screen's state: the session being worked on, the answer field, the note editor
//! and one-line prompts, and how each action changes them. The session itself is plain data
//! from `session`; this adds only what the terminal needs (text fields, selection, save status).

use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::cell::RefCell;
use std::rc::Rc;

use crate::export::redact::Redactor;
use crate::export::summary::redact_session;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use crate::runbook::model::AnswerKind;
use crate::runbook::{QuestionCard, TeamRunbook};
use crate::session::{Draft, NoteTarget, Session, Stage};
use crate::triage::{Answer, Checklist, Outcome};

/// Whether the session on screen is safely on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Changes wait for the next save (within a second).
    Pending,
    Saved(Timestamp),
    /// The last save failed; the previous file is intact.
    Failed(String),
}

/// A field of the incident details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Severity,
    Environment,
    Endpoint,
    FirstSeen,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Title,
        Field::Severity,
        Field::Environment,
        Field::Endpoint,
        Field::FirstSeen,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Severity => "Severity",
            Field::Environment => "Environment",
            Field::Endpoint => "Affected endpoint",
            Field::FirstSeen => "First seen (time, zone)",
        }
    }

    fn next(self) -> Option<Field> {
        let i = Self::ALL.iter().position(|f| *f == self)?;
        Self::ALL.get(i + 1).copied()
    }
}

/// What a one-line prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// The one-line finding of a step just marked.
    Finding(usize),
    /// An incident detail; Enter moves on to the next one.
    Detail(Field),
}

/// A one-line text field over the screen.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
}

/// The triage being worked on.
#[derive(Debug, Clone)]
pub struct Triage {
    pub session: Session,
    /// Index of the runbook the triage follows.
    pub runbook: usize,
    /// The answer being typed for a code or text question.
    pub input: TextArea<'static>,
    /// The highlighted option of a choice question.
    pub option: usize,
    /// Why the last answer was refused.
    pub error: Option<String>,
    /// The note being written, if any; its text is mirrored into `session.draft`.
    pub editor: Option<TextArea<'static>>,
    pub prompt: Option<Prompt>,
    pub save: SaveStatus,
    /// Whether a copy of this session is on disk (a resumed one, or one saved since), so a
    /// failed save can say whether an earlier copy is there to fall back on.
    pub saved_once: bool,
    /// What the evidence reader made of the last note, shown until the next one.
    pub evidence: Option<String>,
    /// Whether the engineer asked to see secrets on the screen (for them alone).
    pub reveal: bool,
    /// The redacted view of the session last drawn, and the session and card it was made from.
    shown_cache: RefCell<Option<ShownCache>>,
}

/// The redacted notes and findings last drawn, and what they were made from: only these are
/// redacted again when they change (typing in the note editor changes the draft, not them).
#[derive(Debug, Clone)]
struct ShownCache {
    notes: Vec<crate::session::Note>,
    findings: Vec<String>,
    evidence: Option<String>,
    incident: crate::session::Incident,
    answers: std::collections::BTreeMap<String, Answer>,
    redacted_incident: crate::session::Incident,
    redacted_answers: std::collections::BTreeMap<String, Answer>,
    redacted_notes: Vec<crate::session::Note>,
    redacted_findings: Vec<String>,
    redacted_evidence: Option<String>,
    hidden: usize,
}
/// What the screen shows of a triage: redacted like an export, because incident calls share
/// screens, unless the engineer revealed secrets.
#[derive(Debug, Clone)]
pub struct Shown {
    pub session: Session,
    /// The last evidence card.
    pub evidence: Option<String>,
    /// Secrets hidden on screen.
    pub hidden: usize,
}

/// What a triage action asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persist {
    /// Nothing changed.
    Nothing,
    /// Save within a second (typing).
    Soon,
    /// Save at once (a step changed, a note was added, a paste).
    Now,
}

fn text_field(initial: &str) -> TextArea<'static> {
    let mut field = TextArea::new(vec![initial.to_owned()]);
    field.move_cursor(ratatui_textarea::CursorMove::End);
    field
}

impl Triage {
    /// Wraps a session, reopening the note that was being written when it was last saved.
    pub fn new(session: Session, runbook: usize, now: Timestamp) -> Self {
        let editor = session.draft.as_ref().map(|d| {
            let mut area = TextArea::new(d.text.split('\n').map(str::to_owned).collect());
            area.move_cursor(ratatui_textarea::CursorMove::Bottom);
            area.move_cursor(ratatui_textarea::CursorMove::End);
            area
        });
        Self {
            session,
            runbook,
            input: text_field(""),
            option: 0,
            error: None,
            editor,
            prompt: None,
            save: SaveStatus::Saved(now),
            saved_once: false,
            evidence: None,
            reveal: false,
            shown_cache: RefCell::new(None),
        }
    }

    /// The session as the screen shows it: redacted with the runbook's rules (the same as an
    /// export), or as typed while the engineer reveals secrets. Redacted once per change.
    pub fn shown(&self, runbook: &TeamRunbook) -> Rc<Shown> {
        if self.reveal {
            return Rc::new(Shown {
                session: self.session.clone(),
                evidence: self.evidence.clone(),
                hidden: 0,
            });
        }
        let findings: Vec<String> = self
            .session
            .checklist
            .steps
            .iter()
            .map(|step| step.finding.clone())
            .collect();
        let mut cache = self.shown_cache.borrow_mut();
        let fresh = cache.as_ref().is_some_and(|hit| {
            hit.notes == self.session.notes
                && hit.findings == findings
                && hit.evidence == self.evidence
                && hit.incident == self.session.incident
                && hit.answers == self.session.interview.answers
        });
        if !fresh {
            let redactor = Redactor::with_custom_lenient(&runbook.redact).0;
            let mut only = self.session.clone();
            only.draft = None;
            let redacted = redact_session(&only, &redactor);
            let redacted_evidence = self
                .evidence
                .as_deref()
                .map(|card| redactor.redact(card).text);
            *cache = Some(ShownCache {
                notes: self.session.notes.clone(),
                findings,
                evidence: self.evidence.clone(),
                incident: self.session.incident.clone(),
                answers: self.session.interview.answers.clone(),
                redacted_incident: redacted.session.incident.clone(),
                redacted_answers: redacted.session.interview.answers.clone(),
                redacted_notes: redacted.session.notes,
                redacted_findings: redacted
                    .session
                    .checklist
                    .steps
                    .into_iter()
                    .map(|step| step.finding)
                    .collect(),
                redacted_evidence,
                hidden: redacted.count,
            });
        }
        let mut session = self.session.clone();
        let (evidence, hidden) = match cache.as_ref() {
            Some(hit) => {
                session.notes.clone_from(&hit.redacted_notes);
                session.incident.clone_from(&hit.redacted_incident);
                session.interview.answers.clone_from(&hit.redacted_answers);
                for (step, finding) in session
                    .checklist
                    .steps
                    .iter_mut()
                    .zip(&hit.redacted_findings)
                {
                    step.finding.clone_from(finding);
                }
                (hit.redacted_evidence.clone(), hit.hidden)
            }
            None => (None, 0),
        };
        Rc::new(Shown {
            session,
            evidence,
            hidden,
        })
    }

    pub fn questions<'r>(&self, runbook: &'r TeamRunbook) -> &'r [QuestionCard] {
        &runbook.interview
    }

    /// The question being asked, if the interview is on.
    pub fn question<'r>(&self, runbook: &'r TeamRunbook) -> Option<&'r QuestionCard> {
        if self.session.stage == Stage::Interview {
            self.session.interview.current(&runbook.interview)
        } else {
            None
        }
    }

    /// Prepares the answer field and highlight for the current question, showing any earlier
    /// answer so going back means changing it, not retyping it.
    fn load_question(&mut self, runbook: &TeamRunbook) {
        self.error = None;
        let Some(question) = self.question(runbook) else {
            return;
        };
        let previous = self.session.interview.answers.get(&question.id);
        self.option = match previous {
            Some(Answer::Choice(id)) => question
                .options
                .iter()
                .position(|o| &o.id == id)
                .unwrap_or(0),
            _ => 0,
        };
        let typed = match previous {
            Some(Answer::Code(code)) => code.to_string(),
            Some(Answer::Text(text)) => text.clone(),
            _ => String::new(),
        };
        self.input = text_field(&typed);
    }

    /// After the last question: build the checklist for the code (keeping work already done).
    fn finish_interview(&mut self, runbook: &TeamRunbook) {
        let code = self.session.code(&runbook.interview);
        self.session.code = code;
        if let Some(card) = code.and_then(|c| runbook.card(c)) {
            self.session.checklist = if self.session.checklist.steps.is_empty() {
                Checklist::from_card(&card)
            } else {
                self.session.checklist.rebuilt_from(&card)
            };
        }
        self.session.stage = Stage::Checklist;
        self.session.selected_step = self
            .session
            .selected_step
            .min(self.session.checklist.steps.len().saturating_sub(1));
    }

    fn after_answer(&mut self, runbook: &TeamRunbook) {
        if self.session.interview.is_done(&runbook.interview) {
            self.finish_interview(runbook);
        } else {
            self.load_question(runbook);
        }
    }

    /// Enter on a question: take the highlighted option or the typed text.
    pub fn submit_answer(&mut self, runbook: &TeamRunbook) -> Persist {
        let Some(question) = self.question(runbook) else {
            return Persist::Nothing;
        };
        let typed = self.input.lines().join(" ");
        let answer = match question.kind {
            AnswerKind::Choice => question
                .options
                .get(self.option)
                .map(|o| Answer::Choice(o.id.clone())),
            AnswerKind::Text => Some(Answer::Text(typed.trim().to_owned())),
            AnswerKind::Code if typed.trim().is_empty() => question
                .options
                .get(self.option)
                .map(|o| Answer::Choice(o.id.clone())),
            AnswerKind::Code => match self.session.interview.parse(&runbook.interview, &typed) {
                Ok(answer) => Some(answer),
                Err(e) => {
                    self.error = Some(e.to_string());
                    return Persist::Nothing;
                }
            },
        };
        let Some(answer) = answer else {
            return Persist::Nothing;
        };
        match self.session.interview.answer(&runbook.interview, answer) {
            Ok(()) => {
                if let Some(code) = self.session.interview.code(&runbook.interview) {
                    self.session.code = Some(code);
                }
                self.after_answer(runbook);
                Persist::Now
            }
            Err(e) => {
                self.error = Some(e.to_string());
                Persist::Nothing
            }
        }
    }

    /// A digit on a choice question answers with that option.
    pub fn answer_by_number(&mut self, runbook: &TeamRunbook, digit: char) -> Persist {
        let Some(question) = self.question(runbook) else {
            return Persist::Nothing;
        };
        let Some(index) = digit
            .to_digit(10)
            .and_then(|d| usize::try_from(d).ok())
            .filter(|d| *d >= 1)
        else {
            return Persist::Nothing;
        };
        if index > question.options.len() {
            self.error = Some(format!("there are {} answers", question.options.len()));
            return Persist::Nothing;
        }
        self.option = index - 1;
        self.submit_answer(runbook)
    }

    pub fn skip_question(&mut self, runbook: &TeamRunbook) -> Persist {
        if self.question(runbook).is_none() {
            return Persist::Nothing;
        }
        self.session.interview.skip(&runbook.interview);
        self.after_answer(runbook);
        Persist::Now
    }

    /// Esc on a question: the previous one; returns false at the first (leave the triage).
    pub fn previous_question(&mut self, runbook: &TeamRunbook) -> bool {
        if !self.session.interview.back() {
            return false;
        }
        self.load_question(runbook);
        true
    }

    /// `b` on the checklist: back to the last question to change answers.
    pub fn reopen_interview(&mut self, runbook: &TeamRunbook) -> Persist {
        self.session.stage = Stage::Interview;
        let last = runbook.interview.len().saturating_sub(1);
        self.session.interview.position = self.session.interview.position.min(last);
        self.load_question(runbook);
        Persist::Now
    }

    pub fn move_option(&mut self, runbook: &TeamRunbook, delta: isize) {
        if let Some(question) = self.question(runbook) {
            let last = question.options.len().saturating_sub(1);
            self.option = self.option.saturating_add_signed(delta).min(last);
        }
    }

    pub fn move_step(&mut self, delta: isize) {
        let last = self.session.checklist.steps.len().saturating_sub(1);
        self.session.selected_step = self
            .session
            .selected_step
            .saturating_add_signed(delta)
            .min(last);
    }

    /// Sets the outcome of the selected step and asks for a one-line finding.
    pub fn mark(&mut self, outcome: Outcome) -> Persist {
        let index = self.session.selected_step;
        let Some(step) = self.session.checklist.steps.get(index) else {
            return Persist::Nothing;
        };
        let finding = step.finding.clone();
        self.session.checklist.set_outcome(index, outcome);
        if matches!(
            outcome,
            Outcome::Done | Outcome::RuledOut | Outcome::FoundIt
        ) {
            self.prompt = Some(Prompt {
                kind: PromptKind::Finding(index),
                input: text_field(&finding),
            });
        }
        Persist::Now
    }

    /// Opens the note editor for a target, continuing a draft for the same target.
    pub fn open_editor(&mut self, target: NoteTarget) {
        if self.editor.is_some() {
            return;
        }
        if self
            .session
            .draft
            .as_ref()
            .is_none_or(|d| d.target != target)
        {
            self.session.draft = Some(Draft {
                target,
                text: String::new(),
            });
        }
        let text = self
            .session
            .draft
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default();
        let mut area = TextArea::new(text.split('\n').map(str::to_owned).collect());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        self.editor = Some(area);
    }

    /// The step note editor for the selected step.
    pub fn open_step_editor(&mut self) {
        if !self.session.checklist.steps.is_empty() {
            self.open_editor(NoteTarget::Step(self.session.selected_step));
        }
    }

    /// Closes the editor; a note with text is stamped and kept.
    pub fn finish_note(
        &mut self,
        now: Timestamp,
        zone: &TimeZone,
        runbook: &TeamRunbook,
    ) -> Persist {
        let Some(editor) = self.editor.take() else {
            return Persist::Nothing;
        };
        let text = editor.lines().join("\n");
        let target = self
            .session
            .draft
            .take()
            .map_or(NoteTarget::Incident, |d| d.target);
        if !text.trim().is_empty() {
            let expected = runbook.token_expectations();
            if let Some(card) =
                self.session
                    .add_evidence_note(target, text.trim_end(), now, zone, expected)
            {
                self.evidence = Some(card);
            }
        }
        Persist::Now
    }

    /// A key for whichever text field has focus.
    pub fn edit(&mut self, key: KeyEvent) -> Persist {
        if let Some(prompt) = &mut self.prompt {
            single_line_input(&mut prompt.input, key);
            return Persist::Nothing;
        }
        if let Some(editor) = &mut self.editor {
            if editor.input(key) {
                self.sync_draft();
                return Persist::Soon;
            }
            return Persist::Nothing;
        }
        single_line_input(&mut self.input, key);
        self.error = None;
        Persist::Nothing
    }

    /// Pasted text goes into the focused field, normalised: terminals send a paste's line
    /// breaks as CR, and colour codes or other escape sequences must not reach the note raw.
    pub fn paste(&mut self, text: &str) -> Persist {
        let safe = crate::text::normalize(text);
        if let Some(prompt) = &mut self.prompt {
            prompt.input.insert_str(safe.lines().next().unwrap_or(""));
            return Persist::Nothing;
        }
        if let Some(editor) = &mut self.editor {
            editor.insert_str(&safe);
            self.sync_draft();
            return Persist::Now;
        }
        if self.session.stage == Stage::Interview {
            self.input.insert_str(safe.lines().next().unwrap_or(""));
        }
        Persist::Nothing
    }

    fn sync_draft(&mut self) {
        if let (Some(editor), Some(draft)) = (&self.editor, &mut self.session.draft) {
            draft.text = editor.lines().join("\n");
        }
    }

    /// Enter in a prompt: keep the text; incident details move on to the next field.
    pub fn confirm_prompt(&mut self) -> Persist {
        let Some(prompt) = self.prompt.take() else {
            return Persist::Nothing;
        };
        let text = prompt.input.lines().join(" ").trim().to_owned();
        match prompt.kind {
            PromptKind::Finding(index) => self.session.checklist.set_finding(index, &text),
            PromptKind::Detail(field) => {
                *self.field_mut(field) = text;
                if let Some(next) = field.next() {
                    self.open_detail(next);
                }
            }
        }
        Persist::Now
    }

    pub fn cancel_prompt(&mut self) {
        self.prompt = None;
    }

    /// Opens the prompt for an incident detail, showing its current value.
    pub fn open_detail(&mut self, field: Field) {
        let current = self.field_mut(field).clone();
        self.prompt = Some(Prompt {
            kind: PromptKind::Detail(field),
            input: text_field(&current),
        });
    }

    fn field_mut(&mut self, field: Field) -> &mut String {
        let incident = &mut self.session.incident;
        match field {
            Field::Title => &mut incident.title,
            Field::Severity => &mut incident.severity,
            Field::Environment => &mut incident.environment,
            Field::Endpoint => &mut incident.endpoint,
            Field::FirstSeen => &mut incident.first_seen,
        }
    }

    /// The status code of the triage, once known.
    pub fn code(&self, runbook: &TeamRunbook) -> Option<u16> {
        self.session.code(&runbook.interview)
    }
}

/// A one-line field: Enter never inserts a line break.
fn single_line_input(field: &mut TextArea<'static>, key: KeyEvent) {
    if key.code == ratatui::crossterm::event::KeyCode::Enter {
        return;
    }
    field.input(key);
}
