//! Layering a team file over the embedded default into one `TeamRunbook`: a team's code entry
//! replaces only the fields it lists, falling back to the default's entry and then to the class
//! entry; owners, comparisons, scenarios, questions and redaction patterns replace the default's
//! of the same id. The file that was added is checked on the way (see `validate`).

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use toml::Spanned;

use super::diagnostic::{Diagnostic, Severity};
use super::load::EMBEDDED_NAME;
use super::merged::{
    BrokenEntry, Card, CauseCard, ComparisonCard, OptionCard, OwnerCard, QuestionCard,
    ScenarioCard, SideCard, TeamRunbook,
};
use super::model::{CodeEntry, DEFAULT_RUN_TIMEOUT_SECONDS, Question, StatusCode};
use super::parse::{CodeKey, Loaded, ParsedFile};
use super::validate::{Reporter, check_complete, check_file_rules, check_references, check_review};

/// Layers `team` over `default` (or takes the default alone) and checks the file that was
/// added: the default when `team` is `None`, otherwise only the team file, so a problem in the
/// default is reported once however many teams are loaded.
pub fn team_over_default(
    default: &Loaded,
    team: Option<&Loaded>,
    today: Option<Date>,
) -> (TeamRunbook, Vec<Diagnostic>) {
    merge(default, team, today, Checks::All)
}

/// The embedded default alone, as every start builds it, checked only for a review that is
/// due. Every other check can fail only on the embedded text itself, so they run once in a
/// test (`tests/it/default_runbook.rs`) rather than at every start, which they slowed for
/// nothing.
pub fn embedded_default(default: &Loaded, today: Option<Date>) -> (TeamRunbook, Vec<Diagnostic>) {
    merge(default, None, today, Checks::ReviewOnly)
}

/// Which checks the file that was added goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Checks {
    All,
    /// The one check whose outcome depends on the day rather than on the text.
    ReviewOnly,
}

