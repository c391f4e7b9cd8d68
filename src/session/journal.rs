//! Saving sessions so nothing shown as saved is ever lost: write a temporary file in the same
//! folder, fsync it, link the previous version as `.bak`, rename into place, fsync the folder.
//! Files are 0600 and folders 0700. A kernel lock on `ID.lock` tells a second app that a
//! session is open, and is freed the moment the first one dies.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;

use super::migrate::ReadError;
use super::model::Session;

/// Why a session could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("no session {0} in {1}")]
    NotFound(String, String),
    #[error("no sessions in {0} yet: start one with `api-triage` and press t")]
    NoSessions(String),
    #[error(
        "session file {path} is damaged at line {line}, column {col}: {message}{}",
        backup.as_ref().map(|b| format!("; the last good copy is kept at {b}")).unwrap_or_default()
    )]
    Corrupt {
        path: String,
        line: usize,
        col: usize,
        message: String,
        backup: Option<String>,
    },
    #[error(
        "session file {path} was saved by a newer api-triage (session format {found}; this one reads up to {known}): open it with that version"
    )]
    Newer {
        path: String,
        found: u32,
        known: u32,
    },
    #[error("session {id} is open in another api-triage (pid {pid}); close it there first")]
    InUse { id: String, pid: u32 },
    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: String,
        #[source]
        source: io::Error,
    },
}

impl JournalError {
    /// A short form for the one-line status bar: the cause first, then the file by name
    /// only, so "no space left on device" is not cut off after a long folder path.
    pub fn brief(&self) -> String {
        match self {
            Self::Io {
                action,
                path,
                source,
            } => {
                let cause = source.to_string();
                // "(os error 28)" means nothing to the reader of a status bar.
                let cause = match cause.rfind(" (os error") {
                    Some(at) => &cause[..at],
                    None => cause.as_str(),
                };
                let name = Path::new(path)
                    .file_name()
                    .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
                format!("{cause}: {action} {name}")
            }
            other => other.to_string(),
        }
    }
}

fn io_error<'a>(
    action: &'static str,
    path: &'a Path,
) -> impl FnOnce(io::Error) -> JournalError + 'a {
    move |source| JournalError::Io {
        action,
        path: path.display().to_string(),
        source,
    }
}

/// The sessions folder: `$API_TRIAGE_STATE_DIR`, else `$XDG_STATE_HOME/api-triage/sessions`,
/// else `~/.local/state/api-triage/sessions`.
pub fn default_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("API_TRIAGE_STATE_DIR").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/state")))
        .unwrap_or_else(|| PathBuf::from(".api-triage-state"));
    base.join("api-triage").join("sessions")
}

/// The session files of one folder.
#[derive(Debug, Clone)]
pub struct Journal {
    dir: PathBuf,
}

/// Where a session stands, as `api-triage sessions` and the app's resume offer say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Being worked on: no escalation bundle written yet.
    Open,
    /// An escalation bundle of it has been written.
    Exported,
    /// The file is damaged (see `problem`).
    Damaged,
    /// Saved by a newer api-triage, which alone can open it.
    Newer,
    /// The file cannot be read (permissions, a disk error).
    Unreadable,
}

impl State {
    /// The word shown in lists.
    pub fn word(self) -> &'static str {
        match self {
            State::Open => "open",
            State::Exported => "exported",
            State::Damaged => "damaged",
            State::Newer => "newer",
            State::Unreadable => "unreadable",
        }
    }
}

/// A line of `api-triage sessions`: enough to tell two sessions about one code apart.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: String,
    pub path: String,
    pub state: State,
    pub created: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    /// When the last bundle was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exported: Option<Timestamp>,
    pub code: Option<u16>,
    pub title: String,
    pub runbook: String,
    pub notes: usize,
    /// What the evidence reader made of the first response among the notes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_evidence: Option<String>,
    /// Set when the file cannot be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

impl Summary {
    fn of(id: String, path: String, session: &Session) -> Self {
        Self {
            state: if session.exported.is_some() {
                State::Exported
            } else {
                State::Open
            },
            created: Some(session.created),
            updated: Some(session.updated),
            exported: session.exported,
            code: session.code,
            title: session.incident.title.clone(),
            runbook: session.runbook.clone(),
            notes: session.notes.len(),
            first_evidence: session.first_evidence_line(),
            id,
            path,
            problem: None,
        }
    }

