use std::collections::{BTreeMap, HashMap};

use petgraph::Direction as Towards;
use petgraph::visit::EdgeRef;

use super::{EdgeIndex, KnowledgeGraph, NodeIndex, Scope};
use crate::model::{ActorKind, Status};

/// A node of a neighbourhood drawing: an actor, or a stand-in for the
/// neighbours left out so that a hub does not become a hairball.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EgoNode {
    /// An actor shown in full.
    Actor(NodeIndex),
    /// This many more neighbours of one kind (`None`: of several kinds).
    More(usize, Option<ActorKind>),
}

impl EgoNode {
    /// How many actors it stands for: one, or the neighbours left out.
    pub fn actors(&self) -> usize {
        match self {
            EgoNode::Actor(_) => 1,
            EgoNode::More(count, _) => *count,
        }
    }
}

/// A placed node: which ring it sits on and which inner node led to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EgoMember {
    /// What the node stands for.
    pub node: EgoNode,
    /// 0 for the focus, 1 for its neighbours, 2 for theirs.
    pub ring: usize,
    /// Index (in [`Ego::members`]) of the node it was reached from.
    pub parent: Option<usize>,
}

/// How the relations between two drawn actors read, summed up for one
/// line of the drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EgoEdge {
    /// Index of one end in [`Ego::members`].
    pub a: usize,
    /// Index of the other end.
    pub b: usize,
    /// Some relation points from `a` to `b`.
    pub a_to_b: bool,
    /// Some relation points from `b` to `a`.
    pub b_to_a: bool,
    /// Some relation is symmetric.
    pub mutual: bool,
    /// The relations summed up, in file order.
    pub relations: Vec<EdgeIndex>,
    /// The best-attested status among them: a line is drawn solid when
    /// any of its relations is reported or confirmed.
    pub status: Status,
    /// Sum of their stance scores.
    pub stance: i64,
}

/// The neighbourhood of one actor, ready to lay out: rings of members and
/// the lines between them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ego {
    /// The focus first, then ring 1, then ring 2, each in drawing order.
    pub members: Vec<EgoMember>,
    /// Lines from each member to the one it was reached from.
    pub edges: Vec<EgoEdge>,
}

/// Drawings of at most this many members draw every shown relation among
/// them, not only the spokes: too few lines to make a hairball.
const EVERY_LINE_UP_TO: usize = 8;

/// How much a status counts as established, for choosing a line's style.
fn attestation(status: Status) -> u8 {
    match status {
        Status::Confirmed => 6,
        Status::Reported => 5,
        Status::Planned => 4,
        Status::Claimed => 3,
        Status::Alleged => 2,
        Status::Disputed => 1,
        Status::Denied => 0,
    }
}

/// The shown relations of one actor, as (other actor, relation) pairs
/// sorted by the other actor, then file order: the relations with each
/// neighbour are one run.
struct Adjacency(Vec<(NodeIndex, EdgeIndex)>);

impl Adjacency {
    /// Each neighbour with its relations.
    fn runs(&self) -> impl Iterator<Item = (NodeIndex, &[(NodeIndex, EdgeIndex)])> {
        self.0
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| (run[0].0, run))
    }

    /// The relations with `other`, in file order.
    fn with(&self, other: NodeIndex) -> impl Iterator<Item = EdgeIndex> + '_ {
        let start = self.0.partition_point(|&(node, _)| node < other);
        self.0[start..]
            .iter()
            .take_while(move |&&(node, _)| node == other)
            .map(|&(_, edge)| edge)
    }
}

/// Ranks `ranked` by `order` far enough to split it as [`split_for`] does:
/// the first `capacity` in order, the rest in any order (only their kinds
/// are counted). A hub's tens of thousands of neighbours are never sorted
/// whole for the forty that are drawn.
fn rank_top<T>(ranked: &mut [T], capacity: usize, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    if ranked.len() > capacity && capacity > 0 {
        ranked.select_nth_unstable_by(capacity - 1, &order);
    }
    let top = capacity.min(ranked.len());
    ranked[..top].sort_unstable_by(order);
}

