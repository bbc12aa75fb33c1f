use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{KnowledgeGraph, NodeIndex, Scope};

/// Betweenness is exact up to this many actors; above it, it is estimated
/// from evenly spread sources, so that large graphs get an answer in
/// seconds rather than hours.
pub const EXACT_BETWEENNESS_LIMIT: usize = 1_000;

/// Most sources walked when betweenness is estimated.
const MOST_SOURCES: usize = 256;

/// Fewest sources walked when betweenness is estimated.
const FEWEST_SOURCES: usize = 16;

/// Steps (actors plus links visited) an estimate may take in all: each
/// source costs one walk over the graph, so big graphs get fewer sources.
const ESTIMATE_BUDGET: usize = 40_000_000;

/// How far a computation on another thread has got, and a way to stop it:
/// shared between the worker and the screen that shows its progress.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    /// Share of the work done, 0.0 to 1.0.
    pub fn fraction(&self) -> f64 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        self.done.load(Ordering::Relaxed) as f64 / total as f64
    }

    /// Asks the computation to stop; its result is then incomplete.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// True once [`Progress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// Who is central, and how: the measures of the statistics view and of
/// `kgx stats --centrality`, all computed within one [`Scope`].
#[derive(Clone, Debug, PartialEq)]
pub struct Centrality {
    /// PageRank (damping 0.85): where attention flows along the arrows;
    /// symmetric relations count both ways. Sums to 1 over shown actors.
    pub pagerank: Vec<f64>,
    /// Share of shortest paths between other actors that pass through this
    /// one, ignoring direction (0–1): the brokers of the story.
    pub betweenness: Vec<f64>,
    /// How many sources betweenness was estimated from; `None` when it is
    /// exact.
    pub betweenness_sources: Option<usize>,
    /// Connected component, numbered from 1 by size (1 is the largest);
    /// 0 for actors outside the scope.
    pub component: Vec<usize>,
    /// Relations with a cooperative stance (score above 0).
    pub cooperative: Vec<usize>,
    /// Relations with a hostile stance (score below 0).
    pub hostile: Vec<usize>,
    /// Sum of the stance scores of the actor's relations: positive when it
    /// mostly cooperates or is cooperated with.
    pub balance: Vec<i64>,
}

impl KnowledgeGraph {
    /// Centrality measures of every actor within `scope`. Actors outside
    /// it score 0 and are in component 0.
    pub fn centrality(&self, scope: &Scope) -> Centrality {
        self.centrality_tracked(scope, &Progress::default())
    }

    /// [`KnowledgeGraph::centrality`], reporting progress as it goes and
    /// stopping early (with an incomplete result) once `progress` is
    /// cancelled.
    pub fn centrality_tracked(&self, scope: &Scope, progress: &Progress) -> Centrality {
        let count = self.actor_count();
        let mut arrows: Vec<(u32, u32)> = Vec::new();
        let mut links: Vec<(u32, u32)> = Vec::new();
        let mut cooperative = vec![0; count];
        let mut hostile = vec![0; count];
        let mut balance = vec![0i64; count];
        for (edge, relation) in self.relations() {
            if !scope.shows_relation(self, edge) {
                continue;
            }
            let (from, to) = self.ends(edge);
            let (from, to) = (from.index(), to.index());
            let score = i64::from(relation.stance().score());
            let ends = if from == to {
                &[from][..]
            } else {
                &[from, to][..]
            };
            for &end in ends {
                balance[end] += score;
                if score > 0 {
                    cooperative[end] += 1;
                } else if score < 0 {
                    hostile[end] += 1;
                }
            }
            if from == to {
                continue;
            }
            let (from, to) = (node_number(from), node_number(to));
            arrows.push((from, to));
            if !relation.directed() {
                arrows.push((to, from));
            }
            links.push((from, to));
            links.push((to, from));
        }
        let successors = Adjacency::new(count, &arrows);
        drop(arrows);
        let neighbours = Adjacency::new(count, &links).deduplicated();
        drop(links);
        let shown: Vec<bool> = (0..count)
            .map(|i| scope.shows_actor(NodeIndex::new(i)))
            .collect();
        let (betweenness, betweenness_sources) = betweenness(&neighbours, &shown, progress);
        Centrality {
            pagerank: pagerank(&successors, &shown),
            betweenness,
            betweenness_sources,
            component: components(&neighbours, &shown),
            cooperative,
            hostile,
            balance,
        }
    }
}

/// An actor's position as the `u32` the adjacency arrays hold: petgraph's
/// indices are `u32`, so every actor fits.
fn node_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// Each actor's list of other actors, all in one array (compressed rows):
/// two allocations for the whole graph instead of one per actor, and walks
/// that read neighbours from contiguous memory.
struct Adjacency {
    /// Where each actor's list starts in `targets`; one more entry than
    /// actors, the last being the length of `targets`.
    starts: Vec<usize>,
    targets: Vec<u32>,
}

