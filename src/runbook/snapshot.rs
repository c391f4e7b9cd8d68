//! The embedded default, merged once at development time and kept as JSON beside the code
//! (`assets/default-runbook.json`), so a start with no team file reads it instead of parsing
//! 190 KB of TOML. It is used only when it was made from the very text compiled in (a digest
//! says so) and only while no review of the default is due; otherwise the TOML is parsed as
//! before. A test checks it against the TOML and remakes it with `UPDATE_GENERATED=1`.

use std::sync::Mutex;
use std::sync::mpsc::Receiver;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::ser::PrettyFormatter;

use super::load::DEFAULT_RUNBOOK;
use super::merged::TeamRunbook;

/// The JSON kept beside the code.
const SNAPSHOT: &str = include_str!("../../assets/default-runbook.json");

/// The part of it the app's first screen shows (see [`first_screen_of`]), kept beside it: a
/// tenth of the size, read before the first frame while the whole is read on the other core.
const FIRST_SCREEN: &str = include_str!("../../assets/default-runbook-first-screen.json");

/// The merged default and the digest of the TOML it was made from.
#[derive(Debug, Serialize, Deserialize)]
struct Snapshot {
    made_from: String,
    runbook: TeamRunbook,
}

/// A digest of `text` that stays the same across compilers and machines (std's hasher may
/// not), eight bytes at a time: it only has to tell an edited default from the one the
/// snapshot was made from. A `const fn`, so the compiled-in text's digest is worked out when
/// compiling ([`EMBEDDED_DIGEST`]), not at every start.
const fn digest(text: &str) -> (u64, usize) {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let bytes = text.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut at = 0;
    while at + 8 <= bytes.len() {
        let word = u64::from_le_bytes([
            bytes[at],
            bytes[at + 1],
            bytes[at + 2],
            bytes[at + 3],
            bytes[at + 4],
            bytes[at + 5],
            bytes[at + 6],
            bytes[at + 7],
        ]);
        hash = (hash ^ word).wrapping_mul(PRIME).rotate_left(29);
        at += 8;
    }
    while at < bytes.len() {
        // `u64::from` cannot be called in a `const fn`; widening a byte loses nothing.
        #[allow(clippy::cast_lossless)]
        let byte = bytes[at] as u64;
        hash = (hash ^ byte).wrapping_mul(PRIME);
        at += 1;
    }
    (hash, bytes.len())
}

/// The digest of the compiled-in default, worked out by the compiler.
const EMBEDDED_DIGEST: (u64, usize) = digest(DEFAULT_RUNBOOK);

/// How a digest is written in the snapshot's `made_from`.
fn digest_text((hash, len): (u64, usize)) -> String {
    format!("{hash:016x}-{len}")
}

/// The snapshot's text for `runbook`, the default merged from [`DEFAULT_RUNBOOK`]: one value
/// per line, as a pretty print without its indentation. The indentation was a third of the
/// file, and skipping it a fifth of the time a start spends reading the snapshot; a line per
/// value keeps a regenerated snapshot's diff readable.
pub fn render(runbook: &TeamRunbook) -> String {
    to_text(runbook.clone())
}

/// The first-screen snapshot's text for `runbook` (see [`first_screen_of`]).
pub fn render_first_screen(runbook: &TeamRunbook) -> String {
    to_text(first_screen_of(runbook))
}

/// What the app's first screen (the code matrix, on its first row) reads of `runbook`: every
/// code's title, owner's name and source for the list, the first code's whole card for the
/// preview, and the runbook's own fields; the other cards' advice and owners' contacts, the
/// owners, class advice, comparisons, scenarios and interview are left empty. The app draws its first frame from this while the
/// whole runbook is still being read, then goes on with the whole; a test holds the two
/// frames equal at every size.
pub fn first_screen_of(runbook: &TeamRunbook) -> TeamRunbook {
    let mut first = runbook.clone();
    for card in first.codes.values_mut().skip(1) {
        card.owner.contact.clear();
        card.owner.escalation = None;
        card.meaning.clear();
        card.generated_by.clear();
        card.keywords.clear();
        card.look_first.clear();
        card.causes.clear();
        card.checks.clear();
        card.compare.clear();
        card.needs.clear();
        card.examples.clear();
    }
    first.owners.clear();
    first.classes.clear();
    first.comparisons.clear();
    first.scenarios.clear();
    first.interview.clear();
    first
}

