//! `api-triage import BUNDLE_DIR` and `api-triage resume BUNDLE_DIR`: a colleague's escalation
//! bundle read from its folder (size-limited, never through a symlink) and saved as a new
//! session here by `session::import`.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::*;
use crate::export::handoff::plural;
use crate::session::import::MAX_BUNDLE_BYTES;
use crate::session::{Imported, Journal};

/// The file of the bundle that holds the whole session.
const BUNDLE_JSON: &str = "bundle.json";

/// What `api-triage resume [ARG]` opens: the session `arg` names, or, when it names a
/// colleague's bundle, the copy of it imported now. Without a terminal nothing is imported
/// (the app will say it needs one).
pub fn resume_target(arg: Option<&str>, journal: &Journal) -> Result<Option<String>, Output> {
    let Some(arg) = arg.filter(|_| crate::tui::interactive()) else {
        return Ok(arg.map(str::to_owned));
    };
    if names_a_bundle(arg) {
        let (id, said) = resume_bundle(Path::new(arg), journal, jiff::Timestamp::now())?;
        // Said before the app takes the screen, so it is there when the app ends.
        let _ = emit(&Output {
            stderr: said,
            ..Output::default()
        });
        return Ok(Some(id));
    }
    match a_folder_but_no_bundle(arg, journal) {
        Some(refusal) => Err(refusal),
        None => Ok(Some(arg.to_owned())),
    }
}

/// The session `resume BUNDLE_DIR` opens, and what to say of it: the bundle imported now.
fn resume_bundle(
    path: &Path,
    journal: &Journal,
    now: jiff::Timestamp,
) -> Result<(String, String), Output> {
    let mut imported = read_import(path, now)?;
    if let Some(id) = imported_before(journal, &imported) {
        let said = format!(
            "api-triage: {} was imported before as session {id}: continuing it (`api-triage \
             import` makes a fresh copy)\n",
            path.display()
        );
        return Ok((id, said));
    }
    save(journal, &mut imported)?;
    let said = format!(
        "api-triage: imported {} as session {}\n",
        path.display(),
        imported.session.id
    );
    Ok((imported.session.id, said))
}

/// Whether `arg` names a bundle rather than a session id: a folder holding `bundle.json`, or
/// that file itself.
fn names_a_bundle(arg: &str) -> bool {
    let path = Path::new(arg);
    path.join(BUNDLE_JSON).symlink_metadata().is_ok()
        || (path.file_name().is_some_and(|n| n == BUNDLE_JSON) && path.symlink_metadata().is_ok())
}

/// Whether `arg` is a folder that is no bundle, when no session has that id: `resume` says so
/// instead of "no session".
fn a_folder_but_no_bundle(arg: &str, journal: &Journal) -> Option<Output> {
    let path = Path::new(arg);
    if !path.is_dir() || journal.taken(arg) {
        return None;
    }
    Some(refused(&format!(
        "{} is a folder with no {BUNDLE_JSON} in it; `resume` takes a session id (see \
         `api-triage sessions`) or the folder of an escalation bundle",
        path.display()
    )))
}

fn refused(message: &str) -> Output {
    Output {
        stderr: format!("api-triage: {message}\n"),
        exit: Exit::Usage,
        ..Output::default()
    }
}

