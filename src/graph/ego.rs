use std::collections::{BTreeMap, HashMap};

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

impl KnowledgeGraph {
    /// The actors within `depth` (1 or 2) steps of `focus` inside `scope`,
    /// at most `capacity[0]` on ring 1 and `capacity[1]` on ring 2: the
    /// most connected to the focus are kept, and the rest are counted in
    /// "+N more" members by kind. Deterministic: the same graph always
    /// gives the same rings in the same order.
    pub fn ego(&self, focus: NodeIndex, depth: usize, scope: &Scope, capacity: [usize; 2]) -> Ego {
        let mut ego = Ego {
            members: vec![EgoMember {
                node: EgoNode::Actor(focus),
                ring: 0,
                parent: None,
            }],
            edges: Vec::new(),
        };
        // Neighbours of the focus with the number of relations joining them.
        let first = self.neighbours(focus, scope);
        // Most relations with the focus first, then the most connected.
        let mut ranked: Vec<(usize, usize, NodeIndex)> = first
            .iter()
            .map(|(&n, e)| (e.len(), self.degree(n).total(), n))
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let (mut kept, left_out) = split_for(
            ranked.into_iter().map(|(_, _, n)| n).collect(),
            capacity[0],
            self,
        );
        // Drawing order: outgoing neighbours, then mutual, then incoming.
        kept.sort_by_key(|&node| {
            let (out, into) = directions(self, focus, node, &first[&node]);
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
        push_more(self, &mut ego, &left_out, 1, Some(0));
        if depth >= 2 {
            self.second_ring(&mut ego, focus, &first, scope, capacity[1]);
        }
        self.connect(&mut ego, scope);
        ego
    }

    /// The shown neighbours of `node` with the shown relations to each.
    fn neighbours(&self, node: NodeIndex, scope: &Scope) -> HashMap<NodeIndex, Vec<EdgeIndex>> {
        let mut found: HashMap<NodeIndex, Vec<EdgeIndex>> = HashMap::new();
        for link in self.links(node, &scope.filter) {
            if link.other != node && scope.shows_actor(link.other) {
                found.entry(link.other).or_default().push(link.relation);
            }
        }
        found
    }

    fn second_ring(
        &self,
        ego: &mut Ego,
        focus: NodeIndex,
        first: &HashMap<NodeIndex, Vec<EdgeIndex>>,
        scope: &Scope,
        capacity: usize,
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
        let mut claimed: HashMap<NodeIndex, usize> = HashMap::new();
        let mut children: Vec<Vec<NodeIndex>> = Vec::new();
        for &(parent, node) in &parents {
            let mut own: Vec<NodeIndex> = self
                .neighbours(node, scope)
                .into_keys()
                .filter(|n| *n != focus && !first.contains_key(n) && !claimed.contains_key(n))
                .collect();
            own.sort_by_cached_key(|&n| (std::cmp::Reverse(self.degree(n).total()), n));
            for &child in &own {
                claimed.insert(child, parent);
            }
            children.push(own);
        }
        let all: Vec<NodeIndex> = children.iter().flatten().copied().collect();
        let budget = split_for(all, capacity, self).0.len();
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
        let mut left_out = Vec::new();
        for ((&(parent, _), own), &count) in parents.iter().zip(&children).zip(&taken) {
            for &child in &own[..count] {
                ego.members.push(EgoMember {
                    node: EgoNode::Actor(child),
                    ring: 2,
                    parent: Some(parent),
                });
            }
            left_out.extend_from_slice(&own[count..]);
        }
        push_more(self, ego, &left_out, 2, None);
    }

    /// Adds a line from the focus to each ring-1 actor, and from each
    /// ring-1 actor to the ring-2 actors reached through it, summing up the
    /// shown relations between them. A drawing of few actors (the marked
    /// ones, say) has a line for every shown relation among them.
    fn connect(&self, ego: &mut Ego, scope: &Scope) {
        let every_pair = ego.members.len() <= EVERY_LINE_UP_TO;
        let index: HashMap<NodeIndex, usize> = ego
            .members
            .iter()
            .enumerate()
            .filter_map(|(i, m)| match m.node {
                EgoNode::Actor(node) => Some((node, i)),
                EgoNode::More(..) => None,
            })
            .collect();
        let mut lines: BTreeMap<(usize, usize), EgoEdge> = BTreeMap::new();
        for (i, member) in ego.members.iter().enumerate() {
            let EgoNode::Actor(node) = member.node else {
                continue;
            };
            if member.ring > 1 && !every_pair {
                continue;
            }
            for link in self.links(node, &scope.filter) {
                let Some(&j) = index.get(&link.other) else {
                    continue;
                };
                // Spokes only: focus to ring 1, and each ring-2 actor to the
                // ring-1 actor it was reached from. Lines among neighbours
                // would turn a hub's drawing into a hairball.
                let spoke = (i == 0 && ego.members[j].ring == 1)
                    || (ego.members[j].ring == 2 && ego.members[j].parent == Some(i));
                // Among few actors each pair is one line, found from its
                // first end.
                let wanted = if every_pair { i < j } else { spoke };
                if !wanted {
                    continue;
                }
                let relation = self.relation(link.relation);
                let line = lines.entry((i, j)).or_insert_with(|| EgoEdge {
                    a: i,
                    b: j,
                    a_to_b: false,
                    b_to_a: false,
                    mutual: false,
                    relations: Vec::new(),
                    status: relation.status(),
                    stance: 0,
                });
                match link.direction {
                    super::Direction::Outgoing => line.a_to_b = true,
                    super::Direction::Incoming => line.b_to_a = true,
                    super::Direction::Mutual => line.mutual = true,
                }
                line.relations.push(link.relation);
                if attestation(relation.status()) > attestation(line.status) {
                    line.status = relation.status();
                }
                line.stance += i64::from(relation.stance().score());
            }
        }
        ego.edges = lines
            .into_values()
            .map(|mut line| {
                line.relations.sort();
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
    edges: &[EdgeIndex],
) -> (bool, bool) {
    let mut out = false;
    let mut into = false;
    for &edge in edges {
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

/// Splits ranked actors into those drawn and those counted, leaving room
/// within `capacity` for the "+N more" members of the rest.
fn split_for(
    mut ranked: Vec<NodeIndex>,
    capacity: usize,
    graph: &KnowledgeGraph,
) -> (Vec<NodeIndex>, Vec<NodeIndex>) {
    if ranked.len() <= capacity {
        return (ranked, Vec::new());
    }
    // Reserve as few stand-ins as the kinds left out need.
    let kinds_after = |room: usize| {
        let mut kinds: Vec<&ActorKind> = ranked[room.min(ranked.len())..]
            .iter()
            .map(|&n| &graph.actor(n).kind)
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds.len().clamp(1, MORE_MEMBERS)
    };
    let reserved = (1..=MORE_MEMBERS)
        .find(|&r| kinds_after(capacity.saturating_sub(r)) <= r)
        .unwrap_or(MORE_MEMBERS);
    let room = capacity.saturating_sub(reserved);
    let left_out = ranked.split_off(room.min(ranked.len()));
    (ranked, left_out)
}

/// At most this many "+N more" members per ring: the largest kinds left
/// out get one each, and the last counts every other kind together.
const MORE_MEMBERS: usize = 3;

/// Appends "+N more" members for `left_out`, by kind, largest first.
fn push_more(
    graph: &KnowledgeGraph,
    ego: &mut Ego,
    left_out: &[NodeIndex],
    ring: usize,
    parent: Option<usize>,
) {
    let mut by_kind: BTreeMap<&ActorKind, usize> = BTreeMap::new();
    for &node in left_out {
        *by_kind.entry(&graph.actor(node).kind).or_default() += 1;
    }
    let mut groups: Vec<(&ActorKind, usize)> = by_kind.into_iter().collect();
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
        let counted: usize = ring
            .iter()
            .map(|m| match m.node {
                EgoNode::More(count, _) => count,
                EgoNode::Actor(_) => 1,
            })
            .sum();
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
}
