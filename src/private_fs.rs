//! Files and folders only their owner can read: folders 0700, files 0600 and always created
//! new, so nothing is overwritten and no symlink is followed. Shared by the session journal and
//! the escalation bundle.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::Path;

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
