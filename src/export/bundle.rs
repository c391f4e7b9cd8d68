//! Writing the escalation bundle: a new folder named from the time, code and title, holding
//! `summary.md`, `bundle.json` and the other files `Prepared::bundle_files` lists. Never
//! overwrites, never follows a symlink; files 0600, folders 0700.

use std::io;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;

use crate::session::Session;

/// Bumped when `bundle.json` changes incompatibly. 2: the session inside is of session schema
/// 2 (a note's evidence is the reading as an object).
pub const BUNDLE_SCHEMA_VERSION: u32 = 2;

/// The longest folder name, so a long incident title cannot make an unusable path.
const MAX_NAME: usize = 80;

/// `bundle.json`: the whole session, machine-readable.
#[derive(Debug, Serialize)]
pub struct BundleJson<'a> {
    pub schema_version: u32,
    pub exported_at: Timestamp,
    /// Whether secrets were redacted, and how many.
    pub redacted: bool,
    pub secrets_redacted: usize,
    pub runbook: &'a str,
    pub summary_markdown: &'a str,
    pub session: &'a Session,
}

/// One file of the bundle: its name in the folder (no path) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    pub name: String,
    pub text: String,
}

impl BundleFile {
    pub fn new(name: &str, text: String) -> Self {
        Self {
            name: name.to_owned(),
            text,
        }
    }
}

/// Why a bundle could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the bundle in {dir}: {source}")]
pub struct BundleError {
    pub dir: String,
    #[source]
    pub source: io::Error,
}

/// A folder name from the time, code and title: letters, digits, `-` and `_` only, no `..`,
/// at most [`MAX_NAME`] characters.
pub fn folder_name(at: Timestamp, code: Option<u16>, title: &str) -> String {
    let mut name = at.strftime("%Y%m%d-%H%M%S").to_string();
    if let Some(code) = code {
        name.push('-');
        name.push_str(&code.to_string());
    }
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    if !slug.is_empty() {
        name.push('-');
        name.push_str(slug);
    }
    let mut name: String = name.chars().take(MAX_NAME).collect();
    while name.ends_with('-') {
        name.pop();
    }
    name
}

/// Writes the bundle's `files` into a new folder under `out_dir` and returns the folder. An
/// existing name gets a suffix (`-2`, `-3`...).
pub fn write_bundle(
    out_dir: &Path,
    name: &str,
    files: &[BundleFile],
) -> Result<PathBuf, BundleError> {
    let fail = |source: io::Error| BundleError {
        dir: out_dir.display().to_string(),
        source,
    };
    // Folders the export creates are private, like the bundle itself.
    crate::private_fs::create_dir_all(out_dir).map_err(fail)?;
    let mut folder = out_dir.join(name);
    let mut n = 2;
    loop {
        match crate::private_fs::create_dir(&folder) {
            Ok(()) => break,
            // An existing entry, a symlink included, is never reused.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 1000 => {
                folder = out_dir.join(format!("{name}-{n}"));
                n += 1;
            }
            Err(e) => return Err(fail(e)),
        }
    }
    for file in files {
        // A file name is ours, never the session's; refuse anything that would leave the folder.
        let plain = Path::new(&file.name)
            .file_name()
            .is_some_and(|n| n == file.name.as_str());
        if !plain || file.name.starts_with('.') {
            return Err(fail(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("not a plain file name: {}", file.name),
            )));
        }
        // The one way out for files: JSON escaped as JSON, everything else sanitized as text.
        let json = Path::new(&file.name)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
        let text = if json {
            crate::text::sanitize_json(&file.text)
        } else {
            crate::text::sanitize(&file.text)
        };
        crate::private_fs::write_new(&folder.join(&file.name), text.as_bytes()).map_err(fail)?;
    }
    Ok(folder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn files(summary: &str) -> Vec<BundleFile> {
        vec![
            BundleFile::new("summary.md", summary.to_owned()),
            BundleFile::new("bundle.json", "{}".to_owned()),
        ]
    }

    fn at() -> Timestamp {
        "2026-11-23T09:05:00Z".parse().unwrap()
    }

    #[test]
    fn names_are_safe_whatever_the_title() {
        assert_eq!(
            folder_name(at(), Some(502), "Checkout 502s in EU!"),
            "20261123-090500-502-checkout-502s-in-eu"
        );
        for title in [
            "../../etc/passwd",
            "a/b\\c",
            "x\u{1b}[2Jy\n\0z",
            "..",
            "日本語のタイトル",
            "",
        ] {
            let name = folder_name(at(), None, title);
            assert!(
                !name.contains('/') && !name.contains('\\') && !name.contains(".."),
                "{name}"
            );
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{name}"
            );
        }
        assert!(folder_name(at(), Some(500), &"long title ".repeat(50)).len() <= MAX_NAME);
    }

    #[test]
    fn an_existing_name_gets_a_suffix_and_nothing_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_bundle(dir.path(), "b", &files("one")).unwrap();
        let second = write_bundle(dir.path(), "b", &files("two")).unwrap();
        assert_eq!(second, dir.path().join("b-2"));
        assert_eq!(fs::read_to_string(first.join("summary.md")).unwrap(), "one");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_in_the_way_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        fs::create_dir(&target).unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("b")).unwrap();
        let folder = write_bundle(dir.path(), "b", &files("text")).unwrap();
        assert_eq!(folder, dir.path().join("b-2"));
        assert!(
            fs::read_dir(&target).unwrap().next().is_none(),
            "nothing written through the link"
        );
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = write_bundle(dir.path(), "b", &files("text")).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&folder.join("summary.md")), 0o600);
        assert_eq!(mode(&folder.join("bundle.json")), 0o600);
        // `export --out a/b`: the folders it has to create are private too.
        let nested = dir.path().join("a").join("b");
        write_bundle(&nested, "b", &files("text")).unwrap();
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&nested), 0o700);
    }

    #[test]
    fn a_file_name_never_leaves_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["../x.md", "a/b.md", "", ".hidden", ".."] {
            let file = BundleFile::new(name, "text".to_owned());
            assert!(write_bundle(dir.path(), "b", &[file]).is_err(), "{name:?}");
        }
    }
}
