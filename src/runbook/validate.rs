//! Checking the file that was added, against the rules every runbook file keeps and against the
//! layered whole it joins: owners that exist, codes that are defined, interview answers that can
//! be given, entries something completes, duplicate ids, exactly three first places, a review
//! that is due. Every finding points into the one file being checked.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use jiff::civil::Date;
use toml::Spanned;

use super::diagnostic::{Diagnostic, Severity};
use super::merged::{OwnerCard, QuestionCard};
use super::model::{AnswerKind, StatusCode};
use super::parse::{CodeKey, Loaded, ParsedFile};

/// Reports findings against the one file being checked.
pub(super) struct Reporter<'a> {
    file: &'a Loaded,
    findings: Vec<Diagnostic>,
}

impl<'a> Reporter<'a> {
    pub(super) fn new(file: &'a Loaded) -> Self {
        Self {
            file,
            findings: Vec::new(),
        }
    }

    pub(super) fn into_findings(self) -> Vec<Diagnostic> {
        self.findings
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.push(Severity::Error, span, message);
    }

    fn warning(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.push(Severity::Warning, span, message);
    }

    fn push(&mut self, severity: Severity, span: Range<usize>, message: impl Into<String>) {
        self.findings.push(Diagnostic::at(
            severity,
            &self.file.path,
            &self.file.text,
            span,
            message,
        ));
    }
}

/// The longest a run may be given: an hour. Longer belongs in a terminal of its own.
const MAX_RUN_TIMEOUT_SECONDS: u32 = 3600;

fn check_timeout(seconds: Option<u32>, span: Range<usize>, report: &mut Reporter<'_>) {
    if let Some(seconds) = seconds
        && !(1..=MAX_RUN_TIMEOUT_SECONDS).contains(&seconds)
    {
        report.error(
            span,
            format!("a run timeout of {seconds} s: give 1 to {MAX_RUN_TIMEOUT_SECONDS} seconds"),
        );
    }
}

