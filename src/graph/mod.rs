//! The knowledge graph in memory: actors as petgraph nodes, relations as
//! edges, with the lookups and queries every view of kgx is built on.

mod build;
mod centrality;
mod ego;
mod path;
mod query;
mod relations;
mod resolve;
mod scope;
mod strings;
mod texts;
mod timeline;

use std::fmt;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::{DefaultHashBuilder, HashTable};
use petgraph::graph::DiGraph;
pub use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::model::{Actor, Dataset, Role, Source};

pub use build::{GraphBuilder, NewRelation, References};
pub use centrality::{Centrality, EXACT_BETWEENNESS_LIMIT, Progress};
pub use ego::{Ego, EgoEdge, EgoMember, EgoNode};
pub use path::{Hop, Path, PathOptions, Route};
pub use query::{Degree, Direction, Link, RelationFilter};
pub use relations::{EvidenceList, EvidenceRef, RelationRef};
pub use resolve::Resolution;
pub use scope::Scope;
pub use texts::{ActorTexts, letters};
pub use timeline::{Dated, Moment, begun_by};

/// A validated data set as a graph. Node `i` is the `i`th actor of the file
/// and edge `j` its `j`th relation, so file order is kept everywhere.
///
/// Actors are petgraph's node weights. Relations are petgraph's bare edges
/// plus a row each in a table of small numbers, their text interned once
/// for the whole graph ([`RelationRef`] reads them).
#[derive(Clone, Debug)]
pub struct KnowledgeGraph {
    title: String,
    description: Option<String>,
    sources: Vec<Source>,
    /// The relations' ends and adjacency. Nodes carry no weight, so the
    /// node table walked by every traversal is eight bytes an actor.
    graph: DiGraph<(), ()>,
    /// Each actor, by node index.
    actors: Vec<Actor>,
    strings: strings::Strings,
    relations: relations::RelationTable,
    /// Nodes by their actor's id, hashed in place: no second copy of ids.
    by_id: HashTable<NodeIndex>,
    /// Every name and alias, lower-cased, for case-insensitive lookup.
    by_name: NameIndex,
    /// Each actor's relations counted once at build, so lists and cards
    /// show a hub's count without walking its ten thousand edges: outgoing,
    /// incoming and mutual, as `u32` (edge indices are) to halve the column.
    degrees: Vec<[u32; 3]>,
    hasher: DefaultHashBuilder,
    /// What the actor filter scans, built the first time it is asked for
    /// (most commands never filter).
    texts: OnceLock<ActorTexts>,
}

/// Actors by every name and alias, lower-cased, without a copy of the
/// names: one table slot per distinct name, and actors that share a name
/// chained from it (a file may give thousands of actors the same name).
#[derive(Clone, Debug, Default)]
struct NameIndex {
    /// The newest entry of each distinct name.
    table: HashTable<u32>,
    entries: Vec<NameEntry>,
}

/// One name of one actor.
#[derive(Clone, Copy, Debug)]
struct NameEntry {
    node: NodeIndex,
    /// Which of the actor's names: 0 the name, then its aliases.
    which: u32,
    /// The entry before this one with the same name, or `u32::MAX`.
    before: u32,
}

impl NameEntry {
    fn lower_name(self, actors: &[Actor]) -> Option<String> {
        actors[self.node.index()]
            .names()
            .nth(self.which as usize)
            .map(str::to_lowercase)
    }
}

impl NameIndex {
    /// Indexes every name of the actor at `node`.
    fn insert_actor(&mut self, hasher: &DefaultHashBuilder, actors: &[Actor], node: NodeIndex) {
        for (which, name) in (0..).zip(actors[node.index()].names()) {
            let lower = Some(name.to_lowercase());
            let newest = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
            let hash = hasher.hash_one(&lower);
            let entries = &mut self.entries;
            let same = |&entry: &u32| entries[entry as usize].lower_name(actors) == lower;
            match self.table.find_mut(hash, same) {
                // An alias that repeats the name adds nothing.
                Some(head) if entries[*head as usize].node == node => {}
                Some(head) => {
                    entries.push(NameEntry {
                        node,
                        which,
                        before: *head,
                    });
                    *head = newest;
                }
                None => {
                    entries.push(NameEntry {
                        node,
                        which,
                        before: u32::MAX,
                    });
                    self.table.insert_unique(hash, newest, |&entry| {
                        hasher.hash_one(entries[entry as usize].lower_name(actors))
                    });
                }
            }
        }
    }

