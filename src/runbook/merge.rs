//! Layering a team file over the default and checking what only the whole can tell:
//! owners that exist, codes that are defined, interview answers that can be given, duplicate
//! ids, exactly three first places, a review that is due.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Range;

use jiff::civil::Date;
use toml::Spanned;

use super::diagnostic::{Diagnostic, Severity};
use super::merged::{
    Card, CauseCard, ComparisonCard, OptionCard, OwnerCard, QuestionCard, ScenarioCard, SideCard,
    TeamRunbook,
};
use super::model::{AnswerKind, CodeEntry, Question, StatusCode};
use super::parse::{CodeKey, ParsedFile};

/// The name under which the embedded default appears in diagnostics and on cards.
pub const EMBEDDED_NAME: &str = "embedded default";

/// A runbook file that has been read and parsed.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: String,
    pub text: String,
    pub parsed: ParsedFile,
}

impl Loaded {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> (Self, Vec<Diagnostic>) {
        let path = path.into();
        let text = text.into();
        let (parsed, findings) = super::parse::parse(&path, &text);
        (Self { path, text, parsed }, findings)
    }
}

/// Reports findings against the one file being checked.
struct Reporter<'a> {
    file: &'a Loaded,
    findings: Vec<Diagnostic>,
}

impl Reporter<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
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

/// Layers `team` over `default` (or takes the default alone) and checks the file that was
/// added: the default when `team` is `None`, otherwise only the team file, so a problem in the
/// default is reported once however many teams are loaded.
pub fn team_over_default(
    default: &Loaded,
    team: Option<&Loaded>,
    today: Option<Date>,
) -> (TeamRunbook, Vec<Diagnostic>) {
    let checked = team.unwrap_or(default);
    let mut report = Reporter {
        file: checked,
        findings: Vec::new(),
    };
    let files: Vec<&ParsedFile> = match team {
        Some(team) => vec![&team.parsed, &default.parsed],
        None => vec![&default.parsed],
    };

    check_file_rules(&checked.parsed, &mut report);
    check_review(&checked.parsed, today, &mut report);

    let owners = merge_owners(&files);
    let defined: BTreeSet<u16> = files
        .iter()
        .flat_map(|f| f.codes.iter())
        .filter_map(|(key, _)| match key.get_ref() {
            CodeKey::Exact(code) => Some(code.get()),
            CodeKey::Class(_) => None,
        })
        .collect();
    let interview = merge_by_id(&files, |f| &f.interview, |q| q.id.get_ref(), question_card);
    check_references(&checked.parsed, &owners, &defined, &interview, &mut report);

    let source_of = |key: CodeKey| -> String {
        match team {
            Some(team) if team.parsed.codes.iter().any(|(k, _)| *k.get_ref() == key) => {
                team.path.clone()
            }
            _ => EMBEDDED_NAME.to_owned(),
        }
    };
    let mut codes = BTreeMap::new();
    for code in &defined {
        let Some(status) = StatusCode::new(*code) else {
            continue;
        };
        let key = CodeKey::Exact(status);
        let chain = entry_chain(&files, &[key, CodeKey::Class(status.class())]);
        if let Some(card) = build_card(key, &chain, &owners, source_of(key), &mut report) {
            codes.insert(*code, card);
        }
    }
    let mut classes = BTreeMap::new();
    for class in 1..=5u8 {
        let key = CodeKey::Class(class);
        let chain = entry_chain(&files, &[key]);
        if chain.is_empty() {
            continue;
        }
        if let Some(card) = build_card(key, &chain, &owners, source_of(key), &mut report) {
            classes.insert(class, card);
        }
    }

    let meta = checked
        .parsed
        .meta
        .as_ref()
        .or(default.parsed.meta.as_ref());
    let runbook = TeamRunbook {
        name: meta.map_or_else(|| checked.path.clone(), |m| m.name.clone()),
        maintainers: meta.and_then(|m| m.maintainers.clone()),
        source: team.map_or_else(|| EMBEDDED_NAME.to_owned(), |t| t.path.clone()),
        is_default: team.is_none(),
        reviewed: meta
            .and_then(|m| m.reviewed.as_ref())
            .and_then(|d| d.get_ref().date)
            .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        review_every_days: meta.and_then(|m| m.review_every_days),
        audience: meta.and_then(|m| m.audience.clone()),
        issuer: meta.and_then(|m| m.issuer.clone()),
        owners: owners
            .iter()
            .map(|(id, owner)| (id.clone(), owner.clone()))
            .collect(),
        codes,
        classes,
        comparisons: merge_by_id(
            &files,
            |f| &f.comparisons,
            |c| c.id.get_ref(),
            |c| ComparisonCard {
                id: c.id.get_ref().clone(),
                title: c.title.clone(),
                codes: c
                    .codes
                    .get_ref()
                    .iter()
                    .map(|s| s.get_ref().get())
                    .collect(),
                question: c.question.clone(),
                sides: c
                    .sides
                    .iter()
                    .map(|s| SideCard {
                        code: s.code.get_ref().get(),
                        when: s.when.clone(),
                    })
                    .collect(),
            },
        ),
        scenarios: merge_by_id(
            &files,
            |f| &f.scenarios,
            |s| s.id.get_ref(),
            |s| ScenarioCard {
                id: s.id.get_ref().clone(),
                title: s.title.clone(),
                codes: s.codes.iter().map(|c| c.get_ref().get()).collect(),
                likely: s.likely.clone(),
                first_move: s.first_move.clone(),
                checks: s.checks.clone(),
            },
        ),
        interview,
        redact: merge_by_id(
            &files,
            |f| &f.redact,
            |r| r.name.get_ref(),
            |r| (r.name.get_ref().clone(), r.pattern.get_ref().clone()),
        ),
        routes: files
            .iter()
            .flat_map(|f| f.routes.iter())
            .map(|r| (r.pattern.clone(), r.team.clone()))
            .collect(),
    };
    (runbook, report.findings)
}

