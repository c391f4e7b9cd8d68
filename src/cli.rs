//! The command line: clap definitions and the plain-text and JSON renderings of `check`,
//! `list`, `explain` and `compare`. Each command returns its output and exit code, so tests can
//! run it without a process.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use jiff::civil::Date;
use serde_json::json;

use crate::matrix::Matrix;
use crate::runbook::{Card, LoadReport, SearchPath, TeamRunbook, load_paths};
use crate::text::{visible, wrap};

/// Width of plain-text output: fits a default terminal and an incident-channel code block.
pub const WIDTH: usize = 80;

/// `--version`: the version and when the embedded default runbook was last reviewed.
pub static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let reviewed = crate::runbook::DEFAULT_RUNBOOK
        .lines()
        .find_map(|line| line.trim().strip_prefix("reviewed"))
        .and_then(|rest| rest.trim_start().strip_prefix('='))
        .map_or("unknown", |value| {
            value.split('#').next().unwrap_or("").trim()
        });
    format!(
        "{} (embedded runbook reviewed {reviewed})",
        env!("CARGO_PKG_VERSION")
    )
});

#[derive(Debug, Parser)]
#[command(
    name = "api-triage",
    version = VERSION.as_str(),
    about = "Guided triage of a failing HTTP API, from your team's runbooks",
    long_about = "Guided triage of a failing HTTP API, from your team's runbooks.\n\n\
                  Run without a command to open the terminal app; give a status code \
                  (`api-triage 502`) to open straight on its card."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Open the app on this status code's card.
    pub code: Option<u16>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    /// A runbook file or folder to layer over the embedded default (repeatable). Without it:
    /// `$API_TRIAGE_RUNBOOKS`, then `./runbooks/`, then `~/.config/api-triage/runbooks/`.
    #[arg(long = "runbook", value_name = "PATH", global = true)]
    pub runbooks: Vec<PathBuf>,
    /// Where triage sessions are kept (default: `$API_TRIAGE_STATE_DIR`, else
    /// `~/.local/state/api-triage/sessions`).
    #[arg(long, value_name = "DIR", global = true)]
    pub state_dir: Option<PathBuf>,
    /// Pretend today is this date (for review checks in tests and reproducible reports).
    #[arg(long, value_name = "YYYY-MM-DD", global = true, hide = true)]
    pub today: Option<Date>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check runbook files: exit 0 when clean, 1 with findings, 2 when a file cannot be read.
    Check {
        /// Files or folders to check (default: the runbook search path).
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// List the code matrix, optionally filtered.
    List {
        /// Filter by code ("50") or keyword, fuzzily ("rate", "gatway").
        #[arg(long, short)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show everything the runbook says about one status code.
    Explain {
        code: u16,
        /// Answer from this team's runbook (its name or file name).
        #[arg(long)]
        team: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List saved triage sessions, newest first.
    Sessions {
        #[arg(long)]
        json: bool,
    },
    /// Reopen a triage session where it was left (default: the latest).
    Resume { id: Option<String> },
    /// Write the escalation bundle of a session (default: the latest) and print its summary.
    Export {
        /// The session id (see `api-triage sessions`).
        session: Option<String>,
        /// Where to create the bundle folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
        /// What to print: the summary as md, text or slack, or the bundle as json.
        #[arg(long, value_enum, default_value = "md")]
        format: FormatArg,
        /// Also copy the summary to the clipboard (OSC 52 over SSH).
        #[arg(long)]
        copy: bool,
        /// Leave secrets in (not recommended: the bundle and clipboard get them as typed).
        #[arg(long)]
        no_redact: bool,
    },
    /// Read a pasted response (curl -v, curl -i, headers, a body, a HAR file): who returned it,
    /// ids, the token check. FILE `-` reads standard input.
    Evidence {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Print secrets as they are (redacted by default, like an export: screens get shared).
        #[arg(long)]
        show_secrets: bool,
    },
    /// Print shell completions (bash, zsh, fish, elvish, powershell) to standard output.
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff) to standard output.
    Man,
    /// Compare codes that are easily confused, with the question that tells them apart.
    Compare {
        #[arg(required = true, num_args = 2..)]
        codes: Vec<u16>,
        #[arg(long)]
        team: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `export --format`: the summary formats as the command line spells them. Kept here so the
/// export module knows nothing of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Markdown, for chat tools and issue trackers.
    Md,
    /// Plain text, for email and terminals.
    Text,
    /// Slack mrkdwn.
    Slack,
    /// The whole session as JSON.
    Json,
}

impl From<FormatArg> for crate::export::summary::Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Md => Self::Md,
            FormatArg::Text => Self::Text,
            FormatArg::Slack => Self::Slack,
            FormatArg::Json => Self::Json,
        }
    }
}