impl KnowledgeGraph {
    /// The actors within `depth` (1 or 2) steps of `focus` inside `scope`,
    /// at most `capacity[0]` on ring 1 and `capacity[1]` on ring 2: the
    /// most connected to the focus are kept, and the rest are counted in
    /// "+N more" members by kind. Deterministic: the same graph always
    /// gives the same rings in the same order.
    ///
    /// Only what is drawn is ordered: around a hub of 20 000 relations the
    /// members left out are counted by kind, never sorted, and the lines
    /// are summed from the relations already walked to find the rings.
    pub fn ego(&self, focus: NodeIndex, depth: usize, scope: &Scope, capacity: [usize; 2]) -> Ego {
        let mut ego = Ego {
            members: vec![EgoMember {
                node: EgoNode::Actor(focus),
                ring: 0,
                parent: None,
            }],
            edges: Vec::new(),
        };
        // Neighbours of the focus with the relations joining them.
        let first = self.adjacency(focus, scope);
        // Most relations with the focus first, then the most connected.
        let mut ranked: Vec<(usize, usize, NodeIndex)> = first
            .runs()
            .map(|(n, run)| (run.len(), self.degree(n).total(), n))
            .collect();
        rank_top(&mut ranked, capacity[0], |a, b| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        });
        let ranked: Vec<NodeIndex> = ranked.into_iter().map(|(_, _, n)| n).collect();
        let (room, left_out) = split_for(&ranked, capacity[0], self);
        let mut kept = ranked[..room].to_vec();
        // Drawing order: outgoing neighbours, then mutual, then incoming.
        kept.sort_by_key(|&node| {
            let (out, into) = directions(self, focus, node, first.with(node));
            (
                match (out, into) {
                    (true, false) => 0,
                    (true, true) => 1,
                    (false, true) => 2,
                    (false, false) => 1,
                },
                node,
            )
        });
        for &node in &kept {
            ego.members.push(EgoMember {
                node: EgoNode::Actor(node),
                ring: 1,
                parent: Some(0),
            });
        }
        push_more(&mut ego, left_out, 1, Some(0));
        // The relations each drawn actor was reached through.
        let mut reached: HashMap<(usize, usize), Vec<EdgeIndex>> = ego
            .members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match m.node {
                EgoNode::Actor(node) if m.ring == 1 => Some(((0, i), first.with(node).collect())),
                _ => None,
            })
            .collect();
        if depth >= 2 {
            self.second_ring(&mut ego, focus, &first, scope, capacity[1], &mut reached);
        }
        self.connect(&mut ego, scope, reached);
        ego
    }

    /// The relations of `node` the scope shows, to actors it shows other
    /// than `node` itself, grouped by the other actor.
    fn adjacency(&self, node: NodeIndex, scope: &Scope) -> Adjacency {
        let mut pairs = self.shown_pairs(&[node], scope).pop().unwrap_or_default();
        pairs.sort_unstable();
        Adjacency(pairs)
    }

    /// The relations of each of `nodes` the scope shows, to actors it
    /// shows other than the node itself, as (other actor, relation) in no
    /// order.
    ///
    /// petgraph chains each node's relations through the edge table, so a
    /// walk waits on one scattered read after another: a hub's 20 000 are
    /// 20 000 trips to memory. The walks of every node, outgoing and
    /// incoming, advance here side by side, so that their reads overlap.
    fn shown_pairs(&self, nodes: &[NodeIndex], scope: &Scope) -> Vec<Vec<(NodeIndex, EdgeIndex)>> {
        let graph = self.petgraph();
        let everything = scope.filter == super::RelationFilter::default();
        let mut found: Vec<Vec<(NodeIndex, EdgeIndex)>> = nodes
            .iter()
            .map(|&node| Vec::with_capacity(self.degree(node).total()))
            .collect();
        let mut walks: Vec<_> = nodes
            .iter()
            .enumerate()
            .flat_map(|(at, &node)| {
                [Towards::Outgoing, Towards::Incoming]
                    .map(|way| (at, node, way, graph.edges_directed(node, way)))
            })
            .collect();
        while !walks.is_empty() {
            walks.retain_mut(|(at, node, way, edges)| {
                let Some(edge) = edges.next() else {
                    return false;
                };
                let other = match way {
                    Towards::Outgoing => edge.target(),
                    Towards::Incoming => edge.source(),
                };
                if other != *node
                    && scope.shows_actor(other)
                    && (everything || scope.filter.accepts(self.relation(edge.id())))
                {
                    found[*at].push((other, edge.id()));
                }
                true
            });
        }
        found
    }

    fn second_ring(
        &self,
        ego: &mut Ego,
        focus: NodeIndex,
        first: &Adjacency,
        scope: &Scope,
        capacity: usize,
        reached: &mut HashMap<(usize, usize), Vec<EdgeIndex>>,
    ) {
        let parents: Vec<(usize, NodeIndex)> = ego
            .members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match m.node {
                EgoNode::Actor(node) if m.ring == 1 => Some((i, node)),
                _ => None,
            })
            .collect();
        // Whom a nearer ring or an earlier parent already has.
        let mut claimed = vec![false; self.actor_count()];
        claimed[focus.index()] = true;
        for (node, _) in first.runs() {
            claimed[node.index()] = true;
        }
        // Not sorted: a hub among the parents has 20 000 relations, and
        // only those with the few children drawn are wanted.
        let nodes: Vec<NodeIndex> = parents.iter().map(|&(_, node)| node).collect();
        let walked = self.shown_pairs(&nodes, scope);
        let mut children: Vec<Vec<NodeIndex>> = Vec::new();
        for pairs in &walked {
            // Each child with its number of relations, looked up once.
            let mut own: Vec<(usize, NodeIndex)> = Vec::new();
            for &(child, _) in pairs {
                if !claimed[child.index()] {
                    claimed[child.index()] = true;
                    own.push((self.degree(child).total(), child));
                }
            }
            // No parent gives more than the ring holds: only those are
            // put in order, the most connected first.
            rank_top(&mut own, capacity, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            children.push(own.into_iter().map(|(_, child)| child).collect());
        }
        let all: Vec<NodeIndex> = children.iter().flatten().copied().collect();
        let (budget, mut left_out) = split_for(&all, capacity, self);
        // Take children round-robin across parents so every parent keeps
        // some, then draw them grouped by parent.
        let mut taken = vec![0; children.len()];
        let mut picked = 0;
        while picked < budget {
            let before = picked;
            for (i, own) in children.iter().enumerate() {
                if picked < budget && taken[i] < own.len() {
                    taken[i] += 1;
                    picked += 1;
                }
            }
            if picked == before {
                break;
            }
        }
        // Those counted are all the children but the drawn ones, not the
        // `budget` first ones `split_for` left out of its count: only those
        // few kinds are looked up again.
        for &node in &all[..budget] {
            left_out.add(&self.actor(node).kind, 1);
        }
        for (((&(parent, _), own), &count), pairs) in
            parents.iter().zip(&children).zip(&taken).zip(&walked)
        {
            let drawn: HashMap<NodeIndex, usize> = own[..count]
                .iter()
                .enumerate()
                .map(|(at, &child)| (child, ego.members.len() + at))
                .collect();
            for &(child, edge) in pairs {
                if let Some(&member) = drawn.get(&child) {
                    reached.entry((parent, member)).or_default().push(edge);
                }
            }
            for &child in &own[..count] {
                left_out.add(&self.actor(child).kind, -1);
                ego.members.push(EgoMember {
                    node: EgoNode::Actor(child),
                    ring: 2,
                    parent: Some(parent),
                });
            }
        }
        push_more(ego, left_out, 2, None);
    }

    /// Adds a line from the focus to each ring-1 actor, and from each
    /// ring-1 actor to the ring-2 actors reached through it, summing up the
    /// shown relations between them (`reached`, by the pair of members). A
    /// drawing of few actors (the marked ones, say) has a line for every
    /// shown relation among them.
    fn connect(
        &self,
        ego: &mut Ego,
        scope: &Scope,
        reached: HashMap<(usize, usize), Vec<EdgeIndex>>,
    ) {
        let lines: BTreeMap<(usize, usize), Vec<EdgeIndex>> =
            if ego.members.len() <= EVERY_LINE_UP_TO {
                // Among few actors each pair is one line, found from its
                // first end.
                let index: HashMap<NodeIndex, usize> = ego
                    .members
                    .iter()
                    .enumerate()
                    .filter_map(|(i, m)| match m.node {
                        EgoNode::Actor(node) => Some((node, i)),
                        EgoNode::More(..) => None,
                    })
                    .collect();
                let mut lines: BTreeMap<(usize, usize), Vec<EdgeIndex>> = BTreeMap::new();
                for (i, member) in ego.members.iter().enumerate() {
                    let EgoNode::Actor(node) = member.node else {
                        continue;
                    };
                    for (other, run) in self.adjacency(node, scope).runs() {
                        match index.get(&other) {
                            Some(&j) if i < j => {
                                lines.insert((i, j), run.iter().map(|&(_, e)| e).collect());
                            }
                            _ => {}
                        }
                    }
                }
                lines
            } else {
                // Spokes only: focus to ring 1, and each ring-2 actor to the
                // ring-1 actor it was reached from. Lines among neighbours
                // would turn a hub's drawing into a hairball.
                reached.into_iter().collect()
            };
        ego.edges = lines
            .into_iter()
            .filter(|(_, relations)| !relations.is_empty())
            .map(|((a, b), mut relations)| {
                relations.sort();
                let EgoNode::Actor(from) = ego.members[a].node else {
                    unreachable!("lines join actors")
                };
                let mut line = EgoEdge {
                    a,
                    b,
                    a_to_b: false,
                    b_to_a: false,
                    mutual: false,
                    relations: Vec::new(),
                    status: self.relation(relations[0]).status(),
                    stance: 0,
                };
                for &edge in &relations {
                    let relation = self.relation(edge);
                    if !relation.directed() {
                        line.mutual = true;
                    } else if self.ends(edge).0 == from {
                        line.a_to_b = true;
                    } else {
                        line.b_to_a = true;
                    }
                    if attestation(relation.status()) > attestation(line.status) {
                        line.status = relation.status();
                    }
                    line.stance += i64::from(relation.stance().score());
                }
                line.relations = relations;
                line
            })
            .collect();
    }
}