fn to_text(runbook: TeamRunbook) -> String {
    let snapshot = Snapshot {
        made_from: digest_text(EMBEDDED_DIGEST),
        runbook,
    };
    let mut out = Vec::new();
    let mut writer =
        serde_json::Serializer::with_formatter(&mut out, PrettyFormatter::with_indent(b""));
    if snapshot.serialize(&mut writer).is_err() {
        return String::new();
    }
    let mut text = String::from_utf8(out).unwrap_or_default();
    text.push('\n');
    text
}

/// The snapshot being read on another thread, started by [`preload`]: the reading arrives on
/// the channel as soon as it is done, without waiting for the thread to wind down.
static PRELOADED: Mutex<Option<Receiver<Option<TeamRunbook>>>> = Mutex::new(None);

/// Starts reading the snapshot on another thread, so it is ready by the time the command line
/// is parsed and the terminal set up (the two cores of a small server do both at once). A
/// run that needs no runbook simply never asks for it.
pub fn preload() {
    let (send, receive) = std::sync::mpsc::sync_channel(1);
    let reading = std::thread::Builder::new()
        .name("default-runbook".to_owned())
        .spawn(move || {
            // Nobody may be listening any more (a command that needs no runbook has ended).
            let _ = send.send(read());
        });
    if let (Ok(_), Ok(mut slot)) = (reading, PRELOADED.lock()) {
        *slot = Some(receive);
    }
}

/// The merged default from the snapshot, when it is the compiled-in text's.
fn read() -> Option<TeamRunbook> {
    read_text(SNAPSHOT)
}

/// The runbook in a snapshot's `text`, when it was made from the compiled-in text.
fn read_text(text: &str) -> Option<TeamRunbook> {
    let snapshot: Snapshot = serde_json::from_str(text).ok()?;
    (snapshot.made_from == digest_text(EMBEDDED_DIGEST)).then_some(snapshot.runbook)
}

/// What the first screen shows of the embedded default (see [`first_screen_of`]), under the
/// same conditions as [`embedded_default`]: made from the compiled-in text, no review due.
pub fn embedded_first_screen(today: Option<Date>) -> Option<TeamRunbook> {
    read_text(FIRST_SCREEN).filter(|runbook| no_review_due(runbook, today))
}

/// The merged default from the snapshot (preloaded, or read now), when it is the
/// compiled-in text's and `today` needs no review finding (the full path reports it with its
/// line and column).
pub fn embedded_default(today: Option<Date>) -> Option<TeamRunbook> {
    // A reading thread that died (it cannot panic, but if) sends nothing: read here then.
    let preloaded = PRELOADED
        .lock()
        .ok()
        .and_then(|mut slot| slot.take())
        .and_then(|reading| reading.recv().ok());
    let runbook = match preloaded {
        Some(read) => read,
        None => read(),
    }?;
    no_review_due(&runbook, today).then_some(runbook)
}

/// Whether `today` (when given) needs no review finding for `runbook`; the full path reports
/// one with its line and column.
fn no_review_due(runbook: &TeamRunbook, today: Option<Date>) -> bool {
    let Some(today) = today else {
        return true;
    };
    let due = || -> Option<bool> {
        let reviewed: Date = runbook.reviewed.as_deref()?.parse().ok()?;
        let age = (today - reviewed).get_days();
        let every = i64::from(runbook.review_every_days?);
        Some(age < 0 || i64::from(age) > every)
    };
    due() == Some(false)
}

#[cfg(test)]
mod tests {
    use super::digest;

    #[test]
    fn the_digest_tells_any_edit_apart() {
        let text = super::DEFAULT_RUNBOOK;
        assert_eq!(digest(text), digest(text));
        assert_eq!(digest(text), super::EMBEDDED_DIGEST);
        let edited = text.replacen("Bad Gateway", "Bad Gatewax", 1);
        assert_ne!(digest(text), digest(&edited));
        assert_ne!(digest("abcdefgh1"), digest("abcdefgh2"));
        assert_ne!(digest("abcdefgh"), digest("abcdefgh "));
    }
}
