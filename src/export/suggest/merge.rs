//! Gathering the suggestions of several incidents for one runbook review: grouped by the team
//! runbook file they are for and by code; the same proposal from several bundles becomes one,
//! "seen in N incidents". A field starts from the newest bundle's version of it (what the
//! runbook said last), gets every proposed item added once, and the moved items first, the
//! one seen in most incidents first. Pure.

use super::snippet::{CodeBlock, Entry, FieldBlock, Mark, NoteBlock, Snippet, Why};
use super::{Field, Item};

/// One bundle's suggestion file, as read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The bundle folder's name, which says when and what (`20261123-093000-502-checkout`).
    pub bundle: String,
    pub snippet: Snippet,
}

/// One snippet per team runbook file, in the order the files first appear; bundles with
/// nothing to propose add nothing. `inputs` are taken oldest first (bundle names sort by
/// time), so the last one's fields are the newest.
pub fn merge(inputs: &[Input]) -> Vec<Snippet> {
    let mut files: Vec<(&str, &str)> = Vec::new();
    for input in inputs.iter().filter(|i| !i.snippet.codes.is_empty()) {
        let key = (input.snippet.file.as_str(), input.snippet.runbook.as_str());
        if !files.contains(&key) {
            files.push(key);
        }
    }
    files
        .into_iter()
        .map(|(file, runbook)| {
            let group: Vec<&Input> = inputs
                .iter()
                .filter(|i| i.snippet.file == file && i.snippet.runbook == runbook)
                .filter(|i| !i.snippet.codes.is_empty())
                .collect();
            merge_file(file, runbook, &group)
        })
        .collect()
}

fn merge_file(file: &str, runbook: &str, group: &[&Input]) -> Snippet {
    let names: Vec<&str> = group.iter().map(|i| i.bundle.as_str()).collect();
    let n = names.len();
    let about = vec![format!(
        "Runbook suggestions gathered from {n} {} with api-triage suggest: {}.",
        if n == 1 { "incident" } else { "incidents" },
        names.join(", ")
    )];
    let mut codes: Vec<u16> = group
        .iter()
        .flat_map(|i| i.snippet.codes.iter().map(|c| c.code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let codes = codes
        .into_iter()
        .map(|code| {
            let blocks: Vec<(&str, &CodeBlock)> = group
                .iter()
                .filter_map(|i| {
                    let block = i.snippet.codes.iter().find(|c| c.code == code)?;
                    Some((i.bundle.as_str(), block))
                })
                .collect();
            CodeBlock {
                code,
                notes: merge_notes(&blocks),
                fields: Field::ALL
                    .into_iter()
                    .filter_map(|field| merge_field(field, &blocks))
                    .collect(),
            }
        })
        .collect();
    Snippet {
        file: file.to_owned(),
        runbook: runbook.to_owned(),
        about,
        codes,
    }
}

/// Each why of a mark, named by the bundle it came from; a mark without one still counts
/// its incident.
fn named(bundle: &str, why: &[Why]) -> Vec<Why> {
    if why.is_empty() {
        return vec![Why {
            bundle: Some(bundle.to_owned()),
            text: String::new(),
        }];
    }
    why.iter()
        .map(|w| Why {
            bundle: Some(bundle.to_owned()),
            text: w.text.clone(),
        })
        .collect()
}

fn add_mark(entry: &mut Entry, mark: &Mark, bundle: &str) {
    let why = named(bundle, &mark.why);
    match entry.marks.iter_mut().find(|m| m.kind == mark.kind) {
        Some(kept) => kept.why.extend(why),
        None => entry.marks.push(Mark {
            kind: mark.kind,
            why,
        }),
    }
}

fn merge_field(field: Field, blocks: &[(&str, &CodeBlock)]) -> Option<FieldBlock> {
    let versions: Vec<(&str, &FieldBlock)> = blocks
        .iter()
        .filter_map(|(bundle, block)| {
            let version = block.fields.iter().find(|f| f.field == field)?;
            Some((*bundle, version))
        })
        .collect();
    let (_, newest) = versions.last()?;
    let added = |entry: &Entry| entry.marks.iter().any(|m| !m.kind.moves());
    let mut entries: Vec<Entry> = newest
        .entries
        .iter()
        .filter(|e| !added(e))
        .map(|e| Entry {
            item: e.item.clone(),
            marks: Vec::new(),
        })
        .collect();
    for (bundle, version) in &versions {
        for entry in &version.entries {
            for mark in &entry.marks {
                let at = entries.iter().position(|e| e.item == entry.item);
                match at {
                    Some(at) => add_mark(&mut entries[at], mark, bundle),
                    // A place or check to move that the newest runbook no longer has.
                    None if mark.kind.moves() => {}
                    None => {
                        let mut new = Entry {
                            item: entry.item.clone(),
                            marks: Vec::new(),
                        };
                        add_mark(&mut new, mark, bundle);
                        entries.push(new);
                    }
                }
            }
        }
    }
    // The moved items first: the one seen in most incidents first, ties as they were.
    let moved = |e: &Entry| {
        e.marks
            .iter()
            .filter(|m| m.kind.moves())
            .map(|m| m.bundles().len())
            .max()
    };
    let (mut first, rest): (Vec<Entry>, Vec<Entry>) =
        entries.into_iter().partition(|e| moved(e).is_some());
    first.sort_by_key(|e| std::cmp::Reverse(moved(e)));
    first.extend(rest);
    Some(FieldBlock {
        field,
        entries: first,
    })
}

fn merge_notes(blocks: &[(&str, &CodeBlock)]) -> Vec<NoteBlock> {
    let mut notes: Vec<NoteBlock> = Vec::new();
    for (bundle, block) in blocks {
        for note in &block.notes {
            let why = named(bundle, &note.why);
            let same = notes
                .iter_mut()
                .find(|n| note.need.is_some() && n.kind == note.kind && n.need == note.need);
            match same {
                Some(kept) => kept.why.extend(why),
                None => notes.push(NoteBlock {
                    kind: note.kind,
                    need: note.need,
                    why,
                }),
            }
        }
    }
    notes
}

/// Every proposal of a snippet, as (code, field, item, mark): for callers that list them.
pub fn proposed(snippet: &Snippet) -> impl Iterator<Item = (u16, Field, &Item, &Mark)> {
    snippet.codes.iter().flat_map(|block| {
        block.fields.iter().flat_map(move |field| {
            field.entries.iter().flat_map(move |entry| {
                entry
                    .marks
                    .iter()
                    .map(move |mark| (block.code, field.field, &entry.item, mark))
            })
        })
    })
}
