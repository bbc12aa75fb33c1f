use super::{EdgeIndex, KnowledgeGraph, NodeIndex, RelationFilter};

/// The part of the graph a person is looking at: the actors the filters
/// let through and the relations that pass the relation filter between two
/// of them. Every whole-graph view (neighbourhood, paths, timeline,
/// statistics) works within one, so a filter means the same thing in each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Actors shown, by node index; `None` shows every actor.
    pub shown: Option<Vec<bool>>,
    /// Relations shown (both ends must be shown too).
    pub filter: RelationFilter,
}

impl Scope {
    /// The scope showing the actors marked in `shown` (by node index) and
    /// the relations `filter` accepts among them.
    pub fn of(shown: Vec<bool>, filter: RelationFilter) -> Scope {
        let everyone = shown.iter().all(|&s| s);
        Scope {
            shown: (!everyone).then_some(shown),
            filter,
        }
    }

    /// True when the actor is inside the scope.
    pub fn shows_actor(&self, node: NodeIndex) -> bool {
        self.shown
            .as_ref()
            .is_none_or(|shown| shown.get(node.index()).copied().unwrap_or(false))
    }

    /// True when the relation and both its actors are inside the scope.
    pub fn shows_relation(&self, graph: &KnowledgeGraph, edge: EdgeIndex) -> bool {
        let (from, to) = graph.ends(edge);
        self.shows_actor(from) && self.shows_actor(to) && self.filter.accepts(graph.relation(edge))
    }
}