impl Adjacency {
    /// The lists of `count` actors holding each pair's second actor in its
    /// first actor's list, in the pairs' order.
    fn new(count: usize, pairs: &[(u32, u32)]) -> Self {
        let mut starts = vec![0usize; count + 1];
        for &(from, _) in pairs {
            starts[from as usize + 1] += 1;
        }
        for i in 0..count {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut targets = vec![0u32; pairs.len()];
        for &(from, to) in pairs {
            targets[next[from as usize]] = to;
            next[from as usize] += 1;
        }
        Adjacency { starts, targets }
    }

    /// The same lists sorted, each actor listed once: the simple graph
    /// betweenness and components are defined on.
    fn deduplicated(mut self) -> Self {
        let mut kept = 0;
        for node in 0..self.len() {
            let (start, end) = (self.starts[node], self.starts[node + 1]);
            self.targets[start..end].sort_unstable();
            self.starts[node] = kept;
            let mut last = None;
            for i in start..end {
                let target = self.targets[i];
                if last != Some(target) {
                    self.targets[kept] = target;
                    kept += 1;
                    last = Some(target);
                }
            }
        }
        let actors = self.len();
        self.starts[actors] = kept;
        self.targets.truncate(kept);
        self
    }

    /// How many actors have a list.
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The actors `node`'s list holds.
    fn of(&self, node: usize) -> &[u32] {
        &self.targets[self.starts[node]..self.starts[node + 1]]
    }
}

/// Power iteration until the scores move by less than 1e-10 in total (at
/// most 100 rounds). Actors with no way out share their score with all.
fn pagerank(successors: &Adjacency, shown: &[bool]) -> Vec<f64> {
    const DAMPING: f64 = 0.85;
    let count = shown.iter().filter(|&&s| s).count();
    let mut rank = vec![0.0; shown.len()];
    if count == 0 {
        return rank;
    }
    let share = 1.0 / count as f64;
    for (score, _) in rank.iter_mut().zip(shown).filter(|(_, s)| **s) {
        *score = share;
    }
    let mut next = vec![0.0; shown.len()];
    for _ in 0..100 {
        let dangling: f64 = (0..shown.len())
            .filter(|&i| shown[i] && successors.of(i).is_empty())
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - DAMPING) * share + DAMPING * dangling * share;
        for (i, score) in next.iter_mut().enumerate() {
            *score = if shown[i] { base } else { 0.0 };
        }
        for (i, &score) in rank.iter().enumerate() {
            let outs = successors.of(i);
            if outs.is_empty() {
                continue;
            }
            let part = DAMPING * score / outs.len() as f64;
            for &target in outs {
                next[target as usize] += part;
            }
        }
        let change: f64 = rank.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut rank, &mut next);
        if change < 1e-10 {
            break;
        }
    }
    rank
}

/// Threads an estimate of betweenness is shared between. Fixed rather than
/// taken from the machine, so that every machine adds the same partial
/// sums in the same order and prints the same figures.
const BETWEENNESS_THREADS: usize = 2;

/// Brandes' algorithm on the undirected simple graph, normalised by the
/// number of pairs of other actors. Above [`EXACT_BETWEENNESS_LIMIT`]
/// actors only evenly spaced sources are walked and the sums scaled up.
fn betweenness(
    neighbours: &Adjacency,
    shown: &[bool],
    progress: &Progress,
) -> (Vec<f64>, Option<usize>) {
    let count = neighbours.len();
    let members: Vec<usize> = (0..count).filter(|&i| shown[i]).collect();
    let n = members.len();
    if n < 3 {
        return (vec![0.0; count], None);
    }
    let estimated = n > EXACT_BETWEENNESS_LIMIT;
    let sources: Vec<usize> = if estimated {
        let walk = n + neighbours.targets.len();
        let sample = (ESTIMATE_BUDGET / walk.max(1)).clamp(FEWEST_SOURCES, MOST_SOURCES);
        let step = n as f64 / sample as f64;
        (0..sample)
            .map(|k| members[(k as f64 * step) as usize])
            .collect()
    } else {
        members
    };
    progress.total.store(sources.len(), Ordering::Relaxed);
    let mut score = dependencies_summed(neighbours, &sources, BETWEENNESS_THREADS, progress);
    if !progress.is_cancelled() {
        progress.done.store(sources.len(), Ordering::Relaxed);
    }
    let scale = n as f64 / sources.len() as f64 / ((n - 1) * (n - 2)) as f64;
    for value in &mut score {
        *value *= scale;
    }
    (score, estimated.then_some(sources.len()))
}

