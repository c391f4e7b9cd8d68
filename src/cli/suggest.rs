//! `api-triage suggest BUNDLE_DIR...`: the runbook suggestions of several escalation bundles,
//! gathered for one runbook review. Each bundle's `runbook-suggestion.toml` is read (at most
//! 256 KiB; a broken one is reported and the others still read), the proposals merged per team
//! runbook file and code (`export::suggest::merge`), and printed as one TOML snippet per file,
//! or as JSON. Exit 2 when a folder cannot be read or holds no suggestion file, 1 when a
//! suggestion file is broken, else 0.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{Exit, Output, to_json};
use crate::export::suggest::FILE_NAME;
use crate::export::suggest::merge::{Input, merge, proposed};
use crate::export::suggest::read::parse;
use crate::export::suggest::snippet::{Snippet, Why, need_id};

/// The largest suggestion file read: one holds a few cards' fields, far less than this.
pub const MAX_SUGGESTION_BYTES: u64 = 256 * 1024;

/// What became of one bundle folder.
enum Read {
    Snippet(Snippet),
    /// No suggestion file in it, or the folder cannot be read: exit 2.
    Unusable(String),
    /// A suggestion file that is not one: reported, exit 1.
    Broken(String),
}

struct Bundle {
    name: String,
    path: String,
    read: Read,
}

/// Reads the bundles in `dirs` and prints their suggestions gathered, as TOML or `json`.
pub fn suggest(dirs: &[PathBuf], json: bool) -> Output {
    let mut bundles: Vec<Bundle> = dirs
        .iter()
        .map(|dir| Bundle {
            name: bundle_name(dir),
            path: dir.display().to_string(),
            read: read_bundle(dir),
        })
        .collect();
    // Bundle folders are named from their export time: by name is oldest first, so the
    // newest bundle's fields are the ones the proposals go onto.
    bundles.sort_by(|a, b| (&a.name, &a.path).cmp(&(&b.name, &b.path)));
    // The same folder named twice is one incident.
    bundles.dedup_by(|a, b| a.path == b.path);
    let inputs: Vec<Input> = bundles
        .iter()
        .filter_map(|b| match &b.read {
            Read::Snippet(snippet) => Some(Input {
                bundle: b.name.clone(),
                snippet: snippet.clone(),
            }),
            _ => None,
        })
        .collect();
    let merged = merge(&inputs);
    let exit = if bundles.iter().any(|b| matches!(b.read, Read::Unusable(_))) {
        Exit::Usage
    } else if bundles.iter().any(|b| matches!(b.read, Read::Broken(_))) {
        Exit::Failed
    } else {
        Exit::Ok
    };
    let mut stderr = String::new();
    for bundle in &bundles {
        if let Read::Unusable(why) | Read::Broken(why) = &bundle.read {
            let _ = writeln!(stderr, "api-triage: {}: {why}", bundle.path);
        }
    }
    if json {
        return Output {
            stdout: to_json(&as_json(&bundles, &merged)),
            stderr,
            exit,
        };
    }
    let read = inputs.len();
    let proposals: usize = merged.iter().map(Snippet::count).sum();
    let stdout = if merged.is_empty() {
        format!("# Nothing to propose from {read} bundle(s).\n")
    } else {
        merged
            .iter()
            .map(Snippet::render)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let _ = writeln!(
        stderr,
        "api-triage: {proposals} proposal(s) and note(s) for {} runbook file(s), from {read} \
         bundle(s) read of {}",
        merged.len(),
        bundles.len()
    );
    Output {
        stdout,
        stderr,
        exit,
    }
}

/// The folder's own name (`.` read as the folder it is).
fn bundle_name(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or_else(|| {
            std::fs::canonicalize(dir)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        })
        .unwrap_or_else(|| dir.display().to_string())
}

fn read_bundle(dir: &Path) -> Read {
    match std::fs::metadata(dir) {
        Err(e) => return Read::Unusable(format!("cannot read the folder: {e}")),
        Ok(m) if !m.is_dir() => {
            return Read::Unusable("not a folder: give the bundle folder export wrote".into());
        }
        Ok(_) => {}
    }
    let path = dir.join(FILE_NAME);
    match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Read::Unusable(format!(
                "holds no {FILE_NAME} (a bundle written before api-triage proposed runbook \
                 changes?)"
            ));
        }
        Err(e) => return Read::Unusable(format!("cannot read {FILE_NAME}: {e}")),
        // A FIFO or device in its place would block or never end.
        Ok(m) if !m.is_file() => return Read::Broken(format!("{FILE_NAME} is not a file")),
        Ok(_) => {}
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_SUGGESTION_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Read::Unusable(format!("cannot read {FILE_NAME}: {e}"));
    }
    if bytes.len() as u64 > MAX_SUGGESTION_BYTES {
        return Read::Broken(format!(
            "{FILE_NAME} is larger than {} KiB: not one api-triage wrote",
            MAX_SUGGESTION_BYTES / 1024
        ));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Read::Broken(format!("{FILE_NAME} is not UTF-8"));
    };
    match parse(&text) {
        Ok(snippet) => Read::Snippet(snippet),
        Err(why) => Read::Broken(format!("{FILE_NAME} cannot be used: {why}")),
    }
}

