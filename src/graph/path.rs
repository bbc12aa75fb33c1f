use std::collections::{HashMap, HashSet};

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

/// The k shortest paths found within the work allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KPaths {
    /// The paths, shortest first.
    pub paths: Vec<Path>,
    /// The work ran out before `k` paths were found; more may exist.
    pub cut: bool,
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

/// Paths that pass through the same actors in the same order, as one:
/// each step with every relation that makes it, so "Assad — Russia" by
/// "allied with" and by "evacuated" is one path with two ways at that hop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Each step's relations, the first found first.
    pub steps: Vec<Vec<Hop>>,
    /// How many of the paths it stands for.
    pub paths: usize,
}

impl Route {
    /// The routes `paths` take, in the order their first path comes.
    pub fn of(paths: &[Path]) -> Vec<Route> {
        let mut routes: Vec<Route> = Vec::new();
        let mut index: HashMap<Vec<(NodeIndex, NodeIndex)>, usize> = HashMap::new();
        for path in paths {
            let actors: Vec<(NodeIndex, NodeIndex)> =
                path.hops.iter().map(|hop| (hop.from, hop.to)).collect();
            let at = *index.entry(actors).or_insert_with(|| {
                routes.push(Route {
                    steps: vec![Vec::new(); path.hops.len()],
                    paths: 0,
                });
                routes.len() - 1
            });
            let route = &mut routes[at];
            route.paths += 1;
            for (step, hop) in route.steps.iter_mut().zip(&path.hops) {
                if !step.iter().any(|known| known.relation == hop.relation) {
                    step.push(*hop);
                }
            }
        }
        routes
    }
}

impl KnowledgeGraph {
    /// Most paths `kgx path --all` lists and most `--k` or `:path --k` asks
    /// for: past this no one reads them, and a graph of 30 diamonds in a
    /// row has a billion shortest paths.
    pub const MOST_PATHS_LISTED: usize = 1000;

    /// The work the k shortest paths may take, in relations looked at:
    /// about a second on a dense graph, after which the paths found so far
    /// are shown.
    pub const PATH_WORK: u64 = 20_000_000;

    /// All shortest paths from `start` to `goal` (up to `options.limit`),
    /// in a stable order: by the file order of their relations. Empty when
    /// they are not connected.
    pub fn shortest_paths(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        options: &PathOptions,
    ) -> Vec<Path> {
        self.shortest_paths_until(start, goal, options, &|| false)
    }

    /// [`KnowledgeGraph::shortest_paths`] that gives up, with no paths,
    /// once `stop` says yes (asked at each level of the search): the
    /// explorer cancels a search on a large graph that way.
    pub fn shortest_paths_until(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        options: &PathOptions,
        stop: &dyn Fn() -> bool,
    ) -> Vec<Path> {
        let mut unbounded = u64::MAX;
        self.search(start, goal, options, &HashSet::new(), &mut unbounded, stop)
    }

    /// The `k` shortest paths from `start` to `goal` that visit no actor
    /// twice, shortest first (Yen's algorithm): all the shortest ones when
    /// there are `k` of them, else longer ones too. `options.limit` is
    /// ignored; `k` is the bound, and the work is bounded by
    /// [`KnowledgeGraph::PATH_WORK`].
    pub fn k_shortest_paths(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        k: usize,
        options: &PathOptions,
    ) -> Vec<Path> {
        self.k_shortest_paths_within(start, goal, k, options, Self::PATH_WORK, &|| false)
            .paths
    }

