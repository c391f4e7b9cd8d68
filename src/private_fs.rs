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
    create_dir_all(dir)?;
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
