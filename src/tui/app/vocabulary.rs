//! What a graph uses, counted once: the filter menu lists these options
//! with their counts and the chips name them, at every frame, so they must
//! not cost a walk over a million relations each time.

use std::collections::{BTreeMap, BTreeSet};

use super::FilterOption;
use crate::graph::KnowledgeGraph;
use crate::model::{ActorKind, Stance, Status};

/// The actor kinds, statuses, stances and relation kinds a graph uses,
/// each with how many actors or relations have it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vocabulary {
    actor_kinds: BTreeMap<ActorKind, usize>,
    statuses: BTreeMap<Status, usize>,
    stances: BTreeMap<Stance, usize>,
    relation_kinds: BTreeMap<String, usize>,
}

impl Vocabulary {
    /// Counts everything in `graph`.
    pub fn of(graph: &KnowledgeGraph) -> Vocabulary {
        let mut vocabulary = Vocabulary::default();
        for (_, actor) in graph.actors() {
            *vocabulary
                .actor_kinds
                .entry(actor.kind.clone())
                .or_default() += 1;
        }
        for (_, relation) in graph.relations() {
            *vocabulary.statuses.entry(relation.status()).or_default() += 1;
            *vocabulary.stances.entry(relation.stance()).or_default() += 1;
            if let Some(count) = vocabulary.relation_kinds.get_mut(relation.kind()) {
                *count += 1;
            } else {
                vocabulary
                    .relation_kinds
                    .insert(relation.kind().to_owned(), 1);
            }
        }
        vocabulary
    }

    /// The actor kinds used.
    pub fn actor_kinds(&self) -> BTreeSet<ActorKind> {
        self.actor_kinds.keys().cloned().collect()
    }

    /// The statuses used.
    pub fn statuses(&self) -> BTreeSet<Status> {
        self.statuses.keys().copied().collect()
    }

    /// The stances used.
    pub fn stances(&self) -> BTreeSet<Stance> {
        self.stances.keys().copied().collect()
    }

    /// The relation kinds used.
    pub fn relation_kinds(&self) -> BTreeSet<String> {
        self.relation_kinds.keys().cloned().collect()
    }

    /// How many actors or relations an option of the filter menu covers.
    pub fn count(&self, option: &FilterOption) -> usize {
        let found = match option {
            FilterOption::ActorKind(kind) => self.actor_kinds.get(kind),
            FilterOption::Status(status) => self.statuses.get(status),
            FilterOption::Stance(stance) => self.stances.get(stance),
            FilterOption::RelationKind(kind) => self.relation_kinds.get(kind),
            FilterOption::Unrelated => None,
        };
        found.copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;

    #[test]
    fn counts_what_the_graph_uses_and_nothing_else() {
        let graph = KnowledgeGraph::new(fixture::dataset()).expect("valid");
        let vocabulary = Vocabulary::of(&graph);
        assert_eq!(
            vocabulary.count(&FilterOption::ActorKind(ActorKind::State)),
            3
        );
        assert_eq!(vocabulary.count(&FilterOption::Status(Status::Claimed)), 1);
        assert_eq!(vocabulary.count(&FilterOption::Status(Status::Denied)), 0);
        assert!(!vocabulary.statuses().contains(&Status::Denied));
        assert_eq!(
            vocabulary.count(&FilterOption::RelationKind("represents".into())),
            2
        );
        let total: usize = vocabulary
            .stances()
            .iter()
            .map(|s| vocabulary.count(&FilterOption::Stance(*s)))
            .sum();
        assert_eq!(total, graph.relation_count());
    }
}
