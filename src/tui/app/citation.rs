//! The text `y` and `Y` copy: the selected relation as a citation a person
//! can paste into a report, and an actor's card. Plain text, made safe,
//! since it may be pasted into another terminal.

use crate::graph::{EdgeIndex, KnowledgeGraph, NodeIndex};
use crate::safe_text;

/// The relation as a citation: who did what to whom, when, how well
/// attested, then each quote with whose claim it is and its source.
pub(super) fn relation(graph: &KnowledgeGraph, edge: EdgeIndex) -> String {
    let relation = graph.relation(edge);
    let (subject, object) = graph.ends(edge);
    let date = relation
        .date()
        .map_or_else(|| "undated".to_owned(), |date| date.to_string());
    let mut text = format!(
        "{} {arrow} {} {arrow} {} ({date}, {})",
        graph.actor(subject).name,
        relation.phrase(),
        graph.actor(object).name,
        relation.status(),
        arrow = relation.arrow(),
    );
    for item in relation.evidence().iter() {
        text.push('\n');
        if let Some(who) = item.attributed_to() {
            text.push_str(&format!("according to {}: ", graph.name_of(who)));
        }
        text.push_str(&format!("“{}”", item.quote()));
        match graph.source(item.source()) {
            Some(source) => {
                text.push_str(&format!(" — {}", source.title));
                for detail in [source.publisher.clone(), source.date.map(|d| d.to_string())]
                    .into_iter()
                    .flatten()
                {
                    text.push_str(&format!(", {detail}"));
                }
                if let Some(url) = &source.url {
                    text.push_str(&format!(", {url}"));
                }
            }
            None => text.push_str(&format!(" — {}", item.source())),
        }
    }
    safe_text::safe_lines(&text).into_owned()
}

/// The actor's card: name, kind, id, date, aliases, roles and summary.
pub(super) fn actor(graph: &KnowledgeGraph, node: NodeIndex) -> String {
    let actor = graph.actor(node);
    let mut lines = vec![format!("{} ({}, id {})", actor.name, actor.kind, actor.id)];
    if let Some(date) = actor.date {
        lines.push(format!("date: {date}"));
    }
    if !actor.aliases.is_empty() {
        lines.push(format!("also known as: {}", actor.aliases.join(", ")));
    }
    for role in &actor.roles {
        lines.push(format!("role: {}", graph.describe_role(role)));
    }
    if let Some(summary) = &actor.summary {
        lines.push(summary.clone());
    }
    for (base, id) in actor.external_ids.iter().chain(&actor.attributes) {
        lines.push(format!("{base}: {id}"));
    }
    safe_text::safe_lines(&lines.join("\n")).into_owned()
}
