use super::{KnowledgeGraph, NodeIndex};
use crate::suggest;

/// What an actor named by a person (an id, a name, an alias or a part of
/// one) turned out to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one actor.
    Found(NodeIndex),
    /// Several actors fit equally well; the person must choose.
    Ambiguous(Vec<NodeIndex>),
    /// None fits; these are the closest names, best first.
    NotFound(Vec<NodeIndex>),
}

impl KnowledgeGraph {
    /// Finds the actor a person means by `query`: an exact id first, then a
    /// name or alias ignoring case, then names that contain the query
    /// (`lavrov` finds Sergey Lavrov). Separators `-`, `_`, `.` and spaces
    /// count as one.
    pub fn resolve(&self, query: &str) -> Resolution {
        let query = query.trim();
        if let Some(node) = self.find_id(query) {
            return Resolution::Found(node);
        }
        if let Some(found) = decide(self.find_name(query)) {
            return found;
        }
        let folded = suggest::fold(query);
        let names = |node: NodeIndex| {
            let actor = self.actor(node);
            std::iter::once(&actor.id)
                .chain(std::iter::once(&actor.name))
                .chain(&actor.aliases)
                .map(|name| suggest::fold(name))
                .collect::<Vec<_>>()
        };
        let exact: Vec<NodeIndex> = self
            .actors()
            .map(|(node, _)| node)
            .filter(|&node| names(node).contains(&folded))
            .collect();
        if let Some(found) = decide(exact) {
            return found;
        }
        if !folded.is_empty() {
            let partial: Vec<NodeIndex> = self
                .actors()
                .map(|(node, _)| node)
                .filter(|&node| names(node).iter().any(|name| name.contains(&folded)))
                .collect();
            if let Some(found) = decide(partial) {
                return found;
            }
        }
        let candidates: Vec<(NodeIndex, &str)> = self
            .actors()
            .flat_map(|(node, actor)| {
                [actor.id.as_str(), actor.name.as_str()]
                    .into_iter()
                    .chain(actor.aliases.iter().map(String::as_str))
                    .map(move |name| (node, name))
            })
            .collect();
        let mut suggestions: Vec<NodeIndex> = Vec::new();
        for name in suggest::closest(
            query,
            candidates.iter().map(|(_, name)| *name),
            candidates.len(),
        ) {
            if let Some(&(node, _)) = candidates.iter().find(|(_, candidate)| *candidate == name)
                && !suggestions.contains(&node)
            {
                suggestions.push(node);
            }
            if suggestions.len() == 3 {
                break;
            }
        }
        Resolution::NotFound(suggestions)
    }
}

fn decide(matches: Vec<NodeIndex>) -> Option<Resolution> {
    match matches.len() {
        0 => None,
        1 => Some(Resolution::Found(matches[0])),
        _ => Some(Resolution::Ambiguous(matches)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::fixture;

    fn ids(graph: &KnowledgeGraph, resolution: Resolution) -> (char, Vec<String>) {
        let (tag, nodes) = match resolution {
            Resolution::Found(node) => ('=', vec![node]),
            Resolution::Ambiguous(nodes) => ('?', nodes),
            Resolution::NotFound(nodes) => ('!', nodes),
        };
        (
            tag,
            nodes
                .into_iter()
                .map(|n| graph.actor(n).id.clone())
                .collect(),
        )
    }

    #[test]
    fn resolves_ids_names_aliases_and_unique_parts() {
        let graph = KnowledgeGraph::new(fixture::dataset()).expect("valid");
        for query in ["lavrov", "Sergey Lavrov", "LAVROV", "sergey", " gey lav "] {
            assert_eq!(
                ids(&graph, graph.resolve(query)),
                ('=', vec!["lavrov".into()]),
                "{query}"
            );
        }
        assert_eq!(
            ids(&graph, graph.resolve("al_shibani")),
            ('=', vec!["al-shibani".into()])
        );
    }

    #[test]
    fn ambiguous_parts_list_the_candidates() {
        let graph = KnowledgeGraph::new(fixture::dataset()).expect("valid");
        assert_eq!(
            ids(&graph, graph.resolve("al-sh")),
            ('?', vec!["al-shibani".into(), "al-sharaa".into()])
        );
    }

    #[test]
    fn misses_suggest_the_closest_names() {
        let graph = KnowledgeGraph::new(fixture::dataset()).expect("valid");
        assert_eq!(
            ids(&graph, graph.resolve("russa")),
            ('!', vec!["russia".into()])
        );
        assert_eq!(ids(&graph, graph.resolve("qqqqqq")), ('!', vec![]));
    }
}
