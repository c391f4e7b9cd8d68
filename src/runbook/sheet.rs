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
    if let Some(class) = &card.fallback_class {
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
        text: runbook_name.to_owned(),
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
                },
                Example {
                    name: "through the gateway".into(),
                    kind: ExampleKind::Failing,
                    request: "curl bad".into(),
                    expect: crate::code::StatusCode::new(502).expect("valid"),
                    note: Some("HTML body".into()),
                },
            ],
            source: "embedded default".into(),
            fallback_class: None,
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
            owners: std::collections::BTreeMap::new(),
            codes: std::collections::BTreeMap::new(),
            classes: std::collections::BTreeMap::from([(5, class)]),
            comparisons: Vec::new(),
            scenarios: Vec::new(),
            interview: Vec::new(),
            redact: Vec::new(),
            routes: Vec::new(),
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
}
