use std::collections::{HashSet, VecDeque};

use petgraph::Direction as Towards;
use petgraph::visit::EdgeRef;

use super::{EdgeIndex, KnowledgeGraph, NodeIndex, RelationFilter};

/// What counts as a connection when looking for paths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathOptions {
    /// Follow relations only the way they point (symmetric ones both ways);
    /// otherwise any relation links its two actors.
    pub directed: bool,
    /// Most paths returned, so hubs cannot flood the answer.
    pub limit: usize,
    /// Actors the path may not pass through ("not via Syria").
    pub avoid: HashSet<NodeIndex>,
    /// Relations the path may use.
    pub filter: RelationFilter,
}

impl Default for PathOptions {
    fn default() -> Self {
        PathOptions {
            directed: false,
            limit: 10,
            avoid: HashSet::new(),
            filter: RelationFilter::default(),
        }
    }
}

/// One step of a path: a relation and the way it was walked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The relation walked.
    pub relation: EdgeIndex,
    /// The actor the step leaves.
    pub from: NodeIndex,
    /// The actor the step reaches.
    pub to: NodeIndex,
    /// True when the step goes the way the relation points (or the
    /// relation is symmetric).
    pub along: bool,
}

/// A chain of relations from one actor to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// The steps, in order; empty when start and goal are the same actor.
    pub hops: Vec<Hop>,
}

impl KnowledgeGraph {
    /// All shortest paths from `start` to `goal` (up to `options.limit`),
    /// in a stable order: by the file order of their relations. Empty when
    /// they are not connected.
    pub fn shortest_paths(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        options: &PathOptions,
    ) -> Vec<Path> {
        self.search(start, goal, options, &HashSet::new())
    }

    /// The `k` shortest paths from `start` to `goal` that visit no actor
    /// twice, shortest first (Yen's algorithm): all the shortest ones when
    /// there are `k` of them, else longer ones too. `options.limit` is
    /// ignored; `k` is the bound.
    pub fn k_shortest_paths(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        k: usize,
        options: &PathOptions,
    ) -> Vec<Path> {
        let first = PathOptions {
            limit: k,
            ..options.clone()
        };
        let mut found = self.shortest_paths(start, goal, &first);
        let mut candidates: Vec<Path> = Vec::new();
        while found.len() < k {
            let Some(last) = found.last().cloned() else {
                break;
            };
            for spur_at in 0..last.hops.len() {
                let root = &last.hops[..spur_at];
                let spur = root.last().map_or(start, |hop| hop.to);
                let banned: HashSet<EdgeIndex> = found
                    .iter()
                    .filter(|path| path.hops.len() > spur_at && path.hops[..spur_at] == *root)
                    .map(|path| path.hops[spur_at].relation)
                    .collect();
                let mut spur_options = PathOptions {
                    limit: 1,
                    ..options.clone()
                };
                spur_options.avoid.insert(start);
                spur_options
                    .avoid
                    .extend(root.iter().map(|hop| hop.to).filter(|&node| node != spur));
                spur_options.avoid.remove(&spur);
                if spur == start {
                    spur_options.avoid.remove(&start);
                }
                let Some(tail) = self.search(spur, goal, &spur_options, &banned).pop() else {
                    continue;
                };
                let mut hops = root.to_vec();
                hops.extend(tail.hops);
                let path = Path { hops };
                if !found.contains(&path) && !candidates.contains(&path) {
                    candidates.push(path);
                }
            }
            let Some(best) = candidates
                .iter()
                .enumerate()
                .min_by_key(|(_, path)| (path.hops.len(), relation_order(path)))
                .map(|(i, _)| i)
            else {
                break;
            };
            found.push(candidates.swap_remove(best));
        }
        found
    }