/// The bundle's `bundle.json` and the name of its folder (what the import records as its
/// origin).
fn locate(path: &Path) -> (PathBuf, String) {
    let (file, folder) =
        if path.file_name().is_some_and(|n| n == BUNDLE_JSON) && !path.join(BUNDLE_JSON).exists() {
            (path.to_path_buf(), path.parent().unwrap_or(Path::new("")))
        } else {
            (path.join(BUNDLE_JSON), path)
        };
    // `.` and `..` name no folder: the real one's name is what a colleague would recognise.
    let name = folder
        .canonicalize()
        .ok()
        .as_deref()
        .and_then(Path::file_name)
        .or_else(|| folder.file_name())
        .map_or_else(
            || folder.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
    (file, name)
}

/// Reads `bundle.json`: a regular file, not a symlink, at most [`MAX_BUNDLE_BYTES`], UTF-8.
fn read_bundle(file: &Path) -> Result<String, String> {
    let shown = file.display();
    let metadata = file.symlink_metadata().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            format!(
                "no {shown}: give the folder `api-triage export` wrote (it holds {BUNDLE_JSON})"
            )
        }
        _ => format!("cannot read {shown}: {e}"),
    })?;
    if metadata.file_type().is_symlink() {
        return Err(format!(
            "{shown} is a symbolic link; a bundle's files are never followed through links \
             (copy the real file into the folder)"
        ));
    }
    if !metadata.is_file() {
        return Err(format!("{shown} is not a regular file"));
    }
    let too_large = |bytes: u64| {
        format!(
            "{shown} is {bytes} bytes; bundles over {} MiB are refused",
            MAX_BUNDLE_BYTES / (1024 * 1024)
        )
    };
    if metadata.len() > MAX_BUNDLE_BYTES {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_BUNDLE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown} is not UTF-8 (first bad byte at offset {}): it is not a bundle api-triage \
             wrote",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Reads the bundle at `path` into a session, not saved yet.
fn read_import(path: &Path, now: jiff::Timestamp) -> Result<Imported, Output> {
    let (file, from) = locate(path);
    let text = read_bundle(&file).map_err(|e| refused(&e))?;
    let zone = crate::startup::local_zone();
    crate::session::import(&text, &from, now, &zone)
        .map_err(|e| refused(&format!("{}: {e}", file.display())))
}

fn save(journal: &Journal, imported: &mut Imported) -> Result<(), Output> {
    journal.create(&mut imported.session).map_err(|e| Output {
        stderr: format!("api-triage: {e}\n"),
        exit: Exit::Failed,
        ..Output::default()
    })
}

/// The latest session here imported from this very export (the sender's session, exported
/// at the same moment): `resume` run twice on one folder continues that copy instead of
/// opening another without the work done since.
fn imported_before(journal: &Journal, imported: &Imported) -> Option<String> {
    journal.ids().into_iter().find(|id| {
        journal.load(id).is_ok_and(|s| {
            s.imported_from().is_some_and(|f| {
                f.original_id == imported.original_id && f.exported_at == imported.exported_at
            })
        })
    })
}

/// Reads the bundle at `path` and saves it as a new session in `journal`.
fn import_bundle(path: &Path, journal: &Journal, now: jiff::Timestamp) -> Result<Imported, Output> {
    let mut imported = read_import(path, now)?;
    save(journal, &mut imported)?;
    Ok(imported)
}