/// What a command produced: text for stdout, text for stderr, and the exit code.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// How plain text is decorated: bold headings only on a terminal without `NO_COLOR`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub bold: bool,
}

impl Style {
    /// The only escape sequences the CLI writes itself: bold on, and reset.
    pub const SEQUENCES: &'static [&'static str] = &["\u{1b}[1m", "\u{1b}[0m"];

    fn heading(self, text: &str) -> String {
        if self.bold {
            format!("{}{text}{}", Self::SEQUENCES[0], Self::SEQUENCES[1])
        } else {
            text.to_owned()
        }
    }
}

/// Loads the runbooks for a command: the explicit paths, or the search path.
pub fn load(global: &Global, explicit: &[PathBuf], today: Option<Date>) -> LoadReport {
    let mut search = SearchPath::from_environment(global.runbooks.clone());
    if !explicit.is_empty() {
        search.explicit = explicit.to_vec();
    }
    load_paths(&search.resolve(), today)
}

/// Runs a subcommand against loaded runbooks.
pub fn run_command(command: &Command, report: &LoadReport, style: Style) -> Output {
    let matrix = Matrix::from_report(report);
    let mut out = match command {
        Command::Check { json, .. } => return check(report, *json, style),
        Command::Sessions { .. }
        | Command::Resume { .. }
        | Command::Export { .. }
        | Command::Evidence { .. }
        | Command::Completions { .. }
        | Command::Man => {
            return Output::default();
        }
        Command::List { search, json } => list(&matrix, search.as_deref(), *json, style),
        Command::Explain { code, team, json } => {
            explain(&matrix, *code, team.as_deref(), *json, style)
        }
        Command::Compare { codes, team, json } => {
            compare(&matrix, codes, team.as_deref(), *json, style)
        }
    };
    let errors = report.errors();
    if errors > 0 || report.unreadable {
        out.stderr.insert_str(
            0,
            &format!(
                "api-triage: {errors} problem(s) in the runbooks; showing what could be loaded \
                 (run `api-triage check` for details)\n"
            ),
        );
    }
    out
}

fn check(report: &LoadReport, json: bool, style: Style) -> Output {
    let code = if report.unreadable {
        2
    } else {
        i32::from(!report.findings.is_empty())
    };
    let mut stdout = String::new();
    if json {
        let value = json!({
            "ok": code == 0,
            "files": std::iter::once("embedded default").chain(report.files.iter().map(String::as_str)).collect::<Vec<_>>(),
            "errors": report.errors(),
            "warnings": report.warnings(),
            "findings": report.findings,
        });
        stdout = to_json(&value);
    } else {
        for finding in &report.findings {
            stdout.push_str(&finding.to_string());
            stdout.push('\n');
        }
        let files = report.files.len();
        let codes: usize = report.runbooks.iter().map(|r| r.codes.len()).sum();
        let summary = if report.findings.is_empty() {
            format!(
                "ok: embedded default and {files} team file(s), {codes} code entries, no findings"
            )
        } else {
            format!(
                "{} error(s), {} warning(s) in the embedded default and {files} team file(s)",
                report.errors(),
                report.warnings()
            )
        };
        stdout.push_str(&style.heading(&summary));
        stdout.push('\n');
    }
    Output {
        stdout,
        stderr: String::new(),
        code,
    }
}

