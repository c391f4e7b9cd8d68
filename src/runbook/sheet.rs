//! A card as it is read: the parts of one code's card in reading order, each with its label.
//!
//! `api-triage explain` (`cli::text`) and the app's card screen both walk the same [`Sheet`],
//! so they show the same labels, in the same order, with the same content; each renderer only
//! decides layout and style, and its own way to say how to compare. The compare columns and
//! the matrix preview show fewer parts, under the same labels.
//!
//! Plain data: nothing here is sanitized. Every renderer passes the texts through
//! `crate::text::visible` on their way out, as it does for any other text.

use super::model::{ExampleKind, Layer};
use super::{Card, OwnerCard};

/// The labels a card is read by, each written once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Owner,
    ReturnedBy,
    Runbook,
    LookFirst,
    Causes,
    Checks,
    Examples,
    Needs,
    ConfusedWith,
}

impl Label {
    /// Every label, in the order a full card shows them.
    pub const ALL: [Label; 9] = [
        Label::Owner,
        Label::ReturnedBy,
        Label::Runbook,
        Label::LookFirst,
        Label::Causes,
        Label::Checks,
        Label::Examples,
        Label::Needs,
        Label::ConfusedWith,
    ];

    pub const fn text(self) -> &'static str {
        match self {
            Label::Owner => "Owner",
            Label::ReturnedBy => "Usually returned by",
            Label::Runbook => "Runbook",
            Label::LookFirst => "First three places to look",
            Label::Causes => "Likely causes",
            Label::Checks => "Checks",
            Label::Examples => "Example requests",
            Label::Needs => "Collect before escalating",
            Label::ConfusedWith => "Often confused with",
        }
    }
}

/// One piece of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The team's entry for the code did not load: where it is, why, and whose advice the
    /// card shows instead. First on the card, so it is read before the advice.
    Banner(String),
    /// The card is the advice of the code's class: the code has no entry of its own.
    FallbackNotice(String),
    /// A labelled fact: who owns the code, which layers return it, which runbook says so,
    /// what to collect.
    Fact { label: Label, text: String },
    /// What the code usually means.
    Meaning(String),
    /// One of the first places to look, and the command that looks there.
    Step {
        number: usize,
        what: String,
        command: String,
    },
    /// A likely cause, most likely first.
    Cause(String),
    /// A check to work through, in order.
    Check { number: usize, text: String },
    /// An example request.
    Example {
        kind: ExampleKind,
        /// "good" or "failing".
        kind_label: &'static str,
        /// The example's name and the code it returns: "known good (expect 200)".
        summary: String,
        request: String,
        note: Option<String>,
    },
    /// The codes this one is often confused with; each renderer says how to compare them
    /// with `code`.
    ConfusedWith { code: String, others: Vec<u16> },
}

/// Parts read together, under a heading or none. Renderers set sections apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: Option<Label>,
    pub parts: Vec<Part>,
}

/// One code's card as it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// "502", or the code a class's advice is shown for.
    pub code: String,
    pub title: String,
    /// In reading order; a section with nothing to show is left out.
    pub sections: Vec<Section>,
}

impl Sheet {
    /// The card's heading: "502 Bad Gateway".
    pub fn heading(&self) -> String {
        format!("{} {}", self.code, self.title)
    }

    /// Every part, in reading order.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.sections.iter().flat_map(|s| s.parts.iter())
    }

    /// The labels the card shows, in order: headings, facts and the look-alikes.
    pub fn labels(&self) -> Vec<Label> {
        let mut labels = Vec::new();
        for section in &self.sections {
            labels.extend(section.heading);
            for part in &section.parts {
                match part {
                    Part::Fact { label, .. } => labels.push(*label),
                    Part::ConfusedWith { .. } => labels.push(Label::ConfusedWith),
                    _ => {}
                }
            }
        }
        labels
    }

    /// The text of the fact labelled `label`, when the card has it.
    pub fn fact(&self, label: Label) -> Option<&str> {
        self.parts().find_map(|part| match part {
            Part::Fact { label: l, text } if *l == label => Some(text.as_str()),
            _ => None,
        })
    }

    /// The banner of a team entry that did not load, when the card has one.
    pub fn banner(&self) -> Option<&str> {
        self.parts().find_map(|part| match part {
            Part::Banner(text) => Some(text.as_str()),
            _ => None,
        })
    }

    /// The parts under the heading `label` (empty when the card has no such section).
    pub fn under(&self, label: Label) -> &[Part] {
        self.sections
            .iter()
            .find(|s| s.heading == Some(label))
            .map_or(&[], |s| s.parts.as_slice())
    }
}

