//! Plain-text output of the headless commands: readable in a terminal,
//! stable enough to diff, free of colour so it pipes cleanly.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Output;
use crate::graph::{Direction, KnowledgeGraph, NodeIndex, Path, PathOptions, RelationRef};
use crate::model::{Actor, Stance, Status};

/// How many of each thing the graph holds, in display order.
pub struct Counts {
    pub actor_kinds: Vec<(String, usize)>,
    pub relation_kinds: Vec<(String, usize)>,
    pub statuses: Vec<(String, usize)>,
    pub stances: Vec<(String, usize)>,
}

impl Counts {
    /// Counts over the whole graph; kinds by count (largest first, then by
    /// name), statuses and stances in their scale order.
    pub fn of(graph: &KnowledgeGraph) -> Counts {
        let mut actor_kinds: BTreeMap<String, usize> = BTreeMap::new();
        for (_, actor) in graph.actors() {
            *actor_kinds.entry(actor.kind.name().to_owned()).or_default() += 1;
        }
        let mut relation_kinds: BTreeMap<String, usize> = BTreeMap::new();
        let mut statuses: BTreeMap<Status, usize> = BTreeMap::new();
        let mut stances: BTreeMap<Stance, usize> = BTreeMap::new();
        for (_, relation) in graph.relations() {
            *relation_kinds
                .entry(relation.kind().to_owned())
                .or_default() += 1;
            *statuses.entry(relation.status()).or_default() += 1;
            *stances.entry(relation.stance()).or_default() += 1;
        }
        Counts {
            actor_kinds: by_count(actor_kinds),
            relation_kinds: by_count(relation_kinds),
            statuses: statuses
                .into_iter()
                .map(|(s, n)| (s.name().to_owned(), n))
                .collect(),
            stances: stances
                .into_iter()
                .map(|(s, n)| (s.name().to_owned(), n))
                .collect(),
        }
    }
}

fn by_count(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

/// The `top` actors with the most relations; ties keep file order.
pub fn most_connected(graph: &KnowledgeGraph, top: usize) -> Vec<NodeIndex> {
    let mut nodes: Vec<NodeIndex> = graph.actors().map(|(node, _)| node).collect();
    nodes.sort_by_key(|&node| std::cmp::Reverse(graph.degree(node).total()));
    nodes.truncate(top);
    nodes
}

/// The lower-case word for a direction, used in JSON.
pub fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Outgoing => "outgoing",
        Direction::Incoming => "incoming",
        Direction::Mutual => "mutual",
    }
}

pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The headline numbers and where to go next; what `kgx` prints with no
/// command.
pub fn overview(graph: &KnowledgeGraph, output: &mut Output<'_>) -> io::Result<()> {
    let out = &mut output.out;
    writeln!(out, "{}", graph.title())?;
    if let Some(description) = graph.description() {
        writeln!(out, "{description}")?;
    }
    writeln!(out)?;
    summary_line(graph, out)?;
    let top: Vec<String> = most_connected(graph, 5)
        .into_iter()
        .map(|node| graph.actor(node).name.clone())
        .collect();
    writeln!(out, "Most connected: {}", top.join(", "))?;
    writeln!(out)?;
    writeln!(
        out,
        "Next: kgx stats · kgx show ACTOR · kgx path FROM TO · kgx --help"
    )
}

fn summary_line(graph: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{} · {} · {} · {}",
        plural(graph.actor_count(), "actor", "actors"),
        plural(graph.relation_count(), "relation", "relations"),
        plural(graph.sources().len(), "source", "sources"),
        plural(
            graph.components().len(),
            "connected component",
            "connected components"
        ),
    )
}

/// Counts by kind, status and stance, the most connected actors and the
/// components.
pub fn stats(graph: &KnowledgeGraph, top: usize, output: &mut Output<'_>) -> io::Result<()> {
    let out = &mut output.out;
    let counts = Counts::of(graph);
    writeln!(out, "{}", graph.title())?;
    summary_line(graph, out)?;
    table(out, "Actors by kind", &counts.actor_kinds)?;
    table(out, "Relations by kind", &counts.relation_kinds)?;
    table(out, "Relations by status", &counts.statuses)?;
    table(out, "Relations by stance", &counts.stances)?;

    writeln!(out, "\nMost connected")?;
    let ranked = most_connected(graph, top);
    let labels: Vec<String> = ranked
        .iter()
        .map(|&n| clip(&label(graph.actor(n)), 44))
        .collect();
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    for (rank, (node, name)) in ranked.into_iter().zip(labels).enumerate() {
        let actor = graph.actor(node);
        let degree = graph.degree(node);
        writeln!(
            out,
            "  {:>2}. {:<width$}  {:<12} {:>3} relations ({degree})",
            rank + 1,
            name,
            actor.kind.name(),
            degree.total(),
        )?;
    }

    writeln!(out, "\nComponents")?;
    for (index, members) in graph.components().iter().enumerate() {
        let names: Vec<&str> = members
            .iter()
            .take(4)
            .map(|&n| graph.actor(n).name.as_str())
            .collect();
        let more = if members.len() > 4 { ", …" } else { "" };
        writeln!(
            out,
            "  {:>2}. {}: {}{more}",
            index + 1,
            plural(members.len(), "actor", "actors"),
            names.join(", ")
        )?;
    }
    Ok(())
}