/// Each actor's dependency summed over walks from every source, the
/// sources split into `threads` runs of consecutive sources whose sums are
/// added in run order.
fn dependencies_summed(
    neighbours: &Adjacency,
    sources: &[usize],
    threads: usize,
    progress: &Progress,
) -> Vec<f64> {
    let run = sources.len().div_ceil(threads.max(1)).max(1);
    let mut sums = std::thread::scope(|scope| {
        let walkers: Vec<_> = sources
            .chunks(run)
            .map(|chunk| scope.spawn(move || dependencies(neighbours, chunk, progress)))
            .collect();
        walkers
            .into_iter()
            .map(|walker| {
                walker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect::<Vec<_>>()
    })
    .into_iter();
    let mut total = sums.next().unwrap_or_else(|| vec![0.0; neighbours.len()]);
    for sum in sums {
        for (value, part) in total.iter_mut().zip(sum) {
            *value += part;
        }
    }
    total
}

/// One thread's share of Brandes' walks: the dependency of every actor on
/// the walks from `sources`, summed. Stops between walks once cancelled.
fn dependencies(neighbours: &Adjacency, sources: &[usize], progress: &Progress) -> Vec<f64> {
    let count = neighbours.len();
    let mut score = vec![0.0; count];
    let mut distance = vec![u32::MAX; count];
    let mut paths = vec![0.0f64; count];
    let mut dependency = vec![0.0f64; count];
    // The walk's order of visit, which is also its queue: actors are
    // appended as found and read from `head` on.
    let mut order: Vec<u32> = Vec::new();
    for &source in sources {
        if progress.is_cancelled() {
            break;
        }
        order.clear();
        distance[source] = 0;
        paths[source] = 1.0;
        order.push(node_number(source));
        let mut head = 0;
        while let Some(&node) = order.get(head) {
            head += 1;
            let node = node as usize;
            let further = distance[node] + 1;
            for &next in neighbours.of(node) {
                let next = next as usize;
                if distance[next] == u32::MAX {
                    distance[next] = further;
                    order.push(node_number(next));
                }
                if distance[next] == further {
                    paths[next] += paths[node];
                }
            }
        }
        for &node in order.iter().rev() {
            let node = node as usize;
            let Some(nearer) = distance[node].checked_sub(1) else {
                continue;
            };
            let share = (1.0 + dependency[node]) / paths[node];
            for &previous in neighbours.of(node) {
                let previous = previous as usize;
                if distance[previous] == nearer {
                    dependency[previous] += paths[previous] * share;
                }
            }
            score[node] += dependency[node];
        }
        for &node in &order {
            let node = node as usize;
            distance[node] = u32::MAX;
            paths[node] = 0.0;
            dependency[node] = 0.0;
        }
        progress.done.fetch_add(1, Ordering::Relaxed);
    }
    score
}

/// Component numbers from 1, largest first (ties by first actor).
fn components(neighbours: &Adjacency, shown: &[bool]) -> Vec<usize> {
    let count = neighbours.len();
    let mut group = vec![usize::MAX; count];
    let mut sizes: Vec<(usize, usize)> = Vec::new();
    let mut stack = Vec::new();
    for start in (0..count).filter(|&i| shown[i]) {
        if group[start] != usize::MAX {
            continue;
        }
        let id = sizes.len();
        group[start] = id;
        stack.push(start);
        let mut size = 0;
        while let Some(node) = stack.pop() {
            size += 1;
            for &next in neighbours.of(node) {
                let next = next as usize;
                if group[next] == usize::MAX {
                    group[next] = id;
                    stack.push(next);
                }
            }
        }
        sizes.push((size, id));
    }
    sizes.sort_by_key(|&(size, id)| (std::cmp::Reverse(size), id));
    let mut rank = vec![0; sizes.len()];
    for (position, &(_, id)) in sizes.iter().enumerate() {
        rank[id] = position + 1;
    }
    group
        .iter()
        .map(|&id| if id == usize::MAX { 0 } else { rank[id] })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;
    use crate::model::{ActorKind, Dataset, Stance};

    fn star_and_pair() -> KnowledgeGraph {
        // hub -> a, hub -> b, hub -> c; d <-> e apart.
        let actors = ["hub", "a", "b", "c", "d", "e"]
            .iter()
            .map(|id| fixture::actor(id, id, ActorKind::Person))
            .collect();
        let mut relations: Vec<_> = ["a", "b", "c"]
            .iter()
            .map(|to| fixture::relation("hub", to, "leads"))
            .collect();
        relations.push(fixture::relation("d", "e", "met_with"));
        KnowledgeGraph::new(Dataset {
            title: "t".into(),
            description: None,
            sources: Vec::new(),
            actors,
            relations,
        })
        .expect("valid")
    }

    #[test]
    fn a_cancelled_computation_stops_early() {
        let graph = star_and_pair();
        let progress = Progress::default();
        progress.cancel();
        let c = graph.centrality_tracked(&Scope::default(), &progress);
        assert!(c.betweenness.iter().all(|&b| b == 0.0), "no source walked");
        assert!(progress.fraction() < 1.0);
    }

    #[test]
    fn the_centre_of_a_star_brokers_every_path() {
        let graph = star_and_pair();
        let c = graph.centrality(&Scope::default());
        let hub = graph.find_id("hub").expect("hub").index();
        // Among 6 actors, 3 pairs of leaves (each counted both ways) pass
        // through the hub, out of 5×4 ordered pairs of others.
        assert!((c.betweenness[hub] - 6.0 / 20.0).abs() < 1e-9);
        assert!(
            c.betweenness
                .iter()
                .enumerate()
                .all(|(i, &b)| i == hub || b == 0.0)
        );
        assert_eq!(c.betweenness_sources, None, "exact on a small graph");
    }

    #[test]
    fn walks_shared_between_threads_add_up_to_the_walks_of_one() {
        let graph =
            KnowledgeGraph::new(crate::synthetic::generate(&crate::synthetic::GenOptions {
                actors: 300,
                relations: 2_000,
                seed: 7,
            }))
            .expect("valid");
        let links: Vec<(u32, u32)> = graph
            .relations()
            .map(|(edge, _)| graph.ends(edge))
            .filter(|(from, to)| from != to)
            .flat_map(|(from, to)| {
                let (from, to) = (node_number(from.index()), node_number(to.index()));
                [(from, to), (to, from)]
            })
            .collect();
        let neighbours = Adjacency::new(graph.actor_count(), &links).deduplicated();
        let sources: Vec<usize> = (0..graph.actor_count()).collect();
        let progress = Progress::default();
        let alone = dependencies_summed(&neighbours, &sources, 1, &progress);
        let shared = dependencies_summed(&neighbours, &sources, 3, &progress);
        assert!(alone.iter().any(|&value| value > 0.0));
        for (one, three) in alone.iter().zip(&shared) {
            assert!(
                (one - three).abs() <= 1e-9 * one.abs().max(1.0),
                "{one} vs {three}"
            );
        }
    }

    #[test]
    fn repeated_and_mutual_relations_are_one_neighbour() {
        let neighbours =
            Adjacency::new(3, &[(0, 2), (0, 1), (0, 2), (2, 0), (1, 0)]).deduplicated();
        assert_eq!(neighbours.of(0), &[1, 2]);
        assert_eq!(neighbours.of(1), &[0]);
        assert_eq!(neighbours.of(2), &[0]);
    }

    #[test]
    fn pagerank_flows_along_arrows_and_sums_to_one() {
        let graph = star_and_pair();
        let c = graph.centrality(&Scope::default());
        let sum: f64 = c.pagerank.iter().sum();
        assert!((sum - 1.0).abs() < 1e-6, "{sum}");
        let id = |name: &str| graph.find_id(name).expect("actor").index();
        assert!(c.pagerank[id("a")] > c.pagerank[id("hub")]);
    }

    #[test]
    fn components_are_numbered_by_size() {
        let graph = star_and_pair();
        let c = graph.centrality(&Scope::default());
        let id = |name: &str| graph.find_id(name).expect("actor").index();
        assert_eq!(c.component[id("hub")], 1);
        assert_eq!(c.component[id("a")], 1);
        assert_eq!(c.component[id("d")], 2);
    }

    #[test]
    fn the_scope_removes_actors_and_relations() {
        let graph = star_and_pair();
        let hub = graph.find_id("hub").expect("hub");
        let mut shown = vec![true; graph.actor_count()];
        shown[hub.index()] = false;
        let c = graph.centrality(&Scope {
            shown: Some(shown),
            ..Scope::default()
        });
        assert_eq!(c.component[hub.index()], 0);
        assert_eq!(c.pagerank[hub.index()], 0.0);
        let sum: f64 = c.pagerank.iter().sum();
        assert!((sum - 1.0).abs() < 1e-6);
        // Without the hub, its leaves are five separate components.
        let a = graph.find_id("a").expect("a").index();
        assert!(c.component[a] >= 2);
    }

    #[test]
    fn stances_add_up_to_a_balance() {
        let graph = KnowledgeGraph::new(fixture::dataset()).expect("valid");
        let c = graph.centrality(&Scope::default());
        let id = |name: &str| graph.find_id(name).expect("actor").index();
        // Syria was struck (violent) and takes part in neutral relations.
        assert_eq!((c.hostile[id("syria")], c.cooperative[id("syria")]), (1, 0));
        assert_eq!(c.balance[id("syria")], i64::from(Stance::Violent.score()));
        assert_eq!(c.cooperative[id("al-shibani")], 1);
        assert!(c.balance[id("al-shibani")] > 0);
    }
}