    /// The actors with the lower-cased name `lower`, in file order.
    fn find(&self, hasher: &DefaultHashBuilder, actors: &[Actor], lower: &str) -> Vec<NodeIndex> {
        let lower = Some(lower.to_owned());
        let same = |&entry: &u32| self.entries[entry as usize].lower_name(actors) == lower;
        let mut next = self
            .table
            .find(hasher.hash_one(&lower), same)
            .copied()
            .unwrap_or(u32::MAX);
        let mut nodes = Vec::new();
        while let Some(entry) = self.entries.get(next as usize) {
            nodes.push(entry.node);
            next = entry.before;
        }
        nodes.reverse();
        nodes
    }

    fn shrink_to_fit(&mut self, hasher: &DefaultHashBuilder, actors: &[Actor]) {
        let entries = &self.entries;
        self.table
            .shrink_to_fit(|&entry| hasher.hash_one(entries[entry as usize].lower_name(actors)));
        self.entries.shrink_to_fit();
    }
}

/// A relation names an actor the data set does not have. The loader
/// reports this with its place in the file; this error is for data sets
/// built in code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownActor(pub String);

impl fmt::Display for UnknownActor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a relation names no actor \"{}\"", self.0)
    }
}

impl std::error::Error for UnknownActor {}

impl KnowledgeGraph {
    /// Builds the graph. Every relation's ends must name actors, which the
    /// loader has already checked for data read from files.
    pub fn new(dataset: Dataset) -> Result<Self, UnknownActor> {
        GraphBuilder::from(dataset).finish()
    }

    /// The graph's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// What the graph covers, if the file says.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The registry of sources, in file order.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// Every actor's name, aliases and id laid out for the actor filter;
    /// built on first use.
    pub fn actor_texts(&self) -> &ActorTexts {
        self.texts.get_or_init(|| ActorTexts::of(self))
    }

    /// How many actors there are.
    pub fn actor_count(&self) -> usize {
        self.graph.node_count()
    }

