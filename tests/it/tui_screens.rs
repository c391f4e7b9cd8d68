//! Screen snapshots of every screen on ratatui's `TestBackend`, at 80x24 and 120x40, and a
//! sweep of sizes from 1x1 to 250x80 that must never panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use api_triage::matrix::Matrix;
use api_triage::runbook::load_texts;
use api_triage::runbook::sheet::{Label, sheet};
use api_triage::tui::app::App;
use api_triage::tui::app::draw;
use api_triage::tui::keymap::Action;
use api_triage::tui::screens::Screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> App {
    let report = load_texts(Vec::new(), None);
    App::new(Matrix::from_report(&report), report.findings, false)
}

fn app_with_broken_team() -> App {
    let team =
        "[runbook]\nname = \"Broken team\"\n\n[codes.502]\nowner = \"nobody\"\ncompare = [599]\n";
    let report = load_texts(
        vec![("teams/broken.toml".to_owned(), team.to_owned())],
        None,
    );
    App::new(Matrix::from_report(&report), report.findings, false)
}

/// The team folder with entries that do not load (`tests/fixtures/team-mistakes/`), under a
/// short stable path, past the problems screen it opens on.
fn app_with_team_mistakes() -> App {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/team-mistakes/payments.toml"
    ))
    .unwrap();
    let report = load_texts(vec![("team-mistakes/payments.toml".to_owned(), text)], None);
    let mut app = App::new(Matrix::from_report(&report), report.findings, false);
    assert!(matches!(app.screen(), Screen::Problems(_)));
    app.update(Action::Back);
    app
}

fn render(app: &mut App, width: u16, height: u16) -> Terminal<TestBackend> {
    app.shared.viewport = (width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| draw(frame.buffer_mut(), app))
        .unwrap();
    terminal
}

fn act(app: &mut App, actions: impl IntoIterator<Item = Action>) {
    for action in actions {
        app.update(action);
    }
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Type).collect()
}

/// Each screen, reached by keys as a user would.
fn screens() -> Vec<(&'static str, App)> {
    let mut list = Vec::new();
    list.push(("matrix", app()));

    let mut a = app();
    act(&mut a, [Action::Search]);
    act(&mut a, typed("gateway"));
    list.push(("search_gateway", a));

    let mut a = app();
    a.open_code(502);
    list.push(("card_502", a));

    let mut a = app();
    a.open_code(418);
    list.push(("card_418_fallback", a));

    let mut a = app();
    a.open_code(401);
    act(&mut a, [Action::Compare]);
    list.push(("compare_401", a));

    let mut a = app();
    act(&mut a, typed("500"));
    act(
        &mut a,
        [
            Action::ToggleSelect,
            Action::ToggleSelect,
            Action::ToggleSelect,
            Action::ToggleSelect,
            Action::Compare,
        ],
    );
    list.push(("compare_5xx_marked", a));

    let mut a = app();
    act(&mut a, [Action::Scenarios, Action::Down, Action::Down]);
    list.push(("scenarios", a));

    let mut a = app();
    act(&mut a, [Action::Help]);
    list.push(("help_matrix", a));

    list.extend(triage_screens());

    list.push(("problems", app_with_broken_team()));
    list
}

fn edit(c: char) -> Action {
    Action::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(edit(c));
    }
}

/// The triage screens, with a fixed clock so stamps are stable.
/// `t`, as the event loop answers it with no saved triages: none to offer, a new one starts.
fn start_triage(a: &mut App) {
    for effect in a.update(Action::Triage) {
        if let api_triage::tui::effect::Effect::FindOpen { runbook, code } = effect {
            a.offer_resume(runbook, code, Vec::new());
        }
    }
}