/// Whether relations among `edges` point from `focus` to `other`, and from
/// `other` to `focus` (symmetric ones count both ways).
fn directions(
    graph: &KnowledgeGraph,
    focus: NodeIndex,
    other: NodeIndex,
    edges: impl Iterator<Item = EdgeIndex>,
) -> (bool, bool) {
    let mut out = false;
    let mut into = false;
    for edge in edges {
        let (from, to) = graph.ends(edge);
        if !graph.relation(edge).directed() {
            out = true;
            into = true;
        } else if from == focus && to == other {
            out = true;
        } else {
            into = true;
        }
    }
    (out, into)
}

/// How many actors of each kind: what "+N more" members say. A ring
/// holds few kinds, so a list beats a map.
#[derive(Clone, Debug, Default)]
struct KindCounts<'g>(Vec<(&'g ActorKind, usize)>);

impl<'g> KindCounts<'g> {
    /// The kinds of `nodes`: each actor's record is read once.
    fn of(graph: &'g KnowledgeGraph, nodes: &[NodeIndex]) -> KindCounts<'g> {
        let mut counts = KindCounts::default();
        for &node in nodes {
            counts.add(&graph.actor(node).kind, 1);
        }
        counts
    }

    fn add(&mut self, kind: &'g ActorKind, count: isize) {
        match self.0.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n = n.saturating_add_signed(count),
            None => self.0.push((kind, count.max(0).unsigned_abs())),
        }
    }