    /// Shortest paths that use none of the `banned` relations.
    fn search(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        options: &PathOptions,
        banned: &HashSet<EdgeIndex>,
    ) -> Vec<Path> {
        if start == goal {
            return vec![Path { hops: Vec::new() }];
        }
        if options.limit == 0 || options.avoid.contains(&start) || options.avoid.contains(&goal) {
            return Vec::new();
        }
        let graph = self.petgraph();
        let count = graph.node_count();
        let mut distance = vec![usize::MAX; count];
        // For each actor, the hops that reach it on some shortest path.
        let mut arrivals: Vec<Vec<Hop>> = vec![Vec::new(); count];
        let mut queue = VecDeque::from([start]);
        distance[start.index()] = 0;
        while let Some(node) = queue.pop_front() {
            let next_distance = distance[node.index()] + 1;
            if next_distance > distance[goal.index()] {
                break;
            }
            for hop in self.steps_from(node, options) {
                if banned.contains(&hop.relation) {
                    continue;
                }
                let seen = distance[hop.to.index()];
                if seen == usize::MAX {
                    distance[hop.to.index()] = next_distance;
                    if hop.to != goal {
                        queue.push_back(hop.to);
                    }
                }
                if distance[hop.to.index()] == next_distance {
                    arrivals[hop.to.index()].push(hop);
                }
            }
        }
        if distance[goal.index()] == usize::MAX {
            return Vec::new();
        }
        let mut paths = collect(goal, start, &arrivals, options.limit);
        paths.sort_by_key(relation_order);
        paths
    }

    /// The hops leaving `node` that `options` allow, in file order.
    fn steps_from(&self, node: NodeIndex, options: &PathOptions) -> Vec<Hop> {
        let graph = self.petgraph();
        let forward = graph
            .edges_directed(node, Towards::Outgoing)
            .map(|edge| Hop {
                relation: edge.id(),
                from: node,
                to: edge.target(),
                along: true,
            });
        let backward = graph
            .edges_directed(node, Towards::Incoming)
            .filter(|edge| !options.directed || !edge.weight().directed)
            .map(|edge| Hop {
                relation: edge.id(),
                from: node,
                to: edge.source(),
                along: !edge.weight().directed,
            });
        let mut hops: Vec<Hop> = forward
            .chain(backward)
            .filter(|hop| hop.to != node && !options.avoid.contains(&hop.to))
            .filter(|hop| options.filter.accepts(&graph[hop.relation]))
            .collect();
        hops.sort_by_key(|hop| hop.relation.index());
        hops
    }
}

/// The file order of a path's relations: paths of equal length are
/// listed in this order so output is stable.
fn relation_order(path: &Path) -> Vec<usize> {
    path.hops.iter().map(|hop| hop.relation.index()).collect()
}