fn question_card(q: &Question) -> QuestionCard {
    QuestionCard {
        id: q.id.get_ref().clone(),
        prompt: q.prompt.clone(),
        help: q.help.clone(),
        kind: q.kind,
        options: q
            .options
            .iter()
            .map(|o| OptionCard {
                id: o.id.get_ref().clone(),
                label: o.label.clone(),
                hint: o.hint.clone(),
            })
            .collect(),
    }
}

/// Owners by id; the team's definition of an id replaces the default's.
fn merge_owners(files: &[&ParsedFile]) -> BTreeMap<String, OwnerCard> {
    let mut owners = BTreeMap::new();
    for file in files.iter().rev() {
        for (id, owner) in &file.owners {
            owners.insert(id.get_ref().clone(), OwnerCard::new(id.get_ref(), owner));
        }
    }
    owners
}

/// Items in the default's order, each replaced by the team's item of the same id; the team's
/// new items follow.
fn merge_by_id<T, C>(
    files: &[&ParsedFile],
    items: impl Fn(&ParsedFile) -> &Vec<T>,
    id: impl Fn(&T) -> &String,
    card: impl Fn(&T) -> C,
) -> Vec<C> {
    let mut order: Vec<&String> = Vec::new();
    let mut chosen: BTreeMap<&String, &T> = BTreeMap::new();
    for file in files.iter().rev() {
        for item in items(file) {
            let key = id(item);
            if chosen.insert(key, item).is_none() {
                order.push(key);
            }
        }
    }
    order
        .into_iter()
        .filter_map(|k| chosen.get(k))
        .map(|t| card(t))
        .collect()
}

/// The entries that can supply a field of `keys[0]`, most specific first: the team's own entry,
/// the default's, then the same for each fallback key.
fn entry_chain<'a>(files: &[&'a ParsedFile], keys: &[CodeKey]) -> Vec<&'a Spanned<CodeEntry>> {
    keys.iter()
        .flat_map(|key| {
            files.iter().filter_map(move |f| {
                f.codes
                    .iter()
                    .find(|(k, _)| k.get_ref() == key)
                    .map(|(_, entry)| entry)
            })
        })
        .collect()
}

