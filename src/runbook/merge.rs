//! Layering a team file over the embedded default into one `TeamRunbook`: a team's code entry
//! replaces only the fields it lists, falling back to the default's entry and then to the class
//! entry; owners, comparisons, scenarios, questions and redaction patterns replace the default's
//! of the same id. The file that was added is checked on the way (see `validate`).

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use toml::Spanned;

use super::diagnostic::Diagnostic;
use super::load::EMBEDDED_NAME;
use super::merged::{
    Card, CauseCard, ComparisonCard, OptionCard, OwnerCard, QuestionCard, ScenarioCard, SideCard,
    TeamRunbook,
};
use super::model::{CodeEntry, Question, StatusCode};
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
    let defined: BTreeSet<u16> = files
        .iter()
        .flat_map(|f| f.codes.iter())
        .filter_map(|(key, _)| match key.get_ref() {
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
        if let Some(card) = build_card(key, &chain, &owners, source_of(key)) {
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
        if all {
            check_complete(key, &missing_fields(&chain), &mut report);
        }
        if let Some(card) = build_card(key, &chain, &owners, source_of(key)) {
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