fn triage_screens() -> Vec<(&'static str, App)> {
    let start = || {
        let mut a = app();
        a.shared.now = "2026-11-23T09:00:00Z".parse().unwrap();
        a.open_code(502);
        start_triage(&mut a);
        a
    };
    let mut list = Vec::new();
    let a = start();
    list.push(("triage_interview_text", a));

    let mut a = start();
    type_text(&mut a, "orders-api POST /v1/orders");
    a.update(Action::Open);
    a.update(Action::Down);
    list.push(("triage_interview_choice", a));

    let mut a = start();
    type_text(&mut a, "orders-api POST /v1/orders");
    a.update(Action::Open);
    // Gateway (so the request and caller questions are not asked), a deploy, intermittent.
    for answer in ['2', '1', '4'] {
        a.update(Action::Type(answer));
    }
    a.shared.now = "2026-11-23T09:04:30Z".parse().unwrap();
    a.update(Action::Mark(api_triage::triage::Outcome::RuledOut));
    type_text(&mut a, "no upstream errors in the ingress log");
    a.update(Action::Open);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::Paste(
        "$ kubectl get pods\norders-7d9 0/1 CrashLoopBackOff 7 \u{1b}[31m\n< x-request-id: 5f0c"
            .into(),
    ));
    let mut editor = a.clone();
    list.push(("triage_note_editor", editor.clone()));
    editor.update(Action::Save);
    editor.update(Action::Mark(api_triage::triage::Outcome::FoundIt));
    list.push(("triage_finding_prompt", editor.clone()));
    editor.update(Action::Open);
    list.push(("triage_checklist", editor.clone()));
    let mut export = editor.clone();
    export.update(Action::Export);
    list.push(("escalate_preview", export.clone()));
    let mut written = export.clone();
    written.exported(Ok(
        "/home/oncall/.local/state/api-triage/exports/20261123-091500-502-checkout-down".into(),
    ));
    written.copied(
        &api_triage::tui::effect::Copying::Summary,
        "sent to your terminal's clipboard (OSC 52 through tmux); desktop clipboard \
         unavailable (X11 server connection timed out because it was unreachable)",
        true,
    );
    list.push(("escalate_written_and_copied", written.clone()));
    let mut timeline = written.clone();
    timeline.update(Action::Back);
    timeline.triage.as_mut().unwrap().session.incident.severity = "SEV2".into();
    timeline.shared.now = "2026-11-23T09:31:00Z".parse().unwrap();
    list.push(("triage_update_due", timeline.clone()));
    let mut update = timeline.clone();
    update.update(Action::StatusUpdate);
    list.push(("status_update_slack", update.clone()));
    update.update(Action::CycleFormat);
    update.update(Action::EditText);
    list.push(("status_update_editing", update.clone()));
    update.update(Action::Back);
    update.copied(
        &api_triage::tui::effect::Copying::Update {
            text: "Investigating checkout 502s; next update by 10:01 UTC".into(),
            due: None,
        },
        "copied to the clipboard",
        false,
    );
    update.update(Action::Back);
    update.update(Action::Timeline);
    list.push(("timeline", update));
    export.update(Action::CycleFormat);
    export.update(Action::CycleFormat);
    list.push(("escalate_preview_slack", export));
    editor.saved(Err(
        "cannot write /state/x.json: Read-only file system (os error 30)".into(),
    ));
    list.push(("triage_save_failed", editor));
    a.update(Action::Save);
    list
}

#[test]
fn screens_at_80x24() {
    for (name, mut app) in screens() {
        let terminal = render(&mut app, 80, 24);
        insta::assert_snapshot!(format!("{name}_80x24"), terminal.backend());
    }
}

#[test]
fn screens_at_120x40() {
    for (name, mut app) in screens() {
        let terminal = render(&mut app, 120, 40);
        insta::assert_snapshot!(format!("{name}_120x40"), terminal.backend());
    }
}

#[test]
fn a_team_entry_that_did_not_load_has_a_banner_on_its_card() {
    for (code, sizes) in [(502, [(80, 24), (60, 16)]), (402, [(80, 24), (60, 16)])] {
        for (width, height) in sizes {
            let mut app = app_with_team_mistakes();
            app.open_code(code);
            let terminal = render(&mut app, width, height);
            let text = terminal.backend().to_string();
            assert!(text.contains("did not load"), "{text}");
            insta::assert_snapshot!(
                format!("card_{code}_not_loaded_{width}x{height}"),
                terminal.backend()
            );
        }
    }
}