/// Walks arrivals back from `goal` to `start`, emitting each full path.
/// Depth-first with an explicit stack: a path can be as long as the graph,
/// and recursion would overflow the thread's stack on long chains.
fn collect(goal: NodeIndex, start: NodeIndex, arrivals: &[Vec<Hop>], limit: usize) -> Vec<Path> {
    let mut paths = Vec::new();
    // The hops chosen so far (from the goal backwards), and for each depth
    // the index of the next arrival to try.
    let mut chosen: Vec<Hop> = Vec::new();
    let mut next: Vec<usize> = vec![0];
    while let Some(&tried) = next.last() {
        let node = chosen.last().map_or(goal, |hop| hop.from);
        if node == start {
            paths.push(Path {
                hops: chosen.iter().rev().copied().collect(),
            });
            if paths.len() >= limit {
                break;
            }
        }
        match arrivals[node.index()].get(tried).filter(|_| node != start) {
            Some(&hop) => {
                if let Some(last) = next.last_mut() {
                    *last += 1;
                }
                chosen.push(hop);
                next.push(0);
            }
            None => {
                next.pop();
                chosen.pop();
            }
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;

    fn graph() -> KnowledgeGraph {
        KnowledgeGraph::new(fixture::dataset()).expect("valid")
    }

    fn route(graph: &KnowledgeGraph, path: &Path) -> String {
        let mut out = match path.hops.first() {
            Some(hop) => graph.actor(hop.from).id.clone(),
            None => String::new(),
        };
        for hop in &path.hops {
            let arrow = if hop.along { "->" } else { "<-" };
            out.push_str(&format!(
                " {arrow}{} {}",
                graph.relation(hop.relation).kind,
                graph.actor(hop.to).id
            ));
        }
        out
    }

    fn paths(graph: &KnowledgeGraph, a: &str, b: &str, options: &PathOptions) -> Vec<String> {
        let (a, b) = (graph.find_id(a).expect("a"), graph.find_id(b).expect("b"));
        graph
            .shortest_paths(a, b, options)
            .iter()
            .map(|p| route(graph, p))
            .collect()
    }

    #[test]
    fn finds_every_shortest_path_ignoring_direction() {
        let graph = graph();
        assert_eq!(
            paths(&graph, "lavrov", "israel", &PathOptions::default()),
            [
                "lavrov ->represents russia ->held_talks_with syria <-struck israel",
                "lavrov ->hosted al-shibani ->represents syria <-struck israel"
            ]
        );
        assert_eq!(
            paths(&graph, "al-shibani", "al-sharaa", &PathOptions::default()),
            ["al-shibani ->represents syria <-leads al-sharaa"]
        );
    }

    #[test]
    fn directed_search_follows_arrows_and_symmetric_relations() {
        let graph = graph();
        let directed = PathOptions {
            directed: true,
            ..Default::default()
        };
        assert_eq!(
            paths(&graph, "lavrov", "syria", &directed),
            [
                "lavrov ->represents russia ->held_talks_with syria",
                "lavrov ->hosted al-shibani ->represents syria"
            ]
        );
        assert!(
            paths(&graph, "israel", "lavrov", &directed).is_empty(),
            "no arrows lead back"
        );
    }

    #[test]
    fn avoiding_an_actor_finds_the_way_around() {
        let graph = graph();
        let not_via_syria = PathOptions {
            avoid: [graph.find_id("syria").expect("syria")].into(),
            ..Default::default()
        };
        assert_eq!(
            paths(&graph, "al-shibani", "al-sharaa", &not_via_syria),
            ["al-shibani <-hosted lavrov ->represents russia ->supplied_oil al-sharaa"]
        );
        assert!(paths(&graph, "israel", "russia", &not_via_syria).is_empty());
    }

    #[test]
    fn limit_caps_the_number_of_paths() {
        let graph = graph();
        let one = PathOptions {
            directed: true,
            limit: 1,
            ..Default::default()
        };
        assert_eq!(paths(&graph, "lavrov", "syria", &one).len(), 1);
    }

    #[test]
    fn k_shortest_adds_longer_paths_after_the_shortest() {
        let graph = graph();
        let (a, b) = (
            graph.find_id("al-shibani").expect("a"),
            graph.find_id("al-sharaa").expect("b"),
        );
        let paths = graph.k_shortest_paths(a, b, 3, &PathOptions::default());
        let routes: Vec<String> = paths.iter().map(|p| route(&graph, p)).collect();
        assert_eq!(
            routes,
            [
                "al-shibani ->represents syria <-leads al-sharaa",
                "al-shibani <-hosted lavrov ->represents russia ->supplied_oil al-sharaa",
                "al-shibani ->represents syria ->held_talks_with russia ->supplied_oil al-sharaa",
            ]
        );
        for path in &paths {
            let mut seen = vec![a];
            seen.extend(path.hops.iter().map(|hop| hop.to));
            let count = seen.len();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), count, "no actor twice");
        }
        let lengths: Vec<usize> = paths.iter().map(|p| p.hops.len()).collect();
        assert!(lengths.is_sorted());
        assert_eq!(
            graph
                .k_shortest_paths(a, b, 50, &PathOptions::default())
                .len(),
            4,
            "every simple path, and no more"
        );
    }

    #[test]
    fn a_path_as_long_as_the_graph_does_not_overflow_the_stack() {
        let count = 200_000;
        let actors = (0..count)
            .map(|i| fixture::actor(&format!("n{i}"), "N", crate::model::ActorKind::Place))
            .collect();
        let relations = (1..count)
            .map(|i| fixture::relation(&format!("n{}", i - 1), &format!("n{i}"), "next"))
            .collect();
        let dataset = crate::model::Dataset {
            title: "Chain".into(),
            description: None,
            sources: Vec::new(),
            actors,
            relations,
        };
        let graph = KnowledgeGraph::new(dataset).expect("valid");
        let (first, last) = (
            graph.find_id("n0").expect("n0"),
            graph.find_id(&format!("n{}", count - 1)).expect("last"),
        );
        let paths = graph.shortest_paths(first, last, &PathOptions::default());
        assert_eq!(paths.len(), 1);
        assert_eq!(paths[0].hops.len(), count - 1);
    }

    #[test]
    fn unconnected_and_identical_ends() {
        let graph = graph();
        assert!(paths(&graph, "loner", "russia", &PathOptions::default()).is_empty());
        assert_eq!(
            paths(&graph, "russia", "russia", &PathOptions::default()),
            [""]
        );
    }
}
