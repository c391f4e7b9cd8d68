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
        // Code only: a comment may name the module that does the job, and a test may time
        // itself or start a process.
        let source = std::fs::read_to_string(&file).unwrap();
        let code = source
            .split_once("#[cfg(test)]\nmod ")
            .map_or(source.as_str(), |(code, _)| code);
        let text: String = code
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
            // The clock is passed in.
            "Timestamp::now",
            "Zoned::now",
            "SystemTime::now",
            "Instant::now",
        ] {
            assert!(
                !text.contains(forbidden),
                "{} uses {forbidden}",
                file.display()
            );
        }
    }
}

/// Code lines of the Rust files under `dir`, comments left out.
fn code_of(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file)
                .unwrap()
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            (file, text)
        })
        .collect()
}

#[test]
fn screens_do_not_know_the_app_and_the_app_draws_no_screen() {
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let screens = code_of(&tui.join("screens"));
    assert!(screens.len() >= 8, "{screens:?}");
    for (file, text) in &screens {
        for forbidden in ["tui::app", "super::app", "App"] {
            assert!(
                !text
                    .split(|c: char| !c.is_alphanumeric() && c != ':' && c != '_')
                    .any(|word| word == forbidden || word.ends_with(&format!("::{forbidden}"))),
                "{} uses {forbidden}: a screen asks the app through `Command`",
                file.display()
            );
        }
    }
    // The app routes and draws the frame; what a screen shows is drawn by the screen.
    for (file, text) in code_of(&tui.join("app")) {
        for widget in ["Block::", "Borders::", "Paragraph::new(lines)"] {
            assert!(
                !text.contains(widget) || file.ends_with("tests.rs"),
                "{} draws a screen's part ({widget})",
                file.display()
            );
        }
    }
    assert!(
        !tui.join("views").exists(),
        "drawing lives with each screen"
    );
}
