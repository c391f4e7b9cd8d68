//! Finding and loading what a run needs, the same way for the command line and the app: the
//! runbooks (explicit paths, `$API_TRIAGE_RUNBOOKS`, `./runbooks/`, the config folder, over the
//! embedded default) and the sessions folder.

use std::path::PathBuf;

use jiff::civil::Date;

use crate::runbook::{LoadReport, SearchPath, load_paths};
use crate::session::Journal;

/// Loads the runbooks: `explicit` paths alone when given (`check FILE`), else the search
/// path with `extra` (`--runbook`) first.
pub fn load_runbooks(extra: &[PathBuf], explicit: &[PathBuf], today: Option<Date>) -> LoadReport {
    let mut search = SearchPath::from_environment(extra.to_vec());
    if !explicit.is_empty() {
        search.explicit = explicit.to_vec();
    }
    load_paths(&search.resolve(), today)
}

/// The sessions folder: `--state-dir`, else `$API_TRIAGE_STATE_DIR`, else the user's state
/// folder.
pub fn journal(state_dir: Option<&PathBuf>) -> Journal {
    Journal::new(
        state_dir
            .cloned()
            .unwrap_or_else(crate::session::default_dir),
    )
}
