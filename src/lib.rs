//! api-triage: guided triage of failing HTTP APIs from team-owned runbooks.
//!
//! Modules and the one dependency rule:
//! - `code`: `StatusCode`, the one type for an HTTP status code.
//! - `runbook`: the TOML format, loading, layering and validation (filesystem allowed).
//! - `matrix`: the merged code matrix, search and comparisons (pure).
//! - `triage`: the interview, the checklist, ranking by the answers (pure).
//! - `evidence`: what pasted evidence shows (pure).
//! - `session`: the saved triage and its crash-safe journal (filesystem).
//! - `export`: the escalation summary and bundle, and redaction (pure but for the bundle).
//! - `clipboard`: the desktop clipboard, OSC 52 and the file fallback; the only module that
//!   touches a clipboard.
//! - `text`: making untrusted text safe to show, wrapping (pure).
//! - `startup`: finding and loading the runbooks and the sessions folder, for the CLI and
//!   the app alike.
//! - `private_fs`: owner-only files and folders, created new (filesystem).
//! - `fuzzing`: the fuzz targets' checks, shared with the replay tests.
//! - `run`: running a runbook command in the background; the only module that starts
//!   processes.
//! - `cli`: the command-line interface, reusing the core; `exit`: how a run ends.
//! - `tui`: the terminal app; the only module that touches the terminal.
//!
//! The domain modules (`runbook`, `matrix`, `triage`, `evidence`, `session`) never
//! import ratatui, crossterm or arboard, and never read the clock: it is passed in.

pub mod cli;
pub mod clipboard;
pub mod code;
pub mod evidence;
pub mod exit;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod matrix;
pub mod private_fs;
pub mod run;
pub mod runbook;
pub mod schema;
pub mod session;
pub mod startup;
pub mod text;
pub mod triage;
pub mod tui;