/// The card of one code as it is read, from the runbook named `runbook_name`.
pub fn sheet(card: &Card, runbook_name: &str) -> Sheet {
    let mut sections = Vec::new();
    let mut about = Vec::new();
    let banner = banner_text(card);
    // A broken entry of the code itself says why there is class advice; the notice that no
    // entry exists would contradict it.
    let own_broken = card.broken.as_ref().is_some_and(|b| b.code == card.code);
    about.extend(banner.map(Part::Banner));
    if let Some(class) = card.fallback_class.as_ref().filter(|_| !own_broken) {
        about.push(Part::FallbackNotice(format!(
            "No entry for {} in the runbook: showing the advice for {class}.",
            card.code
        )));
    }
    about.push(Part::Fact {
        label: Label::Owner,
        text: owner_text(&card.owner),
    });
    if !card.generated_by.is_empty() {
        about.push(Part::Fact {
            label: Label::ReturnedBy,
            text: layers_text(&card.generated_by),
        });
    }
    about.push(Part::Fact {
        label: Label::Runbook,
        text: runbook_text(card, runbook_name),
    });
    push(&mut sections, None, about);
    push(
        &mut sections,
        None,
        vec![Part::Meaning(card.meaning.clone())],
    );
    push(
        &mut sections,
        Some(Label::LookFirst),
        card.look_first
            .iter()
            .enumerate()
            .map(|(i, look)| Part::Step {
                number: i + 1,
                what: look.what.clone(),
                command: look.how.clone(),
            })
            .collect(),
    );
    push(
        &mut sections,
        Some(Label::Causes),
        card.causes
            .iter()
            .map(|c| Part::Cause(c.text.clone()))
            .collect(),
    );
    push(
        &mut sections,
        Some(Label::Checks),
        card.checks
            .iter()
            .enumerate()
            .map(|(i, check)| Part::Check {
                number: i + 1,
                text: check.clone(),
            })
            .collect(),
    );
    push(
        &mut sections,
        Some(Label::Examples),
        card.examples
            .iter()
            .map(|e| Part::Example {
                kind: e.kind,
                kind_label: match e.kind {
                    ExampleKind::Good => "good",
                    ExampleKind::Failing => "failing",
                },
                summary: format!("{} (expect {})", e.name, e.expect),
                request: e.request.clone(),
                note: e.note.clone(),
            })
            .collect(),
    );
    let mut closing = Vec::new();
    if !card.needs.is_empty() {
        let needs: Vec<&str> = card.needs.iter().map(|n| n.label()).collect();
        closing.push(Part::Fact {
            label: Label::Needs,
            text: needs.join(", "),
        });
    }
    if !card.compare.is_empty() {
        closing.push(Part::ConfusedWith {
            code: card.code.clone(),
            others: card.compare.clone(),
        });
    }
    push(&mut sections, None, closing);
    Sheet {
        code: card.code.clone(),
        title: card.title.clone(),
        sections,
    }
}

/// What the card says when the team's entry for its code (or its class) did not load:
/// "payments.toml:58:1: this team's entry for 502 did not load (unknown key `look_frist`);
/// showing the default advice."
pub fn banner_text(card: &Card) -> Option<String> {
    let broken = card.broken.as_ref()?;
    let head = format!(
        "{}: this team's entry for {} did not load ({})",
        broken.location(),
        broken.code,
        short_reason(&broken.message)
    );
    Some(match &card.fallback_class {
        Some(class) if broken.code == card.code => format!(
            "{head}. None of the team's advice for {} is shown: this is the default's advice \
             for {class} until the entry is fixed.",
            card.code
        ),
        _ => format!("{head}; showing the default advice."),
    })
}

/// The runbook a card's advice is from: the team's, or the default's where the team's entry
/// did not load (never the team's name over advice that is not the team's).
fn runbook_text(card: &Card, runbook_name: &str) -> String {
    match &card.broken {
        Some(_) => format!("{} ({runbook_name}'s entry did not load)", card.source),
        None => runbook_name.to_owned(),
    }
}

/// A reason short enough for a banner: serde's "unknown field `x`, expected one of …" lists
/// every field, which `check` shows in full.
fn short_reason(message: &str) -> String {
    match message.strip_prefix("unknown field ") {
        Some(rest) => {
            let name = rest.split(", expected").next().unwrap_or(rest);
            format!("unknown key {name}")
        }
        None => message.to_owned(),
    }
}

fn push(sections: &mut Vec<Section>, heading: Option<Label>, parts: Vec<Part>) {
    if !parts.is_empty() {
        sections.push(Section { heading, parts });
    }
}