fn build_card(
    key: CodeKey,
    chain: &[&Spanned<CodeEntry>],
    owners: &BTreeMap<String, OwnerCard>,
    source: String,
    report: &mut Reporter<'_>,
) -> Option<Card> {
    macro_rules! field {
        ($name:ident) => {
            chain.iter().find_map(|e| e.get_ref().$name.as_ref())
        };
    }
    let mut missing = Vec::new();
    let title = field!(title);
    let owner_id = field!(owner);
    let meaning = field!(meaning);
    let look_first = field!(look_first);
    for (name, absent) in [
        ("title", title.is_none()),
        ("owner", owner_id.is_none()),
        ("meaning", meaning.is_none()),
        ("look_first", look_first.is_none()),
    ] {
        if absent {
            missing.push(name);
        }
    }
    // Only the file being checked reports incompleteness, at its own entry.
    if !missing.is_empty() {
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
        return None;
    }
    let owner_id = owner_id?;
    let owner = owners.get(owner_id.get_ref())?.clone();
    Some(Card {
        code: key.to_string(),
        title: title?.clone(),
        owner,
        meaning: meaning?.clone(),
        generated_by: field!(generated_by).cloned().unwrap_or_default(),
        keywords: field!(keywords).cloned().unwrap_or_default(),
        look_first: look_first?.get_ref().clone(),
        causes: field!(causes)
            .map(|causes| {
                causes
                    .iter()
                    .map(|c| CauseCard {
                        text: c.text.clone(),
                        when: c.when.iter().map(|w| w.get_ref().clone()).collect(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        checks: field!(checks).cloned().unwrap_or_default(),
        compare: field!(compare)
            .map(|codes| codes.iter().map(|c| c.get_ref().get()).collect())
            .unwrap_or_default(),
        needs: field!(needs).cloned().unwrap_or_default(),
        examples: field!(examples).cloned().unwrap_or_default(),
        source,
        fallback_class: None,
    })
}

/// Rules a single file must keep whatever it is layered over.
fn check_file_rules(file: &ParsedFile, report: &mut Reporter<'_>) {
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
                }
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
fn check_references(
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
fn check_review(file: &ParsedFile, today: Option<Date>, report: &mut Reporter<'_>) {
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
    use super::*;

    const DEFAULT: &str = r##"
[runbook]
name = "Default"

[owners.api]
name = "API team"
contact = "#api"

[owners.platform]
name = "Platform"
contact = "#platform"

[codes.502]
title = "Bad Gateway"
owner = "platform"
meaning = "Gateway got a bad reply."
keywords = ["gateway"]
look_first = [{ what = "a", how = "1" }, { what = "b", how = "2" }, { what = "c", how = "3" }]
checks = ["default check"]

[codes.4xx]
title = "Client error"
owner = "api"
meaning = "Something about the request."
look_first = [{ what = "x", how = "1" }, { what = "y", how = "2" }, { what = "z", how = "3" }]

[[scenarios]]
id = "s1"
title = "Default scenario"
codes = [502]
likely = "l"
first_move = "f"
"##;

    fn layered(team: &str) -> (TeamRunbook, Vec<Diagnostic>) {
        let (default, findings) = Loaded::new("default", DEFAULT);
        assert!(findings.is_empty(), "{findings:?}");
        let (team, findings) = Loaded::new("team.toml", team);
        assert!(findings.is_empty(), "{findings:?}");
        team_over_default(&default, Some(&team), None)
    }

    #[test]
    fn a_team_entry_overrides_only_the_fields_it_lists() {
        let (runbook, findings) = layered(
            "[runbook]\nname = \"Team\"\n[owners.team]\nname = \"Team\"\ncontact = \"#team\"\n\
             [codes.502]\nowner = \"team\"\nchecks = [\"team check\"]\n",
        );
        assert!(findings.is_empty(), "{findings:?}");
        let card = &runbook.codes[&502];
        assert_eq!(card.owner.name, "Team");
        assert_eq!(card.checks, ["team check"]);
        assert_eq!(card.title, "Bad Gateway", "inherited from the default");
        assert_eq!(card.look_first[0].what, "a");
        assert_eq!(card.source, "team.toml");
    }

    #[test]
    fn a_team_only_code_falls_back_to_its_class_for_missing_fields() {
        let (runbook, findings) =
            layered("[runbook]\nname = \"Team\"\n[codes.402]\ntitle = \"Payment Required\"\n");
        assert!(findings.is_empty(), "{findings:?}");
        let card = &runbook.codes[&402];
        assert_eq!(card.title, "Payment Required");
        assert_eq!(card.meaning, "Something about the request.");
        assert_eq!(card.owner.id, "api");
    }

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
    fn items_with_the_same_id_replace_the_default_and_new_ones_follow() {
        let (runbook, _) = layered(
            "[runbook]\nname = \"Team\"\n\
             [[scenarios]]\nid = \"s1\"\ntitle = \"Team version\"\ncodes = [502]\nlikely = \"l\"\nfirst_move = \"f\"\n\
             [[scenarios]]\nid = \"s2\"\ntitle = \"Team only\"\ncodes = [502]\nlikely = \"l\"\nfirst_move = \"f\"\n",
        );
        let titles: Vec<&str> = runbook.scenarios.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Team version", "Team only"]);
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