#[test]
fn the_matrix_keeps_a_code_whose_team_entry_did_not_load_and_marks_it() {
    let mut app = app_with_team_mistakes();
    act(&mut app, typed("401"));
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!("matrix_marked_not_loaded_80x24", terminal.backend());
    // The mark reads without colour, and the row is in the warning style (bold without
    // colour) when not selected.
    let buffer = terminal.backend().buffer();
    let y = (0..buffer.area.height)
        .find(|y| {
            let line: String = (0..buffer.area.width)
                .map(|x| buffer[(x, *y)].symbol().to_owned())
                .collect();
            line.contains(" 402! Payment Required")
        })
        .expect("the 402 row is listed, marked");
    assert!(
        buffer[(3, y)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
    );

    // On a wide terminal, the preview of the row carries the card's banner.
    act(&mut app, [Action::Down]);
    let terminal = render(&mut app, 120, 40);
    insta::assert_snapshot!("matrix_preview_not_loaded_120x40", terminal.backend());
}

#[test]
fn a_small_terminal_gets_a_clear_message() {
    let mut app = app();
    let terminal = render(&mut app, 59, 15);
    insta::assert_snapshot!("too_small_59x15", terminal.backend());
}

#[test]
fn every_screen_renders_at_every_size_without_panic() {
    // The longest test of the suite (about 9,600 frames): the screens are shared out over the
    // cores, each thread making its own (an App does not cross threads). Every screen is still
    // drawn at every size.
    let threads = std::thread::available_parallelism().map_or(2, usize::from);
    std::thread::scope(|scope| {
        for part in 0..threads {
            scope.spawn(move || {
                for (_, app) in screens().into_iter().skip(part).step_by(threads) {
                    renders_at_every_size(app);
                }
            });
        }
    });
}

fn renders_at_every_size(mut app: App) {
    let mut widths: Vec<u16> = (1..=250).step_by(13).collect();
    widths.extend([2, 59, 60, 61, 99, 100, 250]);
    let mut heights: Vec<u16> = (1..=80).step_by(7).collect();
    heights.extend([2, 15, 16, 17, 80]);
    for &w in &widths {
        for &h in &heights {
            render(&mut app, w, h);
        }
    }
    // Scrolling far past the end and back must stay in range at a small size too.
    app.shared.viewport = (60, 16);
    act(
        &mut app,
        [
            Action::Bottom,
            Action::PageDown,
            Action::Down,
            Action::Top,
            Action::Up,
        ],
    );
    render(&mut app, 60, 16);
}

/// The app draws its first frame from the first-screen part of the embedded default while the
/// whole is still being read (`tui::run`), then goes on with the whole: the two frames must be
/// the same, cell for cell and style for style, at every size, or the screen would change
/// under the engineer's eyes.
#[test]
fn the_first_frame_from_the_first_screen_part_is_the_frame_of_the_whole_runbook() {
    let whole = load_texts(Vec::new(), None);
    let first = api_triage::runbook::snapshot::embedded_first_screen(None)
        .expect("the first-screen snapshot, made from the compiled-in default");
    assert!(
        first.comparisons.is_empty() && first.codes.len() == whole.runbooks[0].codes.len(),
        "the part is smaller than the whole, with every code"
    );
    for color in [true, false] {
        for width in [20, 59, 60, 61, 80, 99, 100, 101, 120, 160, 200, 250] {
            for height in [5, 15, 16, 17, 24, 40, 60, 80] {
                let mut part = App::new(Matrix::new(vec![first.clone()]), Vec::new(), color);
                let mut all = App::new(Matrix::from_report(&whole), whole.findings.clone(), color);
                assert_eq!(
                    render(&mut part, width, height).backend().buffer(),
                    render(&mut all, width, height).backend().buffer(),
                    "{width}x{height}, colour {color}"
                );
            }
        }
    }
}

#[test]
fn escape_sequences_in_runbook_text_are_shown_not_sent() {
    let team = "[runbook]\nname = \"Evil \\u001b[2J team\"\n\n[codes.502]\ntitle = \"Bad \\u001b]52;c;aGk=\\u0007 Gateway\"\n";
    let report = load_texts(vec![("evil.toml".to_owned(), team.to_owned())], None);
    let mut app = App::new(Matrix::from_report(&report), report.findings, false);
    app.open_code(502);
    let terminal = render(&mut app, 100, 30);
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert!(text.contains("\\e]52;c;aGk="), "escaped text visible");
    assert!(matches!(app.screen(), Screen::Card(card) if card.code == 502));
}

/// The labels of a card found at the start of `lines` (border and indent trimmed), in order:
/// a heading alone on its line, or a label and its colon.
fn labels_in(lines: &[String]) -> Vec<&'static str> {
    lines
        .iter()
        .filter_map(|line| {
            let line = line.trim_matches(|c: char| c == '│' || c.is_whitespace());
            Label::ALL.iter().map(|l| l.text()).find(|label| {
                line == *label
                    || line
                        .strip_prefix(label)
                        .is_some_and(|rest| rest.starts_with(':'))
            })
        })
        .collect()
}