    /// How many relations there are.
    pub fn relation_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Every actor with its index, in file order.
    pub fn actors(&self) -> impl ExactSizeIterator<Item = (NodeIndex, &Actor)> + '_ {
        self.graph
            .node_indices()
            .map(move |node| (node, &self.actors[node.index()]))
    }

    /// Every relation with its index, in file order.
    pub fn relations(&self) -> impl ExactSizeIterator<Item = (EdgeIndex, RelationRef<'_>)> + '_ {
        self.graph
            .edge_indices()
            .map(move |edge| (edge, RelationRef::new(self, edge)))
    }

    /// The actor at `node`. Indices come from this graph's own queries; an
    /// index from another graph is a programming error and panics.
    pub fn actor(&self, node: NodeIndex) -> &Actor {
        &self.actors[node.index()]
    }

    /// The relation at `edge` (same contract as [`actor`](Self::actor)).
    pub fn relation(&self, edge: EdgeIndex) -> RelationRef<'_> {
        RelationRef::new(self, edge)
    }

    /// The actors a relation joins, as (from, to).
    pub fn ends(&self, edge: EdgeIndex) -> (NodeIndex, NodeIndex) {
        self.graph
            .edge_endpoints(edge)
            .unwrap_or_else(|| panic!("edge {edge:?} is not in this graph"))
    }

    /// The actor with exactly this id, in constant time.
    pub fn find_id(&self, id: &str) -> Option<NodeIndex> {
        self.by_id
            .find(self.hasher.hash_one(id), |&node| {
                self.actors[node.index()].id == id
            })
            .copied()
    }

    /// Actors whose name or an alias is `name`, ignoring case, in file
    /// order.
    pub fn find_name(&self, name: &str) -> Vec<NodeIndex> {
        self.by_name
            .find(&self.hasher, &self.actors, &name.to_lowercase())
    }

    /// The name of the actor with this id, or the id itself: how a
    /// reference such as `attributed_to` or a role's `of` is shown.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.find_id(id)
            .map_or(id, |node| self.actor(node).name.as_str())
    }

    /// A role as a card shows it: "Foreign Minister, Russia (2004-03..)".
    pub fn describe_role(&self, role: &Role) -> String {
        let mut text = role.title.clone();
        if let Some(of) = role.of.as_deref() {
            text.push_str(&format!(", {}", self.name_of(of)));
        }
        if let Some(date) = role.date {
            text.push_str(&format!(" ({date})"));
        }
        text
    }

    /// Back to the file's form, for export.
    pub fn to_dataset(&self) -> Dataset {
        Dataset {
            title: self.title.clone(),
            description: self.description.clone(),
            sources: self.sources.clone(),
            actors: self.actors().map(|(_, actor)| actor.clone()).collect(),
            relations: self
                .relations()
                .map(|(_, relation)| relation.to_relation())
                .collect(),
        }
    }

    /// Bytes the relations take beyond petgraph's edges: their rows, their
    /// evidence and every interned string (quotes included), for the
    /// memory benchmark.
    pub fn relation_heap_bytes(&self) -> (usize, usize) {
        (self.relations.heap_bytes(), self.strings.heap_bytes())
    }

    pub(crate) fn petgraph(&self) -> &DiGraph<(), ()> {
        &self.graph
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    use crate::model::{Actor, ActorKind, Dataset, Relation, Stance, Status};

    pub fn actor(id: &str, name: &str, kind: ActorKind) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind,
            aliases: Vec::new(),
            summary: None,
            roles: Vec::new(),
            date: None,
            external_ids: Default::default(),
            attributes: Default::default(),
        }
    }

    pub fn relation(from: &str, to: &str, kind: &str) -> Relation {
        Relation {
            from: from.into(),
            to: to.into(),
            kind: kind.into(),
            label: None,
            directed: true,
            date: None,
            status: Status::Reported,
            stance: Stance::Neutral,
            evidence: Vec::new(),
            attributes: Default::default(),
        }
    }

    /// A hub related to `count` neighbours `n0`, `n1`, … whose kinds
    /// cycle through `kinds`.
    pub fn hub(count: usize, kinds: &[ActorKind]) -> Dataset {
        let mut actors = vec![actor("hub", "Hub", ActorKind::State)];
        let mut relations = Vec::new();
        for i in 0..count {
            let id = format!("n{i}");
            let kind = kinds[i % kinds.len()].clone();
            actors.push(actor(&id, &format!("Neighbour {i}"), kind));
            relations.push(relation("hub", &id, "knows"));
        }
        Dataset {
            title: "Hub".into(),
            description: None,
            sources: Vec::new(),
            actors,
            relations,
        }
    }

    /// A small story: a ring a→b→c→d plus a shortcut and a hub.
    pub fn dataset() -> Dataset {
        let mut lavrov = actor("lavrov", "Sergey Lavrov", ActorKind::Person);
        lavrov.aliases.push("Lavrov".into());
        let actors = vec![
            actor("russia", "Russia", ActorKind::State),
            actor("syria", "Syria", ActorKind::State),
            lavrov,
            actor("al-shibani", "Asaad al-Shibani", ActorKind::Person),
            actor("al-sharaa", "Ahmad al-Sharaa", ActorKind::Person),
            actor("israel", "Israel", ActorKind::State),
            actor("loner", "Nobody Else", ActorKind::Other("Hermit".into())),
        ];
        let mut strikes = relation("israel", "syria", "struck");
        strikes.stance = Stance::Violent;
        strikes.date = Some("2025-07-13".parse().expect("date"));
        let mut hosted = relation("lavrov", "al-shibani", "hosted");
        hosted.stance = Stance::Cooperative;
        hosted.date = Some("2025-07-31".parse().expect("date"));
        let mut met = relation("russia", "syria", "held_talks_with");
        met.directed = false;
        met.status = Status::Confirmed;
        let mut claim = relation("russia", "al-sharaa", "supplied_oil");
        claim.status = Status::Claimed;
        let relations = vec![
            relation("lavrov", "russia", "represents"),
            hosted,
            relation("al-shibani", "syria", "represents"),
            met,
            strikes,
            relation("al-sharaa", "syria", "leads"),
            claim,
        ];
        Dataset {
            title: "Fixture".into(),
            description: None,
            sources: Vec::new(),
            actors,
            relations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_nodes_and_edges_in_file_order() {
        let graph = KnowledgeGraph::new(fixture::dataset()).expect("valid");
        assert_eq!(graph.actor_count(), 7);
        assert_eq!(graph.relation_count(), 7);
        assert_eq!(graph.actor(NodeIndex::new(2)).id, "lavrov");
        let (from, to) = graph.ends(EdgeIndex::new(1));
        assert_eq!(
            (graph.actor(from).id.as_str(), graph.actor(to).id.as_str()),
            ("lavrov", "al-shibani")
        );
    }

    #[test]
    fn finds_actors_by_id_and_by_any_name_ignoring_case() {
        let graph = KnowledgeGraph::new(fixture::dataset()).expect("valid");
        let lavrov = graph.find_id("lavrov").expect("by id");
        assert_eq!(graph.find_name("SERGEY LAVROV"), [lavrov]);
        assert_eq!(graph.find_name("lavrov"), [lavrov], "by alias");
        assert!(graph.find_id("Lavrov").is_none(), "ids are exact");
        assert!(graph.find_name("lavro").is_empty());
    }

    #[test]
    fn actors_sharing_a_name_are_all_found_in_file_order() {
        let mut dataset = fixture::dataset();
        let mut twin = fixture::actor("lavrov-2", "LAVROV", crate::model::ActorKind::Person);
        twin.aliases = vec!["Sergey Lavrov".into(), "sergey lavrov".into()];
        dataset.actors.push(twin);
        let graph = KnowledgeGraph::new(dataset).expect("valid");
        let both = [
            graph.find_id("lavrov").expect("lavrov"),
            graph.find_id("lavrov-2").expect("twin"),
        ];
        assert_eq!(graph.find_name("lavrov"), both);
        assert_eq!(graph.find_name("Sergey LAVROV"), both);
        assert_eq!(graph.find_name("nobody"), []);
    }

    #[test]
    fn refuses_relations_to_unknown_actors() {
        let mut dataset = fixture::dataset();
        dataset
            .relations
            .push(fixture::relation("russia", "atlantis", "visited"));
        assert_eq!(
            KnowledgeGraph::new(dataset).unwrap_err(),
            UnknownActor("atlantis".into())
        );
    }

    #[test]
    fn degrees_counted_at_build_agree_with_the_links() {
        let mut dataset = fixture::dataset();
        let mut mutual_loop = fixture::relation("syria", "syria", "reformed");
        mutual_loop.directed = false;
        dataset.relations.push(mutual_loop);
        dataset
            .relations
            .push(fixture::relation("israel", "israel", "reviewed"));
        let graph = KnowledgeGraph::new(dataset).expect("valid");
        for (node, actor) in graph.actors() {
            let links = graph.links(node, &RelationFilter::default());
            let count = |direction| links.iter().filter(|l| l.direction == direction).count();
            let incoming = count(Direction::Incoming)
                + graph
                    .links(node, &RelationFilter::default())
                    .iter()
                    .filter(|l| l.other == node && l.direction == Direction::Outgoing)
                    .count();
            assert_eq!(
                graph.degree(node),
                Degree {
                    outgoing: count(Direction::Outgoing),
                    incoming,
                    mutual: count(Direction::Mutual),
                },
                "{}",
                actor.id
            );
        }
    }

    #[test]
    fn gives_back_the_dataset_it_was_built_from() {
        let dataset = fixture::dataset();
        let graph = KnowledgeGraph::new(dataset.clone()).expect("valid");
        assert_eq!(graph.to_dataset(), dataset);
    }
}