fn merge(
    default: &Loaded,
    team: Option<&Loaded>,
    today: Option<Date>,
    checks: Checks,
) -> (TeamRunbook, Vec<Diagnostic>) {
    let all = checks == Checks::All;
    let checked = team.unwrap_or(default);
    let mut report = Reporter::new(checked);
    let files: Vec<&ParsedFile> = match team {
        Some(team) => vec![&team.parsed, &default.parsed],
        None => vec![&default.parsed],
    };

    if all {
        check_file_rules(&checked.parsed, &mut report);
    }
    check_review(&checked.parsed, today, &mut report);

    let owners = merge_owners(&files);
    // A code whose team entry did not load still has a card (the default's or its class's
    // advice, saying so), so it counts as defined.
    let failed = team.map_or(&[][..], |t| t.parsed.failed_codes.as_slice());
    let defined: BTreeSet<u16> = files
        .iter()
        .flat_map(|f| f.codes.iter())
        .map(|(key, _)| *key.get_ref())
        .chain(failed.iter().map(|f| f.key))
        .filter_map(|key| match key {
            CodeKey::Exact(code) => Some(code.get()),
            CodeKey::Class(_) => None,
        })
        .collect();
    let interview = merge_by_id(&files, |f| &f.interview, |q| q.id.get_ref(), question_card);
    if all {
        check_references(&checked.parsed, &owners, &defined, &interview, &mut report);
    }

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
        if all {
            check_complete(key, &missing_fields(&chain), &mut report);
        }
        let keys = [key, CodeKey::Class(status.class())];
        if let Some(card) = card_or_default(&keys, &chain, team, default, &owners, &source_of) {
            codes.insert(*code, card);
        }
    }
    let mut classes = BTreeMap::new();
    for class in 1..=5u8 {
        let key = CodeKey::Class(class);
        let chain = entry_chain(&files, &[key]);
        let failed_here = failed.iter().any(|f| f.key == key);
        if chain.is_empty() && !failed_here {
            continue;
        }
        if all {
            check_complete(key, &missing_fields(&chain), &mut report);
        }
        if let Some(card) = card_or_default(&[key], &chain, team, default, &owners, &source_of) {
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
        run_timeout_seconds: checked
            .parsed
            .meta
            .as_ref()
            .and_then(|m| m.run_timeout_seconds)
            .or_else(|| default.parsed.meta.as_ref()?.run_timeout_seconds)
            .unwrap_or(DEFAULT_RUN_TIMEOUT_SECONDS),
        vars: default
            .parsed
            .vars
            .iter()
            .chain(team.map(|t| &t.parsed.vars).into_iter().flatten())
            .map(|(k, v)| (crate::triage::placeholders::key(k), v.clone()))
            .collect(),
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
            .map(|r| (r.pattern.clone(), r.team.get_ref().clone()))
            .collect(),
        timeouts: super::timeouts::merge(&files),
        update_every_minutes: default
            .parsed
            .update_every_minutes
            .iter()
            .chain(
                team.map(|t| &t.parsed.update_every_minutes)
                    .into_iter()
                    .flatten(),
            )
            .map(|(severity, minutes)| (super::merged::severity_key(severity), *minutes))
            .collect(),
        tickets: super::tickets::merge(&files),
    };
    (runbook, report.into_findings())
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
        first_when: q.first_when.iter().map(|c| c.get_ref().clone()).collect(),
        last_when: q.last_when.iter().map(|c| c.get_ref().clone()).collect(),
        skip_when: q.skip_when.iter().map(|c| c.get_ref().clone()).collect(),
        skip_reason: q.skip_reason.clone(),
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

/// The card for `keys[0]` from `chain`; or, when the team's own entry for it did not load or
/// leaves the card unbuildable, the default's card for it (its class advice for a code the
/// default lacks) carrying a record of the broken entry.
fn card_or_default(
    keys: &[CodeKey],
    chain: &[&Spanned<CodeEntry>],
    team: Option<&Loaded>,
    default: &Loaded,
    owners: &BTreeMap<String, OwnerCard>,
    source_of: &impl Fn(CodeKey) -> String,
) -> Option<Card> {
    let key = keys[0];
    let Some(broken) = team.and_then(|team| broken_entry(key, team, chain, owners)) else {
        return build_card(key, chain, owners, source_of(key));
    };
    // Only the default: the team's other entries (its class entry) are not what the banner
    // promises, and one of them may be the reason the card failed.
    let default_chain = entry_chain(&[&default.parsed], keys);
    let has_own = default
        .parsed
        .codes
        .iter()
        .any(|(k, _)| *k.get_ref() == key);
    let mut card = build_card(key, &default_chain, owners, EMBEDDED_NAME.to_owned())?;
    if let (CodeKey::Exact(code), false) = (key, has_own) {
        card.fallback_class = Some(CodeKey::Class(code.class()).to_string());
        if let Some(reason) = super::merged::reason_phrase(code.get()) {
            reason.clone_into(&mut card.title);
        }
    }
    card.broken = Some(broken);
    Some(card)
}

/// The team's entry for `key` when it did not load, or loaded but leaves the card without a
/// field it needs or with an owner nobody defines; `None` when the card builds.
fn broken_entry(
    key: CodeKey,
    team: &Loaded,
    chain: &[&Spanned<CodeEntry>],
    owners: &BTreeMap<String, OwnerCard>,
) -> Option<BrokenEntry> {
    let record = |span: std::ops::Range<usize>, message: String| {
        let at = Diagnostic::at(Severity::Error, &team.path, &team.text, span, "");
        BrokenEntry {
            code: key.to_string(),
            path: team.path.clone(),
            line: at.line,
            col: at.col,
            message,
        }
    };
    if let Some(failed) = team.parsed.failed_codes.iter().find(|f| f.key == key) {
        return Some(record(failed.span.clone(), failed.message.clone()));
    }
    let (_, entry) = team
        .parsed
        .codes
        .iter()
        .find(|(k, _)| *k.get_ref() == key)?;
    let missing = missing_fields(chain);
    let reason = if missing.is_empty() {
        let owner = chain.iter().find_map(|e| e.get_ref().owner.as_ref())?;
        if owners.contains_key(owner.get_ref()) {
            return None;
        }
        format!("unknown owner `{}`", owner.get_ref())
    } else {
        format!("missing {}", missing.join(", "))
    };
    Some(record(entry.span(), reason))
}

/// The fields a card cannot do without that no entry of `chain` supplies.
fn missing_fields(chain: &[&Spanned<CodeEntry>]) -> Vec<&'static str> {
    let supplied = |has: fn(&CodeEntry) -> bool| chain.iter().any(|e| has(e.get_ref()));
    [
        ("title", supplied(|e| e.title.is_some())),
        ("owner", supplied(|e| e.owner.is_some())),
        ("meaning", supplied(|e| e.meaning.is_some())),
        ("look_first", supplied(|e| e.look_first.is_some())),
    ]
    .into_iter()
    .filter(|(_, found)| !found)
    .map(|(name, _)| name)
    .collect()
}