fn list(matrix: &Matrix, search: Option<&str>, json: bool, style: Style) -> Output {
    let hits = matrix.search(search.unwrap_or(""));
    let show_team = matrix.runbooks().len() > 2;
    if json {
        let rows: Vec<_> = hits
            .iter()
            .map(|h| {
                json!({
                    "team": h.row.team,
                    "code": h.row.code,
                    "title": h.row.title,
                    "owner": h.row.owner,
                    "own_entry": h.row.own_entry,
                })
            })
            .collect();
        return ok(to_json(&json!(rows)));
    }
    if hits.is_empty() {
        return Output {
            stdout: String::new(),
            stderr: format!(
                "api-triage: nothing matches \"{}\"; try a code (\"50\") or a word such as \
                 \"auth\", \"rate\", \"timeout\"\n",
                visible(search.unwrap_or(""))
            ),
            code: 1,
        };
    }
    let mut out = String::new();
    let mut rows: Vec<_> = hits.iter().map(|h| &h.row).collect();
    let searching = search.is_some_and(|s| !s.trim().is_empty());
    if !searching {
        rows.sort_by(|a, b| a.runbook.cmp(&b.runbook).then(a.code.cmp(&b.code)));
    }
    let mut last_group = None;
    for row in rows {
        let group = (row.runbook, row.code / 100);
        if !searching && last_group != Some(group) {
            if last_group.is_some() {
                out.push('\n');
            }
            let mut heading = format!("{}xx", row.code / 100);
            if show_team || matrix.runbooks().len() == 2 {
                heading = format!("{} - {heading}", row.team);
            }
            let _ = writeln!(out, "{}", style.heading(&visible(&heading)));
            last_group = Some(group);
        }
        let marker = if row.own_entry { "*" } else { " " };
        let team = if show_team && searching {
            format!("  [{}]", row.team)
        } else {
            String::new()
        };
        let line = format!(
            "{}{marker} {:<34} {}{team}",
            row.code,
            truncate(&row.title, 34),
            row.owner
        );
        let _ = writeln!(out, "{}", truncate(&visible(&line), WIDTH));
    }
    if matrix.runbooks().len() > 1 {
        out.push_str("\n* defined by the team file; others come from the default\n");
    }
    ok(out)
}

fn explain(matrix: &Matrix, code: u16, team: Option<&str>, json: bool, style: Style) -> Output {
    let Some(runbook) = matrix.pick(team, Some(code)) else {
        return unknown_team(matrix, team);
    };
    let Some(card) = runbook.card(code) else {
        return no_card(code);
    };
    if json {
        let mut value = serde_json::to_value(&card).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("code".into(), json!(code));
            object.insert("team".into(), json!(runbook.name));
        }
        return ok(to_json(&value));
    }
    ok(render_card(&card, runbook, style))
}

/// The full card as plain text, at most [`WIDTH`] columns.
pub fn render_card(card: &Card, runbook: &TeamRunbook, style: Style) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line(&style.heading(&visible(&format!("{} {}", card.code, card.title))));
    line(&visible(&format!("Runbook: {}", runbook.name)));
    if let Some(class) = &card.fallback_class {
        line(&format!(
            "No entry for this code: showing the advice for {class}."
        ));
    }
    let mut owner = format!("Owner: {} ({})", card.owner.name, card.owner.contact);
    if let Some(escalation) = &card.owner.escalation {
        let _ = write!(owner, "; escalate: {escalation}");
    }
    for l in wrap(&visible(&owner), WIDTH) {
        line(&l);
    }
    if !card.generated_by.is_empty() {
        let layers: Vec<&str> = card.generated_by.iter().map(|l| l.label()).collect();
        line(&format!("Usually returned by: {}", layers.join(", ")));
    }
    line("");
    for l in wrap(&visible(&card.meaning), WIDTH) {
        line(&l);
    }
    line("");
    line(&style.heading("First three places to look"));
    for (i, look) in card.look_first.iter().enumerate() {
        for (j, l) in wrap(&visible(&look.what), WIDTH - 5)
            .into_iter()
            .enumerate()
        {
            line(&if j == 0 {
                format!("  {}. {l}", i + 1)
            } else {
                format!("     {l}")
            });
        }
        for l in command_lines(&look.how, "     $ ", "       ") {
            line(&l);
        }
    }
    section(
        &mut out,
        style,
        "Likely causes",
        card.causes.iter().map(|c| c.text.as_str()),
        "  - ",
    );
    section(
        &mut out,
        style,
        "Checks",
        card.checks.iter().map(String::as_str),
        "  [ ] ",
    );
    if !card.examples.is_empty() {
        out.push('\n');
        out.push_str(&style.heading("Example requests"));
        out.push('\n');
        for example in &card.examples {
            let kind = match example.kind {
                crate::runbook::model::ExampleKind::Good => "good",
                crate::runbook::model::ExampleKind::Failing => "failing",
            };
            let head = format!("  {kind}: {} (expect {})", example.name, example.expect);
            for l in wrap(&visible(&head), WIDTH) {
                out.push_str(&l);
                out.push('\n');
            }
            for l in command_lines(&example.request, "     $ ", "       ") {
                out.push_str(&l);
                out.push('\n');
            }
            if let Some(note) = &example.note {
                for l in wrap(&visible(note), WIDTH - 5) {
                    let _ = writeln!(out, "     {l}");
                }
            }
        }
    }
    if !card.needs.is_empty() {
        out.push('\n');
        let needs: Vec<&str> = card.needs.iter().map(|n| n.label()).collect();
        for l in wrap(
            &format!("Collect before escalating: {}", needs.join(", ")),
            WIDTH,
        ) {
            let _ = writeln!(out, "{l}");
        }
    }
    if !card.compare.is_empty() {
        let codes: Vec<String> = card.compare.iter().map(u16::to_string).collect();
        let _ = writeln!(
            out,
            "Often confused with: {} (api-triage compare {} {})",
            codes.join(", "),
            card.code,
            codes.join(" ")
        );
    }
    out
}