/// `explain` and the card screen read the same sheet: the same labels in the same order, and
/// the same notice on a class's advice.
#[test]
fn explain_and_the_card_screen_show_the_same_labels_in_the_same_order() {
    let report = load_texts(Vec::new(), None);
    for code in [502, 418] {
        let explain = api_triage::cli::run_command(
            &api_triage::cli::Command::Explain {
                code,
                team: None,
                json: false,
            },
            &report,
            api_triage::cli::Style { bold: false },
        );
        let cli: Vec<String> = explain.stdout.lines().map(str::to_owned).collect();

        let mut app = app();
        app.open_code(code);
        let terminal = render(&mut app, 100, 200);
        let buffer = terminal.backend().buffer();
        let tui: Vec<String> = (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect()
            })
            .collect();

        let runbook = &app.shared.matrix.runbooks()[0];
        let card = runbook.card(code).unwrap();
        let expected: Vec<&str> = sheet(&card, &runbook.name)
            .labels()
            .iter()
            .map(|l| l.text())
            .collect();
        assert_eq!(
            labels_in(&cli),
            expected,
            "explain {code}:\n{}",
            explain.stdout
        );
        assert_eq!(
            labels_in(&tui),
            expected,
            "card {code}:\n{}",
            tui.join("\n")
        );
        if code == 502 {
            assert_eq!(
                expected,
                Label::ALL.map(Label::text),
                "the 502 card has every part"
            );
        }
        let notice = format!("No entry for {code} in the runbook: showing the advice for 4xx.");
        let noticed = |lines: &[String]| lines.iter().any(|l| l.contains(&notice));
        assert_eq!(
            noticed(&cli),
            card.fallback_class.is_some(),
            "explain {code}"
        );
        assert_eq!(noticed(&tui), card.fallback_class.is_some(), "card {code}");
    }
}

#[test]
fn every_key_the_readme_table_names_is_in_the_key_table() {
    use api_triage::tui::keymap::{GLOBAL_HELP, bindings};
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme.split("## The app").nth(1).unwrap();
    let table: Vec<&str> = section
        .lines()
        .skip_while(|l| !l.starts_with("| keys"))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .collect();
    assert!(table.len() >= 10, "the README's key table: {table:?}");
    let known: Vec<&str> = bindings()
        .flat_map(|b| b.label.split_whitespace())
        .chain(GLOBAL_HELP.iter().map(|(keys, _)| *keys))
        .collect();
    for row in table {
        let keys = row.split('|').nth(1).unwrap();
        for key in keys.split('`').skip(1).step_by(2) {
            // Digits type a code; `↑↓` names two keys.
            let named: Vec<String> = if key.chars().all(|c| c.is_ascii_digit()) {
                continue;
            } else if key == "↑↓" {
                vec!["↑".to_owned(), "↓".to_owned()]
            } else {
                vec![key.to_owned()]
            };
            for key in named {
                assert!(
                    known.contains(&key.as_str()),
                    "README names `{key}` ({row}), which the key table does not bind"
                );
            }
        }
    }
}