/// Rules a single file must keep whatever it is layered over.
pub(super) fn check_file_rules(file: &ParsedFile, report: &mut Reporter<'_>) {
    for (key, entry) in &file.codes {
        if let Some(look) = &entry.get_ref().look_first {
            for (i, place) in look.get_ref().iter().enumerate() {
                if let Some(why) = super::commands::writes(&place.how)
                    && !place.allow_write
                {
                    report.warning(
                        look.span(),
                        format!(
                            "code {}: first place {} ({}) {why}; the first three places must \
                             only read (mark it `allow_write = true` if the team accepts that)",
                            key.get_ref(),
                            i + 1,
                            place.what
                        ),
                    );
                } else if let Some(why) = super::commands::writes(&place.how)
                    && place.run.is_none()
                {
                    report.warning(
                        look.span(),
                        format!(
                            "code {}: first place {} ({}) {why}, so the app will not offer to \
                             run it; say so with `run = false`, or `run = true` if running it \
                             from the app is safe",
                            key.get_ref(),
                            i + 1,
                            place.what
                        ),
                    );
                }
                check_timeout(place.timeout_seconds, look.span(), report);
            }
            let n = look.get_ref().len();
            if n != 3 {
                report.error(
                    look.span(),
                    format!(
                        "code {} has {n} entries in `look_first`; it needs exactly three",
                        key.get_ref()
                    ),
                );
            }
        }
    }
    for (key, entry) in &file.codes {
        for example in entry.get_ref().examples.iter().flatten() {
            if let Some(why) = super::commands::writes(&example.request)
                && example.run.is_none()
            {
                report.warning(
                    entry.span(),
                    format!(
                        "code {}: example \"{}\" {why}, so the app will not offer to run it; \
                         say so with `run = false`, or `run = true` if repeating it is safe",
                        key.get_ref(),
                        example.name
                    ),
                );
            }
            check_timeout(example.timeout_seconds, entry.span(), report);
        }
    }
    if let Some(meta) = &file.meta {
        check_timeout(meta.run_timeout_seconds, 0..0, report);
    }
    let mut seen_keys = HashSet::new();
    for (key, _) in &file.codes {
        // `502` and `"502"` or `4xx` and `4XX` are different TOML keys but the same code.
        if !seen_keys.insert(*key.get_ref()) {
            report.error(
                key.span(),
                format!("code {} is defined twice", key.get_ref()),
            );
        }
    }
    duplicate_ids(file.comparisons.iter().map(|c| &c.id), "comparison", report);
    duplicate_ids(file.scenarios.iter().map(|s| &s.id), "scenario", report);
    duplicate_ids(file.interview.iter().map(|q| &q.id), "question", report);
    duplicate_ids(
        file.redact.iter().map(|r| &r.name),
        "redaction pattern",
        report,
    );
    super::timeouts::check(file, report);
    super::tickets::check(file, report);
    for pattern in &file.redact {
        if let Err(e) = regex::Regex::new(pattern.pattern.get_ref()) {
            let message = e
                .to_string()
                .lines()
                .last()
                .unwrap_or("invalid")
                .trim()
                .to_owned();
            report.error(
                pattern.pattern.span(),
                format!(
                    "redaction pattern `{}` is not a valid regular expression: {message}",
                    pattern.name.get_ref()
                ),
            );
        }
    }
    for question in &file.interview {
        duplicate_ids(question.options.iter().map(|o| &o.id), "option", report);
        if question.kind == AnswerKind::Choice && question.options.is_empty() {
            report.error(
                question.id.span(),
                format!(
                    "question `{}` is a choice with no options",
                    question.id.get_ref()
                ),
            );
        }
    }
    for comparison in &file.comparisons {
        let codes: Vec<StatusCode> = comparison
            .codes
            .get_ref()
            .iter()
            .map(|c| *c.get_ref())
            .collect();
        if codes.len() < 2 {
            report.error(
                comparison.codes.span(),
                format!(
                    "comparison `{}` needs at least two codes",
                    comparison.id.get_ref()
                ),
            );
        }
        for side in &comparison.sides {
            if !codes.contains(side.code.get_ref()) {
                report.error(
                    side.code.span(),
                    format!(
                        "side {} is not one of the codes of comparison `{}`",
                        side.code.get_ref(),
                        comparison.id.get_ref()
                    ),
                );
            }
        }
    }
}

fn duplicate_ids<'a>(
    ids: impl Iterator<Item = &'a Spanned<String>>,
    what: &str,
    report: &mut Reporter<'_>,
) {
    let mut seen = HashSet::new();
    for id in ids {
        if id.get_ref().trim().is_empty() {
            report.error(id.span(), format!("{what} id is empty"));
        } else if !seen.insert(id.get_ref().as_str()) {
            report.error(id.span(), format!("duplicate {what} id `{}`", id.get_ref()));
        }
    }
}