fn whys(why: &[Why]) -> Value {
    why.iter()
        .map(|w| json!({ "bundle": w.bundle, "text": w.text }))
        .collect()
}

/// The documented JSON (README, "api-triage suggest"): every bundle and what became of it,
/// then per runbook file the proposals and notes by code, and the snippet as printed.
fn as_json(bundles: &[Bundle], merged: &[Snippet]) -> Value {
    let bundles: Vec<Value> = bundles
        .iter()
        .map(|b| {
            let (status, proposals, error) = match &b.read {
                Read::Snippet(s) if s.codes.is_empty() => ("nothing", 0, None),
                Read::Snippet(s) => ("read", s.count(), None),
                Read::Unusable(why) => ("unusable", 0, Some(why)),
                Read::Broken(why) => ("broken", 0, Some(why)),
            };
            json!({
                "bundle": b.name,
                "path": b.path,
                "status": status,
                "proposals": proposals,
                "error": error,
            })
        })
        .collect();
    let runbooks: Vec<Value> = merged
        .iter()
        .map(|snippet| {
            let codes: Vec<Value> = snippet
                .codes
                .iter()
                .map(|block| {
                    let proposals: Vec<Value> = proposed(snippet)
                        .filter(|(code, ..)| *code == block.code)
                        .map(|(_, field, item, mark)| {
                            json!({
                                "kind": mark.kind,
                                "field": field,
                                "item": item,
                                "seen_in": mark.bundles(),
                                "why": whys(&mark.why),
                            })
                        })
                        .collect();
                    let notes: Vec<Value> = block
                        .notes
                        .iter()
                        .map(|note| {
                            json!({
                                "kind": note.kind,
                                "need": note.need.map(need_id),
                                "seen_in": note.bundles(),
                                "why": whys(&note.why),
                            })
                        })
                        .collect();
                    json!({ "code": block.code, "proposals": proposals, "notes": notes })
                })
                .collect();
            let mut incidents: Vec<&str> = Vec::new();
            for (.., mark) in proposed(snippet) {
                incidents.extend(mark.bundles());
            }
            for note in snippet.codes.iter().flat_map(|c| &c.notes) {
                incidents.extend(note.bundles());
            }
            incidents.sort_unstable();
            incidents.dedup();
            json!({
                "file": snippet.file,
                "name": snippet.runbook,
                "incidents": incidents,
                "codes": codes,
                "snippet": snippet.render(),
            })
        })
        .collect();
    json!({ "schema_version": 1, "bundles": bundles, "runbooks": runbooks })
}
