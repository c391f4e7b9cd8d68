//! The embedded default, merged once at development time and kept as JSON beside the code
//! (`assets/default-runbook.json`), so a start with no team file reads it instead of parsing
//! 190 KB of TOML. It is used only when it was made from the very text compiled in (a digest
//! says so) and only while no review of the default is due; otherwise the TOML is parsed as
//! before. A test checks it against the TOML and remakes it with `UPDATE_GENERATED=1`.

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

/// The merged default from the snapshot, when it is the compiled-in text's and `today` needs
/// no review finding (the full path reports it with its line and column).
pub fn embedded_default(today: Option<Date>) -> Option<TeamRunbook> {
    let snapshot: Snapshot = serde_json::from_str(SNAPSHOT).ok()?;
    if snapshot.made_from != digest(DEFAULT_RUNBOOK) {
        return None;
    }
    let runbook = snapshot.runbook;
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
