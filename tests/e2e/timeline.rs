//! The timeline and the status update in a real terminal (tmux at 80x24): the header's
//! countdown, an update drafted, corrected and copied, the timeline holding it with the step
//! outcome and a pasted note (escape sequences shown as text, the pane's title untouched), and
//! the bundle's timeline files.

use crate::support::tmux::Tmux;

use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_api-triage");
const LIMIT: Duration = Duration::from_secs(20);

#[test]
fn an_update_is_drafted_copied_and_kept_in_the_timeline_and_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let exports = dir.path().join("exports");
    let tmux = Tmux::new("timeline");
    let script = format!(
        "API_TRIAGE_STATE_DIR='{}' API_TRIAGE_EXPORT_DIR='{}' exec '{BIN}' 502",
        state.display(),
        exports.display(),
    );
    tmux.start_sized(&script, 80, 24).unwrap();
    tmux.wait_for("First three places to look", LIMIT);
    tmux.triage_to_checklist(LIMIT);
    // Awaited, not read off that screen: a capture can land between two parts of one write.
    tmux.wait_for("next update in 30 min", LIMIT);

    // A step ruled out with its finding, and a note pasted as a terminal sends it: CR line
    // breaks, a window-title sequence inside.
    tmux.keys(&["o"], true);
    tmux.wait_for("Finding", LIMIT);
    tmux.keys(&["no upstream errors"], true);
    tmux.keys(&["Enter"], false);
    tmux.wait_for("→ no upstream errors", LIMIT);
    tmux.keys(&["a"], true);
    tmux.wait_for("Note on the incident", LIMIT);
    tmux.paste("HTTP/1.1 502 Bad Gateway\nServer: nginx\nX-Note: \u{1b}]0;pwned\u{7}\n\n");
    tmux.keys(&["Escape"], false);
    tmux.wait_for("┌ Checklist", LIMIT);

    // The update: Slack first, Markdown on f, corrected, copied.
    tmux.keys(&["u"], true);
    let screen = tmux.wait_for("Status update · Slack", LIMIT);
    assert!(
        screen.contains("*Investigating: 502 Bad Gateway"),
        "{screen}"
    );
    tmux.keys(&["f"], true);
    tmux.wait_for("Status update · Markdown", LIMIT);
    tmux.keys(&["e"], true);
    tmux.wait_for("Esc keeps the edit", LIMIT);
    tmux.keys(&["Checkout team informed. "], true);
    tmux.keys(&["Escape"], false);
    tmux.wait_for("Status update · Markdown, edited", LIMIT);
    tmux.keys(&["y"], true);
    tmux.wait_for("Status update ", LIMIT);
    std::thread::sleep(Duration::from_millis(300));
    tmux.keys(&["Escape"], false);
    tmux.wait_for("┌ Checklist", LIMIT);
    tmux.wait_for("next update in 30 min", LIMIT);

    // The timeline: the answers, the step, the note (its sequence as text), the update.
    tmux.keys(&["T"], true);
    tmux.wait_for("status update copied: Checkout team", LIMIT);
    // The whole frame, once drawn: a capture can land between two parts of one write.
    std::thread::sleep(Duration::from_millis(200));
    let screen = tmux.wait_for("┌ Timeline: all", LIMIT);
    assert!(screen.contains("step 1 ruled out:"), "{screen}");
    assert!(screen.contains("— no upstream"), "{screen}");
    assert!(screen.contains("incident: 502 from"), "{screen}");
    let title =
        String::from_utf8_lossy(&tmux.run(&["display-message", "-p", "#{pane_title}"]).stdout)
            .into_owned();
    assert!(
        !title.contains("pwned"),
        "the title sequence was obeyed: {title}"
    );
    // f until only the steps show, each press awaited (its title redrawn) before the next, so
    // a slow redraw cannot make the loop press past the steps.
    let title = |screen: &str| {
        screen
            .lines()
            .find(|line| line.contains("┌ Timeline"))
            .unwrap_or_default()
            .to_owned()
    };
    for _ in 0..3 {
        let before = title(&tmux.screen());
        tmux.keys(&["f"], true);
        let start = std::time::Instant::now();
        while title(&tmux.screen()) == before && start.elapsed() < LIMIT {
            std::thread::sleep(Duration::from_millis(20));
        }
        if tmux.screen().contains("step of") {
            break;
        }
    }
    let screen = tmux.wait_for("Timeline: 1 step of", LIMIT);
    assert!(!screen.contains(" update "), "{screen}");
    tmux.keys(&["Escape"], false);

    // The bundle holds the timeline as Markdown and CSV, the update and the step in both.
    tmux.wait_for("┌ Checklist", LIMIT);
    tmux.keys(&["x"], true);
    tmux.wait_for("Escalation summary", LIMIT);
    tmux.keys(&["Enter"], false);
    tmux.wait_for("Bundle written to", LIMIT);
    tmux.keys(&["q"], true);
    let folder = std::fs::read_dir(&exports)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("timeline.csv").exists())
        .expect("a bundle with timeline.csv");
    let csv = std::fs::read_to_string(folder.join("timeline.csv")).unwrap();
    let md = std::fs::read_to_string(folder.join("timeline.md")).unwrap();
    for text in [&csv, &md] {
        assert!(text.contains("status update copied: "), "{text}");
        assert!(text.contains("Checkout team informed."), "{text}");
        assert!(text.contains("step 1 ruled out: "), "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
    }
    assert!(
        csv.starts_with("utc,local,since_start_seconds,kind,what\n"),
        "{csv}"
    );
}