fn section<'a>(
    out: &mut String,
    style: Style,
    title: &str,
    items: impl Iterator<Item = &'a str>,
    bullet: &str,
) {
    let items: Vec<&str> = items.collect();
    if items.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(&style.heading(title));
    out.push('\n');
    let indent = " ".repeat(bullet.chars().count());
    for item in items {
        for (i, l) in wrap(&visible(item), WIDTH - indent.len())
            .into_iter()
            .enumerate()
        {
            let _ = writeln!(out, "{}{l}", if i == 0 { bullet } else { &indent });
        }
    }
}

/// A command wrapped to the width with shell line continuations, so it still pastes and runs:
/// lines break only at a space the shell would split on (never inside quotes or after a
/// backslash), and a word longer than the line stays whole.
fn command_lines(command: &str, first: &str, rest: &str) -> Vec<String> {
    let command = visible(command);
    let width = WIDTH - first.len() - 2;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in shell_words(&command) {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    let last = lines.len().saturating_sub(1);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let prefix = if i == 0 { first } else { rest };
            let tail = if i == last { "" } else { " \\" };
            format!("{prefix}{piece}{tail}")
        })
        .collect()
}

/// The words of a shell command as written (quotes and escapes kept), split only at
/// whitespace outside quotes: every gap between two of them is a safe place for ` \⏎`.
fn shell_words(command: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in command.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (Some('\''), '\'') | (Some('"'), '"') => quote = None,
            (Some('"') | None, '\\') => {
                escaped = true;
                start.get_or_insert(i);
            }
            (Some(_), _) => {}
            (None, '\'' | '"') => {
                quote = Some(c);
                start.get_or_insert(i);
            }
            (None, c) if c.is_whitespace() => {
                if let Some(from) = start.take() {
                    words.push(&command[from..i]);
                }
            }
            (None, _) => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(from) = start {
        words.push(&command[from..]);
    }
    words
}

fn compare(matrix: &Matrix, codes: &[u16], team: Option<&str>, json: bool, style: Style) -> Output {
    let Some(runbook) = matrix.pick(team, codes.first().copied()) else {
        return unknown_team(matrix, team);
    };
    let mut cards = Vec::new();
    for code in codes {
        match runbook.card(*code) {
            Some(card) => cards.push(card),
            None => return no_card(*code),
        }
    }
    let comparison = Matrix::comparison(runbook, codes);
    if json {
        let value = json!({
            "team": runbook.name,
            "codes": codes,
            "comparison": comparison,
            "cards": cards.iter().map(|c| json!({
                "code": c.code, "title": c.title, "owner": c.owner, "meaning": c.meaning,
                "generated_by": c.generated_by,
                "look_first": c.look_first.first(),
            })).collect::<Vec<_>>(),
        });
        return ok(to_json(&value));
    }
    let mut out = String::new();
    let title: Vec<String> = codes.iter().map(u16::to_string).collect();
    let _ = writeln!(
        out,
        "{}",
        style.heading(&format!("Compare {}", title.join(" vs ")))
    );
    match comparison {
        Some(c) => {
            for l in wrap(&visible(&format!("Ask: {}", c.question)), WIDTH) {
                let _ = writeln!(out, "{l}");
            }
        }
        None => {
            let _ = writeln!(
                out,
                "The runbook has no comparison of these codes; read them side by side."
            );
        }
    }
    out.push('\n');
    let columns: Vec<Vec<String>> = cards
        .iter()
        .map(|card| {
            let mut col = vec![format!("{} {}", card.code, card.title)];
            if let Some(side) =
                comparison.and_then(|c| c.sides.iter().find(|s| s.code.to_string() == card.code))
            {
                col.push(format!("When: {}", side.when));
            }
            col.push(card.meaning.clone());
            let layers: Vec<&str> = card.generated_by.iter().map(|l| l.label()).collect();
            if !layers.is_empty() {
                col.push(format!("From: {}", layers.join(", ")));
            }
            col.push(format!("Owner: {}", card.owner.name));
            if let Some(first) = card.look_first.first() {
                col.push(format!("Look first: {}", first.what));
            }
            col
        })
        .collect();
    out.push_str(&side_by_side(&columns));
    ok(out)
}

