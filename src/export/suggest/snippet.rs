//! A runbook suggestion as TOML for the owning team's file: a header naming that file, then
//! one `[codes.N]` table per code with each changed field given whole (layering replaces a
//! field whole), every proposed item under a `# proposed (kind): why` comment, and notes for
//! the review as `# note (kind): why`. The one writer of the format, for the bundle's file and
//! `api-triage suggest` alike; strings escaped so that any finding stays one valid string.

use std::fmt::Write as _;

use super::{Field, Item, Kind, Suggestion};
use crate::runbook::model::{ExampleKind, Need};
use crate::runbook::{Card, EMBEDDED_NAME};

/// Why an item is proposed: the text, and the bundle it came from once gathered with others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Why {
    pub bundle: Option<String>,
    pub text: String,
}

/// A proposal on an item: what kind, and why (one per incident, once gathered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub kind: Kind,
    pub why: Vec<Why>,
}

impl Mark {
    /// The incidents it was seen in, by bundle name, each once.
    pub fn bundles(&self) -> Vec<&str> {
        bundles_of(&self.why)
    }
}

/// The bundle names of `why`, each once, in order.
pub fn bundles_of(why: &[Why]) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for name in why.iter().filter_map(|w| w.bundle.as_deref()) {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen
}

/// One item of a field, with the proposals on it (none: it is in the runbook already).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub item: Item,
    pub marks: Vec<Mark>,
}

/// A field given whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldBlock {
    pub field: Field,
    pub entries: Vec<Entry>,
}

/// A note for the review: no change by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBlock {
    pub kind: Kind,
    /// The need it is about, when it is about one (`missing-need`).
    pub need: Option<Need>,
    pub why: Vec<Why>,
}

impl NoteBlock {
    pub fn bundles(&self) -> Vec<&str> {
        bundles_of(&self.why)
    }
}

/// The proposals for one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    pub code: u16,
    pub notes: Vec<NoteBlock>,
    pub fields: Vec<FieldBlock>,
}

/// A whole suggestion file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// The team runbook file it is for (`TeamRunbook::source`), or "embedded default".
    pub file: String,
    /// That runbook's `[runbook] name`.
    pub runbook: String,
    /// Where the suggestions come from, one line each, written first.
    pub about: Vec<String>,
    pub codes: Vec<CodeBlock>,
}

impl Snippet {
    /// The suggestions of one triage for `card`, its fields as the card has them now with
    /// the proposals applied: new items at the end, moved items first.
    pub fn of(
        file: &str,
        runbook: &str,
        about: Vec<String>,
        card: &Card,
        suggestions: &[Suggestion],
    ) -> Self {
        let mut codes: Vec<CodeBlock> = Vec::new();
        for suggestion in suggestions {
            let at = codes
                .iter()
                .position(|c| c.code == suggestion.code)
                .unwrap_or_else(|| {
                    codes.push(CodeBlock {
                        code: suggestion.code,
                        notes: Vec::new(),
                        fields: Vec::new(),
                    });
                    codes.len() - 1
                });
            let block = &mut codes[at];
            let why = vec![Why {
                bundle: None,
                text: suggestion.why.clone(),
            }];
            let (Some(field), Some(item)) = (suggestion.kind.field(), &suggestion.item) else {
                block.notes.push(NoteBlock {
                    kind: suggestion.kind,
                    need: match suggestion.item {
                        Some(Item::Need(need)) => Some(need),
                        _ => None,
                    },
                    why,
                });
                continue;
            };
            let at = block
                .fields
                .iter()
                .position(|f| f.field == field)
                .unwrap_or_else(|| {
                    block.fields.push(FieldBlock {
                        field,
                        entries: field
                            .items_of(card)
                            .into_iter()
                            .map(|item| Entry {
                                item,
                                marks: Vec::new(),
                            })
                            .collect(),
                    });
                    block.fields.len() - 1
                });
            let entries = &mut block.fields[at].entries;
            let mark = Mark {
                kind: suggestion.kind,
                why,
            };
            match entries.iter().position(|e| e.item == *item) {
                Some(i) if suggestion.kind.moves() => {
                    let mut entry = entries.remove(i);
                    entry.marks.push(mark);
                    entries.insert(0, entry);
                }
                Some(i) => entries[i].marks.push(mark),
                // A place or check to move that the card does not have: nothing to move.
                None if suggestion.kind.moves() => {}
                None => entries.push(Entry {
                    item: item.clone(),
                    marks: vec![mark],
                }),
            }
        }
        for block in &mut codes {
            block.fields.sort_by_key(|f| f.field);
        }
        codes.sort_by_key(|c| c.code);
        Self {
            file: file.to_owned(),
            runbook: runbook.to_owned(),
            about,
            codes,
        }
    }

    /// How many proposals and notes it holds.
    pub fn count(&self) -> usize {
        self.codes
            .iter()
            .map(|c| {
                c.notes.len()
                    + c.fields
                        .iter()
                        .flat_map(|f| &f.entries)
                        .map(|e| e.marks.len())
                        .sum::<usize>()
            })
            .sum()
    }

