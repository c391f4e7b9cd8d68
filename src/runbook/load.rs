//! Finding and reading runbook files: the search order, folders, the size limit, and turning
//! each unreadable file into a finding rather than a failure.

use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use super::diagnostic::{Diagnostic, Severity};
use super::merge::{embedded_default, team_over_default};
use super::merged::TeamRunbook;
use super::parse::Loaded;

/// The default runbook, compiled into the binary so the tool is useful on first run.
pub const DEFAULT_RUNBOOK: &str = include_str!("../../runbooks/default.toml");

/// The name under which the embedded default appears in diagnostics and on cards.
pub const EMBEDDED_NAME: &str = "embedded default";

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where runbooks may come from, in the order they are tried.
#[derive(Debug, Clone, Default)]
pub struct SearchPath {
    /// `--runbook PATH`, repeatable: files or folders.
    pub explicit: Vec<PathBuf>,
    /// The value of `$API_TRIAGE_RUNBOOKS`: a path list like `$PATH`.
    pub env: Option<OsString>,
    /// The working folder, where `./runbooks/` is looked for.
    pub cwd: Option<PathBuf>,
    /// The user's config folder (`~/.config/api-triage/runbooks/` on Linux).
    pub config_dir: Option<PathBuf>,
}

impl SearchPath {
    /// The search path of this process: its environment and working folder.
    pub fn from_environment(explicit: Vec<PathBuf>) -> Self {
        let config_dir = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
            .map(|base| base.join("api-triage").join("runbooks"));
        Self {
            explicit,
            env: std::env::var_os("API_TRIAGE_RUNBOOKS").filter(|v| !v.is_empty()),
            cwd: std::env::current_dir().ok(),
            config_dir,
        }
    }

    /// The paths to load: the first of `--runbook`, `$API_TRIAGE_RUNBOOKS`, `./runbooks/`, the
    /// config folder that gives any. Empty means the embedded default alone.
    pub fn resolve(&self) -> Vec<PathBuf> {
        if !self.explicit.is_empty() {
            return self.explicit.clone();
        }
        if let Some(env) = &self.env {
            return std::env::split_paths(env)
                .filter(|p| !p.as_os_str().is_empty())
                .collect();
        }
        let local = self.cwd.as_ref().map(|cwd| cwd.join("runbooks"));
        [local, self.config_dir.clone()]
            .into_iter()
            .flatten()
            .find(|dir| dir.is_dir())
            .into_iter()
            .collect()
    }
}

/// Everything loaded: the default first, then one layered runbook per team file.
#[derive(Debug, Clone)]
pub struct LoadReport {
    pub runbooks: Vec<TeamRunbook>,
    pub findings: Vec<Diagnostic>,
    /// Some file could not be read at all (missing, unreadable, too large).
    pub unreadable: bool,
    /// The files that were read, in order.
    pub files: Vec<String>,
}

impl LoadReport {
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

/// Loads the embedded default and the team files at `paths` (files or folders).
pub fn load_paths(paths: &[PathBuf], today: Option<Date>) -> LoadReport {
    let mut findings = Vec::new();
    let mut unreadable = false;
    let mut texts = Vec::new();
    for path in paths {
        collect(path, &mut texts, &mut findings, &mut unreadable);
    }
    let mut report = load_texts(texts, today);
    findings.append(&mut report.findings);
    report.findings = findings;
    report.unreadable |= unreadable;
    report
}

/// Loads the embedded default with team files given as `(path, text)` pairs.
pub fn load_texts(texts: Vec<(String, String)>, today: Option<Date>) -> LoadReport {
    // The default alone: merged ahead of time, so a first start need not parse it.
    if texts.is_empty()
        && let Some(default) = super::snapshot::embedded_default(today)
    {
        return LoadReport {
            runbooks: vec![default],
            findings: Vec::new(),
            unreadable: false,
            files: Vec::new(),
        };
    }
    let (default, mut findings) = Loaded::new(EMBEDDED_NAME, DEFAULT_RUNBOOK);
    let (default_runbook, default_findings) = embedded_default(&default, today);
    findings.extend(default_findings);
    let mut runbooks = vec![default_runbook];
    let mut files = Vec::new();
    let mut teams = Vec::new();
    for (path, text) in texts {
        let (team, parse_findings) = Loaded::new(path.clone(), text);
        findings.extend(parse_findings);
        let (runbook, merge_findings) = team_over_default(&default, Some(&team), today);
        findings.extend(merge_findings);
        runbooks.push(runbook);
        files.push(path);
        teams.push(team);
    }
    for team in &teams {
        check_routes(team, &runbooks, &mut findings);
    }
    // Each file's findings in source order; files keep the order they were given in.
    let file_order = |path: &str| {
        std::iter::once(EMBEDDED_NAME)
            .chain(files.iter().map(String::as_str))
            .position(|p| p == path)
    };
    findings.sort_by_key(|d| (file_order(&d.path), d.line, d.col));
    LoadReport {
        runbooks,
        findings,
        unreadable: false,
        files,
    }
}

/// A `[[routes]]` entry must name a runbook that is loaded, or the evidence it should send
/// to that team would quietly get another runbook's advice. Checked across all the files at
/// once, since a route may name any of them.
fn check_routes(team: &Loaded, runbooks: &[TeamRunbook], findings: &mut Vec<Diagnostic>) {
    for route in &team.parsed.routes {
        let wanted = route.team.get_ref();
        if runbooks.iter().any(|r| r.answers_to(wanted)) {
            continue;
        }
        let known: Vec<String> = runbooks
            .iter()
            .filter(|r| !r.is_default)
            .map(|r| {
                let stem = Path::new(&r.source)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                format!("`{stem}` ({})", r.name)
            })
            .collect();
        findings.push(Diagnostic::at(
            Severity::Error,
            &team.path,
            &team.text,
            route.team.span(),
            format!(
                "route `{}` names team `{wanted}`, which no loaded runbook defines; name a \
                 runbook by its file name or `[runbook] name`: {}",
                route.pattern,
                known.join(", ")
            ),
        ));
    }
}

fn collect(
    path: &Path,
    texts: &mut Vec<(String, String)>,
    findings: &mut Vec<Diagnostic>,
    unreadable: &mut bool,
) {
    let shown = path.display().to_string();
    let mut fail = |message: String| {
        findings.push(Diagnostic::whole_file(Severity::Error, &shown, message));
        *unreadable = true;
    };
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(describe_io(&e)),
    };
    if metadata.is_dir() {
        let entries = match fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => return fail(describe_io(&e)),
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        for file in files {
            collect_file(&file, texts, findings, unreadable, true);
        }
    } else {
        collect_file(path, texts, findings, unreadable, false);
    }
}

