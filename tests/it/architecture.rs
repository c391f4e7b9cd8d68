//! The one dependency rule, checked on the source: the domain modules never import the
//! terminal, a clipboard or the command line, so they stay testable with plain unit tests.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_modules_import_no_terminal_clipboard_or_command_line() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in ["runbook", "triage", "evidence", "session", "export"] {
        rust_files(&src.join(module), &mut files);
    }
    files.push(src.join("matrix.rs"));
    files.push(src.join("text.rs"));
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        // Code only: a comment may name the module that does the job.
        let text: String = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for forbidden in [
            "ratatui",
            "crossterm",
            "arboard",
            "clap::",
            "crate::tui",
            "crate::cli",
            "crate::clipboard",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} uses {forbidden}",
                file.display()
            );
        }
    }
}
