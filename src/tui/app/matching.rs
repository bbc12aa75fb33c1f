//! The actor list's fuzzy match: which actors a query lists and in what
//! order. On large graphs it runs on a worker thread, so typing never
//! waits for a hundred thousand names to be scored.

use std::cmp::Reverse;

use nucleo_matcher::Matcher;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};

use super::{ListedActor, Sort};
use crate::graph::{KnowledgeGraph, NodeIndex, Scope};
use crate::tui::filter;

/// How many actors are scored between looks at `cancelled`.
const CANCEL_CHECK_EVERY: usize = 4096;

/// The `candidates` inside `scope` that `query` matches (all of them for
/// an empty query), best match first, then in `sort` order, ties in file
/// order; `None` when `cancelled` says a newer query took over.
pub(super) fn match_actors(
    graph: &KnowledgeGraph,
    scope: &Scope,
    candidates: &[NodeIndex],
    query: &str,
    sort: Sort,
    matcher: &mut Matcher,
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<ListedActor>> {
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut scored: Vec<(u32, ListedActor)> = Vec::new();
    let mut buffer = Vec::new();
    for (index, &node) in candidates.iter().enumerate() {
        if index % CANCEL_CHECK_EVERY == 0 && cancelled() {
            return None;
        }
        if !scope.shows_actor(node) {
            continue;
        }
        if query.is_empty() {
            scored.push((
                0,
                ListedActor {
                    node,
                    matched: Vec::new(),
                },
            ));
            continue;
        }
        let actor = graph.actor(node);
        let mut matched = Vec::new();
        let name_score = pattern.indices(
            filter::haystack(&actor.name, &mut buffer),
            matcher,
            &mut matched,
        );
        let other_score = std::iter::once(&actor.id)
            .chain(&actor.aliases)
            .filter_map(|other| pattern.score(filter::haystack(other, &mut buffer), matcher))
            .max();
        let best = match (name_score, other_score) {
            (Some(name), Some(other)) if other > name => {
                matched.clear();
                Some(other)
            }
            (Some(name), _) => Some(name),
            (None, other) => {
                matched.clear();
                other
            }
        };
        if let Some(score) = best {
            matched.sort_unstable();
            matched.dedup();
            scored.push((score, ListedActor { node, matched }));
        }
    }
    // Keys are computed once per actor, not once per comparison.
    match sort {
        Sort::Degree => scored.sort_unstable_by_key(|(score, listed)| {
            (
                Reverse(*score),
                Reverse(graph.degree(listed.node).total()),
                listed.node,
            )
        }),
        Sort::Name => scored.sort_by_cached_key(|(score, listed)| {
            (
                Reverse(*score),
                graph.actor(listed.node).name.to_lowercase(),
                listed.node,
            )
        }),
    }
    Some(scored.into_iter().map(|(_, listed)| listed).collect())
}
