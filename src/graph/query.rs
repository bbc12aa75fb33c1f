use std::collections::BTreeSet;

use petgraph::Direction as Towards;
use petgraph::visit::EdgeRef;

use super::RelationRef;
use super::strings::Sym;
use super::{EdgeIndex, KnowledgeGraph, NodeIndex};
use crate::model::{PartialDate, Stance, Status};

/// Which way a relation points, seen from the actor asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// The actor did it (→).
    Outgoing,
    /// It was done to the actor (←).
    Incoming,
    /// A symmetric relation (`directed: false`), read both ways (↔).
    Mutual,
}

impl Direction {
    /// The arrow shown beside a relation.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Outgoing => "→",
            Direction::Incoming => "←",
            Direction::Mutual => "↔",
        }
    }
}

/// One relation seen from one of its actors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// The relation.
    pub relation: EdgeIndex,
    /// The actor at the other end (the same actor for a self-relation).
    pub other: NodeIndex,
    /// Which way it points from the actor asked about.
    pub direction: Direction,
}

/// Narrows which relations a query returns. Empty sets let everything
/// through; each non-empty set must contain the relation's value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelationFilter {
    /// Relation kinds to keep (`hosted`, `condemned`).
    pub kinds: BTreeSet<String>,
    /// Statuses to keep (e.g. everything but `Claimed`).
    pub statuses: BTreeSet<Status>,
    /// Stances to keep (e.g. the hostile half of the scale).
    pub stances: BTreeSet<Stance>,
    /// Keep relations that may have held on or after this date.
    pub since: Option<PartialDate>,
    /// Keep relations that may have held on or before this date.
    pub until: Option<PartialDate>,
}

impl RelationFilter {
    /// True when `relation` passes. Undated relations pass date bounds,
    /// since nothing says they fall outside them.
    pub fn accepts(&self, relation: RelationRef<'_>) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(relation.kind()))
            && (self.statuses.is_empty() || self.statuses.contains(&relation.status()))
            && (self.stances.is_empty() || self.stances.contains(&relation.stance()))
            && (self.since.is_none() && self.until.is_none()
                || relation
                    .date()
                    .is_none_or(|when| when.overlaps(self.since.as_ref(), self.until.as_ref())))
    }
}

/// How many relations an actor takes part in, by direction, counted the
/// way [`KnowledgeGraph::links`] groups them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Degree {
    /// Directed relations the actor is the `from` of.
    pub outgoing: usize,
    /// Directed relations the actor is the `to` of.
    pub incoming: usize,
    /// Symmetric relations (`directed: false`) the actor is in.
    pub mutual: usize,
}

impl std::fmt::Display for Degree {
    /// "10 out, 7 in, 4 mutual", leaving out mutual when there are none.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} out, {} in", self.outgoing, self.incoming)?;
        if self.mutual > 0 {
            write!(f, ", {} mutual", self.mutual)?;
        }
        Ok(())
    }
}

impl Degree {
    /// All relations the actor takes part in.
    pub fn total(&self) -> usize {
        self.outgoing + self.incoming + self.mutual
    }
}

impl KnowledgeGraph {
    /// The relations of `actor` that pass `filter`, outgoing first, then
    /// incoming, each in file order. Symmetric relations come as `Mutual`.
    pub fn links(&self, actor: NodeIndex, filter: &RelationFilter) -> Vec<Link> {
        let mut links = self.links_unordered(actor, filter);
        links.sort_by_key(|link| (link.direction, link.relation.index()));
        links
    }

    /// The relations of `actor` that pass `filter` as the relations pane
    /// lists them: by direction, then kind in alphabetical order, then
    /// file order.
    ///
    /// A hub has tens of thousands of relations but a few dozen kinds: the
    /// kinds are ranked once, and each relation's place is one number
    /// (direction, kind's rank, edge index) sorted as such, instead of
    /// comparing kind texts at every step.
    pub fn links_by_kind(&self, actor: NodeIndex, filter: &RelationFilter) -> Vec<Link> {
        let links = self.links_unordered(actor, filter);
        let kind_of = |link: &Link| self.relations.rows[link.relation.index()].kind;
        let mut kinds: Vec<Sym> = links.iter().map(kind_of).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds.sort_by_key(|&kind| self.strings.resolve(kind));
        let rank: hashbrown::HashMap<Sym, u64> = kinds
            .iter()
            .enumerate()
            .map(|(rank, &kind)| (kind, rank as u64))
            .collect();
        let mut places: Vec<(u64, Link)> = links
            .into_iter()
            .map(|link| {
                let place = (link.direction as u64) << 62
                    | rank.get(&kind_of(&link)).copied().unwrap_or(0) << 32
                    | link.relation.index() as u64;
                (place, link)
            })
            .collect();
        places.sort_unstable_by_key(|&(place, _)| place);
        places.into_iter().map(|(_, link)| link).collect()
    }

    /// The relations of `actor` that pass `filter`, in petgraph's order.
    fn links_unordered(&self, actor: NodeIndex, filter: &RelationFilter) -> Vec<Link> {
        let graph = self.petgraph();
        graph
            .edges_directed(actor, Towards::Outgoing)
            .map(|edge| (edge, edge.target()))
            .chain(
                graph
                    .edges_directed(actor, Towards::Incoming)
                    .filter(|edge| edge.source() != actor)
                    .map(|edge| (edge, edge.source())),
            )
            .filter(|(edge, _)| filter.accepts(self.relation(edge.id())))
            .map(|(edge, other)| Link {
                relation: edge.id(),
                other,
                direction: match (self.relation(edge.id()).directed(), edge.source() == actor) {
                    (false, _) => Direction::Mutual,
                    (true, true) => Direction::Outgoing,
                    (true, false) => Direction::Incoming,
                },
            })
            .collect()
    }