/// References from the checked file to owners, codes and interview answers must resolve in the
/// layered whole.
pub(super) fn check_references(
    file: &ParsedFile,
    owners: &BTreeMap<String, OwnerCard>,
    defined: &BTreeSet<u16>,
    interview: &[QuestionCard],
    report: &mut Reporter<'_>,
) {
    let code_ref = |code: &Spanned<StatusCode>, context: &str, report: &mut Reporter<'_>| {
        if !defined.contains(&code.get_ref().get()) {
            report.error(
                code.span(),
                format!(
                    "{context} names code {}, which has no entry in this runbook or the default",
                    code.get_ref()
                ),
            );
        }
    };
    for (key, entry) in &file.codes {
        let entry = entry.get_ref();
        if let Some(owner) = entry
            .owner
            .as_ref()
            .filter(|o| !owners.contains_key(o.get_ref()))
        {
            let known: Vec<&str> = owners.keys().map(String::as_str).collect();
            report.error(
                owner.span(),
                format!(
                    "unknown owner `{}`; define `[owners.{}]` or use one of: {}",
                    owner.get_ref(),
                    owner.get_ref(),
                    known.join(", ")
                ),
            );
        }
        for code in entry.compare.iter().flatten() {
            code_ref(code, &format!("`compare` of {}", key.get_ref()), report);
        }
        for cause in entry.causes.iter().flatten() {
            for tag in &cause.when {
                if let Err(message) = check_tag(tag.get_ref(), interview) {
                    report.error(tag.span(), message);
                }
            }
        }
    }
    for question in &file.interview {
        let conditions = question
            .first_when
            .iter()
            .chain(&question.last_when)
            .chain(&question.skip_when);
        for condition in conditions {
            if condition.get_ref().split_whitespace().next().is_none() {
                report.error(
                    condition.span(),
                    "an empty condition; write answers as `question:option`, e.g. `code:502 layer:gateway`",
                );
            }
            for tag in condition.get_ref().split_whitespace() {
                if let Err(message) = check_tag(tag, interview) {
                    report.error(condition.span(), message);
                }
            }
        }
        if let Some(first) = question.skip_when.first()
            && question.skip_reason.is_none()
        {
            report.error(
                first.span(),
                format!(
                    "question `{}` has `skip_when` but no `skip_reason`: the engineer is told why a question is not asked",
                    question.id.get_ref()
                ),
            );
        }
    }
    for comparison in &file.comparisons {
        let context = format!("comparison `{}`", comparison.id.get_ref());
        for code in comparison.codes.get_ref() {
            code_ref(code, &context, report);
        }
    }
    for scenario in &file.scenarios {
        let context = format!("scenario `{}`", scenario.id.get_ref());
        for code in &scenario.codes {
            code_ref(code, &context, report);
        }
    }
}

/// A code whose card lacks `missing` in every entry that could supply it. Only the file being
/// checked reports it, at its own entry, so a gap the default leaves open is reported once.
pub(super) fn check_complete(key: CodeKey, missing: &[&str], report: &mut Reporter<'_>) {
    if missing.is_empty() {
        return;
    }
    if let Some((_, entry)) = report
        .file
        .parsed
        .codes
        .iter()
        .find(|(k, _)| *k.get_ref() == key)
    {
        report.error(
            entry.span(),
            format!(
                "code {key} is missing {} and neither the default nor a class entry supplies it",
                missing.join(", ")
            ),
        );
    }
}

/// A `when` tag is `question:option`, naming a question and one of its answers.
fn check_tag(tag: &str, interview: &[QuestionCard]) -> Result<(), String> {
    let Some((question_id, option_id)) = tag.split_once(':') else {
        return Err(format!(
            "`{tag}` is not an interview answer; write it as `question:option`, e.g. `layer:gateway`"
        ));
    };
    let Some(question) = interview.iter().find(|q| q.id == question_id) else {
        let ids: Vec<&str> = interview.iter().map(|q| q.id.as_str()).collect();
        return Err(format!(
            "`{tag}` names no interview question `{question_id}`; questions are: {}",
            ids.join(", ")
        ));
    };
    let is_code = question.kind == AnswerKind::Code && CodeKey::parse(option_id).is_some();
    if is_code || question.options.iter().any(|o| o.id == option_id) {
        return Ok(());
    }
    let ids: Vec<&str> = question.options.iter().map(|o| o.id.as_str()).collect();
    Err(format!(
        "`{tag}`: question `{question_id}` has no answer `{option_id}`; answers are: {}",
        ids.join(", ")
    ))
}

