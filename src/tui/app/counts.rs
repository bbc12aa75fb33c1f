//! Relation counts that tell the truth under the filters, marked-only and
//! "as of": what each actor has *shown*, for the actor list, its sort, the
//! card and the stats table. The totals stay in the card ("3 shown of 8").

use std::sync::Arc;

use crate::graph::{Degree, KnowledgeGraph, NodeIndex, Scope};

/// Each actor's shown relations, by node index; `None` while the scope
/// shows everything, when the totals are the shown counts.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ShownDegrees(Option<Arc<Vec<Degree>>>);

impl ShownDegrees {
    /// Counts, in one pass over the relations, those `scope` shows.
    pub fn of(graph: &KnowledgeGraph, scope: &Scope) -> ShownDegrees {
        if *scope == Scope::default() {
            return ShownDegrees(None);
        }
        let mut degrees = vec![Degree::default(); graph.actor_count()];
        for (edge, relation) in graph.relations() {
            let (from, to) = graph.ends(edge);
            if !(scope.shows_actor(from) && scope.shows_actor(to) && scope.filter.accepts(relation))
            {
                continue;
            }
            if relation.directed() {
                degrees[from.index()].outgoing += 1;
                degrees[to.index()].incoming += 1;
            } else {
                degrees[from.index()].mutual += 1;
                if to != from {
                    degrees[to.index()].mutual += 1;
                }
            }
        }
        ShownDegrees(Some(Arc::new(degrees)))
    }

    /// The relations of `node` that are shown.
    pub fn get(&self, graph: &KnowledgeGraph, node: NodeIndex) -> Degree {
        match &self.0 {
            Some(degrees) => degrees.get(node.index()).copied().unwrap_or_default(),
            None => graph.degree(node),
        }
    }
}