/// A triage of 502 at its checklist with three notes: a long step note (corrected later), a
/// pasted response with colour codes, an OSC 52 clipboard write and CR line breaks as a
/// terminal sends them, and a wrong note struck out; the notes view open.
fn notes_view() -> App {
    let mut a = app();
    a.shared.now = "2026-11-23T09:00:00Z".parse().unwrap();
    a.open_code(502);
    start_triage(&mut a);
    type_text(&mut a, "orders-api POST /v1/orders");
    a.update(Action::Open);
    for answer in ['2', '1', '4'] {
        a.update(Action::Type(answer));
    }
    a.shared.now = "2026-11-23T09:02:10Z".parse().unwrap();
    a.update(Action::Open);
    let rows = (0..12)
        .map(|i| format!("\norders-7d9-{i:02} 0/1 CrashLoopBackOff {i} 12m 10.0.3.{i} node-{i}"));
    let pods = "$ kubectl -n orders get pods -o wide --sort-by=.status.startTime".to_owned()
        + &rows.collect::<String>();
    a.update(Action::Paste(pods));
    a.update(Action::Save);
    a.shared.now = "2026-11-23T09:03:40Z".parse().unwrap();
    a.update(Action::IncidentNote);
    a.update(Action::Paste(
        "< HTTP/1.1 502 Bad Gateway\r< Server: nginx/1.22.1\r< x-request-id: 7be1\r<\r\
         \u{1b}[31m<center>nginx/1.22.1</center>\u{1b}[0m \u{1b}]52;c;aGk=\u{7}"
            .into(),
    ));
    a.update(Action::Save);
    a.shared.now = "2026-11-23T09:05:00Z".parse().unwrap();
    a.update(Action::IncidentNote);
    type_text(&mut a, "users in eu-west only");
    a.update(Action::Save);
    a.update(Action::Notes);
    a.update(Action::Bottom);
    a.update(Action::StrikeNote);
    a.update(Action::Top);
    a.shared.now = "2026-11-23T09:06:30Z".parse().unwrap();
    a.update(Action::EditNote);
    type_text(&mut a, " (12 pods)");
    a.update(Action::Back);
    a
}

#[test]
fn the_notes_view_shows_every_note_whole_at_80x24_and_60x16() {
    let mut a = notes_view();
    let notes = &a.triage.as_ref().unwrap().session.notes;
    assert!(notes[0].edited.is_some() && notes[2].struck && !notes[1].struck);
    for (width, height) in [(80, 24), (60, 16)] {
        let terminal = render(&mut a, width, height);
        insta::assert_snapshot!(format!("notes_view_{width}x{height}"), terminal.backend());
        let cells: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert!(!cells.contains('\u{1b}') && !cells.contains('\u{7}'));
    }
    // Scrolled to the end at 60x16: the struck note, marked in words, and the pasted
    // response's escape sequence shown as text.
    a.update(Action::PageDown);
    a.update(Action::Bottom);
    let terminal = render(&mut a, 60, 16);
    insta::assert_snapshot!("notes_view_bottom_60x16", terminal.backend());
    let screen = terminal.backend().to_string();
    assert!(screen.contains("STRUCK"), "{screen}");
    assert!(screen.contains("\\e]52;c;aGk="), "{screen}");
    for (w, h) in [(1, 1), (20, 5), (59, 15), (61, 17), (250, 80)] {
        render(&mut a, w, h);
    }
}

/// The triage at its checklist, as in `triage_screens`, saved.
fn triage_checklist() -> App {
    let mut a = app();
    a.shared.now = "2026-11-23T09:00:00Z".parse().unwrap();
    a.open_code(502);
    start_triage(&mut a);
    type_text(&mut a, "orders-api POST /v1/orders");
    a.update(Action::Open);
    for answer in ['2', '1', '4'] {
        a.update(Action::Type(answer));
    }
    a.saved(Ok(()));
    a
}

#[test]
fn the_help_scrolls_at_60x16_with_marks_above_and_below() {
    let mut a = triage_checklist();
    a.update(Action::Help);
    let terminal = render(&mut a, 60, 16);
    insta::assert_snapshot!("help_checklist_top_60x16", terminal.backend());
    a.update(Action::PageDown);
    let terminal = render(&mut a, 60, 16);
    insta::assert_snapshot!("help_checklist_scrolled_60x16", terminal.backend());
    a.update(Action::Bottom);
    let terminal = render(&mut a, 60, 16);
    insta::assert_snapshot!("help_checklist_bottom_60x16", terminal.backend());
}

#[test]
fn a_long_notice_is_shown_whole_above_the_status_line() {
    // What a copy says in a tmux that drops OSC 52 (see src/clipboard): where the summary
    // went and how to fix tmux.
    let copied = "written to /home/oncall/.local/state/api-triage/copies/summary-3b760f8b9138b79a.md; \
                  tmux ignores OSC 52 from programs here (set-clipboard is external); \
                  `tmux set -g set-clipboard on` makes the next copy work";
    for (width, height) in [(80, 24), (60, 16)] {
        let mut a = triage_checklist();
        a.copied(&api_triage::tui::effect::Copying::Summary, copied, true);
        let terminal = render(&mut a, width, height);
        insta::assert_snapshot!(
            format!("notice_long_checklist_{width}x{height}"),
            terminal.backend()
        );
    }
}