/// Warns when a runbook's review is overdue, so stale advice is noticed before it misleads.
pub(super) fn check_review(file: &ParsedFile, today: Option<Date>, report: &mut Reporter<'_>) {
    let (Some(meta), Some(today)) = (&file.meta, today) else {
        return;
    };
    let Some(reviewed) = &meta.reviewed else {
        if meta.review_every_days.is_some() {
            let span = 0..0;
            report.warning(span, "`review_every_days` is set but `reviewed` is missing");
        }
        return;
    };
    let Some(date) = reviewed.get_ref().date else {
        report.error(
            reviewed.span(),
            "`reviewed` must be a date such as 2026-11-01",
        );
        return;
    };
    let Ok(reviewed_on) = Date::new(
        i16::try_from(date.year).unwrap_or(i16::MAX),
        i8::try_from(date.month).unwrap_or(0),
        i8::try_from(date.day).unwrap_or(0),
    ) else {
        report.error(reviewed.span(), "`reviewed` is not a valid date");
        return;
    };
    let age = (today - reviewed_on).get_days();
    if age < 0 {
        report.warning(
            reviewed.span(),
            format!("`reviewed` {reviewed_on} is in the future"),
        );
    } else if let Some(every) = meta
        .review_every_days
        .filter(|every| i64::from(age) > i64::from(*every))
    {
        report.warning(
            reviewed.span(),
            format!(
                "runbook review is overdue: last reviewed {reviewed_on}, {age} days ago; \
                 reviews are due every {every} days"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::merge::team_over_default;
    use super::super::merge::tests::{DEFAULT, layered};
    use super::*;

    #[test]
    fn a_team_only_code_with_no_class_advice_is_reported_incomplete() {
        let (runbook, findings) =
            layered("[runbook]\nname = \"Team\"\n[codes.302]\ntitle = \"Found\"\n");
        assert!(!runbook.codes.contains_key(&302));
        assert_eq!(findings.len(), 1);
        assert!(
            findings[0]
                .message
                .contains("missing owner, meaning, look_first"),
            "{}",
            findings[0].message
        );
        assert_eq!((findings[0].line, findings[0].col), (3, 1));
    }

    #[test]
    fn the_default_is_checked_once_not_once_per_team() {
        let broken_default = format!("{DEFAULT}\n[codes.503]\nowner = \"ghost\"\n");
        let (default, _) = Loaded::new("default", broken_default);
        let (team, _) = Loaded::new("team.toml", "[runbook]\nname = \"Team\"\n");
        let (_, default_findings) = team_over_default(&default, None, None);
        let (_, team_findings) = team_over_default(&default, Some(&team), None);
        assert!(default_findings.iter().any(|d| d.message.contains("ghost")));
        assert!(team_findings.is_empty(), "{team_findings:?}");
    }

    #[test]
    fn review_warnings_use_the_date_passed_in() {
        let team = "[runbook]\nname = \"Team\"\nreviewed = 2026-01-01\nreview_every_days = 30\n";
        let (default, _) = Loaded::new("default", DEFAULT);
        let (team, _) = Loaded::new("team.toml", team);
        let on =
            |date: &str| team_over_default(&default, Some(&team), Some(date.parse().unwrap())).1;
        assert!(on("2026-01-20").is_empty());
        let late = on("2026-03-01");
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].severity, Severity::Warning);
        assert!(
            late[0].message.contains("59 days ago"),
            "{}",
            late[0].message
        );
        assert!(on("2025-12-01")[0].message.contains("in the future"));
    }

    #[test]
    fn a_first_place_that_writes_is_a_warning_unless_allowed() {
        let team = |allow: &str| {
            format!(
                "[runbook]\nname = \"T\"\n[codes.409]\nlook_first = [\n  {{ what = \"retry\", how = \"curl -X POST https://x/orders\"{allow} }},\n  {{ what = \"b\", how = \"kubectl get pods\" }},\n  {{ what = \"c\", how = \"kubectl get events\" }},\n]\n"
            )
        };
        let report = crate::runbook::load_texts(vec![("t.toml".to_owned(), team(""))], None);
        let writes: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.message.contains("must only read"))
            .collect();
        assert_eq!(writes.len(), 1, "{:?}", report.findings);
        assert_eq!(writes[0].severity, Severity::Warning);
        assert!(
            writes[0].message.contains("-X POST"),
            "{}",
            writes[0].message
        );
        let allowed = crate::runbook::load_texts(
            vec![("t.toml".to_owned(), team(", allow_write = true"))],
            None,
        );
        assert!(
            !allowed
                .findings
                .iter()
                .any(|f| f.message.contains("must only read")),
            "{:?}",
            allowed.findings
        );
    }
}