    fn unreadable(id: String, path: String, error: &JournalError) -> Self {
        let state = match error {
            JournalError::Corrupt { .. } => State::Damaged,
            JournalError::Newer { .. } => State::Newer,
            _ => State::Unreadable,
        };
        Self {
            id,
            path,
            state,
            created: None,
            updated: None,
            exported: None,
            code: None,
            title: String::new(),
            runbook: String::new(),
            notes: 0,
            first_evidence: None,
            problem: Some(error.to_string()),
        }
    }

    /// How long ago the session last changed, at `now`.
    pub fn age(&self, now: Timestamp) -> Option<String> {
        self.updated.map(|at| super::model::age_label(at, now))
    }
}

impl Journal {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn backup_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json.bak"))
    }

    fn ensure_dir(&self) -> Result<(), JournalError> {
        crate::private_fs::ensure_private_dir(&self.dir)
            .map_err(io_error("cannot use the sessions folder", &self.dir))
    }

    /// Writes `session` atomically: on any failure the previous file stays as it was.
    pub fn save(&self, session: &Session) -> Result<(), JournalError> {
        self.ensure_dir()?;
        let path = self.path(&session.id);
        let tmp = self
            .dir
            .join(format!(".{}.json.tmp-{}", session.id, std::process::id()));
        let text = encode(session, &path)?;
        crate::private_fs::write_new(&tmp, &text).map_err(io_error("cannot write", &path))?;
        // The previous version becomes the backup by a second name for the same file, so the
        // session file itself never disappears: a kill at any moment leaves either the old or
        // the new version under its own name, and `resume` always finds it.
        let replaced = (|| {
            if path.exists() {
                self.keep_backup(&session.id, &path)
                    .map_err(io_error("cannot keep a backup of", &path))?;
            }
            fs::rename(&tmp, &path).map_err(io_error("cannot replace", &path))
        })();
        if let Err(e) = replaced {
            // A temporary file left behind would block every later save (it is created new).
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        sync_dir(&self.dir).map_err(io_error("cannot sync the folder of", &path))
    }

    /// Saves a new session under a name nobody else has: its id, or the id with `-2`, `-3`...
    /// when a session (or a backup) of that name exists, even one written by another process
    /// in the same instant. The file is linked into place, which fails rather than replace.
    pub fn create(&self, session: &mut Session) -> Result<(), JournalError> {
        self.ensure_dir()?;
        let base = session.id.clone();
        for n in 1..1000 {
            if n > 1 {
                session.id = format!("{base}-{n}");
            }
            let path = self.path(&session.id);
            if self.backup_path(&session.id).exists() {
                continue;
            }
            let text = encode(session, &path)?;
            let tmp = self.dir.join(format!(
                ".{}.json.new-{}",
                session.id,
                crate::private_fs::random_token()
            ));
            crate::private_fs::write_new(&tmp, &text).map_err(io_error("cannot write", &path))?;
            let linked = fs::hard_link(&tmp, &path).or_else(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    return Err(e);
                }
                // No hard links here: create the file new, which also never replaces one.
                crate::private_fs::write_new(&path, &text)
            });
            let _ = fs::remove_file(&tmp);
            match linked {
                Ok(()) => {
                    return sync_dir(&self.dir)
                        .map_err(io_error("cannot sync the folder of", &path));
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_error("cannot write", &path)(e)),
            }
        }
        Err(JournalError::Io {
            action: "cannot find a free name for",
            path: self.path(&base).display().to_string(),
            source: io::Error::from(io::ErrorKind::AlreadyExists),
        })
    }

    /// Makes the current file of `id` its backup without ever removing the current file.
    fn keep_backup(&self, id: &str, path: &Path) -> io::Result<()> {
        let backup = self.backup_path(id);
        let staging = self
            .dir
            .join(format!(".{id}.json.bak-{}", std::process::id()));
        let _ = fs::remove_file(&staging);
        // A hard link costs nothing; a file system without them gets a copy.
        if fs::hard_link(path, &staging).is_err() {
            // Created new like every file here, so a planted link is never written through.
            let mut copy = crate::private_fs::create_new_file(&staging)?;
            io::copy(&mut File::open(path)?, &mut copy)?;
            copy.sync_all()?;
        }
        let renamed = fs::rename(&staging, &backup);
        // Renaming onto a second name of the same file (left by a kill just before the last
        // save's final rename) succeeds without removing the staging name.
        let _ = fs::remove_file(&staging);
        renamed
    }

    /// Whether `id` is in use by a session file or its backup.
    pub fn taken(&self, id: &str) -> bool {
        self.path(id).exists() || self.backup_path(id).exists()
    }

    /// Reads a session; a missing file falls back to its backup.
    pub fn load(&self, id: &str) -> Result<Session, JournalError> {
        let path = self.path(id);
        let backup = self.backup_path(id);
        let read_path = if path.exists() {
            path.clone()
        } else {
            backup.clone()
        };
        let text = match fs::read_to_string(&read_path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(JournalError::NotFound(
                    id.to_owned(),
                    self.dir.display().to_string(),
                ));
            }
            Err(e) => return Err(io_error("cannot read", &read_path)(e)),
        };
        let mut session = super::migrate::read(&text).map_err(|e| match e {
            ReadError::Damaged(e) => JournalError::Corrupt {
                path: read_path.display().to_string(),
                line: e.line(),
                col: e.column(),
                message: e.to_string(),
                backup: (backup.exists() && read_path != backup)
                    .then(|| backup.display().to_string()),
            },
            ReadError::Newer { found, known } => JournalError::Newer {
                path: read_path.display().to_string(),
                found,
                known,
            },
        })?;
        // Files saved before every way in was normalised may hold raw pastes.
        session.normalize_texts();
        Ok(session)
    }

    /// The ids of the sessions, newest first (ids sort by creation time).
    pub fn ids(&self) -> Vec<String> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                // A session whose only file is its backup (a file removed by hand, or one
                // written by an older version killed mid-save) is still a session.
                name.strip_suffix(".json")
                    .or_else(|| name.strip_suffix(".json.bak"))
                    .filter(|id| !id.starts_with('.'))
                    .map(str::to_owned)
            })
            .collect();
        ids.sort();
        ids.dedup();
        ids.reverse();
        ids
    }

    /// The latest session's id.
    pub fn latest(&self) -> Result<String, JournalError> {
        self.ids()
            .into_iter()
            .next()
            .ok_or_else(|| JournalError::NoSessions(self.dir.display().to_string()))
    }

    /// A summary of every session, newest first; damaged files are listed with their problem.
    pub fn list(&self) -> Vec<Summary> {
        self.ids()
            .into_iter()
            .map(|id| {
                let path = self.path(&id).display().to_string();
                match self.load(&id) {
                    Ok(session) => Summary::of(id, path, &session),
                    Err(e) => Summary::unreadable(id, path, &e),
                }
            })
            .collect()
    }

    /// The open (not exported) sessions about `code`, newest first: what `t` on that code
    /// offers to resume.
    pub fn open_for(&self, code: u16) -> Vec<Summary> {
        self.list()
            .into_iter()
            .filter(|s| s.state == State::Open && s.code == Some(code))
            .collect()
    }

    /// Records that a bundle of session `id` was written at `at` into `folder` (its name), in
    /// the session and its timeline as the app does, when no other api-triage has it open
    /// (that one's next save would put back its own copy; it is told nothing).
    pub fn mark_exported(
        &self,
        id: &str,
        at: Timestamp,
        folder: &str,
        zone: &jiff::tz::TimeZone,
    ) -> Result<(), JournalError> {
        let _lock = self.lock(id)?;
        let mut session = self.load(id)?;
        session.exported = Some(at);
        session.record(
            super::EventKind::Exported {
                folder: folder.to_owned(),
            },
            at,
            zone,
        );
        self.save(&session)
    }

    /// Records `what` in the saved session `id` (a hand-off copied from the command line),
    /// under its lock, as the app would.
    pub fn record(
        &self,
        id: &str,
        what: super::EventKind,
        at: Timestamp,
        zone: &jiff::tz::TimeZone,
    ) -> Result<(), JournalError> {
        let _lock = self.lock(id)?;
        let mut session = self.load(id)?;
        session.record(what, at, zone);
        self.save(&session)
    }

    /// Takes the lock of a session, refusing while another api-triage holds it. The lock is
    /// the kernel's (`flock` on the open lock file), so it is freed the moment its process
    /// dies, however it dies: no pid to check, no zombie or reused pid to trip over. The pid
    /// inside the file is only for the message.
    pub fn lock(&self, id: &str) -> Result<Lock, JournalError> {
        self.ensure_dir()?;
        let path = self.dir.join(format!("{id}.lock"));
        let mut file = open_lock_file(&path).map_err(io_error("cannot lock", &path))?;
        match file.try_lock() {
            Ok(()) => {
                // Best effort: the lock holds whether or not the pid is written.
                let _ = file.set_len(0);
                let _ = writeln!(file, "{}", std::process::id());
                Ok(Lock { _file: file })
            }
            Err(fs::TryLockError::WouldBlock) => Err(JournalError::InUse {
                id: id.to_owned(),
                pid: fs::read_to_string(&path)
                    .ok()
                    .and_then(|t| t.trim().parse::<u32>().ok())
                    .unwrap_or(0),
            }),
            Err(fs::TryLockError::Error(e)) => Err(io_error("cannot lock", &path)(e)),
        }
    }
}

