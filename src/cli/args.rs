//! The command-line definition (clap): one source for parsing, `--help`, the man page and
//! the shell completions.

use super::*;

use clap::{Args, Parser, Subcommand};

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
                  (`api-triage 502`) to open straight on its card. Pipe a response in \
                  (`curl -sv URL 2>&1 | api-triage -`) to start a triage from it: on a \
                  terminal the app opens on it, otherwise (or with `- --no-tui`) the \
                  reading is printed."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Open the app on this status code's card.
    pub code: Option<u16>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command line of this process. With no arguments at all (the app on the code matrix,
    /// the commonest start) the answer is known without clap, which builds its whole
    /// definition (every command, argument and help text) before it reads a single word: a
    /// tenth of a millisecond of every such start. A test holds [`Cli::bare`] to what clap
    /// makes of an empty command line.
    pub fn from_process() -> Self {
        if std::env::args_os().len() <= 1 {
            return Self::bare();
        }
        Self::parse()
    }

    /// What an empty command line means: the app, every option at its default.
    pub fn bare() -> Self {
        Self {
            global: Global {
                runbooks: Vec::new(),
                state_dir: None,
                today: None,
            },
            code: None,
            command: None,
        }
    }
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
    /// Reopen a triage session where it was left (default: the latest). Given a colleague's
    /// bundle folder (one holding bundle.json), import it first and open the copy (the copy
    /// made before, when that bundle was imported already).
    Resume {
        /// A session id (see `api-triage sessions`), or a bundle folder to import.
        #[arg(value_name = "ID|BUNDLE_DIR")]
        id: Option<String>,
    },
    /// Make a colleague's escalation bundle (its folder, or its bundle.json) a triage session
    /// here, to continue it: every note, answer, step and event kept, what the sender redacted
    /// still redacted. Prints the new session's id.
    Import {
        /// The bundle folder `export` wrote, or the bundle.json in it.
        bundle: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write the escalation bundle of a session (default: the latest) and print its summary.
    Export {
        /// The session id (see `api-triage sessions`).
        session: Option<String>,
        /// Where to create the bundle folder (default: `$API_TRIAGE_EXPORT_DIR`, else the
        /// current folder).
        #[arg(long, value_name = "DIR", conflicts_with = "print")]
        out: Option<PathBuf>,
        /// Only print the summary to standard output: no bundle is written and the session
        /// stays open.
        #[arg(long)]
        print: bool,
        /// What to print: the summary as md, text or slack, or the bundle as json.
        #[arg(long, value_enum, default_value = "md")]
        format: FormatArg,
        /// Also copy the summary to the clipboard (OSC 52 over SSH).
        #[arg(long)]
        copy: bool,
        /// Print the hand-off for the next responder instead of the summary (md, text or
        /// slack): what is known, ruled out, in progress, the next checks and whom to call.
        /// Like --print, no bundle is written and the session stays open.
        #[arg(long, conflicts_with = "out")]
        handoff: bool,
        /// Leave secrets in (not recommended: the bundle and clipboard get them as typed).
        #[arg(long)]
        no_redact: bool,
    },
    /// Print a session's timeline (default: the latest): every answer, step outcome, note,
    /// run, export, status update and hand-off in time order, redacted like an export.
    Timeline {
        /// The session id (see `api-triage sessions`).
        session: Option<String>,
        /// md (a Markdown table), csv, or json (one object per entry).
        #[arg(long, value_enum, default_value = "md")]
        format: TimelineFormat,
        /// Only entries of these kinds (repeatable): start, answer, details, step, note,
        /// evidence, run, logs, alert, export, update, hand-off, import.
        #[arg(long, value_name = "KIND")]
        kind: Vec<String>,
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
    /// Compare a known-good response with a failing one (files as `evidence` reads them: curl
    /// -v, curl -i, curl -w timing, --trace-time, a HAR file): status and who returned it,
    /// headers by the hop that adds them, JSON bodies field by field, timing phase by phase;
    /// the differences first. One of the two may be `-`, standard input.
    Diff {
        /// The known-good response.
        good: PathBuf,
        /// The failing response.
        failing: PathBuf,
        #[arg(long)]
        json: bool,
        /// Print secrets as they are (redacted by default, like `evidence`).
        #[arg(long)]
        show_secrets: bool,
    },
    /// Read access logs: requests and failures per minute, the first bad minute, how
    /// widespread the failure is, and the routes, upstreams and clients that carry it.
    /// Formats (told from the first lines): nginx or Apache combined or common, `HAProxy`'s HTTP
    /// log, AWS ALB, Envoy's default, JSON lines (nginx, Envoy, Traefik, or fields you name).
    Logs {
        /// Log files (`.gz` too); `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The format, instead of telling it from the first lines: combined, haproxy, alb,
        /// envoy or json.
        #[arg(long)]
        format: Option<String>,
        /// JSON lines: the field holding the time (ISO 8601, common log time or epoch).
        #[arg(long, value_name = "NAME")]
        time_field: Option<String>,
        /// JSON lines: the field holding the status code.
        #[arg(long, value_name = "NAME")]
        status_field: Option<String>,
        /// JSON lines: the field holding the path (or the request line).
        #[arg(long, value_name = "NAME")]
        path_field: Option<String>,
        /// What counts as failing: `5xx` (the default) or a status code such as 429.
        #[arg(long, value_name = "5xx|CODE")]
        failing: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Gather the runbook suggestions of escalation bundles for one runbook review: each
    /// bundle's runbook-suggestion.toml, merged per team runbook file and code (the same
    /// proposal from several incidents once, "seen in N incidents"), printed as one TOML
    /// snippet per file. Exit 2 when a folder cannot be read or holds no suggestion file, 1
    /// when a suggestion file is broken.
    Suggest {
        /// Bundle folders written by `export` (or the app's export screen).
        #[arg(required = true, value_name = "BUNDLE_DIR")]
        bundles: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
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
/// How `timeline` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TimelineFormat {
    Md,
    Csv,
    Json,
}

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

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::Parser as _;

    #[test]
    fn an_empty_command_line_is_read_without_clap_as_clap_reads_it() {
        let parsed = Cli::try_parse_from(["api-triage"]).expect("an empty command line parses");
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Cli::bare()));
        // And the test can fail: any word changes what clap makes of it.
        let code = Cli::try_parse_from(["api-triage", "502"]).expect("a code parses");
        assert_ne!(format!("{code:?}"), format!("{:?}", Cli::bare()));
    }
}
