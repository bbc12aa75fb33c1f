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

impl KnowledgeGraph {
    /// The actors `listed` (by node index) that are inside `scope`, the
    /// relations among them that it shows, and the sources those cite: a
    /// data set of what a person sees. Actors that a kept role or quote
    /// names (`of`, `attributed_to`) come along, so the result loads.
    pub fn subset(&self, scope: &Scope, listed: &[bool]) -> crate::model::Dataset {
        let keep =
            |node: NodeIndex| scope.shows_actor(node) && listed.get(node.index()) == Some(&true);
        let relations: Vec<_> = self
            .relations()
            .filter(|(edge, relation)| {
                let (from, to) = self.ends(*edge);
                keep(from) && keep(to) && scope.filter.accepts(*relation)
            })
            .map(|(_, relation)| relation.to_relation())
            .collect();
        let cited: std::collections::BTreeSet<&str> = relations
            .iter()
            .flat_map(|r| &r.evidence)
            .map(|e| e.source.as_str())
            .collect();
        let mut wanted: Vec<bool> = (0..self.actor_count())
            .map(|i| keep(NodeIndex::new(i)))
            .collect();
        let named: Vec<&str> = self
            .actors()
            .filter(|(node, _)| wanted[node.index()])
            .flat_map(|(_, actor)| actor.roles.iter().filter_map(|role| role.of.as_deref()))
            .chain(
                relations
                    .iter()
                    .flat_map(|r| &r.evidence)
                    .filter_map(|e| e.attributed_to.as_deref()),
            )
            .collect();
        for id in named {
            if let Some(node) = self.find_id(id) {
                wanted[node.index()] = true;
            }
        }
        crate::model::Dataset {
            title: self.title().to_owned(),
            description: self.description().map(str::to_owned),
            sources: self
                .sources()
                .iter()
                .filter(|source| cited.contains(source.id.as_str()))
                .cloned()
                .collect(),
            actors: self
                .actors()
                .filter(|(node, _)| wanted[node.index()])
                .map(|(_, actor)| actor.clone())
                .collect(),
            relations,
        }
    }
}
