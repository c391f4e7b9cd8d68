//! How api-triage ends: the one list of outcomes and the exit code each gives, as the README
//! documents them. Every command and the app return an [`Exit`]; only `main` turns it into a
//! number.

/// The outcome of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Exit {
    /// 0: done.
    #[default]
    Ok,
    /// 1: `check` found problems, or the command could not do its job (no such session, no
    /// runbook, a save that failed, nothing matched).
    Failed,
    /// 2: the input cannot be used: not a status code, a file that cannot be read, no
    /// terminal for the app.
    Usage,
    /// 101, Rust's own code for a panic: an internal error (the terminal was restored).
    Panic,
    /// 128 + the signal that ended the app (SIGTERM, SIGHUP), after saving.
    Signal(i32),
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::Failed => 1,
            Exit::Usage => 2,
            Exit::Panic => 101,
            Exit::Signal(signal) => u8::try_from(128 + signal).unwrap_or(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Exit;

    #[test]
    fn each_outcome_has_its_documented_code() {
        assert_eq!(Exit::Ok.code(), 0);
        assert_eq!(Exit::Failed.code(), 1);
        assert_eq!(Exit::Usage.code(), 2);
        assert_eq!(Exit::Panic.code(), 101);
        assert_eq!(Exit::Signal(15).code(), 143);
        assert_eq!(Exit::Signal(1).code(), 129);
    }
}