    /// [`KnowledgeGraph::k_shortest_paths`] doing at most about `work`
    /// steps (a relation looked at by a search counts one): on a dense
    /// graph there are more simple paths than anyone could read, and each
    /// costs a search. Says whether it stopped for lack of work. `stop`
    /// is asked between searches; once it says yes, the paths found so far
    /// are returned (the explorer cancels a search that way).
    pub fn k_shortest_paths_within(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        k: usize,
        options: &PathOptions,
        work: u64,
        stop: &dyn Fn() -> bool,
    ) -> KPaths {
        let first = PathOptions {
            limit: k,
            ..options.clone()
        };
        let mut left = work;
        let mut found = self.search(start, goal, &first, &HashSet::new(), &mut left, stop);
        let mut known: HashSet<Vec<usize>> = found.iter().map(relation_order).collect();
        let mut candidates: Vec<Path> = Vec::new();
        let mut cut = false;
        while found.len() < k {
            let Some(last) = found.last().cloned() else {
                break;
            };
            for spur_at in 0..last.hops.len() {
                if left == 0 || stop() {
                    cut = true;
                    break;
                }
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
                let Some(tail) = self
                    .search(spur, goal, &spur_options, &banned, &mut left, stop)
                    .pop()
                else {
                    continue;
                };
                let mut hops = root.to_vec();
                hops.extend(tail.hops);
                let path = Path { hops };
                if known.insert(relation_order(&path)) {
                    candidates.push(path);
                }
            }
            if cut {
                break;
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
        KPaths { paths: found, cut }
    }

    /// Shortest paths that use none of the `banned` relations. A search
    /// from each end, one level at a time on the side with the smaller
    /// frontier, until they meet: on a large graph each side explores a
    /// small ball instead of one side exploring most of the graph.
    fn search(
        &self,
        start: NodeIndex,
        goal: NodeIndex,
        options: &PathOptions,
        banned: &HashSet<EdgeIndex>,
        work: &mut u64,
        stop: &dyn Fn() -> bool,
    ) -> Vec<Path> {
        if start == goal {
            return vec![Path { hops: Vec::new() }];
        }
        if options.limit == 0 || options.avoid.contains(&start) || options.avoid.contains(&goal) {
            return Vec::new();
        }
        let mut sides = [Side::new(start), Side::new(goal)];
        loop {
            let pick = usize::from(sides[1].frontier.len() < sides[0].frontier.len());
            if sides[pick].frontier.is_empty() || stop() {
                return Vec::new();
            }
            let level = sides[pick].level + 1;
            let mut next = Vec::new();
            for node in std::mem::take(&mut sides[pick].frontier) {
                let hops = if pick == 0 {
                    self.steps_from(node, options)
                } else {
                    self.steps_into(node, options)
                };
                *work = work.saturating_sub(hops.len() as u64 + 1);
                for hop in hops {
                    if banned.contains(&hop.relation) {
                        continue;
                    }
                    // Forward, a hop reaches `to`; backward, it reaches `from`.
                    let reached = if pick == 0 { hop.to } else { hop.from };
                    let seen = sides[pick].seen.entry(reached).or_insert_with(|| {
                        next.push(reached);
                        (level, Vec::new())
                    });
                    if seen.0 == level {
                        seen.1.push(hop);
                    }
                }
            }
            sides[pick].level = level;
            let other = &sides[1 - pick];
            let Some(length) = next
                .iter()
                .filter_map(|node| other.seen.get(node).map(|(d, _)| level + d))
                .min()
            else {
                sides[pick].frontier = next;
                continue;
            };
            // Every shortest path crosses this level at exactly one actor
            // that the other side reached at the remaining distance.
            let mut meeting: Vec<NodeIndex> = next
                .into_iter()
                .filter(|node| {
                    other
                        .seen
                        .get(node)
                        .is_some_and(|(d, _)| level + d == length)
                })
                .collect();
            meeting.sort();
            let [forward, backward] = &sides;
            // Paths through each meeting actor, then taken in turn from
            // each, so a limited answer shows different routes.
            let mut through: Vec<std::vec::IntoIter<Path>> = meeting
                .into_iter()
                .map(|node| {
                    let heads = walk(node, start, &forward.seen, options.limit, |hop| hop.from);
                    let tails = walk(node, goal, &backward.seen, options.limit, |hop| hop.to);
                    let mut paths = Vec::new();
                    for head in &heads {
                        for tail in tails
                            .iter()
                            .take(options.limit - paths.len().min(options.limit))
                        {
                            let mut hops: Vec<Hop> = head.iter().rev().copied().collect();
                            hops.extend_from_slice(tail);
                            paths.push(Path { hops });
                        }
                    }
                    paths.into_iter()
                })
                .collect();
            let mut paths = Vec::new();
            while paths.len() < options.limit {
                let before = paths.len();
                for routes in &mut through {
                    if paths.len() < options.limit
                        && let Some(path) = routes.next()
                    {
                        paths.push(path);
                    }
                }
                if paths.len() == before {
                    break;
                }
            }
            paths.sort_by_key(relation_order);
            return paths;
        }
    }

    /// The hops arriving at `node` that `options` allow, in file order:
    /// the mirror of [`KnowledgeGraph::steps_from`], for the search from
    /// the goal.
    fn steps_into(&self, node: NodeIndex, options: &PathOptions) -> Vec<Hop> {
        let graph = self.petgraph();
        let along = graph
            .edges_directed(node, Towards::Incoming)
            .map(|edge| Hop {
                relation: edge.id(),
                from: edge.source(),
                to: node,
                along: true,
            });
        let against = graph
            .edges_directed(node, Towards::Outgoing)
            .filter(|edge| !options.directed || !self.relation(edge.id()).directed())
            .map(|edge| Hop {
                relation: edge.id(),
                from: edge.target(),
                to: node,
                along: !self.relation(edge.id()).directed(),
            });
        let mut hops: Vec<Hop> = along
            .chain(against)
            .filter(|hop| hop.from != node && !options.avoid.contains(&hop.from))
            .filter(|hop| options.filter.accepts(self.relation(hop.relation)))
            .collect();
        hops.sort_by_key(|hop| hop.relation.index());
        hops
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
            .filter(|edge| !options.directed || !self.relation(edge.id()).directed())
            .map(|edge| Hop {
                relation: edge.id(),
                from: node,
                to: edge.source(),
                along: !self.relation(edge.id()).directed(),
            });
        let mut hops: Vec<Hop> = forward
            .chain(backward)
            .filter(|hop| hop.to != node && !options.avoid.contains(&hop.to))
            .filter(|hop| options.filter.accepts(self.relation(hop.relation)))
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

/// One end's search: how far each actor it reached is, the hops that
/// reach it on a shortest way from this end, and the actors reached last.
struct Side {
    seen: HashMap<NodeIndex, (usize, Vec<Hop>)>,
    frontier: Vec<NodeIndex>,
    level: usize,
}

impl Side {
    fn new(end: NodeIndex) -> Side {
        Side {
            seen: HashMap::from([(end, (0, Vec::new()))]),
            frontier: vec![end],
            level: 0,
        }
    }
}

/// Every chain of recorded hops from `node` back to `end` (at most
/// `limit`), each from `node` outwards; `next` says which end of a hop
/// leads on. Depth-first with an explicit stack: a path can be as long as
/// the graph, and recursion would overflow the thread's stack.
fn walk(
    node: NodeIndex,
    end: NodeIndex,
    seen: &HashMap<NodeIndex, (usize, Vec<Hop>)>,
    limit: usize,
    next: impl Fn(&Hop) -> NodeIndex,
) -> Vec<Vec<Hop>> {
    let arrivals = |at: NodeIndex| seen.get(&at).map_or(&[][..], |(_, hops)| hops.as_slice());
    let mut chains = Vec::new();
    let mut chosen: Vec<Hop> = Vec::new();
    let mut tried: Vec<usize> = vec![0];
    while let Some(&index) = tried.last() {
        let at = chosen.last().map_or(node, &next);
        if at == end {
            chains.push(chosen.clone());
            if chains.len() >= limit {
                break;
            }
        }
        match arrivals(at).get(index).filter(|_| at != end) {
            Some(&hop) => {
                if let Some(last) = tried.last_mut() {
                    *last += 1;
                }
                chosen.push(hop);
                tried.push(0);
            }
            None => {
                tried.pop();
                chosen.pop();
            }
        }
    }
    chains
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;

    fn hop(relation: usize, from: usize, to: usize) -> Hop {
        Hop {
            relation: EdgeIndex::new(relation),
            from: NodeIndex::new(from),
            to: NodeIndex::new(to),
            along: true,
        }
    }

    #[test]
    fn paths_through_the_same_actors_are_one_route_with_the_ways_at_each_hop() {
        let paths = [
            Path {
                hops: vec![hop(0, 0, 1), hop(1, 1, 2)],
            },
            Path {
                hops: vec![hop(0, 0, 1), hop(2, 1, 2)],
            },
            Path {
                hops: vec![hop(3, 0, 3), hop(4, 3, 2)],
            },
            Path {
                hops: vec![hop(0, 0, 1), hop(5, 1, 2)],
            },
        ];
        let routes = Route::of(&paths);
        assert_eq!(routes.len(), 2, "two distinct sequences of actors");
        let relations = |step: &[Hop]| step.iter().map(|h| h.relation.index()).collect::<Vec<_>>();
        assert_eq!(
            relations(&routes[0].steps[0]),
            [0],
            "one way to the first hop"
        );
        assert_eq!(
            relations(&routes[0].steps[1]),
            [1, 2, 5],
            "three at the second"
        );
        assert_eq!(routes[0].paths, 3);
        assert_eq!(relations(&routes[1].steps[1]), [4]);
        assert_eq!(routes[1].paths, 1);
    }

    fn graph() -> KnowledgeGraph {
        KnowledgeGraph::new(fixture::dataset()).expect("valid")
    }

    /// Every actor related to every other: more simple paths than anyone
    /// could read.
    fn complete(size: usize) -> KnowledgeGraph {
        let actors: Vec<String> = (0..size)
            .map(|i| format!("Actor(id: \"a{i}\", name: \"A{i}\", kind: Person)"))
            .collect();
        let mut relations = Vec::new();
        for i in 0..size {
            for j in 0..size {
                if i != j {
                    relations.push(format!(
                        "Relation(from: \"a{i}\", to: \"a{j}\", kind: \"knows\", label: \"knows\", status: Reported, stance: Neutral)"
                    ));
                }
            }
        }
        let text = format!(
            "Graph(title: \"complete\", actors: [{}], relations: [{}])",
            actors.join(","),
            relations.join(",")
        );
        KnowledgeGraph::new(crate::load::parse_str("complete.ron", &text).expect("valid"))
            .expect("graph")
    }

    #[test]
    fn the_k_shortest_stop_when_the_work_runs_out() {
        let graph = complete(12);
        let (a, b) = (
            graph.find_id("a0").expect("a0"),
            graph.find_id("a11").expect("a11"),
        );
        let options = PathOptions::default();
        let plenty = graph.k_shortest_paths_within(a, b, 200, &options, u64::MAX, &|| false);
        assert_eq!(plenty.paths.len(), 200);
        assert!(!plenty.cut);
        let short = graph.k_shortest_paths_within(a, b, 200, &options, 5_000, &|| false);
        assert!(short.cut, "the work ran out");
        assert!(!short.paths.is_empty() && short.paths.len() < 200);
        assert_eq!(short.paths[..], plenty.paths[..short.paths.len()]);
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
                graph.relation(hop.relation).kind(),
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

    /// Every shortest path by brute force: all simple paths, keep the
    /// shortest. The reference the two-ended search must agree with.
    fn brute_force(
        graph: &KnowledgeGraph,
        start: NodeIndex,
        goal: NodeIndex,
        options: &PathOptions,
    ) -> std::collections::BTreeSet<Vec<usize>> {
        let mut found: Vec<Vec<Hop>> = Vec::new();
        let mut stack: Vec<(NodeIndex, Vec<Hop>)> = vec![(start, Vec::new())];
        while let Some((node, hops)) = stack.pop() {
            if node == goal {
                found.push(hops);
                continue;
            }
            for hop in graph.steps_from(node, options) {
                let visited = hop.to == start || hops.iter().any(|h| h.to == hop.to);
                if !visited {
                    let mut longer = hops.clone();
                    longer.push(hop);
                    stack.push((hop.to, longer));
                }
            }
        }
        let shortest = found.iter().map(Vec::len).min();
        found
            .iter()
            .filter(|hops| Some(hops.len()) == shortest)
            .map(|hops| hops.iter().map(|h| h.relation.index()).collect())
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_two_ended_search_finds_exactly_the_shortest_paths(
            edges in proptest::collection::vec((0usize..9, 0usize..9, proptest::bool::ANY), 0..22),
            directed in proptest::bool::ANY,
            avoid in proptest::option::of(2usize..9),
        ) {
            let actors = (0..9)
                .map(|i| fixture::actor(&format!("n{i}"), "N", crate::model::ActorKind::Place))
                .collect();
            let relations = edges
                .iter()
                .map(|&(a, b, one_way)| {
                    let mut relation = fixture::relation(&format!("n{a}"), &format!("n{b}"), "r");
                    relation.directed = one_way;
                    relation
                })
                .collect();
            let graph = KnowledgeGraph::new(crate::model::Dataset {
                title: "random".into(),
                description: None,
                sources: Vec::new(),
                actors,
                relations,
            })
            .expect("valid");
            let options = PathOptions {
                directed,
                limit: usize::MAX,
                avoid: avoid.map(NodeIndex::new).into_iter().collect(),
                ..Default::default()
            };
            let (start, goal) = (NodeIndex::new(0), NodeIndex::new(1));
            let found: std::collections::BTreeSet<Vec<usize>> = graph
                .shortest_paths(start, goal, &options)
                .iter()
                .map(|p| p.hops.iter().map(|h| h.relation.index()).collect())
                .collect();
            proptest::prop_assert_eq!(found, brute_force(&graph, start, goal, &options));
        }
    }
}
