//! Parsing one runbook file into model types, collecting every problem instead of stopping
//! at the first: syntax errors are recovered by the TOML parser, and each owner, code,
//! comparison, scenario and question is deserialized on its own so one bad entry does not hide
//! the next.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::diagnostic::{Diagnostic, Severity};
use super::model::{
    CodeEntry, Comparison, Owner, Question, RedactPattern, Route, RunbookMeta, Scenario, StatusCode,
};

/// The key of a code entry: an exact status code, or a class fallback such as `4xx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeKey {
    Exact(StatusCode),
    /// The class digit, 1 to 5.
    Class(u8),
}

impl CodeKey {
    pub fn parse(key: &str) -> Option<Self> {
        let key = key.trim();
        if let Some(digit) = key.strip_suffix("xx").or_else(|| key.strip_suffix("XX")) {
            return match digit.parse::<u8>() {
                Ok(class @ 1..=5) if digit.len() == 1 => Some(Self::Class(class)),
                _ => None,
            };
        }
        if key.len() != 3 || !key.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        key.parse().ok().and_then(StatusCode::new).map(Self::Exact)
    }
}

impl std::fmt::Display for CodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Exact(code) => code.fmt(f),
            Self::Class(class) => write!(f, "{class}xx"),
        }
    }
}

/// A runbook file after parsing: whatever could be read, with the position of each part.
#[derive(Debug, Clone, Default)]
pub struct ParsedFile {
    pub meta: Option<RunbookMeta>,
    pub owners: Vec<(Spanned<String>, Owner)>,
    pub codes: Vec<(Spanned<CodeKey>, Spanned<CodeEntry>)>,
    /// Code entries that could not be read at all (an unknown key, a wrong type): kept so
    /// the code's card can say that the team's entry is missing and why, not fall silent.
    pub failed_codes: Vec<FailedEntry>,
    pub comparisons: Vec<Comparison>,
    pub scenarios: Vec<Scenario>,
    pub interview: Vec<Question>,
    pub redact: Vec<RedactPattern>,
    pub routes: Vec<Route>,
    /// `[vars]`: placeholder defaults, by name as written.
    pub vars: Vec<(String, String)>,
    pub timeouts: Vec<super::timeouts::KnownTimeout>,
    /// `[update_every_minutes]`: the status update cadence by severity, as written.
    pub update_every_minutes: Vec<(String, u32)>,
    /// `[tickets]`: where the escalation's tickets go.
    pub tickets: Option<super::tickets::TicketsTable>,
}

/// A code entry that could not be read, where it starts and the first reason.
#[derive(Debug, Clone)]
pub struct FailedEntry {
    pub key: CodeKey,
    /// The whole entry (from its `[codes.N]` header).
    pub span: Range<usize>,
    /// The first problem found in it; `check` lists them all.
    pub message: String,
}

/// A runbook file after parsing, kept with its path and text so that a check on any of its
/// parts can point at a line and column.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: String,
    pub text: String,
    pub parsed: ParsedFile,
}

impl Loaded {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> (Self, Vec<Diagnostic>) {
        let path = path.into();
        let text = text.into();
        let (parsed, findings) = parse(&path, &text);
        (Self { path, text, parsed }, findings)
    }
}

/// The longest status update cadence a runbook may set: a day.
const MAX_UPDATE_MINUTES: u32 = 1440;

/// Syntax errors reported per file before the rest are summed up in one line.
const MAX_SYNTAX_ERRORS: usize = 20;

const TOP_LEVEL_KEYS: &str = "runbook, owners, codes, comparisons, scenarios, interview, redact, routes, timeouts, vars, \
     update_every_minutes, tickets";