/// The card for `key`, each field from the first entry of `chain` that has it; none when a
/// required field is missing or the owner is unknown, which `validate` reports.
fn build_card(
    key: CodeKey,
    chain: &[&Spanned<CodeEntry>],
    owners: &BTreeMap<String, OwnerCard>,
    source: String,
) -> Option<Card> {
    macro_rules! field {
        ($name:ident) => {
            chain.iter().find_map(|e| e.get_ref().$name.as_ref())
        };
    }
    let owner = owners.get(field!(owner)?.get_ref())?.clone();
    Some(Card {
        code: key.to_string(),
        title: field!(title)?.clone(),
        owner,
        meaning: field!(meaning)?.clone(),
        generated_by: field!(generated_by).cloned().unwrap_or_default(),
        keywords: field!(keywords).cloned().unwrap_or_default(),
        look_first: field!(look_first)?.get_ref().clone(),
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
        broken: None,
    })
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A small default for layering tests, shared with the checks' tests in `validate`.
    pub(in crate::runbook) const DEFAULT: &str = r##"
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

    pub(in crate::runbook) fn layered(team: &str) -> (TeamRunbook, Vec<Diagnostic>) {
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
    fn the_update_cadence_is_the_teams_over_the_defaults_by_severity() {
        let (runbook, findings) = layered(
            "[runbook]\nname = \"Team\"\n[update_every_minutes]\n\"Sev 1\" = 10\ndefault = 45\n",
        );
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(runbook.update_every_minutes("SEV1"), Some(10));
        assert_eq!(runbook.update_every_minutes("sev 1"), Some(10));
        assert_eq!(runbook.update_every_minutes("SEV4"), Some(45));
        assert_eq!(runbook.update_every_minutes(""), Some(45));
        // A team's key overrides the default's however either is written.
        let (default, _) = Loaded::new(
            "default",
            format!("{DEFAULT}\n[update_every_minutes]\nSEV1 = 15\n\"sev\u{a0}2\" = 30\n"),
        );
        for team in [
            "\"Sev 1\" = 10\nSEV2 = 20",
            "\"sev\u{a0}1\" = 10\n\"S E V 2\" = 20",
        ] {
            let (team, _) = Loaded::new(
                "team.toml",
                format!("[runbook]\nname = \"Team\"\n[update_every_minutes]\n{team}\n"),
            );
            let (runbook, _) = team_over_default(&default, Some(&team), None);
            assert_eq!(runbook.update_every_minutes("SEV1"), Some(10), "{team:?}");
            assert_eq!(runbook.update_every_minutes("sev 2"), Some(20), "{team:?}");
        }
        let (bare, _) = layered("[runbook]\nname = \"Team\"\n");
        assert_eq!(
            bare.update_every_minutes("SEV1"),
            None,
            "the test default sets none"
        );
        let (_, findings) = Loaded::new(
            "team.toml",
            "[runbook]\nname = \"Team\"\n[update_every_minutes]\nSEV1 = 0\nSEV2 = \"soon\"\n",
        );
        let messages: Vec<String> = findings
            .iter()
            .map(|f| format!("{}:{} {}", f.line, f.col, f.message))
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("4:8 `SEV1` is 0 minutes")),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.starts_with("5:8 ")),
            "{messages:?}"
        );
    }

    /// Layers `team` without asserting it is clean: the entries under test are broken.
    fn layered_with_findings(team: &str) -> (TeamRunbook, Vec<Diagnostic>) {
        let (default, _) = Loaded::new("default", DEFAULT);
        let (team, _) = Loaded::new("team.toml", team);
        team_over_default(&default, Some(&team), None)
    }

    #[test]
    fn an_entry_with_an_unknown_key_is_recorded_and_the_card_is_the_defaults() {
        let team = "[runbook]\nname = \"Team\"\n\n[codes.502]\nchecks = [\"team check\"]\nlook_frist = []\n";
        let (runbook, _) = layered_with_findings(team);
        let card = &runbook.codes[&502];
        assert_eq!(
            card.checks,
            ["default check"],
            "the default's advice, not half the team's"
        );
        assert_eq!(card.source, EMBEDDED_NAME);
        assert_eq!(card.fallback_class, None);
        let broken = card.broken.as_ref().expect("the failure is recorded");
        assert_eq!(broken.code, "502");
        assert_eq!(broken.path, "team.toml");
        assert_eq!((broken.line, broken.col), (4, 1), "the entry's header");
        assert!(
            broken.message.starts_with("unknown field `look_frist`"),
            "{}",
            broken.message
        );
    }

    #[test]
    fn a_team_only_entry_with_an_unknown_owner_keeps_a_card_of_class_advice() {
        let team =
            "[runbook]\nname = \"Team\"\n[codes.402]\ntitle = \"Declined\"\nowner = \"ghost\"\n";
        let (runbook, findings) = layered_with_findings(team);
        assert!(
            findings
                .iter()
                .any(|d| d.message.contains("unknown owner `ghost`"))
        );
        let card = runbook.card(402).expect("the code keeps a card");
        assert_eq!(card.title, "Payment Required");
        assert_eq!(card.meaning, "Something about the request.");
        assert_eq!(card.fallback_class.as_deref(), Some("4xx"));
        let broken = card.broken.expect("recorded");
        assert_eq!((broken.line, broken.col), (3, 1));
        assert_eq!(broken.message, "unknown owner `ghost`");
    }

    #[test]
    fn a_default_code_with_an_unknown_owner_is_not_dropped() {
        let (runbook, _) =
            layered_with_findings("[runbook]\nname = \"Team\"\n[codes.502]\nowner = \"ghost\"\n");
        let card = &runbook.codes[&502];
        assert_eq!(card.owner.id, "platform");
        assert_eq!(card.title, "Bad Gateway");
        assert_eq!(
            card.broken.as_ref().map(|b| b.message.as_str()),
            Some("unknown owner `ghost`")
        );
    }

    #[test]
    fn an_entry_whose_value_has_the_wrong_type_is_recorded_too() {
        let team = "[runbook]\nname = \"Team\"\n[codes.502]\ncauses = \"one\"\n";
        let (runbook, _) = layered_with_findings(team);
        let broken = runbook.codes[&502].broken.clone().expect("recorded");
        assert!(
            broken.message.contains("invalid type"),
            "{}",
            broken.message
        );
    }

    #[test]
    fn a_broken_class_entry_is_recorded_on_the_class_card_and_its_fallbacks() {
        let team = "[runbook]\nname = \"Team\"\n[codes.4xx]\nowner = \"api\"\ntypo = 1\n";
        let (runbook, _) = layered_with_findings(team);
        assert_eq!(
            runbook.classes[&4].broken.as_ref().map(|b| b.code.as_str()),
            Some("4xx")
        );
        let fallback = runbook.card(418).expect("class advice");
        assert_eq!(fallback.broken.map(|b| b.code), Some("4xx".to_owned()));
    }

    #[test]
    fn entries_that_load_carry_no_record() {
        let (runbook, findings) = layered(
            "[runbook]\nname = \"Team\"\n[codes.502]\nchecks = [\"team check\"]\n[codes.402]\ntitle = \"Declined\"\n",
        );
        assert!(findings.is_empty(), "{findings:?}");
        assert!(runbook.codes.values().all(|c| c.broken.is_none()));
        assert!(runbook.classes.values().all(|c| c.broken.is_none()));
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
}
