//! Reading a suggestion file back (a bundle's `runbook-suggestion.toml`) for `api-triage
//! suggest`: the values through the runbook format's own types, the proposals from the
//! `# proposed (kind): why` comments right above each item, the notes from the `# note` lines
//! of each `[codes.N]` table, the team file from the header. A file that is no valid
//! suggestion is an error to report, never a panic. Pure.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::snippet::{CodeBlock, Entry, FieldBlock, Mark, NoteBlock, Snippet, Why};
use super::{Field, Item, Kind};
use crate::runbook::merged::CauseCard;
use crate::runbook::model::{Cause, Example, LookFirst, Need, StatusCode};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    codes: BTreeMap<String, RawCode>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCode {
    #[serde(default)]
    look_first: Option<Vec<Spanned<LookFirst>>>,
    #[serde(default)]
    causes: Option<Vec<Spanned<Cause>>>,
    #[serde(default)]
    checks: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    needs: Option<Vec<Spanned<Need>>>,
    #[serde(default)]
    examples: Option<Vec<Spanned<Example>>>,
}

/// The suggestion file in `text`; an error says what is wrong with it, in one line.
pub fn parse(text: &str) -> Result<Snippet, String> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        // toml's message ends with the source line and carets: the first line says it.
        let message = e
            .message()
            .lines()
            .next()
            .unwrap_or("invalid TOML")
            .to_owned();
        match e.span() {
            Some(span) => format!("line {}: {message}", line_of(text, span.start)),
            None => message,
        }
    })?;
    let mut snippet = Snippet::default();
    for line in text.lines() {
        let line = line.trim();
        if let Some(file) = line.strip_prefix("# runbook-file:") {
            file.trim().clone_into(&mut snippet.file);
        } else if let Some(name) = line.strip_prefix("# runbook-name:") {
            name.trim().clone_into(&mut snippet.runbook);
        }
    }
    if !raw.codes.is_empty() && snippet.file.is_empty() {
        return Err("no `# runbook-file:` line says which runbook file it is for".to_owned());
    }
    let notes = notes(text);
    for (key, raw) in raw.codes {
        let code = key
            .parse::<u16>()
            .ok()
            .filter(|c| StatusCode::is_valid(*c))
            .ok_or_else(|| format!("[codes.{key}]: not a status code"))?;
        let mut fields = Vec::new();
        let mut add = |field: Field, items: Vec<(Item, std::ops::Range<usize>)>| {
            let entries = items
                .into_iter()
                .map(|(item, span)| Entry {
                    marks: marks(&comments_above(text, span.start), field),
                    item,
                })
                .collect();
            fields.push(FieldBlock { field, entries });
        };
        if let Some(places) = raw.look_first {
            if places.len() != 3 {
                return Err(format!(
                    "[codes.{code}] look_first has {} places; the format needs three",
                    places.len()
                ));
            }
            add(Field::LookFirst, spanned(places, Item::Place));
        }
        if let Some(causes) = raw.causes {
            add(
                Field::Causes,
                spanned(causes, |c| {
                    Item::Cause(CauseCard {
                        text: c.text,
                        when: c.when.into_iter().map(Spanned::into_inner).collect(),
                    })
                }),
            );
        }
        if let Some(checks) = raw.checks {
            add(Field::Checks, spanned(checks, Item::Check));
        }
        if let Some(needs) = raw.needs {
            add(Field::Needs, spanned(needs, Item::Need));
        }
        if let Some(examples) = raw.examples {
            add(Field::Examples, spanned(examples, Item::Example));
        }
        snippet.codes.push(CodeBlock {
            code,
            notes: notes.get(&code).cloned().unwrap_or_default(),
            fields,
        });
    }
    snippet.codes.sort_by_key(|c| c.code);
    Ok(snippet)
}

fn spanned<T>(
    values: Vec<Spanned<T>>,
    item: impl Fn(T) -> Item,
) -> Vec<(Item, std::ops::Range<usize>)> {
    values
        .into_iter()
        .map(|v| {
            let span = v.span();
            (item(v.into_inner()), span)
        })
        .collect()
}

fn line_of(text: &str, at: usize) -> usize {
    text.get(..at)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// The comment lines right above the line where `at` starts a value, top first; none when
/// something else comes before it on its line.
fn comments_above(text: &str, at: usize) -> Vec<&str> {
    let Some(before) = text.get(..at) else {
        return Vec::new();
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    if !before[line_start..].trim().is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut rest = &before[..line_start];
    while let Some(body) = rest.strip_suffix('\n') {
        let start = body.rfind('\n').map_or(0, |i| i + 1);
        let line = body[start..].trim();
        if !line.starts_with('#') {
            break;
        }
        lines.push(line);
        rest = &body[..start];
    }
    lines.reverse();
    lines
}

/// The proposals in comment lines: `# proposed (kind): why`, or `# proposed (kind), seen in
/// ...:` followed by `#   why` lines. A kind that does not fit the field is left out.
fn marks(lines: &[&str], field: Field) -> Vec<Mark> {
    let mut marks: Vec<Mark> = Vec::new();
    for line in lines {
        if let Some((kind, why)) = head(line, "# proposed (") {
            marks.push(Mark {
                kind,
                why: why.into_iter().collect(),
            });
        } else if let Some(more) = line.strip_prefix("#   ")
            && let Some(mark) = marks.last_mut()
        {
            mark.why.push(plain(more));
        }
    }
    marks.retain(|m| m.kind.field() == Some(field));
    marks
}

/// The notes of each `[codes.N]` table: `# note (kind[ need]): why` lines, and `#   why`
/// lines after one.
fn notes(text: &str) -> BTreeMap<u16, Vec<NoteBlock>> {
    let mut out: BTreeMap<u16, Vec<NoteBlock>> = BTreeMap::new();
    let mut code = None;
    let mut last: Option<(u16, usize)> = None;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            code = line
                .strip_prefix("[codes.")
                .and_then(|rest| rest.strip_suffix(']'))
                .and_then(|key| key.trim().parse::<u16>().ok());
            last = None;
            continue;
        }
        let Some(code) = code else {
            continue;
        };
        if let Some(rest) = line.strip_prefix("# note (")
            && let Some((inside, after)) = rest.split_once(')')
        {
            let mut words = inside.split_whitespace();
            let Some(kind) = words.next().and_then(Kind::from_word) else {
                continue;
            };
            if kind.field().is_some() {
                continue;
            }
            let need = words.next().and_then(need_named);
            let notes = out.entry(code).or_default();
            notes.push(NoteBlock {
                kind,
                need,
                why: after.strip_prefix(':').map(plain).into_iter().collect(),
            });
            last = Some((code, notes.len() - 1));
        } else if let Some(more) = line.strip_prefix("#   ")
            && let Some((at, i)) = last
            && let Some(note) = out.get_mut(&at).and_then(|n| n.get_mut(i))
        {
            note.why.push(plain(more));
        } else if !line.starts_with('#') {
            last = None;
        }
    }
    out
}

/// `# proposed (new-cause): why` read as the kind and the why, if it gives one.
fn head(line: &str, prefix: &str) -> Option<(Kind, Option<Why>)> {
    let (kind, after) = line.strip_prefix(prefix)?.split_once(')')?;
    let kind = Kind::from_word(kind.trim())?;
    let why = after
        .strip_prefix(':')
        .map(plain)
        .filter(|w| !w.text.is_empty());
    Some((kind, why))
}

fn plain(text: &str) -> Why {
    Why {
        bundle: None,
        text: text.trim().to_owned(),
    }
}

fn need_named(name: &str) -> Option<Need> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).ok()
}
