//! The embedded default, merged once at development time and kept as JSON beside the code
//! (`assets/default-runbook.json`), so a start with no team file reads it instead of parsing
//! 190 KB of TOML. It is used only when it was made from the very text compiled in (a digest
//! says so) and only while no review of the default is due; otherwise the TOML is parsed as
//! before. A test checks it against the TOML and remakes it with `UPDATE_GENERATED=1`.

use std::sync::Mutex;
use std::thread::JoinHandle;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::load::DEFAULT_RUNBOOK;
use super::merged::TeamRunbook;

/// The JSON kept beside the code.
const SNAPSHOT: &str = include_str!("../../assets/default-runbook.json");

/// The merged default and the digest of the TOML it was made from.
#[derive(Debug, Serialize, Deserialize)]
struct Snapshot {
    made_from: String,
    runbook: TeamRunbook,
}

/// A digest of `text` that stays the same across compilers and machines (std's hasher may
/// not), eight bytes at a time: it only has to tell an edited default from the one the
/// snapshot was made from.
fn digest(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = text.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word))
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(29);
    }
    for byte in chunks.remainder() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}-{}", text.len())
}

/// The snapshot's text for `runbook`, the default merged from [`DEFAULT_RUNBOOK`].
pub fn render(runbook: &TeamRunbook) -> String {
    let snapshot = Snapshot {
        made_from: digest(DEFAULT_RUNBOOK),
        runbook: runbook.clone(),
    };
    let mut text = serde_json::to_string_pretty(&snapshot).unwrap_or_default();
    text.push('\n');
    text
}

/// The snapshot being read on another thread, started by [`preload`].
static PRELOADED: Mutex<Option<JoinHandle<Option<TeamRunbook>>>> = Mutex::new(None);

/// Starts reading the snapshot on another thread, so it is ready by the time the command line
/// is parsed and the terminal set up (the two cores of a small server do both at once). A
/// run that needs no runbook simply never asks for it.
pub fn preload() {
    let reading = std::thread::Builder::new()
        .name("default-runbook".to_owned())
        .spawn(read);
    if let (Ok(reading), Ok(mut slot)) = (reading, PRELOADED.lock()) {
        *slot = Some(reading);
    }
}

/// The merged default from the snapshot, when it is the compiled-in text's.
fn read() -> Option<TeamRunbook> {
    let snapshot: Snapshot = serde_json::from_str(SNAPSHOT).ok()?;
    (snapshot.made_from == digest(DEFAULT_RUNBOOK)).then_some(snapshot.runbook)
}

/// The merged default from the snapshot (preloaded, or read now), when it is the
/// compiled-in text's and `today` needs no review finding (the full path reports it with its
/// line and column).
pub fn embedded_default(today: Option<Date>) -> Option<TeamRunbook> {
    let preloaded = PRELOADED
        .lock()
        .ok()
        .and_then(|mut slot| slot.take())
        .and_then(|reading| reading.join().ok());
    let runbook = match preloaded {
        Some(read) => read,
        None => read(),
    }?;
    if let Some(today) = today {
        let reviewed: Date = runbook.reviewed.as_deref()?.parse().ok()?;
        let age = (today - reviewed).get_days();
        let every = i64::from(runbook.review_every_days?);
        if age < 0 || i64::from(age) > every {
            return None;
        }
    }
    Some(runbook)
}

#[cfg(test)]
mod tests {
    use super::digest;

    #[test]
    fn the_digest_tells_any_edit_apart() {
        let text = super::DEFAULT_RUNBOOK;
        assert_eq!(digest(text), digest(text));
        let edited = text.replacen("Bad Gateway", "Bad Gatewax", 1);
        assert_ne!(digest(text), digest(&edited));
        assert_ne!(digest("abcdefgh1"), digest("abcdefgh2"));
        assert_ne!(digest("abcdefgh"), digest("abcdefgh "));
    }
}