/// The rows of a rendered screen, as text.
fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// The first places' commands as a card draws them at `width`: read off the screen inside
/// the box, prompt and indents taken off, each line's continuation mark removed. Asserts on
/// the way that no command line touches the border.
fn drawn_commands(code: u16, width: u16) -> Vec<String> {
    let mut app = app();
    app.open_code(code);
    let terminal = render(&mut app, width, 200);
    let inner: Vec<String> = rows(&terminal)
        .iter()
        .filter_map(|row| {
            let row = row.strip_prefix('│')?.strip_suffix('│')?;
            Some(row.to_owned())
        })
        .collect();
    let mut commands = Vec::new();
    let mut lines = inner.iter();
    while let Some(line) = lines.next() {
        let Some(mut text) = line.strip_prefix("    $ ") else {
            continue;
        };
        assert!(
            line.ends_with(' '),
            "a command touches the border: {line:?}"
        );
        let mut command = String::new();
        while let Some(before) = text.trim_end().strip_suffix('\\') {
            command.push_str(before);
            let next = lines.next().expect("a continuation line");
            assert!(
                next.ends_with(' '),
                "a command touches the border: {next:?}"
            );
            text = next
                .strip_prefix("        ")
                .unwrap_or_else(|| panic!("continuation indented: {next:?}"));
        }
        command.push_str(text.trim_end());
        commands.push(command);
    }
    commands
}

/// A card's `how` commands are drawn whole inside the box: never cut by the border, broken
/// only between shell words or inside a word longer than the line, each broken line ending
/// with the shell's continuation; read back off the screen they are the runbook's commands.
#[test]
fn a_cards_commands_read_back_off_the_screen_exactly() {
    let report = load_texts(Vec::new(), None);
    let runbook = &report.runbooks[0];
    for code in [502, 503, 401] {
        let places: Vec<String> = runbook
            .card(code)
            .unwrap()
            .look_first
            .iter()
            .map(|l| l.how.clone())
            .collect();
        for width in [60, 80, 120] {
            assert_eq!(drawn_commands(code, width), places, "{code} at {width}");
        }
    }
}

/// The cards with the longest commands, at the sizes on-call terminals have, scrolled so the
/// third place (picked with 3, marked) is in view.
#[test]
fn cards_with_long_commands_at_80x24_and_60x16() {
    for code in [502, 503] {
        for (width, height) in [(80, 24), (60, 16)] {
            let mut app = app();
            app.open_code(code);
            app.shared.viewport = (width, height);
            act(&mut app, [Action::Type('3')]);
            let terminal = render(&mut app, width, height);
            let text = terminal.backend().to_string();
            assert!(text.contains("▸3."), "{text}");
            insta::assert_snapshot!(
                format!("card_{code}_place_3_{width}x{height}"),
                terminal.backend()
            );
        }
    }
}

/// Step 2 of the 502 checklist run from the app: its `<service>` comes from the answer,
/// `<namespace>` is asked for, the command is shown whole, then its output once it ended.
#[test]
fn the_run_screen_asks_shows_and_keeps_at_80x24_and_60x16() {
    for (width, height) in [(80, 24), (60, 16)] {
        let mut a = triage_checklist();
        a.update(Action::Down);
        a.update(Action::Run);
        insta::assert_snapshot!(
            format!("run_asking_{width}x{height}"),
            render(&mut a, width, height).backend()
        );
        type_text(&mut a, "payments");
        a.update(Action::Open);
        insta::assert_snapshot!(
            format!("run_command_shown_{width}x{height}"),
            render(&mut a, width, height).backend()
        );
        a.update(Action::Open);
        let Screen::Run(run) = a.screen() else {
            panic!("not on the run screen");
        };
        let id = run.id;
        a.run_output(
            id,
            b"NAME                      READY   STATUS             RESTARTS      AGE\n\
              orders-api-7d9f-x2k       0/1     \x1b[31mCrashLoopBackOff\x1b[0m   7 (2m ago)    31m\n\
              orders-api-7d9f-q8w       1/1     Running            0             31m\n",
        );
        a.shared.now = "2026-11-23T09:00:04Z".parse().unwrap();
        a.run_ended(id, api_triage::run::Ending::Exited(0));
        insta::assert_snapshot!(
            format!("run_done_{width}x{height}"),
            render(&mut a, width, height).backend()
        );
    }
}