/// Parses `source` (the text of the file at `path`), returning what could be read and every
/// problem found on the way.
pub fn parse(path: &str, source: &str) -> (ParsedFile, Vec<Diagnostic>) {
    let mut findings = Vec::new();
    let error = |span: Range<usize>, message: String| {
        Diagnostic::at(Severity::Error, path, source, span, message)
    };
    let (root, syntax_errors) = DeTable::parse_recoverable(source);
    // After a few syntax errors the rest are mostly echoes of the first; a file of junk
    // would otherwise give one finding per character.
    let hidden = syntax_errors.len().saturating_sub(MAX_SYNTAX_ERRORS);
    for e in syntax_errors.iter().take(MAX_SYNTAX_ERRORS) {
        let message = e.message().trim();
        let message = if message.contains("max recursion depth") {
            "nested too deeply: arrays and inline tables here go a few levels deep at most"
        } else {
            message
        };
        findings.push(error(e.span().unwrap_or(0..0), message.to_owned()));
    }
    if hidden > 0 {
        let span = syntax_errors[MAX_SYNTAX_ERRORS].span().unwrap_or(0..0);
        findings.push(error(
            span,
            format!("{hidden} more syntax errors from here on; fix the ones above first"),
        ));
    }
    let mut file = ParsedFile::default();
    let mut saw_runbook = false;
    for (key, value) in root.into_inner() {
        let key_span = key.span();
        let mut on_err = |p: Problem| {
            findings.push(error(p.span.unwrap_or_else(|| key_span.clone()), p.message));
        };
        match key.get_ref().as_ref() {
            "runbook" => {
                saw_runbook = true;
                if let Some(meta) = deserialize::<RunbookMeta>(value, &mut on_err) {
                    file.meta = Some(meta);
                }
            }
            "owners" => {
                for (id, owner) in table_entries(value, "owners", &mut on_err) {
                    if let Some(owner) = deserialize::<Owner>(owner, &mut on_err) {
                        file.owners.push((id, owner));
                    }
                }
            }
            "codes" => {
                for (key, entry) in table_entries(value, "codes", &mut on_err) {
                    let Some(code) = CodeKey::parse(key.get_ref()) else {
                        on_err(Problem::new(
                            format!(
                                "`{}` is not a status code: use 100-599 or a class such as `4xx`",
                                key.get_ref()
                            ),
                            Some(key.span()),
                        ));
                        continue;
                    };
                    let span = entry.span();
                    let mut first = None;
                    let mut note = |p: Problem| {
                        first.get_or_insert_with(|| p.message.clone());
                        on_err(p);
                    };
                    match deserialize::<CodeEntry>(entry, &mut note) {
                        Some(parsed) => file
                            .codes
                            .push((Spanned::new(key.span(), code), Spanned::new(span, parsed))),
                        None => file.failed_codes.push(FailedEntry {
                            key: code,
                            span,
                            message: first.unwrap_or_default(),
                        }),
                    }
                }
            }
            "comparisons" => file.comparisons = array_items(value, "comparisons", &mut on_err),
            "scenarios" => file.scenarios = array_items(value, "scenarios", &mut on_err),
            "interview" => file.interview = array_items(value, "interview", &mut on_err),
            "redact" => file.redact = array_items(value, "redact", &mut on_err),
            "routes" => file.routes = array_items(value, "routes", &mut on_err),
            "vars" => {
                for (name, var) in table_entries(value, "vars", &mut on_err) {
                    let placeholder = format!("<{}>", name.get_ref());
                    if crate::triage::placeholders::find(&placeholder).len() != 1 {
                        on_err(Problem::new(
                            format!(
                                "`{}` cannot be a placeholder name: start with a letter, then \
                                 letters, digits, `-` or `_`",
                                name.get_ref()
                            ),
                            Some(name.span()),
                        ));
                        continue;
                    }
                    if let Some(var) = deserialize::<String>(var, &mut on_err) {
                        file.vars.push((name.get_ref().clone(), var));
                    }
                }
            }
            "timeouts" => file.timeouts = array_items(value, "timeouts", &mut on_err),
            "update_every_minutes" => {
                for (severity, minutes) in table_entries(value, "update_every_minutes", &mut on_err)
                {
                    let span = minutes.span();
                    match deserialize::<u32>(minutes, &mut on_err) {
                        Some(m @ 1..=MAX_UPDATE_MINUTES) => {
                            file.update_every_minutes
                                .push((severity.get_ref().clone(), m));
                        }
                        Some(m) => on_err(Problem::new(
                            format!(
                                "`{}` is {m} minutes: a status update cadence is from 1 to \
                                 {MAX_UPDATE_MINUTES} minutes (a day)",
                                severity.get_ref()
                            ),
                            Some(span),
                        )),
                        None => {}
                    }
                }
            }
            "tickets" => file.tickets = deserialize(value, &mut on_err),
            other => on_err(Problem::new(
                format!("unknown section `{other}`, expected one of {TOP_LEVEL_KEYS}"),
                Some(key_span.clone()),
            )),
        }
    }
    if !saw_runbook && findings.is_empty() {
        findings.push(error(
            0..0,
            "missing `[runbook]` table with at least `name = \"...\"`".to_owned(),
        ));
    }
    (file, findings)
}

/// serde's messages for unknown fields end with a newline and list the expected fields;
/// keep them on one line.
fn clean(message: &str) -> String {
    message.trim().replace('\n', " ")
}

fn deserialize<'i, T: Deserialize<'i>>(
    value: Spanned<DeValue<'i>>,
    on_err: &mut impl FnMut(Problem),
) -> Option<T> {
    let span = value.span();
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            on_err(Problem::new(
                clean(e.message()),
                Some(e.span().unwrap_or(span)),
            ));
            None
        }
    }
}

fn table_entries<'i>(
    value: Spanned<DeValue<'i>>,
    section: &str,
    on_err: &mut impl FnMut(Problem),
) -> Vec<(Spanned<String>, Spanned<DeValue<'i>>)> {
    let span = value.span();
    if let DeValue::Table(table) = value.into_inner() {
        table
            .into_iter()
            .map(|(k, v)| (Spanned::new(k.span(), k.into_inner().into_owned()), v))
            .collect()
    } else {
        on_err(Problem::new(
            format!("`{section}` must be a table, such as `[{section}.<id>]`"),
            Some(span),
        ));
        Vec::new()
    }
}

fn array_items<'i, T: Deserialize<'i>>(
    value: Spanned<DeValue<'i>>,
    section: &str,
    on_err: &mut impl FnMut(Problem),
) -> Vec<T> {
    let span = value.span();
    if let DeValue::Array(items) = value.into_inner() {
        items
            .into_iter()
            .filter_map(|item| deserialize(item, on_err))
            .collect()
    } else {
        on_err(Problem::new(
            format!("`{section}` must be an array of tables, written `[[{section}]]`"),
            Some(span),
        ));
        Vec::new()
    }
}

/// A problem found while reading one part of the file.
struct Problem {
    message: String,
    span: Option<Range<usize>>,
}

impl Problem {
    fn new(message: String, span: Option<Range<usize>>) -> Self {
        Self { message, span }
    }
}
