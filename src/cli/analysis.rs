//! Output of `kgx stats --centrality` and `kgx timeline`: the headless
//! twins of the explorer's statistics and timeline views, as text or JSON.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Output;
use super::text::{clip, plural};
use crate::export;
use crate::graph::{Centrality, Dated, KnowledgeGraph, Moment, NodeIndex};
use crate::model::Begun;

/// Actors ranked for the centrality table: by PageRank, then betweenness,
/// then file order.
pub fn ranked(graph: &KnowledgeGraph, centrality: &Centrality, top: usize) -> Vec<NodeIndex> {
    let mut nodes: Vec<NodeIndex> = graph
        .actors()
        .map(|(node, _)| node)
        .filter(|node| centrality.component[node.index()] > 0)
        .collect();
    nodes.sort_by(|a, b| {
        let (a, b) = (a.index(), b.index());
        centrality.pagerank[b]
            .total_cmp(&centrality.pagerank[a])
            .then(centrality.betweenness[b].total_cmp(&centrality.betweenness[a]))
            .then(a.cmp(&b))
    });
    nodes.truncate(top);
    nodes
}

/// The centrality table under `kgx stats`.
pub fn centrality_text(
    graph: &KnowledgeGraph,
    centrality: &Centrality,
    top: usize,
    output: &mut Output<'_>,
) -> io::Result<()> {
    let out = &mut output.out;
    let estimated = match centrality.betweenness_sources {
        Some(count) => format!(" (betweenness estimated from {count} evenly spread actors)"),
        None => String::new(),
    };
    writeln!(out, "\nCentrality, by PageRank{estimated}")?;
    let nodes = ranked(graph, centrality, top);
    let names: Vec<String> = nodes
        .iter()
        .map(|&n| clip(&graph.actor(n).name, 36))
        .collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(4);
    writeln!(
        out,
        "  {:>3}  {:<width$}  {:>8}  {:>7}  {:>4}  {:>7}  {:>9}",
        "#", "name", "pagerank", "between", "comp", "balance", "coop/host"
    )?;
    for (rank, (node, name)) in nodes.iter().zip(names).enumerate() {
        let i = node.index();
        writeln!(
            out,
            "  {:>3}  {:<width$}  {:>8.4}  {:>7.3}  {:>4}  {:>+7}  {:>9}",
            rank + 1,
            name,
            centrality.pagerank[i],
            centrality.betweenness[i],
            centrality.component[i],
            centrality.balance[i],
            format!("{}/{}", centrality.cooperative[i], centrality.hostile[i]),
        )?;
    }
    Ok(())
}

/// The centrality table as JSON, for `kgx stats --centrality --json`.
pub fn centrality_json(graph: &KnowledgeGraph, centrality: &Centrality, top: usize) -> Value {
    json!({
        "betweenness_sources": centrality.betweenness_sources,
        "actors": ranked(graph, centrality, top).into_iter().map(|node| {
            let i = node.index();
            let actor = graph.actor(node);
            json!({
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind.name(),
                "pagerank": centrality.pagerank[i],
                "betweenness": centrality.betweenness[i],
                "component": centrality.component[i],
                "cooperative": centrality.cooperative[i],
                "hostile": centrality.hostile[i],
                "balance": centrality.balance[i],
            })
        }).collect::<Vec<_>>(),
    })
}

/// One line per dated relation or event, oldest first.
pub fn timeline_text(
    graph: &KnowledgeGraph,
    moments: &[Moment],
    heading: &str,
    output: &mut Output<'_>,
) -> io::Result<()> {
    let out = &mut output.out;
    writeln!(
        out,
        "{heading}: {}",
        plural(moments.len(), "dated entry", "dated entries")
    )?;
    let width = moments
        .iter()
        .map(|m| m.date_text().chars().count())
        .max()
        .unwrap_or(0);
    for moment in moments {
        let when = moment.date_text();
        match moment.item {
            Dated::Relation(edge) => {
                let relation = graph.relation(edge);
                let (from, to) = graph.ends(edge);
                let arrow = relation.arrow();
                writeln!(
                    out,
                    "  {when:<width$}  {} {arrow} {} {arrow} {} ({})",
                    graph.actor(from).name,
                    relation.phrase(),
                    graph.actor(to).name,
                    relation.status().name().to_lowercase(),
                )?;
            }
            Dated::Actor(node) => {
                let actor = graph.actor(node);
                writeln!(out, "  {when:<width$}  {} ({})", actor.name, actor.kind)?;
            }
        }
    }
    Ok(())
}

/// The timeline as JSON: each entry with its date, whether it had begun by
/// the "as of" date (`"maybe"` where the text marks it `≈`), and either the
/// relation or the actor.
pub fn timeline_json(graph: &KnowledgeGraph, moments: &[Moment], as_of: Option<String>) -> Value {
    json!({
        "as_of": as_of,
        "entries": moments.iter().map(|moment| match moment.item {
            Dated::Relation(edge) => json!({
                "date": moment.when.to_string(),
                "begun": begun_name(moment.begun),
                "relation": export::relation_json(&graph.relation(edge).to_relation()),
            }),
            Dated::Actor(node) => json!({
                "date": moment.when.to_string(),
                "begun": begun_name(moment.begun),
                "actor": export::actor_json(graph.actor(node)),
            }),
        }).collect::<Vec<_>>(),
    })
}

/// How the JSON says whether an entry had begun by the "as of" date.
fn begun_name(begun: Begun) -> &'static str {
    match begun {
        Begun::Yes => "yes",
        Begun::Maybe => "maybe",
        Begun::No => "no",
    }
}