    /// How many kinds have at least one actor.
    fn kinds(&self) -> usize {
        self.0.iter().filter(|(_, n)| *n > 0).count()
    }
}

/// Splits ranked actors into how many are drawn and the kinds of those
/// counted instead, leaving room within `capacity` for the "+N more"
/// members of the rest. Only the first `capacity` need be in order.
fn split_for<'g>(
    ranked: &[NodeIndex],
    capacity: usize,
    graph: &'g KnowledgeGraph,
) -> (usize, KindCounts<'g>) {
    if ranked.len() <= capacity {
        return (ranked.len(), KindCounts::default());
    }
    // The kinds left out when `room` are drawn: those after the capacity,
    // then one more actor at a time.
    let mut left_out = KindCounts::of(graph, &ranked[capacity..]);
    let mut room = capacity;
    // Reserve as few stand-ins as the kinds left out need.
    for reserved in 1..=MORE_MEMBERS {
        while room > capacity.saturating_sub(reserved) {
            room -= 1;
            left_out.add(&graph.actor(ranked[room]).kind, 1);
        }
        if left_out.kinds().clamp(1, MORE_MEMBERS) <= reserved {
            break;
        }
    }
    (room, left_out)
}

/// At most this many "+N more" members per ring: the largest kinds left
/// out get one each, and the last counts every other kind together.
const MORE_MEMBERS: usize = 3;

