//! Files and folders only their owner can read: folders 0700, files 0600 and always created
//! new, so nothing is overwritten and no symlink is followed. Shared by the session journal and
//! the escalation bundle.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Creates `dir` and any missing parents, the new ones 0700.
pub fn create_dir_all(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    builder().recursive(true).create(dir)
}

/// Makes `dir` a private folder of ours: created 0700 (with missing parents) when absent;
/// when present, it must be a real folder, not a symlink to one, and is narrowed to 0700 if
/// others could read or write it (a folder made by an older version, or by hand). For the
/// folders api-triage owns (the sessions, the copy fallback), never for one the user names.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => builder().recursive(true).create(dir),
        Err(e) => Err(e),
        Ok(meta) if meta.file_type().is_symlink() => Err(io::Error::other(format!(
            "{} is a symbolic link; api-triage keeps its files in a real folder",
            dir.display()
        ))),
        Ok(meta) if !meta.is_dir() => Err(io::Error::other(format!(
            "{} is not a folder",
            dir.display()
        ))),
        Ok(meta) => narrow(dir, &meta),
    }
}

#[cfg(unix)]
fn narrow(dir: &Path, meta: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // Group or others may read, write or enter it: narrow it.
    if meta.permissions().mode() & 0o077 != 0 {
        return fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

#[cfg(not(unix))]
fn narrow(_dir: &Path, _meta: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

/// Creates exactly `dir`, 0700; fails if anything (a symlink included) is already there.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    builder().create(dir)
}

#[cfg(unix)]
fn builder() -> fs::DirBuilder {
    use std::os::unix::fs::DirBuilderExt;
    let mut builder = fs::DirBuilder::new();
    builder.mode(0o700);
    builder
}

#[cfg(not(unix))]
fn builder() -> fs::DirBuilder {
    fs::DirBuilder::new()
}

/// Creates a new file, 0600, for writing; fails if anything (a symlink included) is there.
pub fn create_new_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Writes `bytes` to a new file at `path` (0600, never over anything, never through a link)
/// and syncs it to disk; on failure nothing is left at `path`.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write as _;
    // Nothing is created when this fails (an existing file stays untouched).
    let mut file = create_new_file(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        // The file is ours: created new a moment ago.
        let _ = fs::remove_file(path);
    }
    written
}

/// A short random token (16 hex digits) for names nobody can guess ahead of time. The
/// standard library's hasher keys are drawn from the operating system's random source.
pub fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    format!("{:016x}", hasher.finish())
}

/// Creates a new file `PREFIX-<random>.EXT` in `dir` (created 0700 if missing), 0600, never
/// through a symlink and never over anything; returns its path and the open file.
pub fn create_unpredictable(dir: &Path, prefix: &str, ext: &str) -> io::Result<(PathBuf, File)> {
    ensure_private_dir(dir)?;
    let mut last = io::Error::other("no name was free");
    for _ in 0..8 {
        let path = dir.join(format!("{prefix}-{}.{ext}", random_token()));
        match create_new_file(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpredictable_files_are_new_private_and_differ() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("copies");
        let (a, _) = create_unpredictable(&inner, "summary", "md").unwrap();
        let (b, _) = create_unpredictable(&inner, "summary", "md").unwrap();
        assert_ne!(a, b);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&a), 0o600);
            assert_eq!(mode(&inner), 0o700);
        }
    }

    #[test]
    #[cfg(unix)]
    fn private_folders_are_narrowed_and_symlinks_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let open = dir.path().join("open");
        fs::create_dir(&open).unwrap();
        fs::set_permissions(&open, fs::Permissions::from_mode(0o755)).unwrap();
        ensure_private_dir(&open).unwrap();
        assert_eq!(
            fs::metadata(&open).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&open, &link).unwrap();
        assert!(ensure_private_dir(&link).is_err());
        let fresh = dir.path().join("a/b");
        ensure_private_dir(&fresh).unwrap();
        assert_eq!(
            fs::metadata(&fresh).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }

    #[test]
    fn a_planted_symlink_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, "keep me").unwrap();
        let link = dir.path().join("planted");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(create_new_file(&link).is_err());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    }
}