fn table(out: &mut dyn Write, title: &str, rows: &[(String, usize)]) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    let width = rows
        .iter()
        .map(|(name, _)| name.chars().count())
        .max()
        .unwrap_or(0);
    for (name, count) in rows {
        writeln!(out, "  {name:<width$}  {count:>4}")?;
    }
    Ok(())
}

/// Cuts `text` to `max` characters, marking the cut with an ellipsis.
pub(super) fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(max.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

/// "Name [id]": how an actor is named where the id may be needed next.
pub fn label(actor: &Actor) -> String {
    format!("{} [{}]", actor.name, actor.id)
}

/// Everything known about one actor, then its relations by direction,
/// each with date, status, stance and evidence.
pub fn card(graph: &KnowledgeGraph, node: NodeIndex, output: &mut Output<'_>) -> io::Result<()> {
    let out = &mut output.out;
    let actor = graph.actor(node);
    writeln!(out, "{} · {} · id {}", actor.name, actor.kind, actor.id)?;
    if let Some(date) = actor.date {
        writeln!(out, "  date: {date}")?;
    }
    if !actor.aliases.is_empty() {
        writeln!(out, "  also known as: {}", actor.aliases.join(", "))?;
    }
    if let Some(summary) = &actor.summary {
        writeln!(out, "  {summary}")?;
    }
    for role in &actor.roles {
        writeln!(out, "  role: {}", graph.describe_role(role))?;
    }
    for (key, value) in actor.external_ids.iter().chain(&actor.attributes) {
        writeln!(out, "  {key}: {value}")?;
    }

    let links = graph.links(node, &Default::default());
    let mut cited = Vec::new();
    for (direction, heading) in [
        (Direction::Outgoing, "Outgoing"),
        (Direction::Incoming, "Incoming"),
        (Direction::Mutual, "Mutual"),
    ] {
        let group: Vec<_> = links
            .iter()
            .filter(|link| link.direction == direction)
            .collect();
        if group.is_empty() {
            continue;
        }
        writeln!(out, "\n{} {heading} ({})", direction.arrow(), group.len())?;
        for link in group {
            writeln!(out, "  {}", sentence(graph, link.relation, Some(node)))?;
            evidence(
                graph,
                graph.relation(link.relation),
                "      ",
                &mut cited,
                out,
            )?;
        }
    }
    if links.is_empty() {
        writeln!(out, "\nNo relations.")?;
    }
    sources(graph, &cited, out)
}

/// A relation as it reads in the data, "subject → phrase → object", with
/// its facts; actors other than `focus` carry their id for follow-up
/// commands.
fn sentence(
    graph: &KnowledgeGraph,
    edge: crate::graph::EdgeIndex,
    focus: Option<NodeIndex>,
) -> String {
    let relation = graph.relation(edge);
    let (subject, object) = graph.ends(edge);
    let name = |node: NodeIndex| {
        let actor = graph.actor(node);
        if Some(node) == focus {
            actor.name.clone()
        } else {
            label(actor)
        }
    };
    let arrow = relation.arrow();
    format!(
        "{} {arrow} {} {arrow} {}  · {}",
        name(subject),
        relation.phrase(),
        name(object),
        facts(relation)
    )
}

/// Date, status and stance of a relation, in one line.
fn facts(relation: RelationRef<'_>) -> String {
    let date = relation
        .date()
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    format!(
        "{date} · {} · {}",
        relation.status(),
        relation.stance().with_score()
    )
}

fn evidence(
    graph: &KnowledgeGraph,
    relation: RelationRef<'_>,
    indent: &str,
    cited: &mut Vec<String>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if relation.attributes().len() > 0 {
        let attributes: Vec<String> = relation
            .attributes()
            .map(|(key, value)| format!("{key}: {value}"))
            .collect();
        writeln!(out, "{indent}{}", attributes.join(" · "))?;
    }
    if relation.evidence().is_empty() {
        return writeln!(out, "{indent}(no evidence given)");
    }
    for item in relation.evidence().iter() {
        write!(out, "{indent}“{}” [{}]", item.quote(), item.source())?;
        if let Some(who) = item.attributed_to() {
            write!(out, ", according to {}", graph.name_of(who))?;
        }
        writeln!(out)?;
        if !cited.iter().any(|source| source == item.source()) {
            cited.push(item.source().to_owned());
        }
    }
    Ok(())
}

/// The sources cited above, so each quote's `[id]` can be looked up.
fn sources(graph: &KnowledgeGraph, cited: &[String], out: &mut dyn Write) -> io::Result<()> {
    if cited.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nSources")?;
    for id in cited {
        let Some(source) = graph.source(id) else {
            continue;
        };
        write!(out, "  [{id}] {}", source.title)?;
        let details: Vec<String> = [
            source.publisher.clone(),
            source.date.map(|d| d.to_string()),
            source
                .reliability
                .map(|r| format!("{}: {}", r.letter(), r.describe())),
            source.url.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !details.is_empty() {
            write!(out, " ({})", details.join(", "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// What `kgx path` was asked.
pub struct PathRequest<'a> {
    /// Where paths start.
    pub start: NodeIndex,
    /// Where they end.
    pub goal: NodeIndex,
    /// Direction, actors avoided, relation kinds allowed.
    pub options: &'a PathOptions,
    /// `--k N`: the N shortest of any length; `None`: shortest only.
    pub k: Option<usize>,
    /// `--all`: every shortest path, up to the cap.
    pub all: bool,
}

/// The paths found, each hop as the relation reads in the data (from → to)
/// with its facts and evidence.
pub fn paths(
    graph: &KnowledgeGraph,
    request: &PathRequest<'_>,
    paths: &[Path],
    more: bool,
    output: &mut Output<'_>,
) -> io::Result<()> {
    let out = &mut output.out;
    let (start, options) = (request.start, request.options);
    let (from, to) = (&graph.actor(start).name, &graph.actor(request.goal).name);
    let mut mode = if options.directed {
        "following direction".to_owned()
    } else {
        "ignoring direction".to_owned()
    };
    if !options.filter.kinds.is_empty() {
        let kinds: Vec<&str> = options.filter.kinds.iter().map(String::as_str).collect();
        mode.push_str(&format!(", via {}", kinds.join(", ")));
    }
    let Some(first) = paths.first() else {
        return writeln!(out, "No path from {from} to {to} ({mode}).");
    };
    match request.k {
        Some(_) => {
            let longest = paths.last().map_or(0, |p| p.hops.len());
            let lengths = if longest == first.hops.len() {
                plural(longest, "relation", "relations")
            } else {
                format!("{} to {longest} relations", first.hops.len())
            };
            let found = plural(paths.len(), "path", "paths");
            writeln!(
                out,
                "{found} from {from} to {to}, shortest first ({lengths} long, {mode})"
            )?;
            if more {
                writeln!(
                    out,
                    "(showing the first {}; more may exist: a search stops after looking at {} relations)",
                    paths.len(),
                    KnowledgeGraph::PATH_WORK
                )?;
            }
        }
        None => {
            let hops = plural(first.hops.len(), "relation", "relations");
            let found = plural(paths.len(), "shortest path", "shortest paths");
            writeln!(out, "{found} from {from} to {to} ({hops} long, {mode})")?;
            if more && request.all {
                writeln!(out, "(showing the first {}; more exist)", paths.len())?;
            } else if more {
                writeln!(
                    out,
                    "(there are more; --all lists up to {}, --k N the N shortest of any length)",
                    KnowledgeGraph::MOST_PATHS_LISTED
                )?;
            }
        }
    }
    let mut cited = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        let route: Vec<&str> = std::iter::once(start)
            .chain(path.hops.iter().map(|hop| hop.to))
            .map(|node| graph.actor(node).name.as_str())
            .collect();
        let length = if request.k.is_some() {
            format!(" ({})", plural(path.hops.len(), "relation", "relations"))
        } else {
            String::new()
        };
        writeln!(out, "\n{}. {}{length}", index + 1, route.join(" — "))?;
        for hop in &path.hops {
            writeln!(out, "   {}", sentence(graph, hop.relation, None))?;
            evidence(
                graph,
                graph.relation(hop.relation),
                "       ",
                &mut cited,
                out,
            )?;
        }
    }
    sources(graph, &cited, out)
}
