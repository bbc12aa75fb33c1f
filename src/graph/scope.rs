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

/// What a person sees, as a data set of its own ([`KnowledgeGraph::subset`]).
#[derive(Debug)]
pub struct Subset {
    /// The shown actors, the relations among them and the sources cited.
    pub dataset: crate::model::Dataset,
    /// Actors not shown that a kept quote's `attributed_to` or a kept
    /// role's `of` named: the reference is left out rather than the actor
    /// added, and whoever writes the subset says so.
    pub unnamed: Vec<NodeIndex>,
}

impl KnowledgeGraph {
    /// The actors `listed` (by node index) that are inside `scope`, the
    /// relations among them that it shows, and the sources those cite: a
    /// data set of exactly what a person sees. A quote attributed to, or a
    /// role held of, an actor not shown loses that reference (the actor is
    /// named in [`Subset::unnamed`]), so the result loads without showing
    /// more than the view did.
    pub fn subset(&self, scope: &Scope, listed: &[bool]) -> Subset {
        let keep =
            |node: NodeIndex| scope.shows_actor(node) && listed.get(node.index()) == Some(&true);
        let mut unnamed = std::collections::BTreeSet::new();
        let mut kept_id = |id: &mut Option<String>| {
            let node = id.as_deref().and_then(|id| self.find_id(id));
            if let Some(node) = node.filter(|&node| !keep(node)) {
                unnamed.insert(node);
                *id = None;
            }
        };
        let mut relations: Vec<_> = self
            .relations()
            .filter(|(edge, relation)| {
                let (from, to) = self.ends(*edge);
                keep(from) && keep(to) && scope.filter.accepts(*relation)
            })
            .map(|(_, relation)| relation.to_relation())
            .collect();
        for evidence in relations.iter_mut().flat_map(|r| &mut r.evidence) {
            kept_id(&mut evidence.attributed_to);
        }
        let mut actors: Vec<_> = self
            .actors()
            .filter(|(node, _)| keep(*node))
            .map(|(_, actor)| actor.clone())
            .collect();
        for role in actors.iter_mut().flat_map(|actor| &mut actor.roles) {
            kept_id(&mut role.of);
        }
        let cited: std::collections::BTreeSet<&str> = relations
            .iter()
            .flat_map(|r| &r.evidence)
            .map(|e| e.source.as_str())
            .collect();
        let dataset = crate::model::Dataset {
            title: self.title().to_owned(),
            description: self.description().map(str::to_owned),
            sources: self
                .sources()
                .iter()
                .filter(|source| cited.contains(source.id.as_str()))
                .cloned()
                .collect(),
            actors,
            relations,
        };
        Subset {
            dataset,
            unnamed: unnamed.into_iter().collect(),
        }
    }
}