/// Lays out columns of paragraphs side by side when each can be at least 24 wide, otherwise
/// one after the other.
fn side_by_side(columns: &[Vec<String>]) -> String {
    let mut out = String::new();
    let n = columns.len().max(1);
    let gap = 3;
    let width = (WIDTH - gap * (n - 1)) / n;
    if width < 24 {
        for col in columns {
            for paragraph in col {
                for l in wrap(&visible(paragraph), WIDTH) {
                    let _ = writeln!(out, "{l}");
                }
            }
            out.push('\n');
        }
        return out;
    }
    let wrapped: Vec<Vec<String>> = columns
        .iter()
        .map(|col| {
            let mut lines = Vec::new();
            for (i, paragraph) in col.iter().enumerate() {
                if i > 0 {
                    lines.push(String::new());
                }
                lines.extend(wrap(&visible(paragraph), width));
            }
            lines
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
    for row in 0..height {
        let mut line = String::new();
        for (i, col) in wrapped.iter().enumerate() {
            let cell = col.get(row).map_or("", String::as_str);
            if i + 1 < wrapped.len() {
                let pad = width.saturating_sub(cell.chars().count());
                let _ = write!(line, "{cell}{}{}", " ".repeat(pad), " ".repeat(gap));
            } else {
                line.push_str(cell);
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}

fn no_card(code: u16) -> Output {
    let stderr = if (100..=599).contains(&code) {
        format!("api-triage: the runbook has no entry for {code} and no advice for its class\n")
    } else {
        format!("api-triage: {code} is not an HTTP status code (100-599)\n")
    };
    Output {
        stderr,
        code: 2,
        ..Output::default()
    }
}

fn unknown_team(matrix: &Matrix, team: Option<&str>) -> Output {
    let names: Vec<&str> = matrix.runbooks().iter().map(|r| r.name.as_str()).collect();
    Output {
        stderr: format!(
            "api-triage: no runbook named \"{}\"; loaded: {}\n",
            visible(team.unwrap_or("")),
            names.join(", ")
        ),
        code: 2,
        ..Output::default()
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn ok(stdout: String) -> Output {
    Output {
        stdout,
        stderr: String::new(),
        code: 0,
    }
}

fn to_json(value: &serde_json::Value) -> String {
    let mut text =
        crate::text::sanitize_json(&serde_json::to_string_pretty(value).unwrap_or_default())
            .into_owned();
    text.push('\n');
    text
}

/// The sessions folder for this run.
pub fn journal(global: &Global) -> crate::session::Journal {
    crate::session::Journal::new(
        global
            .state_dir
            .clone()
            .unwrap_or_else(crate::session::default_dir),
    )
}

/// `api-triage sessions`: the saved sessions, newest first.
pub fn sessions(journal: &crate::session::Journal, json: bool) -> Output {
    // Titles are typed text and the list is often read on a shared screen: redacted.
    let redactor = crate::export::redact::Redactor::new();
    let mut list = journal.list();
    for summary in &mut list {
        summary.title = redactor.redact(&summary.title).text;
    }
    if json {
        return ok(to_json(&json!(list)));
    }
    if list.is_empty() {
        return ok(format!(
            "No sessions yet in {}. Start one: run `api-triage`, pick a code, press t.\n",
            journal.dir().display()
        ));
    }
    let mut out = String::new();
    for s in &list {
        let line = if let Some(problem) = &s.problem {
            format!("{}  DAMAGED: {problem}", s.id)
        } else {
            let code = s.code.map_or_else(|| "---".to_owned(), |c| c.to_string());
            let title = if s.title.is_empty() {
                "(untitled)"
            } else {
                s.title.as_str()
            };
            format!(
                "{}  {code}  {}  {} notes  {}",
                s.id,
                truncate(title, 30),
                s.notes,
                s.runbook
            )
        };
        let _ = writeln!(out, "{}", truncate(&visible(&line), WIDTH));
    }
    let _ = writeln!(
        out,
        "\nin {}; reopen with `api-triage resume [ID]`",
        journal.dir().display()
    );
    ok(out)
}

/// `api-triage export`: the bundle folder, the summary on stdout, optionally the clipboard.
pub fn export(
    command: &Command,
    report: &LoadReport,
    journal: &crate::session::Journal,
    now: jiff::Timestamp,
    terminal: &mut dyn std::io::Write,
) -> Output {
    let Command::Export {
        session,
        out,
        format,
        copy,
        no_redact,
    } = command
    else {
        return Output::default();
    };
    let fail = |message: String, code: i32| Output {
        stderr: format!("api-triage: {message}\n"),
        code,
        ..Output::default()
    };
    let id = match session {
        Some(id) => id.clone(),
        None => match journal.latest() {
            Ok(id) => id,
            Err(e) => return fail(e.to_string(), 1),
        },
    };
    let session = match journal.load(&id) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string(), 1),
    };
    let matrix = Matrix::from_report(report);
    let runbook = matrix
        .runbooks()
        .iter()
        .find(|r| r.name == session.runbook)
        .or_else(|| matrix.runbooks().first());
    let Some(runbook) = runbook else {
        return fail("no runbook loaded".to_owned(), 1);
    };
    let prepared = match crate::export::prepare(&session, runbook, !no_redact) {
        Ok(p) => p,
        Err(e) => return fail(e.to_string(), 1),
    };
    let mut stderr = String::new();
    if *no_redact {
        stderr.push_str(
            "api-triage: warning: --no-redact: secrets in the evidence go out as typed\n",
        );
    }
    if !prepared.missing.is_empty() {
        let labels: Vec<&str> = prepared.missing.iter().map(|n| n.label()).collect();
        let _ = writeln!(
            stderr,
            "api-triage: the team wants before escalating: {} (exporting anyway)",
            labels.join(", ")
        );
    }
    let folder = match prepared.write_bundle(runbook, now, out) {
        Ok(folder) => folder,
        Err(e) => return fail(e.to_string(), 1),
    };
    let _ = writeln!(
        stderr,
        "api-triage: bundle written to {} ({})",
        folder.display(),
        prepared.redaction_note()
    );
    if *copy {
        let summary = prepared.render(runbook, now, crate::export::summary::Format::Md);
        let env = crate::clipboard::Environment::from_process();
        // Markdown is what summary.md holds: a copy that reaches no clipboard points there.
        let copied = crate::clipboard::copy(
            &summary,
            &env,
            terminal,
            crate::clipboard::Fallback::Existing(&folder.join("summary.md")),
        );
        let _ = writeln!(stderr, "api-triage: summary {}", copied.describe());
    }
    Output {
        stdout: prepared.render(runbook, now, (*format).into()),
        stderr,
        code: 0,
    }
}

/// The longest evidence read, so a mistaken `cat` of a huge file cannot exhaust memory.
pub const MAX_EVIDENCE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads evidence from a file, or standard input for `-`.
pub fn read_evidence(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_EVIDENCE_BYTES)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_EVIDENCE_BYTES).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    // The one way in: line breaks as `\n`, colour codes gone, other escapes spelled out.
    Ok(crate::text::normalize(&String::from_utf8_lossy(&bytes)).into_owned())
}

/// `api-triage evidence FILE`: the analysis, as text or JSON; the token is checked against
/// what the runbook for its URL (by `[[routes]]`) or the only team runbook expects.
pub fn evidence(
    text: &str,
    json: bool,
    show_secrets: bool,
    now: jiff::Timestamp,
    report: &LoadReport,
) -> Output {
    let matrix = Matrix::from_report(report);
    let url = crate::evidence::response::parse(text).url;
    let runbook = url
        .as_deref()
        .and_then(|u| matrix.pick_for_url(u))
        .or_else(|| matrix.pick(None, None));
    let expected = crate::evidence::token::Expected {
        audience: runbook.and_then(|r| r.audience.as_deref()),
        issuer: runbook.and_then(|r| r.issuer.as_deref()),
    };
    let analysis = crate::evidence::analysis::analyze_expecting(text, now, expected);
    let (analysis, hidden) = if show_secrets {
        (analysis, 0)
    } else {
        crate::export::redact_analysis(&analysis, &redactor_for(runbook))
    };
    if json {
        return ok(to_json(&json!(analysis)));
    }
    let mut out = analysis.render();
    out.push_str(&secrets_line(hidden, show_secrets));
    ok(out)
}

/// The runbook's redactor (its own patterns over the built-in rules), or the built-in one.
fn redactor_for(runbook: Option<&TeamRunbook>) -> crate::export::redact::Redactor {
    // A broken pattern is reported by `check` (and refused by `export`); here it is left out
    // alone, so the team's other patterns still hide what they hide.
    runbook.map_or_else(crate::export::redact::Redactor::new, |r| {
        crate::export::redact::Redactor::with_custom_lenient(&r.redact).0
    })
}

/// The last line of printed evidence: what was hidden, or the marker that nothing was.
fn secrets_line(hidden: usize, shown: bool) -> String {
    match (shown, hidden) {
        (true, _) => "SECRETS SHOWN (--show-secrets): do not share this screen.\n".to_owned(),
        (false, 0) => String::new(),
        (false, 1) => "1 secret redacted; --show-secrets prints it.\n".to_owned(),
        (false, n) => format!("{n} secrets redacted; --show-secrets prints them.\n"),
    }
}

/// `curl -sv URL 2>&1 | api-triage -`: reads the evidence, starts a triage session pre-answered
/// from it, keeps the text whole as a note, and says how to continue.
pub fn evidence_to_session(
    text: &str,
    show_secrets: bool,
    report: &LoadReport,
    journal: &crate::session::Journal,
    now: jiff::Timestamp,
) -> Output {
    let analysis = crate::evidence::analysis::analyze(text, now);
    let matrix = Matrix::from_report(report);
    let by_route = analysis
        .url
        .as_deref()
        .and_then(|url| matrix.pick_for_url(url));
    let Some(runbook) = by_route.or_else(|| matrix.pick(None, analysis.status)) else {
        return Output {
            stderr: "api-triage: no runbook loaded\n".to_owned(),
            code: 1,
            ..Output::default()
        };
    };
    let mut session = crate::session::Session::new(
        now,
        &runbook.name,
        &runbook.source,
        &runbook.interview,
        analysis.status,
    );
    let expected = crate::evidence::token::Expected {
        audience: runbook.audience.as_deref(),
        issuer: runbook.issuer.as_deref(),
    };
    session.add_evidence_note(
        crate::session::NoteTarget::Incident,
        text.trim_end(),
        now,
        &jiff::tz::TimeZone::system(),
        expected,
    );
    // Read again with what this team's API expects of a token.
    let analysis = crate::evidence::analysis::analyze_expecting(text, now, expected);
    let (analysis, hidden) = if show_secrets {
        (analysis, 0)
    } else {
        crate::export::redact_analysis(&analysis, &redactor_for(Some(runbook)))
    };
    let mut out = analysis.render();
    out.push_str(&secrets_line(hidden, show_secrets));
    match journal.create(&mut session) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "\nSaved as triage session {} with this evidence as its first note; continue with `api-triage resume`.",
                session.id
            );
            ok(out)
        }
        Err(e) => Output {
            stdout: out,
            stderr: format!("api-triage: {e}\n"),
            code: 1,
        },
    }
}

/// The shell completion script for `shell`, generated from the command-line definition.
pub fn completions(shell: clap_complete::Shell) -> String {
    use clap::CommandFactory as _;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "api-triage", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The man page, generated from the command-line definition.
pub fn man_page() -> String {
    use clap::CommandFactory as _;
    let mut out = Vec::new();
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}