    /// The TOML: valid on its own and, put into the team's file (or under a `[runbook]` table
    /// with a name), clean for `api-triage check`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for line in &self.about {
            comment(&mut out, "", line);
        }
        comment(&mut out, "", &format!("runbook-file: {}", self.file));
        comment(&mut out, "", &format!("runbook-name: {}", self.runbook));
        let instructions = if self.file == EMBEDDED_NAME {
            "No team runbook answered for these codes: put the tables below in your team's \
             runbook file (under a [runbook] table with a name), or propose them for \
             runbooks/default.toml."
        } else {
            "Layering replaces a field whole, so each field below is given whole: put it in \
             place of the same field of that [codes.N] table in the file above (or add the \
             table)."
        };
        comment(&mut out, "", instructions);
        comment(
            &mut out,
            "",
            "Items under a \"# proposed\" comment are the changes, the rest is what the \
             runbook says now. \"# note\" lines change nothing: a need missing at export \
             wants a place or check that gets it, or leaving out of needs.",
        );
        for block in &self.codes {
            let _ = write!(out, "\n[codes.{}]\n", block.code);
            for note in &block.notes {
                let head = match note.need {
                    Some(need) => format!("note ({} {})", note.kind.word(), need_id(need)),
                    None => format!("note ({})", note.kind.word()),
                };
                whys(&mut out, "", &head, &note.why);
            }
            for field in &block.fields {
                let _ = writeln!(out, "{} = [", field.field.key());
                for entry in &field.entries {
                    for mark in &entry.marks {
                        let head = format!("proposed ({})", mark.kind.word());
                        whys(&mut out, "  ", &head, &mark.why);
                    }
                    let _ = writeln!(out, "  {},", item_toml(&entry.item));
                }
                out.push_str("]\n");
            }
        }
        out
    }
}

/// The comment lines of a proposal or note: `# HEAD: why` from one triage; gathered from
/// several, `# HEAD, seen in 2 incidents (a, b):` and one `#   a: why` line per incident.
fn whys(out: &mut String, indent: &str, head: &str, why: &[Why]) {
    let bundles = bundles_of(why);
    if bundles.is_empty() {
        let texts: Vec<&str> = why.iter().map(|w| w.text.as_str()).collect();
        comment(out, indent, &format!("{head}: {}", texts.join("; ")));
        return;
    }
    let n = bundles.len();
    let incidents = if n == 1 { "incident" } else { "incidents" };
    comment(
        out,
        indent,
        &format!("{head}, seen in {n} {incidents} ({}):", bundles.join(", ")),
    );
    for w in why {
        let text = match &w.bundle {
            Some(bundle) => format!("  {bundle}: {}", w.text),
            None => format!("  {}", w.text),
        };
        comment(out, indent, &text);
    }
}

/// One comment line: any line break or control character spelled out, so text from a
/// finding can never end the comment and become TOML.
fn comment(out: &mut String, indent: &str, text: &str) {
    out.push_str(indent);
    out.push_str(&comment_line(text));
}

/// `# text` and a line break, the text on one line whatever it holds.
pub fn comment_line(text: &str) -> String {
    format!("# {}\n", crate::text::visible(text).trim_end())
}

/// The item as a TOML value on one line.
pub fn item_toml(item: &Item) -> String {
    match item {
        Item::Place(place) => {
            let mut parts = vec![
                format!("what = {}", quote(&place.what)),
                format!("how = {}", quote(&place.how)),
            ];
            if place.allow_write {
                parts.push("allow_write = true".to_owned());
            }
            if let Some(run) = place.run {
                parts.push(format!("run = {run}"));
            }
            if let Some(seconds) = place.timeout_seconds {
                parts.push(format!("timeout_seconds = {seconds}"));
            }
            format!("{{ {} }}", parts.join(", "))
        }
        Item::Cause(cause) if cause.when.is_empty() => quote(&cause.text),
        Item::Cause(cause) => {
            let when: Vec<String> = cause.when.iter().map(|w| quote(w)).collect();
            format!(
                "{{ text = {}, when = [{}] }}",
                quote(&cause.text),
                when.join(", ")
            )
        }
        Item::Check(check) => quote(check),
        Item::Need(need) => quote(&need_id(*need)),
        Item::Example(example) => {
            let kind = match example.kind {
                ExampleKind::Good => "good",
                ExampleKind::Failing => "failing",
            };
            let mut parts = vec![
                format!("name = {}", quote(&example.name)),
                format!("kind = \"{kind}\""),
                format!("request = {}", quote(&example.request)),
                format!("expect = {}", example.expect.get()),
            ];
            if let Some(note) = &example.note {
                parts.push(format!("note = {}", quote(note)));
            }
            if let Some(run) = example.run {
                parts.push(format!("run = {run}"));
            }
            if let Some(seconds) = example.timeout_seconds {
                parts.push(format!("timeout_seconds = {seconds}"));
            }
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// A need as the runbook format spells it (`gateway_logs`): its serde name, the one spelling.
pub fn need_id(need: Need) -> String {
    serde_json::to_value(need)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// `text` as a TOML basic string on one line: quotes and backslashes escaped, line breaks and
/// every control character (and the bidirectional controls the bundle writer would spell
/// out) as escapes, so the value read back is exactly `text`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || crate::text::is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