/// The lock file of a session: created new (0600) the first time; later opened only when it
/// is a regular file, never through a symlink.
fn open_lock_file(path: &Path) -> io::Result<File> {
    match crate::private_fs::create_new_file(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if !fs::symlink_metadata(path)?.file_type().is_file() {
                return Err(io::Error::other("the lock is not a regular file"));
            }
            fs::OpenOptions::new().write(true).open(path)
        }
        other => other,
    }
}

/// An open session's lock: held while this lives, released by the kernel when it is dropped
/// or the process ends.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// The session as its file holds it: pretty JSON, with C1 and bidirectional controls escaped
/// like the C0 ones, so the file is safe to `cat`.
fn encode(session: &Session, path: &Path) -> Result<Vec<u8>, JournalError> {
    let text = serde_json::to_string_pretty(session).map_err(|e| JournalError::Io {
        action: "cannot encode",
        path: path.display().to_string(),
        source: io::Error::other(e),
    })?;
    let mut bytes = crate::text::sanitize_json(&text).into_owned().into_bytes();
    bytes.push(b'\n');
    Ok(bytes)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::model::NoteTarget;
    use jiff::tz::TimeZone;

    fn session(stamp: &str) -> Session {
        Session::new(
            stamp.parse().unwrap(),
            "Default",
            "embedded default",
            &[],
            Some(502),
        )
    }

    #[test]
    fn save_then_load_returns_the_same_session() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("sessions"));
        let mut s = session("2026-11-23T09:00:00Z");
        s.add_note(
            NoteTarget::Incident,
            "hello",
            "2026-11-23T09:00:30Z".parse().unwrap(),
            &TimeZone::UTC,
        );
        journal.save(&s).unwrap();
        assert_eq!(journal.load(&s.id).unwrap(), s);
        assert_eq!(journal.latest().unwrap(), s.id);
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("sessions"));
        let s = session("2026-11-23T09:00:00Z");
        journal.save(&s).unwrap();
        journal.save(&s).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(journal.dir()), 0o700);
        assert_eq!(mode(&journal.path(&s.id)), 0o600);
        assert_eq!(mode(&journal.backup_path(&s.id)), 0o600);
    }

    #[test]
    fn a_damaged_file_is_reported_with_its_position_and_the_backup_kept() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let s = session("2026-11-23T09:00:00Z");
        journal.save(&s).unwrap();
        journal.save(&s).unwrap();
        let text = fs::read_to_string(journal.path(&s.id)).unwrap();
        fs::write(journal.path(&s.id), &text[..text.len() / 2]).unwrap();
        let err = journal.load(&s.id).unwrap_err().to_string();
        assert!(err.contains("is damaged at line"), "{err}");
        assert!(err.contains(".json.bak"), "{err}");
        let backup: Session =
            serde_json::from_str(&fs::read_to_string(journal.backup_path(&s.id)).unwrap()).unwrap();
        assert_eq!(backup, s);
    }

    #[test]
    fn a_file_from_a_newer_version_is_refused_and_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let s = session("2026-11-23T09:00:00Z");
        journal.save(&s).unwrap();
        let path = journal.path(&s.id);
        let current = format!(
            "\"schema_version\": {}",
            crate::session::model::SCHEMA_VERSION
        );
        let newer = fs::read_to_string(&path)
            .unwrap()
            .replace(&current, "\"schema_version\": 99");
        fs::write(&path, &newer).unwrap();
        let err = journal.load(&s.id).unwrap_err();
        assert!(
            matches!(err, JournalError::Newer { found: 99, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("newer api-triage"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), newer);
        assert!(journal.list()[0].problem.is_some());
        assert_eq!(journal.list()[0].state, State::Newer);
    }

    #[test]
    fn a_missing_file_falls_back_to_its_backup() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let s = session("2026-11-23T09:00:00Z");
        journal.save(&s).unwrap();
        journal.save(&s).unwrap();
        fs::remove_file(journal.path(&s.id)).unwrap();
        assert_eq!(journal.load(&s.id).unwrap(), s);
        // And `resume` still finds it.
        assert_eq!(journal.ids(), vec![s.id.clone()]);
    }

    fn backup_of(journal: &Journal, id: &str) -> Session {
        serde_json::from_str(&fs::read_to_string(journal.backup_path(id)).unwrap()).unwrap()
    }

    /// Temporary and staging files start with a dot.
    fn hidden_files(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect()
    }

    #[test]
    fn a_save_after_a_kill_between_link_and_rename_leaves_no_stray_file() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let mut s = session("2026-11-23T09:00:00Z");
        journal.save(&s).unwrap();
        // As a kill leaves it: the backup is a second name of the current file.
        let _ = fs::remove_file(journal.backup_path(&s.id));
        fs::hard_link(journal.path(&s.id), journal.backup_path(&s.id)).unwrap();
        s.incident.title = "after".into();
        journal.save(&s).unwrap();
        assert_eq!(journal.load(&s.id).unwrap().incident.title, "after");
        assert_eq!(backup_of(&journal, &s.id).incident.title, "");
        assert_eq!(hidden_files(dir.path()), Vec::<String>::new());
        assert!(journal.taken(&s.id));
        assert!(!journal.taken("20261123-090000-404"));
    }

    #[test]
    fn saving_over_a_session_never_takes_its_file_away() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let mut s = session("2026-11-23T09:00:00Z");
        journal.save(&s).unwrap();
        s.incident.title = "second".into();
        journal.save(&s).unwrap();
        s.incident.title = "third".into();
        journal.save(&s).unwrap();
        assert_eq!(journal.load(&s.id).unwrap().incident.title, "third");
        assert_eq!(backup_of(&journal, &s.id).incident.title, "second");
        // No staging or temporary file is left behind, and the id is listed once.
        assert_eq!(hidden_files(dir.path()), Vec::<String>::new());
        assert_eq!(journal.ids(), vec![s.id.clone()]);
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_leaves_the_previous_file_intact() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("s"));
        let mut s = session("2026-11-23T09:00:00Z");
        journal.save(&s).unwrap();
        fs::set_permissions(journal.dir(), fs::Permissions::from_mode(0o500)).unwrap();
        s.incident.title = "changed".into();
        let result = journal.save(&s);
        fs::set_permissions(journal.dir(), fs::Permissions::from_mode(0o700)).unwrap();
        // Root ignores folder permissions; the check only means something for other users.
        if result.is_err() {
            assert_eq!(journal.load(&s.id).unwrap().incident.title, "");
        }
    }

    #[test]
    fn a_write_that_fails_midway_leaves_the_previous_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let mut s = session("2026-11-23T09:00:00Z");
        journal.save(&s).unwrap();
        // Block the temporary file's name so the write fails, as a full disk would.
        let tmp = dir
            .path()
            .join(format!(".{}.json.tmp-{}", s.id, std::process::id()));
        fs::create_dir(&tmp).unwrap();
        s.incident.title = "changed".into();
        let err = journal.save(&s).unwrap_err();
        assert!(err.to_string().starts_with("cannot write"), "{err}");
        assert_eq!(journal.load(&s.id).unwrap().incident.title, "");
        fs::remove_dir(&tmp).unwrap();
        journal.save(&s).unwrap();
        assert_eq!(journal.load(&s.id).unwrap().incident.title, "changed");
    }

    /// A killed holder (left a zombie, not yet reaped) frees the lock at once.
    #[test]
    #[cfg(target_os = "linux")]
    fn a_lock_held_by_a_killed_process_is_free_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        drop(journal.lock("k").unwrap());
        let lock_path = dir.path().join("k.lock");
        // util-linux's flock holds the same kind of lock on the file in another process
        // (`-o`: its `sleep` child does not inherit the lock).
        let Ok(mut holder) = std::process::Command::new("flock")
            .args(["-o", "-x"])
            .arg(&lock_path)
            .args(["sleep", "40"])
            .spawn()
        else {
            return;
        };
        let started = std::time::Instant::now();
        while journal.lock("k").is_ok() && started.elapsed().as_secs() < 5 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(matches!(journal.lock("k"), Err(JournalError::InUse { .. })));
        holder.kill().unwrap();
        // Not waited for: the holder stays a zombie, and the lock is free all the same.
        let started = std::time::Instant::now();
        while journal.lock("k").is_err() && started.elapsed().as_secs() < 5 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(journal.lock("k").is_ok());
        let _ = holder.wait();
    }

    #[test]
    fn a_held_lock_refuses_and_a_released_one_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let lock = journal.lock("x").unwrap();
        match journal.lock("x") {
            Err(JournalError::InUse { pid, .. }) => assert_eq!(pid, std::process::id()),
            other => panic!("{other:?}"),
        }
        drop(lock);
        // Released by the kernel with its file: the lock file left behind is no obstacle.
        assert!(dir.path().join("x.lock").exists());
        drop(journal.lock("x").unwrap());
        // A file left by an old version, naming a live pid, is no lock either.
        fs::write(dir.path().join("y.lock"), "1\n").unwrap();
        assert!(journal.lock("y").is_ok());
    }

    #[test]
    fn sessions_started_in_the_same_second_never_overwrite_each_other() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let mut first = session("2026-11-23T09:00:00Z");
        let mut second = session("2026-11-23T09:00:00Z");
        second.incident.title = "second".to_owned();
        journal.create(&mut first).unwrap();
        journal.create(&mut second).unwrap();
        assert_ne!(first.id, second.id);
        assert_eq!(journal.load(&first.id).unwrap().incident.title, "");
        assert_eq!(journal.load(&second.id).unwrap().incident.title, "second");
        // Two processes racing: many threads creating the same id all get their own file.
        let ids: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        let mut s = session("2026-11-23T10:00:00Z");
                        journal.create(&mut s).unwrap();
                        s.id
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), 8, "{ids:?}");
        assert!(
            hidden_files(dir.path()).is_empty(),
            "{:?}",
            hidden_files(dir.path())
        );
    }

    #[test]
    fn list_is_newest_first_and_shows_damaged_files() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        journal.save(&session("2026-11-23T09:00:00Z")).unwrap();
        journal.save(&session("2026-11-23T10:00:00Z")).unwrap();
        fs::write(dir.path().join("20261123-080000.json"), "{").unwrap();
        let list = journal.list();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].id, "20261123-100000-502");
        assert_eq!(list[0].code, Some(502));
        assert!(list[2].problem.is_some());
        assert_eq!(list[2].state, State::Damaged);
    }

    #[test]
    fn open_sessions_for_a_code_leave_out_exported_ones_and_other_codes() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let mut first = session("2026-11-23T09:00:00Z");
        first.incident.title = "checkout".into();
        journal.save(&first).unwrap();
        let mut exported = session("2026-11-23T10:00:00Z");
        exported.exported = Some("2026-11-23T10:30:00Z".parse().unwrap());
        journal.save(&exported).unwrap();
        let mut other = session("2026-11-23T11:00:00Z");
        other.code = Some(504);
        other.id = "20261123-110000-504".into();
        journal.save(&other).unwrap();
        journal.save(&session("2026-11-23T12:00:00Z")).unwrap();
        let open: Vec<String> = journal.open_for(502).into_iter().map(|s| s.id).collect();
        assert_eq!(open, ["20261123-120000-502", "20261123-090000-502"]);
        let list = journal.list();
        assert_eq!(list[2].state, State::Exported);
        assert_eq!(list[3].title, "checkout");
        assert_eq!(
            list[3]
                .age("2026-11-23T09:45:00Z".parse().unwrap())
                .as_deref(),
            Some("45 min ago")
        );
    }
}