/// Who owns a code and how to reach them: "Platform team · #platform-oncall · escalate: …".
pub fn owner_text(owner: &OwnerCard) -> String {
    let mut text = format!("{} · {}", owner.name, owner.contact);
    if let Some(escalation) = &owner.escalation {
        text.push_str(" · escalate: ");
        text.push_str(escalation);
    }
    text
}

/// The layers that usually return a code: "gateway, load balancer, CDN".
pub fn layers_text(layers: &[Layer]) -> String {
    layers
        .iter()
        .map(|l| l.label())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runbook::merged::CauseCard;
    use crate::runbook::model::{Example, LookFirst, Need};

    fn full_card() -> Card {
        Card {
            code: "502".into(),
            title: "Bad Gateway".into(),
            owner: OwnerCard {
                id: "platform".into(),
                name: "Platform team".into(),
                contact: "#platform-oncall".into(),
                escalation: Some("Page platform-primary".into()),
            },
            meaning: "The proxy got no usable reply.".into(),
            generated_by: vec![Layer::Gateway, Layer::LoadBalancer],
            keywords: vec!["upstream".into()],
            look_first: (1..=3)
                .map(|i| LookFirst {
                    what: format!("place {i}"),
                    how: format!("look {i}"),
                    allow_write: false,
                    run: None,
                    timeout_seconds: None,
                })
                .collect(),
            causes: vec![CauseCard {
                text: "pods restart".into(),
                when: Vec::new(),
            }],
            checks: vec!["first check".into(), "second check".into()],
            compare: vec![503, 504],
            needs: vec![Need::Timestamp, Need::GatewayLogs],
            examples: vec![
                Example {
                    name: "known good".into(),
                    kind: ExampleKind::Good,
                    request: "curl good".into(),
                    expect: crate::code::StatusCode::new(200).expect("valid"),
                    note: None,
                    run: None,
                    timeout_seconds: None,
                },
                Example {
                    name: "through the gateway".into(),
                    kind: ExampleKind::Failing,
                    request: "curl bad".into(),
                    expect: crate::code::StatusCode::new(502).expect("valid"),
                    note: Some("HTML body".into()),
                    run: None,
                    timeout_seconds: None,
                },
            ],
            source: "embedded default".into(),
            fallback_class: None,
            broken: None,
        }
    }

    #[test]
    fn a_full_card_reads_in_one_order_under_one_set_of_labels() {
        let sheet = sheet(&full_card(), "Default");
        assert_eq!(sheet.heading(), "502 Bad Gateway");
        assert_eq!(sheet.labels(), Label::ALL);
        let headings: Vec<Option<Label>> = sheet.sections.iter().map(|s| s.heading).collect();
        assert_eq!(
            headings,
            [
                None,
                None,
                Some(Label::LookFirst),
                Some(Label::Causes),
                Some(Label::Checks),
                Some(Label::Examples),
                None,
            ]
        );
        assert_eq!(
            sheet.sections[0].parts,
            [
                Part::Fact {
                    label: Label::Owner,
                    text: "Platform team · #platform-oncall · escalate: Page platform-primary"
                        .into(),
                },
                Part::Fact {
                    label: Label::ReturnedBy,
                    text: "gateway, load balancer".into(),
                },
                Part::Fact {
                    label: Label::Runbook,
                    text: "Default".into(),
                },
            ]
        );
        assert_eq!(
            sheet.sections[1].parts,
            [Part::Meaning("The proxy got no usable reply.".into())]
        );
        assert_eq!(
            sheet.under(Label::LookFirst)[2],
            Part::Step {
                number: 3,
                what: "place 3".into(),
                command: "look 3".into(),
            }
        );
        assert_eq!(
            sheet.under(Label::Causes),
            [Part::Cause("pods restart".into())]
        );
        assert_eq!(
            sheet.under(Label::Checks)[1],
            Part::Check {
                number: 2,
                text: "second check".into(),
            }
        );
        assert_eq!(
            sheet.under(Label::Examples)[1],
            Part::Example {
                kind: ExampleKind::Failing,
                kind_label: "failing",
                summary: "through the gateway (expect 502)".into(),
                request: "curl bad".into(),
                note: Some("HTML body".into()),
            }
        );
        assert_eq!(
            sheet.sections[6].parts,
            [
                Part::Fact {
                    label: Label::Needs,
                    text: "timestamp, gateway logs".into(),
                },
                Part::ConfusedWith {
                    code: "502".into(),
                    others: vec![503, 504],
                },
            ]
        );
        assert_eq!(sheet.fact(Label::Runbook), Some("Default"));
        assert!(!sheet.parts().any(|p| matches!(p, Part::FallbackNotice(_))));
    }

    #[test]
    fn a_class_card_says_first_that_it_is_the_class_advice_and_leaves_out_what_it_lacks() {
        let mut class = full_card();
        class.code = "5xx".into();
        class.title = "Server error".into();
        class.generated_by.clear();
        class.owner.escalation = None;
        class.causes.clear();
        class.checks.clear();
        class.examples.clear();
        class.needs.clear();
        let runbook = crate::runbook::TeamRunbook {
            name: "Default".into(),
            maintainers: None,
            source: "embedded default".into(),
            is_default: true,
            reviewed: None,
            review_every_days: None,
            audience: None,
            issuer: None,
            run_timeout_seconds: 60,
            vars: std::collections::BTreeMap::new(),
            owners: std::collections::BTreeMap::new(),
            codes: std::collections::BTreeMap::new(),
            classes: std::collections::BTreeMap::from([(5, class)]),
            comparisons: Vec::new(),
            scenarios: Vec::new(),
            interview: Vec::new(),
            redact: Vec::new(),
            routes: Vec::new(),
            timeouts: Vec::new(),
            update_every_minutes: std::collections::BTreeMap::new(),
            tickets: crate::runbook::tickets::TicketSettings::default(),
        };
        let card = runbook.card(527).expect("class advice");
        let sheet = sheet(&card, &runbook.name);
        assert_eq!(sheet.code, "527");
        assert_eq!(
            sheet.sections[0].parts[0],
            Part::FallbackNotice(
                "No entry for 527 in the runbook: showing the advice for 5xx.".into()
            )
        );
        assert_eq!(
            sheet.fact(Label::Owner),
            Some("Platform team · #platform-oncall")
        );
        assert_eq!(
            sheet.labels(),
            [
                Label::Owner,
                Label::Runbook,
                Label::LookFirst,
                Label::ConfusedWith
            ]
        );
        assert!(sheet.under(Label::Causes).is_empty());
        assert_eq!(
            sheet.parts().last(),
            Some(&Part::ConfusedWith {
                code: "527".into(),
                others: vec![503, 504],
            })
        );
    }

    fn broken(code: &str) -> crate::runbook::BrokenEntry {
        crate::runbook::BrokenEntry {
            code: code.into(),
            path: "teams/payments.toml".into(),
            line: 58,
            col: 1,
            message: "unknown field `look_frist`, expected one of `title`, `owner`".into(),
        }
    }

    #[test]
    fn a_card_whose_team_entry_did_not_load_says_so_first_and_names_the_default() {
        let mut card = full_card();
        card.broken = Some(broken("502"));
        let sheet = sheet(&card, "Payments API");
        let banner = "teams/payments.toml:58:1: this team's entry for 502 did not load \
                      (unknown key `look_frist`); showing the default advice.";
        assert_eq!(sheet.sections[0].parts[0], Part::Banner(banner.into()));
        assert_eq!(sheet.banner(), Some(banner));
        assert_eq!(
            sheet.fact(Label::Runbook),
            Some("embedded default (Payments API's entry did not load)")
        );
        // Everything else is still there, in the same order.
        assert_eq!(sheet.labels(), Label::ALL);
    }

    #[test]
    fn a_team_only_code_that_did_not_load_says_whose_advice_it_shows_not_no_entry() {
        let mut card = full_card();
        card.code = "402".into();
        card.fallback_class = Some("4xx".into());
        card.broken = Some(crate::runbook::BrokenEntry {
            message: "unknown owner `paymnts`".into(),
            ..broken("402")
        });
        let sheet = sheet(&card, "Payments API");
        let banner = sheet.banner().expect("a banner");
        assert!(
            banner.contains("entry for 402 did not load (unknown owner `paymnts`)"),
            "{banner}"
        );
        assert!(banner.contains("the default's advice for 4xx"), "{banner}");
        assert!(!sheet.parts().any(|p| matches!(p, Part::FallbackNotice(_))));
    }

    #[test]
    fn a_fallback_card_of_a_broken_class_entry_keeps_both_notices() {
        let mut card = full_card();
        card.code = "507".into();
        card.fallback_class = Some("5xx".into());
        card.broken = Some(broken("5xx"));
        let sheet = sheet(&card, "Payments API");
        assert!(
            sheet
                .banner()
                .is_some_and(|b| b.contains("entry for 5xx did not load"))
        );
        assert!(matches!(
            sheet.sections[0].parts[1],
            Part::FallbackNotice(_)
        ));
    }

    #[test]
    fn a_card_that_loaded_has_no_banner_and_the_teams_name() {
        let sheet = sheet(&full_card(), "Payments API");
        assert_eq!(sheet.banner(), None);
        assert_eq!(sheet.fact(Label::Runbook), Some("Payments API"));
    }
}