fn collect_file(
    path: &Path,
    texts: &mut Vec<(String, String)>,
    findings: &mut Vec<Diagnostic>,
    unreadable: &mut bool,
    in_folder: bool,
) {
    let shown = path.display().to_string();
    match read_limited(path) {
        Ok(text) => {
            // A folder such as this repository's `runbooks/` may hold a copy of the default;
            // layering it over itself would only list the same codes twice.
            if in_folder && text == DEFAULT_RUNBOOK {
                return;
            }
            texts.push((shown, text));
        }
        Err(message) => {
            findings.push(Diagnostic::whole_file(Severity::Error, &shown, message));
            *unreadable = true;
        }
    }
}

/// Reads a file of at most [`MAX_FILE_BYTES`], checking the size before and while reading so a
/// huge or growing file is never pulled into memory.
fn read_limited(path: &Path) -> Result<String, String> {
    // Looked at before opening: opening a FIFO would wait for a writer forever, and a link
    // that loops or dangles deserves a better word than the system's.
    let metadata = fs::metadata(path).map_err(|e| describe_unopenable(path, &e))?;
    if metadata.is_dir() {
        return Err("is a folder, expected a .toml file".to_owned());
    }
    if !metadata.is_file() {
        return Err(
            "is not a regular file (a pipe, socket or device); a runbook is a .toml file"
                .to_owned(),
        );
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    let file = fs::File::open(path).map_err(|e| describe_io(&e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {}); save the runbook as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

fn too_large(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a size shown to one decimal
    let mib = bytes as f64 / (1024.0 * 1024.0);
    format!(
        "file is {mib:.1} MiB; runbooks larger than {} MiB are refused, so this is probably \
         not a runbook",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied: this user may not read it (check its owner and mode)".to_owned()
        }
        _ => format!("cannot read: {e}"),
    }
}

/// Why `path` cannot be looked at, naming a symbolic link that dangles or loops.
fn describe_unopenable(path: &Path, e: &std::io::Error) -> String {
    let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return describe_io(e);
    }
    let target = fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    if e.kind() == std::io::ErrorKind::NotFound {
        return format!("a symbolic link to `{target}`, which does not exist");
    }
    if link_loops(path) {
        return format!("a symbolic link loop: `{target}` leads back to this link");
    }
    format!("a symbolic link to `{target}` that cannot be followed: {e}")
}

/// Follows `path` link by link, saying whether it comes back to a link already passed.
fn link_loops(path: &Path) -> bool {
    let mut seen = std::collections::HashSet::new();
    let mut current = path.to_path_buf();
    // The kernel gives up after 40 links; so does this.
    for _ in 0..40 {
        let Ok(target) = fs::read_link(&current) else {
            return false;
        };
        let next = match current.parent() {
            Some(parent) => parent.join(target),
            None => target,
        };
        if !seen.insert(current) {
            return true;
        }
        current = next;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(name: &str, route_to: &str) -> String {
        format!(
            "[runbook]\nname = \"{name}\"\n\n[[routes]]\nmatch = \"/v1/x/*\"\nteam = \"{route_to}\"\n"
        )
    }

    #[test]
    fn a_route_to_a_team_no_loaded_runbook_defines_is_an_error_at_its_team() {
        let report = load_texts(
            vec![
                (
                    "teams/payments.toml".into(),
                    team("Payments API", "payment"),
                ),
                ("teams/orders.toml".into(), team("Orders", "ORDERS")),
            ],
            None,
        );
        let errors: Vec<&Diagnostic> = report.findings.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let finding = errors[0];
        assert_eq!(finding.path, "teams/payments.toml");
        assert_eq!((finding.line, finding.col), (6, 8));
        assert_eq!(finding.snippet, "team = \"payment\"");
        assert!(
            finding
                .message
                .contains("names team `payment`, which no loaded runbook defines"),
            "{}",
            finding.message
        );
        assert!(
            finding.message.contains("`payments` (Payments API)"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn a_route_may_name_a_team_by_its_runbook_name_or_its_file() {
        let report = load_texts(
            vec![
                ("teams/payments.toml".into(), team("Payments API", "orders")),
                ("teams/orders.toml".into(), team("Orders", "payments api")),
            ],
            None,
        );
        assert!(report.findings.is_empty(), "{:?}", report.findings);
    }
}