    /// Every relation joining `a` and `b`, either way, in file order.
    pub fn between(&self, a: NodeIndex, b: NodeIndex) -> Vec<EdgeIndex> {
        let graph = self.petgraph();
        let mut edges: Vec<EdgeIndex> = graph
            .edges_connecting(a, b)
            .chain(
                if a == b {
                    None
                } else {
                    Some(graph.edges_connecting(b, a))
                }
                .into_iter()
                .flatten(),
            )
            .map(|edge| edge.id())
            .collect();
        edges.sort();
        edges
    }

    /// How many relations `actor` takes part in, in constant time: counted
    /// when the graph was built.
    pub fn degree(&self, actor: NodeIndex) -> Degree {
        let [outgoing, incoming, mutual] = self.degrees[actor.index()].map(|count| count as usize);
        Degree {
            outgoing,
            incoming,
            mutual,
        }
    }

    /// The groups of actors connected to each other by any chain of
    /// relations, ignoring direction: largest first, actors in file order.
    pub fn components(&self) -> Vec<Vec<NodeIndex>> {
        let graph = self.petgraph();
        let mut component = vec![usize::MAX; graph.node_count()];
        let mut groups: Vec<Vec<NodeIndex>> = Vec::new();
        for start in graph.node_indices() {
            if component[start.index()] != usize::MAX {
                continue;
            }
            let id = groups.len();
            component[start.index()] = id;
            let mut members = vec![start];
            let mut next = 0;
            while let Some(&node) = members.get(next) {
                next += 1;
                for neighbour in graph.neighbors_undirected(node) {
                    if component[neighbour.index()] == usize::MAX {
                        component[neighbour.index()] = id;
                        members.push(neighbour);
                    }
                }
            }
            members.sort();
            groups.push(members);
        }
        groups.sort_by_key(|members| std::cmp::Reverse(members.len()));
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;

    fn graph() -> KnowledgeGraph {
        KnowledgeGraph::new(fixture::dataset()).expect("valid")
    }

    fn id(graph: &KnowledgeGraph, id: &str) -> NodeIndex {
        graph.find_id(id).expect("known id")
    }

    fn described(graph: &KnowledgeGraph, links: &[Link]) -> Vec<String> {
        links
            .iter()
            .map(|link| {
                format!(
                    "{} {} {}",
                    link.direction.arrow(),
                    graph.relation(link.relation).kind(),
                    graph.actor(link.other).id
                )
            })
            .collect()
    }

    #[test]
    fn links_come_outgoing_then_incoming_then_mutual() {
        let graph = graph();
        let syria = id(&graph, "syria");
        let links = graph.links(syria, &RelationFilter::default());
        assert_eq!(
            described(&graph, &links),
            [
                "← represents al-shibani",
                "← struck israel",
                "← leads al-sharaa",
                "↔ held_talks_with russia"
            ]
        );
        let russia = id(&graph, "russia");
        assert_eq!(
            described(&graph, &graph.links(russia, &RelationFilter::default())),
            [
                "→ supplied_oil al-sharaa",
                "← represents lavrov",
                "↔ held_talks_with syria"
            ]
        );
    }

    #[test]
    fn filters_combine_kind_status_stance_and_date() {
        let graph = graph();
        let syria = id(&graph, "syria");
        let hostile = RelationFilter {
            stances: [Stance::Violent, Stance::Hostile].into(),
            ..Default::default()
        };
        assert_eq!(
            described(&graph, &graph.links(syria, &hostile)),
            ["← struck israel"]
        );

        let confirmed = RelationFilter {
            statuses: [Status::Confirmed].into(),
            ..Default::default()
        };
        assert_eq!(
            described(&graph, &graph.links(syria, &confirmed)),
            ["↔ held_talks_with russia"]
        );

        let before_strike = RelationFilter {
            until: Some("2025-07-12".parse().expect("date")),
            kinds: ["struck".to_owned(), "leads".to_owned()].into(),
            ..Default::default()
        };
        assert_eq!(
            described(&graph, &graph.links(syria, &before_strike)),
            ["← leads al-sharaa"],
            "the dated strike falls after the bound; the undated relation stays"
        );
    }

    #[test]
    fn between_finds_relations_either_way() {
        let graph = graph();
        let (russia, syria, lavrov) = (
            id(&graph, "russia"),
            id(&graph, "syria"),
            id(&graph, "lavrov"),
        );
        assert_eq!(graph.between(syria, russia).len(), 1);
        assert_eq!(graph.between(russia, lavrov), graph.between(lavrov, russia));
        assert!(graph.between(lavrov, syria).is_empty());
    }

    #[test]
    fn degree_counts_each_side() {
        let graph = graph();
        let degree = graph.degree(id(&graph, "syria"));
        assert_eq!((degree.outgoing, degree.incoming, degree.mutual), (0, 3, 1));
        assert_eq!(degree.total(), 4);
        let russia = id(&graph, "russia");
        let links = graph.links(russia, &RelationFilter::default());
        let degree = graph.degree(russia);
        for (direction, count) in [
            (Direction::Outgoing, degree.outgoing),
            (Direction::Incoming, degree.incoming),
            (Direction::Mutual, degree.mutual),
        ] {
            assert_eq!(
                links.iter().filter(|l| l.direction == direction).count(),
                count,
                "{direction:?}"
            );
        }
        assert_eq!(graph.degree(id(&graph, "loner")).total(), 0);
    }

    #[test]
    fn components_ignore_direction_and_come_largest_first() {
        let graph = graph();
        let components = graph.components();
        assert_eq!(components.len(), 2);
        assert_eq!(components[0].len(), 6);
        assert_eq!(components[1], [id(&graph, "loner")]);
    }
}