/// Appends "+N more" members for the actors left out, by kind, largest
/// first.
fn push_more(ego: &mut Ego, left_out: KindCounts<'_>, ring: usize, parent: Option<usize>) {
    let mut groups: Vec<(&ActorKind, usize)> =
        left_out.0.into_iter().filter(|(_, n)| *n > 0).collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut push = |node| {
        ego.members.push(EgoMember { node, ring, parent });
    };
    if groups.len() <= MORE_MEMBERS {
        for (kind, count) in groups {
            push(EgoNode::More(count, Some(kind.clone())));
        }
    } else {
        for (kind, count) in &groups[..MORE_MEMBERS - 1] {
            push(EgoNode::More(*count, Some((*kind).clone())));
        }
        let rest = groups[MORE_MEMBERS - 1..].iter().map(|(_, c)| c).sum();
        push(EgoNode::More(rest, None));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;

    fn seed() -> KnowledgeGraph {
        KnowledgeGraph::new(fixture::dataset()).expect("valid")
    }

    fn ids(graph: &KnowledgeGraph, ego: &Ego, ring: usize) -> Vec<String> {
        ego.members
            .iter()
            .filter(|m| m.ring == ring)
            .map(|m| match &m.node {
                EgoNode::Actor(node) => graph.actor(*node).id.clone(),
                EgoNode::More(count, kind) => {
                    format!("+{count} {}", kind.as_ref().map_or("other", |k| k.name()))
                }
            })
            .collect()
    }

    #[test]
    fn ring_one_lists_outgoing_then_mutual_then_incoming_neighbours() {
        let graph = seed();
        let russia = graph.find_id("russia").expect("russia");
        let ego = graph.ego(russia, 1, &Scope::default(), [20, 0]);
        assert_eq!(ids(&graph, &ego, 1), ["al-sharaa", "syria", "lavrov"]);
        let line = |id: &str| {
            let node = graph.find_id(id).expect("actor");
            let at = ego
                .members
                .iter()
                .position(|m| m.node == EgoNode::Actor(node))
                .expect("member");
            ego.edges
                .iter()
                .find(|e| e.a == 0 && e.b == at)
                .expect("line")
        };
        assert!(line("al-sharaa").a_to_b && !line("al-sharaa").b_to_a);
        assert_eq!(line("al-sharaa").status, Status::Claimed);
        assert!(line("syria").mutual);
        assert!(line("lavrov").b_to_a);
    }

    #[test]
    fn ring_two_reaches_neighbours_of_neighbours_once() {
        let graph = seed();
        let lavrov = graph.find_id("lavrov").expect("lavrov");
        let ego = graph.ego(lavrov, 2, &Scope::default(), [20, 20]);
        assert_eq!(ids(&graph, &ego, 1), ["russia", "al-shibani"]);
        let mut second = ids(&graph, &ego, 2);
        second.sort();
        assert_eq!(second, ["al-sharaa", "syria"]);
        for member in ego.members.iter().filter(|m| m.ring == 2) {
            let parent = &ego.members[member.parent.expect("parent")];
            assert_eq!(parent.ring, 1);
        }
        // Depth 1 draws no second ring.
        assert!(
            ids(
                &graph,
                &graph.ego(lavrov, 1, &Scope::default(), [20, 20]),
                2
            )
            .is_empty()
        );
    }

    #[test]
    fn a_hub_is_capped_with_counted_stand_ins() {
        let graph = KnowledgeGraph::new(fixture::hub(
            30,
            &[ActorKind::Place, ActorKind::Person, ActorKind::Person],
        ))
        .expect("valid");
        let hub = graph.find_id("hub").expect("hub");
        let ego = graph.ego(hub, 1, &Scope::default(), [8, 0]);
        let ring: Vec<&EgoMember> = ego.members.iter().filter(|m| m.ring == 1).collect();
        assert_eq!(ring.len(), 8, "exactly the room there is");
        let counted: usize = ring.iter().map(|m| m.node.actors()).sum();
        assert_eq!(counted, 30, "every neighbour drawn or counted");
        assert!(matches!(ring[7].node, EgoNode::More(_, Some(_))));
        assert_eq!(ego, graph.ego(hub, 1, &Scope::default(), [8, 0]));
    }

    #[test]
    fn the_scope_hides_actors_and_relations() {
        let graph = seed();
        let russia = graph.find_id("russia").expect("russia");
        let mut shown = vec![true; graph.actor_count()];
        shown[graph.find_id("syria").expect("syria").index()] = false;
        let scope = Scope {
            shown: Some(shown),
            filter: crate::graph::RelationFilter {
                statuses: [Status::Reported, Status::Confirmed].into(),
                ..Default::default()
            },
        };
        let ego = graph.ego(russia, 1, &scope, [20, 0]);
        assert_eq!(ids(&graph, &ego, 1), ["lavrov"]);
    }

    /// Around hubs the rings are ranked only as far as they are drawn:
    /// what is drawn must be what ranking every neighbour would draw, and
    /// every neighbour is drawn or counted once.
    #[test]
    fn a_hub_draws_its_best_ranked_neighbours_and_counts_the_rest() {
        use crate::synthetic::{GenOptions, generate};
        let graph = KnowledgeGraph::new(generate(&GenOptions {
            actors: 1_000,
            relations: 10_000,
            seed: 1,
        }))
        .expect("valid");
        let scope = Scope::default();
        let mut hubs: Vec<NodeIndex> = (0..graph.actor_count()).map(NodeIndex::new).collect();
        hubs.sort_by_key(|&n| std::cmp::Reverse(graph.degree(n).total()));
        for &focus in &hubs[..5] {
            let mut neighbours: HashMap<NodeIndex, usize> = HashMap::new();
            for link in graph.links(focus, &scope.filter) {
                if link.other != focus {
                    *neighbours.entry(link.other).or_default() += 1;
                }
            }
            let mut ranked: Vec<(usize, usize, NodeIndex)> = neighbours
                .iter()
                .map(|(&n, &count)| (count, graph.degree(n).total(), n))
                .collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
            let ego = graph.ego(focus, 2, &scope, [12, 16]);
            let mut drawn: Vec<NodeIndex> = ego
                .members
                .iter()
                .filter(|m| m.ring == 1)
                .filter_map(|m| match m.node {
                    EgoNode::Actor(node) => Some(node),
                    EgoNode::More(..) => None,
                })
                .collect();
            drawn.sort();
            let mut best: Vec<NodeIndex> = ranked[..drawn.len()].iter().map(|r| r.2).collect();
            best.sort();
            assert_eq!(drawn, best, "the best ranked are drawn");
            let counted: usize = ego
                .members
                .iter()
                .filter(|m| m.ring == 1)
                .map(|m| m.node.actors())
                .sum();
            assert_eq!(
                counted,
                neighbours.len(),
                "every neighbour drawn or counted"
            );
            // Each line sums every relation between its two ends.
            for edge in &ego.edges {
                let (EgoNode::Actor(a), EgoNode::Actor(b)) =
                    (&ego.members[edge.a].node, &ego.members[edge.b].node)
                else {
                    panic!("lines join actors");
                };
                assert_eq!(edge.relations, graph.between(*a, *b));
            }
        }
    }
}