/// `api-triage import BUNDLE_DIR`: the new session's id and what came with it.
pub fn import(
    path: &Path,
    json: bool,
    journal: &Journal,
    report: &LoadReport,
    now: jiff::Timestamp,
) -> Output {
    let imported = match import_bundle(path, journal, now) {
        Ok(imported) => imported,
        Err(output) => return output,
    };
    let s = &imported.session;
    let matrix = Matrix::from_report(report);
    let runbook_loaded = matrix.runbooks().iter().any(|r| r.name == s.runbook);
    let from = s
        .imported_from()
        .map(|f| f.from.to_owned())
        .unwrap_or_default();
    let settled = s.checklist.settled();
    let marks = imported.marks;
    let mut stderr = String::new();
    if !imported.sender_redacted {
        stderr.push_str(
            "api-triage: warning: the sender exported with redaction off: secrets in the \
             evidence came as they were typed\n",
        );
    }
    if !runbook_loaded {
        let _ = writeln!(
            stderr,
            "api-triage: runbook \"{}\" is not loaded here; the app follows the one for the \
             session's code instead (add the team's file with --runbook)",
            s.runbook
        );
    }
    if json {
        return Output {
            stdout: to_json(&json!({
                "id": s.id,
                "path": journal.path(&s.id).display().to_string(),
                "from": from,
                "original_id": imported.original_id,
                "exported_at": imported.exported_at,
                "bundle_version": imported.bundle_version,
                "session_version": imported.session_version,
                "runbook": s.runbook,
                "runbook_loaded": runbook_loaded,
                "code": s.code,
                "title": s.incident.title,
                "notes": s.notes.len(),
                "answers": s.interview.answers.len(),
                "steps": s.checklist.steps.len(),
                "steps_settled": settled,
                "events": s.events.len(),
                "good_vs_failing": !s.good_vs_failing.is_empty(),
                "sender_redacted": imported.sender_redacted,
                "secrets_redacted": imported.secrets_redacted,
                "redaction_marks": { "marks": marks.marks, "notes": marks.notes },
            })),
            stderr,
            exit: Exit::Ok,
        };
    }
    let mut out = format!("Imported bundle {from} as triage session {}.\n", s.id);
    let code = s
        .code
        .map_or_else(|| "code not known".to_owned(), |c| c.to_string());
    let title = if s.incident.title.is_empty() {
        "untitled".to_owned()
    } else {
        format!("\"{}\"", s.incident.title)
    };
    let _ = writeln!(
        out,
        "From session {} ({code}, {title}), exported {} UTC; runbook {}.",
        imported.original_id,
        imported.exported_at.strftime("%Y-%m-%d %H:%M"),
        s.runbook
    );
    let mut kept = format!(
        "Kept: {}, {}, {settled} of {} settled, {}",
        plural(s.notes.len(), "note"),
        plural(s.interview.answers.len(), "answer"),
        plural(s.checklist.steps.len(), "step"),
        plural(s.events.len(), "event")
    );
    if !s.good_vs_failing.is_empty() {
        kept.push_str(", the good and failing marks");
    }
    let _ = writeln!(out, "{kept}.");
    if let Some(kept) = s.redaction_kept() {
        let _ = writeln!(out, "Redaction: {kept}.");
    }
    let _ = writeln!(out, "Continue with `api-triage resume {}`.", s.id);
    Output {
        stdout: wrap_message(&out, WIDTH, "  "),
        stderr,
        exit: Exit::Ok,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> jiff::Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn resuming_the_same_bundle_twice_continues_the_first_copy() {
        let dir = tempfile::tempdir().unwrap();
        let runbook = crate::runbook::load_texts(Vec::new(), None)
            .runbooks
            .remove(0);
        let s = crate::session::Session::new(
            at("2026-11-23T09:00:00Z"),
            &runbook.name,
            &runbook.source,
            &runbook.interview,
            Some(502),
        );
        let json = crate::export::prepare(&s, &runbook, true)
            .unwrap()
            .bundle_json(&runbook, at("2026-11-23T09:10:00Z"));
        let folder = dir.path().join("20261123-091000-502");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join(BUNDLE_JSON), json).unwrap();
        let journal = Journal::new(dir.path().join("state"));

        let (first, said) = resume_bundle(&folder, &journal, at("2026-11-24T10:00:00Z")).unwrap();
        assert!(said.contains("imported"), "{said}");
        // The responder works on it, quits, and runs the same command from the shell history.
        let mut copy = journal.load(&first).unwrap();
        copy.incident.title = "worked on here".into();
        journal.save(&copy).unwrap();
        let (second, said) = resume_bundle(&folder, &journal, at("2026-11-24T11:00:00Z")).unwrap();
        assert_eq!(second, first, "{said}");
        assert!(said.contains(&first), "{said}");
        assert_eq!(journal.ids().len(), 1);
        // `import` still makes a fresh copy when asked to.
        let fresh = import_bundle(&folder, &journal, at("2026-11-24T12:00:00Z")).unwrap();
        assert_ne!(fresh.session.id, first);
    }
}
